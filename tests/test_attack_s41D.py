"""Session 41D's hostile text inside valid plans, through the commands a user runs (typer's
CliRunner): an unknown field whose key holds a line break, a conflict's value over lines, the
pager, and messages that cut a text short, each checked by its output, exit code and file."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tomllib

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.cells import joined_width

from .conftest import write_plan

runner = CliRunner()


# ---------------------------------------------------------------- a key with a line break


@pytest.fixture
def key_plan(plan_file):
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "owner": "王五",
            "due": dt.date(2023, 6, 30),
            "a\nb": "x值",
            "c\x1b[31md": "红",
            "资金\r\n来源": "县级",
        },
    ]
    return write_plan(plan_file, items)


@pytest.mark.parametrize("env", [{"COLUMNS": "80"}, {"COLUMNS": "80", "TTY_COMPATIBLE": "1"}])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_field_whose_key_holds_a_line_break_shows_key_and_value(key_plan, env, lang):
    before = key_plan.read_bytes()
    result = runner.invoke(app, ["show", "1.1", "--as-of", "2023-06-30", "--lang", lang], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("a\\nb") and line.rstrip().endswith("x值") for line in lines), (
        result.output
    )
    assert any("资金\\n来源" in line and line.rstrip().endswith("县级") for line in lines), (
        result.output
    )
    assert any("c\\x1b[31md" in line and line.rstrip().endswith("红") for line in lines)
    assert "\x1b[31m" not in result.output
    assert not any(line.strip() in ("b", "来源") for line in lines), result.output
    assert max(map(joined_width, lines)) <= 80
    assert key_plan.read_bytes() == before


def test_an_unknown_field_whose_key_holds_a_line_break_stacked_on_a_narrow_line(key_plan):
    result = runner.invoke(app, ["show", "1.1", "--as-of", "2023-06-30"], env={"COLUMNS": "20"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("a\\nb")
    assert lines[at + 1].strip() == "x值", result.output


def test_an_unknown_field_whose_key_holds_a_line_break_is_kept_as_is_in_json(key_plan):
    result = runner.invoke(app, ["show", "1.1", "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["a\nb"] == "x值" and record["资金\r\n来源"] == "县级"
    assert record["c\x1b[31md"] == "红"
    assert "\x1b" not in result.output  # (written as \u001b, read back as ESC)


# ---------------------------------------------------------------- a conflict's value over lines


@pytest.fixture
def conflict_plan(plan_file):
    ours = "第一行\n第二行\r\n第三行\x1b[2J"
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "due": dt.date(2023, 6, 30),
            "detail": ours,
            "conflict": [
                {
                    "field": "detail",
                    "ours": ours,
                    "theirs": "另一行\n又一行",
                    "ours_by": "王五",
                    "ours_at": dt.datetime(2023, 6, 1, 10, 0),
                    "theirs_by": "李四",
                    "theirs_at": dt.datetime(2023, 6, 2, 11, 0),
                }
            ],
        },
    ]
    return write_plan(plan_file, items)


@pytest.mark.parametrize("env", [{"COLUMNS": "80"}, {"COLUMNS": "80", "TTY_COMPATIBLE": "1"}])
def test_a_conflict_whose_values_are_over_lines_is_shown_over_lines(conflict_plan, env):
    before = conflict_plan.read_bytes()
    result = runner.invoke(app, ["show", "1.1", "--as-of", "2023-06-30"], env=env)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    at = lines.index("暂用（--ours）（王五 2023-06-01 10:00 修改）：")
    assert lines[at + 1 : at + 4] == ["第一行", "第二行", "第三行\\x1b[2J"], result.output
    assert lines[at + 4] == "另一个值（--theirs）（李四 2023-06-02 11:00 修改）："
    assert lines[at + 5 : at + 7] == ["另一行", "又一行"], result.output
    assert "第一行 第二行" not in result.output and "另一行 又一行" not in result.output
    assert "\x1b[2J" not in result.output
    assert max(map(joined_width, result.output.splitlines())) <= 80
    assert conflict_plan.read_bytes() == before


def test_a_conflict_over_lines_in_english_names_each_side_above_its_lines(conflict_plan):
    result = runner.invoke(app, ["show", "1.1", "--lang", "en"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    at = lines.index("In use for now (--ours) (set by 王五 2023-06-01 10:00):")
    assert lines[at + 1] == "第一行" and lines[at + 4].startswith("The other (--theirs)")
    assert "Settle it: plan resolve 1.1 detail --ours|--theirs|VALUE" in lines


def test_a_conflict_over_lines_settled_then_shown_no_more(conflict_plan):
    result = runner.invoke(app, ["resolve", "1.1", "detail", "--theirs"])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["show", "1.1"], env={"COLUMNS": "80"})
    assert shown.exit_code == 0 and "合并冲突：1.1" not in shown.output, shown.output
    with open(conflict_plan, "rb") as file:
        item = tomllib.load(file)["item"][1]
    assert item["detail"] == "另一行\n又一行" and "conflict" not in item


# ---------------------------------------------------------------- the pager


def _terminal(**more: str) -> dict[str, str]:
    return {"COLUMNS": "80", "TTY_COMPATIBLE": "1", "MANPAGER": "", **more}


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell and pipe")


@posix_only
@pytest.mark.parametrize("pager", ["false", "true", "sh -c 'exit 3'", "exit 0", "'unbalanced"])
@pytest.mark.parametrize("args", [["show", "1.1"], ["list"], ["status"], ["log"]])
def test_a_pager_that_reads_none_of_the_view_leaves_it_printed_and_says_so(key_plan, pager, args):
    noted = runner.invoke(app, ["note", "1.1", "[x] 进展", "--on", "2023-05-01"])
    assert noted.exit_code == 0, noted.output
    result = runner.invoke(app, [*args, "--pager"], env=_terminal(PAGER=pager))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert ("修塘" if args[0] != "status" else "基础设施") in result.stdout, result.stdout
    said = result.stderr.strip().splitlines()  # (one note, folded at the terminal's width)
    assert said and "shown without it" in " ".join(said), result.stderr
    assert max(map(joined_width, said)) <= 80 and "Traceback" not in result.stderr


@posix_only
@pytest.mark.parametrize("pager", ["cat > {paged}", "exec cat > {paged}", "exec   cat >{paged}"])
def test_a_pager_that_reads_the_view_takes_it_quietly(key_plan, tmp_path, pager):
    paged = tmp_path / "paged.txt"
    env = _terminal(PAGER=pager.format(paged=paged))
    result = runner.invoke(app, ["show", "1.1", "--pager"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and "x值" not in result.stdout
    assert "a\\nb" in paged.read_text(encoding="utf-8")


@posix_only
@pytest.mark.parametrize("pager", ["", "   ", "\t"])
def test_an_empty_pager_prints_the_view_as_without_one(key_plan, pager):
    result = runner.invoke(app, ["show", "1.1", "--pager"], env=_terminal(PAGER=pager))
    assert result.exit_code == 0, result.output
    assert "x值" in result.stdout and result.stderr == ""


@posix_only
def test_a_pager_that_is_not_there_leaves_the_view_printed(key_plan):
    env = _terminal(PAGER="exec no-such-pager-s41d -R")
    result = runner.invoke(app, ["show", "1.1", "--pager"], env=env)
    assert result.exit_code == 0, result.output
    assert "x值" in result.stdout and "no-such-pager-s41d" in result.stderr


@posix_only
def test_a_long_view_to_a_pager_that_ends_at_once_is_not_lost(plan_file):
    """More than a pipe holds (64 KiB): the writing does not wait on a pager gone."""
    items = [{"id": "1", "title": "基础设施"}]
    items += [{"id": f"1.{n}", "title": f"修塘{n}" + "长" * 60} for n in range(1, 800)]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["list", "--pager"], env=_terminal(PAGER="true"))
    assert result.exit_code == 0, result.output
    assert "修塘799" in result.stdout and "ended before reading" in result.stderr


@posix_only
@pytest.mark.parametrize(
    ("less", "coloured"),
    [
        (None, True),
        ("-S", False),
        ("-SR", True),
        ("FRX", True),
        ("-F -X", False),
        ("--RAW-CONTROL-CHARS", True),
        ("-r", True),
        ("-Pfoo R", False),
    ],
)
@pytest.mark.parametrize("named", ["less", "exec less", ""])
def test_less_gets_colour_codes_only_where_it_shows_them_as_colour(
    key_plan, tmp_path, monkeypatch, less, coloured, named
):
    """LESS set by the user without R: less would show each colour code as ESC[1m. The view
    goes to it without colour, the user's LESS as it was; LESS unset is git's FRX."""
    from .test_hostile_text import run_on_a_terminal

    told = tmp_path / "told.txt"
    program = tmp_path / "less"
    # (pydoc, where PAGER is unset, tries ``less`` on the terminal first: that try ends at once)
    program.write_text(
        f'#!/bin/sh\n[ -t 0 ] && exit 0\necho "LESS=$LESS" > {told}\ncat >> {told}\n'
    )
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setenv("PLAN_FILE", str(key_plan))
    if named:
        monkeypatch.setenv("PAGER", named)
    else:
        monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.delenv("MANPAGER", raising=False)
    if less is None:
        monkeypatch.delenv("LESS", raising=False)
    else:
        monkeypatch.setenv("LESS", less)
    code, shown = run_on_a_terminal(["show", "1.1", "--pager"])
    assert code == 0, shown
    text = told.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"LESS={less or 'FRX'}", text
    assert ("\x1b[" in text) is coloured, text
    assert "x值" in text


@posix_only
def test_less_told_r_on_its_own_line_gets_the_colours(key_plan, tmp_path, monkeypatch):
    from .test_hostile_text import run_on_a_terminal

    told = tmp_path / "told.txt"
    program = tmp_path / "less"
    program.write_text(f"#!/bin/sh\ncat > {told}\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setenv("PLAN_FILE", str(key_plan))
    monkeypatch.setenv("PAGER", "less -R")
    monkeypatch.setenv("LESS", "-S")
    code, shown = run_on_a_terminal(["show", "1.1", "--pager"])
    assert code == 0, shown
    assert "\x1b[" in told.read_text(encoding="utf-8")


# ---------------------------------------------------------------- a text cut short with …

# What reads as one character but is written with two or more: a flag (two regional indicator
# letters), a letter and its combining accent, a 汉字 and its variation selector (an IVS), a
# heart and its emoji selector, a thumb and its skin tone. A message that cuts a text short
# cuts before such a character, never inside it.
GRAPHEMES = ["🇨🇳", "e\u0301", "葛\U000e0100", "❤\ufe0f", "👍🏽"]


def _cut_right(output: str, prefix: str, grapheme: str) -> None:
    assert prefix + "…" in output, output
    assert prefix + grapheme[0] + "…" not in output, output


@pytest.mark.parametrize("grapheme", GRAPHEMES)
def test_an_id_used_twice_names_the_first_title_cut_before_a_character(plan_file, grapheme):
    prefix = "甲" * 28  # (the title is cut to 29 characters)
    plan_file.write_text(
        '[plan]\ntitle = "测试"\nyear = 2023\n\n'
        f'[[item]]\nid = "1"\ntitle = "{prefix}{grapheme * 3}"\n\n'
        '[[item]]\nid = "1"\ntitle = "乙"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check"], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    _cut_right(result.output, prefix, grapheme)


@pytest.mark.parametrize("grapheme", GRAPHEMES)
def test_a_wrong_value_quoted_is_cut_before_a_character(plan_file, grapheme):
    prefix = "甲" * 59  # (a value is quoted to 60 characters)
    plan_file.write_text(
        '[plan]\ntitle = "测试"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "基础"\n\n'
        f'[[item]]\nid = "1.1"\ntitle = "修塘"\nprogress = "{prefix}{grapheme * 3}"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check"], env={"COLUMNS": "300"})
    assert result.exit_code == 1, result.output
    assert f"'{prefix}'…" in result.output, result.output


@pytest.mark.parametrize("grapheme", GRAPHEMES)
def test_a_line_of_prose_in_the_file_is_quoted_cut_before_a_character(plan_file, grapheme):
    prefix = "这是一行说明文字" + "甲" * 20  # (a line of prose is quoted to 29 characters)
    plan_file.write_text(
        f'[plan]\ntitle = "测试"\nyear = 2023\n\n{prefix}{grapheme * 3}\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["check"], env={"COLUMNS": "300"})
    assert result.exit_code == 1, result.output
    _cut_right(result.output, prefix, grapheme)


def test_a_title_cut_for_shell_completion_keeps_its_flags_whole(plan_file):
    prefix = "甲" * 19  # (38 columns: a regional indicator letter takes one, … the 40th)
    write_plan(plan_file, [{"id": "1", "title": "基础"}, {"id": "1.1", "title": prefix + FLAG5}])
    result = runner.invoke(
        app,
        [],
        prog_name="plan",
        env={
            "_PLAN_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "plan show 1.",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        },
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"1.1\t{prefix}…"], result.output


FLAG5 = "🇨🇳" * 5


@pytest.mark.parametrize("grapheme", GRAPHEMES)
def test_a_long_organisation_in_the_word_reports_properties_is_cut_before_a_character(
    plan_file, tmp_path, grapheme
):
    import docx

    prefix = "甲" * 253  # (a document property holds 255 characters: 254 and …)
    write_plan(
        plan_file,
        [{"id": "1", "title": "基础"}, {"id": "1.1", "title": "修塘"}],
        organisation=prefix + grapheme * 3,
    )
    out = tmp_path / "总结.docx"
    result = runner.invoke(app, ["report", "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).core_properties.author == prefix + "…"


# ---------------------------------------------------------------- the sweep: keys and values


@pytest.fixture
def odd_keys_plan(plan_file):
    plan_file.write_text(
        '[plan]\ntitle = "测试"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "基础"\n\n'
        '[[item]]\nid = "1.1"\ntitle = "修塘"\n"owner\\n" = "王五"\n"" = "空键"\n'
        '"a\\nb" = { site = "x\\ny", n = 1 }\n',
        encoding="utf-8",
    )
    return plan_file


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_check_names_a_key_with_a_line_break_on_its_one_line(odd_keys_plan, lang):
    result = runner.invoke(app, ["check", "--lang", lang], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "owner\\n" in line]
    assert said and "王五" in said[0], result.output
    assert not any(line.startswith(("：", ": ", " is not")) for line in result.output.splitlines())


def test_an_empty_key_and_a_table_value_over_lines_show_as_toml_writes_them(odd_keys_plan):
    result = runner.invoke(app, ["show", "1.1"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith('""') and line.endswith("空键") for line in lines), result.output
    assert any(
        line.startswith("a\\nb") and line.endswith('{ site = "x\\ny", n = 1 }') for line in lines
    ), result.output
