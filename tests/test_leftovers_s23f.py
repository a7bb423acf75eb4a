"""Leftovers noted in earlier sessions (session 23, F): a number typed where the file wants text
or a date, a day without its year typed to a command, and what check says of a day ahead."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

HEADER = """[plan]
title = "测试镇2024年工作计划"
organisation = "测试镇人民政府"
year = 2024
start = 2024-01-01
end = 2024-12-31
lang = "zh"

[[item]]
id = "1"
title = "基础设施"
"""


def _plan(plan_file: Path, items: str) -> bytes:
    plan_file.write_text(HEADER + items, encoding="utf-8")
    return plan_file.read_bytes()


def test_check_suggests_quotes_for_an_id_typed_as_a_number(
    runner: CliRunner, plan_file: Path
) -> None:
    before = _plan(plan_file, '\n[[item]]\nid = 1.10\ntitle = "修塘"\n')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    # the id as typed, not as the number TOML reads (1.10 is 1.1)
    assert '是不是要写 id = "1.10"？' in result.output
    assert "1.10 和 1.1 读出来是同一个数" in result.output
    assert plan_file.read_bytes() == before


def test_a_command_refusing_the_file_suggests_quotes_for_a_numeric_id(
    runner: CliRunner, plan_file: Path
) -> None:
    before = _plan(plan_file, '\n[[item]]\nid = 1.3\ntitle = "修塘"\nparent = 1\n')
    result = runner.invoke(app, ["--lang", "en", "status"])
    assert result.exit_code == 1, result.output
    assert "Was id = \"1.3\" meant for '1.3'?" in result.output
    assert "Was parent = \"1\" meant for '1'?" in result.output
    assert "Traceback" not in result.output
    assert plan_file.read_bytes() == before


def test_check_suggests_the_date_for_an_unquoted_month_and_day(
    runner: CliRunner, plan_file: Path
) -> None:
    _plan(plan_file, '\n[[item]]\nid = "1.1"\ntitle = "修塘"\ndue = 6.30\n')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert "“6.30”是不是要写 due = 2024-06-30？" in result.output


def test_a_day_without_its_year_is_refused_naming_the_plans_year(
    runner: CliRunner, plan_file: Path
) -> None:
    before = _plan(plan_file, '\n[[item]]\nid = "1.1"\ntitle = "修塘"\n')
    commands = {
        ("edit", "1.1", "--due", "6.30"): "2024-06-30",
        ("add", "1", "修路", "--due", "6/5"): "2024-06-05",
        ("done", "1.1", "--on", "6.30"): "2024-06-30",
        ("note", "1.1", "开工", "--on", "30/6"): "2024-06-30",
    }
    for args, full in commands.items():
        result = runner.invoke(app, list(args))
        assert result.exit_code == 2, (args, result.output)
        assert f"或写全，如 {full}" in result.output, (args, result.output)
        assert "2023" not in result.output.split("可以写")[0], (args, result.output)
    # a day first (30/6) is named as the day it can be
    assert "请写 6月30日 或 6-30" in result.output
    assert plan_file.read_bytes() == before


def test_import_on_without_a_year_names_the_year_given(runner: CliRunner, tmp_path: Path) -> None:
    table = tmp_path / "台账.csv"
    table.write_text("编号,任务,完成时限\n1,基础设施,\n1.1,修塘,2024-06-30\n", encoding="utf-8")
    out = tmp_path / "new.toml"
    result = runner.invoke(
        app, ["import", str(table), "-o", str(out), "--on", "6.30", "--year", "2024"]
    )
    assert result.exit_code == 2, result.output
    assert "或写全，如 2024-06-30" in result.output
    assert not out.exists()


def test_a_day_ahead_is_warned_once_by_the_command_not_by_every_check(
    runner: CliRunner, plan_file: Path
) -> None:
    """done --on a day ahead says so when it records it; check said it again on every run
    until that day came. Check now speaks of entries no command warned of: typed by hand."""
    today = dt.date.today()
    start, end = today - dt.timedelta(days=100), today + dt.timedelta(days=100)
    plan_file.write_text(
        HEADER.replace("2024-01-01", start.isoformat())
        .replace("2024-12-31", end.isoformat())
        .replace("year = 2024", f"year = {start.year}")
        + '\n[[item]]\nid = "1.1"\ntitle = "修塘"\n\n[[item]]\nid = "1.2"\ntitle = "修路"\n',
        encoding="utf-8",
    )
    ahead = (today + dt.timedelta(days=10)).isoformat()
    done = runner.invoke(app, ["done", "1.1", "--on", ahead])
    assert done.exit_code == 0, done.output
    assert f"注意：{ahead} 晚于今天" in done.output
    assert "用 plan undo 撤销后重新填报" in done.output  # the one warning says how to fix it
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "晚于今天" not in checked.output, checked.output
    # an entry typed by hand (no time it was recorded at) was never warned of: check says so
    with plan_file.open("a", encoding="utf-8") as file:
        file.write(f'\n[[item.log]]\non = {ahead}\nnote = "主体完工"\n')
    before = plan_file.read_bytes()
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "事项 1.2，第 1 条进展记录（log），字段 on" in checked.output
    assert checked.output.count("晚于今天") == 1, checked.output
    assert plan_file.read_bytes() == before


def _crc_kept(old: bytes, new: bytes, free: slice) -> bytes:
    """``new`` (as long as ``old``) with letters of ``free`` (a run of ``a``) changed so that
    its CRC-32 is old's: CRC-32 is affine over GF(2), so the flips that undo the difference
    solve a linear system, one row for each low bit of each letter (a → ` c e i: still text)."""
    zeros = zlib.crc32(bytes(len(new)))
    vectors = []
    for position in range(free.start, free.stop):
        for bit in (1, 2, 4, 8):
            flip = bytearray(len(new))
            flip[position] = bit
            vectors.append((zlib.crc32(bytes(flip)) ^ zeros, [(position, bit)]))
    target = zlib.crc32(new) ^ zlib.crc32(old)
    basis: dict[int, tuple[int, list[tuple[int, int]]]] = {}  # leading bit -> (vector, flips)
    for vector, flips in vectors:
        for top in sorted(basis, reverse=True):
            if vector >> top & 1:
                vector, flips = vector ^ basis[top][0], flips + basis[top][1]
        if vector:
            basis[vector.bit_length() - 1] = (vector, flips)
    chosen: list[tuple[int, int]] = []
    for top in sorted(basis, reverse=True):
        if target >> top & 1:
            target ^= basis[top][0]
            chosen += basis[top][1]
    assert target == 0
    forged = bytearray(new)
    for position, bit in chosen:
        forged[position] ^= bit
    return bytes(forged)


def test_a_rewrite_of_the_same_size_time_and_crc32_is_read_afresh(
    runner: CliRunner, plan_file: Path
) -> None:
    """The parse cache kept a plan by its file's size, time and the CRC-32 of its bytes: a
    title changed, the time set back (a restore that keeps times) and a CRC-32 alike showed
    the old title."""
    before = _plan(plan_file, '\n[[item]]\nid = "1.1"\ntitle = "任务1.1"\n# ' + "a" * 24 + "\n")
    first = runner.invoke(app, ["show", "1.1"])
    assert first.exit_code == 0 and "任务1.1" in first.output, first.output
    st = plan_file.stat()
    free = before.rindex(b"a" * 24)
    after = _crc_kept(
        before, before.replace("任务1.1".encode(), "任务1.9".encode()), slice(free, free + 24)
    )
    assert zlib.crc32(after) == zlib.crc32(before) and len(after) == len(before)
    plan_file.write_bytes(after)
    os.utime(plan_file, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (plan_file.stat().st_size, plan_file.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    result = runner.invoke(app, ["show", "1.1"])
    assert result.exit_code == 0, result.output
    assert "任务1.9" in result.output, result.output
    assert plan_file.read_bytes() == after


def test_undo_of_a_removal_whose_id_is_in_use_again_says_by_what_and_how(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan add never takes a removed item's id, but a hand edit or a merge may: undoing the
    removal then would make two items of one id. It is refused, and now names the item that
    holds the id, says nothing changed and how to get the removed one back."""
    _plan(
        plan_file,
        '\n[[item]]\nid = "1.1"\ntitle = "修塘"\n\n[[item]]\nid = "1.2"\ntitle = "修路"\n',
    )
    removed = runner.invoke(app, ["rm", "1.2", "--yes"])
    assert removed.exit_code == 0, removed.output
    with plan_file.open("a", encoding="utf-8") as file:
        file.write('\n[[item]]\nid = "1.2"\ntitle = "建桥"\n')
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["undo"])
    assert result.exit_code == 1, result.output
    assert "编号 1.2 现在是 建桥" in result.output, result.output
    assert "没有改动任何内容" in result.output
    assert "[[removed]]" in result.output
    assert "Traceback" not in result.output
    assert plan_file.read_bytes() == before
    english = runner.invoke(app, ["--lang", "en", "undo"])
    assert english.exit_code == 1
    assert "id 1.2 is now 建桥" in english.output, english.output


_ODD_NAMES = (
    '\n[[item]]\nid = "1.1"\ntitle = "修塘"\nlead_unit = "县 农业局"\nowner = "O\'Neil"\n'
    + ('\n[[item]]\nid = "1.2"\ntitle = "修路"\nlead_unit = "农业办(农机站)"\nowner = "王$五"\n')
)


def _complete(runner: CliRunner, shell: str, line: str, word: str) -> list[str]:
    env = {"_PLAN_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "bash":
        env = {"_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": line}
        env["COMP_CWORD"] = str(len(line.split()) - (0 if line.endswith(" ") else 1))
    if shell == "powershell":
        env["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = word
    result = runner.invoke(app, [], prog_name="plan", env=env)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_bash_completes_names_that_need_quoting_as_one_word(
    runner: CliRunner, plan_file: Path
) -> None:
    """A unit named with a space (县 农业局) was left out of completion; one with a bracket,
    a quote or a $ was put on the command line as it is, where bash took it for syntax
    (农业办(农机站): a syntax error) or as two words. Each is offered now, quoted as typed."""
    _plan(plan_file, _ODD_NAMES)
    units = _complete(runner, "bash", "plan edit 1.1 --unit ", "")
    assert units == ['"县 农业局"', '"农业办(农机站)"'], units
    people = _complete(runner, "bash", "plan edit 1.1 --owner ", "")
    assert '"O\'Neil"' in people and "'王$五'" in people, people
    # each as bash reads it back: one word, the name
    if shutil.which("bash"):
        names = {"县 农业局", "农业办(农机站)", "O'Neil", "王$五"}
        for word in units + people:
            said = subprocess.run(
                ["bash", "--norc", "-c", f'printf "%s|" {word}'], capture_output=True, text=True
            )
            assert said.stdout[:-1] in names and said.stdout.count("|") == 1, (word, said)
    assert _complete(runner, "bash", "plan edit 1.1 --unit 县", "县") == ['"县 农业局"']


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("zsh", ['"县 农业局":"牵头单位"', '"O\'\\\'\'Neil":"责任人"', '"王\\$五":"责任人"']),
        ("powershell", ["'县 农业局':::牵头单位", "'O''Neil':::责任人", "'王$五':::责任人"]),
    ],
)
def test_zsh_and_powershell_complete_names_that_need_quoting(
    runner: CliRunner, plan_file: Path, shell: str, expected: list[str]
) -> None:
    """zsh quotes what it inserts, but Typer wrote a ' in a name as '' inside the single
    quotes it is evaluated in (O''Neil: the quote lost); PowerShell inserts the text as it is
    given (two words). Both now get a name as they read it."""
    _plan(plan_file, _ODD_NAMES)
    out = "\n".join(_complete(runner, shell, "plan list --who ", ""))
    for candidate in expected:
        assert candidate in out, out


def test_english_show_at_36_columns_keeps_in_progress_and_folds_a_name_at_its_best_underscore(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 36 columns plan show's trace cut 'Status: not started → in | progress', and a
    field name of the office's own folded at its first underscore (county_ | funding_ |
    source_detail) though county_funding_ fits the column."""
    _plan(
        plan_file,
        '\n[[item]]\nid = "1.1"\ntitle = "修塘"\ncounty_funding_source_detail = "县财政"\n',
    )
    started = runner.invoke(app, ["start", "1.1"])
    assert started.exit_code == 0, started.output
    monkeypatch.setenv("COLUMNS", "36")
    result = runner.invoke(app, ["--lang", "en", "show", "1.1"])
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()]
    assert any(line.endswith("Status: not started →") for line in lines), result.output
    assert any(line.strip() == "in progress" for line in lines), result.output
    assert any(line.startswith("county_funding_ ") for line in lines), result.output
    assert "source_detail" in lines, result.output
    assert max(len(line) for line in lines) <= 36
