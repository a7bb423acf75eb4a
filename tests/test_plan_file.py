"""The plan file: the repo's 2023 plan, canonical round trips, unknown fields, bad input."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import tomli_w

from quanhu_plan import store
from quanhu_plan.errors import PlanInvalid, PlanSyntaxError
from quanhu_plan.model import Plan

from .conftest import REPO, REPO_PLAN, SMALL_ITEMS, plan_doc, write_plan


def load_repo_plan() -> Plan:
    return store.plan_from_text(REPO_PLAN.read_text(encoding="utf-8"), str(REPO_PLAN))


# ---------------------------------------------------------------- the 2023 plan


def test_repo_plan_has_the_five_parts_of_the_2023_plan():
    plan = load_repo_plan()
    assert [(root.id, root.title) for root in plan.roots] == [
        ("1", "打牢一个基础"),
        ("2", "培育两大产业"),
        ("3", "巩固三项改革"),
        ("4", "守住四条底线"),
        ("5", "抓好五项重点"),
    ]
    assert plan.title == "泉湖镇2023年工作计划"
    assert (plan.year, plan.start, plan.end, plan.lang) == (
        2023,
        dt.date(2023, 1, 1),
        dt.date(2023, 12, 31),
        "zh",
    )


@pytest.mark.parametrize(
    "fragment",
    [
        "农耕文化体验馆",
        "泉湖馆",
        "泉水湖",
        "村办集体企业",
        "宁电入湘",
        "衡永高速",
        "污水处理厂",
        "垃圾中转站",
        "耕地红线",
        "一门式",
        "宅基地",
    ],
)
def test_repo_plan_names_each_undertaking_of_the_seed_as_a_task(fragment):
    plan = load_repo_plan()
    tasks = [task for task in plan.tasks() if fragment in task.title]
    assert tasks, f"no task for {fragment}"


def test_repo_plan_carries_the_2022_grain_area_as_baseline_and_invents_nothing():
    plan = load_repo_plan()
    grain = plan.find("5.5.1")
    assert (grain.title, grain.get("baseline"), grain.get("measure")) == (
        "落实粮食播种面积",
        3.2,
        "万亩",
    )
    invented = {
        "lead",
        "lead_unit",
        "owner",
        "due",
        "status",
        "progress",
        "target",
        "actual",
        "done_on",
    }
    for item in plan.items():
        assert not invented & set(item.data), f"{item.id} has fields the seed does not give"


def test_repo_plan_is_canonical():
    text = REPO_PLAN.read_text(encoding="utf-8")
    assert store.dump(load_repo_plan()) == text


def test_embedded_plan_is_the_repo_plan_in_a_source_checkout():
    assert store.embedded_plan_path().resolve() == REPO_PLAN.resolve()


def test_wheel_build_config_packages_the_repo_plan():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    force = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force == {"plan.toml": "quanhu_plan/plan.toml"}


# ---------------------------------------------------------------- canonical writing


def test_saving_an_unchanged_plan_gives_the_same_bytes(small_plan: Path):
    plan = store.load(store.PlanSource(small_plan))
    first = store.dump(plan)
    small_plan.write_text(first, encoding="utf-8")
    again = store.dump(store.load(store.PlanSource(small_plan)))
    assert again == first


def test_changing_one_task_changes_only_its_lines(small_plan: Path):
    source = store.PlanSource(small_plan)
    plan = store.load(source)
    store.save(small_plan, plan)
    before = small_plan.read_text(encoding="utf-8").splitlines()
    store.update(source, lambda p: p.find("1.3").data.__setitem__("progress", 60))
    after = small_plan.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("progress = 50", "progress = 60")]


def test_items_are_written_in_tree_order_with_known_fields_first(plan_file: Path):
    plan_file.write_text(
        tomli_w.dumps(
            plan_doc(
                [
                    {"id": "1.1", "zz_custom": "保留", "title": "子任务", "status": "doing"},
                    {"id": "1", "title": "父目标"},
                ]
            )
        ),
        encoding="utf-8",
    )
    text = store.dump(store.load(store.PlanSource(plan_file)))
    assert text.index('id = "1"\n') < text.index('id = "1.1"')
    child = text[text.index('id = "1.1"') :]
    assert child.index("title") < child.index("status") < child.index("zz_custom")


def test_unknown_fields_survive_a_rewrite(plan_file: Path):
    items = [
        {"id": "1", "title": "目标", "color": "red", "meta": {"source": "台账", "row": 7}},
        {
            "id": "1.1",
            "title": "任务",
            "custom_list": [1, 2],
            "log": [{"on": dt.date(2023, 2, 1), "note": "开工", "mood": "好"}],
        },
    ]
    write_plan(plan_file, items, approved_by="镇党委")
    doc = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    doc["extra_table"] = {"kept": True}
    plan_file.write_text(tomli_w.dumps(doc), encoding="utf-8")
    source = store.PlanSource(plan_file)
    store.update(source, lambda p: p.find("1.1").data.__setitem__("status", "done"))
    saved = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    assert saved["plan"]["approved_by"] == "镇党委"
    assert saved["extra_table"] == {"kept": True}
    assert saved["item"][0]["color"] == "red" and saved["item"][0]["meta"] == {
        "source": "台账",
        "row": 7,
    }
    assert saved["item"][1]["custom_list"] == [1, 2]
    assert saved["item"][1]["log"][0]["mood"] == "好"
    assert saved["item"][1]["status"] == "done"


def test_user_text_with_quotes_brackets_hashes_and_newlines_round_trips(plan_file: Path):
    title = '[x] 修塘 "四香" #1\n第二行 \\ 反斜杠'
    write_plan(plan_file, [{"id": "1", "title": title, "detail": "'单引号' [[item]] = #"}])
    plan = store.load(store.PlanSource(plan_file))
    text = store.dump(plan)
    again = store.plan_from_text(text, "x")
    assert again.find("1").title == title
    assert again.find("1").get("detail") == "'单引号' [[item]] = #"


def test_write_keeps_file_mode(small_plan: Path):
    small_plan.chmod(0o640)
    store.update(store.PlanSource(small_plan), lambda p: None)
    assert small_plan.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------- bad input


def bad_plan(plan_file: Path, items: list[dict], **meta) -> list[str]:
    write_plan(plan_file, items, **meta)
    with pytest.raises(PlanInvalid) as info:
        store.load(store.PlanSource(plan_file))
    return [p.message("en") for p in info.value.problems]


def test_syntax_error_names_file_line_and_column(plan_file: Path):
    plan_file.write_text(
        '[plan]\ntitle = "x"\n\n[[item]]\nid = "1"\ntitle = "未闭合\n', encoding="utf-8"
    )
    with pytest.raises(PlanSyntaxError) as info:
        store.load(store.PlanSource(plan_file))
    assert info.value.line == 6
    message = info.value.message("zh")
    assert str(plan_file) in message and "第 6 行" in message and "列" in message


def test_bare_invalid_date_is_a_syntax_error_with_its_line(plan_file: Path):
    plan_file.write_text(
        '[plan]\ntitle = "x"\n\n[[item]]\nid = "1"\ntitle = "t"\ndue = 2023-02-30\n',
        encoding="utf-8",
    )
    with pytest.raises(PlanSyntaxError) as info:
        store.load(store.PlanSource(plan_file))
    assert info.value.line == 7


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("status", "finished", "must be one of todo, doing, done, blocked, dropped"),
        ("progress", 150, "progress must be a number from 0 to 100"),
        ("progress", -1, "progress must be a number from 0 to 100"),
        ("due", "2023-02-30", "must be a date (2023-06-30, no quotes), a month"),
        ("target", "五", "must be a number, may be negative"),
        ("actual", "很多", "must be a number, may be negative"),
        ("weight", 0, "weight must be a number above 0"),
        ("support_units", "综治办", "must be a list of text"),
    ],
)
def test_schema_problem_names_item_field_found_and_allowed(plan_file: Path, field, value, expected):
    messages = bad_plan(
        plan_file, [{"id": "1", "title": "目标"}, {"id": "1.1", "title": "任务", field: value}]
    )
    assert len(messages) == 1
    assert "item 1.1" in messages[0] and f"field {field}" in messages[0]
    assert repr(value) in messages[0] or str(value) in messages[0]
    assert expected in messages[0]


def test_schema_problem_carries_the_line_of_the_field(plan_file: Path):
    write_plan(
        plan_file, [{"id": "1", "title": "目标"}, {"id": "1.1", "title": "任务", "progress": 150}]
    )
    lines = plan_file.read_text(encoding="utf-8").splitlines()
    with pytest.raises(PlanInvalid) as info:
        store.load(store.PlanSource(plan_file))
    (problem,) = info.value.problems
    assert lines[problem.line - 1] == "progress = 150"


def test_duplicate_ids_are_reported(plan_file: Path):
    messages = bad_plan(plan_file, [{"id": "1", "title": "甲"}, {"id": "1", "title": "乙"}])
    assert len(messages) == 1 and "duplicate id" in messages[0] and "item 1" in messages[0]


def test_missing_title_parent_and_plan_title_are_reported(plan_file: Path):
    messages = bad_plan(plan_file, [{"id": "1"}, {"id": "2.1", "title": "孤儿"}], title="")
    assert any("[plan]" in m and "field title" in m for m in messages)
    assert any("item 1" in m and "non-empty title" in m for m in messages)
    assert any("item 2.1" in m and "there is no item 2" in m for m in messages)


def test_every_problem_is_reported_not_only_the_first(plan_file: Path):
    messages = bad_plan(
        plan_file,
        [
            {"id": "1", "title": "甲", "status": "??"},
            {"id": "2", "title": "乙", "progress": 101},
            {"id": "3", "title": "丙", "target": "一"},
        ],
        start=dt.date(2023, 12, 31),
        end=dt.date(2023, 1, 1),
    )
    assert len(messages) == 4


def test_parent_loop_is_reported(plan_file: Path):
    messages = bad_plan(
        plan_file,
        [{"id": "a", "title": "甲", "parent": "b"}, {"id": "b", "title": "乙", "parent": "a"}],
    )
    assert any("loop" in m for m in messages)


def test_small_plan_loads(small_plan: Path):
    plan = store.load(store.PlanSource(small_plan))
    assert [t.id for t in plan.tasks()] == [item["id"] for item in SMALL_ITEMS if "." in item["id"]]


def test_example_2022_plan_is_canonical():
    example = REPO / "examples" / "quanhu-2022.toml"
    text = example.read_text(encoding="utf-8")
    assert store.dump(store.plan_from_text(text, str(example))) == text


def test_a_short_plan_is_still_written_as_item_blocks_with_inline_change_tables(plan_file: Path):
    at = dt.datetime(2023, 3, 5, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    entry = {"at": at, "by": "王五", "action": "done", "before": {}, "after": {"status": "done"}}
    write_plan(plan_file, [{"id": "1", "title": "短", "status": "done", "log": [entry]}])
    text = store.dump(store.load(store.PlanSource(plan_file)))
    assert '[[item]]\nid = "1"\ntitle = "短"\nstatus = "done"\n' in text
    assert (
        '[[item.log]]\nat = 2023-03-05 10:00:00+08:00\nby = "王五"\naction = "done"\nbefore = {}\nafter = { status = "done" }\n'
        in text
    )


def test_carriage_returns_and_control_characters_read_back_exactly(plan_file: Path):
    title = "第一行\r\n第二行\r第三行\t\x07"
    write_plan(plan_file, [{"id": "1", "title": title, "evidence": ["a\nb", "文件[1].pdf"]}])
    again = store.plan_from_text(store.dump(store.load(store.PlanSource(plan_file))), "x")
    assert again.find("1").title == title
    assert again.find("1").get("evidence") == ["a\nb", "文件[1].pdf"]
