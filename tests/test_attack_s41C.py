"""Attacks of session 41 (C): plan files and paths a user damaged or mistyped, through read and
change commands, each told as what it is (what, where, how to fix), with a non-zero exit and
the disk as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` (the cache aside), with a file's bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
        if "cache" not in p.relative_to(folder).parts
    }


def _said(result) -> str:  # type: ignore[no-untyped-def]
    return " ".join(result.output.split())


# ---------------------------------------------------------------- a file where a folder is


_READS_AND_CHANGES = [
    ["status"],
    ["list"],
    ["show", "1.1"],
    ["done", "1.1"],
    ["note", "1.1", "进展"],
    ["fmt"],
]


@pytest.mark.parametrize("args", _READS_AND_CHANGES, ids=lambda args: args[0])
@pytest.mark.parametrize("how", ["--file", "PLAN_FILE", "PLAN_FILE absolute"])
def test_a_plan_path_under_a_file_names_the_file_not_a_missing_plan(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    how: str,
) -> None:
    """notes.txt/plan.toml, notes.txt a file: told as "no such file" with plan init's advice
    (PLAN_FILE), which cannot make a plan there, or as "a part of the path is not a folder"
    (--file), which does not say which. It names notes.txt as a file, not a folder."""
    (tmp_path / "notes.txt").write_text("会议记录\n", encoding="utf-8")
    named = "notes.txt/plan.toml" if how != "PLAN_FILE absolute" else str(tmp_path / "notes.txt")
    if how == "PLAN_FILE absolute":
        named += "/plan.toml"
    before = _tree(tmp_path)
    if how == "--file":
        command = ["--file", named, *args]
    else:
        monkeypatch.setenv("PLAN_FILE", named)
        command = args
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["--lang", lang, *command])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        out = _said(result)
        file = named[: -len("/plan.toml")]
        if lang == "en":
            assert f"not a folder: {file} is a file" in out, out
            assert "no such file" not in out and "init" not in out, out
            if how != "--file":
                assert "PLAN_FILE" in out, out
        else:
            assert f"不是文件夹：{file} 是一个文件" in out, out
            assert "文件不存在" not in out and "init" not in out, out
    assert _tree(tmp_path) == before


@pytest.mark.parametrize(
    "command",
    [
        ["init", "notes.txt/plan.toml"],
        ["init", "notes.txt/2024/plan.toml"],
        ["init", "notes.txt/"],
        ["init", "notes.txt/2024/"],
        ["--file", "notes.txt/plan.toml", "init"],
        ["PLAN_FILE", "init"],
    ],
    ids=["file", "deeper", "folder slash", "deeper folder slash", "--file", "PLAN_FILE"],
)
def test_init_under_a_file_says_nothing_can_be_made_inside_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """plan init notes.txt/2024/ said "cannot write notes.txt/2024: a part of the path is not
    a folder. The original file is unchanged" (there was none), notes.txt/ "notes.txt exists",
    notes.txt/2024/plan.toml "its folder does not exist"; none said notes.txt is a file."""
    (tmp_path / "notes.txt").write_text("会议记录\n", encoding="utf-8")
    if command[0] == "PLAN_FILE":
        monkeypatch.setenv("PLAN_FILE", "notes.txt/plan.toml")
        command = command[1:]
    before = _tree(tmp_path)
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["--lang", lang, *command])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        out = _said(result)
        if lang == "en":
            assert "not a folder: notes.txt is a file" in out, out
            assert "Nothing was written" in out and "unchanged" not in out, out
            assert "folder named notes.txt, rename or move the file first" in out, out
        else:
            assert "不是文件夹：notes.txt 是一个文件" in out and "什么也没有写入" in out, out
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("args", _READS_AND_CHANGES, ids=lambda args: args[0])
def test_a_plan_file_named_with_a_trailing_slash_is_not_read_as_the_plan(
    runner: CliRunner, plan_file: Path, args: list[str]
) -> None:
    """-f plan.toml/ (a folder meant, a file there): read as the plan, the slash forgotten,
    and changed; it is told as a file where a folder was meant, as notes.txt/plan.toml is."""
    runner.invoke(app, ["init"])
    before = _tree(plan_file.parent)
    result = runner.invoke(app, ["--lang", "en", "--file", "plan.toml/", *args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    out = _said(result)
    assert "not a folder: plan.toml is a file" in out, out
    assert "without the / after it" in out, out
    assert _tree(plan_file.parent) == before


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--out", "notes.txt/总结.md"],
        ["export", "--out", "notes.txt/推进情况表.xlsx"],
        ["new", "2024", "--out", "notes.txt/2024.toml"],
    ],
    ids=lambda args: args[0],
)
def test_an_output_under_a_file_says_so_and_where_it_could_go(
    runner: CliRunner, plan_file: Path, args: list[str]
) -> None:
    """A report, a table or a new plan written under a file: "cannot write … the original
    file is unchanged" (there was none) or "its folder does not exist"."""
    runner.invoke(app, ["init"])
    (plan_file.parent / "notes.txt").write_text("会议记录\n", encoding="utf-8")
    if args[0] == "new":
        args = [*args, "--from", "plan.toml"]
    before = _tree(plan_file.parent)
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 1, result.output
    out = _said(result)
    name = next(arg for arg in args if arg.startswith("notes.txt/")).split("/")[1]
    assert f"Cannot create notes.txt/{name}: a part of the path is not a folder" in out, out
    assert f"Nothing was written. Give a path in a folder, such as {name};" in out, out
    assert "unchanged" not in out and "does not exist" not in out, out
    assert _tree(plan_file.parent) == before


# ---------------------------------------------------------------- comments and nothing else


_COMMENTS_ALONE = {
    "comments": "# 泉湖镇2023年工作计划\n\n# 已清空，等县里的新表\n",
    "BOM and comments": "\ufeff# 泉湖镇2023年工作计划\n# 已清空\n",
    "CRLF comments": "# 泉湖镇2023年工作计划\r\n\r\n# 已清空\r\n",
    "blank lines first": "\n\n   \n# 泉湖镇\n\t# 已清空",
}


@pytest.mark.parametrize("text", _COMMENTS_ALONE.values(), ids=_COMMENTS_ALONE.keys())
@pytest.mark.parametrize("args", [*_READS_AND_CHANGES, ["fmt", "--force"], ["check"]], ids=str)
def test_a_plan_of_comments_alone_is_told_as_emptied_not_as_lacking_its_plan_table(
    runner: CliRunner, plan_file: Path, text: str, args: list[str]
) -> None:
    """Someone emptied the plan but left its # lines: told "not a valid plan: line 1, [plan]:
    found nothing; a [plan] table … is required", as if a table were to be added. It is told as
    an empty file is: nothing in it but comments, get it back with git."""
    plan_file.write_bytes(text.encode("utf-8"))
    before = _tree(plan_file.parent)
    first = text.split("#")[0].count("\n") + 1
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["--lang", lang, *args])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        out = _said(result)
        assert "[plan]" not in out, out
        assert f"git checkout -- {plan_file}" in out, out
        if lang == "en":
            assert f"only 2 # comment lines (from line {first}) and blank lines" in out, out
        else:
            assert f"只有 2 行 # 注释（第 {first} 行起）和空行" in out, out
    assert _tree(plan_file.parent) == before


def test_a_plan_of_comments_alone_is_told_so_warm_or_cold_and_long(
    runner: CliRunner, plan_file: Path
) -> None:
    """The same of a long one (read first by the quick reader), read twice (a cache entry)."""
    plan_file.write_text("".join(f"# 第{n}行 [[item]] id = '1'\n" for n in range(5000)))
    for _ in range(2):
        result = runner.invoke(app, ["--lang", "en", "status"])
        assert result.exit_code == 1, result.output
        assert "only 5000 # comment lines (from line 1)" in _said(result), result.output


# ---------------------------------------------------------------- fmt names its comments' lines


_WITH_COMMENTS = """[plan]
title = "测试镇2023年工作计划 #1"
year = 2023
start = 2023-01-01
end = 2023-12-31

[[item]]
id = "1"
title = "第一部分"
detail = \"\"\"
# 不是注释：多行文字里的一行
\"\"\"

[[item]]
id = "1.1"  # 县里编号 3-2
title = "任务一"
# 下半年再定
"""


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_fmt_refusing_comments_names_the_first_comments_line_and_how_many(
    runner: CliRunner, plan_file: Path, ending: str
) -> None:
    """plan fmt without --force refused a file with # comments naming no line: the user had to
    search a long file for them. The first one's line is named, and how many lines hold one;
    a # in a string (a title, a text of several lines) is none."""
    plan_file.write_bytes(("\ufeff" + _WITH_COMMENTS.replace("\n", ending)).encode("utf-8"))
    before = _tree(plan_file.parent)
    result = runner.invoke(app, ["--lang", "en", "fmt"])
    assert result.exit_code == 1, result.output
    assert "(on 2 lines, the first on line 15)" in _said(result), result.output
    result = runner.invoke(app, ["--lang", "zh", "fmt"])
    assert result.exit_code == 1, result.output
    assert "（共 2 行，第一处在第 15 行）" in _said(result), result.output
    assert _tree(plan_file.parent) == before
    one = _WITH_COMMENTS.replace("# 下半年再定\n", "").replace("  # 县里编号 3-2", "")
    plan_file.write_text(one.replace("year = 2023\n", "year = 2023  # 年度\n"), encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", "fmt"])
    assert result.exit_code == 1, result.output
    assert "(on 1 line, the first on line 3)" in _said(result), result.output


# ---------------------------------------------------------------- a long plan cut off


def _long_plan(tasks: int = 60) -> str:
    """A plan as plan writes it: its fields in their order, a line end after the last."""
    parts = [
        '[plan]\ntitle = "长计划"\norganisation = "测试镇人民政府"\nyear = 2023\n'
        "start = 2023-01-01\nend = 2023-12-31\n",
        '\n[[item]]\nid = "1"\ntitle = "第一部分"\n',
    ]
    for n in range(1, tasks + 1):
        parts.append(
            f'\n[[item]]\nid = "1.{n}"\ntitle = "任务{n}"\nowner = "张三"\n'
            f'due = 2023-{n % 12 + 1:02d}-28\nstatus = "done"\ndone_on = 2023-11-15\n'
        )
    return "".join(parts)


_LONG = _long_plan()
_LAST = _LONG.rindex("[[item]]")


def _cut_at(end: str) -> str:
    """The long plan cut off where its last item reads ``end`` (its last occurrence)."""
    return _LONG[: _LONG.rindex(end) + len(end)]


_CUT_IN_A_VALUE = {
    "in the day": "done_on = 2023-11-1",
    "after the month's dash": "done_on = 2023-11-",
    "after the month": "done_on = 2023-11",
    "after the year": "done_on = 2023",
    "in the due day": "due = 2023-01-2",
    "in the header": "\n\n[[item]",
}

_CHANGES_TOO = [["status"], ["list"], ["done", "1.3"], ["note", "1.3", "进展"], ["fmt"], ["check"]]


@pytest.mark.parametrize("cut", _CUT_IN_A_VALUE.values(), ids=_CUT_IN_A_VALUE.keys())
@pytest.mark.parametrize("args", _CHANGES_TOO, ids=lambda args: args[0])
def test_a_long_plan_cut_off_in_its_last_value_says_it_may_be_cut_off(
    runner: CliRunner, plan_file: Path, cut: str, args: list[str]
) -> None:
    """A long plan cut off inside its last value (no line end after it) was told a date slip
    (2023-11-1 "is written 2023-11-01"), a remark after a value (2023-11-), a month without
    quotes (2023-11), a day that is no date (2023), a header not right ([[item]): the slip
    stays said, and that the file may have been cut off, with how to get it back, is added."""
    text = _cut_at(cut) if cut != "\n\n[[item]" else _LONG[:_LAST] + "[[item]"
    plan_file.write_text(text, encoding="utf-8")
    line = text.count("\n") + 1
    before = _tree(plan_file.parent)
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["--lang", lang, *args])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        out = _said(result)
        assert f"git checkout -- {plan_file}" in out, out
        if lang == "en":
            assert f"line {line}" in out, out  # (the slip, where it is)
            assert f"Also, the file ends at line {line} with no line end after it" in out, out
            assert "may have been cut off" in out, out
        else:
            out = "".join(out.split())  # (folded at a terminal's width: a line break inside)
            assert f"第{line}行" in out and "可能在保存、复制或同步时被截断了" in out, out
    assert _tree(plan_file.parent) == before


@pytest.mark.parametrize(
    ("end", "said"),
    [
        (
            '[[item]]\nid = "1.60"\n',
            "the last item in the file ([[item]] at line {line}) stops after its id, without "
            "the title every item has after it",
        ),
        (
            "[[item]]\n",
            "the last item in the file (line {line}) is its [[item]] header alone, without the "
            "id and title every item has",
        ),
    ],
    ids=["after its id", "after its header"],
)
@pytest.mark.parametrize("args", _CHANGES_TOO, ids=lambda args: args[0])
def test_a_long_plan_cut_off_at_a_line_end_in_its_last_item_says_it_may_be_cut_off(
    runner: CliRunner, plan_file: Path, end: str, said: str, args: list[str]
) -> None:
    """A long plan cut exactly at a line end inside its last [[item]]: told "item 1.60, field
    title: found nothing" or "[[item]] number 62, field id: found nothing", as a slip typed.
    The item stops, in the order plan writes its fields, before those every item has: the
    problem stays said, and that the file may have been cut off is added."""
    text = _cut_at(end)
    plan_file.write_text(text, encoding="utf-8")
    line = text[:_LAST].count("\n") + 1
    before = _tree(plan_file.parent)
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 1, result.output
    out = _said(result)
    assert "found nothing" in out, out
    assert said.format(line=line) in out, out
    assert f"git checkout -- {plan_file}" in out, out
    result = runner.invoke(app, ["--lang", "zh", *args])
    assert "可能在保存、复制或同步时被截断了" in "".join(result.output.split()), result.output
    assert _tree(plan_file.parent) == before


_SHORT = _long_plan(3)

_SLIPS_NOT_CUTS = {
    # a short plan typed by hand, saved with no line end after its last line
    "short, a month unquoted": _SHORT + "due = 2023-06",
    "short, a day of one digit": _SHORT[: _SHORT.rindex("done_on")] + "done_on = 2023-11-1",
    "short, an item without its title": _SHORT + '\n[[item]]\nid = "1.4"\n',
    # a long one: a slip above its end, or on its last line with a line end after it
    "long, a slip above": _LONG.replace("due = 2023-02-28", "due = 2023-2-28", 1),
    "long, a slip on its last line": _LONG[: _LONG.rindex("done_on")] + "done_on = 2023-11-1\n",
    "long, an item with a field out of order": _LONG + '\n[[item]]\nowner = "李四"\nid = "1.61"\n',
}


@pytest.mark.parametrize("text", _SLIPS_NOT_CUTS.values(), ids=_SLIPS_NOT_CUTS.keys())
@pytest.mark.parametrize("args", [["status"], ["done", "1.1"], ["check"]], ids=str)
def test_a_slip_typed_is_not_called_a_cut(
    runner: CliRunner, plan_file: Path, text: str, args: list[str]
) -> None:
    """Only the evidence of a cut says a file may be cut off: not a slip typed in a short plan,
    nor one above a long plan's end, nor a last item that plan did not write so."""
    plan_file.write_text(text, encoding="utf-8")
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["--lang", lang, *args])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        out = _said(result)
        assert "cut off" not in out and "截断" not in out and "中途结束" not in out, out


@pytest.mark.parametrize(
    "end", ["done_on = 2023-11-1", 'id = "1.700"\n', "[[item]]\n"], ids=["value", "id", "header"]
)
@pytest.mark.parametrize("args", [["status"], ["done", "1.3"], ["fmt"]], ids=lambda a: a[0])
def test_a_plan_long_enough_for_the_quick_reader_cut_off_says_so_too(
    runner: CliRunner, plan_file: Path, end: str, args: list[str]
) -> None:
    """The same of a plan read first by the quick reader (``store.quick_toml``, from 64 KiB)
    and read ahead on two cores."""
    from quanhu_plan.store import plan_text

    whole = _long_plan(700)
    text = whole[: whole.rindex(end) + len(end)]
    assert len(text) >= plan_text._QUICK_FROM
    plan_file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 1, result.output
    out = _said(result)
    assert "the file may have been cut off" in out, out
    assert f"git checkout -- {plan_file}" in out, out
    assert plan_file.read_text(encoding="utf-8") == text


# ---------------------------------------------------------------- a few zero bytes alone


@pytest.mark.parametrize(
    "data",
    [
        b"\x00",
        b"\x00\x00\x00\x00",
        b"\x00\n\x00\x00\n",
        b"\xef\xbb\xbf\x00\x00",
        b'[plan]\ntitle = "t"\nyear = 2023\n\x00\x00\x00',
    ],
    ids=["one", "four", "on lines", "after a BOM", "a last line of them"],
)
@pytest.mark.parametrize("args", _READS_AND_CHANGES, ids=lambda args: args[0])
def test_a_plan_of_a_few_zero_bytes_alone_is_called_damaged_not_utf32(
    runner: CliRunner, plan_file: Path, data: bytes, args: list[str]
) -> None:
    """A file whose text gave way to zero bytes (a power cut while it was saved) was called
    damaged from eight of them in a row on; fewer, alone, were told as UTF-32 text, to be
    saved as UTF-8 in Notepad (which shows nothing to save), and a last line of them as an
    invisible character "most likely copied from Word"."""
    plan_file.write_bytes(data)
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["--lang", lang, *args])
        assert result.exit_code == 1, result.output
        out = _said(result)
        assert "UTF-32" not in out and "Notepad" not in out and "记事本" not in out, out
        assert "Word" not in out, out
        assert "NUL" in out and f"git checkout -- {plan_file}" in out, out
    assert plan_file.read_bytes() == data


@pytest.mark.parametrize("tasks", [3, 60], ids=["short", "long"])
@pytest.mark.parametrize("args", [["status"], ["done", "1.1"], ["fmt"], ["check"]], ids=str)
def test_a_crlf_plan_cut_between_its_last_cr_and_lf_is_called_cut_off(
    runner: CliRunner, plan_file: Path, tasks: int, args: list[str]
) -> None:
    """A plan with Windows line ends cut off between the CR and the LF of its last line was
    told "Expected newline … Fix that spot (unbalanced quotes, a bad date, a key written
    twice)": the line is whole, its line end half there. No one types a lone CR there."""
    text = _long_plan(tasks).replace("\n", "\r\n")[:-1]
    plan_file.write_bytes(text.encode("utf-8"))
    line = text.count("\n") + 1
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 1, result.output
    out = _said(result)
    assert f"The file ends in the middle of line {line}: it was probably cut off" in out, out
    assert "unbalanced quotes" not in out, out
    assert plan_file.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize(
    "command",
    [["--file", "镇计划/plan.toml", *args] for args in _READS_AND_CHANGES]
    + [
        ["init", "镇计划/plan.toml"],
        ["init", "镇计划/2024/"],
        ["--file", "镇计划/plan.toml", "init"],
    ],
    ids=lambda command: " ".join(command[2:] if command[0] == "--file" else command),
)
def test_a_plan_path_through_a_link_to_nothing_says_so_not_no_such_file(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    """镇计划/plan.toml, 镇计划 a link to a folder moved away: a change said "no such file" and
    advised plan -f 镇计划/plan.toml init, which then said "Not a directory"."""
    (tmp_path / "镇计划").symlink_to(tmp_path / "移走了")
    before = _tree(tmp_path)
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["--lang", lang, *command])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        out = _said(result)
        if lang == "en":
            assert "not a folder: 镇计划 is a symbolic link to nothing" in out, out
            assert "no such file" not in out and "init" not in out, out
            assert "Not a directory" not in out, out
        else:
            assert "镇计划 是一个指向不存在位置的符号链接" in out, out
    assert _tree(tmp_path) == before
