"""A plan in its file: read (from the parse cache when the file is as it was, else through
``plan_text``), and a change made under the lock, written back safely."""

from __future__ import annotations

import errno
import operator
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .. import collector
from ..errors import (
    ItemsWouldBeLost,
    PlanError,
    PlanFileError,
    PlanUnwritable,
)
from ..model import Plan, id_order
from . import cache
from .cache_later import after_change
from .cache_later import identity as _identity
from .decoding import decode
from .files import (
    INTERRUPTED,
    _current_bytes,
    _file_locked,
    _read_bytes,
    _read_file,
    _real,
    _remove_stale_temps,
    atomic_write,
    holds,
    locked,
)
from .locating import PlanSource, refuse_changes
from .lock_holder import tidy_after_crash

# (plan_text, building, spliced and toml_comments are imported where a plan is read from its
# text or written: a status from the parse cache needs none of them, 6 M instructions.)

if TYPE_CHECKING:
    from ..delta import Before
    from ..patch import Edit
    from ..patch_bytes import ByteEdit
    from .files import Waiting
    from .spliced import Spliced

T = TypeVar("T")


def load(
    source: PlanSource,
    whole: bool = False,
    goals: bool = False,
    report: bool = False,
    tidy: bool = True,
) -> Plan:
    """The plan in the file: from the parse cache when the file is as it was (``cache``), else
    read, checked and remembered there. ``whole``: the command reads every item's table (a
    plan from the cache comes with them all loaded, ``cache.recall``). ``goals``: a status,
    given the plan's parts and goals alone from the cache where that is all it needs
    (``goal_figures.Goals``, a ``Plan`` of them), else the plan. ``report``, with ``whole``:
    for the year-end report of the plan as it is now, a plan from the cache may come with each
    long log cut to the entries the report reads (``cache_chunks``; ``Plan.logs_cut``)."""
    before = _stat(source.path)
    raw = _read_bytes(source.path)
    if tidy:  # a killed change's lock and temp files: not for git status (county: a town's)
        tidy_after_crash(source.path)
    real, st = _real(source.path), _stat(source.path)
    if st is not None and (before is None or _identity(before) != _identity(st)):
        # Saved anew while it was read (an editor, ``git pull``): the stat is not of the bytes
        # read, and no entry is stored under it (nor read: a later command reads the file).
        st = None
    if st is not None:
        cached = cache.recall(real, raw, st, whole, goals, report)
        if isinstance(cached, Plan):
            return cached
    text = decode(source.path, raw)
    from .plan_text import plan_from_text

    if st is None:
        return plan_from_text(text, source.label)
    from ..trace import newest_at
    from .pieces import recall_edited, reread

    # One pause for the read, the check and the entry stored: the collector walks none of
    # their objects, which live on (in the program, frozen after: ``collector``), between.
    with collector.paused(freeze=collector.in_program()):
        edited = recall_edited(real, raw, st, whole, goals)  # items edited in place since
        if edited is not None:
            return edited
        plan = reread(real, raw)  # the unchanged items from the stale entry, if it can
        if plan is None:
            plan = plan_from_text(text, source.label, share=True)  # shared as it is checked
        # A status: its entry stored once it is drawn, where that can be (with no cache
        # folder, nothing to store: no process forked for it), the trace's newest ``at`` looked
        # up there too (a status draws none of it: ``remember_if_unchanged``).
        if goals and (entry := cache.entry_of(real)) is not None:
            from .cache_later import store_later
            from .remembering import remember_if_unchanged

            job = partial(remember_if_unchanged, real, raw, st, plan)
            if store_later(job, entry):
                return plan
        newest_at(plan)  # looked up once here, kept in the cache for the changes to come
        remembered = cache.remember(real, raw, st, plan, share=False)
        if goals and remembered is not None:  # a status: of its parts and goals, if it can
            from ..goal_figures import fresh_goals
            from .cache_goals import keep_remembered

            digest = keep_remembered(remembered)  # (for the statuses to come too)
            return plan if digest is None else fresh_goals(remembered, digest)
        return plan


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


# ---------------------------------------------------------------- writing


def dump(plan: Plan) -> str:
    from ..canonical import dumps  # imports tomli_w: only commands that write pay for it

    return dumps(plan.to_doc())


# ---------------------------------------------------------------- changing a plan


class _ChangedOnDisk(Exception):
    """The file no longer holds what the change was made on: a program that does not take
    the lock (an editor saving by hand) wrote it meanwhile."""


def item_ids(doc: dict[str, Any]) -> set[str]:
    """Every item id in a plan document: live items and those in the ``[[removed]]`` archive
    (an id that is not text is counted by its repr)."""
    from ..trace import ARCHIVE

    tables = _tables(doc.get("item"))
    archive = doc.get(ARCHIVE)
    if isinstance(archive, list):
        for record in archive:
            if isinstance(record, dict):
                tables += _tables(record.get("item"))
    ids = set()
    for table in tables:
        value = table.get("id")
        if value is not None:
            ids.add(value if isinstance(value, str) else repr(value))
    return ids


def _tables(value: Any) -> list[dict[str, Any]]:
    return [t for t in value if isinstance(t, dict)] if isinstance(value, list) else []


def _ids_on_disk(real: Path) -> set[str]:
    raw = _current_bytes(real)
    if raw is None:
        return set()
    try:
        from .plan_text import parse_toml

        return item_ids(parse_toml(decode(real, raw), str(real)))
    except PlanError:
        return set()


_BOM = b"\xef\xbb\xbf"


def save(
    path: Path,
    plan: Plan,
    base: bytes | None = None,
    ids_read: set[str] | None = None,
    read: tuple[str, dict[str, Any]] | None = None,
) -> bool:
    """Write the plan; the caller holds the lock (see ``update``). Returns whether the whole
    file was written canonically (hand-written comments and layout then are gone).

    With ``read`` (the text the plan was read from and the document it read as, kept apart from
    the plan the change made), only what changed is rewritten (``patch``): every other character
    of the file stays as it was; where that cannot be done, and without ``read``, the plan is
    written canonically. A file that started with a BOM keeps it, and one whose lines end in
    CRLF (saved by Notepad) keeps them.

    Every id in ``ids_read`` (by default the ids in the file now), live or archived, must be in
    what is written, live or archived; otherwise nothing is written and ItemsWouldBeLost is
    raised. With ``base``, the file must still hold exactly these bytes when the new text is
    ready to replace it; otherwise nothing is written and ``_ChangedOnDisk`` is raised.
    """
    doc = plan.to_doc(read_only=True)
    real = _real(path)
    if ids_read is None:
        ids_read = _ids_on_disk(real)
    lost = ids_read - item_ids(doc)
    if lost:
        raise ItemsWouldBeLost(str(path), sorted(lost, key=id_order))
    edit = None
    if read is not None:
        from ..patch import patch

        edit = patch(read[0], read[1], doc)
    if edit is not None:
        text = edit.text
    else:
        from ..canonical import dumps

        text = _line_ends_as_read(dumps(doc), read[0] if read is not None else base, real)
    checks = edit.checks if edit is not None else [(text, doc)]
    _write(path, real, text, base, checks)
    return edit is None


def line_by_line(plan: Plan, read: tuple[str, dict[str, Any]]) -> bool:
    """Whether ``save`` with ``read`` would rewrite only what changed, not the whole file."""
    from ..patch import patch

    return patch(read[0], read[1], plan.to_doc(read_only=True)) is not None


def _line_ends_as_read(text: str, read: str | bytes | None, real: Path) -> str:
    """A canonical ``text`` (``\\n`` line ends; a line end inside a value is written as the
    escape \\n) with CRLF line ends where the file's lines end so (a Notepad-saved plan): as
    the text or bytes ``read`` say, else the file now."""
    if isinstance(read, str):
        from ..toml_text import newline_of

        crlf = newline_of(read) == "\r\n"
    else:
        from ..toml_text import newline_of_bytes

        data = read if read is not None else _first_bytes(real, 64 * 1024)
        crlf = newline_of_bytes(data) == b"\r\n"
    return text.replace("\n", "\r\n") if crlf else text


def write_in_form(path: Path, text: str, read: str) -> None:
    """Write ``text`` (a whole TOML text, ``\\n`` line ends) over ``path`` all at once, in the
    form of the file there as ``save`` keeps it: its BOM, and CRLF line ends where ``read`` (the
    text read from it) has them (a Notepad-saved plan). For a text that is not a valid plan, which
    ``save`` does not write: ``plan merge`` leaves such a result for the user to correct."""
    real = _real(path)
    text = _line_ends_as_read(text, read, real)
    bom = "\ufeff" if _first_bytes(real, len(_BOM)).startswith(_BOM) else ""
    atomic_write(path, bom + text)


def _first_bytes(real: Path, count: int) -> bytes:
    """The first bytes of the file as it is now (none if it is not there)."""
    try:
        with open(real, "rb") as handle:
            return handle.read(count)
    except OSError:
        return b""


def _write(
    path: Path,
    real: Path,
    text: str | bytes | Spliced,
    base: bytes | None,
    checks: list[tuple[str, dict[str, Any]]],
    pieces: dict[int, list[tuple[str, dict[str, Any]]]] | None = None,
) -> tuple[bytes | Spliced, list[Any]]:
    """Check that each block (a whole text, or the blocks a patch wrote) reads as its table,
    then write the text (or its UTF-8 bytes, without a BOM; or the whole file's bytes with
    some runs replaced, ``Spliced``, written and read back in pieces), keeping a BOM ``base``,
    else the file, starts with; see ``save``. A
    block checked in ``pieces`` (``patch.Edit.pieces``) is read whole only where a piece reads
    otherwise. Bytes the file holds already (``base``, still there) are not written again:
    its time stays, and git does not see it touched.
    Returns the bytes written and what each block read as (for one checked in pieces, the
    list of what they read as)."""
    starts = base if base is not None else _first_bytes(real, len(_BOM))
    bom = _BOM if starts.startswith(_BOM) else b""
    # The blocks a patch writes must read as the tables they stand for (the rest of the file is
    # what was read); a canonical text must read as the whole plan. Checked before the disk is
    # touched, so that what does not read back is named (a value, a defect) and not blamed on
    # the disk, which then only has to give back the very bytes (atomic_write).
    from ..canonical import first_difference
    from .spliced import Spliced

    def parse_toml(block: str, label: str) -> dict[str, Any]:
        """The block as the TOML reader reads it: read by ``block_toml`` (a few lines in the
        store's layout), else by the TOML reader itself, which names what it refuses."""
        from .block_toml import loads

        read = loads(block)
        if read is None:
            from .plan_text import parse_toml

            read = parse_toml(block, label)
        return read

    read_back: list[Any] = []
    for number, (block, table) in enumerate(checks):
        parts = (pieces or {}).get(number)
        if parts is not None:
            read_parts = [parse_toml(part, str(path)) for part, _ in parts]
            if all(
                first_difference(want, got) is None
                for (_, want), got in zip(parts, read_parts, strict=True)
            ):
                read_back.append(read_parts)
                continue
        read = parse_toml(block, str(path))
        difference = first_difference(table, read)
        if difference is not None:
            raise PlanUnwritable(str(path), *difference)
        read_back.append(read)
    _remove_stale_temps(real)

    def expect() -> bool:
        if base is not None and not holds(real, base):
            raise _ChangedOnDisk()  # not an OSError: atomic_write removes its temp and lets go
        return True

    try:
        linked = os.stat(real).st_nlink > 1
    except OSError:
        linked = False
    if linked:  # (a hard-linked plan is rare: its module is loaded only for one)
        from .in_place import _write_in_place
    if isinstance(text, Spliced):  # the whole file's bytes, its BOM with them
        if text.data is base and text.unchanged() and expect():  # the very bytes there: kept
            return text, read_back
        if linked:
            _write_in_place(path, real, text.joined(), expect)
        else:
            atomic_write(path, text, expect=expect)
        return text, read_back
    data = bom + (text if isinstance(text, bytes) else text.encode("utf-8"))
    if data == base and expect():  # the very bytes there (plan fmt on a tidy file): kept
        return data, read_back
    if linked:
        _write_in_place(path, real, data, expect)
    else:
        atomic_write(path, data, expect=expect)
    return data, read_back


_LONG = 1 << 18  # (below, summing what is written is quicker than loading ``sums``)

# How many times a change is made again on fresh content when the file keeps changing under it.
UPDATE_ATTEMPTS = 5


def update(
    source: PlanSource,
    change: Callable[[Plan], T],
    *,
    notices: list[Any] | None = None,
    canonical: bool = False,
    later: list[Callable[[], None]] | None = None,
    waiting: Waiting | None = None,
) -> T:
    """Apply ``change`` to the plan as it is on disk now, under the lock, and write it back:
    only what changed (see ``save``), or, with ``canonical``, the whole file in the canonical
    layout (``plan fmt``).

    If ``change`` raises, nothing is written. A program that does not take the lock (an editor
    saving by hand) is caught too: when the file's bytes changed between the read and the
    rename, nothing is written and ``change`` is made again on the new content, so ``change``
    must only change the plan it is given. Only the instant between that last comparison and
    the rename is left unguarded. A plan this user may not write is refused first. What the
    user should know about a change that was made (comments dropped by a canonical rewrite) is
    appended to ``notices`` (each has ``message(lang)``).

    What was read is kept as shallow copies of its tables (``delta``), known to
    ``guard.checked`` for this plan: a change that only edited some tables in place is checked,
    patched and read back for those alone, and the plan as the bytes it wrote read goes to the
    parse cache, so that the next command finds it there (see ``_save_change``); with
    ``later``, that is left for after the answer (``cache_later.after_change``: in the program,
    to the process forked as it leaves; else to the caller, appended to ``later``), so that
    what the change did is said first: the plan is written, and the cache is only a shortcut
    for the next command.

    ``waiting`` is told once when another program has held the lock for a while (``locked``).
    """
    refuse_changes(source)
    from ..delta import taking  # loaded by the commands that change a plan
    from .writable import writable

    real = _real(source.path)
    like = writable(source, real)
    with (
        locked(real, like=like, waiting=waiting),
        _file_locked(real, waiting=waiting) if like.st_nlink > 1 else _nothing(),
        collector.paused(),  # a change of a big plan
    ):
        for _ in range(UPDATE_ATTEMPTS):
            raw = _read_file(source.path, shared_lock=False)
            if raw.startswith(INTERRUPTED):
                from .in_place import _finish_interrupted

                _finish_interrupted(source.path, real)
                raw = _read_file(source.path, shared_lock=False)
            st = _stat(source.path)
            # The sums along a long ``raw`` (``sums``): for the key of the bytes written.
            marks: list[Any] | None = [] if len(raw) >= _LONG else None
            # (each chunk of tables read when the change loads it: ``cache_stored.Unread``)
            cached = cache.recall(real, raw, st, marks=marks, lazy=True) if st is not None else None
            # A plan from the cache was read from these very bytes (UTF-8 that reads as it): the
            # text is decoded only where a change needs it (``_save_change``).
            text: str | None = None
            if isinstance(cached, Plan):
                plan = cached
            else:
                from .plan_text import parse_plan

                text = decode(source.path, raw)
                plan = _valid_plan(parse_plan(text, source.label), text, source.label)
            # Shallow copies of what was read (see ``delta``): the change edits the plan's
            # tables in place, and the write rewrites only the tables it touched.
            # The items of a plan from the cache as recalled: its tree is not walked again.
            tree = cache.recalled_tree(plan) if text is None else None
            unloaded = tree is not None and cache.none_loaded(plan)
            with taking(plan, tree, unloaded) as before:
                result = change(plan)
            try:
                rewritten, remember = _save_change(
                    source.path, real, plan, before, raw, text, canonical, marks
                )
            except _ChangedOnDisk:
                continue
            if rewritten and notices is not None:
                from .toml_comments import comment_notice

                read_text = text if text is not None else decode(source.path, raw)
                notices += comment_notice(read_text, source.label)
            if remember is not None:
                from .remembering import remember_added, remember_written
            if isinstance(remember, _Added):
                store = partial(
                    remember_added, source.path, real, plan, remember, before.after or []
                )
                after_change(store, real, later)
            elif remember is not None:
                # The items after the change as the delta found them: a change written this way
                # moved none, so on a plan from the cache they are the tree as recalled.
                items, as_recalled = before.after, tree is not None
                del before, raw, text, tree  # let go of them before the plan is pickled: memory
                # A plan from the cache shares its keys and texts already: pickled as it is.
                store = partial(
                    remember_written,
                    source.path,
                    real,
                    plan,
                    *remember,
                    share=cached is None,
                    items=items,
                    as_recalled=as_recalled,
                )
                after_change(store, real, later)
            return result
    raise PlanFileError(
        source.label,
        "write",
        f"it changed on disk {UPDATE_ATTEMPTS} times while the change was being made "
        "(another program keeps writing it)",
        errno.EAGAIN,
        f"修改过程中它在磁盘上被改动了 {UPDATE_ATTEMPTS} 次（另有程序在不断写入它）",
    )


def copy_tables(value: Any) -> Any:
    """A copy of a document's tables and arrays (their values shared): what was read, kept
    apart from the plan a change works on, which edits its tables in place."""
    if type(value) is dict:
        return {key: copy_tables(item) for key, item in value.items()}
    if type(value) is list:
        return [copy_tables(item) for item in value]
    return value


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _stated_lang(doc: dict[str, Any]) -> Any:
    meta = doc.get("plan")
    return meta.get("lang") if isinstance(meta, dict) else None


def _valid_plan(doc: dict[str, Any], text: str, label: str) -> Plan:
    from ..building import build_plan
    from .plan_text import _with_lines, invalid

    plan, problems = build_plan(doc)
    if problems:
        placed = _with_lines(problems, text, doc.get("plan"))
        raise invalid(label, placed, _stated_lang(doc), text)
    assert plan is not None
    return plan


def _save_change(
    path: Path,
    real: Path,
    plan: Plan,
    before: Before,
    raw: bytes,
    text: str | None,
    canonical: bool,
    marks: list[Any] | None = None,
) -> tuple[
    bool, tuple[bytes | Spliced, list[tuple[Any, dict[str, Any]]], Any, Any] | _Added | None
]:
    """Write what a change made of the plan read from ``raw`` (see ``update``); returns whether
    the whole file was written canonically, and what ``remembering.remember_written``
    (``remember_added``, for an item added: ``_Added``) needs to put the plan as the new bytes read in the parse cache
    (None: not known without reading them).

    A change that only edited tables in place (``delta``) has just those tables' blocks
    rewritten, worked out and checked for them alone (``patch.patch_changed``). Any other
    change, or one ``patch_changed`` cannot follow, is written by ``save`` from the document as
    read (rebuilt from the copies). ``text``: the text ``raw`` reads as, None when it was not
    decoded (the plan came from the parse cache); ``marks``: ``sums.along`` of ``raw``. The key
    of the bytes written worked out from them (``sums.after_edit``) is a ``remembering.Later``:
    the entry's alone, worked out as it is stored, after the answer."""
    found = before.delta()
    if not canonical and found.added is not None:
        added = _save_added(path, real, plan, before, raw, found.added)
        if added is not None:
            return False, added  # (stored in the parse cache by ``remember_added``)
    if not canonical and not found.structural:
        written = _save_changed(path, real, plan, before, raw, text)
        if written is None and text is None:  # not patched as bytes (multi-line strings…)
            text = decode(path, raw)
            written = _save_changed(path, real, plan, before, raw, text)
        if written is not None:
            data, tables, replaced, layout = written
            if marks and replaced is not None:  # the key of the bytes written, not summed whole
                from . import sums
                from .remembering import Later

                key = Later(sums.after_edit, raw, marks, replaced)
                return False, (data, tables, key, layout)
            return False, (data, tables, None, layout)
    if text is None:
        text = decode(path, raw)
    doc = before.read_doc()
    read = None if canonical else (text, doc)
    return save(path, plan, base=raw, ids_read=item_ids(doc), read=read), None


class _Added:
    """What ``_save_added`` wrote: the file's bytes (``Spliced``), the new item, its table as
    its block reads back and its place among the file's item tables."""

    __slots__ = ("written", "item", "table", "index")

    def __init__(self, written: Spliced, item: Any, table: dict[str, Any], index: int):
        self.written, self.item, self.table, self.index = written, item, table, index


def _save_added(
    path: Path, real: Path, plan: Plan, before: Before, raw: bytes, item: Any
) -> _Added | None:
    """Write a change that only added ``item`` (``delta.Delta.added``) as ``save`` writes it:
    the new item's canonical block put in after the block ``patch`` puts it after (the last
    block of the subtree of the sibling before it, else its parent's), every other byte as it
    was, without reading the other tables or decoding the file; its block is checked to read
    as its table, and the file is written and read back in pieces (``Spliced``). None, with
    nothing written, where that is not what ``save`` would write: ``save`` writes it then.

    ``patch`` keeps every other item where it is when each item's children are in the file's
    order (as a plan read from a file has them), and puts a new last child right after the
    block of the item before it in the file's order of the tree: the last of its previous
    sibling's subtree, or its parent. The spans of the blocks are those ``patch_changed_bytes``
    finds (``_changed_spans``)."""
    from ..canonical import dumps
    from ..model import _item_table_read
    from ..patch import _CannotPatch
    from ..patch_bytes import _changed_spans
    from ..toml_text import Unreadable, newline_of_bytes
    from .spliced import Spliced

    parent = item.parent
    siblings = parent.children if parent is not None else plan.roots
    if siblings[-1] is not item or (parent is None and len(siblings) < 2):
        return None
    items = before.items
    indexes: list[Any] = [other.index for other in items]
    if None in indexes:
        return None
    indexes.sort()  # (each item's place in the file, once: no list of the places to compare)
    if len(indexes) != len(items) or not all(map(operator.eq, indexes, range(len(items)))):
        return None
    del indexes
    for group in (plan.roots, *(other.children for other in items if other.children)):
        places: list[Any] = [other.index for other in group if other is not item]
        if any(a > b for a, b in zip(places, places[1:], strict=False)):
            return None  # siblings out of the file's order: ``patch`` places them anew
    anchor: Any
    if len(siblings) > 1:
        anchor = max(siblings[-2].walk(), key=_INDEX)
    else:
        anchor = parent
    records = before.records
    counts = (len(items), len(records) if records is not None else 0)
    bom = len(_BOM) if raw.startswith(_BOM) else 0
    body = raw[bom:]
    try:
        (span,), _ = _changed_spans(body, counts, [(anchor.index, anchor.id)], None)
    except (_CannotPatch, Unreadable):
        return None
    newline = newline_of_bytes(body).decode("ascii")
    table = _item_table_read(item)
    doc = {"item": [table]}
    text = "\n" + dumps(doc)
    block = text.replace("\n", newline) if newline != "\n" else text
    end = span[1]
    lead = "" if body[end - 1 : end] == b"\n" else newline  # the last line, without its end
    del body
    content = Spliced(raw, bom + end, (lead + block).encode("utf-8"))
    _, (read,) = _write(path, real, content, raw, [(block, doc)])
    return _Added(content, item, read["item"][0], anchor.index + 1)


_INDEX = operator.attrgetter("index")


def _save_changed(
    path: Path, real: Path, plan: Plan, before: Before, raw: bytes, text: str | None
) -> tuple[bytes | Spliced, list[tuple[Any, dict[str, Any]]], Any, Any] | None:
    """Write a change that edited some tables in place (see ``_save_change``); None when the
    patch cannot follow the file's layout. Returns the bytes written, each rewritten table's
    owner (an Item, or the plan for its header) with the table as it reads back, and the
    runs of ``raw`` replaced, where it was patched as bytes (start, end, the new bytes), else
    None, and the ``toml_layout.layout_facts`` of the bytes written, where known (from those
    kept beside the cache entry of ``raw``: ``cache.layout_of``), else None: as a
    ``remembering.Later``, worked out as the entry is stored, after the answer.

    Bytes that were not decoded (``text`` None: the plan came from the parse cache, so they are
    UTF-8 and read as the plan) are patched as bytes (``patch_bytes.patch_changed_bytes``): the same
    bytes written as the text's patch gives, without decoding a long file and encoding it
    again; None where that cannot be done."""
    from ..model import ITEM_FIELDS, PLAN_FIELDS
    from ..patch import patch_changed
    from ..patch_bytes import ByteEdit, patch_changed_bytes

    found = before.delta()
    items = [(item, old, _in_order(item.data, ITEM_FIELDS)) for item, old in found.changed]
    changes = [(item.index, old, new) for item, old, new in items if item.index is not None]
    if len(changes) != len(items):
        return None
    meta = (
        (before.meta_copy, _in_order(plan.meta, PLAN_FIELDS, log_last=False))
        if found.meta
        else None
    )
    records = before.records
    counts = (len(before.items), len(records) if records is not None else 0)
    edit: Edit | ByteEdit | None
    kept = None
    if text is None:
        body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw
        kept = cache.layout_of(plan)
        edit = patch_changed_bytes(body, counts, changes, meta, kept)
    else:
        edit = patch_changed(text, counts, changes, meta)
    if edit is None:
        return None
    bom = len(_BOM) if raw.startswith(_BOM) else 0
    content = _content(edit, raw, bom)
    try:
        written, read_back = _write(path, real, content, raw, edit.checks, edit.pieces)
    except PlanUnwritable:
        if kept is None:
            raise
        # The blocks found with the layout kept beside the cache entry did not read back as
        # their tables (checked before the disk is touched): kept wrong (a hand, a bug), it is
        # only a shortcut, and the change is patched again with the layout searched for.
        edit = patch_changed_bytes(body, counts, changes, meta)
        if edit is None:
            return None
        content = _content(edit, raw, bom)
        written, read_back = _write(path, real, content, raw, edit.checks, edit.pieces)
    owners: dict[int, tuple[Any, dict[str, Any]]] = {
        id(new): (item, old) for item, old, new in items
    }
    if meta is not None:
        owners[id(meta[1])] = (plan, meta[0])
    tables: list[tuple[Any, dict[str, Any]]] = []
    for (_, expected), read in zip(edit.checks, read_back, strict=True):
        key = "plan" if "plan" in expected else "item"
        wanted = expected[key][0] if key == "item" else expected[key]
        owner, old = owners.get(id(wanted), (None, {}))
        if isinstance(read, list):  # read in pieces: its own table, then entries added to its log
            tables.append((owner, _joined([_only(r, key) for r in read], old, wanted)))
        else:
            tables.append((owner, _only(read, key)))
    if not isinstance(edit, ByteEdit) or isinstance(content, str):
        return written, tables, None, None
    from .remembering import Later

    return written, tables, content.replaced, Later(edit.facts_written)


def _content(edit: Edit | ByteEdit, raw: bytes, bom: int) -> str | Spliced:
    """What ``_write`` writes of an edit (``_save_changed``): a text's patch as its text; one
    patched as bytes as the bytes read (``raw``, its BOM with them) with the runs it replaced,
    written and read back in pieces, never joined (``Spliced``)."""
    from ..patch_bytes import ByteEdit
    from .spliced import Spliced

    if not isinstance(edit, ByteEdit):
        return edit.text
    replaced = [(bom + start, bom + end, new) for start, end, new in edit.replaced]
    return Spliced.replacing(raw, replaced)


def _only(doc: dict[str, Any], key: str) -> dict[str, Any]:
    """The one table of a block as read: [plan], or the one [[item]]."""
    return doc[key][0] if key == "item" else doc[key]


def _joined(
    parts: list[dict[str, Any]], old: dict[str, Any], new: dict[str, Any]
) -> dict[str, Any]:
    """A table checked in pieces as the whole block reads: its own keys as read, then the keys
    of its sub-tables in the order they were read (unchanged: ``patch`` changes none), the log
    with the entries added as read (last, when it is new: they were written at the end)."""
    table = dict(parts[0])
    for key in old:
        if key not in table and key in new:
            table[key] = old[key]
    if len(parts) > 1:
        table["log"] = [*old.get("log", []), *parts[1]["log"]]
    return table


def _in_order(
    table: dict[str, Any], known: tuple[str, ...], *, log_last: bool = True
) -> dict[str, Any]:
    """A table as ``Plan.to_doc`` writes it: known fields in order, then the others, an item's
    log last (its entries as they are: ``patch`` puts an entry it writes in order itself)."""
    last = ("log",) if log_last else ()
    out = {key: table[key] for key in known if key in table and key not in last}
    out.update((key, value) for key, value in table.items() if key not in out and key not in last)
    if log_last and "log" in table:
        out["log"] = table["log"]
    return out
