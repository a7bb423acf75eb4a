"""The names of a plan's files: what a Windows PC cannot hold in a new file's name (plans and
reports are mailed to Windows office PCs), and the names of the files a change keeps beside the
plan while it is made (its lock, its temp file, its journal), shortened where the plan's own name
is too long for them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

TEMP_SUFFIX = ".quanhu-tmp"
JOURNAL_SUFFIX = ".quanhu-journal"


# ---------------------------------------------------------------- names of new files

# What no Windows file name holds (besides its separators / and \\, and control characters),
# and the device names it reserves whatever extension follows (CON.md is the console there).
_NOT_ON_WINDOWS = '<>:"|?*'
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{digit}" for port in ("COM", "LPT") for digit in "123456789\u00b9\u00b2\u00b3"]
)
_PASTED_QUOTES = "\"'"


def refuse_unportable_name(path: Path | str) -> None:
    """Refuse (``UnportableName``) to make a file or folder whose name a Windows PC cannot hold
    (plans and reports are mailed to Windows office PCs), or one pasted with Explorer's quotes
    or spaces around it, as the reading of a plan's path names them (``_meant``): on every
    system, before anything is written. The name is the last part of ``path`` as typed (a
    folder ``2024./`` too); ``-`` (standard output) is no name."""
    from ..errors import UnportableName

    given = str(path)
    folders = os.path.splitdrive(given)[1].rstrip("/" + os.sep)  # (D: is no name)
    name = os.path.basename(folders)
    if name in ("", ".", "..", "-"):
        return
    found = _unportable(name)
    if found is None:
        return
    why, meant, what = found
    if why == "backslashes":
        meant = given.replace("\\", "/")
    elif why in ("quotes", "spaces"):  # around the whole path, as Explorer pastes it
        whole = given.strip().strip(_PASTED_QUOTES).strip()
        if whole != given and meant is not None and whole.endswith(meant):
            meant = whole
        elif meant is not None:
            meant = os.path.join(os.path.dirname(folders), meant)
    raise UnportableName(given, name, why, meant, what)


def _unportable(name: str) -> tuple[str, str | None, str] | None:
    """Why a Windows PC could not hold a file so named, the name most likely meant (None where
    none is clear) and what it holds that makes it so; None for a name it holds."""
    found = _first_unportable(name)
    if found is None:
        return None
    why, meant, what = found
    for _ in range(3):  # '"CON.md"': the name meant is itself put right (three ways at most)
        again = _first_unportable(meant) if meant else None
        if again is None:
            break
        meant = again[1]
    return why, meant, what


def _first_unportable(name: str) -> tuple[str, str | None, str] | None:
    bare = name.strip().strip(_PASTED_QUOTES).strip()
    if name.strip()[:1] in _PASTED_QUOTES or name.strip()[-1:] in _PASTED_QUOTES:
        return "quotes", bare or None, ""
    if name != name.strip():
        return "spaces", bare or None, ""
    if "\\" in name:  # (never in a name on Windows, where it separates folders)
        return "backslashes", None, "\\"
    tidy = "".join("-" if char in _NOT_ON_WINDOWS or ord(char) < 32 else char for char in name)
    if any(ord(char) < 32 for char in name):
        return "controls", tidy, ""
    if tidy != name:
        found = "".join(sorted({char for char in name if char in _NOT_ON_WINDOWS}))
        return "characters", tidy, " ".join(found)
    if name.endswith("."):
        return "dot", name.rstrip(". ") or None, ""
    device, dot, rest = name.partition(".")
    if device.rstrip(" ").upper() in _WINDOWS_DEVICES:
        return "device", f"{device}-1{dot}{rest}", device
    return None


# ---------------------------------------------------------------- names beside the plan

# A file name holds at most 255 bytes (Linux, macOS) or UTF-16 units (Windows): a Chinese
# character takes three bytes, so the files beside a plan with a long name would not fit.
NAME_MAX = 255
_WINDOWS = sys.platform == "win32"
# What atomic_write adds to the plan's name: ".", ".", tempfile's eight letters, TEMP_SUFFIX.
_TEMP_ADDED = 1 + 1 + 8 + len(TEMP_SUFFIX)
# The room a shortened name fits in: the least any file beside the plan leaves (the temp's).
_SHORT_ROOM = NAME_MAX - _TEMP_ADDED
_HASH_DIGITS = 12
_EXTENSION_MAX = 16  # a longer "extension" is taken as part of the name, not kept whole


def name_length(name: str) -> int:
    """A file name's length as the file system counts it: in bytes of its encoding
    (``os.fsencode``), or on Windows in UTF-16 units (a name that fits there today keeps it)."""
    if _WINDOWS:
        return len(name.encode("utf-16-le", "surrogatepass")) // 2
    return len(os.fsencode(name))


def _beside_stem(name: str, added: int) -> str:
    """The plan's name as a file beside it (lock, temp, journal) carries it, ``added`` the
    length of what that file's name adds to it: the name itself wherever it fits in NAME_MAX
    (every name a plan of ordinary length has stays as it always was), else ``_shortened``."""
    return name if name_length(name) + added <= NAME_MAX else _shortened(name)


def _shortened(name: str) -> str:
    """A long name made short enough for every file beside the plan: its start, cut at a
    character, then ``~`` and 12 hex digits of the SHA-256 of the whole name, then its
    extension (``.toml``), so the lock is still ``*.toml.lock``. Derived from the name alone,
    so every program on the plan comes to the same lock file; no character is added that a
    file name may not hold (on Windows either)."""
    import hashlib

    base, extension = os.path.splitext(name)
    if name_length(extension) > _EXTENSION_MAX:
        base, extension = name, ""
    mark = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:_HASH_DIGITS]
    room = _SHORT_ROOM - name_length(mark + extension)
    head = base
    while name_length(head) > room:
        head = head[:-1]
    return head + mark + extension


def lock_path(real: Path) -> Path:
    return real.with_name(_beside_stem(real.name, len(".lock")) + ".lock")


def journal_path(real: Path) -> Path:
    added = 1 + len(JOURNAL_SUFFIX)
    return real.with_name(f".{_beside_stem(real.name, added)}{JOURNAL_SUFFIX}")


def _temp_prefix(real: Path) -> str:
    """How atomic_write's temp files beside ``real`` start (tempfile's letters, then
    TEMP_SUFFIX, follow)."""
    return f".{_beside_stem(real.name, _TEMP_ADDED)}."
