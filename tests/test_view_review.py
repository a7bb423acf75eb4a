"""What ``plan`` prints on a terminal, as a user of a real plan reads it (review of session 6):
figures with their units in the trace, tables that line up whatever the titles hold, at 80, 60
and 40 columns, in Chinese and in English."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(runner: CliRunner, *args: str, columns: int = 120) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


def test_log_and_show_give_each_figure_the_unit_it_had_on_each_side_of_a_change(
    runner: CliRunner, plan_file: Path
):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "农业"},
            {"id": "1.1", "title": "落实粮食播种面积", "measure": "万亩", "target": 3.5},
        ],
    )
    run(runner, "record", "1.1", "2.5", "--on", "2023-04-01")
    run(runner, "edit", "1.1", "--measure", "亩", "--target", "35000")
    run(runner, "record", "1.1", "30000", "--on", "2023-06-01")
    for args in (["log"], ["show", "1.1"]):
        text = run(runner, *args)
        # the figure stood at 2.5 in 亩 once the unit changed (the edit left it as it was)
        assert "完成值：2.5亩 → 30000亩" in text, text
        assert "目标值：3.5万亩 → 35000亩" in text, text
        assert "计量单位：万亩 → 亩" in text, text
        assert "完成值：— → 2.5万亩" in text, text
    english = run(runner, "log", "--lang", "en")
    assert "Actual: — → 2.5万亩" in english, english
    assert "Target: 3.5万亩 → 35000亩" in english, english


def _terminal_width(line: str) -> int:
    """The cells a terminal gives a line: a joiner between Chinese characters joins nothing
    (it takes no cell), the family emoji 👨‍👩‍👧 is one picture of two cells."""
    from rich.cells import cell_len

    return cell_len(line.replace("👨\u200d👩\u200d👧", "XX").replace("\u200d", ""))


def test_a_joiner_between_chinese_characters_keeps_the_columns_of_a_table_in_line(
    runner: CliRunner, plan_file: Path
):
    titles = ["中\u200d文\u200d标题对齐", "普通的标题对齐", "👨\u200d👩\u200d👧 家庭医生签约"]
    items = [{"id": "1", "title": "卫生"}]
    items += [{"id": f"1.{n}", "title": t, "progress": 50} for n, t in enumerate(titles, 1)]
    items.append({"id": "1.9", "title": "长" * 30 + "\u200d文" * 20, "progress": 50})
    write_plan(plan_file, items)
    for columns in (80, 60, 40):
        text = run(runner, "show", "1", columns=columns)
        rows = [line for line in text.splitlines() if line.endswith("50%")]
        assert len(rows) == 4, text
        assert {_terminal_width(line) for line in rows} == {columns}, text
        assert all(_terminal_width(line) <= columns for line in text.splitlines()), text
        # the family emoji is never cut between two lines
        assert "👨\u200d👩\u200d👧" in text, text


DEEP = [
    {"id": "1", "title": "打牢一个基础，全力实施乡村振兴战略"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "actual": 25},
    {"id": "1.2", "title": "安装路灯", "status": "done", "done_on": "2023-03-01"},
    {"id": "2", "title": "六级"},
    {"id": "2.1", "title": "二级"},
    {"id": "2.1.1", "title": "三级"},
    {"id": "2.1.1.1", "title": "四级"},
    {"id": "2.1.1.1.1", "title": "五级，标题也不算短的一个目标"},
    {"id": "2.1.1.1.1.1", "title": "第六级任务", "progress": 30, "owner": "王五"},
]


def _deep_plan(plan_file: Path, lang: str = "zh") -> None:
    import datetime as dt

    items = [
        {**item, "done_on": dt.date(2023, 3, 1)} if "done_on" in item else item for item in DEEP
    ]
    write_plan(plan_file, items, lang=lang)


def test_status_fits_40_columns_and_60_in_english_with_every_figure_named(
    runner: CliRunner, plan_file: Path
):
    from rich.cells import cell_len

    for lang, widths in (("zh", (40, 60, 80)), ("en", (40, 60, 80))):
        _deep_plan(plan_file, lang)
        for columns in widths:
            text = run(runner, "status", "--as-of", "2023-06-30", columns=columns)
            too_wide = [line for line in text.splitlines() if cell_len(line) > columns]
            assert not too_wide, f"{lang} {columns}:\n{text}"
            # every part's and goal's figures are there: 2 done of 2, 1 of 2, 0 of 1 ...
            for figures in ("1/2", "0/1", "1/3"):
                assert figures in text, text
    _deep_plan(plan_file, "zh")
    narrow = run(runner, "status", "--as-of", "2023-06-30", columns=40)
    assert "完成/总数 1/2 · 完成率" in narrow, narrow
    assert "超/达/欠/逾 " in narrow and "红/黄 " in narrow, narrow
    assert "2.1.1.1.1 五级" in narrow, narrow
    grouped = run(runner, "status", "--by", "owner", "--as-of", "2023-06-30", columns=40)
    assert "王五" in grouped and all(cell_len(line) <= 40 for line in grouped.splitlines())


def test_list_flat_log_and_show_keep_within_40_columns_and_60_in_english(
    runner: CliRunner, plan_file: Path
):
    from rich.cells import cell_len

    for lang in ("zh", "en"):
        _deep_plan(plan_file, lang)
        run(runner, "record", "1.1", "30", "--on", "2023-05-01", "-n", "按月填报")
        run(runner, "note", "2.1.1.1.1.1", "进展顺利", "--by", "一个名字很长的记录人员")
        for columns in (40, 60, 80):
            for args in (["list", "--flat"], ["log"], ["show", "1.1"], ["show", "2"]):
                dated = [] if args == ["log"] else ["--as-of", "2023-06-30"]
                shown = run(runner, *args, *dated, columns=columns)
                too_wide = [line for line in shown.splitlines() if cell_len(line) > columns]
                assert not too_wide, f"{lang} {columns} {args}:\n{shown}"
        flat = run(runner, "list", "--flat", "--as-of", "2023-06-30", columns=40)
        assert "2.1.1.1.1.1 第六级任务" in flat, flat
        assert "75%" in flat and "30%" in flat, flat  # 30 of 40 处; the sixth level's progress
        log = run(runner, "log", columns=40)
        assert "30处" in log and "按月填报" in log and "进展顺利" in log, log


def test_show_of_an_item_with_a_long_field_name_typed_into_the_file_keeps_within_the_width(
    runner: CliRunner, plan_file: Path
):
    from rich.cells import cell_len

    long_name = "自定义的一个很长很长的字段名称" * 4  # a field typed into the file by hand
    _deep_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace('title = "修塘"', f'title = "修塘"\n"{long_name}" = "值"'), encoding="utf-8"
    )
    for columns in (40, 60, 80, 120):
        shown = run(runner, "show", "1.1", columns=columns)
        assert all(cell_len(line) <= columns for line in shown.splitlines()), shown
        # our own names keep one column, which a long name typed in widens to 16 cells at
        # most from 60 columns on (it folds there)
        assert ("完成值      25" if columns < 60 else "完成值            25") in shown, shown


def test_list_never_cuts_a_tasks_light_between_two_lines(runner: CliRunner, plan_file: Path):
    items: list[dict] = [{"id": "1", "title": "部分"}]
    items += [  # titles of every length around the line's end: 红灯 falls across it in one
        {"id": f"1.{n}", "title": "修" * n, "due": "2023-Q1"} for n in range(14, 34)
    ]
    write_plan(plan_file, items)
    for columns in (40, 60, 80):
        text = run(runner, "list", "--as-of", "2023-06-30", columns=columns)
        assert text.count("红灯") == 20, text


def test_help_fits_80_60_and_40_columns_where_english_names_chinese_words(
    runner: CliRunner, plan_file: Path
):
    import typer.main
    from rich.cells import cell_len

    _deep_plan(plan_file)  # a Chinese plan, help asked for in English
    group = typer.main.get_command(app)
    for name in [None, *group.commands]:  # type: ignore[attr-defined]
        args = ["--help"] if name is None else [name, "--help"]
        for lang, columns in [("en", 80), ("en", 60), ("en", 40), ("zh", 40)]:
            said = run(runner, *args, "--lang", lang, columns=columns)
            assert said.startswith("Usage: plan" if lang == "en" else "用法：plan"), said
            too_wide = [line for line in said.splitlines() if cell_len(line) > columns]
            assert not too_wide, f"{name} {lang} {columns}:\n" + "\n".join(too_wide)
    imported = run(runner, "import", "--help", "--lang", "en", columns=80)
    assert "\n  Make a new plan file from a 任务分解表 or 推进情况表 in Excel (.xlsx), CSV\n" in (
        imported
    )
    assert "(编号或名称片段).  [required]" in run(runner, "show", "--help", "--lang", "en")


def test_an_edit_that_changes_the_unit_says_the_old_figure_in_the_old_unit(
    runner: CliRunner, plan_file: Path
):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "农业"},
            {"id": "1.1", "title": "落实粮食播种面积", "measure": "万亩", "target": 3.5},
        ],
    )
    said = run(runner, "edit", "1.1", "--measure", "亩", "--target", "35000")
    assert "计量单位 万亩 → 亩" in said and "目标值 3.5万亩 → 35000亩" in said, said
    said = run(runner, "edit", "1.1", "--target", "36000")
    assert "目标值 35000亩 → 36000亩" in said, said


def test_the_reports_ledger_keeps_within_40_columns_with_every_task_and_figure(
    runner: CliRunner, plan_file: Path
):
    from rich.cells import cell_len

    for lang in ("zh", "en"):
        _deep_plan(plan_file, lang)
        for columns in (40, 60, 80):
            text = run(runner, "report", "--as-of", "2023-06-30", columns=columns)
            too_wide = [line for line in text.splitlines() if cell_len(line) > columns]
            assert not too_wide, f"{lang} {columns}:\n" + "\n".join(too_wide)
    narrow = run(runner, "report", "--as-of", "2023-06-30", columns=40)
    ledger = narrow[narrow.index("Appendix") :]  # each task, its status and completion under it
    for task in ("1.1 修塘\n", "1.2 安装路灯\ndone · 100%", "2.1.1.1.1.1 第六级任务\n"):
        assert task in ledger, ledger


def test_check_folds_each_problem_under_its_dash_on_a_terminal_and_keeps_it_whole_in_a_pipe(
    runner: CliRunner, plan_file: Path
):
    from rich.cells import cell_len

    _deep_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("progress = 30", "progress = 150"), encoding="utf-8")
    piped = runner.invoke(app, ["check"], env={"COLUMNS": "60"})
    assert piped.exit_code == 1
    problems = [line for line in piped.output.splitlines() if line.startswith("  - ")]
    assert len(problems) == 1 and "150" in problems[0] and problems[0].endswith("。"), piped.output
    shown = runner.invoke(app, ["check"], env={"COLUMNS": "40", "TTY_COMPATIBLE": "1"})
    assert shown.exit_code == 1
    everything = shown.output.splitlines()
    first = next(n for n, line in enumerate(everything) if line.startswith("  - "))
    lines = everything[first:]  # (the summary before it folds too, a long path with it)
    assert first > 0 and len(lines) > 1, shown.output
    assert all(cell_len(line) <= 40 for line in everything[:first]), shown.output
    assert all(line.startswith("    ") for line in lines[1:]), shown.output
    assert all(cell_len(line) <= 40 for line in lines), shown.output
    assert "".join(line[4:] for line in lines).replace(" ", "") == problems[0][4:].replace(" ", "")


def test_show_writes_a_field_it_does_not_know_as_the_file_does_not_as_python_would(
    runner: CliRunner, plan_file: Path
):
    plan_file.write_text(
        '[plan]\ntitle = "测试"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "任务"\n'
        'site = { "google.com" = true, list = [1, 2.5, "x"], on = 2023-05-01 }\n'
        'extra = [{ a = 1 }, "b"]\n',
        encoding="utf-8",
    )
    text = run(runner, "show", "1")
    lines = [" ".join(line.split(None, 1)) for line in text.splitlines()]
    assert 'site { "google.com" = true, list = [1, 2.5, "x"], on = 2023-05-01 }' in lines
    assert "extra { a = 1 }、b" in lines
    assert "True" not in text and "datetime" not in text and "'" not in text
