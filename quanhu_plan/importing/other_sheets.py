"""The sheets of a workbook beside the one imported, said: those with the same header (a
ledger per unit or per month, for ``--sheet 全部``), the others by name for ``--sheet``, and
those with no task table (填报说明) as such. Pure: sheets in, a notice out."""

from __future__ import annotations

from .errors import Notice
from .headers import Header, sheet_header
from .sheets import Sheet


def other_sheets(header: Header, sheets: list[Sheet], maps: dict[str, str]) -> Notice | None:
    """What to say of the workbook's other sheets holding anything; None where there are none."""
    others = [s for s in sheets if s is not header.sheet and _has_values(s)]
    if not others:
        return None
    alike = [s.name for s in others if not s.hidden and _alike(header, s, maps)]
    said = _other_sheets(header.sheet.name, [s.name for s in others], alike)
    return _with_no_tables(said, [s for s in others if s.name not in alike], maps)


def _alike(header: Header, sheet: Sheet, maps: dict[str, str]) -> bool:
    """Whether a sheet has a header naming the same fields (a sheet per unit, or per month)."""
    other = sheet_header(sheet, maps)
    if other is None:
        return False
    return {c.field for c in other.columns} == {c.field for c in header.columns}


def _with_no_tables(said: Notice, others: list[Sheet], maps: dict[str, str]) -> Notice:
    """The other sheets' notice, and which of them hold no task table (填报说明, a sheet of
    notes): nothing for --sheet to import."""
    plain = [s.name for s in others if sheet_header(s, maps) is None]
    if not plain:
        return said
    zh = "、".join(f"“{n}”" for n in plain)
    en = ", ".join(repr(n) for n in plain)
    return Notice(
        f"{said.zh}其中 {zh} 没有认得出的表头，不是任务表（如填报说明），不必导入。",
        f"{said.en} Of those, {en} {'has' if len(plain) == 1 else 'have'} no header the tool "
        "recognises: no task table (notes, say), nothing to import.",
    )


def _has_values(sheet: Sheet) -> bool:
    return any(v is not None for row in sheet.rows for v in row)


def _other_sheets(used: str, others: list[str], alike: list[str]) -> Notice:
    zh_list = "、".join(f"“{n}”" for n in others)
    en_list = ", ".join(repr(n) for n in others)
    if not alike:
        return Notice(
            f"只导入了工作表“{used}”；工作簿中还有 {zh_list}，需要时用 --sheet 指定另行导入。",
            f"Only sheet {used!r} was imported; the workbook also has {en_list}: import one "
            "with --sheet if it is wanted.",
        )
    zh_alike = "、".join(f"“{n}”" for n in alike)
    en_alike = ", ".join(repr(n) for n in alike)
    return Notice(
        f"只导入了工作表“{used}”；工作簿中还有 {zh_list}。其中 {zh_alike} 的表头与“{used}”相同"
        "（如各单位或各月的台账）：要把它们一起导入，重新导入时加 --sheet 全部（每个工作表成为"
        "计划的一部分）；只要其中一个，用 --sheet 工作表名。",
        f"Only sheet {used!r} was imported; the workbook also has {en_list}. Of those, "
        f"{en_alike} have the same header as {used!r} (a ledger per unit or per month, say): to "
        "import them all, import again with --sheet all (each sheet becomes a part of the "
        "plan); for one of them, --sheet with its name.",
    )
