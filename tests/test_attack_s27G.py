"""Session 27 G: attacks an outside checker could try (hostile files, texts and folders), each
with the way the tool must hold."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import time
from pathlib import Path

import pytest

from quanhu_plan.cli import app
from quanhu_plan.store import cache, cache_files

from .conftest import SMALL_ITEMS, write_plan


class _Planted:
    """A pickle that runs a program when it is loaded: what someone who may write the cache
    folder (a QUANHU_PLAN_CACHE or XDG_CACHE_HOME on a shared disk, /tmp) could leave there."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def _planted(plan_file: Path, marker: Path) -> None:
    """The plan's cache entry and the bytes beside it replaced by ``_Planted``."""
    entry = cache._entry(plan_file.resolve())
    assert entry is not None
    entry.write_bytes(pickle.dumps(_Planted(marker)))
    cache_files.text_of(entry).write_bytes(pickle.dumps(_Planted(marker)))


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file owners are a POSIX matter")
@pytest.mark.parametrize("command", [["status"], ["list"], ["show", "1.1"], ["report"]])
def test_a_cache_entry_another_user_left_is_never_unpickled(
    runner, plan_file, tmp_path, monkeypatch, command
):
    write_plan(plan_file, SMALL_ITEMS)
    expected = runner.invoke(app, command)
    assert expected.exit_code == 0, expected.output
    marker = tmp_path / "the planted program ran"
    _planted(plan_file, marker)
    me = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: me + 1)  # the entry is now another user's
    result = runner.invoke(app, command)
    assert not marker.exists()
    assert (result.exit_code, result.output) == (0, expected.output)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_change_never_unpickles_a_cache_entry_another_user_left(runner, plan_file, tmp_path):
    write_plan(plan_file, SMALL_ITEMS)
    assert runner.invoke(app, ["status"]).exit_code == 0
    marker = tmp_path / "the planted program ran"
    _planted(plan_file, marker)
    entry = cache._entry(plan_file.resolve())
    assert entry is not None
    for path in (entry, cache_files.text_of(entry)):
        os.chown(path, 65534, 65534)
    result = runner.invoke(app, ["note", "1.1", "下周验收", "--on", "2023-05-01", "--by", "x"])
    assert not marker.exists()
    assert result.exit_code == 0, result.output
    assert 'note = "下周验收"' in plan_file.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="links are a POSIX matter here")
def test_a_link_left_where_a_cache_entry_goes_is_not_followed(runner, plan_file, tmp_path):
    # A file of the user's own that holds someone else's bytes (a download, a shared folder's
    # file) linked where the entry goes: owned by the user, and still not ours to unpickle.
    write_plan(plan_file, SMALL_ITEMS)
    expected = runner.invoke(app, ["status"])
    assert expected.exit_code == 0, expected.output
    marker = tmp_path / "the planted program ran"
    elsewhere = tmp_path / "downloaded.bin"
    elsewhere.write_bytes(pickle.dumps(_Planted(marker)))
    entry = cache._entry(plan_file.resolve())
    assert entry is not None
    entry.unlink()
    entry.symlink_to(elsewhere)
    result = runner.invoke(app, ["status"])
    assert not marker.exists()
    assert (result.exit_code, result.output) == (0, expected.output)
    assert elsewhere.read_bytes() == pickle.dumps(_Planted(marker))  # nor written through


# Format characters that print as nothing (Unicode's Cf) beyond the bidi controls and
# zero-width spaces: the interlinear annotation marks (U+FFF9-U+FFFB: the text between them
# may be hidden as an annotation), the deprecated shaping and swapping controls
# (U+206A-U+206F) and the musical format marks (U+1D173-U+1D17A).
UNSEEN_FORMATS = "\ufff9\ufffa\ufffb\u206a\u206e\U0001d173"


@pytest.mark.parametrize(
    "command",
    [["list"], ["status", "--by", "owner"], ["show", "1.1"], ["log"], ["report"]]
    + [["report", "--format", "md"], ["export", "--format", "csv", "--out", "-"]],
)
def test_format_characters_that_print_as_nothing_are_shown_escaped(
    runner, plan_file, clock, command
):
    title = "修\ufff9注\ufffa塘\ufffb\u206a\u206e\U0001d173"
    items = [dict(item) for item in SMALL_ITEMS]
    items[1].update(title=title, owner=f"王{UNSEEN_FORMATS}五")
    write_plan(plan_file, items)
    assert runner.invoke(app, ["note", "1.1", f"验收{UNSEEN_FORMATS}", "--by", "x"]).exit_code == 0
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert not set(UNSEEN_FORMATS) & set(result.output)
    assert "\\ufff9" in result.output
    assert "\\U0001d173" in result.output


def test_a_word_report_shows_format_characters_that_print_as_nothing(runner, plan_file, tmp_path):
    import zipfile

    items = [dict(item) for item in SMALL_ITEMS]
    items[1].update(title=f"修{UNSEEN_FORMATS}塘")
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"])
    assert result.exit_code == 0, result.output
    xml = zipfile.ZipFile(tmp_path / "r.docx").read("word/document.xml").decode("utf-8")
    assert not set(UNSEEN_FORMATS) & set(xml)
    assert "修\\ufff9\\ufffa\\ufffb\\u206a\\u206e\\U0001d173塘" in xml


# ---------------------------------------------------------------- a time zone Python cannot hold


@pytest.fixture
def zone_a_day_off(monkeypatch: pytest.MonkeyPatch):
    """TZ set to an offset of a day or more: the C library takes up to 24:59:59 (POSIX), Python's
    time zones stop short of 24 hours."""
    if not hasattr(time, "tzset"):
        pytest.skip("the zone is set by TZ and tzset")
    monkeypatch.setenv("TZ", "XXX-24:30")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "command",
    [
        ["note", "1.1", "下周验收", "--on", "2023-05-01", "--by", "x"],
        ["undo", "--by", "x"],
        ["log"],
        ["show", "1.1"],
        ["status"],  # (the log's time written without its offset: read in this zone)
    ],
)
def test_a_time_zone_a_day_off_utc_is_said_as_the_setting_to_mend(
    runner, plan_file, zone_a_day_off, command
):
    items = [dict(item) for item in SMALL_ITEMS]
    # (a time written without its offset, as by hand: read in this computer's zone)
    at = dt.datetime(2023, 4, 1, 9)
    items[1]["log"] = [{"at": at, "on": at.date(), "by": "x", "action": "note", "note": "开工"}]
    write_plan(plan_file, items)
    before = plan_file.read_bytes()
    result = runner.invoke(app, command)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert "时区" in result.output and "TZ=XXX-24:30" in result.output
    assert "Asia/Shanghai" in result.output  # how to mend it
    assert plan_file.read_bytes() == before


# ---------------------------------------------------------------- no home folder


@pytest.mark.skipif(os.name != "posix", reason="a user without a home is a POSIX matter")
@pytest.mark.parametrize(
    "command", [["status"], ["done", "1.3", "--on", "2023-05-01", "--by", "x"], ["log"]]
)
def test_a_user_without_a_home_folder_runs_without_the_cache(
    runner, plan_file, monkeypatch, command
):
    # A container or a service run under a user number the system does not list (docker run
    # --user 12345, cron's empty environment): no HOME, no entry in the password database.
    import pwd

    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    expected = runner.invoke(app, command)
    assert expected.exit_code == 0, expected.output
    write_plan(plan_file, SMALL_ITEMS)
    expected_file = plan_file.read_bytes() if command[0] == "done" else None
    for name in (cache.CACHE_ENV, "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_such_user(uid: int):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_such_user)
    result = runner.invoke(app, command)
    assert isinstance(result.exception, SystemExit) or result.exception is None
    assert (result.exit_code, result.output) == (0, expected.output)
    if expected_file is not None:
        assert plan_file.read_bytes() != expected_file  # (written: the task is done)
        assert 'status = "done"' in plan_file.read_text(encoding="utf-8")


# ---------------------------------------------------------------- ids alike once typed


@pytest.mark.parametrize(
    "written",
    ["1.\uff13", "\uff11.\uff13", "1\uff0e3", "1\u30023", "1.\u0663"],
    ids=["full-width-digit", "full-width-digits", "full-width-dot", "ideographic-stop", "arabic"],
)
def test_an_id_that_reads_as_another_items_id_once_typed_is_refused(runner, plan_file, written):
    # 1.3 and 1.３ in one plan: `plan done 1.3` (or 1.３: an input method types either) ticks
    # off the one, the list shows two rows numbered alike, and the warning told to rename the
    # second to 1.3, the first's own id.
    items = [dict(item) for item in SMALL_ITEMS]
    items.append({"id": written, "title": "修水渠", "parent": "1"})
    write_plan(plan_file, items)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert f"事项 {written}，字段 id" in result.output
    assert "“修机耕道”" in result.output and "1.3" in result.output
    assert 'id = "1.3"' not in result.output  # (not the other item's id as the fix)
    result = runner.invoke(app, ["done", "1.3", "--on", "2023-05-01", "--by", "x"])
    assert result.exit_code == 1 and "不是有效的计划文件" in result.output
    assert plan_file.read_bytes() == before
    result = runner.invoke(app, ["--lang", "en", "check"])
    assert "reads as" in result.output and "1.3" in result.output


def test_an_id_in_full_width_digits_alone_is_still_only_pointed_out(runner, plan_file):
    items = [dict(item) for item in SMALL_ITEMS]
    items.append({"id": "1.\uff14", "title": "修水渠", "parent": "1"})
    write_plan(plan_file, items)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert 'id = "1.4"' in result.output


def test_add_beside_an_id_in_full_width_digits_takes_a_number_that_reads_as_no_other(
    runner, plan_file
):
    items = [dict(item) for item in SMALL_ITEMS]
    items.append({"id": "1.\uff14", "title": "修水渠", "parent": "1"})
    write_plan(plan_file, items)
    result = runner.invoke(app, ["add", "1", "新任务", "--on", "2023-05-01", "--by", "x"])
    assert result.exit_code == 0, result.output
    assert "已添加 1.5 新任务" in result.output
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output


def test_a_circled_number_beside_the_digit_it_reads_as_is_refused(runner, plan_file):
    items = [dict(item) for item in SMALL_ITEMS]
    items.append({"id": "1.\u2462", "title": "修水渠", "parent": "1"})  # 1.③ beside 1.3
    write_plan(plan_file, items)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert "事项 1.③，字段 id" in result.output and "圈码" in result.output
