"""Attacks on every command (session 33, G): plan files that are valid TOML but odd, files that
are not plans, and hostile arguments. The rule: one clear paragraph, a non-zero exit, never a
traceback, never a half-written file, unknown fields kept on rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan

runner = CliRunner()

# A file name longer than a file system holds (255 bytes on Linux, 255 UTF-16 units on Windows):
# a pasted title, a path typed twice. Python 3.11's Path.exists/is_dir raise ENAMETOOLONG.
TOO_LONG = "乡镇" * 60  # 360 bytes


def _said_once(result, name: str) -> str:  # type: ignore[no-untyped-def]
    said = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), said
    assert "Traceback" not in said and "OSError" not in said, said
    assert result.exit_code != 0, said
    return said


@pytest.mark.parametrize(
    "args",
    [
        ["county", f"{TOO_LONG}.toml"],
        ["county", f"{TOO_LONG}/甲镇.toml"],
        ["county", ".", f"{TOO_LONG}.toml"],
        ["import", f"{TOO_LONG}.xlsx"],
        ["import", f"{TOO_LONG}/任务分解表.xlsx"],
        ["import", "任务分解表.xlsx", "--out", f"{TOO_LONG}/"],
    ],
    ids=[
        "county-file",
        "county-folder",
        "county-beside-a-folder",
        "import",
        "import-folder",
        "out",
    ],
)
def test_a_file_name_too_long_for_the_disk_is_named_not_a_traceback(
    plan_file: Path, args: list[str]
) -> None:
    """county and import stat the paths typed (is it a folder? is it there?) before reading
    them, and a name too long made that stat raise: a traceback ending in OSError."""
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    result = runner.invoke(app, args)
    said = _said_once(result, TOO_LONG)
    assert "文件名或路径太长" in said, said
    assert plan_file.read_bytes() == before
    assert {p.name for p in plan_file.parent.iterdir()} - {"cache"} == {"plan.toml"}


_HEADER_ENTRY = """
[[plan.log]]
at = 2023-02-01T10:00:00+08:00
on = 2023-02-01
by = "王五"
action = "edit"
before = {{ {field} = {old} }}
after = {{ {field} = {new} }}
"""


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("year", '"二〇二三"', "2023"),
        ("year", "1800", "2023"),
        ("lang", '"cn"', '"zh"'),
        ("lang", "5", '"zh"'),
        ("organisation", "[1]", '"泉湖镇人民政府"'),
        ("start", '"2023-05"', "2023-01-01"),
        ("end", "2023-12-31", '"2023-Q4"'),
        ("title", '""', '"测试镇2023年工作计划"'),
    ],
)
def test_a_header_change_in_the_trace_holding_what_the_header_cannot_is_named_by_check(
    plan_file: Path, field: str, old: str, new: str
) -> None:
    """A [[plan.log]] entry's before/after was checked by the rules of an item's fields: a
    year, a language or an organisation the header cannot hold passed (the item has no such
    field), and a month as the plan's start passed (an item's start may be one). plan check
    said 没有发现问题 while plan undo --anyone refused the entry. Now check names the entry."""
    write_plan(plan_file, SMALL_ITEMS)
    text = plan_file.read_text(encoding="utf-8")
    entry = _HEADER_ENTRY.format(field=field, old=old, new=new)
    plan_file.write_text(text.replace('lang = "zh"\n', 'lang = "zh"\n' + entry, 1), "utf-8")
    result = runner.invoke(app, ["check"])
    said = _said_once(result, field)
    assert "[plan]，第 1 条进展记录（log）" in said, said
    side = "before" if "2023-01-01" not in old and old != "2023-12-31" else "after"
    (line,) = [line for line in said.splitlines() if f"字段 {side}.{field}" in line]
    assert "事项" not in line, said  # the header's rule, not an item's


@pytest.mark.parametrize(
    "args",
    [
        ["done", "1.3", "--on", "2023-03-01"],
        ["add", "1", "修水渠"],
        ["undo"],
        ["fmt", "--force"],
        ["header", "--year", "2024"],
        ["git-setup"],
    ],
    ids=lambda args: args[0],
)
def test_a_plan_that_is_a_loop_of_links_is_named_by_a_change_not_a_traceback(
    tmp_path: Path, args: list[str]
) -> None:
    """-f 甲.toml where 甲.toml and 乙.toml are links to each other (a link re-made by hand
    the wrong way round): status said 符号链接层数太多, but every change, before reading,
    asks git whether the plan is mid-merge through Path.resolve(), which raises RuntimeError
    on a loop of links in Python 3.11: a traceback."""
    (tmp_path / "甲.toml").symlink_to("乙.toml")
    (tmp_path / "乙.toml").symlink_to("甲.toml")
    result = runner.invoke(app, ["-f", "甲.toml", *args])
    said = _said_once(result, "甲.toml")
    # (git-setup reads no plan: it names the folder that is no git repository)
    assert ("符号链接层数太多" if args[0] != "git-setup" else "不在 git 仓库中") in said, said
    assert "RuntimeError" not in said
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["乙.toml", "甲.toml"]


def test_git_setup_in_a_repository_on_a_plan_that_is_a_loop_of_links_says_what_it_set(
    tmp_path: Path,
) -> None:
    """In a git repository, git-setup asks git which merge the plan in use gets, through
    Path.resolve() of the plan: a loop of links raised RuntimeError after the setup was
    written. The setup is of the repository (*.toml), and is said as done."""
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "甲.toml").symlink_to("乙.toml")
    (tmp_path / "乙.toml").symlink_to("甲.toml")
    result = runner.invoke(app, ["-f", "甲.toml", "git-setup"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "RuntimeError" not in result.output
    assert "*.toml merge=quanhu-plan" in (tmp_path / ".gitattributes").read_text("utf-8")


@pytest.mark.parametrize(
    "args",
    [["init", "-"], ["new", "2024", "--out", "-"], ["import", "任务分解表.xlsx", "--out", "-"]],
    ids=["init", "new", "import"],
)
def test_a_new_plan_is_not_written_to_a_file_named_dash(plan_file: Path, args: list[str]) -> None:
    """``--out -`` is the terminal for report, export and county (outfile: "a file named - is
    a trap"), but init, new and import made a plan file named ``-``, and said to use it with
    ``plan -f - status``. They refuse it, as a usage error, and write nothing."""
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    result = runner.invoke(app, args)
    said = _said_once(result, "-")
    assert result.exit_code == 2, said
    assert "标准输出" in said and "文件名" in said, said
    assert not (plan_file.parent / "-").exists()
    assert plan_file.read_bytes() == before


def test_a_new_plan_named_dash_in_a_folder_is_still_written(plan_file: Path) -> None:
    """Only ``-`` itself means the terminal: ./- is a file's name, typed on purpose."""
    write_plan(plan_file, SMALL_ITEMS)
    result = runner.invoke(app, ["new", "2024", "--out", "./-"])
    assert result.exit_code == 0, result.output
    assert "测试镇2024年工作计划" in (plan_file.parent / "-").read_text("utf-8")


def test_merge_where_our_plan_has_no_items_yet_takes_their_items(tmp_path: Path) -> None:
    """A plan begun as its [plan] table alone (items to come): one side renames it, the other
    adds its items. The driver's merged plan was written through the line-by-line patcher,
    which looked up our file's items as doc["item"]: a KeyError traceback, and git left the
    file as a conflict. Now the merge is written, with our title and their items."""
    from quanhu_plan.canonical import dumps

    from .conftest import plan_doc

    header_only = dumps(plan_doc(SMALL_ITEMS)).split("[[item]]")[0]
    assert "[[item]]" not in header_only and "item = []" not in header_only
    (tmp_path / "base").write_text(header_only, "utf-8")
    ours = header_only.replace("测试镇2023年工作计划", "测试镇2023年度工作计划")
    (tmp_path / "ours").write_text(ours, "utf-8")
    (tmp_path / "theirs").write_text(dumps(plan_doc(SMALL_ITEMS)), "utf-8")
    result = runner.invoke(
        app, ["merge", str(tmp_path / "base"), str(tmp_path / "ours"), str(tmp_path / "theirs")]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    merged = (tmp_path / "ours").read_text("utf-8")
    assert 'title = "测试镇2023年度工作计划"' in merged
    assert merged.count("[[item]]") == len(SMALL_ITEMS)


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "md", "--out", "甲.md"],
        ["export", "--out", "甲.md", "--format", "csv"],
        ["new", "2024", "--out", "甲.md"],
        ["merge", "甲.md", "plan.toml", "plan.toml"],
    ],
    ids=["report", "export", "new", "merge"],
)
def test_a_loop_of_links_where_a_file_goes_is_called_a_loop_not_a_link_to_nothing(
    plan_file: Path, args: list[str]
) -> None:
    """甲.md -> 乙.md -> 甲.md: each stat fails with ELOOP, and the file was called 一个指向不存在
    文件的符号链接 (a link to a file that does not exist): both files are there."""
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    (plan_file.parent / "甲.md").symlink_to("乙.md")
    (plan_file.parent / "乙.md").symlink_to("甲.md")
    result = runner.invoke(app, args)
    said = _said_once(result, "甲.md")
    assert "不存在" not in said, said
    assert "互相指向" in said, said
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "plan.toml/甲.toml", "done", "1.3"],
        ["-f", "plan.toml/甲.toml", "status"],
        ["init", "plan.toml/甲.toml"],
        ["new", "2024", "--out", "plan.toml/甲.toml"],
    ],
    ids=["change", "read", "init", "new"],
)
def test_a_path_through_a_file_is_said_to_be_one_not_a_missing_file_or_folder(
    plan_file: Path, args: list[str]
) -> None:
    """plan.toml/甲.toml: a part of the path is a file, not a folder (ENOTDIR). status said
    so (路径中有一段不是文件夹), but a change said 文件不存在 and advised plan -f plan.toml/甲.toml
    init, which then said 所在的文件夹不存在: the folder there is a file."""
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    result = runner.invoke(app, args)
    said = _said_once(result, "plan.toml")
    assert "路径中有一段不是文件夹" in said, said
    assert "不存在" not in said and " init" not in said, said
    assert plan_file.read_bytes() == before
