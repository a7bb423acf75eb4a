"""Real plans of kinds not tried before (session 34, helper A), run as an office would.

A county's 农村人居环境整治 plan sets each task's 进度要求 by month, in words and shares: "3月底前完成
项目前期工作，4月底前完成招投标并进入实施，8月底前完成项目年度工程量（或投资额）的50%以上，11月底
完成项目年度工程量（或投资额）的95%以上，12月底全面完成" (农村人居环境整治工作计划,
https://51jzrc.cn/show-21-596150-1.html). Its office lays them out as a 任务分解表 with a column a
month under 进度要求; the tasks' figures are the plan's (三格化粪池2880户, 11个村农村垃圾治理,
170户农村危房改造), the units and people made up."""

from __future__ import annotations

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, read_plan, run, workbook

# fmt: off
RENJU_HEAD = [
    ["某县2025年农村人居环境整治工作任务分解表"],
    ["序号", "工作任务", "年度目标任务", "进度要求", None, None, None, None, "责任单位", "责任人"],
    [None, None, None, "3月底前", "4月底前", "8月底前", "11月底前", "12月底前", None, None],
    ["一", "农村生活污水治理"],
]
RENJU_MERGES = ("A1:J1", "D2:H2", "A2:A3", "B2:B3", "C2:C3", "I2:I3", "J2:J3")
SEWAGE = [1, "乡镇污水处理设施建设", "完成2个乡镇污水处理设施建设", "完成项目前期工作",
          "完成招投标并进入实施", "完成年度工程量50%以上", "完成年度工程量95%以上", "全面完成",
          "县住建局", "张伟"]
# fmt: on


def test_a_share_written_inside_the_words_is_the_months_progress(tmp_path):
    """完成年度工程量50%以上 under 8月底前 is 50 % due by August (the words its note), and the
    row's steps in words (完成项目前期工作) stay beside it as milestones, not five loose fields."""
    book = workbook(tmp_path / "人居.xlsx", [*RENJU_HEAD, SEWAGE], RENJU_MERGES)
    out = tmp_path / "plan.toml"
    result = run(str(book), "--out", str(out))
    assert result.exit_code == 0, result.output
    task = items_of(out)["1.1"]
    assert not [key for key in task if key.startswith("进度要求")]
    assert task["milestone"] == [
        {"due": "2025-03", "note": "完成项目前期工作"},
        {"due": "2025-04", "note": "完成招投标并进入实施"},
        {"due": "2025-08", "progress": 50, "note": "完成年度工程量50%以上"},
        {"due": "2025-11", "progress": 95, "note": "完成年度工程量95%以上"},
        {"due": "2025-12", "note": "全面完成"},
    ]
    assert "没有读成时间节点" not in result.output
    shown = CliRunner().invoke(
        app, ["-f", str(out), "show", "1.1", "--as-of", "2025-09-01"], env={"COLUMNS": "80"}
    )
    assert shown.exit_code == 0, shown.output
    assert "2025-08（应达 50%）未达到" in shown.output


def test_cells_kept_as_written_keep_the_order_of_their_columns(tmp_path):
    """Period cells the plan cannot follow are kept in the sheet's order (3月 before 8月), not
    those with a share first and the words after."""
    row = [1, "村庄污水治理", "推进村庄污水治理", "设计", None, "完成排查（10%）、整治（20%）",
           None, None, "各乡镇", "李强"]  # fmt: skip
    book = workbook(tmp_path / "人居.xlsx", [*RENJU_HEAD, row], RENJU_MERGES)
    out = tmp_path / "plan.toml"
    result = run(str(book), "--out", str(out))
    assert result.exit_code == 0, result.output
    task = items_of(out)["1.1"]
    kept = [key for key in task if key.startswith("进度要求")]
    assert kept == ["进度要求/3月底前", "进度要求/8月底前"]


def test_the_report_of_a_named_works_ledger_is_titled_by_that_work(tmp_path):
    """A 农村人居环境整治工作任务分解表's report is the 农村人居环境整治工作完成情况总结, as its body
    names the work (某县2025年农村人居环境整治工作共安排任务…), not the town's 工作计划."""
    rows = [*RENJU_HEAD, SEWAGE, ["二", "农村生活垃圾治理"],
            [2, "农村垃圾治理", "完成11个村农村垃圾治理任务", None, None, None, None, "11个村",
             "县城管局", "赵磊"]]  # fmt: skip
    book = workbook(tmp_path / "人居.xlsx", rows, RENJU_MERGES)
    out = tmp_path / "plan.toml"
    assert run(str(book), "--out", str(out)).exit_code == 0
    for as_of, title in (
        ("2025-06-30", "某县2025年上半年农村人居环境整治工作完成情况总结"),
        ("2025-12-31", "某县2025年农村人居环境整治工作完成情况总结"),
    ):
        result = CliRunner().invoke(
            app, ["-f", str(out), "report", "--as-of", as_of, "--format", "md"]
        )
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0] == f"# {title}"
        assert "某县2025年农村人居环境整治工作共安排任务2项" in result.output


def test_kept_period_columns_export_in_the_calendars_order(tmp_path):
    """Cells under 进度要求 | 8月底前 … 12月底前 kept as written (the target has two numbers) go
    out again in the months' order, 8月 before 12月, though the first task has 12月 alone."""
    rows = [*RENJU_HEAD,
            [1, "美丽乡村建设", "实施10个村，创建1个示范村", None, None, None, None, "10个村",
             "县住建局", "张伟"],
            [2, "农村危房改造", "170户（其中续建138户）", None, None, "100户", None, "170户",
             "县住建局", "刘洋"]]  # fmt: skip
    book = workbook(tmp_path / "人居.xlsx", rows, RENJU_MERGES)
    out = tmp_path / "plan.toml"
    assert run(str(book), "--out", str(out)).exit_code == 0
    table = tmp_path / "推进表.csv"
    result = CliRunner().invoke(
        app, ["-f", str(out), "export", "--as-of", "2025-09-30", "-o", str(table)]
    )
    assert result.exit_code == 0, result.output
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    header = next(line for line in lines if line.startswith("序号"))
    assert header.index("进度要求/8月底前") < header.index("进度要求/12月底前")
    assert lines[-1].endswith(",100户,170户")


def test_which_titles_name_one_work():
    """A town's own 重点工作 or 政府工作 is its 工作计划; a period before the work (下半年) is the
    report title's, not the work's."""
    from quanhu_plan.report.title import named_work_kind

    assert named_work_kind("某县2025年农村人居环境整治工作任务分解表") == "农村人居环境整治工作"
    assert named_work_kind("XX街道2025年下半年党建工作计划") == "党建工作"
    for title in (
        "XX街道2020年下半年工作计划",
        "泉湖镇2023年重点工作任务分解表",
        "菁芜洲镇2024年度政府工作计划",
        "测试镇2023年工作计划",
        "泉湖镇2023年工作要点",
    ):
        assert named_work_kind(title) is None, title  # fmt: skip


# A 街道办事处's 2026年工作计划, typed by hand after docs/format.md: its first part as published
# (2026年街道办事处工作计划, https://max.book118.com/html/2026/0217/5224342004013124.shtm: 中心组
# 学习12次以上, 专题研讨6次, 党员轮训1500人次以上, 8个社区“两委”班子评估, 擂台比武4次, 后备力量
# 20名, 优化调整网格23个, 民生问题500件以上); the units, people and quarters made up.
STREET = """\
[plan]
title = "XX街道办事处2026年工作计划"
organisation = "XX街道办事处"
year = 2026

[[item]]
id = "1"
title = "强化党建引领，筑牢基层治理“红色堡垒”"

[[item]]
id = "1.1"
title = "党工委理论学习中心组学习"
detail = "严格落实“第一议题”制度"
lead_unit = "党建办"
owner = "王[主任]"
measure = "次"
target = 12
target_text = "12次以上"

[[item.milestone]]
due = "2026-Q2"
value = 6

[[item]]
id = "1.2"
title = "分层分类开展党员轮训"
detail = "依托“三会一课”、主题党日等载体；打造“流动课堂”，送学上门、云端课堂"
lead_unit = ["党建办", "各社区党组织"]
measure = "人次"
target = 1500
target_text = "覆盖党员1500人次以上"
due = "2026-11"

[[item]]
id = "1.3"
title = "社区书记“擂台比武”"
lead_unit = "组织办"
measure = "次"
target = 4
due = "2026-Q4"

[[item.milestone]]
due = "2026-Q1"
value = 1

[[item.milestone]]
due = "2026-Q3"
value = 3

[[item]]
id = "1.4"
title = "推行“网格事项清单”制度，解决网格内民生问题"
detail = "明确网格内党建、民生、安全等7大类32项职责"
lead_unit = "综治中心"
support_units = ["各社区"]
measure = "件"
target = 500
target_text = "500件以上"
"""


def test_a_milestones_due_and_figure_stay_on_one_line_in_the_export(tmp_path):
    """时间节点安排 gave up its width to the sheet's budget down to 2026-Q2：6 / 次, the unit
    alone on a line: a milestone's due and figure are one phrase, as a target's are."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    plan = tmp_path / "plan.toml"
    plan.write_text(STREET, encoding="utf-8")
    out = tmp_path / "推进表.xlsx"
    result = CliRunner().invoke(
        app, ["-f", str(plan), "export", "--as-of", "2026-06-30", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "序号")
    at = next(n for n, name in enumerate(header) if str(name).startswith("时间节点"))
    column = get_column_letter(at + 1)
    # 2026-Q2：6次 is 12 columns wide, and a cell has 2 of padding
    assert ws.column_dimensions[column].width >= 14


# A 县's 政府重要工作事项责任分工 lists each task with its units in brackets at its end, under
# 序号 | 重要工作事项 as an office pastes it into a Word table (2025年金乡县政府重要工作事项责任分工,
# 金政发, http://www.jinxiang.gov.cn/art/2025/2/28/art_70552_2773466.html).
JINXIANG = [
    ["序号", "重要工作事项"],
    ["一、2025年主要预期目标", None],
    ["1", "地区生产总值增长6%。（牵头单位：县发展和改革局）"],
    ["2", "一般公共预算收入增长3.5%左右。（牵头单位：县财政局）"],
    ["二、聚力强产业、壮集群，构筑经济增长新引擎", None],
    [
        "7",
        "修编经济开发区整体规划，提升完善各产业园发展规划。（牵头单位：县政府园区发展服务中心；"
        "责任单位：新材料产业园、高端装备产业园、食品产业园、商贸物流园等）",
    ],
]


def _word_table(path, rows):
    import docx

    document = docx.Document()
    document.add_paragraph("2025年金乡县政府重要工作事项责任分工")
    table = document.add_table(rows=len(rows), cols=2)
    for at, (first, second) in enumerate(rows):
        table.cell(at, 0).text = first
        if second is None:
            table.cell(at, 0).merge(table.cell(at, 1))
        else:
            table.cell(at, 1).text = second
    document.save(path)
    return path


def test_a_division_of_works_tasks_keep_their_lead_unit_beside_the_others(tmp_path):
    """重要工作事项 names the tasks; （牵头单位：县政府园区发展服务中心；责任单位：新材料产业园…）
    at a task's end gave the 责任单位 as its lead and lost the 牵头单位: the lead is the 牵头单位,
    the 责任单位 kept as written beside it, as a table with both columns keeps the second."""
    out = tmp_path / "plan.toml"
    result = run(str(_word_table(tmp_path / "金乡.docx", JINXIANG)), "--out", str(out))
    assert result.exit_code == 0, result.output
    items = items_of(out)
    assert items["1.1"]["lead_unit"] == "县发展和改革局"
    assert items["1.1"]["target"] == 6
    task = items["2.1"]
    assert task["title"] == "修编经济开发区整体规划，提升完善各产业园发展规划。"
    assert task["lead_unit"] == "县政府园区发展服务中心"
    assert task["责任单位"] == "新材料产业园、高端装备产业园、食品产业园、商贸物流园等"


def test_a_title_opening_with_its_year_names_the_organisation_after_it(tmp_path):
    """2025年金乡县政府重要工作事项责任分工 opens with its year: the import took no organisation,
    and the report of the plan had no place in its title nor a name to sign it with."""
    out = tmp_path / "plan.toml"
    result = run(str(_word_table(tmp_path / "金乡.docx", JINXIANG)), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "计划的单位取标题中年份后的“金乡县政府”" in result.output
    assert read_plan(out)["plan"]["organisation"] == "金乡县政府"
    report = CliRunner().invoke(app, ["-f", str(out), "report", "--as-of", "2025-06-30"])
    assert report.exit_code == 0, report.output
    assert report.output.split()[0] == "金乡县2025年上半年工作计划完成情况总结"


def test_which_titles_name_a_place_after_their_year():
    from quanhu_plan.importing.above import place_after_year

    assert place_after_year("2025年东风路街道重点工作清单") == "东风路街道"
    assert place_after_year("2024年度泉湖镇人民政府工作要点") == "泉湖镇人民政府"
    for title in (
        "2025年农村人居环境整治工作计划",
        "2025年全县重点工作",
        "2025年乡镇重点工作",
        "某县2025年工作计划",
        "2025年社区工作计划",
        "2025年城区道路改造清单",
    ):
        assert place_after_year(title) is None, title  # fmt: skip


def test_a_second_unit_kept_beside_the_lead_goes_out_and_comes_back(tmp_path):
    """The 责任单位 kept beside the 牵头单位 (新材料产业园、…) was in no column of the export: the
    office's 推进表 lost who shares the task. It goes out under its name after 牵头单位, and the
    table read back keeps both as they were."""
    out = tmp_path / "plan.toml"
    assert run(str(_word_table(tmp_path / "金乡.docx", JINXIANG)), "--out", str(out)).exit_code == 0
    table = tmp_path / "推进表.xlsx"
    result = CliRunner().invoke(
        app, ["-f", str(out), "export", "--as-of", "2025-06-30", "-o", str(table)]
    )
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.toml"
    result = run(str(table), "--out", str(back))
    assert result.exit_code == 0, result.output
    task = items_of(back)["2.1"]
    assert task["lead_unit"] == "县政府园区发展服务中心"
    assert task["责任单位"] == "新材料产业园、高端装备产业园、食品产业园、商贸物流园等"


# A 镇 reports its 2026年度工作计划 to the 区委 in prose (一、深化基层党建引领… （一）建强骨干
# 队伍体系: 升级镇村两级党建责任清单…实施“头雁培育计划”; 二、深化农村综合改革… （一）提升人居
# 环境品质: 推行垃圾分类减量智能化管理，建设垃圾分类示范村;
# http://www.yiyang.gov.cn/yiyang/36457/36467/36513/content_2147517.html); its office keeps the
# 台账 as 镇 offices head it: 重点任务 | 具体举措 | 责任领导 | 责任站办 | 完成时限. The leaders,
# 站办, deadlines and the 示范村's number are made up.
# fmt: off
TOWN_LEDGER = [
    ["XX镇2026年度工作计划任务台账"],
    ["序号", "工作板块", "重点任务", "具体举措", "责任领导", "责任站办", "完成时限"],
    ["一", "深化基层党建引领，构建治理现代化新格局"],
    [1, None, "建强骨干队伍体系", "升级镇村两级党建责任清单，实施“头雁培育计划”", "党委副书记",
     "党建办", "2026年6月底前"],
    ["二", "深化农村综合改革，释放乡村发展新活力"],
    [2, None, "提升人居环境品质", "推行垃圾分类减量智能化管理，建设垃圾分类示范村2个", "副镇长",
     "农业农村办（生态环境办）", "10月底"],
]
TOWN_LEDGER_MERGES = ("A1:G1", "B3:G3", "B5:G5")
# fmt: on


def test_a_towns_ledger_headed_with_its_own_words_is_read(tmp_path):
    """具体举措 (the measures) and 责任站办 (the 站所 and 办 that lead) were left as unknown
    columns: the tasks had no detail and no lead unit in any view or report."""
    book = workbook(tmp_path / "台账.xlsx", TOWN_LEDGER, TOWN_LEDGER_MERGES)
    out = tmp_path / "plan.toml"
    result = run(str(book), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "不认得的列" not in result.output
    task = items_of(out)["2.1"]
    assert task["title"] == "提升人居环境品质"
    assert task["detail"] == "推行垃圾分类减量智能化管理，建设垃圾分类示范村2个"
    assert task["lead_unit"] == "农业农村办（生态环境办）"
    assert task["lead"] == "副镇长"
    assert task["due"] == "2026-10"


def test_a_ledgers_report_names_the_plan_without_its_ledger_words(tmp_path):
    """XX镇2026年度工作计划任务台账 was named in the report as 工作计划任务共安排任务4项: the
    任务台账 it is kept in is not what the plan is."""
    book = workbook(tmp_path / "台账.xlsx", TOWN_LEDGER, TOWN_LEDGER_MERGES)
    out = tmp_path / "plan.toml"
    assert run(str(book), "--out", str(out)).exit_code == 0
    result = CliRunner().invoke(
        app, ["-f", str(out), "report", "--as-of", "2026-06-30", "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    assert "XX镇2026年度工作计划共安排任务2项" in result.output


# A 镇长's 2025年工作总结及2026年工作计划 gives the year's figures (新建高标准农田3200亩, 生猪
# 出栏量达1.5万头; https://max.book118.com/html/2026/0121/8125105057010037.shtm): the office types
# its 2026 plan by hand with them as the 基数; the 2026 targets are made up.
BASELINES = """\
[plan]
title = "云岭镇2026年工作计划"
organisation = "云岭镇人民政府"
year = 2026

[[item]]
id = "1"
title = "经济发展提质增效"

[[item]]
id = "1.1"
title = "新建高标准农田"
measure = "亩"
baseline = 3200
target = 3500
due = "2026-10"

[[item]]
id = "1.2"
title = "生猪出栏"
measure = "万头"
baseline = 1.5
target = 1.6

[[item]]
id = "1.3"
title = "信访积案化解率"
measure = "%"
baseline = 85
target = 95
"""


def test_a_figure_so_far_is_not_said_to_fall_below_last_years_whole(tmp_path):
    """1800亩 by June beside last year's 3200亩 for the year was 较上年减少1400亩 in the half
    year's report, a fall the county reads that never happened: by June the figure is the
    year's so far. Last year's is said as it was; a rate is compared still, and the year's
    figure at the year's end."""
    plan = tmp_path / "plan.toml"
    plan.write_text(BASELINES, encoding="utf-8")
    for task, figure in (("1.1", "1800"), ("1.2", "1.7"), ("1.3", "90")):
        result = CliRunner().invoke(
            app, ["-f", str(plan), "record", task, figure, "--on", "2026-06-30"]
        )
        assert result.exit_code == 0, result.output

    def report(as_of: str, *more: str) -> str:
        args = ["-f", str(plan), *more, "report", "--as-of", as_of, "--format", "md"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        return "".join(result.output.split())

    june = report("2026-06-30")
    assert "较上年减少" not in june
    assert "新建高标准农田1800亩，目标3500亩，完成率51%，距目标差1700亩，上年全年3200亩" in june
    assert "较上年增加0.2万头" in june  # (already past last year's whole: a rise all the same)
    assert "较上年增加5个百分点" in june
    assert "lastyear3200亩inall" in report("2026-06-30", "--lang", "en")
    december = report("2026-12-31")
    assert "较上年减少1400亩" in december


def test_a_target_in_words_lines_up_with_the_figures_in_its_column(tmp_path):
    """目标值 put 1万亩 (the document's words) to the left and 3500 to the right: beside the
    基数 0.8, right-aligned, it read 0.81万亩 on the printed sheet."""
    import openpyxl

    plan = tmp_path / "plan.toml"
    plan.write_text(
        BASELINES + '\n[[item]]\nid = "1.4"\ntitle = "扩大茶园"\nmeasure = "万亩"\n'
        'baseline = 0.8\ntarget = 1\ntarget_text = "1万亩"\n',
        encoding="utf-8",
    )
    out = tmp_path / "推进表.xlsx"
    result = CliRunner().invoke(app, ["-f", str(plan), "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows())
    header = next(n for n, row in enumerate(rows) if row[0].value == "序号")
    at = next(n for n, cell in enumerate(rows[header]) if cell.value == "目标值")
    cells = {row[0].value: row[at] for row in rows[header + 1 :]}
    assert cells["1.4"].value == "1万亩"
    assert cells["1.4"].alignment.horizontal == cells["1.1"].alignment.horizontal == "right"


def test_a_limit_gone_over_is_said_so_not_unfinished(tmp_path):
    """较大以上安全生产事故 aiming at 0起 with 1起 recorded was 年内未能完成 under 存在的问题, as
    if an accident were work left undone: it is a limit gone over (超出控制目标)."""
    plan = tmp_path / "plan.toml"
    plan.write_text(
        BASELINES + '\n[[item]]\nid = "1.4"\ntitle = "较大以上安全生产事故"\nmeasure = "起"\n'
        "target = 0\n",
        encoding="utf-8",
    )
    record = ["-f", str(plan), "record", "1.4", "1", "--on", "2026-09-02"]
    assert CliRunner().invoke(app, record).exit_code == 0
    for lang, words in (
        ("zh", "较大以上安全生产事故：超出控制目标"),
        ("en", "事故: over its limit"),
    ):
        args = [
            "-f",
            str(plan),
            "--lang",
            lang,
            "report",
            "--as-of",
            "2026-12-31",
            "--format",
            "md",
        ]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert words in result.output
        assert "较大以上安全生产事故：年内未能完成" not in result.output


def test_a_communitys_plan_of_years_is_reported_as_its_plan(tmp_path):
    """A 社区's 2026—2030年高质量发展工作规划 (typed by hand from 关于XX社区2026—2030年高质量发展的
    工作规划: 党的组织覆盖率 100% by the end of 2027, 50名社区先锋党员 by 2028;
    https://xuekejiayuan.com/doc/2614397.html) was reported as its 工作计划."""
    from quanhu_plan.report.title import named_work_kind

    assert named_work_kind("XX社区2026—2030年高质量发展工作规划") == "高质量发展工作规划"
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[plan]\ntitle = "XX社区2026—2030年高质量发展工作规划"\norganisation = "XX社区居民委员会"\n'
        "start = 2026-01-01\nend = 2030-12-31\n\n"
        '[[item]]\nid = "1"\ntitle = "党的组织覆盖率"\nmeasure = "%"\ntarget = 100\n'
        "due = 2027-12-31\n",
        encoding="utf-8",
    )
    args = ["-f", str(plan), "report", "--as-of", "2026-12-03", "--format", "md"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first == "# XX社区2026—2030年高质量发展工作规划阶段性完成情况总结"


# A 村's 乡村振兴 台账 as its 两委 keep it, 具体任务 beside 目标任务 (the shape of the 五大振兴
# ledgers villages keep; no published one was found in the corpus, the rows are made up).
VILLAGE = [
    ["XX村2025年乡村振兴重点任务台账"],
    ["序号", "任务类别", "具体任务", "目标任务", "包村领导", "村两委责任人", "完成时限"],
    ["1", "产业振兴", "发展村集体经济", "村集体经济收入达到10万元", "王镇长", "村支书张强",
     "2025年12月"],
    ["2", "生态振兴", "农村户厕改造", "改造户厕50户", "王镇长", "村主任赵刚", "2025年9月底"],
    ["3", "组织振兴", "发展党员", "发展党员2名", "王镇长", "村支书张强", "2025年6月"],
]  # fmt: skip


def test_the_task_column_names_the_task_beside_a_column_of_targets(tmp_path):
    """具体任务 | 目标任务: the 目标任务 (村集体经济收入达到10万元) ranked first and named the tasks,
    the task's own name (发展村集体经济) was its detail and no target was read. The tasks are
    named by 具体任务, and a 目标任务 of one figure each is their target."""
    book = workbook(tmp_path / "台账.xlsx", VILLAGE, ("A1:G1",))
    out = tmp_path / "plan.toml"
    result = run(str(book), "--out", str(out))
    assert result.exit_code == 0, result.output
    task = items_of(out)["1"]
    assert task["title"] == "发展村集体经济"
    assert task["target"] == 10
    assert task["measure"] == "万元"
    assert task["target_text"] == "村集体经济收入达到10万元"
    assert "detail" not in task
    assert items_of(out)["2"]["target"] == 50


def test_a_villages_own_officer_is_the_tasks_owner(tmp_path):
    """村两委责任人 (村支书张强) beside the town's 包村领导 was an unknown column: the task had a
    lead and no one of the village to answer for it."""
    book = workbook(tmp_path / "台账.xlsx", VILLAGE, ("A1:G1",))
    out = tmp_path / "plan.toml"
    result = run(str(book), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "村两委责任人" not in result.output
    task = items_of(out)["1"]
    assert (task["lead"], task["owner"]) == ("王镇长", "村支书张强")


def test_refusing_the_embedded_plan_names_another_file_to_write(tmp_path, plan_file):
    """--out onto the embedded plan.toml was refused with 请给 --out 另一个文件路径，例如 plan.toml:
    the very name refused, for an office that ran plan import where that plan lies."""
    from quanhu_plan.store import embedded_plan_path

    book = workbook(tmp_path / "台账.xlsx", VILLAGE, ("A1:G1",))
    result = run(str(book), "--out", str(embedded_plan_path()), "--dry-run")
    assert result.exit_code == 1
    assert "是程序内置的2023年计划，它是只读的" in result.stderr
    if embedded_plan_path().name == "plan.toml":
        assert "例如 plan.toml" not in result.stderr
        assert "例如 新计划.toml" in result.stderr


def test_a_rate_of_growth_under_a_quarter_is_no_share_of_the_work(tmp_path):
    """完成全年任务的70% under 三季度 is 70 % of the work due by then; 同比增长4% under 一季度 of a
    task aiming at 增长10% is a rate of growth, kept as written, not 4 % of the work."""
    rows = [["序号", "工作任务", "目标值", "一季度", "二季度", "三季度", "责任单位"],
            [1, "固定资产投资", "增长10%", "同比增长4%", None, "完成全年任务的70%", "经发办"]]  # fmt: skip
    out = tmp_path / "plan.toml"
    result = run(str(workbook(tmp_path / "季度.xlsx", rows)), "--out", str(out), "--year", "2025")
    assert result.exit_code == 0, result.output
    task = items_of(out)["1"]
    assert task["一季度"] == "同比增长4%"
    assert task["milestone"] == [{"due": "2025-Q3", "progress": 70, "note": "完成全年任务的70%"}]


def test_a_kept_field_too_wide_for_its_name_column_folds_at_its_slash(tmp_path):
    """plan show put 进度要求/12月底前 (a 进度要求 cell kept as written) as 进度要求/12月底 with 前
    alone on the next line: a name folds at its slash, 进度要求/ over 12月底前."""
    rows = [*RENJU_HEAD,
            [1, "农村危房改造", "170户（其中续建138户）", None, None, "100户", None, "170户",
             "县住建局", "刘洋"]]  # fmt: skip
    book = workbook(tmp_path / "人居.xlsx", rows, RENJU_MERGES)
    out = tmp_path / "plan.toml"
    assert run(str(book), "--out", str(out)).exit_code == 0
    result = CliRunner().invoke(app, ["-f", str(out), "show", "1.1"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("进度要求/ "))
    assert lines[at].split() == ["进度要求/", "170户"]
    assert lines[at + 1].strip() == "12月底前"
    assert not any(line.strip() == "前" for line in lines)
