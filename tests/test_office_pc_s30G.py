"""The office PC of session 30: Chinese Windows, emulated where Linux cannot be it. Output
redirected in GBK keeps the marks a clerk types (✓ ✗ m²) as the plain ones GBK has (√ × m2)
rather than "?"; the errors Windows raises where the code calls the OS (a write-protected USB
stick, a path past Windows' 260 characters, a lock file a sync tool holds open) are said as
what they are, the plan untouched, no temp file left."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from .conftest import REPO, SMALL_ITEMS, write_plan

runner = CliRunner()


def one_paragraph(text: str) -> str:
    return " ".join(text.split())


def run_plan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """``python -m quanhu_plan`` in a real process: the output's encoding is the process's."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **env}
    return subprocess.run(
        [sys.executable, "-m", "quanhu_plan", *args],
        env=full_env,
        capture_output=True,
        timeout=60,
    )


# ---------------------------------------------------------------- marks GBK lacks


TYPED_MARKS = "验收✓ 返工✗ 已核✔ 未核✘ 清淤1200m² 土方300㎥ 体积5m³ • 要点"


def test_marks_gbk_lacks_are_written_as_the_plain_ones_it_has_not_question_marks(plan_file):
    # a clerk types ✓ (or pastes it from WeChat) and m² (plan import writes m2 as m²): a
    # report redirected on Chinese Windows (GBK) wrote them "?", and said characters were lost
    items = [dict(item) for item in SMALL_ITEMS]
    items[1]["title"] = TYPED_MARKS
    write_plan(plan_file, items)
    env = {"PYTHONIOENCODING": "gbk", "PLAN_FILE": str(plan_file), "COLUMNS": "200"}
    result = run_plan("list", "--flat", env=env)
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    shown = result.stdout.decode("gbk")
    assert "验收√ 返工× 已核√ 未核× 清淤1200m2 土方300m3 体积5m3 · 要点" in shown, shown
    assert "?" not in shown and result.stderr == b"", result.stderr.decode("gbk", "replace")


def test_a_stand_in_takes_the_columns_its_mark_took():
    # the views lay out columns by the marks' widths: a stand-in must not shift what follows
    from quanhu_plan.output_streams import SHOWN_IN_COLUMNS, never_fail_to_print
    from quanhu_plan.terminal.widths import character_width

    never_fail_to_print()
    for mark in "✓✔✗✘²³㎥•":
        stand_in = mark.encode("gbk", SHOWN_IN_COLUMNS).decode("gbk")
        assert "?" not in stand_in, mark
        assert sum(character_width(c) for c in stand_in) == character_width(mark), mark
