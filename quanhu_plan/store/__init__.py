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

Modules: ``locating`` (which file), ``file_names`` (what a new file may be named, and the names
of the files kept beside a plan), ``files`` (bytes on disk: reading, locks, atomic writes),
``in_place`` (a hard-linked plan written in place through a journal), ``output_files`` (what may stand where a report, an export or a new plan is
written), ``plan_text`` (a plan's text parsed and checked, its
problems placed on their lines), ``plan_file`` (a plan read, changed and saved),
``merge_target`` (the plan ``plan merge`` run by hand writes, held as a change holds it).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .file_names import (
        JOURNAL_SUFFIX,
        TEMP_SUFFIX,
        journal_path,
        lock_path,
        refuse_unportable_name,
    )
    from .files import (
        INTERRUPTED,
        LOCK_TIMEOUT_SECONDS,
        _stale_temp_name,
        atomic_write,
        locked,
        read_text,
    )
    from .folders import COUNTY_SETTINGS, county_settings, has_plan_table, plan_files
    from .in_place import _write_journal
    from .locating import (
        PLAN_FILE_ENV,
        PLAN_FILE_NAME,
        PlanSource,
        embedded_plan_path,
        is_code_folder,
        locate,
        refuse_changes,
    )
    from .output_files import create, output_kind, refuse_output_path, same_file
    from .plan_file import (
        UPDATE_ATTEMPTS,
        dump,
        item_ids,
        load,
        save,
        update,
    )
    from .plan_text import check_text, inspect_text, parse_toml, plan_from_text, warnings_in
    from .toml_comments import comment_lines, comments, has_comments

# Where each name lives: imported when first asked for, so that a command that never reads a
# plan (`plan --help`) does not load the store's modules at start-up.
_WHERE = {
    "INTERRUPTED": "files",
    "JOURNAL_SUFFIX": "file_names",
    "LOCK_TIMEOUT_SECONDS": "files",
    "TEMP_SUFFIX": "file_names",
    "_stale_temp_name": "files",
    "_write_journal": "in_place",
    "atomic_write": "files",
    "create": "output_files",
    "journal_path": "file_names",
    "lock_path": "file_names",
    "locked": "files",
    "output_kind": "output_files",
    "read_text": "files",
    "refuse_output_path": "output_files",
    "refuse_unportable_name": "file_names",
    "same_file": "output_files",
    "COUNTY_SETTINGS": "folders",
    "county_settings": "folders",
    "has_plan_table": "folders",
    "plan_files": "folders",
    "PLAN_FILE_ENV": "locating",
    "PLAN_FILE_NAME": "locating",
    "PlanSource": "locating",
    "embedded_plan_path": "locating",
    "locate": "locating",
    "is_code_folder": "locating",
    "refuse_changes": "locating",
    "UPDATE_ATTEMPTS": "plan_file",
    "dump": "plan_file",
    "has_comments": "toml_comments",
    "comment_lines": "toml_comments",
    "comments": "toml_comments",
    "check_text": "plan_text",
    "inspect_text": "plan_text",
    "item_ids": "plan_file",
    "load": "plan_file",
    "parse_toml": "plan_text",
    "plan_from_text": "plan_text",
    "save": "plan_file",
    "update": "plan_file",
    "warnings_in": "plan_text",
}
_MODULES = (
    "file_names",
    "files",
    "folders",
    "in_place",
    "locating",
    "output_files",
    "plan_file",
    "plan_text",
    "cache",
)


def __getattr__(name: str) -> Any:
    import importlib

    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value
    return value


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
    "is_code_folder",
    "refuse_changes",
    "comment_lines",
    "comments",
    "has_comments",
    "has_plan_table",
    "check_text",
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
    "refuse_unportable_name",
    "same_file",
    "save",
    "update",
    "warnings_in",
]
