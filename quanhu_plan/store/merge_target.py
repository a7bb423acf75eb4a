"""The plan ``plan merge`` writes when run by hand (two copies of a plan mailed back and forth:
plan merge BASE OURS THEIRS), which is a plan in use, not git's temporary copy: held as a change
holds its plan, so that a change made meanwhile, or a save in an editor, is not written over."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from ..errors import PlanFileError
from .files import _file_locked, _real, locked
from .locating import PlanSource
from .writable import writable


@contextmanager
def held_for_merge(path: Path) -> Iterator[bytes]:
    """Refuse a plan this user may not write (read-only: a mail attachment, chmod 444), as a
    change does; hold its lock while the merge reads and writes it (another plan command
    waits, or this one gives up after the lock's timeout); yield its bytes as they are now,
    to pass ``store.save`` as its ``base``. Where the file no longer holds them when the
    merged text is ready (an editor saved it meanwhile), nothing is written: PlanFileError."""
    from .plan_file import _ChangedOnDisk

    real = _real(path)
    like = writable(PlanSource(path), real)
    # (a plan with more than one hard link is written in place, under a lock on itself too)
    with locked(real, like=like), _file_locked(real) if like.st_nlink > 1 else nullcontext():
        try:
            yield path.read_bytes()
        except _ChangedOnDisk:
            raise PlanFileError(
                str(path),
                "write",
                "it changed on disk while the merge was being made (another program saved it); "
                "run plan merge again to merge what it holds now",
                errno.EAGAIN,
                "合并过程中它在磁盘上被改动了（另有程序保存了它）；请再运行一次 plan merge，合并它现在"
                "的内容",
            ) from None
