"""Session 31 (J): a review of this session's git, county and real-plan changes. Each test
is a defect found, shown as the clerk met it: what was printed, the exit code and what is on
disk."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")


@needs_git
def test_a_cherry_pick_the_driver_stopped_on_is_not_told_it_was_a_stash(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """git cherry-pick (and git revert) name themselves to the driver no more than git stash
    pop does (no GIT_REFLOG_ACTION, and CHERRY_PICK_HEAD is written after the merge), so the
    driver told a clerk picking a colleague's broken commit that the stash's version was
    broken and was still in git stash list: there is no stash. It names the cherry-pick and
    its way out, git cherry-pick --abort."""
    a, _ = county
    git(a.folder, "checkout", "-q", "-b", "by-hand")
    a.plan_file.write_text(a.text().replace('title = "修塘"', 'title = ""'), encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "broken by hand")
    git(a.folder, "checkout", "-q", "main")
    a.plan("note", "2.3", "甲记的", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "a note")
    before = a.plan_file.read_bytes()
    picked = subprocess.run(
        ["git", "cherry-pick", "by-hand"], cwd=a.folder, capture_output=True, text=True
    )
    assert picked.returncode != 0, picked
    said = picked.stderr.replace("\n", "").partition("error: could not apply")[0]  # (git's own)
    assert "不是有效的计划文件" in said, said
    assert "stash" not in said and "贮藏" not in said, said
    assert "git cherry-pick --abort" in said, said
    assert a.plan_file.read_bytes() == before  # ours left as it was
    assert (a.folder / ".git" / "CHERRY_PICK_HEAD").exists()
    # What a change says then agrees: the cherry-pick is to be given up.
    refused = a.plan("note", "2.3", "再记", "--by", "甲", code=1).output.replace("\n", "")
    assert "git cherry-pick --abort" in refused, refused
    assert "git pull" not in refused, refused  # (no pull made this, nor is one the way out)
    assert "再 git cherry-pick" in refused, refused
    assert a.plan_file.read_bytes() == before


@needs_git
def test_a_checkout_m_the_driver_stopped_on_keeps_the_advice_without_an_abort(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """git checkout -m carries a change not committed onto another branch: theirs is the
    working tree's plan, here broken by hand. There is nothing to give up: the advice is the
    stash pop's (git checkout --ours/--theirs, git add), not a cherry-pick's."""
    a, _ = county
    git(a.folder, "checkout", "-q", "-b", "other")
    a.plan("note", "2.3", "另一分支", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "other")
    git(a.folder, "checkout", "-q", "main")
    a.plan_file.write_text(a.text().replace('title = "修塘"', 'title = ""'), encoding="utf-8")
    moved = subprocess.run(
        ["git", "checkout", "-m", "other"], cwd=a.folder, capture_output=True, text=True
    )
    said = moved.stderr.replace("\n", "")
    assert "不是有效的计划文件" in said, said
    assert "git checkout --theirs plan.toml" in said, said
    assert "cherry-pick" not in said and "--abort" not in said, said


@needs_git
def test_a_git_file_padded_with_nuls_is_read_as_git_reads_it(
    tmp_path,
    git_env,  # noqa: F811 - the fixture
) -> None:
    """A .git file (a worktree's, a submodule's, git init --separate-git-dir's) that a crash
    left with NULs after its line, which git reads up to the first NUL: every change and plan check ended in a traceback
    (ValueError: embedded null byte). The check reads it as git does: a plan git holds unmerged there is still refused, and once settled changed."""
    work = tmp_path / "work"
    git(tmp_path, "init", "-q", "--separate-git-dir", str(tmp_path / "store"), str(work))
    plan_file = write_plan(work / "plan.toml", SMALL_ITEMS)
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the plan")
    dot_git = work / ".git"
    dot_git.write_bytes(dot_git.read_bytes().strip() + b"\0" * 16)  # (git reads it so)
    # git stash pop stopped on it: stages 1-3, ours the file as it is
    ours = git(work, "hash-object", "-w", "plan.toml").stdout.strip()
    git(work, "update-index", "--force-remove", "plan.toml")
    stages = "".join(f"100644 {ours} {stage}\tplan.toml\n" for stage in (1, 2, 3))
    subprocess.run(
        ["git", "update-index", "--index-info"], cwd=work, input=stages, text=True, check=True
    )
    before = plan_file.read_bytes()
    refused = runner.invoke(app, ["-f", str(plan_file), "note", "2.3", "记", "--by", "甲"])
    assert refused.exit_code == 1, refused.output
    assert "git checkout --ours" in refused.output.replace("\n", ""), refused.output
    assert plan_file.read_bytes() == before
    checked = runner.invoke(app, ["-f", str(plan_file), "check"])
    assert checked.exit_code == 1 and "Traceback" not in checked.output, checked.output
    git(work, "add", "plan.toml")
    done = runner.invoke(app, ["-f", str(plan_file), "note", "2.3", "记", "--by", "甲"])
    assert done.exit_code == 0, done.output
    assert "记" in plan_file.read_text(encoding="utf-8")


def test_a_command_that_fits_is_not_pushed_past_the_width_by_its_full_stop(
    tmp_path, monkeypatch
) -> None:
    """plan county's plans that state no year end with a command to copy and 。: at 42 and 43
    columns the command fits a line but not with its 。, which went on the line all the same,
    past the width: the terminal wrapped the 。 alone, and a triple-click copied
    …header --year 2023。, which plan refuses (2023。 is no year). The command has its
    line, the 。 the next one."""
    from quanhu_plan.terminal.widths import character_width

    from .test_county_s31C import town

    monkeypatch.chdir(tmp_path)
    for name in ("甲镇", "乙镇"):
        path = town(tmp_path / "各镇", f"{name}.toml", name)
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if not line.startswith(("year", "start", "end"))]
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    command = "plan -f 各镇/乙镇.toml header --year 2023"
    for width in (42, 43, 44, 60, 80):
        monkeypatch.setenv("COLUMNS", str(width))
        shown = runner.invoke(app, ["county", "各镇", "--as-of", "2023-06-30"])
        assert shown.exit_code == 0, shown.output
        lines = shown.stdout.splitlines()
        assert any(command in line for line in lines), (width, shown.stdout)
        wide = [line for line in lines if sum(map(character_width, line)) > width]
        assert wide == [], (width, wide)


def test_chinese_words_after_a_flag_are_not_taken_into_its_command(tmp_path, monkeypatch) -> None:
    """plan show's note on the entries left out ends …；plan show 1 --all 列出全部下级事项和记录。）
    The words after --all were read as its value, one command 40 cells long, so at 40 columns
    the note's 。） went past the width (since: alone on a line). --all takes no value: the
    command ends with it, and the words fold as words."""
    from quanhu_plan.terminal.widths import character_width

    from .test_view_output import _benchmark

    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(_benchmark("as_of").plan_with_a_trace(60), encoding="utf-8")
    for width in (36, 40, 44, 60):
        monkeypatch.setenv("COLUMNS", str(width))
        shown = runner.invoke(app, ["-f", str(plan_file), "show", "1"])
        assert shown.exit_code == 0, shown.output
        lines = shown.stdout.splitlines()
        at = next(n for n, line in enumerate(lines) if "（共 " in line)
        note = lines[at:]
        assert any("plan show 1 --all" in line for line in note), (width, note)
        assert all(line.strip(" 。）") for line in note), (width, note)  # none of 。） alone
        assert all(sum(map(character_width, line)) <= width for line in note), (width, note)


def test_the_flags_a_command_to_copy_is_read_with_are_plans_own() -> None:
    """command_spans knows plan's options that take no value (the words after one are not its
    value): every flag of the CLI is among them, and none that takes a value."""
    import typer

    from quanhu_plan.terminal.paragraphs import _FLAGS

    flags: set[str] = set()

    def walk(command: object) -> None:
        for param in getattr(command, "params", []):
            if getattr(param, "param_type_name", "") == "option" and param.is_flag:
                flags.update(o for o in param.opts + param.secondary_opts if o.startswith("--"))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    assert flags == set(_FLAGS)


def _imported_with_title(tmp_path, title: str):  # type: ignore[no-untyped-def]
    """A one-task table headed ``title``, imported into the plan."""
    from .test_import import run, workbook

    rows = [
        [title],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [1, "推进街道“大部制”改革，精简内设机构。", "区委编办", "2024年6月底前"],
    ]
    return run(str(workbook(tmp_path / "清单.xlsx", rows, ("A1:D1",))))


@pytest.mark.parametrize(
    "title",
    [
        "全县2024年重点工作任务清单",
        "全区贯彻落实《关于加强新时代街道工作的意见》的任务分解方案",
        "全市推进高质量发展2024年重点任务",
        "各乡镇2024年工作任务分解表",
        "乡镇2024年工作计划",
        "区委区政府2024年重点工作",
        "县委县政府2024年十件民生实事",
        "镇党委镇政府2024年重点工作",
    ],
)
def test_a_title_opening_with_no_places_name_gives_the_plan_no_organisation(
    tmp_path, plan_file, title
) -> None:
    """全县 (the whole county), 各乡镇 (each town), a bare 乡镇 or 区委区政府 open a title where a
    place's name would, but name no one: the plan's organisation was 全县 (or 全区, 各乡镇),
    said at import as the title's place, and the year-end report was signed 全县. The plan is
    given none, as for a title of no place (关于…, 2024年…)."""
    result = _imported_with_title(tmp_path, title)
    assert result.exit_code == 0, result.output
    assert "计划的单位取标题" not in "".join(result.output.split()), result.output
    assert "organisation =" not in plan_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("镇江市2024年工作计划", "镇江市"),
        ("沛县2024年重点工作任务清单", "沛县"),
        ("高新区2024年工作计划", "高新区"),
        ("石景山区贯彻落实《关于加强新时代街道工作的意见》的任务分解方案", "石景山区"),
    ],
)
def test_a_places_own_name_still_gives_the_plan_its_organisation(
    tmp_path, plan_file, title, place
) -> None:
    result = _imported_with_title(tmp_path, title)
    assert result.exit_code == 0, result.output
    assert f'organisation = "{place}"' in plan_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("关于印发2023年重点工作任务分解方案的通知", "2023年工作计划完成情况总结"),
        ("县政府办关于2023年为民办实事的实施方案", "县政府办2023年为民办实事完成情况总结"),
        ("关于2023年十大民生实事项目的通知", "2023年十大民生实事项目完成情况总结"),
        ("泉湖镇2023年十件为民办实事", "泉湖镇2023年十件为民办实事完成情况总结"),
    ],
)
def test_a_report_of_a_plan_of_no_organisation_is_not_titled_by_a_notices_words(
    tmp_path, title, heading
) -> None:
    """A plan with no organisation is named in its report by what its title says before the
    year: a notice's title gave 关于印发2023年工作计划完成情况总结 (and 县政府办关于2023年…).
    Those words say what the document does, not whose plan it is."""
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS, title=title, organisation="")
    text = plan_file.read_text(encoding="utf-8")
    assert "organisation" not in text or 'organisation = ""' in text
    result = runner.invoke(app, ["-f", str(plan_file), "report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith(heading), result.output[:200]


def test_a_count_is_not_read_into_the_year_before_it(tmp_path) -> None:
    """洋县2023十大民生实事项目清单 (the year with no 年 after it): the count was read as
    2023十大, and the report was titled 洋县2023年2023十大民生实事项目完成情况总结."""
    plan_file = write_plan(
        tmp_path / "plan.toml",
        SMALL_ITEMS,
        title="洋县2023十大民生实事项目清单",
        organisation="洋县",
    )
    result = runner.invoke(app, ["-f", str(plan_file), "report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    heading = result.output.strip().splitlines()[0]
    assert heading == "洋县2023年十大民生实事项目完成情况总结", heading


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("Quanhu Town 2023 Work Plan", "Quanhu Town 2023 work plan: completion report"),
        ("Work Plan of Quanhu Town for 2023", "Quanhu Town 2023 work plan: completion report"),
        ("About the 2023 key tasks", "2023 work plan: completion report"),
    ],
)
def test_an_english_title_gives_its_report_the_place_it_names(tmp_path, title, heading) -> None:
    """An English plan of no organisation: its report was titled by all the title said before
    the year, Work Plan of Quanhu Town for 2023 work plan: completion report. The place it
    names (a name and Town, County…) is taken, else none."""
    plan_file = write_plan(
        tmp_path / "plan.toml", SMALL_ITEMS, title=title, organisation="", lang="en"
    )
    result = runner.invoke(app, ["-f", str(plan_file), "report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[0] == heading, result.output[:200]


@needs_git
def test_a_revert_the_driver_stopped_on_is_not_told_it_was_a_stash(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """Reverting the commit that corrected a plan broken by hand: theirs is the broken version
    before it. The driver said a stash's version was broken; it says git revert --abort."""
    a, _ = county
    good = a.text()
    a.plan_file.write_text(good.replace('title = "修塘"', 'title = ""'), encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "broken by hand")
    a.plan_file.write_text(good, encoding="utf-8")
    a.plan("note", "1.3", "改正后记的", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "corrected")
    a.plan("note", "2.3", "再记的", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "later")
    reverted = subprocess.run(
        ["git", "revert", "--no-edit", "HEAD~1"], cwd=a.folder, capture_output=True, text=True
    )
    assert reverted.returncode != 0, reverted
    said = reverted.stderr.replace("\n", "").partition("error: could not revert")[0]
    assert "不是有效的计划文件" in said, said
    assert "stash" not in said and "贮藏" not in said, said
    assert "git revert --abort" in said, said
    refused = a.plan("note", "2.3", "又记", "--by", "甲", code=1).output.replace("\n", "")
    assert "git revert --abort" in refused and "git pull" not in refused, refused
