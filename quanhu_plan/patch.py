"""A changed plan written as the smallest edit of its file's text. Pure: no I/O.

``patch(text, old, new)`` takes a plan file's text, the document it reads as (``old``) and the
document a change made of it (``new``), and edits only what differs: the lines of the fields a
change touched (in the quoting the file used, keeping a comment at the end of the line), new log
entries at the end of their item's block, a new item's block in its place in the tree, a moved
item's block (with the comment above it, and the blocks of the items under it) where its new
place is, a removed item's block out and its archive record at the end. Every other character stays: comments, blank lines, key order,
multi-line strings, the line endings. An item taken out into the ``[[removed]]`` archive keeps
its text there, so undoing the removal gives its lines back as they were written.

It returns None for a text laid out in ways it does not follow (keys before the first table, a
log written as an inline array, a sub-table a change would touch…); the caller then writes the
plan canonically. It never guesses: the blocks it wrote are listed in ``Edit.checks`` with the
table each must read as, for the store to check before the file is replaced.
"""

from __future__ import annotations

from operator import is_
from typing import Any

from .canonical import dumps, entries_text, key_text, literal
from .model import ITEM_FIELDS, LOG_FIELDS, PLAN_FIELDS, implied_parent, same_value
from .patch_values import inline_values, spelled_inline, spells, value_like
from .slotted import Plain
from .toml_text import (
    Layout,
    Located,
    Statement,
    Table,
    Unreadable,
    header_key_span,
    newline_of,
)

ARCHIVE = "removed"


class Edit(Plain):
    __slots__ = ("text", "checks", "pieces")

    def __init__(
        self,
        text: str,
        checks: list[tuple[str, dict[str, Any]]] | None = None,
        pieces: dict[int, list[tuple[str, dict[str, Any]]]] | None = None,
    ):
        self.text = text
        # (a block as written, the document it must read as on its own)
        self.checks = [] if checks is None else checks
        # For some checks (by their place in ``checks``), the same check in pieces that are
        # cheaper to read back: the block's own table as edited, and the log entries added to
        # it (each a text with the document it must read as). A block with a long log is not
        # read whole to check one field and one new entry; where a piece does not read as it
        # should, the whole block is read, for the message.
        self.pieces = {} if pieces is None else pieces


class _CannotPatch(Exception):
    pass


def patch(text: str, old: dict[str, Any], new: dict[str, Any]) -> Edit | None:
    """``new`` as an edit of ``text`` (which reads as ``old``), or None when it cannot be."""
    try:
        return _Patcher(text, old, new).run()
    except (_CannotPatch, Unreadable):
        return None


def patch_changed(
    text: str,
    counts: tuple[int, int],
    items: list[tuple[int, dict[str, Any], dict[str, Any]]],
    meta: tuple[dict[str, Any], dict[str, Any]] | None = None,
) -> Edit | None:
    """What ``patch`` makes of a change that only edited some tables in place (no item came,
    went or moved; the archive and the other top-level tables are as they were), worked out
    for those tables only: ``items`` are (the item's place among the [[item]] tables of the
    file, its table as read, as the change left it in canonical order), ``meta`` the [plan]
    table before and after when it changed, ``counts`` how many [[item]] and [[removed]]
    tables the file has. The text is the same as ``patch`` gives, and None where ``patch``
    gives None; the checks are the header's first, then the items' in the order given."""
    try:
        return _Patcher(text, {}, {}).run_changed(counts, items, meta)
    except (_CannotPatch, Unreadable):
        return None


def _changed_blocks(layout: Layout, counts: tuple[int, int]) -> tuple[list[int], int]:
    """The [[item]] blocks of a layout and its [plan] block, once it is checked to be laid out
    as ``patch_changed`` follows: ``counts`` [[item]] and [[removed]] tables, each written
    as [[...]], and one [plan]."""
    item_blocks, record_blocks, plan_blocks = layout.blocks_of(("item", ARCHIVE, "plan"))
    if len(item_blocks) != counts[0] or len(record_blocks) != counts[1]:
        raise _CannotPatch("the blocks do not match the document")
    if not layout.all_arrays(item_blocks + record_blocks):
        raise _CannotPatch("items or records not written as [[...]]")
    if len(plan_blocks) != 1:
        raise _CannotPatch("[plan] is not one table")
    return item_blocks, plan_blocks[0]


def _parent(table: dict[str, Any]) -> str:
    return str(table.get("parent", implied_parent(str(table.get("id", "")))))


class _Patcher:
    def __init__(
        self, text: str, old: dict[str, Any], new: dict[str, Any], newline: str | None = None
    ):
        self.text, self.old, self.new = text, old, new
        # The file's line end (``newline``: given for a text that is one block of the file).
        self.newline = newline_of(text) if newline is None else newline
        self.layout = Layout(text)
        self.checks: list[tuple[str, dict[str, Any]]] = []
        self.pieces: dict[int, list[tuple[str, dict[str, Any]]]] = {}
        # The last block edited in its own lines only: their text, its sub-tables' keys and the
        # text of the entries added to its log (see _edited).
        self._cut: tuple[str, set[str], str] | None = None

    # ------------------------------------------------------------ the whole

    def run(self) -> Edit:
        old, new, layout = self.old, self.new, self.layout
        if set(old) - {"plan", "item", ARCHIVE} != set(new) - {"plan", "item", ARCHIVE}:
            raise _CannotPatch("other top-level tables came or went")
        for key in set(old) - {"plan", "item", ARCHIVE}:
            if not same_value(old[key], new[key]):
                raise _CannotPatch(f"top-level {key} changed")
        old_items, new_items = old.get("item", []), new.get("item", [])
        old_records, new_records = old.get(ARCHIVE, []), new.get(ARCHIVE, [])
        if not all(isinstance(v, list) for v in (old_items, new_items, old_records, new_records)):
            raise _CannotPatch("items or the archive are not arrays of tables")
        roots = [layout.root(n) for n in range(len(layout))]
        item_blocks = [n for n, root in enumerate(roots) if root == "item"]
        record_blocks = [n for n, root in enumerate(roots) if root == ARCHIVE]
        plan_blocks = [n for n, root in enumerate(roots) if root == "plan"]
        if len(item_blocks) != len(old_items) or len(record_blocks) != len(old_records):
            raise _CannotPatch("the blocks do not match the document")
        if any(not layout.header(n).array for n in item_blocks + record_blocks):
            raise _CannotPatch("items or records not written as [[...]]")
        if len(plan_blocks) != ("plan" in old):
            raise _CannotPatch("[plan] is not one table")

        self.item_block = {str(t.get("id")): n for t, n in zip(old_items, item_blocks, strict=True)}
        self.old_items = {str(t.get("id")): t for t in old_items}
        if len(self.item_block) != len(old_items):
            raise _CannotPatch("an id twice")
        # Archived item tables by id, with where their text is (record block, table index).
        self.archived: dict[str, tuple[int, int, dict[str, Any]]] = {}
        for record, n in zip(old_records, record_blocks, strict=True):
            tables = record.get("item", []) if isinstance(record, dict) else []
            for k, table in enumerate(tables if isinstance(tables, list) else []):
                if isinstance(table, dict):
                    self.archived.setdefault(str(table.get("id")), (n, k, table))

        replace: dict[int, str] = {}  # block -> its new text ('' removes it)
        before: dict[int, list[str]] = {}  # block -> texts to put before it
        after: dict[int, list[str]] = {}
        if plan_blocks and not same_value(old["plan"], new["plan"]):
            n = plan_blocks[0]
            replace[n] = self._patched_block(n, "plan", old["plan"], new["plan"])
        self._items(new_items, item_blocks, replace, before, after)
        end_texts = self._records(old_records, new_records, record_blocks, replace)
        return Edit(self._assemble(replace, before, after, end_texts), self.checks)

    def run_changed(
        self,
        counts: tuple[int, int],
        items: list[tuple[int, dict[str, Any], dict[str, Any]]],
        meta: tuple[dict[str, Any], dict[str, Any]] | None,
    ) -> Edit:
        """``run`` for a change that edited some tables in place (see ``patch_changed``): the
        same checks of the layout, then only those blocks rewritten."""
        layout = self.layout
        item_blocks, plan_block = _changed_blocks(layout, counts)
        replace: dict[int, str] = {}
        if meta is not None and not same_value(*meta):
            n = plan_block
            replace[n] = self._patched_block(n, "plan", meta[0], meta[1])
        for index, old, new in items:
            if not same_value(old, new):
                n = item_blocks[index]
                replace[n] = self._patched_block(n, "item", old, new)
        if not len(layout):
            raise _CannotPatch("no tables")
        out, cursor = [], 0
        for n in sorted(replace):
            out += [self.text[cursor : layout.start(n)], replace[n]]
            cursor = layout.end(n)
        out.append(self.text[cursor:])
        return Edit("".join(out), self.checks, self.pieces)

    def _assemble(
        self,
        replace: dict[int, str],
        before: dict[int, list[str]],
        after: dict[int, list[str]],
        end_texts: list[str],
    ) -> str:
        layout, text = self.layout, self.text
        if not len(layout):
            raise _CannotPatch("no tables")
        out: list[str] = [text[: layout.start(0)]]
        kept: int | None = None  # where the blocks kept as they are since the last edit start
        for n in range(len(layout)):
            if n in replace or before.get(n) or after.get(n):
                if kept is not None:  # (one slice of the text for them: a long file's blocks)
                    out.append(text[kept : layout.end(n - 1)])
                    kept = None
                self._join(out, before.get(n, []))
                out.append(replace[n] if n in replace else text[layout.start(n) : layout.end(n)])
                self._join(out, after.get(n, []))
            elif kept is None or layout.start(n) != layout.end(n - 1):
                if kept is not None:
                    out.append(text[kept : layout.end(n - 1)])
                kept = layout.start(n)
        if kept is not None:
            out.append(text[kept : layout.end(len(layout) - 1)])
        self._join(out, end_texts)
        out.append(text[layout.content_end :])
        return "".join(out)

    def _join(self, out: list[str], texts: list[str]) -> None:
        """``texts`` (blocks, each starting at a line start) after ``out``: a line end first
        where ``out`` ends without one (the last line of a file without a final line end)."""
        for piece in texts:
            last = next((s for s in reversed(out) if s), "")
            if piece and last and not last.endswith("\n"):
                out.append(self.newline)
            out.append(piece)

    # ------------------------------------------------------------ items

    def _items(
        self,
        new_items: list[dict[str, Any]],
        item_blocks: list[int],
        replace: dict[int, str],
        before: dict[int, list[str]],
        after: dict[int, list[str]],
    ) -> None:
        old_items = self.old_items
        new_by_id = {str(t.get("id")): t for t in new_items}
        if len(new_by_id) != len(new_items):
            raise _CannotPatch("an id twice")
        children: dict[str, list[str]] = {}
        for table in new_items:
            children.setdefault(_parent(table), []).append(str(table.get("id")))
        # Items staying where they were: same parent, same order among the siblings that stay.
        stays = {
            item_id
            for item_id, table in old_items.items()
            if item_id in new_by_id and _parent(table) == _parent(new_by_id[item_id])
        }
        old_order = list(old_items)  # (in the file's order; a plan of no items yet has no "item")
        in_file: dict[str, list[str]] = {}
        for item_id in old_order:
            if item_id in stays:
                in_file.setdefault(_parent(new_by_id[item_id]), []).append(item_id)
        for parent, ids in children.items():
            kept = [i for i in ids if i in stays]
            if kept != in_file.get(parent, []):
                stays -= set(kept)  # siblings reordered (a hand edit): place them all anew
        stays -= _under_placed(stays, new_by_id)
        for item_id, n in self.item_block.items():
            wanted = new_by_id.get(item_id)
            if wanted is None or item_id not in stays:
                replace[n] = ""
            elif not same_value(old_items[item_id], wanted):
                replace[n] = self._patched_block(n, "item", old_items[item_id], wanted)

        # The final order of items in the file: those that stay keep theirs; each other item
        # goes right after its previous sibling's subtree (or right after its parent).
        order = [i for i in old_order if i in stays]
        position = {item_id: k for k, item_id in enumerate(order)}
        placed: list[str] = []
        for table in new_items:
            item_id = str(table.get("id"))
            if item_id in stays:
                continue
            at = self._place(item_id, _parent(table), children, order, position, stays)
            order.insert(at, item_id)
            position = {i: k for k, i in enumerate(order)}
            placed.append(item_id)
        for item_id in placed:
            text = self._item_text(item_id, new_by_id[item_id])
            k = position[item_id]
            anchor = next((order[j] for j in range(k - 1, -1, -1) if order[j] in stays), None)
            if anchor is not None:
                after.setdefault(self.item_block[anchor], []).append(text)
                continue
            following = next(
                (order[j] for j in range(k + 1, len(order)) if order[j] in stays), None
            )
            if following is not None:
                before.setdefault(self.item_block[following], []).append(text)
            elif item_blocks:
                before.setdefault(item_blocks[0], []).append(text)
            else:
                last = len(self.layout) - 1
                after.setdefault(last, []).append(text)

    def _place(
        self,
        item_id: str,
        parent: str,
        children: dict[str, list[str]],
        order: list[str],
        position: dict[str, int],
        stays: set[str],
    ) -> int:
        siblings = children.get(parent, [])
        k = siblings.index(item_id)
        if k > 0:
            return self._subtree_end(siblings[k - 1], children, position) + 1
        later = [position[s] for s in siblings[1:] if s in position]
        if parent and parent in position:
            after_parent = position[parent] + 1
            return after_parent if not later or after_parent <= min(later) else min(later)
        return min(later) if later else (0 if parent == "" and not order else len(order))

    def _subtree_end(
        self, item_id: str, children: dict[str, list[str]], position: dict[str, int]
    ) -> int:
        last = position.get(item_id, -1)
        stack = list(children.get(item_id, []))
        while stack:
            child = stack.pop()
            last = max(last, position.get(child, -1))
            stack += children.get(child, [])
        return last

    def _item_text(self, item_id: str, table: dict[str, Any]) -> str:
        """The block of an item that comes into the plan or changes place: its old text (live,
        or in the archive) edited, else the canonical block."""
        if item_id in self.item_block:
            n = self.item_block[item_id]
            old_table = self.old_items[item_id]
            text = (
                self._patched_block(n, "item", old_table, table)
                if not same_value(old_table, table)
                else self.text[self.layout.start(n) : self.layout.end(n)]
            )
            return text
        if item_id in self.archived:
            n, k, old_table = self.archived[item_id]
            return self._transplant(n, k, old_table, table, ("item",))
        return self._canonical({"item": [table]})

    # ------------------------------------------------------------ the archive

    def _records(
        self,
        old_records: list[Any],
        new_records: list[Any],
        record_blocks: list[int],
        replace: dict[int, str],
    ) -> list[str]:
        """Records that stay are kept; the others go; new ones are written after the last
        block. Returns the texts to add at the end."""
        j = 0
        for record, n in zip(old_records, record_blocks, strict=True):
            if j < len(new_records) and same_value(record, new_records[j]):
                j += 1
            else:
                replace[n] = ""
        return [self._record_text(record) for record in new_records[j:]]

    def _record_text(self, record: Any) -> str:
        """A new archive record: its own keys canonical, and each item table the text it had in
        the plan (an item just removed keeps its lines and comments), edited."""
        if not isinstance(record, dict) or not isinstance(record.get("item"), list):
            return self._canonical({ARCHIVE: [record]})
        own = {k: v for k, v in record.items() if k != "item"}
        pieces = [self._canonical({ARCHIVE: [own]}) if own else self._nl("\n[[removed]]\n")]
        for table in record["item"]:
            item_id = str(table.get("id")) if isinstance(table, dict) else ""
            if isinstance(table, dict) and item_id in self.item_block:
                n = self.item_block[item_id]
                pieces.append(self._transplant_live(n, self.old_items[item_id], table))
            elif isinstance(table, dict) and item_id in self.archived:
                # (archived before: a record a merge changed keeps its lines and comments)
                n, k, old_table = self.archived[item_id]
                path = ("removed", "item")
                pieces.append(self._transplant(n, k, old_table, table, path, check=False))
            else:
                pieces.append(self._canonical({ARCHIVE: [{"item": [table]}]}, skip_header=True))
        text = "".join(pieces)
        self.checks.append((text, {ARCHIVE: [record]}))
        return text

    def _transplant_live(self, n: int, old_table: dict[str, Any], table: dict[str, Any]) -> str:
        """An item's block moved into an archive record: headers renamed, edited to ``table``."""
        return self._edited(n, ("item",), ("removed", "item"), old_table, table, check=False)

    def _transplant(
        self,
        n: int,
        k: int,
        old_table: dict[str, Any],
        table: dict[str, Any],
        to: tuple[str, ...],
        check: bool = True,
    ) -> str:
        """The k-th item table of archive record block ``n`` brought back as an item (or, to
        ``("removed", "item")``, into a new record: checked with the record, ``check`` off)."""
        tables = self.layout.tables(n)
        heads = [t for t in tables if t.path == ("removed", "item")]
        if k >= len(heads):
            raise _CannotPatch("the archive's tables do not match")
        first = tables.index(heads[k])
        last = tables.index(heads[k + 1]) if k + 1 < len(heads) else len(tables)
        own = tables[first:last]
        if any(t.path[:2] != ("removed", "item") for t in own):
            raise _CannotPatch("a table inside an archived item")
        start, stop = own[0].lead, own[-1].end
        located = Located.of(own)
        text = self._edit_tables(located, start, stop, ("removed", "item"), to, old_table, table)
        if check:
            self.checks.append((text, {"item": [table]}))
        return text

    # ------------------------------------------------------------ editing one block

    def _patched_block(
        self, n: int, kind: str, old_table: dict[str, Any], table: dict[str, Any]
    ) -> str:
        path = (kind,)
        return self._edited(n, path, path, old_table, table, check=True)

    def _edited(
        self,
        n: int,
        path: tuple[str, ...],
        to: tuple[str, ...],
        old_table: dict[str, Any],
        table: dict[str, Any],
        *,
        check: bool,
    ) -> str:
        layout = self.layout
        located = layout.located(n)
        self._cut = None
        text = self._edit_tables(
            located, layout.start(n), layout.end(n), path, to, old_table, table
        )
        if check:
            array = layout.header(n).array
            self.checks.append((text, {to[0]: [table] if array else table}))
            if self._cut is not None:
                self.pieces[len(self.checks) - 1] = self._pieces(to[0], array, old_table, table)
        return text

    def _pieces(
        self, name: str, array: bool, old_table: dict[str, Any], table: dict[str, Any]
    ) -> list[tuple[str, dict[str, Any]]]:
        """The check of a block whose edits all fall in its own table's lines, but for entries
        added to its log, in two pieces: that table's text, and the entries (``Edit.pieces``)."""
        assert self._cut is not None
        own_text, sub_keys, added = self._cut

        def doc(value: dict[str, Any]) -> dict[str, Any]:
            return {name: [value] if array else value}

        own = {k: v for k, v in table.items() if k not in sub_keys and k != "log"}
        pieces = [(own_text, doc(own))]
        old_log, new_log = old_table.get("log", []), table.get("log", [])
        if len(new_log) > len(old_log):
            header = f"[[{name}]]" if array else f"[{name}]"
            pieces.append((header + self.newline + added, doc({"log": new_log[len(old_log) :]})))
        return pieces

    def _edit_tables(
        self,
        located: Located,
        start: int,
        stop: int,
        path: tuple[str, ...],
        to: tuple[str, ...],
        old_table: dict[str, Any],
        table: dict[str, Any],
    ) -> str:
        """The text of the ``located`` tables (one item or [plan], with its sub-tables) edited
        from ``old_table`` to ``table``, its headers renamed from ``path`` to ``to``. A log's
        sub-tables are made only for the entries that changed (an item's long log, one entry
        added: none)."""
        main, paths = located.main, located.paths
        if main.path != path:
            raise _CannotPatch("a block that is not the table it should be")
        log_path = (*path, "log")
        logs: list[int]
        if paths.count(log_path) == len(paths):  # (all log entries: an item's long log, in C)
            logs, others = list(range(len(paths))), []
        else:
            logs = [k for k, sub_path in enumerate(paths) if sub_path == log_path]
            # (a log entry's own sub-tables, [item.log.x] or [[item.log.x]], go with the entry)
            others = [located.sub(k) for k, p in enumerate(paths) if p[: len(log_path)] != log_path]
        sub_keys = {t.path[len(path)] for t in others if len(t.path) > len(path)}
        if "log" in old_table and not logs:
            raise _CannotPatch("a log not written as [[...log]] tables")
        old_log: list[Any] = old_table.get("log", [])
        new_log: list[Any] = table.get("log", [])
        if len(logs) != len(old_log) or len(new_log) < len(old_log):
            raise _CannotPatch("the log does not line up")
        for key in sub_keys:
            if not same_value(old_table.get(key), table.get(key)):
                raise _CannotPatch(f"a sub-table {key} changed")
        known = ITEM_FIELDS if path[-1] == "item" else PLAN_FIELDS
        skip = sub_keys | {"log"}
        edits: list[tuple[int, int, str]] = []
        # The entries that changed (an undo marks some undone: their ``before`` says how the
        # fields were written); those left alone are the very objects read, told apart in C.
        changed_at = (
            []
            if all(map(is_, old_log, new_log))
            else [
                j
                for j, (a, b) in enumerate(zip(old_log, new_log, strict=False))
                if not same_value(a, b)
            ]
        )
        spelled = self._spellings_before([located.sub(logs[j]) for j in changed_at])
        written: dict[str, str] = {}
        edits += self._table_edits(main, old_table, table, known, skip, spelled, written)
        for j in changed_at:
            old_entry, new_entry = old_log[j], new_log[j]
            new_entry = _ordered_entry(new_entry) if isinstance(new_entry, dict) else new_entry
            edits += self._table_edits(
                located.sub(logs[j]), old_entry, new_entry, LOG_FIELDS, set()
            )
        if path != to:
            edits += [self._rename(t, path, to) for t in located.tables()]
        appended = [self._log_text(entry, to, written) for entry in new_log[len(old_log) :]]
        end = located.end
        # The table's own lines end where its first sub-table's lines start.
        own_end = located.sub(0).lead if paths else stop
        if path == to and all(finish <= own_end for _, finish, _ in edits):
            self._cut = (self._spliced(start, own_end, edits), sub_keys, "".join(appended))
        if appended:
            edits.append((end, end, "".join(appended)))
        return self._spliced(start, stop, edits)

    def _spliced(self, start: int, stop: int, edits: list[tuple[int, int, str]]) -> str:
        """``text[start:stop]`` with the edits (begin, end, replacement) made."""
        source = self.text
        out, cursor = [], start
        for begin, finish, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
            if begin < cursor:
                raise _CannotPatch("edits overlap")
            out += [source[cursor:begin], replacement]
            cursor = finish
        out.append(source[cursor:stop])
        return "".join(out)

    def _rename(
        self, table: Table, path: tuple[str, ...], to: tuple[str, ...]
    ) -> tuple[int, int, str]:
        header = table.header
        assert header is not None
        new_path = ".".join((*to, *table.path[len(path) :]))
        # Only the key path is rewritten: the indent, the brackets and spaces inside them, a
        # comment after them and the line end stay as written (undoing a removal gives the
        # header's line back).
        start, end = header_key_span(self.text, header)
        return start, end, new_path

    def _spellings_before(self, entries: list[Table]) -> dict[str, list[str]]:
        """How the ``before`` of these log entries spells each field's value (a change writes
        it as the field's line had it: ``patch_values``), by field."""
        out: dict[str, list[str]] = {}
        for entry in entries:
            for statement in entry.statements:
                if statement.key == ("before",):
                    value = self.text[statement.value_start : statement.value_end]
                    for key, text in inline_values(value).items():
                        out.setdefault(key, []).append(text)
        return out

    def _table_edits(
        self,
        table: Table,
        old: dict[str, Any],
        new: dict[str, Any],
        known: tuple[str, ...],
        skip: set[str],
        spelled: dict[str, list[str]] | None = None,
        written_out: dict[str, str] | None = None,
    ) -> list[tuple[int, int, str]]:
        """Edits of one table's statements from ``old`` to ``new``: changed values replaced in
        place, gone keys' lines removed, new keys inserted where the canonical order puts them.
        A value written anew takes a spelling of it ``spelled`` holds (undo: the field's line
        as it was written); how each replaced or removed value was written goes into
        ``written_out`` (for its log entry's ``before``)."""
        statements = {s.key[0]: s for s in table.statements if len(s.key) == 1}
        dotted = {s.key[0] for s in table.statements if len(s.key) > 1}
        edits: list[tuple[int, int, str]] = []
        inserts: dict[int, list[str]] = {}
        for key in dict.fromkeys([*old, *new]):
            if key in skip:
                continue
            before, after = old.get(key), new.get(key)
            if key in old and key in new and same_value(before, after):
                continue  # its lines stay as written, dotted (contact.name = …) or not
            if key in dotted:
                raise _CannotPatch(f"a dotted key {key}")
            statement = statements.get(key)
            own = next(  # (a plain spelling says nothing: the line's own quoting decides)
                (
                    text
                    for text in (spelled or {}).get(key, ())
                    if spells(text, after) and text != literal(after)
                ),
                None,
            )
            if statement is not None:
                written = self.text[statement.value_start : statement.value_end]
                if written_out is not None:
                    written_out[key] = written
            if key in new and statement is not None:
                # A string over lines keeps its own line ends (a file may mix them).
                newline = newline_of(written) if "\n" in written else self.newline
                value = own if own is not None else value_like(after, written, newline)
                edits.append((statement.value_start, statement.value_end, value))
            elif key in new:
                at = _insertion_point(table, key, known)
                # The line end of the line above (a file may have CRLF in some lines only).
                newline = self._line_end_before(at)
                if own is not None and "\n" in own:  # (over lines: its own line ends kept)
                    line = f"{key_text(key)} = {own}{newline}"
                else:
                    line = (
                        f"{key_text(key)} = {own}\n"
                        if own is not None
                        else entries_text({key: after})
                    ).replace("\n", newline)
                if at > 0 and self.text[at - 1] != "\n":  # the last line, without its line end
                    line = newline + line.removesuffix(newline)
                inserts.setdefault(at, []).append(line)
            elif statement is not None:
                edits.append((statement.start, statement.end, ""))
            else:
                raise _CannotPatch(f"{key} is not a line of its table")
        edits += [(at, at, "".join(lines)) for at, lines in inserts.items()]
        return edits

    def _line_end_before(self, at: int) -> str:
        """The line end of the line that ends at ``at`` (the file's, where none does)."""
        if at > 0 and self.text[at - 1] == "\n":
            return "\r\n" if self.text[at - 2 : at] == "\r\n" else "\n"
        return self.newline

    def _log_text(
        self, entry: dict[str, Any], to: tuple[str, ...], written: dict[str, str] | None = None
    ) -> str:
        """A new log entry's block; its ``before`` spells each value as the field's line did
        (``written``), where that reads as the value."""
        name = ".".join((*to, "log"))
        entry = _ordered_entry(entry)
        before = entry.get("before")
        if not written or not isinstance(before, dict):
            return self._nl(f"\n[[{name}]]\n" + entries_text(entry))
        # (a string over lines in ``before`` keeps its own line ends, as its field's line did)
        lines = "".join(
            f"before = {spelled_inline(value, written)}{self.newline}"
            if key == "before"
            else self._nl(entries_text({key: value}))
            for key, value in entry.items()
        )
        return self._nl(f"\n[[{name}]]\n") + lines

    def _canonical(self, doc: dict[str, Any], skip_header: bool = False) -> str:
        text = "\n" + dumps(doc)
        if skip_header:  # the record's own [[removed]] line is written by the caller
            first = text.index("\n", 1)
            text = text[first:]
            text = "\n" + text.lstrip("\n")
        written = self._nl(text)
        if not skip_header:
            self.checks.append((written, doc))
        return written

    def _nl(self, text: str) -> str:
        return text.replace("\n", self.newline) if self.newline != "\n" else text


def _ordered_entry(entry: dict[str, Any]) -> dict[str, Any]:
    out = {key: entry[key] for key in LOG_FIELDS if key in entry}
    out.update((k, v) for k, v in entry.items() if k not in out)
    return out


def _insertion_point(table: Table, key: str, known: tuple[str, ...]) -> int:
    """Where a new key's line goes: after the last line of a key the canonical order puts
    before it, else right after the header."""
    rank = {name: n for n, name in enumerate(known)}
    mine = rank.get(key, len(known))
    best = None
    for statement in table.statements:
        theirs = rank.get(statement.key[0], len(known))
        if theirs <= mine:
            best = statement
    if best is not None:
        return best.end
    if table.header is None:
        raise _CannotPatch("no header to put a key under")
    return table.header.end


__all__ = ["Edit", "Statement", "patch", "value_like"]


def _under_placed(stays: set[str], new_by_id: dict[str, dict[str, Any]]) -> set[str]:
    """The items of ``stays`` under an item placed anew (moved, or brought back by undo): they
    go with it, each block after its parent's, instead of staying where the text had them
    (a part moved back by undo would land after its own tasks)."""
    going: dict[str, bool] = {}

    def goes(item_id: str) -> bool:
        if item_id not in going:
            going[item_id] = False  # a cycle (a broken file) goes nowhere
            parent = _parent(new_by_id[item_id]) if item_id in new_by_id else ""
            going[item_id] = item_id not in stays or (
                parent in new_by_id and parent != item_id and goes(parent)  # noqa: F821 (del below)
            )
        return going[item_id]

    placed = {item_id for item_id in stays if goes(item_id)}
    # ``goes`` refers to itself: let go of here, or it (and ``going``, ``stays`` and
    # ``new_by_id`` with it) would stay until the end, the collector off during a change.
    del goes
    return placed
