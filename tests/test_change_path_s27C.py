"""A change through the fast path (a plan from the parse cache, its changed blocks patched as
bytes, the entry stored anew with only the chunks it changed) writes exactly the bytes the
slow path writes (the cache off), says the same and leaves an entry the next command can use:
on plans with comments, CRLF line ends, a BOM and a multi-line string, with the cache cold,
warm, stale (a hand edit since) and damaged (bytes of the entry flipped on disk). The entry
keeps each chunk's own CRC-32, and a change sums only the chunks it stores anew."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.store import cache, cache_files

from .conftest import plan_doc

LAYOUTS = ["canonical", "comments-crlf-bom", "multi-line"]
CACHES = ["cold", "warm", "stale", "damaged"]


def _items(count: int) -> list[dict[str, Any]]:
    """Parts with goals and tasks: enough tables for several chunks of the entry."""
    items: list[dict[str, Any]] = []
    for part in range(1, 4):
        items.append({"id": f"{part}", "title": f"第{part}部分", "lead": "李四"})
        for task in range(1, count + 1):
            items.append(
                {
                    "id": f"{part}.{task}",
                    "title": f"任务{part}.{task}：修缮道路",
                    "owner": "王五",
                    "status": "doing",
                    "progress": 10,
                }
            )
    return items


def _plan_bytes(layout: str) -> bytes:
    text = dumps(plan_doc(_items(150)))
    if layout == "canonical":
        return text.encode("utf-8")
    text = "# 开头的注释\n" + text + "# 末尾的注释\n"
    text = text.replace('id = "2.5"\n', 'id = "2.5"  # 行尾注释\n', 1)
    text = text.replace('[[item]]\nid = "3.7"\n', '# 上面的注释\n[[item]]\nid = "3.7"\n', 1)
    if layout == "multi-line":
        multi = 'id = "3.9"\ndetail = """多行\n[[item]]\nid = "2.5"\n说明"""\n'
        text = text.replace('id = "3.9"\n', multi, 1)
        assert multi in text
        return text.encode("utf-8")
    return b"\xef\xbb\xbf" + text.encode("utf-8").replace(b"\n", b"\r\n")


def _hand_edited(data: bytes) -> bytes:
    """Another task's progress changed in the file, as an editor would (the entry stale)."""
    edited = data.replace(
        b'id = "1.3"', b'id = "1.3"\r\n#' if b"\r\n" in data else b'id = "1.3"\n#'
    )
    assert edited != data
    return edited


def _damaged(folder: Path) -> None:
    """A byte flipped in the middle of the entry on disk (a disk's damage, not a writer's)."""
    (entry,) = folder.glob("*.pickle")
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x40
    entry.write_bytes(bytes(data))


CHANGES = [
    ["done", "2.5", "--on", "2023-06-30"],
    ["note", "3.7", "进展顺利", "--on", "2023-06-30"],
    ["progress", "1.150", "60", "--on", "2023-06-30"],
    ["header", "--title", "改过的计划名称"],
]


def _run(
    plan_file: Path, data: bytes, state: str, monkeypatch: pytest.MonkeyPatch, cache_on: bool
) -> list[tuple[int, str, bytes]]:
    runner = CliRunner()
    folder = plan_file.parent / ("cache" if cache_on else "unused")
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(folder) if cache_on else "off")
    plan_file.write_bytes(data)
    if state != "cold":
        assert runner.invoke(app, ["status"]).exit_code == 0
    if state == "stale":
        plan_file.write_bytes(_hand_edited(data))
    if state == "damaged" and cache_on:
        _damaged(folder)
    said = []
    for args in CHANGES:
        result = runner.invoke(app, args)
        said.append((result.exit_code, result.output, plan_file.read_bytes()))
        if state == "damaged" and cache_on:
            _damaged(folder)
    if cache_on:  # what was written is in the cache, as it reads (a damaged entry: none)
        raw = plan_file.read_bytes()
        recalled = cache.recall(store.plan_file._real(plan_file), raw, plan_file.stat())
        assert (recalled is None) == (state == "damaged")
        if recalled is not None:
            with monkeypatch.context() as unset:
                unset.setenv("QUANHU_PLAN_CACHE", "off")
                assert recalled.to_doc() == store.load(store.PlanSource(plan_file)).to_doc()
    return said


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("state", CACHES)
def test_a_change_writes_and_says_what_it_does_with_the_cache_off(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any, layout: str, state: str
) -> None:
    data = _plan_bytes(layout)
    cached = _run(plan_file, data, state, monkeypatch, cache_on=True)
    plan_file.unlink()
    off = _run(plan_file, data, state, monkeypatch, cache_on=False)
    for (code, output, written), (code_off, output_off, written_off) in zip(
        cached, off, strict=True
    ):
        assert code == code_off == 0, output
        assert output == output_off
        assert written == written_off


def _header(folder: Path) -> tuple[Any, ...]:
    from _pickle import loads

    (entry,) = folder.glob("*.pickle")
    data = entry.read_bytes()
    key, counts, lengths, token, check = loads(data)
    at = len(data) - sum(lengths)
    chunks = []
    for length in lengths:
        chunks.append(data[at : at + length])
        at += length
    return counts, lengths, check, chunks


def test_the_entry_keeps_each_chunks_own_crc32(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    plan_file.write_bytes(_plan_bytes("canonical"))
    runner = CliRunner()
    folder = plan_file.parent / "cache"
    for args in (["status"], ["done", "2.5", "--on", "2023-06-30"]):
        assert runner.invoke(app, args).exit_code == 0
        counts, lengths, check, chunks = _header(folder)
        assert len(chunks) > 5  # (several chunks of tables)
        head = zlib.crc32(repr((counts, lengths)).encode("ascii"))
        assert tuple(check) == (head, *map(zlib.crc32, chunks))


def test_a_change_sums_only_the_chunks_it_stores_anew(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    plan_file.write_bytes(_plan_bytes("comments-crlf-bom"))
    runner = CliRunner()
    assert runner.invoke(app, ["status"]).exit_code == 0
    summed: list[int] = []
    plain_crc32 = zlib.crc32
    plain_store = cache_files.stored_entry

    def counted(data: Any, value: int = 0) -> int:
        summed.append(len(data))
        return plain_crc32(data, value)

    def storing(*args: Any, **kwargs: Any) -> Any:
        monkeypatch.setattr(zlib, "crc32", counted)
        try:
            return plain_store(*args, **kwargs)
        finally:
            monkeypatch.setattr(zlib, "crc32", plain_crc32)

    monkeypatch.setattr(cache, "stored_entry", storing)
    assert runner.invoke(app, ["done", "2.5", "--on", "2023-06-30"]).exit_code == 0
    counts, lengths, check, chunks = _header(plan_file.parent / "cache")
    assert summed  # the entry was stored
    # the header's counts and sizes, the head, and the one task's chunk of tables and of
    # sketches: not the other chunks, stored as they were read; and the layout kept with the
    # entry, whose sum its token holds (``cache_files._token``, session 29)
    kept = _kept_layout(plan_file)
    assert kept is not None and summed[0] == 8 * len(kept)
    assert len(summed) == 5 and len(chunks) > 6
    assert sum(summed[1:]) < sum(lengths) * 2 // 3
    head = zlib.crc32(repr((counts, lengths)).encode("ascii"))
    assert tuple(check) == (head, *map(zlib.crc32, chunks))
    # and the next command takes the plan from it
    monkeypatch.setattr(cache, "stored_entry", plain_store)
    raw = plan_file.read_bytes()
    assert cache.recall(store.plan_file._real(plan_file), raw, plan_file.stat()) is not None


def test_a_chunk_carried_over_and_damaged_on_disk_after_is_read_afresh(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    plan_file.write_bytes(_plan_bytes("canonical"))
    runner = CliRunner()
    assert runner.invoke(app, ["status"]).exit_code == 0
    assert runner.invoke(app, ["done", "2.5", "--on", "2023-06-30"]).exit_code == 0
    folder = plan_file.parent / "cache"
    counts, lengths, check, chunks = _header(folder)
    (entry,) = folder.glob("*.pickle")
    data = bytearray(entry.read_bytes())
    last = len(data) - lengths[-1] // 2  # inside the last chunk of tables, which no change touched
    data[last] ^= 0x01
    entry.write_bytes(bytes(data))
    raw = plan_file.read_bytes()
    assert cache.recall(store.plan_file._real(plan_file), raw, plan_file.stat()) is None
    said = runner.invoke(app, ["show", "3.150"])
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    assert said.exit_code == 0
    assert said.output == runner.invoke(app, ["show", "3.150"]).output


def _kept_layout(plan_file: Path) -> tuple[int, ...] | None:
    """The layout facts kept beside the plan's entry, if they are of its entry."""
    from _pickle import loads

    from quanhu_plan.store.cache_files import stored_layout

    (entry,) = (plan_file.parent / "cache").glob("*.pickle")
    token = loads(entry.read_bytes())[3]
    return stored_layout(entry, token)


def _body(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


@pytest.mark.parametrize("layout", ["canonical", "comments-crlf-bom"])
def test_the_layout_kept_beside_the_entry_is_that_of_the_bytes_after_each_change(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any, layout: str
) -> None:
    from quanhu_plan import toml_blocks

    data = _plan_bytes(layout)
    plan_file.write_bytes(data)
    runner = CliRunner()
    assert runner.invoke(app, ["status"]).exit_code == 0
    assert _kept_layout(plan_file) is None  # (a first read keeps none: a change works it out)
    searched: list[int] = []
    plain_facts = toml_blocks.layout_facts
    monkeypatch.setattr(
        toml_blocks, "layout_facts", lambda data: searched.append(1) or plain_facts(data)
    )
    from quanhu_plan import patch_bytes as patch

    monkeypatch.setattr(patch, "layout_facts", toml_blocks.layout_facts)
    for round_ in range(2):
        for args in CHANGES[:3]:  # (tasks' blocks: the file put back below is read in pieces)
            assert runner.invoke(app, args).exit_code == 0
            kept = _kept_layout(plan_file)
            assert kept is not None and kept == plain_facts(_body(plan_file.read_bytes()))
        # the file put back as it was (a git checkout): the stale entry's layout, worked out
        plan_file.write_bytes(_hand_edited(data) if round_ else data)
        assert runner.invoke(app, ["status"]).exit_code == 0
        kept = _kept_layout(plan_file)
        assert kept is not None and kept == plain_facts(_body(plan_file.read_bytes()))
    assert len(searched) == 1  # the file searched whole by the first change alone


def test_a_layout_kept_that_is_damaged_or_of_another_entry_is_not_used(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    data = _plan_bytes("comments-crlf-bom")
    runner = CliRunner()
    said = []
    for damage in (None, "flip", "other entry"):
        plan_file.write_bytes(data)
        folder = plan_file.parent / "cache"
        for old in folder.glob("*"):
            old.unlink()
        assert runner.invoke(app, ["status"]).exit_code == 0
        assert runner.invoke(app, CHANGES[0]).exit_code == 0
        (blocks,) = folder.glob("*.blocks")
        kept = bytearray(blocks.read_bytes())
        if damage == "flip":
            kept[-3] ^= 0x01  # (a header line's place moved by a byte or more)
        elif damage == "other entry":
            kept[:8] = bytes(8)
        blocks.write_bytes(bytes(kept))
        result = runner.invoke(app, CHANGES[1])
        said.append((result.exit_code, result.output, plan_file.read_bytes()))
    assert said[0] == said[1] == said[2]


@pytest.mark.parametrize("seed", range(6))
def test_the_layout_after_runs_replaced_is_that_of_the_new_bytes(seed: int) -> None:
    import random

    from quanhu_plan.toml_layout import facts_after, layout_facts

    chooser = random.Random(seed)
    data = _body(_plan_bytes(LAYOUTS[seed % 2]))
    lines = data.splitlines(keepends=True)
    facts = layout_facts(data)
    assert facts is not None
    odd = [b"[item.extra]\n", b"  [[removed]]\n", b"[[item]]\n", b"[[item.log]]\n", b"x = 1\n"]
    for _ in range(20):
        if len(lines) < 8:
            break
        cuts = sorted(chooser.sample(range(len(lines) + 1), 4))
        starts = [sum(map(len, lines[:cut])) for cut in cuts]
        replaced = []
        for start_line, end_line in ((cuts[0], cuts[1]), (cuts[2], cuts[3])):
            new = b"".join(chooser.choice(odd) for _ in range(chooser.randrange(4)))
            start = sum(map(len, lines[:start_line]))
            end = sum(map(len, lines[:end_line]))
            replaced.append((start, end, new))
        assert starts  # (the runs from line starts to line starts, in order)
        out, cursor = [], 0
        for start, end, new in replaced:
            out += [data[cursor:start], new]
            cursor = end
        out.append(data[cursor:])
        new_data = b"".join(out)
        assert facts_after(facts, replaced) == layout_facts(new_data)
        data, facts = new_data, layout_facts(new_data)
        lines = data.splitlines(keepends=True)
        assert facts is not None


def test_a_change_of_a_file_not_laid_out_simply_keeps_no_layout(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    """Items before [plan] (its blocks cut up whole by ``Layout``): the runs a change replaces
    are not known to be whole lines there, so nothing is kept, and the next change searches."""
    text = dumps(plan_doc(_items(150)))
    head, items = text.split("\n[[item]]", 1)
    data = ("[[item]]" + items.rstrip("\n") + "\n\n" + head + "\n").encode("utf-8")
    plan_file.write_bytes(data)
    runner = CliRunner()
    cached = []
    for args in (["status"], *CHANGES[:3]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        cached.append((result.output, plan_file.read_bytes()))
        assert not list((plan_file.parent / "cache").glob("*.blocks"))
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    plan_file.write_bytes(data)
    for args, said in zip((["status"], *CHANGES[:3]), cached, strict=True):
        result = runner.invoke(app, args)
        assert (result.output, plan_file.read_bytes()) == said
