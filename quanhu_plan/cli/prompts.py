"""Yes/no questions in the run's language, answered as people answer them: 是/否 as well as
y/n/yes/no (好、确定、对 for yes; 不、不要、取消 for no), in full-width letters too.

Only loaded when a command asks (``app.ask``), or looks whether it may (``can_ask``)."""

from __future__ import annotations

import sys

import typer

YES = frozenset({"y", "yes", "是", "是的", "好", "好的", "对", "确定", "确认", "要", "同意", "ok"})
NO = frozenset({"n", "no", "否", "不", "不是", "不要", "不用", "取消", "算了"})


def answer(text: str) -> bool | None:
    """True for yes, False for no, None for an answer that is neither. Case, full-width forms
    (ｙ), spaces and a closing mark (是。 / yes!) do not count."""
    import unicodedata

    word = unicodedata.normalize("NFKC", text).strip().lower().rstrip("。.!！")
    if word in YES:
        return True
    if word in NO:
        return False
    return None


def can_ask() -> bool:
    """Whether someone is at a terminal to answer a question. Nothing is asked elsewhere (as
    gh and terraform do): a script's piped or redirected input is its data, and a question
    would read its next line as the answer (``while read id n; do plan record $id $n; done <
    figures.txt``). Standard input closed as plan started (``<&-``: Python's ``sys.stdin`` is
    None then) is no terminal either."""
    try:
        return sys.stdin.isatty() or (sys.platform == "win32" and _mintty(sys.stdin.fileno()))
    except (AttributeError, ValueError, OSError):
        return False


def _mintty(fd: int) -> bool:
    """Whether ``fd`` is the terminal of Git Bash (mintty) on Windows: to a program of Windows
    its input is a pipe the MSYS2 or Cygwin runtime names ``\\msys-…-pty0-from-master``, not a
    console, so ``isatty`` is False there though someone is typing (as git's own
    ``detect_msys_tty`` finds it)."""
    name = _pipe_name(fd)
    return name is not None and ("msys-" in name or "cygwin-" in name) and "-pty" in name


def _pipe_name(fd: int) -> str | None:
    """The name of the pipe ``fd`` is on Windows, None for no pipe or no answer."""
    try:
        import ctypes
        import msvcrt

        handle = ctypes.c_void_p(msvcrt.get_osfhandle(fd))  # type: ignore[attr-defined]
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        if kernel32.GetFileType(handle) != 3:  # FILE_TYPE_PIPE
            return None
        buffer = ctypes.create_string_buffer(4 + 2 * 1024)  # FILE_NAME_INFO: a length, UTF-16
        if not kernel32.GetFileInformationByHandleEx(handle, 2, buffer, len(buffer)):
            return None  # (2: FileNameInfo)
        length = int.from_bytes(buffer.raw[:4], "little")
        return buffer.raw[4 : 4 + length].decode("utf-16-le", "replace")
    except (AttributeError, ImportError, OSError, ValueError):
        return None


def confirm(question: str, lang: str) -> bool:
    """Ask until the answer is yes or no; an empty answer is no (the default). The end of
    input, and Ctrl-C, raise ``typer.Abort`` like click's confirm (Ctrl-C as its context)."""
    from .app import echo

    hint = " [是/否，默认否]：" if lang == "zh" else " [y/N]: "
    again = (
        "请回答“是”或“否”（也可以输入 y 或 n）。"
        if lang == "zh"
        else "Please answer yes or no (y or n; 是 or 否 work too)."
    )
    while True:
        echo(question + hint, nl=False)
        try:
            line = _read_line()
        except (KeyboardInterrupt, EOFError):
            raise typer.Abort() from None
        if not line.strip():
            return False
        said = answer(line)
        if said is not None:
            return said
        echo(again, err=True)


def _read_line() -> str:
    """A line of the answer, as its bytes were meant (``typed``)."""
    stream = sys.stdin
    if stream is None:
        raise EOFError
    sys.stdout.flush()
    raw = getattr(stream, "buffer", None)
    if raw is None:  # a stream of text only (IDLE's)
        line = stream.readline()
    else:
        data = raw.readline()
        line = typed(data, getattr(stream, "encoding", None) or "utf-8") if data else ""
    if not line:
        raise EOFError
    return line


def typed(data: bytes, encoding: str) -> str:
    """An answer's bytes as text. Piped in on Windows they need not be in the encoding Python
    reads stdin in: PowerShell 7 pipes UTF-8 to a Python reading GBK (the ANSI code page),
    cmd GBK to one reading UTF-8 (``PYTHONUTF8=1``), PowerShell 5 starts with a BOM. The first
    of stdin's encoding, UTF-8 and GB18030 that reads them as a yes or a no is taken, else the
    first that reads them at all, else stdin's with what it cannot read replaced: an answer
    that is neither is asked again, never a traceback."""
    readings = []
    for name in (encoding, "utf-8", "gb18030"):
        try:
            text = data.decode(name).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
        if answer(text) is not None:
            return text
        readings.append(text)
    return readings[0] if readings else data.decode("utf-8", "replace")
