"""Why a plan's text does not read as TOML, said as an office can act on it: the TOML reader's
error placed on its line and item, with its likely cause (a value written as an office writes
it, a quote left open, a date of the wrong shape, a key given twice, a curly quote…) and the
line to write instead. Pure: no I/O."""

from __future__ import annotations

import re

from ..errors import ConflictMarkers, PlanError, PlanSyntaxError
from ..errors.reading import ascii_for
from ..errors.toml_words import utf16_halves
from .plan_text import _strings_blanked_before, _table_of, _toml_reader, conflict_markers

# due = 2023-05 or start = 2023-Q2 written without quotes: TOML has no such value.
_UNQUOTED_PERIOD = r"=\s*[0-9]{4}-(?:[0-9]{1,2}|[Qq][1-4])\s*(?:#.*)?$"


def syntax_error(exc: Exception, text: str, label: str) -> PlanError:
    """What the TOML reader's error ``exc`` over ``text`` says, placed and put in the office's
    words: the line, the column, the item it is in, the likely cause and the line to write
    instead (``PlanSyntaxError``), or the conflict markers git left (``ConflictMarkers``)."""
    detail = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", detail)
    line = column = None
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        detail = detail[: match.start()].strip()
    elif "end of document" in detail:
        line = text.count("\n") + 1
        column = len(text) - text.rfind("\n")
        detail = detail.replace("(at end of document)", "").strip()
    detail = _dotted_keys(detail)
    last = text[text.rfind("\n") + 1 :]
    line, column, detail = _open_quote(text, line, column, detail, cut_off=bool(last.strip()))
    if "<<<<<<<" in text and ">>>>>>>" in text:  # at C speed: a long file has no line
        conflicts = conflict_markers(text.split("\n"))  # to look at one by one
        if conflicts:
            return ConflictMarkers(label, conflicts)
    lines = text.split("\n", line) if line is not None and line > 0 else []
    said = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    if detail == "Cannot overwrite a value" and re.fullmatch(r"\[\[\s*item\s*\]\]", said.strip()):
        # [item] above made item a table: the [[item]] after it is refused, not the slip
        single = re.search(r"(?m)^[ \t]*\[[ \t]*item[ \t]*\][ \t]*(?:#.*)?\r?$", text)
        if single is not None and single.start() < len(text) - len(lines[-1]):
            line, column = text.count("\n", 0, single.start()) + 1, 1
            detail = "Cannot declare item twice"
            lines = text.split("\n", line)
            said = lines[line - 1]
    hint = _likely_cause(
        said,
        cut_off=match is None and bool(last.strip()),
        cut_open=_cut_in_the_open(detail, line, text.count("\n") + 1, last)
        or _cut_in_a_line_end(text, line),
        cr_line_ends=_lone_cr_line_ends(text),
    )
    if label.lower().endswith(".csv"):  # a table named as the plan by mistake
        hint = "csv"
    odd = _odd_character(said, column) if hint is None else None
    written = meant = None
    if hint == "unquoted_period":  # due = 2023-6: the line to write, "2023-06" at once
        read, written, meant = _value_as_written(said, text)
        key, _, value = (written or "").partition(" = ")
        if read is not None and meant != f'{key} = "{value}"':  # (more than quotes)
            hint = read
        else:
            written = meant = None
    if odd is not None:
        # A value written as an office writes it (actual = 1，200, title = 修塘，一期) is
        # said as the line to write: the character alone put right leaves it wrong still.
        hint, written, meant = _value_as_written(said, text)
        if hint is None and detail.startswith("Expected newline") and column:
            # 40；县里下达: a note after a value, which ; would not make one either;
            # "张三"，"李四": names a list holds
            if ascii_for(odd) not in (None, "#"):
                hint, written, meant = _string_or_header_slip(said, detail, column)
        if hint is None:
            hint = "odd_character"
        else:
            odd = None
    if hint is None and detail == "Escaped character is not a Unicode scalar value":
        hint, written, meant = utf16_halves(said)
    if hint is None:
        written, meant = _odd_date(said)
        hint = "odd_date" if written else None
    if hint is None:
        written, meant = _no_such_day(said)
        hint = "no_such_day" if written else None
    if hint is None and detail == "Cannot overwrite a value" and line:
        written, meant = _given_before(text, line)
        hint = "key_twice" if written else None
    if hint is None and detail != "Unterminated string":  # (a text across lines: below)
        hint, written, meant = _wrapped_line(text, line)
    if hint is None:
        hint, written, meant = _value_as_written(said, text)
    if hint is None:
        below = lines[line].split("\n", 1)[0] if line and len(lines) > line else ""
        hint, written, meant = _string_or_header_slip(said, detail, column, below)
    if hint is None:
        written = _non_ascii_key(said)
        if written is not None:
            from ..plan_warnings import field_named

            hint, meant = "non_ascii_key", field_named(written)
    # The item the line is in (its id is below its [[item]], maybe below that line too);
    # none for a table's header line, which may begin the next one.
    item = None
    if line and not said.lstrip().startswith("["):
        item = _table_of(_strings_blanked_before(text, line), line - 1)
    cut = None
    if hint not in ("cut_off", "cr_line_ends", "csv") and line == text.count("\n") + 1:
        from .cut_off import cut_in_last_line, is_long  # (the slip stays said: it may be one)

        cut = ("line", str(line)) if is_long(text) and cut_in_last_line(text) == line else None
    return PlanSyntaxError(
        label, line, column, detail, hint=hint, character=odd, item=item, written=written,
        meant=meant, cut=cut,
    )  # fmt: skip


def _dotted_keys(detail: str) -> str:
    """tomllib names a table by the tuple of its keys, ('item', 'log'): named as TOML writes
    it, item.log."""

    def dotted(keys: re.Match[str]) -> str:
        return ".".join(a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", keys.group()))

    return re.sub(r"\((?:(?:'[^']*'|\"[^\"]*\")(?:, |,)?)+\)", dotted, detail)


# What tomllib says at the end of a string never closed: where its line ends (a one-line
# string), or at the end of the file (no closing quote anywhere after it).
_LINE_END_IN_STRING = ("Illegal character '\\n'", "Found invalid character '\\n'")
_UNCLOSED_AT_END = {'Expected "\'"': "'", "Expected \"'''\"": "'''"}


def _open_quote(
    text: str, line: int | None, column: int | None, detail: str, *, cut_off: bool
) -> tuple[int | None, int | None, str]:
    """A string left open is said to be so (引号没有结束), not an invisible character at the
    line's end; one no quote after it closes is placed where it opens, not at the end of the
    file (maybe in another item). A file cut off keeps its last line: the message says so."""
    if detail in _LINE_END_IN_STRING:
        return line, column, "Unterminated string"
    quote = _UNCLOSED_AT_END.get(detail)
    if quote is None and detail == "Unterminated string" and '"""' in text:
        quote = '"""'
    if quote is None:
        return line, column, detail
    opened = text.rfind(quote)
    if cut_off or opened < 0:
        return line, column, "Unterminated string"
    line_start = text.rfind("\n", 0, opened) + 1
    return text.count("\n", 0, opened) + 1, opened - line_start + 1, "Unterminated string"


_CURLY_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019", "\uff02")


def _cut_in_the_open(detail: str, line: int | None, lines: int, last: str) -> bool:
    """Whether TOML refused the last line, with no line end after it, for an inline table or
    an array it leaves open (after = { done_on = 2023-05): the file ends where it was cut."""
    closer = {"Unclosed inline table": "}", "Unclosed array": "]"}.get(detail)
    return bool(last.strip()) and line == lines and closer is not None and closer not in last


def _cut_in_a_line_end(text: str, line: int | None) -> bool:
    """Whether TOML refused the last line of a file whose lines end in CR LF for the CR it
    ends in, its LF lost: the file was cut off between the two (no one types a lone CR)."""
    return (
        text.endswith("\r")
        and line == text.count("\n") + 1
        and text.rfind("\n") > 0
        and text[text.rfind("\n") - 1] == "\r"
    )


def _likely_cause(
    line: str, *, cut_off: bool, cut_open: bool = False, cr_line_ends: bool = False
) -> str | None:
    """What a line TOML refused most likely shows (see PlanSyntaxError.hint). A file whose
    lines end in a lone CR is one line to TOML: what that line holds is not the cause; nor is
    it for one cut in an inline table or array (``cut_open``: after = { done_on = 2023-05 has
    no month left unquoted)."""
    if cr_line_ends:
        return "cr_line_ends"
    if cut_open:
        return "cut_off"
    if re.search(_UNQUOTED_PERIOD, line):
        return "unquoted_period"
    if any(quote in line for quote in _CURLY_QUOTES) and _curly_quote_as_delimiter(line):
        return "curly_quotes"
    if "\t" in line.strip() and "=" not in line:
        return "table"
    return "cut_off" if cut_off else None


# A day written without quotes the way people write one (2023/6/30, 2023.6.30, 2023-6-30):
# TOML reads a date as 2023-06-30 only.
_ODD_DATE = r"=[ \t]*([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})[ \t]*(?:#.*)?$"


def _odd_date(line: str) -> tuple[str | None, str | None]:
    """A day TOML refused as written on the line, and as TOML writes it; (None, None) for none,
    for no day (2023/2/30), or for a day written as TOML writes it (TOML refused the line for
    something else: the field given before, ``_given_before``)."""
    import datetime as dt

    found = re.search(_ODD_DATE, line)
    if found is None:
        return None, None
    year, _, month, day = found.groups()
    try:
        meant = dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None, None
    written = found.group(0)[1:].split("#")[0].strip()
    return (None, None) if written == meant else (written, meant)


def _no_such_day(line: str) -> tuple[str | None, str | None]:
    """A day written as TOML writes one that the calendar does not have (2023-06-31,
    2023-13-01), as written and as year-month-day numbers (2023-6-31); Nones for any other
    line. TOML says only that the date is wrong, or, of a month past 12, that more follows
    the value."""
    import datetime as dt

    found = re.search(r"=[ \t]*([0-9]{4})-([0-9]{2})-([0-9]{2})[ \t]*(?:#.*)?$", line)
    if found is None:
        return None, None
    year, month, day = (int(part) for part in found.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return "-".join(found.groups()), f"{year}-{month}-{day}"
    return None, None


def _value_as_written(line: str, text: str) -> tuple[str | None, str | None, str | None]:
    """A field's value written without what TOML needs, the way an office writes it (owner =
    张三, progress = 50%, actual = 1,200, status = done, due = 6月底): the hint that says which
    (``value_text``, ``value_number``, ``value_status``, ``value_date``), the line as written
    and as it is to be written (``values_typed``); Nones for any other line."""
    from ..values_typed import kind_of, to_write

    key, equals, value = line.partition("=")
    key, value = key.strip(" \t"), re.sub(r"[ \t]+#.*$", "", value).strip(" \t\r")
    kind = kind_of(key) if equals else None
    if kind is None or not value or value[0] in "\"'[{":
        return None, None, None
    year = re.search(r"^[ \t]*year[ \t]*=[ \t]*([0-9]{4})[ \t]*(?:#.*)?$", text, re.M)
    lines = to_write(key, value, {"year": int(year.group(1))} if year else None)
    if lines is None or _reads(f"{key} = {value}") or not _reads("\n".join(lines)):
        return None, None, None  # (the line is not what TOML refused: a key given twice)
    return f"value_{kind}", f"{key} = {value}", "\n".join(lines)


def _offset_after(rest: str, before: str) -> tuple[str, str, str] | None:
    """A time zone after a date-time that TOML does not take, as (what, written, meant): past
    23:59 (-24:00, +08:60: ``bad_offset``, China's in the line meant), or in another form
    (+0800 as strftime's %z writes it, +08, +8:00, full-width digits, a space before it:
    ``offset_form``, the same offset as ±hh:mm); a remark after it is left out. None where
    ``rest`` is no offset or ``before`` ends in no time."""
    import unicodedata

    written = re.sub(r"[ \t]*#.*", "", rest)
    found = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d\d))?", unicodedata.normalize("NFKC", written))
    if found is None or not re.search(r"\d[T t]\d\d:\d\d(:[\d.]+)?$", before):
        return None
    sign, hours, minutes = found.group(1), int(found.group(2)), int(found.group(3) or 0)
    if hours > 23 or minutes > 59:
        return "bad_offset", written, before + "+08:00"
    return "offset_form", written, f"{before}{sign}{hours:02}:{minutes:02}"


def _string_or_header_slip(
    line: str, detail: str, column: int | None, below: str = ""
) -> tuple[str | None, str | None, str | None]:
    """A string left open (``open_string``: the key; ``open_across_lines``: one the line
    below closes, the key; ``open_multi_line``: its quotes), a
    straight quote inside a string (``quote_inside``: the key), texts a list holds written
    without its brackets (``list_brackets``: the key, and the line), more after a value than a
    comment (``after_value``: what follows it, and the line before it; ``bad_offset``: a
    time zone offset beyond 23:59, and the line with China's; ``offset_form``: one in a form TOML
    does not take, and the line with it as ±hh:mm), a value left out
    (``empty_value``: the key, and a value of its kind), a key with a space in it
    (``key_space``: the key), a comment begun with // (``slashes``), a second [plan]
    (``plan_twice``), a line of prose (``prose``: the line), or an item's header with its
    brackets not doubled (``item_brackets``: the header as written); Nones for any other."""
    key, equals, value = line.partition("=")
    key = key.strip(" \t")
    plain_key = re.fullmatch(r"[A-Za-z0-9_.-]+", key) is not None
    if detail == "Unterminated string":
        for quotes in ('"""', "'''"):
            if quotes in line:
                return "open_multi_line", quotes, None
        if not (plain_key and '"' in line):
            return None, None, None
        # text pasted with its line break: the line below ends it ("…还没定")
        ends_below = below.rstrip(" \t\r").endswith('"') and '"' not in below.rstrip(" \t\r")[:-1]
        return ("open_across_lines" if ends_below else "open_string"), key, None
    if detail.startswith("Expected newline") and plain_key:
        names = re.fullmatch(
            r'[ \t]*("[^"\\]*"(?:[ \t]*[,，、;；][ \t]*"[^"\\]*")+)[ \t]*(?:#.*)?\r?', value
        )
        from ..validate import LIST_FIELDS, NAME_FIELDS

        if names is not None and key in (*NAME_FIELDS, *LIST_FIELDS):  # "张三"，"李四": no [ ]
            texts = re.findall(r'"[^"\\]*"', names.group(1))
            return "list_brackets", key, f"{key} = [{', '.join(texts)}]"
        if re.match(r'[ \t]*"[^"\\]*"[^"#]*"', value):
            return "quote_inside", key, None
        rest = line[column - 1 :].strip(" \t\r") if column else ""
        before = line[: (column or 1) - 1].strip(" \t")
        offset = _offset_after(rest, before)
        if offset is not None:  # a time zone TOML does not take: not a remark
            return offset
        if rest and not rest.startswith("#"):
            return "after_value", rest, before
        return None, None, None
    if detail == "Invalid value" and plain_key and not re.sub(r"#.*", "", value).strip():
        from ..values_typed import kind_of

        kind = kind_of(key)
        example = {"number": "50", "date": "2023-06-30"}.get(kind or "", '"…"')
        return "empty_value", key, f"{key} = {example}"
    if (
        detail.startswith("Expected '='")
        and equals
        and re.fullmatch(r"[A-Za-z_]+(?:[ \t]+[A-Za-z_]+)+", key)
    ):
        return "key_space", key, None
    if line.lstrip(" \t").startswith("//"):
        return "slashes", None, None
    if detail.startswith("Cannot declare") and re.fullmatch(r"\[[ \t]*plan[ \t]*\]", line.strip()):
        return "plan_twice", None, None
    if (
        not equals
        and (detail.startswith("Expected '='") or detail == "Invalid statement")
        and not line.lstrip().startswith(("[", "#"))
        and not line.isascii()
    ):
        prose = line.strip(" \t\r")
        from ..controls import cut_before  # (not inside what reads as one character: 🇨🇳, é)

        return "prose", prose if len(prose) <= 30 else cut_before(prose, 29) + "…", None
    header = line.strip(" \t\r")
    if re.fullmatch(r"\[{1,2}[ \t]*item[ \t]*\]{1,2}", header) and not re.fullmatch(
        r"\[\[[ \t]*item[ \t]*\]\]", header
    ):
        return "item_brackets", header, None
    return None, None, None


def _wrapped_line(text: str, line: int | None) -> tuple[str | None, str | None, str | None]:
    """A line broken in two where TOML refused it (``wrapped_line``: the numbers of the two
    lines, as text): a mail program or an editor wraps a long line at a space, after the = of
    title = "…", inside the time of a log entry (at = 2023-06-01 / 10:12:00+08:00) or its
    inline table. Taken so where the line joined to the one below (or the one above joined
    to it) reads, up to the next problem further down or a text in it that runs on to the
    next line (the rest of a wrapped file may be wrapped too); Nones for any other line."""
    if not line:
        return None, None, None
    lines = text.split("\n")
    tomllib = _toml_reader()
    for first in (line, line - 1):  # this line and the one below; the one above and this
        if not 0 < first < len(lines):
            continue
        upper, lower = lines[first - 1].rstrip(" \t\r"), lines[first].strip(" \t")
        if not upper.strip() or not lower.strip(" \r") or upper.lstrip().startswith(("#", "[")):
            continue
        joined = [*lines[: first - 1], f"{upper} {lower}", *lines[first + 1 :]]
        try:
            tomllib.loads("\n".join(joined))
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"at line ([0-9]+), column ([0-9]+)", str(exc))
            if found is None:
                continue
            at_line, at_column = int(found.group(1)), int(found.group(2))
            # joined, the line reads up to a text that runs on to the line below: that text
            # was wrapped too, a step later
            runs_on = str(exc).startswith(_LINE_END_IN_STRING) and at_column > len(upper) + 1
            if at_line < first or (at_line == first and not runs_on):
                continue
        return "wrapped_line", str(first), str(first + 1)
    return None, None, None


def _given_before(text: str, line: int) -> tuple[str | None, str | None]:
    """The key given a second time on ``line`` (from 1) and the line it was first given on, in
    the same table (up to the header above); Nones where that is not plain to see."""
    lines = text.split("\n", line)[:line]
    key = lines[-1].partition("=")[0].strip(" \t")
    if not re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return None, None
    given = re.compile(rf"[ \t]*{key}[ \t]*=")
    for number in range(line - 2, -1, -1):
        if lines[number].lstrip(" \t").startswith("["):
            break
        if given.match(lines[number]):
            return key, str(number + 1)
    return None, None


def _reads(text: str) -> bool:
    """Whether ``text`` alone is TOML."""
    import tomllib

    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


def _non_ascii_key(line: str) -> str | None:
    """The name of a field written without quotes in characters TOML takes only in quotes
    (责任人 = "张三": a name from the office's own tables), or None."""
    name, equals, _ = line.partition("=")
    name = name.strip(" \t")
    if not equals or not 0 < len(name) <= 20 or name.isascii():
        return None
    if not all(character.isalnum() or character in "_-." for character in name):
        return None  # a line of prose (，), a full-width sign (＝), a quote, a space
    return name


def _lone_cr_line_ends(text: str) -> bool:
    """Does the file end its lines with a lone CR (the old Mac way), more often than with LF?
    A CR or two inside an LF file's lines (pasted text) is a character out of place there."""
    lone = text.count("\r") - text.count("\r\n")
    return lone > 1 and lone > text.count("\n")


def _odd_character(line: str, column: int | None) -> str | None:
    """The character at the spot TOML refused, when it is one that looks like what TOML wants
    there or cannot be seen: full-width punctuation or space from a Chinese input method
    (＝ ， ［ 　), a non-breaking space or an invisible character (a zero-width space, a BOM
    in the middle of a file) from a copy out of Word or a web page, a control character (the
    Ctrl-Z old DOS tools end a file with)."""
    if column is None or not 0 < column <= len(line):
        return None
    char = line[column - 1]
    line_end = char == "\r" and column > len(line.rstrip("\r"))  # a CRLF line's CR
    if char.isascii() and (char.isprintable() or char == "\t" or line_end):
        return None
    import unicodedata

    wide = ascii_for(char) is not None
    return char if wide or unicodedata.category(char) in ("Zs", "Cf", "Cc") else None


def _curly_quote_as_delimiter(line: str) -> bool:
    """Whether a curly quote stands where TOML wants a straight one: outside a string
    (owner = “张三”), or where one would close a string: last on the line in a string no
    straight quote closes ("张三”), or before what may follow a value ("照片”, "台账"], "张三”
    # 负责人). Curly quotes inside a string are ordinary text (title = "发展“四香”产业"): a
    line refused for another reason is not to be blamed on them."""
    closing = re.compile(r"""[\u201d\u2019\uff02]\s*(?:,\s*["']|[\]}#]|$)""")
    quote: str | None = None  # the straight quote of the string the scan is in
    escaped = -1  # where the character a backslash escapes is
    # Only the characters that matter, found at C speed: a refused line may be megabytes.
    for found in re.finditer(r"[\"'#\\\u201c\u201d\u2018\u2019\uff02]", line):
        at, char = found.start(), found.group()
        if quote is None:
            if char == "#":
                break
            if char in _CURLY_QUOTES:
                return True
            if char in "\"'":
                quote = char
        elif at == escaped:
            continue
        elif char == "\\" and quote == '"':
            escaped = at + 1
        elif char == quote:
            quote = None
        elif char in _CURLY_QUOTES and closing.match(line, at):
            return True
    return quote is not None and line.rstrip().endswith(_CURLY_QUOTES)


# Patterns as text, compiled (and kept by re) when first used: not at every start-up.
