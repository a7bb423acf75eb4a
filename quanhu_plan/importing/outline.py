"""The tree an import would create (``plan import --dry-run``): each item by id and title, a
task with who answers for it (as ``plan list`` names them: lead / unit / owner / supporting
units, the nearest stated on it or above it), its deadline and its target. Plain text from the
document itself, so it shows whatever the sheet held, before any plan is built from it; the
command fits the lines to the terminal."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

_LABELS = {
    "zh": {"who": "责任", "due": "完成时限", "no_due": "无（长期）", "target": "目标"},
    # Capitalised as `plan list` writes a task's details (Responsible: …, Due: …).
    "en": {"who": "Responsible", "due": "Due", "no_due": "none (ongoing)", "target": "Target"},
}
# The roles in the order ``plan list`` names them (model.everyone_responsible).
_ROLES = ("lead", "lead_unit", "owner", "support_units")


class Line(NamedTuple):
    """An item of the tree: its depth, ``id title`` and, for a task, its details."""

    depth: int
    head: str
    details: list[str]


def outline(doc: dict[str, Any], lang: str) -> list[Line]:
    words = _LABELS.get(lang, _LABELS["en"])
    colon = "：" if lang == "zh" else ": "  # 责任：李明 (as plan list writes it)
    items = doc["item"]
    by_id = {item["id"]: item for item in items}
    parents = {_parent(item) for item in items}
    depth: dict[str, int] = {}
    lines = []
    for item in items:  # (a parent before its children)
        parent = _parent(item)
        depth[item["id"]] = depth[parent] + 1 if parent in depth else 0
        details = []
        if item["id"] not in parents:
            who = [name for role in _ROLES for name in _names(item, role, by_id)]
            if who:
                details.append(f"{words['who']}{colon}{' / '.join(dict.fromkeys(who))}")
            if "due" in item:
                details.append(f"{words['due']}{colon}{_when(item['due'])}")
            target = _target(item, lang)
            if target:
                details.append(f"{words['target']}{colon}{target}")
        lines.append(Line(depth[item["id"]], f"{item['id']} {_one_line(item['title'])}", details))
    return lines


def _names(item: dict[str, Any], role: str, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """The names in ``role`` nearest the item: its own, else its goal's or part's
    (``model.responsible_names``, on the document)."""
    from ..names import split_names

    node: dict[str, Any] | None = item
    for _ in range(len(by_id)):  # (a parent before its children: no loop)
        if node is None:
            break
        value = node.get(role)
        written = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        names = [n for text in written if isinstance(text, str) for n in split_names(text)]
        if names:
            return names
        node = by_id.get(_parent(node))
    return []


def _parent(item: dict[str, Any]) -> str:
    """The id of the item's parent: its ``parent``, else the one its id implies."""
    return str(item.get("parent", item["id"].rpartition(".")[0]))


def _when(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _target(item: dict[str, Any], lang: str) -> str:
    from ..texts import format_number, with_unit

    if "target_text" in item:
        return _one_line(str(item["target_text"]))
    if "target" in item:  # 12 km, 3.3万亩, as a plan writes them (texts.with_unit)
        return with_unit(lang, format_number(item["target"]), str(item.get("measure", "")))
    return ""


def _one_line(text: str) -> str:
    return " ".join(text.split())
