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
