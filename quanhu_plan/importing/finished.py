"""Words of a 完成情况 cell that speak of a task finished inside more words (pure): 主体已完工，
正在装修; 已竣工验收并投入使用. Not read as a status (it may be a part done, or 已完成招标, a step
of it), but said, for the office to tick the task off itself where it is done."""

from __future__ import annotations

import re

_FINISHED: re.Pattern[str] | None = None
# A step not yet made (尚未竣工验收, 待竣工验收, 准备投入使用): no word of completion.
_NOT_YET: re.Pattern[str] | None = None


def says_finished(text: str) -> bool:
    """Whether ``text`` speaks of completion: 已完成, 已完工, 已竣工, 已建成, 已办结, 竣工验收,
    投入使用 (not 未投入使用, 尚未竣工验收, 待竣工验收)."""
    global _FINISHED, _NOT_YET
    if _FINISHED is None or _NOT_YET is None:  # compiled at first use, not at import
        _FINISHED = re.compile(
            r"已(?:全部|全面)?(?:完成|完工|竣工|建成|办结)|竣工验收|(?:投入|交付)使用"
        )
        _NOT_YET = re.compile(
            r"(?:未|没有?|待|准备|即将|正在|计划)(?:进行|组织)?(?:竣工验收|(?:投入|交付)使用)"
        )
    return _FINISHED.search(_NOT_YET.sub("", text)) is not None
