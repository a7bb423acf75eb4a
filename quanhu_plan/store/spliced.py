"""A file's new bytes given as its old bytes with a run of new bytes put in at one place
(``plan add``: one new item's block), written and compared with what reads back without ever
joining them: a long plan is not held in memory a second time (16 MB at 100,000 tasks), nor a
third to be compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

# What is read back and compared at a time.
_BLOCK = 1 << 20


class Spliced:
    """``data[:at] + insert + data[at:]``, as ``atomic_write`` writes it."""

    __slots__ = ("data", "at", "insert")

    def __init__(self, data: bytes, at: int, insert: bytes):
        if not 0 <= at <= len(data):
            raise ValueError("a place outside the bytes")
        self.data, self.at, self.insert = data, at, insert

    def __len__(self) -> int:
        return len(self.data) + len(self.insert)

    def _runs(self) -> list[tuple[bytes, int, int]]:
        """The runs of the whole, in order: (bytes, start, stop)."""
        data, at = self.data, self.at
        return [(data, 0, at), (self.insert, 0, len(self.insert)), (data, at, len(data))]

    def joined(self) -> bytes:
        """The whole as one bytes object (for a writer that needs one)."""
        data, at = self.data, self.at
        return b"".join((memoryview(data)[:at], self.insert, memoryview(data)[at:]))

    def write_to(self, handle: IO[bytes]) -> None:
        for data, start, stop in self._runs():
            if stop > start:
                handle.write(memoryview(data)[start:stop])

    def held_by(self, path: Path | str) -> bool:
        """Whether the file holds exactly these bytes, read a block at a time and each block
        compared in place (``startswith`` at its offset: one memcmp)."""
        with open(path, "rb") as handle:
            for data, start, stop in self._runs():
                at = start
                while at < stop:
                    count = min(_BLOCK, stop - at)
                    block = handle.read(count)
                    if len(block) != count or not data.startswith(block, at):
                        return False
                    at += count
            return not handle.read(1)
