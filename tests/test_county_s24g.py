"""Session 24 (G): the county office's view, leftovers and a 督查室's run over twelve towns.
Each test shows what the office met, through the command it ran: what was printed, the exit
code and what is on disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, towns_with_a_july_year, write_plan

BROKEN = '[plan]\ntitle = "丙镇2023年工作计划"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "修路\n'

ON_TIME = [
    item for item in SMALL_ITEMS if item["id"] not in ("1.3", "2.2")
]  # nothing overdue, nothing blocked


def _quiet_towns(folder: Path, broken: bool = False) -> Path:
    """Two towns with no task overdue and none blocked (and a broken third, if asked)."""
    folder.mkdir()
    write_plan(folder / "甲镇.toml", ON_TIME, organisation="甲镇人民政府")
    write_plan(folder / "乙镇.toml", ON_TIME, organisation="乙镇人民政府")
    if broken:
        (folder / "丙镇.toml").write_text(BROKEN, encoding="utf-8")
    return folder


def test_no_task_of_the_status_asked_says_so_instead_of_an_empty_table(tmp_path: Path) -> None:
    """`plan county 各镇 --status 受阻` where no town had a blocked task printed the table's
    title and header with no row under them, then every town under 没有这类任务的单位: the
    office read it as a table that had failed to fill. It now says in one line that none of
    the towns has such a task, as plan list says 没有符合条件的事项。, and exits 0 as it does."""
    folder = _quiet_towns(tmp_path / "各镇")
    runner = CliRunner()
    for option, value, kinds in (
        ("--status", "受阻", "受阻"),
        ("--pace", "逾期", "逾期"),
        ("--pace", "overdue", "逾期"),
    ):
        result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", option, value])
        assert result.exit_code == 0, result.output
        assert "编号" not in result.stdout and "────" not in result.stdout, result.stdout
        assert result.stdout.strip() == (
            f"截至 2023-06-30，2 个单位（乙镇人民政府、甲镇人民政府）都没有{kinds}的任务。"
        ), result.stdout
        assert result.stderr == ""
    key = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "--key", "县-9"])
    assert key.exit_code == 0, key.output
    assert "────" not in key.stdout
    assert key.stdout.strip() == (
        "截至 2023-06-30，2 个单位（乙镇人民政府、甲镇人民政府）的计划中都没有县级任务 县-9。"
    ), key.stdout
    both = runner.invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--key", "县-9", "-s", "受阻"]
    )
    assert both.exit_code == 0, both.output
    assert "都没有受阻的县级任务 县-9。" in both.stdout, both.stdout


def test_no_task_of_the_status_asked_in_english_and_with_a_bad_file(tmp_path: Path) -> None:
    folder = _quiet_towns(tmp_path / "各镇", broken=True)
    runner = CliRunner()
    result = runner.invoke(
        app, ["--lang", "en", "county", str(folder), "--as-of", "2023-06-30", "--status", "blocked"]
    )
    assert result.exit_code == 1, result.output  # the broken file is still named
    assert "────" not in result.stdout, result.stdout
    assert (
        "As of 2023-06-30, none of the 2 plans (乙镇人民政府, 甲镇人民政府) has a blocked task."
        in " ".join(result.stdout.split())
    ), result.stdout
    assert "丙镇.toml" in result.stdout
    record = json.loads(
        runner.invoke(
            app, ["county", str(folder), "--as-of", "2023-06-30", "-s", "受阻", "--json"]
        ).stdout
    )
    assert [plan["items"] for plan in record["plans"]] == [[], []]


LONG_NAMES = (
    "某某县某某镇人民政府",
    "衡南县花桥镇人民政府办公室",
    "乙镇人民政府",
    "衡南县泉湖镇人民政府",
)


def test_a_long_town_name_never_folds_to_a_lone_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the widths the office's terminals have, 某某县某某镇人民政府 folded 9 + 1 in the
    name column (某某县某某镇人民政 / 府), and 衡南县花桥镇人民政府办公室 as …办公 / 室: the name
    now folds with two characters or more on its last line (…人民 / 政府), in the ranking and
    in the tasks listed across the towns."""
    folder = tmp_path / "各镇"
    folder.mkdir()
    for name in LONG_NAMES:
        write_plan(folder / f"{name}.toml", SMALL_ITEMS, organisation=name)
    runner = CliRunner()
    folds = 0
    for width in (66, 70, 73, 76, 80, 90, 100):
        monkeypatch.setenv("COLUMNS", str(width))
        for pick in ([], ["--status", "受阻"]):
            result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", *pick])
            assert result.exit_code == 0, result.output
            lines = result.stdout.splitlines()
            table = lines[: lines.index("")] if "" in lines else lines
            under = [line.strip() for line in table[3:] if line.startswith("       ")]
            folds += len(under)
            lone = [line for line in under if len(line.split()[0]) == 1]
            assert not lone, f"at {width} columns: {lone}\n{result.stdout}"
    assert folds > 10  # the names did fold, at many widths


# ---------------------------------------------------------------- the 推进情况表 read back


def _tree(plan_file: Path) -> dict[str, tuple[str, str]]:
    """Every item's id: its title and the id of the item it is under ('' at the top)."""
    listed = CliRunner().invoke(app, ["-f", str(plan_file), "list", "--json"])
    assert listed.exit_code == 0, listed.output
    return {item["id"]: (item["title"], item["parent"]) for item in json.loads(listed.stdout)}


def _insert_unnumbered(table: Path, before: str, title: str) -> None:
    """A row inserted in the table above the row numbered ``before``, its title typed in, its
    序号 left empty and its title not indented (a row typed in, or pasted from elsewhere)."""
    if table.suffix == ".csv":
        lines = table.read_bytes().decode("utf-8-sig").split("\r\n")
        at = next(n for n, line in enumerate(lines) if line.startswith(f"{before},"))
        lines.insert(at, f",{title}" + "," * (lines[at].count(",") - 1))
        table.write_bytes(("\ufeff" + "\r\n".join(lines)).encode("utf-8"))
        return
    import openpyxl

    book = openpyxl.load_workbook(table)
    sheet = book.active
    at = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == before)
    sheet.insert_rows(at)
    sheet.cell(at, 2).value = title
    book.save(table)


def reimported_with_rows_inserted(
    tmp_path: Path, suffix: str, *titles: str
) -> tuple[Path, Path, Any]:
    """The 2023 plan exported as a 推进情况表 (``suffix``), rows of ``titles`` inserted above 2.3
    without a 序号, in order, and imported again: (the plan, the plan imported, the import's
    result), the import having succeeded."""
    import shutil

    from .conftest import REPO_PLAN

    plan = tmp_path / "plan.toml"
    shutil.copyfile(REPO_PLAN, plan)
    runner = CliRunner()
    table, back = tmp_path / f"推进情况表{suffix}", tmp_path / "back.toml"
    assert runner.invoke(app, ["-f", str(plan), "export", "--out", str(table)]).exit_code == 0
    for title in titles:
        _insert_unnumbered(table, "2.3", title)
    result = runner.invoke(app, ["import", str(table), "--out", str(back)])
    assert result.exit_code == 0, result.output
    return plan, back, result


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_row_inserted_without_a_number_does_not_take_the_numbered_rows_under_it(
    tmp_path: Path, suffix: str
) -> None:
    """The office exported the 推进情况表, inserted a row above 2.3 for a new task, typed its
    title and left its 序号 for later. plan import made the new row a part of its own (6) and
    put 2.3 试点建设一批村办集体企业 under it, out of 2 培育两大产业 where its number (and the
    plan) has it. The new row now goes beside the numbered row under it, 2.3 stays under 2."""
    plan, back, result = reimported_with_rows_inserted(tmp_path, suffix, "发展电商")
    assert "导入 35 个事项（25 项任务）" in result.stdout, result.stdout
    assert "编为 2.4" in result.stderr, result.stderr
    before, after = _tree(plan), _tree(back)
    assert after.pop("2.4") == ("发展电商", "2")
    assert after == before  # every other item where it was, with its id and title


# ---------------------------------------------------------------- a county of twelve towns


def test_a_plan_whose_year_has_not_begun_is_not_ranked_among_the_worst(tmp_path: Path) -> None:
    """三塘镇 keeps a July–June plan (2023-07-01 to 2024-06-30). The 督查室's June notice, as
    of 2023-06-30, ranked it last and named it under 三、排名靠后的单位 with the towns half way
    through their year, for the figures of a plan that begins the next day. A plan whose
    period has not begun at the day is now not ranked, and a note says why."""
    folder = towns_with_a_july_year(tmp_path / "各镇")
    write_plan(folder / "乙镇.toml", ON_TIME, organisation="乙镇人民政府")
    runner = CliRunner()
    june = ["county", str(folder), "--as-of", "2023-06-30"]
    record = json.loads(runner.invoke(app, [*june, "--json"]).stdout)
    ranks = {row["organisation"]: row["rank"] for row in record["rows"]}
    assert ranks == {"乙镇人民政府": 1, "甲镇人民政府": 2, "三塘镇人民政府": None}, ranks
    assert not any("三塘镇" in file for file in record["bottom"]), record["bottom"]
    said = "三塘镇人民政府的计划期自 2023-07-01 开始，截至 2023-06-30 尚未开始，不参加排名，也不计入总体情况。"
    assert record["not_begun_note"] == said
    notice = runner.invoke(app, [*june, "--format", "md"])
    assert notice.exit_code == 0, notice.output
    worst = notice.stdout.split("## 三、排名靠后的单位")[1].split("## 四")[0]
    assert "三塘镇" not in worst, notice.stdout
    # (the 通报's file writes its days as its title does: test_review_s24i)
    assert "三塘镇人民政府的计划期自2023年7月1日开始，截至2023年6月30日尚未开始" in notice.stdout
    table = runner.invoke(app, june)
    assert said in table.stdout, table.stdout
    english = runner.invoke(app, ["--lang", "en", *june])
    assert (
        "三塘镇人民政府's plan period begins on 2023-07-01: not begun as of 2023-06-30, so not ranked nor counted in the overview."
        in " ".join(english.stdout.split())
    ), english.stdout
    # In July it has begun, and is ranked.
    july = json.loads(
        runner.invoke(app, ["county", str(folder), "--as-of", "2023-07-31", "--json"]).stdout
    )
    assert all(row["rank"] is not None for row in july["rows"])
    assert july["not_begun_note"] is None


def test_in_the_stacked_view_of_ten_towns_and_more_the_names_stay_in_one_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a narrow terminal each town's figures go under its name, its place before it: with
    twelve towns, 1 to 9 set their names a column left of 10, 11 and 12 (" 9  栗江镇…" over
    " 10  鸡笼镇…"). The places are now set right, the names in one column."""
    folder = tmp_path / "各镇"
    folder.mkdir()
    for n in range(12):
        items = [dict(item) for item in SMALL_ITEMS]
        items[1]["actual"] = 20 + n  # twelve different figures: twelve places
        write_plan(folder / f"镇{n:02d}.toml", items, organisation=f"第{n + 1}镇人民政府")
    monkeypatch.setenv("COLUMNS", "60")
    result = CliRunner().invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    table = result.stdout.split("\n\n")[0]
    heads = [line for line in table.splitlines() if line.endswith("镇人民政府")]
    assert len(heads) == 12, result.stdout
    assert heads[0].startswith("  1  第12镇") and heads[-1].startswith(" 12  第1镇"), heads
    assert len({line.index("第") for line in heads}) == 1, "\n".join(heads)
