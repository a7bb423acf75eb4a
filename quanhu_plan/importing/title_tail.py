"""Who answers for a task, and by when, written at the end of its title as a 工作要点 pasted
into a table has them (pure): 新建高标准农田2000亩（责任单位：农业办；完成时限：6月底前）, or
…500亩。责任单位：林业站；完成时限：年底前. The labels are the headers of those columns
(headers.NAMES), so each part is read as that column's cell would be."""

from __future__ import annotations

import re
from functools import cache

from .headers import NAMES

# The columns a 工作要点 names at the end of a task; a label the table's columns also know.
TAIL_FIELDS = ("lead", "lead_unit", "support_units", "owner", "due", "start")
# A part with no label is kept only where it is a deadline as such lines write it
# (（责任单位：民政办；常态化开展）): the reader of the 完成时限 column reads it.
UNLABELLED_DEADLINE = "完成时限"


@cache
def _labels() -> tuple[dict[str, str], re.Pattern[str]]:
    by_label = {
        name: field
        for field in TAIL_FIELDS
        for name in NAMES[field]
        if not name.isascii()  # 责任单位, not "owner": an English title's words stay its own
    }
    alternatives = "|".join(sorted(map(re.escape, by_label), key=len, reverse=True))
    return by_label, re.compile(rf"({alternatives})\s*[:：]")


def labelled_tail(title: str) -> tuple[str, list[tuple[str, str, str]]] | None:
    """The title without its labelled tail ("" where the title is nothing else), and the
    tail's parts as (label, field, text); None where the title ends in no such tail, or in one
    with a part neither labelled nor a deadline's words (the title is then left as written)."""
    from .dates import read_text
    from .errors import CellUnreadable

    by_label, label = _labels()
    bracket = re.search(r"[（(]([^（）()]*)[）)][\s。；;.]*$", title)
    if bracket and label.match(bracket.group(1).strip()):
        head, body = title[: bracket.start()], bracket.group(1).strip()
    else:
        # After the task's last sentence: …500亩。责任单位：林业站；完成时限：年底前
        after = re.search(rf"(?<=[。；;，,\s])(?:{label.pattern})", title)
        if after is None:
            return None
        head, body = title[: after.start()], title[after.start() :]
        if len(re.findall(r"[（(]", head)) > len(re.findall(r"[）)]", head)):
            return (
                None  # inside a bracket opened by words of no label (（联络员：李四；牵头单位：…）)
            )
    head = head.rstrip(" ，,；;")
    pieces = label.split(body)  # ["", label, text, label, text…]
    parts: list[tuple[str, str, str]] = []
    for name, text in zip(pieces[1::2], pieces[2::2], strict=True):
        own, *rest = re.split(r"[；;]", text)
        own = own.strip(" ，,。.")
        if not own:
            return None
        parts.append((name, by_label[name], own))
        for extra in (piece.strip(" ，,。.") for piece in rest):
            if not extra:
                continue
            try:  # 常态化开展, 年底前完成: a deadline without its label
                read_text(re.sub(r"完成$", "", extra), 2000)
            except CellUnreadable:
                return None
            if any(field == "due" for _, field, _ in parts):
                return None  # two deadlines: not guessed
            parts.append((UNLABELLED_DEADLINE, "due", re.sub(r"完成$", "", extra)))
    return head, parts
