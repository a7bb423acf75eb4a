"""plan import of a Word document (附件：××镇2023年重点工作任务分解表.docx): its table read as a
sheet (merged cells, a header over two rows, category rows, a table continued on the next page
with its header repeated), built here with python-docx as offices make them, and the plan it
gives compared with the one the same table gives in Excel."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from openpyxl.utils.cell import range_boundaries
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import BREAKDOWN, BREAKDOWN_MERGES, workbook


def run(*args: str):
    return CliRunner().invoke(app, ["import", *args])


def read_plan(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def add_table(document: Any, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Any:
    """A table of ``rows`` (None: an empty cell) with merged ranges written as Excel's
    ("A1:C1", rows counted in the table), as Word's "merge cells" makes them."""
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = str(value)
    for merged in merges:
        c0, r0, c1, r1 = range_boundaries(merged)
        table.cell(r0 - 1, c0 - 1).merge(table.cell(r1 - 1, c1 - 1))
    return table


def breakdown_document(path: Path, *, page_break: bool = True) -> Path:
    """The 分解表 of test_import, as a Word 附件: its two title rows as paragraphs above the
    table, the table from the header down, continued on a second page from category 二 with
    its header repeated (two tables, as Word users make them)."""
    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph(BREAKDOWN[0][0])
    document.add_paragraph(BREAKDOWN[1][0])
    header = BREAKDOWN[2:4]
    first = BREAKDOWN[2:8]  # header, 一 and its rows
    second = BREAKDOWN[8:]  # 二 to the note
    head_merges = ("A1:A2", "B1:B2", "C1:E1", "F1:F2", "G1:G2", "H1:H2", "I1:I2", "J1:J2", "K1:K2")
    add_table(document, first, (*head_merges, "B3:K3", "C4:C6"))
    paragraph = document.add_paragraph()
    if page_break:
        paragraph.add_run().add_break(WD_BREAK.PAGE)
    add_table(document, [*header, *second], (*head_merges, "B3:K3", "A7:K7"))
    document.save(path)
    return path


# ---------------------------------------------------------------- as for Excel


def test_a_word_breakdown_gives_the_plan_its_excel_twin_gives(tmp_path, plan_file):
    sheet_plan = tmp_path / "excel.toml"
    book = workbook(tmp_path / "分解表.xlsx", BREAKDOWN, BREAKDOWN_MERGES, sheet="任务分解表")
    assert run(str(book), "-o", str(sheet_plan)).exit_code == 0
    document = breakdown_document(tmp_path / "附件：泉湖镇2023年重点工作任务分解表.docx")

    result = run(str(document))

    assert result.exit_code == 0, result.output
    assert "导入 7 个事项（4 项任务），写入 plan.toml" in result.stdout
    assert "（表1，表头在第 1 行）" in result.stdout  # a table, not 工作表“表1”
    word, excel = read_plan(plan_file), read_plan(sheet_plan)
    assert word["item"] == excel["item"]
    assert word["plan"] == {
        **excel["plan"],
        "source": "附件：泉湖镇2023年重点工作任务分解表.docx（表1）",
    }
    assert word["plan"]["title"] == "泉湖镇2023年重点工作任务分解表"
    assert word["plan"]["organisation"] == "衡南县泉湖镇人民政府"


def test_a_table_continued_with_no_break_between_is_one_table(tmp_path, plan_file):
    document = breakdown_document(tmp_path / "分解表.docx", page_break=False)
    result = run(str(document), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "导入 7 个事项（4 项任务）" in result.stdout
    assert "还有" not in result.stderr  # no other table to tell of
    second_page = run(str(document), "--dry-run", "--sheet", "表2")  # the table it goes on in
    assert second_page.exit_code == 0, second_page.output
    assert "（表1，表头在第 1 行）导入 7 个事项" in second_page.stdout


def test_the_title_paragraph_gives_the_title_and_year_where_no_title_is_given(tmp_path, plan_file):
    document = docx.Document()
    document.add_paragraph("泉湖镇人民政府关于印发重点工作任务的通知，请各单位认真抓好落实。")
    document.add_paragraph("附件")
    document.add_paragraph("泉湖镇2024年重点工作任务分解表")
    add_table(document, [["序号", "工作任务", "完成时限"], ["1", "修塘", "6月底"]])
    path = tmp_path / "通知.docx"
    document.save(path)

    assert run(str(path)).exit_code == 0
    doc = read_plan(plan_file)
    assert doc["plan"]["title"] == "泉湖镇2024年重点工作任务分解表"
    assert doc["plan"]["year"] == 2024
    assert doc["item"][0]["due"] == "2024-06"  # 6月底 in the title's year

    assert run(str(path), "--title", "我的计划", "--force").exit_code == 0
    assert read_plan(plan_file)["plan"]["title"] == "我的计划"


# ---------------------------------------------------------------- cells named as in Word


def document_tables(path: Path) -> list[Any]:
    return docx.Document(str(path)).tables


def test_a_cell_that_cannot_be_read_is_named_by_its_table_row_and_column(tmp_path, plan_file):
    path = tmp_path / "分解表.docx"
    document = breakdown_document(path)
    opened = docx.Document(str(document))
    opened.tables[0].cell(3, 6).text = "待定"  # table 1, row 4, column 7
    opened.tables[1].cell(4, 6).text = "另行通知"  # table 2, row 5, column 7 (每月 reads: s32B)
    opened.save(path)

    result = run(str(path))

    assert result.exit_code == 1, result.output
    said = result.stderr
    assert "有 2 个单元格无法读取，没有写入任何文件" in said
    first, second = (said.index(f"表{n} 第") for n in (1, 2))
    assert first < second  # in the document's order
    assert "  - 表1 第4行第7列（完成时限）：发现 '待定'；应为完成时限" in said
    assert "  - 表2 第5行第7列（完成时限）：发现 '另行通知'；应为完成时限" in said
    assert "Sheet1" not in said and "!" not in said.split("无法读取")[1].split("请在")[0]
    assert not plan_file.exists()

    english = CliRunner().invoke(app, ["--lang", "en", "import", str(path)])
    assert english.exit_code == 1
    assert "  - Table 1, row 4, column 7 (完成时限): found '待定'" in english.stderr
    assert "  - Table 2, row 5, column 7 (完成时限): found '另行通知'" in english.stderr
    assert "表1" not in english.stderr and "Traceback" not in english.output


def test_notices_name_cells_as_word_shows_them_in_english_too(tmp_path, plan_file):
    document = docx.Document()
    document.add_paragraph("泉湖镇2023年重点工作任务分解表")
    rows = [["工作任务", "目标值", "完成值", "计量单位"], ["播种", "3万亩", None, "亩"]]
    add_table(document, rows)
    path = tmp_path / "t.docx"
    document.save(path)

    zh = run(str(path), "--dry-run")
    assert zh.exit_code == 0, zh.output
    assert "表1 第2行第2列 3万亩（亩）" in zh.stderr
    assert "（表1，表头在第 1 行）" in zh.stdout

    en = CliRunner().invoke(app, ["--lang", "en", "import", str(path), "--dry-run"])
    assert en.exit_code == 0, en.output
    assert "not as a number: Table 1, row 2, column 2 3万亩（亩）." in en.stderr
    assert "(Table 1, header on row 1)" in en.stdout
    assert "表1" not in en.output


# ---------------------------------------------------------------- the text of a cell


W = nsdecls("w")


def _run(text: str) -> str:
    return f'<w:r {W}><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_a_cells_text_is_what_word_shows(tmp_path, plan_file):
    document = docx.Document()
    table = add_table(
        document,
        [["序号", "工作任务", "具体内容", "牵头单位"], ["1", None, None, None]],
    )
    title = table.cell(1, 1)._tc.find(qn("w:p"))
    # a tracked insertion kept, a deletion dropped, a comment left out, a hidden run left out
    title.append(parse_xml(_run("修")))
    title.append(
        parse_xml(
            f'<w:ins {W} w:id="1" w:author="a" w:date="2023-01-01T00:00:00Z">{_run("塘")}</w:ins>'
        )
    )
    title.append(
        parse_xml(
            f'<w:del {W} w:id="2" w:author="a" w:date="2023-01-01T00:00:00Z">'
            f"<w:r><w:delText>修路</w:delText></w:r></w:del>"
        )
    )
    title.append(parse_xml(f'<w:commentRangeStart {W} w:id="3"/>'))
    title.append(parse_xml(f'<w:r {W}><w:commentReference w:id="3"/></w:r>'))
    title.append(parse_xml(f"<w:r {W}><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"))
    title.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    title.append(parse_xml(f"<w:r {W}><w:instrText> PAGE </w:instrText></w:r>"))
    title.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    title.append(parse_xml(_run("40处")))
    title.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
    detail = table.cell(1, 2)
    detail.text = "清淤"
    first = detail._tc.find(qn("w:p"))
    first.append(parse_xml(f"<w:r {W}><w:tab/><w:t>护砌</w:t><w:br/><w:t>验收</w:t></w:r>"))
    detail.add_paragraph("第二段")
    rel = document.part.relate_to(
        "http://example.org/",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    unit = table.cell(1, 3)._tc.find(qn("w:p"))
    unit.append(
        parse_xml(
            f'<w:hyperlink {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rel}">{_run("水利站")}</w:hyperlink>'
        )
    )
    nested = table.cell(1, 2).add_table(2, 2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "节点", "6月底"
    nested.cell(1, 0).text, nested.cell(1, 1).text = "验收", "10月底"
    path = tmp_path / "t.docx"
    document.save(path)

    result = run(str(path), "--year", "2023")

    assert result.exit_code == 0, result.output
    item = read_plan(plan_file)["item"][0]
    assert item["title"] == "修塘40处"
    assert item["lead_unit"] == "水利站"
    assert item["detail"] == "清淤\t护砌\n验收\n第二段\n节点 6月底\n验收 10月底"
    assert len(document_tables(path)) == 1  # the nested table is not a table of its own


# ---------------------------------------------------------------- several tables


def _contacts_and_tasks(path: Path, second_tasks: bool = False) -> Path:
    document = docx.Document()
    document.add_paragraph("联系人")
    add_table(document, [["单位", "联系人", "电话"], ["党政办", "张三", "0734-1234567"]])
    document.add_paragraph("一、重点工作任务")
    add_table(document, [["序号", "工作任务", "牵头单位"], ["1", "修塘", "水利站"]])
    if second_tasks:
        document.add_paragraph("二、民生实事")
        add_table(document, [["序号", "工作任务", "牵头单位"], ["1", "修路", "交通站"]])
    document.save(path)
    return path


def test_the_first_table_with_a_known_header_is_read_and_sheet_names_a_table(tmp_path, plan_file):
    path = _contacts_and_tasks(tmp_path / "t.docx", second_tasks=True)
    result = run(str(path), "--year", "2023")
    assert result.exit_code == 0, result.output
    assert [i["title"] for i in read_plan(plan_file)["item"]] == ["修塘"]
    assert "只导入了表2" in result.stderr and "“表3”" in result.stderr

    assert run(str(path), "--sheet", "表3", "--force", "--year", "2023").exit_code == 0
    assert [i["title"] for i in read_plan(plan_file)["item"]] == ["修路"]

    every = run(str(path), "--sheet", "全部", "--force", "--year", "2023")
    assert every.exit_code == 0, every.output
    titles = {i["id"]: i["title"] for i in read_plan(plan_file)["item"]}
    # each part named by the title above its table, without its numbering (一、)
    assert titles == {"1": "重点工作任务", "1.1": "修塘", "2": "民生实事", "2.1": "修路"}
    assert "以表格上方的标题为名称" in every.stderr

    missing = run(str(path), "--sheet", "表9", "--force")
    assert missing.exit_code == 1
    assert "里没有名为“表9”的表格。它的表格有：“表1”、“表2”、“表3”" in missing.stderr


def test_several_tables_are_told_of_as_tables_in_english_and_named_so(tmp_path, plan_file):
    path = _contacts_and_tasks(tmp_path / "t.docx", second_tasks=True)
    english = ["--lang", "en", "import", str(path), "--year", "2023"]
    result = CliRunner().invoke(app, english)
    assert result.exit_code == 0, result.output
    assert "(Table 2, header on row 1)" in result.stdout
    assert "Only Table 2 was imported; the document also has Table 1, Table 3." in result.stderr
    assert "import again with --sheet all (each table becomes a part" in result.stderr
    assert "sheet" not in result.output.replace("--sheet", "")

    named = CliRunner().invoke(app, [*english, "--sheet", "Table 3", "--force"])
    assert named.exit_code == 0, named.output
    assert [i["title"] for i in read_plan(plan_file)["item"]] == ["修路"]
    assert read_plan(plan_file)["plan"]["source"] == "t.docx（表3）"


def test_map_and_force_work_on_a_word_table(tmp_path, plan_file):
    document = docx.Document()
    add_table(document, [["序号", "任务清单", "承办股室"], ["1", "修塘", "水利站"]])
    path = tmp_path / "t.docx"
    document.save(path)
    plain = run(str(path), "--year", "2023")
    assert plain.exit_code == 1 and "找不到表头行" in plain.stderr
    mapped = ["--map", "任务清单=title", "--map", "承办股室=lead_unit", "--year", "2023"]
    assert run(str(path), *mapped).exit_code == 0
    assert read_plan(plan_file)["item"][0]["lead_unit"] == "水利站"
    again = run(str(path), *mapped)
    assert again.exit_code == 1 and "已经存在" in again.stderr
    assert run(str(path), *mapped, "--force").exit_code == 0


# ---------------------------------------------------------------- files refused


def test_old_word_files_and_broken_documents_are_refused_in_one_paragraph(tmp_path, plan_file):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    (tmp_path / "old.doc").write_bytes(ole)
    (tmp_path / "old.wps").write_bytes(ole)
    (tmp_path / "renamed.docx").write_bytes(ole)
    locked = ole + "EncryptedPackage".encode("utf-16-le")
    (tmp_path / "locked.docx").write_bytes(locked)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "~$分解表.docx").write_bytes(b"\x0cadmin" + b"\0" * 150)
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("hello.txt", "hi")
    (tmp_path / "nothing.docx").write_bytes(empty.getvalue())
    document = docx.Document()
    document.add_paragraph("一、修塘（水利站，6月底）")
    document.save(tmp_path / "prose.docx")
    cases = [
        ("old.doc", "不能直接读取 .doc 格式（旧版 Word 或 WPS 文字）的文档", "另存为” .docx"),
        ("old.wps", "不能直接读取 .wps 格式", ".xlsx"),
        ("renamed.docx", "它其实是旧版 Word 的 .doc", "另存为” .docx"),
        ("locked.docx", "这份文档设置了打开密码", "取消密码"),
        ("broken.docx", "它不是有效的 Word 文档：文件已损坏", "另存为 .docx"),
        ("nothing.docx", "它不是有效的 Word 文档", "另存为 .docx"),
        ("prose.docx", "这份 Word 文档里没有表格", "复制到 Excel"),
        ("~$分解表.docx", "它是 Word 或 WPS 打开 分解表.docx 时在旁边留下的临时文件", "本身"),
    ]
    for name, said, fix in cases:
        result = run(name)
        assert result.exit_code == 1, (name, result.output)
        assert said in result.stderr and fix in result.stderr, (name, result.stderr)
        assert "没有写入任何文件" in result.stderr and "Traceback" not in result.output
        assert result.stderr.strip().count("\n") == 0, result.stderr  # one paragraph
    english = CliRunner().invoke(app, ["--lang", "en", "import", "old.doc"])
    assert ".doc documents (old Word or WPS Writer) cannot be read" in english.stderr
    assert not plan_file.exists()


def test_a_docx_renamed_doc_is_read(tmp_path, plan_file):
    document = docx.Document()
    add_table(document, [["序号", "工作任务", "牵头单位"], ["1", "修塘", "水利站"]])
    document.save(tmp_path / "t.doc")
    assert run("t.doc", "--year", "2023").exit_code == 0
    assert read_plan(plan_file)["item"][0]["title"] == "修塘"


def test_a_document_that_unpacks_past_the_limit_is_refused_unread(tmp_path, plan_file):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (101 * 2**20))
    (tmp_path / "bomb.docx").write_bytes(bomb.getvalue())
    result = run("bomb.docx")
    assert result.exit_code == 1
    assert "文档解压后有 101 MB，超出了能导入的大小（100 MB）" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- Word's own numbering (编号)


def _numbered_list(document: Any, levels: list[tuple[str, str]], start: int = 1) -> str:
    """A list whose levels show (numFmt, lvlText), e.g. ("chineseCounting", "%1、"): its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = str(90 + len(numbering.num_lst))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{kind}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (kind, text) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
    )
    numbering.insert(0, abstract)  # (abstractNum before num, as the schema orders them)
    num_id = str(200 + len(numbering.num_lst))
    numbering.append(
        parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return num_id


def _number(cell: Any, num_id: str, level: int = 0) -> None:
    paragraph = cell.paragraphs[0]._p
    properties = paragraph.get_or_add_pPr()
    properties.append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_numbers_words_automatic_numbering_shows_are_read_as_typed(tmp_path, plan_file):
    document = docx.Document()
    document.add_paragraph("泉湖镇2023年重点工作任务分解表")
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [None, "打牢一个基础"],
        [None, "全力实施乡村振兴战略"],
        [None, "修塘", "水利站", "6月底"],
        [None, "修路", "交通站", "9月底"],
        [None, "培育两大产业"],
        [None, "建体验馆", "文化站", "年底前"],
    ]
    table = add_table(document, rows, ("B2:D2", "B3:D3", "B6:D6"))
    parts = _numbered_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%1）")])
    tasks = _numbered_list(document, [("decimal", "%1")])
    for row, level in ((1, 0), (2, 1), (5, 0)):
        _number(table.cell(row, 1), parts, level)
    for row in (3, 4, 6):
        _number(table.cell(row, 0), tasks)
    path = tmp_path / "t.docx"
    document.save(path)

    result = run(str(path), "--dry-run")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:6] == [
        "1 打牢一个基础",
        "  1.1 全力实施乡村振兴战略",
        "    1.1.1 修塘  · 责任：水利站 · 完成时限：2023-06",
        "    1.1.2 修路  · 责任：交通站 · 完成时限：2023-09",
        "2 培育两大产业",
        "  2.1 建体验馆  · 责任：文化站 · 完成时限：2023-12-31",
    ]
    assert "（一）" not in result.stdout and "一、" not in result.stdout  # read as numbering


@pytest.mark.parametrize(
    ("n", "kind", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (35, "chineseCounting", "三十五"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedCircle", "②"),
        (12, "decimalFullWidth", "１２"),
        (4, "lowerRoman", "iv"),
        (27, "upperLetter", "AA"),
        (7, "decimal", "7"),
    ],
)
def test_a_counter_shows_as_its_number_format_shows_it(n, kind, shown):
    from quanhu_plan.importing.word_numbering import formatted

    assert formatted(n, kind) == shown


def test_rows_of_a_table_continued_on_the_next_page_are_said_as_in_it(tmp_path, plan_file):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    document = docx.Document()
    document.add_paragraph("泉湖镇2023年重点工作任务分解表")
    add_table(document, [header, ["1", "整治耕地抛荒300亩", "农业办", "6月底"]])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    add_table(document, [header, ["2", "修塘40处", "水利站", "10月底"]])
    path = tmp_path / "t.docx"
    document.save(path)

    zh = run(str(path), "--dry-run")
    assert zh.exit_code == 0, zh.output
    assert "第 2 行“300亩”；表2 第 2 行“40处”" in zh.stderr

    en = CliRunner().invoke(app, ["--lang", "en", "import", str(path), "--dry-run"])
    assert "row 2 '300亩'; Table 2, row 2 '40处'" in en.stderr


def test_merged_cells_hold_their_text_in_every_cell_and_span_as_merged(tmp_path):
    from quanhu_plan.importing.sheets import read_sheets

    document = docx.Document()
    rows = [
        ["序号", "工作任务", "责任领导", "完成时限"],
        ["1", "修塘", "张三", "6月底"],
        ["2", "修路", None, "9月底"],
        ["3", "建馆", "李四", "年底前"],
        ["4", "修桥", None, "长期"],
    ]
    add_table(document, rows, ("C2:C3", "C4:C5", "A1:B1"))
    path = tmp_path / "t.docx"
    document.save(path)

    (sheet,) = read_sheets(path)

    assert [row[2] for row in sheet.rows] == ["责任领导", "张三", "张三", "李四", "李四"]
    assert sheet.rows[0][:2] == ["序号\n工作任务"] * 2  # (Word keeps both as paragraphs)
    assert (sheet.span(2, 2), sheet.span(4, 2), sheet.span(0, 1)) == (
        (1, 2, 2, 2),
        (3, 2, 4, 2),
        (0, 0, 0, 1),
    )
    assert sheet.address(4, 2) == "表1 第5行第3列"


def test_a_cell_spanning_past_the_columns_a_table_can_have_is_refused(tmp_path, plan_file):
    document = docx.Document()
    table = add_table(document, [["序号", "工作任务"], ["1", "修塘"]])
    properties = table.cell(1, 1)._tc.get_or_add_tcPr()
    properties.append(parse_xml(f'<w:gridSpan {W} w:val="1000000000"/>'))
    document.save(tmp_path / "t.docx")
    result = run("t.docx")
    assert result.exit_code == 1, result.output
    assert "表1 第2行第1000000001列 超出了能导入的范围（最多 100000 行、200 列）" in result.stderr
    assert "Traceback" not in result.output and not plan_file.exists()


def test_replacing_a_plan_whose_changes_the_document_lacks_needs_replace(
    tmp_path, plan_file, clock
):
    document = docx.Document()
    document.add_paragraph("泉湖镇2023年重点工作任务分解表")
    add_table(document, [["序号", "工作任务", "牵头单位"], ["1", "修塘", "水利站"]])
    document.save(tmp_path / "t.docx")
    assert run("t.docx").exit_code == 0
    assert CliRunner().invoke(app, ["done", "1", "--on", "2023-01-01"]).exit_code == 0

    refused = run("t.docx", "--force")

    assert refused.exit_code == 1, refused.output
    assert "--replace" in refused.stderr and "Traceback" not in refused.output
    assert read_plan(plan_file)["item"][0]["status"] == "done"
    assert run("t.docx", "--force", "--replace").exit_code == 0
    assert "status" not in read_plan(plan_file)["item"][0]


def test_a_numbering_set_in_a_paragraph_style_is_read_too(tmp_path, plan_file):
    document = docx.Document()
    table = add_table(
        document,
        [["序号", "工作任务", "牵头单位"], [None, "修塘", "水利站"], [None, "修路", "交通站"]],
    )
    for row in (1, 2):  # Word's "List Number" style (列表编号): 1. 2.
        table.cell(row, 0).paragraphs[0].style = document.styles["List Number"]
    document.save(tmp_path / "t.docx")

    from quanhu_plan.importing.sheets import read_sheets

    (sheet,) = read_sheets(tmp_path / "t.docx")
    assert [row[0] for row in sheet.rows] == ["序号", "1.", "2."]
    result = run("t.docx", "--year", "2023")
    assert result.exit_code == 0, result.output
    assert [i["title"] for i in read_plan(plan_file)["item"]] == ["修塘", "修路"]


@pytest.mark.parametrize(
    ("between", "joined"),
    [
        (["泉湖镇2023年重点工作任务分解表"], True),  # the title again over the next page
        (["（续表）"], True),
        (["泉湖镇2023年重点工作任务分解表（续）"], True),
        ([], True),
        (["二、民生实事"], False),  # another table with the same header
    ],
)
def test_a_table_with_its_header_again_goes_on_unless_a_new_title_comes_between(
    tmp_path, plan_file, between, joined
):
    header = ["序号", "工作任务", "牵头单位"]
    document = docx.Document()
    document.add_paragraph("泉湖镇2023年重点工作任务分解表")
    add_table(document, [header, ["1", "修塘", "水利站"]])
    for text in between:
        document.add_paragraph(text)
    add_table(document, [["序 号", "工作 任务", "牵头单位"], ["2", "修路", "交通站"]])
    document.save(tmp_path / "t.docx")

    result = run("t.docx", "--year", "2023")

    assert result.exit_code == 0, result.output
    titles = [i["title"] for i in read_plan(plan_file)["item"]]
    assert titles == (["修塘", "修路"] if joined else ["修塘"])
    assert ("只导入了表1" in result.stderr) is not joined


def test_what_is_said_of_sheets_is_said_of_tables_but_quoted_text_stays_as_typed():
    from quanhu_plan.importing.word_tables import said_of_tables

    said = said_of_tables("只导入了工作表“表2”；工作簿中还有 “表1”，列“工作表”原样保留。", "zh")
    assert said == "只导入了表2；文档中还有 “表1”，列“工作表”原样保留。"
    english = said_of_tables("Sheet '表2': 表2 第3行第4列 (完成时限) in the workbook", "en")
    assert english == "Table 2: Table 2, row 3, column 4 (完成时限) in the document"


@pytest.mark.parametrize(("between", "joined"), [([""], False), (["续表"], True)])
def test_a_table_of_the_same_width_without_the_header_goes_on_under_a_continued_line_alone(
    tmp_path, plan_file, between, joined
):
    document = docx.Document()
    add_table(document, [["序号", "工作任务", "牵头单位"], ["1", "修塘", "水利站"]])
    for text in between:
        document.add_paragraph(text)
    add_table(document, [["2", "修路", "交通站"]])
    document.save(tmp_path / "t.docx")

    result = run("t.docx", "--year", "2023")

    assert result.exit_code == 0, result.output
    titles = [i["title"] for i in read_plan(plan_file)["item"]]
    assert titles == (["修塘", "修路"] if joined else ["修塘"])


def test_an_english_document_makes_an_english_plan_told_of_its_table(tmp_path, plan_file):
    document = docx.Document()
    document.add_paragraph("Riverside 2023 work plan")
    rows = [["No.", "Task", "Owner", "Deadline"], ["1", "Repair the pond", "Zhang", "30 June 2023"]]
    add_table(document, rows)
    document.save(tmp_path / "plan.docx")

    result = run("plan.docx")

    assert result.exit_code == 0, result.output
    assert "from plan.docx (Table 1, header on row 1) into plan.toml" in result.stdout
    doc = read_plan(plan_file)
    assert (doc["plan"]["lang"], doc["plan"]["source"]) == ("en", "plan.docx (Table 1)")
    assert doc["plan"]["title"] == "Riverside 2023 work plan"


def _another_list(document: Any, num_id: str, restart: bool) -> str:
    """A new list of the definition ``num_id`` counts by, started again at 1 or going on."""
    numbering = document.part.numbering_part.element
    base = next(n for n in numbering.num_lst if n.numId == int(num_id)).abstractNumId.val
    again = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    new_id = str(300 + len(numbering.num_lst))
    numbering.append(
        parse_xml(
            f'<w:num {W} w:numId="{new_id}"><w:abstractNumId w:val="{base}"/>'
            f"{again if restart else ''}</w:num>"
        )
    )
    return new_id


@pytest.mark.parametrize(
    ("restart", "numbers"), [(True, ["1", "2", "1"]), (False, ["1", "2", "3"])]
)
def test_numbering_started_again_starts_at_1_and_another_list_of_it_goes_on(
    tmp_path, restart, numbers
):
    from quanhu_plan.importing.sheets import read_sheets

    document = docx.Document()
    rows = [["序号", "工作任务"], [None, "修塘"], [None, "修路"], [None, "建馆"]]
    table = add_table(document, rows)
    tasks = _numbered_list(document, [("decimal", "%1")])
    _number(table.cell(1, 0), tasks)
    _number(table.cell(2, 0), tasks)
    _number(table.cell(3, 0), _another_list(document, tasks, restart))
    document.save(tmp_path / "t.docx")

    (sheet,) = read_sheets(tmp_path / "t.docx")

    assert [row[0] for row in sheet.rows[1:]] == numbers
