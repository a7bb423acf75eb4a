"""The rough edges two reviewers found using the tool at 80 and 60 columns, in Chinese and
English (session 29, G): each reproduced here as it was seen, and fixed where its concern lives."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO, SMALL_ITEMS, write_plan
from .test_git_merge import git, git_env  # noqa: F401 - fixtures
from .test_week_s29E import assert_within, on_a_terminal

runner = CliRunner()


# ------------------------------------------- 1. what goes straight to stderr folds too


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_pager_not_found_is_said_within_a_narrow_terminal(town_plan, monkeypatch, lang):
    monkeypatch.setenv("PAGER", "no-such-pager-s29g -R")
    result = runner.invoke(app, ["list", "--pager"], env=on_a_terminal(60, lang))
    assert result.exit_code == 0, result.output
    assert "no-such-pager-s29g" in result.stderr
    assert_within(result.stderr, 60)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_git_setups_line_of_the_setting_is_folded_within_a_narrow_terminal(
    tmp_path: Path,
    git_env: Any,  # noqa: F811
    lang: str,
) -> None:
    git(tmp_path, "init", "-q")
    plan_file = write_plan(tmp_path / "泉湖镇2023年工作计划.toml", SMALL_ITEMS)
    result = runner.invoke(app, ["-f", str(plan_file), "git-setup"], env=on_a_terminal(60, lang))
    assert result.exit_code == 0, result.output
    assert "merge.quanhu-plan.driver" in result.output
    assert "plan merge %O %A %B %P" in result.output  # (a command to copy: never broken)
    assert_within(result.output, 60)


# ------------------------------------------- 2. plan county at 60 columns: a long name folds


LONG_NAME = "衡南县泉湖镇人民政府关于二〇二三年全镇经济社会发展重点工作任务分解的实施方案"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_organisation_folds_under_its_own_column_in_countys_narrow_layout(
    tmp_path: Path, lang: str
) -> None:
    folder = tmp_path / "县"
    folder.mkdir()
    write_plan(folder / "甲镇.toml", SMALL_ITEMS, organisation=LONG_NAME)
    write_plan(folder / "乙镇.toml", SMALL_ITEMS[:3], organisation="乙镇")
    args = ["county", str(folder), "--as-of", "2023-06-30"]
    # (TERM=dumb, the tests' own, rich draws at 80 columns whatever COLUMNS says)
    result = runner.invoke(
        app, args, env={**on_a_terminal(60, lang), "TERM": "xterm", "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.output)  # (bold and dim: not cells)
    assert_within(output, 60)
    lines = output.splitlines()
    first = next(n for n, line in enumerate(lines) if re.match(r" *\d  衡南县", line))
    name_at = lines[first].index("衡南县")
    # The name's rest under its first line, not back at the table's left edge.
    rest = lines[first + 1]
    assert rest[:name_at].strip() == "", lines[first : first + 3]
    shown = lines[first][name_at:] + rest[name_at:].strip()
    assert LONG_NAME.startswith(shown) or shown.startswith(LONG_NAME[:20]), shown


# ------------------------------------------- 3. a refused edit names the item as it stands


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refused_backdated_edit_names_the_item_by_its_title_in_the_file(
    small_plan: Path, clock: Any, lang: str
) -> None:
    done = runner.invoke(app, ["edit", "1.3", "--owner", "张三"])
    assert done.exit_code == 0, done.output
    written = small_plan.read_bytes()
    refused = runner.invoke(
        app,
        [
            "--lang",
            lang,
            "edit",
            "1.3",
            "--owner",
            "李四",
            "--title",
            "新名称",
            "--on",
            "2022-12-01",
        ],
    )
    assert refused.exit_code != 0, refused.output
    assert "修机耕道" in refused.output, refused.output
    assert "新名称" not in refused.output, refused.output
    assert "Traceback" not in refused.output
    assert small_plan.read_bytes() == written


# ------------------------------------------- 4. a control character typed in an id is shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_tab_in_an_unknown_id_is_shown_escaped_in_both_languages(
    small_plan: Path, lang: str
) -> None:
    result = runner.invoke(app, ["--lang", lang, "show", "1\t.1"])
    assert result.exit_code != 0
    assert "1\\t.1" in result.output, result.output
    assert "1 .1" not in result.output and "\t" not in result.output, result.output
    assert "Traceback" not in result.output


def test_a_backslash_typed_in_an_unknown_id_is_told_apart_from_a_tab(small_plan: Path) -> None:
    typed = runner.invoke(app, ["--lang", "zh", "show", "1\\t.1"])  # a backslash and a t
    tab = runner.invoke(app, ["--lang", "zh", "show", "1\t.1"])
    assert typed.exit_code != 0 and tab.exit_code != 0
    assert "“1\\\\t.1”" in typed.output, typed.output  # (doubled, as English shows it)
    assert typed.output != tab.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_tab_in_a_word_too_many_is_shown_escaped_in_both_languages(
    small_plan: Path, lang: str
) -> None:
    result = runner.invoke(app, ["--lang", lang, "show", "1.1", "a\tb"])
    assert result.exit_code == 2
    assert "a\\tb" in result.output, result.output
    assert "a b" not in result.output and "\t" not in result.output, result.output


def test_a_full_width_space_in_an_unknown_id_stays_as_typed_in_chinese(small_plan: Path) -> None:
    result = runner.invoke(app, ["--lang", "zh", "done", "1.3\u3000--on"])
    assert result.exit_code != 0
    assert "“1.3\u3000--on”" in result.output, result.output  # (the advice names it)


# ------------------------------------------- 5. a deadline kept as words: county and JSON


def _words_town(folder: Path, words_key: str = "完成时限原文") -> Path:
    folder.mkdir(exist_ok=True)
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "河长制巡河", "key": "县-1", words_key: "长期坚持"},
        {"id": "1.2", "title": "修机耕道", "key": "县-2", "due": dt.date(2023, 3, 31)},
    ]
    return write_plan(folder / "甲镇.toml", items, organisation="甲镇")


@pytest.mark.parametrize(("lang", "columns"), [("zh", 120), ("en", 120), ("zh", 60), ("en", 60)])
def test_the_county_key_view_shows_a_deadline_kept_as_words(
    tmp_path: Path, lang: str, columns: int
) -> None:
    folder = tmp_path / "县"
    _words_town(folder)
    args = ["county", str(folder), "--key", "县-1", "--as-of", "2023-06-30"]
    env = {**on_a_terminal(columns, lang), "TERM": "xterm", "NO_COLOR": "1"}
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.output)
    assert "河长制巡河" in output
    assert "长期坚持" in output, output
    assert_within(output, columns)


@pytest.mark.parametrize("words_key", ["完成时限原文", "Deadline (as written)", "办结时限原文"])
def test_list_json_gives_a_deadline_kept_as_words_one_way(small_plan: Path, words_key) -> None:
    _words_town(small_plan.parent, words_key).replace(small_plan)
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0, result.output
    records = {record["id"]: record for record in json.loads(result.stdout)}
    assert records["1.1"]["due_words"] == "长期坚持"
    assert records["1.1"][words_key] == "长期坚持"  # (the field as in the file, kept)
    assert "due_words" not in records["1.2"]  # a day: its words, if any, explain it
    assert records["1.2"]["due"] == "2023-03-31"


# ------------------------------------------- 6. an export's deadline words: one column, and back


@pytest.mark.parametrize(
    ("lang", "words_key"), [("zh", "完成时限原文"), ("en", "Deadline (as written)")]
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_exports_deadline_words_are_in_its_deadline_column_alone_and_come_back(
    small_plan: Path, tmp_path: Path, clock: Any, lang: str, words_key: str, suffix: str
) -> None:
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "河长制巡河", words_key: "长期坚持"},
        {"id": "1.2", "title": "修机耕道", "due": dt.date(2023, 3, 31)},
    ]
    write_plan(small_plan, items, lang=lang)
    added = runner.invoke(app, ["add", "1", "常态巡查", "--due", "常态化"])
    assert added.exit_code == 0, added.output
    out, back = tmp_path / f"表{suffix}", tmp_path / "back.toml"
    exported = runner.invoke(app, ["export", "--as-of", "2023-06-30", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    rows = _table_rows(out)
    header = next(row for row in rows if "1.1" not in row and ("Due" in row or "完成时限" in row))
    assert not any("as written" in str(cell) or "原文" in str(cell) for cell in header), header
    due = header.index("Due" if lang == "en" else "完成时限")
    by_id = {str(row[0]): row for row in rows if row}
    assert by_id["1.1"][due] == "长期坚持" and by_id["1.3"][due] == "常态化"
    imported = runner.invoke(app, ["import", str(out), "--out", str(back)])
    assert imported.exit_code == 0, imported.output
    original = {i["id"]: i for i in tomllib.loads(small_plan.read_text("utf-8"))["item"]}
    again = {i["id"]: i for i in tomllib.loads(back.read_text("utf-8"))["item"]}
    assert list(again) == list(original)
    for item_id, item in original.items():
        for field in ("title", "due", words_key):
            assert again[item_id].get(field) == item.get(field), (item_id, field)
        assert not {k for k in again[item_id] if "as written" in k or "原文" in k} - {words_key}


def _table_rows(path: Path) -> list[list[Any]]:
    if path.suffix == ".csv":
        import csv

        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).worksheets[0]
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows does not remove a folder in use")
def test_a_folder_removed_meanwhile_is_said_within_a_narrow_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "60", "TTY_COMPATIBLE": "1"}
    env.pop("PLAN_FILE")
    line = " ".join([sys.executable, "-m", "quanhu_plan", "status"])
    result = subprocess.run(
        ["sh", "-c", f"mkdir gone && cd gone && rmdir ../gone && exec {line}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("plan: 当前文件夹已经不存在")
    assert_within(result.stderr, 60)


def test_what_a_gbk_output_could_not_hold_is_said_within_a_narrow_terminal(
    tmp_path: Path,
) -> None:
    plan = write_plan(tmp_path / "表情.toml", [{"id": "1", "title": "修塘👨‍👩‍👧"}])
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "60", "TTY_COMPATIBLE": "1"}
    env["PYTHONIOENCODING"] = "gbk"
    result = subprocess.run(
        [sys.executable, "-m", "quanhu_plan", "-f", str(plan), "list"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
    )
    stderr = result.stderr.decode("gbk", "replace")
    assert result.returncode == 0, stderr
    assert "PYTHONIOENCODING=utf-8" in stderr, stderr
    assert_within(stderr, 60)
