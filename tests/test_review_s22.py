"""Session 22 review: this session's changes attacked with inputs their authors did not try.

Each test shows one defect, through the command a user runs: what it printed, its exit code and
what is on disk."""

from __future__ import annotations

import datetime as dt
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


def _imported(runner: CliRunner, folder: Path, name: str, rows: str) -> tuple[Any, list[Any]]:
    """``rows`` (a CSV's text) imported from ``folder/name.csv`` into ``name.toml``: the run,
    and the items it wrote."""
    sheet, out = folder / f"{name}.csv", folder / f"{name}.toml"
    sheet.write_text(rows, encoding="utf-8")
    result = runner.invoke(app, ["import", str(sheet), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result, tomllib.loads(out.read_text("utf-8"))["item"]


# ------------------------------------------------- 1. plan check on an entry dated ahead


def test_check_on_an_entry_dated_ahead_says_what_the_views_do_with_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan progress --on a day ahead (allowed, with a notice) is counted by today's views,
    which say 现状（记录至 …）. plan check said of that entry that 今天的各项视图里没有它 (no
    view of today counts it): untrue, so an office looking for the missing figure was misled.
    It now says that today's views count it, and --as-of a day before it does not."""
    ahead = dt.date.today() + dt.timedelta(days=10)
    year = ahead.year
    items = [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修塘"}]
    write_plan(
        plan_file,
        items,
        title=f"测试镇{year}年工作计划",
        year=year,
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
    )
    recorded = runner.invoke(app, ["progress", "1.1", "60", "--on", ahead.isoformat()])
    assert recorded.exit_code == 0, recorded.output
    shown = runner.invoke(app, ["show", "1.1"])
    assert shown.exit_code == 0, shown.output
    assert "60%" in shown.output  # today's view counts the entry dated ahead
    # (session 23: check speaks of such an entry typed by hand, no time it was recorded at;
    # the command's own is warned of once, as it is written)
    plan_file.write_text(
        "".join(
            line
            for line in plan_file.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("at = ")
        ),
        encoding="utf-8",
    )
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert f"发现 {ahead}" in result.output
    assert "今天的各项视图里没有它" not in result.output
    assert "今天的视图已把它算在现状里" in result.output
    assert f"按 --as-of 查看 {ahead} 之前的日子时不计入" in result.output
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert english.exit_code == 0, english.output
    assert "no view of today counts it" not in english.output
    assert "today's views count it" in english.output
    assert plan_file.read_bytes() == before


# ------------------------------------- 2. import: a column named 1-6月完成 that holds words


def test_import_keeps_a_1_to_6_month_column_of_words_as_it_did(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A 台账's 1-6月完成 column is now read as the figure reached (完成值) by its header's
    ending. Where it holds words (已完成主体工程), the whole import was refused (应为数字), where
    before the change the column was kept as written. A column named so only by its ending
    is now read as a figure when its cells are figures, and kept as written otherwise."""
    result, imported = _imported(
        runner,
        tmp_path,
        "台账",
        "序号,工作任务,责任单位,目标值,1-6月完成,完成时限\n"
        "1,新建村级活动场所,党建办,3处,已完成主体工程,2023年12月\n"
        "2,改造农村公厕,农业办,5座,2座,2023年12月\n",
    )
    assert "无法读取" not in result.output
    assert "1-6月完成" in result.output  # the column kept as written is named
    items = {item["id"]: item for item in imported}
    assert items["1"]["1-6月完成"] == "已完成主体工程"
    assert items["2"]["1-6月完成"] == "2座"
    assert "actual" not in items["1"] and "actual" not in items["2"]
    # A column of figures alone is still read as the figure reached.
    _, (item,) = _imported(
        runner,
        tmp_path,
        "figures",
        "序号,工作任务,责任单位,目标值,1-6月完成,完成时限\n1,改造农村公厕,农业办,5座,2座,2023年12月\n",
    )
    assert item["actual"] == 2


# ------------------------- 3. plan check on a plan imported with a column of words kept


def test_check_does_not_advise_a_figure_field_for_words_kept_under_a_column_name(
    runner: CliRunner, plan_file: Path
) -> None:
    """A plan imported before this session kept its 1-6月完成 column of words as a field
    ("1-6月完成" = "已完成主体工程"). Since the header's ending names the figure reached,
    plan check said of it 是不是要写 actual？: words cannot be a figure, and an office that
    renamed the field as told got a file refused (actual must be a number). Words kept under a
    column's name are no slip for a figure field; a figure kept so still is."""
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "新建村级活动场所", "1-6月完成": "已完成主体工程"},
        {"id": "1.2", "title": "改造农村公厕", "measure": "座", "target": 5, "1-6月完成": 2},
    ]
    write_plan(plan_file, items)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "已完成主体工程" not in result.output
    assert "事项 1.2，字段 1-6月完成" in result.output
    assert "是不是要写 actual" in result.output
    assert plan_file.read_bytes() == before


# ------------------------------- 4. a command to copy, folded on a narrow terminal


def test_a_command_to_copy_is_never_broken_over_lines_when_folded(
    runner: CliRunner, tmp_path: Path
) -> None:
    """On a terminal, this session folds what the commands say at its width. The dry run's
    notice 核实后用 plan -f "…/with spaces/r.toml" done 1 2 销号 was broken inside the command,
    even inside its quoted path ("…/with" over "spaces/r.toml"): copied, the line break went
    with it, and the shell ran half a command or took a path with a line break in it. A
    command to copy is now kept on one line (a line of its own where it is wider than the
    terminal, which wraps it without a break to copy); the words around it still fold."""
    from quanhu_plan.shell_words import quote

    sheet = tmp_path / "r.csv"
    sheet.write_text(
        "序号,工作任务,责任单位,目标值,完成值,完成时限\n"
        "1,新建村级活动场所,党建办,3处,3处,2023年12月\n"
        "2,改造农村公厕,农业办,5座,5座,2023年12月\n",
        encoding="utf-8",
    )
    folder = tmp_path / "镇 工作" / "with spaces"
    folder.mkdir(parents=True)
    out = folder / "r.toml"
    command = f"plan -f {quote(str(out))} done 1 2"
    for lang in ("zh", "en"):
        args = ["--lang", lang, "import", str(sheet), "--dry-run", "-o", str(out)]
        piped = runner.invoke(app, args, env={"COLUMNS": "50"})
        shown = runner.invoke(app, args, env={"COLUMNS": "50", "TTY_COMPATIBLE": "1"})
        assert piped.exit_code == shown.exit_code == 0, shown.output
        assert command in piped.output  # piped: as it is, a line a message
        lines = [line.strip() for line in shown.output.splitlines()]
        assert any(command in line for line in lines), shown.output
        assert len(shown.output.splitlines()) > len(piped.output.splitlines())  # folded
        said = "试运行" if lang == "zh" else "Dry run"  # (the tree above is fitted apart)
        folded = "".join(shown.output[shown.output.index(said) :].split())
        assert folded == "".join(piped.output[piped.output.index(said) :].split())  # all said
    assert not out.exists()


# ---------------------------------- 5. import: 具体任务 beside 具体措施, the task and its measure


def test_import_names_a_task_by_its_juti_renwu_not_by_the_measure_beside_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """This session reads a 清单's 具体任务 column as the task's title, ranked after 具体措施.
    In a sheet with both (具体任务 | 具体措施: the task, and how it is done), the measure
    became the title and the task its detail: 泉湖's list showed 落实“三会一课” and the like
    where the task 抓好基层党建 was meant. The task's column is now the title."""
    _, (item,) = _imported(
        runner,
        tmp_path,
        "清单",
        "序号,具体任务,具体措施,责任单位,完成时限\n1,抓好基层党建,落实“三会一课”制度,党建办,2023年12月\n",
    )
    assert item["title"] == "抓好基层党建"
    assert item["detail"] == "落实“三会一课”制度"
    listed = runner.invoke(app, ["-f", str(tmp_path / "清单.toml"), "list"])
    assert "抓好基层党建" in listed.output


# ------------------------- 6. a read-only plan in a folder with a space: chmod to copy


def test_a_read_only_plan_in_a_folder_with_a_space_says_a_chmod_that_can_be_pasted(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A read-only plan in 镇 计划 2023/ was refused with 运行 chmod u+w /…/镇 计划
    2023/plan.toml: the path unquoted, so the command pasted changed three other paths, and on
    a narrow terminal (where this session folds errors) broken over lines besides. The path is
    now quoted as a shell reads it, and the command kept on one line."""
    from quanhu_plan.shell_words import quote

    from .conftest import SMALL_ITEMS

    folder = tmp_path / "镇 计划 2023"
    folder.mkdir()
    path = write_plan(folder / "plan.toml", SMALL_ITEMS)
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        piped = runner.invoke(app, ["-f", str(path), "done", "1.3"])
        shown = runner.invoke(
            app, ["-f", str(path), "done", "1.3"], env={"COLUMNS": "50", "TTY_COMPATIBLE": "1"}
        )
        english = runner.invoke(app, ["--lang", "en", "-f", str(path), "done", "1.3"])
    finally:
        path.chmod(0o644)
    assert piped.exit_code == shown.exit_code == english.exit_code == 1, piped.output
    assert "Traceback" not in piped.output
    command = f"chmod u+w {quote(str(path))}"
    assert command in piped.output
    assert f"chmod g+w {quote(str(path))}" in piped.output
    assert command in english.output
    assert any(command in line for line in shown.output.splitlines()), shown.output
    assert path.read_bytes() == before


# ----------------- 7. import: a blank title read as a merge, said, so a forgotten one is seen


def test_import_says_which_blank_titles_it_read_as_merged_over_their_rows(
    runner: CliRunner, tmp_path: Path
) -> None:
    """This session reads a blank 工作任务 beside a 具体措施 as the title above merged down over
    it (a workbook unmerged, or saved as CSV). A row whose title was only forgotten (序号 2, its
    own task) was then silently filed as a second task under the row above, where it had been
    refused before (这一行有内容，但没有任务名称): the office's task 2 became 1.2 and task 3
    became 2, without a word. The import still reads it so, and now says which rows it read so
    and how to put right a title left out."""
    result, imported = _imported(
        runner,
        tmp_path,
        "g",
        "序号,工作任务,具体措施,责任单位,完成时限\n"
        "1,抓好基层党建,提升村级规范化建设,党建办,2023年12月\n"
        "2,,开展党员冬训,党建办,2023年12月\n"
        "3,,发展壮大村集体经济,党建办,2023年12月\n"
        "4,发展产业,建设油菜基地,农业办,2023年12月\n",
    )
    sheet, out = tmp_path / "g.csv", tmp_path / "g.toml"
    items = {item["id"]: item["title"] for item in imported}
    assert items["1.2"] == "开展党员冬训" and items["1.3"] == "发展壮大村集体经济"
    said = " ".join(result.stderr.split())
    assert "第 3、4 行的“工作任务”空着" in said, said
    assert "第 2 行“抓好基层党建”" in said
    assert "如果是漏填了名称" in said
    english = runner.invoke(app, ["--lang", "en", "import", str(sheet), "-o", str(out), "--force"])
    assert english.exit_code == 0, english.output
    assert "Rows 3 and 4 with no '工作任务' are read as tasks under row 2" in " ".join(
        english.stderr.split()
    ), english.stderr


# ------------------------------------- 8. plan check: what is worth a look, in file order


def test_check_lists_what_is_worth_a_look_in_the_order_of_the_file(
    runner: CliRunner, plan_file: Path
) -> None:
    """The trace entry warnings this session added are said before the item's own fields:
    plan check listed 第 21 行, 第 22 行, then 第 15 行 (progress = 0.8 above them), so an
    office going down the file with the list went back up. They are listed by line."""
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "progress": 0.8,
            "log": [{"on": dt.date(2023, 3, 1), "notes": "开工", "action": "完成"}],
        },
    ]
    write_plan(plan_file, items)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    import re

    lines = [int(n) for n in re.findall(r"第 (\d+) 行", result.output)]
    assert len(lines) == 3, result.output
    assert lines == sorted(lines), result.output
    assert plan_file.read_bytes() == before
