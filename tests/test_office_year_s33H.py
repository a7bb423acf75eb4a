"""Session 33 (H): a year in the Quanhu office. The repo's 2023 plan, with a clerk's comments,
kept in a county git repository with two offices' clones (党政办 王五, 农办 李四), played week by
week through 2023: ticks, progress, figures (亩, 万元, 个), notes with odd text, deadlines and
owners edited, tasks added and dropped, changes undone, a colleague's changes pulled, a conflict
resolved, `plan fmt`, and at each quarter's end status, report (md, docx), export and import.
At the year's end the 年终工作总结 says exactly what was recorded."""

from __future__ import annotations

import datetime as dt
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import parse_toml

from .conftest import CST, REPO_PLAN, Clock
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

runner = CliRunner()

# What a clerk typed into the file by hand: a header comment and a comment inside an item.
HEADER_COMMENT = "# 泉湖镇2023年工作计划台账（党政办维护，改动请先 git pull）"
ITEM_COMMENT = "# 县里考核口径：以统计站年报为准"
NOTEPAD_COMMENT = "# 播种面积以农业农村局核定数为准（李四）"
ODD_NOTE = '[x] 完成"设计"方案 #1\n第二行：\\n 不是换行 [bold]粗[/bold]'


class Office:
    """One office's clone of the county repository, its clerk and the shared clock."""

    def __init__(self, folder: Path, clerk: str, clock: Clock):
        self.folder = folder
        self.plan_file = folder / "plan.toml"
        self.clerk = clerk
        self.clock = clock
        self.made = 0  # the changes made in this clone
        self.comments = [HEADER_COMMENT, ITEM_COMMENT]  # the comments this clone's file has

    def plan(self, *args: str, code: int = 0) -> Any:
        result = runner.invoke(app, ["-f", str(self.plan_file), *args])
        assert result.exit_code == code, (args, result.output)
        assert "Traceback" not in result.output
        return result

    def change(self, day: str, *args: str, code: int = 0, lines: int = 30) -> Any:
        """A change made on `day` at 17:00, committed on its own; its git diff is small (at
        most `lines` lines added and removed)."""
        self.clock.now = dt.datetime.fromisoformat(day).replace(hour=17, tzinfo=CST)
        result = self.plan(*args, "--by", self.clerk, code=code)
        if code == 0:
            diff = git(self.folder, "diff", "--numstat").stdout.split()
            added, removed = int(diff[0]), int(diff[1])
            assert added + removed <= lines, (args, git(self.folder, "diff").stdout)
            assert all(comment in self.text() for comment in self.comments), args
            git(self.folder, "commit", "-q", "-am", f"{day} {' '.join(args[:2])}")
            self.made += 1
        return result

    def text(self) -> str:
        return self.plan_file.read_text(encoding="utf-8")

    def doc(self) -> dict[str, Any]:
        return parse_toml(self.text(), "plan")

    def item(self, item_id: str) -> dict[str, Any]:
        return next(t for t in self.doc()["item"] if t["id"] == item_id)


# git's merge driver: plan, on the test's clock (a minute after the puller's last change)
# rather than the wall clock, so that the merge's own entries fall into the year played.
DRIVER_ON_THE_CLOCK = """
import datetime as dt
import pathlib
from quanhu_plan.changes import Stamp
now = dt.datetime.fromisoformat(pathlib.Path(__file__).with_name("clock").read_text())
Stamp.current = classmethod(lambda cls, by: cls(by, now))
from quanhu_plan.entry import main
main()
"""


def pull(office: Office) -> subprocess.CompletedProcess[str]:
    minute_later = office.clock.now + dt.timedelta(minutes=1)
    (office.folder.parent / "clock").write_text(minute_later.isoformat(), encoding="utf-8")
    return git(office.folder, "pull", "-q", "--no-edit")


def push(office: Office) -> None:
    git(office.folder, "push", "-q", "origin", "main")


def one_line(text: str) -> str:
    return text.replace("\n", "")


@pytest.fixture
def offices(tmp_path: Path, git_env: None, clock: Clock) -> tuple[Office, Office]:  # noqa: F811
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER_ON_THE_CLOCK, encoding="utf-8")
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(driver))}"
    bare = tmp_path / "county.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(tmp_path, "clone", "-q", str(bare), "dangzheng")
    a = Office(tmp_path / "dangzheng", "王五", clock)
    text = REPO_PLAN.read_text(encoding="utf-8")
    text = HEADER_COMMENT + "\n" + text
    text = text.replace('measure = "万亩"\n', f'measure = "万亩"\n{ITEM_COMMENT}\n')
    a.plan_file.write_text(text, encoding="utf-8")
    a.plan("git-setup", "--command", command)
    git(a.folder, "config", "pull.rebase", "false")
    git(a.folder, "add", "-A")
    git(a.folder, "commit", "-q", "-m", "泉湖镇2023年工作计划")
    push(a)
    git(tmp_path, "clone", "-q", str(bare), "nongban")
    b = Office(tmp_path / "nongban", "李四", clock)
    b.plan("git-setup", "--command", command)
    git(b.folder, "config", "pull.rebase", "false")
    return a, b


def quarter_end(office: Office, day: str, tmp_path: Path) -> dict[str, Any]:
    """status, report (md, docx), export and import of the export at a quarter's end; the
    imported plan's status is the plan's. Nothing of this changes the plan file."""
    before = office.text()
    status = office.plan("status", "--as-of", day)
    assert f"截至 {day}" in status.output
    as_json = json.loads(office.plan("status", "--as-of", day, "--json").stdout)
    md = tmp_path / f"{day}.md"
    office.plan("report", "--as-of", day, "--out", str(md))
    docx = tmp_path / f"{day}.docx"
    office.plan("report", "--as-of", day, "--format", "docx", "--out", str(docx))
    assert docx.stat().st_size > 5000
    table = tmp_path / f"{day}推进情况表.xlsx"
    exported = office.plan("export", "--as-of", day, "--out", str(table))
    assert f"截至 {day}" in exported.output, exported.output
    again = tmp_path / f"{day}再导入.toml"
    office.plan("import", str(table), "--out", str(again))
    reread = runner.invoke(app, ["-f", str(again), "status", "--as-of", day, "--json"])
    assert reread.exit_code == 0, reread.output
    assert _figures(json.loads(reread.stdout)) == _figures(as_json)
    if day == "2023-03-31":  # the odd note comes back as typed, the latest note up to the day
        notes = [
            e.get("note")
            for t in parse_toml(again.read_text("utf-8"), "plan")["item"]
            for e in t.get("log", [])
        ]
        assert ODD_NOTE in notes
    # fmt lays the imported plan out (it has no comments) and changes no figure.
    assert runner.invoke(app, ["-f", str(again), "fmt"]).exit_code == 0
    laid_out = runner.invoke(app, ["-f", str(again), "status", "--as-of", day, "--json"])
    assert _figures(json.loads(laid_out.stdout)) == _figures(as_json)
    assert office.text() == before
    assert git(office.folder, "status", "--short").stdout == ""
    return {"status": status.output, "json": as_json, "md": md.read_text(encoding="utf-8")}


def _figures(status: dict[str, Any]) -> Any:
    """Every row's and the total's figures: completion, counts, pace and lights."""
    return [status["total"], *status["rows"]]


def test_a_year_in_the_quanhu_office(offices: tuple[Office, Office], tmp_path: Path) -> None:
    a, b = offices

    # ---- Q1 -------------------------------------------------------------------------------
    a.change("2023-01-05", "start", "2.2.1", "--on", "2023-01-05")
    a.change(
        "2023-01-06", "edit", "5.5.1", "--target", "3.3", "--owner", "张三", "--due", "2023-10-31"
    )
    a.change(
        "2023-01-09",
        "add",
        "1.1",
        "高标准农田建设",
        "--measure",
        "亩",
        "--target",
        "1500",
        "--unit",
        "农办",
        "--due",
        "2023-11-30",
        "--on",
        "2023-01-09",
    )
    a.change(
        "2023-01-10",
        "add",
        "2.2",
        "乡村旅游招商引资",
        "--measure",
        "万元",
        "--target",
        "500",
        "--unit",
        "经发办",
        "--on",
        "2023-01-10",
    )
    a.change(
        "2023-01-11",
        "add",
        "2.3",
        "试点村办集体企业",
        "--measure",
        "个",
        "--target",
        "3",
        "--on",
        "2023-01-11",
    )
    assert a.item("2.3.1")["title"] == "试点村办集体企业"
    a.change("2023-02-14", "note", "2.2.1", ODD_NOTE, "--on", "2023-02-14")
    a.change("2023-02-20", "progress", "5.5.2", "30", "--on", "2023-02-20")
    a.change(
        "2023-03-03", "record", "1.1.3", "400", "--on", "2023-03-03", "--note", "冬修完成400亩"
    )
    a.change("2023-03-10", "record", "2.2.4", "80", "--on", "2023-03-10")
    a.change("2023-03-17", "done", "3.2", "--on", "2023-03-17")
    undone = a.change("2023-03-17", "undo")
    assert "撤销" in undone.output
    assert a.item("3.2").get("status") in (None, "todo")
    a.change("2023-03-24", "done", "3.1", "--on", "2023-03-24", "--evidence", "机构改革验收#1.pdf")
    push(a)
    q1 = quarter_end(a, "2023-03-31", tmp_path)
    assert "高标准农田建设400亩，目标1500亩" in q1["md"]
    assert "乡村旅游招商引资80万元，目标500万元" in q1["md"]
    assert "综合完成率9%" in q1["md"]

    # ---- Q2: 农办 pulls, works on its tasks; both change 5.5.2 the same week --------------------
    pull(b)
    b.change("2023-04-07", "record", "1.1.3", "700", "--on", "2023-04-07")
    b.change(
        "2023-04-14", "note", "5.5.1", "早稻育秧 # 已落实2.8万亩\n“双抢”准备", "--on", "2023-04-14"
    )
    b.change(
        "2023-04-21",
        "edit",
        "1.1.3",
        "--owner",
        "李四",
        "--due",
        "2023-10-31",
        "--on",
        "2023-04-21",
    )
    b.change("2023-05-12", "progress", "5.5.2", "70", "--on", "2023-05-12")
    push(b)
    a.change("2023-05-12", "progress", "5.5.2", "60", "--on", "2023-05-12")
    a.change("2023-05-19", "drop", "3.3.3", "--reason", "县里调整试点范围", "--on", "2023-05-19")
    a.change(
        "2023-05-26",
        "add",
        "4",
        '汛期防汛"三个责任人"落实',
        "--due",
        "主汛期前",
        "--on",
        "2023-05-26",
    )
    a.change("2023-05-26", "rm", "4.5", "--yes", "--on", "2023-05-26", lines=60)
    a.change("2023-05-26", "undo", lines=60)  # the item back out of the archive
    assert a.item("4.5")["title"] == '汛期防汛"三个责任人"落实'
    pulled = pull(a)
    said = one_line(pulled.stdout + pulled.stderr)
    assert "1 处冲突" in said, said
    assert a.item("1.1.3")["actual"] == 700 and a.item("1.1.3")["owner"] == "李四"
    a.plan("check", code=1)
    refused = a.change("2023-05-29", "progress", "5.5.2", "80", code=1)
    assert "resolve 5.5.2" in one_line(refused.output)
    a.change("2023-05-29", "resolve", "5.5.2", "progress", "--theirs")
    assert a.item("5.5.2")["progress"] == 70
    a.plan("check")
    fmt = a.plan("fmt", code=1)
    assert "--force" in one_line(fmt.output)
    push(a)
    a.change("2023-06-16", "done", "4.5", "--on", "2023-06-16", "--note", "三个责任人已公示")
    a.change("2023-06-30", "record", "2.2.4", "260", "--on", "2023-06-30")
    push(a)
    q2 = quarter_end(a, "2023-06-30", tmp_path)
    assert "高标准农田建设700亩，目标1500亩" in q2["md"]
    assert "乡村旅游招商引资260万元，目标500万元" in q2["md"]
    assert "五是适度放活宅基地和农民房屋使用权：已取消。取消原因：县里调整试点范围。" in q2["md"]

    # ---- Q3: both offices add a task under 2.2 the same week; 农办 reaches its figures ---------
    pull(b)
    a.change(
        "2023-07-07",
        "add",
        "2.2",
        "泉水湖游步道",
        "--unit",
        "城建办",
        "--due",
        "2023-09-30",
        "--on",
        "2023-07-07",
    )
    b.change(
        "2023-07-08",
        "add",
        "2.2",
        "农家乐星级评定",
        "--measure",
        "个",
        "--target",
        "5",
        "--on",
        "2023-07-08",
    )
    b.change(
        "2023-07-14",
        "record",
        "5.5.1",
        "3.35",
        "--yes",
        "--on",
        "2023-07-14",
        "--note",
        "早稻2.8万亩、晚稻0.55万亩",
    )
    b.change("2023-07-21", "record", "2.2.5", "2", "--on", "2023-07-21")
    # 李四 types a comment of his own into the file in Notepad, above 5.5.1
    b.plan_file.write_text(
        b.text().replace('[[item]]\nid = "5.5.1"', f'{NOTEPAD_COMMENT}\n[[item]]\nid = "5.5.1"'),
        encoding="utf-8",
    )
    b.plan("check")
    b.comments.append(NOTEPAD_COMMENT)
    git(b.folder, "commit", "-q", "-am", "李四's comment")
    push(b)
    pulled = pull(a)
    assert "2.2.6" in one_line(pulled.stdout + pulled.stderr), pulled
    # Their file held every comment of ours and one more: the merge is written on it, with
    # the renumbered task's new id said in it (s34F; it could not take the renumbering and
    # was written on ours, 李四's comment named for 王五 to copy back in Notepad). Every
    # comment is in place, 李四's above 5.5.1, and there is nothing to say of comments.
    said = one_line(pulled.stdout + pulled.stderr)
    assert "注释" not in said, said
    assert f'{NOTEPAD_COMMENT}\n[[item]]\nid = "5.5.1"' in a.text()
    a.comments.append(NOTEPAD_COMMENT)
    assert all(comment in a.text() for comment in a.comments)
    titles = {t["id"]: t["title"] for t in a.doc()["item"]}
    # 李四's task, pushed (and already recorded against as 2.2.5), keeps its id; 王五's, not
    # yet pushed though added first, is renumbered (s35F)
    assert (titles["2.2.5"], titles["2.2.6"]) == ("农家乐星级评定", "泉水湖游步道")
    assert a.item("2.2.5")["actual"] == 2
    push(a)
    a.change("2023-08-04", "done", "2.2.6", "--on", "2023-08-04")
    a.change(
        "2023-08-18",
        "done",
        "2.2.1",
        "--on",
        "2023-08-18",
        "--note",
        "体验馆主体完工",
        "--evidence",
        "竣工验收单.pdf",
    )
    a.change("2023-09-01", "block", "5.1", "--reason", "线路走向待省里批复", "--on", "2023-09-01")
    a.change("2023-09-15", "note", "5.1", "省发改委已受理 [待批]", "--on", "2023-09-15")
    a.change("2023-09-22", "record", "2.3.1", "2", "--on", "2023-09-22")
    push(a)
    q3 = quarter_end(a, "2023-09-30", tmp_path)
    assert "农家乐星级评定2个，目标5个，完成率40%" in q3["md"]
    assert "落实粮食播种面积3.35万亩，目标3.3万亩，完成率102%，超出目标0.05万亩" in q3["md"]
    assert "原因是线路走向待省里批复。最新进展：省发改委已受理 \\[待批\\]。" in q3["md"]

    # ---- Q4 ---------------------------------------------------------------------------------
    pull(b)
    b.change("2023-10-13", "record", "1.1.3", "1500", "--yes", "--on", "2023-10-13")
    assert b.item("2.2.5")["title"] == "农家乐星级评定"
    b.change("2023-10-20", "record", "2.2.5", "5", "--yes", "--on", "2023-10-20")
    b.change("2023-10-27", "progress", "5.5.2", "90", "--on", "2023-10-27")
    b.change("2023-10-27", "undo")
    push(b)
    pull(a)
    # 王五's undo after the pull takes back his own last change, not 李四's pulled after it.
    undone = a.change("2023-10-30", "undo")
    assert "2.3.1 试点村办集体企业" in one_line(undone.output), undone.output
    assert "actual" not in a.item("2.3.1")
    assert a.item("1.1.3")["actual"] == 1500 and a.item("2.2.5")["actual"] == 5
    a.change("2023-10-30", "record", "2.3.1", "2", "--on", "2023-09-22")
    a.change("2023-11-03", "start", "5.1", "--on", "2023-11-03", "--note", "已获批复")
    a.change("2023-11-10", "record", "2.2.4", "520", "--yes", "--on", "2023-11-10")
    a.change("2023-11-24", "record", "2.3.1", "3", "--yes", "--on", "2023-11-24")
    a.change("2023-12-01", "edit", "5.1", "--owner", "赵六", "--on", "2023-12-01")
    a.change("2023-12-29", "done", "3.2", "5.3.1", "5.3.2", "--on", "2023-12-29")
    push(a)
    assert a.item("5.5.2")["progress"] == 70  # 李四's 90 undone in his clone, pulled
    quarter_end(a, "2023-12-31", tmp_path)

    # ---- The 年终工作总结, written in January -------------------------------------------------
    a.clock.now = dt.datetime(2024, 1, 5, 9, tzinfo=CST)
    summary = tmp_path / "2023年终工作总结.md"
    a.plan("report", "--out", str(summary))
    md = summary.read_text(encoding="utf-8")
    assert md.startswith(
        "# 泉湖镇2023年工作计划完成情况总结\n\n衡南县泉湖镇人民政府\\\n截至2023年12月31日\n"
    )
    assert (
        "共安排任务28项（另有1项已取消），已完成12项，进行中2项，未开始14项，综合完成率41%。" in md
    )
    # The figures are the ones recorded, each in its unit.
    for said in [
        "高标准农田建设1500亩，目标1500亩，完成率100%（2023年10月13日完成）",
        "乡村旅游招商引资520万元，目标500万元，完成率104%，超出目标20万元（2023年11月10日完成）",
        "农家乐星级评定5个，目标5个，完成率100%（2023年10月20日完成）",
        "试点村办集体企业3个，目标3个，完成率100%（2023年11月24日完成）",
        "落实粮食播种面积3.35万亩，目标3.3万亩，完成率102%，超出目标0.05万亩，较上年增加0.15万亩"
        "（2023年7月14日完成）。进展情况：早稻2.8万亩、晚稻0.55万亩。",
        '汛期防汛"三个责任人"落实（2023年6月16日完成，晚于完成时限2023年5月31日）。'
        "进展情况：三个责任人已公示。",
        "抓好“泉湖二月八”农耕文化体验馆项目建设（2023年8月18日完成）。进展情况：体验馆主体完工。"
        "销号依据：竣工验收单.pdf。",
        "巩固推进乡镇机构改革（2023年3月24日完成）。销号依据：机构改革验收\\#1.pdf。",
        "一是抓好宁电入湘项目建设：年内未能完成，目前完成率为0%，由赵六负责。2023年9月1日曾受阻，"
        "原因是线路走向待省里批复。最新进展：已获批复。",
        "二是严厉打击乱占耕地建房行为：年内未能完成，目前完成率为70%。",
        "四是适度放活宅基地和农民房屋使用权：已取消。取消原因：县里调整试点范围。",
        "以下16项任务尚未完成，结转2024年继续推进：",
    ]:
        assert said in md, said
    # No task lost or doubled: the ledger has each task of the plan once.
    ledger = [
        line.split(" | ")[0].removeprefix("| ")
        for line in md.splitlines()
        if line.startswith("| ") and line[2].isdigit()
    ]
    tasks = {t["id"] for t in a.doc()["item"]} - {
        "1",
        "1.1",
        "2",
        "2.2",
        "2.3",
        "3",
        "3.3",
        "4",
        "5",
        "5.3",
        "5.5",
    }
    assert sorted(ledger) == sorted(tasks) and len(ledger) == 29
    # in the order of their ids: 2.2.6, added in the other clone a day later, after 2.2.5
    assert ledger == sorted(ledger, key=lambda i: [int(n) for n in i.split(".")])
    docx = tmp_path / "2023年终工作总结.docx"
    a.plan("report", "--format", "docx", "--out", str(docx))
    import docx as word  # (python-docx, which the report's docx needs anyway)

    document = word.Document(str(docx))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "截至2023年12月31日，泉湖镇2023年工作计划共安排任务28项" in paragraphs
    assert "乡村旅游招商引资520万元，目标500万元，完成率104%，超出目标20万元" in paragraphs
    assert "最新进展：已获批复。" in paragraphs
    rows = [[c.text for c in r.cells] for r in document.tables[-1].rows]
    assert rows[-1][0].startswith("注："), rows  # (the 注 is the table's last row)
    assert [r[0] for r in rows[1:-1]] == ledger, rows

    # Every note is kept, as typed, in the trace and in show.
    shown = a.plan("show", "2.2.1").output
    assert '[x] 完成"设计"方案 #1' in shown and "[bold]粗[/bold]" in shown, shown
    log = json.loads(a.plan("log", "--all", "--json").stdout)
    notes = [e.get("note") for e in log]
    for note in [
        ODD_NOTE,
        "早稻育秧 # 已落实2.8万亩\n“双抢”准备",
        "冬修完成400亩",
        "体验馆主体完工",
        "省发改委已受理 [待批]",
        "已获批复",
        "三个责任人已公示",
        "早稻2.8万亩、晚稻0.55万亩",
    ]:
        assert notes.count(note) == 1, (note, notes)
    # The trace is complete: every change made in either clone, once, and the merge's renumber.
    # (plan done of three tasks is three entries), each recorded in 2023 in the order made.
    actions = [e["action"] for e in log]
    assert actions.count("renumber") == 1
    assert all(e["at"].startswith("2023-") for e in log), [e["at"] for e in log]
    assert len(log) == a.made + b.made + 2 + 1
    assert [e["at"] for e in log] == sorted((e["at"] for e in log), reverse=True)
    assert len({(e["item_id"], e["at"], e["by"]) for e in log}) == len(log)
    # The clerk's comments are still in the file, and it is a valid plan.
    assert HEADER_COMMENT in a.text() and ITEM_COMMENT in a.text()
    assert NOTEPAD_COMMENT in a.text() and NOTEPAD_COMMENT in b.text()
    assert "没有发现问题" in a.plan("check").output


@pytest.mark.parametrize(
    ("parent", "puller"), [("1", "earlier"), ("1", "later"), ("1.3", "earlier"), ("1.3", "later")]
)
def test_a_task_renumbered_in_a_merge_comes_after_the_one_that_kept_its_id(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    parent: str,
    puller: str,
) -> None:
    """Both offices added a task under 1 the same week; the one not yet pushed became 1.5 in
    the merge (the later one, where the earlier was pushed first). Pulled by the office whose
    task kept 1.4, their 1.5 was placed before it (1.3, 1.5, 1.4: the ledger and the report
    listed 1.5 above 1.4); it comes after, as plan add puts it. So too for the first tasks
    under a task (1.3.1 and 1.3.2)."""
    a, b = county
    clock.now = dt.datetime(2023, 7, 7, 17, tzinfo=CST)
    a.plan("add", parent, "泉水湖游步道", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "甲 adds")
    clock.now = dt.datetime(2023, 7, 8, 17, tzinfo=CST)
    b.plan("add", parent, "农家乐星级评定", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "乙 adds")
    first, second = (b, a) if puller == "earlier" else (a, b)
    git(first.folder, "push", "-q", "origin", "main")
    git(second.folder, "pull", "-q", "--no-edit")
    items = parse_toml(second.text(), "plan")["item"]
    kept, renumbered = ("1.4", "1.5") if parent == "1" else ("1.3.1", "1.3.2")
    under = [(t["id"], t["title"]) for t in items if t["id"].startswith(f"{parent}.")]
    # (the pushed one keeps its id: 乙's where the earlier office pulls)
    titles = ["泉水湖游步道", "农家乐星级评定"][:: -1 if puller == "earlier" else 1]
    assert under[-2:] == [(kept, titles[0]), (renumbered, titles[1])], under
    listed = second.plan("list").output
    assert listed.index(titles[0]) < listed.index(titles[1]), listed


def test_export_says_which_figures_of_its_table_are_in_a_merge_conflict(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    """At a month's end 王五 pulled a figure 李四 had set otherwise, and exported the table for
    the county: status, list and report say under their output that the figure is not final,
    export said nothing, and the undecided value went to the county as fact. It says so on
    stderr, as the report does; the table itself is unchanged."""
    a, b = county
    b.plan("progress", "1.3", "70", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "乙")
    git(b.folder, "push", "-q", "origin", "main")
    a.plan("progress", "1.3", "90", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "甲")
    git(a.folder, "pull", "-q", "--no-edit")
    table = tmp_path / "推进情况表.xlsx"
    written = a.plan("export", "--out", str(table))
    said = one_line(written.stderr)
    assert "注意：有 1 处合并冲突未解决（1.3 进度（progress））" in said, written.output
    assert "尚无定论" in said and table.exists()
    csv = a.plan("export", "--format", "csv")
    assert "合并冲突" in csv.stderr and "合并冲突" not in csv.stdout
    assert csv.stdout.startswith("\ufeff"), csv.stdout[:20]
    english = a.plan("--lang", "en", "export", "--format", "csv")
    assert "1 merge conflict is not settled" in one_line(english.stderr), english.stderr
    a.plan("resolve", "1.3", "progress", "--theirs", "--by", "甲")
    settled = a.plan("export", "--format", "csv")
    assert settled.stderr == "", settled.stderr


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_a_merge_that_renumbers_on_their_text_keeps_the_comments_of_ours(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    """乙 typed a comment into the plan in Notepad and added a task under 1; 甲 had added one
    there a day earlier. Their file held every comment of ours and one more, so the merge was
    written on their text, which could not take the renumbering line by line (their 1.4 is the
    merge's 1.5): the whole file was written out in the standard layout, every comment of both
    sides gone. It is written on our text, which keeps ours, and names theirs to copy back.
    So too in git pull --rebase, where git's ours is their file (upstream's) and cannot take
    it: written on 甲's own, 乙's comment named."""
    a, b = county
    a.plan_file.write_text("# 台账：改动前先 git pull\n" + a.text(), encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "甲's comment")
    git(a.folder, "push", "-q", "origin", "main")
    git(b.folder, "pull", "-q", "--no-edit")
    clock.now = dt.datetime(2023, 7, 7, 17, tzinfo=CST)
    a.plan("add", "1", "泉水湖游步道", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "甲 adds")
    clock.now = dt.datetime(2023, 7, 8, 17, tzinfo=CST)
    b.plan("add", "1", "农家乐星级评定", "--by", "乙")
    b.plan("note", "1.4", "已报名3家", "--by", "乙")
    b.plan_file.write_text(b.text() + "# 乙：评定标准见县文旅局文件\n", encoding="utf-8")
    git(b.folder, "commit", "-q", "-am", "乙 adds")
    git(b.folder, "push", "-q", "origin", "main")
    # (甲's commit on a branch of its own too: both pushed, the later task is renumbered)
    git(a.folder, "push", "-q", "origin", "HEAD:refs/heads/draft")
    pulled = git(a.folder, "pull", how, "-q", "--no-edit")
    said = one_line(pulled.stdout + pulled.stderr)
    # (s34F: written on their text, with their renumbered task's new id said in it, every
    # comment stays: 乙's was named to copy back)
    assert "注释" not in said, said
    assert a.text().endswith("# 乙：评定标准见县文旅局文件\n"), a.text()[-200:]
    assert a.text().startswith("# 台账：改动前先 git pull\n"), a.text()[:200]
    items = parse_toml(a.text(), "plan")["item"]
    under = [(t["id"], t["title"]) for t in items if t["id"].startswith("1.")]
    assert under[-2:] == [("1.4", "泉水湖游步道"), ("1.5", "农家乐星级评定")], under
    assert "没有发现问题" in a.plan("check").output
