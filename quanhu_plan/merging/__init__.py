"""Many people on one plan: the three-way merge of plan documents at item level that git's merge
driver (``plan merge``) runs, and the conflicts it records in the file. Pure: no I/O.

Modules: ``three_way`` (the merge; ``ordering`` the order of its items), ``conflicts`` (conflict records: reading them, the change
that settles one, and the rule that an item in conflict is not changed otherwise),
``renamed_text`` (a side's text with the ids the merge gave its items, to write the merge on
line by line) and ``placed_comments`` (the other side's comments put where they were typed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .three_way import MergeResult, merge

__all__ = ["MergeResult", "merge"]


def __getattr__(name: str) -> Any:
    # The merge is loaded when first asked for: a view that only looks for conflicts
    # (``conflicts``, under plan status) does not load it.
    if name in __all__:
        from . import three_way

        return getattr(three_way, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
