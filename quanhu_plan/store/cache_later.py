"""A first read's parse-cache entry stored after the answer is out, as git's automatic
housekeeping runs after its command (``gc --auto``, detached): the first ``plan status`` of a
plan with no entry (the cache emptied, ``plan`` upgraded, the file pulled or edited by hand)
draws its table of the plan just read and leaves; a process forked as it leaves stores the
entry for the commands to come. Storing it took a sixth of that status's time at 10,000 tasks
(making every task's sketch, pickling the tables, summing and writing 1.5 MB), and a table
drawn of the plan read costs less than one drawn of the sketches made for the entry.

A change's entry (the plan as the bytes it wrote read) is stored so too, after its line is
printed (``after_change``), unless the file is no longer the one written by then.

Only in the ``plan`` program (``collector.in_program``: a test calling the CLI stores at once,
as before), only for a status (``plan_file.load`` with ``goals``, which reads the plan and
changes nothing of it: what is stored is the plan as it was read) or a change (the plan it
wrote, which nothing changes after), and only where a process
forks as it is (Linux; elsewhere, Windows too, the entry is stored at once), and not in a
container's first process (``docker run image plan status``: what it leaves running is killed
as it leaves), nor where an earlier one was never reaped (``_left_unreaped``), unless
QUANHU_PLAN_CACHE_DETACH=0 says to store it at once. Anything else in
the process that reads or writes the cache first stores what waits (``settle``): a change made
after the read finds the entry as it did. The forked process writes nothing but the entry,
and to no terminal: its standard streams are /dev/null, and every other descriptor it was
handed, so a pipe's reader (``plan status | less``, a pipe on fd 3) and the terminal are let go
of as the command leaves. It stays in the command's process group, so whoever started the
command can wait for it (the benchmarks do, to time it apart: ``timing.left_running``; a test
looks for the group's processes that are not zombies), ignores the terminal's keys (Ctrl-C,
Ctrl-Z, Ctrl-\\) and its hangup (so that a status run in a terminal session that ends with it,
``ssh -t``, stores its entry all the same; a half-written entry would only be read afresh:
``cache_files.write``), and leaves with ``os._exit`` whatever happens.

While it stores the entry it holds a lock on a file beside it (``storing``; taken before the
fork, so there is no moment a command could miss it): a command that finds no entry for its
plan while the entry is being stored (``plan status; plan done 1.1.1`` in a script) waits for
it, a few tens of milliseconds, rather than read the whole file again (``waited_for``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

# Set to 0 (no, false, off), the entry is stored at once, before the program leaves (as git's
# gc.autoDetach): for a script that reads the cache folder right after, and the tests.
DETACH_ENV = "QUANHU_PLAN_CACHE_DETACH"

# What waits to be stored: a job per plan read (in practice one), and the entries they store.
WAITING: list[Callable[[], object]] = []
ENTRIES: list[Path] = []

# The longest a command waits for an entry another process is storing (a 100,000-task plan's
# takes half a second here); past it, it reads the file itself.
LONGEST_WAIT = 3.0


def store_later(job: Callable[[], object], entry: Path | None = None) -> bool:
    """Keep ``job`` (an entry stored, at ``entry``) for after the answer (``leave``), where
    that can be; else False, and the caller stores it now."""
    from .. import collector

    if not (collector.in_program() and sys.platform.startswith("linux")):
        return False
    if os.environ.get(DETACH_ENV, "").strip().lower() in ("0", "no", "false", "off"):
        return False
    if os.getpid() == 1:  # (a container's first process: what it leaves is killed as it leaves)
        return False
    WAITING.append(job)
    if entry is not None:
        ENTRIES.append(entry)
    return True


def after_change(
    job: Callable[[], object], real: Path, later: list[Callable[[], None]] | None
) -> None:
    """A change's entry (``remembering.remember_written`` of the bytes it wrote to the plan at ``real``)
    stored at once where ``later`` is None; else after the answer: in the program, by the
    process forked as it leaves (``store_later``, as a first read's), unless the file is no
    longer the one written by then; elsewhere by the caller, once it has told the user (the
    job appended to ``later``). Storing it was a sixth of a ``plan done`` at 10,000 tasks (its
    chunks pickled and summed, 3 MB written beside the cache)."""
    if later is None:
        job()
        return
    from .cache import entry_of

    entry = entry_of(real)
    if entry is not None:
        try:
            written = identity(os.stat(real))
        except OSError:
            written = None
        if written is not None and store_later(partial(_if_unchanged, job, real, written), entry):
            return
    later.append(job)  # type: ignore[arg-type]


def identity(st: os.stat_result) -> tuple[int, ...]:
    """What changes with every write of a file, in place or by a new file renamed over it."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _if_unchanged(job: Callable[[], object], real: Path, written: tuple[int, ...]) -> None:
    """``job`` run where the file at ``real`` is still the one it was (``identity``): one written
    since (``plan done 1.1 & plan done 1.2``) has its entry stored by whoever wrote it, which
    an entry of bytes no longer there would replace."""
    try:
        now = identity(os.stat(real))
    except OSError:
        return
    if now == written:
        job()


def storing(entry: Path) -> Path:
    """The file whose lock the process storing ``entry`` holds while it does."""
    return entry.with_name(entry.name.removesuffix(".pickle") + ".storing")


def waited_for(entry: Path) -> bool:
    """Whether another process was storing ``entry`` (its ``storing`` file locked) and this one
    waited until it was done, or gave up, or was stopped: then the entry is read again. False
    at once where nobody is (no such file, or its lock free: one left by a process killed)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows stores every entry at once
        return False
    try:
        fd = os.open(storing(entry), os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return False
    try:
        geteuid = getattr(os, "geteuid", None)
        if geteuid is not None and os.fstat(fd).st_uid != geteuid():
            return False  # (another user's, in a shared cache folder: not waited on)
        import time

        deadline = time.monotonic() + LONGEST_WAIT
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return waited
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return False
                waited = True
                time.sleep(0.002)
    except OSError:
        return False
    finally:
        os.close(fd)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _locked(entry: Path) -> int | None:
    """``storing(entry)`` opened and locked (its descriptor), or None where it cannot be."""
    from .cache_files import ours_to_make

    if not ours_to_make(entry.parent):  # (root, in another's folder: nothing stored there)
        return None
    try:
        import fcntl

        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # (as the entry's write)
        fd = os.open(storing(entry), os.O_WRONLY | os.O_CREAT | _NOFOLLOW | _NONBLOCK, 0o600)
    except (ImportError, OSError):
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # (another process storing it too: this one stores it all the same)
        os.close(fd)
        return None
    return fd


def settle() -> None:
    """Store now what waits: the cache is about to be read or written again in this process."""
    while WAITING:
        _run(WAITING.pop(0))
    ENTRIES.clear()


def leave() -> None:
    """Called as the program leaves, its output flushed: what waits is stored by a process
    forked for it, and this one goes on to leave at once."""
    if not WAITING:
        return
    if _left_unreaped():
        settle()  # (here, before leaving: a process forked for it would only be one more)
        return
    # Locked before the fork: held by the forked process alone once this one has left.
    held = {entry: fd for entry in ENTRIES if (fd := _locked(entry)) is not None}
    try:
        pid = os.fork()
    except OSError:  # (no process to be had: the next command stores it)
        pid = -1
    if pid:
        WAITING.clear()
        ENTRIES.clear()
        for entry, fd in held.items():
            if pid < 0:
                _unlink(storing(entry))
            os.close(fd)
        return
    try:
        import signal

        # Ctrl-C and the terminal's hangup (its session ended: ``ssh -t host plan status``, a
        # window closed) are not for it: it holds no terminal, and an entry never stored would
        # leave every status run so cold. Nor Ctrl-Z and Ctrl-\ (in ``plan status | less``,
        # sent to the whole group): stopped, it held the lock a command finding no entry waits
        # on (``waited_for``) until less was ended. SIGTERM ends it (the program's own raises
        # Ctrl-C).
        for number in (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGTSTP):
            signal.signal(number, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _named()
        nothing = os.open(os.devnull, os.O_RDWR)
        # (the plan a change replaced, kept open by ``files._keep_open``: freed as this leaves)
        from .files import _KEPT

        for fd in (0, 1, 2, *_handed()):
            if fd != nothing and fd not in held.values() and fd not in _KEPT:
                try:
                    os.dup2(nothing, fd)
                except OSError:  # (one not to be touched: valgrind's own, above the rest)
                    pass
        if nothing > 2:
            os.close(nothing)
        settle()
        for entry in held:  # (before its lock goes with the process: a waiter finds the entry)
            _unlink(storing(entry))
    finally:
        os._exit(0)


# What the process storing an entry is called (``ps``; /proc/PID/comm, at most 15 bytes): the
# name an earlier one that was never reaped is known by (``_left_unreaped``).
STORER_NAME = "plan-storing"


# A process that stored an entry and is still a zombie this long after it started was not
# reaped and will not be: some reap now and then (every second or two), not at once.
UNREAPED_AFTER = 10.0


def _age(started: int) -> float:
    """Seconds since a process started ``started`` (clock ticks since boot, /proc/PID/stat)."""
    with open("/proc/uptime", "rb") as uptime:
        now = float(uptime.read().split()[0])
    return now - started / os.sysconf("SC_CLK_TCK")


def _named() -> None:
    try:
        with open("/proc/self/comm", "w", encoding="ascii") as comm:
            comm.write(STORER_NAME)
    except OSError:
        pass


def _left_unreaped() -> bool:
    """Whether a process an earlier status forked to store its entry is still a zombie, a child
    of one of this process's forebears: it was handed, as this one's would be, to a process
    that takes in orphans and never reaps them (``docker run image python app.py``, where the
    app is process 1 and runs plan; a service manager of one's own that set itself "child
    subreaper" and waits for its own children alone). There every status left one zombie more,
    and no double fork helps: the kernel hands the grandchild to the same process. The first
    leaves one, found here (a zombie past ``UNREAPED_AFTER``) by every status after it, which
    then stores its entry itself. Only
    the forebears' lists of children are read (where Linux keeps them: /proc/PID/task/PID/
    children), and only by a status that has an entry to store."""
    try:
        pid, came_from = os.getppid(), str(os.getpid()).encode()
        seen = 0
        while pid > 0 and seen < 64:
            with open(f"/proc/{pid}/task/{pid}/children", "rb") as listed:
                children = listed.read().split()
            for child in children:
                if child == came_from:  # (running: this process or its forebear)
                    continue
                try:
                    with open(b"/proc/" + child + b"/stat", "rb") as stat:
                        name, _, rest = stat.read().rpartition(b") ")
                except OSError:  # (left and reaped as it was looked at)
                    continue
                if rest[:1] == b"Z" and name.endswith(b" (" + STORER_NAME.encode()):
                    if _age(int(rest.split()[19])) > UNREAPED_AFTER:
                        return True
            if pid == 1:
                break
            with open(f"/proc/{pid}/stat", "rb") as stat:
                came_from, pid = str(pid).encode(), int(stat.read().rpartition(b") ")[2].split()[1])
            seen += 1
    except (OSError, ValueError, IndexError):
        return False
    return False


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _handed() -> list[int]:
    """The descriptors past stderr this process holds: a pipe or file its caller handed the
    command (bats' fd 3, a spawn that keeps its own open), let go of as stdout is, or its reader
    would wait for the entry stored. Each is made /dev/null, not closed: a file object of the
    program's that still names one closes no file the entry is written to."""
    try:
        return [int(name) for name in os.listdir("/proc/self/fd") if int(name) > 2]
    except (OSError, ValueError):
        return []


def _run(job: Callable[[], object]) -> None:
    try:
        job()
    except Exception:  # (the cache is only ever a shortcut: ``cache.remember``)
        pass
