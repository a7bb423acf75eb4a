"""Attacks on the command line itself: bad arguments and options of every kind, in a Chinese and
an English plan, the help at narrow widths, and shell completion over a hostile plan. Each test
here failed before its fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_completion import bash, shell


def test_completion_of_recorders_and_measures_shows_no_control_sequence(
    runner: CliRunner, plan_file: Path
) -> None:
    """A `by` in the trace and a measure are plan text like a name: a shell's menu of
    candidates prints them raw, so ESC, BEL or a line break in one must not reach it (a `by`
    with a line break was two candidates, neither of them the name)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {
                "id": "1.1",
                "title": "修塘",
                "measure": "\x1b]0;evil\x07处",
                "target": 40,
                "log": [
                    {"at": dt.datetime(2023, 3, 1, 10), "by": "\x1b[2J王五", "action": "note"},
                    {"at": dt.datetime(2023, 3, 2, 10), "by": "李\n四", "action": "note"},
                    {"at": dt.datetime(2023, 3, 3, 10), "by": "张三", "action": "note"},
                ],
            },
        ],
    )
    for line in ("plan done 1.1 --by ", "plan add 1 新任务 --measure "):
        for output in (
            "\n".join(bash(runner, line)),
            shell(runner, "zsh", line),
            shell(runner, "fish", line, _TYPER_COMPLETE_FISH_ACTION="get-args"),
            shell(runner, "powershell", line),
        ):
            assert "\x1b" not in output and "\x07" not in output, output
            assert "李\n四" not in output, output
    assert "张三" in bash(runner, "plan done 1.1 --by ")


def test_an_option_after_the_double_dash_is_named_an_extra_word_not_an_unknown_option(
    runner: CliRunner, small_plan: Path
) -> None:
    """After `--` every word is an argument: `--on` there is one word too many for progress,
    not an option the command lacks ("has no option --on. Did you mean --note or --on?")."""
    before = small_plan.read_bytes()
    for lang, extra in (("zh", "多出了“--on 2023-05-01”"), ("en", "('--on 2023-05-01')")):
        result = runner.invoke(
            app, ["--lang", lang, "progress", "--", "1.3", "50", "--on", "2023-05-01"]
        )
        assert result.exit_code == 2
        assert extra in result.output, result.output
        assert "没有 --on" not in result.output and "no option --on" not in result.output
    assert small_plan.read_bytes() == before


def _cjk(text: str) -> list[str]:
    return [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"]


def test_bad_weights_in_county_toml_are_said_in_the_runs_language_alone(
    runner: CliRunner, small_plan: Path
) -> None:
    """county.toml's [county.weights] wrong: the Chinese error was an English sentence with
    Chinese glosses (“'foo' is not a weight (不是可用的权重名称): use completion (完成率)…”), and
    the English one carried the glosses."""
    settings = small_plan.parent / "county.toml"
    for weights, zh_words in (
        ("foo = 1", "不是可用的权重名称"),
        ("completion = -1", "不小于 0"),
        ("completion = 0", "不能全为 0"),
    ):
        settings.write_text(f"[county.weights]\n{weights}\n", encoding="utf-8")
        zh = runner.invoke(app, ["county"])
        assert zh.exit_code == 1
        assert zh_words in zh.output, zh.output
        assert "is not" not in zh.output and "must" not in zh.output, zh.output
        assert "every" not in zh.output, zh.output
        en = runner.invoke(app, ["--lang", "en", "county"])
        assert en.exit_code == 1
        assert _cjk(en.output) == [], en.output
    settings.write_text("[county.weights]\nfoo = 1\n", encoding="utf-8")
    # The Chinese says which weights there are, as the English does.
    zh = runner.invoke(app, ["county"])
    assert "completion（完成率）" in zh.output and "overdue（逾期）" in zh.output, zh.output


def test_bad_weights_option_says_which_weights_there_are_and_shows_the_option(
    runner: CliRunner, small_plan: Path
) -> None:
    """`plan county --weights foo=1`: the Chinese said only 不是可用的权重名称 (not which names
    are), with an example without --weights; the English named 完成率, 序时, 逾期 in Chinese."""
    for weights in ("foo=1", "abc", "completion=x", "completion=-1", "completion=0"):
        zh = runner.invoke(app, ["county", "--weights", weights])
        assert zh.exit_code == 2
        assert "--weights completion=" in zh.output, zh.output
        assert "write" not in zh.output and "must" not in zh.output, zh.output
        en = runner.invoke(app, ["--lang", "en", "county", "--weights", weights])
        assert en.exit_code == 2
        assert _cjk(en.output) == [], en.output
        assert "--weights completion=" in en.output, en.output
    zh = runner.invoke(app, ["county", "--weights", "foo=1"])
    assert "completion（完成率）" in zh.output, zh.output
    # Only separators (a Chinese comma alone) give no weight: not “every weight is 0”.
    zh = runner.invoke(app, ["county", "--weights", "，"])
    assert "没有写出任何权重" in zh.output and "全为 0" not in zh.output, zh.output


ENGLISH_USAGE_ERRORS = [
    ["note", "1.1", "x", "--by", ""],
    ["block", "1.3", "--reason", " "],
    ["report", "--out", "summary.pdf"],
    ["report", "--format", "docx"],
    ["report", "--format", "terminal", "--out", "summary.md"],
    ["add", "1", "new task", "--direction", "sideways"],
    ["edit", "1.1"],
    ["import", "tasks.xlsx", "--map", "name"],
    ["import", "tasks.xlsx", "--map"],  # its example
    ["header", "--language", "fr"],
    ["export", "--out", "progress.txt"],
    ["export", "--format", "xlsx"],
    ["export", "--format", "csv", "--out", "progress.xlsx"],
]


def test_english_usage_errors_carry_no_chinese_gloss(runner: CliRunner, small_plan: Path) -> None:
    """A usage error says itself in both languages (UsageProblem): the English carried the
    Chinese words in brackets (“give a name (记录人不能为空)”, “(Word 文档需要输出文件)”), which
    an English reader cannot read and a Chinese one never sees there."""
    before = small_plan.read_bytes()
    for args in ENGLISH_USAGE_ERRORS:
        result = runner.invoke(app, ["--lang", "en", *args])
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("Error: "), (args, result.output)
        assert _cjk(result.output) == [], (args, result.output)
        assert small_plan.read_bytes() == before
        assert [p.name for p in small_plan.parent.iterdir() if p.name != "cache"] == ["plan.toml"]


def test_an_output_in_a_folder_that_is_not_there_names_the_folder(
    runner: CliRunner, small_plan: Path
) -> None:
    """report/export/county --out into a missing folder said “无法写入 …：文件不存在。原文件没有
    改动。” — of course the new file does not exist, and there was no original file: the folder
    is what is missing (as plan new and plan init say)."""
    before = small_plan.read_bytes()
    for args in (
        ["report", "--out", "没有的文件夹/总结.md"],
        ["export", "--out", "没有的文件夹/推进情况表.csv"],
        ["county", "--format", "md", "--out", "没有的文件夹/通报.md"],
    ):
        zh = runner.invoke(app, args)
        assert zh.exit_code == 1, zh.output
        assert "所在的文件夹不存在" in zh.output, zh.output
        assert "文件不存在" not in zh.output and "原文件" not in zh.output, zh.output
        en = runner.invoke(app, ["--lang", "en", *args])
        assert en.exit_code == 1, en.output
        assert "the folder does not exist" in en.output, en.output
        assert "original file" not in en.output, en.output
    assert small_plan.read_bytes() == before
    assert not (small_plan.parent / "没有的文件夹").exists()


def test_a_command_named_after_a_double_dash_runs_as_the_plan_program(small_plan: Path) -> None:
    """`plan -- status`: the program builds only the command named (cli.main), and took the
    line for one naming none, so click ran a listing-only stand-in: an AssertionError's
    traceback."""
    import os
    import subprocess
    import sys

    def plan(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "quanhu_plan", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "PLAN_FILE": str(small_plan)},
            cwd=small_plan.parent,
        )

    status = plan("--", "status")
    assert status.returncode == 0, status.stderr
    assert "测试镇2023年工作计划" in status.stdout and status.stderr == ""
    english = plan("--lang", "en", "--", "状态")
    assert english.returncode == 0, english.stderr
    assert "Traceback" not in english.stderr and "Completion" in english.stdout
    nothing = plan("--")
    assert nothing.returncode == 2 and "Traceback" not in nothing.stderr, nothing.stderr
    assert nothing.stderr.startswith("错误："), nothing.stderr


def test_a_command_typed_in_full_width_letters_is_that_command(
    runner: CliRunner, small_plan: Path
) -> None:
    """A Chinese input method left in full-width mode types ｓｔａｔｕｓ: its options (——ｏｎ)
    and ids (１．１) are read as typed plainly, but the command name was “no such command”,
    without even suggesting status."""
    result = runner.invoke(app, ["ｓｔａｔｕｓ"])
    assert result.exit_code == 0, result.output
    assert "测试镇2023年工作计划" in result.output
    done = runner.invoke(app, ["ｄｏｎｅ", "１．３", "——ｏｎ", "2023-05-01"])
    assert done.exit_code == 0, done.output
    assert 'status = "done"' in small_plan.read_text(encoding="utf-8")


def test_a_command_joined_to_its_arguments_by_a_full_width_space_is_pointed_out(
    runner: CliRunner, small_plan: Path
) -> None:
    """销号　1.3 typed with the input method's full-width space is one word to the shell: “no
    command 销号　1.3” looked like two words and did not say why."""
    before = small_plan.read_bytes()
    zh = runner.invoke(app, ["销号　1.3"])
    assert zh.exit_code == 2
    assert "全角空格" in zh.output and "半角空格" in zh.output, zh.output
    en = runner.invoke(app, ["--lang", "en", "done　1.3"])
    assert en.exit_code == 2
    assert "full-width space" in en.output, en.output
    assert small_plan.read_bytes() == before


def test_an_unknown_command_is_said_in_its_own_runs_language_not_the_run_before(
    runner: CliRunner, small_plan: Path
) -> None:
    """The session is made after the command is looked up: an unknown command after a run in
    English (county, which finds its language itself) was said in English."""
    assert runner.invoke(app, ["--lang", "en", "county", str(small_plan)]).exit_code == 0
    zh = runner.invoke(app, ["销号　1.3"])
    assert zh.exit_code == 2
    assert "全角空格" in zh.output and "full-width" not in zh.output, zh.output


def test_a_fraction_or_a_number_too_small_to_keep_is_refused_not_misread(
    runner: CliRunner, small_plan: Path
) -> None:
    """`progress 1.3 1/2` was read as 1 in the unit “/2” and answered “请写 1 或 1%” (one
    percent, for a half); `record 1.1 5e-400` recorded 0 for a number that is not 0."""
    before = small_plan.read_bytes()
    half = runner.invoke(app, ["progress", "1.3", "1/2"])
    assert half.exit_code == 2
    assert "不是数字" in half.output and "1%" not in half.output, half.output
    for value in ("1/2", "½"):
        fraction = runner.invoke(app, ["record", "1.1", value])
        assert fraction.exit_code == 2
        assert "不是数字" in fraction.output and "单位" not in fraction.output, fraction.output
    tiny = runner.invoke(app, ["record", "1.1", "5e-400"])
    assert tiny.exit_code == 2, tiny.output
    assert "太小" in tiny.output, tiny.output
    english = runner.invoke(app, ["--lang", "en", "record", "1.1", "5e-400"])
    assert english.exit_code == 2 and "too small" in english.output, english.output
    assert small_plan.read_bytes() == before


def test_log_with_since_after_until_says_the_dates_are_swapped(
    runner: CliRunner, small_plan: Path
) -> None:
    """`plan log --since 2023-12-31 --until 2023-01-01` answered 没有修改记录 (no history) for a
    plan that has some: the two dates were the wrong way round."""
    assert runner.invoke(app, ["note", "1.3", "已开工", "--on", "2023-05-01"]).exit_code == 0
    before = small_plan.read_bytes()
    zh = runner.invoke(app, ["log", "--since", "2023-12-31", "--until", "2023-01-01"])
    assert zh.exit_code == 2, zh.output
    assert "晚于" in zh.output and "--since 2023-01-01 --until 2023-12-31" in zh.output, zh.output
    en = runner.invoke(app, ["--lang", "en", "log", "--since", "12月31日", "--until", "1月1日"])
    assert en.exit_code == 2, en.output
    assert "after" in en.output and _cjk(en.output) == [], en.output
    assert small_plan.read_bytes() == before


def test_county_with_both_reporting_rules_says_so_not_that_the_number_is_wrong(
    runner: CliRunner, small_plan: Path
) -> None:
    """`plan county --report-day 25 --stale-days 10`: the Chinese said 10 must be a whole
    number from 1 to 3660, the English “--stale-days cannot be None”."""
    args = ["county", "--report-day", "25", "--stale-days", "10"]
    zh = runner.invoke(app, args)
    assert zh.exit_code == 2
    assert "只能用一个" in zh.output and "3660" not in zh.output, zh.output
    en = runner.invoke(app, ["--lang", "en", *args])
    assert en.exit_code == 2
    assert "not both" in en.output and "None" not in en.output, en.output
    assert _cjk(en.output) == [], en.output


def test_a_long_chinese_title_in_a_shells_menu_is_cut_by_columns_not_characters(
    runner: CliRunner, plan_file: Path
) -> None:
    """Titles beside the ids a shell offers are cut to 40 columns so that the menu does not
    wrap; they were cut at 40 characters, which for Chinese is 80 columns."""
    title = "抓好“泉湖二月八”农耕文化体验馆项目建设并完成全镇三十个村的宣传推广和人员培训工作"
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": title}])
    out = shell(runner, "fish", "plan show 1.", _TYPER_COMPLETE_FISH_ACTION="get-args")
    (line,) = out.splitlines()
    shown = line.split("\t")[1]
    assert shown.endswith("…") and title.startswith(shown[:-1]), shown
    columns = sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in shown)  # “” one, as rich
    assert 36 <= columns <= 40, (columns, shown)
