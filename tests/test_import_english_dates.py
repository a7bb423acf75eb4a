"""Deadlines an English-headed sheet writes in words ("June 30, 2023", "end of June", "Q2
2023", "by year end", "ongoing") are read as the Chinese forms are, with the same rules for
what is ambiguous."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_english_plan import invoke


def _sheet(tmp_path: Path, *deadlines: str) -> None:
    rows = "".join(
        f'1.{n},Task {n},Li Ming,"{deadline}"\n' for n, deadline in enumerate(deadlines, start=1)
    )
    text = "No.,Task,Owner,Deadline\n1,Infrastructure,,\n" + rows
    (tmp_path / "sheet.csv").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("deadline", "written"),
    [
        ("June 30, 2023", "due = 2023-06-30"),
        ("30 June 2023", "due = 2023-06-30"),
        ("30th of June, 2023", "due = 2023-06-30"),
        ("Sept 5", "due = 2023-09-05"),
        ("by Dec 31", "due = 2023-12-31"),
        ("end of June", 'due = "2023-06"'),
        ("by the end of June 2023", 'due = "2023-06"'),
        ("Jun. 2023", 'due = "2023-06"'),
        ("Q2 2023", 'due = "2023-Q2"'),
        ("the third quarter", 'due = "2023-Q3"'),
        ("end of Q4", 'due = "2023-Q4"'),
        ("first half of 2023", "due = 2023-06-30"),
        ("H2", "due = 2023-12-31"),
        ("by year end", "due = 2023-12-31"),
        ("before the end of 2023", "due = 2023-12-31"),
        ("deadline: 2023-06-30", "due = 2023-06-30"),
        ("monthly", 'due = "2023-12"'),  # recurring: the last month, the words kept (s32B)
    ],
)
def test_an_english_deadline_is_read_as_its_chinese_form(
    tmp_path: Path, deadline: str, written: str
) -> None:
    _sheet(tmp_path, deadline, "2023-12-31")  # the second row names the year
    result = invoke("import", "sheet.csv", "--out", "imported.toml", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "imported.toml").read_text(encoding="utf-8")
    first = text[text.index('id = "1.1"') : text.index('id = "1.2"')]
    assert written in first


def test_an_ongoing_task_has_no_deadline(tmp_path: Path) -> None:
    _sheet(tmp_path, "Ongoing", "2023-12-31")
    result = invoke("import", "sheet.csv", "--out", "imported.toml", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "imported.toml").read_text(encoding="utf-8")
    first = text[text.index('id = "1.1"') : text.index('id = "1.2"')]
    assert "due =" not in first
    assert '"Deadline (as written)" = "Ongoing"' in first, first  # (the words kept)


def test_an_english_range_gives_the_start_and_the_deadline(tmp_path: Path) -> None:
    _sheet(tmp_path, "March to June 2023")
    result = invoke("import", "sheet.csv", "--out", "imported.toml", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "imported.toml").read_text(encoding="utf-8")
    assert 'due = "2023-06"' in text and 'start = "2023-03"' in text


@pytest.mark.parametrize(
    ("deadline", "said"),
    [
        ("before June", "could mean before month 6 starts or by its end"),
        ("sometime soon", "expected a deadline such as 2023-06-30, June 30, end of June"),
    ],
)
def test_an_english_deadline_that_could_mean_two_things_is_refused(
    tmp_path: Path, deadline: str, said: str
) -> None:
    _sheet(tmp_path, deadline, "2023-12-31")
    result = invoke("import", "sheet.csv", "--out", "imported.toml", "--lang", "en")
    assert result.exit_code == 1
    assert "sheet.csv!D3 (Deadline)" in result.output
    assert said in " ".join(result.output.split())
    assert not (tmp_path / "imported.toml").exists()
