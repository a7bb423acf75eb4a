"""Session 34 (F): git merging's leftovers. A merge whose two texts both have comments in
renumbered tasks keeps the file's layout and each comment beside its own task; comments beside
archived renumbered tasks are found; a long list of comments not kept is said readably; a
cherry-pick keeps the id of the task already on the branch. Then real scenarios of two clerks
with real git: every merge leaves a valid plan or a clear conflict, and loses nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import comments, parse_toml

from .conftest import SMALL_ITEMS, Clock, write_plan
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures
from .test_review_s33L import assert_sound, at, commit, live, push, with_comment

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

HEAD_COMMENT = "# 台账：改动前先 git pull"


def comment_above_its_task(raw: str, comment: str) -> None:
    """The comment is in the file, in the table of the task it was typed in."""
    lines = raw.replace("\r\n", "\n").splitlines()
    assert comment in lines, (comment, raw)
    below = next(x for x in lines[lines.index(comment) :] if x.startswith("title"))
    assert comment[2:4] in below, (comment, below)


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
@pytest.mark.parametrize("form", ["lf", "crlf", "bom"])
def test_comments_in_renumbered_tasks_on_both_sides_keep_the_layout(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
    form: str,
) -> None:
    """Both clerks added two tasks under 1 and typed a comment in each; the later of each
    clash is renumbered on both sides. The merge was written whole (the header comment lost,
    the four named to copy back); now it is written on a text with the new ids said in it:
    every comment stays, in its own task, and the file keeps its layout and form."""
    a, b = county
    newline = "\r\n" if form == "crlf" else "\n"
    text = HEAD_COMMENT + newline + a.text().replace("\n", newline)
    a.plan_file.write_bytes((("\ufeff" if form == "bom" else "") + text).encode("utf-8"))
    commit(a, form)
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    for clone, who, days in ((a, "甲", (2, 3)), (b, "乙", (1, 4))):
        for n, day in enumerate(days):
            at(clock, day)
            clone.plan("add", "1", f"{who}{n}", "--by", who)
            raw = clone.plan_file.read_bytes().decode("utf-8")
            raw = with_comment(raw, f"1.{4 + n}", f"# {who}{n}的说明", newline)
            clone.plan_file.write_bytes(raw.encode("utf-8"))
        commit(clone, who)
    push(b)
    pulled = git(a.folder, "pull", how, "-q", "--no-edit")
    said = (pulled.stdout + pulled.stderr).replace("\n", "")
    raw = a.plan_file.read_bytes().decode("utf-8")
    assert raw.startswith("\ufeff") == (form == "bom"), raw[:10]
    if form == "crlf":
        assert "\n" not in raw.replace("\r\n", ""), "mixed line ends"
    assert raw.lstrip("\ufeff").startswith(HEAD_COMMENT + newline), said
    assert "注释没有保留" not in said and "没有合并进来" not in said, said
    for who in "甲乙":
        for n in range(2):
            comment_above_its_task(raw, f"# {who}{n}的说明")
    assert_sound(a)
    titles = [t for i, t in live(a) if i.startswith("1.") and i.count(".") == 1]
    assert sorted(titles[-4:]) == ["乙0", "乙1", "甲0", "甲1"], titles


def archived_table_of(raw: str, comment: str) -> str:
    """The id line of the [[removed.item]] table the comment is in (or above)."""
    lines = raw.replace("\r\n", "\n").splitlines()
    n = lines.index(comment)
    header = next(k for k in range(n, -1, -1) if lines[k].startswith("[[")) if n else 0
    if not lines[header].startswith("[[removed.item]]"):  # above a header: the one below
        header = next(k for k in range(n, len(lines)) if lines[k].startswith("[["))
    assert lines[header].startswith("[[removed.item]]"), lines[header:n]
    return next(x for x in lines[header:] if x.startswith("id = "))


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
@pytest.mark.parametrize("writer", ["a", "b"])
def test_a_comment_in_an_archived_renumbered_task_stays_with_it(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
    writer: str,
) -> None:
    """乙 added 1.4 after 甲 did, typed a note in it and removed it (the archive keeps its
    text). Where 乙 pulls, 乙's archived task is renumbered 1.5 (added later, not pushed); where
    甲 pulls, 甲's live task is (乙's is pushed). The comment stays in its archived table, not
    in another's, and the layout stays (the comment at the top)."""
    a, b = county
    a.plan_file.write_text(HEAD_COMMENT + "\n" + a.text(), encoding="utf-8")
    commit(a, "comment")
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    b.plan_file.write_text(with_comment(b.text(), "1.4", "# 乙桥的说明"), encoding="utf-8")
    at(clock, 3)
    b.plan("rm", "1.4", "--yes", "--by", "乙")
    assert "# 乙桥的说明" in b.text()
    commit(a, "甲")
    commit(b, "乙")
    pulling, pushing = (a, b) if writer == "a" else (b, a)
    push(pushing)
    pulled = git(pulling.folder, "pull", how, "-q", "--no-edit")
    said = (pulled.stdout + pulled.stderr).replace("\n", "")
    raw = pulling.text()
    assert raw.startswith(HEAD_COMMENT + "\n"), said
    assert "# 乙桥的说明" in raw, said
    archived_id, live_id = ("1.5", "1.4") if writer == "b" else ("1.4", "1.5")
    assert archived_table_of(raw, "# 乙桥的说明") == f'id = "{archived_id}"', raw
    assert_sound(pulling)
    assert (live_id, "甲路") in live(pulling)
    shown = pulling.plan("log", archived_id).output
    assert "乙桥" in shown, shown


def test_comments_in_archived_tables_are_found() -> None:
    """A comment in or right above an archived item's table names that item (it named no
    item: the merge then wrote a renumbered archived item's lines, with the comment, over
    another item's)."""
    from quanhu_plan.store.toml_comments import items_around_comments

    text = (
        '[plan]\ntitle = "t"\n\n[[item]]\nid = "1"\ntitle = "a"\n\n[[removed]]\n'
        'at = 2023-07-01T10:00:00+08:00\n\n[[removed.item]]\nid = "1.4"\n# 乙的说明\n'
        'title = "b"\n\n# 上面\n[[ removed . item ]]\nid = "1.5"\ntitle = "c"\n'
    )
    assert items_around_comments(text) == {"1.4", "1.5"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_list_of_comments_not_put_in_place_is_said_readably(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Their side wrote eight comments in the plan's header, where the merge cannot put them
    (it goes item by item): all eight were listed in one paragraph. Now they are all copied
    at the end of the file, under a line that says so, and the message gives their count,
    the first three and where they all are."""
    monkeypatch.setenv("PLAN_LANG", lang)
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_text(
        "# 党政办的说明\n" + text.replace('title = "修塘"', 'title = "修大塘"'), encoding="utf-8"
    )
    typed = [f"# 乙的第{n + 1}条说明" for n in range(8)]
    first = text.splitlines()[1]  # (the header's first field)
    theirs_text = text.replace(f"{first}\n", f"{first}\n" + "\n".join(typed) + "\n", 1)
    assert theirs_text != text
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(theirs_text, encoding="utf-8")
    result = CliRunner().invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    said = result.stderr.replace("\n", " ")
    merged = ours.read_text(encoding="utf-8")
    assert merged.endswith("\n".join(typed) + "\n"), merged[-400:]
    assert comments(merged)[-9].startswith("# —— plan merge" if lang == "zh" else "# -- plan")
    doc = parse_toml(merged, "merged")
    assert {t["id"]: t["title"] for t in doc["item"]}["1.1"] == "修大塘"
    for comment in typed[:3]:
        assert comment in said, said
    for comment in typed[3:]:
        assert comment not in said, said
    if lang == "zh":
        assert (
            "新加的 8 条注释没能放回原处" in said and "等 8 条（已全部抄在 plan.toml 末尾" in said
        )
    else:
        assert "8 comments their side added" in said, said
        assert "and 5 more (all 8 at the end of plan.toml" in said, said


@pytest.mark.parametrize("picked_first", [True, False])
def test_a_cherry_pick_keeps_the_id_of_the_task_already_on_the_branch(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    picked_first: bool,
) -> None:
    """甲 added a task on a draft branch; 乙 added another under the same goal and pushed it
    (1.4, in everyone's clone). 甲 cherry-picks the draft onto main: the task on main keeps
    1.4, whichever was added first (the earlier add kept it: 乙's pushed 1.4 became 1.5), and
    the picked one is renumbered, its log saying so."""
    a, b = county
    git(a.folder, "checkout", "-q", "-b", "draft")
    at(clock, 1 if picked_first else 3)
    a.plan("add", "1", "甲草稿", "--by", "甲")
    commit(a, "draft add")
    picked = git(a.folder, "rev-parse", "HEAD").stdout.strip()
    git(a.folder, "checkout", "-q", "main")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", "-q", "--no-edit")
    picking = git(a.folder, "cherry-pick", picked)
    said = (picking.stdout + picking.stderr).replace("\n", "")
    assert_sound(a)
    assert {("1.4", "乙桥"), ("1.5", "甲草稿")} <= set(live(a)), live(a)
    # (the picked task added later is renumbered as in any merge: the later one)
    assert ("当前分支上的保留编号" in said) == picked_first, said
    shown = a.plan("log", "1.5").output
    assert "1.4" in shown and "1.5" in shown, shown


def test_a_comment_typed_in_two_tasks_goes_into_both(tmp_path: Path) -> None:
    """Their clerk typed "# 待定" in two tasks: the merge, written on our text (with a comment
    of ours), put it into the first task only and said nothing of the second."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_text("# 党政办的说明\n" + text, encoding="utf-8")
    theirs = tmp_path / "theirs.toml"
    theirs_text = with_comment(with_comment(text, "1.1", "# 待定"), "2.3", "# 待定")
    theirs.write_text(theirs_text.replace('title = "修塘"', 'title = "修大塘"'), encoding="utf-8")
    result = CliRunner().invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    merged = ours.read_text(encoding="utf-8")
    assert merged.count("# 待定") == 2, merged
    assert 'id = "1.1"\n# 待定\n' in merged and 'id = "2.3"\n# 待定\n' in merged, merged
    assert "注释" not in result.stderr, result.stderr


def test_a_comment_beside_a_value_goes_beside_the_same_fields_value(tmp_path: Path) -> None:
    """Their comment beside the due day of a task ours changed the title of: beside its due
    day in the merge (it was named to copy back); one beside a field ours has a comment
    beside already is copied at the end, not put beside the other."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_text(
        text.replace('title = "修塘"', 'title = "修大塘"').replace(
            'title = "修机耕道"', 'title = "修机耕道"  # 甲的'
        ),
        encoding="utf-8",
    )
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(
        text.replace("due = 2023-03-31", "due = 2023-03-31  # 乙：三月底").replace(
            'title = "修机耕道"', 'title = "修机耕道"  # 乙的'
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    merged = ours.read_text(encoding="utf-8")
    assert "due = 2023-03-31  # 乙：三月底\n" in merged, merged
    assert 'title = "修机耕道"  # 甲的\n' in merged and merged.endswith("\n# 乙的\n"), merged
    assert "# 乙的" in result.stderr and "三月底" not in result.stderr, result.stderr


INLINE_LOG = (
    'log = [{ at = 2023-02-01T09:00:00+08:00, by = "甲", action = "progress", '
    "before = { actual = 10 }, after = { actual = 20 } }]"
)


def test_a_merge_written_whole_copies_every_comment_at_the_end(tmp_path: Path) -> None:
    """1.1's log is written inline on both sides (a hand edit), and both sides changed 1.1:
    neither text takes the merge line by line, and it is written whole. Every comment of the
    text it was to be written on, and theirs, is copied at the end (they were all lost, only
    named), the message gives how many, the first three and where they are."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8").replace("actual = 20\n", f"actual = 20\n{INLINE_LOG}\n")
    base.write_text(text, encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours_comments = [f"# 甲的第{n}条" for n in range(1, 5)]
    ours.write_text(
        "\n".join(ours_comments[:2])
        + "\n"
        + with_comment(
            with_comment(
                text.replace('title = "修塘"', 'title = "修大塘"'), "1.3", ours_comments[2]
            ),
            "2.3",
            ours_comments[3],
        ),
        encoding="utf-8",
    )
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(
        with_comment(text.replace("target = 40", "target = 45"), "2.1", "# 乙的"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    merged = ours.read_text(encoding="utf-8")
    doc = parse_toml(merged, "merged")
    task = {t["id"]: t for t in doc["item"]}["1.1"]
    assert (task["title"], task["target"]) == ("修大塘", 45)
    assert merged.endswith("\n".join([*ours_comments, "# 乙的"]) + "\n"), merged[-300:]
    said = result.stderr.replace("\n", "")
    assert "整体写出" in said and "等 4 条（已全部抄在 plan.toml 末尾" in said, said
    assert "# 甲的第4条" not in said and "# 乙的" in said, said


def test_a_stash_pop_keeps_the_id_of_the_task_pulled(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """甲 added a task without committing, stashed it, pulled 乙's task (added later, at the
    same id, pushed) and popped the stash: 乙's task keeps 1.4, 甲's own becomes 1.5 (乙's
    pushed task was renumbered, being the later add)."""
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    git(a.folder, "stash", "-q")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", "-q", "--no-edit")
    git(a.folder, "stash", "pop", "-q")
    assert_sound(a)
    assert {("1.4", "乙桥"), ("1.5", "甲路")} <= set(live(a)), live(a)


def test_a_comment_in_a_task_the_other_side_deleted_by_hand_goes_with_it(tmp_path: Path) -> None:
    """Their clerk deleted task 2.3 from the file by hand, with the comment ours had typed in
    it when both had it: the merge takes it out, and the comment goes with it (it is not
    copied back at the end as one lost)."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = with_comment(base.read_text(encoding="utf-8"), "2.3", "# 讲座另行安排")
    base.write_text(text, encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_text(text.replace('title = "修塘"', 'title = "修大塘"'), encoding="utf-8")
    start = text.index('[[item]]\nid = "2.3"')
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(text[:start].rstrip("\n") + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    merged = ours.read_text(encoding="utf-8")
    assert "2.3" not in {t["id"] for t in parse_toml(merged, "m")["item"]}
    assert "# 讲座另行安排" not in merged and "注释" not in result.stderr, result.stderr
