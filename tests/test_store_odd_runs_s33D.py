"""The store and its cache under odd ways of being run (session 33, D): stdout closed or full,
plan under a process that adopts orphans and never reaps them, ``--out`` onto a hard-linked
file, a plan on a share where ``flock`` is not supported. The rule: a clear word and a
non-zero exit where something failed, no traceback, and every answer the uncached one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quanhu_plan.store import cache_later

from .conftest import REPO, SMALL_ITEMS, write_plan
from .test_cache_later import _entries, linux_only


def _shell_plan(command: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    """``plan`` run from a shell with ``command``'s redirections (``plan`` standing for the
    program), as a user runs it: the first status's entry stored after the answer."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **env}
    full.pop(cache_later.DETACH_ENV, None)
    program = f"{sys.executable} -m quanhu_plan"
    return subprocess.run(
        ["sh", "-c", command.replace("plan ", f"exec {program} ", 1)],
        env=full,
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )


def _wait_for_entries(folder: Path, seconds: float = 30.0) -> list[str]:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = _entries(folder)
        if found and not list(folder.glob("*.storing")):
            return found
        time.sleep(0.02)
    return _entries(folder)


# ---------------------------------------------------------------- 1. stdout closed or full


@linux_only
@pytest.mark.parametrize(
    ("redirect", "said"),
    [
        (">&-", "standard output is closed"),
        (">/dev/full", "No space left on device"),
    ],
)
def test_a_status_whose_output_cannot_be_written_says_so_and_still_stores_its_entry(
    plan_file: Path, tmp_path: Path, redirect: str, said: str
) -> None:
    """``plan status >&-`` and ``plan status >/dev/full``: the plan was read fine, only the
    answer could not be written. One line on stderr (as git's ``error: write failure``),
    exit 1, no traceback; and the entry the read left to store is stored all the same (it was
    dropped with the output, and every such status read the plan cold)."""
    if redirect == ">/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    write_plan(plan_file, SMALL_ITEMS)
    done = _shell_plan(f"plan status {redirect}", tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("plan: 无法写出输出 / cannot write the output: ")
    assert said in err
    assert _wait_for_entries(tmp_path / "cache") != []
    assert list(plan_file.parent.glob("plan.toml?*")) == []
    _warm_as_uncached(tmp_path)


def _warm_as_uncached(tmp_path: Path) -> None:
    """The entry is the plan's: the next status (from it) answers as an uncached one."""
    warm = _shell_plan("plan status", tmp_path)
    cold = _shell_plan("plan status", tmp_path, QUANHU_PLAN_CACHE="off")
    assert warm.returncode == cold.returncode == 0
    assert warm.stdout == cold.stdout != b""


@linux_only
@pytest.mark.parametrize("redirect", [">&- 2>&-", ">/dev/full 2>&-", ">/dev/full 2>/dev/full"])
def test_a_status_with_neither_output_writable_exits_1_and_still_stores_its_entry(
    plan_file: Path, tmp_path: Path, redirect: str
) -> None:
    """Standard error closed as well (a daemon's ``>&- 2>&-``), or full: nothing can be said,
    and the program failed on saying it (``sys.stderr`` is None where it was closed), the
    entry dropped. Exit 1 all the same, and the entry stored."""
    if "/dev/full" in redirect and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    write_plan(plan_file, SMALL_ITEMS)
    done = _shell_plan(f"plan status {redirect}", tmp_path)
    assert done.returncode == 1
    assert _wait_for_entries(tmp_path / "cache") != []
    _warm_as_uncached(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="a closed descriptor, as a POSIX shell's <&-")
@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "md"],
        ["export", "--format", "csv"],
        ["county", ".", "--format", "md"],
    ],
)
def test_out_over_a_file_with_standard_input_closed_is_refused_without_a_traceback(
    plan_file: Path, tmp_path: Path, args: list[str]
) -> None:
    """``plan report --out 总结.md <&-`` (a cron job's, a service's input closed) where the
    file is there: whether to ask found no standard input (``sys.stdin`` None) and ended in a
    traceback. Nobody to ask: refused as a run without a terminal is, the file kept."""
    write_plan(plan_file, SMALL_ITEMS)
    out = tmp_path / "out.md"
    out.write_bytes(b"kept")
    done = _shell_plan(f"plan {' '.join(args)} --out {out} <&-", tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "Traceback" not in err
    assert "--force" in err
    assert out.read_bytes() == b"kept"


# ---------------------------------------------------------------- 4. a share without flock


def _flock_unsupported(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """``fcntl.flock`` as on a network share that has no locks (an NFS mount with ``nolock``
    missing its lock daemon: ENOLCK; some FUSE and SMB mounts: EOPNOTSUPP)."""
    import fcntl

    def unsupported(fd: int, operation: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", unsupported)


NO_LOCKS = [
    pytest.param(errno_code, id=name)
    for name in ("ENOLCK", "EOPNOTSUPP")
    if (errno_code := getattr(__import__("errno"), name, None)) is not None
]


@linux_only
@pytest.mark.parametrize("code", NO_LOCKS)
@pytest.mark.parametrize("hard_linked", [False, True])
def test_a_change_on_a_share_without_locks_is_refused_in_one_paragraph_and_reads_still_work(
    plan_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    clock: object,
    code: int,
    hard_linked: bool,
) -> None:
    """A plan on a share where ``flock`` fails (not "held": not there at all) ended a change
    in a traceback, with the lock file left beside the plan. Without a lock two offices'
    changes could overwrite each other: the change is refused, nothing written, and the
    message says what, which file and what to do. Reads (a hard-linked plan's take a shared
    lock) go on without it."""
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    runner = CliRunner()
    write_plan(plan_file, SMALL_ITEMS)
    if hard_linked:
        os.link(plan_file, plan_file.parent / "同一份计划.toml")
    expected = {args: runner.invoke(app, [*args]).output for args in (("status",), ("list",))}
    before = plan_file.read_bytes()
    listed = sorted(p.name for p in plan_file.parent.iterdir())
    _flock_unsupported(monkeypatch, code)

    for args, output in expected.items():
        read = runner.invoke(app, [*args])
        assert read.exit_code == 0, read.output
        assert read.output == output
    refused = runner.invoke(app, ["done", "1.3", "--on", "2023-03-01"])
    assert refused.exit_code == 1
    assert refused.exception is None or isinstance(refused.exception, SystemExit)
    said = refused.output.strip()
    assert "\n" not in said, said
    assert f"无法锁定 {plan_file}" in said
    assert "不支持文件锁" in said
    assert "原文件没有改动" in said
    assert "复制到本机磁盘" in said
    assert plan_file.read_bytes() == before
    assert sorted(p.name for p in plan_file.parent.iterdir()) == listed  # no lock file left
    monkeypatch.setenv("PLAN_LANG", "en")
    refused = runner.invoke(app, ["done", "1.3", "--on", "2023-03-01"])
    assert refused.exit_code == 1
    assert "does not support file locks" in refused.output
    assert "copy the plan to a local disk" in refused.output


# ---------------------------------------------------------------- 3. --out onto a hard link


@pytest.mark.skipif(not hasattr(os, "link"), reason="hard links")
@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["report", "--format", "md"], "总结.md"),
        (["export", "--format", "csv"], "推进情况表.csv"),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_out_onto_a_hard_linked_file_writes_a_new_file_and_says_the_other_names_keep_the_old(
    plan_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    name: str,
    lang: str,
) -> None:
    """``--out 总结.md --force`` where 总结.md has another name too (``ln 总结.md 共享/总结.md``,
    a copy kept in a shared folder). The file is written whole beside it and renamed over it
    (never seen half-written), so the name given gets the new document and the other name
    keeps the old bytes: it was silent, and the shared copy went stale unnoticed. Said once on
    stderr, how many other names and what to use instead (a symbolic link is written
    through)."""
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    monkeypatch.setenv("PLAN_LANG", lang)
    runner = CliRunner()
    write_plan(plan_file, SMALL_ITEMS)
    out = tmp_path / name
    out.write_bytes(b"old")
    shared = tmp_path / "shared"
    shared.mkdir()
    os.link(out, shared / name)
    alone = tmp_path / f"alone-{name}"
    printed = runner.invoke(app, [*args, "--out", str(alone)])
    assert printed.exit_code == 0, printed.output
    assert printed.stderr == ""  # (a file of one name: nothing to say)

    written = runner.invoke(app, [*args, "--out", str(out), "--force"])
    assert written.exit_code == 0, written.output
    assert out.read_bytes() == alone.read_bytes() != b"old"
    assert (shared / name).read_bytes() == b"old"
    assert os.stat(out).st_nlink == 1
    said = written.stderr.strip()
    assert "\n" not in said
    if lang == "zh":
        assert f"{out} 原有另外 1 个名字（硬链接）" in said
        assert "仍是旧的内容" in said
        assert "符号链接" in said
    else:
        assert f"the 1 other name(s) of {out} (hard links)" in said
        assert "keep the old content" in said
        assert "symbolic link" in said


# ---------------------------------------------------------------- 2. orphans never reaped

# A process that takes in the orphans of what it runs (Linux's "child subreaper", as a
# container's process 1 does) and runs three first statuses, each on a cache emptied; it
# reaps them (``wait4``, as the benchmarks and a service manager do) or never does (an app
# that is process 1 of its container and waits for its own children alone). It prints the
# states and names of its children left, the outputs and whether each entry was stored.
_ADOPTER = r"""
import ctypes, json, os, shutil, subprocess, sys, time
from pathlib import Path
reaps = sys.argv[1] == "reaps"
assert ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
folder = Path(os.environ["QUANHU_PLAN_CACHE"])
outputs, stored, reaped = [], [], 0
for _ in range(3):
    shutil.rmtree(folder, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "quanhu_plan", "status"], capture_output=True)
    outputs.append([done.returncode, done.stdout.decode(), done.stderr.decode()])
    end = time.monotonic() + 30
    while time.monotonic() < end and (
        not list(folder.glob("*.pickle")) or list(folder.glob("*.storing"))
    ):
        time.sleep(0.01)
    stored.append(bool(list(folder.glob("*.pickle"))))
    time.sleep(0.2)  # (the process that stored it left, as it does just after)
    if not outputs[1:] and not reaps:  # (past the time some take to reap, after the first)
        time.sleep(float(sys.argv[2]))
    while reaps:
        try:
            os.wait4(-1, 0)
        except ChildProcessError:
            break
        reaped += 1
left = []
children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
for child in children:
    name, _, rest = Path(f"/proc/{child}/stat").read_text().rpartition(") ")
    left.append([rest.split()[0], name.split(" (", 1)[1]])
for child in children:  # (none left for the program running this one to find)
    os.waitpid(int(child), 0)
print(json.dumps({"outputs": outputs, "stored": stored, "left": left, "reaped": reaped}))
"""

needs_children_lists = pytest.mark.skipif(
    not os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children"),
    reason="Linux's lists of children (CONFIG_PROC_CHILDREN)",
)


def _adopting(tmp_path: Path, how: str) -> dict[str, object]:
    import json

    # The tests that fork a process to store an entry from this one (``cache_later.leave``)
    # leave it unreaped: a forebear of the statuses run below, it would be found by them.
    me = os.getpid()
    for child in Path(f"/proc/{me}/task/{me}/children").read_text().split():
        try:
            name, _, rest = Path(f"/proc/{child}/stat").read_text().rpartition(") ")
        except OSError:
            continue
        if rest.startswith("Z") and name.endswith(f"({cache_later.STORER_NAME}"):
            os.waitpid(int(child), 0)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop(cache_later.DETACH_ENV, None)
    done = subprocess.run(
        [sys.executable, "-c", _ADOPTER, how, str(cache_later.UNREAPED_AFTER + 1)],
        env=env,
        capture_output=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


@linux_only
@needs_children_lists
def test_under_a_process_that_never_reaps_orphans_first_statuses_leave_one_zombie_not_one_each(
    plan_file: Path, tmp_path: Path
) -> None:
    """Each first status forked a process to store its entry after the answer; orphaned, it is
    handed to the nearest "child subreaper" or process 1, and where that one never reaps (an
    app as a container's process 1), each left a zombie for good: a long-running container's
    process table filled one status at a time. A double fork would not help (the kernel hands
    the grandchild to the same process). The first leaves one, named ``plan-storing``; every
    status after it sees it among its forebears' children, a zombie long past the time some
    take to reap (every second or two), and stores its entry itself. Every entry stored, every
    answer the uncached one."""
    write_plan(plan_file, SMALL_ITEMS)
    uncached = _shell_plan("plan status", tmp_path, QUANHU_PLAN_CACHE="off")
    ran = _adopting(tmp_path, "never")
    assert ran["outputs"] == [[0, uncached.stdout.decode(), ""]] * 3
    assert ran["stored"] == [True, True, True]
    assert ran["left"] == [["Z", cache_later.STORER_NAME]]


@linux_only
@needs_children_lists
def test_under_a_process_that_reaps_orphans_each_first_status_still_stores_after_its_answer(
    plan_file: Path, tmp_path: Path
) -> None:
    """Where the orphans are reaped (systemd, tini -s, the benchmarks' ``wait4``), nothing is
    left over and each first status goes on storing its entry in a process of its own."""
    write_plan(plan_file, SMALL_ITEMS)
    uncached = _shell_plan("plan status", tmp_path, QUANHU_PLAN_CACHE="off")
    ran = _adopting(tmp_path, "reaps")
    assert ran["outputs"] == [[0, uncached.stdout.decode(), ""]] * 3
    assert ran["stored"] == [True, True, True]
    assert ran["left"] == []
    assert ran["reaped"] == 3  # (the three processes that stored the entries)


# ---------------------------------------------------------------- attacks on the cache's ways

# What is run, and compared with the same run of the cache off: reads, a change, reads again.
_RUNS = (
    ["status"],
    ["list"],
    ["done", "1.3", "--on", "2023-03-01"],
    ["status"],
    ["show", "1.3"],
)


def _outputs(plan_file: Path, monkeypatch: pytest.MonkeyPatch, cache: str) -> list[object]:
    """Each of ``_RUNS`` on a fresh copy of SMALL_ITEMS (exit code and output), and the plan
    file after, with ``QUANHU_PLAN_CACHE`` at ``cache``."""
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    runner = CliRunner()
    monkeypatch.setenv("QUANHU_PLAN_CACHE", cache)
    write_plan(plan_file, SMALL_ITEMS)
    said: list[object] = []
    for args in _RUNS:
        done = runner.invoke(app, args)
        assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
        said.append((done.exit_code, done.output))
    said.append(plan_file.read_text(encoding="utf-8"))
    return said


@pytest.fixture
def uncached(plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: object) -> list[object]:
    said = _outputs(plan_file, monkeypatch, "off")
    assert all(code == 0 for code, _ in said[:-1])  # type: ignore[misc]
    return said


@pytest.mark.parametrize("code", ["EROFS", "ENOSPC", "EDQUOT", "EACCES"])
@pytest.mark.parametrize("after", [None, 0, 100, 5000])
@linux_only
def test_a_cache_folder_read_only_or_full_changes_no_answer(
    plan_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    uncached: list[object],
    code: str,
    after: int | None,
) -> None:
    """The cache's disk read-only or full (or a quota, or no permission): refused where a
    cache file is opened (``after`` None), or after some bytes of it were written. Every answer
    and the plan written are the uncached ones; no word of it (the cache is a shortcut); and
    once the disk takes files again, the next runs (warm) answer the same."""
    from quanhu_plan.store import cache_files

    number = getattr(__import__("errno"), code)
    folder = tmp_path / "cache"
    real_open, real_fdopen = os.open, os.fdopen

    def refusing_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if after is None and str(path).startswith(str(folder)) and flags & os.O_WRONLY:
            raise OSError(number, os.strerror(number), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    class Filling:
        def __init__(self, handle: object) -> None:
            self.handle, self.left = handle, after or 0

        def __enter__(self) -> Filling:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            if len(data) > self.left:
                self.handle.write(data[: self.left])  # type: ignore[attr-defined]
                self.left = 0
                raise OSError(number, os.strerror(number))
            self.left -= len(data)
            return self.handle.write(data)  # type: ignore[attr-defined,no-any-return]

        def truncate(self) -> None:
            self.handle.truncate()  # type: ignore[attr-defined]

    monkeypatch.setattr(cache_files.os, "open", refusing_open)
    if after is not None:

        def filling_fdopen(fd: int, *args: object, **kwargs: object) -> object:
            handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]
            if not os.readlink(f"/proc/self/fd/{fd}").startswith(str(folder)):
                return handle  # (the plan's own writes: the disk is the cache's alone)
            return Filling(handle)

        monkeypatch.setattr(cache_files.os, "fdopen", filling_fdopen)
    assert _outputs(plan_file, monkeypatch, str(folder)) == uncached
    if after is None or after < 100:  # (the disk refused every entry: none half written)
        assert _entries(folder) == []
    monkeypatch.setattr(cache_files.os, "open", real_open)
    monkeypatch.setattr(cache_files.os, "fdopen", real_fdopen)
    assert _outputs(plan_file, monkeypatch, str(folder)) == uncached  # (stored meanwhile)
    assert _outputs(plan_file, monkeypatch, str(folder)) == uncached  # (warm)


def test_a_cache_folder_that_is_a_symlink_to_elsewhere_changes_no_answer(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uncached: list[object]
) -> None:
    """``~/.cache`` a link to a bigger disk (or QUANHU_PLAN_CACHE one): the entries go where
    it points, and every answer, cold and warm, is the uncached one."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "cache-link"
    link.symlink_to(elsewhere)
    assert _outputs(plan_file, monkeypatch, str(link)) == uncached
    assert _entries(elsewhere) != []
    assert _outputs(plan_file, monkeypatch, str(link)) == uncached  # (warm)
    assert link.is_symlink()


@pytest.mark.parametrize("xdg", ["", "relative/cache", ".", "~/odd"])
def test_an_empty_or_relative_xdg_cache_home_uses_the_home_cache_and_changes_no_answer(
    plan_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    uncached: list[object],
    xdg: str,
) -> None:
    """XDG_CACHE_HOME empty, relative (``.``: the plan's own folder, where the cache would go
    into git) or unexpanded (``~/odd``, quoted in a unit file): ignored, as the XDG spec says,
    and ~/.cache used; nothing is made in the folder plan runs in. Every answer the uncached
    one, cold and warm."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    monkeypatch.delenv("QUANHU_PLAN_CACHE")
    before = sorted(p.name for p in tmp_path.iterdir())

    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    runner = CliRunner()
    for turn in range(2):  # (cold, then warm)
        write_plan(plan_file, SMALL_ITEMS)
        said: list[object] = []
        for args in _RUNS:
            done = runner.invoke(app, args)
            said.append((done.exit_code, done.output))
        said.append(plan_file.read_text(encoding="utf-8"))
        assert said == uncached, turn
    assert _entries(home / ".cache" / "quanhu-plan") != []
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (tmp_path / "~").exists()


def _program(args: list[str], tmp_path: Path, **env: str) -> subprocess.Popen[bytes]:
    """``plan`` as a user runs it (the entry stored after the answer), in a process group of
    its own: the process storing the entry stays in it, to be killed or waited for."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **env}
    full.pop(cache_later.DETACH_ENV, None)
    return subprocess.Popen(
        [sys.executable, "-m", "quanhu_plan", *args],
        env=full,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )


@linux_only
@pytest.mark.parametrize("delay", [0.0, 0.005, 0.02, 0.05, 0.1, 0.3])
def test_the_process_storing_an_entry_killed_at_any_moment_changes_no_answer(
    plan_file: Path, tmp_path: Path, delay: float
) -> None:
    """The process a first status leaves to store its entry, killed outright (SIGKILL: an
    out-of-memory kill, a shutdown) as it starts, as it writes the text, the entry, as it
    removes its ``storing`` file: whatever it left (half a text, half an entry, a lock file
    nobody holds), the next commands answer as uncached ones, and wait for nobody."""
    import shutil
    import signal
    import time

    from .test_cache_later import _gone

    shutil.copy(REPO / "plan.toml", plan_file)
    expected = {
        name: _shell_plan(f"plan {name}", tmp_path, QUANHU_PLAN_CACHE="off").stdout
        for name in ("status", "list")
    }
    first = _program(["status"], tmp_path)
    out, err = first.communicate(timeout=60)
    assert (first.returncode, err) == (0, b"")
    assert out == expected["status"]
    time.sleep(delay)
    try:
        os.killpg(first.pid, signal.SIGKILL)
    except ProcessLookupError:  # (done already)
        pass
    assert _gone(first.pid)
    for turn in range(2):  # (the next status may store it again, after its answer)
        for name, output in expected.items():
            start = time.monotonic()
            again = _shell_plan(f"plan {name}", tmp_path)
            assert (again.returncode, again.stderr) == (0, b""), turn
            assert again.stdout == output, (name, turn)
            assert time.monotonic() - start < cache_later.LONGEST_WAIT + 20
        _wait_for_entries(tmp_path / "cache")


@linux_only
def test_two_first_statuses_at_once_answer_as_uncached_and_leave_one_good_entry(
    plan_file: Path, tmp_path: Path
) -> None:
    """Two first statuses of one plan at the same moment (two windows, a script's ``&``): each
    stores the entry after its answer, the second's process maybe as the first's writes it.
    Both answers are the uncached one, and so are the warm ones after."""
    import shutil

    from .test_cache_later import _gone

    shutil.copy(REPO / "plan.toml", plan_file)
    expected = _shell_plan("plan status", tmp_path, QUANHU_PLAN_CACHE="off").stdout
    for _ in range(3):
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        both = [_program(["status"], tmp_path) for _ in range(2)]
        for one in both:
            out, err = one.communicate(timeout=60)
            assert (one.returncode, err, out) == (0, b"", expected)
        assert all(_gone(one.pid) for one in both)
        assert len(_entries(tmp_path / "cache")) == 1
        assert list((tmp_path / "cache").glob("*.storing")) == []
        warm = _shell_plan("plan status", tmp_path)
        assert (warm.returncode, warm.stdout) == (0, expected)


@linux_only
@pytest.mark.parametrize(
    ("write", "cut"),
    [(1, 0), (1, 0.5), (2, 0), (2, 0.3), (2, 0.99), (3, None)],
    ids=["text-0", "text-half", "entry-0", "entry-third", "entry-end", "unlock"],
)
def test_the_process_storing_an_entry_killed_at_each_step_changes_no_answer(
    plan_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    uncached: list[object],
    write: int,
    cut: float | None,
) -> None:
    """The forked process killed (SIGKILL) at each step of storing: in the text kept beside
    the entry, in the entry (its start, a third, all but its last byte), or with everything written but its ``storing`` file not yet removed. What it left never
    changes an answer, and a command after it waits for nobody."""
    import signal
    import time

    from quanhu_plan import collector, store
    from quanhu_plan.store import cache_files

    write_plan(plan_file, SMALL_ITEMS)
    folder = tmp_path / "cache"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(folder))
    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    monkeypatch.delenv(cache_later.DETACH_ENV)
    store.load(store.PlanSource(plan_file), goals=True)
    assert len(cache_later.WAITING) == 1
    real_unlink = cache_later._unlink
    real_write, writes = cache_files.write, [0]

    def killed_in(path: Path, parts: list[bytes]) -> None:
        writes[0] += 1
        if writes[0] == write and cut is not None:
            data = b"".join(parts)
            real_write(path, [data[: int(len(data) * cut)]])
            os.kill(os.getpid(), signal.SIGKILL)
        real_write(path, parts)

    def killed_unlocking(path: Path) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(cache_files, "write", killed_in)
    if cut is None:
        monkeypatch.setattr(cache_later, "_unlink", killed_unlocking)
    children = set(
        map(int, Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split())
    )
    cache_later.leave()
    (child,) = (
        set(map(int, Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()))
        - children
    )
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    # (as the tests run the program: the cache stored at once)
    monkeypatch.setattr(collector, "_IN_PROGRAM", False)
    monkeypatch.setenv(cache_later.DETACH_ENV, "0")
    monkeypatch.setattr(cache_files, "write", real_write)
    monkeypatch.setattr(cache_later, "_unlink", real_unlink)
    left = sorted(p.name for p in folder.iterdir())
    assert left, "nothing written before the kill"
    start = time.monotonic()
    for _ in range(2):  # (the first stores the entry anew; the second reads it)
        plan_file.unlink()
        said = _outputs(plan_file, monkeypatch, str(folder))
        assert said == uncached, left
    assert time.monotonic() - start < cache_later.LONGEST_WAIT
