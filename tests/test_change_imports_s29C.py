"""A change (``done``, ``note``) loads neither tempfile and random for its temporary file
(``files._temp_file``) nor getpass and termios for the user's name (``lock_holder.user_name``),
nor, on a plan from the parse cache, ``building`` (its check of a whole plan: the blocks it
wrote are read back as TOML alone): 8 M instructions of every change. Each does what the module it stands for did; where that
module is loaded already (a test's stand-in for it), it is asked."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from quanhu_plan.store import files, lock_holder

from .conftest import RUN_PLAN, SMALL_ITEMS, write_plan

_CHANGE = (
    RUN_PLAN + "print(sorted({'tempfile', 'random', 'getpass', 'termios', 'quanhu_plan.building',"
    " 'unicodedata'} & set(sys.modules)), file=sys.stderr)\n"
)


def _run(plan_file: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CHANGE, *args],
        env={
            **os.environ,
            "PLAN_FILE": str(plan_file),
            "QUANHU_PLAN_CACHE": str(plan_file.parent / "cache"),
            **env,
        },
        capture_output=True,
        text=True,
        cwd=plan_file.parent,
    )


@pytest.mark.parametrize("args", [["done", "1.3"], ["note", "1.3", "进展顺利"]])
def test_a_change_writes_without_tempfile_nor_getpass(tmp_path: Path, args: list[str]) -> None:
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    plan_file.chmod(0o640)
    assert _run(plan_file, "status").returncode == 0  # the plan in use: in the parse cache
    before = plan_file.read_text(encoding="utf-8")
    changed = _run(plan_file, *args, LOGNAME="", USER="办事员", LNAME="x", USERNAME="y")
    assert changed.returncode == 0, changed.stderr
    assert changed.stderr.strip().splitlines()[-1] == "[]"
    after = plan_file.read_text(encoding="utf-8")
    assert after != before and 'by = "办事员"' in after  # the first of the names set
    assert stat.S_IMODE(plan_file.stat().st_mode) == 0o640  # (the temp file's given the plan's)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "plan.toml"]


def test_the_temp_file_is_named_and_made_as_tempfile_makes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "tempfile")
    real = tmp_path / "plan.toml"
    prefix = files._temp_prefix(real)
    fd, name = files._temp_file(tmp_path, prefix, files.TEMP_SUFFIX)
    os.close(fd)
    assert files._stale_temp_name(real).fullmatch(Path(name).name), name
    assert Path(name).parent == tmp_path and os.path.isabs(name)
    assert stat.S_IMODE(os.stat(name).st_mode) == 0o600
    # a name taken already is not opened again: the next is tried
    taken = Path(name).name[len(prefix) : -len(files.TEMP_SUFFIX)]
    draws = iter([bytes(files._TEMP_LETTERS.index(c) for c in taken), bytes(8)])
    monkeypatch.setattr(os, "urandom", lambda n: next(draws))
    fd, other = files._temp_file(tmp_path, prefix, files.TEMP_SUFFIX)
    os.close(fd)
    assert Path(other).name == f"{prefix}aaaaaaaa{files.TEMP_SUFFIX}"
    monkeypatch.setattr(os, "urandom", lambda n: bytes(8))
    with pytest.raises(FileExistsError):  # every try taken: said, as tempfile says it
        files._temp_file(tmp_path, prefix, files.TEMP_SUFFIX)


def test_the_user_name_is_found_as_getpass_finds_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    monkeypatch.delitem(sys.modules, "getpass")
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("USERNAME", "d")
    monkeypatch.setenv("LNAME", "c")
    assert lock_holder.user_name() == "c" == getpass.getuser()
    monkeypatch.setenv("LOGNAME", "a")
    assert lock_holder.user_name() == "a" == getpass.getuser()
    for variable in ("LOGNAME", "LNAME", "USERNAME"):
        monkeypatch.delenv(variable)
    if hasattr(os, "getuid"):
        assert lock_holder.user_name() == getpass.getuser()  # the password database's
    monkeypatch.setitem(sys.modules, "getpass", getpass)
    monkeypatch.setattr(getpass, "getuser", lambda: "clerk")  # a test's stand-in: asked
    assert lock_holder.user_name() == "clerk"
