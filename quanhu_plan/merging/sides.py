"""The versions a three-way merge reads (``three_way``): each document indexed by item id, live
or in the ``[[removed]]`` archive, and when two TOML values are the same. Pure: no I/O."""

from __future__ import annotations

from typing import Any

from ..trace import ARCHIVE


class _Missing:
    """A field a table does not have (TOML has no null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def fingerprint(value: Any) -> Any:
    """A hashable form of a TOML value, equal exactly when the values are the same (``model.same_value``)."""
    if isinstance(value, dict):
        return ("t", tuple(sorted((k, fingerprint(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("a", tuple(fingerprint(v) for v in value))
    return (type(value).__name__, repr(value))


class Side:
    """One version of the document, indexed by item id."""

    def __init__(self, doc: dict[str, Any]):
        self.doc = doc
        self.index()

    def index(self) -> None:
        items = self.doc.get("item")
        self.items = [t for t in (items if isinstance(items, list) else []) if isinstance(t, dict)]
        self.live = {t["id"]: t for t in self.items if isinstance(t.get("id"), str)}
        records = self.doc.get(ARCHIVE)
        self.records = [
            r for r in (records if isinstance(records, list) else []) if isinstance(r, dict)
        ]
        self.archived: dict[str, dict[str, Any]] = {}
        for record in self.records:
            tables = record.get("item")
            for table in tables if isinstance(tables, list) else []:
                if isinstance(table, dict) and isinstance(table.get("id"), str):
                    self.archived.setdefault(table["id"], table)

    def ids(self) -> set[str]:
        return set(self.live) | set(self.archived)

    def tables(self) -> list[dict[str, Any]]:
        archived = [t for record in self.records for t in record_tables(record)]
        return self.items + archived

    def state(self, item_id: str) -> tuple[str | None, dict[str, Any] | None]:
        if item_id in self.live:
            return "live", self.live[item_id]
        if item_id in self.archived:
            return "archived", self.archived[item_id]
        return None, None


def record_tables(record: dict[str, Any]) -> list[dict[str, Any]]:
    tables = record.get("item")
    return [t for t in tables if isinstance(t, dict)] if isinstance(tables, list) else []
