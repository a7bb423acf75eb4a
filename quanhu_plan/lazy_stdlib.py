"""Standard-library modules that Typer (and ``pathlib``) import at start-up for a rare path of
theirs, run only when first used: ``subprocess`` to launch a program, ``lzma`` and ``bz2`` for
an archive ``shutil`` might make, ``ipaddress`` for a web address with [brackets],
``tokenize`` and ``linecache`` for a traceback's source lines… No ``plan status`` or ``plan
done`` uses them, and each paid for their code all the same (23 M instructions, 5% of either).

``defer()`` (called by ``entry.main`` before anything loads Typer) makes the first ``import x``
of one of them give a module whose code has not run yet; the first read of anything in it
(``x.run``, ``from x import y``) runs it, as ``importlib.util.LazyLoader`` does (Mercurial's
demandimport and scientific-python's lazy_loader are the precedents). Not LazyLoader itself:
its module runs at the next ``import x`` anywhere (the import system reads the module's
``__spec__``; Python 3.11, 3.12 and 3.13 alike), and Typer imports ``subprocess`` twice. Here
what the import system reads of a module it finds in ``sys.modules``, and what a module is
given before its code runs (``__spec__``, ``__name__``, ``__path__``, ``__file__``…), is
answered without running it; any other read, a write, a deletion or ``dir`` runs it first.
The run is taken under the module's lock: another thread waits for it to end.

Only modules sure to work the same when run late are listed (``DEFERRED``): pure Python,
imported by a plain ``import x`` on the start-up path (one that ``from x import y`` or a read
at import time runs at once costs what it did: ``platform``, run by ``uuid``), whose own
imports cannot fail (the C parts of ``lzma`` and ``bz2`` are looked for first: ``shutil``
takes a module that imports as one it can use). A module loaded already is left as it is (the
tests, which import Typer first). A run that fails leaves ``sys.modules`` as a failed import
does, and the error is raised where the module was first used."""

from __future__ import annotations

import _thread
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec

# The modules run on first use (the C module each needs, looked for first), and who imports
# each on the start-up path, for what. Their own imports are left with them: subprocess's
# selectors (read as subprocess runs), locale and select, and lzma's and bz2's C parts.
DEFERRED: dict[str, str | None] = {
    "subprocess": None,  # typer.main, typer._completion_shared: a program launched
    "selectors": None,  # socket's (email's, python-docx's), for sendfile; subprocess's
    "lzma": "_lzma",  # shutil's, for a .tar.xz archive
    "bz2": "_bz2",  # shutil's, for a .tar.bz2 archive
    "ipaddress": None,  # urllib.parse's (pathlib's), for a web address with [brackets]
    "tokenize": None,  # inspect's and linecache's: a function's source read
    "token": None,  # inspect's and tokenize's
    "linecache": None,  # traceback's and inspect's: a traceback's source lines
    "textwrap": None,  # traceback's, and Typer's help without rich
    "ntpath": None,  # pathlib's, for PureWindowsPath (os.path on Windows: loaded already)
}

# What the import system reads of a module it finds in sys.modules, and what a module is given
# before its code runs: answered without running it.
_GIVEN = frozenset(
    {
        *("__spec__", "__name__", "__path__", "__class__"),
        *("__loader__", "__file__", "__cached__", "__package__"),
    }
)


class _Deferred(ModuleType):
    """A module whose code has not run yet; it runs at the first read of anything else."""

    def __getattribute__(self, name: str) -> Any:
        if name not in _GIVEN:
            _run(self)
        return ModuleType.__getattribute__(self, name)

    def __setattr__(self, name: str, value: object) -> None:
        _run(self)  # (what it is set to is not overwritten by the module's code, run later)
        ModuleType.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        _run(self)
        ModuleType.__delattr__(self, name)

    def __dir__(self) -> list[str]:
        _run(self)
        return list(ModuleType.__dir__(self))


def _run(module: ModuleType) -> None:
    """Run the deferred module's code, once, under its lock. A read by the module's own code
    while it runs (or by an import it makes that comes back to it) reads the module as it
    stands, as during any import."""
    spec: ModuleSpec = ModuleType.__getattribute__(module, "__spec__")
    lock = _LOCKS.get(spec.name)
    if lock is None:
        return
    with lock:
        if type(module) is not _Deferred or spec.name in _RUNNING:
            return
        _RUNNING.add(spec.name)
        try:
            spec.loader.exec_module(module)  # type: ignore[union-attr]
        except BaseException:
            if sys.modules.get(spec.name) is module:  # (a failed import's module is not kept)
                del sys.modules[spec.name]
            raise
        finally:
            _RUNNING.discard(spec.name)
            object.__setattr__(module, "__class__", ModuleType)


class _Finder:
    """The finder, first on ``sys.meta_path``, that makes a listed module deferred: its spec as
    the finders after it find it, with a loader that defers the real one's run. Only a module
    run from Python code (a .py file, its .pyc, a frozen one: ``ntpath``) is deferred; the
    module the import system makes for it is a plain one, whose class can be changed."""

    @classmethod
    def find_spec(
        cls, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in _NAMES:
            return None
        from importlib.machinery import FrozenImporter, SourceFileLoader, SourcelessFileLoader

        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None) if finder is not cls else None
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is not FrozenImporter and not isinstance(
            loader, SourceFileLoader | SourcelessFileLoader
        ):
            return None  # (an extension module, one in a zip: imported the usual way)
        spec.loader = _Later(loader)  # type: ignore[assignment]
        return spec


class _Later:
    """The loader of a deferred module: the module made as the real loader makes it (a plain
    module, given its spec, name and file), its code left for ``_run``."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        made: ModuleType | None = self.loader.create_module(spec)  # (a frozen one's: plain)
        return made

    def exec_module(self, module: ModuleType) -> None:
        spec = module.__spec__
        assert spec is not None
        spec.loader = self.loader  # (the module's spec and __loader__ name the real loader)
        module.__loader__ = self.loader
        _LOCKS[spec.name] = _thread.RLock()
        object.__setattr__(module, "__class__", _Deferred)


_NAMES: set[str] = set()  # the names deferred when first imported
_LOCKS: dict[str, Any] = {}  # each deferred module's lock, by name
_RUNNING: set[str] = set()  # those whose code is running


def defer() -> None:
    """Make the modules of ``DEFERRED`` not loaded yet run on their first use."""
    if _Finder in sys.meta_path:
        return
    from importlib.util import find_spec

    for name, needs in DEFERRED.items():
        if name in sys.modules:
            continue  # (loaded already: left as it is)
        if needs is not None and needs not in sys.modules and find_spec(needs) is None:
            continue  # (its import fails: left to fail where it always did)
        _NAMES.add(name)
    sys.meta_path.insert(0, _Finder)  # type: ignore[arg-type]


def undo() -> None:
    """Defer no module imported from now on (one deferred already runs on its first use)."""
    if _Finder in sys.meta_path:
        sys.meta_path.remove(_Finder)  # type: ignore[arg-type]
    _NAMES.clear()
