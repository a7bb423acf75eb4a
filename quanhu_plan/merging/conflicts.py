"""The conflicts a merge records in a plan (``[[item.conflict]]``, ``[[plan.conflict]]``):
finding and saying them, settling one (``plan resolve``: a traced change that ``plan undo``
takes back), and the rule that an item in conflict is changed by nothing else until then.
Pure: no I/O.

A conflict table: ``field`` (the field both sides set), ``ours`` and ``theirs`` (the two
values; one left out means that side removed the field), and ``ours_by``/``ours_at``,
``theirs_by``/``theirs_at`` (who set each, when, where the trace says). The field itself holds
the ``ours`` value meanwhile.

The sides are said as they are for whoever reads the plan: the value in use for now (暂用,
--ours) and the other one (另一个值, --theirs), with who set each. Not 我方 and 对方: the office
that pulled the merge as a fast-forward did not make it (its own figure would be 对方's), and in
git pull --rebase git's ours is the upstream, theirs one's own commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import BadChange, UnknownItem
from ..model import Item, Plan
from ..sketches import CONFLICT, SKETCH_CONFLICT
from ..texts import LANGS, counted, format_value, label
from ..trace import archived_tables, log_of

# The id ``plan resolve`` takes for a conflict in the [plan] header.
HEADER = "[plan]"


class OpenConflict:
    """A conflict a merge recorded and nobody has settled yet."""

    # A plain class, not a dataclass: status, list and show load this module on every start,
    # and making a frozen dataclass compiles its generated code each time (about a millisecond).
    __slots__ = ("item_id", "title", "record", "archived", "loop")

    def __init__(
        self,
        item_id: str | None,
        title: str,
        record: dict[str, Any],
        archived: bool = False,
        loop: bool = False,
    ):
        self.item_id = item_id  # None: the [plan] header
        self.title, self.record, self.archived = title, record, archived
        # A move of theirs not taken because with ours' moves it would hang the item under
        # itself (``three_way._break_loops``): only their side set this parent.
        self.loop = loop

    def __repr__(self) -> str:
        return f"OpenConflict({self.item_id!r}, {self.title!r}, {self.record!r})"

    @property
    def field(self) -> str:
        return str(self.record.get("field", ""))

    def where(self) -> str:
        return HEADER if self.item_id is None else self.item_id

    def command(self) -> str:
        from ..shell_words import quote

        return f"plan resolve {quote(self.where())} {quote(self.field)} --ours|--theirs|VALUE"

    def message(self, lang: str, over_lines: bool = False) -> str:
        """One line: the item, the field, both values and who set them, and how to settle it.
        ``over_lines`` (``plan show``, under the fields it shows over lines): a value written
        over lines (a note, a 具体内容 pasted in paragraphs) is shown over lines as the field
        itself is, each side under its name, rather than its lines run together on one."""
        zh = lang == "zh"
        name = field_name(self.field, lang, header=self.item_id is None)
        item = self.where() if self.item_id is None else f"{self.item_id} {one_line(self.title)}"
        if self.archived:
            item += "（已删除）" if zh else " (removed)"
        if self.loop:
            return self._loop_message(item, name, lang)
        if over_lines and any(len(self._lines(side)) > 1 for side in ("ours", "theirs")):
            return self._message_over_lines(item, name, lang)
        sides = [self._side("ours", lang), self._side("theirs", lang)]
        if zh:
            return (
                f"{item} 的 {name}：暂用（--ours）{sides[0]}；另一个值（--theirs）{sides[1]}。"
                f"解决：{self.command().replace('VALUE', '值')}"
            )
        return (
            f"{item}, {name}: in use for now (--ours) {sides[0]}; the other (--theirs) "
            f"{sides[1]}. Settle it: {self.command()}"
        )

    def _loop_message(self, item: str, name: str, lang: str) -> str:
        """Not "both set one field": the move not taken (--theirs), and why the merge kept the
        parent in use (--ours)."""
        record = self.record
        moved_to, kept = (
            format_value(self.field, record.get(side, ""), lang, 40) for side in ("theirs", "ours")
        )
        by, at = record.get("theirs_by"), record.get("theirs_at")
        when = f" {at.strftime('%Y-%m-%d %H:%M')}" if isinstance(at, dt.datetime) else ""
        if lang == "zh":
            who = f"（{by}{when}）" if isinstance(by, str) else ""
            return (
                f"{item} 的 {name}：一方{who}把它移到了 {moved_to} 下（--theirs），而按另一方的"
                f"移动，{moved_to} 在它的下面，两项不能互为上级；暂留在原来的上级 {kept} 下"
                f"（--ours）。解决：{self.command().replace('VALUE', '值')}"
            )
        who = f" (by {by}{when})" if isinstance(by, str) else ""
        return (
            f"{item}, {name}: one side moved it under {moved_to}{who} (--theirs), while by the "
            f"other side's moves {moved_to} is under it, and two items cannot each be under the "
            f"other; it stays under its parent, {kept}, for now (--ours). Settle it: "
            f"{self.command()}"
        )

    def _lines(self, side: str) -> list[str]:
        """The lines of a side's value written over lines (a string), its blank lines left
        out; [] for a value on one line, or none."""
        value = self.record.get(side)
        if not isinstance(value, str):
            return []
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
        if "\n" not in text.strip():
            return []
        return [line.rstrip() for line in text.strip("\n").split("\n") if line.strip()]

    def _message_over_lines(self, item: str, name: str, lang: str) -> str:
        """``message`` with each side's value under its name, a line a line of it, as plan
        show shows a field written over lines."""
        zh = lang == "zh"
        said = [f"{item} 的 {name}：" if zh else f"{item}, {name}:"]
        names = (
            {"ours": "暂用（--ours）", "theirs": "另一个值（--theirs）"}
            if zh
            else {"ours": "In use for now (--ours)", "theirs": "The other (--theirs)"}
        )
        for side in ("ours", "theirs"):
            lines = self._lines(side)
            if not lines:
                said.append(f"  {names[side]}{'' if zh else ' '}{self._side(side, lang)}")
                continue
            said.append(f"  {names[side]}{self._who(side, lang)}{'：' if zh else ':'}")
            said += [f"    {line}" for line in lines]
        if zh:
            said.append(f"  解决：{self.command().replace('VALUE', '值')}")
        else:
            said.append(f"  Settle it: {self.command()}")
        return "\n".join(said)

    def _who(self, side: str, lang: str) -> str:
        """Who set a side, and when: （王五 2023-06-01 10:00 修改）, or ''."""
        by, at = self.record.get(f"{side}_by"), self.record.get(f"{side}_at")
        if not isinstance(by, str):
            return ""
        when = f" {at.strftime('%Y-%m-%d %H:%M')}" if isinstance(at, dt.datetime) else ""
        return f"（{by}{when} 修改）" if lang == "zh" else f" (set by {by}{when})"

    def _side(self, side: str, lang: str) -> str:
        record = self.record
        value = (
            format_value(self.field, record[side], lang, 40)
            if side in record
            else ("（无）" if lang == "zh" else "(none)")
        )
        return value + self._who(side, lang)


def one_line(text: str) -> str:
    """A title on one line: its spaces and line breaks (a Windows line end too) as one space;
    a control (a lone carriage return, a form feed) stays for ``controls.visible`` to show as
    it is shown everywhere else (\x0d), not as a space."""
    text = text.replace("\r\n", "\n")
    out = "".join(" " if ch.isspace() and not _control(ch) else ch for ch in text)
    return " ".join(part for part in out.split(" ") if part)


def _control(character: str) -> bool:
    code = ord(character)
    return (code < 0x20 and character not in "\t\n") or 0x7F <= code <= 0x9F


def field_name(name: str, lang: str, header: bool = False) -> str:
    """A field as a conflict names it: its Chinese name and key; the header's as the header
    names them (its title is 计划名称, an item's 事项)."""
    if lang != "zh":
        return name
    if header:
        from ..header import field_name as header_field

        return f"{header_field(name, lang)}（{name}）"
    try:
        return f"{label(lang, name)}（{name}）"
    except KeyError:
        return name


def _records(table: dict[str, Any]) -> list[dict[str, Any]]:
    value = table.get(CONFLICT)
    return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []


def open_conflicts(plan: Plan) -> list[OpenConflict]:
    """Every conflict not yet settled: the header's, the items' in tree order, the archive's."""
    found = [OpenConflict(None, plan.title, c) for c in _records(plan.meta)]
    for item in plan.items():
        sketch = item.sketch  # an item whose table is not loaded: its sketch says (model.Item)
        if sketch is not None and not sketch[4] & SKETCH_CONFLICT:
            continue
        if CONFLICT in item.data:
            found += [
                OpenConflict(item.id, item.title, c, loop=under_itself(item, c, plan))
                for c in _records(item.data)
            ]
    for _, table in archived_tables(plan):
        found += [
            OpenConflict(str(table.get("id")), str(table.get("title", "")), c, archived=True)
            for c in _records(table)
        ]
    return found


def under_itself(item: Item, record: dict[str, Any], plan: Plan) -> bool:
    """Whether a conflict on ``parent`` offers a parent under the item itself: their move, not
    taken, that with ours would have made a loop."""
    if record.get("field") != "parent" or not isinstance(record.get("theirs"), str):
        return False
    offered = plan.by_id().get(record["theirs"])
    return offered is not None and offered.is_within(item)


def kinds_said(conflicts: list[OpenConflict], lang: str) -> str:
    """What the conflicts are, for the line that counts them: both sides set one field
    differently, or (a move of theirs not taken) two moves would hang items under each other."""
    kinds = []
    if any(not c.loop for c in conflicts):
        kinds.append(
            "两方把同一字段改成了不同的值"
            if lang == "zh"
            else "both sides set one field differently"
        )
    if any(c.loop for c in conflicts):
        kinds.append(
            "两方的移动合起来会让事项互为上级"
            if lang == "zh"
            else "two moves would hang items under each other"
        )
    return ("，或" if lang == "zh" else "; or ").join(kinds)


def in_conflict(item: Item) -> list[str]:
    """The fields of an item that are in conflict."""
    return [str(c.get("field")) for c in _records(item.data)]


def summary(conflicts: list[OpenConflict], lang: str) -> str:
    """The line read commands print under their output while conflicts are open."""
    named = ("、" if lang == "zh" else ", ").join(
        f"{c.where()} {field_name(c.field, lang, header=c.item_id is None)}" for c in conflicts[:8]
    ) + ("…" if len(conflicts) > 8 else "")
    if lang == "zh":
        return (
            f"注意：有 {len(conflicts)} 处合并冲突未解决（{named}），这些数字暂以合并时保留的值"
            "（--ours）显示，尚无定论。plan check 列出两个值，plan resolve 解决。"
        )
    return (
        f"Note: {counted(len(conflicts), 'merge conflict')} "
        f"{'is' if len(conflicts) == 1 else 'are'} not settled ({named}); those figures "
        "show the value the merge kept for now (--ours) and are not final. plan check lists "
        "both values; plan resolve settles them."
    )


# ---------------------------------------------------------------- no other change meanwhile


def pending(plan: Plan) -> list[tuple[dict[str, Any], int]]:
    """The tables in conflict (live or archived) and how long their logs are now, before a
    change (see ``refuse_changes_in_conflict``)."""
    tables = [plan.meta] if CONFLICT in plan.meta else []
    tables += [item.data for item in plan.items() if CONFLICT in item.data]
    tables += [table for _, table in archived_tables(plan) if CONFLICT in table]
    return [(table, len(log_of(table))) for table in tables]


def refuse_changes_in_conflict(before: list[tuple[dict[str, Any], int]]) -> None:
    """Refuse a change that wrote to an item in conflict anything but the settling of it (a
    ``resolve``, or the undo of one)."""
    for table, count in before:
        log = log_of(table)
        for entry in log[count:]:
            if entry.get("action") == "resolve":
                break  # settled: what follows in the same change (a move to their parent) may
            if entry.get("action") == "undo" and any(
                e.get("action") == "resolve" and e.get("at") == entry.get("undoes") for e in log
            ):
                continue
            records = _records(table)
            if not records:
                continue
            item_id = table.get("id") if "id" in table else None  # None: the header
            conflict = OpenConflict(item_id, str(table.get("title", "")), records[0])
            raise ItemInConflict(conflict, len(records))


def refuse_archiving_in_conflict(item: Item) -> None:
    """Refuse to remove an item that has, or holds one that has, a conflict not yet settled:
    removing the item itself writes to it (``refuse_changes_in_conflict``), and an item under
    it, taken to the archive with the rest, would have its conflict wait there out of sight."""
    for node in item.walk():
        refuse_in_conflict(node.data)


def refuse_in_conflict(table: dict[str, Any]) -> None:
    """Refuse a change to an item (or the header) with a conflict not yet settled, before it is
    made: an undo of one's change to it, which would otherwise be refused for the colleague's
    change the merge set against it, in words that do not say why."""
    records = _records(table) if CONFLICT in table else []
    if records:
        item_id = table.get("id") if "id" in table else None  # None: the header
        raise ItemInConflict(
            OpenConflict(item_id, str(table.get("title", "")), records[0]), len(records)
        )


class ItemInConflict(BadChange):
    def __init__(self, conflict: OpenConflict, count: int):
        self.conflict, self.count = conflict, count
        super().__init__(self._text("zh"), self._text("en"))

    def _text(self, lang: str) -> str:
        c = self.conflict
        more = (
            ("" if self.count == 1 else f"（共 {self.count} 处）")
            if lang == "zh"
            else ("" if self.count == 1 else f" ({self.count} in all)")
        )
        if lang == "zh":
            return (
                f"没有修改：{c.where()} {one_line(c.title)} 有未解决的合并冲突{more}，"
                f"{field_name(c.field, 'zh', header=c.item_id is None)} 暂用的值（--ours）为 "
                f"{c._side('ours', 'zh')}，另一个值（--theirs）为 {c._side('theirs', 'zh')}。"
                f"冲突解决之前，这个事项不能修改。请先运行 {c.command().replace('VALUE', '值')}"
                "（用暂用的值、另一个值或写明新值），plan check 列出全部冲突。"
            )
        return (
            f"Not changed: {c.where()} {one_line(c.title)} has a merge conflict not yet "
            f"settled{more}: {c.field} is {c._side('ours', 'en')} in use for now (--ours), the "
            f"other value {c._side('theirs', 'en')} (--theirs). The item cannot be changed until "
            f"it is settled: run {c.command()} (the value in use, the other one or a new one); "
            "plan check lists every conflict."
        )


# ---------------------------------------------------------------- plan resolve


def field_key(typed: str) -> str:
    """A field as typed: its key (owner) or its label in either language (责任人, Owner)."""
    from ..texts import LABELS

    text = typed.strip()
    for lang in LANGS:
        for key, name in LABELS[lang].items():
            if text == name and key.isidentifier() and not key.startswith(("did_", "warn_")):
                return key
    return text


def resolve(
    plan: Plan,
    name: str,
    typed_field: str,
    stamp: Any,
    *,
    choice: str,
    value: Any = None,
    note: str | None = None,
) -> Any:
    """Settle one conflict: the field gets our value, their value (``choice`` "ours" or
    "theirs") or ``value`` (``choice`` "value"; None removes the field), and the conflict table
    goes, in one traced change that ``plan undo`` takes back. A conflict on ``parent`` settled
    to another parent moves the item there as a second change."""
    from .. import changes

    key = field_key(typed_field)
    if name.strip() == HEADER:  # the header's fields by its own names too (计划名称, 单位)
        from ..header import field_key as header_key

        key = header_key(typed_field) or key
        return _resolve_header(plan, key, choice, value, stamp, note)
    table, item = _find(plan, name)
    title = str(table.get("title", ""))
    records = _records(table)
    record = next((c for c in records if c.get("field") == key), None)
    if record is None:
        raise _no_such_conflict(str(table.get("id")), title, key, records)
    chosen = value if choice == "value" else record.get(choice)
    if key == "id" and chosen != table.get("id"):
        raise _id_not_settled(str(table.get("id")), title, chosen)
    rest = [c for c in table[CONFLICT] if c is not record] or None
    old = table.get(key)
    if key == "parent" and item is not None:  # the parent it hangs under, also one implied
        old = item.parent.id if item.parent else ""
    if key == "parent":  # the item stays where it is; a move follows if another was chosen
        before, after = changes._apply(table, {CONFLICT: rest})
    else:
        changed = {key: chosen, CONFLICT: rest}
        if key == "status":
            changed.update(_left_by_status(table, chosen, rest or []))
        before, after = changes._apply(table, changed)
        changes._check(table)
    at = changes._entry_at(plan, stamp)
    entry = changes._entry(at, stamp, "resolve", note=note, before=before, after=after)
    entry["field"] = key
    changes._log(table, entry)
    item_id = str(table.get("id"))
    outcome = changes.Outcome(
        "resolve",
        [(item_id, title)],
        fields={key: (old, table.get(key) if key != "parent" else chosen)},
        parts=changes._parts(plan, stamp, [item]) if item is not None else [],
        measure=str(table.get("measure", "")),
    )
    if key == "parent" and item is not None and isinstance(chosen, str):
        current = item.parent.id if item.parent else ""
        if chosen != current:
            from ..structure import move

            moved = move(plan, item_id, chosen or "top", stamp)
            outcome.parts = moved.parts
    return outcome


def _left_by_status(
    table: dict[str, Any], status: Any, rest: list[dict[str, Any]]
) -> dict[str, Any]:
    """What the side not taken left that the status settled on has no place for, gone as the
    command that sets that status takes it (plan reopen, plan start): the day done of a task not
    done, the reason of one neither blocked nor dropped; not a field itself in conflict."""
    fields = []
    if status != "done":
        fields.append("done_on")
    if status not in ("blocked", "dropped"):
        fields.append("reason")
    open_fields = {c.get("field") for c in rest}
    return {f: None for f in fields if f in table and f not in open_fields}


def _find(plan: Plan, name: str) -> tuple[dict[str, Any], Item | None]:
    try:
        item = plan.find(name)
        return item.data, item
    except UnknownItem:
        archived = [t for _, t in archived_tables(plan) if t.get("id") == name.strip()]
        if archived:
            return archived[-1], None
        raise


def _no_such_conflict(
    item_id: str, title: str, key: str, records: list[dict[str, Any]]
) -> BadChange:
    if not records:
        return BadChange(
            f"{item_id} {one_line(title)} 没有未解决的合并冲突，无需 plan resolve。",
            f"{item_id} {one_line(title)} has no merge conflict to settle.",
        )
    fields = ", ".join(str(c.get("field")) for c in records)
    header = item_id == HEADER
    # In Chinese as the conflicts are listed (事项（title）), not the keys alone joined by ", "
    said = "、".join(field_name(str(c.get("field")), "zh", header) for c in records)
    named = f"{item_id} {one_line(title)}".strip()  # (the header: [plan], no title)
    return BadChange(
        f"{named} 的 {field_name(key, 'zh', header)} 没有冲突；有冲突的字段是：{said}。",
        f"{named} has no conflict on {key}; the fields in conflict are: {fields}.",
    )


def _id_not_settled(item_id: str, title: str, chosen: Any) -> BadChange:
    """A conflict on an item's id (a merge never records one: items are matched by id; a
    hand-edited file can) settled to another id, or none: the item would lose its id or take
    another without its trace and what hangs under it following, which the check of the
    change then blamed on ``[plan]``. Only the id it has keeps; ``plan move`` renumbers."""
    named = f"{item_id} {one_line(title)}".strip()
    if chosen in (None, ""):
        zh_what, en_what = "删去", "removed"
    else:
        zh_what, en_what = f"改为 {one_line(str(chosen))}", f"changed to {one_line(str(chosen))}"
    return BadChange(
        f"{named} 的 编号（id）不能在解决冲突时{zh_what}：编号是事项的身份，修改记录和下级事项都"
        f"靠它。请用 plan resolve {item_id} id --ours 保留现有编号 {item_id}（冲突随之解决）；"
        f"要改编号，再用 plan move {item_id} 上级编号（编号随新的位置重排）。",
        f"{named}: its id cannot be {en_what} in settling a conflict: the id is what its trace "
        f"and the items under it hang on. Run plan resolve {item_id} id --ours to keep the "
        f"id {item_id} (the conflict goes); to renumber it, plan move {item_id} PARENT then.",
    )


def _resolve_header(
    plan: Plan, key: str, choice: str, value: Any, stamp: Any, note: str | None
) -> Any:
    """A conflict in the header, settled in the header's own log (``[[plan.log]]``)."""
    from .. import changes
    from ..validate_header import check_meta

    records = _records(plan.meta)
    record = next((c for c in records if c.get("field") == key), None)
    if record is None:
        raise _no_such_conflict(HEADER, "", key, records)
    chosen = value if choice == "value" else record.get(choice)
    old = plan.meta.get(key)
    rest = [c for c in plan.meta[CONFLICT] if c is not record] or None
    before, after = changes._apply(plan.meta, {key: chosen, CONFLICT: rest})
    problems = check_meta(plan.meta)
    if problems:
        raise BadChange(
            "\n".join(p.message("zh") for p in problems),
            "\n".join(p.message("en") for p in problems),
        )
    at = changes._entry_at(plan, stamp)
    entry = changes._entry(at, stamp, "resolve", note=note, before=before, after=after)
    entry["field"] = key
    changes._log(plan.meta, entry)
    return changes.Outcome("resolve", [("", "")], fields={key: (old, chosen)}, header=True)
