"""The parse cache's files (``cache``): an entry and the bytes kept beside it, written in place
and opened for reading only where they are plain files of this user's, never through a link,
a FIFO or a folder put where they go.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any


def write(path: Path, parts: list[bytes]) -> None:
    """``parts`` written over ``path``, in place: an entry is written where it was (its pages
    and blocks used again, the file cut to the new length after), not to a new file renamed
    over it, which takes as long again for an entry or a text of a few MB (1.2 -> 0.5 ms for
    both of a plan with 10,000 log entries). A cache file does without a whole file at every
    moment: one read while it is written (by a process storing the same plan at the same time)
    or left half written by a crash fails the entry's checksum, or the key's checksum of the
    bytes kept beside it, and the plan is read afresh; one whose write failed is removed. A
    link put where the entry goes is not written through (``O_NOFOLLOW``; a hard link neither),
    nor is a FIFO waited on: it is removed and the entry made anew, as a file there this user
    may not write."""
    remove_stale_temps(path)  # (left by a version that wrote a temp file and renamed it)
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)  # (a FIFO there is not waited on: made anew as a file)
    try:
        fd = os.open(path, flags, 0o600)
        found = os.fstat(fd)
        # (a hard link, as a copy of the folder by cp -al leaves: the other name is not
        # written through either)
        if not stat.S_ISREG(found.st_mode) or found.st_nlink > 1:
            os.close(fd)
            raise OSError(errno.EEXIST, "not a file of its own")
    except OSError:
        try:
            os.unlink(path)
        except OSError:
            pass
        fd = os.open(path, flags | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
            handle.truncate()
    except BaseException:
        try:
            os.unlink(path)
        except OSError:
            pass
        raise


def opened_file(path: Path) -> Any:
    """``path`` opened for reading; OSError, as for a missing entry, where it is no file (a
    FIFO, which ``open`` would wait on for a writer: O_NONBLOCK) or another user's. An entry is
    a pickle, and loading one runs what it names: one left by whoever else may write the cache
    folder (a QUANHU_PLAN_CACHE or XDG_CACHE_HOME on a shared disk, in /tmp) is not ours to
    load, nor a link put where an entry goes (``O_NOFOLLOW``: not even to a file of this
    user's, which may hold anyone's bytes), as ``write`` writes through none."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
    found = os.fstat(fd)
    geteuid = getattr(os, "geteuid", None)  # (Windows: the cache is in the user's own folder)
    if not stat.S_ISREG(found.st_mode) or (geteuid is not None and found.st_uid != geteuid()):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a file of this user's", str(path))
    return os.fdopen(fd, "rb")


def text_of(entry: Path) -> Path:
    """Where the bytes of the file an entry was read from are kept."""
    return entry.with_name(entry.name.removesuffix(".pickle") + ".text")


STALE_SECONDS = 3600


def remove_stale_temps(entry: Path) -> None:
    """The temp files of this entry that a process stopped while writing it left behind."""
    import time

    prefix, now = f".{entry.name}.", time.time()
    try:
        with os.scandir(entry.parent) as found:
            for item in found:
                if item.name.startswith(prefix) and item.name.endswith(".tmp"):
                    try:
                        if now - item.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                            os.unlink(item.path)
                    except OSError:
                        pass
    except OSError:
        pass


def stored_entry(
    entry: Path,
    key: tuple[Any, ...],
    counts: list[int],
    head: bytes,
    sketch_chunks: list[Any],
    table_chunks: list[Any],
    raw: list[Any],
) -> bytes:
    """The entry written, its token returned: its header (``key``, the chunks' counts and
    sizes, its token and their checksum), the pickled ``head`` (the plan's header and tree)
    and its chunks; and beside it the bytes the plan was read from (``raw``, in pieces), marked
    with its token: when the file has changed since, what did not change is taken from the
    entry (``pieces``)."""
    from _pickle import dumps

    chunks = [head, *sketch_chunks, *table_chunks]
    token = os.urandom(8)
    lengths = [len(chunk) for chunk in chunks]
    header = dumps((key, counts, lengths, token, _checksum(counts, lengths, chunks)), 5)
    entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write(text_of(entry), [token, *raw])
    write(entry, [header, *chunks])
    return token


def _checksum(counts: list[int], lengths: list[int], parts: list[Any]) -> int:
    """CRC-32 of an entry's chunks and their sizes: an entry damaged after it was written (a
    disk, a copy) is read afresh, not taken for a plan."""
    import zlib

    check = zlib.crc32(repr((counts, lengths)).encode("ascii"))
    for part in parts:
        check = zlib.crc32(part, check)
    return check
