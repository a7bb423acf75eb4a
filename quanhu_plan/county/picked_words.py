"""What ``plan county --key`` (or --status, --pace) says where no plan has an item picked: the
towns counted (a few named), and, for a key, the keys the plans do have, the close ones first."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..controls import LONGEST_TYPED, typed_quoted, typed_shown, typed_start
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
    if key is not None and len(key) > LONGEST_TYPED:  # (a title pasted as a key: its start)
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
        return said + _keys_said(county, typed_key, "zh") + every
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
    return said + _keys_said(county, typed_key, "en") + every


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
    (a 3,000-character one ran to some 80 lines)."""
    if len(key) <= LONGEST_TYPED:
        return key
    if lang == "zh":
        return f"{typed_start(key)}…（共 {len(key):,} 字）"
    return f"{typed_start(key)}… ({len(key):,} characters)"
