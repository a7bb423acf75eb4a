"""Domain errors. The core raises them; the CLI alone turns them into a message and an exit code.

Each error renders itself in either language as one paragraph: what is wrong, where (file, line,
item id) and how to fix it. The errors of items and changes are here; ``base`` holds the root
and the problems validation finds, ``reading`` what reading a plan file finds wrong (its TOML,
its encoding, nothing in it), ``files`` the file system's. Every one is imported from here.
"""

from __future__ import annotations

from typing import Any

from ..texts import plural_s, title_in_line
from .base import SHOWN_PROBLEMS, PlanError, PlanInvalid, Problem, shown_value
from .files import (
    FILE_KINDS,
    BlankPlanFileSetting,
    CacheEntryDamaged,
    CloudOnlyFile,
    FileExists,
    InterruptedWrite,
    NotAFile,
    OutputExists,
    OutputIsThePlan,
    PathThroughFile,
    PlanFileError,
    PlanFileMissing,
    PlanInCodeFolder,
    PlanNotWritable,
    PlanTooLarge,
    ReadOnlyPlan,
    reason_in_chinese,
)
from .paths_as_typed import UnportableName
from .reading import (
    ConflictMarkers,
    EmptyPlanFile,
    NotUtf8,
    PlanBeyondLimits,
    PlanSyntaxError,
)

__all__ = [
    "BlankPlanFileSetting",
    "CacheEntryDamaged",
    "SHOWN_PROBLEMS",
    "FILE_KINDS",
    "PlanError",
    "Problem",
    "shown_value",
    "PlanSyntaxError",
    "ConflictMarkers",
    "PlanBeyondLimits",
    "PlanInvalid",
    "PlanUnwritable",
    "UnknownItem",
    "NotInPlanOn",
    "AmbiguousItem",
    "ReadOnlyPlan",
    "PlanInCodeFolder",
    "PlanFileError",
    "CloudOnlyFile",
    "PlanFileMissing",
    "UnportableName",
    "NotUtf8",
    "EmptyPlanFile",
    "reason_in_chinese",
    "NotAFile",
    "OutputIsThePlan",
    "PlanNotWritable",
    "PathThroughFile",
    "PlanTooLarge",
    "ItemsWouldBeLost",
    "InterruptedWrite",
    "CommentsWillBeLost",
    "FormatDropsComments",
    "FileExists",
    "BadChange",
    "NothingToUndo",
    "ChangeDeclined",
    "OutputExists",
    "PagerFailed",
]


class PagerFailed(PlanError):
    """The pager (``$PAGER``) ended with an error: what it showed, if anything, is unknown."""

    def __init__(self, command: str, status: int, variable: str = "PAGER"):
        super().__init__(f"the pager {command} exited with status {status}")
        self.command, self.status, self.variable = command, status, variable

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"分页器 {self.command}（${self.variable}）出错退出（退出码 {self.status}），内容可能"
                f"没有显示出来：去掉 --pager 再运行一次，或把环境变量 {self.variable} 改为能用的"
                f"分页器，如 {self.variable}=less。"
            )
        return (
            f"The pager {self.command} (${self.variable}) failed (exit status {self.status}), so "
            "the output may not have been shown: run the command again without --pager, or "
            f"set {self.variable} to a pager that works, e.g. {self.variable}=less."
        )


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
    """No item by that id or title; ``removed``: (id, title) of the item removed with that id,
    which is in the file's archive of removed items; ``numbered``: (id, title) of the items
    whose county task number (key) it is; ``meant``: (id, title) of the item whose id it
    writes otherwise (5-5-1, 5、5、1 for 5.5.1)."""

    def __init__(
        self,
        name: str,
        candidates: list[tuple[str, str]],
        removed: tuple[str, str] | None = None,
        numbered: list[tuple[str, str]] | None = None,
        meant: tuple[str, str] | None = None,
    ):
        super().__init__(f"no item {name!r}")
        self.name, self.candidates, self.removed = name, candidates, removed
        self.numbered, self.meant = numbered or [], meant

    def message(self, lang: str) -> str:
        if self.removed is not None:
            from ..shell_words import quote

            item_id, title = self.removed
            if lang == "zh":
                return (
                    f"计划中没有编号为“{item_id}”的事项：{item_id} {title} 已删除，在文件的删除存档中。"
                    f"plan log {quote(item_id)} 可查看它的记录；需要时由删除者 plan undo 恢复。"
                )
            return (
                f"The plan has no item {item_id}: {item_id} {title} was removed and is in the "
                f"file's archive. Run plan log {quote(item_id)} for its history; the person who removed "
                "it can bring it back with plan undo."
            )
        if lang == "zh":
            from ..controls import typed_shown

            text = f"计划中没有编号或名称为“{typed_shown(self.name)}”的事项。"
            hint = "用 plan list 查看全部编号。"
            near = "相近的有："
        else:
            from ..controls import typed_quoted

            text = f"No item has the id or title {typed_quoted(self.name)}. "
            hint = "Run plan list to see every id."
            near = "Close matches: "
        if self.numbered:
            listed = ("；" if lang == "zh" else "; ").join(f"{i} {t}" for i, t in self.numbered)
            ids = ("、" if lang == "zh" else ", ").join(i for i, _ in self.numbered)
            if lang == "zh":
                many = "有" if len(self.numbered) > 1 else "是"
                text += f"县级任务编号为 {self.name} 的{many} {listed}，请用它的编号 {ids}。"
            else:
                text += f"The county task number {self.name} is {listed}: use its id, {ids}. "
        elif self.meant is not None:
            import re

            from ..inputs import typed_id

            item_id, title = self.meant
            # 5-5-1, 5、5、1, 5. 5. 1 (not 5.5.1项 or 5.5.01): what separates the levels is said
            apart = re.search(r"[0-9][-、，,/\s]+[0-9]|[0-9]\.\s", typed_id(self.name))
            if lang == "zh":
                text += f"是不是要写 {item_id}（{title_in_line(title)}）？"
                text += "编号的各级之间用点（.）隔开。" if apart else ""
            else:
                text += f"Did you mean {item_id} ({title_in_line(title)})? "
                text += "The levels of an id are separated by dots. " if apart else ""
            return text + hint  # (not also the advice on words run together: 5、5、1 is one id)
        elif self.candidates:
            text += (
                near
                + "; ".join(f"{i} {t}" for i, t in self.candidates)
                + ("。" if lang == "zh" else ". ")
            )
        from ..inputs import run_together_advice

        # plan done 2.2.3，2.2.2 or 5.5.2　--on: two words the input method typed as one
        joined = run_together_advice([self.name])
        if joined:
            text += joined[0] if lang == "zh" else f"{joined[1]} "
        return text + hint


class NotInPlanOn(PlanError):
    """An item asked for with ``--as-of`` that was not in the plan on that day."""

    def __init__(self, item_id: str, title: str, day: Any):
        super().__init__(f"{item_id} was not in the plan on {day}")
        self.item_id, self.title, self.day = item_id, title, day

    def message(self, lang: str) -> str:
        from ..shell_words import quote

        if lang == "zh":
            return (
                f"{self.item_id} {title_in_line(self.title)} 在 {self.day} 时不在计划中（它是之后新增的，或当时已删除）。"
                f"去掉 --as-of 可查看它现在的情况，plan log {quote(self.item_id)} 可查看它的修改记录。"
            )
        return (
            f"{self.item_id} {title_in_line(self.title)} was not in the plan on {self.day} (it was added later, "
            f"or had been removed by then). Leave out --as-of to see it as it is now, or run "
            f"plan log {quote(self.item_id)} for its history."
        )


class AmbiguousItem(PlanError):
    def __init__(self, name: str, candidates: list[tuple[str, str]]):
        super().__init__(f"{name!r} matches {len(candidates)} items")
        self.name, self.candidates = name, candidates

    def message(self, lang: str) -> str:
        from ..terminal.widths import character_width

        # The titles in a column of their own, however long the ids before them.
        cells = [sum(map(character_width, item_id)) for item_id, _ in self.candidates]
        widest = max(cells, default=0)
        listed = "\n".join(
            f"  {item_id}{' ' * (widest - width)}  {title}"
            for (item_id, title), width in zip(self.candidates, cells, strict=True)
        )
        if lang == "zh":
            return f"“{self.name}”与 {len(self.candidates)} 个事项相符，请改用编号：\n{listed}"
        return f"{self.name!r} matches {len(self.candidates)} items; use an id:\n{listed}"


class ItemsWouldBeLost(PlanError):
    """The last guard before a plan is replaced: a change would write fewer items (live or in
    the ``[[removed]]`` archive) than it read."""

    def __init__(self, path: str, ids: list[str]):
        super().__init__(f"{path}: the change would lose item(s) {', '.join(ids)}")
        self.path, self.ids = path, ids

    def message(self, lang: str) -> str:
        shown = self.ids[:10]
        more = len(self.ids) - len(shown)
        if lang == "zh":
            listed = "、".join(shown) + (f" 等 {len(self.ids)} 个" if more else "")
            return (
                f"没有写入 {self.path}：这次修改会让事项 {listed} 从文件中消失（既不在计划里，也不在"
                "删除记录 [[removed]] 里），所以被拒绝，文件没有改动。常见原因是手工编辑让上级关系"
                "形成了循环（parent 互相指向）；请运行 plan check 找出并改正后再试。如果 plan check "
                "没有发现问题，请把计划文件和所运行的命令报告给维护者。"
            )
        listed = ", ".join(shown) + (f" and {more} more" if more else "")
        return (
            f"Did not write {self.path}: the change would make item{plural_s(len(self.ids))} {listed} vanish from the "
            "file (neither in the plan nor in the [[removed]] archive), so it was refused and "
            "the file is unchanged. A hand edit that makes parents point at each other (a cycle) "
            "is the usual cause; run plan check, fix what it finds and try again. If plan check "
            "finds nothing, please report the plan file and the command to the maintainers."
        )


class CommentsWillBeLost:
    """Not an error: a change that had to rewrite the whole file in the canonical layout (the
    file is laid out in a way a change cannot edit line by line, or ``plan fmt --force``)
    dropped its ``#`` comments. Every other change keeps them."""

    def __init__(self, path: str):
        self.path = path

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"注意：{self.path} 这次按标准格式整个重写了，里面手写的 # 注释没有保留下来"
                "（修改照常完成）。plan 平时只改动涉及的几行、保留注释；整个重写发生在 plan fmt，"
                "或文件的写法无法逐行修改时（例如把 log 写成了行内数组）。要留住注释里的内容，"
                "请从备份或 git 找回原文，把它写进事项的 detail，或用 plan note 记为进展。"
            )
        return (
            f"Note: {self.path} was rewritten whole in the canonical layout, and its hand-written "
            "# comments were not kept (the change was made). plan otherwise rewrites only the "
            "lines a change touches and keeps comments; a whole rewrite happens with plan fmt, "
            "or when the file is laid out in a way that cannot be edited line by line (a log "
            "written as an inline array, say). To keep what the comments said, take the old "
            "text from a backup or git and put it in an item's detail or a plan note."
        )


class FormatDropsComments(PlanError):
    """``plan fmt`` on a file with comments, without --force; ``lines``: the numbers of the
    lines they are on, the first named for the user to look at."""

    def __init__(self, path: str, lines: list[int] | None = None):
        super().__init__(f"{path} has comments")
        self.path, self.lines = path, lines or []

    def message(self, lang: str) -> str:
        lines = self.lines
        if lang == "zh":
            where = f"（共 {len(lines)} 行，第一处在第 {lines[0]} 行）" if lines else ""
            return (
                f"{self.path} 里有手写的 # 注释{where}，按标准格式重写会丢掉它们，所以没有重写。"
                "确要重写请加 --force（先把注释里要留的内容写进 detail 或 plan note）。"
            )
        where = ""
        if lines:
            on = "1 line" if len(lines) == 1 else f"{len(lines)} lines"
            where = f" (on {on}, the first on line {lines[0]})"
        return (
            f"{self.path} has hand-written # comments{where}, which a canonical rewrite would "
            "drop, so it was not rewritten. Add --force to rewrite it anyway (put what the "
            "comments say into an item's detail or a plan note first)."
        )


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
