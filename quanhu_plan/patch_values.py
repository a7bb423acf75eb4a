"""A value written the way the value it replaces was written in a plan file: literal quotes
kept, a string over lines kept over lines, a list over lines kept one element a line with its
comments (``value_like``); a value written back in the spelling its line had before a change
(``spells``, ``inline_values``, ``spelled_inline``). Pure: no I/O. ``patch.py`` uses it for every field a change rewrites
in place."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from .canonical import escaped_unseen, key_text, literal, written_as_is
from .toml_text import Unreadable, newline_of, string_end


def value_like(value: Any, written: str, newline: str | None = None) -> str:
    """``value`` as TOML, quoted the way ``written`` (the value it replaces) was when it can be:
    a literal string stays literal ('…'), a string over lines stays over lines, with the file's
    ``newline`` (else the one ``written`` has). Anything else is written canonically."""
    if (
        isinstance(value, str)
        and written.startswith("'")
        and not written.startswith("'''")
        and "'" not in value
        and written_as_is(value)  # (修\u3164塘: no escape in '…', so in "…")
    ):
        return f"'{value}'"
    if isinstance(value, str) and written.startswith(('"""', "'''")):
        kept = _multi_line_string(value, written, newline or newline_of(written))
        if kept is not None:
            return kept
    if isinstance(value, list) and "\n" in written:
        kept = _multi_line_array(value, written)
        if kept is not None:
            return kept
    return literal(value)


def _multi_line_string(value: str, written: str, newline: str) -> str | None:
    """A string written over lines (in triple quotes) stays so, in the same quotes, with or
    without a line break after the opening ones as it was: an edit does not turn a paragraph
    into one line of \\n's, and undo gives its lines back as they were written. Literal quotes
    that cannot hold the value give way to basic ones. None if the text would not read back as
    the value (it is then written canonically)."""
    import tomllib

    quotes = written[:3]
    body = _literal_body(value) if quotes == "'''" else None
    if body is None:
        quotes, body = '"""', _basic_body(value)
    # The line break right after the opening quotes is not part of the string: one is written
    # where the old text had it, and where the value itself starts with a line break.
    opened = written[3:].startswith(("\n", "\r\n")) or value.startswith("\n")
    text = quotes + (newline if opened else "") + body.replace("\n", newline) + quotes
    try:
        read = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return None
    return text if read == value else None


def _literal_body(value: str) -> str | None:
    """``value`` between ''' quotes as it is, or None where it cannot stand there: three
    quotes, a quote next to the closing ones, a control character other than a tab or a line
    feed."""
    if "'''" in value or value.endswith("'"):
        return None
    if any((ch < " " and ch not in "\t\n") or ch == "\x7f" for ch in value):
        return None
    return value if escaped_unseen(value) == value else None  # (none can be escaped there)


# What a multi-line basic string escapes besides other control characters (a tab and a line
# feed stand as they are).
_BASIC_ESCAPES = {"\\": "\\\\", "\b": "\\b", "\f": "\\f", "\r": "\\r", "\x7f": "\\u007F"}


def _basic_body(value: str) -> str:
    """``value`` between \"\"\" quotes: backslashes and control characters escaped, and a quote
    escaped where it would make three in a row or stand next to the closing quotes."""
    out: list[str] = []
    last = len(value) - 1
    for n, ch in enumerate(value):
        if ch == '"':
            if n == last or (len(out) >= 2 and out[-1] == out[-2] == '"'):
                ch = '\\"'
        elif ch in _BASIC_ESCAPES:
            ch = _BASIC_ESCAPES[ch]
        elif ch < " " and ch not in "\t\n":
            ch = f"\\u{ord(ch):04X}"
        out.append(ch)
    return escaped_unseen("".join(out))


def _multi_line_array(value: list[Any], written: str) -> str | None:
    """A list written over several lines as it was: one element a line, the same indent, each
    element's comment kept with it, comment lines kept where they stood (a removed element's
    comment too, on a line of its own). An element still there keeps its line as written (its
    quoting, the spaces before its comment). None where the old text is more than such a list."""
    rows = _array_rows(written)
    if rows is None or any(isinstance(v, list | dict) for v in value):
        return None
    newline = newline_of(written)
    lines = written.split(newline)
    inner = [line for line in lines[1:-1] if line.strip()]
    indent = inner[0][: len(inner[0]) - len(inner[0].lstrip())] if inner else "  "
    closing = lines[-1][: len(lines[-1]) - len(lines[-1].lstrip())]
    # Each value as the text of an element already there that reads as it, else canonical.
    written_as: dict[str, list[str]] = {}
    for element, _, _ in rows:
        if element is not None:
            read = _element_value(element)
            if read is not _UNREADABLE:
                written_as.setdefault(literal(read), []).append(element)
    wanted = []
    for v in value:
        texts = written_as.get(literal(v))
        wanted.append(texts.pop(0) if texts else literal(v))
    comments: dict[str, list[str]] = {}  # an element's text -> its comments, in order
    own_lines: dict[str, list[str]] = {}  # an element's text -> its lines as written
    loose: dict[str | None, list[str]] = {}  # comment lines, by the element after them
    pending: list[str] = []
    for element, comment, line in rows:
        if element is None:
            pending.append(line or indent + (comment or ""))
            continue
        loose.setdefault(element, []).extend(pending)
        pending = []
        if comment:
            comments.setdefault(element, []).append(comment)
        if line is not None:
            own_lines.setdefault(element, []).append(line)
    loose.setdefault(None, []).extend(pending)
    out = ["["]
    for text in wanted:
        out += loose.pop(text, [])
        said = comments.get(text)
        own = own_lines.get(text)
        if own:
            out.append(own.pop(0))
            if said:
                said.pop(0)
            continue
        out.append(f"{indent}{text},{'  ' + said.pop(0) if said else ''}")
    # Comments of elements no longer there, and those at the end, stay as lines of their own.
    for element, before in loose.items():
        out += before
        if element is not None:
            out += [indent + c for c in comments.get(element, [])]
    for element, said in comments.items():
        if element not in wanted and element not in loose:
            out += [indent + c for c in said]
    out.append(closing + "]")
    return newline.join(out)


_UNREADABLE = object()


def _element_value(text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return _UNREADABLE


def _array_rows(written: str) -> list[tuple[str | None, str | None, str | None]] | None:
    """A multi-line array of plain values as ``(element text, its comment, its line)`` rows
    (the line as written where it holds that element alone, followed by a comma), a comment
    line as ``(None, comment, the line)``; None for anything else (nested arrays, tables,
    multi-line strings), which is then written canonically."""
    body = written.strip()
    if not (body.startswith("[") and body.endswith("]")) or '"""' in body or "'''" in body:
        return None
    rows: list[tuple[str | None, str | None, str | None]] = []
    for line in body[1:-1].split("\n"):  # not at U+2028 in a comment: TOML ends lines at \n
        line = line.removesuffix("\r")
        marks = _in_strings(line)
        if marks is None:
            return None
        elements, current = [], ""
        for ch, inside in zip(line, marks, strict=False):
            if inside:
                current += ch
            elif ch == ",":
                elements.append(current.strip())
                current = ""
            elif ch in "[]{}":
                return None
            else:
                current += ch
        comment = line[len(marks) :].rstrip() or None  # (from an unquoted #)
        alone = len(elements) == 1 and not current.strip()  # one element, then a comma
        if current.strip():
            elements.append(current.strip())
        elements = [e for e in elements if e]
        if not elements:
            if comment:
                rows.append((None, comment, line))
            continue
        rows += [(e, None, None) for e in elements[:-1]]
        rows.append((elements[-1], comment, line if alone and len(elements) == 1 else None))
    return rows


def _in_strings(line: str) -> list[bool] | None:
    """Whether each character of one line of TOML is part of a string (its quotes included:
    basic, literal, or triple-quoted, as ``toml_text.string_end`` reads them), up to an
    unquoted # (a comment: the list is that much shorter than the line); None where a string
    is left open."""
    marks: list[bool] = []
    at = 0
    while at < len(line):
        ch = line[at]
        if ch in "\"'":
            try:
                end = string_end(line, at)
            except Unreadable:
                return None
            marks += [True] * (end - at)
            at = end
            continue
        if ch == "#":
            break
        marks.append(False)
        at += 1
    return marks


# A change that rewrites a field written in a spelling of its own (progress = 3_0, a date-time
# with a T, 'literal' quotes) writes its log entry's ``before`` in that spelling: the log keeps
# the same value (every TOML reader reads 3_0 as 30), and undo, which writes the field back
# from that entry, finds there how the line was written (``patch``). Every spelling is taken
# only where it reads back as the value exactly (``spells``): a hand-edited log cannot put
# anything else on a field's line.

_SCALARS = (str, int, float, bool, dt.date, dt.time)  # (a date-time is a date)
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def spells(text: str, value: Any) -> bool:
    """Whether ``text`` is one TOML value on one line, with nothing after it (no comment, no
    other key), that reads as ``value``: the same type, equal, and said the same way (-0.0 is
    not 0.0, a time at +08:00 not the same time in UTC)."""
    if not _plain_value(value) or not text:
        return False
    # Over lines only as a string in triple quotes (undo: its escapes, quotes and joined
    # lines as written, which ``value_like`` would not make again).
    if ("\n" in text or "\r" in text) and not (
        isinstance(value, str) and text.startswith(('"""', "'''"))
    ):
        return False
    import tomllib

    try:  # inside braces: a comment after the value would swallow the closing one
        read = tomllib.loads(f"v = {{ x = {text} }}")["v"]["x"]
        tomllib.loads(f"v = {text}")  # and alone (in braces, "1, y = 2" reads too)
    except tomllib.TOMLDecodeError:
        return False
    return type(read) is type(value) and read == value and repr(read) == repr(value)


def _plain_value(value: Any) -> bool:
    """A value ``spells`` takes a spelling of: a string, number, date or time, or a list of
    them (its spelling on one line: a list over lines keeps its lines, ``value_like``)."""
    if isinstance(value, list):
        return all(isinstance(element, _SCALARS) for element in value)
    return isinstance(value, _SCALARS)


def inline_values(text: str) -> dict[str, str]:
    """The values of a one-line inline table as written (``{ progress = 3_0, owner = '王五' }``:
    ``{"progress": "3_0", "owner": "'王五'"}``), by their bare keys; nothing for anything it
    cannot split simply (a quoted or dotted key, a comment, more than one line)."""
    body = text.strip()
    if not (body.startswith("{") and body.endswith("}")):
        return {}
    inner = body[1:-1]
    marks = _in_strings(inner)
    if marks is None or len(marks) < len(inner):  # (a string left open, a comment)
        return {}
    if "\n" in inner and any(
        ch == "\n" and not inside for ch, inside in zip(inner, marks, strict=True)
    ):
        return {}  # (a line break only inside a string in triple quotes)
    parts, part, depth = [], "", 0
    for ch, inside in zip(inner, marks, strict=True):
        if inside:
            pass
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and not depth:
            parts.append(part)
            part = ""
            continue
        part += ch
    parts.append(part)
    out: dict[str, str] = {}
    for piece in parts:
        key, equals, value = piece.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not _BARE.fullmatch(key) or not value:
            return {}
        out[key] = value
    return out


def spelled_inline(table: Mapping[str, Any], written: Mapping[str, str]) -> str:
    """``canonical.literal`` of an inline table, each value ``written`` spells (``spells``)
    written so."""
    if not table:
        return "{}"
    pairs = []
    for key, value in table.items():
        plain, text = literal(value), written.get(key)
        # (read back only where it is not the plain spelling: most lines are written so)
        own = text is not None and text != plain and spells(text, value)
        pairs.append(f"{key_text(key)} = {text if own else plain}")
    return "{ " + ", ".join(pairs) + " }"
