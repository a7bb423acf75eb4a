"""An office's week with the tool (session 29, E): every command, in Chinese and English, at 80
and 60 columns, with hostile text in every field a user writes. What a terminal shows must
stay within its width (folded as the other messages are), and a pager that fails must not
swallow the view without a word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.conftest import REPO_PLAN

runner = CliRunner()

HOSTILE = "[x][bold]粗[/]\"q'#\\n\t\x1b[31m红\x07铃\u202e反\u200d连\u3000全👨\u200d👩\u200d👧\r回"


def cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def on_a_terminal(columns: int, lang: str = "zh") -> dict[str, str]:
    return {"COLUMNS": str(columns), "TTY_COMPATIBLE": "1", "PLAN_LANG": lang}


def assert_within(output: str, columns: int) -> None:
    """Every line within ``columns``, but a command to copy wider than them on a line of its
    own (``paragraphs.unbroken``: a pasted line break would run half of it)."""
    wide = [
        line
        for line in output.splitlines()
        if cells(line) > columns and not line.lstrip().startswith("plan -f ")
    ]
    assert not wide, wide


def conflicted(folder: Path) -> Path:
    """The town's plan merged from two copies that gave 1.1.1 different owners and titles and
    the plan different titles, all hostile: three open conflicts, in ``folder/合并.toml``."""
    folder.mkdir()
    base, ours, theirs = (folder / f"{name}.toml" for name in ("base", "ours", "theirs"))
    for path in (base, ours, theirs):
        shutil.copyfile(REPO_PLAN, path)
    for path, who in ((ours, "甲"), (theirs, "乙")):
        for args in (
            ["edit", "1.1.1", "--owner", who + HOSTILE, "--title", "[x]" + who + HOSTILE],
            ["header", "--title", "[x]" + who + HOSTILE],
        ):
            done = runner.invoke(app, ["-f", str(path), *args])
            assert done.exit_code == 0, done.output
    merged = runner.invoke(app, ["merge", str(base), str(ours), str(theirs)])
    assert merged.exit_code == 0, merged.output
    return ours.rename(folder / "合并.toml")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [80, 60])
def test_check_folds_each_conflict_at_the_terminal_width_with_the_file_named(columns, lang):
    plan = conflicted(Path("合并"))  # (in tmp_path: a path that fits in a line)
    result = runner.invoke(app, ["-f", str(plan), "check"], env=on_a_terminal(columns, lang))
    assert result.exit_code == 1, result.output
    # The advice names the file (-f …) and the lines still fit: the file went in before the
    # fold, not after it pushed each line past the edge.
    assert f"plan -f {plan} resolve 1.1.1 owner" in result.output
    assert_within(result.output, columns)
    assert "[x]甲" in result.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_folds_an_items_conflicts_at_the_terminal_width(lang):
    plan = conflicted(Path("合并"))
    result = runner.invoke(app, ["-f", str(plan), "show", "1.1.1"], env=on_a_terminal(80, lang))
    assert result.exit_code == 0, result.output
    assert ("合并冲突：" if lang == "zh" else "Merge conflict: ") in result.output
    assert result.output.count("合并冲突：" if lang == "zh" else "Merge conflict: ") == 2
    assert_within(result.output, 80)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_log_says_it_was_cut_within_a_narrow_terminal(town_plan, lang):
    for n in range(4):
        noted = runner.invoke(app, ["note", "1.1.1", f"进展{n}", "--on", "2023-05-01"])
        assert noted.exit_code == 0, noted.output
    result = runner.invoke(app, ["log", "-n", "3"], env=on_a_terminal(60, lang))
    assert result.exit_code == 0, result.output
    assert "--limit N" in result.stderr
    assert_within(result.stderr, 60)


def test_init_says_where_it_wrote_within_a_narrow_terminal():
    out = Path("新的计划.toml")
    result = runner.invoke(app, ["init", str(out)], env=on_a_terminal(60))
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert "PLAN_FILE" in result.output
    assert_within(result.output, 60)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_as_of_before_the_plan_is_noted_within_a_narrow_terminal(town_plan, lang):
    result = runner.invoke(app, ["status", "--as-of", "2022-01-01"], env=on_a_terminal(60, lang))
    assert result.exit_code == 0, result.output
    assert "--as-of 2023-01-01" in result.stderr
    assert_within(result.stderr, 60)


# (a pager that fails having read the view; one that reads none of it, false or exit 3 at
# once, leaves the view printed without it: test_attack_s41D)
@pytest.mark.parametrize(
    "pager", ["sh -c 'cat >/dev/null; false'", "sh -c 'cat >/dev/null; exit 3'"]
)
@pytest.mark.parametrize("args", [["log", "--pager"], ["show", "1.1.1", "--pager"]])
def test_a_pager_that_fails_is_said_with_an_exit_of_1_not_a_silent_nothing(town_plan, args, pager):
    noted = runner.invoke(app, ["note", "1.1.1", "[x] 进展", "--on", "2023-05-01"])
    assert noted.exit_code == 0, noted.output
    env = {**on_a_terminal(80), "PAGER": pager, "MANPAGER": ""}
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 1, result.output
    said = result.stderr
    assert said.startswith("错误：") and pager in said and "--pager" in said, said
    assert "\n\n" not in said.strip()  # one paragraph
    assert "Traceback" not in result.output


def test_a_pager_that_shows_the_view_and_ends_well_is_quiet(town_plan, tmp_path):
    noted = runner.invoke(app, ["note", "1.1.1", "[x] 进展", "--on", "2023-05-01"])
    assert noted.exit_code == 0, noted.output
    paged = tmp_path / "paged.txt"
    env = {**on_a_terminal(80), "PAGER": f"cat > {paged}", "MANPAGER": ""}
    result = runner.invoke(app, ["log", "--pager"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "[x] 进展" in paged.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_value_cut_inside_an_emoji_leaves_no_stray_joiner_shown(town_plan, lang):
    from quanhu_plan.texts import SHOWN_VALUE_LIMIT

    family = "👨\u200d👩\u200d👧"  # one picture; the cut falls after its second joiner
    owner = "张" * (SHOWN_VALUE_LIMIT - 5) + family + "回"
    edited = runner.invoke(app, ["--lang", lang, "edit", "1.1.1", "--owner", owner])
    assert edited.exit_code == 0, edited.output
    assert "👨\u200d👩…" in edited.output
    assert "\\u200d" not in edited.output  # (a joiner there is text, not an escape to show)
    logged = runner.invoke(app, ["--lang", lang, "log"], env={"COLUMNS": "80"})
    assert "\\u200d" not in logged.output


def test_resolve_of_a_field_not_in_conflict_names_the_fields_in_chinese_in_a_chinese_plan():
    plan = conflicted(Path("合并"))
    before = plan.read_bytes()
    result = runner.invoke(app, ["-f", str(plan), "resolve", "1.1.1", "lead", "--ours"])
    assert result.exit_code == 1, result.output
    assert "的 责任领导（lead） 没有冲突；有冲突的字段是：事项（title）、责任人（owner）。" in (
        result.output
    )
    header = runner.invoke(app, ["-f", str(plan), "resolve", "[plan]", "year", "--ours"])
    assert header.exit_code == 1, header.output
    assert "有冲突的字段是：计划名称（title）。" in header.output
    english = runner.invoke(
        app, ["-f", str(plan), "--lang", "en", "resolve", "1.1.1", "lead", "--ours"]
    )
    assert "the fields in conflict are: title, owner." in english.output
    assert plan.read_bytes() == before
