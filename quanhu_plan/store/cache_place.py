"""Where the parse cache is (``folder``) and where a plan file's entry is in it
(``entry_place``): what a run asks before it loads the cache itself (``read_ahead``, as the
program starts). See ``cache`` for what an entry holds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_ENV = "QUANHU_PLAN_CACHE"


def folder() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        if chosen.strip().lower() in ("", "0", "off", "no"):
            return None
        chosen = os.path.expanduser(chosen)
        # A relative path is taken from wherever plan runs, the plan's folder mostly, where
        # the cache would go into git or a mail: ignored, as the XDG spec has its variables'.
        if os.path.isabs(chosen):
            return Path(chosen)
    if sys.platform == "win32":  # pragma: no cover - office PCs run Windows; CI runs Linux
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "quanhu-plan" / "cache" if base else None
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "quanhu-plan"
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # relative: ignored, as the XDG spec says (else beside the plan)
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no HOME nor user entry (docker run --user 12345): no cache
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "quanhu-plan"


def entry_place(real: Path) -> Path | None:
    """Where the entry of the plan file at ``real`` (its real path) is; None: no cache folder."""
    where = folder()
    if where is None or _the_plans_folder(where, real.parent):
        # QUANHU_PLAN_CACHE set to the plan's own folder: its entries (a copy of the plan's
        # text among them) went beside the plan, for git add . to commit. No cache there.
        return None
    import zlib

    name = f"{zlib.crc32(os.fsencode(real)):08x}-{len(os.fsencode(real))}-{real.name}"[:120]
    # At most 120 bytes, not characters (a Chinese one takes three): with a temp file's
    # suffix (``cache_files.remove_stale_temps``) the name stays within the 255 bytes a file
    # name may have.
    while len(os.fsencode(name)) > 120:
        name = name[:-1]
    return where / (name + ".pickle")


def _the_plans_folder(where: Path, plans: Path) -> bool:
    """Whether the cache folder is the plan's own (``plans``: a real path), named as it is or
    another way (``/plans/sub/..``, a link to it: two stats, for a folder set by hand only),
    or is made in it: ``XDG_CACHE_HOME`` set to the plan's folder (``$PWD`` in a script or a
    container) put ``quanhu-plan/`` beside the plan, for git add . to commit."""
    if os.path.normcase(where) == os.path.normcase(plans):
        return True
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None and os.path.isabs(os.path.expanduser(chosen)):  # (set by hand)
        return _same_folder(where, plans)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if sys.platform in ("win32", "darwin") or not os.path.isabs(base):
        return False  # (the user's cache folder is no plan's)
    home = where.parent
    return os.path.normcase(home) == os.path.normcase(plans) or _same_folder(home, plans)


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):  # (none yet, or a name no file can have)
        return False
