"""Bad plan files and bad arguments (issue 8, defects 1, 9, 10, 11, 13 and 17), one test each:
``plan check`` names the line, item and field of every problem; every other command refuses
such a file with that message (exit 1, no traceback, nothing written); a number too large is a
usage error; no change, undo included, writes a plan that loses an item or that the next command
would refuse; the report is linear in the length of a text."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan import changes, guard, store
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app
from quanhu_plan.errors import BadChange, PlanUnwritable

from .conftest import SMALL_ITEMS, write_plan

T0 = dt.datetime(2023, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


HEAD = '[plan]\ntitle = "t"\nyear = 2023\n[[item]]\nid = "1"\ntitle = "a"\n'
LOG = HEAD + "[[item.log]]\n"
ARCHIVE = HEAD + (
    '[[removed]]\nat = 2023-01-01T00:00:00+08:00\naction = "remove"\nparent = ""\n'
    "position = 0\n[[removed.item]]\n"
)

# The 21 bad files of the issue: (name, text, what `plan check --lang en` says of it).
BAD_FILES = [
    *[
        (
            f"year {year}",
            f'[plan]\ntitle = "t"\nyear = {year}\n[[item]]\nid = "1"\ntitle = "a"\n',
            f"line 3, [plan], field year: found {year}; must be a whole year from 1900 to 2999",
        )
        for year in (10000, 0, -1, 2**63 - 1)
    ],
    (
        "a 400-digit target",
        HEAD + "target = " + "9" * 400 + "\nactual = 5\n",
        "line 7, item 1, field target: found 99999999999999999999…<400 digits>; must be a "
        "number, may be negative (below 10^15 in size)",
    ),
    (
        "a 5000-digit target",
        HEAD + "target = " + "9" * 5000 + "\n",
        "cannot be read at line 7: a number has too many digits, beyond what a plan file may hold",
    ),
    (
        "ids 500 deep",
        '[plan]\ntitle = "t"\n'
        + "".join(f'[[item]]\nid = "{".".join(["1"] * n)}"\ntitle = "a"\n' for n in range(1, 501)),
        "line 195, item 1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.…, field "
        "parent",
    ),
    (
        "parent chains 600 deep",
        '[plan]\ntitle = "t"\n'
        + "".join(
            f'[[item]]\nid = "x{n}"\ntitle = "a"\nparent = "{f"x{n - 1}" if n else ""}"\n'
            for n in range(600)
        ),
        "line 262, item x64, field parent: found 'x63'; items nest at most 64 levels deep and "
        "this one is on level 65",
    ),
    (
        "unknown fields nested 3000 deep",
        HEAD + "x = " + "[" * 3000 + "]" * 3000 + "\n",
        "cannot be read at line 7: arrays or tables nest too deeply",
    ),
    *[
        (
            f"log {key} on {day}",
            LOG + f'{key} = {day}{"T00:00:00" if key == "at" else ""}\nnote = "x"\n',
            f"line 8, item 1, log entry 1, field {key}: found {day}",
        )
        for key in ("at", "on")
        for day in ("0001-01-01", "9999-12-31")
    ],
    *[
        (
            f"a log {key} that is {kind}",
            LOG + f'at = 2023-01-01T00:00:00+08:00\naction = "edit"\n{key} = {value}\n',
            f"line 10, item 1, log entry 1, field {key}: found {shown}; must be a table of the "
            f"fields changed and their {'old' if key == 'before' else 'new'} values",
        )
        for key in ("before", "after")
        for kind, value, shown in (("text", '"x"', "'x'"), ("a list", "[1]", "[1]"))
    ],
    (
        'removed = "x"',
        'removed = "x"\n' + HEAD,
        "line 1, the top level of the file, field removed: found 'x'; must be [[removed]] tables",
    ),
    (
        "a [removed] table",
        HEAD + "[removed]\nx = 1\n",
        "line 7, the top level of the file, field removed: found { x = 1 }; must be [[removed]]",
    ),
    (
        "an archived item without an id",
        ARCHIVE + 'title = "b"\n',
        "line 12, [[removed]] number 1, its item number 1, field id: found nothing; every item "
        "needs a non-empty text id",
    ),
    (
        "an archived item with title = 5",
        ARCHIVE + 'id = "2"\ntitle = 5\n',
        "line 14, [[removed]] number 1, archived item 2, field title: found 5; every item "
        "needs a non-empty title",
    ),
    (
        "nan in an unknown field",
        HEAD + "foo = nan\n",
        "line 7, item 1, field foo: found nan; nan is not allowed",
    ),
]

OTHER_COMMANDS = [
    ["status"],
    ["status", "--as-of", "2023-06-30"],
    ["list"],
    ["show", "1"],
    ["log"],
    ["report", "--format", "md"],
    ["note", "1", "x"],
    ["undo"],
]


@pytest.mark.parametrize(
    ("text", "said"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_a_bad_file_is_named_by_check_and_refused_by_every_command(plan_file, text, said):
    plan_file.write_text(text, encoding="utf-8")
    before = plan_file.read_bytes()
    checked = invoke("--lang", "en", "check")
    assert checked.exit_code == 1, checked.output
    assert said in checked.output
    assert "Traceback" not in checked.output
    for args in OTHER_COMMANDS:
        result = invoke("--lang", "en", *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert said.split(": found")[0].split(", beyond")[0] in result.stderr, (args, result.stderr)
        assert plan_file.read_bytes() == before


def test_check_names_the_limits_in_chinese_too(plan_file):
    plan_file.write_text(BAD_FILES[0][1], encoding="utf-8")
    result = invoke("check")
    assert (
        "第 3 行，[plan]，字段 year：发现 10000；应为 1900 到 2999 之间的年份整数" in result.output
    )


def test_a_bad_log_value_names_its_field_and_that_it_was_hand_edited(plan_file):
    plan_file.write_text(
        LOG
        + 'at = 2023-01-01T00:00:00+08:00\naction = "start"\nbefore = { status = "exploded" }\n',
        encoding="utf-8",
    )
    result = invoke("--lang", "en", "check")
    assert (
        "line 10, item 1, log entry 1, field before.status: found 'exploded'; the old value of "
        "status: must be one of todo, doing, done, blocked, dropped. (the entry may have been "
        "edited by hand; correct it.)"
    ) in result.output


def test_values_at_the_limits_are_accepted(plan_file):
    # (the smallest weight every view shows as written; 1e-300 shows as 0, refused since s22)
    plan_file.write_text(
        '[plan]\ntitle = "t"\nyear = 2999\nstart = 1900-01-01\nend = 2999-12-31\n'
        '[[item]]\nid = "1"\ntitle = "a"\ntarget = 999999999999999\nweight = 1e-15\n'
        "x = [[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]\ndue = 1900-01-01\n"
        '[[item.log]]\nat = 2999-12-31T23:59:59+08:00\non = 1900-01-01\nnote = "x"\n',
        encoding="utf-8",
    )
    result = invoke("check")
    assert result.exit_code == 0, result.output
    assert invoke("status").exit_code == 0
    assert invoke("report").exit_code == 0


# ---------------------------------------------------------------- defect 10: nan


def test_nan_in_an_unknown_field_is_named_and_no_change_blames_the_disk(plan_file):
    plan_file.write_text(HEAD + "foo = nan\n", encoding="utf-8")
    before = plan_file.read_bytes()
    result = invoke("--lang", "en", "note", "1", "进展")
    assert result.exit_code == 1
    assert "line 7, item 1, field foo: found nan; nan is not allowed" in result.stderr
    assert "disk" not in result.stderr
    assert plan_file.read_bytes() == before


def test_a_text_that_would_not_read_back_names_the_field_not_the_disk(plan_file):
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()

    def spoil(plan):  # a value no check would let in: what the write path says of it
        plan.find("1.1").data["foo"] = {"x": [math.nan]}

    with pytest.raises(PlanUnwritable) as info:
        store.update(store.PlanSource(plan_file), spoil)
    message = info.value.message("en")
    assert 'the value nan at item[id = "1.1"].foo.x[0] does not read back the same' in message
    assert "disk" not in message
    assert "的值 " in info.value.message("zh") and "磁盘" not in info.value.message("zh")
    assert plan_file.read_bytes() == before


# ---------------------------------------------------------------- defect 11: huge numbers

HUGE = "9" * 400


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["record", "1.1", HUGE], "Invalid value for VALUE: '999"),
        (["record", "1.1", "9" * 5000], "is too large: a number must be below 10^15"),
        (["record", "1.1", "1e400"], "'1e400' is too large"),
        (["record", "1.1", "nan"], "'nan' is not a number"),
        (["progress", "1.3", HUGE], "is too large"),
        (["add", "1", "修桥", "--target", HUGE], "Invalid value for --target"),
        (["add", "1", "修桥", "--baseline", HUGE], "Invalid value for --baseline"),
        (["edit", "1.1", "--weight", HUGE], "Invalid value for --weight"),
        (["edit", "1.1", "--target", "1000000000000000"], "is too large"),
    ],
    ids=lambda v: str(v)[:40],
)
def test_a_number_too_large_to_hold_is_a_usage_error(small_plan, args, said):
    before = small_plan.read_bytes()
    result = invoke(*args, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert "Traceback" not in result.output and len(result.stderr) < 600  # the value cut short
    assert small_plan.read_bytes() == before


def test_the_largest_number_allowed_is_recorded(small_plan):
    assert invoke("record", "1.1", "999999999999999").exit_code == 0
    assert invoke("check").exit_code == 0


# ---------------------------------------------------------------- defects 1 and 13: undo


def init_and_move(plan_file: Path) -> None:
    assert invoke("init", str(plan_file)).exit_code == 0
    assert invoke("move", "1.1", "top").exit_code == 0


def ids_in(plan_file: Path) -> set[str]:
    plan = store.load(store.PlanSource(plan_file))
    return {item.id for item in plan.items()}


def test_undoing_a_move_that_a_hand_edit_turned_into_a_loop_is_refused_and_nothing_vanishes(
    plan_file,
):
    """Issue 8, defect 1: after `plan move 1.1 top`, item 1 is hung under 1.1 by hand; undo
    would put 1.1 back under 1, a loop in which 1, 1.1, 1.1.1 and 1.1.2 would vanish."""
    init_and_move(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        text.replace('[[item]]\nid = "1"\n', '[[item]]\nid = "1"\nparent = "1.1"\n', 1),
        encoding="utf-8",
    )
    assert invoke("check").exit_code == 0  # no loop yet: 1 under 1.1, 1.1 at the top
    before = plan_file.read_bytes()
    ids = ids_in(plan_file)
    result = invoke("--lang", "en", "undo")
    assert result.exit_code == 1
    assert (
        "Cannot undo the move: the old parent 1 is below 1.1 now, and moving it back would make "
        "a loop; nothing was changed. To hang 1.1 under 1 again, move 1 out first (plan move 1 "
        "top), then run plan move 1.1 1."
    ) in result.stderr
    assert plan_file.read_bytes() == before
    assert {"1", "1.1", "1.1.1", "1.1.2"} <= ids_in(plan_file) == ids


def test_check_names_a_parent_loop_by_its_chain(plan_file):
    init_and_move(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace('[[item]]\nid = "1"\n', '[[item]]\nid = "1"\nparent = "1.1"\n', 1)
    text = text.replace(
        'id = "1.1"\ntitle = "全力实施乡村振兴战略"\nparent = ""\n',
        'id = "1.1"\ntitle = "全力实施乡村振兴战略"\n',
    )
    plan_file.write_text(text, encoding="utf-8")
    result = invoke("--lang", "en", "check")
    assert result.exit_code == 1
    assert "item 1, field parent: found '1.1'; the parent links form a loop (1 → 1.1 → 1)" in (
        result.output
    )
    assert invoke("status").exit_code == 1


def hand_edit_last_entry(plan_file: Path, old: str, new: str) -> bytes:
    text = plan_file.read_text(encoding="utf-8")
    at = text.rindex(old)
    plan_file.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return plan_file.read_bytes()


def test_undo_by_a_trace_entry_with_an_impossible_status_is_refused_before_anything(small_plan):
    assert invoke("start", "1.3").exit_code == 0
    before = hand_edit_last_entry(
        small_plan, "after = {", 'before = { status = "exploded" }\nafter = {'
    )
    result = invoke("--lang", "en", "undo")
    assert result.exit_code == 1
    assert "log entry 1, field before.status: found 'exploded'" in result.stderr
    assert small_plan.read_bytes() == before


def test_undo_by_a_trace_entry_that_changes_an_id_is_refused(small_plan):
    assert invoke("progress", "1.3", "60").exit_code == 0
    before = hand_edit_last_entry(
        small_plan, "before = { progress = 50 }", 'before = { progress = 50, id = "9" }'
    )
    result = invoke("--lang", "en", "undo")
    assert result.exit_code == 1
    assert "Cannot undo: the log entry of 1.3 修机耕道 at 2" in result.stderr
    assert "would set id back, but an id never changes" in result.stderr
    assert small_plan.read_bytes() == before


def test_undo_restoring_a_hand_edited_archived_item_that_would_be_invalid_is_refused(small_plan):
    """The archive passes check (a parent is text), but restored, the item would hang under
    an item that does not exist: every later command would refuse the plan."""
    assert invoke("rm", "1.3", "--yes").exit_code == 0
    before = hand_edit_last_entry(
        small_plan, 'title = "修机耕道"\n', 'title = "修机耕道"\nparent = "nowhere"\n'
    )
    assert invoke("check").exit_code == 0
    result = invoke("--lang", "en", "undo")
    assert result.exit_code == 1
    assert "Cannot undo: undoing the change made at" in result.stderr
    assert "item 1.3, field parent: found 'nowhere'; there is no item nowhere" in result.stderr
    assert "Nothing was written" in result.stderr
    assert small_plan.read_bytes() == before


def test_undo_of_a_removal_entry_written_on_a_live_item_is_refused(small_plan):
    assert invoke("note", "1.3", "x").exit_code == 0
    before = hand_edit_last_entry(small_plan, 'action = "note"', 'action = "remove"')
    result = invoke("--lang", "en", "undo")
    assert result.exit_code == 1
    assert "is on an item in the plan, not in the [[removed]] archive" in result.stderr
    assert small_plan.read_bytes() == before


def test_a_bad_archived_item_refuses_undo_with_its_line(small_plan):
    assert invoke("rm", "1.3", "--yes").exit_code == 0
    before = hand_edit_last_entry(
        small_plan,
        '[[removed.item]]\nid = "1.3"\ntitle = "修机耕道"',
        '[[removed.item]]\nid = "1.3"\ntitle = 5',
    )
    result = invoke("--lang", "en", "undo")
    assert result.exit_code == 1
    assert "[[removed]] number 1, archived item 1.3, field title: found 5" in result.stderr
    assert small_plan.read_bytes() == before


def test_no_change_may_lose_an_item_or_leave_an_invalid_plan(small_plan):
    """The guard every change command runs: a change that would drop an item from the tree
    (not archive it) or break the format is refused, whatever its cause."""
    plan = store.load(store.PlanSource(small_plan))

    def drop_item(plan):
        item = plan.find("1.3")
        item.parent.children.remove(item)
        return changes.add_note(plan, "1.1", "x", Stamp("测", T0))

    with pytest.raises(BadChange) as lost:
        guard.checked(plan, drop_item)
    assert "would make the item 1.3 vanish" in lost.value.message("en")

    plan = store.load(store.PlanSource(small_plan))
    with pytest.raises(BadChange) as invalid:
        guard.checked(plan, lambda plan: plan.find("1.1").data.update(progress=500))
    assert "item 1.1, field progress: found 500" in invalid.value.message("en")


def test_a_removal_archives_and_every_change_keeps_every_item(small_plan):
    counts = guard.item_counts(store.load(store.PlanSource(small_plan)))
    for args in (
        ["rm", "2", "-r", "-y"],
        ["undo"],
        ["add", "1", "新"],
        ["undo"],
        ["move", "1.1", "2"],
        ["undo"],
    ):
        assert invoke(*args).exit_code == 0, args
        now = guard.item_counts(store.load(store.PlanSource(small_plan)))
        assert not counts - now, args
        counts = now


# ---------------------------------------------------------------- defect 17: long text

MEGABYTE = 1_000_000


def long_plan(plan_file: Path, text: str) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": text},
            {
                "id": "1.1",
                "title": text,
                "detail": text,
                "status": "done",
                "done_on": dt.date(2023, 2, 1),
                "log": [{"on": dt.date(2023, 2, 1), "note": text}],
            },
        ],
    )


@pytest.mark.parametrize(
    "kind", ["修塘", "a", "ab 。", "中文\n"], ids=["chinese", "one word", "mixed", "lines"]
)
def test_a_megabyte_title_detail_and_note_are_reported_in_every_format(plan_file, tmp_path, kind):
    """Every format copes with a megabyte of text in a field, on one line or on a hundred
    thousand (how long it takes is measured by benchmarks/long_text.py: under 2 s)."""
    long_plan(plan_file, kind * (MEGABYTE // len(kind)))
    for args in (
        ["report"],
        ["report", "--format", "md"],
        ["report", "--format", "json"],
        ["report", "--format", "docx", "--out", str(tmp_path / "r.docx")],
        ["show", "1.1"],
        ["log"],
    ):
        result = invoke(*args)
        assert result.exit_code == 0, result.output[-500:]
        if args == ["report", "--format", "json"]:
            assert json.loads(result.stdout)["achievements"][0]["entries"][0]["note"].startswith(
                kind.strip()
            )


def test_a_text_beyond_100000_characters_is_cut_in_tables_with_its_length(plan_file):
    long_plan(plan_file, "修" * 150_000)
    result = invoke("status")
    assert result.exit_code == 0
    unfolded = re.sub(r"\n *", " ", result.output)  # the note on the length may fold at a space
    assert "…（共 150,000 字" in unfolded
    report = invoke("report").output
    assert "修" * 150_000 in report.replace("\n", "").replace(" ", "")  # paragraphs whole


def test_a_file_saved_as_gbk_is_named_as_such_with_advice_that_fits(plan_file, runner):
    plan_file.write_bytes('[plan]\ntitle = "测试"\n'.encode("gbk"))
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1
    assert "不是 UTF-8 编码的文本" in result.stderr and "另存为" in result.stderr
    assert "“UTF-8”" in result.stderr
    assert "磁盘空间" not in result.stderr
