"""What ``plan done`` (the change path of every status command) does without: code it loads
only for what a run does not meet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent


def _modules_after(tmp_path: Path, args: list[str], names: list[str]) -> list[bool]:
    """Run the command in a process of its own (as a user does) on a copy of the example
    plan: whether each of ``names`` was loaded."""
    target = tmp_path / "plan.toml"
    target.write_bytes((REPO / "plan.toml").read_bytes())
    program = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from quanhu_plan.cli import app\n"
        f"result = CliRunner().invoke(app, ['--file', {str(target)!r}, *{args!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        f"print([name in sys.modules for name in {names!r}])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUANHU_PLAN_CACHE": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return eval(done.stdout)  # noqa: S307 - a list of booleans printed just above


def test_a_day_typed_right_loads_no_usage_error_code(tmp_path: Path) -> None:
    """``--on 2023-06-30`` is read without ``cli.usage``, which only a day it cannot read needs
    (``cli.typed``), and without ``inputs``, which the other forms of a day need
    (``change.iso_day``)."""
    assert _modules_after(
        tmp_path, ["done", "1.1.1", "--on", "2023-06-30"], ["quanhu_plan.cli.usage"]
    ) == [False]


def test_a_change_on_a_plan_from_the_cache_walks_its_tree_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The items as recalled are the tree before the change (``cache.recalled_tree``), and the
    walk that finds what the change did (``delta``) is the tree the cache stores after it: one
    walk of a big plan, not three, and the tree not compared with the recalled one again. The
    entry stored reads as the file written."""
    from typer.testing import CliRunner

    from quanhu_plan import model, store
    from quanhu_plan.cli import app
    from quanhu_plan.store import cache, cache_stored

    plan_file = tmp_path / "plan.toml"
    plan_file.write_bytes((REPO / "plan.toml").read_bytes())
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "c"))
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0  # warm
    walks, compared = [], []
    item_list = model.Plan.item_list
    monkeypatch.setattr(model.Plan, "item_list", lambda plan: walks.append(plan) or item_list(plan))
    same_tree = cache_stored.Stored.same_tree
    monkeypatch.setattr(
        cache_stored.Stored,
        "same_tree",
        lambda stored, items: compared.append(1) or same_tree(stored, items),
    )

    result = runner.invoke(app, ["--file", str(plan_file), "done", "1.1.1", "--on", "2023-06-30"])

    assert result.exit_code == 0, result.output
    assert "1.1.1" in result.output
    assert len(walks) == 1
    assert compared == []  # the tree as recalled, known so: not compared again
    recalled = cache.recall(
        store.plan_file._real(plan_file), plan_file.read_bytes(), plan_file.stat()
    )
    assert recalled is not None  # stored for the bytes written
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    assert recalled.packed()[:5] == store.load(store.PlanSource(plan_file)).packed()[:5]


DAYS = st.one_of(
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    st.builds(
        "{:04d}-{:02d}-{:02d}".format,
        st.integers(1890, 3010),
        st.integers(0, 13),
        st.integers(0, 32),
    ),
    st.from_regex(r"\A[0-9０-９]{4}[-/.－][0-9]{1,2}[-/.－][0-9]{1,2}\s?\Z"),
    st.text(max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(text=DAYS)
def test_a_day_read_without_inputs_is_the_day_inputs_reads(text: str) -> None:
    """``iso_day`` gives None or the very day ``inputs.read_date`` reads (a year, month or day
    out of range, and every other form, left to it: its message)."""
    import datetime as dt

    from quanhu_plan.cli.change import iso_day
    from quanhu_plan.inputs import InputError, read_date

    fast = iso_day(text)
    try:
        slow: dt.date | None = read_date(text, dt.date(2023, 6, 1), lambda month, day: 2023)
    except InputError:
        slow = None
    if fast is not None:
        assert fast == slow
    elif len(text) == 10 and text.isascii() and slow is not None:
        assert not (text[:4] + text[5:7] + text[8:]).isdigit() or text[4] + text[7] != "--"
