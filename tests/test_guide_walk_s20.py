"""A new clerk following the README and docs/使用说明.md, with the slips a beginner makes at
each step: a Chinese input method's full-width space or comma between two words (5.5.2　60,
2.2.3，2.2.2), a text with a space given to an option without quotes (--reason 征地 未完成), and
Ctrl-C at a question. Each message must say what actually went wrong, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app, prompts

from .conftest import REPO_PLAN

runner = CliRunner()


# ---------------------------------------------------------------- two words typed as one


@pytest.mark.parametrize(
    ("args", "code", "wrong", "said"),
    [
        # was: "还缺少参数 PERCENT" — but the clerk typed 60
        (["progress", "5.5.2\u300060"], 2, "缺少参数 PERCENT", "“5.5.2\u300060”中间是全角空格"),
        (["progress", "5.5.2，60"], 2, "缺少参数 PERCENT", "“5.5.2，60”中间是全角逗号"),
        (["add", "5.5\u3000新任务"], 2, "缺少参数 TITLE", "“5.5\u3000新任务”中间是全角空格"),
        # was: "多出了“x”" / "多出了“孙”" — the option before it was never seen as one
        (
            ["record", "5.5.1", "2.7", "--on", "3月28日\u3000--note", "x"],
            2,
            "多出了“x”",
            "“3月28日\u3000--note”中间是全角空格",
        ),
        (
            ["edit", "5.5.1\u3000--owner", "孙"],
            2,
            "多出了“孙”",
            "“5.5.1\u3000--owner”中间是全角空格",
        ),
        # was: "没有编号或名称为“2.2.3，2.2.2”的事项" and no word on why
        (["done", "2.2.3，2.2.2"], 1, "没有编号或名称为", "“2.2.3，2.2.2”中间是全角逗号"),
        (["done", "2.2.3、2.2.2"], 1, "没有编号或名称为", "中间是顿号（、）"),
        (["done", "5.5.2\u3000--on", "6月30日"], 1, "没有编号或名称为", "中间是全角空格"),
    ],
)
def test_a_full_width_space_or_comma_between_two_words_is_named(town_plan, args, code, wrong, said):
    before = town_plan.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert wrong in result.output  # what went wrong as the parser saw it, as before
    assert said in result.output, result.output  # and why: the separator the clerk typed
    assert "要用半角空格隔开" in result.output
    assert town_plan.read_bytes() == before


def test_the_full_width_space_is_named_in_english_too(town_plan):
    result = runner.invoke(app, ["--lang", "en", "progress", "5.5.2\u300060"])
    assert result.exit_code == 2
    assert "'5.5.2\u300060' holds a full-width space" in result.output, result.output
    assert "separate ids, values and options with ordinary spaces" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["record", "5.5.1", "1，800"],  # thousands, as the guide allows: no error at all
        ["note", "5.5.2", "巡查3次\u3000拆除2处"],  # a full-width space inside a note is text
    ],
)
def test_a_full_width_space_or_comma_inside_a_value_is_still_read_as_typed(town_plan, args):
    result = runner.invoke(app, args)
    assert "全角" not in result.output, result.output


def test_a_title_with_a_full_width_comma_that_matches_nothing_gets_no_advice_on_spaces(town_plan):
    result = runner.invoke(app, ["done", "粮食，耕地"])
    assert result.exit_code == 1
    assert "半角空格" not in result.output


# ---------------------------------------------------------------- an option's text unquoted


@pytest.mark.parametrize(
    ("args", "extra", "right"),
    [
        # was: "多出了“未完成”" and the example plan block 1.1.1 --reason "资金未到位", which
        # did not say that the clerk's own reason needed quotes
        (["block", "5.1", "--reason", "征地", "未完成"], "未完成", '--reason "征地 未完成"'),
        (["block", "5.1", "-r", "征地", "未完成"], "未完成", '--reason "征地 未完成"'),
        (["record", "5.5.1", "3.3", "--note", "全年", "落实"], "落实", '--note "全年 落实"'),
        (["add", "5.5", "新任务", "--owner", "孙", "永峰"], "永峰", '--owner "孙 永峰"'),
    ],
)
def test_the_rest_of_an_options_text_typed_without_quotes_is_said_to_need_them(
    town_plan, args, extra, right
):
    before = town_plan.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"“{extra}”像是" in result.output, result.output
    assert f"例如：{right}" in result.output, result.output
    assert town_plan.read_bytes() == before


def test_an_options_text_without_quotes_in_english(town_plan):
    result = runner.invoke(app, ["--lang", "en", "block", "5.1", "--reason", "征地", "未完成"])
    assert result.exit_code == 2
    assert "looks like the rest of the text after --reason" in result.output, result.output
    assert 'for example: --reason "征地 未完成"' in result.output


def test_an_extra_word_after_a_switch_gets_no_quote_advice(town_plan):
    result = runner.invoke(app, ["record", "5.5.1", "2.7", "--yes", "x"])
    assert result.exit_code == 2
    assert "像是" not in result.output, result.output


# ---------------------------------------------------------------- Ctrl-C at a question


def _ctrl_c() -> str:
    raise KeyboardInterrupt


def test_ctrl_c_at_the_tick_off_question_says_the_figure_was_not_recorded(
    town_plan, monkeypatch, at_terminal
):
    """plan record 5.5.1 3.3万亩 asks 是否同时销号？; a clerk who presses Ctrl-C there to get away
    from the question believed the figure recorded, and nothing said it was not."""
    assert (
        runner.invoke(app, ["edit", "5.5.1", "--target", "3.3万亩"]).exit_code == 0
    )  # as the guide
    monkeypatch.setattr(prompts, "_read_line", _ctrl_c)
    before = town_plan.read_bytes()
    result = runner.invoke(app, ["record", "5.5.1", "3.3万亩"])
    assert result.exit_code == 130
    assert "是否同时销号" in result.stdout
    assert "已中断：没有做任何修改，也没有写入文件。" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert town_plan.read_bytes() == before


def test_ctrl_c_at_a_question_says_so_in_english(town_plan, monkeypatch, at_terminal):
    monkeypatch.setattr(prompts, "_read_line", _ctrl_c)
    result = runner.invoke(app, ["--lang", "en", "rm", "5.5.3"])
    assert result.exit_code == 130
    assert "Interrupted: nothing was changed or written." in result.stderr


# ---------------------------------------------------------------- a change in the code folder


@pytest.fixture
def code_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """quanhu-plan's code folder as a clerk has it (a download or a clone): pyproject.toml and
    the 2023 plan's original, plan.toml; plan run there without -f or PLAN_FILE."""
    folder = tmp_path / "quanhu-plan"
    folder.mkdir()
    shutil.copyfile(REPO_PLAN.parent / "pyproject.toml", folder / "pyproject.toml")
    shutil.copyfile(REPO_PLAN, folder / "plan.toml")
    monkeypatch.delenv("PLAN_FILE")
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["done", "2.2.1"],
        ["progress", "5.5.2", "60"],
        ["record", "5.5.1", "3.3"],
        ["note", "5.5.2", "巡查"],
        ["rm", "5.5.3", "--yes"],
        ["header", "--title", "练习"],
        ["fmt"],
    ],
)
def test_a_change_in_the_code_folder_leaves_the_embedded_plans_original_alone(code_folder, args):
    """The README says not to practise in the code folder, whose plan.toml is what the embedded
    plan is made from (an editable install reads it, pip install . packs it); a clerk who forgot
    `cd ..` changed it, silently, and `plan init` elsewhere then copied their ticks."""
    before = (code_folder / "plan.toml").read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "代码文件夹里的内置计划原件" in result.output, result.output
    assert "运行 plan init 复制一份" in result.output
    assert (code_folder / "plan.toml").read_bytes() == before


def test_the_code_folders_plan_reads_and_changes_when_named(code_folder):
    assert runner.invoke(app, ["status"]).exit_code == 0  # the README's first command
    result = runner.invoke(app, ["-f", "plan.toml", "done", "2.2.1", "--on", "2023-05-20"])
    assert result.exit_code == 0, result.output  # a maintainer who means it names the file
    assert "已销号 2.2.1" in result.output


def test_plan_init_in_the_code_folder_does_not_advise_moving_the_original_away(code_folder):
    """It said 请换一个路径，或先把原文件移走: moving the code folder's plan.toml away takes the
    embedded plan from an editable install."""
    before = (code_folder / "plan.toml").read_bytes()
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 1
    assert "移走" not in result.output.replace("不要移走", ""), result.output
    assert "请换到一个放台账的文件夹再运行 plan init" in result.output
    assert (code_folder / "plan.toml").read_bytes() == before


def test_the_code_folder_is_said_in_english_too(code_folder):
    result = runner.invoke(app, ["--lang", "en", "done", "2.2.1"])
    assert result.exit_code == 1
    assert "is the original of the embedded plan in quanhu-plan's code folder" in result.output


def test_a_plan_beside_another_projects_pyproject_is_changed_as_before(code_folder):
    settings = code_folder / "pyproject.toml"
    settings.write_text('[project]\nname = "town-scripts"\n', encoding="utf-8")
    result = runner.invoke(app, ["done", "2.2.1", "--on", "2023-05-20"])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- an option before the command


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # was: "plan 没有 --as-of 这个选项", and the options of plan itself listed: as if the
        # guide's --as-of did not exist
        (
            ["--as-of", "2023-06-30", "status"],
            "--as-of 是 plan status 的选项，要写在命令名后面：plan status --as-of 2023-06-30。",
        ),
        (
            ["--pace", "behind", "--as-of", "6月30日", "list"],
            "--pace 是 plan list 的选项，要写在命令名后面：plan list --pace behind --as-of 6月30日。",
        ),
        (
            ["--json", "status"],
            "--json 是 plan status 的选项，要写在命令名后面：plan status --json。",
        ),
        (
            ["-f", "plan.toml", "--on", "3月28日", "record", "5.5.1", "2.7"],
            "要写在命令名后面：plan -f plan.toml record --on 3月28日 5.5.1 2.7。",
        ),
    ],
)
def test_an_option_typed_before_its_commands_name_is_said_to_go_after_it(town_plan, args, said):
    before = town_plan.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert said in result.output, result.output
    assert town_plan.read_bytes() == before


def test_an_option_no_command_named_takes_is_still_unknown_to_plan(town_plan):
    result = runner.invoke(app, ["--bogus", "status"])
    assert result.exit_code == 2
    assert "plan 没有 --bogus 这个选项" in result.output


# ---------------------------------------------------------------- a long option with one dash


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # was: ticked off, 销号依据 "vidence" (click's -e with the rest of the word as its value)
        (["done", "2.2.3", "-evidence"], "选项 -evidence 要写成 --evidence"),
        # was: "没有编号或名称为“验收单.pdf”的事项"
        (["done", "2.2.3", "-evidence", "验收单.pdf"], "选项 -evidence 要写成 --evidence"),
        # was: recorded, with the note "ote早稻"
        (["record", "5.5.1", "2.7", "-note早稻"], "-note早稻 要写成 --note 早稻"),
        # was: "多出了“农业股”" (-w with the value "ho")
        (["list", "-who", "农业股"], "选项 -who 要写成 --who"),
        # was: "没有 -a 这个选项"
        (["status", "-as-of", "2023-06-30"], "选项 -as-of 要写成 --as-of"),
    ],
)
def test_a_long_option_typed_with_one_dash_is_refused_by_name(town_plan, args, said):
    before = town_plan.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert said in result.output, result.output
    assert town_plan.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["done", "2.2.3", "-n", "完工", "-e", "验收单.pdf"],  # the short options themselves
        ["done", "2.2.3", "--note", "-note"],  # an option's value that looks like one
        ["note", "5.5.2", "--", "-evidence"],  # a text after --
    ],
)
def test_short_options_and_values_that_look_like_a_long_option_are_taken_as_before(town_plan, args):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- plan init with PLAN_FILE set


def test_plan_init_with_plan_file_set_writes_the_file_every_other_command_reads(
    tmp_path, monkeypatch
):
    """The guide: 总用同一个文件 … 设环境变量 PLAN_FILE（设了以后就不再找当前文件夹的
    plan.toml）. plan init wrote ./plan.toml all the same and said 今后在该目录下运行 plan 即使用
    这份计划; the next command read PLAN_FILE and said 文件不存在."""
    wanted = tmp_path / "台账" / "花桥镇.toml"
    wanted.parent.mkdir()
    monkeypatch.setenv("PLAN_FILE", str(wanted))
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert wanted.is_file()
    assert not (tmp_path / "plan.toml").exists()
    assert "即环境变量 PLAN_FILE 所指的文件" in result.output, result.output
    ticked = runner.invoke(app, ["done", "2.2.1", "--on", "2023-05-20"])
    assert ticked.exit_code == 0, ticked.output
    assert "done_on = 2023-05-20" in wanted.read_text(encoding="utf-8")


def test_plan_init_with_plan_file_naming_plan_toml_here_says_what_it_said(plan_file):
    result = runner.invoke(app, ["init"])  # conftest: PLAN_FILE is ./plan.toml
    assert result.exit_code == 0
    assert "今后在该目录下运行 plan 即使用这份计划" in result.output


# ---------------------------------------------------------------- an option without its value


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        # was: "例如：plan header --title 新标题", an example of another option
        (["header", "--organisation"], "--organisation 衡南县泉湖镇人民政府"),
        (["county", ".", "--key"], "--key 县-12"),
        (["new", "2024", "--out"], "plan new 2024 --out plan-2024.toml"),
    ],
)
def test_an_option_without_its_value_is_shown_with_one(town_plan, args, shown):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"例如：{shown}" in result.output or shown in result.output.split("例如：")[1]


# ---------------------------------------------------------------- a text in Chinese quotes


@pytest.mark.parametrize(
    ("args", "right"),
    [
        # was: "一段含空格的文字要用引号括起来" — said to a clerk who had put it in quotes
        (["note", "5.5.2", "“巡查", "拆除”"], 'plan note 5.5.2 "巡查 拆除"'),
        (["block", "5.1", "--reason", "“征地", "未完成”"], 'plan block 5.1 --reason "征地 未完成"'),
        (
            ["add", "5.5", "“建设", "高标准农田”", "--unit", "农业股"],
            'plan add 5.5 "建设 高标准农田"',
        ),
    ],
)
def test_a_text_in_chinese_quotes_split_by_the_shell_is_said_to_need_straight_quotes(
    town_plan, args, right
):
    before = town_plan.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "中文引号“”括不住文字" in result.output, result.output
    assert f"例如：{right}" in result.output, result.output
    assert town_plan.read_bytes() == before


# ---------------------------------------------------------------- --map with a full-width ＝


def test_import_map_typed_with_a_full_width_equals_sign_is_read(isolated):
    """The guide: 重新导入时加 --map 内部备注=skip; typed with a Chinese input method's ＝ it was
    refused as 不是“列名=字段”的形式."""
    workbook = REPO_PLAN.parent / "examples" / "花桥镇2023年任务分解表.xlsx"
    result = runner.invoke(app, ["import", str(workbook), "--map", "备注＝skip", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "试运行" in result.output
