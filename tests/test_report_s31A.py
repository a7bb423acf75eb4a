"""plan report's prose, session 31 (A): a blocked task at year end said once with what is known,
an untouched plan's problems grouped as an office groups them, a task ticked off short of its
target flagged in the JSON, the deadline words in the help."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO_PLAN, Clock, write_plan


def cli(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def problems_of(text: str) -> str:
    return text[text.index("三、存在的问题") : text.index("四、下一步打算")]


BLOCKED_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "lead_unit": "水利站"},
    {"id": "1.2", "title": "渠道护砌", "due": dt.date(2023, 9, 30)},
]


def test_a_task_blocked_at_year_end_is_said_blocked_once_since_its_day(
    runner: CliRunner, tmp_path: Path, clock: Clock
):
    path = write_plan(tmp_path / "plan.toml", BLOCKED_ITEMS)
    cli(runner, "record", "1.1", "12", "--on", "2023-04-01", "-f", str(path))
    cli(runner, "block", "1.1", "-r", "征地未完成", "--on", "2023-06-01", "-f", str(path))
    cli(runner, "block", "1.2", "-r", "上级配套资金未到位", "--on", "2023-05-10", "-f", str(path))
    before = path.read_bytes()
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "md")
    problems = problems_of(result.output)
    assert "年内未能完成" not in problems
    assert (
        "修塘：自2023年6月1日起推进受阻，目前完成率为30%（已完成12处，目标40处），由水利站负责。"
        "主要原因是征地未完成。" in problems
    ), problems
    # overdue as well: the deadline passed is news of its own, said once, after the block
    assert (
        "渠道护砌：自2023年5月10日起推进受阻，完成时限为2023年9月30日，逾期未完成，"
        "目前完成率为0%。主要原因是上级配套资金未到位。" in problems
    ), problems
    assert path.read_bytes() == before
    english = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--lang", "en")
    flat = " ".join(english.output.split())
    assert "blocked since 2023-06-01, so far completion 30%" in flat, flat
    assert "not finished within the year" not in flat


def test_a_task_blocked_by_hand_has_no_day_and_is_said_blocked_once(
    runner: CliRunner, tmp_path: Path
):
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "status": "blocked", "reason": "征地未完成"},
    ]
    path = write_plan(tmp_path / "plan.toml", items)
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "md")
    problems = problems_of(result.output)
    assert "一是修塘：推进受阻，目前完成率为0%。主要原因是征地未完成。" in problems, problems


def untouched_copy(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_bytes(REPO_PLAN.read_bytes())
    return path


def test_an_untouched_plans_problems_are_one_paragraph_by_part(runner: CliRunner, tmp_path: Path):
    path = untouched_copy(tmp_path)
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "md")
    problems = problems_of(result.output)
    # one paragraph, as an office writes it: not 24 sentences alike, one reason left to fill
    assert "年内未能完成" not in problems and "二是" not in problems, problems
    assert problems.count("【待补充】") == 1, problems
    assert (
        "以下24项工作全年未见进展记录：打牢一个基础方面2项（因地制宜发展优势产业、依靠改革创新"
        "壮大乡村发展新动能）；培育两大产业方面5项（发展“四香”特色农业产业、" in problems
    ), problems
    assert "抓好五项重点方面8项（抓好宁电入湘项目建设、" in problems
    assert problems.rstrip("# \n").endswith("守好耕地红线）。主要原因是【待补充】。"), problems
    assert len(problems) < 700, len(problems)
    # the JSON keeps every item, each with its own sentence and figures
    data = json.loads(
        cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "json").output
    )
    [group] = data["problems"]
    assert group["group"] == "untouched" and group["count"] == 24
    assert [entry["id"] for entry in group["entries"]] == group["tasks"]
    assert group["tasks"][:2] == ["1.1.1", "1.1.2"] and group["tasks"][-1] == "5.5.3"
    first = group["entries"][0]
    assert first["status"] == "todo" and first["pace"] == "behind" and first["completion"] == 0
    # the other formats say the same paragraph
    for fmt in ("txt", "docx"):
        out = tmp_path / f"report.{fmt}"
        cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "-o", str(out))
        if fmt == "txt":
            text = " ".join(out.read_text(encoding="utf-8").split()).replace(" ", "")
        else:
            from docx import Document

            text = "".join(p.text for p in Document(str(out)).paragraphs)
        assert "以下24项工作全年未见进展记录：打牢一个基础方面2项" in text
        assert "二是" not in text[text.index("存在的问题") : text.index("下一步打算")]


def test_a_few_untouched_tasks_beside_the_others_are_one_problem_among_them(
    runner: CliRunner, tmp_path: Path, clock: Clock
):
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "measure": "处", "target": 40},
        {"id": "1.2", "title": "修路", "due": dt.date(2023, 6, 30)},
        {"id": "1.3", "title": "修桥"},
        {"id": "1.4", "title": "修渠"},
        {"id": "1.5", "title": "安装路灯"},
    ]
    path = write_plan(tmp_path / "plan.toml", items)
    cli(runner, "record", "1.1", "12", "--on", "2023-04-01", "-f", str(path))
    cli(runner, "note", "1.5", "已完成选址", "--on", "2023-05-01", "-f", str(path))
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "md")
    problems = problems_of(result.output)
    assert "一是修塘：年内未能完成，目前完成率为30%" in problems, problems
    assert "二是安装路灯：年内未能完成，已有进展但未标记开始" in problems, problems
    # within one part no part is named; the deadline passed is said
    assert (
        "三是以下3项工作全年未见进展记录（其中1项已过完成时限）：修路、修桥、修渠。"
        "主要原因是【待补充】。" in problems
    ), problems
    assert "四是" not in problems
    # two alike are still said one by one
    cli(runner, "done", "1.4", "-f", str(path), "--on", "2023-07-01")
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "md")
    assert "未见进展记录" not in problems_of(result.output)


def test_the_json_flags_a_problem_ticked_off_short_of_its_target(runner: CliRunner, tmp_path: Path):
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "渠道清淤", "measure": "公里", "target": 90, "actual": 87},
        {"id": "1.2", "title": "修塘", "measure": "处", "target": 40, "actual": 25},
        {"id": "1.3", "title": "修路", "measure": "公里", "target": 5, "actual": 6},
    ]
    path = write_plan(tmp_path / "plan.toml", items)
    cli(runner, "done", "1.1", "--on", "2023-11-01", "-f", str(path))
    cli(runner, "done", "1.3", "--on", "2023-11-01", "-f", str(path))
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "json")
    problems = {entry["id"]: entry for entry in json.loads(result.output)["problems"]}
    assert set(problems) == {"1.1", "1.2"}  # (over its target: no problem)
    short, behind = problems["1.1"], problems["1.2"]
    assert short["status"] == "done" and short["short_of_target"] is True
    assert "已销号，但未达到目标" in short["sentence"]
    assert behind["status"] == "doing" and behind["short_of_target"] is False


DEADLINE_WORDS = ("春节前", "汛期前", "主汛期前", "七一前", "国庆前", "6月底前")


def test_the_deadline_help_names_the_deadline_words_it_reads(runner: CliRunner, tmp_path: Path):
    for command in ("add", "edit"):
        for lang in ("zh", "en"):
            result = cli(runner, command, "--help", "--lang", lang)
            flat = "".join(result.output.split())
            due = flat[flat.index("--due") :]
            for words in DEADLINE_WORDS:
                assert words in due[:600], (command, lang, words, due[:600])
    # and each reads as the help says, the day before it
    path = write_plan(tmp_path / "plan.toml", [{"id": "1", "title": "水利"}])
    for n, (words, day) in enumerate(
        [("春节前", "2024-02-09"), ("汛期前", "2023-03-31"), ("主汛期前", "2023-05-31"),
         ("七一前", "2023-06-30"), ("国庆前", "2023-09-30")], 1
    ):  # fmt: skip
        # (on 2023-03-01, after that year's 春节: 春节前 is the coming one, 2024's; s33E)
        cli(runner, "add", "1", f"任务{n}", "--due", words, "--on", "2023-03-01", "-f", str(path))
        assert f"due = {day}\n" in path.read_text(encoding="utf-8")
    reference = (REPO_PLAN.parent / "docs" / "reference.md").read_text(encoding="utf-8")
    row = next(line for line in reference.splitlines() if line.startswith("| a deadline or start"))
    for words in DEADLINE_WORDS:
        assert words in row, words


def test_untouched_tasks_at_the_top_of_the_plan_come_after_the_parts_as_other_tasks(
    runner: CliRunner, tmp_path: Path
):
    items = [
        {"id": "1", "title": "督办件甲"},
        {"id": "2", "title": "基础设施"},
        {"id": "2.1", "title": "修塘"},
        {"id": "2.2", "title": "修路"},
        {"id": "3", "title": "督办件乙"},
    ]
    path = write_plan(tmp_path / "plan.toml", items)
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "md")
    assert (
        "以下4项工作全年未见进展记录：基础设施方面2项（修塘、修路）；其他2项（督办件甲、督办件乙）。"
        "主要原因是【待补充】。" in problems_of(result.output)
    ), problems_of(result.output)
