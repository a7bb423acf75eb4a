"""How the report names a task and who answers for it: its name where it is listed away from
its goals (one of a kind), the lead unit and owner in its sentences and its ledger row, its
latest progress note."""

from __future__ import annotations

import datetime as dt

from ..answering import responsible_names
from ..model import Item, Plan
from ..trace import latest_note
from .words import as_named, phrase, title_of


def joined_names(lang: str, names: list[str] | dict[str, None]) -> str:
    """Several names as the language lists them: 李四、王五 / Zhang Wei, Chen Jing."""
    return ("、" if lang == "zh" else ", ").join(names)


def responsible_text(task: Item, lang: str = "zh") -> str:
    """Who answers for a task in the report's sentences (责任：…): the lead unit (else the
    lead) and the owner (``model.responsible_names``: the nearest ones stated)."""
    unit = responsible_names(task, "lead_unit") or responsible_names(task, "lead")
    owner = responsible_names(task, "owner")
    # each without a stop typed after it, as a title a sentence names (由王五负责, not 王五。负责)
    return unit_then_owner(lang, [as_named(n) for n in unit], [as_named(n) for n in owner])


def unit_and_owner(task: Item, lang: str) -> str:
    """责任单位/责任人 of the ledger, beside its own 责任领导 column: the lead unit and the owner."""
    return ("/" if lang == "zh" else " / ").join(unit_and_owner_parts(task, lang))


def unit_and_owner_parts(task: Item, lang: str) -> tuple[str, ...]:
    """``unit_and_owner``'s sides, each as joined there (a slash in a name kept in it)."""
    sides = (responsible_names(task, role) for role in ("lead_unit", "owner"))
    return tuple(joined for joined in (joined_names(lang, names) for names in sides) if joined)


def unit_then_owner(lang: str, unit: list[str], owner: list[str]) -> str:
    """农业站/张三; in English spaced, as plan list names them (Transport office / Li Ming):
    names of several words run together at a bare slash (Transport office/Li Ming)."""
    joined = (joined_names(lang, unit), joined_names(lang, owner))
    return ("/" if lang == "zh" else " / ").join(name for name in joined if name)


def latest_note_text(item: Item, since: dt.date | None = None) -> str | None:
    """The progress note of the latest day (``trace.latest_note``), its text."""
    found = latest_note(item.data, since)
    return found[1] if found else None


def task_names(plan: Plan, lang: str) -> dict[str, str]:
    """Each task's name where it is listed away from its goals (存在的问题, 下一步打算, the
    ledger): its title, and where another task has the same title (三个项目各有
    "预计2022年12月开工建设"), the titles of its goals from the nearest up, as many as make it
    one of a kind (抓好泉水湖项目建设·预计2022年12月开工建设), and where those are the same
    (sibling tasks of one title), its number too."""
    tasks = list(plan.tasks())

    def path(task: Item, depth: int) -> str:
        text = title_of(task)
        node = task.parent
        for _ in range(depth):
            if node is None:
                break
            text = phrase(lang, "context", goal=title_of(node), title=text)
            node = node.parent
        return text

    named: dict[str, str] = {}
    depth = 0
    pending = tasks
    while pending:
        by_name: dict[str, list[Item]] = {}
        for task in pending:
            by_name.setdefault(path(task, depth), []).append(task)
        pending = []
        for name, same in by_name.items():
            if len(same) == 1:
                named[same[0].id] = name
            elif depth >= max(task.depth for task in same):
                # Their goals are the same ones (two sibling tasks of one title): each by its
                # nearest goal and its number, 抓好项目建设·预计2022年12月开工建设（1.1.2）.
                for task in same:
                    near = path(task, min(depth, 1))
                    named[task.id] = phrase(lang, "with_id", title=near, id=task.id)
            else:
                pending += same
        depth += 1
    return named
