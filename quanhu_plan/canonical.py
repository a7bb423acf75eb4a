"""The canonical text of a plan document. Pure: no I/O.

tomli-w alone is not stable enough for clean diffs: it writes a whole array of tables inline
when every table in it is short, so adding one long item would reformat every item, and it
rewrites "\\r\\n" inside multi-line strings. Here the layout is fixed instead: ``[plan]``, then
one ``[[item]]`` block per item with its ``[[item.log]]`` blocks; nested tables (a log entry's
``before``/``after``, unknown sub-tables) are inline tables, arrays of values sit on one line;
strings are single-line with
escapes, so every string reads back exactly. tomli-w still formats each value (strings, dates,
numbers), and the store reads the result back to check it before it replaces a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import tomli_w

from .controls import hidden, stray_joiners_shown, visible

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def dumps(doc: Mapping[str, Any]) -> str:
    """``doc`` is a TOML document as tomllib reads it; ``plan`` and ``item`` come first."""
    literals = {k: v for k, v in doc.items() if not _is_table(v) and not _is_table_array(v)}
    chunks = [entries_text(literals)] if literals else []
    order = [k for k in ("plan", "item") if k in doc] + [
        k for k in doc if k not in ("plan", "item")
    ]
    for key in order:
        value = doc[key]
        if _is_table(value):
            chunks.append(_block([key], value, array=False))
        elif _is_table_array(value):
            chunks.extend(_block([key], table, array=True) for table in value)
    return "\n".join(chunks)


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(v, Mapping) for v in value)
    )


def _block(path: list[str], table: Mapping[str, Any], *, array: bool) -> str:
    name = ".".join(key_text(part) for part in path)
    header = f"[[{name}]]\n" if array else f"[{name}]\n"
    plain = {k: v for k, v in table.items() if not _is_table_array(v)}
    text = header + entries_text(plain)
    for key, value in table.items():
        if _is_table_array(value):
            text += "".join("\n" + _block([*path, key], sub, array=True) for sub in value)
    return text


def entries_text(table: Mapping[str, Any]) -> str:
    """``key = value`` lines, one per key, in the order given."""
    return "".join(f"{key_text(key)} = {literal(value)}\n" for key, value in table.items())


def key_text(key: str) -> str:
    """A key as TOML: bare where it can be, else quoted."""
    return key if _BARE_KEY.fullmatch(key) else literal(key)


def literal(value: Any) -> str:
    """A value as TOML on one line: tables inline, arrays on one line, strings escaped."""
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{key_text(k)} = {literal(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    text = tomli_w.dumps({"v": value})[4:-1]
    return text if not isinstance(value, str) or written_as_is(value) else escaped_unseen(text)


def written_as_is(text: str) -> bool:
    """Whether a string holds nothing the file writes as an escape (``escaped_unseen``): it
    may stand as it is, in '…' too. (``visible``: the Hangul fillers and marks that draw
    nothing are printable to Python.)"""
    return text.isprintable() and visible(text) == text


class _Unseen(dict[int, str | int]):
    """What TOML lets a string hold raw but the file is not to, filled as characters come:
    what ``controls.visible`` shows as an escape on a terminal, past the C0 controls (tomli-w
    escapes those, and a tab stands as it is): C1 controls (U+009B is ESC [ to a terminal
    showing the file: cat, git diff), bidi marks, embeddings, overrides and isolates (Trojan
    Source: the rest of the line shown reversed in an editor or a diff), the line and
    paragraph separators (an editor breaks the line there), noncharacters, and what draws
    nothing: a zero-width space, a soft hyphen, U+FEFF, a word joiner, a tag character, the
    Hangul fillers (修\\u200b塘 looks like 修塘 in a diff that changed it). Written as
    ``\\uXXXX`` (``\\UXXXXXXXX``) escapes, which read back as the same text."""

    def __missing__(self, code: int) -> str | int:
        value: str | int = code
        if code >= 0x7F and hidden(code):
            value = f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"
        self[code] = value
        return value


_UNSEEN = _Unseen()


def escaped_unseen(text: str) -> str:
    """``text`` (TOML string syntax, or text inside a basic string) with each such character
    as its escape; a joiner that joins no emoji too (修\\u200d塘: ``controls.stray_joiners_shown``;
    what stands beside it in the TOML text draws as in the text: an escape is no emoji)."""
    text = text.translate(_UNSEEN)
    if "\u200c" in text or "\u200d" in text:
        return stray_joiners_shown(text)
    return text


def first_difference(written: Any, read: Any) -> tuple[str, Any] | None:
    """Where a document and what its text reads back as first differ, for a message:
    ``(where, value)`` with ``where`` like ``item[id = "2.1"].log[3].before``; None when they
    are the same. ``nan`` differs from itself, so a value that cannot be compared is found."""
    if written == read:
        return None
    path: list[str] = []
    a, b = written, read
    while True:
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            key = next((k for k in a if k not in b or a[k] != b[k]), None)
            if key is None:  # b has a key a lacks
                key = next(k for k in b if k not in a)
                return _where([*path, key_text(key)]), b[key]
            path.append(key_text(key))
            if key not in b:
                return _where(path), a[key]
            a, b = a[key], b[key]
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            n = next(n for n, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
            item_id = a[n].get("id") if isinstance(a[n], Mapping) else None
            path[-1] += f'[id = "{item_id}"]' if isinstance(item_id, str) else f"[{n}]"
            a, b = a[n], b[n]
        else:
            return _where(path), a


def _where(path: list[str]) -> str:
    return ".".join(path) or "the whole file"
