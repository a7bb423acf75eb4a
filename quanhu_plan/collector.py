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
