"""A plan file not there (or a folder), named by the PLAN_FILE setting rather than typed: said
so, with how to set it right (a clerk told 请检查路径 may not know the variable is set, nor where)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .base import PlanError
from .files import NotAFile, PathThroughFile, PlanFileError, PlanFileMissing

_SETTING = "PLAN_FILE"


# The commands that change a plan: where the plan is not there, they say how to start one.
CHANGES = frozenset(
    "add block done drop edit header move note progress record reopen resolve rm start undo".split()
)


def message_naming_setting(
    exc: PlanError, lang: str, file_option: str | None, command: str | None = None
) -> str:
    """``exc``'s message; where the file it could not find (missing, a link to nothing, a folder) is
    the one PLAN_FILE names and no --file was given, it says that the path came from there and
    how to mend it, in place of 请检查路径是否正确后重试. A change (``command`` in ``CHANGES``)
    to a plan named with --file that is not there says how to start one too."""
    if not _missing(exc):
        return exc.message(lang)
    path = str(getattr(exc, "path", ""))
    if file_option:
        named = type(exc) is PlanFileError and str(_setting_path(file_option)) == path
        # A folder named (nope/: Path drops the slash, and nope alone names a file): said as
        # typed, a folder not there, and the commands that make the plan.toml in it.
        folder = _folder_typed(file_option) if named else None
        # (not where a part of the path is a file: no plan can be started there either)
        if named and command in CHANGES and getattr(exc, "errno", None) != errno.ENOTDIR:
            check = "请检查路径是否正确；" if lang == "zh" else " Check the path;"
            if folder is not None:
                return _said_no_folder(folder, lang) + check + how_to_start(folder, lang, True)
            return _said_missing(path, lang) + check + how_to_start(path, lang, True)
        if folder is not None:
            again = (
                "请检查路径是否正确后重试。" if lang == "zh" else " Check the path and try again."
            )
            return _said_no_folder(folder, lang) + again
        return exc.message(lang)
    setting = os.environ.get(_SETTING, "")
    if not setting.strip() or path not in (str(_setting_path(setting)), setting):
        return exc.message(lang)
    # PLAN_FILE=~/plan.toml: the value as set, and what its ~ stands for
    home = f"{setting}，~ 即主目录 {Path.home()}" if setting.startswith("~") else ""
    home_en = f" ({setting}, ~ being the home folder {Path.home()})" if home else ""
    start = ""
    if type(exc) is PlanFileError:  # its advice (check the path) is the setting's, below
        folder = _folder_typed(setting)  # (PLAN_FILE=D:/镇计划/: a folder, said as set)
        said = _said_missing(path, lang) if folder is None else _said_no_folder(folder, lang)
        start = how_to_start(folder or path, lang, False)
        start = start if lang == "zh" else f" T{start[2:]}"  # (a sentence of its own)
    elif isinstance(exc, PathThroughFile):  # (its advice, check the path: the setting's)
        said = exc.said(lang)
    elif isinstance(exc, NotAFile) and exc.kind != "dangling":  # (its advice: the setting's)
        from .files import FILE_KINDS

        zh_kind, en_kind = FILE_KINDS.get(exc.kind, FILE_KINDS["other"])
        said = (
            f"{path} 是{zh_kind}，不是计划文件。"
            if lang == "zh"
            else f"{path} is {en_kind}, not a plan file."
        )
    else:
        said = exc.message(lang)
    inside = getattr(exc, "inside", None)  # a folder given as the plan: the plan.toml in it
    if lang == "zh":
        likely = f"（这里多半是它里面的 {inside}）" if inside else ""
        return said + (
            f"这个路径来自环境变量 {_SETTING}（{home + '；' if home else ''}不用 --file 时，plan "
            "读它所指的文件）：请把 "
            f"{_SETTING} 改为计划文件的路径{likely}，或清除它（unset {_SETTING}；Windows 命令提示符："
            f"set {_SETTING}=）后使用当前文件夹的 plan.toml，或用 -f 指定计划文件。"
            + (start if command in CHANGES else "")
        )
    return said + (
        f" This path comes from the environment variable {_SETTING}{home_en} (without --file, plan "
        f"reads the file it names): set {_SETTING} to the plan file's path"
        + (f" (most likely {inside})" if inside else "")
        + f", or clear it (unset "
        f"{_SETTING}; in Windows cmd: set {_SETTING}=) to use the plan.toml in this folder, or "
        "name the plan with -f." + (start if command in CHANGES else "")
    )


def _said_missing(path: str, lang: str) -> str:
    """That ``path`` is not there, with the whole path looked at where it was given relative."""
    whole = os.path.abspath(path)
    if lang == "zh":
        looked = f"（查找的是 {whole}）" if whole != path else ""
        return f"无法读取 {path}{looked}：文件不存在。"
    looked = f" (looked for {whole})" if whole != path else ""
    return f"Cannot read {path}{looked}: no such file."


def _folder_typed(typed: str) -> str | None:
    """``typed`` (a --file or PLAN_FILE) where it names a folder by ending with a separator
    (nope/; nope\\ on Windows), as typed; else None."""
    bare = typed.strip()
    ends = ("/", os.sep) if os.altsep is None else ("/", os.sep, os.altsep)
    return bare if bare.endswith(ends) and bare.rstrip("/" + os.sep) else None


def _said_no_folder(folder: str, lang: str) -> str:
    """That the folder ``folder`` (typed with its separator at the end) is not there, and that a
    plan is named by its file."""
    whole = os.path.join(os.path.abspath(folder), "")
    inside = os.path.join(folder, "plan.toml")
    if lang == "zh":
        looked = f"（查找的是 {whole}）" if whole != folder else ""
        return (
            f"无法读取 {folder}{looked}：没有这个文件夹（以 / 结尾的路径指的是文件夹；计划要写"
            f"文件的路径，如 {inside}）。"
        )
    looked = f" (looked for {whole})" if whole != folder else ""
    return (
        f"Cannot read {folder}{looked}: no such folder (a path ending with / names a folder; "
        f"a plan is named by its file, such as {inside})."
    )


def how_to_start(path: str, lang: str, named: bool) -> str:
    """How to start a plan where the one named is not there (a change to it has nothing to
    change): the commands that make one at ``path``, and, for a file named with -f
    (``named``), how plan finds its file otherwise (for PLAN_FILE's, that is said before)."""
    from ..shell_words import quote

    at = quote(path)
    # A folder (nope/): init, import and new make it and the plan.toml in it.
    inside = os.path.join(path, "plan.toml") if _folder_typed(path) else ""
    if lang == "zh":
        found = (
            "（不用 -f 时，plan 依次找：环境变量 PLAN_FILE 所指的文件；当前文件夹及各上级文件夹中的 "
            "plan.toml；都没有时用内置的2023年计划，只读。）"
            if named
            else ""
        )
        written = (
            f"（都会建立这个文件夹，写入其中的 {inside}，之后用 plan -f {quote(inside)} 使用它）"
            if inside
            else ""
        )
        return (
            f"要在这里新建计划：plan -f {at} init 复制内置的2023年计划作为起点；"
            f"plan -f {at} import 任务分解表.xlsx 从表格生成；"
            f"plan new 2024 --from 上一年的计划.toml --out {at} 从上一年的计划新建{written}。{found}"
        )
    found = (
        " (Without -f, plan looks for the file PLAN_FILE names, then plan.toml in this folder "
        "and the folders above it, and else uses the embedded 2023 plan, read-only.)"
        if named
        else ""
    )
    written = (
        f" (each makes the folder and writes {inside} in it: then use it with plan -f "
        f"{quote(inside)})"
        if inside
        else ""
    )
    return (
        f" to start a plan here, plan -f {at} init copies the embedded 2023 plan to start from; "
        f"plan -f {at} import tasks.xlsx makes one from a table; plan new 2024 --from "
        f"last-year.toml --out {at} starts one from last year's plan{written}.{found}"
    )


def _setting_path(setting: str) -> Path | None:
    """The file PLAN_FILE names, as ``store.locate`` reads it (~ the home folder); None for
    what names none (a web address: its own error)."""
    from ..store.locating import named_path

    try:
        return named_path(setting, _SETTING)
    except PlanError:
        return None


def _missing(exc: PlanError) -> bool:
    if isinstance(exc, PlanFileMissing):
        return True
    if isinstance(exc, NotAFile):
        return exc.role == "plan"  # (a link to nothing, or a folder: PLAN_FILE=D:\\镇计划)
    return (
        isinstance(exc, PlanFileError)
        and exc.action == "read"
        and exc.errno in (errno.ENOENT, errno.ENOTDIR)
    )


class BadTimeZone(PlanError):
    """This computer's time zone a day or more from UTC (TZ=XXX-24:30: the C library takes it,
    Python's time zones do not), so that no time of the trace can be put in it."""

    def message(self, lang: str) -> str:
        setting = os.environ.get("TZ")
        if lang == "zh":
            where = f"TZ={setting}" if setting is not None else "系统的时区"
            mend = (
                "请把 TZ 设为时区名，如 export TZ=Asia/Shanghai（或 unset TZ，用系统的时区）"
                if setting is not None
                else "请重新设置系统的时区（如 timedatectl set-timezone Asia/Shanghai），或设 "
                "TZ=Asia/Shanghai"
            )
            return (
                f"这台电脑的时区设置无效：{where} 与 UTC 相差一天以上（各地时区与 UTC 最多相差 "
                f"14 小时），plan 无法换算修改记录的时间，计划文件没有改动。{mend}，然后重试。"
            )
        where = f"TZ={setting}" if setting is not None else "the system's time zone"
        mend = (
            "set TZ to a zone's name, e.g. export TZ=Asia/Shanghai (or unset TZ to use the "
            "system's zone)"
            if setting is not None
            else "set the system's time zone again (e.g. timedatectl set-timezone "
            "Asia/Shanghai), or set TZ=Asia/Shanghai"
        )
        return (
            f"This computer's time zone is not valid: {where} is a day or more from UTC (zones "
            "are at most 14 hours from it), so plan cannot put the times of the log in it; the "
            f"plan file is unchanged. Please {mend}, then try again."
        )
