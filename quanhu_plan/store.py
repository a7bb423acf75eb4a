"""The one module that touches plan files: finding, reading, validating, locking and writing.

Which file: ``--file``, else ``PLAN_FILE``, else ``plan.toml`` in this folder or the nearest one
above, else the embedded 2023 plan (read-only).

A write never leaves a half-written or stale file: every change is made under an exclusive
lock on ``<name>.lock`` beside the plan, on content read afresh under that lock; the new text is
written to a temporary file in the same folder, fsynced, read back and compared, given the old
file's mode, and only then renamed over the real file (the target of a symlink, so the link
stays a link).
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import (
    FileExists,
    PlanBeyondLimits,
    PlanFileError,
    PlanInvalid,
    PlanSyntaxError,
    PlanUnwritable,
    Problem,
    ReadOnlyPlan,
)
from .model import Plan, build_plan

PLAN_FILE_ENV = "PLAN_FILE"
PLAN_FILE_NAME = "plan.toml"
LOCK_TIMEOUT_SECONDS = 30.0

T = TypeVar("T")


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class PlanSource:
    """Where the plan comes from; ``embedded`` marks the read-only plan inside the package."""

    __slots__ = ("path", "embedded")

    def __init__(self, path: Path, embedded: bool = False):
        self.path, self.embedded = path, embedded

    def __repr__(self) -> str:
        return f"PlanSource({self.path!r}, embedded={self.embedded})"

    @property
    def label(self) -> str:
        return str(self.path)


def embedded_plan_path() -> Path:
    """The 2023 plan: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / PLAN_FILE_NAME
    return packaged if packaged.is_file() else here.parent / PLAN_FILE_NAME


def locate(explicit: str | None = None, cwd: Path | None = None) -> PlanSource:
    if explicit:
        return PlanSource(Path(explicit))
    from_env = os.environ.get(PLAN_FILE_ENV)
    if from_env:
        return PlanSource(Path(from_env))
    folder = (cwd or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / PLAN_FILE_NAME
        if path.is_file():
            return PlanSource(path)
    return PlanSource(embedded_plan_path(), embedded=True)


# ---------------------------------------------------------------- reading


def read_text(path: Path) -> str:
    return _decode(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PlanFileError(str(path), "read", "no such file") from None
    except OSError as exc:
        raise PlanFileError(str(path), "read", exc.strerror or str(exc)) from None


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(str(path), "read", f"not UTF-8 text (byte {exc.start})") from None


def parse_toml(text: str, label: str) -> dict[str, Any]:
    import tomllib  # not needed by --help

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", detail)
        line = column = None
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            detail = detail[: match.start()].strip()
        elif "end of document" in detail:
            line = text.count("\n") + 1
        raise PlanSyntaxError(label, line, column, detail) from None
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        digits = re.search(r"\d{1000,}", text)
        line = text.count("\n", 0, digits.start()) + 1 if digits else None
        raise PlanBeyondLimits(
            label, line, "有一个位数过多的数字", "a number has too many digits"
        ) from None
    except RecursionError:  # arrays or inline tables nested hundreds deep
        depths = [line.count("[") + line.count("{") for line in text.splitlines()]
        line = depths.index(max(depths)) + 1 if depths else None
        raise PlanBeyondLimits(
            label,
            line,
            "数组或表嵌套得太深",
            "arrays or tables nest too deeply",
        ) from None


def inspect_text(text: str, label: str) -> tuple[Plan | None, list[Problem]]:
    """Parse and validate, locating each problem's line; a TOML error raises PlanSyntaxError."""
    doc = parse_toml(text, label)
    plan, problems = build_plan(doc)
    if not problems:
        return plan, problems
    lines = text.splitlines()
    headers = _headers(lines)
    return plan, [problem.at_line(_line_of(problem, lines, headers) + 1) for problem in problems]


def plan_from_text(text: str, label: str) -> Plan:
    plan, problems = inspect_text(text, label)
    if problems:
        raise PlanInvalid(label, problems)
    assert plan is not None
    return plan


def load(source: PlanSource) -> Plan:
    return plan_from_text(read_text(source.path), source.label)


_HEADER = re.compile(r"^\s*(\[\[?)([^\[\]]*)\]\]?\s*(#.*)?$")


def _headers(lines: list[str]) -> list[tuple[int, bool, str]]:
    """(line number, array of tables?, dotted name) of every table header in the text."""
    found = []
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if match:
            name = re.sub(r"\s+", "", match.group(2))
            found.append((number, match.group(1) == "[[", name))
    return found


def _line_of(problem: Problem, lines: list[str], headers: list[tuple[int, bool, str]]) -> int:
    """The line (from 0) of the problem's field, else of the table it is in: the place
    ``(("item", 2), ("log", 0))`` is the first [[item.log]] under the third [[item]]. A table
    written inline (``log = [{…}]``) is found as the line of its key."""
    start, stop = 0, len(lines)
    steps = problem.place or ((("item", problem.index),) if problem.index is not None else ())
    if not steps and problem.field is not None:
        steps = (("plan", -1),)  # the [plan] table
    prefix = ""
    for name, number in steps:
        if name == "":  # a key at the top level of the file
            stop = headers[0][0] if headers else len(lines)
            key = (problem.field or "").split(".")[0]
            heads = [h[0] for h in headers if h[2] == key or h[2].startswith(key + ".")]
            if heads and _key_line(lines, 0, stop, key) is None:
                return heads[0]
            break
        full = f"{prefix}.{name}" if prefix else name
        inside = [h for h in headers if start <= h[0] < stop]
        tables = [h for h in inside if h[2] == full and h[1] == (number >= 0)]
        if not tables or number >= len(tables):
            break
        head = tables[max(number, 0)][0]
        start = head
        stop = next((h[0] for h in inside if h[0] > head and not h[2].startswith(full + ".")), stop)
        prefix = full
    own = next((h[0] for h in headers if start < h[0] < stop), stop)
    key = (problem.field or "").split(".")[0]
    found = _key_line(lines, start, own, key) if key else None
    return start if found is None else found


def _key_line(lines: list[str], start: int, stop: int, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((n for n in range(start, stop) if pattern.match(lines[n])), None)


# ---------------------------------------------------------------- writing


def dump(plan: Plan) -> str:
    from .canonical import dumps  # imports tomli_w: only commands that write pay for it

    return dumps(plan.to_doc())


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock``; the lock file stays (removing it would race)."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise PlanFileError(str(path), "lock", exc.strerror or str(exc)) from None
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise PlanFileError(
                    str(path),
                    "lock",
                    f"another program has held {lock_path.name} for {timeout:.0f} s",
                )
            time.sleep(0.01)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - office PCs run Windows; CI runs Linux
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _temp_prefix(real: Path) -> str:
    return f".{real.name}."


def atomic_write(
    path: Path, content: str | bytes, *, expect: Callable[[str], bool] | None = None
) -> None:
    """Replace ``path`` by ``content`` all at once, or leave it untouched and raise PlanFileError.

    Text is written as UTF-8; bytes (a Word document) as they are. ``expect`` checks the text
    as written to disk before it replaces the old file.
    """
    real = Path(os.path.realpath(path))  # write the symlink's target; the link stays
    try:
        mode = real.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise PlanFileError(str(path), "write", exc.strerror or str(exc)) from None
    import tempfile

    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(real), suffix=".tmp", dir=real.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        written = Path(tmp).read_bytes()
        if written != data or (expect is not None and not expect(written.decode("utf-8"))):
            raise OSError(0, "the written text did not read back as written")
        os.replace(tmp, real)
        tmp = None
        _fsync_folder(real.parent)
    except OSError as exc:
        raise PlanFileError(str(path), "write", exc.strerror or str(exc)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale_temps(real: Path) -> None:
    """Temp files left by a writer that was killed; only a lock holder writes them."""
    for stale in real.parent.glob(_temp_prefix(real) + "*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


class _ChangedOnDisk(Exception):
    """The file no longer holds what the change was made on: a program that does not take
    the lock (an editor saving by hand) wrote it meanwhile."""


def save(path: Path, plan: Plan, base: bytes | None = None) -> None:
    """Write the plan canonically; the caller holds the lock (see ``update``).

    With ``base``, the file must still hold exactly these bytes when the new text is ready to
    replace it; otherwise nothing is written and ``_ChangedOnDisk`` is raised.
    """
    from .canonical import dumps, first_difference

    doc = plan.to_doc()
    text = dumps(doc)
    # The text must read back as the plan it was made from before it goes near the disk; the
    # disk then has to give back exactly these bytes (atomic_write).
    difference = first_difference(doc, parse_toml(text, str(path)))
    if difference is not None:
        raise PlanUnwritable(str(path), *difference)
    real = Path(os.path.realpath(path))
    _remove_stale_temps(real)

    def expect(written: str) -> bool:
        if base is not None and _current_bytes(real) != base:
            raise _ChangedOnDisk()  # not an OSError: atomic_write removes its temp and lets go
        return True

    atomic_write(path, text, expect=expect)


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


# How many times a change is made again on fresh content when the file keeps changing under it.
UPDATE_ATTEMPTS = 5


def update(source: PlanSource, change: Callable[[Plan], T]) -> T:
    """Apply ``change`` to the plan as it is on disk now, under the lock, and write it back.

    If ``change`` raises, nothing is written. A program that does not take the lock (an editor
    saving by hand) is caught too: when the file's bytes changed between the read and the
    rename, nothing is written and ``change`` is made again on the new content, so ``change``
    must only change the plan it is given. Only the instant between that last comparison and
    the rename is left unguarded.
    """
    if source.embedded:
        raise ReadOnlyPlan("embedded plan is read-only")
    with locked(Path(os.path.realpath(source.path))):
        for _ in range(UPDATE_ATTEMPTS):
            raw = _read_bytes(source.path)
            plan = plan_from_text(_decode(source.path, raw), source.label)
            result = change(plan)
            try:
                save(source.path, plan, base=raw)
            except _ChangedOnDisk:
                continue
            return result
    raise PlanFileError(
        source.label,
        "write",
        f"it changed on disk {UPDATE_ATTEMPTS} times while the change was being made "
        "(another program keeps writing it)",
    )


def create(path: Path, text: str) -> None:
    """Write a new file; refuse to overwrite one that exists."""
    if path.exists() or path.is_symlink():
        raise FileExists(str(path))
    if not path.parent.is_dir():
        raise PlanFileError(str(path), "create", "the folder does not exist")
    atomic_write(path, text)
