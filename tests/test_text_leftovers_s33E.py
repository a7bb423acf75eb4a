"""Hostile and odd text left over from session 32 (user text is data; tables line up): emoji
widths in the terminal tables, Excel's cell limit in UTF-16 units, default-ignorable
characters, and the smaller leftovers of s33E."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

EMOJI = {
    "❤️": "爱心敬老",  # VS16
    "👍🏽": "点赞活动",  # skin tone
    "👨\u200d👩\u200d👧": "家庭医生",  # ZWJ family
    "🇨🇳": "国旗护卫",  # flag
    "1️⃣": "一号工程",  # keycap
}


def run(runner: CliRunner, *args: str, columns: int = 80, **env: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns), **env})
    assert result.exit_code == 0, result.output
    return result.output


# ---------------------------------------------------------------- 1. emoji in the tables


def _emoji_plan(plan_file: Path) -> None:
    items = [{"id": "1", "title": "卫生"}]
    for n, (emoji, words) in enumerate(EMOJI.items(), 1):
        # long enough to fold at 80 columns, the emoji near the fold too
        title = f"{emoji}{words}" + "长" * (20 + n) + emoji * 3 + "结束"
        items.append({"id": f"1.{n}", "title": title, "progress": 50, "owner": emoji + "王五"})
    items.append({"id": "1.9", "title": "普通标题" + "长" * 30, "progress": 50, "owner": "李四"})
    write_plan(plan_file, items)


def test_emoji_titles_keep_the_right_edge_of_every_row_in_line(
    runner: CliRunner, plan_file: Path
) -> None:
    _emoji_plan(plan_file)
    for terminal in ({}, {"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "0"}):  # pipe, terminal
        for args, end, times in ((["show", "1"], "50%", 4), (["list", "--flat"], "红灯", 5)):
            text = run(runner, *args, **terminal)
            rows = [line for line in text.splitlines() if line.endswith(end)]
            assert len(rows) == 6, text
            assert {cell_len(line) for line in rows} == {80}, text
            assert all(cell_len(line) <= 80 for line in text.splitlines()), text
            for emoji in EMOJI:  # never cut inside: each whole, four times in its title
                assert text.count(emoji) == times, (emoji, text)  # (list: the owner too)
            assert (
                text.count("👍") == text.count("👍🏽")
                and text.count("🇨") == text.count("🇳") == times
            ), text
            assert not any(line.startswith(("\ufe0f", "\u20e3", "🏽")) for line in text.split("\n"))
        text = run(runner, "status", "--by", "owner", **terminal)
        rows = [line for line in text.splitlines() if "王五" in line or "李四" in line]
        assert len(rows) == 6 and len({cell_len(line) for line in rows}) == 1, text
        text = run(runner, "list", **terminal)
        assert all(cell_len(line) <= 80 for line in text.splitlines()), text


# ---------------------------------------------------------------- 2. Excel's cell limit


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _note(text: str) -> dict[str, object]:
    import datetime as dt

    return {"on": dt.date(2023, 5, 10), "note": text}


def test_a_note_of_20000_emoji_is_cut_to_what_an_excel_cell_holds_and_said(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    import openpyxl

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "卫生"},
            {"id": "1.1", "title": "修塘", "progress": 50, "log": [_note("😀" * 20_000)]},
            {"id": "1.2", "title": "修路", "progress": 50, "log": [_note("👍🏽" * 9_000)]},
        ],
    )
    result = runner.invoke(app, ["export", "--out", "表.xlsx"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "表.xlsx").active
    notes = {
        row[0].value: next(c.value for c in row if isinstance(c.value, str) and "😀" in c.value)
        for row in sheet.iter_rows(min_row=4)
        if row[0].value == "1.1"
    }
    note = notes["1.1"]
    assert _utf16_units(note) <= 32_767, _utf16_units(note)
    assert note.endswith("…（共 20,000 字 / 20,000 characters）"), note[-40:]
    assert note.startswith("😀" * 16_000)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in note)
    skin = next(
        c.value
        for row in sheet.iter_rows(min_row=4)
        if row[0].value == "1.2"
        for c in row
        if isinstance(c.value, str) and "👍" in c.value
    )
    assert _utf16_units(skin) <= 32_767
    # cut between two pictures, never between a hand and its skin tone
    assert skin.split("…（共")[0].endswith("👍🏽"), skin[-40:]
    # where: on stderr, the item and the column, once each
    said = result.stderr
    assert "1.1" in said and "1.2" in said and "32,767" in said, said
    assert "1.1 进展情况、1.2 进展情况" in said, said


# ---------------------------------------------------------------- 6. 春节前 on the command's day


def test_a_typed_spring_festival_deadline_is_the_one_coming_on_the_commands_day(
    runner: CliRunner, plan_file: Path, clock: object
) -> None:
    """春节前 typed on 2024-01-15 (--on) in a 2024 plan is that February's (除夕 2024-02-09),
    not the one after the day the command happens to run (2025-01-28, run after the plan)."""
    import datetime as dt
    import tomllib

    write_plan(
        plan_file,
        [{"id": "1", "title": "民生"}, {"id": "1.1", "title": "走访慰问"}],
        year=2024,
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    run(runner, "add", "1", "农民工工资清零", "--due", "春节前", "--on", "2024-01-15")
    run(runner, "edit", "1.1", "--due", "春节前", "--on", "2024-01-10")
    items = {i["id"]: i for i in tomllib.loads(plan_file.read_text("utf-8"))["item"]}
    assert items["1.2"]["due"] == dt.date(2024, 2, 9), items["1.2"]
    assert items["1.1"]["due"] == dt.date(2024, 2, 9), items["1.1"]
    # after that 除夕, the next year's
    run(runner, "edit", "1.1", "--due", "春节前", "--on", "2024-03-01")
    items = {i["id"]: i for i in tomllib.loads(plan_file.read_text("utf-8"))["item"]}
    assert items["1.1"]["due"] == dt.date(2025, 1, 28), items["1.1"]


# ---------------------------------------------------------------- 5. county --key of odd keys


def _county_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "镇"
    folder.mkdir()
    write_plan(
        folder / "a.toml",
        [
            {"id": "1", "title": "农业"},
            {"id": "1.1", "title": "修塘", "key": "县-1", "progress": 30},
            {"id": "1.2", "title": "修路", "key": "县-2", "progress": 60},
        ],
        organisation="甲镇",
    )
    write_plan(
        folder / "b.toml",
        [
            {"id": "1", "title": "农业"},
            {"id": "1.2", "title": "建桥", "key": "县-3、县-4", "progress": 60},
        ],
        organisation="乙镇",
    )
    return folder


def test_county_key_of_several_keys_says_to_ask_for_each_and_a_key_with_a_line_break_stays_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = str(_county_folder(tmp_path))
    for typed in ("县-1、县-2", "县-1\n县-2", "县-1，县-2"):
        result = runner.invoke(app, ["county", folder, "--key", typed], env={"COLUMNS": "200"})
        said = result.output
        # one key at a time: the command for each, not "no plan has 县-1、县-2"
        assert "--key 县-1" in said and "--key 县-2" in said, said
        assert "\n县-2" not in said, said  # (the typed line break never breaks the sentence)
    # a key that holds 、 itself is one key, found as it is, and quoted where keys are listed
    found = runner.invoke(app, ["county", folder, "--key", "县-3、县-4"], env={"COLUMNS": "200"})
    assert found.exit_code == 0 and "建桥" in found.output, found.output
    missing = runner.invoke(app, ["county", folder, "--key", "县-9"], env={"COLUMNS": "200"})
    assert "“县-3、县-4”" in missing.output, missing.output
    # a line break in a key no plan has: shown as typed, on one line
    odd = runner.invoke(app, ["county", folder, "--key", "县-9\n县-8"], env={"COLUMNS": "200"})
    assert "县-9\\n县-8" in odd.output and "\n县-8" not in odd.output, odd.output


# ---------------------------------------------------------------- 3. default-ignorable characters

IGNORABLE_TITLE = "修\u034f塘\u200b工程\u2060a\u00adb\u180e\u115f"


def test_characters_that_draw_nothing_come_back_from_an_export_and_keep_the_columns(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """U+034F (the combining grapheme joiner), a zero-width space, a word joiner, a soft hyphen,
    U+180E and a Hangul filler in a title and an owner: the table showed each as an escape
    (\\u034f) and plan import took the escape for the text, six backslashes in the title."""
    import tomllib

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "卫生"},
            {"id": "1.1", "title": IGNORABLE_TITLE, "progress": 50, "owner": "王\u034f五"},
            {"id": "1.2", "title": "普通标题", "progress": 50, "owner": "李四"},
        ],
    )
    for suffix in (".xlsx", ".csv"):
        out = tmp_path / f"表{suffix}"
        assert runner.invoke(app, ["export", "--out", str(out)]).exit_code == 0
        back = tmp_path / f"back{suffix}.toml"
        result = runner.invoke(app, ["import", str(out), "--out", str(back)])
        assert result.exit_code == 0, result.output
        items = {i["id"]: i for i in tomllib.loads(back.read_text("utf-8"))["item"]}
        assert items["1.1"]["title"] == IGNORABLE_TITLE, (suffix, ascii(items["1.1"]["title"]))
        assert items["1.1"]["owner"] == "王\u034f五", suffix
    # on the terminal they are shown (as escapes), and the columns stay in line
    text = run(runner, "show", "1")
    rows = [line for line in text.splitlines() if line.endswith("50%")]
    assert len(rows) == 2 and len({cell_len(line) for line in rows}) == 1, text
    assert "\\u034f" in text, text


# ---------------------------------------------------------------- 4. a stop at a name's end


def test_a_stop_typed_after_a_name_is_left_out_of_the_reports_sentences_and_an_ellipsis_kept(
    runner: CliRunner, plan_file: Path
) -> None:
    """A title's 。 or ； was left out where a sentence names it (修路：推进受阻), the names of
    who answers for it kept theirs (由农业站；/王五。负责); an ellipsis is part of a title."""
    import datetime as dt

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施；"},
            {"id": "1.1", "title": "修塘。", "status": "done", "done_on": dt.date(2023, 3, 1)},
            {
                "id": "1.2",
                "title": "修路；",
                "status": "blocked",
                "reason": "资金未到位；",
                "owner": "王五。",
                "lead_unit": "农业站；",
            },
            {"id": "1.3", "title": "建桥……", "status": "blocked", "reason": "规划调整"},
        ],
    )
    result = runner.invoke(app, ["report", "--format", "md", "--out", "-"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "由农业站/王五负责" in text, text
    assert "王五。负责" not in text and "农业站；/" not in text, text
    assert "修路：" in text and "修塘（2023年3月1日完成）" in text, text
    assert "建桥……：" in text, text
    # the ledger's table keeps each name as written
    assert "| 王五。 |" in text or "王五。" in text.split("| 1.2 |")[1].split("\n")[0], text


# ---------------------------------------------------------------- 7. init of a huge path


def test_init_of_a_deep_path_names_it_shortened_keeping_its_start_and_its_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path
    for _ in range(6):
        folder = folder / ("很长的文件夹名称" * 3)
    folder.mkdir(parents=True)
    target = folder / "plan.toml"
    first = runner.invoke(app, ["init", str(target)])
    assert first.exit_code == 0, first.output
    assert target.is_file()
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 1, again.output
    missing = runner.invoke(app, ["init", str(folder / "没有" / "plan.toml")])
    assert missing.exit_code == 1, missing.output
    for said in (first.output, again.output, missing.output):
        flat = said.replace("\n", "")
        assert str(target) not in flat and "…" in flat, said
        assert "/plan.toml" in flat and str(tmp_path)[:20] in flat, said
        assert len(flat) < 260, said


# ---------------------------------------------------------------- hostile text across commands

HOSTILE = [
    "修\u202e塘abc",
    "修\u200b塘",
    "修\t塘",
    "修\r塘",
    "修\x1b[31m塘\x1b[0m",
    "\x1b]8;;http://evil/\x07点我\x1b]8;;\x07",
    "[/]修塘",
    "[link=http://x]修塘[/link]",
    "\u2066修\u2069塘",
]
RAW = ("\x1b", "\x07", "\r", "\u202e", "\u2066", "\u2069", "\u200b")


def test_hostile_text_reaches_no_terminal_or_word_file_raw_and_nothing_disappears(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    import datetime as dt
    import zipfile

    import openpyxl

    items = [{"id": "1", "title": "测试"}]
    for n, text in enumerate(HOSTILE, 1):
        note = {"on": dt.date(2023, 5, 1), "note": text + "\n" * 3 + "第二段" + "\n行" * 10_000}
        items.append(
            {
                "id": f"1.{n}",
                "title": text + "工程",
                "owner": text,
                "progress": 50,
                "status": "blocked",
                "reason": text,
                "log": [note],
            }
        )
    write_plan(plan_file, items)
    for terminal in ({}, {"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "0"}):
        for args in (["status", "--by", "owner"], ["list"], ["list", "--flat"], ["show", "1"]):
            text = run(runner, *args, **terminal)
            assert not any(raw in text for raw in RAW), (args, ascii(text)[:500])
            assert all(cell_len(line) <= 80 for line in text.splitlines()), (args, text)
            for kept in ("[/]修塘", "[link=http://x]修塘[/link]", "点我"):
                assert kept in text, (args, kept, text)
        for args in (["show", "1.6"], ["log"], ["report"]):
            text = run(runner, *args, **terminal)
            assert not any(raw in text for raw in RAW), (args, ascii(text)[:500])
            assert all(cell_len(line) <= 80 for line in text.splitlines()), args
    assert runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"]).exit_code == 0
    xml = zipfile.ZipFile(tmp_path / "r.docx").read("word/document.xml").decode("utf-8")
    assert not any(raw in xml for raw in RAW)
    assert "[link=http://x]修塘[/link]" in xml and "点我" in xml and "w:hyperlink" not in xml
    assert runner.invoke(app, ["export", "--out", "t.xlsx"]).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert not any(raw in cells for raw in RAW[:-1])
    assert "[link=http://x]修塘[/link]工程" in cells and "点我" in cells
