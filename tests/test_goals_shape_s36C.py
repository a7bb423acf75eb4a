"""The check of the goals kept beside a parse cache entry (``cache_goals._right_shape``), made a
list at a time (the tasks' keys as one whole number of lanes, ``_keys_below``): it takes and
refuses exactly what the check of a place at a time took and refused, on every kind of digest."""

from __future__ import annotations

import random
import sys
from array import array
from typing import Any

import pytest

from quanhu_plan.store import cache_goals


def _reference(digest: tuple[Any, ...], count: int) -> bool:
    """The check as it was, a place at a time (session 28's)."""
    entries, above, sketches, spans, distinct, keys, code, marks = digest
    if code not in ("H", "I", "Q"):
        return False
    task_keys = array(code)
    task_keys.frombytes(keys)
    tasks, inner = len(task_keys), len(entries)
    return (
        len(above) == len(sketches) == inner
        and tasks + inner == count
        and isinstance(distinct, list)
        and (not tasks or max(task_keys) < len(distinct))
        and all(type(at) is int and 0 <= at < count for at in entries)
        and all(type(up) is int and -1 <= up < n for n, up in enumerate(above))
        and all(
            type(goal) is type(start) is type(end) is int
            and 0 <= goal < inner
            and 0 <= start < end <= tasks
            for goal, start, end in spans
        )
        and len(marks) == 2
    )


def _verdict(check: Any, digest: tuple[Any, ...], count: int) -> Any:
    try:
        return check(digest, count)
    except Exception:  # (``stored_goals`` takes a raise for a refusal)
        return False


def _digest(rng: random.Random) -> tuple[tuple[Any, ...], int]:
    inner = rng.randint(0, 6)
    tasks = rng.choice([0, 1, 5, 40])
    code = rng.choice("HIQ")
    distinct = rng.choice([0, 1, 3, 300, 40_000, 70_000])
    top = {"H": 0xFFFF, "I": 0xFFFF_FFFF, "Q": 2**64 - 1}[code]
    keys = [rng.randrange(max(distinct, 1)) for _ in range(tasks)]
    entries = list(range(inner))
    above = [rng.randrange(-1, n) if n else -1 for n in range(inner)]
    spans = [(rng.randrange(max(inner, 1)), 0, tasks)] if tasks else []
    marks: Any = (0, None)
    count = inner + tasks
    odd = rng.randrange(16)
    if odd == 1 and keys:
        keys[rng.randrange(len(keys))] = rng.choice([distinct, distinct + 1, top])
    elif odd == 2 and entries:
        entries[rng.randrange(inner)] = rng.choice([-1, count, True, 1.0, "1"])
    elif odd == 3 and above:
        n = rng.randrange(inner)
        above[n] = rng.choice([n, n + 1, -2, False, None])
    elif odd == 4 and spans:
        goal, start, end = spans[0]
        spans[0] = rng.choice(
            [(goal, end, end), (goal, -1, end), (inner, start, end), (goal, start, end + 1)]
        )
    elif odd == 5 and spans:
        spans.append(rng.choice([(0, 0), (0, 0, 1, 2), (0.0, 0, 1), (0, True, 1)]))
    elif odd == 6:
        count += rng.choice([-1, 1])
    elif odd == 7:
        marks = (0,)
    elif odd == 8:
        code = "B"
    elif odd == 9:
        distinct = -1  # (not a list: below)
    elif odd == 10 and keys:
        keys = keys[:-1]  # (then the count is one short)
    sketches = [None] * len(above)
    if odd == 11 and sketches:
        sketches.pop()
    try:
        raw = array(code, keys).tobytes()
    except (OverflowError, ValueError):
        raw = array("Q", [0] * len(keys)).tobytes()
    if odd == 12 and raw:
        raw = raw[:-1]  # (not whole keys)
    listed: Any = list(range(distinct)) if distinct >= 0 else (1, 2)
    return (entries, above, sketches, spans, listed, raw, code, marks), count


@pytest.mark.parametrize("seed", range(8))
def test_the_check_at_once_says_what_the_check_place_by_place_said(seed):
    rng = random.Random(seed)
    seen = set()
    for _ in range(300):
        digest, count = _digest(rng)
        expected = _verdict(_reference, digest, count)
        assert _verdict(cache_goals._right_shape, digest, count) == expected, digest[:4]
        seen.add(expected)
    assert seen == {True, False}


@pytest.mark.parametrize("code", ["H", "I", "Q"])
def test_keys_below_a_bound_at_every_edge(code):
    size = array(code).itemsize
    top = (1 << (8 * size)) - 1
    half = 1 << (8 * size - 1)
    for bound in (0, 1, 2, 255, 256, 3027, half - 1, half, half + 1, top):
        for keys in ([], [0], [bound - 1], [bound], [bound + 1], [top], [0, top, 0]):
            keys = [key for key in keys if 0 <= key <= top]
            raw = array(code, keys).tobytes()
            expected = not keys or max(keys) < bound
            assert cache_goals._keys_below(raw, size, bound) is expected, (bound, keys)
    assert sys.byteorder in ("little", "big")
