"""Session 24, helper J: one figure in every view, with this session's new ways in. The
cross-view comparison of test_every_view_s22 and test_every_view_s23l (status, --by, list,
show, export csv/xlsx, report json/md/docx, county, English) run on what session 24 added:
deadlines counted in 工作日 by the holiday notices (plan add/edit --due 10个工作日内, a plan's
own [plan.workdays]), a plan year from July to June, the new words of completion on import
(已投入使用, 已通车), the report as plain text (--format txt), county filters matching no task,
an English plan, and a task whose id was reused after an undo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_every_view_s22 import PLANS, _json
from .test_every_view_s23l import _changes, _everything, _on, _plan

D = dt.date

# A plan year from July to June (a 2023-2024年度 plan), its deadlines around 国庆 and 春节.
JULY_JUNE = {"start": D(2023, 7, 1), "end": D(2024, 6, 30)}
SEASON: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施", "lead_unit": "城建办"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "actual": 10},
    {"id": "1.2", "title": "路灯", "progress": 20, "due": D(2024, 3, 31)},
    {"id": "2", "title": "督办事项", "lead_unit": "党政办"},
    {
        "id": "2.1",
        "title": "信访件",
        "progress": 50,
        "start": D(2023, 7, 1),
        "due": D(2023, 12, 31),
    },
]

# Matters given on a day with a limit in 工作日: 10个工作日内 from Monday 25 September 2023
# runs past 国庆 (29 September to 6 October off, Saturday 7 and Sunday 8 October worked) to
# Friday 13 October; from Monday 5 February 2024, past 春节, to Friday 23 February.
SEASON_CHANGES = [
    ["add", "2", "督办件", "--start", "2023-09-25", "--due", "10个工作日内", "--on", "2023-09-25"],
    ["add", "2", "春节件", "--start", "2024-02-05", "--due", "10个工作日内", "--on", "2024-02-05"],
    ["progress", "2.2", "60", "--on", "2023-10-09"],
    ["record", "1.1", "25", "--on", "2023-12-20"],
    ["done", "2.2", "--on", "2023-10-13"],
    ["progress", "2.3", "40", "--on", "2024-02-19"],
    ["block", "1.2", "-r", "缺资金", "--on", "2024-03-01"],
]
SEASON_DAYS = [
    D(2023, 6, 30),
    D(2023, 7, 1),
    D(2023, 10, 12),
    D(2023, 10, 14),
    D(2024, 2, 23),
    D(2024, 2, 26),
    D(2024, 6, 30),
    D(2024, 7, 1),
    None,
]


def test_a_july_to_june_plan_with_deadlines_in_working_days_says_the_same_in_every_view(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """A 2023-2024年度 plan (July to June) given two 督办 matters of 10个工作日内, one across
    国庆 and one across 春节, ticked off and advanced on their days: every view agrees on the
    day before the year begins, the days about each deadline, its end and after; so does
    every view of the plan kept in English."""
    write_plan(plan_file, SEASON, **JULY_JUNE)
    for change in SEASON_CHANGES:
        result = runner.invoke(app, [*change, "--by", "甲"])
        assert result.exit_code == 0, (change, result.output)
    listed = {i["id"]: i for i in _json(runner, ["list", "--json"])}
    assert (listed["2.2"]["due"], listed["2.3"]["due"]) == ("2023-10-13", "2024-02-23")
    wrong: list[str] = []
    for day in SEASON_DAYS:
        wrong += _everything("july-june", runner, tmp_path, plan_file, day)
        wrong += _show_text(runner, day) + _show_text(runner, day, "en")
    header = plan_file.read_text(encoding="utf-8").replace('lang = "zh"', 'lang = "en"', 1)
    plan_file.write_text(header, encoding="utf-8")
    for day in SEASON_DAYS:
        wrong += _english_views(runner, tmp_path, plan_file, day)
    assert not wrong, "\n".join(wrong)


def _show_text(runner: CliRunner, day: dt.date | None, lang: str = "zh") -> list[str]:
    """plan show as the terminal prints it: each task's 状态, 完成率, 序时进度, 序时应完成 and
    预警 lines say what list --json gives it."""
    import re

    from quanhu_plan.texts import light_label, pace_label, status_label

    from .test_every_view_s22 import _pct

    labels = {
        "zh": ("状态", "完成率", "序时进度", "序时应完成", "预警"),
        "en": ("Status", "Completion", "Pace", "Expected by now", "Light"),
    }[lang]
    wrong = []
    for item in _json(runner, ["list", "--json", *_on(day)]):
        if item["kind"] != "task":
            continue
        text = runner.invoke(app, ["--lang", lang, "show", item["id"], *_on(day)]).output
        lines = {}
        for line in text.splitlines():
            for label in labels:
                if line.startswith(label + " ") and label not in lines:
                    lines[label] = line[len(label) :].split()
        assert labels[0] in lines and labels[1] in lines, text
        status, completion, pace, expected, light = (lines.get(label, []) for label in labels)
        said = {
            "status": " ".join(status) == status_label(lang, item["status"]),
            "completion": completion[:1]
            == (["—"] if item["completion"] is None else [_pct(item["completion"])]),
            "pace": (" ".join(pace) or None)
            == (pace_label(lang, item["pace"]) if item.get("pace") else None)
            or item["status"] == "dropped",
            # 56%（截至 2023-10-12）: the percent before its day
            "expected": item.get("expected") is None
            or [re.split(r"[（(]", w)[0] for w in expected[:1]]
            == [_pct(item["expected"], re.split(r"[（(]", expected[0])[0] if expected else None)],
            "light": (" ".join(light) or None)
            == (light_label(lang, item["light"]) if item.get("light") else None),
        }
        for key, agrees in said.items():
            if not agrees:
                wrong.append(f"{lang} {day} show {item['id']} {key}: {item} {lines}")
    return wrong


# ------------------------------------------------------------------ an English plan


def _english_views(
    runner: CliRunner, tmp_path: Path, plan_file: Path, day: dt.date | None
) -> list[str]:
    """An English plan (lang = "en") at ``day``: its JSON the Chinese run's (one set of
    figures), and each task's completion, status, pace and light the same in list, list
    --flat, show, export csv and xlsx, the report's ledger (json, md, docx) and its overview
    in md, txt and docx; the county's figures the plan's."""
    import csv
    import re

    import docx
    import openpyxl

    from quanhu_plan.texts import light_label, pace_label, status_label

    from .test_every_view_s22 import _cell, _pct

    on = _on(day)
    wrong: list[str] = []

    def same(what: str, *values: Any) -> None:
        if len({repr(v) for v in values}) > 1:
            wrong.append(f"english {day} {what}: {values}")

    for args in (["status", "--json"], ["list", "--json"], ["status", "--json", "--by", "unit"]):
        same(
            " ".join(args), _json(runner, [*args, *on]), _json(runner, ["--lang", "zh", *args, *on])
        )
    report = _json(runner, ["report", "--format", "json", *on])
    chinese = _json(runner, ["--lang", "zh", "report", "--format", "json", *on])
    for key in ("total", "done", "doing", "todo", "blocked", "dropped", "behind", "overdue"):
        same(f"report {key}", report["overview"][key], chinese["overview"][key])
    same("report completion", report["overview"]["completion"], chinese["overview"]["completion"])
    listed = {i["id"]: i for i in _json(runner, ["list", "--json", *on])}
    tasks = {i: item for i, item in listed.items() if item["kind"] == "task"}
    status = _json(runner, ["status", "--json", *on])
    # list --flat
    flat = runner.invoke(app, ["list", "--flat", *on]).output
    for line in flat.splitlines():
        words = line.replace("[ ]", "[_]").split()
        if len(words) < 4 or words[1] not in tasks:
            continue
        item = tasks[words[1]]
        joined = " ".join(words)
        shown = "—" if item["completion"] is None else _pct(item["completion"])
        same(f"flat {words[1]} %", shown in words, True)
        same(f"flat {words[1]} status", status_label("en", item["status"]) in joined, True)
        if item["pace"] and item["status"] != "dropped":
            same(f"flat {words[1]} pace", pace_label("en", item["pace"]) in joined, True)
        if item["light"]:
            same(f"flat {words[1]} light", light_label("en", item["light"]) in words, True)
    # export csv and xlsx
    out = tmp_path / f"en{day}.csv"
    assert (
        runner.invoke(app, ["export", "--format", "csv", *on, "-o", str(out), "--force"]).exit_code
        == 0
    )
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    at = next(i for i, r in enumerate(rows) if r and r[0] == "No.")
    # (an id a spreadsheet would read as another number, 1.10, carries the CSV's ' guard)
    table = {
        r[0].removeprefix("'"): dict(zip(rows[at], r, strict=False))
        for r in rows[at + 1 :]
        if r and r[0]
    }
    book = tmp_path / f"en{day}.xlsx"
    assert runner.invoke(app, ["export", *on, "-o", str(book), "--force"]).exit_code == 0
    cells = [
        [_cell(c) for c in r]
        for r in openpyxl.load_workbook(book).active.iter_rows(values_only=True)
    ]
    xat = next(i for i, r in enumerate(cells) if r and r[0] == "No.")
    # (a header hyphened over two lines, Comple- / tion, read whole: ``_cell`` joined the lines)
    head = [re.sub(r"(?<=[a-z])-(?=[a-z])", "", c) for c in cells[xat]]
    xtable = {r[0]: dict(zip(head, r, strict=False)) for r in cells[xat + 1 :] if r and r[0]}
    for row in [*table.values(), *xtable.values()]:
        # with every task dropped, the table has no column of figures at all
        for column in ("Completion", "Status", "Light"):
            row.setdefault(column, "")
    for item_id, item in tasks.items():
        row = table.get(item_id)
        if row is None:
            wrong.append(f"english {day} {item_id} not in the csv")
            continue
        shown = "" if item["completion"] is None else _pct(item["completion"], row["Completion"])
        same(f"csv {item_id} completion", row["Completion"], shown)
        same(
            f"csv {item_id} status",
            row["Status"].split("(")[0].strip(),
            status_label("en", item["status"]),
        )
        lamp = light_label("en", item["light"]) if item["light"] else ""
        same(f"csv {item_id} light", row["Light"][: len(lamp)] if lamp else row["Light"], lamp)
        xrow = xtable.get(item_id, {})
        for column in ("Completion", "Status", "Light"):
            same(f"xlsx {item_id} {column}", xrow.get(column), row[column])
        one = _json(runner, ["show", item_id, "--json", *on])
        for key in ("completion", "status", "pace", "light"):
            same(f"show {item_id} {key}", one.get(key), item.get(key))
    # the report: ledger and overview in json, md, txt, docx
    markdown = runner.invoke(app, ["report", "--format", "md", "-o", "-", *on]).output
    text = runner.invoke(app, ["report", "--format", "txt", "-o", "-", *on]).output
    paper = tmp_path / f"en{day}.docx"
    assert (
        runner.invoke(
            app, ["report", "--format", "docx", *on, "-o", str(paper), "--force"]
        ).exit_code
        == 0
    )
    document = docx.Document(str(paper))
    word_ledger = {}
    for word_table in document.tables:
        names = [c.text.replace("\n", " ") for c in word_table.rows[0].cells]
        if "Completion" in names:
            for word_row in word_table.rows[1:]:
                texts = [c.text for c in word_row.cells]
                word_ledger[texts[0]] = dict(zip(names, texts, strict=False))
    flat_md = " ".join(markdown.split())
    flat_txt = " ".join(text.split())
    flat_docx = " ".join(" ".join(p.text for p in document.paragraphs).split())
    for paragraph in report["overview"]["paragraphs"]:
        for where, said in (("md", flat_md), ("txt", flat_txt), ("docx", flat_docx)):
            if " ".join(paragraph.split()) not in said:
                wrong.append(f"english {day} overview not in {where}: {paragraph}")
    for entry in report["ledger"]:
        item = tasks[entry["id"]]
        for key in ("completion", "status", "light"):
            same(f"ledger {entry['id']} {key}", entry[key], item[key])
        percent = "—" if entry["completion"] is None else _pct(entry["completion"])
        md_rows = [x for x in markdown.splitlines() if x.startswith(f"| {entry['id']} |")]
        md_cells = [c.strip() for c in md_rows[0].split("|")] if md_rows else []
        same(f"md ledger {entry['id']} %", percent in md_cells, True)
        same(f"md ledger {entry['id']} status", entry["status_text"] in md_cells, True)
        word = word_ledger.get(entry["id"], {})
        same(f"docx ledger {entry['id']} %", word.get("Completion"), percent)
    # county
    folder = tmp_path / f"en-county{day}"
    folder.mkdir(exist_ok=True)
    (folder / "plan.toml").write_bytes(plan_file.read_bytes())
    county = _json(runner, ["county", str(folder), "--json", *on])["rows"][0]
    total = status["total"]
    for key in ("completion", "done", "total", "dropped", "blocked", "pace", "light"):
        same(f"county {key}", county[key], total[key])
    terminal = runner.invoke(app, ["status", *on]).output
    for row in status["rows"]:
        if row["task"]:
            continue
        title = re.escape(row["title"])
        pattern = rf"^\s*{re.escape(row['id'])}\s+{title}\s+(\d+)/(\d+)\s+(\d+%|—)"
        found = [m.groups() for x in terminal.splitlines() if (m := re.match(pattern, x))]
        shown = "—" if row["completion"] is None else _pct(row["completion"])
        same(f"terminal {row['id']}", found[:1], [(str(row["done"]), str(row["total"]), shown)])
    return wrong


ENGLISH: list[dict[str, Any]] = [
    {"id": "1", "title": "Roads", "lead_unit": "Works office"},
    {"id": "1.1", "title": "Ponds", "measure": "处", "baseline": 30, "target": 40, "actual": 33},
    {"id": "1.2", "title": "Lamps", "status": "done", "done_on": D(2023, 3, 1), "weight": 3},
    {"id": "1.3", "title": "Farm track", "due": D(2023, 3, 31), "progress": 50},
    {"id": "2", "title": "Social affairs"},
    {"id": "2.1", "title": "Opera", "status": "dropped", "reason": "no venue"},
    {
        "id": "2.2",
        "title": "Housing",
        "status": "blocked",
        "reason": "papers missing",
        "progress": 10,
    },
    {
        "id": "2.3",
        "title": "Jobless rate",
        "measure": "%",
        "target": 5,
        "actual": 5.5,
        "direction": "down",
    },
    {"id": "2.4", "title": "Inspection", "progress": 99.6, "due": D(2023, 6, 30)},
]
ENGLISH_CHANGES = [
    ["progress", "1.3", "80", "--on", "2023-04-10"],
    ["record", "1.1", "36", "--on", "2023-05-05"],
    ["done", "2.4", "--on", "2023-06-20"],
    ["block", "1.3", "-r", "no money", "--on", "2023-07-01"],
    [
        "add",
        "2",
        "Petition",
        "--start",
        "2023-09-25",
        "--due",
        "10个工作日内",
        "--on",
        "2023-09-25",
    ],
    ["progress", "2.5", "60", "--on", "2023-10-09"],
]


def test_an_english_plan_says_the_same_in_every_view(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """A plan kept in English (lang = "en"), changed on its days: every English view (list,
    list --flat, show, export csv and xlsx, report json/md/txt/docx, status, county) gives
    each task the figures of the Chinese run of the same plan."""
    write_plan(plan_file, ENGLISH, lang="en", title="Test town 2023 work plan")
    for change in ENGLISH_CHANGES:
        result = runner.invoke(app, [*change, "--by", "甲"])
        assert result.exit_code == 0, (change, result.output)
    wrong: list[str] = []
    for day in (D(2023, 2, 15), D(2023, 6, 30), D(2023, 10, 12), D(2023, 10, 16), None):
        wrong += _english_views(runner, tmp_path, plan_file, day)
        wrong += _show_text(runner, day, "en")
    assert not wrong, "\n".join(wrong)


# ------------------------------------------------------------------ an id used again


def test_an_id_used_again_after_its_add_was_undone_says_the_new_task_in_every_view(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """2.4 added --on 2023-05-10, advanced and ticked off, all undone; then a 2.4 of another
    title written into the file by hand (the ids plan add skips are free to a hand edit):
    every view gives the new task its own figures on every day, never the undone one's."""
    write_plan(plan_file, PLANS["mixed"])
    for change in (
        ["add", "2", "旧任务", "--due", "2023-08-31", "--on", "2023-05-10"],
        ["progress", "2.4", "70", "--on", "2023-06-01"],
        ["done", "2.4", "--on", "2023-07-01"],
        ["undo"],
        ["undo"],
        ["undo"],
    ):
        result = runner.invoke(app, [*change, "--by", "甲"])
        assert result.exit_code == 0, (change, result.output)
    with plan_file.open("a", encoding="utf-8") as file:
        file.write('\n[[item]]\nid = "2.4"\ntitle = "新任务"\nprogress = 30\n')
    wrong: list[str] = []
    for day in (D(2023, 5, 31), D(2023, 6, 30), D(2023, 7, 31), None):
        wrong += _everything("reused", runner, tmp_path, plan_file, day)
        listed = {i["id"]: i for i in _json(runner, ["list", "--json", *_on(day)])}
        new = listed.get("2.4", {})
        if (new.get("title"), new.get("status"), new.get("completion")) != ("新任务", "doing", 0.3):
            wrong.append(f"{day} 2.4 is {new}")
    assert not wrong, "\n".join(wrong)


# ------------------------------------------------------------------ words of completion


def _completion_table(tmp_path: Path, rows: list[list[Any]]) -> Path:
    """A 民生实事 完成情况表 of ``rows`` (序号, 项目名称, 总投资（万元）, 完成时限, 完成情况) as an
    office keeps it, saved as 完成情况表.xlsx."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "项目名称", "总投资（万元）", "完成时限", "完成情况"])
    for row in rows:
        sheet.append(row)
    table = tmp_path / "完成情况表.xlsx"
    book.save(table)
    return table


def test_a_table_of_new_words_of_completion_says_the_same_in_every_view(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """A 民生实事 完成情况表 in this session's words (已投入使用, 已通车 with its day, 已投产,
    一期已投产，二期正在建设): every view gives each project the status its words say, on
    the days before and after it was done."""
    table = _completion_table(
        tmp_path,
        [
            [1, "便民服务中心", 120, "6月底", "已投入使用"],
            [2, "环镇公路", 800, "10月底", "已通车（2023-09-28）"],
            [3, "污水处理站", 300, "12月底", "一期已投产，二期正在建设"],
            [4, "农贸市场", 40.5, "9月底", "已交付使用"],
        ],
    )
    result = runner.invoke(app, ["import", str(table), "--year", "2023", "-o", str(plan_file)])
    assert result.exit_code == 0, result.output
    listed = {i["id"]: i for i in _json(runner, ["list", "--json"])}
    got = {i: (item["status"], item.get("done_on")) for i, item in listed.items()}
    assert got["2"] == ("done", "2023-09-28"), got
    assert {i: s for i, (s, _) in got.items()} == {
        "1": "done",
        "2": "done",
        "3": "todo",
        "4": "done",
    }, got
    wrong: list[str] = []
    for day in (D(2023, 6, 30), D(2023, 9, 27), D(2023, 9, 28), D(2023, 12, 31), None):
        wrong += _everything("finished", runner, tmp_path, plan_file, day)
    assert not wrong, "\n".join(wrong)


# ------------------------------------------------------------------ defects found


def test_county_lists_of_an_ended_plan_name_the_day_its_figures_are_counted_at(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """plan county --status 受阻 (without --as-of) after the 2023 plans ended: the table of
    tasks and the line saying no town has one were headed with today (截至 2026-12-02),
    where status and list (截至 2023-12-31) and the county's own ranking (截至 2026-12-02
    （已结束的计划按其结束日 2023-12-31 计）) count the year's figures at its end, as the
    JSON's plans do — a 逾期 of December read as one of today. They now say the day the
    ended plans are counted at, as the ranking does."""
    import re

    write_plan(plan_file, PLANS["mixed"])
    folder = tmp_path / "各乡镇"
    folder.mkdir()
    (folder / "plan.toml").write_bytes(plan_file.read_bytes())
    assert "截至 2023-12-31" in runner.invoke(app, ["status"]).output
    today = r"截至 \d{4}-\d\d-\d\d"
    ended = "（已结束的计划按其结束日 2023-12-31 计）"
    ranking = runner.invoke(app, ["county", str(folder)]).output
    assert re.search(f"推进情况 · {today}{ended}", ranking), ranking
    listed = runner.invoke(app, ["county", str(folder), "--status", "受阻"])
    assert listed.exit_code == 0 and "自建房" in listed.output, listed.output
    assert re.search(f"各单位受阻的任务 · {today}{ended}", listed.output), listed.output
    # at the year's end no task is ahead of the pace
    none = runner.invoke(app, ["county", str(folder), "--pace", "超进度"])
    assert none.exit_code == 0, none.output
    assert re.match(f"{today}{ended}，测试镇人民政府没有超进度的任务。", none.output), none.output
    english = runner.invoke(app, ["--lang", "en", "county", str(folder), "--status", "blocked"])
    assert "(plans that have ended are judged at their end, 2023-12-31)" in english.output
    english = runner.invoke(app, ["--lang", "en", "county", str(folder), "--pace", "ahead"])
    assert "(plans that have ended are judged at their end, 2023-12-31)" in english.output
    record = _json(runner, ["county", str(folder), "--status", "受阻", "--json"])
    assert [p["as_of"] for p in record["plans"]] == ["2023-12-31"], record
    dated = runner.invoke(app, ["county", str(folder), "--status", "受阻", "--as-of", "2024-03-01"])
    assert "截至 2024-03-01\n" in dated.output, dated.output  # a day asked for is the day


# ------------------------------------------------------------------ randomised, July to June

_SEASON_DAY = st.dates(D(2023, 7, 1), D(2024, 6, 30))


@st.composite
def _season_changes(draw: st.DrawFn, ids: list[str], goals: list[str]) -> list[list[str]]:
    """Changes on days of a July–June year: figures, tick-offs, undo, matters given with a
    limit in 工作日 (from a day about 国庆, 元旦 or 春节), deadlines edited to one."""
    out = []
    given = st.sampled_from(
        [D(2023, 9, 25), D(2023, 9, 28), D(2023, 12, 28), D(2024, 2, 5), D(2024, 2, 8)]
    )
    for _ in range(draw(st.integers(1, 6))):
        target = draw(st.sampled_from(ids))
        goal = draw(st.sampled_from(goals))
        day = ["--on", draw(_SEASON_DAY).isoformat()]
        limit = f"{draw(st.sampled_from([3, 5, 10, 15]))}个工作日内"
        start = draw(given).isoformat()
        out.append(
            draw(
                st.sampled_from(
                    [
                        ["record", target, "6.1", *day],
                        ["done", target, *day],
                        ["reopen", target, *day],
                        ["block", target, "-r", "缺资金", *day],
                        ["progress", target, "60", *day],
                        ["undo"],
                        ["add", goal, "督办件", "--start", start, "--due", limit, "--on", start],
                        ["edit", target, "--start", start, "--due", limit, *day],
                    ]
                )
            )
        )
    return out


@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_july_to_june_plans_with_limits_in_working_days_say_the_same_in_every_view(
    data: st.DataObject, runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """Plans drawn at random (test_every_view_s23l's), their year July to June, changed on
    random days of it, given matters of N个工作日内 about the holidays, and changed as
    test_every_view_s23l changes them (structure back-filled, figures in words) on days of
    2023, half of them before the year began: every view agrees on a random day from the June
    before to the July after, or now."""
    items = data.draw(_plan())
    write_plan(plan_file, items, **JULY_JUNE)
    tasks = [i["id"] for i in items if i["title"].startswith("任务")]
    goals = [i["id"] for i in items if not i["title"].startswith("任务")]
    changes = data.draw(_season_changes(tasks, goals)) + data.draw(_changes(tasks, goals))
    for change in data.draw(st.permutations(changes)):
        result = runner.invoke(app, [*change, "--by", "甲"], input="n\n")
        assert result.exit_code in (0, 1, 2), (change, result.output)
        assert "Traceback" not in result.output and result.output.strip()
    day = data.draw(st.one_of(st.none(), st.dates(D(2023, 6, 15), D(2024, 7, 15))))
    folder = tmp_path / f"county{day}"
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    wrong = _everything("random season", runner, tmp_path, plan_file, day)
    wrong += _show_text(runner, day)
    assert not wrong, "\n".join([*wrong, json.dumps(items, default=str, ensure_ascii=False)])


@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_english_plans_say_the_same_in_every_view(
    data: st.DataObject, runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """Plans drawn at random (test_every_view_s23l's: rates, investment, units), kept in
    English and changed on random days (figures typed in words, tick-offs, undo, structure
    back-filled): every English view agrees with the Chinese run on a random day, or now."""
    items = data.draw(_plan())
    write_plan(plan_file, items, lang="en", title="Test town 2023 work plan")
    tasks = [i["id"] for i in items if i["title"].startswith("任务")]
    goals = [i["id"] for i in items if not i["title"].startswith("任务")]
    for change in data.draw(_changes(tasks, goals)):
        result = runner.invoke(app, [*change, "--by", "甲"], input="n\n")
        assert result.exit_code in (0, 1, 2), (change, result.output)
        assert "Traceback" not in result.output and result.output.strip()
    day = data.draw(st.one_of(st.none(), st.dates(D(2023, 1, 1), D(2024, 1, 31))))
    wrong = _english_views(runner, tmp_path, plan_file, day) + _show_text(runner, day, "en")
    assert not wrong, "\n".join([*wrong, json.dumps(items, default=str, ensure_ascii=False)])


def test_english_county_lists_name_their_tasks_in_english_word_order(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """plan --lang en county --status 未开始 (--pace 超进度, 欠进度) headed its table "Not
    started tasks across the plans" and said of a town without one "has no ahead task", "has
    no not started task": the words of a status or pace put before "task" as if each were an
    adjective. Those that are not now follow it (tasks not started, a task ahead of pace,
    tasks behind pace); blocked and overdue tasks keep their place."""
    write_plan(plan_file, PLANS["mixed"])
    folder = tmp_path / "towns"
    folder.mkdir()
    (folder / "plan.toml").write_bytes(plan_file.read_bytes())
    on = ["--as-of", "2023-06-30"]

    def said(*args: str) -> str:
        result = runner.invoke(app, ["--lang", "en", "county", str(folder), *args, *on])
        assert result.exit_code == 0, result.output
        return " ".join(result.output.split())

    assert "Tasks not started across the plans · as of 2023-06-30" in said("--status", "todo")
    assert "Tasks behind pace across the plans" in said("--pace", "behind")
    assert "Blocked tasks across the plans" in said("--status", "blocked")
    assert "Blocked tasks behind pace across the plans" in said(
        "--status", "blocked", "--pace", "behind"
    )
    assert said("--status", "done", "--pace", "ahead") == (
        "As of 2023-06-30, 测试镇人民政府 has no done task ahead of pace."
    )
    assert said("--pace", "on_pace", "--status", "dropped") == (
        "As of 2023-06-30, 测试镇人民政府 has no dropped task on pace."
    )
    assert said("--status", "todo", "--status", "blocked", "--pace", "ahead") == (
        "As of 2023-06-30, 测试镇人民政府 has no task not started, blocked, ahead of pace."
    )


def test_a_table_done_after_its_year_says_the_same_in_every_view(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """A 2023 table whose 完成情况 gives a day after the year (已通车（2024-05-01）) and one
    before it began (已竣工（2022-11-20）): the import says so, and every view agrees on the
    year's end, after the day and now."""
    table = _completion_table(
        tmp_path,
        [
            [1, "环镇公路", 800, "10月底", "已通车（2024-05-01）"],
            [2, "农贸市场", 40.5, "9月底", "已竣工（2022-11-20）"],
            [3, "污水处理站", 300, "12月底", "正在施工"],
        ],
    )
    result = runner.invoke(app, ["import", str(table), "--year", "2023", "-o", str(plan_file)])
    assert result.exit_code == 0, result.output
    assert "2024-05-01" in result.stderr and "2022-11-20" in result.stderr, result.stderr
    wrong: list[str] = []
    for day in (D(2022, 12, 31), D(2023, 6, 30), D(2023, 12, 31), D(2024, 6, 1), None):
        wrong += _everything("late", runner, tmp_path, plan_file, day)
    assert not wrong, "\n".join(wrong)


def test_days_off_and_worked_typed_in_two_clones_merge_into_the_count_of_both(
    tmp_path: Path, runner: CliRunner
) -> None:
    """One office typed the county's 调休 into [plan.workdays] (worked = 2025-04-06) and
    another, in its own clone, a day off (off = 2025-03-31): git's merge made the table one
    [[plan.conflict]], plan check refused the plan until one side's days were thrown away,
    and each 10个工作日内 counted meanwhile left the other's out. The lists now merge day by
    day: both days count, a day one side took out is out; a day one side put off and the
    other worked is still a conflict."""
    from quanhu_plan.store.plan_text import parse_toml

    items: list[dict[str, Any]] = [{"id": "1", "title": "督办"}, {"id": "1.1", "title": "来信"}]
    year = {"year": 2025, "start": D(2025, 1, 1), "end": D(2025, 12, 31)}
    base = write_plan(tmp_path / "base.toml", items, **year, workdays={"off": [D(2025, 10, 9)]})
    ours = write_plan(
        tmp_path / "ours.toml",
        items,
        **year,
        workdays={"worked": [D(2025, 4, 6)], "off": [D(2025, 10, 9), D(2025, 5, 6)]},
    )
    theirs = write_plan(tmp_path / "theirs.toml", items, **year, workdays={"off": [D(2025, 3, 31)]})
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    header = parse_toml(ours.read_text(encoding="utf-8"), "plan")["plan"]
    assert "conflict" not in header, header
    assert header["workdays"] == {
        "worked": [D(2025, 4, 6)],
        "off": [D(2025, 3, 31), D(2025, 5, 6)],
    }, header
    checked = runner.invoke(app, ["-f", str(ours), "check"])
    assert checked.exit_code == 0, checked.output
    # from Friday 28 March 2025: 31 March off (theirs), 1-3 April, 4-5 April 清明, Sunday 6
    # April worked (ours), 7 April: the fifth
    added = runner.invoke(
        app,
        ["-f", str(ours), "add", "1", "交办件", "--start", "2025-03-28", "--due", "5个工作日内"],
    )
    assert added.exit_code == 0, added.output
    assert "为 2025-04-07" in added.stderr, added.stderr
    # a day put off on one side and worked on the other: one of them is wrong, still asked
    base = write_plan(tmp_path / "base.toml", items, **year)
    ours = write_plan(tmp_path / "ours.toml", items, **year, workdays={"off": [D(2025, 3, 31)]})
    theirs = write_plan(
        tmp_path / "theirs.toml", items, **year, workdays={"worked": [D(2025, 3, 31)]}
    )
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    header = parse_toml(ours.read_text(encoding="utf-8"), "plan")["plan"]
    assert [c["field"] for c in header.get("conflict", [])] == ["workdays"], header


def test_quarter_steps_read_as_milestones_say_the_same_in_every_view_and_back(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """A 任务分解表's 季度形象进度 with each step's share (完成可研（10%）, 获批专项债，进度30%)
    read as milestones, progress told on its days: every view agrees about each quarter's end,
    and the table exported and imported again gives every view the same figures."""
    table = tmp_path / "任务分解表.csv"
    table.write_text(
        "序号,重点工作,责任领导,责任科室,完成时限,一季度,二季度,三季度,四季度\n"
        "1,商贸物流区二期工程,刘强,项目办,2023年12月底,"
        "完成可研（10%）,获批专项债，进度30%,开工建设(60%),完成100%\n"
        "2,排查整治教培机构隐患,陈静,社会事务办,2023年8月底,"
        "完成排查方案,完成排查（10%）、整治（20%）,,\n"
        "3,老旧小区改造,刘强,城建办,2023年10月底,30%（完成设计）,,80%（主体完工）,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(table), "--year", "2023", "-o", str(plan_file)])
    assert result.exit_code == 0, result.output
    for change in (
        ["progress", "1", "20", "--on", "2023-06-20"],
        ["progress", "3", "50", "--on", "2023-04-10"],
        ["progress", "3", "85", "--on", "2023-09-15"],
        ["done", "2", "--on", "2023-08-20"],
    ):
        result = runner.invoke(app, [*change, "--by", "甲"])
        assert result.exit_code == 0, (change, result.output)
    days = (D(2023, 3, 31), D(2023, 6, 30), D(2023, 9, 30), D(2023, 12, 31), None)
    wrong: list[str] = []
    for day in days:
        wrong += _everything("quarters", runner, tmp_path, plan_file, day)
        wrong += _show_text(runner, day)
    back = tmp_path / "back.xlsx"
    result = runner.invoke(app, ["export", "-o", str(back), "--force"])
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.toml"
    result = runner.invoke(app, ["import", str(back), "-o", str(again), "--force"])
    assert result.exit_code == 0, result.output
    listed = {i["id"]: i for i in _json(runner, ["list", "--json"])}
    imported = {i["id"]: i for i in _json(runner, ["-f", str(again), "list", "--json"])}
    for item_id, item in listed.items():
        # (the states of milestones past are the trace's, which a table does not carry)
        for key in ("status", "completion", "pace", "light", "milestone", "due"):
            if item.get(key) != imported.get(item_id, {}).get(key):
                wrong.append(f"back {item_id} {key}: {item.get(key)} {imported.get(item_id)}")
    assert not wrong, "\n".join(wrong)


def test_a_conflict_on_the_days_off_and_worked_names_the_table_in_words(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A day put off in one clone and worked in the other stays a merge conflict: plan check
    named it [plan] 的 workdays（workdays）, the key twice, where every other field of the
    header has its name (计划名称（title）); it is now 工作日安排（workdays） (English names
    every field by its key)."""
    items: list[dict[str, Any]] = [{"id": "1", "title": "督办"}, {"id": "1.1", "title": "来信"}]
    year = {"year": 2025, "start": D(2025, 1, 1), "end": D(2025, 12, 31)}
    base = write_plan(tmp_path / "base.toml", items, **year)
    ours = write_plan(tmp_path / "ours.toml", items, **year, workdays={"off": [D(2025, 3, 31)]})
    theirs = write_plan(
        tmp_path / "theirs.toml", items, **year, workdays={"worked": [D(2025, 3, 31)]}
    )
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["-f", str(ours), "check"])
    assert checked.exit_code != 0 and "[plan] 的 工作日安排（workdays）" in checked.output, (
        checked.output
    )
