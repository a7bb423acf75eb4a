"""An adversarial review of the quick reader of long plans (store/quick_toml.py): texts it must
read as the TOML reader does, decline, or (above all) never read where the TOML reader refuses.

Each case is compared with tomllib and the reader the store uses (compiled tomli) by
``read_alike`` of test_quick_toml; the cases the TOML reader refuses that the quick reader read
come first, then the edge cases it was tried on and got right (kept as regressions)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import plan_text, quick_toml
from quanhu_plan.store.plan_text import _toml_reader

from .test_quick_toml import PLAN, long_plan, read_alike

runner = CliRunner()


def arrays_of_tables_nested(depth: int) -> str:
    """A plan with ``[[a]]``, ``[[a.a]]``, ... down to a header key of ``depth`` parts, each
    array in the last table of the one above: what the quick reader walks down."""
    headers = ["[[" + ".".join(["a"] * parts) + "]]" for parts in range(1, depth + 1)]
    return PLAN + "\n".join(headers) + "\n"


# ---------------------------------------------------------------- found: read, not refused


def test_a_header_key_of_more_parts_than_tomli_takes_is_not_read() -> None:
    """tomli refuses a key of more parts than the recursion limit (1,000: RecursionError, a
    plan "nested too deeply"); the quick reader walked all 1,001 and gave a document, which
    the commands then recursed through to a traceback."""
    text = arrays_of_tables_nested(1001)
    reader = _toml_reader()
    with pytest.raises(RecursionError):
        reader.loads(text)
    assert quick_toml.loads(text, reader) is None
    assert quick_toml.loads(text, tomllib) is None  # (tomllib of 3.11 reads it: declining is safe)


def test_a_long_plan_with_a_header_key_too_long_is_refused_as_without_the_quick_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the TOML reader alone has it: a plan nested too deeply, on a line (not a
    RecursionError out of the plan's tables, nor ``plan check``'s "more than 16 levels")."""
    text = arrays_of_tables_nested(1001)
    assert len(text) >= plan_text._QUICK_FROM
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    result = runner.invoke(app, ["--file", str(plan_file), "list"])
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "嵌套得太深" in result.output, result.output
    line = text.count("\n")  # the header of 1,001 parts, not the first [[item]]
    assert f"第 {line} 行" in result.output, result.output
    assert plan_file.read_text(encoding="utf-8") == text


def test_a_header_of_a_hundred_thousand_dots_is_declined_at_once() -> None:
    """(It took the pattern half a second, against tomli's few ms, to match all its parts.)"""
    text = PLAN + "[[" + "item." * 100_000 + "log]]\n"
    assert quick_toml.loads(text, _toml_reader()) is None


# ---------------------------------------------------------------- tried, read alike


@pytest.mark.parametrize(
    "extra",
    [
        'x = "\\e"\n',  # TOML 1.1's escape: not in 1.0
        'x = "\\x41"\n',
        'x = "\\uDFFF"\n',
        'x = "\\U00110000"\n',
        'x = "\u2028 \u0085 \ufeff"\n',
        "# \u2028 \x85 \ufeff\n",
        "# \x1b[31m\n",
        "[[item]] # \x00\n",
        "x = 1 # \x7f\n",
        "x = 2024-02-29\n",
        "x = 2100-02-29\n",
        "x = 0000-01-01\n",
        "x = 9999-12-31 23:59:59-23:59\n",
        "x = 0001-01-01 00:00:00+08:00\n",
        "x = 2023-01-01 10:00:00z\n",
        "x = 2023-01-01t10:00:00Z\n",
        "x = 2023-01-01 10:00:00-00:00\n",
        "x = 2023-01-01 10:00:00+24:00\n",
        "x = 2023-01-01  10:00:00Z\n",
        "x = 2023-01-01 10:00Z\n",
        "x = 2023-01-01 10:00:00.9999999+08:00\n",
        "x = 999999999999999999\n",
        "x = 9223372036854775808\n",
        "x = -9223372036854775809\n",
        "x = +0\n",
        "x = -0.0\n",
        "x = -nan\n",
        "v0 = 1\nv1 = [1]\nx = [2]\n",  # the keys of the batch of values left to the reader
        'x = "v0 = 1"\ny = [3]\n',
        "x = [1] # v1 = 2\ny = [2]\n",
        "x = [\ny = 1]\n",  # an array going on below: the next key inside it
        "x = {\ny = 1 }\n",
        "x = { a = 1,\nb = 2 }\n",
        "x = [ # c\n]\n",
        'x = \'"""\'\n',
        "[[item.log]]\n[item]\n",
        "[[item.log]]\n[[item]]\nlog = 1\n",
        "[a]\n[[a.b]]\n",
        "[[a]]\n[a]\n",
        "[[item]]\nx = { a = 1 }\n[[item.x]]\n",
        "[[item]]\nx = [{ a = 1 }]\n[[item.x]]\n",
        "[[item.log.x]]\n[[item.log.x]]\n[[item.log]]\n[[item.log.x]]\n",
        "[[removed.item.log]]\n",
        "[[removed]]\n[[removed.item.log]]\n",
        "[[a]]\n[[a . b]]\n[[ a.b\t. c ]]\n",
        "[[a]]\n[[a.b.]]\n",
        "[ [a] ]\n",
        "[[a]]#c\n",
        "1 = 1\n-- = 2\ntrue = 3\nnan = nan\n",
        "x = 1\r\r\n",
        "x = 1\r",
        'x = "a\r\nb"\n',
        "\u00a0x = 1\n",
        "x = 1\u3000\n",
        "\x0c\n",
        "x = [" * 300 + "]" * 300 + "\n",
    ],
)
def test_an_odd_line_is_read_or_declined_as_the_toml_reader_does(extra: str) -> None:
    read_alike(PLAN + extra)
    read_alike(extra + PLAN)


def test_the_stretches_of_64_kb_cut_no_line_in_two() -> None:
    """A line ending, beginning or running over a stretch's end (``_lines``), a text of exactly
    64 KB, a last line without its newline, a line longer than a stretch."""
    stretch = 1 << 16
    probes = ['x = "abc"', "x = [1,\n2]", 'x = "a', "[[item.log]]", "bad line", 'y = "\\n"']
    cases = [(probe, shift) for probe in probes for shift in (-1, 0, 1)]
    cases.append(('x = "' + "长" * (stretch + 10) + '"', 0))
    for probe, shift in cases:
        filler = ['[plan]\ntitle = "t"\n[[item]]\nid = "1"\n']
        size = len(filler[0])
        while size < stretch + shift - 60:
            filler.append(f'k{len(filler)} = "{"x" * 20}"\n')
            size += len(filler[-1])
        filler.append(f'z = "{"y" * (stretch + shift - size - 7)}"\n')
        text = "".join(filler) + probe + '\nw = "end"\n'
        for variant in (text, text.rstrip("\n"), text.replace("\n", "\r\n")):
            read_alike(variant)
    for length in (stretch - 1, stretch, stretch + 1):
        read_alike('x = "' + "a" * (length - 6) + '"')


def test_a_long_plan_with_a_syntax_error_names_the_same_line_and_item_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = long_plan(700)
    at = text.index('id = "1.600"')
    errors = [
        "x = [1,\n",  # an array left open
        "due = 2023-02-30\n",  # no such day (read by the quick reader itself)
        "title = 'again'\n",  # a key twice
        "[item]\n",  # a table over an array of tables
        'note = """\n',
    ]
    for error in errors:
        plan_file = tmp_path / "plan.toml"
        spoiled = text[:at] + 'id = "1.600"\n' + error + text[at + len('id = "1.600"\n') :]
        plan_file.write_text(spoiled, encoding="utf-8")
        monkeypatch.setattr(plan_text, "_QUICK_FROM", 1 << 16)
        monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "quick"))
        quick = runner.invoke(app, ["--file", str(plan_file), "check"])
        monkeypatch.setattr(plan_text, "_QUICK_FROM", 10**12)
        monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "reader"))
        reader = runner.invoke(app, ["--file", str(plan_file), "check"])
        assert (quick.exit_code, quick.output) == (reader.exit_code, reader.output)
        assert quick.exit_code == 1 and "Traceback" not in quick.output, quick.output
        if not error.startswith("["):  # (a header's line names no item: it may begin one)
            assert "1.600" in quick.output, (error, quick.output)


@pytest.mark.parametrize(
    "run",
    [
        "\n" * 5,
        "# a\n\n  # b\n\t\n#\n",
        "# a\n# \x01\n# c\n",  # a comment the reader refuses in the middle of a run
        "# a\n\n[[item]]\n",
        "\n\n# last, without its newline",
        "\n \n\t",
    ],
)
def test_a_run_of_blank_lines_and_comments_is_read_as_the_toml_reader_does(run: str) -> None:
    """(Read as one match: a text of a million blank lines took the pattern 3 s, a match a
    line, against the TOML reader's 0.1 s.)"""
    read_alike(PLAN + run)
    read_alike(run + PLAN)
    read_alike(PLAN + run + 'x = "end"\n')
    read_alike(PLAN.replace("\n", "\n" + run) + run)


# ---------------------------------------------------------------- found beside it


def test_arrays_of_tables_nested_hundreds_deep_are_refused_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the quick reader or without: the plan's tables copied through ``sharing`` (by
    recursion) before the check that refuses nesting over 16 levels (with a stack)."""
    text = arrays_of_tables_nested(600)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    result = runner.invoke(app, ["--file", str(plan_file), "status"])
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1 and "16" in result.output, result.output
