"""The report's words in Chinese and English, its numbering (一、（一）1.（1）) and its title."""

from __future__ import annotations

import re
from typing import Any

from ..model import Plan
from ..texts import chinese_numeral

WORDS = {
    "zh": {
        "title": "{place}{year}年工作计划完成情况总结",
        "as_of": "截至{date}",
        "scope_part": "范围：{id} {title}",
        "scope_owner": "责任：{owner}",
        "scope_sep": "；",
        "overview": "一、总体情况",
        "achievements": "二、主要成绩",
        "problems": "三、存在的问题",
        "next_steps": "四、下一步打算",
        "ledger": "附表：任务完成情况台账",
        "col_id": "序号",
        "col_task": "任务",
        "col_responsible": "责任单位/责任人",
        "col_due": "完成时限",
        "col_status": "状态",
        "col_completion": "完成率",
        "col_done_on": "完成日期",
        "ledger_note": (
            "注：已完成的任务计100%；未完成的任务按完成值与目标值之比计算，没有目标值的按填报"
            "进度计算；已取消的任务不计入。部分和全计划的综合完成率按下级事项的权重加权平均。"
        ),
        "lights_rule": "黄灯：落后序时进度超过{yellow}个百分点；红灯：落后超过{red}个百分点{share}或逾期。",
        "lights_share": "、完成不到序时应完成的{share}",
        "no_tasks": "{as_of}，没有符合条件的任务。",
        "overview_head": "{as_of}，{plan}共安排任务{total}项",
        "overview_head_scoped": "{as_of}，{plan}中在本范围内的任务共{total}项",
        "overview_dropped": "（另有{n}项已取消）",
        "overview_done": "，已完成{n}项",
        "overview_doing": "，进行中{n}项",
        "overview_todo": "，未开始{n}项",
        "overview_blocked": "，受阻{n}项",
        "overview_rate": "，综合完成率{rate}。",
        "count": "{label}{n}项",
        "among": "其中",
        "none_of": "无{labels}的任务。",
        "list_sep": "、",
        "clause_sep": "，",
        "semi_sep": "；",
        "all_done": "全部任务均已完成。",
        "part_line": "{number}{title}：任务{total}项，已完成{done}项，完成率{rate}",
        "part_none": "本部分暂无已完成的任务。",
        "problem_none": "未发现欠进度、逾期、受阻或未完成的任务。",
        "due": "完成时限{date}",
        "responsible": "责任：{names}",
        "reason": "原因：{reason}",
        "no_reason": "未记录原因",
        "dropped_reason": "取消原因：{reason}",
        "no_dropped_reason": "未记录取消原因",
        "note": "进展情况：{note}",
        "latest_note": "最新进展：{note}",
        "evidence": "销号依据：{items}",
        "done_on": "（{date}完成）",
        "completion": "完成率{rate}",
        "next_intro_end": "以下{n}项任务尚未完成，结转{year}年继续推进：",
        "next_intro": "以下{n}项任务尚未完成，下一步抓紧推进：",
        "next_none": "全部任务均已完成，下一步巩固工作成效。",
        "next_blocked": "协调解决受阻问题后继续推进",
        "next_carry": "结转{year}年继续推进",
        "next_overdue": "抓紧推进，尽快完成",
        "next_behind": "加快进度，确保按期完成",
        "next_on": "按计划推进，确保按期完成",
        "next_line": "{title}：目前{state}；{action}。",
        "remaining": "尚差{amount}",
        "milestone_missed": "时间节点{due}应达{expected}、届时完成{done}，未达到",
    },
    "en": {
        "title": "{place} {year} work plan: completion report",
        "as_of": "As of {date}",
        "scope_part": "Scope: {id} {title}",
        "scope_owner": "responsible: {owner}",
        "scope_sep": "; ",
        "overview": "1. Overview",
        "achievements": "2. Achievements",
        "problems": "3. Problems",
        "next_steps": "4. Next steps",
        "ledger": "Appendix: task ledger",
        "col_id": "No.",
        "col_task": "Task",
        "col_responsible": "Unit / owner",
        "col_due": "Due",
        "col_status": "Status",
        "col_completion": "Completion",
        "col_done_on": "Done on",
        "ledger_note": (
            "Note: a done task counts 100%; an unfinished one its actual against its target, or "
            "its reported progress when it has no target; dropped tasks are left out. Parts and "
            "the whole plan are the weighted mean of the items under them."
        ),
        "lights_rule": (
            "Yellow: more than {yellow} points behind the expected progress; red: more than "
            "{red} points behind{share}, or overdue."
        ),
        "lights_share": ", or less than {share} of the expected progress done",
        "no_tasks": "{as_of}, no task matches.",
        "overview_head": "{as_of}, {plan} has {total} tasks",
        "overview_head_scoped": "{as_of}, {total} tasks of {plan} are in scope",
        "overview_dropped": " (and {n} dropped)",
        "overview_done": ": {n} done",
        "overview_doing": ", {n} in progress",
        "overview_todo": ", {n} not started",
        "overview_blocked": ", {n} blocked",
        "overview_rate": "; overall completion {rate}.",
        "count": "{n} {label}",
        "among": "Of them: ",
        "none_of": "none {labels}.",
        "list_sep": ", ",
        "clause_sep": ", ",
        "semi_sep": "; ",
        "all_done": "Every task is done.",
        "part_line": "{number} {title}: {done} of {total} tasks done, completion {rate}",
        "part_none": "No task of this part is done yet.",
        "problem_none": "No task is behind, overdue, blocked or unfinished.",
        "due": "due {date}",
        "responsible": "responsible: {names}",
        "reason": "Reason: {reason}",
        "no_reason": "No reason recorded",
        "dropped_reason": "Reason for dropping: {reason}",
        "no_dropped_reason": "No reason recorded for dropping it",
        "note": "Progress: {note}",
        "latest_note": "Latest progress: {note}",
        "evidence": "Evidence: {items}",
        "done_on": " (done {date})",
        "completion": "completion {rate}",
        "next_intro_end": "These {n} tasks are not done and carry over into {year}:",
        "next_intro": "These {n} tasks are not done yet:",
        "next_none": "Every task is done.",
        "next_blocked": "resolve what blocks it, then carry on",
        "next_carry": "carry over into {year}",
        "next_overdue": "finish it as soon as possible",
        "next_behind": "speed up to finish on time",
        "next_on": "carry on as planned",
        "next_line": "{title}: now {state}; {action}.",
        "remaining": "{amount} to go",
        "milestone_missed": "milestone {due} ({expected} due, {done} done by then) missed",
    },
}

# Actions whose log note tells how the work went (not edits of the plan itself).

# Units of local government, for the short place name in the title: 衡南县泉湖镇 -> 泉湖镇.
_ORG_SUFFIXES = (
    "人民政府",
    "人民代表大会",
    "村民委员会",
    "居民委员会",
    "委员会",
    "办事处",
    "党委",
    "政府",
)
_ADMIN_UNIT = re.compile(r".+?(?:自治县|自治州|街道|社区|省|市|县|区|旗|镇|乡|村)")


def phrase(lang: str, key: str, **values: Any) -> str:
    return WORDS[lang][key].format(**values)


def end_sentence(lang: str, text: str) -> str:
    """End a sentence once: '…' -> '…。' / '….'; text ending in a stop stays as it is."""
    text = text.strip()
    if not text or text[-1] in "。！？!?.；;":
        return text
    return text + ("。" if lang == "zh" else ".")


def join_sentences(lang: str, parts: list[str]) -> str:
    return (
        "".join(end_sentence(lang, p) for p in parts if p)
        if lang == "zh"
        else " ".join(end_sentence(lang, p) for p in parts if p)
    )


def number_label(lang: str, level: int, position: int) -> str:
    """The numbering of the n-th item at a depth: 一、 (一) 1. (1) ①… in Chinese; 1. (1) (a) in
    English."""
    if lang == "zh":
        if level == 0:
            return f"{chinese_numeral(position)}、"
        if level == 1:
            return f"（{chinese_numeral(position)}）"
        if level == 2:
            return f"{position}."
        return f"（{position}）"
    if level == 0:
        return f"{position}."
    if level == 1:
        return f"({position})"
    if level == 2 and position <= 26:
        return f"({chr(ord('a') + position - 1)})"
    return f"{position})"


def numbered(number: str, text: str) -> str:
    """A number before its text: '一、' and '（一）' join directly; '1.' and '(1)' take a space,
    so that '3.' before '18个村' cannot read as 3.18."""
    if not number:
        return text
    return f"{number} {text}" if number[-1] in ".)" else f"{number}{text}"


def problem_label(lang: str, position: int) -> str:
    return f"{chinese_numeral(position)}是" if lang == "zh" else f"({position})"


def place_name(plan: Plan) -> str:
    """The organisation's short place name (衡南县泉湖镇人民政府 -> 泉湖镇), else what the plan's
    title says before its year (泉湖镇2023年工作计划 -> 泉湖镇)."""
    name = plan.organisation.strip()
    for suffix in _ORG_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    if name:
        units = _ADMIN_UNIT.findall(name)
        return units[-1] if units and "".join(units) == name else name
    before_year = re.match(r"(.*?)\s*\d{4}\s*年?", plan.title)
    return before_year.group(1).strip() if before_year else ""


def report_title(plan: Plan, lang: str) -> str:
    """泉湖镇2023年工作计划完成情况总结 / 泉湖镇 2023 work plan: completion report."""
    return phrase(lang, "title", place=place_name(plan), year=plan.year).strip()
