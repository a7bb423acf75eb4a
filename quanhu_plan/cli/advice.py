"""The commands the tool's words advise (用 plan undo 撤销, 用 plan list 查看全部编号) name the
plan file the user named with ``--file``, where ``plan`` alone would read another one.

A clerk keeping two plans runs ``plan -f 2024.toml done 3``; told to ``plan undo``, they
would take back the last change of the plan.toml in the folder, not of 2024.toml. The words
are written once, without the file, in the core and the CLI alike; the file goes in here, on
the way out (``app.say``, ``usage.shown``). On the path of every message: nothing imported
until a message advises a command and a file was named."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .aliases import CHINESE_NAMES

# ``plan`` followed by a command's name (after --lang, which may come first), not inside a
# word or a path (…/plan status), nor already followed by -f/--file. Compiled when a message
# first needs it (a regular expression of every name: a millisecond of every start-up).
_advised: re.Pattern[str] | None = None


def _advised_pattern() -> re.Pattern[str]:
    global _advised
    if _advised is None:
        names = [*CHINESE_NAMES, *(name for names in CHINESE_NAMES.values() for name in names)]
        names.sort(key=len, reverse=True)  # git-setup before a shorter name it starts with
        _advised = re.compile(
            r"(?<![\w./\\-])plan (?=(?:--lang \S+ )?(?:"
            + "|".join(map(re.escape, names))
            + r")(?![\w-]))"
        )
    return _advised


def naming_file(text: str, file: str | None, quoted: Callable[[], Iterable[str]] = tuple) -> str:
    """``text`` with each command it advises run on ``file`` (``plan -f FILE undo``); as it is
    without a file, or where ``plan`` with no ``--file`` reads that file anyway.

    ``quoted()``: the user's texts the words may quote (titles, notes, what was typed), kept
    as they are: a task "Publish the plan report" is not advice."""
    if file is None or "plan " not in text or not _advised_pattern().search(text):
        return text
    if _found_without_option(file):
        return text
    from ..shell_words import quote

    kept: list[tuple[int, int]] = []
    for words in {words for words in quoted() if "plan " in words}:
        start = text.find(words)
        while start >= 0:
            kept.append((start, start + len(words)))
            start = text.find(words, start + 1)

    def named(advised: re.Match[str]) -> str:
        if any(start <= advised.start() < end for start, end in kept):
            return advised.group()
        return f"plan -f {quote(file)} "

    return _advised_pattern().sub(named, text)


def quoted() -> Iterator[str]:
    """The user's texts the tool's words may quote in the command being run: what was typed,
    and every text of the plan read or changed (titles, notes, a log's old values, the
    archive's)."""
    from typer._click.globals import get_current_context

    from .app import Session
    from .speaking import COMMAND_LINE

    ctx = get_current_context(silent=True)
    if ctx is not None:
        yield from ctx.meta.get(COMMAND_LINE, [])
    plan = None if Session.latest is None else Session.latest.seen
    if plan is not None:
        yield from texts_in(plan.file_doc())


def texts_in(value: Any) -> Iterator[str]:
    """Every text in a document of tables, arrays and values (a plan's, as read)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from texts_in(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from texts_in(inner)


def advising(text: str) -> str:
    """``text`` as the command being run says it: ``naming_file`` with what it typed, and the
    file names it says on one line (``names_on_one_line``)."""
    return names_on_one_line(naming_file(text, current_file(), quoted))


# A line break by name or as a character: in a file's name, the name said in a sentence would
# break it over two lines (visible keeps a line feed and shows U+2028 as one).
_LINE_BREAKS = ("\n", "\u2028", "\u2029")


def names_on_one_line(text: str) -> str:
    """``text`` with each name of a file or folder that holds a line break, as the command
    being run was given or found it (typed: -f, a PATH argument; $PLAN_FILE; the folder it
    runs in), shown with the break escaped (年\\n计划.toml), as a command advised quotes it
    ($'年\\n计划.toml'): the paths in the tool's words are its own strings, said in many
    places; on the way out they are all caught. Nothing is looked at unless a text holds a
    line break by name or a line feed."""
    if not any(brk in text for brk in _LINE_BREAKS):
        return text
    names = _names_with_breaks()
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            shown = name
            for brk in _LINE_BREAKS:
                shown = shown.replace(brk, f"\\u{ord(brk):04x}" if brk != "\n" else "\\n")
            text = text.replace(name, shown)
    return text


def _names_with_breaks() -> set[str]:
    import os

    from typer._click.globals import get_current_context

    from .speaking import COMMAND_LINE

    ctx = get_current_context(silent=True)
    given = list(ctx.meta.get(COMMAND_LINE) or []) if ctx is not None else []
    given.append(os.environ.get("PLAN_FILE") or "")
    try:
        given.append(os.getcwd())
    except OSError:  # (the folder removed under it)
        pass
    names: set[str] = set()
    for path in given:
        if any(brk in path for brk in _LINE_BREAKS):
            names.update(
                part
                for part in path.replace(os.sep, "/").split("/")
                if any(brk in part for brk in _LINE_BREAKS)
            )
    return names


def file_typed(ctx: Any) -> str | None:
    """The ``--file`` given on the command line that ``ctx`` (any command's) is part of."""
    if ctx is None:
        return None
    value = ctx.find_root().params.get("file")
    return value if isinstance(value, str) else None


def current_file() -> str | None:
    """``file_typed`` of the command being run, if any."""
    from typer._click.globals import get_current_context

    return file_typed(get_current_context(silent=True))


def _found_without_option(file: str) -> bool:
    """Whether ``plan`` with no ``--file`` (so $PLAN_FILE, the plan.toml found from here, or the
    embedded plan) reads ``file``."""
    from .. import store
    from ..errors import PlanError

    try:
        found = store.locate(None)
    except PlanError:
        return False
    try:
        return not found.embedded and store.same_file(found.path, store.locate(file).path)
    except (PlanError, OSError, ValueError):
        return False


def note_plans_beside(source: Any, lang: Callable[[], str]) -> None:
    """Say on stderr, where a view shows the embedded plan (``source``) while this folder
    holds a plan under another name (plan (1).toml saved from a mail, 泉湖镇2023年工作计划.toml),
    that the plan shown is the embedded one and how to see that one: its title is the town's
    too, and the office took the built-in copy for its own."""
    if not source.embedded:
        return
    from pathlib import Path

    from typer._click.globals import get_current_context

    from ..errors.files import not_found_beside
    from ..store.folders import plans_beside
    from .app import say

    names = plans_beside(Path.cwd())
    if names:
        ctx = get_current_context(silent=True)
        command = ctx.info_name if ctx is not None and ctx.parent is not None else None
        say(not_found_beside(names, lang(), command or "status"), err=True, fold=True)
