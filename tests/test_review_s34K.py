"""Review of the argument work of session 34 (G, B): inputs that were read as another thing
than they say, silently (session 34, K)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def item(path: Path, item_id: str) -> dict[str, Any]:
    items = tomllib.loads(path.read_text(encoding="utf-8"))["item"]
    return next(table for table in items if table["id"] == item_id)


# ---------------------------------------------------------------- a pace given to --status


@pytest.mark.parametrize("typed", ["欠进度", "滞后", "达进度", "超进度", "按序时推进", "behind"])
def test_a_pace_given_to_status_is_refused_with_pace_to_use_not_read_as_in_progress(
    small_plan, typed
):
    # 欠进度 is a word plan import reads as in progress (a cell's), and --status took it so:
    # plan list --status 欠进度 listed every task in progress, ahead and on pace ones too.
    said = run("list", "--status", typed, code=2).output
    assert f"“{typed}”是序时进度，不是状态" in said and f"plan list --pace {typed}" in said
    said = run("--lang", "en", "list", "--status", typed, code=2).output
    assert f"'{typed}' is a pace, not a status: use --pace" in said


def test_a_pace_given_to_the_county_status_is_refused_too(tmp_path):
    said = run("county", str(tmp_path), "--status", "欠进度", code=2).output
    assert "plan county --pace 欠进度" in said


@pytest.mark.parametrize("typed", ["进行中", "doing", "推进中", "受阻", "未开始"])
def test_a_status_given_to_pace_is_refused_with_status_to_use(small_plan, typed):
    said = run("list", "--pace", typed, code=2).output
    assert f"“{typed}”是状态，不是序时进度：请用 --status，如 plan list --status {typed}" in said
    said = run("--lang", "en", "list", "--pace", typed, code=2).output
    assert f"'{typed}' is a status, not a pace: use --status" in said


@pytest.mark.parametrize("typed", ["已完成", "done", "已取消", "完成", "推进中"])
def test_a_status_that_is_a_pace_too_or_a_status_word_is_still_a_status(small_plan, typed):
    run("list", "--status", typed)
    if typed in ("已完成", "done", "已取消"):
        run("list", "--pace", typed)


@pytest.mark.parametrize("typed", ["超进度", "欠进度", "达进度", "按序时推进", "滞后"])
def test_a_pace_a_status_cell_is_read_from_too_is_a_pace(small_plan, typed):
    run("list", "--pace", typed)


# ---------------------------------------------------------------- 明天 with --on another day


@pytest.mark.parametrize(
    ("args", "typed"),
    [
        (("add", "1", "修桥", "--due"), "明天"),
        (("add", "1", "修桥", "--start"), "今天"),
        (("edit", "1.1", "--due"), "下周五"),
        (("edit", "1.1", "--due"), "明天前"),
        (("edit", "1.1", "--start"), "上周一"),
    ],
)
def test_a_day_counted_from_today_with_on_another_day_is_asked_which_day_it_counts_from(
    small_plan, args, typed
):
    # plan add 1 修桥 --on 昨天 --due 明天 kept today as the deadline: 昨天 was counted from
    # the clock's today, 明天 from --on's day, in the same command line.
    before = small_plan.read_bytes()
    today = dt.date.today()
    on = today - dt.timedelta(days=8)  # (in another week: 下周五 from it is another day)
    said = run(*args, typed, "--on", on.isoformat(), code=2).output
    assert f"“{typed}”从哪天算起？" in said and f"从 --on 的 {on.isoformat()} 算" in said
    assert small_plan.read_bytes() == before
    said = run("--lang", "en", *args, typed, "--on", on.isoformat(), code=2).output
    assert f"'{typed}' counted from which day?" in said and "write the date" in said
    assert small_plan.read_bytes() == before


def test_tomorrow_with_on_yesterday_is_not_kept_as_today(small_plan):
    before = small_plan.read_bytes()
    said = run("add", "1", "修桥", "--on", "昨天", "--due", "明天", code=2).output
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert f"从今天算是 {tomorrow.isoformat()}" in said
    assert small_plan.read_bytes() == before


def test_a_day_counted_from_today_is_read_when_on_is_today_or_not_given(small_plan):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    run("edit", "1.1", "--due", "明天", "--on", "今天")
    assert item(small_plan, "1.1")["due"] == tomorrow
    run("edit", "1.1", "--due", "后天")
    assert item(small_plan, "1.1")["due"] == tomorrow + dt.timedelta(days=1)


def test_a_deadline_that_is_no_day_from_today_still_counts_from_on(small_plan):
    run("edit", "1.1", "--due", "6月底", "--on", "2023-03-01")
    assert item(small_plan, "1.1")["due"] == "2023-06"


# ---------------------------------------------------------------- tenths: one reading


@pytest.mark.parametrize(
    ("typed", "percent"),
    [("七成五", 75), ("5成5", 55), ("八成五", 85), ("7.5成", 75), ("九成九", 99), ("七成半", 75)],
)
def test_a_progress_said_in_tenths_and_a_digit_is_that_percent(small_plan, typed, percent):
    # 八成五 (85%) was 'two numbers (8, 5): one task has one figure', and 7.5成, which plan
    # import reads as 75, 'not a number': the command and the import read tenths alike now.
    run("progress", "2.3", typed, "--on", "2023-06-30")
    assert item(small_plan, "2.3")["progress"] == percent
    from quanhu_plan.importing.values import read_progress

    assert read_progress(typed) == percent


@pytest.mark.parametrize("typed", ["十成半", "10成5"])
def test_tenths_past_a_hundred_are_said_to_be_past_it_not_advised_as_ten(small_plan, typed):
    # 10成半 was advised as '请写 10 或 10%', the unit taken to be 成半
    before = small_plan.read_bytes()
    said = run("progress", "2.3", typed, "--on", "2023-06-30", code=2).output
    assert f"“{typed}”即 105%" in said and "0 到 100" in said and "10%" not in said
    said = run("--lang", "en", "progress", "2.3", typed, code=2).output
    assert f"'{typed}' is 105%" in said
    assert small_plan.read_bytes() == before


# ---------------------------------------------------------------- stdout closed: stderr's words


REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell's redirections")
@pytest.mark.parametrize("stdout", [">&-", ">/dev/full"])
def test_a_saved_changes_notes_on_stderr_are_said_when_stdout_fails(tmp_path, stdout):
    # plan new 2023 --from … >&- wrote the plan, and its notes on stderr after the line on
    # stdout (a task left behind, not carried) were dropped with it.
    (tmp_path / "plan.toml").write_bytes((REPO / "examples" / "quanhu-2022.toml").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUANHU_PLAN_CACHE": "off", "PLAN_LANG": "zh"}
    done = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m quanhu_plan new 2023 -o new.toml {stdout}'],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    said = done.stderr.decode()
    assert "注意：原计划还有 1 项未完成的任务（4.5.2）没有结转" in said
    assert "下还没有任务" in said and "Traceback" not in said
    assert (tmp_path / "new.toml").is_file()


# ---------------------------------------------------------------- the cache in the plan's folder


@pytest.mark.parametrize("how", ["dots", "link"])
def test_a_cache_folder_naming_the_plans_folder_another_way_leaves_nothing_beside_it(
    small_plan, monkeypatch, how
):
    # QUANHU_PLAN_CACHE=/plans/sub/.. or a link to /plans: the plan's folder all the same, yet
    # the entries (a copy of the plan's text) went beside the plan, for git add . to commit.
    folder = small_plan.parent
    if how == "dots":
        (folder / "sub").mkdir()
        named = f"{folder}{os.sep}sub{os.sep}.."
    else:
        link = folder.parent / f"{folder.name}-link"
        try:
            link.symlink_to(folder, target_is_directory=True)
        except OSError:
            pytest.skip("no symbolic links here")
        named = str(link)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", named)
    first = run("status").output
    assert run("status").output == first
    run("done", "1.3", "--on", "2023-05-01")
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [small_plan.name]


@pytest.mark.parametrize("typed", ["简体中文", "中文简体", "简体"])
def test_lang_takes_simplified_chinese_as_a_settings_menu_names_it(small_plan, typed, monkeypatch):
    assert "完成率" in run("--lang", typed, "status").output
    monkeypatch.setenv("PLAN_LANG", typed)
    said = run("status").output
    assert "完成率" in said and "PLAN_LANG" not in said


@pytest.mark.parametrize(("typed", "figure"), [("九成五", 95), ("八成", 80), ("7成半", 75)])
def test_a_percent_figure_said_in_tenths_is_recorded_as_that_percent(small_plan, typed, figure):
    # plan record 1.4 九成五 (a 覆盖率 in %) was 'write it in digits, e.g. 9成五', which is
    # refused as well
    run("add", "1", "覆盖率", "--target", "98%", "--on", "2023-03-01")
    run("record", "1.4", typed, "--on", "2023-06-30")
    assert item(small_plan, "1.4")["actual"] == figure


def test_tenths_for_a_figure_in_another_unit_are_not_advised_as_digits_with_tenths(small_plan):
    before = small_plan.read_bytes()
    said = run("record", "1.1", "九成五", "--on", "2023-06-30", code=2).output
    assert "9成五" not in said and "Traceback" not in said
    assert small_plan.read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "advised"), [("二点五", "2.5"), ("三点一四", "3.14"), ("十二点五处", "12.5处")]
)
def test_a_figure_in_numerals_with_a_decimal_point_is_advised_in_digits_whole(
    small_plan, typed, advised
):
    # 二点五 was advised as '如 2点五', itself no number
    before = small_plan.read_bytes()
    said = run("record", "1.1", typed, "--on", "2023-06-30", code=2).output
    assert f"要用阿拉伯数字写，如 {advised}。" in said
    assert small_plan.read_bytes() == before


@pytest.mark.parametrize("typed", ["二点", "三十五点多"])
def test_numerals_left_in_what_is_advised_are_no_advice(small_plan, typed):
    said = run("record", "1.1", typed, "--on", "2023-06-30", code=2).output
    assert "如 2点" not in said and "如 35点" not in said and "Traceback" not in said


# ---------------------------------------------------------------- done = true by hand


@pytest.mark.parametrize("field", ["done", "completed", "finished"])
def test_done_true_written_by_hand_is_pointed_out_as_a_slip_for_the_status(small_plan, field):
    # done = true was kept, ticked nothing, and plan check said no problems at all
    text = small_plan.read_text(encoding="utf-8")
    assert 'title = "修机耕道"\n' in text
    small_plan.write_text(
        text.replace('title = "修机耕道"\n', f'title = "修机耕道"\n{field} = true\n'), "utf-8"
    )
    said = run("check").output
    assert f'字段 {field} 不是计划的字段，原样保留但不起作用；是不是要写 status = "done"？' in said
    said = run("--lang", "en", "check").output
    assert 'was status = "done" meant?' in said


def test_done_true_beside_the_status_done_goes_without_a_word(small_plan):
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(
        text.replace('title = "安装路灯"\n', 'title = "安装路灯"\ndone = true\n'), "utf-8"
    )
    assert "done 不是计划的字段" not in run("check").output


# ---------------------------------------------------------------- a week runs Monday to Sunday


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("本周五", dt.date(2026, 12, 4)),
        ("下周一", dt.date(2026, 12, 7)),
        ("上周六", dt.date(2026, 11, 28)),
        ("本周日", dt.date(2026, 12, 6)),
        ("上周日", dt.date(2026, 11, 29)),
    ],
)
def test_on_a_sunday_the_week_is_the_one_that_began_on_monday(typed, day):
    from quanhu_plan.inputs import read_date

    assert read_date(typed, dt.date(2026, 12, 6), None) == day  # (a Sunday)


@pytest.mark.parametrize(
    ("typed", "advised"), [("百分之五十", "50%"), ("百分之九十五点五", "95.5%")]
)
def test_a_percent_said_in_words_is_advised_in_digits(small_plan, typed, advised):
    # 百分之五十 was 'not a number', no more said
    before = small_plan.read_bytes()
    said = run("progress", "1.3", typed, "--on", "2023-06-30", code=2).output
    assert f"要用阿拉伯数字写，如 {advised}。" in said
    assert small_plan.read_bytes() == before
