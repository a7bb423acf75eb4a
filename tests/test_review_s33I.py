"""Review s33I: a warm status's goals digest (``<entry>.goals``, ``store.cache_goals``) tried
against what can happen to a plan and its cache folder between two statuses: each status
prints what the status of the whole plan prints (``QUANHU_PLAN_CACHE=off``), a digest is taken
only where it is its entry's, and none is read through a link or waited on."""

from __future__ import annotations

import os
import shutil
import zlib
from array import array
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan import sketches
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app

from .test_status_rollups import generated


def _plan(tmp_path: Path, name: str = "plan.toml", seed: int = 1) -> Path:
    path = tmp_path / name
    path.write_text(dumps(generated(120, seed)), encoding="utf-8")
    return path


def _run(path: Path, *args: str, cache: str | None = None) -> str:
    env = {} if cache is None else {"QUANHU_PLAN_CACHE": cache}
    with mock.patch.dict(os.environ, env):
        result = CliRunner().invoke(app, ["--file", str(path), *args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def _status_looked(path: Path) -> tuple[str, int]:
    """A status's output, and how many times it looked at every sketch (``marks_of``): 0 where
    it took the digest kept, 1 where it made it of the sketches."""
    with mock.patch.object(sketches, "marks_of", wraps=sketches.marks_of) as looked:
        output = _run(path, "status")
    return output, looked.call_count


def _whole(path: Path) -> str:
    return _run(path, "status", cache="off")


def _digests(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.goals"))


def _a_task(seed: int = 1, skip: int = 0) -> str:
    tasks = [
        item["id"]
        for item in generated(120, seed)["item"]
        if item["id"].count(".") == 2 and item.get("status") not in ("done", "dropped")
    ]
    return tasks[skip]


def test_a_hand_edit_between_statuses_makes_the_digest_again(tmp_path):
    path = _plan(tmp_path)
    _run(path, "status")
    assert _status_looked(path) == (_whole(path), 0)
    task = _a_task()
    text = path.read_text(encoding="utf-8")
    at = text.index(f'id = "{task}"')
    end = text.index("[[item]]", at)
    # The task done by hand, in place (its other items unchanged: ``store.pieces``).
    block = text[at:end].replace('status = "doing"', 'status = "done"')
    block = block.replace('status = "todo"', 'status = "done"')
    before = _whole(path)
    path.write_text(text[:at] + block + text[end:], encoding="utf-8")
    output, looked = _status_looked(path)
    assert output == _whole(path) != before and looked == 1
    assert _status_looked(path) == (_whole(path), 0)


def test_the_same_plan_by_a_link_a_hard_link_and_a_folder_link(tmp_path):
    path = _plan(tmp_path)
    other = _plan(tmp_path, "other.toml", seed=4)  # another plan in the same folder
    link, hard = tmp_path / "link.toml", tmp_path / "hard.toml"
    link.symlink_to(path)
    os.link(path, hard)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    names = [path, link, hard, tmp_path / "sub" / "up" / "plan.toml", other]
    for name in names * 2:
        assert _run(name, "status") == _whole(name), name
    _run(hard, "done", _a_task())  # written in place: every name sees it
    _run(link, "note", _a_task(skip=1), "备注")
    for name in names * 2:
        assert _run(name, "status") == _whole(name), name
    assert sorted(os.listdir(tmp_path)) == [
        "cache",
        "hard.toml",
        "link.toml",
        "other.toml",
        "plan.toml",
        "sub",
    ]


def test_a_cache_folder_copied_elsewhere_answers_the_same(tmp_path, monkeypatch):
    path = _plan(tmp_path)
    _run(path, "status")
    whole = _whole(path)
    copy = tmp_path / "copied"
    shutil.copytree(tmp_path / "cache", copy)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(copy))
    assert _status_looked(path) == (whole, 0)  # the entry and its digest, both copied


def _swapped(raw: bytes) -> bytes:
    """A digest file as a computer of the other byte order would have written it: its task
    keys' array bytes swapped, its pickle summed right."""
    from _pickle import dumps as pickled
    from _pickle import loads

    digest: Any = loads(raw[12:])
    keys = array(digest[6])
    keys.frombytes(digest[5])
    keys.byteswap()
    data = pickled((*digest[:5], keys.tobytes(), *digest[6:]), 5)
    return raw[:8] + zlib.crc32(data).to_bytes(4, "little") + data


def test_task_keys_of_the_other_byte_order_are_not_taken(tmp_path):
    """(Every place among the keys is some task's: the keys of a digest written on a computer
    of the other byte order point past the last, and it is not taken.)"""
    path = _plan(tmp_path, seed=3)
    whole = _whole(path)
    _run(path, "status")
    (digest,) = _digests(tmp_path / "cache")
    digest.write_bytes(_swapped(digest.read_bytes()))
    assert _status_looked(path) == (whole, 1)
    assert _status_looked(path) == (whole, 0)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_or_a_link_where_the_digest_goes(tmp_path):
    path = _plan(tmp_path)
    whole = _whole(path)
    _run(path, "status")
    (digest,) = _digests(tmp_path / "cache")
    kept = tmp_path / "kept.goals"
    shutil.move(digest, kept)
    os.mkfifo(digest)  # neither waited on for a writer nor written into
    assert _status_looked(path) == (whole, 1)
    assert digest.is_file() and not digest.is_symlink() and digest.stat().st_size > 12
    digest.unlink()
    digest.symlink_to(kept)  # a link, even to the entry's own digest: not read through
    before = kept.read_bytes()
    assert _status_looked(path) == (whole, 1)
    assert not digest.is_symlink() and kept.read_bytes() == before
    assert _status_looked(path) == (whole, 0)
