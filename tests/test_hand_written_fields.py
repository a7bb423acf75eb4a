"""A plan file edited by hand the way an office writes: a field named as its own tables name
it (责任人, 完成时限, deadline) — written bare it is not TOML, and the error says which field to
write; in quotes it is kept, and ``plan check`` says which field it stands for — and a date
written as people write one (2023/6/30, "6月底", "二季度"): the message says how to write it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

ITEMS = [
    {"id": "1", "title": "产业发展"},
    {"id": "1.1", "title": "发展油茶产业", "due": dt.date(2023, 6, 30)},
    {"id": "1.2", "title": "修机耕道", "owner": "李四"},
]


def _with_line(path: Path, after: str, line: str) -> str:
    """The plan with ``line`` put below the line ``after``; the text written."""
    text = path.read_text(encoding="utf-8")
    assert after + "\n" in text
    text = text.replace(after + "\n", after + "\n" + line + "\n", 1)
    path.write_text(text, encoding="utf-8")
    return text


def _line_of(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


@pytest.mark.parametrize(
    ("name", "field"), [("责任人", "owner"), ("完成时限", "due"), ("进度", "progress")]
)
def test_a_bare_chinese_field_name_says_the_field_to_write(
    runner: CliRunner, plan_file: Path, name: str, field: str
) -> None:
    write_plan(plan_file, ITEMS)
    written = f'{name} = "张三"'
    text = _with_line(plan_file, 'id = "1.1"', written)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert f"第 {_line_of(text, written)} 行" in said
    assert "（事项 1.1）" in said
    assert f"字段名 {name} 是中文" in said
    assert f"{name} 请写作 {field}（如 {field} = …）" in said
    assert f'"{name}" = …' in said  # how to keep a field of one's own
    assert "既不是" not in said  # TOML's "Invalid statement": it is a 字段 = 值 line
    # a change refuses the file as it is, and leaves it as it was
    changed = runner.invoke(app, ["done", "1.2"])
    assert changed.exit_code == 1
    assert f"字段名 {name} 是中文" in " ".join(changed.output.split())
    assert plan_file.read_text(encoding="utf-8") == text


def test_in_english_and_for_a_name_no_field_stands_for(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    written = '联络群 = "泉湖镇工作群"'
    text = _with_line(plan_file, 'id = "1.2"', written)
    result = runner.invoke(app, ["--lang", "en", "check"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"line {_line_of(text, written)}" in said
    assert "(item 1.2)" in said
    assert "the field name 联络群 is not in English" in said
    assert "(see docs/format.md)" in said
    assert " is written " not in said  # no field to name
    zh = " ".join(runner.invoke(app, ["check"]).output.split())
    assert "各字段的名字见 docs/format.md" in zh


def test_other_refused_lines_keep_their_own_message(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    # a line of prose with an equals sign in it is no field's name
    _with_line(
        plan_file, 'id = "1.2"', "油茶产业的面积达到去年的两倍以上，产值同比增长百分之二十以上 = 好"
    )
    prose = " ".join(runner.invoke(app, ["check"]).output.split())
    assert "是中文" not in prose
    assert "不是有效的 TOML" in prose
    # a full-width equals sign is still named as such
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.2"', "progress ＝ 50")
    wide = " ".join(runner.invoke(app, ["check"]).output.split())
    assert "全角字符 ＝" in wide
    assert "是中文" not in wide


def test_a_quoted_chinese_name_is_kept_and_check_names_its_field(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.1"', '"责任人" = "张三"')
    text = _with_line(plan_file, 'id = "1.2"', "deadline = 2023-06-30")  # (1.1 has its due)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    owner = next(line for line in lines if "字段 责任人" in line)
    key_line = _line_of(text, '"责任人" = "张三"')
    assert f"第 {key_line} 行" in owner  # the key's line
    assert "事项 1.1" in owner and "是不是要写 owner？" in owner
    due = next(line for line in lines if "字段 deadline" in line)
    assert f"第 {_line_of(text, 'deadline = 2023-06-30')} 行" in due
    assert "事项 1.2" in due and "是不是要写 due？" in due
    # kept as written through a change
    assert runner.invoke(app, ["note", "1.1", "已完成选址"]).exit_code == 0
    after = plan_file.read_text(encoding="utf-8")
    assert '"责任人" = "张三"' in after and "deadline = 2023-06-30" in after


def test_a_chinese_name_beside_its_field_goes_without_a_word(
    runner: CliRunner, plan_file: Path
) -> None:
    # as an import keeps a second column (联系人 beside 责任人's owner) under its own name
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.2"', '"联系人" = "王五"')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0
    assert "联系人" not in result.output
    # and a name kept on purpose (备注) is not taken for a field
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.1"', '"备注" = "上级交办"')
    assert "备注" not in runner.invoke(app, ["check"]).output


@pytest.mark.parametrize(
    ("written", "meant"),
    [("2023/6/30", "2023-06-30"), ("2023-6-30", "2023-06-30"), ("2023.6.5 # 备注", "2023-06-05")],
)
def test_a_day_written_without_quotes_says_how_to_write_it(
    runner: CliRunner, plan_file: Path, written: str, meant: str
) -> None:
    write_plan(plan_file, ITEMS)
    text = _with_line(plan_file, 'id = "1.2"', f"due = {written}")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"第 {_line_of(text, 'due = ' + written)} 行" in said and "（事项 1.2）" in said
    day = written.split("#")[0].strip()
    assert f"日期 {day} 要写成 {meant}" in said
    assert "同一行还有别的内容" not in said  # TOML's own reason misleads here
    english = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert f"the date {day} is written {meant}" in english
    assert plan_file.read_text(encoding="utf-8") == text


def test_a_day_that_is_none_keeps_the_plain_message(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.2"', "due = 2023/2/30")
    said = " ".join(runner.invoke(app, ["check"]).output.split())
    assert "不是有效的 TOML" in said and "要写成" not in said


@pytest.mark.parametrize(
    ("field", "written", "meant"),
    [
        ("due", "6月底", '"2023-06"'),
        ("due", "二季度", '"2023-Q2"'),
        ("due", "年底前", "2023-12-31"),
        ("due", "全年", "2023-12-31"),
        ("due", "2023年6月30日", "2023-06-30"),
        ("start", "2023/3", '"2023-03"'),
        ("done_on", "2023.5.8", "2023-05-08"),
    ],
)
def test_a_date_in_office_words_is_refused_saying_what_to_write(
    runner: CliRunner, plan_file: Path, field: str, written: str, meant: str
) -> None:
    write_plan(plan_file, ITEMS)
    text = _with_line(plan_file, 'id = "1.2"', f'{field} = "{written}"')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    at = _line_of(text, f'{field} = "{written}"')
    assert f"第 {at} 行，事项 1.2，字段 {field}" in said
    assert f"“{written}”是不是要写 {field} = {meant}？" in said
    english = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert f"Was {field} = {meant} meant for '{written}'?" in english
    # written as said, the plan reads
    plan_file.write_text(text.replace(f'{field} = "{written}"', f"{field} = {meant}"), "utf-8")
    assert runner.invoke(app, ["check"]).exit_code == 0


@pytest.mark.parametrize("written", ["今天", "6月前", "持续推进", "常态化"])
def test_words_that_name_no_one_date_get_no_guess(
    runner: CliRunner, plan_file: Path, written: str
) -> None:
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.2"', f'due = "{written}"')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert f"发现 '{written}'" in result.output
    assert "是不是要写" not in result.output


@pytest.mark.parametrize(
    ("written", "meant", "why"),
    [
        ("progress = 50%", "progress = 50", "数字不带 %"),
        ("progress = 50 %", "progress = 50", "数字不带 %"),
        ("actual = 1,200", "actual = 1200", "千位分隔符"),
        ("target = 3.35万亩", 'target = 3.35，measure = "万亩"', "单位写在 measure"),
        ("status = done", 'status = "done"', "状态写 todo"),
        ("status = 已完成", 'status = "done"', "状态写 todo"),
        ("lead = 张三", 'lead = "张三"', "文字要放在英文双引号里"),
        ('detail = 发展"四香"产业', 'detail = "发展\\"四香\\"产业"', "文字要放在英文双引号里"),
        ("due = 6月底", 'due = "2023-06"', "月份、季度写成"),
    ],
)
def test_a_value_written_without_what_toml_needs_says_the_line_to_write(
    runner: CliRunner, plan_file: Path, written: str, meant: str, why: str
) -> None:
    write_plan(plan_file, ITEMS)
    text = _with_line(plan_file, 'id = "1.2"', written)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"第 {_line_of(text, written)} 行" in said and "（事项 1.2）" in said
    assert f"{' '.join(written.split())} 要写成 {meant}（" in said
    assert why in said
    assert plan_file.read_text(encoding="utf-8") == text
    # the line written as said reads
    fixed = text.replace(written, meant.replace("，", "\n"))
    plan_file.write_text(fixed, encoding="utf-8")
    assert runner.invoke(app, ["check"]).exit_code == 0, fixed


def test_a_value_written_as_words_in_english(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.2"', "target = 3.35万亩")
    said = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert 'target = 3.35万亩 is written target = 3.35 and measure = "万亩"' in said
    assert "the unit goes in measure" in said


@pytest.mark.parametrize(
    ("written", "found", "meant"),
    [
        ('status = "已完成"', "已完成", 'status = "done"'),
        ('status = "推进中"', "推进中", 'status = "doing"'),
        ('progress = "50%"', "50%", "progress = 50"),
        ('weight = "2"', "2", "weight = 2"),
        ('actual = "1,200"', "1,200", "actual = 1200"),
        ('target = "3.35万亩"', "3.35万亩", 'target = 3.35、measure = "万亩"'),
    ],
)
def test_a_value_in_quotes_as_an_office_writes_it_says_what_to_write(
    runner: CliRunner, plan_file: Path, written: str, found: str, meant: str
) -> None:
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.2"', written)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert f"“{found}”是不是要写 {meant}？" in " ".join(result.output.split())


def test_a_figure_in_words_around_it_gets_no_guess(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    _with_line(plan_file, 'id = "1.2"', 'actual = "约1200"')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1 and "是不是要写" not in result.output


def test_a_field_given_twice_names_the_line_it_was_first_given_on(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, ITEMS)
    text = _with_line(plan_file, 'id = "1.2"', 'progress = 50\nstatus = "doing"\nprogress = 60')
    first, second = _line_of(text, "progress = 50"), _line_of(text, "progress = 60")
    result = runner.invoke(app, ["done", "1.1"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"第 {second} 行" in said and "（事项 1.2）" in said
    assert f"字段 progress 在第 {first} 行已经写过" in said
    assert "要写成" not in said  # each line alone is right: no rewrite to offer
    english = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert f"progress is given on line {first} already" in english
    assert plan_file.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("first_due", ['due = "2023-05"', "due = 2023-06-29"])
def test_a_date_given_twice_as_toml_writes_it_is_a_field_given_twice_not_an_odd_date(
    runner: CliRunner, plan_file: Path, first_due: str
) -> None:
    # (s37G: the second due, 2023-03-31 as TOML writes it, was said to be "written 2023-03-31"
    # — a rewrite into itself — and the line the field was first given on never named)
    write_plan(plan_file, ITEMS)
    text = _with_line(plan_file, 'id = "1.2"', f"{first_due}\ndue = 2023-03-31")
    first, second = _line_of(text, first_due), _line_of(text, "due = 2023-03-31")
    result = runner.invoke(app, ["done", "1.1"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"第 {second} 行" in said and "（事项 1.2）" in said
    assert f"字段 due 在第 {first} 行已经写过" in said
    assert "要写成" not in said
    english = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert f"due is given on line {first} already" in english
    assert "is written 2023-03-31" not in english
    assert plan_file.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("header", ["[[items]]", "[[task]]", "[[Item]]"])
def test_items_under_another_header_are_refused_not_left_out_without_a_word(
    runner: CliRunner, plan_file: Path, header: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    write_plan(plan_file, ITEMS)
    assert runner.invoke(app, ["status"]).exit_code == 0  # a cache entry of the file as it was
    text = plan_file.read_text(encoding="utf-8")
    parts = text.split("[[item]]\n")
    text = "[[item]]\n".join(parts[:-1]) + f"{header}\n" + parts[-1]  # the last item's header
    plan_file.write_text(text, encoding="utf-8")
    name = header.strip("[]")
    for args in (["check"], ["status"], ["done", "1.1"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())
        assert f"第 {_line_of(text, header)} 行" in said
        assert f"{header} 不是计划的表，其中的 1 个事项（1.2）不会算进计划" in said
        assert "要写成 [[item]]" in said
    english = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert f"[[{name}]] is not a table of the plan, and its 1 item(s) (1.2)" in english
    assert plan_file.read_text(encoding="utf-8") == text


def test_other_tables_at_the_top_are_kept_without_a_word(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, ITEMS)
    with plan_file.open("a", encoding="utf-8") as file:
        file.write('\n[[contact]]\nname = "王五"\nphone = "0734-1234567"\n')
    assert runner.invoke(app, ["check"]).exit_code == 0
    assert runner.invoke(app, ["done", "1.2"]).exit_code == 0
    assert 'phone = "0734-1234567"' in plan_file.read_text(encoding="utf-8")


def test_an_item_without_its_header_line_is_named_as_such(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, ITEMS)
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace('[[item]]\nid = "1.2"', 'id = "1.2"')
    plan_file.write_text(text, encoding="utf-8")
    said = " ".join(runner.invoke(app, ["check"]).output.split())
    first = _line_of(text, 'id = "1.1"')
    assert f"第 {first} 行已经写过 id" in said
    assert "少了一行 [[item]]" in said
    english = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert "seems to lack its [[item]] line above it" in english


@pytest.mark.parametrize(
    ("written", "meant"), [("1．3", "1.3"), ("１．３", "1.3"), ("1。3", "1.3")]
)
def test_an_id_typed_in_full_width_is_pointed_out(
    runner: CliRunner, plan_file: Path, written: str, meant: str
) -> None:
    write_plan(plan_file, [*ITEMS, {"id": written, "title": "新任务"}])
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0  # a valid id, as written
    said = " ".join(result.output.split())
    assert f"事项 {written}，字段 id" in said
    assert f'是不是要写 id = "{meant}"？' in said
    english = " ".join(runner.invoke(app, ["--lang", "en", "check"]).output.split())
    assert f"the id {written} has full-width digits or dots" in english


def test_the_plans_own_full_width_numbering_is_not_pointed_out(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, [{"id": "（一）", "title": "产业"}, {"id": "（一）.1", "title": "修路"}])
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0
    assert "值得留意" not in result.output
