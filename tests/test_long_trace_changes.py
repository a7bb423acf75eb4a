"""Changes of a plan whose file is long (a year's trace: thousands of log entries, more than a
MiB): the shortcuts the change path takes there give what the plain path gives, and the store's
guarantees hold past the first MiB of the file."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import changes, store
from quanhu_plan import patch_bytes as patch_module
from quanhu_plan.canonical import dumps
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app
from quanhu_plan.model import ITEM_FIELDS
from quanhu_plan.patch import patch_changed
from quanhu_plan.patch_bytes import patch_changed_bytes
from quanhu_plan.store import plan_file
from quanhu_plan.store.files import holds

from .conftest import SMALL_ITEMS, plan_doc, write_plan
from .test_change_delta import HAND_FLAT, SCRIPT, TEXTS, run_script
from .test_fuzz_files import _ids, plan_files

ZONE = dt.timezone(dt.timedelta(hours=8))


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def long_items(entries: int) -> list[dict[str, Any]]:
    """SMALL_ITEMS with ``entries`` notes spread over their tasks: a file of some MiB."""
    items = [dict(item) for item in SMALL_ITEMS]
    tasks = [item for item in items if item["id"].count(".") == 1]
    start = dt.datetime(2023, 1, 2, 9, tzinfo=ZONE)
    for n in range(entries):
        task = tasks[n % len(tasks)]
        at = start + dt.timedelta(minutes=37 * n)
        task.setdefault("log", []).append(
            {
                "at": at,
                "by": "张三",
                "action": "note",
                "on": at.date(),
                "note": f"第{n}条进展：按计划推进",
            }
        )
    return items


def test_holds_compares_every_block_of_a_long_file(tmp_path: Path) -> None:
    data = bytes(range(256)) * 10_000  # 2.5 MB: three blocks of a MiB
    path = tmp_path / "f"
    path.write_bytes(data)
    assert holds(path, data)
    for other in (
        data[:-1],
        data + b"x",
        data[: 1 << 20] + b"\xff" + data[(1 << 20) + 1 :],  # the first byte of the second block
        data[:-1] + b"\x00",  # the last byte
        b"",
    ):
        assert not holds(path, other)
    assert not holds(tmp_path / "missing", data)
    path.write_bytes(b"")
    assert holds(path, b"") and not holds(path, b"x")


def test_a_hand_edit_past_the_first_mib_saved_during_a_change_is_kept(plan_file: Path) -> None:
    write_plan(plan_file, long_items(8_000))
    assert plan_file.stat().st_size > 1 << 20
    source = store.PlanSource(plan_file)
    calls = []

    def change(plan):  # type: ignore[no-untyped-def]
        calls.append(plan)
        if len(calls) == 1:  # an editor that ignores the lock saves now, near the end
            text = plan_file.read_text(encoding="utf-8")
            at = text.rindex("第7999条")
            plan_file.write_text(text[:at] + "第八千条" + text[at + len("第7999条") :], "utf-8")
        return changes.done(plan, ["1.3"], Stamp.current("me"), on=dt.date(2023, 3, 20))

    store.update(source, change)
    assert len(calls) == 2  # made again on the fresh content
    doc = tomllib.loads(plan_file.read_text("utf-8"))
    notes = [e.get("note", "") for item in doc["item"] for e in item.get("log", [])]
    assert any(note.startswith("第八千条进展") for note in notes)
    assert next(i for i in doc["item"] if i["id"] == "1.3")["status"] == "done"


def test_show_and_log_of_a_history_do_not_load_what_a_change_tells(small_plan: Path) -> None:
    """show and log read the trace and change nothing: they do not load ``outcome`` (what a
    change says it did; its dataclasses take milliseconds to make), and a value in a change
    reads as ``outcome.show_value`` gives it."""
    import os
    import re
    import subprocess
    import sys

    from quanhu_plan.outcome import show_value

    long_title = "修机耕道" * 15
    for args in (["progress", "1.3", "70"], ["edit", "1.3", "--title", long_title]):
        assert invoke(*args).exit_code == 0
    env = {**os.environ, "PLAN_FILE": str(small_plan)}
    for command in (["show", "1.3"], ["log"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "quanhu_plan", *command],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        loaded = set(re.findall(r"\|\s+([\w.]+)$", done.stderr, re.MULTILINE))
        assert "quanhu_plan.terminal.trace_view" in loaded
        assert "quanhu_plan.outcome" not in loaded
        shown = CliRunner().invoke(app, command, env={"COLUMNS": "400"}).stdout
        assert f"→ {show_value('title', long_title, 'zh')}" in shown


# ---------------------------------------------------------------- a change patched as bytes

# Characters that are whitespace, line ends or look like latin-1 to Python's str methods, and
# whose UTF-8 bytes hold 0x85 or 0xA0 (whitespace when a byte is taken for a character).
ODD_CHARACTERS = ["\u00a0", "\u0085", "\u2028", "\u3000", "\u1680", "Ã", "¤", "é", "\u0160"]
odd_texts = st.text(
    st.sampled_from([*ODD_CHARACTERS, "修", "塘", "a", " ", "#", "[", "]", '"', "'", "\\"]),
    max_size=8,
)


def text_way(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every change patched as the decoded text (as before ``patch_changed_bytes``); returns
    whether each change written the short way was given bytes to patch, in order."""
    given_bytes: list[bool] = []
    real = plan_file._save_changed

    def decoded(path, real_path, plan, before, raw, text):  # type: ignore[no-untyped-def]
        given_bytes.append(text is None)
        if text is None:
            text = plan_file.decode(path, raw)
        return real(path, real_path, plan, before, raw, text)

    monkeypatch.setattr(plan_file, "_save_changed", decoded)
    return given_bytes


def bytes_taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each change given bytes was patched as bytes (not left to the text's patch)."""
    taken: list[bool] = []
    real = patch_module.patch_changed_bytes

    def counted(*args: Any) -> Any:
        edit = real(*args)
        taken.append(edit is not None)
        return edit

    monkeypatch.setattr(patch_module, "patch_changed_bytes", counted)
    return taken


ODD_FLAT = HAND_FLAT.replace("# 手工整理\n", "# 手工整理\u00a0\u3000\n#\u0085\u2028 é\n").replace(
    'title = "修塘"\n', 'title = "修塘\u00a0\u0085"  # Ã¤\u3000\n"键\u00a0" = "值"\n'
)


@pytest.mark.parametrize(
    "name", ["canonical", "hand-written", "hand-written, flat", "crlf and bom", "odd", "trace"]
)
def test_a_change_patched_as_bytes_writes_what_the_texts_patch_writes(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = {"odd": ODD_FLAT, "trace": dumps(plan_doc(long_items(600)))}.get(name) or TEXTS[name]
    with monkeypatch.context() as counted:
        taken = bytes_taken(counted)
        fast = run_script(tmp_path / "plan.toml", text, SCRIPT, monkeypatch)
    assert sum(taken) >= (0 if name == "hand-written" else 5), taken  # multi-line strings: none
    with monkeypatch.context() as decoded:
        given_bytes = text_way(decoded)
        slow = run_script(tmp_path / "plan.toml", text, SCRIPT, monkeypatch)
    assert any(given_bytes)
    for args, mine, theirs in zip(SCRIPT, fast, slow, strict=True):
        assert mine == theirs, args


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=plan_files(), comment=odd_texts, value=odd_texts, crlf=st.booleans())
def test_changes_on_any_file_patched_as_bytes_give_what_the_texts_patch_gives(
    text: str, comment: str, value: str, crlf: bool, tmp_path: Path, monkeypatch
) -> None:
    item_id, _ = _ids(text)
    lines = text.split("\n")
    lines.insert(len(lines) // 2, f"#{comment}")  # a comment line among the blocks
    text = "\n".join(lines).replace("\n", "\r\n" if crlf else "\n")
    script = [
        ["status"],
        ["note", item_id, f"进展{value}"],
        ["edit", item_id, "--owner", value or "甲", "--weight", "2"],
        ["done", item_id, "--on", "2023-05-01"],
        ["undo"],
        ["header", "--organisation", f"乙{value}"],
        ["progress", item_id, "50", "--note", comment or "过半"],
    ]
    fast = run_script(tmp_path / "plan.toml", text, script, monkeypatch)
    with monkeypatch.context() as decoded:
        text_way(decoded)
        slow = run_script(tmp_path / "plan.toml", text, script, monkeypatch)
    assert fast == slow


@settings(max_examples=200, deadline=None)
@given(
    comment=odd_texts,
    value=odd_texts,
    key=odd_texts,
    entries=st.integers(0, 3),
    crlf=st.booleans(),
    where=st.integers(0, 3),
)
def test_patch_changed_bytes_is_patch_changed_on_the_bytes(
    comment: str, value: str, key: str, entries: int, crlf: bool, where: int
) -> None:
    """The edit of one item and the header worked out on the bytes is the text's, byte for
    byte, with the same checks, for texts full of characters whose bytes look like spaces."""
    quoted = json.dumps(key, ensure_ascii=False)
    items = [dict(item) for item in SMALL_ITEMS[:4]]
    doc = plan_doc(items)
    text = dumps(doc)
    lines = text.split("\n")
    lines.insert(1 + where * (len(lines) // 4), f"# {comment}")
    lines = [f"{line}  # {comment}" if line.startswith("title") else line for line in lines]
    text = "\n".join(lines).replace('lang = "zh"', f'lang = "zh"\n{quoted} = "{value}"')
    if crlf:
        text = text.replace("\n", "\r\n")
    try:
        read = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # a key or value TOML does not take as written here
    if len(read.get("item", [])) != len(items):
        return  # a quote in the value began a string that runs over the items
    old = read["item"][3]
    new = dict(old, owner=value, progress=70)
    new["log"] = [
        {
            "at": dt.datetime(2023, 6, 1, 9, n, tzinfo=ZONE),
            "by": value,
            "action": "note",
            "note": comment,
        }
        for n in range(entries)
    ]
    new = plan_file._in_order(new, ITEM_FIELDS)
    meta = (read["plan"], dict(read["plan"], organisation=f"镇{value}"))
    counts = (len(read["item"]), 0)
    changes = [(3, old, new)]
    by_text = patch_changed(text, counts, changes, meta)
    by_bytes = patch_changed_bytes(text.encode("utf-8"), counts, changes, meta)
    assert by_text is not None
    if '"""' in text or "'''" in text:  # a multi-line string may start there: the text's way
        assert by_bytes is None
        return
    assert by_bytes is not None
    assert by_bytes.data == by_text.text.encode("utf-8")
    assert by_bytes.checks == by_text.checks
    assert by_bytes.pieces == by_text.pieces


# ---------------------------------------------------------------- the collector


def test_the_program_starts_without_the_collector_and_freezes_what_it_made_once_its_plan_is_read(
    small_plan: Path,
) -> None:
    """In the ``plan`` program (which leaves with os._exit) the collector does not run while it
    starts; once its plan is read (from the parse cache or afresh) what it made is frozen, so
    that no later collection walks it, and the collector runs. A process that goes on (these
    tests) freezes nothing, which would keep its garbage, and its collector is as it was."""
    import gc
    import os
    import subprocess
    import sys

    from quanhu_plan import collector

    assert invoke("note", "1.3", "进展").exit_code == 0  # the cache filled
    frozen = gc.get_freeze_count()
    assert invoke("show", "1.3").exit_code == 0
    assert gc.get_freeze_count() == frozen and gc.isenabled()
    code = (
        "import gc, sys\n"
        "sys.argv = ['plan', *sys.argv[1:]]\n"
        "import quanhu_plan.entry as entry\n"
        "entry.leave = lambda code: print(gc.get_freeze_count() > 0, gc.isenabled(), file=sys.stderr)\n"
        "entry.main()\n"
    )
    for cache, args, expected in (
        ("on", ["show", "1.3"], "True True"),
        ("off", ["show", "1.3"], "True True"),
        ("on", ["done", "1.3", "--on", "2023-03-20"], "True True"),
        ("off", ["log"], "True True"),
    ):
        env = {**os.environ, "PLAN_FILE": str(small_plan)}
        if cache == "off":
            env["QUANHU_PLAN_CACHE"] = "off"
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == expected, (cache, args, done.stderr)
    # the program run in a process that goes on (entry.main called in it): the collector off
    # until its first pause ends, then on; after it, as it was, what it froze let go of (with
    # what was frozen before it: gc.unfreeze lets go of all)
    with collector.the_program():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.isenabled() and gc.get_freeze_count() <= frozen


def test_an_import_reads_its_workbook_with_the_collector_on(tmp_path: Path) -> None:
    """plan import reads a workbook before any plan: its start-up ends there (the collector
    on, what was made frozen), not with the collector off through the whole sheet."""
    import gc

    from quanhu_plan import collector
    from quanhu_plan.importing import sheets

    table = tmp_path / "t.csv"
    table.write_text("工作任务,责任人\n修塘,王五\n", encoding="utf-8")
    seen = []
    with collector.the_program():
        assert not gc.isenabled()
        real = sheets._read_csv
        with mock.patch.object(
            sheets, "_read_csv", lambda p: seen.append(gc.isenabled()) or real(p)
        ):
            sheets.read_sheets(table)
        assert gc.isenabled()
    assert seen == [True]


def test_patch_changed_bytes_is_patch_changed_for_every_item_of_hand_written_files() -> None:
    """Each item of canonical and hand-written files (the last one without a line end after
    it, comments after it, CRLF, a BOM taken off as the store does) changed with the header:
    the bytes' patch is the text's."""
    from .test_hand_layouts import NO_FINAL_LINE_END, PLAN

    compared = 0
    for base in (dumps(plan_doc([dict(item) for item in SMALL_ITEMS])), NO_FINAL_LINE_END, PLAN):
        for text in (
            base,
            base.rstrip("\n"),
            base.rstrip("\n") + "\n# 完\n\n",
            base.replace("\n", "\r\n").rstrip("\r\n"),
        ):
            read = tomllib.loads(text)
            meta = (read["plan"], dict(read["plan"], organisation="镇"))
            counts = (len(read["item"]), len(read.get("removed", [])))
            for index, old in enumerate(read["item"]):
                entry = {
                    "at": dt.datetime(2023, 6, 1, 9, tzinfo=ZONE),
                    "by": "甲",
                    "action": "note",
                }
                new = dict(old, owner="甲", log=[*old.get("log", []), entry])
                changes = [(index, old, plan_file._in_order(new, ITEM_FIELDS))]
                by_text = patch_changed(text, counts, changes, meta)
                by_bytes = patch_changed_bytes(text.encode("utf-8"), counts, changes, meta)
                assert by_text is not None and by_bytes is not None, (index, text)
                assert by_bytes.data == by_text.text.encode("utf-8")
                assert (by_bytes.checks, by_bytes.pieces) == (by_text.checks, by_text.pieces)
                compared += 1
    assert compared >= 60
