"""plan add spliced into hand-written files of odd layout, against the whole way (the same bytes), and plan check on the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_add_path import _add

HEAD = '[plan]\ntitle = "测试镇2023年工作计划"\nyear = 2023\n\n'

FILES = {
    "not_dotted_parent_field": HEAD
    + '[[item]]\nid = "jc"\ntitle = "基础"\n\n[[item]]\nid = "jc-dj"\nparent = "jc"\ntitle = "党建"\n\n'
    '[[item]]\nid = "sh"\ntitle = "社会"\n\n[[item]]\nid = "sh-1"\nparent = "sh"\ntitle = "讲座"\n',
    "file_order_not_tree_order": HEAD
    + '[[item]]\nid = "jc"\ntitle = "基础"\n\n[[item]]\nid = "jc-dj"\nparent = "jc"\ntitle = "党建"\n\n'
    '[[item]]\nid = "sh"\ntitle = "社会"\n\n[[item]]\nid = "jc-x"\nparent = "jc"\ntitle = "x"\n',
    "moved_dotted": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "2"\ntitle = "二"\n\n'
    '[[item]]\nid = "1.1"\ntitle = "甲"\nparent = "2"\n\n[[item]]\nid = "2.1"\ntitle = "乙"\n',
    "logs_follow": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "甲"\n\n'
    '[[item.log]]\nat = 2023-05-01T09:00:00+08:00\nby = "张三"\nnote = "进展"\n# 记录后的注释\n\n'
    '[[item]]\nid = "2"\ntitle = "二"\n',
    "table_after_items": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "甲"\n\n'
    "# 预警设置\n[plan.warning]\nyellow = 10\nred = 20\n\n[custom]\nx = 1\n",
    "dotted_and_inline": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\nextra.a = 1\nextra.b = "x"\n\n[[item]]\nid = "1.1"\n'
    'title = "甲"\nmeta = { k = 1, s = "y" }\n\n[[item]]\nid = "1.2"\ntitle = "乙"\n[item.sub]\nq = 2\n',
    "comments_after_block": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\n# 一的注释\n\n\n# 更多\n[[item]]\nid = "1.1"\ntitle = "甲"\n'
    '# 甲之后\n\n# 二之前\n[[item]]\nid = "2"\ntitle = "二"\n# 末尾',
    "plan_last": '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "甲"\n\n'
    + HEAD,
    "literal_multiline_in_header": '[plan]\ntitle = """测试镇\n计划"""\nyear = 2023\n\n'
    '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "甲"\n',
    "tabs_and_spaces": HEAD
    + '  [[item]]\n\tid = "1"\n  title = "一"\n\n[[ item ]]\nid = "1.1"\ntitle = "甲"\n\n'
    '[[item]]  # 二\nid = "2"\ntitle = "二"\n',
    "quoted_keys": HEAD
    + '[[item]]\n"id" = "1"\n\'title\' = "一"\n\n[[item]]\nid = "1.1"\ntitle = "甲"\n',
    "removed_between": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\n\n[[removed]]\nat = 2023-02-01T09:00:00+08:00\nby = "张三"\n'
    'action = "remove"\nparent = "1"\nposition = 0\n\n[[removed.item]]\nid = "1.9"\n'
    'title = "旧"\n\n[[removed.item.log]]\nat = 2023-02-01T09:00:00+08:00\nby = "张三"\n'
    'action = "remove"\nbefore = { id = "1.9", title = "旧" }\n\n[[item]]\nid = "1.1"\ntitle = "甲"\n',
    "mixed_newlines": HEAD
    + '[[item]]\r\nid = "1"\r\ntitle = "一"\n\n[[item]]\nid = "1.1"\r\ntitle = "甲"\r\n',
    "bom_no_final_newline": "\ufeff"
    + HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "甲"',
    "white_space_tail": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "甲"\n   \n\t\n',
    "last_line_key_comment_no_newline": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "甲" # 注',
    "item_header_comment_lookalike": HEAD
    + '[[item]]\nid = "1"\ntitle = "一"\nnote_x = "[[item]]"\n\n[[item]]\nid = "1.1"\n'
    "title = \"甲\"\nq = '''\n[[item]]\n'''\n",
    "cr_only_in_string": HEAD
    + '[[item]]\nid = "1"\ntitle = "一\\r二"\n\n[[item]]\nid = "1.1"\ntitle = "甲"\n',
}


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("parent", ["first", "last", "", "leaf"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("warm", [False, True])
def test_add_writes_the_bytes_the_whole_write_writes(
    tmp_path: Path, name: str, parent: str, newline: str, warm: bool
):
    text = FILES[name]
    if name == "mixed_newlines" and newline != "\n":
        pytest.skip("a bare CR")
    path = tmp_path / "probe.toml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    from quanhu_plan import store

    try:
        ids = [i.id for i in store.plan_from_text(text.lstrip("\ufeff"), "x").item_list()]
    except Exception as exc:  # noqa: BLE001
        pytest.skip("unreadable: " + repr(exc)[:300])
    pick = {"first": ids[0], "last": ids[-1], "": "", "leaf": ids[1]}[parent]
    raw = text.replace("\n", newline).encode("utf-8")
    try:
        new, took = _add(tmp_path / "new", raw, pick, whole=False, warm=warm)
    except Exception as exc:  # noqa: BLE001
        new, took = repr(exc).encode(), []
    try:
        old, _ = _add(tmp_path / "old", raw, pick, whole=True, warm=warm)
    except Exception as exc:  # noqa: BLE001
        old = repr(exc).encode()
    print(name, pick, took)
    assert new == old
    if took == [True]:
        check = CliRunner().invoke(app, ["--file", str(tmp_path / "new" / "plan.toml"), "check"])
        assert check.exit_code in (0,), check.output


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("chunk", [1, 2, 256])
def test_adds_and_reads_print_and_write_alike_with_the_cache_on_and_off(
    tmp_path, monkeypatch, name, chunk
):
    import datetime as dt

    from quanhu_plan import store
    from quanhu_plan.changes import Stamp
    from quanhu_plan.store import cache

    stamp = Stamp("测试员", dt.datetime(2023, 6, 1, 9, 30, tzinfo=dt.UTC))
    monkeypatch.setattr(Stamp, "current", classmethod(lambda cls, by: cls(by, stamp.now)))
    monkeypatch.setattr(cache, "CHUNK", chunk)
    text = FILES[name]
    ids = [i.id for i in store.plan_from_text(text.lstrip("\ufeff"), "x").item_list()]
    runs = []
    for mode in ("qqon", "qqno"):  # (paths of one length: a long one folds)
        path = tmp_path / mode / "plan.toml"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(
            "QUANHU_PLAN_CACHE", str(tmp_path / "cache") if mode == "qqon" else "off"
        )
        outputs = []
        for args in (
            ["status"],
            ["add", ids[0], "新一", "--owner", "王五", "--due", "2023-09", "--target", "5"],
            ["status"],
            ["list"],
            ["add", "", "新部分"],
            ["list", "--flat"],
            ["add", ids[-1], "任务下"],
            ["status"],
            ["undo"],
            ["add", ids[0], "再加", "-n", "说明"],
            ["log"],
            ["show", ids[0]],
            ["check"],
            ["list", "--json"],
        ):
            result = CliRunner().invoke(app, ["--file", str(path), *args])
            outputs.append((args, result.exit_code, result.output.replace(mode, "X")))
        runs.append((outputs, path.read_bytes()))
    for a, b in zip(runs[0][0], runs[1][0], strict=True):
        assert a == b
    assert runs[0][1] == runs[1][1]


HAND = FILES["comments_after_block"]


def _spy_added(monkeypatch):
    from quanhu_plan.store import plan_file

    took: list[bool] = []
    real = plan_file._save_added

    def spy(*args):
        took.append(None)  # (called; a write that fails raises)
        added = real(*args)
        took[-1] = added is not None
        return added

    monkeypatch.setattr(plan_file, "_save_added", spy)
    return took


@pytest.mark.parametrize(
    "step", ["lock", "mkstemp", "write", "fsync", "chmod", "short", "held_by", "replace"]
)
def test_add_failing_at_each_step_leaves_the_file(tmp_path, monkeypatch, step):
    import errno
    import os

    from quanhu_plan.store.spliced import Spliced

    from .test_no_data_loss import _inject, temps

    path = tmp_path / "plan.toml"
    path.write_text(HAND, encoding="utf-8")
    assert CliRunner().invoke(app, ["--file", str(path), "status"]).exit_code == 0
    took = _spy_added(monkeypatch)
    if step == "short":
        real = Spliced.write_to
        monkeypatch.setattr(
            Spliced, "write_to", lambda self, h: h.write(memoryview(self.joined())[:-3])
        )
        del real
    elif step == "held_by":
        monkeypatch.setattr(Spliced, "held_by", lambda self, p: False)
    else:
        _inject(step, monkeypatch)
    result = CliRunner().invoke(app, ["--file", str(path), "add", "1", "新的"])
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "原文件没有改动" in result.stderr
    assert path.read_bytes() == HAND.encode("utf-8")
    assert temps(tmp_path) == []
    if step != "lock":
        assert took == [None]  # the spliced write was the one that failed
    del errno, os


def test_add_after_a_hand_edit_of_the_same_size_and_time(tmp_path, monkeypatch):
    import os

    path = tmp_path / "plan.toml"
    path.write_text(HAND, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(path), "status"]).exit_code == 0
    st = os.stat(path)
    edited = HAND.replace('title = "甲"', 'title = "乙"').replace('id = "2"', 'id = "3"')
    assert len(edited.encode()) == st.st_size
    with open(path, "r+b") as handle:
        handle.write(edited.encode("utf-8"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_mtime_ns == st.st_mtime_ns
    out = runner.invoke(app, ["--file", str(path), "add", "", "新部分"])
    assert out.exit_code == 0, out.output
    assert "4" in out.output  # after ids 1 and 3: a new part 4
    text = path.read_text(encoding="utf-8")
    assert 'title = "乙"' in text and 'id = "3"' in text and 'id = "4"' in text
    shown = runner.invoke(app, ["--file", str(path), "list"])
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    assert shown.output == runner.invoke(app, ["--file", str(path), "list"]).output


def test_add_through_a_symlink_keeps_the_link(tmp_path):
    import os

    target = tmp_path / "real" / "plan.toml"
    target.parent.mkdir()
    target.write_text(HAND, encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(link), "status"]).exit_code == 0
    out = runner.invoke(app, ["--file", str(link), "add", "1", "新的"])
    assert out.exit_code == 0, out.output
    assert os.path.islink(link)
    assert "新的" in target.read_text(encoding="utf-8")


def test_add_to_a_read_only_plan_is_refused(tmp_path):
    import os

    path = tmp_path / "plan.toml"
    path.write_text(HAND, encoding="utf-8")
    os.chmod(path, 0o444)
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(path), "status"]).exit_code == 0
    out = runner.invoke(app, ["--file", str(path), "add", "1", "新的"])
    assert out.exit_code == 1
    assert "Traceback" not in out.output
    assert path.read_text(encoding="utf-8") == HAND


def _adder(path: str, number: int, start) -> None:
    import datetime as dt

    from quanhu_plan import guard, store, structure
    from quanhu_plan.changes import Stamp

    start.wait()
    for count in range(10):
        stamp = Stamp("w", dt.datetime.now(dt.UTC))

        def change(plan, count=count, stamp=stamp):
            return structure.add(plan, "1", f"w{number}-{count}", stamp)

        store.update(store.PlanSource(Path(path)), lambda plan: guard.checked(plan, change))


def test_four_processes_adding_at_once_lose_no_item(tmp_path):
    import multiprocessing
    import os

    from quanhu_plan import store

    path = tmp_path / "plan.toml"
    path.write_text(HAND, encoding="utf-8")
    assert CliRunner().invoke(app, ["--file", str(path), "status"]).exit_code == 0
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [context.Process(target=_adder, args=(str(path), n, start)) for n in range(4)]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * 4
    text = path.read_text(encoding="utf-8")
    plan = store.plan_from_text(text, "x")
    titles = sorted(i.data["title"] for i in plan.item_list() if i.id.startswith("1."))
    assert titles == sorted(["甲"] + [f"w{n}-{c}" for n in range(4) for c in range(10)])
    lines = iter(text.splitlines())
    assert all(line in lines for line in HAND.splitlines())  # every line kept, in order
    runner = CliRunner()
    warm = runner.invoke(app, ["--file", str(path), "list"]).output
    os.environ["QUANHU_PLAN_CACHE"] = "off"
    assert warm == runner.invoke(app, ["--file", str(path), "list"]).output
