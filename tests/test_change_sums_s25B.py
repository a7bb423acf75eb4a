"""The parse cache's key of the bytes a change writes (their length, CRC-32 and Adler-32) is
worked out from the sums taken along the bytes it read and the runs it replaced
(``store.sums``), not by summing the new file whole: the same sums, and the next read finds
the plan there."""

from __future__ import annotations

import random
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.store import cache, sums

from .conftest import write_plan
from .test_long_trace_changes import long_items


def _replaced(raw: bytes, replaced: list[tuple[int, int, bytes]]) -> bytes:
    out, cursor = [], 0
    for start, end, new in replaced:
        out += [raw[cursor:start], new]
        cursor = end
    return b"".join([*out, raw[cursor:]])


@settings(max_examples=300, deadline=None)
@given(
    raw=st.binary(max_size=600),
    cuts=st.lists(st.integers(min_value=0, max_value=600), max_size=6),
    news=st.lists(st.binary(max_size=40), min_size=3, max_size=3),
)
def test_the_sums_after_an_edit_are_those_of_the_new_bytes(
    raw: bytes, cuts: list[int], news: list[bytes]
) -> None:
    cuts = sorted(min(cut, len(raw)) for cut in cuts)
    replaced = [(a, b, new) for a, b, new in zip(cuts[::2], cuts[1::2], news, strict=False)]
    with mock.patch.object(sums, "STEP", 7):  # marks every few bytes: runs across them
        marks: list[tuple[int, int]] = []
        assert sums.along(raw, marks) == cache.summed(raw)
        assert sums.after_edit(raw, marks, replaced) == cache.summed(_replaced(raw, replaced))


def test_the_sums_after_an_edit_of_a_long_file_are_those_of_the_new_bytes() -> None:
    rng = random.Random(25)
    for size in (0, 1, sums.STEP - 1, sums.STEP, sums.STEP + 1, 3 * sums.STEP + 5):
        raw = rng.randbytes(size)
        marks: list[tuple[int, int]] = []
        assert sums.along(raw, marks) == cache.summed(raw)
        for _ in range(20):
            cuts = sorted(rng.randint(0, size) for _ in range(2 * rng.randint(0, 3)))
            replaced = [
                (cuts[n], cuts[n + 1], rng.randbytes(rng.choice([0, 1, 70, 5000])))
                for n in range(0, len(cuts), 2)
            ]
            new = _replaced(raw, replaced)
            assert sums.after_edit(raw, marks, replaced) == cache.summed(new), (size, cuts)


def test_the_table_of_powers_is_each_the_square_of_the_one_before() -> None:
    assert sums._X2N[0] == 1 << 30  # x
    for before, power in zip(sums._X2N, sums._X2N[1:], strict=False):
        assert power == sums._times(before, before)
    assert sums._times(sums._X2N[31], sums._X2N[31]) == sums._X2N[0]  # (x^(2^32) = x here)


@pytest.mark.parametrize("form", ["plain", "bom", "crlf"])
def test_a_change_on_a_long_plan_keys_its_entry_without_summing_the_file_again(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    write_plan(plan_file, long_items(3000))
    data = plan_file.read_bytes()
    if form == "crlf":
        data = data.replace(b"\n", b"\r\n")
    if form == "bom":
        data = b"\xef\xbb\xbf" + data
    plan_file.write_bytes(data)
    assert len(data) > 3 * sums.STEP
    runner = CliRunner()
    assert runner.invoke(app, ["status"]).exit_code == 0  # the plan in use: in the parse cache

    summed_whole: list[int] = []
    plain_summed = cache.summed

    def spied(raw: bytes, *more: bytes, marks: list | None = None) -> tuple[int, int, int]:
        if marks is None:
            summed_whole.append(len(raw) + sum(map(len, more)))
        return plain_summed(raw, *more, marks=marks)

    monkeypatch.setattr(cache, "summed", spied)
    for args in (["note", "1.3", "进展顺利", "--on", "2023-06-30"], ["done", "1.1"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert summed_whole == []  # neither what it read nor what it wrote summed whole again

    monkeypatch.setattr(cache, "summed", plain_summed)
    raw = plan_file.read_bytes()
    real = store.plan_file._real(plan_file)
    recalled = cache.recall(real, raw, plan_file.stat())
    assert recalled is not None  # stored under the sums of the bytes the change wrote
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    assert recalled.to_doc() == store.load(store.PlanSource(plan_file)).to_doc()
