"""Attacks of session 32 (J): hostile text through this session's new paths (the words of a
recurring deadline kept as 完成时限原文, the ledger's 亮灯 column, 县级编号 keys, progress
notes, the report's grouped problems, standing work, hints naming paths and keys), put there by
``plan import``, ``plan add/edit/note`` or a plan written by hand, then shown by every view. The
rule: nothing lost ([x] stays [x]), nothing read as markup, no raw control character out."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()


def test_a_unit_named_with_a_slash_is_shown_whole_in_the_reports_ledger(plan_file: Path) -> None:
    """The terminal's ledger split 责任单位/责任人 at every slash, also one the names keep (a
    slash between Latin letters: [/b], Transport office/Police): 红[/b] came out 红[ / b],
    or 红[ over b] on a line of its own."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "经济发展"},
            {
                "id": "1.1",
                "title": "签约项目",
                "lead_unit": "经发办[b]红[/b]",
                "owner": "李明",
                "progress": 10,
            },
            {
                "id": "1.2",
                "title": "引进企业",
                "lead_unit": "Transport office/Police",
                "progress": 10,
            },
        ],
    )
    for width in ("80", "160"):
        result = runner.invoke(app, ["report"], env={"COLUMNS": width})
        assert result.exit_code == 0, result.output
        ledger = result.output[result.output.index("附表") :]
        assert "经发办[b]红[/b]" in ledger and "Transport office/Police" in ledger, ledger
        assert "李明" in ledger, ledger


HOSTILE = '[x][bold]红[/bold] *em* #h """ \\ '


def test_the_ledgers_lights_and_work_standard_go_out_in_the_export_and_come_back(
    tmp_path: Path, plan_file: Path
) -> None:
    """亮灯情况 and 工作标准, kept as written on import (s32B), were left out of ``plan export``
    (the import reads their headers as kept columns, which the export took for fields of its
    own): a ledger sent back and imported again lost the county's lights and the standards."""
    from .test_import import items_of, workbook

    rows = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "亮灯情况（红黄绿）", "工作标准"],
        [1, "修建村道", "交通办", "12月底", "红" + HOSTILE, "按时" + HOSTILE],
        [2, "招商引资", "经发办", "12月底", "[red]绿[/red]", "说明[x]"],
    ]
    result = runner.invoke(app, ["import", str(workbook(tmp_path / "台账.xlsx", rows))])
    assert result.exit_code == 0, result.output
    imported = items_of(plan_file)
    assert imported["1"]["亮灯情况（红黄绿）"] == "红" + HOSTILE.strip()
    sent = tmp_path / "报送.xlsx"
    result = runner.invoke(app, ["export", "--out", str(sent)])
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.toml"
    result = runner.invoke(app, ["import", str(sent), "--out", str(again)])
    assert result.exit_code == 0, result.output
    back = items_of(again)
    for key in ("1", "2"):
        for name in ("亮灯情况（红黄绿）", "工作标准"):
            assert back[key][name] == imported[key][name], (key, name)


def test_weekly_work_the_import_calls_standing_is_standing_work_in_the_report(
    tmp_path: Path, plan_file: Path
) -> None:
    """``plan import`` reads 每周 as standing work (常态化工作，没有完成时限), its words kept as
    完成时限原文; the report took it for a task left unfinished (年内未能完成, 结转), as it does
    a task of no deadline at all, where 长期坚持 is carried on as standing work."""
    from .test_import import workbook

    rows = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "网格巡查", "综治办", "每周"],
        [2, "安全巡查", "应急办", "每天[x]"],
        [3, "修建村道", "交通办", "12月底"],
    ]
    result = runner.invoke(app, ["import", str(workbook(tmp_path / "台账.xlsx", rows))])
    assert result.exit_code == 0, result.output
    assert "常态化" in result.stderr
    report = runner.invoke(app, ["report", "--format", "txt"])
    assert report.exit_code == 0, report.output
    said = "".join(report.output.split())
    assert "以下3项任务尚未完成，其中2项为常态化工作" in said, report.output


def test_a_long_county_key_typed_or_listed_is_quoted_by_its_start(tmp_path: Path) -> None:
    """``plan county --key`` with no plan holding the key names the keys the plans have: a
    title pasted into the 县级编号 column (3,000 characters) was listed whole, some 80 lines,
    and so was a key typed that long; each is said by its first 40 and how long it is, as
    every error quotes a long word typed."""
    import datetime as dt

    folder = tmp_path / "县"
    folder.mkdir()
    long_key = "长" * 3000
    task = {"id": "1", "title": "修路", "key": long_key, "due": dt.date(2023, 6, 30)}
    write_plan(folder / "甲镇.toml", [task], organisation="甲镇")
    write_plan(folder / "乙镇.toml", [{**task, "key": "XJ-01"}], organisation="乙镇")
    for typed in ("XJ", "K" * 3000):
        result = runner.invoke(app, ["county", str(folder), "--key", typed])
        assert result.exit_code == 0, result.output
        said = "".join(result.output.split())
        assert "长" * 40 + "…（共3,000字）" in said, result.output[:400]
        assert "长" * 41 not in said and "K" * 41 not in said
        assert "XJ-01" in said
        assert len(result.output.splitlines()) <= 8, result.output[:400]


def test_a_long_cell_is_quoted_by_its_start_in_the_imports_notices(
    tmp_path: Path, plan_file: Path
) -> None:
    """The notices of this session's import paths quoted a cell whole: a recurring deadline
    (每周 followed by 3,000 characters) and a 工作标准 of two figures ran to some 40 lines
    each on stderr. They are quoted by their first 40 characters and how long they are; the
    plan keeps the words whole."""
    from .test_import import items_of, workbook

    long = "长" * 3000
    rows = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "工作标准"],
        [1, "网格巡查", "综治办", "每周" + long, "建成1个和2个" + long],
    ]
    result = runner.invoke(app, ["import", str(workbook(tmp_path / "台账.xlsx", rows))])
    assert result.exit_code == 0, result.output
    said = "".join(result.stderr.split())
    assert "长" * 41 not in said, result.stderr[:600]
    assert "常态化" in said and "两个以上的数字" in said
    assert said.count("（共3,002字/3,002characters）") == 1
    assert said.count("（共3,007字/3,007characters）") == 1
    item = items_of(plan_file)["1"]
    assert item["完成时限原文"] == "每周" + long and item["工作标准"] == "建成1个和2个" + long


def test_a_carried_task_of_a_recurring_deadline_comes_round_in_the_new_year(
    tmp_path: Path, plan_file: Path
) -> None:
    """``plan new`` dropped a carried task's deadline as last year's (2024-Q4) and kept the
    words it was read from (完成时限原文 = 每季度): the new plan said 完成时限：每季度 with no
    deadline, the task never behind nor overdue. A recurring deadline's words are read again
    as their last time in the new plan's period, as ``plan import`` reads them."""
    import datetime as dt

    from .test_import import items_of

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "安全检查[x]", "due": "2024-Q4", "完成时限原文": "每季度[x]"},
            {
                "id": "2",
                "title": "报送动态",
                "due": dt.date(2024, 12, 10),
                "完成时限原文": "每月10日前",
            },
            {"id": "3", "title": "修路", "due": "2024-06", "完成时限原文": "6月底（视天气）"},
        ],
        year=2024,
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    new = tmp_path / "2025.toml"
    result = runner.invoke(
        app, ["new", "2025", "--from", str(plan_file), "--carry", "--out", str(new)]
    )
    assert result.exit_code == 0, result.output
    items = items_of(new)
    assert items["1"]["due"] == "2025-Q4" and items["1"]["完成时限原文"] == "每季度[x]"
    assert items["2"]["due"] == dt.date(2025, 12, 10)
    assert "due" not in items["3"]  # (last year's June: the office sets this year's)
    shown = runner.invoke(app, ["-f", str(new), "list", "--flat"])
    assert shown.exit_code == 0 and "2025-Q4" in shown.output, shown.output


def test_last_years_ledger_lights_stay_behind_in_the_new_plan(
    tmp_path: Path, plan_file: Path
) -> None:
    """A ledger's 亮灯情况 is the county's light on the day it was filled in (kept as written on
    import): ``plan new --carry`` brought last year's 红 into the new plan, where ``plan show``
    gave it beside the new year's own light. It stays behind, as the task's trace does; the
    other kept columns (工作标准) come along."""
    import datetime as dt

    from .test_import import items_of

    write_plan(
        plan_file,
        [
            {
                "id": "1",
                "title": "修路",
                "亮灯情况（红黄绿）": "红",
                "亮灯": "[x]黄",
                "工作标准": "建成3个",
            },
        ],
        year=2024,
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    new = tmp_path / "2025.toml"
    result = runner.invoke(
        app, ["new", "2025", "--from", str(plan_file), "--carry", "--out", str(new)]
    )
    assert result.exit_code == 0, result.output
    item = items_of(new)["1"]
    assert "亮灯情况（红黄绿）" not in item and "亮灯" not in item
    assert item["工作标准"] == "建成3个"
