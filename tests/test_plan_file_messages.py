"""What plan says of a plan file that is not what it expects, as an office produces them: git's
conflict markers, a plan saved as GBK, UTF-16 or Windows-1252, an empty or cut-off file, Word's
curly quotes, a table pasted from Excel, a Word document renamed. One paragraph each: what is
wrong, where (line, column, item) and how to fix it; exit 1, never a traceback, nothing written."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_git_merge import DRIVER, git, git_env  # noqa: F401 - git_env is a fixture

runner = CliRunner()

PLAN = (
    '[plan]\ntitle = "测试镇2023年工作计划"\nyear = 2023\n\n'
    '[[item]]\nid = "1"\ntitle = "招商引资"\nowner = "张三"\n'
)


def refused(*args: str) -> tuple[str, str]:
    """(what plan check says, what plan status says) in that language, both refusing."""
    checked = runner.invoke(app, [*args, "check"])
    status = runner.invoke(app, [*args, "status"])
    for result in (checked, status):
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
    return checked.output, status.stderr


def one_paragraph(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- git's conflict markers

CONFLICTED = (
    '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1.2"\ntitle = "a"\n'
    "<<<<<<< HEAD\nprogress = 60\n=======\nprogress = 70\n>>>>>>> office-b\n"
)


def test_git_conflict_markers_are_named_with_their_line_item_and_the_way_out(plan_file):
    plan_file.write_text(CONFLICTED, encoding="utf-8")
    before = plan_file.read_bytes()
    for lang in ("zh", "en"):
        checked, status = refused("--lang", lang)
        assert "Invalid statement" not in checked + status
        said = one_paragraph(checked)
        assert one_paragraph(status).endswith(said.removeprefix("错误：").removeprefix("Error: "))
        if lang == "zh":
            assert "第 8 行" in said and "事项 1.2" in said
            assert "git 把它当作普通文本合并" in said
            assert "plan git-setup" in said and "git checkout --merge" in said
            assert "git merge --abort" in said
        else:
            assert "line 8" in said and "item 1.2" in said
            assert "merged it as plain text" in said
            assert "plan git-setup" in said and "git checkout --merge" in said
    assert plan_file.read_bytes() == before


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")
@pytest.mark.usefixtures("git_env")
def test_a_renamed_plan_merged_as_text_is_set_up_by_git_setup_and_remerged_by_checkout_merge(
    tmp_path, monkeypatch
):
    """The plan was renamed in one clone and changed in the other, in a repository whose
    .gitattributes an older plan git-setup wrote with the old name only, so git merged it as
    text. plan git-setup (run where the plan is not in use) covers the conflicted plan too,
    and git checkout --merge then merges it item by item."""
    repo = tmp_path / "town"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    write_plan(repo / "plan.toml", SMALL_ITEMS)
    monkeypatch.chdir(repo)
    monkeypatch.delenv("PLAN_FILE")
    assert runner.invoke(app, ["git-setup", "--command", DRIVER]).exit_code == 0
    (repo / ".gitattributes").write_text("plan.toml merge=quanhu-plan\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "plan")
    git(repo, "checkout", "-qb", "office-b")
    git(repo, "mv", "plan.toml", "泉湖镇.toml")
    git(repo, "commit", "-qm", "renamed")
    assert runner.invoke(app, ["-f", "泉湖镇.toml", "progress", "1.3", "70"]).exit_code == 0
    git(repo, "commit", "-qam", "70")
    git(repo, "checkout", "-q", "main")
    assert runner.invoke(app, ["-f", "plan.toml", "progress", "1.3", "60"]).exit_code == 0
    git(repo, "commit", "-qam", "60")
    merged = subprocess.run(["git", "merge", "office-b"], cwd=repo, capture_output=True)
    assert merged.returncode == 1, merged  # merged as text: markers
    renamed = repo / "泉湖镇.toml"
    assert "<<<<<<<" in renamed.read_text(encoding="utf-8"), merged
    said = runner.invoke(app, ["-f", "泉湖镇.toml", "check"]).output
    assert "plan -f 泉湖镇.toml git-setup" in said  # (the file named: test_advice_file.py)

    setup = runner.invoke(app, ["git-setup", "--command", DRIVER])
    assert setup.exit_code == 0, setup.output
    assert "*.toml merge=quanhu-plan" in (repo / ".gitattributes").read_text("utf-8")
    git(repo, "checkout", "--merge", "--", "泉湖镇.toml")
    checked = runner.invoke(app, ["-f", "泉湖镇.toml", "check"])
    assert checked.exit_code == 1, checked.output  # a conflict the plan records, not markers
    assert "合并冲突未解决" in checked.output and "<<<<<<<" not in renamed.read_text("utf-8")


# ---------------------------------------------------------------- encodings


def test_a_plan_saved_as_gbk_says_so_once_with_the_line_and_how_to_save_it_as_utf8(plan_file):
    plan_file.write_bytes(PLAN.encode("gb18030"))
    checked, status = refused()
    said = one_paragraph(status)
    assert said.count("不是 UTF-8") == 1
    assert "第 2 行第 10 列" in said and "个字节处" not in said
    assert "GBK" in said and "记事本" in said and "另存为" in said and "编码" in said
    assert "WPS" in said and "VS Code" in said
    english = runner.invoke(app, ["--lang", "en", "status"]).stderr
    assert "line 2, column 10" in english and "GBK" in english
    assert "Notepad" in english and "Save As" in english
    assert one_paragraph(english).count("not UTF-8") == 1


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16"),  # Notepad's "Unicode", with its BOM
        ("utf-16-le", "UTF-16"),  # no BOM
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
    ],
)
def test_a_plan_saved_as_utf16_or_utf32_is_named_as_such_not_as_gbk(plan_file, encoding, name):
    plan_file.write_bytes(PLAN.encode(encoding))
    checked, status = refused()
    said = one_paragraph(status)
    assert name in said and "GBK" not in said and "字节处" not in said
    assert "记事本" in said and "UTF-8" in said


def test_a_utf16_plan_of_ascii_only_is_named_as_utf16_not_as_bad_toml(plan_file):
    plan_file.write_bytes('[plan]\ntitle = "t"\n'.encode("utf-16-le"))
    checked, status = refused()
    assert "UTF-16" in status and "TOML" not in status


def test_windows_1252_smart_quotes_are_not_taken_for_gbk(plan_file):
    plan_file.write_bytes(
        b'[plan]\ntitle = "t"\nyear = 2023\n[[item]]\nid = "1"\ntitle = \x93smart\x94\n'
    )
    checked, status = refused()
    said = one_paragraph(status)
    assert "Windows-1252" in said and "第 6 行第 9 列" in said
    assert "GBK" not in said


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"PK\x03\x04" + b"\x00" * 40 + b"word/document.xml", "Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "Office"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ],
    ids=["docx", "doc", "pdf"],
)
def test_a_document_renamed_plan_toml_is_named_as_a_document(plan_file, data, what):
    plan_file.write_bytes(data)
    checked, status = refused()
    said = one_paragraph(status)
    assert what in said and "UTF-8" not in said and "GBK" not in said
    assert "plan import" in said or what == "PDF"


def test_a_real_docx_renamed_plan_toml_is_named_as_a_word_document(plan_file):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as document:
        document.writestr("[Content_Types].xml", "<Types/>")
        document.writestr("word/document.xml", "<w:document/>")
    plan_file.write_bytes(buffer.getvalue())
    checked, status = refused()
    assert "Word" in status and "不是文本" in status


# ---------------------------------------------------------------- empty, cut off, pasted


@pytest.mark.parametrize(
    "data", [b"", b"\xef\xbb\xbf", b"\r\n\n  \n"], ids=["empty", "bom", "blank"]
)
def test_an_empty_plan_file_is_called_empty_with_how_to_get_it_back(plan_file, data):
    plan_file.write_bytes(data)
    checked, status = refused()
    for said in (checked, status):
        assert "是空的" in said and "git" in said and "[plan]" not in said
    english = runner.invoke(app, ["--lang", "en", "check"]).output
    assert "is empty" in english


def test_an_empty_toml_in_a_county_folder_is_passed_over_and_one_named_is_called_empty(
    tmp_path,
):
    folder = tmp_path / "towns"
    folder.mkdir()
    write_plan(folder / "泉湖镇.toml", SMALL_ITEMS)
    (folder / "new.toml").write_bytes(b"")
    passed = runner.invoke(app, ["county", str(folder)])
    assert passed.exit_code == 0, passed.output
    named = runner.invoke(app, ["county", str(folder / "泉湖镇.toml"), str(folder / "new.toml")])
    assert "是空的" in one_paragraph(named.output)


def test_a_file_cut_off_mid_line_says_so_without_a_missing_column(plan_file):
    plan_file.write_text(PLAN[:-12], encoding="utf-8")
    checked, status = refused()
    for said in (checked, status):
        assert "None" not in said
        assert "第 8 行" in said and "中途结束" in said
    english = runner.invoke(app, ["--lang", "en", "check"]).output
    assert "None" not in english and "ends in the middle of line 8" in one_paragraph(english)


def test_a_huge_single_line_cut_off_names_its_line_without_a_missing_column(plan_file):
    plan_file.write_text('[plan]\ntitle = "' + "很长" * 500_000, encoding="utf-8")
    checked, status = refused()
    assert "None" not in checked + status and "第 2 行" in checked


def test_curly_quotes_from_word_are_named_with_the_straight_quotes_to_use(plan_file):
    plan_file.write_text(PLAN.replace('"张三"', "“张三”"), encoding="utf-8")
    checked, status = refused()
    said = one_paragraph(status)
    assert "第 8 行" in said and "弯引号" in said and '"' in said
    english = one_paragraph(runner.invoke(app, ["--lang", "en", "status"]).stderr)
    assert "curly quotes" in english


def test_a_table_pasted_from_a_spreadsheet_points_to_plan_import(plan_file):
    plan_file.write_text("事项\t责任人\t进度\n招商引资\t张三\t50\n", encoding="utf-8")
    checked, status = refused()
    said = one_paragraph(status)
    assert "第 1 行" in said and "plan import" in said and "表格" in said


def test_a_syntax_error_in_chinese_says_what_is_wrong_in_chinese(plan_file):
    plan_file.write_text(PLAN + "这一行不对\n", encoding="utf-8")
    checked, status = refused()
    assert "Invalid statement" not in checked and "第 9 行第 1 列" in checked


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_a_big_endian_utf16_plan_is_named_big_endian_not_little(plan_file, bom):
    """Notepad's "Unicode big endian": reopened as UTF-16 LE, as the advice for Notepad's
    "Unicode" says, every character would be garbled."""
    plan_file.write_bytes((b"\xfe\xff" if bom else b"") + PLAN.encode("utf-16-be"))
    checked, status = refused()
    said = one_paragraph(status)
    assert "UTF-16 BE" in said and "UTF-16 LE" not in said, said
    english = one_paragraph(runner.invoke(app, ["--lang", "en", "status"]).stderr)
    assert "UTF-16 BE" in english and "UTF-16 LE" not in english, english
