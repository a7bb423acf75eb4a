"""The parse cache: a plan file, read and checked once, kept (pickled) in the user's cache folder,
so that the next command on the unchanged file skips the TOML parse and the checks.

The entry of a file is found by its real path and used only when the file's size, modification
time and CRC-32 of its bytes, and this program's version, are all what they were; anything else
(missing, stale, corrupt, another version) is ignored and the file is read afresh. The file is
always read: the cache saves the parse, never the reading, and holds no output. It lives in the
user's cache folder (``QUANHU_PLAN_CACHE``, else ``XDG_CACHE_HOME``/``~/.cache``, the Library
caches on macOS, ``%LOCALAPPDATA%`` on Windows), never beside the plan, where it would end up in
git or in a mail. ``QUANHU_PLAN_CACHE=off`` turns it off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Plan

CACHE_ENV = "QUANHU_PLAN_CACHE"
# Bumped when what is stored changes shape; the package version is part of the key too.
FORMAT = 2


def folder() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "0", "off", "no") else Path(chosen)
    if sys.platform == "win32":  # pragma: no cover - office PCs run Windows; CI runs Linux
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "quanhu-plan" / "cache" if base else None
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "quanhu-plan"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quanhu-plan"


def _entry(real: Path) -> Path | None:
    where = folder()
    if where is None:
        return None
    import zlib

    name = f"{zlib.crc32(os.fsencode(real)):08x}-{len(os.fsencode(real))}-{real.name}"
    return where / (name[:120] + ".pickle")


def _key(real: Path, raw: bytes, st: os.stat_result) -> tuple[Any, ...]:
    import zlib

    return (_program(), str(real), st.st_size, st.st_mtime_ns, len(raw), zlib.crc32(raw))


_PROGRAM: tuple[Any, ...] | None = None


def _program() -> tuple[Any, ...]:
    """This program as far as the cache is concerned: its version, Python's, and when the code
    that reads and checks a plan was last changed (an editable install changes without a new
    version)."""
    global _PROGRAM
    if _PROGRAM is None:
        from .. import __version__

        here = Path(__file__).parent
        # What reads, checks and packs a plan (and looks up its newest change).
        code = [
            here.parent / name for name in ("model.py", "validate.py", "periods.py", "trace.py")
        ]
        code += [here / "plan_file.py", here / "cache.py"]
        stamps = tuple(os.stat(path).st_mtime_ns for path in code if path.exists())
        _PROGRAM = (FORMAT, __version__, sys.version_info[:2], stamps)
    return _PROGRAM


def recall(real: Path, raw: bytes, st: os.stat_result) -> Plan | None:
    """The plan stored for these bytes of this file, or None."""
    entry = _entry(real)
    if entry is None:
        return None
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    import pickle

    from ..collector import paused

    try:
        with paused():  # unpickling with the collector on took about 4x as long
            key, packed = pickle.loads(data)
            if key != _key(real, raw, st):
                return None
            from ..model import Plan

            return Plan.unpacked(packed)
    except Exception:  # a cache entry that is not what we wrote: ignored
        return None


def remember(real: Path, raw: bytes, st: os.stat_result, plan: Plan, share: bool = True) -> None:
    """Store ``plan`` for these bytes of this file; any failure is ignored (the cache is only
    ever a shortcut). ``share``: make equal keys, short texts and dates one object first
    (``_shared``); a plan loaded from the cache has them so already, and pickle keeps an
    object met twice once."""
    entry = _entry(real)
    if entry is None:
        return
    import pickle

    from ..collector import paused

    try:
        with paused():  # the shared copy is new objects and no garbage
            packed = _shared(plan.packed()) if share else plan.packed()
            data = pickle.dumps((_key(real, raw, st), packed), protocol=pickle.HIGHEST_PROTOCOL)
        del packed
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Its own temp name, not tempfile's: the plan's writer alone makes those (a test of the
        # store counts them), and an entry needs no more than a name no other writer has.
        tmp = entry.parent / f".{entry.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, entry)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except (OSError, RecursionError, pickle.PicklingError):
        return


# Texts at most this long are shared when stored: keys, statuses, names, units.
_SHORT = 24


def _shared(value: Any) -> Any:
    """A copy of plain values in which equal keys, short texts and dates are one object each.
    A plan repeats them thousands of times (every item says ``id``, ``title``, ``status``,
    ``owner``…); pickle stores a repeated object once and loads it once, so the entry is
    smaller and loads faster, and the plan it loads takes less memory."""
    import datetime as dt

    seen: dict[Any, Any] = {}
    intern = sys.intern
    date = dt.date

    def table(value: dict[Any, Any]) -> dict[Any, Any]:
        out = {}
        for key, item in value.items():  # scalars inline: a big plan holds a million
            kind = type(item)
            if kind is str:
                if len(item) <= _SHORT:
                    item = intern(item)
            elif kind is date:
                item = seen.setdefault(item, item)
            elif kind is dict or kind is list or kind is tuple:
                item = share(item)
            out[intern(key) if type(key) is str else key] = item
        return out

    def share(value: Any) -> Any:
        kind = type(value)
        if kind is dict:
            return table(value)
        if kind is list:
            return [share(v) for v in value]
        if kind is tuple:
            return tuple(share(v) for v in value)
        if kind is str:
            return intern(value) if len(value) <= _SHORT else value
        if kind is date:
            return seen.setdefault(value, value)
        return value

    return share(value)
