"""What a read or a change leaves in the parse cache for the commands after it (``cache``): the
plan a first status read, stored by the process forked as it leaves (``cache_later``), with
what a status of its goals is made of (``cache_goals``) and where its header lines are
(``toml_layout.layout_facts``, which the change after it would otherwise search the whole file
for); the plan as the bytes a change wrote read (``plan_file.update``). Each only ever a
shortcut: any failure leaves the cache cold or stale, and the next command reads the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Plan
from . import cache
from .cache_later import identity
from .plan_file import _BOM, _stat  # (loaded already: plan_file is what loads this module)

if TYPE_CHECKING:
    from .plan_file import _Added
    from .spliced import Spliced


def remember_if_unchanged(real: Path, raw: bytes, st: os.stat_result, plan: Plan) -> None:
    """A status's entry stored after its answer (``cache_later``), unless the file is no longer
    the one read: a change made meanwhile (``plan status; plan done 1.3`` in a script) stored
    the entry of the file it wrote, which one of bytes no longer there would replace.

    The entry is kept with the ``layout_facts`` of the bytes read, worked out here, after the
    answer, rather than by the change that comes next (the two searches of the whole file were
    a sixteenth of a ``plan done`` of 10,000 tasks after a first status); so is the trace's
    newest ``at`` (``trace.newest_at``, a look at every item's log), which a status draws not."""
    now = _stat(real)
    if now is None or identity(now) != identity(st):
        return
    from ..trace import newest_at

    newest_at(plan)  # (kept in the entry for the changes to come; not looked up before the answer)
    remembered = cache.remember(real, raw, st, plan, share=False, layout=_layout_facts(raw))
    if remembered is not None:  # and what the next status is made of (``cache_goals``)
        from .cache_goals import keep_remembered

        keep_remembered(remembered)


def _layout_facts(raw: bytes) -> tuple[int, ...] | None:
    """``toml_layout.layout_facts`` of ``raw`` without its BOM, as a change works them out
    (``plan_file._save_changed``); None where there are none (a multi-line string)."""
    from ..toml_layout import layout_facts

    return layout_facts(raw[len(_BOM) :] if raw.startswith(_BOM) else raw)


class Later:
    """What only the parse-cache entry of the bytes a change wrote needs, worked out as it is
    stored (``remember_written``, after the answer: ``cache_later.after_change``) rather than
    before the change is told: its key from the sums along the bytes read
    (``sums.after_edit``), where its header lines are (``ByteEdit.facts_written``), each a
    step over a long plan that grows with its log. What it was given is let go of once it is
    worked out (the bytes read, before the plan is pickled)."""

    __slots__ = ("work", "given")

    def __init__(self, work: Callable[..., Any], *given: Any):
        self.work: Callable[..., Any] | None = work
        self.given: tuple[Any, ...] = given

    def __call__(self) -> Any:
        work, given = self.work, self.given
        self.work, self.given = None, ()
        return work(*given) if work is not None else None


def _now(value: Any) -> Any:
    """``value`` worked out, where it is a ``Later``."""
    return value() if isinstance(value, Later) else value


def remember_written(
    path: Path,
    real: Path,
    plan: Plan,
    written: bytes | Spliced,
    tables: list[tuple[Any, dict[str, Any]]],
    sums: tuple[int, int, int] | Later | None = None,
    layout: tuple[int, ...] | Later | None = None,
    share: bool = True,
    items: list[Any] | None = None,
    as_recalled: bool = False,
) -> None:
    """Put the plan as the bytes just written read into the parse cache, so that the next
    command finds it there: each rewritten table as it read back (the same values as the
    change left, in the file's key order). ``sums``, ``items`` and ``as_recalled``: see
    ``cache.remember``; ``sums`` and ``layout`` may be a ``Later``, worked out here. A failure
    only leaves the cache cold."""
    try:
        key, facts = _now(sums), _now(layout)
        for owner, table in tables:
            if isinstance(owner, Plan):
                owner.meta = table
            elif owner is not None:
                owner.data = table
        st = _stat(path)
        if st is None or st.st_size != len(written):
            return
        from ..trace import newest_at

        newest_at(plan)
        if not isinstance(written, bytes):  # (written in pieces: joined here, after the answer)
            written = written.joined()
        cache.remember(real, written, st, plan, share, items, as_recalled, key, facts)
    except Exception:  # the cache is only ever a shortcut
        return


def remember_added(path: Path, real: Path, plan: Plan, added: _Added, tree: list[Any]) -> None:
    """``remember_written`` of a change that added one item (``plan_file._save_added``): the
    entry it was recalled from with the new item's table put in (``cache_added``). A failure
    only leaves the cache stale."""
    try:
        added.item.data = added.table  # as the bytes just written read
        st = _stat(path)
        if st is None:
            return
        from ..trace import newest_at
        from .cache_added import remember_added as put_in

        newest_at(plan)
        put_in(real, added.written, st, plan, added.item, added.table, added.index, tree)
    except Exception:  # the cache is only ever a shortcut
        return
