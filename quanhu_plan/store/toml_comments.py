"""The hand-written ``#`` comments of a plan's TOML text: whether it has any, and which, for a
change that must rewrite the file whole (and so cannot keep them) to say so."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import CommentsWillBeLost

# Strings are matched whole, so a # inside one is skipped; a # matched on its own is a comment.
# (Compiled when first used.)
_STRING_OR_COMMENT = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:"{0,2})'
    r"|'''(?:[^']|'(?!''))*'''(?:'{0,2})"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#"
)


def _comment_starts(text: str) -> Iterator[int]:
    """Where each ``#`` comment of TOML text (text that parses) starts."""
    if "#" in text:
        for match in re.finditer(_STRING_OR_COMMENT, text, re.DOTALL):
            if match.group() == "#":
                yield match.start()


def has_comments(text: str) -> bool:
    """Whether TOML text (text that parses) has a ``#`` comment."""
    return next(_comment_starts(text), None) is not None


def comment_lines(text: str) -> list[int]:
    """The numbers (from 1) of the lines of TOML text (text that parses) with a ``#`` comment,
    for a message that sends the user to look at them."""
    lines, line, counted = [], 1, 0
    for start in _comment_starts(text):
        line += text.count("\n", counted, start)
        counted = start
        lines.append(line)
    return lines


def comments(text: str) -> list[str]:
    """The ``#`` comments of TOML text (text that parses), each from its ``#`` to the end of
    its line, spaces at the end left out."""
    found = []
    for start in _comment_starts(text):
        end = text.find("\n", start)
        found.append(text[start : end if end >= 0 else len(text)].rstrip())
    return found


def comment_notice(text: str, label: str) -> list[CommentsWillBeLost]:
    """A change that rewrote a file with comments whole says that they were not kept."""
    return [CommentsWillBeLost(label)] if has_comments(text) else []


def items_around_comments(text: str) -> set[str]:
    """The ids of the ``[[item]]`` tables, live or archived (``[[removed.item]]``), the
    comments of a plan's text are in or right above (a comment typed over a table's header
    goes with it)."""
    return {item_id for _, ids in comments_and_items(text) for item_id in ids}


def comments_and_items(text: str) -> list[tuple[str, set[str]]]:
    """Each ``#`` comment of a plan's text (as ``comments`` says it), with the ids of the item
    tables, live or archived, it is in or right above (none: outside every item's table)."""
    import re
    from bisect import bisect_right

    headers = [
        (m.start(), re.sub(r"[ \t]", "", m.group(1)))
        for m in re.finditer(
            r"(?m)^[ \t]*\[\[[ \t]*(item|removed(?:[ \t]*\.[ \t]*item)?)[ \t]*\]\]", text
        )
    ]
    starts = [start for start, _ in headers]
    ids: list[str | None] = []
    for n, (start, kind) in enumerate(headers):
        stop = starts[n + 1] if n + 1 < len(starts) else len(text)
        found = re.compile(r'(?m)^[ \t]*id[ \t]*=[ \t]*"([^"\n]*)"').search(text, start, stop)
        ids.append(found.group(1) if kind in ("item", "removed.item") and found else None)
    out: list[tuple[str, set[str]]] = []
    for start in _comment_starts(text):
        n = bisect_right(starts, start)
        end = text.find("\n", start)
        said = text[start : end if end >= 0 else len(text)].rstrip()
        near = ids[max(n - 1, 0) : n + 1] if n else ids[:1]
        out.append((said, {item_id for item_id in near if item_id is not None}))
    return out
