"""The view of ``plan status``: a row per part and goal (or per responsible group) with its
counts, completion bar, paces and lights, and the milestones missed under it. Drawn as plain
runs (``grid``) and without rich where the output is not a terminal (``plain``): it is the
command started most often."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..periods import written
from ..rollup import Rollup
from ..texts import (
    as_of_words,
    format_number,
    label,
    mark_percent,
    percent_of,
    percent_short_of,
    ratio_half_up,
    with_unit,
)
from .grid import (
    Cell,
    Column,
    Grid,
    Piece,
    Stack,
    _kept_indent,
    cell,
    least_width,
    styled,
)
from .styles import LIGHT_STYLES, PACE_STYLES, bar_runs, shown

if TYPE_CHECKING:
    from ..model import Item, Plan
    from ..records import MilestoneState, StatusRow


def _share(ratio: tuple[int, int] | None, width: int = 6) -> Cell:
    """A completion (``Rollup.ratio``: its numerator and denominator) as a cell: the
    percentage, and its bar where there is room."""
    percent = percent_of(ratio).rjust(4)
    if not width:
        return cell((percent, ""))
    return cell((percent + " ", ""), *bar_runs(ratio, width))


def _share_key(ratio: tuple[int, int] | None, width: int) -> Any:
    """What ``_share`` shows of a completion (``ratio``: its numerator and denominator): its
    whole percent and its bar's filled cells (``texts.ratio_half_up``), so that rows alike in
    them share one cell, made and measured once."""
    if ratio is None:
        return ("share", None)
    top, below = ratio
    return ("share", ratio_half_up(top, below, 100), ratio_half_up(top, below, width), top < below)


def _lights(counts: Mapping[str, int]) -> Cell:
    """红/黄 counts of a row: "2/3", each in its colour; "0/0" dim."""
    red, yellow = counts["red"], counts["yellow"]
    if not red and not yellow:
        return cell(("0/0", "dim"))
    return cell(
        (str(red), LIGHT_STYLES["red"] if red else "dim"),
        ("/", ""),
        (str(yellow), LIGHT_STYLES["yellow"] if yellow else "dim"),
    )


def _number(value: int, style: str) -> Piece:
    return (str(value), style) if value else ("0", "dim")


PACE_COLUMNS = ("ahead", "on_pace", "behind", "overdue")

# Below this width the four pace counts share one column (超/达/欠/逾 0/1/2/0), so that titles
# keep room at 80 columns.
FOLD_PACES_BELOW = 100


def _paces(counts: Mapping[str, int], folded: bool) -> list[Cell]:
    if not folded:
        return [cell(_number(counts[k], PACE_STYLES[k])) for k in PACE_COLUMNS]
    parts: list[Piece] = []
    for n, kind in enumerate(PACE_COLUMNS):
        if n:
            parts.append(("/", ""))
        parts.append(_number(counts[kind], PACE_STYLES[kind]))
    return [cell(*parts)]


def status_table(
    plan: Plan,
    rows: list[StatusRow],
    total: Rollup,
    as_of: dt.date,
    lang: str,
    by: str | None,
    recorded_to: dt.date | None = None,
    missed: list[tuple[Item, MilestoneState]] | None = None,
    width: int = FOLD_PACES_BELOW,
) -> Stack | Grid:
    folded = width < FOLD_PACES_BELOW
    bar_width = STATUS_BAR if width >= BARS_FROM else 0
    heading = f"{plan.title} · {as_of_words(lang, as_of, recorded_to)}"
    if by:
        heading += f" · {label(lang, 'by_' + by)}"
    # A deep id (1.1.2.1.1.1) folds as list --flat's does, so that six levels fit 60 columns.
    columns = [] if by else [Column(label(lang, "id"), wrap=True, min_width=5)]
    # (a title folds with no line of one character alone: 全力实施乡村振兴战 / 略)
    title = label(lang, "group_" + by) if by else label(lang, "title")
    columns.append(Column(title, wrap=True, min_width=12, no_lone_char="last"))
    columns += [
        Column(label(lang, "done_total"), justify="right"),
        Column(label(lang, "completion")),
        *(
            [Column(label(lang, "paces_column"), justify="right")]
            if folded
            else [Column(label(lang, kind + "_column"), justify="right") for kind in PACE_COLUMNS]
        ),
        # abbreviated (Red/Yel) only where the paces fold too, short of room
        Column(label(lang, "lights_column" if folded else "lights_column_wide"), justify="right"),
    ]
    table = Grid(columns, title=cell((shown(heading), "bold")))
    # Rows alike in a figure share its cell, made and measured once (a cell is never changed).
    shares: dict[Any, Cell] = {}
    pace_cells: dict[tuple[int, ...], list[Cell]] = {}
    light_cells: dict[tuple[int, int], Cell] = {}
    unassigned = label(lang, "unassigned")
    add = table.add_cells
    for number, row in enumerate(rows):
        figures = row.figures
        depth = row.depth
        # A line between parts; a 台账 of tasks alone (1, 2, 3) is one block, as it is typed.
        if number and not depth and not by and not (row.task and rows[number - 1].task):
            table.add_section()
        # A title of no style is a plain str: the grid folds it without making a Cell a line.
        title = shown("  " * depth + (row.title or unassigned))
        key = _share_key(figures.ratio, bar_width)
        share = shares.get(key)
        if share is None:
            share = shares[key] = _share(figures.ratio, bar_width)
        paces = figures.paces
        counts = (paces["ahead"], paces["on_pace"], paces["behind"], paces["overdue"])
        paced = pace_cells.get(counts)
        if paced is None:
            paced = pace_cells[counts] = _paces(paces, folded)
        lights = figures.lights
        red_yellow = (lights["red"], lights["yellow"])
        lit = light_cells.get(red_yellow)
        if lit is None:
            lit = light_cells[red_yellow] = _lights(lights)
        cells: list[str | Cell] = [
            title if depth else styled(title, "bold"),
            f"{figures.done}/{figures.total}",
            share,
            *paced,
            lit,
        ]
        if not by:
            cells.insert(0, styled(shown(row.id), "dim" if depth else "bold"))
        add(cells)
    table.set_footer(
        *([] if by else [""]),
        label(lang, "total"),
        f"{total.done}/{total.total}",
        _share(total.ratio, bar_width),
        *_paces(total.paces, folded),
        _lights(total.lights),
    )
    if least_width(table) > width:  # a narrow terminal: each row's figures under its title
        table = _stacked(heading, rows, total, lang, by, width)
    from ..records import awaiting_tick_off  # (loaded by every status already)

    waiting = awaiting_tick_off(rows, total)
    standing = total.paces["ongoing"]
    if not missed and not waiting and not standing:
        return table
    from .paragraphs import Paragraph  # (written without rich where it is not a terminal)

    lines: list[Any] = [table, Paragraph("")]
    if standing:  # counted in no pace column: said so, lest the four columns seem short
        lines.append(Paragraph(_standing_sentence(lang, standing)))
    for task, milestone in missed or ():
        lines.append(Paragraph(shown(milestone_sentence(lang, task, milestone)), style="yellow"))
    tasks = [row for row, *_ in waiting if row is not None and row.task]
    for named, count, held, blocked in waiting:
        if named is None or not named.task:
            said = _awaiting_sentence(lang, named, count, held, blocked)
            lines.append(Paragraph(shown(said)))
    if tasks:  # the tasks at the top of the plan (a 台账 of tasks alone): one note for them all
        for key, alike in (
            ("awaiting_tick_off", [row for row in tasks if _alone(row) == "awaiting_part"]),
            ("held", [row for row in tasks if _alone(row) == "held_part"]),
            ("blocked", [row for row in tasks if _alone(row) == "blocked_part"]),
        ):
            if alike:
                lines.append(Paragraph(shown(_awaiting_tasks(lang, alike, key))))
    return Stack(lines)


def _standing_sentence(lang: str, count: int) -> str:
    """What the pace columns leave out: standing work (长期坚持, 常态化), which has no window."""
    if lang == "zh":
        return f"另有常态推进 {count} 项（长期坚持、常态化的工作，没有完成时限，不计序时进度）。"
    tasks = "task" if count == 1 else "tasks"
    return f"Also {count} ongoing {tasks} (standing work, no deadline: not paced)."


def _alone(row: StatusRow) -> str:
    """Which of a task's figures it is, at 100% and not done: held so far, blocked, or awaiting."""
    figures = row.figures
    return "held_part" if figures.held else "blocked_part" if figures.blocked else "awaiting_part"


# How many tasks at the top of the plan the note names before it counts the rest.
AWAITING_NAMED = 10


def _awaiting_tasks(lang: str, rows: list[StatusRow], key: str = "awaiting_tick_off") -> str:
    """注：1 白仙山水库工程政策处理、3 … 完成率已达100%，尚未销号。 of tasks at the top of the plan;
    with ``key`` "held", of figures held all year within them so far (指标目前保持在目标范围内)."""
    names = [f"{row.id} {row.title}" if row.id else row.title for row in rows]
    said = ("、" if lang == "zh" else ", ").join(names[:AWAITING_NAMED])
    if len(names) > AWAITING_NAMED:
        more = len(names) - AWAITING_NAMED
        said = label(lang, "awaiting_tick_off_more").format(names=said, more=more, n=len(names))
    key += "_task" if len(rows) == 1 or lang == "zh" else "_tasks"
    return label(lang, key).format(name=said)


def _awaiting_sentence(
    lang: str, row: StatusRow | None, count: int, held: int, blocked: int = 0
) -> str:
    """注：1 基础设施 的任务完成率均已达100%，其中2项尚未销号，1项指标目前保持在目标范围内，1项仍为
    受阻: the tasks at 100% not ticked off (核实后用 plan done 销号), the figures held all year
    within them before their deadline, nothing to tick off yet (as the report counts them apart),
    and those the office still calls blocked (``records.blocked_at_full``)."""
    counted = [
        (key, n)
        for key, n in (("awaiting_part", count), ("held_part", held), ("blocked_part", blocked))
        if n
    ]
    parts = [  # (2 of them are not ticked off yet and 3 are held …: "of them" said once)
        label(lang, key).format(n=n, are="is" if n == 1 else "are", of="" if at else " of them")
        for at, (key, n) in enumerate(counted)
    ]
    said = label(lang, "parts_sep").join(parts)
    if row is None:
        return label(lang, "awaiting_tick_off_all").format(said=said)
    name = f"{row.id} {row.title}" if row.id else row.title or label(lang, "unassigned")
    # (of a group of one task, "every task of 李副镇长 …; 1 of them …" said one task twice over)
    if row.figures.total == 1:
        one = "held_one" if held else "blocked_one" if blocked else "awaiting_tick_off_one"
        return label(lang, one).format(name=name)
    return label(lang, "awaiting_tick_off").format(name=name, said=said)


def _stacked(
    heading: str, rows: list[StatusRow], total: Rollup, lang: str, by: str | None, width: int
) -> Grid:
    """``plan status`` where its table does not fit (40 columns, or 60 in English): one column,
    each part or goal on a line of its own (its id, then its title) and its figures on the
    lines under it, each figure with its name (完成/总数 1/5 · 完成率 61% · 超/达/欠/逾 0/0/2/2 ·
    红/黄 3/1), lines broken between two figures."""
    from .tree import phrases_under  # (loaded only where a table does not fit)

    table = Grid(
        [
            Column(
                label(lang, "group_" + by if by else "title"),
                wrap=True,
                min_width=1,
                phrases=True,
                no_lone_char="last",
            )
        ],
        title=cell((shown(heading), "bold")),
    )
    names = [label(lang, key) for key in ("done_total", "completion", "paces_column")]
    names.append(label(lang, "lights_column"))

    def figures_of(figures: Rollup, depth: int) -> list[Piece]:
        """The figures on the lines under a title indented ``depth`` cells (the grid keeps a
        cell's indent on each of its lines), two cells further in."""
        parts: list[list[Piece]] = [
            [(f"{figures.done}/{figures.total}", "")],
            list(_share(figures.ratio, 0)),
            list(_paces(figures.paces, True)[0]),
            list(_lights(figures.lights)),
        ]
        phrases = [
            [(f"{name} ", "dim"), *(run if n != 1 else (run[0].strip(), run[1]) for run in part)]
            for n, (name, part) in enumerate(zip(names, parts, strict=True))
        ]
        return phrases_under(phrases, max(width - 1 - _kept_indent(depth, width - 1) - 2, 1))

    for number, row in enumerate(rows):
        if number and row.depth == 0 and not by:
            table.add_section()
        indent = "  " * row.depth
        name = shown(row.title or label(lang, "unassigned"))
        head: list[Piece] = (
            [] if by else [(shown(row.id) + " ", "bold" if not row.depth else "dim")]
        )
        head.append((name, "bold" if not row.depth else ""))
        table.add_row(cell((indent, ""), *head, *figures_of(row.figures, len(indent))))
    table.set_footer(cell((label(lang, "total"), "bold"), *figures_of(total, 0)))
    return table


# The status table's bars are narrower than show's: its columns must fit 80 cells; below
# BARS_FROM cells (60) it shows the percentages alone.
STATUS_BAR = 4
BARS_FROM = 70


def milestone_words(lang: str, task: Item, milestone: MilestoneState) -> str:
    """How a milestone stands: 2023-Q2（应达 60%）未达到，届时完成 40%; a milestone set as a
    figure says it (应达 2.4万亩 80%), and its note follows."""
    expected = mark_percent(milestone.share_ratio)
    if milestone.value is not None:
        measure = task.get("measure", "")
        amount = with_unit(
            lang, format_number(milestone.value), measure if isinstance(measure, str) else ""
        )
        # 应达 2.4万亩 80% / 2.4 km (80%) due
        expected = f"{amount} {expected}" if lang == "zh" else f"{amount} ({expected})"
    words = label(lang, "milestone_" + milestone.state).format(
        due=written(milestone.due),
        expected=expected,
        done=percent_short_of(milestone.done_ratio, milestone.share_ratio),
    )
    if milestone.note:
        words += ("：" if lang == "zh" else ": ") + milestone.note
    return words


def milestone_sentence(lang: str, task: Item, milestone: MilestoneState) -> str:
    """1.2 修路：2023-Q2（应达 60%）未达到，届时完成 40%."""
    words = milestone_words(lang, task, milestone)
    return f"{task.id} {task.title}{'：' if lang == 'zh' else ': '}{words}"
