"""A workbook or Word document that does not open, said as what it is (pure but for the bytes
given): an empty file, another kind of file renamed (an .ods a LibreOffice or WPS user saved,
a .docx named .xlsx, an .xlsx named .docx), or a damaged one, in the office's words — never
the name of the Python exception that met it (BadZipFile, KeyError), which tells a clerk
nothing."""

from __future__ import annotations

import io
import zipfile
import zlib

from .errors import UnreadableSheetFile

# What reading a damaged zip package raises: zipfile's own errors, a member's deflated data
# that does not inflate (zlib.error: a file cut short or overwritten in the middle, as a USB
# stick pulled out leaves it), a compression method zipfile does not know (NotImplementedError)
# or an encrypted member (RuntimeError), and what openpyxl and python-docx raise on parts that
# are missing or malformed.
DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    OSError,
    EOFError,
    SyntaxError,  # XML that does not parse
    AttributeError,
)

# The part that tells each kind of package apart: (the kind's words zh, en, its suffix, and
# the kind plan import reads that it is saved as: an .ods as a workbook, an .odt as a document).
_KINDS = (
    (
        "xl/workbook.xml",
        ("一个 Excel 工作簿（.xlsx）", "an Excel workbook (.xlsx)", ".xlsx", "xlsx"),
    ),
    ("word/document.xml", ("一个 Word 文档（.docx）", "a Word document (.docx)", ".docx", "docx")),
    (
        "ppt/presentation.xml",
        ("一个 PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)", ".pptx", ""),
    ),
)
_OPEN_DOCUMENT = {
    "application/vnd.oasis.opendocument.spreadsheet": (
        "一个 OpenDocument 表格（.ods，LibreOffice 或 WPS 保存的）",
        "an OpenDocument spreadsheet (.ods, as LibreOffice or WPS saves it)",
        ".ods",
        "xlsx",
    ),
    "application/vnd.oasis.opendocument.text": (
        "一个 OpenDocument 文档（.odt，LibreOffice 或 WPS 保存的）",
        "an OpenDocument text (.odt, as LibreOffice or WPS saves it)",
        ".odt",
        "docx",
    ),
}


def _package_kind(data: bytes) -> tuple[str, str, str, str] | None:
    """What a zip package holds, by the part that names its kind; None where it cannot be told."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names:
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            return _OPEN_DOCUMENT.get(mimetype)
    except DAMAGED:
        return None
    for part, kind in _KINDS:
        if part in names:
            return kind
    return None


def _text_table(data: bytes) -> bool:
    """Whether the bytes are a table as text — a CSV, or the tab-separated text some systems
    "export to Excel" under an .xls or .xlsx name: they decode (UTF-8, UTF-16 with its BOM, or
    GB18030 as Chinese Windows saves it) with no control character but line ends and tabs,
    and the first line has a comma or a tab between its columns."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # (a multi-byte character cut at the 64 KB read is no reason to refuse)
            try:
                text = head[:-4].decode(encoding)
            except UnicodeDecodeError:
                continue
        if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
            return False
        first = text.lstrip("\ufeff").split("\n", 1)[0]
        return any(mark in first for mark in (",", "\t"))
    return False


def _reader(kind: str) -> tuple[str, str, str, str]:
    """The program that saves ``kind`` ("xlsx", "docx"), the kind in words zh and en, its suffix."""
    if kind == "xlsx":
        return ("Excel", "Excel 工作簿", "Excel workbook", ".xlsx")
    return ("Word", "Word 文档", "Word document", ".docx")


def unreadable(path: str, data: bytes, wanted: str) -> UnreadableSheetFile:
    """The error for a file named as ``wanted`` ("xlsx" or "docx") that does not open as one."""
    program, zh_kind, en_kind, suffix = _reader(wanted)
    if not data.strip(b"\0 \t\r\n"):
        return UnreadableSheetFile(
            path,
            f"文件是空的（{len(data)} 字节，没有内容），可能没有保存完或复制、下载时中断了；"
            f"请找到原来的 {zh_kind}，重新保存或复制一份后再导入",
            f"the file is empty ({len(data)} bytes, nothing in it): it may not have been saved "
            f"in full, or a copy or download broke off; find the original {en_kind}, save or "
            "copy it again and import that",
        )
    kind = _package_kind(data)
    if kind is not None and kind[2] != suffix:
        zh, en, its_suffix, saved_as = kind
        if its_suffix in (".xlsx", ".docx"):  # a kind plan import reads: its own name back
            how_zh = f"把扩展名改回 {its_suffix} 后再导入"
            how_en = f"rename it to {its_suffix} and import that"
        elif saved_as:  # (an .ods named .docx is saved as a workbook, not a document)
            saver, zh_saved, en_saved, saved_suffix = _reader(saved_as)
            how_zh = f"请用 {saver} 或 WPS 打开它，“另存为” {saved_suffix}（{zh_saved}）后再导入"
            how_en = (
                f"open it in {saver} or WPS, save it as {saved_suffix} ({en_saved}) and import that"
            )
        else:
            how_zh = "它不是表格，请导入任务表所在的 Excel 工作簿或 Word 文档"
            how_en = "it holds no table: import the Excel workbook or Word document of the tasks"
        return UnreadableSheetFile(
            path,
            f"它其实是{zh}，只是扩展名为 {suffix}；{how_zh}",
            f"it is really {en}, only named {suffix}; {how_en}",
        )
    if _text_table(data):
        return UnreadableSheetFile(
            path,
            f"它其实是一个文本表格（CSV，逗号或制表符分隔的文字，有些系统这样“导出 Excel”），只是"
            f"扩展名为 {suffix}；把扩展名改为 .csv 后再导入",
            f"it is really a table as text (CSV: columns parted by commas or tabs, as some "
            f'systems "export to Excel"), only named {suffix}; rename it to .csv and import that',
        )
    return UnreadableSheetFile(
        path,
        f"它不是有效的 {zh_kind}：文件已损坏（内容无法解压或读取），可能没有保存完或复制、下载时"
        f"中断了，也可能只是改了扩展名；请用 {program} 或 WPS 打开它，能打开的话另存为 {suffix} "
        "后再导入，否则找到原来的文件重新复制一份",
        f"it is not a valid {en_kind}: the file is damaged (its content does not unpack or "
        "read), perhaps not saved in full or a copy or download broke off, or it is just "
        f"renamed; open it in {program} or WPS and, if it opens, save it as {suffix} and "
        "import that, else copy the original file again",
    )
