"""The names real 任务分解表, 推进情况表 and 工作台账 give their columns, by the field each
column's cells go to (``headers`` finds them in a sheet; ``title_tail`` reads a title's tail by
them). Data alone: no pattern compiled, nothing read."""

from __future__ import annotations

# Where a column's cells go. Besides the plan file's own fields:
#   seq       序号: gives the tree its shape when it holds dotted ids, never kept itself
#   note      进展情况: a dated note in the item's log
#   noted_on  更新日期: the day of the row's note (kept as written where it names no day)
#   completion 完成率: computed by the plan; read only as the progress of a task no figure
#             measures (for such a task the plan computes it from the progress)
#   computed  figures the plan computes (序时进度, 红黄绿灯): not read
#   keep      kept as it is under the header's own name (备注, 下一步措施, unknown columns)
#   milestones the milestones of a task, a line each (plan export's 时间节点安排); a column
#             named by a period (一季度, 6月底) is a ``milestone`` due then (``period_of``)
# 分值: the points a 目标管理考核 table gives a row, its weight in the score.
POINTS_NAMES = ("分值", "考核分值", "指标分值", "权重分值", "标准分", "分数")

# When a project's works are to be finished: its 完成时限 where the table gives no other, else
# kept under its own name beside the 完成时限 the town set for the year (a project finishing
# in 2026 has this year's part to do by December).
WORKS_END = ("竣工时间", "计划竣工时间", "竣工日期", "完工时间", "计划完工时间")

# A 工作台账's own 红黄绿灯 (亮灯情况: 红, 黄, 绿), lit by the county's 督查 on the day it was
# filled in: kept as written, not read as the light the plan works out from its own figures (a
# judgement of that day, no figure), nor as a status (a 红灯 task is still in hand). plan
# export writes its computed light as 红黄绿灯, which stays ``computed``.
LEDGER_LIGHTS = (
    "亮灯",
    "亮灯情况",
    "亮灯状态",
    "灯色",
    "亮灯结果",
    "督查亮灯",
    "督查亮灯情况",
    "亮灯颜色",
    "亮灯等次",
)

# When the work is done rather than by when: a 专项整治安排表's 时间安排 of one trade a month
# (1月份), a 衔接资金 project's 实施期限 (2023年6月至10月). A cell naming a month or a quarter
# alone is the span the work takes, its start as well as its deadline (1月份: from 1 January
# to its end); 6月底前 is a deadline still (deadline_cells.deadline).
WORK_PERIOD = ("时间安排", "实施时间", "实施期限", "开展时间", "整治时间", "建设期限")

NAMES: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序", "no", "no.", "id", "number"),
    # The order is the priority: in a sheet with 重点任务 and 具体措施, the first is the title.
    "title": (
        "工作任务",
        "重点任务",
        "重点工作任务",
        "重点工作",
        # a 民生实事 or 重点项目 table names its rows so (建设内容 beside it is the detail; so
        # is a 目标任务 of what each is to achieve: 478盏路灯刷漆出新, 50个)
        "项目名称",
        "实事名称",
        "目标任务",
        "工作目标",
        "具体目标",
        "主要任务",
        # a 政府工作报告 推进表's (平湖市 2025: 分管市长 | 序号 | 主要工作任务 | 完成情况)
        "主要工作任务",
        "任务",
        "任务名称",
        "工作内容",
        "工作事项",
        # a 政府重要工作事项责任分工's (金乡县 2025: 序号 | 重要工作事项, the 牵头单位 in brackets)
        "重要工作事项",
        "重点工作事项",
        "主要工作事项",
        # a 清单's 具体任务 under the 重点工作 merged over them: a task each, the 重点工作 their
        # goal; beside a 具体措施, the task, the measure its detail
        "具体任务",
        "具体措施",
        "具体举措",  # (a 镇's 台账: 重点任务 | 具体举措 | 责任站办)
        "督查事项",  # a 督查台账's
        "督办事项",
        "交办事项",
        "事项名称",
        "重点工作内容",
        "工作任务及目标",
        "目标任务及措施",
        "年度目标任务",
        "年度重点任务",
        "主要工作",
        "具体工作",
        "工作项目",
        "任务事项",
        "工作安排",  # a 工作方案's steps (党务知识竞赛, 演讲比赛), as its 二、工作安排 lists them
        # a 目标管理考核 (绩效考核) table's: 考核内容 merged over its 考核指标 (the detail)
        "考核项目",
        "考核内容",
        "考核指标",
        # a 专项整治安排表's: the trade (烟花爆竹, 危险化学品) taken in hand that month
        "专项整治行业名称",
        "专项整治内容",
        "整治行业",
        "整治内容",
        "整治项目",
        "指标名称",
        "指标内容",
        "task",
        "title",
    ),
    "detail": (
        "具体内容",
        "工作要求",
        "工作措施",
        "工作举措",
        "主要举措",
        "主要内容",
        "目标要求",
        "任务内容",
        "具体要求",
        "建设内容",  # a 民生实事 or 重点项目 table's: what the 项目名称 builds
        "建设内容及规模",
        "建设任务",
        "detail",
    ),
    "lead": (
        "责任领导",
        "分管领导",
        "牵头领导",
        # a county's 政府工作报告 分解: （牵头县领导：…；牵头单位：…；责任单位：…）
        "牵头县领导",
        "牵头市领导",
        "牵头区领导",
        "牵头镇领导",
        "县级领导",
        "联系领导",
        "包保领导",
        # a 乡's 清单: the leader who answers for a 村's (a 嘎查村's) share or a task
        "包联领导",
        "包村领导",
        "包抓领导",
        "包片领导",
        "交办领导",
        "督办领导",
        # a county's 政府工作报告 分解表 names its leader by post: 分管市长, 分管副县长
        "分管市长",
        "分管副市长",
        "分管县长",
        "分管副县长",
        "分管区长",
        "分管副区长",
        "分管县领导",
        "分管市领导",
        "分管镇领导",
        "分管副镇长",
        "lead",
    ),
    "lead_unit": (
        "牵头单位",
        "责任单位",
        "牵头责任单位",
        "责任科室",
        "牵头部门",
        "责任部门",
        "牵头科室",
        "主责单位",
        "责任股室",
        "责任站所",  # a 乡's 站所: 农业综合服务中心, 财政所
        "责任站办",  # a 镇's 站所 and 办 (党建办, 农业农村办)
        "牵头站办",
        "责任站所办",
        "承办单位",
        "主办单位",
        "实施单位",  # a 衔接资金 or 重点项目 table's: who builds the project
        "办理单位",
        "责任分工",  # a 重点任务 进展情况 table's: the office, perhaps its telephone under it
        "lead unit",
        "lead_unit",
    ),
    "support_units": (
        "配合单位",
        "协同单位",
        "协办单位",
        "配合部门",
        "参与单位",
        "配合科室",
        "support units",
        "support_units",
    ),
    "owner": (
        "责任人",
        "具体责任人",
        "联系人",
        "经办人",
        "负责人",
        # a 村's 台账: who of the village's 两委 does it, beside the 包村领导 of the town
        "村两委责任人",
        "村级责任人",
        "村责任人",
        "owner",
        "responsible person",
        "person in charge",
    ),
    "due": (
        "完成时限",
        "计划完成时间",
        "时间节点",
        "完成时间",
        "完成期限",
        # a 重点项目 table's, beside its 开工时间: when the works are to be finished (yields
        # to a column of the deadline itself, ``WORKS_END``)
        *WORKS_END,
        "时限要求",
        "时限",
        "截止时间",
        "办理时限",
        "办结时限",
        "整改时限",
        "整改期限",
        "due",
        "deadline",
        "due date",
        "time limit",
        *WORK_PERIOD,
    ),
    "start": (
        "开工时间",
        "开始时间",
        "计划开工时间",
        "启动时间",
        "交办日期",  # a 督查督办台账's: the day the matter was given, its 办结时限 counted from it
        "交办时间",
        "start",
        "start date",
    ),
    "baseline": ("基数", "基期值", "上年完成", "上年基数", "baseline"),
    "target": (
        "目标值",
        "目标任务数",
        "预期目标",
        "年度目标",
        "目标",
        # a 乡's 清单 gives each 村 its 任务量 beside the 单位 (1.2 万亩)
        "任务量",
        "年度任务量",
        "目标任务量",
        "target",
    ),
    "measure": ("计量单位", "单位", "measure", "unit"),
    "actual": ("完成值", "完成数", "实际完成", "actual"),
    "status": (
        "状态",
        "完成状态",
        "进展状态",
        "推进状态",  # a 工作台账's: 已完成 / 推进中 / 未启动 / 滞后
        "任务状态",
        "办理状态",
        "是否办结",
        "是否完成",
        "是否销号",
        "status",
    ),
    "progress": ("进度", "完成进度", "工作进度", "progress"),
    "note": (
        "进展情况",
        # a 工作台账's 进展: words (the note) or a percentage (the progress, cells.read_cell)
        "进展",
        "目前进展",
        "最新进展",
        "工作进展",
        "推进情况",
        "完成情况",
        "办理情况",
        "落实情况",
        "整改情况",
        "办理进度",  # a 督查督办台账's, in words: 已清理, 完成409万元
        "办理结果",
        "progress note",
        "progress notes",
        "notes",
    ),
    "reason": ("存在问题", "原因", "reason", "problems"),
    "done_on": ("完成日期", "销号日期", "done on", "done_on"),
    "evidence": ("销号依据", "佐证材料", "evidence"),
    # a 考核 table's points: a group's are the sum of its rows' (rows.group_points)
    "weight": ("权重", "weight", *POINTS_NAMES),
    # a 工作台账's 县级编号 beside its own 序号: the county's number of the task (cells._key)
    "key": ("县级任务编号", "县级编号", "县级序号", "county key"),
    # 时间节点 as ``plan export`` writes them, a line each: 2023-09：50%（完成招投标）
    "milestones": ("时间节点安排", "milestones"),
    "noted_on": (
        "更新日期",
        "更新时间",
        "填报日期",
        "填报时间",
        "报送日期",
        "报送时间",
        "noted on",
        "noted_on",
    ),
    "completion": ("完成率", "completion"),
    "computed": (
        "序时进度",
        "应完成",
        "序时应完成",
        "红黄绿灯",
        "预警",
        "expected",
        "expected by now",
        "light",
    ),
    "keep": (
        *LEDGER_LIGHTS,
        "备注",
        # the standard a task is to meet: kept as written, its one figure the target
        # (standard_targets: 建成3个)
        "工作标准",
        "完成标准",
        "目标标准",
        "建设标准",
        "下一步措施",
        "下一步打算",
        "评分标准",  # a 考核 table's: how the points are given, kept as written
        "考核办法",
        "评分办法",
        "计分办法",
        "考核标准",
        "评分细则",
        "scoring rule",  # (plan export's, in English)
        "next steps",
        "remarks",
    ),
}
