"""What a status of a plan's parts and goals is made of, kept beside its parse cache entry
(``<entry>.goals``, ``store.cache_goals``): the next warm status reads it instead of every
task's sketch, prints exactly what the status of the whole plan prints, and takes none that
is not its entry's, damaged, or not of the right shape."""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan import goal_figures, sketches, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.errors import CacheEntryDamaged
from quanhu_plan.store import cache, cache_goals, remembering

from .test_status_rollups import generated


def _setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int = 1) -> Path:
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "plan.toml"
    path.write_text(dumps(generated(120, seed)), encoding="utf-8")
    return path


def _status(path: Path, cached: bool = True) -> str:
    env = {} if cached else {"QUANHU_PLAN_CACHE": "off"}
    with mock.patch.dict(os.environ, env):
        result = CliRunner().invoke(app, ["--file", str(path), "status"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def _digest_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*.goals"))


def _sketches_read(path: Path) -> tuple[str, int]:
    """A status's output, and how many times it looked at every sketch (``marks_of``)."""
    with mock.patch.object(sketches, "marks_of", wraps=sketches.marks_of) as looked:
        output = _status(path)
    return output, looked.call_count


def test_a_status_keeps_what_the_next_is_made_of_and_the_next_reads_no_sketch(
    tmp_path, monkeypatch
):
    path = _setup(tmp_path, monkeypatch)
    whole = _status(path, cached=False)
    assert _status(path) == whole  # the first read: stores the entry and its goals
    (digest,) = _digest_files(tmp_path)
    assert digest.name.removesuffix(".goals") + ".pickle" in os.listdir(tmp_path / "cache")
    output, looked = _sketches_read(path)
    assert output == whole and looked == 0
    digest.unlink()  # none kept: the status looks at the sketches, and keeps it again
    output, looked = _sketches_read(path)
    assert output == whole and looked == 1
    assert _digest_files(tmp_path) == [digest]
    output, looked = _sketches_read(path)
    assert output == whole and looked == 0


def test_the_goals_kept_are_those_made_of_the_sketches(tmp_path, monkeypatch):
    path = _setup(tmp_path, monkeypatch, seed=5)
    _status(path)
    kept = store.load(store.PlanSource(path), goals=True)
    for digest in _digest_files(tmp_path):
        digest.unlink()
    made = store.load(store.PlanSource(path), goals=True)
    assert isinstance(kept, goal_figures.Goals) and isinstance(made, goal_figures.Goals)
    assert kept.keys == made.keys and len(kept.keys) > 0
    assert list(kept.spans.values()) == list(made.spans.values())
    assert kept.marks == made.marks
    assert [(item.id, item.sketch) for item in kept.items()] == [
        (item.id, item.sketch) for item in made.items()
    ]


def test_after_a_change_the_goals_of_the_entry_before_are_not_taken(tmp_path, monkeypatch):
    path = _setup(tmp_path, monkeypatch)
    _status(path)
    _status(path)
    task = next(
        item["id"]
        for item in generated(120, 1)["item"]
        if item["id"].count(".") == 2 and item.get("status") != "done"
    )
    for args in (["progress", task, "35"], ["done", task], ["undo"], ["undo"]):
        result = CliRunner().invoke(app, ["--file", str(path), *args])
        assert result.exit_code == 0, result.output
        assert _status(path) == _status(path, cached=False), args
        assert _status(path) == _status(path, cached=False), args  # (its goals kept by then)


def _rewritten(digest: Path, change: Any) -> None:
    """The digest file with its pickle replaced by ``change(digest)``'s, summed right."""
    from _pickle import dumps as pickled
    from _pickle import loads

    raw = digest.read_bytes()
    data = pickled(change(loads(raw[12:])), 5)
    digest.write_bytes(raw[:8] + zlib.crc32(data).to_bytes(4, "little") + data)


def _off_by(digest: tuple[Any, ...], at: int, value: Any) -> tuple[Any, ...]:
    return (*digest[:at], value, *digest[at + 1 :])


def _far_key(digest: tuple[Any, ...]) -> tuple[Any, ...]:
    from array import array

    keys = array(digest[6])
    keys.frombytes(digest[5])
    keys[3] = len(digest[4])  # a key past the last
    return _off_by(digest, 5, keys.tobytes())


ODD_DIGESTS = {
    "a key past the last": _far_key,
    "a goal past the last": lambda d: _off_by(d, 3, [(len(d[0]), 0, 1), *d[3][1:]]),
    "a span past the tasks": lambda d: _off_by(d, 3, [(d[3][0][0], 0, 10**6), *d[3][1:]]),
    "a span of floats": lambda d: _off_by(d, 3, [(d[3][0][0], 0.0, 1.0), *d[3][1:]]),
    "an array of doubles": lambda d: _off_by(d, 6, "d"),
    "a parent below its child": lambda d: _off_by(d, 1, [5, *d[1][1:]]),
    "an item past the last": lambda d: _off_by(d, 0, [10**6, *d[0][1:]]),
    "one item short": lambda d: _off_by(d, 0, d[0][:-1]),
    "not a tuple": lambda d: {"goals": 1},
    "a tuple too short": lambda d: d[:5],
}


@pytest.mark.parametrize("odd", ODD_DIGESTS)
def test_goals_kept_of_the_wrong_shape_are_not_taken(tmp_path, monkeypatch, odd):
    path = _setup(tmp_path, monkeypatch)
    whole = _status(path, cached=False)
    _status(path)
    (digest,) = _digest_files(tmp_path)
    _rewritten(digest, ODD_DIGESTS[odd])
    output, looked = _sketches_read(path)
    assert output == whole and looked == 1  # made again of the sketches
    output, looked = _sketches_read(path)  # and kept again
    assert output == whole and looked == 0


def test_damaged_goals_or_those_of_another_entry_are_not_taken(tmp_path, monkeypatch):
    path = _setup(tmp_path, monkeypatch)
    other = tmp_path / "other.toml"
    other.write_text(dumps(generated(120, 9)), encoding="utf-8")
    whole, other_whole = _status(path, cached=False), _status(other, cached=False)
    _status(path), _status(other)
    ours, theirs = _digest_files(tmp_path)
    if "other" in ours.name:
        ours, theirs = theirs, ours
    raw = ours.read_bytes()
    ours.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]))  # a bit flipped: its sum fails
    output, looked = _sketches_read(path)
    assert output == whole and looked == 1
    ours.write_bytes(theirs.read_bytes())  # another entry's, whole and summed
    output, looked = _sketches_read(path)
    assert output == whole and looked == 1
    assert _status(other) == other_whole
    ours.write_bytes(b"\0" * 12)  # not even a header
    assert _sketches_read(path) == (whole, 1)


def test_the_process_storing_a_first_status_entry_keeps_its_goals(tmp_path, monkeypatch):
    """(``remembering.remember_if_unchanged``, run by the process a first status forks.)"""
    path = _setup(tmp_path, monkeypatch)
    whole = _status(path, cached=False)
    raw = path.read_bytes()
    real = path.resolve()
    plan = store.load(store.PlanSource(path), goals=False)
    assert not (tmp_path / "cache").exists() or not _digest_files(tmp_path)
    remembering.remember_if_unchanged(real, raw, real.stat(), plan)
    assert len(_digest_files(tmp_path)) == 1
    assert _sketches_read(path) == (whole, 0)


def test_a_damaged_entry_takes_its_goals_with_it(tmp_path, monkeypatch):
    path = _setup(tmp_path, monkeypatch)
    _status(path)
    entry = cache.entry_of(path.resolve())
    assert entry is not None and cache_goals.digest_file(entry).exists()
    stored = cache.Stored(entry, b"", [], [], [], [])
    with pytest.raises(CacheEntryDamaged):
        stored.damaged()
    assert not entry.exists() and not cache_goals.digest_file(entry).exists()
