"""A long plan with no parse-cache entry read on two cores: as the ``plan`` program starts
(``entry.main``, before Typer and the command are loaded), a process forked from it reads the
last part of the file's tables (``[[item]]`` on) while the program loads and reads the first
part; the tables come back through a pipe, pickled, and the reader takes them where it reaches
the part's first line (``quick_toml.loads``, its ``rest``). The first ``plan status`` of a
10,000-task plan (the entry not made yet, the cache emptied or ``plan`` upgraded) was two
thirds Python starting and the file read: the read now mostly happens while Python starts.

Nothing changes a result. What the other process read is taken only for the very text it read:
the bytes the store reads (``decoding.decode``) equal the bytes read here, and the text made of
them is the one parsed (``bind``, ``rest_of``); its tables only where they are ``[[item]]``
tables alone, at the top, as the whole text's reading would have made them; anything else, a
process that failed or died, and the reader reads the part itself, from the same line on. An
answer never waits on more than the part's reading: the first part is read meanwhile.

Only in the ``plan`` program, where a process forks (Linux, macOS: not Windows), on a machine
of more than one core (and a container's CPU limit of two or more), with no other thread
running and SIGCHLD not ignored, for a regular file of at least ``_FROM`` bytes (and not past
``files.LARGEST_PLAN``, which the store refuses unread) whose entry is not in the cache folder
(a plan with an entry, stale or not, is read from it), and not for a command that reads no plan
(``init``, ``import``…) or prints its help. The other process leaves with ``os._exit`` whatever
happens, writes nothing but the pipe, dies with the terminal's Ctrl-C, and is killed and reaped
as the program leaves if it was not used (``forked``).
``QUANHU_PLAN_READ_AHEAD=0`` (no, off, false) turns it off."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..forked import Copy

OFF_ENV = "QUANHU_PLAN_READ_AHEAD"

# A shorter file is read in less time than a process takes to fork and send its tables back
# (a thousand tasks are 160 kB, read in 4 ms).
_FROM = 1 << 18

# The share of the text the other process reads, from the first ``[[item]]`` header after it
# on: it reads while Python loads Typer and the command here, about as long as it takes to
# read, check and send a quarter of a million characters (a 10,000-task plan is 1.1 million),
# and then while this process reads the rest. A long plan is shared about equally (100,000
# tasks: 52%); a shorter one goes mostly to the other process, up to ``_MOST`` (past it, this
# process waits for it: measured on a 10,000-task plan, three quarters were the quickest).
_AHEAD_OF = 1 << 18
_MOST = 0.75


def _share(length: int) -> float:
    return min(_MOST, 0.5 + _AHEAD_OF / length)


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
    """Fork the process that reads the plan's last part, where that is worth it (above)."""
    global _AHEAD
    if _AHEAD is not None or not _worth_forking(args):
        return
    try:
        raw = _plan_bytes(args)
    except Exception:  # (any trouble with the file is the command's to say)
        return
    if raw is None or raw.find(b"\n[[item]]", len(raw) // 2) < 0:  # (the cut is before)
        return
    if _cpu_limit_below_two():
        return
    from ..forked import fork_copy

    copy = fork_copy(partial(_sent, raw))
    if copy is not None:
        _AHEAD = _Ahead(copy, raw)


def _sent(raw: bytes) -> tuple[list[Any], bytes] | None:
    """What the other process sends: the tables of the text's last part and which of them are
    plainly right, or None (read them yourself)."""
    tables = _tables_after(raw)
    return None if tables is None else (tables, _plainly_right(tables))


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


def _plan_bytes(args: list[str]) -> bytes | None:
    """The bytes of the plan the command will read, if it is long (not past the largest a plan
    may be) and has no cache entry."""
    from ..command_line import option_value
    from .cache_place import entry_place
    from .files import _O_CLOEXEC, _O_NONBLOCK, LARGEST_PLAN
    from .locating import locate

    source = locate(option_value(args, "-f", "--file"))
    if source.embedded:
        return None
    real = os.path.realpath(source.path)
    # Opened as the store opens a plan: a FIFO (a link swapped since) is not waited on, and
    # what is read is stated from the file opened.
    fd = os.open(real, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    with open(fd, "rb") as file:
        st = os.fstat(fd)
        # (one past the largest a plan may be: the store says so from its size, unread)
        if not stat.S_ISREG(st.st_mode) or not _FROM <= st.st_size <= LARGEST_PLAN:
            return None
        entry = entry_place(type(source.path)(real))
        if entry is not None and os.path.lexists(entry):
            return None
        return file.read()


def _tables_after(raw: bytes) -> list[Any] | None:
    """The ``[[item]]`` tables of the text's last part (``halfway`` on), as reading the whole
    text makes them; None where its reading declines, or it holds anything else."""
    import gc

    from .quick_toml import loads

    gc.disable()  # (hundreds of thousands of new objects, no cycles: see ``collector``)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    cut = halfway(text)
    if cut is None:
        return None
    doc = loads(text[cut:], _toml_reader)
    if doc is None or list(doc) != ["item"]:
        return None
    return doc["item"]


def _plainly_right(tables: list[Any]) -> bytes:
    """Which of ``tables`` are plainly right (``validate_columns.plainly_right``), a byte each
    (1: plainly right): the program's check of them, made here, is not made again there."""
    from ..validate_columns import plainly_right

    right = plainly_right(tables)
    return bytes([id(table) in right for table in tables])


def _toml_reader() -> Any:
    from .plan_text import _toml_reader as reader  # (only if a value needs it)

    return reader()


def halfway(text: str) -> int | None:
    """Where the last part begins: the first ``[[item]]`` header, as the store writes it, at a
    line's start after the share of the text this process reads (``_share``); None where
    there is none."""
    at = int(len(text) * (1 - _share(len(text))))
    while True:
        found = text.find("\n[[item]]", at)
        if found < 0:
            return None
        if text.startswith(("\n", "\r\n"), found + 9):
            return found + 1
        at = found + 1


def bind(raw: bytes, text: str) -> None:
    """``text`` was made of ``raw`` (``decoding.decode``): where those are the bytes read
    ahead, it is the text the other process read the last part of."""
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
    """The tables the other process read, once it has sent them; None if it could not. Those
    it found plainly right are kept for the plan's check (``found_right``), with those of
    ``above`` (the ``[[item]]`` tables read here, before the part) found so here first: the
    plan's check of them, made while the other process may still be reading, not after.
    A Ctrl-C (or SIGTERM) while they are waited for leaves it to ``forked.end_all`` to kill
    and reap."""
    global _AHEAD, _RIGHT
    ahead = _AHEAD
    if ahead is None:
        return None
    from ..validate_columns import plainly_right

    own = plainly_right(above)  # (set() for anything but a long list of tables)
    sent = ahead.copy.answer()
    _AHEAD = None
    if type(sent) is not tuple or len(sent) != 2:
        return None
    tables, right = sent
    if type(tables) is not list or type(right) is not bytes or len(right) != len(tables):
        return None
    if tables:
        from itertools import compress

        own.update(map(id, compress(tables, right)))
        _RIGHT = (tables[-1], own)
    return tables


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
