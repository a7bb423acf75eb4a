"""``plan county`` in the terminal: the table of plans ranked, the rules under it, the towns
that did not report and the files left out; and ``--key``, one county task across the towns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group
from rich.text import Text

from ..county.picked_words import picked_none
from ..county.view import County
from ..county.words import (
    COLUMNS,
    cells,
    heading,
    left_out_heading,
    left_out_line,
    not_reported_line,
    notes,
    picked_missing,
    picked_title,
    ranking_rule,
    reporting_words,
)
from ..texts import format_percent, label, light_label, pace_label, status_label
from .console import LIGHT_STYLES, PACE_STYLES, user_text
from .grid import GAP, Column, Grid, Piece, cell, least_width, text_width
from .paragraphs import Paragraph, longest_word
from .styles import shown

# Below this width the pace and light counts share a column each (0/3/1/0), so that the table
# fits 80 columns.
FOLD_BELOW = 120
# English headers are longer: folded, they are cut short so that the table still fits.
SHORT_EN = {
    "rank": "#",
    "name": "Town",
    "done_tasks": "Done",
    "completion": "Compl.",
    "newest": "Last record",
}
# The name column is never narrower than four Chinese characters (人民政府, 办公室 keep a
# line): narrower, a town's name took four lines (衡南县 / 花桥镇 / 人民 / 政府) and the table
# is stacked instead (``_stacked``), each plan's name on a line of its own.
NAME_FLOOR = 8
# Chinese headers folded: shorter too, so that a town's name (衡南县泉湖镇人民政府) keeps a
# line of its own at 80 columns rather than folding (最近填报 reads 填报 over its day).
SHORT_ZH = {"newest": "填报"}


def county_table(county: County, width: int = FOLD_BELOW) -> Group:
    lang, weights = county.lang, county.weights
    folded = width < FOLD_BELOW
    words = {**COLUMNS[lang], **((SHORT_EN if lang == "en" else SHORT_ZH) if folded else {})}
    columns = [
        Column(words["rank"], justify="right", min_width=2),
        Column(words["name"], wrap=True, min_width=_name_width(county), no_lone_char=True),
        Column(words.get("done_tasks", f"{words['done']}/{words['tasks']}"), justify="right"),
        Column(words["completion"], justify="right"),
    ]
    paces = ("ahead", "on_pace", "behind", "overdue")
    lights = ("red", "yellow", "green")
    if folded:
        short = "超达欠逾" if lang == "zh" else "A/O/B/Late"
        columns.append(Column(short, justify="right"))
        columns.append(Column("红/黄" if lang == "zh" else "R/Y", justify="right"))
    else:
        columns += [Column(words[key], justify="right", min_width=2) for key in paces + lights]
    columns.append(Column(words["newest"]))
    columns.append(Column(words["reported"]))
    if weights is not None:
        columns.append(Column(words["score"], justify="right"))

    def build(split: bool) -> Grid:
        table = Grid(columns, title=user_text(heading(county), style="bold"))
        for row in county.rows:
            texts = cells(row, lang, weights)
            line: list[str | Text] = [
                texts["rank"],
                user_text(row.own_name + _file_said(row.shared or "", split)),
                f"{texts['done']}/{texts['tasks']}",
                texts["completion"],
            ]
            if folded:
                line.append(Text.assemble(*_joined(row.figures.paces, paces, PACE_STYLES)))
                line.append(
                    Text.assemble(*_joined(row.figures.lights, ("red", "yellow"), LIGHT_STYLES))
                )
            else:
                line += [
                    Text(texts[key], style=PACE_STYLES[key] if texts[key] != "0" else "dim")
                    for key in paces
                ]
                line += [
                    Text(texts[key], style=LIGHT_STYLES[key] if texts[key] != "0" else "dim")
                    for key in lights
                ]
            line.append(Text(texts["newest"], style="" if row.newest else "dim"))
            line.append(Text(texts["reported"], style="bold red"))
            if weights is not None:
                line.append(texts["score"])
            table.add_row(*line)
        return table

    table = build(False)
    if any(row.shared for row in county.rows) and _drawn_width(table) > width:
        # A file told after a shared name goes on a line of its own (衡南县泉湖镇人民政府 /
        # （乙镇/plan.toml）) where the names do not fit whole, not broken wherever the
        # column ends (（乙镇 / /plan.toml）).
        table = build(True)
    if least_width(table) > width:  # a narrow terminal: each plan's figures under its name
        table = _stacked(county, table.title, width)
    parts: list[Any] = [table, Text("")]
    parts.append(Paragraph(Text(ranking_rule(lang, weights), style="dim"), indent=1))
    parts.append(
        Paragraph(
            Text(reporting_words(lang, county.rule, county.day, county.spans), style="dim"),
            indent=1,
        )
    )
    for note in notes(county):
        parts.append(Paragraph(user_text(note), indent=1))
    late = county.not_reported
    if late:
        title = "未按要求报送：" if lang == "zh" else "Not reported: "
        names = ("、" if lang == "zh" else ", ").join(not_reported_line(r, lang) for r in late)
        parts.append(Paragraph(Text.assemble((title, "bold red"), user_text(names)), indent=1))
    return Group(*parts, *_left_out(county))


def _file_said(shared: str, own_line: bool) -> str:
    """The file told after a shared name (``PlanRow.shared``), on a line of its own where the
    names do not fit whole: " (east/plan.toml)" there starts at the name's edge, not a cell in."""
    return "\n" + shared.lstrip() if own_line and shared else shared


def _drawn_width(table: Grid) -> int:
    """The cells ``table`` takes with no column folded."""
    least_width(table)  # (measures it)
    assert table.measured is not None
    widest = table.measured[0]
    return table.indent + GAP * (len(widest) - 1) + sum(widest)


def _name_width(county: County) -> int:
    """The name column's least width: its longest Latin word, and a file told after a shared
    name whole where it is not long (（乙镇/plan.toml）), so that it stays on one line."""
    files = [text_width(row.shared) for row in county.rows if row.shared]
    return max(
        NAME_FLOOR, longest_word(r.name for r in county.rows), min(max(files, default=0), 24)
    )


def _left_out(county: County) -> list[Any]:
    """What is said of the files not counted: the bad ones named with their problem."""
    said = left_out_heading(county)
    if said is None:
        return []
    lines: list[Any] = [
        Paragraph(Text(said, style="bold yellow" if county.errors else ""), indent=1)
    ]
    for left in county.errors + county.skipped:
        # (folded under its text, not back under the "- ")
        lines.append(
            Paragraph(user_text("- " + left_out_line(left, county.lang)), indent=2, hang=2)
        )
    return lines


def _joined(
    counts: Mapping[str, int], keys: tuple[str, ...], styles: dict[str, str]
) -> list[Piece]:
    pieces: list[Piece] = []
    for n, key in enumerate(keys):
        if n:
            pieces.append(("/", ""))
        pieces.append((str(counts[key]), styles[key] if counts[key] else "dim"))
    return pieces


def _under(phrases: list[list[Piece]], width: int) -> list[Piece]:
    """Named figures (``完成率 47.5%``) on the lines under a name, two cells in, as many to a
    line as fit ``width`` (a table's indent of one cell taken off), broken between two."""
    from .tree import phrases_under  # (loaded only where a table does not fit)

    return phrases_under(phrases, max(width - 3, 1))


def _stacked(county: County, title: Any, width: int) -> Grid:
    """``plan county`` where its table does not fit (below 70 columns): one column, each plan
    on a line of its own (its rank, then its name) and its figures on the lines under it, each
    with its name (完成/任务 1/4 · 完成率 47.5% · 超/达/欠/逾 0/1/2/0 · 红/黄 2/0 · 最近填报
    无记录 · 未报送), as status does (``status_view._stacked``)."""
    lang, weights = county.lang, county.weights
    words = COLUMNS[lang]
    zh = lang == "zh"
    name = Column(words["name"], wrap=True, min_width=1, phrases=True, no_lone_char="last")
    table = Grid([name], title=title)
    # The places set right, as wide as the widest (10 over 9), so that the names are one column.
    places = max(text_width(cells(row, lang, weights)["rank"]) for row in county.rows)
    for row in county.rows:
        texts = cells(row, lang, weights)
        phrases: list[list[Piece]] = [
            [
                (f"{words['done']}/{words['tasks']} ", "dim"),
                (f"{texts['done']}/{texts['tasks']}", ""),
            ],
            [(f"{words['completion']} ", "dim"), (texts["completion"], "")],
            [
                ("超/达/欠/逾 " if zh else "A/O/B/Late ", "dim"),
                *_joined(row.figures.paces, ("ahead", "on_pace", "behind", "overdue"), PACE_STYLES),
            ],
            [
                ("红/黄 " if zh else "R/Y ", "dim"),
                *_joined(row.figures.lights, ("red", "yellow"), LIGHT_STYLES),
            ],
            [(f"{words['newest']} ", "dim"), (texts["newest"], "" if row.newest else "dim")],
        ]
        if texts["reported"]:
            phrases.append([(texts["reported"], "bold red")])
        if weights is not None:
            phrases.append([(f"{words['score']} ", "dim"), (texts["score"], "")])
        # The spaces that set a place right (a 1 under 10) start the cell: the grid keeps
        # them on every line of it, so the lines under the first take as many fewer, and a
        # plan's name and figures stand where those of a plan placed 10 do.
        lead = places - text_width(texts["rank"])
        head: list[Piece] = [
            (" " * lead + texts["rank"] + "  ", "bold"),
            (_hung(texts["name"], places + 2, width, lead), "bold"),
        ]
        indent = "\n" + " " * max(2 - lead, 0)  # (_under's lines start "\n  ")
        under = [
            (indent if text == "\n  " else text, style) for text, style in _under(phrases, width)
        ]
        table.add_row(cell(*head, *under))
    return table


def _hung(name: str, hang: int, width: int, lead: int = 0) -> str:
    """A plan's name folded to the column after its place (``hang`` cells in), its rest on
    lines of their own under its first, not back under the place: the grid breaks a line
    where the column ends, at its left edge (a table's indent of one cell taken off), and
    keeps the cell's ``lead`` spaces on each line. No line is one character alone (人民政 /
    府)."""
    from .paragraphs import wrap_lines

    room = max(width - 1 - hang, 2)
    # A name written over lines (a line break typed into it) folds line by line, each hung.
    lines = [
        line[a:b]
        for line in shown(name).split("\n")
        for a, b in wrap_lines(line, room, no_lone_char=True) or [(0, len(line))]
    ]
    return ("\n" + " " * (hang - lead)).join(lines)


def key_table(county: County, width: int = 80) -> Group:
    """``--key``: the item carrying the county's task number in every plan; ``--status``,
    ``--pace``: the tasks of them in every plan (``county.view.Pick``)."""
    lang = county.lang
    zh = lang == "zh"
    if not any(row.keyed for row in county.read):  # a header over no row reads as a failure
        return Group(Paragraph(user_text(picked_none(county))), *_left_out(county))
    title = picked_title(county)
    # Names and titles in Latin letters fold between words: their columns are kept as wide as
    # their longest word (else the stacked view below).
    keyed = [(row.name, item) for row in county.read for item in row.keyed or ()]
    names_floor = longest_word(name for name, _ in keyed)
    titles_floor = longest_word(str(item["title"]) for _, item in keyed)
    # A blocked or dropped task's reason is what the county follows it up on: a column of its
    # own where a task listed has one.
    reasons = any(_reason(item) for _, item in keyed)
    table = Grid(
        [
            Column(
                COLUMNS[lang]["name"], wrap=True, min_width=max(8, names_floor), no_lone_char=True
            ),
            Column(label(lang, "id")),
            Column(
                label(lang, "title"),
                wrap=True,
                min_width=max(10, titles_floor),
                ratio=2,
                no_lone_char="last",
            ),
            Column(label(lang, "status")),
            Column(label(lang, "completion"), justify="right"),
            Column(label(lang, "pace")),
            Column(label(lang, "light")),
            Column(label(lang, "due")),
            *(
                [
                    Column(
                        label(lang, "reason"), wrap=True, min_width=6, ratio=1, no_lone_char="last"
                    )
                ]
                if reasons
                else []
            ),
        ],
        title=user_text(title, style="bold"),
    )
    missing = []
    for row in county.read:
        if not row.keyed:
            missing.append(row.name)
            continue
        for item in row.keyed:
            pace = item.get("pace")
            colour = item.get("light")
            completion = item.get("completion")
            table.add_row(
                user_text(row.name),
                user_text(str(item["id"])),
                user_text(str(item["title"])),
                status_label(lang, str(item.get("status", ""))) if item["kind"] == "task" else "",
                format_percent(completion) if completion is not None else "—",
                Text(pace_label(lang, pace), style=PACE_STYLES[pace]) if pace else "",
                Text(light_label(lang, colour), style=LIGHT_STYLES.get(colour or "", ""))
                if item["kind"] == "task"
                else "",
                user_text(_deadline(item)),
                *([user_text(_reason(item))] if reasons else []),
            )
    if least_width(table) > width:  # a narrow terminal: each item's fields under its plan
        table = _stacked_key(county, table.title, width)
    parts: list[Any] = [table]
    left_out = _left_out(county)
    if left_out and not missing:  # a blank line, as under the ranked table: not read as rows
        parts.append(Text(""))
    if missing:
        said = picked_missing(county)
        parts += [
            Text(""),
            Paragraph(
                Text.assemble((said, "yellow"), user_text(("、" if zh else ", ").join(missing))),
                indent=1,
            ),
        ]
    return Group(*parts, *left_out)


def _stacked_key(county: County, title: Any, width: int) -> Grid:
    """``--key`` where its table does not fit: one column, each plan's name on a line of its
    own and the item's fields on the lines under it, each with its name."""
    lang = county.lang
    name = Column(COLUMNS[lang]["name"], wrap=True, min_width=1, phrases=True, no_lone_char="last")
    table = Grid([name], title=title)
    for row in county.read:
        for item in row.keyed or ():
            task = item["kind"] == "task"
            pace, colour = item.get("pace"), item.get("light")
            completion = item.get("completion")
            fields: list[tuple[str, Piece]] = [
                ("id", (shown(str(item["id"])), "")),
                ("title", (shown(str(item["title"])), "")),
                ("status", (status_label(lang, str(item.get("status", ""))) if task else "", "")),
                ("completion", (format_percent(completion) if completion is not None else "—", "")),
                ("pace", (pace_label(lang, pace), PACE_STYLES[pace]) if pace else ("", "")),
                (
                    "light",
                    (light_label(lang, colour), LIGHT_STYLES.get(colour or "", ""))
                    if task
                    else ("", ""),
                ),
                ("due", (shown(_deadline(item)), "")),
                ("reason", (shown(_reason(item)), "")),
            ]
            phrases = [[(label(lang, key) + " ", "dim"), run] for key, run in fields if run[0]]
            table.add_row(cell((shown(row.name), "bold"), *_under(phrases, width)))
    return table


def _deadline(item: Mapping[str, Any]) -> str:
    """A task's deadline: its day, else its words (长期坚持: ``records.item_record``)."""
    return str(item.get("due") or item.get("due_words") or "")


def _reason(item: Mapping[str, Any]) -> str:
    """Why a task listed is blocked or dropped (its ``reason``); '' for any other."""
    reason = item.get("reason")
    if item.get("status") in ("blocked", "dropped") and isinstance(reason, str):
        return reason.strip()
    return ""
