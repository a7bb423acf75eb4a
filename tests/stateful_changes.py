"""A model-based walk over the change commands: random sequences of done, progress, record,
note, edit, block, drop, reopen, start, add, rm, move and undo (several in a row), some made
by a colleague (--by: undo never takes theirs back, and refuses where theirs stands), with the
clock moving forward through 2023 and hostile texts, driven through the real CLI (CliRunner)
on a copy of a plan. After every step it checks what the README and the reference promise:

- the exit code is 0, 1 or 2 and nothing prints a traceback;
- a refused command leaves the file byte for byte as it was;
- after a command that succeeded the file is TOML and ``plan check`` finds no problem;
- ``plan log`` names the change, on the item it was made to;
- undo gives back every line the change took, byte for byte (trace lines aside; a field the
  change removed comes back where the canonical order puts it, as docs/format.md says);
- ``status --as-of D`` for a day D prints what ``status`` printed on D (while nothing recorded
  since counts on D or before it: a change told late with --on, or an undo, which the
  reference says count so); the clock starts after every ``done_on`` the plans hold;
- ``export`` to a workbook, ``import`` of it and ``export`` again give the same table, where
  the plan holds nothing the reference's "Round trip" says the table cannot carry.

Not collected by pytest on its own (its name does not start with test_): tests/
test_stateful_changes.py runs a few derandomized walks; ``python benchmarks/stateful.py``
runs many (minutes).
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import json
import re
import shutil
import tempfile
import tomllib
import types
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import typer.main
import typer.testing
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app

app_module = importlib.import_module("quanhu_plan.cli.app")  # the module, not the Typer app

REPO = Path(__file__).resolve().parent.parent
CST = dt.timezone(dt.timedelta(hours=8))
YEAR_END = dt.date(2023, 12, 31)

# One click command for the whole walk (see conftest: building it is most of an invoke's time).
_COMMAND = typer.main.get_command(app)

HOSTILE = [
    "[x] 已完成",
    '他说"好"',
    "it's",
    "'''",
    '"""',
    '\\"',
    "# 不是注释",
    "a # b",
    "第一行\n第二行",
    "第一行\r\n第二行",
    "行尾\n",
    "\r",
    "\x1b[2J清屏",
    "\x07铃\x7f",
    "\t制表\t",
    "乡村振兴",
    "路" * 3000,
    "\\n\\t",
    "段\u2028落\u2029",
    "\u202e反向",
    "=1+1",
    "-5",
    "  前后空格  ",
    " ",
    "🙂👨\u200d👩\u200d👧",
    '[[item]]\nid = "9"',
    "x = 1",
    "全角：１２３，",
]

PLAIN = ["王五", "李四、赵六", "综治办", "农业股", "验收单.pdf", "亩", "万亩", "处"]


def _hand_written() -> str:
    from .test_minimal_edit import HAND_WRITTEN as text

    return text


def _hand_layouts() -> str:
    """CRLF in some lines only, a comment on an item's header line, spaces inside brackets."""
    from .test_hand_layouts import PLAN

    return (
        PLAN.replace("year = 2023\n", "year = 2023\r\n")
        .replace('[[item]]\nid = "1.1"', '[[item]]   # 修塘一项\nid = "1.1"')
        .replace('[[item]]\nid = "1.2"', '[[ item ]]\r\nid = "1.2"')
    )


def _no_final_line_end() -> str:
    from .test_hand_layouts import NO_FINAL_LINE_END

    return NO_FINAL_LINE_END


def _small() -> str:
    from .conftest import SMALL_ITEMS, plan_doc

    return dumps(plan_doc(SMALL_ITEMS))


def plan_texts() -> dict[str, bytes]:
    """The plans a walk starts from, as bytes."""
    hand = _hand_written()
    return {
        "2023": (REPO / "plan.toml").read_bytes(),
        "small": _small().encode("utf-8"),
        "hand": hand.encode("utf-8"),
        "hand-bom-crlf": b"\xef\xbb\xbf" + hand.replace("\n", "\r\n").encode("utf-8"),
        "layouts-some-crlf": _hand_layouts().encode("utf-8"),
        "no-final-line-end": _no_final_line_end().encode("utf-8"),
    }


def lines_lost(before: bytes, after: bytes) -> list[bytes]:
    """The lines (with their line ends) of ``before`` that ``after`` no longer has."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        line for tag, i, j, _, _ in matcher.get_opcodes() if tag != "equal" for line in old[i:j]
    ]


TRACE_HEADERS = (b"[[item.log]]", b"[[plan.log]]", b"[[removed", b"[[ removed")


def written_lines(raw: bytes) -> list[bytes]:
    """The file's lines that are not the trace nor blank, in order: the lines of [[item.log]],
    [[plan.log]] and [[removed…]] blocks left out (a comment right above a header goes with
    that header's block). The last line gets its line end, which a change may give it."""
    lines = raw.splitlines(keepends=True)
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += b"\r\n" if b"\r\n" in raw else b"\n"
    kept: list[bytes] = []
    pending: list[bytes] = []  # comments waiting for the header they stand above
    inside = False
    for line in lines:
        bare = line.lstrip(b"\xef\xbb\xbf").strip()
        if not bare:
            continue
        if bare.startswith(b"#"):
            pending.append(line)
            continue
        if bare.startswith(b"["):
            inside = bare.startswith(TRACE_HEADERS)
        if not inside:
            kept += pending
            kept.append(line)
        pending = []
    return kept + pending


@dataclass
class Change:
    before: bytes  # the file before it
    counts_from: dt.date  # the first day it counts on (its --on, else the day it was made)
    removed_fields: bool  # it took a field out of a table (undo puts it back canonically)
    mixed: bool = False  # a colleague changed the plan since: undo may refuse, lines may differ


def fields(raw: bytes) -> dict[str, dict[str, Any]]:
    """Each table's fields but its log, by item id ("" for [plan])."""
    doc = tomllib.loads(raw.decode("utf-8-sig"))
    tables = {"": doc.get("plan", {})} | {str(i["id"]): i for i in doc.get("item", [])}
    return {k: {f: v for f, v in t.items() if f != "log"} for k, t in tables.items()}


def takes_fields_out(before: bytes, after: bytes) -> bool:
    old, new = fields(before), fields(after)
    return any(set(old[k]) - set(new[k]) for k in old.keys() & new.keys())


def comments(raw: bytes) -> list[bytes]:
    return [
        line for line in raw.splitlines() if line.lstrip(b"\xef\xbb\xbf").strip().startswith(b"#")
    ]


ACTION = {
    "done": {"done", "edit"},
    "progress": {"progress"},
    "record": {"record", "done"},
    "note": {"note"},
    "edit": {"edit"},
    "block": {"block"},
    "drop": {"drop"},
    "reopen": {"reopen"},
    "start": {"start"},
    "add": {"add"},
    "rm": {"remove"},
    "move": {"move"},
    "undo": {"undo"},
}


# Fields the 推进情况表 does not carry, which change its figures: an item moved away from the
# parent its id implies is numbered by its place; weight, start and a direction the target's
# words do not say are left behind (and a target its target_text does not state).
LOST_IN_TABLE = {"parent", "weight", "start", "direction", "milestone"}


class Failure(AssertionError):
    pass


class ChangeWalk(RuleBasedStateMachine):
    """One plan file, one clock, one user."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="walk-"))
        self.path = self.dir / "plan.toml"
        self.now = dt.datetime(2023, 4, 3, 9, tzinfo=CST)  # after every done_on the files hold
        self.changes: list[Change] = []  # mine, not undone, newest last
        self.said: dict[dt.date, str] = {}  # day -> what `status` printed that day
        self.steps: list[list[str]] = []
        self.kind = ""
        self.patches = ExitStack()
        walk = self
        self.patches.enter_context(
            mock.patch.object(Stamp, "current", classmethod(lambda cls, by: cls(by, walk.now)))
        )

        class Today(dt.date):
            @classmethod
            def today(cls) -> dt.date:
                return walk.now.date()

        shim = types.SimpleNamespace(
            **{k: getattr(dt, k) for k in dir(dt) if not k.startswith("__")}
        )
        shim.date = Today
        self.patches.enter_context(mock.patch.object(app_module, "dt", shim))
        self.patches.enter_context(
            mock.patch.object(typer.testing, "_get_command", lambda typer_app: _COMMAND)
        )
        self.env = {
            "QUANHU_PLAN_CACHE": str(self.dir / "cache"),
            "PLAN_LANG": None,
            "LC_ALL": None,
            "LC_MESSAGES": None,
            "LANG": "C.UTF-8",
            "COLUMNS": "120",
            "TERM": "dumb",
            "NO_COLOR": "1",
            "PLAN_FILE": None,
        }

    def teardown(self) -> None:
        self.patches.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- running ------------------------------------------------------------------------------

    def invoke(self, *args: str) -> Any:
        result = CliRunner().invoke(app, ["--file", str(self.path), *args], env=self.env)
        output = result.output
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, output, result.exception)
        assert "Traceback" not in output, (args, output)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise Failure(f"{args}: {result.exception!r}\n{output}") from result.exception
        return result

    def read(self, *args: str) -> str:
        result = self.invoke(*args)
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    def items(self) -> list[dict[str, Any]]:
        return tomllib.loads(self.path.read_bytes().decode("utf-8-sig")).get("item", [])

    def day(self) -> dt.date:
        return self.now.date()

    def change(
        self, args: list[str], on: dt.date | None, touched: str | None, mine: bool = True
    ) -> None:
        """Run a change command and check what every change keeps."""
        before = self.path.read_bytes()
        if touched not in {i["id"] for i in self.items()}:
            touched = None  # a title fragment: log names the id it found
        self.steps.append(args)
        result = self.invoke(*args)
        after = self.path.read_bytes()
        if result.exit_code != 0:
            assert after == before, ("refused but written", args, result.output)
            return
        self.after_success(args, result)
        if after == before:  # nothing to change (the same value again)
            return
        counts_from = min(on or self.day(), self.day())
        if mine:
            self.changes.append(Change(before, counts_from, takes_fields_out(before, after)))
        else:
            for change in self.changes:
                change.mixed = True
        self.forget_said(counts_from)
        entry = self.newest_entry()
        assert entry is not None, args
        assert entry["action"] in ACTION[args[0]], (args, entry)
        if touched is not None and args[0] != "rm":
            assert entry["item_id"] == touched or args[0] in ("done", "record"), (args, entry)

    def after_success(self, args: list[str], result: Any) -> None:
        raw = self.path.read_bytes()
        tomllib.loads(raw.decode("utf-8-sig"))
        checked = self.invoke("check")
        assert checked.exit_code == 0, (short(self.steps[-8:]), checked.output)
        self.said[self.day()] = self.read("status")

    def newest_entry(self) -> dict[str, Any] | None:
        entries = json.loads(self.read("log", "--json", "--limit", "1"))
        return entries[0] if entries else None

    def forget_said(self, first: dt.date) -> None:
        """What status printed on days from ``first`` on is no longer what the replay gives."""
        for day in [d for d in self.said if d >= first and d < self.day()]:
            del self.said[day]

    # -- choosing -----------------------------------------------------------------------------

    def pick_item(self, data: st.DataObject, tasks: bool | None = None) -> str:
        items = self.items()
        if tasks is not None:
            parents = {i.get("parent") for i in items} | {
                i["id"].rsplit(".", 1)[0] for i in items if "." in i["id"]
            }
            chosen = [i for i in items if (i["id"] not in parents) == tasks] or items
        else:
            chosen = items
        if not chosen:
            return "1"
        if data.draw(st.integers(0, 9), label="odd id") == 0:
            return data.draw(st.sampled_from(["9.9", "1.1.1.1", "", "修", "[x]"]), label="id")
        return data.draw(st.sampled_from([i["id"] for i in chosen]), label="id")

    def pick_text(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from(HOSTILE + PLAIN), label="text")

    def pick_on(self, data: st.DataObject) -> dt.date | None:
        if data.draw(st.booleans(), label="with --on"):
            back = data.draw(st.integers(0, 40), label="days back")
            return max(dt.date(2023, 1, 1), self.day() - dt.timedelta(days=back))
        return None

    # -- rules --------------------------------------------------------------------------------

    @initialize(kind=st.sampled_from(sorted(plan_texts())))
    def start_plan(self, kind: str) -> None:
        self.kind = kind
        self.path.write_bytes(plan_texts()[kind])
        checked = self.invoke("check")
        assert checked.exit_code == 0, checked.output
        self.said[self.day()] = self.read("status")

    @precondition(lambda self: self.day() < YEAR_END)
    @rule(days=st.integers(0, 25), hours=st.integers(0, 5))
    def time_passes(self, days: int, hours: int) -> None:
        self.now = min(
            self.now + dt.timedelta(days=days, hours=hours),
            dt.datetime(2023, 12, 31, 20, tzinfo=CST),
        )
        if self.day() not in self.said:
            self.said[self.day()] = self.read("status")

    @rule(
        command=st.sampled_from(
            ["done", "progress", "record", "note", "block", "drop", "reopen", "start"]
        ),
        data=st.data(),
    )
    def status_change(self, command: str, data: st.DataObject) -> None:
        item = self.pick_item(data, tasks=True)
        args = [command, item]
        if command == "progress":
            args.append(
                data.draw(st.sampled_from(["0", "30", "100", "95%", "101", "-5", "x", "５０"]))
            )
        elif command == "record":
            args.append(
                data.draw(
                    st.sampled_from(
                        ["0", "1.5", "20", "40", "1,800", "3.3万亩", "-2.5", "x", "1e400"]
                    )
                )
            )
            if data.draw(st.booleans()):
                args.append("--yes")
        elif command == "note":
            args.append(self.pick_text(data))
        elif command in ("block", "drop"):
            args += ["--reason", self.pick_text(data)]
        if command == "done":
            if data.draw(st.booleans()):
                args += ["--evidence", self.pick_text(data)]
            if data.draw(st.integers(0, 4)) == 0:
                args.append("--all")
        if command != "note" and data.draw(st.integers(0, 3)) == 0:
            args += ["--note", self.pick_text(data)]
        on = self.pick_on(data)
        if on is not None:
            args += ["--on", on.isoformat()]
        self.change(args, on, item)

    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        item = self.pick_item(data)
        args = ["edit", item]
        fields = data.draw(
            st.lists(
                st.sampled_from(
                    [
                        "title",
                        "owner",
                        "lead",
                        "unit",
                        "support",
                        "detail",
                        "due",
                        "start",
                        "measure",
                        "target",
                        "baseline",
                        "target-text",
                        "weight",
                        "reason",
                        "evidence",
                        "direction",
                        "key",
                    ]
                ),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        for name in fields:
            if name in ("due", "start"):
                value = data.draw(
                    st.sampled_from(["2023-06-30", "2023-05", "2023-Q3", "6月底", "", "2023-02-30"])
                )
            elif name in ("target", "baseline", "weight"):
                value = data.draw(st.sampled_from(["40", "3.3", "0", "-1", "", "1,800", "x"]))
            elif name == "direction":
                value = data.draw(st.sampled_from(["up", "down", "", "sideways"]))
            else:
                value = data.draw(st.sampled_from(HOSTILE + PLAIN + [""]))
            args += [f"--{name}", value]
        self.change(args, None, item)

    @rule(data=st.data())
    def add(self, data: st.DataObject) -> None:
        parent = data.draw(st.sampled_from(["top", *[i["id"] for i in self.items()]]))
        args = ["add", parent, self.pick_text(data)]
        if data.draw(st.booleans()):
            args += ["--owner", self.pick_text(data)]
        if data.draw(st.booleans()):
            args += [
                "--target",
                data.draw(st.sampled_from(["40", "3.3万亩", "5"])),
                "--measure",
                "万亩",
            ]
        if data.draw(st.booleans()):
            args += ["--due", data.draw(st.sampled_from(["2023-06-30", "2023-Q4", "2023-05"]))]
        self.change(args, None, None)

    @rule(data=st.data())
    def rm(self, data: st.DataObject) -> None:
        item = self.pick_item(data)
        args = ["rm", item, "--yes"]
        if data.draw(st.booleans()):
            args.append("--recursive")
        self.change(args, None, item)

    @rule(data=st.data())
    def move(self, data: st.DataObject) -> None:
        item = self.pick_item(data)
        parent = data.draw(st.sampled_from(["top", *[i["id"] for i in self.items()]]))
        self.change(["move", item, parent], None, item)

    @rule(times=st.integers(1, 3))
    def undo(self, times: int) -> None:
        for _ in range(times):
            before = self.path.read_bytes()
            self.steps.append(["undo"])
            result = self.invoke("undo")
            after = self.path.read_bytes()
            if not self.changes:
                assert result.exit_code != 0 and after == before, ("undo of nothing", result.output)
                return
            if self.changes[-1].mixed and result.exit_code == 1:
                assert after == before, ("refused but written", result.output)
                return  # a colleague's change since stands on what it would take back
            assert result.exit_code == 0, (short(self.steps[-8:]), result.output)
            self.after_success(["undo"], result)
            change = self.changes.pop()
            if change.mixed:
                pass  # a colleague's lines stand among mine
            elif change.removed_fields:
                # docs/format.md: "a field a change removed comes back where the canonical
                # order puts it, without the comment its line had"; every other line stays.
                assert fields(after) == fields(change.before), short(self.steps[-8:])
                assert set(comments(change.before)) <= set(comments(after)), short(self.steps[-8:])
            else:
                was, now = written_lines(change.before), written_lines(after)
                assert now == was, (
                    self.kind,
                    short(self.steps[-8:]),
                    lines_lost(b"".join(was), b"".join(now)),
                    lines_lost(b"".join(now), b"".join(was)),
                )
            self.forget_said(change.counts_from)
            entry = self.newest_entry()
            assert entry is not None and entry["action"] == "undo", entry
            if change.mixed:
                log = json.loads(self.read("log", "--json", "--all"))
                theirs = [e for e in log if e["by"] == "李四" and "undone" in e]
                assert theirs == [], ("a colleague's change undone", theirs)

    @rule()
    def undo_now(self) -> None:
        """Undo comes up as often as the other changes (rules are drawn evenly)."""
        self.undo(1)

    @rule(data=st.data())
    def tick_off(self, data: st.DataObject) -> None:
        self.status_change("done", data)

    @rule(
        command=st.sampled_from(["progress", "note", "owner", "block", "record", "rm"]),
        data=st.data(),
    )
    def colleague(self, command: str, data: st.DataObject) -> None:
        """A change by someone else (a git merge brings such): undo never takes it back."""
        item = self.pick_item(data, tasks=True)
        if command == "progress":
            args = ["progress", item, "40"]
        elif command == "note":
            args = ["note", item, self.pick_text(data)]
        elif command == "owner":
            args = ["edit", item, "--owner", self.pick_text(data)]
        elif command == "block":
            args = ["block", item, "--reason", "缺资金"]
        elif command == "record":
            args = ["record", item, "20", "--yes"]
        else:
            args = ["rm", item, "--yes"]
        self.change([*args, "--by", "李四"], None, item, mine=False)

    @rule(data=st.data())
    def as_of_replays_what_status_said(self, data: st.DataObject) -> None:
        past = sorted(d for d in self.said if d <= self.day())
        if not past:
            return
        day = data.draw(st.sampled_from(past), label="past day")
        replayed = self.read("status", "--as-of", day.isoformat())
        assert replayed == self.said[day], (
            self.kind,
            day,
            short(self.steps),
            self.said[day],
            replayed,
        )

    @rule()
    def export_import_export(self) -> None:
        first, back, second = (self.dir / n for n in ("t1.xlsx", "back.toml", "t2.xlsx"))
        for p in (first, back, second):
            p.unlink(missing_ok=True)
        items = self.items()
        if any(LOST_IN_TABLE & set(i) for i in items) or any(
            "target" in i and "target_text" in i for i in items
        ):
            return  # what the table cannot carry (docs/reference.md, "Round trip")
        names = [i.get(k) for i in items for k in ("owner", "lead", "lead_unit", "support_units")]
        if any(any(c in str(n) for c in "\n\r\u2028\u2029") for n in names if n):
            return  # a cell's names on lines come back as a list of names (noted, left alone)
        parents = {_parent_id(i) for i in items}
        if any(i["id"] in parents and ("due" in i or "start" in i) for i in items):
            return  # import writes a category row's 完成时限 onto its tasks (noted, left alone)
        if not any("." in str(i["id"]) for i in items):
            return  # ids come back as they were "when they are dotted"; else by position
        exported = self.invoke("export", "--out", str(first))
        if exported.exit_code == 1 and not first.exists():
            return  # no task to export (said so, exit 1)
        assert exported.exit_code == 0, exported.output
        result = CliRunner().invoke(
            app,
            ["import", str(first), "--out", str(back), "--on", self.day().isoformat()],
            env=self.env,
        )
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        result = CliRunner().invoke(
            app, ["--file", str(back), "export", "--out", str(second)], env=self.env
        )
        assert result.exit_code == 0, result.output
        assert cells(first) == cells(second), (self.kind, short(self.steps))

    @invariant()
    def file_is_toml(self) -> None:
        if self.path.exists():
            tomllib.loads(self.path.read_bytes().decode("utf-8-sig"))


def _parent_id(item: dict[str, Any]) -> str:
    return str(item.get("parent", str(item["id"]).rpartition(".")[0]))


def short(steps: list[list[str]]) -> list[list[str]]:
    return [[a if len(a) < 40 else f"{a[:20]}…({len(a)})" for a in step] for step in steps]


def cells(path: Path) -> list[list[Any]]:
    """The workbook's values; a text over lines as one line (the round trip's documented loss:
    a title over several lines comes back on one), the names of a cell as a list (李四、王五 and
    李四，王五， are the same names: README, 责任归属)."""
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [
        [_names(c.value) if 2 <= k <= 5 else _one_line(c.value) for k, c in enumerate(row)]
        for row in sheet.iter_rows()
    ]


def _names(value: Any) -> Any:
    if isinstance(value, str):
        return [n for n in re.split(r"[、，,；;]", _one_line(value)) if n]
    return value


def _one_line(value: Any) -> Any:
    if isinstance(value, str):
        return "".join(value.split())  # joined with a space, or without between Chinese
    return value
