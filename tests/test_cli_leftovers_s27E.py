"""Session 27, task E: command-line leftovers an office clerk trips on. Each test shows one, as
the clerk met it through the command: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.conftest import write_plan

# ---------------------------------------------------------------- 1. a post is a whole post

_POSTS = [
    {"id": "1", "title": "重点工作"},
    {"id": "1.1", "title": "修塘", "lead": "镇长"},
    {"id": "1.2", "title": "安装路灯", "lead": "镇长助理"},
    {"id": "1.3", "title": "禁毒讲座", "lead": "副镇长"},
    {"id": "1.4", "title": "修机耕道", "lead": "党委书记、镇长"},
    {"id": "1.5", "title": "档案整理", "lead": "四级主任科员"},
    {"id": "1.6", "title": "征兵宣传", "lead": "人大主任"},
]


def test_who_镇长_finds_the_镇长s_tasks_not_the_镇长助理s(
    runner: CliRunner, plan_file: Path
) -> None:
    """`plan list --who 镇长` listed the 镇长助理's tasks as the 镇长's, and `report --owner 镇长`
    counted them into his year: 镇长 is the start of 镇长助理, another post."""
    write_plan(plan_file, _POSTS)
    listed = runner.invoke(app, ["list", "--who", "镇长", "--flat", "--as-of", "2023-06-30"])
    assert listed.exit_code == 0, listed.output
    assert "修塘" in listed.output and "修机耕道" in listed.output, listed.output
    assert "安装路灯" not in listed.output and "禁毒讲座" not in listed.output, listed.output
    report = runner.invoke(app, ["report", "--owner", "镇长", "--as-of", "2023-06-30"])
    assert report.exit_code == 0, report.output
    assert "共2项" in report.output, report.output
    assert "安装路灯" not in report.output, report.output
    # The longer post typed whole finds its own.
    helper = runner.invoke(app, ["list", "--who", "镇长助理", "--flat", "--as-of", "2023-06-30"])
    assert "安装路灯" in helper.output and "修塘" not in helper.output, helper.output
    # 主任 is not the 主任科员 (a rank), but finds the 人大主任.
    head = runner.invoke(app, ["list", "--who", "主任", "--flat", "--as-of", "2023-06-30"])
    assert "征兵宣传" in head.output and "档案整理" not in head.output, head.output
    # A name, not a post, is still found by a part of it, as before.
    unit = runner.invoke(app, ["list", "--who", "书记", "--flat", "--as-of", "2023-06-30"])
    assert "修机耕道" in unit.output, unit.output


# ---------------------------------------------------------------- 2. 综治办/ is 综治办


def test_a_trailing_slash_is_no_part_of_a_unit_name(runner: CliRunner, plan_file: Path) -> None:
    """A 牵头单位 written 综治办/ (the table's 综治办/司法所 with the second unit deleted) made a
    unit 综治办/ beside 综治办 in status --by unit: one office counted twice."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "平安建设"},
            {"id": "1.1", "title": "禁毒讲座", "lead_unit": "综治办/"},
            {"id": "1.2", "title": "矛盾排查", "lead_unit": "综治办"},
            {"id": "1.3", "title": "普法宣传", "lead_unit": "／司法所"},
        ],
    )
    result = runner.invoke(app, ["status", "--by", "unit", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "综治办/" not in result.output and "／司法所" not in result.output, result.output
    assert "0/2" in result.output and "司法所" in result.output, result.output
    from quanhu_plan.names import split_names

    assert split_names("综治办/") == ["综治办"]
    assert split_names("综治办/司法所/") == ["综治办", "司法所"]
    assert split_names("Police/") == ["Police"]
    assert split_names("1/2") == ["1/2"]


# ---------------------------------------------------------------- 3. Ctrl-C after the save


def _interrupted(lines: object) -> None:
    raise KeyboardInterrupt


def test_a_ctrl_c_after_an_undo_was_saved_says_so_and_not_to_undo_again(
    runner: CliRunner, small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after plan undo was saved said 要撤销用 plan undo: a second undo takes back the
    change before, not this one."""
    from quanhu_plan.cli import change

    assert runner.invoke(app, ["note", "1.3", "夜里补记", "--by", "王五"]).exit_code == 0
    monkeypatch.setattr(change, "print_after_save", _interrupted)
    result = runner.invoke(app, ["undo", "--by", "王五"])
    assert result.exit_code == 130
    assert "已中断，但这次撤销在中断前已经保存" in result.output, result.output
    assert "再运行 plan undo 会撤销更早的一次修改" in result.output, result.output
    assert "要撤销用 plan undo" not in result.output
    log = tomllib.loads(small_plan.read_text(encoding="utf-8"))["item"][3]["log"]
    assert [entry.get("action") for entry in log] == ["note", "undo"]


def test_a_ctrl_c_after_fmt_rewrote_the_file_says_it_was(
    runner: CliRunner, small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plan fmt cut short by Ctrl-C after the rewrite exited 130 in silence."""
    from quanhu_plan.cli import read

    small_plan.write_text(small_plan.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    monkeypatch.setattr(read, "print_after_save", _interrupted)
    result = runner.invoke(app, ["fmt"])
    assert result.exit_code == 130
    assert "已中断，但文件在中断前已经整理并保存" in result.output, result.output
    assert not small_plan.read_text(encoding="utf-8").endswith("\n\n")


def test_a_ctrl_c_before_fmt_wrote_says_nothing_was_saved(
    runner: CliRunner, small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quanhu_plan import store

    before = small_plan.read_text(encoding="utf-8") + "\n\n\n"
    small_plan.write_text(before, encoding="utf-8")

    def cut(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "update", cut)
    result = runner.invoke(app, ["fmt"])
    assert result.exit_code == 130
    assert "已经保存" not in result.output
    assert small_plan.read_text(encoding="utf-8") == before


# ---------------------------------------------------------------- 5. an empty id


@pytest.mark.parametrize(
    "words",
    [["show", ""], ["show", "  "], ["done", ""], ["note", "", "补记"], ["log", ""]],
)
def test_an_empty_id_is_a_usage_error(
    runner: CliRunner, small_plan: Path, words: list[str]
) -> None:
    """`plan show ""` (a script's unset $ID) said there is no item named “”: exit 1, as if the
    plan lacked one, where nothing was typed."""
    before = small_plan.read_bytes()
    result = runner.invoke(app, words)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "ID（编号）是空的" in result.output, result.output
    assert small_plan.read_bytes() == before


# ---------------------------------------------------------------- 7. a zero-width non-joiner


def test_a_zero_width_non_joiner_in_a_title_is_shown_as_its_escape(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """修\\u200c塘 (a non-joiner pasted from a web page) printed as 修塘: a title that looks like
    another's, where a zero-width space or a stray joiner in it is shown as its escape."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修\u200c塘", "owner": "王\u200c五"},
            {"id": "1.2", "title": "修塘"},
            {"id": "1.3", "title": "نامه\u200cها", "owner": "Ali"},  # Persian: the ZWNJ is spelling
        ],
    )
    listed = runner.invoke(app, ["list", "--flat", "--as-of", "2023-06-30"])
    assert listed.exit_code == 0, listed.output
    assert "修\\u200c塘" in listed.output and "王\\u200c五" in listed.output, listed.output
    assert "\u200c塘" not in listed.output
    assert "نامه\u200cها" in listed.output, listed.output
    shown = runner.invoke(app, ["show", "1.1"])
    assert shown.exit_code == 0 and "修\\u200c塘" in shown.output, shown.output
    markdown = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-06-30"])
    assert markdown.exit_code == 0, markdown.output
    assert "修\\\\u200c塘" in markdown.output and "\u200c塘" not in markdown.output
    out = tmp_path / "总结.docx"
    word = runner.invoke(app, ["report", "--out", str(out), "--as-of", "2023-06-30"])
    assert word.exit_code == 0, word.output
    import zipfile

    document = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "修\\u200c塘" in document and "\u200c塘" not in document
    assert "نامه\u200cها" in document


# ---------------------------------------------------------------- 9. 受阻 at 100%


def test_block_on_a_task_at_100_percent_warns_as_check_does(
    runner: CliRunner, plan_file: Path, clock: object
) -> None:
    """plan block on a task whose progress is 100% (or whose figure reached its target) said
    nothing, where plan check and plan show warn of 受阻 at 100%: the report then lists a task
    whose work is done among the problems."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修机耕道", "progress": 100},
            {"id": "1.2", "title": "修塘", "measure": "处", "target": 40, "actual": 40},
            {"id": "1.3", "title": "安装路灯", "progress": 60},
        ],
    )
    result = runner.invoke(app, ["block", "1.1", "--reason", "验收资金未到位"])
    assert result.exit_code == 0, result.output
    assert "已标记受阻 1.1 修机耕道" in result.output, result.output
    assert (
        "注意：1.1 修机耕道 状态为受阻，但进度为 100%：各处仍显示为受阻，总结列入存在的问题。"
        "受阻已解决的，核实后用 plan done 1.1 销号；仍受阻的，可用 plan note 1.1 写明还差什么。"
    ) in result.output, result.output
    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    assert items[1]["status"] == "blocked" and items[1]["reason"] == "验收资金未到位"
    figure = runner.invoke(app, ["--lang", "en", "block", "1.2", "--reason", "待验收"])
    assert figure.exit_code == 0, figure.output
    assert (
        "Note: 1.2 修塘 is blocked, but the figure 40处 has reached the target 40处 (100%)"
    ) in figure.output, figure.output
    below = runner.invoke(app, ["block", "1.3", "--reason", "资金未到位"])
    assert below.exit_code == 0 and "注意" not in below.output, below.output
    # A blocked task brought to 100% by plan progress or plan record is warned of the same way.
    reached = runner.invoke(app, ["progress", "1.3", "100"])
    assert reached.exit_code == 0, reached.output
    assert "注意：1.3 安装路灯 状态为受阻，但进度为 100%" in reached.output, reached.output
    assert runner.invoke(app, ["record", "1.2", "38"]).exit_code == 0
    back = runner.invoke(app, ["record", "1.2", "41"])
    assert "注意：1.2 修塘 状态为受阻，但完成值 41处 已达到目标值 40处" in back.output, back.output


# ---------------------------------------------------------------- 6. PLAN_LANG=fr


def test_an_unknown_plan_lang_is_said_once_and_the_plans_language_is_used(
    runner: CliRunner, small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PLAN_LANG=fr was ignored in silence: the user who set it never learnt why the output
    stayed Chinese. An environment setting is not refused (it would stop every command, git's
    merge driver too), but said, once, on stderr, with the values --lang takes."""
    monkeypatch.setenv("PLAN_LANG", "fr")
    said = "注意：环境变量 PLAN_LANG 的值“fr”不可用，已忽略：只能是 zh（中文）或 en（英文）。"
    result = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "测试镇2023年工作计划 · 截至 2023-06-30" in result.stdout
    assert result.stderr.count(said) == 1, result.stderr
    assert said not in result.stdout
    change = runner.invoke(app, ["note", "1.3", "已开工"])
    assert change.exit_code == 0, change.output
    assert change.stderr.count(said) == 1, change.stderr
    assert tomllib.loads(small_plan.read_text(encoding="utf-8"))["item"][3]["log"][0]["note"] == (
        "已开工"
    )
    english = write_plan(small_plan.parent / "en.toml", [{"id": "1", "title": "Roads"}], lang="en")
    told = runner.invoke(app, ["-f", str(english), "status", "--as-of", "2023-06-30"])
    assert told.exit_code == 0, told.output
    assert told.stderr.count("PLAN_LANG is 'fr', which is not a language") == 1, told.stderr
    typed = runner.invoke(app, ["--lang", "en", "status", "--as-of", "2023-06-30"])
    assert typed.exit_code == 0 and typed.stderr == "", typed.stderr
    monkeypatch.setenv("PLAN_LANG", "en_US.UTF-8")  # a locale's way of writing en: known
    locale = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert locale.exit_code == 0 and locale.stderr == "", locale.stderr


# ---------------------------------------------------------------- 8. a finished plan's report


def test_a_finished_plans_report_is_dated_at_its_last_record_not_today(
    runner: CliRunner, small_plan: Path, clock: object
) -> None:
    """A 2023 plan with a tick-off dated after its end (done --on 2024-01-05, as a year-end
    acceptance is) gave a report 截至 today (2026…) and signed today: a year-end summary is dated
    at the plan's end, or at its last record where there is one after it; and says so."""
    clock.now = dt.datetime(2024, 1, 8, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # type: ignore[attr-defined]
    done = runner.invoke(app, ["done", "1.3", "--on", "2024-01-05"])
    assert done.exit_code == 0, done.output
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    assert "截至2024年1月5日，测试镇2023年工作计划共安排任务" in result.output, result.output
    assert "本总结记至2024年1月5日，即计划中最晚一条记录的日期；序时进度按2023年12月31日计。" in (
        result.output
    ), result.output
    assert str(dt.date.today().year) + "年" not in result.output
    markdown = runner.invoke(app, ["report", "--format", "md"])
    assert "测试镇人民政府\\\n截至2024年1月5日" in markdown.output, markdown.output
    assert "测试镇人民政府\\\n2024年1月5日\n" in markdown.output, markdown.output  # signed
    # Without a record after the end, the report is of the plan's end, unsaid as before.
    plain = write_plan(small_plan.parent / "plain.toml", [{"id": "1", "title": "修路"}])
    ended = runner.invoke(app, ["-f", str(plain), "report"])
    assert ended.exit_code == 0, ended.output
    assert "截至2023年12月31日" in ended.output and "本总结记至" not in ended.output


# ---------------------------------------------------------------- 4. PLAN_FILE=https://…, ~/…


@pytest.mark.parametrize("how", ["PLAN_FILE", "--file"])
def test_a_web_address_for_the_plan_says_to_download_it_first(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """PLAN_FILE=https://… (the county's shared link pasted) was read as a path, its // made one:
    无法读取 https:/example.com/plan.toml：文件不存在, which names no file anyone wrote."""
    address = "https://example.com/县里/plan.toml"
    if how == "PLAN_FILE":
        monkeypatch.setenv("PLAN_FILE", address)
        result = runner.invoke(app, ["status"])
    else:
        result = runner.invoke(app, ["--file", address, "status"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "https:/example" not in result.output
    assert f"{address} 是网址，不是本机上的文件" in result.output, result.output
    assert "先把计划文件下载到本机" in result.output, result.output
    if how == "PLAN_FILE":
        assert "环境变量 PLAN_FILE" in result.output, result.output
    english = runner.invoke(app, ["--lang", "en", "-f", "ftp://10.0.0.1/plan.toml", "list"])
    assert english.exit_code == 1, english.output
    assert "ftp://10.0.0.1/plan.toml is a web address, not a file on this computer" in (
        english.output
    ), english.output


def test_a_tilde_in_plan_file_is_the_home_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: object
) -> None:
    """PLAN_FILE=~/plan.toml set where no shell expands it (a Windows dialog, a quoted value)
    was looked for in a folder named ~: 无法读取 ~/plan.toml. The ~ is the home folder, as
    the user meant, and a message names the file it stands for."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    write_plan(home / "plan.toml", [{"id": "1", "title": "修塘"}], title="家里的2023年计划")
    monkeypatch.setenv("PLAN_FILE", "~/plan.toml")
    result = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "家里的2023年计划" in result.output, result.output
    done = runner.invoke(app, ["done", "1", "--on", "2023-06-01"])
    assert done.exit_code == 0, done.output
    assert tomllib.loads((home / "plan.toml").read_text(encoding="utf-8"))["item"][0]["status"] == (
        "done"
    )
    assert not (tmp_path / "~").exists()
    quoted = runner.invoke(app, ["-f", "~/plan.toml", "show", "1"])
    assert quoted.exit_code == 0 and "修塘" in quoted.output, quoted.output
    checked = runner.invoke(app, ["check"])  # which file was read: named as it is
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith(f"{home / 'plan.toml'}：没有发现问题"), checked.output
    monkeypatch.setenv("PLAN_FILE", "~/计划/泉湖镇.toml")
    missing = runner.invoke(app, ["status"])
    assert missing.exit_code == 1, missing.output
    where = home / "计划" / "泉湖镇.toml"
    assert f"无法读取 {where}：文件不存在。" in missing.output, missing.output
    assert "这个路径来自环境变量 PLAN_FILE（~/计划/泉湖镇.toml，~ 即主目录 " in missing.output


# ---------------------------------------------------------------- 10. a slip of a known key

_SLIPPED = """[plan]
title = "测试镇2023年工作计划"
year = 2023
lang = "zh"

[[item]]
id = "1"
title = "基础设施"

[[item]]
id = "1.1"
title = "修塘"
staus = "done"
ownr = "王五"
deadline = 2023-06-30
"联系电话" = "0734-1234567"

[[item]]
id = "1.2"
title = "修路"

[item.extra]
status = "done"
ownr = "李四"
"来源" = "县里下达"
"""


def test_check_names_a_slip_and_fields_put_in_a_table_of_their_own(
    runner: CliRunner, plan_file: Path, clock: object
) -> None:
    """Fields typed under an [item.extra] table (status, ownr) were kept and did nothing, and
    plan check said nothing of them, where it names a slip typed in the item itself (staus for
    status). Unknown fields survive a change, as promised; a custom one (联系电话, 来源) goes
    without a word."""
    plan_file.write_text(_SLIPPED, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"{plan_file}：没有发现问题" in out, out
    assert "第 13 行，事项 1.1，字段 staus：" in out and "是不是要写 status？" in out, out
    assert "第 14 行，事项 1.1，字段 ownr：" in out and "是不是要写 owner？" in out, out
    assert "第 15 行，事项 1.1，字段 deadline：" in out and "是不是要写 due？" in out, out
    assert "第 22 行，事项 1.2，字段 extra：" in out, out
    assert (
        "[item.extra] 是事项 1.2 下的一张表，其中的 status、ownr 不是这个事项的字段，原样保留但"
        "不起作用；要起作用，请直接写在 [[item]] 下（status、owner），再删去这张表里的这几行。"
    ) in out, out
    assert "联系电话" not in out and "另有 4 处值得留意" in out, out  # a custom field: unsaid
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert "[item.extra] is a table under item 1.2: status, ownr in it are no fields of the" in (
        english.output
    ), english.output
    note = runner.invoke(app, ["note", "1.2", "已开工", "--on", "2023-03-01"])
    assert note.exit_code == 0, note.output
    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    assert items[1]["staus"] == "done" and items[1]["deadline"] == dt.date(2023, 6, 30)
    assert items[2]["extra"] == {"status": "done", "ownr": "李四", "来源": "县里下达"}


def test_an_empty_id_is_shown_with_the_command_it_was_typed_for(
    runner: CliRunner, small_plan: Path
) -> None:
    result = runner.invoke(app, ["rm", " "])
    assert result.exit_code == 2, result.output
    assert "如 plan rm 1.2；" in result.output, result.output
    english = runner.invoke(app, ["--lang", "en", "note", "", "x"])
    assert english.exit_code == 2, english.output
    assert "the ID is empty: give an item's id or a fragment of its title, as in plan note 1.2" in (
        english.output
    ), english.output


def test_an_unknown_plan_lang_is_said_by_the_county_view_too(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import towns_with_a_july_year

    folder = towns_with_a_july_year(tmp_path / "县")
    monkeypatch.setenv("PLAN_LANG", "fr")
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("环境变量 PLAN_LANG 的值“fr”不可用") == 1, result.stderr


def test_plan_init_reads_plan_file_as_every_command_does(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PLAN_FILE=~/计划.toml plan init (the guide's one file for every command) wrote a folder
    named ~ in the current one, where no other command would look; a web address made a
    folder https: with the rest of the address under it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("PLAN_FILE", "~/计划.toml")
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert str(home / "计划.toml") in result.output, result.output
    assert (home / "计划.toml").is_file() and not (tmp_path / "~").exists()
    status = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert status.exit_code == 0 and "泉湖镇2023年工作计划" in status.output, status.output
    quoted = runner.invoke(app, ["init", "~/二号.toml"])
    assert quoted.exit_code == 0 and (home / "二号.toml").is_file(), quoted.output
    monkeypatch.setenv("PLAN_FILE", "https://example.com/plan.toml")
    web = runner.invoke(app, ["init"])
    assert web.exit_code == 1, web.output
    assert "是网址，不是本机上的文件" in web.output and not (tmp_path / "https:").exists()
