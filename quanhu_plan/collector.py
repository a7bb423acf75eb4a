"""The cyclic garbage collector paused while a plan's objects are made (read, parsed, loaded from
the cache, checked, changed, drawn). A big plan is hundreds of thousands of objects that live
until the command ends and make no cycles; each collection their making sets off would walk
every object made so far again, which made reading and drawing several times slower. What
little is garbage is collected once the collector runs again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(freeze: bool = False) -> Iterator[None]:
    """The collector off inside, and back as it was after. ``freeze``: what was made inside is
    never walked again either (``gc.freeze``): it lives as long as the command."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_on:
            gc.enable()


# Whether this process is running the ``plan`` program (``entry.main``), which ends with
# ``os._exit`` once its output is out: what it freezes is never left for a collection to free,
# as it would be in a process that goes on (the tests, a program using the package).
_PROGRAM = False


@contextmanager
def the_program() -> Iterator[None]:
    """Run the ``plan`` program (``entry.main``) inside: ``settle`` freezes there. Where the
    program does not leave with ``os._exit`` (a test calling ``entry.main``), what was frozen
    is let go again after it."""
    global _PROGRAM
    _PROGRAM = True
    try:
        yield
    finally:
        _PROGRAM = False
        gc.unfreeze()


def settle() -> None:
    """In the ``plan`` program, freeze what was made so far (``gc.freeze``): a plan just loaded
    lives as long as the command, and every collection after it would walk all its tables and
    log entries again (on a plan with a year's trace, 2 ms of ``show``). Elsewhere, nothing."""
    if _PROGRAM:
        gc.freeze()
