"""How the rows of a sheet nest into parts, goals and tasks (pure): by the numbering of 公文
headings that titles start with (第一部分 一、 （一） 1. 1.1 （1） ① 一是), or by dotted 序号 (1, 1.2, 2.3) as
the monthly 推进情况表 writes them, or both; or by the titles' indents in a workbook where they
are not numbered. A layout that could be read two ways is reported
(``UnclearLayout``), never guessed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from itertools import pairwise
from typing import Protocol, TypeVar

_CN = "一二三四五六七八九十百零〇"
Level = float  # 0.5 (第一部分), 1, 2, 3, 3.1 (1.1), 3.2 (1.1.1), 4, 5, 6 (一是)
# (level, pattern) of the numbering of 公文 headings at the start of a title. A dotted number
# ("1.1 ", "1.1、") sits between 1. and （1）: level 3 plus a tenth per dot (_level_of). 第一部分
# (篇, 章, 板块) is above 一、; 一是, 二是 (the points of a paragraph) are below every other.
_PART = rf"第[{_CN}\d]+(?:部分|篇|章|板块)"
_POINT = rf"[{_CN}]+是"


@cache
def numerals() -> tuple[tuple[Level, re.Pattern[str]], ...]:
    """(level, pattern) of each numbering, compiled at first use (the report looks at every
    title for one: ``report.words.without_numbering``)."""
    return (
        (0.5, re.compile(rf"^{_PART}(?:\s*[、.．:：]\s*|\s+|(?=\S))")),
        (1, re.compile(rf"^[{_CN}]+\s*[、.．]\s*")),
        (2, re.compile(rf"^[（(]\s*[{_CN}]+\s*[）)]\s*[、.．]?\s*")),
        (3, re.compile(r"^\d+\s*[、.．](?!\d)\s*")),
        (3, re.compile(r"^\d+(?:\.\d+)+(?:\s*[、．]\s*|\s+)(?=\S)")),
        (4, re.compile(r"^[（(]\s*\d+\s*[）)]\s*[、.．]?\s*")),
        (5, re.compile(r"^[①-⑳]\s*")),
        (6, re.compile(rf"^{_POINT}\s*[、,，:：]?\s*(?=\S)")),
    )


# A category marked in the 序号 column alone: 第一部分, 一 (or 一、), （一）; a point: 一是.
@cache
def _seq_levels() -> tuple[tuple[Level, re.Pattern[str]], ...]:
    return (
        (0.5, re.compile(rf"^{_PART}$")),
        (1, re.compile(rf"^[{_CN}]+[、.．]?$")),
        (2, re.compile(rf"^[（(][{_CN}]+[）)]$")),
        (6, re.compile(rf"^{_POINT}$")),
    )


# What a numbering of ``numerals`` may start with, besides a digit or ① to ⑳.
_FIRSTS = frozenset(f"{_CN}第（(")
_DIGITS = frozenset("0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
# What a table puts before a heading or a task it marks as 重点 (as before a lead unit).
_MARKS = "★☆"
DOTTED = re.compile(r"^\d+(?:\.\d+)*$")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_CN_DIGITS.update({"八": 8, "九": 9})


def spelled_numeral(text: str) -> str:
    """``text`` with an enclosed numeral it starts with written out as typed: ⑴ -> (1),
    ⒈ -> 1., ㈠ -> (一). Word's numbering and the input methods write such one-character
    numerals for （1） 1. （一）, as the office's 公文 headings use them."""
    first = text[:1]
    if "\u2474" <= first <= "\u2487":  # ⑴ to ⒇
        return f"({ord(first) - 0x2473})" + text[1:]
    if "\u2488" <= first <= "\u249b":  # ⒈ to ⒛
        return f"{ord(first) - 0x2487}." + text[1:]
    if "\u3220" <= first <= "\u3229":  # ㈠ to ㈩
        return f"({_CN[ord(first) - 0x3220]})" + text[1:]
    return text


def without_numeral(title: str) -> tuple[str, Level | None, str | None]:
    """A title without the 公文 numbering it starts with, that numbering's level, and the
    numbering as written ("（三）"). A 重点 mark before the numbering (★（二）民生, ★1. 修建桥梁)
    stays before the title, the numbering still placing it."""
    written, title = title, spelled_numeral(title)
    if title is not written:  # ⑴新建茶园: (1)'s level, the title without it
        rest, level, marker = without_numeral(title)
        if marker is None:
            return written, None, None
        # (a title of its numbering alone stays as written, as 一、 does)
        shown = written if rest == title else rest
        return shown, level, written[: len(marker) - (len(title) - len(written))]
    first = title[:1]
    if first in _MARKS and title[1:].lstrip()[:1] in _FIRSTS | _DIGITS:
        rest, level, marker = without_numeral(title[1:].lstrip())
        return (first + rest if marker is not None else title), level, marker
    if not (first in _FIRSTS or first.isdigit() or "①" <= first <= "⑳"):
        return title, None, None  # (no numbering starts so: no pattern compiled for it)
    for level, pattern in numerals():
        found = pattern.match(title)
        if found:
            rest = title[found.end() :].strip()
            marker = found.group().strip()
            return (rest or title), _level_of(level, marker), marker
    return title, None, None


def seq_level(seq: str) -> Level | None:
    """The level of a category marked in the 序号 column alone (一 -> 1, （一） or ㈠ -> 2)."""
    seq = spelled_numeral(seq)
    for level, pattern in _seq_levels():
        if pattern.match(seq):
            return level
    return None


def is_numbering(text: str) -> bool:
    """A 序号 that only numbers the row: 1, 1.2.3, 一, 一、, （一）, (1), ①, ⑴."""
    text = spelled_numeral(text.replace(" ", ""))
    return bool(
        DOTTED.match(text)
        or seq_level(text) is not None
        or numerals()[0][1].fullmatch(text.rstrip("、.．") + "、")
        or re.fullmatch(r"[（(]\d+[）)]|[①-⑳]|\d+[、.．]", text)
    )


def outline_level(text: str) -> Level | None:
    """The level of a cell that is a heading's numbering and nothing else (一、 （一） 1. （1）
    ① ⑴), None for any other (a plain 1, a dotted 1.2, XJ-01)."""
    text = spelled_numeral(text.replace(" ", ""))
    level = seq_level(text)
    if level is not None:
        return level
    for level, pattern in numerals()[2:]:
        found = pattern.match(text)
        if found and found.end() == len(text) and not DOTTED.fullmatch(text):
            return _level_of(level, found.group())
    return None


def _level_of(level: Level, marker: str) -> Level:
    dots = marker.rstrip("、.． ").count(".") if level == 3 else 0
    return level + dots / 10 if dots else level


def numeral_value(marker: str) -> int | None:
    """The number a heading's numbering says: 三、 -> 3, （十二） -> 12, 4. -> 4, ③ -> 3,
    1.2 -> 2 (its last part)."""
    text = re.sub(r"[\s、.．:：（）()]+$", "", spelled_numeral(marker.strip())).strip("（() ")
    text = re.sub(r"^第(.+?)(?:部分|篇|章|板块)$|^(.+?)是$", r"\1\2", text)
    text = text.rsplit(".", 1)[-1]
    if text.isdecimal():  # not isdigit: ① is a digit to Python, and int() refuses it
        return int(text)
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    if text and all(ch in _CN_DIGITS or ch == "十" for ch in text):
        if "十" not in text:
            return _CN_DIGITS[text] if len(text) == 1 else None
        tens, _, ones = text.partition("十")
        if "十" in ones or len(tens) > 1 or len(ones) > 1:
            return None
        return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0))
    return None


class Nestable(Protocol):
    """A row as nesting sees it: where it is, the numbering it starts with (or a category
    marker in its 序号), its dotted 序号, whether it leaves most data columns empty."""

    row: int
    title: str
    numeral: Level | None
    marker: str | None
    seq: str | None
    sparse: bool
    numbered: bool  # a plain 序号 (1, 2, 3) numbers it
    indent: int  # the title cell's indent in a workbook, in levels
    level: Level | None
    children: list  # type: ignore[type-arg]


N = TypeVar("N", bound=Nestable)


class UnclearLayout(Exception):
    """Dotted 序号 under category rows that fit neither reading: (category row, its title, a
    row under it, that row's 序号) for the first few."""

    def __init__(self, examples: list[tuple[int, str, int, str]]):
        super().__init__("dotted numbers under category rows fit no reading")
        self.examples = examples


def nest(nodes: Sequence[N], place_plain: Callable[[list[N], N], None]) -> list[N]:
    """The tree of the rows, in order: the roots, each with its ``children``. ``place_plain``
    puts a row without numbering among the children of the latest open category."""
    if _by_indent(nodes):
        return _dotted(nodes, _indent_levels(nodes))
    if any(node.seq is not None and "." in node.seq for node in nodes):
        return _by_dotted_seq(nodes)
    return _by_numbering(nodes, place_plain)


def _by_indent(nodes: Sequence[N]) -> bool:
    """Whether the rows nest by their titles' indents: no title starts with a numbering and no
    序号 marks a category, and the titles are indented to more than one level, as ``plan
    export`` writes every plan (the 序号 its ids, which need not say the tree: jc, jc-dj, or an
    item moved away from the parent its dotted id implies). A row then goes under the latest
    row above it indented less. A row that would so hold others leaves most data columns
    empty, as a heading does: a task indented as a paragraph's first line (首行缩进) under
    another task is no reason to make that one a goal. Where dotted 序号 say a tree too, the
    indents are taken over them only where they say each row deeper than the row its number
    puts it under (1.2 indented more than 1), as an export's do: a title or two typed indented
    in a numbered 台账 leave the rows to their numbers."""
    if len({node.indent for node in nodes}) < 2 or any(n.numeral is not None for n in nodes):
        return False
    by_seq = {node.seq: node for node in nodes if node.seq is not None}
    for node in nodes:
        if node.seq is not None and "." in node.seq:
            above = by_seq.get(node.seq.rpartition(".")[0])
            if above is not None and node.indent <= above.indent:
                return False
    return all(node.sparse for node, following in pairwise(nodes) if following.indent > node.indent)


def _indent_levels(nodes: Sequence[N]) -> dict[int, Level]:
    """Each row's level by its title's indent; but a row without a 序号 (one the office
    inserted in an exported table and typed a title into, its indent that of no level) does
    not take under it the numbered row that follows it where that row's dotted 序号 names its
    parent among the rows (2.3 under 2): it goes beside that row instead, not making 2.3 and
    what follows a part of its own; so do several inserted together above it."""
    numbers = {node.seq for node in nodes if node.seq is not None}
    levels: dict[int, Level] = {}
    numbered: N | None = (
        None  # the numbered row under the rows without one inserted together above it
    )
    for node in reversed(nodes):
        level = node.indent + 1
        if node.seq is not None:
            numbered = node
        elif (
            numbered is not None
            and numbered.indent > node.indent
            and numbered.seq is not None
            and numbered.seq.rpartition(".")[0] in numbers
        ):
            level = numbered.indent + 1
        levels[id(node)] = level
    return levels


def _by_numbering(nodes: Sequence[N], place_plain: Callable[[list[N], N], None]) -> list[N]:
    """一、 opens a part, （一） a goal, whatever else the row holds. A numbered row (1., （1）,
    ①) closes the rows numbered at its level or deeper: 1. then 2. are siblings. It opens a
    goal when rows numbered deeper follow it (1. then （1）), or, followed by rows without
    numbering, when it leaves most of its columns empty (a heading rather than a task). Rows
    numbered by a plain 序号 (1, 2) are siblings of each other."""
    roots: list[N] = []
    stack: list[N] = []
    # Where the latest row with a plain 序号 went: (the depth of the stack, its parent). The
    # next such row is its sibling, out of any row opened since (1 粮食生产, （1）早稻,
    # （2）晚稻, 2 油菜: 油菜 is not under 晚稻).
    numbered_at: tuple[int, N | None] | None = None
    for index, node in enumerate(nodes):
        level = node.numeral
        if level is None:
            if node.numbered and numbered_at is not None:
                depth, parent = numbered_at
                if len(stack) > depth and (stack[depth - 1] if depth else None) is parent:
                    del stack[depth:]
            place_plain(stack[-1].children if stack else roots, node)
            if node.numbered:
                numbered_at = (len(stack), stack[-1] if stack else None)
            continue
        node.level = level
        while stack and (stack[-1].level or 0) >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        if level < 3 or following is None:
            opens = True
        elif following.numeral is not None:
            opens = following.numeral > level
        else:
            opens = node.sparse
        if opens:
            stack.append(node)
    return roots


def _by_dotted_seq(nodes: Sequence[N]) -> list[N]:
    """Rows with dotted 序号 nest by them (1.2 under 1). Category rows without one (一、…)
    among them are read one of two ways, or the layout is reported:
    - the 序号 under each category start with its number (一 over 1.1, 1.2; 二 over 2.1): the
      category is that number, and the 序号 stay the ids;
    - the 序号 start again at 1 under each category (一 over 1, 1.1, 2; 二 over 1, 1.1): they
      nest under the category, and the ids are given by position."""
    categories = [n for n in nodes if n.seq is None and n.numeral is not None]
    if not categories:
        return _dotted(nodes, {})
    # The categories' own tree, each with the number its heading says ("1", "1.2").
    numbers: dict[int, str | None] = {}
    depth: dict[int, int] = {}
    segment: dict[int, N | None] = {}  # a dotted row -> the category it comes under
    open_: list[N] = []
    for node in nodes:
        if node.seq is None and node.numeral is not None:
            while open_ and (open_[-1].numeral or 0) >= node.numeral:
                open_.pop()
            value = numeral_value(node.marker or "")
            above = numbers[id(open_[-1])] if open_ else ""
            numbers[id(node)] = (
                None if value is None or above is None else f"{above}.{value}".lstrip(".")
            )
            depth[id(node)] = len(open_) + 1
            open_.append(node)
        elif node.seq is not None:
            segment[id(node)] = open_[-1] if open_ else None
    dotted = [n for n in nodes if n.seq is not None]
    known = [numbers[id(c)] for c in categories]
    if None not in known and len(set(known)) == len(known):
        if all(
            (under := segment[id(n)]) is None or (n.seq or "").startswith(f"{numbers[id(under)]}.")
            for n in dotted
        ):
            for category in categories:
                category.seq = numbers[id(category)]
            return _dotted(nodes, {})
    firsts: dict[int, N] = {}
    for node in dotted:
        under = segment[id(node)]
        if under is not None:
            firsts.setdefault(id(under), node)
    if all("." not in (first.seq or "") for first in firsts.values()):
        levels: dict[int, Level] = {id(c): depth[id(c)] for c in categories}
        for node in dotted:
            under = segment[id(node)]
            base = depth[id(under)] if under is not None else 0
            levels[id(node)] = base + (node.seq or "").count(".") + 1
        roots = _dotted(nodes, levels)
        for node in nodes:
            node.seq = None  # numbers that start again are no ids: ids by position
        return roots
    examples = []
    for category in categories:
        first = firsts.get(id(category))
        if first is not None:
            examples.append((category.row, category.title, first.row, first.seq or ""))
    raise UnclearLayout(examples[:5])


def _dotted(nodes: Sequence[N], levels: dict[int, Level]) -> list[N]:
    """Rows placed by level (the dotted 序号's depth unless ``levels`` says), each under the
    latest row above it of a lower level; a row without one goes under the latest row."""
    roots: list[N] = []
    stack: list[N] = []
    for node in nodes:
        level = levels.get(id(node))
        if level is None and node.seq is not None:
            level = node.seq.count(".") + 1
        if level is None:
            (stack[-1].children if stack else roots).append(node)
            continue
        node.level = level
        while stack and (stack[-1].level or 0) >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots
