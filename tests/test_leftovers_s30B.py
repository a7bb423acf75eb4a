"""Leftovers in the CLI and terminal layers found in earlier sessions (session 30, B): each
reproduced here and fixed where its concern lives."""

from __future__ import annotations

import ast
import datetime as dt
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO, write_plan

runner = CliRunner()
PACKAGE = REPO / "quanhu_plan"


# ------------------------------------------- 1. the terminal folds its own notices


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for each name ``path`` imports, the module absolute (``..cli.app`` in
    terminal/console.py: quanhu_plan.cli.app)."""
    parts = path.relative_to(REPO).with_suffix("").parts[:-1]
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(parts[: len(parts) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found += [(module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
    return found


def test_the_terminal_layer_and_the_output_streams_import_nothing_from_the_cli() -> None:
    below_the_cli = [*sorted((PACKAGE / "terminal").glob("*.py")), PACKAGE / "output_streams.py"]
    upward = [
        (path.name, module)
        for path in below_the_cli
        for module, _ in _imports(path)
        if module == "quanhu_plan.cli" or module.startswith("quanhu_plan.cli.")
    ]
    assert upward == []


def test_every_notice_folds_with_the_one_fold_in_the_terminal_layer() -> None:
    """entry's notice (the folder gone), the pager's, the lost characters', the CLI's errors:
    one ``folded_on_terminal``, the terminal layer's."""
    sources = {
        (path.relative_to(PACKAGE).as_posix(), module)
        for path in PACKAGE.rglob("*.py")
        for module, name in _imports(path)
        if name == "folded_on_terminal"
    }
    assert {module for _, module in sources} == {"quanhu_plan.terminal.folding"}, sources
    assert {"entry.py", "output_streams.py", "terminal/paging.py", "cli/app.py"} <= {
        path for path, _ in sources
    }


# ------------------------------------------- 2. an unknown command shown as typed, escaped


@pytest.mark.parametrize(
    ("typed", "zh_shown", "en_shown"),
    [
        ("销", "“销”", "'销'"),
        ("st[red]atus", "“st[red]atus”", "'st[red]atus'"),
        ("\x1b[2Jx", "“\\x1b[2Jx”", "'\\x1b[2Jx'"),
        ("a\tb", "“a\\tb”", "'a\\tb'"),  # (a tab, not shown as a space)
        ("a\\tb", "“a\\\\tb”", "'a\\\\tb'"),  # (a backslash typed, told apart from a tab)
        ("\u202eplan", "“\\u202eplan”", "'\\u202eplan'"),
    ],
)
def test_an_unknown_command_is_shown_escaped_as_an_unknown_id_is(
    small_plan: Path, typed: str, zh_shown: str, en_shown: str
) -> None:
    for lang, shown in (("zh", zh_shown), ("en", en_shown)):
        result = runner.invoke(app, [typed, "1.1"], env={"PLAN_LANG": lang})
        assert result.exit_code == 2, result.output
        assert shown in result.stderr, result.stderr
        assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    shown_for_an_id = runner.invoke(app, ["show", typed], env={"PLAN_LANG": "zh"}).stderr
    assert zh_shown in shown_for_an_id or typed == "销", shown_for_an_id


# ------------------------------------------- 3. rich's views within the terminal's width

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
LONG = "全面推进农村人居环境整治提升五年行动暨美丽乡村示范片区建设和农村厕所革命整村推进工作"
LONG_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "第一部分" + LONG},
    {
        "id": "1.1",
        "title": LONG,
        "lead": "镇党委副书记、镇长、常务副镇长",
        "lead_unit": "镇农业农村综合服务中心（乡村振兴办公室）",
        "support_units": ["镇自然资源所", "镇生态环境办公室", "各村（社区）党组织和村民委员会"],
        "owner": "欧阳明月",
        "due": dt.date(2023, 6, 30),
        "progress": 40,
        "detail": LONG * 2,
    },
    {
        "id": "1.2",
        "title": "完成" + LONG,
        "measure": "万平方米（建筑面积）",
        "baseline": 12.5,
        "target": 30,
        "actual": 18.75,
        "target_text": "三十万平方米以上（含改扩建项目建筑面积）",
        "lead_unit": "镇规划建设和生态环境综合服务中心",
    },
    {
        "id": "1.3",
        "title": LONG + "（第二批）",
        "status": "blocked",
        "reason": LONG,
        "owner": "司马相如",
    },
    {"id": "2", "title": LONG[:20]},
    {"id": "2.1", "title": LONG[:30], "status": "done", "done_on": dt.date(2023, 3, 1)},
    {"id": "2.2", "title": LONG[:12], "status": "dropped", "reason": LONG[:40]},
]
VIEWS = [
    ["status"],
    ["status", "--by", "unit"],
    ["status", "--by", "owner"],
    ["list"],
    ["list", "--flat"],
    ["show", "1.1"],
    ["show", "1"],
    ["log"],
]


def terminal_cells(line: str) -> int:
    """Columns a terminal gives ``line``, its colour codes taken off: two for a wide (CJK,
    full-width) character, none for a combining mark, one for any other."""
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
        for ch in ESCAPES.sub("", line)
    )


def drawn_on_a_terminal(args: list[str], columns: int, lang: str) -> str:
    """``plan <args>`` as rich draws it on an xterm of ``columns`` (conftest's TERM=dumb and
    NO_COLOR set aside for this run)."""
    env = {"TERM": "xterm-256color", "NO_COLOR": None, "TTY_COMPATIBLE": "1"}
    env |= {"COLUMNS": str(columns), "PLAN_LANG": lang}
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert "\x1b[" in result.stdout  # (drawn by rich, in colour: what this checks)
    return result.stdout


@pytest.fixture
def long_titled_plan(plan_file: Path, clock) -> Path:
    """Long CJK titles, units, reasons and notes (the log and show's history)."""
    write_plan(plan_file, LONG_ITEMS)
    for args in (
        ["note", "1.1", LONG * 2, "--on", "2023-05-01", "--by", "欧阳明月"],
        ["progress", "1.1", "60", "-n", LONG, "--on", "2023-06-01", "--by", "欧阳明月" * 3],
        ["record", "1.2", "20", "-n", LONG, "--on", "2023-06-02"],
    ):
        assert runner.invoke(app, args).exit_code == 0
    return plan_file


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("plan", ["town_plan", "long_titled_plan"])
def test_rich_views_stay_within_the_terminals_width(request, plan, columns, lang) -> None:
    request.getfixturevalue(plan)
    for args in VIEWS if plan == "long_titled_plan" else [*VIEWS[:5], ["show", "2.2.1"]]:
        wide = [
            line
            for line in drawn_on_a_terminal(args, columns, lang).splitlines()
            if terminal_cells(line) > columns
        ]
        assert wide == [], (args, wide)


def test_the_width_check_sees_rich_use_a_wide_terminals_width(long_titled_plan: Path) -> None:
    """The same views at 200 columns draw lines past 80: the check above measures what rich
    drew for the width it was given, not a width rich chose itself."""
    drawn = drawn_on_a_terminal(["list", "--flat"], 200, "zh")
    assert max(terminal_cells(line) for line in drawn.splitlines()) > 80


# ------------------------------------------- 4. a target written without a number
# Decided: the words are the document's (the county's wording), so they are kept and shown as
# words, never refused; but they set no figure, so the task is counted by its progress and a
# figure reported counts for nothing. That is said at once, with the command that sets the
# figure, wherever such a target comes in (add, edit, import): never a silent 0%. --target
# itself takes a figure and refuses words with no number in them (十批次), naming the option.


def _item(plan_file: Path, item_id: str) -> dict[str, Any]:
    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    return next(item for item in items if item["id"] == item_id)


@pytest.mark.parametrize(
    ("words", "zh_said"),
    [
        ("10批次", "要按完成值计，用 plan edit 1.4 --target 10批次 设上目标值。"),
        ("约10批", "要按完成值计，用 plan edit 1.4 --target 约10批 设上目标值。"),
        ("十批次", "里没有数字（数字要用阿拉伯数字写）"),
        ("批次", "里没有数字（数字要用阿拉伯数字写）"),
    ],
)
def test_a_target_in_words_alone_is_kept_and_said_to_set_no_figure(
    small_plan: Path, words: str, zh_said: str
) -> None:
    args = ["add", "1", "新建冷库", "--target-text", words, "--on", "2023-03-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"注意：1.4 的目标原文“{words}”" in result.stderr and zh_said in result.stderr
    assert "完成率按 plan progress 填报的进度计" in result.stderr
    added = _item(small_plan, "1.4")
    assert added["target_text"] == words and "target" not in added
    shown = runner.invoke(app, ["show", "1.4"]).stdout
    assert f"目标（原文）  {words}" in shown


def test_a_target_in_words_alone_is_said_in_english_with_the_example_of_its_unit(
    small_plan: Path,
) -> None:
    args = ["--lang", "en", "edit", "1.3", "--target-text", "十批次", "--on", "2023-03-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Note: 1.3's target in words, '十批次', holds no number" in result.stderr
    assert "plan edit 1.3 --target NUMBER, e.g. --target 10批次." in result.stderr
    quiet = runner.invoke(app, ["edit", "1.1", "--target-text", "十处", "--on", "2023-03-02"])
    assert quiet.exit_code == 0 and "注意" not in quiet.stderr  # (1.1 has a figure: 40)


@pytest.mark.parametrize("words", ["十批次", "批次"])
@pytest.mark.parametrize("command", [["add", "1", "新建冷库"], ["edit", "1.3"]])
def test_a_target_option_without_a_number_is_refused_naming_it(
    small_plan: Path, command: list[str], words: str
) -> None:
    before = small_plan.read_bytes()
    result = runner.invoke(app, [*command, "--target", words, "--on", "2023-03-01"])
    assert result.exit_code == 2
    assert f"--target 的值“{words}”不对：不是数字" in result.stderr
    assert "--target 100" in result.stderr
    assert small_plan.read_bytes() == before


def test_a_target_option_with_a_number_in_words_sets_the_figure(small_plan: Path) -> None:
    for words in ("10批次", "约10批"):
        result = runner.invoke(app, ["add", "1", words, "--target", words, "--on", "2023-03-01"])
        assert result.exit_code == 0 and "注意" not in result.stderr, result.output
    assert (
        _item(small_plan, "1.4")["target"] == 10 and _item(small_plan, "1.4")["measure"] == "批次"
    )
    assert (_item(small_plan, "1.5")["target"], _item(small_plan, "1.5")["target_text"]) == (
        10,
        "约10批",
    )


def test_an_imported_target_without_a_number_is_said_with_the_figures_it_leaves_uncounted(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "2023表.csv"
    sheet.write_text(
        "序号,工作任务,目标值,完成值\n1,甲,10批次,8\n2,乙,十批次,8\n3,丙,批次,8\n4,丁,约10批,8\n"
        "5,戊,十批次,\n6,己,与经济增长同步,\n",
        encoding="utf-8",
    )
    for lang, said in (
        ("zh", "第 3 行“十批次”（完成值 8）；第 4 行“批次”（完成值 8）；第 6 行“十批次”。"),
        ("en", "row 3 '十批次' (actual 8); row 4 '批次' (actual 8); row 6 '十批次'."),
    ):
        out = tmp_path / f"{lang}.toml"
        result = runner.invoke(app, ["--lang", lang, "import", str(sheet), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert said in result.stderr, result.stderr
        assert "与经济增长同步" not in result.stderr  # (words that state no figure: as before)
    items = {i["id"]: i for i in tomllib.loads(out.read_text(encoding="utf-8"))["item"]}
    assert (items["1"]["target"], items["4"]["target"]) == (10, 10)
    assert items["2"]["target_text"] == "十批次" and "target" not in items["2"]
    assert items["2"]["actual"] == 8  # (kept: the office's figure, said not to count)
