"""A command that ``--file`` named another plan for advises commands on that plan: a clerk
keeping two plans runs ``plan -f 2024.toml …`` and, told to run ``plan list`` or ``plan undo``,
would otherwise list or undo the plan ``plan`` finds alone ($PLAN_FILE, ./plan.toml).
The user's own texts (titles, what was typed) are quoted as they are."""

from __future__ import annotations

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


def words(output: str) -> str:
    return " ".join(output.split())


def two_plans(plan_file):
    """The plan ``plan`` reads alone ($PLAN_FILE) and another beside it, with their bytes."""
    write_plan(plan_file, SMALL_ITEMS[:3])
    other = plan_file.parent / "2024.toml"
    write_plan(other, SMALL_ITEMS[:3], year=2024)
    return other, plan_file.read_bytes(), other.read_bytes()


def test_an_error_advises_the_command_on_the_file_named(runner, plan_file):
    other, default_bytes, other_bytes = two_plans(plan_file)
    result = runner.invoke(app, ["-f", "2024.toml", "show", "9.9"])
    assert result.exit_code == 1
    assert "用 plan -f 2024.toml list 查看全部编号" in words(result.output)
    english = runner.invoke(app, ["--lang", "en", "show", "9.9", "--file", "2024.toml"])
    assert english.exit_code == 1
    assert "Run plan -f 2024.toml list to see every id" in words(english.output)
    assert (plan_file.read_bytes(), other.read_bytes()) == (default_bytes, other_bytes)


def test_no_file_is_added_where_plan_alone_reads_the_same_file(runner, plan_file):
    two_plans(plan_file)
    for line in (["show", "9.9"], ["-f", str(plan_file), "show", "9.9"]):
        result = runner.invoke(app, line)
        assert result.exit_code == 1
        assert "用 plan list 查看全部编号" in words(result.output), line
        assert "-f" not in result.output


def test_a_path_with_a_space_is_quoted_as_a_shell_reads_it(runner, plan_file):
    write_plan(plan_file.parent / "my plan.toml", SMALL_ITEMS[:3])
    result = runner.invoke(app, ["-f", "my plan.toml", "show", "9.9"])
    assert result.exit_code == 1
    assert 'plan -f "my plan.toml" list' in result.output


def test_a_usage_errors_example_names_the_file(runner, plan_file):
    other, _, other_bytes = two_plans(plan_file)
    result = runner.invoke(app, ["-f", "2024.toml", "drop", "1.1"])
    assert result.exit_code == 2
    assert 'plan -f 2024.toml drop 1.1.1 --reason "上级已取消"' in words(result.output)
    assert other.read_bytes() == other_bytes


def test_the_advice_about_a_removed_item_names_the_file(runner, plan_file):
    other, _, _ = two_plans(plan_file)
    removed = runner.invoke(app, ["-f", "2024.toml", "rm", "1.2", "--yes"])
    assert removed.exit_code == 0, removed.output
    result = runner.invoke(app, ["-f", "2024.toml", "show", "1.2"])
    assert result.exit_code == 1
    said = words(result.output)
    assert "plan -f 2024.toml log 1.2" in said and "plan -f 2024.toml undo" in said
    assert 'id = "1.2"' not in other.read_text(encoding="utf-8").split("[[removed")[0]


def test_a_title_that_reads_like_a_command_is_quoted_as_it_is(runner, plan_file):
    other, _, _ = two_plans(plan_file)
    title = "Publish the plan report"
    added = runner.invoke(app, ["--lang", "en", "-f", "2024.toml", "add", "1", title])
    assert added.exit_code == 0, added.output
    assert f"1.3 {title}" in added.output
    assert title in other.read_text(encoding="utf-8")
    undone = runner.invoke(app, ["--lang", "en", "-f", "2024.toml", "undo"])
    assert undone.exit_code == 0, undone.output
    assert f"1.3 {title}" in undone.output and "plan -f" not in undone.output
    archived = runner.invoke(app, ["--lang", "en", "-f", "2024.toml", "show", "1.3"])
    assert archived.exit_code == 1
    said = words(archived.output)
    assert f"1.3 {title}" in said  # the title as it is, the advice with the file
    assert "plan -f 2024.toml log 1.3" in said


def test_the_question_before_a_removal_names_the_file(runner, plan_file, at_terminal):
    other, _, other_bytes = two_plans(plan_file)
    result = runner.invoke(app, ["-f", "2024.toml", "rm", "1.2"], input="n\n")
    assert result.exit_code == 1
    assert "（可用 plan -f 2024.toml undo 恢复）" in result.output
    assert other.read_bytes() == other_bytes


def test_shows_hint_for_the_whole_log_names_the_file(runner, plan_file):
    other, _, _ = two_plans(plan_file)  # a goal shows its newest 5 entries
    for n in range(6):
        noted = runner.invoke(app, ["-f", "2024.toml", "note", "1", f"第{n}次"])
        assert noted.exit_code == 0, noted.output
    shown = runner.invoke(app, ["-f", "2024.toml", "show", "1"])
    assert shown.exit_code == 0, shown.output
    assert "plan -f 2024.toml show 1 --all 列出全部下级事项和记录" in words(shown.output)
    assert other.read_text(encoding="utf-8").count("第5次") == 1
