"""Attacks of session 40 (A): hostile plan files through read and change commands, each
expected to be told the same way by both (what, where, how to fix), with a non-zero exit and
the file and its folder as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

_PLAN = """[plan]
title = "测试镇2023年工作计划"
organisation = "测试镇人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31

[[item]]
id = "1"
title = "第一部分"

[[item]]
id = "1.1"
title = "任务一"

[[item]]
id = "1.1"
title = "任务二"
"""


def _folder(plan_file: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in plan_file.parent.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    "text",
    [
        "# 注释\n" + _PLAN,  # an invalid plan (a duplicate id) with a comment
        "# just a comment\n",  # comments alone: no [plan] table
    ],
    ids=["duplicate id", "comments alone"],
)
@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_fmt_of_a_bad_file_with_comments_names_its_fault_not_the_comments(
    runner: CliRunner, plan_file: Path, text: str, cache: str
) -> None:
    """``plan fmt`` told of a bad file with a # comment that its comments would be dropped
    (add --force), as if the file were fine; every other command, and fmt --force, named the
    fault. fmt names it too, whatever --force."""
    plan_file.write_text(text, encoding="utf-8")
    if cache == "warm":
        assert runner.invoke(app, ["--lang", "en", "status"]).exit_code == 1
    before = _folder(plan_file)
    status = runner.invoke(app, ["--lang", "en", "status"])
    assert status.exit_code == 1
    for args in (["fmt"], ["fmt", "--force"]):
        result = runner.invoke(app, ["--lang", "en", *args])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert "comments" not in result.output, result.output
        assert result.output == status.output
        assert _folder(plan_file) == before


_CHINESE = _PLAN.replace(
    'title = "任务二"\n', 'title = "任务二"\ndetail = "按照产业兴旺的总要求推进"\n'
)


@pytest.mark.parametrize("cut", [1, 2], ids=["one byte short", "two bytes short"])
@pytest.mark.parametrize("args", [["status"], ["check"], ["done", "1.1"], ["fmt"]])
def test_a_file_cut_off_in_a_character_is_called_cut_off(
    runner: CliRunner, plan_file: Path, cut: int, args: list[str]
) -> None:
    """A Chinese plan cut off while saved or synced ends as often in a character (three bytes
    in UTF-8) as between two: its last bytes are a character begun, not finished. It was told
    as a line "added in another encoding (GBK), by echo … >>" to be typed again; it is a file
    cut off, as one cut off between two characters is told (TomlSyntaxError's cut_off)."""
    whole = _CHINESE.encode("utf-8")
    data = whole[: whole.index("推进".encode()) + 3 - cut]  # in 进, its last byte(s) missing
    plan_file.write_bytes(data)
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["--lang", lang, *args])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        out = " ".join(result.output.split())
        assert "GBK" not in out and "echo" not in out, out
        if lang == "en":
            assert "cut off" in out and "line 19" in out, out
            assert f"git checkout -- {plan_file}" in out, out
        else:
            assert "中断" in out and "第 19 行" in out, out
    assert plan_file.read_bytes() == data
    assert [p.name for p in plan_file.parent.iterdir() if p.name != "cache"] == ["plan.toml"]


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["done", "1.1"],
        ["start", "1.1"],
        ["progress", "1.1", "50"],
        ["note", "1.1", "进展"],
        ["add", "1", "新任务"],
        ["edit", "1.1", "--title", "x"],
        ["move", "1.1", "1"],
        ["block", "1.1", "-r", "缺资金"],
        ["drop", "1.1", "-r", "不做了"],
        ["reopen", "1.1"],
        ["undo"],
    ],
    ids=lambda args: args[0],
)
def test_a_link_to_nothing_is_told_as_such_by_a_change_too(
    runner: CliRunner, plan_file: Path, args: list[str]
) -> None:
    """PLAN_FILE a symbolic link whose file is gone (a shortcut copied over, the folder it
    pointed into moved): a read said so; most changes said "no such file" and offered plan
    init, which makes a new plan where the link points, instead of the plan it stood for."""
    plan_file.symlink_to(plan_file.parent / "gone" / "plan.toml")
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    out = " ".join(result.output.split())
    assert "symbolic link to a file that does not exist" in out, out
    assert "init" not in out, out
    assert plan_file.is_symlink() and not plan_file.exists()
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan.toml"]
