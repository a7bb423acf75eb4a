"""Every word the tool says, in Chinese and English, and how numbers and dates are written.

Pure: no I/O. The language is chosen once per run (``--lang``, ``PLAN_LANG``, the plan's own
``lang``) and passed down; anything the user typed is data and never goes through here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .texts_changes import CHANGE_LABELS

if TYPE_CHECKING:  # decimal and fractions load when a figure is written, not for --help
    from decimal import Decimal
    from fractions import Fraction
    from typing import Any

    Real = int | float | Fraction | Decimal

LANGS = ("zh", "en")

STATUS_LABELS = {
    "zh": {
        "todo": "未开始",
        "doing": "进行中",
        "done": "已完成",
        "blocked": "受阻",
        "dropped": "已取消",
    },
    "en": {
        "todo": "not started",
        "doing": "in progress",
        "done": "done",
        "blocked": "blocked",
        "dropped": "dropped",
    },
}

PACE_LABELS = {
    "zh": {
        "done": "已完成",
        "ahead": "超进度",
        "on_pace": "达进度",
        "behind": "欠进度",
        "overdue": "逾期",
        "dropped": "已取消",
        "ongoing": "常态推进",
    },
    "en": {
        "done": "done",
        "ahead": "ahead",
        "on_pace": "on pace",
        "behind": "behind",
        "overdue": "overdue",
        "dropped": "dropped",
        "ongoing": "ongoing",
    },
}

# Labels of fields, columns and headings. Keys are stable; add both languages together.
LABELS = {
    "zh": {
        "id": "编号",
        "key": "县级任务编号",
        "title": "事项",
        "title_field": "事项",
        "parent": "上级",
        "detail": "具体内容",
        "lead": "责任领导",
        "lead_unit": "牵头单位",
        "support_units": "配合单位",
        "owner": "责任人",
        "due": "完成时限",
        "status": "状态",
        "progress": "进度",
        "measure": "计量单位",
        "baseline": "基数",
        "target": "目标值",
        "actual": "完成值",
        "done_on": "完成日期",
        "evidence": "销号依据",
        "reason": "原因",
        "weight": "权重",
        "log": "进展情况",
        "conflict": "合并冲突",
        "pace": "序时进度",
        "completion": "完成率",
        "by_progress": "（按填报进度计）",
        "not_counted": "（不计入）",
        "expected": "序时应完成",
        "responsible": "责任",
        "who": "责任",
        "done_total": "完成/总数",
        "kind_task": "任务",
        "kind_goal": "目标",
        "children": "下级事项",
        "total": "合计",
        "as_of": "截至",
        "unassigned": "（未指定）",
        "by_unit": "按牵头单位",
        "by_lead": "按责任领导",
        "by_owner": "按责任人",
        "group_unit": "牵头单位",
        "group_lead": "责任领导",
        "group_owner": "责任人",
        "part": "部分",
        "blocked": "受阻",
        "metric": "指标",
        "no_items": "没有符合条件的事项。",
        "plan_period": "计划期",
        "file": "文件",
        "embedded": "内置的2023年计划（只读）",
        "check_ok": "{path}：没有发现问题（{items} 个事项，{tasks} 项任务{dropped}）。",
        "check_dropped": "，另有 {count} 项已取消",
        "check_problems": "{path}：发现 {count} 个问题：",
        "check_warnings": "另有 {count} 处值得留意（不影响使用）：",
        "init_written": "已写入 {path}（{items} 个事项）。今后在该目录下运行 plan 即使用这份计划。",
        "init_written_env": (
            "已写入 {path}（{items} 个事项），即环境变量 PLAN_FILE 所指的文件：设着 PLAN_FILE 的"
            "终端窗口里运行 plan 就使用这份计划。"
        ),
        "init_written_named": (
            "已写入 {path}（{items} 个事项）。只有名为 plan.toml 的计划会被自动找到：使用这份计划时"
            "请加 -f，如 plan -f {name} status，或把环境变量 PLAN_FILE 设为这个文件。"
        ),
        "error": "错误",
        "log_by": "记录人",
        "log_at": "记录时间",
        "log_on": "日期",
        "log_action": "操作",
        "log_note": "说明",
        "log_change": "变更",
        "report_overwrite": "{path} 已经存在，要覆盖吗？",
        "report_written": "已写入 {path}。",
        "formatted": "已按标准格式整理 {path}。",
        "already_formatted": "{path} 已经是标准格式，没有改动。",
        "lock_waiting": "正在等待另一个 plan 命令{who}结束：它正在修改这份计划（锁文件 {lock}），"
        "最多等 {timeout} 秒……",
        "lights_column": "红/黄",
        "lights_column_wide": "红/黄",
        "paces_column": "超/达/欠/逾",
        # plan status's four pace columns, where the table is wide enough for them apart
        "ahead_column": "超进度",
        "on_pace_column": "达进度",
        "behind_column": "欠进度",
        "overdue_column": "逾期",
        "light": "预警",
        "milestone": "时间节点",  # a row of plan show for each
        "milestone_met": "{due}（应达 {expected}）已达到，届时完成 {done}",
        "milestone_missed": "{due}（应达 {expected}）未达到，届时完成 {done}",
        "awaiting_tick_off": "注：{name} 的任务完成率均已达100%，其中{said}。",
        "awaiting_tick_off_one": "注：{name} 的1项任务完成率已达100%，尚未销号。",
        "awaiting_tick_off_task": "注：{name} 完成率已达100%，尚未销号。",
        "held_one": "注：{name} 的1项任务完成率已达100%，指标目前保持在目标范围内。",
        "held_task": "注：{name} 完成率已达100%，指标目前保持在目标范围内。",
        "awaiting_part": "{n}项尚未销号",
        "held_part": "{n}项指标目前保持在目标范围内",
        "blocked_part": "{n}项仍为受阻",
        "blocked_one": "注：{name} 的1项任务完成率已达100%，状态仍为受阻。",
        "blocked_task": "注：{name} 完成率已达100%，状态仍为受阻。",
        "blocked_short": "{n}项仍为受阻",
        "parts_sep": "，",
        "awaiting_tick_off_more": "{names}等{n}项",
        "awaiting_said": "（另有{said}）",
        "awaiting_short": "{n}项尚未销号",
        "held_short": "{n}项指标目前保持在目标范围内",
        "blocked_at_full": "注：完成率已达100%，状态仍为受阻。受阻已解决的，核实后用 plan done {id} 销号，或用 plan start {id} 改回进行中；仍受阻的，可用 plan note {id} 写明还差什么。",
        "awaiting_count": "{n}项完成率已达100%、尚未销号",
        "held_count": "{n}项指标目前保持在目标范围内",
        "awaiting_tick_off_all": "注：全部任务完成率均已达100%，其中{said}。",
        "milestone_absent": "{due} 应达 {expected}（当时尚未列入计划，不考核）",
        "milestone_before_start": "{due} 应达 {expected}（不晚于开工，不考核）",
        "milestone_next": "{due} 应达 {expected}（下一个）",
        "milestone_later": "{due} 应达 {expected}",
        "start": "开工",
        "target_text": "目标（原文）",
        "direction": "方向",
        "direction_down": "越小越好",
        "direction_up": "越大越好",
        "now_after_end": "现状（记录至 {today}，序时按 {day} 计）",
        "log_cut": "（共 {total} 条，只显示了最新的 {shown} 条；--all 显示全部，--limit N 显示最新 N 条。）",
        "show_cut": "（共 {total} 条，只显示了最新的 {shown} 条；plan show {typed} --all 列出全部下级事项和记录。）",
        "show_cut_task": "（共 {total} 条，只显示了最新的 {shown} 条；plan show {typed} --all 列出全部记录。）",
        "untraced_note": "注：{fields}没有修改记录（是直接写在计划文件里的），按 --as-of 查看时视为自计划开始即如此。",
    },
    "en": {
        "id": "ID",
        "key": "County task no.",
        "title": "Item",
        "title_field": "Title",  # a change to it: Title A → B
        "parent": "Parent",
        "detail": "Detail",
        "lead": "Lead",
        "lead_unit": "Lead unit",
        "support_units": "Supporting units",
        "owner": "Owner",
        "due": "Due",
        "status": "Status",
        "progress": "Progress",
        "measure": "Unit",
        "baseline": "Baseline",
        "target": "Target",
        "actual": "Actual",
        "done_on": "Done on",
        "evidence": "Evidence",
        "reason": "Reason",
        "weight": "Weight",
        "log": "Log",
        "conflict": "Merge conflict",
        "pace": "Pace",
        "completion": "Completion",
        "by_progress": " (by reported progress)",
        "not_counted": " (not counted)",
        "expected": "Expected by now",
        "responsible": "Responsible",
        "who": "Who",
        "done_total": "Done",
        "kind_task": "task",
        "kind_goal": "goal",
        "children": "Items under it",
        "total": "Total",
        "as_of": "As of",
        "unassigned": "(unassigned)",
        "by_unit": "by lead unit",
        "by_lead": "by lead",
        "by_owner": "by owner",
        "group_unit": "Lead unit",
        "group_lead": "Lead",
        "group_owner": "Owner",
        "part": "Part",
        "blocked": "Blocked",
        "metric": "Metric",
        "no_items": "No items match.",
        "plan_period": "Plan period",
        "file": "File",
        "embedded": "the embedded 2023 plan (read-only)",
        "check_ok": "{path}: no problems found ({items} item{items_s}, {tasks} task{tasks_s}{dropped}).",
        "check_dropped": " and {count} dropped",
        "check_problems": "{path}: {count} problem{s} found:",
        "check_warnings": "and {count} thing{s} worth a look (the plan works as it is):",
        "init_written": "Wrote {path} ({items} items). Run plan in that folder to use it.",
        "init_written_env": (
            "Wrote {path} ({items} items), the file PLAN_FILE names: plan uses it wherever "
            "PLAN_FILE is set so."
        ),
        "init_written_named": (
            "Wrote {path} ({items} items). Only a plan named plan.toml is found by itself: use "
            "this one with -f, as in plan -f {name} status, or set PLAN_FILE to this file."
        ),
        "error": "Error",
        "log_by": "By",
        "log_at": "At",
        "log_on": "Date",
        "log_action": "Action",
        "log_note": "Note",
        "log_change": "Change",
        "report_overwrite": "{path} already exists. Overwrite it?",
        "report_written": "Wrote {path}.",
        "formatted": "Laid out {path} canonically.",
        "already_formatted": "{path} is already laid out canonically; it was not touched.",
        "lock_waiting": "Waiting for another plan command{who} to finish: it is changing this plan "
        "(lock file {lock}); waiting up to {timeout} s…",
        "lights_column": "Red/Yel",
        "lights_column_wide": "Red/Yellow",
        "paces_column": "Ahead/On/Behind/Overdue",
        "ahead_column": "Ahead",
        "on_pace_column": "On pace",
        "behind_column": "Behind",
        "overdue_column": "Overdue",
        "light": "Light",
        "milestone": "Milestone",
        "milestone_met": "{expected} due by {due}, met ({done} done by then)",
        "milestone_missed": "{expected} due by {due}, missed ({done} done by then)",
        "awaiting_tick_off": "Note: every task of {name} is at 100%; {said}.",
        "awaiting_tick_off_one": "Note: the one task of {name} is at 100% but not ticked off yet.",
        "awaiting_tick_off_task": "Note: {name} is at 100% but not ticked off yet.",
        "awaiting_tick_off_tasks": "Note: {name} are at 100% but not ticked off yet.",
        "held_one": "Note: the one task of {name} is at 100%: its figure is held within the target so far.",
        "held_task": "Note: {name} is at 100%: its figure is held within the target so far.",
        "held_tasks": "Note: {name} are at 100%: their figures are held within the target so far.",
        "awaiting_part": "{n}{of} {are} not ticked off yet",
        "held_part": "{n}{of} {are} held within the target so far",
        "blocked_part": "{n}{of} {are} still blocked",
        "blocked_one": "Note: the one task of {name} is at 100% but still blocked.",
        "blocked_task": "Note: {name} is at 100% but still blocked.",
        "blocked_tasks": "Note: {name} are at 100% but still blocked.",
        "blocked_short": "{n} still blocked",
        "parts_sep": " and ",
        "awaiting_tick_off_more": "{names} and {more} more ({n} tasks)",
        "awaiting_said": " ({said})",
        "awaiting_short": "{n} not ticked off",
        "held_short": "{n} held within the target so far",
        "blocked_at_full": "Note: at 100%, but the status is still blocked. If the block is resolved, check and tick it off with plan done {id}, or set it back in progress with plan start {id}; if not, say what is still missing with plan note {id}.",
        "awaiting_count": "{n} more at 100% but not ticked off",
        "held_count": "{n} more held within the target so far",
        "awaiting_tick_off_all": "Note: every task is at 100%; {said}.",
        "milestone_absent": "{expected} due by {due} (not in the plan yet then: not judged)",
        "milestone_before_start": "{expected} due by {due} (not after the start: not judged)",
        "milestone_next": "{expected} due by {due} (the next)",
        "milestone_later": "{expected} due by {due}",
        "start": "Start",
        "target_text": "Target (as written)",
        "direction": "Direction",
        "direction_down": "less is better",
        "direction_up": "more is better",
        "now_after_end": "now (recorded to {today}; pace judged at {day})",
        "log_cut": "(The newest {shown} of {total} entries shown; --all for every one, --limit N for the newest N.)",
        "show_cut": "(The newest {shown} of {total} entries shown; plan show {typed} --all lists everything under it and every entry.)",
        "show_cut_task": "(The newest {shown} of {total} entries shown; plan show {typed} --all lists every entry.)",
        "untraced_note": "Note: {fields} {has} no trace (typed into the plan file by hand); with --as-of it counts from the plan's start.",
    },
}


def label(lang: str, key: str) -> str:
    return LABELS[lang][key]


def status_label(lang: str, status: str) -> str:
    return STATUS_LABELS[lang].get(status, status)


LIGHT_LABELS = {
    "zh": {"red": "红灯", "yellow": "黄灯", "green": "绿灯", None: "—"},
    "en": {"red": "red", "yellow": "yellow", "green": "green", None: "—"},
}


def light_label(lang: str, colour: str | None) -> str:
    return LIGHT_LABELS[lang].get(colour, "—")


def pace_label(lang: str, pace: str) -> str:
    return PACE_LABELS[lang][pace]


def round_half_up(value: Real, places: int = 0) -> Decimal:
    """The one rounding for display (四舍五入): 57.5 -> 58, 0.125 -> 0.13 at 2 places. A float
    counts as the decimal it is written as (3.3, not 3.29999…), a Fraction exactly."""
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    exact = as_decimal(value)
    with localcontext() as context:
        # Room for every digit left of the point: 1 ÷ 5e-324 is a ratio too (a hand-typed
        # target), and quantize fails where the default 28 digits do not hold it.
        context.prec = max(28, exact.adjusted() + places + 2)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def as_decimal(value: Real) -> Decimal:
    from decimal import Decimal, localcontext
    from fractions import Fraction

    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        with localcontext() as context:
            context.prec = 40
            return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def format_number(value: Real) -> str:
    """3.2 -> '3.2', 40.0 -> '40', 3.3000000000000003 -> '3.3': the way the seed writes figures
    (at most 6 decimals, rounded half up, no trailing zeros). A figure below 0.1 keeps its
    first 6 digits (0.0000005, not 0.000001: the target it is half of), up to 15 decimals (a
    float's last; what is smaller is 0)."""
    if isinstance(value, int):
        return str(value)
    if type(value) is float and value - value == 0:  # (finite: inf and nan the general way)
        return _float_shown(value)
    exact = as_decimal(value)
    places = max(6, min(15, 5 - exact.adjusted())) if exact else 6
    rounded = round_half_up(exact, places).normalize()
    if rounded == rounded.to_integral_value():
        return str(int(rounded))
    return format(rounded, "f")


def _float_shown(value: float) -> str:
    """``format_number`` of a finite float, in whole numbers (no Decimal made): the decimal
    its repr writes, rounded half up at the same places."""
    from .rollup import exact_ratio

    top, below = exact_ratio(value)
    if top == 0:
        return "0"
    # the place of the first digit (Decimal's ``adjusted``): 10**lead <= |value| < 10**(lead+1)
    lead = len(str(abs(top) // below)) - 1 if abs(top) >= below else -len(str(below // abs(top)))
    if abs(top) < below and below % abs(top) == 0 and _power_of_ten(below // abs(top)):
        lead += 1  # 0.01 is 10**-2 exactly, not below it
    places = max(6, min(15, 5 - lead))
    scale = 10**places
    shown = ratio_half_up(top, below, scale)
    whole, part = divmod(abs(shown), scale)
    sign = "-" if shown < 0 else ""
    if not part:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{str(part).rjust(places, '0').rstrip('0')}"


def _power_of_ten(number: int) -> bool:
    text = str(number)
    return text[0] == "1" and text.count("0") == len(text) - 1


def labelled(lang: str, name: str, value: str) -> str:
    """A field and its value: 状态：进行中 (a full-width colon in Chinese), Status: in progress."""
    return f"{name}：{value}" if lang == "zh" else f"{name}: {value}"


def with_unit(lang: str, number: str, measure: str) -> str:
    """A figure with its unit: 3.2万亩 in Chinese; 6 km, 150 lights, but 98% and 5‰ in English,
    and one of a plural unit in the singular (1 household, 1 percentage point)."""
    if lang == "zh" or not measure or measure in ("%", "‰", "‱") or _cjk(measure[0]):
        return f"{number}{measure}"  # a Chinese unit stays with its number: 2.5万亩
    if number == "1" and re.fullmatch(_SINGULAR, measure):
        measure = measure[:-1]
    return f"{number} {measure}"


def _cjk(character: str) -> bool:
    return "\u3400" <= character <= "\u9fff" or "\uf900" <= character <= "\ufaff"


# A unit whose last word is an English plural: households, street lights, percentage points
# (not "yuan", "mu", "km", "glass", "bus").
_SINGULAR = r"(?:[A-Za-z-]+ )*[a-z-]*[a-rtv-z]s"  # compiled when first used


# How long a field's value may be in a line or table of changes (``show_value``, plan log).
SHOWN_VALUE_LIMIT = 40


def format_value(
    field: str, value: object, lang: str, limit: int | None = None, *, header: bool = False
) -> str:
    """A field's value as the user reads it ('—' when absent): status by its label, progress
    with %, numbers without float noise, lists joined. With ``limit``, one line of at most that
    many characters (for tables of changes); without, the whole text as typed."""
    if field == "status":
        text = status_label(lang, str(value or "todo"))
    elif value is None:
        text = "—"
    elif field == "parent":
        text = str(value) if value else LABELS[lang]["top_level"]
    elif field == "conflict" and isinstance(value, list):  # merge conflicts: by their fields
        text = ("、" if lang == "zh" else ", ").join(
            _conflict_field(lang, str(c.get("field")), header) for c in value if isinstance(c, dict)
        )
    elif field == "direction" and value in ("up", "down"):
        text = LABELS[lang][f"direction_{value}"]
    elif field == "progress" and isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{format_number(value)}%"
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, int | float):
        text = format_number(value)
    elif isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, list):
        text = ("、" if lang == "zh" else ", ").join(
            v if isinstance(v, str) else _as_written(v) for v in value
        )
    else:
        text = value if isinstance(value, str) else _as_written(value)
    if limit is None:
        return text
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    from .controls import cut_before  # (not inside what reads as one character: 🇨🇳, é)

    return cut_before(text, limit - 1) + "…"


# The most of one text a report's paragraph or cell shows on a terminal or in Word (some five
# hundred pages; a cell of a table shows less, ``terminal.styles.LONGEST_CELL``): laying out
# text costs some microseconds a character, so a title of 100 MB (the largest plan read is
# 128 MB) took five minutes and 5 GB of memory to draw, and five minutes in Word.
LONGEST_PARAGRAPH = 1_000_000


def cut_long(text: str, longest: int) -> str:
    """``text`` whole where it has at most ``longest`` characters, else its first ``longest``
    followed by how long it is: …（共 1,234,567 字 / 1,234,567 characters）."""
    if len(text) <= longest:
        return text
    from .controls import cut_before

    return f"{cut_before(text, longest)}…（共 {len(text):,} 字 / {len(text):,} characters）"


def _conflict_field(lang: str, name: str, header: bool) -> str:
    """A field in conflict as a line of changes names it: in Chinese by its name, as the line
    names the field itself (合并冲突: 责任人 → —; the header's 计划名称); in English by its
    key, as plan check and plan resolve take it (owner)."""
    if lang != "zh" or not name.isidentifier() or name.startswith(("did_", "warn_")):
        return name
    if header:
        from .header import field_name

        return field_name(name, lang)
    return LABELS[lang].get("title_field" if name == "title" else name, name)


def title_in_line(title: str) -> str:
    """A title as a one-line message quotes it (已经销号, 没有修改, 已填报进度 …): its lines
    joined by a space and cut with … past SHOWN_VALUE_LIMIT, as plan log shows a title changed
    (a title pasted with 3,000 lines is no 3,000-line message); the spaces of a line are the
    user's and stay (East  road)."""
    # (A lone carriage return is no line break but a control, which ``controls.visible``
    # shows as \x0d, as every view of the title does; a Windows line end, CR LF, is one.)
    if "\n" in title or "\u2028" in title or "\u2029" in title:
        lines = title.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
        title = " ".join(line.strip() for line in lines.split("\n") if line.strip())
    limit = SHOWN_VALUE_LIMIT
    if len(title) <= limit:
        return title
    from .controls import cut_before

    return cut_before(title, limit - 1) + "…"


def _as_written(value: object) -> str:
    """A value of a field the tool does not know (a table, a list in a list) as a TOML file
    writes it, not as Python would (``{ site = "x", on = 2023-05-01 }``, not ``{'site': 'x',
    'on': datetime.date(2023, 5, 1)}``)."""
    if isinstance(value, dict):
        pairs = (f"{_key_as_written(k)} = {_as_written(v)}" for k, v in value.items())
        return "{ " + ", ".join(pairs) + " }" if value else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_as_written(v) for v in value) + "]"
    if isinstance(value, str):  # (a line break, CR or tab as TOML writes it in quotes)
        text = value.replace("\\", "\\\\").replace('"', '\\"')
        if not text.isprintable():
            text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        return '"' + text + '"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _key_as_written(key: object) -> str:
    text = str(key)
    bare = text and all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in text)
    return text if bare else _as_written(text)


def ratio_half_up(top: int, below: int, scale: int) -> int:
    """``top / below × scale`` (below > 0) rounded half up as ``round_half_up`` rounds (a half
    away from zero: -2.5 is -3), exactly, in whole numbers: no Fraction nor Decimal made."""
    whole = (2 * abs(top) * scale + below) // (2 * below)
    return whole if top >= 0 else -whole


def ratio_shown(top: int, below: int, scale: int) -> int:
    """``ratio_half_up``, but never all of ``scale`` for a share short of all
    (``short_of_whole``): a percent shown, a bar's filled cells."""
    rounded = ratio_half_up(top, below, scale)
    return rounded - 1 if rounded == scale and top < below else rounded


def format_percent(share: Real | None) -> str:
    """A share 0..1 as a whole percent, rounded half up ('—' when there is nothing to count),
    but never 100 % short of whole (``short_of_whole``)."""
    if share is None:
        return "—"
    ratio = getattr(share, "as_integer_ratio", None)
    if ratio is not None and not isinstance(share, float):
        return percent_of(ratio())
    shown = round_half_up(as_decimal(share) * 100)
    return f"{short_of_whole(share, shown, 100)}%"


def percent_of(ratio: tuple[int, int] | None) -> str:
    """``format_percent`` of a share given as (numerator, denominator > 0): a status and a
    change's completion line say it without making a Fraction."""
    if ratio is None:
        return "—"
    return f"{ratio_shown(*ratio, 100)}%"


def format_percent_short_of(share: Real | None, mark: Real) -> str:
    """``format_percent`` of a share said beside a mark it fell short of (a milestone missed:
    应达50%，届时完成49.6%): never the mark's percent or above, but one below it, as 99.6 % of a
    task shows 99 % — 应达50%，未达到，届时完成50% would contradict itself."""
    from .rollup import exact_ratio  # (a float as the decimal it is written as)

    return percent_short_of(None if share is None else exact_ratio(share), exact_ratio(mark))


def mark_percent(ratio: tuple[int, int]) -> str:
    """``percent_of`` a milestone's share due (numerator, denominator > 0), but never 0 % for a
    milestone that asks for something (1亩 of 3000亩 by March: 0.03 %, not 0 %), which beside
    未达到，届时完成 0% would say nothing was due and yet it was missed: shown to its first
    place that is not 0, rounded half up (at most 6 places; below them, 0.000001 %)."""
    top, below = ratio
    shown = percent_of(ratio)
    if top <= 0 or shown != "0%":
        return shown
    for places in range(1, 7):
        scaled = ratio_half_up(top, below, 100 * 10**places)
        if scaled:
            break
    scaled = max(scaled, 1)
    return f"0.{scaled:0{places}d}".rstrip("0") + "%"


def percent_short_of(share: tuple[int, int] | None, mark: tuple[int, int]) -> str:
    """``format_percent_short_of`` of shares given as (numerator, denominator > 0)."""
    shown = percent_of(share)
    if share is None or share[0] * mark[1] >= mark[0] * share[1]:
        return shown
    below = int(percent_of(mark)[:-1]) - 1
    return f"{max(min(int(shown[:-1]), below), 0)}%"


def short_of_whole(share: Real, rounded: Any, whole: int, step: Any = 1) -> Any:
    """``rounded``, the share rounded half up to a scale where ``whole`` is all of it — except
    a share short of all (99.95 %, 99.5 %) that rounds up to all: that shows one ``step``, its
    last place, below (99 %; 99.9 at one decimal), since 100 % (完成率100%) says done of a task,
    a part or a plan that is not."""
    return rounded - step if rounded == whole and share < 1 else rounded


def share_value(share: Real | None, places: int = 4) -> float | None:
    """A share for JSON: a number with ``places`` decimals, rounded half up (never 1.0 short of
    whole: ``short_of_whole``)."""
    if share is None:
        return None
    scale = 10**places
    return float(short_of_whole(share, round_half_up(share, places) * scale, scale) / scale)


def ratio_value(ratio: tuple[int, int] | None, places: int = 4) -> float | None:
    """``share_value`` of a share given as (numerator, denominator > 0), in whole numbers: a
    status's JSON says every row's without making a Fraction or a Decimal."""
    if ratio is None:
        return None
    scale = 10**places
    return ratio_shown(*ratio, scale) / scale


def format_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def one_line(text: str) -> str:
    """Text written over several lines (a title typed with a line break, a cell of a sheet),
    on one: Chinese joined without a space (修建村级\n文化广场: 修建村级文化广场, 完成\n时限:
    完成时限), other text with one (Repair\nthe bridge: Repair the bridge); blank lines go.
    Text on one line is kept as it is; only line feeds, the line and paragraph separators
    U+2028/U+2029 (which ``controls.visible`` shows as line feeds) and the spaces around them
    go, every other character stays for ``controls.visible`` to show."""
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if "\n" not in text:
        return text
    out = ""
    for line in text.split("\n"):
        line = line.strip(" \t\r\u3000")
        if not line:
            continue
        if out and not (_is_wide(out[-1]) or _is_wide(line[0])):
            out += " "
        out += line
    return out


def _is_wide(character: str) -> bool:
    return ord(character) > 0x2E7F


def plural_s(count: int) -> str:
    """The English plural's s after ``count`` (1 task, 2 tasks)."""
    return "" if count == 1 else "s"


def counted(count: int, word: str, words: str | None = None) -> str:
    """``count`` and the English word in its number: 1 file, 2 files; 1 copy, 2 copies."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def format_clock_time(moment: dt.datetime) -> str:
    """A trace time to the minute, as this computer's clock shows it: ``plan log`` and the
    message of ``plan undo`` name a change by the same time, whatever zone it was written in
    (a time without an offset is this clock's already)."""
    from .local_zone import local

    return local(moment).strftime("%Y-%m-%d %H:%M")


def parse_status(text: str) -> str | None:
    """A status given by key ('done') or by its label in either language ('已完成'), in any
    case (DONE); or by a word a table writes for it, as ``plan import`` reads them (完成, 已销号,
    推进中, 取消)."""
    text = text.strip()
    for lang in LANGS:
        for key, name in STATUS_LABELS[lang].items():
            if text in (key, name):
                return key
    if text.casefold() in STATUS_LABELS["en"]:
        return text.casefold()
    from .importing.values import status_word

    return status_word(text) if text else None


# Words an office says of a pace besides the tool's own (落后 for 欠进度, 超期 for 逾期).
_PACE_WORDS = {
    "落后": "behind",
    "滞后": "behind",
    "进度滞后": "behind",
    "落后进度": "behind",
    "超期": "overdue",
    "已逾期": "overdue",
    "超时": "overdue",
    "超前": "ahead",
    "按序时推进": "on_pace",
    "序时": "on_pace",
}


def parse_pace(text: str) -> str | None:
    """A pace given by key ('behind'), its label in either language ('欠进度'), in any case,
    or a word an office says for it (落后, 超期)."""
    text = text.strip().replace("-", "_").replace(" ", "_").casefold()
    for lang in LANGS:
        for key, name in PACE_LABELS[lang].items():
            if text in (key, name.replace(" ", "_").casefold()):
                return key
    return _PACE_WORDS.get(text)


_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(number: int) -> str:
    """1 -> '一', 10 -> '十', 11 -> '十一', 20 -> '二十', 105 -> '一百零五', 110 -> '一百一十':
    the numbering of 一、二、… and (一)(二)…; numbers outside 1..9999 stay in digits."""
    if not 0 < number < 10000:
        return str(number)
    text, gap = "", False
    for value, unit in _UNITS:
        digit = number // value % 10
        if digit:
            if gap:
                text += "零"
            text += _DIGITS[digit] + unit
            gap = False
        elif text:
            gap = True
    ones = number % 10
    if ones:
        text += ("零" if gap else "") + _DIGITS[ones]
    return text[1:] if 10 <= number < 20 else text  # 十一, not 一十一


def as_of_words(lang: str, as_of: dt.date, recorded_to: dt.date | None = None) -> str:
    """What a view's heading says of its day: ``截至 2023-06-30``; for the plan as it is now,
    when it holds changes after the day it is judged at (now is past the plan's end, pace then
    judged at the end; or a change is dated ahead of today), ``现状（记录至 2026-11-30，序时按
    2023-12-31 计）``: it is not the plan as at that day."""
    if recorded_to is None or recorded_to <= as_of:
        return f"{LABELS[lang]['as_of']} {as_of.isoformat()}"
    return LABELS[lang]["now_after_end"].format(
        today=recorded_to.isoformat(), day=as_of.isoformat()
    )


def format_long_date(lang: str, value: dt.date) -> str:
    """The date as a report writes it: 2022年12月26日 / 2022-12-26."""
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.isoformat()


# The change commands' sentences live beside the action names (texts_changes.py).
for _lang in LANGS:
    LABELS[_lang].update(CHANGE_LABELS[_lang])
