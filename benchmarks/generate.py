"""Generated work plans for the benchmarks: N tasks under parts and goals, as a plan file and as
the same tasks for Taskwarrior (``task import``)."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

UNITS = ["党政办", "综治办", "农业办", "规划办", "财政所", "水利站", "国土所", "民政办"]
PEOPLE = ["张三", "李四", "王五", "赵六", "孙七", "周八"]


def plan_doc(tasks: int, seed: int = 1) -> dict[str, Any]:
    """A plan of ``tasks`` tasks: 10 parts, goals of 20 tasks, varied status, progress,
    figures, owners and due dates, as an office's ledger has them."""
    rng = random.Random(seed)
    items: list[dict[str, Any]] = []
    per_goal = 20
    goals = max(1, tasks // per_goal)
    parts = min(10, goals)
    made = 0
    for g in range(goals):
        part = g % parts + 1
        if g < parts:
            items.append(
                {"id": f"{part}", "title": f"第{part}部分重点工作", "lead": rng.choice(PEOPLE)}
            )
        goal_id = f"{part}.{g // parts + 1}"
        items.append(
            {
                "id": goal_id,
                "title": f"目标{goal_id}：推进乡村振兴重点项目建设",
                "lead_unit": rng.choice(UNITS),
            }
        )
        count = per_goal if g < goals - 1 else tasks - made
        for k in range(1, count + 1):
            task: dict[str, Any] = {
                "id": f"{goal_id}.{k}",
                "title": f"完成第{made + 1}项任务：修缮村级道路和水利设施",
                "owner": rng.choice(PEOPLE),
                "due": dt.date(2023, rng.randint(1, 12), 28),
            }
            roll = rng.random()
            if roll < 0.3:
                task["status"] = "done"
                task["done_on"] = dt.date(2023, rng.randint(1, 12), 15)
            elif roll < 0.6:
                task["status"] = "doing"
                task["progress"] = rng.randint(1, 99)
            if rng.random() < 0.2:
                task.update(measure="处", target=rng.randint(10, 100), actual=rng.randint(0, 100))
            items.append(task)
            made += 1
    # Parts, goals and tasks in tree order, as the canonical file has them.
    items.sort(key=lambda item: [int(n) for n in item["id"].split(".")])
    return {
        "plan": {
            "title": f"生成的计划（{tasks}项任务）",
            "organisation": "测试镇人民政府",
            "year": 2023,
            "start": dt.date(2023, 1, 1),
            "end": dt.date(2023, 12, 31),
            "lang": "zh",
        },
        "item": items,
    }


def taskwarrior_json(doc: dict[str, Any]) -> str:
    """The same tasks as Taskwarrior's import format: one JSON object per line, the goal as
    the project."""
    lines = []
    for item in doc["item"]:
        if item["id"].count(".") < 2:  # a part or a goal
            continue
        task = {
            "uuid": f"00000000-0000-4000-8000-{len(lines):012d}",
            "description": item["title"],
            "status": "completed" if item.get("status") == "done" else "pending",
            "entry": "20230101T000000Z",
            "project": item["id"].rsplit(".", 1)[0],
            "due": item["due"].strftime("%Y%m%dT000000Z"),
        }
        if task["status"] == "completed":
            task["end"] = item["done_on"].strftime("%Y%m%dT000000Z")
        lines.append(json.dumps(task, ensure_ascii=False))
    return "\n".join(lines) + "\n"
