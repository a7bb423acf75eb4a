"""plan speaks the plan's language where people meet it first: usage errors (one paragraph with
the right form, exit 2), --help, questions (是/否), Chinese command names and file errors."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer import _click
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.cli.aliases import ALIASES, CHINESE_NAMES
from quanhu_plan.cli.help import cells, wrap
from quanhu_plan.cli.help_zh import HELP_ZH
from quanhu_plan.cli.language import EMBEDDED_PLAN_LANG, system_lang
from quanhu_plan.cli.prompts import answer
from quanhu_plan.errors import PlanFileError

from .conftest import SMALL_ITEMS, write_plan

runner = CliRunner()


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), input=input, env=env)


def one_paragraph(text: str) -> bool:
    return text.count("\n") == 1 and text.endswith("\n") and "Usage:" not in text


# ---------------------------------------------------------------- usage errors, each kind

# (arguments, what the Chinese says, what the English says): each a usage error (exit 2).
USAGE_MISTAKES = [
    (
        ["status", "--as-of", "2023/13/45"],
        "错误：--as-of “2023/13/45”不是有效日期：没有 13 月。可以写：2023-06-30",
        "Invalid value for --as-of: '2023/13/45' is not a valid date",
    ),
    (
        ["status", "--x"],
        "错误：plan status 没有 --x 这个选项。它的选项有 --as-of、--by、--json",
        "plan status has no option --x. Its options are --as-of, --by, --json",
    ),
    (
        ["status", "--as-off", "2023-06-30"],
        "没有 --as-off 这个选项。你是不是要用 --as-of？",
        "has no option --as-off. Did you mean --as-of?",
    ),
    (
        ["progress", "1.3", "60", "--nte", "x"],  # a command that lets -5 through to say why
        "错误：plan progress 没有 --nte 这个选项。你是不是要用 --note、--on？",
        "Error: plan progress has no option --nte. Did you mean --note or --on?",
    ),
    (
        ["status", "--as-of"],
        "错误：--as-of 后面要写一个值。例如：plan status --as-of 2023-06-30。",
        "Error: --as-of needs a value after it. For example: plan status --as-of 2023-06-30.",
    ),
    (
        ["status", "--json=yes"],
        "错误：--json 是一个开关，后面不能带值：只写 --json 即可。",
        "Error: --json is a switch and takes no value: write --json alone.",
    ),
    (
        ["status", "--by", "town"],
        "错误：--by 的值“town”不在可选之列：只能是 unit、lead、owner 之一。例如：plan status --by unit。",
        "Error: --by cannot be 'town': use one of unit, lead, owner. For example: plan status --by unit.",
    ),
    (
        ["log", "--limit", "x"],
        "错误：--limit 的值“x”不对：要写不小于 1 的整数。例如：plan log 1.1 --limit 20。",
        "Error: --limit cannot be 'x': write a whole number of 1 or more.",
    ),
    (
        ["log", "--limit", "0"],
        "错误：--limit 的值“0”不对：要写不小于 1 的整数。",
        "--limit cannot be '0'",
    ),
    (
        ["progress", "1.3", "八十"],
        "错误：PERCENT（进度）的值“八十”不对：不是数字，要用阿拉伯数字写，如 80。例如：plan progress 1.1.1 60。",
        "Invalid value for PERCENT: '八十' is not a number",
    ),
    (
        ["progress", "1.3", "150"],
        "错误：PERCENT（进度）的值“150”不对：应在 0 到 100 之间。",
        "'150' is out of range: use a number from 0 to 100",
    ),
    (
        ["record", "1.1", "25公里"],
        "错误：VALUE（数值）“25公里”的单位是“公里”，而 1.1 修塘 的计量单位是“处”",
        "Invalid value for VALUE: '25公里' is in 公里, but 1.1 修塘 is measured in 处",
    ),
    (
        ["note", "1.1", " "],
        "错误：TEXT（内容）不能为空：请写上内容，含空格的文字用引号括起来。",
        "must not be empty",
    ),
    (
        ["edit", "1.1", "--due", "2023-13"],
        "错误：--due “2023-13”不是有效日期：没有 13 月。可以写：日期（如 2023-06-30",
        "is not a valid date: there is no month 13",
    ),
    (
        ["show"],
        "错误：plan show 还缺少参数 ID（编号或名称片段）。例如：plan show 1.2。",
        "Error: plan show needs ID (Id or a fragment of the title). For example: plan show 1.2.",
    ),
    (
        ["block", "1.3"],
        '错误：plan block 还缺少选项 --reason（原因）。例如：plan block 1.1.1 --reason "资金未到位"。',
        'Error: plan block needs --reason (Why). For example: plan block 1.1.1 --reason "no funds yet".',
    ),
    (
        ["show", "1.2", "1.3"],
        "错误：plan show 后面多出了“1.3”：它的写法是 plan show [选项] ID。例如：plan show 1.2。",
        "Error: plan show got more than it takes ('1.3'): it is written plan show [OPTIONS] ID.",
    ),
    (
        ["note", "1.3", "已经", "完成"],
        "一段含空格的文字要用引号括起来。",
        "Put quotes around a text with spaces.",
    ),
    (
        ["stauts"],
        "错误：没有“stauts”这个命令。你是不是要用 status、start？全部命令见 plan --help",
        "Error: There is no command 'stauts'. Did you mean status or start?",
    ),
    (
        ["-f", "plan.toml"],
        "错误：没有给出要运行的命令。全部命令见 plan --help，例如：plan status。",
        "Error: No command given.",
    ),
    (
        ["status", "--lang", "fr"],
        "错误：--lang 的值“fr”不可用：只能是 zh（中文）或 en（英文）。",
        "Error: --lang cannot be 'fr': use zh (Chinese) or en (English).",
    ),
    (
        ["edit", "1.1"],
        "错误：请指定要修改的字段，例如 plan edit 1.1.1 --owner 张三",
        "Error: Say what to change: plan edit takes the fields to change as options",
    ),
    (
        ["list", "--status", "完了"],
        "错误：--status 的值“完了”不可用：可以写 未开始、进行中、已完成、受阻、已取消",
        "Invalid value for --status: '完了' is not one of the allowed values",
    ),
    (
        ["report", "--format", "docx"],
        "错误：Word 文档要写入文件，不能显示在终端上：请加 --out",
        "Invalid value for --format docx: a Word document is written to a file",
    ),
]


@pytest.mark.parametrize(("args", "chinese", "english"), USAGE_MISTAKES, ids=lambda v: str(v))
def test_a_usage_mistake_is_one_chinese_paragraph_with_the_right_form(
    small_plan, args, chinese, english
):
    before = small_plan.read_bytes()
    said = invoke(*args)
    assert said.exit_code == 2, said.output
    assert chinese in said.stderr
    assert one_paragraph(said.stderr) and said.stderr.startswith("错误：")
    assert "Error" not in said.stderr and said.stdout == ""
    assert small_plan.read_bytes() == before


@pytest.mark.parametrize(("args", "chinese", "english"), USAGE_MISTAKES, ids=lambda v: str(v))
def test_a_usage_mistake_is_english_with_lang_en(small_plan, args, chinese, english):
    if "--lang" in args:  # a bad --lang: the language comes from PLAN_LANG
        said = invoke(*args, env={"PLAN_LANG": "en"})
    else:
        said = invoke(*args, "--lang", "en")
    assert said.exit_code == 2, said.output
    assert english in said.stderr
    assert one_paragraph(said.stderr) and said.stderr.startswith("Error: ")
    assert "错误" not in said.stderr


def test_a_usage_mistake_names_an_example_of_the_right_form(small_plan):
    for args, _chinese, _english in USAGE_MISTAKES:
        said = invoke(*args).stderr
        assert any(word in said for word in ("例如", "只写", "可用", "可以写", "请写")), said


def test_a_chinese_command_name_is_suggested_by_its_command(small_plan):
    said = invoke("状太")  # a slip of the input method
    assert said.exit_code == 2 and "没有“状太”这个命令" in said.stderr
    # Before, nothing was suggested: two characters with one in common were not close enough.
    assert "你是不是要用 状态？" in said.stderr
    said = invoke("完承")
    assert said.exit_code == 2 and "你是不是要用 完成？" in said.stderr
    said = invoke("stätus")  # a Latin name with a letter from another keyboard
    assert said.exit_code == 2 and "你是不是要用 status" in said.stderr
    assert "你是不是要用" not in invoke("好").stderr


# ---------------------------------------------------------------- which language


def test_usage_errors_follow_plan_lang_env_and_the_plans_own_lang(plan_file, monkeypatch):
    write_plan(plan_file, SMALL_ITEMS)
    assert invoke("status", "--x").stderr.startswith("错误：")
    assert invoke("status", "--x", env={"PLAN_LANG": "en"}).stderr.startswith("Error: ")
    assert invoke("status", "--x", "--lang", "zh", env={"PLAN_LANG": "en"}).stderr.startswith(
        "错误："
    )
    write_plan(plan_file, SMALL_ITEMS, lang="en")
    assert invoke("status", "--x").stderr.startswith("Error: ")
    assert invoke("show").stderr.startswith("Error: plan show needs ID")
    assert invoke("status", "--x", "--lang", "zh").stderr.startswith("错误：")


@pytest.mark.parametrize(
    ("variables", "lang"),
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.Big5"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "POSIX"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_without_a_plan_the_system_locale_chooses(monkeypatch, variables, lang):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert system_lang() == lang
    # PLAN_FILE names a file that is not there: no plan applies.
    said = invoke("status", "--x")
    assert said.exit_code == 2
    assert said.stderr.startswith("错误：" if lang == "zh" else "Error: ")
    missing = invoke("status")
    assert missing.exit_code == 1
    assert ("文件不存在" if lang == "zh" else "no such file") in missing.stderr


def test_the_embedded_plan_is_chinese_as_the_help_assumes():
    text = store.embedded_plan_path().read_text(encoding="utf-8")
    assert tomllib.loads(text)["plan"]["lang"] == EMBEDDED_PLAN_LANG


# ---------------------------------------------------------------- help


def test_help_is_chinese_by_default_and_english_with_lang_en(small_plan):
    chinese = invoke("--help")
    assert chinese.exit_code == 0
    assert chinese.stdout.startswith("用法：plan [选项] 命令 [参数]...")
    assert "\n命令：\n" in chinese.stdout and "\n选项：\n" in chinese.stdout
    assert re.search(r"\n  status +各部分、各目标的完成情况与序时进度。\n", chinese.stdout)
    assert "  -h, --help            显示本帮助并退出。" in chinese.stdout
    assert "Usage" not in chinese.stdout and "Show this message" not in chinese.stdout
    english = invoke("--help", "--lang", "en")
    assert english.stdout.startswith("Usage: plan [OPTIONS] COMMAND [ARGS]...")
    assert re.search(r"\n  status +Completion and pace of every part and goal", english.stdout)
    assert invoke("--help", env={"PLAN_LANG": "en"}).stdout == english.stdout
    assert invoke("--lang", "en", "--help").stdout == english.stdout


def test_command_help_is_chinese_with_names_and_defaults_kept(small_plan):
    said = invoke("status", "--help")
    assert said.exit_code == 0
    assert said.stdout.startswith(
        "用法：plan status [选项]\n\n  各部分、各目标的完成情况与序时进度。\n"
    )
    assert "  --by <unit|lead|owner>  按责任分组：unit（牵头单位）" in said.stdout
    log = invoke("log", "--help").stdout
    assert "只显示最新的 N 条。 [默认：50; x>=1]" in log
    done = invoke("done", "--help").stdout
    assert "\n参数：\n  ID...  任务的编号或名称片段；可一次写多个。 [必填]\n" in done
    assert invoke("status", "--help", "--lang", "en").stdout.startswith(
        "Usage: plan status [OPTIONS]\n\n  Completion and pace"
    )


def test_help_follows_the_plans_own_language(plan_file):
    write_plan(plan_file, SMALL_ITEMS, lang="en")
    assert invoke("--help").stdout.startswith("Usage: plan")
    assert invoke("status", "--help").stdout.startswith("Usage: plan status")
    assert invoke("status", "--help", "--lang", "zh").stdout.startswith("用法：plan status")


def test_chinese_help_fits_the_terminal_and_keeps_words_whole(small_plan):
    group = typer.main.get_command(app)
    for name in [None, *group.commands]:  # type: ignore[attr-defined]
        args = ["--help"] if name is None else [name, "--help"]
        said = invoke(*args, env={"COLUMNS": "80"})
        assert said.exit_code == 0, said.output
        for line in said.stdout.splitlines():
            assert cells(line) <= 80, line
            assert not line.startswith(("，", "。", "）", "、", "；")), line
            assert line == line.rstrip(), line


def test_wrapping_never_breaks_a_number_or_a_latin_word():
    lines = wrap("完成时限：日期 2023-06-30、月份 2023-05（指月底）或季度 2023-Q2。", 20)
    assert all(cells(line) <= 20 for line in lines)
    joined = "\n".join(lines)
    for word in ("2023-06-30、", "2023-05", "2023-Q2。"):
        assert word in joined.replace("\n", " ") and any(word in line for line in lines)


def all_help_texts() -> list[str]:
    """Every help text plan --help or a command's --help can show, English."""
    group = typer.main.get_command(app)
    texts = [group.help, group.epilog]
    root = _click.Context(group, info_name="plan")
    texts += [p.help for p in group.get_params(root)]  # type: ignore[attr-defined]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        texts.append(command.help)
        context = _click.Context(command, parent=root, info_name=name)
        texts += [getattr(p, "help", None) for p in command.get_params(context)]
    return [" ".join(text.split()) for text in texts if text]


def test_every_help_text_has_its_chinese_and_no_chinese_is_left_over():
    """The Chinese help cannot drift: it is keyed by the English words, so an English help text
    changed (or added) without its Chinese fails here, and so does Chinese no text uses."""
    texts = all_help_texts()
    missing = [text for text in texts if text not in HELP_ZH]
    assert missing == [], "add the Chinese of these to quanhu_plan/cli/help_zh.py"
    unused = set(HELP_ZH) - set(texts)
    assert unused == set(), "remove (or re-key) these in quanhu_plan/cli/help_zh.py"
    for english, chinese in HELP_ZH.items():
        assert chinese.strip() and chinese != english


def test_help_does_not_import_rich_in_either_language():
    for extra in ([], ["--lang", "en"], ["status"]):
        code = (
            "import sys; from quanhu_plan.cli import main; "
            f"sys.argv=['plan', *{extra!r}, '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('rich' in sys.modules)"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip().endswith("False"), extra


# ---------------------------------------------------------------- questions


@pytest.mark.parametrize(
    ("typed", "removed"),
    [
        ("是\n", True),
        ("是的\n", True),
        ("好\n", True),
        ("确定\n", True),
        ("y\n", True),
        ("YES\n", True),
        ("ｙ\n", True),
        ("否\n", False),
        ("不\n", False),
        ("n\n", False),
        ("no\n", False),
        ("\n", False),
        ("", False),
    ],
)
def test_a_question_takes_shi_and_fou_as_well_as_y_and_n(small_plan, typed, removed, at_terminal):
    said = invoke("rm", "1.3", input=typed)
    plan = store.load(store.PlanSource(small_plan))
    assert ("1.3" not in plan.by_id()) is removed
    assert "删除 1.3 修机耕道？（可用 plan undo 恢复） [是/否，默认否]：" in said.stdout
    assert said.exit_code == (0 if removed else 1), said.output
    assert "invalid input" not in said.output


def test_an_answer_that_is_neither_asks_again(small_plan, at_terminal):
    said = invoke("rm", "1.3", input="嗯\n是\n")
    assert said.exit_code == 0, said.output
    assert "请回答“是”或“否”（也可以输入 y 或 n）。" in said.stderr
    assert said.stdout.count("[是/否，默认否]") == 2
    assert "1.3" not in store.load(store.PlanSource(small_plan)).by_id()


def test_an_english_question_takes_shi_too(small_plan, at_terminal):
    said = invoke("rm", "1.3", "--lang", "en", input="是\n")
    assert said.exit_code == 0, said.output
    assert "Remove 1.3 修机耕道? (plan undo brings it back) [y/N]: " in said.stdout


def test_reaching_the_target_asks_in_chinese_and_takes_shi(small_plan, at_terminal):
    said = invoke("record", "1.1", "40", input="是\n")
    assert said.exit_code == 0, said.output
    assert "是否同时销号？ [是/否，默认否]：" in said.stdout
    assert store.load(store.PlanSource(small_plan)).find("1.1").get("status") == "done"


def test_answers():
    assert [answer(word) for word in ("是", " 好的 ", "确认。", "OK", "ｎｏ", "取消", "嗯")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        None,
    ]


# ---------------------------------------------------------------- Chinese command names


def test_chinese_command_names_run_their_commands(small_plan):
    assert invoke("状态").stdout == invoke("status").stdout
    assert invoke("列表", "--flat").stdout == invoke("list", "--flat").stdout
    assert invoke("查看", "1.3").stdout == invoke("show", "1.3").stdout
    assert invoke("状态", "--help").stdout == invoke("status", "--help").stdout
    said = invoke("销号", "1.3", "--on", "2023-06-30")
    assert said.exit_code == 0, said.output
    assert "已销号 1.3" in said.stdout
    assert invoke("撤销").exit_code == 0
    assert invoke("进度", "1.3", "60").exit_code == 0
    assert invoke("备注", "1.3", "已开工").exit_code == 0
    assert "已开工" in invoke("日志", "1.3").stdout


def test_every_chinese_name_is_a_command_and_hidden_from_the_list(small_plan):
    group = typer.main.get_command(app)
    assert set(CHINESE_NAMES) == set(group.commands)  # type: ignore[attr-defined]
    assert len(ALIASES) == sum(len(names) for names in CHINESE_NAMES.values())
    listing = invoke("--help").stdout.split("命令：")[1]
    names = [row.split()[0] for row in listing.split("\n\n")[0].splitlines() if row.strip()]
    assert names == list(group.commands)  # type: ignore[attr-defined]
    epilog = invoke("--help").stdout.split("命令：")[1].split("\n\n", 1)[1]
    for alias in ("状态", "列表", "查看", "销号", "进度", "记录", "备注", "报告", "撤销", "日志"):
        assert alias in epilog and alias in ALIASES


def test_a_chinese_name_takes_the_quick_path_like_its_command(small_plan):
    """`plan 状态` builds only status, as `plan status` does (cli._build_only_the_invoked_command)."""
    code = (
        "import sys\n"
        "from quanhu_plan import cli\n"
        "cli._build_only_the_invoked_command(sys.argv[1:])\n"
        "print([cli._command_name(i) for i in cli.app.registered_commands])\n"
    )
    for name in ("状态", "status"):
        done = subprocess.run(
            [sys.executable, "-c", code, name], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == "['status']"
    ran = [
        subprocess.run(
            [sys.executable, "-m", "quanhu_plan", name, "--as-of", "2023-06-30"],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "100"},
        )
        for name in ("状态", "status")
    ]
    assert ran[0].returncode == ran[1].returncode == 0
    assert ran[0].stdout == ran[1].stdout


# ---------------------------------------------------------------- file errors


def test_a_missing_file_is_said_in_chinese_without_a_disk_space_hint(tmp_path):
    said = invoke("-f", "nothere.toml", "status")
    assert said.exit_code == 1
    assert said.stderr == "错误：无法读取 nothere.toml：文件不存在。请检查路径是否正确后重试。\n"
    english = invoke("-f", "nothere.toml", "status", "--lang", "en")
    assert (
        english.stderr
        == "Error: Cannot read nothere.toml: no such file. Check the path, then try again.\n"
    )


def test_a_new_file_in_a_folder_that_is_not_there(tmp_path):
    said = invoke("init", str(tmp_path / "no" / "plan.toml"))
    assert said.exit_code == 1
    assert "所在的文件夹不存在。请检查路径是否正确后重试。" in said.stderr
    assert "磁盘" not in said.stderr


@pytest.mark.parametrize(
    ("name", "reason", "advice"),
    [
        ("EACCES", "没有权限", "请检查你对该文件及其所在文件夹的权限"),
        ("EISDIR", "这是一个文件夹，不是文件", "请指定文件本身"),
        ("ENOSPC", "磁盘已满", "磁盘空间（或配额）已满"),
        ("EROFS", "所在的磁盘是只读的", "换一个可写的位置"),
        ("ENAMETOOLONG", "文件名或路径太长", "请换一个短一些的路径"),
        ("EIO", "读写磁盘时出错", "磁盘或网络盘可能出了问题"),
        ("EBUSY", "文件正被其他程序占用", "请关闭正在使用它的程序"),
    ],
)
def test_the_systems_reason_is_said_in_chinese_with_advice_that_fits(name, reason, advice):
    code = getattr(errno, name)
    error = PlanFileError("plan.toml", "write", os.strerror(code), code)
    said = error.message("zh")
    assert said.startswith(f"无法写入 plan.toml：{reason}。原文件没有改动。")
    assert advice in said
    assert os.strerror(code) not in said
    assert os.strerror(code) in error.message("en")
    if name not in ("ENOSPC",):
        assert "磁盘空间" not in said


def test_a_file_that_cannot_be_read_for_permission_is_said_in_chinese(small_plan, monkeypatch):
    real_open = os.open

    def refused(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == small_plan:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    said = invoke("status")
    monkeypatch.undo()
    assert said.exit_code == 1
    assert f"无法读取 {small_plan}：没有权限。请检查你对该文件及其所在文件夹的权限" in said.stderr
    assert "Permission denied" not in said.stderr


def test_the_readme_names_every_chinese_name_and_the_reference_shows_real_output(small_plan):
    repo = Path(__file__).resolve().parent.parent
    readme = (repo / "README.md").read_text(encoding="utf-8")
    reference = (repo / "docs" / "reference.md").read_text(encoding="utf-8")
    table: dict[str, tuple[str, ...]] = {}
    rows = readme.partition("| command | 中文命令名 |")[2].partition("|---|---|---|---|---|---|\n")[
        2
    ]
    for row in rows.split("\n\n")[0].splitlines():
        cells_ = [cell.strip() for cell in row.strip().strip("|").split("|")]
        for name, names in zip(cells_[::2], cells_[1::2], strict=True):
            if name:
                table[name] = tuple(n.strip() for n in names.split(","))
    assert table == CHINESE_NAMES
    said = invoke("status", "--as-of", "2023/13/45")
    assert f"`{said.stderr.strip()}`" in reference.replace("\n", "")


def test_a_half_written_plan_names_the_systems_reason_in_chinese():
    from quanhu_plan.errors import InterruptedWrite

    error = InterruptedWrite("plan.toml", ".plan.toml.journal", os.strerror(errno.EACCES))
    assert "但现在无法完成写入：没有权限。" in error.message("zh")
    assert os.strerror(errno.EACCES) in error.message("en")


def test_a_table_that_cannot_be_read_names_the_reason_in_chinese(tmp_path, monkeypatch):
    table = tmp_path / "表.csv"
    table.write_text("工作任务\n修塘\n", encoding="utf-8")

    opened = os.open

    def refused(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path) == table:  # (the table alone: the plan and its lock open as ever)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    said = invoke("import", str(table))
    monkeypatch.undo()
    assert said.exit_code == 1
    assert f"无法导入 {table}：无法读取（没有权限）。没有写入任何文件。" in said.stderr
