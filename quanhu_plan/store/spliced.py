"""A file's new bytes given as its old bytes with some runs replaced (``plan add``: one new
item's block put in; a change patched as bytes: the blocks it rewrote), written and compared
with what reads back without ever joining them: a long plan is not held in memory a second time
(16 MB at 100,000 tasks), nor a third to be compared.

What is read back is read a block at a time into one buffer kept for it (``_FREE``): memory
the process has touched already, not a fresh allocation of the file's size (or of a megabyte)
each time, whose pages the kernel must first find and zero (1,550 page faults, several
milliseconds, for one change of a plan with 10,000 log entries).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO

# What is read back and compared at a time: the size of the buffer read into.
_BLOCK = 1 << 17

# The buffers free to read into (``file_holds``): one, once made; more only while one is in use
# (a Ctrl-C's ``files.landed`` reading back as another read was cut short).
_FREE: list[bytearray] = []

# A run of a file's bytes: ``data[start:stop]``.
Run = tuple[bytes, int, int]


class Spliced:
    """``data`` with each run ``data[start:end]`` of ``replaced`` (in order, not overlapping)
    replaced by its new bytes, as ``atomic_write`` writes it; ``Spliced(data, at, insert)``:
    ``data[:at] + insert + data[at:]``."""

    __slots__ = ("data", "replaced", "_size")

    def __init__(self, data: bytes, at: int, insert: bytes):
        self._set(data, [(at, at, insert)])

    @classmethod
    def replacing(cls, data: bytes, replaced: Sequence[tuple[int, int, bytes]]) -> Spliced:
        """``data`` with these runs (start, end, the new bytes; in order) replaced."""
        spliced = cls.__new__(cls)
        spliced._set(data, list(replaced))
        return spliced

    def _set(self, data: bytes, replaced: list[tuple[int, int, bytes]]) -> None:
        cursor = 0
        for start, end, _ in replaced:
            if not cursor <= start <= end <= len(data):
                raise ValueError("a run outside the bytes, or out of order")
            cursor = end
        self.data, self.replaced = data, replaced
        self._size = len(data) + sum(len(new) - (end - start) for start, end, new in replaced)

    def __len__(self) -> int:
        return self._size

    def _runs(self) -> list[Run]:
        """The runs of the whole, in order: (bytes, start, stop); empty ones left out."""
        data = self.data
        runs: list[Run] = []
        cursor = 0
        for start, end, new in self.replaced:
            runs += [(data, cursor, start), (new, 0, len(new))]
            cursor = end
        runs.append((data, cursor, len(data)))
        return [run for run in runs if run[2] > run[1]]

    def pieces(self) -> list[memoryview]:
        """The runs of the whole as views, in order (for a writer that takes them one by one)."""
        return [memoryview(data)[start:stop] for data, start, stop in self._runs()]

    def joined(self) -> bytes:
        """The whole as one bytes object (for a writer that needs one)."""
        return b"".join(self.pieces())

    def unchanged(self) -> bool:
        """Whether each run is replaced by the very bytes it held (the whole is ``data``)."""
        data = self.data
        return all(
            end - start == len(new) and data.startswith(new, start)
            for start, end, new in self.replaced
        )

    def write_to(self, handle: IO[bytes]) -> None:
        for piece in self.pieces():
            handle.write(piece)

    def same_as(self, other: bytes) -> bool:
        """Whether ``other`` is exactly the whole (each run compared in place)."""
        return same_runs(other, self._runs())

    def held_by(self, path: Path | str) -> bool:
        """Whether the file holds exactly these bytes (``file_holds``)."""
        return file_holds(path, self._runs())


def same_runs(whole: bytes, runs: list[Run]) -> bool:
    """Whether ``whole`` is exactly ``runs`` one after the other, each compared in place."""
    at = 0
    for data, start, stop in runs:
        if not whole.startswith(memoryview(data)[start:stop], at):
            return False
        at += stop - start
    return at == len(whole)


def file_holds(path: Path | str, runs: list[Run]) -> bool:
    """Whether the file holds exactly ``runs`` one after the other: read a block at a time into
    one buffer kept for it (``_FREE``) and each block compared in place (``startswith`` at its offset:
    one memcmp, where comparing a memoryview with bytes goes byte by byte, 2 ms for a 1.5 MB
    plan). A file shorter than a block is read whole (one read, as long as the file: no buffer
    of a block's size touched), unless its size says it is not these bytes (a file put in its
    place, of any size, is not read whole). A file not there holds nothing; another error
    reading it is raised."""
    try:
        size = sum(stop - start for _, start, stop in runs)
        if size < _BLOCK:
            if os.stat(path).st_size != size:
                return False
            return same_runs(Path(path).read_bytes(), runs)
        handle = open(path, "rb", buffering=0)  # (read straight into the buffer)
    except FileNotFoundError:
        return False
    # (a buffer kept: memory touched once, not a fresh one the file's size; given back after)
    buffer = _FREE.pop() if _FREE else bytearray(_BLOCK)
    try:
        with handle:
            view = memoryview(buffer)
            for data, start, stop in runs:
                at = start
                while at < stop:
                    count = min(_BLOCK, stop - at)
                    block = view[:count]
                    if _fill(handle, block) != count or not data.startswith(block, at):
                        return False
                    at += count
            return _fill(handle, view[:1]) == 0
    finally:
        _FREE.append(buffer)


def _fill(handle: IO[bytes], block: memoryview) -> int:
    """Read into ``block`` until it is full or the file ends; how many bytes were read."""
    got = 0
    while got < len(block):
        count = handle.readinto(block[got:])  # type: ignore[attr-defined]
        if not count:
            break
        got += count
    return got
