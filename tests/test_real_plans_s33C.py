"""Real plans of shapes not tried before (session 33, helper C): a 镇's 安全生产专项整治 plan of
one trade a month, a 县's 衔接资金 project list, run through import, status and the report."""

from __future__ import annotations

import datetime as dt

import docx
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_docx_import_s32G import add_table
from .test_import import items_of, read_plan, run, workbook

# A 镇 sends out its year's 安全生产专项整治 plan, one trade a month, as a Word notice whose
# table is its 专项整治安排表 (徐庄镇2017年度安全生产专项整治工作计划:
# https://public.dengfeng.gov.cn/D49Y/2044017.jhtml): the rows as written there.
# fmt: off
CAMPAIGN = [
    ["专项整治行业名称", "时间安排", "责任单位"],
    ["烟花爆竹", "1月份", "安监站 安监所"],
    ["危险化学品", "2月份", "安监站 安监所"],
    ["电力设施", "3月份", "电管所"],
    ["养老机构", "4月份", "民政所"],
    ["医疗机构", "6月份", "文化站 卫生院"],
    ["网吧、KTV", "8月份", "文化站 派出所工商质监所"],
    ["交通运输", "12月份", "超限站 公路站 交警六中队"],
]
# fmt: on
CAMPAIGN_TITLE = "徐庄镇2017年度安全生产专项整治工作计划"


def campaign_document(path, rows=CAMPAIGN):  # type: ignore[no-untyped-def]
    """The notice as the 镇 wrote it: its title, a paragraph of why, the numbered heading of
    the table, the table."""
    document = docx.Document()
    document.add_paragraph(CAMPAIGN_TITLE)
    document.add_paragraph(
        "按照镇政府关于2017年安全生产工作的总体要求，遵照“一个月开展一个行业（领域）安全生产"
        "专项整治”的工作部署，根据我镇实际，特制定本工作计划。"
    )
    document.add_paragraph("一、专项整治安排表")
    add_table(document, rows)
    document.save(path)
    return path


def test_a_专项整治安排表_is_read_a_trade_a_task_worked_in_its_month(tmp_path, plan_file):
    """专项整治行业名称 names the work of each row and 时间安排 its month (1月份: the month the
    trade is taken in hand, from its first day to its last): the import found no header. A
    trade of December is not behind at midyear, it has not begun (达进度, no light)."""
    result = run(str(campaign_document(tmp_path / f"{CAMPAIGN_TITLE}.docx")))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [i["title"] for i in items.values()] == [row[0] for row in CAMPAIGN[1:]]
    assert items["1"]["start"] == "2017-01" and items["1"]["due"] == "2017-01", items["1"]
    assert items["7"]["start"] == "2017-12" and items["7"]["due"] == "2017-12", items["7"]
    assert items["7"]["lead_unit"] == ["超限站", "公路站", "交警六中队"], items["7"]
    result = CliRunner().invoke(app, ["status", "--as-of", "2017-06-30"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    rows = {line.split()[1]: line for line in result.output.splitlines()[3:] if line[:3].strip()}
    assert rows["交通运输"].split()[-2:] == ["0/1/0/0", "0/0"], result.output
    assert rows["医疗机构"].split()[-2:] == ["0/0/1/0", "1/0"], result.output


# A 县 publishes how it shares out its 衔接资金: each project, what it builds, its money, where
# it comes from and who carries it out (泽库县2023年第二批中央财政衔接推进乡村振兴补助资金分配
# 计划: "西卜沙乡三个村游牧民定居点人饮巩固提升工程 投资：500万元 实施单位：泽库县农牧水利和
# 科技局", http://www.zeku.gov.cn/contents/show/1363 and /1370), laid out as the 分配计划表
# such a 公告 attaches; the 实施期限, 受益户数 and 责任人 made up in the shape such tables have.
# fmt: off
FUNDS = [
    ["泽库县2023年第二批中央财政衔接推进乡村振兴补助资金分配计划表"],
    ["序号", "项目名称", "建设内容及规模", "实施地点", "资金规模（万元）", "资金来源",
     "受益户数（户）", "实施期限", "实施单位", "责任人"],
    ["一、基础设施建设项目（3项，938万元）"],
    [1, "西卜沙乡三个村游牧民定居点人饮巩固提升工程", "新建人饮管网", "西卜沙乡", 500,
     "中央衔接资金", 420, "2023年6月至10月", "泽库县农牧水利和科技局", "才让"],
    [2, "泽库县和日镇司玛村人畜饮水安全工程", "人畜饮水", "和日镇司玛村", 230, "中央衔接资金",
     156, "2023年7月-11月", "泽库县农牧水利和科技局", "才让"],
    ["二、产业发展项目（2项，307万元）"],
    [3, "泽库县2个村发展新型农村集体经济项目", "发展村集体经济", "2个村", 140, "中央衔接资金",
     210, "2023年", "泽库县农牧水利和科技局", "多杰"],
    [4, "王家乡叶金木村饲料加工基地扩建项目", "饲料加工基地扩建", "王家乡叶金木村", 167,
     "少数民族发展资金", 95, "2023年8月底", "王家乡人民政府", "拉毛"],
    ["合计", None, None, None, 1037],
]
FUNDS_MERGES = ("A1:J1", "A3:J3", "A6:J6")
# fmt: on


def test_a_衔接资金_project_is_due_at_the_end_of_its_实施期限_and_built_by_its_实施单位(
    tmp_path, plan_file
):
    """实施期限 2023年6月至10月 is when the project is built, 实施单位 who builds it, 建设内容及规模
    what: all three were kept as words under their own names, the projects with no deadline
    were behind all year long (49% expected of each at midyear) and the report named no unit."""
    result = run(str(workbook(tmp_path / "分配计划表.xlsx", FUNDS, FUNDS_MERGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    first = items["1.1"]
    assert (first["start"], first["due"]) == ("2023-06", "2023-10"), first
    assert first["lead_unit"] == "泽库县农牧水利和科技局", first
    assert first["detail"] == "新建人饮管网", first
    assert first["owner"] == "才让", first
    assert first["资金规模（万元）"] == 500 and first["资金来源"] == "中央衔接资金", first
    assert "实施期限" not in first and "实施单位" not in first, first
    assert items["2.1"]["due"] == dt.date(2023, 12, 31), items["2.1"]
    assert items["2.2"]["due"] == "2023-08" and "start" not in items["2.2"], items["2.2"]
    result = CliRunner().invoke(app, ["show", "1.1", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "序时应完成" in result.output and "红灯" not in result.output, result.output


def test_a_notice_s_table_under_a_numbered_heading_is_titled_by_the_notice(tmp_path, plan_file):
    """The table sits under 一、专项整治安排表, a heading of the notice, after a paragraph of
    why: the plan was titled 一、专项整治安排表, of this year (no year in it, the file named
    附件), and the report said 一、专项整治安排表共安排任务7项. The notice's own title names it."""
    result = run(str(campaign_document(tmp_path / "附件.docx")))
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)["plan"]
    assert plan["title"] == CAMPAIGN_TITLE, plan
    assert plan["year"] == 2017, plan
    result = CliRunner().invoke(app, ["report", "--as-of", "2017-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert f"截至2017年12月31日，{CAMPAIGN_TITLE}共安排任务7项" in flat, flat
    assert "一、专项整治安排表" not in flat, flat


def test_a_figure_in_a_project_s_name_is_no_target(tmp_path, plan_file):
    """泽库县2个村发展新型农村集体经济项目 names one project and where it is: the import read
    2个 as its target (the project 0/2 个 until two 村 were counted), and said so."""
    result = run(str(workbook(tmp_path / "分配计划表.xlsx", FUNDS, FUNDS_MERGES)))
    assert result.exit_code == 0, result.output
    project = items_of(plan_file)["2.1"]
    assert "target" not in project and "measure" not in project, project
    assert "2个" not in result.output, result.output
    # A figure just before the word counts the projects: the year's target still.
    rows = [
        ["某镇2023年重点工作"],
        ["序号", "工作任务", "责任单位"],
        [1, "新开工5个项目", "经发办"],
    ]
    result = run(str(workbook(tmp_path / "重点工作.xlsx", rows)), "--force")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["target"] == 5, items_of(plan_file)


def test_titles_holding_a_顿号_are_listed_with_semicolons(tmp_path, plan_file):
    """网吧、KTV is one trade: listed among others with 、 (养老机构、医疗机构、网吧、KTV、交通运输)
    the report made five of four; a list whose items hold 、 is parted by ；."""
    result = run(str(campaign_document(tmp_path / f"{CAMPAIGN_TITLE}.docx")))
    assert result.exit_code == 0, result.output
    runner = CliRunner()
    for args in (["done", "1", "--on", "2017-01-25"], ["done", "2", "--on", "2017-02-26"]):
        assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, ["progress", "3", "50", "--on", "2017-03-20"]).exit_code == 0
    result = runner.invoke(app, ["report", "--as-of", "2017-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert "：养老机构；医疗机构；网吧、KTV；交通运输。" in flat, flat


def test_the_report_of_a_专项整治_plan_is_of_the_专项整治(tmp_path, plan_file):
    """徐庄镇2017年度安全生产专项整治工作计划: its report was 徐庄镇2017年工作计划完成情况总结,
    as if of the town's year's work; it is of the campaign."""
    result = run(str(campaign_document(tmp_path / f"{CAMPAIGN_TITLE}.docx")))
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["report", "--as-of", "2017-12-31"])
    assert result.exit_code == 0, result.output
    first = result.output.strip().splitlines()[0].strip()
    assert first == "徐庄镇2017年安全生产专项整治工作完成情况总结", result.output


def test_a_unit_in_brackets_under_an_exported_header_is_not_broken(tmp_path, plan_file):
    """资金规模（万元）, kept from the 分配计划表, was exported as 资金 / 规模 / （万 / 元）: the
    column too narrow for its header's bracket, halved as a word is. The bracket stays whole."""
    import openpyxl

    result = run(str(workbook(tmp_path / "分配计划表.xlsx", FUNDS, FUNDS_MERGES)))
    assert result.exit_code == 0, result.output
    out = tmp_path / "推进情况表.xlsx"
    result = CliRunner().invoke(app, ["export", "--as-of", "2023-12-31", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).active
    headers = [cell.value for row in sheet.iter_rows(min_row=3, max_row=3) for cell in row]
    money = next(h for h in headers if h and h.startswith("资金") and "万" in h)
    assert money.split("\n")[-1] == "（万元）", headers
    assert all(
        line[:1] != "（" or line.endswith("）") for h in headers if h for line in h.split("\n")
    ), headers


# A 镇's 工作方案 sets each step's deadline at the end of its heading (XX镇持续推进头雁兴村固“示范
# 带动”之本工作方案: "（一）党务知识竞赛（完成时限：2023年4月30日前）",
# https://m.taowenge.com/p-93105833.html), laid out as a table of its 工作安排.
# fmt: off
STEPS = [
    ["XX镇持续推进头雁兴村固“示范带动”之本工作方案"],
    ["序号", "工作任务", "具体内容"],
    ["（一）", "党务知识竞赛(完成时限:2023年4月30日前)",
     "4月10日前，组织各村（社区）党组织书记举行初赛，推选3名优秀的村（社区）党组织书记参加县级决赛。"],
    ["（二）", "演讲比赛(完成时限:2023年9月30日前)",
     "8月10日前，组织开展村（社区）党组织书记“头雁兴村演讲比赛”初赛。"],
    ["（三）", "头雁兴村座谈会(完成时限:2023年7月15日 前)", "召开“两级书记”头雁兴村座谈会。"],
]
# fmt: on


def test_the_year_of_deadlines_at_the_end_of_titles_is_the_plan_s(tmp_path, plan_file):
    """No year in the title or the file's name, and every deadline, written at the end of its
    title, in 2023: the plan was taken to be this year's (2026), its import saying no deadline
    named a year, and each deadline came before the plan began."""
    result = run(str(workbook(tmp_path / "方案.xlsx", STEPS, ("A1:C1",))))
    assert result.exit_code == 0, result.output
    assert read_plan(plan_file)["plan"]["year"] == 2023, read_plan(plan_file)["plan"]
    assert items_of(plan_file)["3"]["due"] == dt.date(2023, 7, 15)
    assert "早于计划开始" not in result.output and "都没有写年份" not in result.output, (
        result.output
    )


def test_a_工作方案_s_工作安排_column_names_its_tasks(tmp_path, plan_file):
    """The 方案's own word for its steps, 工作安排, over the task column: no header was found."""
    rows = [STEPS[0], ["序号", "工作安排", "具体内容"], *STEPS[2:]]
    result = run(str(workbook(tmp_path / "方案.xlsx", rows, ("A1:C1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [item["title"] for item in items.values()] == [
        "党务知识竞赛",
        "演讲比赛",
        "头雁兴村座谈会",
    ]
    assert items["1"]["detail"].startswith("4月10日前，组织各村"), items["1"]


def test_a_heading_counting_its_projects_and_their_money_is_checked(tmp_path, plan_file):
    """一、基础设施建设项目（3项，938万元） over two projects: the count with the money after it
    was not read as a count (（3项） alone was), so the project left out went unsaid."""
    result = run(str(workbook(tmp_path / "分配计划表.xlsx", FUNDS, FUNDS_MERGES)))
    assert result.exit_code == 0, result.output
    assert "第 3 行（分类行）写明 3 项，其下只有 2 项" in result.output, result.output
    assert "第 6 行（分类行）" not in result.output, result.output
