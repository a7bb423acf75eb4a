"""The number of tasks a category's heading states (县示范区管委会牵头工作（8项）, 共12项) against
the rows under it: how an office checks that a long list was typed in whole."""

from __future__ import annotations

from ..answering import stated_count
from .errors import Notice
from .reading import Node


def _tasks(node: Node) -> int:
    return sum(_tasks(child) for child in node.children) if node.children else 1


def miscounted(nodes: list[Node]) -> list[tuple[int, int, int]]:
    """(row, stated, found) of each category whose heading states a number of items that
    neither the rows right under it nor the tasks under it make."""
    found: list[tuple[int, int, int]] = []
    for node in nodes:
        if not node.children:
            continue
        stated = stated_count(node.title)
        if stated is not None:
            count = int(stated.group(1))
            if count not in (len(node.children), _tasks(node)):
                found.append((node.row, count, len(node.children)))
        found += miscounted(node.children)
    return found


def miscounted_notice(found: list[tuple[int, int, int]]) -> Notice:
    zh = "；".join(
        f"第 {row + 1} 行（分类行）写明 {stated} 项，其下{'只' if under < stated else '却'}有 {under} 项"
        for row, stated, under in found
    )
    en = "; ".join(
        f"category row {row + 1} counts {stated} {'task' if stated == 1 else 'tasks'} but "
        f"{under} {'is' if under == 1 else 'are'} under it"
        for row, stated, under in found
    )
    en = en[:1].upper() + en[1:]
    return Notice(
        f"{zh}：请核对是否漏了任务，或分类行写的项数有误。",
        f"{en}: check whether a task was left out, or the count is wrong.",
    )
