"""Review of session 33's report kinds as the office would read them (session 33, helper J).

A 整改情况报告 says of a problem not yet put right that it is 尚未完成整改 by its 整改时限, not
that a year's task is 年内未能完成 at 完成率为0%; a 立行立改 problem left undone is 逾期."""

from __future__ import annotations

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import run, workbook
from .test_report_kinds_s33A import RECTIFIED

# The 清单 of test_report_kinds_s33A with a second 立行立改 problem, left undone.
# fmt: off
UNDONE_AT_ONCE = [
    *RECTIFIED,
    [4, "县委巡察", "村级项目招投标程序不规范", "1.开展招投标专项检查；2.建立镇级审核制度",
     "刘建国", "党政办", "立行立改", None],
]
# fmt: on


def _rectification(tmp_path):
    result = run(str(workbook(tmp_path / "整改清单.xlsx", UNDONE_AT_ONCE, ("A1:H1",))))
    assert result.exit_code == 0, result.output
    for task, day in (("1", "2024-06-20"), ("3", "2024-03-10")):
        result = CliRunner().invoke(app, ["done", task, "--on", day])
        assert result.exit_code == 0, result.output


def _report(*args: str) -> str:
    result = CliRunner().invoke(app, ["report", *args, "--format", "md"])
    assert result.exit_code == 0, result.output
    return result.output


def _section(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n## ", 1)[0]


def test_a_problem_not_put_right_is_said_so_by_its_time_limit(tmp_path, plan_file):
    """三、尚未完成整改的问题 said 年内未能完成，目前尚未开始，完成率为0%，完成时限为…: the words
    of a year's task, with a rate a problem without a figure does not have."""
    _rectification(tmp_path)
    text = _report("--as-of", "2024-12-31")
    problems = _section(text, "## 三、尚未完成整改的问题")
    assert (
        "村级财务不规范：尚未完成整改，目前尚未开始整改，整改时限为2024年12月31日，由三资中心负责。"
        in problems
    ), problems
    assert "年内未能完成" not in problems and "完成率为0%" not in problems, problems
    assert "完成时限" not in problems, problems


def test_a_problem_to_put_right_at_once_left_undone_is_overdue(tmp_path, plan_file):
    """立行立改 is a time limit already past: a problem so marked and not put right was counted
    neither in 逾期未完成整改的问题0个 nor said overdue, at June's end or the year's."""
    _rectification(tmp_path)
    for day in ("2024-06-30", "2024-12-31"):
        text = _report("--as-of", day)
        assert "其中立行立改的问题2个，已完成整改1个；逾期未完成整改的问题1个。" in text, text
        problems = _section(text, "## 三、尚未完成整改的问题")
        assert (
            "村级项目招投标程序不规范：要求立行立改，逾期未完成整改，目前尚未开始整改，由党政办负责。"
            in (problems)
        ), problems
        # the overdue first, as a 工作计划's problems are ordered
        assert problems.index("招投标") < problems.index("村级财务不规范"), problems


def test_a_rectification_report_in_english_says_problems_not_tasks(tmp_path, plan_file):
    _rectification(tmp_path)
    result = CliRunner().invoke(
        app, ["--lang", "en", "report", "--as-of", "2024-12-31", "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "Overdue: 1." in flat, flat
    problems = flat.split("## 3. Problems not yet rectified", 1)[1].split("## 4.", 1)[0]
    assert "not finished within the year" not in problems, problems
    assert "to be put right at once, overdue" in problems, problems
    assert "not yet rectified" in problems and "deadline for rectification 2024-12-31" in (
        problems
    ), problems


def test_a_work_points_report_is_titled_by_its_work_points(plan_file):
    """测试镇2024年党建工作要点 was reported as 测试镇2024年工作计划完成情况总结: the title
    names what the office was given, as a 责任书's or a 重点项目计划's does."""
    import datetime as dt

    from .conftest import SMALL_ITEMS, write_plan

    for title, kind in (
        ("测试镇2024年工作要点", "工作要点"),
        ("测试镇2024年党建工作要点", "党建工作要点"),
    ):
        write_plan(
            plan_file,
            SMALL_ITEMS,
            year=2024,
            start=dt.date(2024, 1, 1),
            end=dt.date(2024, 12, 31),
            title=title,
        )
        assert _report("--as-of", "2024-12-31").startswith(f"# 测试镇2024年{kind}完成情况总结\n")
        assert _report("--as-of", "2024-06-30").startswith(
            f"# 测试镇2024年上半年{kind}完成情况总结\n"
        )
        result = CliRunner().invoke(app, ["--lang", "en", "report", "--as-of", "2024-12-31"])
        assert result.exit_code == 0, result.output
        assert "work priorities" in result.output.split("\n", 2)[0], result.output
    # (a 工作计划 as before)
    write_plan(plan_file, SMALL_ITEMS, title="测试镇2023年工作计划")
    assert _report("--as-of", "2023-12-31").startswith("# 测试镇2023年工作计划完成情况总结\n")


def test_a_task_worked_in_a_month_is_in_that_month_in_the_ledger(tmp_path, plan_file):
    """A 专项整治安排表's 时间安排 1月份 is the month a trade is taken in hand (its start and its
    deadline): the ledger said 1月底, a deadline the table never set; its month, as written."""
    import json

    from .test_real_plans_s33C import CAMPAIGN_TITLE, campaign_document

    result = run(str(campaign_document(tmp_path / f"{CAMPAIGN_TITLE}.docx")))
    assert result.exit_code == 0, result.output
    text = _report("--as-of", "2017-12-31")
    row = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    assert "| 1月 |" in row and "月底" not in row, row
    result = CliRunner().invoke(app, ["report", "--as-of", "2017-12-31"], terminal_width=160)
    assert result.exit_code == 0, result.output
    assert "1月底" not in result.output and "12月底" not in result.output, result.output
    out = tmp_path / "总结.docx"
    result = CliRunner().invoke(
        app, ["report", "--as-of", "2017-12-31", "--format", "docx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    from docx import Document

    table = Document(str(out)).tables[-1]
    due = [cell.text for cell in table.rows[0].cells].index("完成时限")  # (empty columns left out)
    assert table.rows[1].cells[due].text == "1月", [c.text for c in table.rows[1].cells]
    # the JSON gives the deadline as the plan file does, as before
    result = CliRunner().invoke(app, ["report", "--as-of", "2017-12-31", "--format", "json"])
    data = json.loads(result.output)
    assert data["ledger"][0]["due"] == "2017-01", data["ledger"][0]
    assert "month_long" not in data["ledger"][0], data["ledger"][0]


def test_a_deadline_month_after_another_start_is_still_its_end(tmp_path, plan_file):
    """实施期限 2023年6月至10月: due at the end of October (10月底), as before."""
    from .test_real_plans_s33C import FUNDS, FUNDS_MERGES

    result = run(str(workbook(tmp_path / "分配计划表.xlsx", FUNDS, FUNDS_MERGES)))
    assert result.exit_code == 0, result.output
    text = _report("--as-of", "2023-12-31")
    row = next(line for line in text.splitlines() if line.startswith("| 1.1 |"))
    assert "| 10月底 |" in row, row


def _ledger_table(tmp_path, as_of: str, lang: str = "zh"):
    out = tmp_path / f"总结-{lang}.docx"
    args = [
        "--lang",
        lang,
        "report",
        "--as-of",
        as_of,
        "--format",
        "docx",
        "--out",
        str(out),
        "--force",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    from docx import Document

    return Document(str(out)).tables[-1]


def test_a_unit_under_a_word_ledger_header_is_not_broken(tmp_path, plan_file):
    """A 重点项目 plan's three money columns, each 16.7 mm, set （万元） as （万 / 元） under
    总投资 (LibreOffice, printed): the bracket a word no narrower column breaks, as the
    推进情况表 keeps it (test_real_plans_s33C)."""
    from quanhu_plan.report.docx_layout import bold_width_mm

    from .test_report_kinds_s33A import _projects

    _projects(tmp_path)
    table = _ledger_table(tmp_path, "2025-12-31")
    header = table.rows[0].cells
    money = [cell for cell in header if cell.text.endswith("（万元）")]
    assert len(money) == 3, [cell.text for cell in header]
    for cell in money:
        assert cell.width.mm >= bold_width_mm("（万元）"), (cell.text, cell.width.mm)
    task = next(cell for cell in header if cell.text == "任务")
    assert task.width.mm >= 30, task.width.mm  # (the task column keeps its narrowest)


def test_an_english_header_word_too_long_for_a_narrow_column_is_set_smaller(tmp_path, plan_file):
    """A ledger of fourteen columns (every one filled and five of the plan's own) printed
    Poin / ts, Ear / ned, Comple / tion: no width keeps every header word whole at 五号 beside
    them. A word wider than its column is set smaller, whole; a header that fits as it was."""
    from quanhu_plan.report.docx_layout import TABLE_SIZE, bold_width_mm

    from .test_report_kinds_s33A import test_a_word_ledger_with_every_column_and_its_own_still_fits

    test_a_word_ledger_with_every_column_and_its_own_still_fits(tmp_path, plan_file)
    table = _ledger_table(tmp_path, "2023-12-31", "en")
    smaller = 0
    for cell in table.rows[0].cells:
        run = cell.paragraphs[0].runs[0]
        size = run.font.size.pt
        for word in cell.text.split():
            assert bold_width_mm(word, size) <= cell.width.mm, (word, size, cell.width.mm)
        smaller += size < TABLE_SIZE
        if cell.text == "No.":
            assert size == TABLE_SIZE, size  # (it fits: as it was)
    assert smaller, [c.text for c in table.rows[0].cells]


def test_headers_that_fit_keep_their_size(tmp_path, plan_file):
    from quanhu_plan.report.docx_layout import TABLE_SIZE

    from .test_report_kinds_s33A import _scored

    _scored(tmp_path)
    for lang in ("zh", "en"):
        table = _ledger_table(tmp_path, "2025-12-31", lang)
        sizes = {cell.paragraphs[0].runs[0].font.size.pt for cell in table.rows[0].cells}
        assert sizes == {TABLE_SIZE}, (lang, sizes)


def test_a_rectification_reports_next_steps_at_midyear_name_problems(tmp_path, plan_file):
    """下半年整改打算 at June's end said 以下2项任务尚未完成: the problems, as the year's end
    says them (以下…个问题尚未完成整改)."""
    _rectification(tmp_path)
    text = _report("--as-of", "2024-06-30")
    steps = _section(text, "## 四、")
    assert "以下2个问题尚未完成整改，下半年抓紧推进：" in steps, steps
    assert "项任务" not in steps, steps
    result = CliRunner().invoke(
        app, ["--lang", "en", "report", "--as-of", "2024-06-30", "--format", "md"]
    )
    flat = " ".join(result.output.split())
    assert "These 2 problems are not yet rectified; push them on in the second half:" in flat, flat


def test_a_problem_not_begun_is_said_so_under_next_steps(tmp_path, plan_file):
    """下一步整改打算 listed 村级财务不规范：目前尚未开始，完成率0%: a rate a problem without a
    figure has none of."""
    _rectification(tmp_path)
    steps = _section(_report("--as-of", "2024-12-31"), "## 四、")
    assert "村级财务不规范：目前尚未开始整改，由三资中心负责。" in steps, steps
    assert "完成率" not in steps, steps
