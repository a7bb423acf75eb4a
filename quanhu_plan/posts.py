"""Posts named in a plan's 责任领导: a deputy's post (副乡长) is not its principal's (乡长), nor
is a longer post that starts with it (镇长助理, 主任科员) the post itself."""

from __future__ import annotations

DEPUTY = "副"
# An English plan's deputies (Deputy Mayor, Vice-Mayor, Assistant Mayor), as ``names.name_key``
# writes them.
_DEPUTIES_EN = ("deputy ", "deputy-", "vice ", "vice-", "assistant ", "assistant to the ")
# What a post ends in (镇长, 党委书记, 人大主任 …), and what after one makes another post: the
# 镇长助理 assists the 镇长, a 四级主任科员 is a rank, not a 主任, a 书记员 is a clerk.
_POST_ENDS = ("长", "书记", "主任", "主席", "委员", "mayor", "secretary", "director", "chief")
_LONGER = ("助理", "科员", "员", "秘书", " assistant", "'s assistant", "’s assistant")


def other_post_only(fragment: str, name: str) -> bool:
    """Whether ``fragment`` is part of ``name`` only as part of another post: after a 副 (乡长
    in 副乡长 or 常务副乡长, 书记 in 党委副书记 — a deputy, not the 乡长 or 书记 looked for; in
    English after Deputy, Vice or Assistant), or as the start of a longer post (镇长 in 镇长助理,
    主任 in 四级主任科员). A fragment that starts with 副 (or Deputy, Vice) itself is looked for
    as typed before it. Both as ``names.name_key`` writes them."""
    if not fragment:
        return False
    at = name.find(fragment)
    if at == -1:
        return False
    deputy = not fragment.startswith((DEPUTY, *_DEPUTIES_EN))
    longer = fragment.endswith(_POST_ENDS)
    if not deputy and not longer:
        return False
    while at != -1:
        before, after = name[:at], name[at + len(fragment) :]
        if not (
            (deputy and (before.endswith(DEPUTY) or before.endswith(_DEPUTIES_EN)))
            or (longer and after.startswith(_LONGER))
        ):
            return False
        at = name.find(fragment, at + 1)
    return True
