"""Session 30 (A): the county view as a county office uses it: the plans listed in the order a
person sorts their files (乡镇2 before 乡镇10), ties ranked as a reader of the 通报 expects, the
通报's 四 saying once that no plan owed a report, CJK names folded without an orphan character,
and twenty to forty towns' plans as they are mailed in. Each test runs the command and checks
what was printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()


def tasks_done(done: int, total: int) -> list[dict[str, Any]]:
    """A part with ``total`` tasks due at the year's end, ``done`` of them ticked off."""
    items: list[dict[str, Any]] = [{"id": "1", "title": "重点工作"}]
    for n in range(1, total + 1):
        task: dict[str, Any] = {"id": f"1.{n}", "title": f"任务{n}", "due": dt.date(2023, 12, 31)}
        if n <= done:
            task.update(status="done", done_on=dt.date(2023, 3, 1))
        items.append(task)
    return items


def town(folder: Path, file: str, organisation: str, done: int = 1, total: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_plan(folder / file, tasks_done(done, total), organisation=organisation)


def county_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["county", *args, "--as-of", "2023-06-30", "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- 1. the order of the files


def test_a_folders_plans_are_listed_with_their_numbers_by_value(tmp_path: Path) -> None:
    """乡镇1…乡镇12 in a folder were listed 乡镇1, 乡镇10, 乡镇11, 乡镇12, 乡镇2: plans sharing a
    place (all at 50% here) are listed in file order, and a person reads 乡镇2 before 乡镇10."""
    folder = tmp_path / "各镇"
    for n in (1, 2, 3, 10, 11, 12):
        town(folder, f"乡镇{n}.toml", f"第{n}镇")
    record = county_json(str(folder))
    assert [Path(row["file"]).name for row in record["rows"]] == [
        f"乡镇{n}.toml" for n in (1, 2, 3, 10, 11, 12)
    ]
    shown = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert shown.exit_code == 0, shown.output
    rows = [line.split() for line in shown.stdout.splitlines()]
    names = [words[1] for words in rows if words and words[0].isdigit()]
    assert names == [f"第{n}镇" for n in (1, 2, 3, 10, 11, 12)], shown.stdout


def test_folders_too_and_names_with_their_numbers_in_the_middle(tmp_path: Path) -> None:
    folder = tmp_path / "各镇"
    for sub, file in (("片区2", "b9.toml"), ("片区10", "a1.toml"), ("片区2", "b10.toml")):
        town(folder / sub, file, f"{sub}{file}")
    record = county_json(str(folder))
    assert [Path(row["file"]).relative_to(folder).as_posix() for row in record["rows"]] == [
        "片区2/b9.toml",
        "片区2/b10.toml",
        "片区10/a1.toml",
    ]


def test_files_named_on_the_command_line_keep_the_order_they_were_given(tmp_path: Path) -> None:
    """An office that names the files in its own order (the county's list of towns) gets that
    order; files given in plain sorted order (what a shell's 乡镇*.toml expands to) are listed
    as a person sorts them, since no one chose t1, t10, t2."""
    folder = tmp_path / "各镇"
    files = [str(town(folder, f"t{n}.toml", f"镇{n}")) for n in (1, 2, 10)]
    chosen = [files[2], files[0], files[1]]
    assert [row["file"] for row in county_json(*chosen)["rows"]] == chosen
    globbed = sorted(files)  # t1, t10, t2
    assert [row["file"] for row in county_json(*globbed)["rows"]] == files


# ---------------------------------------------------------------- 2. ties at the top and bottom


def _ranked_county(tmp_path: Path, shares: list[tuple[int, int]]) -> tuple[dict[str, Any], str]:
    """A folder of towns 镇01, 镇02… with ``shares`` (done, total) each; its JSON record and its
    Markdown 通报."""
    folder = tmp_path / "各镇"
    for n, (done, total) in enumerate(shares, 1):
        town(folder, f"镇{n:02}.toml", f"镇{n:02}", done, total)
    record = county_json(str(folder))
    notice = runner.invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--format", "md", "--out", "-"]
    )
    assert notice.exit_code == 0, notice.output
    return record, notice.stdout


def _section(md: str, title: str) -> str:
    return md.split(f"## {title}")[1].split("\n## ")[0].strip()


def _named(record: dict[str, Any], key: str) -> list[str]:
    return [Path(file).stem for file in record[key]]


def test_forty_towns_at_the_same_completion_are_not_all_at_the_top(tmp_path: Path) -> None:
    """Every town at 50%: all forty were listed under 二、排名靠前的单位 (and none under 三).
    They share the first place; the 通报 says so once and names no one top or bottom."""
    record, md = _ranked_county(tmp_path, [(1, 2)] * 40)
    assert {row["rank"] for row in record["rows"]} == {1}
    assert record["top"] == [] and record["bottom"] == []
    assert _section(md, "二、排名靠前的单位") == (
        "40 个单位并列第1名（完成率均为 50.0%），不分靠前、靠后。"
    )
    assert record["top_note"] == "40 个单位并列第1名（完成率均为 50.0%），不分靠前、靠后。"
    assert record["bottom_note"] == "无（各单位并列，见第二部分）。"
    assert _section(md, "三、排名靠后的单位") == "无（各单位并列，见第二部分）。"
    assert "- 第1名" not in md


def test_two_towns_one_ahead_one_behind(tmp_path: Path) -> None:
    """Two towns were both 排名靠前 (places 1 and 2 are within the first three) and none
    behind: one town of two is ahead, the other behind."""
    record, md = _ranked_county(tmp_path, [(1, 4), (3, 4)])
    assert _named(record, "top") == ["镇02"] and _named(record, "bottom") == ["镇01"]
    assert record["top_note"] is None and record["bottom_note"] is None
    assert _section(md, "二、排名靠前的单位").startswith("- 第1名 镇02：完成率 75.0%，逾期 0 项")
    assert _section(md, "三、排名靠后的单位").startswith("- 第2名 镇01：完成率 25.0%")


def test_two_towns_equal_and_three_towns_equal(tmp_path: Path) -> None:
    record, md = _ranked_county(tmp_path / "two", [(1, 2), (1, 2)])
    assert record["top"] == [] and record["bottom"] == []
    assert _section(md, "二、排名靠前的单位").startswith("2 个单位并列第1名")
    record, md = _ranked_county(tmp_path / "three", [(1, 2)] * 3)
    assert record["top"] == [] and record["bottom"] == []
    assert _section(md, "二、排名靠前的单位").startswith("3 个单位并列第1名")


def test_three_towns_the_middle_one_is_neither(tmp_path: Path) -> None:
    """Three towns were all 排名靠前 (places 1 to 3): the best is ahead, the worst behind."""
    record, _ = _ranked_county(tmp_path, [(1, 4), (2, 4), (3, 4)])
    assert _named(record, "top") == ["镇03"] and _named(record, "bottom") == ["镇01"]


def test_two_groups_of_equal_towns_are_ahead_and_behind(tmp_path: Path) -> None:
    record, md = _ranked_county(tmp_path / "four", [(3, 4), (1, 4), (3, 4), (1, 4)])
    assert _named(record, "top") == ["镇01", "镇03"]
    assert _named(record, "bottom") == ["镇02", "镇04"]
    assert _section(md, "二、排名靠前的单位").count("- 第1名") == 2
    assert _section(md, "三、排名靠后的单位").count("- 第3名") == 2
    record, _ = _ranked_county(tmp_path / "forty", [(3, 4), (1, 4)] * 20)
    assert len(record["top"]) == 20 and len(record["bottom"]) == 20
    assert not set(record["top"]) & set(record["bottom"])


def test_a_tie_group_too_large_to_name_is_said_not_listed(tmp_path: Path) -> None:
    """Thirty-nine towns done, one at half: the 39 are not 'the top three' but the one is
    the last; a tie at the third place that would make the top more than half the towns is
    left in the middle (90, 80, 70, 70, 70, 60: top 90 and 80, bottom 60)."""
    record, md = _ranked_county(tmp_path / "many", [(2, 2)] * 39 + [(1, 2)])
    assert record["top"] == [] and _named(record, "bottom") == ["镇40"]
    assert _section(md, "二、排名靠前的单位") == (
        "39 个单位并列第1名（完成率均为 100.0%），超过参加排名单位的一半，不逐一列出。"
    )
    record, _ = _ranked_county(
        tmp_path / "six", [(9, 10), (8, 10), (7, 10), (7, 10), (7, 10), (6, 10)]
    )
    assert _named(record, "top") == ["镇01", "镇02"] and _named(record, "bottom") == ["镇06"]


def test_in_english_too(tmp_path: Path) -> None:
    folder = tmp_path / "towns"
    for n in range(1, 4):
        town(folder, f"t{n}.toml", f"Town {n}")
    result = runner.invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--lang", "en", "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    assert _section(result.stdout, "2. Ranked highest") == (
        "All 3 plans share the first place (each at 50.0% completion): no top or bottom."
    )
    assert _section(result.stdout, "3. Ranked lowest") == "None (all share one place: see 2)."


# ---------------------------------------------------------------- 3. 四 when no plan owes a report


def test_section_four_says_once_that_no_plan_owed_a_report(tmp_path: Path) -> None:
    """The notice of last year's plans written in March: 四 said 没有计划需要报送 and then 无。"""
    import docx
    import openpyxl

    folder = tmp_path / "各镇"
    town(folder, "甲.toml", "甲镇", 1, 2)
    town(folder, "乙.toml", "乙镇", 2, 2)
    args = ["county", str(folder), "--as-of", "2024-03-10"]
    md = runner.invoke(app, [*args, "--format", "md"])
    assert md.exit_code == 0, md.output
    said = (
        "报送要求：每月25日前填报（默认）。截至2024年3月10日，各计划的计划期均已结束，"
        "没有计划需要报送。"
    )
    assert _section(md.stdout, "四、未按要求报送的单位") == said
    out = tmp_path / "通报.docx"
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    four = texts.index("四、未按要求报送的单位")
    assert texts[four + 1] == said and texts[four + 2] != "无。"
    book = tmp_path / "通报.xlsx"
    assert runner.invoke(app, [*args, "--out", str(book)]).exit_code == 0
    column = [row[0] for row in openpyxl.load_workbook(book).active.iter_rows(values_only=True)]
    four = column.index("四、未按要求报送的单位")
    assert column[four + 1] == said
    assert column.count(said) == 1


def test_section_four_still_says_none_when_every_town_reported(tmp_path: Path, clock) -> None:
    folder = tmp_path / "各镇"
    plan = town(folder, "甲.toml", "甲镇", 1, 2)
    # A note written on 20 June: reported for the deadline of 25 June.
    clock.now = dt.datetime(2023, 6, 20, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    note = runner.invoke(app, ["-f", str(plan), "note", "1.2", "推进中"])
    assert note.exit_code == 0, note.output
    md = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "--format", "md"])
    four = _section(md.stdout, "四、未按要求报送的单位")
    assert four.startswith("报送要求：每月25日前填报（默认）") and four.endswith("\n\n无。"), four


# ---------------------------------------------------------------- 4. names folded


LONG_NAME = "湖南省衡阳市衡南县泉湖镇社会事务综合服务中心党政综合办公府"  # 28 characters


def _table_lines(output: str) -> list[str]:
    """The lines of the table: up to the first blank line (the rules follow it)."""
    lines = output.splitlines()
    return lines[: next((n for n, line in enumerate(lines) if not line.strip()), len(lines))]


def _lone_characters(lines: list[str]) -> list[str]:
    import re

    return [
        line
        for line in lines
        if any(re.fullmatch(r"[\u4e00-\u9fff]", part) for part in re.split(r" {2,}", line.strip()))
    ]


def test_no_name_leaves_one_character_alone_on_a_line(tmp_path: Path, monkeypatch) -> None:
    """In the English view a name folded to 湖南省衡阳市 / 府 / office at 70 columns, and
    …党政综合办公 / 府 in the stacked view at 60: a line is never one character alone where the
    column could take two."""
    folder = tmp_path / "towns"
    names = [
        LONG_NAME,
        "湖南省衡阳市府 office",
        "Quanhu 湖南省衡阳市衡南县泉湖镇社会事务综合服务中心党政府",
    ]
    names += [f"Town {n}" for n in range(1, 10)]
    for n, name in enumerate(names):
        town(folder, f"t{n}.toml", name, n % 4, 4)
    for width in (60, 64, 70, 80):
        monkeypatch.setenv("COLUMNS", str(width))
        for lang in ("en", "zh"):
            result = runner.invoke(
                app, ["--lang", lang, "county", str(folder), "--as-of", "2023-06-30"]
            )
            assert result.exit_code == 0, result.output
            lines = _table_lines(result.stdout)
            assert not _lone_characters(lines), (width, lang, result.stdout)


def test_the_stacked_view_sets_every_plan_under_its_name_alike(tmp_path: Path, monkeypatch) -> None:
    """At 60 columns with ten plans or more, a plan placed 1 had its name's second line and its
    figures one cell further right than a plan placed 10 (the space that sets 1 under 10 was
    kept on each of its lines)."""
    folder = tmp_path / "towns"
    for n in range(12):
        town(folder, f"t{n:02}.toml", f"{LONG_NAME}{n:02}", n, 12)
    monkeypatch.setenv("COLUMNS", "60")
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    lines = _table_lines(result.stdout)
    first = lines.index(next(line for line in lines if line.startswith("  1  ")))
    tenth = lines.index(next(line for line in lines if line.startswith(" 10  ")))
    for at in (first, tenth):
        name_rest = lines[at + 1]
        assert name_rest[:5] == "     " and name_rest[5] != " ", result.stdout
        assert lines[at + 2].startswith("   完成/任务"), result.stdout


# ---------------------------------------------------------------- 5. what a county sends


def test_a_name_over_two_lines_is_hung_under_its_first_in_the_stacked_view(
    tmp_path: Path, monkeypatch
) -> None:
    """A name with a line break typed into it: its second line started at the cell's edge,
    under the place, in the stacked view at 60 columns."""
    folder = tmp_path / "各镇"
    town(folder, "a.toml", "[red]红镇[/red]\x1b[2J\n第二行", 1, 2)
    town(folder, "b.toml", "乙镇", 2, 2)
    monkeypatch.setenv("COLUMNS", "60")
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    lines = _table_lines(result.stdout)
    at = lines.index(" 2  [red]红镇[/red]\\x1b[2J")
    assert lines[at + 1] == "    第二行", result.stdout
    assert "\x1b" not in result.stdout


def test_an_english_file_after_a_shared_name_starts_at_the_names_edge(
    tmp_path: Path, monkeypatch
) -> None:
    """Two files of one town, in English, at 80 columns: the file told on the line under the
    name stood one cell further in ( (t31.toml))."""
    folder = tmp_path / "towns"
    for n in range(12):
        town(folder, f"t{n}.toml", f"Town {n} of the Hill District", n % 3, 3)
    town(folder, "t31.toml", "Town 1 of the Hill District", 0, 3)
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["--lang", "en", "county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    lines = _table_lines(result.stdout)
    files = [n for n, line in enumerate(lines) if "(t1.toml)" in line or "(t31.toml)" in line]
    assert len(files) == 2, result.stdout
    for n in files:  # under "District", the name's last word
        assert lines[n - 1].strip() == "District", result.stdout
        assert lines[n].index("(") == lines[n - 1].index("D"), result.stdout


def test_a_dangling_link_or_a_pipe_in_the_folder_is_named_with_advice_for_the_county(
    tmp_path: Path,
) -> None:
    """A link to a plan on a share not mounted, in the county's folder: it was said to be no
    plan file, with "use --file or PLAN_FILE", options plan county has no use for. The other
    plans are counted, and the exit code is 1."""
    import os

    folder = tmp_path / "各镇"
    town(folder, "甲.toml", "甲镇", 1, 2)
    os.symlink(tmp_path / "共享盘" / "乙.toml", folder / "乙.toml")
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 1, result.output
    assert "甲镇" in result.stdout
    said = " ".join(line.strip() for line in result.stdout.splitlines())
    assert "乙.toml是一个指向不存在文件的符号链接，不是计划文件，未计入" in said.replace(" ", "")
    assert "--file" not in result.stdout and "PLAN_FILE" not in result.stdout
    record = county_json(str(folder))
    [error] = record["errors"]
    assert "--file" not in error["message"] and "remove or move it" not in error["message"]
    english = runner.invoke(
        app, ["--lang", "en", "county", str(folder), "--as-of", "2023-06-30", "--json"]
    )
    [error] = json.loads(english.stdout)["errors"]
    assert error["message"].endswith("else remove or move it."), error


def test_a_plan_that_states_no_year_is_not_called_a_plan_of_this_year(tmp_path: Path) -> None:
    """A town's plan whose header lost its year line, in the 2023 notice written later: it was
    left out as "a plan of 2026" (the year plan takes a plan without one to be of). It is
    still not counted in 2023's, but the notice says it states no year and how to state it;
    once stated, it is counted."""
    folder = tmp_path / "各镇"
    town(folder, "甲.toml", "甲镇", 1, 2)
    town(folder, "乙.toml", "乙镇", 2, 2)
    plain = folder / "丙.toml"
    plain.write_text(
        '[plan]\ntitle = "丙镇工作计划"\norganisation = "丙镇"\n\n[[item]]\nid = "1"\n'
        'title = "修路"\n',
        encoding="utf-8",
    )
    this_year = dt.date.today().year
    record = county_json(str(folder))
    assert record["plans"] == 2 and record["year"] == 2023
    [left] = record["skipped"]
    advice = f"plan -f {plain} header --year 2023"
    assert left["message"] == (
        f"{plain}：计划中没有写明年度（没有 year、start、end），按今年 {this_year} 年计；"
        f"本次汇总的是 2023 年度的计划，未计入。如果它是 2023 年度的计划，请先写明年度：{advice}。"
    )
    fixed = runner.invoke(app, advice.split()[1:])
    assert fixed.exit_code == 0, fixed.output
    record = county_json(str(folder))
    assert record["plans"] == 3 and record["skipped"] == []


def test_a_towns_name_never_takes_four_lines_of_two_characters(tmp_path: Path, monkeypatch):
    """At 66 columns in Chinese and 70 in English the name column was squeezed to six cells:
    衡南县 / 花桥镇 / 人民 / 政府. It keeps four characters (人民政府 on a line), or the table is
    stacked with each name whole on its own line."""
    folder = tmp_path / "各镇"
    for n, place in enumerate(("泉湖", "云集", "花桥", "茶市", "三塘")):
        town(folder, f"t{n}.toml", f"衡南县{place}镇人民政府", n % 3, 3)
    for lang, width in (("zh", 66), ("zh", 70), ("en", 70), ("en", 66)):
        monkeypatch.setenv("COLUMNS", str(width))
        result = runner.invoke(
            app, ["--lang", lang, "county", str(folder), "--as-of", "2023-06-30"]
        )
        assert result.exit_code == 0, result.output
        lines = _table_lines(result.stdout)
        assert not any(line.strip() in ("人民", "政府") for line in lines), (lang, width, lines)
        assert any("人民政府" in line for line in lines), (lang, width, lines)


def test_a_bad_files_message_folds_under_its_text_not_under_the_dash(
    tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "各镇"
    town(folder, "甲.toml", "甲镇", 1, 2)
    (folder / "丙.toml").write_text(
        '[plan]\ntitle = "丙镇"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "修路\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)  # (the file named short, 各镇/丙.toml)
    result = runner.invoke(app, ["county", "各镇", "--as-of", "2023-06-30"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("  - ") and "丙.toml" in line)
    rest = lines[first + 1 :]
    assert len(rest) >= 2, result.stdout
    for line in rest:
        assert line.startswith("    ") and line[4] != " ", result.stdout
