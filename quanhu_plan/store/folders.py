"""Many plan files at once (``plan county``): the plan files a folder holds, and the files in it
that are left aside and why.

A file named on the command line is read as a plan whatever its name. In a folder (and the
folders under it), every ``*.toml`` file is a candidate; hidden files and folders (``.git``)
are not looked into, and other files (spreadsheets, documents) are not plans. What the store
leaves beside a plan (``plan.toml.lock``, ``.plan.toml.…quanhu-tmp``, ``.plan.toml.quanhu-journal``)
and the county's own settings (``county.toml``) are left aside and named. Whether a candidate is
a plan is known only once it is read: one that reads as TOML but has no ``[plan]`` table is left
aside too (``has_plan_table``); one that does not read at all is a bad plan file.
"""

from __future__ import annotations

import os
from pathlib import Path

from .file_names import JOURNAL_SUFFIX, TEMP_SUFFIX

COUNTY_SETTINGS = "county.toml"

# Why a file was left aside (the words are the county view's).
LEFT_ASIDE = ("lock", "temp", "journal", "settings", "not_a_plan", "no_plans")


def plan_files(paths: list[Path]) -> tuple[list[tuple[Path, bool]], list[tuple[Path, str]]]:
    """``(path, named)`` of every file to read as a plan, in the order given (a folder's files
    sorted by path), each real file once (``named``: given on the command line, so it must be a
    plan); and ``(path, why)`` of the files left aside. A path that is not there is kept, so
    that reading it names the problem."""
    found: list[tuple[Path, bool]] = []
    aside: list[tuple[Path, str]] = []
    seen: set[str] = set()

    def keep(path: Path, named: bool) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append((path, named))

    for path in paths:
        if not path.is_dir():
            keep(path, True)
            continue
        held = False  # whether the folder holds a file to read or to leave aside
        for folder, folders, names in os.walk(path):  # links to folders are not followed
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            for name in sorted(names):
                why = _left_aside(name)
                if why is not None:
                    aside.append((Path(folder) / name, why))
                    held = True
                # .TOML too: Windows and mail programs may write the suffix in capitals.
                elif name.lower().endswith(".toml") and not name.startswith("."):
                    keep(Path(folder) / name, False)
                    held = True
        if not held:  # given by name, and nothing in it: said, not passed over in silence
            aside.append((path, "no_plans"))
    return found, aside


def _left_aside(name: str) -> str | None:
    if name.endswith(".toml.lock"):
        return "lock"
    if name.endswith(TEMP_SUFFIX):
        return "temp"
    if name.endswith(JOURNAL_SUFFIX):
        return "journal"
    if name.lower() == COUNTY_SETTINGS:  # (COUNTY.TOML: in capitals as a plan file may be)
        return "settings"
    return None


def county_settings(paths: list[Path]) -> Path | None:
    """The county's settings file: ``county.toml`` at the top of the first folder given that
    has one, its name in capitals too (COUNTY.TOML, as ``plan_files`` takes a plan's)."""
    for path in paths:
        if not path.is_dir():
            continue
        candidate = path / COUNTY_SETTINGS
        if candidate.is_file():
            return candidate
        try:
            named = sorted(p for p in path.iterdir() if p.name.lower() == COUNTY_SETTINGS)
        except OSError:  # a folder one may not list: its plans are not read either
            continue
        if named and named[0].is_file():
            return named[0]
    return None


def has_plan_table(path: Path) -> bool:
    """Whether a file that did not read as a valid plan at least says it is one: TOML with a
    ``plan`` table (a pyproject.toml or a tool's settings has none). Text that is not TOML, or
    cannot be read, counts as a plan file gone bad."""
    from ..errors import PlanError
    from .files import read_text
    from .plan_text import parse_toml

    try:
        doc = parse_toml(read_text(path), str(path))
    except PlanError:
        return True
    return "plan" in doc


# A [plan] table's header at the start of a line (after a BOM, in UTF-8 or in GBK alike).
_PLAN_HEADER = rb"^(?:\xef\xbb\xbf)?[ \t]*\[[ \t]*plan[ \t]*\]"


def plans_beside(folder: Path) -> list[str]:
    """The names of the plan files right in ``folder`` that ``plan`` does not find by itself,
    sorted: a ``*.toml`` other than plan.toml (or a ``*.toml.txt``) that starts a ``[plan]``
    table in its first 64 KiB (a mailed copy saved as plan (1).toml, a plan given the town's
    name, plan.toml saved by Notepad as a text document). For what is
    said where the embedded plan is in use beside one; a file that cannot be read is none."""
    import re

    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        lower = name.lower()
        # (PLAN.TOML too, from a Windows PC: where names are told apart by case, as here,
        # plan looks for plan.toml alone)
        # (and *.toml.txt: Notepad's 另存为 as 文本文档 adds .txt, which Explorer hides)
        if (
            not lower.endswith((".toml", ".toml.txt"))
            or name.startswith(".")
            or name == "plan.toml"
        ):
            continue
        if lower == COUNTY_SETTINGS:
            continue
        try:
            with open(folder / name, "rb") as file:
                head = file.read(1 << 16)
        except OSError:  # a folder so named, one that may not be read
            continue
        if re.search(_PLAN_HEADER, head, re.MULTILINE):
            found.append(name)
    return found
