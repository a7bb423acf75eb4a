"""Whether this process may write a plan's file, by its mode: a plan made read-only is refused
before a change is made, naming its mode, owner and group."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import NotAFile, PlanNotWritable
from .file_trouble import _file_error, _kind, link_trouble
from .locating import PlanSource


def writable(source: PlanSource, real: Path) -> os.stat_result:
    """The plan's stat, if its mode lets this process change it; a read-only plan is refused,
    naming its mode. Other reasons a write fails (a read-only disk) are left to the write,
    which names them."""
    try:
        found = os.stat(real)
    except FileNotFoundError as exc:
        if link_trouble(source.path, exc):  # a link to nothing: said so, as a read says it
            raise NotAFile(source.label, "dangling", "plan") from None
        raise _file_error(source.label, "read", exc) from None
    except OSError as exc:
        raise _file_error(source.label, "read", exc) from None
    if not stat.S_ISREG(found.st_mode):
        raise NotAFile(source.label, _kind(real, found), "plan")
    if _mode_forbids_writing(real, found):
        raise PlanNotWritable(source.label, stat.S_IMODE(found.st_mode), *_owner_and_group(found))
    return found


def _mode_forbids_writing(real: Path, found: os.stat_result) -> bool:
    """Whether the permission bits that apply to this process leave out writing. Root, who may
    write anything, is held to "somebody may write it": a plan made read-only stays so."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: the read-only attribute
        return not os.access(real, os.W_OK)
    mode, uid = found.st_mode, os.geteuid()
    if uid == 0:
        return not mode & 0o222
    if found.st_uid == uid:
        return not mode & stat.S_IWUSR
    if found.st_gid == os.getegid() or found.st_gid in os.getgroups():
        return not mode & stat.S_IWGRP
    return not mode & stat.S_IWOTH


def _owner_and_group(found: os.stat_result) -> tuple[str, str]:
    try:
        import grp
        import pwd
    except ImportError:  # pragma: no cover - Windows
        return str(found.st_uid), str(found.st_gid)
    try:
        owner = pwd.getpwuid(found.st_uid).pw_name
    except KeyError:
        owner = str(found.st_uid)
    try:
        group = grp.getgrgid(found.st_gid).gr_name
    except KeyError:
        group = str(found.st_gid)
    return owner, group
