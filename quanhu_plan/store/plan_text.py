"""A plan's text: parsed as TOML (compiled tomli where it is installed, else tomllib), built
into a plan and checked, and each problem found placed on its line of the text for the
message. No file is touched here: ``plan_file`` reads and writes the file."""

from __future__ import annotations

import bisect
import re
import types
from typing import TYPE_CHECKING, Any

from .. import collector
from ..errors import (
    ConflictMarkers,
    EmptyPlanFile,
    PlanBeyondLimits,
    PlanInvalid,
    Problem,
)
from ..model import Plan

if TYPE_CHECKING:
    import datetime as dt


def parse_toml(text: str, label: str) -> dict[str, Any]:
    return _read_toml(text, label)[0]


def parse_plan(text: str, label: str) -> dict[str, Any]:
    """The document of a plan file's text, as a read and a change take it: ``EmptyPlanFile``
    for a text of nothing or blank lines (emptied or cut off: get it back), not a plan that
    lacks its [plan] table."""
    return _parse_plan(text, label)[0]


def _read_toml(text: str, label: str) -> tuple[dict[str, Any], bool]:
    """The document and whether its tables are shared already (``quick_toml.loads``)."""
    with collector.paused():  # a long plan is hundreds of thousands of new objects
        return _parse_toml(text, label)


# From this length a text is first read by ``quick_toml`` (its pattern takes 2 ms to compile;
# a text this long takes the TOML reader 7 ms, a 10,000-task plan 140 ms, twice what it takes).
_QUICK_FROM = 1 << 16


def _parse_toml(text: str, label: str) -> tuple[dict[str, Any], bool]:
    if len(text) >= _QUICK_FROM:
        from .quick_toml import loads
        from .read_ahead import rest_of

        doc = loads(text, _toml_reader, rest_of(text))
        if doc is not None:
            return doc, True
    tomllib = _toml_reader()
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .toml_slips import syntax_error

        raise syntax_error(exc, text, label) from None
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        digits = re.search(r"\d{1000,}", text)
        line = text.count("\n", 0, digits.start()) + 1 if digits else None
        raise PlanBeyondLimits(
            label, line, "有一个位数过多的数字", "a number has too many digits"
        ) from None
    except RecursionError:  # arrays or inline tables nested hundreds deep, a key of 1,000 parts
        depths = [
            line.count("[") + line.count("{") + line.partition("=")[0].count(".")
            for line in text.split("\n")
        ]
        line = depths.index(max(depths)) + 1 if depths else None
        raise PlanBeyondLimits(
            label, line, "数组或表嵌套得太深", "arrays or tables nest too deeply"
        ) from None
    # git's conflict markers read as TOML only inside a multi-line string (a text merge of a
    # hand-written one): they are not the text, but both sides' versions of it.
    if "<<<<<<<" in text and ('"""' in text or "'''" in text):
        conflicts = conflict_markers(text.split("\n"))
        if conflicts:
            raise ConflictMarkers(label, conflicts)
    return doc, False


_MARKER = r"(<{7}|={7}|>{7}|\|{7})(?: .*)?"
_ITEM_ID = r"""\s*id\s*=\s*["']([^"']*)["']"""


def conflict_markers(lines: list[str]) -> list[tuple[int, str | None]]:
    """Where git left conflict markers in a text it merged as plain text: the line (from 1) of
    each ``<<<<<<<`` and the id of the item it is in (``[plan]`` in the header, None
    elsewhere); none unless both a ``<<<<<<<`` and a ``>>>>>>>`` line are there."""
    marker = re.compile(_MARKER)
    found = [(n, line[0]) for n, line in enumerate(lines) if marker.fullmatch(line.rstrip("\r"))]
    if not {"<", ">"} <= {kind for _, kind in found}:
        return []
    return [(n + 1, _table_of(lines, n)) for n, kind in found if kind == "<"]


def _table_of(lines: list[str], at: int) -> str | None:
    """The item (its id) or ``[plan]`` whose table the line ``at`` is in."""
    header, item_id = re.compile(_HEADER), re.compile(_ITEM_ID)
    for n in range(at - 1, -1, -1):
        match = header.match(lines[n])
        if not match:
            continue
        name = re.sub(r"\s+", "", match.group(2))
        if name == "plan" or name.startswith("plan."):
            return "[plan]"
        if name.startswith("item."):
            continue  # the item's log: its own header is above
        if name != "item":
            return None
        for below in lines[n + 1 :]:
            if header.match(below):
                break
            found = item_id.match(below)
            if found:
                return found.group(1)
        return None
    return None


def _toml_reader() -> Any:
    """tomli, compiled, where it reads TOML 1.0 as the standard library's tomllib does (before
    2.4; see pyproject.toml): it reads a long plan two to three times as fast, with the same
    results. Else tomllib: tomli in pure Python is no faster, and a newer one reads TOML 1.1,
    which would make a file read here and be refused on another PC."""
    try:
        import tomli
    except ImportError:  # pragma: no cover - tomli is a dependency; a broken install
        pass
    else:
        if _fast_toml_1_0(tomli):
            return tomli
    import tomllib

    return tomllib


def _fast_toml_1_0(module: Any) -> bool:
    """Whether ``module`` (tomli) is compiled and reads TOML 1.0 (a version before 2.4)."""
    version = tuple(int(part) for part in re.findall(r"\d+", module.__version__)[:2])
    return version < (2, 4) and not isinstance(module.loads, types.FunctionType)


def inspect_text(text: str, label: str, share: bool = False) -> tuple[Plan | None, list[Problem]]:
    """Parse and validate, locating each problem's line; a TOML error raises PlanSyntaxError,
    a text with nothing in it EmptyPlanFile. ``share``: as the parse cache keeps a plan
    (``building.build_plan``)."""
    from ..building import build_plan  # (not at the top: a change's read-back builds no plan)
    from .read_ahead import found_marks, found_right, keep_marks

    doc, shared = _parse_plan(text, label)
    marks = found_marks(doc)  # (taken now: a read of another text says none)
    plan, problems = build_plan(doc, share=share and not shared, right=found_right(doc))
    if marks is not None and plan is not None and not problems:
        keep_marks(plan, marks)
    return plan, _with_lines(problems, text, doc.get("plan"))


def _parse_plan(text: str, label: str) -> tuple[dict[str, Any], bool]:
    # An empty file is not a plan without a [plan] table: it was emptied. (Not asked as
    # ``text.strip()``, which copies a long plan's whole text: 1 ms of 10,000 tasks' read.)
    if not text or text.isspace():
        raise EmptyPlanFile(label)
    doc, shared = _read_toml(text, label)
    if not doc:  # comments and blank lines alone (a plan deleted, its # lines left): emptied
        lines = [n for n, line in enumerate(text.split("\n"), 1) if line.strip()]
        raise EmptyPlanFile(label, comment_lines=lines)
    return doc, shared


def warnings_in(text: str, label: str, *, counts: bool = True) -> list[Problem]:
    """What ``plan check`` points out in a valid file without refusing it, with lines
    (``counts``: ``plan_warnings``')."""
    from ..plan_warnings import plan_warnings

    found = plan_warnings(parse_toml(text, label), counts=counts)
    return _in_file_order(_with_lines(found, text))


def check_text(
    text: str, label: str, today: dt.date | None = None
) -> tuple[Plan | None, list[Problem], list[Problem]]:
    """What ``plan check`` says of a text, from one parse: the plan and its problems (as
    ``inspect_text``) and, when it has none, what is worth a look (as ``warnings_in``; with
    ``today``, the clock's day, trace entries dated after it too)."""
    from ..building import build_plan
    from ..plan_warnings import plan_warnings

    doc, _ = _parse_plan(text, label)
    plan, problems = build_plan(doc)  # reads the document, never changes it
    if problems:
        return plan, _with_lines(problems, text, doc.get("plan")), []
    return plan, problems, _in_file_order(_with_lines(plan_warnings(doc, today), text))


def _in_file_order(warnings: list[Problem]) -> list[Problem]:
    """What is worth a look, by its line (an item's trace entries are checked before its own
    fields above them), those of one line as found."""
    return sorted(warnings, key=lambda warning: warning.line or 0)


def plan_from_text(text: str, label: str, share: bool = False) -> Plan:
    plan, problems = inspect_text(text, label, share)
    if problems:
        raise invalid(label, problems, plan.meta.get("lang") if plan is not None else None, text)
    assert plan is not None
    return plan


def invalid(label: str, problems: list[Problem], lang: Any, text: str) -> PlanInvalid:
    """The error of a text whose ``problems`` (placed on their lines) make it no plan, with
    what says it was cut off at its end, if anything does (``cut_off``)."""
    from .cut_off import cut_evidence

    error = PlanInvalid(label, problems, lang)
    error.cut = cut_evidence(text, problems)
    return error


def _with_lines(problems: list[Problem], text: str, meta: Any = None) -> list[Problem]:
    """The problems with the line of each in the text, for the messages; ``meta``: the file's
    [plan] table, for the year and period a day written without a year falls in."""
    if not problems:
        return problems
    lines = _values_blanked(text, text.split("\n"))
    headers = _Headers(lines)
    placed = [problem.at_line(_line_of(problem, lines, headers) + 1) for problem in problems]
    return [_number_as_written(problem, lines, text, meta) for problem in placed]


def _number_as_written(problem: Problem, lines: list[str], text: str, meta: Any) -> Problem:
    """A problem of a text or date field holding a number (id = 1.10, due = 6.30) saying what
    to write, from the number as typed on its line: TOML has read 1.10 as 1.1 and 6.30 as 6.3."""
    found = problem.found
    if type(found) not in (int, float) or not problem.line:
        return problem
    from ..values_typed import with_number_read

    key, _, value = lines[problem.line - 1].partition("=")
    written = re.sub(r"[ \t]+#.*$", "", value).strip(" \t\r")
    if key.strip(" \t") != problem.field or not re.fullmatch(r"[+-]?[0-9][0-9_.]*", written):
        return problem
    if not isinstance(meta, dict):  # (the header as written: its year, not its period)
        year = re.search(r"^[ \t]*year[ \t]*=[ \t]*([0-9]{4})[ \t]*(?:#.*)?$", text, re.M)
        meta = {"year": int(year.group(1))} if year else {}
    # (the period too: 3.31 in a plan from July to June is in the year after its start's)
    return with_number_read(problem, written, meta)


def _strings_blanked_before(text: str, line: int) -> list[str]:
    """The lines of a text TOML refused at ``line`` (from 1), to 100 lines past it (where the
    id of the item the line is in may be), with the lines a multi-line string goes on over
    before that line made empty (``_values_blanked``): also those of a string still open there,
    where the error is inside it. A note that holds a ``[[item]]`` line is not an item."""
    lines = text.split("\n", line + 100)[: line + 100]
    before = "\n".join(lines[: line - 1]) + "\n"  # read by TOML before it refused the line
    return _values_blanked(before, lines, _OPEN_STRING + _STRING_OR_COMMENT)


def _values_blanked(text: str, lines: list[str], pattern: str | None = None) -> list[str]:
    """``lines`` with each line that a multi-line string goes on over made empty: a line of a
    string that reads like a header (``[[item]]``) or a key (``progress = 5``) is neither, and
    problems are placed by headers and keys. The strings are found by a pattern, at C speed (the
    text is valid TOML): scanning a long plan's every statement took a second or more."""
    from ..toml_text import _has_triple_quotes

    if not _has_triple_quotes(text):
        return lines
    blanked = list(lines)
    line, counted = 0, 0  # the line of position ``counted``
    for found in re.finditer(pattern or _STRING_OR_COMMENT, text):
        if found.lastgroup not in ("multi_line", "open_multi_line"):
            continue
        line += text.count("\n", counted, found.start())
        last = line + text.count("\n", found.start(), found.end())
        blanked[line + 1 : last + 1] = [""] * (last - line)
        line, counted = last, found.end()
    return blanked


# A string or a comment of a valid TOML text, a multi-line string by its group: its content may
# hold one or two quotes in a row, and 3 to 5 end it (the last three are the delimiter).
_STRING_OR_COMMENT = (
    r"""(?P<multi_line>"{3}(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"{3,5}|'{3}[\s\S]*?'{3,5})"""
    r"""|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*"""
)


# A multi-line string that the text ends inside (``_strings_blanked_before``), tried before
# the others: a closed one does not match (its body holds no three quotes in a row).
_OPEN_STRING = (
    r"""(?P<open_multi_line>"{3}(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*\Z"""
    r"""|'{3}(?:(?!'{3})[\s\S])*\Z)|"""
)

_HEADER = r"^\s*(\[\[?)([^\[\]]*)\]\]?\s*(#.*)?$"


class _Headers(list[tuple[int, bool, str]]):
    """(line number, array of tables?, dotted name) of every table header in the text, in
    order, indexed by name and kind, so that placing each of thousands of problems looks at the
    tables it may be in, not at every table of the file."""

    def __init__(self, lines: list[str]):
        super().__init__()
        self.by_name: dict[tuple[str, bool], list[int]] = {}  # positions in the list
        header = re.compile(_HEADER)
        for number, line in enumerate(lines):
            if "[" not in line:  # most lines, at C speed
                continue
            match = header.match(line)
            if match:
                name = re.sub(r"\s+", "", match.group(2))
                array = match.group(1) == "[["
                self.by_name.setdefault((name, array), []).append(len(self))
                self.append((number, array, name))
        self.starts = [header[0] for header in self]
        self.lines = len(lines)

    def nth(self, name: str, array: bool, start: int, stop: int, number: int) -> int | None:
        """Position of the ``number``-th header (from 0) of this name and kind on the lines
        start to stop; None if there are not that many."""
        found = self.by_name.get((name, array), [])
        first = bisect.bisect_left(found, bisect.bisect_left(self.starts, start))
        last = bisect.bisect_left(found, bisect.bisect_left(self.starts, stop))
        return found[first + number] if first + number < last else None

    def below(self, at: int, inside: str) -> int:
        """The line of the first header after position ``at`` whose name does not start with
        ``inside`` (the end of the text if none): where the table at ``at`` ends, with its own
        sub-tables."""
        for position in range(at + 1, len(self)):
            line, _, name = self[position]
            if not name.startswith(inside):
                return line
        return self.lines

    def after(self, line: int) -> int:
        """Position of the first header below ``line``."""
        return bisect.bisect_right(self.starts, line)


def _line_of(problem: Problem, lines: list[str], headers: _Headers) -> int:
    """The line (from 0) of the problem's field, else of the table it is in: the place
    ``(("item", 2), ("log", 0))`` is the first [[item.log]] under the third [[item]]. A table
    written inline (``log = [{…}]``) is found as the line of its key."""
    start, stop = 0, len(lines)
    steps = problem.place or ((("item", problem.index),) if problem.index is not None else ())
    if not steps and problem.field is not None:
        steps = (("plan", -1),)  # the [plan] table
    prefix = ""
    for name, number in steps:
        if name == "":  # a key at the top level of the file
            stop = headers[0][0] if headers else len(lines)
            key = (problem.field or "").split(".")[0]
            heads = [h[0] for h in headers if h[2] == key or h[2].startswith(key + ".")]
            if heads and _key_line(lines, 0, stop, key) is None:
                return heads[0]
            break
        full = f"{prefix}.{name}" if prefix else name
        at = headers.nth(full, number >= 0, start, stop, max(number, 0))
        if at is None:
            break
        start = headers[at][0]
        stop = min(headers.below(at, full + "."), stop)
        prefix = full
    following = headers.after(start)
    own = headers[following][0] if following < len(headers) else stop
    own = min(own, stop)
    key = (problem.field or "").split(".")[0]
    found = _key_line(lines, start, own, key) if key else None
    if found is None and key and prefix:  # tables of its own: [plan.warning], [[item.milestone]]
        for array in (False, True):
            table = headers.nth(f"{prefix}.{key}", array, start, stop, 0)
            if table is not None:
                return headers[table][0]
    return start if found is None else found


def _key_line(lines: list[str], start: int, stop: int, key: str) -> int | None:
    name = re.escape(key)  # as written bare, or in quotes ("责任人" = …)
    pattern = re.compile(rf"""^\s*(?:{name}|"{name}"|'{name}')\s*=""")
    return next((n for n in range(start, stop) if pattern.match(lines[n])), None)
