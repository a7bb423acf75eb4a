"""The order of the merged items (``three_way``): ours, but for the items only their side moved
or added, which take the places their side gave them; items added on both sides under one
parent in the order of their ids. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import id_order, same_value
from .renumbering import _added_at
from .sides import Side


@dataclass
class _Added:
    """The items each side added since the base, and when: items both sides added under one
    parent since the base go in the order they were added (the later one is the one a
    renumbering gave the next id)."""

    ours: set[str]
    theirs: set[str]
    tables: dict[str, dict[str, Any]]

    def before(self, ours_id: str, theirs_id: str) -> bool:
        return _added_at(self.tables[ours_id]) <= _added_at(self.tables[theirs_id])


def _in_order(
    ours: list[str],
    theirs: list[str],
    fates: dict[str, str],
    moved: set[str],
    parent_of: Callable[[str], Any],
    their_parent_of: Callable[[str], Any],
    added: _Added | None = None,
) -> list[str]:
    """The live items in our order but those ``moved`` (by their side alone), and each item
    only theirs or moved right after its sibling before it in their order that is placed
    already, else (a first child) right after the item before it in their order that is
    placed (none: first, as in their file, where an item deleted by hand on our side and
    kept for their change was: part 1 stays before part 2). Each such item is hung after that one and the order spelled
    out once at the end, not searched for and inserted into item by item (an import of
    thousands of tasks merged into a long plan: its square). Siblings, not merely the item
    before: that one may be one our side moved elsewhere (their 1.1 moved last under 2, after
    2.3, which ours moved under 1, would land first under 2). An item they added goes after
    the items ours added there before it (both appended under one parent: 1.4 kept by ours,
    theirs renumbered 1.5 comes after it, not between 1.3 and 1.4)."""
    order = [i for i in ours if fates.get(i) == "live" and i not in moved]
    placed = set(order)
    # Each item of our order's next sibling there (None: a parent's first child), and each
    # item's place, to find where its own items end.
    next_sibling: dict[Any, str] = {}
    last_child: dict[Any, str] = {}
    for item_id in order:
        parent = parent_of(item_id)
        next_sibling[last_child.get(parent, (None, parent))] = item_id
        last_child[parent] = item_id
    position = {item_id: n for n, item_id in enumerate(order)}

    def after_ours_added_before(anchor: str | None, item_id: str, sibling: Any) -> str | None:
        """Past the siblings ours added before theirs, where theirs would come first."""
        if added is None or item_id not in added.theirs:
            return anchor
        last = None
        following = next_sibling.get(sibling)
        while following in added.ours and added.before(following, item_id):
            last, following = following, next_sibling.get(following)
        if last is None:
            return anchor
        n = position[last]
        while n + 1 < len(order) and _under(order[n + 1], last, parent_of):
            n += 1
        return order[n]  # after the sibling's own items too

    # Each placed item's items hung after it, in their order; None: before all.
    hung: dict[str | None, list[str]] = {}
    before: str | None = None  # the last item of their order placed so far
    # Each parent's last child placed so far in their order, of the children it has in their
    # file too (not one our side moved there, whose place in their file is elsewhere).
    last_under: dict[Any, str] = {}
    for item_id in theirs:
        if fates.get(item_id) == "live" and item_id not in placed:
            anchor = last_under.get(parent_of(item_id), before)
            if before is not None and anchor != before and _under(before, anchor, parent_of):
                anchor = before  # after the sibling's own items too, as their file has it
            parent = parent_of(item_id)
            anchor = after_ours_added_before(
                anchor, item_id, last_under.get(parent, (None, parent))
            )
            hung.setdefault(anchor, []).append(item_id)
            placed.add(item_id)
        if item_id in placed:
            before = item_id
            parent = parent_of(item_id)
            if same_value(parent, their_parent_of(item_id)):
                last_under[parent] = item_id
    if not hung:
        return order
    out: list[str] = []
    stack = [*reversed(order), *reversed(hung.pop(None, []))]
    while stack:
        item_id = stack.pop()
        out.append(item_id)
        stack += reversed(hung.get(item_id, ()))  # (the first hung taken first)
    return out


def _new_in_id_order(order: list[str], new: set[str], parent_of: Callable[[str], Any]) -> list[str]:
    """The items added since the base under one parent, on either side, in the order of their
    ids, each with its own items, in the places they hold: a renumbering gives the later of
    each clash an id past every one used, so with several added on both sides neither the
    order they were added in nor either file's (ours renumbered: 1.6 above 1.5) is the order
    of their numbers, which is the order a person reads a ledger in."""
    children: dict[Any, list[str]] = {}
    for item_id in order:
        if item_id in new:
            children.setdefault(parent_of(item_id), []).append(item_id)
    for siblings in children.values():
        ranked = sorted(siblings, key=id_order)
        if ranked == siblings:
            continue
        position = {item_id: n for n, item_id in enumerate(order)}
        blocks: dict[str, list[str]] = {}
        for item_id in siblings:
            n = position[item_id] + 1
            while n < len(order) and _under(order[n], item_id, parent_of):
                n += 1
            blocks[item_id] = order[position[item_id] : n]
        in_blocks = {i for block in blocks.values() for i in block}
        slot = dict(zip(siblings, ranked, strict=True))  # each place, the item it now holds
        reordered: list[str] = []
        for item_id in order:
            if item_id in slot:
                reordered += blocks[slot[item_id]]
            elif item_id not in in_blocks:
                reordered.append(item_id)
        order = reordered
    return order


def _under(item_id: str, ancestor: str | None, parent_of: Callable[[str], Any]) -> bool:
    """Is ``item_id`` one of ``ancestor``'s items, at any depth, in the merged tree?"""
    seen: set[str] = set()
    node: Any = item_id
    while True:
        try:
            node = parent_of(node)
        except KeyError:  # (a parent the merged plan does not have)
            return False
        if not isinstance(node, str) or not node or node in seen:
            return False
        if node == ancestor:
            return True
        seen.add(node)


def _moved(b: Side, ours: list[str], theirs: list[str]) -> set[str]:
    """The items whose place among the others their side changed and ours did not: those out
    of the longest run of the base's order each side kept (difflib's matching blocks)."""
    in_both = set(ours) & set(theirs)
    base = [i for i in b.live if i in in_both]
    ours_kept, theirs_kept = ([i for i in side if i in in_both] for side in (ours, theirs))
    if theirs_kept == base:
        return set()

    def out_of_order(side: list[str]) -> set[str]:
        if side == base:
            return set()
        from difflib import SequenceMatcher

        blocks = SequenceMatcher(None, base, side, autojunk=False).get_matching_blocks()
        kept = {i for block in blocks for i in side[block.b : block.b + block.size]}
        return set(side) - kept

    return out_of_order(theirs_kept) - out_of_order(ours_kept)
