"""A ledger's own lights (亮灯情况) set beside the light the plan works out for the same task on
the ledger's day: where they differ, which row, both lights, and why the plan's is what it is.
Pure: the imported document in, a notice out."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .errors import Notice, cell_words
from .header_names import LEDGER_LIGHTS
from .headers import bare_name

_ZH = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "orange": "橙灯", "blue": "蓝灯（已完成）"}
_EN = {
    "red": "red",
    "yellow": "yellow",
    "green": "green",
    "orange": "orange",
    "blue": "blue (done)",
}

# What a ledger writes in its light column: 红, 红灯, 🔴, red … One colour alone is read; a
# cell naming none or two (红转黄) is no light to compare with. Beside the plan's three, the
# two a county's 督查 system may light as well: 橙灯, a warning between 黄灯 and 红灯 where
# it has four (红橙黄绿: the work is behind, how far the ledger does not say, so it agrees with
# the plan's 红灯 or 黄灯 and not with 绿灯), and 蓝灯, the work done (办结/销号: it agrees
# with a task done, whatever its light).
_WORDS = {
    "red": ("红", "red", "🔴"),
    "orange": ("橙", "orange", "🟠"),
    "yellow": ("黄", "yellow", "amber", "🟡"),
    "green": ("绿", "green", "🟢"),
    "blue": ("蓝", "blue", "🔵"),
}
# A light said not to be lit: 未亮红灯, 不亮灯, 没有亮灯, 无红灯, 非红灯, 红灯未亮, no red: none
# (taken out before the colours are looked for: 未亮红灯，亮黄灯 is 黄灯).
_NEGATED = re.compile(
    r"(?:未|不|没有?|无|非|尚未|暂未)(?:亮|点亮|亮起)?(?:[红橙黄绿蓝]色?)?(?:灯|牌)?"
    r"|[红橙黄绿蓝]色?(?:灯|牌)?(?:未|没有?|不|尚未|暂未)(?:亮|点亮|亮起)"
    r"|\b(?:no|not|none)\b(?:\s+(?:lit|light|red|orange|yellow|amber|green|blue))*"
)


def ledger_light(written: object) -> str | None:
    """The colour a ledger's light cell names, or None where it names none or several, or
    says it is not lit (未亮红灯, 无)."""
    if not isinstance(written, str):
        return None
    text = _NEGATED.sub(" ", written.strip().lower())
    found = [colour for colour, words in _WORDS.items() if any(_names(w, text) for w in words)]
    return found[0] if len(found) == 1 else None


def _alike(theirs: str, ours: str, done: bool) -> bool:
    """Whether the ledger's light agrees with the plan's: the same colour; 橙灯 with 红灯 or
    黄灯 (behind); 蓝灯 with a task done (or at 100%)."""
    if theirs == "orange":
        return ours in ("red", "yellow")
    if theirs == "blue":
        return done
    return theirs == ours


def _names(word: str, text: str) -> bool:
    """Whether ``text`` names ``word``: an English one as a word of its own (deferred,
    registered and required hold no red), a Chinese one or a sign anywhere (亮红灯)."""
    if word.isascii():
        return re.search(rf"(?<![a-z]){word}(?![a-z])", text) is not None
    return word in text


def unlike_lights(doc: dict[str, Any], rows: dict[str, int], on_day: dt.date) -> Notice | None:
    """The tasks whose ledger light is not the plan's on ``on_day`` (the day the ledger's
    figures stand on, when the county lit it), said by row; None where all agree or the
    ledger has no light column."""
    keys = {k for item in doc["item"] for k in item if bare_name(k) in LEDGER_LIGHTS}
    if not keys:
        return None
    from ..building import build_plan
    from ..lights import light

    plan, problems = build_plan(doc)
    if plan is None or problems:  # (the import refuses such a document before it is written)
        return None
    unlike: list[tuple[int, str, str, str, tuple[str, str]]] = []
    for task in plan.tasks():
        written = next((task.data[k] for k in keys if k in task.data), None)
        theirs = ledger_light(written)
        ours = light(task, plan, on_day) if theirs is not None else None
        if theirs is None or ours is None or _alike(theirs, ours, _done(task)):
            continue
        row = rows.get(task.id, 0)
        why = _why(task, plan, on_day)
        if theirs == "blue":  # (done, the ledger says: the plan's is not)
            why = (f"未完成，{why[0]}", f"not done, {why[1]}")
        unlike.append((row, task.title, theirs, ours, why))
    if not unlike:
        return None
    unlike.sort()
    shown = unlike[:10]
    zh = "；".join(
        f"第 {row} 行“{cell_words(title)}”台账为{_ZH[theirs]}，计划为{_ZH[ours]}（{why[0]}）"
        for row, title, theirs, ours, why in shown
    )
    en = "; ".join(
        f"row {row} {cell_words(title)!r}: the ledger's {_EN[theirs]}, the plan's {_EN[ours]} "
        f"({why[1]})"
        for row, title, theirs, ours, why in shown
    )
    more = len(unlike) - len(shown)
    zh += f" 等 {len(unlike)} 项" if more else ""
    en += f" and {more} more" if more else ""
    day = on_day.isoformat()
    return Notice(
        f"台账的亮灯情况与计划算出的红黄绿灯不同（计划按 {day} 的序时进度算）：{zh}。"
        "台账的灯是填报当天督查亮的，已原样保留；请核对完成进度和完成时限。",
        f"The ledger's lights differ from the ones the plan works out (by the expected progress "
        f"on {day}): {en}. The ledger's were lit on the day it was filled in and are kept as "
        "written; please check the progress and the deadlines.",
    )


def _done(task: Any) -> bool:
    """Done, or at 100% and not yet ticked off (as a 蓝灯 lights it: 办结)."""
    from ..rollup import task_ratio

    completion = task_ratio(task)  # (numerator, denominator > 0)
    return completion is not None and completion[0] >= completion[1]


def _why(task: Any, plan: Any, on_day: dt.date) -> tuple[str, str]:
    """Why the plan's light is what it is, in a few words (zh, en)."""
    from ..rollup import breached, expected_completion, task_completion
    from ..texts import format_percent

    if task.status == "done":
        return "已完成", "done"
    due = task.due or plan.end
    if on_day > due:
        return f"已过完成时限 {due.isoformat()}，未完成", f"past its deadline {due}, not done"
    done = format_percent(task_completion(task) or 0)
    expected = format_percent(expected_completion(task, plan, on_day))
    if breached(task, plan, on_day):
        return f"指标未守住，完成 {done}", f"its figure not held, {done}"
    return (
        f"完成 {done}，按序时进度应完成 {expected}",
        f"{done} done where {expected} was due",
    )
