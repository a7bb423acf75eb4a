"""The parse cache: a plan file, read and checked once, kept (pickled) in the user's cache folder,
so that the next command on the unchanged file skips the TOML parse and the checks.

The entry of a file is found by its real path and used only when the file's size, modification
time and CRC-32 of its bytes, and this program's version, are all what they were; anything else
(missing, stale, corrupt, another version) is ignored and the file is read afresh. The file is
always read: the cache saves the parse, never the reading, and holds no output. It lives in the
user's cache folder (``QUANHU_PLAN_CACHE``, else ``XDG_CACHE_HOME``/``~/.cache``, the Library
caches on macOS, ``%LOCALAPPDATA%`` on Windows), never beside the plan, where it would end up in
git or in a mail. ``QUANHU_PLAN_CACHE=off`` turns it off.

An entry is a pickle of the key, the chunks' sizes and their CRC-32, then the chunks, each a
pickle of its own: the plan's header and tree, then its item tables (``remember``). A change
stores anew only the chunks it changed. Beside it (``.text``) are the bytes it was read from,
marked with the entry's token: when the file has changed since, its unchanged items are taken
from the entry (``stale``, ``pieces``).
"""

from __future__ import annotations

import operator
import os
import sys
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Plan

CACHE_ENV = "QUANHU_PLAN_CACHE"
# Bumped when what is stored changes shape; the package version is part of the key too.
FORMAT = 4


def folder() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "0", "off", "no") else Path(chosen)
    if sys.platform == "win32":  # pragma: no cover - office PCs run Windows; CI runs Linux
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "quanhu-plan" / "cache" if base else None
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "quanhu-plan"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quanhu-plan"


def _entry(real: Path) -> Path | None:
    where = folder()
    if where is None:
        return None
    import zlib

    name = f"{zlib.crc32(os.fsencode(real)):08x}-{len(os.fsencode(real))}-{real.name}"[:120]
    # At most 120 bytes, not characters (a Chinese one takes three): with its temp file's
    # suffix (``remember``) the name stays within the 255 bytes a file name may have.
    while len(os.fsencode(name)) > 120:
        name = name[:-1]
    return where / (name + ".pickle")


def _key(real: Path, raw: bytes, st: os.stat_result) -> tuple[Any, ...]:
    import zlib

    return (_program(), str(real), st.st_size, st.st_mtime_ns, len(raw), zlib.crc32(raw))


_PROGRAM: tuple[Any, ...] | None = None


def _program() -> tuple[Any, ...]:
    """This program as far as the cache is concerned: its version, Python's, and when the code
    that reads and checks a plan was last changed (an editable install changes without a new
    version)."""
    global _PROGRAM
    if _PROGRAM is None:
        from .. import __version__

        here = Path(__file__).parent
        # What reads, checks and packs a plan (and looks up its newest change).
        code = [
            here.parent / name
            for name in ("model.py", "validate.py", "periods.py", "trace.py", "sharing.py")
        ]
        code += [here / name for name in ("plan_file.py", "plan_text.py", "pieces.py", "cache.py")]
        stamps = tuple(os.stat(path).st_mtime_ns for path in code if path.exists())
        _PROGRAM = (FORMAT, __version__, sys.version_info[:2], stamps)
    return _PROGRAM


def recall(real: Path, raw: bytes, st: os.stat_result) -> Plan | None:
    """The plan stored for these bytes of this file, or None."""
    entry = _entry(real)
    if entry is None:
        return None
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    from _pickle import loads  # the C unpickler alone: the pickle module takes 1.5 ms to import

    from ..collector import paused

    try:
        with paused():  # unpickling with the collector on took about 4x as long
            opened = _opened(data)
            if opened is None or opened[0] != _key(real, raw, st):
                return None
            _, counts, token, chunks = opened
            head = loads(chunks[0])
            tables = []
            for chunk in chunks[1:]:
                tables += loads(chunk)
            from ..model import Plan

            meta, parents, indexes, extra, newest_at, newest_at_known = head
            packed = (meta, tables, parents, indexes, extra, newest_at, newest_at_known)
            plan = Plan.unpacked(packed)
    except Exception:  # a cache entry that is not what we wrote: ignored
        return None
    global _RECALLED
    _RECALLED = (weakref.ref(plan), _Stored(entry, token, counts, tables))
    return plan


def _opened(data: bytes) -> tuple[Any, list[int], bytes, list[memoryview]] | None:
    """An entry's key, its chunks' table counts, its token and its chunks (the plan's header
    and tree first), or None when its checksum says it was damaged after it was written (a
    disk, a copy): a plan read from it could be wrong."""
    from _pickle import loads

    key, counts, lengths, token, check = loads(data)  # the first pickle only
    view = memoryview(data)
    at = len(data) - sum(lengths)
    if _checksum(counts, lengths, [view[at:]]) != check:
        return None
    chunks = []
    for length in lengths:
        chunks.append(view[at : at + length])
        at += length
    return key, counts, token, chunks


class _Stored:
    """Where the tables of a plan recalled from the cache are stored: the entry, which entry it
    was (``token``), how many tables each of its chunks holds, and the tables as they came out
    of it."""

    __slots__ = ("entry", "token", "counts", "tables", "read")

    def __init__(
        self,
        entry: Path,
        token: bytes,
        counts: list[int],
        tables: list[Any],
        read: list[bytes] | None = None,
    ):
        self.entry, self.token, self.counts, self.tables = entry, token, counts, tables
        self.read = read  # the chunks, when they were read (and checked) a moment ago

    def chunks(self) -> list[bytes] | None:
        """The stored chunks of tables, if the entry is still, whole, the one the plan came
        from."""
        if self.read is not None:
            return self.read
        try:
            opened = _opened(self.entry.read_bytes())
        except Exception:
            return None
        if opened is None or opened[2] != self.token:
            return None
        return [bytes(chunk) for chunk in opened[3][1:]]


# The plan recalled last, and where its tables are stored: a change made on it stores again only
# the chunks that hold a table it changed (a process changes one plan).
_RECALLED: tuple[weakref.ref[Plan], _Stored] | None = None

# A chunk holds tables until it holds about this many tables and log entries.
CHUNK = 1024


def remember(real: Path, raw: bytes, st: os.stat_result, plan: Plan, share: bool = True) -> None:
    """Store ``plan`` for these bytes of this file; any failure is ignored (the cache is only
    ever a shortcut). ``share``: make equal keys, short texts and dates one object first
    (``_shared``); a plan loaded from the cache has them so already, and pickle keeps an
    object met twice once.

    The item tables are stored in chunks, each a pickle of its own. A plan recalled from the
    cache and changed since (a change made on it) stores anew only the chunks holding a table
    that is not the one recalled: a change replaces a table it changes with the table as the
    file it wrote reads (``plan_file._remember``) and edits none in place (``delta``), and the
    tables of the file it left alone are those of the entry it came from."""
    entry = _entry(real)
    if entry is None:
        return
    import pickle

    from ..collector import paused

    try:
        with paused():  # the shared copy is new objects and no garbage
            packed = _shared(plan.packed()) if share else plan.packed()
            meta, tables, parents, indexes, extra, newest_at, newest_at_known = packed
            head = (meta, parents, indexes, extra, newest_at, newest_at_known)
            stored = _stored_for(plan, tables)
            counts = stored.counts if stored is not None else _chunk_counts(tables)
            old = stored.chunks() if stored is not None else None
            recalled = stored.tables if stored is not None else []
            chunks, at = [], 0
            for n, count in enumerate(counts):
                part = tables[at : at + count]
                if old is not None and all(map(operator.is_, part, recalled[at : at + count])):
                    chunks.append(old[n])  # every table as it was recalled
                else:
                    chunks.append(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
                at += count
            chunks.insert(0, pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL))
            token = os.urandom(8)
            lengths = [len(chunk) for chunk in chunks]
            check = _checksum(counts, lengths, chunks)
            key = _key(real, raw, st)
            header = pickle.dumps((key, counts, lengths, token, check), pickle.HIGHEST_PROTOCOL)
        del packed, old
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # The bytes the plan was read from, beside the entry and marked with its token: when
        # the file has changed since, what did not change is taken from the entry (``pieces``).
        _write(_text_of(entry), [token, raw])
        _write(entry, [header, *chunks])
    except (OSError, RecursionError, pickle.PicklingError):
        return


def _write(path: Path, parts: list[bytes]) -> None:
    """``parts`` written to ``path`` as a whole (a temp file renamed over it)."""
    _remove_stale_temps(path)
    # Its own temp name, not tempfile's: the plan's writer alone makes those (a test of the
    # store counts them), and an entry needs no more than a name no other writer has.
    tmp = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _text_of(entry: Path) -> Path:
    """Where the bytes of the file an entry was read from are kept."""
    return entry.with_name(entry.name.removesuffix(".pickle") + ".text")


class Stale:
    """What the entry of a file that has changed since holds: the bytes it was read from
    (``raw``), its plan's tables in the file's order, its tree (``parents`` and ``indexes``
    of ``Plan.packed``) and how its tables are stored (a plan made of them stores anew only
    the chunks holding a table that is not one of them)."""

    __slots__ = ("raw", "tables", "parents", "indexes", "stored")

    def __init__(
        self,
        raw: bytes,
        tables: list[Any],
        parents: list[int],
        indexes: list[int],
        stored: _Stored,
    ):
        self.raw, self.tables, self.stored = raw, tables, stored
        self.parents, self.indexes = parents, indexes


def stale(real: Path) -> Stale | None:
    """The entry of this file as it was when it was last read or written by this program,
    whatever it holds now; None when there is none, or it is damaged, from another version or
    of another file, or its bytes are not kept beside it."""
    entry = _entry(real)
    if entry is None:
        return None
    try:
        data = entry.read_bytes()
        kept = _text_of(entry).read_bytes()
    except OSError:
        return None
    import zlib
    from _pickle import loads

    from ..collector import paused

    try:
        with paused():
            opened = _opened(data)
            if opened is None:
                return None
            key, counts, token, chunks = opened
            raw = kept[8:]
            if (
                key[:2] != (_program(), str(real))
                or kept[:8] != token
                or (len(raw), zlib.crc32(raw)) != key[4:]
            ):
                return None
            _, parents, indexes, *_ = loads(chunks[0])
            tables: list[Any] = []
            for chunk in chunks[1:]:
                tables += loads(chunk)
            in_file: list[Any] = [None] * len(tables)
            for table, index in zip(tables, indexes, strict=True):
                in_file[index] = table
    except Exception:  # not what we wrote: ignored
        return None
    if any(table is None for table in in_file):
        return None
    read = [bytes(chunk) for chunk in chunks[1:]]
    return Stale(raw, in_file, parents, indexes, _Stored(entry, token, counts, tables, read))


def stored_as(plan: Plan, stale: Stale) -> None:
    """``plan`` was made of the tables of ``stale`` (some replaced): storing it stores anew only
    the chunks holding a table that is not one of them (see ``remember``)."""
    global _RECALLED
    _RECALLED = (weakref.ref(plan), stale.stored)


# A temp file of an entry this old was left by a process stopped while writing it.
STALE_SECONDS = 3600


def _remove_stale_temps(entry: Path) -> None:
    """The temp files of this entry that a process stopped while writing it left behind."""
    import time

    prefix, now = f".{entry.name}.", time.time()
    try:
        with os.scandir(entry.parent) as found:
            for item in found:
                if item.name.startswith(prefix) and item.name.endswith(".tmp"):
                    try:
                        if now - item.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                            os.unlink(item.path)
                    except OSError:
                        pass
    except OSError:
        pass


def _checksum(counts: list[int], lengths: list[int], parts: list[Any]) -> int:
    """CRC-32 of an entry's chunks and their sizes: an entry damaged after it was written (a
    disk, a copy) is read afresh, not taken for a plan."""
    import zlib

    check = zlib.crc32(repr((counts, lengths)).encode("ascii"))
    for part in parts:
        check = zlib.crc32(part, check)
    return check


def _stored_for(plan: Plan, tables: list[Any]) -> _Stored | None:
    """Where ``plan``'s tables are stored, if it was the plan recalled last and still has as
    many tables (no item came or went: the chunks still hold the same items)."""
    if _RECALLED is None or _RECALLED[0]() is not plan:
        return None
    stored = _RECALLED[1]
    return stored if len(stored.tables) == len(tables) else None


def _chunk_counts(tables: list[Any]) -> list[int]:
    """How many tables each chunk holds: about CHUNK tables and log entries each."""
    counts, count, weight = [], 0, 0
    for table in tables:
        log = table.get("log")
        weight += 1 + (len(log) if type(log) is list else 0)
        count += 1
        if weight >= CHUNK:
            counts.append(count)
            count = weight = 0
    if count or not counts:
        counts.append(count)
    return counts


def _shared(value: Any) -> Any:
    """``value`` with equal keys, short texts and dates one object each (``sharing``)."""
    from ..sharing import Sharing

    return Sharing().value(value)
