"""Session 34 (F): git merging attacked with what two clerks really do, with real git: the same
task's different fields, one removing what the other edits, CRLF on one side and LF on the
other, a BOM on one side, git pull --rebase over three commits, a conflict in [plan] settled
with plan resolve. Every merge leaves a valid plan or a clear conflict, and loses nothing."""

from __future__ import annotations

import shutil

import pytest

from quanhu_plan.store import parse_toml

from .conftest import Clock
from .test_git_merge import Clone, county, entries, git, git_env  # noqa: F401 - fixtures
from .test_review_s33L import assert_sound, at, commit, live, push

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

HOWS = ["--no-rebase", "--rebase"]


def item(clone: Clone, item_id: str) -> dict:
    raw = clone.plan_file.read_bytes().decode("utf-8-sig")
    doc = parse_toml(raw, "plan")
    found = [t for t in doc["item"] if t["id"] == item_id]
    if found:
        return found[0]
    archived = [t for r in doc.get("removed", []) for t in r["item"] if t["id"] == item_id]
    assert archived, item_id
    return {**archived[0], "archived": True}


def pull(clone: Clone, how: str) -> str:
    done = git(clone.folder, "pull", how, "-q", "--no-edit")
    return (done.stdout + done.stderr).replace("\n", "")


@pytest.mark.parametrize("how", HOWS)
def test_two_clerks_change_different_fields_of_one_task(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("progress", "1.3", "60", "--by", "甲", "--note", "路基完成")
    a.plan("edit", "1.3", "--owner", "张三", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("edit", "1.3", "--due", "2023-06-30", "--by", "乙")
    b.plan("note", "1.3", "乙：资金到位", "--by", "乙")
    commit(b, "乙")
    push(b)
    before = entries(a.text()) | entries(b.text())
    said = pull(a, how)
    assert "冲突" not in said, said
    task = item(a, "1.3")
    assert (task["progress"], task["owner"], str(task["due"])) == (60, "张三", "2023-06-30")
    assert entries(a.text()) >= before
    assert_sound(a)
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    assert b.text() == a.text()


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("remover", ["a", "b"])
def test_one_clerk_removes_the_task_the_other_edits(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
    remover: str,
) -> None:
    a, b = county
    removing, editing = (a, b) if remover == "a" else (b, a)
    at(clock, 1)
    removing.plan("rm", "1.3", "--yes", "--by", "甲")
    commit(removing, "rm")
    at(clock, 2)
    editing.plan("progress", "1.3", "70", "--by", "乙", "--note", "已过半")
    editing.plan("add", "1.3", "机耕道二段", "--by", "乙")
    commit(editing, "edit")
    push(b)
    before = entries(a.text()) | entries(b.text())
    said = pull(a, how)
    assert "1.3" in said and "存档" in said, said
    task = item(a, "1.3")
    assert task.get("archived") and task["progress"] == 70, task
    assert item(a, "1.3.1").get("archived"), "the task added under it follows it"
    assert entries(a.text()) >= before
    assert_sound(a)
    assert "1.3" not in [i for i, _ in live(a)]


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("form_on", ["ours", "theirs"])
@pytest.mark.parametrize("form", ["crlf", "bom", "bom+crlf"])
def test_one_side_in_notepads_form_the_other_plain(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
    form_on: str,
    form: str,
) -> None:
    """One clerk's editor saved the plan with CRLF line ends and/or a BOM (committed with a
    change of theirs), the other's is plain LF: the merge takes both changes, and the file is
    in one form throughout (the pulling side's), valid."""
    a, b = county
    odd = a if form_on == "ours" else b
    at(clock, 1)
    a.plan("progress", "1.3", "60", "--by", "甲")
    at(clock, 2)
    b.plan("progress", "2.3", "90", "--by", "乙")
    b.plan("add", "1", "乙桥", "--by", "乙")
    raw = odd.plan_file.read_bytes().decode("utf-8")
    if "crlf" in form:
        raw = raw.replace("\n", "\r\n")
    if "bom" in form:
        raw = "\ufeff" + raw
    odd.plan_file.write_bytes(raw.encode("utf-8"))
    at(clock, 3)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲")
    commit(b, "乙")
    push(b)
    said = pull(a, how)
    merged = a.plan_file.read_bytes()
    text = merged.decode("utf-8")
    crlf = "\r\n" in text
    assert "\n" not in text.replace("\r\n", "") if crlf else "\r" not in text, "mixed line ends"
    assert text.count("\ufeff") <= 1 and "\ufeff" not in text[1:], "a BOM inside"
    assert item(a, "1.3")["progress"] == 60 and item(a, "2.3")["progress"] == 90, said
    titles = [t for _, t in live(a)]
    assert "乙桥" in titles and "甲路" in titles
    assert_sound(a)


@pytest.mark.parametrize("how", HOWS)
def test_a_rebase_over_three_commits_with_a_conflict_then_resolved(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    """甲 made three commits (progress, a task added, a note and the owner of 1.1); 乙 set
    another owner of 1.1 and pushed. The pull records the owner conflict once (not once a
    commit), every log entry of both is kept, plan resolve settles it, and the plan pushes."""
    a, b = county
    for n, args in enumerate(
        (
            ("progress", "1.3", "40"),
            ("add", "1", "甲路"),
            ("edit", "1.1", "--owner", "张三"),
        )
    ):
        at(clock, 1 + 2 * n)
        a.plan(*args, "--by", "甲")
        commit(a, f"甲 {n}")
    at(clock, 2)
    b.plan("edit", "1.1", "--owner", "李四", "--by", "乙")
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    before = entries(a.text()) | entries(b.text())
    said = pull(a, how)
    assert "冲突" in said, said
    checked = a.plan("check", code=1)
    assert checked.output.count("责任人（owner）") == 1, checked.output
    assert entries(a.text()) >= before
    refused = a.plan("edit", "1.1", "--owner", "王五", code=1)
    assert "未解决的合并冲突" in refused.output, refused.output
    a.plan("resolve", "1.1", "owner", "李四", "--by", "甲")
    assert item(a, "1.1")["owner"] == "李四"
    assert_sound(a)
    assert {"甲路", "乙桥"} <= {t for _, t in live(a)}
    git(a.folder, "commit", "-q", "-am", "resolved")
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    assert_sound(b)
    assert item(b, "1.1")["owner"] == "李四"


@pytest.mark.parametrize("how", HOWS)
def test_a_merge_with_a_conflict_in_the_header_then_resolved(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("header", "--title", "泉湖镇2023年工作计划（修订）", "--by", "甲")
    a.plan("header", "--organisation", "泉湖镇人民政府", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("header", "--title", "泉湖镇2023年重点工作计划", "--by", "乙")
    b.plan("progress", "1.3", "55", "--by", "乙")
    commit(b, "乙")
    push(b)
    said = pull(a, how)
    assert "冲突" in said, said
    checked = a.plan("check", code=1)
    assert "[plan] 的 计划名称（title）" in checked.output, checked.output
    assert "泉湖镇人民政府" in a.plan("header").output
    a.plan("resolve", "[plan]", "title", "--theirs" if how == "--no-rebase" else "--ours")
    assert "泉湖镇2023年重点工作计划" in a.plan("header").output
    assert item(a, "1.3")["progress"] == 55
    assert_sound(a)
