"""Session 32, C: git commands kept whole in folded advice, plan county's order and unknown
keys, a missing plan's hint, a command's closing mark, SHA-256 repositories, odd arguments."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO_PLAN

runner = CliRunner()

_GIT_ADVICE = ("git merge --abort", "git rebase --abort", "git pull --rebase")


def _unmergeable_ours(tmp_path):  # type: ignore[no-untyped-def]
    for name in ("base.toml", "theirs.toml"):
        (tmp_path / name).write_bytes(REPO_PLAN.read_bytes())
    (tmp_path / "ours.toml").write_bytes(REPO_PLAN.read_bytes() + b"\n[[oops\n")
    return ["merge", "base.toml", "ours.toml", "theirs.toml", "plan.toml"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 60, 80])
def test_git_commands_in_advice_are_kept_whole_when_it_folds(tmp_path, monkeypatch, width, lang):
    monkeypatch.delenv("GIT_EXEC_PATH", raising=False)
    args = _unmergeable_ours(tmp_path)
    result = runner.invoke(
        app, ["--lang", lang, *args], env={"COLUMNS": str(width), "TTY_COMPATIBLE": "1"}
    )
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) > 4, lines  # (folded)
    for command in _GIT_ADVICE:
        assert any(command in line for line in lines), (width, lang, command, lines)
    for line in lines:  # no line ends on a git command's first word alone
        assert not re.search(r"(^|[\s（(])git$", line), (width, lang, lines)
        assert not line.endswith(("（", "(")), (width, lang, lines)  # (避头尾)


def _town(folder, name: str) -> None:  # type: ignore[no-untyped-def]
    text = REPO_PLAN.read_text(encoding="utf-8").replace("泉湖镇", f"{name}镇")
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")


def test_county_lists_a_folders_files_as_a_file_manager_sorts_them(tmp_path):
    folder = tmp_path / "towns"
    folder.mkdir()
    for name in ("town2", "Town10", "town1", "Ab", "ab"):
        _town(folder, name)
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "--json"])
    assert result.exit_code == 0, result.output
    import json

    rows = json.loads(result.stdout)["rows"]
    files = [row["file"].rsplit("/", 1)[-1] for row in rows]
    # case aside (Ab and ab keep one order: the name itself decides), digits by their value
    assert files == ["Ab.toml", "ab.toml", "town1.toml", "town2.toml", "Town10.toml"], files


@pytest.mark.parametrize("command", [["add", "1", "修路"], ["done", "1.1.1"], ["note", "1", "x"]])
def test_a_change_to_a_missing_plan_says_how_to_start_one(tmp_path, command):
    result = runner.invoke(app, ["-f", "nope.toml", *command])
    assert result.exit_code == 1, result.output
    said = result.stderr
    assert "Traceback" not in said and said.count("\n") == 1, said  # one paragraph
    assert "无法读取 nope.toml" in said
    assert str(tmp_path / "nope.toml") in said  # the path looked at
    assert "plan -f nope.toml init" in said and "plan -f nope.toml import " in said, said
    assert "new 2024 --from " in said, said
    assert "PLAN_FILE" in said and "上级文件夹" in said, said  # how the file is found
    assert not (tmp_path / "nope.toml").exists()


def test_a_missing_plan_named_by_plan_file_says_how_to_start_one_in_english(tmp_path):
    result = runner.invoke(app, ["--lang", "en", "add", "1", "Roads"])
    assert result.exit_code == 1, result.output
    said = result.stderr
    assert "environment variable PLAN_FILE" in said, said
    plan = str(tmp_path / "plan.toml")
    assert f"plan -f {plan} init" in said and f"plan -f {plan} import " in said, said
    assert "new 2024 --from " in said and "plan.toml in this folder" in said, said
    assert not (tmp_path / "plan.toml").exists()


def _towns_with_keys(tmp_path, count: int):  # type: ignore[no-untyped-def]
    """``count`` towns' plans; the first holds county keys 县-12 and NOPE-1 (on two tasks)."""
    folder = tmp_path / "towns"
    folder.mkdir()
    text = REPO_PLAN.read_text(encoding="utf-8")
    for n in range(1, count + 1):
        own = text.replace("泉湖镇", f"第{n}镇")
        if n == 1:
            own = own.replace('id = "1.1.1"\n', 'id = "1.1.1"\nkey = "县-12"\n', 1)
            own = own.replace('id = "1.1.2"\n', 'id = "1.1.2"\nkey = "NOPE-1"\n', 1)
        (folder / f"town{n}.toml").write_text(own, encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_county_key_not_found_among_many_towns_is_one_short_paragraph(tmp_path, lang):
    folder = _towns_with_keys(tmp_path, 27)
    result = runner.invoke(
        app,
        ["--lang", lang, "county", str(folder), "--key", "NOPE", "--as-of", "2023-06-30"],
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    said = result.stdout.strip()
    lines = said.splitlines()
    assert len(lines) <= 5, said  # (it named all 27 towns: 9 lines)
    assert "第27镇" not in said and "27" in said, said  # counted, not all named
    flat = "".join(line.strip() for line in lines)
    # the keys the plans have, the close one first
    assert flat.index("NOPE-1") < flat.index("县-12"), said
    if lang == "zh":
        assert re.search("等 ?27 个单位", flat) and "NOPE-1、县-12。" in flat, said
    else:
        assert "and 24 more" in flat and "NOPE-1, 县-12." in flat, said
    assert "plan county" in flat, said  # the command that lists every town


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 60])
def test_a_command_wider_than_the_terminal_keeps_its_marks(tmp_path, lang, width):
    """A command to copy wider than the line has a line of its own, its closing 。 (and the
    bracket before it) on that line, not on one alone."""
    folder = tmp_path / ("很长的文件夹名字" * 4) / "towns-of-the-county-folder"
    folder.mkdir(parents=True)
    for town in ("甲镇", "乙镇"):  # (the same plan twice: the copies advice names a command)
        (folder / f"{town}.toml").write_bytes(REPO_PLAN.read_bytes())
    result = runner.invoke(
        app,
        ["--lang", lang, "county", str(folder), "--as-of", "2023-06-30", "--status", "todo"],
        env={"COLUMNS": str(width)},
    )
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    command = next(line for line in lines if line.startswith(("plan -f", "(plan -f")))
    assert command.endswith("。" if lang == "zh" else ")."), lines
    if lang == "en":
        assert command.startswith("(plan -f"), lines
    assert not any(line in ("。", "(", "（", ").", "）。") for line in lines), lines


def test_a_sentence_after_a_long_command_is_not_taken_into_it():
    from quanhu_plan.terminal.folding import wrap_unbroken

    text = "Run plan -f /a/very/long/folder/name/and/more/of/it/town.toml check. Then sum up."
    assert wrap_unbroken(text, 40) == [
        "Run",
        "plan -f /a/very/long/folder/name/and/more/of/it/town.toml check.",
        "Then sum up.",
    ]
    text = "请先运行 plan -f /很长的/文件夹/名字/很长的/文件夹/甲镇.toml check。然后再汇总。"
    assert wrap_unbroken(text, 40)[1:] == [
        "plan -f /很长的/文件夹/名字/很长的/文件夹/甲镇.toml check。",
        "然后再汇总。",
    ]


def _git(folder, *args: str) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=甲", "-c", "user.email=a@b", *args],
        cwd=folder,
        check=False,
        capture_output=True,
    )


def _stash_popped_on_the_plan(folder, object_format: str):  # type: ignore[no-untyped-def]
    """A repository (``object_format``) whose plan a git stash pop stopped on, the file left
    as git's ours (as after the driver refused a version): nothing in git's folder says so,
    only its index."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("no git")
    folder.mkdir()
    made = subprocess.run(
        ["git", "init", "-q", f"--object-format={object_format}", "."],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"this git makes no {object_format} repository")
    plan = folder / "plan.toml"
    plan.write_bytes(REPO_PLAN.read_bytes())
    (folder / "a.txt").write_text("a\n", encoding="utf-8")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "base")
    text = REPO_PLAN.read_text(encoding="utf-8")
    for title, then in (("B", ["commit", "-qam", "B"]), ("S", ["stash", "-q"])):
        plan.write_text(text.replace("打牢一个基础", f"打牢一个基础{title}"), encoding="utf-8")
        _git(folder, *then)
    plan.write_text(text.replace("打牢一个基础", "打牢一个基础C"), encoding="utf-8")
    _git(folder, "commit", "-qam", "C")
    _git(folder, "stash", "pop", "-q")
    _git(folder, "checkout", "--ours", "plan.toml")
    index = folder / ".git" / "index"
    os_time = plan.stat().st_mtime_ns + 1_000_000
    import os

    os.utime(index, ns=(os_time, os_time))  # (git wrote its index after the plan)
    return plan


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_a_change_is_refused_on_a_plan_git_holds_unmerged_in_either_hash(tmp_path, object_format):
    from quanhu_plan.cli.git_unmerged import hash_size, unmerged_in_index

    plan = _stash_popped_on_the_plan(tmp_path / "repo", object_format)
    git_folder = tmp_path / "repo" / ".git"
    size = hash_size(git_folder)
    assert size == (32 if object_format == "sha256" else 20)
    assert unmerged_in_index((git_folder / "index").read_bytes(), size) is True
    before = plan.read_bytes()
    result = runner.invoke(app, ["-f", str(plan), "note", "1.1.1", "记", "--by", "甲"])
    assert result.exit_code == 1, result.output
    assert "git checkout --ours" in result.stderr and "Traceback" not in result.output
    assert plan.read_bytes() == before
    _git(tmp_path / "repo", "add", "plan.toml")  # settled: the index holds no stage now
    assert unmerged_in_index((git_folder / "index").read_bytes(), size) is False
    result = runner.invoke(app, ["-f", str(plan), "note", "1.1.1", "记", "--by", "甲"])
    assert result.exit_code == 0, result.output


_ODD_IDS = ["", "1..2", "-1", "1.1.1.1.1.1", "1.", ".1", "00.1", "１.１"]
_ODD_DATES = ["2023-02-30", "2023-13-01", "0000-01-01", "9999-12-31", ""]
_LONG = "修" * 10_000


def _odd_arguments() -> list[list[str]]:
    cases: list[list[str]] = []
    for odd in _ODD_IDS:
        cases += [["done", odd], ["note", odd, "x"], ["add", odd, "x"], ["move", "1.1.1", odd]]
        cases += [["progress", odd, "50"], ["rm", odd, "--yes"], ["edit", odd, "--owner", "x"]]
    for text in ["", " ", _LONG]:
        cases += [["add", "1.1", text], ["note", "1.1.1", text], ["edit", "1.1.1", "--title", text]]
        cases += [["block", "1.1.1", "--reason", text], ["done", "1.1.1", "--by", text]]
    for day in _ODD_DATES:
        cases += [["done", "1.1.1", "--on", day], ["note", "1.1.1", "x", "--on", day]]
        cases += [["edit", "1.1.1", "--due", day], ["progress", "1.1.1", "30", "--on", day]]
        cases += [["status", "--as-of", day], ["list", "--due-before", day]]
    cases += [["header", "--year", "0"], ["record", "5.5.1", "1e309"], ["progress", "1.1.1", "nan"]]
    return cases


def test_odd_arguments_are_refused_in_one_paragraph_leaving_the_file_as_it_was(tmp_path):
    plan = tmp_path / "plan.toml"
    refused = 0
    for args in _odd_arguments():
        plan.write_bytes(REPO_PLAN.read_bytes())
        result = runner.invoke(app, ["-f", str(plan), *args], input="n\n")
        shown = [part[:30] for part in args]
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert "Traceback" not in result.output, shown
        assert result.exit_code in (0, 1, 2), (shown, result.exit_code)
        if result.exit_code:
            refused += 1
            said = result.stderr.strip()
            assert said.startswith("错误：") and "\n" not in said, (shown, said[:300])
            assert len(said) < 400, (shown, said[:300])  # (a 10,000-character title not echoed)
            assert plan.read_bytes() == REPO_PLAN.read_bytes(), shown
    assert refused > 60


def test_a_number_range_is_set_apart_in_chinese(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_bytes(REPO_PLAN.read_bytes())
    result = runner.invoke(app, ["-f", str(plan), "header", "--year", "0"])
    assert result.exit_code == 2
    assert "要写 1900 到 2999 之间的整数" in result.stderr, result.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "args",
    [["done", _LONG], ["show", _LONG], ["list", "--status", _LONG], ["--lang", _LONG, "status"]],
)
def test_a_pasted_10000_character_word_is_quoted_by_its_start(tmp_path, lang, args):
    plan = tmp_path / "plan.toml"
    plan.write_bytes(REPO_PLAN.read_bytes())
    result = runner.invoke(app, ["-f", str(plan), *args], env={"PLAN_LANG": lang})
    assert result.exit_code in (1, 2), result.output
    said = result.stderr.strip()
    assert "\n" not in said and len(said) < 400, said[:500]
    assert ("（共 10,000 字）" if lang == "zh" else "10,000") in said, said
    assert plan.read_bytes() == REPO_PLAN.read_bytes()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_change_with_no_plan_found_says_how_to_start_one_and_where_plan_looked(
    tmp_path, monkeypatch, lang
):
    monkeypatch.delenv("PLAN_FILE")
    folder = tmp_path / "空"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["--lang", lang, "add", "1", "修路"])
    assert result.exit_code == 1, result.output
    said = result.stderr
    assert said.count("\n") == 1, said
    assert "plan init" in said and "plan import " in said and "plan new " in said, said
    assert "PLAN_FILE" in said and str(folder) in said, said  # where plan looked
    assert list(folder.iterdir()) == []


def test_a_county_key_is_not_broken_after_its_chinese(tmp_path):
    """县-12 read 县 / -12 where a line ended after 县 (a minus twelve on the next)."""
    from quanhu_plan.terminal.paragraphs import wrap_lines

    text = "计划中有的县级任务编号：县-12、县-21、县-31、县-41"
    for width in range(14, 40):
        lines = [text[a:b] for a, b in wrap_lines(text, width)]
        assert not any(line.startswith("-") for line in lines), (width, lines)
