"""The office PC of session 22: Chinese Windows, emulated. Output redirected with the ANSI code
page (``plan report --format md > 总结.md`` writes GBK there), JSON piped on, the tool's own
signs GBK lacks, a ``PAGER`` that is not installed. What GBK cannot hold is said once, the JSON
reads back every character, and no view is lost to a missing pager."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import REPO, SMALL_ITEMS, terminal_input, write_plan

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty (POSIX)")


def run_plan(
    *args: str, env: dict[str, str], input: bytes | None = None, typed: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m quanhu_plan`` in a real process: the output's encoding is the process's.
    ``typed``: its standard input a terminal, where these bytes were typed."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **env}
    if typed is not None:
        with terminal_input(typed) as stdin:
            return subprocess.run(
                [sys.executable, "-m", "quanhu_plan", *args],
                env=full_env,
                stdin=stdin,
                capture_output=True,
                timeout=60,
            )
    return subprocess.run(
        [sys.executable, "-m", "quanhu_plan", *args],
        env=full_env,
        input=input,
        capture_output=True,
        timeout=60,
    )


EMOJI_TITLE = "修塘😀𠀀验收"  # an emoji and a rare character (CJK Extension B): GBK has neither


@pytest.fixture
def emoji_plan(plan_file: Path) -> Path:
    items = [dict(item) for item in SMALL_ITEMS]
    items[1]["title"] = EMOJI_TITLE
    return write_plan(plan_file, items)


def gbk(plan_file: Path) -> dict[str, str]:
    return {"PYTHONIOENCODING": "gbk", "PLAN_FILE": str(plan_file), "COLUMNS": "100"}


# ---------------------------------------------------------------- JSON to a GBK redirect


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--format", "json", "--as-of", "2023-06-30"),
        ("list", "--json"),
        ("show", "1.1", "--json"),
    ],
)
def test_json_redirected_in_gbk_reads_back_every_character(emoji_plan, args):
    # `plan report --format json > 总结.json` on Chinese Windows: the emoji was written as "??",
    # and the JSON, which a program reads, held a title that is not the plan's
    result = run_plan(*args, env=gbk(emoji_plan))
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    text = result.stdout.decode("gbk")  # every byte GBK, no "?" in place of a character
    assert EMOJI_TITLE in json.dumps(json.loads(text), ensure_ascii=False)
    assert "\\ud83d\\ude00" in text  # the emoji as JSON's escape, a surrogate pair
    assert "修塘" in text  # what GBK holds is written as it is
    assert result.stderr == b""  # nothing was replaced: nothing to say


# ---------------------------------------------------------------- text to a GBK redirect


def test_a_report_redirected_in_gbk_says_what_it_could_not_write_and_how_to_keep_it(
    emoji_plan,
):
    result = run_plan("report", "--format", "md", "--as-of", "2023-06-30", env=gbk(emoji_plan))
    assert result.returncode == 0
    shown = result.stdout.decode("gbk")
    assert "修塘????验收" in shown  # (the emoji and the rare character two columns each)
    said = result.stderr.decode("gbk")
    assert said.count("\n") == 1, said  # one line, once, however many times the title appears
    assert "gbk" in said and "?" in said and "PYTHONIOENCODING=utf-8" in said, said
    assert "--out" in said, said
    # the report written with --out holds every character
    out = emoji_plan.parent / "总结.md"
    written = run_plan("report", "--as-of", "2023-06-30", "--out", str(out), env=gbk(emoji_plan))
    assert written.returncode == 0, written.stderr.decode("gbk", "replace")
    assert EMOJI_TITLE in out.read_text(encoding="utf-8")
    assert written.stderr == b""


def test_output_gbk_holds_whole_says_nothing(plan_file):
    write_plan(plan_file, SMALL_ITEMS)
    for args in (["status"], ["list"], ["report", "--as-of", "2023-06-30"]):
        result = run_plan(*args, env=gbk(plan_file))
        assert result.returncode == 0 and result.stderr == b"", (args, result.stderr)


def test_a_non_breaking_space_in_a_title_is_a_space_in_gbk_not_a_question_mark(plan_file):
    # a title pasted from a web page or Word holds U+00A0, which GBK lacks
    items = [dict(item) for item in SMALL_ITEMS]
    items[1]["title"] = "修塘\u00a0二期"
    write_plan(plan_file, items)
    result = run_plan("list", "--flat", env=gbk(plan_file))
    assert result.returncode == 0
    assert "修塘 二期" in result.stdout.decode("gbk")
    assert result.stderr == b""


def test_report_numbers_past_ten_stay_numbers_in_gbk(plan_file):
    # ① to ⑩ are GBK's; ⑪ on are not: the eleventh task of a list was numbered "?"
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "水利"},
        {"id": "1.1.1", "title": "山塘"},
    ] + [
        {
            "id": f"1.1.1.{n}",
            "title": f"修第{n}口塘",
            "status": "done",
            "done_on": dt.date(2023, 3, n),
        }
        for n in range(1, 13)
    ]
    write_plan(plan_file, items)
    utf8 = run_plan("report", "--format", "md", "--as-of", "2023-12-31", env={})
    assert "⑪修第11口塘" in utf8.stdout.decode("utf-8")  # (as written where it can be)
    result = run_plan("report", "--format", "md", "--as-of", "2023-12-31", env=gbk(plan_file))
    assert result.returncode == 0
    shown = result.stdout.decode("gbk")
    assert "⑩修第10口塘" in shown and "11)修第11口塘" in shown and "12)修第12口塘" in shown
    assert "?" not in shown
    assert result.stderr == b""  # nothing of the plan's was lost


def test_the_county_scoring_rule_keeps_its_minus_sign_in_gbk(plan_file):
    write_plan(plan_file, SMALL_ITEMS)
    (plan_file.parent / "county.toml").write_text(
        "[county]\n[county.weights]\ncompletion = 1\non_pace = 0.5\noverdue = 2\n",
        encoding="utf-8",
    )
    env = {**gbk(plan_file), "COLUMNS": "200"}
    for args in (["county", str(plan_file.parent)], ["county", ".", "--format", "md"]):
        result = run_plan(*args, env=env)
        assert result.returncode == 0, result.stderr.decode("gbk", "replace")
        shown = result.stdout.decode("gbk")
        assert "序时达标率×0.5 - 逾期任务数×2" in shown, shown
        assert "?" not in shown


# ---------------------------------------------------------------- a pager that is not there


@posix_only
def test_a_pager_that_is_not_installed_leaves_the_view_on_the_terminal_and_says_so(
    small_plan, monkeypatch
):
    # PAGER=more set on one PC and copied to another, or a pager uninstalled: the shell said
    # "not found" and the whole view was lost, with exit 0
    from .test_hostile_text import run_on_a_terminal

    monkeypatch.setenv("PLAN_FILE", str(small_plan))
    monkeypatch.setenv("PAGER", "no-such-pager-s22 -R")
    code, shown = run_on_a_terminal(["list", "--pager"])
    assert code == 0, shown
    assert "修机耕道" in shown  # the view, on the terminal
    assert "no-such-pager-s22" in shown and "PAGER" in shown  # and why it was not paged
    assert "not found" not in shown.split("no-such-pager-s22")[0]  # (not the shell's words)


# ---------------------------------------------------------------- answers typed in another encoding


@pytest.mark.parametrize(
    ("typed", "encoding"),
    [
        ("是\n".encode(), "gbk"),  # PowerShell 7 pipes UTF-8, Python reads the ANSI code page
        ("是\r\n".encode("gbk"), "utf-8"),  # cmd pipes GBK into a UTF-8 Python (PYTHONUTF8=1)
        (b"\xef\xbb\xbfy\r\n", "gbk"),  # PowerShell 5 with $OutputEncoding UTF-8: a BOM first
        ("是\n".encode("gbk"), "gbk"),  # (as it always was)
    ],
)
@posix_only
def test_a_yes_typed_in_another_encoding_is_a_yes(small_plan, typed, encoding):
    env = {"PYTHONIOENCODING": encoding, "PLAN_FILE": str(small_plan)}
    result = run_plan("rm", "2.3", env=env, typed=typed)
    said = result.stdout.decode(encoding, "replace") + result.stderr.decode(encoding, "replace")
    assert result.returncode == 0, said
    assert "Traceback" not in said
    assert "已删除 2.3 禁毒讲座" in said, said
    items = tomllib.loads(small_plan.read_text(encoding="utf-8"))["item"]
    assert "2.3" not in [item["id"] for item in items]


@posix_only
def test_an_answer_in_no_encoding_is_asked_again_not_a_traceback(small_plan):
    before = small_plan.read_bytes()
    env = {"PYTHONIOENCODING": "gbk", "PLAN_FILE": str(small_plan)}
    result = run_plan("rm", "2.3", env=env, typed=b"\xff\xfe\n\x04")  # then Ctrl-D
    said = result.stdout.decode("gbk", "replace") + result.stderr.decode("gbk", "replace")
    assert result.returncode == 1, said
    assert "Traceback" not in said
    assert "请回答“是”或“否”" in said and "未删除" in said, said
    assert small_plan.read_bytes() == before


# ---------------------------------------------------------------- the console of Chinese Windows


def conhost_columns(line: str) -> int:
    """The columns a line takes in the console window of Chinese Windows (code page 936, its
    font 新宋体): one for each byte GBK writes it in."""
    return len(line.encode("gbk", "replace"))


@pytest.mark.parametrize(
    ("platform", "environ", "is_terminal", "code_page", "wide"),
    [
        ("win32", {}, True, 936, True),  # cmd or PowerShell in conhost on Chinese Windows
        ("win32", {}, True, 950, True),  # traditional Chinese (Big5)
        ("win32", {"WT_SESSION": "x"}, True, 936, False),  # Windows Terminal
        ("win32", {"TERM_PROGRAM": "vscode"}, True, 936, False),  # VS Code's terminal
        ("win32", {}, True, 65001, False),  # chcp 65001
        ("win32", {}, True, 437, False),  # English Windows
        ("win32", {}, False, 936, False),  # a redirect or a pipe
        ("linux", {}, True, None, False),
    ],
)
def test_which_consoles_draw_the_signs_wide(platform, environ, is_terminal, code_page, wide):
    from quanhu_plan.terminal.cjk_console import wide_signs_console

    assert wide_signs_console(platform, environ, is_terminal, code_page) is wide


@pytest.mark.parametrize("args", [["status"], ["list", "--flat"]])
def test_on_a_chinese_windows_console_the_views_keep_their_columns(town_plan, args):
    # conhost draws ─ │ · “ ” two columns wide: status's rule of 79 ─ took two lines of an
    # 80-column window, and each title with “” pushed its row's figures two columns right
    from typer.testing import CliRunner

    from quanhu_plan.cli import app
    from quanhu_plan.terminal.cjk_console import NARROW

    result = CliRunner().invoke(app, [*args, "--as-of", "2023-06-30"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output

    def widest_and_ends(text: str) -> tuple[int, set[int]]:
        lines = text.splitlines()
        ends = {conhost_columns(line[: line.index("%")]) for line in lines if "%" in line}
        return max(conhost_columns(line) for line in lines), ends

    widest, ends = widest_and_ends(result.output)
    assert widest > 80 and (len(ends) > 1 or args == ["status"])  # as the console drew it
    widest, ends = widest_and_ends(result.output.translate(NARROW))  # as it is written there
    assert widest <= 80 and len(ends) == 1, result.output.translate(NARROW)


def test_the_program_narrows_stdout_on_a_chinese_windows_console_alone(monkeypatch):
    import io

    from quanhu_plan import output_streams
    from quanhu_plan.terminal import cjk_console

    class Console(io.StringIO):
        def isatty(self) -> bool:
            return True

    for platform, code_page, narrowed in (("win32", 936, True), ("win32", 437, False)):
        screen = Console()
        with monkeypatch.context() as patched:
            patched.setattr(sys, "stdout", screen)
            patched.setattr(sys, "platform", platform)
            patched.setattr(cjk_console, "_console_code_page", lambda page=code_page: page)
            patched.delenv("WT_SESSION", raising=False)
            patched.delenv("TERM_PROGRAM", raising=False)
            output_streams.never_fail_to_print()
            print("泉湖镇 · 截至 2023-06-30\n───\n│   └── [ ] 1.1 发展“四香”  ██░░ 未开始 → 进行中")
        written = screen.getvalue()
        if narrowed:
            assert written == (
                '泉湖镇 - 截至 2023-06-30\n---\n|   `-- [ ] 1.1 发展"四香"  ##-- 未开始 > 进行中\n'
            )
        else:
            assert "───" in written and "“四香”" in written


@posix_only
@pytest.mark.parametrize(("given", "seen"), [(None, "FRX"), ("-S", "-S")])
def test_the_pager_is_told_to_show_the_colours_not_their_codes(
    small_plan, tmp_path, monkeypatch, given, seen
):
    # less without -R showed every style as "ESC[1m" in reverse video: LESS is set as git sets
    # it (FRX: colours, one screen quits, the screen kept) where the user has not set it
    from .test_hostile_text import run_on_a_terminal

    told = tmp_path / "less.txt"
    monkeypatch.setenv("PLAN_FILE", str(small_plan))
    monkeypatch.setenv("PAGER", f"sh -c 'echo \"$LESS\" > {told}; cat > /dev/null'")
    if given is None:
        monkeypatch.delenv("LESS", raising=False)
    else:
        monkeypatch.setenv("LESS", given)
    code, shown = run_on_a_terminal(["list", "--pager"])
    assert code == 0, shown
    assert told.read_text().strip() == seen


def test_on_windows_the_pager_is_given_text_without_escape_codes(monkeypatch):
    # pydoc pages through `more` there, which shows an escape code as ←[1m
    from quanhu_plan.terminal.console import pager_styles

    monkeypatch.setattr(sys, "platform", "win32")
    assert pager_styles() is False
    monkeypatch.setattr(sys, "platform", "linux")
    assert pager_styles() is True


def test_the_pager_on_a_chinese_windows_console_gets_the_narrow_signs(monkeypatch):
    # pydoc pages through `more` from a file there: the view did not pass through stdout
    import io
    import pydoc

    from rich.text import Text

    from quanhu_plan.terminal import console
    from quanhu_plan.terminal.cjk_console import NarrowSigns

    class Screen(io.StringIO):
        def isatty(self) -> bool:
            return True

    paged: list[str] = []
    monkeypatch.setattr(sys, "stdout", NarrowSigns(Screen()))
    monkeypatch.setattr(pydoc, "pager", paged.append)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.delenv("MANPAGER", raising=False)
    console.draw(Text("1.1 发展“四香”产业 · 0% ░░"), pager=True)
    assert paged and '1.1 发展"四香"产业 - 0% --' in paged[0], paged


# ---------------------------------------------------------------- a CSV saved by Excel as GBK

CSV_ROWS = "序号,工作任务,责任人,完成时限\r\n1,基础设施,,\r\n1.1,{title},王五,2023-06-30\r\n"


def test_a_gbk_csv_with_the_euro_sign_excel_writes_as_byte_0x80_imports(plan_file):
    # Windows' code page 936 writes € as the single byte 0x80, which Python's GBK and GB18030
    # do not read: "neither UTF-8 nor GBK" for a file Excel had just saved as GBK
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    sheet = plan_file.parent / "任务分解表.csv"
    text = CSV_ROWS.format(title="引进外资500万€项目")
    sheet.write_bytes(text.encode("gbk", "replace").replace(b"?", b"\x80"))
    result = CliRunner().invoke(app, ["import", str(sheet), "--out", str(plan_file)])
    assert result.exit_code == 0, result.output
    assert "引进外资500万€项目" in plan_file.read_text(encoding="utf-8")


def test_a_csv_in_no_encoding_names_the_line_of_the_bad_bytes(plan_file):
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    sheet = plan_file.parent / "任务分解表.csv"
    sheet.write_bytes(
        CSV_ROWS.format(title="修塘").encode("gbk").replace("修".encode("gbk"), b"\xff\xff")
    )
    result = CliRunner().invoke(app, ["import", str(sheet), "--out", str(plan_file)])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert "第 3 行" in said and "CSV UTF-8" in said, said
    assert not plan_file.exists()


# ---------------------------------------------------------------- a plan marked 只读


def test_a_plan_marked_read_only_on_windows_says_to_clear_the_attribute_not_chmod(
    small_plan, monkeypatch
):
    # Windows has no chmod nor groups: the message named "权限 0444、所有者 0、用户组 0" and
    # told the clerk to run chmod u+w
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    before = small_plan.read_bytes()
    small_plan.chmod(0o444)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr(os, "geteuid", raising=False)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode, **kw: mode != os.W_OK and real_access(path, mode)
    )
    for lang, words in (
        ("zh", ("只读", "属性", "attrib -r")),
        ("en", ("read-only", "Properties", "attrib -r")),
    ):
        result = CliRunner().invoke(app, ["--lang", lang, "done", "1.3"])
        said = " ".join(result.output.split())
        assert result.exit_code == 1, said
        assert all(word in said for word in words), said
        assert "chmod" not in said and "0444" not in said, said
    assert small_plan.read_bytes() == before


def test_a_county_toml_saved_as_gbk_is_not_called_a_plan_file(plan_file):
    # Notepad's "ANSI" on Chinese Windows: the county's settings, not a plan, are in GBK
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    write_plan(plan_file, SMALL_ITEMS)
    settings = plan_file.parent / "county.toml"
    settings.write_bytes('[county]\r\nname = "衡南县农业农村局"\r\n'.encode("gbk"))
    result = CliRunner().invoke(app, ["county", str(plan_file.parent)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1, said
    assert "county.toml" in said and "GBK" in said and "UTF-8" in said, said
    assert "计划文件" not in said, said
