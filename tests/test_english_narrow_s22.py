"""Session 22: the tool read in English (``--lang en``) and on narrow terminals (80, 60 and 40
columns), the 2023 plan and a plan imported from examples/: what an office saw wrong."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

runner = CliRunner()


def run(*args: str, columns: int = 80) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result.exit_code, result.output


def cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


# --------------------------------------------- plan status stacked: a name and its figures


STACKED_NAMES = {
    "en": ("Done", "Completion", "Ahead/On/Behind/Overdue", "Red/Yel"),
    "zh": ("完成/总数", "完成率", "超/达/欠/逾", "红/黄"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", range(40, 71))
def test_stacked_status_keeps_each_figure_on_the_line_of_its_name(town_plan, lang, columns):
    # At 60 columns in English a goal two levels down read
    #   "Done 0/2 · Completion 0% · Ahead/On/Behind/Late"
    #   "0/0/2/0"
    # the figures' line packed for two cells more than the column has, so the table broke it
    # again between a name and its figure.
    # (the total's figures too long for one line, so no row's measure gave the column its width)
    for args in (
        ["done", "1.1.1", "--on", "2023-03-02"],
        ["progress", "4.1", "100", "--on", "2023-05-01"],
        ["progress", "4.2", "60", "--on", "2023-06-01"],
    ):
        assert run(*args)[0] == 0
    code, output = run("--lang", lang, "status", "--as-of", "2023-12-31", columns=columns)
    assert code == 0, output
    names = STACKED_NAMES[lang]
    if names[-1] + " " not in output:
        return  # the table fits: no figure is stacked
    figure = re.compile(r"^\d+(/\d+)*%?$")
    for line in output.splitlines():
        assert cells(line) <= columns, line
        words = line.strip().split(" · ")
        for phrase in words:
            assert not figure.match(phrase), line  # a figure on a line without its name
            assert phrase not in names, line  # a name whose figure went to the next line


# ------------------------------------------------ plan status wide: its columns' headings


def test_wide_english_status_heads_its_pace_columns_like_the_others(town_plan):
    # At 100 columns and more the four pace counts get a column each, and in English they were
    # headed with the lowercase words of a task's pace among capitalised headings:
    #   "Done  Completion  ahead  on pace  behind  overdue  Red/Yel"
    code, output = run("--lang", "en", "status", columns=120)
    assert code == 0, output
    heading = output.splitlines()[1].split()
    assert heading[:2] == ["ID", "Item"]
    assert "Completion  Ahead  On pace  Behind  Overdue  Red/Yel" in output
    code, output = run("status", columns=120)  # the Chinese as it was
    assert "完成率     超进度  达进度  欠进度  逾期  红/黄" in output


# ------------------------------------------------------------- grammar: one item, not them


def test_removing_a_goal_with_one_item_under_it_says_it_not_them(plan_file):
    # "Error: 1 Roads has 1 item under it. Add --recursive to remove them too, or move them
    # elsewhere first (plan move)."
    from .conftest import write_plan

    write_plan(plan_file, [{"id": "1", "title": "Roads"}, {"id": "1.1", "title": "East road"}])
    before = plan_file.read_bytes()
    code, output = run("--lang", "en", "rm", "1", "--yes")
    assert code == 1
    assert output == (
        "Error: 1 Roads has 1 item under it. Add --recursive to remove it too, or move it "
        "elsewhere first (plan move).\n"
    )
    assert plan_file.read_bytes() == before
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "Roads"},
            {"id": "1.1", "title": "East"},
            {"id": "1.2", "title": "West"},
        ],
    )
    code, output = run("--lang", "en", "rm", "1", "--yes")
    assert code == 1
    assert "has 2 items under it. Add --recursive to remove them too, or move them" in output


def one_task_goal(plan_file, **task):
    from .conftest import write_plan

    write_plan(plan_file, [{"id": "1", "title": "Roads"}, {"id": "1.1", "title": "East", **task}])
    return plan_file.read_bytes()


@pytest.mark.parametrize(
    "args, what",
    [
        (["progress", "1", "50"], "given a progress"),
        (["start", "1"], "started"),
        (["block", "1", "--reason", "x"], "blocked"),
        (["drop", "1", "--reason", "x"], "dropped"),
    ],
)
def test_a_status_change_on_a_goal_of_one_task_counts_one_task(plan_file, args, what):
    # "1 Roads is a goal (1 tasks under it): ... Change the tasks under it"
    before = one_task_goal(plan_file)
    code, output = run("--lang", "en", *args)
    assert code == 1
    assert output == (
        "Error: 1 Roads is a goal (1 task under it): its status and completion come from its "
        f"tasks, so it cannot be {what} itself. Change the task under it (plan list --part 1).\n"
    )
    assert plan_file.read_bytes() == before


def test_done_on_a_goal_of_one_open_task_names_it_in_the_singular(plan_file):
    # "1 Roads is a goal; its open tasks are: 1.1. Add --all to tick them all off, or name the
    # tasks."
    before = one_task_goal(plan_file)
    code, output = run("--lang", "en", "done", "1")
    assert code == 1
    assert output == (
        "Error: 1 Roads is a goal; its open task is 1.1. Add --all to tick it off, or name the "
        "task.\n"
    )
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_done_on_a_goal_with_nothing_open_says_so_without_advising_all(plan_file, lang):
    # "its open tasks are: none. Add --all to tick them all off" (其下未完成的任务有：无。
    # 要全部销号请加 --all), and --all then said there was nothing left to tick off.
    before = one_task_goal(plan_file, status="done", done_on=dt.date(2023, 3, 1))
    code, output = run("--lang", lang, "done", "1")
    assert code == 1
    assert (
        output
        == {
            "en": "Error: 1 Roads has no open tasks left.\n",
            "zh": "错误：1 Roads 下没有未完成的任务。\n",
        }[lang]
    )
    assert plan_file.read_bytes() == before


# ------------------------------------ the header's name is not taken for the command's


def test_a_header_change_on_another_file_names_the_header_not_a_command(town_plan, tmp_path):
    # With --file naming another plan than the folder's, the tool rewrites each command it
    # advises (plan undo -> plan -f FILE undo), and its own words "the plan header" were taken
    # for one: "Edited the plan -f other.toml header: title … → X."
    other = tmp_path / "other.toml"
    other.write_bytes(town_plan.read_bytes())
    code, output = run("--lang", "en", "-f", "other.toml", "header", "--title", "X")
    assert code == 0, output
    assert output == "Edited the plan's header: title 泉湖镇2023年工作计划 → X.\n"
    assert 'title = "X"' in other.read_text(encoding="utf-8")
    code, output = run("--lang", "en", "-f", "other.toml", "header", "--title", "X")
    assert (code, output) == (
        1,
        "Error: The plan's header has these values already; nothing changed.\n",
    )
    code, output = run("--lang", "en", "-f", "other.toml", "undo")
    assert code == 0, output
    assert output.startswith("Undid the edit by ")
    assert ": the plan's header: title X → 泉湖镇2023年工作计划. " in output
    assert "plan -f" not in output


# ------------------------------------------------ an error on a narrow terminal is folded


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "en", "show", "9.9"],  # an error of the plan (fail)
        ["--lang", "en", "status", "--as-of", "2023-13-01"],  # a usage error
        ["list", "-s", "foo"],
    ],
)
@pytest.mark.parametrize("columns", [40, 60])
def test_an_error_on_a_narrow_terminal_is_folded_between_words(town_plan, args, columns):
    # At 40 columns "Error: No item has the id or title '9.9'. Run plan list to see every id."
    # ran past the edge, and the terminal broke it inside a word ("… Run plan li" / "st to
    # see every id."). To a pipe or a file it stays one line, for grep.
    before = town_plan.read_bytes()
    piped = runner.invoke(app, args, env={"COLUMNS": str(columns)})
    shown = runner.invoke(app, args, env={"COLUMNS": str(columns), "TTY_COMPATIBLE": "1"})
    assert piped.exit_code == shown.exit_code > 0
    assert len(piped.output.splitlines()) == 1
    lines = shown.output.splitlines()
    assert len(lines) > 1
    assert all(cells(line) <= columns for line in lines), lines
    if args[0] == "--lang":  # English: broken at spaces alone, no word cut
        assert " ".join(lines).replace("年 ", "年") == piped.output.strip()
    else:  # Chinese: between characters too
        assert re.sub(r"\s", "", shown.output) == re.sub(r"\s", "", piped.output)
    assert town_plan.read_bytes() == before


def test_a_broken_file_on_a_narrow_terminal_folds_each_problem_under_its_dash(plan_file):
    plan_file.write_text(
        '[plan]\ntitle = "T"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "A"\nstatus = "finished"\n'
        '\n[[item]]\nid = "2"\ntitle = "B"\nprogress = 150\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["--lang", "en", "status"], env={"COLUMNS": "40", "TTY_COMPATIBLE": "1"}
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert all(cells(line) <= 40 for line in lines), lines
    dashes = [n for n, line in enumerate(lines) if line.startswith("  - ")]
    assert len(dashes) == 2
    for n in range(dashes[0] + 1, dashes[1]):
        assert lines[n].startswith("    ") and lines[n][4] != " ", lines[n]


# ------------------------------------------- plan show: a row a milestone, named as one


def test_show_names_each_milestone_row_in_the_singular(plan_file):
    # Two rows each headed "Milestones": a plural name over one milestone, twice.
    from .conftest import write_plan

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "Roads"},
            {
                "id": "1.1",
                "title": "East road",
                "measure": "km",
                "target": 12,
                "actual": 4,
                "milestone": [{"due": "2023-Q2", "value": 6}, {"due": "2023-Q3", "progress": 80}],
            },
        ],
        lang="en",
    )
    code, output = run("show", "1.1", "--as-of", "2023-09-30")
    assert code == 0, output
    rows = [line for line in output.splitlines() if line.startswith("Milestone")]
    assert rows == [
        "Milestone        6 km (50%) due by 2023-Q2, missed (33% done by then)",
        "Milestone        80% due by 2023-Q3, missed (33% done by then)",
    ]
    code, output = run("--lang", "zh", "show", "1.1", "--as-of", "2023-09-30")
    assert [line[:4] for line in output.splitlines() if line.startswith("时间节点")] == [
        "时间节点"
    ] * 2


# ------------------------------------------- the report names who answers, spaced in English


def test_english_report_sets_the_slash_between_unit_and_owner_apart(plan_file, tmp_path):
    # "responsible: Transport office/Li Ming" ran two names of several words together, where
    # plan list writes "Transport office / Li Ming".
    from .conftest import write_plan

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "Roads"},
            {
                "id": "1.1",
                "title": "East road",
                "lead_unit": "Transport office",
                "owner": "Li Ming",
                "due": dt.date(2023, 3, 31),
            },
        ],
        lang="en",
    )
    code, output = run("report", "--as-of", "2023-09-30", "--format", "md")
    assert code == 0, output
    assert "led by Transport office / Li Ming." in output
    assert "Transport office/Li Ming" not in output
    out = tmp_path / "r.docx"
    code, output = run("report", "--as-of", "2023-09-30", "-o", str(out))
    assert code == 0, output
    import docx

    cells = [c.text for row in docx.Document(str(out)).tables[0].rows for c in row.cells]
    assert "Transport office / Li Ming" in cells
    code, output = run("--lang", "zh", "report", "--as-of", "2023-09-30", "--format", "md")
    assert "由Transport office/Li Ming负责" in output  # the Chinese as it was


# ------------------------------------------------------ the county's rule: 1 day, not 1 days


def test_county_stale_days_of_one_says_one_day(tmp_path):
    # "Reporting: a record within 1 days."
    from .test_county import town_doc, write

    folder = tmp_path / "county"
    write(folder / "a.toml", town_doc("Hill Town", tasks=3, seed=1, lang="en"))
    for days, said in ((1, "a record within 1 day."), (2, "a record within 2 days.")):
        args = ["county", str(folder), "--as-of", "2024-03-01", "--stale-days", str(days)]
        code, output = run(*args, columns=200)
        assert code == 0, output
        assert said in output
        md = tmp_path / f"notice{days}.md"
        code, output = run(*args, "-o", str(md))
        assert code == 0, output
        assert said in md.read_text(encoding="utf-8")


def test_import_of_one_task_counts_it_in_the_singular(tmp_path, plan_file):
    # "Imported 2 items (1 tasks) from …"
    sheet = tmp_path / "one.csv"
    sheet.write_text("序号,工作任务,责任人\n1,Roads,\n1.1,East road,Li Ming\n", encoding="utf-8")
    code, output = run("--lang", "en", "import", str(sheet), "--dry-run")
    assert code == 0, output
    assert "would import 2 items (1 task) from" in output
    assert not plan_file.exists()
    code, output = run("--lang", "en", "import", str(sheet))
    assert code == 0, output
    assert "Imported 2 items (1 task) from" in output
    assert 'title = "East road"' in plan_file.read_text(encoding="utf-8")


def test_county_of_a_folder_with_one_file_that_is_not_a_plan_counts_it_as_one(tmp_path):
    # "No plan file found in … (1 files that are not plans were skipped)."
    folder = tmp_path / "county"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, output = run("--lang", "en", "county", str(folder))
    assert code == 1
    assert "(1 file that is not a plan was skipped)." in output
    (folder / "other.toml").write_text("[tool]\nx = 1\n", encoding="utf-8")
    code, output = run("--lang", "en", "county", str(folder))
    assert "(2 files that are not plans were skipped)." in output


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "Note: the one task of Wang is at 100% but not ticked off yet."),
        ("zh", "注：Wang 的1项任务完成率已达100%，尚未销号。"),
    ],
)
def test_status_by_lead_of_one_task_at_full_says_one_task_once(plan_file, lang, said):
    # "Note: every task of Wang is at 100%; 1 of them is not ticked off yet."
    from .conftest import write_plan

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "Roads"},
            {"id": "1.1", "title": "East road", "lead": "Wang", "progress": 100},
            {"id": "1.2", "title": "West road", "lead": "Zhao", "progress": 100},
            {"id": "1.3", "title": "North road", "lead": "Zhao", "progress": 100},
            {"id": "1.4", "title": "South road", "lead": "Li", "progress": 10},
        ],
    )
    code, output = run("--lang", lang, "status", "--by", "lead", "--as-of", "2023-06-30")
    assert code == 0, output
    assert said in output.splitlines()
    if lang == "en":
        assert "Note: every task of Zhao is at 100%; 2 of them are not ticked off yet." in output


# ------------------------------------ the note on merge conflicts under a view, folded


def test_the_conflicts_note_under_status_and_list_keeps_within_a_narrow_width(plan_file, tmp_path):
    # "Note: 2 merge conflicts are not settled (1.1 owner, 1.2 title); those figures show our
    # side's value and are not final. plan check lists both values; plan resolve settles
    # them." ran on one line of 180 columns under a view drawn for a terminal of 40 (to a
    # pipe or a file it stays one line, as an error does).
    from .conftest import write_plan

    base = write_plan(
        tmp_path / "base.toml",
        [
            {"id": "1", "title": "Roads"},
            {"id": "1.1", "title": "East"},
            {"id": "1.2", "title": "W"},
        ],
        lang="en",
    )
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    for path, owner, title in ((ours, "Zhang San", "West"), (theirs, "Li Si", "Westward")):
        path.write_bytes(base.read_bytes())
        assert run("-f", str(path), "edit", "1.1", "--owner", owner)[0] == 0
        assert run("-f", str(path), "edit", "1.2", "--title", title)[0] == 0
    code, output = run("merge", str(base), str(ours), str(theirs), "plan.toml")
    assert code == 0, output
    plan_file.write_bytes(ours.read_bytes())
    for args in (["status"], ["list"], ["--lang", "zh", "status"]):
        result = runner.invoke(app, args, env={"COLUMNS": "40", "TTY_COMPATIBLE": "1"})
        code, output = result.exit_code, re.sub(r"\x1b\[[0-9;]*m", "", result.output)
        assert code == 0, output
        lines = output.splitlines()
        note = lines[[n for n, line in enumerate(lines) if line.startswith(("Note:", "注意"))][0] :]
        assert len(note) > 1 and all(cells(line) <= 40 for line in note), output
        flat = re.sub(r"\s", "", output)
        assert "1.1owner,1.2title" in flat or "1.1责任人（owner）、1.2事项（title）" in flat, output


# ------------------------------------------------------- plan header: labels, not keys


def test_english_header_view_names_its_fields_as_labels(plan_file):
    # "title: Hill Town 2023 work plan / organisation: … / file: plan.toml", the lowercase
    # names of the file's keys where plan show and plan log write Title, Owner, Parent.
    from .conftest import write_plan

    write_plan(plan_file, [{"id": "1", "title": "Roads"}], title="Hill Town", lang="en")
    code, output = run("header", columns=400)  # (the file's path on one line, however deep)
    assert code == 0, output
    lines = output.splitlines()
    assert lines[:6] == [
        "Title: Hill Town",
        "Organisation: 测试镇人民政府",
        "Year: 2023",
        "Start: 2023-01-01",
        "End: 2023-12-31",
        "Language: en",
    ]
    assert lines[6:] == [f"File: {plan_file}"]
    code, output = run("--lang", "zh", "header")
    assert output.splitlines()[0] == "计划名称：Hill Town"


def test_an_error_that_fits_the_terminal_keeps_its_spaces(plan_file):
    # A title's two spaces ("East  road") are the user's text: an error short enough for
    # the terminal is shown as it is, not run through the folding that joins words by one.
    from .conftest import write_plan

    write_plan(plan_file, [{"id": "1", "title": "East  road"}, {"id": "1.1", "title": "Bit"}])
    before = plan_file.read_bytes()
    result = runner.invoke(
        app, ["--lang", "en", "start", "1"], env={"TTY_COMPATIBLE": "1", "COLUMNS": "200"}
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: 1 East  road is a goal (1 task under it)")
    assert len(result.output.splitlines()) == 1
    assert plan_file.read_bytes() == before


# ------------------------------------------- import --dry-run: its summary on a terminal


def test_import_dry_run_folds_its_summary_on_a_narrow_terminal(plan_file):
    # The tree was fitted to 40 columns, and under it "Dry run: would import 11 items (7
    # tasks) from …/花桥镇2023年任务分解表.xlsx (sheet '任务分解表', header on row 3) into
    # plan.toml; nothing was written. …" ran on as one line of some 250 columns.
    from .conftest import REPO

    sheet = str(REPO / "examples" / "花桥镇2023年任务分解表.xlsx")
    args = ["--lang", "en", "import", sheet, "--dry-run"]
    piped = runner.invoke(app, args, env={"COLUMNS": "40"})
    shown = runner.invoke(app, args, env={"COLUMNS": "40", "TTY_COMPATIBLE": "1"})
    assert piped.exit_code == shown.exit_code == 0, shown.output
    summary = next(line for line in piped.output.splitlines() if line.startswith("Dry run:"))
    assert cells(summary) > 200
    assert all(cells(line) <= 40 for line in shown.output.splitlines()), shown.output
    lines = shown.output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Dry run:"))
    folded = "".join(lines[start:])
    assert re.sub(r"\s", "", folded).startswith(re.sub(r"\s", "", summary)), folded
    assert not plan_file.exists()


# ---------------------------------------- what a change says, on a narrow terminal


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_what_a_change_says_is_folded_on_a_narrow_terminal(town_plan, lang):
    # "Ticked off 1.1.1 因地制宜发展优势产业 (2023-03-02). 1 打牢一个基础: completion 50% (1/2)."
    # ran past a 40-column terminal's edge, broken by the terminal inside a word or figure.
    args = ["--lang", lang, "done", "1.1.1", "--on", "2023-03-02"]
    result = runner.invoke(app, args, env={"COLUMNS": "40", "TTY_COMPATIBLE": "1"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) > 1 and all(cells(line) <= 40 for line in lines), lines
    flat = re.sub(r"\s", "", result.output)
    assert flat.endswith("(1/2)." if lang == "en" else "（1/2）"), flat
    assert 'status = "done"' in town_plan.read_text(encoding="utf-8")
    assert run("undo")[0] == 0
    piped = runner.invoke(app, args, env={"COLUMNS": "40"})
    assert len(piped.output.splitlines()) == 1  # to a pipe: one line, for grep
