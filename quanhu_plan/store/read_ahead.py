"""A long plan with no parse-cache entry read on two cores: as the ``plan`` program starts
(``entry.main``, before Typer and the command are loaded), a process forked from it reads the
file's ``[[item]]`` tables, from the first on (``halfway``), while the program loads and reads
what is above them (the plan's header, its log); the tables come back through a pipe, pickled,
a piece of the part at a time as each is read (``pieces``), and the reader takes them where it
reaches the part's first line (``quick_toml.loads``, its ``rest``): those sent meanwhile, and
where it would wait for the others, it reads the last pieces left itself (``_received``), so
that neither process waits for the other, however busy the machine's cores are with other
work: the two meet wherever their work does, the other process's share of the reading set by
how far it got, not guessed beforehand. The first ``plan status`` of a 10,000-task plan (the
entry not made yet, the cache emptied or ``plan`` upgraded) was two thirds Python starting and
the file read: the read now mostly happens while Python starts. What a read asks of every item
(``sketches.sketched_marks``: milestones, merge conflicts, the latest day) is said of each piece
as it is read, too, and the plan built of those tables takes it (``marks_as_read``) instead of
walking its 10,000 items again (29 M instructions of the program's).

Nothing changes a result. What the other process read is taken only for the very text it read:
the bytes the store reads (``decoding.decode``) equal the bytes read here, and the text made of
them is the one parsed (``bind``, ``rest_of``); its tables only where they are ``[[item]]``
tables alone, at the top, as the whole text's reading would have made them; anything else, a
process that failed or died, and the reader reads the part itself, from the same line on (or
the pieces not sent, where it died after sending some). An answer never waits on more than a
piece's reading: the first part, and the last pieces, are read meanwhile.

Only in the ``plan`` program, where a process forks (Linux, macOS: not Windows), on a machine
of more than one core (and a container's CPU limit of two or more), with no other thread
running and SIGCHLD not ignored, for a regular file of at least ``_FROM`` bytes (and not past
``locating.LARGEST_PLAN``, which the store refuses unread) whose entry is not in the cache folder
(a plan with an entry, stale or not, is read from it), and not for a command that reads no plan
(``init``, ``import``…) or prints its help. The other process leaves with ``os._exit`` whatever
happens, writes nothing but the pipe, dies with the terminal's Ctrl-C, and is killed and reaped
as the program leaves if it was not used (``forked``).
Nor where the machine has more work ready than cores (``_cores_busy``).
``QUANHU_PLAN_READ_AHEAD=0`` (no, off, false) turns it off, ``=1`` (yes, on, true) on even
then."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from functools import partial
from itertools import chain, compress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..forked import Copy

OFF_ENV = "QUANHU_PLAN_READ_AHEAD"

# A shorter file is read in less time than a process takes to fork and send its tables back
# (a thousand tasks are 160 kB, read in 4 ms).
_FROM = 1 << 18

# Commands that read no plan of the file located (their own input, or none).
_NO_PLAN = frozenset({"init", "import", "new", "county", "merge", "git-setup", "help"})


class _Ahead:
    __slots__ = ("copy", "raw", "text")

    def __init__(self, copy: Copy, raw: bytes):
        self.copy, self.raw = copy, raw
        self.text: str | None = None  # the text the store made of ``raw`` (``bind``)

    @property
    def pid(self) -> int:
        return self.copy.pid


_AHEAD: _Ahead | None = None


def start(args: list[str]) -> None:
    """Fork the process that reads the plan's items, where that is worth it (above)."""
    global _AHEAD
    if _AHEAD is not None or not _worth_forking(args):
        return
    try:
        raw = _plan_bytes(args)
    except Exception:  # (any trouble with the file is the command's to say)
        return
    if raw is None or raw.find(b"\n[[item]]", len(raw) // 2) < 0:  # (the cut is before)
        return
    if _cpu_limit_below_two() or _cores_busy():
        return
    from ..forked import fork_copy

    copy = fork_copy(partial(_sent, raw), streamed=True)
    if copy is not None:
        _AHEAD = _Ahead(copy, raw)


def _sent(raw: bytes, send: Callable[[Any], None]) -> None:
    """What the other process sends, a piece of the text's items at a time (``pieces``),
    in order, as soon as it is read: where the piece starts, its tables, which of them are
    plainly right and what a read asks of them all (``_marks_said``); or None (read the part
    yourself), and no more."""
    import gc

    gc.disable()  # (hundreds of thousands of new objects, no cycles: see ``collector``)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        send(None)
        return
    cut = halfway(text)
    starts = [] if cut is None else pieces(text, cut)
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        tables = _piece_tables(text, start, end)
        said = None if tables is None else (start, tables, _plainly_right(tables))
        send(said if said is None else (*said, _marks_said(tables)))
        if tables is None:
            return
    if not starts:
        send(None)


def _worth_forking(args: list[str]) -> bool:
    if os.environ.get(OFF_ENV, "").strip().lower() in _OFF or not _reads_a_plan(args):
        return False
    if any(key.endswith("_COMPLETE") for key in os.environ):  # a shell completing a word
        return False
    from ..forked import can_fork  # (not for --help, init…: nothing more loaded for them)

    return can_fork()


# Where a container's CPU limit is written (``docker run --cpus 1``): cgroup v2's ``cpu.max``
# ("quota period", or "max period"), v1's quota and period (-1: none). The cores seen
# (``sched_getaffinity``) are the machine's, not what the container may use.
_CPU_LIMITS = (
    ("/sys/fs/cgroup/cpu.max", None),
    ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"),
)


def _cpu_limit_below_two() -> bool:
    """Whether this process may use less than two cores' time: the other process would take
    its time from this one's, and the plan be read slower, not faster. (Asked only of a long
    plan about to be read ahead: a few reads of /sys.)"""
    for place, period_place in _CPU_LIMITS:
        try:
            with open(place) as file:
                words = file.read().split()
            if period_place is not None:
                with open(period_place) as file:
                    words += file.read().split()
            quota, period = words[0], int(words[1])
            if quota != "max" and 0 < int(quota) < 2 * period:
                return True
        except (OSError, ValueError, IndexError):
            continue
    return False


_LOAD = "/proc/loadavg"  # ("0.52 0.58 0.59 1/467 12345": the 1, 5 and 15 minutes, now/all)


def _cores_busy() -> bool:
    """Whether the machine has more work ready than it has cores, now and for the last minute
    (Linux's ``/proc/loadavg``: the processes running or ready to run now, this one among
    them, and the minute's average): the other process would take its time from this one's,
    or wait for a core, and the plan be read slower (measured on two cores: with four to six
    processes ready, a 10,000-task plan's first status 540 ms against 410 read in one; with
    two, 238 against 255, the copy still a help). ``QUANHU_PLAN_READ_AHEAD=1`` (yes, on,
    true) reads ahead all the same."""
    if os.environ.get(OFF_ENV, "").strip().lower() in _ON:
        return False
    try:
        with open(_LOAD, "rb") as file:
            words = file.read().split()
        now, minute = int(words[3].split(b"/")[0]), float(words[0])
    except (OSError, ValueError, IndexError):  # (not Linux: as if they were free)
        return False
    cores = len(os.sched_getaffinity(0))  # (Linux: there, as /proc)
    return now > cores and minute >= cores


def _reads_a_plan(args: list[str]) -> bool:
    """Whether the command line runs a command that reads the plan file (any word but those
    of ``_NO_PLAN``: a command's Chinese name too), not its help."""
    from ..command_line import split_command_line

    before, name, rest = split_command_line(args)
    if name is None or name in _NO_PLAN:
        return False
    options = set(before) | set(rest[: rest.index("--")] if "--" in rest else rest)
    return not options & {"-h", "--help", "--version"}


_OFF = ("0", "no", "off", "false")
_ON = ("1", "yes", "on", "true")


def _plan_bytes(args: list[str]) -> bytes | None:
    """The bytes of the plan the command will read, if it is long (not past the largest a plan
    may be) and has no cache entry."""
    from ..command_line import option_value
    from . import locating
    from .cache_place import entry_place
    from .locating import locate

    source = locate(option_value(args, "-f", "--file"))
    if source.embedded:
        return None
    real = os.path.realpath(source.path)
    # Opened as the store opens a plan: a FIFO (a link swapped since) is not waited on, and
    # what is read is stated from the file opened.
    fd = os.open(real, os.O_RDONLY | locating.O_NONBLOCK | locating.O_CLOEXEC)
    with open(fd, "rb") as file:
        st = os.fstat(fd)
        # (one past the largest a plan may be: the store says so from its size, unread)
        if not stat.S_ISREG(st.st_mode) or not _FROM <= st.st_size <= locating.LARGEST_PLAN:
            return None
        entry = entry_place(type(source.path)(real))
        if entry is not None and os.path.lexists(entry):
            return None
        return file.read()


def _tables_after(raw: bytes) -> list[Any] | None:
    """The ``[[item]]`` tables of the text's part read ahead (``halfway`` on) as the other process
    sends them, together; None where it sends None."""
    sent: list[Any] = []
    _sent(raw, sent.append)
    if None in sent:
        return None
    return [table for _, tables, *_ in sent for table in tables]


def _piece_tables(text: str, start: int, end: int) -> list[Any] | None:
    """The ``[[item]]`` tables of ``text[start:end]``, as reading the whole text makes them;
    None where its reading declines, or it holds anything else."""
    from .quick_toml import loads

    doc = loads(text[start:end], _toml_reader)
    if doc is None or list(doc) != ["item"]:
        return None
    return doc["item"]


def _plainly_right(tables: list[Any]) -> bytes:
    """Which of ``tables`` are plainly right (``validate_columns.plainly_right``), a byte each
    (1: plainly right): the program's check of them, made here, is not made again there."""
    from ..validate_columns import plainly_right

    right = plainly_right(tables)
    return bytes([id(table) in right for table in tables])


def _marks_said(tables: Any) -> tuple[int, Any] | None:
    """What a read asks of every item (``sketches.sketched_marks``) said of ``tables``
    (``table_marks.tables_marks``): worked out here as they are read, not walked again by the
    program (``marks_as_read``); None where it cannot be said."""
    from ..table_marks import tables_marks

    try:
        return tables_marks(tables)
    except Exception:  # (anything but a list of tables: not said here)
        return None


def _toml_reader() -> Any:
    from .plan_text import _toml_reader as reader  # (only if a value needs it)

    return reader()


def halfway(text: str) -> int | None:
    """Where the part read ahead begins: the first ``[[item]]`` header, as the store writes it,
    at a line's start; None where there is none. This process reads what is above it (the
    plan's header and log) as Typer and the command are loaded here; the other reads the
    pieces from the first, this one those not sent yet from the last (``_received``), so the
    part is shared as the two processes' speed shares it. (A share set beforehand, three
    quarters of a 10,000-task plan, left the other process idle on a quiet machine while this
    one read the rest, and this one reading the last pieces where the machine was busy.)"""
    return _header_after(text, 0)


# The length of a piece of the part read ahead (some 550 tables, 2 ms of reading): the other
# process sends each as it is read, and this one takes them meanwhile; where it has to wait
# for the other, it reads the last pieces itself instead (``_received``). Where the two meet,
# this one waits for the piece the other is at, half a piece on average: measured on a
# 10,000-task plan, 64k characters answered 1-2% sooner than 128k.
_PIECE = 1 << 16


def pieces(text: str, cut: int) -> list[int]:
    """Where each piece of the part from ``cut`` on begins: ``cut``, and an ``[[item]]``
    header's line, as the store writes it, after each ``_PIECE`` characters."""
    starts = [cut]
    while (start := _header_after(text, starts[-1] + _PIECE)) is not None:
        starts.append(start)
    return starts


def _header_after(text: str, at: int) -> int | None:
    """The start of the first line from ``at`` on that is an ``[[item]]`` header."""
    while True:
        found = text.find("\n[[item]]", at)
        if found < 0:
            return None
        if text.startswith(("\n", "\r\n"), found + 9):
            return found + 1
        at = found + 1


def bind(raw: bytes, text: str) -> None:
    """``text`` was made of ``raw`` (``decoding.decode``): where those are the bytes read
    ahead, it is the text the other process read the items of."""
    ahead = _AHEAD
    if ahead is not None and ahead.text is None and raw == ahead.raw:
        ahead.text, ahead.raw = text, b""


def rest_of(text: str) -> tuple[int, Callable[[Any], list[Any] | None]] | None:
    """For the reader of ``text``: where the part read ahead begins, and what gives its tables
    (None: read it yourself); None where ``text`` is not the text read ahead."""
    ahead = _AHEAD
    if ahead is None or ahead.text is not text:
        return None
    cut = halfway(text)
    return None if cut is None else (cut, _received)


def _received(above: Any = None) -> list[Any] | None:
    """The tables of the part read ahead, once all have come; None if the other process could
    not read them. It sends them a piece at a time (``_sent``), taken here as they come; while
    none has come and two pieces or more are left, this process reads the last piece left
    itself (the other process reads them in order: it is at the first piece left), so that
    neither waits for the other. Those found plainly right are kept for the plan's check
    (``found_right``), with those of ``above`` (the ``[[item]]`` tables read here, before the
    part) found so here first, before any wait. The other process is then killed, and reaped
    as the program leaves (``forked.end_all``, a Ctrl-C or SIGTERM meanwhile too): its end,
    milliseconds of letting go of its memory where it was at work, is not waited for here."""
    global _AHEAD, _RIGHT, _SAID
    ahead = _AHEAD
    if ahead is None:
        return None
    _AHEAD = None
    from ..validate_columns import plainly_right

    right = plainly_right(above)  # (set() for anything but a long list of tables)
    said = [_marks_said([] if above is None else above)]  # (of each part: ``_marks_said``)
    text, copy = ahead.text, ahead.copy
    cut = None if text is None else halfway(text)
    starts = [] if text is None or cut is None else pieces(text, cut)
    ends = [*starts[1:], len(text or "")]
    theirs: list[list[Any]] = []  # the tables of each piece from the first, sent
    mine: list[list[Any]] = []  # the tables of each piece from the last, read here
    ended = False
    while starts and len(theirs) + len(mine) < len(starts):
        left = len(starts) - len(theirs) - len(mine)
        sent, ended = ([], True) if ended else copy.received(wait=left == 1)
        for value in sent:
            if len(theirs) + len(mine) == len(starts):
                break  # (a piece read here too)
            if not _a_piece(value, starts[len(theirs)]):
                copy.end(reap=False)
                return None
            tables, which = value[1], value[2]
            theirs.append(tables)
            right.update(map(id, compress(tables, which)))
            said.append(value[3])
        if sent or len(theirs) + len(mine) == len(starts):
            continue
        if ended and left == 1 or left > 1:  # (the other is at work on the first left)
            at = len(starts) - 1 - len(mine)
            tables = _piece_tables(text, starts[at], ends[at])  # type: ignore[arg-type]
            if tables is None:
                copy.end(reap=False)
                return None
            mine.append(tables)
            right |= plainly_right(tables)  # (checked here as read, while the other reads on)
            said.append(_marks_said(tables))
    copy.end(reap=False)  # (reaped as the program leaves: its end not waited for here)
    if not starts:
        return None
    every = list(chain.from_iterable(theirs))  # (in the file's order: the others' from the last)
    every += chain.from_iterable(reversed(mine))
    if every:
        _RIGHT = (every[-1], right)
        if None not in said:
            from ..table_marks import tables_marks_together

            count = len(every) + (len(above) if type(above) is list else 0)
            _SAID = (every[-1], count, tables_marks_together(list(filter(None, said))))
    return every


def _a_piece(value: Any, start: int) -> bool:
    """Whether ``value`` is a piece the other process sends, of the part that starts at
    ``start``: its start, its tables, a byte each of them (1: plainly right), and what a read
    asks of them (``_marks_said``)."""
    return (
        type(value) is tuple
        and len(value) == 4
        and value[0] == start
        and type(value[1]) is list
        and type(value[2]) is bytes
        and len(value[2]) == len(value[1])
        and (value[3] is None or type(value[3]) is tuple and len(value[3]) == 2)
    )


# The last table the other process read, and the ``id`` of the tables found plainly right
# (those it read, and those this one read above them).
_RIGHT: tuple[Any, set[int]] | None = None


def found_right(doc: dict[str, Any]) -> set[int]:
    """The ``id`` of the item tables of ``doc`` found plainly right (``validate_columns``) as
    the other process's were received (``_received``): none unless ``doc`` holds the tables
    it read (its last is theirs)."""
    global _RIGHT
    kept, _RIGHT = _RIGHT, None
    items = doc.get("item")
    if kept is None or type(items) is not list or not items or items[-1] is not kept[0]:
        return set()
    return kept[1]


# The last table the other process read, how many item tables the text has (those read above
# the part too), and what a read asks of them all (``_marks_said``), where each part said it.
_SAID: tuple[Any, int, tuple[int, Any]] | None = None
# The plan built of those tables, with no problem, and what a read asks of its items.
_MARKS_READ: tuple[Any, tuple[int, Any]] | None = None


def found_marks(doc: dict[str, Any]) -> tuple[int, Any] | None:
    """What a read asks of every item table of ``doc`` (``table_marks.tables_marks``), said of
    each part as it was read (``_received``): None unless ``doc`` holds the tables read, those
    above the part and the part's, and no other."""
    global _SAID
    kept, _SAID = _SAID, None
    items = doc.get("item")
    if kept is None or type(items) is not list or not items or items[-1] is not kept[0]:
        return None
    return kept[2] if len(items) == kept[1] else None


def keep_marks(plan: Any, marks: tuple[int, Any]) -> None:
    """``plan`` was built with no problem of the tables ``marks`` (``found_marks``) was said of:
    an item for each of them, each with its table as read."""
    import weakref

    global _MARKS_READ
    _MARKS_READ = (weakref.ref(plan), marks)


def marks_as_read(plan: Any) -> tuple[int, Any] | None:
    """``sketches.sketched_marks`` of ``plan``, as said of its tables as they were read
    (``keep_marks``), without a walk of its items; None where it is not that plan. For a
    read, which changes no table (as ``store.cache.marks_as_recalled``)."""
    kept = _MARKS_READ
    if kept is None or kept[0]() is not plan:
        return None
    return kept[1]
