"""Telephone numbers written in a 责任单位 or 责任人 cell (pure): 木李镇经济发展办公室 with
0533-6715628 on the line under it, 张三（13912345678）. They are no unit nor person: taken out
of the names and kept as the task's 联系电话, as a column of that name would be."""

from __future__ import annotations

import re
from functools import cache

# Where the numbers are kept: the header offices give such a column.
TELEPHONE_KEY = "联系电话"


@cache
def _telephone() -> re.Pattern[str]:
    # A label (电话：, Tel:) perhaps; a landline with its area code (0533-6715628,
    # (0533)6715628) or a mobile number (13912345678), not part of a longer figure.
    return re.compile(
        r"(?:(?:联系|办公)?电话|手机|tel\.?)?\s*[:：]?\s*"
        r"(?<![\d.])([(（]?0\d{2,3}[)）]?[-—－–\s]?\d{7,8}(?:-\d{1,4})?|1[3-9]\d{9})(?![\d.])",
        re.IGNORECASE,
    )


def take_telephones(text: str) -> tuple[str, list[str]]:
    """The text without the telephone numbers it holds (an empty bracket they leave gone), and
    the numbers as written; the text unchanged and [] where it holds none."""
    # (the names around them stay as written: 服务中心（农业股） keeps its brackets)
    found = [match.group(1).strip() for match in _telephone().finditer(text)]
    if not found:
        return text, []
    rest = _telephone().sub("", text)
    rest = re.sub(r"[(（]\s*[)）]", "", rest)
    return rest, found
