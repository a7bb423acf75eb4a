"""Session 24 (F): the English and layout audit of every command. Each test runs a command as
the office did, on an English plan, on the Chinese plan with --lang en or on the Chinese plan as
it is, and shows what it met: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import CST, SMALL_ITEMS, Clock, write_plan

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _towns_one_silent(folder: Path, clock: Clock, runner: CliRunner) -> Path:
    """Two towns' plans: 甲镇 reported in June, 乙镇 last on 10 April (so owing by July)."""
    folder.mkdir()
    write_plan(folder / "甲镇.toml", SMALL_ITEMS, organisation="甲镇人民政府")
    write_plan(folder / "乙镇.toml", SMALL_ITEMS, organisation="乙镇人民政府")
    clock.now = dt.datetime(2023, 4, 10, 9, tzinfo=CST)
    note = ["-f", str(folder / "乙镇.toml"), "note", "1.1", "清淤", "--on", "2023-04-10"]
    assert runner.invoke(app, note).exit_code == 0
    clock.now = dt.datetime(2023, 6, 20, 9, tzinfo=CST)
    note = ["-f", str(folder / "甲镇.toml"), "note", "1.1", "验收", "--on", "2023-06-20"]
    assert runner.invoke(app, note).exit_code == 0
    return folder


def test_the_chinese_county_notice_writes_its_dates_as_its_title_does(
    tmp_path: Path, clock: Clock, runner: CliRunner
) -> None:
    """`plan county 各镇 --as-of 2023-07-01 --out 7月通报.docx`: the 通报 was headed
    （截至2023年7月1日） but its 报送要求 read 最近一次期限为 2023-06-25。截至 2023-07-01，自
    2023-05-26 起… and the town owing read 乙镇人民政府（最近填报 2023-04-10）: a 公文 that writes
    one day two ways. Its sentences now write every day as its title does (2023年6月25日); the
    table's cells, the terminal and the English keep 2023-06-25."""
    folder = _towns_one_silent(tmp_path / "各镇", clock, runner)
    said = "报送要求：每月25日前填报（默认）；最近一次期限为2023年6月25日。截至2023年7月1日，自2023年5月26日起没有"
    owing = "乙镇人民政府（最近填报2023年4月10日）"

    md = runner.invoke(app, ["county", str(folder), "--as-of", "2023-07-01", "--format", "md"])
    assert md.exit_code == 0, md.output
    assert "通报（截至2023年7月1日）" in md.stdout
    assert said in md.stdout
    assert f"- {owing}" in md.stdout
    prose = [line for line in md.stdout.splitlines() if not line.startswith("|")]
    assert not [line for line in prose if ISO_DAY.search(line)], prose
    assert "| 2023-04-10 | 未报送 |" in md.stdout  # a table cell stays a sortable day

    import docx
    import openpyxl

    out = tmp_path / "7月通报.docx"
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-07-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any(said in text for text in paragraphs), paragraphs
    assert owing in paragraphs
    assert not [text for text in paragraphs if ISO_DAY.search(text)], paragraphs

    out = tmp_path / "7月通报.xlsx"
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-07-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(io.BytesIO(out.read_bytes())).active
    texts = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(said in text for text in texts), texts
    assert owing in texts
    assert not [text for text in texts if ISO_DAY.search(text)], texts

    # The terminal's table and rules write days as its heading does (截至 2023-07-01)
    terminal = runner.invoke(app, ["county", str(folder), "--as-of", "2023-07-01"])
    assert terminal.exit_code == 0, terminal.output
    assert "最近一次期限为 2023-06-25。截至 2023-07-01，自 2023-05-26 起没有" in terminal.stdout
    assert "乙镇人民政府（最近填报 2023-04-10）" in terminal.stdout
    english = runner.invoke(
        app, ["--lang", "en", "county", str(folder), "--as-of", "2023-07-01", "--format", "md"]
    )
    assert english.exit_code == 0, english.output
    assert "the latest deadline was 2023-06-25. As of 2023-07-01" in english.stdout
    assert "- 乙镇人民政府 (last report 2023-04-10)" in english.stdout


WIDE_FIGURE_PLAN = """[plan]
title = "甲镇２０２３年工作计划"
year = 2023

[[item]]
id = "1"
title = "农业"

[[item]]
id = "1.1"
title = "化肥农药使用量比上年下降１２．５％以上"
measure = "万亩"
target = 12.5
"""


def test_a_figure_in_full_width_digits_is_never_broken_across_lines(
    plan_file: Path, clock: Clock, runner: CliRunner, monkeypatch
) -> None:
    """A title typed in full-width (下降１２．５％以上, as a 任务分解表 pasted from Word has it):
    plan log at 50 to 70 columns set 下降１２ / ．５％以 and 上年下降１ / ２．５％以, and the
    report's ledger at 40 and 60 下降１２． / ５％以上: a figure read as 12 and .5, or 2.5. A
    line breaks around such a figure, as around 12.5% typed in half width, never inside it; in
    a column narrower than the figure with its ％ (plan log's 事项 at 50 columns, 8 cells), the
    ％ goes to the next line, the number stays whole."""
    plan_file.write_text(WIDE_FIGURE_PLAN, encoding="utf-8")
    assert runner.invoke(app, ["record", "1.1", "3.5", "--on", "2023-05-02"]).exit_code == 0
    commands = [["log"], ["report"], ["list"], ["show", "1.1"], ["--lang", "en", "log"]]
    for width in range(36, 90, 2):
        monkeypatch.setenv("COLUMNS", str(width))
        for command in commands:
            result = runner.invoke(app, command)
            assert result.exit_code == 0, result.output
            whole = "１２．５" if command[-1] == "log" else "１２．５％"
            assert whole in result.stdout, (width, command, result.stdout)
    monkeypatch.setenv("COLUMNS", "50")
    cells = [line[12:22].rstrip() for line in runner.invoke(app, ["log"]).stdout.splitlines()]
    assert ["下降", "１２．５", "％以上"] == cells[-3:], cells


CONFLICT_PLAN = """[plan]
title = "甲镇2023年工作计划"
year = 2023

[[item]]
id = "1"
title = "农业"

[[item]]
id = "1.1"
title = "修塘"
owner = "王五"

[[item.conflict]]
field = "owner"
ours = "王五"
theirs = "张三"
"""


def test_a_conflict_settled_and_its_undo_name_the_field_in_the_plans_language(
    plan_file: Path, clock: Clock, runner: CliRunner
) -> None:
    """After a git merge, `plan resolve 1.1 责任人 李四` then `plan undo`: the Chinese undo said
    …；合并冲突 — → owner and plan log 合并冲突: owner → —, the English key among Chinese
    words where everything else in the line names 责任人. The conflict's field is now named as
    the line names the field itself (合并冲突: 责任人 → —); in English the key, as plan check
    names it there (Merge conflict: owner → —)."""
    plan_file.write_text(CONFLICT_PLAN, encoding="utf-8")
    settled = runner.invoke(app, ["resolve", "1.1", "责任人", "李四"])
    assert settled.exit_code == 0, settled.output
    undone = runner.invoke(app, ["undo"])
    assert undone.exit_code == 0, undone.output
    assert "责任人 李四 → 王五；合并冲突 — → 责任人。" in undone.stdout
    assert "owner" not in undone.stdout
    log = runner.invoke(app, ["log"])
    assert log.exit_code == 0, log.output
    assert "合并冲突：— → 责任人" in log.stdout and "合并冲突：责任人 → —" in log.stdout
    assert "owner" not in log.stdout
    assert 'field = "owner"' in plan_file.read_text(encoding="utf-8")  # the file keeps the key
    english = runner.invoke(app, ["--lang", "en", "log"])
    assert "Merge conflict: — → owner" in english.stdout
    assert "Merge conflict: owner → —" in english.stdout

    # The header's conflict is named as the header names its field: 计划名称, not 事项
    plan_file.write_text(
        CONFLICT_PLAN.replace(
            '\n\n[[item]]\nid = "1"',
            '\n\n[[plan.conflict]]\nfield = "title"\nours = "甲镇2023年工作计划"\n'
            'theirs = "甲镇2023年重点工作计划"\n\n[[item]]\nid = "1"',
            1,
        ),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["resolve", "[plan]", "title", "--theirs"]).exit_code == 0
    undone = runner.invoke(app, ["undo"])
    assert "；合并冲突 — → 计划名称。" in undone.stdout, undone.output
    log = runner.invoke(app, ["log"]).stdout
    assert "合并冲突：计划名称 → —" in log and "合并冲突：— → 计划名称" in log


def test_the_english_help_names_what_the_english_output_says(runner: CliRunner) -> None:
    """plan --lang en report --help said that past the plan's end "its 截至 names the day its
    records go to" and export "the title's 截至", where the English report and table say As of;
    county --report-day defaulted to "每月25日前", where the English view says "a report by the
    25th of each month". The English help names them as the English output does; the Chinese
    help is as it was."""

    def help_of(*args: str) -> str:
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0, result.output
        return " ".join(result.stdout.split())  # (as one line, however the help folds)

    report = help_of("--lang", "en", "report")
    export = help_of("--lang", "en", "export")
    county = help_of("--lang", "en", "county")
    assert "its As of line names the day its records go to" in report
    assert "the title's As of names the day its records go to" in export
    assert "default: county.toml's, else the 25th of each month." in county
    assert "截至 names" not in report + export
    assert "else 每月25日前" not in county
    assert "默认：county.toml中的设定，否则每月25日前。" in help_of("county").replace(" ", "")
    assert "“截至”写记录所至的日期" in help_of("report").replace(" ", "")


MILESTONE_PLAN = """[plan]
title = "甲镇2023年工作计划"
year = 2023

[[item]]
id = "1"
title = "农业"

[[item]]
id = "1.1"
title = "建设高标准农田"
start = "2023-03"
due = "2023-Q3"
"""


def test_show_as_of_a_day_brackets_its_day_as_the_language_does(
    plan_file: Path, runner: CliRunner
) -> None:
    """`plan show 1.1 --as-of 2023-08-15` on a Chinese plan read 序时应完成 78% (截至
    2023-08-15): half-width brackets round Chinese words, where the same line without --as-of
    reads 现状（记录至…，序时按…计） and every other Chinese view brackets in full width. It now
    reads 78%（截至 2023-08-15）; in English 78% (as of 2023-08-15), as before."""
    plan_file.write_text(MILESTONE_PLAN, encoding="utf-8")
    chinese = runner.invoke(app, ["show", "1.1", "--as-of", "2023-08-15"])
    assert chinese.exit_code == 0, chinese.output
    assert "序时应完成  78%（截至 2023-08-15）\n" in chinese.stdout
    assert "(截至" not in chinese.stdout
    english = runner.invoke(app, ["--lang", "en", "show", "1.1", "--as-of", "2023-08-15"])
    assert english.exit_code == 0, english.output
    assert "Expected by now  78% (as of 2023-08-15)\n" in english.stdout
