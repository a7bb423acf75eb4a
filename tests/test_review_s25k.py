"""Review of session 25's speed changes to the store and cache: the key of the bytes a change
writes worked out from sums along the bytes read (``store.sums``), and the first read's
column check (``validate_columns``). The cache never changes what a command says: changes in
a row at the very start and end of a long BOM/CRLF plan with comments and a multi-line
string, an undo, then a hand edit of the same size and time; a wrong value in one table of
many, with the cache off, cold, warm and stale alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.store import cache, sums

from .conftest import plan_doc
from .test_long_trace_changes import long_items
from .test_status_rollups import generated


def _said(runner: CliRunner, args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.output


def _alike_without_cache(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, views: list[list[str]]
) -> None:
    cached = [_said(runner, view) for view in views]
    with monkeypatch.context() as off:
        off.setenv("QUANHU_PLAN_CACHE", "off")
        assert cached == [_said(runner, view) for view in views]


def _recalled_is_the_file(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = plan_file.read_bytes()
    recalled = cache.recall(store.plan_file._real(plan_file), raw, plan_file.stat())
    assert recalled is not None  # stored under the sums of the bytes written
    with monkeypatch.context() as off:
        off.setenv("QUANHU_PLAN_CACHE", "off")
        assert recalled.to_doc() == store.load(store.PlanSource(plan_file)).to_doc()


@pytest.mark.parametrize("multi_line", [False, True])
def test_changes_at_both_ends_of_a_long_bom_crlf_plan_then_a_hand_edit_of_same_size_and_time(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, multi_line: bool
) -> None:
    from quanhu_plan.canonical import dumps

    items = long_items(3000)
    last = items[-1]["id"]
    text = "# 开头的注释\n" + dumps(plan_doc(items)) + "# 末尾的注释\n"
    text = text.replace('id = "1"\n', 'id = "1"  # 行尾注释\n', 1)
    multi = f'id = "{last}"\ndetail = """多行\n说明 # 不是注释\n第三行"""\n'
    if multi_line:  # (the change is then patched as text: its entry's key summed whole)
        text = text.replace(f'id = "{last}"\n', multi, 1)
        assert multi in text
    data = b"\xef\xbb\xbf" + text.encode("utf-8").replace(b"\n", b"\r\n")
    plan_file.write_bytes(data)
    assert len(data) > 2 * sums.STEP
    first = items[1]["id"]
    keyed: list[int] = []
    plain_after_edit = sums.after_edit
    monkeypatch.setattr(
        sums, "after_edit", lambda *args: keyed.append(1) or plain_after_edit(*args)
    )
    runner = CliRunner()
    views = [["show", first], ["show", last], ["status", "--json"], ["check"]]
    assert runner.invoke(app, ["status"]).exit_code == 0
    for args in (
        ["note", first, "头一条", "--on", "2023-06-30"],
        ["note", last, "末一条", "--on", "2023-06-30"],
        ["progress", last, "40"] if "progress" in items[-1] else ["start", last],
        ["undo"],
        ["edit", first, "--title", "改过的名称"],
        ["header", "--title", "改过的计划名称"],  # the plan's table, at the very start
        ["undo"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        _recalled_is_the_file(plan_file, monkeypatch)
        _alike_without_cache(runner, monkeypatch, views)
    assert bool(keyed) is not multi_line  # (else the key from the sums along is not tested)
    written = plan_file.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf# ") and written.endswith("# 末尾的注释\r\n".encode())
    assert written.count(b"\n") == written.count(b"\r\n")

    # A hand edit of the same size, its time put back: the next read sees it.
    st = plan_file.stat()
    plan_file.write_bytes(written.replace("末一条".encode(), "未一条".encode()))
    os.utime(plan_file, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert plan_file.stat().st_size == st.st_size
    code, shown = _said(runner, ["show", last])
    assert code == 0 and "未一条" in shown and "末一条" not in shown
    _alike_without_cache(runner, monkeypatch, views)


# A wrong value in one table of a plan long enough for the column check (first of its
# shape, among the others, the last): the same message with the cache off, cold and stale.
WRONG = {
    "a float progress above 100": ("progress", 100.5),
    "a text due": ("due", "2023-05-01"),
    "a bool target": ("target", True),
    "no title": ("title", None),
    "a table for a title": ("title", {"a": 1}),
    "an unknown key": ("zzz", "x"),
}


@pytest.mark.parametrize("where", [0, 1, -1])
@pytest.mark.parametrize("wrong", list(WRONG))
def test_one_wrong_value_among_many_tables_says_the_same_with_or_without_the_cache(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, wrong: str, where: int
) -> None:
    from quanhu_plan.canonical import dumps

    doc = generated(120, 5)
    runner = CliRunner()
    plan_file.write_text(dumps(doc), encoding="utf-8")
    assert runner.invoke(app, ["status"]).exit_code == 0  # an entry, stale after the edit
    tasks = [table for table in doc["item"] if table["id"].count(".") == 2]
    table = tasks[where]
    field, value = WRONG[wrong]
    if value is None:
        del table[field]
    else:
        table[field] = value
    plan_file.write_text(dumps(doc), encoding="utf-8")
    st = plan_file.stat()
    os.utime(plan_file, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    views = [["check"], ["status"], ["--lang", "en", "check"], ["show", table["id"]]]
    stale = [_said(runner, view) for view in views]
    with monkeypatch.context() as off:
        off.setenv("QUANHU_PLAN_CACHE", "off")
        assert stale == [_said(runner, view) for view in views]
    for view in views:  # cold: each the first read of the plan
        with monkeypatch.context() as cold:
            cold.setenv("QUANHU_PLAN_CACHE", str(plan_file.parent / f"cold-{len(view)}"))
            assert _said(runner, view) == stale[views.index(view)]
    if field != "zzz":
        assert stale[0][0] == 1 and table["id"] in stale[0][1]
