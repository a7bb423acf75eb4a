"""A plan file emptied, or left with blanks alone, is called empty by every command, a change
too (it was refused as a plan without its [plan] table, whose fix, writing one, loses the way
back to the plan that was there), and left as it was: whatever the blanks are, those TOML takes
and those it does not (the ideographic space an IME types, a no-break space). A plan between
blank lines is read and changed as before. (``plan_text.parse_plan``, which asks
``str.isspace`` instead of copying the whole text with ``strip``.)"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

runner = CliRunner()

BLANKS = {
    "nothing": "",
    "bom": "\ufeff",
    "tabs-and-lines": " \t\r\n\n\t \n",
    "bom-and-lines": "\ufeff\n\n",
    "ideographic": "\u3000\u3000\n",
    "no-break": "\xa0\n \xa0",
    "form-feed": "\f\v\n",
}
COMMANDS = (
    ["status"],
    ["check"],
    ["list"],
    ["done", "1"],
    ["note", "1", "进展顺利"],
    ["add", "1", "新任务"],
    ["fmt"],
    ["undo"],
)


@pytest.mark.parametrize("text", BLANKS.values(), ids=BLANKS.keys())
def test_every_command_calls_a_file_of_blanks_empty_and_leaves_it(plan_file, text):
    data = text.encode("utf-8")
    plan_file.write_bytes(data)
    for command in COMMANDS:
        english = runner.invoke(app, ["--lang", "en", *command])
        assert english.exit_code == 1, (command, english.output)
        assert "is empty" in english.output and "git" in english.output, command
        assert "[plan] table" not in english.output and "Traceback" not in english.output
        chinese = runner.invoke(app, command)
        assert chinese.exit_code == 1 and "是空的" in chinese.output, (command, chinese.output)
    assert plan_file.read_bytes() == data
    assert sorted(path.name for path in plan_file.parent.iterdir()) == [plan_file.name]


def test_a_plan_between_blank_lines_is_read_and_changed(plan_file):
    body = '[plan]\ntitle = "测试镇2023年工作计划"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "招商引资"\n'
    plan_file.write_text("\n \t\n" + body + "\n\n  \n", encoding="utf-8")
    shown = runner.invoke(app, ["--lang", "en", "status"])
    assert shown.exit_code == 0, shown.output
    assert "招商引资" in runner.invoke(app, ["list"]).output
    done = runner.invoke(app, ["done", "1", "--on", "2023-06-30"])
    assert done.exit_code == 0, done.output
    written = plan_file.read_text(encoding="utf-8")
    assert written.startswith("\n \t\n[plan]") and written.endswith("\n\n  \n")
    assert 'status = "done"' in written
