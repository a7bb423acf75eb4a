"""The plan as a tree of items, built from and turned back into a TOML document. Pure: no I/O.

An item keeps its TOML table as it was read (``data``), unknown fields included, so that a
rewrite loses nothing; typed accessors read from it. The canonical document puts known fields
in a fixed order and items in tree order, so saving an unchanged plan gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any

from . import validate

if TYPE_CHECKING:
    from .sketches import Sketch
from .errors import AmbiguousItem, UnknownItem

# What a field may hold lives in validate.py; these names stay importable from here.
STATUSES = validate.STATUSES
TEXT_FIELDS = validate.TEXT_FIELDS
NAME_FIELDS = validate.NAME_FIELDS
PERIOD_FIELDS = validate.PERIOD_FIELDS
LIST_FIELDS = validate.LIST_FIELDS
DATE_FIELDS = validate.DATE_FIELDS
METRIC_FIELDS = validate.METRIC_FIELDS
is_number = validate.is_number

PLAN_FIELDS = ("title", "organisation", "year", "start", "end", "lang", "source")
# The [plan] key keeping the header plan import read a task's weight under where the table
# did not call it 权重 (考核分值, 分值): plan export heads its column so again.
WEIGHT_HEADER = "weight_header"
# The [plan] key keeping the office that filled a town's ledger in (泉湖镇党政办), where plan
# import took the town for the plan's organisation: plan export says it again.
OFFICE_KEY = "填报单位"

# The key under which a deadline is kept as the office worded it, beside ``due`` (完成时限原文 =
# "10个工作日内"; in an English plan "Deadline (as written)"): plan import keeps a deadline
# column's words so (importing/cells.py), plan add and edit a --due's (cli/structure.py).
DUE_WORDS_KEYS = ("完成时限原文", "Deadline (as written)")
_DEADLINE_WORDS_KEY: re.Pattern[str] | None = None


def is_deadline_words_key(key: str) -> bool:
    """Whether a field (or a column's header) holds a deadline as worded: 完成时限原文,
    办结时限原文, "Deadline (as written)" — a header no import reads as a second deadline or an
    unknown column. Ending so exactly: ``$`` would take a key with a line break after it too."""
    global _DEADLINE_WORDS_KEY
    if _DEADLINE_WORDS_KEY is None:
        _DEADLINE_WORDS_KEY = re.compile(
            r"(?:时限|期限|时间|日期|截止|节点)原文\Z|(?i:deadline|due|date|by|time)\b.* \(as written\)\Z"
        )
    return bool(_DEADLINE_WORDS_KEY.search(key))


def deadline_words(data: dict[str, Any]) -> str:
    """The deadline of an item with no ``due`` as the office worded it (完成时限原文 = "长期坚持",
    常态化: it has none), which every view shows where a deadline goes; "" where ``due`` is set
    (words beside a day explain the day and stay in their own column) or no words are kept."""
    if data.get("due") is not None:
        return ""
    for key, value in data.items():
        if isinstance(value, str) and value.strip() and is_deadline_words_key(key):
            return value.strip()
    return ""


# What a task's own state and figures are: on a goal (a task with items put under it, or typed
# so by hand) they count for nothing, its figures are its tasks' (``plan check``, ``plan show``).
TASK_STATE_FIELDS = ("status", "progress", "actual", "done_on")

ITEM_FIELDS = (
    "id",
    "key",
    "title",
    "parent",
    "detail",
    "lead",
    "lead_unit",
    "support_units",
    "owner",
    "start",
    "due",
    "status",
    "progress",
    "measure",
    "baseline",
    "target",
    "target_text",
    "direction",
    "actual",
    "done_on",
    "evidence",
    "reason",
    "weight",
    "milestone",
    "conflict",  # [[item.conflict]]: what a merge left undecided (quanhu_plan/merging)
    "log",
)

# ``undoes`` (on an undo entry: the ``at`` of the change it reverted), ``undone`` (on a change:
# the ``at`` of the undo that reverted it) and ``position`` (on a move: the item's old place among
# its siblings, 0 = first) are written by the change commands; see quanhu_plan/changes.py.
LOG_FIELDS = (
    "at",
    "on",
    "by",
    "action",
    "note",
    "undoes",
    "undone",
    "position",
    "before",
    "after",
)


# A metric is a place in a ranking (第36位, smaller is better) when its measure says so, or its
# measure is 位/名 and its title or its target's words speak of a ranking (综治民调进入全市前30位:
# a place to reach, not a limit to stay under); "慰问老人36位" stays a count.
_RANK_MEASURES = {"位次", "名次", "排名", "rank", "ranking", "place"}
_RANK_ORDINALS = {"位", "名"}
# Patterns are compiled when first used (re keeps them), not on every start: one with Chinese
# characters in a class takes a few tenths of a millisecond to compile.
_RANK_WORDS = r"排名|名次|位次|排位|第\s*\d+\s*[位名]|\brank"
_RANK_TARGET_WORDS = _RANK_WORDS + r"|前\s*\d+\s*[位名]|\btop\s*\d+"


def is_rank_metric(item: Item | dict[str, Any]) -> bool:
    """(``item``: an item, or its table: ``sketch_of`` asks of tables.)"""
    measure = str(item.get("measure") or "").strip()
    if measure.lower() in _RANK_MEASURES:
        return True
    if measure not in _RANK_ORDINALS:
        return False
    return bool(
        re.search(_RANK_WORDS, str(item.get("title") or ""), re.IGNORECASE)
        or re.search(_RANK_TARGET_WORDS, str(item.get("target_text") or ""), re.IGNORECASE)
    )


# The start of a task's pace (``pace_start``) when it has no ``start`` of its own but its trace
# says the day it was added: ``(ADDED, day)``, paced from that day or the plan's start if later.
ADDED = "added"


def pace_start(data: dict[str, Any]) -> Any:
    """What a task's pace (序时进度) is reckoned from, as its table says it: its ``start`` as
    written; without one, ``(ADDED, day)`` where its log has the entry that added it, on the
    day that entry counts on (its ``on``, else its ``at``: ``trace.effective_day``), since a
    task added in July has not had the half year before; else None (the plan's start)."""
    start = data.get("start")
    if start is not None or "log" not in data:
        return start
    log = data["log"]
    if type(log) is not list:  # (not a valid plan)
        return None
    # The actions looked at in C, not an entry at a time in Python: a task with a year's log
    # and no add entry (one the plan was made with) is asked this at every roll-up.
    try:
        actions = list(map(dict.get, log, repeat("action")))
    except TypeError:  # an entry that is no table (not a valid plan)
        actions = [entry.get("action") if type(entry) is dict else None for entry in log]
    if "add" not in actions:
        return None
    for action, entry in zip(actions, log, strict=True):
        if action == "add" and "undone" not in entry:
            day = entry.get("on")
            if type(day) is not dt.date:
                at = entry.get("at")
                day = at.date() if isinstance(at, dt.datetime) else at
            return (ADDED, day) if type(day) is dt.date else None
    return None


def task_status(data: dict[str, Any]) -> str:
    """A task's status as its table says it: its ``status`` as written; without one, 进行中
    (``doing``) where its progress or figure shows work under way (``shows_work``), else 未开始
    (``todo``). The commands that record work write 进行中 (``plan progress``, ``plan record``);
    a task typed or left so by hand reads the same, in every view. Nothing is written."""
    status = data.get("status")
    if status is not None:
        return status  # type: ignore[no-any-return]
    return "doing" if shows_work(data) else "todo"


def shows_work(data: dict[str, Any]) -> bool:
    """Whether a task's progress or figure shows it under way: a progress above 0, or a figure
    (``actual``) but 0, and 0 where it counts (0 accidents for 零事故: it meets its target)."""
    progress = data.get("progress")
    if progress and is_number(progress):
        return True
    actual = data.get("actual")
    if not is_number(actual):
        return False
    if actual != 0:
        return True
    from .rollup import _ratio  # (a figure of 0: rare; rollup imports this module

    return _ratio(data.get("target"), actual, None, smaller_is_better(data)) not in (None, (0, 1))


def smaller_is_better(item: Item | dict[str, Any]) -> bool:
    """A metric where less is the aim: ``direction = "down"`` (控制在5‰以内, 下降10%), or, where
    the file says no direction, a target of 0 (0 accidents: more than nothing is no aim, and a
    table's bare 0 imports so) or a place in a ranking (第36位)."""
    direction = item.get("direction")
    if direction in ("up", "down"):
        return direction == "down"
    target = item.get("target")
    return (type(target) in (int, float) and target == 0) or is_rank_metric(item)


def held_all_year(item: Item | dict[str, Any]) -> bool:
    """A figure to be held all year, not reached once: a limit (``smaller_is_better``, not a
    rank: 控制在5‰以内, 零事故) or a rate at or above a floor (按时办结率≥98%, 满意率不低于95%:
    a percent whose target words say so). Within it before its deadline it is held so far,
    nothing to tick off yet."""
    return figure_aims(item)[1]


def figure_aims(item: Item | dict[str, Any]) -> tuple[bool, bool]:
    """``(smaller_is_better(item), held_all_year(item))``, the first worked out once (a first
    read sketches both of every figure: ``sketches``)."""
    if smaller_is_better(item):
        return True, not is_rank_metric(item)
    words = item.get("target_text")
    return False, (
        str(item.get("measure") or "").strip() in ("%", "‰")
        and isinstance(words, str)
        and re.match(_FLOOR_WORDS, words) is not None
    )


# Words a floor's target opens with (按时办结率≥98%, 满意率不低于95%), and their English (at
# least 95%, no less than 98%, not below 90%, minimum 95%, maintain at 98%): an English plan's
# floor is held all year as a Chinese one's is. (Compiled when first used, as above.)
_FLOOR_WORDS = (
    r"\s*(?:≥|>=|＞=|不低于|不少于|保持在?|稳定在"
    r"|(?i:at\s+least|no[t]?\s+(?:less|lower|fewer)\s+than|not\s+below|minimum|min\.?\s"
    r"|(?:maintain|keep|hold|stay|remain)(?:ed|s)?\s+(?:at|above)))"
)


def aims_of_alike() -> Callable[[dict[str, Any]], tuple[bool, bool]]:
    """``figure_aims`` of one table after another, worked out once for tables alike in all it
    reads of them (a big plan's figures share their measure, direction and target words): the
    title too where the measure may be a place in a ranking (位, 名: ``is_rank_metric``)."""
    known: dict[tuple[Any, ...], tuple[bool, bool]] = {}

    def aims(table: dict[str, Any]) -> tuple[bool, bool]:
        target, measure = table.get("target"), table.get("measure")
        try:  # (the types too: 1 and True, 0 and False are alike as keys, not as figures)
            key: tuple[Any, ...] = (type(target), target, type(measure), measure)
            key += (table.get("direction"), table.get("target_text"))
            found = known.get(key)
        except TypeError:  # a value no key can hold (a list: not a valid plan)
            return figure_aims(table)
        if found is None:
            found = figure_aims(table)
            if str(measure or "").strip() not in _RANK_ORDINALS:  # (else the title says)
                known[key] = found
        return found

    return aims


# The longest number in an id that the next id is counted on from (a float's exact digits):
# a longer one (a paste gone wrong, thousands of digits) is no numbering, nor can int() read it.
MAX_ID_DIGITS = 15


def id_order(item_id: str) -> list[tuple[int, int, str]]:
    """A sort key of ids as they are numbered (1.2 before 1.10), each part that is not ASCII
    digits (①, 二, 2a) as text. Numbers are compared by their digits, not through int(), which
    refuses thousands of them."""
    key = []
    for part in item_id.split("."):
        number = part.lstrip("0") if part.isascii() and part.isdigit() else None
        key.append((1, 0, part) if number is None else (0, len(number), number))
    return key


def implied_parent(item_id: str) -> str:
    """The parent an id names by itself: '2.1.3' -> '2.1', '2' -> '' (top level)."""
    return item_id.rpartition(".")[0]


class Item:
    """A goal or task. ``data`` is its TOML table; ``children`` are in display order.

    An item recalled from the parse cache (``store.cache``) may not have its table yet: its
    ``source`` is then what loads it (with the tables stored beside it), the first time
    ``data`` is asked for (its class is ``LazyItem``, whose ``data`` is a property over the
    slot, loading the table while the slot is unset). Until then its ``sketch`` (``sketches.Sketch``) answers the few
    questions a status asks of every item. An item whose table was never loaded cannot have
    changed (every change goes through ``data``), so its sketch is exact; once its table is
    loaded, ``sketch`` and ``source`` are None and the table answers, as for any other item.
    ``data`` is only ever assigned on an item whose table was loaded (or a new one)."""

    __slots__ = ("data", "children", "parent", "index", "sketch", "source")
    data: dict[str, Any]

    def __init__(
        self,
        data: dict[str, Any] | None,
        index: int | None = None,
        sketch: Sketch | None = None,
        source: Any = None,
    ):
        if source is None:
            self.data = data  # type: ignore[assignment]  # None only with a source
        self.children: list[Item] = []
        self.parent: Item | None = None
        self.index = index
        self.sketch = sketch
        self.source = source

    def __repr__(self) -> str:
        return f"Item({self.id!r}, {self.title!r})"

    @property
    def id(self) -> str:
        sketch = self.sketch
        return self.data["id"] if sketch is None else sketch[0]

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def named(self) -> str:
        """The id and title as a one-line message names the item (``texts.title_in_line``)."""
        from .texts import title_in_line

        return f"{self.id} {title_in_line(self.title)}"

    @property
    def status(self) -> str:
        return task_status(self.data)

    @property
    def is_task(self) -> bool:
        return not self.children

    @property
    def weight(self) -> float:
        sketch = self.sketch
        return self.data.get("weight", 1) if sketch is None else sketch[1]

    @property
    def due(self) -> dt.date | None:
        """The deadline as a day: a month or quarter (``"2023-05"``, ``"2023-Q2"``) ends then."""
        due = self.data.get("due")
        if due is None or type(due) is dt.date:  # the common case, asked for every task
            return due
        from .periods import last_day

        return last_day(due)

    @property
    def start(self) -> dt.date | None:
        """The task's own start (开工), the first day of a month or quarter written so."""
        start = self.data.get("start")
        if start is None or type(start) is dt.date:
            return start
        from .periods import first_day

        return first_day(start)

    @property
    def log(self) -> list[dict[str, Any]]:
        return self.data.get("log", [])

    def get(self, field: str, default: Any = None) -> Any:
        return self.data.get(field, default)

    @property
    def depth(self) -> int:
        depth, node = 0, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    @property
    def part(self) -> Item:
        """The top-level item this one belongs to (itself for a part)."""
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def is_within(self, ancestor: Item) -> bool:
        """Whether this item is ``ancestor`` or hangs somewhere below it."""
        node: Item | None = self
        while node is not None:
            if node is ancestor:
                return True
            node = node.parent
        return False

    def walk(self) -> Iterator[Item]:
        """This item and everything under it, parents first."""
        return _preorder([self])

    def tasks(self) -> Iterator[Item]:
        return (item for item in self.walk() if not item.children)  # item.is_task, no call


def _preorder(roots: list[Item]) -> Iterator[Item]:
    """The items of these trees, parents first, in order. With a stack of the siblings still
    to come, not nested generators: every item of a big plan costs the same, however deep."""
    stack = [iter(roots)]
    while stack:
        for item in stack[-1]:
            yield item
            if item.children:
                stack.append(iter(item.children))
                break
        else:
            stack.pop()


# Who answers for a task, by role: 牵头单位, 责任领导, 责任人, 配合单位.
# ``Item``'s slot ``data`` itself (a member descriptor): read and set as the slot is, at C speed.
_DATA_SLOT: Any = Item.__dict__["data"]
_slot_data = _DATA_SLOT.__get__


def _lazy_data(item: Item) -> dict[str, Any]:
    """``data`` of an item recalled from the parse cache: the slot, once its table is loaded;
    before, the chunk of tables it is stored in is loaded first (``source``)."""
    try:
        return _slot_data(item)  # type: ignore[no-any-return]
    except AttributeError:
        source = item.source
        if source is None:
            raise
        source.load()
        return _slot_data(item)  # type: ignore[no-any-return]


class LazyItem(Item):
    """An item recalled from the parse cache (``store.cache``), whose table is loaded the first
    time ``data`` is asked for (``_lazy_data``). Its own class, with ``data`` a property over
    the slot: every other attribute of its items is a plain slot that CPython looks up the
    quick way (a ``__getattr__``, which it used to have, sends every look-up of every
    attribute the slow way: 100,000 of them, about 35 M instructions, in a ``done`` at 10,000
    tasks). The items read from a file, every item of a first read, have no need of it."""

    __slots__ = ()

    data = property(_lazy_data, _DATA_SLOT.__set__, _DATA_SLOT.__delete__)  # type: ignore[assignment]


class Plan:
    """A plan: metadata, the tree of items, and top-level tables the tool keeps but does not read."""

    def __init__(self, meta: dict[str, Any], roots: list[Item], extra: dict[str, Any]):
        self.meta = meta
        self.roots = roots
        self.extra = extra
        # The newest ``at`` in the trace, once looked up (``trace.newest_at``); it is kept with
        # the plan in the parse cache, so that a change need not read the whole trace for it.
        self.newest_at: dt.datetime | None = None
        self.newest_at_known = False
        # Its items' long logs cut to the entries a year-end report reads (``store.cache``,
        # recalled for ``plan report``): what it is made of is never written.
        self.logs_cut = False

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def organisation(self) -> str:
        return self.meta.get("organisation", "")

    @property
    def lang(self) -> str:
        lang = self.meta.get("lang")
        return lang if lang in ("zh", "en") else "zh"

    @property
    def year(self) -> int:
        if "year" in self.meta:
            return self.meta["year"]
        return self.start.year

    @property
    def start(self) -> dt.date:
        if "start" in self.meta:
            return self.meta["start"]
        if "year" not in self.meta and isinstance(self.meta.get("end"), dt.date):
            # Only its end written: the plan runs over that year (not the year it is today).
            return dt.date(self.meta["end"].year, 1, 1)
        return dt.date(self.meta.get("year", dt.date.today().year), 1, 1)

    @property
    def end(self) -> dt.date:
        if "end" in self.meta:
            return self.meta["end"]
        return dt.date(self.start.year, 12, 31)

    def default_as_of(self, today: dt.date) -> dt.date:
        """Today, but never past the plan's end: a finished plan is judged at its end."""
        return min(today, self.end)

    def items(self) -> Iterator[Item]:
        return _preorder(self.roots)

    def item_list(self) -> list[Item]:
        """``list(self.items())``, without a generator: a change makes it twice, and the
        parse cache once more, of every item of a big plan. Children that have none of their
        own (the tasks of a goal, most items of a plan) are taken all at once, not one by one
        through the stack (10,000 tasks: 10.7 M -> 3 M instructions for the two)."""
        out: list[Item] = []
        stack = self.roots[::-1]
        pop, add, add_all, push = stack.pop, out.append, out.extend, stack.extend
        while stack:
            item = pop()
            add(item)
            children = item.children
            if children:
                # (a loop, not any(map(attrgetter)): Python reads a slot of each faster so)
                for child in children:
                    if child.children:
                        push(children[::-1])
                        break
                else:
                    add_all(children)
        return out

    def tasks(self) -> Iterator[Item]:
        return (item for item in self.items() if not item.children)  # item.is_task, no call

    def _down_to(self, name: str) -> Item | None:
        """The item whose id is ``name``, looked for down the path its dotted id names (6.1.1:
        under the 6, under its 6.1), as the ids a plan numbers are nested; None where it is not
        there (an id not numbered so: the walk of every item finds it). Ids are unique, so an
        item found is the one the walk would find, after looking at a few dozen items rather
        than half of a big plan."""
        level = self.roots
        while level:
            below: list[Item] = []
            for item in level:
                item_id = item.id
                if item_id == name:
                    return item
                if not below and item.children and name.startswith(item_id + "."):
                    below = item.children
            level = below
        return None

    def by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items()}

    def find(self, name: str) -> Item:
        """An item by id, or by a fragment of its title that matches exactly one item."""
        name = name.strip()
        nested = self._down_to(name)
        if nested is not None:
            return nested
        for item in self.items():  # an id as typed: found without indexing a big plan
            if item.id == name:  # (from the sketch of an item not loaded: no table loaded)
                return item
        items = self.by_id()
        from .inputs import typed_id

        # ５．５．１ or 3。3 as typed with a Chinese input method, a town's own id too (二。3)
        typed = typed_id(name)
        if typed in items:
            return items[typed]
        # 1.1.1. or 1.1.1。 as a document numbers its headings: the id without its final dot
        if typed.endswith(".") and typed.rstrip(".") in items:
            return items[typed.rstrip(".")]
        matches = [item for item in items.values() if name and name in item.title]
        from .names import name_key, names_match  # (a status names no item: not loaded)

        if not matches and name_key(name):  # 修塘 for 修\u200b塘, ABC for ＡＢＣ: as --who finds
            matches = [item for item in items.values() if names_match(name, item.title)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousItem(name, [(m.id, m.title) for m in matches])
        # Ids as written too: NFKC changes an id the plan itself writes in full width (（一）.2)
        keys = dict.fromkeys((typed, name))
        near = [i for i in items.values() if i.id.startswith(tuple(keys))] if name else []
        removed = next((found for key in keys if (found := self._removed(key))), None)
        # The county's number of a task (key), as the county's list and its 督查 name it (第4项):
        # the error points to the task's id rather than finding it, so that an id stays an id.
        numbered = [i for i in items.values() if str(i.data.get("key", "")).strip() in keys]
        from .inputs import id_as_dotted

        dotted = id_as_dotted(name)  # 5-5-1, 5、5、1, 第5.5.1项: 5.5.1 said, not found
        meant = items.get(dotted) if dotted is not None else None
        raise UnknownItem(
            name,
            [(i.id, i.title) for i in near[:8]],
            removed,
            [(i.id, i.title) for i in numbered[:8]] if name else [],
            (meant.id, meant.title) if meant is not None and not numbered else None,
        )

    def _removed(self, item_id: str) -> tuple[str, str] | None:
        """(id, title) of the item last removed with this id (it is in the archive), if one was."""
        from .trace import archived_tables

        found = None
        for _, table in archived_tables(self):
            if table.get("id") == item_id:
                found = (item_id, str(table.get("title", "")))
        return found

    def file_doc(self) -> dict[str, Any]:
        """The document as its file holds it: [plan], the items in the file's order (as read),
        the other top-level tables. The tables are the plan's own."""
        items = sorted(self.items(), key=lambda item: item.index if item.index is not None else -1)
        return {"plan": self.meta, "item": [item.data for item in items], **self.extra}

    def packed(self) -> tuple[Any, ...]:
        """The plan as plain values, for the parse cache (``unpacked`` makes it again): its
        tables, each item's with the position of its parent (-1 at the top) and its place in
        the file, items in tree order. Plain values load several times as fast as the objects
        would."""
        items = list(self.items())
        where = {id(item): n for n, item in enumerate(items)}
        return (
            self.meta,
            [item.data for item in items],
            [where[id(item.parent)] if item.parent is not None else -1 for item in items],
            [item.index for item in items],
            self.extra,
            self.newest_at,
            self.newest_at_known,
        )

    @classmethod
    def unpacked(cls, packed: tuple[Any, ...]) -> Plan:
        meta, tables, parents, indexes, extra, newest_at, newest_at_known = packed
        if not len(tables) == len(parents) == len(indexes):
            raise ValueError("a packed plan whose lists do not match")
        return cls._linked(list(map(Item, tables, indexes)), packed)

    @classmethod
    def unpacked_as(cls, packed: tuple[Any, ...], tree: Sequence[int]) -> Plan:
        """``unpacked`` with the tables (and ``indexes``) given in another order than the
        tree's, ``tree`` saying where each item of the tree is in that order (``sketched``)."""
        _, tables, parents, indexes, *_ = packed
        if not len(tables) == len(parents) == len(indexes) == len(tree):
            raise ValueError("a packed plan whose lists do not match")
        items = list(map(Item, tables, indexes))
        return cls._linked(list(map(items.__getitem__, tree)), packed)

    @classmethod
    def sketched(
        cls,
        packed: tuple[Any, ...],
        sketches: list[Sketch],
        sources: list[Any],
        tree: Sequence[int],
    ) -> tuple[Plan, list[Item], list[Item]]:
        """``unpacked`` without the tables (``packed`` has None there): each item with its
        sketch and what loads its table (``Item``), given in another order than the tree's
        (``indexes`` too), ``tree`` saying where each item of the tree is in that order; and
        the items in that order and in the tree's."""
        _, _, parents, indexes, *_ = packed
        if not len(sketches) == len(sources) == len(parents) == len(indexes) == len(tree):
            raise ValueError("a packed plan whose lists do not match")
        items: list[Item] = list(map(LazyItem, repeat(None), indexes, sketches, sources))
        in_tree = list(map(items.__getitem__, tree))
        return cls._linked(in_tree, packed), items, in_tree

    @classmethod
    def _linked(cls, items: list[Item], packed: tuple[Any, ...]) -> Plan:
        meta, _, parents, _, extra, newest_at, newest_at_known = packed
        roots: list[Item] = []
        for item, parent in zip(items, parents, strict=True):
            if parent < 0:
                roots.append(item)
            else:
                above = items[parent]
                item.parent = above
                above.children.append(item)
        plan = cls(meta, roots, extra)
        plan.newest_at, plan.newest_at_known = newest_at, newest_at_known
        return plan

    def to_doc(self, read_only: bool = False) -> dict[str, Any]:
        """The canonical TOML document: known fields in order, unknown after, items in tree order.
        ``read_only``: for a document nothing edits (``store.plan_file.save``), an item's table
        already in that order with no log (as read from a file written so) is the item's own,
        not a copy: a structural change of a long plan makes no copy of every table."""
        if self.logs_cut:  # (a plan made for a report: its trace would be lost)
            raise RuntimeError("a plan whose logs were cut for a report is never written")
        doc: dict[str, Any] = {"plan": _ordered(self.meta, PLAN_FIELDS)}
        table_of = _item_table_read if read_only else _item_table
        tables = [table_of(item) for item in self.items()]
        if tables:  # no items: no ``item = []`` line above ``[plan]``
            doc["item"] = tables
        doc.update(self.extra)
        return doc


def same_value(a: Any, b: Any) -> bool:
    """Equal as TOML values: 1, 1.0 and true differ (a change's patch, a merge's fields)."""
    if a is b:  # a value left alone (a plan holds no nan: validation refuses it)
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def json_value(value: Any) -> Any:
    """A TOML value as JSON can hold it: dates, date-times and times of day as ISO text."""
    if isinstance(value, (dt.date, dt.time)):  # (a local time: ``at = 10:30:00``)
        return value.isoformat()
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_value(v) for v in value]
    return value


# Where each field of an item goes in the canonical order (``_item_table``); fields it does not
# know go after them all, in the order they have.
_ITEM_PLACES = {key: n for n, key in enumerate(ITEM_FIELDS)}
_UNKNOWN_PLACE = len(ITEM_FIELDS)


def _ordered(table: dict[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    out = {key: table[key] for key in known if key in table}
    out.update((key, value) for key, value in table.items() if key not in out)
    return out


def _item_table_read(item: Item) -> dict[str, Any]:
    """``_item_table``, or the item's own table where that is the same (``to_doc``)."""
    data = item.data
    if "log" not in data:
        places = [_ITEM_PLACES.get(key, _UNKNOWN_PLACE) for key in data]
        if places == sorted(places):  # in the canonical order already
            return data
    return _item_table(item)


def _item_table(item: Item) -> dict[str, Any]:
    table = _ordered(item.data, ITEM_FIELDS)
    if "log" in table:
        log = [_ordered(entry, LOG_FIELDS) for entry in table.pop("log")]
        table["log"] = log  # tables last: TOML needs sub-tables after plain keys anyway
    return table
