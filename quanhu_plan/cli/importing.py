"""plan import: a new plan file made from the spreadsheet a plan arrives in (导入任务分解表).
Reading the sheet and building the plan is ``quanhu_plan.importing``'s; this module reads the
options, checks where the plan goes, writes it through the store and says what it did."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import store
from ..errors import OutputExists, PlanUnwritable
from ..texts import counted
from .app import command, print_after_save, say, session
from .typed import YearRange, output_plan_path, typed

if TYPE_CHECKING:
    from ..importing.build import DayWithoutYear

MAP_HELP = (
    "COLUMN=FIELD: what a column holds when its header is not recognised (指定列的含义), e.g. "
    "任务清单=title or 单位=lead_unit; repeatable. FIELD is title, detail, lead, lead_unit, "
    "support_units, owner, start, due, measure, baseline, target, actual, status, progress, "
    "note (进展情况), noted_on (更新日期: the note's day), reason, done_on, evidence, weight, "
    "milestones (时间节点), key (县级任务编号), seq (序号), keep (kept as it is) or "
    "skip (不导入: left out, e.g. 内部备注=skip), or a header name the tool knows (牵头单位)."
)


@command("import")
def import_plan(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="The workbook (.xlsx), CSV table or Word document (.docx) to import (表格文件).",
            metavar="FILE",
            show_default=False,
        ),
    ],
    out: Annotated[
        str | None,  # as typed: 2024年/ is a folder to make (a Path forgets the slash)
        typer.Option(
            "--out",
            "-o",
            help="Where to write the new plan (输出文件); default: the --file given to plan, "
            "else plan.toml in this folder.",
            metavar="<path>",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --out if it exists (覆盖).")
    ] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="With --force over a plan: replace it even where the table lacks some of its "
            "tasks (a row deleted), a column or its record of changes, which are then lost (整份替换).",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show the tree it would create; write nothing (试运行)."),
    ] = False,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            metavar="SHEET",
            help="The sheet to read (工作表; in a Word document the table: 表1, 表2…); default: "
            "the first with a header it recognises. 全部 (all): every sheet with such a header, "
            "each a part of the plan named after its sheet (a 台账 kept as a sheet per unit).",
            show_default=False,
        ),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option("--map", help=MAP_HELP, show_default=False, metavar="COLUMN=FIELD"),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            help="The plan's title (计划名称); default: the title above the header, else the file name.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            click_type=YearRange(),
            help="The plan's year (年度), which dates written without one take; default: the "
            "year in the title or file name, else the one the deadlines name, else this year.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="The day the imported progress notes (进展情况) are dated (2023-06-30, 2023/6/30; "
            "6月30日 in the plan's period, said back); "
            "default: the 截至 date above the header, else its 填报时间, else today (within the "
            "plan's year); a row's 更新日期 dates its own.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Make a new plan file from a 任务分解表 or 推进情况表 in Excel (.xlsx), CSV or a Word
    document's table (.docx) (导入).

    Headers are recognised by the names such tables use (序号, 工作任务, 责任领导, 牵头单位,
    配合单位, 责任人, 完成时限, 目标值…); category rows (一、 （一） 1. （1）) become parts and
    goals. Writes nothing if a cell cannot be read, naming it (Sheet1!F12; in Word, 表1
    第3行第2列); never overwrites --out without --force."""
    from ..importing.build import NoSuchNoteDay, Options, import_sheets
    from ..importing.headers import parse_map
    from ..importing.sheets import read_sheets

    run = session(ctx)
    mapped = _maps(maps or [], parse_map)
    note_day = _note_day(on, year) if on is not None else None
    # `plan -f mine.toml import x.xlsx` makes mine.toml; $PLAN_FILE, set once for every
    # command, does not choose where an import goes (the closing line names the file instead).
    default = run.file or store.PLAN_FILE_NAME
    target = output_plan_path(out if out is not None else default, make=not dry_run)
    _refuse(target, file)
    # The table's own trouble (no such file, a Word document) said first: a clerk who makes
    # room for the output is not then told the table was never there.
    sheets = read_sheets(file)
    exists = target.exists() or target.is_symlink()
    if exists and not force and not dry_run:
        raise OutputExists(str(target))

    # A Word document's tables (importing.word_tables, loaded for one alone): what is said of
    # sheets and their cells (Sheet1!F12) is said of them (表1 第3行第2列).
    word = any(hasattr(s, "places") for s in sheets)
    if word:
        from ..importing.word_tables import said_of_tables, said_of_word_tables, table_named

        sheet = table_named(sheet, sheets)  # --sheet "Table 2"
    options = Options(file.name, dt.date.today(), title=title, year=year, on=note_day, sheet=sheet)
    with said_of_word_tables() if word else nullcontext():
        result = typed(
            "--on", lambda: import_sheets(str(file), sheets, mapped, options), NoSuchNoteDay
        )
    own = result.doc.get("plan", {})
    if word and isinstance(own.get("source"), str):  # 分解表.docx（表1）
        own["source"] = said_of_tables(own["source"], own.get("lang", "zh"))
    text = _text_of(result.doc, str(target))
    # Checked before anything is written, in a dry run too. By item, not by line: the lines
    # would be those of a file that is not there.
    from ..building import build_plan

    imported, problems = build_plan(result.doc)
    if problems:
        from ..importing.errors import ImportedPlanInvalid

        raise ImportedPlanInvalid(str(file), problems)
    loss = _loss(target, result.doc, result.by_export) if exists and not replace else None
    if loss and not dry_run:
        from ..importing.replacing import ReplacingLoses

        raise ReplacingLoses(str(target), str(file), loss)
    # Told in the new plan's language (an English table makes an English plan), unless one
    # is asked for: not in that of a plan the folder may hold, nor of the embedded one.
    lang = run.lang(imported)

    # The rows of a table continued on the next page, where one table was read.
    read = [s for s in sheets if s.name == result.sheet and not result.sheets]
    places = getattr(read[0], "places", None) if word and read else None

    def said(text: str) -> str:
        return said_of_tables(text, lang, places) if word else text

    from .advice import naming_file, texts_in

    # What a notice advises (plan done 1.1.3, plan header --organisation …) is run on the
    # plan made, where --out names another file than plan reads (the table's texts kept).
    notes = [
        (
            _noted(
                naming_file(said(n.message(lang)), str(target), lambda: texts_in(result.doc)), lang
            ),
            True,
        )
        for n in result.notices
    ]
    if dry_run:
        from ..plan_warnings import plan_warnings  # by item: the file is not there to have lines

        # (a heading's count is said of the sheet's rows already: heading_counts)
        notes += _warnings(plan_warnings(result.doc, counts=False), result.rows, lang)
        edits = _edits(target, result.doc) if exists else None
        if edits:  # what the table changes in the plan it would replace
            from ..importing.replacing import said_edits

            notes.append((said_edits(edits, lang), True))
        if loss:  # what the import itself would refuse (--force or not)
            from ..importing.replacing import ReplacingLoses

            refusal = ReplacingLoses(str(target), str(file), loss).dry_run_message(lang)
            notes.append((refusal, True))
        from ..importing.outline import outline

        lines = [(line, False) for line in _fitted(outline(result.doc, lang))]
        summary = said(_summary(lang, "dry_run", file, result, target))
        if exists and not force:
            summary += (
                f"（{target} 已存在：实际导入时要加 --force 才会覆盖。）"
                if lang == "zh"
                else f" ({target} exists: the import itself needs --force to overwrite it.)"
            )
        for line, err in [*lines, (summary, False), *notes]:  # (the tree's lines fit already)
            say(line, err=err, fold=True)
        return
    from .outfile import new_plan_written

    with new_plan_written(target, text, lang, "plan import", exists):
        notes += _warnings(store.warnings_in(text, str(target), counts=False), result.rows, lang)
        print_after_save([*notes, (said(_summary(lang, "written", file, result, target)), False)])


def _fitted(tree: list) -> list[str]:  # type: ignore[type-arg]
    """The dry run's tree (``importing.outline``) fitted to the terminal's width, as ``plan
    list`` draws a task: on one line when it fits, else the title folded under itself and the
    details on lines below it, broken between details (a detail too long for a line is folded
    the Chinese way, ``paragraphs.wrap_lines``)."""
    from ..terminal.grid import text_width
    from ..terminal.paragraphs import wrap_lines
    from ..terminal.plain import output_width

    width = output_width()

    def fold(text: str, room: int) -> list[str]:
        return [text[a:b] for a, b in wrap_lines(text, max(room, 8))] or [text]

    out: list[str] = []
    for depth, head, details in tree:
        indent = "  " * depth
        whole = indent + head + ("  · " + " · ".join(details) if details else "")
        if text_width(whole) <= width:
            out.append(whole)
            continue
        key, _, title = head.partition(" ")
        hang = indent + " " * (text_width(key) + 1)
        folded = fold(title, width - text_width(hang))
        out += [indent + key + " " + folded[0], *(hang + rest for rest in folded[1:])]
        under, line = indent + "    ", ""
        for detail in details:
            joined = f"{line} · {detail}" if line else detail
            if text_width(under + joined) <= width:
                line = joined
                continue
            if line:
                out.append(under + line)
            pieces = fold(detail, width - text_width(under))
            out += [under + piece for piece in pieces[:-1]]
            line = pieces[-1]
        if line:
            out.append(under + line)
    return out


def _note_day(on: str, year: int | None) -> dt.date | DayWithoutYear:
    """--on as typed (inputs.read_date); a day without a year (6月30日) is read by the import
    in the plan's period, which is not known yet (the title, a 计划期 line or --year give it)."""
    from ..importing.build import DayWithoutYear
    from ..inputs import read_date

    without_year: list[tuple[int, int]] = []

    def later(month: int, day: int) -> int:
        without_year.append((month, day))
        # (2000, a leap year: 2月29日 may be a day of the plan's year; else the year a form
        # refused anyway, 6/30, is shown in)
        return 2000 if (month, day) == (2, 29) else (year or dt.date.today().year)

    found = typed("--on", lambda: read_date(on, dt.date.today(), later))
    if without_year:
        return DayWithoutYear(*without_year[-1], on)
    return found


def _maps(options: list[str], parse_map) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found: dict[str, str] = {}
    for option in options:
        pair = parse_map(option)
        if pair is None:
            from .usage import UsageProblem

            raise UsageProblem(
                f"--map 的值“{option}”不是“列名=字段”的形式，或字段不认识：请写成例如 "
                "--map 任务清单=title；可用的字段见 plan import --help。",
                f"{option!r} is not COLUMN=FIELD with a known field: write e.g. "
                '--map "Task name=title"; the fields are listed in plan import --help.',
                "--map",
            )
        found[pair[0]] = pair[1]
    return found


def _plan_there(target: Path) -> dict | None:  # type: ignore[type-arg]
    """The plan at ``target`` as a document; None where it is no plan that reads (--force
    writes over such a file as over any)."""
    from ..errors import PlanError

    try:
        old = store.parse_toml(store.read_text(target), str(target))
    except (PlanError, OSError, ValueError):
        return None
    return old if isinstance(old.get("plan"), dict) else None


def _loss(target: Path, doc: dict, by_export: bool):  # type: ignore[no-untyped-def,type-arg]
    """What writing ``doc`` over the plan at ``target`` would lose (importing.replacing)."""
    from ..importing.replacing import loss_in_replacing

    old = _plan_there(target)
    return loss_in_replacing(old, doc, by_export) if old is not None else None


def _edits(target: Path, doc: dict) -> list[tuple[str, str, str]] | None:  # type: ignore[type-arg]
    """What ``doc`` changes in the plan at ``target``, for a dry run to show."""
    from ..importing.replacing import edits_in_replacing

    old = _plan_there(target)
    return edits_in_replacing(old, doc) if old is not None else None


def _refuse(target: Path, table: Path) -> None:
    from ..importing.errors import OutputRefused

    kind = store.output_kind(target)
    if kind is not None:
        raise OutputRefused(str(target), kind)
    if os.path.exists(table) and store.same_file(target, table):  # (a name too long: False)
        raise OutputRefused(str(target), "input")
    if store.same_file(target, store.embedded_plan_path()):
        raise OutputRefused(str(target), "embedded")


def _text_of(doc: dict, label: str) -> str:  # type: ignore[type-arg]
    """The plan's text, which must read back as the document (or nothing is written)."""
    from ..canonical import dumps, first_difference

    text = dumps(doc)
    difference = first_difference(doc, store.parse_toml(text, label))
    if difference is not None:  # pragma: no cover - a defect of the writer
        raise PlanUnwritable(label, *difference)
    return text


def _found_by_plan(target: Path) -> bool:
    """Whether `plan` with no --file reads the file written."""
    from ..errors import PlanError

    try:
        found = store.locate(None)
    except PlanError:
        return False
    return not found.embedded and store.same_file(found.path, target)


def _warnings(
    warnings: list,  # type: ignore[type-arg]
    rows: dict[str, int],
    lang: str,
) -> list[tuple[str, bool]]:
    """What plan check would point out in the plan made (a deadline outside the plan's year,
    a start after the deadline, a milestone after it), said with the import."""
    if not warnings:
        return []
    head = (
        f"注意：导入的计划有 {len(warnings)} 处值得留意（plan check 也会列出；请核对表格）："
        if lang == "zh"
        else f"Note: the imported plan has {counted(len(warnings), 'thing')} worth a look (plan check "
        "lists them too; check the sheet):"
    )
    lines = [(head, True)]
    for warning in warnings:
        row = rows.get(warning.item_id)
        where = (
            "" if row is None else f"（表格第 {row} 行）" if lang == "zh" else f" (sheet row {row})"
        )
        lines.append((f"  - {warning.message(lang)}{where}", True))
    return lines


def _noted(text: str, lang: str) -> str:
    return ("注意：" if lang == "zh" else "Note: ") + text


def _summary(lang: str, kind: str, file: Path, result, target: Path) -> str:  # type: ignore[no-untyped-def]
    where = (
        f"{file}（工作表“{result.sheet}”，表头在第 {result.header_row} 行）"
        if lang == "zh"
        else f"{file} (sheet {result.sheet!r}, header on row {result.header_row})"
    )
    if result.sheets:  # --sheet 全部
        where = (
            f"{file}（{len(result.sheets)} 个工作表：{'、'.join(f'“{n}”' for n in result.sheets)}）"
            if lang == "zh"
            else f"{file} ({len(result.sheets)} sheets: {', '.join(map(repr, result.sheets))})"
        )
    counts = (
        f"{result.items} 个事项（{result.tasks} 项任务）"
        if lang == "zh"
        else f"{counted(result.items, 'item')} ({counted(result.tasks, 'task')})"
    )
    if kind == "dry_run":
        plan = result.doc["plan"]
        if lang == "zh":
            return (
                f"试运行：将从 {where}导入 {counts}，写入 {target}；没有写入任何文件。"
                f"计划名称“{plan['title']}”，{plan['year']} 年度。"
            )
        return (
            f"Dry run: would import {counts} from {where} into {target}; nothing was written. "
            f"The plan: {plan['title']!r}, year {plan['year']}."
        )
    from ..shell_words import quote

    show = "plan list" if _found_by_plan(target) else f"plan -f {quote(str(target))} list"
    if lang == "zh":
        return f"已从 {where}导入 {counts}，写入 {target}。用 {show} 查看。"
    return f"Imported {counts} from {where} into {target}. Run {show} to see it."
