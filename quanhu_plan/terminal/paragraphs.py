"""Chinese (and English) paragraphs broken into lines the way Chinese is set: numbers and Latin
words whole, no closing punctuation at a line's start (避头尾), linear in the text's length."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Literal

from ..controls import splits_flag
from .widths import character_width, single_cell

if TYPE_CHECKING:  # loaded by what prints paragraphs; line breaking (wrap_lines) needs none
    from rich.console import Console
    from rich.text import Text

# Closing punctuation never starts a line, opening punctuation never ends one (避头尾).
_NO_LINE_START = set("，。、；：！？）》」』】〕”’…—%％,.;:!?)]}")
_NO_LINE_END = set("（《「『【〔“‘([{")
_CLOSING = "".join(sorted(_NO_LINE_START))  # (for str.strip)
# The characters of a Latin word (patterns are compiled when first used, which re remembers:
# not on every start). Latin letters are accented ones too (pinyin with its tones: Lǐ Xiānjūn;
# Café), with their combining marks, and an apostrophe inside a word (Town's) keeps it whole.
_WORD = "A-Za-z0-9.%_/+\\-'’\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"


def longest_word(texts: Iterable[str], cap: int = 20) -> int:
    """The cells of the widest Latin word in ``texts`` (a name, Comprehensive), at most
    ``cap``: a column of names kept at least that wide folds them between words."""
    widest = 0
    for text in texts:
        for word in re.findall(rf"[{_WORD}]+", text):
            widest = max(widest, min(sum(map(character_width, word)), cap))
    return widest


def wrap_lines(
    text: str,
    width: int,
    phrases: bool = False,
    measures: list[Any] | None = None,
    no_lone_char: bool | Literal["last"] = False,
) -> list[tuple[int, int]]:
    """Line spans of ``text`` fitted to ``width`` cells, breaking only between units
    (``_breaks_at``; a unit wider than a whole line is cut by characters, a run of spaces where
    a line breaks is dropped: no line ends or, after the first, starts with a space).

    Linear in the length of the text, with little work per character: the cells are summed
    once (``itertools.accumulate``), each line's end found by bisection, and only the few
    characters before it looked at for a place to break. A 1 MB title wraps in a fraction of a
    second. Where joiners and emoji variation selectors stand, whose width depends on their
    neighbours, each character's cells are counted as ``cells.joined_widths`` counts them, and
    no line breaks inside what they join (``_joins_not``).

    With ``phrases`` (text of short phrases between spaces: names 王副镇长 / 镇文旅站, a change
    状态: 未开始 → 进行中), a line breaks at its last space rather than inside a phrase, when
    that still fills half the line.

    ``measures``, when given, gets the cells of ``text[:n]`` for each ``n`` (a line's width is
    ``cells[end] - cells[start]``), where they add up (no joiners).

    With ``no_lone_char`` (a name in a narrow column), the last line is not one character
    alone: 某某县某某镇人民政 / 府 folds 某某县某某镇人民 / 政府 (``_lone_char_pulled``), and a
    line ends after a place or a year where it can (``_name_end``); with ``"last"`` (a task's
    title: …芯片封装”项 / 目 folds …芯片封装” / 项目) only the first."""
    size = len(text)
    joined = "\u200d" in text or "\ufe0f" in text
    if joined:  # a character's cells depend on its neighbours (👨‍👩‍👧, ❤️)
        from .cells import joined_widths

        cells: Any = list(accumulate(joined_widths(text), initial=0))
    elif single_cell(text):
        cells = range(size + 1)  # cells[n]: the width of text[:n]
    else:
        cells = list(accumulate(map(character_width, text), initial=0))
    if measures is not None and not joined:
        measures.append(cells)
    lines: list[tuple[int, int]] = []
    start = 0
    # A line breaks after some text: spaces the text starts with (an indent) never make a line
    # of their own before a word longer than the line, which is cut after them instead.
    text_from = len(text) - len(text.lstrip(" "))
    while True:
        # The furthest end that fits, then back to the nearest place a line may break.
        fits = bisect_right(cells, cells[start] + width, start) - 1
        if fits >= size:
            lines.append((start, _before_spaces(text, start, size)))
            return _lone_char_pulled(text, lines, cells, width) if no_lone_char else lines
        end = fits
        while end > start and not (
            _breaks_at(text, end) and cells[end] > cells[start] and end > text_from
        ):
            if text[end - 1] in _LATIN and text[end] in _LATIN:  # to the start of the word
                word = re.compile(_LATIN_TAIL).search(text, start, end)
                end = word.start() if word else end - 1
            else:
                end -= 1
        if phrases and end > start:
            end = _phrase_end(text, cells, start, end, width)
        if no_lone_char is True and end > start:
            end = _name_end(text, cells, start, end, width)
        if end == start:  # one unit wider than the line: cut it by characters
            end = fits if cells[fits] > cells[start] else fits + 1  # at least one character
            end = _cut_within(text, start, end)
            if end - 1 > start and splits_flag(text, end, start):
                end -= 1  # between two flags, not inside one (🇨🇳🇨 / 🇳🇨🇳… read N C)
            if joined and end < size:  # not inside what a joiner or a selector joins, where
                back = end  # it can be helped
                while back - 1 > start and not _joins_not(text, back):
                    back -= 1
                if _joins_not(text, back):
                    end = back
            # A unit may hold spaces ("[ ]", "2023年 /" among phrases): as at any break, the
            # line does not end in them nor the next start with them.
            stop = _before_spaces(text, start, end)
            if stop > start or not lines:  # (a text of spaces alone keeps a line)
                lines.append((start, stop if stop > start else end))
        else:
            lines.append((start, _before_spaces(text, start, end)))
        start = end
        while start < size and text[start].isspace():  # a break eats a run of spaces
            start += 1
        if start >= size:
            return _lone_char_pulled(text, lines, cells, width) if no_lone_char else lines


def _lone_char_pulled(
    text: str, lines: list[tuple[int, int]], cells: Any, width: int
) -> list[tuple[int, int]]:
    """``lines`` with no line of one character alone after the first (nor of one and the
    closing punctuation after it: 项目（二 / 期）, 任 / 务。): each is given the end of the line
    before it from the nearest place a line may break, where that line keeps two characters or
    more and the two fit: a town's name is not set 9 + 1 (人民政 / 府 reads 人民 / 政府), nor,
    where a word follows it, 衡阳市 / 府 / office (衡阳 / 市府 / office)."""
    out = list(lines)
    for n in range(1, len(out)):
        (before, end_before), (last, end) = out[n - 1], out[n]
        # one character, or one and the closing punctuation after it (…（二 / 期）, 任 / 务。),
        # or one before a phrase set apart by two spaces (a tree's …项目建 / 设  红灯)
        after = text[last + 1 : end]
        if end_before != last or end == last or (after.strip(_CLOSING) and after[:2] != "  "):
            continue
        # Back to the nearest place a line may break (past an opening bracket: （二期）),
        # the line before keeping two characters or more.
        pulled = end_before - 1
        while pulled - before >= 2 and not _breaks_at(text, pulled):
            pulled -= 1
        if pulled - before < 2 or cells[end] - cells[pulled] > width:
            continue
        # (the line before ends on no space: …例如 --target / 10批次。)
        out[n - 1], out[n] = (before, _before_spaces(text, before, pulled)), (pulled, end)
    return out


def lone_chars_pulled(text: str, lines: list[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """``_lone_char_pulled`` for lines folded elsewhere (a message to a terminal: ``folding``),
    their cells counted here."""
    cells = list(accumulate(map(character_width, text), initial=0))
    return _lone_char_pulled(text, lines, cells, width)


# Where a Chinese name folds best: after the place it names (衡南县 | 泉湖镇人民政府), or
# about a year (甲镇 | 2023年 | 工作计划).
_PLACE_ENDS = frozenset("省市州盟县旗区镇乡村")


def _name_end(text: str, cells: Any, start: int, end: int, width: int) -> int:
    """Where a line of a name ends: after the last place word (县, 镇…), after a year (2023年)
    or before a number that starts after a Chinese character, so long as the line stays at
    least half full (衡南县 / 泉湖镇人民政府, not 衡南县泉湖镇人民 / 政府); else at ``end``."""
    if end >= len(text):
        return end
    for at in range(end, start + 1, -1):
        if 2 * (cells[at] - cells[start]) < width:
            break
        before, after = text[at - 1], text[at]
        place = before in _PLACE_ENDS and after not in _PLACE_ENDS and after not in "）)、，"
        year = before == "年" and text[at - 2 : at - 1] in _DIGITS and after not in _DIGITS
        if place or year or (after in _DIGITS and before >= "\u2e80"):
            return at
    return end


_LATIN = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.%_/+-'’"
    + "".join(
        chr(code)
        for first, last in ((0xC0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF))
        for code in range(first, last + 1)
        if code not in (0xD7, 0xF7)  # × ÷
    )
)
_DIGITS = frozenset("0123456789")
# Full-width digits (１２．５％, typed in a Chinese input method's full-width mode) are a
# number as much as 12.5%: a line neither breaks inside one nor between it and its unit.
_WIDE_DIGITS = frozenset("０１２３４５６７８９")
_WIDE_POINTS = frozenset("．，")  # a decimal point or thousands comma between such digits
_MAGNITUDES = frozenset("十百千万亿")
# Between phrases: they end a line, not start one; so does a change's arrow (状态: 未开始 → |
# 进行中): the value after it is one phrase (Status: not started → in | progress was cut).
_SEPARATORS = frozenset("/·|;；→")


def _phrase_end(text: str, cells: Any, start: int, end: int, width: int) -> int:
    """Where a line of phrases ends: after the last separator (状态: 未开始 → 已完成; |
    原因: …), else at the last space not before one (李明 / | 赵强), so long as the line
    stays at least half full; else at ``end``. A slash between Chinese words with no space after
    it ends a line too (a field name kept from a table: 工作进度安排/ | 一季度)."""
    space = text.rfind(" ", start, end + 1)
    slash = max(text.rfind("/", start, end), text.rfind("／", start, end)) + 1
    if (
        space < slash < len(text)
        and text[slash] >= "\u2e80"
        and text[slash - 2 : slash - 1] >= "\u2e80"
        and 2 * (cells[slash] - cells[start]) >= width
    ):
        return slash
    # Chinese changes side by side are joined by a full-width semicolon with no space after it
    # (日期 2023-03-01；事项：A → B): after it is where a change ends, as at "; ".
    semicolon = text.rfind("；", start, end) + 1
    if not (start < semicolon < len(text) and 2 * (cells[semicolon] - cells[start]) >= width):
        semicolon = -1
    fallback = -1
    while space > start and 2 * (cells[space] - cells[start]) >= width:
        if semicolon > space:
            return semicolon
        if text[space - 1] in _SEPARATORS:
            return space
        if (
            fallback < 0
            and text[space + 1 : space + 2] not in _SEPARATORS
            and _breaks_at(text, space)  # not between a number and its unit: 4 | km
        ):
            fallback = space
        space = text.rfind(" ", start, space)
    if semicolon > space:
        return semicolon
    if end < len(text) and text[end].isspace() and text[end] != "\xa0":
        return end
    return fallback if fallback > 0 else end


def _cut_within(text: str, start: int, end: int) -> int:
    """Where a unit wider than the line is cut, ``end`` being after its last character that
    fits: a word of words joined by slashes (Ahead/On/Behind/Late, a/town/plan.toml) after its
    last slash that fits, one joined by hyphens after its last hyphen (Flower- | drum), by
    underscores after its last underscore (a field name of one's own: funding_ | source), or
    by dots after its last dot between letters (www.hengnan. | gov.cn); else, where the next
    line would start with closing punctuation, a
    character earlier (避头尾: （plan.tom / l） rather than ） alone), unless that splits a
    number, which stays whole (2026-11-30 / ）: a date is read whole, a bracket alone is not
    lost). Looks at no more than the line."""
    if end >= len(text) or end - start < 2:
        return end
    closing = text[end] in _NO_LINE_START
    if not closing and not (text[end - 1] in _LATIN and text[end] in _LATIN):
        return end
    tail = end  # the Latin run the line ends in, before any closing punctuation: plan.toml)
    while tail > start + 1 and text[tail - 1] in _NO_LINE_START:
        tail -= 1
    word = tail
    while word > start and text[word - 1] in _LATIN:
        word -= 1
    if any(character in _DIGITS for character in text[word:tail]) and not any(
        character.isalpha() for character in text[word:tail]
    ):
        return end  # a number (2026-11-30, 0/0/2/0): never cut for a bracket's sake
    if text[end - 1] in _WIDE_DIGITS:
        return end  # nor one in full width (１２．５ / ％以上, not １２． / ５％以上)
    # after its last slash, else after a hyphen between letters (Flower- | drum), else an
    # underscore, else a dot between letters (www.hengnan. | gov.cn: a web address's host)
    # (a mark the line ends in counts where no closing punctuation is left for the next line:
    # county_funding_ | source_detail, not county_ | funding_source_…)
    last = tail if tail == end else tail - 1
    joint = text.rfind("/", word, last)
    for mark in "-_.":
        if joint < 0:
            joint = text.rfind(mark, word + 1, last)
            if joint > 0 and not (text[joint - 1].isalpha() and text[joint + 1].isalpha()):
                joint = -1
    if joint >= 0:
        return joint + 1
    if closing:
        back = end
        while back - 1 > start and (text[back] in _NO_LINE_START or text[back - 1] in _NO_LINE_END):
            back -= 1
        if not (text[back] in _NO_LINE_START or text[back - 1] in _NO_LINE_END):
            return back  # (a run of punctuation alone, ））））, is cut where it fills the line)
    return end


def _before_spaces(text: str, start: int, end: int) -> int:
    """The end of a line without the spaces it would end in."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_LATIN_TAIL = rf"[{_WORD}]+\Z"  # the word a span ends in


# A unit of measure in Latin letters written after a number and a space (4 km, 12 t, 3 ha,
# 60 km/h, 8 ‰): a short word that no letter or digit follows.
_LATIN_UNIT = r"[A-Za-z‰°℃µ][A-Za-z²³/]{0,3}(?![A-Za-z0-9])"


def _unit_at(text: str, n: int) -> bool:
    """Whether what starts at ``text[n]`` is a unit a number before it keeps on its line: a
    Chinese one (字, 万亩) or a short Latin one (km)."""
    after = text[n]
    if after >= "\u2e80":
        return after not in _NO_LINE_END  # (（ opens a phrase, no unit: 150,000 | （见附表）)
    return (after.isascii() and after.isalpha() or after in "‰°℃µ") and bool(
        re.compile(_LATIN_UNIT).match(text, n)
    )


def _breaks_at(text: str, n: int) -> bool:
    """Whether a line may break between ``text[n - 1]`` and ``text[n]`` (0 < n < len): not
    inside a run of Latin letters and digits or of spaces, nor between a number and the
    character after it, a space between them or not (its unit: 1,800户, 3.3万亩, 150,000 字), not before closing punctuation, not
    after opening punctuation, nor before spaces that closing punctuation or a separator (李明 /
    赵强) follows."""
    before, after = text[n - 1], text[n]
    # Between two CJK ideographs (most places a Chinese title folds): none of the rules below
    # holds but a number's magnitude before its unit (3.3万 | 亩 stays whole).
    if "\u4e00" <= before <= "\u9fff" and "\u4e00" <= after <= "\u9fff":
        if before not in _MAGNITUDES:
            return True
    elif before in _LATIN and after in _LATIN:
        return False
    if before == "\xa0" or after == "\xa0":  # a no-break space joins (not started); drawn as " "
        return False
    if "\\" in text[max(0, n - _LONGEST_ESCAPE) : n] and _inside_escape(text, n):
        return False
    if after in "\u200d\ufe0f" or before == "\u200d":  # (``_joins_not``, without a call)
        return False
    if "\U0001f1e6" <= after <= "\U0001f1ff" and "\U0001f1e6" <= before <= "\U0001f1ff":
        return False  # flags side by side (🇨🇳🇺🇸) kept as a word is: cut by ``splits_flag``
    if before == ":" and after == "/":
        return False  # https:// stays with its host
    if after == "-" and "\u4e00" <= before <= "\u9fff" and text[n + 1 : n + 2] in _DIGITS:
        return False  # a number after Chinese (县-12): -12 alone reads as minus twelve
    if before == "," and after in _DIGITS and n > 1 and text[n - 2] in _DIGITS:
        return False  # 1,800
    if before in _WIDE_POINTS and after in _WIDE_DIGITS and n > 1 and text[n - 2] in _WIDE_DIGITS:
        return False  # １２．５
    if (
        after >= "\u2e80"
        and after not in _NO_LINE_END
        and (  # (（: 2023-07-05 | （县-12）)
            before in _DIGITS
            or before in _WIDE_DIGITS
            or (before in _MAGNITUDES and n > 1 and text[n - 2] in _DIGITS | _WIDE_DIGITS)
        )
    ):
        return False  # a number keeps its unit: 1,800户, 3.3万亩 (and １２５０户, １２．５％)
    if n > 1 and text[n - 2] in _DIGITS and before == " " and _unit_at(text, n):
        return False  # also across one space: 150,000 字, 4 km
    if before in _DIGITS and after == " " and n + 1 < len(text) and _unit_at(text, n + 1):
        return False
    if before.isspace() and _separator_at(text, n):
        return False
    if after.isspace():
        if before.isspace():
            return False
        beyond = n + 1  # the spaces go with the break: what follows them starts the line
        while beyond < len(text) and text[beyond].isspace():
            beyond += 1
        if beyond < len(text) and (text[beyond] in _NO_LINE_START or _separator_at(text, beyond)):
            return False
    return after not in _NO_LINE_START and before not in _NO_LINE_END


# A control character shown as its escape (``controls.visible``), with the rest of the
# terminal sequence it starts (\x1b[31m, \x1b[0m, \u202e): one unit a line does not break in.
_ESCAPE = (
    r"\\(?:x[0-9a-f]{2}(?:\[[0-9;:?<=>]{0,16}[ -/]{0,2}[@-~])?|u[0-9a-f]{4})"  # (compiled at use)
)
_LONGEST_ESCAPE = 24


def _inside_escape(text: str, n: int) -> bool:
    """Whether ``n`` falls inside such an escape (after its backslash, before its end)."""
    start = text.rfind("\\", max(0, n - _LONGEST_ESCAPE), n)
    found = re.compile(_ESCAPE).match(text, start)
    return found is not None and found.end() > n


def _separator_at(text: str, n: int) -> bool:
    """Whether ``text[n]`` separates phrases (李明 / 赵强; a line does not start with it): a
    separator standing alone, not the first slash of a path (文件: /tmp/plan.toml)."""
    return text[n] in _SEPARATORS and (n + 1 == len(text) or text[n + 1].isspace())


def _joins_not(text: str, n: int) -> bool:
    """Whether ``text[n - 1]`` and ``text[n]`` are apart: not a joiner or an emoji selector
    and what it goes with (👨‍👩‍👧 is one picture, ❤️ one heart), which a line never breaks."""
    return text[n] not in "\u200d\ufe0f" and text[n - 1] != "\u200d"


def _wrapped_last(text: str, width: int) -> list[tuple[int, int]]:
    return wrap_lines(text, width, no_lone_char="last")


class Paragraph:
    """A paragraph of Chinese (or English) text, indented and wrapped by ``wrap_lines``: rich
    alone would break 90% into 9 and 0% and start a line with 。. Given as a plain string (and
    its ``style``), it is written without loading rich where the output is not a terminal
    (``stream``: a note under ``plan status``'s table)."""

    def __init__(
        self,
        text: Text | str | list[tuple[str, str]],
        indent: int = 0,
        style: str = "",
        hang: int = 0,
    ):
        self.text, self.indent, self.style = text, indent, style
        # Cells more the lines a line folds into are indented by (an entry of a list, "- ",
        # hung under its text); the lines a newline starts are not.
        self.hang = hang
        self._hung: set[int] = set()  # where such lines start (``_spans``)

    def _spans(self, plain: str, width: int) -> list[tuple[int, int]]:
        width = max(width - self.indent - self.hang, 8)
        spans: list[tuple[int, int]] = []
        self._hung = set()
        offset = 0
        for line in plain.split("\n"):  # a newline the user typed stays a line break
            if 2 * len(line) <= width:  # fits whatever its characters: no need to measure
                spans.append((offset, offset + len(line)))
            else:
                # (a command to copy is not broken: plan county's left-out files advise
                # plan -f FILE check, which folded before check at 60 columns)
                folded = [
                    (offset + start, offset + end)
                    for start, end in unbroken(line, width, _wrapped_last)
                ]
                self._hung.update(start for start, _ in folded[1:])
                spans += folded
            offset += len(line) + 1
        return spans

    def _pad(self, start: int) -> str:
        return " " * (self.indent + (self.hang if start in self._hung else 0))

    def __rich_console__(self, console: Console, options: Any) -> Any:
        from rich.segment import Segment
        from rich.text import Text

        if isinstance(self.text, str):
            text = Text(self.text, style=self.style)
        elif isinstance(self.text, list):  # runs (``views.runs``): the Text they stand for
            text = Text(*self.text[0]) if len(self.text) == 1 else Text.assemble(*self.text)
        else:
            text = self.text
        plain = text.plain
        spans = self._spans(plain, options.max_width)
        if text.spans:  # styled pieces: cut the Text once at every line's ends
            cuts = sorted({edge for span in spans for edge in span})
            pieces = text.divide(cuts)
            piece_at = {cut: number + 1 for number, cut in enumerate(cuts)}
            for start, end in spans:
                yield Text(self._pad(start)) + pieces[piece_at[start]] if end > start else Text("")
            return
        # One style for the whole text (every paragraph of the report): the lines go out as
        # one segment, so rich neither copies the Text per line nor wraps each line again.
        style = console.get_style(text.style) if text.style else None
        lines = "".join(f"{self._pad(start)}{plain[start:end]}\n" for start, end in spans)
        yield Segment(lines, style)

    def stream(self, console: Console) -> None:
        """Write the lines to the console's file (``grid.Stack``), as ``__rich_console__``
        would; one given as a rich Text is printed through rich."""
        if isinstance(self.text, list):
            self._stream_runs(console)
            return
        if not isinstance(self.text, str):
            console.print(self)
            return
        plain, style = self.text, self.style
        from .runs import Runs

        out = Runs(console, console.file.write)
        for start, end in self._spans(plain, console.width):
            out.add(self._pad(start) + plain[start:end], style)
            out.end_line()
        out.close()

    def _stream_runs(self, console: Console) -> None:
        """Runs of text and style (``views.runs``) written as ``__rich_console__`` has rich
        write them: one run, the lines in its style at once; several, each line's pieces."""
        from ..controls import visible
        from .runs import _escape_codes

        runs: list[tuple[str, str]] = self.text  # type: ignore[assignment]
        plain = "".join(text for text, _ in runs)
        colour = console.color_system is not None
        codes: dict[str, tuple[str, str]] = {}
        written: list[str] = []

        def put(text: str, style: str) -> None:
            text = visible(text)
            if colour and style:
                if style not in codes:
                    codes[style] = _escape_codes(console, style)
                text = codes[style][0] + text + codes[style][1]
            written.append(text)

        spans = self._spans(plain, console.width)
        if len(runs) == 1:
            put(
                "".join(f"{self._pad(start)}{plain[start:end]}\n" for start, end in spans),
                runs[0][1],
            )
        else:
            for start, end in spans:
                if end > start:
                    written.append(self._pad(start))
                    offset = 0
                    for text, style in runs:
                        first, last = max(start, offset), min(end, offset + len(text))
                        if first < last:
                            put(text[first - offset : last - offset], style)
                        offset += len(text)
                written.append("\n")
        console.file.write("".join(written))
        console.file.flush()


class Centred:
    """A line (or a few, wrapped as ``Paragraph`` wraps) centred on the width, with no spaces
    after it: rich's own centring pads the line's end too, which piped output keeps."""

    def __init__(self, text: Text):
        self.text = text

    def __rich_console__(self, console: Console, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.text import Text

        width = max(options.max_width, 1)
        plain = self.text.plain
        spans = wrap_lines(plain, width) if cell_len(plain) > width else [(0, len(plain))]
        for start, end in spans:
            line = self.text[start:end]
            yield Text(" " * max((width - cell_len(line.plain)) // 2, 0)) + line


# A command the words advise, to copy (plan -f "D:\\计划 2024\\plan.toml" done 1 2): ``plan``
# (or chmod, attrib: a read-only plan's), not inside a word or a path, before an option or a
# command's name; then its words, up to Chinese punctuation, a word of English prose after its
# command's name (plan list to see), or the end. A quoted word is one, its spaces and all.
# git's commands too (git merge --abort, git add plan.toml): a merge's advice names them.
# (patterns, compiled when first used, which re remembers: not on every start)
_COMMAND_START = r"(?<![\w./\\-])(?:plan|git|chmod|attrib) (?=-|[a-z])"
_COMMAND_WORD = r"(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s，。；：、！？（）【】“”‘’\"'])+"
_CHINESE_STOP = frozenset("，。；：、！？（）【】“”‘’")
# plan's options that take no value: what follows one is the command's or prose, not its value
# (plan show 1 --all 列出全部…: the words are the message's). Kept as the CLI's (tested).
_FLAGS = frozenset(
    "--all --anyone --carry --dry-run --flat --force --install-completion --json "
    "--no --no-structure --ours --pager --recorded --recursive --replace --show-completion --structure "
    "--theirs --version --yes".split()
)
# git's options the advice uses that take a value (git commit -am …); any other is a flag
# (--abort, --rebase, --ours).
_GIT_VALUED = frozenset("-m -am -C -c -F".split())


def command_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds commands to copy, as (start, end) spans."""
    spans: list[tuple[int, int]] = []
    if not any(program in text for program in ("plan ", "git ", "chmod ", "attrib ")):
        return spans
    words = re.compile(_COMMAND_WORD)  # (re's cache: compiled once)
    for found in re.finditer(_COMMAND_START, text):
        if spans and found.start() < spans[-1][1]:
            continue
        at, end, named, option = found.end(), found.end() - 1, False, False
        git = text.startswith("git", found.start())
        while True:
            word = words.match(text, at)
            if word is None:
                break
            token = word.group()
            if git and (
                token[0] == "("
                or not token.isascii()
                and token[0] not in "\"'"
                and not _path_like(token)
            ):
                break  # Chinese after it (git pull --rebase 时用…), not a file's name
            if named and not option and token.isascii() and token.isalpha() and token.islower():
                after = (
                    words.match(text, word.end() + 1)
                    if text[word.end() : word.end() + 1] == " "
                    else None
                )
                if after is None or not after.group().startswith("-"):
                    break  # English prose after the command: plan list to see every id
                # (a field before an option is the command's: resolve 1.1.1 owner --ours)
            if named and not git and not option and not token.isascii() and token[0] not in "\"'":
                if word.end() >= len(text) or text[word.end()] != " ":
                    break  # Chinese after it (plan list 查看。), not a word of it (编号 "…")
            end = word.end()
            if git:
                option = token in _GIT_VALUED
                named = named or not token.startswith("-")
                if token[-1] in ",;)":  # (git add a b, then git commit: a clause ends it)
                    break
            else:
                option = token.startswith("-") and token not in _FLAGS
                named = named or not option and not (at > found.end() and _valued(text, at))
            if token[-1] in ".," and token[0] not in "\"'" and len(token) > 1:
                break  # a sentence's or a clause's end: check. Then … is prose
            if end >= len(text) or text[end] != " " or text[end - 1] in _CHINESE_STOP:
                break
            at = end + 1
        spans.append((found.start(), end))
    return spans


def _path_like(token: str) -> bool:
    """Whether a word of Chinese is a file's name or path (git add 泉湖镇计划.toml)."""
    return "." in token.rstrip(".") or "/" in token or "\\" in token


def _valued(text: str, at: int) -> bool:
    """Whether the word at ``at`` is the value of the option before it (-f FILE, --lang en)."""
    before = text[:at].rstrip().rsplit(" ", 1)[-1]
    return before in ("-f", "--file", "--lang")


def _moved_down(text: str, start: int, end: int, commands: list[tuple[int, int]]) -> int:
    """How many of the last characters of the line ``text[start:end]`` may go down to the
    next: its last, where it may start a line; or, where the line ends in closing marks
    (…从表格生成，), the Chinese character before them with them (成，), and an opening
    bracket before it with it (（权 / 限: 权限 goes whole); none where the line
    would keep fewer than two or a command or a Latin word would be cut."""
    back = end
    while back > start and text[back - 1] in _NO_LINE_START:
        back -= 1
    back -= 1  # the character the closing marks follow, or the line's last
    while back > start and text[back - 1] in _NO_LINE_END:  # with its opening bracket: （权
        back -= 1
    if back - start < 2 or text[back] == " ":
        return 0
    if text[back] in _LATIN and text[back - 1] in _LATIN:  # (plan.toml keeps its l)
        return 0
    if back < end - 1 and text[back] < "\u2e80":
        return 0
    if any(s <= back < e for s, e in commands):
        return 0
    return end - back


def unbroken(text: str, width: int, spans_of: Any) -> list[tuple[int, int]]:
    """``spans_of(text, width)``'s lines of ``text``, with no line broken inside a command to
    copy (``command_spans``): a pasted line break runs half of it. The line breaks before the
    command instead, or, where the command starts the line, after it: a command wider than the
    terminal has a line of its own, which the terminal wraps with nothing to copy."""
    commands = command_spans(text)
    if not commands or len(commands) > 40:  # (a message advises a few; each one re-wraps)
        return list(spans_of(text, width))
    lines: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        for a, b in ((a + start, b + start) for a, b in spans_of(text[start:], width)):
            inside = next(((s, e) for s, e in commands if s < b < e), None)
            if inside is None:
                lines.append((a, b))
                continue
            # (a line of its opening bracket alone, "(" / plan -f …, starts with the command)
            opening = all(character in _NO_LINE_END for character in text[a : inside[0]])
            end = inside[0] if not opening else inside[1]
            while a + 1 < end == inside[0] and text[end - 1] in _NO_LINE_END:
                end -= 1  # its opening bracket with it: （ ends no line
            close = end
            while close > inside[0] and close < len(text) and text[close] in _NO_LINE_START:
                close += 1  # its closing punctuation with it: 。 starts no line
            # ... where the line still fits: else the terminal wraps the 。 alone, and a
            # triple-click copies it with the command (--year 2023。); but a command wider
            # than the line is wrapped by the terminal anyway, and its 。 stood on a line alone
            fits = sum(map(character_width, text[a:close])) <= width
            if fits or sum(map(character_width, text[a:end])) > width:
                end = close
            while end > a + 1 and text[end - 1] == " ":
                end -= 1
            moved = _moved_down(text, *lines[-1], commands) if lines else 0
            if moved and end - a == 1 and lines[-1][1] == a:
                # (one character alone before the command, 请先 / 用 / plan …: the line
                # above gives it its last, 请 / 先用, as a folded line ends on no lone one;
                # or its last and the comma after it: 从表格生 / 成，或)
                lines[-1] = (lines[-1][0], a - moved)
                a -= moved
            lines.append((a, end))
            start = end
            while start < len(text) and text[start] == " ":
                start += 1
            break
        else:
            break
    return lines
