"""What standard output and standard error write: a character their encoding lacks never
fails a command (``never_fail_to_print``), stdout's are counted and said once at the end
(``say_what_was_lost``), and on the console window of Chinese Windows stdout draws its wide
signs narrow (``terminal.cjk_console``). Loaded by ``entry.main`` inside its Ctrl-C guard, so
that the module the program starts in stays as short as it can be."""

import sys


def never_fail_to_print() -> None:
    """A stream that cannot encode a character (a GBK console, ``PYTHONIOENCODING=gbk``, a lone
    surrogate from a badly encoded argument) shows it as ``?`` instead of failing the command,
    as many as the columns it takes (``shown_in_columns``), and stdout's are counted, to be
    said once at the end (``say_what_was_lost``); a stream that is lenient already (stderr's
    backslashreplace) stays as it is."""
    import codecs

    codecs.register_error(SHOWN_IN_COLUMNS, shown_in_columns)
    codecs.register_error(_SHOWN_ON_STDOUT, _shown_on_stdout)
    if sys.platform != "win32":  # (pythonw on Windows has none of the three)
        _closed_descriptors_kept_shut()
    if sys.stdout is None and sys.platform != "win32":
        sys.stdout = _Closed()
    if sys.stderr is None and sys.platform != "win32":  # (``2>&-``: its words go nowhere)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    for stream, errors in ((sys.stdout, _SHOWN_ON_STDOUT), (sys.stderr, SHOWN_IN_COLUMNS)):
        if not _fails_to_encode(stream):
            continue  # already lenient (stderr: backslashreplace), or no stream at all
        try:
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    if sys.platform == "win32" and sys.stdout is not None:  # a CJK console's wide signs
        from .terminal.cjk_console import narrowed_where_wide

        sys.stdout = narrowed_where_wide(sys.stdout)


def _fails_to_encode(stream: object) -> bool:
    """Whether ``stream`` fails on a character its encoding lacks: ``strict``, and the
    ``surrogateescape`` Python gives stdout in the C locale, lenient only with the bytes of a
    badly encoded argument: in ASCII (``LC_ALL=C PYTHONUTF8=0``, a service's or a container's
    settings) every Chinese character failed the command with a traceback."""
    errors = getattr(stream, "errors", None)
    if errors == "surrogateescape":
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
        return not encoding.startswith("utf")
    return errors == "strict"


def _closed_descriptors_kept_shut() -> None:
    """A standard descriptor closed when the program started (``2>&-``, ``>&-``, ``<&-``: a
    cron job's, a daemon's) is held by the null device, as a daemon's are. Left free, the
    next file opened took its number: Click, given ``sys.stderr`` None, wrote an error
    meant for stderr to stdout (``plan done 9.9 2>&- >out``), and a program plan runs (git)
    wrote its complaints on descriptor 2 into whatever file held it: the lock, a plan's
    temporary file. Python leaves the stream None exactly where the descriptor was closed,
    so a normal run costs nothing here."""
    import os

    for fd, stream in ((0, sys.stdin), (1, sys.stdout), (2, sys.stderr)):
        if stream is not None:
            continue
        try:
            os.fstat(fd)
            continue  # open after all (pythonw-like embedding): left as it is
        except OSError:
            pass
        try:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
        except OSError:  # pragma: no cover - no null device
            continue
        if null != fd:
            os.dup2(null, fd)
            os.close(null)


class _Closed:
    """Standard output closed when the program started (``plan export >&-``): Python leaves
    ``sys.stdout`` None and everything printed went nowhere, the run exiting 0. Written to, it
    fails as a closed descriptor does (EBADF), which ``main`` says of a read command; a change
    is saved and exits 0 all the same (``cli.app.print_after_save``)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        import errno
        import os

        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        import io

        raise io.UnsupportedOperation("fileno")


SHOWN_IN_COLUMNS = "quanhu-shown-in-columns"
_SHOWN_ON_STDOUT = "quanhu-shown-on-stdout"

# What the tool itself draws that GBK (cp936: a redirect on Chinese Windows) cannot encode: the
# empty part of a completion bar, which "?" would make unreadable (██░░ → ██??), the minus of
# the county's scoring rule; and spaces GBK lacks (a non-breaking space pasted from Word or a
# web page) as the space they look like; and the marks a clerk types or pastes that GBK has a
# plain form of, in as many columns: ✓ as √ and ✗ as × (the ticks of a Chinese form), m² as m2
# (plan import writes m2 as m²), ㎥ as m3, Word's bullets (• ▪ ◦ ➢ ▶) and dots (・ ∙ ‧) as
# the ones GBK has, its non-breaking hyphen as a hyphen. The report's circled numbers past ⑩
# have their own stand-in (``_circled_number``).
_DRAWN_INSTEAD = {
    "░": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "✓": "√",
    "✔": "√",
    "✗": "×",
    "✘": "×",
    "²": "2",
    "³": "3",
    "㎥": "m3",
    "•": "·",
    "∙": "·",
    "‧": "·",
    "・": "· ",  # (two columns: the stand-in keeps both)
    "▪": "■",
    "◦": "○",
    "➢": ">",
    "▶": ">",
    "\u2011": "-",  # non-breaking hyphen (Word's Ctrl+Shift+-)
    "\u2012": "-",  # figure dash
}
_ZERO_WIDTH_JOINER = "\u200d"
_LOST = [0]  # characters of stdout's written as "?"


def shown_in_columns(error: UnicodeError, lost: list[int] | None = None) -> tuple[str, int]:
    """An encoding error handler: each character the output cannot encode as ``?`` once for each
    column it takes, so that the columns after it stay where they were laid out (a two-column
    emoji is ``??``, a zero-width joiner and the picture it joins on nothing), counted in
    ``lost``; a sign the tool draws as a stand-in that reads the same (``_DRAWN_INSTEAD``)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    from .terminal.widths import character_width

    text, shown = error.object, []
    for at in range(error.start, error.end):
        character = text[at]
        stand_in = _DRAWN_INSTEAD.get(character) or _circled_number(character)
        if stand_in is not None:
            shown.append(stand_in)
        elif at and text[at - 1] == _ZERO_WIDTH_JOINER:
            continue  # joined into the picture before it, which its width counts
        else:
            shown.append("?" * character_width(character))
            if lost is not None:
                lost[0] += 1
    return "".join(shown), error.end


def _shown_on_stdout(error: UnicodeError) -> tuple[str, int]:
    return shown_in_columns(error, _LOST)


def _circled_number(character: str) -> str | None:
    """⑪ to ㊿ (the report numbers the fifth level of its outline ①, ②…; GBK has ① to ⑩
    alone) as ``11)``, the form the report itself takes past ㊿; None for any other."""
    code = ord(character)
    for first, number in ((0x246A, 11), (0x3251, 21), (0x32B1, 36)):
        if first <= code < first + 15 and (first != 0x246A or code <= 0x2473):
            return f"{number + code - first})"
    return None


# ① to ⑩, which GBK has (and the Japanese, Korean and Big5 code pages more of them), and which
# the console window of Chinese Windows draws two columns wide, as the form the report's numbers
# take past ㊿: ``1)``.
_CIRCLED_TEN = {code: f"{code - 0x2460 + 1})" for code in range(0x2460, 0x246A)}
# A stand-in that console draws two columns wide, as one it draws in one (· is narrowed there
# already: ``cjk_console.NARROW``).
_NARROW_STAND_INS = str.maketrans({"√": "v", "×": "x", "■": "#", "○": "o"})
_WRITTEN: dict[tuple[str, bool], dict[int, str] | None] = {}
_last_stream: object = None  # standard output as last asked, and its table
_last_table: dict[int, str] | None = None
_TO_A_FILE = [False]  # a view laid out for a UTF-8 file (plan report --format txt --out)


def written_here(text: str) -> str:
    """``text`` as standard output writes it, for a view to lay out before it is written: each
    character its encoding lacks that has a stand-in as the stand-in (⑪ as ``11)`` in GBK,
    three columns where ⑪ took one), so that the columns a line was counted to take are the
    columns written; on the console window of Chinese Windows the stand-ins as it draws them in
    one column each, and ① to ⑩, which it draws in two, as ``1)`` to ``10)``. Text in UTF-8
    (or GB18030) comes back as it is."""
    if text.isascii() or _TO_A_FILE[0]:
        return text
    global _last_stream, _last_table
    if sys.stdout is not _last_stream:  # (asked once a stream: a status asks for every cell)
        _last_stream, _last_table = sys.stdout, written_table(sys.stdout)
    return text.translate(_last_table) if _last_table else text


class laid_out_for_a_file:  # noqa: N801 - a context, named as contextlib's are
    """Views laid out inside it are written to a UTF-8 file, not to standard output: each
    character as it is (``written_here`` gives text back unchanged). (Not contextlib: the
    module is loaded on every start.)"""

    def __enter__(self) -> None:
        _TO_A_FILE[0] = True

    def __exit__(self, *exception: object) -> None:
        _TO_A_FILE[0] = False


def written_table(stream: object) -> dict[int, str] | None:
    """``written_here``'s table for ``stream``: None where nothing is written otherwise."""
    encoding = str(getattr(stream, "encoding", None) or "utf-8").lower()
    console = bool(getattr(stream, "draws_wide_signs_narrow", False))
    key = (encoding, console)
    if key not in _WRITTEN:
        _WRITTEN[key] = _stand_ins(encoding, console)
    return _WRITTEN[key]


def _stand_ins(encoding: str, console: bool) -> dict[int, str] | None:
    if encoding.replace("-", "").replace("_", "") in ("utf8", "utf16", "utf32", "gb18030"):
        return None
    circled = [*range(0x246A, 0x2474), *range(0x3251, 0x3260), *range(0x32B1, 0x32C0)]
    table: dict[int, str] = {}
    for character in [*_DRAWN_INSTEAD, *map(chr, circled)]:
        stand_in = _DRAWN_INSTEAD.get(character) or _circled_number(character) or character
        if console and character not in _DRAWN_INSTEAD:  # (a circled number: two columns)
            table[ord(character)] = stand_in
            continue
        try:
            character.encode(encoding)
        except UnicodeEncodeError:
            table[ord(character)] = stand_in
        except LookupError:  # (an encoding Python does not know: nothing to go by)
            return None
    if console:
        from .terminal.cjk_console import NARROW

        table = {code: _console_drawn(text, NARROW) for code, text in table.items()}
        table.update(_CIRCLED_TEN)
    return table or None


def _console_drawn(stand_in: str, narrow: dict[int, str]) -> str:
    return stand_in.translate(narrow).translate(_NARROW_STAND_INS)


def say_what_was_lost() -> None:
    """Once, on stderr, at the end: how many characters stdout's encoding could not hold (GBK,
    ``plan report --format md > 总结.md`` on Chinese Windows) and how to keep them."""
    if not _LOST[0] or sys.stderr is None:
        return
    encoding = getattr(sys.stdout, "encoding", "?")
    try:
        from .terminal.folding import folded_on_terminal  # (as the other notices)

        said = (
            f"plan: 输出的编码（{encoding}）写不出其中 {_LOST[0]} 个字符（表情符号、生僻字等），"
            "已写成 ?；要原样保留，report、export、county 可用 --out 写成文件，或先运行 "
            f"set PYTHONIOENCODING=utf-8 / the output's encoding ({encoding}) cannot hold "
            f"{_LOST[0]} of its characters (emoji, rare characters), written as ?: to keep "
            "them, write a file with --out (report, export, county), or set "
            "PYTHONIOENCODING=utf-8 first"
        )
        sys.stderr.write(folded_on_terminal(said, True) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
