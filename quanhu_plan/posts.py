"""Posts named in a plan's 责任领导: a deputy's post (副乡长) is not its principal's (乡长)."""

from __future__ import annotations

DEPUTY = "副"


def deputy_only(fragment: str, name: str) -> bool:
    """Whether ``fragment`` is part of ``name`` only as the post after a 副: 乡长 in 副乡长 or
    常务副乡长, 书记 in 党委副书记 — a deputy, not the 乡长 or 书记 looked for. A fragment that
    starts with 副 itself (副乡长) is looked for as typed. Both as ``model.name_key`` writes
    them."""
    if not fragment or fragment.startswith(DEPUTY):
        return False
    at = name.find(fragment)
    if at == -1:
        return False
    while at != -1:
        if at == 0 or name[at - 1] != DEPUTY:
            return False
        at = name.find(fragment, at + 1)
    return True
