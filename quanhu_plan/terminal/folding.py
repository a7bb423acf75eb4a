"""The tool's own words folded to a terminal's width, without rich: a notice or an error on
stderr (``folded_on_terminal``), and the lines of help (``cli.help``), by the columns a terminal
gives each character (a Chinese character takes two), never inside a Latin word or a number, never
inside a command to copy (``paragraphs.unbroken``), and never starting a line with a closing mark
(，。）). Below the CLI: the terminal layer's own notices (a pager not found, characters stdout
could not hold) fold here as the CLI's do."""

from __future__ import annotations

import os
import sys

# A line may not start with these (they close what is before them) …
CLOSING = set("，。、；：？！）》」』”’…,.;:?!)]}%")
# … nor end with these (they open what follows).
OPENING = set("（《「『“‘([{")


def cells(text: str) -> int:
    """Terminal columns the text takes: two for each wide (CJK, full-width) character. Any
    other character (an emoji, a joiner in a title a message quotes) is measured as the views
    measure it (``terminal.cells``): counted as one, 👨 pushed a folded line past the edge."""
    if text.isascii():
        return len(text)
    counted = 0
    for ch in text:
        if ch < "\x80":
            counted += 1
        elif _wide(ch):
            counted += 2
        else:
            from .cells import joined_width

            return joined_width(text)
    return counted


def _wide(ch: str) -> bool:
    code = ord(ch)
    return (
        0x1100 <= code <= 0x115F
        or 0x2E80 <= code <= 0xA4CF
        or 0xAC00 <= code <= 0xD7A3
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFF60
        or 0xFFE0 <= code <= 0xFFE6
        or 0x20000 <= code <= 0x3FFFD
    )


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: a space, a Latin word or number, one Chinese character
    (with the closing marks after it and the opening marks before it)."""
    tokens: list[str] = []
    word = ""
    opening = ""
    for ch in text:
        if ch == " ":
            if word:
                tokens.append(opening + word)
                word = opening = ""
            tokens.append(" ")
        elif ch in CLOSING and not word and not opening and tokens and tokens[-1] != " ":
            tokens[-1] += ch
        elif ch in CLOSING and (word or opening) and _wide(ch):  # a line may break after it
            tokens.append(opening + word + ch)
            word = opening = ""
        elif ch in CLOSING and (word or opening):
            word += ch
        elif ch in OPENING and _wide(ch):
            if word:
                tokens.append(opening + word)
                word = ""
            opening += ch
        elif _wide(ch):
            head = word.rstrip("([{")  # (昨天): the bracket stays with what it opens
            if head:
                tokens.append(opening + head)
                opening = ""
            tokens.append(opening + word[len(head) :] + ch)
            word = opening = ""
        else:
            word += ch
    if word or opening:
        tokens.append(opening + word)
    return tokens


def word_parts(word: str, width: int) -> list[str]:
    """A word wider than ``width`` columns in pieces a line may end after (未开始/进行中/…,
    completion=0.6,on_pace=0.4, 控制在…以内、下降), a piece still too wide after its last
    hyphen that fits (--install- | completion), else by columns; a word that fits, whole."""
    import re

    from ..controls import splits_flag

    if cells(word) <= width:
        return [word]
    pieces: list[str] = []
    for piece in re.findall(r"[^/,、，；;]*[/,、，；;]|[^/,、，；;]+", word):
        if cells(piece) > width and "=" in piece[:-1]:  # on_pace=0.4: after its name at worst
            name, _, value = piece.partition("=")
            pieces.append(name + "=")
            piece = value
        while cells(piece) > width:
            cut, used = 0, 0
            while cut < len(piece) and used + cells(piece[cut]) <= width:
                used += cells(piece[cut])
                cut += 1
            hyphen = piece.rfind("-", 1, cut)  # --install- | completion, not inside a word
            dot = piece.rfind(".", 1, cut - 1)  # a file's name before its suffix: plan. | toml
            if hyphen > 0 and piece[hyphen - 1].isalpha():
                cut = hyphen + 1
            elif (
                cut < len(piece)
                and dot > 0
                and piece[dot - 1].isalnum()
                and piece[dot + 1].isalpha()
            ):
                cut = dot + 1
            while 1 < cut < len(piece) and piece[cut] in CLOSING and not piece[cut - 1].isdigit():
                cut -= 1  # (the mark after it starts no line: …html / 。 reads …htm / l。;
                # a number stays whole: 2026-11-30 / ）)
            if cut > 1 and splits_flag(piece, cut):
                cut -= 1  # between two flags, not inside one (🇨🇳🇨 / 🇳🇨🇳… read N C)
            pieces.append(piece[: max(cut, 1)])
            piece = piece[max(cut, 1) :]
        if piece:
            pieces.append(piece)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """The lines of one paragraph, each at most ``width`` columns (a single word longer than
    that is broken after a slash, comma or equals sign, else by columns: ``_parts``)."""
    lines: list[str] = []
    line, used = "", 0  # the line so far and its columns
    tokens = _tokens(" ".join(text.split()))
    for token in [part for whole in tokens for part in word_parts(whole, width)]:
        if token == " " and not line:
            continue
        size = cells(token)
        if token != " " and line and used + size > width:
            lines.append(line.rstrip())
            line, used = token, size
        else:
            line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def wrap_unbroken(text: str, width: int) -> list[str]:
    """``wrap``'s lines of one paragraph, none broken inside a command to copy
    (``paragraphs.unbroken``)."""
    from .paragraphs import unbroken

    text = " ".join(text.split())
    return [text[a:b] for a, b in unbroken(text, width, _wrapped_spans)] or [""]


def wrap_settled(text: str, width: int) -> list[str]:
    """``wrap``'s lines of one paragraph, the last not one character alone (…计算序时进 /
    度。 reads …计算序时 / 进度。): a help text's, where a command to copy may still fold."""
    text = " ".join(text.split())
    return [text[a:b] for a, b in _wrapped_spans(text, width)] or [""]


def _wrapped_spans(text: str, width: int) -> list[tuple[int, int]]:
    """``wrap``'s lines as spans of ``text`` (its spaces already single)."""
    from .paragraphs import lone_chars_pulled

    spans, at = [], 0
    for line in wrap(text, width):
        start = text.find(line, at) if line else at
        spans.append((start, start + len(line)))
        at = start + len(line)
    # no last line of one character (…例如 --target 10批 / 次。), as a paragraph has none
    return lone_chars_pulled(text, spans, width)


def folded_on_terminal(text: str, err: bool) -> str:
    """``text`` with each line folded at spaces to the terminal's width where it goes to a
    terminal, a line's rest under its own text (an item "  - …" under the text after its
    dash): an error at 40 columns ran past the edge and the terminal broke it inside a word
    ("Run plan li" / "st to see every id"). To a pipe or a file it stays as it is, a line a
    message, for grep."""
    stream = sys.stderr if err else sys.stdout
    try:
        terminal = os.environ.get("TTY_COMPATIBLE") == "1" or stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        terminal = False
    if not terminal:
        return text
    import shutil

    width = shutil.get_terminal_size().columns
    if width < 20:  # (too narrow to fold well: the terminal's own wrapping is no worse)
        return text
    lines: list[str] = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        hang = len(line) - len(body) + (2 if body.startswith("- ") else 0)
        if not body or cells(line) <= width or width - hang < 20:
            lines.append(line)  # (as it is: its spaces, a title's two, kept where it fits)
            continue
        folded = wrap_unbroken(body[2:] if hang > len(line) - len(body) else body, width - hang)
        lead = line[: len(line) - len(body)] + ("- " if hang > len(line) - len(body) else "")
        lines += [lead + folded[0], *(" " * hang + rest for rest in folded[1:])]
    return "\n".join(lines)
