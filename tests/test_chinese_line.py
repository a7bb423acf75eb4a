"""The command line as a Chinese office types it: options through a Chinese input method
(——by for --by), full-width letters and digits, Chinese command names."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from quanhu_plan.cli import app


def log_of(path, item_id):
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(item for item in doc["item"] if item["id"] == item_id)["log"]


@pytest.mark.parametrize(
    "option",
    ["——by", "—by", "–by", "－－by", "－－ｂｙ", "——ｂｙ"],
    ids=["em-em", "em", "en", "fullwidth-hyphens", "fullwidth-all", "em-fullwidth-letters"],
)
def test_an_option_typed_with_chinese_dashes_is_the_option(runner, small_plan, option):
    result = runner.invoke(app, ["进度", "1.3", "60", option, "张三"])
    assert result.exit_code == 0, result.output
    assert log_of(small_plan, "1.3")[-1]["by"] == "张三"
    result = runner.invoke(app, ["撤销", option, "张三"])
    assert result.exit_code == 0, result.output
    assert "已撤销 张三" in result.output


def test_chinese_dashes_reach_global_options_flags_and_help(runner, small_plan):
    result = runner.invoke(app, ["——lang", "en", "状态"])
    assert result.exit_code == 0, result.output
    assert "Completion" in result.output
    result = runner.invoke(app, ["状态", "——lang=en"])
    assert result.exit_code == 0, result.output
    assert "Completion" in result.output
    result = runner.invoke(app, ["删除", "2.3", "－ｙ"])
    assert result.exit_code == 0, result.output
    assert "已删除 2.3 禁毒讲座" in result.output
    result = runner.invoke(app, ["undo", "—anyone"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["完成", "——help"])
    assert result.exit_code == 0
    assert result.output.startswith("用法：plan done")


def test_a_dash_word_that_is_a_value_or_no_option_stays_as_typed(runner, small_plan):
    """The value of an option, a title after --, or a word that names no option is text."""
    result = runner.invoke(app, ["edit", "1.1", "——title", "——by"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["add", "1", "--", "——by"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["add", "1", "——附件清单"])
    assert result.exit_code == 0, result.output
    doc = tomllib.loads(small_plan.read_text(encoding="utf-8"))
    titles = {item["id"]: item["title"] for item in doc["item"]}
    assert titles["1.1"] == "——by"
    assert titles["1.4"] == "——by"
    assert titles["1.5"] == "——附件清单"


def test_a_global_option_typed_with_chinese_dashes_builds_only_the_command_run(small_plan):
    """`plan ——lang en status` takes the quick path of `plan --lang en status`: only status is
    built (cli._build_only_the_invoked_command), not every command as for an unknown name."""
    code = (
        "import sys\n"
        "from quanhu_plan import cli\n"
        "cli._build_only_the_invoked_command(sys.argv[1:])\n"
        "print([cli._command_name(i) for i in cli.app.registered_commands])\n"
    )
    for line in (
        ["——lang", "en", "status"],
        ["—f", str(small_plan), "状态"],
        ["－－ｌａｎｇ＝en", "status"],
    ):
        done = subprocess.run(
            [sys.executable, "-c", code, *line], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == "['status']", line


def test_the_quick_path_knows_every_global_option_that_takes_a_value():
    import typer.main

    from quanhu_plan import cli
    from quanhu_plan.cli.dashes import options_of

    group = options_of(typer.main.get_command(app))
    assert {name for name, value in group.items() if value} == {
        name for name, value in cli._GLOBAL_OPTIONS.items() if value
    }
