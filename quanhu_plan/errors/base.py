"""The base of every domain error (``PlanError``) and of the problems validation finds in a plan
(``Problem``, ``PlanInvalid``), with how a found value is shown in a message."""

from __future__ import annotations

from typing import Any

from ..texts import counted

# A file or sheet with hundreds of problems is named by its first ones, and the count says the
# rest (plan check lists a plan's all).
SHOWN_PROBLEMS = 30


class PlanError(Exception):
    """Anything wrong with a plan or a request on it; exit code 1."""

    exit_code = 1

    def message(self, lang: str) -> str:
        return str(self)


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class Problem:
    """One thing wrong in a plan file, found by validation."""

    __slots__ = ("item_id", "field", "found", "allowed", "index", "line", "place")

    def __init__(
        self,
        item_id: str | None,  # None: the [plan] table or the file as a whole
        field: str | None,
        found: Any,
        allowed: dict[str, str],  # lang -> what is allowed / how to fix
        index: int | None = None,  # position of the item in the file's [[item]] list
        line: int | None = None,  # filled in by the store, which knows the text
        place: tuple[tuple[str, int], ...] = (),  # the table within the file, see below
    ):
        self.item_id, self.field, self.found = item_id, field, found
        self.allowed, self.index, self.line = allowed, index, line
        # Where a table below an item is: (("item", 2), ("log", 0)) is the first [[item.log]]
        # of the third [[item]]; (("removed", 0), ("item", 1)) the second [[removed.item]] of
        # the first [[removed]] record. Empty for an item's own field or the [plan] table.
        self.place = place

    def __repr__(self) -> str:
        return f"Problem({self.item_id!r}, {self.field!r}, {self.found!r}, line={self.line})"

    def at_line(self, line: int | None) -> Problem:
        return Problem(
            self.item_id, self.field, self.found, self.allowed, self.index, line, self.place
        )

    def message(self, lang: str) -> str:
        zh = lang == "zh"
        where = []
        if self.line:
            where.append(f"第 {self.line} 行" if zh else f"line {self.line}")
        steps = dict(self.place)
        if "removed" in steps:
            n = steps["removed"] + 1
            where.append(f"删除存档第 {n} 条（[[removed]]）" if zh else f"[[removed]] number {n}")
            if "item" in steps and self.item_id is not None:
                item_id = _cut(self.item_id)
                where.append(f"存档事项 {item_id}" if zh else f"archived item {item_id}")
            elif "item" in steps:
                k = steps["item"] + 1
                where.append(f"其第 {k} 个事项" if zh else f"its item number {k}")
        elif "" in steps:
            where.append("文件顶层" if zh else "the top level of the file")
        elif self.item_id is not None:
            item_id = _cut(self.item_id)
            where.append(f"事项 {item_id}" if zh else f"item {item_id}")
        elif self.index is not None:
            n = self.index + 1
            where.append(f"第 {n} 个 [[item]]" if zh else f"[[item]] number {n}")
        elif self.field is not None and (not self.place or "plan" in steps):
            where.append("[plan]")  # a field of [plan], or of its log ([[plan.log]])
        if "log" in steps:
            n = steps["log"] + 1
            where.append(f"第 {n} 条进展记录（log）" if zh else f"log entry {n}")
        if self.field:
            from ..controls import visible_key  # (not loaded where no problem is said)

            field = visible_key(self.field)  # ("owner\n": on the one line, as owner\n)
            where.append(f"字段 {field}" if zh else f"field {field}")
        found = _show(self.found, lang)
        sep = "，" if zh else ", "
        if zh:
            return f"{sep.join(where)}：发现 {found}；{self.allowed['zh']}"
        return f"{sep.join(where)}: found {found}; {self.allowed['en']}"


def _show(value: Any, lang: str) -> str:
    """A value found in the file, short and safe to print whatever it is: a long text is cut,
    a huge number is said by its size, a nested value is shown to a few levels."""
    if value is None:
        return "（无）" if lang == "zh" else "nothing"
    return shown_value(value)


SHOWN_LENGTH = 60


def _cut(text: str) -> str:
    """An id as a message names it: one with what cannot be seen in it (a space at an end, a
    line break, a zero-width space, a soft hyphen or a non-breaking space pasted from Word)
    shown in quotes, escaped, so that "1.2 " is not read as 1.2."""
    if text != text.strip() or not text.isprintable():
        return shown_value(text)
    if len(text) <= SHOWN_LENGTH:
        return text
    from ..controls import cut_before  # (not inside a flag, é, 👨‍👩‍👧)

    return cut_before(text, SHOWN_LENGTH) + "…"


def shown_value(value: Any, depth: int = 0) -> str:
    """A short TOML-like rendering of any value read from a file, never longer than about
    SHOWN_LENGTH characters and never recursing more than three levels."""
    if isinstance(value, str):
        if len(value) <= SHOWN_LENGTH:
            return repr(value)
        from ..controls import cut_before

        return repr(cut_before(value, SHOWN_LENGTH)) + "…"  # (not inside a flag, é, 👨‍👩‍👧)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        try:
            text = str(value)
        except ValueError:  # more digits than Python converts
            return f"<{int(value.bit_length() * 0.30103) + 1} digits>"
        digits = len(text.lstrip("-"))
        return text if digits <= SHOWN_LENGTH else f"{text[:20]}…<{digits} digits>"
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, dict | list):
        if depth >= 2:
            return "{…}" if isinstance(value, dict) else "[…]"
        if isinstance(value, dict):
            parts = [f"{k} = {shown_value(v, depth + 1)}" for k, v in list(value.items())[:4]]
            text = "{ " + ", ".join(parts) + (", … }" if len(value) > 4 else " }")
        else:
            parts = [shown_value(v, depth + 1) for v in value[:4]]
            text = "[" + ", ".join(parts) + (", …]" if len(value) > 4 else "]")
        if len(text) <= SHOWN_LENGTH * 2:
            return text
        from ..controls import cut_before

        return cut_before(text, SHOWN_LENGTH * 2) + "…"
    return type(value).__name__


class PlanInvalid(PlanError):
    """The file is TOML but breaks the plan format; carries every problem found."""

    def __init__(self, path: str, problems: list[Problem], lang: Any = None):
        super().__init__(f"{path}: {len(problems)} problem(s)")
        self.path, self.problems = path, problems
        # The language the plan's [plan] names (its lang, where that is zh or en): a command
        # that refuses the file says so in it, as plan check does, not in the locale's.
        self.lang: str | None = lang if lang in ("zh", "en") else None
        # What says the file was cut off at its end (``store.cut_off``), said after the
        # problems; None where nothing does.
        self.cut: tuple[str, ...] | None = None

    def message(self, lang: str) -> str:
        if lang == "zh":
            head = f"{self.path} 不是有效的计划文件（{len(self.problems)} 个问题）："
            tail = "请按上面的说明改正后，用 plan check 检查。"
        else:
            head = f"{self.path} is not a valid plan ({counted(len(self.problems), 'problem')}):"
            tail = "Fix them as described, then run plan check."
        shown = self.problems[:SHOWN_PROBLEMS]
        lines = [head, *(f"  - {p.message(lang)}" for p in shown)]
        more = len(self.problems) - len(shown)
        if more:  # a file broken in one place can have thousands: plan check lists them all
            lines.append(
                f"  - ……另有 {more} 个问题未列出，plan check 会列出全部。"
                if lang == "zh"
                else f"  - … and {more} more, all listed by plan check."
            )
        if self.cut:
            from .reading import cut_note

            lines.append(cut_note(self.path, self.cut, lang).lstrip())
        return "\n".join([*lines, tail])
