"""``plan check`` points out a field that is most likely a slip for one the plan knows
(``progres = 50`` typed in an editor: kept, but the task shows no progress, and nothing said
so), while a field kept on purpose (an import's 备注) goes without a word."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

runner = CliRunner()


def slipped_plan(tmp_path: Path) -> Path:
    plan_file = tmp_path / "plan.toml"
    assert runner.invoke(app, ["-f", str(plan_file), "init"]).exit_code == 0
    text = plan_file.read_text(encoding="utf-8")
    typed = 'id = "5.1"\nprogres = 50\nStatus = "done"\n"备注" = "自定义"\n'
    plan_file.write_text(text.replace('id = "5.1"\n', typed, 1), encoding="utf-8")
    return plan_file


def test_check_names_a_slipped_field_and_the_one_meant(tmp_path):
    plan_file = slipped_plan(tmp_path)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["-f", str(plan_file), "check"])
    assert result.exit_code == 0, result.output
    assert "字段 progres 不是计划的字段" in result.output
    assert "是不是要写 progress？" in result.output
    assert "是不是要写 status？" in result.output
    assert "备注" not in result.output  # a field kept on purpose
    assert plan_file.read_bytes() == before
    english = runner.invoke(app, ["-f", str(plan_file), "--lang", "en", "check"])
    assert "progres is not a field of a plan" in english.output
    assert "was progress meant?" in english.output


def test_a_plan_without_slips_has_no_such_line(tmp_path):
    plan_file = tmp_path / "plan.toml"
    assert runner.invoke(app, ["-f", str(plan_file), "init"]).exit_code == 0
    assert "不是计划的字段" not in runner.invoke(app, ["-f", str(plan_file), "check"]).output


def test_check_names_a_slipped_field_of_the_header(tmp_path):
    """``organization`` (the American spelling) for ``organisation``: the report's 落款 and
    plan county's town name stay empty, and nothing said why."""
    plan_file = tmp_path / "plan.toml"
    assert runner.invoke(app, ["-f", str(plan_file), "init"]).exit_code == 0
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace("[plan]\n", '[plan]\norganization = "Quanhu"\n', 1), encoding="utf-8"
    )
    result = runner.invoke(app, ["-f", str(plan_file), "check"])
    assert result.exit_code == 0, result.output
    assert "计划表头的 organization 不是计划的字段" in result.output
    assert "是不是要写 organisation？" in result.output
