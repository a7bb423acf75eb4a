"""The one package that touches plan files: finding, reading, validating, locking and writing.

Which file: ``--file``, else ``PLAN_FILE``, else ``plan.toml`` in this folder or the nearest one
above, else the embedded 2023 plan (read-only); see ``locating``. A ``plan.toml`` that is there
but is not a file (a folder, say) stops the search with an error rather than let a plan further
up be used.

A write never leaves a half-written or stale file: every change is made under an exclusive
lock on ``<name>.lock`` beside the plan (there only while the change is made), on content read afresh under that lock; the new text is
written to a temporary file in the same folder, fsynced, read back and checked, given the old
file's owner, group and mode, and only then renamed over the real file (the target of a symlink,
so the link stays a link). Before that, every item id read (live or in the ``[[removed]]``
archive) must still be in what is written. A plan with more than one hard link is written in
place instead, through a journal (``files``).

Modules: ``locating`` (which file), ``files`` (bytes on disk: reading, locks, atomic and in-place
writes, the files kept beside a plan), ``plan_file`` (a plan read, checked, changed and saved).
"""

from .files import (
    INTERRUPTED,
    JOURNAL_SUFFIX,
    LOCK_TIMEOUT_SECONDS,
    TEMP_SUFFIX,
    _stale_temp_name,
    _write_journal,
    atomic_write,
    create,
    journal_path,
    lock_path,
    locked,
    output_kind,
    read_text,
    refuse_output_path,
    same_file,
)
from .folders import COUNTY_SETTINGS, county_settings, has_plan_table, plan_files
from .locating import PLAN_FILE_ENV, PLAN_FILE_NAME, PlanSource, embedded_plan_path, locate
from .plan_file import (
    UPDATE_ATTEMPTS,
    dump,
    has_comments,
    inspect_text,
    item_ids,
    load,
    parse_toml,
    plan_from_text,
    save,
    update,
    warnings_in,
)

__all__ = [
    "COUNTY_SETTINGS",
    "INTERRUPTED",
    "JOURNAL_SUFFIX",
    "LOCK_TIMEOUT_SECONDS",
    "PLAN_FILE_ENV",
    "PLAN_FILE_NAME",
    "TEMP_SUFFIX",
    "UPDATE_ATTEMPTS",
    "PlanSource",
    "_stale_temp_name",
    "_write_journal",
    "atomic_write",
    "county_settings",
    "create",
    "dump",
    "embedded_plan_path",
    "has_comments",
    "has_plan_table",
    "inspect_text",
    "item_ids",
    "journal_path",
    "load",
    "locate",
    "lock_path",
    "locked",
    "output_kind",
    "parse_toml",
    "plan_files",
    "plan_from_text",
    "read_text",
    "refuse_output_path",
    "same_file",
    "save",
    "update",
    "warnings_in",
]
