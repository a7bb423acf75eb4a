"""What a town office sees when it opens and prints the files the tool writes (looked at in
LibreOffice): an English workbook whose unit names are not broken inside a word, and a
推进情况表 an office can filter by unit, status or light."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.exporting.xlsx import PADDING, lines_in

from .conftest import write_plan

UNIT = "Agricultural and Rural Integrated Service Centre (Rural Revitalisation Station)"
ENVIRONMENT = "Natural Resources and Ecological Environment Protection Office"
TITLE = (
    "Upgrade the rural road on the G107-S315 section of about 12.5 km with its safety facilities"
)
NOTE = "Finished the survey of the road and the design of its drainage; tendering next month."


def english_plan(plan_file: Path, tasks: int = 12) -> None:
    items: list[dict[str, Any]] = [{"id": "1", "title": "Roads and farmland"}]
    for n in range(1, tasks + 1):
        items.append(
            {
                "id": f"1.{n}",
                "title": TITLE,
                "lead": "Zhang Jianguo (Deputy Mayor)",
                "lead_unit": UNIT,
                "support_units": [ENVIRONMENT, UNIT],
                "owner": "Li Si, Wang Wu, Zhao Liu",
                "progress": 40,
                "log": [{"on": dt.date(2023, 6, 30), "note": NOTE}],
            }
        )
    write_plan(plan_file, items, title="Donghu Township 2023 Work Plan", lang="en")


def export(tmp_path: Path, *args: str) -> Any:
    out = tmp_path / "progress.xlsx"
    result = CliRunner().invoke(app, ["export", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out).active


def header_columns(ws: Any, row: int = 3) -> dict[str, str]:
    return {cell.value.replace("\n", " "): cell.column_letter for cell in ws[row] if cell.value}


# ---------------------------------------------------------------- words cut in two


def test_an_english_unit_name_is_not_broken_inside_a_word(plan_file, tmp_path):
    # Seen in LibreOffice: Lead unit and Support units 9 characters wide, so "Agricultur/al",
    # "Revitalisat/ion", "Environmen/t" (Excel breaks a word longer than its column).
    english_plan(plan_file)
    ws = export(tmp_path, "--as-of", "2023-06-30")
    columns = header_columns(ws)
    for header in ("Task", "Lead", "Lead unit", "Support units", "Owner", "Progress note"):
        letter = columns[header]
        words = [w for c in ws[letter][3:] if c.value for w in str(c.value).split()]
        width = ws.column_dimensions[letter].width
        assert width >= max(len(w) for w in words) + PADDING, (header, width)
    assert ws.column_dimensions[columns["Lead unit"]].width >= len("Revitalisation") + PADDING


def test_a_row_is_as_tall_as_its_english_text_wrapped_at_spaces():
    # 20 usable columns: "Agricultural and", "Rural Integrated", "Service Centre", "(Rural",
    # "Revitalisation", "Station)": 6 lines, not 80 characters / 20 = 4.
    assert lines_in(UNIT, 22) == 6
    assert lines_in("一二三四五六七八九十", 12) == 2  # a 汉字 breaks anywhere, as before
    # 汉字 run on by their columns, as before (60 columns in 15: 4 lines, not 7 a line).
    assert lines_in("按照产业兴旺、生态宜居、乡风文明、治理有效、生活富裕的总要求", 17) == 4
    assert lines_in("a" * 25, 12) == 3  # a word longer than the column is broken
    assert lines_in("完成G107线至S315线段约12.5公里", 12) == 3


def test_a_url_does_not_widen_its_column_past_the_page(plan_file, tmp_path):
    english_plan(plan_file, tasks=2)
    url = "https://www.hengnan.gov.cn/zwgk/2023/notice?id=12345&type=full&page=2#section-4"
    CliRunner().invoke(app, ["note", "1.1", f"See {url}", "--on", "2023-06-30"])
    ws = export(tmp_path, "--as-of", "2023-06-30")
    columns = header_columns(ws)
    assert ws.column_dimensions[columns["Progress note"]].width <= 40


# ---------------------------------------------------------------- a filter on the header


def test_the_progress_table_has_a_filter_on_its_header_row(plan_file, tmp_path):
    english_plan(plan_file, tasks=3)
    ws = export(tmp_path, "--as-of", "2023-06-30")
    last = ws.max_column
    ref = ws.auto_filter.ref
    assert ref, "no filter: an office filters the table by unit, status or light"
    first, end = ref.split(":")
    assert first == "A3"  # the header row, not the title
    assert re.fullmatch(r"[A-Z]+(\d+)", end)
    assert openpyxl.utils.column_index_from_string(re.sub(r"\d", "", end)) == last
    assert int(re.sub(r"\D", "", end)) == ws.max_row


def test_a_filtered_export_is_read_back_by_import(plan_file, tmp_path):
    english_plan(plan_file, tasks=3)
    export(tmp_path, "--as-of", "2023-06-30")
    out = tmp_path / "back.toml"
    result = CliRunner().invoke(app, ["import", str(tmp_path / "progress.xlsx"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Revitalisation" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the 落款 under a long name

LONG_ORGANISATIONS = [
    ("zh", "中共衡南县东湖镇委员会、衡南县东湖镇人民政府（党政综合办公室）"),
    ("en", "Hengnan County Donghu Township People's Government (General Office)"),
]


def signature_paragraphs(path: Path, organisation: str) -> list[Any]:
    """The 落款: the organisation's paragraph and the date's under it."""
    import docx

    body = [p for p in docx.Document(str(path)).paragraphs if p.text]
    at = [p.text for p in body].index(organisation)
    return body[at : at + 2]


def test_the_date_under_an_organisation_longer_than_a_line_stays_on_one_line(plan_file, tmp_path):
    # Seen in LibreOffice: under 中共…委员会、…人民政府（党政综合办公室） the date took three
    # lines (2023年 / 12月31 / 日); under the English name, one character a line over two pages.
    from quanhu_plan.report.docx_layout import BODY_LINE_EMS, BODY_SIZE

    for lang, organisation in LONG_ORGANISATIONS:
        write_plan(
            plan_file,
            [{"id": "1", "title": "Roads"}, {"id": "1.1", "title": "Repair the bridge"}],
            organisation=organisation,
            lang=lang,
        )
        out = tmp_path / f"report-{lang}.docx"
        result = CliRunner().invoke(app, ["report", "--as-of", "2023-12-31", "--out", str(out)])
        assert result.exit_code == 0, result.output
        name, date = signature_paragraphs(out, organisation)
        assert name.text == organisation
        indent = date.paragraph_format.right_indent.pt / BODY_SIZE
        # The date (2023年12月31日: 7 characters; 2023-12-31: 5) fits between the indent and
        # the left margin.
        assert indent + 7 <= BODY_LINE_EMS, (lang, indent)


def test_signature_indents_of_a_name_that_wraps():
    from quanhu_plan.report.docx_layout import BODY_LINE_EMS, signature_indents

    name, date = LONG_ORGANISATIONS[0][1], "2023年12月31日"
    organisation_indent, date_indent = signature_indents([name, date])
    assert organisation_indent == 2.0
    assert date_indent + 7 <= BODY_LINE_EMS
    # A name within a line keeps the rule: the date starts 2 characters right of the name.
    assert signature_indents(["衡南县泉湖镇人民政府", date]) == [2.0, 3.0]


def test_the_county_notice_signed_by_a_long_name_keeps_its_date_on_one_line(tmp_path):
    from quanhu_plan.report.docx_layout import BODY_LINE_EMS, BODY_SIZE

    issuer = "中共衡南县委办公室、衡南县人民政府办公室（县绩效考核办公室）"
    folder = tmp_path / "towns"
    folder.mkdir()
    (folder / "county.toml").write_text(f'[county]\nname = "{issuer}"\n', encoding="utf-8")
    write_plan(folder / "a.toml", [{"id": "1", "title": "修路"}])
    out = tmp_path / "notice.docx"
    result = CliRunner().invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    name, date = signature_paragraphs(out, issuer)
    assert date.text == "2023年6月30日"
    assert date.paragraph_format.right_indent.pt / BODY_SIZE + 6 <= BODY_LINE_EMS


# ---------------------------------------------------------------- the county workbook's panes


def frozen_points(ws: Any) -> float:
    """How tall the rows frozen at the top of the window are, in points."""
    if not ws.freeze_panes:
        return 0.0
    first = int(re.sub(r"\D", "", ws.freeze_panes))
    return sum(ws.row_dimensions[r].height or 15 for r in range(1, first))


def test_the_county_workbook_does_not_freeze_a_window_full_of_notice_text(tmp_path):
    # Seen in LibreOffice: with fifteen towns the 通报's sentences above the table (the top
    # places, the towns not reported) took 41 rows, all frozen with the header: 688 points,
    # more than a window holds, so the table could not be scrolled into view.
    folder = tmp_path / "towns"
    folder.mkdir()
    for n in range(1, 16):
        write_plan(
            folder / f"town{n}.toml",
            [{"id": "1", "title": "修路"}, {"id": "1.1", "title": "修村道", "progress": n}],
            organisation=f"衡南县第{n}镇人民政府",
        )
    out = tmp_path / "notice.xlsx"
    result = CliRunner().invoke(
        app, ["county", str(folder), "--as-of", "2023-09-30", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    assert frozen_points(ws) <= 200, ws.freeze_panes
    assert ws.print_title_rows  # on paper the header still repeats on every page


# ---------------------------------------------------------------- a deep 序号 in one piece


def test_a_deep_number_is_not_broken_across_lines_in_the_workbook(plan_file, tmp_path):
    # Seen in LibreOffice: 序号 9 wide at the most, so 12.10.10.10 printed as 12.10.10.1 / 0
    # (the Word ledger widens its 序号 to the longest number).
    items: list[dict[str, Any]] = [
        {"id": "12", "title": "部分"},
        {"id": "12.10", "title": "目标"},
        {"id": "12.10.10", "title": "子目标"},
        {"id": "12.10.10.10", "title": "任务甲"},
        {"id": "12.10.10.10.1", "title": "任务乙", "due": "2023-Q3"},
    ]
    write_plan(plan_file, items)
    ws = export(tmp_path, "--as-of", "2023-06-30")
    assert ws["A8"].value == "12.10.10.10.1"
    assert ws.column_dimensions["A"].width >= len("12.10.10.10.1") + PADDING
