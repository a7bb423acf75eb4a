"""The 2022 plan as a worked example: its report states every figure of the town's own 2022
summary (the seed), each one coming from the metric of the task it belongs to."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO

EXAMPLE = REPO / "examples" / "quanhu-2022.toml"

# (task, the figure as the report states it). The seed writes most figures exactly so; where it
# writes "328余亩" or "四个", the plan's metric says 328 亩 and 4 个, and the report says that.
FIGURES = [
    ("1.1", "6个村"),  # 整理整顿了6个村的“三室两栏”
    ("1.2.1", "群众意见102条"),
    ("1.2.2", "119例"),
    ("1.3.1", "村干部12人"),
    ("1.3.2", "新发展党员12人"),
    ("1.3.3", "积极分子24人"),
    ("2.1", "试点3个村"),  # 龙秀村、八塘村、先锋村
    ("3.1.3", "18个村、社区"),
    ("4.1.1", "328亩"),
    ("4.1.2", "98.4万元"),
    ("4.1.3", "水稻高产示范片4个"),
    ("4.1.4", "（建伟、红湖）2个"),
    ("4.1.5", "3.2万亩"),
    ("4.1.6", "2.7万亩"),
    ("4.2.2", "修塘40处"),
    ("4.2.3", "修机耕道20条"),
    ("4.2.4", "通组公路硬化6公里"),
    ("4.2.5", "新安装路灯150盏"),
    ("4.2.6", "通道绿化20公里"),
    ("4.2.7", "3000米"),
    ("4.2.8", "87公里"),
    ("4.3.1", "道路黑化4755平方米"),
    ("4.3.2", "4350平方米"),
    ("4.3.3", "594米"),
    ("4.4.1", "停车位200个"),
    ("5.1.2", "0火情"),
    ("5.2.2", "0疫情"),
    ("6.1.2", "2022年12月26日"),
    ("6.3.1", "三个“100%”"),
    ("6.5.1", "7409户"),
    ("6.5.2", "114户"),
    ("6.5.3", "103192平方米"),
    ("6.5.4", "7295户"),
    ("6.5.5", "1754147平方米"),
    ("6.5.6", "300户"),
    ("6.5.7", "83户"),
    ("6.5.8", "217户"),
    ("6.6", "第149位"),
    ("6.6", "第36位"),
    ("6.6", "前进113位"),
    ("6.7.2", "查办案件12件"),
    ("6.7.3", "批评教育5人"),
    ("6.7.4", "诫勉谈话7人"),
    ("6.7.5", "谈话提醒3人"),
    ("6.7.6", "留党察看1人"),
    ("6.7.7", "开除党籍4人"),
]


def run(*args: str) -> str:
    result = CliRunner().invoke(app, ["-f", str(EXAMPLE), "report", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def terminal() -> str:
    # Rich wraps long lines anywhere in Chinese text: compare without the line breaks.
    return "".join(run().split())


@pytest.fixture(scope="module")
def markdown() -> str:
    return run("--format", "md")


@pytest.fixture(scope="module")
def sentences() -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(entry: dict) -> None:
        if entry["kind"] == "task":
            found[entry["id"]] = entry["sentence"]
        for sub in entry.get("entries", []):
            walk(sub)

    for part in json.loads(run("--format", "json"))["achievements"]:
        walk(part)
    return found


@pytest.mark.parametrize(("task", "figure"), FIGURES, ids=[f"{t}-{f}" for t, f in FIGURES])
def test_the_2022_report_states_the_seeds_figure(task, figure, terminal, markdown, sentences):
    assert figure in sentences[task]
    assert figure in terminal
    assert figure in markdown


def test_the_2022_report_is_titled_and_dated_like_the_towns_summary(markdown):
    assert markdown.startswith("# 泉湖镇2022年工作计划完成情况总结\n")
    assert "衡南县泉湖镇人民政府" in markdown and "截至2022年12月31日" in markdown


def test_the_2022_ledger_dates_the_provincial_demonstration_site(markdown):
    row = "| 6.1.2 | 被认定为非遗村镇省级示范点 |  |  |  |  | 已完成 | 100% | 12月26日 |"
    assert row in markdown


def test_the_2022_report_carries_the_unfinished_power_line_into_2023(markdown):
    problems = markdown.split("## 三、存在的问题")[1].split("## 四、下一步打算")[0]
    next_steps = markdown.split("## 四、下一步打算")[1].split("## 附表")[0]
    assert "一是宁电入湘工程稳步推进：年内未能完成，目前完成率为0%。" in problems
    assert "结转2023年继续推进" in next_steps and "宁电入湘" in next_steps


def test_the_2022_report_counts_59_of_60_tasks_done(markdown):
    assert "共安排任务60项，已完成59项，进行中1项" in markdown


def test_the_2022_report_has_no_float_noise(terminal, markdown):
    for text in (terminal, markdown):
        assert "000000" not in text and "999999" not in text
