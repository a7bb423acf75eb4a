"""The cyclic garbage collector paused while a plan's objects are made (read, parsed, loaded from
the cache, checked, changed, drawn). A big plan is hundreds of thousands of objects that live
until the command ends and make no cycles; each collection their making sets off would walk
every object made so far again, which made reading and drawing several times slower. What
little is garbage is collected once the collector runs again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# In the ``plan`` program (``the_program``): its start-up, until its first pause ends.
_STARTING = False
# How many pauses are open (one inside another: a change reads its plan).
_DEPTH = 0
# Inside the ``plan`` program (``the_program``), which leaves with os._exit.
_IN_PROGRAM = False


def in_program() -> bool:
    """Whether this is the ``plan`` program (``the_program``): what it makes to keep can be
    frozen (``paused(freeze=...)``), never to be freed. A process that goes on (a test) freezes
    nothing."""
    return _IN_PROGRAM


@contextmanager
def paused(freeze: bool = False) -> Iterator[None]:
    """The collector off inside, and back as it was after. ``freeze``: what was made inside is
    never walked again either (``gc.freeze``): it lives as long as the command. In the ``plan``
    program, the first pause (its plan being read, or changed) ends its start-up, during which
    the collector was off (``the_program``): what was made until then is frozen, and the
    collector runs from then on."""
    global _DEPTH, _STARTING
    was_on = gc.isenabled()
    gc.disable()
    _DEPTH += 1
    try:
        yield
    finally:
        _DEPTH -= 1
        if freeze:
            gc.freeze()
        if _STARTING and not _DEPTH:
            _STARTING = False
            gc.freeze()
            gc.enable()
        elif was_on:
            gc.enable()


def started() -> None:
    """End the ``plan`` program's start-up here if no plan read has ended it yet: for a
    command whose big work comes before any plan is read (``plan import`` reading a
    workbook), which should not run with the collector off. What was made so far is frozen."""
    global _STARTING
    if _STARTING and not _DEPTH:
        _STARTING = False
        gc.freeze()
        gc.enable()


@contextmanager
def the_program() -> Iterator[None]:
    """Run the ``plan`` program (``entry.main``) inside. Its start-up (Typer and the modules a
    command needs loaded, the command made, the plan read) makes objects that live as long as
    the command: the collector does not run until its first pause ends (``paused``), which
    freezes them, instead of walking them some forty times (6 ms of a command). The program
    leaves with ``os._exit``, so what it froze is never left for a collection to free; where it
    does not (a test calling ``entry.main``), the collector is let go of after it as it was."""
    global _STARTING, _IN_PROGRAM
    was_on = gc.isenabled()
    gc.disable()
    _STARTING = _IN_PROGRAM = True
    try:
        yield
    finally:
        _STARTING = _IN_PROGRAM = False
        gc.unfreeze()
        if was_on:
            gc.enable()
