"""A Chinese town office PC, emulated: plan files that came through WeChat or mail and Windows
tools (a workbook or Word report named as the plan by mistake, a Windows shortcut, a path
pasted with Explorer's quotes), a GBK console or a redirect on Chinese Windows, a report written
over a file that Word or WPS still has open. Each gets one clear paragraph and a non-zero exit,
the plan's bytes untouched; output stays readable and aligned."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO, SMALL_ITEMS, write_plan

runner = CliRunner()


def one_paragraph(text: str) -> str:
    return " ".join(text.split())


def refused_with(plan_file: Path, *args: str, code: int = 1) -> str:
    """What ``plan ARGS`` says when it refuses; no traceback, the plan's bytes as they were."""
    before = plan_file.read_bytes() if plan_file.exists() else None
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if before is not None:
        assert plan_file.read_bytes() == before
    return one_paragraph(result.output)


# ---------------------------------------------------------------- a document named as the plan


@pytest.fixture
def office_folder(plan_file: Path) -> Path:
    """A folder with spaces and Chinese in its name holding the plan, its workbook and report."""
    folder = plan_file.parent / "我的 文档" / "泉湖镇 计划"
    folder.mkdir(parents=True)
    write_plan(plan_file, SMALL_ITEMS)
    for args in (
        ["export", "--out", str(folder / "6月 推进表.xlsx")],
        ["report", "--format", "docx", "--out", str(folder / "年终 报告.docx")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize(
    ("name", "what"), [("6月 推进表.xlsx", "Excel"), ("年终 报告.docx", "Word")]
)
def test_plan_file_pointing_at_a_workbook_or_report_says_it_is_not_a_plan_not_to_restore_it(
    office_folder, monkeypatch, name, what
):
    # PLAN_FILE set to the month's workbook by mistake: the file is what its name says, so
    # "restore the plan file from git (git checkout -- 6月 推进表.xlsx)" sends the user astray
    document = office_folder / name
    before = document.read_bytes()
    monkeypatch.setenv("PLAN_FILE", str(document))
    said = refused_with(document, "status")
    assert what in said and "不是计划文件" in said, said
    assert "git checkout" not in said and "改成了这个名字" not in said, said
    assert document.read_bytes() == before
    if what == "Excel":  # the way to make a plan of it
        assert "plan import" in said, said


def test_plan_file_pointing_at_the_months_csv_says_it_is_a_table_not_bad_toml(
    plan_file, monkeypatch
):
    write_plan(plan_file, SMALL_ITEMS)
    table = plan_file.parent / "6月 推进表.csv"
    result = runner.invoke(app, ["export", "--out", str(table)])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("PLAN_FILE", str(table))
    said = refused_with(table, "status")
    assert "CSV" in said and "不是计划文件" in said and "plan import" in said, said
    assert "TOML：" not in said, said


def test_a_docx_named_plan_toml_is_still_a_document_renamed_to_the_plans_name(plan_file):
    # (the other way round keeps its advice: a plan.toml saved over from Word is to be restored)
    plan_file.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"word/document.xml")
    said = refused_with(plan_file, "status")
    assert "git checkout" in said and "改成了这个名字" in said


# ---------------------------------------------------------------- a Windows shortcut

# The first bytes of every Windows shortcut (.lnk): its header size and the shell link's GUID.
LNK_HEAD = b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F"


def shortcut_bytes(target: str) -> bytes:
    """A shortcut as Windows writes one: the header, flags, then the target's path in UTF-16."""
    header = LNK_HEAD + b"\x9b\x00\x08\x00\x20\x00\x00\x00" + b"\x00" * 48
    return header + b"\x00" * 20 + target.encode("utf-16-le") + b"\x00\x00" * 4


def test_a_windows_shortcut_given_as_the_plan_is_named_as_a_shortcut_not_utf16_text(
    plan_file, monkeypatch
):
    shortcut = plan_file.parent / "plan.toml - 快捷方式.lnk"
    shortcut.write_bytes(shortcut_bytes("D:\\计划\\plan.toml"))
    monkeypatch.setenv("PLAN_FILE", str(shortcut))
    said = refused_with(shortcut, "status").replace(str(shortcut), "FILE")
    assert "快捷方式" in said and "右键" in said, said
    for wrong in ("UTF-16", "UTF-32", "另存为", "零字节", "损坏"):
        assert wrong not in said, said


def test_a_windows_shortcut_is_named_in_english_too(plan_file, monkeypatch):
    shortcut = plan_file.parent / "plan.lnk"
    shortcut.write_bytes(shortcut_bytes("D:\\plan.toml"))
    monkeypatch.setenv("PLAN_FILE", str(shortcut))
    said = refused_with(shortcut, "--lang", "en", "status").replace(str(shortcut), "FILE")
    assert "shortcut" in said and "UTF-" not in said and "damaged" not in said, said


# ---------------------------------------------------------------- a path typed the Windows way


def test_a_plan_path_with_explorers_quotes_says_to_drop_them(plan_file, monkeypatch):
    # Explorer's "复制为路径" (copy as path) quotes it; `set PLAN_FILE="D:\…"` in a Windows
    # command window keeps the quotes in the value
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("PLAN_FILE", f'"{plan_file}"')
    said = refused_with(plan_file, "status")
    assert "文件不存在" in said and "引号" in said, said
    assert str(plan_file) in said.replace(f'"{plan_file}"', ""), said


def test_a_plan_path_with_backslashes_on_linux_names_the_path_that_exists(plan_file):
    folder = plan_file.parent / "泉湖镇 计划"
    folder.mkdir()
    write_plan(folder / "plan.toml", SMALL_ITEMS)
    said = refused_with(plan_file, "--file", "泉湖镇 计划\\plan.toml", "status")
    assert "文件不存在" in said and "泉湖镇 计划/plan.toml" in said, said


def test_a_plan_path_with_a_stray_space_names_the_path_that_exists(plan_file):
    write_plan(plan_file, SMALL_ITEMS)
    said = refused_with(plan_file, "--file", "plan.toml ", "status")
    assert "文件不存在" in said and "空格" in said, said


def test_a_plan_that_is_a_link_to_a_missing_file_is_named_as_such_not_as_missing(plan_file):
    # a link copied from a colleague's PC or left by a moved folder
    plan_file.symlink_to(plan_file.parent / "D:" / "计划" / "plan.toml")
    said = refused_with(plan_file, "status")
    assert "符号链接" in said and "不存在" in said, said


def test_plan_file_pointing_at_the_plans_folder_names_the_plan_in_it(plan_file, monkeypatch):
    folder = plan_file.parent / "泉湖镇 计划"
    folder.mkdir()
    write_plan(folder / "plan.toml", SMALL_ITEMS)
    monkeypatch.setenv("PLAN_FILE", str(folder))
    said = refused_with(folder / "plan.toml", "status")
    assert "文件夹" in said and f"{folder}/plan.toml" in said, said


# ---------------------------------------------------------------- a trailing Ctrl-Z


def test_a_trailing_ctrl_z_is_named_as_an_old_end_of_file_mark_not_a_paste_from_word(
    plan_file,
):
    write_plan(plan_file, SMALL_ITEMS)
    plan_file.write_bytes(plan_file.read_bytes().replace(b"\n", b"\r\n") + b"\x1a")
    said = refused_with(plan_file, "status")
    assert "Ctrl-Z" in said and "末尾" in said, said
    assert "Word" not in said, said


# ---------------------------------------------------------------- a GBK console


def run_plan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """``python -m quanhu_plan`` in a real process: the output's encoding is the process's."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **env}
    return subprocess.run(
        [sys.executable, "-m", "quanhu_plan", *args],
        env=full_env,
        capture_output=True,
        timeout=60,
    )


def cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def test_on_a_gbk_console_an_emoji_shown_as_question_marks_keeps_the_columns_aligned(
    plan_file,
):
    # `plan list --flat > 台账.txt` on Chinese Windows writes GBK (cp936): the emoji cannot be
    # written, and one "?" in place of a two-column picture moved every later column left
    items = [dict(item) for item in SMALL_ITEMS]
    first_task = next(i for i in items if i["id"].count(".") == 2 or i["id"] == "1.1")
    first_task["title"] = "好评👍修塘"
    write_plan(plan_file, items)
    env = {"PYTHONIOENCODING": "gbk", "PLAN_FILE": str(plan_file), "COLUMNS": "100"}
    result = run_plan("list", "--flat", env=env)
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    lines = result.stdout.decode("gbk").splitlines()
    rows = [line for line in lines if "%" in line]
    marked = [line for line in rows if "好评" in line]
    assert marked, lines
    ends = {cells(line[: line.index("%")]) for line in rows}
    assert len(ends) == 1, "\n".join(rows)


def test_on_a_gbk_console_the_completion_bar_reads_without_question_marks(plan_file):
    write_plan(plan_file, SMALL_ITEMS)
    env = {"PYTHONIOENCODING": "gbk", "PLAN_FILE": str(plan_file), "COLUMNS": "100"}
    result = run_plan("status", env=env)
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    shown = result.stdout.decode("gbk")
    assert "%" in shown and "?" not in shown, shown


# ---------------------------------------------------------------- a report open in Word or WPS


def test_a_report_over_a_file_open_in_word_on_windows_says_to_close_it_not_to_check_ls(
    plan_file, monkeypatch
):
    # Windows refuses to replace a file Word or WPS has open: a PermissionError whose
    # winerror is 32 (ERROR_SHARING_VIOLATION); "no permission, check ls -l" misleads
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    out = plan_file.parent / "年终 报告.docx"
    out.write_bytes(b"an older report")

    def open_in_word(source, target):
        error = PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。")
        error.winerror = 32  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(files.os, "replace", open_in_word)
    said = refused_with(plan_file, "report", "--format", "docx", "--out", str(out), "--force")
    assert "ls -l" not in said and "没有权限" not in said, said
    assert "占用" in said and "关闭" in said and "WPS" in said, said
    assert out.read_bytes() == b"an older report"
    assert [p.name for p in plan_file.parent.iterdir() if "quanhu-tmp" in p.name] == []


def test_a_report_windows_denies_says_to_close_it_or_clear_read_only_not_to_check_ls(
    plan_file, monkeypatch
):
    # Windows denies replacing a file that is open in Word (WinError 5 from os.replace) or
    # marked read-only alike; ls -l means nothing on an office PC
    from quanhu_plan.errors import files as file_errors
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    out = plan_file.parent / "年终 报告.docx"
    out.write_bytes(b"an older report")

    def denied(source, target):
        error = PermissionError(errno.EACCES, "拒绝访问。")
        error.winerror = 5  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(files.os, "replace", denied)
    monkeypatch.setattr(file_errors, "on_windows", lambda: True)
    said = refused_with(plan_file, "report", "--format", "docx", "--out", str(out), "--force")
    assert "ls -l" not in said and "WPS" in said and "只读" in said, said
    assert out.read_bytes() == b"an older report"


def test_importing_the_owner_file_excel_keeps_beside_an_open_workbook_names_it(plan_file):
    # "~$6月推进表.xlsx": Excel's and WPS's note of who has the workbook open, picked by
    # tab completion or sent along in a zipped folder; "damaged, save it again" misleads
    owner_file = plan_file.parent / "~$6月 推进表.xlsx"
    owner_file.write_bytes(b"\x05Admin" + b" " * 48 + b"\x05\x00A\x00d\x00m\x00i\x00n\x00")
    result = runner.invoke(app, ["import", str(owner_file), "--out", "imported.toml"])
    assert result.exit_code == 1, result.output
    said = one_paragraph(result.output).replace(str(owner_file), "FILE")
    assert "临时文件" in said and "6月 推进表.xlsx" in said and "损坏" not in said, said
    assert not (plan_file.parent / "imported.toml").exists()


def test_a_change_to_a_plan_in_a_folder_without_write_permission_names_the_folder(
    plan_file, monkeypatch
):
    # a shared folder that is read-only to this user while the plan file itself is not (the
    # tests run as root, whom permissions do not stop: the system's refusal is emulated)
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    real_open = os.open

    def folder_read_only(path, flags, *args):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", folder_read_only)
    said = refused_with(plan_file, "note", "1.1", "进展")
    assert "文件夹" in said and str(plan_file.parent) in said and "新建文件" in said, said
    assert "没有改动" in said


def test_a_new_report_in_a_folder_without_write_permission_speaks_of_no_original_file(
    plan_file, monkeypatch
):
    import tempfile

    write_plan(plan_file, SMALL_ITEMS)

    def folder_read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(tempfile, "mkstemp", folder_read_only)
    out = plan_file.parent / "新报告.docx"
    said = refused_with(plan_file, "report", "--out", str(out))
    assert "没有权限" in said and "原文件" not in said, said
    english = refused_with(plan_file, "--lang", "en", "report", "--out", str(out))
    assert "original file" not in english, english
    assert not out.exists()
