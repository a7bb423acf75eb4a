"""Session 36 (G): a change of a long plan works out what only its parse-cache entry needs,
the key of the bytes it wrote (``sums.after_edit``) and where their header lines are
(``toml_layout.facts_after``), after the answer, with the entry's storing, not before it;
the entry is the same as a fresh read of the file stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan import store, toml_layout
from quanhu_plan.cli import app, change
from quanhu_plan.store import cache, sums

from .conftest import plan_doc
from .test_long_trace_changes import long_items


def test_a_note_on_a_long_plan_works_out_its_entry_key_and_layout_after_the_answer(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quanhu_plan.canonical import dumps

    items = long_items(3000)
    plan_file.write_text(dumps(plan_doc(items)), encoding="utf-8")
    assert plan_file.stat().st_size > 2 * sums.STEP
    task = items[1]["id"]
    runner = CliRunner()
    assert runner.invoke(app, ["status"]).exit_code == 0  # (its entry, with the layout)

    events: list[str] = []

    def noted(name: str, real: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            events.append(name)
            return real(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(sums, "after_edit", noted("key", sums.after_edit))
    monkeypatch.setattr(toml_layout, "facts_after", noted("layout", toml_layout.facts_after))
    monkeypatch.setattr(change, "print_after_save", noted("told", change.print_after_save))
    result = runner.invoke(app, ["note", task, "进展顺利", "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "进展顺利" not in result.output or task in result.output
    assert events[0] == "told" and sorted(events[1:]) == ["key", "layout"], events

    written = plan_file.read_bytes()
    assert "进展顺利".encode() in written
    recalled = cache.recall(store.plan_file._real(plan_file), written, plan_file.stat())
    assert recalled is not None  # stored under the key of the bytes written
    layout = cache.layout_of(recalled)
    assert layout == toml_layout.layout_facts(written)
    with monkeypatch.context() as off:
        off.setenv("QUANHU_PLAN_CACHE", "off")
        assert recalled.to_doc() == store.load(store.PlanSource(plan_file)).to_doc()
