"""``--help``: the same sections as click's help (usage, text, arguments, options, commands,
epilog), in Chinese words from ``help_zh`` or in English, wrapped by the columns a terminal
gives each character (a Chinese character takes two: click counts one, and English help that
names 任务分解表 or 销号 passed 80 columns), never inside a Latin word or a number, and never
starting a line with a closing mark (，。）): the wrapping is ``terminal.folding``'s, which folds
the notices too.

Loaded only to print help; no rich, so ``plan --help`` stays quick."""

from __future__ import annotations

import inspect
from typing import Any

from ..terminal.folding import cells, word_parts, wrap, wrap_settled
from .help_zh import translate

# Chinese for click's own words in help records and the usage line.
SUFFIX_WORDS = (("default: ", "默认："), ("required", "必填"), ("env var: ", "环境变量："))
USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."))

COLUMN_MAX = 30  # like click: a first column wider than this puts the text on the next line


def wrap_words(text: str, width: int) -> list[str]:
    """English text as click wraps it, at spaces only (a Chinese gloss in it, 任务分解表 or
    (编号或名称片段), stays whole, as a hyphenated option does), but by the columns each
    character takes."""
    import re

    lines: list[str] = []
    line, used = "", 0
    words: list[tuple[str, str]] = []
    for gap, word in re.findall(r"( *)([^ ]+)", text):
        parts = word_parts(word, width)
        words += [(gap, parts[0]), *(("", part) for part in parts[1:])]
    for gap, word in words:
        size = cells(word)
        if line and used + len(gap) + size > width:
            lines.append(line)
            line, used = word, size
        else:
            line, used = line + gap + word if line else word, used + len(gap) + size
    if line:
        lines.append(line)
    return lines or [""]


def paragraphs(text: str) -> list[str]:
    return [p for p in (" ".join(p.split()) for p in text.split("\n\n")) if p]


# Where a Chinese summary may be cut: after a mark that ends a phrase, before a bracket or at a
# space (a Latin word or a figure is whole on either side of one).
_PHRASE_END = r"(?<=[，、；：。）])|(?=[（ ])"


def short(text: str, width: int) -> str:
    """The first paragraph of a help text on one line of ``width`` columns at most; one cut
    short ends at a phrase outside brackets (…存在问题…, not …存在问题、下一步打…) with "…",
    unless that leaves less than half the line."""
    first = paragraphs(text)[0] if paragraphs(text) else ""
    if cells(first) <= width:
        return first
    cut, used = "", 0
    for ch in first:
        used += cells(ch)
        if used > width - 1:
            break
        cut += ch
    import re

    ends = [
        end
        for end in (found.start() for found in re.finditer(_PHRASE_END, cut))
        if end < len(cut) and cut.count("（", 0, end) == cut.count("）", 0, end)  # no （ left open
    ]
    if ends and cells(cut[: ends[-1]]) * 2 >= width:
        cut = cut[: ends[-1]]
    return cut.rstrip("，、；： ") + "…"


def _zh_record(record: tuple[str, str]) -> tuple[str, str]:
    """A help record from click (name, help and its ``[default: …]``) in Chinese words."""
    names, text = record
    head, sep, tail = text.rpartition("  [")
    if sep and tail.endswith("]"):
        for english, chinese in SUFFIX_WORDS:
            tail = tail.replace(english, chinese)
        text = f"{head}  [{tail}" if head else f"[{tail}"
    return names, text


def _records(
    command: Any, ctx: Any, lang: str = "zh"
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(arguments, options) of the command, with their help in Chinese (or as written)."""
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    zh = lang == "zh"
    for param in command.get_params(ctx):
        english = getattr(param, "help", None)
        if english and zh:
            param.help = translate(english)
        try:
            record = param.get_help_record(ctx)
        finally:
            if english and zh:
                param.help = english
        if record is None:
            continue
        if zh:
            record = _zh_record(record)
        (arguments if param.param_type_name == "argument" else options).append(record)
    return arguments, options


def _names_width(names: list[str], width: int) -> int:
    """The cells of the names' column (two spaces after the widest name that fits)."""
    column_max = COLUMN_MAX if width >= 70 else max(width // 3, 8)
    fitting = [cells(name) for name in names if cells(name) <= column_max]
    return (max(fitting) if fitting else column_max) + 2


def _texts_under(first: int, width: int) -> bool:
    """Whether the texts go under their names: too narrow beside them (below some 30
    columns)."""
    return width - 2 - first < 14


def _definitions(rows: list[tuple[str, str]], width: int, wrapping: Any = wrap) -> list[str]:
    # As wide as the widest name that fits; a longer one stands on a line of its own.
    # On a narrow terminal (below 70 columns) a name takes at most a third of the line.
    first = _names_width([name for name, _ in rows], width)
    under = _texts_under(first, width)
    lines = []
    for name, text in rows:
        room = width - 4 if under else width - 2 - first
        wrapped = wrapping(text, room) if text else [""]
        if under:
            lines += [f"  {line}" for line in wrapping(name, width - 2)]
            lines += [f"    {line}" for line in wrapped if line]
            continue
        if cells(name) > first - 2:
            lines += [f"  {line}" for line in wrapping(name, width - 2)]
            lines += [" " * (2 + first) + line for line in wrapped]
            continue
        pad = " " * (first - cells(name))
        lines.append(f"  {name}{pad}{wrapped[0]}".rstrip())
        lines += [" " * (2 + first) + line for line in wrapped[1:]]
    return lines


# The words of each section, as click writes them in English.
_WORDS = {
    "zh": {"usage": "用法：", "arguments": "参数：", "options": "选项：", "commands": "命令："},
    "en": {
        "usage": "Usage: ",
        "arguments": "Arguments:",
        "options": "Options:",
        "commands": "Commands:",
    },
}


def _short_english(command: Any, width: int) -> str:
    """A command's short help as click gives it (its first sentence), cut at a word with
    "..." where it passes ``width`` columns."""
    first = command.get_short_help_str(limit=10_000)
    if cells(first) <= width:
        return first
    line = ""
    for word in first.split():
        candidate = f"{line} {word}" if line else word
        if cells(candidate) + 3 > width:
            break
        line = candidate
    return line.rstrip(",;:") + "..."


# Fewer columns than this for a command's summary, and it may take this many lines.
SUMMARY_ONE_LINE = 20
SUMMARY_LINES = 3


def plan_help(command: Any, ctx: Any, width: int, lang: str) -> str:
    """The whole ``--help`` of a command or of ``plan`` itself, in ``lang``, at ``width``
    (click's, which is never below 50) or the terminal's, where that is narrower."""
    import shutil

    # Below 20 columns (the documented least is 40) it keeps 18: a word needs some room.
    width = min(width, max(shutil.get_terminal_size().columns - 2, 18))
    zh = lang == "zh"
    words = _WORDS["zh" if zh else "en"]
    words_of = translate if zh else (lambda text: text)
    # (Chinese folds with no line of one character alone: …序时进 / 度。)
    fold = wrap_settled if zh else wrap_words
    usage = " ".join(command.collect_usage_pieces(ctx))
    if zh:
        for english, chinese in USAGE_WORDS:
            usage = usage.replace(english, chinese)
    head = f"{words['usage']}{ctx.command_path} "
    # A usage line wider than the terminal folds at its spaces, under its first argument.
    # (on a line of its own, indented, where the command's name takes half the line).
    if cells(head) + cells(usage) <= width or cells(head) <= width // 2:
        hang = cells(head)
        folded = wrap_words(usage, max(width - hang, 10))
        lines = [(head + folded[0]).rstrip(), *(" " * hang + line for line in folded[1:])]
    else:
        # (the command's name itself folded where even it is wider than the line)
        lines = [
            *wrap_words(head.rstrip(), width),
            *("    " + line for line in wrap_words(usage, width - 4)),
        ]
    if command.help:
        text = words_of(inspect.cleandoc(command.help).partition("\f")[0])
        for paragraph in paragraphs(text):
            lines += ["", *("  " + line for line in fold(paragraph, width - 2))]
    arguments, options = _records(command, ctx, lang)
    for title, rows in ((words["arguments"], arguments), (words["options"], options)):
        if rows:
            lines += ["", title, *_definitions(rows, width, fold)]
    commands = getattr(command, "commands", None)
    if commands:
        shown = [(name, cmd) for name, cmd in commands.items() if not cmd.hidden]
        room = width - 6 - max(len(name) for name, _ in shown)
        if _texts_under(_names_width([name for name, _ in shown], width), width):
            room = width - 6  # (English texts take two more)
        if room < SUMMARY_ONE_LINE:
            # A narrow terminal folds a summary to three lines, not one: on one line it was
            # cut to 各部分、各… (under the names at 20 columns, beside them at 30).
            room *= SUMMARY_LINES
        rows = [
            (name, short(translate(cmd.help or ""), room) if zh else _short_english(cmd, room + 2))
            for name, cmd in shown
        ]
        lines += ["", words["commands"], *_definitions(rows, width, fold)]
    if command.epilog:
        for paragraph in paragraphs(words_of(inspect.cleandoc(command.epilog))):
            lines += ["", *("  " + line for line in fold(paragraph, width - 2))]
    return "\n".join(lines) + "\n"
