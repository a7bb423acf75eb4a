"""The report's words in Chinese and English, its numbering (一、（一）1.（1）) and its title."""

from __future__ import annotations

import re
from typing import Any

from ..model import Item, Plan
from ..texts import chinese_numeral, one_line

WORDS = {
    "zh": {
        "title": "{place}{year}{kind}完成情况总结",
        "title_period": "{place}{year}{period}{kind}完成情况总结",
        "title_to_date": "{place}{year}{kind}阶段性完成情况总结",
        "period_q1": "一季度",
        "period_h1": "上半年",
        "period_q3": "前三季度",
        "period_months": "1—{month}月",
        "period_month": "1月",
        "as_of": "截至{date}",
        "dated_at_latest": "本总结记至{told}，即计划中最晚一条记录的日期；序时进度按{day}计。",
        "scope_part": "范围：{id} {title}",
        "scope_owner": "责任：{owner}",
        "scope_role": "{role}：{names}",
        "scope_sep": "；",
        "overview": "一、总体情况",
        "achievements": "二、主要成绩",
        "achievements_period": "二、{period}主要成绩",
        "problems": "三、存在的问题",
        "next_steps": "四、下一步打算",
        "next_steps_h1": "四、下半年工作打算",
        "next_steps_q3": "四、四季度工作打算",
        "ledger": "附表：任务完成情况台账",
        "col_id": "序号",
        "col_task": "任务",
        "col_lead": "责任领导",
        "col_responsible": "责任单位/责任人",
        "col_figures": "目标值/完成值",
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
        "overview_reached": "（另有{said}）",
        "reached": "{n}项完成率已达100%、尚未销号",
        "held": "{n}项指标目前保持在目标范围内",
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
        "part_line": "{title}：任务{total}项{dropped}，已完成{done}项{reached}，完成率{rate}",
        "part_all_dropped": "{title}：任务{count}项，均已取消",
        "overview_all_dropped": "{as_of}，{plan}共安排任务{count}项，均已取消。",
        "parts_none": "以下部分暂无已完成的任务：{titles}。",
        "nothing_done": "{as_of}，尚无已完成的任务。",
        "problem_none": "未发现欠进度、逾期、受阻或未完成的任务。",
        "problem_none_on_pace": "未发现欠进度、逾期或受阻的任务；尚未完成的{count}项任务均按序时推进。",
        "problem_none_on_pace_one": "未发现欠进度、逾期或受阻的任务；尚未完成的1项任务按序时推进。",
        "due": "完成时限{date}",
        "responsible": "责任：{names}",
        "reason": "原因：{reason}",
        "past_block": "{date}曾受阻，原因：{reason}",
        "todo_with_note": "未标记开始",
        "done_short": "已完成，但未达到目标，{figure}",
        "done_short_rank": "已完成，{figure}",
        # 存在的问题 as the office writes it: what is behind, how far, why (``shortfalls``).
        "verdict_blocked": "推进受阻",
        "verdict_blocked_since": "自{date}起推进受阻",
        "verdict_overdue": "逾期未完成",
        "untouched_year": "以下{count}项工作{whole}未见进展记录{overdue}：",
        "untouched_so_far": "以下{count}项工作截至目前未见进展记录{overdue}：",
        "untouched_overdue": "（其中{count}项已过完成时限）",
        "untouched_part": "{part}方面{n}项（{names}）",
        "untouched_loose": "其他{n}项（{names}）",
        "verdict_behind": "进度滞后于序时进度",
        "verdict_year": "年内未能完成",
        "verdict_over_limit": "超出控制目标",
        "verdict_unrecorded": "{whole}未见进展记录",
        "verdict_slow": "进度偏慢",
        "state_todo": "目前尚未开始",
        "state_todo_short": "尚未开始",
        "state_unmarked": "已有进展但未标记开始",
        "state_rate": "完成率为{rate}",
        "state_now": "目前{state}",
        "due_said": "完成时限为{date}",
        "in_charge": "由{names}负责",
        "because": "主要原因是{reason}",
        "because_past": "{date}曾受阻，原因是{reason}",
        # Left for the drafter where no reason is recorded (主要原因是【待补充】): Word highlights it.
        "reason_missing": "【待补充】",
        "short_done": "已销号，但未达到目标，{figure}",
        "short_done_rank": "已销号，{figure}",
        "next_short": "继续跟进，补齐差距",
        "next_short_line": "{title}：已销号，{state}；下一步{action}。",
        "next_short_intro": "以下{count}项任务已销号，但未达到目标，下一步继续跟进，补齐差距：",
        "next_short_also": "；另有{count}项任务已销号但未达到目标，一并列出：",
        "no_reason_all": "以上各项均未记录原因",
        "no_reason_one": "未记录原因",
        "no_reason_some": "以上{labels}未记录原因",
        "label_range": "{first}至{last}",
        "labels": "第{labels}项",
        "dropped_reason": "取消原因：{reason}",
        "note": "进展情况：{note}",
        "latest_note": "最新进展：{note}",
        "evidence": "销号依据：{items}",
        "done_on": "（{date}完成）",
        "done_on_late": "（{date}完成，晚于完成时限{due}）",
        "still_going": "（目前{state}）",
        "completion": "完成率{rate}",
        "no_target": "未设目标值",
        "figure_by_progress": "{figure}，按填报进度计完成率{rate}",
        "next_intro": "以下{n}项任务尚未完成，{plan}：",
        "next_intro_one": "以下1项任务尚未完成，{plan}：",
        "next_intro_ongoing": "以下{n}项为常态化工作，{year}继续推进：",
        "next_intro_ongoing_one": "以下1项为常态化工作，{year}继续推进：",
        "next_intro_some_ongoing": "以下{n}项任务尚未完成，其中{ongoing}项为常态化工作、{year}继续推进，"
        "其余{plan}：",
        "next_intro_some_ongoing_one": "以下{n}项任务尚未完成，其中1项为常态化工作、{year}继续推进，"
        "其余{plan}：",
        "next_intro_some_reached": "以下{n}项任务尚未完成，其中{reached}项完成率已达100%、"
        "尚未销号，其余{plan}：",
        "next_intro_some_reached_one": "以下{n}项任务尚未完成，其中1项完成率已达100%、"
        "尚未销号，其余{plan}：",
        "next_intro_reached": "以下{n}项任务完成率已达100%，尚未销号，下一步核实后及时销号：",
        "next_intro_reached_one": "以下1项任务完成率已达100%，尚未销号，下一步核实后及时销号：",
        "next_confirm": "核实后及时销号",
        "next_when": "下一步",
        "next_when_h1": "下半年",
        "next_when_q3": "四季度",
        "next_push": "抓紧推进",
        "next_plan": "{when}{action}",
        "next_none": "全部任务均已完成，下一步巩固工作成效。",
        "next_nothing": "没有尚未完成的任务。",
        "next_blocked": "协调解决受阻问题后继续推进",
        "next_blocked_reached": "协调解决受阻问题后核实销号",
        "next_carry": "结转{year}继续推进",
        "next_ongoing": "{year}作为常态化工作继续推进",
        "next_overdue": "抓紧推进，尽快完成",
        "next_behind": "加快进度，确保按期完成",
        "next_on": "按计划推进，确保按期完成",
        "next_line": "{title}：目前{state}；{action}。",
        "next_state": "{title}：目前{state}。",
        "next_state_alike": "{title}：目前均{state}。",
        "context": "{goal}·{title}",
        "with_id": "{title}（{id}）",
        "figures": "{target}/{actual}",
        "remaining": "尚差{amount}",
        "above_limit": "高于目标{amount}",
        "rank_remaining": "尚需前进{amount}",
        "milestone_missed": "未达到{due}时间节点要求（应达{expected}，届时完成{done}）",
        # The summary form (``summary``): a large plan's body.
        "sum_goal": "{title}：{counts}",
        "loose_tasks": "其他任务",
        "sum_done": "{total}项任务完成{done}项",
        "sum_all_done": "{total}项任务全部完成",
        "sum_more": "，另完成{n}项（见附表）",
        "sum_series_total": "{work}共{total}（{places}）",
        "sum_series": "{work}（{places}）",
        "sum_problem_blocked": "受阻的任务{count}项",
        "sum_problem_overdue": "逾期未完成的任务{count}项",
        "sum_problem_behind": "欠进度的任务{count}项",
        "sum_problem_behind_milestone": "欠进度或未达到时间节点要求的任务{count}项",
        "sum_problem_unrecorded": "{whole}未见进展记录的任务{count}项",
        "sum_problem_dropped": "已取消的任务{count}项",
        "sum_not_blocked": "（受阻的除外）",
        "sum_no_reason": "未记录原因",
        "sum_reason_missing": "原因：{gap}",  # (A、B（原因：【待补充】）, not （【待补充】）)
        "sum_milestone": "未达到时间节点要求",
        "sum_etc": "，另有{n}项见附表",
        "sum_see_ledger": "各项任务的责任单位、完成时限和完成情况见附表。",
        "sum_left": "尚有{count}项任务未完成：",
        "sum_others": "另有{n}项见附表",
        "sum_action": "{names}，{action}",
    },
    "en": {
        "title": "{place} {year} {kind}: completion report",
        "title_period": "{place} {year} {kind}: report on {period}",
        "title_to_date": "{place} {year} {kind}: progress report",
        "period_q1": "the first quarter",
        "period_h1": "the first half",
        "period_q3": "the first three quarters",
        "period_months": "January to {month_name}",
        "period_month": "January",
        "as_of": "As of {date}",
        "dated_at_latest": "This summary runs to {told}, the day of the latest record in the "
        "plan; pace is judged at {day}.",
        "scope_part": "Scope: {id} {title}",
        "scope_owner": "Responsible: {owner}",
        "scope_role": "{role}: {names}",
        "scope_sep": "; ",
        "overview": "1. Overview",
        "achievements": "2. Achievements",
        "achievements_period": "2. Achievements in {period}",
        "problems": "3. Problems",
        "next_steps": "4. Next steps",
        "next_steps_h1": "4. Plans for the second half",
        "next_steps_q3": "4. Plans for the fourth quarter",
        "ledger": "Appendix: task ledger",
        "col_id": "No.",
        "col_task": "Task",
        "col_lead": "Lead",
        "col_responsible": "Unit / owner",
        "col_figures": "Target / actual",
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
        "overview_head_one": "{as_of}, {plan} has 1 task",
        "overview_head_scoped": "{as_of}, {total} tasks of {plan} are in scope",
        "overview_head_scoped_one": "{as_of}, 1 task of {plan} is in scope",
        "overview_dropped": " (and {n} dropped)",
        "overview_done": ": {n} done",
        "overview_reached": " ({said})",
        "reached": "{n} more at 100% but not ticked off",
        "held": "{n} more held within the target so far",
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
        "part_line": "{title}: {done} of {total} tasks done{reached}{dropped}, completion {rate}",
        "part_all_dropped": "{title}: all {count} tasks dropped",
        "part_all_dropped_one": "{title}: its 1 task dropped",
        "overview_all_dropped": "{as_of}, {plan} has {count} tasks, all dropped.",
        "overview_all_dropped_one": "{as_of}, {plan} has 1 task, dropped.",
        "part_line_one": "{title}: {done} of 1 task done{reached}{dropped}, completion {rate}",
        "parts_none": "No task is done yet in: {titles}.",
        "nothing_done": "{as_of}, no task is done yet.",
        "problem_none": "No task is behind, overdue, blocked or unfinished.",
        "problem_none_on_pace": (
            "No task is behind, overdue or blocked; the {count} tasks not yet done are on pace."
        ),
        "problem_none_on_pace_one": (
            "No task is behind, overdue or blocked; the one task not yet done is on pace."
        ),
        "due": "due {date}",
        "responsible": "responsible: {names}",
        "reason": "Reason: {reason}",
        "past_block": "Blocked on {date}, reason: {reason}",
        "todo_with_note": "not marked as started",
        "done_short": "done, but short of its target: {figure}",
        "done_short_rank": "done; {figure}",
        "verdict_blocked": "blocked",
        "verdict_blocked_since": "blocked since {date}",
        "verdict_overdue": "overdue",
        "untouched_year": "These {count} tasks have no progress recorded {whole}{overdue}: ",
        "untouched_so_far": "These {count} tasks have no progress recorded so far{overdue}: ",
        "untouched_overdue": " ({count} of them past their deadlines)",
        "untouched_overdue_one": " (1 of them past its deadline)",
        "untouched_part": "{part}, {n} ({names})",
        "untouched_loose": "{n} others ({names})",
        "verdict_behind": "behind the expected pace",
        "verdict_year": "not finished within the year",
        "verdict_over_limit": "over its limit",
        "verdict_unrecorded": "no progress recorded {whole}",
        "verdict_slow": "progressing slowly",
        "state_todo": "not started yet",
        "state_todo_short": "not started",
        "state_unmarked": "under way but not marked as started",
        "state_rate": "completion {rate}",
        "state_now": "so far {state}",
        "due_said": "due {date}",
        "in_charge": "led by {names}",
        "because": "The main reason: {reason}",
        "because_past": "It was blocked on {date}: {reason}",
        "reason_missing": "[to be added]",
        "short_done": "ticked off, but short of its target: {figure}",
        "short_done_rank": "ticked off; {figure}",
        "next_short": "follow up to close the gap",
        "next_short_line": "{title}: ticked off, {state}; {action}.",
        "next_short_intro": "These {count} tasks are ticked off but short of their targets; follow them up to close the gap:",
        "next_short_intro_one": "This task is ticked off but short of its target; follow it up to close the gap:",
        "next_short_also": "; {count} more ticked off short of their targets are listed too:",
        "next_short_also_one": "; 1 more ticked off short of its target is listed too:",
        "no_reason_all": "No reason is recorded for any of them",
        "no_reason_one": "No reason is recorded",
        "no_reason_some": "No reason is recorded for {labels}",
        "label_range": "{first} to {last}",
        "dropped_reason": "Reason for dropping: {reason}",
        "note": "Progress: {note}",
        "latest_note": "Latest progress: {note}",
        "evidence": "Evidence: {items}",
        "done_on": " (done {date})",
        "done_on_late": " (done {date}, after its deadline of {due})",
        "still_going": " (now {state})",
        "completion": "completion {rate}",
        "no_target": "no target set",
        "figure_by_progress": "{figure}; completion {rate} by reported progress",
        "next_intro": "These {n} tasks are not done; {plan}:",
        "next_intro_one": "This task is not done; {plan}:",
        "next_intro_ongoing": "These {n} tasks are ongoing work, continued in {year}:",
        "next_intro_ongoing_one": "This task is ongoing work, continued in {year}:",
        "next_intro_some_ongoing": "These {n} tasks are not done; {ongoing} of them are ongoing "
        "work, continued in {year}; the rest: {plan}:",
        "next_intro_some_ongoing_one": "These {n} tasks are not done; 1 of them is ongoing work, "
        "continued in {year}; the rest: {plan}:",
        "next_intro_some_reached": "These {n} tasks are not done; {reached} of them are at "
        "100% but not ticked off; for the rest, {plan}:",
        "next_intro_some_reached_one": "These {n} tasks are not done; 1 of them is at 100% "
        "but not ticked off; for the rest, {plan}:",
        "next_intro_reached": "These {n} tasks are at 100% but not ticked off; check and tick "
        "them off:",
        "next_intro_reached_one": "This task is at 100% but not ticked off; check and tick it off:",
        "next_confirm": "check and tick it off",
        "next_when": "",
        "next_when_h1": " in the second half",
        "next_when_q3": " in the fourth quarter",
        "next_push": "push them on",
        "next_plan": "{action}{when}",
        "next_none": "Every task is done.",
        "next_nothing": "No task is left unfinished.",
        "next_blocked": "resolve what blocks it, then carry on",
        "next_blocked_reached": "resolve what blocks it, then check and tick it off",
        "next_carry": "carry over into {year}",
        "next_ongoing": "continue as ongoing work in {year}",
        "next_overdue": "finish it as soon as possible",
        "next_behind": "speed up to finish on time",
        "next_on": "carry on as planned",
        "next_line": "{title}: now {state}; {action}.",
        "next_state": "{title}: now {state}.",
        "next_state_alike": "{title}: each now {state}.",
        "context": "{goal} / {title}",
        "with_id": "{title} ({id})",
        "figures": "{target} / {actual}",
        "remaining": "{amount} to go",
        "above_limit": "{amount} above target",
        "rank_remaining": "{amount} places to climb",
        "rank_remaining_one": "{amount} place to climb",
        "milestone_missed": "milestone {due} ({expected} due, {done} done by then) missed",
        "sum_goal": "{title}: {counts}",
        "loose_tasks": "Other tasks",
        "sum_done": "{done} of {total} tasks done",
        "sum_done_one": "{done} of 1 task done",
        "sum_all_done": "all {total} tasks done",
        "sum_all_done_one": "its 1 task done",
        "sum_more": ", and {n} more (see the ledger)",
        "sum_series_total": "{work}: {total} in all ({places})",
        "sum_series": "{work} ({places})",
        "sum_problem_blocked": "{count} tasks blocked",
        "sum_problem_blocked_one": "1 task blocked",
        "sum_problem_overdue": "{count} tasks overdue",
        "sum_problem_overdue_one": "1 task overdue",
        "sum_problem_behind": "{count} tasks behind",
        "sum_problem_behind_one": "1 task behind",
        "sum_problem_unrecorded": "{count} tasks with no progress recorded {whole}",
        "sum_problem_unrecorded_one": "1 task with no progress recorded {whole}",
        "sum_problem_behind_milestone": "{count} tasks behind or past a missed milestone",
        "sum_problem_behind_milestone_one": "1 task behind or past a missed milestone",
        "sum_problem_dropped": "{count} tasks dropped",
        "sum_problem_dropped_one": "1 task dropped",
        "sum_not_blocked": " (besides the blocked ones)",
        "sum_no_reason": "no reason recorded",
        "sum_reason_missing": "reason: {gap}",
        "sum_milestone": "milestone missed",
        "sum_etc": ", and {n} more (see the ledger)",
        "sum_see_ledger": "The ledger gives each task's unit, deadline and completion.",
        "sum_left": "{count} tasks not done: ",
        "sum_left_one": "1 task not done: ",
        "sum_others": "{n} more in the ledger",
        "sum_action": "{names}: {action}",
        "next_blocked_many": "resolve what blocks them, then carry on",
        "next_overdue_many": "finish them as soon as possible",
        "next_confirm_many": "check and tick them off",
    },
}


def title_of(item: Plan | Item) -> str:
    """An item's (or the plan's) title on one line (``one_line``), without spaces around it
    and without a stop it ends with (``as_named``); an item's without the 公文 numbering it
    starts with (``without_numbering``)."""
    if isinstance(item, Plan):
        return as_named(item.title)
    return as_named(without_numbering(one_line(item.title).strip()))


# The words a plan's title keeps from the table it was listed in (皂户李镇2025年重点工作任务
# 分解表): the report's sentences name the work, 皂户李镇2025年重点工作共安排任务13项, not the
# table arranging it. Longest first: 任务分解表 before 分解表, 推进情况表 before 推进表. A
# 计划表 is its 计划 (某镇2025年重点项目建设计划表: 重点项目建设计划), a 计划安排表 too; a
# 责任书's 考核细则 scores the work and arranges none (…目标管理责任书考核细则: …目标管理责任书).
# A 工作计划任务台账 is its 工作计划; a 重点工作台账 its 重点工作 (the 工作 is the work's name).
_TABLE_WORDS = re.compile(
    r"(任务分解表|责任分解表|任务分工表|任务清单|责任清单|工作清单|分解表|一览表|推进情况表"
    r"|推进表|(?<=计划)(?:任务|工作|责任)台账|台账|(?<=计划)(?:安排)?表"
    r"|(?<=责任书)(?:考核|评分)(?:实施)?细则)$"
)


def work_named(plan: Plan, lang: str) -> str:
    """The plan named as its work in the report's sentences: its title (``title_of``) without
    the table word it ends with, where something is left before it."""
    title = title_of(plan)
    if lang != "zh":
        return title
    shorter = _TABLE_WORDS.sub("", title)
    return shorter if re.search(r"[^\d年度]", shorter) else title


def without_numbering(title: str) -> str:
    """A title without the numbering of a 公文 heading or point it starts with (一、 （二）
    3. ④ 一是), as plan import leaves it off: the report numbers its entries itself (一是、二是,
    1. 2.), and a plan written by hand from the document (一是有力盘活土地资源…) read
    一是一是有力盘活… A dotted number (3.15 消费者权益日) is no numbering of the report's."""
    from ..importing.nesting import without_numeral  # (pure: patterns alone)

    rest, _, marker = without_numeral(title)
    if marker is None or re.match(r"\d+\.\d", marker):
        return title
    return rest


# What ends a 工作要点's line: a title keeps it as the document had it, and the report's
# sentences go on after the title (一是…：…, …（5月1日完成）), where it would read 。： or 。（.
_TRAILING_STOPS = "。；;，,、：:．"


def as_named(title: str) -> str:
    """A title as a sentence names it: on one line, without a stop it ends with."""
    return one_line(title).strip().rstrip(_TRAILING_STOPS).rstrip() or one_line(title).strip()


# A colon inside a title: full-width, ASCII, and the vertical and small forms an input method
# may give.
_COLONS = "：:︰﹕"


def as_head(name: str, lang: str) -> str:
    """A name the report's sentence follows with a colon (一是…：受阻, …：任务3项): in quotes
    where it has a colon of its own (“道路硬化：完成5公里”：受阻), which else reads as where the
    name ends; quotes inside it turned to the inner kind (‘四香’)."""
    if not any(colon in name for colon in _COLONS):
        return name
    if lang == "zh":
        return "“" + name.replace("“", "‘").replace("”", "’") + "”"
    return '"' + name.replace('"', "'") + '"'


def phrase(lang: str, key: str, **values: Any) -> str:
    return WORDS[lang][key].format(**values)


def phrase_of(lang: str, key: str, n: int, **values: Any) -> str:
    """``phrase`` for ``n`` things: its ``_one`` form for one, where the language has one
    (1 task, not 1 tasks)."""
    one = f"{key}_one"
    return phrase(lang, one if n == 1 and one in WORDS[lang] else key, **values)


def series(lang: str, words: list[str], conjunction: str = "and") -> str:
    """A list in a sentence: 逾期、已取消 / overdue or dropped, 3), 4) and 5). Items that
    hold a 顿号 themselves (网吧、KTV) are parted by a semicolon, as 公文 part them: 养老机构；
    网吧、KTV；交通运输, not the five of 养老机构、网吧、KTV、交通运输."""
    if lang == "zh" and any("、" in word for word in words):
        return "；".join(words)
    if lang == "zh" or len(words) < 2:
        return WORDS[lang]["list_sep"].join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


# What a clause ends with, not a sentence: a note or reason typed so (已完成前期摸底，) ends
# its sentence with a stop instead (已完成前期摸底。, not 已完成前期摸底，。).
_CLAUSE_ENDS = "，,、：:；;"


def end_sentence(lang: str, text: str) -> str:
    """End a sentence once: '…' -> '…。' / '….'; text ending in a stop stays as it is, one
    ending in a comma, colon or semicolon gets the stop in its place."""
    text = text.strip()
    text = text.rstrip(_CLAUSE_ENDS).rstrip() or text
    if not text or text[-1] in "。！？!?.":
        return text
    return text + ("。" if lang == "zh" else ".")


def join_sentences(lang: str, parts: list[str]) -> str:
    return (
        "".join(end_sentence(lang, p) for p in parts if p)
        if lang == "zh"
        else " ".join(end_sentence(lang, p) for p in parts if p)
    )


# The 公文 hierarchy (GB/T 9704): 一、 → （一） → 1. → （1）, and ① below it. Level 0 is the
# report's own sections (一、总体情况), so the plan's parts are at level 1, their goals and tasks
# at 2, and so on; items deeper than DEEPEST_LEVEL are listed at it, named with their goals.
DEEPEST_LEVEL = 4

# ① to ⑳, ㉑ to ㉟, ㊱ to ㊿: the circled numbers Unicode has.
_CIRCLED = (
    [chr(0x2460 + n) for n in range(20)]
    + [chr(0x3251 + n) for n in range(15)]
    + [chr(0x32B1 + n) for n in range(15)]
)


def number_label(lang: str, level: int, position: int) -> str:
    """The number of the n-th item at a level of the report: 一、（一）1.（1）① in Chinese,
    1. (1) (a) (i) (A) in English. Each level has its own form, so no two levels can be taken
    for each other."""
    if lang == "zh":
        if level == 0:
            return f"{chinese_numeral(position)}、"
        if level == 1:
            return f"（{chinese_numeral(position)}）"
        if level == 2:
            return f"{position}."
        if level == 3:
            return f"（{position}）"
        return _CIRCLED[position - 1] if position <= len(_CIRCLED) else f"{position})"
    if level == 0:
        return f"{position}."
    if level == 1:
        return f"({position})"
    if level == 2:
        return f"({_letters(position)})"
    if level == 3:
        return f"({_roman(position)})"
    return f"({_letters(position).upper()})"


def _letters(position: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa."""
    text = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def _roman(position: int) -> str:
    """1 -> i, 4 -> iv, 14 -> xiv."""
    text = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        count, position = divmod(position, value)
        text += letters * count
    return text


def loose_heading(lang: str, parts: list[Item], position: int) -> tuple[str, str]:
    """The number and heading of the tasks at the top of the plan (a 工作台账 numbered 1, 2, 3…
    without categories), said together: （八）其他任务 after the parts, none in a plan of tasks
    alone."""
    if all(root.is_task for root in parts):
        return "", ""
    return number_label(lang, 1, position), phrase(lang, "loose_tasks")


def numbered(number: str, text: str) -> str:
    """A number before its text: '一、', '（一）', '（1）' and '①' join directly; '1.' and '(a)'
    take a space, so that '3.' before '18个村' cannot read as 3.18."""
    if not number:
        return text
    return f"{number} {text}" if number[-1] in ".)" else f"{number}{text}"


def problem_label(lang: str, position: int) -> str:
    """一是、二是… (run into the sentence, not a level of the outline); 1) 2)… in English, a
    form no level of ``number_label`` takes."""
    return f"{chinese_numeral(position)}是" if lang == "zh" else f"{position})"


def nothing_to_do(part: Item, scoped: set[str]) -> bool:
    """Whether every task of ``part`` in scope is dropped: a part left with no work is not
    among those where no task is done yet (以下部分暂无已完成的任务); the overview says 均已取消."""
    return all(task.status == "dropped" for task in part.tasks() if task.id in scoped)


def achievements_said(
    lang: str, shown: list[Any], empty: list[Item], as_of_text: str
) -> tuple[list[Any], str | None]:
    """主要成绩 as said, in either form: the parts with something done (``shown``), and a
    sentence naming the parts with nothing done (``empty``), or saying that nothing is."""
    if not shown:
        return [], phrase(lang, "nothing_done", as_of=as_of_text)
    if not empty:
        return shown, None
    titles = series(lang, [as_head(title_of(root), lang) for root in empty])
    return shown, end_sentence(lang, phrase(lang, "parts_none", titles=titles))
