"""A workbook read whole (``plan import --sheet 全部``): a 工作台账 kept as one sheet per unit (or
per month), each sheet with the same kind of header. Every shown sheet with a header becomes a
part of the plan, named after its sheet, with the sheet's items under it; a sheet without a
牵头单位 column gives its name as the part's unit, for that is what the sheet says. Cells that
cannot be read are reported together, from every sheet (pure, as ``build``)."""

from __future__ import annotations

import re
from typing import Any

from ..model import WEIGHT_HEADER
from .build import OFFICE_KEY, ImportResult, Options, build_sheet, file_title, import_sheets
from .errors import BadCells, CellProblem, NoRows, Notice, UnknownMapColumn, address_order
from .headers import find_header, normalise, settle, sheet_header
from .sheets import Sheet

# What --sheet says for every sheet (a sheet of that very name is read as named).
EVERY_SHEET = {normalise(word) for word in ("全部", "所有", "全部工作表", "all", "*")}
# Sheet names that name no unit: Sheet1, 工作表2, 表3, 1月, 附件1.
_GENERIC = re.compile(r"(?i)(?:sheet|工作表|表|附件|附表)\s*\d*|.*\d+\s*月份?|\d+")


def import_every_sheet(
    path: str,
    sheets: list[Sheet],
    maps: dict[str, str],
    options: Options,
    hidden: list[Sheet] | None = None,
) -> ImportResult:
    """``sheets``: the shown sheets; ``hidden``: the hidden ones, not read but named where they
    hold a table, as are the shown sheets holding a table without a header (nothing is
    dropped silently)."""
    tables = [(sheet, sheet_header(sheet, maps)) for sheet in sheets]
    found = [(sheet, header) for sheet, header in tables if header is not None]
    if not found:
        find_header(path, sheets, maps)  # raises NoHeader, saying what each sheet holds
    unread = _unread_sheets(
        [s.name for s, header in tables if header is None and _tabular(s)],
        [s.name for s in hidden or [] if _tabular(s)],
    )
    if len(found) == 1:
        one = import_sheets(path, [found[0][0]], maps, options.for_sheet(found[0][0].name))
        one.notices += unread
        return one
    unknown: dict[str, int] = {}
    for _, header in found:
        missing: set[str] = set()
        settle(path, header, maps, missing)
        for typed in missing:
            unknown[typed] = unknown.get(typed, 0) + 1
    for typed, count in unknown.items():
        if count == len(found):
            raise UnknownMapColumn(path, typed, [c.name for c in found[0][1].columns])
    year = options.year
    guessed_year: Notice | None = None
    if year is None:
        from .above import year_in
        from .build import plan_table, this_years

        year = year_in(options.title or "") or year_in(options.file_name)
        if year is None:
            meta, _, guessed = plan_table(found[0][1], options)
            year = meta["year"]
            guessed_year = this_years(year) if guessed else None
    results: list[tuple[Sheet, bool, ImportResult]] = []
    problems: list[CellProblem] = []
    empty: list[str] = []
    for sheet, header in found:
        own = options.for_sheet(sheet.name, year)
        try:
            result = build_sheet(path, header, own, [], f"{len(results) + 1}.")
        except BadCells as bad:
            problems += bad.problems
            continue
        except NoRows:
            empty.append(sheet.name)
            continue
        results.append((sheet, "lead_unit" not in header.by_field(), result))
    if problems:
        raise BadCells(path, sorted(problems, key=lambda p: address_order(p.address)))
    if not results:
        raise NoRows(path, found[0][0].name, found[0][1].row + 1)
    joined = _joined(options, results, empty)
    if guessed_year is not None:
        joined.notices.insert(0, guessed_year)
    joined.notices += unread
    return joined


def _tabular(sheet: Sheet) -> bool:
    """Whether a sheet holds a table (two rows of two cells or more), not only lines of text
    such as a 填报说明."""
    return sum(1 for row in sheet.rows if sum(v is not None for v in row) >= 2) >= 2


def _unread_sheets(headerless: list[str], hidden: list[str]) -> list[Notice]:
    """The sheets with content that --sheet 全部 did not read, and how to read each."""
    notices: list[Notice] = []
    if headerless:
        zh = "、".join(f"“{n}”" for n in headerless)
        en = ", ".join(repr(n) for n in headerless)
        notices.append(
            Notice(
                f"工作表{zh}有内容，但没有可识别的表头，没有导入；要导入其中一个，用 --sheet "
                "工作表名（表头无法识别时加 --map 列名=title）另行导入。",
                f"Sheet(s) {en} have content but no header the tool recognises: not imported; "
                "to import one, use --sheet with its name (and --map COLUMN=title where its "
                "header is not recognised).",
            )
        )
    if hidden:
        zh = "、".join(f"“{n}”" for n in hidden)
        en = ", ".join(repr(n) for n in hidden)
        notices.append(
            Notice(
                f"工作表{zh}在工作簿中是隐藏的，没有导入；要导入其中一个，用 --sheet 工作表名"
                "另行导入。",
                f"Sheet(s) {en} are hidden in the workbook: not imported; to import one, use "
                "--sheet with its name.",
            )
        )
    return notices


def _joined(
    options: Options, results: list[tuple[Sheet, bool, ImportResult]], empty: list[str]
) -> ImportResult:
    """The sheets' plans as one, each sheet a part numbered by its place."""
    metas = [result.doc["plan"] for _, _, result in results]
    names = [sheet.name for sheet, _, _ in results]
    title = (
        options.title
        or _common(metas, "title")
        or _common_without_sheet_names(metas, names)
        or file_title(options.file_name)
    )
    plan: dict[str, Any] = {"title": title}
    organisation = _common(metas, "organisation")
    if organisation:
        plan["organisation"] = organisation
    # The office that filled each sheet in (build.OFFICE_KEY): the plan's where all say one,
    # else each part's.
    office = _common(metas, OFFICE_KEY)
    for key in ("year", "start", "end"):
        plan[key] = metas[0][key]
    plan["lang"] = "en" if all(meta["lang"] == "en" for meta in metas) else "zh"
    plan["source"] = (
        f"{options.file_name}（工作表{'、'.join(f'“{n}”' for n in names)}）"
        if plan["lang"] == "zh"
        else f"{options.file_name} (sheets {', '.join(map(repr, names))})"
    )
    if office:
        plan[OFFICE_KEY] = office
    weight_header = _common(metas, WEIGHT_HEADER)  # (build.build_sheet)
    if weight_header:
        plan[WEIGHT_HEADER] = weight_header
    items: list[dict[str, Any]] = []
    notices: list[Notice] = [
        Notice(
            f"每个表格成为计划的一部分（编号 1–{len(results)}），以表格上方的标题为名称（没有标题的以"
            "表格名）。",
            f"Each table became a part of the plan (numbered 1–{len(results)}), named after the "
            "title above it (or the table's name where it has none).",
        )
        if all(hasattr(sheet, "caption") for sheet, _, _ in results)  # a Word document's
        else Notice(
            f"每个工作表成为计划的一部分（编号 1–{len(results)}），以工作表名为名称；"
            "工作表里没有牵头单位一栏的，工作表名作为这一部分的牵头单位。",
            f"Each sheet became a part of the plan (numbered 1–{len(results)}), named after the "
            "sheet; where a sheet has no 牵头单位 (lead unit) column, the sheet's name is the "
            "part's lead unit.",
        )
    ]
    for number, (sheet, unit, result) in enumerate(results, start=1):
        # (a Word table's part: the title above it, 表2 where it has none)
        part_title = getattr(sheet, "caption", None) or sheet.name
        part: dict[str, Any] = {"id": str(number), "title": part_title}
        if unit and not _GENERIC.fullmatch(sheet.name.strip()):
            part["lead_unit"] = sheet.name.strip()
        if not office and OFFICE_KEY in result.doc["plan"]:
            part[OFFICE_KEY] = result.doc["plan"][OFFICE_KEY]
        items.append(part)
        items += result.doc["item"]  # numbered under the part already
        for notice in result.notices:
            notices.append(
                Notice(f"工作表“{sheet.name}”：{notice.zh}", f"Sheet {sheet.name!r}: {notice.en}")
            )
    if empty:
        notices.append(
            Notice(
                f"工作表{'、'.join(f'“{n}”' for n in empty)}只有表头，没有任务行，没有导入。",
                f"Sheet(s) {', '.join(repr(n) for n in empty)} have a header but no task rows: "
                "not imported.",
            )
        )
    doc = {"plan": plan, "item": items}
    first = results[0][2]
    return ImportResult(doc, first.sheet, notices, first.header_row, sheets=names)


def _common_without_sheet_names(metas: list[dict[str, Any]], names: list[str]) -> str | None:
    """The title every sheet gives once its own sheet's name is taken out of it: a 街道's
    ledger kept a sheet per 科室, each titled 东湖街道2024年工作台账（经发办） or 东湖街道经发办
    2024年工作台账, is the 东湖街道2024年工作台账; None when they differ even so."""
    import re

    titles = set()
    for meta, name in zip(metas, names, strict=True):
        title = str(meta.get("title", ""))
        if not name.strip() or name not in title:
            return None
        bracketed = rf"\s*[（(【\[]\s*{re.escape(name)}\s*[）)】\]]\s*"
        title = re.sub(bracketed, "", title).replace(name, "").strip(" -—_·:：")
        titles.add(title)
    found = titles.pop() if len(titles) == 1 else None
    # (经发办2024年工作台账 with 经发办 taken out names no one: the file's name says more)
    return found if found and not found[0].isdigit() else None


def _common(metas: list[dict[str, Any]], key: str) -> Any:
    """The value every sheet gives for ``key``, or None when they differ."""
    values = {meta.get(key) for meta in metas}
    return values.pop() if len(values) == 1 else None
