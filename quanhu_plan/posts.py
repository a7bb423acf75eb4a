"""Posts named in a plan's 责任领导: a deputy's post (副乡长) is not its principal's (乡长)."""

from __future__ import annotations

DEPUTY = "副"
# An English plan's deputies (Deputy Mayor, Vice-Mayor), as ``model.name_key`` writes them.
_DEPUTIES_EN = ("deputy ", "deputy-", "vice ", "vice-")


def deputy_only(fragment: str, name: str) -> bool:
    """Whether ``fragment`` is part of ``name`` only as the post after a 副: 乡长 in 副乡长 or
    常务副乡长, 书记 in 党委副书记 — a deputy, not the 乡长 or 书记 looked for; in English after
    Deputy or Vice (mayor in deputy mayor, vice-mayor). A fragment that starts with 副 (or
    Deputy, Vice) itself is looked for as typed. Both as ``model.name_key`` writes them."""
    if not fragment or fragment.startswith((DEPUTY, *_DEPUTIES_EN)):
        return False
    at = name.find(fragment)
    if at == -1:
        return False
    while at != -1:
        before = name[:at]
        if not (before.endswith(DEPUTY) or before.endswith(_DEPUTIES_EN)):
            return False
        at = name.find(fragment, at + 1)
    return True
