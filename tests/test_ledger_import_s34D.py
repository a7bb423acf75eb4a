"""Session 34 (D): ledgers as offices write them. Lights given as a cell's fill colour (rgb,
theme and indexed); 未亮红灯 / 不亮灯 / 无 as no light; 橙灯 and 蓝灯; the hint's example dates
in a July–June plan; 10个村居; the 整改 report's ledger note. Each test checks what was
printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Color, Font, PatternFill
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.importing.light_compare import ledger_light

from .conftest import write_plan
from .test_import import items_of, read_plan, run, workbook

# ---------------------------------------------------------------- lights as fill colours

HEAD: list[Any] = ["序号", "工作任务", "责任单位", "完成时限", "完成进度", "亮灯情况"]


def _solid(color: Color) -> PatternFill:
    return PatternFill(fill_type="solid", fgColor=color)


def filled_ledger(path: Path, fills: dict[int, PatternFill | None]) -> Path:
    """A 2024 ledger whose light column (F) holds no text, only fills, by data row (1-based)."""
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        HEAD,
        [1, "修建村道", "交通办", "12月底", "50%", None],
        [2, "招商引资", "经发办", "12月底", "10%", None],
        [3, "植树造林", "林业站", "5月底", "80%", None],
        [4, "建文化站", "文化站", "12月底", "100%", None],
        [5, "修水渠", "水利站", "12月底", "45%", None],
    ]
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    ws["A1"].fill = _solid(Color(rgb="FFFFC000"))  # a title's fill: no light
    for n, fill in fills.items():
        if fill is not None:
            ws.cell(row=n + 2, column=6).fill = fill
    book.save(path)
    return path


def test_lights_given_as_fill_colours_alone_are_read_and_compared(tmp_path, plan_file):
    book = filled_ledger(
        tmp_path / "台账.xlsx",
        {
            1: _solid(Color(rgb="FF00B050")),  # Excel's standard green
            2: _solid(Color(rgb="FFFFFF00")),  # yellow
            3: _solid(Color(theme=6)),  # the theme's accent 3 (9BBB59 in openpyxl's): green
            4: _solid(Color(indexed=10)),  # the old palette's red
        },
    )
    result = run(str(book), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i].get("亮灯情况") for i in "12345"] == ["绿灯", "黄灯", "绿灯", "红灯", None]
    said = " ".join(result.stderr.split())
    assert (
        "第 3、4、5、6 行的亮灯情况没有文字（或只有●等符号），按单元格的填充颜色或字的颜色读出"
        in said
    )
    assert "第 4 行“招商引资”台账为黄灯，计划为红灯" in said
    assert "第 5 行“植树造林”台账为绿灯，计划为红灯" in said
    # (100% with no status: not done, on pace)
    assert "第 6 行“建文化站”台账为红灯，计划为绿灯（完成 100%" in said
    assert "修建村道”台账" not in said


def test_pale_fills_and_tinted_theme_colours_read_too_grey_does_not(tmp_path, plan_file):
    book = filled_ledger(
        tmp_path / "台账.xlsx",
        {
            1: _solid(Color(rgb="FFC6EFCE")),  # Excel's 好 (Good) style: pale green
            2: _solid(Color(rgb="FFFFEB9C")),  # 适中 (Neutral): pale yellow
            3: _solid(Color(theme=9, tint=0.3999)),  # accent 6 (F79646) lighter: orange
            4: _solid(Color(rgb="FFFFC7CE")),  # 差 (Bad): pale red
            5: _solid(Color(rgb="FFD9D9D9")),  # grey: no light
        },
    )
    result = run(str(book), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i].get("亮灯情况") for i in "12345"] == ["绿灯", "黄灯", "橙灯", "红灯", None]


def test_a_light_written_in_words_wins_over_its_fill(tmp_path, plan_file):
    book = filled_ledger(tmp_path / "台账.xlsx", {1: _solid(Color(rgb="FFFF0000"))})
    wb = openpyxl.load_workbook(book)
    wb.active["F3"] = "绿"
    wb.save(book)
    result = run(str(book), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["亮灯情况"] == "绿"
    assert "填充颜色" not in result.stderr


def test_a_mark_in_a_lights_colour_is_that_light(tmp_path, plan_file):
    book = filled_ledger(tmp_path / "台账.xlsx", {2: _solid(Color(rgb="FFFFFF00"))})
    wb = openpyxl.load_workbook(book)
    ws = wb.active
    for cell, mark, colour in (
        ("F3", "●", "FF00B050"),
        ("F4", "亮灯", None),
        ("F5", "■", "FFFF0000"),
    ):
        ws[cell] = mark
        if colour:
            ws[cell].font = Font(color=colour)
    ws["F6"] = "●"  # black: no light
    ws["F7"], ws["F7"].font = "未亮灯", Font(color="FFFF0000")  # words: kept as written
    wb.save(book)
    result = run(str(book), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i].get("亮灯情况") for i in "12345"] == ["绿灯", "黄灯", "红灯", "●", "未亮灯"]
    said = " ".join(result.stderr.split())
    assert "第 3、4、5 行的亮灯情况没有文字（或只有●等符号）" in said
    assert "第 5 行“植树造林”台账为红灯，计划为红灯" not in said  # (alike: not said)
    assert "修建村道”台账" not in said


def test_negated_lights_are_no_light_orange_is_behind_blue_is_done():
    for words in ("未亮红灯", "不亮灯", "无", "未亮灯", "没有亮灯", "无红灯", "非红灯", "—", "/",
                  "红灯未亮"):  # fmt: skip
        assert ledger_light(words) is None, words
    assert ledger_light("亮红灯") == "red"
    assert ledger_light("橙灯") == "orange" and ledger_light("橙") == "orange"
    assert ledger_light("蓝灯") == "blue" and ledger_light("🔵") == "blue"
    assert ledger_light("orange") == "orange"
    assert ledger_light("红灯未亮，亮黄灯") == "yellow" and ledger_light("红灯（未整改）") == "red"


def test_negations_say_nothing_orange_agrees_with_red_or_yellow_blue_with_done(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        HEAD,
        [1, "修建村道", "交通办", "12月底", "10%", "未亮红灯"],  # plan: red; no light said
        [2, "招商引资", "经发办", "12月底", "10%", "橙灯"],  # plan: red; orange is behind
        [3, "植树造林", "林业站", "12月底", "50%", "橙灯"],  # plan: green: unlike
        [4, "建文化站", "文化站", "12月底", "100%", "蓝灯"],  # at 100%: alike
        [5, "修水渠", "水利站", "12月底", "50%", "蓝灯"],  # not done: unlike
        [6, "修公厕", "环卫站", "12月底", "50%", "无"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["亮灯情况"] == "未亮红灯" and items["2"]["亮灯情况"] == "橙灯"
    said = " ".join(result.stderr.split())
    assert "修建村道”台账" not in said and "招商引资”台账" not in said
    assert "建文化站”台账" not in said and "修公厕”台账" not in said
    assert "第 5 行“植树造林”台账为橙灯，计划为绿灯" in said
    assert "第 7 行“修水渠”台账为蓝灯（已完成），计划为绿灯（未完成，完成 50%" in said


# ---------------------------------------------------------------- a July–June plan's hint


def test_the_hints_example_dates_fall_inside_a_july_to_june_plan(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年7月至2024年6月重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "修建村道", "交通办", "待定"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "应为完成时限，如 2023-12-31、2023年12月底前、12月31日前、2023.12、四季度" in said
    assert "2023-06-30" not in said and "2023年6月底前" not in said
    assert not plan_file.exists()


def test_the_english_hint_of_a_july_to_june_plan_too(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年7月至2024年6月重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "修建村道", "交通办", "待定"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--lang", "en")
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "expected a deadline such as 2023-12-31, December 31, end of December" in said
    assert "2023-06-30" not in said


# ---------------------------------------------------------------- 10个村居


def test_ten_village_communities_is_counted_in_cun_ju(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "完成10个村居环境整治", "城建办", "12月底"],
        [2, "覆盖8个村（居）", "民政办", "12月底"],
        [3, "建成3个村居民服务站", "民政办", "12月底"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["target"] == 10 and items["1"]["measure"] == "个村居"
    assert items["2"]["target"] == 8 and items["2"]["measure"] == "个村(居)"
    # 村居民服务站: the 个 count 服务站 of the 村居民, not 村居
    assert items["3"]["target"] == 3 and items["3"]["measure"] == "个"
    said = " ".join(result.stderr.split())
    assert "第 3 行“10个村居”" in said and "第 4 行“8个村（居）”" in said


# ---------------------------------------------------------------- a 整改 report's ledger note


def test_a_rectification_reports_ledger_note_speaks_of_problems(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "巡察反馈问题"},
            {"id": "1.1", "title": "村级财务管理不规范", "status": "done", "done": "2023-05-01"},
            {"id": "1.2", "title": "惠民资金发放不及时", "progress": 0.5},
        ],
        title="测试镇2023年巡察反馈问题整改清单",
    )
    result = CliRunner().invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "已完成整改的问题计100%" in text
    assert "已完成的任务计100%" not in text
    en = CliRunner().invoke(app, ["--lang", "en", "report", "--format", "md"])
    assert en.exit_code == 0, en.output
    assert "a problem rectified counts 100%" in en.stdout
    assert "a done task counts 100%" not in en.stdout
    assert read_plan(plan_file)["plan"]["title"] == "测试镇2023年巡察反馈问题整改清单"


# ---------------------------------------------------------------- a ledger as offices make it


def office_ledger(path: Path) -> Path:
    """A 台账 as an office makes it: a title merged across, 填报单位 and 填报时间 above, a header
    over two rows (责任主体 over 责任领导 and 责任人), 序号 一/（一）/1/(1), deadlines in words,
    several 责任人 apart by 、，and spaces, 完成进度 as 0.5 in a % format and as the text 50%,
    a hidden column, a 合计 row and a second sheet of 填报说明."""
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作任务推进台账"],
        ["填报单位：城关镇党政办", None, None, None, None, None, None, None, None,
         "填报时间：2023年6月30日"],
        ["序号", "工作任务", "责任主体", None, "完成时限", "目标值", "完成值", "完成进度",
         "亮灯情况", "备注", "内部编码"],
        [None, None, "责任领导", "责任人"],
        ["一", "经济发展"],
        ["（一）", "招商引资"],
        [1, "引进亿元以上项目3个", "张三", "李四、王五", "2023年6月底前", 3, 2, 0.5, "黄灯",
         None, "A01"],
        [2, "完成固定资产投资5亿元", "张三", "赵六，钱七", "长期坚持", "5亿元", None, "50%",
         None, None, "A02"],
        ["（二）", "农业农村"],
        [1, "完成村居环境整治", "孙八", "周九 吴十", "每季度末", None, None, 0.4, "绿", None,
         "A03"],
        ["(1)", "春季整治", "孙八", "周九", "3月底", None, None, "100%", None, "已完成", "A04"],
        ["(2)", "秋季整治", "孙八", "周九　吴十　郑十一", "9月底", None, None, "0%", None, None,
         "A05"],
        [2, "落实上级部署的防汛工作", "孙八", "郑十一", "按上级要求", None, None, 0.6, None,
         None, "A06"],
        ["二", "社会事业"],
        [1, "新建幼儿园1所", "冯十二", "陈十三、褚十四 卫十五", "2023年12月底前", 1, None, 0.3,
         "红灯", None, "A07"],
        ["合计", None, None, None, None, None, None, 0.46, None, None, None],
    ]  # fmt: skip
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "重点工作台账"
    for row in rows:
        ws.append(row)
    for cells in ("A1:K1", "A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4", "G3:G4", "H3:H4"):
        ws.merge_cells(cells)
    for cells in ("I3:I4", "J3:J4", "K3:K4", "J2:K2"):
        ws.merge_cells(cells)
    ws.column_dimensions["K"].hidden = True
    for cell in ("H7", "H10", "H13", "H15", "H16"):
        ws[cell].number_format = "0%"
    notes = book.create_sheet("填报说明")
    for line in ("填报说明", "1.完成进度按百分比填写", "2.亮灯：红灯滞后、黄灯预警、绿灯正常"):
        notes.append([line])
    book.save(path)
    return path


def test_an_office_ledger_reads_whole(tmp_path, plan_file):
    result = run(str(office_ledger(tmp_path / "台账.xlsx")))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert list(items) == [
        "1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.2.1.1", "1.2.1.2", "1.2.2", "2", "2.1"
    ]  # fmt: skip
    assert items["1.1.1"]["owner"] == ["李四", "王五"] and items["1.1.1"]["due"] == "2023-06"
    assert items["1.1.2"]["owner"] == ["赵六", "钱七"] and "due" not in items["1.1.2"]
    # names a space apart, as a cell is typed: each a person
    assert items["1.2.1.2"]["owner"] == ["周九", "吴十", "郑十一"]
    assert items["2.1"]["owner"] == ["陈十三", "褚十四", "卫十五"]
    assert [items[i]["progress"] for i in ("1.1.1", "1.1.2", "1.2.1.1", "1.2.2")] == [
        50,
        50,
        100,
        60,
    ]
    assert items["1.2.2"]["完成时限原文"] == "按上级要求" and "due" not in items["1.2.2"]
    assert items["1.1.1"]["内部编码"] == "A01"  # hidden, read, and said
    said = " ".join(result.stderr.split())
    assert "K 列“内部编码”" in said
    assert "第 16 行 '合计'" in said
    assert "还有 “填报说明”" in said
    assert "其中 “填报说明” 没有认得出的表头，不是任务表（如填报说明），不必导入。" in said
    assert read_plan(plan_file)["plan"]["year"] == 2023


def test_names_a_space_apart_are_people_but_a_post_or_a_place_stays_whole():
    from quanhu_plan.importing.values import names

    assert names("周九 吴十") == ["周九", "吴十"]
    assert names("周九　吴十　欧阳明月") == ["周九", "吴十", "欧阳明月"]
    assert names("陈十三、褚十四 卫十五") == ["陈十三", "褚十四", "卫十五"]
    assert names("张三 镇长") == ["张三 镇长"]  # a name and a post: one person
    assert names("城关镇 党政办") == ["城关镇 党政办"]
    assert names("县 农业局") == ["县 农业局"]
    assert names("王  五") == ["王五"]
    assert names("农业办 自然资源所") == ["农业办", "自然资源所"]
    assert names("张三（党委书记） 李四") == ["张三（党委书记）", "李四"]
    # 等 after the last name: the others, not a part of the name
    assert names("张三、李四等") == ["张三", "李四"]
    assert names("张三 等") == ["张三"]
    assert names("党政办、经发办等单位") == ["党政办", "经发办"]


def test_a_state_written_in_the_progress_column_is_the_tasks_status(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年度重点工作督查台账"],
        ["序号", "重点任务", "责任单位", "完成时限", "完成进度"],
        ["1.", "修建村道", "交通办", "2023年6月底前", 0.5],
        ["2.", "慰问困难群众", "民政办", "5月底", "已完成"],
        ["3.", "新建文化广场", "文化站", "年底前", "未开始"],
        ["4.", "开展文艺演出", "文化站", "年底前", "50％"],
        ["5.", "修公厕", "环卫站", "年底前", "好"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows, formats={"E3": "0%"})))
    assert result.exit_code == 1  # 好 says no state and no figure: refused, by cell
    said = " ".join(result.output.split())
    assert "Sheet1!E7（完成进度）：发现 '好'" in said
    assert "E4" not in said and "E5" not in said
    assert not plan_file.exists()
    rows.pop()
    result = run(str(workbook(tmp_path / "台账.xlsx", rows, formats={"E3": "0%"})), "--on",
                 "2023-06-30")  # fmt: skip
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["progress"] == 50 and items["4"]["progress"] == 50
    assert items["2"]["status"] == "done" and items["2"]["done_on"] == dt.date(2023, 6, 30)
    assert items["3"]["status"] == "todo" and "progress" not in items["3"]
    assert "完成日期推定为 2023-06-30" in " ".join(result.stderr.split())


def test_a_word_ledgers_lights_as_shading_highlight_or_coloured_marks(tmp_path, plan_file):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import RGBColor

    from .test_docx_import_s32G import add_table

    document = docx.Document()
    document.add_paragraph("城关镇2024年重点工作台账")
    rows: list[list[Any]] = [
        HEAD,
        [1, "修建村道", "交通办", "12月底", "50%", None],
        [2, "招商引资", "经发办", "12月底", "10%", None],
        [3, "植树造林", "林业站", "5月底", "80%", "●"],
        [4, "建文化站", "文化站", "12月底", "100%", None],
    ]
    table = add_table(document, rows)
    table.cell(1, 5)._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="00B050"/>')
    )
    marked = table.cell(2, 5).paragraphs[0].add_run("亮灯")
    marked._r.get_or_add_rPr().append(parse_xml(f'<w:highlight {nsdecls("w")} w:val="yellow"/>'))
    table.cell(3, 5).paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    path = tmp_path / "台账.docx"
    document.save(str(path))
    result = run(str(path), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i].get("亮灯情况") for i in "1234"] == ["绿灯", "黄灯", "红灯", None]
    said = " ".join(result.stderr.split())
    assert "按单元格的填充颜色或字的颜色读出" in said
    assert "“招商引资”台账为黄灯，计划为红灯" in said


def test_progress_as_numbers_0_5_beside_text_50_percent_are_fractions(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "完成进度"],
        [1, "甲", "党政办", "年底前", 0.5],
        [2, "乙", "党政办", "年底前", "50%"],
        [3, "丙", "党政办", "年底前", 0.3],
        [4, "丁", "党政办", "年底前", 1],
        [5, "戊", "党政办", "年底前", "30％"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i]["progress"] for i in "12345"] == [50, 50, 30, 100, 30]
    said = " ".join(result.stderr.split())
    assert "按小数读作百分数（0.6 即 60%）：Sheet1!E3、Sheet1!E5、Sheet1!E6" in said
    assert "0.5%" not in said


def test_deadlines_set_by_the_county_or_at_once_as_offices_write_them(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "防汛备汛", "应急办", "按县里要求"],
        [2, "人口普查", "统计站", "按县委县政府统一部署"],
        [3, "整改信访件", "信访办", "即时"],
        [4, "迎检准备", "党政办", "根据市里的通知"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert all("due" not in items[i] for i in "1234")
    assert [items[i]["完成时限原文"] for i in "1234"] == [
        "按县里要求", "按县委县政府统一部署", "即时", "根据市里的通知"
    ]  # fmt: skip


def test_of_two_progress_columns_the_shown_one_is_read_not_the_hidden(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "完成进度", "完成进度"],
        [1, "修建村道", "交通办", "年底前", "30%", "50%"],
        [2, "改造危房", "住建办", "年底前", "20%", "40%"],
    ]
    book = workbook(tmp_path / "台账.xlsx", rows)
    wb = openpyxl.load_workbook(book)
    wb.active.column_dimensions["E"].hidden = True  # last month's, hidden
    wb.save(book)
    result = run(str(book))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i]["progress"] for i in "12"] == [50, 40]
    assert items["1"]["完成进度"] == "30%"  # (kept, as written)
    said = " ".join(result.stderr.split())
    assert "表头里“完成进度”有 2 列：读的是 F 列，E 列原样保留为“完成进度”" in said
    assert "E 列“完成进度”" in said
    assert "--map 完成进度=skip" not in said  # (it would name both columns, and skip the read one)


def test_a_rows_light_goes_with_its_figures_to_the_task_made_for_them(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "目标值", "完成值", "亮灯情况"],
        [1, "完成村居环境整治", "城建办", "12月底", 10, 1, "绿灯"],
        ["(1)", "春季整治", "城建办", "3月底", None, None, None],
        ["(2)", "秋季整治", "城建办", "9月底", None, None, None],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert "亮灯情况" not in items["1"]
    assert items["1.3"]["target"] == 10 and items["1.3"]["亮灯情况"] == "绿灯"
    said = " ".join(result.stderr.split())
    assert "第 3 行“完成村居环境整治”台账为绿灯，计划为红灯（完成 10%" in said


def test_a_filled_light_column_is_said_of_the_tasks_rows_alone(tmp_path, plan_file):
    book = filled_ledger(
        tmp_path / "台账.xlsx", {n: _solid(Color(rgb="FFFFFF00")) for n in range(1, 9)}
    )
    wb = openpyxl.load_workbook(book)
    for col, value in ((2, "合计"), (5, "55%")):  # row 8, filled too
        wb.active.cell(row=8, column=col, value=value)
    wb.active["B12"] = "注：亮灯按督查结果填写"  # below rows 9 and 10, empty but filled
    wb.save(book)
    result = run(str(book), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    assert len(items_of(plan_file)) == 5
    said = " ".join(result.stderr.split())
    assert "第 3、4、5、6、7 行的亮灯情况没有文字" in said
    assert "第 8 行 '合计'" in said and "第 12 行 '注：亮灯按督查结果填写'" in said


def test_a_light_column_named_as_the_county_names_it(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "完成进度", "督查亮灯"],
        [1, "招商引资", "经发办", "12月底", "10%", "绿灯"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["督查亮灯"] == "绿灯"
    said = " ".join(result.stderr.split())
    assert "第 3 行“招商引资”台账为绿灯，计划为红灯" in said
    assert "不认得的列" not in said


def test_a_deadline_then_work_kept_up_reads_the_deadline_and_keeps_the_words(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "河道清淤", "水利站", "6月底前完成，长期坚持"],
        [2, "垃圾分类", "环卫站", "2023年9月底前，并常态化推进"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2023-06" and items["2"]["due"] == "2023-09"
    assert items["1"]["完成时限原文"] == "6月底前完成，长期坚持"
    assert items["2"]["完成时限原文"] == "2023年9月底前，并常态化推进"


def test_a_bare_target_takes_its_unit_from_the_same_figure_in_the_title(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2023年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "目标值", "计量单位"],
        [1, "完成10个村居环境整治", "城建办", "年底前", 10, None],
        [2, "新建幼儿园1所", "教育办", "年底前", 1, None],
        [3, "新增就业200人", "人社所", "年底前", 150, None],  # another figure: not its unit
        [4, "改造农房30户", "住建办", "年底前", 30, "套"],  # the table's own unit
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["measure"] == "个村居" and items["2"]["measure"] == "所"
    assert "measure" not in items["3"] and items["4"]["measure"] == "套"
    said = " ".join(result.stderr.split())
    assert "计量单位取自标题中的同一个数：第 3 行“10个村居”→ 个村居；第 4 行“1所”→ 所。" in said
