"""Many people on one plan: the three-way merge of plan documents at item level that git's merge
driver (``plan merge``) runs, and the conflicts it records in the file. Pure: no I/O.

Modules: ``three_way`` (the merge), ``conflicts`` (conflict records: reading them, the change
that settles one, and the rule that an item in conflict is not changed otherwise).
"""

from .three_way import MergeResult, merge

__all__ = ["MergeResult", "merge"]
