"""Hostile text: control characters in any field of a plan, or typed on the command line, are
shown and never obeyed by the terminal, in the output of every command (through a pipe and on a
terminal); JSON output stays exact, and the Word report is written."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.controls import json_text, visible

from .conftest import write_plan

HOSTILE = (
    "\x1b[2J"  # CSI 2J: clear the screen
    "\x1b]52;c;cHduZWQ=\x07"  # OSC 52 ended by BEL: write the clipboard
    "\x1b]52;c;cHduZWQ=\x1b\\"  # OSC 52 ended by ST
    "\x1b]0;pwned\x07"  # OSC 0: the window title
    "\x1b]8;;http://evil\x1b\\点我\x1b]8;;\x1b\\"  # OSC 8: a hidden link
    "\x1b[5;7m"  # a colour code the tool never uses (blink, reverse)
    "\x07\x08\r\x00\x0b\x0c\x7f\t"  # BEL, backspace, CR, NUL, VT, FF, DEL, tab
    "\x9b2J\x9d0;t\x9c"  # C1: CSI, OSC, ST
    "\ufffe\uffff"  # non-characters, which XML refuses
    "\u2028"  # a line separator (pasted from Word): shown as a line break
    "\u202e\u2066"  # bidi override and isolate
    "\u200f\u061c"  # bidi marks (right-to-left, Arabic letter)
)
HOSTILE_ID = "9\x1b]0;id\x07\x9b"  # ids are text too
# What of it a file name may hold on Windows too (no C0 control: plan refuses those names).
HOSTILE_NAME = "\x9b\u202e\u2066"

# Nothing of this may reach the output; a terminal run may carry the tool's own colour codes.
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")
TERMINAL_ENV = {
    "TTY_COMPATIBLE": "1",  # rich >= 14
    "FORCE_COLOR": "1",  # rich 13
    "TERM": "xterm-256color",
    "NO_COLOR": None,
}


def hostile_items() -> list[dict]:
    h = HOSTILE
    return [
        {"id": "1", "title": f"基础{h}", "lead": f"张三{h}", "detail": f"内容{h}", f"备注{h}": h},
        {
            "id": "1.1",
            "title": f"[x] 修塘{h}",
            "measure": f"处{h}",
            "baseline": 30,
            "target": 40,
            "actual": 20,
            "owner": f"王五{h}",
            "lead_unit": f"规划办{h}",
            "support_units": [f"水利站{h}"],
            "evidence": [f"验收单{h}.pdf"],
        },
        {
            "id": "1.2",
            "title": f"路灯{h}",
            "status": "done",
            "done_on": dt.date(2023, 3, 1),
            "evidence": [h],
        },
        {
            "id": "1.3",
            "title": f"机耕道{h}",
            "status": "blocked",
            "reason": f"资料不全{h}",
            "due": dt.date(2023, 3, 31),
            "progress": 50,
        },
        {"id": "2", "title": f"社会{h}"},
        {"id": "2.1", "title": f"花鼓戏{h}", "status": "dropped", "reason": f"场地{h}"},
        {"id": "2.2", "title": f"禁毒{h}", "progress": 80, "owner": h},
        {"id": HOSTILE_ID, "title": f"专项{h}", "parent": ""},
        {"id": f"{HOSTILE_ID}.1", "title": f"子项{h}", "lead_unit": h},
    ]


@pytest.fixture
def hostile_plan(plan_file: Path) -> Path:
    return write_plan(
        plan_file, hostile_items(), title=f"泉湖镇{HOSTILE}计划", organisation=f"{HOSTILE}政府"
    )


def every_command(tmp_path: Path) -> list[tuple[list[str], str | None]]:
    """(arguments, input) for every command, changes included, in an order that
    works on the hostile plan; each run sees the changes of the runs before it."""
    h = HOSTILE
    n = HOSTILE_NAME
    return [
        (["status", "--as-of", "2023-06-30"], None),
        (["status", "--by", "owner"], None),
        (["list"], None),
        (["list", "--flat"], None),
        (["show", "1.1"], None),
        (["show", "1"], None),
        (["show", HOSTILE_ID], None),
        (["check"], None),
        (["report"], None),
        (["report", "--format", "md"], None),
        (["report", "--format", "json"], None),
        (["report", "--format", "docx", "--out", str(tmp_path / f"总结{n}.docx")], None),
        (["export", "--out", str(tmp_path / f"推进{n}.xlsx")], None),
        (["export", "--out", str(tmp_path / f"推进{n}.csv")], None),
        (["init", str(tmp_path / f"新{n}计划.toml")], None),
        (["note", "1.1", f"进展{h}", "--by", f"李四{h}"], None),
        (["done", "1.1", "--note", h, "--evidence", h, "--by", h], None),
        (["reopen", "1.1", "--note", h], None),
        (["start", "1.3", "--note", h], None),
        (["block", "1.1", "--reason", h], None),
        (["drop", "1.1", "--reason", h], None),
        (["reopen", "1.1"], None),
        (["progress", "2.2", "60", "--note", h], None),
        (["record", "1.1", "40"], "n\n"),  # asks whether to tick it off, naming the task
        (["done", "2.2", "--on", "2024-05-01"], None),  # a warning: outside the plan period
        (
            ["add", "1", f"新任务{h}", "--owner", h, "--lead", h, "--unit", h, "--support", h]
            + ["--detail", h, "--measure", h, "--target", "5", "--note", h],
            None,
        ),
        (["edit", "1.1", "--title", f"[x] 新名{h}", "--owner", h, "--reason", h], None),
        (["move", "1.3", "2", "--note", h], None),
        (["rm", "2.2"], "y\n"),  # asks first, naming the task
        (["undo", "--anyone", "--by", h], None),
        (["undo"], None),
        (["header", "--title", f"泉湖镇{h}2024年计划", "--year", "2024", "--note", h], None),
        (["header"], None),
        (["new", "2025", "--carry", "--out", str(tmp_path / "下一年.toml")], None),
        (["undo"], None),
        (["log"], None),
        (["log", "1.1"], None),
        (["show", "1.1"], None),
    ]


def errors(tmp_path: Path) -> list[list[str]]:
    """Commands that fail and echo back what was typed or found."""
    h = HOSTILE
    path = HOSTILE.replace("\x00", "")  # a command line cannot carry NUL (C strings)
    return [
        ["show", f"无此事项{h}"],  # unknown item
        ["--lang", "en", "show", f"none{h}"],
        ["show", "\x1b[2J"],  # in every title: ambiguous, the candidates listed
        ["status", "--as-of", f"2023{h}"],  # a bad date (usage error)
        ["status", "--by", h],  # not one of the choices
        ["status", f"--x{h}"],  # no such option
        ["status", f"extra{h}"],  # an unexpected argument
        [f"cmd{h}"],  # no such command
        ["--file", str(tmp_path / f"无{path}.toml"), "status"],  # the path in the message
        ["progress", "1.1", f"5{h}"],  # not a number
        ["report", "--out", str(tmp_path / f"r{path}.txt")],  # no format from that suffix
        # a name with control characters, which no Windows file name holds: refused, shown
        ["report", "--format", "docx", "--out", str(tmp_path / f"总结{h[:8]}.docx")],
        ["export", "--out", str(tmp_path / f"推进{h[:8]}.xlsx")],
        ["init", str(tmp_path / "新\x1b]0;t\x07\x9b计划.toml")],
    ]


def assert_inert(output: str, terminal: bool) -> None:
    shown = SGR.sub("", output) if terminal else output
    bad = FORBIDDEN.search(shown)
    assert bad is None, (
        f"{bad.group()!r} reached the output: {shown[max(bad.start() - 60, 0) : bad.end() + 60]!r}"
    )
    assert "\x1b[5;7m" not in output  # the one SGR in the hostile text is not obeyed either


@pytest.mark.parametrize(
    ("terminal", "lang"),
    [(False, "zh"), (True, "zh"), (False, "en")],
    ids=["pipe", "terminal", "en"],
)
def test_no_control_character_in_the_text_reaches_the_output_of_any_command(
    hostile_plan, tmp_path, terminal, lang, at_terminal
):
    runner = CliRunner()
    env = {**(TERMINAL_ENV if terminal else {}), "PLAN_LANG": lang}
    outputs: dict[str, str] = {}
    for args, answer in every_command(tmp_path):
        result = runner.invoke(app, args, input=answer, env=env, color=terminal)
        assert result.exit_code == 0, (args, result.output)
        assert result.exception is None, (args, result.exception)  # never a traceback
        assert_inert(result.output, terminal)
        outputs[args[0]] = outputs.get(args[0], "") + result.output
    for args in errors(tmp_path):
        result = runner.invoke(app, args, env=env, color=terminal)
        assert result.exit_code in (1, 2), (args, result.output)
        assert isinstance(result.exception, SystemExit), (args, result.exception)
        assert_inert(result.output, terminal)
        assert "\\x1b" in result.output  # shown, as typed or found
    # Shown, not dropped: the escape sequences print as text.
    assert "\\x1b[2J" in outputs["note"]
    assert "\\x1b" in outputs["status"] and "\\x1b" in outputs["show"]
    # done's one line quotes the title cut at 40 characters (texts.title_in_line), before the
    # RLO near its end; show gives the whole title, the RLO shown.
    assert "\\x1b[2J" in outputs["done"] and "…" in outputs["done"]
    assert "\\u202e" in outputs["show"]
    if terminal:  # colour is still there: the forced terminal took effect
        assert SGR.search(outputs["status"])


def run_on_a_terminal(args: list[str]) -> tuple[int, str]:
    """``plan ARGS`` in a subprocess whose stdout and stderr are a real terminal (a pty that
    passes bytes unchanged), as a user at a terminal would see it."""
    import pty
    import subprocess
    import termios

    main, sub = pty.openpty()
    attrs = termios.tcgetattr(sub)
    attrs[1] &= ~termios.OPOST  # no LF -> CR LF: every byte as the program wrote it
    termios.tcsetattr(sub, termios.TCSANOW, attrs)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TTY_COMPATIBLE")}
    env.update(TERM="xterm-256color", COLUMNS="120")
    command = [sys.executable, "-m", "quanhu_plan", *args]
    proc = subprocess.Popen(command, stdin=sub, stdout=sub, stderr=sub, env=env)
    os.close(sub)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the program has ended and closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty (POSIX)")
def test_on_a_real_terminal_only_the_tools_own_colour_codes_reach_it(hostile_plan):
    for args, code in (
        (["show", "1.1"], 0),
        (["note", "1.1", f"进展{HOSTILE.replace(chr(0), '')}"], 0),
        (["show", "无此\x1b[2J\x9b事项"], 1),
        (["status", "--as-of", "\x1b]0;x\x07"], 2),
    ):
        status, output = run_on_a_terminal(args)
        assert status == code, (args, output)
        assert_inert(output, terminal=True)
        assert "\\x1b" in output
    assert SGR.search(run_on_a_terminal(["status"])[1])  # colour: it was a terminal


def test_a_title_with_brackets_still_prints_as_written(runner, plan_file):
    write_plan(plan_file, [{"id": "1", "title": "部分"}, {"id": "1.1", "title": "[x] 修塘\x1b[2J"}])
    for args in (["show", "1.1"], ["list"], ["list", "--flat"], ["report"], ["note", "1.1", "x"]):
        result = runner.invoke(app, args)
        assert "[x] 修塘\\x1b[2J" in result.output, args


def column_starts(output: str, pattern: str) -> set[int]:
    """The cell offsets at which ``pattern`` first occurs on each line that has it."""
    from rich.cells import cell_len

    starts = set()
    for line in output.splitlines():
        found = re.search(pattern, line)
        if found:
            starts.add(cell_len(line[: found.start()]))
    return starts


def test_control_characters_are_escaped_before_layout_so_columns_stay_aligned(runner, hostile_plan):
    runner.invoke(app, ["note", "1.1", f"进展{HOSTILE}", "--by", HOSTILE])
    runner.invoke(app, ["done", "1.3", "--note", HOSTILE])
    for args, column in (
        (["status"], "[█░]"),
        (["list", "--flat"], "未开始|进行中|受阻|已完成|已取消"),
        (["log"], "(销号|进展)  (?=日期)"),  # the action column, then the change
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert len(column_starts(result.output, column)) == 1, (args, result.output)


def test_a_long_name_in_the_log_does_not_push_the_other_columns_out(runner, hostile_plan):
    runner.invoke(app, ["note", "1.1", "开工", "--by", "很长的记录人名字" * 8])
    result = runner.invoke(app, ["log"])
    assert "进展" in result.output and "1.1" in result.output and "开工" in result.output


def test_the_console_shows_a_control_character_whatever_drew_it(capsys):
    from rich.text import Text

    from quanhu_plan.terminal.console import console

    console().print(Text("修塘\x1b]0;x\x9b"))  # not through user_text: the console catches it
    assert capsys.readouterr().out == "修塘\\x1b]0;x\\x9b\n"


def test_json_output_reads_back_exactly_and_carries_no_raw_control(runner, hostile_plan):
    runner.invoke(app, ["note", "1.1", f"进展{HOSTILE}"])
    shown = runner.invoke(app, ["show", "1.1", "--json"]).output
    assert json.loads(shown)["title"] == f"[x] 修塘{HOSTILE}"
    part = json.loads(runner.invoke(app, ["show", "1", "--json"]).output)
    assert (part["title"], part[f"备注{HOSTILE}"]) == (f"基础{HOSTILE}", HOSTILE)
    listed = json.loads(runner.invoke(app, ["list", "--json"]).output)
    assert {item["title"] for item in listed} >= {f"基础{HOSTILE}", f"子项{HOSTILE}"}
    assert any(item["id"] == HOSTILE_ID for item in listed)
    status = json.loads(runner.invoke(app, ["status", "--json"]).output)
    assert status["plan"]["title"] == f"泉湖镇{HOSTILE}计划"
    log = json.loads(runner.invoke(app, ["log", "--json"]).output)
    assert log[0]["note"] == f"进展{HOSTILE}"
    report = runner.invoke(app, ["report", "--format", "json"]).output
    content = json.loads(report)
    # The report sets a title on one line (texts.one_line): its line separator goes, as a line
    # feed does; every other character is kept exactly.
    one_line = HOSTILE.replace("\u2028", "")
    assert (content["plan_title"], content["organisation"]) == (
        f"泉湖镇{one_line}计划",
        f"{one_line}政府",
    )
    for output in (shown, report):
        assert FORBIDDEN.search(output) is None
        assert "\\u009b" in output and "\\u202e" in output and "\\u001b" in output


def test_markdown_report_shows_control_characters_as_text(runner, hostile_plan):
    result = runner.invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert FORBIDDEN.search(result.output) is None
    # The backslash of the visible escape is itself escaped for Markdown: it renders as \x1b.
    assert "\\\\x1b\\[2J" in result.output


def test_word_report_is_written_with_control_characters_shown(runner, hostile_plan, tmp_path):
    from lxml import etree

    target = tmp_path / "总结.docx"
    result = runner.invoke(app, ["report", "--format", "docx", "--out", str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        core = docx.read("docProps/core.xml").decode("utf-8")
    for xml in (body, core):
        etree.fromstring(xml.encode("utf-8"))  # well-formed
        assert FORBIDDEN.search(xml) is None
        assert "\\x1b[2J" in xml and "\\ufffe" in xml
    assert "修塘" in body


XML_REFUSES = ["\x1b", "\x00", "\x01", "\x08", "\x0b", "\x0c", "\ufffe", "\uffff", "\x9b"]


def test_word_report_takes_titles_with_any_character_xml_refuses(runner, plan_file, tmp_path):
    items = [{"id": "1", "title": "部分"}]
    items += [{"id": f"1.{n}", "title": f"修塘{c}工程"} for n, c in enumerate(XML_REFUSES, 1)]
    write_plan(plan_file, items, title="计划\x1b\ufffe", organisation="镇\x00政府")
    target = tmp_path / "r.docx"
    result = runner.invoke(app, ["report", "--out", str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        core = docx.read("docProps/core.xml").decode("utf-8")
    for char in XML_REFUSES:
        assert f"修塘{visible(char)}工程" in body
    assert "<dc:creator>镇\\x00政府</dc:creator>" in core  # the author
    assert FORBIDDEN.search(core) is None


def test_an_unknown_item_is_echoed_back_with_its_escape_visible(runner, hostile_plan):
    result = runner.invoke(app, ["show", "无此\x1b[2J事项"])
    assert result.exit_code == 1
    assert "“无此\\x1b[2J事项”" in result.output
    english = runner.invoke(app, ["--lang", "en", "show", "none\x1b[2J"])
    assert "No item has the id or title 'none\\x1b[2J'. Run plan list" in english.output


def test_a_bad_as_of_date_is_echoed_back_with_its_escape_visible(runner, hostile_plan):
    result = runner.invoke(app, ["status", "--as-of", "\x1b]0;x\x07"])
    assert result.exit_code == 2
    assert "\\x1b]0;x\\x07" in result.output
    assert FORBIDDEN.search(result.output) is None


def test_check_names_a_hostile_value_without_obeying_it(runner, plan_file):
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘"}, {"id": f"1.{HOSTILE_ID}", "title": "x", "status": HOSTILE}],
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert FORBIDDEN.search(result.output) is None
    assert "\\x1b" in result.output


def test_shell_completion_shows_titles_without_their_control_characters(runner, hostile_plan):
    env = {"_PLAN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "plan show "}
    result = runner.invoke(app, [], env=env, prog_name="plan")
    assert result.exit_code == 0, result.output
    assert '"1.1":' in result.output and "\\x1b[2J" in result.output
    assert FORBIDDEN.search(result.output) is None


# ---------------------------------------------------------------- the functions themselves


def test_visible_shows_controls_keeps_line_feeds_and_leaves_plain_text_alone():
    plain = "[x] 修塘 3.2万亩 90%"
    assert visible(plain) is plain
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("一\r\n二\n三\r四") == "一\n二\n三\\x0d四"
    assert visible("\x00\x07\x08\x7f\x9b\x85") == "\\x00\\x07\\x08\\x7f\\x9b\\x85"
    assert visible("名称\t数量") == "名称 数量"
    assert visible("\u202eabc\u2069\ufffe\udcff") == "\\u202eabc\\u2069\\ufffe\\udcff"
    assert visible("\u200f12\u200e%\u061c") == "\\u200f12\\u200e%\\u061c"
    assert visible("甲\u2028乙\u2029丙") == "甲\n乙\n丙"


def test_json_text_is_exact_json_without_raw_controls():
    payload = {"title": HOSTILE + "\udcff", "n": 1}
    text = json_text(payload)
    assert json.loads(text) == payload
    assert FORBIDDEN.search(text) is None and "\udcff" not in text
