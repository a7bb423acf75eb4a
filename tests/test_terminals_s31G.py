"""The terminals an office has (session 31, G): every printing command at 60 to 200 columns, in
UTF-8, GBK (a redirect or a console window on Chinese Windows) and the console window's own
way of drawing (新宋体 at code page 936: every character GBK writes in two bytes two columns
wide), piped and in English. What a view counts as a line's columns must be what is written."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.widths import character_width

from .conftest import write_plan


class GbkRunner(CliRunner):
    """Standard output in GBK as ``entry.main`` sets it up (``PYTHONIOENCODING=gbk``, or a
    redirect on Chinese Windows): a character GBK lacks written as its stand-in. With
    ``console``, the console window of Chinese Windows (``cjk_console.NarrowSigns``)."""

    def __init__(self, console: bool = False):
        super().__init__(charset="gbk")
        self.console = console

    @contextlib.contextmanager
    def isolation(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        from quanhu_plan.output_streams import never_fail_to_print
        from quanhu_plan.terminal.cjk_console import NarrowSigns

        with super().isolation(*args, **kwargs) as streams:
            never_fail_to_print()
            if self.console:
                sys.stdout = NarrowSigns(sys.stdout)
            yield streams


def columns(line: str) -> int:
    """A line's columns where GBK is written: as every terminal counts them."""
    return sum(map(character_width, line))


def console_columns(line: str) -> int:
    """A line's columns in the console window of Chinese Windows: a character GBK writes in
    two bytes takes two columns, an ASCII one one."""
    return len(line.encode("gbk"))


def run(runner: CliRunner, *args: str, width: int) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


# ---------------------------------------------------------------- ⑪ and on, written 11)


@pytest.fixture
def twelve_ponds(plan_file: Path) -> Path:
    """A goal of twelve tasks at the report's fifth level: numbered ① to ⑫."""
    items: list[dict[str, Any]] = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "水利"},
        {"id": "1.1.1", "title": "山塘"},
    ]
    items += [
        {
            "id": f"1.1.1.{n}",
            "title": f"修第{n}口塘并完成清淤扩容和护坡加固工程",
            "status": "done",
            "done_on": dt.date(2023, 3, n),
        }
        for n in range(1, 13)
    ]
    return write_plan(plan_file, items)


def test_a_report_numbered_past_ten_fits_its_width_in_gbk(twelve_ponds):
    # ⑪ (one column) is written "11)" where GBK lacks it (three): the line it began was laid
    # out two columns short, and ran past the window's edge at some widths
    runner = GbkRunner()
    for width in range(40, 81):
        shown = run(runner, "report", "--as-of", "2023-12-31", width=width)
        assert "11)修第11口塘" in shown and "⑪" not in shown and "?" not in shown
        over = [line for line in shown.splitlines() if columns(line) > width]
        assert not over, (width, over)


# ---------------------------------------------------------------- the console of Chinese Windows


# bullets, dots and ticks pasted from Word
BULLETED = "•村组道路硬化✓路灯安装∙排水沟‧护栏▪绿化◦亮化✗"


def test_word_marks_keep_a_tables_columns_in_the_console_of_chinese_windows(plan_file):
    # • ∙ ‧ are written as "·" where GBK lacks them, ✓ as "√", ✗ as "×", ▪ as "■", ◦ as "○":
    # signs that console draws two columns wide, each counted one, so every one of them in a
    # title pushed the columns after it one further right
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": BULLETED, "owner": "王五", "progress": 40},
            {"id": "1.2", "title": "修塘", "owner": "李四"},
        ],
    )
    runner = GbkRunner(console=True)
    for width in (60, 80, 100):
        for args in (["list", "--flat"], ["list"], ["status"], ["show", "1.1"]):
            shown = run(runner, *args, width=width)
            assert "?" not in shown, shown
            over = [line for line in shown.splitlines() if console_columns(line) > width]
            assert not over, (args, width, over)
        table = run(runner, "list", "--flat", width=width).splitlines()
        owners = [line for line in table if "王五" in line or "李四" in line]
        assert len(owners) == 2
        at = {
            console_columns(line[: line.index(name)])
            for line, name in zip(owners, "王李", strict=True)
        }
        assert len(at) == 1, owners  # the owners' column lines up under either title


def test_a_text_report_written_to_a_file_keeps_its_circled_numbers_under_gbk(twelve_ponds):
    # the stand-ins are standard output's: a UTF-8 file holds ⑪ as it is
    result = GbkRunner().invoke(
        app, ["report", "--format", "txt", "--as-of", "2023-12-31", "--out", "总结.txt"]
    )
    assert result.exit_code == 0, result.output
    written = (twelve_ponds.parent / "总结.txt").read_text(encoding="utf-8-sig")
    assert "⑪修第11口塘" in written and "11)" not in written
    printed = run(GbkRunner(), "report", "--format", "txt", "--as-of", "2023-12-31", width=80)
    assert "11)修第11口塘" in printed and "⑪" not in printed


def test_a_reports_circled_numbers_fit_the_console_of_chinese_windows(twelve_ponds):
    # ① to ⑩ are GBK's, and that console draws them two columns wide: counted one
    runner = GbkRunner(console=True)
    for width in range(40, 81):
        shown = run(runner, "report", "--as-of", "2023-12-31", width=width)
        assert "1)修第1口塘" in shown and "11)修第11口塘" in shown and "①" not in shown
        over = [line for line in shown.splitlines() if console_columns(line) > width]
        assert not over, (width, over)


# ---------------------------------------------------------------- no line of one character


def lone_characters(output: str) -> list[str]:
    """Lines of a table whose text is one Chinese character alone (战 / 略)."""
    import re

    lone = re.compile(r"^\s+[\u4e00-\u9fff][）。，、”]?$")
    return [line for line in output.splitlines() if lone.match(line)]


def test_status_folds_no_title_to_one_character_alone(runner, plan_file):
    # the built-in plan at 66 columns: 全力实施乡村振兴战 / 略
    from .conftest import REPO_PLAN

    plan_file.write_bytes(REPO_PLAN.read_bytes())
    for width in range(40, 121, 2):
        for lang in ("zh", "en"):
            result = runner.invoke(
                app,
                ["status", "--as-of", "2023-06-30", "--lang", lang],
                env={"COLUMNS": str(width)},
            )
            assert result.exit_code == 0, result.output
            assert not lone_characters(result.stdout), (width, lang, result.stdout)


def tree_lone_characters(output: str) -> list[str]:
    """Lines of a tree whose text is one Chinese character alone, or one before the light
    (…项目建 / 设  红灯)."""
    import re

    lone = re.compile(r"^[│ ]+[\u4e00-\u9fff][）。，、”]?(  \S+)?$")
    return [line for line in output.splitlines() if lone.match(line)]


def test_list_folds_no_title_to_one_character_alone_before_its_light(runner, plan_file):
    # 抓好“泉湖二月八”农耕文化体验馆项目建 / 设  红灯 at 58 columns, 保障宅基地农户资格 / 权
    from .conftest import REPO_PLAN

    plan_file.write_bytes(REPO_PLAN.read_bytes())
    for width in range(40, 81, 2):
        for lang in ("zh", "en"):
            result = runner.invoke(
                app, ["list", "--as-of", "2023-06-30", "--lang", lang], env={"COLUMNS": str(width)}
            )
            assert result.exit_code == 0, result.output
            assert not tree_lone_characters(result.stdout), (width, lang, result.stdout)


def cell_lone_characters(output: str) -> list[str]:
    """Lines of a table where a cell's text is one Chinese character alone (…项目建 / 设)."""
    import re

    lone = re.compile(r"(?:^|\s{2,})[\u4e00-\u9fff][）。，、”]?(?=\s{2,}|$)")
    return [line for line in output.splitlines() if lone.search(line)]


def test_tables_fold_no_cell_to_one_character_alone(runner, plan_file, clock):
    # list --flat: 抓好“清泉农夫”泉湖馆项目建 / 设; show: its tasks' titles, the log's reason
    # (资金未到位，待县财政拨 / 付) and the title above an entry; log: its item column
    from .conftest import REPO_PLAN

    plan_file.write_bytes(REPO_PLAN.read_bytes())
    clock.now = dt.datetime(2023, 6, 1, 9, tzinfo=clock.now.tzinfo)
    for args in (
        ["done", "2.2.2", "--on", "2023-05-20", "--note", "体验馆主体完工"],
        ["block", "2.2.3", "--on", "2023-06-01", "--reason", "资金未到位，待县财政拨付"],
        ["done", "5.5.1", "--on", "2023-06-01"],
        ["drop", "3.3.1", "--on", "2023-06-01", "--reason", "上级政策调整"],
    ):
        assert runner.invoke(app, args).exit_code == 0
    views = (["list", "--flat"], ["show", "2.2"], ["show", "3.3"], ["log", "--all"])
    for width in range(40, 101, 2):
        for lang in ("zh", "en"):
            for args in views:
                result = runner.invoke(app, [*args, "--lang", lang], env={"COLUMNS": str(width)})
                assert result.exit_code == 0, result.output
                lone = cell_lone_characters(result.stdout)
                assert not lone, (args, width, lang, lone, result.stdout)


def test_county_task_lists_fold_no_title_to_one_character_alone(runner, tmp_path):
    # plan county --status todo at 80 columns: …农村宅基地改 / 革 under each town's name
    from .conftest import REPO_PLAN

    for town in ("甲镇", "乙镇"):
        (tmp_path / f"{town}.toml").write_bytes(REPO_PLAN.read_bytes())
    for width in range(40, 121, 4):
        for lang in ("zh", "en"):
            for args in (["--status", "todo"], ["--pace", "behind"], []):
                result = runner.invoke(
                    app,
                    ["county", str(tmp_path), "--as-of", "2023-06-30", *args, "--lang", lang],
                    env={"COLUMNS": str(width)},
                )
                assert result.exit_code == 0, result.output
                lone = cell_lone_characters(result.stdout)
                assert not lone, (args, width, lang, lone, result.stdout)


def test_chinese_help_folds_no_line_to_one_character_alone(runner):
    # plan list --help at 80 columns: …按今天（或已过计划期时按计划期末）计算序时进 / 度。
    commands = ("", "status", "list", "show", "log", "check", "report", "county", "done")
    for width in (60, 80, 100):
        for command in commands:
            args = [command, "--help"] if command else ["--help"]
            result = runner.invoke(app, args, env={"COLUMNS": str(width)})
            assert result.exit_code == 0, result.output
            lone = cell_lone_characters(result.stdout)
            assert not lone, (command, width, lone, result.stdout)
