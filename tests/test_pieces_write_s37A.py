"""Session 37A: a change patched as bytes is written as the old bytes with the runs it replaced
(``store.spliced.Spliced``), and read back a block at a time into one buffer: the new file is
never joined in memory, nor read back into a fresh copy of it, and a read-back that differs in
one byte is still refused with the plan untouched."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan import changes, patch_bytes
from quanhu_plan.cli import app
from quanhu_plan.store import files, spliced
from quanhu_plan.store.spliced import Spliced, file_holds

from .conftest import write_plan
from .test_long_trace_changes import long_items

BLOCK = spliced._BLOCK


def _data(size: int) -> bytes:
    return bytes((n * 7 + n // 251) % 256 for n in range(size))


def _by_hand(data: bytes, replaced: list[tuple[int, int, bytes]]) -> bytes:
    out, cursor = b"", 0
    for start, end, new in replaced:
        out += data[cursor:start] + new
        cursor = end
    return out + data[cursor:]


# Runs at the start and the end, an insert, adjacent runs, an empty replacement (a deletion),
# one that crosses a block boundary and one as long as several blocks.
SIZE = 3 * BLOCK + 1234
RUNS = [
    (0, 5, b"HEAD-OF-IT"),
    (1000, 1000, b"PUT-IN"),
    (1000, 1010, b""),
    (1010, 1020, b"x" * 30),
    (BLOCK - 3, BLOCK + 3, b"\xe4\xbf\xae" * 4),
    (BLOCK + 500, 2 * BLOCK, _data(2 * BLOCK + 17)[::-1]),
    (SIZE - 7, SIZE, b"TAIL"),
]


def test_runs_replaced_anywhere_are_written_and_compared_in_pieces(tmp_path: Path) -> None:
    data = _data(SIZE)
    whole = _by_hand(data, RUNS)
    pieces = Spliced.replacing(data, RUNS)
    assert len(pieces) == len(whole) and pieces.joined() == whole
    assert pieces.same_as(whole) and not pieces.unchanged()
    path = tmp_path / "f"
    with open(path, "wb") as handle:
        pieces.write_to(handle)
    assert path.read_bytes() == whole
    assert pieces.held_by(path)
    # a byte changed in each run of the whole (old and new), at its first and last byte, the
    # file a byte short or long: none holds it
    edges, at = [], 0
    for _, start, stop in pieces._runs():
        edges += [at, at + (stop - start) // 2, at + stop - start - 1]
        at += stop - start
    assert at == len(whole)
    others = [whole[:-1], whole + b"\n", b""]
    others += [whole[:n] + bytes([whole[n] ^ 1]) + whole[n + 1 :] for n in edges]
    for other in others:
        path.write_bytes(other)
        assert not pieces.held_by(path), len(other)
        assert not pieces.same_as(other)
    assert not pieces.held_by(tmp_path / "missing")


def test_each_run_alone_at_the_start_the_end_empty_and_nothing_replaced(tmp_path: Path) -> None:
    data = _data(BLOCK + 99)
    path = tmp_path / "f"
    for runs in (
        [(0, 0, b"first ")],
        [(0, 10, b"")],
        [(len(data), len(data), b" last")],
        [(len(data) - 10, len(data), b"")],
        [(0, len(data), b"all of it")],
        [(5, 5, b""), (5, 5, b"")],
        [],
    ):
        pieces = Spliced.replacing(data, runs)
        whole = _by_hand(data, runs)
        assert pieces.joined() == whole and len(pieces) == len(whole), runs
        with open(path, "wb") as handle:
            pieces.write_to(handle)
        assert path.read_bytes() == whole and pieces.held_by(path), runs
        assert pieces.unchanged() == (whole == data), runs
    assert Spliced.replacing(data, [(3, 6, data[3:6])]).unchanged()


@pytest.mark.parametrize(
    "runs",
    [[(5, 4, b"")], [(0, len(b"abc") + 1, b"")], [(2, 3, b""), (1, 2, b"")], [(-1, 0, b"")]],
)
def test_runs_out_of_order_or_outside_the_bytes_are_refused(runs: Any) -> None:
    with pytest.raises(ValueError):
        Spliced.replacing(b"abc", runs)


def test_a_short_and_a_long_file_are_compared_whole_and_by_blocks(tmp_path: Path) -> None:
    path = tmp_path / "f"
    for size in (0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK):
        data = _data(size)
        path.write_bytes(data)
        assert file_holds(path, [(data, 0, size)]), size
        assert files.holds(path, data), size
        if size:
            assert not files.holds(path, data[:-1] + bytes([data[-1] ^ 0x80])), size
            assert not files.holds(path, data[:-1]) and not files.holds(path, data + b"!")


def test_the_buffer_read_into_is_made_once_and_used_again(tmp_path: Path) -> None:
    data = _data(2 * BLOCK + 5)
    path = tmp_path / "f"
    path.write_bytes(data)
    assert files.holds(path, data)
    kept = list(spliced._FREE)
    assert len(kept) == 1 and len(kept[0]) == BLOCK
    assert files.holds(path, data) and not files.holds(path, data[:-1] + b"?")
    assert spliced._FREE == kept and spliced._FREE[0] is kept[0]


# ---------------------------------------------------------------- a change of a long plan

AT = dt.datetime(2023, 6, 30, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _note(path: Path) -> Any:
    with mock.patch.object(changes.Stamp, "current", classmethod(lambda cls, by: cls("me", AT))):
        return CliRunner().invoke(
            app, ["--file", str(path), "note", "1.3", "进展顺利", "--on", "2023-06-30"]
        )


def _long_plan(plan_file: Path) -> bytes:
    write_plan(plan_file, long_items(3000))
    raw = plan_file.read_bytes()
    assert len(raw) > 2 * BLOCK  # read back a block at a time
    warm = CliRunner().invoke(app, ["--file", str(plan_file), "status"])
    assert warm.exit_code == 0, warm.output
    return raw


def _expected(tmp_path: Path, raw: bytes) -> tuple[str, bytes]:
    """What the note writes where the plan is read afresh and patched as text."""
    twin = tmp_path / "twin" / "plan.toml"
    twin.parent.mkdir()
    twin.write_bytes(raw)
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": "off"}):
        result = _note(twin)
    assert result.exit_code == 0, result.output
    return result.stdout.replace(str(twin), "PLAN"), twin.read_bytes()


def test_a_note_of_a_long_plan_is_written_in_pieces_never_joined_nor_read_back_whole(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _long_plan(plan_file)
    said, expected = _expected(tmp_path, raw)

    def joined(self: Any) -> bytes:
        raise AssertionError("the whole new file joined")

    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert not self.name.endswith(".quanhu-tmp"), "read back whole"
        return real_read(self)

    monkeypatch.setattr(patch_bytes.ByteEdit, "data", property(joined))
    monkeypatch.setattr(Spliced, "joined", joined)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    runs: list[int] = []
    real_holds = spliced.file_holds

    def counted(path: Any, pieces: Any) -> bool:
        runs.append(len(pieces))
        return real_holds(path, pieces)

    monkeypatch.setattr(spliced, "file_holds", counted)
    result = _note(plan_file)
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert result.stdout.replace(str(plan_file), "PLAN") == said
    assert plan_file.read_bytes() == expected
    assert runs[0] == 3  # the old bytes before the item's block, the new block, the rest


class _OneByteOff(io.FileIO):
    """A temp file that reads back with one byte changed, at ``spot`` of the file."""

    spot = -1

    def readinto(self, buffer: Any) -> int:
        at = self.tell()
        count = super().readinto(buffer)
        if count and at <= self.spot < at + count:
            view = memoryview(buffer).cast("B")
            view[self.spot - at] ^= 0x20
        return count or 0


def test_a_long_plan_whose_read_back_differs_in_one_byte_of_a_middle_run_is_untouched(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _long_plan(plan_file)
    runs: list[Any] = []
    real_holds = spliced.file_holds

    def one_byte_off(path: Any, pieces: Any) -> bool:
        if not str(path).endswith(".quanhu-tmp"):
            return real_holds(path, pieces)
        runs.append(pieces)
        # the middle of the middle run (the item's new block), as an offset of the file
        middle = len(pieces) // 2
        _OneByteOff.spot = sum(stop - start for _, start, stop in pieces[:middle])
        _OneByteOff.spot += (pieces[middle][2] - pieces[middle][1]) // 2
        monkeypatch.setattr(spliced, "open", lambda p, *a, **k: _OneByteOff(p, "rb"), raising=False)
        try:
            return real_holds(path, pieces)
        finally:
            monkeypatch.delattr(spliced, "open")

    monkeypatch.setattr(spliced, "file_holds", one_byte_off)
    result = _note(plan_file)
    monkeypatch.undo()
    assert len(runs) == 1 and len(runs[0]) == 3
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"错误：无法写入 {plan_file}：" in result.stderr
    assert "写入后读回的内容与写入的不一致" in result.stderr
    assert "原文件没有改动" in result.stderr
    assert result.stdout == ""
    assert plan_file.read_bytes() == raw
    assert [p.name for p in plan_file.parent.iterdir() if p.name.endswith(".quanhu-tmp")] == []
    # and made again, it is written
    said, expected = _expected(tmp_path, raw)
    again = _note(plan_file)
    assert again.exit_code == 0, again.output
    assert plan_file.read_bytes() == expected


def test_a_hard_linked_long_plan_gets_the_note_through_both_names(
    plan_file: Path, tmp_path: Path
) -> None:
    raw = _long_plan(plan_file)
    _, expected = _expected(tmp_path, raw)
    other = tmp_path / "other.toml"
    os.link(plan_file, other)
    result = _note(plan_file)
    assert result.exit_code == 0, result.output
    assert plan_file.read_bytes() == expected == other.read_bytes()
    assert os.path.samefile(plan_file, other)


def test_a_short_file_put_in_the_place_of_a_long_one_is_not_read_whole(tmp_path: Path) -> None:
    """(what ``holds`` compares with a short plan is read whole only when its size matches)"""
    path = tmp_path / "f"
    path.write_bytes(_data(3 * BLOCK))
    short = _data(100)
    with mock.patch.object(Path, "read_bytes", side_effect=AssertionError("read whole")):
        assert not files.holds(path, short)
    path.write_bytes(short)
    assert files.holds(path, short)


# ---------------------------------------------------------------- the file replaced, kept open


def _open_inodes() -> set[int]:
    """The inodes of the files this process has open."""
    found = set()
    for name in os.listdir("/proc/self/fd"):
        try:
            found.add(os.stat(f"/proc/self/fd/{name}").st_ino)
        except OSError:
            pass
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux")
def test_the_program_keeps_the_file_it_replaced_open_the_last_one_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Freeing the replaced file's pages is left to the process that stores the cache entry
    after the answer (``files._keep_open``, ``cache_later.leave``): the rename frees none."""
    from quanhu_plan import collector

    monkeypatch.setattr(files, "_KEPT", [])
    path = tmp_path / "plan.toml"
    path.write_bytes(b"one")
    first = os.stat(path).st_ino
    files.atomic_write(path, b"two")  # (not the program: nothing kept)
    assert files._KEPT == [] and path.read_bytes() == b"two"
    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    second = os.stat(path).st_ino
    files.atomic_write(path, b"three")
    (kept,) = files._KEPT
    held = os.fstat(kept)
    assert (held.st_ino, held.st_nlink) == (second, 0) and second != first
    assert os.pread(kept, 10, 0) == b"two"
    third = os.stat(path).st_ino
    files.atomic_write(path, Spliced.replacing(b"three", [(0, 5, b"four")]))
    (kept,) = files._KEPT
    assert second not in _open_inodes()  # (the one before let go of)
    assert os.fstat(kept).st_ino == third and path.read_bytes() == b"four"
    files.atomic_write(tmp_path / "new.docx", b"made")  # (a new file: nothing replaced)
    assert files._KEPT == [kept]
    os.close(kept)


@pytest.mark.skipif(os.name != "posix", reason="POSIX")
def test_no_file_is_kept_open_on_a_share_and_a_rename_refused_for_it_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quanhu_plan import collector

    monkeypatch.setattr(files, "_KEPT", [])
    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    path = tmp_path / "plan.toml"
    path.write_bytes(b"one")
    real_major = os.major
    monkeypatch.setattr(os, "major", lambda device: 0)  # (NFS, SMB, FUSE, tmpfs: no disk)
    files.atomic_write(path, b"two")
    assert files._KEPT == [] and path.read_bytes() == b"two"
    monkeypatch.setattr(os, "major", real_major)
    if not os.major(os.stat(path).st_dev):
        pytest.skip("a temporary folder on a file system without a disk of its own")
    real_replace, tries = os.replace, []

    def refused_while_held(source: Any, target: Any) -> None:
        tries.append(list(files._KEPT))
        if files._KEPT:  # (as a share that replaces no file held open)
            raise PermissionError(13, "held open")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", refused_while_held)
    files.atomic_write(path, b"three")
    assert len(tries) == 2 and tries[0] and not tries[1]
    assert path.read_bytes() == b"three" and files._KEPT == []
