"""Session 23 (H): the county office's view. Hengnan's 督查室 ran `plan county` over a folder of
towns' plans of every shape (the repo's plan, imported 台账, an English one, one past its end,
one broken, one of another year, two of one name, one under a folder with spaces); each test
shows what it met, through the command it ran: what was printed, the exit code and what is on
disk."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan

BROKEN = '[plan]\ntitle = "丙镇2023年工作计划"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "修路\n'


def _towns(folder: Path) -> Path:
    """Two towns' plans and a third whose file does not read (a quote left open)."""
    folder.mkdir()
    write_plan(folder / "甲镇.toml", SMALL_ITEMS, organisation="甲镇人民政府")
    (folder / "乙 镇").mkdir()
    write_plan(folder / "乙 镇" / "plan.toml", SMALL_ITEMS, organisation="乙镇人民政府")
    (folder / "丙镇.toml").write_text(BROKEN, encoding="utf-8")
    return folder


def test_a_notice_written_to_a_file_names_on_stderr_the_plan_left_out_and_why(
    tmp_path: Path,
) -> None:
    """`plan county 各镇 --out 6月通报.docx` with one town's file broken printed 已写入
    6月通报.docx（2 个计划）。 and exited 1 with nothing said of why: the office (or its script)
    saw a success and a failure at once, the broken town named only inside the document. The
    file left out, and why, is now said on stderr, as the table in the terminal says it."""
    folder = _towns(tmp_path / "各镇")
    runner = CliRunner()
    for name in ("6月通报.docx", "6月通报.xlsx", "6月通报.md"):
        out = tmp_path / name
        result = runner.invoke(
            app, ["county", str(folder), "--as-of", "2023-06-30", "--out", str(out)]
        )
        assert result.exit_code == 1, result.output
        assert out.exists()
        assert f"已写入 {out}（2 个计划）。" in result.stdout
        assert "丙镇.toml" not in result.stdout
        assert "1 个文件有问题，未计入" in result.stderr, result.stderr
        assert "丙镇.toml 第 7 行第 12 列（事项 1）不是有效的 TOML" in result.stderr
    english = runner.invoke(
        app,
        ["--lang", "en", "county", str(folder), "--as-of", "2023-06-30", "--out", "n.docx"],
    )
    assert english.exit_code == 1, english.output
    assert "1 file could not be read and was left out" in english.stderr, english.stderr
    assert "丙镇.toml is not valid TOML at line 7" in english.stderr


def test_a_notice_printed_as_markdown_names_the_plan_left_out_on_stderr_too(
    tmp_path: Path,
) -> None:
    """`plan county 各镇 --format md > 通报.md` (the way the user guide's encoding note shows):
    the terminal showed nothing at all, and the exit code was 1."""
    folder = _towns(tmp_path / "各镇")
    result = CliRunner().invoke(app, ["county", str(folder), "--format", "md"])
    assert result.exit_code == 1, result.output
    assert "## 五、未计入的文件" in result.stdout
    assert "丙镇.toml 第 7 行第 12 列" in result.stderr, result.stderr


def test_a_table_or_json_with_every_plan_read_says_nothing_on_stderr(tmp_path: Path) -> None:
    folder = _towns(tmp_path / "各镇")
    (folder / "丙镇.toml").unlink()
    runner = CliRunner()
    for args in (["--out", str(tmp_path / "n.docx")], ["--json"], []):
        result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", *args])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
