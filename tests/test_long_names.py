"""A plan whose file name is long: a file name holds at most 255 bytes and a Chinese character
takes three, so the names of the files the tool makes beside a plan (its lock, the temp file a
change is written through, a hard-linked plan's journal) would not fit. They are shortened,
the same way by every program, and stay hidden and ignored as before; a plan of ordinary
length keeps the names it always had."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.store import file_names, in_place

from .conftest import REPO, SMALL_ITEMS, write_plan

NAME_MAX = 255
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file semantics")

LONG_NAMES = {
    "80 characters": "计" * 80 + ".toml",  # 245 bytes: lock 250, temp 266, journal 261
    "84 characters": "泉湖镇" * 28,  # 252 bytes, no extension
    "at the limit": "计" * 83 + "a.toml",  # 255 bytes
    "mixed": "a" + "计" * 82 + ".toml",  # 252 bytes; the cut falls between ASCII and Chinese
}
# (name, whether the lock, the journal and the temp keep the whole name): today's names.
FITTING = [
    ("plan.toml", True, True, True),
    ("计" * 76 + ".toml", True, True, True),  # 233 bytes: the temp's name is 254
    ("计" * 77 + ".toml", True, True, False),  # 236: lock 241 and journal 252 fit, temp 257
]


def size(name: str) -> int:
    return len(os.fsencode(name))


def invoke(plan: Path, *args: str):
    return CliRunner().invoke(app, ["--file", str(plan), *args])


def long_plan(tmp_path: Path, name: str) -> Path:
    """The plan, alone in a folder of its own (the parse cache is elsewhere)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    return write_plan(folder / name, SMALL_ITEMS)


def task(plan: Path, item_id: str) -> dict[str, Any]:
    items = tomllib.loads(plan.read_text(encoding="utf-8"))["item"]
    return next(item for item in items if item["id"] == item_id)


def temp_names_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the temp files atomic_write makes from now on."""
    import tempfile

    made: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def recording(*args: Any, **kwargs: Any) -> Any:
        fd, name = real_mkstemp(*args, **kwargs)
        made.append(os.path.basename(name))
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", recording)
    return made


@pytest.mark.parametrize("name", LONG_NAMES.values(), ids=LONG_NAMES.keys())
def test_every_change_works_on_a_plan_whose_name_is_long_and_leaves_nothing_beside_it(
    tmp_path, name
):
    plan = long_plan(tmp_path, name)
    assert size(plan.name) == size(name) > 3 * 76

    def alone() -> None:
        assert os.listdir(plan.parent) == [name]

    result = invoke(plan, "note", "1.3", "机耕道开工", "--on", "2023-04-01")
    assert result.exit_code == 0, result.output
    assert task(plan, "1.3")["log"][-1]["note"] == "机耕道开工"
    alone()

    result = invoke(plan, "done", "1.3", "--on", "2023-04-20")
    assert result.exit_code == 0, result.output
    assert task(plan, "1.3")["status"] == "done"
    alone()

    result = invoke(plan, "undo")
    assert result.exit_code == 0, result.output
    assert "status" not in task(plan, "1.3")
    assert [entry["action"] for entry in task(plan, "1.3")["log"] if "undone" in entry] == ["done"]
    alone()

    # A task moved to the end of the file by hand: fmt puts it back under its goal.
    doc = tomllib.loads(plan.read_text(encoding="utf-8"))
    doc["item"].append(doc["item"].pop(1))
    from quanhu_plan.canonical import dumps

    plan.write_text(dumps(doc), encoding="utf-8")
    result = invoke(plan, "fmt")
    assert result.exit_code == 0, result.output
    ids = [item["id"] for item in tomllib.loads(plan.read_text(encoding="utf-8"))["item"]]
    assert ids == ["1", "1.2", "1.3", "1.1", "2", "2.1", "2.2", "2.3"]
    alone()

    assert invoke(plan, "check").exit_code == 0


@pytest.mark.parametrize("name", LONG_NAMES.values(), ids=LONG_NAMES.keys())
def test_the_names_beside_a_long_plan_fit_and_are_derived_from_the_whole_name(
    tmp_path, monkeypatch, name
):
    """Lock, journal and temp names fit in 255 bytes; they are the same each time (two programs
    agree on the lock), differ for two plans alike but at their end, and the temp names are the
    ones a later change removes as a killed writer's."""
    plan = long_plan(tmp_path, name)
    real = plan.resolve()
    made = temp_names_made(monkeypatch)
    assert invoke(plan, "note", "1.3", "开工").exit_code == 0
    (temp,) = made
    lock, journal = store.lock_path(real), store.journal_path(real)
    assert lock.parent == journal.parent == real.parent
    for made_name in (lock.name, journal.name, temp):
        assert size(made_name) <= NAME_MAX, made_name
        assert made_name.lstrip(".").startswith(name[:60]), made_name
    assert lock.name.endswith(".toml.lock" if name.endswith(".toml") else ".lock")
    assert journal.name.startswith(".") and journal.name.endswith(".quanhu-journal")
    assert temp.startswith(".") and temp.endswith(".quanhu-tmp")
    assert store._stale_temp_name(real).fullmatch(temp)
    assert (store.lock_path(real), store.journal_path(real)) == (lock, journal)

    base, extension = os.path.splitext(name)  # a plan alike but for its last character
    twin = real.with_name(base[:-1] + ("b" if base[-1].isascii() else "二") + extension)
    assert twin.name != name and size(twin.name) == size(name)
    assert store.lock_path(twin) != lock and store.journal_path(twin) != journal
    assert not store._stale_temp_name(twin).fullmatch(temp)


@pytest.mark.parametrize(
    ("name", "lock", "journal", "temp"),
    FITTING,
    ids=["plan.toml", "76 characters", "77 characters"],
)
def test_the_names_beside_a_plan_that_fits_are_those_it_always_had(
    tmp_path, monkeypatch, name, lock, journal, temp
):
    plan = long_plan(tmp_path, name)
    real = plan.resolve()
    made = temp_names_made(monkeypatch)
    assert invoke(plan, "note", "1.3", "开工").exit_code == 0
    assert (store.lock_path(real).name == name + ".lock") is lock
    assert (store.journal_path(real).name == f".{name}.quanhu-journal") is journal
    (made_name,) = made
    assert (made_name.startswith(f".{name}.") and len(made_name) == len(name) + 21) is temp
    for beside in (store.lock_path(real).name, store.journal_path(real).name, made_name):
        assert size(beside) <= NAME_MAX


_HOLDER = """
import sys
from pathlib import Path
from quanhu_plan import changes, store
from quanhu_plan.changes import Stamp

def change(plan):
    print("inside", flush=True)
    sys.stdin.readline()
    return changes.progress(plan, "1.3", 70, Stamp.current("first"))

store.update(store.PlanSource(Path(sys.argv[1])), change)
"""


@posix_only
def test_two_programs_changing_a_plan_with_a_long_name_wait_for_each_other(tmp_path):
    """Another process holds the plan's (shortened) lock while it makes a change: a change made
    here meanwhile waits for it, then is made on the plan as the other left it; both land."""
    plan = long_plan(tmp_path, LONG_NAMES["80 characters"])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(plan)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "inside"
        lock = store.lock_path(plan.resolve())
        assert lock.exists()  # the name the other program made is the one this one derives
        results: list[Any] = []
        second = threading.Thread(
            target=lambda: results.append(invoke(plan, "note", "1.1", "第二个"))
        )
        second.start()
        time.sleep(0.5)
        assert second.is_alive()  # waiting for the lock
        assert "log" not in task(plan, "1.1")
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(30) == 0
        second.join(30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    (result,) = results
    assert result.exit_code == 0, result.output
    assert task(plan, "1.3")["progress"] == 70
    assert task(plan, "1.1")["log"][-1]["note"] == "第二个"
    assert os.listdir(plan.parent) == [plan.name]


@posix_only
def test_a_hard_linked_plan_with_a_long_name_is_written_in_place_through_its_journal(
    tmp_path, monkeypatch
):
    plan = long_plan(tmp_path, LONG_NAMES["at the limit"])
    other = plan.parent / "other.toml"
    os.link(plan, other)
    journals: list[Path] = []
    real_write_journal = in_place._write_journal

    def recording(journal: Path, *args: Any) -> None:
        journals.append(journal)
        real_write_journal(journal, *args)

    monkeypatch.setattr(in_place, "_write_journal", recording)
    result = invoke(plan, "note", "1.3", "开工")
    assert result.exit_code == 0, result.output
    assert journals == [store.journal_path(plan.resolve())]
    assert other.stat().st_ino == plan.stat().st_ino
    assert task(other, "1.3")["log"][-1]["note"] == "开工"
    assert sorted(os.listdir(plan.parent)) == sorted([plan.name, "other.toml"])


def test_a_temp_file_a_killed_writer_left_beside_a_long_plan_is_removed_by_the_next_change(
    tmp_path,
):
    plan = long_plan(tmp_path, LONG_NAMES["84 characters"])
    prefix = file_names._temp_prefix(plan.resolve())
    stale = plan.parent / f"{prefix}k3x_9a0q.quanhu-tmp"
    stale.write_text("half", encoding="utf-8")
    lock = store.lock_path(plan.resolve())
    lock.write_bytes(b"")  # and its lock
    assert invoke(plan, "note", "1.3", "开工").exit_code == 0
    assert os.listdir(plan.parent) == [plan.name]


def test_the_files_beside_a_long_plan_are_ignored_by_git_and_left_aside_by_county(tmp_path):
    plan = long_plan(tmp_path, LONG_NAMES["80 characters"])
    real = plan.resolve()
    beside = [
        store.lock_path(real).name,
        file_names._temp_prefix(real) + "a1b2c3d4.quanhu-tmp",
        store.journal_path(real).name,
    ]
    for name in beside:
        (plan.parent / name).write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["county", str(plan.parent), "--json"])
    assert result.exit_code == 0, result.output
    skipped = {
        Path(left["file"]).name: left["why"] for left in json.loads(result.stdout)["skipped"]
    }
    assert skipped == dict(zip(beside, ["lock", "temp", "journal"], strict=True))
    if shutil.which("git") is None:
        return
    checked = subprocess.run(
        ["git", "check-ignore", "--no-index", "-z", *beside],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if checked.returncode != 128:  # 128: not a git checkout
        assert checked.stdout.split("\0")[:-1] == beside


def test_names_made_shorter_hold_no_character_windows_forbids_and_fit_there_too(monkeypatch):
    """On Windows a name holds 255 UTF-16 units, not bytes: a plan of 80 Chinese characters fits
    there as it is (its names stay as they are), one of 250 is shortened within that."""
    forbidden = set('<>:"/\\|?*') | {chr(code) for code in range(32)}
    monkeypatch.setattr(file_names, "_WINDOWS", True)
    folder = Path("C:/计划")
    fits = folder / ("计" * 80 + ".toml")
    assert store.lock_path(fits).name == fits.name + ".lock"
    assert store.journal_path(fits).name == f".{fits.name}.quanhu-journal"
    assert file_names._temp_prefix(fits) == f".{fits.name}."
    for name in ("计" * 250 + ".toml", "计" * 254, "a." + "计" * 252):
        long = folder / name
        for made in (
            store.lock_path(long).name,
            store.journal_path(long).name,
            file_names._temp_prefix(long) + "abcdefgh.quanhu-tmp",
        ):
            assert file_names.name_length(made) <= NAME_MAX and "~" in made, made
            assert not set(made) & forbidden and made[-1] not in ". "
            assert made.lstrip(".").startswith(name[:200]), made


TOO_LONG = "计" * 84 + "a"  # 253 bytes: with any extension, one name longer than 255


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "md", "--out", TOO_LONG + ".md"],
        ["export", "--out", TOO_LONG + ".csv"],
        ["init", TOO_LONG + ".toml"],
        ["new", "2024", "--out", TOO_LONG + ".toml"],
    ],
    ids=["report", "export", "init", "new"],
)
def test_a_file_to_write_whose_name_is_too_long_is_refused_with_a_message(tmp_path, args):
    """A name past 255 bytes cannot be made at all: said as the system's reason, in one
    paragraph with what to do, and exit 1 (it was a traceback)."""
    plan = long_plan(tmp_path, "plan.toml")
    args = [str(plan.parent / arg) if arg.startswith(TOO_LONG) else arg for arg in args]
    result = invoke(plan, *args)
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, OSError)
    assert "文件名或路径太长" in result.output and "请换一个短一些的路径" in result.output
    assert os.listdir(plan.parent) == ["plan.toml"]
