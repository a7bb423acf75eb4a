"""What ``plan county --key`` (or --status, --pace) says where no plan has an item picked: the
towns counted (a few named), and, for a key, the keys the plans do have, the close ones first."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..controls import LONGEST_TYPED, typed_quoted, typed_shown, typed_start
from ..shell_words import quote
from .words import _kinds_named, _tasks_named_en, ended_said

if TYPE_CHECKING:
    from .view import County

# Towns and keys named before the rest are counted (…等 24 个单位): 27 towns named ran to nine
# lines at 80 columns, the table they stood in for being the county's whole list.
NAMED = 3
KEYS_NAMED = 5


def picked_none(county: County) -> str:
    """Said instead of the table where no plan has an item picked (--key, --status, --pace):
    none of the towns has one (an empty table read as one that failed to fill), a few named
    and the rest counted, with the command that lists them all; for a key, the keys the plans
    have (a key mistyped: NOPE for NOPE-1), the close ones first."""
    kinds, key = _kinds_named(county), county.key
    typed_key = key or ""  # (as typed, for the close keys; ``key`` as said)
    if key is not None and (len(key) > LONGEST_TYPED or not key.isprintable()):
        # a title pasted as a key: its start; a line break or a tab: escaped, on one line
        key = typed_shown(key) if county.lang == "zh" else typed_quoted(key)
    day = county.day.isoformat() + ended_said(county)
    names = [row.name for row in county.read]
    rest = len(names) - NAMED if len(names) > NAMED + 1 else 0  # (not "and 1 more")
    if county.lang == "zh":
        if len(names) == 1:
            towns = names[0]
        elif rest > 0:  # (等 N 个: all of them, as Chinese counts)
            towns = f"{'、'.join(names[:NAMED])}等 {len(names)} 个单位"
        else:
            towns = f"{len(names)} 个单位（{'、'.join(names)}）"
        if key is not None and not kinds:
            towns += "的计划中"
        towns += "都" if len(names) > 1 else ""
        every = "不带 --key 运行 plan county 可列出全部单位。" if rest > 0 else ""
        if key is None:
            every = every.replace("--key", "--status、--pace")
            return f"截至 {day}，{towns}没有{kinds}的任务。{every}"
        said = f"截至 {day}，{towns}没有{kinds + '的' if kinds else ''}县级任务 {key}。"
        return (
            said
            + (_each_key_said(county, typed_key, "zh") or _keys_said(county, typed_key, "zh"))
            + every
        )
    if len(names) == 1:
        towns, has = names[0], "has no"
    elif rest > 0:
        shown = ", ".join(names[:NAMED])
        towns, has = f"none of the {len(names)} plans ({shown} and {rest} more)", "has a"
    else:
        towns, has = f"none of the {len(names)} plans ({', '.join(names)})", "has a"
    every = " plan county without --key lists every plan." if rest > 0 else ""
    if key is None:
        every = every.replace("--key", "--status or --pace")
        return f"As of {day}, {towns} {has} {_tasks_named_en(county, 'task')}.{every}"
    only = f" ({kinds} only)" if kinds else ""
    said = f"As of {day}, {towns} {'has no' if len(names) == 1 else 'has'} county task {key}{only}."
    return (
        said
        + (_each_key_said(county, typed_key, "en") or _keys_said(county, typed_key, "en"))
        + every
    )


# What may stand between several keys typed as one --key (县-1、县-2; one a line, pasted from a
# column of the table).
_KEY_SEPARATORS = re.compile(r"[、，,；;\n\r\t]+")


def _each_key_said(county: County, key: str, lang: str) -> str:
    """Where ``key`` is several of the plans' keys typed as one (县-1、县-2, or one a line): that
    --key takes one, and the command for each. Empty for any other key."""
    from ..inputs import same_key

    parts = [part.strip() for part in _KEY_SEPARATORS.split(key) if part.strip()]
    if len(parts) < 2:
        return ""
    known = {same_key(found) for row in county.read for found in row.keys}
    if not any(same_key(part) in known for part in parts):
        return ""
    commands = [f"plan county … --key {quote(part)}" for part in parts[:KEYS_NAMED]]
    if lang == "zh":
        return f"--key 一次查一个县级任务编号，请分别查：{'；'.join(commands)}。"
    return f" --key takes one county key at a time: {'; '.join(commands)}."


def _keys_said(county: County, key: str, lang: str) -> str:
    """The county keys the plans have, the closest to ``key`` first (县-12 for 县12), a few
    named and the rest counted; empty where they have none."""
    keys = list(dict.fromkeys(found for row in county.read for found in row.keys))
    if not keys:
        return ""
    wanted = key.casefold()
    keys.sort(key=lambda found: -SequenceMatcher(None, wanted, found.casefold()).ratio())
    shown = [_key_shown(found, lang) for found in keys[:KEYS_NAMED]]
    rest = len(keys) - KEYS_NAMED
    if lang == "zh":
        more = f"等 {len(keys)} 项" if rest > 0 else ""
        return f"计划中有的县级任务编号：{'、'.join(shown)}{more}。"
    more = f" and {rest} more" if rest > 0 else ""
    return f" The keys the plans have: {', '.join(shown)}{more}."


def _key_shown(key: str, lang: str) -> str:
    """A key of the plans' as the sentence names it: one longer than ``LONGEST_TYPED`` (a title
    pasted into the 县级编号 column) by its first 40 and how long it is, as a key typed is
    (a 3,000-character one ran to some 80 lines); one holding the list's own separator (县-3、
    县-4) in quotes, so it does not read as two."""
    if len(key) <= LONGEST_TYPED:
        if _KEY_SEPARATORS.search(key) or not key.isprintable():
            return f"“{typed_shown(key)}”" if lang == "zh" else typed_quoted(key)
        return key
    if lang == "zh":
        return f"{typed_start(key)}…（共 {len(key):,} 字）"
    return f"{typed_start(key)}… ({len(key):,} characters)"
