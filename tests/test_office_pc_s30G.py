"""The office PC of session 30: Chinese Windows, emulated where Linux cannot be it. Output
redirected in GBK keeps the marks a clerk types (✓ ✗ m²) as the plain ones GBK has (√ × m2)
rather than "?"; the errors Windows raises where the code calls the OS (a write-protected USB
stick, a path past Windows' 260 characters, a lock file a sync tool holds open) are said as
what they are, the plan untouched, no temp file left."""

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


def run_plan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """``python -m quanhu_plan`` in a real process: the output's encoding is the process's."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **env}
    return subprocess.run(
        [sys.executable, "-m", "quanhu_plan", *args],
        env=full_env,
        capture_output=True,
        timeout=60,
    )


# ---------------------------------------------------------------- marks GBK lacks


TYPED_MARKS = "验收✓ 返工✗ 已核✔ 未核✘ 清淤1200m² 土方300㎥ 体积5m³ • 要点 ➢ G‑107"


def test_marks_gbk_lacks_are_written_as_the_plain_ones_it_has_not_question_marks(plan_file):
    # a clerk types ✓ (or pastes it from WeChat) and m² (plan import writes m2 as m²): a
    # report redirected on Chinese Windows (GBK) wrote them "?", and said characters were lost
    items = [dict(item) for item in SMALL_ITEMS]
    items[1]["title"] = TYPED_MARKS
    write_plan(plan_file, items)
    env = {"PYTHONIOENCODING": "gbk", "PLAN_FILE": str(plan_file), "COLUMNS": "200"}
    result = run_plan("list", "--flat", env=env)
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    shown = result.stdout.decode("gbk")
    assert "验收√ 返工× 已核√ 未核× 清淤1200m2 土方300m3 体积5m3 · 要点 > G-107" in shown, shown
    assert "?" not in shown and result.stderr == b"", result.stderr.decode("gbk", "replace")


def test_a_stand_in_takes_the_columns_its_mark_took():
    # the views lay out columns by the marks' widths: a stand-in must not shift what follows
    from quanhu_plan.output_streams import SHOWN_IN_COLUMNS, never_fail_to_print
    from quanhu_plan.terminal.widths import character_width

    never_fail_to_print()
    for mark in "✓✔✗✘²³㎥•∙‧・▪◦➢▶\u2011\u2012":
        stand_in = mark.encode("gbk", SHOWN_IN_COLUMNS).decode("gbk")
        assert "?" not in stand_in, mark
        assert sum(character_width(c) for c in stand_in) == character_width(mark), mark


# ---------------------------------------------------------------- errors Windows raises


def windows_error(kind: type[OSError], code: int, winerror: int, text: str) -> OSError:
    """An error as Python raises it on Windows: the C library's errno beside Windows' number."""
    error = kind(code, text)
    error.winerror = winerror  # type: ignore[attr-defined]
    return error


def refused(plan_file: Path, *args: str) -> str:
    """What ``plan ARGS`` says when it refuses: exit 1, no traceback, the plan's bytes as they
    were and nothing left beside it (no lock file, no temp file)."""
    before = plan_file.read_bytes()
    beside = sorted(set(os.listdir(plan_file.parent)) - {"cache"})  # (a read's cache)
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert plan_file.read_bytes() == before
    assert sorted(set(os.listdir(plan_file.parent)) - {"cache"}) == beside
    return one_paragraph(result.output)


@pytest.fixture
def on_windows(monkeypatch):
    from quanhu_plan.errors import files as file_errors

    monkeypatch.setattr(file_errors, "on_windows", lambda: True)


def test_a_plan_on_a_write_protected_usb_stick_says_so_not_no_permission(
    plan_file, monkeypatch, on_windows
):
    # a USB stick with its lock switch on: Windows' ERROR_WRITE_PROTECT (19), which Python
    # gives errno EACCES; "no permission to make files in its folder" sent the clerk to ask
    # the network administrator
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    real_open = os.open

    def write_protected(path, flags, *args):
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR):
            raise windows_error(PermissionError, errno.EACCES, 19, "介质受写入保护。")
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", write_protected)
    for args in (["note", "1.1", "进展"], ["report", "--out", "总结.docx"]):
        said = refused(plan_file, *args)
        assert "写保护" in said and "没有权限" not in said and "新建文件" not in said, said
    english = refused(plan_file, "--lang", "en", "done", "1.3")
    assert "write-protected" in english and "permission" not in english, english


# Windows' longest path, without the long paths a registry setting allows: 260 less its NUL.
WINDOWS_LONGEST = 259


@pytest.fixture
def deep_plan(plan_file: Path, monkeypatch) -> Path:
    """A plan whose own path Windows still opens, in folders named as an office names them
    (spaces, Chinese), so deep that the lock and temp files beside it pass 259 characters;
    os.open fails as Windows fails there: ERROR_PATH_NOT_FOUND (3), errno ENOENT."""
    from quanhu_plan.store import files

    folder = plan_file.parent / "Users" / "张三" / "桌面"
    name = "2023年 泉湖镇 工作计划 （第二版）"
    while len(str(folder / name / "plan.toml")) < WINDOWS_LONGEST - 4:
        folder = folder / name
    folder = folder / ("资" * (WINDOWS_LONGEST - 2 - len(str(folder)) - len("/资/plan.toml") + 1))
    folder.mkdir(parents=True)
    deep = folder / "plan.toml"
    write_plan(deep, SMALL_ITEMS)
    assert len(str(deep)) <= WINDOWS_LONGEST < len(str(deep)) + len(".lock")
    monkeypatch.setenv("PLAN_FILE", str(deep))
    real_open = os.open

    def windows_open(path, flags, *args):
        if len(os.path.abspath(path)) > WINDOWS_LONGEST:
            raise windows_error(FileNotFoundError, errno.ENOENT, 3, "系统找不到指定的路径。")
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", windows_open)
    return deep


def test_a_change_to_a_plan_whose_files_beside_pass_windows_longest_path_says_so(
    deep_plan, on_windows
):
    # the plan reads, but its lock file's path is past 259 characters: "文件不存在" of a plan
    # the clerk has just opened in Explorer
    said = refused(deep_plan, "note", "1.1", "进展")
    assert "不存在" not in said and "太长" in said and "260" in said, said
    english = refused(deep_plan, "--lang", "en", "note", "1.1", "进展")
    assert "no such file" not in english.lower() and "260" in english, english


def test_a_plan_whose_own_path_passes_windows_longest_path_is_not_called_missing(
    deep_plan, monkeypatch, on_windows
):
    # unzipped from a mail into a deep folder: Explorer shows it, Windows will not open it
    longer = deep_plan.with_name("2023年 泉湖镇 工作计划.toml")
    deep_plan.rename(longer)
    monkeypatch.setenv("PLAN_FILE", str(longer))
    result = runner.invoke(app, ["status"])
    said = one_paragraph(result.output)
    assert result.exit_code == 1, said
    assert "不存在" not in said and "太长" in said and "260" in said, said


def test_a_lock_file_a_sync_tool_holds_open_is_named_with_the_sync_tool(
    plan_file, monkeypatch, on_windows
):
    # OneDrive or 坚果云 syncing the folder opens plan.toml.lock the moment a change makes it;
    # the next change cannot open it (ERROR_SHARING_VIOLATION): "plan.toml is in use, close
    # WPS, Word, Excel" sent the clerk to close a plan no program had open
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    lock = plan_file.with_name("plan.toml.lock")
    lock.write_bytes(b"")
    real_open = os.open

    def synced(path, flags, *args):
        if os.path.basename(path) == lock.name:
            if flags & os.O_EXCL:
                raise windows_error(FileExistsError, errno.EEXIST, 80, "文件存在。")
            raise windows_error(
                PermissionError, errno.EACCES, 32, "另一个程序正在使用此文件，进程无法访问。"
            )
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", synced)
    said = refused(plan_file, "note", "1.1", "进展")
    assert "plan.toml.lock" in said and "锁文件" in said and "坚果云" in said, said
    english = refused(plan_file, "--lang", "en", "note", "1.1", "进展")
    assert "plan.toml.lock" in english and "OneDrive" in english, english


def test_a_plan_a_sync_tool_holds_open_names_sync_tools_among_the_programs(
    plan_file, monkeypatch, on_windows
):
    # Windows will not replace plan.toml while OneDrive or 坚果云 uploads it
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)

    def uploading(source, target):
        raise windows_error(PermissionError, errno.EACCES, 32, "另一个程序正在使用此文件。")

    monkeypatch.setattr(files.os, "replace", uploading)
    said = refused(plan_file, "note", "1.1", "进展")
    assert "占用" in said and "OneDrive" in said and "坚果云" in said, said


def test_a_report_over_a_read_only_file_leaves_no_read_only_temp_file_on_windows(
    plan_file, monkeypatch, on_windows
):
    # the new text is given the old file's mode: a report marked 只读 made its temp file
    # read-only too, which Windows will not move over a read-only file nor delete: every try
    # left a ".总结.docx.*.quanhu-tmp" beside the report
    import stat

    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    out = plan_file.parent / "总结.docx"
    out.write_bytes(b"an older report")
    out.chmod(0o444)
    real_replace, real_unlink = os.replace, os.unlink

    def read_only_stays(path):
        return not os.stat(path).st_mode & stat.S_IWRITE

    def windows_replace(source, target):
        if read_only_stays(target):
            raise windows_error(PermissionError, errno.EACCES, 5, "拒绝访问。")
        real_replace(source, target)

    def windows_unlink(path, *args, **kwargs):
        if read_only_stays(path):
            raise windows_error(PermissionError, errno.EACCES, 5, "拒绝访问。")
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(files.os, "replace", windows_replace)
    monkeypatch.setattr(files.os, "unlink", windows_unlink)
    said = refused(plan_file, "report", "--out", str(out), "--force")
    assert "只读" in said, said
    assert out.read_bytes() == b"an older report"


# ---------------------------------------------------------------- the store's Windows branch


class FakeMsvcrt:
    """``msvcrt.locking`` as Windows has it: a lock on ``nbytes`` from the descriptor's current
    position, refused (OSError) while another descriptor holds them; LK_UNLCK lets go of them
    at the current position, and fails where this descriptor holds nothing there."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self) -> None:
        self.held: dict[tuple[int, int, int], int] = {}

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        found = os.fstat(fd)
        where = (found.st_dev, found.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        if mode == self.LK_NBLCK:
            if self.held.get(where, fd) != fd:
                raise PermissionError(errno.EACCES, "Permission denied")
            self.held[where] = fd
        elif mode == self.LK_UNLCK:
            if self.held.get(where) != fd:
                raise PermissionError(errno.EACCES, "Permission denied")
            del self.held[where]


@pytest.fixture
def windows_store(monkeypatch):
    """``store.files`` as Windows loads it: its msvcrt branch, over ``FakeMsvcrt``."""
    import importlib.util
    import types

    from quanhu_plan.store import files

    fake = FakeMsvcrt()
    module = types.ModuleType("msvcrt")
    module.__dict__.update(LK_UNLCK=fake.LK_UNLCK, LK_NBLCK=fake.LK_NBLCK, locking=fake.locking)
    monkeypatch.setitem(sys.modules, "msvcrt", module)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("COMPUTERNAME", "PC-03")
    monkeypatch.setenv("USERNAME", "张三")
    for name in ("LOGNAME", "USER", "LNAME"):
        monkeypatch.delenv(name, raising=False)
    spec = importlib.util.spec_from_file_location("quanhu_plan.store._files_win", files.__file__)
    assert spec is not None and spec.loader is not None
    windows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(windows)
    assert windows._try_lock.__module__ == windows.__name__ and "msvcrt" in vars(windows)
    return windows, fake


def test_the_windows_lock_is_held_against_another_said_by_whom_and_removed_after(
    plan_file, windows_store
):
    from quanhu_plan.errors import PlanFileError
    from quanhu_plan.store.lock_holder import holder_of

    windows, fake = windows_store
    write_plan(plan_file, SMALL_ITEMS)
    lock = plan_file.with_name("plan.toml.lock")
    with windows.locked(plan_file):
        assert lock.is_file() and len(fake.held) == 1
        holder = holder_of(str(lock))  # read past the locked first byte, as Windows allows
        assert holder is not None and holder.user == "张三" and holder.computer == "PC-03"
        with pytest.raises(PlanFileError) as refused_lock:
            with windows.locked(plan_file, timeout=0):
                pass  # pragma: no cover - the lock is held
        said = refused_lock.value.message("zh")
        assert "张三" in said and "PC-03" in said and "plan.toml.lock" in said, said
        assert lock.is_file() and len(fake.held) == 1  # the waiter left the holder's lock be
    assert not lock.exists() and fake.held == {}
    with windows.locked(plan_file):  # and it is free for the next
        assert len(fake.held) == 1
    assert not lock.exists() and fake.held == {}


def test_a_windows_write_keeps_the_plans_bytes_and_leaves_no_temp_file(plan_file, windows_store):
    # no folder to fsync on Windows, no owner to give: atomic_write writes all the same
    windows, _ = windows_store
    write_plan(plan_file, SMALL_ITEMS)
    new = "\ufeff" + plan_file.read_text(encoding="utf-8").replace("\n", "\r\n") + "# 备注\r\n"
    with windows.locked(plan_file):
        windows.atomic_write(plan_file, new)
    assert plan_file.read_bytes() == new.encode("utf-8")
    assert sorted(os.listdir(plan_file.parent)) == ["plan.toml"]


# ---------------------------------------------------------------- a table open in Excel


@pytest.mark.parametrize("name", ["台账.csv", "推进表.xlsx"])
def test_importing_a_table_excel_has_open_says_to_close_it_not_no_permission(
    plan_file, monkeypatch, name
):
    # Excel holds a CSV it has open (and WPS a workbook) against every other reader: Windows'
    # ERROR_SHARING_VIOLATION (32), errno EACCES, said as "no permission"
    from quanhu_plan.importing import table_bytes

    table = plan_file.parent / name
    table.write_bytes(b"placeholder")
    real_open = os.open

    def open_in_excel(path, flags, *args):
        if os.path.basename(path) == name:
            raise windows_error(
                PermissionError, errno.EACCES, 32, "另一个程序正在使用此文件，进程无法访问。"
            )
        return real_open(path, flags, *args)

    monkeypatch.setattr(table_bytes.os, "open", open_in_excel)
    for lang, words in (("zh", ("占用", "关闭")), ("en", ("open in", "close"))):
        result = runner.invoke(app, ["--lang", lang, "import", str(table), "--out", "new.toml"])
        said = one_paragraph(result.output)
        assert result.exit_code == 1, said
        assert all(word in said for word in words) and "权限" not in said, said
        assert "permission" not in said.lower(), said
    assert not (plan_file.parent / "new.toml").exists()


# ---------------------------------------------------------------- a text report for Notepad


def test_a_text_report_file_has_windows_line_ends_for_notepad_as_well_as_its_bom(plan_file):
    # the BOM is there for Notepad before Windows 10 1903, which reads GBK without one; that
    # Notepad (Windows 7, still on town office PCs) shows a file of bare line feeds as one line
    write_plan(plan_file, SMALL_ITEMS)
    to_screen = runner.invoke(app, ["report", "--format", "txt", "--as-of", "2023-06-30"])
    result = runner.invoke(
        app, ["report", "--format", "txt", "--as-of", "2023-06-30", "--out", "总结.txt"]
    )
    assert to_screen.exit_code == 0 and result.exit_code == 0, result.output
    written = (plan_file.parent / "总结.txt").read_bytes()
    assert written.startswith("\ufeff".encode())
    lines = written.split(b"\n")
    assert len(lines) > 10 and all(line.endswith(b"\r") for line in lines[:-1]), written[:200]
    assert written.count(b"\r") == len(lines) - 1
    assert written.decode("utf-8-sig").replace("\r\n", "\n") == to_screen.stdout


# ---------------------------------------------------------------- a sync tool uploading the plan


def test_a_change_waits_a_moment_for_a_sync_tool_uploading_the_plan(plan_file, monkeypatch):
    # 坚果云 or OneDrive uploads plan.toml right after each change, holding it open: the next
    # change, a second later, could not replace it (ERROR_SHARING_VIOLATION) and failed; a
    # moment later it can
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    real_replace = os.replace
    tries = []

    def uploading_for_a_moment(source, target):
        tries.append(target)
        if len(tries) <= 3:
            raise windows_error(PermissionError, errno.EACCES, 32, "另一个程序正在使用此文件。")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", uploading_for_a_moment)
    result = runner.invoke(app, ["note", "1.1", "进展顺利"])
    assert result.exit_code == 0, result.output
    assert "进展顺利" in plan_file.read_text(encoding="utf-8") and len(tries) == 4
    assert sorted(set(os.listdir(plan_file.parent)) - {"cache"}) == ["plan.toml"]


def test_a_permission_the_system_denies_is_not_tried_again(plan_file, monkeypatch):
    # not Windows' "held by another program": trying again changes nothing, and keeps the
    # clerk waiting
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    tries = []

    def denied(source, target):
        tries.append(target)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "replace", denied)
    refused(plan_file, "note", "1.1", "进展顺利")
    assert len(tries) == 1


def test_a_change_waits_a_moment_for_a_sync_tool_holding_the_lock_file(plan_file, monkeypatch):
    # the lock file the last change made and removed was taken up by the sync tool meanwhile
    # (Windows removes no file another program holds open): held for a moment, then let go
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    lock = plan_file.with_name("plan.toml.lock")
    lock.write_bytes(b"")
    real_open = os.open
    held = []

    def synced_for_a_moment(path, flags, *args):
        if os.path.basename(path) == lock.name and not flags & os.O_EXCL and len(held) < 2:
            held.append(path)
            raise windows_error(PermissionError, errno.EACCES, 32, "另一个程序正在使用此文件。")
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", synced_for_a_moment)
    result = runner.invoke(app, ["note", "1.1", "进展顺利"])
    assert result.exit_code == 0, result.output
    assert "进展顺利" in plan_file.read_text(encoding="utf-8") and len(held) == 2
    assert not lock.exists()


@pytest.mark.parametrize(("winerror", "code"), [(5, errno.EACCES), (19, errno.EROFS)])
def test_a_folder_windows_denies_is_said_at_once_not_as_no_free_temp_name(
    plan_file, monkeypatch, windows_store, winerror, code
):
    # Windows says "access denied" also of a name a folder or a file being deleted has, so the
    # temp file tries the next name where os.access calls the folder writable; but os.access
    # reads the read-only mark alone, not a shared folder's permissions nor a USB stick's lock
    # switch: a hundred names were tried, and "no temporary file name is free" said
    from quanhu_plan.errors import PlanFileError

    windows, _ = windows_store
    monkeypatch.delitem(sys.modules, "tempfile")  # (the program's own temp names, not tempfile's)
    out = plan_file.parent / "总结.docx"
    real_open = os.open
    tries = []

    def denied(path, flags, *args):
        if flags & os.O_CREAT:
            tries.append(path)
            raise windows_error(PermissionError, errno.EACCES, winerror, "拒绝访问。")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(PlanFileError) as refused_write:
        windows.atomic_write(out, b"a report")
    assert refused_write.value.errno == code and len(tries) == 1
    assert os.listdir(plan_file.parent) == []


def test_a_temp_name_a_folder_has_on_windows_is_passed_over_for_the_next(
    plan_file, monkeypatch, windows_store
):
    windows, _ = windows_store
    monkeypatch.delitem(sys.modules, "tempfile")
    out = plan_file.parent / "总结.docx"
    real_open = os.open
    taken = []

    def first_name_a_folder(path, flags, *args):
        if flags & os.O_CREAT and not taken:
            taken.append(path)
            os.mkdir(path)  # Windows: "access denied" for a name a folder has
            raise windows_error(PermissionError, errno.EACCES, 5, "拒绝访问。")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", first_name_a_folder)
    windows.atomic_write(out, b"a report")
    assert out.read_bytes() == b"a report"
    assert sorted(os.listdir(plan_file.parent)) == sorted([out.name, os.path.basename(taken[0])])


# ---------------------------------------------------------------- a plan kept in the cloud


@pytest.mark.parametrize("winerror", [362, 388])
def test_a_plan_kept_online_only_by_onedrive_says_so_and_how_to_keep_it_here(
    plan_file, monkeypatch, winerror
):
    # Windows 11 backs the desktop up to OneDrive, whose files may be "online-only": with
    # OneDrive not running (362) or no network (388) Windows cannot fetch it; Python gives
    # errno EINVAL, said as "check the path, permissions and free disk space"
    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    real_open = os.open

    def in_the_cloud(path, flags, *args):
        if os.path.basename(path) == "plan.toml":
            raise windows_error(OSError, errno.EINVAL, winerror, "云文件提供程序未运行。")
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", in_the_cloud)
    for lang, words in (
        ("zh", ("云端", "OneDrive", "始终保留在此设备上")),
        ("en", ("online-only", "OneDrive", "Always keep on this device")),
    ):
        result = runner.invoke(app, ["--lang", lang, "status"])
        said = one_paragraph(result.output)
        assert result.exit_code == 1, said
        assert all(word in said for word in words) and "磁盘空间" not in said, said


def test_importing_a_table_kept_online_only_says_so(plan_file, monkeypatch):
    from quanhu_plan.importing import table_bytes

    table = plan_file.parent / "任务分解表.xlsx"
    table.write_bytes(b"placeholder")

    def in_the_cloud(path, flags, *args):
        raise windows_error(OSError, errno.EINVAL, 362, "云文件提供程序未运行。")

    monkeypatch.setattr(table_bytes.os, "open", in_the_cloud)
    result = runner.invoke(app, ["import", str(table), "--out", "new.toml"])
    said = one_paragraph(result.output)
    assert result.exit_code == 1, said
    assert "云端" in said and "始终保留在此设备上" in said, said
    assert not (plan_file.parent / "new.toml").exists()
