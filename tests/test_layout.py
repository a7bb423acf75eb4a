"""The read commands at 80 columns (rich's width set through COLUMNS, as a terminal sets it),
and at 60 and 120: titles fold under their own column and never inside a number or a Latin
word, no column is squeezed while others stand empty, the ledger keeps its status whole, a
part's page stays short, and piped output has no spaces at line ends and bars that read without
colour."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO, REPO_PLAN, write_plan

EXAMPLE = REPO / "examples" / "quanhu-2022.toml"

# Pieces that must never be split across two lines, wherever they appear.
WHOLE = ["3.3万亩", "2023-06-30", "95%", "1,800", "12.5", "Wi-Fi", "GDP"]

ITEMS = [
    {"id": "1", "title": "打牢一个基础"},
    {"id": "1.1", "title": "全力实施乡村振兴战略，因地制宜发展优势产业，壮大乡村发展新动能"},
    {
        "id": "1.1.1",
        "title": "新建高标准农田3.3万亩，2023-06-30前完成95%，涉及农户1,800户",
        "lead": "王副镇长",
        "lead_unit": "镇农业综合服务中心（农业股、水利站）",
        "owner": "李明",
        "due": dt.date(2023, 6, 30),
        "measure": "万亩",
        "target": 3.3,
        "target_text": "3.3万亩以上",
    },
    {
        "id": "1.1.2",
        "title": "全镇公共场所Wi-Fi全覆盖，带动GDP增长12.5个百分点，接待游客1,800人次",
        "lead_unit": "镇经济发展办",
        "owner": "赵强",
        "due": "2023-Q3",
    },
    {"id": "1.1.3", "title": "抓好“泉湖二月八”农耕文化体验馆项目建设"},
    {"id": "2", "title": "守住四条底线"},
    {"id": "2.1", "title": "坚持安全生产底线", "status": "done", "done_on": dt.date(2023, 3, 1)},
]

COLUMNS = ("60", "80", "120")


@pytest.fixture(scope="module")
def layout_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A plan with long titles full of numbers, people and deadlines, and a long history
    (made once: each change is a command)."""
    folder = tmp_path_factory.mktemp("layout")
    path = write_plan(folder / "plan.toml", ITEMS)
    # Module-wide, so before the autouse fixture that points the cache at tmp_path: do it here.
    runner = CliRunner(env={"QUANHU_PLAN_CACHE": str(folder / "cache"), "PLAN_LANG": None})
    for month, share in enumerate((10, 20, 30, 40, 50, 60, 70), start=1):
        note = f"第{month}次调度：新建高标准农田3.3万亩中已完成{share}%，涉及农户1,800户"
        args = ["progress", "1.1.1", str(share), "--on", f"2023-{month:02}-28", "-n", note]
        result = runner.invoke(app, ["-f", str(path), *args, "--by", "镇农业综合服务中心李明"])
        assert result.exit_code == 0, result.output
    note = ["note", "1.1.2", "2023-06-30前完成Wi-Fi覆盖95%", "--on", "2023-05-30"]
    result = runner.invoke(app, ["-f", str(path), *note])
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


@pytest.fixture
def layout_plan(plan_file: Path, layout_text: str) -> Path:
    plan_file.write_text(layout_text, encoding="utf-8")
    return plan_file


def run(runner: CliRunner, *args: str, columns: str = "80") -> list[str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def fits(lines: list[str], width: int) -> None:
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, "\n".join(too_wide)


def starts(line: str, text: str) -> int:
    """The cell where ``text`` begins in ``line``."""
    return cell_len(line[: line.index(text)])


READ_COMMANDS = [
    ["status"],
    ["status", "--by", "unit"],
    ["list"],
    ["list", "--flat"],
    ["show", "1"],
    ["show", "1", "--all"],
    ["show", "1.1.1"],
    ["log"],
    ["report"],
    ["report", "--format", "md"],
    ["check"],
]


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_piped_output_of_every_read_command_has_no_space_at_a_line_end(
    runner, layout_plan, args, columns
):
    lines = run(runner, *args, columns=columns)
    ending = [line for line in lines if line != line.rstrip()]
    assert not ending, "\n".join(f"{line}|" for line in ending)
    if args[-1] not in ("md", "check"):  # messages and Markdown are not laid out
        fits(lines, int(columns))


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("args", READ_COMMANDS[:-2], ids=" ".join)
def test_numbers_and_latin_words_are_never_split_across_lines(runner, layout_plan, args, columns):
    text = "\n".join(run(runner, *args, columns=columns))
    for piece in WHOLE:
        # A piece split over two lines would leave its head at one line's end and its tail at
        # the next one's start.
        for line in text.splitlines():
            for cut in range(1, len(piece)):
                head, tail = piece[:cut], piece[cut:]
                if line.rstrip().endswith(head) and not line.rstrip().endswith(piece):
                    following = text.split(line + "\n", 1)[1].splitlines()[0].lstrip(" │")
                    assert not following.startswith(tail), (piece, line, following)


def test_the_2022_example_reads_at_80_columns_without_trailing_spaces(runner):
    for args in (["status"], ["list"], ["list", "--flat"], ["show", "4"], ["report"]):
        lines = run(runner, "-f", str(EXAMPLE), *args)
        fits(lines, 80)
        assert all(line == line.rstrip() for line in lines), args


# ---------------------------------------------------------------- status


def test_status_at_80_columns_folds_a_long_title_under_its_own_column(runner):
    lines = run(runner, "-f", str(REPO_PLAN), "status", "--as-of", "2023-06-30")
    fits(lines, 80)
    row = next(n for n, line in enumerate(lines) if "保障污水处理厂" in line)
    title_at = starts(lines[row], "保障污水处理厂")
    follow = lines[row + 1]
    assert follow.strip() and "保障污水处理厂" not in follow
    assert cell_len(follow) - cell_len(follow.lstrip()) == title_at  # under the title
    assert follow.strip() + "" in "保障污水处理厂、垃圾中转站正常运行"


def test_status_bars_draw_done_and_empty_parts_differently_without_colour(runner, plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "部分"},
            {"id": "1.1", "title": "完成一半", "progress": 50},
            {"id": "1.2", "title": "已完成", "status": "done"},
            {"id": "2", "title": "未开始的部分"},
            {"id": "2.1", "title": "未开始"},
        ],
    )
    lines = run(runner, "status")  # NO_COLOR is set for every test, and the output is piped
    assert "75% ███░" in next(line for line in lines if "部分" in line)
    assert "0% ░░░░" in next(line for line in lines if "未开始的部分" in line)
    assert "38% ██░░" in next(line for line in lines if "合计" in line)


def test_status_at_60_columns_drops_the_bars_and_still_fits(runner):
    lines = run(runner, "-f", str(REPO_PLAN), "status", "--as-of", "2023-06-30", columns="60")
    fits(lines, 60)
    assert not any("░" in line for line in lines)


# ---------------------------------------------------------------- list


def test_list_tree_at_80_columns_puts_details_that_do_not_fit_on_their_own_lines(
    runner, layout_plan
):
    lines = run(runner, "list")
    fits(lines, 80)
    task = next(n for n, line in enumerate(lines) if "[~] 1.1.1" in line)
    details = lines[task + 1 : task + 6]
    assert any(line.endswith("完成时限：2023-06-30") for line in details), lines
    # the details break between phrases: 责任 starts a line
    assert any(re.search(r"[│ ]{4}责任：王副镇长", line) for line in details), lines


@pytest.mark.parametrize("colour", [False, True])
def test_list_tree_keeps_details_beside_a_title_whose_trailing_spaces_fold_away(
    runner, plan_file, monkeypatch, colour
):
    """A title typed with spaces after it is wider than the line, but folds into one short
    line (a fold drops the spaces): its details still follow it on that line, measured by
    what is drawn, not by the title as typed."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础"},
            {
                "id": "1.1",
                "title": "短标题" + " " * 200,
                "status": "done",
                "done_on": dt.date(2023, 5, 1),
                "progress": 100,
            },
        ],
    )
    if colour:
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.delenv("NO_COLOR")
    result = runner.invoke(app, ["list", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "    └── [x] 1.1 短标题  已完成 · 100%" in plain.splitlines(), plain


def test_list_flat_at_80_columns_gives_titles_the_room_of_who_and_the_deadline(runner, layout_plan):
    lines = run(runner, "list", "--flat")
    fits(lines, 80)
    header = lines[1]
    assert "责任" not in header and "完成时限" not in header
    assert starts(header, "状态") - starts(header, "事项") >= 34  # the title column
    task = next(n for n, line in enumerate(lines) if "1.1.1" in line)
    under = [line.strip() for line in lines[task + 1 : task + 6]]
    assert "完成时限：2023-06-30" in under
    assert any(line.startswith("责任：王副镇长 / ") for line in under)


def test_list_flat_leaves_out_the_columns_no_task_fills(runner):
    lines = run(runner, "-f", str(REPO_PLAN), "list", "--flat", columns="120")
    header = lines[1]
    assert "事项" in header and "预警" in header
    assert "责任" not in header and "完成时限" not in header


def test_list_flat_at_120_columns_keeps_who_and_the_deadline_in_columns(runner, layout_plan):
    lines = run(runner, "list", "--flat", columns="120")
    fits(lines, 120)
    assert "责任" in lines[1] and "完成时限" in lines[1]
    assert "2023-06-30" in next(line for line in lines if "1.1.1" in line)


# ---------------------------------------------------------------- log and show


def test_log_at_80_columns_gives_the_change_room_and_a_line_to_each_field(runner, layout_plan):
    lines = run(runner, "log", "--all")
    fits(lines, 80)
    header = lines[1]
    assert starts(header, "记录人") - starts(header, "变更") >= 28
    assert starts(header, "操作") - starts(header, "事项") >= 14
    change_at = starts(header, "变更")
    for text in ("进度：60% → 70%", "日期 2023-07-28"):
        line = next(line for line in lines if text in line)
        assert starts(line, text) == change_at, line
    # the time goes under the day
    day = next(n for n, line in enumerate(lines) if line.startswith(dt.date.today().isoformat()))
    assert re.match(r"\d\d:\d\d ", lines[day + 1])


def test_show_of_a_part_summarises_it_and_all_shows_it_whole(runner, layout_plan):
    lines = run(runner, "show", "1")
    fits(lines, 80)
    assert len(lines) < 60
    text = "\n".join(lines)
    assert "状态       未开始 2 · 进行中 1" in text
    assert "1.1   全力实施乡村振兴战略" in text and "1.1.1" not in text.split("进展情况")[0]
    assert "（共 8 条，只显示了最新的 5 条；plan show 1 --all 列出全部下级事项和记录。）" in text
    everything = "\n".join(run(runner, "show", "1", "--all"))
    assert everything.count("进度：") == 7
    assert "1.1.1    [~] 新建高标准农田" in everything  # every item, indented by level
    assert "只显示了" not in everything


def test_show_of_a_task_keeps_its_whole_history(runner, layout_plan):
    lines = run(runner, "show", "1.1.1")
    fits(lines, 80)
    assert "\n".join(lines).count("进度：") == 7


# ---------------------------------------------------------------- report


def test_report_ledger_at_80_columns_keeps_the_status_whole_and_the_task_wide(runner, layout_plan):
    lines = run(runner, "report")
    fits(lines, 80)
    ledger = lines[next(n for n, line in enumerate(lines) if line.startswith("附表")) :]
    header = ledger[1]
    assert starts(header, "状态") - starts(header, "任务") >= 40
    assert any(line.endswith("未开始（红灯）      0%") for line in ledger), ledger
    assert any(line.endswith("（逾期，红灯）") for line in ledger), ledger
    under = [line.strip() for line in ledger]
    assert any(line.startswith("责任：王副镇长 / 镇农业综合服务中心") for line in under)
    assert "目标值：3.3万亩以上" in under  # no actual figure recorded: left out
    assert "完成时限：6月30日" in under  # as the body and the Word ledger write a date
    assert "完成日期：3月1日" in under


def test_report_heading_is_centred_without_padding_after_it(runner, layout_plan):
    lines = run(runner, "report")
    assert lines[0].strip() == "测试镇2023年工作计划完成情况总结"
    assert lines[0] == lines[0].rstrip() and lines[0].startswith(" " * 10)


# ---------------------------------------------------------------- deep plans at narrow widths

DEEP_IDS = ["1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.1.1", "1.1.1.1.1.1"]
DEEP_ITEMS = [
    {"id": i, "title": "[ ] 2023年 / 修塘3.3万亩" if i == DEEP_IDS[-1] else "推进目标"}
    for i in DEEP_IDS
]


@pytest.mark.parametrize("columns", ["40", "60"])
def test_a_deep_task_keeps_its_title_readable_in_a_narrow_show_all(runner, plan_file, columns):
    # Six levels at 40 columns: the indent of the deepest title once took all but a cell of
    # its column, so the title ran down one character a line, with lines of spaces in between.
    write_plan(plan_file, DEEP_ITEMS)
    lines = run(runner, "show", "1", "--all", columns=columns)
    ending = [line for line in lines if line != line.rstrip()]
    assert not ending, "\n".join(f"{line}|" for line in ending)
    fits(lines, int(columns))
    year = next(line for line in lines if "2023年" in line)
    for line in lines:  # a line the title folds into never starts with a space
        if line.lstrip().startswith("/"):
            assert starts(line, "/") == starts(year, "2023年"), "\n".join(lines)


def test_status_at_60_columns_folds_a_deep_id_and_still_fits(runner, plan_file):
    write_plan(plan_file, DEEP_ITEMS)
    lines = run(runner, "status", columns="60")
    fits(lines, 60)
