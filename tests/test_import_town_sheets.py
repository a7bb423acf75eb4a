"""plan import of the sheets a town office keeps as a county sends them: 第一部分 and 一是 numbering,
notes rows under the table, header names of other counties, the day a sheet was filled in, files
that are not workbooks, and the --dry-run tree at the width of the terminal."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, read_plan, run, workbook


def test_parts_numbered_di_yi_bu_fen_hold_the_rows_numbered_yi_shi_under_them(tmp_path, plan_file):
    rows = [
        ["泉湖镇2024年重点工作任务分解表"],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["第一部分  经济发展"],
        ["一是", "抓好项目建设", "经发办", "2024年6月底前"],
        ["二是", "抓好道路建设", "交通站", "2024.6.30"],
        ["第二部分：社会事业"],
        ["一、", "教育"],
        [1, "义务教育巩固", "教育办", "年底前"],
        [None, "三是抓好安全生产", "安监站", "长期"],
    ]
    path = workbook(tmp_path / "分解表.xlsx", rows, ("A3:D3", "A6:D6"))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert {key: item["title"] for key, item in items.items()} == {
        "1": "经济发展",
        "1.1": "抓好项目建设",
        "1.2": "抓好道路建设",
        "2": "社会事业",
        "2.1": "教育",
        "2.1.1": "义务教育巩固",
        "2.1.2": "抓好安全生产",
    }


def test_a_part_numbered_di_yi_bu_fen_in_the_sequence_column_alone_is_a_part(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位"],
        ["第一部分", "经济发展"],
        ["一是", "抓好项目建设", "经发办"],
        ["第二部分", "社会事业"],
        ["一是", "抓好教育", "教育办"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    titles = {key: item["title"] for key, item in items_of(plan_file).items()}
    assert titles == {"1": "经济发展", "1.1": "抓好项目建设", "2": "社会事业", "2.1": "抓好教育"}


def test_a_signature_line_under_the_table_is_skipped_wherever_its_cells_are(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "责任领导", "牵头单位", "完成时限"],
        [1, "抓好项目建设", "张三", "经发办", "2024年6月底前"],
        ["填报人：李某", None, "审核人：王某", None, "填报日期：2024年7月5日"],
        [None, None, "联系电话：13800000000"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert list(items_of(plan_file)) == ["1"]
    assert "第 3 行 '填报人：李某'" in result.output
    assert "第 4 行 '联系电话：13800000000'" in result.output


def test_other_counties_header_names_are_read(tmp_path, plan_file):
    rows = [
        [
            "序号",
            "具体目标",
            "重点工作",
            "牵头领导",
            "主责单位",
            "协办单位",
            "时间节点",
            "完成情况",
        ],
        [
            1,
            "完成固定资产投资120万元",
            "抓好项目建设",
            "张三",
            "经发办",
            "财政所",
            "年底前",
            "已开工",
        ],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)), "--on", "2024-07-05")
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert item["title"] == "抓好项目建设"
    # 具体目标 beside 重点工作 states a figure: the target, its words kept (session 25)
    assert (item["target"], item["measure"], item["target_text"]) == (
        120,
        "万元",
        "完成固定资产投资120万元",
    )
    assert (item["lead"], item["lead_unit"], item["support_units"]) == (
        "张三",
        "经发办",
        ["财政所"],
    )
    assert item["log"][0]["note"] == "已开工"


@pytest.mark.parametrize("name", ["工作目标", "具体目标", "目标任务"])
def test_a_goal_column_is_the_task_where_no_other_column_names_it(tmp_path, plan_file, name):
    rows = [["序号", name, "责任单位"], [1, "道路硬化3.5公里", "交通站"]]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["title"] == "道路硬化3.5公里"


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def test_dry_run_fits_the_terminal_and_names_who_answers_as_plan_list_does(tmp_path, plan_file):
    title = "全力推进城乡环境综合整治三年行动，抓好农村人居环境整治提升和美丽乡村示范村建设"
    rows = [
        ["序号", "工作任务", "责任领导", "牵头单位", "配合单位", "责任人", "完成时限", "目标值"],
        ["一、", "生态宜居"],
        [
            1,
            title,
            "张三",
            "镇农业综合服务中心",
            "财政所、自然资源所",
            "李明",
            "2024年6月底前",
            "3.5公里",
        ],
    ]
    path = workbook(tmp_path / "t.xlsx", rows)
    result = CliRunner().invoke(app, ["import", str(path), "--dry-run"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    tree = result.stdout.split("试运行")[0].splitlines()
    assert all(_cells(line) <= 80 for line in tree), tree
    assert tree[0] == "1 生态宜居"
    assert tree[1].startswith("  1.1 全力推进") and tree[2].startswith(
        "      "
    )  # title folded under itself
    assert "".join(line.strip() for line in tree[1:]).count(title[-10:]) == 1
    who = "责任：张三 / 镇农业综合服务中心 / 李明 / 财政所 / 自然资源所"
    assert any(line.strip().startswith(who) for line in tree), tree
    run(str(path))
    listed = CliRunner().invoke(app, ["list"], env={"COLUMNS": "200"})
    assert who in listed.stdout


def test_dry_run_keeps_a_short_task_on_one_line(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "责任领导", "牵头单位", "完成时限"],
        [1, "修路", "张三", "交通站", "2024年底前"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)), "--dry-run")
    assert result.stdout.splitlines()[0] == "1 修路  · 责任：张三 / 交通站 · 完成时限：2024-12-31"


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (_OLE + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64, "设置了打开密码"),
        (_OLE + "Workbook".encode("utf-16-le") + b"\0" * 64, "旧的 .xls 格式"),
        (
            "\ufeff<html><body><table><tr><td>序号</td><td>工作任务</td></tr></table>".encode(),
            "网页（HTML）",
        ),
    ],
)
def test_a_workbook_that_is_not_an_xlsx_inside_says_what_it_is(tmp_path, plan_file, content, said):
    path = tmp_path / "分解表.xlsx"
    path.write_bytes(content)
    result = run(str(path))
    assert result.exit_code == 1
    assert said in result.output and "另存为" in result.output and "Traceback" not in result.output
    assert not plan_file.exists()


@pytest.mark.parametrize(
    "note", ["（截止2024年6月30日）", "（截止到2024.6.30）", "(截至2024-06-30)"]
)
def test_notes_are_dated_on_the_day_the_title_says_the_sheet_runs_to(tmp_path, plan_file, note):
    rows = [
        [f"泉湖镇2024年重点工作推进情况表{note}"],
        ["序号", "工作任务", "牵头单位", "进展情况"],
        [1, "抓好项目建设", "经发办", "已开工"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)
    assert plan["plan"]["title"] == "泉湖镇2024年重点工作推进情况表"
    assert str(plan["item"][0]["log"][0]["on"]) == "2024-06-30"
