"""Real plans of kinds not tried before (session 34, helper A), run as an office would.

A county's 农村人居环境整治 plan sets each task's 进度要求 by month, in words and shares: "3月底前完成
项目前期工作，4月底前完成招投标并进入实施，8月底前完成项目年度工程量（或投资额）的50%以上，11月底
完成项目年度工程量（或投资额）的95%以上，12月底全面完成" (农村人居环境整治工作计划,
https://51jzrc.cn/show-21-596150-1.html). Its office lays them out as a 任务分解表 with a column a
month under 进度要求; the tasks' figures are the plan's (三格化粪池2880户, 11个村农村垃圾治理,
170户农村危房改造), the units and people made up."""

from __future__ import annotations

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, run, workbook

# fmt: off
RENJU_HEAD = [
    ["某县2025年农村人居环境整治工作任务分解表"],
    ["序号", "工作任务", "年度目标任务", "进度要求", None, None, None, None, "责任单位", "责任人"],
    [None, None, None, "3月底前", "4月底前", "8月底前", "11月底前", "12月底前", None, None],
    ["一", "农村生活污水治理"],
]
RENJU_MERGES = ("A1:J1", "D2:H2", "A2:A3", "B2:B3", "C2:C3", "I2:I3", "J2:J3")
SEWAGE = [1, "乡镇污水处理设施建设", "完成2个乡镇污水处理设施建设", "完成项目前期工作",
          "完成招投标并进入实施", "完成年度工程量50%以上", "完成年度工程量95%以上", "全面完成",
          "县住建局", "张伟"]
# fmt: on


def test_a_share_written_inside_the_words_is_the_months_progress(tmp_path):
    """完成年度工程量50%以上 under 8月底前 is 50 % due by August (the words its note), and the
    row's steps in words (完成项目前期工作) stay beside it as milestones, not five loose fields."""
    book = workbook(tmp_path / "人居.xlsx", [*RENJU_HEAD, SEWAGE], RENJU_MERGES)
    out = tmp_path / "plan.toml"
    result = run(str(book), "--out", str(out))
    assert result.exit_code == 0, result.output
    task = items_of(out)["1.1"]
    assert not [key for key in task if key.startswith("进度要求")]
    assert task["milestone"] == [
        {"due": "2025-03", "note": "完成项目前期工作"},
        {"due": "2025-04", "note": "完成招投标并进入实施"},
        {"due": "2025-08", "progress": 50, "note": "完成年度工程量50%以上"},
        {"due": "2025-11", "progress": 95, "note": "完成年度工程量95%以上"},
        {"due": "2025-12", "note": "全面完成"},
    ]
    assert "没有读成时间节点" not in result.output
    shown = CliRunner().invoke(
        app, ["-f", str(out), "show", "1.1", "--as-of", "2025-09-01"], env={"COLUMNS": "80"}
    )
    assert shown.exit_code == 0, shown.output
    assert "2025-08（应达 50%）未达到" in shown.output


def test_cells_kept_as_written_keep_the_order_of_their_columns(tmp_path):
    """Period cells the plan cannot follow are kept in the sheet's order (3月 before 8月), not
    those with a share first and the words after."""
    row = [1, "村庄污水治理", "推进村庄污水治理", "设计", None, "完成排查（10%）、整治（20%）",
           None, None, "各乡镇", "李强"]  # fmt: skip
    book = workbook(tmp_path / "人居.xlsx", [*RENJU_HEAD, row], RENJU_MERGES)
    out = tmp_path / "plan.toml"
    result = run(str(book), "--out", str(out))
    assert result.exit_code == 0, result.output
    task = items_of(out)["1.1"]
    kept = [key for key in task if key.startswith("进度要求")]
    assert kept == ["进度要求/3月底前", "进度要求/8月底前"]
