"""Hostile input, session 24 (N): leftovers of the hostile-input review, each tried through the
CLI: a plan.toml planted above the office's folder, plan merge's words for a side that is no
file, invisible characters in titles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan

posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners are a POSIX notion")


def searched_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A plan.toml in ``tmp_path`` and an office folder below it with none: no PLAN_FILE, so
    plan looks upward from the office folder and finds the one above."""
    monkeypatch.delenv("PLAN_FILE")
    above = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    office = tmp_path / "office"
    office.mkdir()
    monkeypatch.chdir(office)
    return above, office


def owned_by_other(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> int:
    """Make ``paths`` (the link itself, not what it points to) look owned by another user."""
    other = os.getuid() + 1
    real_lstat, real_stat = os.lstat, os.stat
    faked = {os.fspath(path) for path in paths}

    def forged(real):  # type: ignore[no-untyped-def]
        def call(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            st = real(path, *args, **kwargs)
            if isinstance(path, (str, os.PathLike)) and os.fspath(path) in faked:
                return os.stat_result((*st[:4], other, *st[5:]))
            return st

        return call

    monkeypatch.setattr(os, "lstat", forged(real_lstat))
    if not any(path.is_symlink() for path in paths):
        monkeypatch.setattr(os, "stat", forged(real_stat))
    return other


@posix_only
def test_a_plan_toml_of_another_user_found_above_is_neither_read_nor_changed(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a shared Linux machine anybody may put a plan.toml in /tmp or another folder all may
    write to: a clerk working in a folder below it, with no plan.toml of their own, had plan
    read it as the office's plan and tick it off (compare git's safe.directory). A plan.toml
    the search finds that belongs to another user is refused now, saying where and how to name
    it; named with --file it is still used."""
    above, _ = searched_from(tmp_path, monkeypatch)
    before = above.read_bytes()
    other = owned_by_other(monkeypatch, above)
    result = runner.invoke(app, ["done", "1.3"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert str(above) in result.output
    assert f"uid {other}" in result.output
    assert "-f" in result.output and "PLAN_FILE" in result.output
    assert above.read_bytes() == before
    assert not list(tmp_path.glob("office/*"))
    result = runner.invoke(app, ["status"])
    assert result.exit_code != 0
    assert "测试镇2023年工作计划" not in result.output
    # named, it is the plan meant
    result = runner.invoke(app, ["-f", str(above), "status"])
    assert result.exit_code == 0, result.output
    assert "测试镇2023年工作计划" in result.output


@posix_only
def test_a_link_planted_above_is_refused_even_when_it_points_at_the_clerks_own_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The owner of a plan.toml link is who put it there: another user's link to one of the
    clerk's own files (another plan, anything) would have had plan write that file."""
    monkeypatch.delenv("PLAN_FILE")
    (tmp_path / "mine").mkdir()
    own = write_plan(tmp_path / "mine" / "own.toml", SMALL_ITEMS)
    planted = tmp_path / "plan.toml"
    planted.symlink_to(own)
    office = tmp_path / "office"
    office.mkdir()
    monkeypatch.chdir(office)
    before = own.read_bytes()
    owned_by_other(monkeypatch, planted)
    result = runner.invoke(app, ["done", "1.3"])
    assert result.exit_code != 0
    assert str(planted) in result.output
    assert own.read_bytes() == before


@posix_only
def test_the_clerks_own_plan_above_is_still_found(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    above, _ = searched_from(tmp_path, monkeypatch)
    result = runner.invoke(app, ["done", "1.3"])
    assert result.exit_code == 0, result.output
    assert 'id = "1.3"' in above.read_text(encoding="utf-8")
    assert "done" in above.read_text(encoding="utf-8")


def test_without_owners_the_search_works_as_before(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no os.getuid: a plan.toml above is found as before."""
    above, _ = searched_from(tmp_path, monkeypatch)
    monkeypatch.delattr(os, "getuid", raising=False)
    monkeypatch.delattr(os, "geteuid", raising=False)
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "测试镇2023年工作计划" in result.output


def merge_sides(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    ours = write_plan(tmp_path / "ours.toml", SMALL_ITEMS)
    theirs = write_plan(tmp_path / "theirs.toml", [*SMALL_ITEMS, {"id": "2.4", "title": "新事项"}])
    return base, ours, theirs


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("side", ["base", "ours", "theirs"])
def test_plan_merge_given_a_fifo_says_which_version_it_is_not_to_use_file(
    runner: CliRunner, tmp_path: Path, side: str
) -> None:
    """A FIFO given to plan merge was told to use --file or PLAN_FILE, which merge does not
    take (its three versions are its arguments); given as the common ancestor, plan merge
    waited on it for ever. Now it names the version, says nothing was merged, and how to fix."""
    paths = dict(zip(("base", "ours", "theirs"), merge_sides(tmp_path), strict=True))
    paths[side].unlink()
    os.mkfifo(paths[side])
    before = {name: path.read_bytes() for name, path in paths.items() if name != side}
    result = runner.invoke(
        app, ["merge", *(str(paths[name]) for name in ("base", "ours", "theirs"))]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert str(paths[side]) in result.output and "命名管道" in result.output
    assert "--file" not in result.output and "PLAN_FILE" not in result.output
    words = {"base": "共同的上一版本", "ours": "我方的版本", "theirs": "对方的版本"}
    assert words[side] in result.output
    assert "没有合并" in result.output
    assert {name: path.read_bytes() for name, path in paths.items() if name != side} == before


@pytest.mark.parametrize("what", ["folder", "missing"])
def test_plan_merge_given_a_base_that_is_no_file_does_not_call_it_committed_broken(
    runner: CliRunner, tmp_path: Path, what: str
) -> None:
    """A folder (or a path to nothing) as the common ancestor was "not a valid plan (it was
    committed broken and corrected on both sides since)", and the merge went on as with no
    ancestor: the versions given were not what the office meant, and a change of one side was
    turned into a conflict. Now nothing is merged and the message says what the path is."""
    base, ours, theirs = merge_sides(tmp_path)
    base.unlink()
    if what == "folder":
        base.mkdir()
    before = ours.read_bytes()
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs)])
    assert result.exit_code == 1
    assert "提交时是坏的" not in result.output
    assert str(base) in result.output and "共同的上一版本" in result.output
    assert ("文件夹" if what == "folder" else "不存在") in result.output
    assert ours.read_bytes() == before
    result = runner.invoke(app, ["--lang", "en", "merge", str(base), str(ours), str(theirs)])
    assert result.exit_code == 1
    assert "committed broken" not in result.output
    assert "common ancestor" in result.output and "nothing was merged" in result.output.lower()


# Characters that print as nothing: zero-width space, soft hyphen, BOM (zero-width no-break
# space), word joiner, tag characters (an invisible "A" and the cancel tag), a noncharacter of
# the last plane and one of the BMP's block of them.
INVISIBLE = [
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u2060",
    "\U000e0041",
    "\U000e007f",
    "\U0010ffff",
    "\ufdd0",
]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda char: f"U+{ord(char):04X}")
def test_invisible_characters_in_a_title_are_shown_in_every_view_and_kept_in_the_file(
    runner: CliRunner, plan_file: Path, tmp_path: Path, char: str
) -> None:
    """A title with a character that prints as nothing looked the same as another title (two
    ids whose titles print the same, 修塘 and 修<U+200B>塘) or hid text (tag characters) in
    list, show, status, report and exports. Each is shown as its escape now, as a control
    character is (\\u200b, \\U000e0041), in every terminal view and the exports; the file keeps
    it, and JSON reads back exactly."""
    import json

    from quanhu_plan.controls import visible

    title = f"修{char}塘"
    items = [dict(item) for item in SMALL_ITEMS]
    items[1]["title"] = title
    items[0]["title"] = f"基础{char}设施"  # (status shows the parts)
    write_plan(plan_file, items)
    shown = visible(title)
    assert char not in shown and shown != "修塘" and "\\" in shown
    escape = shown[1:-1]
    for args in (
        ["note", "1.1", "已开工"],
        ["list"],
        ["show", "1.1"],
        ["status"],
        ["log"],
        ["report", "--format", "txt"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert char not in result.output, args
        assert f"基础{escape}设施" in result.output or f"修{escape}塘" in result.output, args
    out = tmp_path / "表.csv"
    result = runner.invoke(app, ["export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert char not in out.read_text(encoding="utf-8-sig")
    result = runner.invoke(app, ["show", "1.1", "--json"])
    assert result.exit_code == 0, result.output
    assert char not in result.output  # (JSON exact: the escape reads back as the character)
    assert title in json.dumps(json.loads(result.output), ensure_ascii=False)
    # The file keeps it, as its TOML escape since s34C (修\u200B塘: seen in cat and git diff).
    import tomllib

    text = plan_file.read_text(encoding="utf-8")
    assert char not in text
    assert tomllib.loads(text)["item"][1]["title"] == title
