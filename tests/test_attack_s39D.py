"""Attack on the read-ahead's per-piece marks (s38A: ``store.read_ahead``, ``table_marks``) and
on quick_toml looking for triple quotes only above the part another process reads.

The rule: a first read with no cache entry, where the read-ahead runs, answers exactly as the
same command with the read-ahead off, with a warm cache and with the cache entry corrupted
(output, exit code, file bytes), on plans built to make the two processes' reading differ:
multi-line strings over the pieces' bounds holding headers, comments and quote runs; comments
and strings that look like headers; CRLF, a BOM, no last newline; dotted keys, inline and
sub-tables, unknown keys, odd key order; marks (a day after the plan's end, a milestone, a
conflict, a log) in the part read ahead only, above it only, or both; an invalid TOML or a
problem in the part; the file rewritten after the other process read it. Nothing was found to
differ: these tests are the proof, and a guard for what comes."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import tomli

from quanhu_plan.canonical import dumps
from quanhu_plan.store import quick_toml, read_ahead
from quanhu_plan.table_marks import tables_marks

from .test_marks_read_s38A import _Sending
from .test_status_rollups import generated

REPO = Path(__file__).resolve().parent.parent
linux_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks (Linux, macOS)")

CONFLICT = (
    '\n[[item.conflict]]\nfield = "progress"\nours = 10\ntheirs = 20\n'
    "ours_at = 2023-05-01T09:00:00+08:00\ntheirs_at = 2023-05-01T09:00:00+08:00\n"
)
MILESTONE = "\n[[item.milestone]]\ndue = 2023-06-30\nprogress = 50\n"
LATE_DONE = 'status = "done"\ndone_on = 2024-02-03\n'
LATE_LOG = '\n[[item.log]]\non = 2024-03-01\nnote = "年后补记"\n'
# Lines a multi-line string holds over several pieces: headers, comments, quote runs.
HOSTILE_LINES = "".join(
    f"[[item]]\nid = \"x{n}\"  # ''' \"\" '' \n[item.x]\n# [[item]]\n" for n in range(2000)
)


def _base() -> str:
    return dumps(generated(2000, 5))  # (321 kB: past read_ahead._FROM, some 4 pieces)


def _added(text: str, ident: str, lines: str) -> str:
    """``lines`` added at the end of the keys of the item ``ident`` (before its sub-tables)."""
    head = f'\n[[item]]\nid = "{ident}"\n'
    at = text.index(head) + len(head)
    below = text.find("\n[", at)
    below = len(text) if below < 0 else below + 1
    body = text[at:below].rstrip("\n") + "\n" + lines
    return text[:at] + body + ("\n" if below < len(text) else "") + text[below:]


def _replaced(text: str, ident: str, old: str, new: str) -> str:
    head = f'\n[[item]]\nid = "{ident}"\n'
    at = text.index(head)
    end = text.find("\n[[item]]\n", at + 1)
    end = len(text) if end < 0 else end
    assert old in text[at:end]
    return text[:at] + text[at:end].replace(old, new, 1) + text[end:]


def _headers_commented(text: str, count: int) -> str:
    """The first ``count`` item headers not as the store writes them: read above the part."""
    return text.replace("\n[[item]]\n", "\n[[item]] # 上\n", count)


def _keys_reversed(text: str) -> str:
    """Every third item's keys in reverse order (id last)."""
    blocks = text.split("\n[[item]]\n")
    for n in range(3, len(blocks), 3):
        if "\n[" not in blocks[n]:
            lines = [line for line in blocks[n].split("\n") if line]
            blocks[n] = "\n".join(reversed(lines)) + "\n" + ("\n" if n < len(blocks) - 1 else "")
    return "\n[[item]]\n".join(blocks)


# name: (how the plan is made of the generated one, whether the part's tables are taken).
VARIANTS: dict[str, Any] = {
    "late-done": (lambda t: _added(t, "10.10.19", LATE_DONE), True),
    "milestone": (lambda t: _added(t, "10.10.19", MILESTONE), True),
    "conflict": (lambda t: _added(t, "10.10.19", CONFLICT), True),
    "log-after-the-end": (lambda t: _added(t, "10.10.19", LATE_LOG), True),
    "odd-fields": (
        lambda t: _added(
            _added(t, "10.10.19", 'status = "blocked"\nreason = "资金"\nzzz = 1\nlog = []\n'),
            "10.10.18",
            'status = "dropped"\nreason = "取消"\naaa = "x"\n',
        ),
        True,
    ),
    "odd-key-order": (_keys_reversed, True),
    "comments-and-strings-like-headers": (
        lambda t: _added(t, "10.10.19", '# [[item]]\n#[[item]]\nnote = "[[item]] # 非注释"\n'),
        True,
    ),
    "crlf": (lambda t: _added(t, "10.10.19", LATE_DONE + MILESTONE).replace("\n", "\r\n"), True),
    "bom": (lambda t: "\ufeff" + _added(t, "10.10.19", LATE_DONE), True),
    "no-last-newline": (lambda t: _added(t, "10.10.20", 'note = "末"\n').rstrip("\n"), True),
    "marks-above-and-in-the-part": (
        lambda t: _headers_commented(
            _added(_added(t, "1.1.4", LATE_LOG), "10.10.19", MILESTONE + CONFLICT), 300
        ),
        True,
    ),
    "a-later-day-above-than-in-the-part": (
        lambda t: _headers_commented(
            _added(
                _added(t, "1.1.1", 'status = "done"\ndone_on = 2024-04-04\n'), "10.10.19", LATE_DONE
            ),
            300,
        ),
        True,
    ),
    "all-above-but-the-last-items": (
        lambda t: _headers_commented(_added(t, "10.10.19", LATE_DONE), 2105),
        True,
    ),
    # The part (or a piece of it) declined: read here, or by the TOML reader.
    "multi-line-basic-over-pieces": (
        lambda t: _added(t, "5.5.5", 'note = """\n' + HOSTILE_LINES + '"""\n'),
        False,
    ),
    "multi-line-literal-over-pieces": (
        lambda t: _added(
            t, "5.5.5", "note = '''\n" + HOSTILE_LINES.replace("'''", '"""') + "'''\n"
        ),
        False,
    ),
    "multi-line-in-the-last-piece": (
        lambda t: _added(t, "10.10.19", 'note = """\n[[item]]\nid = "假"\n# 注\n"""\n'),
        False,
    ),
    "escaped-quotes-and-empty-multi-line": (
        lambda t: _replaced(
            t, "10.10.19", 'owner = "赵六"', "owner = \"赵\\\"\\\"\\\"六\"\nnote = ''''''"
        ),
        False,
    ),
    "header-string-holding-items": (
        lambda t: t.replace(
            'lang = "zh"\n', 'lang = "zh"\nnote = """\n[[item]]\nid = "假"\n"""\n', 1
        ),
        False,
    ),
    "dotted-and-inline": (
        lambda t: _added(t, "10.10.19", 'extra.a = 1\nother = { b = 2, c = "d" }\n'),
        False,
    ),
    "sub-table": (lambda t: _added(t, "10.10.19", "\n[item.extra]\na = 1\n"), False),
    "invalid-toml-in-the-part": (
        lambda t: _replaced(t, "10.10.19", 'owner = "赵六"', 'owner = "赵六'),
        False,
    ),
    "closing-quotes-alone-in-the-part": (
        lambda t: _replaced(t, "10.10.19", 'owner = "赵六"', 'owner = "赵六"\n"""'),
        False,
    ),
    "an-id-twice-in-the-part": (
        lambda t: _replaced(t, "10.10.19", 'id = "10.10.19"', 'id = "10.10.18"'),
        True,
    ),
    "an-id-missing-in-the-part": (
        lambda t: t.replace('\n[[item]]\nid = "10.10.19"\n', "\n[[item]]\n", 1),
        True,
    ),
}

_WATCHED = """
import sys
from quanhu_plan.store import read_ahead
taken, said = [], []
def received(*above, given=read_ahead._received):
    tables = given(*above)
    taken.append(None if tables is None else len(tables))
    return tables
def marks(plan, given=read_ahead.marks_as_read):
    found = given(plan)
    said.append(found is not None)
    return found
read_ahead._received, read_ahead.marks_as_read = received, marks
def told(code, leave=__import__("quanhu_plan.entry").entry.leave):
    sys.stderr.write(f"taken: {taken} said: {said}\\n")
    leave(code)
import quanhu_plan.entry as entry
entry.leave = told
sys.argv = ["plan", *sys.argv[1:]]
entry.main()
"""


def _run(
    args: list[str], cwd: Path, cache: Path, ahead: bool, detach: bool = True
) -> subprocess.CompletedProcess[str]:
    """``plan`` run as a user runs it: a first status's entry stored by a process forked as
    it leaves (``cache_later``; the status then takes its marks from ``Session.sketched``),
    waited for here (it stays in the command's process group) before the next run."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QUANHU_PLAN_CACHE": str(cache),
        "QUANHU_PLAN_READ_AHEAD": "1" if ahead else "0",
    }
    if detach:
        env.pop("QUANHU_PLAN_CACHE_DETACH", None)
    else:
        env["QUANHU_PLAN_CACHE_DETACH"] = "0"
    with subprocess.Popen(
        [sys.executable, "-c", _WATCHED, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        out, err = process.communicate(timeout=120)
    _group_gone(process.pid)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _group_gone(group: int) -> None:
    for _ in range(200):
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


_AT = re.compile(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?[+-]\d\d:\d\d")


def _answer(done: subprocess.CompletedProcess[str], plan: Path) -> tuple[Any, ...]:
    """What a run gave: exit code, output, errors (without the watch's line) and the file's
    bytes (a change's time of writing left out: each run writes its own)."""
    said = "".join(line for line in done.stderr.splitlines(True) if not line.startswith("taken: "))
    return done.returncode, done.stdout, said, _AT.sub(b"AT", plan.read_bytes())


def _watched(done: subprocess.CompletedProcess[str]) -> tuple[str, str]:
    line = done.stderr.rsplit("taken: ", 1)[1]
    taken, said = line.split(" said: ")
    return taken, said.strip()


def _four_ways(tmp_path: Path, text: str, command: list[str]) -> dict[str, Any]:
    """The answers of ``command`` on the plan ``text``: read ahead with no entry, not read
    ahead with no entry, with a warm entry, with the entry's files corrupted."""
    plan = tmp_path / "plan.toml"
    data = text.encode("utf-8")
    answers: dict[str, Any] = {}
    for way in ("ahead", "off", "warm", "corrupted"):
        cache = tmp_path / ("cache-warm" if way == "corrupted" else f"cache-{way}")
        if not plan.exists() or plan.read_bytes() != data:  # (else a warm entry stays so)
            plan.write_bytes(data)
        if way == "warm":  # (its entry stored at once: the plan read as it is)
            made = _run(["status"], tmp_path, cache, ahead=False, detach=False)
            assert "Traceback" not in made.stderr
        if way == "corrupted":  # (the warm entry's files, or the one a change stored)
            for path in [path for path in cache.rglob("*") if path.is_file()]:
                path.write_bytes(b"\x00not an entry" * 7)
        done = _run(command, tmp_path, cache, ahead=way == "ahead")
        assert "Traceback" not in done.stderr, done.stderr
        answers[way] = (_answer(done, plan), _watched(done))
    return answers


@linux_only
@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_first_status_read_ahead_answers_as_every_other_read(tmp_path, monkeypatch, name):
    monkeypatch.setenv("PLAN_FILE", str(tmp_path / "plan.toml"))
    make, taken = VARIANTS[name]
    text = make(_base())
    assert len(text.encode("utf-8")) >= read_ahead._FROM
    answers = _four_ways(tmp_path, text, ["status"])
    ahead = answers["ahead"][0]
    for way in ("off", "warm", "corrupted"):
        assert answers[way][0] == ahead, way
    read, marks = answers["ahead"][1]
    if taken:  # (the part's tables taken from the other process, or read here as it read)
        assert read not in ("[]", "[None]"), read
        if ahead[0] == 0:  # (a plan with no problem: the marks said as it was read, taken)
            assert marks == "[True]", marks
    else:  # (declined: the part read here, or the whole text by the TOML reader)
        assert read in ("[]", "[None]"), read
        assert marks in ("[]", "[False]"), marks
    assert answers["off"][1] == ("[]", "[False]") or ahead[0] != 0


@linux_only
@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("late-done", ["list"]),
        ("milestone", ["status", "--json"]),
        ("conflict", ["check"]),
        ("log-after-the-end", ["show", "10.10.19"]),
        ("crlf", ["done", "10.10.18"]),
        ("bom", ["progress", "10.10.18", "50"]),
        ("no-last-newline", ["note", "10.10.20", "年末"]),
        ("marks-above-and-in-the-part", ["report"]),
        ("invalid-toml-in-the-part", ["check"]),
        ("an-id-twice-in-the-part", ["done", "10.10.18"]),
    ],
)
def test_other_reads_and_changes_read_ahead_answer_as_every_other_read(
    tmp_path, monkeypatch, name, command
):
    monkeypatch.setenv("PLAN_FILE", str(tmp_path / "plan.toml"))
    text = VARIANTS[name][0](_base())
    answers = _four_ways(tmp_path, text, command)
    for way in ("off", "warm", "corrupted"):
        assert answers[way][0] == answers["ahead"][0], way


_REWRITTEN = """
import sys
from quanhu_plan.store import read_ahead
start = read_ahead.start
def rewritten(args):
    start(args)
    sys.stderr.write(f"forked: {read_ahead._AHEAD is not None}\\n")
    with open("plan.toml.new", "rb") as file:
        data = file.read()
    with open("plan.toml", "wb") as file:  # (saved anew once the other process has its bytes)
        file.write(data)
read_ahead.start = rewritten
import quanhu_plan.entry as entry
sys.argv = ["plan", *sys.argv[1:]]
entry.main()
"""


@linux_only
@pytest.mark.parametrize(
    ("first", "then"), [("milestone", "late-done"), ("late-done", "conflict"), ("conflict", None)]
)
@pytest.mark.parametrize("command", [["status"], ["done", "10.10.18"]])
def test_a_plan_saved_anew_after_the_other_process_read_it(
    tmp_path, monkeypatch, first, then, command
):
    """The other process read the bytes as the program started; the file is saved anew before
    the store reads it: what is answered (and written) is of the file as saved, as without
    the read-ahead."""
    base = _base()
    old, new = VARIANTS[first][0](base), base if then is None else VARIANTS[then][0](base)
    answers = []
    for ahead in (True, False):
        folder = tmp_path / str(ahead)
        folder.mkdir()
        monkeypatch.setenv("PLAN_FILE", str(folder / "plan.toml"))
        (folder / "plan.toml").write_text(old, encoding="utf-8")
        (folder / "plan.toml.new").write_text(new, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", _REWRITTEN, *command],
            cwd=folder,
            env={
                **os.environ,
                "PYTHONPATH": str(REPO),
                "QUANHU_PLAN_CACHE": str(folder / "cache"),
                "QUANHU_PLAN_READ_AHEAD": "1" if ahead else "0",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.stderr.startswith(f"forked: {ahead}\n"), done.stderr
        done.stderr = done.stderr.split("\n", 1)[1]
        answer = _answer(done, folder / "plan.toml")
        answers.append((answer[0], answer[1].replace(str(folder), "~"), *answer[2:]))
    assert answers[0] == answers[1]


# Lines put into a generated plan's part read ahead (``_read_in_two``): each kind the quick
# reader reads, declines, or the TOML reader refuses.
SNIPPETS = [
    'note = """\n[[item]]\nid = "fake"\n# c\n"""',
    "note = '''\n[[item]]\n''' ",
    'note = """',
    '"""',
    "'''",
    "# [[item]]",
    "[item.x]\na = 1",
    "a.b = 1",
    "x = { a = 1 }",
    "x = [1,\n2]",
    "x = [",
    "]",
    '[[item]] # c\nid = "c1"\ntitle = "t"',
    '[[ item ]]\nid = "c2"\ntitle = "t"',
    "[removed]\na = 1",
    '[[removed]]\nid = "r"',
    '[plan]\ntitle = "x"',
    '"quoted key" = 1',
    'x = "a\\"\\"\\"b"',
    'x = """"""',
    "x = ''''''",
    'title = "again"',
    'x = "open',
    "milestone = [{ due = 2023-06-30, progress = 50 }]",
    "[[item.milestone]]\ndue = 2023-06-30\nprogress = 50",
    '[[item.conflict]]\nfield = "progress"',
    "done_on = 2024-02-03",
    "done_on = 2024-02-03T10:00:00+08:00",
    "done_on = 2024-02-03T10:00:00",
    "log = []",
    '[[item.log]]\non = 2024-03-01\nnote = "n"',
    "conflict = 1",
    "",
    'x = 1 # """',
    "weight = 1.5",
    "[[item]]",
    '[[item]]\nid = "dup"\ntitle = "t"',
    "y = 2\r",
]


def _read_in_two(monkeypatch: Any, text: str, at_once: int, ends_after: int | None) -> Any:
    """``text`` read as the program reads it where the other process sent what its own
    function sends of it (here, in this process), and the marks said of it."""
    sent: list[Any] = []
    read_ahead._sent(text.encode("utf-8"), sent.append)
    ahead = read_ahead._Ahead(_Sending(sent, at_once, ends_after), b"")  # type: ignore[arg-type]
    ahead.text = text
    monkeypatch.setattr(read_ahead, "_AHEAD", ahead)
    monkeypatch.setattr(read_ahead, "_SAID", None)
    cut = read_ahead.halfway(text)
    assert cut is not None
    doc = quick_toml.loads(text, lambda: tomli, (cut, read_ahead._received))
    return doc, None if doc is None else read_ahead.found_marks(doc)


@pytest.mark.parametrize("seed", range(60))
def test_hostile_lines_in_the_part_read_in_two_read_as_the_whole_text(monkeypatch, seed):
    """A few of ``SNIPPETS`` anywhere in the part (small pieces: many bounds among them), with
    CRLF or no last newline at times: read in two, the document is the one the quick reader
    gives of the whole text, and where there is one, the TOML reader's; the marks said are
    those of its item tables."""
    monkeypatch.setattr(read_ahead, "_PIECE", 1 << 10)
    lines = dumps(generated(120, 3)).split("\n")
    first = lines.index("[[item]]")
    pick = random.Random(seed)
    for _ in range(6):
        for _ in range(pick.randrange(1, 3)):
            lines.insert(pick.randrange(first + 2, len(lines)), pick.choice(SNIPPETS))
        text = "\n".join(lines)
        if pick.random() < 0.2:
            text = text.replace("\n", "\r\n")
        if pick.random() < 0.2:
            text = text.rstrip("\n")
        try:
            want: Any = tomli.loads(text)
        except tomli.TOMLDecodeError:
            want = None
        whole = quick_toml.loads(text, lambda: tomli)
        for at_once, ends_after in ((100, None), (1, None), (0, None), (0, 1)):
            doc, marks = _read_in_two(monkeypatch, text, at_once, ends_after)
            assert doc == whole
            if doc is not None:
                assert doc == want
                assert marks is None or marks == tables_marks(doc["item"])
