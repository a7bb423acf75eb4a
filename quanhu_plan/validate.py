"""What a plan file may hold: the type and range of every known field, the entries of the
trace, and the limits that keep every command safe on any file (the ``[plan]`` table:
``validate_header``; the archive of removed items and the top level's own tables:
``validate_archive``).
Pure: no I/O. ``building.build_plan`` gathers these problems; ``plan check`` lists them, and every
other command refuses a file that has any.

The limits (stated in docs/format.md, Limits):

- years and every date or date-time the tool reads (``start``, ``end``, ``due``, ``done_on``,
  a log entry's ``at``/``on``/``undone``/``undoes``, an archive record's ``at``) lie in
  ``YEARS``, 1900 to 2999;
- a number in a known field (progress, baseline, target, actual, weight, position) is below
  ``NUMBER_LIMIT`` (10^15) in size, and 0 or one that views show as more than 0 (``TINY``);
- no value anywhere in the file is ``nan`` or ``inf``, and no value nests arrays or inline
  tables more than ``MAX_NESTING`` levels deep;
- parts, goals and tasks nest at most ``MAX_TREE_DEPTH`` levels (checked in ``building._link``).
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from typing import TYPE_CHECKING, Any, TypeGuard

from .periods import span_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from .errors import Problem
    from .sharing import Sharing

YEARS = (1900, 2999)
NUMBER_LIMIT = 10**15
MAX_NESTING = 16
MAX_TREE_DEPTH = 64

STATUSES = ("todo", "doing", "done", "blocked", "dropped")

TEXT_FIELDS = ("title", "detail", "measure", "reason", "target_text")
NAME_FIELDS = ("lead", "lead_unit", "owner")  # one name, or a list of names
LIST_FIELDS = ("support_units", "evidence")
DATE_FIELDS = ("done_on",)
PERIOD_FIELDS = ("due", "start")  # a date, "2023-05" (a month) or "2023-Q2" (a quarter)
METRIC_FIELDS = ("baseline", "target", "actual")

# The top-level array of removed items (see changes.py and trace.py).
ARCHIVE = "removed"

Texts = tuple[str, str]  # (zh, en): what is allowed, how to fix


def is_number(value: Any) -> bool:
    """An int or a finite float (not a bool); math.isfinite would overflow on a huge int."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def is_date(value: Any) -> TypeGuard[dt.date]:
    """A calendar date (not a date-time) within YEARS."""
    return (
        isinstance(value, dt.date)
        and not isinstance(value, dt.datetime)
        and YEARS[0] <= value.year <= YEARS[1]
    )


def is_moment(value: Any) -> bool:
    """A date-time (or a date, as a hand-written log entry may have) within YEARS."""
    return isinstance(value, dt.date) and YEARS[0] <= value.year <= YEARS[1]


def _in_limit(value: Any) -> bool:
    return is_number(value) and abs(value) < NUMBER_LIMIT


# Below this in size (and not 0), a number may be one every view shows as 0 (``format_number``
# keeps 15 decimals): the fast checks send it to ``_shown_as_0``.
TINY = 1e-15


def _shown_as_0(value: Any) -> bool:
    """A number not 0 that every view shows as 0 (a weight of 1e-300, a target of 1e-20): the
    command line refuses it (``cli.change.parse_figure``), and so does the file."""
    if not (is_number(value) and value != 0 and abs(value) < TINY):
        return False
    from .texts import format_number

    return format_number(value) == "0"


def _said_as_0(texts: Texts, value: Any) -> Texts:
    """What a numeric field allows, and where ``value`` is a number every view shows as 0,
    that it is."""
    if not _shown_as_0(value):
        return texts
    return (
        f"{texts[0]}这个数太小，显示出来都是 0：请写实际的数。",
        f"{texts[1]} This one is so small that every view shows it as 0: write the real figure.",
    )


_DATE_WORDS = (
    f"应为 {YEARS[0]} 到 {YEARS[1]} 年之间的有效日期，如 2023-06-30（不加引号）。",
    f"must be a valid date from {YEARS[0]} to {YEARS[1]}, like 2023-06-30 (no quotes).",
)
_MOMENT_WORDS = (
    f"应为 {YEARS[0]} 到 {YEARS[1]} 年之间的日期时间，如 2023-06-30T09:00:00+08:00（不加引号）。",
    f"must be a date-time from {YEARS[0]} to {YEARS[1]}, like 2023-06-30T09:00:00+08:00 "
    "(no quotes).",
)
_PERIOD_WORDS = (
    f'应为日期（如 2023-06-30，不加引号），或月份 "2023-05"（该月底），或季度 "2023-Q2"（该季末），'
    f"年份在 {YEARS[0]} 到 {YEARS[1]} 之间。",
    f'must be a date (2023-06-30, no quotes), a month "2023-05" (its end) or a quarter '
    f'"2023-Q2" (its end), from {YEARS[0]} to {YEARS[1]}.',
)
_LIMIT_ZH = "（绝对值小于 10 的 15 次方）"
_LIMIT_EN = " (below 10^15 in size)"


def _unseen(item_id: str) -> bool:
    """Whether an id has what cannot be seen in it: a space at either end (a typed id is
    stripped), a line break, a tab (shown as a space: 1.<tab>2 reads as the 1. 2 no one can
    type to name it), a format character (zero-width space, bidi mark, BOM), or a letter or
    mark drawn as nothing (``_BLANK_LETTERS``: the combining grapheme joiner, a variation
    selector, the blank Braille cell, a Hangul filler). Other control characters show as
    themselves (\\x1b): an id is text, and may hold them."""
    return item_id != _seen(item_id)


def _seen(item_id: str) -> str:
    """The id without what ``_unseen`` finds in it (the message's advice)."""
    if item_id.isprintable() and _no_blank_letters(item_id):  # the usual case, at C speed
        return item_id.strip()
    import unicodedata

    unseen = "\n\r\t\u2028\u2029" + _BLANK_LETTERS
    kept = (c for c in item_id if c not in unseen and unicodedata.category(c) != "Cf")
    return "".join(kept).strip()


def _no_blank_letters(text: str) -> bool:
    """Whether ``text`` holds none of ``_BLANK_LETTERS``: printable to Python, drawn as nothing
    (1.1<U+034F> reads as 1.1, 1.2<U+2800> as 1.2 with a space after it)."""
    return text.isascii() or not any(c in _BLANK_LETTERS for c in text)


# A title of nothing to see (a zero-width space, a direction mark): a row drawn blank.
# Printable to Python, yet drawn as nothing: the Hangul fillers (ㅤ, a 'blank name' trick), the
# combining grapheme joiner, the Khmer and Mongolian inherent vowels and variation selectors
# (Unicode's Default_Ignorable letters and marks), the blank Braille cell; with every space.
_BLANK_LETTERS = (
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
_DRAWN_BLANK = (
    _BLANK_LETTERS
    # every space str.strip() takes (a literal: a loop over them costs start-up 1.5 ms)
    + "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    + "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def title_drawn(title: str) -> bool:
    """Whether a title shows anything: not blanks, fillers and invisible characters alone."""
    return bool(_seen(title).strip(_DRAWN_BLANK))


INVISIBLE_TITLE = (
    "名称 title 只有看不见的字符（零宽空格、方向控制符、换行等），显示出来是空白：请写上名称。",
    "a title of invisible characters alone (zero-width spaces, direction marks, line breaks) "
    "shows as blank: write a title.",
)


def field_problem(field: str, value: Any) -> Texts | None:
    """What is wrong with ``value`` in a known item field (None: nothing)."""
    if field == "id":
        # Nothing to see (a zero-width space alone): no id to advise, it needs one.
        if not isinstance(value, str) or not value.strip() or not _seen(value):
            return (
                '每个事项需要一个非空的文字编号，如 id = "2.1.3"。',
                'every item needs a non-empty text id, e.g. id = "2.1.3".',
            )
        if _unseen(value):
            clean = _seen(value)
            return (
                "编号前后不能有空格，中间不能有换行、制表符或看不见的字符（零宽空格、软连字符、"
                "方向控制符，多从 Word 或网页复制而来）："
                f'它看上去和编号 {clean} 一样，输入编号时却找不到它。请写成 id = "{clean}"'
                "（或另一个未用过的编号）。",
                "an id may not begin or end with a space, nor hold a line break, a tab or an "
                "invisible character (a zero-width space, a soft hyphen, a direction mark, "
                "mostly copied from Word or a web page): it looks like id "
                f"{clean} "
                f'but cannot be typed. Write id = "{clean}" (or another unused id).',
            )
    elif field == "title":
        if not isinstance(value, str) or not value.strip():
            return ("每个事项需要非空的名称 title。", "every item needs a non-empty title.")
        if not title_drawn(value):
            return INVISIBLE_TITLE
    elif field == "key":
        if not isinstance(value, str) or not value.strip():
            return (
                '应为县级任务编号（非空文字），各镇计划中同一项县级任务写同一个编号，如 key = "县-12"。',
                "must be the county's task number (non-empty text), the same in every town's "
                'plan, e.g. key = "C-12".',
            )
    elif field == "parent":
        if not isinstance(value, str):
            return (
                '应为上级事项的编号（文字），顶层为 ""。',
                'must be the id of another item (text), "" for the top level.',
            )
    elif field in TEXT_FIELDS:
        if not isinstance(value, str):
            return ("应为文字（加引号）。", "must be text (in quotes).")
    elif field in NAME_FIELDS:
        if not (
            isinstance(value, str)
            or (isinstance(value, list) and value and all(isinstance(v, str) for v in value))
        ):
            return (
                '应为一个名称（文字），或几个名称的列表，如 ["农业股", "农田建设管理股"]。',
                'must be a name (text) or a list of names, e.g. ["Farm office", "Water office"].',
            )
    elif field in LIST_FIELDS:
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return (
                '应为文字列表，如 ["县农业农村局"]。',
                'must be a list of text, e.g. ["Agriculture bureau"].',
            )
    elif field in DATE_FIELDS:
        if not is_date(value):
            return _DATE_WORDS
    elif field in PERIOD_FIELDS:
        span = span_of(value)
        if span is None or not (YEARS[0] <= span[0].year and span[1].year <= YEARS[1]):
            return _PERIOD_WORDS
    elif field == "direction":
        if value not in ("up", "down"):
            return (
                '只能是 "up"（越大越好，默认）或 "down"（越小越好：控制在…以内、下降、名次）。',
                'must be "up" (more is better, the default) or "down" (less is better).',
            )
    elif field == "milestone":
        return _milestones_problem(value)
    elif field == "conflict":
        return _conflicts_problem(value)
    elif field == "item":
        return nested_items_problem(value, "item")
    elif field == "status":
        if value not in STATUSES:
            return (
                "只能是 todo（未开始）、doing（进行中）、done（已完成）、blocked（受阻）、dropped（已取消）之一。",
                "must be one of todo, doing, done, blocked, dropped.",
            )
    elif field == "progress":
        if not is_number(value) or not 0 <= value <= 100 or _shown_as_0(value):
            return _said_as_0(
                ("进度应为 0 到 100 之间的数字。", "progress must be a number from 0 to 100."),
                value,
            )
    elif field in METRIC_FIELDS:
        if not _in_limit(value) or _shown_as_0(value):
            return _said_as_0(
                (
                    f"应为数字，可以为负{_LIMIT_ZH}。",
                    f"must be a number, may be negative{_LIMIT_EN}.",
                ),
                value,
            )
    elif field == "weight":
        if not _in_limit(value) or value <= 0 or _shown_as_0(value):
            return _said_as_0(
                (
                    "权重应为大于 0、小于 10 的 15 次方的数字（默认 1）。",  # one bracket
                    "weight must be a number above 0 and below 10^15 (default 1).",
                ),
                value,
            )
    return None


def nested_items_problem(value: Any, inside: str) -> Texts | None:
    """Items written inside another table (``[[item.item]]`` pasted at an item's depth,
    ``[[plan.item]]`` under the header): no view would show them, so the file is refused with
    the header to write, ``[[item]]``. ``inside``: the table they are in ("item", "plan"). None
    for a field of one's own named item that holds no tables."""
    tables = value if isinstance(value, list) else [value]
    if not tables or not all(isinstance(table, dict) for table in tables):
        return None
    ids = [str(t["id"]) for t in tables if isinstance(t.get("id"), str)]
    named_zh = f"（其中的事项 {'、'.join(ids[:5])}{' 等' if len(ids) > 5 else ''}）" if ids else ""
    named_en = f" ({', '.join(ids[:5])}{' …' if len(ids) > 5 else ''})" if ids else ""
    header = f"[[{inside}.item]]" if isinstance(value, list) else f"[{inside}.item]"
    where_zh = "上一个事项" if inside == "item" else "计划表头 [plan] "
    where_en = "the item above" if inside == "item" else "the plan's header [plan]"
    return (
        f"{header} 把事项写进了{where_zh}里面，计划不读它们{named_zh}，哪里都不显示。"
        "每个事项都顶格写成 [[item]]，前面不加别的名字，层级由编号决定（1.3 在 1 之下）："
        f"请把 {header} 改成 [[item]]。",
        f"{header} puts items inside {where_en}: the plan does not read them{named_en}, and "
        "no view shows them. Every item is written as [[item]], with no other name before it; "
        f"its id places it (1.3 under 1): change {header} to [[item]].",
    )


def _milestones_problem(value: Any) -> Texts | None:
    """``[[item.milestone]]``: each a table with ``due`` and either ``progress`` (percent) or
    ``value`` (a figure), and maybe a ``note``; a problem names the milestone and what is
    wrong with it."""
    shape = (
        "应写成 [[item.milestone]] 表，每个写明 due（日期、月份或季度）和 progress（进度%）或 "
        "value（指标数值）之一，可加 note（或只写 note）。",
        "must be [[item.milestone]] tables, each with a due (a date, month or quarter) and "
        "either a progress (percent) or a value (a figure), maybe a note (or a note alone).",
    )
    if not isinstance(value, list) or not all(isinstance(m, dict) for m in value):
        return shape
    for number, milestone in enumerate(value, 1):
        wrong = _milestone_problem(milestone)
        if wrong is not None:
            return (f"第 {number} 个时间节点：{wrong[0]}", f"milestone {number}: {wrong[1]}")
    return None


def _milestone_problem(milestone: dict[str, Any]) -> Texts | None:
    if "due" not in milestone:
        return ("缺少 due（日期、月份或季度）。", "it has no due (a date, month or quarter).")
    due = field_problem("due", milestone["due"])
    if due is not None:
        return ("due " + due[0], "due " + due[1])
    has_progress, has_value = "progress" in milestone, "value" in milestone
    # A step with no share (2023-Q1 完成选址, as a 季度形象进度 words one beside 40%, 70%):
    # its note alone, which pace does not follow (rollup.milestones).
    step = not has_progress and not has_value and isinstance(milestone.get("note"), str)
    if has_progress == has_value and not (step and milestone["note"].strip()):
        return (
            "应写 progress（进度%）或 value（指标数值）二者之一（只写 note 的是没有进度的节点）。",
            "give either a progress (percent) or a value (a figure), one of them (or a note "
            "alone, a step with no share).",
        )
    if has_progress:
        problem = field_problem("progress", milestone["progress"])
        if problem is not None:
            return problem
    if has_value and (not _in_limit(milestone["value"]) or _shown_as_0(milestone["value"])):
        texts = (f"value 应为数字{_LIMIT_ZH}。", f"value must be a number{_LIMIT_EN}.")
        return _said_as_0(texts, milestone["value"])
    if "note" in milestone and not isinstance(milestone["note"], str):
        return ("note 应为文字。", "note must be text.")
    for key, other in milestone.items():
        if key not in ("due", "progress", "value", "note"):
            odd = odd_value(other)
            if odd is not None:
                return (f"{key} {odd[0]}", f"{key} {odd[1]}")
    return None


def _conflicts_problem(value: Any) -> Texts | None:
    """``[[item.conflict]]`` (and ``[[plan.conflict]]``): what a merge could not decide, written
    by ``plan merge`` and settled by ``plan resolve`` (see quanhu_plan/merging/conflicts.py)."""
    shape = (
        "应写成 [[item.conflict]] 表（合并冲突，由 plan merge 写入），每个写明 field（字段名），"
        "以及 ours、theirs（双方的值）和 ours_by、ours_at、theirs_by、theirs_at（谁在何时修改）；"
        "用 plan resolve 解决后它会消失。",
        "must be [[item.conflict]] tables (merge conflicts, written by plan merge), each with a "
        "field (the field's name) and ours, theirs (the two values), ours_by, ours_at, "
        "theirs_by, theirs_at (who set each, when); plan resolve settles and removes them.",
    )
    if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
        return shape
    for record in value:
        if not isinstance(record.get("field"), str) or not record["field"].strip():
            return shape
        for key, found in record.items():
            if key.endswith("_by") and not isinstance(found, str):
                return shape
            if key.endswith("_at") and not is_moment(found):
                return _MOMENT_WORDS
            odd = odd_value(found)
            if odd is not None:
                return (f"{key} {odd[0]}", f"{key} {odd[1]}")
    return None


def odd_value(value: Any) -> Texts | None:
    """What is wrong with a value the tool keeps without reading it (an unknown field): only
    ``nan``/``inf`` (it cannot be compared, so no change could be checked before it is
    written) and nesting deeper than MAX_NESTING (None: nothing)."""
    # Depth first with an explicit stack: a value nested thousands deep is refused, not recursed.
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            return (
                f"不能是 {node}（不是一个确定的数，无法核对和比较）；请改为一个普通数字，或删去该字段。",
                f"{node} is not allowed (it is not a definite number and cannot be checked); "
                "write an ordinary number or delete the field.",
            )
        if isinstance(node, dict | list):
            if depth >= MAX_NESTING:
                return (
                    f"数组或表嵌套超过 {MAX_NESTING} 层；请简化该值。",
                    f"arrays or tables nest more than {MAX_NESTING} levels deep; simplify it.",
                )
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return None


def _allowed(texts: Texts) -> dict[str, str]:
    return {"zh": texts[0], "en": texts[1]}


# ---------------------------------------------------------------- items


def check_item(
    table: dict[str, Any],
    index: int | None = None,
    place: tuple[tuple[str, int], ...] = (),
) -> list[Problem]:
    """Every problem with one item's own fields and its log (not its place in the tree).
    ``index`` is its place among the [[item]] tables; ``place`` that of an archived item."""
    if "id" in table and "title" in table and _plain_fields(table, log_apart=True):
        log = table.get("log")  # the one field left to check
        if log is None:
            return []
        return _check_log(log, table["id"], index, place)
    return _check_item_fields(table, index, place)


# The fields where a value of one type is plainly right, seen in one look (see _plain_fields;
# field_problem says what is wrong when one is not).
_KNOWN = frozenset(
    (
        *("id", "title", "key", "parent", "direction", "milestone", "conflict", "status"),
        *(*TEXT_FIELDS, *NAME_FIELDS, *LIST_FIELDS, *DATE_FIELDS, *PERIOD_FIELDS),
        *("progress", *METRIC_FIELDS, "weight", "log"),
    )
)
_NON_BLANK = frozenset(("id", "title", "key"))
_ANY_TEXT = frozenset(("parent", *TEXT_FIELDS, *NAME_FIELDS)) - _NON_BLANK
_DATES = frozenset((*DATE_FIELDS, *PERIOD_FIELDS))
_LIMITED = frozenset((*METRIC_FIELDS, "weight"))


def _plain_fields(table: dict[str, Any], log_apart: bool = False) -> bool:
    """Whether every field of an item's table (but its log, with ``log_apart``) is plainly
    right: text, dates and numbers that field_problem and odd_value would find nothing wrong
    with. The common case, a plan as the tool writes it, is checked so in one look per field;
    False sends the table to the detailed check, which names what is wrong (or finds nothing:
    lists of names, months and quarters, milestones are left to it)."""
    for field, value in table.items():
        kind = type(value)
        if kind is str:
            if field in _ANY_TEXT or field not in _KNOWN:
                continue
            if field == "status":
                plain = value in STATUSES
            elif field == "direction":
                plain = value == "up" or value == "down"
            elif field == "id":  # printable, no space at either end: no call (_unseen)
                plain = (
                    bool(value)
                    and value.isprintable()
                    and value.strip() == value
                    and _no_blank_letters(value)
                )
            else:  # (a title not printable may show nothing: ``field_problem``)
                plain = (
                    field in _NON_BLANK and value.isprintable() and bool(value.strip(_DRAWN_BLANK))
                )
        elif kind is dt.date:
            plain = field not in _KNOWN or (field in _DATES and YEARS[0] <= value.year <= YEARS[1])
        elif kind is int or kind is float:
            if field == "progress":
                plain = 0 <= value <= 100 and not 0 < value < TINY  # False for nan
            elif field in _LIMITED:
                plain = (
                    -NUMBER_LIMIT < value < NUMBER_LIMIT
                    and (field != "weight" or value > 0)
                    and not (value != 0 and -TINY < value < TINY)
                )
            else:
                plain = field not in _KNOWN and (kind is int or math.isfinite(value))
        elif kind is bool or kind is dt.datetime or kind is dt.time:
            plain = field not in _KNOWN
        elif kind is list:
            if field in LIST_FIELDS or field in NAME_FIELDS:
                plain = all(type(name) is str for name in value) and (
                    bool(value) or field in LIST_FIELDS
                )
            else:
                plain = log_apart and field == "log"
        else:
            plain = False
        if not plain:
            return False
    return True


def check_shared(
    table: dict[str, Any], index: int, sharing: Sharing
) -> tuple[dict[str, Any], list[Problem]]:
    """``check_item(table, index)`` and the table copied through ``sharing``, in one pass over
    its fields where it is plainly right (the common case)."""
    copy = plain_copy(table, sharing)
    if copy is None:
        return sharing.table(table), _check_item_fields(table, index, ())
    log = copy.get("log")  # the one field left to check
    return copy, [] if log is None else _check_log(log, copy["id"], index, ())


def plain_copy(table: dict[str, Any], sharing: Sharing) -> dict[str, Any] | None:
    """The quick look of ``check_item`` and, in the same pass, the table copied through
    ``sharing`` (keys and short texts interned, equal dates one object): the copy when every
    field but the log is plainly right (as ``_plain_fields(table, log_apart=True)`` says, id
    and title there), else None (check the table in detail). Its log is copied, not checked."""
    if "id" not in table or "title" not in table:
        return None
    out = {}
    intern, dated, share, short = sys.intern, sharing.dated, sharing.value, sharing.short
    for field, value in table.items():
        kind = type(value)
        if kind is str:
            if field in _ANY_TEXT or field not in _KNOWN:
                plain = True
            elif field == "status":
                plain = value in STATUSES
            elif field == "direction":
                plain = value == "up" or value == "down"
            elif field == "id":  # printable, no space at either end: no call (_unseen)
                plain = (
                    bool(value)
                    and value.isprintable()
                    and value.strip() == value
                    and _no_blank_letters(value)
                )
            else:  # (a title not printable may show nothing: ``field_problem``)
                plain = (
                    field in _NON_BLANK and value.isprintable() and bool(value.strip(_DRAWN_BLANK))
                )
            if len(value) <= short:
                value = intern(value)
        elif kind is dt.date:
            plain = field not in _KNOWN or (field in _DATES and YEARS[0] <= value.year <= YEARS[1])
            value = dated(value, value)
        elif kind is int or kind is float:
            if field == "progress":
                plain = 0 <= value <= 100 and not 0 < value < TINY  # False for nan
            elif field in _LIMITED:
                plain = (
                    -NUMBER_LIMIT < value < NUMBER_LIMIT
                    and (field != "weight" or value > 0)
                    and not (value != 0 and -TINY < value < TINY)
                )
            else:
                plain = field not in _KNOWN and (kind is int or math.isfinite(value))
        elif kind is bool or kind is dt.datetime or kind is dt.time:
            plain = field not in _KNOWN
        elif kind is list:
            if field in LIST_FIELDS or field in NAME_FIELDS:
                plain = all(type(name) is str for name in value) and (
                    bool(value) or field in LIST_FIELDS
                )
            else:
                plain = field == "log"
            value = share(value)
        else:
            return None
        if not plain:
            return None
        out[intern(field)] = value
    return out


def _check_item_fields(
    table: dict[str, Any], index: int | None, place: tuple[tuple[str, int], ...]
) -> list[Problem]:
    """check_item in detail: every field, naming what is wrong with each."""
    from .errors import Problem  # (not at the top: see ``_check_log``)

    item_id = table.get("id")
    shown_id = item_id if isinstance(item_id, str) and item_id.strip() else None
    problems: list[Problem] = []

    def bad(field: str, texts: Texts) -> None:
        problems.append(
            Problem(shown_id, field, table.get(field), _allowed(texts), index, None, place)
        )

    for field in ("id", "title"):
        texts = field_problem(field, table.get(field))
        if texts:
            bad(field, texts)
    for field, value in table.items():
        if field in ("id", "title"):
            continue
        if field == "log":
            problems += _check_log(value, shown_id, index, place)
            continue
        texts = field_problem(field, value) or odd_value(value)
        if texts:
            bad(field, texts)
    return problems


_LOG_TEXT = ("note", "by", "action")
_LOG_MOMENTS = ("at", "undone", "undoes")


def _check_log(
    log: Any,
    item_id: str | None,
    index: int | None,
    place: tuple[tuple[str, int], ...],
    rule: Callable[[str, Any], Texts | None] = field_problem,
) -> list[Problem]:
    """The problems of an item's log; ``rule`` says what a field of its before/after tables
    may hold (the header's log: the header's fields, ``validate_header``).
    (``Problem`` imported here, where a problem may be found: the process reading a long plan's
    items ahead, ``store.read_ahead``, loads this module for its quick look alone, and is
    sooner at its work without ``errors`` loaded.)"""
    from .errors import Problem

    def allowed(zh: str, en: str) -> dict[str, str]:
        return {"zh": zh, "en": en}

    if not isinstance(log, list) or not all(isinstance(e, dict) for e in log):
        return [
            Problem(
                item_id,
                "log",
                log,
                allowed("应写成 [[item.log]] 表。", "must be [[item.log]] tables."),
                index,
                None,
                place,
            )
        ]
    problems: list[Problem] = []
    for number, entry in enumerate(log):
        if rule is field_problem and _plain_entry(entry):  # (the fast look knows items' fields)
            continue
        at = (*place, ("log", number)) if place else (("item", index or 0), ("log", number))

        def bad(field: str, value: Any, texts: Texts, at: tuple[tuple[str, int], ...] = at) -> None:
            problems.append(Problem(item_id, field, value, _allowed(texts), index, None, at))

        for key, value in entry.items():
            if key == "on":
                if not is_date(value):
                    bad(key, value, _DATE_WORDS)
            elif key in _LOG_MOMENTS:
                if not is_moment(value):
                    bad(key, value, _MOMENT_WORDS)
            elif key in _LOG_TEXT:
                if not isinstance(value, str):
                    bad(key, value, ("应为文字（加引号）。", "must be text (in quotes)."))
            elif key == "position":
                if not (_in_limit(value) and isinstance(value, int) and value >= 0):
                    bad(
                        key,
                        value,
                        (
                            "应为不小于 0 的整数（在原上级下的位置，0 为第一个）。",
                            "must be a whole number, 0 or more (the old place, 0 = first).",
                        ),
                    )
            elif key in ("before", "after"):
                if not isinstance(value, dict):
                    bad(
                        key,
                        value,
                        (
                            f"应为一个表，写明改动的字段及其{'原' if key == 'before' else '新'}值，"
                            f'如 {key} = {{ status = "doing" }}。',
                            f"must be a table of the fields changed and their "
                            f"{'old' if key == 'before' else 'new'} values, e.g. "
                            f'{key} = {{ status = "doing" }}.',
                        ),
                    )
                    continue
                for field, old_or_new in value.items():
                    texts = (rule(field, old_or_new) if field != "log" else None) or odd_value(
                        old_or_new
                    )
                    if texts:
                        zh, en = texts
                        bad(
                            f"{key}.{field}",
                            old_or_new,
                            (
                                f"这是字段 {field} 的{'原' if key == 'before' else '新'}值：{zh}"
                                "（这条记录可能被手工改过，请改正它。）",
                                f"the {'old' if key == 'before' else 'new'} value of {field}: "
                                f"{en} (the entry may have been edited by hand; correct it.)",
                            ),
                        )
            elif key in _ITEM_ONLY:
                bad(
                    key,
                    value,
                    (
                        f"{key} 是事项的字段，却写在了 [[item.log]] 的下面：[[item.log]] 之后的各行"
                        "都属于这条进展记录，事项本身读不到它。请把这一行移到事项的 [[item]] 下、"
                        "第一个 [[item.log]] 之前，然后再运行。",
                        f"{key} is a field of the item, but it is written below a [[item.log]]: "
                        "every line after [[item.log]] belongs to that entry, and the item does "
                        "not see it. Move the line up under the item's [[item]], above its first "
                        "[[item.log]], then run again.",
                    ),
                )
            else:
                texts = odd_value(value)
                if texts:
                    bad(key, value, texts)
    return problems


_LOG_KNOWN = frozenset(("on", *_LOG_MOMENTS, *_LOG_TEXT, "position", "before", "after"))
# An item's fields, which no trace entry has: in one, a line of the item's typed below its
# [[item.log]] (due = 2023-06-30 read as the entry's, the task without its deadline).
_ITEM_ONLY = _KNOWN - _LOG_KNOWN - {"log"}


def _plain_entry(entry: dict[str, Any]) -> bool:
    """Whether a log entry is plainly right (see _plain_fields): the common case, an entry as
    the tool writes it; False sends it to the detailed check in _check_log."""
    for key, value in entry.items():
        kind = type(value)
        # (a field of one's own, not an item's: an item's is a line below its [[item.log]])
        if kind is str:
            plain = key in _LOG_TEXT or (key not in _LOG_KNOWN and key not in _ITEM_ONLY)
        elif kind is dt.datetime:
            plain = (key not in _LOG_KNOWN and key not in _ITEM_ONLY) or (
                key in _LOG_MOMENTS and YEARS[0] <= value.year <= YEARS[1]
            )
        elif kind is dt.date:
            plain = (key not in _LOG_KNOWN and key not in _ITEM_ONLY) or (
                (key == "on" or key in _LOG_MOMENTS) and YEARS[0] <= value.year <= YEARS[1]
            )
        elif kind is dict:
            plain = (key == "before" or key == "after") and _plain_fields(value)
        elif kind is int:
            plain = (key not in _LOG_KNOWN and key not in _ITEM_ONLY) or (
                key == "position" and 0 <= value < NUMBER_LIMIT
            )
        else:
            plain = False
        if not plain:
            return False
    return True
