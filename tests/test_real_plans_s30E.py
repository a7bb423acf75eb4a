"""Real plans of other towns and counties, run for a year (session 30, helper E).

平湖市 (浙江) reports its 2025 政府工作报告 tasks each quarter in a table headed 分管市长 | 序号 |
主要工作任务 | 一季度重点工作完成情况 | 责任单位, the 分管市长 merged down over his tasks and the
lead unit marked with a ★ among the units (★财政局、税务局;
http://www.pinghu.gov.cn/art/2025/4/18/art_1229591437_5499334.html). The deadlines, the 备注 and
the second leader's tasks are made up here in the shape such ledgers have."""

from __future__ import annotations

import datetime as dt

from .test_import import items_of, run, workbook

# fmt: off
PINGHU = [
    ["平湖市2025年政府工作报告主要工作任务推进表"],
    ["分管市长", "序号", "主要工作任务", "一季度重点工作完成情况", "责任单位", "完成时限", "备注"],
    ["周军波", 1, "一般公共预算收入增长2.5%。",
     "1-3月份全市一般公共预算收入完成37.58亿元，同比增长1.9%", "★财政局、税务局",
     "2025年12月底前", None],
    [None, 2, "编制公布重大行政决策目录，实现市镇两级全覆盖。", "已审查行政规范性文件13件",
     "★司法局", dt.date(2025, 6, 30), None],
    [None, None, None, None, None, None, None],
    ["王某某", 3, "改造农村户厕120户。", "已摸底", "卫健局、★农业农村局、各镇街道", "2025.10",
     "季度通报"],
]
PINGHU_MERGES = ("A1:G1", "A3:A4", "A6:A6")
# fmt: on


def test_a_main_tasks_column_under_a_leader_by_post_is_read(tmp_path, plan_file):
    """主要工作任务 named no column the import knew, nor 分管市长: the whole table was refused
    (找不到表头行) though every other header was a known one."""
    result = run(str(workbook(tmp_path / "平湖.xlsx", PINGHU, PINGHU_MERGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["title"] == "一般公共预算收入增长2.5%。"
    assert (items["1"]["lead"], items["2"]["lead"], items["3"]["lead"]) == (
        "周军波",
        "周军波",
        "王某某",
    )
    assert items["1"]["log"][0]["note"].startswith("1-3月份全市一般公共预算收入")
    assert items["3"]["备注"] == "季度通报"


def test_the_starred_unit_leads_and_its_star_is_no_part_of_its_name(tmp_path, plan_file):
    """★ marks the 牵头单位 among a task's units. It was kept in the name (★财政局), so that
    plan list --who 财政局 missed it, and a starred unit written second stayed second."""
    result = run(str(workbook(tmp_path / "平湖.xlsx", PINGHU, PINGHU_MERGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["lead_unit"] == ["财政局", "税务局"]
    assert items["2"]["lead_unit"] == "司法局"
    assert items["3"]["lead_unit"] == ["农业农村局", "卫健局", "各镇街道"]
    assert "★" not in plan_file.read_text(encoding="utf-8")


# 海盐县 groups its 政府工作报告 责任分解 by the leader who leads each group (一、王丹县长牵头重点工作)
# and states once, on the first task, that the first unit leads (县发改局（首位单位为牵头单位，
# 下同）; http://www.haiyan.gov.cn/art/2022/4/26/art_1229436874_59379425.html, the 2025 notice
# at .../art/2025/3/12/art_1229412459_59458975.html). Deadlines and 备注 are made up.
# fmt: off
HAIYAN = [
    ["海盐县2025年政府工作报告重点工作责任分解"],
    ["序号", "重点工作", "责任单位", "完成时限", "备注"],
    ["一、王丹县长牵头重点工作"],
    [1, "全县生产总值增长7.5%左右；一般公共预算收入增长8.5%。",
     "县发改局（首位单位为牵头单位，下同）、县财政局、县税务局", "2025年12月31日", None],
    [2, "严控“三公”经费和会议费、培训费。", "县财政局", "长期坚持", None],
    [None],
    ["二、曹惠明常务副县长牵头重点工作"],
    [1, "完成垦造耕地2000亩、建设用地复垦1000亩。", "县自然资源和规划局、县农业农村局",
     dt.datetime(2025, 11, 30), "省考指标"],
]
HAIYAN_MERGES = ("A1:E1", "A3:E3", "A7:E7")
# fmt: on


def test_a_group_led_by_a_county_leader_names_its_leader_not_a_unit(tmp_path, plan_file):
    """王丹县长牵头重点工作 was read as a unit leading the group (牵头单位：王丹县长), so that
    plan status --by 牵头单位 counted a 县长 among the units and the part had no 责任领导."""
    result = run(str(workbook(tmp_path / "海盐.xlsx", HAIYAN, HAIYAN_MERGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["lead"] == "王丹县长"
    assert items["2"]["lead"] == "曹惠明常务副县长"
    assert "lead_unit" not in items["1"] and "lead_unit" not in items["2"]
    assert "牵头单位（王丹县长" not in result.output
    assert "牵头的领导（王丹县长、曹惠明常务副县长），已作为该部分的责任领导" in result.output


def test_the_note_that_the_first_unit_leads_is_no_part_of_the_units_name(tmp_path, plan_file):
    """县发改局（首位单位为牵头单位，下同） was kept as the unit's name, the office's note on
    how to read the column with it."""
    result = run(str(workbook(tmp_path / "海盐.xlsx", HAIYAN, HAIYAN_MERGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1.1"]["lead_unit"] == ["县发改局", "县财政局", "县税务局"]
    assert "首位单位" not in plan_file.read_text(encoding="utf-8")


# 二连浩特市's 分工方案 for 2024 heads its five groups 在“聚焦…”方面（分解任务15项）
# (http://www.elht.gov.cn/mobile/c/2024-04-02/97683.shtml); the tasks are made up in its shape.
# fmt: off
ERENHOT = [
    ["二连浩特市《政府工作报告》2024年重点工作任务分工方案"],
    ["序号", "重点工作任务", "牵头单位", "配合单位", "完成时限"],
    ["一、在“聚焦深化对外开放，着力打造国家向北开放重要桥头堡”方面（分解任务3项）"],
    [1, "口岸过货量突破2000万吨。", "口岸办", "海关、边检站、铁路车站", "2024年12月底前"],
    [2, "中欧班列开行量达到3000列以上。", "口岸办", "铁路车站", "第四季度"],
    ["二、在“聚焦增强发展优势，着力做实项目投资做优营商环境”方面（分解任务1项）"],
    [3, "实施重点项目60个，完成投资52亿元。", "发改委", "各有关单位", "2024年11月底前"],
]
ERENHOT_MERGES = ("A1:E1", "A3:E3", "A6:E6")
# fmt: on


def test_a_group_counting_its_tasks_as_分解任务_is_checked(tmp_path, plan_file):
    """（分解任务3项） over two tasks passed without a word: only （3项） and （共3项） were read
    as the group's count."""
    result = run(str(workbook(tmp_path / "二连浩特.xlsx", ERENHOT, ERENHOT_MERGES)))
    assert result.exit_code == 0, result.output
    assert "第 3 行（分类行）写明 3 项，其下只有 2 项" in result.output
    assert "第 6 行" not in result.output
    assert len(items_of(plan_file)) == 5


# A town's 重点工作任务清单 in the shape of 金寨县's and 沁县's (test_trial_s23*): categories on
# rows of their own (一 / （一） in the 序号 column, the name merged across), and under them the
# tasks in the 具体任务 column with the 重点工作 column beside it left blank. Made up.
# fmt: off
XINTANG = [
    ["新塘镇2026年重点工作任务清单"],
    ["序号", "重点工作", "具体任务", "目标值", "责任领导", "责任单位", "完成时限", "备注"],
    ["一", "经济发展"],
    ["（一）", "招商引资"],
    ["1", None, "新增市场主体300户以上", "300户以上", "李镇长", "经发办、市场监管所",
     "2026年6月底前", None],
    ["2", None, "完成固定资产投资5.2亿元", "5.2亿元", "李镇长", "经发办", "第三季度末", None],
    ["（二）", "农业农村"],
    ["3", None, "改造农村户厕120户", "120户", "王副镇长", "农业办", dt.date(2026, 7, 31),
     "厕所革命"],
]
XINTANG_MERGES = ("A1:H1", "B3:H3", "B4:H4", "B7:H7")
# fmt: on


def test_a_task_named_in_the_column_beside_a_blank_one_is_that_task(tmp_path, plan_file):
    """重点工作 blank, 具体任务 filled, under category rows: every task row was refused
    (这一行有内容，但没有任务名称) though its name stood in the next column."""
    path = workbook(tmp_path / "新塘.xlsx", XINTANG, XINTANG_MERGES)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1.1"]["title"] == "招商引资"
    assert items["1.1.1"]["title"] == "新增市场主体300户以上"
    assert (items["1.1.1"]["target"], items["1.1.1"]["measure"]) == (300, "户")
    assert items["1.1.2"]["due"] == "2026-Q3"
    assert items["1.2.1"]["title"] == "改造农村户厕120户"
    assert str(items["1.2.1"]["due"]) == "2026-07-31"
    assert "detail" not in items["1.1.1"]


def test_a_target_written_with_a_sign_gives_the_figure_reached_without_it(plan_file):
    """A 目标值 typed ≥95% (as 新塘镇's 清单 has it): the year-end report said 秸秆综合利用率达到
    95%以上，≥96.5%, the target's sign taken for words naming what the figure counts."""
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    from .conftest import write_plan

    task = {"title": "秸秆综合利用率达到95%以上", "measure": "%", "target": 95}
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "农业农村"},
            {
                "id": "1.1",
                **task,
                "target_text": "≥95%",
                "actual": 96.5,
                "status": "done",
                "done_on": dt.date(2023, 10, 10),
            },
            {
                "id": "1.2",
                "title": "生产安全事故控制在2起以内",
                "measure": "起",
                "target": 2,
                "target_text": "≤2起",
                "direction": "down",
                "actual": 1,
                "status": "done",
                "done_on": dt.date(2023, 12, 20),
            },
        ],
    )
    result = CliRunner().invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    text = "".join(result.output.split())
    assert "秸秆综合利用率达到95%以上，完成96.5%，目标≥95%" in text
    assert "，≥96.5%" not in text
    assert "，≤1起" not in text


def test_a_figure_under_a_title_that_names_none_says_what_it_counts(plan_file):
    """重点工作 信访维稳 with its 具体任务 化解信访积案5件 as the detail, 目标值 5件: the report said
    信访维稳2件，目标5件, as if 2 of 信访维稳 had been done; the detail says what is counted."""
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    from .conftest import write_plan

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "社会治理"},
            {
                "id": "1.1",
                "title": "信访维稳",
                "detail": "化解信访积案5件",
                "measure": "件",
                "target": 5,
                "actual": 2,
            },
            {
                "id": "1.2",
                "title": "人居环境",
                "detail": "完成15个村人居环境整治",
                "measure": "个",
                "target": 15,
                "actual": 15,
                "status": "done",
                "done_on": dt.date(2023, 11, 30),
            },
        ],
    )
    result = CliRunner().invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    text = "".join(result.output.split())
    assert "信访维稳，化解信访积案2件，目标5件，完成率40%" in text
    assert "人居环境，完成15个" in text


# 完成时限 as real 分解表 write them beside a task: the deadline with the work due by then, a
# deadline reached "until" (至), and none but the higher level's (按上级要求).
# fmt: off
DEADLINES = [
    ["测试镇2025年重点工作任务分解表"],
    ["序号", "工作任务", "牵头单位", "完成时限"],
    [1, "实施镇区污水管网改造", "建设办", "2025年6月底前完成主体工程"],
    [2, "完成林长制巡林", "林业站", "至2025年底"],
    [3, "做好第三次全国土壤普查", "农业办", "按上级要求"],
    [4, "新建村级综合服务中心", "建设办", "9月30日前建成投用"],
]
# fmt: on


def test_deadlines_as_ledgers_word_them_are_read_and_their_words_kept(tmp_path, plan_file):
    """Each of these was refused (应为完成时限), and the whole table with it."""
    result = run(str(workbook(tmp_path / "时限.xlsx", DEADLINES, ("A1:D1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2025-06"
    assert items["1"]["完成时限原文"] == "2025年6月底前完成主体工程"
    assert str(items["2"]["due"]) == "2025-12-31"
    assert "due" not in items["3"] and items["3"]["完成时限原文"] == "按上级要求"
    assert str(items["4"]["due"]) == "2025-09-30"
    assert items["4"]["完成时限原文"] == "9月30日前建成投用"


def test_a_deadline_before_two_stages_is_still_refused_as_several(tmp_path, plan_file):
    rows = [*DEADLINES[:2], [1, "实施镇区污水管网改造", "建设办", "6月底前完成招标，年底前竣工"]]
    result = run(str(workbook(tmp_path / "时限.xlsx", rows, ("A1:D1",))))
    assert result.exit_code == 1
    assert "一个单元格里有几个时限" in result.output
    assert not plan_file.exists()


def test_plan_edit_and_add_read_the_same_deadline_words_as_the_import(plan_file):
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    from .conftest import write_plan

    write_plan(plan_file, [{"id": "1", "title": "镇区建设"}, {"id": "1.1", "title": "污水管网"}])
    runner = CliRunner()
    edit = ["edit", "1.1", "--due", "2023年6月底前完成主体工程", "--on", "2023-02-01"]
    result = runner.invoke(app, edit)
    assert result.exit_code == 0, result.output
    add = ["add", "1", "村级服务中心", "--due", "按上级要求", "--on", "2023-02-01"]
    result = runner.invoke(app, add)
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1.1"]["due"], items["1.1"]["完成时限原文"]) == (
        "2023-06",
        "2023年6月底前完成主体工程",
    )
    assert "due" not in items["1.2"] and items["1.2"]["完成时限原文"] == "按上级要求"


def test_units_typed_apart_with_spaces_are_several(tmp_path, plan_file):
    """农业办 自然资源所 (two units a space apart, as a cell is often typed) was one unit named
    so, in plan list --who and every by-unit count; 县 农业局 stays one."""
    rows = [
        ["测试镇2025年重点工作任务分解表"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "新建高标准农田3200亩", "农业办 自然资源所", "6月底"],
        [2, "改造农村户厕120户", "农业办\u3000卫生院  各村（社区）", "10月底"],
        [3, "整治河道", "县 水利局", "10月底"],
    ]
    result = run(str(workbook(tmp_path / "分解表.xlsx", rows, ("A1:D1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["lead_unit"] == ["农业办", "自然资源所"]
    assert items["2"]["lead_unit"] == ["农业办", "卫生院", "各村（社区）"]
    assert items["3"]["lead_unit"] == "县 水利局"


def test_a_deadline_before_a_holiday_of_a_fixed_day_is_its_eve(tmp_path, plan_file):
    """国庆前, 七一前: refused (应为完成时限), though each names one day."""
    rows = [
        *DEADLINES[:2],
        [1, "完成村史馆布展", "宣传办", "2025年国庆前"],
        [2, "召开党员大会", "组织办", "七一前"],
        [3, "完成春耕物资储备", "农业办", "五一前"],
    ]
    result = run(str(workbook(tmp_path / "时限.xlsx", rows, ("A1:D1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [str(items[i]["due"]) for i in "123"] == ["2025-09-30", "2025-06-30", "2025-04-30"]
