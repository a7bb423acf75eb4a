"""Real-shaped plans of other towns (session 41, helper E), their figures worked out by hand.

Three plans shaped as offices write them: a 镇's 2025年重点工作任务清单 five levels deep (a goal
holding a task beside a sub-goal, a weight of 2, a figure over its target, a 发案率 to be kept
under its line, 零事故, a task dropped, one blocked, one 长期坚持); an English township's plan
for a year from July to June (a weighted part, a wholly dropped part, a floor rate, a fall
aimed at, a missed milestone); and a 乡's 2024年责任分解表 with its own 红黄灯 rule, changed
through the year by every change command. Each figure is worked out here from the reference's
definitions (docs/reference.md, "Completion and pace"): a task's completion from its status,
figure or progress; the expected share as the part of its window (start to deadline) passed,
along the milestones' line; 超/达/欠 within 5 points; the lights by the points behind; a goal's
completion the weighted mean of its children, dropped left out. Then every view is held to
them: ``status`` and its JSON, ``list``, ``show``, the report in Markdown and the exported
sheet."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

runner = CliRunner()


def plan(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def invoke(path: Path, *args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["-f", str(path), *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def passed(start: str, as_of: str, due: str) -> Fraction:
    """The share of a window (start to deadline) passed at the end of ``as_of``."""
    return Fraction((day(as_of) - day(start)).days, (day(due) - day(start)).days)


def percent(share: Fraction) -> int:
    """Rounded once, half up, and only the whole shown as 100 (the reference's rule)."""
    shown = int(share * 100 + Fraction(1, 2))
    return 99 if shown == 100 and share < 1 else shown


def four_places(share: Fraction) -> float:
    return float(int(share * 10000 + Fraction(1, 2))) / 10000


def judged(done: Fraction, expected: Fraction, yellow: int = 5, red: int = 20) -> tuple[str, str]:
    """超/达/欠进度 and the light of a task neither done, overdue nor held: 5 points either way
    is on pace; more than ``yellow`` points behind is 黄灯, more than ``red`` 红灯."""
    gap = (done - expected) * 100
    pace = "超进度" if gap > 5 else "达进度" if gap >= -5 else "欠进度"
    light = "红灯" if -gap > red else "黄灯" if -gap > yellow else "绿灯"
    return pace, light


def weighted(*pairs: tuple[Fraction, Fraction | int]) -> Fraction:
    return sum((share * weight for share, weight in pairs), Fraction(0)) / sum(
        (Fraction(weight) for _, weight in pairs), Fraction(0)
    )


def status_json(path: Path, as_of: str) -> dict:  # type: ignore[type-arg]
    return json.loads(invoke(path, "status", "--json", "--as-of", as_of).output)


def status_line(output: str, label: str) -> str:
    return next(line for line in output.splitlines() if line.split()[:1] == [label])


def list_line(output: str, task: str) -> str:
    return next(line for line in output.splitlines() if f" {task} " in line)


def sheet_rows(path: Path, as_of: str, tmp_path: Path) -> dict[str, dict[str, object]]:
    import openpyxl

    out = tmp_path / f"推进表{as_of}.xlsx"
    invoke(path, "export", "--as-of", as_of, "-o", str(out))
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    at = next(n for n, row in enumerate(rows) if row[0] in ("序号", "No."))
    header = [str(name).replace("\n", "") for name in rows[at]]
    return {str(row[0]): dict(zip(header, row, strict=False)) for row in rows[at + 1 :] if row[0]}


# A 镇's 2025年重点工作任务清单 as a 任务分解表 lays it out (推动经济高质量发展 → 招商引资和项目建设 →
# 重点项目建设 → 工业园区建设 → its tasks: five levels), the figures and names made up.
CHENGGUAN = """\
[plan]
title = "城关镇2025年重点工作任务清单"
organisation = "某县城关镇人民政府"
year = 2025

[[item]]
id = "1"
title = "推动经济高质量发展"

[[item]]
id = "1.1"
title = "招商引资和项目建设"
lead = "李镇长"

[[item]]
id = "1.1.1"
title = "引进产业项目"
measure = "个"
target = 10
actual = 12
weight = 2
due = "2025-11"

[[item]]
id = "1.1.2"
title = "重点项目建设"

[[item]]
id = "1.1.2.1"
title = "工业园区建设"

[[item]]
id = "1.1.2.1.1"
title = "完成园区固定资产投资"
measure = "万元"
target = 50000
actual = 20000
due = "2025-12"

[[item.milestone]]
due = "2025-06"
value = 25000

[[item]]
id = "1.1.2.1.2"
title = "建成标准厂房"
progress = 40
start = "2025-03"
due = "2025-08"

[[item]]
id = "1.1.2.2"
title = "完成项目征地"
measure = "亩"
target = 300
actual = 300
status = "done"
done_on = 2025-05-15
due = "2025-06"

[[item]]
id = "1.2"
title = "农民人均可支配收入增长"
measure = "%"
target = 7
actual = 3.5
due = "2025-12"

[[item]]
id = "2"
title = "守牢平安稳定底线"

[[item]]
id = "2.1"
title = "刑事案件发案率"
measure = "‰"
target = 3
target_text = "控制在3‰以内"
direction = "down"
actual = 4

[[item]]
id = "2.2"
title = "安全生产事故起数"
measure = "起"
target = 0
actual = 0
due = "2025-12"

[[item]]
id = "2.3"
title = "建设应急避难场所"
status = "dropped"
reason = "上级调整建设计划"
due = "2025-09"

[[item]]
id = "2.4"
title = "化解信访积案"
status = "blocked"
reason = "当事人诉求过高"
progress = 30
due = "2025-09"

[[item]]
id = "2.5"
title = "矛盾纠纷排查化解"
"完成时限原文" = "长期坚持"
progress = 50
"""


def chengguan_by_hand(as_of: str) -> dict[str, tuple[Fraction, str, str]]:
    """Each task's completion, pace and light at the end of ``as_of``, worked out by hand."""
    year = ("2025-01-01", "2025-12-31")
    # 12 of 10 projects: over the target counts whole; due the end of November
    projects = Fraction(1)
    # 20000 of 50000万元, 25000万元 (50 %) due by June 30, the whole by December 31
    invest = Fraction(20000, 50000)
    if day(as_of) <= day("2025-06-30"):
        invest_due = Fraction(1, 2) * passed(year[0], as_of, "2025-06-30")
    else:
        invest_due = Fraction(1, 2) + Fraction(1, 2) * passed("2025-06-30", as_of, year[1])
    figures = {
        "1.1.1": (projects, *judged(projects, passed(year[0], as_of, "2025-11-30"))),
        "1.1.2.1.1": (invest, *judged(invest, invest_due)),
        "1.1.2.2": (Fraction(1), "已完成", "绿灯"),
        # 3.5 of a 7 % rise
        "1.2": (Fraction(1, 2), *judged(Fraction(1, 2), passed(*year[:1], as_of, year[1]))),
        # 控制在3‰以内 at 4‰: 3/4, and a limit is held all year: the whole is expected
        "2.1": (Fraction(3, 4), *judged(Fraction(3, 4), Fraction(1))),
        # 零事故 held: the whole, on pace
        "2.2": (Fraction(1), "达进度", "绿灯"),
        "2.5": (Fraction(1, 2), "常态推进", ""),
    }
    plant = Fraction(40, 100)  # from March 1 to August 31
    if day(as_of) > day("2025-08-31"):
        figures["1.1.2.1.2"] = (plant, "逾期", "红灯")
    else:
        figures["1.1.2.1.2"] = (plant, *judged(plant, passed("2025-03-01", as_of, "2025-08-31")))
    petitions = Fraction(30, 100)  # 受阻, paced as any task
    if day(as_of) > day("2025-09-30"):
        figures["2.4"] = (petitions, "逾期", "红灯")
    else:
        figures["2.4"] = (petitions, *judged(petitions, passed(year[0], as_of, "2025-09-30")))
    return figures


def chengguan_goals(tasks: dict[str, tuple[Fraction, str, str]]) -> dict[str, Fraction]:
    share = {key: figures[0] for key, figures in tasks.items()}
    goals = {"1.1.2.1": weighted((share["1.1.2.1.1"], 1), (share["1.1.2.1.2"], 1))}
    goals["1.1.2"] = weighted((goals["1.1.2.1"], 1), (share["1.1.2.2"], 1))
    goals["1.1"] = weighted((share["1.1.1"], 2), (goals["1.1.2"], 1))  # 引进产业项目 weighs 2
    goals["1"] = weighted((goals["1.1"], 1), (share["1.2"], 1))
    # 2.3 dropped: left out of the mean
    goals["2"] = weighted(*((share[key], 1) for key in ("2.1", "2.2", "2.4", "2.5")))
    goals[""] = weighted((goals["1"], 1), (goals["2"], 1))
    return goals


def test_a_five_level_town_plan_figures_by_hand_in_every_view(tmp_path):
    path = plan(tmp_path, CHENGGUAN)
    for as_of in ("2025-06-30", "2025-10-31"):
        tasks = chengguan_by_hand(as_of)
        goals = chengguan_goals(tasks)
        # the hand figures themselves, as a reader checks them
        if as_of == "2025-06-30":
            assert goals == {
                "1.1.2.1": Fraction(2, 5),
                "1.1.2": Fraction(7, 10),
                "1.1": Fraction(9, 10),
                "1": Fraction(7, 10),
                "2": Fraction(51, 80),
                "": Fraction(107, 160),
            }
            assert tasks["1.1.2.1.1"][1:] == ("欠进度", "黄灯")  # 40 % of 50 % due
            assert tasks["1.1.2.1.2"][1:] == ("欠进度", "红灯")  # 40 % of 121/183
            assert tasks["1.1.1"][1:] == ("超进度", "绿灯")
            assert tasks["1.2"][1:] == ("达进度", "绿灯")  # 50 % of 180/364
        else:
            assert tasks["1.1.2.1.1"][1:] == ("欠进度", "红灯")  # 40 % of 83 %
            assert tasks["1.2"][1:] == ("欠进度", "红灯")

        record = status_json(path, as_of)
        rows = {row["id"]: row for row in record["rows"]}
        for key, share in goals.items():
            figures = record["total"] if key == "" else rows[key]
            assert figures["completion"] == four_places(share), (as_of, key)
        reds = sum(1 for _, _, light in tasks.values() if light == "红灯")
        yellows = sum(1 for _, _, light in tasks.values() if light == "黄灯")
        assert record["total"]["light"]["red"] == reds
        assert record["total"]["light"]["yellow"] == yellows
        assert record["total"]["pace"]["ongoing"] == 1
        assert (record["total"]["done"], record["total"]["total"]) == (1, 9)
        assert record["total"]["dropped"] == 1

        status = invoke(path, "status", "--as-of", as_of).output
        for key, share in goals.items():
            line = status_line(status, key or "合计")
            assert f" {percent(share)}% " in line, (as_of, line)
        assert f"{reds}/{yellows}" in status_line(status, "合计")

        listed = invoke(path, "list", "--as-of", as_of).output
        records = {
            r["id"]: r for r in json.loads(invoke(path, "list", "--json", "--as-of", as_of).output)
        }
        sheet = sheet_rows(path, as_of, tmp_path)
        lights = {"红灯": "red", "黄灯": "yellow", "绿灯": "green", "": None}
        for key, (share, pace, light) in tasks.items():
            line = list_line(listed, key)
            assert f" {percent(share)}% " in f"{line} ", (as_of, line)
            assert pace in line, (as_of, line)
            if light in ("红灯", "黄灯"):  # (list names a light only where it warns)
                assert light in line, (as_of, line)
            else:
                assert "红灯" not in line and "黄灯" not in line, (as_of, line)
            assert records[key]["completion"] == four_places(share)
            assert records[key]["light"] == lights[light], (as_of, key)
            assert sheet[key]["完成率"] == percent(share) / 100, (as_of, key)
            said = light + ("（逾期）" if pace == "逾期" else "")
            assert (sheet[key]["红黄绿灯"] or "") == said, (as_of, key)
        for key, share in goals.items():
            if key:
                assert sheet[key]["完成率"] == percent(share) / 100, (as_of, key)

        shown = invoke(path, "show", "1.1.2.1.2", "--as-of", as_of).output
        expected = passed(
            "2025-03-01", min(day(as_of), day("2025-08-31")).isoformat(), "2025-08-31"
        )
        assert f"序时应完成  {percent(expected)}%（截至 {as_of}）" in shown
        assert f"预警        {tasks['1.1.2.1.2'][2]}" in shown
        assert sheet["1.1.2.1.2"]["序时进度"] == percent(expected) / 100

        report = invoke(path, "report", "--as-of", as_of, "--format", "md").output
        assert f"综合完成率{percent(goals[''])}%" in report
        assert "以下部分暂无已完成的任务：守牢平安稳定底线" in report
        for key, (share, pace, light) in tasks.items():
            row = next(line for line in report.splitlines() if line.startswith(f"| {key} |"))
            assert f"| {percent(share)}% |" in row, row
            said = ("逾期，" if pace == "逾期" else "") + light
            assert (f"（{said}）" in row) == (light in ("红灯", "黄灯")), row

    # the June milestone: 25000万元 due, 20000万元 by then: missed, 40 % of 50 %
    june = status_json(path, "2025-06-30")["missed_milestones"]
    assert [(m["id"], m["expected"], m["done"], m["state"]) for m in june] == [
        ("1.1.2.1.1", 0.5, 0.4, "missed")
    ]


# An English township's plan for a year from July to June (the README allows any period: start
# and end), its parts weighted, one wholly dropped; a floor (no less than 95%), a fall aimed at
# (down 10%), a limit (at most 2 deaths), a range (20-25 units: its least the target).
RIVERSIDE = """\
[plan]
title = "Riverside Township 2024-25 Work Plan"
organisation = "Riverside Township Council"
start = 2024-07-01
end = 2025-06-30
lang = "en"

[[item]]
id = "1"
title = "Infrastructure"
weight = 3

[[item]]
id = "1.1"
title = "Roads"

[[item]]
id = "1.1.1"
title = "Resurface rural roads"
measure = "km"
target = 40
actual = 10
start = "2024-Q3"
due = "2025-Q1"

[[item.milestone]]
due = "2024-12"
progress = 50

[[item]]
id = "1.1.2"
title = "Replace culverts"
measure = "units"
target = 20
target_text = "20-25 units"
actual = 22
due = "2025-05"

[[item]]
id = "1.2"
title = "Broadband coverage"
measure = "%"
target = 95
target_text = "no less than 95%"
actual = 93
due = 2025-06-30

[[item]]
id = "2"
title = "Community safety"

[[item]]
id = "2.1"
title = "Reduce burglaries"
measure = "%"
target = -10
target_text = "down 10%"
direction = "down"
actual = -4

[[item]]
id = "2.2"
title = "Road traffic deaths"
measure = "deaths"
target = 2
direction = "down"
actual = 1
due = "2025-06"

[[item]]
id = "2.3"
title = "CCTV upgrade"
weight = 0.5
progress = 80
due = "2024-10"

[[item]]
id = "3"
title = "Festival programme"

[[item]]
id = "3.1"
title = "Summer festival"
status = "dropped"
reason = "funding withdrawn"
"""


def riverside_by_hand(as_of: str) -> dict[str, tuple[Fraction, str, str]]:
    roads = Fraction(10, 40)  # 50 % due by December 31 from July 1, the whole by March 31
    if day(as_of) <= day("2024-12-31"):
        roads_due = Fraction(1, 2) * passed("2024-07-01", as_of, "2024-12-31")
    else:
        roads_due = Fraction(1, 2) + Fraction(1, 2) * passed("2024-12-31", as_of, "2025-03-31")
    figures = {
        "1.1.1": (roads, *judged(roads, roads_due)),
        "1.1.2": (Fraction(1), *judged(Fraction(1), passed("2024-07-01", as_of, "2025-05-31"))),
        # a floor, held all year: 93 of 95 is breached, behind and at least yellow
        "1.2": (Fraction(93, 95), "behind", "yellow"),
        # a fall aimed at (direction down, held as a limit is): 4 of 10 points
        "2.1": (Fraction(4, 10), "behind", "red"),
        "2.2": (Fraction(1), "on pace", "green"),  # 1 death against at most 2: held
    }
    cctv = Fraction(80, 100)
    if day(as_of) > day("2024-10-31"):
        figures["2.3"] = (cctv, "overdue", "red")
    else:
        figures["2.3"] = (cctv, *judged(cctv, passed("2024-07-01", as_of, "2024-10-31")))
    words = {"超进度": "ahead", "达进度": "on pace", "欠进度": "behind"}
    words |= {"红灯": "red", "黄灯": "yellow", "绿灯": "green"}
    return {
        key: (share, words.get(pace, pace), words.get(light, light))
        for key, (share, pace, light) in figures.items()
    }


def test_an_english_plan_from_july_to_june_figures_by_hand(tmp_path):
    path = plan(tmp_path, RIVERSIDE)
    for as_of in ("2024-09-30", "2025-01-31"):
        tasks = riverside_by_hand(as_of)
        share = {key: figures[0] for key, figures in tasks.items()}
        goals = {"1.1": weighted((share["1.1.1"], 1), (share["1.1.2"], 1))}
        goals["1"] = weighted((goals["1.1"], 1), (share["1.2"], 1))
        goals["2"] = weighted((share["2.1"], 1), (share["2.2"], 1), (share["2.3"], Fraction(1, 2)))
        # Festival programme wholly dropped: out of the mean; Infrastructure weighs 3
        goals[""] = weighted((goals["1"], 3), (goals["2"], 1))
        assert goals["2"] == Fraction(18, 25)
        if as_of == "2024-09-30":
            assert tasks["1.1.1"][1:] == ("on pace", "green")  # 25 % of 24.9 %
            assert tasks["2.3"][1:] == ("ahead", "green")  # 80 % of 91/122
        else:
            assert tasks["1.1.1"][1:] == ("behind", "red")  # 25 % of 67.2 %

        record = status_json(path, as_of)
        rows = {row["id"]: row for row in record["rows"]}
        for key, figure in goals.items():
            figures = record["total"] if key == "" else rows[key]
            assert figures["completion"] == four_places(figure), (as_of, key)
        assert rows["3"]["completion"] is None and rows["3"]["dropped"] == 1
        status = invoke(path, "status", "--as-of", as_of).output
        for key, figure in goals.items():
            assert f" {percent(figure)}% " in status_line(status, key or "Total"), (as_of, key)

        listed = invoke(path, "list", "--as-of", as_of).output
        records = {
            r["id"]: r for r in json.loads(invoke(path, "list", "--json", "--as-of", as_of).output)
        }
        sheet = sheet_rows(path, as_of, tmp_path)
        for key, (figure, pace, light) in tasks.items():
            line = list_line(listed, key)
            assert f" {percent(figure)}% " in f"{line} " and f" {pace} " in line, (as_of, line)
            assert (f" {light} " in line) == (light != "green"), (as_of, line)
            assert records[key]["light"] == light and records[key]["pace"] == pace.replace(" ", "_")
            assert sheet[key]["Comple-tion"] == percent(figure) / 100, (as_of, key)
            assert sheet[key]["Light"] == light + (" (overdue)" if pace == "overdue" else "")

        report = invoke(path, "report", "--as-of", as_of, "--format", "md").output
        assert f"overall completion {percent(goals[''])}%" in report
        assert "Festival programme: its 1 task dropped." in report


def test_an_english_floor_is_held_all_year_as_a_chinese_one_is(tmp_path):
    """no less than 95% at 93% was 98% of target, 超进度 and 绿灯 in September (the share of a
    year passed by then is 25%): the floor's words in English were not read as a floor, while
    不低于95% is held from the first day, and breached is behind and at least yellow."""
    path = plan(tmp_path, RIVERSIDE)
    for words, english in (
        ("不低于95%", False),
        ("no less than 95%", True),
        ("at least 95%", True),
        ("Not lower than 95%", True),
        ("minimum 95%", True),
    ):
        text = RIVERSIDE.replace('"no less than 95%"', json.dumps(words, ensure_ascii=False))
        path.write_text(text, encoding="utf-8")
        records = {
            r["id"]: r
            for r in json.loads(invoke(path, "list", "--json", "--as-of", "2024-09-30").output)
        }
        broadband = records["1.2"]
        assert (broadband["pace"], broadband["light"], broadband["expected"]) == (
            "behind",
            "yellow",
            1.0,
        ), words
        listed = invoke(path, "list", "--as-of", "2024-09-30").output
        assert "yellow  in progress · behind · 98%" in list_line(listed, "1.2"), english
    # 95% reached holds the floor: on pace, green, and not behind in the report
    path.write_text(RIVERSIDE.replace("actual = 93", "actual = 95"), encoding="utf-8")
    records = {
        r["id"]: r
        for r in json.loads(invoke(path, "list", "--json", "--as-of", "2024-09-30").output)
    }
    assert (records["1.2"]["pace"], records["1.2"]["light"]) == ("on_pace", "green")


# A 乡's 2024年重点工作责任分解表 with its county's own 红黄灯 rule (黄灯 beyond 10 points, 红灯
# beyond 30), changed through the year by every change command, each dated with --on.
HUAQIAO = """\
[plan]
title = "花桥乡2024年重点工作责任分解表"
organisation = "某县花桥乡人民政府"
year = 2024

[plan.warning]
yellow = 10
red = 30

[[item]]
id = "1"
title = "乡村振兴"
lead = "王书记"

[[item]]
id = "1.1"
title = "产业发展"
weight = 2

[[item]]
id = "1.1.1"
title = "新增油茶种植面积"
lead_unit = "农业综合服务中心"
measure = "亩"
target = 800
target_text = "800亩以上"
due = "2024-Q2"

[[item]]
id = "1.1.2"
title = "村集体经济收入"
measure = "万元"
target = 120
actual = 30
due = "2024-12"

[[item.milestone]]
due = "2024-Q2"
value = 60

[[item.milestone]]
due = "2024-Q3"
value = 90

[[item]]
id = "1.2"
title = "人居环境整治"

[[item]]
id = "1.2.1"
title = "改造农村户厕"
measure = "户"
target = 200
due = "2024-10"

[[item]]
id = "1.2.2"
title = "农村生活垃圾集中清运"
"完成时限原文" = "常态化"

[[item]]
id = "2"
title = "安全稳定"
lead = "赵乡长"

[[item]]
id = "2.1"
title = "较大以上安全事故"
measure = "起"
target = 0
target_text = "零发生"

[[item]]
id = "2.2"
title = "电信诈骗发案数下降"
measure = "%"
target = -15
target_text = "下降15%"
direction = "down"
due = "2024-12"

[[item]]
id = "2.3"
title = "完成地质灾害隐患点治理"
measure = "处"
target = 4
due = "2024-05"
"""

HUAQIAO_CHANGES = [
    ("record", "1.1.1", "500", "--on", "2024-04-15"),
    ("record", "1.1.1", "850", "--on", "2024-06-10", "--no"),
    ("done", "1.1.1", "--on", "2024-06-20"),
    ("progress", "1.2.1", "40", "--on", "2024-05-31"),
    ("record", "2.2", "-6", "--on", "2024-06-30"),
    ("block", "2.3", "--reason", "汛期无法施工", "--on", "2024-05-10"),
    ("drop", "1.2.1", "--reason", "并入县统一项目", "--on", "2024-07-15"),
    ("note", "1.1.2", "二季度分红到账", "--on", "2024-07-01"),
    ("edit", "1.1.2", "--target", "100", "--on", "2024-07-01"),
    ("move", "1.2.2", "2", "--on", "2024-08-01"),
    ("rm", "2.3", "--yes", "--on", "2024-09-01"),
    ("undo",),
]


def huaqiao_by_hand(as_of: str) -> dict[str, Fraction]:
    """The completions after every change, at the end of ``as_of``, by hand: the parts, the
    plan and the tasks that moved."""
    on = day(as_of)
    oil = (
        Fraction(0)
        if on < day("2024-04-15")
        else Fraction(500, 800)
        if on < day("2024-06-10")
        else Fraction(1)  # 850亩 of 800 (over: whole), ticked off June 20
    )
    income = Fraction(30, 120) if on < day("2024-07-01") else Fraction(30, 100)  # target cut
    toilets = Fraction(40, 100) if on >= day("2024-05-31") else Fraction(0)
    fraud = Fraction(6, 15) if on >= day("2024-06-30") else Fraction(0)  # 6 of a 15 % fall
    tasks = {"1.1.1": oil, "1.1.2": income, "1.2.1": toilets, "2.2": fraud}
    tasks |= {"1.2.2": Fraction(0), "2.1": Fraction(0), "2.3": Fraction(0)}
    goals = {"1.1": weighted((oil, 1), (income, 1))}
    dropped = on >= day("2024-07-15")  # 改造农村户厕 dropped
    moved = on >= day("2024-08-01")  # 垃圾清运 moved under 安全稳定
    under_12 = ([] if dropped else [toilets]) + ([] if moved else [Fraction(0)])
    if under_12:
        goals["1.2"] = weighted(*((share, 1) for share in under_12))
        goals["1"] = weighted((goals["1.1"], 2), (goals["1.2"], 1))
    else:  # 1.2 wholly dropped or moved away: out of the mean
        goals["1"] = goals["1.1"]
    safety = [Fraction(0), fraud, Fraction(0)] + ([Fraction(0)] if moved else [])
    goals["2"] = weighted(*((share, 1) for share in safety))
    goals[""] = weighted((goals["1"], 1), (goals["2"], 1))
    return tasks | goals


def test_a_years_changes_move_the_figures_and_as_of_before_each_gives_those_before(tmp_path):
    path = plan(tmp_path, HUAQIAO)
    days = ["2024-03-31", "2024-04-14", "2024-04-15", "2024-05-31", "2024-06-10", "2024-06-20",
            "2024-06-30", "2024-07-01", "2024-07-14", "2024-07-15", "2024-07-31", "2024-08-01",
            "2024-08-31", "2024-09-01", "2024-10-31"]  # fmt: skip
    before = {as_of: status_json(path, as_of) for as_of in days}
    for change in HUAQIAO_CHANGES:
        invoke(path, *change)
    for as_of in days:
        figures = huaqiao_by_hand(as_of)
        record = status_json(path, as_of)
        rows = {row["id"]: row for row in record["rows"]}
        for key in ("1", "2", "1.1", ""):
            got = record["total"] if key == "" else rows[key]
            assert got["completion"] == four_places(figures[key]), (as_of, key)
        records = {
            r["id"]: r for r in json.loads(invoke(path, "list", "--json", "--as-of", as_of).output)
        }
        for key in ("1.1.1", "1.1.2", "1.2.1", "2.2"):
            if records[key]["status"] != "dropped":
                assert records[key]["completion"] == four_places(figures[key]), (as_of, key)
        assert records["1.2.2"]["parent"] == ("2" if as_of >= "2024-08-01" else "1.2")
        assert "2.3" in records  # removed on September 1, and the removal undone
        if as_of < "2024-04-15":  # before the first change: as the plan was written
            assert record["rows"] == before[as_of]["rows"]
    # the figures on days a change touched, as a reader checks them
    assert huaqiao_by_hand("2024-04-15")["1"] == Fraction(175, 600)  # (2 × 43.75 % + 0) / 3
    assert huaqiao_by_hand("2024-06-30")[""] == Fraction(37, 120)  # (48.3 % + 13.3 %) / 2
    assert huaqiao_by_hand("2024-08-01")["2"] == Fraction(1, 10)

    # lights by the plan's own rule: 黄灯 beyond 10 points, 红灯 beyond 30
    listed = {
        as_of: {
            r["id"]: r for r in json.loads(invoke(path, "list", "--json", "--as-of", as_of).output)
        }
        for as_of in ("2024-06-30", "2024-07-15")
    }
    june, july = listed["2024-06-30"], listed["2024-07-15"]
    # 村集体经济收入 in June: 25 % of the 50 % due (60 of 120万元): 25 points behind, 黄灯
    assert (june["1.1.2"]["expected"], june["1.1.2"]["light"]) == (0.5, "yellow")
    # in July, the target cut to 100: 30 %, and 60 + 30 × 15/92 % due: 35 points behind, 红灯
    due = Fraction(60, 100) + Fraction(30, 100) * passed("2024-06-30", "2024-07-15", "2024-09-30")
    assert july["1.1.2"]["expected"] == four_places(due)
    assert (
        judged(Fraction(30, 100), due, 10, 30) == ("欠进度", "红灯")
        and july["1.1.2"]["light"] == "red"
    )
    # 改造农村户厕 40 % of 181/304 in June: 19.5 points behind, 黄灯 (红灯 by the default rule)
    assert judged(Fraction(40, 100), passed("2024-01-01", "2024-06-30", "2024-10-31"), 10, 30) == (
        "欠进度",
        "黄灯",
    )
    assert june["1.2.1"]["light"] == "yellow"
    assert july["1.2.1"]["pace"] == "dropped" and july["1.2.1"]["light"] is None
    # a fall aimed at, held all year: 6 % of a 15 % fall recorded, the whole expected: 红灯
    assert (june["2.2"]["pace"], june["2.2"]["light"], june["2.2"]["expected"]) == (
        "behind",
        "red",
        1.0,
    )
    # blocked in May and past its deadline at the end of May: overdue and red in June
    assert (june["2.3"]["status"], june["2.3"]["pace"], june["2.3"]["light"]) == (
        "blocked",
        "overdue",
        "red",
    )
    status = invoke(path, "status", "--as-of", "2024-08-01").output
    assert "另有常态推进 1 项" in status
    assert " 48% " in status_line(invoke(path, "status", "--as-of", "2024-06-30").output, "1")


def test_a_milestone_met_stays_met_when_the_target_is_cut_later(tmp_path):
    """60万元 due by June 30 and 60万元 recorded by then (of a target of 120: 50 %, the 50 %
    due): met. The target cut to 100万元 in July made every view as at July 15 say the June
    milestone was missed (应达 60万元 60%，届时完成 50%): the share due was the figure against
    today's target, the share done against the target of the day. A milestone passed is judged
    by the task as it stood on its day, both."""
    path = plan(tmp_path, HUAQIAO)
    invoke(path, "record", "1.1.2", "60", "--on", "2024-06-20")
    invoke(path, "edit", "1.1.2", "--target", "100", "--on", "2024-07-01")
    for as_of in ("2024-06-30", "2024-07-15"):
        shown = invoke(path, "show", "1.1.2", "--as-of", as_of).output
        assert "时间节点    2024-Q2（应达 60万元 50%）已达到，届时完成 50%" in shown, shown
        record = json.loads(invoke(path, "show", "1.1.2", "--json", "--as-of", as_of).output)
        june = record["milestones"][0]
        assert (june["state"], june["expected"], june["done"]) == ("met", 0.5, 0.5)
        assert status_json(path, as_of)["missed_milestones"] == []
        status = invoke(path, "status", "--as-of", as_of).output
        assert "未达到" not in status
        report = invoke(path, "report", "--as-of", as_of, "--format", "md").output
        assert "时间节点要求" not in report
    # the next milestone, judged against the target of its day (100): 90万元 not reached
    shown = invoke(path, "show", "1.1.2", "--as-of", "2024-10-01").output
    assert "2024-Q3（应达 90万元 90%）未达到，届时完成 60%" in shown


# A 社区's 2026年工作台账 numbered 1, 2, 3 as many are: one part, and two tasks at the top of
# the plan beside it, one weighing 3; a 重新犯罪率 of 0 to be held.
DONGFENG = """\
[plan]
title = "东风社区2026年工作台账"
year = 2026

[[item]]
id = "1"
title = "党建引领"

[[item]]
id = "1.1"
title = "开展主题党日"
measure = "次"
target = 12
actual = 6
due = "2026-12"

[[item]]
id = "2"
title = "老旧小区改造"
weight = 3
progress = 50
due = "2026-09"

[[item]]
id = "3"
title = "社区矫正人员重新犯罪率"
measure = "%"
target = 0
actual = 0
"""


def test_tasks_at_the_top_a_tick_off_reopened_and_one_undone(tmp_path):
    """A task at the top counts as a part in the 合计 by its weight; a tick-off counts from its
    day to the reopening, and one undone counts on no day."""
    path = plan(tmp_path, DONGFENG)
    invoke(path, "done", "2", "--on", "2026-05-10")
    invoke(path, "reopen", "2", "--on", "2026-07-20")
    invoke(path, "progress", "2", "70", "--on", "2026-08-01")
    invoke(path, "done", "1.1", "--on", "2026-06-01")
    invoke(path, "undo")
    window = ("2026-01-01", "2026-09-30")
    for as_of, renovation, pace, light in (
        ("2026-05-09", Fraction(1, 2), "达进度", "绿灯"),  # 50 % of 128/272
        ("2026-05-10", Fraction(1), "已完成", "绿灯"),
        ("2026-07-19", Fraction(1), "已完成", "绿灯"),
        ("2026-07-20", Fraction(1, 2), "欠进度", "红灯"),  # 50 % of 200/272: 23.5 behind
        ("2026-08-01", Fraction(7, 10), "欠进度", "黄灯"),  # 70 % of 212/272: 7.9 behind
    ):
        if pace not in ("已完成",):
            assert judged(renovation, passed(window[0], as_of, window[1])) == (pace, light)
        total = weighted((Fraction(1, 2), 1), (renovation, 3), (Fraction(1), 1))
        record = status_json(path, as_of)
        rows = {row["id"]: row for row in record["rows"]}
        assert rows["2"]["task"] and rows["2"]["completion"] == four_places(renovation)
        assert rows["1"]["completion"] == 0.5  # the tick-off of 1.1 undone: on no day
        assert record["total"]["completion"] == four_places(total), as_of
        assert record["total"]["done"] == (1 if pace == "已完成" else 0)
        status = invoke(path, "status", "--as-of", as_of).output
        assert f" {percent(total)}% " in status_line(status, "合计"), as_of
        line = list_line(invoke(path, "list", "--as-of", as_of).output, "2")
        assert pace in line and f" {percent(renovation)}% " in f"{line} ", line
        sheet = sheet_rows(path, as_of, tmp_path)
        assert sheet["2"]["完成率"] == percent(renovation) / 100
        assert (sheet["2"]["红黄绿灯"] or "") == light
    # the 重新犯罪率 of 0 held: on pace, and said as held, not to be ticked off
    status = invoke(path, "status", "--as-of", "2026-06-30").output
    assert "3 社区矫正人员重新犯罪率 完成率已达100%，指标目前保持在目标范围内" in status


def test_a_target_at_the_top_of_the_range_its_words_state_is_pointed_out(tmp_path):
    """Replace culverts, 20-25 units, typed with target = 25: 22 units counted 88 %, 3 units
    short, while the ledger beside it shows 20-25 units / 22 units, a range met (the reference:
    a range's least is the target, met anywhere in it). plan check said nothing of it."""
    path = plan(tmp_path, RIVERSIDE.replace("target = 20\n", "target = 25\n"))
    result = invoke(path, "check")
    assert (
        "the target's words “20-25 units” state a range, whose least, 20, is the target "
        "(anywhere in the range meets it, as an import reads it); completion is now reckoned "
        "against 25. Write target = 20."
    ) in " ".join(result.output.split())
    assert "item 1.1.2, field target" in result.output
    # the target at the least: nothing to point out; a rise worded 由…提高到… is no range
    for text in (RIVERSIDE, RIVERSIDE.replace('"20-25 units"', '"由20提高到25"')):
        path.write_text(text.replace("target = 20\n", "target = 25\n") if "提高" in text else text)
        assert "state a range" not in invoke(path, "check").output
    # less is better: its most is the target (控制在3-5起 at most 5)
    limit = HUAQIAO.replace('target_text = "零发生"', 'target_text = "控制在1-2起"').replace(
        'target = 0\ntarget_text = "控制', 'target = 1\ndirection = "down"\ntarget_text = "控制'
    )
    path.write_text(limit, encoding="utf-8")
    said = " ".join(invoke(path, "check").output.split())
    assert "目标原文“控制在1-2起”是一个区间，目标值应为区间的上限 2" in said, said


def test_an_as_of_before_a_july_to_june_plan_is_offered_its_day_in_the_plan(tmp_path):
    """2024-03-31 typed for a plan from July 2024 to June 2025 (the year of its start typed for
    its spring) was offered nothing: the same day of the year it starts in is before it. The
    same day of its second year is in it, and offered; the view still goes on."""
    path = plan(tmp_path, RIVERSIDE)
    result = runner.invoke(app, ["-f", str(path), "status", "--as-of", "2024-03-31"])
    assert result.exit_code == 0, result.output
    assert (
        "Note: --as-of 2024-03-31 is before the plan starts (2024-07-01), when its work had not "
        "begun; was --as-of 2025-03-31 meant?"
    ) in " ".join(result.stderr.split())
    result = runner.invoke(app, ["-f", str(path), "status", "--as-of", "2023-09-30"])
    assert "was --as-of 2024-09-30 meant?" in result.stderr
