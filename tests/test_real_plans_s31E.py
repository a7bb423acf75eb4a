"""Real plans of other counties and 街道, run for a year (session 31, helper E).

洋县 (陕西) publishes its 2024 十大民生实事项目清单 as a table headed 序号 | 项目名称 | 建设地点 |
建设时间 | 2024年建设内容 | 年度投资金额（万元） | 责任单位 (洋政发〔2024〕8号; the county's
page as mirrored at http://www.jzzrppj.com.cn/yxzf/yxzwgk/zfwj/xzfwj/202404/
24ac3dc04d75462894bca43c3c2ec4f1.shtml). The 合计 row is the office's own."""

from __future__ import annotations

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, run, workbook

# fmt: off
YANGXIAN = [
    ["洋县2024年十大民生实事项目清单"],
    ["序号", "项目名称", "建设地点", "建设时间", "2024年建设内容", "年度投资金额\n（万元）",
     "责任单位"],
    [1, "城北小学门前道路建设项目", "纸坊街道", 2024, "建成唐塔北路延伸段（城北小学门前）道路。",
     300, "住建局"],
    [2, "高标准农田建设项目", "谢村镇", 2024,
     "实施田块整治500亩，修复堰塘1座、建设机电井7座、农桥5座、灌溉渠道50公里。", 4930,
     "农业农村局"],
    ["合计", None, None, None, None, 5230, None],
]
YANGXIAN_MERGES = ("A1:G1",)
# fmt: on


def test_a_years_investment_is_not_said_to_be_the_projects_total(tmp_path, plan_file):
    """年度投资金额 is what the year puts into a project, not what the project costs: the
    report said 2项任务列有总投资 and 总投资300万元, a figure the county never gave."""
    result = run(str(workbook(tmp_path / "洋县.xlsx", YANGXIAN, YANGXIAN_MERGES)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["年度投资金额（万元）"] == 300
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert "2项任务列有年度投资，合计5230万元。" in flat, flat
    assert "年度投资300万元，由住建局负责" in flat, flat
    assert "总投资" not in flat, flat
    result = CliRunner().invoke(app, ["--lang", "en", "report", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "2 tasks state an investment for the year, 52.3 million yuan in all." in flat, flat
    assert "total investment" not in flat, flat


# 石景山区 (北京) breaks down a 北京市 opinion into tasks, each with a 牵头单位 and 协办单位, under
# a title that names no year: 石景山区贯彻落实《关于加强新时代街道工作的意见》的任务分解方案
# (https://www.wenmi123.com/article/312836.html, the district's 2019 notice as reprinted). The
# 完成时限 column is made up in the shape such tables have.
# fmt: off
SHIJINGSHAN = [
    ["石景山区贯彻落实《关于加强新时代街道工作的意见》的任务分解方案"],
    ["序号", "工作任务", "牵头单位", "协办单位", "完成时限"],
    ["一、推进街道管理体制改革"],
    [1, "推进街道“大部制”改革，精简内设机构。", "区委编办",
     "区委组织部、区人力社保局、各街道办事处", "2019年6月底前"],
]
SHIJINGSHAN_MERGES = ("A1:E1", "A3:E3")
# fmt: on


def test_a_title_opening_with_its_place_and_no_year_signs_the_report(tmp_path, plan_file):
    """The title names its district first, then no year (the year is the 完成时限's): the
    plan had no organisation, and the year-end report was headed 2019年工作计划完成情况总结 and
    signed by no one, without a word at import that the name was missing."""
    result = run(str(workbook(tmp_path / "石景山.xlsx", SHIJINGSHAN, SHIJINGSHAN_MERGES)))
    assert result.exit_code == 0, result.output
    assert "计划的单位取标题开头的“石景山区”" in "".join(result.output.split())
    assert 'organisation = "石景山区"' in plan_file.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["report", "--as-of", "2019-12-31"])
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("石景山区2019年"), result.output


def test_a_counted_livelihood_plan_keeps_its_count_in_the_reports_title(tmp_path, plan_file):
    """The 人代会 votes 十大民生实事 by that name: the report was titled 洋县2024年民生实事项目
    完成情况总结, the 十大 gone."""
    result = run(str(workbook(tmp_path / "洋县.xlsx", YANGXIAN, YANGXIAN_MERGES)))
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("洋县2024年十大民生实事项目完成情况总结"), (
        result.output
    )
    # On the Word file's 二号 title, broken before the count, not between 十大 and 民生实事.
    from quanhu_plan.report.docx import title_lines

    long_title = "洋县城北街道办事处2024年十大民生实事项目完成情况总结"
    assert title_lines(long_title) == ["洋县城北街道办事处2024年", "十大民生实事项目完成情况总结"]


# 天祝藏族自治县 (甘肃) names its ten county projects 为民实事, each a figure to reach: 城镇新增就业
# 2000人以上, 新增城区停车位1000个以上 (the county's 2023 notice explained at
# http://www.gstianzhu.gov.cn/art/2023/7/3/art_3818_1118397.html). Units and deadlines are
# made up in the shape such plans have; the office writes them with plan add.
def test_a_plan_of_为民实事_is_reported_as_such_not_as_a_work_plan(plan_file):
    """The report of 天祝藏族自治县2023年县列为民实事 was titled …2023年工作计划完成情况总结:
    only 民生实事 was taken for a plan of projects, not 为民实事 nor 为民办实事."""
    plan_file.write_text(
        '[plan]\ntitle = "天祝藏族自治县2023年县列为民实事"\n'
        'organisation = "天祝藏族自治县人民政府"\nyear = 2023\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["add", "top", "城镇新增就业2000人以上", "--unit", "县人社局", "--target", "2000",
         "--measure", "人", "--target-text", "2000人以上", "--on", "2023-03-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["record", "1", "2150", "--on", "2023-12-10"]).exit_code == 0
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("天祝藏族自治县2023年为民实事完成情况总结"), (
        result.output
    )
    from quanhu_plan.report.docx import title_lines

    long_title = "天祝藏族自治县华藏寺镇2023年十件为民办实事完成情况总结"
    assert title_lines(long_title) == ["天祝藏族自治县华藏寺镇2023年", "十件为民办实事完成情况总结"]


# 西乡县 (陕西) asks each unit to list its share of the year's work with 包抓责任领导、责任股室、
# 责任人、完成时限、工作标准 (西政发〔2023〕3号,
# http://www.snxx.gov.cn/xxxzf/xxzwgk/xxgknr/zfwj/zfwj/202304/b7c1d474861643ff94f89cf2a3d218a0.shtml);
# a 街道办事处's list in those columns, its rows made up.
# fmt: off
CHENGBEI = [
    ["西乡县城北街道办事处2023年重点工作任务清单"],
    ["序号", "重点工作", "包抓领导", "责任股室", "责任人", "完成时限", "工作标准"],
    ["一、民生实事"],
    [1, "改造老旧小区3个", "刘伟", "城建办", "陈晨\n孙丽", "2023.9.30", "3个小区完成改造并验收"],
]
CHENGBEI_MERGES = ("A1:G1", "A3:G3")
# fmt: on


def test_a_街道办事处_named_before_the_year_is_the_plans_organisation(tmp_path, plan_file):
    """西乡县城北街道办事处2023年…: 办事处 is no place, so the title was taken to name none; the
    plan had no organisation, said nowhere, and the report was signed by no one."""
    result = run(str(workbook(tmp_path / "城北.xlsx", CHENGBEI, CHENGBEI_MERGES)))
    assert result.exit_code == 0, result.output
    assert "计划的单位取标题中年份前的“西乡县城北街道办事处”" in "".join(result.output.split())
    assert 'organisation = "西乡县城北街道办事处"' in plan_file.read_text(encoding="utf-8")
    item = items_of(plan_file)["1.1"]
    assert (item["lead"], item["lead_unit"], item["owner"]) == ("刘伟", "城建办", ["陈晨", "孙丽"])
    result = CliRunner().invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    # 西乡县's 乡 is no unit of its own (the title said 县城北街道2023年…)
    assert result.output.lstrip().startswith("城北街道2023年工作计划完成情况总结"), result.output
    assert result.output.rstrip().count("西乡县城北街道办事处") >= 2, result.output  # signed
