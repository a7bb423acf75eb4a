"""The quick reader of long plans (store/quick_toml.py) reads a text as the TOML reader does, or
declines it: never another document, never a document for a text the TOML reader refuses.

Compared value by value with the standard library's tomllib and with the reader the store uses
(compiled tomli), key order, types, float signs and time offsets included, on every plan file
the fuzzing tests make, on those files with lines changed, added and taken away, and on the
lines a hand edit leaves; and through the commands, on a plan long enough to be read by it."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.store import plan_text, quick_toml
from quanhu_plan.store.plan_text import _toml_reader

from .test_fast_read import same as same_types
from .test_fuzz_files import plan_files

runner = CliRunner()
READERS = [tomllib, _toml_reader()]


def same(a: Any, b: Any) -> bool:
    """Equal as ``test_fast_read.same`` has it (the same types all the way down, nan as nan,
    -0.0 not 0.0, a time with the same offset) and written alike: keys in the same order."""
    return same_types(a, b) and repr(a) == repr(b)


def read_alike(text: str) -> dict[str, Any] | None:
    """The quick reader's document for ``text`` after checking it against each TOML reader."""
    found = None
    for reader in READERS:
        quick = quick_toml.loads(text, lambda reader=reader: reader)
        try:
            expected = reader.loads(text)
        except (reader.TOMLDecodeError, ValueError, RecursionError):
            assert quick is None, f"read a text {reader.__name__} refuses: {text!r}"
            continue
        if quick is not None:
            assert same(quick, expected), (text, quick, expected)
            found = quick
    return found


# ---------------------------------------------------------------- what it reads, what it leaves

PLAN = """\
[plan]
title = "泉湖镇2023年工作计划"
year = 2023
start = 2023-01-01

[[item]]
id = "1"
title = "一个基础：党的建设"

[[item]]
id = "1.1"
title = "修缮村级道路 [x] # 不是注释"
owner = ""
due = 2023-06-30
progress = -0
target = 123456789012345678
weight = 2.5
detail = "第一行\\n第二行\\t\\"引号\\" \\\\ \\u00e9"
evidence = ["照片", "台账"]

[[item.log]]
at = 2023-03-01 09:30:00+08:00
on = 2023-03-01
action = "progress"
after = { progress = 30 }

[[item.log]]
at = 2023-03-02T10:00:00Z
action = "note"
note = "ok"
"""


def test_reads_the_layout_the_store_writes_as_the_toml_reader_does() -> None:
    doc = read_alike(PLAN)
    assert doc is not None  # read by the quick reader itself, not declined
    item = doc["item"][1]
    assert item["progress"] == 0 and item["target"] == 123456789012345678
    assert item["detail"] == '第一行\n第二行\t"引号" \\ é'
    assert item["title"] == "修缮村级道路 [x] # 不是注释"
    assert item["log"][0]["at"] == dt.datetime(
        2023, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )
    assert item["log"][1]["at"].tzinfo == dt.UTC
    assert list(item) == [
        *("id", "title", "owner", "due", "progress", "target", "weight", "detail", "evidence"),
        "log",
    ]


@pytest.mark.parametrize(
    "text",
    [
        PLAN.replace("\n", "\r\n"),  # CRLF: read as LF
        PLAN.replace("year = 2023", "  year=2023   # 年份"),
        PLAN.replace('[[item]]\nid = "1"', '  [[ item ]]  # 第一部分\nid = "1"'),
        "# 计划\n\n" + PLAN + "\n# 完\n",
        PLAN.replace("due = 2023-06-30", "due = 2023-06-30 # 六月底"),
        PLAN.replace("\n\n", "\n \t\n"),
        PLAN.replace("[[item.log]]", "[[ item . log ]] # 记录", 1),
        PLAN + "[[item.log.x]]\ny = 1\n",
        PLAN.replace("\n[[item]]", '\n[[plan.log]]\naction = "header"\n\n[[item]]', 1),
        PLAN + "[[plan.x]]\n",  # (after [plan]: an array of tables in it)
        PLAN + '[[removed]]\nat = 2023-05-01 10:00:00+08:00\n[[removed.item]]\nid = "9"\n'
        '[[removed.item.log]]\naction = "note"\n[[removed]]\n[[removed.item]]\nid = "8"\n',
    ],
)
def test_reads_what_a_hand_edit_leaves_as_the_toml_reader_does(text: str) -> None:
    assert read_alike(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        PLAN + 'note = """\nid = "9"\n"""\n',  # a multi-line string: lines inside look like keys
        PLAN + "note = '''\n[[item]]\n'''\n",
        PLAN.replace("\n", "\r"),  # lone CRs: one line to TOML
        PLAN + "x = [\n  1,\n]\n",  # an array over lines
        PLAN + 'a.b = 1\n"q" = 2\n',  # dotted and quoted keys
        PLAN + "[plan.more]\nx = 1\n",
        PLAN + "[a]\n[[a.b]]\n[a]\n",  # a table given twice
        PLAN + "x = { a = 1 }\n[[x.b]]\n",  # an inline table given more
    ],
)
def test_declines_what_it_does_not_read_itself(text: str) -> None:
    for reader in READERS:
        assert quick_toml.loads(text, lambda reader=reader: reader) is None
    read_alike(text)


@pytest.mark.parametrize(
    "extra",
    [
        'id = "again"\n',  # a key twice in a table
        "[plan]\ntitle = 'x'\n",  # a table twice
        "item = 1\n",  # a key where the array of tables is
        "log = []\n[[item.log]]\n",  # a static array, then a header adding to it
        "log = [{ a = 1 }]\n[[item.log]]\n",
        "due = 2023-02-30\n",  # no such day
        "due = 2023-13-01\n",
        "at = 2023-01-01 24:00:00+08:00\n",
        "at = 2023-01-01 10:00:00+08:60\n",
        "at = 2023-01-01 10:00:60Z\n",
        "x = 0123\n",
        "x = 1_000_000_000_000_000_000\n",
        "x = " + "9" * 40 + "\n",
        'x = "a"b"\n',
        'x = "\x01"\n',
        'x = "\\ud800"\n',
        "x = \n",
        "x = [1,\n",
        "x = { a = 1 } # ok\ny = {\n",
        "[[]]\n",
        "\ufeffx = 1\n",
        'x = "\x7f"\n',
        "# \x00\n",
    ],
)
def test_a_wrong_or_odd_line_is_refused_or_read_as_the_toml_reader_does(extra: str) -> None:
    read_alike(PLAN + extra)
    read_alike(extra + PLAN)  # (at the top: a key of the whole document)


# ---------------------------------------------------------------- fuzzed

quick_settings = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

SPOILERS = [
    "",
    " ",
    "#",
    "x = 1",
    "x = 1 # c",
    'x = "a"',
    "x = 'a'",
    'x = """',
    "x = '''",
    "x = [",
    "]",
    "x = {",
    "[plan]",
    "[item]",
    "[[item]]",
    "[[item.log]]",
    "[[item.log.x]]",
    "[[plan]]",
    "[[item.x]]",
    "log = []",
    "item = 1",
    "id = 1",
    'id = "1"',
    "title = 2023-01-01",
    "at = 2023-01-01 10:00:00+08:00",
    "at = 2023-01-01T10:00:00.5Z",
    "x = 2023-02-29",
    "x = -0",
    "x = +1",
    "x = 1.0",
    "x = -0.0",
    "x = nan",
    "x = true",
    "x = 10:00:00",
    "a.b = 1",
    '"a" = 1',
    "x=1",
    "\tx\t=\t1\t",
    'x = "\\""',
    'x = "\\U0001F600"',
    'x = "\\e"',
    "\r",
    "\x0c",
    'x = "\t"',
]


@quick_settings
@given(plan_files())
def test_reads_every_fuzzed_plan_file_as_the_toml_reader_does(text: str) -> None:
    read_alike(text)


@quick_settings
@given(plan_files(), st.data())
def test_reads_fuzzed_files_with_lines_spoiled_as_the_toml_reader_does(
    text: str, data: st.DataObject
) -> None:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines)))
        how = data.draw(st.integers(0, 3))
        if how == 0 and at < len(lines):
            del lines[at]
        elif how == 1 and at < len(lines):
            lines.insert(at, lines[at])  # a line twice
        else:
            lines.insert(at, data.draw(st.sampled_from(SPOILERS)))
    ending = data.draw(st.sampled_from(["\n", "\r\n"]))
    read_alike(ending.join(lines))


@quick_settings
@given(plan_files())
def test_reads_the_canonical_layout_itself(text: str) -> None:
    """What the store writes is not left to the TOML reader, but for a quoted key (an unknown
    field named in Chinese: ``"负责人" = ...``, ``["负责人"]``) and ``'''`` in a text:
    declined at once."""
    try:
        canonical = dumps(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValueError, TypeError, RecursionError):
        return
    if "'''" not in canonical and not re.search(r'^(?:"|\[.*")', canonical, re.M):
        assert read_alike(canonical) is not None


# Values spelled as a hand writes them (s31D): every spelling TOML has for a value, and the
# blanks, tabs and comments around it; read by the quick reader itself where it can.
_odd_integers = st.integers(-(10**20), 10**20).flatmap(
    lambda n: st.sampled_from(
        [
            str(n),
            ("+" if n >= 0 else "") + str(n),
            f"{n:_}",
            *([f"0x{n:X}", f"0x{n:x}", f"0o{n:o}", f"0b{n:b}"] if n >= 0 else []),
        ]
    )
)
_odd_floats = st.sampled_from(
    ["1e3", "1E3", "-1e-3", "+1.5e+2", "2.5E2", "1_000.000_1", "-0.0", "+0.0", "0.0"]
    + ["inf", "+inf", "-inf", "nan", "+nan", "-nan", "3.141_592", "6.02e23", "1e400"]
)
_escapes = st.sampled_from(
    ["\\u00e9", "\\U0001F600", "\\t", "\\n", '\\"', "\\\\", "\\b", "\\f", "\\r", "\\u3000"]
    + ["\\u2028", "\\u0085", "\\uFEFF", "\\U0010FFFF", "\\u007F", "\\e", "\\x41", "\\ud800"]
)
_plain_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\n\r"),
    max_size=8,
)
_odd_strings = (
    st.lists(_plain_text | _escapes, max_size=4).map(lambda parts: '"' + "".join(parts) + '"')
    | _plain_text.map(lambda t: "'" + t + "'")
    | st.sampled_from(['""', "''", '"a" "b"', "'a''", '"\t"', '"\u3000"', '"\u2028"', '"\x85"'])
)
_odd_moments = st.sampled_from(
    ["2023-06-30", "2023-02-29", "2024-02-29", "0001-01-01", "9999-12-31", "2023-6-30"]
    + ["10:30:00", "10:30:00.123456", "10:30", "24:00:00", "23:59:60"]
    + ["2023-06-30T10:30:00", "2023-06-30t10:30:00", "2023-06-30 10:30:00.5"]
    + ["2023-06-30T10:30:00Z", "2023-06-30T10:30:00z", "2023-06-30 10:30:00-00:00"]
    + ["2023-06-30 10:30:00+08:00", "2023-06-30T10:30:00.999999999+05:45"]
    + ["2023-06-30 10:30:00+24:00", "2023-06-30 10:30:00+08", "2023-06-30  10:30:00Z"]
)
_odd_scalars = (
    _odd_integers | _odd_floats | _odd_strings | _odd_moments | st.sampled_from(["true", "false"])
)
_odd_values = _odd_scalars | st.lists(_odd_scalars, max_size=3).flatmap(
    lambda items: st.sampled_from(
        [
            "[" + ", ".join(items) + "]",
            "[\n  " + ",\n  # 中间\n  ".join(items) + ", # 尾\n]",
            "[ # 开\n" + "\n".join(f"  {v}," for v in items) + "\n]",
            "{ " + ", ".join(f"k{n} = {v}" for n, v in enumerate(items)) + " }",
        ]
    )
)
_odd_keys = st.sampled_from(
    ["extra", "id", "title", "due", "x-y", "1", "true", '"extra"', "'extra'", '"负责人"']
    + ['"a.b"', "extra.a", "extra . b", '"" ', "负责人", "ext ra", '"id"']
)


@st.composite
def odd_lines(draw: Any) -> str:
    """One ``key = value`` as a hand writes it: a tab or blanks before, around ``=``, after."""
    blank = st.sampled_from(["", " ", "\t", "  ", " \t"])
    comment = draw(st.sampled_from(["", " # 注", "# c", "\t#\t注释 # 二", " #"]))
    return (
        draw(blank)
        + draw(_odd_keys)
        + draw(st.sampled_from([" = ", "=", "\t=\t", " =  "]))
        + draw(_odd_values)
        + (draw(blank) + comment if comment else draw(blank))
    )


@quick_settings
@given(plan_files(), st.data())
def test_reads_fuzzed_files_with_odd_lines_written_in_as_the_toml_reader_does(
    text: str, data: st.DataObject
) -> None:
    """Lines of every spelling TOML has put anywhere in a fuzzed plan (mostly under a header:
    in a table), in LF, CRLF or behind a BOM: the TOML reader's document or declined."""
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 5))):
        headers = [n + 1 for n, line in enumerate(lines) if line.startswith("[")]
        at = data.draw(st.sampled_from(headers) if headers else st.integers(0, len(lines)))
        lines.insert(at, data.draw(odd_lines()))
    ending = data.draw(st.sampled_from(["\n", "\r\n"]))
    read_alike(ending.join(lines))
    read_alike("\ufeff" + "\n".join(lines))  # (a BOM the store takes off; the readers refuse it)


@pytest.mark.parametrize(
    "line",
    [
        "extra = +1_000",
        "extra = 0x1F",
        "extra = 1e3",
        "extra = -0.0",
        "extra = -nan",
        "extra = 'C:\\路径'",
        'extra = "\\u00e9\\U0001F600"',
        "extra = 10:30:00",
        "extra = 2023-06-30t10:30:00z",
        "extra = 2023-06-30 10:30:00-00:00",
        "extra = 2023-06-30T10:30:00.999999999+05:45",
        "extra = [ # 开\n  1, # 一\n  # 中间\n  2,\n]",
        '\textra\t=\t"制表"\t# 注',
        "extra = { a = 1, b = [1, 2] } # 注",
    ],
)
def test_an_odd_spelling_in_a_long_plan_reads_as_the_toml_reader_reads_it(line: str) -> None:
    text = long_plan(700).replace('id = "1.350"\n', f'id = "1.350"\n{line}\n', 1)
    doc = read_alike(text)
    declines = "\n  " in line  # (an array over lines: left to the TOML reader)
    assert (doc is None) == declines
    if doc is not None:
        assert "extra" in doc["item"][350]


# ---------------------------------------------------------------- through the commands


def long_plan(tasks: int) -> str:
    lines = ['[plan]\ntitle = "长计划"\nyear = 2023\n', '[[item]]\nid = "1"\ntitle = "第一部分"\n']
    for n in range(1, tasks + 1):
        status = 'status = "done"\ndone_on = 2023-03-01\n' if n % 3 == 0 else ""
        lines.append(
            f'[[item]]\nid = "1.{n}"\ntitle = "任务{n} [x] \\"引号\\""  # 手写的注释\n'
            f"due = 2023-{n % 12 + 1:02d}-28\n{status}"
            + ("progress = 40.5\n" if n % 7 == 0 else "")
            + (
                f"\n[[item.log]]\nat = 2023-02-0{n % 9 + 1} 10:00:00+08:00\n"
                f'on = 2023-02-0{n % 9 + 1}\naction = "note"\nnote = "第{n}条"\n'
                if n % 5 == 0
                else ""
            )
        )
    return "\n".join(lines)


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_commands_read_a_long_plan_the_same_with_the_quick_reader_or_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    text = long_plan(700).replace("\n", ending)
    assert len(text) >= plan_text._QUICK_FROM  # read first by the quick reader
    assert quick_toml.loads(text, _toml_reader) is not None
    plan_file = tmp_path / "plan.toml"
    plan_file.write_bytes(text.encode("utf-8"))
    commands = [
        ["status", "--as-of", "2023-06-30"],
        ["list", "--flat"],
        ["show", "1.35", "--json"],
        ["log", "--all"],
        ["check"],
    ]

    def outputs(cache: str) -> list[tuple[int, str]]:
        monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / cache))  # no entry: parsed
        results = [runner.invoke(app, ["--file", str(plan_file), *c]) for c in commands]
        return [(r.exit_code, r.output) for r in results]

    quick = outputs("quick")
    monkeypatch.setattr(plan_text, "_QUICK_FROM", 10**12)  # the TOML reader alone
    assert quick == outputs("reader")
    assert all(code == 0 for code, _ in quick), quick
    assert "任务35 [x]" in quick[2][1]
    assert plan_file.read_bytes() == text.encode("utf-8")


def test_an_error_in_a_long_plan_still_names_its_line_and_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = long_plan(700)
    at = text.index('id = "1.500"')
    text = text[:at] + 'id = "1.500"\nowner = "张三' + text[at + len('id = "1.500"') :]
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    result = runner.invoke(app, ["--file", str(plan_file), "status"])
    assert result.exit_code == 1
    line = text[:at].count("\n") + 2
    assert f"第 {line} 行" in result.output or f"line {line}" in result.output, result.output
    assert "1.500" in result.output
    assert "Traceback" not in result.output


def test_its_tables_are_shared_as_the_parse_cache_keeps_them() -> None:
    """Equal keys, short texts and days are one object each, in the values the TOML reader
    read too: the store builds the plan from these tables without copying them."""
    text = long_plan(700)
    doc = quick_toml.loads(text, _toml_reader)
    assert doc is not None
    first, second = doc["item"][1], doc["item"][13]
    assert first["due"] == second["due"] and first["due"] is second["due"]
    assert [k for k in first if k == "title"][0] is [k for k in second if k == "title"][0]
    assert doc["item"][3]["status"] is doc["item"][6]["status"] == "done"
    notes = [entry for item in doc["item"] for entry in item.get("log", [])]
    assert notes[0]["at"] != notes[1]["at"]
    long_text = "很长的标题" * 10
    doc = quick_toml.loads(
        text + f'\n[[item]]\nid = "2"\ntitle = "{long_text}"\nx = ["处", "处"]\n', _toml_reader
    )
    assert doc is not None and doc["item"][-1]["x"][0] is doc["item"][-1]["x"][1]


def test_a_plan_read_by_it_is_the_plan_the_toml_reader_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = long_plan(700)
    quick = plan_text.plan_from_text(text, "plan.toml", share=True)
    monkeypatch.setattr(plan_text, "_QUICK_FROM", 10**12)
    read = plan_text.plan_from_text(text, "plan.toml", share=True)
    assert same(quick.to_doc(), read.to_doc())
    assert [i.id for i in quick.item_list()] == [i.id for i in read.item_list()]


def test_a_value_the_reader_refuses_near_the_top_declines_the_file_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not after matching every line of a long file (a 10 MB file broken on its second line)."""
    text = '[plan]\ntitle = "镇计划\n' + "# 进展情况\n" * 200_000
    read = []
    stretches = quick_toml._stretches

    def counted(text: str) -> Any:
        for stretch in stretches(text):
            read.append(len(stretch))
            yield stretch

    monkeypatch.setattr(quick_toml, "_stretches", counted)
    assert quick_toml.loads(text, _toml_reader) is None
    assert len(read) == 1


def test_a_value_too_deep_to_share_declines_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value the TOML reader reads but ``sharing`` copies by recursion past the limit (a
    deep stack, an array some 400 deep): declined, not a RecursionError out of the read."""
    from quanhu_plan import sharing

    real = sharing.Sharing

    class TooDeep(real):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()

            def value(item: Any) -> Any:
                raise RecursionError

            self.value = value

    monkeypatch.setattr(sharing, "Sharing", TooDeep)
    text = long_plan(700) + "\nx = [[[1]]]\n"
    assert quick_toml.loads(text, _toml_reader) is None
    monkeypatch.setattr(sharing, "Sharing", real)
    assert quick_toml.loads(text, _toml_reader) is not None


def test_the_toml_reader_is_asked_for_only_when_a_value_needs_it() -> None:
    """A long plan of texts, days and whole numbers reads without the TOML reader (its import
    is a start-up cost of a first read); a value it must read asks for it."""
    asked: list[str] = []

    def reader() -> Any:
        asked.append("reader")
        return _toml_reader()

    plain = re.sub(r'\\"引号\\"|  # 手写的注释|progress = 40\.5\n', "", long_plan(700))
    doc = quick_toml.loads(plain, reader)
    assert doc is not None and len(doc["item"]) == 701 and asked == []
    doc = quick_toml.loads(long_plan(700), reader)
    assert doc is not None and doc["item"][7]["progress"] == 40.5 and asked
