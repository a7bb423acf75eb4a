"""Session 31 (C): which files plan county takes and in what order: 乡镇 before 乡镇1 (a person
puts the bare name first), and a wildcard with no suffix (乡镇*, as cmd passes it on or a shell
expands it) takes only the files plan would open as plans, naming the others once; then the
county view with thirty towns' plans of mixed shapes at 60, 80 and 120 columns and as JSON.
Each test runs the command and checks what was printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_county_s30A import town

runner = CliRunner()


def county(*args: str) -> Any:
    return runner.invoke(app, ["county", *args, "--as-of", "2023-06-30"])


def county_json(*args: str, code: int = 0) -> dict[str, Any]:
    result = county(*args, "--json")
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- 1. the bare name first


def test_the_bare_name_is_listed_before_the_same_name_with_a_number(tmp_path: Path) -> None:
    """乡镇.toml was listed after 乡镇1.toml and 乡镇10.toml: the key compared 乡镇.toml with
    乡镇 then 1, and 乡镇 is the shorter. A person puts 乡镇 first, as Explorer does."""
    folder = tmp_path / "各镇"
    for name in ("乡镇10", "乡镇", "乡镇2", "乡镇1"):
        town(folder, f"{name}.toml", name)
    record = county_json(str(folder))
    in_order = ["乡镇", "乡镇1", "乡镇2", "乡镇10"]
    assert [Path(row["file"]).stem for row in record["rows"]] == in_order
    files = sorted(str(path) for path in folder.iterdir())  # as a shell's 乡镇*.toml
    assert [Path(row["file"]).stem for row in county_json(*files)["rows"]] == in_order


# ---------------------------------------------------------------- 2. a wildcard with no suffix


def clerks_folder(tmp_path: Path) -> Path:
    """Two towns' plans, with what lies beside them: a change's lock, a copy kept as a backup
    (a whole plan), an editor's backup and the county's spreadsheet."""
    folder = tmp_path / "各镇"
    first = town(folder, "乡镇1.toml", "第一镇")
    town(folder, "乡镇2.toml", "第二镇", done=2)
    (folder / "乡镇1.toml.lock").write_text("pid 4242 乙 2023-06-30\n", encoding="utf-8")
    (folder / "乡镇2.toml.bak").write_bytes((folder / "乡镇2.toml").read_bytes())
    (folder / "乡镇1.toml~").write_bytes(first.read_bytes())
    (folder / "乡镇汇总.xlsx").write_bytes(b"PK\x03\x04 not a plan")
    return folder


SKIPPED = {
    "乡镇1.toml.lock": "lock",
    "乡镇1.toml~": "not_toml",
    "乡镇2.toml.bak": "not_toml",
    "乡镇汇总.xlsx": "not_toml",
}


def test_a_wildcard_with_no_suffix_takes_only_the_plan_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plan county 乡镇* (cmd passes it on as typed) read the lock as a plan (a bad plan file,
    exit 1), counted the backup 乡镇2.toml.bak as a town of its own (a second 第二镇) and the
    spreadsheet as a bad plan. Only what plan reads in a folder is taken (*.toml); the others
    are named once, left aside, and the exit code is 0. A shell's expansion of 乡镇* (the
    same names in sorted order) is taken so too."""
    folder = clerks_folder(tmp_path)
    monkeypatch.chdir(folder)
    for given in (["乡镇*"], sorted(path.name for path in folder.iterdir())):
        record = county_json(*given)
        assert sorted(row["file"] for row in record["rows"]) == ["乡镇1.toml", "乡镇2.toml"]
        assert {left["file"]: left["why"] for left in record["skipped"]} == SKIPPED
        assert not record.get("errors"), record
        shown = county(*given)
        assert shown.exit_code == 0, shown.output
        said = shown.stdout
        for name in SKIPPED:
            assert said.count(name) == 1, (name, said)
        rows = [words for words in map(str.split, said.splitlines()) if len(words) == 13]
        assert [words[1] for words in rows if words[0].isdigit()] == ["第二镇", "第一镇"], said
        assert "不是计划文件（名字不以 .toml 结尾，如备份、表格）" in said, said


def test_a_file_named_alone_is_read_as_given_and_a_lock_never(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup named on its own is meant (a county office reading last month's copy), and a
    wildcard of no plan's name (*.txt, plans saved by Notepad) takes what it names; a lock
    is what plan leaves beside a plan, never a plan, however it is named."""
    folder = clerks_folder(tmp_path)
    monkeypatch.chdir(folder)
    record = county_json("乡镇2.toml.bak")
    assert [row["file"] for row in record["rows"]] == ["乡镇2.toml.bak"]
    (folder / "乡镇3.toml.txt").write_bytes((folder / "乡镇1.toml").read_bytes())
    record = county_json("*.txt")
    assert [row["file"] for row in record["rows"]] == ["乡镇3.toml.txt"]
    record = county_json("乡镇2.toml", "乡镇1.toml.lock")
    assert [row["file"] for row in record["rows"]] == ["乡镇2.toml"]
    assert record["skipped"] == [{"file": "乡镇1.toml.lock", "why": "lock"}]


# ---------------------------------------------------------------- 3. thirty towns of mixed shapes


def test_plans_that_state_no_year_say_so_where_they_are_not_begun(tmp_path: Path) -> None:
    """Every town's plan states no year (an office deleted year, start and end). Each is
    taken to be of this year, so on --as-of 2023-06-30 each was said to begin on this year's
    1 January and not be begun: no word that the plans state no year, nor how to state it, as
    the view says of one such plan beside plans of a stated year."""
    folder = tmp_path / "各镇"
    for name in ("甲镇", "乙镇"):
        path = town(folder, f"{name}.toml", name)
        text = path.read_text(encoding="utf-8")
        lines = [
            line for line in text.splitlines() if not line.startswith(("year", "start", "end"))
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    this_year = dt.date.today().year
    shown = county(str(folder))
    assert shown.exit_code == 0, shown.output
    said = shown.stdout.replace("\n ", "").replace("\n", "")
    assert f"乙镇的计划期自 {this_year}-01-01 开始" in said, said
    assert "其中乙镇、甲镇的计划没有写明年度（没有 year、start、end）" in said, said
    assert f"按今年 {this_year} 年计；如果是 2023 年度的计划，请先写明年度" in said, said
    assert f"plan -f {folder / '乙镇.toml'} header --year 2023" in said, said
    record = county_json(str(folder))
    assert (
        "plan -f" in record["not_begun_note"] and "header --year 2023" in record["not_begun_note"]
    )
    english = runner.invoke(app, ["--lang", "en", "county", str(folder), "--as-of", "2023-06-30"])
    assert "Of these, 乙镇, 甲镇 state no year" in " ".join(english.stdout.split()), english.stdout


def test_a_bad_files_advice_is_not_broken_inside_its_command_at_any_width(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thirty towns' plans, one cut off while being copied: at 80 columns (and 40, 50, 64…)
    the list of files left out folded its advice as "then run plan -f towns/town6.toml" and
    "check." on the next line, half a command to copy. At each width the command is on one
    line (a paragraph of a view keeps it whole, as plan's messages do)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "towns"
    for n in range(1, 31):
        town(folder, f"town{n}.toml", f"Town {n}", done=n % 3, total=3)
    cut = folder / "town6.toml"
    cut.write_text(cut.read_text(encoding="utf-8")[:-30], encoding="utf-8")
    command = "plan -f towns/town6.toml check"
    for width in (40, 50, 60, 64, 80, 100, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        shown = county("towns")
        assert shown.exit_code == 1, shown.output
        said = [line.strip() for line in shown.stdout.splitlines()]
        assert any(command in line for line in said), (width, shown.stdout)
        assert all(len(line) <= width for line in shown.stdout.splitlines()), width
