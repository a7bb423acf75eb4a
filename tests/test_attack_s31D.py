"""Hostile plan files, the two readers side by side (s31D).

A plan of 65,536 characters and more with no cache entry is read first by the quick reader
(store/quick_toml.py), which declines what it is not sure of; a shorter one, and what it
declines, by the TOML reader. Each hand-written odd layout below (valid TOML) is made into a
short plan and a long one (padded past the quick reader's length with ordinary tasks) and run
through ``check``, ``status``, ``show``, ``done`` and ``undo`` with the cache cold, warm and
corrupted, and read from a stale entry (the plan edited by hand since its entry was made):
the long plan gives what it gives read by the TOML reader alone, the short one what the long
one shows of the same item, the file after the change is the short file's with the padding
after it, and every line written by hand is still there, byte for byte, after ``done`` and
after ``undo``. Then invalid TOML at the same spots: one paragraph naming the file and the
line, exit 1, no traceback, the same from both readers and each cache state.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from quanhu_plan.cli import app
from quanhu_plan.store import plan_text, quick_toml
from quanhu_plan.store.plan_text import _toml_reader

from .conftest import Clock
from .test_quick_toml import read_alike

runner = CliRunner()

HEAD = '[plan]\ntitle = "泉湖镇计划"\nyear = 2023\nstart = 2023-01-01\n\n'
PAD_GOAL = '\n[[item]]\nid = "9"\ntitle = "填充"\n'


def padding(tasks: int) -> str:
    return "".join(
        f'\n[[item]]\nid = "9.{n}"\ntitle = "普通任务{n}"\ndue = 2023-12-31\n'
        for n in range(1, tasks + 1)
    )


SHORT, LONG = padding(2), padding(1300)
TAIL = LONG[len(SHORT) :]  # what the long plan has after all the short one has

# Item 5 written by hand in odd ways TOML allows; unknown fields are extra*, meta, 负责人.
ODD_ITEMS = {
    "dotted keys": '[[item]]\nid = "5"\ntitle = "点号"\nextra.a = 1\nextra.b = "乙" # 注\n',
    "inline table": '[[item]]\nid = "5"\ntitle = "内联"\nmeta = { a = 1, b = "乙", c = [1, 2] }\n',
    "[[item]] after a sub-table": (
        '[[item]]\nid = "5"\ntitle = "子表"\n[item.extra]\na = 1 # 注\n'
        '[[item]]\nid = "6"\ntitle = "后面"\n'
    ),
    "literal strings": "[[item]]\nid = '5'\ntitle = '字面 \\n 不转义'\nextra = 'C:\\路径'\n",
    "multi-line basic string": (
        '[[item]]\nid = "5"\ntitle = "多行"\ndetail = """\\\n  第一行 \\\n  继续"""\nextra = "x"\n'
    ),
    "multi-line literal holding headers": (
        "[[item]]\nid = \"5\"\ntitle = \"多行\"\ndetail = '''\n[[item]]\nid = \"6\"'''\n"
    ),
    "escapes": '[[item]]\nid = "5"\ntitle = "\\u00e9 \\U0001F600 \\t"\nextra = "\\u00e9\\"\\\\"\n',
    "quoted and unicode keys": '[[item]]\n"id" = "5"\n"title" = "引号键"\n"负责人" = "张三"\n',
    "comments after values": (
        '[[item]]\nid = "5" # 编号\ntitle = "注释" # 标题\ndue = 2023-06-30 # 六月底\n'
        'target = 10 # 目标\nactual = 3 # 实际\nextra = "x" # 未知\n'
    ),
    "tabs before keys": '[[item]]\n\tid = "5"\n\ttitle = "制表"\n\tdue\t=\t2023-06-30\n\textra = 1\n',
    "integers with _ and +": (
        '[[item]]\nid = "5"\ntitle = "整数"\ntarget = +1_000\nactual = 1_0\nextra = 0x1F\n'
    ),
    "floats": '[[item]]\nid = "5"\ntitle = "小数"\ntarget = 1e3\nactual = 2.5E2\nextra = -0.0\n',
    "local dates and times": (
        '[[item]]\nid = "5"\ntitle = "时间"\ndone_on = 2023-06-30\nextra = 10:30:00\n'
        "extra2 = 2023-06-30T10:30:00\nextra3 = 2023-06-30 10:30:00.123\n"
    ),
    "offsets": (
        '[[item]]\nid = "5"\ntitle = "时区"\nextra = 2023-06-30T10:30:00-05:00\n'
        "extra2 = 2023-06-30t10:30:00z\n\n[[item.log]]\nat = 2023-06-01 10:00:00-00:00\n"
        'action = "note"\nnote = "x"\n'
    ),
    "arrays over lines with comments": (
        '[[item]]\nid = "5"\ntitle = "数组"\nevidence = [\n  "照片", # 一\n  # 中间\n  "台账",\n]\n'
        "extra = [ # 开\n 1,\n 2 ]\n"
    ),
}
# Refused by the checks (a figure that is no number), by either reader alike.
REFUSED_ITEMS = {
    "inf figure": '[[item]]\nid = "5"\ntitle = "无穷"\ntarget = inf\nactual = 1\n',
    "nan figure": '[[item]]\nid = "5"\ntitle = "非数"\ntarget = 10\nactual = nan\n',
    "inf in an unknown field": '[[item]]\nid = "5"\ntitle = "未知"\nextra = -inf\nextra2 = nan\n',
}


def plan_of(item: str, pad: str, how: str = "") -> bytes:
    text = HEAD + item + PAD_GOAL + pad
    if how == "crlf":
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if how == "bom" else data


COMMANDS = [["check"], ["status"], ["show", "5"], ["done", "5"], ["show", "5"], ["undo"]]
Outcome = tuple[list[tuple[int, str]], bytes, bytes]


def invoked(plan: Path, args: list[str]) -> tuple[int, str]:
    result: Result = runner.invoke(app, ["--file", str(plan), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def session(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    cache: str = "cold",
    quick: bool = True,
    warmed_with: bytes | None = None,
) -> Outcome:
    """The commands' exit codes and output, the file after ``done`` and after ``undo``."""
    plan = tmp_path / "plan.toml"
    entry = tmp_path / f"cache-{cache}-{quick}-{warmed_with is not None}"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(entry))
    monkeypatch.setattr(plan_text, "_QUICK_FROM", 1 << 16 if quick else 10**12)
    if cache != "cold":
        plan.write_bytes(warmed_with or data)
        invoked(plan, ["status"])
        invoked(plan, ["show", "5"])
        if cache == "corrupt":
            for file in [f for f in entry.rglob("*") if f.is_file()]:  # (none for a bad plan)
                file.write_bytes(b"\x80\x04garbage" * 7)
    plan.write_bytes(data)
    results, after = [], {}
    for args in COMMANDS:
        results.append(invoked(plan, args))
        after[args[0]] = plan.read_bytes()
    return results, after["done"], after["undo"]


def hand_lines(data: bytes) -> list[bytes]:
    """The odd item's lines as written (not the padding's, not a blank)."""
    head = data.split(b'id = "9"')[0]
    return [line for line in head.splitlines() if line.strip()]


def assert_kept(before: bytes, after: bytes) -> None:
    """Every hand-written line of ``before`` in ``after`` byte for byte, in its order, bar
    the fields ``done`` itself writes."""
    lines = iter(after.splitlines())
    for line in hand_lines(before):
        if line.startswith((b"done_on", b"status")):
            continue
        assert line in lines, (line, after[:800])


@pytest.fixture
def sessions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> Callable[..., Outcome]:
    return lambda data, **how: session(tmp_path, monkeypatch, data, **how)


def assert_alike(run: Callable[..., Outcome], item: str, how: str = "") -> Outcome:
    long, short = plan_of(item, LONG, how), plan_of(item, SHORT, how)
    assert len(long.decode("utf-8-sig")) >= plan_text._QUICK_FROM
    read_alike(long.decode("utf-8-sig"))  # the quick reader: tomllib's document, or declined
    alone = run(long, quick=False)  # the TOML reader alone
    for cache in ("cold", "warm", "corrupt"):
        assert run(long, cache=cache) == alone, cache
    small = run(short)
    for cache in ("warm", "corrupt"):
        assert run(short, cache=cache) == small, cache
    codes = [code for code, _ in alone[0]]
    assert codes == [code for code, _ in small[0]]
    assert small[0][2] == alone[0][2] and small[0][4] == alone[0][4]  # show 5, before and after
    tail = TAIL.replace("\n", "\r\n") if how == "crlf" else TAIL
    assert alone[1] == small[1] + tail.encode("utf-8")  # (the change written in the same place)
    assert alone[2] == small[2] + tail.encode("utf-8")
    return alone


@pytest.mark.parametrize("name", list(ODD_ITEMS))
def test_an_odd_item_reads_and_changes_alike_long_or_short_and_in_every_cache_state(
    sessions: Callable[..., Outcome], name: str
) -> None:
    item = ODD_ITEMS[name]
    results, after_done, after_undo = assert_alike(sessions, item)
    assert [code for code, _ in results] == [0] * 6, results
    assert "已销号 5" in results[3][1] and "已撤销" in results[5][1]
    assert "已完成" in results[4][1] and "已完成" not in results[2][1]
    before = plan_of(item, LONG)
    assert_kept(before, after_done)
    assert_kept(before, after_undo)
    assert after_done.startswith(HEAD.encode())  # (the header as written)


@pytest.mark.parametrize("how", ["crlf", "bom"])
def test_crlf_and_a_bom_read_and_change_alike_long_or_short(
    sessions: Callable[..., Outcome], how: str
) -> None:
    item = ODD_ITEMS["comments after values"]
    results, after_done, after_undo = assert_alike(sessions, item, how)
    assert [code for code, _ in results] == [0] * 6, results
    crlf = after_done.count(b"\r\n")
    assert crlf == (after_done.count(b"\n") if how == "crlf" else 0)  # (no LF alone written in)
    assert after_done.startswith(b"\xef\xbb\xbf") == (how == "bom")
    assert_kept(plan_of(item, LONG, how), after_undo)


@pytest.mark.parametrize("name", list(REFUSED_ITEMS))
def test_a_figure_that_is_no_number_is_refused_alike_on_its_line(
    sessions: Callable[..., Outcome], name: str
) -> None:
    results, after_done, _ = assert_alike(sessions, REFUSED_ITEMS[name])
    assert [code for code, _ in results] == [1] * 6
    line = 10 if name == "nan figure" else 9  # (the line of the figure refused first)
    assert f"第 {line} 行，事项 5" in results[0][1] and f"第 {line} 行，事项 5" in results[3][1]
    assert after_done == plan_of(REFUSED_ITEMS[name], LONG)  # not written


def test_a_plan_header_of_dotted_keys_is_rewritten_with_a_notice_alike(
    sessions: Callable[..., Outcome],
) -> None:
    """``plan.title = …`` before any table: the change cannot edit it line by line, and the
    file is written whole (with the notice that its comments went), from either reader."""
    dotted = (
        '# 计划\nplan.title = "点号计划" # 标题\nplan.year = 2023\nplan.extra = { a = 1 }\n'
        'plan.start = 2023-01-01\n\n[[item]]\nid = "5"\ntitle = "任务"\n'
    )
    long = (dotted + PAD_GOAL + LONG).encode("utf-8")
    alone = sessions(long, quick=False)
    assert sessions(long) == alone
    assert sessions(long, cache="corrupt") == alone
    assert "整个重写了" in alone[0][3][1]
    assert alone[1].startswith(b'[plan]\ntitle = "\xe7\x82\xb9')
    assert b"extra = { a = 1 }" in alone[1]


@pytest.mark.parametrize("name", ["dotted keys", "arrays over lines with comments", "offsets"])
@pytest.mark.parametrize("place", ["first", "middle"])
def test_an_odd_item_edited_in_since_the_cache_entry_reads_as_without_it(
    sessions: Callable[..., Outcome], name: str, place: str
) -> None:
    """The stale entry's path (store/pieces.py): a plain item 5 in the entry, the odd one in
    the file now."""
    plain = '[[item]]\nid = "5"\ntitle = "普通"\n'

    def text(item: str) -> bytes:
        if place == "first":
            return plan_of(item, LONG)
        cut = LONG.index('\n[[item]]\nid = "9.650"')
        return (HEAD + PAD_GOAL + LONG[:cut] + "\n" + item + LONG[cut:]).encode("utf-8")

    odd = text(ODD_ITEMS[name])
    cold = sessions(odd)
    assert sessions(odd, cache="warm", warmed_with=text(plain)) == cold
    assert [code for code, _ in cold[0]] == [0] * 6


# ---------------------------------------------------------------- invalid TOML


def refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    commands: list[list[str]],
    states: tuple[str, ...] = ("cold", "warm", "corrupt"),
) -> list[tuple[int, str]]:
    """What each command says of ``data`` with each reader and cache state: all the same."""
    plan = tmp_path / "plan.toml"
    good = (HEAD + ODD_ITEMS["comments after values"] + PAD_GOAL + LONG).encode("utf-8")
    seen = []
    for quick in (True, False):
        monkeypatch.setattr(plan_text, "_QUICK_FROM", 1 << 16 if quick else 10**12)
        for cache in states:
            entry = tmp_path / f"cache-{quick}-{cache}"
            monkeypatch.setenv("QUANHU_PLAN_CACHE", str(entry))
            if cache != "cold":
                plan.write_bytes(good)
                invoked(plan, ["status"])
            if cache == "corrupt":
                for file in entry.rglob("*"):
                    if file.is_file():
                        file.write_bytes(b"\x80\x04garbage")
            plan.write_bytes(data)
            seen.append([invoked(plan, args) for args in commands])
            assert plan.read_bytes() == data
    assert all(outcome == seen[0] for outcome in seen), seen
    return seen[0]


def long_plan_with(top: bytes, bottom: bytes = b"") -> bytes:
    item = '[[item]]\nid = "5"\ntitle = "任务"\n'.encode()
    return HEAD.encode() + item + top + (PAD_GOAL + LONG).encode() + bottom


END_LINE = (HEAD + '[[item]]\nid = "5"\ntitle = "任务"\n' + PAD_GOAL + LONG).count("\n")

INVALID = {
    # the same table by a dotted key and a header
    "a dotted key, then its table": (
        long_plan_with(b"extra.a = 1\n[item.extra]\nb = 2\n"),
        10,
        "表 item.extra 写了两次",
    ),
    "a plan header of dotted keys, then [plan]": (
        b'plan.title = "x"\nplan.year = 2023\n\n[[item]]\nid = "5"\ntitle = "t"\n'
        + (PAD_GOAL + LONG).encode()
        + b'\n[plan]\nlang = "zh"\n',
        (PAD_GOAL + LONG).count("\n") + 8,
        "表 plan 写了两次",
    ),
    "a table given again at the end": (
        long_plan_with(b"", b'\n[plan]\ntitle = "again"\n'),
        END_LINE + 2,
        "表 plan 写了两次",
    ),
    "a key given again at the end": (
        long_plan_with(b"", b'title = "again"\n'),
        END_LINE + 1,
        "字段 title 在第",
    ),
    "a string left open at the end of a 70k file": (
        long_plan_with(b"", b'\n[[item]]\nid = "8"\ntitle = "no end\n'),
        END_LINE + 4,
        "引号没有结束",
    ),
    "a file cut off in a string": (
        long_plan_with(b"", b'\n[[item]]\nid = "8"\ntitle = "no end'),
        END_LINE + 4,
        "中途结束",
    ),
    "a multi-line string left open at the end": (
        long_plan_with(b"", b'\n[[item]]\nid = "8"\ndetail = """no end\n'),
        END_LINE + 4,
        '没有结尾的 """',
    ),
    "a NUL in a value": (long_plan_with(b'detail = "a\x00b"\n'), 9, "U+0000"),
    "a NUL in a comment at the end": (long_plan_with(b"", b"# a\x00b\n"), END_LINE + 1, "U+0000"),
    "invalid UTF-8 in a comment": (long_plan_with(b"# \xff\xfe \xc3\n"), 9, "不是 UTF-8 编码"),
    "invalid UTF-8 in a comment at the end": (
        long_plan_with(b"", b"# \xe4\xb8 end\n"),
        END_LINE + 1,
        "不是 UTF-8 编码",
    ),
    "a lone CR": (long_plan_with(b'detail = "a"\rx = 1\n'), 9, "U+000D"),
    "a bare key in Chinese": (
        long_plan_with('负责人 = "张三"\n'.encode()),
        9,
        "字段名 负责人 是中文",
    ),
    "a BOM inside": (long_plan_with("\ufeffx = 1\n".encode()), 9, "U+FEFF"),
}


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_toml_is_one_paragraph_with_its_line_from_either_reader_and_cache_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    data, line, said = INVALID[name]
    assert len(data) >= plan_text._QUICK_FROM
    (code, check), (status_code, status) = refused(
        tmp_path, monkeypatch, data, [["check"], ["status"]]
    )
    assert code == status_code == 1
    for output in (check, status):
        assert output.count("\n") == 1, output  # one paragraph
        assert str(tmp_path / "plan.toml") in output
        assert f"第 {line} 行" in output, (line, output)
        assert said in output, output


def test_a_line_of_10_mb_is_refused_on_its_line_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 10 MB line that is no TOML (an unterminated text of 10 MB): declined by the quick
    reader, said by the TOML reader on line 9, in one paragraph; and a 10 MB comment reads."""
    data = long_plan_with(b'detail = "' + b"x" * 10_000_000 + b"\n")
    # (cold only: each read of 10 MB takes seconds; the cache states are tried above)
    ((code, output),) = refused(tmp_path, monkeypatch, data, [["check"]], ("cold",))
    assert code == 1 and output.count("\n") == 1
    assert "第 9 行第 10000011 列（事项 5）" in output and "引号没有结束" in output
    text = long_plan_with(b"# " + b"x" * 10_000_000 + b"\n").decode()
    assert quick_toml.loads(text, _toml_reader) is not None
    assert read_alike(text) is not None


# ---------------------------------------------------------------- found


def test_show_json_writes_a_local_time_in_an_unknown_field_as_its_iso_text(
    plan_file: Path,
) -> None:
    """``extra = 10:30:00`` (a TOML local time) in an item: ``plan show --json`` ended in a
    traceback (Object of type time is not JSON serializable); dates were written as ISO text,
    times of day were not."""
    plan_file.write_text(
        HEAD + '[[item]]\nid = "5"\ntitle = "时间"\nextra = 10:30:00\n'
        "extra2 = { at = 08:00:00.5, days = [2023-06-30, 23:59:59] }\n\n"
        '[[item.log]]\nat = 2023-03-01 09:30:00+08:00\naction = "note"\nnote = "x"\nwhen = 10:30:00\n',
        encoding="utf-8",
    )
    code, output = invoked(plan_file, ["show", "5", "--json"])
    assert code == 0, output
    record = json.loads(output)
    assert record["extra"] == "10:30:00"
    assert record["extra2"] == {"at": "08:00:00.500000", "days": ["2023-06-30", "23:59:59"]}
    code, output = invoked(plan_file, ["log", "--json"])
    assert code == 0 and json.loads(output)[0]["when"] == "10:30:00", output
