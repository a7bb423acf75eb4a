"""What went wrong with a plan file, as the store's errors say it (``files``): what is at a path
instead of a file, and the error number whose advice fits, Windows' own numbers read."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import CloudOnlyFile, PathThroughFile, PlanFileError
from .file_names import _TEMP_ADDED  # the longest a file made beside another adds to its name


def link_trouble(path: Path | str, exc: OSError) -> str | None:
    """Why ``path``, a link, could not be followed: "loop" (links that point to each other:
    ELOOP, the files are all there) or "dangling" (to nothing); None where it is no link."""
    if exc.errno == errno.ELOOP:
        return "loop"
    return "dangling" if os.path.islink(path) else None


def _kind(path: Path | str, st: os.stat_result | None = None) -> str:
    """What is at ``path`` instead of a regular file, for NotAFile."""
    if st is None:
        try:
            st = os.stat(path)
        except OSError as exc:
            return link_trouble(path, exc) or "other"
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISLNK(mode):
        return "link"
    return "other"


# Windows' numbers for a file another program has open (Word, WPS or Excel holding the report or
# the workbook): ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION. Python gives them errno EACCES,
# whose advice (permissions) would send the user astray: they are the system's "busy".
_WINDOWS_IN_USE = (32, 33)


# ERROR_WRITE_PROTECT: a USB stick with its lock switch on, a CD; errno EACCES again, whose
# advice (permissions, the folder) sends the clerk to the network administrator.
_WINDOWS_WRITE_PROTECTED = 19
# ERROR_FILENAME_EXCED_RANGE, and ERROR_PATH_NOT_FOUND where the path is past Windows' longest
# (259 characters, without the long paths a registry setting allows): errno ENOENT, "no such
# file" of a plan just opened in Explorer. The files a change makes beside a plan (its lock,
# its temp file) have longer names than the plan: a plan Windows reads may be one it cannot
# change.
_WINDOWS_TOO_LONG = 206
_WINDOWS_PATH_NOT_FOUND = 3
WINDOWS_LONGEST_PATH = 259


def _system_code(path: Path | str, exc: OSError) -> int | None:
    """The error number whose advice fits: the errno, or for the Windows errors Python gives a
    misleading one (``_WINDOWS_IN_USE``, ``_WINDOWS_WRITE_PROTECTED``, ``_WINDOWS_TOO_LONG``)
    the one that says what happened."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_IN_USE:
        return errno.EBUSY
    if winerror == _WINDOWS_WRITE_PROTECTED:
        return errno.EROFS
    if winerror == _WINDOWS_TOO_LONG or (
        winerror == _WINDOWS_PATH_NOT_FOUND
        and len(os.path.abspath(path)) + _TEMP_ADDED > WINDOWS_LONGEST_PATH
    ):
        return errno.ENAMETOOLONG
    return exc.errno


# Windows' numbers for a file kept in the cloud alone (OneDrive's online-only) that it could
# not fetch: ERROR_CLOUD_FILE_PROVIDER_NOT_RUNNING, _NETWORK_UNAVAILABLE, _UNSUCCESSFUL. Python
# gives them errno EINVAL.
_WINDOWS_CLOUD_ONLY = (362, 388, 389)


def path_through(path: Path | str, action: str) -> PathThroughFile | None:
    """``PathThroughFile`` where a part of ``path`` (as it gives it: notes.txt of
    notes.txt/plan.toml) is a file where a folder must be, or a symbolic link to nothing
    (``dangling``), so that nothing can be under it; None where none is. Asked once a file was
    not found (Windows says so, ENOENT, where Linux says ENOTDIR)."""
    parts = Path(path).parents
    for part in reversed(parts[: len(parts) - 1] if parts else ()):  # (not "." nor "/")
        try:
            found = os.stat(part)
        except OSError:
            if os.path.islink(part):  # (a link to nothing: nothing is under it)
                return PathThroughFile(str(path), action, str(part), "dangling")
            return None  # (not there: what is below it is missing, said so)
        if not stat.S_ISDIR(found.st_mode):
            return PathThroughFile(str(path), action, str(part))
    return None


def _file_error(path: Path | str, action: str, exc: OSError) -> PlanFileError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        through = path_through(path, "create" if action == "write" else action)
        if through is not None:
            return through
    if getattr(exc, "winerror", None) in _WINDOWS_CLOUD_ONLY:
        return CloudOnlyFile(str(path), action, reason, exc.errno)
    return PlanFileError(str(path), action, reason, _system_code(path, exc))


def _folder_takes_no_file(path: Path, real: Path, exc: OSError) -> PlanFileError:
    """A file that is there could not be replaced, as its folder takes no new file."""
    folder = str(real.parent)
    return PlanFileError(
        str(path),
        "write",
        f"no permission to make files in its folder {folder}, and its new text is written "
        "beside it before it replaces it",
        exc.errno,
        f"没有权限在它所在的文件夹 {folder} 里新建文件，而新内容要先写在它旁边再替换它",
    )


def _missing_folder(path: Path) -> PlanFileError:
    through = path_through(path, "create")  # notes.txt/plan.toml, notes.txt/2024/plan.toml
    if through is not None:
        return through
    if os.path.lexists(path.parent):  # a file where the folder would be (plan.toml/甲.toml)
        return PlanFileError(str(path), "create", "Not a directory", errno.ENOTDIR)
    return PlanFileError(
        str(path), "create", "the folder does not exist", errno.ENOENT, "所在的文件夹不存在"
    )
