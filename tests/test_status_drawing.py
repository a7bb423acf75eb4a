"""How ``plan status`` makes its view: the figures and the table's rows are made with the cyclic
collector paused (they live until the table is drawn; collecting while they are made would only
walk them again), and the collector is back as it was afterwards."""

from __future__ import annotations

import gc

from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal import status_view


def test_the_status_table_is_made_with_the_collector_paused(small_plan, monkeypatch):
    seen: list[bool] = []
    make = status_view.status_table

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return make(*args, **kwargs)

    monkeypatch.setattr(status_view, "status_table", watched)
    was_on = gc.isenabled()
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "基础设施" in result.output
    assert seen == [False]
    assert gc.isenabled() == was_on
