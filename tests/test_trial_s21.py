"""Session 21 trial: two more 街道's real lists run through a whole year with the CLI.

The lists: 中梁山街道's 2024 十件民生实事 (九龙坡区, 重庆;
https://jiulongpo.cbg.cn/show/85021-3732135.html: 党群服务中心, 黑臭水体整治 by June, 270余座
化粪池, 约130棵 trees, 老旧房屋 by October, 文化体育 不少于20次), typed as a 民生实事 台账 with
投资额（万元） / 资金来源 columns, a column per month (1月…12月) of 形象进度, a sheet per 分管领导,
a 合计 row and the same office written two ways (党政办 / 党政综合办公室); and 东北塘街道's 2025
民生实事 as they stood in April (锡山区, 无锡; https://www.jsxishan.gov.cn/doc/2025/04/27/4553271.shtml:
478盏 路灯, the 小月龄 托班, 东蕾苑二期 主体完成约70%, 东昌路东延 40% / 艳阳路西延 完工 / 英才路南延
通车, 巴士邻居服务点2处, 停车泊位50个 of which 15), typed as a 推进情况表 (项目名称 | 目标任务 |
责任单位 | 完成时限 | 完成情况 | 存在问题 | 下步打算) with a category row per 已完工 / 已启动实施 and a
序号 that starts again under each, a title row and a 填报单位 / 填报时间 line. Each test shows one
defect an office met, through the command it ran: what was printed, the exit code and what is
on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment
from typer.testing import CliRunner

from quanhu_plan.cli import app

_MONTHS = [f"{month}月" for month in range(1, 13)]


def _street_ledger(path: Path) -> None:
    """中梁山街道's 民生实事 台账: a sheet per 分管领导, each with its title, 填报单位 line,
    header, projects and 合计 row; wrapped text, as an office formats it."""
    header = ["序号", "项目名称", "建设内容", "投资额\n（万元）", "资金来源", "分管领导"]
    header += ["责任单位", "完成时限", *_MONTHS, "备注"]
    sheets: dict[str, list[list[Any]]] = {
        "张明分管": [
            [1, "社区党群服务中心建设项目", "优化华福家园社区等党群服务中心建设", 120, "区级补助"]
            + ["张明", "党政办", "12月底前", None, None, "设计", None, "招标", "开工", None]
            + [None, "完成50%", None, "完工", "验收"],
            [2, "“人和基金”慈善项目", "扩大“人和基金”资金规模", 30, "社会捐赠", "张明"]
            + ["党政综合办公室", "年底前", *([None] * 12), "[重点]慈善"],
        ],
        "李华分管": [
            [1, "农村黑臭水体整治项目", "对西山村等相关区域污水及底泥进行清淤整治", 85.5]
            + ["区级补助、街道自筹", "李华", "城建办", "6月底前", None, "方案", "清淤"]
            + ["完成60%", "完工"],
            [2, "环卫设施维护项目", "对辖区270余座无主无能化粪池进行清掏维护", 40]
            + ["街道自筹", "李华", "城市管理办公室", "12月底前"],
        ],
    }
    book = Workbook()
    for number, (name, rows) in enumerate(sheets.items()):
        sheet = book.active if number == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        sheet.append(["中梁山街道2024年民生实事项目推进台账"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet.append(["填报单位：中梁山街道党政办", *([None] * 9), "填报时间：2024年1月15日"])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        sheet.append(["合计", None, None, sum(row[3] for row in rows)])
        for cells in sheet.iter_rows(min_row=3):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    book.save(path)


def _progress_table(path: Path) -> None:
    """东北塘街道's 推进情况表 of April: 项目名称 beside 目标任务, the 序号 starting again under
    each category, a project merged over a row per road."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "推进情况"
    sheet.append(["东北塘街道2025年民生实事项目推进情况表（截至2025年4月25日）"])
    sheet.merge_cells("A1:H1")
    sheet.append(["填报单位：东北塘街道党政办", None, None, None, None, "填报时间：2025年4月25日"])
    sheet.append(
        ["序号", "项目名称", "目标任务", "责任单位", "完成时限", "完成情况", "存在问题", "下步打算"]
    )
    rows: list[list[Any]] = [
        ["一", "一、已完工项目"],
        [1, "辖区内老旧路灯改造出新工程", "478盏路灯刷漆出新", "城管办", "2025年3月", "已完成"]
        + ["无", "—"],
        [2, "公建民营“小月龄”托班", "托育服务年龄延伸至6-18个月", "社会事业局", "2025年3月底"]
        + ["硬件装潢已于3月完成，正在开展招生宣传", None, "做好招生"],
        ["二", "二、已启动实施项目"],
        [1, "东蕾苑二期新建工程（2024年度续建项目）", "完成主体及配套工程", "建设局"]
        + ["2025年12月底", "目前主体完成约70%", "雨季影响工期", "加快主体施工"],
        [2, "东昌路东延、艳阳路西延、英才路南延建设项目", "东昌路东延", "建设局", "2025年10月"]
        + ["完成总工程量的40%", None, "加快施工"],
        [None, None, "艳阳路西延", "建设局", "2025年6月", "已于4月初完工，待验收后通车"],
        [None, None, "英才路南延", "建设局", "2025年6月", "已完成施工，并验收通车"],
        [3, "新增便民停车泊位", "50个", "城管办", "2025年12月底", "已新增15个", "可用空间少"]
        + ["排查道路空间"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A9:A11")
    sheet.merge_cells("B9:B11")
    book.save(path)


def test_import_names_a_project_by_its_项目名称_not_by_the_目标任务_beside_it(
    runner: CliRunner, isolated: Path
) -> None:
    """A 推进情况表 with 项目名称 and 目标任务 (478盏路灯刷漆出新, 50个) was refused: the
    category rows (一、已完工项目, in 项目名称) had 这一行有内容，但没有任务名称, 目标任务 being
    taken for the title; an office that filled it in got tasks named 50个 and 东昌路东延 with the
    project's name as their detail. 项目名称 names the row; 目标任务 is what it is to achieve."""
    table = isolated.parent / "东北塘街道2025年民生实事推进情况表.xlsx"
    _progress_table(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i["id"], i["title"], i.get("detail")) for i in items] == [
        ("1", "已完工项目", None),
        ("1.1", "辖区内老旧路灯改造出新工程", "478盏路灯刷漆出新"),
        ("1.2", "公建民营“小月龄”托班", "托育服务年龄延伸至6-18个月"),
        ("2", "已启动实施项目", None),
        ("2.1", "东蕾苑二期新建工程（2024年度续建项目）", "完成主体及配套工程"),
        ("2.2", "东昌路东延、艳阳路西延、英才路南延建设项目", None),
        ("2.2.1", "东昌路东延", None),
        ("2.2.2", "艳阳路西延", None),
        ("2.2.3", "英才路南延", None),
        ("2.3", "新增便民停车泊位", "50个"),
    ]
    assert items[1]["status"] == "done" and items[9]["reason"] == "可用空间少"
    done = runner.invoke(app, ["done", "2.2.3", "--on", "2025-04-10"])
    assert done.exit_code == 0 and "英才路南延" in done.output, done.output


def test_check_does_not_take_a_months_words_kept_by_the_import_for_a_slip(
    runner: CliRunner, isolated: Path
) -> None:
    """A 形象进度 column per month holding words (设计, 招标, 完工) is kept on each task under
    its header, as the import says; then the import and every `plan check` listed each such
    cell as 值得留意: 字段 3月 不是计划的字段…是不是要写 milestone？ — eleven for two
    projects, with no way to act on them (milestone = "设计" is no milestone) but to delete
    the office's own schedule from the file."""
    table = isolated.parent / "中梁山街道2024年民生实事台账.xlsx"
    _street_ledger(table)
    result = runner.invoke(app, ["import", str(table), "--sheet", "全部"])
    assert result.exit_code == 0, result.output
    assert "是不是要写 milestone" not in result.stderr, result.stderr
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    # Beside a month's 完成50%, the words are the project's steps (session 27); a slip is
    # still said of a field no plan has.
    assert items[1]["milestone"][0] == {"due": "2024-03", "note": "设计"}
    assert items[4]["milestone"][1] == {"due": "2024-03", "note": "清淤"}
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "milestone" not in checked.output, checked.output
    english = runner.invoke(app, ["check", "--lang", "en"])
    assert "was milestone meant" not in english.output, english.output
    # A slip that is one is still said.
    text = isolated.read_text(encoding="utf-8").replace('lead = "李华"', '"责任人" = "李华"', 1)
    isolated.write_text(text, encoding="utf-8")
    assert "是不是要写 owner" in runner.invoke(app, ["check"]).output


def test_export_keeps_the_ledgers_own_columns_and_its_import_brings_them_back(
    runner: CliRunner, isolated: Path
) -> None:
    """`plan export` of the 民生实事 台账 left out 投资额（万元） and 资金来源 (kept on each
    task by the import, as 备注 is), and 东北塘's 下步打算 (its 下一步措施 column was empty):
    the 推进情况表 sent to the 区 had no money and no next steps, and `plan import` of it lost
    them from the plan."""
    ledger = isolated.parent / "中梁山街道2024年民生实事台账.xlsx"
    _street_ledger(ledger)
    assert runner.invoke(app, ["import", str(ledger), "--sheet", "全部"]).exit_code == 0
    table = isolated.parent / "推进情况表.xlsx"
    result = runner.invoke(app, ["export", "--out", str(table)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(table).active.iter_rows(values_only=True))
    header = next(tuple(str(c).replace("\n", "") for c in row) for row in rows if row[0] == "序号")
    assert "投资额（万元）" in header and "资金来源" in header, header
    money = {row[0]: row[header.index("投资额（万元）")] for row in rows}
    assert (money["1.1"], money["2.1"], money["1"]) == (120, 85.5, None)
    assert header.index("资金来源") < header.index("备注")
    again = isolated.parent / "again.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(again)])
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in tomllib.loads(again.read_text(encoding="utf-8"))["item"]}
    assert items["2.1"]["投资额（万元）"] == 85.5
    assert items["2.1"]["资金来源"] == "区级补助、街道自筹"
    assert items["1.2"]["备注"] == "[重点]慈善"

    progress = isolated.parent / "东北塘街道2025年民生实事推进情况表.xlsx"
    _progress_table(progress)
    street = isolated.parent / "东北塘街道.toml"
    imported = runner.invoke(app, ["import", str(progress), "--out", str(street)])
    assert imported.exit_code == 0, imported.output
    written = runner.invoke(app, ["-f", str(street), "export", "--as-of", "2025-04-25"])
    assert written.exit_code == 0, written.output
    lines = written.output.splitlines()
    header_line = next(line for line in lines if line.startswith("序号"))
    assert "下一步措施" in header_line and "下步打算" not in header_line, header_line
    assert any(line.startswith("2.3,") and "排查道路空间" in line for line in lines), lines


def test_a_kept_column_named_like_a_formula_is_no_formula_in_the_export(
    runner: CliRunner, isolated: Path
) -> None:
    """The name of a column the plan keeps is the office's text, as a cell's is: one typed
    =HYPERLINK(…) or with an escape sequence in it is written inert, in the CSV's header too."""
    isolated.write_text(
        '[plan]\ntitle = "试验"\nyear = 2024\n\n[[item]]\nid = "1"\ntitle = "修路"\n'
        '"=HYPERLINK(\\"http://x\\")" = "甲"\n"资金\\u001b[31m来源" = "自筹"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if line.startswith("序号"))
    assert "\x1b" not in header and "资金\\x1b[31m来源" in header, header
    assert ",\"'=HYPERLINK(" in header, header
    table = isolated.parent / "表.xlsx"
    assert runner.invoke(app, ["export", "--out", str(table)]).exit_code == 0
    names = list(next(load_workbook(table).active.iter_rows(min_row=3, max_row=3)))
    formula = next(cell for cell in names if "HYPERLINK" in str(cell.value))
    assert formula.data_type == "s" and formula.quotePrefix, formula


def test_import_names_the_sources_of_money_under_their_group_header(
    runner: CliRunner, isolated: Path
) -> None:
    """资金来源（万元） merged over 区级补助 | 街道自筹 | 社会资金, as a 民生实事 资金安排表 splits
    the money: the row of sources was skipped as a header repeated (第 3 行 '项目名称') and the
    figures kept as 资金来源（万元） = 30 and 资金来源（万元）（E列） = 10: `plan show` said the
    project's money came to 30 from 资金来源, its 区级补助 and 街道自筹 nowhere."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["中梁山街道2024年民生实事项目资金安排表"])
    sheet.append(
        ["序号", "项目名称", "总投资\n（万元）", "资金来源（万元）", None, None, "责任单位"]
    )
    sheet.append([None, None, None, "区级补助", "街道自筹", "社会资金"])
    sheet.append([1, "环卫设施维护项目", 40, 30, 10, None, "城管办"])
    sheet.append([2, "社区党群服务中心建设项目", 120, 100, 20, 0, "党政办"])
    sheet.append(["合计", None, 160, 130, 30, 0])
    for cells in ("A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:G3"):
        sheet.merge_cells(cells)
    table = isolated.parent / "资金安排表.xlsx"
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [{k: v for k, v in i.items() if "资金" in k or "投资" in k} for i in items] == [
        {"总投资（万元）": 40, "资金来源（万元）/区级补助": 30, "资金来源（万元）/街道自筹": 10},
        {
            "总投资（万元）": 120,
            "资金来源（万元）/区级补助": 100,
            "资金来源（万元）/街道自筹": 20,
            "资金来源（万元）/社会资金": 0,
        },
    ]
    assert "第 3 行" not in result.stderr, result.stderr


def test_import_reads_a_months_完成60_percent_as_the_progress_due_by_then(
    runner: CliRunner, isolated: Path
) -> None:
    """A 形象进度 written as offices write it, 完成50% in 9月 and 完成60% in 4月, was kept as
    words (said on stderr with the cells to retype): the project was paced as if its work were
    spread evenly over the year, not by the schedule the 台账 gives."""
    table = isolated.parent / "中梁山街道2024年民生实事台账.xlsx"
    _street_ledger(table)
    result = runner.invoke(app, ["import", str(table), "--sheet", "全部"])
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]}
    # The months in words beside them are the steps between (session 27: kept under each
    # month's name before, and said as unread).
    assert items["1.1"]["milestone"] == [
        {"due": "2024-03", "note": "设计"},
        {"due": "2024-05", "note": "招标"},
        {"due": "2024-06", "note": "开工"},
        {"due": "2024-09", "progress": 50},
        {"due": "2024-11", "note": "完工"},
        {"due": "2024-12", "note": "验收"},
    ]
    assert items["2.1"]["milestone"] == [
        {"due": "2024-02", "note": "方案"},
        {"due": "2024-03", "note": "清淤"},
        {"due": "2024-04", "progress": 60},
        {"due": "2024-05", "note": "完工"},
    ]
    assert not any(key.endswith("月") for key in items["1.1"])
    assert "不是进度百分数" not in result.stderr, result.stderr
    shown = runner.invoke(app, ["show", "2.1", "--as-of", "2024-04-30"])
    assert shown.exit_code == 0 and "60%" in shown.output, shown.output
