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
from quanhu_plan.store import plan_file
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

    def spy(*args: Any) -> bool:
        took.append(real(*args))
        return took[-1]

    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(folder / "cache")}):
        if warm:
            assert CliRunner().invoke(app, ["--file", str(path), "status"]).exit_code == 0
        fields = {"detail": "具体内容", "due": dt.date(2023, 9, 30), "support_units": ["甲", "乙"]}

        def change(plan: Any) -> Any:
            return structure.add(plan, parent, "新的任务", STAMP, fields=fields, note="备注")

        with (
            mock.patch.object(plan_file, "_save_added", (lambda *a: False) if whole else spy),
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
