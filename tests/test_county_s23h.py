"""Session 23 (H): the county office's view. Hengnan's 督查室 ran `plan county` over a folder of
towns' plans of every shape (the repo's plan, imported 台账, an English one, one past its end,
one broken, one of another year, two of one name, one under a folder with spaces); each test
shows what it met, through the command it ran: what was printed, the exit code and what is on
disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan

BROKEN = '[plan]\ntitle = "丙镇2023年工作计划"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "修路\n'


def _towns(folder: Path) -> Path:
    """Two towns' plans and a third whose file does not read (a quote left open)."""
    folder.mkdir()
    write_plan(folder / "甲镇.toml", SMALL_ITEMS, organisation="甲镇人民政府")
    (folder / "乙 镇").mkdir()
    write_plan(folder / "乙 镇" / "plan.toml", SMALL_ITEMS, organisation="乙镇人民政府")
    (folder / "丙镇.toml").write_text(BROKEN, encoding="utf-8")
    return folder


def test_a_notice_written_to_a_file_names_on_stderr_the_plan_left_out_and_why(
    tmp_path: Path,
) -> None:
    """`plan county 各镇 --out 6月通报.docx` with one town's file broken printed 已写入
    6月通报.docx（2 个计划）。 and exited 1 with nothing said of why: the office (or its script)
    saw a success and a failure at once, the broken town named only inside the document. The
    file left out, and why, is now said on stderr, as the table in the terminal says it."""
    folder = _towns(tmp_path / "各镇")
    runner = CliRunner()
    for name in ("6月通报.docx", "6月通报.xlsx", "6月通报.md"):
        out = tmp_path / name
        result = runner.invoke(
            app, ["county", str(folder), "--as-of", "2023-06-30", "--out", str(out)]
        )
        assert result.exit_code == 1, result.output
        assert out.exists()
        assert f"已写入 {out}（2 个计划）。" in result.stdout
        assert "丙镇.toml" not in result.stdout
        assert "1 个文件有问题，未计入" in result.stderr, result.stderr
        assert "丙镇.toml 第 7 行第 12 列（事项 1）不是有效的 TOML" in result.stderr
    english = runner.invoke(
        app,
        ["--lang", "en", "county", str(folder), "--as-of", "2023-06-30", "--out", "n.docx"],
    )
    assert english.exit_code == 1, english.output
    assert "1 file could not be read and was left out" in english.stderr, english.stderr
    assert "丙镇.toml is not valid TOML at line 7" in english.stderr


def test_a_notice_printed_as_markdown_names_the_plan_left_out_on_stderr_too(
    tmp_path: Path,
) -> None:
    """`plan county 各镇 --format md > 通报.md` (the way the user guide's encoding note shows):
    the terminal showed nothing at all, and the exit code was 1."""
    folder = _towns(tmp_path / "各镇")
    result = CliRunner().invoke(app, ["county", str(folder), "--format", "md"])
    assert result.exit_code == 1, result.output
    assert "## 五、未计入的文件" in result.stdout
    assert "丙镇.toml 第 7 行第 12 列" in result.stderr, result.stderr


def test_a_table_or_json_with_every_plan_read_says_nothing_on_stderr(tmp_path: Path) -> None:
    folder = _towns(tmp_path / "各镇")
    (folder / "丙镇.toml").unlink()
    runner = CliRunner()
    for args in (["--out", str(tmp_path / "n.docx")], ["--json"], []):
        result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", *args])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""


def _late_towns(folder: Path) -> Path:
    """Two towns: 甲镇 with 1.3 修机耕道 due in March at 50% (逾期 at the end of June) and 2.2
    自建房排查 受阻; 乙镇 with every task on time; and a broken third."""
    _towns(folder)
    on_time = [item for item in SMALL_ITEMS if item["id"] != "1.3"]
    write_plan(folder / "乙 镇" / "plan.toml", on_time, organisation="乙镇人民政府")
    return folder


def test_county_lists_the_overdue_tasks_of_every_town(tmp_path: Path) -> None:
    """The 督查室 saw 逾 1 in 甲镇's row of `plan county` and had no way to find which task it
    was but opening each town's plan in turn (plan -f 甲镇.toml list --pace overdue): the
    county view counted the overdue and blocked tasks without naming them. `plan county
    --pace 逾期` (or --status 受阻, as plan list takes them) lists those tasks of every town,
    and names the towns that have none."""
    folder = _late_towns(tmp_path / "各镇")
    result = CliRunner().invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--pace", "逾期"]
    )
    assert result.exit_code == 1, result.output  # the broken file is still named
    lines = result.stdout.splitlines()
    assert "各单位逾期的任务 · 截至 2023-06-30" in lines[0]
    late = [line for line in lines if "修机耕道" in line]
    assert len(late) == 1 and "甲镇人民政府" in late[0] and "1.3" in late[0], result.stdout
    assert "逾期" in late[0] and "2023-03-31" in late[0]
    assert not any("自建房排查" in line or "修塘" in line for line in lines)
    assert "没有这类任务的单位：乙镇人民政府" in result.stdout
    assert "丙镇.toml 第 7 行第 12 列" in result.stdout

    blocked = CliRunner().invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--status", "blocked", "--json"]
    )
    assert blocked.exit_code == 1, blocked.output
    record = json.loads(blocked.stdout)
    assert record["status"] == ["blocked"] and record["pace"] == []
    found = {plan["organisation"]: [i["id"] for i in plan["items"]] for plan in record["plans"]}
    assert found == {"甲镇人民政府": ["2.2"], "乙镇人民政府": ["2.2"]}
    assert record["plans"][0]["items"][0]["reason"] == "资料不全"


def test_county_lists_a_towns_overdue_tasks_as_they_stood_on_the_as_of_day(
    tmp_path: Path,
) -> None:
    """--as-of is each town's: 1.3 (due 31 March) is not yet overdue on 31 March; English
    plans say it in English."""
    folder = tmp_path / "towns"
    folder.mkdir()
    items = [
        {"id": "1", "title": "Roads"},
        {"id": "1.1", "title": "Mend the farm road", "due": dt.date(2023, 3, 31), "progress": 50},
    ]
    write_plan(folder / "hill.toml", items, organisation="Hill Town", lang="en")
    march = CliRunner().invoke(
        app, ["county", str(folder), "--as-of", "2023-03-31", "-p", "overdue"]
    )
    assert march.exit_code == 0, march.output
    assert "Mend the farm road" not in march.stdout
    assert "As of 2023-03-31, Hill Town has no overdue task." in march.stdout
    april = CliRunner().invoke(
        app, ["county", str(folder), "--as-of", "2023-04-01", "-p", "overdue"]
    )
    assert april.exit_code == 0, april.output
    assert "Overdue tasks across the plans · as of 2023-04-01" in april.stdout
    assert "Mend the farm road" in april.stdout


def test_county_pace_goes_to_the_terminal_or_json_only(tmp_path: Path) -> None:
    folder = _late_towns(tmp_path / "各镇")
    result = CliRunner().invoke(
        app, ["county", str(folder), "--pace", "逾期", "--out", str(tmp_path / "a.docx")]
    )
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "a.docx").exists()
    wrong = CliRunner().invoke(app, ["county", str(folder), "--pace", "很慢"])
    assert wrong.exit_code == 2, wrong.output
    assert "“很慢”" in wrong.output and "plan county --pace" in wrong.output


def test_county_key_with_pace_lists_the_towns_where_that_task_is_overdue(tmp_path: Path) -> None:
    """--key 县-3 --pace 逾期: the towns where county task 县-3 is overdue; a town whose 县-3
    is on time is named among those without it overdue, not as a town without the task."""
    folder = tmp_path / "各镇"
    folder.mkdir()
    late = [dict(item, key="县-3") if item["id"] == "1.3" else item for item in SMALL_ITEMS]
    on_time = [
        dict(item, due=dt.date(2023, 9, 30)) if item["id"] == "1.3" else item for item in late
    ]
    write_plan(folder / "甲镇.toml", late, organisation="甲镇人民政府")
    write_plan(folder / "乙镇.toml", on_time, organisation="乙镇人民政府")
    result = CliRunner().invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--key", "县-3", "-p", "逾期"]
    )
    assert result.exit_code == 0, result.output
    assert "县级任务 县-3 在各单位（只列逾期的） · 截至 2023-06-30" in result.stdout
    assert [line for line in result.stdout.splitlines() if "修机耕道" in line][0].startswith(
        " 甲镇人民政府"
    )
    assert "没有逾期的这项任务的单位：乙镇人民政府" in result.stdout


def test_a_bad_towns_plan_is_named_with_the_check_to_run_on_that_file(tmp_path: Path) -> None:
    """乙镇's plan under 各镇/乙 镇/ said status = "完成了"; `plan county 各镇` named it and
    advised 请按上面的说明改正后，用 plan check 检查. Run in the county's folder, that plan
    check read another plan (the one plan finds there, or the embedded one) and said 没有发现
    问题: the office was told the broken town was fine. The advice now names the town's file,
    in the table, the JSON and the 通报."""
    folder = _towns(tmp_path / "各镇")
    (folder / "丙镇.toml").unlink()
    bad = folder / "乙 镇" / "plan.toml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace(
            'title = "修塘"', 'title = "修塘"\nstatus = "完成了"'
        ),
        encoding="utf-8",
    )
    advised = f'plan -f "{bad}" check'
    runner = CliRunner()
    table = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert table.exit_code == 1, table.output
    assert advised.replace(" ", "") in "".join(table.stdout.split()), table.stdout
    record = json.loads(runner.invoke(app, ["county", str(folder), "--json"]).stdout)
    assert advised in record["errors"][0]["message"]
    notice = runner.invoke(app, ["county", str(folder), "--format", "md"])
    assert advised in notice.stdout.replace("\\", ""), notice.stdout  # (Markdown's escapes)
    assert advised in notice.stderr
    checked = runner.invoke(app, ["-f", str(bad), "check"])  # the advice, run: it finds it
    assert checked.exit_code == 1 and "完成了" in checked.output


def test_a_copy_is_told_to_name_its_organisation_in_its_own_file(tmp_path: Path) -> None:
    """Two files with one text: the second was said to be a copy, and 如果它其实是另一个单位的
    计划，请先在其中用 plan header --organisation 写明单位 — run as written, in the county's
    folder, that renamed the organisation of another plan (the one plan finds there). The
    advice names the copy's file."""
    folder = tmp_path / "各镇"
    folder.mkdir()
    first = write_plan(folder / "甲镇.toml", SMALL_ITEMS, organisation="甲镇人民政府")
    (folder / "乙镇.toml").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    record = json.loads(CliRunner().invoke(app, ["county", str(folder), "--json"]).stdout)
    copy = next(left for left in record["skipped"] if left["why"] == "copy")
    assert f"plan -f {copy['file']} header --organisation" in copy["message"], copy


def test_no_notice_is_written_when_no_plan_could_be_read(tmp_path: Path) -> None:
    """`plan county 丙镇.toml --out 通报.docx` with the one town's file broken wrote a 通报 of
    本次汇总计划 0 个, its 排名 empty, and said 已写入 通报.docx（0 个计划）; in the terminal an
    empty table with the ranking and reporting rules above the one thing that mattered. Now
    the broken file is the message, and nothing is written."""
    folder = _towns(tmp_path / "各镇")
    broken = folder / "丙镇.toml"
    out = tmp_path / "通报.docx"
    runner = CliRunner()
    written = runner.invoke(app, ["county", str(broken), "--out", str(out)])
    assert written.exit_code == 1, written.output
    assert not out.exists()
    assert "已写入" not in written.output
    assert "没有计划可以汇总" in written.stderr, written.stderr
    assert "丙镇.toml 第 7 行第 12 列（事项 1）不是有效的 TOML" in written.stderr
    assert f"未写入 {out}" in written.stderr
    table = runner.invoke(app, ["county", str(broken)])
    assert table.exit_code == 1, table.output
    assert "排名规则" not in table.output and "报送要求" not in table.output
    assert "丙镇.toml 第 7 行第 12 列" in table.stderr
    english = runner.invoke(app, ["--lang", "en", "county", str(broken)])
    assert english.exit_code == 1
    assert "No plan to count: 1 file could not be read" in english.stderr, english.stderr
    as_json = runner.invoke(app, ["county", str(broken), "--json"])  # the data says it
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["errors"][0]["file"] == str(broken)


def test_county_status_blocked_shows_why_each_task_is_blocked(tmp_path: Path) -> None:
    """The blocked tasks across towns were listed without their 原因 (资料不全): what the 督查室
    follows a blocked task up on was in each town's plan only, or in the JSON."""
    folder = _late_towns(tmp_path / "各镇")
    result = CliRunner().invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "-s", "受阻"])
    assert result.exit_code == 1, result.output
    header = next(line for line in result.stdout.splitlines() if "完成时限" in line)
    assert header.rstrip().endswith("原因"), header
    rows = [line for line in result.stdout.splitlines() if "自建房排查" in line]
    assert len(rows) == 2 and all(row.rstrip().endswith("资料不全") for row in rows), rows
    late = CliRunner().invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "-p", "逾期"])
    assert "原因" not in late.stdout  # (no reason to show: no column)


def test_a_towns_merge_conflict_is_told_with_the_commands_on_its_file(tmp_path: Path) -> None:
    """A town's plan pulled with a conflict open was said 在该计划中 plan check 列出双方的值，
    plan resolve 解决: run in the county's folder, as written, they read another plan."""
    folder = tmp_path / "各 镇"
    folder.mkdir()
    items = [dict(item) for item in SMALL_ITEMS]
    items[1]["conflict"] = [{"field": "actual", "ours": 20, "theirs": 25}]
    plan = write_plan(folder / "甲镇.toml", items, organisation="甲镇人民政府")
    result = CliRunner().invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    said = result.stderr
    assert "1 处合并冲突未解决" in said, said
    assert f'plan -f "{plan}" check' in said and f'plan -f "{plan}" resolve' in said, said
