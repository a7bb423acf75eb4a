"""Words of a 完成情况 cell that speak of a task finished inside more words (pure): 主体已完工，
正在装修; 已竣工验收并投入使用. Not read as a status (it may be a part done), but said, for the office
to tick the task off itself where it is done; 已完成招标, 已完成投资3000万元 (a step, a share) are
not such words."""

from __future__ import annotations

import re

_FINISHED: re.Pattern[str] | None = None
# A step not yet made (尚未竣工验收, 待竣工验收, 准备投入使用): no word of completion.
_NOT_YET: re.Pattern[str] | None = None


# What 已完成 is of where it is a step or a share, not the task (已完成招标, 已完成投资3000万元,
# 已完成前期工作, 已完成60%, 已完成年度任务的80%): no hint to tick the task off.
_STEPS = (
    "招标|投资|前期|设计|立项|主体|选址|可研|征地|规划|方案|初稿|初步|评审|备案|审批|审查|报批|"
    "勘察|勘测|测绘|清表|拆迁|签约|摸底|调查|调研|部分|第|总工程量|工程量|形象进度|进度"
)
_SHARE = r"[^，。；,;\n]*?[0-9０-９]+(?:[.．][0-9０-９]+)?\s*[%％成]"


def says_finished(text: str) -> bool:
    """Whether ``text`` speaks of completion: 已完成, 已完工, 已竣工, 已建成, 已办结, 已投产, 已通车,
    已投用, 竣工验收, 投入使用, 投入运营 (not 未投入使用, 尚未竣工验收, 待竣工验收); not 已完成
    of a step or a share (已完成招标, 已完成投资, 已完成60%)."""
    global _FINISHED, _NOT_YET
    if _FINISHED is None or _NOT_YET is None:  # compiled at first use, not at import
        _FINISHED = re.compile(
            rf"已(?:全部|全面)?完成(?!{_STEPS}|{_SHARE}|[0-9０-９一二三四五六七八九十百千万])"
            r"|已(?:全部|全面)?(?:完工|竣工|建成|办结|投产|通车|投用)|竣工验收"
            r"|(?<![未没])(?:投入|交付)使用|(?<![未没])投入运营"
        )
        _NOT_YET = re.compile(
            r"(?:未|没有?|待|准备|即将|正在|计划)(?:进行|组织)?(?:竣工验收|(?:投入|交付)使用|投入运营)"
        )
    return _FINISHED.search(_NOT_YET.sub("", text)) is not None
