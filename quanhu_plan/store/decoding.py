"""What a plan file's bytes are: its text (UTF-8, with or without a BOM), or, when they are
not UTF-8 text, what they most likely are instead (``NotUtf8``): another encoding, lines added
in one, a document saved under the plan's name, or zeros where a write was cut off."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import NotUtf8
from . import read_ahead


def decode(path: Path, data: bytes) -> str:
    """The file's text (UTF-8, with or without a BOM), or NotUtf8 naming what it seems to be."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # (its start counts from after a BOM)
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        raise _not_utf8(path, data, exc.start + bom) from None
    # A NUL is looked for in the bytes (the same test in valid UTF-8): a search through the
    # text of a long Chinese plan takes almost half as long as decoding it.
    if text.startswith(("PK\x03\x04", "%PDF-")) or b"\x00" in data:  # UTF-16 of ASCII alone…
        kind = text_kind(data)
        if kind == "zeroed":
            raise NotUtf8(str(path), kind, *_line_and_column(data, _zeros_at(data)))
        if kind is not None:
            raise NotUtf8(str(path), kind)
    read_ahead.bind(data, text)  # (where these are the bytes another process reads too)
    return text


# Zero bytes in a row that no text holds (UTF-32 has at most three in a row, between ASCII
# characters), where a file lost what was being written to it: a power cut or a crash while it
# was saved, a copy or a sync cut off.
_ZEROS = b"\x00" * 8


def _zeroed(data: bytes) -> bool:
    """Whether ``data`` lost its text to zero bytes: a run of them no text holds, nothing but
    them (and blank lines: a file of a few NULs is no UTF-32 text, which holds characters
    between them), or a last line of them alone below lines of text without any (the end of
    a write lost)."""
    if _ZEROS in data:
        return True
    if b"\x00" not in data:
        return False
    rest = data.removeprefix(b"\xef\xbb\xbf").strip(b"\x00 \t\r\n")
    start = data.rfind(b"\n") + 1  # (UTF-16 text has NULs above it, in every line)
    tail = data[start:]
    return not rest or (tail != b"" and not tail.strip(b"\x00") and b"\x00" not in data[:start])


def _zeros_at(data: bytes) -> int:
    """Where the zero bytes of a zeroed file (``_zeroed``) start."""
    at = data.find(_ZEROS)
    if at >= 0:
        return at
    tail = data.rfind(b"\n") + 1
    return tail if data[tail:] and not data[tail:].strip(b"\x00") else data.find(b"\x00")


def _line_and_column(data: bytes, at: int) -> tuple[int, int]:
    """The line and column (from 1, the column in characters) of byte ``at``."""
    start = data.rfind(b"\n", 0, at) + 1
    line = data.count(b"\n", 0, at) + 1
    return line, len(data[start:at].decode("utf-8-sig", "replace")) + 1


# How documents start that an office program saves: (the bytes, what it is).
_DOCUMENT_MAGIC = (
    (b"PK\x03\x04", "zip"),  # .docx, .xlsx, .pptx, .wps of today
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc, .xls, old .wps and .et
    (b"%PDF-", "pdf"),
    # A Windows shortcut (.lnk): its header's size and the shell link's class id.
    (b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F", "shortcut"),
)


def text_kind(data: bytes) -> str | None:
    """What bytes that are not UTF-8 text are by their look alone: a document (``zip`` —
    ``word``, ``excel`` when its parts say so — ``ole``, ``pdf``, a Windows ``shortcut``), a
    file with zero bytes where its text was lost (``zeroed``: a run of NUL bytes no text holds)
    or UTF-16 (``utf-16``, little-endian, or ``utf-16-be``) or UTF-32 text (by its BOM, or
    without one by its NUL bytes, which UTF-16 has in every ASCII character and a plan file
    never has); None when the look says nothing."""
    for magic, kind in _DOCUMENT_MAGIC:
        if data.startswith(magic):
            if kind == "zip":
                head = data[: 1 << 16]
                return "word" if b"word/" in head else "excel" if b"xl/" in head else "zip"
            return kind
    if _zeroed(data):
        return "zeroed"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith(b"\xff\xfe"):
        return "utf-16"
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be"
    head = data[:4096]
    nuls = head.count(0)
    if head and nuls * 10 >= len(head):  # a tenth and more of the bytes are NUL
        if nuls * 10 >= len(head) * 6:
            return "utf-32"
        # An ASCII character's NUL: after it (LE, Notepad's "Unicode"), or before it (BE).
        return "utf-16-be" if head[0::2].count(0) > head[1::2].count(0) else "utf-16"
    return None


def _not_utf8(path: Path, data: bytes, at: int) -> NotUtf8:
    """What a file whose byte ``at`` is the first that is not UTF-8 most likely is, and where
    that byte is: line and column from 1, the column in characters (the line before it is
    UTF-8)."""
    kind = text_kind(data)
    if kind == "zeroed":
        return NotUtf8(str(path), kind, *_line_and_column(data, _zeros_at(data)))
    if kind is not None:
        return NotUtf8(str(path), kind)
    line, column = _line_and_column(data, at)
    if _cut_in_a_character(data, at):  # saving or syncing cut off: not another encoding
        return NotUtf8(str(path), "cut", line, column)
    if re.match(_SURROGATE, data[at : at + 3]):  # a surrogate encoded as such: not GBK
        return _surrogate(path, data, at, line, column)
    mixed = _lines_not_utf8_among_utf8(data)
    if mixed:
        return NotUtf8(str(path), "mixed", line, column, mixed)
    for encoding, guess in (("gb18030", "gbk"), ("cp1252", "cp1252")):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return NotUtf8(str(path), guess, line, column)
    return NotUtf8(str(path), "unknown", line, column)


def _cut_in_a_character(data: bytes, at: int) -> bool:
    """Whether the bytes from ``at`` to the end are a UTF-8 character begun and not finished: a
    file cut off in a character (a Chinese one is three bytes), as often as between two."""
    tail = data[at:]
    if not 0 < len(tail) < 4:
        return False
    try:
        tail.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start == 0 and exc.end == len(tail) and exc.reason == "unexpected end of data"
    return False


# A UTF-16 surrogate encoded as a character (U+D800..DFFF: ED A0..BF xx), as CESU-8 writes.
_SURROGATE = rb"\xed[\xa0-\xbf][\x80-\xbf]"


def _surrogate(path: Path, data: bytes, at: int, line: int, column: int) -> NotUtf8:
    """Bytes at ``at`` that are a surrogate encoded as a character: the character its two
    halves make (a high half followed by a low one), and every line holding such bytes."""
    from ..errors.surrogates import SurrogateBytes

    pair = re.match(rb"\xed[\xa0-\xaf][\x80-\xbf]\xed[\xb0-\xbf][\x80-\xbf]", data[at:])
    found = data[at : at + (6 if pair else 3)]
    code = None
    if pair:
        high, low = (ord(found[n : n + 3].decode("utf-8", "surrogatepass")) for n in (0, 3))
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    lines = sorted({data.count(b"\n", 0, m.start()) + 1 for m in re.finditer(_SURROGATE, data)})
    shown = found.hex(" ").upper()
    return SurrogateBytes(str(path), line, column, at + 1, shown, code, lines)


def _lines_not_utf8_among_utf8(data: bytes) -> list[int]:
    """The lines (from 1) that are not UTF-8 in a file whose other lines hold Chinese in UTF-8,
    more of them: lines added in another encoding (echo … >> plan.toml in a Windows command
    window writes GBK), not a file saved in one, which opened as such and saved as UTF-8 would
    garble the rest. None such (an empty list) when fewer lines of Chinese are UTF-8 than are
    not: a file saved in GBK with a line or two added in UTF-8 is to be saved anew."""
    lines_not_utf8, chinese = [], 0
    han = re.compile("[\u3000-\u9fff]")
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            lines_not_utf8.append(number)
            continue
        # (a line of GBK that happens to be UTF-8 decodes as Latin, Greek or Cyrillic letters)
        chinese += han.search(text) is not None
    return lines_not_utf8 if chinese > len(lines_not_utf8) else []
