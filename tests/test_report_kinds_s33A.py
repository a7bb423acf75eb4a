"""Reports of plans that are not a 工作计划 (session 33, helper A).

A 整改清单's report says what a 整改情况报告 says (巡察反馈25个问题，已完成整改19个、正在整改6个，
整改完成率76%: the shape of 中共金华市婺城区文化和旅游体育局党组关于巡察整改情况的通报,
http://www.wuch.gov.cn/art/2023/5/4/art_1229182325_4090257.html), not 共安排任务N项."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import run, workbook
from .test_real_plans_s32D import (
    PROJECTS,
    PROJECTS_MERGES,
    RECTIFICATION,
    RESPONSIBILITY,
    RESPONSIBILITY_MERGES,
)

# The 清单 of test_real_plans_s32D with a problem put right at once (立行立改) whose 整改措施
# are two (1.…；2.…), as such lists number them.
# fmt: off
RECTIFIED = [
    *RECTIFICATION,
    [3, "审计检查", "镇属企业XX合作社违规发放津补贴",
     "1.追回违规发放资金；2.完善合作社财务制度", "王志强", "财政所", "立行立改", None],
]
# fmt: on


def _rectification(tmp_path):
    result = run(str(workbook(tmp_path / "整改清单.xlsx", RECTIFIED, ("A1:H1",))))
    assert result.exit_code == 0, result.output
    for task, day in (("1", "2024-06-20"), ("3", "2024-03-10")):
        result = CliRunner().invoke(app, ["done", task, "--on", day])
        assert result.exit_code == 0, result.output


def test_a_rectification_report_counts_problems_measures_and_its_rate(tmp_path, plan_file):
    """共安排任务3项…综合完成率 is a 工作计划's; a 整改 report counts the problems fed back, the
    measures set for them and those put right: 整改完成率 is the share of problems put right."""
    _rectification(tmp_path)
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31", "--format", "md"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert (
        "截至2024年12月31日，某镇2024年巡察审计反馈问题整改共梳理反馈问题3个、制定整改措施4条，"
        "已完成整改2个、尚未开始整改1个，整改完成率67%。" in text
    ), text
    assert "其中立行立改的问题1个，已完成整改1个；逾期未完成整改的问题0个。" in text, text
    assert "共安排任务" not in text and "综合完成率" not in text.split("## 二")[0], text
    assert "## 一、整改工作总体情况" in text, text
    assert "## 三、尚未完成整改的问题" in text, text
    assert "## 附表：反馈问题整改情况台账" in text, text
    assert "| 序号 | 反馈问题 | 责任领导 |" in text, text
    assert "| 立行立改 |" in text, text  # the deadline as the list words it
    # a problem put right is said with the measures taken, as a 整改 report says it
    assert (
        "1\\. 针对“农村集体资产监管不力”问题，开展农村集体资产专项清查行动，建立集体资产台账，"
        "已于2024年6月20日完成整改。进展情况：已完成清查，台账已建立。" in text
    ), text
    assert (
        "针对“镇属企业XX合作社违规发放津补贴”问题，1.追回违规发放资金；2.完善合作社财务制度，"
        "已于2024年3月10日完成整改。" in text
    ), text
    # 结转 is for a year's work; a problem is put right until it is (整改到位)
    assert "以下1个问题尚未完成整改，2025年继续推进整改，直至整改到位：" in text, text


def test_a_rectification_report_in_english_and_json(tmp_path, plan_file):
    _rectification(tmp_path)
    result = CliRunner().invoke(
        app, ["--lang", "en", "report", "--as-of", "2024-12-31", "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert (
        "3 problems were fed back, with 4 rectification measures: 2 rectified, 1 not yet "
        "started; rectification rate 67%." in flat
    ), flat
    assert "Problems to put right at once: 1, 1 of them rectified. Overdue: 0." in flat, flat
    assert "## Appendix: rectification ledger" in flat, flat
    assert (
        "农村集体资产监管不力: 开展农村集体资产专项清查行动，建立集体资产台账; rectified on "
        "2024-06-20." in flat
    ), flat
    assert (
        "This problem is not yet rectified; its rectification goes on in 2025 until it is" in flat
    )
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ledger_columns"][1] == "反馈问题", data["ledger_columns"]
    assert "整改完成率67%" in data["overview"]["paragraphs"][0], data["overview"]


def test_a_rectification_report_in_the_terminal_and_word(tmp_path, plan_file):
    _rectification(tmp_path)
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert "共梳理反馈问题3个、制定整改措施4条" in flat, flat
    assert "三、尚未完成整改的问题" in flat, flat
    out = tmp_path / "整改.docx"
    result = CliRunner().invoke(
        app, ["report", "--as-of", "2024-12-31", "--format", "docx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    from docx import Document

    document = Document(str(out))
    said = "\n".join(p.text for p in document.paragraphs)
    assert "整改完成率67%" in said, said
    header = [cell.text for cell in document.tables[-1].rows[0].cells]
    assert header[1] == "反馈问题", header


# A 目标管理责任书's 考核细则 (test_real_plans_s32D) with the points each row earned in the
# village's self-assessment (自评得分), as such tables add a column for it.
def _scored(tmp_path, earned: bool = True):
    rows = [list(row) for row in RESPONSIBILITY]
    merges = RESPONSIBILITY_MERGES
    if earned:
        rows[1].append("自评得分")
        scores = iter([8, 7.5, 4, 5, 3.5])
        for row in rows[3:]:
            if isinstance(row[0], int):
                row.append(next(scores))
        merges = ("A1:G1", "B3:G3", "B7:G7", "A10:C10")
    result = run(str(workbook(tmp_path / "考核细则.xlsx", rows, merges)))
    assert result.exit_code == 0, result.output


def test_a_scored_plans_ledger_gives_each_tasks_points_and_those_earned(tmp_path, plan_file):
    """The 附表 of a 考核 plan left out the 分值 each task is assessed for, and the 自评得分 the
    plan records beside it."""
    _scored(tmp_path)
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "| 完成率 | 完成日期 | 分值 | 自评得分 |" in result.output, result.output
    assert "|---:|---|---:|---:|" in result.output, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("| 1.2 |"))
    assert row.endswith("|  | 8 | 7.5 |"), row
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--format", "json"])
    data = json.loads(result.output)
    assert data["ledger_columns"][-2:] == ["分值", "自评得分"], data["ledger_columns"]
    assert data["ledger"][1]["extra"] == ["8", "7.5"], data["ledger"][1]
    result = CliRunner().invoke(app, ["--lang", "en", "report", "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.output
    assert "Points" in result.output and "Earned" in result.output, result.output


def test_a_scored_plans_overview_sums_its_points_and_those_earned(tmp_path, plan_file):
    """A 考核 plan is reported by its score: the points its tasks carry and those earned."""
    _scored(tmp_path)
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--format", "md"])
    assert "5项任务分值合计30分，自评得分合计28分。" in result.output, result.output
    result = CliRunner().invoke(
        app, ["--lang", "en", "report", "--as-of", "2025-12-31", "--format", "md"]
    )
    flat = " ".join(result.output.split())
    assert "The 5 tasks carry 30 points in all; 28 points earned." in flat, flat


def test_points_without_those_earned_are_a_column_of_their_own(tmp_path, plan_file):
    _scored(tmp_path, earned=False)
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "| 完成率 | 完成日期 | 分值 |\n" in result.output, result.output
    assert "得分" not in result.output, result.output
    assert "5项任务分值合计30分。" in result.output, result.output
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31"], terminal_width=140)
    assert result.exit_code == 0, result.output
    assert "分值" in result.output.split("附表")[-1], result.output


def test_a_plan_without_points_or_investment_has_no_such_column(tmp_path, plan_file):
    _rectification(tmp_path)
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31", "--format", "json"])
    data = json.loads(result.output)
    assert len(data["ledger_columns"]) == 9, data["ledger_columns"]
    assert "extra" not in data["ledger"][0], data["ledger"][0]


# The 重点项目 table of test_real_plans_s32D with what each project has spent (已完成投资).
def _projects(tmp_path, spent: bool = True):
    rows = [list(row) for row in PROJECTS]
    merges = PROJECTS_MERGES
    if spent:
        rows[1].append("已完成投资\n（万元）")
        amounts = iter([380, 1200, 150, None])
        for row in rows[3:]:
            row.append(next(amounts))
        merges = ("A1:J1", "A3:J3")
    result = run(str(workbook(tmp_path / "重点项目.xlsx", rows, merges)))
    assert result.exit_code == 0, result.output


def test_a_projects_ledger_gives_the_years_planned_investment_beside_the_rest(tmp_path, plan_file):
    """The 附表 of a 重点项目 plan gave none of its money: 总投资, the year's 计划投资 (what the
    year is assessed by) and 完成投资 each in a column, in the unit of the table."""
    _projects(tmp_path)
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert (
        "| 完成日期 | 总投资（万元） | 2025年计划投资（万元） | 完成投资（万元） |" in result.output
    ), result.output
    row = next(line for line in result.output.splitlines() if line.startswith("| 1.1 |"))
    assert row.endswith("|  | 1000 | 400 | 380 |"), row
    row = next(line for line in result.output.splitlines() if line.startswith("| 1.4 |"))
    assert row.endswith("|  | 6000 | 3000 |  |"), row
    result = CliRunner().invoke(
        app, ["--lang", "en", "report", "--as-of", "2025-12-31", "--format", "md"]
    )
    assert "| Total investment | Planned for the year | Investment made |" in result.output, (
        result.output
    )
    row = next(line for line in result.output.splitlines() if line.startswith("| 1.1 |"))
    assert row.endswith("| 10 million yuan | 4 million yuan | 3.8 million yuan |"), row


def test_a_projects_ledger_without_spending_has_no_such_column(tmp_path, plan_file):
    _projects(tmp_path, spent=False)
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "| 总投资（万元） | 2025年计划投资（万元） |\n" in result.output, result.output


def _docx_ledger(tmp_path, as_of: str, lang: str = "zh") -> list[list[str]]:
    out = tmp_path / f"总结-{lang}.docx"
    args = ["--lang", lang, "report", "--as-of", as_of, "--format", "docx", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    from docx import Document

    table = Document(str(out)).tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_word_ledger_has_the_plans_own_columns(tmp_path, plan_file):
    _projects(tmp_path)
    rows = _docx_ledger(tmp_path, "2025-12-31")
    assert [text.replace("\n", "") for text in rows[0][-3:]] == [
        "总投资（万元）",
        "2025年计划投资（万元）",
        "完成投资（万元）",
    ], rows[0]
    assert rows[1][-3:] == ["1000", "400", "380"], rows[1]
    rows = _docx_ledger(tmp_path, "2025-12-31", "en")
    assert rows[1][-3:] == ["10 million yuan", "4 million yuan", "3.8 million yuan"], rows[1]


def test_the_word_ledger_of_a_scored_plan_has_its_points(tmp_path, plan_file):
    _scored(tmp_path)
    rows = _docx_ledger(tmp_path, "2025-12-31")
    assert rows[0][-2:] == ["分值", "自评得分"], rows[0]
    assert rows[2][-2:] == ["8", "7.5"], rows[2]


def test_a_responsibility_or_projects_report_is_titled_by_what_the_plan_is(tmp_path, plan_file):
    """某镇2025年度农村工作目标管理责任书考核细则 was reported as 某镇2025年工作计划完成情况总结
    while its body named the 责任书; a 重点项目建设计划表 likewise: the title names what the
    office was given, as the body does."""
    _scored(tmp_path)
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--format", "md"])
    assert result.output.startswith("# 某镇2025年农村工作目标管理责任书完成情况总结\n"), (
        result.output
    )
    result = CliRunner().invoke(app, ["--lang", "en", "report", "--as-of", "2025-12-31"])
    assert "target responsibility" in result.output.split("\n", 2)[0], result.output
    plan_file.unlink()
    _projects(tmp_path)
    result = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--format", "md"])
    assert result.output.startswith("# 某镇2025年重点项目建设计划完成情况总结\n"), result.output
    result = CliRunner().invoke(app, ["--lang", "en", "report", "--as-of", "2025-12-31"])
    assert "key projects" in result.output.split("\n", 2)[0], result.output


def test_a_rectification_report_of_some_problems_says_they_are_those_in_scope(tmp_path, plan_file):
    _rectification(tmp_path)
    result = CliRunner().invoke(
        app, ["report", "--as-of", "2024-12-31", "--owner", "王志强", "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "截至2024年12月31日，某镇2024年巡察审计反馈问题整改中在本范围内的反馈问题共2个、"
        "制定整改措施3条，已完成整改1个、尚未开始整改1个，整改完成率50%。" in result.output
    ), result.output


def test_a_word_ledger_with_every_column_and_its_own_still_fits(tmp_path, plan_file):
    """Every column filled and five of the plan's own beside them, in English, where amounts
    are words (30.5 million yuan): the Word ledger gave the task column a width below nothing
    and python-docx refused it (a ValueError, found by test_every_view_s24j)."""
    from .conftest import write_plan

    items: list[dict] = [{"id": "1", "title": "Roads"}]
    for n in range(1, 4):
        items.append(
            {
                "id": f"1.{n}",
                "title": f"Harden the road to village {n} and light it",
                "lead": "Zhang Wei, deputy head",
                "lead_unit": "Transport office",
                "owner": "Li Ming",
                "measure": "km",
                "target": 12.5,
                "actual": 3.25,
                "due": dt.date(2023, 3, 31),
                "weight": 8,
                "自评得分": 6.5,
                "总投资（亿元）": 30.5,
                "2023年计划投资（万元）": 125000,
                "已完成投资（万元）": 98765.4,
            }
        )
    items[1] |= {"status": "done", "done_on": dt.date(2023, 12, 1)}
    write_plan(plan_file, items, lang="en", weight_header="考核分值")
    rows = _docx_ledger(tmp_path, "2023-12-31", "en")
    assert [text.replace("\n", " ") for text in rows[0][-5:]] == [
        "Points",
        "Earned",
        "Total investment",
        "Planned for the year",
        "Investment made",
    ], rows[0]
    assert rows[1][-5:] == [
        "8",
        "6.5",
        "3050 million yuan",
        "1250 million yuan",
        "987.654 million yuan",
    ], rows[1]
