"""note/done/progress/record/undo on hand-written plans of odd layout (log
entries with sub-tables or arrays of tables under them, dotted keys and inline tables in log
entries, comments between them, [item.extra] before and after the log, quoted keys and
headers, multi-line strings holding lines that look like headers, tabs, CRLF with a BOM): with
the parse cache on (warm, one change after another) the file and the output are those of a run
with the cache off; the lines written by hand before are all there after, in order; undo puts
every field line back."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_lazy_cache import plans

HEAD = (
    '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "部"\n\n'
    '[[item]]\nid = "1.1"\ntitle = "修塘"\ntarget = 40\n'
)
TAIL = '\n[[item]]\nid = "1.2"\ntitle = "灯"\nprogress = 30\n'
LOG = '\n[[item.log]]\nat = 2023-02-01T09:00:00\nnote = "一"\n'
ODD = {
    "spaced header": '\n[[ item.log ]]   # c\nat = 2023-02-01T09:00:00\nnote = "一"\n',
    "log entry sub-table": LOG + '\n[item.log.extra]\nk = "s"   # c\n',
    "log entry array of tables": LOG + '\n[[item.log.files]]\nname = "a.pdf"\n',
    "log entry sub-table then another entry": LOG
    + '\n[item.log.extra]\nk = "s"\n'
    + '\n[[item.log]]\nat = 2023-03-01T09:00:00\nnote = "二"\n',
    "quoted log header": '\n[[item."log"]]\nat = 2023-02-02T09:00:00\nnote = "二"\n',
    "quoted key with a dot": '\n[item."extra.x"]\nq = 1\n',
    "extra after the log": LOG + "\n[item.extra]\na = 1\n",
    "extra before the log": "\n[item.extra]\na = 1\n\n[item.extra.deeper]\nz = [1, {a = 3}]\n"
    + LOG,
    "quoted table header": '\n["item"."log2"]\nb = 2\n',
    "tab before a field": "\tprogress = 10\n",
    "multi-line item header": '\n[[item.log]]\nat = 2023-02-01T09:00:00\nnote = """\n'
    '[[item]]\nid = "1.9"\n"""\n',
    "multi-line log header": '\n[[item.log]]\nat = 2023-02-01T09:00:00\nnote = """\n'
    '[plan]\n[[item.log]]\n"""\n',
    "dotted keys in a log entry": LOG + 'who.name = "x"  # c\n',
    "inline table and literal multi-line": "\n[[item.log]]\nat = 2023-02-01T09:00:00\n"
    "after = {progress = 20}\nnote = '''a\n[[item.log]]'''\n",
    "comment between entries": LOG + "\n# between\n\n[[item.log]]\nat = 2023-02-02T09:00:00\n",
    "extra and no log": "\n[item.extra]\na = 1\n\n[[item.extra.rows]]\nn = 1\n",
    "indented header in a string": 'detail = """\n  [[item]]\n\t[[item.log]]\n  [plan]\n"""\n',
    "escaped quotes in a string": 'detail = """a\\"""\n[[item]]\nb\\""""\n',
    "header with a comment": LOG.replace("[[item.log]]", "[[item.log]]  # 记录"),
    "comment lines like headers": "# [[item]]\n#[[item.log]]\n" + LOG,
}
STEPS = [
    ["note", "1.1", "甲"],
    ["progress", "1.1", "20"],
    ["done", "1.2"],
    ["note", "1.2", "乙"],
    ["record", "1.1", "30"],
    ["undo"],
    ["undo"],
    ["note", "1.1", "丙"],
    ["undo"],
    ["undo"],
    ["undo"],
]


def _text(name: str, crlf: bool) -> str:
    text = HEAD + ODD[name] + TAIL
    return "\ufeff" + text.replace("\n", "\r\n") if crlf else text


def _plain(text: str) -> str:
    """The text with the times of now (which differ between two runs) taken out."""
    text = re.sub(r"(?m)^(at|undone|undoes) = 20[2-9]\d-12.*$", r"\1 = NOW", text)
    return re.sub(r"\d\d:\d\d", "HH:MM", text)


def _removed(before: str, after: str) -> list[str]:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]


def _run(plan_file: Path, args: list[str], cache: str) -> tuple[int, str, str]:
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": cache}):
        result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
    # (the commands its words advise name the file, which differs: tests/test_advice_file.py)
    out, err = (
        _plain(text).replace(str(plan_file), "plan.toml") for text in (result.stdout, result.stderr)
    )
    return result.exit_code, out, err


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf-bom"])
@pytest.mark.parametrize("name", list(ODD))
def test_changes_on_an_odd_layout_keep_its_lines_alike_with_the_cache_on_and_off(
    tmp_path, name, crlf
):
    text = _text(name, crlf)
    on, off = tmp_path / "on.toml", tmp_path / "off.toml"
    on.write_bytes(text.encode("utf-8"))
    off.write_bytes(text.encode("utf-8"))
    cache = str(tmp_path / "cache")
    _run(on, ["status"], cache)
    _run(on, ["status"], cache)
    for step in STEPS:
        warm, cold = _run(on, step, cache), _run(off, step, "off")
        assert warm == cold, step
        assert warm[0] == 0 and warm[2] in ("", _plain(warm[2])), step
        assert "重写" not in warm[2], step  # never written whole
        assert _plain(on.read_bytes().decode("utf-8")) == _plain(off.read_bytes().decode("utf-8"))
        for look in (["status"], ["list"], ["log", "1.1"], ["show", "1.1"]):
            assert _run(on, look, cache) == _run(off, look, "off"), (step, look)
    after = on.read_bytes().decode("utf-8")
    assert after.startswith("\ufeff") == crlf and ("\r\n" in after) == crlf
    # Every line written by hand is there, in order, but the fields the changes left changed
    # (1.1's status and progress 20 of the progress step, undone last: undo puts them back).
    assert _removed(text, after) == []
    before_doc = tomllib.loads(text.lstrip("\ufeff"))
    after_doc = tomllib.loads(after.lstrip("\ufeff"))
    for old, new in zip(before_doc["item"], after_doc["item"], strict=True):
        assert {k: v for k, v in new.items() if k != "log"} == {
            k: v for k, v in old.items() if k != "log"
        }


def test_a_generated_plan_changed_again_and_again_and_by_hand_reads_alike_cache_on_and_off(
    tmp_path,
):
    """The cache's kept sketches (``cache.remember`` reusing the stored ones) after changes to
    items in several chunks, a hand edit of the same size and time between them: every look
    at the plan is what a run with the cache off prints."""
    from quanhu_plan.canonical import dumps
    from quanhu_plan.store import cache as cache_module

    from .test_status_rollups import generated

    text = dumps(generated(40, 5))
    on, off = tmp_path / "on.toml", tmp_path / "off.toml"
    on.write_text(text, encoding="utf-8")
    off.write_text(text, encoding="utf-8")
    cache = str(tmp_path / "cache")
    tasks = re.findall(r'(?m)^id = "(\d+\.\d+\.\d+)"$', text)
    steps = [
        ["done", tasks[0]],
        ["note", tasks[13], "甲"],
        ["progress", tasks[27], "65"],
        "hand",
        ["note", tasks[27], "乙"],
        ["done", tasks[39]],
        ["undo"],
        ["progress", tasks[5], "5"],
        ["undo"],
        ["undo"],
    ]
    with mock.patch.object(cache_module, "CHUNK", 4):
        _run(on, ["status"], cache)
        for step in steps:
            if step == "hand":
                for path in (on, off):
                    stat = path.stat()
                    body = path.read_text(encoding="utf-8")
                    edited = re.sub(r"progress = (\d)(\d)", r"progress = \2\1", body, count=3)
                    assert len(edited) == len(body) and edited != body
                    path.write_text(edited, encoding="utf-8")
                    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
                continue
            assert _run(on, step, cache) == _run(off, step, "off"), step
            assert _plain(on.read_text(encoding="utf-8")) == _plain(off.read_text(encoding="utf-8"))
            for look in (["status"], ["list"], ["log"], ["status", "--by", "owner"]):
                assert _run(on, look, cache) == _run(off, look, "off"), (step, look)


# Changes a test makes, each on the item at (a number) modulo the plan's items.
STEP_LISTS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "note",
                "done",
                "progress",
                "record",
                "undo",
                "block",
                "start",
                "drop",
                "reopen",
                "edit",
            ]
        ),
        st.integers(0, 99),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    items=plans(),
    steps=STEP_LISTS,
)
def test_any_plan_changed_by_any_steps_is_written_and_read_alike_cache_on_and_off(items, steps):
    """Generated plans (traces, milestones, figures, conflicts, weights) changed by a few
    note/done/progress/record/undo on any item: cache warm and off write the same bytes and
    print the same, and status/list after each step are alike."""

    from quanhu_plan.canonical import dumps

    from .conftest import plan_doc

    _steps_alike(dumps(plan_doc(items)), steps)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 10**6), steps=STEP_LISTS)
def test_a_benchmark_plan_changed_by_any_steps_reads_alike_cache_on_and_off(seed, steps):
    """As above, on plans as the benchmark makes them (whose status is drawn of parts and
    goals alone, warm)."""
    from quanhu_plan.canonical import dumps

    from .test_status_rollups import generated

    _steps_alike(dumps(generated(30, seed)), steps)


def _steps_alike(text: str, steps: list[tuple[str, int]]) -> None:
    import tempfile

    ids = re.findall(r'(?m)^id = "([^"]+)"', text)
    with tempfile.TemporaryDirectory() as folder:
        on, off = Path(folder) / "on.toml", Path(folder) / "off.toml"
        on.write_text(text, encoding="utf-8")
        off.write_text(text, encoding="utf-8")
        cache = str(Path(folder) / "cache")
        _run(on, ["status"], cache)
        for action, n in steps:
            name = ids[n % len(ids)]
            args = {
                "note": ["note", name, "记"],
                "done": ["done", name],
                "progress": ["progress", name, str(n)],
                "record": ["record", name, str(n)],
                "undo": ["undo"],
                "block": ["block", name, "--reason", "缺钱"],
                "start": ["start", name],
                "drop": ["drop", name, "--reason", "并入"],
                "reopen": ["reopen", name],
                "edit": ["edit", name, "--target", str(n + 1), "--owner", f"人{n}"],
            }[action]
            assert _run(on, args, cache) == _run(off, args, "off"), args
            assert _plain(on.read_text(encoding="utf-8")) == _plain(off.read_text(encoding="utf-8"))
            for look in (["status"], ["list"], ["show", name]):
                assert _run(on, look, cache) == _run(off, look, "off"), (args, look)


@pytest.mark.parametrize("written", ["progress=30", "progress = 30.0", "progress = 30   # 三成"])
def test_undo_gives_back_a_fields_line_as_written(tmp_path, written):
    _progress_and_undo(tmp_path, written)


@pytest.mark.parametrize("written", ["progress = 3_0", "progress = 0x1E", "progress = +30"])
def test_undo_gives_back_a_number_spelled_otherwise_as_written(tmp_path, written):
    _progress_and_undo(tmp_path, written)


def _progress_and_undo(tmp_path: Path, written: str) -> None:
    text = (
        '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "部"\n\n'
        f'[[item]]\nid = "1.1"\ntitle = "修塘"\n{written}\nstatus = "doing"\n'
    )
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    cache = str(tmp_path / "cache")
    _run(plan_file, ["status"], cache)
    assert _run(plan_file, ["progress", "1.1", "60"], cache)[0] == 0
    assert _run(plan_file, ["undo"], cache)[0] == 0
    after = plan_file.read_text(encoding="utf-8")
    assert _removed(text, after) == []
