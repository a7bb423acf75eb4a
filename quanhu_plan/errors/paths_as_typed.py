"""A path or a file name as it was typed or pasted: shown in a message one paragraph long
(``_shown``), what was pasted around it from Explorer or a spreadsheet cell (quotes, spaces, a
line break: ``pasted_zh``, ``pasted_en``), and a name a Windows PC cannot hold
(``UnportableName``)."""

from __future__ import annotations

from .base import PlanError

_TXT_ZH = "末尾的 .txt 是记事本保存时加上的，资源管理器里先勾选“查看 → 文件扩展名”才看得到"
_TXT_EN = (
    "Notepad added the .txt when it saved the file, and Explorer shows it only with View → "
    "File name extensions ticked"
)


def _shown(name: str | None) -> str:
    """A name in a message, every character not printable (a tab, a line feed) as an escape:
    the message stays one paragraph."""
    name = name or ""
    if name.isprintable():
        return name
    return "".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in name)


def _ends(given: str, found: str) -> str:
    """Which ends of a path pasted from Explorer have ``found`` (quotes, else white space) on
    them: ``both``, ``start`` or ``end`` (quotes are looked for inside any spaces)."""
    if found == "quotes":
        given = given.strip()
        start, end = given[:1] in "\"'", given[-1:] in "\"'"
    else:
        start, end = given[:1].isspace(), given[-1:].isspace()
    return "both" if start and end else "start" if start else "end"


def pasted_zh(given: str, why: str) -> str:
    """What is wrong with a path as a Windows office PC pastes it (``why``: quotes, spaces,
    backslashes), said of the end it is at: Chinese."""
    if why == "backslashes":
        return "路径用了反斜杠 \\，这个系统的文件夹之间用 /"
    if why == "txt":
        return f"有一个同名加 .txt 的文件（{_TXT_ZH}）"
    where = {"both": "两头", "start": "开头", "end": "末尾"}[_ends(given, why)]
    if why == "quotes":
        return (
            f'路径{where}多了引号（资源管理器“复制为路径”会加上，set PLAN_FILE="…" 会把它留在值里）'
        )
    if _line_break_at_ends(given):  # PLAN_FILE=$(cat 路径.txt), a cell copied from Excel
        return f"路径{where}多了换行符（从文件、表格复制路径时常带上）"
    return f"路径{where}多了空格"


def _line_break_at_ends(given: str) -> bool:
    """Whether the white space around ``given`` holds a line break (said as a space, it was
    not one to look for)."""
    stray = given[: len(given) - len(given.lstrip())] + given[len(given.rstrip()) :]
    return "\n" in stray or "\r" in stray


def pasted_en(given: str, why: str) -> str:
    """``pasted_zh`` in English."""
    if why == "backslashes":
        return "the path uses backslashes \\, and this system separates folders by /"
    if why == "txt":
        return f"there is a file of that name with .txt after it ({_TXT_EN})"
    ends = _ends(given, why)
    if why == "quotes":
        what = {
            "both": "quotes around it",
            "start": "a quote at its start",
            "end": "a quote at its end",
        }[ends]
        return (
            f'the path has {what} (Explorer\'s "Copy as path" puts quotes around a path, '
            'and set PLAN_FILE="…" keeps them in the value)'
        )
    if _line_break_at_ends(given):
        breaks = {
            "both": "line breaks at its ends",
            "start": "a line break at its start",
            "end": "a line break at its end",
        }[ends]
        return f"the path has {breaks} (copied from a file or a spreadsheet cell)"
    spaces = {
        "both": "spaces at its ends",
        "start": "a space at its start",
        "end": "a space at its end",
    }[ends]
    return f"the path has {spaces}"


class UnportableName(PlanError):
    """A file is to be written under a name a Windows PC cannot hold (plans and reports are
    mailed to Windows office PCs), or one pasted with Explorer's quotes or spaces around it or
    with its backslashes on a system that separates folders by ``/``; nothing was written.
    ``why``: quotes, spaces, backslashes (``pasted_zh``), characters, controls, dot, device;
    ``meant``: a name to write instead (None where none is clear)."""

    def __init__(self, path: str, name: str, why: str, meant: str | None, found: str = ""):
        super().__init__(f"{path}: a Windows PC cannot hold the name {name!r} ({why})")
        self.path, self.name, self.why, self.meant = path, name, why, meant
        self.found = found  # the characters, or the device name, that make it so

    def message(self, lang: str) -> str:
        path, name, found = _shown(self.path), _shown(self.name), _shown(self.found)
        if lang == "zh":
            fix = f"，例如 {_shown(self.meant)}" if self.meant else ""
            if self.why in ("quotes", "spaces", "backslashes"):
                retry = (
                    f"要写的多半是 {_shown(self.meant)}，请这样写后重试。"
                    if self.meant
                    else "请去掉它们，写出文件名后重试。"
                )
                return (
                    f"没有写入 {path}：{pasted_zh(self.path, self.why)}，照原样写出的文件名里会带着这些字符，"
                    f"所以什么也没有写入。{retry}"
                )
            why = {
                "characters": f"里有 Windows 文件名不能用的字符 {found}",
                "controls": "里有控制字符",
                "dot": "以点号结尾（Windows 会把结尾的点号去掉）",
                "device": f"用了 Windows 保留的设备名 {found}（CON、PRN、AUX、NUL、COM1–COM9、"
                "LPT1–LPT9，带什么扩展名都一样）",
            }[self.why]
            return (
                f"没有写入 {path}：文件名 {name} {why}，计划和报告常要发到 Windows 办公电脑上，"
                f"那里无法打开或保存这样命名的文件，所以什么也没有写入。请换一个文件名{fix}。"
            )
        fix = f", e.g. {_shown(self.meant)}" if self.meant else ""
        if self.why in ("quotes", "spaces", "backslashes"):
            retry = (
                f"The name meant is most likely {_shown(self.meant)}; write it so and try again."
                if self.meant
                else "Leave them out, name the file, and try again."
            )
            return (
                f"Did not write {path}: {pasted_en(self.path, self.why)}, which would be part of "
                f"the file's name, so nothing was written. {retry}"
            )
        why = {
            "characters": f"has characters a Windows file name cannot hold: {found}",
            "controls": "has control characters",
            "dot": "ends in a dot (Windows drops it)",
            "device": f"uses {found}, a device name Windows reserves (CON, PRN, AUX, NUL, "
            "COM1-COM9, LPT1-LPT9, with any extension)",
        }[self.why]
        return (
            f"Did not write {path}: the name {name} {why}. Plans and reports are often mailed "
            "to Windows office PCs, which cannot open or save a file so named, so nothing was "
            f"written. Choose another file name{fix}."
        )
