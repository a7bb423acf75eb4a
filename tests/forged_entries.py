"""Cache entries changed as only a wrong writer could leave them (a disk's damage fails the
entry's checksum): for the tests that the cache never takes such an entry for the plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def forged(entry: Path, change: Callable[[list[int], list[bytes]], None]) -> None:
    """The entry with its chunks (the head, the sketches' chunks, the tables' chunks) changed in
    place by ``change`` (given the chunks' counts too), its sizes and checksum made to match."""
    from _pickle import dumps, loads

    from quanhu_plan.store import cache

    data = entry.read_bytes()
    key, counts, lengths, token, _ = loads(data)
    at = len(data) - sum(lengths)
    chunks = []
    for length in lengths:
        chunks.append(data[at : at + length])
        at += length
    change(counts, chunks)
    lengths = [len(chunk) for chunk in chunks]
    check = cache._checksum(counts, lengths, chunks)
    entry.write_bytes(dumps((key, counts, lengths, token, check), 5) + b"".join(chunks))
