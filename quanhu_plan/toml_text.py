"""Where things sit in a TOML text: its tables and array tables, and the ``key = value``
statements in each, as character spans. Pure: no I/O.

This is not a TOML parser (``tomllib`` reads the values); it finds boundaries, so that a change
can rewrite the few spans it touches and leave every other character as it was: comments, blank
lines, key order, quoting, multi-line strings, line endings.

A text is cut into blocks. A block starts with a header whose key path has one part (``[plan]``,
``[[item]]``, ``[[removed]]``) and runs to the next such header; the headers of its sub-tables
(``[[item.log]]``, ``[[removed.item]]``) stay inside it. The blank and comment lines just above a
header belong to the block that header starts (they usually speak of it), so a block that is
moved or removed takes its comment with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain
from operator import methodcaller

from .slotted import Plain

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SPACE = " \t"


class Unreadable(ValueError):
    """The text is laid out in a way this module does not follow (the caller rewrites it)."""


class Statement(Plain):
    """``key = value`` (the value may span lines), with its trailing comment and line end."""

    __slots__ = ("start", "key", "value_start", "value_end", "end")

    def __init__(
        self, start: int, key: tuple[str, ...], value_start: int, value_end: int, end: int
    ):
        self.start = start  # the start of its line
        self.key = key
        self.value_start, self.value_end = value_start, value_end
        self.end = end  # after its line end (or the end of the text)


class Header(Plain):
    __slots__ = ("start", "path", "array", "end")

    def __init__(self, start: int, path: tuple[str, ...], array: bool, end: int):
        self.start = start  # the start of its line
        self.path = path
        self.array = array
        self.end = end  # after its line end


class Table:
    """A header and the statements under it, up to the next header. The statements of a table
    that ``Layout.tables`` only located are read when first asked for."""

    __slots__ = ("header", "_statements", "lead", "end", "_source")

    def __init__(
        self,
        header: Header | None,  # None: the keys before the first header
        statements: list[Statement] | None = None,
        lead: int = 0,  # where the blank and comment lines above the header start
        end: int = 0,  # after the last line that belongs to it (its trailing comments go on)
        source: tuple[str, int, int] | None = None,  # (text, start, stop) not read yet
    ):
        self.header = header
        self._statements = statements if statements is not None or source else []
        self.lead, self.end, self._source = lead, end, source

    @property
    def statements(self) -> list[Statement]:
        if self._statements is None:
            assert self._source is not None
            text, start, stop = self._source
            tables = scan(text, start, stop)
            if len(tables) != 1 or tables[0].header is None:
                raise Unreadable("a table that is not one table")
            self._statements = tables[0].statements
        return self._statements

    @property
    def path(self) -> tuple[str, ...]:
        return self.header.path if self.header else ()

    def statement(self, key: str) -> Statement | None:
        return next((s for s in self.statements if s.key == (key,)), None)


class Layout:
    """The top-level blocks of a text: where each starts and ends. Blocks are cut at their
    header lines; the blank and comment lines above a header go with the block below them,
    worked out only for the blocks asked about (a long plan has thousands).

    A text without multi-line strings is cut by finding its header lines (``[`` at a line's
    start), and a block's sub-tables are read only when asked for (an item's long log is not
    read to change one of its fields); one with them is read line by line, so that nothing
    inside a string is taken for a header. Raises ``Unreadable`` on a layout it does not
    follow; with ``flat_only``, also on a text with multi-line strings."""

    def __init__(self, text: str, *, flat_only: bool = False):
        self.text = text
        # Each block's header: where its line starts, and (its path, whether it is [[…]], the
        # length of its line with the line end), one tuple shared by every line alike: a long
        # plan has a hundred thousand [[item]] lines, and a Header object each would cost more
        # than finding them.
        self._starts: list[int] = []
        self._kinds: list[tuple[tuple[str, ...], bool, int]] = []
        # No multi-line strings: every line that starts with [ is a header.
        self._flat = False
        if not _has_triple_quotes(text):
            try:
                self._flat = True
                self._find_headers()
            except Unreadable:
                # A line starting with [ that is no header: an array over lines whose items
                # are arrays (an unknown field's ``grid = [\n  [1, 2],\n]``): read line by line.
                if flat_only:
                    raise
                self._flat = False
                self._starts.clear()
                self._kinds.clear()
        if not self._flat:
            if flat_only:  # the caller reads a text with multi-line strings otherwise
                raise Unreadable("multi-line strings")
            tables = scan(text)
            if tables and tables[0].header is None and tables[0].statements:
                raise Unreadable("keys before the first table")
            for header in (t.header for t in tables if t.header is not None):
                path = header.path
                if len(path) > 1 and self._kinds and self._kinds[-1][0][0] == path[0]:
                    continue  # a sub-table: part of the block above
                self._starts.append(header.start)
                self._kinds.append((path, header.array, header.end - header.start))
        self._content_end: int | None = None

    def _find_headers(self) -> None:
        """The block headers of a text without multi-line strings: every line that starts
        with [ (after spaces) is a header. A block's sub-tables ([[item.log]] under [[item]])
        are skipped by the search itself, and a header line seen before is not parsed again."""
        text, starts, kinds = self.text, self._starts, self._kinds
        known, root, at = _KNOWN_HEADERS, None, 0
        pattern: re.Pattern[str] | None = _HEADER_LINE
        # The patterns find a header after the line end before it; the first line has none.
        first = _FIRST_HEADER_LINE.match(text)
        while pattern is not None:
            found: Iterable[re.Match[str]] = pattern.finditer(text, at)
            if first is not None:
                found, first = chain((first,), found), None
            pattern = None
            last_line: str | None = None
            kind: tuple[tuple[str, ...], bool, int] | None = None
            odd = False
            for match in found:
                line = match.group(1)
                if line != last_line:  # runs of [[item]] lines: looked up once
                    last_line, seen = line, known.get(line)
                    if seen is None:
                        start = match.start(1)
                        header = _header(text, start, start + len(line) - len(line.lstrip(_SPACE)))
                        seen = (header.path, header.array)
                        if len(known) < 256:
                            known[line] = seen
                    path = seen[0]
                    # None: a sub-table, part of the block above
                    kind = None if len(path) > 1 and path[0] == root else (*seen, len(line) + 1)
                    # (not the many [[item]] lines; an array's item that reads as an item's
                    # header, `[["item"]]`, is none of them)
                    odd = kind is not None and (path != ("item",) or line.strip() != "[[item]]")
                if kind is None:
                    continue
                start = match.start(1)
                if odd and closes_an_array(text, start):
                    raise Unreadable(f"an array's item read as a header at {start}")
                if not starts and _has_keys(text[:start]):
                    raise Unreadable("keys before the first table")
                starts.append(start)
                kinds.append(kind)
                if kind[0][0] != root:  # search on for headers that are not under this root
                    root, at, pattern = kind[0][0], match.end(1), _header_not_under(kind[0][0])
                    break

    def __len__(self) -> int:
        return len(self._starts)

    def header(self, index: int) -> Header:
        path, array, length = self._kinds[index]
        start = self._starts[index]
        return Header(start, path, array, min(start + length, len(self.text)))

    @property
    def headers(self) -> list[Header]:
        return [self.header(n) for n in range(len(self._starts))]

    def root(self, index: int) -> str:
        return self._kinds[index][0][0]

    def blocks_of(self, roots: tuple[str, ...]) -> list[list[int]]:
        """The blocks of each of these roots (``[[item]]``: "item"), in order."""
        found: dict[str, list[int]] = {root: [] for root in roots}
        for n, kind in enumerate(self._kinds):
            bucket = found.get(kind[0][0])
            if bucket is not None:
                bucket.append(n)
        return [found[root] for root in roots]

    def all_arrays(self, blocks: list[int]) -> bool:
        """Whether each of these blocks starts with an array-of-tables header (``[[…]]``)."""
        kinds = self._kinds
        return all(kinds[n][1] for n in blocks)

    def start(self, index: int) -> int:
        """Where block ``index`` starts: the blank and comment lines above its header."""
        return _lead(self.text, self._starts[index])

    def end(self, index: int) -> int:
        """Where block ``index`` ends: where the next one starts, or after the last content."""
        if index + 1 < len(self._starts):
            return self.start(index + 1)
        return self.content_end

    @property
    def content_end(self) -> int:
        """After the last line that is neither blank nor a comment."""
        if self._content_end is None:
            count = len(self._starts)
            last = self._starts[-1] if count else 0
            if self._flat and count:
                # No multi-line string: the lines after the last content are blank or comments.
                self._content_end = max(_lead(self.text, len(self.text)), self.header(-1).end)
            else:
                tables = scan(self.text, last)
                self._content_end = tables[-1].end if tables else last
        return self._content_end

    def tables(self, index: int) -> list[Table]:
        """The tables of one block, its header's first. Without multi-line strings, the
        sub-tables are located by their header lines and read when asked for."""
        start, stop = self.start(index), self.end(index)
        if not self._flat:
            tables = scan(self.text, start, stop)
            if not tables or tables[0].header is None:
                raise Unreadable("a block without its header")
            return tables
        return self.located(index).tables()

    def located(self, index: int) -> Located:
        """The tables of one block (``tables``) as a ``Located``: without multi-line strings,
        its sub-tables are known by their header lines and made when asked for."""
        start, stop = self.start(index), self.end(index)
        if not self._flat:
            return Located.of(self.tables(index))
        text, header = self.text, self.header(index)
        found = list(_HEADER_LINE.finditer(text, header.end - 1, stop))
        tables = scan(text, start, found[0].start(1) if found else stop)
        if len(tables) != 1 or tables[0].header is None:
            raise Unreadable("a block without its header")
        # Each header line's path, the line parsed once for all lines alike (``_header_at``), at
        # its first: an item's long log is hundreds of one line, gone over in C, not a loop.
        heads = list(map(_START_1, found))
        lines = list(map(_GROUP_1, found))
        first_at = dict(zip(reversed(lines), reversed(heads), strict=True))  # (each one's first)
        seen = {
            line: _header_at(text, first_at[line]).path
            for line in sorted(first_at, key=first_at.__getitem__)
        }
        return Located(text, tables[0], heads, list(map(seen.__getitem__, lines)), stop)


class Located:
    """The tables of one block (``Layout.located``): its header's table (``main``), and its
    sub-tables known by where their header lines start and their paths, each made when asked
    for (``sub``): an item's long log has a sub-table for each of its entries, and a change of
    the item asks for few of them. ``tables`` makes them all, as ``Layout.tables`` gives them."""

    __slots__ = ("text", "main", "heads", "paths", "stop", "made")

    def __init__(
        self,
        text: str,
        main: Table,
        heads: list[int],
        paths: list[tuple[str, ...]],
        stop: int,
        made: list[Table] | None = None,
    ):
        self.text, self.main, self.heads, self.paths, self.stop = text, main, heads, paths, stop
        self.made = made  # the sub-tables, where they were made already

    @classmethod
    def of(cls, tables: list[Table]) -> Located:
        """Tables already made (a block's, header's first), as a ``Located``."""
        subs = tables[1:]
        return cls("", tables[0], [], [t.path for t in subs], tables[-1].end, subs)

    def sub(self, k: int) -> Table:
        """The ``k``-th sub-table (from 0)."""
        if self.made is not None:
            return self.made[k]
        text, head = self.text, self.heads[k]
        end = self._end(k)
        return Table(_header_at(text, head), None, self._end(k - 1), end, (text, head, end))

    def _end(self, k: int) -> int:
        """Where the ``k``-th sub-table ends (-1: the header's table): where the lead of the next
        header line starts, or the block's end, and never before its own header line's end."""
        if k < 0:
            return self.main.end
        heads = self.heads
        after = _lead(self.text, heads[k + 1]) if k + 1 < len(heads) else self.stop
        line_end = self.text.find("\n", heads[k])
        return max(after, len(self.text) if line_end < 0 else line_end + 1)

    @property
    def end(self) -> int:
        """Where the last of the tables ends."""
        if self.made is not None:
            return self.made[-1].end if self.made else self.main.end
        return self._end(len(self.heads) - 1)

    def tables(self) -> list[Table]:
        """All the tables of the block, its header's first."""
        if self.made is not None:
            return [self.main, *self.made]
        text, heads, stop, tables = self.text, self.heads, self.stop, [self.main]
        for k, head in enumerate(heads, 1):  # (``_end`` of each, its header line read once)
            sub = _header_at(text, head)
            end = max(_lead(text, heads[k]) if k < len(heads) else stop, sub.end)
            tables.append(Table(sub, None, tables[-1].end, end, (text, head, end)))
        return tables


# A line and the next that is not blank nor a comment, which starts with ] or ,: the line is
# an array's item (``other = [\n  ["y"]\n]``, ``[\n  ["y"]\n  , ["z"]\n]``), though it reads
# as a header; no header's next line may start so.
_CLOSED_BELOW = r"[^\n]*\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*[\],]"
_CLOSED_BELOW_IN_TEXT = re.compile(_CLOSED_BELOW)
_CLOSED_BELOW_IN_BYTES = re.compile(_CLOSED_BELOW.encode())


def closes_an_array(text: str | bytes, line_start: int) -> bool:
    """Whether the line at ``line_start``, which reads as a header (``["y"]``), is an item of
    an array written over lines, the array's ] or the comma after the item below it: a text
    without multi-line strings is cut at the lines that start with [, and this one is none."""
    if isinstance(text, bytes):
        return _CLOSED_BELOW_IN_BYTES.match(text, line_start) is not None
    return _CLOSED_BELOW_IN_TEXT.match(text, line_start) is not None


def _has_triple_quotes(text: str) -> bool:
    """Whether ``text`` has a triple quote (a multi-line string may start there)."""
    # Most plans have no single quote, and a one-character search is a fast scan; a longer one
    # takes a millisecond on a long Chinese text.
    return '"""' in text or ("'" in text and "'''" in text)


def newline_of(text: str) -> str:
    """The line end a text uses: CRLF where most of its lines end so (a Notepad-saved plan),
    else LF; a line or two pasted with CRLF into an LF file do not make the lines written
    after them CRLF."""
    if "\r" not in text:  # (a fast scan: most plans)
        return "\n"
    return "\r\n" if 2 * text.count("\r\n") > text.count("\n") else "\n"


def newline_of_bytes(data: bytes) -> bytes:
    """``newline_of`` of a text given as its bytes (UTF-8: a line end is the same bytes)."""
    if b"\r" not in data:
        return b"\n"
    return b"\r\n" if 2 * data.count(b"\r\n") > data.count(b"\n") else b"\n"


# A date-time may have a space between the date and the time (2023-05-01 09:00:00+08:00).
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?")
# A header line, without its line end: [ at the start of a line, after spaces (found after the
# \n before it; the first line of a text, which has none, is matched on its own).
_HEADER_LINE = re.compile(r"\n([ \t]*\[[^\n]*)")
_START_1 = methodcaller("start", 1)  # (of a match of it: where the header line starts)
_GROUP_1 = methodcaller("group", 1)
_FIRST_HEADER_LINE = re.compile(r"([ \t]*\[[^\n]*)")
_NOT_UNDER: dict[str, re.Pattern[str]] = {}


def _header_not_under(root: str) -> re.Pattern[str]:
    """``_HEADER_LINE`` for a header that is not plainly a sub-table of ``root`` ([[item.log]]
    under [[item]]); one written otherwise ([ "item" . log ]) is found and told apart by its
    parsed path."""
    pattern = _NOT_UNDER.get(root)
    if pattern is None:
        name = re.escape(root) if _BARE.fullmatch(root) else "(?!)"
        pattern = re.compile(rf"\n([ \t]*\[(?!\[?[ \t]*{name}[ \t]*\.)[^\n]*)")
        if len(_NOT_UNDER) < 64:
            _NOT_UNDER[root] = pattern
    return pattern


_KNOWN_HEADERS: dict[str, tuple[tuple[str, ...], bool]] = {}


def _header_at(text: str, start: int) -> Header:
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop + 1
    line = text[start:stop]
    known = _KNOWN_HEADERS.get(line)
    if known is None:
        header = _header(text, start, start + len(line) - len(line.lstrip(_SPACE)))
        if len(_KNOWN_HEADERS) < 256:
            _KNOWN_HEADERS[line] = (header.path, header.array)
        return header
    return Header(start, known[0], known[1], stop)


def _has_keys(text: str) -> bool:
    # Lines end at \n alone, as in TOML: U+2028 in a comment (pasted from Word) is no line end.
    return any(line.strip() and not line.strip().startswith("#") for line in text.split("\n"))


def _lead(text: str, line_start: int) -> int:
    """Where the blank and comment lines right above a line start."""
    lead = line_start
    while lead > 0:
        previous = text.rfind("\n", 0, lead - 1) + 1
        line = text[previous:lead].strip()
        if line and not line.startswith("#"):
            break
        lead = previous
    return lead


def scan(text: str, start: int = 0, stop: int | None = None) -> list[Table]:
    """The tables of ``text[start:stop]`` in order; the first has no header when keys (or only
    comments) come before the first header. Raises ``Unreadable`` on text it cannot follow."""
    stop = len(text) if stop is None else stop
    tables = [Table(None, lead=start, end=start)]
    position = start
    last_content_end = start  # after the last header or statement: trivia after it may lead on
    while position < stop:
        line_start = position
        position = _skip(text, position, _SPACE)
        if position >= stop:
            break
        char = text[position]
        if char in "\r\n":
            position = _line_end(text, position)
            continue
        if char == "#":
            position = _line_end(text, _to_line_end(text, position))
            continue
        if char == "[":
            header = _header(text, line_start, position)
            tables[-1].end = last_content_end
            tables.append(Table(header, lead=last_content_end, end=header.end))
            position = last_content_end = header.end
            continue
        statement = _statement(text, line_start, position)
        tables[-1].statements.append(statement)
        position = last_content_end = statement.end
    tables[-1].end = max(last_content_end, tables[-1].end)
    if tables[0].header is None and not tables[0].statements:
        first = tables.pop(0)
        if tables:
            tables[0].lead = first.lead
    return tables


# ---------------------------------------------------------------- reading pieces


def _skip(text: str, position: int, chars: str) -> int:
    while position < len(text) and text[position] in chars:
        position += 1
    return position


def _to_line_end(text: str, position: int) -> int:
    """The position of the line end at or after ``position`` (or the end of the text)."""
    found = text.find("\n", position)
    if found < 0:
        return len(text)
    return found - 1 if found > position and text[found - 1] == "\r" else found


def _line_end(text: str, position: int) -> int:
    """After the line end at ``position`` (``\\r\\n`` or ``\\n``)."""
    if text.startswith("\r\n", position):
        return position + 2
    if position < len(text) and text[position] == "\n":
        return position + 1
    return position


def _finish_line(text: str, position: int) -> int:
    """After a value or header: spaces, an optional comment, then the line end."""
    position = _skip(text, position, _SPACE)
    if position < len(text) and text[position] == "#":
        position = _to_line_end(text, position)
    if position < len(text) and text[position] not in "\r\n":
        raise Unreadable(f"more after a value at {position}")
    return _line_end(text, position)


def _key(text: str, position: int) -> tuple[tuple[str, ...], int]:
    parts: list[str] = []
    while True:
        position = _skip(text, position, _SPACE)
        if position >= len(text):
            raise Unreadable("a key runs off the end")
        char = text[position]
        if char in "\"'":
            end = string_end(text, position)
            parts.append(_decode_key(text[position:end]))
            position = end
        else:
            match = _BARE.match(text, position)
            if not match:
                raise Unreadable(f"no key at {position}")
            parts.append(match.group())
            position = match.end()
        position = _skip(text, position, _SPACE)
        if position < len(text) and text[position] == ".":
            position += 1
            continue
        return tuple(parts), position


def _decode_key(quoted: str) -> str:
    import tomllib

    return next(iter(tomllib.loads(f"{quoted} = 0")))


def header_key_span(text: str, header: Header) -> tuple[int, int]:
    """Where ``header``'s key path starts and ends inside its brackets: what is around it on
    its line (the indent, the brackets and spaces inside them, a comment, the line end) is kept
    when the header is renamed."""
    opening = _skip(text, header.start, _SPACE) + (2 if header.array else 1)
    start = _skip(text, opening, _SPACE)
    _, position = _key(text, start)
    while position > start and text[position - 1] in _SPACE:
        position -= 1
    return start, position


def _header(text: str, line_start: int, position: int) -> Header:
    array = text.startswith("[[", position)
    path, position = _key(text, position + (2 if array else 1))
    closing = "]]" if array else "]"
    if not text.startswith(closing, position):
        raise Unreadable(f"a header without {closing} at {position}")
    return Header(line_start, path, array, _finish_line(text, position + len(closing)))


def _statement(text: str, line_start: int, position: int) -> Statement:
    key, position = _key(text, position)
    if position >= len(text) or text[position] != "=":
        raise Unreadable(f"no = after a key at {position}")
    value_start = _skip(text, position + 1, _SPACE)
    value_end = value_of(text, value_start)
    return Statement(line_start, key, value_start, value_end, _finish_line(text, value_end))


def value_of(text: str, position: int) -> int:
    """Where the value starting at ``position`` ends."""
    if position >= len(text):
        raise Unreadable("a value runs off the end")
    char = text[position]
    if char in "\"'":
        return string_end(text, position)
    if char in "[{":
        return _bracket_end(text, position)
    moment = _DATE_TIME.match(text, position)
    if moment:
        return moment.end()
    end = position
    while end < len(text) and text[end] not in " \t\r\n#,]}":
        end += 1
    if end == position:
        raise Unreadable(f"no value at {position}")
    return end


def string_end(text: str, position: int) -> int:
    """Where the string that starts at ``position`` (its opening quote: basic, literal, or a
    multi-line one of either) ends: just after its closing quotes. Unreadable where it never
    closes (a one-line string at its line's end)."""
    quote = text[position]
    if text.startswith(quote * 3, position):
        end = position + 3
        while True:
            found = text.find(quote * 3, end)
            if found < 0:
                raise Unreadable("a multi-line string never closes")
            if quote == '"' and _escaped(text, found, position + 3):
                end = found + 1
                continue
            end = found + 3
            while end < len(text) and text[end] == quote and end - found < 5:
                end += 1  # up to two quotes may end the string's content
            return end
    end = position + 1
    while end < len(text):
        char = text[end]
        if char == "\\" and quote == '"':
            end += 2
            continue
        if char == quote:
            return end + 1
        if char in "\r\n":
            break
        end += 1
    raise Unreadable("a string never closes")


def _escaped(text: str, position: int, floor: int) -> bool:
    """Whether the character at ``position`` follows an odd number of backslashes."""
    count = 0
    while position - count - 1 >= floor and text[position - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _bracket_end(text: str, position: int) -> int:
    depth = 0
    end = position
    while end < len(text):
        char = text[end]
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return end + 1
        elif char in "\"'":
            end = string_end(text, end)
            continue
        elif char == "#":
            end = _to_line_end(text, end)
            continue
        end += 1
    raise Unreadable("a bracket never closes")
