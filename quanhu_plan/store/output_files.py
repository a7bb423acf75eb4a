"""Files written beside plans (a report, an export, a new plan): what may stand at their path,
and whether two paths name one file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FileExists, NotAFile, OutputIsThePlan
from .file_names import journal_path, lock_path
from .file_trouble import _kind, _missing_folder, link_trouble
from .files import _real, atomic_write

if TYPE_CHECKING:
    from .locating import PlanSource


def refuse_output_path(out: Path, source: PlanSource) -> None:
    """``report --out`` never names the plan in use, its lock or its journal, after resolving
    links (hard links included), nor a folder, a FIFO or a device, nor a link to nothing (as
    ``output_kind``: what it would make is not where the user looks). A link to a file is
    written through, to its target (``atomic_write``)."""
    plan_real = _real(source.path)
    out_real = _real(out)
    guarded = {"plan": plan_real, "lock": lock_path(plan_real), "journal": journal_path(plan_real)}
    for what, target in guarded.items():
        if out_real == target or _same_file(out, target):
            raise OutputIsThePlan(str(out), str(target), what)
    try:
        found = os.stat(out)
    except OSError as exc:
        trouble = link_trouble(out, exc)
        if trouble is not None:
            raise NotAFile(str(out), trouble, "out") from None
        return  # not there yet
    if not stat.S_ISREG(found.st_mode):
        raise NotAFile(str(out), _kind(out, found), "out")


def output_kind(path: Path) -> str | None:
    """What stands where a new file is to be written: None for nothing there yet or a regular
    file (through links), else a kind of ``errors.FILE_KINDS`` (a folder, a FIFO, a device…)."""
    try:
        found = os.stat(path)
    except OSError as exc:
        return link_trouble(path, exc)
    return None if stat.S_ISREG(found.st_mode) else _kind(path, found)


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file, through symbolic and hard links."""
    return _real(one) == _real(other) or _same_file(one, other)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def create(path: Path, text: str) -> None:
    """Write a new file; refuse to overwrite one that exists."""
    if path.exists() or path.is_symlink():
        raise FileExists(str(path))
    if not path.parent.is_dir():
        raise _missing_folder(path)
    atomic_write(path, text)
