"""A column headed 单位 that names the units answering for the tasks, not the measure (pure).

单位 is the 计量单位 in a 乡's 清单 (任务量 | 单位: 1.2 | 万亩), but in many a town's 台账 it is
the 责任单位: 工作任务 | 单位 | 责任人 with 交通站, 水利站、农业办. Read as the measure, the
lead unit was lost and every target in another unit kept as words alone (5公里（交通站）). Where
most of its filled cells name offices (their names end as an office's does, 站 办 所 局…), it
is the lead unit, said with how to read it as the measure after all."""

from __future__ import annotations

import re

from ..shell_words import quote
from ..texts import one_line
from .errors import Notice
from .headers import Header, bare_name
from .values import as_text

# What an office's name ends with (交通站, 党政办, 自然资源所, 县农业农村局, 便民服务中心); not
# 村, 社区 or 组, which a measure counts too (个村, 个社区).
_OFFICE_END = re.compile(
    r"(?:办|办公室|所|站|局|中心|委|委员会|院|队|科|股|室|部|处|公司|政府|街道|镇|乡|支部|党委)$"
)
# What a measure starts with where its last word could end an office's name (个处, 万个站).
_MEASURE_START = re.compile(r"^[个万亿千百十余多]")


def _office(text: str) -> bool:
    names = [name.strip() for name in re.split(r"[、，,；;/\n]", text) if name.strip()]
    return bool(names) and all(
        len(name) >= 2 and _OFFICE_END.search(name) and not _MEASURE_START.match(name)
        for name in names
    )


def units_headed_unit(header: Header) -> Notice | None:
    """Read a 单位 column that settled as the measure as the lead unit where most of its
    filled cells name offices and no other column gives the lead unit; the notice says so."""
    fields = {column.field for column in header.columns}
    for column in header.columns:
        if column.field != "measure" or column.mapped or bare_name(column.name) != "单位":
            continue
        filled = [
            text
            for row in range(header.first_data_row, len(header.sheet.rows))
            if (text := as_text(header.sheet.value(row, column.index) or "").strip())
        ]
        offices = [text for text in filled if _office(text)]
        if not offices or len(offices) * 2 <= len(filled):
            return None
        becomes = "lead_unit" if "lead_unit" not in fields else "support_units"
        if becomes in fields:
            return None  # (both named by columns of their own: it stays the measure)
        column.field, column.unit = becomes, ""
        zh_field, en_field = (
            ("牵头单位", "lead unit")
            if becomes == "lead_unit"
            else ("配合单位", "supporting units")
        )
        name = column.name.replace("\n", "")
        typed = quote(f"{name}=measure")
        first = one_line(offices[0])
        return Notice(
            f"“{name}”一列的 {len(filled)} 格中有 {len(offices)} 格写的是单位名称（如“{first}”），"
            f"读作{zh_field}，不是计量单位；如果这一列是计量单位，重新导入时加 --map {typed}。",
            f"Of the {len(filled)} filled cells of column {name!r}, {len(offices)} name offices "
            f"(such as {first!r}): read as the {en_field}, not the measure; if the column is "
            f"the measure, import again with --map {typed}.",
        )
    return None
