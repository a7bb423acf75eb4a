"""A plan file changed since its parse cache entry was made (by hand, by ``git pull``) is read
with the unchanged items taken from the entry (``store.pieces``): the plan is the very plan a
whole read gives, key order and types included, and anything that reads otherwise (an error, a
problem, a text the pieces do not follow) is read the whole way, with its messages."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.errors import PlanError
from quanhu_plan.model import Plan
from quanhu_plan.store import cache, pieces, plan_text
from quanhu_plan.store.decoding import decode as _decode
from quanhu_plan.store.locating import PlanSource
from quanhu_plan.trace import newest_at

from .conftest import SMALL_ITEMS, plan_doc
from .test_cache import outputs as cache_outputs
from .test_fuzz_files import plan_files

MANY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def identical(a: Any, b: Any) -> bool:
    """Equal, of the same types and with keys in the same order all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(identical(a[key], b[key]) for key in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(map(identical, a, b))
    if isinstance(a, float | dt.date | dt.time):
        return repr(a) == repr(b)
    return bool(a == b)


def whole_read(text: str) -> Any:
    """The plan a whole read of the text gives, packed; or None when it gives an error or
    problems."""
    try:
        plan, problems = plan_text.inspect_text(text, "plan.toml")
    except PlanError:
        return None
    return None if problems or plan is None else plan.packed()[:5]


@contextlib.contextmanager
def stale_entry(folder: Path, before: bytes, after: bytes) -> Iterator[Path]:
    """A plan file that holds ``after``, its cache entry made of ``before`` (the cache on in
    ``folder`` inside)."""
    path = folder / "plan.toml"
    path.write_bytes(before)
    with mock.patch.dict(os.environ, {cache.CACHE_ENV: str(folder / "cache")}):
        try:
            store.load(PlanSource(path))
        except PlanError:
            pass
        path.write_bytes(after)
        yield path


def reread(folder: Path, before: bytes, after: bytes) -> tuple[Any, Any]:
    """What ``pieces.reread`` makes of ``after`` with the entry ``before`` left (None when it
    leaves the file to a whole read), and what a whole read makes of it."""
    with stale_entry(folder, before, after) as path:
        plan = pieces.reread(path.resolve(), after)
    return (None if plan is None else plan.packed()[:5]), whole_read(after.decode("utf-8-sig"))


def recalled_edited(
    folder: Path, before: bytes, after: bytes, whole: bool, goals: bool
) -> tuple[Any, Any]:
    """What ``pieces.recall_edited`` makes of ``after`` with the entry ``before`` left (None
    when it leaves the file to ``reread``), packed with its newest ``at``, and the same of a
    whole read."""
    with stale_entry(folder, before, after) as path:
        plan = pieces.recall_edited(path.resolve(), after, os.stat(path), whole, goals)
        if plan is not None and goals and type(plan) is not Plan:
            assert whole_read(after.decode("utf-8-sig")) is not None
            plan = cache.recall(path.resolve(), after, os.stat(path))  # (what was stored)
            assert plan is not None
    try:
        whole_plan, problems = plan_text.inspect_text(after.decode("utf-8-sig"), "plan.toml")
    except PlanError:
        whole_plan, problems = None, ["an error"]
    wanted = None
    if whole_plan is not None and not problems:
        wanted = (*whole_plan.packed()[:5], newest_at(whole_plan))
    got = None if plan is None else (*plan.packed()[:5], plan.newest_at)
    return got, wanted


def assert_recalled_alike(before: bytes, after: bytes, whole: bool, goals: bool) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        got, wanted = recalled_edited(Path(folder), before, after, whole, goals)
    if got is not None:
        assert wanted is not None, "a plan recalled edited where a whole read refuses the file"
        assert identical(got, wanted)
    return got


def assert_reread_alike(before: bytes, after: bytes) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        got, wanted = reread(Path(folder), before, after)
    if got is not None:
        assert wanted is not None, "a plan made of pieces where a whole read refuses the file"
        assert identical(got, wanted)
    return got


# ---------------------------------------------------------------- edits


def items_text(count: int, crlf: bool = False, **decorations: bool) -> str:
    """A plan of ``count`` tasks as the tool writes it, with what hands add."""
    items: list[dict[str, Any]] = [{"id": "1", "title": "基础设施"}]
    for n in range(1, count + 1):
        items.append(
            {
                "id": f"1.{n}",
                "title": f"任务{n}",
                "status": ["todo", "doing", "done"][n % 3],
                "progress": n % 100,
                "due": dt.date(2023, 1 + n % 12, 1 + n % 28),
                "log": [
                    {
                        "at": dt.datetime(2023, 2, 1 + n % 27, 9, tzinfo=dt.UTC),
                        "by": "张三",
                        "action": "progress",
                        "before": {"progress": 0},
                        "after": {"progress": n % 100},
                    }
                ]
                if n % 4 == 0
                else [],
            }
        )
    for item in items:
        if not item.get("log", True):
            del item["log"]
    doc = plan_doc(items)
    if decorations.get("archive"):
        doc["removed"] = [
            {
                "at": dt.datetime(2023, 3, 1, 9, tzinfo=dt.UTC),
                "by": "张三",
                "action": "rm",
                "item": [{"id": "9", "title": "删掉的"}],
            }
        ]
    text = dumps(doc)
    if decorations.get("comments"):
        text = text.replace('\nstatus = "doing"', '\n# 手写的说明\nstatus = "doing"  # 在办')
    if crlf:
        text = text.replace("\n", "\r\n")
    return text


FRAGMENTS = [
    '"""',
    "'''",
    "\n[[item]]\n",
    "\n[[item]]",
    '\n[[item]]\nid = "1.1"\ntitle = "重复"\n',
    '\n[[item]]\nid = "1.99"\ntitle = "新任务"\n',
    '\n[[ item ]]\nid = "1.98"\ntitle = "空格"\n',
    '\n[item]\nid = "x"\n',
    "\n[plan]\ntitle = 't'\n",
    "\n[plan.warning]\nyellow = 3\n",
    '\n[[removed]]\nat = 2023-04-01T09:00:00Z\n[[removed.item]]\nid = "8"\ntitle = "t"\n',
    "\n[foo]\na = 1\n",
    "\n[item.extra]\na = 1\n",
    "\n[[item.log]]\nat = 2023-02-01T09:00:00Z\nnote = 'x'\n",
    "\r",
    "\r\n",
    "\n",
    "# 注释\n",
    "\nitem = 1\n",
    "\ntitle = 'x'\n",
    '\ndetail = """\n[[item]]\nid = "1.2"\n"""\n',
    "\na = [\n[1],\n]\n",
    "\nprogress = 150\n",
    "\nparent = '1.3'\n",
    "=",
    "[",
    "]",
    '"',
]


def pieces_of(text: str) -> list[str]:
    return text.split("\n[[item]]")


@st.composite
def edits(draw: Any, text: str) -> str:
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.integers(0, 7))
        parts = pieces_of(text)
        if kind <= 2 and len(parts) > 2:  # a piece moved, dropped or given twice
            k = draw(st.integers(1, len(parts) - 1))
            j = draw(st.integers(1, len(parts) - 1))
            piece = parts.pop(k)
            if kind == 0:
                parts.insert(j, piece)
            elif kind == 1:
                parts.insert(j, piece)
                parts.insert(j, piece)
            text = "\n[[item]]".join(parts)
        elif kind == 3:  # a value changed
            at = draw(st.integers(0, max(0, len(text) - 1)))
            digit = text.find("1", at)
            if digit >= 0:
                text = text[:digit] + draw(st.sampled_from("0239")) + text[digit + 1 :]
        elif kind == 4:  # a span gone
            at = draw(st.integers(0, len(text)))
            text = text[:at] + text[at + draw(st.integers(0, 40)) :]
        elif kind == 5:
            text = text.replace("\r\n", "\n") if "\r\n" in text else text.replace("\n", "\r\n")
        else:  # something written in
            at = draw(st.integers(0, len(text)))
            if draw(st.booleans()):  # at a line's start
                at = text.rfind("\n", 0, at) + 1
            text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
    return text


# ---------------------------------------------------------------- the plan read alike


def drawn_edit(data: Any) -> tuple[bytes, bytes]:
    """A plan of up to 40 tasks as the tool writes it (LF or CRLF, with comments and an archive
    or not), and the same edited (``edits``)."""
    text = items_text(
        data.draw(st.integers(1, 40)),
        crlf=data.draw(st.booleans()),
        comments=data.draw(st.booleans()),
        archive=data.draw(st.booleans()),
    )
    return text.encode(), data.draw(edits(text)).encode()


@MANY
@given(data=st.data())
def test_an_edited_plan_is_read_from_pieces_as_a_whole_read_reads_it(data):
    assert_reread_alike(*drawn_edit(data))


@MANY
@given(before=plan_files(), data=st.data())
def test_any_file_edited_is_read_from_pieces_as_a_whole_read_reads_it(before, data):
    after = data.draw(st.one_of(edits(before), plan_files()))
    assert_reread_alike(before.encode(), after.encode())


@MANY
@given(data=st.data())
def test_an_edited_plan_is_recalled_as_a_whole_read_reads_it(data):
    """``recall_edited`` (items edited in place: their chunks stored anew), as any command reads
    (``whole``: every table at once; ``goals``: a status, the parts and goals alone)."""
    before, after = drawn_edit(data)
    whole, goals = data.draw(st.sampled_from([(False, False), (True, False), (False, True)]))
    assert_recalled_alike(before, after, whole, goals)


@MANY
@given(before=plan_files(), data=st.data())
def test_any_file_edited_is_recalled_as_a_whole_read_reads_it(before, data):
    after = data.draw(st.one_of(edits(before), plan_files()))
    assert_recalled_alike(before.encode(), after.encode(), data.draw(st.booleans()), False)


@pytest.mark.parametrize("whole", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_values_edited_in_place_are_recalled_with_their_chunks_stored_anew(crlf, whole):
    text = items_text(600, crlf=crlf, comments=True, archive=True)
    end = "\r\n" if crlf else "\n"
    edited = text.replace(f"progress = 7{end}", f"progress = 77{end}", 1).replace(
        f"progress = 99{end}", f"progress = 9{end}# 改{end}", 1
    )
    edited = edited.replace('by = "张三"', 'by = "李四"', 1)  # (in a log entry)
    edited = edited.replace("09:00:00Z", "23:00:00+08:00", 1)
    assert edited.count(end) == text.count(end) + 1
    assert assert_recalled_alike(text.encode(), edited.encode(), whole, False) is not None


def test_an_edit_that_makes_a_newer_or_drops_the_newest_entry_moves_the_newest_time():
    text = items_text(80)
    newest = max(re.findall(r"at = (2023-02-\d\d 09:00:00\+00:00)", text))
    later = text.replace("2023-02-05 09:00:00+00:00", "2023-09-30T10:00:00+08:00", 1)
    dropped = text.replace(newest, "2023-01-01 09:00:00+00:00")
    naive = text.replace("2023-02-05 09:00:00+00:00", "2023-12-30T10:00:00", 1)
    for edited in (later, dropped, naive):
        assert edited != text
        got = assert_recalled_alike(text.encode(), edited.encode(), False, False)
        assert got is not None


@pytest.mark.parametrize("whole", [False, True])
def test_a_file_written_again_as_it_was_is_recalled_from_its_entry(whole):
    """The same bytes written again (``git checkout``, an editor saving unchanged): its time
    changed, so the entry's key does not hold; the entry is stored again for it as it is."""
    text = items_text(40, comments=True, archive=True).encode()
    assert assert_recalled_alike(text, text, whole, False) is not None


def test_a_changed_id_parent_or_problem_is_left_to_a_whole_read():
    text = items_text(40)
    for old, new in [
        ('id = "1.7"', 'id = "1.77"'),
        ('id = "1.7"\n', 'id = "1.7"\nparent = "1"\n'),
        ("progress = 7\n", "progress = 700\n"),
        ("progress = 7\n", 'progress = "七"\n'),
    ]:
        edited = text.replace(old, new, 1)
        assert edited != text
        assert assert_recalled_alike(text.encode(), edited.encode(), False, False) is None


@pytest.mark.parametrize("crlf", [False, True])
def test_an_edited_value_is_read_from_pieces(crlf):
    text = items_text(40, crlf=crlf, comments=True, archive=True)
    edited = text.replace(
        "progress = 7\r\n" if crlf else "progress = 7\n",
        "progress = 77" + ("\r\n" if crlf else "\n"),
        1,
    )
    assert edited != text
    assert assert_reread_alike(text.encode(), edited.encode()) is not None


def test_an_item_written_in_is_read_from_pieces():
    text = items_text(40)
    edited = text + '\n[[item]]\nid = "1.41"\ntitle = "新任务"\n'
    assert assert_reread_alike(text.encode(), edited.encode()) is not None


def test_a_text_with_multi_line_strings_is_read_whole():
    text = items_text(20).replace('title = "任务3"', 'title = "任务3"\ndetail = """\n说明\n"""')
    edited = text.replace("progress = 7\n", "progress = 8\n")
    assert assert_reread_alike(text.encode(), edited.encode()) is None


# ---------------------------------------------------------------- through the commands

READS = [["status"], ["list"], ["show", "1.2"], ["log", "--json"], ["check"]]


def outputs(plan_file: Path) -> list[tuple[int, str]]:
    return cache_outputs(plan_file, READS)


HAND_EDITS = [
    ('status = "blocked"', 'status = "done"'),
    ('title = "安装路灯"', 'title = "安装路灯"\n# 手写\nowner = "王五"'),
    ('title = "安装路灯"', 'title = "安装路灯"\nprogress = 150'),  # a problem: told at its line
    ('title = "安装路灯"', 'title = "安装路灯\n'),  # not TOML: told at its line
    ('[[item]]\nid = "1.2"', '[[item]]\nid = "1.1"'),  # an id twice
    ("\n", "\r\n"),
]


@pytest.mark.parametrize(("old", "new"), HAND_EDITS)
def test_a_hand_edit_reads_the_same_with_the_stale_entry_as_without_the_cache(
    plan_file, tmp_path, monkeypatch, old, new
):
    plan_file.write_text(dumps(plan_doc(SMALL_ITEMS)), encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
    text = plan_file.read_text(encoding="utf-8")
    assert old in text
    plan_file.write_bytes(text.replace(old, new, 1).encode())
    with_entry = outputs(plan_file)
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert with_entry == outputs(plan_file)


def test_a_hand_edit_is_read_with_the_unchanged_items_of_the_stale_entry(
    plan_file, tmp_path, monkeypatch
):
    plan_file.write_text(items_text(40), encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("progress = 7\n", "progress = 70\n"), encoding="utf-8")
    made = []
    real = pieces.recall_edited
    with mock.patch.object(pieces, "recall_edited", lambda *a: made.append(real(*a)) or made[-1]):
        with_entry = outputs(plan_file)
    assert made and made[0] is not None  # (an edit in place: the entry's chunks stored anew)
    raw = plan_file.read_bytes()
    recalled = cache.recall(plan_file.resolve(), raw, os.stat(plan_file))
    assert recalled is not None  # and it was stored for the file as it is now
    assert identical(recalled.packed()[:5], whole_read(_decode(plan_file, raw)))
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert with_entry == outputs(plan_file)
