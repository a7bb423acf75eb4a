"""Hostile plan files and arguments, as an adversarial review found them mishandled: each gets
one clear paragraph (what is wrong, where, how to fix it) and a non-zero exit, never a
traceback, and the file is left as it was."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

runner = CliRunner()

PLAN = (
    '[plan]\ntitle = "测试镇2023年工作计划"\nyear = 2023\n\n'
    '[[item]]\nid = "1"\ntitle = "发展“四香”特色农业产业"\nowner = "张三"\n'
)


def one_paragraph(text: str) -> str:
    return " ".join(text.split())


def refused(plan_file, text: str, *args: str) -> str:
    """What ``plan --lang en ARGS`` says of a plan file holding ``text``; it refuses the file
    and leaves it as it was."""
    plan_file.write_text(text, encoding="utf-8")
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert plan_file.read_bytes() == before
    return one_paragraph(result.output)


# ---------------------------------------------------------------- curly quotes inside a string


def test_curly_quotes_inside_a_string_are_not_blamed_for_a_missing_straight_quote(plan_file):
    # Chinese titles quote with “ ”; the straight quote that ends the string is what is missing:
    # changing the curly quotes to straight ones, as the message said, breaks the line further.
    cut = PLAN.replace('特色农业产业"', "特色农业产业")
    for args in (["check"], ["note", "1", "x"]):
        said = refused(plan_file, cut, *args)
        assert "line 7" in said and "straight quotes only" not in said
        assert 'add " at the end of the text on this line' in said


def test_curly_quotes_inside_a_string_are_not_blamed_for_text_after_it(plan_file):
    said = refused(plan_file, PLAN.replace('特色农业产业"', '特色农业产业" 2'), "check")
    assert "line 7" in said and "straight quotes only" not in said


def test_curly_quotes_that_stand_for_straight_ones_are_still_named(plan_file):
    for line in ("title = “发展四香产业”", 'title = "发展四香产业”', "title = ‘发展’"):
        said = refused(plan_file, PLAN.replace('title = "发展“四香”特色农业产业"', line), "check")
        assert "line 7" in said and "straight quotes only" in said, line


# ---------------------------------------------------------------- full-width and invisible characters

ZH_PLAN = PLAN.replace("发展“四香”特色农业产业", "招商引资")


@pytest.mark.parametrize(
    ("line", "column", "said"),
    [
        # A Chinese input method's full-width space, looking like an indent.
        ('\u3000owner = "张三"', 1, "full-width or non-breaking space (U+3000)"),
        ('owner\u3000= "张三"', 6, "full-width or non-breaking space (U+3000)"),
        ('owner\u00a0= "张三"', 6, "non-breaking space (U+00A0)"),  # from Word or a web page
        ('owner ＝ "张三"', 7, "full-width ＝ (U+FF1D) of a Chinese input method"),
        ('owner： "张三"', 6, "type = instead"),  # key: value, as people write it
        ('evidence = ["a"，"b"]', 16, "type , instead"),
        ('\u200bowner = "张三"', 1, "invisible character (U+200B"),
    ],
)
def test_a_full_width_or_invisible_character_is_named_where_toml_refused_it(
    plan_file, line, column, said
):
    text = ZH_PLAN.replace('owner = "张三"', line)
    for args in (["check"], ["done", "1"]):
        english = refused(plan_file, text, *args)
        assert f"line 8, column {column}" in english and said in english, english
        assert "unbalanced quotes" not in english


def test_a_bom_in_the_middle_of_a_file_is_named_as_an_invisible_character(plan_file):
    # Two files saved by Notepad put together (copy /b a.toml + b.toml): the second one's BOM.
    said = refused(plan_file, ZH_PLAN.replace("[[item]]", "\ufeff[[item]]"), "status")
    assert "line 5, column 1" in said and "invisible character (U+FEFF" in said


def test_the_chinese_message_names_the_full_width_character_and_what_to_type(plan_file):
    plan_file.write_text(ZH_PLAN.replace('owner = "张三"', 'owner ＝ "张三"'), encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    said = one_paragraph(result.output)
    assert "第 8 行第 7 列" in said and "全角字符 ＝" in said and "改成 =" in said


# ---------------------------------------------------------------- an empty --file


@pytest.mark.parametrize(
    "args", [["-f", "", "done", "1"], ["done", "1", "--file", " "], ["--file=", "status"]]
)
def test_an_empty_file_option_is_refused_not_taken_for_no_file_option(plan_file, args):
    # plan -f "$PLAN" done 1 with $PLAN unset would tick off an item of the plan found here.
    plan_file.write_text(ZH_PLAN, encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 2, result.output
    assert "--file is empty" in one_paragraph(result.output)
    assert plan_file.read_text(encoding="utf-8") == ZH_PLAN


@pytest.mark.parametrize(
    "command",
    [["status"], ["status", "--json"], ["list"], ["show", "1"], ["report"], ["export"]],
)
def test_an_empty_as_of_is_refused_not_taken_for_now(plan_file, command):
    # plan status --as-of "$DAY" with $DAY unset showed the plan as it is now, headed so.
    plan_file.write_text(ZH_PLAN, encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", *command, "--as-of", ""])
    assert result.exit_code == 2, result.output
    assert "--as-of" in one_paragraph(result.output) and "is not a date" in result.output
    assert plan_file.read_text(encoding="utf-8") == ZH_PLAN


def test_an_empty_as_of_is_refused_by_the_county_view(plan_file, tmp_path):
    plan_file.write_text(ZH_PLAN, encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", "county", str(plan_file), "--as-of", ""])
    assert result.exit_code == 2, result.output
    assert "--as-of" in result.output and "is not a date" in result.output


# ---------------------------------------------------------------- a TOML error names its item


def test_a_toml_error_names_the_item_its_line_is_in(plan_file):
    # The error is on the item's title line, above its id.
    text = ZH_PLAN.replace('id = "1"\ntitle = "招商引资"', 'title = = "招商引资"\nid = "1"')
    said = refused(plan_file, text, "check")
    assert "line 6, column 9 (item 1)" in said
    plan_file.write_text(text, encoding="utf-8")
    chinese = one_paragraph(runner.invoke(app, ["status"]).output)
    assert "第 6 行第 9 列（事项 1）" in chinese


def test_a_toml_error_in_the_header_or_on_a_table_line_names_no_item(plan_file):
    said = refused(plan_file, ZH_PLAN.replace("year = 2023", "year = 20 23"), "check")
    assert "line 3, column 11 (in [plan])" in said
    said = refused(plan_file, ZH_PLAN.replace("[[item]]", "[[item]"), "check")
    assert "line 5, column 7: Expected" in said


@pytest.mark.parametrize("closed", [True, False])
def test_a_toml_error_below_a_multi_line_string_holding_an_item_names_the_real_item(
    plan_file, closed
):
    # A note pasted over lines holds a [[item]] line and an id of its own; the error below it
    # (closed: on the next key; else inside the string, a bad escape) is in item 1, not "9".
    note = (
        'note = """\n[[item]]\nid = "9"\n"""\nowner = 张三'
        if closed
        else ('note = """\n[[item]]\nid = "9"\n见 D:\\资料\n"""')
    )
    said = refused(plan_file, ZH_PLAN.replace('owner = "张三"', note), "check")
    assert "(item 1)" in said and "(item 9)" not in said


# ---------------------------------------------------------------- lines after a multi-line string


@pytest.mark.parametrize("layout", ["lf", "crlf-bom"])
def test_a_problem_after_a_multi_line_string_holding_headers_and_keys_is_at_its_line(
    plan_file, layout
):
    # A detail pasted over lines that holds a [[item]] line and a key of its own: neither is
    # the plan's, and the problem below them is named at its own line, 15.
    text = ZH_PLAN.replace(
        'owner = "张三"',
        'detail = """\n[[item]]\nid = "2"\nprogress = 5\n\n[[item.log]]\n"""\nprogress = 150',
    )
    if layout == "crlf-bom":
        text = "\ufeff" + text.replace("\n", "\r\n")
    plan_file.write_bytes(text.encode("utf-8"))
    for args in (["check"], ["done", "1"]):
        result = runner.invoke(app, ["--lang", "en", *args])
        assert result.exit_code == 1, result.output
        said = one_paragraph(result.output)
        assert "line 15, item 1, field progress: found 150" in said, said
    assert plan_file.read_bytes() == text.encode("utf-8")


# ---------------------------------------------------------------- a file its text was lost from


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"\x00" * 4096, "from line 1, column 1 on"),  # all of it: a power cut while saving
        (ZH_PLAN.encode("utf-8").split(b"[[item]]")[0] + b"\x00" * 4000, "line 5, column 1 on"),
    ],
    ids=["all", "tail"],
)
def test_a_file_of_zero_bytes_is_called_damaged_not_utf16_or_utf32(plan_file, data, where):
    plan_file.write_bytes(data)
    for args in (["check"], ["status"], ["done", "1"]):
        result = runner.invoke(app, ["--lang", "en", *args])
        assert result.exit_code == 1, result.output
        said = one_paragraph(result.output)
        assert "zero bytes (NUL)" in said and where in said and "damaged" in said, said
        assert "UTF-16" not in said and "UTF-32" not in said and "Notepad" not in said
    assert plan_file.read_bytes() == data
    chinese = one_paragraph(runner.invoke(app, ["check"]).output)
    assert "零字节" in chinese and "已损坏" in chinese and "git checkout" in chinese


def test_a_control_character_where_toml_refused_it_is_named(plan_file):
    # Ctrl-Z, which old DOS tools put at the end of a text file.
    said = refused(plan_file, ZH_PLAN + "\x1a", "check")
    assert "line 9, column 1" in said and "a Ctrl-Z (U+001A" in said


# ---------------------------------------------------------------- lines added in GBK


def test_a_utf8_plan_with_lines_added_in_gbk_names_them_and_warns_against_saving_it_anew(
    plan_file,
):
    # echo 进展 >> plan.toml in a Windows command window (code page 936) appends GBK: opened in
    # Notepad as ANSI and saved as UTF-8, as the message for a GBK file says, the rest of the
    # plan's Chinese would be garbled for good.
    data = ZH_PLAN.encode("utf-8") + 'detail = "已完成招商"\n'.encode("gbk")
    plan_file.write_bytes(data)
    for args in (["check"], ["note", "1", "x"]):
        result = runner.invoke(app, ["--lang", "en", *args])
        assert result.exit_code == 1, result.output
        said = one_paragraph(result.output)
        assert "line 9 is not UTF-8 text from column 11 on, though the rest" in said, said
        assert "do not save the whole file in another encoding" in said
        assert "Save As" not in said
    assert plan_file.read_bytes() == data
    chinese = one_paragraph(runner.invoke(app, ["check"]).output)
    assert "第 9 行从第 11 列起不是 UTF-8 编码" in chinese and "不要把整个文件另存为" in chinese


def test_a_plan_saved_in_gbk_as_a_whole_is_still_named_as_gbk(plan_file):
    plan_file.write_bytes(ZH_PLAN.encode("gbk"))
    result = runner.invoke(app, ["--lang", "en", "check"])
    assert "looks saved in GBK" in one_paragraph(result.output)


def test_a_file_with_old_mac_line_ends_is_named_as_such_not_as_curly_quotes(plan_file):
    # Every line ends in a lone CR: to TOML the file is one line, with the Chinese quotes of a
    # title on it.
    said = refused(plan_file, PLAN.replace("\n", "\r"), "check")
    assert "line 1, column 7" in said and "lone CR" in said
    assert "straight quotes only" not in said and "unbalanced quotes" not in said


# ---------------------------------------------------------------- plan merge


def test_merge_names_a_version_saved_in_gbk_by_its_side_not_by_gits_temporary_file(tmp_path):
    base, ours, theirs = (tmp_path / f".merge_file_{side}" for side in ("O", "A", "B"))
    base.write_text(ZH_PLAN, encoding="utf-8")
    ours.write_text(ZH_PLAN, encoding="utf-8")
    theirs.write_bytes(ZH_PLAN.encode("gbk"))
    args = ["--lang", "en", "merge", str(base), str(ours), str(theirs), "plan.toml"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    said = one_paragraph(result.output)
    assert "Cannot merge plan.toml: theirs is not a valid plan" in said
    assert "git merge --abort" in said and "Cannot read plan.toml (theirs)" in said
    assert ".merge_file_B" not in said
    assert ours.read_text(encoding="utf-8") == ZH_PLAN
