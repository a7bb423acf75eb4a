"""The standard-library modules Typer imports for its rare paths, run on first use
(quanhu_plan/lazy_stdlib.py): a warm ``plan status`` and a ``plan done`` run none of them and
print what they printed; the commands that use one (git's, the pager, an error) still work;
and the deferral itself: one run, at the first read, a failure as a failed import's, threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from quanhu_plan import lazy_stdlib

from .conftest import SMALL_ITEMS, write_plan

# The ``plan`` program as the console script runs it (``entry.main``, no runpy), telling on
# stderr, as it leaves, what became of each deferred module: "_Deferred" (imported, not run),
# "module" (run) or "absent" (never imported). PRELOAD: modules imported before it starts.
_PROGRAM = """
import json, os, sys
for name in filter(None, os.environ.get("PRELOAD", "").split(",")):
    __import__(name)
leave = os._exit

def told(code):
    from quanhu_plan.lazy_stdlib import DEFERRED
    kinds = {n: type(sys.modules[n]).__name__ if n in sys.modules else "absent" for n in DEFERRED}
    sys.stdout.flush()
    sys.stderr.write("\\nDEFERRED " + json.dumps(kinds) + "\\n")
    sys.stderr.flush()
    leave(code)

os._exit = told
sys.argv = ["plan", *sys.argv[1:]]
from quanhu_plan.entry import main
main()
"""


def _program_file() -> str:
    """``_PROGRAM`` in a file of its own (in the test's folder, the current one), run as a
    script is (as the console script is): not by ``python -c``, which on Python 3.13 loads
    ``linecache`` before the program starts (to show the command's own lines in a traceback),
    so that it was never deferred there."""
    program = Path("program", "plan_program.py").absolute()
    program.parent.mkdir(exist_ok=True)
    program.write_text(_PROGRAM, encoding="utf-8")
    return str(program)


def _plan(*args: str, preload: str = "") -> tuple[int, str, str, dict[str, str]]:
    """``plan ARGS`` in a process of its own: its exit code, stdout, stderr and the state of
    each deferred module as it left."""
    env = dict(os.environ, PRELOAD=preload, COLUMNS="80")
    done = subprocess.run(
        [sys.executable, _program_file(), *args], capture_output=True, text=True, env=env
    )
    err, _, told = done.stderr.rpartition("\nDEFERRED ")
    return done.returncode, done.stdout, err, json.loads(told) if told else {}


def test_a_warm_status_and_a_done_run_none_of_the_deferred_modules(small_plan):
    _plan("status")  # (the cache entry made: the next is warm)
    code, shown, err, kinds = _plan("status")
    assert (code, err) == (0, "")
    assert "修机耕道" in shown or "基础设施" in shown
    assert set(kinds.values()) <= {"_Deferred", "absent"}, kinds
    assert kinds["subprocess"] == kinds["textwrap"] == "_Deferred"
    assert kinds["ipaddress"] in {"_Deferred", "absent"}  # (3.13's urllib.parse: when used)
    assert kinds["selectors"] == "absent"  # (subprocess's own imports never made)

    code, said, err, kinds = _plan("done", "1.3", "--on", "2023-03-20")
    assert (code, err) == (0, "")
    assert set(kinds.values()) <= {"_Deferred", "absent"}, kinds
    assert 'status = "done"' in small_plan.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [["status"], ["status", "--lang", "en"], ["list"], ["show", "2.2"], ["log"], ["--help"]],
)
def test_what_a_command_prints_is_the_same_with_the_modules_loaded_first(small_plan, args):
    """The same process, the deferred modules loaded before it starts (left as they are) or
    not: the same output, byte for byte."""
    deferred = _plan(*args)
    loaded = _plan(*args, preload=",".join(lazy_stdlib.DEFERRED))
    assert set(loaded[3].values()) == {"module"}
    assert deferred[:3] == loaded[:3]
    assert deferred[0] == 0 and deferred[1]


def test_git_setup_launches_git_through_a_deferred_subprocess(small_plan, tmp_path):
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    code, said, err, kinds = _plan("git-setup")
    assert code == 0, said + err
    assert kinds["subprocess"] == "module"  # run when first used, and it worked
    assert "merge=quanhu-plan" in (tmp_path / ".gitattributes").read_text(encoding="utf-8")
    config = subprocess.run(
        ["git", "-C", str(tmp_path), "config", "merge.quanhu-plan.driver"],
        capture_output=True,
        text=True,
    )
    assert "merge" in config.stdout


def test_an_error_is_said_without_a_traceback_with_the_modules_deferred(plan_file):
    plan_file.write_text('[plan]\ntitle = "x"\n[[item]\nid = "1"\n', encoding="utf-8")
    code, shown, err, kinds = _plan("status")
    assert code == 1
    assert "Traceback" not in shown + err
    assert "plan.toml" in shown + err and "第 3 行" in shown + err
    write_plan(plan_file, SMALL_ITEMS)
    code, shown, err, kinds = _plan("show", "9.9")
    assert code == 1 and "Traceback" not in shown + err and "9.9" in shown + err


# ---------------------------------------------------------------- the deferral itself


@pytest.fixture
def fake_modules(tmp_path, monkeypatch):
    """A folder on sys.path for modules of the test's own, deferred by name (``defer``), the
    deferral and the modules gone after it."""
    folder = tmp_path / "mods"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    names: list[str] = []

    def make(name: str, code: str, needs: str | None = None) -> None:
        (folder / f"{name}.py").write_text(code, encoding="utf-8")
        names.append(name)
        monkeypatch.setitem(lazy_stdlib.DEFERRED, name, needs)

    yield make
    lazy_stdlib.undo()
    for name in names:
        sys.modules.pop(name, None)


def _runs(tmp_path: Path) -> int:
    path = tmp_path / "runs.txt"
    return len(path.read_text(encoding="utf-8")) if path.exists() else 0


def test_a_deferred_module_runs_at_its_first_read_once_and_not_at_an_import(fake_modules, tmp_path):
    counted = f"open({str(tmp_path / 'runs.txt')!r}, 'a').write('x')\n"
    fake_modules("s36a_one", counted + "value = 42\ndef twice(n):\n    return 2 * n\n")
    lazy_stdlib.defer()
    import s36a_one

    assert _runs(tmp_path) == 0
    assert type(s36a_one).__name__ == "_Deferred"
    import s36a_one  # noqa: F811 - again: LazyLoader ran its module here (the import reads __spec__)

    assert _runs(tmp_path) == 0
    assert s36a_one.__name__ == "s36a_one" and s36a_one.__file__.endswith("s36a_one.py")
    assert _runs(tmp_path) == 0
    assert s36a_one.value == 42
    assert _runs(tmp_path) == 1
    from s36a_one import twice

    assert twice(4) == 8 and _runs(tmp_path) == 1
    assert type(s36a_one) is type(os)  # an ordinary module from then on
    assert s36a_one.__loader__.__class__.__name__ == "SourceFileLoader"


def test_what_is_set_on_a_deferred_module_is_not_undone_by_its_run(fake_modules):
    fake_modules("s36a_set", "value = 1\nother = 2\n")
    lazy_stdlib.defer()
    import s36a_set

    s36a_set.value = 5  # (a test standing in for a function of it: run first, then set)
    assert (s36a_set.value, s36a_set.other) == (5, 2)
    fake_modules("s36a_dir", "shown = 1\n")
    lazy_stdlib.undo()
    lazy_stdlib.defer()
    import s36a_dir

    assert "shown" in dir(s36a_dir)


def test_a_module_loaded_already_is_left_as_it_is(fake_modules):
    fake_modules("s36a_loaded", "value = 3\n")
    import s36a_loaded

    lazy_stdlib.defer()
    import s36a_loaded  # noqa: F811

    assert type(s36a_loaded) is type(os) and s36a_loaded.value == 3


def test_a_deferred_module_that_fails_fails_where_it_is_first_used_as_an_import_would(
    fake_modules,
):
    fake_modules("s36a_broken", "value = 1\nraise ImportError('no C part here')\n")
    lazy_stdlib.defer()
    import s36a_broken

    with pytest.raises(ImportError, match="no C part here"):
        s36a_broken.value  # noqa: B018
    assert "s36a_broken" not in sys.modules  # (a later import tries again, as after any)


def test_a_module_whose_c_part_is_missing_is_not_deferred(fake_modules):
    fake_modules("s36a_needs", "value = 1\n", needs="_s36a_no_such_c_module")
    lazy_stdlib.defer()
    import s36a_needs

    assert type(s36a_needs) is type(os)  # imported the usual way: shutil's `import lzma` fails


def test_two_threads_reading_a_deferred_module_at_once_both_see_it_whole(fake_modules):
    """LazyLoader on Python 3.11 lets the second thread read the module while the first one's
    run has only begun (an AttributeError there); here the second waits for the run to end."""
    fake_modules("s36a_slow", "import time\ntime.sleep(0.3)\nvalue = 7\n")
    lazy_stdlib.defer()
    import s36a_slow

    seen: list[object] = []

    def read() -> None:
        try:
            seen.append(s36a_slow.value)
        except AttributeError as exc:
            seen.append(exc)

    threads = [threading.Thread(target=read) for _ in range(2)]
    threads[0].start()
    time.sleep(0.1)  # (the first one's run has begun)
    threads[1].start()
    for thread in threads:
        thread.join()
    assert seen == [7, 7]


def test_a_frozen_module_is_deferred_too_and_works_when_used():
    """ntpath is frozen into Python 3.11 (no file read): deferred all the same, and run from
    the frozen code at its first use."""
    code = (
        "from quanhu_plan import lazy_stdlib\n"
        "lazy_stdlib.defer()\n"
        "import ntpath\n"
        "print(type(ntpath).__name__)\n"
        "print(ntpath.join('C:\\\\plans', '2023.toml'), ntpath.isabs('C:\\\\x'))\n"
        "print(type(ntpath).__name__, ntpath.__spec__.origin == ntpath.__spec__.origin)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["_Deferred", "C:\\plans\\2023.toml True", "module True"]


def test_the_modules_listed_are_python_code():
    """Each name of DEFERRED is a module of the standard library in a .py file or frozen (an
    extension module cannot be deferred), and the C part named for it exists here."""
    from importlib.util import find_spec

    for name, needs in lazy_stdlib.DEFERRED.items():
        spec = find_spec(name)
        assert spec is not None and spec.origin is not None, name
        assert spec.origin.endswith(".py") or spec.origin == "frozen", name
        if needs is not None:
            assert find_spec(needs) is not None, needs


def test_a_test_calling_the_program_leaves_no_import_of_its_process_deferred(monkeypatch):
    """``entry.main`` called in a process that goes on (a test): the finder is gone after it,
    and a module imported later is imported the usual way."""
    import quanhu_plan.cli
    from quanhu_plan import entry

    seen: list[bool] = []
    monkeypatch.setattr(
        quanhu_plan.cli, "main", lambda: seen.append(lazy_stdlib._Finder in sys.meta_path)
    )
    monkeypatch.setattr(entry, "leave", lambda code: None)
    monkeypatch.setattr(sys, "argv", ["plan", "--help"])
    monkeypatch.setattr("signal.signal", lambda *args: None)  # (not this test run's signals)
    entry.main()
    assert seen == [True]
    assert lazy_stdlib._Finder not in sys.meta_path and not lazy_stdlib._NAMES
