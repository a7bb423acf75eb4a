"""The model-based walk over the change commands (tests/stateful_changes.py), a few short
derandomized walks: the same ones on every run, in a few seconds. `python
benchmarks/stateful.py --examples 200 --steps 60` walks much further (minutes)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from .stateful_changes import ChangeWalk


def test_random_sequences_of_changes_and_undos_keep_every_promise():
    run_state_machine_as_test(
        ChangeWalk,
        settings=settings(
            max_examples=8,
            stateful_step_count=20,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
