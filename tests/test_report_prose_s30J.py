"""plan report's 存在的问题 and 下一步打算 as a town office writes them: sentences per problem
(what is behind, how far, by when, who, why), none of the tool's 红灯/黄灯, a missing reason
left in place for the drafter (主要原因是【待补充】, highlighted in Word), and a task ticked off short
of its target carried into 下一步打算."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {
        "id": "1.1",
        "title": "修塘",
        "measure": "处",
        "target": 40,
        "actual": 25,
        "status": "doing",
        "lead_unit": "水利站",
        "due": dt.date(2023, 6, 30),
    },
    {
        "id": "1.2",
        "title": "修机耕道",
        "measure": "条",
        "target": 20,
        "actual": 15,
        "status": "done",
        "done_on": dt.date(2023, 10, 20),
        "lead_unit": "农业站",
    },
    {
        "id": "1.3",
        "title": "渠道护砌",
        "status": "blocked",
        "reason": "上级配套资金未到位",
        "due": dt.date(2023, 9, 30),
    },
    {"id": "2", "title": "社会事业"},
    {"id": "2.1", "title": "禁毒讲座", "measure": "场", "target": 10, "actual": 4},
    {"id": "2.2", "title": "花鼓戏下乡", "status": "todo"},
]


def run(runner: CliRunner, path: Path, *args: str) -> Any:
    return runner.invoke(app, ["report", "-f", str(path), "--as-of", "2023-10-31", *args])


def section(text: str, head: str, tail: str) -> str:
    return text[text.index(head) : text.index(tail)]


def test_problems_are_sentences_without_the_tools_lights(runner: CliRunner, tmp_path: Path):
    path = write_plan(tmp_path / "plan.toml", ITEMS)
    before = path.read_bytes()
    result = run(runner, path, "--format", "md")
    assert result.exit_code == 0, result.output
    problems = section(result.output, "三、存在的问题", "四、下一步打算")
    assert "红灯" not in problems and "黄灯" not in problems
    assert "欠进度" not in problems and "责任：" not in problems
    # overdue: the deadline, then that it is past; its figures stay exactly
    assert (
        "一是修塘：完成时限为2023年6月30日，逾期未完成，目前完成率为63%（已完成25处，目标40处），"
        "由水利站负责。主要原因是【待补充】。" in problems
    )
    assert "二是渠道护砌：推进受阻" in problems
    assert (
        "花鼓戏下乡：进度滞后于序时进度，目前尚未开始，完成率为0%。主要原因是【待补充】。"
        in problems
    )
    assert "主要原因是上级配套资金未到位。" in problems
    # ticked off short: said as ticked off, with its figure
    assert "修机耕道：已销号，但未达到目标" in problems and "15条" in problems
    # the prompt to the drafter no longer closes the section as a sentence of its own
    assert "未记录原因" not in problems
    assert path.read_bytes() == before  # a report writes nothing to the plan


def test_json_keeps_its_fields_and_lights(runner: CliRunner, tmp_path: Path):
    path = write_plan(tmp_path / "plan.toml", ITEMS)
    result = run(runner, path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first = data["problems"][0]
    assert first["id"] == "1.1" and first["light"] == "red" and first["pace"] == "overdue"
    assert first["completion"] == 0.625 and first["reason"] is None
    # the data still says which problems have no reason (the text says it in place)
    assert data["problems_unexplained"]


def test_a_task_ticked_off_short_is_carried_into_next_steps(runner: CliRunner, tmp_path: Path):
    path = write_plan(tmp_path / "plan.toml", ITEMS)
    result = run(runner, path, "--format", "md")
    assert result.exit_code == 0, result.output
    steps = section(result.output, "四、下一步打算", "附表")
    assert "另有1项任务已销号但未达到目标，一并列出：" in steps
    assert "修机耕道：已销号，尚差5条，由农业站负责；下一步继续跟进，补齐差距。" in steps
    assert "禁毒讲座：目前进行中，完成率40%，尚差6场；加快进度，确保按期完成。" in steps
    assert "花鼓戏下乡：目前尚未开始，完成率0%" in steps


def test_only_short_tasks_left_open_the_next_steps_with_them(runner: CliRunner, tmp_path: Path):
    items = [ITEMS[0], ITEMS[2]]
    path = write_plan(tmp_path / "plan.toml", items)
    result = runner.invoke(app, ["report", "-f", str(path), "--format", "md"])
    assert result.exit_code == 0, result.output
    steps = section(result.output, "四、下一步打算", "附表")
    assert "以下1项任务已销号，但未达到目标，下一步继续跟进，补齐差距：" in steps
    assert "全部任务均已完成" not in steps


def test_english_report_says_the_same_in_sentences(runner: CliRunner, tmp_path: Path):
    path = write_plan(tmp_path / "plan.toml", ITEMS, lang="en")
    result = run(runner, path, "--format", "md")
    assert result.exit_code == 0, result.output
    assert "overdue, so far completion 63%" in result.output
    assert "The main reason: \\[to be added\\]." in result.output  # (Markdown's escapes)
    assert "red" not in section(result.output, "3. Problems", "4. Next steps")
    assert "1 more ticked off short of its target is listed too:" in result.output


def test_word_highlights_the_gap_left_for_the_drafter(runner: CliRunner, tmp_path: Path):
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    path = write_plan(tmp_path / "plan.toml", ITEMS)
    out = tmp_path / "report.docx"
    result = run(runner, path, "--out", str(out))
    assert result.exit_code == 0, result.output
    document = docx.Document(BytesIO(out.read_bytes()))
    marked = [
        run.text
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert marked == ["【待补充】"] * 4
    texts = [p.text for p in document.paragraphs]
    assert not any("未记录原因" in text for text in texts)


def test_a_large_plans_summary_leaves_the_missing_reason_marked(runner: CliRunner, tmp_path: Path):
    items: list[dict[str, Any]] = [{"id": "1", "title": "基础设施"}]
    for n in range(1, 61):
        task: dict[str, Any] = {"id": f"1.{n}", "title": f"修建第{n}号机耕道", "status": "blocked"}
        if n > 3:
            task["reason"] = "资金未到位"
        items.append(task)
    path = write_plan(tmp_path / "plan.toml", items)
    result = runner.invoke(app, ["report", "-f", str(path), "--format", "md"])
    assert result.exit_code == 0, result.output
    problems = section(result.output, "三、存在的问题", "四、下一步打算")
    assert "受阻的任务60项" in problems
    assert "修建第1号机耕道、修建第2号机耕道、修建第3号机耕道（原因：【待补充】）" in problems
    assert "修建第4号机耕道、" in problems and "（资金未到位）" in problems
    assert "未记录原因" not in problems
