"""A change patched into the bytes of a plan file known to read as the plan (``patch_changed``
worked out on bytes): the blocks a change rewrites found without decoding the whole file, each
decoded and edited alone, the other bytes joined unchanged. Pure: no I/O."""

from __future__ import annotations

from typing import Any

from .model import same_value
from .patch import _CannotPatch, _changed_blocks, _Patcher
from .slotted import Plain
from .toml_blocks import _UNKNOWN, simple_blocks
from .toml_layout import layout_facts
from .toml_text import Layout, Unreadable, newline_of_bytes


def patch_changed_bytes(
    data: bytes,
    counts: tuple[int, int],
    items: list[tuple[int, dict[str, Any], dict[str, Any]]],
    meta: tuple[dict[str, Any], dict[str, Any]] | None = None,
    facts: tuple[int, ...] | None = None,
) -> ByteEdit | None:
    """``patch_changed`` of a file given as its bytes (UTF-8 without the BOM) that are known to
    read as a plan (those a plan in the parse cache was read from): the same edit, worked out
    without decoding the whole file or encoding it again. The blocks are found in the bytes
    taken one character a byte (latin-1): the bytes of a character beyond ASCII are none of the
    ASCII characters a layout is made of, so every header, line and block falls where it falls
    in the text, at the offset of its bytes. Each block a change rewrites is decoded alone and
    edited as ``patch_changed`` edits it. None where ``patch_changed`` gives None, and for a
    text with multi-line strings (read character by character: left to ``patch_changed``).
    ``facts``: ``toml_blocks.layout_facts(data)`` where known (kept by the parse cache), else
    None; those of the bytes written are worked out from them, for the parse cache's entry
    alone, once the user is told (``ByteEdit.facts_written``)."""
    edit = _patched_bytes(data, counts, items, meta, facts)
    if edit is _NOT_ONE_BLOCK and facts is not None:
        # The facts kept beside the cache entry left out a header (a hand, a bug): the blocks
        # found with them ran over another table, which their patch would have dropped. The
        # cache is only a shortcut: the facts are searched for afresh.
        edit = _patched_bytes(data, counts, items, meta, None)
    return edit if isinstance(edit, ByteEdit) else None


# A block found directly that held more than its own table (``_patched_bytes``).
_NOT_ONE_BLOCK: Any = object()


def _patched_bytes(
    data: bytes,
    counts: tuple[int, int],
    items: list[tuple[int, dict[str, Any], dict[str, Any]]],
    meta: tuple[dict[str, Any], dict[str, Any]] | None,
    facts: tuple[int, ...] | None,
) -> Any:
    """``patch_changed_bytes`` with these ``facts`` (None: searched for); ``_NOT_ONE_BLOCK``
    where a block found directly holds another block beside its own."""
    try:
        wanted = [(i, old, new) for i, old, new in items if not same_value(old, new)]
        meta = meta if meta is not None and not same_value(*meta) else None
        if facts is None:  # (not known: a multi-line string may start where they are None)
            facts = layout_facts(data)
        simple = simple_blocks(data, counts, facts)
        item_spans, plan_span = _changed_spans(
            data, counts, [(i, old.get("id")) for i, old, _ in wanted], meta, simple=simple
        )
        newline = newline_of_bytes(data).decode("ascii")
        edits: list[tuple[tuple[int, int], str, dict[str, Any], dict[str, Any]]] = []
        if meta is not None:
            edits.append((plan_span, "plan", *meta))
        edits += [
            (span, "item", old, new) for span, (_, old, new) in zip(item_spans, wanted, strict=True)
        ]
        replace: dict[int, tuple[int, bytes]] = {}
        checks: list[tuple[str, dict[str, Any]]] = []
        pieces: dict[int, list[tuple[str, dict[str, Any]]]] = {}
        for (start, end), kind, old, new in edits:
            block = _Patcher(data[start:end].decode("utf-8"), {}, {}, newline=newline)
            if simple is not None and len(block.layout) != 1:
                return _NOT_ONE_BLOCK  # (only its first block would be written back)
            replace[start] = (end, block._patched_block(0, kind, old, new).encode("utf-8"))
            checks += block.checks
            if 0 in block.pieces:
                pieces[len(checks) - 1] = block.pieces[0]
        replaced = [(start, *replace[start]) for start in sorted(replace)]
        # (the blocks found directly run from a line start to one, or to the end)
        read = facts if simple is not None else None
        return ByteEdit(data, checks, pieces, replaced, read)
    except (_CannotPatch, Unreadable):
        return None


def _changed_spans(
    data: bytes,
    counts: tuple[int, int],
    indexes: list[tuple[int, Any]],
    meta: tuple[dict[str, Any], dict[str, Any]] | None,
    simple: Any = _UNKNOWN,
) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """Where the blocks of these [[item]] tables (by their place in the file, with their ids)
    and of [plan] (worked out with ``meta`` only) start and end, once the text is checked to be
    laid out as ``patch_changed`` follows (``_changed_blocks``): found directly in a text laid
    out simply (``toml_blocks.simple_blocks``), else by cutting it all into blocks
    (``Layout``)."""
    if simple is _UNKNOWN:  # (``simple_blocks`` of ``data``, where the caller has it)
        simple = simple_blocks(data, counts)
    if simple is not None:
        plan_span = simple.span(simple.plan) if meta is not None else (0, 0)
        return [simple.item(i, item_id) for i, item_id in indexes], plan_span
    layout = Layout(data.decode("latin-1"), flat_only=True)
    item_blocks, plan_block = _changed_blocks(layout, counts)
    spans = [(layout.start(n), layout.end(n)) for n in (item_blocks[i] for i, _ in indexes)]
    return spans, (layout.start(plan_block), layout.end(plan_block))


class ByteEdit(Plain):
    """An ``Edit`` as bytes (``patch_changed_bytes``): the old bytes (``base``), the checks, and
    which runs of them were replaced by what (start, end, the new bytes; in order), of which the
    new file is written and read back in pieces (``store.spliced``: never joined) and the parse
    cache's key of the new bytes is worked out (``store.sums``)."""

    __slots__ = ("base", "checks", "pieces", "replaced", "facts_read")

    def __init__(
        self,
        base: bytes,
        checks: list[tuple[str, dict[str, Any]]],
        pieces: dict[int, list[tuple[str, dict[str, Any]]]],
        replaced: list[tuple[int, int, bytes]],
        facts_read: tuple[int, ...] | None = None,
    ):
        self.base, self.checks, self.pieces = base, checks, pieces
        self.replaced = replaced
        # ``toml_layout.layout_facts`` of the bytes read, where the blocks were found with them
        self.facts_read = facts_read

    @property
    def data(self) -> bytes:
        """The whole new file's bytes, joined (a copy of the file: for a caller that needs
        them as one; a change writes ``base`` and ``replaced`` in pieces)."""
        whole = memoryview(self.base)  # (the unchanged runs joined without a copy of each)
        out: list[bytes | memoryview] = []
        cursor = 0
        for start, end, text in self.replaced:
            out += [whole[cursor:start], text]
            cursor = end
        out.append(whole[cursor:])
        return b"".join(out)

    def facts_written(self) -> tuple[int, ...] | None:
        """``toml_layout.layout_facts`` of ``data``, worked out from ``facts_read`` and the runs
        replaced (``facts_after``: a step over every header line of a long plan, 1.2 M
        instructions of a note with 10,000 log entries, for the parse cache's entry alone: asked
        for as it is stored, after the answer); None where not known."""
        if self.facts_read is None:
            return None
        from . import toml_layout  # (looked up as it is called)

        return toml_layout.facts_after(self.facts_read, self.replaced)
