"""Which plan file: ``--file``, else ``PLAN_FILE``, else ``plan.toml`` in this folder or the
nearest one above, else the embedded 2023 plan (read-only); and how a plan file is opened (the
flags) and the largest one read, asked too as the program starts (``read_ahead``), before
``files`` and the errors and words it loads."""

from __future__ import annotations

import os
from pathlib import Path

# (the errors are loaded where raised: the plan is located as the program starts, to read it
# ahead, ``read_ahead``, before anything else is loaded)
PLAN_FILE_ENV = "PLAN_FILE"
PLAN_FILE_NAME = "plan.toml"

# Flags that do not exist everywhere (Windows has no O_NOFOLLOW, O_NONBLOCK, O_CLOEXEC).
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_BINARY = getattr(os, "O_BINARY", 0)

# The largest plan file read: eight times a plan of 100,000 tasks with a year's trace (some 16
# MB). A larger one is no plan (a disk image's leftovers, a file preallocated and never written)
# and is refused by its size: read, a 2 GB one took 4 GB of memory and most of a minute.
LARGEST_PLAN = 128 * 2**20


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class PlanSource:
    """Where the plan comes from; ``embedded`` marks the read-only plan inside the package,
    ``searched`` a plan.toml found by looking in the current folder and those above it (not
    named), which a change refuses in quanhu-plan's code folder (``refuse_changes``)."""

    __slots__ = ("path", "embedded", "searched")

    def __init__(self, path: Path, embedded: bool = False, searched: bool = False):
        self.path, self.embedded, self.searched = path, embedded, searched

    def __repr__(self) -> str:
        return f"PlanSource({self.path!r}, embedded={self.embedded})"

    @property
    def label(self) -> str:
        return str(self.path)


def embedded_plan_path() -> Path:
    """The 2023 plan: inside the installed package, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / PLAN_FILE_NAME
    return packaged if packaged.is_file() else package.parent / PLAN_FILE_NAME


def locate(explicit: str | None = None, cwd: Path | None = None) -> PlanSource:
    if explicit:
        return PlanSource(_no_file_as_folder(explicit, named_path(explicit, None)))
    from_env = os.environ.get(PLAN_FILE_ENV)
    if from_env and not from_env.strip():  # (empty is unset, as a shell's PLAN_FILE= makes it)
        from ..errors import BlankPlanFileSetting

        raise BlankPlanFileSetting()
    if from_env:
        return PlanSource(_no_file_as_folder(from_env, named_path(from_env, PLAN_FILE_ENV)))
    folder = (cwd or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / PLAN_FILE_NAME
        if path.is_file():
            refuse_foreign(path)
            return PlanSource(path, searched=True)
        if os.path.lexists(path):  # a folder, a FIFO, a dangling link: not a plan, and stop
            from ..errors import NotAFile
            from .file_trouble import _kind

            raise NotAFile(str(path), _kind(path), "found")
    return PlanSource(embedded_plan_path(), embedded=True)


def _no_file_as_folder(value: str, path: Path) -> Path:
    """``path``, unless ``value`` ends in a slash (a folder meant: notes.txt/) where a file
    is: ``PathThroughFile``, not that file read (a Path forgets the slash) as the plan."""
    if value.endswith(("/", os.sep)) and os.path.lexists(path) and not os.path.isdir(path):
        from ..errors import PathThroughFile

        raise PathThroughFile(value, "read", str(path))
    return path


def named_path(value: str, setting: str | None) -> Path:
    """The plan file a --file or ``setting`` (PLAN_FILE) names: a ~ at its start is the home
    folder, as a shell would have made it (one set in a Windows dialog, or quoted, reaches plan
    as typed); a web address is refused (``PlanIsWebAddress``), not read as a path whose //
    Path makes one, and so is ``-`` (``PlanIsStandardInput``), standard input to others."""
    if value == "-":  # (standard input elsewhere: refused, not read as a file named so)
        from ..errors.standard_input import PlanIsStandardInput

        raise PlanIsStandardInput(setting)
    if value.startswith("~"):
        try:
            return Path(value).expanduser()
        except RuntimeError:  # (~someone who is no user here: the path as written)
            return Path(value)
    if "://" in value:
        from ..errors.web_address import PlanIsWebAddress, web_address

        if web_address(value):
            raise PlanIsWebAddress(value.strip(), setting)
    return Path(value)


def refuse_foreign(path: Path) -> None:
    """Raise ``ForeignPlanFound`` when the plan.toml the search found, or the link by that
    name, belongs to another user (as git refuses a repository another user owns:
    CVE-2022-24765). Only the search: a file named with --file or PLAN_FILE is the one meant.
    Windows has no owners to compare (no os.geteuid): nothing refused there."""
    own = getattr(os, "geteuid", None)
    if own is None:
        return
    me = own()
    try:
        link, target = os.lstat(path), os.stat(path)
    except OSError:  # (gone since is_file: reading it says so)
        return
    for st, is_link in ((link, path.is_symlink()), (target, False)):
        if st.st_uid != me:
            from ..errors.searching import ForeignPlanFound

            raise ForeignPlanFound(str(path), st.st_uid, is_link)


def is_code_folder(folder: Path) -> bool:
    """Whether ``folder`` is quanhu-plan's code folder (a clone or an unpacked download): its
    plan.toml is the embedded plan's original (pyproject.toml packs it; an editable install
    reads it), which a clerk who tries the guide's commands there would change instead of a
    copy of it."""
    try:
        with open(folder / "pyproject.toml", "rb") as settings:
            head = settings.read(4096)
    except OSError:
        return False
    return b'name = "quanhu-plan"' in head


def refuse_changes(source: PlanSource) -> None:
    """Raise ``ReadOnlyPlan`` for a plan no command changes: the embedded one, and its original
    in the code folder unless named (``-f plan.toml``, ``PLAN_FILE``)."""
    from ..errors import PlanInCodeFolder, ReadOnlyPlan

    if source.embedded:
        from .folders import plans_beside

        # (a plan under another name here is the one meant: said, so that the advice is not
        # plan init, which would make a new copy of the embedded plan beside it)
        raise ReadOnlyPlan("embedded plan is read-only", plans_beside(Path.cwd()))
    if source.searched and is_code_folder(source.path.parent):
        raise PlanInCodeFolder(str(source.path))
