"""Plan files on disk, below the plan: reading one, locking it, writing it all at once (or, for
a hard-linked plan, in place with a journal), and the files the tool keeps beside it."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import (
    InterruptedWrite,
    NotAFile,
    PlanFileError,
    PlanFileMissing,
    PlanTooLarge,
)
from ..errors.files import writing
from . import locating
from .decoding import decode
from .file_names import (
    TEMP_SUFFIX,
    _temp_prefix,
    lock_path,
    refuse_unportable_name,
)
from .file_trouble import (
    _WINDOWS_IN_USE,
    _file_error,
    _folder_takes_no_file,
    _kind,
    _missing_folder,
    _system_code,
    path_through,
)
from .lock_holder import Holder, holder_of, say_holder

if TYPE_CHECKING:
    from .spliced import Spliced

LOCK_TIMEOUT_SECONDS = 30.0
# A change waiting this long for another's lock says so (``locked``'s ``waiting``): a wait of
# up to LOCK_TIMEOUT_SECONDS in silence looks like a hang.
LOCK_WAIT_SAID_AFTER = 1.0
# How a plan being written in place starts: not TOML (a NUL), so no program takes it for a plan.
# The mark's line goes on with the journal's path where the new text is long enough to hold it.
INTERRUPTED = b"\x00QUANHU-PARTIAL"

# Flags that do not exist everywhere, and the largest plan read (``locating``, loaded as
# the program starts).
_O_NOFOLLOW, _O_NONBLOCK = locating.O_NOFOLLOW, locating.O_NONBLOCK
_O_CLOEXEC, _O_BINARY = locating.O_CLOEXEC, locating.O_BINARY


# How long a change waits for a program that holds a file it replaces or locks for a moment (a
# sync tool uploading the plan the last change wrote, an antivirus scanner): tries, and pause.
_HELD_TRIES = 10
_HELD_PAUSE = 0.1
# ---------------------------------------------------------------- reading


def read_text(path: Path) -> str:
    return decode(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    """The plan's bytes. A hard-linked plan is read under a shared lock on the file itself (a
    change writes it in place); a file left half-written is finished first, or refused."""
    data = _read_file(path, shared_lock=True)
    if data.startswith(INTERRUPTED):
        from .in_place import _finish_for_reader, _named_journal

        _finish_for_reader(path)
        data = _read_file(path, shared_lock=True)
        if data.startswith(INTERRUPTED):  # pragma: no cover - finished or raised just above
            raise InterruptedWrite(str(path), str(_named_journal(_real(path), data)))
    return data


def _meant(path: Path) -> tuple[str, str] | None:
    """The plan file a path that names none most likely meant, and why (see PlanFileMissing):
    a path as a Windows office PC gives it, in quotes, with spaces at its ends, with
    backslashes where this system separates folders by ``/``, or the file Notepad saved with
    .txt added to its name."""
    given = str(path)
    for why, meant in (
        ("spaces", given.strip()),
        ("quotes", given.strip().strip("\"'").strip()),
        ("backslashes", given.replace("\\", "/") if os.sep == "/" else given),
        # plan.toml saved by Notepad as a text document: plan.toml.txt, shown as plan.toml
        ("txt", given + ".txt" if given.lower().endswith(".toml") else given),
    ):
        if meant and meant != given and os.path.isfile(meant):
            return meant, why
    return None


def refuse_pasted_path(path: Path) -> None:
    """A path that names nothing, where the file most likely meant is there (``_meant``: in
    quotes, with spaces at its ends, with backslashes): PlanFileMissing names it. For a file
    read that is not a plan (a table to import), whose reader would take the path as it is."""
    if os.path.lexists(path):
        return
    meant = _meant(path)
    if meant is not None:
        raise PlanFileMissing(str(path), *meant)


def _read_file(path: Path, *, shared_lock: bool) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC | _O_BINARY)
    except FileNotFoundError as exc:
        if os.path.islink(path):  # a link (a shortcut copied over) to a file not there
            raise NotAFile(str(path), "dangling", "plan") from None
        if _system_code(path, exc) == errno.ENAMETOOLONG:
            raise _file_error(path, "read", exc) from None
        through = path_through(path, "read")  # (Windows: notes.txt\plan.toml "not found")
        if through is not None:
            raise through from None
        meant = _meant(path)
        if meant is not None:
            raise PlanFileMissing(str(path), *meant) from None
        raise PlanFileError(str(path), "read", "no such file", errno.ENOENT) from None
    except OSError as exc:
        raise _file_error(path, "read", exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            inside = os.path.join(path, "plan.toml")
            plan_inside = inside if stat.S_ISDIR(st.st_mode) and os.path.isfile(inside) else None
            raise NotAFile(str(path), _kind(path, st), "plan", plan_inside)
        if st.st_size > locating.LARGEST_PLAN:
            raise PlanTooLarge(str(path), st.st_size, locating.LARGEST_PLAN)
        if shared_lock and st.st_nlink > 1:
            _wait_for_lock(fd, path, shared=True)
        return _read_all(fd, st.st_size)
    except OSError as exc:
        raise _file_error(path, "read", exc) from None
    finally:
        os.close(fd)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


# What a program waiting for a lock is told, once: the lock file's path, how long it waits and
# who holds it, as the holder wrote it (``lock_holder``), if it did.
Waiting = Callable[[str, float, Holder | None], None]


@contextmanager
def locked(
    path: Path,
    timeout: float | None = None,
    like: os.stat_result | None = None,
    waiting: Waiting | None = None,
) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock``, a file that exists only while a change is
    made: nothing is left beside the plan to end up in a commit.

    The holder removes the lock file before it lets go; a program that was waiting on that
    file then finds it gone (or another in its place) and locks the one there now, so two
    programs never hold two different lock files. A lock file left by a program that was
    killed is locked and removed like any other. A lock file made now gets the owner, group
    and read/write mode of ``like`` (the plan), so a shared plan's group can lock it too. A
    lock file that is a symbolic link is never followed. Kept waiting LOCK_WAIT_SAID_AFTER
    seconds (of ``timeout``, by default LOCK_TIMEOUT_SECONDS), it calls ``waiting`` once."""
    lock = lock_path(path)
    timeout = LOCK_TIMEOUT_SECONDS if timeout is None else timeout
    deadline = time.monotonic() + timeout
    still = _once_after(waiting, str(lock), timeout)
    while True:
        fd, held = -1, False
        try:
            fd = _open_lock(lock, path, like)
            left = max(deadline - time.monotonic(), 0.0)
            _wait_for_lock(fd, path, shared=False, timeout=left, held=lock.name, still=still)
            held = True
            there = _is_there(fd, lock)
        except KeyboardInterrupt:  # (Ctrl-C; SIGTERM and SIGHUP come as it: entry)
            _leave_lock(fd, lock, held)
            raise
        except BaseException:
            if fd >= 0:
                _leave_lock(fd, lock, held)
            raise
        if there:
            break
        os.close(fd)  # the holder before removed it: lock the one there now
    try:
        say_holder(fd)  # (inside: Ctrl-C or SIGTERM while it writes removes the file too)
        yield
    finally:
        _let_go(fd, lock)


def _leave_lock(fd: int, lock: Path, held: bool) -> None:
    """Close a lock file whose wait was cut short (Ctrl-C, SIGTERM, a timeout): one this program
    holds, or that nobody holds (it had just made it), is removed as a holder removes it; one
    another program holds stays. ``fd`` -1: cut short as the file was being made, before its
    descriptor was kept (Python runs a signal's handler as a call returns)."""
    try:
        if fd < 0:
            fd = os.open(lock, os.O_RDWR | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC)
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # (no lock file: left as it is)
                os.close(fd)
                return
        ours = held or _try_lock(fd)
    except OSError as exc:
        if fd < 0:
            return
        ours = False
        from ..errors.locking import NO_LOCKS

        if exc.errno in NO_LOCKS and _is_there(fd, lock):  # (no one can hold it there)
            with suppress(OSError):
                os.unlink(lock)
    if ours:
        _let_go(fd, lock)
    else:
        os.close(fd)


def _is_there(fd: int, lock: Path) -> bool:
    """Whether the open lock file is still the one at its name."""
    try:
        there = os.stat(lock, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(fd)
    return (there.st_dev, there.st_ino) == (held.st_dev, held.st_ino)


# Made and removed by others between our two tries this many times running: give up.
_OPEN_LOCK_ATTEMPTS = 1000


def _open_lock(lock: Path, plan: Path, like: os.stat_result | None) -> int:
    flags = os.O_RDWR | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC
    mode = stat.S_IMODE(like.st_mode) & 0o666 if like is not None else 0o666
    busy = 0  # times Windows said another program has it open
    try:
        for attempt in range(_OPEN_LOCK_ATTEMPTS):
            try:
                fd = os.open(lock, flags | os.O_CREAT | os.O_EXCL, mode)
            except FileExistsError:
                try:
                    fd = os.open(lock, flags)
                except FileNotFoundError:
                    if attempt + 1 == _OPEN_LOCK_ATTEMPTS:
                        raise
                    continue  # its holder removed it just now: make one
                except PermissionError as exc:
                    if _system_code(lock, exc) == errno.EBUSY and busy + 1 < _HELD_TRIES:
                        # a sync tool took up the lock file the last change left (Windows
                        # removes no file another has open): it lets go in a moment
                        busy += 1
                        time.sleep(_HELD_PAUSE)
                        continue
                    # a lock file one may only read still locks
                    fd = os.open(lock, (flags & ~os.O_RDWR) | os.O_RDONLY)
            else:
                if like is not None:
                    _give_ownership(fd, like)
                    _set_mode(fd, mode)  # the umask took bits away from a shared plan's mode
            break
    except OSError as exc:
        if os.path.islink(lock):
            raise NotAFile(str(lock), "link", "lock") from None
        if os.path.lexists(lock) and not os.path.isfile(lock):
            raise NotAFile(str(lock), _kind(lock), "lock") from None
        if _system_code(lock, exc) == errno.EBUSY:
            # held open, not locked: a sync tool (OneDrive, 坚果云) took up the lock file the
            # moment a change made it; the plan itself no program need have open
            raise PlanFileError(
                str(plan),
                "lock",
                f"its lock file {lock.name} is held open by another program (a sync tool such "
                "as OneDrive or 坚果云 syncing the folder, an antivirus scanner)",
                errno.EBUSY,
                f"它的锁文件 {lock.name} 正被其他程序打开（如正在同步这个文件夹的 OneDrive、"
                "坚果云，或杀毒软件）",
            ) from None
        if _system_code(plan, exc) in (errno.EACCES, errno.EPERM) and not os.path.lexists(lock):
            # the plan may be writable itself: it is its folder that takes no new file
            folder = str(plan.parent) if str(plan.parent) != "." else os.getcwd()
            raise PlanFileError(
                str(plan),
                "lock",
                f"no permission to make files in its folder {folder}, and a change makes its "
                "lock file and its new text beside the plan",
                exc.errno,
                f"没有权限在它所在的文件夹 {folder} 里新建文件，而修改计划时要在计划旁边建立锁文件"
                "和临时文件",
            ) from None
        raise _file_error(plan, "lock", exc) from None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        os.close(fd)
        raise NotAFile(str(lock), _kind(lock, found), "lock")
    return fd


def _once_after(waiting: Waiting | None, lock: str, timeout: float) -> Callable[[], None] | None:
    """What ``_wait_for_lock`` calls each time it finds the lock held: ``waiting`` is called
    the first time LOCK_WAIT_SAID_AFTER seconds have passed since now, and never again."""
    if waiting is None:
        return None
    due: float | None = time.monotonic() + LOCK_WAIT_SAID_AFTER

    def still() -> None:
        nonlocal due
        if due is not None and time.monotonic() >= due:
            due = None
            waiting(lock, timeout, holder_of(lock))

    return still


def _wait_for_lock(
    fd: int,
    path: Path,
    *,
    shared: bool,
    timeout: float | None = None,
    held: str | None = None,
    still: Callable[[], None] | None = None,
) -> None:
    """Lock ``fd``, trying again until ``timeout`` (LOCK_TIMEOUT_SECONDS) has passed; ``still``
    is called each time the lock is found held."""
    timeout = LOCK_TIMEOUT_SECONDS if timeout is None else timeout
    deadline = time.monotonic() + timeout
    while not _try_lock_where_locks_are(fd, path, shared):
        if still is not None:
            still()
        if time.monotonic() > deadline:
            holder = holder_of(str(Path(path).with_name(held))) if held else None
            who_en, who_zh = holder.words() if holder is not None else ("", "")
            raise PlanFileError(
                str(path),
                "read" if shared else "lock",
                f"another program{f' ({who_en})' if who_en else ''} has held "
                f"{held or Path(path).name} for {timeout:.0f} s",
                errno.EAGAIN,
                f"另一个程序{f'（{who_zh}）' if who_zh else ''}占用 {held or Path(path).name} "
                f"已超过 {timeout:.0f} 秒",
            )
        time.sleep(0.01)


def _try_lock_where_locks_are(fd: int, path: Path, shared: bool) -> bool:
    """``_try_lock``; on a disk without locks (a network share) a read goes on unlocked and a
    change is refused (``errors.locking``)."""
    try:
        return _try_lock(fd, shared)
    except OSError as exc:
        from ..errors.locking import unlocked_read

        return unlocked_read(str(path), exc, shared)


@contextmanager
def _file_locked(
    real: Path, timeout: float | None = None, waiting: Waiting | None = None
) -> Iterator[None]:
    """An exclusive lock on the plan file itself, which all its hard links share: a plan that
    is written in place is locked against writers and readers through any of its links (each
    link has a lock file of its own)."""
    if sys.platform == "win32":  # pragma: no cover - hard-linked plans on Windows: lock file only
        yield
        return
    try:
        fd = os.open(real, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    except OSError as exc:
        raise _file_error(real, "lock", exc) from None
    try:
        timeout = LOCK_TIMEOUT_SECONDS if timeout is None else timeout
        still = _once_after(waiting, str(real), timeout)
        _wait_for_lock(fd, real, shared=False, timeout=timeout, still=still)
        yield
    finally:
        os.close(fd)  # lets go of the lock


if sys.platform == "win32":  # pragma: no cover - office PCs run Windows; CI runs Linux
    import msvcrt

    def _try_lock(fd: int, shared: bool = False) -> bool:
        if shared:  # readers of a hard-linked plan; Windows locks the lock file only
            return True
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _let_go(fd: int, lock: Path) -> None:
        # Windows removes no file another program holds open: one waiting keeps it, and
        # finds it still there when it gets the lock.
        _unlock(fd)
        os.close(fd)
        with suppress(OSError):
            os.unlink(lock)

    def _set_mode(fd: int, mode: int) -> None:
        pass

else:
    import fcntl

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _let_go(fd: int, lock: Path) -> None:
        # Removed while still held, so that no one locks it between; one waiting on it sees
        # it gone. A folder that forbids removing it (sticky, another's file) leaves it.
        if _is_there(fd, lock):
            with suppress(OSError):
                os.unlink(lock)
        _unlock(fd)
        os.close(fd)

    def _set_mode(fd: int, mode: int) -> None:
        os.fchmod(fd, mode)


def _give_ownership(target: int | str, like: os.stat_result) -> None:
    """Give a file (a path or an open descriptor) the owner and group of ``like`` where this
    process may: root may set both, a member of the group only the group; else leave it."""
    if not hasattr(os, "chown"):  # pragma: no cover - Windows
        return
    now = os.fstat(target) if isinstance(target, int) else os.stat(target)
    if (now.st_uid, now.st_gid) == (like.st_uid, like.st_gid):
        return
    for uid, gid in ((like.st_uid, like.st_gid), (-1, like.st_gid)):
        try:
            if isinstance(target, int):
                os.fchown(target, uid, gid)
            else:
                os.chown(target, uid, gid)
            return
        except OSError:
            continue


def atomic_write(
    path: Path, content: str | bytes | Spliced, *, expect: Callable[[], bool] | None = None
) -> None:
    """Replace ``path`` by ``content`` all at once, or leave it untouched and raise PlanFileError.

    Text is written as UTF-8; bytes (a Word document) as they are, and ``Spliced`` bytes (a
    plan's with a block put in, or the blocks a change rewrote) in their pieces, and read back
    so, never joined (``_reads_back``). ``expect`` is asked, once
    what was written to disk reads back as written, whether it may now replace the old file. The new file keeps the old one's owner
    (where this process may set it), group and mode. Only a regular file is replaced.
    """
    real = _real(path)  # write the symlink's target; the link stays
    like: os.stat_result | None
    try:
        like = os.stat(real)
    except FileNotFoundError:
        like = None
    except OSError as exc:
        raise _file_error(path, writing(exc.errno), exc) from None
    if like is not None and not stat.S_ISREG(like.st_mode):
        raise NotAFile(str(path), _kind(real, like), "out")
    if like is None:  # a new file: a name a Windows PC holds, in a folder that is there
        refuse_unportable_name(path)
        if not real.parent.is_dir():
            raise _missing_folder(path)
    if like is not None:
        mode = stat.S_IMODE(like.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    from .spliced import Spliced

    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = None
    try:
        try:
            fd, tmp = _temp_file(real.parent, _temp_prefix(real), TEMP_SUFFIX)
        except PermissionError as exc:
            if like is None or _system_code(real.parent, exc) not in (errno.EACCES, errno.EPERM):
                raise
            # The file may be writable itself: it is its folder that takes no new file (a
            # lock file left there by another, read-only, was locked all the same).
            raise _folder_takes_no_file(path, real, exc) from None
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, Spliced):  # (written and read back in pieces, never joined)
                data.write_to(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if like is not None:
            _give_ownership(tmp, like)
        os.chmod(tmp, mode)  # after chown, which may clear set-id bits
        same = _reads_back(tmp, data)
        if not same or (expect is not None and not expect()):
            raise OSError(0, "the written text did not read back as written")
        _landing(real, data)
        if like is not None:
            _keep_open(real, like)
        try:
            _replace(tmp, real)
        except OSError:
            if not _let_go_of_kept():
                raise
            _replace(tmp, real)  # (a file system that replaces no file held open, after all)
        tmp = None
        _fsync_folder(real.parent)
    except OSError as exc:
        # a new file (a report where none was) has no original to say is unchanged
        raise _file_error(path, "write" if like is not None else "create", exc) from None
    finally:
        if tmp is not None:
            _remove_temp(Path(tmp))


# The file a write of the program replaced last, kept open (``_keep_open``).
_KEPT: list[int] = []


def _keep_open(real: Path, like: os.stat_result) -> None:
    """In the program: keep the file a write is about to replace (``like``: its stat) open
    until the program leaves, so that the rename does not free its inode and pages (0.4 ms for
    a plan of 1.5 MB on a quiet disk, 3-4 ms on a busy one); the process forked to store the
    parse cache's entry after the answer holds it then, and frees them (``cache_later``). The
    last one alone is kept; none where it cannot be opened to read, nor on Windows, which
    replaces no file another holds open, nor on a file system without a disk of its own (a
    network share: NFS renames a file held open to .nfs…, which a folder would show; SMB may
    refuse it; tmpfs, FUSE, overlay alike), whose device has no major number: on Linux alone,
    where that is so (macOS and the BSDs give a share a made-up device number with a major, and
    a plan on NFS kept open there was renamed to a .nfs… file beside it)."""
    from ..collector import in_program

    _let_go_of_kept()
    if not in_program() or not sys.platform.startswith("linux") or not os.major(like.st_dev):
        return
    try:
        _KEPT.append(os.open(real, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC | _O_NOFOLLOW))
    except OSError:
        pass


def _let_go_of_kept() -> bool:
    """Close the file ``_keep_open`` kept, if any; whether there was one."""
    kept = bool(_KEPT)
    while _KEPT:
        with suppress(OSError):
            os.close(_KEPT.pop())
    return kept


def _replace(source: str, target: Path) -> None:
    """``os.replace``, tried again for about a second where Windows says another program has
    the target open (``_WINDOWS_IN_USE``, or access denied, as it says of a file being
    deleted): 坚果云 and OneDrive upload a plan right after each change, and the next change
    came while they did. A file a program keeps open (a report in Word) fails after it."""
    for attempt in range(_HELD_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            winerror = getattr(exc, "winerror", None)
            if winerror not in (*_WINDOWS_IN_USE, 5) or attempt + 1 == _HELD_TRIES:
                raise
            time.sleep(_HELD_PAUSE)


# The letters of a temp file's random part: tempfile's (``_stale_temp_name`` matches them).
_TEMP_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def _temp_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """``tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)``: a file made anew, eight
    random letters between the two, open for writing and readable by this user alone; without
    loading tempfile and random, 4.8 M instructions of every change. Where tempfile is loaded
    already (a test standing in for its mkstemp), its mkstemp."""
    loaded = sys.modules.get("tempfile")
    if loaded is not None:
        made: tuple[int, str] = loaded.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
        return made
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_BINARY
    flags |= getattr(os, "O_NOINHERIT", 0)
    for _ in range(_TEMP_TRIES):
        letters = "".join(_TEMP_LETTERS[byte % len(_TEMP_LETTERS)] for byte in os.urandom(8))
        name = os.path.join(folder, f"{prefix}{letters}{suffix}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
        except PermissionError as exc:  # (Windows says so of a name a folder or a file being
            # removed has: tempfile tries the next name where os.access calls the folder
            # writable; but that reads the read-only mark alone, not a shared folder's
            # permissions nor a write-protected stick's, so the name must be taken too)
            if (
                sys.platform == "win32"
                and getattr(exc, "winerror", None) == 5
                and os.path.lexists(name)
            ):
                continue
            raise
    raise FileExistsError(errno.EEXIST, "no temporary file name is free", str(folder))


_TEMP_TRIES = 100


# While a change is watched (``watch_landing``): the last file it began to put in place, and
# its new bytes. Whether it is there is asked of the file itself when a Ctrl-C (or SIGTERM)
# came about then (``landed``). Not watched, no bytes are kept (a big plan's, in memory).
_LANDING: list[tuple[Path, bytes | Spliced]] = []
_WATCHED: list[bool] = []


def watch_landing(on: bool) -> None:
    """Watch (``on``) the writes of a change from now on, for ``landed``; or stop, letting go of
    what was kept."""
    _LANDING.clear()
    _WATCHED[:] = [True] if on else []


def _landing(real: Path, data: bytes | Spliced) -> None:
    if _WATCHED:
        _LANDING[:] = [(real, data)]


def landed() -> bool:
    """Whether the last write this process began to put in place (a rename, or a plan written
    in place, which the next reader finishes from its journal) is on disk: a change that a
    Ctrl-C cut short just after it must not look undone, or it is made twice."""
    if not _LANDING:
        return False
    real, data = _LANDING[0]
    try:
        with open(real, "rb") as handle:
            if handle.read(len(INTERRUPTED)) == INTERRUPTED:
                return True
        return holds(real, data) if isinstance(data, bytes) else data.held_by(real)
    except OSError:
        return False


def _fsync_folder(folder: Path) -> None:
    """The folder's entries (a file renamed into it) made durable. A folder this user may write
    and enter but not list (mode 733, a drop folder) cannot be opened for it: the file is in
    place all the same, and a change that replaced it is not to say it failed (made again, it
    was made twice)."""
    if sys.platform == "win32":  # pragma: no cover
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except PermissionError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _remove_temp(path: Path) -> None:
    """Remove a temp file ``atomic_write`` made, given the mode of the file it was to replace:
    one marked read-only (a report set 只读 in its Properties) Windows will not delete until
    the mark is cleared, so it is cleared first (the file is this program's own, made anew)."""
    try:
        os.unlink(path)
    except PermissionError:
        with suppress(OSError):
            os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
            os.unlink(path)
    except OSError:
        pass


def _stale_temp_name(real: Path) -> re.Pattern[str]:
    """Exactly the names ``atomic_write`` gives its temporary files (``tempfile.mkstemp``: eight
    random letters, digits or _); a user's ``.plan.toml.backup.tmp`` does not match."""
    prefix = re.escape(_temp_prefix(real))
    return re.compile(rf"{prefix}[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}")


def _remove_stale_temps(real: Path) -> None:
    """Temp files left by a writer that was killed; only a lock holder writes them."""
    pattern = _stale_temp_name(real)
    try:
        names = os.listdir(real.parent)
    except OSError:
        return
    for name in names:
        if pattern.fullmatch(name):
            stale = real.parent / name
            try:
                if stat.S_ISREG(os.lstat(stale).st_mode):
                    _remove_temp(stale)
            except OSError:
                pass


def _read_all(fd: int, size_hint: int = 0) -> bytes:
    chunks = []
    while chunk := os.read(fd, max(size_hint + 1, 1 << 16)):
        chunks.append(chunk)
    return b"".join(chunks)


def holds(path: Path, data: bytes) -> bool:
    """Whether the file holds exactly ``data``: read a block at a time into one buffer kept for
    it, so that a long plan is not held in memory once more to be compared, nor fresh memory
    touched (``spliced.file_holds``; a missing file holds nothing)."""
    from .spliced import file_holds

    return file_holds(path, [(data, 0, len(data))])


def _reads_back(tmp: str, data: bytes | Spliced) -> bool:
    """Whether the file just written (``tmp``) reads back as ``data``: a long one a block at a
    time into one buffer, never a copy of it in memory (``spliced.file_holds``)."""
    from .spliced import Spliced

    return data.held_by(tmp) if isinstance(data, Spliced) else holds(Path(tmp), data)


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
