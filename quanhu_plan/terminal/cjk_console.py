"""The console window of Chinese Windows (conhost, 命令提示符 and PowerShell outside Windows
Terminal): with the code page 936 and its font (新宋体) it draws each character GBK writes in two
bytes two columns wide, among them the lines, guides, bars and dots the views draw (─ │ ├ └ █ ·)
and the quotes of a title (发展“四香”产业), which every other terminal draws, and the views count,
one column wide (and the arrow of a change in the log). A rule of 79 ─ then took two lines of an 80-column window, a tree's guides
and every column after a quote moved. There, and only there, standard output writes those signs
as the ASCII one-column signs that stand for them (``NARROW``), so that the views keep their
columns (the Japanese, Korean and traditional Chinese code pages alike). No rich here: the
program's entry (``output_streams``) wraps stdout before any command is loaded, on Windows alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The code pages whose console font draws these signs two columns wide: Japanese (932),
# simplified Chinese (936: GBK), Korean (949), traditional Chinese (950: Big5).
WIDE_SIGN_CODE_PAGES = frozenset({932, 936, 949, 950})

# A terminal that draws them one column wide whatever the code page sets one of these.
_OTHER_TERMINALS = (
    "WT_SESSION",
    "TERM_PROGRAM",
    "ConEmuPID",
    "ALACRITTY_WINDOW_ID",
    "WEZTERM_PANE",
)

NARROW = str.maketrans(
    {
        "─": "-",  # a table's rule, a report's section line
        "│": "|",  # a tree's guides
        "├": "|",
        "└": "`",
        "█": "#",  # a completion bar (░ is written "-" wherever the encoding lacks it)
        "░": "-",
        "·": "-",  # between the parts of a heading or a line (状态 · 截至 …)
        "—": "-",  # a value not given
        "→": ">",  # a change in the log (状态: 未开始 → 进行中)
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
    }
)


def wide_signs_console(
    platform: str, environ: Mapping[str, str], is_terminal: bool, code_page: int | None
) -> bool:
    """Whether standard output is a console window that draws ``NARROW``'s signs two columns
    wide: a terminal on Windows whose output code page is a CJK one, not inside Windows
    Terminal, VS Code, ConEmu or another terminal that draws them one column wide."""
    return (
        platform == "win32"
        and is_terminal
        and code_page in WIDE_SIGN_CODE_PAGES
        and not any(name in environ for name in _OTHER_TERMINALS)
    )


class NarrowSigns:
    """A text stream that writes ``NARROW``'s signs as their ASCII stand-ins, and is otherwise
    the stream it wraps (its encoding, isatty, fileno, flush). So are the stand-ins of what its
    encoding lacks (• written · there, which this console draws in two columns) and the circled
    numbers it draws in two: as a view counted them (``output_streams.written_here``)."""

    draws_wide_signs_narrow = True  # (what ``written_here`` lays a view out for)

    def __init__(self, stream: Any):
        from ..output_streams import written_table

        self.wrapped = stream
        self.narrow = {**(written_table(self) or {}), **NARROW}

    def write(self, text: str) -> int:
        self.wrapped.write(text.translate(self.narrow))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def narrowed_where_wide(stream: Any) -> Any:
    """``stream`` (standard output) wrapped in ``NarrowSigns`` on a console window that draws
    the signs wide, else as it is."""
    import os
    import sys

    try:
        is_terminal = bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return stream
    if not is_terminal or sys.platform != "win32":
        return stream
    if wide_signs_console(sys.platform, os.environ, is_terminal, _console_code_page()):
        return NarrowSigns(stream)
    return stream


def _console_code_page() -> int | None:
    """The console's output code page (``chcp``), None where there is none to ask."""
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetConsoleOutputCP())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None
