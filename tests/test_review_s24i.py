"""Session 24 (I): an adversarial review of the session's merged changes. Each test shows
what the office met, through the command it ran: what was printed, the exit code and what is
on disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, towns_with_a_july_year, write_plan


def test_the_notice_file_names_the_days_of_a_plan_not_begun_as_its_title_does(
    tmp_path: Path,
) -> None:
    """The 通报 headed （截至2023年6月30日）, its 报送要求 saying 最近一次期限为2023年6月25日
    (the day written as the title writes it, this session), said under its table
    三塘镇人民政府的计划期自 2023-07-01 开始，截至 2023-06-30 尚未开始: one paper writing a day
    two ways again. The file now says 自2023年7月1日开始，截至2023年6月30日; the terminal and
    the JSON keep 2023-07-01, as they keep the other days."""
    folder = towns_with_a_july_year(tmp_path / "各镇")
    runner = CliRunner()
    june = ["county", str(folder), "--as-of", "2023-06-30"]
    written = "三塘镇人民政府的计划期自2023年7月1日开始，截至2023年6月30日尚未开始，不参加排名，也不计入总体情况。"
    notice = runner.invoke(app, [*june, "--format", "md"])
    assert notice.exit_code == 0, notice.output
    assert written in notice.stdout, notice.stdout
    assert "2023-07-01" not in notice.stdout and "2023-06-30" not in notice.stdout
    docx_file = tmp_path / "通报.docx"
    done = runner.invoke(app, [*june, "--out", str(docx_file)])
    assert done.exit_code == 0, done.output
    from docx import Document

    paragraphs = [p.text for p in Document(str(docx_file)).paragraphs]
    assert written in paragraphs, paragraphs
    xlsx_file = tmp_path / "通报.xlsx"
    done = runner.invoke(app, [*june, "--out", str(xlsx_file)])
    assert done.exit_code == 0, done.output
    from openpyxl import load_workbook

    cells = [c.value for row in load_workbook(xlsx_file).active.iter_rows() for c in row]
    assert written in cells, [c for c in cells if isinstance(c, str) and "三塘镇" in c]
    # The terminal and the JSON as before.
    terminal = "三塘镇人民政府的计划期自 2023-07-01 开始，截至 2023-06-30 尚未开始，不参加排名，也不计入总体情况。"
    record = json.loads(runner.invoke(app, [*june, "--json"]).stdout)
    assert record["not_begun_note"] == terminal
    assert terminal in runner.invoke(app, june).stdout


def test_a_projects_table_with_its_own_deadline_beside_the_works_end_reads_the_deadline(
    tmp_path: Path, plan_file: Path
) -> None:
    """A 重点项目推进计划表 with 开工时间, 竣工时间 and the 完成时限 the town set for the year
    (商贸物流区二期工程: 竣工 2026年12月, this year's 完成时限 2025年12月). 竣工时间 became a
    name of the 完成时限 this session, and of two columns naming one field the first is read:
    the works' end, 2026-12, was taken as the deadline (beyond the plan's year: never 逾期 in
    it) and the town's own 完成时限 kept as words. The column named 完成时限 is now the
    deadline, and 竣工时间 is kept under its own name."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["中都街道2025年重点项目推进计划表"])
    sheet.append(["序号", "项目名称", "开工时间", "竣工时间", "完成时限", "责任单位"])
    sheet.append([1, "商贸物流区二期工程", "2025年3月", "2026年12月", "2025年12月", "经发办"])
    sheet.append([2, "韵丰数字物流园", "2024年5月", "2025年12月", "2025年10月", "经发办"])
    table = tmp_path / "重点项目.xlsx"
    book.save(table)
    done = CliRunner().invoke(app, ["import", str(table), "--out", str(plan_file)])
    assert done.exit_code == 0, done.output
    assert "读的是 E 列“完成时限”" in done.output, done.output
    import tomllib

    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    assert [item.get("due") for item in items] == ["2025-12", "2025-10"], items
    assert [item.get("竣工时间") for item in items] == ["2026年12月", "2025年12月"], items
    # Alone, 竣工时间 is still the deadline (the table this session's change was made for).
    sheet.delete_cols(5)
    book.save(table)
    done = CliRunner().invoke(app, ["import", str(table), "--out", str(plan_file), "--force"])
    assert done.exit_code == 0, done.output
    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    assert [item.get("due") for item in items] == ["2026-12", "2025-12"], items


def test_check_of_an_entry_dated_ahead_does_not_send_the_office_to_undo_a_later_change(
    plan_file: Path,
) -> None:
    """Check now says of an entry a command recorded a month and more ahead (progress --on
    9-20 for 6-20) ...请改正 on（是命令记下的，可用 plan undo 撤销后重新填报）. But check is run
    days after: the office had ticked off another task since, and plan undo takes back the
    newest change, that tick-off, not the entry said; the warning stays and a good change is
    gone. The way named is now the file's on, and plan undo only where the entry is the
    newest change; of an entry typed by hand, no undo at all."""
    today = dt.date.today()
    start, end = today - dt.timedelta(days=100), today + dt.timedelta(days=100)
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}],
        year=start.year,
        start=start,
        end=end,
    )
    runner = CliRunner()
    ahead = (today + dt.timedelta(days=45)).isoformat()
    assert runner.invoke(app, ["progress", "2", "40", "--on", ahead]).exit_code == 0
    assert runner.invoke(app, ["done", "1"]).exit_code == 0  # a later change, made since
    checked = runner.invoke(app, ["check"])
    said = " ".join(checked.output.split())
    assert "晚于今天" in said, said
    assert "（是命令记下的，可用 plan undo 撤销后重新填报）" not in said, said
    assert "若它是最近的一次修改" in said, said
    english = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert "(one a command recorded: plan undo, then record it again)" not in english, english
    assert "if it is the latest change" in english, english
    # Of an entry typed by hand, no command to undo.
    text = plan_file.read_text(encoding="utf-8")
    text += f'\n[[item]]\nid = "3"\ntitle = "讲座"\n\n[[item.log]]\non = {ahead}\nnote = "开会"\n'
    plan_file.write_text(text, encoding="utf-8")
    checked = runner.invoke(app, ["check"])
    hand = [line for line in checked.output.split("\n  - ") if "事项 3" in line]
    assert hand and "plan undo" not in hand[0], checked.output


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_two_rows_inserted_without_a_number_do_not_take_the_numbered_rows_under_them(
    tmp_path: Path, suffix: str
) -> None:
    """A row inserted above 2.3 with no 序号 now goes beside 2.3 (this session), but the
    office inserted two, 发展电商 and 发展直播, for two new tasks: the first looked only at the
    row under it, the second, unnumbered too, so it became a part of its own (6) and took
    发展直播 and 2.3 试点建设一批村办集体企业 under it, out of 2 培育两大产业 as before. Rows
    inserted together now go beside the numbered row under them, every other item where it
    was."""
    from .test_county_s24g import _tree, reimported_with_rows_inserted

    plan, back, result = reimported_with_rows_inserted(tmp_path, suffix, "发展电商", "发展直播")
    assert "导入 36 个事项（26 项任务）" in result.stdout, result.stdout
    before, after = _tree(plan), _tree(back)
    added = {after.pop(key) for key in ("2.4", "2.5")}
    assert added == {("发展电商", "2"), ("发展直播", "2")}, added
    assert after == before  # every other item where it was, with its id and title


def test_a_plan_not_begun_is_left_out_of_the_overview_as_of_the_ranking(tmp_path: Path) -> None:
    """A July–June plan in a June notice is not ranked now (it has had no time to do
    anything), but the 通报's 一、总体情况 still counted it: 本次汇总计划 2 个（参加排名 1 个），
    任务 6 项…各计划平均完成率 31.7%, the one town ranked at 53.3% and 三塘镇's 10% (typed in
    before its year began) averaged in, and its task among the 超进度. The overview now counts
    the plans that have begun (5 tasks, 53.3%), and the note says the plan is left out of it."""
    folder = towns_with_a_july_year(tmp_path / "各镇")
    runner = CliRunner()
    june = ["county", str(folder), "--as-of", "2023-06-30"]
    record = json.loads(runner.invoke(app, [*june, "--json"]).stdout)
    jia = next(row for row in record["rows"] if row["organisation"] == "甲镇人民政府")
    assert record["total"]["total"] == jia["total"] == 5, record["total"]
    assert record["total"]["mean_completion"] == jia["completion"], record["total"]
    notice = runner.invoke(app, [*june, "--format", "md"])
    assert notice.exit_code == 0, notice.output
    assert "本次汇总计划 2 个（参加排名 1 个），任务 5 项" in notice.stdout, notice.stdout
    assert "各计划平均完成率 53.3%" in notice.stdout, notice.stdout
    assert "尚未开始，不参加排名，也不计入总体情况。" in notice.stdout, notice.stdout
    english = " ".join(runner.invoke(app, ["--lang", "en", *june]).stdout.split())
    assert "so not ranked nor counted in the overview" in english, english
    # In July it has begun: counted.
    july = json.loads(
        runner.invoke(app, ["county", str(folder), "--as-of", "2023-07-31", "--json"]).stdout
    )
    assert july["total"]["total"] == 6, july["total"]


def test_a_conflict_on_the_plans_own_days_off_is_named_in_words(tmp_path: Path) -> None:
    """Two clones each wrote their own [plan.workdays] (this session's table: one a day off,
    the other the same day worked: the days of the two do not merge) and the merge recorded
    the conflict, named
    [plan] 的 workdays（workdays）: the key where the name goes, twice over, as was the
    [plan.warning] table's. Both are now named in words (工作日安排（workdays）), and
    plan resolve takes the name as it takes 计划名称."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8")
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    table = "\n[plan.workdays]\n{}\n\n[plan.warning]\nyellow = {}\n\n[[item]]"
    ours.write_text(
        text.replace("\n[[item]]", table.format("off = [2023-04-21]", 5), 1), encoding="utf-8"
    )
    theirs.write_text(
        text.replace("\n[[item]]", table.format("worked = [2023-04-21]", 8), 1), encoding="utf-8"
    )
    runner = CliRunner()
    merged = runner.invoke(app, ["merge", str(base), str(ours), str(theirs)])
    assert merged.exit_code == 0, merged.output
    checked = runner.invoke(app, ["-f", str(ours), "check"])
    assert "[plan] 的 工作日安排（workdays）：暂用（--ours）" in checked.output, checked.output
    assert "[plan] 的 红黄灯阈值（warning）：暂用（--ours）" in checked.output, checked.output
    english = runner.invoke(app, ["-f", str(ours), "--lang", "en", "check"])
    assert "workdays (workdays)" not in english.output, english.output
    settled = runner.invoke(app, ["-f", str(ours), "resolve", "[plan]", "工作日安排", "--theirs"])
    assert settled.exit_code == 0, settled.output
    import tomllib

    header = tomllib.loads(ours.read_text(encoding="utf-8"))["plan"]
    assert header["workdays"] == {"worked": [dt.date(2023, 4, 21)]}, header


def test_the_report_compiles_no_numbering_pattern_for_titles_without_numbering(
    plan_file: Path,
) -> None:
    """The report now names a task without the 公文 numbering its title starts with (一是…),
    read by plan import's patterns; importing them compiled all thirteen at import, on every
    plan report (some 17 ms here, on a busy machine), though the house compiles a pattern at
    its first use and most titles start with no numbering. They are now compiled when a title
    is first looked at for one."""
    import subprocess
    import sys

    write_plan(plan_file, SMALL_ITEMS)
    code = (
        "import re, sys\n"
        "seen = []\n"
        "original = re._compile\n"
        "def counting(pattern, flags):\n"
        "    seen.append(str(pattern))\n"
        "    return original(pattern, flags)\n"
        "re._compile = counting\n"
        "from quanhu_plan.cli import main\n"
        "sys.argv = ['plan', 'report', '--format', 'md']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('部分|篇' in ''.join(seen), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "一、总体情况" in done.stdout, done.stderr
    assert done.stderr.strip().endswith("False"), done.stderr
