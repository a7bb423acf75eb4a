"""The plan file travels (session 23, G): mailed to the 分管领导 and back, renamed by the mail
program (plan (1).toml) or given the town's name (泉湖镇2023年工作计划.toml), kept in a folder
with a space in a git repository two offices pull from. What the tool says names the file that
is meant, so the command it advises works where it is typed."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import parse_toml

from .conftest import SMALL_ITEMS, write_plan
from .test_git_merge import DRIVER, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()

TOWN_NAME = "泉湖镇2023年工作计划.toml"


def plan(plan_file: Path, *args: str, code: int | None = 0):
    result = runner.invoke(app, ["-f", str(plan_file), *args])
    if code is not None:
        assert result.exit_code == code, (args, result.output)
    return result


def one_line(text: str) -> str:
    return " ".join(text.split())


def open_conflicts(plan_file: Path) -> list:
    doc = parse_toml(plan_file.read_text(encoding="utf-8"), "plan")
    return [t["id"] for t in doc["item"] if t.get("conflict")]


def advised(said: str, command: str) -> list[str]:
    """The words of the command ``said`` advises that starts ``plan … command``, up to its
    alternatives (``--ours|--theirs|值``), as the shell would split them."""
    start = said.index("plan ", said.index("解决："))
    words = shlex.split(said[start:].split("\n")[0].split(" --ours|")[0])
    assert command in words, words
    return words[1:]


# ---------------------------------------------------------------- the merge's advice


def two_offices(tmp_path: Path, folder: str, name: str) -> tuple[Path, Path]:
    """A county repository with a town's plan ``folder/name``, and two offices' clones of it,
    both set up; the paths of the plan in each clone."""
    bare = tmp_path / "county.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(tmp_path, "clone", "-q", str(bare), "office-a")
    ours = tmp_path / "office-a" / folder / name
    ours.parent.mkdir(parents=True)
    write_plan(ours, SMALL_ITEMS)
    for office in ("office-a", "office-b"):
        if office == "office-b":
            git(tmp_path, "clone", "-q", str(bare), office)
        plan_file = tmp_path / office / folder / name
        plan(plan_file, "git-setup", "--command", DRIVER)
        git(tmp_path / office, "config", "pull.rebase", "false")
        if office == "office-a":
            git(tmp_path / office, "add", "-A")
            git(tmp_path / office, "commit", "-q", "-m", "the town's plan")
            git(tmp_path / office, "push", "-q", "origin", "main")
    return ours, tmp_path / "office-b" / folder / name


def test_a_conflict_in_a_plan_named_for_the_town_is_settled_by_the_command_the_pull_advised(
    tmp_path,
    git_env,  # noqa: F811
    monkeypatch,
):
    """The merge driver advised plan resolve 1.3 progress without the file: in a clone whose
    plan is 泉湖镇2023年工作计划.toml no plan.toml is found, so the advice read the embedded
    plan and was refused as read-only."""
    monkeypatch.delenv("PLAN_FILE")
    a, b = two_offices(tmp_path, "泉湖 镇", TOWN_NAME)
    plan(a, "progress", "1.3", "60", "--by", "甲")
    git(a.parent, "commit", "-qam", "60")
    git(a.parent, "push", "-q")
    plan(b, "progress", "1.3", "70", "--by", "乙")
    git(b.parent, "commit", "-qam", "70")
    pulled = git(b.parent, "pull", "-q", "--no-edit")
    assert open_conflicts(b) == ["1.3"]
    words = advised(pulled.stderr, "resolve")
    monkeypatch.chdir(b.parent)  # where the clerk pulled
    settled = runner.invoke(app, [*words, "--ours"])
    assert settled.exit_code == 0, (words, settled.output)
    assert open_conflicts(b) == []
    # every command the pull advised names the file (plan check, plan resolve)
    assert set(re.findall(r"\bplan (\S+)", pulled.stderr)) == {"merge：已合并", "-f"}, pulled.stderr


def test_a_plan_merged_by_hand_from_a_mailed_copy_advises_resolve_on_that_file(
    tmp_path, monkeypatch
):
    """Two copies of a plan mailed back and forth, merged with plan merge by hand: the
    conflict's advice named no file, so plan resolve read another plan."""
    monkeypatch.delenv("PLAN_FILE")
    base = write_plan(tmp_path / "发出的.toml", SMALL_ITEMS)
    ours = tmp_path / "plan (1).toml"
    ours.write_bytes(base.read_bytes())
    theirs = tmp_path / "领导改过的.toml"
    theirs.write_bytes(base.read_bytes())
    plan(ours, "progress", "1.3", "60", "--by", "甲")
    plan(theirs, "progress", "1.3", "70", "--by", "乙")
    merged = runner.invoke(app, ["merge", base.name, ours.name, theirs.name])
    assert merged.exit_code == 0, merged.output
    words = advised(merged.output, "resolve")
    assert words[:2] == ["-f", "plan (1).toml"], words
    settled = runner.invoke(app, [*words, "--theirs"])
    assert settled.exit_code == 0, (words, settled.output)
    assert open_conflicts(ours) == []
    assert not (tmp_path / "plan.toml").exists()


# ---------------------------------------------------------------- git-setup's words


def test_git_setup_says_the_driver_as_it_set_it_without_the_plan_it_was_run_on(
    tmp_path,
    git_env,  # noqa: F811
):
    """Run on 泉湖镇2023年工作计划.toml, git-setup said it set the driver to "plan -f
    泉湖镇2023年工作计划.toml merge %O %A %B %P" (the file put into the advice of every
    command), while git's config holds "plan merge %O %A %B %P", which merges every plan."""
    git(tmp_path, "init", "-q")
    plan_file = write_plan(tmp_path / TOWN_NAME, SMALL_ITEMS)
    said = plan(plan_file, "git-setup").output
    set_to = git(tmp_path, "config", "--get", "merge.quanhu-plan.driver").stdout.strip()
    assert set_to == "plan merge %O %A %B %P"
    assert f"merge.quanhu-plan.driver = {set_to}。" in said, said
    # the command to run in every clone still names the plan
    assert f"plan -f {plan_file} git-setup" in said, said


# ---------------------------------------------------------------- a plan saved under another name


def test_a_change_where_the_only_plan_is_a_mailed_copy_names_it_not_plan_init(
    plan_file, monkeypatch
):
    """The attachment saved as plan (1).toml, no plan.toml: plan done read the embedded plan
    and said to run plan init, which makes a new copy of the embedded plan beside the town's
    own; the clerk's ticks then went into it, the mailed plan left behind."""
    monkeypatch.delenv("PLAN_FILE")
    mailed = write_plan(plan_file.parent / "plan (1).toml", SMALL_ITEMS)
    before = mailed.read_bytes()
    for lang, words in (
        (
            "zh",
            ("plan (1).toml", 'plan -f "plan (1).toml" ', "改名为 plan.toml", "不要运行 plan init"),
        ),
        (
            "en",
            (
                "plan (1).toml",
                'plan -f "plan (1).toml" ',
                "rename it plan.toml",
                "Do not run plan init",
            ),
        ),
    ):
        refused = runner.invoke(app, ["--lang", lang, "done", "1.3"])
        said = one_line(refused.output)
        assert refused.exit_code == 1, said
        assert all(word in said for word in words), said
    assert mailed.read_bytes() == before
    assert not plan_file.exists()
    # the command as advised changes the mailed plan
    done = runner.invoke(app, ["-f", "plan (1).toml", "done", "1.3"])
    assert done.exit_code == 0, done.output
    assert mailed.read_bytes() != before


def test_a_plan_named_in_capitals_by_a_windows_pc_is_named_too(plan_file, monkeypatch):
    monkeypatch.delenv("PLAN_FILE")
    write_plan(plan_file.parent / "PLAN.TOML", SMALL_ITEMS)
    refused = runner.invoke(app, ["done", "1.3"])
    assert refused.exit_code == 1
    assert "plan -f PLAN.TOML 命令…" in one_line(refused.output), refused.output


def test_a_plan_notepad_saved_as_plan_toml_txt_is_named_with_the_txt_it_added(
    plan_file, monkeypatch
):
    """Notepad's 另存为 with 文本文档(*.txt) saves plan.toml as plan.toml.txt, which Explorer
    shows as plan.toml where extensions are hidden: plan showed the embedded plan, and
    plan -f plan.toml said only that no such file exists."""
    monkeypatch.delenv("PLAN_FILE")
    saved = write_plan(plan_file.parent / "plan.toml.txt", SMALL_ITEMS)
    before = saved.read_bytes()
    refused = runner.invoke(app, ["done", "1.3"])
    said = one_line(refused.output)
    assert refused.exit_code == 1, said
    assert "plan -f plan.toml.txt 命令…" in said and "记事本" in said and ".txt" in said, said
    for args in (["-f", "plan.toml", "status"], ["--lang", "en", "-f", "plan.toml", "status"]):
        missing = runner.invoke(app, args)
        said = one_line(missing.output)
        assert missing.exit_code == 1, said
        assert "plan.toml.txt" in said and ("记事本" in said or "Notepad" in said), said
    assert saved.read_bytes() == before and not plan_file.exists()


def test_a_change_in_a_folder_with_no_plan_at_all_still_says_to_run_plan_init(
    plan_file, monkeypatch
):
    monkeypatch.delenv("PLAN_FILE")
    (plan_file.parent / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    refused = runner.invoke(app, ["done", "1.3"])
    assert refused.exit_code == 1
    said = one_line(refused.output)
    assert "plan init" in said and "pyproject" not in said and "plan -f" not in said, said


def test_a_view_of_the_embedded_plan_beside_a_plan_named_for_the_town_says_which_it_shows(
    plan_file, monkeypatch
):
    """泉湖镇2023年工作计划.toml kept in the folder, no plan.toml: plan status showed the
    embedded plan of 泉湖镇 (the same title, none of the town's ticks) and said nothing, so the
    office read the built-in copy as its own."""
    monkeypatch.delenv("PLAN_FILE")
    town = write_plan(plan_file.parent / TOWN_NAME, SMALL_ITEMS)
    plan(town, "done", "1.3", "--on", "2023-05-01")
    for args in (["status"], ["list"], ["status", "--json"]):
        shown = runner.invoke(app, args)
        assert shown.exit_code == 0, shown.output
        said = one_line(shown.stderr)
        assert "内置的2023年计划" in said and TOWN_NAME in said, (args, said)
        assert f"plan -f {TOWN_NAME} {args[0]}" in said, said
    # nothing is said where the plan in use is the town's
    shown = runner.invoke(app, ["-f", TOWN_NAME, "status"])
    assert shown.exit_code == 0 and shown.stderr == "", shown.stderr


# ---------------------------------------------------------------- lines a mail program wrapped


def wrapped(plan_file: Path, line_start: str, cut_after: str | None) -> tuple[int, int]:
    """Break the first line of ``plan_file`` that starts ``line_start`` after ``cut_after``
    (None: at its last space), as a mail program wraps a long line (at a space, the space
    left at the end): the numbers of the two lines it became."""
    lines = plan_file.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith(line_start))
    if cut_after is None:
        cut = lines[at].rindex(" ") + 1
    else:
        cut = lines[at].index(cut_after) + len(cut_after)
    lines[at : at + 1] = [lines[at][:cut], lines[at][cut:].lstrip(" ")]
    plan_file.write_text("\n".join(lines), encoding="utf-8")
    return at + 1, at + 2


def traced_plan(plan_file: Path) -> Path:
    write_plan(plan_file, SMALL_ITEMS)
    plan(plan_file, "done", "1.3", "--on", "2023-05-01", "--by", "甲")
    return plan_file


def test_a_value_a_mail_program_wrapped_onto_the_next_line_is_said_to_be_joined_not_deleted(
    plan_file,
):
    """title = / "修塘" on two lines (the mail wrapped at the space after =): the error said
    there was no value after title =, to write one or to delete the line, which left the
    text on the line below as a line of its own, a new error."""
    write_plan(plan_file, SMALL_ITEMS)
    first, second = wrapped(plan_file, 'title = "修塘"', "title = ")
    before = plan_file.read_bytes()
    for lang, words in (
        ("zh", (f"第 {first} 行", f"第 {second} 行", "接到", "邮件")),
        ("en", (f"line {first}", f"line {second}", "join", "mail")),
    ):
        result = plan(plan_file, "--lang", lang, "check", code=1)
        said = one_line(result.output)
        assert all(word in said for word in words), said
        assert "删去这一行" not in said and "delete the line" not in said, said
    assert plan_file.read_bytes() == before


def test_a_log_entrys_time_wrapped_at_its_space_is_said_to_be_joined(plan_file):
    """at = 2023-… / 12:18:06… on two lines: the error said the second line's key lacked its
    =, with the common causes (unbalanced quotes, a bad date, a key written twice)."""
    traced_plan(plan_file)
    first, second = wrapped(plan_file, "at = ", None)
    said = one_line(plan(plan_file, "check", code=1).output)
    assert f"第 {first} 行" in said and f"第 {second} 行" in said and "接到" in said, said
    assert "常见原因" not in said, said


def test_a_log_entrys_inline_table_wrapped_inside_is_said_to_be_joined(plan_file):
    traced_plan(plan_file)
    first, second = wrapped(plan_file, "after = {", 'status = "done",')
    said = one_line(plan(plan_file, "status", code=1).output)
    assert f"第 {first} 行" in said and f"第 {second} 行" in said and "接到" in said, said


def test_a_long_text_wrapped_after_its_equals_sign_and_inside_is_said_to_be_joined_first(
    plan_file,
):
    # a mail's text at 40 columns: source = / "…(half)… / …(half)…"
    write_plan(plan_file, SMALL_ITEMS, source="二〇二三年泉湖镇党委政府工作要点及任务分解表 附件一")
    first, second = wrapped(plan_file, "source = ", "source = ")
    wrapped(plan_file, '"二〇二三年', "任务分解表 ")
    said = one_line(plan(plan_file, "check", code=1).output)
    assert f"第 {second} 行接到第 {first} 行的末尾" in said, said


def test_a_value_left_out_with_a_field_below_is_not_taken_for_a_wrapped_line(plan_file):
    write_plan(plan_file, SMALL_ITEMS)
    text = plan_file.read_text(encoding="utf-8").replace('title = "修塘"', "title =", 1)
    plan_file.write_text(text, encoding="utf-8")
    said = one_line(plan(plan_file, "check", code=1).output)
    assert "等号后面没有值" in said and "接到" not in said, said


# ---------------------------------------------------------------- plan merge by hand, on a plan in use


def mailed_copies(folder: Path) -> tuple[Path, Path, Path]:
    """The plan as mailed (base), ours changed since, the copy the 分管领导 mailed back."""
    base = write_plan(folder / "发出的.toml", SMALL_ITEMS)
    ours = folder / "plan.toml"
    ours.write_bytes(base.read_bytes())
    theirs = folder / "领导改过的.toml"
    theirs.write_bytes(base.read_bytes())
    plan(ours, "progress", "1.3", "60", "--by", "甲")
    plan(theirs, "progress", "2.3", "90", "--by", "乙")
    return base, ours, theirs


def test_a_merge_by_hand_into_a_read_only_plan_is_refused_as_every_change_is(plan_file):
    """plan done refuses a plan made read-only (a mail attachment, chmod 444); plan merge by
    hand replaced it all the same, read-only as before."""
    base, ours, theirs = mailed_copies(plan_file.parent)
    ours.chmod(0o444)
    before = ours.read_bytes()
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs)])
    said = one_line(result.output)
    assert result.exit_code == 1, said
    assert "没有写权限" in said and "chmod u+w" in said, said
    assert ours.read_bytes() == before


def test_a_merge_by_hand_waits_for_a_change_being_made_to_the_plan(plan_file, monkeypatch):
    """plan merge by hand took no lock: a plan done made while it merged was written over."""
    from quanhu_plan import store
    from quanhu_plan.store import files

    monkeypatch.setattr(files, "LOCK_TIMEOUT_SECONDS", 0.6)
    base, ours, theirs = mailed_copies(plan_file.parent)
    before = ours.read_bytes()
    with store.locked(ours):
        result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs)])
    said = one_line(result.output)
    assert result.exit_code == 1, said
    assert "无法锁定" in said and "plan.toml.lock" in said, said
    assert ours.read_bytes() == before
    assert not ours.with_name("plan.toml.lock").exists()


def test_a_merge_by_hand_does_not_write_over_what_an_editor_saved_meanwhile(plan_file, monkeypatch):
    """The plan saved in Notepad while plan merge merged it: the merge wrote its result over
    it, and the note typed in Notepad was gone."""
    import quanhu_plan.merging as merging

    base, ours, theirs = mailed_copies(plan_file.parent)
    real_merge = merging.merge

    def merge_while_notepad_saves(*args, **kwargs):
        text = ours.read_text(encoding="utf-8")
        if "记事本里加的说明" not in text:  # saved once, while the first merge runs
            ours.write_text(text + "\n# 记事本里加的说明\n", encoding="utf-8")
        return real_merge(*args, **kwargs)

    monkeypatch.setattr(merging, "merge", merge_while_notepad_saves)
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs)])
    said = one_line(result.output)
    assert result.exit_code == 1, said
    assert "记事本里加的说明" in ours.read_text(encoding="utf-8")
    assert "没有改动" in said and "plan merge" in said, said
    # run again, it merges what is there now, the note with it
    again = runner.invoke(app, ["merge", str(base), str(ours), str(theirs)])
    assert again.exit_code == 0, again.output
    assert "记事本里加的说明" in ours.read_text(encoding="utf-8")


# ---------------------------------------------------------------- git's own files, as Windows left them


def test_git_setup_adds_its_lines_to_a_gitignore_notepad_saved_in_gbk(
    tmp_path,
    git_env,  # noqa: F811
):
    """A .gitignore with a Chinese comment typed in Notepad (ANSI: GBK, CRLF line ends):
    git-setup refused it as not UTF-8, saying plan reads only UTF-8 .toml files, and set
    nothing up. Git reads those files as bytes: the lines are added, the rest kept byte for
    byte, in the file's line ends."""
    git(tmp_path, "init", "-q")
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    ignore = tmp_path / ".gitignore"
    before = "# 临时文件\r\n*.bak\r\n~$*".encode("gbk")
    ignore.write_bytes(before)
    attributes = tmp_path / ".gitattributes"
    attributes.write_bytes("# 二进制\r\n*.docx binary\r\n".encode("gbk"))
    result = plan(plan_file, "git-setup")
    assert ignore.read_bytes() == before + b"\r\n*.lock\r\n.*.quanhu-tmp\r\n.*.quanhu-journal\r\n"
    assert attributes.read_bytes().endswith(b"*.docx binary\r\n*.toml merge=quanhu-plan\r\n")
    assert "merge.quanhu-plan.driver" in result.output
    said = git(tmp_path, "check-ignore", "plan.toml.lock").stdout
    assert said.strip() == "plan.toml.lock"
