"""Session 30 (K): small leftovers found this session. Each test shows what the office met,
through the commands it ran: what was printed, the exit code and what is on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_attack_s30D import assert_shown_escaped
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures
from .test_git_s24g import stopped_git_am

runner = CliRunner()


def test_check_during_a_stopped_git_am_says_git_am_abort(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """git am keeps its state in rebase-apply as an older rebase did (with a file applying in
    it), so plan check told the office to run git rebase --abort, which git refuses there."""
    b, _ = stopped_git_am(county)
    before = b.plan_file.read_bytes()
    said = b.plan("check", code=1).output
    assert "git am --abort" in said and "git rebase --abort" not in said, said
    refused = b.plan("progress", "1.3", "95", code=1).output
    assert "git am --abort" in refused and "rebase" not in refused, refused
    assert b.plan_file.read_bytes() == before
    git(b.folder, "am", "--abort")


# ---------------------------------------------------------------- titles that read as another

_SHOWN_COMMANDS = [["list"], ["show", "1.1"], ["log"], ["report", "--format", "md"]] + [
    ["export", "--format", "csv", "--out", "-"]
]


@pytest.mark.parametrize(
    "hidden",
    ["\u180b", "\u180c", "\u180d", "\u180f", "\u2800"],  # Mongolian FVS 1-4; the blank Braille cell
    ids=lambda char: f"U+{ord(char):04X}",
)
@pytest.mark.parametrize("command", _SHOWN_COMMANDS)
def test_a_mongolian_variation_selector_or_a_blank_braille_cell_in_a_title_is_shown_escaped(
    runner: CliRunner, plan_file: Path, hidden: str, command: list[str]
) -> None:
    """修<U+2800>塘 looked like 修 塘 and 修<U+180B>塘 like 修塘: ids refused them, titles, owners
    and notes printed them raw."""
    assert_shown_escaped(runner, plan_file, hidden, command)


@pytest.mark.parametrize("command", [c for c in _SHOWN_COMMANDS if c != ["log"]])
def test_the_variation_selectors_of_a_hanzi_and_of_emoji_print_as_written(
    runner: CliRunner, plan_file: Path, command: list[str]
) -> None:
    title = (
        "修\u845b\U000e0100塘\u2764\ufe0f\u8fbb\ufe00"  # 葛 of an IVS; ❤️; a standardized variant
    )
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": title}])
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert title in result.output
    assert "\\u" not in result.output and "\\U" not in result.output


# ---------------------------------------------------------------- numbers a program writes


@pytest.mark.parametrize(
    ("command", "typed", "zh", "en"),
    [
        (["progress", "1.3"], "1_0", "数字中间不能加下划线（_），请写 10", "write it as 10"),
        (["record", "1.1"], "1_000", "请写 1000", "write it as 1000"),
        (["edit", "1.1", "--target"], "4_5", "请写 45", "write it as 45"),
        (["edit", "1.3", "--weight"], "0x10", "十六进制", "write it as 16"),
        (["edit", "1.1", "--target"], "0x10", "请写十进制的数，如 16", "hexadecimal"),
        (["progress", "1.3"], "0b11", "二进制", "binary"),
    ],
)
def test_a_number_written_as_a_program_writes_one_is_said_to_be_no_number(
    runner: CliRunner, plan_file: Path, command: list[str], typed: str, zh: str, en: str
) -> None:
    """plan progress 1.1 1_0 answered 有 2 个数（1、0）; --target 0x10 set the target 0 in a unit
    x10; --weight 0x10 said the weight should be above 0."""
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    result = runner.invoke(app, [*command, typed, "--by", "x"])
    assert result.exit_code == 2, result.output
    said = result.output
    assert f"“{typed}”不对：不是数字" in said and zh in said, said
    assert "个数" not in said and "单位" not in said and "应大于" not in said, said
    english = runner.invoke(app, ["--lang", "en", *command, typed, "--by", "x"])
    assert english.exit_code == 2 and en in english.output, english.output
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "kept"), [("1,000", 1000), ("１０", 10), ("1e3", 1000), ("\u0663", 3)]
)
def test_a_number_an_office_may_write_or_paste_is_read(
    runner: CliRunner, plan_file: Path, clock: object, typed: str, kept: int
) -> None:
    """1,000 (thousands), full-width digits (a Chinese input method), 1e3 (Excel's way of
    showing a large one) and a digit of another script (pasted; the confirmation shows it as
    the number read) are numbers."""
    write_plan(plan_file, SMALL_ITEMS)
    result = runner.invoke(app, ["edit", "1.1", "--target", typed, "--by", "x"])
    assert result.exit_code == 0, result.output
    assert f"目标值 40处 → {kept}处。" in result.output, result.output
    written = plan_file.read_text(encoding="utf-8")
    assert f"target = {kept}\n" in written or f"target = {kept}.0\n" in written  # (1e3: a float)


# ---------------------------------------------------------------- a file name with a line break


@pytest.mark.parametrize(
    ("name", "shown"),
    [("年\n计划.toml", "年\\n计划.toml"), ("年\u2028计划.toml", "年\\u2028计划.toml")],
    ids=["LF", "U+2028"],
)
@pytest.mark.parametrize("how", ["file", "argument", "env"])
def test_a_file_name_with_a_line_break_is_said_on_one_line(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    shown: str,
    how: str,
) -> None:
    """plan check of 年<LF>计划.toml said 年, then 计划.toml：没有发现问题 on a line of its own;
    the error paragraphs broke the same way."""
    plan = write_plan(tmp_path / name, SMALL_ITEMS)
    named = {"file": ["-f", name], "argument": [], "env": []}[how]
    if how == "env":
        monkeypatch.setenv("PLAN_FILE", str(plan))
    checked = runner.invoke(app, [*named, "check", *([name] if how == "argument" else [])])
    assert checked.exit_code == 0, checked.output
    assert f"{shown}：没有发现问题" in checked.output, checked.output
    assert name not in checked.output
    if how == "argument":
        return
    unknown = runner.invoke(app, [*named, "show", "9.9"])
    assert unknown.exit_code == 1 and name not in unknown.output, unknown.output
    plan.write_text("[plan\n", encoding="utf-8")
    broken = runner.invoke(app, [*named, "list"])
    assert broken.exit_code == 1, broken.output
    assert f"{shown} 第 1 行" in broken.output and name not in broken.output, broken.output
    plan.unlink()
    missing = runner.invoke(app, [*named, "list"])
    assert missing.exit_code == 1, missing.output
    assert shown in missing.output and name not in missing.output, missing.output


# ---------------------------------------------------------------- full-width formula signs

WIDE_FORMULAS = {
    "1.1": "＝1+2",
    "1.2": "＋cmd|' /C calc'!A0",
    "1.3": "－2+3",
    "2.1": "＠SUM(A1:A9)",
}


def _wide_titled(plan_file: Path) -> None:
    items = [dict(item) for item in SMALL_ITEMS]
    for item in items:
        item["title"] = WIDE_FORMULAS.get(str(item["id"]), item["title"])
    write_plan(plan_file, items)


def test_a_title_starting_with_a_full_width_formula_sign_gets_a_quote_in_csv(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """Excel in a Chinese or Japanese locale reads ＝1+2 as the formula =1+2 (full-width signs
    as typed with an input method: OWASP/www-community#1088); the CSV wrote it bare."""
    import csv
    import io
    import tomllib

    _wide_titled(plan_file)
    out = tmp_path / "表.csv"
    assert runner.invoke(app, ["export", "--out", str(out)]).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    titles = {row[0]: row[1].lstrip("\u3000") for row in rows[3:]}
    for item, title in WIDE_FORMULAS.items():
        assert titles[item] == "'" + title, item
    back = tmp_path / "back.toml"
    imported = runner.invoke(app, ["import", str(out), "--out", str(back)])
    assert imported.exit_code == 0, imported.output
    items = {i["id"]: i for i in tomllib.loads(back.read_text("utf-8"))["item"]}
    assert {item: items[item]["title"] for item in WIDE_FORMULAS} == WIDE_FORMULAS


def test_a_title_starting_with_a_full_width_formula_sign_is_marked_text_in_the_workbook(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    _wide_titled(plan_file)
    out = tmp_path / "表.xlsx"
    assert runner.invoke(app, ["export", "--out", str(out)]).exit_code == 0
    sheet = load_workbook(out).worksheets[0]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=4)}
    for item, title in WIDE_FORMULAS.items():
        assert (cells[item].value.lstrip("\u3000"), cells[item].quotePrefix) == (title, True)


# ---------------------------------------------------------------- 春节前, 汛期前


def test_a_ledger_due_before_the_spring_festival_or_the_flood_season_is_imported(
    tmp_path: Path, plan_file: Path
) -> None:
    """2025年春节前 and 汛期前 were refused with the generic 应为完成时限: the whole ledger
    could not be imported. 春节前 is the eve of that year's 春节 (it moves: a table of the
    years), 汛期前 the day before Hunan's flood season opens (4月1日), 主汛期前 before June."""
    from .test_import import items_of, workbook
    from .test_import import run as run_import

    rows = [
        ["测试镇2025年重点工作任务分解表"],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [1, "走访慰问困难群众", "民政办", "2025年春节前"],
        [2, "完成山塘清淤", "水利站", "汛期前"],
        [3, "排查地质灾害隐患点", "自然资源所", "主汛期前完成"],
        [4, "发放春节慰问金", "民政办", "春节之前"],
        [5, "加固病险水库", "水利站", "2025年入汛前"],
    ]
    result = run_import(str(workbook(tmp_path / "台账.xlsx", rows, ("A1:D1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    due = [str(items[i]["due"]) for i in "12345"]
    # (春节之前 with no year: the 春节 the 2025 plan runs up to, 2026's: s32A)
    assert due == ["2025-01-28", "2025-03-31", "2025-05-31", "2026-02-16", "2025-03-31"]


@pytest.mark.parametrize(
    ("typed", "due"),
    [("春节前", "2024-02-09"), ("2023年春节前", "2023-01-21"), ("汛期前", "2023-03-31")],
)
def test_a_task_can_be_given_a_deadline_before_the_spring_festival_or_the_flood_season(
    runner: CliRunner, plan_file: Path, clock: object, typed: str, due: str
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    result = runner.invoke(app, ["edit", "2.3", "--due", typed, "--by", "x"])
    assert result.exit_code == 0, result.output
    assert f"完成时限 — → {due}" in result.output, result.output
    assert f"due = {due}\n" in plan_file.read_text(encoding="utf-8")


def test_a_spring_festival_of_a_year_not_in_the_table_asks_for_the_day(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["edit", "1.3", "--due", "2060年春节前", "--by", "x"])
    assert result.exit_code == 2, result.output
    assert "不知道 2060 年春节是哪一天" in result.output and "请写具体日期" in result.output
    assert plan_file.read_bytes() == before
