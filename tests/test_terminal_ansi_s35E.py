"""A terminal's views written without rich (``terminal/ansi.py``): the console's properties as
rich 15 decides them, the escape codes of the views' styles from a table, the bytes the same as
rich writes, and ``plan status`` at a real terminal (a pty) loading no rich at all."""

from __future__ import annotations

import io
import itertools
import os
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal import ansi
from quanhu_plan.terminal.styles import LIGHT_STYLES, PACE_STYLES, bar_runs

from .conftest import write_plan
from .test_hostile_text import HOSTILE, hostile_items

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="left to rich on Windows")

NAMES = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "LINES")


class Terminal(io.TextIOWrapper):
    """Standard output as a terminal has it: ``isatty`` says so."""

    def isatty(self) -> bool:
        return True


class NotTerminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def set_environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str | None]) -> None:
    for name in NAMES:
        value = env.get(name)
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


def pty_size(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """Every standard stream a terminal of ``columns`` columns (as rich and ours ask it)."""
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((columns, 30)))


# Each value of each variable at least once, with the others varied beside it.
ENVIRONMENTS: list[dict[str, str | None]] = [
    {"TERM": "xterm", "COLUMNS": "80"},
    {"TERM": "xterm-256color"},
    {"TERM": "xterm-256color", "COLUMNS": "40"},
    {"TERM": "xterm-256color", "COLORTERM": "truecolor", "COLUMNS": "80"},
    {"TERM": "xterm-256color", "NO_COLOR": "1", "COLUMNS": "80"},
    {"TERM": "dumb"},
    {"TERM": "dumb", "COLUMNS": "40"},
    {"TERM": "dumb", "COLUMNS": "40", "LINES": "20"},
    {"COLUMNS": "80"},
    {},
    {"TERM": "screen", "COLUMNS": "40"},
    {"TERM": "screen", "COLORTERM": "24bit", "NO_COLOR": "1"},
    {"TERM": "xterm", "FORCE_COLOR": "1", "COLUMNS": "80"},
    {"TERM": "dumb", "FORCE_COLOR": "", "COLUMNS": "80"},
    {"TERM": "xterm-256color", "TTY_COMPATIBLE": "0", "COLUMNS": "80"},
    {"TERM": "xterm-kitty", "TTY_COMPATIBLE": "1", "NO_COLOR": ""},
    {"TERM": "unknown", "TTY_COMPATIBLE": "1", "COLUMNS": "0"},
    {"TERM": "XTERM-16COLOR ", "COLUMNS": "abc"},
]


def run(
    args: list[str], monkeypatch: pytest.MonkeyPatch, via_rich: bool, terminal: bool = True
) -> tuple[int, bytes, list[Any]]:
    """``plan ARGS`` in this process with standard output a terminal (``terminal``); with
    ``via_rich`` drawn as before ``ansi`` (rich's console). The exit code, the bytes written and
    what ``terminal_output`` gave."""
    given: list[Any] = []
    ours = ansi.terminal_output

    def spied() -> Any:
        output = None if via_rich else ours()
        given.append(output)
        return output

    raw = io.BytesIO()
    stdout = (Terminal if terminal else NotTerminal)(raw, encoding="utf-8", newline="\n")
    with monkeypatch.context() as patch:
        patch.setattr(ansi, "terminal_output", spied)
        patch.setattr(sys, "stdout", stdout)
        try:
            app(args, prog_name="plan")
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        else:
            code = 0
        stdout.flush()
    return code, raw.getvalue(), given


COMMANDS = [["status"], ["list"], ["list", "--flat"], ["show", "1.1"], ["show", "1"], ["log"]]


def both_ways(monkeypatch: pytest.MonkeyPatch, args: list[str], terminal: bool = True) -> bytes:
    code, rich_bytes, given = run(args, monkeypatch, via_rich=True, terminal=terminal)
    assert code == 0, rich_bytes.decode()
    code, our_bytes, given = run(args, monkeypatch, via_rich=False, terminal=terminal)
    assert code == 0, our_bytes.decode()
    assert given and all(output is not None for output in given), (args, given)
    assert our_bytes == rich_bytes, (args, our_bytes.decode(), rich_bytes.decode())
    return our_bytes


@pytest.mark.parametrize("number", range(len(ENVIRONMENTS)))
def test_the_2023_plans_views_at_a_terminal_are_the_bytes_rich_writes(
    town_plan: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    env = ENVIRONMENTS[number]
    set_environment(monkeypatch, env)
    pty_size(monkeypatch, 100)
    run(["note", "1.1", "开工", "--by", "张三"], monkeypatch, via_rich=False)  # a log entry
    # status in every environment; list, list --flat, show and log each in three or four
    written = [both_ways(monkeypatch, args) for args in (["status"], COMMANDS[1 + number % 5])]
    coloured = b"\x1b[" in written[0]
    terminal = env.get("TTY_COMPATIBLE") != "0" and env.get("FORCE_COLOR") != ""
    dumb = (env.get("TERM") or "").lower() in ("dumb", "unknown")
    assert coloured == (terminal and not dumb), written[0].decode()


@pytest.mark.parametrize("env", ENVIRONMENTS[:6] + ENVIRONMENTS[11:], ids=str)
def test_hostile_text_at_a_terminal_is_the_bytes_rich_writes(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str | None]
) -> None:
    write_plan(plan_file, hostile_items(), title=f"泉湖镇{HOSTILE}计划", organisation="镇政府")
    set_environment(monkeypatch, env)
    pty_size(monkeypatch, 90)
    run(["note", "1.1", f"进展{HOSTILE}", "--by", "李四"], monkeypatch, via_rich=False)
    for args in COMMANDS:
        written = both_ways(monkeypatch, args)
        assert b"\x1b[2J" not in written and b"\\x1b[2J" in written, args


def test_where_standard_output_is_not_a_terminal_colour_forced_is_the_bytes_rich_writes(
    small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_environment(monkeypatch, {"TERM": "xterm-256color", "FORCE_COLOR": "1", "COLUMNS": "70"})
    written = both_ways(monkeypatch, ["status"], terminal=False)
    assert b"\x1b[1m" in written


# ---------------------------------------------------------------- the console's properties

MATRIX = list(
    itertools.product(
        (None, "xterm", "xterm-256color", "dumb", "screen", "Dumb", "xterm-kitty"),
        (None, "truecolor", " 24BIT"),
        (None, "1", ""),
        (None, "1", ""),
        (None, "0", "1"),
        (None, "40", "0", "-3"),
        (None, "20"),
        (True, False),
    )
)


@pytest.mark.parametrize("size", [0, 63])
def test_width_colours_and_no_color_are_richs_for_every_environment(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    from quanhu_plan.terminal.console import console

    pty_size(monkeypatch, size)
    for *values, isatty in MATRIX:
        set_environment(monkeypatch, dict(zip(NAMES, values, strict=True)))
        stdout = (Terminal if isatty else NotTerminal)(io.BytesIO(), encoding="utf-8")
        monkeypatch.setattr(sys, "stdout", stdout)
        ours = ansi.terminal_output()
        rich = console()
        assert ours is not None, values
        case = (values, isatty)
        assert ours.width == rich.width, case
        assert ours.color_system == rich.color_system, case
        assert ours.is_terminal == rich.is_terminal, case
        assert ours.no_color == rich.no_color, case


def test_what_rich_cannot_be_followed_in_is_left_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    set_environment(monkeypatch, {"TERM": "xterm"})
    monkeypatch.setattr(sys, "stdout", Terminal(io.BytesIO(), encoding="utf-8"))
    assert ansi.terminal_output() is not None
    with monkeypatch.context() as patch:
        patch.setattr(sys, "platform", "win32")
        assert ansi.terminal_output() is None
    with monkeypatch.context() as patch:
        import builtins

        patch.setattr(builtins, "get_ipython", lambda: None, raising=False)
        assert ansi.terminal_output() is None
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", None)
        assert ansi.terminal_output() is None
    with monkeypatch.context() as patch:
        patch.setenv("COLUMNS", "²")  # a digit to str.isdigit, none to int: rich's to say
        assert ansi.terminal_output() is None


# ---------------------------------------------------------------- the escape codes

STYLES = sorted(
    ({"bold", "dim", "bold dim", "bold yellow", *PACE_STYLES.values(), *LIGHT_STYLES.values()})
    | {style for _, style in bar_runs(Fraction(1, 2))}
)[1:]  # (not "")


@pytest.mark.parametrize("system", ["standard", "256", "truecolor"])
@pytest.mark.parametrize("no_color", [False, True])
def test_the_views_styles_are_in_the_table_as_rich_writes_them(system: str, no_color: bool) -> None:
    from rich.console import Console

    from quanhu_plan.terminal.runs import _escape_codes

    rich = Console(file=io.StringIO(), force_terminal=True, color_system=system, no_color=no_color)
    for style in STYLES + list(ansi.STYLE_CODES):
        ours = ansi.escape_codes(style, no_color)
        assert ours is not None, style
        assert ours == _escape_codes(rich, style), (style, system, no_color)
    assert ansi.escape_codes("bold magenta on white", no_color) is None  # not ours: rich's


def test_a_style_not_in_the_table_is_richs_to_write(monkeypatch: pytest.MonkeyPatch) -> None:
    set_environment(monkeypatch, {"TERM": "xterm-256color"})
    monkeypatch.setattr(sys, "stdout", Terminal(io.BytesIO(), encoding="utf-8"))
    output = ansi.terminal_output()
    assert output is not None
    assert output.escape_codes("underline #ff8800") == ("\x1b[4;38;5;208m", "\x1b[0m")


# ---------------------------------------------------------------- a real terminal

LEAVING = """
import os, sys
pid, real = os.getpid(), os._exit
def leaving(code):
    if os.getpid() == pid:
        with open(os.environ["RICH_REPORT"], "w") as report:
            report.write(" ".join(m for m in sys.modules if m.split(".")[0] == "rich"))
    real(code)
os._exit = leaving
if os.environ.get("VIA_RICH"):
    import quanhu_plan.terminal.ansi as ansi
    ansi.terminal_output = lambda: None
sys.argv = ["plan", *sys.argv[1:]]
from quanhu_plan.entry import main
main()
"""


def on_a_pty(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    import pty
    import struct
    import subprocess
    import termios
    from fcntl import ioctl

    main, sub = pty.openpty()
    attrs = termios.tcgetattr(sub)
    attrs[1] &= ~termios.OPOST  # every byte as the program wrote it
    termios.tcsetattr(sub, termios.TCSANOW, attrs)
    ioctl(sub, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 84, 0, 0))  # the pty's size
    command = [sys.executable, "-c", LEAVING, *args]
    proc = subprocess.Popen(command, stdin=sub, stdout=sub, stderr=sub, env=env)
    os.close(sub)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    return proc.wait(timeout=60), b"".join(chunks)


def test_plan_status_at_a_real_terminal_loads_no_rich(town_plan: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in (*NAMES, "PYTHONPATH")}
    env.update(TERM="xterm-256color", PYTHONPATH=str(Path(__file__).parents[1]))
    env["RICH_REPORT"] = str(tmp_path / "rich.txt")
    code, ours = on_a_pty(["status"], env)
    assert code == 0, ours.decode()
    assert (tmp_path / "rich.txt").read_text() == ""  # not one module of rich loaded
    assert b"\x1b[1m" in ours and b"\x1b[2m" in ours  # a terminal's colours
    code, theirs = on_a_pty(["status"], {**env, "VIA_RICH": "1"})
    assert "rich.console" in (tmp_path / "rich.txt").read_text().split()
    assert ours == theirs
    run_on = CliRunner().invoke(app, ["note", "1.1", "开工", "--by", "张三"], env=env)
    assert run_on.exit_code == 0, run_on.output
    for args in (["list"], ["list", "--flat"], ["show", "1.1"], ["show", "1", "--all"], ["log"]):
        code, drawn = on_a_pty(args, env)  # list, show and log too
        assert code == 0 and (tmp_path / "rich.txt").read_text() == "", (args, drawn.decode())
        assert b"\x1b[1m" in drawn or b"\x1b[2m" in drawn, args
    hostile = write_plan(tmp_path / "hostile.toml", hostile_items(), title=f"镇{HOSTILE}计划")
    for args in (["status"], ["status", "--as-of", "2023-03-01"], ["list", "--flat"]):
        narrow = {**env, "COLUMNS": "18", "NO_COLOR": "1"}  # the too-narrow note on stderr
        code, written = on_a_pty(["-f", str(hostile), *args], narrow)
        assert code == 0 and b"\x1b[2J" not in written, written.decode()  # shown, not obeyed
        assert "太窄" in written.decode() and (tmp_path / "rich.txt").read_text() == "", args


def test_a_pager_found_is_richs_to_page_through_one_not_found_is_said_once(
    small_plan: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quanhu_plan.terminal import console

    set_environment(monkeypatch, {"TERM": "xterm-256color", "COLUMNS": "80"})
    paged: list[bool] = []
    monkeypatch.setattr(console, "draw", lambda view, pager=False: paged.append(pager))
    monkeypatch.setenv("PAGER", "cat")
    code, written, given = run(["list", "--pager"], monkeypatch, via_rich=False)
    assert code == 0 and written == b"" and paged == [True]  # through rich's pager
    monkeypatch.setenv("PAGER", "no-such-pager")
    capsys.readouterr()
    code, written, given = run(["list", "--pager"], monkeypatch, via_rich=False)
    assert code == 0 and paged == [True] and b"\x1b[1m" in written  # drawn here, in colour
    assert capsys.readouterr().err.count("no-such-pager ($PAGER) is not found") == 1


@pytest.mark.parametrize(
    "parts",
    [
        [("1.1 ", "bold dim"), ("标题", "bold"), ("（任务）", "dim")],
        ["前", ("a\nb", "dim"), "\n", ("", "red"), ("c\n\n", "green")],
        [("\n开头", "bold"), "x\n"],
        ["\n"],
        [],
    ],
)
def test_show_s_runs_are_the_cells_rich_s_text_made(parts: list[Any]) -> None:
    """views.runs, joined and split_lines stand for Text.assemble, Text.join and Text.split: the
    grid takes the same runs from either (``grid.pieces``)."""
    from rich.text import Text

    from quanhu_plan.terminal.grid import pieces
    from quanhu_plan.terminal.views import joined, runs, split_lines

    def merged(cell: Any) -> list[tuple[str, str]]:  # (where runs end apart matters not)
        out: list[tuple[str, str]] = []
        for text, style in cell:
            if out and out[-1][1] == style:
                out[-1] = (out[-1][0] + text, style)
            elif text:
                out.append((text, style))
        return out

    ours, theirs = runs(*parts), Text.assemble(*parts)
    assert merged(ours) == merged(pieces(theirs))
    assert [merged(line) for line in split_lines(ours)] == [
        merged(pieces(line)) for line in theirs.split("\n")
    ]
    both = joined("\n  ", [ours, ours])
    assert merged(both) == merged(pieces(Text("\n  ").join([theirs, theirs])))


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell's expansions")
@pytest.mark.parametrize("spelled", ["~/bin/pg", "$HOME/bin/pg", "${HOME}/bin/pg -R", "exec cat"])
def test_a_pager_the_shell_finds_through_its_expansions_is_found(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    spelled: str,
) -> None:
    # PAGER=~/bin/pg is found by the shell pydoc hands it to (a tilde, $HOME, exec); it was
    # looked up as it was spelled, said "not found" and the view went unpaged
    from quanhu_plan.terminal.paging import pager_found

    (tmp_path / "bin").mkdir()
    program = tmp_path / "bin" / "pg"
    program.write_text("#!/bin/sh\ncat\n")
    program.chmod(0o755)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("MANPAGER", raising=False)
    monkeypatch.setenv("PAGER", spelled)
    assert pager_found() is True
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("PAGER", "~/bin/no-such-pager")  # one that is not there still is said
    assert pager_found() is False
    assert "no-such-pager ($PAGER) is not found" in capsys.readouterr().err
