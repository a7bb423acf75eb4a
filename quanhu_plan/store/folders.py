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
import re
from pathlib import Path

from .file_names import JOURNAL_SUFFIX, TEMP_SUFFIX

COUNTY_SETTINGS = "county.toml"

# Why a file was left aside (the words are the county view's).
LEFT_ASIDE = ("lock", "temp", "journal", "settings", "not_a_plan", "no_plans", "not_toml")


def plan_files(paths: list[Path]) -> tuple[list[tuple[Path, bool]], list[tuple[Path, str]]]:
    """``(path, named)`` of every file to read as a plan, in the order given (a folder's files
    as a person sorts them: ``natural_key``), each real file once (``named``: given on the
    command line, so it must be a plan); and ``(path, why)`` of the files left aside. A path
    that is not there is kept, so that reading it names the problem.

    Files named one after another keep the order they were given (an office's own list of its
    towns), unless they come in plain sorted order, which is what a shell makes of 乡镇*.toml
    (乡镇1, 乡镇10, 乡镇2): no one chose that, and they are then listed as a person sorts them.
    Such a wildcard's files (乡镇*: 乡镇1.toml.lock, 乡镇1.toml.bak, 乡镇1.xlsx too) are taken
    as a folder's are: only what plan would read there as a plan; what plan leaves beside a
    plan (its lock, temp file, journal) is never read as one, however it is named."""
    found: list[tuple[Path, bool]] = []
    aside: list[tuple[Path, str]] = []
    seen: set[str] = set()
    seen_aside: set[str] = set()

    def keep(path: Path, named: bool) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append((path, named))

    def leave(path: Path, why: str) -> None:  # each named once (乡镇* and the folder alike)
        real = os.path.realpath(path)
        if real not in seen_aside:
            seen_aside.add(real)
            aside.append((path, why))

    for path, globbed in _globbed_in_order(_wildcards_expanded(paths)):
        if not _is_folder(path):
            why = _left_aside(path.name)
            if why in ("lock", "temp", "journal"):
                leave(path, why)
            elif globbed and (why is not None or not _plan_name(path.name)):
                leave(path, why or "not_toml")
            else:
                keep(path, True)
            continue
        held = False  # whether the folder holds a file to read or to leave aside
        for folder, folders, names in os.walk(path):  # links to folders are not followed
            folders[:] = sorted((n for n in folders if not n.startswith(".")), key=natural_key)
            for name in sorted(names, key=natural_key):
                why = _left_aside(name)
                if why is not None:
                    leave(Path(folder) / name, why)
                    held = True
                elif _plan_name(name):
                    keep(Path(folder) / name, False)
                    held = True
        if not held:  # given by name, and nothing in it: said, not passed over in silence
            leave(path, "no_plans")
    return found, aside


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; a name too long for the disk is none, and is kept to be
    read, which names the problem (Python 3.11's ``Path.is_dir`` raises ENAMETOOLONG)."""
    return os.path.isdir(path)


def _plan_name(name: str) -> bool:
    """Whether a folder's file is a plan's by its name: *.toml, not hidden. .TOML too: Windows
    and mail programs may write the suffix in capitals."""
    return name.lower().endswith(".toml") and not name.startswith(".")


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[list[str | int], list[str | int], str]:
    """How a person sorts file names: a run of digits by its value (乡镇2 before 乡镇10, 片区2
    before 片区10; full-width ２ too), the rest as it is (Chinese names by their characters, as
    before), the name before its suffix first (乡镇.toml before 乡镇1.toml, as Explorer has
    it: 乡镇 is the shorter), and the name itself last, so that 乡镇01 and 乡镇1 keep one order.
    Letters whatever their case, as Explorer and Finder sort: town2 before Town10 (Town10
    came first, its capital T before every small letter); Ab and ab keep one order by the name."""
    stem, suffix = os.path.splitext(name)
    return _runs(stem), _runs(suffix), name


def _runs(text: str) -> list[str | int]:
    return [int(part) if n % 2 else part.casefold() for n, part in enumerate(_DIGITS.split(text))]


def _path_key(path: Path) -> list[tuple[list[str | int], list[str | int], str]]:
    return [natural_key(part) for part in path.parts]


def _wildcards_expanded(paths: list[Path]) -> list[tuple[Path, bool]]:
    """``paths`` with each that is no file and holds * or ? (乡镇*.toml) replaced by the files
    it names, in plain sorted order, as a shell expands it: cmd and PowerShell pass it on as
    typed. A [ is taken as itself (乡镇[3].toml), as in a name that has one. Each with whether
    it came of a wildcard that took a plan's name (``_of_a_wildcard``)."""
    import glob

    out: list[tuple[Path, bool]] = []
    for path in paths:
        text = str(path)
        if ("*" in text or "?" in text) and not os.path.lexists(path):
            found = [Path(name) for name in sorted(glob.glob(text.replace("[", "[[]")))]
            if found:
                globbed = _of_a_wildcard(found)
                out += [(name, globbed) for name in found]
                continue
        out.append((path, False))
    return out


def _of_a_wildcard(files: list[Path]) -> bool:
    """Whether files a wildcard named are taken as a folder's files are (only *.toml read):
    where it named a plan's name. One that named none (*.txt: plans saved as text) meant
    those files, and they are read as given."""
    return any(_plan_name(path.name) for path in files if not path.is_dir())


def _globbed_in_order(paths: list[tuple[Path, bool]]) -> list[tuple[Path, bool]]:
    """``paths`` as given, but each run of files (not folders) given in plain sorted order, as
    a shell's glob expands, in ``natural_key`` order instead (``plan_files``), and taken as a
    wildcard's files (``_of_a_wildcard``)."""
    out: list[tuple[Path, bool]] = []
    run: list[tuple[Path, bool]] = []

    def flush() -> None:
        texts = [str(path) for path, _ in run]
        globbed = len(run) > 1 and any(
            texts == sorted(texts, key=order) for order in (str, str.casefold)
        )
        if globbed:
            wildcard = _of_a_wildcard([path for path, _ in run])
            ordered = sorted(run, key=lambda each: _path_key(each[0]))
            out.extend((path, expanded or wildcard) for path, expanded in ordered)
        else:
            out.extend(run)
        run.clear()

    for path, expanded in paths:
        if _is_folder(path):
            flush()
            out.append((path, expanded))
        else:
            run.append((path, expanded))
    flush()
    return out


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
    has one, its name in capitals too (COUNTY.TOML, as ``plan_files`` takes a plan's).
    NotAFile where it is there but no file (a folder, a FIFO, a link to nothing): passed over,
    the towns were ranked by the defaults in its stead, and it was listed as one "not at the
    top of the first folder"."""
    for path in paths:
        if not _is_folder(path):
            continue
        candidate = path / COUNTY_SETTINGS
        if os.path.isfile(candidate):
            return candidate
        if os.path.lexists(candidate):
            from ..errors import NotAFile
            from .file_trouble import _kind

            raise NotAFile(str(candidate), _kind(candidate), "settings")
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
