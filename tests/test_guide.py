"""Every example in the user guide (docs/使用说明.md), the README's 五分钟上手 and the English
reference (docs/reference.md) is run, so the documents cannot drift from the program.

The convention, for whoever writes the guide:
- Each ```console block is run, the blocks of a document in order, in one empty folder (with a
  copy of the repo's examples/), as a reader would type them. ```sh blocks are shown, not run.
- A line starting with ``$ `` is a command: ``plan …`` (run through CliRunner, at 80 columns,
  without PLAN_FILE or PLAN_LANG, so the plan found is ./plan.toml or the embedded one), ``cd``,
  ``mkdir`` or ``git …`` (the real git, whose merge driver ``plan merge`` runs this checkout).
  A comment on it saying ``退出码 N`` means the command must exit N; otherwise it must exit 0.
- The lines under a command are what it prints: each must be a line of its output, in that
  order. ``…`` stands for any text (a path, the rest of a long line); a line that is only ``…``
  stands for lines left out, and blank lines are not compared.
- A block that cannot run here (it needs a county's shared folder, a workbook the repo does not
  have) is marked ``<!-- 不运行：why -->`` (or ``<!-- not run: why -->``) on a line before it and
  is skipped; every other ```console block of the README and docs/ runs (checked below).
- The clock of the changes (their ``at``, and the day a change happens when ``--on`` is not
  given) is set by a comment ``<!-- 示例时间：2023-06-28 17:30 -->`` before a block, and moves
  on a minute with each command; the login name (the default ``--by``) is 王五.
Run with GUIDE_OUTPUT=file to write every command's real output there (to copy from).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app

from .conftest import REPO

GUIDE = REPO / "docs" / "使用说明.md"
README = REPO / "README.md"
REFERENCE = REPO / "docs" / "reference.md"
RUN = (README, GUIDE, REFERENCE)  # the documents whose console blocks are run
CHINA = dt.timezone(dt.timedelta(hours=8))
CLOCK = re.compile(r"<!-- 示例时间：(\d{4}-\d\d-\d\d \d\d:\d\d) -->")
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.S | re.M)
NOT_RUN = re.compile(r"^<!-- (?:不运行|not run)[：:] *(.*?) *-->$", re.M)


@dataclass
class Step:
    line: int  # in the document, for messages
    command: str
    shown: list[str]
    exit_code: int = 0
    clock: dt.datetime | None = None  # set the clock to this before the command


def steps(text: str) -> list[Step]:
    """The commands of every console block in ``text``, in order, with what they print."""
    found: list[Step] = []
    clock: dt.datetime | None = None
    skip = False
    events = [(m.start(), "clock", m) for m in CLOCK.finditer(text)]
    events += [(m.start(), "skip", m) for m in NOT_RUN.finditer(text)]
    events += [(m.start(), "block", m) for m in BLOCK.finditer(text)]
    for start, kind, match in sorted(events, key=lambda event: event[0]):
        if kind == "clock":
            clock = dt.datetime.fromisoformat(match.group(1)).replace(tzinfo=CHINA)
            continue
        if kind == "skip":
            skip = True
            continue
        if skip:  # an illustration: shown, not run
            skip = False
            continue
        first_line = text.count("\n", 0, start) + 2
        for offset, line in enumerate(match.group(1).splitlines()):
            if line.startswith("$ "):
                code = re.search(r"#.*退出码\s*(\d+)", line)
                found.append(
                    Step(first_line + offset, line[2:], [], int(code.group(1)) if code else 0)
                )
                found[-1].clock, clock = clock, None
            elif found and found[-1].line >= first_line:
                found[-1].shown.append(line.rstrip())
            else:
                pytest.fail(f"line {first_line + offset}: output before any command: {line!r}")
    return found


def pattern(shown: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in shown.split("…")))


def missing(shown: list[str], printed: list[str]) -> str | None:
    """The first shown line not found in ``printed`` (after the lines matched before it)."""
    at = 0
    for line in shown:
        if not line.strip() or line.strip() == "…":
            continue
        wanted = pattern(line)
        while at < len(printed) and not wanted.fullmatch(printed[at]):
            at += 1
        if at == len(printed):
            return line
        at += 1
    return None


def plan_program(where: Path) -> Path:
    """A folder holding a ``plan`` that runs this checkout (``python -m quanhu_plan``)."""
    folder = where / "bin"
    folder.mkdir(exist_ok=True)
    program = folder / "plan"
    program.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m quanhu_plan "$@"\n', encoding="utf-8"
    )
    program.chmod(0o755)
    return folder


class Reader:
    """Types the commands of a document, one after the other, in ``folder``."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.monkeypatch = monkeypatch
        self.now = dt.datetime(2023, 1, 4, 9, 0, tzinfo=CHINA)
        monkeypatch.setattr(Stamp, "current", classmethod(lambda cls, by: cls(by, self.tick())))
        monkeypatch.delenv("PLAN_FILE")
        monkeypatch.setenv("COLUMNS", "80")
        for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
            monkeypatch.setenv(name, "王五")
        # git runs the merge driver as `plan merge`: a `plan` that is this checkout's
        monkeypatch.setenv("PATH", f"{plan_program(folder.parent)}{os.pathsep}{os.environ['PATH']}")
        for name, value in (("NAME", "王五"), ("EMAIL", "wangwu@example.com")):
            for role in ("AUTHOR", "COMMITTER"):
                monkeypatch.setenv(f"GIT_{role}_{name}", value)
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(folder.parent / "gitconfig"))
        monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        monkeypatch.chdir(folder)
        shutil.copytree(REPO / "examples", folder / "examples")

    def tick(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now

    def run(self, step: Step) -> tuple[int, str]:
        if step.clock is not None:
            self.now = step.clock - dt.timedelta(minutes=1)
        words = shlex.split(step.command, comments=True)
        if words[0] == "plan":
            result = CliRunner().invoke(app, words[1:])
            return result.exit_code, result.output
        if words[0] == "cd":
            self.monkeypatch.chdir(Path.cwd() / words[1])
            return 0, ""
        if words[0] == "mkdir":
            (Path.cwd() / words[-1]).mkdir(parents="-p" in words)
            return 0, ""
        if words[0] == "git":
            done = subprocess.run(words, capture_output=True, text=True, encoding="utf-8")
            return done.returncode, done.stdout + done.stderr
        pytest.fail(f"{step.command}: the guide's tests run plan, cd, mkdir and git only")


def run_document(path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the document's commands in China's time zone (the times a log shows are local)."""
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "CST-8"
    if hasattr(time, "tzset"):
        time.tzset()
    try:
        run_commands(path, folder, monkeypatch)
    finally:
        if zone is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = zone
        if hasattr(time, "tzset"):
            time.tzset()


def run_commands(path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    reader = Reader(folder, monkeypatch)
    record = os.environ.get("GUIDE_OUTPUT")
    said: list[str] = []
    for step in steps(text):
        code, output = reader.run(step)
        said += [f"$ {step.command}  [exit {code}]", output]
        if record:
            Path(record).write_text("\n".join(said), encoding="utf-8")
        where = f"{path.name}:{step.line}: $ {step.command}"
        assert code == step.exit_code, f"{where} exited {code}:\n{output}"
        printed = [line.rstrip() for line in output.splitlines()]
        line = missing(step.shown, printed)
        assert line is None, f"{where} did not print\n  {line}\nbut:\n{output}"


needs_git = pytest.mark.skipif(
    shutil.which("git") is None or os.name != "posix", reason="the guide runs git and sh"
)


@needs_git
def test_every_example_in_the_user_guide_runs_and_prints_what_it_shows(monkeypatch):
    import tempfile

    # A short folder, as a user's is: plan check's line with the plan's path folds at 80
    # columns where the path is as long as pytest's.
    with tempfile.TemporaryDirectory(prefix="g") as short:
        folder = Path(short) / "台账"
        folder.mkdir()
        run_document(GUIDE, folder, monkeypatch)


def test_the_readme_tour_runs_and_prints_what_it_shows(tmp_path, monkeypatch):
    folder = tmp_path / "台账练习"
    folder.mkdir()
    run_document(README, folder, monkeypatch)


def test_every_example_in_the_reference_runs_and_prints_what_it_shows(tmp_path, monkeypatch):
    folder = tmp_path / "quanhu"
    folder.mkdir()
    run_document(REFERENCE, folder, monkeypatch)


def not_run(text: str) -> list[tuple[int, str | None]]:
    """Each console block of ``text``: its line and, if it is marked not to run, why."""
    marks = [(m.start(), m.group(1)) for m in NOT_RUN.finditer(text)]
    found: list[tuple[int, str | None]] = []
    after = 0
    for match in BLOCK.finditer(text):
        reason = next((why for at, why in marks if after <= at < match.start()), None)
        found.append((text.count("\n", 0, match.start()) + 1, reason))
        after = match.end()
    return found


@pytest.mark.parametrize(
    "document", [README, *sorted((REPO / "docs").glob("*.md"))], ids=lambda path: path.name
)
def test_every_console_block_of_the_docs_is_run_or_says_why_not(document):
    text = document.read_text(encoding="utf-8")
    for line, reason in not_run(text):
        if reason is None:
            assert document in RUN, f"{document.name}:{line}: a console block no test runs"
        else:
            assert reason.strip(), f"{document.name}:{line}: marked not run without saying why"
    marks = len(NOT_RUN.findall(text))
    assert marks == sum(1 for _, reason in not_run(text) if reason is not None), (
        f"{document.name}: a not-run mark with no console block after it"
    )


def test_the_guide_shows_commands_with_their_output():
    """The guide is examples with output, not a list of commands: most commands show some."""
    found = steps(GUIDE.read_text(encoding="utf-8"))
    plan_steps = [step for step in found if step.command.startswith("plan ")]
    assert len(plan_steps) >= 30
    shown = [step for step in plan_steps if any(line.strip() for line in step.shown)]
    assert len(shown) >= len(plan_steps) * 2 // 3


@pytest.mark.parametrize(
    ("shown", "printed", "expected"),
    [
        (["a", "…", "c"], ["a", "b", "c"], None),
        (["c", "a"], ["a", "b", "c"], "a"),
        (["已写入 …/plan.toml。"], ["已写入 /tmp/x/plan.toml。"], None),
        (["已写入 plan.toml"], ["已写入 plan.toml。"], "已写入 plan.toml"),
    ],
)
def test_shown_lines_must_be_printed_in_order_with_dots_for_any_text(shown, printed, expected):
    assert missing(shown, printed) == expected


LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation left out, spaces as hyphens."""
    kept = "".join(c for c in heading.strip().lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


@pytest.mark.parametrize(
    "document", [README, *sorted((REPO / "docs").glob("*.md"))], ids=lambda path: path.name
)
def test_every_link_in_the_readme_and_docs_leads_somewhere(document):
    text = document.read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```$", "", text, flags=re.S | re.M)  # links in code are not links
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        assert linked.exists(), f"{document.name}: {target} names no file"
        if anchor:
            headings = re.findall(r"^#+ (.*)$", linked.read_text(encoding="utf-8"), re.M)
            assert anchor in {slug(h) for h in headings}, f"{document.name}: no heading #{anchor}"
