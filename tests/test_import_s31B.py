"""Session 31 (B): what an office's 工作台账 still lost on the way in: a progress column per
quarter or month (only the first became a note), a target written only in the title
(新增市场主体3000户以上), a target typed with 千/万 or in exponent notation, and ledgers in the
shapes 镇/街道 offices keep them. Each test checks what was printed, the exit code and what is
on disk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_import import items_of, read_plan, run, workbook

# ---------------------------------------------------------------- a progress column per period


def test_each_quarters_progress_column_becomes_a_note_dated_at_the_quarters_end(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        [
            "序号",
            "工作任务",
            "责任单位",
            "完成时限",
            "一季度完成情况",
            "二季度完成情况",
            "三季度完成情况",
        ],
        [1, "修建村道", "交通办", "12月底", "完成设计", "完成招标", "完成路基"],
        [2, "招商引资", "经发办", "12月底", "签约2家", None, "签约5家"],
        [3, "建文化站", "文化站", "12月底", "完成选址", "已完成", None],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["log"] == [
        {"on": dt.date(2024, 3, 31), "note": "完成设计"},
        {"on": dt.date(2024, 6, 30), "note": "完成招标"},
        {"on": dt.date(2024, 9, 30), "note": "完成路基"},
    ]
    assert items["2"]["log"] == [
        {"on": dt.date(2024, 3, 31), "note": "签约2家"},
        {"on": dt.date(2024, 9, 30), "note": "签约5家"},
    ]
    # the newest note is the progress the other paths read: 已完成 in 二季度 marks it done
    assert items["3"]["status"] == "done"
    assert [e["note"] for e in items["3"]["log"]] == ["完成选址", "已完成"]
    for item in items.values():
        assert not any("完成情况" in key for key in item), item
    assert "读作同一项" not in result.stderr
    assert "二季度完成情况" in result.stderr and "各自的期末" in result.stderr


def test_month_progress_columns_and_a_half_year_become_notes_in_order(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "1月进展", "上半年工作进展", "10月份进展情况"],
        [1, "修建村道", "交通办", "完成设计", "完成招标", "完成路基"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["log"] == [
        {"on": dt.date(2024, 1, 31), "note": "完成设计"},
        {"on": dt.date(2024, 6, 30), "note": "完成招标"},
        {"on": dt.date(2024, 10, 31), "note": "完成路基"},
    ]
    assert "不认得的列" not in result.stderr


def test_month_columns_under_a_merged_monthly_progress_header_become_notes(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "月度进展", None, None],
        [None, None, None, "1月", "2月", "3月"],
        [1, "修建村道", "交通办", "完成设计", "完成招标", "开工"],
    ]
    path = workbook(tmp_path / "台账.xlsx", rows, merges=("D2:F2", "A2:A3", "B2:B3", "C2:C3"))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["log"] == [
        {"on": dt.date(2024, 1, 31), "note": "完成设计"},
        {"on": dt.date(2024, 2, 29), "note": "完成招标"},
        {"on": dt.date(2024, 3, 31), "note": "开工"},
    ]


def test_quarter_columns_of_figures_stay_milestones_and_one_progress_column_as_before(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "计量单位", "一季度完成", "二季度完成", "上半年完成情况"],
        [1, "植树造林", 1200, "亩", 300, 600, "已完成600亩"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert [m["due"] for m in item["milestone"]] == ["2024-Q1", "2024-Q2"]
    assert item["log"] == [{"on": dt.date(2024, 6, 30), "note": "已完成600亩"}]
    assert "各自的期末" not in result.stderr


# ---------------------------------------------------------------- a target written in the title

TITLE_TARGETS: list[list[Any]] = [
    ["城关镇2024年重点工作台账"],
    ["序号", "工作任务", "责任单位", "完成时限", "完成值", "完成情况"],
    [1, "新增市场主体3000户以上", "经发办", "12月底", 2500, "已完成"],
    [2, "完成造林1200亩", "林业站", "10月底", 600, "正在推进"],
    [3, "培训农民不少于500人次", "农技站", "12月底", None, None],
    [4, "新建2座桥、改造5公里道路", "交通办", "12月底", None, "已完成"],
    [5, "推进5G基站建设", "工信办", "12月底", None, None],
]


def test_a_target_written_only_in_the_title_is_the_tasks_target(tmp_path, plan_file):
    result = run(str(workbook(tmp_path / "台账.xlsx", TITLE_TARGETS)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert {k: items["1"].get(k) for k in ("target", "measure", "target_text")} == {
        "target": 3000,
        "measure": "户",
        "target_text": "3000户以上",
    }
    assert (items["2"]["target"], items["2"]["measure"], items["2"]["actual"]) == (1200, "亩", 600)
    assert "target_text" not in items["2"]  # 1200亩 says no more than its figure
    assert items["3"]["target_text"] == "不少于500人次" and items["3"]["measure"] == "人次"
    for words in ("4", "5"):  # two figures; a letter after the number (5G): no target
        assert "target" not in items[words] and "measure" not in items[words]
    assert (
        "注意：表中没有目标值列，标题里写的目标读作任务的目标值：第 3 行“3000户以上”；"
        "第 4 行“1200亩”；第 5 行“不少于500人次”。" in result.stderr
    )
    assert (
        "注意：标题里有两个以上的数字，没有读成目标值，只保留在标题里：第 6 行"
        "“新建2座桥、改造5公里道路”。" in result.stderr
    )


def test_the_report_counts_a_title_target_done_short_of_it(tmp_path, plan_file):
    assert run(str(workbook(tmp_path / "台账.xlsx", TITLE_TARGETS))).exit_code == 0
    report = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31"])
    assert report.exit_code == 0, report.output
    text = report.stdout.replace("\n", "")
    assert "新增市场主体3000户以上：已销号，但未达到目标，完成2500户，目标3000户以上" in text
    assert "完成造林1200亩，完成600亩，目标1200亩，完成率50%，距目标差600亩" in text


def test_a_target_column_leaves_titles_alone(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "完成时限"],
        [1, "新增市场主体3000户以上", None, "12月底"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert "target" not in items_of(plan_file)["1"]
    assert "标题里写的目标" not in result.stderr


# ---------------------------------------------------------------- 千 before a unit; 1e3


def _plan_with_a_goal(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "农业农村"}], year=2024)


@pytest.mark.parametrize(
    ("typed", "target", "measure"),
    [
        ("2千亩", 2000, "亩"),  # 千 before a unit: a thousand of it
        ("2.3千亩", 2300, "亩"),  # exactly, not 2299.9999999999995
        ("5百户", 500, "户"),
        ("1.5万元", 1.5, "万元"),  # 万元, 万亩: units ledgers count in, kept
        ("3万亩", 3, "万亩"),
        ("2千米", 2, "千米"),  # 千米, 千瓦: units of their own
        ("1e3", 1000, None),  # exponent notation: the whole number it is, not 1000.0
    ],
)
def test_add_and_edit_read_a_target_with_a_multiplier_or_an_exponent_alike(
    plan_file, typed, target, measure
):
    _plan_with_a_goal(plan_file)
    runner = CliRunner()
    added = runner.invoke(app, ["add", "1", "造林", "--target", typed, "--on", "2024-03-01"])
    assert added.exit_code == 0, added.output
    item = items_of(plan_file)["1.1"]
    assert (item["target"], item.get("measure")) == (target, measure)
    assert type(item["target"]) is type(target)
    again = runner.invoke(app, ["add", "1", "修路", "--on", "2024-03-01"])
    assert again.exit_code == 0, again.output
    edited = runner.invoke(app, ["edit", "1.2", "--target", typed, "--on", "2024-03-02"])
    assert edited.exit_code == 0, edited.output
    item = items_of(plan_file)["1.2"]
    assert (item["target"], item.get("measure")) == (target, measure)
    assert "target = 1000.0" not in plan_file.read_text(encoding="utf-8")


def test_import_reads_a_target_and_actual_with_a_thousand_before_the_unit_as_add_does(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "完成值"],
        [1, "植树造林", "2千亩", "1.5千亩"],
        [2, "招商引资", "1.5万元", "0.8万元"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["target"], items["1"]["actual"], items["1"]["measure"]) == (2000, 1500, "亩")
    assert (items["2"]["target"], items["2"]["actual"], items["2"]["measure"]) == (1.5, 0.8, "万元")


# ---------------------------------------------------------------- ledgers as offices keep them

# A 镇's ledger: a merged title, two header rows (责任分工 and 推进情况 merged over their
# parts), 一、/（一）/1. numbering, a 备注 column, deadlines as words.
TOWN_LEDGER: list[list[Any]] = [
    ["青石镇2024年重点工作任务推进台账"],
    ["填报单位：青石镇党政办", None, None, None, None, None, "填报时间：2024年7月5日"],
    ["序号", "工作任务", "责任分工", None, None, "完成时限", "推进情况", None, "备注"],
    [None, None, "分管领导", "责任单位", "责任人", None, "一季度", "二季度", None],
    ["一、", "经济发展"],
    ["（一）", "招商引资"],
    [
        "1.",
        "新签约亿元以上项目5个以上",
        "张三",
        "经发办",
        "李四",
        "年底前",
        "签约1个",
        "签约3个",
        "含续建",
    ],
    ["（二）", "农业农村"],
    ["1.", "新建高标准农田2千亩", "王五", "农业办", "赵六", "10月底前", "完成设计", "完成招标"],
    ["2.", "完成造林1200亩", "王五", "林业站", "钱七", "6月底前", "完成苗木采购", "已完成"],
    ["二、", "社会民生"],
    [
        "1.",
        "新建2座桥、改造5公里道路",
        "孙八",
        "交通办",
        "周九",
        "年底前",
        "完成设计",
        "桥梁开工",
        "省补资金",
    ],
]
TOWN_MERGES = ("A1:I1", "A3:A4", "B3:B4", "C3:E3", "F3:F4", "G3:H3", "I3:I4", "B5:I5", "B6:I6")


def test_a_town_ledger_with_two_header_rows_reads_whole_and_reports(tmp_path, plan_file):
    path = workbook(tmp_path / "台账.xlsx", TOWN_LEDGER, merges=(*TOWN_MERGES, "B8:I8", "B11:I11"))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert list(items) == ["1", "1.1", "1.1.1", "1.2", "1.2.1", "1.2.2", "2", "2.1"]
    signing = items["1.1.1"]
    assert (signing["lead"], signing["lead_unit"], signing["owner"]) == ("张三", "经发办", "李四")
    assert (signing["target"], signing["target_text"], signing["备注"]) == (5, "5个以上", "含续建")
    assert signing["log"] == [
        {"on": dt.date(2024, 3, 31), "note": "签约1个"},
        {"on": dt.date(2024, 6, 30), "note": "签约3个"},
    ]
    assert (items["1.2.1"]["target"], items["1.2.1"]["measure"]) == (2000, "亩")
    assert items["1.2.2"]["status"] == "done" and items["1.2.2"]["due"] == "2024-06"
    # the status is read from the 二季度 cell: the notice names the group, not 一季度 alone
    assert "第 10 行的“推进情况”只写了状态，已读作任务的状态：1.2.2 已完成（“已完成”）" in (
        result.stderr
    )
    assert "推进情况/一季度”只写了状态" not in result.stderr
    status = CliRunner().invoke(app, ["status", "--as-of", "2024-07-05"])
    assert status.exit_code == 0, status.output
    assert "合计" in status.stdout and "1/4" in status.stdout
    report = CliRunner().invoke(app, ["report", "--as-of", "2024-07-05"])
    assert report.exit_code == 0, report.output
    assert "最新进展：签约3个" in report.stdout.replace("\n", "").replace(" ", "")


def test_notes_per_quarter_without_a_group_are_named_first_to_last_where_a_status_is_read(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "一季度完成情况", "二季度完成情况"],
        [1, "建文化站", "完成选址", "已完成"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert "第 3 行的“一季度完成情况…二季度完成情况”只写了状态" in result.stderr


def test_a_sheet_per_office_titled_with_its_name_gives_the_plan_the_title_they_share(
    tmp_path, plan_file
):
    def sheet(office: str, task: str) -> list[list[Any]]:
        return [
            [f"东湖街道2024年工作台账（{office}）"],
            ["序号", "重点工作", "责任人", "完成时限", "完成情况", "备注"],
            [1, task, "刘一", "9月底", "推进中", None],
        ]

    path = workbook(
        tmp_path / "各科室台账.xlsx",
        sheet("党政办", "完成机关食堂改造"),
        sheet="党政办",
        more={"经发办": sheet("经发办", "新增市场主体3000户以上")},
    )
    result = run(str(path), "--sheet", "全部")
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)
    assert plan["plan"]["title"] == "东湖街道2024年工作台账"
    assert [(i["id"], i["title"]) for i in plan["item"]] == [
        ("1", "党政办"),
        ("1.1", "完成机关食堂改造"),
        ("2", "经发办"),
        ("2.1", "新增市场主体3000户以上"),
    ]


def test_a_progress_column_of_no_period_beside_quarter_columns_leaves_them_as_before(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "一季度完成情况", "二季度完成情况", "进展情况"],
        [1, "建文化站", "完成选址", "主体施工", "主体封顶"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    # as before: the first read, the others kept under their names (said), none lost
    assert item["log"] == [{"on": dt.date(2024, 3, 31), "note": "完成选址"}]
    assert (item["二季度完成情况"], item["进展情况"]) == ("主体施工", "主体封顶")
    assert "各自的期末" not in result.stderr


def test_a_figure_in_a_measure_of_thousands_stays_in_it(plan_file):
    """A task measured in 千亩 (as a plan may be written by hand): 1.5千亩 is 1.5 of them, as
    the refusal of 1500亩 asks it be written, not 1500 亩 refused against 千亩."""
    write_plan(
        plan_file,
        [{"id": "1", "title": "造林", "measure": "千亩", "target": 2}],
        year=2024,
    )
    runner = CliRunner()
    recorded = runner.invoke(app, ["record", "1", "1.5千亩", "--on", "2024-05-01"])
    assert recorded.exit_code == 0, recorded.output
    edited = runner.invoke(app, ["edit", "1", "--target", "3千亩", "--on", "2024-05-02"])
    assert edited.exit_code == 0, edited.output
    item = items_of(plan_file)["1"]
    assert (item["actual"], item["target"], item["measure"]) == (1.5, 3, "千亩")


def test_import_keeps_a_thousands_measure_column_and_scales_against_a_plain_one(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "计量单位", "完成值", "二季度"],
        [1, "植树造林", "2千亩", "千亩", "1.5千亩", "1千亩"],
        [2, "新建高标准农田", "1.5千亩", "亩", 900, "600亩"],
        [3, "新建高标准农田2千亩", None, None, None, None],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["target"], items["1"]["actual"], items["1"]["measure"]) == (2, 1.5, "千亩")
    assert items["1"]["milestone"] == [{"due": "2024-Q2", "value": 1}]
    assert (items["2"]["target"], items["2"]["actual"], items["2"]["measure"]) == (1500, 900, "亩")
    assert (items["3"].get("target"), items["3"].get("measure")) == (None, None)  # a 目标值 column
