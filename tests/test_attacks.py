"""Hostile plan files and arguments, as an outsider would try them: every command answers in a
moment with a message naming the file, the line and the item, exits non-zero and leaves the
file exactly as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def orphans(count: int) -> str:
    """``count`` tasks under a part "9" that is not in the file (deleted by hand)."""
    return "".join(f'\n[[item]]\nid = "9.{n}"\ntitle = "任务{n}"\n' for n in range(1, count + 1))


def test_a_file_with_thousands_of_problems_is_refused_in_a_moment(plan_file: Path):
    # Each problem's line was looked for among all the file's tables: a part deleted by hand
    # above 8,000 tasks took 84 s to refuse, twice over (status read the file twice).
    write_plan(plan_file, SMALL_ITEMS)
    with plan_file.open("a", encoding="utf-8") as out:
        out.write(orphans(6000))
    before = plan_file.read_bytes()
    began = time.process_time()  # the machine's load aside
    result = invoke("status")
    took = time.process_time() - began
    assert result.exit_code == 1
    assert "事项 9.1，字段 parent：发现 '9'；上级事项 9 不存在" in result.output
    assert took < 5, took
    assert plan_file.read_bytes() == before


def test_a_command_lists_thirty_problems_and_leaves_the_rest_to_plan_check(plan_file: Path):
    # 6,000 lines of the same problem on every command buried the one line that says what to
    # do; plan check, asked for them, lists them all.
    write_plan(plan_file, SMALL_ITEMS)
    with plan_file.open("a", encoding="utf-8") as out:
        out.write(orphans(60))
    result = invoke("status")
    assert result.exit_code == 1
    listed = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert len(listed) == 31
    assert "事项 9.30，" in listed[29] and "9.31，" not in result.stderr
    assert listed[30] == "  - ……另有 30 个问题未列出，plan check 会列出全部。"
    assert result.stderr.endswith("请按上面的说明改正后，用 plan check 检查。\n")
    english = invoke("--lang", "en", "done", "1.1")
    assert "  - … and 30 more, all listed by plan check." in english.stderr
    checked = invoke("check")
    assert checked.exit_code == 1
    assert "事项 9.60，字段 parent" in checked.stdout + checked.stderr


def test_a_broken_file_is_read_once_by_a_command(plan_file: Path, monkeypatch):
    # Choosing the language of the message read the file, failed, and the command then read
    # and checked it again for the same error: a 10 MB broken file took twice as long.
    from quanhu_plan.store import plan_text

    plan_file.write_text('[plan]\ntitle = "镇计划\n', encoding="utf-8")
    parsed = []
    real = plan_text._read_toml  # (every parse of a text goes through it)
    monkeypatch.setattr(plan_text, "_read_toml", lambda *a: parsed.append(1) or real(*a))
    result = invoke("status")
    assert result.exit_code == 1
    assert "第 2 行" in result.output and "不是有效的 TOML" in result.output
    assert len(parsed) == 1


def test_a_long_file_broken_near_its_top_is_refused_at_once(plan_file: Path):
    # Every line of a file TOML refused was matched against git's conflict markers before the
    # message: 1.6 s of a 10 MB file's 2.5 s, for a mistake on its second line.
    text = '[plan]\ntitle = "镇计划\n' + "# 进展情况\n" * 1_500_000
    plan_file.write_text(text, encoding="utf-8")
    began = time.process_time()
    result = invoke("check")
    took = time.process_time() - began
    assert result.exit_code == 1
    assert "第 2 行第 13 列（[plan] 表中）不是有效的 TOML" in result.output
    assert took < 0.6, took


@pytest.mark.parametrize(
    "written, shown",
    [
        ("1.2 ", "'1.2 '"),  # looks like 1.2: `plan done "1.2 "` finds 1.2
        ("\u30001.2", "'\\u30001.2'"),
        ("1.2\n", "'1.2\\n'"),  # breaks every list it is shown in
        ("1.2\u200b", "'1.2\\u200b'"),  # a zero-width space: looks exactly like 1.2
    ],
    ids=["trailing-space", "ideographic-space", "line-break", "zero-width"],
)
def test_an_id_that_looks_like_another_is_refused_by_check(plan_file: Path, written, shown):
    items = [{"id": "1", "title": "部分"}, {"id": "1.2", "title": "修塘"}]
    write_plan(plan_file, [*items, {"id": written, "title": "修路", "parent": "1"}])
    before = plan_file.read_bytes()
    result = invoke("check")
    assert result.exit_code == 1
    assert f"第 18 行，事项 {shown}，字段 id：发现 {shown}；" in result.output
    assert '写成 id = "1.2"' in result.output
    result = invoke("done", "1.2")
    assert result.exit_code == 1 and "不是有效的计划文件" in result.output
    assert plan_file.read_bytes() == before


def test_items_written_as_one_table_are_named_at_their_line(plan_file: Path):
    # [item] instead of [[item]]: the message pointed at line 1, the [plan] table.
    plan_file.write_text(
        '[plan]\ntitle = "镇计划"\nyear = 2023\n\n[item]\nid = "1"\ntitle = "修路"\n',
        encoding="utf-8",
    )
    before = plan_file.read_bytes()
    result = invoke("status")
    assert result.exit_code == 1
    assert "第 5 行，文件顶层，字段 item：" in result.output
    assert "[plan]" not in result.output
    assert plan_file.read_bytes() == before


def test_a_bad_sub_table_of_plan_is_named_at_its_own_line(plan_file: Path):
    # A problem in [plan.warning] was placed at line 1, the [plan] header.
    plan_file.write_text(
        '[plan]\ntitle = "镇计划"\nyear = 2023\n\n[plan.warning]\nyellow = nan\n\n'
        '[[item]]\nid = "1"\ntitle = "修路"\n',
        encoding="utf-8",
    )
    result = invoke("check")
    assert result.exit_code == 1
    assert "第 5 行，[plan]，字段 warning：" in result.output


def test_a_bad_milestone_is_named_at_its_own_line(plan_file: Path):
    plan_file.write_text(
        '[plan]\ntitle = "镇计划"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "修路"\n\n'
        '[[item.milestone]]\ndue = "2023-Q2"\nprogress = 150\n',
        encoding="utf-8",
    )
    result = invoke("check")
    assert result.exit_code == 1
    assert "第 9 行，事项 1，字段 milestone：" in result.output


def test_init_with_f_writes_the_file_named(tmp_path: Path, monkeypatch):
    # plan -f 乡镇计划.toml init (or init -f …) wrote plan.toml in the current folder, and
    # the next plan -f 乡镇计划.toml status found no file.
    monkeypatch.delenv("PLAN_FILE")
    result = invoke("-f", "乡镇计划.toml", "init")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "乡镇计划.toml").is_file() and not (tmp_path / "plan.toml").exists()
    assert "已写入 乡镇计划.toml" in result.output
    assert invoke("-f", "乡镇计划.toml", "status").exit_code == 0
    result = invoke("init", "-f", "镇2.toml")
    assert result.exit_code == 0 and (tmp_path / "镇2.toml").is_file()
    assert not (tmp_path / "plan.toml").exists()
