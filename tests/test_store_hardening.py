"""Issue 8, the file, store and process side: each test protects one defect found by attack.

1 no write loses an item id; 2 report --out never the plan or its lock, nor a FIFO, device or
folder; 3 a hard-linked plan keeps its link, crash-safe; 4 only the tool's own temp files are
removed; 5 the first change to a file with comments says they are lost; 6 output never fails,
and a saved change exits 0; 12 Ctrl-C exits 130 quietly; 14 owner, group and mode are kept, the
lock is shared like the plan; 15 a read-only plan is refused; 16 odd paths (a symlinked lock, a
plan.toml that is a folder) stop with a clear error.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan import changes, store
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app, prompts
from quanhu_plan.errors import ItemsWouldBeLost, PlanNotWritable

from .conftest import REPO, SMALL_ITEMS, terminal_input, write_plan
from .test_no_data_loss import _change_for, _update_in_child

T0 = dt.datetime(2023, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file semantics")
root_only = pytest.mark.skipif(not IS_ROOT, reason="needs root to set owners or drop to a user")


@pytest.fixture
def in_2023(clock):
    """Changes dated today inside the 2023 plans here: a change dated outside the plan's period
    is said on stderr (session 25), which these tests want empty of anything else."""
    clock.now = T0


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def leftovers(folder: Path) -> list[str]:
    """Files the tool makes beside a plan, other than the lock: temps and journals."""
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith((".quanhu-tmp", ".quanhu-journal"))
    )


def run_plan(*args: str, env: dict[str, str] | None = None, **kwargs: Any):
    """``python -m quanhu_plan`` in a real process, as a user starts it."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run(
        [sys.executable, "-m", "quanhu_plan", *args], env=full_env, timeout=60, **streams
    )


# ---------------------------------------------------------------- 1. no item is ever lost


def _cycle_after_move(plan_file: Path) -> None:
    """plan move 1.1 top, then a hand edit making 1 a child of 1.1: a cycle 1 -> 1.1 -> 1."""
    assert invoke("move", "1.1", "top").exit_code == 0
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace('[[item]]\nid = "1"\n', '[[item]]\nid = "1"\nparent = "1.1"\n', 1), "utf-8"
    )


def test_undo_that_would_drop_items_in_a_parent_cycle_is_refused_and_writes_nothing(small_plan):
    """Undoing the move would hang 1.1 back under 1, which the hand edit put under 1.1: a loop
    in which 1, 1.1 and what is under them would vanish. The undo says so; nothing is written
    (and were it ever tried, the store's id guard below would refuse it)."""
    _cycle_after_move(small_plan)
    before = small_plan.read_bytes()
    result = invoke("undo")
    assert result.exit_code == 1, result.output
    assert "不能撤销移动：原上级 1 现在在 1.1 之下，移回去会形成循环" in result.stderr
    assert small_plan.read_bytes() == before
    assert result.stdout == ""


def test_undo_that_would_drop_items_is_refused_in_english_too(small_plan):
    _cycle_after_move(small_plan)
    result = invoke("undo", "--lang", "en")
    assert result.exit_code == 1
    assert "Cannot undo the move: the old parent 1 is below 1.1 now" in result.stderr


def _drop_from_tree(plan: Any, item_id: str) -> None:
    """A change gone wrong: takes an item out of the tree without archiving it."""
    item = plan.find(item_id)
    siblings = item.parent.children if item.parent else plan.roots
    siblings.remove(item)


def test_no_change_can_write_a_plan_missing_an_id_it_read(small_plan):
    before = small_plan.read_bytes()
    with pytest.raises(ItemsWouldBeLost) as caught:
        store.update(store.PlanSource(small_plan), lambda plan: _drop_from_tree(plan, "2"))
    assert caught.value.ids == ["2", "2.1", "2.2", "2.3"]
    assert small_plan.read_bytes() == before
    assert leftovers(small_plan.parent) == []


def test_no_change_can_drop_an_archived_item(small_plan):
    assert invoke("rm", "1.3", "--yes").exit_code == 0
    before = small_plan.read_bytes()
    with pytest.raises(ItemsWouldBeLost) as caught:
        store.update(store.PlanSource(small_plan), lambda plan: plan.extra.pop("removed"))
    assert caught.value.ids == ["1.3"]
    assert small_plan.read_bytes() == before


def test_save_called_directly_checks_against_the_ids_on_disk(small_plan):
    plan = store.load(store.PlanSource(small_plan))
    _drop_from_tree(plan, "1.1")
    with pytest.raises(ItemsWouldBeLost):
        store.save(small_plan, plan)


def test_removing_and_undoing_keep_every_id_and_pass_the_guard(small_plan):
    assert invoke("rm", "2", "--recursive", "--yes").exit_code == 0
    assert invoke("add", "1", "新任务").exit_code == 0
    assert invoke("undo").exit_code == 0  # the add goes to the archive
    assert invoke("undo").exit_code == 0  # the removal comes back
    doc = tomllib.loads(small_plan.read_text(encoding="utf-8"))
    assert store.item_ids(doc) == {t["id"] for t in SMALL_ITEMS} | {"1.4"}


# ---------------------------------------------------------------- 2. report --out


def _out_names(plan_file: Path) -> Iterator[tuple[str, Path]]:
    folder = plan_file.parent
    yield "the plan itself", plan_file
    yield "a relative path with ..", Path("sub/../plan.toml")
    link = folder / "link.md"
    link.symlink_to(plan_file)
    yield "a symlink to the plan", link
    hard = folder / "hard.md"
    os.link(plan_file, hard)
    yield "a hard link to the plan", hard
    yield "the lock file", folder / "plan.toml.lock"


@posix_only
def test_report_out_never_overwrites_the_plan_or_its_lock(small_plan):
    (small_plan.parent / "sub").mkdir()
    # A report at the lock's name would be taken for a lock and removed by the next change.
    assert invoke("start", "1.3").exit_code == 0
    before = small_plan.read_bytes()
    for what, out in _out_names(small_plan):
        result = invoke("report", "--format", "md", "--out", str(out), "--force")
        assert result.exit_code == 1, (what, result.output)
        assert "写入报告会把它覆盖，所以什么也没有写入" in result.stderr, what
        assert small_plan.read_bytes() == before, what
        assert not (small_plan.parent / "plan.toml.lock").exists()
    assert (small_plan.parent / "link.md").is_symlink()
    assert (small_plan.parent / "hard.md").stat().st_ino == small_plan.stat().st_ino
    assert leftovers(small_plan.parent) == []


def test_report_out_onto_the_embedded_plan_is_refused(monkeypatch, tmp_path):
    embedded = tmp_path / "package" / "plan.toml"  # a copy: a failure must not hit the real one
    embedded.parent.mkdir()
    shutil.copy(store.embedded_plan_path(), embedded)
    monkeypatch.setattr(store.locating, "embedded_plan_path", lambda: embedded)
    monkeypatch.delenv("PLAN_FILE")
    before = embedded.read_bytes()
    result = invoke("report", "--format", "md", "--out", str(embedded), "--force", "--lang", "en")
    assert result.exit_code == 1
    assert "is the plan file in use" in result.stderr
    assert embedded.read_bytes() == before


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_report_out_onto_a_fifo_a_folder_or_a_device_is_refused(small_plan, kind):
    out = small_plan.parent / "out.md"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "folder":
        out.mkdir()
    else:  # a null device of its own: a test that failed must not replace the system's
        try:
            os.mknod(out, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    result = invoke("report", "--format", "md", "--out", str(out), "--force")
    assert result.exit_code == 1, result.output
    name = {"fifo": "命名管道（FIFO）", "folder": "文件夹", "device": "设备文件"}[kind]
    assert f"--out 指定的 {out} 是一个{name}" in result.stderr
    assert "什么也没有写入" in result.stderr
    assert not stat.S_ISREG(out.lstat().st_mode)  # not replaced by a file
    assert leftovers(small_plan.parent) == []


# ---------------------------------------------------------------- 3. hard links


@posix_only
def test_a_hard_linked_plan_keeps_its_link_after_a_change(small_plan, tmp_path):
    colleague = tmp_path / "colleague"
    colleague.mkdir()
    theirs = colleague / "plan.toml"
    os.link(small_plan, theirs)
    result = invoke("note", "1.3", "硬链接同步")
    assert result.exit_code == 0, result.output
    assert small_plan.stat().st_ino == theirs.stat().st_ino
    assert small_plan.stat().st_nlink == 2
    assert "硬链接同步" in theirs.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == [] and leftovers(colleague) == []
    # and the colleague's change through the other link reaches this one
    result = invoke("--file", str(theirs), "note", "1.3", "同事的进展")
    assert result.exit_code == 0, result.output
    assert "同事的进展" in small_plan.read_text(encoding="utf-8")


def _writer_through(path: str, name: str, count: int) -> None:
    source = store.PlanSource(Path(path))
    for n in range(count):

        def bump(plan, n=n):  # type: ignore[no-untyped-def]
            figure = plan.find("1").get("actual", 0) + 1
            return changes.record(plan, "1", figure, Stamp.current(name), note=f"{name}:{n}")

        store.update(source, bump)


@posix_only
def test_writers_through_two_hard_links_lose_no_change(plan_file, tmp_path):
    import multiprocessing

    write_plan(plan_file, [{"id": "1", "title": "计数"}])
    other = tmp_path / "other" / "plan.toml"
    other.parent.mkdir()
    os.link(plan_file, other)
    context = multiprocessing.get_context("fork")
    paths = [plan_file, other, plan_file, other]
    workers = [
        context.Process(target=_writer_through, args=(str(p), f"w{n}", 15))
        for n, p in enumerate(paths)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * 4
    task = tomllib.loads(other.read_text(encoding="utf-8"))["item"][0]
    assert task["actual"] == 60
    assert len(task["log"]) == 60
    assert plan_file.stat().st_ino == other.stat().st_ino


KILLS_IN_PLACE = 100


@posix_only
def test_a_writer_killed_while_writing_a_hard_linked_plan_leaves_the_old_or_the_new_plan(
    plan_file, tmp_path
):
    write_plan(plan_file, SMALL_ITEMS)
    other = tmp_path / "colleague.toml"
    os.link(plan_file, other)
    store.update(store.PlanSource(plan_file), lambda plan: None)
    rng = random.Random(20230602)
    outcomes: Counter[str] = Counter()
    took: list[float] = []
    for run in range(KILLS_IN_PLACE):
        old_bytes = plan_file.read_bytes()
        old = store.load(store.PlanSource(other)).to_doc()
        plan = store.load(store.PlanSource(plan_file))
        _change_for(run)(plan)
        new = plan.to_doc()
        new_bytes = store.dump(plan).encode("utf-8")
        began = time.monotonic()
        pid = _update_in_child(plan_file, run)
        if run < 5:
            _, status = os.waitpid(pid, 0)
            took.append(time.monotonic() - began)
            assert os.waitstatus_to_exitcode(status) == 0
        else:
            time.sleep(rng.uniform(0, 1.3 * max(took)))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        raw = plan_file.read_bytes()
        marked = raw.startswith(store.INTERRUPTED)
        # On disk: the old text, the new one, or a file marked as half-written; never a mix
        assert marked or raw in (old_bytes, new_bytes), f"run {run}: torn and not marked"
        # A reader through the other link sees the old plan or the new one: a file left marked
        # is finished from its journal first, never read as it is.
        now = store.load(store.PlanSource(other)).to_doc()
        assert now in (old, new), f"run {run}: neither the old nor the new plan"
        if run >= 5:
            outcomes["old" if now == old else "new"] += 1
            outcomes["finished from the journal"] += marked
        assert plan_file.stat().st_ino == other.stat().st_ino
        assert not plan_file.read_bytes().startswith(store.INTERRUPTED)
    print(
        f"\nin place: {KILLS_IN_PLACE - 5} writers of a hard-linked plan SIGKILLed: "
        f"{outcomes['new']} left the new plan, {outcomes['old']} the old, "
        f"{outcomes['finished from the journal']} killed mid-write and finished by the reader"
    )
    assert outcomes["old"] and outcomes["new"]


def _half_written(plan_file: Path, new: bytes, journal: bool) -> Path:
    """The state a writer through ``plan_file`` killed mid-way leaves: the plan marked with its
    journal's path, the rest partly written, the journal complete (or missing)."""
    other = plan_file.with_name("colleague.toml")
    os.link(plan_file, other)
    old = plan_file.read_bytes()
    real = plan_file.resolve()
    if journal:
        store._write_journal(store.journal_path(real), new, real.stat())
    mark = store.INTERRUPTED + b" " + os.fsencode(store.journal_path(real)) + b"\n"
    with plan_file.open("r+b") as handle:
        handle.write(mark)
        handle.seek(len(mark) + 40)
        handle.write(new[len(mark) + 40 : len(mark) + 400])
    assert plan_file.read_bytes() not in (old, new)
    return other


@posix_only
def test_a_half_written_hard_linked_plan_is_finished_by_the_next_reader(small_plan):
    plan = store.load(store.PlanSource(small_plan))
    changes.start(plan, "1.1", Stamp("me", T0))
    new = store.dump(plan).encode("utf-8")
    other = _half_written(small_plan, new, journal=True)
    result = invoke("--file", str(other), "show", "1.1")
    assert result.exit_code == 0, result.output
    assert small_plan.read_bytes() == new
    assert leftovers(small_plan.parent) == []


@posix_only
def test_a_half_written_plan_without_its_journal_is_refused_by_every_command(small_plan):
    plan = store.load(store.PlanSource(small_plan))
    changes.start(plan, "1.1", Stamp("me", T0))
    other = _half_written(small_plan, store.dump(plan).encode("utf-8"), journal=False)
    torn = small_plan.read_bytes()
    for args in (["status"], ["check"], ["start", "1.3"], ["report", "--format", "json"]):
        result = invoke("--file", str(other), *args)
        assert result.exit_code == 1, (args, result.output)
        assert "被中断的修改留下的半成品" in result.stderr, args
        assert (
            f"{small_plan.with_name('.plan.toml.quanhu-journal')} 中，但没有找到" in result.stderr
        )
        assert "备份或 git" in result.stderr
    assert small_plan.read_bytes() == torn


@posix_only
def test_a_journal_written_only_in_part_is_not_used(small_plan):
    """A writer killed while writing the journal never touched the plan: the next change
    goes on from the plan as it is."""
    real = small_plan.resolve()
    journal = store.journal_path(real)
    os.link(small_plan, small_plan.with_name("colleague.toml"))
    store._write_journal(journal, b"[plan]\ntitle = 'x'\n", real.stat())
    journal.write_bytes(journal.read_bytes()[:-5])  # cut short
    assert invoke("start", "1.3").exit_code == 0
    assert store.load(store.PlanSource(small_plan)).find("1.3").status == "doing"
    assert not journal.exists()


# ---------------------------------------------------------------- 4. temp names


def test_user_tmp_file_beside_plan_survives_a_change(small_plan):
    folder = small_plan.parent
    theirs = [
        ".plan.toml.my-backup.tmp",
        ".plan.toml.abcdefgh.tmp",  # the old temp pattern: a user may have chosen it too
        ".plan.toml.backup.quanhu-tmp",  # not 8 random characters
        ".plan.toml.abcdefgh.quanhu-tmp.bak",
        ".other.toml.abcdefgh.quanhu-tmp",
    ]
    for name in theirs:
        (folder / name).write_text("我的备份", encoding="utf-8")
    stale = folder / ".plan.toml.k3x_9a0q.quanhu-tmp"  # what a killed writer leaves
    stale.write_text("half", encoding="utf-8")
    assert invoke("start", "1.3").exit_code == 0
    for name in theirs:
        assert (folder / name).read_text(encoding="utf-8") == "我的备份", name
    assert not stale.exists()


def test_the_tools_temp_names_match_the_stale_pattern(small_plan, monkeypatch):
    import tempfile as tempfile_module

    made: list[str] = []
    real_mkstemp = tempfile_module.mkstemp

    def recording(*args: Any, **kwargs: Any) -> Any:
        fd, name = real_mkstemp(*args, **kwargs)
        made.append(os.path.basename(name))
        return fd, name

    monkeypatch.setattr(tempfile_module, "mkstemp", recording)
    assert invoke("start", "1.3").exit_code == 0
    assert made and all(store._stale_temp_name(small_plan.resolve()).fullmatch(n) for n in made), (
        made
    )


def test_a_change_leaves_nothing_beside_the_plan_in_a_git_checkout(small_plan, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    folder = small_plan.parent / "repo"  # the tests' parse cache lives beside small_plan
    folder.mkdir()
    monkeypatch.setenv("PLAN_FILE", str(shutil.copy(small_plan, folder / "plan.toml")))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "plan.toml"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "plan"], cwd=folder, check=True)
    for args in (["start", "1.3"], ["note", "1.3", "开工"], ["undo"], ["fmt", "--force"]):
        assert invoke(*args).exit_code == 0, args
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout.split("\n")[0].strip() == "M plan.toml"
    assert len(status.stdout.strip().splitlines()) == 1, status.stdout  # nothing untracked
    assert sorted(p.name for p in folder.iterdir() if p.name != ".git") == ["plan.toml"]


def test_a_lock_file_left_by_a_killed_program_is_used_and_removed(small_plan):
    lock = small_plan.with_name("plan.toml.lock")
    lock.write_bytes(b"")
    assert invoke("start", "1.3").exit_code == 0
    assert not lock.exists()


@posix_only
def test_one_waiting_on_a_lock_file_that_is_removed_locks_the_one_there_now(small_plan):
    import threading

    lock = small_plan.with_name("plan.toml.lock")
    order: list[str] = []
    holding = threading.Event()

    def first() -> None:
        with store.locked(small_plan):
            order.append("first in")
            holding.set()
            time.sleep(0.2)  # the second opens the same lock file meanwhile, and waits
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    holding.wait(5)
    with store.locked(small_plan):
        order.append("second in")
        # Not the file the first removed: the one at the lock's name, held by the second.
        assert lock.exists()
    thread.join(5)
    assert order == ["first in", "first out", "second in"]
    assert not lock.exists()


def test_gitignore_covers_what_plan_leaves_beside_a_plan():
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    names = ["plan.toml.lock", ".plan.toml.a1b2c3d4.quanhu-tmp", ".plan.toml.quanhu-journal"]
    names += ["sub/x.toml.lock", "sub/.x.toml.abcdefgh.quanhu-tmp"]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *names], cwd=REPO, capture_output=True, text=True
    )
    if result.returncode == 128:
        pytest.skip("not a git checkout")
    assert result.stdout.split() == names


# ---------------------------------------------------------------- 5. comments


def test_a_change_keeps_hand_written_comments_and_says_nothing(small_plan, in_2023):
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text("# 2023年计划，王五整理\n" + text + "# 末尾注释\n", encoding="utf-8")
    result = invoke("start", "1.3")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert store.load(store.PlanSource(small_plan)).find("1.3").status == "doing"
    after = small_plan.read_text(encoding="utf-8")
    assert after.startswith("# 2023年计划，王五整理\n") and after.endswith("# 末尾注释\n")


def test_a_layout_a_change_cannot_edit_is_rewritten_whole_and_says_comments_went(
    plan_file, in_2023
):
    plan_file.write_text(
        '[plan]\ntitle = "测试" # 计划名\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "修塘"\n'
        'log = [{ on = 2023-01-05, note = "开工" }]\n',
        encoding="utf-8",
    )
    result = invoke("start", "1")
    assert result.exit_code == 0, result.output
    assert "手写的 # 注释没有保留下来" in result.stderr
    assert "plan note" in result.stderr
    assert "#" not in plan_file.read_text(encoding="utf-8")
    assert store.load(store.PlanSource(plan_file)).find("1").status == "doing"
    english = invoke("note", "1", "x", "--lang", "en")
    assert english.exit_code == 0 and english.stderr == ""  # canonical now: edited in place


def test_fmt_refuses_a_file_with_comments_unless_forced(small_plan):
    small_plan.write_text(
        small_plan.read_text(encoding="utf-8").replace(
            'title = "修塘"', 'title = "修塘" # by hand'
        ),
        encoding="utf-8",
    )
    before = small_plan.read_bytes()
    refused = invoke("fmt", "--lang", "en")
    assert refused.exit_code == 1
    assert "has hand-written # comments" in refused.stderr and "--force" in refused.stderr
    assert small_plan.read_bytes() == before
    forced = invoke("fmt", "--force", "--lang", "en")
    assert forced.exit_code == 0, forced.output
    assert "hand-written # comments were not kept" in forced.stderr
    assert "Laid out" in forced.stdout
    assert "#" not in small_plan.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('a = "no # comment"\n', False),
        ("a = 'C:\\#1'\n", False),
        ('a = "q\\" # still a string"\n', False),
        ('a = """\n# inside a multi-line string\n"""\n', False),
        ("a = '''\n# inside\n'''\n", False),
        ('a = """x"""""\n', False),
        ('"key # quoted" = 1\n', False),
        ('a = ["#", "b"]\n', False),
        ("# a comment\na = 1\n", True),
        ('a = "x" # after a value\n', True),
        ('a = """\nx\n""" # after a multi-line string\n', True),
        ("a = [\n  1, # in an array\n]\n", True),
        ('a = "no hash"\n', False),
    ],
)
def test_hash_inside_strings_is_not_a_comment(text, found):
    tomllib.loads(text)  # each case is valid TOML
    assert store.has_comments(text) is found


def test_a_title_with_a_hash_gives_no_comment_warning(plan_file, in_2023):
    write_plan(plan_file, [{"id": "1", "title": "#1 修塘 'a' \"b\""}])
    result = invoke("start", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


# ---------------------------------------------------------------- 6. output never fails


def test_unencodable_output_is_replaced_not_a_crash(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "好评👍"}, {"id": "1.1", "title": "完成👍任务"}])
    gbk = {"PYTHONIOENCODING": "gbk", "PLAN_FILE": str(plan_file)}
    for args in (["note", "1.1", "完成👍"], ["show", "1.1"], ["status"], ["list"], ["log"]):
        result = run_plan(*args, env=gbk)
        assert result.returncode == 0, (args, result.stderr.decode("gbk", "replace"))
        assert b"Traceback" not in result.stderr
        shown = result.stdout.decode("gbk")
        # (a "?" for each of the emoji's two columns, so the columns after it stay aligned)
        assert "完成??任务" in shown or "好评??" in shown, (args, shown)
    log = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][1]["log"]
    assert [entry["note"] for entry in log] == ["完成👍"]  # written once, with the emoji
    # an error message and a question with the emoji, on a strict GBK stderr too
    error = run_plan("show", "👍没有", env={**gbk, "PYTHONIOENCODING": "gbk:strict"})
    assert error.returncode == 1 and b"Traceback" not in error.stderr
    with terminal_input(b"\x04") as stdin:  # Ctrl-D: the end of input, no
        question = run_plan("rm", "1.1", env=gbk, stdin=stdin)
    assert question.returncode == 1 and b"Traceback" not in question.stderr
    assert "完成??任务" in question.stdout.decode("gbk")


@posix_only
def test_a_saved_change_exits_0_when_its_output_pipe_is_closed(small_plan):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "quanhu_plan", "note", "1.3", "管道已关", "--on", "2023-06-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `plan note … | true`: nobody reads the output
    err = proc.stderr.read()
    assert proc.wait(60) == 0, err
    assert err == b""
    assert small_plan.read_text(encoding="utf-8").count("管道已关") == 1


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_saved_change_exits_0_when_its_output_cannot_be_written(small_plan):
    with open("/dev/full", "wb") as full:
        result = run_plan("note", "1.3", "磁盘已满", stdout=full)
    assert result.returncode == 0, result.stderr
    assert small_plan.read_text(encoding="utf-8").count("磁盘已满") == 1


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["status"], ["list", "--flat"], ["show", "1.1"], ["log"], ["report", "--format", "md"],
     ["status", "--json"], ["check"], ["--help"]],
)  # fmt: skip
def test_a_read_command_whose_output_cannot_be_written_says_so_in_one_line(small_plan, args):
    with open("/dev/full", "wb") as full:
        result = run_plan(*args, stdout=full)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode("utf-8").strip() == (
        "plan: 无法写出输出 / cannot write the output: No space left on device"
    )


# ---------------------------------------------------------------- 12. Ctrl-C


# Frames of the tool's own code (and what it imports) in a traceback.
OUR_FRAMES = re.compile(r'File "[^"]*(quanhu_plan[/\\](?!__main__)|typer|rich|click|tomli)')


@posix_only
def test_ctrl_c_during_start_up_exits_130_without_a_traceback(small_plan):
    """Ctrl-C at random moments of a start: never a traceback from the tool's code; only Python's
    own start-up, before the first line of plan runs, is out of reach (counted, not failed)."""
    before = small_plan.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(12)
    codes: Counter[int] = Counter()
    python_start_up = 0
    command = [sys.executable, "-m", "quanhu_plan", "status"]
    # Ctrl-C must raise in the child even when this run ignores it (a background job), and the
    # signals are spread over a whole start as long as it takes on this machine, however busy.
    default_ctrl_c = partial(signal.signal, signal.SIGINT, signal.SIG_DFL)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, preexec_fn=default_ctrl_c)
    whole_start = max(0.2, 1.2 * (time.perf_counter() - started))
    for _ in range(30):
        proc = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=default_ctrl_c,
        )
        time.sleep(rng.uniform(0.0, whole_start))
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        text = err.decode("utf-8", "replace")
        assert not OUR_FRAMES.search(text), text
        if "Traceback" in text:
            python_start_up += 1
        else:
            assert proc.returncode in (0, 130, -signal.SIGINT), (proc.returncode, text)
            assert text == "", text
        codes[proc.returncode] += 1
    print(f"\nCtrl-C during start-up: exit codes {dict(codes)}; {python_start_up} in Python's own")
    assert codes[130] > 0
    assert small_plan.read_bytes() == before


def test_ctrl_c_at_a_question_exits_130_and_removes_nothing(small_plan, monkeypatch, at_terminal):
    def ctrl_c() -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(prompts, "_read_line", ctrl_c)
    before = small_plan.read_bytes()
    result = invoke("rm", "1.3")
    assert result.exit_code == 130
    # no traceback; the prompt gets its own line, and one says that nothing was done
    assert result.stderr == "\n已中断：没有做任何修改，也没有写入文件。\n"
    assert small_plan.read_bytes() == before


def test_ctrl_c_during_a_change_exits_130_and_leaves_the_file(small_plan, monkeypatch):
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(changes, "add_note", interrupted)
    before = small_plan.read_bytes()
    result = invoke("note", "1.3", "x")
    assert result.exit_code == 130
    assert result.stderr == "" and result.stdout == ""
    assert small_plan.read_bytes() == before
    assert leftovers(small_plan.parent) == []


# ---------------------------------------------------------------- 14. owner, group, mode


@posix_only
@root_only
def test_rewritten_plan_keeps_owner_group_and_mode(small_plan):
    os.chown(small_plan, 1234, 5678)
    small_plan.chmod(0o660)
    assert invoke("start", "1.3").exit_code == 0
    found = small_plan.stat()
    assert (found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)) == (1234, 5678, 0o660)


@posix_only
@root_only
def test_lock_file_gets_the_plans_owner_group_and_mode(small_plan):
    os.chown(small_plan, 1234, 5678)
    small_plan.chmod(0o660)
    old_umask = os.umask(0o022)
    try:
        with store.locked(small_plan, like=small_plan.stat()):
            lock = small_plan.with_name("plan.toml.lock").stat()  # while a change holds it
    finally:
        os.umask(old_umask)
    assert (lock.st_uid, lock.st_gid, stat.S_IMODE(lock.st_mode)) == (1234, 5678, 0o660)
    assert not small_plan.with_name("plan.toml.lock").exists()


@posix_only
@root_only
def test_a_report_written_over_a_file_keeps_its_owner_group_and_mode(small_plan):
    out = small_plan.with_name("总结.md")
    out.write_text("旧", encoding="utf-8")
    os.chown(out, 1234, 5678)
    out.chmod(0o640)
    assert invoke("report", "--out", str(out), "--force").exit_code == 0
    found = out.stat()
    assert (found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)) == (1234, 5678, 0o640)


OWNER, MEMBER, OUTSIDER, GROUP = 4101, 4102, 4103, 4199


def _as_user(uid: int, groups: list[int], func: Any) -> int:
    """Run ``func`` in a child process as ``uid`` with these groups. Its exit code: 0 it
    returned, 2 it raised the error the store gives a plan this user may not write, 1 anything
    else (printed)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            _load_what_a_change_needs()  # Python's own files may be unreadable to that user
            os.setgroups(groups)
            os.setgid(groups[0] if groups else uid)
            os.setuid(uid)
            func()
            code = 0
        except PlanNotWritable:
            code = 2
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _load_what_a_change_needs() -> None:
    import codecs
    import grp  # noqa: F401
    import hashlib  # noqa: F401
    import pwd  # noqa: F401
    import tempfile  # noqa: F401

    from quanhu_plan import canonical  # noqa: F401

    codecs.lookup("utf-8-sig")
    store.dump(store.plan_from_text(store.read_text(REPO / "plan.toml"), "warm-up"))


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder 2775 of GROUP outside pytest's private tmp (which other users cannot enter)."""
    folder = Path(tempfile.mkdtemp(prefix="quanhu-shared-"))
    folder.chmod(0o2775)
    os.chown(folder, 0, GROUP)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def _note(path: Path, text: str) -> Any:
    def change() -> None:
        stamp = Stamp.current("someone")
        store.update(store.PlanSource(path), lambda p: changes.add_note(p, "1.3", text, stamp))

    return change


@posix_only
@root_only
def test_a_change_by_a_group_member_keeps_the_shared_plan_usable_by_the_group(shared_folder):
    plan = write_plan(shared_folder / "plan.toml", SMALL_ITEMS)
    os.chown(plan, OWNER, GROUP)
    plan.chmod(0o660)
    old_umask = os.umask(0o022)
    try:
        assert _as_user(OWNER, [GROUP], _note(plan, "所有者改")) == 0
        assert not plan.with_name("plan.toml.lock").exists()
        assert _as_user(MEMBER, [GROUP], _note(plan, "组员改")) == 0
        found = plan.stat()
        assert (found.st_gid, stat.S_IMODE(found.st_mode)) == (GROUP, 0o660)
        assert _as_user(OWNER, [GROUP], _note(plan, "所有者再改")) == 0  # not locked out
    finally:
        os.umask(old_umask)
    notes = [e["note"] for e in tomllib.loads(plan.read_text("utf-8"))["item"][3]["log"]]
    assert notes == ["所有者改", "组员改", "所有者再改"]


@posix_only
@root_only
def test_a_user_who_may_not_write_the_plan_is_refused_though_the_folder_is_writable(
    shared_folder,
):
    plan = write_plan(shared_folder / "plan.toml", SMALL_ITEMS)
    os.chown(plan, OWNER, GROUP)
    plan.chmod(0o644)  # the group may read only
    before = plan.read_bytes()
    assert _as_user(MEMBER, [GROUP], _note(plan, "不该写入")) == 2
    assert plan.read_bytes() == before
    assert plan.stat().st_uid == OWNER


@posix_only
@root_only
def test_a_change_run_as_root_leaves_a_users_plan_owned_by_the_user(small_plan):
    os.chown(small_plan, OWNER, GROUP)
    assert invoke("note", "1.3", "root 改的").exit_code == 0
    assert (small_plan.stat().st_uid, small_plan.stat().st_gid) == (OWNER, GROUP)


# ---------------------------------------------------------------- 15. read-only plan


def test_a_read_only_plan_is_refused_naming_its_mode(small_plan):
    small_plan.chmod(0o444)
    before = small_plan.read_bytes()
    result = invoke("start", "1.3")
    assert result.exit_code == 1, result.output
    assert f"{small_plan} 没有写权限（权限 0444 r--r--r--" in result.stderr
    assert f"chmod u+w {small_plan}" in result.stderr
    assert "磁盘空间" not in result.stderr
    assert small_plan.read_bytes() == before
    assert stat.S_IMODE(small_plan.stat().st_mode) == 0o444
    en = invoke("start", "1.3", "--lang", "en")
    assert "is not writable (mode 0444 r--r--r--" in en.stderr


def test_a_read_only_plan_is_still_read(small_plan):
    small_plan.chmod(0o444)
    assert invoke("show", "1.3").exit_code == 0
    assert invoke("check").exit_code == 0


# ---------------------------------------------------------------- 16. odd paths


@posix_only
def test_a_symlinked_lock_file_is_not_followed(small_plan, tmp_path):
    target = tmp_path / "elsewhere" / "victim"
    target.parent.mkdir()
    lock = small_plan.with_name("plan.toml.lock")
    lock.symlink_to(target)
    before = small_plan.read_bytes()
    result = invoke("start", "1.3")
    assert result.exit_code == 1, result.output
    assert f"锁文件 {lock} 是一个符号链接，plan 不跟随它" in result.stderr
    assert f"rm {lock}" in result.stderr
    assert not target.exists()
    assert small_plan.read_bytes() == before
    target.write_text("不能被锁住或改动", encoding="utf-8")
    assert invoke("start", "1.3").exit_code == 1
    assert target.read_text(encoding="utf-8") == "不能被锁住或改动"


@posix_only
def test_a_lock_file_that_is_a_folder_or_a_fifo_is_refused(small_plan):
    lock = small_plan.with_name("plan.toml.lock")
    lock.mkdir()
    result = invoke("start", "1.3")
    assert result.exit_code == 1 and f"锁文件 {lock} 是一个文件夹" in result.stderr
    lock.rmdir()
    os.mkfifo(lock)
    result = invoke("start", "1.3", "--lang", "en")
    assert result.exit_code == 1 and "is a named pipe (FIFO)" in result.stderr


def test_a_plan_toml_folder_here_stops_discovery_instead_of_using_the_plan_above(
    tmp_path, monkeypatch
):
    above = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    here = tmp_path / "work"
    (here / "plan.toml").mkdir(parents=True)
    monkeypatch.delenv("PLAN_FILE")
    monkeypatch.chdir(here)
    before = above.read_bytes()
    for args in (["status"], ["note", "1.3", "不该写到上级"]):
        result = invoke(*args)
        assert result.exit_code == 1, result.output
        assert f"{here / 'plan.toml'} 是一个文件夹，不是计划文件" in result.stderr
        assert "没有再去上级文件夹找计划" in result.stderr
    assert above.read_bytes() == before


def test_file_option_naming_a_folder_says_so(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    result = invoke("--file", str(folder), "status", "--lang", "en")
    assert result.exit_code == 1
    assert f"{folder} is a folder, not a plan file" in result.stderr


@posix_only
def test_file_option_naming_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    began = time.monotonic()
    result = invoke("status")
    assert result.exit_code == 1
    assert "命名管道（FIFO）" in result.stderr
    assert time.monotonic() - began < 5


def test_a_missing_plan_file_says_check_the_path_not_the_disk(tmp_path):
    result = invoke("--file", str(tmp_path / "nope.toml"), "status")
    assert result.exit_code == 1
    assert "请检查路径是否正确" in result.stderr
    assert "磁盘" not in result.stderr


def test_an_argument_that_is_not_utf8_is_a_usage_error_and_writes_nothing(small_plan):
    """Bytes from a terminal set to another encoding arrive as lone surrogates: refused before
    anything is written, instead of a traceback after."""
    before = small_plan.read_bytes()
    bad = b"bad\xff".decode("utf-8", "surrogateescape")
    result = run_plan("note", "1.1", bad, env={"PLAN_FILE": str(small_plan)})
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert "不是有效的 UTF-8 文本" in result.stderr.decode("utf-8")
    assert small_plan.read_bytes() == before
