"""``quick_toml.loads`` given the part another process reads (``rest``, ``store.read_ahead``)
looks for multi-line strings only above that part: each of its pieces is looked at as it is
read (a text of its own), and the part itself where it is read here after all. A text holding
one anywhere is declined (read by the TOML reader) as before."""

from __future__ import annotations

from typing import Any

import pytest
import tomli

from quanhu_plan.canonical import dumps
from quanhu_plan.store import quick_toml, read_ahead

from .test_status_rollups import generated


def _reader() -> Any:
    return tomli


def _text() -> str:
    return dumps(generated(600, 2))


def _with_note(text: str, at: float, quotes: str) -> str:
    """A multi-line note added to the item whose header is at ``at`` of the text's length."""
    cut = text.index("\n[[item]]\n", int(len(text) * at)) + len("\n[[item]]\n")
    line_end = text.index("\n", cut) + 1  # (after the item's id line)
    note = f"note = {quotes}\n第一行\n第二行{quotes}\n"
    return text[:line_end] + note + text[line_end:]


def _tables_of_pieces(text: str, calls: list[Any]) -> Any:
    """The part's tables as the other process reads them, a piece at a time (None where a
    piece declines)."""

    def tables(above: Any) -> Any:
        calls.append(above)
        return read_ahead._tables_after(text.encode("utf-8"))

    return tables


@pytest.mark.parametrize("quotes", ['"""', "'''"])
@pytest.mark.parametrize("at", [0.0, 0.3, 0.7, 0.99])
@pytest.mark.parametrize("crlf", [False, True])
def test_a_multi_line_string_anywhere_is_declined_as_before(quotes, at, crlf):
    text = _with_note(_text(), at, quotes)
    if crlf:
        text = text.replace("\n", "\r\n")
    assert tomli.loads(text)  # (TOML all the same: the reader reads it)
    cut = read_ahead.halfway(text)
    assert cut is not None
    calls: list[Any] = []
    assert quick_toml.loads(text, _reader) is None
    assert quick_toml.loads(text, _reader, (cut, _tables_of_pieces(text, calls))) is None
    # (the other process gave nothing: the part read here, and declined all the same)
    assert quick_toml.loads(text, _reader, (cut, lambda above: None)) is None


def test_a_multi_line_string_above_the_part_is_declined_before_it_is_asked_for():
    text = _text()
    cut = read_ahead.halfway(text)
    assert cut is not None
    text = text[:cut].replace("[plan]\n", '[plan]\nnote = """\n说明"""\n', 1) + text[cut:]
    assert tomli.loads(text)["plan"]["note"] == "说明"
    calls: list[Any] = []
    cut = read_ahead.halfway(text)
    assert quick_toml.loads(text, _reader, (cut, _tables_of_pieces(text, calls))) is None
    assert calls == []


@pytest.mark.parametrize("crlf", [False, True])
def test_a_text_without_one_reads_in_two_as_whole(crlf):
    text = _text()
    if crlf:
        text = text.replace("\n", "\r\n")
    cut = read_ahead.halfway(text)
    calls: list[Any] = []
    doc = quick_toml.loads(text, _reader, (cut, _tables_of_pieces(text, calls)))
    assert doc is not None and doc == quick_toml.loads(text, _reader) == tomli.loads(text)
    assert len(calls) == 1
    alone = quick_toml.loads(text, _reader, (cut, lambda above: None))
    assert alone == doc


@pytest.mark.parametrize("quotes", ['"""', "'''"])
def test_a_string_in_triple_quotes_on_one_line_in_the_part_read_here_is_declined(quotes):
    """As the whole text's reading declines it, where the part is read here after all (the
    other process gave nothing): not read by its lines."""
    text = _text()
    cut = text.index("\n[[item]]\n", len(text) * 3 // 4) + len("\n[[item]]\n")
    text = text[:cut] + f"note = {quotes}单行{quotes}\n" + text[cut:]
    assert "单行" in str(tomli.loads(text)["item"])
    assert quick_toml.loads(text, _reader) is None
    head = read_ahead.halfway(text)
    assert quick_toml.loads(text, _reader, (head, lambda above: None)) is None


def test_where_triple_quotes_are_looked_for():
    text = 'a = 1\nb = """x"""\nc = 2\n'
    line = text.index("b")
    assert quick_toml._multi_line(text, 0, len(text))
    assert quick_toml._multi_line(text, line, len(text))
    assert not quick_toml._multi_line(text, 0, line)
    assert not quick_toml._multi_line(text, text.index("c"), len(text))
