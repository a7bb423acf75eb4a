"""plan county: many towns' plans in one table — each plan's figures are its own plan status
figures (as it is, and replayed to --as-of), the ranking and its ties, the weights, who did not
report, files left aside or bad, the 通报 in every format, and one county task across towns."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.county.ranking import places
from quanhu_plan.county.reporting import ReportingRule, parse_report_day
from quanhu_plan.report.docx_layout import BODY_PITCH

ZONE = dt.timezone(dt.timedelta(hours=8))
runner = CliRunner()


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)


def town_doc(
    name: str,
    *,
    tasks: int,
    lang: str = "zh",
    depth: int = 3,
    seed: int = 1,
    last_record: dt.date | None = dt.date(2023, 6, 20),
    keys: dict[int, str] | None = None,
    warning: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A town's plan: ``tasks`` tasks under parts (``depth`` 2: tasks right under the parts; 3:
    under goals; 4: under sub-goals), with varied status, progress, figures, deadlines, weights,
    a dropped and a blocked task, and a trace of progress changes and tick-offs spread over the
    year up to ``last_record`` (None: no trace at all). ``keys``: task number -> county key."""
    rng = random.Random(seed)
    zh = lang == "zh"
    items: list[dict[str, Any]] = []
    parents: list[str] = []
    for p in range(1, 4):
        items.append({"id": str(p), "title": f"第{p}部分" if zh else f"Part {p}"})
        if depth == 2:
            parents.append(str(p))
            continue
        for g in range(1, 3):
            goal = f"{p}.{g}"
            items.append({"id": goal, "title": f"目标{goal}" if zh else f"Goal {goal}"})
            if depth == 3:
                parents.append(goal)
                continue
            sub = f"{goal}.1"
            items.append({"id": sub, "title": f"子目标{sub}" if zh else f"Sub-goal {sub}"})
            parents.append(sub)
    records = (
        [dt.date(2023, 1, 10) + dt.timedelta(days=d) for d in range(0, 365, 9)]
        if last_record
        else []
    )
    records = [day for day in records if last_record and day <= last_record]
    count: dict[str, int] = {}
    for n in range(tasks):
        parent = parents[n % len(parents)]
        count[parent] = count.get(parent, 0) + 1
        task: dict[str, Any] = {
            "id": f"{parent}.{count[parent]}",
            "title": f"任务{n + 1}：修缮道路" if zh else f"Task {n + 1}: mend roads",
            "due": dt.date(2023, rng.randint(2, 12), rng.choice([10, 28])),
        }
        if keys and n in keys:
            task["key"] = keys[n]
        if rng.random() < 0.2:
            task["weight"] = rng.choice([2, 3, 0.5])
        roll = rng.random()
        if n == 1:
            task.update(status="dropped", reason="不再需要")
        elif n == 2:
            task.update(status="blocked", reason="资金未到位", progress=10)
        elif roll < 0.35 and records:
            day = rng.choice(records)
            task.update(status="done", done_on=day)
            task["log"] = [
                {
                    "at": at(day),
                    "by": "张三",
                    "action": "done",
                    "after": {"status": "done", "done_on": day},
                }
            ]
        elif roll < 0.75:
            task["status"] = "doing"
            log = []
            value = 0
            for day in sorted(rng.sample(records, min(len(records), rng.randint(0, 3)))):
                new = min(99, value + rng.randint(5, 40))
                entry: dict[str, Any] = {"at": at(day), "by": "李四", "action": "progress"}
                if value:
                    entry["before"] = {"progress": value}
                entry["after"] = {"progress": new}
                log.append(entry)
                value = new
            task["progress"] = value or rng.randint(1, 60)
            if log:
                task["log"] = log
        elif roll < 0.85:
            task.update(measure="处", target=rng.randint(10, 50), actual=rng.randint(0, 60))
            task["status"] = "doing"
        items.append(task)
    if last_record:  # the month's report: a note on the first task
        first = next(item for item in items if item["id"].count(".") == depth - 1)
        note = {"at": at(last_record, 17), "by": "王五", "action": "note", "on": last_record}
        first.setdefault("log", []).append({**note, "note": "本月推进情况"})
    items.sort(key=lambda item: [int(x) for x in item["id"].split(".")])
    meta: dict[str, Any] = {
        "title": f"{name}2023年工作计划" if zh else f"{name} work plan 2023",
        "organisation": name,
        "year": 2023,
        "start": dt.date(2023, 1, 1),
        "end": dt.date(2023, 12, 31),
        "lang": lang,
    }
    if warning:
        meta["warning"] = warning
    return {"plan": meta, "item": items}


def write(path: Path, doc: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def towns(tmp_path: Path) -> Path:
    """A county folder: four towns of different structures, sizes and languages, one in a
    sub-folder, one that reported last in March, one that never recorded anything."""
    folder = tmp_path / "county"
    write(folder / "jia.toml", town_doc("甲镇", tasks=40, seed=1, keys={0: "县-1", 5: "县-2"}))
    write(
        folder / "yi.toml",
        town_doc(
            "乙镇", tasks=12, depth=2, seed=2, last_record=dt.date(2023, 3, 10), keys={0: "县-1"}
        ),
    )
    write(
        folder / "east" / "hill.toml",
        town_doc(
            "Hill Town", tasks=25, lang="en", depth=4, seed=3, last_record=dt.date(2023, 5, 30)
        ),
    )
    write(
        folder / "bing.toml",
        town_doc("丙镇", tasks=60, seed=4, last_record=None, warning={"yellow": 10, "red": 30}),
    )
    return folder


def county_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["county", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def status_total(path: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["--file", str(path), "status", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["total"]


FIGURES = ("completion", "done", "total", "dropped", "blocked", "pace", "light")


@pytest.mark.parametrize("as_of", [None, "2023-04-15", "2023-06-30", "2023-12-31"])
def test_each_plans_figures_are_its_own_plan_status_figures(towns, as_of):
    args = [str(towns)] + (["--as-of", as_of] if as_of else [])
    record = county_json(*args)
    assert record["plans"] == 4
    for row in record["rows"]:
        total = status_total(Path(row["file"]), *(["--as-of", as_of] if as_of else []))
        assert {key: row[key] for key in FIGURES} == {key: total[key] for key in FIGURES}


def test_as_of_replays_the_trace_so_figures_differ_from_today(towns):
    early = {row["file"]: row for row in county_json(str(towns), "--as-of", "2023-02-01")["rows"]}
    late = {row["file"]: row for row in county_json(str(towns), "--as-of", "2023-06-30")["rows"]}
    jia = str(towns / "jia.toml")
    assert early[jia]["done"] < late[jia]["done"]
    assert early[jia]["newest_change"] <= "2023-02-01"
    assert late[jia]["newest_change"] == "2023-06-20"


def test_the_table_ranks_by_completion_and_prints_the_rule_under_it(towns):
    record = county_json(str(towns), "--as-of", "2023-06-30")
    completions = [row["completion"] for row in record["rows"]]
    assert completions == sorted(completions, reverse=True)
    assert [row["rank"] for row in record["rows"]] == [1, 2, 3, 4]
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    flat = out.replace("\n", "")  # the rules under the table wrap at the width
    assert "各乡镇工作计划推进情况 · 截至 2023-06-30" in out
    bare = "".join(out.split())  # (a line may end at any of the rule's spaces)
    assert "排名规则：按完成率" in flat and "名次按1、2、2、4排" in bare
    # (plan status shows each plan's share whole: 41% there, 41.5% here, not "the same")
    assert "算法与各计划planstatus的合计完成率相同，这里保留1位小数" in bare
    first = record["rows"][0]
    names = [row["organisation"] for row in record["rows"]]
    positions = [out.index(name) for name in names]
    assert positions == sorted(positions)  # printed in the order of their places
    assert f"{first['done']}/{first['total']}" in out


def test_the_overall_figures_add_up_the_plans(towns):
    record = county_json(str(towns), "--as-of", "2023-06-30")
    rows, total = record["rows"], record["total"]
    assert total["total"] == sum(row["total"] for row in rows)
    assert total["done"] == sum(row["done"] for row in rows)
    for kind in ("ahead", "on_pace", "behind", "overdue"):
        assert total["pace"][kind] == sum(row["pace"][kind] for row in rows)
    mean = sum(row["completion"] for row in rows) / len(rows)
    assert abs(total["mean_completion"] - mean) < 0.0001
    assert "completion" not in total


# ---------------------------------------------------------------- not reported


def test_a_town_with_no_record_since_the_reporting_period_is_flagged(towns):
    record = county_json(str(towns), "--as-of", "2023-06-30")
    assert record["reporting"]["deadline"] == "2023-06-25"
    assert record["reporting"]["since"] == "2023-05-26"
    late = {Path(file).name for file in record["not_reported"]}
    assert late == {"yi.toml", "bing.toml"}  # March, and never; Hill Town reported on 30 May
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30"])
    assert "报送要求：每月25日前填报（默认）；最近一次期限为 2023-06-25" in result.stdout
    assert "未按要求报送：" in result.stdout
    assert "乙镇（最近填报 2023-03-10）" in result.stdout
    assert "丙镇（没有任何填报记录）" in result.stdout


def test_before_the_25th_the_period_is_the_month_before(towns):
    record = county_json(str(towns), "--as-of", "2023-06-10")
    assert record["reporting"]["deadline"] == "2023-05-25"
    assert record["reporting"]["since"] == "2023-04-26"
    late = {Path(file).name for file in record["not_reported"]}
    assert late == {"yi.toml", "bing.toml"}


def test_report_day_and_stale_days_change_who_is_flagged(towns):
    # Reports due by the 5th: on 30 June the period began on 6 May; Hill Town (30 May) is in.
    record = county_json(str(towns), "--as-of", "2023-06-30", "--report-day", "每月5日前")
    assert record["reporting"]["deadline"] == "2023-06-05"
    assert {Path(f).name for f in record["not_reported"]} == {"yi.toml", "bing.toml"}
    # Within the last 20 days: 11 to 30 June; Hill Town's 30 May is too old.
    record = county_json(str(towns), "--as-of", "2023-06-30", "--stale-days", "20")
    assert record["reporting"]["since"] == "2023-06-11"
    assert {Path(f).name for f in record["not_reported"]} == {"yi.toml", "bing.toml", "hill.toml"}
    result = runner.invoke(
        app, ["county", str(towns), "--as-of", "2023-06-30", "--stale-days", "20"]
    )
    assert "报送要求：20 天内应有填报记录" in result.stdout


def test_the_county_settings_file_sets_the_rule_and_is_not_read_as_a_plan(towns):
    (towns / "county.toml").write_text('[county]\nreport_day = "月底"\n', encoding="utf-8")
    record = county_json(str(towns), "--as-of", "2023-06-29")
    assert record["reporting"]["deadline"] == "2023-05-31"
    assert record["plans"] == 4
    assert record["skipped"] == []  # the settings in use are not a file left aside
    (towns / "east" / "county.toml").write_text("[county]\nreport_day = 5\n", encoding="utf-8")
    record = county_json(str(towns), "--as-of", "2023-06-29")
    assert record["reporting"]["deadline"] == "2023-05-31"
    assert record["skipped"] == [{"file": str(towns / "east" / "county.toml"), "why": "settings"}]
    assert "（county.toml）" in record["reporting"]["rule"]


def test_bad_county_settings_are_named(towns):
    (towns / "county.toml").write_text("[county]\nreport_day = 40\n", encoding="utf-8")
    result = runner.invoke(app, ["county", str(towns)])
    assert result.exit_code == 1
    assert "county.toml 中的 county.report_day 有误" in result.stderr


def test_report_day_usage_errors_exit_2(towns):
    for args in (
        ["--report-day", "每周一"],
        ["--report-day", "25", "--stale-days", "3"],
        ["--stale-days", "0"],
    ):
        result = runner.invoke(app, ["county", str(towns), *args])
        assert result.exit_code == 2, (args, result.output)


def test_reporting_deadlines_at_month_ends_and_year_ends():
    rule = ReportingRule(25)
    assert rule.deadline(dt.date(2023, 1, 10)) == dt.date(2022, 12, 25)
    assert rule.since(dt.date(2023, 1, 10)) == dt.date(2022, 11, 26)
    assert rule.since(dt.date(2023, 1, 25)) == dt.date(2022, 12, 26)
    month_end = ReportingRule(parse_report_day("月底"))
    assert month_end.deadline(dt.date(2023, 3, 15)) == dt.date(2023, 2, 28)
    assert month_end.since(dt.date(2023, 3, 31)) == dt.date(2023, 3, 1)
    assert ReportingRule(None, 1).since(dt.date(2023, 3, 31)) == dt.date(2023, 3, 31)
    assert parse_report_day("每月25日前") == 25 and parse_report_day("32") is None


# ---------------------------------------------------------------- ranking, weights, ties


@pytest.fixture
def twins(tmp_path: Path) -> Path:
    """Three towns: two with the very same plan (a tie), one other."""
    folder = tmp_path / "twins"
    write(folder / "a.toml", town_doc("东镇", tasks=20, seed=7))
    write(folder / "b.toml", town_doc("西镇", tasks=20, seed=7))
    write(folder / "c.toml", town_doc("南镇", tasks=30, seed=8))
    return folder


def test_equal_figures_share_a_place_and_the_next_place_counts_them(twins):
    record = county_json(str(twins), "--as-of", "2023-06-30")
    by_name = {row["organisation"]: row for row in record["rows"]}
    assert by_name["东镇"]["rank"] == by_name["西镇"]["rank"]
    ranks = sorted(row["rank"] for row in record["rows"])
    assert ranks in ([1, 1, 3], [1, 2, 2])
    # Sharing a place, they are listed in file order.
    names = [row["organisation"] for row in record["rows"]]
    assert names.index("东镇") < names.index("西镇")


def test_places_share_ties_at_the_shown_decimal():
    from fractions import Fraction

    assert places([Fraction(50), Fraction(6001, 100), Fraction(6004, 100), None, Fraction(70)]) == [
        4,
        2,
        2,
        None,
        1,
    ]


def test_weights_rank_by_a_score_and_the_rule_says_how(towns):
    record = county_json(
        str(towns), "--as-of", "2023-06-30", "--weights", "completion=0.5,on_pace=0.5,overdue=1"
    )
    assert record["ranking"]["by"] == "score"
    for row in record["rows"]:
        expected = row["completion"] * 50 + row["on_pace_share"] * 50 - row["pace"]["overdue"]
        assert abs(row["score"] - expected) < 0.06  # both rounded: the score to 0.1
    scores = [row["score"] for row in record["rows"]]
    assert scores == sorted(scores, reverse=True)
    assert "得分 = 完成率×0.5 + 序时达标率×0.5 − 逾期任务数×1" in record["ranking"]["rule"]
    result = runner.invoke(
        app, ["county", str(towns), "--as-of", "2023-06-30", "--weights", "逾期=1"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "得分" in result.stdout and "得分 = 完成率×0 + 序时达标率×0 − 逾期任务数×1" in result.stdout
    )


def test_a_heavy_overdue_weight_reorders_the_towns(towns):
    plain = [r["organisation"] for r in county_json(str(towns), "--as-of", "2023-06-30")["rows"]]
    only_overdue = county_json(str(towns), "--as-of", "2023-06-30", "--weights", "overdue=1")
    rows = only_overdue["rows"]
    assert [r["pace"]["overdue"] for r in rows] == sorted(r["pace"]["overdue"] for r in rows)
    assert [r["organisation"] for r in rows] != plain or len(set(plain)) == 1


def test_weights_from_the_county_settings(towns):
    (towns / "county.toml").write_text(
        "[county.weights]\ncompletion = 1\noverdue = 0.5\n", encoding="utf-8"
    )
    record = county_json(str(towns), "--as-of", "2023-06-30")
    assert record["ranking"]["weights"] == {"completion": 1.0, "on_pace": 0.0, "overdue": 0.5}


@pytest.mark.parametrize("weights", ["completion", "completion=-1", "speed=1", "completion=0"])
def test_bad_weights_are_a_usage_error(towns, weights):
    result = runner.invoke(app, ["county", str(towns), "--weights", weights])
    assert result.exit_code == 2, result.output


# ---------------------------------------------------------------- files left aside, bad files


def test_a_bad_file_is_named_the_others_counted_and_the_exit_code_is_1(towns):
    (towns / "broken.toml").write_text("[plan]\ntitle = \n", encoding="utf-8")
    write(towns / "invalid.toml", town_doc("坏镇", tasks=3) | {"item": [{"id": "1", "title": ""}]})
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--json"])
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["plans"] == 4
    errors = {Path(error["file"]).name: error["message"] for error in record["errors"]}
    assert set(errors) == {"broken.toml", "invalid.toml"}
    assert "第 2 行" in errors["broken.toml"]
    assert "title" in errors["invalid.toml"]
    table = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30"])
    assert table.exit_code == 1
    assert "2 个文件有问题，未计入（请修正后重新汇总）：" in table.stdout
    flat = table.stdout.replace("\n", "")
    assert f"- {towns / 'broken.toml'} 第 2 行" in flat  # the store's message, naming the file
    assert f"{towns / 'invalid.toml'}" in flat


def test_lock_temp_settings_and_other_toml_files_are_left_aside_and_named(towns):
    (towns / "jia.toml.lock").write_text("", encoding="utf-8")
    (towns / ".jia.toml.abcd1234.quanhu-tmp").write_text("x", encoding="utf-8")
    (towns / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (towns / "notes.xlsx").write_bytes(b"not read")
    (towns / ".git").mkdir()
    (towns / ".git" / "x.toml").write_text("[plan]\n", encoding="utf-8")
    result = runner.invoke(app, ["county", str(towns), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    skipped = {Path(left["file"]).name: left["why"] for left in record["skipped"]}
    assert skipped == {
        "jia.toml.lock": "lock",
        ".jia.toml.abcd1234.quanhu-tmp": "temp",
        "pyproject.toml": "not_a_plan",
    }
    assert record["plans"] == 4 and record["errors"] == []
    table = runner.invoke(app, ["county", str(towns)])
    assert "3 个文件不是计划，已跳过：" in table.stdout
    # A long path folds the line (at a space), wherever pytest puts the folder.
    flat = "".join(table.stdout.split())
    assert "pyproject.toml：不是计划文件（没有[plan]表）" in flat


def test_a_file_named_on_the_command_line_must_be_a_plan(towns, tmp_path):
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = runner.invoke(
        app, ["county", str(towns / "jia.toml"), str(other), str(tmp_path / "none.toml")]
    )
    assert result.exit_code == 1
    assert "2 个文件有问题" in result.stdout
    assert "甲镇" in result.stdout


def test_the_same_file_given_twice_counts_once(towns):
    record = county_json(str(towns), str(towns / "jia.toml"))
    assert record["plans"] == 4


# ---------------------------------------------------------------- languages


def test_english_when_every_plan_is_english_or_lang_en(towns, tmp_path):
    folder = tmp_path / "en"
    write(folder / "a.toml", town_doc("Hill Town", tasks=10, lang="en", seed=3))
    write(folder / "b.toml", town_doc("River Town", tasks=15, lang="en", seed=5, last_record=None))
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "The towns' work plans · as of 2023-06-30" in result.stdout
    assert "Ranking: by completion" in result.stdout
    assert "Not reported: River Town (nothing recorded)" in result.stdout
    mixed = runner.invoke(app, ["county", str(towns), "--lang", "en"])
    assert "The towns' work plans" in mixed.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_fits_80_columns(towns, monkeypatch, lang):
    monkeypatch.setenv("COLUMNS", "80")
    args = ["--as-of", "2023-06-30", "--lang", lang, "--weights", "overdue=1"]
    result = runner.invoke(app, ["county", str(towns), *args])
    assert result.exit_code == 0
    table = result.stdout.split("\n\n")[0]
    widths = [len(line) + sum(1 for ch in line if ord(ch) > 0x2E80) for line in table.splitlines()]
    assert max(widths) <= 80
    assert ("超达欠逾" if lang == "zh" else "A/O/B/Late") in table


# ---------------------------------------------------------------- the 通报


def test_markdown_notice_has_the_overall_figures_top_bottom_not_reported_and_table(towns):
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--format", "md"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    record = county_json(str(towns), "--as-of", "2023-06-30")
    assert md.startswith("# 关于各乡镇工作计划推进情况的通报（截至2023年6月30日）")
    for heading in (
        "## 一、总体情况",
        "## 二、排名靠前的单位",
        "## 三、排名靠后的单位",
        "## 四、未按要求报送的单位",
    ):
        assert heading in md
    assert f"本次汇总计划 4 个（参加排名 4 个），任务 {record['total']['total']} 项" in md
    first = record["rows"][0]
    assert f"- 第1名 {first['organisation']}：完成率" in md
    assert "- 乙镇（最近填报2023年3月10日）" in md  # as the title says its day
    assert "| 排名 | 单位 | 任务 | 完成 | 完成率 |" in md
    assert md.count("\n| ") == 5  # the header and four plans
    assert "排名规则：" in md


def test_word_notice_in_the_house_style(towns, tmp_path):
    import docx

    out = tmp_path / "通报.docx"
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"已写入 {out}（4 个计划）。" in result.stdout
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "关于各乡镇工作计划推进情况的通报（截至2023年6月30日）"
    assert document.paragraphs[0].style.name == "Title"
    assert "一、总体情况" in texts and "四、未按要求报送的单位" in texts
    assert "乙镇（最近填报2023年3月10日）" in texts
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.top_margin.mm)) == (210, 37)
    assert document.sections[-1].orientation == 1  # the table on a landscape page
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:5] == ["排名", "单位", "任务", "完成", "完成率"]
    assert len(table.rows) == 6  # (the last: the ranking rule, kept with the row above it)
    record = county_json(str(towns), "--as-of", "2023-06-30")
    assert table.rows[1].cells[1].text == record["rows"][0]["organisation"]
    header_xml = table.rows[0]._tr.xml
    assert "w:tblHeader" in header_xml and "F2F2F2" in header_xml
    assert "排名规则" in table.rows[-1].cells[0].text
    assert not any("排名规则" in text for text in texts)


def test_excel_notice_in_the_house_style(towns, tmp_path):
    out = tmp_path / "通报.xlsx"
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "关于各乡镇工作计划推进情况的通报（截至2023年6月30日）"
    firsts = [row[0] for row in values]
    assert "一、总体情况" in firsts and "四、未按要求报送的单位" in firsts
    assert "乙镇（最近填报2023年3月10日）" in firsts
    header = firsts.index("排名")
    assert values[header][:5] == ["排名", "单位", "任务", "完成", "完成率"]
    record = county_json(str(towns), "--as-of", "2023-06-30")
    for offset, row in enumerate(record["rows"], 1):
        line = values[header + offset]
        assert line[0] == row["rank"] and line[1] == row["organisation"]
        assert line[2] == row["total"] and line[3] == row["done"]
        assert abs(line[4] - row["completion"]) < 0.00051  # shown to 0.1 %, a number
        assert sheet.cell(header + 1 + offset, 5).number_format == "0.0%"
    cell = sheet.cell(header + 1, 1)
    assert sheet.cell(header + 1, 1).fill.start_color.rgb.endswith("D9D9D9")
    assert cell.font.bold and cell.font.name == "宋体"
    assert sheet.print_title_rows == f"${header + 1}:${header + 1}"
    assert sheet.page_setup.orientation == "landscape"


def test_the_notice_is_not_written_over_a_file_without_force_nor_onto_a_plan(towns, tmp_path):
    out = tmp_path / "通报.md"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["county", str(towns), "--out", str(out)])
    assert result.exit_code == 1 and out.read_text(encoding="utf-8") == "old"
    result = runner.invoke(app, ["county", str(towns), "--out", str(out), "--force"])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# 关于")
    plan = towns / "jia.toml"
    before = plan.read_bytes()
    result = runner.invoke(app, ["county", str(towns), "--out", str(plan), "--format", "md"])
    assert result.exit_code == 1
    assert plan.read_bytes() == before
    assert "正在使用的计划文件" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if "quanhu-tmp" in p.name] == []


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "docx"],
        ["--format", "xlsx"],
        ["--out", "x.pdf"],
        ["--format", "md", "--out", "x.docx"],
        ["--json", "--format", "md"],
        ["--key", "县-1", "--format", "md"],
    ],
)
def test_format_and_out_that_do_not_fit_are_usage_errors(towns, args):
    result = runner.invoke(app, ["county", str(towns), *args])
    assert result.exit_code == 2, result.output


def test_a_bad_file_is_named_in_the_notice_too(towns, tmp_path):
    (towns / "broken.toml").write_text("[plan\n", encoding="utf-8")
    out = tmp_path / "通报.md"
    result = runner.invoke(app, ["county", str(towns), "--out", str(out)])
    assert result.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "另有 1 个文件有问题，未计入本次汇总" in text
    assert "## 五、未计入的文件" in text and "broken.toml" in text


# ---------------------------------------------------------------- one county task across towns


def test_key_shows_one_county_task_in_every_town(towns):
    result = runner.invoke(app, ["county", str(towns), "--key", "县-1", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "县级任务 县-1 在各单位 · 截至 2023-06-30" in result.stdout
    assert "甲镇" in result.stdout and "乙镇" in result.stdout
    assert "没有这项任务的单位：" in result.stdout and "丙镇" in result.stdout
    record = county_json(str(towns), "--key", "县-1", "--as-of", "2023-06-30")
    found = {Path(p["file"]).name: p["items"] for p in record["plans"]}
    assert [item["key"] for item in found["jia.toml"]] == ["县-1"]
    assert found["bing.toml"] == []
    wide = county_json(str(towns), "--key", " 县－１ ", "--as-of", "2023-06-30")
    assert wide["plans"] == record["plans"]  # typed full width, found all the same
    item = found["jia.toml"][0]
    shown = runner.invoke(
        app,
        ["--file", str(towns / "jia.toml"), "show", item["id"], "--json", "--as-of", "2023-06-30"],
    )
    assert json.loads(shown.stdout) == item


def test_key_is_checked_as_text(plan_file):
    write(plan_file, town_doc("甲镇", tasks=3) | {"item": [{"id": "1", "title": "x", "key": 12}]})
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "县级任务编号" in result.stdout


def test_json_lists_the_top_and_bottom_three(tmp_path):
    folder = tmp_path / "seven"
    for n in range(7):
        write(folder / f"t{n}.toml", town_doc(f"镇{n}", tasks=10 + n, seed=20 + n))
    record = county_json(str(folder), "--as-of", "2023-06-30")
    files = [row["file"] for row in record["rows"]]
    assert record["top"] == files[:3] and record["bottom"] == files[-3:]
    md = runner.invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--format", "md"]
    ).stdout
    assert md.count("- 第") == 6


def test_figures_survive_a_warm_cache_and_two_processes(towns, monkeypatch):
    """Eight plans or more are read by two processes; the rows come back as they were."""
    for n in range(6):
        write(towns / f"more{n}.toml", town_doc(f"增{n}镇", tasks=5 + n, seed=30 + n))
    first = county_json(str(towns), "--as-of", "2023-06-30")
    import quanhu_plan.cli.county as county_cli

    monkeypatch.setattr(county_cli, "PARALLEL_FROM", 10_000)
    again = county_json(str(towns), "--as-of", "2023-06-30")
    assert first == again and first["plans"] == 10


def test_the_notice_bytes_are_a_workbook_openpyxl_reads(towns, tmp_path):
    out = tmp_path / "a.xlsx"
    runner.invoke(app, ["county", str(towns), "--out", str(out)])
    assert openpyxl.load_workbook(io.BytesIO(out.read_bytes())).sheetnames == ["排名"]


def test_add_and_edit_set_the_county_key_and_undo_takes_it_back(small_plan):
    result = runner.invoke(app, ["add", "1", "建设村级养老服务站", "--key", " 县-7 "])
    assert result.exit_code == 0, result.output
    text = small_plan.read_text(encoding="utf-8")
    assert 'id = "1.4"\nkey = "县-7"\ntitle = "建设村级养老服务站"' in text
    assert runner.invoke(app, ["edit", "1.1", "--key", "县-8"]).exit_code == 0
    record = county_json(str(small_plan), "--key", "县-8")
    assert [item["id"] for item in record["plans"][0]["items"]] == ["1.1"]
    assert runner.invoke(app, ["undo"]).exit_code == 0
    assert county_json(str(small_plan), "--key", "县-8")["plans"][0]["items"] == []
    assert runner.invoke(app, ["edit", "1.4", "--key", ""]).exit_code == 0
    assert county_json(str(small_plan), "--key", "县-7")["plans"][0]["items"] == []
    assert "\nkey = " not in small_plan.read_text(encoding="utf-8")


def test_hostile_names_are_shown_not_obeyed_in_every_format(tmp_path):
    folder = tmp_path / "hostile"
    name = "\x1b[2J[x] =HYPERLINK(1)\n镇"
    write(folder / "a.toml", town_doc(name, tasks=5, seed=1))
    write(folder / "b.toml", town_doc("乙镇", tasks=5, seed=2, last_record=None))
    shown = "\\x1b[2J[x] =HYPERLINK(1)"
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and shown in result.stdout
    md = runner.invoke(app, ["county", str(folder), "--format", "md"]).stdout
    assert "\x1b" not in md and "\\[x\\]" in md
    runner.invoke(app, ["county", str(folder), "--out", str(tmp_path / "a.xlsx")])
    cells = [
        c.value
        for row in openpyxl.load_workbook(tmp_path / "a.xlsx").active.iter_rows()
        for c in row
    ]
    assert any(isinstance(v, str) and v.startswith(shown) for v in cells)
    import docx

    assert (
        runner.invoke(app, ["county", str(folder), "--out", str(tmp_path / "a.docx")]).exit_code
        == 0
    )
    table = docx.Document(str(tmp_path / "a.docx")).tables[0]
    assert any(shown in cell.text for row in table.rows for cell in row.cells)


def test_a_folder_without_plans_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "pyproject.toml").write_text("[tool]\n", encoding="utf-8")
    result = runner.invoke(app, ["county", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "中没有找到计划文件（另有 1 个文件不是计划，已跳过）" in result.stderr


def test_the_county_name_signs_the_notice(towns, tmp_path):
    (towns / "county.toml").write_text(
        '[county]\nname = "衡南县人民政府督查室"\n', encoding="utf-8"
    )
    md = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--format", "md"])
    assert "衡南县人民政府督查室  \n2023年6月30日  \n\n## 附表" in md.stdout
    import docx

    out = tmp_path / "a.docx"
    assert runner.invoke(app, ["county", str(towns), "--out", str(out)]).exit_code == 0
    document = docx.Document(str(out))
    signed = [p for p in document.paragraphs if p.text == "衡南县人民政府督查室"]
    assert signed and signed[0].alignment == 2  # right
    assert document.core_properties.author == "衡南县人民政府督查室"


def test_a_second_process_that_fails_leaves_its_plans_to_the_first(towns, monkeypatch):
    import os

    import quanhu_plan.cli.county as county_cli

    for n in range(6):
        write(towns / f"more{n}.toml", town_doc(f"增{n}镇", tasks=5 + n, seed=30 + n))
    expected = county_json(str(towns), "--as-of", "2023-06-30")
    parent, read_one = os.getpid(), county_cli._read_one

    def dies_in_the_copy(*args: Any) -> Any:
        if os.getpid() != parent:
            raise RuntimeError("the copy fails")
        return read_one(*args)

    monkeypatch.setattr(county_cli, "_read_one", dies_in_the_copy)
    assert county_json(str(towns), "--as-of", "2023-06-30") == expected


def test_out_dash_prints_the_notice(towns):
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 关于各乡镇工作计划推进情况的通报")
    piped = runner.invoke(app, ["county", str(towns), "--format", "xlsx", "--out", "-"])
    assert piped.exit_code == 0
    assert openpyxl.load_workbook(io.BytesIO(piped.stdout_bytes)).sheetnames == ["排名"]
    assert not (Path.cwd() / "-").exists()


def test_as_of_is_read_as_offices_type_dates_but_needs_its_year(towns):
    typed = county_json(str(towns), "--as-of", "2023年6月30日")
    assert typed == county_json(str(towns), "--as-of", "2023-06-30")
    result = runner.invoke(app, ["county", str(towns), "--as-of", "6月30日"])
    assert result.exit_code == 2
    assert "没有写年份" in result.output


def test_check_points_out_a_county_key_on_two_items(plan_file):
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "key": "县-3"},
        {"id": "1.2", "title": "修路", "key": "县－3"},
    ]
    write(plan_file, town_doc("甲镇", tasks=1) | {"item": items})
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "县级任务编号 县－3 已用于事项 1.1；plan county --key 会把两项都列出。" in result.stdout


def test_word_notice_sets_chinese_quotes_in_the_chinese_face(towns, tmp_path):
    """As in the year-end report: a run without w:hint="eastAsia" has its “ ” — in Times New
    Roman in Word."""
    import docx
    from docx.oxml.ns import qn

    out = tmp_path / "通报.docx"
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    body = docx.Document(str(out)).element.body
    runs = list(body.iter(qn("w:r")))
    assert runs
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None and fonts.get(qn("w:hint")) == "eastAsia", run.xml


def test_county_tables_right_align_their_figures(towns, tmp_path):
    """The counts and the completion rate were centred in the Word and Excel 通报: figures of
    different lengths (153, 7, 34.5%, 100.0%) did not line up. They are right-aligned; the rank,
    the dates and the words stay centred, the name left."""
    import docx
    import openpyxl
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for suffix in ("docx", "xlsx"):
        out = tmp_path / f"a.{suffix}"
        result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "-o", str(out)])
        assert result.exit_code == 0, result.output
    table = docx.Document(str(tmp_path / "a.docx")).tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    for row in table.rows[1:-1]:  # (not the ranking rule's row under them)
        align = {  # (the last row has the hidden column's cell after the others: docx_note)
            name: cell.paragraphs[0].alignment
            for name, cell in zip(header, row.cells, strict=False)
        }
        for name in ("任务", "完成", "完成率", "红灯", "逾期"):
            assert align[name] == WD_ALIGN_PARAGRAPH.RIGHT, name
        assert align["排名"] == WD_ALIGN_PARAGRAPH.CENTER
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    head = next(r for r in ws.iter_rows() if r[0].value == "排名")
    names = [cell.value for cell in head]
    first = ws[head[0].row + 1]
    align = {name: cell.alignment.horizontal for name, cell in zip(names, first, strict=True)}
    for name in ("任务", "完成", "完成率", "红灯", "逾期"):
        assert align[name] == "right", name
    assert align["排名"] == "center" and align["单位"] == "left"


def test_the_notice_dates_its_signature_two_characters_in_from_the_name(towns, tmp_path):
    """GB/T 9704: the date under the signing name starts two characters right of the name's
    first character (衡南县人民政府督查室 is 10 wide, 2023年6月30日 6.5: 3.5 in from the margin)."""
    import docx

    (towns / "county.toml").write_text(
        '[county]\nname = "衡南县人民政府督查室"\n', encoding="utf-8"
    )
    out = tmp_path / "a.docx"
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    paragraphs = {p.text: p for p in docx.Document(str(out)).paragraphs}
    indent = {
        text: round(paragraphs[text].paragraph_format.right_indent.pt / BODY_PITCH, 1)
        for text in ("衡南县人民政府督查室", "2023年6月30日")
    }
    assert indent == {"衡南县人民政府督查室": 2, "2023年6月30日": 3.5}


def test_county_workbook_gives_the_last_report_as_a_date_cell(towns, tmp_path):
    """最近填报 was text (2023-06-01): Excel could not sort the towns by it or filter a date
    range. A day is a date cell shown yyyy-mm-dd; 无记录 stays words."""
    import openpyxl

    out = tmp_path / "a.xlsx"
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    head = next(r for r in ws.iter_rows() if r[0].value == "排名")
    column = [cell.value for cell in head].index("最近填报")
    cells = [ws.cell(row, column + 1) for row in range(head[0].row + 1, head[0].row + 5)]
    dated = [cell for cell in cells if cell.value != "无记录"]
    assert dated and all(cell.is_date for cell in dated)
    assert all(cell.number_format == "yyyy-mm-dd" for cell in dated)
    assert dt.datetime(2023, 3, 10) in [cell.value for cell in dated]  # 乙镇
    assert all(cell.alignment.horizontal == "center" for cell in cells)


def test_a_folder_given_with_no_plan_in_it_is_named_not_passed_over(towns, tmp_path):
    """plan county towns/ empty/ (a folder of late reports still empty): the plans of towns/
    are counted, and the empty folder is named, not passed over in silence; alone, it is the
    usual error (no plan found), which counts no file as skipped."""
    empty = tmp_path / "迟报"
    empty.mkdir()
    result = runner.invoke(app, ["county", str(towns), str(empty), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["plans"] == 4
    assert {"file": str(empty), "why": "no_plans"} in record["skipped"]
    table = runner.invoke(app, ["county", str(towns), str(empty)])
    flat = "".join(table.stdout.split())
    assert "1个文件夹中没有计划文件：" in flat and "迟报：文件夹中没有计划文件（.toml）" in flat
    english = runner.invoke(app, ["--lang", "en", "county", str(towns), str(empty)])
    assert "1 folder given holds no plan file:" in english.stdout
    alone = runner.invoke(app, ["county", str(empty)])
    assert alone.exit_code == 1 and "中没有找到计划文件。" in alone.output
    assert "已跳过" not in alone.output


def test_eight_plans_read_where_sigchld_is_ignored(towns):
    """SIGCHLD ignored, as a caller that ignores it hands it on through exec (a daemon, a
    server running plan): the copy reading half the plans was reaped as it left, and waiting
    for it ended in a ChildProcessError traceback. Read in one process then, the same rows."""
    import signal

    for n in range(6):
        write(towns / f"more{n}.toml", town_doc(f"增{n}镇", tasks=5 + n, seed=30 + n))
    first = county_json(str(towns), "--as-of", "2023-06-30")
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-06-30", "--json"])
    finally:
        signal.signal(signal.SIGCHLD, before)
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert json.loads(result.stdout) == first and first["plans"] == 10
