"""Session 22 trial: two more towns' real 2025 plans run through half a year with the CLI.

The plans: 城东街道's 2025年工作谋划 (博山区, 淄博;
http://www.boshan.gov.cn/gongkai/site_bsqcdjd/channel_60b4a0cde5a1475a62df8677/doc_67beb69f9aaab7eb974b4caa.html:
the 五个聚力, 1.抓好基层党建，提升服务水平 with 一是提升村级规范化建设, 二是实施“城东合伙人”优化
提质工程, 拟新发展第4期“城东合伙人”170家、调整85家), typed as a 重点工作任务清单 (重点工作 merged
over its 具体任务 | 牵头领导 | 责任科室 | 配合单位 | 工作进度安排 over 一季度…四季度 | 完成时限 |
考核分值); and 鼎龙乡's 2025 targets (兴国县, 赣州; its 2025年政府工作报告,
http://www.e5515c-test.cn/xgxxxgk/dl64/202503/8450d6a344a243b7892ae94142b39216.shtml: 粮食播种面积
2.5万亩以上、总产量0.83万吨以上, 富硒芦笋种植280亩, 油菜1200亩, 烟叶种植550亩, 高标准农田建设),
typed as a 目标任务考核台账 of 1-6月 (考核项目 | 考核指标 | 年度目标 | 1-6月完成 | 序时进度 |
完成率 | 考核分值 | 责任领导 | 责任站所 | 完成时限) and saved by Excel as CSV (GBK, the 考核项目
merged over its 考核指标 left in its first row alone). Each test shows one defect an office met,
through the command it ran: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment
from typer.testing import CliRunner

from quanhu_plan.cli import app

_PARTNERS = "二是实施“城东合伙人”优化提质工程。拟新发展第4期“城东合伙人”170家、调整85家"


def _street_list(path: Path) -> None:
    """城东街道's 清单: a category row, 重点工作 and 序号 merged over three 具体任务, a
    two-row header (工作进度安排 over its quarters), 考核分值."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务清单"
    sheet.append(["城东街道2025年重点工作任务清单"])
    sheet.merge_cells("A1:L1")
    sheet.append(["填报单位：城东街道党政办公室", *([None] * 7), "填报时间：2025年2月11日"])
    sheet.append(["序号", "重点工作", "具体任务", "牵头领导", "责任科室", "配合单位"])
    sheet.append([None] * 6 + ["一季度", "二季度", "三季度", "四季度"])
    sheet["G3"], sheet["K3"], sheet["L3"] = "工作进度安排", "完成时限", "考核分值"
    for column in "ABCDEFKL":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("G3:J3")
    rows: list[list[Any]] = [
        ["一", "聚力做好党建文章，推动高质量党建突破攀升"],
        [
            1,
            "抓好基层党建，提升服务水平",
            "一是提升村级规范化建设。梳理制定《城东街道村级规范化手册》",
        ]
        + ["党工委副书记", "党建工作办公室", "各村（社区）", "制定手册", "开展培训、实操"]
        + ["指导、整改", "总结验收", "2025年12月底", 5],
        [
            None,
            None,
            _PARTNERS,
            "党工委委员、组织委员",
            "党建工作办公室",
            "社会事务办公室",
            "制定方案",
        ]
        + ["新发展60家", "新发展120家", "新发展170家、调整85家", "2025年12月底", 5],
        [None, None, "抓好合同规范管理，逐村（社区）完善资产、资源管理台账", "党工委委员"]
        + ["财政所", "经管站", "完成台账梳理", None, None, "全面完成", "2025年6月30日", 3],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("B5:L5")
    sheet.merge_cells("A6:A8")
    sheet.merge_cells("B6:B8")
    for cells in sheet.iter_rows(min_row=3):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    book.save(path)


def _imported_list(runner: CliRunner, isolated: Path) -> dict[str, dict[str, Any]]:
    table = isolated.parent / "城东街道2025年重点工作任务清单.xlsx"
    _street_list(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    return {i["id"]: i for i in tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]}


def test_import_names_each_具体任务_a_task_under_the_重点工作_merged_over_them(
    runner: CliRunner, isolated: Path
) -> None:
    """A 清单 whose 重点工作 is merged over its 具体任务 gave three tasks all named 抓好基层党建，
    提升服务水平, the 具体任务 (the work itself: 城东合伙人 170家) kept aside as an unknown
    column: `plan list` showed one title three times. 具体任务 names the task, the 重点工作 is
    their goal, as 具体措施 under a 工作任务 was."""
    items = _imported_list(runner, isolated)
    assert items["1.1"]["title"] == "抓好基层党建，提升服务水平"
    assert "lead" not in items["1.1"]
    assert [items[i]["title"] for i in ("1.1.1", "1.1.2", "1.1.3")] == [
        "提升村级规范化建设。梳理制定《城东街道村级规范化手册》",
        _PARTNERS.removeprefix("二是"),
        "抓好合同规范管理，逐村（社区）完善资产、资源管理台账",
    ]
    assert items["1.1.2"]["lead_unit"] == "党建工作办公室"
    assert items["1.1.2"]["工作进度安排/四季度"] == "新发展170家、调整85家"
    assert "具体任务" not in items["1.1.2"]
    listed = runner.invoke(app, ["list", "--as-of", "2025-06-30"])
    assert listed.output.count("抓好基层党建，提升服务水平") == 1, listed.output


def test_the_report_numbers_a_measure_once_where_its_text_was_numbered_一是(
    runner: CliRunner, isolated: Path
) -> None:
    """The 具体任务 are written 一是…, 二是… as the 工作谋划 has them; named by them, the
    half-year report's 存在的问题 read 一是一是提升村级规范化建设, 二是二是实施“城东合伙人”. The
    import leaves a measure's own numbering off, as it does a title's."""
    _imported_list(runner, isolated)
    assert runner.invoke(app, ["progress", "1.1.1", "20", "--on", "2025-06-20"]).exit_code == 0
    out = isolated.parent / "半年.md"
    result = runner.invoke(
        app, ["report", "--as-of", "2025-06-30", "--format", "md", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "一是提升村级规范化建设" in text, text
    assert "一是一是" not in text and "二是二是" not in text and "是实施“城东合伙人”" in text


def test_record_on_a_task_without_a_target_says_the_figure_does_not_count(
    runner: CliRunner, isolated: Path
) -> None:
    """`plan record 1.1.2 60` (60 of the 170 城东合伙人) on a task the 清单 gave no 目标值 was
    taken without a word, and its 完成率 stayed 0%: the office saw its figure change nothing
    and could not tell why. Now the change says so and how to give it a target."""
    _imported_list(runner, isolated)
    result = runner.invoke(app, ["record", "1.1.2", "60", "--on", "2025-06-25"])
    assert result.exit_code == 0, result.output
    assert "完成值 — → 60" in result.output
    assert "注意：1.1.2 没有目标值，完成值 60 不计入完成率" in result.output, result.output
    assert "plan edit 1.1.2 --target 目标值" in result.output
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]}
    assert items["1.1.2"]["actual"] == 60
    english = runner.invoke(app, ["--lang", "en", "record", "1.1.2", "62"])
    assert "1.1.2 has no target, so the figure 62 does not count" in english.output
    edited = runner.invoke(app, ["edit", "1.1.2", "--target", "170", "--measure", "家"])
    assert edited.exit_code == 0, edited.output
    again = runner.invoke(app, ["record", "1.1.2", "64"])
    assert "没有目标值" not in again.output, again.output


def test_export_breaks_a_group_header_at_its_slash(runner: CliRunner, isolated: Path) -> None:
    """The quarters kept under 工作进度安排/一季度 were headed 工作进度安 / 排/一季度 in the
    推进情况表 (halved at the middle character); now 工作进度安排/ over 一季度."""
    _imported_list(runner, isolated)
    table = isolated.parent / "推进情况表.xlsx"
    result = runner.invoke(app, ["export", "--as-of", "2025-06-30", "--out", str(table)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(table).active
    assert sheet is not None
    header = [cell.value for cell in sheet[3]]
    assert "工作进度安排/\n一季度" in header and "工作进度安排/\n四季度" in header, header
    again = isolated.parent / "again.toml"
    assert runner.invoke(app, ["import", str(table), "--out", str(again)]).exit_code == 0
    items = {i["id"]: i for i in tomllib.loads(again.read_text(encoding="utf-8"))["item"]}
    assert items["1.1.2"]["工作进度安排/二季度"] == "新发展60家"


_HEADER = ["序号", "考核项目", "考核指标", "年度目标", "计量单位", "1-6月完成", "序时进度"]
_HEADER += ["完成率", "考核分值", "责任领导", "责任站所", "完成时限", "备注"]


def _assessment_csv(path: Path) -> None:
    """鼎龙乡's 考核台账 of 1-6月 as Excel saves it as CSV on a Chinese PC (GBK, CRLF): the
    考核项目 merged over its 考核指标 left in its first row alone."""
    lead = ["分管农业副乡长", "农业综合服务中心"]
    rows: list[list[Any]] = [
        ["鼎龙乡2025年目标任务考核台账（1-6月）"],
        ["填报单位：鼎龙乡党政办", *([""] * 8), "填报时间：2025年7月5日"],
        _HEADER,
        ["一", "推进乡村全面振兴"],
        [1, "提质提效现代农业", "确保粮食播种面积2.5万亩以上", 2.5, "万亩", 1.6, "50%", "64%"]
        + [10, *lead, "2025年10月底", ""],
        [2, "", "总产量0.83万吨以上", 0.83, "万吨", 0.31, "50%", "37.35%", 5, *lead]
        + ["2025年11月底", ""],
        [3, "", "种植油菜1200亩", 1200, "亩", "1,200", "50%", "100%", 3, *lead, "2025年3月底"],
        [4, "", "烟叶种植550亩", 550, "亩", 520, "50%", "94.5%", 3, *lead, "2025年4月底"]
        + ["移栽完成"],
        ["二", "合计", "", "", "", "", "", "", 21],
    ]
    with path.open("w", encoding="gbk", newline="") as file:
        csv.writer(file, lineterminator="\r\n").writerows(rows)


def test_import_reads_a_csv_whose_考核项目_excel_left_in_its_first_row(
    runner: CliRunner, isolated: Path
) -> None:
    """Saved as CSV, the 考核项目 merged over four 考核指标 is in the first row alone; `plan
    import` refused the table: 这一行有内容，但没有任务名称 for each row under it, each of which
    names its 考核指标. The blank cells under it are read as the merge they were: the 考核项目
    a goal over a task per 考核指标, as the workbook gave."""
    table = isolated.parent / "鼎龙乡2025年目标任务考核台账.csv"
    _assessment_csv(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]}
    assert [(i, items[i]["title"]) for i in items] == [
        ("1", "推进乡村全面振兴"),
        ("1.1", "提质提效现代农业"),
        ("1.1.1", "确保粮食播种面积2.5万亩以上"),
        ("1.1.2", "总产量0.83万吨以上"),
        ("1.1.3", "种植油菜1200亩"),
        ("1.1.4", "烟叶种植550亩"),
    ]
    assert (items["1.1"]["weight"], items["1.1.1"]["weight"], items["1.1.4"]["weight"]) == (
        21,
        10,
        3,
    )


def test_import_reads_1_6月完成_as_the_figure_and_责任站所_as_the_lead_unit(
    runner: CliRunner, isolated: Path
) -> None:
    """The 考核台账's 1-6月完成 (1.6万亩 of 2.5) and 责任站所 (a 乡's 站所: 农业综合服务中心) were
    kept aside as unknown columns: every task's 完成率 was read from the 完成率 column as a
    progress, 烟叶 520 of 550 lost as a figure, and no task had a 牵头单位 in `list` or the
    report. They are the 完成值 and the 牵头单位."""
    table = isolated.parent / "鼎龙乡2025年目标任务考核台账.csv"
    _assessment_csv(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    assert "不认得的列" not in result.stderr, result.stderr
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]}
    assert [items[i].get("actual") for i in ("1.1.1", "1.1.2", "1.1.3", "1.1.4")] == [
        1.6,
        0.31,
        1200,
        520,
    ]
    assert "progress" not in items["1.1.4"]
    assert items["1.1.4"]["lead_unit"] == "农业综合服务中心"
    status = runner.invoke(app, ["status", "--as-of", "2025-06-30"])
    # (10×64% + 5×37.35% + 3×100% + 3×94.5%) / 21, from the figures, not the typed 完成率
    assert " 1.1     提质提效现代农业        0/4   67%" in status.output, status.output


def test_a_hand_kept_考核台账_with_a_序时进度_is_the_towns_not_its_offices(
    runner: CliRunner, isolated: Path
) -> None:
    """A table with a 序时进度 column was taken for one `plan export` wrote: its 填报单位
    鼎龙乡党政办 became the plan's organisation (the year-end report signed by the 党政办), where
    城东街道's table without one got 城东街道 with the 党政办 kept beside. A table `plan export`
    writes has a 状态 beside its 序时进度; the 考核台账 has none. And its title's （1-6月）,
    the months the ledger reported on, headed `plan status` of August."""
    table = isolated.parent / "鼎龙乡2025年目标任务考核台账.csv"
    _assessment_csv(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    plan = tomllib.loads(isolated.read_text(encoding="utf-8"))["plan"]
    assert (plan["organisation"], plan["填报单位"]) == ("鼎龙乡", "鼎龙乡党政办")
    assert plan["title"] == "鼎龙乡2025年目标任务考核台账"
    assert "填报单位“鼎龙乡党政办”是“鼎龙乡”的一个部门" in result.stderr, result.stderr
    status = runner.invoke(app, ["status", "--as-of", "2025-08-31"])
    assert "鼎龙乡2025年目标任务考核台账 · 截至 2025-08-31" in status.output, status.output


def test_log_does_not_show_a_status_written_where_it_read_so_already(
    runner: CliRunner, isolated: Path
) -> None:
    """An imported task with a 1-6月完成 and no 状态 reads 进行中; `plan record` then writes the
    status, and `plan log` and `plan show` listed 状态：进行中 → 进行中 under the figure, a
    change that was none (the record's own message rightly did not say it)."""
    isolated.write_text(
        '[plan]\ntitle = "鼎龙乡2025年目标任务考核台账"\norganisation = "鼎龙乡"\nyear = 2025\n'
        'start = 2025-01-01\nend = 2025-12-31\n\n[[item]]\nid = "1"\ntitle = "提质提效现代农业"\n'
        '\n[[item]]\nid = "1.1"\ntitle = "总产量0.83万吨以上"\nmeasure = "万吨"\ntarget = 0.83\n'
        "actual = 0.31\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["record", "1.1", "0.45", "--on", "2025-07-20"])
    assert result.exit_code == 0, result.output
    assert "状态" not in result.output, result.output
    assert 'status = "doing"' in isolated.read_text(encoding="utf-8")
    for command in (["log"], ["show", "1.1"]):
        shown = runner.invoke(app, command)
        assert shown.exit_code == 0, shown.output
        assert "完成值：0.31万吨 → 0.45万吨" in shown.output, shown.output
        assert "进行中 → 进行中" not in shown.output, shown.output
    undone = runner.invoke(app, ["undo"])
    assert undone.exit_code == 0, undone.output
    assert "状态：进行中 → 进行中" not in runner.invoke(app, ["log", "--all"]).output


def test_a_leader_named_by_membership_and_post_is_one_leader(
    runner: CliRunner, isolated: Path
) -> None:
    """The 清单's 牵头领导 党工委委员、组织委员 (one man: a member of the 党工委 and its 组织委员)
    was read as two leads: `plan status --by lead` counted 城东合伙人 under a 党工委委员 row
    with 抓好合同规范管理 (whose lead is another 党工委委员), and under 组织委员 again. A
    membership before a post is one name; two posts (党委书记、镇长) stay two."""
    items = _imported_list(runner, isolated)
    assert items["1.1.2"]["lead"] == "党工委委员、组织委员"
    status = runner.invoke(app, ["status", "--by", "lead", "--as-of", "2025-06-30"])
    assert status.exit_code == 0, status.output
    rows = {line.split()[0]: line.split()[1] for line in status.output.splitlines()[3:-2] if line}
    assert rows == {"党工委副书记": "0/1", "党工委委员、组织委员": "0/1", "党工委委员": "0/1"}
    edited = runner.invoke(app, ["edit", "1.1.3", "--lead", "党委书记、办事处主任"])
    assert edited.exit_code == 0, edited.output
    status = runner.invoke(app, ["status", "--by", "lead"])  # (the edit is of today)
    rows = {line.split()[0]: line.split()[1] for line in status.output.splitlines()[3:-2] if line}
    assert (rows["党委书记"], rows["办事处主任"]) == ("0/1", "0/1"), status.output


def test_import_says_which_tasks_reached_their_target_without_being_ticked_off(
    runner: CliRunner, isolated: Path
) -> None:
    """The 考核台账 gave 油菜 1200 of 1200亩 (due 3月底) with no 状态 column: imported in
    July, the task was 逾期 and 红灯 in `status`, `list` and the 推进情况表, where the office's
    own table said 100%, and nothing said why. The import names such tasks and the command
    that ticks them off, on the day the table stands on (imported in December of the next
    year, `plan done` without --on made it done late, a year after its deadline)."""
    table = isolated.parent / "鼎龙乡2025年目标任务考核台账.csv"
    _assessment_csv(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    said = "注意：1.1.3 的完成值已达到目标值，表中没有写明已完成，没有销号（过了完成时限即算逾期）"
    # (dated the day the table stands on, not today: ticked off today it would be late)
    assert said + "；核实后用 plan done 1.1.3 --on 2025-07-05 销号。" in result.stderr, (
        result.stderr
    )
    done = runner.invoke(app, ["done", "1.1.3", "--on", "2025-07-05"])
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["list", "--as-of", "2025-07-31"])
    assert "[x] 1.1.3 种植油菜1200亩  已完成 · 100%" in listed.output, listed.output


def test_import_advises_the_tick_off_without_a_day_when_the_table_stands_on_today(
    runner: CliRunner, isolated: Path
) -> None:
    """The same 台账 filled in today: `plan done` dates the tick-off today by itself."""
    import datetime as dt

    today = dt.date.today()
    table = isolated.parent / "鼎龙乡目标任务考核台账.csv"
    _assessment_csv(table)
    text = table.read_text(encoding="gbk").replace(
        "2025年7月5日", f"{today.year}年{today.month}月{today.day}日"
    )
    table.write_text(text.replace("2025", str(today.year)), encoding="gbk", newline="")
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    assert "；核实后用 plan done 1.1.3 销号。" in result.stderr, result.stderr


def test_import_advice_names_the_file_it_wrote_with_out(runner: CliRunner, isolated: Path) -> None:
    """`plan import 清单.xlsx --out 城东.toml` said 用 plan header --organisation
    城东街道党政办公室 改回: run as told, that changed the plan.toml of the folder (or found
    none), not 城东.toml. Its closing line already said plan -f 城东.toml list."""
    table = isolated.parent / "城东街道2025年重点工作任务清单.xlsx"
    _street_list(table)
    out = isolated.parent / "城东.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(out)])
    assert result.exit_code == 0, result.output
    advice = f"用 plan -f {out} header --organisation 城东街道党政办公室 改回"
    assert advice in result.stderr, result.stderr
    assert not isolated.exists()


def test_the_report_says_a_task_was_ticked_off_after_its_deadline(
    runner: CliRunner, isolated: Path
) -> None:
    """油菜 (due 3月底) ticked off on 7月5日 read in the half-year report as （2025年7月5日完成）
    among the achievements, as one done on time would: nothing in the report said it was late,
    where `status` had shown it 逾期 until then. The date says so now."""
    table = isolated.parent / "鼎龙乡2025年目标任务考核台账.csv"
    _assessment_csv(table)
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    assert runner.invoke(app, ["done", "1.1.3", "--on", "2025-07-05"]).exit_code == 0
    assert runner.invoke(app, ["record", "1.1.1", "2.6", "--on", "2025-07-15", "-y"]).exit_code == 0
    out = isolated.parent / "r.md"
    result = runner.invoke(app, ["report", "--as-of", "2025-07-31", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert (
        "种植油菜1200亩，目标1200亩，完成率100%（2025年7月5日完成，晚于完成时限2025年3月底）"
        in text
    )
    assert "（2025年7月15日完成）" in text, text  # (due 10月底: on time)
    english = runner.invoke(app, ["--lang", "en", "report", "--as-of", "2025-07-31"])
    assert "(done 2025-07-05, after its deadline of 2025-03)" in english.output, english.output
