"""Session 38's adversarial review of issue 9 from a user's side (cache place, log, pager,
byte-for-byte changes): each defect found, as a failing test first."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


@pytest.mark.parametrize("spelled", ["{plans}", "{plans}/", "{plans}/sub/.."])
def test_xdg_cache_home_set_to_the_plans_folder_leaves_nothing_beside_the_plan(
    runner: CliRunner,
    plan_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spelled: str,
) -> None:
    """XDG_CACHE_HOME set to the folder the plan is in (a container's working folder, a
    script's export XDG_CACHE_HOME=$PWD): the cache went to <plan's folder>/quanhu-plan/, an
    untracked folder in git status for git add . to commit. As with QUANHU_PLAN_CACHE naming
    that folder: no cache, every result the same."""
    (tmp_path / "sub").mkdir()
    monkeypatch.delenv("QUANHU_PLAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", spelled.format(plans=tmp_path))
    write_plan(plan_file, SMALL_ITEMS)
    for command in (["status"], ["done", "1.3", "--on", "2023-03-20"], ["list"], ["undo"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.toml", "sub"]
    assert list((tmp_path / "sub").iterdir()) == []


def test_xdg_cache_home_elsewhere_still_holds_the_cache(
    runner: CliRunner, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard above takes only the plan's own folder: a cache home beside it is used."""
    monkeypatch.delenv("QUANHU_PLAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    write_plan(plan_file, SMALL_ITEMS)
    assert runner.invoke(app, ["status"]).exit_code == 0
    assert list((tmp_path / "xdg" / "quanhu-plan").iterdir())


def _on_a_terminal(**env: str) -> dict[str, str]:
    return {"COLUMNS": "80", "TTY_COMPATIBLE": "1", "PLAN_LANG": "zh", **env}


def _noted(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    noted = runner.invoke(app, ["note", "1.3", "[x] 进展", "--on", "2023-05-01"])
    assert noted.exit_code == 0, noted.output


@pytest.mark.parametrize("args", [["log", "--pager"], ["show", "1.3", "--pager"]])
def test_pager_is_the_one_pager_names_not_manpager(
    runner: CliRunner, plan_file: Path, tmp_path: Path, args: list[str]
) -> None:
    """MANPAGER (set for man pages: MANPAGER="sh -c 'col -bx | bat -l man'", nvim +Man!)
    came before PAGER, as pydoc takes them: plan log --pager went to the man page viewer and
    $PAGER, which the help and docs name, was passed over. git reads PAGER, not MANPAGER."""
    _noted(runner, plan_file)
    paged, manned = tmp_path / "paged.txt", tmp_path / "man.txt"
    env = _on_a_terminal(PAGER=f"cat > {paged}", MANPAGER=f"cat > {manned}")
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "[x] 进展" in paged.read_text(encoding="utf-8")
    assert not manned.exists()


def test_a_missing_manpager_is_not_the_pager_looked_for(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """MANPAGER naming a program not there said 找不到分页器 and showed the log unpaged,
    though PAGER named one that is."""
    _noted(runner, plan_file)
    paged = tmp_path / "paged.txt"
    env = _on_a_terminal(PAGER=f"cat > {paged}", MANPAGER="no-such-man-pager")
    result = runner.invoke(app, ["log", "--pager"], env=env)
    assert result.exit_code == 0, result.output
    assert "找不到分页器" not in result.stderr
    assert "[x] 进展" in paged.read_text(encoding="utf-8")


def test_without_pager_the_manpager_is_not_run(
    runner: CliRunner, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No PAGER: the default pager (less, more, or plainly printed where there is no terminal
    to page on), never MANPAGER."""
    _noted(runner, plan_file)
    monkeypatch.delenv("PAGER", raising=False)
    manned = tmp_path / "man.txt"
    result = runner.invoke(app, ["log", "--pager"], env=_on_a_terminal(MANPAGER=f"cat > {manned}"))
    assert result.exit_code == 0, result.output
    assert not manned.exists()
    assert "[x] 进展" in result.output


def test_log_json_cut_to_the_newest_fifty_says_so_on_stderr(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan log --json > trace.json (a script keeping the trace) got the newest 50 entries of
    55 and not a word, where the table says 共 55 条，只显示了最新的 50 条 on stderr. The same
    note now, on stderr: standard output stays the JSON alone. An --limit given is asked for:
    nothing said (test_log_newest)."""
    import json

    write_plan(plan_file, SMALL_ITEMS)
    for n in range(55):
        noted = runner.invoke(app, ["note", "1.1", f"第{n}条", "--on", "2023-05-01"])
        assert noted.exit_code == 0, noted.output
    result = runner.invoke(app, ["log", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 50
    assert "共 55 条，只显示了最新的 50 条" in result.stderr
    for asked, count in ((["--all"], 55), (["--limit", "55"], 55), (["--limit", "3"], 3)):
        result = runner.invoke(app, ["log", "--json", *asked])
        assert result.exit_code == 0, result.output
        assert len(json.loads(result.stdout)) == count
        assert result.stderr == ""


_TWO_TASKS = (
    '[plan]\ntitle = "t"\nyear = 2023\nstart = 2023-01-01\nend = 2023-12-31\n\n'
    '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "一一"\n'
)


@pytest.mark.parametrize(
    ("written", "edited"),
    [
        ('detail = """a\\tb\nc"""\n', "换"),  # an escape in a multi-line basic string
        ('detail = """一\\\n   二"""\n', "换"),  # a line-ending backslash (joined lines)
        ("detail = '''\nx\ny\n'''\n", "换'''"),  # ''' the new value cannot stand in
    ],
)
@pytest.mark.parametrize("crlf", [False, True])
def test_undo_gives_a_multi_line_string_back_as_it_was_written(
    runner: CliRunner, plan_file: Path, written: str, edited: str, crlf: bool
) -> None:
    """Issue 9: after undo every field's line is back as it was written. A multi-line string
    with an escape (\\t) came back with the character itself, one with a line-ending
    backslash joined, one in ''' quotes that the edited value could not stand in in \"\"\"
    quotes: the edit's log entry now keeps its spelling (``before``, over lines), as it keeps
    a one-line value's, and undo writes it back."""
    text = _TWO_TASKS + written
    original = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    plan_file.write_bytes(original)
    edit = runner.invoke(app, ["edit", "1.1", "--detail", edited, "--on", "2023-03-01"])
    assert edit.exit_code == 0, edit.output
    undo = runner.invoke(app, ["undo"])
    assert undo.exit_code == 0, undo.output
    after = plan_file.read_bytes()
    assert after.startswith(original), after.decode("utf-8")
    if crlf:
        assert after.count(b"\n") == after.count(b"\r\n")
    for args in (["show", "1.1"], ["log"], ["check"]):  # the entries read as any other
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
