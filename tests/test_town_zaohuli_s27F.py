"""A town's own ledger, end to end: 山东惠民县皂户李镇's 2025 targets as its 镇长 gave them at the
county's 2025年工作亮目标 news conference on 14 March (以商招商活动12次, 新招引产业项目6个以上,
市县级重点项目4个, 市外到位资金突破2亿元, 盘活闲置低效用地不少于150亩, 高新技术企业3家,
规上工业总产值突破27亿元, 新优品种繁育基地3处;
https://www.xiaoyaoxin.com/archives/132.html), typed as the office lays out its 任务分解表:
序号, 重点任务, 具体措施, 目标任务, 牵头领导, 责任单位, 完成时限, 备注, a merged row per part.
Which leader and unit lead each task, and the deadlines, are the office's, made up here."""

from __future__ import annotations

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, run, workbook

# fmt: off
ZAOHULI = [
    ["皂户李镇2025年重点工作任务分解表"],
    ["序号", "重点任务", "具体措施", "目标任务", "牵头领导", "责任单位", "完成时限", "备注"],
    ["一、打好“三大战役”"],
    [1, "开展“以商招商”", "围绕和美食品、海鼎饲料、智利电子等“链主企业”开展以商招商",
     "开展“以商招商”活动12次", "王换成", "经济发展办公室", "2025年12月底", "每月1次"],
    [2, "新招引产业项目", "聚焦畜牧精深加工、电子元器件制造等领域", "新招引产业项目6个以上",
     "王换成", "经济发展办公室", "年内", None],
    [3, "争取市县级重点项目", None, "4个", "代滨", "经济发展办公室", "年底前", None],
    [4, "市外到位资金", None, "突破2亿元", "王换成", "经济发展办公室", "12月31日", None],
    [5, "盘活闲置低效用地", None, "不少于150亩", "代滨", "自然资源所", "11月底前", None],
    [6, "盛浩种禽和广东海大种鸭养殖项目", "实施专班盯靠、专员服务机制，紧抓建设进度", "投产运营",
     "王换成", "项目专班", "年底前", None],
    [7, "培育高新技术企业", None, "3家", "代滨", "经济发展办公室", "年内", None],
    [8, "规上工业总产值", None, "突破27亿元", "王换成", "经济发展办公室", "12月底", "年度统计口径"],
    ["二、激活产业发展动能"],
    [9, "举办第十二届绿化苗木博览会", "传统产业抓转型、优势产业抓集聚、新兴产业抓培育", "成功举办",
     "朱琪", "农业农村综合服务中心", "2025年5月", None],
    [10, "培育新优品种繁育基地", None, "3处", "朱琪", "农业农村综合服务中心", "年内", None],
]
MERGES = ("A1:H1", "A3:H3", "A12:H12")
# fmt: on


def test_a_target_column_after_the_measures_column_is_the_tasks_target(tmp_path, plan_file):
    """具体措施 before 目标任务: both name the task, so the second was kept aside as a copy of
    the detail (“目标任务”与“具体措施”读作同一项) and the plan had no target at all: 4个, 3家,
    突破2亿元 followed by nothing. Where most of its cells state a figure it is the target
    column, as it is when it stands before 具体措施 (镇罗镇, tests/test_town_sheet_s25f.py)."""
    result = run(str(workbook(tmp_path / "皂户李镇.xlsx", ZAOHULI, MERGES)))
    assert result.exit_code == 0, result.output
    assert "读作同一项" not in result.output
    assert "读作各项任务的目标值" in result.output
    items = items_of(plan_file)
    assert (items["1.3"]["target"], items["1.3"]["measure"]) == (4, "个")
    assert (items["1.4"]["target"], items["1.4"]["measure"]) == (2, "亿元")
    assert (items["1.5"]["target"], items["1.5"]["measure"]) == (150, "亩")
    assert items["1.5"]["target_text"] == "不少于150亩"
    assert (items["1.2"]["target"], items["1.2"]["target_text"]) == (6, "新招引产业项目6个以上")
    assert (items["1.8"]["target"], items["1.8"]["measure"]) == (27, "亿元")
    assert (items["2.2"]["target"], items["2.2"]["measure"]) == (3, "处")
    # the measures stay the detail; a goal in words stays words
    assert items["1.1"]["detail"].startswith("围绕和美食品")
    assert items["1.6"]["target_text"] == "投产运营" and "target" not in items["1.6"]
    assert "目标任务" not in items["1.3"]

    runner = CliRunner()
    recorded = runner.invoke(app, ["record", "1.5", "120亩", "--on", "2025-09-30"])
    assert recorded.exit_code == 0, recorded.output
    shown = runner.invoke(app, ["show", "1.5", "--as-of", "2025-09-30"])
    assert shown.exit_code == 0, shown.output
    assert "80%" in shown.output  # 120 of 150 亩


def test_the_target_column_is_judged_by_its_task_rows_not_the_merged_part_rows(tmp_path, plan_file):
    """A part's row merged across the sheet (一、打好“三大战役”) puts its title in every cell,
    the 目标任务's too: it was counted as one more cell stating no figure. The notice said
    “12 格中有 8 格” of 10 filled, and a ledger of short parts (three of five tasks stating a
    figure, under four part rows) kept its targets as words."""
    result = run(str(workbook(tmp_path / "皂户李镇.xlsx", ZAOHULI, MERGES)))
    assert result.exit_code == 0, result.output
    assert "“目标任务”一列的 10 格中有 8 格写的是一个数字" in result.output

    parts = [
        ZAOHULI[0],
        ZAOHULI[1],
        ["一、开展以商招商"],
        ZAOHULI[3],
        ["二、推进重点项目"],
        ZAOHULI[8],
        ["三、争取上级支持"],
        ZAOHULI[5],
        ["四、激活产业发展动能"],
        ZAOHULI[12],
        ZAOHULI[13],
    ]
    merges = ("A1:H1", "A3:H3", "A5:H5", "A7:H7", "A9:H9")
    result = run(str(workbook(tmp_path / "四个部分.xlsx", parts, merges)), "--force")
    assert result.exit_code == 0, result.output
    assert "“目标任务”一列的 5 格中有 3 格写的是一个数字" in result.output
    items = items_of(plan_file)
    assert [items[i].get("target") for i in ("1.1", "2.1", "3.1", "4.1", "4.2")] == [
        12,
        None,
        4,
        None,
        3,
    ]
    assert items["2.1"]["target_text"] == "投产运营"


def test_the_year_end_report_names_the_work_not_the_table_it_was_listed_in(tmp_path, plan_file):
    """The plan keeps the ledger's title, 皂户李镇2025年重点工作任务分解表; the 年终总结 said
    “皂户李镇2025年重点工作任务分解表共安排任务10项” — the table arranging the tasks. It says
    what the office writes: 皂户李镇2025年重点工作共安排任务10项 (in Word and Markdown too)."""
    result = run(str(workbook(tmp_path / "皂户李镇.xlsx", ZAOHULI, MERGES)))
    assert result.exit_code == 0, result.output
    runner = CliRunner()
    done = runner.invoke(app, ["done", "2.1", "--on", "2025-05-18"])
    assert done.exit_code == 0, done.output
    for form in ("terminal", "md"):
        report = runner.invoke(app, ["report", "--as-of", "2025-12-31", "--format", form])
        assert report.exit_code == 0, report.output
        text = report.output.replace("\n", "").replace(" ", "")
        assert "截至2025年12月31日，皂户李镇2025年重点工作共安排任务10项，已完成1项" in text
        assert "分解表共安排" not in text
        assert "皂户李镇2025年工作计划完成情况总结" in text


def test_a_progress_typed_on_a_task_its_figure_measures_says_it_does_not_count(tmp_path, plan_file):
    """盘活闲置低效用地, 不少于150亩, 60亩 recorded: the office typed plan progress 1.5 50 as the
    month's 进度, was told 已填报进度 … 进度 — → 50%, and plan show set 进度 50% beside 完成率
    40%: the typed progress counted for nothing, unsaid. It is said, as plan record says it of
    a figure on a task with no target, with the way to give the figure."""
    result = run(str(workbook(tmp_path / "皂户李镇.xlsx", ZAOHULI, MERGES)))
    assert result.exit_code == 0, result.output
    runner = CliRunner()
    recorded = runner.invoke(app, ["record", "1.5", "60亩", "--on", "2025-06-20"])
    assert recorded.exit_code == 0, recorded.output
    assert "注意" not in recorded.output
    typed = runner.invoke(app, ["progress", "1.5", "50", "--on", "2025-07-31"])
    assert typed.exit_code == 0, typed.output
    said = typed.output.replace("\n", "")
    assert (
        "注意：1.5 的完成率按完成值计（目标值 150亩，完成值 60亩），进度 50% 不计入完成率；"
        "要填报完成值，用 plan record 1.5 数值。"
    ) in said
    shown = runner.invoke(app, ["show", "1.5", "--as-of", "2025-07-31"])
    assert "完成率        40%" in shown.output
    # a task no figure measures takes its progress, unwarned
    plain = runner.invoke(app, ["progress", "1.6", "70", "--on", "2025-07-31"])
    assert plain.exit_code == 0 and "注意" not in plain.output, plain.output


def test_a_done_task_whose_target_is_words_without_a_figure_asks_no_figure_of_it(
    tmp_path, plan_file
):
    """盛浩种禽和广东海大种鸭养殖项目, 目标 投产运营, ticked off: the 主要成绩 said “目标投产运营
    （未记录完成值，2025年12月20日完成）” — a figure missing where the target names none. A
    target in words with a figure in them (新增民宿3家) still says so (tests/test_campaign_s25j.py)."""
    result = run(str(workbook(tmp_path / "皂户李镇.xlsx", ZAOHULI, MERGES)))
    assert result.exit_code == 0, result.output
    runner = CliRunner()
    for task, day in (("1.6", "2025-12-20"), ("2.1", "2025-05-18"), ("1.3", "2025-11-20")):
        done = runner.invoke(app, ["done", task, "--on", day])
        assert done.exit_code == 0, done.output
    report = runner.invoke(app, ["report", "--as-of", "2025-12-31", "--format", "md"])
    assert report.exit_code == 0, report.output
    text = report.output
    assert "盛浩种禽和广东海大种鸭养殖项目，目标投产运营（2025年12月20日完成）。" in text
    assert "举办第十二届绿化苗木博览会，目标成功举办（2025年5月18日完成）。" in text
    assert "争取市县级重点项目，目标4个（未记录完成值，2025年11月20日完成）。" in text


def test_a_long_title_in_the_reports_ledger_leaves_no_character_alone_on_its_last_line(
    tmp_path, plan_file, monkeypatch
):
    """At 80 columns the ledger folded 智利电子“年产10亿件电子元器件技术改造及芯片封装”项 / 目:
    one character alone under the title, as a 公文 never sets it. It folds one character
    earlier, …芯片封装” / 项目; a title that folds evenly is as it was."""
    monkeypatch.setenv("COLUMNS", "80")
    rows = [
        *ZAOHULI[:3],
        [
            1,
            "智利电子“年产10亿件电子元器件技术改造及芯片封装”项目",
            None,
            "投产运营",
            "王换成",
            "项目专班",
            "年底前",
            None,
        ],
        [
            2,
            "申报市级“专精特新”企业、省级工程实验室",
            None,
            "4家",
            "代滨",
            "经济发展办公室",
            "年内",
            None,
        ],
    ]
    result = run(str(workbook(tmp_path / "皂户李镇.xlsx", rows, ("A1:H1", "A3:H3"))))
    assert result.exit_code == 0, result.output
    report = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31"])
    assert report.exit_code == 0, report.output
    ledger = report.output.split("附表")[1].splitlines()
    assert not [line for line in ledger if len(line.strip()) == 1], ledger
    at = next(n for n, line in enumerate(ledger) if "智利电子" in line)
    assert ledger[at + 1].strip() == "项目"
