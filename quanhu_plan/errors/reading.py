"""What reading a plan file can find wrong before its content is checked: TOML it cannot parse
(with git's conflict markers, curly quotes, a cut-off file named as such), values beyond what it
holds, text not in UTF-8, a file with nothing in it."""

from __future__ import annotations

from .base import PlanError, PlanInvalid
from .files import PlanFileError


class PlanSyntaxError(PlanError):
    """The file is not valid TOML. ``hint`` names a likely cause the message explains:
    ``unquoted_period`` (due = 2023-05), ``curly_quotes`` (Word's “ ”), ``table`` (columns
    pasted from a spreadsheet), ``cut_off`` (the file ends in the middle of a line),
    ``odd_character`` (a full-width, invisible or control ``character`` at that spot),
    ``cr_line_ends`` (lines ended by a lone CR), ``non_ascii_key`` (a field named in Chinese
    without quotes, ``written``; ``meant``: the plan's field that name stands for, if any),
    ``odd_date`` (a day written 2023/6/30 or 2023-6-30, ``written``; ``meant``: 2023-06-30),
    ``no_such_day`` (a day the calendar lacks, 2023-06-31, ``written``; ``meant``: 2023-6-31),
    ``value_*`` (a value written as an office writes it, ``written``; ``meant``: the lines to
    write), ``key_twice`` (a key, ``written``, given before on line ``meant``), and what
    ``_FIXES`` says after TOML's own words: ``open_string`` and ``quote_inside`` (the key,
    ``written``), ``open_multi_line`` (its quotes), ``after_value`` (what follows a value),
    ``empty_value`` and ``key_space`` (the key), ``slashes`` (a comment begun with //),
    ``plan_twice`` (a second [plan]), ``prose`` (a line of text, ``written``),
    ``list_brackets`` (the key; ``meant``: the line to write),
    ``item_brackets`` (the header as written), ``wrapped_line`` (a line wrapped in two: the
    numbers of the two lines, ``written`` and ``meant``)."""

    def __init__(
        self,
        path: str,
        line: int | None,
        column: int | None,
        detail: str,
        *,
        unquoted_period: bool = False,
        hint: str | None = None,
        character: str | None = None,
        item: str | None = None,
        written: str | None = None,
        meant: str | None = None,
        cut: tuple[str, ...] | None = None,
    ):
        super().__init__(f"{path}:{line}:{column}: {detail}")
        # What says the file was cut off besides the slip said (``store.cut_off``), or None
        self.cut = cut
        self.path, self.line, self.column, self.detail = path, line, column, detail
        self.character = character  # (the one an ``odd_character`` hint names)
        self.item = item  # the id of the item the line is in, or "[plan]"
        # What a hint of a line as written names: the name, date, line or key as written, and
        # the field, date or lines meant, or the line it was first given on (责任人 owner;
        # 2023/6/30 2023-06-30; progress 22)
        self.written, self.meant = written, meant
        self.hint = "unquoted_period" if unquoted_period else hint
        self.unquoted_period = self.hint == "unquoted_period"

    def _head(self, lang: str) -> str:
        """What a message says first where TOML's own words would mislead: the file, the spot,
        not valid TOML."""
        if lang == "zh":
            return f"{self.path} {self._where('zh')}不是有效的 TOML："
        return f"{self.path} is not valid TOML{self._where('en')}: "

    def _where(self, lang: str) -> str:
        if lang == "zh":
            where = f"第 {self.line} 行" if self.line else ""
            where += f"第 {self.column} 列" if self.line and self.column else ""
            if self.line and self.item:
                where += "（[plan] 表中）" if self.item == "[plan]" else f"（事项 {self.item}）"
            return where
        where = f" at line {self.line}" if self.line else ""
        where += f", column {self.column}" if self.line and self.column else ""
        if self.line and self.item:
            where += " (in [plan])" if self.item == "[plan]" else f" (item {self.item})"
        return where

    def message(self, lang: str) -> str:
        said = self._said(lang)
        return said + cut_note(self.path, self.cut, lang) if self.cut else said

    def _said(self, lang: str) -> str:
        from .toml_words import _FIXES, _OWN_WORDS, _VALUE_WORDS, toml_detail_en, toml_detail_zh

        if self.hint == "csv":
            return self._csv(lang)
        # (what TOML says of these, "Invalid statement", "Expected newline", misleads)
        if self.hint == "non_ascii_key":
            return self._non_ascii_key(lang)
        if self.hint in _VALUE_WORDS:
            return self._value_as_written(lang)
        if self.hint == "no_such_day":
            return self._no_such_day(lang)
        own = _OWN_WORDS.get(
            "item_header" if self.hint == "key_twice" and self.written == "id" else self.hint or ""
        )
        if own is not None:
            words = own[0] if lang == "zh" else own[1]
            return self._head(lang) + words.format(written=self.written, meant=self.meant)
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
            if self.hint == "odd_character" and self.character:
                return head + self._odd_character("zh")
            if self.hint == "cr_line_ends":
                return head + (
                    "这个文件的行尾是单独的 CR（旧式 Mac 的写法），TOML 不把它当作换行，整个文件成了"
                    "一行：请把行尾改成 Windows（CRLF）或 Unix（LF）格式后保存（VS Code 里点状态栏的"
                    "“CR”，Notepad++ 里用“编辑 → 文档格式转换”），然后再运行。"
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
            fix = _FIXES.get(self.hint or "")
            if fix is not None:
                return head + fix[0].format(written=self.written, meant=self.meant)
            cause = (
                '月份和季度要加引号，如 due = "2023-05"、due = "2023-Q2"（日期不加引号：2023-06-30）'
                if self.unquoted_period
                else "常见原因：引号不成对、日期写错、同一字段写了两次"
            )
            return head + f"请改正该处（{cause}）后再运行。"
        head = f"{self.path} is not valid TOML{self._where('en')}: {toml_detail_en(self.detail)}."
        if self.hint == "curly_quotes":
            return head + (
                " The quotes on that line are curly quotes “ ” or ‘ ’ (Word's and WPS's "
                'AutoCorrect put them in); a plan file takes straight quotes only: type them as " '
                '(owner = "张三") and run again; edit a plan file in Notepad, not in Word.'
            )
        if self.hint == "odd_character" and self.character:
            return head + self._odd_character("en")
        if self.hint == "cr_line_ends":
            return head + (
                " This file ends its lines with a lone CR (the old Mac way), which TOML does not "
                "take for a line end, so the whole file reads as one line: save it with Windows "
                "(CRLF) or Unix (LF) line ends (in VS Code, click CR in the status bar; in "
                "Notepad++, Edit → EOL Conversion), then run again."
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
        fix = _FIXES.get(self.hint or "")
        if fix is not None:
            return head + " " + fix[1].format(written=self.written, meant=self.meant)
        cause = (
            'a month or a quarter is written in quotes, due = "2023-05" or due = "2023-Q2" '
            "(a date is not: 2023-06-30)"
            if self.unquoted_period
            else "unbalanced quotes, a bad date, a key written twice"
        )
        return head + f" Fix that spot ({cause}) and run again."

    def _csv(self, lang: str) -> str:
        """A CSV table (plan export's, or a sheet saved as CSV) given as the plan."""
        if lang == "zh":
            return (
                f"无法读取 {self.path}：它是 CSV 表格，不是计划文件（TOML）。计划文件是纯文本的 "
                ".toml 文件（如 plan.toml）：请用 --file 或 PLAN_FILE 指定它；要把这张表做成计划，"
                "用 plan import 导入。"
            )
        return (
            f"Cannot read {self.path}: it is a CSV table, not a plan file (TOML). A plan file is "
            "a plain-text .toml file (such as plan.toml): name it with --file or PLAN_FILE; to "
            "make a plan of this table, bring it in with plan import."
        )

    def _value_as_written(self, lang: str) -> str:
        """What a ``value_*`` hint says: the line as it is to be written, and why."""
        from .toml_words import _VALUE_WORDS

        zh, en = _VALUE_WORDS[self.hint or ""]
        lines = (self.meant or "").split("\n")
        if lang == "zh":
            return (
                self._head(lang)
                + f"{self.written} 要写成 {'，'.join(lines)}（{zh}）。改好后再运行。"
            )
        return self._head(lang) + (
            f"{self.written} is written {' and '.join(lines)} ({en}). Then run again."
        )

    def _no_such_day(self, lang: str) -> str:
        """What the ``no_such_day`` hint says: the day written, and which part of it the
        calendar lacks (``meant``: year-month-day as numbers)."""
        year, month, day = (int(part) for part in (self.meant or "0-0-0").split("-"))
        if lang == "zh":
            lacks = (
                f"没有 {month} 月" if not 1 <= month <= 12 else f"{year}年{month}月没有 {day} 日"
            )
            return self._head(lang) + (
                f"日期 {self.written} 不存在：{lacks}。请改成实有的日期（如 2023-06-30，不加引号），"
                "然后再运行。"
            )
        lacks = (
            f"there is no month {month}"
            if not 1 <= month <= 12
            else f"{year}-{month:02d} has no day {day}"
        )
        return self._head(lang) + (
            f"the date {self.written} does not exist: {lacks}. Write a day the calendar has "
            "(such as 2023-06-30, no quotes), then run again."
        )

    def _non_ascii_key(self, lang: str) -> str:
        """What the ``non_ascii_key`` hint says: the plan's fields have English names, and
        which one the Chinese name stands for."""
        key = self.written or ""
        if lang == "zh":
            said = self._head(lang) + f"字段名 {key} 是中文，计划文件的字段用英文名，"
            if self.meant:
                said += f"{key} 请写作 {self.meant}（如 {self.meant} = …）"
            else:
                said += "各字段的名字见 docs/format.md"
            return said + (
                f'；要保留一个自己的字段，请把名字放进英文双引号里（"{key}" = …），'
                "它原样保留，但计划不用它。改好后再运行。"
            )
        said = self._head(lang) + (
            f"the field name {key} is not in English, and a plan's fields have English names"
        )
        if self.meant:
            said += f"; {key} is written {self.meant} ({self.meant} = …)"
        else:
            said += " (see docs/format.md)"
        return said + (
            f". To keep a field of your own, put its name in straight double quotes "
            f'("{key}" = …): it is kept as it is, and the plan does not use it. Then run again.'
        )

    def _odd_character(self, lang: str) -> str:
        """What the ``odd_character`` hint says: the character at that spot, by its code, and
        what to type there instead."""
        char = self.character or ""
        code = f"U+{ord(char):04X}"
        ascii_one = ascii_for(char)
        import unicodedata

        space = unicodedata.category(char) == "Zs"
        if lang == "zh":
            if ascii_one:
                what = f"全角字符 {char}（{code}，中文输入法打出的）"
                fix = f"请切换到英文（半角）输入，改成 {ascii_one}"
            elif space:
                what = f"全角或不换行的空格（{code}，中文输入法或从 Word、网页复制来的）"
                fix = "请删掉它，需要空格处改用普通的半角空格"
            elif char == CTRL_Z:
                what = f"一个 Ctrl-Z（{code}，旧的 DOS 编辑器和 copy 命令加在文件末尾的结束符）"
                fix = "请在编辑器里把光标放在该处删掉它"
            else:
                what = f"一个看不见的字符（{code}，多半是从 Word、网页或另一个文件复制来的）"
                fix = "请把光标放在该处删掉它"
            return f"该处是{what}，TOML 在这里不认它：{fix}，然后再运行。"
        if ascii_one:
            what = f"the full-width {char} ({code}) of a Chinese input method"
            fix = f"switch the input method to English (half-width) and type {ascii_one} instead"
        elif space:
            what = f"a full-width or non-breaking space ({code})"
            fix = "delete it, typing an ordinary space where one is wanted"
        elif char == CTRL_Z:
            what = (
                f"a Ctrl-Z ({code}, the end-of-file mark old DOS editors and the copy command "
                "put at the end of a file)"
            )
            fix = "put the cursor there in an editor and delete it"
        else:
            what = (
                f"an invisible character ({code}, most likely copied from Word, a web page "
                "or another file)"
            )
            fix = "put the cursor there and delete it"
        return f" At that spot is {what}, which TOML does not take there: {fix}, then run again."


# DOS's end-of-file mark, which old editors and `copy a+b` leave at the end of a text file.
CTRL_Z = "\x1a"


# The ASCII character TOML wants where a Chinese input method typed one of these; any other
# full-width form (U+FF01-FF5E) stands for its ASCII one, 0xFEE0 below it. ： is a key's =.
FULL_WIDTH_ASCII = {"\u3001": ",", "\u3002": ".", "\u3010": "[", "\u3011": "]", "\uff1a": "="}


def ascii_for(char: str) -> str | None:
    """The ASCII character TOML wants where a Chinese input method typed ``char`` (its
    full-width form, or one of ``FULL_WIDTH_ASCII``), or None."""
    if "\uff01" <= char <= "\uff5e":
        return FULL_WIDTH_ASCII.get(char) or chr(ord(char) - 0xFEE0)
    return FULL_WIDTH_ASCII.get(char)


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
        from ..shell_words import quote

        line, item = self.conflicts[0]
        count, path = len(self.conflicts), self.path
        typed = quote(path)  # (a folder named 镇 计划: one word to git)
        if lang == "zh":
            where = f"第 {line} 行" + (f"，事项 {item}" if item else "")
            first = "第一处在" if count > 1 else "在"
            return (
                f"{path} 里有 {count} 处 git 的冲突标记（{first}{where}）：git 把它当作普通文本合并"
                "了，<<<<<<< 与 ======= 之间是一方的内容，======= 与 >>>>>>> 之间是另一方的（标记后面写着"
                "各是哪个版本，如 HEAD），"
                "这样的文件哪个命令都读不了。这通常是因为这个克隆没有运行过 plan git-setup，或者"
                "计划文件改过名、.gitattributes 里写的还是旧名字。要逐项合并：先在这个克隆里运行 "
                "plan git-setup（它在 .gitattributes 里写上 *.toml merge=quanhu-plan，在 .gitignore 里写上 plan 的临时文件），合并还没有提交时（git status "
                f"显示 both modified）运行 git checkout --merge {typed} 重新合并，用 plan check "
                f"检查后 git add {typed} .gitattributes .gitignore 并 git commit；也可以 git merge --abort 放弃"
                "这次合并（git pull --rebase 时用 git rebase --abort），运行 plan git-setup 后再 "
                "git pull。如果只保留一边，手工删去另一边和三行标记（另一边的修改就不要了），再用 "
                "plan check 检查。"
            )
        where = f"line {line}" + (f", item {item}" if item else "")
        first = "the first at " if count > 1 else "at "
        return (
            f"{path} holds git's conflict markers for {count} conflict{'s' if count > 1 else ''} ({first}{where}): git merged it as "
            "plain text; between <<<<<<< and ======= is one side, between ======= and >>>>>>> "
            "the other (each marker names its version, such as HEAD), and no command reads such "
            "a file. Usually this clone never ran plan "
            "git-setup, or the plan was renamed and .gitattributes still names the old file. To "
            "merge it item by item: run plan git-setup in this clone (it writes *.toml "
            "merge=quanhu-plan into .gitattributes and plan's temporary files into .gitignore), then, while the merge is not yet committed (git status "
            f"says both modified), git checkout --merge {typed} to merge it again, check it with "
            f"plan check, git add {typed} .gitattributes .gitignore and git commit; or give up the merge "
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


# What a file that is not UTF-8 text most likely is (see store.decoding.text_kind): the zh and en
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
    "utf-16-be": (
        "UTF-16 BE 编码的文本（记事本另存为时的“Unicode big endian”或“UTF-16 BE”）",
        'UTF-16 BE text (Notepad\'s "Unicode big endian" or "UTF-16 BE")',
        "UTF-16 BE",
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
    "shortcut": ("Windows 快捷方式（.lnk）", "a Windows shortcut (.lnk)"),
}

# The names a document of each kind goes by: a file so named was chosen by mistake (PLAN_FILE
# set to the month's workbook), not a plan that a document was saved over.
DOCUMENT_SUFFIXES = {
    "word": (".docx", ".wps"),
    "excel": (".xlsx", ".xlsm", ".et"),
    "zip": (".docx", ".xlsx", ".xlsm", ".pptx", ".wps", ".et", ".zip"),
    "ole": (".doc", ".xls", ".wps", ".et", ".ppt"),
    "pdf": (".pdf",),
}


class NotUtf8(PlanFileError):
    """The file is not UTF-8 text: ``kind`` says what it most likely is, a key of
    ``NOT_UTF8_KINDS`` (text in another encoding), of ``DOCUMENT_KINDS`` (a document renamed
    or saved from an office program), ``cut`` (a file that ends in a character begun: cut
    off), or ``unknown``; ``line`` and ``column`` (from 1, in characters) where the first byte
    that is not UTF-8 is."""

    def __init__(
        self,
        path: str,
        kind: str,
        line: int | None = None,
        column: int | None = None,
        lines: list[int] | None = None,
    ):
        import errno

        super().__init__(path, "read", f"not UTF-8 text ({kind})", errno.EILSEQ)
        self.kind, self.line, self.column = kind, line, column
        self.lines = lines or []  # (``mixed``: every line that is not UTF-8)

    def message(self, lang: str) -> str:
        zh = lang == "zh"
        path = self.path
        if self.kind == "shortcut":
            return self._shortcut(zh)
        if self.kind in DOCUMENT_KINDS:
            what = DOCUMENT_KINDS[self.kind][0 if zh else 1]
            sep = " " if what[0].isascii() else ""
            if path.lower().endswith(DOCUMENT_SUFFIXES[self.kind]):
                return self._named_document(what, sep, zh)
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
        if self.kind == "zeroed":
            return self._zeroed(zh)
        if self.kind == "cut":
            return self._cut(zh)
        if self.kind == "mixed":
            return self._mixed(zh)
        save_zh, save_en = _save_as_utf8(NOT_UTF8_KINDS.get(self.kind, (None, None, None))[2])
        if self.line is not None:
            where_zh = f"从第 {self.line} 行第 {self.column} 列起"
            where_en = f" from line {self.line}, column {self.column} on"
        else:
            where_zh = where_en = ""
        if self.kind in ("utf-16", "utf-16-be", "utf-32"):
            what_zh, what_en, _ = NOT_UTF8_KINDS[self.kind]
            if zh:
                return (
                    f"无法读取 {path}：它是 {what_zh}，plan 只读 UTF-8 编码的 .toml 文件。{save_zh}"
                )
            return f"Cannot read {path}: it is {what_en}; plan reads its .toml files in UTF-8 only. {save_en}"
        if self.kind in NOT_UTF8_KINDS:
            what_zh, what_en, _ = NOT_UTF8_KINDS[self.kind]
            if zh:
                return (
                    f"无法读取 {path}：它不是 UTF-8 编码的文本，{where_zh}像是用 {what_zh}保存的，"
                    f"plan 只读 UTF-8 编码的 .toml 文件。{save_zh}"
                )
            return (
                f"Cannot read {path}: it is not UTF-8 text; it looks saved in {what_en}{where_en}, "
                f"and plan reads its .toml files in UTF-8 only. {save_en}"
            )
        if zh:
            return (
                f"无法读取 {path}：它不是 UTF-8 编码的文本（{where_zh}），也看不出是用哪种编码保存的，"
                f"plan 只读 UTF-8 编码的 .toml 文件。{save_zh}"
            )
        return (
            f"Cannot read {path}: it is not UTF-8 text ({where_en.strip()}), in no encoding plan "
            f"recognises; plan reads its .toml files in UTF-8 only. {save_en}"
        )

    def _named_document(self, what: str, sep: str, zh: bool) -> str:
        """A document under its own name given as the plan: the wrong file was named."""
        path = self.path
        if zh:
            return (
                f"无法读取 {path}：它是{sep}{what}，不是计划文件。计划文件是纯文本的 .toml 文件（如 "
                "plan.toml）：请用 --file 或 PLAN_FILE 指定它；要把 Excel 的任务分解表做成计划，用 "
                "plan import 导入。"
            )
        return (
            f"Cannot read {path}: it is {what}, not a plan file. A plan file is a plain-text "
            ".toml file (such as plan.toml): name it with --file or PLAN_FILE; to make a plan of "
            "an Excel task table, bring it in with plan import."
        )

    def _shortcut(self, zh: bool) -> str:
        """A Windows shortcut given as the plan: the file it points to is the plan."""
        path = self.path
        if zh:
            return (
                f"无法读取 {path}：它是 Windows 快捷方式（.lnk），不是计划文件本身，plan 不跟随快捷"
                "方式。请指定它指向的计划文件：在快捷方式上点右键 → 属性，“目标”一栏就是计划文件"
                "的位置，把它用 --file 或 PLAN_FILE 给出。"
            )
        return (
            f"Cannot read {path}: it is a Windows shortcut (.lnk), not the plan file itself, and "
            "plan does not follow shortcuts. Name the plan file it points to: right-click the "
            "shortcut → Properties, where Target gives its place, and give that with --file or "
            "PLAN_FILE."
        )

    def _mixed(self, zh: bool) -> str:
        """A UTF-8 file with lines added in another encoding: those lines are to be typed again,
        not the file saved anew, which would garble the rest."""
        path, one, more = self.path, len(self.lines) == 1, len(self.lines) > 10
        if zh:
            where = f"第 {self.line} 行从第 {self.column} 列起"
            if not one:
                shown = "、".join(map(str, self.lines[:10])) + ("等" if more else "")
                where = f"第 {shown} 行（{where}）"
            return (
                f"无法读取 {path}：{where}不是 UTF-8 编码，而文件的其余部分是：多半是用另一种编码"
                "（GBK）加进来的，比如在 Windows 命令行里用 echo … >> 追加，或从旧程序里粘贴。请在"
                "平时修改计划的编辑器里删掉那里显示成乱码的文字并重新输入，不要把整个文件另存为别的"
                "编码（那样会把其余的中文变成乱码），然后用 plan check 检查。"
            )
        if one:
            where = f"line {self.line} is not UTF-8 text from column {self.column} on"
        else:
            shown = ", ".join(map(str, self.lines[:10])) + (" and more" if more else "")
            where = (
                f"lines {shown} are not UTF-8 text (line {self.line} from column {self.column} on)"
            )
        return (
            f"Cannot read {path}: {where}, though the rest of the file is: "
            f"{'it was' if one else 'they were'} most likely added in another encoding (GBK), by "
            "echo … >> in a Windows command window or pasted from an old program. In the editor "
            f"you edit the plan with, delete the garbled text on {'it' if one else 'them'} and "
            "type it again; do not save the whole file in another encoding, which would garble "
            "its other Chinese text. Then run plan check."
        )

    def _cut(self, zh: bool) -> str:
        """A file that ends in a character begun (its last bytes): cut off, as a file that ends
        in the middle of a line (``TomlSyntaxError``'s ``cut_off``), not in another encoding."""
        path = self.path
        if zh:
            return (
                f"无法读取 {path}：文件在第 {self.line} 行第 {self.column} 列的一个字中途结束"
                "（最后几个字节不是完整的字），可能保存、复制或同步时被中断，没有写完整：请与备份或 "
                f"git 中的版本比较（git diff {path}），补上缺少的部分，或用 git checkout -- {path} "
                "取回上次提交的版本，再用 plan check 检查。"
            )
        return (
            f"Cannot read {path}: the file ends in the middle of a character, at line {self.line}, "
            f"column {self.column} (its last bytes are not a whole character): it was probably cut "
            "off while being saved, copied or synced. Compare it with a backup or git (git diff "
            f"{path}) and add what is missing, or take the last committed version with git "
            f"checkout -- {path}; then run plan check."
        )

    def _zeroed(self, zh: bool) -> str:
        """A file whose text gave way to zero bytes: damaged, not saved in another encoding."""
        path = self.path
        where_zh = f"从第 {self.line} 行第 {self.column} 列起" if self.line else ""
        where_en = f" from line {self.line}, column {self.column} on" if self.line else ""
        if zh:
            return (
                f"无法读取 {path}：它{where_zh}是一串零字节（NUL），不是文字：文件已损坏，多半是保存时"
                "断电或死机，或复制、同步被中断。请从备份或 git 找回（git checkout -- "
                f"{path}；git diff {path} 可看出少了什么），再用 plan check 检查。"
            )
        return (
            f"Cannot read {path}: it holds zero bytes (NUL){where_en}, not text: the file is "
            "damaged, most likely by a power cut or a crash while it was being saved, or by a "
            f"copy or sync cut off. Restore it from a backup or git (git checkout -- {path}; git "
            f"diff {path} shows what is missing), then run plan check."
        )


def cut_note(path: str, cut: tuple[str, ...], lang: str) -> str:
    """What a message adds where its file's end looks cut off (``store.cut_off``: ``cut``, a
    last line begun or a last item stopped short): that it may have been, and how to get it
    back. Said after the slip, which stays: it may be one typed by hand."""
    kind, line, *rest = cut
    if lang == "zh":
        if kind == "line":
            why = f"文件在第 {line} 行结束，后面没有换行，而这一行像是文件里同类各行的开头一截"
        elif rest[0]:
            lacking = "和".join(rest[1:])
            why = f"文件最后的事项（第 {line} 行的 [[item]]）只写到 {rest[0]}，没有其后每个事项都有的 {lacking}"
        else:
            why = (
                f"文件最后的事项（第 {line} 行）只有 [[item]] 表头，没有每个事项都有的 id 和 title"
            )
        return (
            f"另外，{why}：文件可能在保存、复制或同步时被截断了。若是这样，请与备份或 git 中的"
            f"版本比较（git diff {path}），补上缺少的部分，或用 git checkout -- {path} 取回上次"
            "提交的版本。"
        )
    if kind == "line":
        why = (
            f"the file ends at line {line} with no line end after it, and that line reads like "
            "the start of the lines of its kind above"
        )
    elif rest[0]:
        lacking = " and ".join(rest[1:])
        why = (
            f"the last item in the file ([[item]] at line {line}) stops after its {rest[0]}, "
            f"without the {lacking} every item has after it"
        )
    else:
        why = (
            f"the last item in the file (line {line}) is its [[item]] header alone, without "
            "the id and title every item has"
        )
    return (
        f" Also, {why}: the file may have been cut off while being saved, copied or synced. If "
        f"so, compare it with a backup or git (git diff {path}) and add what is missing, or "
        f"take the last committed version with git checkout -- {path}."
    )


class EmptyPlanFile(PlanInvalid):
    """The plan file holds nothing (no bytes, a BOM, blank lines), or nothing but ``#`` comment
    lines (``comment_lines``, their numbers: a plan deleted, its comments left): cut off or
    emptied. A PlanInvalid with no problems listed, so that whatever passes over a file that is
    not a plan (``plan county`` in a folder) passes over an empty one as before."""

    def __init__(self, path: str, comment_lines: list[int] | None = None):
        super().__init__(path, [])
        self.comment_lines = comment_lines or []

    def what(self, lang: str) -> str:
        """What the file holds, without why nor what to do (a merge says its own)."""
        path, lines = self.path, self.comment_lines
        if lang == "zh":
            if lines:
                return (
                    f"{path} 里没有计划，只有 {len(lines)} 行 # 注释（第 {lines[0]} 行起）和空行。"
                )
            return f"{path} 是空的，里面没有计划（没有内容，或只有空行）。"
        if lines:
            counted = "1 # comment line" if len(lines) == 1 else f"{len(lines)} # comment lines"
            return f"{path} holds no plan: only {counted} (from line {lines[0]}) and blank lines."
        return f"{path} is empty: it holds no plan (nothing, or blank lines only)."

    def message(self, lang: str) -> str:
        path = self.path
        if lang == "zh":
            why = (
                "常见原因是计划的内容被删掉、只留下了注释，或保存、复制或同步时被中断。"
                if self.comment_lines
                else "常见原因是保存、复制或同步时被中断，或被别的程序清空了。"
            )
            return (
                self.what(lang)
                + why
                + (
                    f"请从备份或 git 找回它（git checkout -- {path}，或用 git log -- {path} 找以前"
                    "的版本）；要从头开始，删除它后运行 plan init。"
                )
            )
        why = (
            " Most likely what the plan said was deleted and its # lines left, or saving, "
            "copying or syncing was cut off."
            if self.comment_lines
            else " Saving, copying or syncing was probably cut off, or another program emptied it."
        )
        return (
            self.what(lang)
            + why
            + (
                f" Restore it from a backup or git (git checkout -- {path}, or find an earlier "
                f"version with git log -- {path}); to start afresh, delete it and run plan init."
            )
        )
