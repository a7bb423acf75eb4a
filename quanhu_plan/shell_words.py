"""A word as a command line takes it: what the tool's words put in a command they advise
(a title, a name, a path) is quoted so that it can be typed or pasted as it is shown, on
Windows and POSIX shells alike. Pure and small: a message quoting one word loads no more."""

from __future__ import annotations

import re

# Patterns compiled when first used (``re``'s own cache): most changes never quote a word.
_SHELL_SPECIAL = r"""[\s"'\\$`;&|<>()*?!#~%^]"""


# Inside "…" a POSIX shell still expands $ and ` (and bash, as typed, !): such a word goes in '…'.
_EXPANDED_IN_DOUBLE_QUOTES = r"[$`!]"


def _windows() -> bool:
    import os

    return os.name == "nt"


def quote(word: str) -> str:
    """A word as typed on a command line: as it is when it can be (王五, 2023-06-30), else in
    double quotes, which both Windows and POSIX shells read; on POSIX in single quotes when it
    holds what a shell expands inside double quotes ($HOME, `…`, !), in $'…' when it holds
    what prints otherwise (a tab, a line break, ESC: ``_ansi_c_quoted``). On Windows a backslash
    stays single (C:\\计划\\2024.toml): a program's arguments take it as it is there."""
    if not _windows() and _shown_otherwise(word):
        return _ansi_c_quoted(word)
    if word and not re.search(_SHELL_SPECIAL, word):
        return word
    if _windows():  # backslashes before the closing quote are doubled, else they escape it
        return '"' + re.sub(r"(\\+)$", r"\1\1", word.replace('"', '\\"')) + '"'
    return quote_posix(word)


def quote_posix(word: str) -> str:
    """A word as a POSIX shell (bash, also on Windows) reads it: as it is, in "…", or in '…'
    where it holds what a shell expands inside double quotes; in $'…' where it holds what
    every output shows escaped (``_ansi_c_quoted``)."""
    if _shown_otherwise(word):
        return _ansi_c_quoted(word)
    if word and not re.search(_SHELL_SPECIAL, word):
        return word
    if re.search(_EXPANDED_IN_DOUBLE_QUOTES, word):
        return "'" + word.replace("'", "'\\''") + "'"
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown_otherwise(word: str) -> bool:
    """Whether ``word`` prints otherwise than it is (``controls.visible``: a tab as a space,
    ESC as \\x1b) or over lines."""
    from .controls import visible

    return "\n" in word or visible(word) is not word


def _ansi_c_quoted(word: str) -> str:
    """A word holding what every output shows escaped (a tab as a space, a line break, ESC, a
    zero-width space), in bash's and zsh's $'…', each such character as the escape it reads
    back from: in "…" it would print otherwise than it reads (a tab shown as a space names
    another file) or break the command over lines."""
    from .controls import visible

    out = []
    for character in word:
        if character in "\\'":
            out.append("\\" + character)
        elif character == "\t":
            out.append("\\t")
        elif character == "\n":
            out.append("\\n")
        elif character == "\r":
            out.append("\\r")
        elif visible(character) is not character:
            code = ord(character)
            out.append(
                f"\\x{code:02x}"
                if code < 0x80
                else f"\\u{code:04x}"
                if code <= 0xFFFF
                else f"\\U{code:08x}"
            )
        else:
            out.append(character)
    return "$'" + "".join(out) + "'"


# What PowerShell reads as more than a letter: its quotes (the curly ones of Chinese text, “”
# ‘’, are quotes to it as well), its variables, brackets, separators and escape.
_POWERSHELL_SPECIAL = "\\s'\"`$(){};,&|@#<>\u2018\u2019\u201a\u201b\u201c\u201d\u201e"
_POWERSHELL_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


def quote_powershell(word: str) -> str:
    """A word as PowerShell reads it: as it is, else in '…' with each single quote doubled."""
    if word and not re.search(f"[{_POWERSHELL_SPECIAL}]", word) and word[0] not in "-–—―":
        return word
    return "'" + "".join(c * 2 if c in _POWERSHELL_SINGLE_QUOTES else c for c in word) + "'"
