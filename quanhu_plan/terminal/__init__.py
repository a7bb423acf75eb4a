"""The one package that owns the terminal: consoles, tables, trees, colours, and printing JSON.

Everything the user typed (titles, notes, names) goes into rich as ``Text``, never as markup, so
a title like ``[x] 修塘`` prints as written, and through ``controls.visible`` (``user_text``), so
an escape sequence in it prints as text (``\x1b[2J``) instead of clearing the screen; the console
itself checks every piece it writes once more. CJK characters are measured as two cells, so
tables line up; output that is not a terminal (a pipe, a file) gets no colour codes.

Modules: ``console`` (the console, user text), ``styles`` (styles, marks and bars, without
rich), ``plain`` (output that is not a terminal, written without rich; ``ansi`` a terminal's,
``paging`` whether the pager is there), ``grid`` (tables
drawn line by line, fast at any length; ``tree`` trees, ``runs`` their runs of one style),
``widths`` (the cells of a character, as rich counts them), ``paragraphs`` (Chinese line
breaking),
``status_view`` and ``list_view`` (the two commands started most often), ``views`` (show, log),
``report_view`` (the year-end report), ``county_view``. This module itself imports no rich:
``--json`` output does not need it.
"""

from __future__ import annotations

from typing import Any


def print_json(payload: Any) -> None:
    """``payload`` as JSON on stdout, every character of it read back as it was, in whatever
    encoding stdout has (``controls.json_text``)."""
    import sys

    from ..controls import json_text

    print(json_text(payload, getattr(sys.stdout, "encoding", None)))
