"""Where the header lines of a plan's text are that ``toml_blocks.simple_blocks`` needs to know
of, beyond its [[item]] and [[item.log]] lines (``layout_facts``), and how a change that
replaces some runs of lines moves them (``facts_after``). Pure: no I/O.

Finding them takes two searches of the whole text (3.6 ms of a change of 10,000 tasks, most of
its work beyond reading and writing the file); the parse cache keeps them beside the entry of
the bytes they are of, and each change works out those of the bytes it writes from them and the
runs it replaced, as the read of a file edited by hand does from the pieces that changed
(``store.pieces``): the next change searches nothing. Loaded by those reads too, so it holds
nothing more than that (no ``toml_text``).
"""

from __future__ import annotations

import re

_FIRST_HEADER = re.compile(rb"[ \t]*\[")
_ITEM_LINES = (b"[[item]]", b"[[item.log]]")
_TRIPLE_QUOTES = re.compile(rb'"""')  # a regular expression finds it sooner than ``in``
# A [ that may start a header line: after a line end, or after a space or tab that does not
# follow another character of its line by one or two (``key = [``); [[item]] and [[item.log]]
# at the start of a line are left out. Only a [ with nothing but spaces before it on its line
# is a header's (``_other_header_lines``). The [ of an [[item]] or [[item.log]] line, most of a
# long plan's, is told apart first: the same assertions (each at the same place), in the order
# that turns down that [ soonest (1.7 -> 1.3 ms over a 1.5 MB plan with 10,000 log entries).
_MAY_START_A_HEADER = re.compile(
    rb"\[(?!(?<=\n\[)\[item(?:\.log)?\]\])"
    rb"(?<=[\n \t]\[)(?<![^\n \t][ \t]\[)(?<![^\n \t][ \t][ \t]\[)"
)


def layout_facts(data: bytes) -> tuple[int, ...] | None:
    """What ``simple_blocks`` searches all of ``data`` for (the two searches that take time on
    a long plan: 3.6 ms of a change of 10,000 tasks): None where a multi-line string may
    start, else where each header line starts that is not an [[item]] or [[item.log]] line at
    the start of its line (the first line too). The parse cache keeps them with the bytes they
    are of, and a change works out those of the bytes it writes from them (``facts_after``)."""
    if _TRIPLE_QUOTES.search(data) or (b"'" in data and b"'''" in data):
        return None
    return tuple(_other_header_lines(data, _FIRST_HEADER.match(data) is not None))


def facts_after(
    facts: tuple[int, ...], replaced: list[tuple[int, int, bytes]]
) -> tuple[int, ...] | None:
    """``layout_facts`` of the bytes ``facts`` are of, each run ``start:end`` of ``replaced`` (in
    order, not overlapping, each from a line start to a line start or the end) replaced by its
    bytes, worked out from the runs alone: the header lines outside them move by what the
    runs before them grew or shrank; those inside are those of the new runs' lines."""
    out: list[int] = []
    shift = k = 0
    for start, end, new in replaced:
        if b'"""' in new or b"'''" in new:
            return None
        while k < len(facts) and facts[k] < start:
            out.append(facts[k] + shift)
            k += 1
        while k < len(facts) and facts[k] < end:
            k += 1  # (a line of the run replaced)
        first = _FIRST_HEADER.match(new) is not None and not (start and new.startswith(_ITEM_LINES))
        out += [start + shift + at for at in _other_header_lines(new, first)]
        shift += len(new) - (end - start)
    out += [at + shift for at in facts[k:]]
    return tuple(out)


def _other_header_lines(data: bytes, first_line: bool) -> list[int]:
    """Where each header line starts that is not an [[item]] or [[item.log]] line (in a text
    without multi-line strings: every line that starts with [ after spaces is a header);
    ``first_line``: the first line is one."""
    lines = [0] if first_line else []
    for match in _MAY_START_A_HEADER.finditer(data):
        at = match.start()
        if data[at - 1] != 10:  # not after a line end
            line = data.rfind(b"\n", 0, at) + 1
            if data[line:at].strip(b" \t"):
                continue  # a [ after something else on its line
            at = line
        if not lines or lines[-1] != at:
            lines.append(at)
    return lines
