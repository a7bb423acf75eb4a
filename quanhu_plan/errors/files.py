"""Errors of the file system: a plan or an output that could not be read, written or locked,
a path that is not a regular file, a write stopped half-way; with the system's reason in
Chinese and advice that fits it."""

from __future__ import annotations

from .base import PlanError
from .paths_as_typed import _TXT_EN, _TXT_ZH, pasted_en, pasted_zh


class ReadOnlyPlan(PlanError):
    """A change was asked of the embedded plan, which is part of the installed program;
    ``beside``: the plan files in the folder under another name than plan.toml, which plan
    does not find by itself (``store.plans_beside``), one of which is meant."""

    def __init__(self, detail: str, beside: list[str] | None = None):
        super().__init__(detail)
        self.beside = beside or []

    def message(self, lang: str) -> str:
        if self.beside:
            return not_found_beside(self.beside, lang) + (
                "不要运行 plan init：那会另建一份内置计划的副本，不是这份计划。"
                if lang == "zh"
                else " Do not run plan init: it would make a new copy of the embedded plan, "
                "not this one."
            )
        # (where plan looked: a clerk in the wrong folder learns it is the wrong one)
        import os

        here = os.getcwd()
        if lang == "zh":
            # (a comma after plan init: the words after it were taken as the command's,
            # plan init 在当前目录生成 plan.toml kept whole on one line past the edge)
            return (
                "当前使用的是内置的2023年计划，它是只读的：没有设环境变量 PLAN_FILE，"
                f"{here} 及其各上级文件夹中也没有 plan.toml。请先运行 plan init，在当前目录生成 "
                "plan.toml（复制内置计划作为起点），或 plan import 任务分解表.xlsx 从表格生成，或 "
                "plan new 2024 --from 上一年的计划.toml --out plan.toml 从上一年的计划新建；"
                "已有计划文件的，用 --file / PLAN_FILE 指定它，再进行修改。"
            )
        return (
            "This is the embedded 2023 plan, which is read-only: PLAN_FILE is not set and there "
            f"is no plan.toml in {here} or the folders above it. Run plan init to get a copy "
            "(plan.toml in this folder), plan import tasks.xlsx to make one from a table, or "
            "plan new 2024 --from last-year.toml --out plan.toml to start one from last "
            "year's; or point --file / PLAN_FILE at a plan file you have, then change that."
        )


# Said of a plan.toml.txt: Notepad's 另存为 as 文本文档 added the .txt, which Explorer does not
# show where extensions are hidden (the clerk sees plan.toml).
def _added_txt(names: list[str]) -> bool:
    return any(name.lower().endswith(".toml.txt") for name in names)


def not_found_beside(names: list[str], lang: str, command: str | None = None) -> str:
    """What is said where the embedded plan is in use beside plan files under another name
    (``names``, in this folder): that it is the embedded plan, which of them plan does not
    find by itself, and how to use one (``command``: the one run, else COMMAND…). A change is
    refused (``command`` None); a view notes it."""
    from ..shell_words import quote

    sep = "、" if lang == "zh" else ", "
    shown = sep.join(names[:3]) + (("等" if lang == "zh" else " and others") if names[3:] else "")
    if lang == "zh":
        named = f"plan -f {quote(names[0])} {command or '命令…'}"
        what = "一份计划" if len(names) == 1 else "计划文件"
        use = ("要修改" if command is None else "要用") + ("它" if len(names) == 1 else "其中一份")
        return (
            f"当前使用的是内置的2023年计划，它是只读的。这个文件夹里的 {shown} 是{what}，但 plan "
            f"只自动使用名为 plan.toml 的计划：{use}，请写明文件，如 {named}（或把它改名为 "
            f"plan.toml{'；' + _TXT_ZH if _added_txt(names) else ''}）。"
        )
    named = f"plan -f {quote(names[0])} {command or 'COMMAND...'}"
    one = len(names) == 1
    return (
        f"This is the embedded 2023 plan, which is read-only. {shown} in this folder "
        f"{'is a plan' if one else 'are plans'}, but plan finds a plan by itself only when it "
        f"is named plan.toml: to {'change' if command is None else 'use'} "
        f"{'it' if one else 'one'}, name the file, as in {named} (or rename it plan.toml"
        f"{'; ' + _TXT_EN if _added_txt(names) else ''})."
    )


class PlanInCodeFolder(ReadOnlyPlan):
    """A change asked, without naming the file, of the plan.toml in quanhu-plan's code folder:
    the original of the embedded plan, not a copy to practise on."""

    def __init__(self, path: str, init: bool = False):
        super().__init__(f"{path} is the embedded plan's original")
        self.path, self.init = path, init

    def message(self, lang: str) -> str:
        if self.init:  # plan init there: "move the file away first" would break the program
            if lang == "zh":
                return (
                    f"没有写入：这里是 quanhu-plan 的代码文件夹，{self.path} 是内置计划原件（plan "
                    "init 复制的就是它），不要移走或覆盖。请换到一个放台账的文件夹再运行 plan "
                    "init，例如：cd ..、mkdir 台账、cd 台账、plan init。"
                )
            return (
                f"Nothing written: this is quanhu-plan's code folder, and {self.path} is the "
                "original of the embedded plan (what plan init copies): do not move or overwrite "
                "it. Run plan init in a folder of your own, e.g. cd .., mkdir plans, cd plans, "
                "plan init."
            )
        from ..shell_words import quote

        named = f"plan -f {quote(self.path)}"
        if lang == "zh":
            return (
                f"没有修改：{self.path} 是 quanhu-plan 代码文件夹里的内置计划原件（plan init "
                "复制的就是它），不在这里修改。请换到一个放台账的文件夹（如代码文件夹旁边的 "
                "台账），运行 plan init 复制一份，再在那里修改。确要修改原件，写明文件："
                f"{named} 命令…。"
            )
        return (
            f"Nothing changed: {self.path} is the original of the embedded plan in quanhu-plan's "
            "code folder (what plan init copies), not a plan to change here. Go to a folder of "
            "your own (beside the code folder), run plan init there to get a copy and change "
            f"that. To change the original all the same, name the file: {named} COMMAND...."
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


class CloudOnlyFile(PlanFileError):
    """A file kept in the cloud alone (OneDrive's "online-only", where Windows 11 backs up the
    desktop) that Windows could not fetch now: its sync program not running, no network."""

    def message(self, lang: str) -> str:
        zh_action = {"read": "读取", "write": "写入", "lock": "锁定", "create": "创建"}
        unchanged = self.action in ("write", "lock")
        if lang == "zh":
            return (
                f"无法{zh_action.get(self.action, self.action)} {self.path}：它是只存放在云端的文件"
                "（OneDrive 等的“仅联机可用”；Windows 11 常把桌面备份到 OneDrive），现在取不下来"
                f"（系统报告“{self.reason}”）。{'原文件没有改动。' if unchanged else ''}请启动 "
                "OneDrive（或所用的同步软件）并连上网络；在资源管理器里右键它，选“始终保留在此设备"
                "上”，以后离线也能用。然后重试。"
            )
        return (
            f"Cannot {self.action} {self.path}: it is kept in the cloud alone (OneDrive's "
            "online-only files; Windows 11 often backs the desktop up to OneDrive) and could not "
            f"be fetched now ({self.reason}).{' The original file is unchanged.' if unchanged else ''}"
            " Start OneDrive (or the sync program you use) and connect to the network; right-click "
            "it in Explorer and choose Always keep on this device, so that it is there offline "
            "too. Then try again."
        )


class PlanTooLarge(PlanFileError):
    """A plan file far larger than any plan (``limit`` bytes; 100,000 tasks are some 16 MB):
    a disk image's leftovers, a file preallocated and never written, the wrong file. Refused
    by its size before it is read (a 2 GB file read took 4 GB of memory and most of a minute)."""

    def __init__(self, path: str, size: int, limit: int):
        super().__init__(path, "read", f"{size} bytes, more than a plan file has")
        self.size, self.limit = size, limit

    def message(self, lang: str) -> str:
        from ..shell_words import quote

        size, limit = f"{self.size / 2**20:,.0f}", f"{self.limit // 2**20:,}"
        path = quote(self.path)
        if lang == "zh":
            return (
                f"无法读取 {self.path}：它有 {size} MB，计划文件不会这么大（十万项任务的计划约 16 "
                f"MB，能读取的上限是 {limit} MB），所以没有读取，也没有改动它。多半是选错了文件，"
                "或文件已损坏（断电、复制或同步中断）：请用 --file 指定计划文件本身，或从备份或 "
                f"git 找回（git checkout -- {path}）。"
            )
        return (
            f"Cannot read {self.path}: it is {size} MB, and no plan is that large (100,000 tasks "
            f"are some 16 MB; the most read is {limit} MB), so it was neither read nor changed. "
            "Most likely it is the wrong file, or a damaged one (a power cut, a copy or sync cut "
            "short): name the plan file itself with --file, or get it back from a backup or git "
            f"(git checkout -- {path})."
        )


class PlanFileMissing(PlanFileError):
    """The plan file named does not exist, but one does under the name as it was most likely
    meant (``meant``): without the quotes Explorer's "copy as path" puts around it (which
    ``set PLAN_FILE="D:\\…"`` keeps), without spaces at its ends, or with its backslashes as
    slashes on a system whose folders are separated by ``/``. ``why`` says which of these."""

    def __init__(self, path: str, meant: str, why: str):
        super().__init__(path, "read", "no such file", _errno_code("ENOENT"))
        self.meant, self.why = meant, why

    def message(self, lang: str) -> str:
        path, meant = self.path, self.meant
        if lang == "zh":
            return f"无法读取 {path}：文件不存在。{pasted_zh(path, self.why)}：要用的多半是 {meant}，请这样写后重试。"
        why = pasted_en(path, self.why)
        return (
            f"Cannot read {path}: no such file. {why[0].upper()}{why[1:]}: the file meant is "
            f"most likely {meant}; write it so and try again."
        )


class PathThroughFile(PlanFileError):
    """A path that goes through a file as if it were a folder (``file``: notes.txt of
    notes.txt/plan.toml, as the path gives it): no file can be under it, so neither "no such
    file" (with plan init's advice, which cannot make one there) nor "a part of the path is not
    a folder" (which one?) says what to do."""

    def __init__(self, path: str, action: str, file: str, kind: str = "file"):
        super().__init__(path, action, "Not a directory", _errno_code("ENOTDIR"))
        self.file = file
        self.kind = kind  # "file", or "dangling": a symbolic link to nothing

    def said(self, lang: str) -> str:
        """What is wrong, without the advice (PLAN_FILE's is said in its place)."""
        zh_action = {"read": "读取", "write": "写入", "lock": "锁定", "create": "创建"}
        file = self.file
        if lang == "zh":
            what = "一个指向不存在位置的符号链接" if self.kind == "dangling" else "一个文件"
            return (
                f"无法{zh_action.get(self.action, self.action)} {self.path}：路径中有一段不是"
                f"文件夹：{file} 是{what}，它里面不会有别的文件。"
            )
        what = "a symbolic link to nothing" if self.kind == "dangling" else "a file"
        return (
            f"Cannot {self.action} {self.path}: a part of the path is not a folder: {file} "
            f"is {what}, so nothing can be inside it."
        )

    def message(self, lang: str) -> str:
        import os

        file, rest = self.file, self.path[len(self.file) :]
        dangling = self.kind == "dangling"
        if self.action != "read":  # (nothing is under a file: no original, written or locked)
            beside = os.path.join(os.path.dirname(file), os.path.basename(self.path))
            if lang == "zh":
                return self.said(lang) + (
                    f"什么也没有写入。请换一个文件夹里的路径，如 {beside}；要用 {file} 这个名字"
                    f"的文件夹，先把这个{'链接' if dangling else '文件'}改名或移走，再新建文件夹。"
                )
            return self.said(lang) + (
                f" Nothing was written. Give a path in a folder, such as {beside}; to have a "
                f"folder named {file}, rename or move the {'link' if dangling else 'file'} "
                "first, then make the folder."
            )
        if self.kind == "dangling":  # (the folder it stood for moved, or was never there)
            if lang == "zh":
                return self.said(lang) + (
                    f"请检查路径，或让 {file} 重新指向计划所在的文件夹（它原来指向的文件夹可能"
                    "被移走或改名了）。"
                )
            return self.said(lang) + (
                f" Check the path, or point {file} again at the folder the plan is in (the "
                "folder it pointed to may have been moved or renamed)."
            )
        if lang == "zh":
            return self.said(lang) + (
                f"请检查路径：计划文件若就是 {file}，写它本身（去掉后面的 {rest}）；"
                "否则写出计划文件所在的文件夹里的路径。"
            )
        return self.said(lang) + (
            f" Check the path: if {file} is the plan file itself, name it alone (without the "
            f"{rest} after it); else give the path of the plan file in its folder."
        )


def writing(code: int | None) -> str:
    """The action a file that could not be looked at was being written for: ``create`` where
    its name is too long to be a file's (a report named after a pasted title), so that no
    original is said to be unchanged; else ``write``."""
    return "create" if code == _errno_code("ENAMETOOLONG") else "write"


def _errno_code(name: str) -> int:
    import errno

    return int(getattr(errno, name))


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


def on_windows() -> bool:
    """Whether the advice is for a Windows PC (where ``ls -l`` means nothing)."""
    import sys

    return sys.platform == "win32"


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
    if code == errno.ENAMETOOLONG and on_windows():
        return (
            "Windows 的路径最长 260 个字符，写入时还要在它旁边建立名字更长的锁文件或临时文件：请"
            "换一个路径短一些的文件夹（如 D:\\计划），或把上级文件夹的名字改短后重试。",
            "Windows paths are at most 260 characters long, and writing makes a lock or temp "
            "file with a longer name beside it: use a folder with a shorter path (such as "
            "D:\\plans), or shorten the names of the folders above it, then try again.",
        )
    if code in (errno.ENAMETOOLONG, errno.ELOOP):
        return (
            "请换一个短一些的路径，或检查路径中的符号链接。",
            "Use a shorter path, or check the symbolic links on it.",
        )
    if code in (errno.EBUSY, errno.ETXTBSY, errno.EMFILE, errno.ENFILE):
        return (
            "请关闭正在使用它的程序（如 WPS、Word、Excel、编辑器），或等 OneDrive、坚果云等同步"
            "软件同步完（或暂停同步）后重试。",
            "Close the programs using it (a spreadsheet, an editor), or let a sync tool "
            "(OneDrive, 坚果云) finish syncing it (or pause it), then try again.",
        )
    if code == errno.EIO:
        return (
            "磁盘或网络盘可能出了问题，请检查后重试。",
            "The disk or network drive may be failing; check it, then try again.",
        )
    if code in (errno.EACCES, errno.EPERM) and on_windows():
        # Windows denies replacing a file that is open or marked read-only alike
        return (
            "请确认它没有在 WPS、Word 或 Excel 里打开（打开着的文件不能覆盖，先关闭它），也没有设为"
            "只读（右键 → 属性），再检查你对它所在文件夹的权限后重试。",
            "Make sure it is not open in WPS, Word or Excel (a file open there cannot be "
            "replaced: close it first) nor marked read-only (right-click → Properties), and "
            "check your permissions on its folder, then try again.",
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
    if code == errno.EROFS and on_windows():
        return (
            "它所在的盘（U 盘、光盘或存储卡）有写保护：请拨开 U 盘侧面的写保护开关，或改用桌面等"
            "可写的位置（计划在这个盘上时，先把它复制过去，改复制的那份）后重试。",
            "The drive it is on (a USB stick, a CD, a memory card) is write-protected: slide the "
            "stick's lock switch off, or use a writable place such as the desktop (for a plan on "
            "that drive, copy it there and change the copy), then try again.",
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
    "loop": ("一圈互相指向的符号链接", "a loop of symbolic links that point to each other"),
    "other": ("一个特殊文件", "a special file"),
}


class NotAFile(PlanError):
    """A path that must be a regular file is a folder, a FIFO, a device or a link; nothing was
    read or written. ``role``: ``found`` (discovery), ``plan`` (--file), ``county`` (a town's
    plan file given to ``plan county``, or found in its folder), ``out`` (--out),
    ``lock`` (the lock file beside the plan), ``init`` (the plan.toml plan init would write),
    ``git`` (the .gitattributes or .gitignore plan git-setup adds its lines to), ``settings``
    (the county.toml of plan county's folder)."""

    def __init__(self, path: str, kind: str, role: str, inside: str | None = None):
        super().__init__(f"{path} is not a regular file ({kind})")
        self.path, self.kind, self.role = path, kind, role
        self.inside = inside  # (a folder given as the plan: the plan.toml in it)

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
        if self.role == "county":  # (--file and PLAN_FILE name no plan of the county's)
            return (
                f"{path} 是{zh_kind}，不是计划文件，未计入。如果它应是某个单位的计划，请把计划"
                "文件本身放到这里，或在命令行写出它的路径；否则请删去或移走它。"
                if lang == "zh"
                else f"{path} is {en_kind}, not a plan file, and is not counted. If it should be "
                "a town's plan, put the plan file itself there, or give its path on the command "
                "line; else remove or move it."
            )
        if self.role == "init":
            return (
                f"这里的 {path} 是{zh_kind}：plan 在这个文件夹里找计划时会停在它那里，用不到写在它"
                "里面的计划，所以什么也没有写。请把它改名或移走后再运行 plan init；或写出新计划的"
                "路径，如 plan init 镇计划.toml。"
                if lang == "zh"
                else f"{path} here is {en_kind}: plan, looking for a plan in this folder, stops "
                "at it and would not use a plan written inside it, so nothing was written. Rename "
                "or move it, then run plan init again; or name the new plan, as in plan init "
                "town-plan.toml."
            )
        if self.role == "out":
            import os

            # A table (plan export, plan county --format xlsx) is no report: said as what it is.
            suffix = os.path.splitext(path)[1].lower()
            table = suffix in (".xlsx", ".csv")
            what_zh, what_en = ("表格", "a table") if table else ("报告", "a report")
            zh_name = f"推进情况表{suffix}" if table else "2023年终总结.md"
            en_name = f"progress{suffix}" if table else "report-2023.md"
            return (
                f"--out 指定的 {path} 是{zh_kind}，{what_zh}只能写入普通文件，什么也没有写入。"
                f"请给 --out 一个文件路径，例如 {zh_name}。"
                if lang == "zh"
                else f"--out {path} is {en_kind}; {what_en} is written to a regular file only, "
                f"so nothing was written. Give --out a file path, e.g. {en_name}."
            )
        if self.role == "settings":  # (county.toml at the top of plan county's folder)
            return (
                f"{path} 是{zh_kind}，不是县级设置文件，读不出其中的报送要求和排名权重，所以没有"
                f"汇总（按默认设置汇总会排错名次）。请把它删去或移走（设置写在名为 county.toml "
                "的文件里），再运行 plan county。"
                if lang == "zh"
                else f"{path} is {en_kind}, not the county's settings file: its reporting rule "
                "and ranking weights cannot be read, so nothing was summed up (the defaults "
                "instead would rank the towns wrongly). Remove or move it (the settings go in a "
                "file named county.toml), then run plan county again."
            )
        if self.role == "git":  # (.gitattributes, .gitignore: plan git-setup)
            import os

            name = os.path.basename(path)
            why_zh = "git 不经链接读它" if self.kind == "link" else "git 读不了它，plan 也不能写入"
            why_en = (
                "git does not read one through a link"
                if self.kind == "link"
                else ("git cannot read it, nor can plan write it")
            )
            return (
                f"{path} 是{zh_kind}，不是 git 读的 {name} 文件（{why_zh}），所以 plan git-setup "
                f"什么也没有设置，{name} 和 git 配置都没有改动。请把它删去或移走（rm {path}），"
                "再运行一次 plan git-setup，它会新建一个。"
                if lang == "zh"
                else f"{path} is {en_kind}, not the {name} file git reads ({why_en}), so plan "
                f"git-setup set nothing up: neither {name} nor git's config was changed. Remove or "
                f"move it (rm {path}), then run plan git-setup again: it makes a new one."
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
            from ..shell_words import quote

            # (a folder is no file rm removes: rm -r, after a look inside it)
            remove = f"rm -r {quote(path)}" if self.kind == "folder" else f"rm {quote(path)}"
            return (
                f"锁文件 {path} 是{zh_kind}，{why_zh}，计划文件没有改动。"
                f"请删除它（{remove}）后重试，plan 会重新建立锁文件。"
                if lang == "zh"
                else f"The lock file {path} is {en_kind}; {why_en}, and the plan is unchanged. "
                f"Remove it ({remove}) and try again; plan makes a new lock file."
            )
        if self.inside is not None:
            return (
                f"{path} 是{zh_kind}，不是计划文件。请用 --file 或 PLAN_FILE 指定计划文件本身，"
                f"这里多半是它里面的 {self.inside}。"
                if lang == "zh"
                else f"{path} is {en_kind}, not a plan file. Point --file or PLAN_FILE at the "
                f"plan file itself, here most likely the {self.inside} in it."
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
    """The plan has no write permission (for this user, or for anyone when run as root; on
    Windows, its read-only attribute)."""

    def __init__(self, path: str, mode: int, owner: str, group: str):
        super().__init__(f"{path} is read-only (mode {mode:04o})")
        self.path, self.mode, self.owner, self.group = path, mode, owner, group

    def message(self, lang: str) -> str:
        import stat

        if on_windows():  # the file's read-only attribute: no modes, owners nor chmod there
            if lang == "zh":
                return (
                    f"{self.path} 设为了只读（文件属性“只读”），plan 不修改只读的计划文件，文件没有"
                    "改动。如果确实要修改，请在资源管理器里右键点它 → 属性，取消勾选“只读”后点"
                    f'“确定”，或运行 attrib -r "{self.path}"，然后重试。'
                )
            return (
                f"{self.path} is marked read-only (its Read-only attribute); plan does not "
                "change a read-only plan, and the file is unchanged. If it should be changed, "
                "right-click it in Explorer → Properties, clear Read-only and click OK, or run "
                f'attrib -r "{self.path}", then try again.'
            )
        from ..shell_words import quote

        shown = f"{self.mode:04o} {stat.filemode(self.mode)[1:]}"
        typed = quote(self.path)  # (a folder named 镇 计划 2023: one word to chmod)
        if lang == "zh":
            return (
                f"{self.path} 没有写权限（权限 {shown}，所有者 {self.owner}，用户组 {self.group}），"
                "plan 不修改只读的计划文件，文件没有改动。如果确实要修改，请先放开写权限："
                f"所有者运行 chmod u+w {typed}；多人共用时运行 chmod g+w {typed}，"
                f"并确认大家都在用户组 {self.group} 里。"
            )
        return (
            f"{self.path} is not writable (mode {shown}, owner {self.owner}, group "
            f"{self.group}); plan does not change a read-only plan, and the file is unchanged. "
            f"If it should be changed, allow writing first: chmod u+w {typed} by its owner, "
            f"or for a shared plan chmod g+w {typed} with everyone in group {self.group}."
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


class CacheEntryDamaged(PlanError):
    """A chunk of the parse cache's entry, read and checked when the command began, did not
    unpickle into its items' tables when one was first asked for (``store.cache``): the entry
    is removed and the command stopped before it wrote anything; the plan file is as it was."""

    def __init__(self, entry: str):
        super().__init__(f"parse cache entry {entry} is damaged")
        self.entry = entry

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"计划文件的解析缓存 {self.entry} 已损坏（计划文件本身没有问题，也没有被改动）。"
                "已删除这份缓存，请再运行一次这条命令；如果再次出现，可以设置 "
                "QUANHU_PLAN_CACHE=off 不用缓存，并把这条消息告诉维护人员。"
            )
        return (
            f"The parse cache entry {self.entry} is damaged (the plan file itself is fine and "
            "was not changed). The entry was removed: run the command again. If this happens "
            "again, set QUANHU_PLAN_CACHE=off to work without the cache, and report this message."
        )


class BlankPlanFileSetting(PlanError):
    """PLAN_FILE holds only spaces (set PLAN_FILE= , an unset variable quoted in a script):
    not "no PLAN_FILE", which would change a plan found otherwise instead of the one meant."""

    def __init__(self) -> None:
        super().__init__("PLAN_FILE holds only white space")

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                "环境变量 PLAN_FILE 的值只有空格，没有指定计划文件：请把它设为计划文件的路径"
                "（如 set PLAN_FILE=D:\\计划\\泉湖镇.toml，或 export PLAN_FILE=泉湖镇.toml），"
                "或者删掉这个变量（set PLAN_FILE= / unset PLAN_FILE），改用 --file 或当前文件夹的 "
                "plan.toml。"
            )
        return (
            "The PLAN_FILE environment variable holds only spaces, naming no plan file: set it to "
            "the plan file's path (export PLAN_FILE=plan.toml, or set PLAN_FILE=D:\\plans\\"
            "plan.toml), or remove it (unset PLAN_FILE / set PLAN_FILE=) to use --file or the "
            "plan.toml in this folder."
        )


class FileExists(PlanError):
    def __init__(self, path: str):
        super().__init__(f"{path} exists")
        self.path = path

    def message(self, lang: str) -> str:
        if lang == "zh":
            return f"{self.path} 已经存在，没有覆盖。请换一个路径，或先把原文件移走。"
        return f"{self.path} already exists and was not overwritten. Choose another path or move it away first."


class OutputExists(FileExists):
    """A report would overwrite a file and nobody said yes (no terminal to ask, or answered no)."""

    def message(self, lang: str) -> str:
        if lang == "zh":
            return f"{self.path} 已经存在，没有覆盖。如需覆盖请加 --force，或换一个输出路径。"
        return f"{self.path} already exists and was not overwritten. Add --force to overwrite it, or choose another path."
