"""Session 20 attacks: the commands and the surroundings earlier attacks did not go to (header,
undo's advice, the environment a run is given).

Each test shows one defect found, through the command a user runs: what it printed, its exit
code and what is on disk."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_attack_s18 import BASE  # the same small plan of three items


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def _header(plan_file: Path) -> dict[str, object]:
    return tomllib.loads(plan_file.read_text(encoding="utf-8"))["plan"]


def test_the_command_undo_advises_for_a_year_changed_by_hand_sets_the_header_back(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan header --year 2024 moved the period with the year; the year then corrected by hand
    to 2025. Undo refuses and gives the command to set the header back anyway: that command
    must give back year 2023 and its period, not move the period two years back to 2022."""
    plan_file.write_text(BASE, encoding="utf-8")
    assert runner.invoke(app, ["header", "--year", "2024"]).exit_code == 0
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("year = 2024", "year = 2025", 1), encoding="utf-8")
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["undo"])
    assert result.exit_code == 1, result.output
    assert plan_file.read_bytes() == before
    advised = re.search(r"请运行：(plan header .*)$", result.output.strip())
    assert advised is not None, result.output
    words = shlex.split(advised.group(1))[1:]
    assert runner.invoke(app, words).exit_code == 0
    header = _header(plan_file)
    assert (header["year"], str(header["start"]), str(header["end"])) == (
        2023,
        "2023-01-01",
        "2023-12-31",
    ), advised.group(1)


@pytest.mark.parametrize(
    ("written", "said_zh", "said_en"),
    [
        ("2023-06-31", "2023年6月没有 31 日", "2023-06 has no day 31"),
        ("2023-02-29", "2023年2月没有 29 日", "2023-02 has no day 29"),
        ("2023-13-01", "没有 13 月", "there is no month 13"),
        ("2023-12-32", "2023年12月没有 32 日", "2023-12 has no day 32"),
    ],
)
def test_a_day_the_calendar_has_not_typed_into_the_file_is_named_as_such(
    runner: CliRunner, plan_file: Path, written: str, said_zh: str, said_en: str
) -> None:
    """A deadline typed by hand on a day that does not exist (30 days hath June): the message
    names the day and why, not "more on the line after a value" (TOML's words for 2023-13-01)
    or a bare "the date is wrong"."""
    text = BASE.replace('owner = "张三"', f"due = {written}")
    plan_file.write_text(text, encoding="utf-8")
    for lang, said in (("zh", said_zh), ("en", said_en)):
        result = runner.invoke(app, ["--lang", lang, "status"])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert said in result.output, result.output
        assert written in result.output and (
            "第 16 行" in result.output or "line 16" in result.output
        )
        assert "同一行还有别的内容" not in result.output
    assert plan_file.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("command", "typed", "measure"),
    [
        (["edit", "1.2", "--target"], "5000m²", "m²"),
        (["edit", "1.2", "--target"], "1.2万m³", "万m³"),
        (["edit", "1.2", "--target"], "800㎡", "㎡"),
        (["add", "1", "新建广场", "--target"], "5000m²", "m²"),
    ],
)
def test_a_unit_typed_with_a_superscript_becomes_the_measure_as_typed(
    runner: CliRunner, plan_file: Path, command: list[str], typed: str, measure: str
) -> None:
    """A unit typed after a target (5000m², as Word and WPS type 平方米) becomes the item's
    measure as typed, as plan import keeps it; NFKC made it m2, which the report then printed
    (5000m2)."""
    plan_file.write_text(BASE, encoding="utf-8")
    result = runner.invoke(app, [*command, typed])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    assert items[-1]["measure"] == measure
    report = runner.invoke(app, ["report", "--format", "md"])
    assert measure in report.output
    assert not re.search(r"m[23]", report.output), report.output


def test_a_superscript_after_a_figure_is_not_read_as_one_more_digit(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan record 1.1 3000² (a square metre sign cut short) took 30002 公里: the superscript
    read as a digit of the number. It is a unit, which is not the measure: refused, nothing
    written."""
    plan_file.write_text(BASE, encoding="utf-8")
    result = runner.invoke(app, ["record", "1.1", "3²"])
    assert result.exit_code == 2, result.output
    assert "32" not in result.output
    assert plan_file.read_text(encoding="utf-8") == BASE


@pytest.mark.parametrize(
    "settings",
    [
        "report_day = 20\n",
        '# 县级设置\nname = "衡南县人民政府督查室"\nreport_day = "每月20日前"\n',
        "[weights]\ncompletion = 0.6\non_pace = 0.4\n",
    ],
)
def test_county_settings_written_without_their_county_table_are_not_passed_over(
    runner: CliRunner, tmp_path: Path, settings: str
) -> None:
    """county.toml written without its [county] line: the report day, the issuer and the
    weights were passed over without a word, and the towns judged by the default 每月25日前.
    They are named, with the line to add; nothing is written."""
    towns = tmp_path / "towns"
    towns.mkdir()
    (towns / "east.toml").write_text(BASE, encoding="utf-8")
    (towns / "county.toml").write_text(settings, encoding="utf-8")
    result = runner.invoke(app, ["county", str(towns)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "county.toml" in result.output and "[county]" in result.output
    assert "每月25日前填报（默认）" not in result.output
    english = runner.invoke(app, ["--lang", "en", "county", str(towns)])
    assert english.exit_code == 1 and "[county]" in english.output, english.output


TREE = """\
[plan]
title = "测试镇2023年工作计划"
year = 2023
lang = "zh"

[[item]]
id = "1"
title = "第一部分"

[[item]]
id = "1.1"
title = "道路"

[[item]]
id = "1.1.1"
title = "修路"

[[item]]
id = "1.1.2"
title = "养路"

[[item]]
id = "2"
title = "第二部分"

[[item]]
id = "2.1"
title = "建桥"
"""


def test_undo_brings_back_a_part_removed_on_one_side_after_the_other_moved_a_task_out_of_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Our office moved 1.1.1 out of 1.1 to part 2; the other removed 1.1 with what was under
    it. The merge keeps 1.1.1 in the removal record with both logs and says the remover may
    bring it back with plan undo; undo then refused with "删除记录不完整" (the task's parent, 2,
    is not in the record). Undo brings 1.1 back, and 1.1.1 under the part it was moved to."""
    base, ours, theirs = (tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs"))
    for path in (base, ours, theirs):
        path.write_text(TREE, encoding="utf-8")
    assert runner.invoke(app, ["-f", str(ours), "move", "1.1.1", "2"]).exit_code == 0
    result = runner.invoke(app, ["-f", str(theirs), "rm", "1.1", "--recursive", "--yes"])
    assert result.exit_code == 0, result.output
    merged = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert merged.exit_code == 0, merged.output
    assert "plan undo" in merged.output
    result = runner.invoke(app, ["-f", str(ours), "undo", "--anyone"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    items = {i["id"]: i for i in tomllib.loads(ours.read_text(encoding="utf-8"))["item"]}
    assert set(items) == {"1", "1.1", "1.1.1", "1.1.2", "2", "2.1"}
    assert items["1.1.1"]["parent"] == "2"
    assert runner.invoke(app, ["-f", str(ours), "check"]).exit_code == 0


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--due-before", ""],
        ["list", "--part", ""],
        ["list", "--who", ""],
        ["report", "--part", ""],
        ["report", "--owner", ""],
        ["export", "--who", ""],
        ["export", "--part", ""],
        ["county", "--key", ""],
    ],
)
def test_an_empty_filter_is_refused_not_taken_for_no_filter(
    runner: CliRunner, plan_file: Path, command: list[str]
) -> None:
    """plan report --owner "$OWNER" with $OWNER unset reported on every task, headed as the
    whole plan's (an empty --as-of is refused for the same reason); a filter of spaces was
    refused already."""
    plan_file.write_text(BASE, encoding="utf-8")
    result = runner.invoke(app, command)
    assert result.exit_code == 2, result.output
    assert command[1] in result.output
    assert "Traceback" not in result.output
    assert plan_file.read_text(encoding="utf-8") == BASE


def _merged(runner: CliRunner, tmp_path: Path, ours: list[str], theirs: list[str]) -> Path:
    """TREE changed on two copies (ours first, then theirs), merged into ours, as git's driver
    merges them; the merged file."""
    base, mine, other = (tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs"))
    for path in (base, mine, other):
        path.write_text(TREE, encoding="utf-8")
    for path, args in ((mine, ours), (other, theirs)):
        result = runner.invoke(app, ["-f", str(path), *args])
        assert result.exit_code == 0, result.output
    merged = runner.invoke(app, ["merge", str(base), str(mine), str(other), "plan.toml"])
    assert merged.exit_code == 0, merged.output
    return mine


@pytest.mark.parametrize(
    "theirs",
    [["move", "1.1.1", "2"], ["edit", "1.1.1", "--owner", "李四"], ["note", "1.1.1", "进展"]],
)
def test_one_clerk_on_two_computers_can_undo_after_a_removal_met_a_later_change(
    runner: CliRunner, tmp_path: Path, theirs: list[str]
) -> None:
    """The same login name (Administrator on every office PC) removed 1.1.1 on one computer
    and then changed it on another; after the merge, plan undo took up the change, refused
    it since 1.1.1 was removed, and advised plan undo --by the same name first: the same
    refusal again, for ever, and no older change could be undone either. The change is taken
    back on the archived item; the next undo brings the item back as it was."""
    plan_file = _merged(runner, tmp_path, ["rm", "1.1.1", "--yes"], theirs)
    first = runner.invoke(app, ["-f", str(plan_file), "undo"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["-f", str(plan_file), "undo"])
    assert second.exit_code == 0, second.output
    doc = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    items = {i["id"]: i for i in doc["item"]}
    assert "removed" not in doc
    assert set(items) == {"1", "1.1", "1.1.1", "1.1.2", "2", "2.1"}
    assert "parent" not in items["1.1.1"] and "owner" not in items["1.1.1"]
    assert runner.invoke(app, ["-f", str(plan_file), "check"]).exit_code == 0
    listed = runner.invoke(app, ["-f", str(plan_file), "list", "--part", "1.1"]).output
    assert "修路" in listed


def test_a_task_added_after_its_goal_was_removed_on_another_computer_stays_undone(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The same login name removed 1.1 on one computer and added 1.1.3 under it on another;
    after the merge, undo takes the add back, and undoing the removal then brings 1.1 back
    without the task whose adding was undone."""
    plan_file = _merged(
        runner, tmp_path, ["rm", "1.1", "--recursive", "--yes"], ["add", "1.1", "巡路"]
    )
    for _ in range(2):
        result = runner.invoke(app, ["-f", str(plan_file), "undo"])
        assert result.exit_code == 0, result.output
    doc = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    assert {i["id"] for i in doc["item"]} == {"1", "1.1", "1.1.1", "1.1.2", "2", "2.1"}
    assert [t["title"] for r in doc["removed"] for t in r["item"]] == ["巡路"]
    assert runner.invoke(app, ["-f", str(plan_file), "check"]).exit_code == 0


def test_a_relative_xdg_cache_home_puts_no_cache_beside_the_plan(
    runner: CliRunner, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XDG_CACHE_HOME=cache (relative, which the XDG spec says to ignore) put the parse cache
    in a cache/ folder in the plan's folder, where git add . takes it into a commit. It goes
    to ~/.cache as when the variable is not set."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv("QUANHU_PLAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    monkeypatch.setenv("HOME", str(home))
    plan_file.write_text(BASE, encoding="utf-8")
    for command in (["status"], ["note", "1.1", "进展"], ["list"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["home", "plan.toml"]
    assert list((home / ".cache" / "quanhu-plan").iterdir())


def _with_stdout_closed() -> None:
    import os

    os.close(1)


@pytest.mark.skipif(sys.platform == "win32", reason="a closed descriptor, as a POSIX shell's >&-")
@pytest.mark.parametrize(
    "args", [["status"], ["export", "--format", "csv"], ["report", "--format", "md"]]
)
def test_a_read_command_run_with_its_output_closed_says_so_not_exit_0(
    plan_file: Path, args: list[str]
) -> None:
    """plan export --format csv >&- (a script's output closed): the table went nowhere and
    the run exited 0, as if it had been written. A change is saved and exits 0 all the same."""
    plan_file.write_text(BASE, encoding="utf-8")
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}
    command = [sys.executable, "-m", "quanhu_plan", *args]
    result = subprocess.run(
        command, stderr=subprocess.PIPE, env=env, preexec_fn=_with_stdout_closed, timeout=120
    )
    said = result.stderr.decode("utf-8")
    assert result.returncode == 1, said
    assert "Traceback" not in said
    assert said.strip() == (
        "plan: 无法写出输出 / cannot write the output: 标准输出已关闭 / standard output is closed"
    )
    note = [sys.executable, "-m", "quanhu_plan", "note", "1.1", "输出已关"]
    saved = subprocess.run(
        note, stderr=subprocess.PIPE, env=env, preexec_fn=_with_stdout_closed, timeout=120
    )
    assert saved.returncode == 0, saved.stderr
    assert plan_file.read_text(encoding="utf-8").count("输出已关") == 1


def test_next_years_title_moves_a_year_typed_in_full_width_digits(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """A title typed with the input method in full width (测试镇２０２３年工作计划) kept its
    old year in next year's plan, with （2024年） added after it: 测试镇２０２３年工作计划（2024年）."""
    plan_file.write_text(BASE.replace("2023年", "２０２３年", 1), encoding="utf-8")
    out = tmp_path / "next.toml"
    result = runner.invoke(app, ["new", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _header(out)["title"] == "测试镇２０２４年工作计划"


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--format", "md", "--out"],
        ["export", "--format", "csv", "--out"],
        ["new", "2024", "--out"],
        ["county", ".", "--format", "md", "--out"],
    ],
)
def test_a_new_file_whose_name_is_too_long_speaks_of_no_original_file(
    runner: CliRunner, plan_file: Path, command: list[str]
) -> None:
    """A report, table or plan named past what the system takes (a title pasted as the name)
    said 无法写入 …：文件名或路径太长。原文件没有改动 — of a file that never was."""
    plan_file.write_text(BASE, encoding="utf-8")
    name = "测试镇二〇二三年度工作计划完成情况总结" * 15 + ".md"
    for lang, original in (("zh", "原文件"), ("en", "original file")):
        result = runner.invoke(app, ["--lang", lang, *command, name])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert original not in result.output, result.output
    assert {p.name for p in plan_file.parent.iterdir()} <= {"cache", "plan.toml"}
    assert plan_file.read_text(encoding="utf-8") == BASE


@pytest.mark.parametrize("field", ["计划名称", "title"])
def test_a_header_conflict_is_settled_by_the_name_the_conflict_gives_its_field(
    runner: CliRunner, tmp_path: Path, field: str
) -> None:
    """Both offices renamed the plan: check names the conflict 计划名称（title）, and resolve
    takes a field by its Chinese name (plan resolve --help: 责任人 for owner); 计划名称 was
    refused as "[plan]  的 计划名称 没有冲突；有冲突的字段是：title"."""
    base, mine, other = (tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs"))
    for path in (base, mine, other):
        path.write_text(TREE, encoding="utf-8")
    for path, title in ((mine, "我方名称"), (other, "对方名称")):
        assert runner.invoke(app, ["-f", str(path), "header", "--title", title]).exit_code == 0
    merged = runner.invoke(app, ["merge", str(base), str(mine), str(other), "plan.toml"])
    assert merged.exit_code == 0, merged.output
    refused = runner.invoke(app, ["-f", str(mine), "undo"])
    assert refused.exit_code == 1 and "计划名称（title）" in refused.output, refused.output
    result = runner.invoke(app, ["-f", str(mine), "resolve", "[plan]", field, "--theirs"])
    assert result.exit_code == 0, result.output
    assert _header(mine)["title"] == "对方名称"
    assert runner.invoke(app, ["-f", str(mine), "check"]).exit_code == 0
