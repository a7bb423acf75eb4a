"""Session 30 (H): an adversarial review of the session's merges (A: plan county and the
orphan-character folding; B: notices; C: changes refused while git holds the plan unmerged),
in real use. Each test shows what the clerk met: what was printed, the exit code and what is
on disk."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_county_s30A import _ranked_county, _section, county_json, town
from .test_git_merge import git, git_env  # noqa: F401 - fixtures

runner = CliRunner()

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")


def plan(plan_file: Path, *args: str, code: int | None = 0) -> object:
    result = runner.invoke(app, ["-f", str(plan_file), *args])
    if code is not None:
        assert result.exit_code == code, (args, result.output)
    return result


def stopped_merge_on(repo: Path, name: str) -> None:
    """git as a pull leaves it when the driver refused their version: MERGE_HEAD, and the
    plan in the index at stages 1, 2 and 3, the file holding ours (stage 2)."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the town's plan")
    blob = git(repo, "hash-object", "--", name).stdout.strip()
    head = git(repo, "rev-parse", "HEAD").stdout.strip()
    (repo / ".git" / "MERGE_HEAD").write_text(head + "\n", encoding="utf-8")
    entries = "".join(f"100644 {blob} {stage}\t{name}\n" for stage in (1, 2, 3))
    subprocess.run(
        ["git", "update-index", "--index-info"], cwd=repo, input=entries, text=True, check=True
    )
    assert git(repo, "status", "--short").stdout.startswith("UU ")


# ---------------------------------------------------------------- C: a plan git holds unmerged


@needs_git
def test_a_change_through_a_link_to_the_plan_git_holds_unmerged_is_refused(
    tmp_path: Path,
    git_env: None,  # noqa: F811 - the fixture
) -> None:
    """The office keeps 本年.toml as a link to 2023.toml (the clerk's shortcut); the pull
    stopped on 2023.toml. A change through the link writes the link's target, the unmerged
    plan, yet was let through: git was asked about 本年.toml, a name it holds no conflict for.
    The link is followed as the change follows it; plan check says it too."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    real = write_plan(repo / "2023.toml", SMALL_ITEMS)
    stopped_merge_on(repo, "2023.toml")
    link = repo / "本年.toml"
    link.symlink_to("2023.toml")
    before = real.read_bytes()
    said = plan(link, "note", "1.1", "乙在冲突中记的", "--by", "乙", code=1).output
    assert "这次修改没有做" in said and "git merge --abort" in said.replace("\n", " "), said
    assert real.read_bytes() == before
    checked = plan(link, "check", code=1).output
    assert "git 的合并还没有完成" in checked, checked


@needs_git
def test_a_link_in_another_repository_to_a_plan_git_holds_unmerged_is_refused(
    tmp_path: Path,
    git_env: None,  # noqa: F811 - the fixture
) -> None:
    """The county's summary folder (its own repository) links 花桥镇.toml to the town's
    plan.toml in the town's clone, where a pull stopped on it: a change through the link was
    let through (git asked, in the town's clone, about 花桥镇.toml)."""
    town = tmp_path / "town"
    town.mkdir()
    git(town, "init", "-q", "-b", "main")
    real = write_plan(town / "plan.toml", SMALL_ITEMS)
    stopped_merge_on(town, "plan.toml")
    county = tmp_path / "county"
    county.mkdir()
    git(county, "init", "-q", "-b", "main")
    link = county / "花桥镇.toml"
    link.symlink_to(real)
    before = real.read_bytes()
    said = plan(link, "progress", "1.3", "70", "--by", "乙", code=1).output
    assert "这次修改没有做" in said, said
    assert real.read_bytes() == before


# ---------------------------------------------------------------- B: notices


def test_an_import_with_words_for_targets_in_many_rows_lists_ten_of_them(tmp_path: Path) -> None:
    """A ledger of 200 tasks, each 目标值 十批次: the notice listed all 200 rows in one
    paragraph (some 60 lines at 80 columns) above the line that said what was imported. It
    lists ten and says how many, as the import's other notices of rows do."""
    sheet = tmp_path / "2023表.csv"
    rows = [f"{n},任务{n},十批次,8" for n in range(1, 201)]
    sheet.write_text("序号,工作任务,目标值,完成值\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for lang, listed, more in (
        ("zh", "第 11 行“十批次”（完成值 8）", " 等 200 行。"),
        ("en", "row 11 '十批次' (actual 8)", " and 190 more."),
    ):
        out = tmp_path / f"{lang}.toml"
        result = runner.invoke(app, ["--lang", lang, "import", str(sheet), "-o", str(out)])
        assert result.exit_code == 0, result.output
        said = result.stderr.replace("\n", "")
        assert listed in said and "第 12 行" not in said and "row 12 " not in said, said
        assert more in said, said
        assert len(result.stderr.splitlines()) < 15, result.stderr
        assert out.read_text(encoding="utf-8").count('target_text = "十批次"') == 200


# ---------------------------------------------------------------- A: no character left alone


def test_a_task_title_in_the_ledger_does_not_fold_one_character_and_its_bracket_alone(
    tmp_path: Path,
) -> None:
    """The ledger keeps a title from ending on a line of one character (…项 / 目), but not on
    one character and the bracket or full stop after it: 污水管网建设项目（二 / 期） at 52
    columns, which reads as badly. Such a last line takes what it needs from the line before
    (here （二: no line ends on an opening bracket), where that fits."""
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    plan(plan_file, "add", "1", "污水管网建设项目（二期）", "--by", "甲", "--on", "2023-03-01")
    result = runner.invoke(app, ["-f", str(plan_file), "report"], env={"COLUMNS": "52"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = max(n for n, line in enumerate(lines) if "污水管网" in line)  # (the ledger: last)
    assert lines[at + 1].strip() != "期）", "\n".join(lines[at - 1 : at + 3])
    assert "（二期）" in lines[at] + lines[at + 1], "\n".join(lines[at - 1 : at + 3])
    assert max(len(line) for line in lines) <= 52


def test_one_ranked_town_is_not_said_to_share_its_place_under_the_bottom(tmp_path: Path) -> None:
    """One town in the county: 二 said it alone is ranked, and 三 (and --json's bottom_note)
    then said 无（各单位并列，见第二部分）: all units tied, of a single town. It says the one
    town is the only one ranked."""
    record, md = _ranked_county(tmp_path, [(1, 2)])
    assert record["top_note"] == "只有 1 个单位参加排名（镇01），不分靠前、靠后。"
    for said in (record["bottom_note"], _section(md, "三、排名靠后的单位")):
        assert "并列" not in said and said == "无（只有 1 个单位参加排名，见第二部分）。", said
    english = runner.invoke(
        app, ["--lang", "en", "county", str(tmp_path / "各镇"), "--as-of", "2023-06-30", "--json"]
    )
    assert english.exit_code == 0, english.output
    assert '"bottom_note": "None (only one plan is ranked: see 2)."' in english.stdout


@needs_git
def test_plan_fmt_is_refused_while_git_holds_the_plan_unmerged(
    tmp_path: Path,
    git_env: None,  # noqa: F811 - the fixture
) -> None:
    """plan fmt rewrote a plan git held unmerged, as no other change may: the file then no
    longer held git's ours, so plan check said 没有发现问题 and every change went through on a
    file holding one side's version. It is refused as a change is."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    plan_file = write_plan(repo / "plan.toml", SMALL_ITEMS)
    # laid out by hand: fields out of plan's order, which fmt would rewrite
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("[plan]\n", "[plan]\n\n", 1), encoding="utf-8")
    stopped_merge_on(repo, "plan.toml")
    before = plan_file.read_bytes()
    said = plan(plan_file, "fmt", code=1).output
    assert "这次修改没有做" in said and "git merge --abort" in said.replace("\n", " "), said
    assert plan_file.read_bytes() == before
    assert "git 的合并还没有完成" in plan(plan_file, "check", code=1).output


def test_plan_county_expands_a_wildcard_no_shell_expanded(tmp_path: Path) -> None:
    """On Windows neither cmd nor PowerShell expands 乡镇*.toml: plan county got the pattern
    itself and said 无法读取 乡镇*.toml：文件不存在, though the reference says the files it
    names are read in the order a person sorts them. A name that is no file and holds * or ?
    is expanded as a shell would (a [ in it is a [), then ordered so."""
    folder = tmp_path / "各镇"
    for n in (1, 2, 10):
        town(folder, f"乡镇{n}.toml", f"第{n}镇")
    town(folder, "乡镇[3].toml", "第3镇")
    record = county_json(str(folder / "乡镇*.toml"))
    assert [Path(row["file"]).name for row in record["rows"]] == [
        "乡镇1.toml",
        "乡镇2.toml",
        "乡镇10.toml",
        "乡镇[3].toml",
    ], record["rows"]
    assert [Path(row["file"]).name for row in county_json(str(folder / "乡镇?.toml"))["rows"]] == [
        "乡镇1.toml",
        "乡镇2.toml",
    ]
    assert county_json(str(folder / "乡镇[3].toml"))["rows"][0]["file"].endswith("乡镇[3].toml")
    missing = runner.invoke(app, ["county", str(folder / "镇*.toml"), "--as-of", "2023-06-30"])
    assert missing.exit_code == 1 and "镇*.toml" in missing.output, missing.output


def _lone_lines(text: str) -> list[str]:
    """Lines of one character alone, or one and its closing punctuation (务。, 总）：)."""
    import re

    out = []
    for line in text.splitlines():
        words = re.sub(r"^[\s\-]+", "", line).strip()
        if words and len(re.sub(r"[。，；：、）”’.,;:)!?！？]+$", "", words)) == 1:
            out.append(line)
    return out


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_a_paragraph_does_not_end_on_one_character_alone(tmp_path: Path, columns: int) -> None:
    """The report's and the county view's paragraphs ended on 务。 (…已取消的任 / 务。 at 40
    columns), 灯。 (…完成率0%，红 / 灯。 at 60, seven times) and 总）： (请修正后重新汇 / 总）：):
    the lone character a name or a title is kept from ending on. A paragraph's line of one
    character (and its punctuation) takes the end of the line before, as they do."""
    plan_file = tmp_path / "plan.toml"
    plan_file.write_bytes((Path(__file__).parent.parent / "plan.toml").read_bytes())
    env = {"COLUMNS": str(columns)}
    report = runner.invoke(app, ["-f", str(plan_file), "report"], env=env)
    assert report.exit_code == 0, report.output
    assert _lone_lines(report.stdout) == [], report.stdout
    assert max(len(line) for line in report.stdout.splitlines()) <= columns
    (tmp_path / "坏镇.toml").write_text('[plan\ntitle = "x"\n', encoding="utf-8")
    county = runner.invoke(app, ["county", str(tmp_path), "--as-of", "2023-06-30"], env=env)
    assert county.exit_code in (0, 1), county.output
    assert _lone_lines(county.output) == [], county.output


def test_a_notice_folded_on_a_terminal_does_not_end_on_one_character(small_plan: Path) -> None:
    """A notice to a terminal of 58 columns ended …例如 --target 10批 / 次。: the unit cut from
    its number, 次。 alone. It ends as a paragraph does, and no line ends on a space."""
    result = runner.invoke(
        app,
        ["add", "1", "测试", "--target-text", "十批次", "--by", "甲", "--on", "2023-05-01"],
        env={"TTY_COMPATIBLE": "1", "COLUMNS": "58"},
    )
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert _lone_lines(result.stderr) == [], result.stderr
    assert "10批次。" in result.stderr, result.stderr
    assert all(line == line.rstrip() for line in lines), lines
    assert max(len(line) for line in lines) <= 58
