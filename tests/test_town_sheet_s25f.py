"""A northern town's own 任务分解表, end to end: 宁夏中卫市沙坡头区镇罗镇's 2024 秋冬季
“两大工程” (农田水利基本建设 and 农村人居环境整治提升), whose published figures are 平整田地0.72万亩,
清挖整治沟道100公里, 清淤渠道175公里, 整修农田道路88公里, 改造卫生厕所140户
(https://www.spt.gov.cn/xxgk/bmxxgkml/sptqzlz/fdzdgknr_51893/hjzzqk_51905/202410/t20241011_4689343.html),
laid out as a town's table: 序号, 重点工作, 目标任务, 具体措施, 责任领导, 责任单位, 责任人, 完成时限.
The leaders' and officers' names are made up."""

from __future__ import annotations

import tomllib

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, run, workbook

# fmt: off
ZHENLUO = [
    ["镇罗镇2024年秋冬季农田水利基本建设和农村人居环境整治“两大工程”任务分解表"],
    ["序号", "重点工作", "目标任务", "具体措施", "责任领导", "责任单位", "责任人", "完成时限"],
    ["一", "农田水利基本建设"],
    [1, "平整田地", "0.72万亩", "对撂荒地、低洼地集中平整", "王建军", "农业农村综合服务中心", "马小红", "11月20日前"],
    [2, "清挖整治沟道", "100公里", "清挖排水沟道", "王建军", "农业农村综合服务中心", "杨军", "2024年11月30日"],
    [3, "清淤渠道", "175公里以上", "支斗农渠全面清淤", "王建军", "水利工作站", "李文", "12月底前"],
    ["二", "农村人居环境整治提升"],
    [4, "改造卫生厕所", "140户", "户厕改造，应改尽改", "田志刚", "规划建设和生态环境办公室", "丁海燕", "11月底"],
    [5, "村庄清洁行动", "清理垃圾1200吨", "开展“三清一改”", "田志刚", "各村（社区）", "各村党支部书记", "常态化"],
    [6, "宣传发动", "悬挂横幅20条以上", "村务广播、微信公众号宣传", "张丽", "党建工作办公室", "金梅", "9月30日前"],
]
# fmt: on


def test_a_target_column_named_mu_biao_ren_wu_holding_only_a_figure_is_the_task_target(
    tmp_path, plan_file
):
    """平整田地 | 0.72万亩: the figure the office records against (plan record 1.1 0.5万亩), not
    words beside the title; 清理垃圾1200吨 is 1200 吨 with its words kept."""
    result = run(str(workbook(tmp_path / "镇罗镇.xlsx", ZHENLUO)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1.1"]["target"], items["1.1"]["measure"]) == (0.72, "万亩")
    assert "detail" not in items["1.1"] and "target_text" not in items["1.1"]
    assert (items["1.2"]["target"], items["1.2"]["measure"]) == (100, "公里")
    assert (items["1.3"]["target"], items["1.3"]["measure"]) == (175, "公里")
    assert items["1.3"]["target_text"] == "175公里以上"
    assert (items["2.1"]["target"], items["2.1"]["measure"]) == (140, "户")
    # the column is the targets (most of its cells state one figure): a figure in words is
    # the target with its words kept, as the 竹里畲族乡 table's (tests/test_trial_s25g.py)
    assert (items["2.2"]["target"], items["2.2"]["target_text"]) == (1200, "清理垃圾1200吨")
    assert (items["2.3"]["target"], items["2.3"]["measure"]) == (20, "条")
    assert "detail" not in items["2.2"] and "detail" not in items["2.3"]
    assert items["1.1"]["具体措施"] == "对撂荒地、低洼地集中平整"

    runner = CliRunner()
    recorded = runner.invoke(app, ["record", "1.1", "0.5万亩", "--on", "2024-10-10"])
    assert recorded.exit_code == 0, recorded.output
    shown = runner.invoke(app, ["show", "1.1", "--as-of", "2024-10-31"])
    assert shown.exit_code == 0, shown.output
    assert "目标值      0.72" in shown.output and "69%" in shown.output  # 0.5 of 0.72


def test_the_ju_ti_cuo_shi_column_kept_beside_the_title_goes_out_in_the_export_and_back(
    tmp_path, plan_file
):
    """The import keeps 镇罗镇's 具体措施 (a second title column) under its name; the 推进情况表
    sent back had no such column (the office's measures were lost), and its import gave a plan
    without them. Now the column goes out and comes back, with or without a 具体内容."""
    import openpyxl

    from .test_import import read_plan

    figures_only = ZHENLUO[:2] + [
        row[:2] + ["0.72万亩"] + row[3:] if len(row) > 3 else row for row in ZHENLUO[2:]
    ]
    for n, rows in enumerate((ZHENLUO, figures_only)):
        result = run(str(workbook(tmp_path / "镇罗镇.xlsx", rows)), "--force")
        assert result.exit_code == 0, result.output
        out = tmp_path / f"推进情况表{n}.xlsx"
        runner = CliRunner()
        exported = runner.invoke(app, ["export", "--as-of", "2024-12-31", "--out", str(out)])
        assert exported.exit_code == 0, exported.output
        sheet = openpyxl.load_workbook(out).active
        headers = [cell.value for cell in sheet[3]]
        assert "具体措施" in headers
        again = tmp_path / f"again{n}.toml"
        back = run(str(out), "--out", str(again))
        assert back.exit_code == 0, back.output
        before, after = read_plan(plan_file)["item"], read_plan(again)["item"]
        assert [i.get("具体措施") for i in after] == [i.get("具体措施") for i in before]
        assert [i.get("detail") for i in after] == [i.get("detail") for i in before]
        assert [i.get("target") for i in after] == [i.get("target") for i in before]


def test_a_deadline_with_its_reason_in_brackets_is_the_deadline_and_the_reason_is_kept(
    tmp_path, plan_file
):
    """A northern town's 平整田地 is to be done before the ground freezes: 11月20日前（土地封冻前）
    was refused as no deadline, the whole table with it. The day is the deadline; the words in
    cell is kept as written, as other deadline words are (完成时限原文; shown, exported and imported again). Brackets
    holding another deadline are still refused: which one is meant?"""
    rows = [list(row) for row in ZHENLUO]
    rows[3][7] = "11月20日前（土地封冻前）"
    rows[5][7] = "2025年3月底前(冬灌结束后)"
    result = run(str(workbook(tmp_path / "镇罗镇.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert str(items["1.1"]["due"]) == "2024-11-20"
    assert items["1.1"]["完成时限原文"] == "11月20日前（土地封冻前）"
    assert (items["1.3"]["due"], items["1.3"]["完成时限原文"]) == (
        "2025-03",
        "2025年3月底前(冬灌结束后)",
    )
    shown = CliRunner().invoke(app, ["show", "1.1"])
    assert "土地封冻前" in shown.output

    rows[3][7] = "6月底前（第一阶段3月底前）"
    refused = run(
        str(workbook(tmp_path / "两个时限.xlsx", rows)), "--out", str(tmp_path / "x.toml")
    )
    assert refused.exit_code == 1
    assert "H4" in refused.output and "几个时限" in refused.output


def test_add_with_a_deadline_and_its_reason_in_brackets_keeps_them_as_the_import_does(
    tmp_path, plan_file
):
    """plan add … --due "11月20日前（土地封冻前）": the import reads such a cell as the deadline
    11月20日前 with the words kept (完成时限原文); add does the same (session 27: it refused
    before, with --note as the place for the words)."""
    assert run(str(workbook(tmp_path / "镇罗镇.xlsx", ZHENLUO))).exit_code == 0
    result = CliRunner().invoke(
        app, ["add", "1", "冬灌", "--due", "11月20日前（土地封冻前）", "--target", "3.2万亩"]
    )
    assert result.exit_code == 0, result.output
    items = tomllib.loads(plan_file.read_text("utf-8"))["item"]
    added = next(item for item in items if item["title"] == "冬灌")
    assert added["完成时限原文"] == "11月20日前（土地封冻前）"
    assert added["due"].isoformat().endswith("-11-20")
