"""The README and docs/ stay true: the command reference (docs/commands.md) is the program's own
help, the samples are real output, and the README's test command is what CI runs.
UPDATE_README=1 rewrites the generated parts. (tests/test_guide.py runs the user guide.)"""

from __future__ import annotations

import os
import re
import shlex

import pytest
import typer.main
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
# Where each generated part lives.
GENERATED = {
    "commands": DOCS / "commands.md",
    "status-sample": README,
    "report-sample": DOCS / "reference.md",
}


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return list(group.commands)  # type: ignore[attr-defined]


def help_text(*args: str) -> str:
    # The reference is the English help (plan --lang en); tests/test_language.py checks the
    # Chinese help has every text.
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "100", "PLAN_LANG": "en"})
    assert result.exit_code == 0, result.output
    return result.output.rstrip()


def command_reference() -> str:
    parts = ["```text", "$ plan --help", help_text(), "```"]
    for name in command_names():
        parts += [
            "",
            f"## plan {name}",
            "",
            "```text",
            f"$ plan {name} --help",
            help_text(name),
            "```",
        ]
    return "\n".join(parts)


def status_sample(monkeypatch: pytest.MonkeyPatch) -> str:
    """The README's first example, at 80 columns (a terminal as the office has it)."""
    monkeypatch.delenv("PLAN_FILE")
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(app, ["status", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()]
    return "\n".join(["```console", "$ plan status --as-of 2023-06-30", *lines, "```"])


REPORT_SAMPLE_LINES = 36


def report_sample() -> str:
    example = REPO / "examples" / "quanhu-2022.toml"
    result = CliRunner().invoke(app, ["-f", str(example), "report"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()][:REPORT_SAMPLE_LINES]
    return "\n".join(
        ["```console", "$ plan -f examples/quanhu-2022.toml report", *lines, "…", "```"]
    )


def generated(name: str, text: str) -> str:
    """The document holding ``name`` with the block between its markers set to ``text``."""
    document = GENERATED[name].read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name} start -->\n).*?(<!-- {name} end -->)", re.S)
    assert pattern.search(document), f"{GENERATED[name].name} lacks the {name} markers"
    return pattern.sub(lambda m: m.group(1) + text + "\n" + m.group(2), document)


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_parts_of_the_docs_are_up_to_date(name, monkeypatch):
    if name == "commands":
        text = command_reference()
    elif name == "status-sample":
        text = status_sample(monkeypatch)
    else:
        text = report_sample()
    updated = generated(name, text)
    if os.environ.get("UPDATE_README"):
        GENERATED[name].write_text(updated, encoding="utf-8")
    assert updated == GENERATED[name].read_text(encoding="utf-8"), (
        f"{GENERATED[name].name} {name} is stale: "
        "run UPDATE_README=1 python -m pytest tests/test_docs.py"
    )


def test_every_command_and_option_has_help():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"plan {name} has no help"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"plan {name} {param.opts[0]} has no help"


def test_readme_test_command_is_what_ci_runs():
    readme = README.read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"```sh\n{ci}\n```" in readme


def test_readme_first_command_installs_and_runs_status():
    readme = README.read_text(encoding="utf-8")
    assert (
        "```sh\npython3 -m venv .venv && .venv/bin/pip install . && .venv/bin/plan status\n```"
        in readme
    )


def test_reference_change_example_is_real_output(plan_file):
    plan_file.write_bytes((REPO / "plan.toml").read_bytes())
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    command, printed = re.search(r"\$ plan (done 5\.5\.1 [^\n]*)\n([^\n]*)", reference).groups()
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == printed


def test_every_command_of_the_references_tour_runs(isolated, monkeypatch):
    """The tour at the top of docs/reference.md, run as written, one after another, in a folder
    where plan init makes the plan (before it: the embedded plan): every command works and the
    files it names are written."""
    monkeypatch.delenv("PLAN_FILE")
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    tour = reference.split("## A tour", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    commands = [shlex.split(line[2:], comments=True) for line in tour.splitlines() if line]
    assert len(commands) >= 8 and all(words[0] == "plan" for words in commands)
    for words in commands:
        result = CliRunner().invoke(app, words[1:])
        assert result.exit_code == 0, (words, result.output)
    assert (isolated.parent / "plan.toml").exists()
    assert (isolated.parent / "2023年终总结.docx").stat().st_size > 0
    assert (isolated.parent / "6月推进情况表.xlsx").stat().st_size > 0
