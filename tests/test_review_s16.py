"""Review of session 16's merges (s16R): what a tester with real plans and hostile inputs found.

1. A task added after its own deadline (a task recorded late) had the day it was added written
   as its 开工时间 in the export, later than its 完成时限, so that plan import of the
   tool's own table warned 开工日期晚于完成时限; its pace does not depend on that day at all.
2. A file that is already there under a name Windows cannot hold (周报:最新.md, made on
   Linux) could no longer be written again by report/export/import --out, though the store
   writes such a file (a plan) in place as before: the check is for names a new file gets.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()
CHINA = dt.timezone(dt.timedelta(hours=8))


def _added(item_id: str, day: dt.date) -> dict[str, Any]:
    return {
        "at": dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=CHINA),
        "by": "张三",
        "action": "add",
        "after": {"id": item_id, "title": "x"},
    }


def _items(path: Path) -> dict[str, dict[str, Any]]:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return {table["id"]: table for table in doc["item"]}


# ---------------------------------------------------------------- 1. 开工时间 after 完成时限


def test_an_export_gives_no_start_after_the_deadline_of_a_task_added_after_it(
    plan_file: Path, tmp_path: Path
) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "重点工作"},
            # Added on 1 August, due 30 June: overdue whenever it is looked at.
            {
                "id": "1.1",
                "title": "补录任务",
                "due": dt.date(2023, 6, 30),
                "log": [_added("1.1", dt.date(2023, 8, 1))],
            },
            # Added on 1 July, due at the year's end: paced from 1 July, said so.
            {"id": "1.2", "title": "年中新增", "log": [_added("1.2", dt.date(2023, 7, 1))]},
        ],
    )
    table, back = tmp_path / "e.xlsx", tmp_path / "back.toml"
    exported = runner.invoke(app, ["export", "--as-of", "2023-09-30", "--out", str(table)])
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(app, ["import", str(table), "--out", str(back)])
    assert imported.exit_code == 0, imported.output
    assert "开工日期晚于完成时限" not in imported.output
    items = _items(back)
    assert "start" not in items["1.1"]
    assert items["1.2"]["start"] == dt.date(2023, 7, 1)
    checked = runner.invoke(app, ["--file", str(back), "check"])
    assert "开工日期晚于完成时限" not in checked.output, checked.output


# ---------------------------------------------------------------- 2. a file already there


def _small_plan(plan_file: Path) -> None:
    write_plan(plan_file, [{"id": "1", "title": "重点工作"}, {"id": "1.1", "title": "任务"}])


def test_report_and_export_write_again_a_file_already_there_under_a_linux_name(
    plan_file: Path, tmp_path: Path
) -> None:
    _small_plan(plan_file)
    report, table = tmp_path / "周报:最新.md", tmp_path / "台账:最新.xlsx"
    report.write_text("上周的\n", encoding="utf-8")
    written = runner.invoke(app, ["report", "--out", str(report), "--force"])
    assert written.exit_code == 0, written.output
    assert "测试镇2023年工作计划" in report.read_text(encoding="utf-8")
    table.write_bytes(b"")
    exported = runner.invoke(app, ["export", "--out", str(table), "--force"])
    assert exported.exit_code == 0, exported.output
    assert table.read_bytes().startswith(b"PK")
    # A new file under such a name is refused still, nothing written.
    fresh = tmp_path / "周报:新.md"
    refused = runner.invoke(app, ["report", "--out", str(fresh)])
    assert refused.exit_code == 1 and not fresh.exists()


def test_import_force_writes_again_a_plan_already_there_under_a_linux_name(
    plan_file: Path, tmp_path: Path
) -> None:
    _small_plan(plan_file)
    table, back = tmp_path / "e.xlsx", tmp_path / "plan:back.toml"
    assert runner.invoke(app, ["export", "--out", str(table)]).exit_code == 0
    back.write_text("# 旧的\n", encoding="utf-8")
    imported = runner.invoke(app, ["import", str(table), "--out", str(back), "--force"])
    assert imported.exit_code == 0, imported.output
    assert "1.1" in _items(back)


# ---------------------------------------------------------------- 3. a kept part's place


def test_the_first_part_deleted_by_hand_and_kept_by_a_merge_stays_first(tmp_path: Path) -> None:
    """Ours cut part 1 and all under it; theirs ticked a task of it off: part 1 comes back,
    where it was, before part 2 (it came back last, after the plan's last part)."""
    from .test_merge_deleted_by_hand import deleted_by_hand, ids, merged, plan, three_plans

    base, ours, theirs = three_plans(tmp_path)
    everything = ids(ours)
    under_one = [i for i in everything if i == "1" or i.startswith("1.")]
    task = next(i for i in under_one if plan(ours, "show", i, "--json").stdout.count('"task"'))
    deleted_by_hand(ours, *under_one)
    assert plan(theirs, "done", task, "--by", "乙").exit_code == 0
    result = merged(base, ours, theirs)
    assert result.exit_code == 0, result.output
    order = ids(ours)
    assert order[0] == "1", order
    assert order == [i for i in everything if i in order]  # each where it was


# ---------------------------------------------------------------- 4. 避头尾 in a cut word


def test_a_name_cut_by_characters_leaves_no_closing_bracket_alone_on_a_line(
    tmp_path: Path, monkeypatch
) -> None:
    """Two unnamed towns' plans are named by their files, （a/town/plan.toml）: in the county
    table at 80 columns the unit was cut before its ）, which made a line of its own."""
    from quanhu_plan.terminal.paragraphs import wrap_lines

    text = "2023年工作计划（a/town/plan.toml）"
    lines = [text[start:end] for start, end in wrap_lines(text, 18)]
    assert all(line[0] not in "）)" for line in lines), lines
    assert "".join(lines) == text
    for town in ("a", "b"):
        folder = tmp_path / town / "town"
        folder.mkdir(parents=True)
        tasks = [{"id": "1", "title": "部分"}, {"id": "1.1", "title": "任务"}]
        write_plan(folder / "plan.toml", tasks, organisation="", title="2023年工作计划")
    monkeypatch.setenv("COLUMNS", "80")
    shown = runner.invoke(
        app, ["county", str(tmp_path / "a/town/plan.toml"), str(tmp_path / "b/town/plan.toml")]
    )
    assert shown.exit_code == 0, shown.output
    assert all(line.strip() != "）" for line in shown.stdout.splitlines()), shown.stdout


# ---------------------------------------------------------------- 5. a goal gone both ways


def test_a_goal_deleted_by_hand_stays_gone_when_the_other_side_removed_a_task_of_it(
    tmp_path: Path,
) -> None:
    """Ours cut goal 5.3 and its tasks out of the file; theirs removed 5.3.1 (plan rm, to the
    archive). Nobody wanted 5.3: it came back, without its tasks a task of its own (one more
    task at 0% in every figure), and the merge said the other side had changed it."""
    from .test_merge_deleted_by_hand import deleted_by_hand, ids, merged, plan, three_plans

    base, ours, theirs = three_plans(tmp_path)
    tasks_before = json_total(plan(base, "status", "--json").stdout)
    deleted_by_hand(ours, "5.3", "5.3.1", "5.3.2")
    assert plan(theirs, "rm", "5.3.1", "--yes", "--by", "乙").exit_code == 0
    result = merged(base, ours, theirs)
    assert result.exit_code == 0, result.output
    assert not [i for i in ids(ours) if i.startswith("5.3")]
    assert "直接删去" not in result.output, result.output
    assert json_total(plan(ours, "status", "--json").stdout) == tasks_before - 2
    assert plan(ours, "check").exit_code == 0


def json_total(text: str) -> int:
    import json

    return json.loads(text)["total"]["total"]


# ---------------------------------------------------------------- 6. a plan over two years


def test_a_two_year_plans_report_carries_what_is_left_past_its_own_second_year(
    plan_file: Path,
) -> None:
    """A 规划 over 2023 and 2024: what is left goes on in 2025-2026, not into 2024-2025 (its
    own second year); a July–June plan is followed by the next plan year as before."""
    write_plan(
        plan_file,
        [{"id": "1", "title": "部分"}, {"id": "1.1", "title": "任务"}],
        title="泉湖镇2023-2024年工作规划",
        start=dt.date(2023, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    # (a 规划 is reported as the 规划 it is called since session 34: report/title.named_work_kind)
    assert "测试镇2023-2024年工作规划完成情况总结" in result.stdout
    assert "结转2025-2026年继续推进" in result.stdout, result.stdout
    english = runner.invoke(app, ["report", "--lang", "en", "--format", "json"])
    assert "2025-2026" in english.stdout and "2024-2025" not in english.stdout
