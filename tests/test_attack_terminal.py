"""An adversarial look at what ``plan`` prints to a terminal or a pipe, at the widths the other
tests leave out: every view keeps within the terminal's width, whatever the width (the county
view included), and a Chinese error message says its reason in Chinese."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.terminal.cells import joined_width

from .conftest import REPO_PLAN

runner = CliRunner()


def town(path: Path, name: str, lang: str = "zh") -> Path:
    """A town's small plan: four tasks, one with the county's task number K1."""
    plan = {
        "title": f"{name}2023年工作计划",
        "organisation": f"衡南县{name}人民政府",
        "year": 2023,
        "start": dt.date(2023, 1, 1),
        "end": dt.date(2023, 12, 31),
        "lang": lang,
    }
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "key": "K1", "progress": 40, "due": dt.date(2023, 6, 30)},
        {"id": "1.2", "title": "安装路灯", "status": "done", "done_on": dt.date(2023, 3, 1)},
        {"id": "1.3", "title": "修机耕道", "progress": 50},
        {"id": "1.4", "title": "禁毒讲座", "status": "blocked", "reason": "场地"},
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps({"plan": plan, "item": items}), encoding="utf-8")
    return path


def widest_line(output: str) -> int:
    """The cells the widest line takes, a joiner counted as a terminal draws it."""
    return max((joined_width(line) for line in output.splitlines()), default=0)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 50, 60, 70])
def test_the_county_table_keeps_within_a_narrow_terminal(tmp_path, lang, width):
    """Every other table (status, list --flat, the log, the report's ledger) lays itself out
    another way where its columns do not fit; the county table ran 69-70 cells wide whatever
    the width."""
    folder = tmp_path / "county"
    town(folder / "泉湖镇.toml", "泉湖镇")
    town(folder / "茶市镇.toml", "茶市镇")
    env = {"COLUMNS": str(width), "PLAN_LANG": lang}
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"], env=env)
    assert result.exit_code == 0, result.output
    assert widest_line(result.output) <= width, result.output
    # Nothing is lost: each town, its rank, its counts and its completion are still there.
    flat = result.output.replace("\n", "").replace(" ", "")
    for name in ("衡南县泉湖镇人民政府", "衡南县茶市镇人民政府"):
        assert name in flat, result.output
    assert flat.count("1/4") == 2 and flat.count("0/1/2/0") == 2, result.output
    assert flat.count("47.5%") == 2, result.output


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 50])
def test_one_county_task_across_the_towns_keeps_within_a_narrow_terminal(tmp_path, lang, width):
    folder = tmp_path / "county"
    town(folder / "泉湖镇.toml", "泉湖镇")
    town(folder / "茶市镇.toml", "茶市镇")
    env = {"COLUMNS": str(width), "PLAN_LANG": lang}
    args = ["county", str(folder), "--key", "K1", "--as-of", "2023-06-30"]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert widest_line(result.output) <= width, result.output
    flat = result.output.replace("\n", "").replace(" ", "")
    assert "修塘" in flat and "2023-06-30" in flat, result.output


def test_a_control_character_in_a_comment_is_named_in_chinese(runner, plan_file):
    """tomllib says 'Found invalid character' of a control character outside a string (in a
    comment, pasted with the text); the Chinese message said it in English."""
    text = REPO_PLAN.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace('title = "打牢一个基础"', 'title = "打牢一个基础"  # 备注\x1b[31m', 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1
    assert "第 12 行" in result.output and "\\x1b" in result.output, result.output
    assert "Found invalid character" not in result.output, result.output
    english = runner.invoke(app, ["--lang", "en", "status"])
    assert "invalid character '\\x1b'" in english.output, english.output


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('evidence = ["D:\\资料\\验收单.pdf"]', "反斜杠"),  # tomllib: Unescaped '\' in a string
        ('note = "C:\\Users\\李四"', "反斜杠"),  # tomllib: Invalid hex value
        ("extra = {a = 1, a = 2}", "写了两次"),  # tomllib: Duplicate inline table key 'a'
    ],
)
def test_a_windows_path_typed_into_the_file_is_explained_in_chinese(runner, plan_file, line, said):
    """A path typed by hand between double quotes is the likeliest backslash in a town's plan;
    the Chinese message named it in tomllib's English, with a hint about quotes and dates."""
    text = REPO_PLAN.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace('title = "打牢一个基础"', f'title = "打牢一个基础"\n{line}', 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1
    assert "第 13 行" in result.output and said in result.output, result.output
    assert not any(word in result.output for word in ("Unescaped", "hex", "Duplicate"))


def current_plan(plan_file: Path) -> tuple[Path, dt.date]:
    """A plan running from half a year ago to half a year on: today is inside it."""
    today = dt.date.today()
    start, end = today - dt.timedelta(days=180), today + dt.timedelta(days=180)
    plan = {"title": "当年计划", "organisation": "镇", "year": start.year, "lang": "zh"}
    plan.update(start=start, end=end)
    items = [
        {"id": "1", "title": "部分"},
        {"id": "1.1", "title": "修塘"},
        {"id": "1.2", "title": "路灯"},
    ]
    plan_file.write_text(dumps({"plan": plan, "item": items}), encoding="utf-8")
    return plan_file, today


def test_a_change_dated_after_today_is_taken_with_a_note(runner, plan_file):
    """A day after today inside the plan's period (a slip for last month, or a fact not yet
    happened) was taken silently, unlike one outside the period; a view as of today then leaves
    it out while the plan as it is now has it."""
    _, today = current_plan(plan_file)
    later = (today + dt.timedelta(days=10)).isoformat()
    result = runner.invoke(app, ["progress", "1.1", "50", "--on", later])
    assert result.exit_code == 0, result.output
    assert f"注意：{later} 晚于今天（{today.isoformat()}）" in result.output, result.output
    english = runner.invoke(app, ["--lang", "en", "note", "1.2", "x", "--on", later])
    assert f"Note: {later} is after today" in english.output, english.output
    quiet = runner.invoke(app, ["progress", "1.2", "50", "--on", today.isoformat()])
    assert "注意" not in quiet.output, quiet.output


def test_status_now_and_as_of_today_say_the_same_day_only_with_the_same_figures(runner, plan_file):
    _, today = current_plan(plan_file)
    later = (today + dt.timedelta(days=10)).isoformat()
    runner.invoke(app, ["progress", "1.1", "50", "--on", later])
    now = runner.invoke(app, ["status"]).output
    as_of_today = runner.invoke(app, ["status", "--as-of", today.isoformat()]).output
    heading = f"截至 {today.isoformat()}"
    assert heading in as_of_today and "25%" not in as_of_today  # the change not yet counted
    assert "25%" in now  # counted
    assert heading not in now, now  # so its heading must not claim the same day
    # It says how far its records go and the day its pace is judged at, in every view of now.
    words = f"现状（记录至 {later}，序时按 {today.isoformat()} 计）"
    assert words in now, now
    for args in (["list"], ["show", "1.1"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and words in result.output, (args, result.output)
    ahead = today + dt.timedelta(days=10)  # the report: its records go to that day
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    assert f"截至{ahead.year}年{ahead.month}月{ahead.day}日" in result.output, result.output


@pytest.mark.parametrize("width", [40, 60])
@pytest.mark.parametrize("part", ["乡村振兴产业发展专项行动", "A2023-ZX-0001-0001-0001"])
def test_show_lists_the_items_under_a_part_with_long_ids_within_the_width(
    runner, plan_file, width, part
):
    """Ids as a county office numbers them, or a part named by its title: status, list --flat,
    the log and the report fold them; the table of items under a part in ``show`` ran past
    the edge."""
    meta = {"title": "计划", "organisation": "镇", "year": 2023, "lang": "zh"}
    meta.update(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    items = [
        {"id": part, "title": "部分"},
        {"id": f"{part}.1", "title": "修塘", "progress": 30},
        {"id": f"{part}.2", "title": "路灯", "status": "done", "done_on": dt.date(2023, 3, 1)},
    ]
    plan_file.write_text(dumps({"plan": meta, "item": items}), encoding="utf-8")
    for args in (["show", part], ["show", part, "--all"]):
        result = runner.invoke(app, args, env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        assert widest_line(result.output) <= width, result.output
        assert "修塘" in result.output and "30%" in result.output


def test_next_years_plan_made_before_its_start_is_headed_as_of_today(runner, plan_file):
    """Next year's plan made in December (plan new --carry dates what it carries on the plan's
    first day): before its start that is the plan as it starts, not a change ahead of today,
    and its views are headed 截至 today, not 现状（记录至 its first day…）. A change dated
    later than its first day still is ahead."""
    today = dt.date.today()
    start, end = today + dt.timedelta(days=20), today + dt.timedelta(days=385)
    plan = {"title": "明年计划", "organisation": "镇", "year": start.year, "lang": "zh"}
    plan.update(start=start, end=end)
    items = [{"id": "1", "title": "部分"}, {"id": "1.1", "title": "修塘"}]
    plan_file.write_text(dumps({"plan": plan, "item": items}), encoding="utf-8")
    assert runner.invoke(app, ["progress", "1.1", "30", "--on", start.isoformat()]).exit_code == 0
    for args in (["status"], ["list"], ["show", "1.1"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert f"截至 {today.isoformat()}" in result.output and "现状" not in result.output, args
    later = start + dt.timedelta(days=5)
    assert runner.invoke(app, ["note", "1.1", "x", "--on", later.isoformat()]).exit_code == 0
    result = runner.invoke(app, ["status"])
    assert f"现状（记录至 {later.isoformat()}，序时按 {today.isoformat()} 计）" in result.output


@pytest.mark.parametrize("progress", [90, 99])
def test_a_bar_is_full_only_when_the_share_is(runner, plan_file, progress):
    # 90 % of a four-cell bar rounds to four cells: a full bar beside 90 % (or 99 %) read as done.
    from .conftest import write_plan

    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘"},
        {"id": "1.1.1", "title": "清淤", "progress": progress},
    ]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if f"{progress}%" in line]
    assert rows and all("█" in row and "░" in row for row in rows), result.output
    write_plan(plan_file, [*items[:2], {**items[2], "progress": 100}])
    done = runner.invoke(app, ["status", "--as-of", "2023-06-30"]).output
    assert "100% ████" in done and "░" not in done.split("100%")[1].splitlines()[0]
