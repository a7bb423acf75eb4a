"""Session 22: what earlier sessions noticed and left.

Each test shows one defect, through the command a user runs: what it printed, its exit code and
what is on disk."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def _ledger(path: Path) -> tuple[list[str], list[float], list[list[str]]]:
    """The Word report's ledger: its header, its columns' widths in mm, its rows' texts."""
    import docx
    from docx.oxml.ns import qn

    table = docx.Document(BytesIO(path.read_bytes())).tables[0]
    header = [cell.text.replace("\n", "") for cell in table.rows[0].cells]
    widths = [int(col.get(qn("w:w"))) / 56.7 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    rows = [
        [cell.text for cell in row.cells] for row in table.rows[1:-1]
    ]  # (-1: the note's row, report/docx_note.py)
    return header, widths[:-1], rows  # (the hidden column, the same)


# ---------------------------------------------------------------- 1. the ledger's line breaks


CROWDED: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {
        "id": "1.1",
        "title": "筹措村级集体经济发展资金壮大村级集体经济" * 9,
        "lead": ["张三", "李大四", "王二麻子"],
        "lead_unit": "财政所",
        "owner": "李四",
        "measure": "万元",
        "target": 5,
        "actual": 3,
        "due": dt.date(2024, 6, 30),
    },
    {
        "id": "1.2",
        "title": "安全生产事故",
        "lead": "王五",
        "lead_unit": "应急办",
        "owner": "孙七",
        "status": "done",
        "done_on": dt.date(2024, 1, 20),
        "due": dt.date(2024, 12, 31),
    },
]


def test_word_ledger_header_keeps_its_slash_with_the_first_name_in_a_crowded_table(
    runner: CliRunner, plan_file: Path
) -> None:
    """A task of 200 characters beside three leads squeezed 责任单位/责任人 to the width of
    责任单位 alone: the header printed 责任单位, then "/" on a line of its own, then 责任人. The
    column is now as wide as 责任单位/ in bold, the line the header is set in."""
    from quanhu_plan.report.docx_layout import bold_width_mm

    write_plan(plan_file, CROWDED)
    result = runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"])
    assert result.exit_code == 0, result.output
    header, widths, _ = _ledger(plan_file.parent / "r.docx")
    column = header.index("责任单位/责任人")
    assert widths[column] >= bold_width_mm("责任单位/")
    figures = header.index("目标值/完成值")
    assert widths[figures] >= bold_width_mm("目标值/")


def test_word_ledger_figure_breaks_after_its_slash_not_inside_its_unit_where_it_does_not_fit(
    runner: CliRunner, plan_file: Path
) -> None:
    """In the crowded ledger 5万元/3万元 was kept on one line of a 26 mm column, measured
    without the space Word puts between a digit and a 汉字 (5 万元/3 万元): Word wrapped it
    inside the unit, 5万元/3万 over 元. Each line of a figure now fits its column as set."""
    from quanhu_plan.report.docx_layout import spaced_width_mm

    write_plan(plan_file, CROWDED)
    result = runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"])
    assert result.exit_code == 0, result.output
    header, widths, rows = _ledger(plan_file.parent / "r.docx")
    figures = header.index("目标值/完成值")
    assert rows[0][figures] in ("5万元/\n3万元", "5万元/3万元")
    for line in rows[0][figures].split("\n"):
        assert spaced_width_mm(line) <= widths[figures] + 0.1


def test_word_ledger_unit_and_owner_break_after_their_slash_not_inside_a_name(
    runner: CliRunner, plan_file: Path
) -> None:
    """In the crowded ledger 财政所/李四 ran on in its 22 mm column and Word broke it inside
    the owner's name, 财政所/李 over 四. Too wide for its column, it breaks after the slash, the
    unit on one line and the owner under it, as the header does."""
    from quanhu_plan.report.docx_layout import spaced_width_mm

    write_plan(plan_file, CROWDED)
    result = runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"])
    assert result.exit_code == 0, result.output
    header, widths, rows = _ledger(plan_file.parent / "r.docx")
    column = header.index("责任单位/责任人")
    assert spaced_width_mm("财政所/李四") > widths[column]  # (the crowded table's narrow column)
    assert rows[0][column] == "财政所/\n李四"
    assert rows[1][column] in ("应急办/孙七", "应急办/\n孙七")


def test_word_ledger_figure_stays_on_one_line_where_the_page_has_room(
    runner: CliRunner, plan_file: Path
) -> None:
    """500万元/5万元 was set on two lines in a 26 mm column while the task column beside it
    had 90 mm to spare: the figures column takes the width of its longest figure (up to 40 mm)
    and each figure reads on one line."""
    from quanhu_plan.report.docx_layout import spaced_width_mm

    items: list[dict[str, Any]] = [{"id": "1", "title": "基础设施"}]
    for n, (target, actual) in enumerate([(5, 3), (500, 5), (0.5, 30)], 1):
        items.append(
            {
                "id": f"1.{n}",
                "title": f"筹措资金{n}",
                "lead": "张三",
                "measure": "万元",
                "target": target,
                "actual": actual,
            }
        )
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"])
    assert result.exit_code == 0, result.output
    header, widths, rows = _ledger(plan_file.parent / "r.docx")
    figures = header.index("目标值/完成值")
    assert [row[figures] for row in rows] == ["5万元/3万元", "500万元/5万元", "0.5万元/30万元"]
    assert widths[figures] >= spaced_width_mm("0.5万元/30万元") - 0.1  # (in twips)


# ---------------------------------------------------------------- 2. trace entries off the clock


def test_check_points_out_a_trace_entry_dated_after_today(
    runner: CliRunner, plan_file: Path
) -> None:
    """A note written by hand for a day ahead (a year typed wrong, 2032 for 2023) passed
    `plan check` without a word, though today's views count it as done already (--as-of counts it
    from that day). It is now pointed out, by its line and entry, and the file is kept."""
    ahead = dt.date.today() + dt.timedelta(days=40)
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "progress": 50,
            "log": [
                {"on": dt.date(2023, 3, 1), "note": "清淤开工"},
                {"on": ahead, "note": "主体完工"},
            ],
        },
    ]
    write_plan(plan_file, items)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "没有发现问题" in result.output
    (line,) = [n for n, text in enumerate(before.decode().splitlines(), 1) if str(ahead) in text]
    assert f"第 {line} 行，事项 1.1，第 2 条进展记录（log），字段 on：发现 {ahead}" in result.output
    assert "晚于今天" in result.output
    assert "2023-03-01" not in result.output
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert english.exit_code == 0
    assert f"line {line}, item 1.1, log entry 2, field on: found {ahead}" in english.output
    assert "after today" in english.output
    assert plan_file.read_bytes() == before


def test_check_points_out_progress_entries_dated_years_before_the_plan(
    runner: CliRunner, plan_file: Path
) -> None:
    """On a 2024 plan, progress, start and note entries dated 2022 (a clock running behind)
    passed `plan check` without a word. They are now pointed out; an entry a month before the
    plan starts (work begun in December) and the entry that added the item are not."""

    def entry(on: dt.date, action: str, **fields: Any) -> dict[str, Any]:
        return {"at": dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC), "on": on, "by": "clerk",
                "action": action, **fields}  # fmt: skip

    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "progress": 50,
            "status": "doing",
            "log": [
                entry(dt.date(2023, 6, 1), "add"),
                entry(dt.date(2023, 12, 10), "note", note="提前勘测"),
                entry(
                    dt.date(2022, 3, 2),
                    "start",
                    before={"status": "todo"},
                    after={"status": "doing"},
                ),  # fmt: skip
                entry(dt.date(2022, 3, 3), "progress", before={}, after={"progress": 50}),
                {"on": dt.date(2022, 3, 4), "note": "清淤"},
            ],
        },
    ]
    write_plan(plan_file, items, year=2024, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    for number in (3, 4, 5):
        assert (
            f"第 {number} 条进展记录（log），字段 on：发现 2022-03-0{number - 1}" in result.output
        )
    assert "2023-12-10" not in result.output and "2023-06-01" not in result.output
    assert "早于计划开始 2024-01-01" in result.output
    assert plan_file.read_bytes() == before


# ---------------------------------------------------------------- 3. numbers every view shows as 0


@pytest.mark.parametrize(
    ("field", "written", "words"),
    [
        ("weight", "1e-300", "权重应为大于 0、小于 10 的 15 次方的数字"),
        ("target", "1e-20", "应为数字"),
        ("progress", "5e-324", "进度应为 0 到 100"),
    ],
)
def test_check_refuses_a_number_in_the_file_that_every_view_shows_as_0(
    runner: CliRunner, plan_file: Path, field: str, written: str, words: str
) -> None:
    """`plan edit 1.1 --weight 1e-300` is refused (every view would show 0), but weight =
    1e-300 written in the file passed `plan check`, and the task then weighed nothing beside
    a weight shown as 0. The file's check now refuses it as the command line does, by line,
    item and field, with what to write."""
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修塘"}])
    text = plan_file.read_text(encoding="utf-8").replace(
        'title = "修塘"', f'title = "修塘"\nmeasure = "处"\n{field} = {written}'
    )
    plan_file.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"{field} = {written}") + 1
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert f"第 {line} 行，事项 1.1，字段 {field}：发现" in result.output
    assert words in result.output and "显示出来都是 0" in result.output
    assert runner.invoke(app, ["status"]).exit_code == 1
    assert plan_file.read_text(encoding="utf-8") == text


# ---------------------------------------------------------------- 4. the county's key in any case


def test_county_key_finds_a_task_whatever_the_case_it_is_typed_in(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The county numbers its tasks XJ-01; an office typed `plan county --key xj-01` and was
    told no town has the task. A key is now compared without regard to case (as full-width
    letters already were), and `plan check` points out two items whose keys differ only in
    case, which --key would list together."""
    import json

    folder = tmp_path / "county"
    folder.mkdir()
    for name, key in (("甲镇", "XJ-01"), ("乙镇", "xj-01")):
        write_plan(
            folder / f"{name}.toml",
            [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修塘", "key": key}],
            organisation=f"{name}人民政府",
        )
    for typed in ("xj-01", "XJ-01", "Xj－０１"):
        result = runner.invoke(app, ["county", str(folder), "--key", typed, "--json"])
        assert result.exit_code == 0, result.output
        found = {Path(p["file"]).name: [i["id"] for i in p["items"]] for p in json.loads(result.stdout)["plans"]}  # fmt: skip
        assert found == {"甲镇.toml": ["1.1"], "乙镇.toml": ["1.1"]}, typed
    plan_file = tmp_path / "plan.toml"
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "key": "XJ-01"},
            {"id": "1.2", "title": "修路", "key": "xj-01"},
        ],
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "县级任务编号 xj-01 已用于事项 1.1" in result.output


# ---------------------------------------------------------------- 5. 无 under a limit


def test_import_reads_none_under_a_limit_of_0_as_0(tmp_path: Path, plan_file: Path) -> None:
    """安全生产事故 目标值 0起, 完成值 无: no accident, the limit kept. The import read 无 as a
    blank cell, and the task showed no figure (完成值 —, 0%) where the office reported 0起
    (100%). Under a limit (0起, 控制在5起以内) 无 is now 0; under a target to reach (新建3处)
    it stays blank, nothing reported."""
    import tomllib

    from .test_import import run, workbook

    rows: list[list[Any]] = [
        ["2023年工作台账"],
        ["序号", "工作任务", "目标值", "完成值"],
        [1, "安全生产事故", "0起", "无"],
        [2, "火灾事故", "控制在5起以内", "暂无"],
        [3, "新建公厕", "3处", "无"],
        [4, "交通事故", "0起", None],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]}
    assert items["1"]["actual"] == 0 and items["1"]["target"] == 0
    assert items["2"]["actual"] == 0 and items["2"]["direction"] == "down"
    assert "actual" not in items["3"] and "actual" not in items["4"]
    shown = CliRunner().invoke(app, ["show", "1", "--json"])
    assert '"completion": 1.0' in shown.stdout and '"actual": 0' in shown.stdout


# ---------------------------------------------------------------- 6. a milestone under a goal


def test_check_points_out_a_milestone_written_under_a_goal(
    runner: CliRunner, plan_file: Path
) -> None:
    """[[item.milestone]] written under a goal (1.1, with tasks under it) does nothing: pace
    and the 时间节点 a view warns of are each task's own. `plan check` said nothing; it now
    points it out, by line, and says to set it on the tasks."""
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "农村道路",
            "milestone": [{"due": "2023-06", "progress": 50}],
        },
        {"id": "1.1.1", "title": "修路", "progress": 10},
        {"id": "1.1.2", "title": "修桥"},
        {"id": "1.2", "title": "修塘", "milestone": [{"due": "2023-06", "progress": 50}]},
    ]
    write_plan(plan_file, items)
    before = plan_file.read_bytes()
    lines = before.decode().splitlines()
    line = lines.index("[[item.milestone]]") + 1
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert f"第 {line} 行，事项 1.1，字段 milestone" in result.output
    assert "plan list --part 1.1" in result.output  # (the tasks to set it on)
    assert "事项 1.2" not in result.output
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert f"line {line}, item 1.1, field milestone" in english.output
    assert plan_file.read_bytes() == before


# ---------------------------------------------------------------- 7. sibling tasks of one title


def test_report_tells_apart_two_sibling_tasks_of_one_title(
    runner: CliRunner, plan_file: Path
) -> None:
    """Two tasks under one goal both titled 预计2022年12月开工建设 (one per project, the
    project named only in a detail) were both named 抓好项目建设·预计2022年12月开工建设 in
    存在的问题 and 下一步打算: the reader could not tell which was which. Where their goals do not
    tell them apart, each is now named with its number too."""
    import json

    items = [
        {"id": "1", "title": "重点项目"},
        {"id": "1.1", "title": "抓好项目建设"},
        {"id": "1.1.1", "title": "预计2022年12月开工建设", "detail": "泉水湖项目"},
        {"id": "1.1.2", "title": "预计2022年12月开工建设", "detail": "清泉农夫项目"},
        {"id": "1.2", "title": "预计2022年12月开工建设"},
    ]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    assert "抓好项目建设·预计2022年12月开工建设（1.1.1）" in result.output
    assert "抓好项目建设·预计2022年12月开工建设（1.1.2）" in result.output
    # (its goal tells it apart; said with the others alike in 下一步打算, the line folded: s32A)
    assert "重点项目·预计2022年12月开工建设：" in "".join(result.output.split())
    english = runner.invoke(app, ["--lang", "en", "report", "--format", "json"])
    names = {row["id"]: row["name"] for row in json.loads(english.stdout)["ledger"]}
    assert names["1.1.1"] != names["1.1.2"] and "(1.1.2)" in names["1.1.2"]


# ---------------------------------------------------------------- 8. a limit exceeded, in English


def test_report_says_a_limit_exceeded_is_above_it_not_short_of_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """安全生产事故, a limit of 0 起, ticked off with 1 起: the English report said "1 起 short of
    target" (one more accident to come) and the Chinese 距目标差1起. A limit exceeded is above
    it: "1 起 above target", 高于目标1起. A fall aimed at and not reached (下降10%, 5% made) is
    still short of it."""
    items = [
        {"id": "1", "title": "安全稳定"},
        {
            "id": "1.1",
            "title": "安全生产事故",
            "measure": "起",
            "target": 0,
            "actual": 1,
            "status": "done",
            "done_on": dt.date(2023, 12, 20),
        },  # fmt: skip
        {
            "id": "1.2",
            "title": "能耗",
            "measure": "%",
            "target": -10,
            "actual": -5,
            "direction": "down",
            "status": "done",
            "done_on": dt.date(2023, 12, 20),
        },  # fmt: skip
    ]
    write_plan(plan_file, items)
    english = runner.invoke(app, ["--lang", "en", "report"])
    assert english.exit_code == 0, english.output
    assert "target 0起, 1起 above target" in english.output
    assert "1 起 short of target" not in english.output
    assert "short of target" in english.output  # (the fall of 10 %, 5 made)
    chinese = runner.invoke(app, ["report"])
    assert "目标0起，高于目标1起" in chinese.output and "距目标差1起" not in chinese.output
    assert "距目标差" in chinese.output


# ---------------------------------------------------------------- 9. log --recorded by the day written


def test_log_recorded_filters_a_change_stamped_after_a_later_entry_by_the_day_it_was_made(
    runner: CliRunner, plan_file: Path
) -> None:
    """A colleague's entry stamped 2030 (a year typed wrong) makes every change after it
    stamped a microsecond later, in 2030, with the day it was made in its on. `plan log
    --recorded --until TODAY` left out today's note, and `--recorded --since 2030-01-01` listed
    it: the filter went by the pushed stamp. It now goes by the day the change was made, as
    plan county's 未按要求报送 already does."""
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "log": [
                {
                    "at": dt.datetime(2030, 1, 1, 9, tzinfo=dt.UTC),
                    "on": dt.date(2023, 3, 1),
                    "by": "王五",
                    "action": "note",
                    "note": "清淤开工",
                },  # fmt: skip
            ],
        },
    ]
    write_plan(plan_file, items)
    assert runner.invoke(app, ["note", "1.1", "主体完工"]).exit_code == 0
    today = dt.date.today().isoformat()
    assert "on = " + today in plan_file.read_text(encoding="utf-8")
    made = runner.invoke(app, ["log", "--recorded", "--since", today, "--until", today])
    assert made.exit_code == 0, made.output
    assert "主体完工" in made.output and "清淤开工" not in made.output
    later = runner.invoke(app, ["log", "--recorded", "--since", "2030-01-01"])
    assert later.exit_code == 0, later.output
    assert "清淤开工" in later.output and "主体完工" not in later.output
