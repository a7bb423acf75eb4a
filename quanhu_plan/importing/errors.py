"""What can be wrong with a sheet brought in by ``plan import``, and the notes an import prints
about what it did with the sheet, each in zh and en. The errors are PlanErrors (exit 1): the CLI
prints them as it prints every domain error, and nothing is written."""

from __future__ import annotations

import re

from ..errors import SHOWN_PROBLEMS, PlanError, shown_value
from ..errors.base import SHOWN_LENGTH
from ..texts import counted, cut_long


class Notice:
    """Something the user should know about an import that was nonetheless made (a column
    kept as it is, a computed column ignored, a row that is not a task)."""

    __slots__ = ("zh", "en")

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en

    def __repr__(self) -> str:
        return f"Notice({self.en!r})"

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class SheetError(PlanError):
    """A file ``plan import`` cannot bring in as it is."""


class UnreadableSheetFile(SheetError):
    """The file cannot be read as a workbook or a CSV table at all."""

    def __init__(self, path: str, zh: str, en: str):
        super().__init__(f"cannot import {path}: {en}")
        self.path, self.zh, self.en = path, zh, en

    def message(self, lang: str) -> str:
        if lang == "zh":
            return f"无法导入 {self.path}：{self.zh}。没有写入任何文件。"
        return f"Cannot import {self.path}: {self.en}. Nothing was written."


# Excel's error values and what each says went wrong in the formula, as the office would look
# for it (WPS shows the same ones; a CSV Excel saved holds them as text).
ERROR_VALUES = {
    "#REF!": ("公式引用的单元格已删除", "a cell the formula refers to was deleted"),
    "#N/A": (
        "查找函数如 VLOOKUP 没有查到要找的内容",
        "a lookup such as VLOOKUP found nothing",
    ),
    "#VALUE!": (
        "公式中的值类型不对，如拿文字做了计算",
        "a value of the wrong type in the formula, such as text in a sum",
    ),
    "#DIV/0!": ("公式除以了零或空单元格", "the formula divides by zero or an empty cell"),
    "#NAME?": (
        "公式中有不认识的函数名或名称",
        "the formula names a function or range that does not exist",
    ),
    "#NUM!": ("公式中的数字无效或超出范围", "a number in the formula is invalid or out of range"),
    "#NULL!": ("公式引用的区域没有交集", "ranges in the formula do not meet"),
    "#SPILL!": (
        "公式结果要占的单元格里已有内容",
        "the cells the formula's result spills into are not empty",
    ),
    "#CALC!": (
        "公式计算出错，如数组为空",
        "the formula could not be worked out, such as an empty array",
    ),
}
SOME_ERROR = ("公式没有算出结果", "the formula gave no result")


# How a plan written as a document (a 工作要点 in Word, or saved as text) becomes a table.
TO_A_TABLE = (
    "请把各项任务复制到 Excel 表格里，一行一项，至少有“序号”“工作任务”两列（任务末尾括号里的责任单位、"
    "完成时限可以留在任务名称里，导入时会读出来），另存为 .xlsx 后再导入",
    "copy the tasks into an Excel sheet, a task a row, with at least the columns 序号 and 工作任务 "
    "(a unit and deadline in brackets at the end of a task may stay there: the import reads "
    "them), save it as .xlsx and import that",
)


class NoSuchSheet(SheetError):
    def __init__(self, path: str, name: str, names: list[str]):
        super().__init__(f"{path} has no sheet {name!r}")
        self.path, self.name, self.names = path, name, names

    def message(self, lang: str) -> str:
        listed = "、".join(f"“{n}”" for n in self.names)
        if lang == "zh":
            return (
                f"{self.path} 里没有名为“{self.name}”的工作表。它的工作表有：{listed}。"
                "请用 --sheet 指定其中一个。没有写入任何文件。"
            )
        listed = ", ".join(repr(n) for n in self.names)
        return (
            f"{self.path} has no sheet named {self.name!r}; its sheets are {listed}. Name one "
            "of them with --sheet. Nothing was written."
        )


class HeaderLook:
    """What the search for a header row saw on one sheet: the rows looked at, the header
    names recognised (with their cells) and the texts of the most header-like row."""

    __slots__ = ("sheet", "first_row", "last_row", "found", "best_row", "best_texts")

    def __init__(
        self,
        sheet: str,
        first_row: int,
        last_row: int,
        found: list[tuple[str, str]],  # (address, text) of each recognised header cell
        best_row: int | None,
        best_texts: list[str],
    ):
        self.sheet, self.first_row, self.last_row = sheet, first_row, last_row
        self.found, self.best_row, self.best_texts = found, best_row, best_texts


class NoHeader(SheetError):
    """No sheet has a row that names a task column and one more known column."""

    def __init__(
        self,
        path: str,
        looks: list[HeaderLook],
        skipped_title: str | None = None,
        prose: bool = False,
        taken_as: str = "skip",
    ):
        super().__init__(f"{path}: no header row recognised")
        self.path, self.looks = path, looks
        # the title's column, left out by --map …=skip or taken for another field (…=id)
        self.skipped_title, self.taken_as = skipped_title, taken_as
        self.prose = prose  # no row with two cells filled: a document's lines, not a table

    def message(self, lang: str) -> str:
        zh = lang == "zh"
        if self.prose:  # --map names columns: there are none
            return (
                f"{self.path} 是一篇文稿，不是表格：每行只有一段文字，没有分栏。{TO_A_TABLE[0]}。"
                "没有写入任何文件。"
                if zh
                else f"{self.path} is a document, not a table: each line is one text, in no "
                f"columns; {TO_A_TABLE[1]}. Nothing was written."
            )
        lines = [
            f"{self.path} 中找不到表头行：表头需要有一列任务名称（如 工作任务、重点任务、目标任务）"
            "和至少一列其他认得的列（如 牵头单位、责任人、完成时限）。"
            if zh
            else f"No header row found in {self.path}: a header names a task column (such as "
            "工作任务, 重点任务, 目标任务) and at least one more known column (such as 牵头单位, "
            "责任人, 完成时限)."
        ]
        for look in self.looks:
            if look.last_row < look.first_row:
                lines.append(
                    f"  - 工作表“{look.sheet}”是空的。"
                    if zh
                    else f"  - sheet {look.sheet!r} is empty."
                )
                continue
            rows = f"{look.first_row}–{look.last_row}"
            found = "、".join(f"{a} {shown_value(t)}" for a, t in look.found) or (
                "（无）" if zh else "none"
            )
            if zh:
                text = f"  - 工作表“{look.sheet}”：查看了第 {rows} 行，认得的表头：{found}"
            else:
                found = found.replace("、", ", ")
                text = (
                    f"  - sheet {look.sheet!r}: looked at rows {rows}; headers recognised: {found}"
                )
            if look.best_row is not None and look.best_texts:
                cells = " | ".join(shown_value(t) for t in look.best_texts[:12])
                text += (
                    f"；最像表头的第 {look.best_row} 行是：{cells}"
                    if zh
                    else f"; the most header-like row, {look.best_row}, reads: {cells}"
                )
            lines.append(text + ("。" if zh else "."))
        if self.skipped_title is not None:
            column = self.skipped_title
            if self.taken_as == "skip":
                typed = f"{column}=skip"
                zh_did, en_did = "不导入的是任务名称列", "leaves out the task title column"
            else:  # (the field as the import names it, not as typed: not repeated)
                typed = f"{column}=…"
                zh_did = "把任务名称列当作了别的字段，表中就没有任务名称了"
                en_did = "takes the task title column for another field, leaving no titles"
            lines.append(
                f"--map {typed} {zh_did}：请用 --map 列名=title 指定另一列作为"
                "任务名称，或去掉这个 --map。没有写入任何文件。"
                if zh
                else f"--map {typed} {en_did}: name another "
                "with --map COLUMN=title, or leave that --map out. Nothing was written."
            )
            return "\n".join(lines)
        lines.append(
            "如果表头用的是别的名称，请用 --map 列名=字段 说明，例如 --map 任务清单=title "
            "--map 承办股室=lead_unit（字段见 plan import --help）。没有写入任何文件。"
            if zh
            else "If the header uses other names, say what they are with --map COLUMN=FIELD, "
            "e.g. --map 任务清单=title --map 承办股室=lead_unit (fields: plan import --help). "
            "Nothing was written."
        )
        return "\n".join(lines)


class UnknownMapColumn(SheetError):
    """``--map`` names a column the header does not have."""

    def __init__(self, path: str, column: str, headers: list[str]):
        super().__init__(f"{path}: no column {column!r}")
        self.path, self.column, self.headers = path, column, headers

    def message(self, lang: str) -> str:
        if lang == "zh":
            listed = "、".join(f"“{h}”" for h in self.headers) or "（无）"
            return (
                f"--map 指定的列“{self.column}”不在 {self.path} 的表头里。表头的列有：{listed}。"
                "请照表头原样写列名（空格和换行可以省略）。没有写入任何文件。"
            )
        listed = ", ".join(repr(h) for h in self.headers) or "none"
        return (
            f"--map names a column {self.column!r} that is not in the header of {self.path}; "
            f"its columns are {listed}. Write the column's name as the header has it (spaces "
            "and line breaks may be left out). Nothing was written."
        )


class NoRows(SheetError):
    """A header, but nothing under it."""

    def __init__(self, path: str, sheet: str, header_row: int):
        super().__init__(f"{path}: no rows under the header")
        self.path, self.sheet, self.header_row = path, sheet, header_row

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"{self.path} 工作表“{self.sheet}”第 {self.header_row} 行是表头，但下面没有任何任务行。"
                "请检查是否选对了文件或工作表（--sheet）。没有写入任何文件。"
            )
        return (
            f"Sheet {self.sheet!r} of {self.path} has its header on row {self.header_row} but no "
            "task rows under it. Check the file and the sheet (--sheet). Nothing was written."
        )


class UnclearRows(SheetError):
    """Dotted 序号 under category rows (一、…) that can be read two ways: the categories as the
    dotted numbers' first parts, or as parents of numbers that start again under each."""

    def __init__(self, path: str, sheet: str, examples: list[tuple[int, str, int, str]]):
        super().__init__(f"{path}: dotted numbers under category rows fit no reading")
        self.path, self.sheet, self.examples = path, sheet, examples

    def message(self, lang: str) -> str:
        if lang == "zh":
            shown = "；".join(
                f"第 {c + 1} 行“{title}”之下第 {r + 1} 行的序号是“{seq}”"
                for c, title, r, seq in self.examples
            )
            return (
                f"{self.path} 工作表“{self.sheet}”的序号一栏既有点分编号（如 1.1）又有分类行"
                f"（一、（一）），看不出二者怎样对应：{shown}。请让每个分类下的序号都以该分类的编号"
                "开头（一 之下 1.1、1.2，二 之下 2.1），或在每个分类下都从 1 重新编号（1、1.1、2），"
                "或加 --map 序号=keep 只按分类行和标题的编号分层。没有写入任何文件。"
            )
        shown = "; ".join(
            f"row {r + 1}, under {title!r} (row {c + 1}), is numbered {seq!r}"
            for c, title, r, seq in self.examples
        )
        return (
            f"Sheet {self.sheet!r} of {self.path} has dotted numbers (such as 1.1) in its 序号 "
            f"column and category rows (一、, （一）), and they do not match: {shown}. Number "
            "the rows under each category with its number first (1.1, 1.2 under 一; 2.1 under "
            "二), or start again at 1 under each (1, 1.1, 2), or add --map 序号=keep to nest by "
            "the category rows and the titles' numbering alone. Nothing was written."
        )


class RowsOutOfPlace(SheetError):
    """A table ``plan export`` wrote whose rows an office moved (sorted by a column, a task
    typed into a new row without its neighbours' indent): a row that states a status, a
    task's, holds rows by the titles' indents that its 序号 does not number under it, or a
    goal's row (no status) whose 序号 numbers rows under it holds none. Read so, tasks would
    become goals and lose their figures, goals tasks. (the row, its title, its status as
    written — None for a goal's row —, a row under it by the indents or by its 序号, that row's
    序号) for the first few."""

    def __init__(
        self, path: str, sheet: str, examples: list[tuple[int, str, str | None, int, str]]
    ):
        super().__init__(f"{path}: a task row holds rows its 序号 does not number under it")
        self.path, self.sheet, self.examples = path, sheet, examples

    def message(self, lang: str) -> str:
        if lang == "zh":
            shown = "；".join(
                f"第 {t + 1} 行“{title}”写有状态“{status}”，是一项任务，而按标题的缩进，"
                f"序号为 {seq} 的第 {r + 1} 行在它之下"
                if status is not None
                else f"第 {t + 1} 行“{title}”没有状态，是目标的行，序号为 {seq} 的第 {r + 1} 行"
                "属于它，而按标题的缩进，它之下没有任何行"
                for t, title, status, r, seq in self.examples
            )
            return (
                f"{self.path} 工作表“{self.sheet}”是 plan export 导出的推进情况表，但有的行已不在"
                f"导出时的位置：{shown}。表格按某一列排序过的，请撤销排序，或按“序号”一栏升序排序，"
                "恢复原来的行序；新插入的任务行，请写上序号，并让标题的缩进与同级各行一样"
                "（设置单元格格式 → 对齐 → 缩进；CSV 中在标题前加全角空格“　”，一级一个）；"
                "删去了目标的行而留下其任务的，请补回那一行。然后再导入。没有写入任何文件。"
            )
        shown = "; ".join(
            f"row {t + 1}, {title!r}, states the status {status!r}, a task's, yet by the titles' "
            f"indents row {r + 1}, numbered {seq}, is under it"
            if status is not None
            else f"row {t + 1}, {title!r}, states no status, a goal's row, and row {r + 1}, "
            f"numbered {seq}, is one of its, yet by the titles' indents no row is under it"
            for t, title, status, r, seq in self.examples
        )
        return (
            f"Sheet {self.sheet!r} of {self.path} is a progress table plan export wrote, but some "
            f"rows are no longer where it wrote them: {shown}. Where the table was sorted by a "
            "column, undo the sort or sort it by the 序号 (No.) column; give a task typed into "
            "a new row a number and its neighbours' indent (Format Cells → Alignment → Indent; in "
            "a CSV, an ideographic space 　 before the title a level); where a goal's row was "
            "deleted and its tasks kept, put the row back. Then import it again. Nothing was "
            "written."
        )


def cell_words(text: str) -> str:
    """A cell's words as a notice quotes them: whole where short, else by their first 40
    characters and how long they are (a recurring deadline or a 工作标准 of 3,000 characters
    was quoted whole, some 40 lines on stderr)."""
    return text if len(text) <= SHOWN_LENGTH else cut_long(text, 40)


class CellProblem:
    """One cell that cannot be read as what its column holds."""

    __slots__ = ("address", "column", "found", "zh", "en")

    def __init__(self, address: str, column: str, found: object, zh: str, en: str):
        self.address, self.column, self.found = address, column, found
        self.zh, self.en = zh, en

    def __repr__(self) -> str:
        return f"CellProblem({self.address}, {self.found!r})"

    def message(self, lang: str) -> str:
        if self.found is None:
            found = "（空）" if lang == "zh" else "an empty cell"
        else:
            found = shown_value(self.found)
        if lang == "zh":
            return f"{self.address}（{self.column}）：发现 {found}；{self.zh}"
        return f"{self.address} ({self.column}): found {found}; {self.en}"


class BadCells(SheetError):
    """Cells that cannot be read, every one of them at once (as plan check lists problems)."""

    def __init__(self, path: str, problems: list[CellProblem]):
        super().__init__(f"{path}: {len(problems)} cell(s) cannot be read")
        self.path, self.problems = path, problems

    def message(self, lang: str) -> str:
        shown = self.problems[:SHOWN_PROBLEMS]
        more = len(self.problems) - len(shown)
        if lang == "zh":
            head = f"{self.path} 有 {len(self.problems)} 个单元格无法读取，没有写入任何文件："
            tail = (
                (f"  ……另有 {more} 个。\n" if more else "")
                + "请在表格中改正这些单元格后重新导入；如要把某一列原样保留为文字，"
                "可加 --map 列名=keep。"
            )
        else:
            n = len(self.problems)
            head = f"{self.path} has {counted(n, 'cell')} that cannot be read; nothing was written:"
            tail = (
                (f"  … and {more} more.\n" if more else "")
                + "Correct those cells in the sheet and import again; to keep a column as it "
                "is, as text, add --map COLUMN=keep."
            )
        return "\n".join([head, *(f"  - {p.message(lang)}" for p in shown), tail])


class CellUnreadable(Exception):
    """Raised by the readers of cell values (dates, numbers, names): what is wrong or what is
    expected, in zh and en. The builder turns it into a CellProblem with the cell's address."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


class OutputRefused(SheetError):
    """``--out`` names something a new plan must not be written onto: the table being
    imported, the embedded plan, or no regular file (a folder, a FIFO, a device)."""

    def __init__(self, path: str, what: str):
        super().__init__(f"--out {path}: {what}")
        self.path, self.what = path, what

    def message(self, lang: str) -> str:
        from ..errors import FILE_KINDS

        if self.what == "input":
            zh = f"--out {self.path} 就是要导入的表格文件本身，写入计划会把它覆盖"
            en = f"--out {self.path} is the very table being imported; the plan would overwrite it"
        elif self.what == "embedded":
            zh = f"--out {self.path} 是程序内置的2023年计划，它是只读的"
            en = f"--out {self.path} is the embedded 2023 plan, which is read-only"
        else:
            zh_kind, en_kind = FILE_KINDS.get(self.what, FILE_KINDS["other"])
            zh = f"--out {self.path} 是{zh_kind}，计划只能写成普通文件"
            en = f"--out {self.path} is {en_kind}; a plan is written to a regular file only"
        # (an example other than the path refused: the embedded plan is a plan.toml too)
        refused = self.path.replace("\\", "/").rsplit("/", 1)[-1] == "plan.toml"
        example = ("新计划.toml" if lang == "zh" else "new-plan.toml") if refused else "plan.toml"
        if lang == "zh":
            return f"{zh}，所以什么也没有写入。请给 --out 另一个文件路径，例如 {example}。"
        return f"{en}, so nothing was written. Give --out another file path, e.g. {example}."


class ImportedPlanInvalid(SheetError):
    """The plan the sheet gives would break the plan format (a value a sheet can hold that a
    plan may not, e.g. a year beyond the limits); nothing is written."""

    def __init__(self, path: str, problems: list) -> None:  # type: ignore[type-arg]
        super().__init__(f"{path}: the imported plan has {len(problems)} problem(s)")
        self.path, self.problems = path, problems

    def message(self, lang: str) -> str:
        shown = self.problems[:SHOWN_PROBLEMS]
        more = len(self.problems) - len(shown)
        if lang == "zh":
            head = f"{self.path} 导入后的计划有 {len(self.problems)} 个问题，未写入任何文件："
            tail = (f"（另有 {more} 个）" if more else "") + "请改正表格中对应的单元格后重新导入。"
        else:
            head = (
                f"The plan imported from {self.path} would have "
                f"{counted(len(self.problems), 'problem')}; nothing was written:"
            )
            tail = (f"({more} more) " if more else "") + "Correct those cells and import again."
        return "\n".join([head, *(f"  - {p.message(lang)}" for p in shown), tail])


def address_order(address: str) -> tuple[int, int]:
    """A cell address (Sheet1!B12) as (row, column): row by row, left to right, as the sheet
    is read."""
    found = re.search(r"!([A-Z]+)(\d+)$", address)
    if word := re.fullmatch(r"表(\d+) 第(\d+)行第(\d+)列", address):  # a Word table's cell
        return int(word[1]) * 10**6 + int(word[2]), int(word[3])
    if not found:
        return (0, 0)
    col = 0
    for ch in found.group(1):
        col = col * 26 + ord(ch) - 64
    return int(found.group(2)), col


def refuse_owner_file(path: str, data: bytes, program: str, kind: tuple[str, str]) -> None:
    """Refuse the owner file ``program`` (Excel, Word) and WPS keep beside a document while it
    is open (~$分解表.xlsx: hidden on Windows, but sent along when a folder is zipped or copied
    from a Mac or Linux), said as what it is; ``kind``: what a real one is (工作簿, workbook)."""
    from pathlib import Path

    name = Path(path).name
    if name.startswith("~$") and not data.startswith(b"PK\x03\x04"):
        raise UnreadableSheetFile(
            path,
            f"它是 {program} 或 WPS 打开 {name[2:]} 时在旁边留下的临时文件（以 ~$ 开头，只记着谁在"
            f"用它），不是{kind[0]}；请导入 {name[2:]} 本身",
            f"it is the file {program} or WPS keeps beside {name[2:]} while it is open (its name "
            f"starts with ~$; it holds only who has it open), not a {kind[1]}; import {name[2:]} "
            "itself",
        )
