"""Work done in a forked copy of this process while this one goes on, its answer sent back
through a pipe, pickled: the plan's last part read ahead as the program starts
(``store.read_ahead``), and half of a county's plans read (``cli.county``).

The copy writes nothing but its pipe (its stdin, stdout and stderr are /dev/null, so a pipe's
reader or a ``$(plan …)`` never waits for it), leaves with ``os._exit`` whatever happens, and
dies at once with Ctrl-C, a hangup or a kill. The signals that end the program are held back
across the fork until the copy is known (``_RUNNING``): every copy not yet answered is killed
and reaped as the program leaves (``end_all``), a Ctrl-C while it is waited for included.
Where a copy is no help or not safe there is none (``can_fork``): no ``os.fork`` (Windows),
one core, SIGCHLD ignored (handed on by a caller that ignores it: a copy that leaves is reaped
unasked, its answer lost, its id free for another process that ``end`` would kill), another
thread running (a fork copies one thread: a lock another held would never be let go)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

# The signals that end the program as Ctrl-C does (``entry._end_as_ctrl_c``), and a copy.
ENDING = ("SIGINT", "SIGTERM", "SIGHUP")


def can_fork(other_threads: bool = False) -> bool:
    """Whether a copy can be made and helps (above). ``other_threads``: made where other
    threads run too (a job that takes no lock they may hold: the county's plans, read by
    modules already loaded, in a test run of many threads)."""
    if not hasattr(os, "fork"):
        return False
    cores = getattr(os, "sched_getaffinity", None)
    if (len(cores(0)) if cores else os.cpu_count() or 1) < 2:
        return False
    import signal  # (loaded by Python's start-up)

    if signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:  # (Unix: os.fork is there)
        return False
    threading = sys.modules.get("threading")
    return other_threads or threading is None or threading.active_count() <= 1


class Copy:
    """A forked copy at work: its answer (``answer``), or its end (``end``)."""

    __slots__ = ("pid", "pipe")

    def __init__(self, pid: int, pipe: int):
        self.pid, self.pipe = pid, pipe

    def answer(self) -> Any:
        """What the copy's job gave, once it has sent it; None if it could not (it failed, or
        was killed). A Ctrl-C (or SIGTERM) while it is waited for leaves it to ``end``."""
        from _pickle import loads  # (pickle's C half: not pickle.py and what it imports)

        try:
            with os.fdopen(self.pipe, "rb", closefd=False) as pipe:
                data = pipe.read()
        except OSError:
            self.end()
            return None
        os.close(self.pipe)
        pid, self.pid, self.pipe = self.pid, 0, -1  # (it has sent all: it leaves, waited for)
        _RUNNING.remove(self)
        try:
            _, status = os.waitpid(pid, 0)
        except OSError:
            return None
        except BaseException:  # (a Ctrl-C here: it is leaving, not yet waited for)
            _killed(pid)
            raise
        if status != 0 or not data:
            return None
        try:
            return loads(data)
        except Exception:  # (cut short: a copy killed half-way)
            return None

    def end(self) -> None:
        """The copy, if it has not answered, killed and reaped."""
        if self.pipe >= 0:
            try:
                os.close(self.pipe)
            except OSError:
                pass
            self.pipe = -1
        if self.pid:
            pid, self.pid = self.pid, 0
            if self in _RUNNING:
                _RUNNING.remove(self)
            _killed(pid)


# The copies not yet answered nor ended.
_RUNNING: list[Copy] = []


def end_all() -> None:
    """Every copy not yet answered killed and reaped (the program is leaving)."""
    for copy in list(_RUNNING):
        copy.end()


def fork_copy(job: Callable[[], Any]) -> Copy | None:
    """A copy of this process doing ``job`` (its answer pickled: plain data); None where no
    process could be made (too many processes, no memory for one more)."""
    import signal

    held = {getattr(signal, name) for name in ENDING if hasattr(signal, name)}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the copy: it does its job, sends and leaves, nothing of the program's
            status = 1
            try:
                os.close(read_end)
                _let_go_of_the_output(write_end)
                for name in ENDING:  # (the program's handlers raise KeyboardInterrupt, for
                    number = getattr(signal, name, None)  # its cleanups: the copy has none)
                    if number is not None:
                        signal.signal(number, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
                from _pickle import dumps

                data = dumps(job(), 5)  # (pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        copy = Copy(pid, read_end)
        _RUNNING.append(copy)
        os.close(write_end)
        return copy
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _let_go_of_the_output(pipe: int) -> None:
    """The copy's stdin, stdout and stderr made /dev/null. Not ``pipe``: one of them where the
    program was started with them closed (``plan status <&- >&-``)."""
    nothing = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        if fd not in (nothing, pipe):
            try:
                os.dup2(nothing, fd)
            except OSError:
                pass
    if nothing > 2:
        os.close(nothing)


def _killed(pid: int) -> None:
    """The copy (not waited for yet: its id is still its own) killed, and waited for whatever
    comes meanwhile: a second Ctrl-C must not leave it running, nor a zombie."""
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    while True:
        try:
            os.waitpid(pid, 0)
        except OSError:
            return
        except KeyboardInterrupt:
            continue
        return
