"""Real plans of other towns, run for a year (session 32, helper D).

A 镇 lists its year's projects as 重点项目 with 总投资, the year's 计划投资, 开工时间 and 竣工时间
(the shape of a 镇区建设发展计划: "投资1000万元、总长7400米的东三干渠硬化项目，该项目计划20xx年
开工，20xx年建成", http://www.lookme-vision.com/a/201809/1735679.html; the year set to 2025, the
leaders and units made up in the shape such tables have)."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, run, workbook

# fmt: off
PROJECTS = [
    ["某镇2025年重点项目建设计划表"],
    ["序号", "项目名称", "建设内容及规模", "总投资\n（万元）", "2025年计划投资\n（万元）",
     "开工时间", "竣工时间", "责任领导", "责任单位"],
    ["一、新建项目"],
    [1, "东三干渠硬化项目", "硬化干渠总长7400米", 1000, 400, "2025年", "2026年", "刘洋",
     "镇水利站"],
    [2, "大沙河清淤复堤项目", "清淤复堤总长9400米", 1200, 1200, "下半年", "2025年底", "刘洋",
     "镇水利站"],
    [3, "镇区商业街二期建设项目", "建筑面积6000平方米", 1500, 600, "6月下旬", "2025年12月",
     "王芳", "镇经发办"],
    [4, "市机械配件制造有限公司建设项目", "占地60亩", 6000, 3000, "3月-5月", "2025年12月",
     "赵军", "镇经发办"],
]
PROJECTS_MERGES = ("A1:I1", "A3:I3")
# fmt: on


def test_a_start_written_as_a_year_or_half_year_is_its_first_day(tmp_path, plan_file):
    """开工时间 2025年 is some time in 2025, read as its first day: it was read as a deadline is,
    31 December, and the project showed 达进度 with nothing done at midyear (no pace before its
    start). 下半年 as 开工 is 1 July, 6月下旬 the 21st, a range 3月-5月 its first month."""
    result = run(str(workbook(tmp_path / "重点项目.xlsx", PROJECTS, PROJECTS_MERGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1.1"]["start"] == dt.date(2025, 1, 1), items["1.1"]
    assert items["1.1"]["due"] == dt.date(2026, 12, 31), items["1.1"]
    assert items["1.2"]["start"] == dt.date(2025, 7, 1), items["1.2"]
    assert items["1.2"]["due"] == dt.date(2025, 12, 31), items["1.2"]
    assert items["1.3"]["start"] == dt.date(2025, 6, 21), items["1.3"]
    assert items["1.4"]["start"] == "2025-03", items["1.4"]
    assert items["1.4"]["due"] == "2025-12", items["1.4"]
    result = CliRunner().invoke(app, ["show", "1.1", "--as-of", "2025-06-30"])
    assert result.exit_code == 0, result.output
    assert "2025-01-01" in result.output and "2025-12-31" not in result.output, result.output


def test_a_plan_named_as_its_计划表_is_named_as_its_计划_in_the_report(tmp_path, plan_file):
    """某镇2025年重点项目建设计划表共安排任务4项: the report named the table, not the plan."""
    result = run(str(workbook(tmp_path / "重点项目.xlsx", PROJECTS, PROJECTS_MERGES)))
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-06-30"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert "截至2025年6月30日，某镇2025年重点项目建设计划共安排任务4项" in flat, flat
    assert "计划表" not in flat, flat


# A 镇 signs a 农村工作年度目标责任书 with each 村, its points by 考核项目 and the office that
# assesses each (具体内容、分数构成及考核部门: https://360docs.net/doc/3e17390660.html), laid out
# as its 考核细则 table; the year and the 完成时限 column made up in the shape such tables have.
# fmt: off
RESPONSIBILITY = [
    ["某镇2025年度农村工作目标管理责任书考核细则"],
    ["序号", "考核项目", "考核内容及评分标准", "分值", "考核部门", "完成时限"],
    ["一", "党建工作（20分）"],
    [1, "组织工作", "具体考核细则由镇组织办负责", 8, "镇组织办", "年底"],
    [2, "纪检工作", "具体考核细则由镇纪检办负责", 8, "镇纪检办", "年底"],
    [3, "宣传工作", "具体考核细则由镇宣传办负责", 4, "镇宣传办", "年底"],
    ["二", "农业农村工作（10分）"],
    [4, "水利工程", "水利工程水费在10月30日之前按时完成任务的得满分，未按时完成任务，每推迟一天扣0.5分",
     5, "镇农办", "10月30日前"],
    [5, "农业保险", "按照农业险种分项考核，凡能按时完成农业保险任务的得满分，增减按比例加减分", 5,
     "镇农办", "年底"],
    ["合计", None, None, 30],
]
RESPONSIBILITY_MERGES = ("A1:F1", "B3:F3", "B7:F7", "A10:C10")
# fmt: on


def test_a_plan_named_as_its_考核细则_is_named_as_the_work_in_the_report(tmp_path, plan_file):
    """某镇2025年度农村工作目标管理责任书考核细则共安排任务5项: the 细则 scores the work, it
    arranges none; the report names the 责任书."""
    book = workbook(tmp_path / "考核细则.xlsx", RESPONSIBILITY, RESPONSIBILITY_MERGES)
    result = run(str(book))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["2.1"]["due"] == dt.date(2025, 10, 30)
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert "某镇2025年度农村工作目标管理责任书共安排任务5项" in flat, flat
    assert "细则共安排" not in flat, flat


# A 街道 plans its second half year after its 半年工作总结 (2020年街道下半年工作计划: 一、慎终如始，
# 把好防控常态化后的社区防疫关口 … 三、最优营商，扩大“两翼一体”机制联动成效,
# https://ttzyw.com/Article/zjbg/4954.html), laid out as the 街道's ledger; the leaders, offices
# and deadlines made up in the shape such tables have.
# fmt: off
SECOND_HALF = [
    ["XX街道2020年下半年工作计划"],
    ["序号", "工作任务", "具体措施", "分管领导", "责任科室", "完成时限"],
    ["一、慎终如始，把好防控常态化后的社区防疫关口"],
    [1, "强化集中隔离闭环管理", "从严做好居家隔离，适时优化小区防控措施", "王明", "社区办",
     "年底前"],
    [2, "推进疫情防控智能化、数字化", "用好“一网统管”平台", "李华", "城运中心", "9月底前"],
    ["二、融合发展，完善党建引领下的社会治理体系"],
    [3, "深入开展“四史”学习教育", "开展居民区党总支书记培训", "张丽", "党建办", "年底前"],
    [4, "做好企业党组织全覆盖排摸工作", "指导“两新”组织开展党建工作", "张丽", "党建办",
     "年底前"],
]
SECOND_HALF_MERGES = ("A1:F1", "A3:F3", "A6:F6")
# fmt: on


def test_a_plan_for_the_second_half_year_runs_from_july(tmp_path, plan_file):
    """XX街道2020年下半年工作计划 ran from 1 January: at the end of September every task was
    reckoned three quarters of the year in and shown 红灯; the plan is July to December."""
    result = run(str(workbook(tmp_path / "下半年.xlsx", SECOND_HALF, SECOND_HALF_MERGES)))
    assert result.exit_code == 0, result.output
    text = plan_file.read_text(encoding="utf-8")
    assert "start = 2020-07-01" in text and "end = 2020-12-31" in text, text
    assert "计划期按标题写明的期间定为2020-07-01至2020-12-31" in "".join(result.output.split())
    result = CliRunner().invoke(app, ["show", "1.1", "--as-of", "2020-09-30"])
    assert result.exit_code == 0, result.output
    assert "50%（截至 2020-09-30）" in result.output, result.output


def test_a_half_year_plans_report_is_of_that_half_year(tmp_path, plan_file):
    """The report of XX街道2020年下半年工作计划 was headed 2020年工作计划完成情况总结 and said of the
    tasks not touched since July 全年未见进展记录: the plan was never a year's."""
    result = run(str(workbook(tmp_path / "下半年.xlsx", SECOND_HALF, SECOND_HALF_MERGES)))
    assert result.exit_code == 0, result.output
    done = ["done", "1.2", "--on", "2020-09-25"]
    assert CliRunner().invoke(app, done).exit_code == 0
    result = CliRunner().invoke(app, ["report", "--as-of", "2020-12-31"])
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("XX街道2020年下半年工作计划完成情况总结"), (
        result.output
    )
    flat = "".join(result.output.split())
    assert "以下3项工作下半年未见进展记录" in flat, flat
    assert "全年" not in flat, flat
    out = str(tmp_path / "总结.docx")
    result = CliRunner().invoke(
        app, ["report", "--as-of", "2020-12-31", "--format", "docx", "--out", out]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["--lang", "en", "report", "--as-of", "2020-12-31"])
    assert result.exit_code == 0, result.output
    assert "H2 2020" in result.output, result.output
    assert "all year" not in result.output, result.output


def test_a_projects_year_investment_beside_its_total_is_reported(tmp_path, plan_file):
    """A 重点项目 table gives each project's 总投资 and the year's 计划投资: the report summed
    the 总投资 alone, and the figure the year is assessed by (6200万元 planned for 2025) was in
    no sentence."""
    result = run(str(workbook(tmp_path / "重点项目.xlsx", PROJECTS, PROJECTS_MERGES)))
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(app, ["done", "1.2", "--on", "2025-12-20"]).exit_code == 0
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert "4项任务列有总投资，合计9700万元，其中已完成的1项1200万元。" in flat, flat
    assert "4项任务列有2025年计划投资，合计5200万元，其中已完成的1项1200万元。" in flat, flat
    assert "总投资1200万元，2025年计划投资1200万元" in flat, flat
    result = CliRunner().invoke(app, ["--lang", "en", "report", "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "4 tasks state an investment for the year, 52 million yuan in all" in flat, flat


def test_a_project_due_after_the_plans_year_is_not_said_unfinished_in_it(tmp_path, plan_file):
    """东三干渠硬化项目 runs from 2025 to 2026 (竣工时间 2026年): behind its pace at the year's
    end, the report said 年内未能完成，…，完成时限为2026年12月31日 — unfinished in a year it was
    never due in. It is behind its pace, and said so."""
    result = run(str(workbook(tmp_path / "重点项目.xlsx", PROJECTS, PROJECTS_MERGES)))
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["progress", "1.1", "40", "--on", "2025-11-20"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert (
        "东三干渠硬化项目：进度滞后于序时进度，目前完成率为40%，完成时限为2026年12月31日" in flat
    ), flat
    assert "年内未能完成，目前完成率为40%" not in flat, flat


# A 镇党委's ledger of the problems a 巡察 and an 审计 fed back, each with its 整改措施 (the
# problems as a 镇's 整改 report lists them: 农村集体资产监管不力, 村级财务不规范,
# https://www.wenkuhub.com/?p=114094); the leaders, offices and deadlines made up in the shape
# such 整改清单 have.
# fmt: off
RECTIFICATION = [
    ["某镇2024年巡察审计反馈问题整改清单"],
    ["序号", "问题来源", "存在问题", "整改措施", "责任领导", "责任单位", "整改时限", "整改情况"],
    [1, "县委巡察", "农村集体资产监管不力", "开展农村集体资产专项清查行动，建立集体资产台账",
     "刘建国", "农业农村办", "2024年6月底前", "已完成清查，台账已建立"],
    [2, "审计检查", "村级财务不规范", "开展村级财务专项整治，实行村账镇代管", "王志强",
     "三资中心", "2024年12月31日", None],
]
# fmt: on


def test_a_rectification_list_is_read_one_problem_a_task(tmp_path, plan_file):
    """A 整改清单 names each row by its 存在问题 and says how it is put right under 整改措施:
    the import refused it (no column of task names), though the problem is what the office
    ticks off (问题销号) and the measure its detail."""
    result = run(str(workbook(tmp_path / "整改清单.xlsx", RECTIFICATION, ("A1:H1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["title"] == "农村集体资产监管不力", items["1"]
    assert items["1"]["detail"] == "开展农村集体资产专项清查行动，建立集体资产台账", items["1"]
    assert items["1"]["lead"] == "刘建国" and items["1"]["lead_unit"] == "农业农村办"
    assert items["1"]["due"] == "2024-06", items["1"]
    assert "reason" not in items["1"], items["1"]
    assert items["2"]["title"] == "村级财务不规范", items["2"]


def test_a_rectification_lists_report_is_of_its_整改_not_a_work_plan(tmp_path, plan_file):
    """The report of 某镇2024年巡察审计反馈问题整改清单 was headed 某镇2024年工作计划完成情况总结:
    the office reports on the 整改 it was given, not on a 工作计划 it never had."""
    result = run(str(workbook(tmp_path / "整改清单.xlsx", RECTIFICATION, ("A1:H1",))))
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    head = result.output.lstrip()
    assert head.startswith("某镇2024年巡察审计反馈问题整改完成情况总结"), result.output
    result = CliRunner().invoke(app, ["--lang", "en", "report", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    assert "rectification" in result.output.split("\n", 2)[0] + result.output.split("\n", 2)[1]


def test_a_long_整改_title_breaks_before_its_完成情况总结(tmp_path, plan_file):
    """某镇2024年巡察审计反馈问题整改完成情况总结 is over the 二号 line and names no 工作计划 to
    break before: Word set 总结 alone on the second line. It breaks between its words."""
    result = run(str(workbook(tmp_path / "整改清单.xlsx", RECTIFICATION, ("A1:H1",))))
    assert result.exit_code == 0, result.output
    out = tmp_path / "总结.docx"
    result = CliRunner().invoke(
        app, ["report", "--as-of", "2024-12-31", "--format", "docx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    from docx import Document

    title = Document(str(out)).paragraphs[0]
    assert title.text == "某镇2024年巡察审计反馈问题整改\n完成情况总结", title.text


def test_a_problem_to_put_right_at_once_is_read_and_is_not_standing_work(tmp_path, plan_file):
    """整改时限 立行立改 (put right at once, as 整改清单 often say) was refused as no deadline;
    it is read as the words the office wrote, with no day of its own, and is not standing work
    (长期坚持): left undone at the year's end it is unfinished, not carried on as 常态化."""
    rows = [*RECTIFICATION[:2], [1, "审计检查", "镇属企业XX合作社违规发放津补贴",
                                 "追回违规发放资金，完善合作社财务制度", "王志强", "财政所",
                                 "立行立改", None], *RECTIFICATION[3:]]  # fmt: skip
    result = run(str(workbook(tmp_path / "整改清单.xlsx", rows, ("A1:H1",))))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert "due" not in item and item["整改时限原文"] == "立行立改", item
    result = CliRunner().invoke(app, ["list", "--as-of", "2024-06-30"])
    assert result.exit_code == 0, result.output
    assert "完成时限：立行立改" in result.output, result.output
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    # (a problem past its 立行立改, as test_review_s33J says it)
    assert "镇属企业XX合作社违规发放津补贴：要求立行立改，逾期未完成整改" in flat, flat
    assert "常态化" not in flat, flat


def test_plan_add_reads_立行立改_as_the_import_does(tmp_path, plan_file):
    """plan add --due 立行立改 was refused as no date, where the import keeps the words."""
    result = run(str(workbook(tmp_path / "整改清单.xlsx", RECTIFICATION, ("A1:H1",))))
    assert result.exit_code == 0, result.output
    add = ["add", "top", "村级账务公开不及时", "--due", "立行立改", "--on", "2024-04-01"]
    result = CliRunner().invoke(app, add)
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["3"]
    assert "due" not in item and "立行立改" in item.values(), item
