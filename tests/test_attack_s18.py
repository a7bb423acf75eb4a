"""Session 18 attacks: hostile plan files, text and arguments where earlier attacks did not go.

Each test shows one defect found, through the command a user runs: what it printed, its exit
code and what is on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

BASE = """\
[plan]
title = "测试镇2023年工作计划"
organisation = "测试镇人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31
lang = "zh"

[[item]]
id = "1"
title = "第一部分"

[[item]]
id = "1.1"
title = "修路"
owner = "张三"
measure = "公里"
target = 10
actual = 3

[[item]]
id = "1.2"
title = "建桥"
progress = 40
"""


def _refused(runner: CliRunner, plan_file: Path, text: str, lang: str = "zh") -> str:
    """The error a change gives on ``text`` (exit 1, the file as it was), with no traceback."""
    plan_file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--lang", lang, "note", "1.1", "进展"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert plan_file.read_text(encoding="utf-8") == text
    return result.output


# ---------------------------------------------------------------- TOML errors said plainly
# A log or milestone list written inline (as `plan fmt` writes it) and then one more entry
# added by hand as a [[item.log]] block: tomllib says "Cannot mutate immutable namespace
# ('item', 'log')" — English jargon with a Python tuple in the Chinese message.


@pytest.mark.parametrize("field", ["log", "milestone"])
def test_an_inline_list_then_a_block_of_it_is_said_plainly(
    runner: CliRunner, plan_file: Path, field: str
) -> None:
    entry = 'on = 2023-02-01\nnote = "b"' if field == "log" else 'due = "2023-Q3"\nprogress = 80'
    inline = (
        '[{ on = 2023-01-02, note = "a" }]'
        if field == "log"
        else '[{ due = "2023-Q2", progress = 50 }]'
    )
    text = BASE.replace("progress = 40", f"progress = 40\n{field} = {inline}")
    text += f"\n[[item.{field}]]\n{entry}\n"
    zh = _refused(runner, plan_file, text)
    assert "immutable" not in zh and "('item'" not in zh, zh
    assert f"item.{field}" in zh and "第 27 行" in zh, zh  # the line of the [[item.x]] header
    en = _refused(runner, plan_file, text, "en")
    assert "immutable namespace" not in en and "('item'" not in en, en
    assert f"item.{field}" in en, en


def test_a_table_declared_twice_is_named_as_toml_writes_it(
    runner: CliRunner, plan_file: Path
) -> None:
    text = BASE.replace('lang = "zh"', 'lang = "zh"\nwarning = { yellow = 10 }\n[plan.warning]')
    zh = _refused(runner, plan_file, text)
    assert "('plan'" not in zh and "plan.warning" in zh, zh
    en = _refused(runner, plan_file, text, "en")
    assert "('plan'" not in en and "plan.warning" in en, en


# A quote left open: TOML stops at the line's end ("Illegal character '\n'") — the message
# blamed an invisible disallowed character. A single quote with no other one after it in the
# whole file was placed at the end of the file, in another item.


@pytest.mark.parametrize(
    "line", ['owner = "张三', "owner = '张三"], ids=["double", "single_with_later_quote"]
)
def test_a_quote_left_open_is_said_to_be_open(
    runner: CliRunner, plan_file: Path, line: str
) -> None:
    text = BASE.replace('owner = "张三"', line).replace('title = "建桥"', "title = '建桥'")
    zh = _refused(runner, plan_file, text)
    assert "不允许出现的字符" not in zh and "引号没有结束" in zh, zh
    assert "第 16 行" in zh and "事项 1.1" in zh, zh
    en = _refused(runner, plan_file, text, "en")
    assert "Illegal character" not in en and "invalid character" not in en, en
    assert "line 16" in en and "item 1.1" in en, en


@pytest.mark.parametrize(
    ("opened", "rest"),
    [("owner = '张三", ""), ("detail = '''张三", ""), ('detail = """张三', "")],
    ids=["single", "multi_line_literal", "multi_line_basic"],
)
def test_a_quote_never_closed_is_placed_where_it_opens(
    runner: CliRunner, plan_file: Path, opened: str, rest: str
) -> None:
    text = BASE.replace('owner = "张三"', opened + rest)
    zh = _refused(runner, plan_file, text)
    assert "第 16 行" in zh and "事项 1.1" in zh and "引号没有结束" in zh, zh
    assert "Expected" not in zh, zh
    en = _refused(runner, plan_file, text, "en")
    assert "line 16" in en and "item 1.1" in en, en


# ---------------------------------------------------------------- a workbook that is a zip bomb
# 340 MB of shared strings packed into 800 KB: openpyxl spent more than five minutes of CPU on
# it before it said anything (a 1,048,576-row sheet two minutes, to refuse it); a cell of
# 500 MB would take gigabytes of memory. Refused at once, by the sizes its zip states.

_SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is>'
    '</c><c r="B1" t="inlineStr"><is><t>任务</t></is></c></row><row r="2"><c r="A2"><v>1</v></c>'
    '<c r="B2" t="s"><v>0</v></c></row></sheetData></worksheet>'
)
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CT_XL = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _bomb(path: Path, strings: int) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{_CT_NS}"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            f'"{_CT_XL}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{_CT_XL}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{_CT_XL}.sharedStrings+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" Type="{_DOC_NS}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_DOC_NS}"><sheets><sheet name="Sheet1" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" Type="{_DOC_NS}/'
            'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type='
            f'"{_DOC_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", _SHEET)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<sst xmlns="{_MAIN_NS}">'.encode())
            chunk = b"<si><t>a</t></si>" * 100_000
            for _ in range(strings // 100_000):
                part.write(chunk)
            part.write(b"</sst>")


def test_a_zip_bomb_workbook_is_refused_at_once(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    bomb = tmp_path / "任务分解表.xlsx"
    _bomb(bomb, 8_000_000)  # 136 MB of shared strings, in some 400 KB
    assert bomb.stat().st_size < 2**20
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "quanhu_plan", "import", str(bomb), "--out", "plan.toml"],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
            cwd=tmp_path,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("plan import of a zip bomb was still busy after 30 seconds")
    assert result.returncode == 1, result.stderr
    assert "解压后有 130 MB" in result.stderr and "没有写入任何文件" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "plan.toml").exists()


# ---------------------------------------------------------------- openpyxl's warnings
# A sheet whose 状态 column has Excel's drop-down list from another sheet (an x14 extension, as
# Excel and WPS write it) printed Python's warning line on stderr, openpyxl's source path and
# all: "…/openpyxl/worksheet/_reader.py:329: UserWarning: Data Validation extension is not
# supported and will be removed".

_DROP_DOWN = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.'
    'microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/></ext>'
    "</extLst></worksheet>"
)


def test_a_workbook_with_a_drop_down_list_imports_without_pythons_warnings(
    tmp_path: Path,
) -> None:
    import os
    import subprocess
    import sys
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "任务", "责任单位", "完成时限"])
    sheet.append([1, "修路", "交通站", "2023-06-30"])
    plain, table = tmp_path / "plain.xlsx", tmp_path / "任务分解表.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(table, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b"</worksheet>", _DROP_DOWN.encode())
            target.writestr(info, part)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    env.pop("PYTHONWARNINGS", None)
    result = subprocess.run(
        [sys.executable, "-m", "quanhu_plan", "import", str(table), "--out", "plan.toml"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "openpyxl" not in result.stderr, result.stderr
    assert "修路" in (tmp_path / "plan.toml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- plan merge on a broken side
# An emptied or cut-off version refused by plan merge went on with the advice for a plan file
# of one's own: "git checkout -- plan.toml (theirs)", "git diff plan.toml (theirs)" (no such
# file: the name is the message's), and "to start afresh, delete it and run plan init" — in
# the middle of a merge whose own advice is to abort it.


@pytest.mark.parametrize(
    "theirs_text", ["", BASE[: BASE.index("organisation") + 5]], ids=["empty", "cut_off"]
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_broken_side_of_a_merge_gets_no_advice_for_a_file_of_ones_own(
    runner: CliRunner, tmp_path: Path, theirs_text: str, lang: str
) -> None:
    base, ours, theirs = (tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs"))
    base.write_text(BASE, encoding="utf-8")
    ours.write_text(BASE, encoding="utf-8")
    theirs.write_text(theirs_text, encoding="utf-8")
    args = ["--lang", lang, "merge", str(base), str(ours), str(theirs), "plan.toml"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    said = result.output
    assert "git merge --abort" in said and "plan.toml (theirs)" in said, said
    for advice in ("git checkout -- plan.toml (theirs)", "git diff plan.toml (theirs)"):
        assert advice not in said, said
    assert "plan init" not in said, said
    assert ours.read_text(encoding="utf-8") == BASE


# ---------------------------------------------------------------- a tab in an id
# An id with a line break, a zero-width space or a bidi mark is refused: it cannot be typed.
# One with a tab passed plan check, shown everywhere as a space (1. 2), and no id typed on the
# command line named its item. (ESC, BEL and the like show as \x1b, \x07: ids may hold them.)


def test_an_id_with_a_tab_is_refused(runner: CliRunner, plan_file: Path) -> None:
    text = BASE.replace('id = "1.2"', 'id = "1.\\t2"')
    plan_file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert "制表符" in result.output and 'id = "1.2"' in result.output, result.output
    said = _refused(runner, plan_file, text)
    assert "第 22 行" in said, said
