"""Many people on one plan through git: two clones of a county repository change the same plan
at once, then pull and push, with the real ``git`` program and ``plan merge`` as its merge
driver (run as ``python -m quanhu_plan``). Nothing is lost, the merged plan passes
``plan check``, and its status is that of a plan both sides' changes were applied to one after
the other."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.merging.sides import fingerprint
from quanhu_plan.store import parse_toml

from .conftest import SMALL_ITEMS, write_plan

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

DRIVER = f"{shlex.quote(sys.executable)} -m quanhu_plan"
runner = CliRunner()


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git with no user or system config of this machine, and a fixed identity."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "镇政府")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "office@example.com")


def git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


class Clone:
    """One office's clone of the county repository, with plan set up as git's merge driver."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.plan_file = folder / "plan.toml"

    def plan(self, *args: str, code: int | None = 0) -> Any:
        result = runner.invoke(app, ["-f", str(self.plan_file), *args])
        if code is not None:
            assert result.exit_code == code, (args, result.output)
        return result

    def setup(self) -> None:
        result = runner.invoke(app, ["-f", str(self.plan_file), "git-setup", "--command", DRIVER])
        assert result.exit_code == 0, result.output
        git(self.folder, "config", "pull.rebase", "false")

    def commit_and_pull(self) -> subprocess.CompletedProcess[str]:
        # --allow-empty: a random list of changes may all be refused as no change at all
        git(self.folder, "commit", "-q", "--allow-empty", "-am", "changes")
        return git(self.folder, "pull", "-q", "--no-edit")

    def text(self) -> str:
        return self.plan_file.read_text(encoding="utf-8")


@pytest.fixture
def county(tmp_path: Path, git_env: None) -> tuple[Clone, Clone]:
    """A county repository with a town's plan, and two offices' clones of it, both set up."""
    bare = tmp_path / "county.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(tmp_path, "clone", "-q", str(bare), "office-a")
    a = Clone(tmp_path / "office-a")
    write_plan(a.plan_file, SMALL_ITEMS)
    a.setup()
    git(a.folder, "add", "-A")
    git(a.folder, "commit", "-q", "-m", "the town's plan")
    git(a.folder, "push", "-q", "origin", "main")
    git(tmp_path, "clone", "-q", str(bare), "office-b")
    b = Clone(tmp_path / "office-b")
    b.setup()
    return a, b


def entries(text: str) -> set[Any]:
    """Every log entry of a plan, live and archived, as comparable values (undo marks apart)."""
    doc = parse_toml(text, "plan")
    tables = list(doc.get("item", []))
    for record in doc.get("removed", []):
        tables += record["item"]
    return {
        fingerprint({k: v for k, v in entry.items() if k != "undone"})
        for table in tables
        for entry in table.get("log", [])
    }


def ids(text: str) -> set[str]:
    doc = parse_toml(text, "plan")
    found = {t["id"] for t in doc.get("item", [])}
    for record in doc.get("removed", []):
        found |= {t["id"] for t in record["item"]}
    return found


def field(clone: Clone, item_id: str, name: str) -> Any:
    doc = parse_toml(clone.text(), "plan")
    return next(t for t in doc["item"] if t["id"] == item_id).get(name)


def status_json(plan_file: Path) -> Any:
    result = runner.invoke(app, ["-f", str(plan_file), "status", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def one_after_the_other(tmp_path: Path, ours: list[list[str]], theirs: list[list[str]]) -> Path:
    """The plan both offices' changes were made to in turn, on one file (a change the other
    side's made impossible, such as progress on a task removed, is refused there)."""
    plan_file = write_plan(tmp_path / "one-file.toml", SMALL_ITEMS)
    for args, by in [*((a, "甲") for a in ours), *((t, "乙") for t in theirs)]:
        runner.invoke(app, ["-f", str(plan_file), *args, "--by", by])
    return plan_file


def concurrently(
    county: tuple[Clone, Clone], ours: list[list[str]], theirs: list[list[str]]
) -> subprocess.CompletedProcess[str]:
    """Office A makes its changes and pushes; office B makes its own on the old plan, commits,
    pulls (git runs plan merge) and pushes; office A pulls."""
    a, b = county
    for args in ours:
        a.plan(*args, "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    for args in theirs:
        b.plan(*args, "--by", "乙")
    pulled = b.commit_and_pull()
    git(b.folder, "push", "-q")
    git(a.folder, "pull", "-q", "--no-edit")
    return pulled


PATTERNS = {
    "same task, different fields": (
        [["progress", "1.3", "70"]],
        [["edit", "1.3", "--owner", "赵六"], ["edit", "1.3", "--due", "2023-06"]],
    ),
    "different tasks": (
        [["done", "1.1", "--on", "2023-05-01"], ["record", "1.1", "40"]],
        [["progress", "2.3", "90"], ["block", "1.3", "--reason", "雨季停工"]],
    ),
    "both add under one goal": (
        [["add", "1", "新建村级活动中心", "--owner", "甲"]],
        [["add", "1", "修建垃圾分类亭", "--target", "5"], ["add", "1", "整治河道"]],
    ),
    "removed on one side, changed on the other": (
        [["rm", "2.3", "--yes"]],
        [["progress", "2.3", "95"], ["note", "2.3", "讲座已开三场"]],
    ),
    "changed on one side, removed on the other": (
        [["note", "2.2", "资料已补齐"], ["edit", "2.2", "--owner", "李四"]],
        [["rm", "2.2", "--yes"]],
    ),
    "both add notes": (
        [["note", "1.1", "甲：已开工"], ["note", "2", "甲：部分进展"]],
        [["note", "1.1", "乙：完成一半"], ["note", "1.1", "乙：验收准备"]],
    ),
    "a move and an edit": (
        [["move", "2.3", "1"]],
        [["edit", "2.3", "--title", "禁毒宣传讲座"], ["add", "2", "新任务"]],
    ),
    "an undo on one side": (
        [["progress", "1.3", "60"], ["undo"]],
        [["progress", "2.3", "85"]],
    ),
}


@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_concurrent_changes_merge_with_nothing_lost_and_the_status_of_both(
    county, tmp_path, pattern
):
    a, b = county
    ours, theirs = PATTERNS[pattern]
    before = {"a": "", "b": ""}
    for args in ours:
        a.plan(*args, "--by", "甲")
    before["a"] = a.text()
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    for args in theirs:
        b.plan(*args, "--by", "乙")
    before["b"] = b.text()
    pulled = b.commit_and_pull()
    assert "plan merge" in pulled.stderr
    git(b.folder, "push", "-q")
    git(a.folder, "pull", "-q", "--no-edit")
    assert git(b.folder, "status", "--porcelain").stdout == ""  # the merge was committed
    assert a.text() == b.text()
    merged = b.text()
    assert entries(before["a"]) | entries(before["b"]) <= entries(merged)  # no entry lost
    assert ids(before["a"]) | ids(before["b"]) <= ids(merged)  # no item lost
    check = b.plan("check")
    assert "没有发现问题" in check.stdout
    # The merge is as if office A's changes were made, then office B's (B pulled after A).
    expected = one_after_the_other(tmp_path, ours, theirs)
    assert status_json(b.plan_file) == status_json(expected)


def test_items_added_on_both_sides_are_both_kept_and_the_later_is_renumbered(county):
    a, b = county
    pulled = concurrently(
        county, [["add", "1", "新建村级活动中心"]], [["add", "1", "修建垃圾分类亭"]]
    )
    said = pulled.stderr.replace("\n", "")
    assert "编号 1.4 两方都新增了不同的事项：已推送的「新建村级活动中心」保留编号" in said, said
    assert "尚未推送的「修建垃圾分类亭」改为 1.5" in said, said
    assert "1.4 新建村级活动中心" in b.plan("show", "1.4").stdout
    shown = b.plan("show", "1.5").stdout
    assert "修建垃圾分类亭" in shown and "重新编号" in shown
    log = b.plan("log", "1.5", "--json")
    renumber = json.loads(log.stdout)[0]
    assert renumber["action"] == "renumber"
    assert (renumber["before"], renumber["after"]) == ({"id": "1.4"}, {"id": "1.5"})
    # Undo never takes the renumbering back; 乙's add is still undoable as 乙's.
    undone = b.plan("undo", "--by", "乙")
    assert "修建垃圾分类亭" in undone.stdout


def test_log_entries_of_both_sides_are_all_kept_in_time_order(county):
    a, b = county
    b.plan("note", "1.1", "乙：第一条", "--by", "乙")  # B writes first, pushes last
    a.plan("note", "1.1", "甲：第二条", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "A")
    git(a.folder, "push", "-q")
    b.plan("note", "1.1", "乙：第三条", "--by", "乙")
    b.commit_and_pull()
    doc = parse_toml(b.text(), "plan")
    task = next(t for t in doc["item"] if t["id"] == "1.1")
    assert [e["note"] for e in task["log"]] == ["乙：第一条", "甲：第二条", "乙：第三条"]


def test_a_true_conflict_is_recorded_listed_refused_and_resolved(county, tmp_path):
    a, b = county
    pulled = concurrently(county, [["progress", "1.3", "70"]], [["progress", "1.3", "90"]])
    assert "<<<<<<<" not in b.text()
    assert "1 处冲突" in pulled.stderr
    # plan check lists it with both values and who set them, and fails until it is settled.
    check = b.plan("check", code=1)
    assert "1 处合并冲突未解决" in check.stdout
    assert "1.3 修机耕道 的 进度（progress）：暂用（--ours）90%（乙 " in check.stdout
    assert "另一个值（--theirs）70%（甲 " in check.stdout
    assert f"plan -f {b.plan_file} resolve 1.3 progress --ours|--theirs|值" in check.stdout
    # Read commands say the figure is in conflict.
    assert "注意：有 1 处合并冲突未解决（1.3 进度（progress））" in b.plan("status").stdout
    assert "合并冲突未解决" in b.plan("list").stdout
    assert "合并冲突：1.3 修机耕道 的 进度（progress）" in b.plan("show", "1.3").stdout
    conflicts = json.loads(b.plan("status", "--json").stdout)["conflicts"]
    assert conflicts[0]["ours"] == 90 and conflicts[0]["theirs"] == 70
    assert (conflicts[0]["ours_by"], conflicts[0]["theirs_by"]) == ("乙", "甲")
    # Changing that item is refused, naming the conflict and the command that settles it.
    refused = b.plan("done", "1.3", code=1)
    assert "有未解决的合并冲突" in refused.output
    assert f"plan -f {b.plan_file} resolve 1.3 progress" in refused.output
    b.plan("note", "1.1", "别的任务照常")  # other items change as usual
    # Settled: traced, undoable (the conflict comes back), settled again.
    settled = b.plan("resolve", "1.3", "进度", "--theirs", "--by", "乙")
    assert "已解决 1.3 修机耕道 的合并冲突：进度 90% → 70%" in settled.stdout
    assert "没有发现问题" in b.plan("check").stdout
    b.plan("undo", "--by", "乙")
    b.plan("check", code=1)
    b.plan("resolve", "1.3", "progress", "--ours", "--by", "乙")
    b.plan("check")
    b.plan("done", "1.3", "--by", "乙")
    b.plan("undo", "--by", "乙")
    # B's value kept: the status of A's changes and then B's, on one file.
    expected = one_after_the_other(
        tmp_path, [["progress", "1.3", "70"]], [["progress", "1.3", "90"]]
    )
    assert status_json(b.plan_file) == status_json(expected)


def test_resolve_takes_a_new_value_and_refuses_what_is_not_in_conflict(county):
    a, b = county
    concurrently(county, [["edit", "2.2", "--owner", "甲方"]], [["edit", "2.2", "--owner", "乙方"]])
    b.plan("resolve", "2.2", "owner", "--ours", "--theirs", code=2)
    b.plan("resolve", "2.2", "owner", code=2)
    wrong = b.plan("resolve", "2.2", "lead", "--ours", code=1)
    assert "有冲突的字段是：责任人（owner）" in wrong.output
    b.plan("resolve", "2.2", "owner", "甲方、乙方")
    assert field(b, "2.2", "owner") == "甲方、乙方"
    none_left = b.plan("resolve", "2.2", "owner", "--ours", code=1)
    assert "没有未解决的合并冲突" in none_left.output


def test_undo_after_a_merge_takes_back_only_your_own_change(county):
    a, b = county
    b.plan("note", "2.3", "乙的进展", "--by", "乙")  # B's change is older than A's
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "A")
    git(a.folder, "push", "-q")
    b.commit_and_pull()
    undone = b.plan("undo", "--by", "乙")
    assert "已撤销 乙 于" in undone.stdout and "2.3 禁毒讲座" in undone.stdout
    assert "之后还有 甲 于" in undone.output and "没有撤销" in undone.output
    assert field(b, "1.3", "progress") == 70  # 甲's change stands
    refused = b.plan("undo", "--by", "乙", code=1)
    assert "乙 没有可以撤销的修改" in refused.output
    assert "甲" in refused.output and f"plan -f {b.plan_file} undo --anyone" in refused.output
    b.plan("undo", "--anyone", "--by", "乙")
    assert field(b, "1.3", "progress") == 50


def test_git_setup_writes_attributes_once_and_the_driver_per_clone(county):
    a, b = county
    attributes = (a.folder / ".gitattributes").read_text(encoding="utf-8")
    assert attributes == "*.toml merge=quanhu-plan\n"
    again = a.plan("git-setup", "--command", DRIVER)
    assert "已有所需的设置" in again.stdout and "每个克隆" in again.stdout
    assert (a.folder / ".gitattributes").read_text(encoding="utf-8") == attributes
    driver = git(b.folder, "config", "merge.quanhu-plan.driver").stdout.strip()
    assert driver == f"{DRIVER} merge %O %A %B %P"


def test_git_setup_says_the_commit_steps_without_and_and_which_powershell_refuses(county):
    a, _ = county
    zh = a.plan("git-setup", "--command", DRIVER).stdout
    en = a.plan("--lang", "en", "git-setup", "--command", DRIVER).stdout
    assert "git add .gitattributes .gitignore，再 git commit" in zh
    assert "git add .gitattributes .gitignore, then git commit" in en
    assert "&&" not in zh + en


def test_git_setup_covers_every_toml_file_so_a_plan_renamed_or_added_later_needs_no_new_run(
    tmp_path, git_env
):
    git(tmp_path, "init", "-q", "town")
    plan_file = write_plan(tmp_path / "town" / "泉湖镇.toml", SMALL_ITEMS)
    (tmp_path / "town" / "towns").mkdir()
    write_plan(tmp_path / "town" / "towns" / "花桥镇 2023.toml", SMALL_ITEMS)
    git(tmp_path / "town", "add", "-A")
    result = runner.invoke(app, ["-f", str(plan_file), "git-setup"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "town" / ".gitattributes").read_text(encoding="utf-8")
    assert text == "*.toml merge=quanhu-plan\n"
    for name in ("泉湖镇.toml", "其他镇/plan.toml", "towns/花桥镇 2023.toml", "2024计划.toml"):
        said = git(tmp_path / "town", "check-attr", "merge", "--", name).stdout
        assert said.endswith(": merge: quanhu-plan\n"), said
    # A plan whose name does not end in .toml is named itself.
    other = write_plan(tmp_path / "town" / "towns" / "云集 镇.plan", SMALL_ITEMS)
    result = runner.invoke(app, ["-f", str(other), "git-setup"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "town" / ".gitattributes").read_text(encoding="utf-8")
    assert text == "*.toml merge=quanhu-plan\n/towns/云集?镇.plan merge=quanhu-plan\n"
    said = git(tmp_path / "town", "check-attr", "merge", "--", "towns/云集 镇.plan").stdout
    assert said.endswith(": merge: quanhu-plan\n"), said


def test_git_setup_refuses_outside_a_git_repository(tmp_path, git_env, small_plan):
    result = runner.invoke(app, ["git-setup"])
    assert result.exit_code == 1
    assert "不在 git 仓库中，没有做任何设置" in result.output
    assert not (tmp_path / ".gitattributes").exists()


def test_the_driver_refuses_a_version_that_is_not_a_plan_and_leaves_ours(tmp_path):
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    ours = write_plan(tmp_path / "ours.toml", SMALL_ITEMS)
    theirs = tmp_path / "theirs.toml"
    theirs.write_text('[plan]\ntitle = ""\n', encoding="utf-8")
    before = ours.read_bytes()
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 1
    assert "不能合并 plan.toml：对方的版本不是有效的计划文件" in result.output
    assert ours.read_bytes() == before


def test_the_driver_merges_two_plans_with_no_common_ancestor(tmp_path):
    base = tmp_path / "base.toml"
    base.write_text("", encoding="utf-8")
    ours = write_plan(tmp_path / "ours.toml", SMALL_ITEMS[:4])
    theirs = write_plan(tmp_path / "theirs.toml", [*SMALL_ITEMS[:1], *SMALL_ITEMS[4:]])
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs)])
    assert result.exit_code == 0, result.output
    assert ids(ours.read_text(encoding="utf-8")) == {t["id"] for t in SMALL_ITEMS}


def test_an_item_removed_on_one_side_and_changed_on_the_other_stays_archived_with_both_traces(
    county,
):
    a, b = county
    pulled = concurrently(
        county, [["rm", "2.3", "--yes"]], [["progress", "2.3", "95"], ["note", "2.3", "三场"]]
    )
    assert "2.3 一方删除了、另一方修改了" in pulled.stderr
    doc = parse_toml(b.text(), "plan")
    assert "2.3" not in {t["id"] for t in doc["item"]}
    (table,) = [t for r in doc["removed"] for t in r["item"] if t["id"] == "2.3"]
    assert table["progress"] == 95
    assert [e["action"] for e in table["log"]] == ["remove", "progress", "note"] or [
        e["action"] for e in table["log"]
    ] == ["progress", "note", "remove"]
    log = b.plan("log", "2.3").stdout
    assert "删除" in log and "三场" in log


# ---------------------------------------------------------------- random changes, through git

GIT_SIDES = {
    "甲": {"tasks": ["1.1", "1.3"], "edit": "--owner", "removes": ["1.2", "1.3", "2.3"]},
    "乙": {"tasks": ["2.2", "2.3"], "edit": "--lead", "removes": ["2.1", "2.2"]},
}
ALL_TASKS = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]


def commands(by: str) -> st.SearchStrategy[list[list[str]]]:
    """Command lines one office runs; each sets the status and figures of its own tasks and its
    own one of owner/lead, so that no field is set on both sides."""
    own = GIT_SIDES[by]
    one = st.one_of(
        st.builds(
            lambda i, t: ["note", i, t],
            st.sampled_from(ALL_TASKS),
            st.sampled_from(["进展", "开会"]),
        ),
        st.builds(
            lambda i, n: ["progress", i, str(n)], st.sampled_from(own["tasks"]), st.integers(0, 100)
        ),
        st.builds(lambda i: ["done", i, "--on", "2023-06-01"], st.sampled_from(own["tasks"])),
        st.builds(
            lambda i, v: ["edit", i, own["edit"], v],
            st.sampled_from(ALL_TASKS),
            st.sampled_from(["王五", "赵六"]),
        ),
        st.builds(
            lambda g, t: ["add", g, t],
            st.sampled_from(["1", "2"]),
            st.sampled_from(["新甲", "新乙"]),
        ),
        st.builds(lambda i: ["rm", i, "--yes"], st.sampled_from(own["removes"])),
    )
    return st.lists(one, min_size=1, max_size=4)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ours=commands("甲"), theirs=commands("乙"))
def test_random_changes_in_two_clones_pull_and_push_into_the_plan_of_both(
    git_env: None, ours: list[list[str]], theirs: list[list[str]]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bare = root / "county.git"
        git(root, "init", "-q", "--bare", "-b", "main", str(bare))
        git(root, "clone", "-q", str(bare), "a")
        a = Clone(root / "a")
        write_plan(a.plan_file, SMALL_ITEMS)
        a.setup()
        git(a.folder, "add", "-A")
        git(a.folder, "commit", "-q", "-m", "plan")
        git(a.folder, "push", "-q", "origin", "main")
        git(root, "clone", "-q", str(bare), "b")
        b = Clone(root / "b")
        b.setup()
        for args in ours:
            a.plan(*args, "--by", "甲", code=None)
        sides = {"a": a.text()}
        git(a.folder, "commit", "-q", "--allow-empty", "-am", "A")
        git(a.folder, "push", "-q")
        for args in theirs:
            b.plan(*args, "--by", "乙", code=None)
        sides["b"] = b.text()
        b.commit_and_pull()
        git(b.folder, "push", "-q")
        git(a.folder, "pull", "-q", "--no-edit")
        merged = a.text()
        assert merged == b.text()
        assert entries(sides["a"]) | entries(sides["b"]) <= entries(merged)
        assert ids(sides["a"]) | ids(sides["b"]) <= ids(merged)
        assert "没有发现问题" in b.plan("check").stdout
        expected = one_after_the_other(root, ours, theirs)
        assert status_json(b.plan_file) == status_json(expected)


def test_a_conflict_in_the_plan_header_is_settled_with_the_id_plan(county):
    a, b = county
    for clone, title in ((a, "测试镇计划（甲）"), (b, "测试镇计划（乙）")):
        text = clone.text().replace('title = "测试镇2023年工作计划"', f'title = "{title}"', 1)
        clone.plan_file.write_text(text, encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "A")
    git(a.folder, "push", "-q")
    b.commit_and_pull()
    check = b.plan("check", code=1)
    assert (
        "[plan] 的 计划名称（title）：暂用（--ours）测试镇计划（乙）；另一个值（--theirs）测试镇计划（甲）"
        in check.stdout
    )
    refused = b.plan("header", "--organisation", "测试镇", code=1)
    assert "[plan] 测试镇计划（乙） 有未解决的合并冲突" in refused.output
    settled = b.plan("resolve", "[plan]", "title", "--theirs", "--by", "乙")
    assert (
        "已解决 计划表头 的合并冲突：计划名称 测试镇计划（乙） → 测试镇计划（甲）" in settled.stdout
    )
    assert "测试镇计划（甲）" in b.plan("status").stdout
    b.plan("check")
    b.plan("undo", "--by", "乙")  # the header's log keeps the settling: the conflict is back
    b.plan("check", code=1)


def test_pull_with_rebase_merges_through_the_driver_too(county):
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    a.plan("add", "1", "甲的新任务", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "A")
    git(a.folder, "push", "-q")
    b.plan("note", "1.3", "乙的进展", "--by", "乙")
    b.plan("add", "1", "乙的新任务", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "B")
    git(b.folder, "pull", "-q", "--rebase")
    assert git(b.folder, "status", "--porcelain").stdout == ""
    assert field(b, "1.3", "progress") == 70
    titles = {t["id"]: t["title"] for t in parse_toml(b.text(), "plan")["item"]}
    assert {titles["1.4"], titles["1.5"]} == {"甲的新任务", "乙的新任务"}
    assert "乙的进展" in b.plan("show", "1.3").stdout
    b.plan("check")


def test_the_driver_keeps_our_files_bom_and_line_ends_and_changes_only_what_merged(tmp_path):
    """A plan saved by Notepad starts with a BOM and ends its lines with CRLF: the merged file
    keeps both, and every line the merge did not change."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(text.replace('title = "修塘"', 'title = "修大塘"'), encoding="utf-8")
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    merged = ours.read_bytes()
    assert merged.startswith(b"\xef\xbb\xbf") and merged.count(b"\r\n") == merged.count(b"\n")
    expected = b"\xef\xbb\xbf" + text.replace('title = "修塘"', 'title = "修大塘"').replace(
        "\n", "\r\n"
    ).encode("utf-8")
    assert merged == expected


def test_comments_only_their_side_added_are_named_as_not_merged(tmp_path):
    """The merge goes item by item on our text: a comment their side added beside a value was
    not carried into it, only named. It is put beside the same field's value (s34F)."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_text(
        "# 党政办的说明\n" + text.replace('title = "修塘"', 'title = "修大塘"'), encoding="utf-8"
    )
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(
        text.replace('title = "修机耕道"', 'title = "修机耕道"  # 乙：六月前完工').replace(
            'title = "安装路灯"', 'title = "安装路灯"  # 含 "#" 的说明'
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    assert "注释" not in result.stderr, result.stderr
    merged = ours.read_text(encoding="utf-8")
    assert merged.startswith("# 党政办的说明\n") and 'title = "修大塘"' in merged
    assert 'title = "修机耕道"  # 乙：六月前完工\n' in merged, merged
    assert 'title = "安装路灯"  # 含 "#" 的说明\n' in merged, merged
    # Our own comments, or comments both sides had, are no news.
    theirs.write_text("# 党政办的说明\n" + text, encoding="utf-8")
    ours.write_text(
        "# 党政办的说明\n" + text.replace('title = "修塘"', 'title = "修大塘"'), encoding="utf-8"
    )
    again = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert again.exit_code == 0 and "注释" not in again.stderr, again.output


@pytest.mark.parametrize("notepad", [True, False], ids=["BOM and CRLF", "plain"])
def test_a_merged_result_left_invalid_keeps_our_files_bom_and_line_ends(tmp_path, notepad):
    """Our side moves the plan's start after the end their side moved earlier: the merged plan
    is invalid, so it is written whole for the user to correct (exit 1, git marks a conflict),
    in our file's form like a merge that succeeds: a Notepad plan keeps its BOM and CRLF."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours_text = text.replace("start = 2023-01-01", "start = 2023-07-01")
    if notepad:
        ours.write_bytes(b"\xef\xbb\xbf" + ours_text.replace("\n", "\r\n").encode("utf-8"))
    else:
        ours.write_text(ours_text, encoding="utf-8")
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(text.replace("end = 2023-12-31", "end = 2023-06-30"), encoding="utf-8")
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 1
    assert "plan.toml 已合并，但合并结果有下列问题" in result.output
    assert "结束日期早于开始日期 2023-07-01" in result.output
    merged = ours.read_bytes()
    assert merged.startswith(b"\xef\xbb\xbf") is notepad
    assert merged.count(b"\r\n") == (merged.count(b"\n") if notepad else 0)
    plan = parse_toml(merged.decode("utf-8-sig"), "plan.toml")["plan"]
    assert (str(plan["start"]), str(plan["end"])) == ("2023-07-01", "2023-06-30")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".toml") == [
        "base.toml",
        "ours.toml",
        "theirs.toml",
    ]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".lock", ".quanhu-tmp"))]


def test_a_report_made_while_a_conflict_is_open_says_so_beside_the_document(county, tmp_path):
    """The year-end summary of a plan with a merge conflict not settled shows our side's value:
    the command says so on stderr, and the document itself (printed or written) is as ever."""
    a, b = county
    concurrently(county, [["progress", "1.3", "70"]], [["progress", "1.3", "90"]])
    note = "注意：有 1 处合并冲突未解决（1.3 进度（progress））"
    printed = b.plan("report", "--format", "md")
    assert note in printed.stderr and note not in printed.stdout
    assert printed.stdout.startswith("# ")
    out = tmp_path / "总结.docx"
    written = b.plan("report", "--out", str(out))
    assert note in written.stderr and out.stat().st_size > 0
    shown = b.plan("report")
    assert note in shown.stderr
    b.plan("resolve", "1.3", "progress", "--ours", "--by", "乙")
    assert note not in b.plan("report", "--format", "md").stderr


def test_what_a_killed_writer_leaves_beside_the_plan_is_ignored_by_git_after_git_setup(county):
    """A lock or temporary file left by a plan command that was killed is in no one's way:
    git-setup makes git ignore them, so the documented git add -A does not commit them (where
    another clone's own leftover lock would then stop its git pull)."""
    a, b = county
    ignore = (a.folder / ".gitignore").read_text(encoding="utf-8")
    assert ignore.splitlines() == ["*.lock", ".*.quanhu-tmp", ".*.quanhu-journal"]
    assert git(a.folder, "ls-files", ".gitignore").stdout == ".gitignore\n"  # it travelled
    for clone in (a, b):
        (clone.folder / "plan.toml.lock").write_text("", encoding="utf-8")
        (clone.folder / ".plan.toml.a1b2c3d4.quanhu-tmp").write_text("x", encoding="utf-8")
    a.plan("progress", "1.3", "70", "--by", "甲")
    assert git(a.folder, "status", "--porcelain").stdout == " M plan.toml\n"
    git(a.folder, "add", "-A")
    git(a.folder, "commit", "-q", "-m", "A")
    git(a.folder, "push", "-q")
    git(b.folder, "pull", "-q", "--no-edit")
    assert field(b, "1.3", "progress") == 70
    again = b.plan("git-setup", "--command", DRIVER)
    assert "已有所需的设置" in again.stdout
    assert (b.folder / ".gitignore").read_text(encoding="utf-8") == ignore


def test_git_setup_adds_to_a_gitignore_only_the_lines_it_lacks(tmp_path, git_env, small_plan):
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("*.docx\n*.lock", encoding="utf-8")
    result = runner.invoke(app, ["git-setup"])
    assert result.exit_code == 0, result.output
    assert "已写入" in result.stdout and ".gitignore" in result.stdout
    text = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert text == "*.docx\n*.lock\n.*.quanhu-tmp\n.*.quanhu-journal\n"


def test_a_git_revert_that_rewrites_a_notepad_plan_whole_keeps_its_crlf(county):
    """git revert of a progress commit takes its log entry out, which a minimal edit cannot
    follow, so the merge writes the file whole in the standard layout: a plan saved by Notepad
    keeps its BOM and its CRLF line ends there too, so the revert's diff is only what it
    reverted and not every line of the file."""
    a, _ = county
    a.plan_file.write_bytes(b"\xef\xbb\xbf" + a.text().replace("\n", "\r\n").encode("utf-8"))
    git(a.folder, "commit", "-q", "-am", "saved in Notepad")
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "1.3 70%")
    a.plan("note", "2.3", "讲座已开", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "2.3 note")
    reverted = subprocess.run(
        ["git", "revert", "--no-edit", "HEAD~1"], cwd=a.folder, capture_output=True, text=True
    )
    assert reverted.returncode == 0, reverted.stderr
    merged = a.plan_file.read_bytes()
    added, removed, _ = git(a.folder, "diff", "--numstat", "HEAD~1", "HEAD").stdout.split("\t")
    assert (int(added), int(removed)) == (1, 9)  # progress back to 50, status and entry gone
    assert merged.startswith(b"\xef\xbb\xbf") and merged.count(b"\r\n") == merged.count(b"\n")
    doc = parse_toml(merged.decode("utf-8-sig"), "plan")
    assert next(t for t in doc["item"] if t["id"] == "1.3")["progress"] == 50
    assert "讲座已开" in a.plan("show", "2.3").stdout
    a.plan("check")


def test_a_change_written_whole_keeps_a_notepad_plans_crlf(tmp_path):
    """A change the minimal edit cannot follow (here, keys before the first table) writes the
    plan whole, and so does plan fmt: a BOM and CRLF line ends stay, as with any change."""
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    text = 'schema = "x"\n' + plan_file.read_text(encoding="utf-8")
    plan_file.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    for args in (["progress", "1.3", "70"], ["fmt"]):
        result = runner.invoke(app, ["-f", str(plan_file), *args])
        assert result.exit_code == 0, result.output
        written = plan_file.read_bytes()
        assert written.startswith(b"\xef\xbb\xbf"), args
        assert written.count(b"\r\n") == written.count(b"\n") > 10, args


@pytest.mark.parametrize(
    "broken", ['title = ""', 'title = "没有收尾的引号'], ids=["invalid", "not TOML"]
)
def test_a_pull_stopped_by_our_broken_plan_says_how_to_keep_their_changes(county, broken):
    """Our hand edit broke the plan, so the driver cannot merge and git keeps our version,
    without their changes. Committing that would drop their changes for good; the message says
    to abort, correct ours and pull again, and doing so keeps both sides' changes."""
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    a.plan("add", "2", "甲的新任务", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "A")
    git(a.folder, "push", "-q")
    b.plan("note", "2.3", "乙的进展", "--by", "乙")
    b.plan_file.write_text(b.text().replace('title = "修塘"', broken), encoding="utf-8")
    git(b.folder, "commit", "-q", "-am", "B by hand")
    pulled = subprocess.run(
        ["git", "pull", "--no-edit"], cwd=b.folder, capture_output=True, text=True
    )
    assert pulled.returncode != 0
    assert "不能合并 plan.toml：我方的版本不是有效的计划文件" in pulled.stderr
    assert "Traceback" not in pulled.stderr
    assert "不要就这样 git add、git commit：那样对方的修改就全丢了" in pulled.stderr
    assert "git merge --abort" in pulled.stderr and "改正本方的 plan.toml" in pulled.stderr
    git(b.folder, "merge", "--abort")
    b.plan_file.write_text(b.text().replace(broken, 'title = "修塘"'), encoding="utf-8")
    b.plan("check")
    git(b.folder, "commit", "-q", "-am", "corrected")
    git(b.folder, "pull", "-q", "--no-edit")
    assert field(b, "1.3", "progress") == 70 and "乙的进展" in b.plan("show", "2.3").stdout
    assert "甲的新任务" in b.text()
    b.plan("check")


def test_the_driver_says_their_broken_version_is_for_its_author_to_correct(tmp_path):
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    ours = write_plan(tmp_path / "ours.toml", SMALL_ITEMS)
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(base.read_text(encoding="utf-8").replace("[plan]", "[plan"), "utf-8")
    before = ours.read_bytes()
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 1
    assert "不能合并 plan.toml：对方的版本不是有效的计划文件" in result.output
    assert (
        "请改这份计划的人改正 plan.toml" in result.output and "git rebase --abort" in result.output
    )
    assert "plan.toml (theirs) 第 1 行" in result.output
    assert ours.read_bytes() == before


def test_removing_a_goal_holding_an_item_in_conflict_is_refused_as_removing_the_item(county):
    """plan rm 1.3 is refused while 1.3 has a merge conflict; so is plan rm 1 --recursive,
    which would take 1.3 with it to the archive, its conflict waiting there unseen."""
    a, b = county
    concurrently(county, [["progress", "1.3", "70"]], [["progress", "1.3", "90"]])
    before = b.plan_file.read_bytes()
    for args in (["rm", "1.3", "--yes"], ["rm", "1", "--recursive", "--yes"]):
        refused = b.plan(*args, code=1)
        assert "1.3" in refused.output and "有未解决的合并冲突" in refused.output, args
        assert f"plan -f {b.plan_file} resolve 1.3 progress" in refused.output
    assert b.plan_file.read_bytes() == before
    b.plan("resolve", "1.3", "progress", "--ours", "--by", "乙")
    b.plan("rm", "1", "--recursive", "--yes")
    assert "没有发现问题" in b.plan("check").stdout
