"""A long plan with no parse-cache entry is read on two cores (quanhu_plan/store/read_ahead.py):
a process forked as the program starts reads the tables of the file's last part while the
program reads the rest. What it reads is taken only for the very text it read, and only where
the whole text's reading would have made the same document; else the part is read as before."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import tomli

from quanhu_plan.canonical import dumps
from quanhu_plan.forked import Copy, end_all
from quanhu_plan.store import quick_toml, read_ahead
from quanhu_plan.store.cache_place import entry_place
from quanhu_plan.validate import check_item
from quanhu_plan.validate_columns import FROM, plainly_right

from .test_status_rollups import generated

REPO = Path(__file__).resolve().parent.parent
linux_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks (Linux, macOS)")


def _reader() -> Any:
    return tomli


def _read_in_two(text: str, other_fails: bool = False) -> dict[str, Any] | None:
    """``text`` read as the program reads it when its last part was read ahead: the part's
    tables made by the other process's own function (here, in this process)."""
    cut = read_ahead.halfway(text)
    assert cut is not None, "no [[item]] header in the text's last part"
    raw = text.encode("utf-8")

    def tables(above: Any) -> list[Any] | None:
        assert above is None or above[-1]["id"] in text[:cut]  # (the tables read above)
        return None if other_fails else read_ahead._tables_after(raw)

    return quick_toml.loads(text, _reader, (cut, tables))


def _plan_text(tasks: int = 400) -> str:
    return dumps(generated(tasks, 3))


def _with_logs(text: str) -> str:
    """Every 7th task with a log entry of its own, as changes leave them."""
    parts = text.split("\n[[item]]\n")
    for n in range(1, len(parts), 7):
        parts[n] += (
            '\n[[item.log]]\nat = 2023-03-01T09:00:00+08:00\nby = "王五"\nfield = "progress"\n'
            "from = 10\nto = 30\n"
        )
    return "\n[[item]]\n".join(parts)


def _last_part_added(text: str, added: str) -> str:
    return text.rstrip("\n") + "\n\n" + textwrap.dedent(added).lstrip("\n")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda t: t, id="as-written"),
        pytest.param(_with_logs, id="logs"),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: _with_logs(t).replace("\n", "\r\n"), id="crlf-logs"),
        pytest.param(
            lambda t: _last_part_added(t, '[[item]]\nid = "9.9.9"\ntitle = "浮点"\nweight = 1.5\n'),
            id="a-value-for-the-toml-reader",
        ),
        pytest.param(
            lambda t: _last_part_added(
                t, '[[item]]\nid = "9.9.9"\ntitle = "名单"\nowners = ["王五", "李四"]\n'
            ),
            id="an-array",
        ),
    ],
)
def test_a_plan_read_in_two_is_the_plan_read_whole(make):
    text = make(_plan_text())
    whole = quick_toml.loads(text, _reader)
    assert whole is not None and len(whole["item"]) > 400
    assert _read_in_two(text) == whole
    assert _read_in_two(text, other_fails=True) == whole  # (the part read here instead)


@pytest.mark.parametrize(
    "added",
    [
        pytest.param('[plan]\ntitle = "again"\n', id="the-header-again"),
        pytest.param('[[plan.log]]\nat = 2023-03-01T09:00:00+08:00\nby = "王五"\n', id="plan-log"),
        pytest.param('[[removed]]\nid = "8.8"\ntitle = "撤销"\n', id="the-archive"),
        pytest.param('[[item]]\nid = "1"\ntitle = "dup key"\ntitle = "twice"\n', id="a-key-twice"),
        pytest.param('[[item]]\nid = """\n"""\n', id="a-multi-line-string"),
        pytest.param("[[item]]\nid = 'a literal'\ndue = 2023-02-30\n", id="no-such-day"),
    ],
)
def test_a_last_part_holding_anything_else_reads_as_the_whole_text_reads(added):
    """Tables the other process cannot give alone (another table than [[item]], one that
    belongs to a table above), or a text the quick reader declines: the same answer as the
    whole text's, declined (None) where it declines."""
    text = _last_part_added(_plan_text(), '[[item]]\nid = "9.9.1"\ntitle = "末项"\n\n' + added)
    assert _read_in_two(text) == quick_toml.loads(text, _reader)
    if "[plan]" in added or "a key twice" in added:
        assert _read_in_two(text) is None


def test_tables_after_an_item_array_written_inline_are_not_added_to_it():
    """``item = [...]`` above: a [[item]] header cannot add to it (the TOML reader refuses the
    file), so neither can the part read ahead."""
    body = _plan_text().split("\n[[item]]\n", 1)[1]
    text = 'item = [{ id = "0", title = "inline" }]\n\n[plan]\ntitle = "t"\n\n[[item]]\n' + body
    assert quick_toml.loads(text, _reader) is None
    assert _read_in_two(text) is None


def test_where_the_part_read_ahead_begins():
    """At the first [[item]] header, however long the plan: the two processes share the
    items as their speed does (``_received``), the program reading only the plan's header."""
    for text in (_plan_text(), _plan_text(4000)):
        cut = read_ahead.halfway(text)
        assert cut is not None and text.startswith("[[item]]\n", cut) and text[cut - 1] == "\n"
        assert cut == text.index("\n[[item]]\n") + 1 and "[[item]]" not in text[:cut]
    # The first header as the store writes it: one with a comment is read above the part.
    text = _plan_text().replace("[[item]]\n", "[[item]] # 上\n", 3)
    assert read_ahead.halfway(text) == text.index("\n[[item]]\n") + 1
    assert read_ahead.halfway(text.replace("\n", "\r\n")) is not None
    # A header with a comment or blanks after it, or none at all: no part is cut there.
    assert read_ahead.halfway(text.replace("[[item]]\n", "[[item]] # 任务\n")) is None
    assert read_ahead.halfway(text.replace("[[item]]\n", "[[item]]  \n")) is None
    assert read_ahead.halfway('[plan]\ntitle = "t"\n') is None


def test_only_the_text_made_of_the_bytes_read_ahead_takes_the_part(monkeypatch):
    text = _plan_text()
    raw = text.encode("utf-8")
    ahead = read_ahead._Ahead(Copy(-1, -1), raw)
    monkeypatch.setattr(read_ahead, "_AHEAD", ahead)
    other = text.replace("王五", "王六")
    read_ahead.bind(other.encode("utf-8"), other)  # (the file saved anew since: not these)
    assert read_ahead.rest_of(other) is None
    same_bytes_other_text = text + ""  # (equal, but not the text made of these bytes)
    read_ahead.bind(raw, text)
    assert read_ahead.rest_of(text) is not None
    assert read_ahead.rest_of(same_bytes_other_text[:-1] + text[-1]) is None


@pytest.mark.parametrize(
    ("args", "reads"),
    [
        (["status"], True),
        (["-f", "p.toml", "list", "--lang", "en"], True),
        (["done", "1.1.1"], True),
        (["状态"], True),  # (a command's Chinese name: any word not of the commands below)
        ([], False),
        (["--help"], False),
        (["status", "--help"], False),
        (["--version"], False),
        (["init"], False),
        (["import", "台账.xlsx"], False),
        (["county", "."], False),
        (["note", "1.1", "--", "--help"], True),  # (after --: a note's text)
    ],
)
def test_which_command_lines_read_a_plan(args, reads):
    assert read_ahead._reads_a_plan(args) is reads


def test_only_a_long_plan_with_no_entry_is_read_ahead(tmp_path, monkeypatch):
    long_plan = tmp_path / "plan.toml"
    long_plan.write_text(_plan_text(2000), encoding="utf-8")
    assert long_plan.stat().st_size >= read_ahead._FROM
    assert read_ahead._plan_bytes(["status"]) == long_plan.read_bytes()
    assert read_ahead._plan_bytes(["-f", str(long_plan), "status"]) == long_plan.read_bytes()
    entry = entry_place(long_plan.resolve())
    assert entry is not None
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"stale or not, read from the cache")
    assert read_ahead._plan_bytes(["status"]) is None
    entry.unlink()
    short = tmp_path / "short.toml"
    short.write_text(_plan_text(100), encoding="utf-8")
    assert read_ahead._plan_bytes(["-f", str(short), "status"]) is None
    monkeypatch.delenv("PLAN_FILE")
    monkeypatch.chdir(tmp_path / "cache")  # (no plan.toml here nor above: the embedded one)
    (tmp_path / "plan.toml").rename(tmp_path / "elsewhere.toml")
    assert read_ahead._plan_bytes(["status"]) is None


_WATCHED = """
import sys
from quanhu_plan.store import read_ahead
taken = []
def received(*above, given=read_ahead._received):
    tables = given(*above)
    taken.append(None if tables is None else len(tables))
    return tables
read_ahead._received = received
def told(code, leave=__import__("quanhu_plan.entry").entry.leave):
    sys.stderr.write(f"taken: {taken}\\n")
    leave(code)
import quanhu_plan.entry as entry
entry.leave = told
sys.argv = ["plan", *sys.argv[1:]]
entry.main()
"""


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _WATCHED, *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), "QUANHU_PLAN_READ_AHEAD": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _script(script: str, plan: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """``script`` run by a Python of its own on ``plan`` (its first argument), the cache in
    ``cache``."""
    return subprocess.run(
        [sys.executable, "-c", script, plan],
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "QUANHU_PLAN_CACHE": str(cache),
            "QUANHU_PLAN_READ_AHEAD": "1",  # (whatever else the machine is busy with)
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


@linux_only
@pytest.mark.parametrize("command", [["status"], ["list"], ["show", "2.1"], ["check"]])
def test_the_program_reads_the_last_part_ahead_with_the_same_answer(tmp_path, command):
    doc = generated(2000, 5)
    doc["item"][-1]["note"] = "[x] 末项 [bold]不是标记[/bold]"
    plan = tmp_path / "plan.toml"
    plan.write_text(dumps(doc), encoding="utf-8")
    before = plan.read_bytes()
    ahead = _run(command, tmp_path, QUANHU_PLAN_CACHE=str(tmp_path / "cache-a"))
    alone = _run(
        command, tmp_path, QUANHU_PLAN_CACHE=str(tmp_path / "cache-b"), QUANHU_PLAN_READ_AHEAD="0"
    )
    assert ahead.returncode == alone.returncode == 0, ahead.stderr + alone.stderr
    assert ahead.stdout == alone.stdout and ahead.stdout.strip()
    assert "taken: [" in ahead.stderr and "taken: []" not in ahead.stderr
    taken = int(ahead.stderr.split("taken: [")[1].split("]")[0])
    assert taken > len(doc["item"]) // 2  # (the last part's tables, from the other process)
    assert "taken: []" in alone.stderr  # (nothing read ahead: each table read here)
    assert plan.read_bytes() == before
    assert _entries(tmp_path / "cache-a") == _entries(tmp_path / "cache-b")


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@linux_only
@pytest.mark.parametrize(
    ("field", "value"),
    [("progress", 150), ("status", "finished"), ("due", "6月底"), ("weight", 0)],
)
@pytest.mark.parametrize("where", [-40, 40], ids=["read-ahead", "read-here"])
def test_a_wrong_value_in_the_part_read_ahead_is_found_as_without_it(tmp_path, field, value, where):
    """The other process says which of its tables are plainly right, the program which of
    those it read above them (while the other reads); one that is not is looked at alone by
    the program, and its problem said as it is said without the read ahead (the same message,
    line and item, the same exit code)."""
    doc = generated(2000, 7)
    wrong = doc["item"][where]
    wrong[field] = value
    plan = tmp_path / "plan.toml"
    plan.write_text(dumps(doc), encoding="utf-8")
    for command in (["status"], ["check"]):
        ahead = _run(command, tmp_path, QUANHU_PLAN_CACHE=str(tmp_path / "a"))
        alone = _run(
            command, tmp_path, QUANHU_PLAN_CACHE=str(tmp_path / "b"), QUANHU_PLAN_READ_AHEAD="0"
        )
        assert ahead.returncode == alone.returncode != 0
        assert ahead.stdout == alone.stdout
        said = ahead.stdout + _without_taken(ahead.stderr)  # (check: on stdout)
        assert said == alone.stdout + _without_taken(alone.stderr) and wrong["id"] in said
        assert "Traceback" not in said
        assert "taken: [" in ahead.stderr and "taken: []" not in ahead.stderr


def _without_taken(said: str) -> str:
    return "".join(line for line in said.splitlines(True) if not line.startswith("taken: "))


class _Sending:
    """A copy that sends ``values`` (what ``read_ahead._sent`` sends), ``at_once`` at a time
    (0: only when waited for, one at a time), and ends after ``ends_after`` of them."""

    pid = 0

    def __init__(self, values: list[Any], at_once: int = 0, ends_after: int | None = None):
        self.values = values[:ends_after]
        self.at_once, self.waits, self.ended = at_once, 0, False

    def received(self, wait: bool) -> tuple[list[Any], bool]:
        assert not self.ended, "asked again after it ended"
        self.waits += wait
        n = self.at_once or int(wait)
        given, self.values = self.values[:n], self.values[n:]
        self.ended = not self.values and (wait or not given)
        return given, self.ended

    def end(self, reap: bool = True) -> None:  # (``reap``: as ``forked.Copy.end``)
        self.ended = True


def _received_from(monkeypatch: Any, text: str, copy: _Sending) -> dict[str, Any] | None:
    ahead = read_ahead._Ahead(copy, b"")  # type: ignore[arg-type]
    ahead.text = text
    monkeypatch.setattr(read_ahead, "_AHEAD", ahead)
    cut = read_ahead.halfway(text)
    return quick_toml.loads(text, _reader, (cut, read_ahead._received))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("at_once", "ends_after"),
    [
        pytest.param(100, None, id="all-sent-before-asked"),
        pytest.param(1, None, id="one-a-time"),
        pytest.param(0, None, id="only-when-waited-for"),
        pytest.param(0, 1, id="ends-after-one"),
        pytest.param(100, 0, id="sends-nothing"),
    ],
)
def test_the_pieces_not_sent_yet_are_read_here_from_the_last(monkeypatch, at_once, ends_after):
    """The other process sends the part a piece at a time; where none has come, this process
    reads the last piece left itself (the other is at the first), and waits only for the last
    one left: the same document in every case, and the tables of both checked once."""
    monkeypatch.setattr(read_ahead, "_PIECE", 1 << 14)
    text = _plan_text(2000)
    cut = read_ahead.halfway(text)
    assert cut is not None
    starts = read_ahead.pieces(text, cut)
    assert len(starts) >= 8
    sent: list[Any] = []
    read_ahead._sent(text.encode("utf-8"), sent.append)
    assert [value[0] for value in sent] == starts
    copy = _Sending(sent, at_once, ends_after)
    doc = _received_from(monkeypatch, text, copy)
    assert doc == quick_toml.loads(text, _reader) and doc is not None
    assert copy.ended and read_ahead._AHEAD is None
    if at_once == 0 and ends_after is None:
        assert copy.waits == 1  # (for the first piece: the others read here meanwhile)
    # The tables plainly right found so, once: here (above, and pieces read here) or there;
    # but those of a piece too short to be looked at a column at a time (the build does).
    found, every = read_ahead.found_right(doc), plainly_right(doc["item"])
    assert len(every - found) < 2 * FROM
    assert not [t for n, t in enumerate(doc["item"]) if id(t) in found and check_item(t, n)]


def test_a_piece_the_other_process_declines_has_the_part_read_here(monkeypatch):
    monkeypatch.setattr(read_ahead, "_PIECE", 1 << 13)
    text = _plan_text(1000)
    sent: list[Any] = []
    read_ahead._sent(text.encode("utf-8"), sent.append)
    doc = _received_from(monkeypatch, text, _Sending([sent[0], None, *sent[2:]], 100))
    assert doc == quick_toml.loads(text, _reader) and doc is not None
    assert read_ahead.found_right(doc) == set()  # (nothing taken: the build checks each)


def test_the_tables_read_here_are_checked_as_the_others_are_received(monkeypatch):
    """The program's own tables (those above the part: here the first items, their headers
    not as the store writes them) are found plainly right as it takes the other process's,
    not again by the plan's build: one check of each table in all."""
    text = re.sub(r"\nprogress = \d+\n", "\nprogress = 150\n", _plan_text(400), count=1)
    text = text.replace("[[item]]\n", "[[item]] # 上\n", 150)
    sent: list[Any] = []
    read_ahead._sent(text.encode("utf-8"), sent.append)
    doc = _received_from(monkeypatch, text, _Sending(sent, 100))
    assert doc is not None and doc == quick_toml.loads(text, _reader)
    wrong = [table for table in doc["item"] if table.get("progress") == 150]
    assert len(wrong) == 1 and doc["item"].index(wrong[0]) < len(doc["item"]) // 4
    found, every = read_ahead.found_right(doc), plainly_right(doc["item"])
    above = {
        id(table) for table in doc["item"][: text[: read_ahead.halfway(text)].count("[[item]]")]
    }
    assert len(above) > FROM and found & above == every & above and id(wrong[0]) not in found
    assert len(found) > len(doc["item"]) // 2
    assert not [t for n, t in enumerate(doc["item"]) if id(t) in found and check_item(t, n)]


def test_what_the_other_process_found_right_is_kept_for_its_own_tables_alone(monkeypatch):
    tables = [{"id": f"1.{n}", "title": "t"} for n in range(100)]
    monkeypatch.setattr(read_ahead, "_RIGHT", (tables[-1], {id(t) for t in tables[50:]}))
    assert read_ahead.found_right({"item": [{"id": "other"}]}) == set()
    assert read_ahead.found_right({"item": tables}) == set()  # (taken once: gone)
    monkeypatch.setattr(read_ahead, "_RIGHT", (tables[-1], {id(t) for t in tables[50:]}))
    assert read_ahead.found_right({"item": tables}) == {id(t) for t in tables[50:]}
    assert read_ahead._plainly_right(tables) == bytes([1]) * 100
    tables[70]["progress"] = 150
    assert read_ahead._plainly_right(tables)[70] == 0


@linux_only
def test_a_part_read_ahead_and_not_taken_leaves_no_process_behind(tmp_path):
    """A command that fails before its plan is read, or a part read ahead that is not taken
    for any reason: the other process is killed and reaped as the program leaves."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_text(2000), encoding="utf-8")
    done = _run(["show", "no-such-id"], tmp_path, QUANHU_PLAN_CACHE=str(tmp_path / "c"))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    gone = _script(_LEFT_BEHIND, str(tmp_path / "plan.toml"), tmp_path / "d")
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.split() == ["forked", "reaped"]


_LEFT_BEHIND = """
import os, sys
from quanhu_plan.store import read_ahead
from quanhu_plan.forked import end_all
read_ahead.start(["-f", sys.argv[1], "status"])
pid = read_ahead._AHEAD.pid
print("forked")
end_all()  # (as the program leaves: entry._end_copies)
try:
    os.waitpid(pid, os.WNOHANG)
except ChildProcessError:
    print("reaped")
"""


def test_the_date_the_other_process_reads_is_a_date():
    text = _plan_text()
    doc = _read_in_two(text)
    assert doc is not None
    assert isinstance(doc["item"][-1].get("due", dt.date(2023, 1, 1)), dt.date)


def test_a_file_too_large_for_a_plan_is_not_read_ahead(tmp_path, monkeypatch):
    """The store refuses a file past ``LARGEST_PLAN`` from its size, unread (``PlanTooLarge``):
    a gigabyte named plan.toml (a video, a database dump) was read whole first, and copied
    into a process, for six seconds and a gigabyte of memory before the error."""
    from quanhu_plan.errors import PlanTooLarge
    from quanhu_plan.store import files, locating

    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_text(2000), encoding="utf-8")
    assert read_ahead._plan_bytes(["-f", str(plan), "status"]) is not None
    monkeypatch.setattr(locating, "LARGEST_PLAN", plan.stat().st_size - 1)
    assert read_ahead._plan_bytes(["-f", str(plan), "status"]) is None
    with pytest.raises(PlanTooLarge):  # (the one limit, the store's)
        files._read_bytes(plan)


_BEFORE_THE_FORK = """
import sys
from quanhu_plan.store import read_ahead
raw = read_ahead._plan_bytes(["-f", sys.argv[1], "status"])
print(len(raw or b""), *(name in sys.modules for name in ("quanhu_plan.store.files", "quanhu_plan.errors")))
"""


def test_what_is_loaded_before_the_fork_is_what_finding_the_bytes_needs(tmp_path):
    """The bytes to read ahead are found without loading the store's files and errors (and the
    words, dates and lock holders they load): the program loads them after the fork, while
    the other process reads; before it, they held the fork back (a tenth of what was done
    before it)."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_text(2000), encoding="utf-8")
    done = _script(_BEFORE_THE_FORK, str(plan), tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(plan.stat().st_size), "False", "False"]


@linux_only
def test_a_plan_swapped_for_a_fifo_is_not_waited_on(tmp_path, monkeypatch):
    """The path stated a long file, and is a FIFO by the time it is opened (a link swapped):
    opened as the store opens a plan (not waiting for a writer), not read, never a hang."""
    import threading
    import time

    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path) == str(fifo):  # (a long regular file when it was looked at)
            return _Long()
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)

    answered = threading.Event()

    def unblock() -> None:  # (the old code waited for a writer: let it go after a while)
        if not answered.wait(5):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass

    threading.Thread(target=unblock, daemon=True).start()
    began = time.monotonic()
    try:
        assert read_ahead._plan_bytes(["-f", str(fifo), "status"]) is None
        assert time.monotonic() - began < 3
    finally:
        answered.set()


class _Long:
    """What ``os.stat`` said of the path before it was swapped: a long regular file."""

    st_size = 1 << 20
    st_mode = 0o100644


_INTERRUPTED_WAITING = """
import os, signal, sys, time
from quanhu_plan.store import read_ahead
from quanhu_plan.forked import end_all
def slow(raw, send):  # (the copy forked inherits it: a part that takes a while to read)
    time.sleep(3)
read_ahead._sent = slow
read_ahead.start(["-f", sys.argv[1], "status"])
pid = read_ahead._AHEAD.pid
raw = open(sys.argv[1], "rb").read()
read_ahead.bind(raw, raw.decode())  # (the program's text of it: the store's read)
def ctrl_c(number, frame):
    raise KeyboardInterrupt
signal.signal(signal.SIGALRM, ctrl_c)
signal.setitimer(signal.ITIMER_REAL, 0.3)
try:
    read_ahead._received()
except KeyboardInterrupt:
    print("interrupted")
end_all()  # (as the program leaves: entry._end_copies)
try:
    print("left running" if os.waitpid(pid, os.WNOHANG) == (0, 0) else "reaped")
except ChildProcessError:
    print("reaped")
"""


@linux_only
def test_a_ctrl_c_while_the_part_is_waited_for_leaves_no_process_behind(tmp_path):
    """Ctrl-C or SIGTERM sent to the program alone (``kill``, ``timeout -s INT``) while it
    waits for the part: the other process went on reading, and was left running."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_text(2000), encoding="utf-8")
    done = _script(_INTERRUPTED_WAITING, str(plan), tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["interrupted", "reaped"]


_SIGNAL_AS_FORKED = """
import os, signal, sys
from quanhu_plan.store import read_ahead
from quanhu_plan.forked import end_all
def ended(number, frame):  # (as the program's: entry._end_as_ctrl_c)
    raise KeyboardInterrupt
signal.signal(signal.SIGTERM, ended)
forked = []
def fork(real=os.fork):
    pid = real()
    if pid:  # (the program's side: a SIGTERM comes the moment the process is made)
        forked.append(pid)
        os.kill(os.getpid(), signal.SIGTERM)
    return pid
os.fork = fork
try:
    read_ahead.start(["-f", sys.argv[1], "status"])
except KeyboardInterrupt:
    pass
end_all()  # (as the program leaves: entry._end_copies)
try:
    print("left running" if os.waitpid(forked[0], os.WNOHANG) == (0, 0) else "reaped")
except ChildProcessError:
    print("reaped")
"""


@linux_only
def test_a_signal_as_the_process_is_forked_leaves_no_process_behind(tmp_path):
    """A SIGTERM (or Ctrl-C sent to plan alone) between the fork and the program taking note
    of the process made: it went on reading, unknown to ``end``."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_text(2000), encoding="utf-8")
    done = _script(_SIGNAL_AS_FORKED, str(plan), tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["reaped"]


@linux_only
def test_no_part_read_ahead_where_children_are_reaped_unasked(tmp_path):
    """SIGCHLD ignored, as a caller that ignores it hands it on (a daemon, a server running
    plan): a process that has left is reaped at once, its status gone. The part read was
    thrown away after waiting for it (``taken: [None]``), and read again here; and its id,
    free again, was killed if it was not taken. Nothing forked."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_text(2000), encoding="utf-8")
    ignoring = (
        "import os, signal, sys\n"
        "signal.signal(signal.SIGCHLD, signal.SIG_IGN)\n"
        "os.execv(sys.executable, [sys.executable, '-c', sys.argv[1], *sys.argv[2:]])\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QUANHU_PLAN_CACHE": str(tmp_path / "c"),
        "QUANHU_PLAN_READ_AHEAD": "1",  # (not the machine's load: SIGCHLD ignored stops it)
    }
    done = subprocess.run(
        [sys.executable, "-c", ignoring, _WATCHED, "status"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    alone = _run(["status"], tmp_path, QUANHU_PLAN_CACHE=str(tmp_path / "d"))
    assert done.returncode == 0, done.stderr
    assert "taken: []" in done.stderr
    assert done.stdout == alone.stdout and "taken: [" in alone.stderr


_PRINTING_COPY = """
import os, sys, time
from quanhu_plan.store import read_ahead
def noisy(raw):  # (the copy forked inherits it: anything written to its stdout or stderr)
    os.write(1, b"LEAK-OUT ")
    os.write(2, b"LEAK-ERR ")
    return None
read_ahead._tables_after = noisy
read_ahead.start(["-f", sys.argv[1], "status"])
assert read_ahead._AHEAD is not None
print(read_ahead._received())
"""


@linux_only
def test_the_other_process_holds_neither_stdout_nor_stderr(tmp_path):
    """The copy writes nothing but the pipe, and keeps no output of the program's open: a
    ``$(plan status)`` or a pipe's reader is not kept waiting by it (the program killed by
    SIGKILL, or the OOM killer, while it read on), and a warning in it shows nowhere."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_text(2000), encoding="utf-8")
    done = _script(_PRINTING_COPY, str(plan), tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "None\n" and done.stderr == ""


@pytest.mark.parametrize(
    ("v2", "v1", "below"),
    [
        ("max 100000\n", None, False),
        ("100000 100000\n", None, True),  # docker run --cpus 1
        ("150000 100000\n", None, True),
        ("200000 100000\n", None, False),
        (None, ("-1\n", "100000\n"), False),
        (None, ("50000\n", "100000\n"), True),  # cgroup v1, half a core
        (None, None, False),  # neither: no limit known
        ("garbled\n", None, False),
    ],
)
def test_a_container_limited_to_less_than_two_cores_reads_in_one(
    tmp_path, monkeypatch, v2, v1, below
):
    """``docker run --cpus 1`` on a machine of many cores: the copy took the program's time,
    the cold read made slower, not faster (pickled and unpickled besides)."""
    places = []
    if v2 is not None:
        (tmp_path / "cpu.max").write_text(v2)
    places.append((str(tmp_path / "cpu.max"), None))
    if v1 is not None:
        (tmp_path / "quota").write_text(v1[0])
        (tmp_path / "period").write_text(v1[1])
    places.append((str(tmp_path / "quota"), str(tmp_path / "period")))
    monkeypatch.setattr(read_ahead, "_CPU_LIMITS", tuple(places))
    assert read_ahead._cpu_limit_below_two() is below
    plan = tmp_path / "plan.toml"
    plan.write_text(_plan_text(2000), encoding="utf-8")
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "c"))
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked"))  # (nor a pipe left open)
    monkeypatch.setattr(read_ahead, "_worth_forking", lambda args: True)
    if below:
        monkeypatch.setattr(read_ahead, "_AHEAD", None)
        try:
            read_ahead.start(["-f", str(plan), "status"])
            assert read_ahead._AHEAD is None
        finally:
            end_all()  # (a copy, had one been forked)


_STREAMED = """
import os, time
from quanhu_plan import forked
def job(send):  # more than a pipe holds (64 kB), sent while nobody reads
    for n in range(40):
        send((n, "值" * 4000))
    send("last")
copy = forked.fork_copy(job, streamed=True)
pid = copy.pid
time.sleep(0.3)  # (the copy has sent all, or is still sending: it never waits for this one)
got, ended = copy.received(wait=False)
while not ended:
    more, ended = copy.received(wait=True)
    got += more
print(len(got), got[0][0], got[-2][0], got[-1], len(got[5][1]), ended, copy.pid, forked._RUNNING)
try:
    print("left running" if os.waitpid(pid, os.WNOHANG) == (0, 0) else "not reaped")
except ChildProcessError:
    print("reaped")
"""


@linux_only
def test_a_streamed_copy_sends_every_value_in_order_and_is_reaped(tmp_path):
    """A copy that sends its values as it goes (the read ahead's pieces) never waits for the
    program to read them: what the pipe cannot take yet is sent with the next; the program
    gets each value whole, in order, and the copy reaped once it has ended."""
    done = _script(_STREAMED, "", tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["41", "0", "39", "last", "4000", "True", "0", "[]", "reaped"]


_A_PIECE_AT_WORK = """
import time
from quanhu_plan import forked
def job(send):  # a value as long as a piece of a plan read ahead, pickled; then at work
    send("值" * 40_000)  # (120 kB in UTF-8: more than a pipe holds unless widened, 64 kB)
    time.sleep(30)  # (reading the next piece)
    send("next")
copy = forked.fork_copy(job, streamed=True)
got, waited = [], time.monotonic()
while not got and time.monotonic() - waited < 5:
    got += copy.received(wait=False)[0]
    time.sleep(0.01)
copy.end()
print(len(got), len(got[0]) if got else 0, round(time.monotonic() - waited) < 5)
"""


@linux_only
def test_a_value_longer_than_a_pipe_holds_comes_whole_while_the_copy_goes_on(tmp_path):
    """A piece sent while the copy goes on to read the next one comes whole at once: it did
    not wait, half in the pipe, for the copy's next value (the program, finding nothing
    whole, read the piece itself)."""
    done = _script(_A_PIECE_AT_WORK, "", tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "40000", "True"]


@pytest.mark.parametrize(
    ("load", "cores", "busy"),
    [
        pytest.param("0.10 0.20 0.30 1/300 99", 2, False, id="quiet"),
        pytest.param("3.65 4.65 4.08 4/124 928", 2, True, id="four-others-running"),
        pytest.param("3.10 2.20 2.00 3/124 928", 2, True, id="more-ready-than-cores"),
        pytest.param("2.61 4.65 4.89 2/102 300", 2, False, id="the-other-core-busy-alone"),
        pytest.param("0.30 0.20 0.30 3/300 99", 2, False, id="busy-now-quiet-for-a-minute"),
        pytest.param("2.50 2.20 2.00 1/300 99", 2, False, id="busy-before-quiet-now"),
        pytest.param("3.00 3.00 3.00 4/300 99", 8, False, id="eight-cores-four-free"),
        pytest.param("9.00 9.00 9.00 9/300 99", 8, True, id="eight-cores-nine-ready"),
        pytest.param("garbled\n", 2, False, id="unreadable"),
        pytest.param(None, 2, False, id="no-such-file"),
    ],
)
def test_the_cores_busy_with_other_work_read_in_one(tmp_path, monkeypatch, load, cores, busy):
    """On a machine with more work ready than cores, now and for the last minute, the other
    process would take its time from the program's: the plan is read in one (measured: 540
    ms against 410 at 10,000 tasks, two cores shared with four to six processes)."""
    place = tmp_path / "loadavg"
    if load is not None:
        place.write_text(load, encoding="ascii")
    monkeypatch.setattr(read_ahead, "_LOAD", str(place))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.delenv(read_ahead.OFF_ENV, raising=False)
    assert read_ahead._cores_busy() is busy
    monkeypatch.setenv(read_ahead.OFF_ENV, "1")  # (on, whatever the load)
    assert read_ahead._cores_busy() is False
    if busy:  # (nothing forked: the plan is read here)
        plan = tmp_path / "plan.toml"
        plan.write_text(_plan_text(2000), encoding="utf-8")
        monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "c"))
        monkeypatch.delenv(read_ahead.OFF_ENV)
        monkeypatch.setattr(read_ahead, "_cpu_limit_below_two", lambda: False)
        monkeypatch.setattr(read_ahead, "_AHEAD", None)
        try:
            read_ahead.start(["-f", str(plan), "status"])
            assert read_ahead._AHEAD is None
        finally:
            end_all()  # (a copy, had one been forked)


@pytest.mark.parametrize("cut", [1, 7, 8, 9, 30, "value", "two"])
def test_values_sent_in_any_cuts_come_whole_in_order(cut):
    """What a streamed copy sends comes through the pipe in reads of any length (a value's
    length cut, its pickle cut, several at once): each value is given whole, in order, once,
    unpickled where it was read (session 37: no copy of each), what is not whole yet kept."""
    from _pickle import dumps

    from quanhu_plan.forked import Copy

    sent = [("第一", list(range(50))), {"id": "1.1", "title": "值" * 300}, None, b"\x00" * 9]
    stream = b"".join(len(d).to_bytes(8, "little") + d for d in (dumps(v, 5) for v in sent))
    first = len(dumps(sent[0], 5)) + 8
    at = {"value": first, "two": first + len(dumps(sent[1], 5)) + 8 + 3}.get(cut, cut)
    steps = [stream[i : i + at] for i in range(0, len(stream), at)] if type(cut) is int else []
    steps = steps or [stream[:at], stream[at:]]
    read_end, write_end = os.pipe()
    copy = Copy(0, read_end)  # (no process: nothing to kill or reap)
    got: list[Any] = []
    try:
        for step in steps:
            os.write(write_end, step)
            more, ended = copy.received(wait=False)
            assert not ended
            got += more
        os.close(write_end)
        more, ended = copy.received(wait=True)
        got += more
        assert ended and copy.waiting == bytearray()
    finally:
        copy.end()
    assert got == sent


_KILLED_AT_WORK = """
import os, time
from quanhu_plan import forked
def job(send):
    send("first")
    time.sleep(30)  # (at work on the next piece)
copy = forked.fork_copy(job, streamed=True)
pid = copy.pid
got = []
while not got:
    got += copy.received(wait=True)[0]
asked = time.monotonic()
copy.end(reap=False)
took = time.monotonic() - asked
def state():
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(") ")[2][0]
    except OSError:
        return "gone"
for _ in range(500):  # (the kill takes its effect: the copy stops, a zombie not reaped yet)
    if state() == "Z":
        break
    time.sleep(0.01)
print(got, took < 1, state(), copy in forked._RUNNING, copy.pipe)
forked.end_all()
print(state(), forked._RUNNING)
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
@linux_only
def test_a_copy_ended_unreaped_is_killed_now_and_reaped_as_the_program_leaves(tmp_path):
    """The read ahead's copy, no longer needed (its pieces read here too), is killed and not
    waited for (session 37: a copy killed at work took 2-8 ms to let go of its memory, and the
    answer waited for it): it stops at once, a zombie until the program leaves, which reaps it
    (``end_all``), as it reaps every copy."""
    done = _script(_KILLED_AT_WORK, "", tmp_path / "c")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["['first'] True Z True -1", "gone []"]


def test_the_read_ahead_ends_its_copy_without_waiting_for_it(monkeypatch):
    """``_received`` ends the other process unreaped (reaped as the program leaves), however
    the pieces came: all sent, some read here, or garbage sent."""

    class _Ends(_Sending):
        reaped: list[bool] = []

        def end(self, reap: bool = True) -> None:
            self.reaped.append(reap)
            super().end(reap)

    monkeypatch.setattr(read_ahead, "_PIECE", 1 << 14)
    text = _plan_text(2000)
    cut = read_ahead.halfway(text)
    assert cut is not None
    sent: list[Any] = []
    read_ahead._sent(text.encode(), sent.append)
    for values in (sent, sent[:2], [("garbage",)]):
        copy = _Ends(values, at_once=100)
        copy.reaped = []
        _received_from(monkeypatch, text, copy)
        assert copy.reaped and not any(copy.reaped)
