"""Comments of the side a merge was not written on, put where they were typed: a comment line in
or right above an item's table in that side's text goes into the same item's table of the text
written, after the same field (above its header, where it was typed above it); a comment beside
a value, beside the same field's value (where that has none). Pure: no I/O.

The item is found by the id the merge gave it (``renamed``: a renumbered item's comment follows
it to its new id). A comment in a log entry's table or the header's is not placed (the caller
copies it at the end of the file; one under a log entry, parted by a blank line from the
next item's header, is the log entry's), nor one whose item is not in the text written. The text made reads as the same document as the one written, or none is made.
"""

from __future__ import annotations

from typing import Any

from ..toml_text import Statement, Table, Unreadable, newline_of, scan
from .renamed_text import ARCHIVED_PATH, ITEM_PATH

_ITEM_PATHS = (ITEM_PATH, ARCHIVED_PATH)


def place_comments(
    written: str,
    other: str,
    renamed: list[tuple[int, str, str]],
    wanted: list[str],
    read: Any,
) -> tuple[str, list[str]]:
    """``written`` with each comment of ``other`` in ``wanted`` (as ``store.comments`` says
    them) put in place, and those put; ``read`` reads a text as a document (to check that the
    comments changed nothing else). Where none can be put: ``written`` as it is, and none."""
    try:
        others, ours = scan(other), scan(written)
    except Unreadable:
        return written, []
    new_ids = {place: new for place, _, new in renamed}
    # Each item table of the text written, by (live or archived, id).
    targets: dict[tuple[tuple[str, ...], str], Table] = {}
    for table in ours:
        item_id = _id_of(written, table)
        if table.path in _ITEM_PATHS and item_id is not None:
            targets.setdefault((table.path, item_id), table)
    live = [t for t in others if t.path == ITEM_PATH]
    places = {id(t): n for n, t in enumerate(live + [t for t in others if t.path == ARCHIVED_PATH])}
    left = list(wanted)
    inserts: list[tuple[int, int, str]] = []  # (where, its order, the line)
    for order, (start, line) in enumerate(_comment_lines(other)):
        said = line.strip()
        if said not in left:
            continue
        found_in = _table_at(others, start)
        if found_in is not None and _under_the_table_before(other, found_in, start):
            # (typed under the table before: an item's goes in it, a log entry's is not placed)
            n = next(n for n, t in enumerate(others) if t is found_in)
            found_in = others[n - 1] if n > 0 else None
        if found_in is None or found_in.path not in _ITEM_PATHS or id(found_in) not in places:
            continue
        table = found_in
        if any(s.start <= start < s.end for s in table.statements):
            continue  # (a line of a multi-line string)
        item_id = new_ids.get(places[id(table)], _id_of(other, table))
        target = targets.get((table.path, item_id)) if item_id is not None else None
        if target is None or target.header is None or _holds(written, ours, target, said):
            continue  # (not there, or there already: typed in it on both sides)
        assert table.header is not None
        if start < table.header.start:
            where = target.header.start  # (typed above the header: above it)
        else:
            before = [s for s in table.statements if s.end <= start]
            key = before[-1].key if before else None
            found = next((s for s in target.statements if s.key == key), None)
            where = found.end if found is not None else target.header.end
        inserts.append((where, order, line))
        left.remove(said)
    newline = newline_of(written)
    pieces = [(where, order, line + newline) for where, order, line in inserts]
    # A comment beside a value goes beside the same field's value, where that has none.
    for n, table in enumerate(others):
        if table.path not in _ITEM_PATHS or id(table) not in places:
            continue
        item_id = new_ids.get(places[id(table)], _id_of(other, table))
        target = targets.get((table.path, item_id)) if item_id is not None else None
        if target is None:
            continue
        for statement in table.statements:
            beside = _beside(other, statement)
            if beside is None or beside not in left:
                continue
            found = next((s for s in target.statements if s.key == statement.key), None)
            if found is None or _beside(written, found) is not None:
                continue
            rest = written[found.value_end : found.end].rstrip("\r\n")
            if rest.strip():  # pragma: no cover - a statement's line ends after its value
                continue
            where = found.value_end + len(rest)
            pieces.append((where, len(inserts) + n, (" " if rest else "  ") + beside))
            inserts.append((where, 0, beside))
            left.remove(beside)
    if not pieces:
        return written, []
    out, at = [], 0
    for where, _, piece in sorted(pieces):
        out += [written[at:where], piece]
        at = where
    out.append(written[at:])
    text = "".join(out)
    from ..model import same_value

    try:
        if not same_value(read(text), read(written)):
            return written, []
    except Exception:  # noqa: BLE001 - (a text that does not read: not made)
        return written, []
    return text, [line.strip() for _, _, line in inserts]


def _beside(text: str, statement: Statement) -> str | None:
    """The comment after a statement's value on its last line, or None."""
    rest = text[statement.value_end : statement.end].rstrip("\r\n")
    at = rest.find("#")
    return rest[at:].rstrip() if at >= 0 else None


def _comment_lines(text: str) -> list[tuple[int, str]]:
    """Each line that is a comment alone (spaces before its #), where it starts, without its
    line end."""
    found = []
    at = 0
    for line in text.split("\n"):  # (not splitlines: a comment may hold U+2028)
        body = line.rstrip("\r")
        if body.lstrip(" \t").startswith("#"):
            found.append((at, body))
        at += len(line) + 1
    return found


def _table_at(tables: list[Table], position: int) -> Table | None:
    """The table a line at ``position`` belongs to: the one whose lead or body holds it."""
    for table in tables:
        if table.header is not None and table.lead <= position < max(table.end, table.header.end):
            return table
    return None


def _holds(text: str, tables: list[Table], table: Table, said: str) -> bool:
    """Whether ``table`` of ``text`` (one of ``tables``) has the comment ``said`` on a line of
    its own, above its header or in its body, up to the next table's lead."""
    n = next(n for n, t in enumerate(tables) if t is table)
    stop = tables[n + 1].lead if n + 1 < len(tables) else len(text)
    return any(line.strip() == said for line in text[table.lead : stop].split("\n"))


def _under_the_table_before(text: str, table: Table, start: int) -> bool:
    """Whether the comment line at ``start``, above ``table``'s header, is rather under the
    table before: a blank line parts it from the header, none from the line above it (a
    comment typed under a log entry, then a blank line, then the next item's table)."""
    if table.header is None or start >= table.header.start:
        return False
    below = text[start : table.header.start].replace("\r", "").split("\n")[1:-1]
    if not any(not line.strip() for line in below):
        return False  # (right above the header: its table's)
    if start == 0:
        return False
    above = text[: start - 1].replace("\r", "").rpartition("\n")[2]
    return bool(above.strip())


def _id_of(text: str, table: Table) -> str | None:
    """The id a table's ``id = "…"`` line says (a plain quoted id), or None."""
    try:
        statement = table.statement("id")
    except Unreadable:
        return None
    if statement is None:
        return None
    written = text[statement.value_start : statement.value_end]
    if len(written) >= 2 and written[0] == written[-1] and written[0] in "\"'":
        inner = written[1:-1]
        if "\\" not in inner:
            return inner
    return None
