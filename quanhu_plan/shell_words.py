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
    holds what a shell expands inside double quotes ($HOME, `…`, !). On Windows a backslash
    stays single (C:\\计划\\2024.toml): a program's arguments take it as it is there."""
    if word and not re.search(_SHELL_SPECIAL, word):
        return word
    if _windows():  # backslashes before the closing quote are doubled, else they escape it
        return '"' + re.sub(r"(\\+)$", r"\1\1", word.replace('"', '\\"')) + '"'
    if re.search(_EXPANDED_IN_DOUBLE_QUOTES, word):
        return "'" + word.replace("'", "'\\''") + "'"
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
