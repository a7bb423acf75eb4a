"""A plan with more than one hard link, written in place so every link keeps seeing it: the
whole new text first in a journal beside it, then the file marked, rewritten and unmarked, each
step fsynced; and a write stopped half-way finished from its journal by whoever reads it next."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import InterruptedWrite, PlanFileError
from .file_names import JOURNAL_SUFFIX, journal_path
from .files import (
    _O_BINARY,
    _O_CLOEXEC,
    _O_NOFOLLOW,
    _O_NONBLOCK,
    INTERRUPTED,
    _current_bytes,
    _file_error,
    _file_locked,
    _fsync_folder,
    _give_ownership,
    _landing,
    _read_all,
    _real,
    _remove_quietly,
    _set_mode,
    locked,
)


def _write_in_place(path: Path, real: Path, data: bytes, expect: Callable[[], bool] | None) -> None:
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
        if written != data or (expect is not None and not expect()):
            raise OSError(0, "the written text did not read back as written")
    except OSError as exc:
        _remove_quietly(journal)
        raise _file_error(path, "write", exc) from None
    except BaseException:  # _ChangedOnDisk, Ctrl-C: the plan itself was not touched
        _remove_quietly(journal)
        raise
    _landing(real, data)  # (from here on a reader finishes it from the journal)
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


_JOURNAL_NAME = rf"\..+{re.escape(JOURNAL_SUFFIX)}"  # compiled when first used


def _named_journal(real: Path, data: bytes) -> Path:
    """The journal a marked file names (a hard link elsewhere may have been written through),
    else the one beside this path. Only a name the tool gives its journals is taken."""
    line = data[: data.find(b"\n")] if data.startswith(INTERRUPTED + b" ") else b""
    named = Path(os.fsdecode(line[len(INTERRUPTED) + 1 :])) if line else None
    if named is not None and named.is_absolute() and re.fullmatch(_JOURNAL_NAME, named.name):
        return named
    return journal_path(real)
