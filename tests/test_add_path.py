"""``plan add`` written as one new block put into the file's bytes (``plan_file._save_added``),
the new item checked alone (``guard._fits``), against the whole way it replaces (the document as
read rebuilt from every table, the whole check, ``patch`` of the whole text): the same bytes, on
generated plans laid out in many hand-written ways (comments, blank lines, CRLF, a BOM, no final
line end, [plan] last, an archive, multi-line strings, where the whole way is taken); the file
is written and read back in pieces (``store.spliced.Spliced``), never joined."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import guard, store, structure
from quanhu_plan.canonical import dumps
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app
from quanhu_plan.errors import BadChange
from quanhu_plan.store import cache, plan_file
from quanhu_plan.store.locating import PlanSource
from quanhu_plan.store.spliced import Spliced
from quanhu_plan.validate import MAX_TREE_DEPTH

from .conftest import plan_doc
from .test_lazy_cache import plans
from .test_lazy_cache_commands import SOME
from .test_minimal_edit import HAND_WRITTEN

STAMP = Stamp("测试员", dt.datetime(2023, 6, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))


def _laid_out(text: str, draw: Any) -> str:
    """A canonical plan text laid out as a hand might have left it."""
    lines = text.split("\n")
    out: list[str] = []
    for n, line in enumerate(lines):
        if line == "[[item]]" and draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(["# 注释", "", "#", "# [[item]] 不是表头"])))
        if line.startswith("title = ") and draw(st.integers(0, 5)) == 0:
            line += "   # 名称"
        out.append(line)
        del n
    text = "\n".join(out)
    if draw(st.booleans()):  # [plan] moved after the items
        match = re.match(r"\[plan\]\n(?:[^\[\n].*\n|\n)*", text)
        if match:
            text = text[match.end() :].rstrip("\n") + "\n\n" + match.group().rstrip("\n") + "\n"
    ending = draw(st.sampled_from(["", "\n# 文件末尾\n", "\n\n"]))
    text = text.rstrip("\n") + ("\n" if draw(st.integers(0, 3)) else "") + ending
    if draw(st.integers(0, 5)) == 0:  # a multi-line string: written by the whole way
        text = text.replace('title = "部分1"', 'title = "部分1"\ndetail = """\n两行\n文字"""', 1)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@st.composite
def laid_out_plans(draw: Any) -> tuple[bytes, list[str], bool]:
    items = draw(plans())
    text = _laid_out(dumps(plan_doc(items)), draw)
    bom = draw(st.integers(0, 4)) == 0
    parents = ["", *(item["id"] for item in items)]
    return ("\ufeff" * bom + text).encode("utf-8"), parents, draw(st.booleans())


def _add(
    folder: Path, data: bytes, parent: str, *, whole: bool, warm: bool
) -> tuple[bytes, list[bool]]:
    """The file after ``plan add PARENT`` (with fields and a note) made the new way or, with
    ``whole``, the whole way; ``warm``: on a plan recalled from the parse cache. Returns the
    bytes, and whether the new way wrote them."""
    folder.mkdir()
    path = folder / "plan.toml"
    path.write_bytes(data)
    took: list[bool] = []
    real = plan_file._save_added

    def spy(*args: Any) -> Any:
        added = real(*args)
        took.append(added is not None)
        return added

    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(folder.parent / "cache")}):
        if warm:
            assert CliRunner().invoke(app, ["--file", str(path), "status"]).exit_code == 0
        fields = {"detail": "具体内容", "due": dt.date(2023, 9, 30), "support_units": ["甲", "乙"]}

        def change(plan: Any) -> Any:
            return structure.add(plan, parent, "新的任务", STAMP, fields=fields, note="备注")

        with (
            mock.patch.object(plan_file, "_save_added", (lambda *a: None) if whole else spy),
            mock.patch.object(guard, "_fits", (lambda *a: False) if whole else guard._fits),
        ):
            store.update(PlanSource(path), lambda plan: guard.checked(plan, change))
    return path.read_bytes(), took


@SOME
@given(plan=laid_out_plans(), pick=st.integers(0, 999), warm=st.booleans(), rm=st.booleans())
def test_add_writes_the_bytes_the_whole_write_writes(plan, pick, warm, rm):
    data, parents, _ = plan
    parent = parents[pick % len(parents)]
    removed = parents[-1] if rm and parents[-1] != parent and len(parents) > 2 else None
    if removed is not None and parent.startswith(removed + "."):
        removed = None
    with tempfile.TemporaryDirectory() as folder:
        if removed is not None:  # an archive in the file (the rm refused for an item in conflict)
            first = Path(folder) / "rm.toml"
            first.write_bytes(data)
            CliRunner().invoke(app, ["--file", str(first), "rm", removed, "-y"])
            data = first.read_bytes()
        new, _ = _add(Path(folder) / "new", data, parent, whole=False, warm=warm)
        old, _ = _add(Path(folder) / "old", data, parent, whole=True, warm=warm)
    assert new == old


PLAIN_HAND = HAND_WRITTEN.replace('detail = """\n修缮山塘40处，\n含清淤（[x] 已立项）。"""\n', "")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("parent", ["1", "2", "2.1", "1.2", "", "top"])
@pytest.mark.parametrize("warm", [False, True])
def test_add_to_a_hand_written_file_takes_the_new_way_and_writes_the_same_bytes(
    tmp_path, newline, bom, parent, warm
):
    data = (bom + PLAIN_HAND.replace("\n", newline)).encode("utf-8")
    new, took = _add(tmp_path / "new", data, parent, whole=False, warm=warm)
    old, _ = _add(tmp_path / "old", data, parent, whole=True, warm=warm)
    assert took == [True]
    assert new == old
    # every byte of the file as it was, and one block more
    assert len(new) > len(data)
    at = next(n for n in range(len(data)) if new[n] != data[n])
    assert new.endswith(data[at:])


def test_add_to_a_file_with_a_multi_line_string_is_written_the_whole_way(tmp_path):
    data = HAND_WRITTEN.encode("utf-8")
    new, took = _add(tmp_path / "new", data, "2", whole=False, warm=True)
    old, _ = _add(tmp_path / "old", data, "2", whole=True, warm=True)
    assert took == [False]
    assert new == old


def test_add_under_the_deepest_item_is_refused_with_the_whole_checks_message(tmp_path):
    items = [{"id": "1", "title": "第1层"}]
    for depth in range(2, MAX_TREE_DEPTH + 1):
        items.append({"id": f"{items[-1]['id']}.1", "title": f"第{depth}层"})
    data = dumps(plan_doc(items)).encode("utf-8")
    deepest = items[-1]["id"]
    messages = []
    for whole in (False, True):
        with pytest.raises(BadChange) as refused:
            _add(tmp_path / str(whole), data, deepest, whole=whole, warm=True)
        messages.append(refused.value.message("en"))
        assert (tmp_path / str(whole) / "plan.toml").read_bytes() == data
    assert messages[0] == messages[1]
    assert "nest at most" in messages[0]


def test_add_then_status_from_the_cache_and_undo_are_as_the_cache_off(tmp_path, monkeypatch):
    path = tmp_path / "plan.toml"
    path.write_text(PLAIN_HAND, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(path), "status"]).exit_code == 0
    result = runner.invoke(app, ["--file", str(path), "add", "2", "新的任务", "--owner", "王五"])
    assert result.exit_code == 0, result.output
    assert "2.2" in result.output
    warm = runner.invoke(app, ["--file", str(path), "show", "2.2"])
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    cold = runner.invoke(app, ["--file", str(path), "show", "2.2"])
    assert warm.exit_code == cold.exit_code == 0
    assert warm.output == cold.output
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    assert runner.invoke(app, ["--file", str(path), "undo"]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "新的任务" in text  # kept in the archive; every line of the plan's items as written
    assert text.startswith(PLAIN_HAND[: PLAIN_HAND.index("# 文件到此为止")])
    gone = runner.invoke(app, ["--file", str(path), "show", "2.2"])
    assert gone.exit_code == 1


def test_spliced_bytes_are_written_and_compared_in_pieces(tmp_path):
    data = bytes(range(256)) * 9000
    spliced = Spliced(data, 1000, b"NEW")
    whole = data[:1000] + b"NEW" + data[1000:]
    assert spliced.joined() == whole and len(spliced) == len(whole)
    path = tmp_path / "f"
    with open(path, "wb") as handle:
        spliced.write_to(handle)
    assert path.read_bytes() == whole
    assert spliced.held_by(path)
    for other in (whole[:-1], whole + b"x", whole[:5000] + b"?" + whole[5001:]):
        path.write_bytes(other)
        assert not spliced.held_by(path)
    with pytest.raises(ValueError):
        Spliced(data, len(data) + 1, b"")


def _recalled_as_read(path: Path) -> list[bool]:
    """Whether the parse cache has an entry for the file as it is (lazily, then whole), each
    checked to recall the plan a read of the file gives: the same items in the same tree, with
    the same places in the file, the same tables (keys in the same order), header and archive."""
    raw = path.read_bytes()
    real, stat = path.resolve(), os.stat(path)
    read = store.plan_from_text(raw.decode("utf-8-sig"), str(path))
    found = []
    for whole in (False, True):
        recalled = cache.recall(real, raw, stat, whole)
        found.append(recalled is not None)
        if recalled is None:
            continue
        a, b = recalled.item_list(), read.item_list()
        assert [(i.id, i.index, i.parent.id if i.parent else "") for i in a] == [
            (i.id, i.index, i.parent.id if i.parent else "") for i in b
        ]
        assert [list(i.data.items()) for i in a] == [list(i.data.items()) for i in b]
        assert (recalled.meta, recalled.extra) == (read.meta, read.extra)
    return found


@SOME
@given(plan=laid_out_plans(), pick=st.integers(0, 999), chunk=st.sampled_from([1, 2, 3, 40]))
def test_the_entry_stored_after_an_add_recalls_the_plan_a_read_of_the_file_gives(plan, pick, chunk):
    data, parents, _ = plan
    parent = parents[pick % len(parents)]
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", chunk):
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            _add(Path(folder) / "new", data, parent, whole=False, warm=True)
            _recalled_as_read(Path(folder) / "new" / "plan.toml")


@pytest.mark.parametrize("chunk", [1, 3, 256])
@pytest.mark.parametrize(
    ("parent", "stored"), [("1", True), ("2", True), ("", True), ("1.3", False)]
)
def test_an_add_under_a_goal_or_a_part_stores_the_plan_in_the_parse_cache(
    tmp_path, monkeypatch, chunk, parent, stored
):
    """(Under a task, which becomes a goal, the entry is left stale, as before.)"""
    monkeypatch.setattr(cache, "CHUNK", chunk)
    path = tmp_path / "plan.toml"
    path.write_text(PLAIN_HAND, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(path), "status"]).exit_code == 0
    result = runner.invoke(
        app, ["--file", str(path), "add", parent, "新的任务", "--due", "2023-09"]
    )
    assert result.exit_code == 0, result.output
    assert _recalled_as_read(path) == [stored, stored]
    shown = runner.invoke(app, ["--file", str(path), "status"])
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    assert shown.output == runner.invoke(app, ["--file", str(path), "status"]).output


@pytest.mark.parametrize("parent", ["1", "2", "", "1.3"])
def test_adds_and_undos_print_and_write_the_same_with_the_cache_on_and_off(
    tmp_path, monkeypatch, parent
):
    monkeypatch.setattr(Stamp, "current", classmethod(lambda cls, by: cls(by, STAMP.now)))
    monkeypatch.setattr(cache, "CHUNK", 2)
    runs = []
    for name in ("on", "off"):
        path = tmp_path / name / "plan.toml"
        path.parent.mkdir()
        path.write_text(PLAIN_HAND, encoding="utf-8")
        monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache") if name == "on" else "off")
        outputs = []
        for args in (
            ["status"],
            ["add", parent, "新的任务", "--owner", "王五"],
            ["status"],
            ["add", parent, "又一个任务"],
            ["list"],
            ["undo"],
            ["status"],
            ["undo"],
            ["list"],
        ):
            result = CliRunner().invoke(app, ["--file", str(path), *args])
            outputs.append((result.exit_code, result.output.replace(name, "X")))
        runs.append((outputs, path.read_bytes()))
    assert runs[0] == runs[1]


def test_add_to_a_plan_with_two_hard_links_writes_it_in_place_for_both(tmp_path):
    data = PLAIN_HAND.encode("utf-8")
    old, _ = _add(tmp_path / "old", data, "2", whole=True, warm=True)
    folder = tmp_path / "new"
    folder.mkdir()
    other = tmp_path / "link.toml"
    other.write_bytes(data)
    os.link(other, folder / "plan.toml")
    took: list[bool] = []
    real = plan_file._save_added

    def spy(*args: Any) -> Any:
        added = real(*args)
        took.append(added is not None)
        return added

    with (
        mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}),
        mock.patch.object(plan_file, "_save_added", spy),
    ):
        path = folder / "plan.toml"
        assert CliRunner().invoke(app, ["--file", str(path), "status"]).exit_code == 0

        def change(plan: Any) -> Any:
            fields = {
                "detail": "具体内容",
                "due": dt.date(2023, 9, 30),
                "support_units": ["甲", "乙"],
            }
            return structure.add(plan, "2", "新的任务", STAMP, fields=fields, note="备注")

        store.update(PlanSource(path), lambda plan: guard.checked(plan, change))
    assert took == [True]
    assert path.read_bytes() == other.read_bytes() == old
    assert os.stat(path).st_nlink == 2
