"""Session 23 review (K): this session's merged changes attacked with inputs next to the ones
their tests used.

Each test shows one defect, through the command a user runs: what it printed, its exit code and
what is on disk."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_console_s23 import clicks_own_console  # noqa: F401 - fixture
from .test_git_merge import git, git_env  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(path.read_text(encoding="utf-8"))["item"]}


# ------------------------------------------- 1. a growth rate worded against last year


def test_a_figure_worded_against_last_year_is_its_number_as_import_reads_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan record 1.1 同比增长6.1% now records 6.1, as import reads the cell; but the same
    figure as a 完成情况表 words it against last year — 较上年增长6.1%, 比去年增长6.1%, and a fall
    较上年下降3% — was refused as 不是数字, though plan import reads each (6.1, 6.1, -3)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "主要指标"},
            {"id": "1.1", "title": "地区生产总值增长", "measure": "%", "target": 6},
            {"id": "1.2", "title": "万元GDP能耗下降", "measure": "%", "target": -3},
        ],
    )
    for typed, item, figure in (
        ("较上年增长6.1%", "1.1", 6.1),
        ("比去年同期增长6.4%", "1.1", 6.4),
        ("较上年下降3.5%", "1.2", -3.5),
    ):
        result = runner.invoke(app, ["record", item, typed])
        assert result.exit_code == 0, (typed, result.output)
        assert "不是数字" not in result.output, result.output
        assert _items(plan_file)[item]["actual"] == figure, typed
    # (words that are no year's comparison stay refused)
    refused = runner.invoke(app, ["record", "1.1", "较好增长6.1%"])
    assert refused.exit_code == 2 and "不是数字" in refused.output, refused.output
    assert _items(plan_file)["1.1"]["actual"] == 6.4


# ------------------------------------------- 2. the investment the report says was spent


def _investment_table(path: Path, headers: list[str], rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["某镇2023年民生实事项目完成情况表"])
    sheet.append(["序号", "项目名称", *headers, "责任科室", "完成时限", "完成情况"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_the_investment_spent_is_not_the_years_plan_nor_a_rate(
    runner: CliRunner, isolated: Path
) -> None:
    """A 完成情况表 often gives, beside 总投资 and 已完成投资, the year's 计划完成投资 and the
    投资完成率（%）. The report took the first column with 完成 in its name as what was spent:
    已完成投资300万元 where 250万元 was spent (the year's plan, 200 + 100), and, with the rate
    before it, 已完成投资175% — a sum of two percentages said as money. What was spent is now
    the column that says so (已完成, 累计完成, 实际), never a plan's column nor a rate."""
    headers = [
        "总投资（万元）",
        "年度计划完成投资（万元）",
        "已完成投资（万元）",
        "投资完成率（%）",
    ]
    rows = [
        [1, "校舍维修", 260, 200, 150, 75, "社会事务办", "9月1日前", "正在施工"],
        [2, "农村公路", 250, 100, 100, 100, "城建办", "10月中旬", "已完工"],
    ]
    table = _investment_table(isolated.parent / "完成情况表.xlsx", headers, rows)
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert "2项任务列有总投资，合计510万元，其中已完成的1项250万元" in flat, flat
    assert "已完成投资250万元（2项任务填报）" in flat, flat
    # (the year's plan said as such beside the 总投资 since s32D: not taken for what was spent)
    assert "总投资260万元，年度计划完成投资200万元，已完成投资150万元" in flat, flat
    assert "已完成投资300万元" not in flat and "%（2项" not in flat, flat
    # The rate first, then what was spent: the same.
    headers = ["总投资（万元）", "投资完成率（%）", "已完成投资（万元）"]
    rows = [
        [1, "校舍维修", 260, 75, 150, "社会事务办", "9月1日前", "正在施工"],
        [2, "农村公路", 250, 100, 100, "城建办", "10月中旬", "已完工"],
    ]
    other = _investment_table(isolated.parent / "完成情况表2.xlsx", headers, rows)
    assert runner.invoke(app, ["import", str(other), "-o", "二.toml"]).exit_code == 0
    second = runner.invoke(
        app, ["-f", "二.toml", "--lang", "en", "report", "--as-of", "2023-12-31"]
    )
    assert second.exit_code == 0, second.output
    words = " ".join(second.output.split())
    assert "The investment made: 2.5 million yuan (2 tasks reporting)" in words, words
    assert "175" not in words, words


# ------------------------------------------- 3. a number typed for a day, in a July-June plan


def test_a_day_typed_as_a_number_is_advised_in_the_plans_period(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan check advises due = 2024-03-31 for due = "3月31日" in a plan from July 2023 to June
    2024 (the day its period holds), but for due = 3.31 (a number: TOML reads 3.31) it advised
    due = 2023-03-31, before the plan starts: two readings of one day, a step apart in the
    file. The number's advice now takes the plan's period, as the text's does."""
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2023-2024年度工作计划"\norganisation = "测试镇人民政府"\n'
        'year = 2023\nstart = 2023-07-01\nend = 2024-06-30\nlang = "zh"\n\n'
        '[[item]]\nid = "1"\ntitle = "目标一"\n\n'
        '[[item]]\nid = "1.1"\nparent = "1"\ntitle = "任务一"\ndue = 3.31\n\n'
        '[[item]]\nid = "1.2"\nparent = "1"\ntitle = "任务二"\ndue = "3月31日"\n',
        encoding="utf-8",
    )
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    said = "".join(result.output.split())
    assert "“3.31”是不是要写due=2024-03-31？" in said, said
    assert "“3月31日”是不是要写due=2024-03-31？" in said, said
    assert "2023-03-31" not in said, said
    # A command refusing the file says the same.
    listed = runner.invoke(app, ["list"])
    assert listed.exit_code == 1 and "due = 2024-03-31" in listed.output, listed.output
    assert plan_file.read_bytes() == before


# ------------------------------------------- 4. a heading naming its unit, worded otherwise


def test_a_heading_of_a_units_work_worded_as_lists_word_it_gives_its_tasks_that_unit(
    runner: CliRunner, isolated: Path
) -> None:
    """A 任务清单 grouped by 牵头单位 gives its tasks the heading's unit (县示范区管委会牵头工作
    （8项）), but a heading worded 县示范区管委会牵头工作任务（2项） or 县住建局牵头工作（计2项）
    gave none: plan list --who found nothing, the ledger was blank — though the count in
    （计2项） was read, and checked, by the same import."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务清单"
    sheet.append(["2025年县政府工作报告任务清单"])
    sheet.append(["序号", "工作任务", "牵头单位", "责任领导", "完成时限"])
    for row in (
        ["一、县示范区管委会牵头工作任务（2项）"],
        [1, "建设循环水养殖基地", None, "王宇靖", "2025年12月底"],
        [2, "打造食用菌酵素生产基地", None, "王宇靖", "2025年10月底"],
        ["二、县住建局牵头工作（计2项）"],
        [3, "改造老旧小区", None, "冯宇", "2025年11月底"],
        [4, "新建污水管网", None, "冯宇", "2025年12月底"],
    ):
        sheet.append(row)
    table = isolated.parent / "任务清单.xlsx"
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = _items(isolated)
    assert items["1"].get("lead_unit") == "县示范区管委会", items["1"]
    assert items["2"].get("lead_unit") == "县住建局", items["2"]
    assert "县示范区管委会、县住建局" in result.output, result.output
    listed = runner.invoke(app, ["list", "--who", "县住建局", "--flat"])
    assert listed.exit_code == 0 and "2.2" in listed.output, listed.output


# ------------------------------------------- 5. a day without its year that no year has


@pytest.mark.parametrize(
    ("typed", "said", "never"),
    [
        ("2/30", "2024年2月没有 30 日", "2024-02-30"),
        ("30/2", "2024年2月没有 30 日", "2024-02-30"),
        ("13/14", "没有 13 月", "2024-13-14"),
        ("6.31", "2024年6月没有 31 日", "2024-06-31"),
    ],
)
def test_a_day_without_its_year_is_never_advised_as_a_day_no_year_has(
    runner: CliRunner, plan_file: Path, typed: str, said: str, never: str
) -> None:
    """--due 6.30 is refused with the form to type in the plan's year (2024-06-30), but 2/30,
    30/2, 13/14 and 6.31 got the same advice: 请写 2月30日 或 2-30，或写全，如 2024-02-30 — a day
    that 2月30日 typed as advised is refused for (2024年2月没有 30 日). They are now refused as
    no day, as 2月30日 is."""
    write_plan(
        plan_file,
        [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修塘"}],
        title="测试镇2024年工作计划",
        year=2024,
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["edit", "1.1", "--due", typed])
    assert result.exit_code == 2, result.output
    assert said in result.output and never not in result.output, result.output
    assert plan_file.read_bytes() == before
    good = runner.invoke(app, ["edit", "1.1", "--due", "6.30"])
    assert good.exit_code == 2 and "2024-06-30" in good.output, good.output


# ------------------------------------------- 6. 目前 said twice of a rate in 下一步打算


def test_next_steps_say_now_once_of_a_rate_recorded_without_a_target(
    runner: CliRunner, plan_file: Path
) -> None:
    """A figure in % is now said as a level, 目前56.2%, not 已完成56.2%. In 下一步打算, whose
    sentence begins 目前进行中, that read 城镇化率：目前进行中，目前56.2%，未设目标值…
    (now in progress, now 56.2%): the level is said there without a second 目前."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "主要指标"},
            {"id": "1.1", "title": "城镇化率", "measure": "%", "actual": 56.2, "status": "doing"},
        ],
    )
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    steps = result.output[result.output.index("四、下一步打算") :]
    line = "".join(next(x for x in steps.splitlines() if "城镇化率" in x).split())
    assert "城镇化率：目前进行中，56.2%，未设目标值" in line, line
    assert line.count("目前") == 1, line
    english = runner.invoke(app, ["--lang", "en", "report", "--as-of", "2023-12-31"])
    assert english.exit_code == 0, english.output
    words = " ".join(english.output.split())
    assert "城镇化率: now in progress, 56.2%, no target set" in words, words
    # 存在的问题, with no 目前 before it, still says the level as one.
    flat = "".join(result.output.split())
    assert "城镇化率：年内未能完成，目前56.2%，未设目标值" in flat, result.output
    assert "目前目前" not in flat


# ------------------------------------------- 7. the bad files' problems, under their files


def _bad_towns(folder: Path) -> None:
    folder.mkdir()
    (folder / "乙镇.toml").write_text(
        '[plan]\ntitle = "乙镇2023年工作计划"\nyear = 2023\n\n[[item]]\nid = 1\ntitle = "修路"\n',
        encoding="utf-8",
    )
    (folder / "丙镇.toml").write_text(
        '[plan]\ntitle = "丙镇2023年工作计划"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "修塘"\n'
        "due = 6.30\n",
        encoding="utf-8",
    )


def _nested_under_each_file(said: str, lead: str) -> None:
    """Each file a line of the list; its problems and the advice under it indented below it,
    as the terminal table says them: no line of a file's message as far left as the files."""
    lines = said.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(lead)) + 1
    listed = [line for line in lines[start:] if line.strip()]
    files = [line for line in listed if line.startswith("  - ")]
    assert len(files) == 2 and all(".toml" in line for line in files), said
    for line in listed:
        assert line.startswith(("  - ", "    ", "  请按", "  Fix")) or "未写入" in line, said
    assert sum(line.startswith(("    - 第", "    - line")) for line in listed) == 2, said


def test_the_bad_files_beside_a_bulletin_list_their_problems_under_each_file(
    runner: CliRunner, isolated: Path
) -> None:
    """Beside a 通报 (--out), and when no file read (没有计划可以汇总), the bad files were listed
    with their problems at the files' own level and the advice 请按上面的说明改正后… at the
    left edge, as if it ended the list: the second file read as a problem of the first. Each
    file's problems now stand under it, as the terminal table puts them."""
    _bad_towns(isolated.parent / "各镇")
    (isolated.parent / "各镇" / "甲镇.toml").write_text(
        '[plan]\ntitle = "甲镇2023年工作计划"\norganisation = "甲镇人民政府"\nyear = 2023\n\n'
        '[[item]]\nid = "1"\ntitle = "修桥"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["county", "各镇", "--out", "通报.md"])
    assert result.exit_code == 1, result.output
    assert (isolated.parent / "通报.md").exists()
    _nested_under_each_file(result.stderr, "注意：2 个文件有问题")
    (isolated.parent / "各镇" / "甲镇.toml").unlink()
    nothing = runner.invoke(app, ["county", "各镇", "--out", "通报2.md"])
    assert nothing.exit_code == 1, nothing.output
    assert not (isolated.parent / "通报2.md").exists()
    _nested_under_each_file(nothing.stderr, "错误：没有计划可以汇总")
    english = runner.invoke(app, ["--lang", "en", "county", "各镇"])
    assert english.exit_code == 1, english.output
    _nested_under_each_file(english.stderr, "Error: No plan to count")


# ------------------------------------------- 8. check's lines to write, beside the item's own


def test_checks_lines_for_a_worded_target_leave_out_what_the_item_already_says(
    runner: CliRunner, plan_file: Path
) -> None:
    """target = "下降10%" is now advised as target = -10、measure = "%"、target_text = …、
    direction = "down". An office that wrote measure = "%" (or target_text) above it, as the
    format's example does, was told to write it again: done as advised, the file is refused for
    a key given twice. What the item already holds is now left out of the lines to write."""
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2024年工作计划"\norganisation = "测试镇人民政府"\nyear = 2024\n'
        'lang = "zh"\n\n[[item]]\nid = "1"\ntitle = "主要指标"\n\n'
        '[[item]]\nid = "1.1"\ntitle = "万元GDP能耗"\nmeasure = "%"\ntarget = "下降10%"\n\n'
        '[[item]]\nid = "1.2"\ntitle = "人口自然增长率"\nmeasure = "‰"\n'
        'target_text = "控制在5‰以内"\ntarget = "控制在5‰以内"\n\n'
        '[[item]]\nid = "1.3"\ntitle = "复垦"\nmeasure = "亩"\ntarget = "3.35万亩"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    said = "".join(result.output.split())
    assert '“下降10%”是不是要写target=-10、target_text="下降10%"、direction="down"？' in said, said
    assert '“控制在5‰以内”是不是要写target=5、direction="down"？' in said, said
    # a measure other than the item's is still said: it is the one to change
    assert '“3.35万亩”是不是要写target=3.35、measure="万亩"？' in said, said
    # Done as advised, the file reads.
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace(
        'target = "下降10%"', 'target = -10\ntarget_text = "下降10%"\ndirection = "down"'
    )
    text = text.replace('target = "控制在5‰以内"', 'target = 5\ndirection = "down"')
    text = text.replace('measure = "亩"\ntarget = "3.35万亩"', 'target = 3.35\nmeasure = "万亩"')
    plan_file.write_text(text, encoding="utf-8")
    fixed = runner.invoke(app, ["check"])
    assert fixed.exit_code == 0, fixed.output


# ------------------------------------------- 9. a rise typed where the level is wanted


def test_a_rise_typed_for_progress_or_an_amount_is_not_taken_for_the_figure_now(
    runner: CliRunner, plan_file: Path
) -> None:
    """A figure worded as a rise is now its number, for a growth rate (同比增长6.1% against 增长8%
    以上). But read so for any figure, plan progress 1.1 增加10 (progress up ten) set a task at
    50% to 10%, plan record 1.2 增加0.1万亩 set 3.3万亩 to 0.1万亩 and 提高2% a 覆盖率 of 90% to
    2%: a plan's figures cut down, where before this was refused as no number. A rise is the
    number only for a task that aims at one (its target or title worded as a growth); else it
    is refused, saying to write the figure now."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "主要指标"},
            {"id": "1.1", "title": "修机耕道", "progress": 50, "status": "doing"},
            {"id": "1.2", "title": "粮食播种面积", "measure": "万亩", "target": 3.5, "actual": 3.3},
            {"id": "1.3", "title": "医保覆盖率", "measure": "%", "target": 95, "actual": 90},
            {
                "id": "1.4",
                "title": "全社会固定资产投资增长",
                "measure": "%",
                "target": 8,
                "target_text": "增长8%以上",
            },
            {"id": "1.5", "title": "农民人均可支配收入增长", "measure": "%", "target": 6},
            {
                "id": "1.6",
                "title": "万元GDP能耗",
                "measure": "%",
                "target": -3,
                "target_text": "下降3%",
                "direction": "down",
            },
            {
                "id": "1.7",
                "title": "农村卫生厕所普及率",
                "measure": "%",
                "target": 95,
                "target_text": "提高到95%",
                "actual": 90,
            },
        ],
    )
    before = plan_file.read_bytes()
    for args, figure in (
        (["progress", "1.1", "增加10"], "进度"),
        (["progress", "1.1", "提高10%"], "进度"),
        (["record", "1.2", "增加0.1万亩"], "完成值"),
        (["record", "1.3", "提高2%"], "完成值"),
        (["record", "1.7", "提高2%"], "完成值"),  # raised to 95%: 2 is what was added
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "增加了多少" in result.output and figure in result.output, result.output
        assert plan_file.read_bytes() == before, args
    english = runner.invoke(app, ["--lang", "en", "record", "1.2", "增加0.1万亩"])
    assert english.exit_code == 2 and "not what was added" in english.output, english.output
    # A growth rate aimed at is still its number.
    for item, typed, figure in (
        ("1.4", "同比增长6.1%", 6.1),
        ("1.5", "增长6.5%", 6.5),
        ("1.6", "同比增长1.2%", 1.2),  # a fall aimed at, a rise made: the change, as a level
    ):
        result = runner.invoke(app, ["record", item, typed])
        assert result.exit_code == 0, result.output
        assert _items(plan_file)[item]["actual"] == figure


# ------------------------------------------- 10. 完成情况 that says a project is not finished


def test_completion_words_that_say_not_yet_are_not_said_to_speak_of_completion(
    runner: CliRunner, isolated: Path
) -> None:
    """A 完成情况 cell that speaks of completion in more words (主体已完工，正在装修) is said, with
    the plan done to run where the task is done. But 主体完工，尚未竣工验收 and 待竣工验收 — not
    finished, in so many words — were said to 写到完成 too, and the office handed plan done
    for them; 未投入使用 was already told apart. Only a cell that says a project finished is
    now said so."""
    table = _investment_table(
        isolated.parent / "完成情况表.xlsx",
        ["总投资（万元）"],
        [
            [1, "校舍维修", 260, "社会事务办", "9月1日前", "主体完工，尚未竣工验收"],
            [2, "农村公路", 250, "城建办", "10月中旬", "路面已铺，待竣工验收"],
            [3, "文化礼堂", 80, "宣传办", "12月底", "已竣工验收并投入使用"],
        ],
    )
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if "写到完成" in line]
    assert len(said) == 1 and "第 5 行" in said[0], result.stderr
    assert "plan done 3 " in said[0] and "plan done 1" not in said[0], said
    assert "第 3、" not in said[0] and "1 2" not in said[0], said
    items = _items(isolated)
    assert all("status" not in items[i] or items[i]["status"] == "todo" for i in "123"), items


# ------------------------------------------- 11. two numbers typed as the figure reached


def test_two_numbers_typed_as_the_figure_reached_are_not_called_a_target(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan record 1.1 5.8%、6.1% (two towns' rates pasted from the report) is refused as two
    numbers, but the error said 一项任务只有一个目标值 — of a 完成值, not a target. It now says
    a task keeps one figure, whichever is typed."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "主要指标"},
            {"id": "1.1", "title": "地区生产总值增长", "measure": "%", "target": 6},
        ],
    )
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["record", "1.1", "5.8%、6.1%"])
    assert result.exit_code == 2, result.output
    assert "有 2 个数（5.8、6.1）" in result.output, result.output
    assert "目标值" not in result.output and "分成几项任务" in result.output, result.output
    assert plan_file.read_bytes() == before
    target = runner.invoke(app, ["edit", "1.1", "--target", "分别增长6%、9%以上"])
    assert target.exit_code == 2 and "分成几项任务" in target.output, target.output


# ------------------------------------------- 12. git-setup's line past the console's wrapper


def test_git_setups_line_of_the_setting_goes_through_stdout_not_clicks_console(
    tmp_path: Path,
    runner: CliRunner,
    git_env: Any,  # noqa: F811
    clicks_own_console: Any,  # noqa: F811
) -> None:
    """What the CLI says without rich goes through sys.stdout, where the wrapper of a Chinese
    Windows console draws the wide signs narrow (fa93639). git-setup's 已设置本克隆的 git 配置
    merge.quanhu-plan.driver = … line, written since by typer.echo so that it is not taken as
    advice, went to Click's own console stream again, past that wrapper. It goes through
    stdout now, still as git holds the setting."""
    git(tmp_path, "init", "-q")
    plan_file = write_plan(tmp_path / "泉湖镇2023年工作计划.toml", SMALL_ITEMS)
    result = runner.invoke(app, ["-f", str(plan_file), "git-setup"])
    assert result.exit_code == 0, result.output
    assert "merge.quanhu-plan.driver = plan merge %O %A %B %P。" in result.output, result.output
    assert clicks_own_console.getvalue() == "", clicks_own_console.getvalue()


# ------------------------------------------- 13. a view of one's own plan loads no advice


def test_a_view_of_a_plan_named_loads_nothing_for_the_embedded_plans_note(
    plan_file: Path,
) -> None:
    """A view of the embedded plan says once if a plan under another name is beside it (s23G);
    to find out, every view of every plan imported cli.advice (and its patterns' module), the
    plan named or not, though only the embedded plan is ever noted: a start-up cost of each
    plan status, list and show. A view of a plan file imports it no more."""
    import os
    import subprocess
    import sys

    write_plan(plan_file, SMALL_ITEMS)
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": root}
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quanhu_plan"]
        + ["-f", str(plan_file), "list", "--flat"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert "修塘" in run.stdout, run.stdout
    loaded = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()]
    assert "quanhu_plan.store.folders" in loaded or "quanhu_plan.model" in loaded, loaded
    assert "quanhu_plan.cli.advice" not in loaded, run.stderr


# ------------------------------------------- 14. a heading's count, said in English


def test_a_headings_count_against_one_task_under_it_reads_in_english(
    runner: CliRunner, isolated: Path
) -> None:
    """A heading that counts 3 tasks over one was said in English as 'Category row 3 counts 3
    tasks but 1 are under it'; one task is, and a heading of 1 counts 1 task. (So is a
    heading's unit: 'Category row(s) 3 name the unit that leads them'.)"""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2025年任务清单"])
    sheet.append(["序号", "工作任务", "牵头单位", "完成时限"])
    for row in (
        ["一、县住建局牵头工作（3项）"],
        [1, "改造老旧小区", None, "2025年11月底"],
        ["二、县农业农村局牵头工作（1项）"],
        [2, "新建高标准农田", None, "2025年11月底"],
        [3, "整治人居环境", None, "2025年12月底"],
    ):
        sheet.append(row)
    table = isolated.parent / "清单.xlsx"
    book.save(table)
    result = runner.invoke(app, ["--lang", "en", "import", str(table)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "Category row 3 counts 3 tasks but 1 is under it" in said, said
    assert "; category row 5 counts 1 task but 2 are under it" in said, said
    assert "Category rows 3 and 5 name the units that lead them" in said, said
