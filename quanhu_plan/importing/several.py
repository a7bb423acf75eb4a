"""A workbook read whole (``plan import --sheet 全部``): a 工作台账 kept as one sheet per unit (or
per month), each sheet with the same kind of header. Every shown sheet with a header becomes a
part of the plan, named after its sheet, with the sheet's items under it; a sheet without a
牵头单位 column gives its name as the part's unit, for that is what the sheet says. Cells that
cannot be read are reported together, from every sheet (pure, as ``build``)."""

from __future__ import annotations

import re
from typing import Any

from .build import ImportResult, Options, build_sheet, file_title, import_sheets
from .errors import BadCells, CellProblem, NoRows, Notice, UnknownMapColumn, address_order
from .headers import find_header, normalise, settle, sheet_header
from .sheets import Sheet

# What --sheet says for every sheet (a sheet of that very name is read as named).
EVERY_SHEET = {normalise(word) for word in ("全部", "所有", "全部工作表", "all", "*")}
# Sheet names that name no unit: Sheet1, 工作表2, 表3, 1月, 附件1.
_GENERIC = re.compile(r"(?i)(?:sheet|工作表|表|附件|附表)\s*\d*|.*\d+\s*月份?|\d+")


def import_every_sheet(
    path: str, sheets: list[Sheet], maps: dict[str, str], options: Options
) -> ImportResult:
    tables = [(sheet, sheet_header(sheet, maps)) for sheet in sheets]
    found = [(sheet, header) for sheet, header in tables if header is not None]
    if not found:
        find_header(path, sheets, maps)  # raises NoHeader, saying what each sheet holds
    if len(found) == 1:
        return import_sheets(path, [found[0][0]], maps, options.for_sheet(found[0][0].name))
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
    return joined


def _joined(
    options: Options, results: list[tuple[Sheet, bool, ImportResult]], empty: list[str]
) -> ImportResult:
    """The sheets' plans as one, each sheet a part numbered by its place."""
    metas = [result.doc["plan"] for _, _, result in results]
    names = [sheet.name for sheet, _, _ in results]
    title = options.title or _common(metas, "title") or file_title(options.file_name)
    plan: dict[str, Any] = {"title": title}
    organisation = _common(metas, "organisation")
    if organisation:
        plan["organisation"] = organisation
    for key in ("year", "start", "end"):
        plan[key] = metas[0][key]
    plan["lang"] = "en" if all(meta["lang"] == "en" for meta in metas) else "zh"
    plan["source"] = (
        f"{options.file_name}（工作表{'、'.join(f'“{n}”' for n in names)}）"
        if plan["lang"] == "zh"
        else f"{options.file_name} (sheets {', '.join(map(repr, names))})"
    )
    items: list[dict[str, Any]] = []
    notices: list[Notice] = [
        Notice(
            f"每个工作表成为计划的一部分（编号 1–{len(results)}），以工作表名为名称；"
            "工作表里没有牵头单位一栏的，工作表名作为这一部分的牵头单位。",
            f"Each sheet became a part of the plan (numbered 1–{len(results)}), named after the "
            "sheet; where a sheet has no 牵头单位 (lead unit) column, the sheet's name is the "
            "part's lead unit.",
        )
    ]
    for number, (sheet, unit, result) in enumerate(results, start=1):
        part: dict[str, Any] = {"id": str(number), "title": sheet.name}
        if unit and not _GENERIC.fullmatch(sheet.name.strip()):
            part["lead_unit"] = sheet.name.strip()
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


def _common(metas: list[dict[str, Any]], key: str) -> Any:
    """The value every sheet gives for ``key``, or None when they differ."""
    values = {meta.get(key) for meta in metas}
    return values.pop() if len(values) == 1 else None
