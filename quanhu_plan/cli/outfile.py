"""Where a command writes a document (report, export): the one rule for --out. ``-`` means
standard output (as for most tools: a file named "-" is a trap), an existing file is
overwritten only with --force or when the user at the terminal says so."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from ..errors import OutputExists, PlanFileError
from ..errors.files import writing
from ..texts import label
from .app import ask

STANDARD_OUTPUT = "-"

Force = Annotated[bool, typer.Option("--force", help="Overwrite --out without asking (覆盖).")]


F = TypeVar("F", bound=StrEnum)
R = TypeVar("R")  # what by_file answers: a format, or None where a command shows a table


def output_and_format(
    out: Path | None,
    given: F | None,
    printed: F,
    binary: tuple[F, ...],
    by_file: Callable[[F | None, Path | None], R],
) -> tuple[Path | None, F | R]:
    """Where a document goes and its format. ``--out -`` prints, as no --out does, in the
    format given, else ``printed`` (a ``binary`` one, docx or xlsx, only when piped on);
    otherwise ``by_file`` decides from the format given and --out's suffix. A name a Windows
    PC cannot hold is refused first (``store.refuse_unportable_name``)."""
    if out is None or str(out) != STANDARD_OUTPUT:
        # Before anything is read or written; a file already there (made on Linux) is written
        # again, as the store writes a plan in place: it is names new files get that matter.
        if out is not None and not os.path.lexists(out):
            from .. import store

            store.refuse_unportable_name(out)
        return out, by_file(given, out)
    _to_standard_output(given.value if given in binary else None)
    return None, given or printed


def _refuse_plan_name(out: Path) -> None:
    """A document is never written under a plan's name (other.toml): with --force and a
    --format it would be another plan overwritten by a workbook, or a table no command reads
    as the .toml it is named."""
    from .usage import UsageProblem

    raise UsageProblem(
        f"“{out.name}”是计划文件的名字（.toml）：这里写出的是表格或文档，不是计划，不会写入"
        "这个文件。请换成 .xlsx、.csv、.docx 或 .md 的文件名；要复制计划本身，请直接复制文件。",
        f"{out.name!r} is a plan file's name (.toml): what is written here is a table or a "
        "document, not a plan, and it is not written there. Name a .xlsx, .csv, .docx or .md "
        "file; to copy the plan itself, copy the file.",
        "--out",
    )


def _to_standard_output(binary: str | None) -> None:
    """``binary`` names the format when it is one a terminal cannot show (docx, xlsx): ``-``
    is then a usage error, unless the output is piped on."""
    if binary is not None and sys.stdout.isatty():
        raise typer.BadParameter(
            f"a {binary} file cannot be shown on the terminal ({binary} 文件不能输出到终端): "
            f"name a file, --out FILE.{binary}, or pipe the output on (> FILE.{binary}).",
            param_hint="--out",
        )


def may_overwrite(out: Path, force: bool, lang: str | Callable[[], str]) -> None:
    """Overwrite an existing file only with --force, or when the user at the terminal says so
    (asked in ``lang``: a function where finding it costs a read, as the county's does); never
    onto a plan's name (after the plan in use is refused by its own, clearer message)."""
    if out.suffix.lower() == ".toml":
        _refuse_plan_name(out)
    try:
        there = out.exists() or out.is_symlink()
    except OSError as exc:  # a name too long, a folder one may not look into
        raise PlanFileError(
            str(out), writing(exc.errno), exc.strerror or str(exc), exc.errno
        ) from None
    if force or not there:
        return
    from .prompts import can_ask

    if not can_ask():
        raise OutputExists(str(out))
    lang = lang if isinstance(lang, str) else lang()
    question = label(lang, "report_overwrite").format(path=out)
    if not ask(question, lang):
        raise OutputExists(str(out))


def deliver(data: str | bytes, out: Path | None, written: Callable[[], str], lang: str) -> None:
    """A document printed (without --out, or with -: bytes as they are, a Word file or workbook
    piped on) or written to ``out`` atomically, and then ``written()`` said."""
    from .. import store
    from .app import print_after_save, say

    if out is None:
        if isinstance(data, bytes):
            typer.echo(data, nl=False)
        else:
            say(data, nl=False)
        return
    others = _other_names(out)
    with said_if_written(lang, "document_written_before_interrupt", path=str(out)):
        store.atomic_write(out, data)
        lines = [(written(), False)]
        if others:  # (replaced, not written into: never seen half-written through any name)
            note = label(lang, "out_other_names_kept_old").format(path=out, count=others)
            lines.append((note, True))
        print_after_save(lines)


def _other_names(out: Path) -> int:
    """How many other hard links the file at ``out`` (through a symbolic link, its target:
    what is replaced) has; 0 where there is none, or no file yet."""
    try:
        return max(os.stat(out).st_nlink - 1, 0)
    except (OSError, ValueError):
        return 0


@contextmanager
def said_if_written(lang: str, key: str, **params: str) -> Iterator[None]:
    """Around the writing of a new file and the line that says so: a Ctrl-C (or SIGTERM) that
    comes once the file is on disk is said, in the words of ``key`` (texts_changes), or the user
    runs the command again (and is told the file exists, or writes it over with --force)."""
    from ..store.files import watch_landing

    watch_landing(True)
    try:
        yield
    except KeyboardInterrupt:
        from .change import say_if_saved

        say_if_saved(lang, key, **params)
        raise
    finally:
        watch_landing(False)


@contextmanager
def new_plan_written(
    target: Path, text: str, lang: str, command: str, exists: bool
) -> Iterator[None]:
    """Write the plan ``text`` a command made (``plan import``, ``plan new``) to ``target``:
    over the file that is there under its lock (``--force``), else as a new file; then the
    body of the ``with`` says so. A Ctrl-C once it is on disk says it was written (run again,
    the command says the plan exists; with --force it writes it over)."""
    from .. import store
    from .app import lock_waiting

    with said_if_written(lang, "plan_written_before_interrupt", path=str(target), command=command):
        if exists:
            with store.locked(target.resolve(), waiting=lock_waiting(lambda: lang)):
                store.atomic_write(target, text)
        else:
            store.create(target, text)
        yield
