"""Session 35 (issue 9): a warm ``status`` of a big plan does no work it need not, after Typer
has called it: no figure made twice, no object made per row that the view throws away, no
module loaded that the parts-and-goals path does not use. Each test here failed before the
change it stands for; the output stays byte for byte (tests/test_view_output.py,
tests/test_status_goals.py)."""

from __future__ import annotations

from quanhu_plan.records import StatusRow, awaiting_tick_off
from quanhu_plan.rollup import _task_figures
from quanhu_plan.rollup_tree import combined, tasks_combined


def test_rows_at_100_percent_are_found_without_a_fraction_made_for_each_row() -> None:
    """``awaiting_tick_off`` looks at every row of a status: whether it is at 100% is asked of
    its figures' reduced ratio (``Rollup.complete``), not of a ``Fraction`` made for it (510
    of them, some 5 M instructions, for a 10,000-task plan)."""
    full = _task_figures((1, 1), "on_pace", "green", False)  # 100%, not ticked off
    half = _task_figures((1, 2), "behind", "yellow", False)
    done = _task_figures((1, 1), "done", "green", False)
    at_full = tasks_combined([[1, full, 2], [1, done, 1]])
    short = tasks_combined([[1, half, 1], [1, full, 1]])
    total = combined([[1, at_full, 1], [1, short, 1]])
    rows = [StatusRow("1", "基础设施", 0, at_full), StatusRow("2", "民生", 0, short)]
    found = awaiting_tick_off(rows, total)
    assert [(row.id if row else None, waiting) for row, waiting, _, _ in found] == [("1", 2)]
    assert [row.figures._completion for row in rows] == [None, None]
    assert total._completion is None
    # the whole plan at 100%: said once, of the 合计
    whole = combined([[1, at_full, 2]])
    assert awaiting_tick_off(rows[:1], whole) == [(None, 4, 0, 0)]
    assert whole._completion is None


def test_a_title_folds_between_two_ideographs_without_the_rules_for_numbers_and_escapes() -> None:
    """Where a Chinese title folds (between two CJK ideographs), ``_breaks_at`` answers at its
    first test: no escape looked for (a regular expression) nor any rule of numbers, units and
    punctuation asked (500 titles of a big plan's status: some 3 M instructions). A number's
    magnitude before its unit still keeps them together (3.3万 | 亩 is not a break)."""
    from unittest import mock

    from quanhu_plan.terminal import paragraphs

    text = "见\\x1b推进乡村振兴3.3万亩"
    with mock.patch.object(paragraphs, "_inside_escape", side_effect=AssertionError):
        assert paragraphs._breaks_at(text, text.index("进"))  # 推 | 进
        assert paragraphs._breaks_at(text, text.index("兴"))  # 振 | 兴
    assert not paragraphs._breaks_at(text, text.index("亩"))  # 万 | 亩: kept whole
    assert not paragraphs._breaks_at("3万亩", 2)
    assert paragraphs._breaks_at("十万亩", 2)  # (a magnitude after no number: a word)
    assert paragraphs.wrap_lines("推进乡村振兴重点项目建设", 10) == [(0, 5), (5, 10), (10, 12)]


def test_the_tasks_done_or_dropped_are_kept_under_one_key_each(tmp_path, monkeypatch) -> None:
    """A task done (or dropped) has the same figures whatever its deadline, progress or figure
    say: the parts-and-goals digest keeps one key for all of them (``("done",)``, one object,
    unpickled once), and a warm status judges it once, not once for each deadline (627 keys of
    a 10,000-task plan: some 2 M instructions). The status prints what the whole plan's does."""
    from _pickle import loads

    from .test_goals_digest import _digest_files, _setup, _status

    path = _setup(tmp_path, monkeypatch)
    whole = _status(path, cached=False)
    assert _status(path) == whole  # the first read: its digest kept
    (digest,) = _digest_files(tmp_path)
    distinct = loads(digest.read_bytes()[12:])[4]
    settled = [key for key in distinct if key[0] in ("done", "dropped")]
    assert settled and all(key in (("done",), ("dropped",)) for key in settled)
    assert len({id(key) for key in settled}) == len(set(settled))  # (each one object)
    assert _status(path) == whole  # warm, of the digest
