"""Reports of plans that are not a 工作计划 (session 33, helper A).

A 整改清单's report says what a 整改情况报告 says (巡察反馈25个问题，已完成整改19个、正在整改6个，
整改完成率76%: the shape of 中共金华市婺城区文化和旅游体育局党组关于巡察整改情况的通报,
http://www.wuch.gov.cn/art/2023/5/4/art_1229182325_4090257.html), not 共安排任务N项."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import run, workbook
from .test_real_plans_s32D import RECTIFICATION

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
