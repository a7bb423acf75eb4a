"""Hostile text out through an exported table and back in through ``plan import``: the table
shows every control character as an escape (never raw), and the import reads those escapes back
as the characters, so the plan's text comes back as it was; a backslash the text holds before
what reads as an escape (a path ``C:\\x1b``, ``\\u202e`` typed as six characters) comes back as
typed, not as the character (s34C)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.controls import visible_exactly, visible_undone

from .conftest import write_plan

# Every kind of character ``visible`` shows as an escape, in the text of a title.
CONTROLS = (
    "\x1b[31m红\x07"  # a colour code and BEL
    "\x9b2J"  # C1 CSI
    "修\u202e倒序\u202c塘"  # a bidi override and its end
    "\u2066隔\u2069 \u200f\u061c"  # an isolate, marks
    "零\u200b宽\xad"  # a zero-width space, a soft hyphen
    "修\u200d塘"  # a joiner that joins no emoji
    "\U000e0041"  # a tag character
    "\x00\x08\x7f"  # NUL, backspace, DEL
)
# Backslashes of the text itself, before what reads as an escape and not.
BACKSLASHES = "路径 C:\\x1b\\new 字面\\u202e 双\\\\x07 反\\\x1b 大写\\u202E 非\\x41 尾\\"
OTHER = '[bold]粗[/] [x] `c` <b>&amp; | * _ # "q" 👍🏽 👨\u200d👩\u200d👧 e\u0301'


def items() -> list[dict[str, Any]]:
    return [
        {"id": "1", "title": f"基础{CONTROLS}"},
        {
            "id": "1.1",
            "title": f"修塘{CONTROLS}",
            "measure": f"处{CONTROLS}",
            "baseline": 30,
            "target": 40,
            "actual": 20,
            "lead": f"张三{CONTROLS}",
            "lead_unit": f"规划办{BACKSLASHES}",
            "owner": f"王五{CONTROLS}",
        },
        {"id": "1.2", "title": BACKSLASHES, "detail": f"内容{CONTROLS}{BACKSLASHES}"},
        {"id": "1.3", "title": OTHER, "status": "blocked", "reason": f"缺{CONTROLS}"},
        {"id": "1.4", "title": f"={CONTROLS}", "evidence": [f"验收{BACKSLASHES}"]},
    ]


FIELDS = ("title", "detail", "measure", "lead", "lead_unit", "owner", "reason", "evidence")


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result


def fields(path: Path) -> dict[str, dict[str, Any]]:
    with path.open("rb") as file:
        document = tomllib.load(file)
    return {
        item["id"]: {key: item[key] for key in FIELDS if key in item} for item in document["item"]
    }


def raw_controls(text: str) -> list[str]:
    return sorted({c for c in text if not c.isprintable()} - {"\n", "\u3000", "\u200d"})


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_an_exported_table_imported_gives_back_hostile_text_as_it_was(plan_file, tmp_path, suffix):
    write_plan(plan_file, items())
    table = tmp_path / f"表.{suffix}"
    run("export", "--as-of", "2023-06-30", "--out", str(table))
    if suffix == "csv":
        text = table.read_text(encoding="utf-8-sig")
    else:
        ws = openpyxl.load_workbook(table).active
        text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert raw_controls(text) == []  # shown, never raw in the table
    assert "\\x1b[31m红\\x07" in text and "修\\u202e倒序\\u202c塘" in text
    assert "C:\\\\x1b\\new" in text  # the text's own backslash before x1b, doubled
    back = tmp_path / "back.toml"
    run("import", str(table), "--out", str(back))
    assert fields(back) == fields(plan_file)
    # and the imported plan's table is the same table
    again = tmp_path / f"again.{suffix}"
    run("-f", str(back), "export", "--as-of", "2023-06-30", "--out", str(again))
    if suffix == "csv":
        first = table.read_text(encoding="utf-8-sig").splitlines()[1:]
        assert again.read_text(encoding="utf-8-sig").splitlines()[1:] == first


HIDDEN_AND_NOT = st.sampled_from(
    ["\\", "x", "u", "U", "1b", "202e", "000e0041", "41", "\x1b", "\u202e", "\u200b",
     "\u200d", "\u200c", "\x00", "\x9b", "\ufffe", "\U000e0041", "修", "👨", "a", "f", "0"]
)  # fmt: skip


@settings(max_examples=300, derandomize=True)
@given(st.lists(HIDDEN_AND_NOT, max_size=10).map("".join))
def test_what_an_exported_cell_shows_reads_back_as_the_text(text):
    shown = visible_exactly(text)
    assert visible_undone(shown) == text
    assert raw_controls(shown) == []  # (a joiner between two emoji stays: raw_controls)


def test_escapes_that_the_export_never_writes_stay_as_typed():
    for typed in ("\\x41", "\\u001B", "\\u001b", "C:\\new", "\\ud800", "a\\\\b", "\\x0a"):
        assert visible_undone(typed) == typed
        assert visible_exactly(typed) == typed


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_table_saved_again_by_libreoffice_gives_back_hostile_text(plan_file, tmp_path):
    write_plan(plan_file, items())
    table = tmp_path / "表.xlsx"
    run("export", "--as-of", "2023-06-30", "--out", str(table))
    saved = tmp_path / "saved"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx"]
        + ["--outdir", str(saved), str(table)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    back = tmp_path / "back.toml"
    run("import", str(saved / "表.xlsx"), "--out", str(back))
    assert fields(back) == fields(plan_file)


def test_a_csv_written_by_hand_keeps_what_reads_as_escapes_as_typed(plan_file, tmp_path):
    # (s34I: a ledger typed by hand is the office's text; only a table plan export wrote reads
    # its escapes back: tests/test_hostile_review_s34I.py)
    table = tmp_path / "台账.csv"
    rows = [
        ["序号", "工作任务", "责任人", "完成时限"],
        ["1", "修塘\\u202e倒", "王五\\x1b", "2023-06-30"],
        ["2", "路径 C:\\\\x1b", "李四", "2023-06-30"],
    ]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    table.write_text(out.getvalue(), encoding="utf-8")
    run("import", str(table), "--out", str(plan_file))
    got = fields(plan_file)
    assert got["1"] == {"title": "修塘\\u202e倒", "owner": "王五\\x1b"}
    assert got["2"]["title"] == "路径 C:\\\\x1b"
    shown = run("list").stdout
    assert "修塘\\u202e倒" in shown and "\u202e" not in shown and "\x1b" not in shown


def test_an_exported_table_pasted_into_word_gives_back_hostile_text(plan_file, tmp_path):
    import docx

    write_plan(plan_file, items())
    table = tmp_path / "表.xlsx"
    run("export", "--as-of", "2023-06-30", "--out", str(table))
    ws = openpyxl.load_workbook(table).active
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=3)]
    document = docx.Document()
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                grid.cell(r, c).text = str(value)
    word = tmp_path / "表.docx"
    document.save(str(word))
    back = tmp_path / "back.toml"
    run("import", str(word), "--out", str(back))
    got, want = fields(back), fields(plan_file)
    assert {n: got[n]["title"] for n in got} == {n: want[n]["title"] for n in want}
    assert got["1.1"]["owner"] == want["1.1"]["owner"]


UNSEEN = "修\u200b塘\xad\ufeff\u2060\u3164\U000e0041末"  # what draws nothing, and a tag


def test_the_plan_file_writes_what_draws_nothing_as_escapes_and_reads_it_back(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "基础"}])
    run("add", "1", UNSEEN, "--owner", "王\u200b五")
    run("edit", "1", "--title", f"基础{UNSEEN}")  # (a value rewritten in place)
    text = plan_file.read_text(encoding="utf-8")
    assert "\u200b" not in text and "\xad" not in text and "\u3164" not in text
    assert "\U000e0041" not in text and "\ufeff" not in text and "\u2060" not in text
    assert 'title = "修\\u200B塘\\u00AD\\uFEFF\\u2060\\u3164\\U000E0041末"' in text
    assert 'owner = "王\\u200B五"' in text
    with plan_file.open("rb") as file:
        items = {item["id"]: item for item in tomllib.load(file)["item"]}
    assert items["1.1"]["title"] == UNSEEN and items["1"]["title"] == f"基础{UNSEEN}"
    shown = run("show", "1.1").stdout
    assert "修\\u200b塘" in shown and "\u200b" not in shown


def test_a_text_cut_to_a_cell_says_its_own_length_and_the_import_says_it_was_cut(
    plan_file, tmp_path
):
    detail = "长" * 20_000 + "\u202e" + "😀" * 10_000  # 30,001 characters, 40,001 in UTF-16
    write_plan(plan_file, [{"id": "1", "title": "修塘", "detail": detail}])
    table = tmp_path / "表.xlsx"
    exported = run("export", "--out", str(table))
    assert "1 具体内容" in exported.stderr
    cell = next(
        c.value
        for row in openpyxl.load_workbook(table).active.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("长长")
    )
    assert cell.endswith("…（共 30,001 字 / 30,001 characters）")  # (not its escapes' 30,006)
    back = tmp_path / "back.toml"
    result = run("import", str(table), "--out", str(back))
    assert "的文字在导出时按 Excel 单元格的上限截断了" in result.stderr
    assert "推进情况表!C4" in result.stderr and "plan -f" not in result.stderr
    english = run("--lang", "en", "import", str(table), "--out", str(back), "--force")
    assert "The text of 推进情况表!C4 was cut on export" in english.stderr
    assert fields(back)["1"]["detail"] == visible_undone(cell)  # (the cut part, \u202e read)


@pytest.mark.parametrize(
    ("escapes", "zh", "en"),
    [
        (
            "\\uD83D\\uDE00",
            "\\uD83D\\uDE00 是一个字符按 JSON、JavaScript 的写法拆成的两半，TOML 不这样写："
            "请写成 \\U0001F600（或直接写这个字符）",
            "\\uD83D\\uDE00 is one character written in two halves, as JSON and JavaScript "
            "write it, which TOML does not take: write \\U0001F600 (or the character itself)",
        ),
        (
            "\\ud800",
            "\\ud800 是半个字符（UTF-16 的代理项），不表示任何字符：请删掉它",
            "\\ud800 is half of a character (a UTF-16 surrogate), which stands for no "
            "character: delete it",
        ),
    ],
)
def test_a_utf16_half_in_a_hand_written_plan_says_what_to_write(plan_file, escapes, zh, en):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}])
    text = plan_file.read_text(encoding="utf-8").replace('"修塘"', f'"修塘{escapes}"')
    plan_file.write_text(text, encoding="utf-8")
    result = run("status", code=1)
    assert zh in result.stderr and "常见原因" not in result.stderr
    assert "（事项 1）" in result.stderr and "Traceback" not in result.output
    english = run("--lang", "en", "check", code=1)
    assert en in english.stderr and "unbalanced quotes" not in english.stderr
    assert plan_file.read_text(encoding="utf-8") == text  # nothing written


def test_the_plan_file_writes_a_joiner_that_joins_no_emoji_as_its_escape(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "基础"}])
    title = "修\u200d塘 修\u200c塘 👨\u200d👩\u200d👧 نامه\u200cها"
    run("add", "1", title)
    text = plan_file.read_text(encoding="utf-8")
    assert 'title = "修\\u200d塘 修\\u200c塘 👨\u200d👩\u200d👧 نامه\u200cها"' in text
    with plan_file.open("rb") as file:
        assert tomllib.load(file)["item"][1]["title"] == title


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_hostile_text_typed_through_the_commands_comes_back_through_a_table(
    plan_file, tmp_path, suffix, clock
):
    write_plan(plan_file, [{"id": "1", "title": "基础"}])
    typed = f"{CONTROLS} {BACKSLASHES} {OTHER}"
    run("add", "1", f"修塘{typed}", "--owner", f"王五{CONTROLS}", "--due", "2023-09-30")
    run("add", "1", "路灯", "--due", "2023-09-30")
    run("edit", "1.2", "--title", f"路灯{typed}")
    run("note", "1.1", f"进展{typed}", "--on", "2023-05-01")
    run("block", "1.2", "--reason", f"受阻{typed}", "--on", "2023-05-02")
    table = tmp_path / f"表.{suffix}"
    run("export", "--as-of", "2023-06-30", "--out", str(table))
    back = tmp_path / "back.toml"
    run("import", str(table), "--out", str(back))
    assert fields(back) == fields(plan_file)
    with back.open("rb") as file:
        notes = [e["note"] for i in tomllib.load(file)["item"] for e in i.get("log", [])]
    assert f"进展{typed}" in notes
