"""Speed work of session 24 (H) that rewrote how a rule is checked: the rule still holds.

A status change dated ``--on`` is refused on a day its task was a goal (``status_dated``).
Whether a task may have had items under it is now read from all the ids joined in one text,
not item by item: a task whose item was moved out since (its id still under the task's) is
refused as before, from a cold cache and from a warm one (ids from the items' sketches)."""

from __future__ import annotations

import pytest

from .test_as_of import t
from .test_backfill_s23b import invoke, run
from .test_leftovers_s23n import small


@pytest.mark.parametrize("warm", [False, True])
def test_a_status_change_on_a_day_the_task_had_an_item_moved_out_since_is_refused(
    plan_file, clock, warm
):
    """1.1 had 1.1.1 under it from March; in June 1.1.1 was moved under 2 (its id stays):
    on a day in April 1.1 was a goal, and a tick-off dated then would show in no view."""
    small(plan_file)
    clock.now = t(3, 1)
    run(plan_file, "add", "1.1", "清淤")
    clock.now = t(6, 20)
    run(plan_file, "move", "1.1.1", "2")
    if warm:  # the plan from the parse cache: 1.1.1's table not loaded, its sketch's id
        run(plan_file, "status")
    before = plan_file.read_bytes()
    refused = invoke(plan_file, "done", "1.1", "--on", "2023-04-01")
    assert refused.exit_code == 1, refused.output
    assert "不能在 2023-04-01 销号 1.1 修塘：那天它是目标（其下有 1.1.1）" in refused.stderr
    assert "Traceback" not in refused.output
    assert plan_file.read_bytes() == before
    english = invoke(plan_file, "--lang", "en", "start", "1.1", "--on", "2023-04-01")
    assert english.exit_code == 1
    assert "Cannot start 1.1 修塘 on 2023-04-01: it was a goal on that day (1.1.1 under it)" in (
        english.stderr
    )
    assert plan_file.read_bytes() == before
    # after the move 1.1 is a task again; a task whose id only begins alike (1.10) is no child
    run(plan_file, "done", "1.1", "--on", "2023-06-20")
    run(plan_file, "done", "1.2", "--on", "2023-04-01")
