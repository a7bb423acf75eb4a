"""A plan built from its TOML document (``model``'s tree): every item table checked
(``validate``), the items linked to their parents, loops broken and the tree's depth limited,
with every problem found listed for ``plan check``. Pure: no I/O."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from . import collector
from .errors import PlanInvalid, Problem
from .model import Item, Plan, implied_parent
from .validate import MAX_TREE_DEPTH, check_item, check_shared
from .validate_archive import check_top_level
from .validate_header import check_meta


def _allowed(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def plan_from_doc(doc: dict[str, Any], path: str = "plan.toml") -> Plan:
    """Build the tree from a parsed TOML document, or raise PlanInvalid with every problem."""
    plan, problems = build_plan(doc)
    if problems:
        raise PlanInvalid(path, problems, plan.meta.get("lang") if plan is not None else None)
    assert plan is not None
    return plan


def build_plan(
    doc: dict[str, Any],
    checked: set[int] | frozenset[int] = frozenset(),
    share: bool = False,
    right: set[int] | frozenset[int] = frozenset(),
) -> tuple[Plan | None, list[Problem]]:
    """Build what can be built and list every problem found (for ``plan check``). ``checked``:
    the ``id`` of item tables known to have no problem of their own (``check_item``), taken
    from a plan read before (``store.pieces``): only their place in the tree is checked.
    ``share``: the plan's tables are copies of the document's with equal keys, short texts and
    dates one object each (``sharing``), made as they are checked, as the parse cache keeps
    them. ``right``: the ``id`` of item tables found plainly right already
    (``validate_columns.plainly_right``, by the process that read them: ``store.read_ahead``);
    the others are looked at here."""
    with collector.paused():  # a long plan's items are many new objects that stay
        try:
            return _build_plan(doc, checked, share, right)
        except RecursionError:
            if not share:
                raise
    # Tables nested hundreds deep (which the TOML reader reads): ``sharing`` copies them by
    # recursion, the checks walk them with a stack and refuse them (nesting over 16 levels).
    return build_plan(doc, checked)


def _build_plan(
    doc: dict[str, Any],
    checked: set[int] | frozenset[int] = frozenset(),
    share: bool = False,
    right: set[int] | frozenset[int] = frozenset(),
) -> tuple[Plan | None, list[Problem]]:
    from .sharing import Sharing

    sharing = Sharing() if share else None
    problems: list[Problem] = []
    meta = doc.get("plan")
    if not isinstance(meta, dict):
        problems.append(
            Problem(
                None,
                "plan",
                meta,
                _allowed(
                    "计划表头要写成 [plan]（前后各一个方括号），不是 [[plan]]：请改正后再运行。",
                    "the plan's header is written [plan] (one bracket on each side), not "
                    "[[plan]]: correct it, then run again.",
                )
                if isinstance(meta, list) and len(meta) == 1
                else _allowed(
                    "需要一个 [plan] 表，写明 title 等。",
                    "a [plan] table with a title is required.",
                ),
            )
        )
        meta = (
            meta[0]
            if isinstance(meta, list) and len(meta) == 1 and isinstance(meta[0], dict)
            else {}
        )
    else:
        problems += check_meta(meta)

    raw_items = doc.get("item", [])
    if not isinstance(raw_items, list):
        problems.append(
            Problem(
                None,
                "item",
                type(raw_items).__name__,
                _allowed("item 必须写成 [[item]] 表。", "items are [[item]] tables."),
                place=(("", 0),),  # a key of the file's top level, found at its line
            )
        )
        raw_items = []

    every = False  # whether every table is plainly right (``validate_columns``)
    if not checked and sharing is None:  # a long plan's tables: plainly right, all at once
        from .validate_columns import plainly_right

        if (
            right
            and len(right) == len(raw_items)
            and all(map(right.__contains__, map(id, raw_items)))
        ):
            checked = right  # (every table read ahead, or read here as the pieces came)
        elif right:  # (found so of the tables read ahead: the others looked at here)
            checked = plainly_right([t for t in raw_items if id(t) not in right]) | right
        else:
            checked = plainly_right(raw_items)
        every = len(checked) == len(raw_items)  # (ids of these tables: each of them)
    items = _plain_items(raw_items, checked, every)
    if items is None:  # (each table in turn: its problems, its id given twice)
        items = _items_one_by_one(raw_items, checked, sharing, meta, problems)

    # What is checked across items is the ids, the parents and the depth (``_link``): a read
    # that keeps the stale cache entry's tree (store.pieces._on_the_same_tree) relies on it.
    # A new check across items belongs there too.
    roots = _link(items, problems)
    problems += check_top_level(doc) + _items_elsewhere(doc)
    extra = {key: value for key, value in doc.items() if key not in ("plan", "item")}
    if sharing is not None:
        meta, extra = sharing.table(meta), sharing.table(extra)
    plan = Plan(meta, roots, extra)
    return plan, problems


def _items_one_by_one(
    raw_items: list[Any],
    checked: set[int] | frozenset[int],
    sharing: Any,
    meta: Any,
    problems: list[Problem],
) -> list[Item]:
    """The items of the [[item]] tables, each checked (unless ``checked``) and copied through
    ``sharing`` where given; the problems found added to ``problems``."""
    items: list[Item] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(raw_items):
        if not isinstance(table, dict):
            problems.append(
                Problem(
                    None,
                    None,
                    table,
                    _allowed(
                        "每个事项必须是一个 [[item]] 表。", "each item must be an [[item]] table."
                    ),
                    index,
                )
            )
            continue
        item_problems: list[Problem] = []
        if id(table) in checked:
            pass
        elif sharing is not None:
            table, item_problems = check_shared(table, index, sharing)
        else:
            item_problems = check_item(table, index)
        if item_problems:
            from .values_typed import with_values_read  # (a file with problems: rarely)

            item_problems = with_values_read(item_problems, meta, table)
        problems += item_problems
        item_id = table.get("id")
        if not isinstance(item_id, str) or not item_id.strip():
            continue
        if item_id in seen:
            problems.append(
                Problem(item_id, "id", item_id, _id_twice(raw_items, seen, table), index)
            )
            continue
        seen[item_id] = index
        if item_problems and any(p.field == "title" for p in item_problems):
            continue
        items.append(Item(table, index))
    if not "".join(seen).isascii():  # (one look at every id: an id in other digits is rare)
        said = {problem.index for problem in problems if problem.field == "id"}
        problems += _ids_alike(raw_items, {i: n for i, n in seen.items() if n not in said})
    return items


_ID = itemgetter("id")


def _plain_items(
    tables: list[Any], checked: set[int] | frozenset[int], every: bool = False
) -> list[Item] | None:
    """The items the loop over the tables makes (``_items_one_by_one``) where each table is
    known to have no problem of its own (``checked``; ``every``: each is one of them, its id
    text and not blank, as ``validate_columns.plainly_right`` says) and no id is given twice,
    made with no step of Python a table (a long plan as the tool writes it); else None."""
    if not tables or len(checked) < len(tables):
        return None
    if not every:
        if set(map(type, tables)) != {dict} or not all(map(checked.__contains__, map(id, tables))):
            return None
    ids = list(map(_ID, tables))
    if not every and (set(map(type, ids)) != {str} or not all(map(str.strip, ids))):
        return None
    if len(set(ids)) < len(ids) or not "".join(ids).isascii():  # (ids alike: one by one)
        return None
    return list(map(Item, tables, range(len(tables))))  # (no loop step of Python a table)


def _id_twice(tables: list[Any], seen: dict[str, int], table: dict[str, Any]) -> dict[str, str]:
    """What an id given to a second item says: the first item's title and place, and the fix
    for an item pasted twice (the same table: delete one) or a new item given a used id."""
    first = tables[seen[table["id"]]]
    number = seen[table["id"]] + 1
    title = first.get("title") if isinstance(first.get("title"), str) else ""
    if len(title) > 30:
        from .controls import cut_before  # (not inside 🇨🇳, é)

        title = cut_before(title, 29) + "…"
    named_zh = f"“{title}”" if title else ""
    named_en = f" ('{title}')" if title else ""
    if first == table:
        return _allowed(
            f"编号重复：这个事项和上面第 {number} 个事项{named_zh}一字不差，像是多粘贴了一份，"
            "请删去其中一份（它的 [[item]] 一行和下面各行，直到下一个 [[item]]）。",
            f"duplicate id: this item is word for word the item number {number} above"
            f"{named_en}, most likely pasted twice; delete one of them (from its [[item]] "
            "line down to the next [[item]]).",
        )
    return _allowed(
        f"编号重复：上面第 {number} 个事项{named_zh}已使用该编号，请给这一项改用没有用过的编号；"
        "如果两处是同一个事项，合并成一份。",
        f"duplicate id: item number {number} above{named_en} has it already; give this one an "
        "unused id, or, if both are the same item, merge them into one.",
    )


def _ids_alike(tables: list[Any], seen: dict[str, int]) -> list[Problem]:
    """Ids that are one id as typed (``inputs.typed_id``: 1.３ and 1.3, 1．3, 1。3, 1.٣): the
    list shows two rows numbered alike and a change typed for one may tick off the other, so
    each id so written, beside the id it reads as, is refused, naming that item."""
    from .inputs import typed_id

    first: dict[str, str] = {}  # an id as typed -> the id written that reads as it
    for item_id in sorted(seen, key=lambda written: (typed_id(written) != written, seen[written])):
        first.setdefault(typed_id(item_id), item_id)
    problems = []
    for item_id, index in seen.items():
        other = first[typed_id(item_id)]
        if other == item_id:
            continue
        number, title = seen[other] + 1, tables[seen[other]].get("title")
        title = title if isinstance(title, str) and len(title) <= 30 else ""
        problems.append(
            Problem(
                item_id,
                "id",
                item_id,
                _allowed(
                    f"编号 {item_id} 输入时就是第 {number} 个事项{f'“{title}”' if title else ''}"
                    f"的编号 {other}（只是写法不同：全角的数字或点、圈码 ①、别的文字的数字），列表中两行编号"
                    f"看上去一样，输入 {other} 只会找到那一项；请给这一项改用没有用过的编号，如果两"
                    "处是同一个事项，合并成一份。",
                    f"the id {item_id} reads as the id {other} of item number {number}"
                    f"{f' ({title!r})' if title else ''} once typed (full-width digits or dots, a circled "
                    f"number ①, digits of another script): the list shows both numbered alike, and {other} "
                    "typed finds that item alone; give this one an unused id, or, if both are the "
                    "same item, merge them into one.",
                ),
                index,
            )
        )
    return problems


def _items_elsewhere(doc: dict[str, Any]) -> list[Problem]:
    """Tables at the top of the file that look like items (an ``id``, a ``title``) under
    another name than [[item]] ([[items]], [[task]], [[Item]]): a slip that would leave those
    items out of every figure without a word, so refused, though other tables the tool does
    not know are kept as they are (``check_top_level``)."""
    from .trace import ARCHIVE

    problems = []
    for key, value in doc.items():
        if key in ("plan", "item", ARCHIVE) or not isinstance(value, list):
            continue
        ids = [
            str(table["id"])
            for table in value
            if isinstance(table, dict) and "id" in table and "title" in table
        ]
        if not ids:
            continue
        shown = "、".join(ids[:3]) + ("等" if len(ids) > 3 else "")
        shown_en = ", ".join(ids[:3]) + (" and more" if len(ids) > 3 else "")
        problems.append(
            Problem(
                None,
                key,
                f"[[{key}]]",
                {
                    "zh": f"[[{key}]] 不是计划的表，其中的 {len(ids)} 个事项（{shown}）不会算进"
                    "计划：事项的表头要写成 [[item]]，请改正后再运行。",
                    "en": f"[[{key}]] is not a table of the plan, and its {len(ids)} item(s) "
                    f"({shown_en}) would be left out of it: an item's header is written "
                    "[[item]]. Correct it and run again.",
                },
                place=(("", 0),),  # a key of the file's top level, found at its header
            )
        )
    return problems


def _link(items: list[Item], problems: list[Problem]) -> list[Item]:
    """Attach each item to its parent (explicit ``parent`` or the one its id implies)."""
    by_id = {item.data["id"]: item for item in items}
    roots: list[Item] = []
    named = False  # whether any item names its parent (only then can the links loop)
    for item in items:
        data = item.data
        if "parent" in data:
            parent_id, named = data["parent"], True
        else:
            parent_id = data["id"].rpartition(".")[0]  # implied_parent
        if parent_id == "" or not isinstance(parent_id, str):  # not text: reported already
            roots.append(item)
            continue
        parent = by_id.get(parent_id)
        if parent is None:
            problems.append(
                Problem(
                    item.id,
                    "parent",
                    parent_id,
                    _allowed(
                        f'上级事项 {parent_id} 不存在；请先添加它，或写明 parent = ""（顶层）或另一个已有编号。',
                        f'there is no item {parent_id}; add it, or set parent to "" (top level) or an existing id.',
                    ),
                    item.index,
                )
            )
            roots.append(item)
            continue
        item.parent = parent
        parent.children.append(item)
    if named:  # parents implied by ids alone cannot loop: each id is shorter than its child's
        _break_loops(items, roots, problems)
    _limit_depth(roots, problems)
    return roots


def _break_loops(items: list[Item], roots: list[Item], problems: list[Problem]) -> None:
    """A parent chain that loops back never reaches the top: report it and break it (its first
    item in the file becomes a root). Each item is walked up once (linear in the number of
    items, however long the chains)."""
    state: dict[int, int] = {}  # id(item) -> 1 on the chain being walked, 2 done
    for item in items:
        chain: list[Item] = []
        node: Item | None = item
        while node is not None and id(node) not in state:
            state[id(node)] = 1
            chain.append(node)
            node = node.parent
        if node is not None and state[id(node)] == 1:  # the walk came back onto its own chain
            loop = chain[chain.index(node) :]
            _report_loop(loop, problems)
            first = min(loop, key=lambda member: member.index or 0)
            first.parent.children.remove(first)  # type: ignore[union-attr]
            first.parent = None
            roots.append(first)
        for member in chain:
            state[id(member)] = 2


def _report_loop(loop: list[Item], problems: list[Problem]) -> None:
    first = min(loop, key=lambda member: member.index or 0)
    at = loop.index(first)
    ids = [member.id for member in loop[at:] + loop[:at]]  # first, its parent, …
    shown = " → ".join([*ids[:8], *(["…"] if len(ids) > 8 else []), first.id])
    problems.append(
        Problem(
            first.id,
            "parent",
            first.data.get("parent", implied_parent(first.id)),
            _allowed(
                f"上级关系构成了循环（{shown}），这些事项到不了顶层。请把其中一个事项的 parent "
                '改为循环之外的编号（顶层写 parent = ""）。',
                f"the parent links form a loop ({shown}), so these items never reach the top "
                'level. Set the parent of one of them to an id outside the loop ("" for the '
                "top level).",
            ),
            first.index,
        )
    )


def _limit_depth(roots: list[Item], problems: list[Problem]) -> None:
    """Parts, goals and tasks nest at most MAX_TREE_DEPTH levels: an item deeper than that is
    reported and cut off (with what is under it), so nothing recurses that deep."""
    level, depth = list(roots), 1
    while level:
        below: list[Item] = []
        for item in level:
            if depth < MAX_TREE_DEPTH:
                below += item.children
                continue
            for child in item.children:
                problems.append(
                    Problem(
                        child.id,
                        "parent",
                        child.data.get("parent", implied_parent(child.id)),
                        _allowed(
                            f"事项最多嵌套 {MAX_TREE_DEPTH} 层，它在第 {MAX_TREE_DEPTH + 1} 层；"
                            "请把它（或它的上级）移到较浅的位置。",
                            f"items nest at most {MAX_TREE_DEPTH} levels deep and this one is "
                            f"on level {MAX_TREE_DEPTH + 1}; hang it (or a goal above it) higher up.",
                        ),
                        child.index,
                    )
                )
            item.children = []
        level, depth = below, depth + 1
