"""Attacks on the store and the files (session 34, B): a hostile or careless user's files,
arguments and environment. Each ends in a clear paragraph and a non-zero exit, never a
traceback, a half-written file or data lost."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app

from .conftest import REPO, SMALL_ITEMS, plan_doc, write_plan

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell's redirections")


def _shell_plan(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    """``plan`` run from a shell with ``command``'s redirections, as a user runs it."""
    full = {**os.environ, "PYTHONPATH": str(REPO), "QUANHU_PLAN_CACHE": "off", **env}
    program = f"{sys.executable} -m quanhu_plan"
    return subprocess.run(
        ["sh", "-c", command.replace("plan ", f"exec {program} ", 1)],
        env=full,
        cwd=cwd,
        capture_output=True,
        timeout=60,
    )


# ---------------------------------------------------------------- 1. stderr closed


@posix_only
def test_an_error_with_stderr_closed_is_not_printed_on_stdout(
    plan_file: Path, tmp_path: Path
) -> None:
    """``plan done 9.9 2>&- >out``: with ``sys.stderr`` None, Click wrote the error meant for
    stderr to stdout, into a file or a pipe a script reads as the answer. Nothing on stdout,
    exit 1."""
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    done = _shell_plan(f"plan -f {plan_file} done 9.9 2>&- >out.txt", tmp_path)
    assert done.returncode == 1
    assert (tmp_path / "out.txt").read_bytes() == b""
    assert plan_file.read_bytes() == before


@posix_only
def test_a_narrow_status_with_stderr_closed_still_draws_its_view(
    plan_file: Path, tmp_path: Path
) -> None:
    """``COLUMNS=5 plan status 2>&-``: the word that the terminal is too narrow, written to a
    ``sys.stderr`` that was None, ended the run in a traceback nobody saw: exit 1 and no
    view at all."""
    write_plan(plan_file, SMALL_ITEMS)
    done = _shell_plan(f"plan -f {plan_file} status 2>&-", tmp_path, COLUMNS="5")
    assert done.returncode == 0
    assert "合计" in done.stdout.decode()


@posix_only
def test_a_program_plan_runs_with_stderr_closed_writes_nothing_into_the_plans_files(
    tmp_path: Path,
) -> None:
    """With descriptor 2 closed, the first file plan opened took its number: whatever
    wrote to descriptor 2 (git run by plan, Python's own last words) wrote into that file.
    Descriptor 2 is the null device now, not the plan's lock or its temporary file."""
    probe = (
        "import os, sys; from quanhu_plan.output_streams import never_fail_to_print; "
        "never_fail_to_print(); fd = os.open('f.txt', os.O_WRONLY | os.O_CREAT); "
        "os.write(2, b'noise'); os.close(fd); sys.stderr.write('said'); sys.stderr.flush()"
    )
    full = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -c "{probe}" 2>&-'],
        env=full,
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "f.txt").read_bytes() == b""
    assert done.stdout == b""


# ---------------------------------------------------------------- 2. -f - and PLAN_FILE=-


@pytest.mark.parametrize("args", [["status"], ["done", "1.1"], ["init"]])
def test_dash_as_the_plan_file_is_refused_not_read_as_a_file_named_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """``plan -f - status``: standard input to many programs; plan read (and init wrote) a
    file named "-" in the current folder, and said only that "-" did not exist. Refused,
    saying why and what to do instead; nothing written."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["-f", "-", *args])
    assert result.exit_code == 1, result.output
    assert "计划文件不能是 -（-f -）" in result.output
    assert "git show HEAD:plan.toml > 旧版.toml" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "-").exists()


def test_dash_as_plan_file_names_the_variable(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLAN_FILE", "-")
    result = runner.invoke(app, ["--lang", "en", "list"])
    assert result.exit_code == 1, result.output
    assert "The plan file cannot be - (the value of the environment variable PLAN_FILE)" in (
        result.output
    )
    assert "set PLAN_FILE to the plan file's path" in result.output


def test_a_file_named_dash_is_still_read_as_dot_slash_dash(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path / "-", SMALL_ITEMS)
    result = runner.invoke(app, ["-f", "./-", "status"])
    assert result.exit_code == 0, result.output
    assert "测试镇" in result.output


# ---------------------------------------------------------------- 3. resolve an id


def _id_in_conflict(tmp_path: Path) -> Path:
    """A plan whose 1.1 has a conflict on its id, as a hand-edited file can hold one."""
    items = [
        dict(i, conflict=[{"field": "id", "ours": "1.1", "theirs": "1.9"}])
        if i["id"] == "1.1"
        else i
        for i in SMALL_ITEMS
    ]
    path = tmp_path / "plan.toml"
    path.write_text(dumps(plan_doc(items)), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["id", ""], "1.1 修塘 的 编号（id）不能在解决冲突时删去"),
        (["id", "--theirs"], "1.1 修塘 的 编号（id）不能在解决冲突时改为 1.9"),
        (["编号", "2.9"], "1.1 修塘 的 编号（id）不能在解决冲突时改为 2.9"),
    ],
)
def test_resolving_an_id_to_another_names_the_item_not_the_header(
    runner: CliRunner, tmp_path: Path, args: list[str], said: str
) -> None:
    """``plan resolve 1.1 id ""`` said "[plan]，字段 id：发现 （无）" (the item left without
    an id, blamed on the header), and ``--theirs`` called itself a bug of the tool (the item
    vanished from the plan). The item is named, and the way out given; nothing written."""
    path = _id_in_conflict(tmp_path)
    before = path.read_bytes()
    result = runner.invoke(app, ["-f", str(path), "resolve", "1.1", *args])
    assert result.exit_code == 1, result.output
    assert said in result.output
    assert "[plan]" not in result.output
    assert "resolve 1.1 id --ours" in result.output
    assert path.read_bytes() == before


def test_resolving_an_id_as_it_is_settles_the_conflict(runner: CliRunner, tmp_path: Path) -> None:
    path = _id_in_conflict(tmp_path)
    result = runner.invoke(app, ["-f", str(path), "resolve", "1.1", "id", "--ours"])
    assert result.exit_code == 0, result.output
    item = next(i for i in tomllib.loads(path.read_text("utf-8"))["item"] if i["id"] == "1.1")
    assert "conflict" not in item


# ---------------------------------------------------------------- 4. an ASCII C locale


@posix_only
def test_a_status_in_the_c_locale_without_utf8_mode_shows_question_marks_not_a_traceback(
    plan_file: Path, tmp_path: Path
) -> None:
    """``LC_ALL=C PYTHONUTF8=0`` (a service's, a container's settings): Python gives stdout
    ASCII with ``surrogateescape``, which the output's own handler left alone as lenient:
    the first Chinese character ended the status in a traceback. Drawn with ``?`` instead,
    said once, exit 0."""
    write_plan(plan_file, SMALL_ITEMS)
    done = _shell_plan(
        f"plan -f {plan_file} status", tmp_path, LC_ALL="C", PYTHONUTF8="0", PYTHONIOENCODING=""
    )
    err = done.stderr.decode("ascii", "replace")
    assert done.returncode == 0, err
    assert "Traceback" not in err
    assert "?" in done.stdout.decode("ascii") and "2023" in done.stdout.decode("ascii")
    assert "cannot hold" in err


# ---------------------------------------------------------------- 5. a date under another name


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("done = 2023-06-30", "done_on"),
        ("completed = 2023-06-30T10:00:00+08:00", "done_on"),
        ("end = 2023-09-30", "due"),
        ("start_on = 2023-03-01", "start"),
    ],
)
def test_a_date_written_under_a_name_of_its_own_is_pointed_out(
    runner: CliRunner, plan_file: Path, line: str, meant: str
) -> None:
    """``done = 2023-06-30`` typed by hand for ``done_on``: kept, doing nothing, and plan
    check said "no problems" without a word (done is too far from done_on for a slip of
    the keyboard). Pointed out as ``ownr`` is; the file unchanged."""
    write_plan(plan_file, SMALL_ITEMS)
    text = plan_file.read_text("utf-8").replace('title = "修塘"', f'title = "修塘"\n{line}', 1)
    plan_file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    key = line.split(" = ")[0]
    assert f"事项 1.1，字段 {key}：" in result.output
    assert f"是不是要写 {meant}？" in result.output
    assert plan_file.read_text("utf-8") == text


def test_a_date_field_kept_beside_the_real_one_is_left_alone(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    text = plan_file.read_text("utf-8")
    # (done = true on a task not done is pointed out, as a slip for status = "done":
    # test_review_s34K; done = true beside status = "done" goes without a word there)
    text = text.replace('title = "修塘"', 'title = "修塘"\nend = "年底"', 1)
    plan_file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "字段 end" not in result.output


# ---------------------------------------------------------------- 6. an item whose id is top


@pytest.mark.parametrize("word", ["top", "顶层"])
def test_an_item_numbered_as_the_top_level_is_named_by_its_id(
    runner: CliRunner, plan_file: Path, word: str
) -> None:
    """A hand-written plan with an item numbered ``top``: ``plan add top …`` added a part
    beside it and ``plan move 1.1 top`` moved to the top level, never under it, without a
    word (``0`` was already taken as the item where one had it). The item is the one named."""
    items = [*SMALL_ITEMS, {"id": word, "title": "其他工作"}]
    write_plan(plan_file, items)
    added = runner.invoke(app, ["add", word, "新任务", "--on", "2023-03-01"])
    assert added.exit_code == 0, added.output
    assert f"上级 {word} 其他工作" in added.output
    moved = runner.invoke(app, ["move", "2.3", word, "--on", "2023-03-01"])
    assert moved.exit_code == 0, moved.output
    tables = tomllib.loads(plan_file.read_text("utf-8"))["item"]
    new = next(t for t in tables if t["title"] == "新任务")
    assert new["id"] == f"{word}.1"
    assert next(t for t in tables if t["id"] == "2.3").get("parent") == word


def test_top_still_names_the_top_level_where_no_item_has_it(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    added = runner.invoke(app, ["add", "top", "新部分", "--on", "2023-03-01"])
    assert added.exit_code == 0, added.output
    assert "上级 顶层" in added.output


# ---------------------------------------------------------------- 7. git-setup's own files


def _git_config(folder: Path) -> str:
    done = subprocess.run(
        ["git", "config", "--local", "--list"], cwd=folder, capture_output=True, text=True
    )
    return done.stdout


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda path: path.mkdir(), "一个文件夹"),
        (lambda path: path.symlink_to("/nonexistent/x"), "一个符号链接"),
        (lambda path: os.mkfifo(path), "一个命名管道（FIFO）"),
    ],
    ids=["folder", "dangling-link", "fifo"],
)
@pytest.mark.parametrize("name", [".gitattributes", ".gitignore"])
def test_git_setup_refuses_a_gitattributes_or_gitignore_that_is_no_file_before_setting_any(
    runner: CliRunner, plan_file: Path, tmp_path: Path, make: object, kind: str, name: str
) -> None:
    """``.gitignore`` a link to nothing was "a path with a part that is no folder", after
    .gitattributes had been written (the setup half made); a folder or a FIFO was "not a
    plan file: point --file at the plan". Named as git's file, nothing set up, exit 1."""
    if not hasattr(os, "mkfifo") and "FIFO" in kind:
        pytest.skip("no FIFOs")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    write_plan(plan_file, SMALL_ITEMS)
    make(tmp_path / name)  # type: ignore[operator]
    result = runner.invoke(app, ["git-setup"])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path / name} 是{kind}，不是 git 读的 {name} 文件" in result.output
    assert "计划文件" not in result.output
    other = ".gitignore" if name == ".gitattributes" else ".gitattributes"
    assert not os.path.lexists(tmp_path / other)
    assert "quanhu-plan" not in _git_config(tmp_path)


# ---------------------------------------------------------------- 8. county.toml no file


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda path: path.mkdir(), "一个文件夹"),
        (lambda path: path.symlink_to("nowhere.toml"), "一个指向不存在文件的符号链接"),
    ],
    ids=["folder", "dangling-link"],
)
def test_a_county_toml_that_is_no_file_stops_the_county_view(
    runner: CliRunner, tmp_path: Path, make: object, kind: str
) -> None:
    """county.toml at the top of the towns' folder a folder or a link to nothing: passed
    over, the towns ranked by the default rule instead of the county's, and it was listed as
    "not used (only the county.toml at the top of the first folder is read)", which it was.
    Refused, naming it; nothing written."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write_plan(towns / "甲镇.toml", SMALL_ITEMS)
    make(towns / "county.toml")  # type: ignore[operator]
    out = tmp_path / "通报.md"
    result = runner.invoke(app, ["county", str(towns), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{towns / 'county.toml'} 是{kind}，不是县级设置文件" in result.output
    assert not out.exists()


# ---------------------------------------------------------------- 9. a lock that is a folder


def test_a_lock_that_is_a_folder_is_removed_with_rm_r_and_a_spaced_path_quoted(
    runner: CliRunner, tmp_path: Path
) -> None:
    """``plan.toml.lock`` a folder: the advice was ``rm …/plan.toml.lock``, which refuses a
    folder, and a path with a space in it was unquoted, two words to the shell."""
    folder = tmp_path / "泉湖 镇"
    folder.mkdir()
    plan = write_plan(folder / "plan.toml", SMALL_ITEMS)
    before = plan.read_bytes()
    (folder / "plan.toml.lock").mkdir()
    result = runner.invoke(app, ["-f", str(plan), "done", "1.1", "--on", "2023-05-01"])
    assert result.exit_code == 1, result.output
    assert f'（rm -r "{folder / "plan.toml.lock"}"）' in result.output
    assert plan.read_bytes() == before


# ---------------------------------------------------------------- 10. a line break in a path


@pytest.mark.parametrize("end", ["\n", "\r", "\r\n"])
def test_a_plan_file_setting_ending_in_a_line_break_says_a_line_break_not_a_space(
    runner: CliRunner,
    plan_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    end: str,
) -> None:
    """``PLAN_FILE=$(cat 路径.txt)`` with a Windows line end, a path copied from an Excel
    cell: "路径末尾多了空格", a space nobody finds at the end of the line they typed."""
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("PLAN_FILE", f"{plan_file}{end}")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1, result.output
    assert "路径末尾多了换行符" in result.output
    assert "多了空格" not in result.output
    assert f"要用的多半是 {plan_file}" in result.output


# ---------------------------------------------------------------- 11. the cache beside the plan


def test_a_cache_folder_set_to_the_plans_own_folder_leaves_nothing_beside_the_plan(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``QUANHU_PLAN_CACHE`` set to the plan's folder (the shared folder, "cache it here"):
    every status and change left ``…-plan.toml.pickle`` and ``….text``, a copy of the plan,
    beside it, for ``git add .`` to commit. Not cached there; the answers as ever."""
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(plan_file.parent))
    first = runner.invoke(app, ["status"])
    again = runner.invoke(app, ["status"])
    done = runner.invoke(app, ["done", "1.1", "--on", "2023-05-01"])
    assert first.exit_code == again.exit_code == done.exit_code == 0, done.output
    assert first.output == again.output
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan.toml"]


# ---------------------------------------------------------------- 12. --map takes the title


@pytest.mark.parametrize("field", ["id", "owner"])
def test_a_map_that_takes_the_title_column_for_another_field_says_so(
    runner: CliRunner, tmp_path: Path, field: str
) -> None:
    """``plan import 表.csv --map 工作任务=id``: "no header row found", listing 工作任务 among
    the headers recognised, and advising --map, the very option that did it. Said as
    ``--map 工作任务=skip`` already was: the title column taken away; nothing written."""
    table = tmp_path / "表.csv"
    table.write_text("序号,工作任务,责任单位,完成时限\n1,修路,交通站,2023-06-30\n", "utf-8")
    out = tmp_path / "new.toml"
    result = runner.invoke(
        app, ["import", str(table), "--map", f"工作任务={field}", "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "--map 工作任务=… 把任务名称列当作了别的字段" in result.output
    assert not out.exists()
