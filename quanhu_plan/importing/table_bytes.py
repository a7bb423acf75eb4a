"""The bytes of a table to import (.xlsx or .csv), read only when the path is a regular file of
a table's size: a named pipe (FIFO) was waited on for ever, a link to /dev/zero read until the
memory ran out, and a 2 GB file (sparse: a disk image's leftovers) read whole, decoded and
parsed took a minute and 12 GB of memory before it was called no table."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import UnreadableSheetFile

# The largest table file read, packed or not: a table of the most rows an import reads
# (sheets.MAX_ROWS) is some tens of MB as a CSV, less as a workbook; a county's 任务分解表 is
# well under one.
LARGEST_TABLE = 100 * 2**20

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_table_bytes(path: Path) -> bytes:
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise UnreadableSheetFile(str(path), "文件不存在", "there is no such file") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise UnreadableSheetFile(
                str(path), "这是一个文件夹，不是表格文件", "it is a folder, not a table"
            )
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableSheetFile(
                str(path),
                "它不是普通文件（而是命名管道、设备或套接字），不是表格文件；请导入表格文件本身",
                "it is not a regular file (a named pipe, a device or a socket), not a table; "
                "import the table file itself",
            )
        if st.st_size > LARGEST_TABLE:
            size, limit = f"{st.st_size / 2**20:,.0f}", f"{LARGEST_TABLE // 2**20}"
            raise UnreadableSheetFile(
                str(path),
                f"它有 {size} MB，超出了能导入的大小（{limit} MB，足够十万行的表格），没有读取；"
                "多半是选错了文件或文件已损坏。请导入任务表本身，或把任务表复制到一个新的工作簿，"
                "另存为 .xlsx 后再导入",
                f"it is {size} MB, more than an import reads ({limit} MB, enough for a table of "
                "100,000 rows), and was not read; most likely it is the wrong file or a damaged "
                "one. Import the task table itself, or copy it into a new workbook, save it as "
                ".xlsx and import that",
            )
        chunks = []
        while chunk := os.read(fd, max(st.st_size + 1, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(fd)


def _unreadable(path: Path, exc: OSError) -> UnreadableSheetFile:
    from ..errors import reason_in_chinese
    from ..store.file_trouble import _WINDOWS_CLOUD_ONLY, _WINDOWS_IN_USE

    reason = exc.strerror or str(exc)
    if getattr(exc, "winerror", None) in _WINDOWS_CLOUD_ONLY:  # OneDrive's online-only
        return UnreadableSheetFile(
            str(path),
            f"它是只存放在云端的文件（OneDrive 等的“仅联机可用”），现在取不下来（{reason}）：请启动"
            " OneDrive 并连上网络，或在资源管理器里右键它，选“始终保留在此设备上”，再导入",
            f"it is kept in the cloud alone (OneDrive's online-only files) and could not be "
            f"fetched now ({reason}): start OneDrive and connect to the network, or right-click "
            "it in Explorer and choose Always keep on this device, then import it",
        )
    if getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
        # Excel lets no other program read a CSV it has open (WPS a workbook alike): errno
        # EACCES, whose "no permission" sends the clerk to the file's properties
        return UnreadableSheetFile(
            str(path),
            "它正被其他程序占用（多半是在 Excel 或 WPS 里打开着：Excel 打开 CSV 时不让别的程序读"
            "它），请在 Excel 或 WPS 里关闭它后重试",
            "another program holds it (most likely it is open in Excel or WPS, and Excel lets "
            "no other program read a CSV it has open): close it there, then try again",
        )
    return UnreadableSheetFile(
        str(path),
        f"无法读取（{reason_in_chinese(reason, exc.errno)}）",
        f"it cannot be read ({reason})",
    )
