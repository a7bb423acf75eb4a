"""git and the names of plan files: plan git-setup covers every *.toml, so a plan renamed in one
clone (git mv plan.toml 2024计划.toml) or added later still merges item by item, without a new
run; the driver then also meets TOML files that are no plan (county.toml, pyproject.toml), and
merges them as git merges text."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import parse_toml

from .test_git_merge import county, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()


def progress_of(path: Path, item_id: str) -> object:
    doc = parse_toml(path.read_text(encoding="utf-8"), str(path))
    return next(t for t in doc["item"] if t["id"] == item_id).get("progress")


def test_a_plan_renamed_in_one_clone_merges_item_by_item_in_the_other(county):  # noqa: F811
    a, b = county
    git(a.folder, "mv", "plan.toml", "2024计划.toml")
    renamed_a = a.folder / "2024计划.toml"
    assert runner.invoke(app, ["-f", str(renamed_a), "progress", "1.3", "60"]).exit_code == 0
    git(a.folder, "commit", "-qam", "renamed, 1.3 at 60")
    git(a.folder, "push", "-q")
    # Office B still has plan.toml: its change goes to the renamed file.
    assert runner.invoke(app, ["-f", str(b.plan_file), "progress", "2.3", "90"]).exit_code == 0
    git(b.folder, "commit", "-qam", "2.3 at 90")
    git(b.folder, "pull", "-q", "--no-edit")
    renamed_b = b.folder / "2024计划.toml"
    assert not b.plan_file.exists()
    assert (progress_of(renamed_b, "1.3"), progress_of(renamed_b, "2.3")) == (60, 90)
    git(b.folder, "push", "-q")
    git(a.folder, "pull", "-q", "--no-edit")
    # Both change one field of the renamed plan: a conflict recorded, not <<<<<<< markers.
    assert runner.invoke(app, ["-f", str(renamed_a), "progress", "1.3", "65"]).exit_code == 0
    git(a.folder, "commit", "-qam", "65")
    git(a.folder, "push", "-q")
    assert runner.invoke(app, ["-f", str(renamed_b), "progress", "1.3", "70"]).exit_code == 0
    git(b.folder, "commit", "-qam", "70")
    git(b.folder, "pull", "-q", "--no-edit")
    text = renamed_b.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    checked = runner.invoke(app, ["-f", str(renamed_b), "check"])
    assert checked.exit_code == 1 and "合并冲突未解决" in checked.output
    assert f"plan -f {renamed_b} resolve 1.3 progress" in checked.output


SETTINGS = '[county]\nname = "衡南县督查室"\nreport_day = 25\n\n# 各镇\nstale_days_note = "无"\n'


def test_the_driver_merges_a_toml_file_that_is_no_plan_as_text(tmp_path):
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    base.write_text(SETTINGS, encoding="utf-8")
    ours.write_text(SETTINGS.replace("衡南县督查室", "衡南县人民政府督查室"), encoding="utf-8")
    theirs.write_text(SETTINGS.replace('"无"', '"有"'), encoding="utf-8")
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "county.toml"])
    assert result.exit_code == 0, result.output
    assert ours.read_text(encoding="utf-8") == SETTINGS.replace(
        "衡南县督查室", "衡南县人民政府督查室"
    ).replace('"无"', '"有"')

    ours.write_text(SETTINGS.replace("25", "20"), encoding="utf-8")
    theirs.write_text(SETTINGS.replace("25", "28"), encoding="utf-8")
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "county.toml"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "county.toml 不是计划文件（没有 [plan] 表），已按普通文本合并" in said
    assert "1 处冲突已在文件中用 <<<<<<< ======= >>>>>>> 标出" in said
    assert "git add county.toml" in said and "Traceback" not in said
    merged = ours.read_text(encoding="utf-8")
    assert "<<<<<<< ours\nreport_day = 20\n=======\nreport_day = 28\n>>>>>>> theirs\n" in merged


def test_a_broken_plan_is_still_refused_not_merged_as_text(tmp_path):
    """A version with a [plan] table that is not valid TOML is a plan a hand edit broke: the
    driver refuses it as before, whatever the other versions are."""
    base = tmp_path / "base"
    base.write_text("", encoding="utf-8")
    ours = tmp_path / "ours"
    ours.write_text('\ufeff[plan]\ntitle = "坏\n', encoding="utf-8")
    before = ours.read_bytes()
    theirs = tmp_path / "theirs"
    theirs.write_text("x = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 1
    assert "不能合并 plan.toml：我方的版本不是有效的计划文件" in result.output
    assert ours.read_bytes() == before
