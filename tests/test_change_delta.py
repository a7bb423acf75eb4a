"""A change that only edits some tables is checked and written for those tables alone (``delta``,
``guard``, ``patch.patch_changed``, the lazy ``Layout``), and leaves its plan in the parse cache:
the file, the output and every refusal are those of the whole check and the whole patch."""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import changes, guard, store, undoing
from quanhu_plan.building import build_plan
from quanhu_plan.canonical import dumps
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app
from quanhu_plan.delta import Before, taking
from quanhu_plan.errors import BadChange, PlanUnwritable
from quanhu_plan.model import same_value
from quanhu_plan.store import cache, plan_file
from quanhu_plan.toml_text import Layout, scan

from .conftest import REPO_PLAN, SMALL_ITEMS, plan_doc
from .test_fuzz_files import _ids, plan_files
from .test_minimal_edit import HAND_WRITTEN

T0 = dt.datetime(2023, 6, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))

TRACED = copy.deepcopy(SMALL_ITEMS)
TRACED[3]["log"] = [
    {"at": T0 - dt.timedelta(days=9), "by": "测", "action": "note", "note": "开工"},
    {
        "at": T0 - dt.timedelta(days=8),
        "by": "测",
        "action": "progress",
        "on": dt.date(2023, 5, 20),
        "before": {"progress": 40},
        "after": {"progress": 50},
    },
]
TRACED[1]["milestone"] = [{"due": dt.date(2023, 6, 30), "value": 30}]

# Written by hand without multi-line strings (the Layout reads it by its header lines): comments,
# literal quotes, a list over lines, an inline log entry table, an unknown field.
HAND_FLAT = """\
# 手工整理
[plan]
title = "测试镇2023年工作计划"   # 名称
year = 2023

[[item]]
id = "1"
title = '基础设施'

[[item]]
id = "1.1"
title = "修塘"
measure = '处'
target = 40    # 县里下达
support_units = [
  "水利站",   # 配合
  "财政所",
]

[[item.milestone]]
due = 2023-06-30
progress = 50

# 路灯
[[item]]
progress = 30 # 三成
id = "1.2"
title = "安装路灯"
custom = { a = 1 }

[[item.log]]
at = 2023-05-01T09:00:00+08:00
by = '测'
action = "note"
note = "已招标"

[[item]]
id = "1.3"
title = "修机耕道"
due = 2023-03-31
# 到此为止
"""

TEXTS = {
    "canonical": dumps(plan_doc(TRACED)),
    "hand-written": HAND_WRITTEN,
    "hand-written, flat": HAND_FLAT,
    "crlf and bom": "\ufeff" + HAND_FLAT.replace("\n", "\r\n"),
    "the 2023 plan": REPO_PLAN.read_text(encoding="utf-8"),
}

SCRIPT = [
    ["done", "1.2", "--on", "2023-05-01", "--evidence", "验收单.pdf"],
    ["status"],
    ["start", "1.3", "--on", "2023-02-01"],
    ["progress", "1.3", "60", "--note", "过半"],
    ["note", "1.1", "进展顺利", "--on", "2023-06-01"],
    ["show", "1.1", "--json"],
    ["record", "1.1", "25", "--yes"],
    ["edit", "1.1", "--owner", "张三", "--target", "45", "--title", "修山塘"],
    ["edit", "1.1", "--owner", ""],
    ["block", "1.3", "--reason", "缺资金"],
    ["reopen", "1.3"],
    ["drop", "1.2", "--reason", "取消"],
    ["header", "--title", "新名称"],
    ["undo"],
    ["undo"],
    ["list", "--flat", "--json"],
    ["move", "1.3", "2"],
    ["undo"],
    ["add", "1", "新任务", "--due", "2023-09"],
    ["undo"],
    ["rm", "1.3", "--yes"],
    ["undo"],
    ["undo"],
    ["log", "--json"],
    ["done", "1.1", "--on", "2023-06-30"],
    ["status", "--json"],
]


def whole_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every change checked whole and written by the whole patch, as before ``delta``."""
    monkeypatch.setattr(guard, "taken", lambda plan: None)
    monkeypatch.setattr(plan_file, "_save_changed", lambda *args: None)


def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(T0 + dt.timedelta(minutes=n) for n in range(1000))
    monkeypatch.setattr(Stamp, "current", classmethod(lambda cls, by, c=clock: cls(by, next(c))))


def run_script(
    path: Path, text: str, script: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> list[tuple[int, str, bytes]]:
    """Each command's exit code, output and the file after it; the file is ``path`` (the same
    for the runs compared: messages name it), with a parse cache of the run's own."""
    fixed_clock(monkeypatch)
    runs = path.parent / "runs"
    runs.mkdir(exist_ok=True)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(runs / str(len(list(runs.iterdir())))))
    path.write_bytes(text.encode("utf-8"))
    seen = []
    for args in script:
        result = CliRunner().invoke(app, ["--file", str(path), "--lang", "en", *args])
        seen.append((result.exit_code, result.output, path.read_bytes()))
    return seen


def counting(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each change was written the short way (``_save_changed``), in order."""
    short: list[bool] = []
    real = plan_file._save_changed

    def counted(*args: Any) -> Any:
        written = real(*args)
        short.append(written is not None)
        return written

    monkeypatch.setattr(plan_file, "_save_changed", counted)
    return short


@pytest.mark.parametrize("name", list(TEXTS))
def test_a_change_gives_the_file_and_output_of_the_whole_check_and_patch(
    name, tmp_path, monkeypatch
):
    with monkeypatch.context() as counted:
        short = counting(counted)
        fast = run_script(tmp_path / "plan.toml", TEXTS[name], SCRIPT, monkeypatch)
    assert sum(short) >= 5, short  # most changes that are not structural were
    with monkeypatch.context() as whole:
        whole_way(whole)
        slow = run_script(tmp_path / "plan.toml", TEXTS[name], SCRIPT, monkeypatch)
    for args, mine, theirs in zip(SCRIPT, fast, slow, strict=True):
        assert mine[0] == theirs[0] and mine[1] == theirs[1], args
        assert mine[2] == theirs[2], args
    made = [args for args, (code, _, _) in zip(SCRIPT, fast, strict=True) if code == 0]
    assert len(made) >= len(SCRIPT) // 2, made  # most of them are changes made


COMMANDS = [
    ["done", "1.3"],
    ["start", "1.3"],
    ["progress", "1.3", "70"],
    ["progress", "1.1", "10"],
    ["note", "1.2", "说明"],
    ["note", "1", "部分说明"],
    ["record", "1.1", "33"],
    ["edit", "1.3", "--due", "2023-Q3"],
    ["edit", "1.2", "--owner", "李四", "--weight", "2"],
    ["edit", "1.2", "--weight", ""],
    ["block", "1.2", "--reason", "缺钱"],
    ["reopen", "1.2"],
    ["header", "--organisation", "某镇"],
    ["undo"],
    ["undo", "--anyone"],
    ["move", "1.2", "1.1"],
    ["add", "1.3", "子任务"],
    ["rm", "1.1", "--yes", "--recursive"],
]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(["canonical", "hand-written", "hand-written, flat", "crlf and bom"]),
    script=st.lists(st.sampled_from(COMMANDS), min_size=1, max_size=8),
)
def test_any_sequence_of_changes_gives_what_the_whole_way_gives(
    name, script, tmp_path, monkeypatch
):
    fast = run_script(tmp_path / "plan.toml", TEXTS[name], script, monkeypatch)
    with monkeypatch.context() as whole:
        whole_way(whole)
        slow = run_script(tmp_path / "plan.toml", TEXTS[name], script, monkeypatch)
    assert fast == slow


# ---------------------------------------------------------------- what a change touched


def deep_tables(plan: Any) -> list[tuple[Any, dict[str, Any]]]:
    return [(item, copy.deepcopy(item.data)) for item in plan.items()]


CHANGES = [
    lambda p, s: changes.done(p, ["1.3"], s),
    lambda p, s: changes.progress(p, "1.3", 75, s, note="x"),
    lambda p, s: changes.add_note(p, "1.1", "进展", s),
    lambda p, s: changes.record(p, "1.1", 30, s, tick=True),
    lambda p, s: changes.edit(p, "1.1", {"owner": "甲", "target": 41}, s),
    # another type: a float for an int (40 → 40.0 alone is no change: changes._same)
    lambda p, s: changes.edit(p, "1.1", {"target": 40.5}, s),
    lambda p, s: changes.block(p, "1.3", s, reason="雨"),
    lambda p, s: undoing.undo(p, s),
    lambda p, s: changes.move(p, "1.3", "2", s),
    lambda p, s: changes.remove(p, "2", s, recursive=True),
    lambda p, s: changes.add(p, "1.3", "新", s),
]


@pytest.mark.parametrize("number", range(len(CHANGES)))
def test_the_delta_finds_exactly_the_tables_a_change_touched(number):
    plan, problems = build_plan(store.parse_toml(TEXTS["canonical"], "plan.toml"))
    assert plan is not None and not problems
    stamp = Stamp("测", T0)
    changes.progress(plan, "1.3", 55, stamp)  # something for undo to take back
    before = Before(plan)
    kept = deep_tables(plan)
    CHANGES[number](plan, Stamp("测", T0 + dt.timedelta(hours=1)))
    found = before.delta()
    moved = [item.id for item in plan.items()] != [item.id for item, _ in kept]
    touched = {item.id for item, old in kept if not same_value(old, item.data)}
    if found.structural:
        assert moved or number >= 8, number  # the tree changed (or an undo of a structure)
    else:
        assert not moved
        assert {item.id for item, _ in found.changed} == touched
        for item, old in found.changed:
            assert same_value(old, next(o for i, o in kept if i is item))  # the table as it was
        assert before.read_doc() == {
            "plan": plan.meta,
            "item": [old for _, old in kept],
            **plan.extra,
        }


# ---------------------------------------------------------------- refusals


INVALID = [
    lambda p: p.find("1.1").data.update(progress=500),
    lambda p: p.find("1.1").data.pop("title"),
    lambda p: p.find("1.1").data.update(target=float("nan")),
    lambda p: p.find("1.1").data.update(log=[{"at": "昨天", "by": "测", "action": "note"}]),
    lambda p: p.find("1.3").data.update(log=[*p.find("1.3").data["log"], {"on": 5}]),
    lambda p: p.find("1.3").data.update(evidence="一张纸"),
    lambda p: p.find("1.3").data.update(parent="9"),
    lambda p: p.find("1.3").data.update(id="1.1"),
    lambda p: p.meta.update(year=20230),
    lambda p: setattr(p, "meta", {**p.meta, "end": dt.date(2022, 1, 1)}),
    lambda p: p.find("1.1").data.update(milestone=[{"due": "2023-13"}]),
    lambda p: p.find("1").children.clear(),
]


@pytest.mark.parametrize("number", range(len(INVALID)))
def test_the_check_of_what_changed_refuses_what_the_whole_check_refuses(number):
    messages = []
    for vouched in (True, False):
        plan, _ = build_plan(store.parse_toml(TEXTS["canonical"], "plan.toml"))
        assert plan is not None
        with pytest.raises(BadChange) as refused:
            if vouched:
                with taking(plan):
                    guard.checked(plan, INVALID[number])
            else:
                guard.checked(plan, INVALID[number])
        messages.append(refused.value.message("en"))
    assert messages[0] == messages[1]


def test_a_valid_change_passes_both_checks():
    plan, _ = build_plan(store.parse_toml(TEXTS["canonical"], "plan.toml"))
    assert plan is not None
    with taking(plan):
        guard.checked(plan, lambda p: changes.add_note(p, "1.3", "好", Stamp("测", T0)))


def test_undoing_a_hand_edited_entry_is_refused_as_the_whole_check_refuses(tmp_path, monkeypatch):
    """The newest entry says the title was added (no ``before``): undoing it would remove the
    title, which every item needs."""
    hand_edit = (
        '[[item]]\nid = "1.3"\ntitle = "修机耕道"\ndue = 2023-03-31\n\n'
        "[[item.log]]\nat = 2023-06-01T08:00:00+08:00\nby = 'root'\naction = 'edit'\n"
        'after = { title = "修机耕道" }\n'
    )
    text = HAND_FLAT.replace(
        '[[item]]\nid = "1.3"\ntitle = "修机耕道"\ndue = 2023-03-31\n', hand_edit
    )
    assert text != HAND_FLAT
    monkeypatch.setenv("USER", "root")
    fast = run_script(tmp_path / "plan.toml", text, [["undo", "--anyone"]], monkeypatch)
    with monkeypatch.context() as whole:
        whole_way(whole)
        slow = run_script(tmp_path / "plan.toml", text, [["undo", "--anyone"]], monkeypatch)
    assert fast == slow
    assert fast[0][0] == 1 and "Cannot undo" in fast[0][1], fast[0][1]
    assert fast[0][2] == text.encode("utf-8")


@pytest.mark.parametrize("where", ["own", "entry"])
def test_a_value_that_would_not_read_back_is_named_as_the_whole_block_names_it(
    plan_file, monkeypatch, where
):
    """The blocks a change wrote are read back in pieces (its own lines, the entries added to
    its log); a piece that reads otherwise is read whole, for the message of the whole way."""

    def spoil(plan: Any) -> None:
        table = plan.find("1.3").data
        if where == "own":
            table["foo"] = {"x": [float("nan")]}
        table["log"] = [*table["log"], {"at": T0, "by": "测", "action": "note", "x": float("inf")}]
        if where == "entry":
            table["log"][-1]["x"] = float("nan")

    messages = []
    for whole in (False, True):
        plan_file.write_text(TEXTS["canonical"], encoding="utf-8")
        with monkeypatch.context() as patched:
            if whole:
                whole_way(patched)
            with pytest.raises(PlanUnwritable) as refused:
                store.update(store.PlanSource(plan_file), spoil)
        messages.append(refused.value.message("en"))
        assert plan_file.read_text(encoding="utf-8") == TEXTS["canonical"]
    assert messages[0] == messages[1]
    assert "does not read back the same" in messages[0]


# ---------------------------------------------------------------- the parse cache


@pytest.mark.parametrize("name", ["hand-written, flat", "hand-written", "crlf and bom"])
def test_a_change_leaves_the_plan_its_bytes_read_as_in_the_cache(plan_file, name):
    plan_file.write_text(TEXTS[name], encoding="utf-8")
    for args in (
        ["done", "1.3", "--on", "2023-06-30", "--note", "完工"],  # a log begun
        ["note", "1.2", "进展"],  # a log that goes on
        ["progress", "1.1", "30"],  # a table with a [[item.milestone]] (flat)
        ["edit", "1.2", "--owner", "王五", "--weight", "2"],  # keys inserted in order
        ["header", "--organisation", "某镇"],
        ["undo"],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        raw = plan_file.read_bytes()
        real = Path(os.path.realpath(plan_file))
        remembered = cache.recall(real, raw, os.stat(plan_file))
        fresh = store.plan_from_text(raw.decode("utf-8-sig"), "plan.toml")
        assert remembered is not None, args
        as_read = remembered.file_doc()
        assert as_read == fresh.file_doc(), args
        # The same keys in the same order as a fresh read (show and JSON follow it).
        assert [list(t) for t in as_read["item"]] == [list(t) for t in fresh.file_doc()["item"]]
        assert [list(e) for t in as_read["item"] for e in t.get("log", [])] == [
            list(e) for t in fresh.file_doc()["item"] for e in t.get("log", [])
        ]
        assert list(remembered.meta) == list(fresh.meta), args
        assert cache.recall(real, raw + b"\n", os.stat(plan_file)) is None


def test_a_change_on_a_plan_from_the_cache_stores_it_as_compactly_as_a_fresh_read(plan_file):
    """A plan loaded from the cache shares its keys and texts already, so a change stores it
    without sharing them again, and the entry is as small as the one a fresh read makes."""
    items = [{"id": str(n), "title": f"部分{n}", "owner": "王五"} for n in range(1, 41)]
    items += [
        {"id": f"{n}.{k}", "title": f"任务{n}.{k}", "owner": "李四", "status": "doing"}
        for n in range(1, 41)
        for k in range(1, 11)
    ]
    plan_file.write_text(dumps(plan_doc(items)), encoding="utf-8")
    folder = cache.folder()
    assert folder is not None
    assert CliRunner().invoke(app, ["status"]).exit_code == 0  # filled from a fresh read
    assert CliRunner().invoke(app, ["note", "3.4", "进展"]).exit_code == 0  # from the cache
    (after_change,) = folder.glob("*.pickle")
    changed = after_change.stat().st_size
    after_change.unlink()
    assert CliRunner().invoke(app, ["status"]).exit_code == 0  # the same bytes read afresh
    (fresh,) = folder.glob("*.pickle")
    assert abs(changed - fresh.stat().st_size) < fresh.stat().st_size * 0.02


def test_a_structural_change_leaves_no_stale_plan_in_the_cache(plan_file):
    plan_file.write_text(TEXTS["hand-written, flat"], encoding="utf-8")
    assert CliRunner().invoke(app, ["status"]).exit_code == 0
    assert CliRunner().invoke(app, ["move", "1.3", "top"]).exit_code == 0
    raw = plan_file.read_bytes()
    real = Path(os.path.realpath(plan_file))
    assert cache.recall(real, raw, os.stat(plan_file)) is None
    assert "1.3" in CliRunner().invoke(app, ["list", "--flat"]).output


def test_a_failure_to_cache_never_fails_the_change(plan_file, monkeypatch):
    plan_file.write_text(TEXTS["canonical"], encoding="utf-8")

    def broken(*args: Any) -> None:
        raise RuntimeError("the cache is broken")

    monkeypatch.setattr(cache, "remember", broken)
    result = CliRunner().invoke(app, ["note", "1.3", "进展"])
    assert result.exit_code == 0, result.output
    assert "进展" in plan_file.read_text(encoding="utf-8")


def test_the_reads_after_a_change_are_the_same_with_the_cache_warm_or_off(
    plan_file, tmp_path, monkeypatch
):
    reads = [["status"], ["show", "1.3", "--json"], ["list", "--flat", "--json"], ["log"]]
    outputs = {}
    for mode in ("off", str(tmp_path / "warm")):
        monkeypatch.setenv("QUANHU_PLAN_CACHE", mode)
        fixed_clock(monkeypatch)
        plan_file.write_text(TEXTS["hand-written"], encoding="utf-8")
        runner = CliRunner()
        assert runner.invoke(app, ["progress", "1.3", "40", "--on", "2023-03-01"]).exit_code == 0
        outputs[mode] = [runner.invoke(app, args).output for args in reads]
    assert outputs["off"] == outputs[str(tmp_path / "warm")]


# ---------------------------------------------------------------- the layout


def reference_tables(text: str, layout: Layout, n: int) -> list[Any]:
    return scan(text, layout.start(n), layout.end(n))


def shape(tables: list[Any]) -> list[Any]:
    return [
        (
            t.path,
            t.lead,
            t.end,
            [(s.start, s.key, s.value_start, s.value_end, s.end) for s in t.statements],
        )
        for t in tables
    ]


def reference_headers(text: str) -> list[Any]:
    """The headers that start blocks, as a whole scan finds them."""
    found: list[Any] = []
    for table in scan(text):
        header = table.header
        if header is None:
            continue
        if len(header.path) > 1 and found and found[-1][1][0] == header.path[0]:
            continue
        found.append((header.start, header.path, header.array, header.end))
    return found


# Roots taking turns more often than the search starts anew, headers written in other ways.
TURNS = "".join(
    f'[[item]]\nid = "{n}"\ntitle = "t"\n\n[[item.log]]\nat = 2023-01-01\n\n'
    f'[[removed]]\nat = 2023-01-02\n\n[[removed.item]]\nid = "r{n}"\ntitle = "r"\n\n'
    for n in range(12)
)
ODD = (
    '[plan]\ntitle = "t"\n\n  [[ item ]]\nid = "1"\ntitle = "a"\n[[ "item" . log ]]\nat = 1\n'
    '[["item".log]]\nat = 2\n[[item]]\nid = "2"\ntitle = "b"\n[item.extra]\nx = [\n  1,\n]\n'
    "[plan.warning]\nyellow = 5\n[[item]] # last\nid = \"3\"\ntitle = 'c'"
)


@pytest.mark.parametrize("name", [*TEXTS, "turns", "odd"])
def test_the_blocks_and_tables_read_lazily_are_those_a_whole_scan_reads(name):
    text = {"turns": "[plan]\ntitle = 't'\n\n" + TURNS, "odd": ODD}.get(name) or TEXTS[name]
    text = text.lstrip("\ufeff")
    for variant in (text, text.rstrip("\n"), text + "\n# 尾注\n\n", text.replace("\n\n", "\n")):
        layout = Layout(variant)
        got = [(h.start, h.path, h.array, h.end) for h in layout.headers]
        assert got == reference_headers(variant)
        for n in range(len(layout)):
            assert shape(layout.tables(n)) == shape(reference_tables(variant, layout, n)), n
        last = scan(variant, layout.headers[-1].start)
        assert layout.content_end == last[-1].end


# ---------------------------------------------------------------- fuzzed files


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=plan_files())
def test_changes_on_any_file_give_what_the_whole_way_gives(text, tmp_path, monkeypatch):
    item_id, _ = _ids(text)
    script = [
        ["note", item_id, "进展"],
        ["progress", item_id, "50"],
        ["edit", item_id, "--owner", "甲", "--weight", "2"],
        ["done", item_id, "--on", "2023-05-01"],
        ["undo"],
        ["header", "--organisation", "乙"],
    ]
    fast = run_script(tmp_path / "plan.toml", text, script, monkeypatch)
    with monkeypatch.context() as whole:
        whole_way(whole)
        slow = run_script(tmp_path / "plan.toml", text, script, monkeypatch)
    assert fast == slow


def test_undoing_the_removal_of_the_only_item_brings_it_back(plan_file, monkeypatch):
    """A file with no [[item]] left reads as a document without "item": the document as read,
    rebuilt from the copies, has the empty list (this once ended in a KeyError, cache off)."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    plan_file.write_text(dumps(plan_doc([{"id": "1", "title": "唯一"}])), encoding="utf-8")
    assert CliRunner().invoke(app, ["rm", "1", "--yes"]).exit_code == 0
    assert "[[item]]" not in plan_file.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["undo"])
    assert result.exit_code == 0, result.output
    assert store.load(store.PlanSource(plan_file)).find("1").title == "唯一"


def test_the_cache_is_filled_after_the_user_is_told_what_the_change_did(plan_file, monkeypatch):
    from quanhu_plan.cli import change as change_command

    order: list[str] = []
    real_print = change_command.print_after_save
    monkeypatch.setattr(
        change_command,
        "print_after_save",
        lambda lines: (order.append("told"), real_print(lines))[1],
    )
    monkeypatch.setattr(cache, "remember", lambda *args, **options: order.append("cached"))
    plan_file.write_text(TEXTS["canonical"], encoding="utf-8")
    result = CliRunner().invoke(app, ["note", "1.3", "进展"])
    assert result.exit_code == 0, result.output
    assert order == ["told", "cached"]


def test_a_change_to_a_plan_without_conflicts_never_loads_the_merge_code(tmp_path: Path) -> None:
    """``plan note`` (a change, its check and its output) on a plan with no conflict record
    runs without ``merging.conflicts`` in the process: the check asks the tables by their key
    (``guard``). Run in a process of its own, as a command is."""
    import subprocess
    import sys

    target = tmp_path / "plan.toml"
    target.write_text(TEXTS["canonical"], encoding="utf-8")
    program = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from quanhu_plan.cli import app\n"
        f"result = CliRunner().invoke(app, ['--file', {str(target)!r}, 'note', '1.3', '进展'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print('quanhu_plan.merging.conflicts' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root), "QUANHU_PLAN_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
    assert "进展" in target.read_text(encoding="utf-8")
