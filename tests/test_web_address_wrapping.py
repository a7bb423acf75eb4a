"""A web address in a note (a 公示 page, a shared document) folds as one: ``https://`` stays
with its host, the address breaks after a slash, and a host longer than the column after a
dot, never inside ``https:`` / ``//``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.paragraphs import wrap_lines

from .conftest import write_plan

ADDRESS = "https://www.hengnan.gov.cn/zwgk/xxgkml/ghjh/202301/t20230115_123456789.html"
NOTE = f"详见 {ADDRESS} 的公示材料，另见附件"


def _lines(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in wrap_lines(text, width)]


@pytest.mark.parametrize("width", [12, 16, 20, 30, 40, 60])
def test_an_address_breaks_after_a_slash_or_a_dot_never_after_its_scheme(width: int) -> None:
    lines = _lines(NOTE, width)
    assert "".join(lines).replace(" ", "") == NOTE.replace(" ", "")  # nothing lost
    assert not any(line.endswith(("https:", "https")) for line in lines), lines
    assert not any(line.startswith(("//", ":")) for line in lines), lines
    start = next(n for n, line in enumerate(lines) if "https" in line)
    assert lines[start].endswith("https://" if width < 27 else "/"), lines


def test_a_host_longer_than_the_line_breaks_after_a_dot() -> None:
    assert _lines("https://www.hengnan.gov.cn/zwgk", 14) == [
        "https://",
        "www.hengnan.",
        "gov.cn/zwgk",
    ]


def test_numbers_and_dates_keep_their_dots() -> None:
    # a dot between digits is no place to break: 3.35 stays whole, as before
    assert _lines("面积3.35万亩", 6) == ["面积", "3.35万", "亩"]


def test_show_and_log_keep_the_address_whole_where_it_fits(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(plan_file, [{"id": "1", "title": "产业发展"}, {"id": "1.1", "title": "修路"}])
    assert runner.invoke(app, ["note", "1.1", NOTE, "--on", "2023-03-01"]).exit_code == 0
    monkeypatch.setenv("COLUMNS", "140")
    shown = runner.invoke(app, ["show", "1.1"])
    assert shown.exit_code == 0
    assert ADDRESS in shown.output  # whole on one line at 140 columns
    monkeypatch.setenv("COLUMNS", "60")
    for args in (["show", "1.1"], ["log"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        cells = [line.rstrip() for line in result.output.splitlines()]
        assert not any(line.endswith("https:") for line in cells), result.output
        assert any("https://" in line for line in cells), result.output
    assert NOTE in plan_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", range(8, 40))
def test_text_with_an_emoji_selector_folds_by_the_same_rules(width: int) -> None:
    """⚠️ (a selector) or 👨‍👩‍👧 (joiners) in a note, as WeChat text carries them: each
    character counted as it is drawn, and the rules of any other text (no line starts with
    closing punctuation, https:// stays with its host, 3.35万亩 whole)."""
    from quanhu_plan.terminal.cells import joined_width

    text = f"⚠️注意：详见 {ADDRESS} 的公示材料，面积3.35万亩（👨‍👩‍👧家庭签约）。"
    lines = _lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(joined_width(line) <= width for line in lines), lines
    assert not any(line[:1] in "，。）：" for line in lines), lines
    assert not any(line.endswith("https:") for line in lines), lines
    assert any("3.35万" in line for line in lines), lines
    assert not any(line.startswith(("\ufe0f", "\u200d")) for line in lines), lines


def test_any_text_with_joiners_folds_without_fail() -> None:
    """Joiners and selectors anywhere (first, last, in a row, at a line's cut): every text
    folds, losing nothing, each line within the width unless one character is wider."""
    import random

    from quanhu_plan.terminal.cells import joined_width

    pieces = ["\u200d", "\ufe0f", "长", "a", "1", ".", "/", ":", " ", "，", "（", "）", "👨", "❤"]
    chosen = random.Random(18)
    for _ in range(3000):
        text = "".join(chosen.choice(pieces) for _ in range(chosen.randint(1, 14)))
        width = chosen.randint(6, 14)  # (narrower, 避头尾 may keep two characters over)
        lines = _lines(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (text, width)
        for line in lines:
            visible = [c for c in line if joined_width(c)]
            assert joined_width(line) <= width or len(visible) <= 1, (text, width, lines)
