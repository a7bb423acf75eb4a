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
        elif self.field is not None and (not self.place or "plan" in steps):
            where.append("[plan]")  # a field of [plan], or of its log ([[plan.log]])
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


# Words tomllib's reasons say, in Chinese (what it says is kept where it has none here).
TOML_DETAILS_ZH = (
    (r"Invalid statement", "这一行既不是“字段 = 值”，也不是 [表头]"),
    (r"Invalid value", "等号后面的值写得不对（文字要用英文双引号括起来）"),
    (r"Unterminated string", "引号没有结束"),
    (r"Expected '=' after a key in a key/value pair", "字段名后面缺少等号 ="),
    (r"Cannot overwrite a value", "同一个字段写了两次"),
    (r"Cannot declare (.+) twice", r"表 \1 写了两次"),
    (r"Invalid date or datetime", "日期或时间写得不对"),
    (r"Unclosed array", "数组缺少结尾的 ]"),
    (r"Unclosed inline table", "行内表缺少结尾的 }"),
    (r"Illegal character (.+)", r"有不允许出现的字符 \1"),
    (r"Invalid initial character for a key part", "字段名的开头有不允许出现的字符"),
    (
        r"Expected newline or end of document after a statement",
        "一个字段的值后面，同一行还有别的内容",
    ),
    (r"Expected ']' at the end of a table declaration", "表头缺少结尾的 ]"),
    (r"Expected ']]' at the end of an array declaration", "表头缺少结尾的 ]]"),
)


def toml_detail_zh(detail: str) -> str:
    import re

    for pattern, chinese in TOML_DETAILS_ZH:
        if re.fullmatch(pattern, detail):
            return re.sub(pattern, chinese, detail)
    return detail


class PlanSyntaxError(PlanError):
    """The file is not valid TOML. ``hint`` names a likely cause the message explains:
    ``unquoted_period`` (due = 2023-05), ``curly_quotes`` (Word's “ ”), ``table`` (columns
    pasted from a spreadsheet), ``cut_off`` (the file ends in the middle of a line)."""

    def __init__(
        self,
        path: str,
        line: int | None,
        column: int | None,
        detail: str,
        *,
        unquoted_period: bool = False,
        hint: str | None = None,
    ):
        super().__init__(f"{path}:{line}:{column}: {detail}")
        self.path, self.line, self.column, self.detail = path, line, column, detail
        self.hint = "unquoted_period" if unquoted_period else hint
        self.unquoted_period = self.hint == "unquoted_period"

    def _where(self, lang: str) -> str:
        if lang == "zh":
            where = f"第 {self.line} 行" if self.line else ""
            return where + (f"第 {self.column} 列" if self.line and self.column else "")
        where = f" at line {self.line}" if self.line else ""
        return where + (f", column {self.column}" if self.line and self.column else "")

    def message(self, lang: str) -> str:
        if lang == "zh":
            head = (
                f"{self.path} {self._where('zh')}不是有效的 TOML：{toml_detail_zh(self.detail)}。"
            )
            if self.hint == "curly_quotes":
                return head + (
                    "这一行的引号是中文弯引号 “ ” 或 ‘ ’（Word、WPS 的自动更正会把直引号换掉），"
                    '计划文件只认英文直引号：请把它们改成 "（如 owner = "张三"）后再运行；'
                    "计划文件请用记事本修改，不要用 Word。"
                )
            if self.hint == "table":
                return head + (
                    "这一行像是从 Excel 或 WPS 表格粘贴进来的表格（各列之间是制表符）。计划文件是 "
                    "TOML 文本，不是表格：表格请用 plan import 导入（如 plan import 任务分解表.xlsx），"
                    "计划文件请从备份或 git 找回（git checkout -- 文件名）。"
                )
            if self.hint == "cut_off":
                return head + (
                    f"文件在第 {self.line} 行中途结束，可能保存、复制或同步时被中断，没有写完整：请与"
                    f"备份或 git 中的版本比较（git diff {self.path}），补上缺少的部分，或用 "
                    f"git checkout -- {self.path} 取回上次提交的版本，再用 plan check 检查。"
                )
            cause = (
                '月份和季度要加引号，如 due = "2023-05"、due = "2023-Q2"（日期不加引号：2023-06-30）'
                if self.unquoted_period
                else "常见原因：引号不成对、日期写错、同一字段写了两次"
            )
            return head + f"请改正该处（{cause}）后再运行。"
        head = f"{self.path} is not valid TOML{self._where('en')}: {self.detail}."
        if self.hint == "curly_quotes":
            return head + (
                " The quotes on that line are curly quotes “ ” or ‘ ’ (Word's and WPS's "
                'AutoCorrect put them in); a plan file takes straight quotes only: type them as " '
                '(owner = "张三") and run again; edit a plan file in Notepad, not in Word.'
            )
        if self.hint == "table":
            return head + (
                " That line looks like a table pasted from Excel or WPS (columns separated by "
                "tabs). A plan file is TOML text, not a table: bring a table in with plan import "
                "(plan import tasks.xlsx), and restore the plan file from a backup or git "
                "(git checkout -- FILE)."
            )
        if self.hint == "cut_off":
            return head + (
                f" The file ends in the middle of line {self.line}: it was probably cut off "
                "while being saved, copied or synced. Compare it with a backup or git "
                f"(git diff {self.path}) and add what is missing, or take the last committed "
                f"version with git checkout -- {self.path}; then run plan check."
            )
        cause = (
            'a month or a quarter is written in quotes, due = "2023-05" or due = "2023-Q2" '
            "(a date is not: 2023-06-30)"
            if self.unquoted_period
            else "unbalanced quotes, a bad date, a key written twice"
        )
        return head + f" Fix that spot ({cause}) and run again."


class ConflictMarkers(PlanSyntaxError):
    """git merged the plan as plain text and left its conflict markers (``<<<<<<<``,
    ``=======``, ``>>>>>>>``) in it: the driver was not set up in this clone, or
    ``.gitattributes`` names the plan by a name it no longer has. ``conflicts``: the line of
    each ``<<<<<<<`` and the item it is in (None: outside any item, ``[plan]``: the header)."""

    def __init__(self, path: str, conflicts: list[tuple[int, str | None]]):
        line = conflicts[0][0]
        super().__init__(path, line, 1, "git conflict markers")
        self.conflicts = conflicts

    def message(self, lang: str) -> str:
        line, item = self.conflicts[0]
        count, path = len(self.conflicts), self.path
        if lang == "zh":
            where = f"第 {line} 行" + (f"，事项 {item}" if item else "")
            first = "第一处在" if count > 1 else "在"
            return (
                f"{path} 里有 {count} 处 git 的冲突标记（{first}{where}）：git 把它当作普通文本合并"
                "了，<<<<<<< 与 ======= 之间是我方的内容，======= 与 >>>>>>> 之间是对方的内容，"
                "这样的文件哪个命令都读不了。这通常是因为这个克隆没有运行过 plan git-setup，或者"
                "计划文件改过名、.gitattributes 里写的还是旧名字。要逐项合并：先在这个克隆里运行 "
                "plan git-setup（它把这个文件名写进 .gitattributes），合并还没有提交时（git status "
                f"显示 both modified）运行 git checkout --merge {path} 重新合并，用 plan check "
                f"检查后 git add {path} .gitattributes 并 git commit；也可以 git merge --abort 放弃"
                "这次合并（git pull --rebase 时用 git rebase --abort），运行 plan git-setup 后再 "
                "git pull。如果只保留一边，手工删去另一边和三行标记（另一边的修改就不要了），再用 "
                "plan check 检查。"
            )
        where = f"line {line}" + (f", item {item}" if item else "")
        first = "the first at " if count > 1 else "at "
        return (
            f"{path} holds git's conflict markers for {count} conflict(s) ({first}{where}): git merged it as "
            "plain text; between <<<<<<< and ======= is our side, between ======= and >>>>>>> "
            "theirs, and no command reads such a file. Usually this clone never ran plan "
            "git-setup, or the plan was renamed and .gitattributes still names the old file. To "
            "merge it item by item: run plan git-setup in this clone (it writes this file's "
            "name into .gitattributes), then, while the merge is not yet committed (git status "
            f"says both modified), git checkout --merge {path} to merge it again, check it with "
            f"plan check, git add {path} .gitattributes and git commit; or give up the merge "
            "with git merge --abort (git rebase --abort in git pull --rebase), run plan "
            "git-setup and git pull again. To keep one side only, delete the other side and "
            "the three marker lines by hand (its changes are then dropped) and run plan check."
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
                "请改正该处后再运行（限度见 docs/format.md，计划文件格式）。"
            )
        where = f" at line {self.line}" if self.line else ""
        return (
            f"{self.path} cannot be read{where}: {self.texts['en']}, beyond what a plan file may "
            "hold. Fix that spot and run again (the limits are in docs/format.md, The plan file)."
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
    """No item by that id or title; ``removed``: (id, title) of the item removed with that id,
    which is in the file's archive of removed items."""

    def __init__(
        self,
        name: str,
        candidates: list[tuple[str, str]],
        removed: tuple[str, str] | None = None,
    ):
        super().__init__(f"no item {name!r}")
        self.name, self.candidates, self.removed = name, candidates, removed

    def message(self, lang: str) -> str:
        if self.removed is not None:
            item_id, title = self.removed
            if lang == "zh":
                return (
                    f"计划中没有编号为“{item_id}”的事项：{item_id} {title} 已删除，在文件的删除存档中。"
                    f"plan log {item_id} 可查看它的记录；需要时由删除者 plan undo 恢复。"
                )
            return (
                f"The plan has no item {item_id}: {item_id} {title} was removed and is in the "
                f"file's archive. Run plan log {item_id} for its history; the person who removed "
                "it can bring it back with plan undo."
            )
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
    """The file could not be read, written or locked (missing, permission denied, disk full…).

    ``errno`` (when the system gave one) picks the advice, so that a permission problem is not
    sent to check the disk space, and the Chinese of the system's reason (``reason_zh`` gives
    it for a reason of the tool's own)."""

    def __init__(
        self,
        path: str,
        action: str,
        reason: str,
        errno: int | None = None,
        reason_zh: str | None = None,
    ):
        super().__init__(f"cannot {action} {path}: {reason}")
        self.path, self.action, self.reason, self.errno = path, action, reason, errno
        self.reason_zh = reason_zh

    def message(self, lang: str) -> str:
        zh_action = {"read": "读取", "write": "写入", "lock": "锁定", "create": "创建"}
        zh_advice, en_advice = _advice(self.errno)
        if lang == "zh":
            reason = self.reason_zh or reason_in_chinese(self.reason, self.errno)
            text = f"无法{zh_action.get(self.action, self.action)} {self.path}：{reason}。"
            if self.action in ("write", "lock"):
                text += "原文件没有改动。"
            return text + zh_advice
        text = f"Cannot {self.action} {self.path}: {self.reason}."
        if self.action in ("write", "lock"):
            text += " The original file is unchanged."
        return text + " " + en_advice


# How to save a file as UTF-8 on an office PC, after what to reopen it as (VS Code's name of the
# encoding it was saved in): (zh, en).
def _save_as_utf8(reopen: str | None) -> tuple[str, str]:
    vscode_zh = f"选“通过编码重新打开 → {reopen}”，再点一次，选" if reopen else "选"
    vscode_en = f"Reopen with Encoding → {reopen}, click it again, then " if reopen else ""
    return (
        "请用记事本打开它，点“文件 → 另存为”，在窗口下方的“编码”中选“UTF-8”后保存；用 VS Code 时，"
        f"点窗口右下角显示的编码，{vscode_zh}“通过编码保存 → UTF-8”；用 WPS 文字时，另存为“纯文本"
        "（*.txt）”，在弹出的“文件转换”中选其他编码“Unicode (UTF-8)”，再把文件名改回原来的。"
        "然后重试。",
        "Open it in Notepad, choose File → Save As, pick UTF-8 under Encoding at the bottom and "
        f"save; in VS Code, click the encoding in the status bar, {vscode_en}Save with Encoding → "
        "UTF-8; in WPS Writer, save as Plain Text and pick Unicode (UTF-8) in the File "
        "Conversion dialog, then give the file its name back. Then try again.",
    )


# What a file that is not UTF-8 text most likely is (see store.files.text_kind): the zh and en
# words, and VS Code's name of the encoding to reopen it with (None: a document, not text).
NOT_UTF8_KINDS = {
    "gbk": ("GBK（GB18030，Windows 的“ANSI”）", 'GBK (GB18030, Windows\' "ANSI")', "GB18030"),
    "cp1252": (
        "Windows 西文编码（Windows-1252，Word 的弯引号 “ ” 常带来它）",
        "the Windows Western encoding (Windows-1252, which Word's curly quotes “ ” often bring)",
        "Windows 1252",
    ),
    "utf-16": (
        "UTF-16 编码的文本（记事本另存为时的“Unicode”或“UTF-16 LE”）",
        'UTF-16 text (Notepad\'s "Unicode" or "UTF-16 LE")',
        "UTF-16 LE",
    ),
    "utf-32": ("UTF-32 编码的文本", "UTF-32 text", "UTF-32"),
}
DOCUMENT_KINDS = {
    "word": ("Word 或 WPS 文档（.docx）", "a Word or WPS document (.docx)"),
    "excel": ("Excel 或 WPS 表格（.xlsx）", "an Excel or WPS workbook (.xlsx)"),
    "zip": ("Word、Excel 或 WPS 的文档（zip 格式）", "a Word, Excel or WPS document (a zip file)"),
    "ole": (
        "旧版 Office 或 WPS 文档（.doc、.xls、.wps、.et）",
        "an old Office or WPS document (.doc, .xls, .wps, .et)",
    ),
    "pdf": ("PDF 文件", "a PDF file"),
}


class NotUtf8(PlanFileError):
    """The file is not UTF-8 text: ``kind`` says what it most likely is, a key of
    ``NOT_UTF8_KINDS`` (text in another encoding), of ``DOCUMENT_KINDS`` (a document renamed
    or saved from an office program), or ``unknown``; ``line`` and ``column`` (from 1, in
    characters) where the first byte that is not UTF-8 is."""

    def __init__(self, path: str, kind: str, line: int | None = None, column: int | None = None):
        import errno

        super().__init__(path, "read", f"not UTF-8 text ({kind})", errno.EILSEQ)
        self.kind, self.line, self.column = kind, line, column

    def message(self, lang: str) -> str:
        zh = lang == "zh"
        path = self.path
        if self.kind in DOCUMENT_KINDS:
            what = DOCUMENT_KINDS[self.kind][0 if zh else 1]
            sep = " " if what[0].isascii() else ""
            if zh:
                return (
                    f"无法读取 {path}：它不是文本文件，而是{sep}{what}，大概是把文档改成了这个名字，或在 "
                    "Word、WPS 里另存过。计划文件是纯文本（TOML），只能用记事本之类的编辑器修改："
                    f"请从备份或 git 找回原来的计划文件（git checkout -- {path}）；Excel 的任务分解表"
                    "请用 plan import 导入。"
                )
            return (
                f"Cannot read {path}: it is not text but {what}, probably a document renamed to "
                "this name or saved over it from Word or WPS. A plan file is plain text (TOML), "
                "edited in Notepad or the like: restore the plan file from a backup or git "
                f"(git checkout -- {path}); bring an Excel task table in with plan import."
            )
        save_zh, save_en = _save_as_utf8(NOT_UTF8_KINDS.get(self.kind, (None, None, None))[2])
        if self.line is not None:
            where_zh = f"从第 {self.line} 行第 {self.column} 列起"
            where_en = f" from line {self.line}, column {self.column} on"
        else:
            where_zh = where_en = ""
        if self.kind in ("utf-16", "utf-32"):
            what_zh, what_en, _ = NOT_UTF8_KINDS[self.kind]
            if zh:
                return f"无法读取 {path}：它是 {what_zh}，plan 只读 UTF-8 编码的计划文件。{save_zh}"
            return f"Cannot read {path}: it is {what_en}; plan reads plan files in UTF-8 only. {save_en}"
        if self.kind in NOT_UTF8_KINDS:
            what_zh, what_en, _ = NOT_UTF8_KINDS[self.kind]
            if zh:
                return (
                    f"无法读取 {path}：它不是 UTF-8 编码的文本，{where_zh}像是用 {what_zh}保存的，"
                    f"plan 只读 UTF-8 编码的计划文件。{save_zh}"
                )
            return (
                f"Cannot read {path}: it is not UTF-8 text; it looks saved in {what_en}{where_en}, "
                f"and plan reads plan files in UTF-8 only. {save_en}"
            )
        if zh:
            return (
                f"无法读取 {path}：它不是 UTF-8 编码的文本（{where_zh}），也看不出是用哪种编码保存的，"
                f"plan 只读 UTF-8 编码的计划文件。{save_zh}"
            )
        return (
            f"Cannot read {path}: it is not UTF-8 text ({where_en.strip()}), in no encoding plan "
            f"recognises; plan reads plan files in UTF-8 only. {save_en}"
        )


class EmptyPlanFile(PlanInvalid):
    """The plan file holds nothing (no bytes, a BOM, blank lines): cut off or emptied. A
    PlanInvalid with no problems listed, so that whatever passes over a file that is not a
    plan (``plan county`` in a folder) passes over an empty one as before."""

    def __init__(self, path: str):
        super().__init__(path, [])

    def message(self, lang: str) -> str:
        path = self.path
        if lang == "zh":
            return (
                f"{path} 是空的，里面没有计划（没有内容，或只有空行）。常见原因是保存、复制或同步时"
                "被中断，或被别的程序清空了。请从备份或 git 找回它（git checkout -- "
                f"{path}，或用 git log -- {path} 找以前的版本）；要从头开始，删除它后运行 plan init。"
            )
        return (
            f"{path} is empty: it holds no plan (nothing, or blank lines only). Saving, copying "
            "or syncing was probably cut off, or another program emptied it. Restore it from a "
            f"backup or git (git checkout -- {path}, or find an earlier version with git log -- "
            f"{path}); to start afresh, delete it and run plan init."
        )


# The system's reasons a file cannot be used, in Chinese, by the name of their error number (the
# English is the system's own words, ``os.strerror``).
OS_REASONS_ZH = {
    "ENOENT": "文件不存在",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EACCES": "没有权限",
    "EPERM": "操作不被允许",
    "EISDIR": "这是一个文件夹，不是文件",
    "ENOSPC": "磁盘已满",
    "EDQUOT": "超出了磁盘配额",
    "EROFS": "所在的磁盘是只读的",
    "ENAMETOOLONG": "文件名或路径太长",
    "ELOOP": "符号链接层数太多（可能链接成了一个圈）",
    "EIO": "读写磁盘时出错",
    "EEXIST": "文件已经存在",
    "EBUSY": "文件正被其他程序占用",
    "ETXTBSY": "文件正被其他程序占用",
    "EMFILE": "打开的文件太多",
    "ENFILE": "系统打开的文件太多",
    "EFBIG": "文件太大",
    "EAGAIN": "文件暂时被其他程序占用",
    "EILSEQ": "不是 UTF-8 编码的文本",
    "EXDEV": "不能跨磁盘移动文件",
    "ESTALE": "网络文件已失效",
    "ETIMEDOUT": "连接超时",
}


def reason_in_chinese(reason: str, code: int | None = None) -> str:
    """The Chinese of a system's reason, by its error number or, without one, by its English
    words (``os.strerror``); a reason not known is given as the system said it."""
    import errno
    import os

    for name, chinese in OS_REASONS_ZH.items():
        number = getattr(errno, name, None)
        if number is None:
            continue
        if code == number or (code is None and reason.lower() == os.strerror(number).lower()):
            return chinese
    if reason.lower() == "no such file":
        return OS_REASONS_ZH["ENOENT"]
    return OWN_REASONS_ZH.get(reason, f"系统报告“{reason}”")


# Reasons the store gives in English where the system gave none.
OWN_REASONS_ZH = {
    "the written text did not read back as written": "写入后读回的内容与写入的不一致",
}


def _advice(code: int | None) -> tuple[str, str]:
    """(zh, en) advice that fits the system's error number."""
    import errno

    if code in (errno.ENOENT, errno.ENOTDIR):
        return "请检查路径是否正确后重试。", "Check the path, then try again."
    if code == errno.EISDIR:
        return (
            "请指定文件本身，而不是它所在的文件夹。",
            "Name the file itself, not its folder.",
        )
    if code in (errno.ENAMETOOLONG, errno.ELOOP):
        return (
            "请换一个短一些的路径，或检查路径中的符号链接。",
            "Use a shorter path, or check the symbolic links on it.",
        )
    if code in (errno.EBUSY, errno.ETXTBSY, errno.EMFILE, errno.ENFILE):
        return (
            "请关闭正在使用它的程序（如 WPS、Excel、编辑器）后重试。",
            "Close the programs using it (a spreadsheet, an editor), then try again.",
        )
    if code == errno.EIO:
        return (
            "磁盘或网络盘可能出了问题，请检查后重试。",
            "The disk or network drive may be failing; check it, then try again.",
        )
    if code in (errno.EACCES, errno.EPERM):
        return (
            "请检查你对该文件及其所在文件夹的权限（ls -l）后重试。",
            "Check your permissions on the file and its folder (ls -l), then try again.",
        )
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (
            "磁盘空间（或配额）已满，请腾出空间后重试。",
            "Free some disk space (or quota), then try again.",
        )
    if code == errno.EROFS:
        return (
            "该文件所在的磁盘是只读挂载的，请换一个可写的位置。",
            "The disk it is on is mounted read-only; use a writable place.",
        )
    if code == errno.EILSEQ:  # the text is not UTF-8
        return (
            "它不是 UTF-8 编码的文本（可能用 GBK 保存过）：请在记事本或 WPS 中另存为 UTF-8 后重试。",
            "It is not UTF-8 text (it may have been saved as GBK): save it as UTF-8 in your "
            "editor, then try again.",
        )
    if code == errno.EAGAIN:
        return (
            "请等另一个 plan 命令（或编辑器）结束后重试。",
            "Wait for the other plan command (or editor) to finish, then try again.",
        )
    return (
        "请检查路径、权限和磁盘空间后重试。",
        "Check the path, permissions and free disk space, then try again.",
    )


# What stat() found where a regular file was needed: (zh, en).
FILE_KINDS = {
    "folder": ("一个文件夹", "a folder"),
    "fifo": ("一个命名管道（FIFO）", "a named pipe (FIFO)"),
    "device": ("一个设备文件", "a device"),
    "socket": ("一个套接字", "a socket"),
    "link": ("一个符号链接", "a symbolic link"),
    "dangling": ("一个指向不存在文件的符号链接", "a symbolic link to a file that does not exist"),
    "other": ("一个特殊文件", "a special file"),
}


class NotAFile(PlanError):
    """A path that must be a regular file is a folder, a FIFO, a device or a link; nothing was
    read or written. ``role``: ``found`` (discovery), ``plan`` (--file), ``out`` (--out),
    ``lock`` (the lock file beside the plan)."""

    def __init__(self, path: str, kind: str, role: str):
        super().__init__(f"{path} is not a regular file ({kind})")
        self.path, self.kind, self.role = path, kind, role

    def message(self, lang: str) -> str:
        zh_kind, en_kind = FILE_KINDS.get(self.kind, FILE_KINDS["other"])
        path = self.path
        if self.role == "found":
            return (
                f"{path} 是{zh_kind}，不是计划文件。为免改错文件，plan 没有再去上级文件夹找计划。"
                "请把它改名或移走，或用 --file 指定计划文件。"
                if lang == "zh"
                else f"{path} is {en_kind}, not a plan file. plan stopped there rather than use a "
                "plan in a folder above (it could change the wrong file). Rename or move it, or "
                "name the plan with --file."
            )
        if self.role == "out":
            return (
                f"--out 指定的 {path} 是{zh_kind}，报告只能写入普通文件，什么也没有写入。"
                "请给 --out 一个文件路径，例如 2023年终总结.md。"
                if lang == "zh"
                else f"--out {path} is {en_kind}; a report is written to a regular file only, "
                "so nothing was written. Give --out a file path, e.g. report-2023.md."
            )
        if self.role == "lock":
            why_zh = (
                "plan 不跟随它（它可能指向别处的文件）" if self.kind == "link" else "不能用来加锁"
            )
            why_en = (
                "plan does not follow it (it could point anywhere)"
                if self.kind == "link"
                else "it cannot be used as a lock"
            )
            return (
                f"锁文件 {path} 是{zh_kind}，{why_zh}，计划文件没有改动。"
                f"请删除它（rm {path}）后重试，plan 会重新建立锁文件。"
                if lang == "zh"
                else f"The lock file {path} is {en_kind}; {why_en}, and the plan is unchanged. "
                f"Remove it (rm {path}) and try again; plan makes a new lock file."
            )
        return (
            f"{path} 是{zh_kind}，不是计划文件。请用 --file 或 PLAN_FILE 指定计划文件本身"
            "（例如某个文件夹里的 plan.toml）。"
            if lang == "zh"
            else f"{path} is {en_kind}, not a plan file. Point --file or PLAN_FILE at the plan "
            "file itself (e.g. the plan.toml in a folder)."
        )


class OutputIsThePlan(PlanError):
    """``report --out`` names the plan in use, or its lock or journal (after resolving links)."""

    def __init__(self, out: str, target: str, what: str):
        super().__init__(f"--out {out} is the {what} {target}")
        self.out, self.target, self.what = out, target, what

    def message(self, lang: str) -> str:
        if lang == "zh":
            what = {"plan": "正在使用的计划文件", "lock": "计划的锁文件"}.get(
                self.what, "计划的附属文件"
            )
            return (
                f"--out {self.out} 就是{what} {self.target}（解析链接后是同一个文件），写入报告会"
                "把它覆盖，所以什么也没有写入，计划没有改动。请换一个输出文件，例如 2023年终总结.md。"
            )
        what = {"plan": "the plan file in use", "lock": "the plan's lock file"}.get(
            self.what, "a file the plan keeps beside it"
        )
        return (
            f"--out {self.out} is {what}, {self.target} (after resolving links); the report "
            "would overwrite it, so nothing was written and the plan is unchanged. Choose "
            "another output file, e.g. report-2023.md."
        )


class PlanNotWritable(PlanError):
    """The plan has no write permission (for this user, or for anyone when run as root)."""

    def __init__(self, path: str, mode: int, owner: str, group: str):
        super().__init__(f"{path} is read-only (mode {mode:04o})")
        self.path, self.mode, self.owner, self.group = path, mode, owner, group

    def message(self, lang: str) -> str:
        import stat

        shown = f"{self.mode:04o} {stat.filemode(self.mode)[1:]}"
        if lang == "zh":
            return (
                f"{self.path} 没有写权限（权限 {shown}，所有者 {self.owner}，用户组 {self.group}），"
                "plan 不修改只读的计划文件，文件没有改动。如果确实要修改，请先放开写权限："
                f"所有者运行 chmod u+w {self.path}；多人共用时运行 chmod g+w {self.path}，"
                f"并确认大家都在用户组 {self.group} 里。"
            )
        return (
            f"{self.path} is not writable (mode {shown}, owner {self.owner}, group "
            f"{self.group}); plan does not change a read-only plan, and the file is unchanged. "
            f"If it should be changed, allow writing first: chmod u+w {self.path} by its owner, "
            f"or for a shared plan chmod g+w {self.path} with everyone in group {self.group}."
        )


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
            f"Did not write {self.path}: the change would make item(s) {listed} vanish from the "
            "file (neither in the plan nor in the [[removed]] archive), so it was refused and "
            "the file is unchanged. A hand edit that makes parents point at each other (a cycle) "
            "is the usual cause; run plan check, fix what it finds and try again. If plan check "
            "finds nothing, please report the plan file and the command to the maintainers."
        )


class InterruptedWrite(PlanError):
    """A change that writes a hard-linked plan in place was stopped half-way: the file starts
    with the tool's marker and must not be used. ``reason``: why it could not be finished now
    (None: the journal with the complete text is not beside this path)."""

    def __init__(self, path: str, journal: str, reason: str | None = None):
        super().__init__(f"{path} was left half-written ({reason or 'no journal'})")
        self.path, self.journal, self.reason = path, journal, reason

    def message(self, lang: str) -> str:
        if self.reason is None:
            if lang == "zh":
                return (
                    f"{self.path} 是一次被中断的修改留下的半成品（开头有 plan 的未完成标记），不能使用。"
                    f"完整的新内容应在 {self.journal} 中，但没有找到。如果这个计划有硬链接、是从另一个"
                    "路径修改的，请在那个文件夹里运行任意 plan 命令来完成修改；否则请从备份或 git "
                    "恢复这个文件。"
                )
            return (
                f"{self.path} was left half-written by an interrupted change (it starts with "
                f"plan's unfinished-write mark) and cannot be used. The complete new text "
                f"belongs in {self.journal}, which is not there. If the plan is hard-linked and "
                "was changed through another path, run any plan command in that folder to finish "
                "the change; otherwise restore the file from a backup or git."
            )
        if lang == "zh":
            return (
                f"{self.path} 是一次被中断的修改留下的半成品，完整的新内容在 {self.journal} 中，"
                f"但现在无法完成写入：{reason_in_chinese(self.reason)}。请让对它有写权限的人运行任意 plan 命令（会自动"
                f"完成这次修改），或手工把 {self.journal} 第一行之后的内容复制为 {self.path}。"
            )
        return (
            f"{self.path} was left half-written by an interrupted change; the complete new text "
            f"is in {self.journal}, but the write cannot be finished now: {self.reason}. Have "
            "someone who may write the file run any plan command (it finishes the change), or "
            f"copy everything after the first line of {self.journal} to {self.path} by hand."
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
    """``plan fmt`` on a file with comments, without --force."""

    def __init__(self, path: str):
        super().__init__(f"{path} has comments")
        self.path = path

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"{self.path} 里有手写的 # 注释，按标准格式重写会丢掉它们，所以没有重写。"
                "确要重写请加 --force（先把注释里要留的内容写进 detail 或 plan note）。"
            )
        return (
            f"{self.path} has hand-written # comments, which a canonical rewrite would drop, so "
            "it was not rewritten. Add --force to rewrite it anyway (put what the comments say "
            "into an item's detail or a plan note first)."
        )


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
