"""Session 25, helper H: a hostile or careless user, through the CLI and real processes.

Ids pasted with what cannot be seen (WeChat and Word leave zero-width spaces, a BOM or a
direction mark beside them) or typed in another script's digits; a change killed by SIGTERM or
SIGHUP (a closed terminal window, a shutdown) while it holds the plan's lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO, write_plan

# ---------------------------------------------------------------- ids as pasted


@pytest.mark.parametrize(
    "typed",
    [
        "1.3\u200b",  # a zero-width space after it, copied from a WeChat message
        "\ufeff1.3",  # a BOM before it, the first word of a pasted Notepad file
        "\u200e1.3",  # a left-to-right mark, from a web page
        "1\u200b.3",  # a zero-width space inside
        "\u0661.\u0663",  # Arabic-Indic digits, as figures and dates already read them
        "\u06f1.\u06f3",  # Eastern Arabic-Indic (Persian) digits
    ],
)
def test_an_id_typed_with_invisible_characters_or_other_digits_names_the_task(
    runner: CliRunner, small_plan: Path, typed: str
) -> None:
    shown = runner.invoke(app, ["show", typed])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("1.3 修机耕道（任务）")

    done = runner.invoke(app, ["done", typed, "--on", "2023-03-20"])
    assert done.exit_code == 0, done.output
    assert "已销号 1.3 修机耕道（2023-03-20）" in done.output
    assert 'id = "1.3"' in small_plan.read_text(encoding="utf-8")


def test_an_id_of_invisible_characters_alone_is_still_no_id(
    runner: CliRunner, small_plan: Path
) -> None:
    result = runner.invoke(app, ["show", "\u200b"])
    assert result.exit_code == 1
    assert "计划中没有编号或名称为" in result.output
    assert "Traceback" not in result.output


def test_figures_and_dates_in_arabic_indic_digits_are_read_as_ids_now_are(
    runner: CliRunner, small_plan: Path
) -> None:
    """The three agree: an id, a percent and a day typed in the same digits."""
    result = runner.invoke(
        app, ["progress", "\u0661.\u0663", "\u0666\u0660", "--on", "\u0662\u0660\u0662\u0663-03-01"]
    )
    assert result.exit_code == 0, result.output
    assert "已填报进度 1.3 修机耕道（2023-03-01）：进度 50% → 60%" in result.output


# ---------------------------------------------------------------- a change killed


def _big_plan(path: Path, tasks: int = 8000) -> bytes:
    """A plan big enough that a change holds its lock for a good part of a second."""
    items: list[dict[str, object]] = []
    for part in range(1, tasks // 1000 + 1):
        items.append({"id": str(part), "title": f"第{part}部分"})
        items += [
            {
                "id": f"{part}.{n}",
                "title": f"任务{part}.{n}：修缮村级道路和水利设施",
                "progress": n % 90,
            }
            for n in range(1, 1001)
        ]
    write_plan(path, items)
    return path.read_bytes()


def _killed_while_locked(plan: Path, signum: int, *, ignore_hangup: bool = False) -> int:
    """Run ``plan note`` on ``plan`` in a process, send it ``signum`` once it holds the lock,
    and return its exit code (None: it finished before the lock was seen)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PLAN_USER": "测试"}

    def hangup_ignored() -> None:  # as nohup starts a program
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    process = subprocess.Popen(
        [sys.executable, "-m", "quanhu_plan", "-f", str(plan), "note", "1.1", "夜里补记"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=hangup_ignored if ignore_hangup else None,
    )
    lock = plan.with_name(plan.name + ".lock")
    deadline = time.monotonic() + 60
    while not lock.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    if process.poll() is None:
        process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err, err.decode()
    return process.returncode


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_change_ended_by_sigterm_or_sighup_leaves_no_lock_nor_temporary_file(
    tmp_path: Path, name: str, code: int
) -> None:
    """A shutdown (SIGTERM) or a closed terminal window (SIGHUP) ends a change as Ctrl-C does:
    it removes its lock file and its temporary file, which were left beside the plan (to be
    committed by a git add . where git-setup had not been run), and exits 128 + the signal."""
    plan = tmp_path / "plan.toml"
    before = _big_plan(plan)
    for _ in range(3):  # (a run that finished before the signal came proves nothing)
        plan.write_bytes(before)
        returned = _killed_while_locked(plan, getattr(signal, name))
        if returned != 0:
            break
    assert returned == code
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["plan.toml"]
    after = plan.read_bytes()
    assert after == before or "夜里补记" in after.decode("utf-8")
    runner = CliRunner()
    again = runner.invoke(app, ["-f", str(plan), "note", "1.2", "又一条"])
    assert again.exit_code == 0, again.output


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
def test_a_change_started_with_nohup_goes_on_when_its_terminal_closes(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    _big_plan(plan)
    assert _killed_while_locked(plan, signal.SIGHUP, ignore_hangup=True) == 0
    assert "夜里补记" in plan.read_text(encoding="utf-8")


def _interrupted_as_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or SIGTERM) as the lock file's making returns, before its descriptor is kept:
    Python runs a signal's handler just there."""
    from quanhu_plan.store import files

    made = files._open_lock

    def interrupted(*args: object) -> int:
        made(*args)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "_open_lock", interrupted)


def test_a_change_interrupted_as_its_lock_file_is_made_removes_it(
    runner: CliRunner, small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = small_plan.read_bytes()
    _interrupted_as_made(monkeypatch)
    result = runner.invoke(app, ["note", "1.3", "夜里补记"])
    assert result.exit_code == 130
    assert small_plan.read_bytes() == before
    assert not small_plan.with_name("plan.toml.lock").exists()


def test_an_interrupted_change_leaves_the_lock_file_another_program_holds(
    runner: CliRunner, small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl = pytest.importorskip("fcntl")
    lock = small_plan.with_name("plan.toml.lock")
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _interrupted_as_made(monkeypatch)
        result = runner.invoke(app, ["note", "1.3", "夜里补记"])
        assert result.exit_code == 130
        assert lock.exists()


# ---------------------------------------------------------------- a deadline as written


@pytest.mark.parametrize("due", ["15个自然日内", "15自然日内", "15天内", "15日内"])
def test_a_deadline_of_calendar_days_counts_them_however_it_is_written(
    runner: CliRunner, small_plan: Path, due: str
) -> None:
    """15个自然日内 (calendar days, as a 督办 notice writes them beside 15个工作日内) was "not a
    date, month or quarter", though 15自然日内 and 15天内 were read."""
    result = runner.invoke(app, ["edit", "1.3", "--start", "2023-03-01", "--due", due])
    assert result.exit_code == 0, result.output
    assert "完成时限 2023-03-31 → 2023-03-16" in result.output


# ---------------------------------------------------------------- a folder gone


@pytest.mark.skipif(sys.platform == "win32", reason="Windows does not remove a folder in use")
@pytest.mark.parametrize("words", [["status"], ["--help"], ["report", "--out", "r.md"]])
def test_a_command_run_in_a_folder_removed_meanwhile_says_so(
    tmp_path: Path, words: list[str]
) -> None:
    """A terminal left in a folder that was then removed (another window, a sync tool, a git
    checkout of another branch): every command, --help too, ended in a FileNotFoundError
    traceback from os.getcwd."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PLAN_FILE")
    line = " ".join([sys.executable, "-m", "quanhu_plan", *words])
    result = subprocess.run(
        ["sh", "-c", f"mkdir gone && cd gone && rmdir ../gone && exec {line}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("plan: 当前文件夹已经不存在")
    assert "cd" in result.stderr and "the current folder no longer exists" in result.stderr
    assert result.stdout == ""


# ---------------------------------------------------------------- Ctrl-C after the save


def test_a_ctrl_c_after_the_change_was_saved_says_it_was(
    runner: CliRunner, small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between the rename and the line that says what was done exited 130 in silence:
    the user, taking it for undone, wrote the note twice."""
    from quanhu_plan.cli import change

    def interrupted(lines: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(change, "print_after_save", interrupted)
    result = runner.invoke(app, ["note", "1.3", "夜里补记"])
    assert result.exit_code == 130
    assert (
        "已中断，但这次修改在中断前已经保存：用 plan log 查看，要撤销用 plan undo。"
        in result.output
    )
    assert "夜里补记" in small_plan.read_text(encoding="utf-8")


def test_a_ctrl_c_before_the_change_was_saved_says_nothing_of_a_save(
    runner: CliRunner, small_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = small_plan.read_bytes()
    assert runner.invoke(app, ["note", "1.2", "先写一条"]).exit_code == 0  # a write before it
    written = small_plan.read_bytes()
    assert written != before
    _interrupted_as_made(monkeypatch)
    result = runner.invoke(app, ["note", "1.3", "夜里补记"])
    assert result.exit_code == 130
    assert "保存" not in result.output
    assert small_plan.read_bytes() == written


def test_a_signal_that_came_inside_a_callback_python_cannot_raise_from_still_ends_the_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A SIGHUP (or Ctrl-C) that came while Python ran a callback it cannot raise from (a module
    lock's as an import ended; here a weak reference's) was printed with a traceback and lost
    (the change went on): it is raised again at the program's next step, with nothing printed,
    and its exit code kept. Its handler, run again inside the hook that saw it lost, raised it
    there, lost again ("Exception ignored in sys.unraisablehook")."""
    import os
    import time
    import weakref

    from quanhu_plan import entry

    class Thing:
        pass

    def callback(_: object) -> None:  # (Python runs the handler at one of these steps)
        os.kill(os.getpid(), signal.SIGHUP)
        for _ in range(1000):
            pass

    before: dict[int, object] = {}
    entry._end_as_ctrl_c(before)
    try:
        thing = Thing()
        ref = weakref.ref(thing, callback)
        with pytest.raises(KeyboardInterrupt):
            del thing  # (the callback runs: its KeyboardInterrupt cannot be raised from it)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # (the program's next steps)
                pass
        assert ref() is None
        assert entry._interrupted_code(130) == 129
    finally:
        entry._ENDED_BY.clear()
        entry._restore(before)
    assert sys.unraisablehook is not entry._interrupt_kept
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Exception ignored" not in err, err
