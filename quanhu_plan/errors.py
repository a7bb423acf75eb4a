"""Domain errors. The core raises them; the CLI alone turns them into a message and an exit code.

Each error renders itself in either language as one paragraph: what is wrong, where (file, line,
item id) and how to fix it.
"""

from __future__ import annotations

from typing import Any


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
        elif self.field is not None and not self.place:
            where.append("[plan]")
        if "log" in steps:
            n = steps["log"] + 1
            where.append(f"第 {n} 条进展记录（log）" if zh else f"log entry {n}")
        if self.field:
            where.append(f"字段 {self.field}" if zh else f"field {self.field}")
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
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"


def shown_value(value: Any, depth: int = 0) -> str:
    """A short TOML-like rendering of any value read from a file, never longer than about
    SHOWN_LENGTH characters and never recursing more than three levels."""
    if isinstance(value, str):
        return repr(value) if len(value) <= SHOWN_LENGTH else repr(value[:SHOWN_LENGTH]) + "…"
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
        return text if len(text) <= SHOWN_LENGTH * 2 else text[: SHOWN_LENGTH * 2] + "…"
    return type(value).__name__


class PlanSyntaxError(PlanError):
    """The file is not valid TOML."""

    def __init__(self, path: str, line: int | None, column: int | None, detail: str):
        super().__init__(f"{path}:{line}:{column}: {detail}")
        self.path, self.line, self.column, self.detail = path, line, column, detail

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"{self.path} 第 {self.line} 行第 {self.column} 列不是有效的 TOML：{self.detail}。"
                "请改正该处（常见原因：引号不成对、日期写错、同一字段写了两次）后再运行。"
            )
        return (
            f"{self.path} is not valid TOML at line {self.line}, column {self.column}: "
            f"{self.detail}. Fix that spot (unbalanced quotes, a bad date, a key written twice) "
            "and run again."
        )


class PlanBeyondLimits(PlanError):
    """The file is TOML that Python cannot hold or the tool will not read: a number with
    thousands of digits, arrays or tables nested hundreds deep."""

    def __init__(self, path: str, line: int | None, zh: str, en: str):
        super().__init__(f"{path}:{line}: {en}")
        self.path, self.line, self.texts = path, line, {"zh": zh, "en": en}

    def message(self, lang: str) -> str:
        if lang == "zh":
            where = f"第 {self.line} 行" if self.line else ""
            return (
                f"{self.path} {where}{self.texts['zh']}，超出了计划文件的限度，无法读取。"
                "请改正该处后再运行（限度见 README 的“计划文件格式”一节）。"
            )
        where = f" at line {self.line}" if self.line else ""
        return (
            f"{self.path} cannot be read{where}: {self.texts['en']}, beyond what a plan file may "
            "hold. Fix that spot and run again (the limits are in the README, The plan file)."
        )


class PlanInvalid(PlanError):
    """The file is TOML but breaks the plan format; carries every problem found."""

    def __init__(self, path: str, problems: list[Problem]):
        super().__init__(f"{path}: {len(problems)} problem(s)")
        self.path, self.problems = path, problems

    def message(self, lang: str) -> str:
        if lang == "zh":
            head = f"{self.path} 不是有效的计划文件（{len(self.problems)} 个问题）："
            tail = "请按上面的说明改正后，用 plan check 检查。"
        else:
            head = f"{self.path} is not a valid plan ({len(self.problems)} problem(s)):"
            tail = "Fix them as described, then run plan check."
        lines = [head, *(f"  - {p.message(lang)}" for p in self.problems), tail]
        return "\n".join(lines)


class PlanUnwritable(PlanError):
    """The text made of a plan does not read back as that plan (a value TOML cannot carry
    exactly, or a defect of the tool): nothing is written."""

    def __init__(self, path: str, where: str, value: Any):
        super().__init__(f"{path}: {where} does not read back as written")
        self.path, self.where, self.value = path, where, value

    def message(self, lang: str) -> str:
        value = shown_value(self.value)
        if lang == "zh":
            return (
                f"没有写入 {self.path}：{self.where} 的值 {value} 写成文本后读回来不一样，"
                "不能保证原样保存，原文件没有改动。请用 plan check 检查该处，把它改为普通的"
                "文字、数字或日期后重试；如果该值并无异常，这是本工具的缺陷，请报告。"
            )
        return (
            f"{self.path} was not written: the value {value} at {self.where} does not read back "
            "the same once written as text, so it cannot be saved exactly; the file is "
            "unchanged. Run plan check on it and make that value ordinary text, a number or a "
            "date, then try again; if the value looks fine, this is a defect of the tool: "
            "please report it."
        )


class UnknownItem(PlanError):
    def __init__(self, name: str, candidates: list[tuple[str, str]]):
        super().__init__(f"no item {name!r}")
        self.name, self.candidates = name, candidates

    def message(self, lang: str) -> str:
        if lang == "zh":
            text = f"计划中没有编号或名称为“{self.name}”的事项。"
            hint = "用 plan list 查看全部编号。"
            near = "相近的有："
        else:
            text = f"No item has the id or title {self.name!r}. "
            hint = "Run plan list to see every id."
            near = "Close matches: "
        if self.candidates:
            text += (
                near
                + "; ".join(f"{i} {t}" for i, t in self.candidates)
                + ("。" if lang == "zh" else ". ")
            )
        return text + hint


class NotInPlanOn(PlanError):
    """An item asked for with ``--as-of`` that was not in the plan on that day."""

    def __init__(self, item_id: str, title: str, day: Any):
        super().__init__(f"{item_id} was not in the plan on {day}")
        self.item_id, self.title, self.day = item_id, title, day

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"{self.item_id} {self.title} 在 {self.day} 时不在计划中（它是之后新增的，或当时已删除）。"
                f"去掉 --as-of 可查看它现在的情况，plan log {self.item_id} 可查看它的修改记录。"
            )
        return (
            f"{self.item_id} {self.title} was not in the plan on {self.day} (it was added later, "
            f"or had been removed by then). Leave out --as-of to see it as it is now, or run "
            f"plan log {self.item_id} for its history."
        )


class AmbiguousItem(PlanError):
    def __init__(self, name: str, candidates: list[tuple[str, str]]):
        super().__init__(f"{name!r} matches {len(candidates)} items")
        self.name, self.candidates = name, candidates

    def message(self, lang: str) -> str:
        listed = "\n".join(f"  {i}  {t}" for i, t in self.candidates)
        if lang == "zh":
            return f"“{self.name}”与 {len(self.candidates)} 个事项相符，请改用编号：\n{listed}"
        return f"{self.name!r} matches {len(self.candidates)} items; use an id:\n{listed}"


class ReadOnlyPlan(PlanError):
    """A change was asked of the embedded plan, which is part of the installed program."""

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                "当前使用的是内置的2023年计划，它是只读的。请先运行 plan init 在当前目录生成 "
                "plan.toml（或用 --file / PLAN_FILE 指定一个计划文件），再进行修改。"
            )
        return (
            "This is the embedded 2023 plan, which is read-only. Run plan init to get a copy "
            "(plan.toml in this folder), or point --file / PLAN_FILE at a plan file, then change that."
        )


class PlanFileError(PlanError):
    """The file could not be read, written or locked (missing, permission denied, disk full…)."""

    def __init__(self, path: str, action: str, reason: str):
        super().__init__(f"cannot {action} {path}: {reason}")
        self.path, self.action, self.reason = path, action, reason

    def message(self, lang: str) -> str:
        zh_action = {"read": "读取", "write": "写入", "lock": "锁定", "create": "创建"}
        if lang == "zh":
            text = f"无法{zh_action.get(self.action, self.action)} {self.path}：{self.reason}。"
            if self.action in ("write", "lock"):
                text += "原文件没有改动。"
            return text + "请检查路径、权限和磁盘空间后重试。"
        text = f"Cannot {self.action} {self.path}: {self.reason}."
        if self.action in ("write", "lock"):
            text += " The original file is unchanged."
        return text + " Check the path, permissions and free disk space, then try again."


class FileExists(PlanError):
    def __init__(self, path: str):
        super().__init__(f"{path} exists")
        self.path = path

    def message(self, lang: str) -> str:
        if lang == "zh":
            return f"{self.path} 已经存在，没有覆盖。请换一个路径，或先把原文件移走。"
        return f"{self.path} already exists and was not overwritten. Choose another path or move it away first."


class BadChange(PlanError):
    """A change that cannot be made as asked (a goal ticked off without --all, an undo that
    would overwrite a later edit…); the message says why and what to do instead."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.texts = {"zh": zh, "en": en}

    def message(self, lang: str) -> str:
        return self.texts.get(lang, self.texts["en"])


class NothingToUndo(BadChange):
    def __init__(self) -> None:
        super().__init__(
            "没有可以撤销的修改：计划中每一次修改都已撤销，或还没有用 plan 修改过。",
            "Nothing to undo: every change made with plan has been undone, or none was made yet.",
        )


class ChangeDeclined(BadChange):
    """The user answered no (or could not be asked) to a confirmation: nothing was written."""


class OutputExists(FileExists):
    """A report would overwrite a file and nobody said yes (no terminal to ask, or answered no)."""

    def message(self, lang: str) -> str:
        if lang == "zh":
            return f"{self.path} 已经存在，没有覆盖。如需覆盖请加 --force，或换一个输出路径。"
        return f"{self.path} already exists and was not overwritten. Add --force to overwrite it, or choose another path."
