"""A plan written in English (``lang = "en"``) read as an English-speaking office reads it:
no Chinese punctuation between names, units written the English way, sentences that agree."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()

EN_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "Infrastructure"},
    {
        "id": "1.1",
        "title": "Harden village roads",
        "measure": "km",
        "target": 12,
        "actual": 5,
        "due": dt.date(2023, 10, 31),
        "lead_unit": "Transport Office",
        "owner": "Li Ming",
        "milestone": [{"due": dt.date(2023, 6, 30), "value": 6}],
    },
    {"id": "2", "title": "Social services"},
    {
        "id": "2.1",
        "title": "Keep the population growth rate down",
        "measure": "‰",
        "direction": "down",
        "target": 5,
        "actual": 8,
    },
    {"id": "2.2", "title": "Anti-drug lectures", "progress": 80, "owner": "Zhang Wei, Chen Jing"},
]


def english_plan(path: Path) -> Path:
    return write_plan(
        path,
        EN_ITEMS,
        title="Riverside Town 2023 Work Plan",
        organisation="Riverside Town People's Government",
        lang="en",
    )


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_report_names_several_owners_with_an_english_comma(plan_file: Path) -> None:
    english_plan(plan_file)
    for fmt in ("terminal", "md", "json"):
        result = invoke("report", "--format", fmt, "--as-of", "2023-07-15")
        assert result.exit_code == 0, result.output
        assert "、" not in result.stdout, fmt
        assert "Zhang Wei, Chen Jing" in result.stdout, fmt
    ledger = json.loads(invoke("report", "--format", "json", "--as-of", "2023-07-15").stdout)
    assert "Zhang Wei, Chen Jing" in json.dumps(ledger, ensure_ascii=False)


def test_report_writes_per_mille_against_its_number(plan_file: Path) -> None:
    english_plan(plan_file)
    for fmt in ("terminal", "md", "json"):
        result = invoke("report", "--format", fmt, "--as-of", "2023-07-15")
        assert result.exit_code == 0, result.output
        assert " ‰" not in result.stdout, fmt
        assert "5‰" in result.stdout, fmt
    md = invoke("report", "--format", "md", "--as-of", "2023-07-15").stdout
    assert "3‰ above target" in md  # above a limit: not "to go" (s18)


def test_show_says_fields_without_trace_in_a_sentence_that_agrees(plan_file: Path) -> None:
    english_plan(plan_file)
    result = invoke("show", "1.1", "--as-of", "2023-07-15")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Note: Actual has no trace" in text
    plan_file.write_text(
        plan_file.read_text(encoding="utf-8").replace(
            'id = "2.2"', 'id = "2.2"\nstatus = "doing"\nreason = "x"'
        ),
        encoding="utf-8",
    )
    text = " ".join(invoke("show", "2.2", "--as-of", "2023-07-15").stdout.split())
    assert "Note: Status, Progress and Reason have no trace" in text


def test_show_says_as_of_in_lower_case_within_brackets(plan_file: Path) -> None:
    english_plan(plan_file)
    result = invoke("show", "1.1", "--as-of", "2023-07-15")
    assert result.exit_code == 0, result.output
    assert "(as of 2023-07-15)" in result.stdout
    assert "(As of" not in result.stdout


def test_milestone_in_english_spaces_its_unit_and_reads_as_a_sentence(plan_file: Path) -> None:
    english_plan(plan_file)
    shown = invoke("show", "1.1", "--as-of", "2023-07-15")
    status = invoke("status", "--as-of", "2023-07-15")
    for result in (shown, status):
        assert result.exit_code == 0, result.output
        text = " ".join(result.stdout.split())
        assert "6 km (50%) due by 2023-06-30, missed (42% done by then)" in text
        assert "6km" not in text
    line = " ".join(status.stdout.split())
    assert "1.1 Harden village roads: 6 km (50%) due by 2023-06-30, missed" in line


def test_record_and_log_in_english_space_a_figure_from_its_unit(plan_file: Path) -> None:
    english_plan(plan_file)
    recorded = invoke("record", "1.1", "7", "--on", "2023-07-20")
    assert recorded.exit_code == 0, recorded.output
    assert "Actual 5 km → 7 km" in recorded.stdout
    assert "actual = 7" in plan_file.read_text(encoding="utf-8")
    logged = invoke("log")
    assert logged.exit_code == 0, logged.output
    assert "Actual: 5 km → 7 km" in logged.stdout
    assert "5km" not in logged.stdout + recorded.stdout
    percent = invoke("record", "2.1", "6")
    assert "Actual 8‰ → 6‰" in percent.stdout


def test_record_reaching_the_target_asks_in_english_with_a_spaced_unit(
    plan_file: Path, at_terminal: None
) -> None:
    english_plan(plan_file)
    asked = runner.invoke(app, ["record", "1.1", "12"], input="n\n")
    assert asked.exit_code == 0, asked.output
    assert "has reached its target 12 km. Tick it off too?" in asked.stdout
    assert 'status = "done"' not in plan_file.read_text(encoding="utf-8")


def test_english_says_one_household_not_one_households(plan_file: Path) -> None:
    english_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text
        + '\n[[item]]\nid = "1.2"\ntitle = "Connect households to piped water"\n'
        + 'measure = "households"\ntarget = 1\nactual = 0\n',
        encoding="utf-8",
    )
    report = invoke("report", "--format", "md", "--as-of", "2023-07-15")
    assert report.exit_code == 0, report.output
    assert "1 households" not in report.stdout
    assert "1 household to go" in report.stdout
    recorded = invoke("record", "1.2", "1", "--yes")
    assert recorded.exit_code == 0, recorded.output
    assert "Actual 0 households → 1 household" in recorded.stdout


ENGLISH_SHEET = (
    "No.,Task,Owner,Deadline,Target,Actual,Progress,Status,Notes\n"
    "1,Infrastructure,,,,,,,\n"
    "1.1,Harden village roads,Li Ming,2023-10-31,12,5,,In progress,Two sections done\n"
    '1.2,Anti-drug lectures,"Zhang Wei, Chen Jing",2023-Q4,,,80%,Not started,\n'
)


def test_import_reads_an_english_headed_sheet(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text(ENGLISH_SHEET, encoding="utf-8")
    result = invoke("import", "sheet.csv", "--out", "imported.toml", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "not known" not in result.output
    written = (tmp_path / "imported.toml").read_text(encoding="utf-8")
    assert "due = 2023-10-31" in written
    assert 'due = "2023-Q4"' in written
    assert "Deadline =" not in written and "Notes =" not in written
    assert "Two sections done" in written
    assert "year = 2023" in written


def test_import_of_an_english_sheet_names_its_source_in_english(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text(ENGLISH_SHEET, encoding="utf-8")
    result = invoke("import", "sheet.csv", "--out", "imported.toml")
    assert result.exit_code == 0, result.output
    written = (tmp_path / "imported.toml").read_text(encoding="utf-8")
    assert 'lang = "en"' in written
    assert "source = \"sheet.csv (sheet 'sheet.csv')\"" in written
    assert "工作表" not in written


def test_import_names_an_unknown_column_in_plain_english(tmp_path: Path) -> None:
    sheet = ENGLISH_SHEET.replace("Notes\n", "Notes,Budget\n", 1).replace(
        "Two sections done\n", "Two sections done,30\n"
    )
    (tmp_path / "sheet.csv").write_text(sheet, encoding="utf-8")
    result = invoke("import", "sheet.csv", "--out", "imported.toml", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Column 'Budget' is not known: kept as it is, as a field of the same name" in text
    assert "“" not in result.output and "(s)" not in result.output
    assert "Budget" in (tmp_path / "imported.toml").read_text(encoding="utf-8")


def test_a_number_mistake_in_english_carries_no_chinese_gloss(plan_file: Path) -> None:
    english_plan(plan_file)
    before = plan_file.read_text(encoding="utf-8")
    for args, said in (
        (["record", "1.1", "abc"], "Invalid value for VALUE: 'abc' is not a number."),
        (["record", "1.1", "9" * 20], "is too large: a number must be below 10^15 in size."),
        (["progress", "2.2", "eighty"], "'eighty' is not a number."),
    ):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert said in result.stderr
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in result.stderr), result.stderr
    assert plan_file.read_text(encoding="utf-8") == before
    chinese = invoke("--lang", "zh", "record", "1.1", "abc")
    assert "不是数字" in chinese.stderr


def test_did_you_mean_lists_three_names_the_english_way(plan_file: Path) -> None:
    english_plan(plan_file)
    result = invoke("remove", "2.2")
    assert result.exit_code == 2
    assert "Did you mean move, resolve or reopen?" in result.stderr


def test_a_missing_argument_shows_its_whole_help_and_the_commands_own_example(
    plan_file: Path,
) -> None:
    english_plan(plan_file)
    result = invoke("new")
    assert result.exit_code == 2
    assert "plan new needs YEAR (The new plan's year, e.g. 2024)." in result.stderr
    assert "For example: plan new 2024." in result.stderr
    resolve = invoke("resolve")
    assert "For example: plan resolve 1.1 actual --ours." in resolve.stderr
    chinese = invoke("--lang", "zh", "new")
    assert "例如：plan new 2024。" in chinese.stderr


def test_check_counts_one_problem_in_the_singular(plan_file: Path) -> None:
    english_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8").replace("progress = 80", "progress = 180")
    plan_file.write_text(text, encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 1
    assert f"{plan_file}: 1 problem found:" in result.output
    assert "(s)" not in result.output
    text = text.replace("progress = 180", "progress = 180\nweight = -1")
    plan_file.write_text(text, encoding="utf-8")
    assert f"{plan_file}: 2 problems found:" in invoke("check").output


def test_import_notices_in_english_name_rows_and_columns_as_a_list(tmp_path: Path) -> None:
    sheet = (
        "No.,Task,Completion,Expected by now,Light\n"
        "1,Harden village roads,40%,50%,yellow\n"
        "2,Install street lights,80%,50%,green\n"
    )
    (tmp_path / "sheet.csv").write_text(sheet, encoding="utf-8")
    result = invoke("import", "sheet.csv", "--out", "imported.toml", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "The tasks on rows 2 and 3 have no target and actual to compare" in text
    assert "'Expected by now' and 'Light' are figures the plan computes" in text
    assert "(s)" not in text and "“" not in text
    assert "progress = 80" in (tmp_path / "imported.toml").read_text(encoding="utf-8")


def test_a_renamed_task_reads_title_old_to_new_in_english(plan_file: Path) -> None:
    english_plan(plan_file)
    edited = invoke("edit", "2.2", "--title", "Anti-drug talks")
    assert edited.exit_code == 0, edited.output
    assert "Title Anti-drug lectures → Anti-drug talks" in edited.stdout
    assert 'title = "Anti-drug talks"' in plan_file.read_text(encoding="utf-8")
    logged = " ".join(invoke("log").stdout.split())
    assert "Title: Anti-drug lectures → Anti-drug talks" in logged
    chinese = invoke("--lang", "zh", "log").stdout
    assert "事项：Anti-drug lectures → Anti-drug talks" in " ".join(chinese.split())


def test_check_and_export_count_one_item_and_one_task_in_the_singular(
    plan_file: Path, tmp_path: Path
) -> None:
    plan_file.write_text(
        '[plan]\ntitle = "One task"\nyear = 2023\nlang = "en"\n\n'
        '[[item]]\nid = "1"\ntitle = "Repair the road"\n',
        encoding="utf-8",
    )
    # (as one line: a long tmp path folds the message at the terminal's width)
    checked = " ".join(invoke("check").output.split())
    assert f"{plan_file}: no problems found (1 item, 1 task)." in checked
    exported = invoke("export", "--out", str(tmp_path / "progress.csv"))
    assert exported.exit_code == 0, exported.output
    assert "(1 task, as of " in " ".join(exported.output.split())
