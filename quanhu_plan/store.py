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

from .errors import FileExists, PlanFileError, PlanInvalid, PlanSyntaxError, Problem, ReadOnlyPlan
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


def inspect_text(text: str, label: str) -> tuple[Plan | None, list[Problem]]:
    """Parse and validate, locating each problem's line; a TOML error raises PlanSyntaxError."""
    doc = parse_toml(text, label)
    plan, problems = build_plan(doc)
    return plan, [_with_line(problem, text) for problem in problems]


def plan_from_text(text: str, label: str) -> Plan:
    plan, problems = inspect_text(text, label)
    if problems:
        raise PlanInvalid(label, problems)
    assert plan is not None
    return plan


def load(source: PlanSource) -> Plan:
    return plan_from_text(read_text(source.path), source.label)


_ITEM_HEADER = re.compile(r"^\s*\[\[\s*item\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"^\s*\[")


def _with_line(problem: Problem, text: str) -> Problem:
    """Find the line of the problem's field (or item header) in the text, for the message."""
    lines = text.splitlines()
    start, stop = 0, len(lines)
    if problem.index is not None:
        headers = [n for n, line in enumerate(lines) if _ITEM_HEADER.match(line)]
        if problem.index >= len(headers):
            return problem
        start = headers[problem.index]
        stop = headers[problem.index + 1] if problem.index + 1 < len(headers) else len(lines)
    elif problem.field is not None:
        plan_header = next((n for n, line in enumerate(lines) if line.strip() == "[plan]"), None)
        if plan_header is None:
            return problem
        start = plan_header
        stop = next(
            (n for n in range(start + 1, len(lines)) if _TABLE_HEADER.match(lines[n])), len(lines)
        )
    found = start
    if problem.field:
        key = re.compile(rf"^\s*{re.escape(problem.field)}\s*=")
        found = next((n for n in range(start, stop) if key.match(lines[n])), start)
    return Problem(
        problem.item_id, problem.field, problem.found, problem.allowed, problem.index, found + 1
    )


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
    text = dump(plan)
    doc = plan.to_doc()
    real = Path(os.path.realpath(path))
    _remove_stale_temps(real)

    def expect(written: str) -> bool:
        if parse_toml(written, str(path)) != doc:
            return False
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
