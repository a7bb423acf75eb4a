"""The one module that touches plan files: finding, reading, validating, locking and writing.

Which file: ``--file``, else ``PLAN_FILE``, else ``plan.toml`` in this folder or the nearest one
above, else the embedded 2023 plan (read-only). A ``plan.toml`` that is there but is not a file
(a folder, say) stops the search with an error rather than let a plan further up be used.

A write never leaves a half-written or stale file: every change is made under an exclusive
lock on ``<name>.lock`` beside the plan, on content read afresh under that lock; the new text is
written to a temporary file in the same folder, fsynced, read back and compared, given the old
file's owner, group and mode, and only then renamed over the real file (the target of a symlink,
so the link stays a link). Before that, every item id read (live or in the ``[[removed]]``
archive) must still be in what is written.

A plan with more than one hard link is written in place instead, so every link keeps seeing
the same file: the new text goes to a journal ``.<name>.quanhu-journal`` first (fsynced, with its
length and SHA-256), then the file's first line becomes a mark (``INTERRUPTED`` and the journal's
path), the rest is written, and the first bytes last. A file that starts with ``INTERRUPTED`` is
never used as a plan: the next reader or writer, through any link, finishes the write from the
journal the mark names, or says what happened.

Files the tool leaves beside a plan: ``<name>.lock`` (kept; removing it would race),
``.<name>.<8 characters>.quanhu-tmp`` (a writer's temporary file; one left by a killed writer is
removed by the next write, and no other file is) and, for a hard-linked plan, the journal.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import (
    CommentsWillBeLost,
    FileExists,
    InterruptedWrite,
    ItemsWouldBeLost,
    NotAFile,
    OutputIsThePlan,
    PlanError,
    PlanFileError,
    PlanInvalid,
    PlanNotWritable,
    PlanSyntaxError,
    Problem,
    ReadOnlyPlan,
)
from .model import Plan, build_plan

PLAN_FILE_ENV = "PLAN_FILE"
PLAN_FILE_NAME = "plan.toml"
LOCK_TIMEOUT_SECONDS = 30.0
TEMP_SUFFIX = ".quanhu-tmp"
JOURNAL_SUFFIX = ".quanhu-journal"
# How a plan being written in place starts: not TOML (a NUL), so no program takes it for a plan.
# The mark's line goes on with the journal's path where the new text is long enough to hold it.
INTERRUPTED = b"\x00QUANHU-PARTIAL"

# Flags that do not exist everywhere (Windows has no O_NOFOLLOW, O_NONBLOCK, O_CLOEXEC).
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)

T = TypeVar("T")


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class PlanSource:
    """Where the plan comes from; ``embedded`` marks the read-only plan inside the package."""

    __slots__ = ("path", "embedded")

    def __init__(self, path: Path, embedded: bool = False):
        self.path, self.embedded = path, embedded

    def __repr__(self) -> str:
        return f"PlanSource({self.path!r}, embedded={self.embedded})"

    @property
    def label(self) -> str:
        return str(self.path)


def embedded_plan_path() -> Path:
    """The 2023 plan: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / PLAN_FILE_NAME
    return packaged if packaged.is_file() else here.parent / PLAN_FILE_NAME


def locate(explicit: str | None = None, cwd: Path | None = None) -> PlanSource:
    if explicit:
        return PlanSource(Path(explicit))
    from_env = os.environ.get(PLAN_FILE_ENV)
    if from_env:
        return PlanSource(Path(from_env))
    folder = (cwd or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / PLAN_FILE_NAME
        if path.is_file():
            return PlanSource(path)
        if os.path.lexists(path):  # a folder, a FIFO, a dangling link: not a plan, and stop
            raise NotAFile(str(path), _kind(path), "found")
    return PlanSource(embedded_plan_path(), embedded=True)


def _kind(path: Path | str, st: os.stat_result | None = None) -> str:
    """What is at ``path`` instead of a regular file, for NotAFile."""
    if st is None:
        try:
            st = os.stat(path)
        except OSError:
            return "dangling" if os.path.islink(path) else "other"
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


def _file_error(path: Path | str, action: str, exc: OSError) -> PlanFileError:
    return PlanFileError(str(path), action, exc.strerror or str(exc), exc.errno)


# ---------------------------------------------------------------- reading


def read_text(path: Path) -> str:
    return _decode(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    """The plan's bytes. A hard-linked plan is read under a shared lock on the file itself (a
    change writes it in place); a file left half-written is finished first, or refused."""
    data = _read_file(path, shared_lock=True)
    if data.startswith(INTERRUPTED):
        _finish_for_reader(path)
        data = _read_file(path, shared_lock=True)
        if data.startswith(INTERRUPTED):  # pragma: no cover - finished or raised just above
            raise InterruptedWrite(str(path), str(_named_journal(_real(path), data)))
    return data


def _read_file(path: Path, *, shared_lock: bool) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC | _O_BINARY)
    except FileNotFoundError:
        raise PlanFileError(str(path), "read", "no such file", errno.ENOENT) from None
    except OSError as exc:
        raise _file_error(path, "read", exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(str(path), _kind(path, st), "plan")
        if shared_lock and st.st_nlink > 1:
            _wait_for_lock(fd, path, shared=True)
        return _read_all(fd, st.st_size)
    except OSError as exc:
        raise _file_error(path, "read", exc) from None
    finally:
        os.close(fd)


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(str(path), "read", f"not UTF-8 text (byte {exc.start})") from None


def parse_toml(text: str, label: str) -> dict[str, Any]:
    import tomllib  # not needed by --help

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", detail)
        line = column = None
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            detail = detail[: match.start()].strip()
        elif "end of document" in detail:
            line = text.count("\n") + 1
        raise PlanSyntaxError(label, line, column, detail) from None


def inspect_text(text: str, label: str) -> tuple[Plan | None, list[Problem]]:
    """Parse and validate, locating each problem's line; a TOML error raises PlanSyntaxError."""
    doc = parse_toml(text, label)
    plan, problems = build_plan(doc)
    return plan, [_with_line(problem, text) for problem in problems]


def plan_from_text(text: str, label: str) -> Plan:
    plan, problems = inspect_text(text, label)
    if problems:
        raise PlanInvalid(label, problems)
    assert plan is not None
    return plan


def load(source: PlanSource) -> Plan:
    return plan_from_text(read_text(source.path), source.label)


_ITEM_HEADER = re.compile(r"^\s*\[\[\s*item\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"^\s*\[")


def _with_line(problem: Problem, text: str) -> Problem:
    """Find the line of the problem's field (or item header) in the text, for the message."""
    lines = text.splitlines()
    start, stop = 0, len(lines)
    if problem.index is not None:
        headers = [n for n, line in enumerate(lines) if _ITEM_HEADER.match(line)]
        if problem.index >= len(headers):
            return problem
        start = headers[problem.index]
        stop = headers[problem.index + 1] if problem.index + 1 < len(headers) else len(lines)
    elif problem.field is not None:
        plan_header = next((n for n, line in enumerate(lines) if line.strip() == "[plan]"), None)
        if plan_header is None:
            return problem
        start = plan_header
        stop = next(
            (n for n in range(start + 1, len(lines)) if _TABLE_HEADER.match(lines[n])), len(lines)
        )
    found = start
    if problem.field:
        key = re.compile(rf"^\s*{re.escape(problem.field)}\s*=")
        found = next((n for n in range(start, stop) if key.match(lines[n])), start)
    return Problem(
        problem.item_id, problem.field, problem.found, problem.allowed, problem.index, found + 1
    )


# ---------------------------------------------------------------- writing


def dump(plan: Plan) -> str:
    from .canonical import dumps  # imports tomli_w: only commands that write pay for it

    return dumps(plan.to_doc())


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def lock_path(real: Path) -> Path:
    return real.with_name(real.name + ".lock")


def journal_path(real: Path) -> Path:
    return real.with_name(f".{real.name}{JOURNAL_SUFFIX}")


@contextmanager
def locked(
    path: Path, timeout: float = LOCK_TIMEOUT_SECONDS, like: os.stat_result | None = None
) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock``; the lock file stays (removing it would race).

    A lock file made now gets the owner, group and read/write mode of ``like`` (the plan), so a
    shared plan gets a lock its group can use too. A lock file that is a symbolic link is never
    followed."""
    fd = _open_lock(lock_path(path), path, like)
    try:
        _wait_for_lock(fd, path, shared=False, timeout=timeout, held=lock_path(path).name)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _open_lock(lock: Path, plan: Path, like: os.stat_result | None) -> int:
    flags = os.O_RDWR | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC
    mode = stat.S_IMODE(like.st_mode) & 0o666 if like is not None else 0o666
    try:
        try:
            fd = os.open(lock, flags | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            try:
                fd = os.open(lock, flags)
            except PermissionError:  # a lock file one may only read still locks
                fd = os.open(lock, (flags & ~os.O_RDWR) | os.O_RDONLY)
        else:
            if like is not None:
                _give_ownership(fd, like)
                _set_mode(fd, mode)  # the umask took bits away from a shared plan's mode
    except OSError as exc:
        if os.path.islink(lock):
            raise NotAFile(str(lock), "link", "lock") from None
        if os.path.lexists(lock) and not os.path.isfile(lock):
            raise NotAFile(str(lock), _kind(lock), "lock") from None
        raise _file_error(plan, "lock", exc) from None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        os.close(fd)
        raise NotAFile(str(lock), _kind(lock, found), "lock")
    return fd


def _wait_for_lock(
    fd: int,
    path: Path,
    *,
    shared: bool,
    timeout: float = LOCK_TIMEOUT_SECONDS,
    held: str | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while not _try_lock(fd, shared):
        if time.monotonic() > deadline:
            raise PlanFileError(
                str(path),
                "read" if shared else "lock",
                f"another program has held {held or Path(path).name} for {timeout:.0f} s",
                errno.EAGAIN,
            )
        time.sleep(0.01)


@contextmanager
def _file_locked(real: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
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
        _wait_for_lock(fd, real, shared=False, timeout=timeout)
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
    path: Path, content: str | bytes, *, expect: Callable[[str], bool] | None = None
) -> None:
    """Replace ``path`` by ``content`` all at once, or leave it untouched and raise PlanFileError.

    Text is written as UTF-8; bytes (a Word document) as they are. ``expect`` checks the text
    as written to disk before it replaces the old file. The new file keeps the old one's owner
    (where this process may set it), group and mode. Only a regular file is replaced.
    """
    real = _real(path)  # write the symlink's target; the link stays
    like: os.stat_result | None
    try:
        like = os.stat(real)
    except FileNotFoundError:
        like = None
    except OSError as exc:
        raise _file_error(path, "write", exc) from None
    if like is not None and not stat.S_ISREG(like.st_mode):
        raise NotAFile(str(path), _kind(real, like), "out")
    if like is not None:
        mode = stat.S_IMODE(like.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile

    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=TEMP_SUFFIX, dir=real.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if like is not None:
            _give_ownership(tmp, like)
        os.chmod(tmp, mode)  # after chown, which may clear set-id bits
        written = Path(tmp).read_bytes()
        if written != data or (expect is not None and not expect(written.decode("utf-8"))):
            raise OSError(0, "the written text did not read back as written")
        os.replace(tmp, real)
        tmp = None
        _fsync_folder(real.parent)
    except OSError as exc:
        raise _file_error(path, "write", exc) from None
    finally:
        if tmp is not None:
            _remove_quietly(Path(tmp))


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _stale_temp_name(real: Path) -> re.Pattern[str]:
    """Exactly the names ``atomic_write`` gives its temporary files (``tempfile.mkstemp``: eight
    random letters, digits or _); a user's ``.plan.toml.backup.tmp`` does not match."""
    return re.compile(rf"\.{re.escape(real.name)}\.[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}")


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
                    stale.unlink()
            except OSError:
                pass


# ---------------------------------------------------------------- writing in place


def _write_in_place(
    path: Path, real: Path, data: bytes, expect: Callable[[str], bool] | None
) -> None:
    """Write a plan with more than one hard link in place, so every link keeps seeing it; the
    caller holds the lock file and the lock on the plan itself.

    As safe as the rename: the journal holds the whole new text, fsynced, before the file is
    touched, and until the file is whole again it starts with INTERRUPTED, which no reader
    takes for a plan (``_finish_interrupted`` completes it from the journal)."""
    journal = journal_path(real)
    old = _current_bytes(real)
    try:
        _write_journal(journal, data, os.stat(real))
        written = _read_journal(journal)
        if written != data or (expect is not None and not expect(data.decode("utf-8"))):
            raise OSError(0, "the written text did not read back as written")
    except OSError as exc:
        _remove_quietly(journal)
        raise _file_error(path, "write", exc) from None
    except BaseException:  # _ChangedOnDisk, Ctrl-C: the plan itself was not touched
        _remove_quietly(journal)
        raise
    try:
        _overwrite(real, data, journal)
    except OSError as exc:
        try:  # put the old text back the same way; if even that fails, the journal is there
            if old is not None:
                _overwrite(real, old, journal)
        except OSError:
            raise InterruptedWrite(str(path), str(journal), exc.strerror or str(exc)) from None
        _remove_quietly(journal)
        raise _file_error(path, "write", exc) from None
    _remove_quietly(journal)
    _fsync_folder(real.parent)


def _overwrite(real: Path, data: bytes, journal: Path) -> None:
    """Replace the file's bytes in place: the mark naming the journal first, then all after it,
    then the first bytes; fsynced at each step, so the file is whole or marked at every moment."""
    mark = INTERRUPTED + b" " + os.fsencode(journal) + b"\n"
    if len(mark) > len(data):
        mark = INTERRUPTED + b"\n"  # a reader then looks beside the path it was given
    head = len(mark)
    fd = os.open(real, os.O_RDWR | _O_NOFOLLOW | _O_CLOEXEC | _O_BINARY)
    try:
        _write_at(fd, 0, mark)
        os.fsync(fd)
        size = max(len(data), head)
        if hasattr(os, "posix_fallocate"):  # a full disk fails here, before the text changes
            try:  # (after the mark: it grows the file, with zeros at its end)
                os.posix_fallocate(fd, 0, size)
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                    raise
        _write_at(fd, head, data[head:])
        os.ftruncate(fd, size)
        os.fsync(fd)
        _write_at(fd, 0, data[:head])
        if len(data) < head:
            os.ftruncate(fd, len(data))
        os.fsync(fd)
        os.lseek(fd, 0, os.SEEK_SET)
        if _read_all(fd) != data:
            raise OSError(0, "the written text did not read back as written")
    finally:
        os.close(fd)


def _write_at(fd: int, offset: int, data: bytes) -> None:
    os.lseek(fd, offset, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int, size_hint: int = 0) -> bytes:
    chunks = []
    while chunk := os.read(fd, max(size_hint + 1, 1 << 16)):
        chunks.append(chunk)
    return b"".join(chunks)


_JOURNAL_HEAD = b"quanhu-plan journal"


def _write_journal(journal: Path, data: bytes, like: os.stat_result) -> None:
    """The whole new text after one line with its length and SHA-256, fsynced with its folder."""
    import hashlib

    head = _JOURNAL_HEAD + f" {len(data)} {hashlib.sha256(data).hexdigest()}\n".encode()
    _remove_quietly(journal)  # left by a change that never touched the plan
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC | _O_BINARY
    fd = os.open(journal, flags, 0o600)
    try:
        _give_ownership(fd, like)
        _set_mode(fd, stat.S_IMODE(like.st_mode) & 0o666)  # who may read the plan may finish it
        _write_at(fd, 0, head + data)
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_folder(journal.parent)


def _read_journal(journal: Path) -> bytes | None:
    """The complete text a journal holds, or None (no journal, or one written only in part)."""
    import hashlib

    try:
        fd = os.open(journal, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC | _O_BINARY)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        raw = _read_all(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    head, _, body = raw.partition(b"\n")
    words = head.split(b" ")
    if len(words) != 4 or b" ".join(words[:2]) != _JOURNAL_HEAD:
        return None
    if words[2] != str(len(body)).encode() or words[3] != hashlib.sha256(body).hexdigest().encode():
        return None
    return body


def _finish_interrupted(path: Path, real: Path) -> None:
    """Complete a write in place that was stopped half-way, from its journal; the caller holds
    both locks. Without a complete journal, say so: the file is never used as it is."""
    current = _current_bytes(real)
    if current is None or not current.startswith(INTERRUPTED):
        return  # finished meanwhile
    journal = _named_journal(real, current)
    data = _read_journal(journal)
    if data is None:
        raise InterruptedWrite(str(path), str(journal))
    try:
        _overwrite(real, data, journal)
    except OSError as exc:
        raise InterruptedWrite(str(path), str(journal), exc.strerror or str(exc)) from None
    _remove_quietly(journal)
    _fsync_folder(real.parent)


def _finish_for_reader(path: Path) -> None:
    """A reader found a plan left half-written: finish it under the locks, or say why not."""
    real = _real(path)
    try:
        like = os.stat(real)
        with locked(real, like=like), _file_locked(real):
            _finish_interrupted(path, real)
    except InterruptedWrite:
        raise
    except PlanFileError as exc:  # may not lock or write here
        journal = _named_journal(real, _current_bytes(real) or b"")
        reason = exc.reason if _read_journal(journal) is not None else None
        raise InterruptedWrite(str(path), str(journal), reason) from None
    except OSError as exc:
        journal = _named_journal(real, b"")
        raise InterruptedWrite(str(path), str(journal), exc.strerror or str(exc)) from None


_JOURNAL_NAME = re.compile(rf"\..+{re.escape(JOURNAL_SUFFIX)}")


def _named_journal(real: Path, data: bytes) -> Path:
    """The journal a marked file names (a hard link elsewhere may have been written through),
    else the one beside this path. Only a name the tool gives its journals is taken."""
    line = data[: data.find(b"\n")] if data.startswith(INTERRUPTED + b" ") else b""
    named = Path(os.fsdecode(line[len(INTERRUPTED) + 1 :])) if line else None
    if named is not None and named.is_absolute() and _JOURNAL_NAME.fullmatch(named.name):
        return named
    return journal_path(real)


# ---------------------------------------------------------------- changing a plan


class _ChangedOnDisk(Exception):
    """The file no longer holds what the change was made on: a program that does not take
    the lock (an editor saving by hand) wrote it meanwhile."""


def item_ids(doc: dict[str, Any]) -> set[str]:
    """Every item id in a plan document: live items and those in the ``[[removed]]`` archive
    (an id that is not text is counted by its repr)."""
    from .changes import ARCHIVE

    tables = _tables(doc.get("item"))
    archive = doc.get(ARCHIVE)
    if isinstance(archive, list):
        for record in archive:
            if isinstance(record, dict):
                tables += _tables(record.get("item"))
    ids = set()
    for table in tables:
        value = table.get("id")
        if value is not None:
            ids.add(value if isinstance(value, str) else repr(value))
    return ids


def _tables(value: Any) -> list[dict[str, Any]]:
    return [t for t in value if isinstance(t, dict)] if isinstance(value, list) else []


def _id_order(item_id: str) -> list[tuple[int, int, str]]:
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in item_id.split(".")]


def _ids_on_disk(real: Path) -> set[str]:
    raw = _current_bytes(real)
    if raw is None:
        return set()
    try:
        return item_ids(parse_toml(_decode(real, raw), str(real)))
    except PlanError:
        return set()


def save(
    path: Path, plan: Plan, base: bytes | None = None, ids_read: set[str] | None = None
) -> None:
    """Write the plan canonically; the caller holds the lock (see ``update``).

    Every id in ``ids_read`` (by default the ids in the file now), live or archived, must be in
    what is written, live or archived; otherwise nothing is written and ItemsWouldBeLost is
    raised. With ``base``, the file must still hold exactly these bytes when the new text is
    ready to replace it; otherwise nothing is written and ``_ChangedOnDisk`` is raised.
    """
    from .canonical import dumps

    doc = plan.to_doc()
    real = _real(path)
    if ids_read is None:
        ids_read = _ids_on_disk(real)
    lost = ids_read - item_ids(doc)
    if lost:
        raise ItemsWouldBeLost(str(path), sorted(lost, key=_id_order))
    text = dumps(doc)
    _remove_stale_temps(real)

    def expect(written: str) -> bool:
        if parse_toml(written, str(path)) != doc:
            return False
        if base is not None and _current_bytes(real) != base:
            raise _ChangedOnDisk()  # not an OSError: atomic_write removes its temp and lets go
        return True

    try:
        linked = os.stat(real).st_nlink > 1
    except OSError:
        linked = False
    if linked:
        _write_in_place(path, real, text.encode("utf-8"), expect)
    else:
        atomic_write(path, text, expect=expect)


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


# How many times a change is made again on fresh content when the file keeps changing under it.
UPDATE_ATTEMPTS = 5


def update(
    source: PlanSource, change: Callable[[Plan], T], *, notices: list[Any] | None = None
) -> T:
    """Apply ``change`` to the plan as it is on disk now, under the lock, and write it back.

    If ``change`` raises, nothing is written. A program that does not take the lock (an editor
    saving by hand) is caught too: when the file's bytes changed between the read and the
    rename, nothing is written and ``change`` is made again on the new content, so ``change``
    must only change the plan it is given. Only the instant between that last comparison and
    the rename is left unguarded. A plan this user may not write is refused first. What the
    user should know about a change that was made (comments dropped) is appended to
    ``notices`` (each has ``message(lang)``).
    """
    if source.embedded:
        raise ReadOnlyPlan("embedded plan is read-only")
    real = _real(source.path)
    like = _writable(source, real)
    with locked(real, like=like), _file_locked(real) if like.st_nlink > 1 else _nothing():
        for attempt in range(UPDATE_ATTEMPTS):
            raw = _read_file(source.path, shared_lock=False)
            if raw.startswith(INTERRUPTED):
                _finish_interrupted(source.path, real)
                raw = _read_file(source.path, shared_lock=False)
            text = _decode(source.path, raw)
            plan, ids = _plan_and_ids(text, source.label)
            if attempt == 0 and notices is not None:
                notices += _comment_notice(text, source.label)
            result = change(plan)
            try:
                save(source.path, plan, base=raw, ids_read=ids)
            except _ChangedOnDisk:
                continue
            return result
    raise PlanFileError(
        source.label,
        "write",
        f"it changed on disk {UPDATE_ATTEMPTS} times while the change was being made "
        "(another program keeps writing it)",
        errno.EAGAIN,
    )


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _plan_and_ids(text: str, label: str) -> tuple[Plan, set[str]]:
    """The plan, and the ids in the file before any change (the plan shares the document's
    tables, so they are counted before a change can touch them)."""
    doc = parse_toml(text, label)
    ids = item_ids(doc)
    plan, problems = build_plan(doc)
    if problems:
        raise PlanInvalid(label, [_with_line(problem, text) for problem in problems])
    assert plan is not None
    return plan, ids


def _writable(source: PlanSource, real: Path) -> os.stat_result:
    """The plan's stat, if its mode lets this process change it; a read-only plan is refused,
    naming its mode. Other reasons a write fails (a read-only disk) are left to the write,
    which names them."""
    try:
        found = os.stat(real)
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


# ---------------------------------------------------------------- comments (until they are kept)

# Strings are matched whole, so a # inside one is skipped; a # matched on its own is a comment.
_STRING_OR_COMMENT = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:"{0,2})'
    r"|'''(?:[^']|'(?!''))*'''(?:'{0,2})"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#",
    re.DOTALL,
)


def has_comments(text: str) -> bool:
    """Whether TOML text (text that parses) has a ``#`` comment."""
    if "#" not in text:
        return False
    return any(match.group() == "#" for match in _STRING_OR_COMMENT.finditer(text))


def _comment_notice(text: str, label: str) -> list[CommentsWillBeLost]:
    """The first change to a file with comments says that they are not kept."""
    return [CommentsWillBeLost(label)] if has_comments(text) else []


# ---------------------------------------------------------------- other files


def refuse_output_path(out: Path, source: PlanSource) -> None:
    """``report --out`` never names the plan in use, its lock or its journal, after resolving
    links (hard links included), nor a folder, a FIFO or a device."""
    plan_real = _real(source.path)
    out_real = _real(out)
    guarded = {"plan": plan_real, "lock": lock_path(plan_real), "journal": journal_path(plan_real)}
    for what, target in guarded.items():
        if out_real == target or _same_file(out, target):
            raise OutputIsThePlan(str(out), str(target), what)
    try:
        found = os.stat(out)
    except OSError:
        return  # not there yet
    if not stat.S_ISREG(found.st_mode):
        raise NotAFile(str(out), _kind(out, found), "out")


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
        raise PlanFileError(str(path), "create", "the folder does not exist", errno.ENOENT)
    atomic_write(path, text)
