"""Session 24 trial (A): two more real plans run through a year with the CLI.

The plans: 中都街道's 2025年上半年工作总结 (汶上县, 济宁, 山东; published by 汶上县人民政府 on
2025-07-30, http://www.wenshang.gov.cn/art/2025/7/30/art_62060_2785687.html: 1-5月完成财税收入
5545万元, 上半年新增“四上”企业14家，净增7家, 商贸物流区二期工程获批专项债1.5亿元, 举办社区体育
赛事130场, 全面排查整治教培机构隐患，深入开展防溺水专项治理), kept as the 重点工作任务分解表 a
街道 keeps for such a year (序号 | 重点工作 | 责任领导 | 责任科室 | 责任人 | 配合单位 | 完成时限 |
季度形象进度 over 一季度…四季度 | 进展情况, a title merged over the table, 一、经济发展 rows merged
across it, the 责任领导 merged down); and 新安街道's 2025年度工作总结 (新吴区, 无锡, 江苏;
published by 新安街道 on 2026-01-26, http://www.wnd.gov.cn/doc/2026/01/26/4723705.shtml:
一是发展引擎全面提速。有力盘活土地资源。完成签约3万平米、拆除3万平米、完成率100%…新湖智造产业园
…二期9.29万平方米厂房建设进入收尾阶段…有党员的“三有”非公企业应建尽建完成率100%…开办全市首个
“政务夜市”), its points written by hand as the plan.toml of the year before, each task titled
as the document numbers its points (一是…, 二是…), following docs/format.md. Each test shows one
defect an office met, through the command it ran: what was printed, the exit code and what is
on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

_POINTS_PLAN = """\
[plan]
title = "新安街道2025年工作计划"
organisation = "无锡市新吴区新安街道办事处"
year = 2025

[[item]]
id = "1"
title = "发展引擎全面提速"

[[item]]
id = "1.1"
title = "一是有力盘活土地资源，完成签约3万平米、拆除3万平米"
lead_unit = "资产管理办"
measure = "万平方米"
target = 3
target_text = "3万平米"
due = "2025-11"

[[item]]
id = "1.2"
title = "二是新湖智造产业园二期9.29万平方米厂房建设进入收尾阶段"
lead_unit = "经济发展局"
due = "2025-Q4"

[[item]]
id = "1.3"
title = "三是有党员的“三有”非公企业应建尽建完成率100%"
lead_unit = "党建办"
measure = "%"
baseline = 92
target = 100
target_text = "应建尽建"
due = 2025-12-31

[[item]]
id = "2"
title = "民生福祉持续增进"

[[item]]
id = "2.1"
title = "一是开办“政务夜市”，试点基层证明事项改革"
lead_unit = ["便民服务中心", "司法所"]
owner = "王芳"
due = "2025-06"
"""


def _points_plan(isolated: Path) -> None:
    isolated.write_text(_POINTS_PLAN, encoding="utf-8")


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_the_report_does_not_number_a_point_the_plan_numbered_already(
    runner: CliRunner, isolated: Path
) -> None:
    """新安街道 titles its tasks as its document words its points: 一是…, 二是…. The report
    numbers its problems 一是、二是 and its achievements and next steps 1. 2.; so it said
    一是一是有力盘活土地资源…, 二是二是新湖智造…, 1. 一是开办“政务夜市”… The report now leaves
    the document's own numbering off a title it numbers itself (as plan import leaves it off
    an imported title); the plan file keeps the title as written."""
    _points_plan(isolated)
    _run(runner, "record", "1.1", "1.2", "--on", "2025-04-15")
    _run(runner, "progress", "1.2", "20", "--on", "2025-06-28")
    _run(runner, "done", "2.1", "--on", "2025-05-30")
    for args in (["report", "--as-of", "2025-06-30"], ["report", "--format", "md"]):
        said = _run(runner, *args)
        assert "一是一是" not in said and "二是二是" not in said and "三是二是" not in said
        assert "1. 一是开办" not in said and "1\\. 一是开办" not in said
        assert "1. 开办“政务夜市”" in said or "1\\. 开办“政务夜市”" in said, said
    plan = tomllib.loads(isolated.read_text(encoding="utf-8"))
    assert plan["item"][1]["title"].startswith("一是有力盘活土地资源")


def _exported_and_imported(runner: CliRunner, isolated: Path, *export: str) -> dict[str, dict]:
    """The plan exported as its 推进情况表, and that table imported as a new plan."""
    table = isolated.parent / "新安街道推进情况表.xlsx"
    _run(runner, "export", "--out", str(table), *export)
    isolated.unlink()
    _run(runner, "import", str(table))
    return {item["id"]: item for item in tomllib.loads(isolated.read_text("utf-8"))["item"]}


def test_a_target_worded_without_its_figure_comes_back_from_the_exported_table(
    runner: CliRunner, isolated: Path
) -> None:
    """新安街道 aims at 有党员的“三有”非公企业应建尽建完成率100%: target 100 (%), worded 应建尽建.
    `plan export` wrote the words alone in 目标值, so the table sent back and imported (next
    month's, or the county's copy) had lost the figure: 1.3 had no target, its 完成值 96
    counted nothing and the report said 未设目标值. 财税收入 aimed at 1.2亿元 in 万元 (12000)
    lost its figure too (the words' 亿元 is not the measure). Where the words do not say the
    target, 目标值 now gives both, 100（应建尽建）, and the import reads both back."""
    _points_plan(isolated)
    _run(runner, "add", "1", "完成财税收入1.2亿元", "--target", "12000", "--measure", "万元",
         "--on", "2025-01-15")  # fmt: skip
    _run(runner, "edit", "1.4", "--target-text", "1.2亿元", "--on", "2025-01-15")
    _run(runner, "record", "1.3", "96", "--on", "2025-06-30")
    items = _exported_and_imported(runner, isolated, "--as-of", "2025-06-30")
    assert items["1.3"]["target"] == 100 and items["1.3"]["target_text"] == "应建尽建"
    assert items["1.3"]["actual"] == 96 and items["1.3"]["measure"] == "%"
    assert items["1.4"]["target"] == 12000 and items["1.4"]["target_text"] == "1.2亿元"
    assert items["1.4"]["measure"] == "万元"
    shown = _run(runner, "show", "1.3", "--as-of", "2025-06-30")
    assert "96% " in shown and "目标值" in shown


def test_ping_mi_is_the_square_metre_of_the_measure(runner: CliRunner, isolated: Path) -> None:
    """新安街道's document says 完成签约3万平米 (平米, as everyone says 平方米); the task's measure
    is 万平方米. `plan record 1.1 1.5万平米` was refused (单位是“万平米”，而…计量单位是“万平方
    米”), `plan edit 1.1 --target 3万平米` read the unit as 万平 and was refused, and a table
    whose 目标值 says 3万平米 under 计量单位 万平方米 was imported without its target. 平米 is
    now the 平方米 it stands for (so too ㎡ and m²)."""
    _points_plan(isolated)
    said = _run(runner, "record", "1.1", "1.5万平米", "--on", "2025-06-30")
    assert "完成值 — → 1.5万平方米" in said
    _run(runner, "edit", "1.1", "--target", "3.5万平米", "--on", "2025-07-01")
    item = tomllib.loads(isolated.read_text("utf-8"))["item"][1]
    assert (item["actual"], item["target"], item["measure"]) == (1.5, 3.5, "万平方米")
    table = isolated.parent / "台账.csv"
    table.write_text(
        "序号,工作任务,计量单位,目标值,完成值\n1,盘活土地资源,万平方米,3万平米,1.2万㎡\n",
        encoding="utf-8",
    )
    isolated.unlink()
    _run(runner, "import", str(table))
    item = tomllib.loads(isolated.read_text("utf-8"))["item"][0]
    assert (item["target"], item["actual"], item["measure"]) == (3, 1.2, "万平方米")


def test_the_report_is_written_as_a_text_file(
    runner: CliRunner, isolated: Path, monkeypatch
) -> None:
    """The office wanted the summary as 总结.txt, to paste into its 公文 system and send on
    WeChat: `plan report --out 2025年工作总结.txt` was refused (无法从文件名判断报告格式), and
    `--format terminal --out` too (终端视图不能写入文件); only `plan report > 总结.txt` gave
    it, as wide as the window it was typed in. txt is now a format of its own: the terminal's
    report as plain text, 80 columns, no colour, no control character from user text, written
    as the other formats are (atomically, asking before overwriting)."""
    from quanhu_plan.terminal.grid import text_width

    _points_plan(isolated)
    _run(runner, "done", "2.1", "--on", "2025-05-30", "--note", "政务夜市开市\x1b[31m")
    monkeypatch.setenv("COLUMNS", "132")
    out = isolated.parent / "2025年工作总结.txt"
    said = _run(runner, "report", "--out", str(out))
    assert "已写入" in said and out.name in said
    text = out.read_text(encoding="utf-8-sig")  # (with a BOM: test_report_txt_s24)
    assert text.splitlines()[0].strip() == "新安街道2025年工作计划完成情况总结"
    assert "一、总体情况" in text and "四、下一步打算" in text and "附表" in text
    assert "\x1b" not in text and "政务夜市开市\\x1b[31m" in "".join(text.split())
    assert max(text_width(line) for line in text.splitlines()) <= 80
    monkeypatch.setenv("COLUMNS", "80")
    assert _run(runner, "report", "--format", "txt") == text
    again = runner.invoke(app, ["report", "--out", str(out)])
    assert again.exit_code != 0 and out.read_text(encoding="utf-8-sig") == text


def _project_table(isolated: Path) -> Path:
    """中都街道's 重点项目推进计划表, as a 街道 keeps its projects: investment in 万元, 开工 and
    竣工 times, who leads."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["中都街道2025年重点项目推进计划表"])
    sheet.merge_cells("A1:J1")
    sheet.append(["序号", "项目名称", "建设内容及规模", "总投资（万元）", "2025年计划投资（万元）",
                  "1-6月完成投资（万元）", "开工时间", "竣工时间", "责任领导", "责任单位"])  # fmt: skip
    sheet.append([1, "商贸物流区二期工程", "新建道路3.2公里及配套管网", 45000, 15000, 6200,
                  "2025年3月", "2026年12月", "刘强", "项目办"])  # fmt: skip
    sheet.append([2, "韵丰数字物流园", "建设智能仓储10万平方米", 30000, 12000, 4800,
                  "2024年10月", "2025年12月", "刘强", "经济发展办公室"])  # fmt: skip
    table = isolated.parent / "中都街道2025年重点项目.xlsx"
    book.save(table)
    return table


def test_the_completion_time_of_a_project_table_is_its_deadline(
    runner: CliRunner, isolated: Path
) -> None:
    """中都街道's projects (商贸物流区二期工程, 韵丰数字物流园), kept as a 重点项目推进计划表:
    项目名称 | 建设内容及规模 | 总投资（万元） | 2025年计划投资（万元） | 1-6月完成投资（万元） |
    开工时间 | 竣工时间 | 责任领导 | 责任单位. 开工时间 was read as the start, but 竣工时间 was
    kept as words of an unknown column: no project had a deadline, 韵丰数字物流园 (竣工
    2025年12月) could not fall 逾期, and a project finishing in 2026 was paced to this
    December. 竣工时间 (计划竣工时间, 完工时间) is now the 完成时限, a year beyond the plan's
    said as the deadline of any task after the plan's end is."""
    table = _project_table(isolated)
    said = _run(runner, "import", str(table), "--on", "2025-07-05")
    assert "竣工时间" not in said.split("不认得的列")[-1].split("。")[0]
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert (items["1"]["start"], items["1"]["due"]) == ("2025-03", "2026-12")
    assert (items["2"]["start"], items["2"]["due"]) == ("2024-10", "2025-12")
    assert "竣工时间" not in items["2"] and items["2"]["总投资（万元）"] == 30000
    assert "完成时限晚于计划结束" in said
    late = _run(runner, "list", "--flat", "--as-of", "2026-01-05")
    assert [line for line in late.splitlines() if "韵丰数字物流园" in line and "逾期" in line]


def test_a_project_with_investment_made_is_under_way(runner: CliRunner, isolated: Path) -> None:
    """韵丰数字物流园 has 4800万元 of 1-6月完成投资 and no status or progress column: imported,
    it was 未开始, and the half-year report said 韵丰数字物流园：未开始，欠进度，完成率0%…
    已完成投资4800万元 — started and not started in one sentence. A project whose table states
    investment made, with no status or progress of its own, is now imported 进行中, and the
    import says so."""
    said = _run(runner, "import", str(_project_table(isolated)), "--on", "2025-07-05")
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert items["2"]["status"] == "doing" and "progress" not in items["2"]
    assert "第 3、4 行" in said and "进行中" in said
    report = _run(runner, "report", "--as-of", "2025-07-05")
    assert "未开始" not in report.split("附表")[0], report
    assert "韵丰数字物流园：目前进行中" in report


def test_a_quarter_milestone_in_words_with_its_percent_is_followed(
    runner: CliRunner, isolated: Path
) -> None:
    """A 任务分解表's 季度形象进度 gives each quarter the step and its share, as 中都街道's
    project office writes them: 完成可研（10%）, 获批专项债，进度30%, 开工建设（60%）. Only a
    bare 完成60% was read as a milestone; the others were kept as words under the column's
    name, so the pace ran straight to the deadline and `plan status` named no milestone
    missed in June. A percent with its words is now the milestone's progress, the words its
    note (as plan export writes one: 2025-06：30%（获批专项债）)."""
    table = isolated.parent / "任务分解表.csv"
    table.write_text(
        "序号,重点工作,责任领导,责任科室,完成时限,一季度,二季度,三季度,四季度\n"
        "1,商贸物流区二期工程争取专项债并开工建设,刘强,项目办,2025年12月底,"
        "完成可研（10%）,获批专项债，进度30%,开工建设(60%),完成100%\n"
        "2,全面排查整治教培机构隐患,陈静,社会事务办公室,2025年8月底,"
        "完成排查方案,完成排查（10%）、整治（20%）,,\n",
        encoding="utf-8",
    )
    _run(runner, "import", str(table), "--year", "2025")
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert items["1"]["milestone"] == [
        {"due": "2025-Q1", "progress": 10, "note": "完成可研"},
        {"due": "2025-Q2", "progress": 30, "note": "获批专项债"},
        {"due": "2025-Q3", "progress": 60, "note": "开工建设"},
        {"due": "2025-Q4", "progress": 100},
    ]
    assert not any(key.endswith("季度") for key in items["1"])
    # two shares in one cell are no one milestone: kept as written
    assert items["2"]["二季度"] == "完成排查（10%）、整治（20%）" and "milestone" not in items["2"]
    _run(runner, "progress", "1", "20", "--on", "2025-06-20")
    status = _run(runner, "status", "--as-of", "2025-06-30")
    assert "2025-Q2（应达 30%）未达到，届时完成 20%：获批专项债" in status
