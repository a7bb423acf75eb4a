"""Session 32, I: an adversary's review of s32C's folding, quoting and county order and of
s32F's dates kept whole in the Word report."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.folding import cells, wrap_unbroken

runner = CliRunner()

_CLOSING = tuple("。，；、）」")
_LONG_COMMANDS = (
    "plan import 任务分解表.xlsx",
    "plan new 2024 --from 上一年的计划.toml --out plan.toml",
)


def _missing_plan_hint(tmp_path, monkeypatch, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PLAN_FILE", raising=False)
    folder = tmp_path / "空"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = runner.invoke(
        app, ["add", "1", "修路"], env={"COLUMNS": str(width), "TTY_COMPATIBLE": "1"}
    )
    assert result.exit_code == 1, result.output
    assert list(folder.iterdir()) == []
    return result.stderr.splitlines()


@pytest.mark.parametrize("width", [20, 24, 40, 60, 80, 120])
def test_the_missing_plan_hint_folds_with_no_lone_character_and_no_prose_in_a_command(
    tmp_path, monkeypatch, width
):
    lines = _missing_plan_hint(tmp_path, monkeypatch, width)
    for n, line in enumerate(lines[1:], 1):
        # (at 40 columns 或 stood alone above plan new …: the line before ended on ，)
        assert len(line.strip()) > 1, (width, n, lines)
        assert not line.startswith(_CLOSING), (width, lines)
    for line in lines:
        # plan init's line took the prose after it as its words (plan init 在当前目录生成
        # plan.toml, 34 columns at 20), copied as a command that fails
        if cells(line) > width:
            assert line.rstrip("，；。") in _LONG_COMMANDS, (width, line, lines)
    joined = "".join(lines).replace(" ", "")
    assert "请先运行planinit" in joined and "修改。" in joined, joined


def test_a_line_of_one_character_before_a_long_command_takes_one_from_a_line_ending_in_a_comma():
    text = "内置计划作为起点），或 plan import 任务分解表.xlsx 从表格生成，或 plan new 2024 --from 上一年的计划.toml --out plan.toml 从上一年的计划新建。"
    for width in (20, 24, 40, 60):
        lines = wrap_unbroken(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), lines
        assert all(len(line) > 1 for line in lines[1:]), (width, lines)
        assert not any(line.startswith(_CLOSING) for line in lines), (width, lines)


_ACCENT = "a" * 39 + "e\u0301" + "\x1b[31m" + "x" * 100  # the 40th character's accent is 41st
_FLAG = "a" * 39 + "\U0001f1e8\U0001f1f3" + "x" * 100  # a flag across the 40th character
_FAMILY = "a" * 39 + "👨\u200d👩\u200d👧" + "x" * 100


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", [["show"], ["list", "--status"]])
@pytest.mark.parametrize("word", [_ACCENT, _FLAG, _FAMILY])
def test_a_long_typed_word_is_cut_between_characters_as_read(tmp_path, lang, args, word):
    from .conftest import REPO_PLAN

    plan = tmp_path / "plan.toml"
    plan.write_bytes(REPO_PLAN.read_bytes())
    result = runner.invoke(app, ["--lang", lang, "-f", str(plan), *args, word])
    assert result.exit_code in (1, 2), result.output
    said = result.stderr
    assert "\x1b" not in said and "\u200d" not in said, said  # (escaped: \u200d)
    start = "a" * 39  # the letter and its accent, the flag, the family go together
    assert (f"“{start}…" if lang == "zh" else f"'{start}'…") in said, said
    assert f"{len(word):,}" in said, said
    assert plan.read_bytes() == REPO_PLAN.read_bytes()


def test_a_typed_word_of_marks_alone_is_cut_where_asked():
    from quanhu_plan.controls import typed_start

    assert typed_start("\u0301" * 200) == "\u0301" * 40  # (no character to keep them with)
    assert typed_start("e\u0301" * 100) == "e\u0301" * 20
    assert typed_start("🇨🇳" * 30 + "x") == "🇨🇳" * 20
    assert typed_start("x" + "🇨🇳" * 30) == "x" + "🇨🇳" * 19  # (the 40th is a flag's first half)
    assert typed_start("短" * 200) == "短" * 40  # characters, not bytes or UTF-16 units
    assert typed_start("𠀀" * 200) == "𠀀" * 40


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_typed_date_is_cut_between_characters_as_read(tmp_path, lang):
    from .conftest import REPO_PLAN

    plan = tmp_path / "plan.toml"
    plan.write_bytes(REPO_PLAN.read_bytes())
    result = runner.invoke(app, ["--lang", lang, "-f", str(plan), "done", "1.1.1", "--on", _ACCENT])
    assert result.exit_code in (1, 2), result.output
    assert "a" * 39 + "…" in result.stderr, result.stderr  # (not a…ae…: the e's accent lost)
    assert plan.read_bytes() == REPO_PLAN.read_bytes()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["abcdefghijklmnopqrs.toml", "abcdefghijklmnopqrstuv.toml"])
def test_a_file_name_wider_than_the_line_is_cut_at_its_dot_and_no_line_starts_with_a_colon(
    tmp_path, monkeypatch, lang, name
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app,
        ["--lang", lang, "-f", name, "add", "1", "修路"],
        env={"COLUMNS": "24", "TTY_COMPATIBLE": "1"},
    )
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    for line in lines:  # (abcdefghijklmnopqrs.toml / ：文件不存在, …qrstuv.t / oml: no such file)
        assert not line.startswith((*_CLOSING, "：", ":")), lines
        assert cells(line) <= 24 or line.startswith("plan "), lines
    stem = name.removesuffix(".toml")
    assert any(line.endswith(stem + ".") for line in lines), lines
    assert not list(tmp_path.iterdir())


def test_a_word_cut_by_columns_leaves_no_closing_mark_to_start_a_line():
    for text in (
        "见 https://www.hengnan.gov.cn/zwgk/2023/plan-2023-07-05.html。",
        "文件 abcdefghijklmnopqrstuvwxyzab，没有修改。",
    ):
        for width in (20, 24):
            lines = wrap_unbroken(text, width)
            assert "".join(lines).replace(" ", "") == text.replace(" ", ""), lines
            assert not any(line.startswith(_CLOSING) for line in lines), (width, lines)
            assert all(cells(line) <= width for line in lines), (width, lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_date_in_a_users_note_is_kept_whole_in_word_and_plain_everywhere_else(
    plan_file, tmp_path, lang
):
    """s32F's non-breaking hyphens are the Word report's alone: read back by python-docx the
    note is as typed, and no U+2011 reaches md, json, txt or plan export's csv."""
    import zipfile

    import docx

    from .conftest import write_plan

    write_plan(plan_file, [{"id": "1", "title": "道路"}, {"id": "1.1", "title": "修桥"}], lang=lang)
    note = "自2023-07-05起受阻（县-12号文，2023-Q3）"
    assert runner.invoke(app, ["note", "1.1", note, "--on", "2023-07-05"]).exit_code == 0
    outs = {kind: tmp_path / f"report.{kind}" for kind in ("docx", "md", "json", "txt")}
    for out in outs.values():
        result = runner.invoke(app, ["report", "--as-of", "2023-12-31", "-o", str(out)])
        assert result.exit_code == 0, result.output
    body = zipfile.ZipFile(outs["docx"]).read("word/document.xml").decode()
    assert "2023</w:t><w:noBreakHyphen/><w:t>07</w:t><w:noBreakHyphen/><w:t>05" in body
    read = "\n".join(p.text for p in docx.Document(str(outs["docx"])).paragraphs)
    assert note in read and "\u2011" not in read, read
    csv = tmp_path / "plan.csv"
    assert runner.invoke(app, ["export", "-o", str(csv)]).exit_code == 0
    for out in (outs["md"], outs["json"], outs["txt"], csv):
        said = out.read_text(encoding="utf-8-sig")
        assert "\u2011" not in said, out
        assert "2023-07-05" in said, out


def test_natural_order_is_total_and_the_same_from_any_starting_order():
    import random

    from quanhu_plan.store.folders import natural_key

    names = [
        "乡镇2.toml", "乡镇10.toml", "乡镇１０.toml", "乡镇０２.toml", "乡镇02.toml", "乡镇.toml",
        "Town.toml", "town.toml", "TOWN.toml", "town.TOML", "Ab.toml", "ab.toml", "aB.toml",
        "片区" + "9" * 25 + ".toml", "片区" + "1" + "0" * 24 + ".toml", "片区" + "9" * 24 + ".toml",
        "Straße.toml", "Strasse.toml", "甲镇A.toml", "甲镇a.toml", "甲镇b.toml", "a1b2.toml",
    ]  # fmt: skip
    first = sorted(names, key=natural_key)
    for seed in range(30):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=natural_key) == first
    assert len({repr(natural_key(name)) for name in names}) == len(names)  # no two tie
    at = first.index
    assert at("乡镇.toml") < at("乡镇2.toml") < at("乡镇10.toml")
    assert at("乡镇０２.toml") < at("乡镇10.toml") and at("乡镇2.toml") < at("乡镇１０.toml")
    assert at("片区" + "9" * 24 + ".toml") < at("片区" + "1" + "0" * 24 + ".toml")
    assert at("片区" + "1" + "0" * 24 + ".toml") < at("片区" + "9" * 25 + ".toml")
    assert at("甲镇A.toml") < at("甲镇a.toml") < at("甲镇b.toml")  # (case aside, then the name)


def test_county_lists_names_differing_in_case_alone_each_once_in_one_order(tmp_path):
    import json

    from .conftest import REPO_PLAN

    text = REPO_PLAN.read_text(encoding="utf-8")
    for stem in ("town1", "Town1", "TOWN1", "town01"):
        (tmp_path / f"{stem}.toml").write_text(
            text.replace("泉湖镇", f"{stem}镇"), encoding="utf-8"
        )
    if len(list(tmp_path.iterdir())) < 4:
        pytest.skip("a disk that folds case")
    result = runner.invoke(app, ["county", str(tmp_path), "--as-of", "2023-06-30", "--json"])
    assert result.exit_code == 0, result.output
    files = [row["file"].rsplit("/", 1)[-1] for row in json.loads(result.stdout)["rows"]]
    assert files == ["TOWN1.toml", "Town1.toml", "town01.toml", "town1.toml"], files


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_pasted_county_key_no_plan_has_is_quoted_by_its_start(tmp_path, lang):
    from .conftest import REPO_PLAN

    for stem in ("甲", "乙"):
        text = REPO_PLAN.read_text(encoding="utf-8").replace("泉湖镇", f"{stem}镇")
        (tmp_path / f"{stem}.toml").write_text(text, encoding="utf-8")
    key = "县" + "K" * 9_999
    result = runner.invoke(app, ["--lang", lang, "county", str(tmp_path), "--key", key])
    said = result.stdout + result.stderr
    assert "K" * 41 not in said, said[:300]  # (it was quoted whole: 125 lines at 80 columns)
    assert "县" + "K" * 39 in said, said[:300]
    assert ("（共 10,000 字）" if lang == "zh" else "10,000 characters") in said, said[:300]
    assert len(said) < 800, said[:300]


def test_a_line_may_break_between_a_number_and_an_opening_bracket():
    """（ is no unit of the number before it (1,800户 is): with 县-12 kept whole,
    2023-07-05（县-12）。 was one unit of 22 columns, cut at 20 before its 。."""
    from quanhu_plan.terminal.paragraphs import wrap_lines

    for text in (
        "泉湖镇人民政府 要写成 2023-07-05（县-12）。改好后再运行。",
        "共 150,000 （见附表）。请核对后再运行。",
    ):
        for width in (16, 20, 22):
            lines = [text[a:b] for a, b in wrap_lines(text, width, no_lone_char="last")]
            assert "".join(lines).replace(" ", "") == text.replace(" ", ""), lines
            assert not any(line.startswith(_CLOSING) for line in lines), (width, lines)
            assert all(cells(line) <= width for line in lines), (width, lines)
