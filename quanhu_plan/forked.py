"""Work done in a forked copy of this process while this one goes on, its answer sent back
through a pipe, pickled, whole or a value at a time as it goes (``streamed``): the plan's
items read ahead as the program starts, a piece at a time (``store.read_ahead``), and half of a
county's plans read (``cli.county``).

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

    __slots__ = ("pid", "pipe", "waiting")

    def __init__(self, pid: int, pipe: int):
        self.pid, self.pipe = pid, pipe
        self.waiting = bytearray()  # (what a streamed copy sent of a value not whole yet)

    def received(self, wait: bool) -> tuple[list[Any], bool]:
        """What a streamed copy (``fork_copy``'s ``streamed``) has sent since asked last, its
        values in order, and whether it has ended (then it is reaped: nothing more comes).
        ``wait``: until it sends one more value or ends; else what has come, maybe nothing. A
        value cut short (a copy killed half-way) is not given. A Ctrl-C (or SIGTERM) while it
        is waited for leaves it to ``end``."""
        from _pickle import loads

        if self.pipe < 0:
            return [], True
        values: list[Any] = []
        ended = False
        os.set_blocking(self.pipe, wait)
        while True:
            try:
                data = os.read(self.pipe, 1 << 20)
            except BlockingIOError:  # (nothing more yet)
                break
            except OSError:
                data = b""
            if not data:
                ended = True
                break
            taken: bytes | bytearray = data
            if self.waiting:  # (a value's start came before)
                self.waiting += data
                taken = self.waiting
            values += _values_in(taken, loads, self.waiting)
            if values and wait:
                break
        if ended:
            self.end()  # (it has sent all it will: reaped)
        return values, ended

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

    def end(self, reap: bool = True) -> None:
        """The copy, if it has not answered, killed and reaped. ``reap`` False: killed, and
        reaped as the program leaves (``end_all``), not waited for now: a copy killed at work
        (a plan's piece read ahead that was read here too) takes milliseconds to let go of its
        memory, and its end is waited for only once it is over, after the answer."""
        if self.pipe >= 0:
            try:
                os.close(self.pipe)
            except OSError:
                pass
            self.pipe = -1
        if self.pid and not reap:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)  # (not reaped: its id is still its own)
            except OSError:
                pass
            return
        if self.pid:
            pid, self.pid = self.pid, 0
            if self in _RUNNING:
                _RUNNING.remove(self)
            _killed(pid)


def _values_in(
    data: bytes | bytearray, loads: Callable[[memoryview], Any], waiting: bytearray
) -> list[Any]:
    """The values whole in ``data`` (each its length, 8 bytes, then its pickle), each
    unpickled where it is (no copy of it made); what is left of ``data`` (a value not whole
    yet) is kept in ``waiting``, which is ``data`` or empty."""
    values, at, end = [], 0, len(data)
    with memoryview(data) as view:
        while end - at >= 8:
            size = int.from_bytes(view[at : at + 8], "little")
            if end - at - 8 < size:
                break
            with view[at + 8 : at + 8 + size] as value:
                values.append(loads(value))
            at += 8 + size
    if data is waiting:
        del waiting[:at]  # (no view of it left: it may change size)
    elif at < end:
        waiting += data[at:]
    return values


# The copies not yet answered nor ended.
_RUNNING: list[Copy] = []


def end_all() -> None:
    """Every copy not yet answered killed and reaped (the program is leaving)."""
    for copy in list(_RUNNING):
        copy.end()


def fork_copy(job: Callable[..., Any], streamed: bool = False) -> Copy | None:
    """A copy of this process doing ``job`` (its answer pickled: plain data); None where no
    process could be made (too many processes, no memory for one more). ``streamed``: the job
    is handed a function that sends a value at once (``Copy.received``), as many as it has;
    what the pipe cannot take yet is kept and sent with the next, so the job never waits for
    this process to read (it reads the values while the job goes on)."""
    import signal

    held = {getattr(signal, name) for name in ENDING if hasattr(signal, name)}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        read_end, write_end = os.pipe()
        if streamed:
            _widened(write_end)
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
                if streamed:
                    _streamed(job, write_end)
                else:
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


# What a pipe holds unless told otherwise (64 kB on Linux) is less than one value a streamed
# copy sends (a piece of a plan read ahead, pickled: some 100 kB): the value's end waited in the
# copy, not sent, until its next value was made (a piece more read), and the program, finding
# nothing whole, read that piece itself. A megabyte (the most a process may ask unless the
# system says otherwise: /proc/sys/fs/pipe-max-size) holds the pieces of a 10,000-task plan.
_PIPE_SIZES = (1 << 20, 1 << 18)


def _widened(pipe: int) -> None:
    """``pipe`` made to hold ``_PIPE_SIZES`` where the system lets it (Linux), else as it is."""
    try:
        import fcntl

        setting = fcntl.F_SETPIPE_SZ  # (Linux alone)
    except (ImportError, AttributeError):
        return
    for size in _PIPE_SIZES:
        try:
            fcntl.fcntl(pipe, setting, size)
        except OSError:  # (past what this user may ask for)
            continue
        return


def _streamed(job: Callable[[Callable[[Any], None]], object], pipe: int) -> None:
    """``job`` run in the copy, each value it sends written to ``pipe`` (its length, then its
    pickle) as far as the pipe takes it without waiting; the rest once the job is done."""
    from _pickle import dumps

    waiting: list[memoryview] = []  # (what the pipe has not taken yet, in order)

    def write(block: bool) -> None:
        os.set_blocking(pipe, block)
        while waiting:
            try:
                taken = os.write(pipe, waiting[0])
            except BlockingIOError:
                return
            waiting[0] = waiting[0][taken:]
            if not waiting[0]:
                del waiting[0]

    def send(value: Any) -> None:
        data = dumps(value, 5)
        waiting.append(memoryview(len(data).to_bytes(8, "little") + data))
        write(block=False)

    job(send)
    write(block=True)
    os.close(pipe)


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
