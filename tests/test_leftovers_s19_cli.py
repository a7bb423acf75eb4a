"""Command-line and terminal leftovers noticed by earlier sessions: negative and special figures
read as options (-inf as -i -n f), a long field name of one's own cut inside a word, help cut to
five characters a command at 20 columns, 完成率0% said of a figure without a target, and a merge
of two moves said as both sides setting one field."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.terminal.cells import joined_width

from .conftest import REPO_PLAN
from .test_report_large import large_plan

runner = CliRunner()


# ---------------------------------------------------------------- 1. negative and special figures


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # -inf was read as the options -i and -n (--note) with the note "f": "-i is not a number"
        (["record", "5.5.1", "-inf"], "VALUE（数值）的值“-inf”不对：不是数字"),
        (["record", "5.5.1", "-inf", "--yes"], "VALUE（数值）的值“-inf”不对：不是数字"),
        (["record", "5.5.1", "-Infinity"], "VALUE（数值）的值“-Infinity”不对：不是数字"),
        # -nan was the note "an", and the figure then missing
        (["record", "5.5.1", "-nan"], "VALUE（数值）的值“-nan”不对：不是数字"),
        (["progress", "1.1.1", "-nan"], "PERCENT（进度）的值“-nan”不对：不是数字"),
        (["progress", "1.1.1", "-inf"], "PERCENT（进度）的值“-inf”不对：不是数字"),
        # inf is no figure: "too large" was said of it as of 1e400, which is one
        (["record", "5.5.1", "inf"], "VALUE（数值）的值“inf”不对：不是数字"),
        (["record", "5.5.1", "1e400"], "数字过大"),
        (["edit", "5.5.1", "--target", "-inf"], "--target 的值“-inf”不对：不是数字"),
        (["progress", "1.1.1", "-5"], "PERCENT（进度）的值“-5”不对：应在 0 到 100 之间"),
        # an unknown option is named as one, not taken for the figure (VALUE = "--nope")
        (["record", "5.5.1", "--nope", "1"], "plan record 没有 --nope 这个选项"),
        (["record", "5.5.1", "-x"], "plan record 没有 -x 这个选项"),
    ],
)
def test_a_negative_or_special_figure_is_read_whole_and_refused_in_words(town_plan, args, said):
    before = town_plan.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert said in result.output, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert town_plan.read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("-5", "actual = -5\n"),
        ("-1.5", "actual = -1.5\n"),
        ("-.5", "actual = -0.5\n"),
        ("−5", "actual = -5\n"),  # a Unicode minus
        ("－5", "actual = -5\n"),  # full width
        ("-5万亩", "actual = -5\n"),
        ("- 5", "actual = -5\n"),  # in quotes: not an option "- "
    ],
)
def test_a_negative_figure_is_recorded_where_a_figure_may_be_negative(town_plan, typed, written):
    """docs/format.md: actual is a number, may be negative (a growth rate can fall)."""
    result = runner.invoke(app, ["record", "5.5.1", typed, "--note", "回落"])
    assert result.exit_code == 0, result.output
    assert written in town_plan.read_text(encoding="utf-8")


def test_a_command_that_takes_no_figure_still_refuses_a_negative_number_as_an_option(town_plan):
    """Only record and progress read -5 as their figure: plan add 5.5 -5 adds no task "-5"."""
    before = town_plan.read_bytes()
    result = runner.invoke(app, ["add", "5.5", "-5"])
    assert result.exit_code == 2 and "plan add 没有 -5 这个选项" in result.output, result.output
    assert town_plan.read_bytes() == before


def test_a_figure_that_looks_like_an_option_cluster_keeps_the_options_around_it(town_plan):
    """-3h is a figure with a unit (refused: the task is measured in 万亩), not -3 and -h (the
    help, which wrote nothing and exited 0); -n still takes the word after it as the note."""
    result = runner.invoke(app, ["record", "5.5.1", "-3h"])
    assert result.exit_code == 2 and "单位是“h”" in result.output, result.output
    result = runner.invoke(app, ["record", "5.5.1", "-n", "-5", "-2"])
    assert result.exit_code == 0, result.output
    text = town_plan.read_text(encoding="utf-8")
    assert 'note = "-5"' in text and "actual = -2\n" in text


# ---------------------------------------------------------------- 4. 完成率0% of a task with no target


def test_a_large_plans_summary_says_a_figure_without_target_as_the_full_form_does(plan_file):
    """The summary form's 存在的问题 named an overdue task with a figure but no target
    建设标准化阵地（完成率0%）, as if its 5个 were 0% of something; the full form and the
    ledger say the figure and that the completion is the reported progress."""
    large_plan(plan_file)
    document = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    for item in document["item"]:
        if item.get("status") == "doing":
            del item["target"]  # 5个 recorded of no target
    plan_file.write_text(dumps(document), encoding="utf-8")
    result = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    problems = result.stdout.split("## 三、")[1].split("## 四、")[0]
    assert "逾期未完成的任务13项" in problems
    assert "（完成率0%）" not in problems, problems
    assert "建设标准化阵地（已完成5个，未设目标值，按填报进度计完成率0%）" in problems


# ---------------------------------------------------------------- 5. the merge of two moves


def _sides(folder: Path) -> tuple[Path, Path, Path]:
    """The 2023 plan as both offices had it, and each office's copy."""
    base, ours, theirs = (folder / f"{name}.toml" for name in ("base", "ours", "theirs"))
    for path in (base, ours, theirs):
        shutil.copyfile(REPO_PLAN, path)
    return base, ours, theirs


def test_a_move_on_one_side_and_fields_on_the_other_merge_without_a_conflict(tmp_path):
    base, ours, theirs = _sides(tmp_path)
    assert (
        runner.invoke(app, ["-f", str(ours), "move", "1.1.1", "2.2", "--by", "王五"]).exit_code == 0
    )
    for args in (["edit", "1.1.1", "--owner", "张三"], ["progress", "1.1.1", "40"]):
        assert runner.invoke(app, ["-f", str(theirs), *args, "--by", "李四"]).exit_code == 0
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "plan merge：已合并 plan.toml。"
    merged = {i["id"]: i for i in tomllib.loads(ours.read_text(encoding="utf-8"))["item"]}
    assert merged["1.1.1"]["parent"] == "2.2" and merged["1.1.1"]["owner"] == "张三"
    assert merged["1.1.1"]["progress"] == 40


def test_two_moves_that_would_hang_two_items_under_each_other_are_said_as_such(tmp_path):
    """Ours moved 2.1 under 2.2, theirs 2.2 under 2.1: the merge keeps 2.2 under 2 and records
    a conflict on its parent. It was said as 两方把同一字段改成了不同的值 with 我方 2 — but our
    side never set 2.2's parent; now the message says their move and why it was not taken."""
    base, ours, theirs = _sides(tmp_path)
    assert (
        runner.invoke(app, ["-f", str(ours), "move", "2.1", "2.2", "--by", "王五"]).exit_code == 0
    )
    assert (
        runner.invoke(app, ["-f", str(theirs), "move", "2.2", "2.1", "--by", "李四"]).exit_code == 0
    )
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    assert "两方把同一字段改成了不同的值" not in result.output, result.output
    assert "1 处冲突（两方的移动合起来会让事项互为上级）" in result.output
    said = "把它移到了 2.1 下（--theirs），而按另一方的移动，2.1 在它的下面，两项不能互为上级；暂留在原来的上级 2 下（--ours）"
    assert said in result.output and "一方（李四 " in result.output, result.output
    check = runner.invoke(app, ["-f", str(ours), "check"])
    assert check.exit_code == 1
    folded = "".join(check.output.split("\n"))  # the head folds to the width
    assert "1 处合并冲突未解决（两方的移动合起来会让事项互为上级）" in folded, check.output
    assert said in check.output
    english = runner.invoke(app, ["-f", str(ours), "--lang", "en", "check"])
    assert "(two moves would hang items under each other)" in " ".join(english.output.split())
    assert "one side moved it under 2.1 (by 李四 " in english.output, english.output
    shown = runner.invoke(app, ["-f", str(ours), "show", "2.2"])
    assert said in shown.output, shown.output


def test_two_moves_to_different_parents_are_still_both_set_one_field(tmp_path):
    base, ours, theirs = _sides(tmp_path)
    assert (
        runner.invoke(app, ["-f", str(ours), "move", "1.1.1", "2.2", "--by", "王五"]).exit_code == 0
    )
    assert (
        runner.invoke(app, ["-f", str(theirs), "move", "1.1.1", "3.3", "--by", "李四"]).exit_code
        == 0
    )
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert "1 处冲突（两方把同一字段改成了不同的值）" in result.output, result.output
    assert "上级（parent）：暂用（--ours）2.2（王五 " in result.output


# ---------------------------------------------------------------- 2. a long field name of one's own


@pytest.mark.parametrize("columns", ["80", "40"])
def test_a_long_field_name_of_ones_own_folds_at_its_underscores(town_plan, monkeypatch, columns):
    """plan show keeps the names column the width of the tool's own names (序时应完成, 10
    cells), widened by a name typed into the file to 16 cells at most from 60 columns on
    (session 22: a table's 总投资（万元） folded inside its bracket): a longer name folds there.
    funding_source was cut inside a word (funding_so | urce); a CJK name folds at 16 cells, 8
    characters (at 40 columns at 10, 5), and the values stay in one column."""
    monkeypatch.setenv("COLUMNS", columns)
    text = town_plan.read_text(encoding="utf-8")
    text = text.replace(
        'id = "1.1.1"\ntitle = "因地制宜发展优势产业"\n',
        'id = "1.1.1"\ntitle = "因地制宜发展优势产业"\nfunding_source = "县财政"\n'
        '"某某专项资金使用情况说明备注字段" = "资金已拨付到位"\n',
    )
    town_plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["show", "1.1.1"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    if columns == "40":  # narrow: the names fold to the width of the tool's own
        assert "funding_    县财政" in lines and "source" in lines, result.stdout
        assert "某某专项资  资金已拨付到位" in lines and "金使用情况" in lines, result.stdout
        assert "上级        1.1 全力实施乡村振兴战略" in lines
        return
    assert "funding_source    县财政" in lines, result.stdout
    assert "某某专项资金使用  资金已拨付到位" in lines, result.stdout
    assert "情况说明备注字段" in lines, result.stdout
    assert "上级              1.1 全力实施乡村振兴战略" in lines


# ---------------------------------------------------------------- 3. help on a narrow terminal


@pytest.mark.parametrize("columns", ["20", "30"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_on_a_narrow_terminal_folds_each_commands_summary_rather_than_cutting_it(
    columns, lang
):
    """plan --help at 20 columns cut each command's summary to one line: 各部分、各… (5
    characters), at 30 各部分、各目…; now it folds to three lines (still …-ended past them)."""
    result = runner.invoke(app, ["--help"], env={"COLUMNS": columns, "PLAN_LANG": lang})
    assert result.exit_code == 0, result.output
    listed = result.stdout.split("命令：" if lang == "zh" else "Commands:")[1]
    flat = "".join(line.strip() for line in listed.split("list")[0].splitlines())
    said = (
        "各部分、各目标的完成情况与序时进度。" if lang == "zh" else "Completion and pace of every"
    )
    assert said.replace(" ", "") in flat.replace(" ", ""), listed
    assert all(joined_width(line) <= int(columns) for line in result.stdout.splitlines())


def test_show_of_a_task_with_a_figure_but_no_target_says_its_completion_is_its_progress(
    town_plan,
):
    """show 5.5.1 put 完成值 3.35 over 完成率 0%, as if 3.35万亩 were 0% of something."""
    assert runner.invoke(app, ["record", "5.5.1", "3.35"]).exit_code == 0
    shown = runner.invoke(app, ["show", "5.5.1"]).stdout.splitlines()
    assert "完成值      3.35" in shown
    assert "完成率      0% ░░░░░░（按填报进度计）" in shown, shown
    english = runner.invoke(app, ["--lang", "en", "show", "5.5.1"]).stdout
    assert "Completion       0% ░░░░░░ (by reported progress)" in english, english
    # a figure that measures the task says nothing more
    assert runner.invoke(app, ["edit", "5.5.1", "--target", "6.7"]).exit_code == 0
    assert "完成率      50% ███░░░" in runner.invoke(app, ["show", "5.5.1"]).stdout.splitlines()


# ---------------------------------------------------------------- a title nothing of which shows


@pytest.mark.parametrize("title", ["\u200b\u200d", "\u202e", "\u200b \n\t", "\ufeff"])
def test_a_title_of_invisible_characters_alone_is_refused_as_no_title(town_plan, title):
    # It drew as a blank row: an item no one can see to name in status, list or the report.
    text = town_plan.read_text(encoding="utf-8")
    edited = text.replace('title = "抓好宁电入湘项目建设"', f"title = {_basic(title)}", 1)
    assert edited != text
    town_plan.write_text(edited, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert "5.1" in result.output and "名称" in result.output, result.output
    assert "看不见" in result.output, result.output
    assert town_plan.read_text(encoding="utf-8") == edited
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert english.exit_code == 1 and "invisible" in english.output, english.output


def test_a_task_added_or_renamed_with_an_invisible_title_is_refused(town_plan):
    before = town_plan.read_bytes()
    added = runner.invoke(app, ["add", "5", "\u200b\u200d"])
    assert added.exit_code != 0 and "看不见" in added.output, added.output
    renamed = runner.invoke(app, ["edit", "5.1", "--title", "\u2060"])
    assert renamed.exit_code != 0 and "看不见" in renamed.output, renamed.output
    assert town_plan.read_bytes() == before


def _basic(text: str) -> str:
    """A TOML basic string of ``text``, every character beyond printable ASCII escaped."""
    return '"' + "".join(c if " " <= c < "\x7f" else f"\\u{ord(c):04x}" for c in text) + '"'
