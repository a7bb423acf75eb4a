"""Session 21 attacks: text that is not plain Chinese (emoji, joiners, bidi controls,
ambiguous-width and full-width characters) and numbers at their edges (0, -0, 1e-300, 50.0,
full-width digits), typed on the command line and by hand in the file.

Each test shows one defect found, through the command a user runs: what it printed, its exit
code and what is on disk."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def _item(plan_file: Path, item_id: str) -> dict[str, Any]:
    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    return next(item for item in items if item["id"] == item_id)


FIGURES = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "actual": 20},
    {"id": "1.2", "title": "修机耕道", "progress": 50},
]


@pytest.mark.parametrize(
    "args",
    [
        ("progress", "1.2", "50.0"),
        ("progress", "1.2", "50."),
        ("progress", "1.2", "5e1"),
        ("record", "1.1", "20.0"),
        ("record", "1.1", "２０.０处"),
        ("edit", "1.1", "--target", "40.0"),
    ],
)
def test_the_same_figure_typed_with_a_decimal_point_changes_nothing(
    runner: CliRunner, plan_file: Path, args: tuple[str, ...]
) -> None:
    """`plan progress 1.2 50.0` on a task at 50% wrote a change "进度 50% → 50%" into the log
    (and `progress = 50.0` into the file) where `plan progress 1.2 50` says nothing changed:
    50 and 50.0 are one figure in every view, so undo would take back a change that shows
    none."""
    write_plan(plan_file, FIGURES)
    before = plan_file.read_bytes()
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    assert "没有修改" in result.output, result.output
    assert plan_file.read_bytes() == before


def test_a_hand_written_decimal_figure_retyped_whole_changes_nothing(
    runner: CliRunner, plan_file: Path
) -> None:
    """progress = 60.0 typed by hand in the file, then `plan progress 1.2 60`: the same 60%,
    no change "60% → 60%" in the log."""
    write_plan(plan_file, [*FIGURES[:2], {"id": "1.2", "title": "修机耕道", "progress": 60.0}])
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["progress", "1.2", "60"])
    assert result.exit_code == 1, result.output
    assert "进度已是 60%" in result.output, result.output
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ("edit", "1.2", "--weight", "1e-300"),
        ("record", "1.1", "1e-20"),
        ("edit", "1.1", "--target", "-1e-18"),
        ("edit", "1.1", "--baseline", "0.0000000000000001"),
    ],
)
def test_a_number_every_view_would_show_as_0_is_refused(
    runner: CliRunner, plan_file: Path, args: tuple[str, ...]
) -> None:
    """`plan edit 1.2 --weight 1e-300` was taken and said "权重 — → 0": a weight of 0 that
    plan check and --weight 0 refuse; a figure of 1e-20 was written and shown as 0 in show, the
    report and the workbook. A number shown with at most 15 decimals that shows as 0 is refused
    as too small, as 5e-400 (which no float holds) is."""
    write_plan(plan_file, FIGURES)
    before = plan_file.read_bytes()
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "太小" in result.output and "Traceback" not in result.output, result.output
    assert plan_file.read_bytes() == before
    english = runner.invoke(app, ["--lang", "en", *args])
    assert english.exit_code == 2 and "too small" in english.output, english.output


def test_the_smallest_figure_a_view_shows_is_still_taken(
    runner: CliRunner, plan_file: Path
) -> None:
    """1e-9 (a millionth of a thousandth) is shown as 0.000000001: taken as typed."""
    write_plan(plan_file, FIGURES)
    result = runner.invoke(app, ["record", "1.1", "1e-9"])
    assert result.exit_code == 0, result.output
    assert "0.000000001处" in result.output, result.output
    assert _item(plan_file, "1.1")["actual"] == 1e-9


def _long_plan_with_a_goal_named(title: str) -> list[dict[str, Any]]:
    """A plan long enough for the report's summary form (a paragraph per goal), its first goal
    named ``title`` with one of its two tasks done."""
    items: list[dict[str, Any]] = [
        {"id": "1", "title": "数字乡村"},
        {"id": "1.1", "title": title},
        {
            "id": "1.1.1",
            "title": "iPhone体验店建设",
            "status": "done",
            "done_on": dt.date(2023, 3, 1),
        },
        {"id": "1.1.2", "title": "便民服务点建设", "progress": 50},
    ]
    for goal in range(2, 40):
        items.append({"id": f"1.{goal}", "title": f"第{goal}项工作目标抓好基层党组织建设推进"})
        for task in range(1, 4):
            items.append(
                {
                    "id": f"1.{goal}.{task}",
                    "title": f"第{goal}.{task}项任务加强基层党组织标准化规范化建设",
                    "progress": 40,
                }
            )
    return items


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_goal_named_with_a_small_latin_letter_keeps_it_in_the_report(
    runner: CliRunner, plan_file: Path, lang: str
) -> None:
    """The summary form of the report starts each goal's paragraph with its name, and made its
    first letter a capital: e路通便民服务 became “E路通便民服务：2项任务完成1项”, eGov平台 EGov平台.
    A name is the office's own text, kept as written; only the tool's words start a sentence
    with a capital (“All 3 tasks done”)."""
    write_plan(plan_file, _long_plan_with_a_goal_named("e路通便民服务"))
    result = runner.invoke(
        app, ["--lang", lang, "report", "--as-of", "2023-06-30", "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    paragraph = next(line for line in result.output.splitlines() if "iPhone体验店建设" in line)
    assert "e路通便民服务" in paragraph and "E路通" not in paragraph, paragraph


# The same name as offices come to write it: composed and decomposed (José, Jose + U+0301), with
# a zero-width space pasted from a web page or WeChat inside it, in full-width letters.
ONE_NAME_WRITTEN_APART = [
    {"id": "1", "title": "社会事业"},
    {"id": "1.1", "title": "修塘", "owner": "张三", "lead_unit": "ABC办", "progress": 10},
    {"id": "1.2", "title": "修路", "owner": "张\u200b三", "lead_unit": "ＡＢＣ办", "progress": 20},
    {"id": "1.3", "title": "修桥", "owner": "José", "progress": 30},
    {"id": "1.4", "title": "修渠", "owner": "Jose\u0301", "progress": 40},
]


@pytest.mark.parametrize(
    ("who", "found"),
    [
        ("张三", ["1.1", "1.2"]),
        ("José", ["1.3", "1.4"]),
        ("Jose\u0301", ["1.3", "1.4"]),
        ("ABC", ["1.1", "1.2"]),
        ("ＡＢＣ办", ["1.1", "1.2"]),
    ],
)
def test_who_finds_a_name_however_its_characters_were_written(
    runner: CliRunner, plan_file: Path, who: str, found: list[str]
) -> None:
    """`plan list --who 张三` left out the task whose owner 张三 had a zero-width space pasted
    inside it (both show as 张三), `--who José` the one written decomposed, `--who ABC` the unit
    typed in full-width letters by the input method: the same name on screen, not found."""
    write_plan(plan_file, ONE_NAME_WRITTEN_APART)
    result = runner.invoke(app, ["list", "--who", who, "--flat", "--json"])
    assert result.exit_code == 0, result.output
    tasks = [row["id"] for row in json.loads(result.output) if row["kind"] == "task"]
    assert tasks == found, result.output


def test_status_by_owner_counts_one_name_written_apart_in_one_row(
    runner: CliRunner, plan_file: Path
) -> None:
    """`plan status --by owner` drew two rows 张三 (one with a zero-width space inside) and two
    rows José (composed and decomposed), each with half the tasks: rows that look the same with
    different figures. One person is one row, named as first written."""
    write_plan(plan_file, ONE_NAME_WRITTEN_APART)
    result = runner.invoke(app, ["status", "--by", "owner", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert [(row["title"], row["total"]) for row in rows] == [("张三", 2), ("José", 2)], rows


@pytest.mark.parametrize(
    ("title", "typed"),
    [
        ("修\u200b塘\u200b工程", "修塘"),  # a zero-width space pasted in with the title
        ("ＡＢＣ１２３示范区", "ABC123"),  # full-width letters and digits of the input method
        ("Cafe\u0301小镇", "Café"),  # decomposed, as a Mac or a PDF copies it
    ],
)
def test_an_item_is_found_by_its_title_however_its_characters_were_written(
    runner: CliRunner, plan_file: Path, title: str, typed: str
) -> None:
    """`plan show 修塘` answered “计划中没有编号或名称为“修塘”的事项” for a task the list shows as
    修塘工程 (a zero-width space between 修 and 塘); so did `plan done ABC123` for ＡＢＣ１２３示范区
    and Café for a title written decomposed. A fragment that matches no title as written is
    looked for as --who looks for a name."""
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": title}])
    shown = runner.invoke(app, ["show", typed])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("1.1 "), shown.output
    done = runner.invoke(app, ["done", typed, "--on", "2023-03-01"])
    assert done.exit_code == 0, done.output
    assert _item(plan_file, "1.1")["status"] == "done"


def test_a_milestone_at_the_target_but_for_a_floats_last_digit_is_not_said_beyond_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """A milestone figure of 0.30000000000000004 (0.1 + 0.2, as a spreadsheet sums it) under a
    target of 0.3: plan check said “时间节点 2023-06-30 的数值 0.3 超过目标值 0.3” — a figure
    beyond itself. It counts as the target reached, as 0.3 would, and is said nothing of."""
    task = {
        "id": "1.1",
        "title": "招商引资",
        "measure": "亿元",
        "target": 0.3,
        "milestone": [{"due": dt.date(2023, 6, 30), "value": 0.30000000000000004}],
    }
    write_plan(plan_file, [{"id": "1", "title": "经济发展"}, task])
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "超过目标值" not in result.output, result.output
    # a figure truly beyond the target is still pointed out
    task["milestone"] = [{"due": dt.date(2023, 6, 30), "value": 0.31}]
    write_plan(plan_file, [{"id": "1", "title": "经济发展"}, task])
    result = runner.invoke(app, ["check"])
    assert "数值 0.31 超过目标值 0.3" in result.output, result.output


def test_a_figure_of_minus_zero_is_zero_in_the_file_and_the_table(
    runner: CliRunner, plan_file: Path
) -> None:
    """`plan record 1.1 -0.0` wrote `actual = -0.0`, and the exported table said -0 where show
    and the report say 0; so did a target written -0.0 by hand. There is no figure -0: it is 0
    in the file and in the table."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "安全生产"},
            {"id": "1.1", "title": "较大事故", "measure": "起", "target": 0, "actual": 1},
            {"id": "1.2", "title": "一般事故", "measure": "起", "target": -0.0, "actual": 2},
        ],
    )
    result = runner.invoke(app, ["record", "1.1", "-0.0"])
    assert result.exit_code == 0, result.output
    assert "actual = 0\n" in plan_file.read_text(encoding="utf-8") or (
        "actual = 0.0\n" in plan_file.read_text(encoding="utf-8")
    ), plan_file.read_text(encoding="utf-8")
    table = runner.invoke(app, ["export"])
    assert table.exit_code == 0, table.output
    assert "-0" not in table.output.replace("2023-", ""), table.output


def test_a_figure_worded_as_a_fall_is_imported_as_one(runner: CliRunner, tmp_path: Path) -> None:
    """A 任务分解表 row 单位能耗 目标值 下降5%, 完成值 下降3%: the target was read as -5 (a fall)
    and the figure as +3, a rise: show said 完成值 3, 完成率 0%, 红灯 for a fall of 3 of the 5
    aimed at (60%). A figure (完成值, 基数) worded as a fall is the fall, -3, as its target is."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["序号", "工作任务", "计量单位", "基数", "目标值", "完成值"],
        ["1", "单位GDP能耗", "%", "下降2%", "下降5%", "下降3%"],
        ["2", "安全事故", "起", 4, "控制在3起以内", "2起"],
    ]:
        sheet.append(row)
    table = tmp_path / "分解表.xlsx"
    book.save(table)
    out = tmp_path / "imported.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(out), "--year", "2023"])
    assert result.exit_code == 0, result.output
    fall = _item(out, "1")
    assert (fall["target"], fall["actual"], fall["baseline"]) == (-5, -3, -2), fall
    assert _item(out, "2")["actual"] == 2
    shown = runner.invoke(app, ["-f", str(out), "show", "1", "--as-of", "2023-12-31"])
    assert "60%" in shown.output, shown.output


def test_a_figure_worded_as_a_fall_is_recorded_as_one(runner: CliRunner, plan_file: Path) -> None:
    """`plan record 1.1 下降3%` on a task aimed at 下降5% (target -5) was refused as “不是数字”
    with the example `plan record 5.5.1 3.3`: typed so, 3 is a rise, shown 0% and red. The fall
    is -3, as --target reads 下降5% and plan import reads a 完成值 下降3%."""
    task = {"id": "1.1", "title": "单位GDP能耗", "measure": "%", "target": -5}
    write_plan(plan_file, [{"id": "1", "title": "节能减排"}, {**task, "direction": "down"}])
    result = runner.invoke(app, ["record", "1.1", "下降3%"])
    assert result.exit_code == 0, result.output
    assert _item(plan_file, "1.1")["actual"] == -3
    assert "60%" in runner.invoke(app, ["show", "1.1"]).output
    # a fall is no progress: refused as out of range, not read as 3
    refused = runner.invoke(app, ["progress", "1.1", "下降3%"])
    assert refused.exit_code != 0 and _item(plan_file, "1.1").get("progress") is None
