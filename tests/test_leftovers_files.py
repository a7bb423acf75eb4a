"""Leftover defects of the files plan writes: names a Windows office PC cannot hold (plans and
reports are mailed to one), a path pasted from Explorer's "Copy as path" with its quotes, a
change that waits for another's lock without a word, and plan fmt rewriting a file that is
laid out canonically already."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.store import files

from .conftest import SMALL_ITEMS, write_plan


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def listing(folder: Path) -> list[str]:
    """Everything in the folder and below it, but the parse cache."""
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if "cache" not in path.relative_to(folder).parts
    )


def said(result) -> str:  # type: ignore[no-untyped-def]
    """What a run printed, its lines joined (a long message is wrapped)."""
    return " ".join(result.output.split())


# ---------------------------------------------------------------- names Windows cannot hold

WINDOWS_ILLEGAL = [
    "a:b",
    "CON",
    "con",
    "NUL",
    "nul.tar",
    "COM1",
    "LPT1",
    "AUX",
    "PRN",
    "a<b",
    "a>b",
    'a"b',
    "a|b",
    "a?b",
    "a*b",
    "a\x01b",
]


def _report(name: str) -> list[str]:
    return ["report", "--format", "md", "--out", name]


def _report_docx(name: str) -> list[str]:
    return ["report", "--format", "docx", "--out", name]


def _export(name: str) -> list[str]:
    return ["export", "--format", "xlsx", "--out", name]


def _county(name: str) -> list[str]:
    return ["county", "--format", "md", "--out", name]


def _init(name: str) -> list[str]:
    return ["init", name]


def _init_by_file(name: str) -> list[str]:
    return ["-f", name, "init"]


def _new(name: str) -> list[str]:
    return ["new", "2024", "--out", name]


def _import(name: str) -> list[str]:
    return ["import", "table.csv", "--out", name]


def _import_by_file(name: str) -> list[str]:
    return ["-f", name, "import", "table.csv"]


DOCUMENTS = {
    "report": (_report, ".md"),
    "report-docx": (_report_docx, ".docx"),
    "export": (_export, ".xlsx"),
    "county": (_county, ".md"),
}
PLANS = {
    "init": (_init, ".toml"),
    "init-f": (_init_by_file, ".toml"),
    "new": (_new, ".toml"),
    "import": (_import, ".toml"),
    "import-f": (_import_by_file, ".toml"),
}
WRITERS = {**DOCUMENTS, **PLANS}


@pytest.fixture
def folder(small_plan: Path) -> Path:
    (small_plan.parent / "table.csv").write_text("序号,工作任务\n1,修路\n", encoding="utf-8")
    return small_plan.parent


def _refused(folder: Path, args: list[str], name: str) -> str:
    """Run, and check that it failed with a message naming ``name`` and wrote nothing."""
    before = listing(folder)
    plan_bytes = (folder / "plan.toml").read_bytes()
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert listing(folder) == before
    assert (folder / "plan.toml").read_bytes() == plan_bytes
    return said(result)


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("stem", WINDOWS_ILLEGAL)
def test_a_name_windows_cannot_hold_is_refused_before_anything_is_written(folder, writer, stem):
    make_args, suffix = WRITERS[writer]
    name = stem + suffix
    message = _refused(folder, make_args(name), name)
    shown = name.replace("\x01", "\\x01")  # a control character is shown, never sent
    assert shown in message
    assert "Windows" in message
    assert "没有写入" in message or "什么也没有写" in message


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("end", [".", " ", ". "])
def test_a_name_ending_in_a_dot_or_a_space_is_refused(folder, writer, end):
    make_args, suffix = WRITERS[writer]
    name = "out" + suffix + end
    message = _refused(folder, make_args(name), name)
    assert "结尾" in message or "末尾多了空格" in message
    assert f"out{suffix}" in message  # the name meant, to type instead


def test_the_refusal_says_what_which_name_and_how_to_fix_in_english(folder):
    message = _refused(folder, ["--lang", "en", *_report("CON.md")], "CON.md")
    assert "CON.md" in message
    assert "reserve" in message and "Windows" in message
    assert "nothing was written" in message.lower()


def test_a_reserved_name_is_refused_in_a_folder_too(folder):
    (folder / "out").mkdir()
    _refused(folder, _report(str(Path("out") / "aux.md")), "aux.md")


def test_a_folder_plan_init_would_make_with_a_name_windows_cannot_hold_is_not_made(folder):
    # plan init 2024./ makes the folder 2024. first: refused before it is made
    message = _refused(folder, ["init", "2024./"], "2024.")
    assert "2024." in message


def test_names_windows_holds_are_written(folder):
    for args, name in (
        (_report("年终总结 2023.md"), "年终总结 2023.md"),
        (_report("con-2023.md"), "con-2023.md"),
        (_report("CONSOLE.md"), "CONSOLE.md"),
        (_init("com10.toml"), "com10.toml"),
        (_new("plan.2024.toml"), "plan.2024.toml"),
    ):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        assert (folder / name).is_file()


def test_standard_output_is_not_a_name(folder):
    result = invoke("report", "--format", "md", "--out", "-")
    assert result.exit_code == 0, result.output


def test_a_plan_already_so_named_can_still_be_changed(tmp_path):
    # A file made before (or by another tool) is the user's: a change rewrites it in place.
    odd = write_plan(tmp_path / "a:b.toml", SMALL_ITEMS)
    result = invoke("-f", str(odd), "start", "2.3")
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- a path pasted with its quotes


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize(
    ("typed", "where"),
    [('"n{}"', "两头"), ("'n{}'", "两头"), ('"n{}', "开头"), ("n{}'", "末尾")],
)
def test_a_path_pasted_with_quotes_is_refused_and_the_name_meant_given(
    folder, writer, typed, where
):
    make_args, suffix = WRITERS[writer]
    name = typed.format(suffix)
    message = _refused(folder, make_args(name), name)
    assert f"路径{where}多了引号" in message
    assert f"n{suffix}" in message.replace(name, "")  # the name meant, without the quotes


def test_a_path_pasted_with_quotes_is_refused_in_english(folder):
    message = _refused(folder, ["--lang", "en", "-f", '"n.toml"', "init"], '"n.toml"')
    assert "quotes around it" in message
    assert "n.toml" in message.replace('"n.toml"', "")


@pytest.mark.parametrize("typed", [" n.toml", "\tn.toml"])
def test_a_path_pasted_with_spaces_before_it_is_refused(folder, typed):
    message = _refused(folder, ["-f", typed, "init"], typed)
    assert "开头多了空格" in message


@pytest.mark.skipif(os.sep == "\\", reason="a backslash separates folders on Windows")
def test_a_windows_path_typed_on_this_system_is_refused(folder):
    message = _refused(folder, _report("out\\r.md"), "out\\r.md")
    assert "反斜杠" in message


@pytest.mark.parametrize(
    ("typed", "said_zh", "said_en"),
    [
        ('"plan.toml"', "路径两头多了引号", "quotes around it"),
        ('"plan.toml', "路径开头多了引号", "a quote at its start"),
        ("plan.toml'", "路径末尾多了引号", "a quote at its end"),
        (" plan.toml", "路径开头多了空格", "a space at its start"),
        ("plan.toml ", "路径末尾多了空格", "a space at its end"),
        (" plan.toml ", "路径两头多了空格", "spaces at its ends"),
    ],
)
def test_the_read_side_says_which_end_has_the_quote_or_space(small_plan, typed, said_zh, said_en):
    zh = invoke("-f", typed, "status")
    assert zh.exit_code == 1
    assert said_zh in said(zh)
    assert "两头" not in said(zh) or "两头" in said_zh
    en = invoke("--lang", "en", "-f", typed, "status")
    assert said_en in said(en)


@pytest.mark.parametrize(
    ("typed", "said_zh"), [('"table.csv"', "路径两头多了引号"), ("table.csv ", "路径末尾多了空格")]
)
def test_a_table_to_import_pasted_with_quotes_names_the_file_meant(folder, typed, said_zh):
    # not "only .xlsx or .csv can be imported", which sends the user to convert a good file
    message = _refused(folder, ["import", typed, "--out", "new.toml"], typed)
    assert said_zh in message
    assert "要用的多半是 table.csv" in message


# ---------------------------------------------------------------- waiting for the lock


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "LOCK_TIMEOUT_SECONDS", 0.6)
    monkeypatch.setattr(files, "LOCK_WAIT_SAID_AFTER", 0.1)


def test_a_change_that_waits_for_the_lock_says_so_once_and_then_times_out(small_plan, short_waits):
    before = small_plan.read_bytes()
    with store.locked(small_plan):
        result = invoke("done", "1.3")
    assert result.exit_code == 1
    assert result.stderr.count("正在等待") == 1, result.stderr
    assert "另一个 plan 命令" in result.stderr
    assert "plan.toml.lock" in result.stderr
    assert "已超过" in result.stderr  # the error it always gave
    assert small_plan.read_bytes() == before
    assert not small_plan.with_name("plan.toml.lock").exists()


def test_the_wait_is_said_in_the_plans_language(small_plan, short_waits):
    write_plan(small_plan, SMALL_ITEMS, lang="en")
    with store.locked(small_plan):
        result = invoke("done", "1.3")
    assert result.exit_code == 1
    assert result.stderr.count("Waiting for another plan command") == 1, result.stderr
    assert "正在等待" not in result.stderr


def test_fmt_that_waits_for_the_lock_says_so(small_plan, short_waits):
    before = small_plan.read_bytes()
    with store.locked(small_plan):
        result = invoke("fmt")
    assert result.exit_code == 1
    assert result.stderr.count("正在等待") == 1, result.stderr
    assert small_plan.read_bytes() == before


@contextmanager
def lock_held(plan_file: Path, seconds: float) -> Iterator[None]:
    """The plan's lock taken by another thread, as another ``plan`` would hold it, and let go
    of ``seconds`` after the block starts."""
    holding, release = threading.Event(), threading.Event()

    def holder() -> None:
        with store.locked(plan_file):
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    holding.wait(5)
    threading.Timer(seconds, release.set).start()
    try:
        yield
    finally:
        thread.join(5)


def test_a_change_that_gets_the_lock_after_waiting_is_made(small_plan, monkeypatch):
    monkeypatch.setattr(files, "LOCK_WAIT_SAID_AFTER", 0.1)
    with lock_held(small_plan, seconds=0.5):
        result = invoke("done", "1.3")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("正在等待") == 1, result.stderr
    assert 'status = "done"' in small_plan.read_text(encoding="utf-8")


def test_a_short_wait_says_nothing(small_plan, monkeypatch):
    with lock_held(small_plan, seconds=0.1):
        result = invoke("done", "1.3")
    assert result.exit_code == 0, result.output
    assert "正在等待" not in result.output


# ---------------------------------------------------------------- plan fmt on a tidy file


def test_fmt_leaves_a_file_laid_out_canonically_untouched(small_plan):
    assert invoke("fmt").exit_code == 0  # canonical now
    data = small_plan.read_bytes()
    old = time.time() - 3600
    os.utime(small_plan, (old, old))
    stamp = small_plan.stat().st_mtime_ns
    result = invoke("fmt")
    assert result.exit_code == 0, result.output
    assert small_plan.read_bytes() == data
    assert small_plan.stat().st_mtime_ns == stamp
    assert "已经是标准格式" in result.output
    assert "已按标准格式整理" not in result.output


def test_fmt_still_lays_out_a_file_that_is_not_canonical(small_plan):
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(text.replace('title = "修塘"', 'title="修塘"'), encoding="utf-8")
    result = invoke("fmt")
    assert result.exit_code == 0, result.output
    assert "已按标准格式整理" in result.output
    assert 'title = "修塘"' in small_plan.read_text(encoding="utf-8")


def test_fmt_on_a_tidy_file_says_so_in_english(small_plan):
    write_plan(small_plan, SMALL_ITEMS, lang="en")
    invoke("fmt")
    result = invoke("fmt")
    assert result.exit_code == 0
    assert "already laid out canonically" in result.output
