"""The parse cache's files (``cache``): an entry and the bytes kept beside it, written in place
and opened for reading only where they are plain files of this user's, never through a link,
a FIFO or a folder put where they go.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence


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
    return os.fdopen(opened_fd(path), "rb")


def opened_fd(path: Path) -> int:
    """``opened_file``'s descriptor, without a file object over it (``os.pread`` reads it)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
    found = os.fstat(fd)
    geteuid = getattr(os, "geteuid", None)  # (Windows: the cache is in the user's own folder)
    if not stat.S_ISREG(found.st_mode) or (geteuid is not None and found.st_uid != geteuid()):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a file of this user's", str(path))
    return fd


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
    sums: list[int | None] | None = None,
    layout: Sequence[int] | None = None,
) -> tuple[bytes, list[int]]:
    """The entry written, its token and its chunks' sums returned: its header (``key``, the
    chunks' counts and sizes, its token and their checksums), the pickled ``head`` (the plan's
    header and tree) and its chunks; and beside it the bytes the plan was read from (``raw``,
    in pieces), marked with its token: when the file has changed since, what did not change is
    taken from the entry (``pieces``). ``sums``: the CRC-32 of each chunk (in the entry's
    order) where it is known, a chunk stored as it was read (``cache._read`` checked it), None
    where it is not. ``layout``: ``toml_blocks.layout_facts`` of the bytes, kept beside it
    (``store_layout``) and bound to it by its token (``_token``)."""
    from _pickle import dumps

    chunks = [head, *sketch_chunks, *table_chunks]
    facts = _facts_bytes(layout)
    token = _token(facts)
    lengths = [len(chunk) for chunk in chunks]
    check = _checksum(counts, lengths, chunks, sums)
    header = dumps((key, counts, lengths, token, check), 5)
    if not ours_to_make(entry.parent):
        raise OSError(errno.EACCES, "a folder of another user's", str(entry.parent))
    entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write(text_of(entry), [token, *raw])
    write(entry, [header, *chunks])
    if facts is not None:
        store_layout(entry, token, facts)
    return token, list(check[1:])


def ours_to_make(folder: Path) -> bool:
    """Whether this process may make the cache folder ``folder`` (and what is missing above it)
    and write in it: root makes none under a folder of another user's (``sudo -E plan status``
    made the user's ~/.cache/quanhu-plan root's, 0700, and the user's cache was never used
    again, without a word). A stat or a few, made only where an entry is stored by root."""
    geteuid = getattr(os, "geteuid", None)  # (Windows: the cache is in the user's own folder)
    if geteuid is None or geteuid() != 0:
        return True
    at = folder
    while True:
        try:
            return os.stat(at).st_uid == 0
        except FileNotFoundError:
            if at.parent == at:
                return False
            at = at.parent
        except OSError:
            return False


def _facts_bytes(facts: Sequence[int] | None) -> bytes | None:
    """``layout_facts`` as they are kept (``store_layout``); None where there are none, or
    one does not fit in 64 bits."""
    from array import array

    try:
        return None if facts is None else array("q", facts).tobytes()
    except OverflowError:
        return None


def _token(facts: bytes | None) -> bytes:
    """An entry's token: 8 bytes that mark the files beside it (``text_of``, ``blocks_of``) as
    its own; random, but where a layout of its bytes is kept, its first byte odd and its last
    four that layout's CRC-32, else its first byte even. So only the layout kept with the
    entry is taken for it (``stored_layout``): not one left by another entry, a hand or a bug,
    nor any for bytes the program keeps none of (a multi-line string may hide a copy of an
    item's block: ``toml_layout.layout_facts``), though it bear the token and its own CRC."""
    import zlib

    mark = os.urandom(8)
    if facts is None:
        return bytes([mark[0] & 0xFE]) + mark[1:]
    return bytes([mark[0] | 1]) + mark[1:4] + zlib.crc32(facts).to_bytes(4, "little")


def _checksum(
    counts: list[int],
    lengths: list[int],
    parts: list[Any],
    sums: Sequence[int | None] | None = None,
) -> tuple[int, ...]:
    """CRC-32 of an entry's chunks' counts and sizes, then of each chunk (``parts``; ``sums``:
    those known already, None where not): an entry damaged after it was written (a disk, a
    copy) is read afresh, not taken for a plan. One sum a chunk, not one of them all: a change
    that stores again the chunks it left alone has their sums from the read that checked them,
    and sums only the chunks it stores anew (a 1.4 MB entry of 10,000 tasks: 5 M instructions)."""
    import zlib

    known: Sequence[int | None] = sums if sums is not None else [None] * len(parts)
    head = zlib.crc32(repr((counts, lengths)).encode("ascii"))
    return (
        head,
        *(
            sum_ if sum_ is not None else zlib.crc32(part)
            for part, sum_ in zip(parts, known, strict=True)
        ),
    )


def blocks_of(entry: Path) -> Path:
    """Where what a change needs to find the blocks of the bytes an entry was read from is
    kept (``toml_blocks.layout_facts``), marked with the entry's token."""
    return entry.with_name(entry.name.removesuffix(".pickle") + ".blocks")


def store_layout(entry: Path, token: bytes, data: bytes) -> None:
    """``data`` (``_facts_bytes`` of the ``toml_blocks.layout_facts`` of the bytes the entry of
    ``token`` was read from) kept beside it, with their CRC-32 (the token's last four bytes,
    ``_token``); a failure only leaves them unknown."""
    try:
        write(blocks_of(entry), [token, token[4:], data])
    except OSError:
        return


def stored_layout(entry: Path, token: bytes) -> tuple[int, ...] | None:
    """The ``layout_facts`` kept beside the entry of ``token`` (``store_layout``), or None where
    there are none of that entry, or they are damaged."""
    import zlib
    from array import array

    if not token[0] & 1:
        return None
    try:
        with opened_file(blocks_of(entry)) as handle:
            # Kept with this entry: its token, which says one was kept and its CRC-32
            # (``_token``). Read on only then: a file of another's, a sparse gigabyte, is not.
            if handle.read(12) != token + token[4:]:
                return None
            data = handle.read()
    except OSError:
        return None
    if token[4:] != zlib.crc32(data).to_bytes(4, "little"):
        return None
    if len(data) % 8:
        return None
    facts = array("q")
    facts.frombytes(data)
    return tuple(facts)
