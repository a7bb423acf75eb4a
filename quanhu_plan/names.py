"""Names of who answers for a task, as a document writes them: several in one cell
(党政办、综治办; 党政办/综治办), one person however its characters came to be written
(``name_key``), and whether a typed fragment names someone. Pure: no I/O."""

from __future__ import annotations

import re

# How a document lists several units or people in one cell: 、，, ；; or a line break (not a
# space: "县 农业局"), brackets holding one name.
_OPENING, _CLOSING = "（([【《“", "）)]】》”"
_NAME_SEPARATORS = "、，,；;\n"
# Every separator as a line break, which is one: the text splits at each (no pattern needed).
_AS_LINE_BREAKS = str.maketrans(dict.fromkeys(_NAME_SEPARATORS, "\n"))


# A leader named by a membership before the post (党委委员、副镇长; 党工委委员、组织委员): one
# person, whom the 、 between the two does not make two.
_MEMBERSHIP = r"(?:党委|党工委|党组)(?:委员|成员)$"


def split_names(text: str) -> list[str]:
    """The names a text gives: separated by 、，, ；; or a line break, but not inside brackets
    ("镇农业综合服务中心（农业股、水利站）" is one name), nor after a membership that the post
    after it goes with ("党工委委员、组织委员" is one person); a name of nothing to see (a
    zero-width space alone, pasted from WeChat) is none."""
    if not text.isprintable():  # a name of nothing to see (a zero-width space) names nobody
        return [name for name in _split_names(text) if name_key(name)]
    return _split_names(text)


# 党政办/综治办, 经发办／财政所: two units, as a 台账's 牵头单位 joins them; a slash between
# Latin words (Transport office/Police) or a figure (1/2) is left as written.
_SLASH_BETWEEN_NAMES = r"(?<=[^\x00-\x7f])\s*([/／])\s*(?=[^\x00-\x7f/／])"


def _split_names(text: str) -> list[str]:
    if not any(bracket in text for bracket in _OPENING):  # the common case, for every task
        if "/" in text or "／" in text:
            text = re.sub(_SLASH_BETWEEN_NAMES, "、", text)
            split = _without_slashes(text.translate(_AS_LINE_BREAKS).split("\n"))
        else:
            split = [
                name.strip() for name in text.translate(_AS_LINE_BREAKS).split("\n") if name.strip()
            ]
        return _with_posts(text, split) if "员" in text else split
    found: list[str] = []
    current: list[str] = []
    depth = 0
    slashes = {found.start(1) for found in re.finditer(_SLASH_BETWEEN_NAMES, text)}
    for at, ch in enumerate(text):
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth = max(0, depth - 1)
        if (ch in _NAME_SEPARATORS or at in slashes) and depth == 0:
            found.append("".join(current))
            current = []
        else:
            current.append(ch)
    found.append("".join(current))
    return _with_posts(text, _without_slashes(found))


def _without_slashes(names: list[str]) -> list[str]:
    """The names, each without the slash a cell left at its end or start (综治办/ where the
    second unit of 综治办/司法所 was deleted, ／司法所 where the first was): no part of a name,
    and 综治办/ beside 综治办 would be two units."""
    bare = (name.strip().strip("/／").strip() for name in names)
    return [name for name in bare if name]


def _with_posts(text: str, names: list[str]) -> list[str]:
    """``names`` with a membership joined to the post after it where the text joins them by
    、 (党委委员、副镇长), not where it lists people (党委委员；副镇长 stays two)."""
    joined: list[str] = []
    for name in names:
        if joined and re.search(_MEMBERSHIP, joined[-1]) and f"{joined[-1]}、{name}" in text:
            joined[-1] = f"{joined[-1]}、{name}"
        else:
            joined.append(name)
    return joined


def answers_as(fragment: str, name: str) -> bool:
    """Whether ``fragment`` names who ``name`` is (``names_match``), another post not being the
    one typed: 乡长 finds 乡长, not 副乡长; 镇长 not 镇长助理 (``posts.other_post_only``)."""
    from .posts import other_post_only

    typed, written = name_key(fragment), name_key(name)
    return typed in written and not other_post_only(typed, written)


def names_match(fragment: str, name: str) -> bool:
    """Whether ``fragment`` is part of ``name``, however the characters of either were written
    (``name_key``)."""
    return name_key(fragment) in name_key(name)


_NAME_KEYS: dict[str, str] = {}


def name_key(name: str) -> str:
    """A name as it is compared with another: one person or unit however its characters came to
    be written, as they look the same on screen: composed or decomposed (José, Jose + U+0301),
    full-width letters from the input method (ＡＢＣ办), a zero-width space, joiner or bidi mark
    pasted in from a web page or WeChat (张\u200b三), a space between two Chinese characters
    (王　五, 规划\xa0办), Latin letters in either case."""
    key = _NAME_KEYS.get(name)
    if key is None:
        if name.isascii():
            key = name.strip().lower()
        else:
            import unicodedata

            composed = unicodedata.normalize("NFKC", name)
            key = "".join(c for c in composed if unicodedata.category(c) != "Cf")
            key = key.strip().casefold()
            if " " in key:  # (NFKC makes 　 and a non-breaking space one)
                key = _han_spaces_dropped(key)
        if len(_NAME_KEYS) < 4096:
            _NAME_KEYS[name] = key
    return key


def _han_spaces_dropped(key: str) -> str:
    """A name without the spaces between two Chinese characters: 王　五 (a two-character name
    spaced to line up with three-character ones), 规划 办 (a non-breaking space pasted from
    Word) are 王五 and 规划办 as typed; spaces between words of other scripts stay (one)."""
    parts: list[str] = []
    for part in key.split(" "):
        if not part:
            continue
        if parts and "\u4e00" <= parts[-1][-1] <= "\u9fff" and "\u4e00" <= part[0] <= "\u9fff":
            parts[-1] += part
        else:
            parts.append(part)
    return " ".join(parts)
