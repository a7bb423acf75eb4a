"""The documents an office hands in (the report in Word, the 推进情况表 in Excel), read as the
county office receiving them reads them: what a review of their pages found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def _word(runner: CliRunner, plan_file: Path, tmp_path: Path) -> Any:
    import docx

    target = tmp_path / "总结.docx"
    result = runner.invoke(app, ["report", "--out", str(target)])
    assert result.exit_code == 0, result.output
    return docx.Document(str(target))


# ---------------------------------------------------------------- the 落款 never stands alone

# Enough unfinished tasks that 下一步打算 runs over a page.
UNFINISHED = [{"id": "1", "title": "基础设施"}] + [
    {"id": f"1.{n}", "title": f"修建第{n}号机耕道", "progress": 30} for n in range(1, 25)
]


def test_the_signature_is_kept_on_the_page_of_the_last_paragraph(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """GB/T 9704: the 落款 (organisation and date) is on the page of the body's last lines, never
    on a page of its own (此页无正文). The signature lines were kept together, but neither the
    last paragraph of 下一步打算 nor the blank line before the signature was kept with them: where
    the body ended two lines above the page's foot, LibreOffice and Word put the organisation
    and the date alone on the next page (the repo's plan.toml with a year's progress did)."""
    write_plan(plan_file, UNFINISHED, organisation="衡南县泉湖镇人民政府")
    document = _word(runner, plan_file, tmp_path)
    body = document.paragraphs
    organisation = next(n for n, p in enumerate(body) if p.text == "衡南县泉湖镇人民政府")
    assert body[organisation + 1].text.endswith("日")  # the date under it
    last_line, blank = body[organisation - 2], body[organisation - 1]
    assert blank.text == "" and last_line.text.startswith("24. 修建第24号机耕道")
    for paragraph in (last_line, blank, body[organisation]):
        assert paragraph.paragraph_format.keep_with_next, paragraph.text


def test_a_last_paragraph_of_pages_is_not_kept_with_the_signature(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """The summary form's 下一步打算 ends in a paragraph naming tens of tasks, pages long.
    Kept with the 落款, LibreOffice moved it to a page of its own (half a page left blank
    above) and then put the date on the page after the organisation: such a paragraph is not
    kept with it; the organisation still goes with its date."""
    titles = "农村人居环境整治提升和高标准农田建设示范片区" * 3
    items: list[dict[str, Any]] = [{"id": "1", "title": "乡村振兴"}]
    items += [{"id": f"1.{n}", "title": f"{titles}第{n}项"} for n in range(1, 401)]
    write_plan(plan_file, items, organisation="衡南县花桥镇人民政府")
    body = _word(runner, plan_file, tmp_path).paragraphs
    organisation = next(n for n, p in enumerate(body) if p.text == "衡南县花桥镇人民政府")
    last_line = body[organisation - 2]
    assert len(last_line.text) > 600  # the summary form's list: over a page
    assert not last_line.paragraph_format.keep_with_next
    assert body[organisation - 1].paragraph_format.keep_with_next
    assert body[organisation].paragraph_format.keep_with_next


# ---------------------------------------------------------------- the ledger's 目标值/完成值

SQUARE_METRES = [
    {"id": "1", "title": "社会事业"},
    {"id": "1.1", "title": "摸排经营性自建房面积", "measure": "平方米", "actual": 103192},
    {"id": "1.2", "title": "摸排非经营性自建房面积", "measure": "平方米", "actual": 1754147},
    {"id": "1.3", "title": "修塘", "measure": "处", "target": 40, "actual": 20},
]


def test_a_figure_and_its_unit_are_not_broken_across_lines_in_the_ledger(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """The seed's 自建房 figures (—/103192平方米, —/1754147平方米) showed in the Word ledger as
    103192平方 with 米 alone on the next line: the 目标值/完成值 column kept its 26 mm whatever
    the figures, though the task column beside it had room to spare. It widens (from the task
    column) until each line of a figure fits; the terminal and Markdown were right."""
    from quanhu_plan.report.docx_layout import fitting_width_mm

    write_plan(plan_file, SQUARE_METRES)
    document = _word(runner, plan_file, tmp_path)
    table = document.tables[-1]
    header = [cell.text.replace("\n", "") for cell in table.rows[0].cells]
    column = header.index("目标值/完成值")
    width_mm = table.columns[column].width.mm
    lines = [
        line
        for row in table.rows[1:]
        for line in row.cells[column].text.split("\n")
        if "平方米" in line
    ]
    # (on one line, —/1754147平方米, where the page has room; else the figure under the slash)
    assert any("1754147平方米" in line for line in lines)
    assert any("103192平方米" in line for line in lines)
    for line in lines:
        assert fitting_width_mm(line) <= width_mm + 0.1, (line, width_mm)  # (twips)


# ---------------------------------------------------------------- figures in 万 as the plan says

IN_WAN = [
    {"id": "1", "title": "粮食生产"},
    {
        "id": "1.1",
        "title": "落实粮食播种面积",
        "status": "doing",
        "measure": "亩",
        "target": 32000,
        "target_text": "3.2万亩",
        "actual": 28000,
    },
    {
        "id": "1.2",
        "title": "落实早稻播种面积",
        "status": "done",
        "done_on": dt.date(2023, 6, 30),
        "measure": "亩",
        "target": 27000,
        "target_text": "2.7万亩以上",
        "actual": 28500,
    },
]


def test_a_figure_is_said_in_wan_when_the_plan_states_its_target_in_wan(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """A target the plan states as 3.2万亩 (the document's words, the measure 亩): the report
    said 已完成28000亩，目标3.2万亩 — two ways of writing one figure side by side, which an
    office has to rewrite before filing. The figures of such a task are said in 万 as its target
    is (已完成2.8万亩，目标3.2万亩), in the report and in the ledger; an amount below
    1万 stays as it is (尚差4000亩, not 0.4万亩)."""
    write_plan(plan_file, IN_WAN)
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    text = "".join(result.output.split())  # (the terminal wraps lines)
    assert "已完成2.8万亩，目标3.2万亩" in text
    assert "尚差4000亩" in text
    assert "落实早稻播种面积2.85万亩，目标2.7万亩以上，完成率106%，超出目标1500亩" in text
    assert "28000" not in text and "28500" not in text
    document = _word(runner, plan_file, tmp_path)
    table = document.tables[-1]
    header = [cell.text.replace("\n", "") for cell in table.rows[0].cells]
    column = header.index("目标值/完成值")
    figures = [row.cells[column].text.replace("\n", "") for row in table.rows[1:-1]]
    assert figures == ["3.2万亩/2.8万亩", "2.7万亩以上/2.85万亩"]


# ---------------------------------------------------------------- 未开始 with work done

STARTED_BY_HAND = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "actual": 12},
    {"id": "1.2", "title": "修机耕道", "progress": 30},
]


def test_a_task_with_work_recorded_is_not_reported_as_not_started(
    runner: CliRunner, plan_file: Path
) -> None:
    """A plan typed by hand (docs/format.md: status defaults to todo) with 12 of 40 ponds
    recorded: the report says 修塘：未开始，…完成率30%（已完成12处，目标40处） and counts it
    among the 未开始 tasks — a sentence that contradicts itself in the document the county
    reads. The commands make such a task 进行中 (`plan record`, `plan progress`, reopen, the
    as-of replay of a done_on), the file read as it is does not."""
    write_plan(plan_file, STARTED_BY_HAND)
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    text = "".join(result.output.split())
    assert "未开始" not in text
    assert "进行中2项" in text


# ---------------------------------------------------------------- a date of another year

NEXT_YEAR = [
    {"id": "1", "title": "重点项目"},
    {"id": "1.1", "title": "落实衡永高速项目建设", "due": dt.date(2024, 3, 31), "lead": "王书记"},
    {"id": "1.2", "title": "试点建设一批村办集体企业", "due": "2024-Q1"},
    {
        "id": "1.3",
        "title": "推进城乡治理标准化试点工作",
        "status": "done",
        "done_on": dt.date(2024, 1, 10),
    },
    {"id": "1.4", "title": "修塘", "due": dt.date(2023, 6, 30)},
]
# Every column of the ledger wanted: the task column cannot give them all their width.
CROWDED = NEXT_YEAR + [
    {
        "id": "1.5",
        "title": "落实粮食播种面积",
        "lead_unit": "镇农业综合服务中心",
        "owner": "李明",
        "measure": "万亩",
        "target_text": "3.3万亩以上",
        "target": 3.3,
        "actual": 3.35,
        "status": "done",
        "done_on": dt.date(2024, 12, 28),
        "due": dt.date(2024, 12, 31),
    }
]


@pytest.mark.parametrize("items", [NEXT_YEAR, CROWDED], ids=["room", "crowded"])
def test_a_date_of_another_year_is_not_broken_across_lines_in_the_ledger(
    runner: CliRunner, plan_file: Path, tmp_path: Path, items: list[dict[str, Any]]
) -> None:
    """A deadline or a tick-off in the next year (a task ticked off in January, a deadline
    moved into the next spring) is written with its year: 2024年3月31日, 2024年第一季度. In
    the 22 mm of 完成时限 and 完成日期 it showed as 2024年3 over 月31日 and 2024年第 over 一季度.
    Those columns widen (from the task column) until their dates fit on a line; where every
    column is wanted and they cannot, the year goes on a line of its own (2024年 over 3月31日)."""
    from quanhu_plan.report.docx_layout import fitting_width_mm

    write_plan(plan_file, items)
    table = _word(runner, plan_file, tmp_path).tables[-1]
    header = [cell.text.replace("\n", "") for cell in table.rows[0].cells]
    for name in ("完成时限", "完成日期"):
        column = header.index(name)
        width_mm = table.columns[column].width.mm
        dates = [row.cells[column].text for row in table.rows[1:-1]]  # (-1: the note)
        assert any(day.startswith("2024年") for day in dates), dates
        for day in dates:
            lines = day.split("\n")
            assert len(lines) == 1 or (len(lines) == 2 and lines[0].endswith("年")), day
            for line in lines:  # (0.1 mm: the grid is in twips)
                assert fitting_width_mm(line) <= width_mm + 0.1, (name, day, width_mm)
