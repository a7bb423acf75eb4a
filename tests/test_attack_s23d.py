"""Session 23 attacks (D): hostile files and text a fresh adversarial tester tried — a plan
file or a table of gigabytes (a sparse file, a disk image's leftovers), names of nothing to
see, ids that a shell would read as commands in the commands the tool advises.

Each test shows one defect found, through the command a user runs: what it printed, its exit
code and what is on disk."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


SMALL = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "owner": "张三"},
    {"id": "1.2", "title": "修机耕道"},
]

GIGABYTES = 2 * 2**30


def _sparse(path: Path, size: int = GIGABYTES) -> Path:
    """A file of ``size`` zero bytes that takes no room on the disk (as a disk image, a
    download cut short or a preallocated file leaves one)."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


# ---------------------------------------------------------------- files of gigabytes


@pytest.mark.parametrize("args", [("status",), ("check",), ("done", "1.1")])
def test_a_plan_file_of_gigabytes_is_refused_by_its_size_without_reading_it(
    runner: CliRunner, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """plan -f big.toml status on a 2 GB file (sparse: a disk image's leftovers) read it
    whole: 40 seconds and 4 GB of memory (an office PC swaps or the program is killed) before
    it said the file was zero bytes. No plan is near that size (100,000 tasks are some 16 MB):
    it is refused by its size, at once, and left as it was."""
    big = _sparse(tmp_path / "big.toml")
    started = time.monotonic()
    result = runner.invoke(app, ["-f", str(big), *args])
    assert time.monotonic() - started < 10
    assert result.exit_code == 1, result.output
    said = result.output
    assert "big.toml" in said and "2,048 MB" in said and "Traceback" not in said, said
    assert "不会这么大" in said, said
    assert big.stat().st_size == GIGABYTES
    assert not (tmp_path / "big.toml.lock").exists()
    english = runner.invoke(app, ["--lang", "en", "-f", str(big), *args])
    assert english.exit_code == 1 and "2,048 MB" in english.output, english.output
    assert "no plan is that large" in english.output, english.output


def test_a_county_folder_holding_a_file_of_gigabytes_names_it_and_counts_the_others(
    runner: CliRunner, tmp_path: Path
) -> None:
    """plan county on a folder where one *.toml is 2 GB: it is named as too large and
    skipped, the other plans counted, in a moment."""
    folder = tmp_path / "各镇"
    folder.mkdir()
    write_plan(folder / "甲镇.toml", SMALL, organisation="甲镇人民政府")
    _sparse(folder / "乙镇.toml")
    started = time.monotonic()
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.output
    assert "甲镇" in result.output and "乙镇.toml" in result.output, result.output
    assert "2,048 MB" in result.output and "Traceback" not in result.output, result.output


@pytest.mark.parametrize("name", ["台账.csv", "台账.xlsx"])
def test_a_table_of_gigabytes_is_refused_by_its_size_without_reading_it(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    """plan import of a 2 GB .csv read it whole and decoded it: a minute and 12 GB of memory
    before it said "field larger than field limit (131072)"; a 2 GB .xlsx took 2 GB before it
    was called no workbook. A table to import (at most 100,000 rows) is well under 100 MB: a
    larger file is refused by its size, at once, and nothing is written."""
    table = _sparse(tmp_path / name)
    out = tmp_path / "导入.toml"
    started = time.monotonic()
    result = runner.invoke(app, ["import", str(table), "--out", str(out)])
    assert time.monotonic() - started < 10
    assert result.exit_code == 1, result.output
    said = result.output
    assert name in said and "2,048 MB" in said and "Traceback" not in said, said
    assert "field limit" not in said, said
    assert not out.exists()
    english = runner.invoke(app, ["--lang", "en", "import", str(table), "--out", str(out)])
    assert english.exit_code == 1 and "2,048 MB" in english.output, english.output
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_table_that_is_a_named_pipe_or_a_device_is_refused_without_waiting(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    """plan import 台账.csv where 台账.csv is a named pipe waited for ever for someone to write
    into it (a script's mistake, a FIFO left by another program); one that is a link to
    /dev/zero read until the memory ran out. Both are no table: refused at once."""
    table = tmp_path / "台账.csv"
    if kind == "fifo":
        os.mkfifo(table)
    else:
        table.symlink_to("/dev/zero")
    out = tmp_path / "导入.toml"
    started = time.monotonic()
    result = runner.invoke(app, ["import", str(table), "--out", str(out)])
    assert time.monotonic() - started < 10
    assert result.exit_code == 1, result.output
    assert "台账.csv" in result.output and "不是普通文件" in result.output, result.output
    assert "Traceback" not in result.output and not out.exists(), result.output


# ---------------------------------------------------------------- names of nothing to see

ZERO_WIDTH = "\u200b"  # a zero-width space, as WeChat and web pages paste it


def test_a_name_of_nothing_to_see_names_nobody_in_the_groups(
    runner: CliRunner, plan_file: Path
) -> None:
    """A task's owner a zero-width space alone (pasted from WeChat into the file): plan status
    --by owner drew a row with a blank name holding it and every task that names nobody
    (0/2 under "​"), where （未指定） belongs, and sorted it among the people. A name with
    nothing to see names nobody."""
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "owner": ZERO_WIDTH},
        {"id": "1.2", "title": "修机耕道"},
        {"id": "1.3", "title": "装路灯", "owner": f"张三、{ZERO_WIDTH}\u2060"},
    ]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["status", "--by", "owner", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines() if "/" in line]
    names = [row[0] for row in rows if row and row[0] not in ("合计",)]
    assert "张三" in names and "（未指定）" in names, result.output
    assert not any(ZERO_WIDTH in line for line in result.output.splitlines()), result.output
    unnamed = next(row for row in rows if row[0] == "（未指定）")
    assert unnamed[1] == "0/2", result.output
    assert names.index("（未指定）") == len(names) - 1, result.output  # (last, as always)


def test_add_keeps_a_name_as_edit_does_without_spaces_or_nothing_to_see(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan add 1 新任务 --owner "  " --lead <zero-width space> --unit " 农业股 " wrote
    owner = "  ", lead = "​" and lead_unit = " 农业股 " into the file, where plan edit takes
    the spaces off and a blank value for no value: a blank name shown in plan show and the
    tables. add now keeps what edit keeps."""
    import tomllib

    write_plan(plan_file, SMALL)
    result = runner.invoke(
        app,
        ["add", "1", "新任务", "--owner", "  ", "--lead", ZERO_WIDTH, "--unit", " 农业股 "],
    )
    assert result.exit_code == 0, result.output
    added = tomllib.loads(plan_file.read_text("utf-8"))["item"][-1]
    assert added["title"] == "新任务", added
    assert added["lead_unit"] == "农业股", added
    assert "owner" not in added and "lead" not in added, added


def test_edit_takes_a_name_of_nothing_to_see_as_no_name(runner: CliRunner, plan_file: Path) -> None:
    """plan edit 1.2 --owner <zero-width space> wrote it and said "责任人 — → ​" (a change to
    nothing anyone can see); --owner "  " is already taken as no owner. So is this: on a task
    with no owner nothing changes, and the file is left as it was."""
    write_plan(plan_file, SMALL)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["edit", "1.2", "--owner", ZERO_WIDTH + "\u200d"])
    assert result.exit_code == 1, result.output
    assert "没有修改" in result.output and ZERO_WIDTH not in result.output, result.output
    assert plan_file.read_bytes() == before


# ---------------------------------------------------------------- ids a shell would misread

# An id as a 任务分解表 numbers a task (a county's 序号 kept by plan import, or typed by hand):
# brackets and a space, which a shell reads as syntax and as two words.
ODD_ID = "专项(一) 1"
ODD_PLAN = [
    {"id": "专项", "title": "专项工作"},
    {"id": ODD_ID, "title": "修塘", "parent": "专项", "measure": "处"},
    {"id": f"{ODD_ID}.2", "title": "装路灯", "parent": "专项", "status": "done"},
]


def _advised(output: str, command: str) -> list[str]:
    """The words of the command ``command`` (e.g. "plan reopen") that ``output`` advises, as a
    POSIX shell reads them from the line (up to the Chinese or English punctuation after it)."""
    import re
    import shlex

    found = re.search(re.escape(command) + r" ([^。，；（）\n]+)", output)
    assert found, output
    return shlex.split(found.group(1))


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (("done", f"{ODD_ID}.2", "--on", "2023-05-01"), "plan reopen"),
        (("progress", f"{ODD_ID}.2", "50"), "plan reopen"),
        (("edit", ODD_ID, "--due", "2024-05-01"), "plan edit"),
        (("start", "装路灯"), "plan reopen"),
    ],
)
def test_an_id_a_shell_would_misread_is_quoted_in_the_command_advised(
    runner: CliRunner, plan_file: Path, args: tuple[str, ...], command: str
) -> None:
    """plan done on a task numbered 专项(一) 1.2, done already, advised "plan reopen 专项(一)
    1.2": pasted into a shell, a syntax error at the bracket (two words where it is one, in
    cmd). The id in a command the tool advises is quoted as a shell reads it, as the titles
    and paths in its commands are."""
    write_plan(plan_file, ODD_PLAN)
    result = runner.invoke(app, list(args))
    item = args[1] if args[1] != "装路灯" else f"{ODD_ID}.2"
    assert _advised(result.output, command)[0] == item, result.output


def test_a_figure_toward_no_target_advises_a_quoted_edit(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan record on a task without a target says to give it one with plan edit ID --target:
    the id quoted there too."""
    write_plan(plan_file, ODD_PLAN)
    result = runner.invoke(app, ["record", ODD_ID, "3"])
    assert result.exit_code == 0, result.output
    assert _advised(result.output, "plan edit")[:2] == [ODD_ID, "--target"], result.output


def test_a_removed_item_asked_for_advises_a_quoted_log(runner: CliRunner, plan_file: Path) -> None:
    """plan show on an item removed says where its history is: plan log ID, quoted."""
    write_plan(plan_file, ODD_PLAN)
    assert runner.invoke(app, ["rm", ODD_ID, "--yes"]).exit_code == 0
    result = runner.invoke(app, ["show", ODD_ID])
    assert result.exit_code != 0, result.output
    assert _advised(result.output, "plan log")[0] == ODD_ID, result.output


def test_a_goal_with_a_status_of_its_own_advises_a_quoted_list(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan check on a goal (numbered 专项(一) 1) with a status of its own says to tick off its
    tasks instead, listed by plan list --part ID: quoted."""
    items = [
        {"id": ODD_ID, "title": "专项工作", "status": "done"},
        {"id": f"{ODD_ID}.1", "title": "修塘", "parent": ODD_ID},
    ]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["check"])
    assert _advised(result.output, "plan list --part")[0] == ODD_ID, result.output


def test_a_plan_with_gits_markers_in_a_folder_with_a_space_advises_quoted_git_commands(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A plan git merged as text, in a folder named 镇 计划: the advice to run git checkout
    --merge PATH and git add PATH named the path bare, two words to git."""
    folder = tmp_path / "镇 计划"
    folder.mkdir()
    plan = write_plan(folder / "plan.toml", SMALL)
    text = plan.read_text("utf-8").replace(
        'title = "修塘"', '<<<<<<< ours\ntitle = "修塘"\n=======\ntitle = "挖塘"\n>>>>>>> theirs', 1
    )
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["-f", str(plan), "status"])
    assert result.exit_code == 1, result.output
    assert _advised(result.output, "git checkout --merge")[0] == str(plan), result.output
    assert _advised(result.output, "git add")[:2] == [str(plan), ".gitattributes"], result.output


# ---------------------------------------------------------------- halves of characters


def test_a_workbook_writing_characters_as_utf16_halves_imports_without_a_traceback(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A workbook cell holding _xD83D__xDE00_ (an emoji as some programs escape it, a UTF-16
    pair) or _xD800_ alone: openpyxl hands the halves over as they are, and writing the new
    plan failed with a traceback (UnicodeEncodeError: surrogates not allowed). A pair is the
    character it stands for; a half alone, which is none, is U+FFFD."""
    import tomllib

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "牵头单位", "完成时限"])
    sheet.append([1, "修塘_xD83D__xDE00_工程", "农业股_xDFFF_", "2023年6月底"])
    sheet.append([2, "装路灯_xD800_", "水利站", "2023年9月底"])
    table = tmp_path / "台账.xlsx"
    book.save(table)
    out = tmp_path / "导入.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    items = {i["id"]: i for i in tomllib.loads(out.read_text("utf-8"))["item"]}
    assert items["1"]["title"] == "修塘\U0001f600工程", items
    assert items["1"]["lead_unit"] == "农业股\ufffd", items
    assert items["2"]["title"] == "装路灯\ufffd", items


# ---------------------------------------------------------------- the plan file as git shows it

# Characters a TOML string may hold raw that a terminal obeys or that reorder or break the line
# shown: a C1 CSI (a UTF-8 terminal such as xterm takes U+009B for ESC [), a right-to-left
# override and isolate (Trojan Source: git diff shows the rest of the line reversed), a line
# separator (an editor breaks the line there).
UNSEEN = "\x9b2J\u202e\u2067\u2028"
RAW = ("\x9b", "\u202e", "\u2067", "\u2028")


def test_a_title_typed_with_controls_is_written_escaped_so_git_diff_shows_it_as_is(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan edit 1.1 --title with a right-to-left override in it (pasted from a web page, or
    typed to mislead) wrote it raw into plan.toml: git diff and cat showed the rest of the line
    reversed, an editor broke the line at a line separator, and a C1 CSI reached the terminal
    of whoever looked at the file. Such characters are written as TOML escapes (\\u202E),
    which read back as the same title."""
    import tomllib

    write_plan(plan_file, SMALL)
    title = f"修塘{UNSEEN}工程"
    result = runner.invoke(app, ["edit", "1.1", "--title", title, "--owner", f"张三{UNSEEN}"])
    assert result.exit_code == 0, result.output
    text = plan_file.read_text("utf-8")
    assert not any(raw in text for raw in RAW), [
        line for line in text.split("\n") if "修塘" in line
    ]
    assert "\\u202E" in text or "\\u202e" in text
    item = next(i for i in tomllib.loads(text)["item"] if i["id"] == "1.1")
    assert item["title"] == title and item["owner"] == f"张三{UNSEEN}".strip()


def test_a_paragraph_over_lines_keeps_its_lines_and_escapes_the_controls(
    runner: CliRunner, plan_file: Path
) -> None:
    """A 具体内容 written over lines (in triple quotes) stays so when edited, and the
    override typed into it is escaped there too, in basic and in literal quotes."""
    import tomllib

    write_plan(plan_file, SMALL)
    text = plan_file.read_text("utf-8")
    text = text.replace('title = "修塘"\n', "title = \"修塘\"\ndetail = '''\n第一行\n第二行'''\n")
    plan_file.write_text(text, encoding="utf-8")
    detail = f"第一行{UNSEEN}\n第二行"
    result = runner.invoke(app, ["edit", "1.1", "--detail", detail])
    assert result.exit_code == 0, result.output
    text = plan_file.read_text("utf-8")
    assert not any(raw in text for raw in RAW), text
    assert "第一行" in text and "\n第二行" in text, text  # still over lines
    item = next(i for i in tomllib.loads(text)["item"] if i["id"] == "1.1")
    assert item["detail"] == detail


def test_a_merge_conflict_is_written_with_its_controls_escaped(tmp_path: Path) -> None:
    """plan merge recorded a conflict between two titles as conflict = [{ ours = "…" }] with
    a right-to-left override raw in it: the line to resolve by hand showed reversed in an
    editor, hiding which side said what."""
    import tomllib

    from quanhu_plan.canonical import dumps

    from .conftest import plan_doc

    base = tmp_path / "base.toml"
    base.write_text(dumps(plan_doc(SMALL)), encoding="utf-8")
    sides = {}
    for side, title in (("ours", f"甲{UNSEEN}乙"), ("theirs", "丙丁")):
        items = [dict(i, title=title) if i["id"] == "1.1" else i for i in SMALL]
        sides[side] = tmp_path / f"{side}.toml"
        sides[side].write_text(dumps(plan_doc(items)), encoding="utf-8")
    result = CliRunner().invoke(app, ["merge", str(base), str(sides["ours"]), str(sides["theirs"])])
    assert result.exit_code in (0, 1), result.output
    text = sides["ours"].read_text("utf-8")
    assert "conflict" in text and not any(raw in text for raw in RAW), text
    item = next(i for i in tomllib.loads(text)["item"] if i["id"] == "1.1")
    assert item["conflict"][0]["ours"] == f"甲{UNSEEN}乙", item


# ---------------------------------------------------------------- a long cell in a CSV table


def test_a_csv_cell_longer_than_pythons_field_limit_is_imported_as_a_workbooks_is(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A CSV from an office system whose 具体内容 cell holds a whole document (200,000
    characters): plan import refused the table as "not a valid CSV table (field larger than
    field limit (131072))", Python's words in a Chinese message, where the same cell in a
    workbook is read. Any cell of a table small enough to import is read."""
    import tomllib

    table = tmp_path / "台账.csv"
    detail = "长" * 200_000
    table.write_text(
        f"序号,工作任务,具体内容,牵头单位,完成时限\n1,修塘,{detail},农业股,2023年6月底\n",
        encoding="utf-8",
    )
    out = tmp_path / "导入.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "field limit" not in result.output
    item = tomllib.loads(out.read_text("utf-8"))["item"][0]
    assert item["title"] == "修塘" and item["detail"] == detail


# ---------------------------------------------------------------- a table's --out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_an_export_onto_a_named_pipe_is_refused_as_a_table_not_a_report(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """plan export --out 表.xlsx where 表.xlsx is a named pipe: refused, but in the words of
    plan report, "a report is written to a regular file only, e.g. 2023年终总结.md", advice
    for another command and another kind of file."""
    write_plan(plan_file, SMALL)
    out = tmp_path / "表.xlsx"
    os.mkfifo(out)
    result = runner.invoke(app, ["export", "--out", str(out), "--force"])
    assert result.exit_code == 1, result.output
    assert "表格只能写入普通文件" in result.output and "推进情况表.xlsx" in result.output
    assert "年终总结" not in result.output and "报告" not in result.output, result.output
    english = runner.invoke(app, ["--lang", "en", "export", "--out", str(out), "--force"])
    assert "a table is written" in english.output and "progress.xlsx" in english.output


# ---------------------------------------------------------------- more text of nothing to see


@pytest.mark.parametrize("by", [ZERO_WIDTH, "\u200e\u2060"])
def test_a_recorder_of_nothing_to_see_is_refused_as_an_empty_one_is(
    runner: CliRunner, plan_file: Path, by: str
) -> None:
    """plan note 1.1 进展 --by <zero-width space> was recorded, and plan log showed the entry
    with a blank 记录人: the trace (全程留痕) no longer says who made the change. --by of
    nothing to see is refused as --by "" is, and nothing is written."""
    write_plan(plan_file, SMALL)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["note", "1.1", "进展", "--by", by])
    assert result.exit_code == 2, result.output
    assert "--by 是记录人，不能为空" in result.output, result.output
    assert plan_file.read_bytes() == before


def test_an_organisation_of_nothing_to_see_is_no_organisation(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan header --organisation <zero-width space> was taken ("单位 测试镇人民政府 → ​"), and
    the year-end report was then headed and signed by nobody. Nothing to see is no value, as
    --organisation "" is: the field goes. A title of nothing to see is refused as an empty
    one, in the words for an empty one."""
    import tomllib

    write_plan(plan_file, SMALL)
    result = runner.invoke(app, ["header", "--organisation", ZERO_WIDTH])
    assert result.exit_code == 0, result.output
    assert ZERO_WIDTH not in plan_file.read_text("utf-8")
    assert "organisation" not in tomllib.loads(plan_file.read_text("utf-8"))["plan"]
    before = plan_file.read_bytes()
    title = runner.invoke(app, ["header", "--title", ZERO_WIDTH + "\u200d"])
    assert title.exit_code != 0 and "计划名称不能为空" in title.output, title.output
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [("note", "1.1", ZERO_WIDTH), ("block", "1.1", "--reason", ZERO_WIDTH + "\u200e")],
)
def test_a_note_or_reason_of_nothing_to_see_is_refused(
    runner: CliRunner, plan_file: Path, args: tuple[str, ...]
) -> None:
    """plan note 1.1 <zero-width space> recorded a blank 进展情况 (a row of nothing in the
    log, the report and the table); plan block 1.1 --reason <zero-width space> blocked the
    task with a reason no one can read, where a reason is required. Both refused, nothing
    written."""
    write_plan(plan_file, SMALL)
    before = plan_file.read_bytes()
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "只有看不见的字符" in result.output, result.output
    assert plan_file.read_bytes() == before
    english = runner.invoke(app, ["--lang", "en", *args])
    assert english.exit_code == 2 and "invisible characters alone" in english.output


def test_evidence_of_nothing_to_see_is_no_evidence(runner: CliRunner, plan_file: Path) -> None:
    """plan done 1.1 --evidence <zero-width space> stored evidence = ["​"]: the task shown
    as ticked off with a 销号依据 that is not there. It is no evidence."""
    import tomllib

    write_plan(plan_file, SMALL)
    result = runner.invoke(app, ["done", "1.1", "--on", "2023-05-01", "--evidence", ZERO_WIDTH])
    assert result.exit_code == 0, result.output
    item = next(i for i in tomllib.loads(plan_file.read_text("utf-8"))["item"] if i["id"] == "1.1")
    assert item["status"] == "done" and "evidence" not in item, item


def test_a_note_option_of_nothing_to_see_leaves_no_note(runner: CliRunner, plan_file: Path) -> None:
    """plan done 1.1 -n <zero-width space>: the tick-off's log entry got note = "​", a blank
    进展情况 under it in plan log and the report, where -n "  " leaves none. It leaves none."""
    import tomllib

    write_plan(plan_file, SMALL)
    result = runner.invoke(app, ["done", "1.1", "--on", "2023-05-01", "-n", ZERO_WIDTH])
    assert result.exit_code == 0, result.output
    item = next(i for i in tomllib.loads(plan_file.read_text("utf-8"))["item"] if i["id"] == "1.1")
    assert item["status"] == "done" and "note" not in item["log"][-1], item["log"]


# ---------------------------------------------------------------- halves in a Unicode text table


def test_a_unicode_text_table_with_half_a_character_is_read_not_called_gbk(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A table saved as Excel's "Unicode text" (UTF-16, with its BOM) holding half a character
    alone (a lone surrogate, as a program that cut a string in two writes it): plan import
    called it "neither UTF-8 nor GBK text (line 1, byte 1)", blaming the BOM. It is read, the
    half as U+FFFD, as in a workbook."""
    import tomllib

    text = "序号\t工作任务\t牵头单位\t完成时限\r\n1\t修塘\t农业股\t2023年6月底\r\n"
    data = b"\xff\xfe" + text.encode("utf-16-le")
    data = data.replace(
        "修塘".encode("utf-16-le"),
        "修".encode("utf-16-le") + b"\x00\xd8" + "塘".encode("utf-16-le"),
    )
    table = tmp_path / "台账.txt"
    table.write_bytes(data)
    out = tmp_path / "导入.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(out)])
    assert result.exit_code == 0, result.output
    item = tomllib.loads(out.read_text("utf-8"))["item"][0]
    assert item["title"] == "修\ufffd塘" and item["lead_unit"] == "农业股", item


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--who", ZERO_WIDTH),
        ("report", "--owner", ZERO_WIDTH + "\u2060"),
        ("export", "--who", ZERO_WIDTH, "--out", "表.xlsx"),
        ("list", "--part", "\u200e"),
    ],
)
def test_a_filter_of_nothing_to_see_is_refused_as_an_empty_one_is(
    runner: CliRunner, plan_file: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """plan list --who <zero-width space> (a name pasted from WeChat with nothing of it but
    the space) listed every task naming anyone, and plan export wrote a table headed 责任：​:
    a filter matching all, where --who "" is refused. Refused as that is; nothing written."""
    write_plan(plan_file, SMALL)
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "只有看不见的字符" in result.output and "修塘" not in result.output, result.output
    assert not (tmp_path / "表.xlsx").exists()


def test_a_new_years_title_of_nothing_to_see_is_the_title_made_for_it(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """plan new 2024 --title <zero-width space> said "错误：​ 不是有效的计划文件": the new plan
    named by its blank title as if it were a file. --title "" gives the old title with the
    year moved; so does a title of nothing to see."""
    import tomllib

    write_plan(plan_file, SMALL)
    out = tmp_path / "2024.toml"
    result = runner.invoke(app, ["new", "2024", "--title", ZERO_WIDTH, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert tomllib.loads(out.read_text("utf-8"))["plan"]["title"] == "测试镇2024年工作计划"


def test_a_conflict_resolved_with_nothing_to_see_removes_the_field_as_empty_does(
    tmp_path: Path,
) -> None:
    """plan resolve 1.1 owner <zero-width space> settled a conflict of owners (甲 against 乙)
    with an owner no one can see ("责任人 甲 → ​"); "" removes the field. So does this."""
    import tomllib

    from quanhu_plan.canonical import dumps

    from .conftest import plan_doc

    base = tmp_path / "base.toml"
    base.write_text(dumps(plan_doc(SMALL)), encoding="utf-8")
    sides = {}
    for side, owner in (("ours", "甲"), ("theirs", "乙")):
        items = [dict(i, owner=owner) if i["id"] == "1.1" else i for i in SMALL]
        sides[side] = tmp_path / f"{side}.toml"
        sides[side].write_text(dumps(plan_doc(items)), encoding="utf-8")
    runner = CliRunner()
    runner.invoke(app, ["merge", str(base), str(sides["ours"]), str(sides["theirs"])])
    ours = sides["ours"]
    result = runner.invoke(app, ["-f", str(ours), "resolve", "1.1", "owner", ZERO_WIDTH])
    assert result.exit_code == 0, result.output
    item = next(i for i in tomllib.loads(ours.read_text("utf-8"))["item"] if i["id"] == "1.1")
    assert "owner" not in item and "conflict" not in item, item
