"""Who holds a plan's lock: the holder writes its login name, its computer's name and its
process number into the lock file, and one kept waiting for it (``files.locked``) reads them,
so that an office sharing a plan in a folder is told whom it waits for (张三, on PC-03), not
only that some program holds it. Best effort: a lock file one may only read, or one whose
holder has not written yet, says nobody, and the lock holds all the same.

Whether anyone holds it at all tells a read what a killed change left (``tidy_after_crash``).
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

# Windows locks the lock file's first byte (``files._try_lock``): what is said comes after it.
_AFTER = 1
_MOST = 300  # bytes: a login name and a computer's name, each cut to 64 characters
_EACH = 64
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class Holder(NamedTuple):
    user: str
    computer: str
    process: int

    def words(self) -> tuple[str, str]:
        """Who it is, in English and in Chinese: zhangsan on PC-03, process 4242 / 张三，电脑
        PC-03，进程 4242."""
        en = [self.user, f"on {self.computer}" if self.computer else ""]
        zh = [self.user, f"电脑 {self.computer}" if self.computer else ""]
        return (
            ", ".join(filter(None, [" ".join(filter(None, en)), f"process {self.process}"])),
            "，".join([*filter(None, zh), f"进程 {self.process}"]),
        )


def user_name() -> str:
    """``getpass.getuser()``: the first of LOGNAME, USER, LNAME and USERNAME that is set, else
    this user's name in the password database (raises where there is none); without loading
    getpass and termios, 1.5 M instructions of every change. Where getpass is loaded already
    (a test standing in for its getuser), its getuser."""
    loaded = sys.modules.get("getpass")
    if loaded is not None:
        named: str = loaded.getuser()
        return named
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        user = os.environ.get(variable)
        if user:
            return user
    import pwd  # (none on Windows: an ImportError, as getpass raises there)

    return pwd.getpwuid(os.getuid())[0]


def say_holder(fd: int) -> None:
    """Write who holds the lock into its file, open as ``fd`` and just locked."""
    try:
        user = user_name()
    except Exception:  # (no name in the environment nor the password database)
        user = ""
    if sys.platform == "win32":  # pragma: no cover - office PCs run Windows; CI runs Linux
        computer = os.environ.get("COMPUTERNAME", "")
    else:
        computer = os.uname().nodename
    said = "\t".join((_plain(user), _plain(computer), str(os.getpid())))
    with suppress(OSError):  # (a lock file one may only read: it locks all the same)
        os.lseek(fd, _AFTER, os.SEEK_SET)
        data = said.encode("utf-8")
        os.write(fd, data)
        os.ftruncate(fd, _AFTER + len(data))


def holder_of(lock: str) -> Holder | None:
    """Who holds the lock file ``lock``, as its holder wrote it; None if it says nobody (or
    anything else than what ``say_holder`` writes)."""
    try:
        fd = os.open(lock, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC)
    except OSError:
        return None
    try:
        os.lseek(fd, _AFTER, os.SEEK_SET)
        data = os.read(fd, _MOST)
    except OSError:
        return None
    finally:
        os.close(fd)
    parts = data.decode("utf-8", "replace").split("\t")
    if len(parts) != 3 or not parts[2].isascii() or not parts[2].isdigit():
        return None
    user, computer = (_plain(part) for part in parts[:2])
    return Holder(user, computer, int(parts[2]))


def _plain(name: str) -> str:
    """A name as it may be said on a terminal: printable characters alone (another's lock
    file may hold anything), no tab, at most ``_EACH`` of them."""
    return "".join(c for c in name if c.isprintable() and c != "\t")[:_EACH].strip()


def tidy_after_crash(path: Path) -> None:
    """Remove what a change killed mid-write (a crash, a power cut, Ctrl+C at the wrong
    moment) left beside the plan at ``path``: its lock file and its temporary files
    (``files.atomic_write``), which the next change removes too, so that they do not show in
    ``git status`` (nor end up in a commit) in a clone where ``plan git-setup`` never ignored
    them. A stat and nothing more where no lock file is there, as after every change that ended.

    Safe by the locking rules (``files.locked``): only a holder of the plan's lock writes such a
    temporary file, and the lock is taken here as a change takes it, without waiting: held by a
    live writer, nothing is touched; taken, no writer is alive, and letting go removes the lock
    file as every holder does. A read never fails for this: a folder this user may not change
    keeps what it holds."""
    from ..errors import PlanError
    from .file_names import lock_path
    from .files import _real, _remove_stale_temps, locked

    real = _real(path)
    if not os.path.lexists(lock_path(real)):
        return
    try:
        with locked(real, timeout=0):
            _remove_stale_temps(real)
    except (PlanError, OSError):  # held by a live writer, or not ours to change: left alone
        pass
