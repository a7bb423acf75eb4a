"""Session 39's adversarial review of undo's multi-line spelling (0c196e19: a change's
``before`` keeps a multi-line string over lines, so that undo writes its lines back) and of
the patch of an item with a long log (434c524c). Issue 9: after each change a diff against
the hand-written original shows only the changed item's lines and its new log entry; after
undo, only trace lines. Each defect found, as a failing test first; the rest are the proof
of what was tried."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

_TWO_TASKS = (
    '[plan]\ntitle = "t"\nyear = 2023\nstart = 2023-01-01\nend = 2023-12-31\n\n'
    '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "一一"\n'
)


def _ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.output


@pytest.mark.parametrize(
    "text",
    [
        # A CRLF file (Notepad) with a string pasted in with LF line ends,
        (_TWO_TASKS + 'detail = """\n').replace("\n", "\r\n") + 'a\nb\n"""\r\n',
        # an LF file with one pasted with CRLF,
        _TWO_TASKS + 'detail = """\r\na\r\nb\r\n"""\n',
        _TWO_TASKS + "detail = '''a\r\nb'''\n",
        # one whose lines end both ways.
        _TWO_TASKS + 'detail = """\na\r\nb\n\\t"""\n',
    ],
    ids=["lf-in-crlf", "crlf-in-lf", "crlf-literal-in-lf", "mixed-in-one"],
)
def test_undo_gives_a_multi_line_string_its_own_line_ends_back(
    runner: CliRunner, plan_file: Path, text: str
) -> None:
    """The edit keeps a multi-line string's own line ends (``newline_of`` of the value, not the
    file's), but its log entry's ``before`` had them made the file's: undo wrote the string's
    lines back with the file's line ends, bytes the original did not have (the diff shows
    every line of it changed, for a Windows user's editor too)."""
    original = text.encode("utf-8")
    plan_file.write_bytes(original)
    _ok(runner, "edit", "1.1", "--detail", "换", "--on", "2023-03-01")
    _ok(runner, "undo")
    after = plan_file.read_bytes()
    assert after.startswith(original), after.decode("utf-8")
    entries = tomllib.loads(after.decode("utf-8"))["item"][1]["log"]
    assert entries[0]["before"]["detail"] == tomllib.loads(text)["item"][1]["detail"]
    for args in (["show", "1.1"], ["log", "--json"], ["check"]):
        _ok(runner, *args)


# ---------------------------------------------------------------- the attacks that held


def _lines_of(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").splitlines(keepends=True)


def _runs_added(before: bytes, after: bytes) -> list[list[str]]:
    """The runs of lines ``after`` has beyond ``before``, where ``after`` is ``before`` with
    lines put in (nothing taken away, nothing changed); fails otherwise."""
    import difflib

    old, new = _lines_of(before), _lines_of(after)
    added: list[list[str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        if tag == "insert":
            added.append(new[j1:j2])
    return added


_WRITTEN = {
    "escapes": 'detail = """\na\\tb \\"q\\" \\\\ \\u00e9 \\U0001F600\nline2\n"""\n',
    "literal": "detail = '''\nx \\t \"\"\" y\nz'''\n",
    "line-ending-backslash": 'detail = """a \\\n    b \\   \n  c"""\n',
    "quote-runs": 'detail = """a""\nb"""""\n',
    "comment-after": 'detail = """a\nb"""  # 注\n',
    "trailing-blanks": 'detail = """a  \nb\t\n"""   \n',
    "no-line-end-at-the-end": 'detail = """a\nb"""',
    "literal-no-line-end": "detail = '''a\nb'''",
}


@pytest.mark.parametrize("written", list(_WRITTEN.values()), ids=list(_WRITTEN))
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [False, True], ids=["", "bom"])
def test_two_edits_of_a_multi_line_string_undone_twice_give_its_lines_back(
    runner: CliRunner, plan_file: Path, written: str, crlf: bool, bom: bool
) -> None:
    """A second edit of the same field before undo (its ``before`` the first edit's spelling,
    ''' and \" the first could not stand in), undone twice: the field's lines as written, the
    rest of the file trace lines only; every reader of the log reads the entries."""
    text = _TWO_TASKS + written
    text = text.replace("\n", "\r\n") if crlf else text
    original = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    plan_file.write_bytes(original)
    _ok(runner, "edit", "1.1", "--detail", "换'''\"", "--on", "2023-03-01")
    _ok(runner, "edit", "1.1", "--detail", "再\n换", "--on", "2023-03-02")
    _ok(runner, "undo")
    _ok(runner, "undo")
    after = plan_file.read_bytes()
    assert after.startswith(original), after.decode("utf-8-sig")
    if crlf:
        assert after.count(b"\n") == after.count(b"\r\n")
    doc = tomllib.loads(after.decode("utf-8-sig"))
    assert doc["item"][1]["detail"] == tomllib.loads(text)["item"][1]["detail"]
    for args in (["show", "1.1"], ["log"], ["log", "--json"], ["log", "--all"], ["check"]):
        _ok(runner, *args)


_LOOKS_LIKE_TOML = (
    'detail = """\n[[item]]\nid = "9"\n[[item.log]]\n# not a comment\n[plan]\n\\"""\n  """  # c\n'
    "reason = '''\n[[item]]\nid = \"8\"\n[[item.log]]\nat = 2023-01-01\n'''\n"
    '\n[[item]]\nid = "1.2"\ntitle = "一二"\ndetail = """\n[[item.log]]\n"""\n'
)


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_multi_line_strings_holding_header_lines_stay_strings_through_changes_and_undo(
    runner: CliRunner, plan_file: Path, crlf: bool
) -> None:
    """Strings over lines whose lines read as headers, keys and comments (a pasted plan), copied
    into log entries' ``before`` by the edits: each change only adds and replaces the changed
    item's lines, the other item's stay, and undoing them all leaves trace lines only."""
    text = _TWO_TASKS + _LOOKS_LIKE_TOML
    text = text.replace("\n", "\r\n") if crlf else text
    original = text.encode("utf-8")
    plan_file.write_bytes(original)
    changes = [
        ["edit", "1.1", "--detail", 'X\n[[item]]\nid = "7"'],
        ["note", "1.1", "n1"],
        ["edit", "1.1", "--detail", "Y", "--reason", "R\nr"],
        ["progress", "1.1", "30"],
        ["edit", "1.2", "--detail", "Z"],
    ]
    for args in changes:
        before = plan_file.read_bytes()
        _ok(runner, *args, "--on", "2023-02-01")
        after = plan_file.read_bytes()
        other = b'id = "1.2"' if args[1] == "1.1" else b'id = "1.1"'
        # (the other item's lines: from its id to the next item's header or the end)
        start = before.index(other)
        stop = before.find(b"\n[[item]]", start)
        assert before[start : None if stop < 0 else stop] in after
    for _ in changes:
        _ok(runner, "undo")
    after = plan_file.read_bytes()
    # (trace lines only: whole log entries, and the undone lines of those undone)
    for run in _runs_added(original, after):
        entries = "".join(run).strip()
        assert entries.startswith(("[[item.log]]", "undone = ")), run
    doc, was = tomllib.loads(after.decode("utf-8")), tomllib.loads(text)
    for n in (1, 2):
        live = {k: v for k, v in doc["item"][n].items() if k != "log"}
        assert live == {k: v for k, v in was["item"][n].items() if k != "log"}
    assert [item["id"] for item in doc["item"]] == ["1", "1.1", "1.2"]
    for args in (["log", "--all", "--json"], ["show", "1.1"], ["show", "1.2"], ["check"]):
        _ok(runner, *args)


_RAW_CONTROLS = ("\x1b[31m", "\x1b]0;", "\x1b[2J", "\x07", "\x9b", "\b", "\u202e", "\x85", "\u2028")


def test_controls_in_multi_line_values_and_their_log_entries_never_reach_the_terminal_raw(
    runner: CliRunner, plan_file: Path
) -> None:
    """Escapes of control characters in a multi-line string (ESC sequences, BEL, backspace, a
    lone CR, C1 CSI, a right-to-left override), copied by an edit into its log entry's
    ``before`` as written: no view prints one as it is, coloured or not."""
    import re

    written = 'detail = """\n红\\u001b[31m字\\r覆\\b盖\\u0007铃\\u009b2J\\u202e反\u2028分\\u0085行\nline2\n"""\n'
    plan_file.write_text(_TWO_TASKS + written, encoding="utf-8")
    _ok(runner, "edit", "1.1", "--detail", "换\x1b]0;title\x07", "--on", "2023-03-01")
    _ok(runner, "note", "1.1", "多行\n备注\x1b[2J", "--on", "2023-03-02")
    views = [
        ["log"],
        ["log", "--json"],
        ["log", "--all"],
        ["show", "1.1"],
        ["list"],
        ["report"],
        ["report", "--format", "md"],
        ["report", "--format", "json"],
        ["export", "--format", "csv"],
    ]
    terminal = {"TTY_COMPATIBLE": "1", "TERM": "xterm-256color", "FORCE_COLOR": "1"}
    for env in ({}, terminal):
        for args in views:
            result = runner.invoke(app, args, env=env)
            assert result.exit_code == 0, (args, result.output)
            shown = result.stdout + result.stderr
            assert not [c for c in _RAW_CONTROLS if c in shown], (args, env)
            assert not re.search("\r(?!\n)", shown), (args, env)


def _long_log_plan() -> str:
    """A plan whose task 1.1 has a hand-written log of 240 entries, every tenth of them an edit
    whose ``before`` is over lines (one in ''' quotes), and a multi-line detail."""
    entries = []
    for n in range(240):
        entry = f'\n[[item.log]]\non = 2023-01-{n % 28 + 1:02d}\nnote = "hand {n}"\n'
        if n % 10 == 0:
            entry += (
                f'action = "edit"\nbefore = {{ detail = """\nold\\t{n}\n[[item]]\n""", '
                "reason = '''\nr\n''' }\nafter = { detail = \"x\" }\n"
            )
        entries.append(entry)
    return (
        _TWO_TASKS
        + 'detail = """\n起\\t\\u00e9 \\\\ \\"q\\"\nline \\\n   joined\n"""  # 注释\n'
        + "reason = '''\nR \"\" \\n\n'''\nprogress = 1_0\n"
        + "".join(entries)
        + '\n[[item]]\nid = "1.2"\ntitle = "尾"\ndetail = """\nz"""\n'
    )


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_a_long_log_with_multi_line_entries_changed_and_undone_in_turn(
    runner: CliRunner, plan_file: Path, crlf: bool
) -> None:
    """Notes, progress and edits of a task with a long log (hundreds of entries, some over
    lines), undone now and then and at the end all: after each undo the task's own lines are
    those before the change undone, byte for byte; the lines above it and the next item's never
    change; a CRLF file keeps CRLF."""
    import random

    text = _long_log_plan()
    text = text.replace("\n", "\r\n") if crlf else text
    plan_file.write_bytes(text.encode("utf-8"))
    rounds = random.Random(39)

    def own_lines(data: bytes) -> bytes:  # (the task's table up to its first log entry)
        start = data.index(b'id = "1.1"')
        return data[start : data.index(b"[[item.log]]", start)]

    def outside(data: bytes) -> tuple[bytes, bytes]:
        return data[: data.index(b'id = "1.1"')], data[data.index(b'id = "1.2"') :]

    fixed = outside(text.encode("utf-8"))
    values = [
        "a\nb",
        "c\td\\e\"f'''g",
        "h",
        "i\u00e9\nj",
        'l\n[[item]]\nid = "9"',
        '"""',
        "m\\\n n",
    ]
    undone_to: list[bytes] = []
    for _ in range(36):
        before = plan_file.read_bytes()
        pick = rounds.random()
        if pick < 0.35:
            args = ["edit", "1.1", "--detail", rounds.choice(values)]
            if rounds.random() < 0.4:
                args += ["--reason", rounds.choice(values)]
        elif pick < 0.5:
            args = ["note", "1.1", rounds.choice(values)]
        elif pick < 0.62:
            args = ["progress", "1.1", str(rounds.randint(0, 99))]
        else:
            args = ["undo"]
        if args[0] == "undo" and not undone_to:
            continue
        result = runner.invoke(app, args if args[0] == "undo" else [*args, "--on", "2023-03-01"])
        after = plan_file.read_bytes()
        if result.exit_code != 0 and "没有修改" in result.output and after == before:
            continue  # (the value it has already)
        assert result.exit_code == 0, (args, result.output)
        if args[0] == "undo":
            assert own_lines(after) == undone_to.pop(), args
        else:
            undone_to.append(own_lines(before))
        assert outside(after) == fixed
        if crlf:
            assert after.count(b"\n") == after.count(b"\r\n")
    while undone_to:
        _ok(runner, "undo")
        assert own_lines(plan_file.read_bytes()) == undone_to.pop()
    assert own_lines(plan_file.read_bytes()) == own_lines(text.encode("utf-8"))
    for args in (["check"], ["log", "--all", "--json"], ["show", "1.1"]):
        _ok(runner, *args)


_READS = [
    ["status"],
    ["list"],
    ["show", "1.1"],
    ["log", "--all", "--json"],
    ["log", "1.1"],
    ["report", "--format", "json"],
    ["export", "--format", "csv"],
    ["check"],
    ["status", "--as-of", "2023-01-15"],
]


def _read_all(runner: CliRunner, env: dict[str, str]) -> list[tuple[int, str, str]]:
    out = []
    for args in _READS:
        result = runner.invoke(app, args, env=env)
        out.append((result.exit_code, result.stdout, result.stderr))
    return out


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_the_cache_cold_warm_garbled_or_gone_reads_multi_line_entries_alike(
    runner: CliRunner, plan_file: Path, tmp_path: Path, crlf: bool
) -> None:
    """A plan whose long log holds multi-line ``before`` entries (their lines read as headers
    and keys), read with the cache off, cold, warm, its entry garbled or cut short, and its
    folder deleted, then changed and undone: every view the same each way."""
    import os
    import shutil

    text = _long_log_plan()
    plan_file.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode("utf-8"))
    cache = tmp_path / "cache"
    off = {"QUANHU_PLAN_CACHE": "off"}
    on = {"QUANHU_PLAN_CACHE": str(cache)}
    for change in (None, ["edit", "1.1", "--detail", "新\n值", "--on", "2023-03-01"], ["undo"]):
        if change is not None:
            result = runner.invoke(app, change, env=on)
            assert result.exit_code == 0, result.output
        wanted = _read_all(runner, off)
        assert all(code == 0 for code, _, _ in wanted), wanted
        assert _read_all(runner, on) == wanted  # (cold, or just written by the change)
        assert _read_all(runner, on) == wanted  # warm
        for damage in (lambda b: os.urandom(len(b)), lambda b: b[: len(b) // 2]):
            for entry in (p for p in cache.rglob("*") if p.is_file()):
                entry.write_bytes(damage(entry.read_bytes()))
            assert _read_all(runner, on) == wanted
        shutil.rmtree(cache)
        assert _read_all(runner, on) == wanted


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_edit_then_fmt_then_undo_gives_the_value_back(
    runner: CliRunner, plan_file: Path, crlf: bool
) -> None:
    """plan fmt between an edit of a multi-line string and its undo lays the log's ``before``
    out on one line (strings on one line: the canonical layout): undo gives the value back, on
    one line, and the file stays laid out so."""
    text = _TWO_TASKS + 'detail = """\na\\tb\n[[item]]\nc"""\n'
    text = text.replace("\n", "\r\n") if crlf else text
    plan_file.write_bytes(text.encode("utf-8"))
    _ok(runner, "edit", "1.1", "--detail", "x", "--on", "2023-03-01")
    _ok(runner, "fmt")
    _ok(runner, "undo")
    after = plan_file.read_bytes()
    assert b'"""' not in after
    doc = tomllib.loads(after.decode("utf-8"))
    assert doc["item"][1]["detail"] == "a\tb\n[[item]]\nc"
    assert "已经是标准格式" in _ok(runner, "fmt")


def test_a_merge_of_two_sides_with_multi_line_entries_reads_and_undoes(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """plan merge (git's merge driver) of two sides that each edited a multi-line string (their
    log entries' ``before`` over lines, lines in them reading as headers): the merge keeps both
    sides' entries, reads as a plan, and each side's edit is undone to its field's value."""
    base = (
        _TWO_TASKS
        + 'detail = """\n[[item]]\nid = "9"\n# x\n"""  # c1\n\n[[item]]\nid = "1.2"\n'
        + "title = \"一二\"\ndetail = '''\nq\\t\n[[item.log]]\n'''\n"
    )
    plan_file.write_text(base, encoding="utf-8")
    _ok(runner, "edit", "1.1", "--detail", "ours", "--on", "2023-02-01")
    ours = plan_file.read_bytes()
    plan_file.write_text(base.replace('title = "一二"', '# 他们的\ntitle = "一二"'), "utf-8")
    _ok(runner, "edit", "1.2", "--detail", "theirs\nT", "--on", "2023-02-02")
    theirs = plan_file.read_bytes()
    paths = [tmp_path / name for name in ("base.toml", "ours.toml", "theirs.toml")]
    for path, data in zip(paths, (base.encode("utf-8"), ours, theirs), strict=True):
        path.write_bytes(data)
    _ok(runner, "merge", *map(str, paths), "plan.toml")
    merged = paths[1].read_bytes()
    doc = tomllib.loads(merged.decode("utf-8"))
    assert [len(item.get("log", [])) for item in doc["item"]] == [0, 1, 1]
    plan_file.write_bytes(merged)
    _ok(runner, "check")
    _ok(runner, "undo")
    _ok(runner, "undo")
    was = tomllib.loads(base)
    doc = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    assert [item["detail"] for item in doc["item"][1:]] == [
        item["detail"] for item in was["item"][1:]
    ]
    assert b'detail = """\n[[item]]\nid = "9"\n# x\n"""  # c1\n' in plan_file.read_bytes()


_ENTRIES_OVER_LINES = [
    '[[item]]\nid = "1"\ntitle = "t"\n\n[[item.log]]\nat = 2023-01-01T09:00:00+08:00\n'
    'action = "edit"\nbefore = { detail = """\nid = "2"\n[[item]]\n""" }\nafter = { detail = "x" }\n',
    "[[item]]\nid = \"1\"\ntitle = \"t\"\n\n[[item.log]]\nbefore = { detail = '''\nx = 1\n''' }\n",
    '[[item]]\nid = "1"\ntitle = "t"\n\n[[item.log]]\nnote = """"""\n',
    '[[item]]\nid = "1"\ntitle = "t"\n\n[[item.log]]\nbefore = { detail = """a""", b = 1 }\n',
    '[[item]]\nid = "1"\ntitle = "t"\n\n[[item.log]]\nbefore = { detail = """\r\na\r\n""" }\n',
]


@pytest.mark.parametrize("text", _ENTRIES_OVER_LINES)
def test_the_fast_readers_decline_log_entries_over_lines(text: str) -> None:
    """The readers that read a block or a plan without the TOML reader (``block_toml``, a
    change's check; ``quick_toml``, a long plan's; ``toml_layout``'s header facts) never read
    a log entry with a string over lines otherwise than the TOML reader: they decline it."""
    from quanhu_plan.store import block_toml, quick_toml
    from quanhu_plan.store.plan_text import _toml_reader
    from quanhu_plan.toml_layout import layout_facts

    assert block_toml.loads(text) is None
    assert quick_toml.loads(text, _toml_reader) is None
    assert layout_facts(text.encode("utf-8")) is None
    tomllib.loads(text)  # (each is TOML)


_BLOCKED = (
    _TWO_TASKS.replace('title = "一一"\n', 'title = "一一"\nstatus = "blocked"\n')
    + 'reason = """\n资料\\t不全，\\\n  待补\n"""\nweight = 2\n'
)


@pytest.mark.parametrize(
    "change",
    [["start", "1.1"], ["done", "1.1"], ["reopen", "1.1"], ["edit", "1.1", "--reason", ""]],
)
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_undo_gives_a_removed_multi_line_string_its_lines_back(
    runner: CliRunner, plan_file: Path, change: list[str], crlf: bool
) -> None:
    """A blocked task's reason written over lines, removed by the change that starts, ticks off
    or reopens it (or an edit that empties it): its log entry's ``before`` keeps its lines, but
    undo wrote it back on one line (``"资料\\t不全，待补\\n"``), a diff of every line of it
    where undo should leave trace lines only."""
    text = _BLOCKED.replace("\n", "\r\n") if crlf else _BLOCKED
    original = text.encode("utf-8")
    plan_file.write_bytes(original)
    _ok(runner, *change, "--on", "2023-03-01")
    assert b"reason" not in plan_file.read_bytes()[: plan_file.read_bytes().index(b"[[item.log]]")]
    _ok(runner, "undo")
    after = plan_file.read_bytes()
    assert after.startswith(original), after.decode("utf-8")
    if crlf:
        assert after.count(b"\n") == after.count(b"\r\n")
    _ok(runner, "check")


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_removed_added_and_removed_again_then_undone_thrice(
    runner: CliRunner, plan_file: Path, crlf: bool
) -> None:
    """A field over lines emptied, given a value over lines, emptied again, and the three
    undone: its lines as written (a line-ending backslash, an escape), the rest trace lines."""
    text = _TWO_TASKS + 'detail = """\na\\tb \\\n  c\n"""\nweight = 2\n'
    original = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    plan_file.write_bytes(original)
    for n, value in enumerate(["", "新\n的", ""], 1):
        _ok(runner, "edit", "1.1", "--detail", value, "--on", f"2023-03-0{n}")
    for _ in range(3):
        _ok(runner, "undo")
    assert plan_file.read_bytes().startswith(original)
