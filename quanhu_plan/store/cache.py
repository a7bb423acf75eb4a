"""The parse cache: a plan file, read and checked once, kept (pickled) in the user's cache folder,
so that the next command on the unchanged file skips the TOML parse and the checks.

The entry of a file is found by its real path and used only when the file's size, modification
time and CRC-32 of its bytes, this program's version and the computer's time zone are all what
they were; anything else (missing, stale, corrupt, another version) is ignored and the file is
read afresh. The file is always read: the cache saves the parse, never the reading, and holds
no output. It lives in the user's cache folder (``QUANHU_PLAN_CACHE``, else
``XDG_CACHE_HOME``/``~/.cache``, the Library caches on macOS, ``%LOCALAPPDATA%`` on Windows;
a relative path in either variable is ignored, as the XDG spec says),
never beside the plan, where it would end up in git or in a mail. ``QUANHU_PLAN_CACHE=off``
turns it off.

An entry is a pickle of the key, the chunks' sizes and each one's CRC-32, then the chunks, each a
pickle of its own: the plan's header and tree, then the sketches of the items of each chunk of
tables (``sketches.Sketch``), then the chunks of item tables (``remember``), the parts' and goals'
first. A plan is recalled with its sketches, and a chunk of tables is unpickled only when one
of its items' ``data`` is first asked for (``recall``, ``model.Item``): a status loads no
task's table, a change only the chunks of what it changes. A status of the parts and goals
alone, from what the status before kept of them (``cache_goals``), reads and checks no chunk
but the head and the parts' and goals' tables (``_read_chunks``). A change stores anew only the
chunks it changed. Beside it (``.text``) are the bytes it was read from, marked with the
entry's token: when the file has changed since, its unchanged items are taken from the entry
(``stale``, ``pieces``).
"""

from __future__ import annotations

import operator
import os
import sys
import weakref
from itertools import accumulate, chain, compress, repeat
from operator import not_, truth
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache_later
from .cache_chunks import chunk_of, tables_for_report, tables_of
from .cache_files import (
    _checksum,
    opened_file,
    stored_entry,
    stored_layout,
)
from .cache_place import CACHE_ENV, entry_place, folder  # noqa: F401 (the cache's names too)
from .cache_stored import HEAD_BYTES, Stored, Unread

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ..model import Plan

_PARENT = operator.attrgetter("parent")
_CHILDREN = operator.attrgetter("children")
_INDEX = operator.attrgetter("index")
# Bumped when what is stored changes shape; the package version is part of the key too.
FORMAT = 15


def _entry(real: Path) -> Path | None:
    if cache_later.WAITING:  # (an entry left for after the answer, stored before this one)
        cache_later.settle()
    return entry_place(real)


def entry_of(real: Path) -> Path | None:
    """Where the entry of the plan file at ``real`` is stored; None: no cache folder."""
    return _entry(real)


def _key(
    real: Path, raw: bytes, st: os.stat_result, *more: Any, sums: Any = None
) -> tuple[Any, ...]:
    """What an entry is stored under: the reader, the file's stat, and the bytes it was read
    from (``raw``, ``more`` after it: a file written in pieces) as ``summed``, or ``sums``."""
    if not sums or more or sums[0] != len(raw):
        sums = summed(raw, *more)
    return (*_reader(real), st.st_size, st.st_mtime_ns, *sums)


# The last of a key (``_key``): a rewrite of the same size at the same time (a restore that
# keeps times) is told apart by these alone. CRC-32 with Adler-32, 64 bits, for a CRC-32 alike
# by chance: on the 10,000-task plan (1.6 MB) 0.71 ms against CRC-32's 0.28 (SHA-1 1.12 ms
# and BLAKE2b 2.1 ms, and hashlib's import 2 ms more).
SUMMED = 3


def summed(raw: bytes, *more: Any, marks: list[Any] | None = None) -> tuple[int, int, int]:
    """The length, CRC-32 and Adler-32 of ``raw`` and ``more`` after it (``marks``: of a
    change, given those along ``raw`` as well: ``sums.along``)."""
    if marks is not None:
        from .sums import along

        return along(raw, marks)
    import zlib

    crc, adler, size = zlib.crc32(raw), zlib.adler32(raw), len(raw)
    for part in more:
        crc, adler, size = zlib.crc32(part, crc), zlib.adler32(part, adler), size + len(part)
    return size, crc, adler


def _reader(real: Path) -> tuple[Any, ...]:
    """The first of an entry's key (``_key``): what read which file. This computer's time zone
    is part of it (``_zone``): a time written without an offset is read in it, and what is kept
    of the trace (its newest time, the days of its entries) with it."""
    return (_program(), _zone(), str(real))


_LOCALTIME = "/etc/localtime"


def _zone() -> tuple[Any, ...]:
    """This computer's time zone: its offsets and names, and the rules they come from (``TZ``,
    else the file ``/etc/localtime`` is or links to). Zones of the same names and offsets
    change to summer time on other days (Athens and Cairo, both EET and EEST): 12:00 on 10
    April is 09:00Z in one and 10:00Z in the other."""
    import time

    rules: Any = os.environ.get("TZ")
    if rules is None:
        try:
            st = os.stat(_LOCALTIME)
        except OSError:  # (Windows: its zones' names, in ``tzname``, tell them apart)
            rules = None
        else:
            try:
                link = os.readlink(_LOCALTIME)  # (one call; realpath makes one for each folder)
            except OSError:  # a copy of the zone's file
                link = None
            rules = (link, st.st_size, st.st_mtime_ns)
    return (time.timezone, time.altzone, time.tzname, rules)


_PROGRAM: tuple[Any, ...] | None = None

# The modules outside store/ that read, check, pack or word what a plan's cache entry holds
# (paths from the package's folder). Every module of store/ counts as well, found by listing
# the folder, so that none is left out; tests/test_leftovers_s22i.py fails when a run that
# reads or stores a plan loads a module of the package that is in neither.
SHAPING = (
    "__init__.py",
    "model.py",
    "names.py",
    "building.py",
    "collector.py",
    "sketches.py",
    "table_marks.py",
    "standing_work.py",
    "validate.py",
    "validate_archive.py",
    "validate_header.py",
    "validate_columns.py",
    "periods.py",
    "trace.py",
    "local_zone.py",
    "sharing.py",
    "texts.py",
    "texts_changes.py",
    "goal_figures.py",
    "toml_layout.py",
    "lights.py",
    "rollup.py",
    "rollup_tree.py",
    "errors/__init__.py",
    "errors/base.py",
    "errors/files.py",
    "errors/paths_as_typed.py",
    "errors/reading.py",
)


def program_files() -> list[str]:
    """The source files the cache's key notes the modification time of: SHAPING and every
    module of store/ (an editable install is edited without a new version)."""
    here = os.path.dirname(__file__)
    package = os.path.dirname(here)
    store_files = sorted(name for name in os.listdir(here) if name.endswith(".py"))
    return [os.path.join(package, name) for name in SHAPING] + [
        os.path.join(here, name) for name in store_files
    ]


def _program() -> tuple[Any, ...]:
    """This program as far as the cache is concerned: its version, Python's, and when the code
    that reads, checks and packs a plan was last changed (``program_files``)."""
    global _PROGRAM
    if _PROGRAM is None:
        from .. import __version__

        stamps = []
        for path in program_files():
            try:
                stamps.append(os.stat(path).st_mtime_ns)
            except OSError:  # (a module left out of an installation: nothing to note)
                stamps.append(0)
        _PROGRAM = (FORMAT, __version__, sys.version_info[:2], tuple(stamps))
    return _PROGRAM


def recall(
    real: Path,
    raw: bytes,
    st: os.stat_result,
    whole: bool = False,
    goals: bool = False,
    report: bool = False,
    marks: list[Any] | None = None,
    lazy: bool = False,
) -> Plan | None:
    """The plan stored for these bytes of this file, or None (``marks``: see ``summed``). Its
    items come without their tables, each with its sketch (``model.Item``): a chunk of tables is unpickled the first
    time one of its items' ``data`` is asked for (``cache_stored.Chunk``). With ``whole`` (a command that
    reads every item's table: ``list``, ``log``, ``report``), every table is unpickled at once
    and no sketch is made (``_whole``); with ``report`` too, each long log cut to what the
    year-end report reads of it (``cache_chunks``). With ``goals`` (a status), the plan's parts and goals
    alone where that is all a status needs (``goal_figures.Goals``, a ``Plan`` of them; else
    the plan): a read,
    which stores nothing and is never the plan recalled last. With ``lazy`` (a change), each
    chunk of tables is read and checked only when it is loaded or stored again
    (``cache_stored.Unread``): one found damaged then has its tables from the text of ``raw``
    (``Stored.tables_from_text``), so a corrupt cache changes no answer."""
    entry = _entry(real)
    if entry is None:
        return None
    from ..collector import paused

    try:
        with paused():  # unpickling with the collector on took about 4x as long
            # (its stat first: an entry of another size or time is neither read nor summed)
            stated = (*_reader(real), st.st_size, st.st_mtime_ns)
            lazy = lazy and not whole and not goals
            opened = _read_chunks(entry, stated, goals=goals and not whole, lazy=lazy)
            if opened is None or opened[0] != (*stated, *summed(raw, marks=marks)):
                if not cache_later.waited_for(entry):
                    return None
                # (stored meanwhile by the process that was)
                opened = _read_chunks(entry, stated, goals=goals and not whole, lazy=lazy)
                if opened is None or opened[0] != (*stated, *summed(raw, marks=marks)):
                    return None
            key, counts, token, chunks, sums, digest = opened
            return _recalled(
                entry,
                counts,
                token,
                chunks,
                sums,
                whole,
                goals,
                report,
                digest=digest,
                read_from=(real, raw) if lazy else None,
            )
    except Exception:  # a cache entry that is not what we wrote: ignored
        return None


def _recalled(
    entry: Path,
    counts: list[int],
    token: bytes,
    chunks: list[Any],
    sums: list[int] | None = None,
    whole: bool = False,
    goals: bool = False,
    report: bool = False,
    digest: Any = None,
    read_from: tuple[Path, bytes] | None = None,
) -> Plan:
    """``recall`` of an entry read (``_read``), its key checked; raises on one not ours.
    ``sums``: each chunk's CRC-32, as checked (stored again with a chunk stored as it was).
    ``digest``: the ``goal_figures.Digest`` kept beside the entry, read with it for a status
    (``_read_chunks``), which then read no chunk but those of the plan's head and its parts'
    and goals' tables; False where it looked for one and found none that fits.
    ``read_from``: the plan file and its bytes, where chunks of tables were left unread
    (``Stored.tables_from_text``)."""
    global _RECALLED, _MARKS
    from _pickle import loads  # the C unpickler alone: the pickle module takes 1.5 ms to import

    meta, parents, indexes, extra, newest_at, newest_at_known, inverse = loads(chunks[0])
    k = len(counts)
    if whole:
        head = (meta, None, parents, indexes, extra, newest_at, newest_at_known)
        return _whole(head, inverse, chunks, k, report)
    sketched = chunks[1 : 1 + k]
    stored = Stored(entry, token, counts, inverse, sketched, chunks[1 + k :])
    stored.sums = sums if sums is not None and len(sums) == len(chunks) else None
    stored.read_from = read_from
    sources = list(chain.from_iterable(map(repeat, stored.loaders, counts)))
    packed = (meta, None, parents, indexes, extra, newest_at, newest_at_known)
    if digest:  # of what the status before kept of them: no task's sketch read
        from ..goal_figures import goals_of

        if len(parents) != len(inverse):  # (the chunks left unread are not to be read now)
            raise ValueError("a cache entry whose head does not match its chunks")
        made = goals_of(digest, packed, sources)
        stored.items = made.in_entry  # (what a chunk of their tables loads into)
        return made
    if goals:  # of what the status before kept of them, if one did: no task's sketch read
        from ..goal_figures import goals_of
        from .cache_goals import stored_goals

        # (unless ``_read_chunks`` looked for it: False)
        digest = stored_goals(entry, token, len(parents)) if digest is None else None
        if digest is not None:
            made = goals_of(digest, packed, sources)
            stored.items = made.in_entry  # (what a chunk of their tables loads into)
            return made
    sketches: list[Any] = []
    for chunk in sketched:
        sketches += loads(chunk)
    from ..model import Plan
    from ..sketches import marks_of

    if goals:
        from ..goal_figures import goals_digest
        from .cache_goals import store_goals

        marks = marks_of(sketches)
        if len(sources) == len(indexes) == len(sketches):
            digest = goals_digest(parents, sketches, inverse, counts, marks)
            if digest is not None:
                store_goals(entry, token, digest)  # (for the statuses to come)
                made = goals_of(digest, packed, sources)
                stored.items = made.in_entry
                return made

    # The items made in the entry's order of tables (``indexes`` is in that order),
    # linked in the tree's (``inverse``: where in the entry's order each item is).
    plan, stored.items, stored.tree = Plan.sketched(packed, sketches, sources, inverse)
    stored.parents = parents
    _RECALLED = (weakref.ref(plan), stored)
    # (worked out when first asked for: a change, which asks for none, is spared 5 M at 10,000)
    _MARKS = (weakref.ref(plan), marks, None) if goals else (weakref.ref(plan), None, sketches)
    return plan


# ``sketches.sketched_marks`` of the plan recalled last, worked out from its list of sketches as it
# was recalled (``marks_as_recalled``): the plan, the marks, else the list they are made of.
_MARKS: tuple[weakref.ref[Plan], Any, list[Any] | None] | None = None


def marks_as_recalled(plan: Plan) -> tuple[int, Any] | None:
    """``sketches.sketched_marks`` of ``plan`` as it was recalled from the cache (worked out from
    the list of its sketches as recalled, the first time: no walk of the tree); None when it is not the plan recalled
    last, or a table of it has been loaded since. For a read, which changes no item: a change
    to the tree made without loading a table would not be seen."""
    global _MARKS
    if _MARKS is None or _RECALLED is None or _MARKS[0]() is not plan:
        return None
    if _RECALLED[0]() is not plan or any(_RECALLED[1].loaded):
        return None
    ref, marks, sketches = _MARKS
    if marks is None and sketches is not None:
        from ..sketches import marks_of

        marks = marks_of(sketches)
        _MARKS = (ref, marks, None)
    return marks


def _whole(
    head: tuple[Any, ...], inverse: Sequence[int], chunks: list[Any], k: int, report: bool
) -> Plan:
    """The plan of an entry (``recall``) with every item's table, unpickled chunk after chunk
    (each chunk's bytes let go of once unpickled), its sketches left unread: as a plan was
    recalled before tables were loaded when first asked for. A read never stores the plan
    again, so nothing is kept of how it was stored (``_RECALLED``). ``report``: each long log
    cut to what the year-end report reads (``Plan.logs_cut``)."""
    from ..model import Plan

    unpickled = tables_for_report if report else tables_of
    tables: list[Any] = []
    chunks[: 1 + k] = []
    chunks.reverse()  # each chunk's bytes let go once loaded, in the entry's order
    while chunks:
        tables += unpickled(chunks.pop())
    packed = (head[0], tables, *head[2:])
    plan = Plan.unpacked_as(packed, inverse)
    plan.logs_cut = report
    return plan


def layout_of(plan: Plan) -> tuple[int, ...] | None:
    """``toml_blocks.layout_facts`` of the bytes (without a BOM) ``plan`` was recalled from, as
    kept beside its entry (``store_layout``), if it is the plan recalled last and they were
    kept; else None. A change finds the blocks it rewrites with them without searching the
    whole file (``patch_bytes.patch_changed_bytes``)."""
    if _RECALLED is None or _RECALLED[0]() is not plan:
        return None
    stored = _RECALLED[1]
    return stored_layout(stored.entry, stored.token)


def recalled_tree(plan: Plan) -> list[Any] | None:
    """The items of ``plan`` in tree order as they were recalled (a list of their own), if it
    is the plan recalled last (``_RECALLED``), else None: for a change, which takes them
    before it is made (``delta.Before``), without walking the tree again."""
    if _RECALLED is None or _RECALLED[0]() is not plan or _RECALLED[1].tree is None:
        return None
    return list(_RECALLED[1].tree)


def none_loaded(plan: Plan) -> bool:
    """Whether ``plan`` is the plan recalled last and no chunk of its tables has been loaded
    since: each of its items then still has its sketch (``delta.Before`` looks at none)."""
    return _RECALLED is not None and _RECALLED[0]() is plan and not any(_RECALLED[1].loaded)


def _read(
    entry: Path, stated: Any = None
) -> tuple[Any, list[int], bytes, list[bytes], list[int]] | None:
    """``_opened`` of the entry's file, each chunk read as bytes of its own: a chunk of tables
    once loaded needs its bytes no more (unless a change on the plan is to store it again),
    and the memory they took goes. ``stated``: the key's start as it must be, else None.
    Each chunk's CRC-32 is checked, and given back last (for a chunk stored again as it was)."""
    read = _read_chunks(entry, stated)
    if read is None:
        return None
    key, counts, token, chunks, sums, _ = read
    return None if sums is None else (key, counts, token, chunks, sums)


def _read_chunks(
    entry: Path, stated: Any = None, goals: bool = False, lazy: bool = False
) -> tuple[Any, list[int], bytes, list[Any], list[int] | None, Any] | None:
    """``_read``, the digest after the sums. With ``goals`` (a status), where the entry has its
    ``goal_figures.Digest`` beside it (``cache_goals``), only the chunks the status reads are
    read and checked, the plan's head and its parts' and goals' tables, each other chunk None
    (a status stores nothing, and loads no task's table: at 10,000 tasks, 1.3 MB of chunks
    neither read nor summed), and the digest given back last, None for the sums; False where
    it was looked for and there is none that fits (every chunk read), else None. With
    ``lazy`` (a change), the head and the sketches alone are read and checked, each chunk of
    tables an ``Unread`` that says where it is (read when loaded), with the sums as the
    header says them (each checked as its chunk is read)."""
    from _pickle import loads

    digest = None
    try:
        with opened_file(entry) as handle:
            size = os.fstat(handle.fileno()).st_size
            first = handle.read(HEAD_BYTES)
            try:
                key, counts, lengths, token, check = loads(first)  # the first pickle only
                head_end = len(first)  # (at most: the chunks start where the header ends)
            except Exception:  # (a header longer than that, or not one)
                # Read on only as far as the header goes, by the unpickler from the file: a
                # file of another kind (a sparse gigabyte of zeros) read whole took seconds
                # and twice its size in memory, to be refused at its first byte.
                if not first.startswith(_PICKLE_5):
                    return None
                from _pickle import Unpickler

                handle.seek(0)
                key, counts, lengths, token, check = Unpickler(handle).load()
                head_end = handle.tell()
            if stated is not None and key[: len(stated)] != stated:
                return None
            at = size - sum(lengths)
            if not 0 < at <= head_end:
                return None
            found = _goal_chunks(entry, token, counts, lengths) if goals else None
            if goals and found is None:
                digest = False  # (looked for: none, or none that fits the chunks)
            if found is not None:
                digest, wanted = found
                chunks = _chunks_read(handle, at, lengths, wanted)
            elif lazy and type(lengths) is list and type(counts) is list:
                # (each chunk within the file, as a read of them all finds: one read only
                # when loaded is asked for no more than the file holds, nor a length of 2**62)
                if not all(type(length) is int and length >= 0 for length in lengths):
                    return None
                k = len(counts)
                chunks = _chunks_read(handle, at, lengths, list(range(1 + k)))
                starts = list(accumulate(lengths, initial=at))
                for n in range(1 + k, len(lengths)):
                    chunks[n] = Unread(starts[n], lengths[n], check[n + 1])
            else:
                handle.seek(at)
                chunks = [handle.read(length) for length in lengths]
    except OSError:
        return None
    if len(chunks) != len(lengths) or len(chunks) != 1 + 2 * len(counts):
        return None
    if digest or lazy:
        read = [n for n, chunk in enumerate(chunks) if type(chunk) is bytes]
        if [len(chunks[n]) for n in read] != [lengths[n] for n in read]:
            return None
        sums = _checksum(counts, lengths, [chunks[n] for n in read])
        if sums != (check[0], *(check[n + 1] for n in read)):
            return None
        if lazy and not digest and len(check) == len(chunks) + 1:
            return key, counts, token, chunks, list(check[1:]), digest
        return key, counts, token, chunks, None, digest
    if list(map(len, chunks)) != lengths:
        return None
    sums = _checksum(counts, lengths, chunks)
    if sums != check:
        return None
    return key, counts, token, chunks, list(sums[1:]), digest


def _goal_chunks(
    entry: Path, token: bytes, counts: list[int], lengths: list[int]
) -> tuple[Any, list[int]] | None:
    """For a status: the ``goal_figures.Digest`` kept beside the entry of ``token``, and which
    of its chunks the status reads (the head, and the chunks of tables its parts and goals
    fill: they come first in the entry, in chunks of their own); None where there is no
    digest of it, or it does not fit the chunks (the status reads them all)."""
    from .cache_goals import stored_goals

    if type(counts) is not list or type(lengths) is not list:
        return None
    digest = stored_goals(entry, token, sum(counts))
    if digest is None:
        return None
    inner = len(digest[0])  # the parts and goals: the first items of the entry's order
    ends = list(accumulate(counts))
    if inner not in ends:
        return None
    k = len(counts)
    return digest, [0, *range(1 + k, 1 + k + ends.index(inner) + 1)]


def _chunks_read(handle: Any, at: int, lengths: list[int], wanted: list[int]) -> list[Any]:
    """The chunks numbered ``wanted`` (in order) of an entry whose chunks start at ``at``, as
    bytes, each other None."""
    chunks: list[Any] = [None] * len(lengths)
    starts = list(accumulate(lengths, initial=at))
    for n in wanted:
        handle.seek(starts[n])
        chunks[n] = handle.read(lengths[n])
    return chunks


# How an entry starts: its header is pickled with protocol 5 (``cache_files.stored_entry``).
_PICKLE_5 = b"\x80\x05"
# The plan recalled last, and where its tables are stored: a change made on it stores again only
# the chunks that hold a table it changed (a process changes one plan).
_RECALLED: tuple[weakref.ref[Plan], Stored] | None = None

# A chunk holds tables until it holds about this many tables and log entries.
CHUNK = 256


def remember(
    real: Path,
    raw: bytes,
    st: os.stat_result,
    plan: Plan,
    share: bool = True,
    items: list[Any] | None = None,
    as_recalled: bool = False,
    sums: tuple[int, int, int] | None = None,
    layout: tuple[int, ...] | None = None,
) -> Remembered | None:
    """Store ``plan`` for these bytes of this file (``sums``: as ``summed`` sums them, where
    the caller has them); any failure is ignored (the cache is only ever a shortcut).
    ``share``: make equal keys, short texts and dates one object first
    (``_sharing``); a plan loaded from the cache has them so already, and pickle keeps an
    object met twice once. ``items``: the plan's items in tree order, where the caller has
    them (a change: ``delta.Before.after``), else walked here; ``as_recalled``: they are the
    tree as it was recalled, each under the same parent (a change that moved nothing, made on
    the plan recalled last: ``Stored.same_tree`` need not compare them). Given back where
    every sketch was made here: what a status of its goals is made of (``fresh_goals``), with
    the entry and its token.
    ``layout``: ``toml_blocks.layout_facts`` of ``raw`` (without a BOM), kept beside the entry.

    The item tables are stored in chunks, each a pickle of its own with a pickle of its items'
    sketches (``sketches.Sketch``) beside it. A plan recalled from the cache and changed since (a
    change made on it) stores anew only the chunks holding a table that is not the one
    recalled: a change replaces a table it changes with the table as the file it wrote reads
    (``remembering.remember_written``) and edits none in place (``delta``), and the tables of the file
    it left alone are those of the entry it came from; a chunk none of whose tables was loaded
    is stored as it was, without being unpickled."""
    entry = _entry(real)
    if entry is None or plan.logs_cut:  # (a plan cut for a report is never stored)
        return None
    # The C pickler alone (as ``recall``): the pickle module takes a millisecond to import.
    from _pickle import PicklingError, dumps
    from array import array

    from ..collector import paused
    from ..sketches import sketch_of, sketches_of

    try:
        with paused():  # the shared copy is new objects and no garbage
            items = plan.item_list() if items is None else items
            stored = _stored_for(plan, len(items))
            if stored is not None:  # (each chunk read, and the text let go of, before a pickle)
                stored.read_all()
            parents: Sequence[int]
            inverse: Sequence[int]
            places_of: list[list[int]] = []  # (the two lists of places made, as int objects)
            if stored is not None and (as_recalled or stored.same_tree(items)):  # (some tables)
                parents, inverse, counts = stored.parents or [], stored.inverse, stored.counts
                ordered = stored.items or []
            else:
                # (items are keys by identity, as their ids were: no int made for each)
                n = len(items)
                places = dict(zip(items, range(n), strict=True))
                places[None] = -1  # (no item is None: a root's parent)
                # (the tree's lists of places as arrays of C ints: 4 bytes a place, not an
                # int object each, in the entry and in memory once recalled)
                places_of.append(list(map(places.__getitem__, map(_PARENT, items))))
                parents = array("i", places_of[-1])
                if stored is not None:
                    ordered, counts = stored.in_order(items), stored.counts
                    places = dict(zip(ordered, range(len(ordered)), strict=True))
                    places_of.append(list(map(places.__getitem__, items)))
                else:  # the parts and goals first, then the tasks, each in the tree's order
                    goal = list(map(truth, map(_CHILDREN, items)))
                    in_tree = [*compress(range(n), goal), *compress(range(n), map(not_, goal))]
                    ordered = list(map(items.__getitem__, in_tree))
                    goals = goal.count(True)
                    counts = _chunk_counts([item.data for item in ordered[:goals]])
                    counts += _chunk_counts([item.data for item in ordered[goals:]])
                    # (where each item is in that order: the inverse of ``in_tree``, sorted
                    # out at C speed instead of a second dict of every item)
                    places_of.append(sorted(range(n), key=in_tree.__getitem__))
                inverse = array("i", places_of[-1])
                del places
            indexes = list(map(_INDEX, ordered))
            sharing = _sharing() if share else None
            keys: dict[Any, Any] = {}
            sketch_chunks, table_chunks, made, at = [], [], [], 0  # (made: each sketch made)
            # The CRC-32 of each chunk stored as it was read (checked then), else None.
            known = stored.sums if stored is not None else None
            k = len(counts)
            sketch_sums: list[int | None] = []
            table_sums: list[int | None] = []
            for n, count in enumerate(counts):
                members = ordered[at : at + count]
                if stored is not None and stored.reused(n, members, at):
                    sketch_chunks.append(stored.sketch_chunks[n])
                    table_chunks.append(stored.table_bytes(n))  # (read now, if not yet)
                    sketch_sums.append(known[1 + n] if known is not None else None)
                    table_sums.append(known[1 + k + n] if known is not None else None)
                else:
                    sketch_sums.append(None)
                    table_sums.append(None)
                    tables = [member.data for member in members]
                    # (``members`` were all loaded just above: each has its table, no sketch)
                    kept = stored.kept_sketches(n, tables, at) if stored is not None else None
                    if sharing is not None:
                        tables = sharing.value(tables)
                    if kept is None:
                        sketches = sketches_of(tables, keys)
                    else:
                        sketches = [
                            sketch if sketch is not None else sketch_of(table, keys)
                            for table, sketch in zip(tables, kept, strict=True)
                        ]
                    sketch_chunks.append(dumps(sketches, 5))
                    made += sketches
                    table_chunks.append(chunk_of(tables))
                at += count
            meta, extra = plan.meta, plan.extra
            if sharing is not None:
                meta, extra = sharing.value(meta), sharing.value(extra)
            head = (meta, parents, indexes, extra, plan.newest_at, plan.newest_at_known, inverse)
            head_chunk = dumps(head, 5)
        del items  # (``stored`` is kept by ``_RECALLED``, if any)
        token, _ = stored_entry(
            entry,
            _key(real, raw, st, sums=sums),
            counts,
            head_chunk,
            sketch_chunks,
            table_chunks,
            [raw],
            [None, *sketch_sums, *table_sums],
            layout,
        )
    except (OSError, RecursionError, PicklingError):
        return None
    if stored is not None:
        return None
    # (given back with the lists of places it was made of: a status of the goals reads them as
    # ints, which the arrays would make anew, one each)
    given = (head[0], places_of[0], *head[2:6], places_of[1])
    return Remembered(given, made, ordered, counts, entry, token)


class Remembered:
    """What storing a plan read afresh made (``remember``): its head (with its lists of places
    as ints), every item's sketch and the items, in the entry's order, the chunks' counts, the
    entry and its token."""

    __slots__ = ("head", "sketches", "items", "counts", "entry", "token")

    def __init__(
        self,
        head: tuple[Any, ...],
        sketches: list[Any],
        items: list[Any],
        counts: list[int],
        entry: Path,
        token: bytes,
    ):
        self.head, self.sketches, self.items, self.counts = head, sketches, items, counts
        self.entry, self.token = entry, token


def looked_at(plan: Plan, items: list[Any]) -> Iterator[dict[str, Any]]:
    """The table of each of ``items`` (all the plan's, in the tree's order), as ``data`` gives
    it, without loading into its item one not loaded yet: its chunk is unpickled for the look
    and let go of after (a few at a time). For what looks at every table of a long plan and
    changes few (``undoing``): the tables of the few are loaded as usual (``data``), and no
    other is kept, nor copied by a change (``delta``). Of a plan that was not the one recalled
    last, or whose tree is not as it was recalled, ``data`` gives each."""
    stored = _stored_for(plan, len(items))
    if stored is None or not stored.same_tree(items):
        yield from map(_DATA, items)
        return
    yield from stored.looked_at(items)


_DATA = operator.attrgetter("data")


def let_go(plan: Plan) -> None:
    """A plan read and needed no more (a change reads the file again under the lock) let go
    of: each item's list of children emptied and, for the plan recalled last, what its tables
    are stored in unlinked from its items, so that nothing refers back to what refers to it and
    it all goes with the last reference to the plan. Without this it stayed, the collector
    frozen or off while a change is made (``collector``): at 100,000 tasks, some 60 MB beside
    the plan the change reads again. The plan is not to be used after."""
    global _RECALLED
    for item in plan.item_list():
        item.children.clear()
    if _RECALLED is not None and _RECALLED[0]() is plan:
        stored = _RECALLED[1]
        stored.items = stored.tree = None
        stored.loaders = []
        stored.read_from = stored.from_text = None
        _RECALLED = None


def stored_as(plan: Plan, stored: Stored) -> None:
    """``plan`` was made of the tables of a stale entry stored so (some replaced,
    ``cache_stale.Stale``): storing it stores anew only the chunks holding a table that is not
    one of them (see ``remember``)."""
    global _RECALLED
    _RECALLED = (weakref.ref(plan), stored)


def _stored_for(plan: Plan, count: int) -> Stored | None:
    """Where ``plan``'s tables are stored, if it was the plan recalled last and still has as
    many items (no item came or went: the chunks may still hold the same items)."""
    if _RECALLED is None or _RECALLED[0]() is not plan:
        return None
    stored = _RECALLED[1]
    return stored if len(stored.inverse) == count else None


def _chunk_counts(tables: list[Any]) -> list[int]:
    """How many tables each chunk holds: about CHUNK tables and log entries each."""
    if not any(map(operator.contains, tables, repeat("log"))):  # (each weighs 1: most plans)
        full, rest = divmod(len(tables), CHUNK)
        return [CHUNK] * full + [rest] * (rest > 0)
    counts, count, weight = [], 0, 0
    for table in tables:
        log = table.get("log")
        weight += 1 + (len(log) if type(log) is list else 0)
        count += 1
        if weight >= CHUNK:
            counts.append(count)
            count = weight = 0
    if count:
        counts.append(count)
    return counts


def _shared(value: Any) -> Any:
    """``value`` with equal keys, short texts and dates one object each (``sharing``)."""
    return _sharing().value(value)


def _sharing() -> Any:
    from ..sharing import Sharing

    return Sharing()
