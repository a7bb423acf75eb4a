"""What can stop ``plan export``, in zh and en. PlanErrors (exit 1): the CLI prints them as it
prints every domain error, and nothing is written."""

from __future__ import annotations

from ..errors import OutputIsThePlan, PlanError


class NothingToExport(PlanError):
    """``--part`` / ``--who`` leave no task, or the plan has none: an empty table helps
    nobody."""

    def __init__(self, part: str | None, who: str | None):
        super().__init__(f"no task matches (part {part!r}, who {who!r})")
        self.part, self.who = part, who

    def message(self, lang: str) -> str:
        said = []
        if self.part:
            said.append(f"--part {self.part}")
        if self.who:
            said.append(f"--who {self.who}")
        asked = " ".join(said)
        if not asked:  # no filter: the plan (as on the day) has no task to list
            if lang == "zh":
                return (
                    "计划里还没有任务，没有可导出的内容，没有写入任何文件。"
                    "请先用 plan add 添加任务（或用 plan import 导入任务分解表）。"
                )
            return (
                "The plan has no tasks yet, so there is nothing to export and nothing was "
                "written. Add tasks first with plan add (or plan import a task table)."
            )
        if lang == "zh":
            return f"没有符合条件的任务（{asked}），没有写入任何文件。请换一个部分或责任人再试。"
        return f"No task matches ({asked}), so nothing was written. Try another part or name."


class ExportOntoPlan(OutputIsThePlan):
    """``export --out`` names the plan in use (or its lock or journal), or the embedded plan:
    the table would overwrite it."""

    def message(self, lang: str) -> str:
        if lang == "zh":
            what = {
                "plan": "正在使用的计划文件",
                "lock": "计划的锁文件",
                "embedded": "程序内置的2023年计划（只读）",
            }.get(self.what, "计划的附属文件")
            return (
                f"--out {self.out} 就是{what} {self.target}（解析链接后是同一个文件），写入表格会"
                "把它覆盖，所以什么也没有写入，计划没有改动。请换一个输出文件，例如 推进情况表.xlsx。"
            )
        what = {
            "plan": "the plan file in use",
            "lock": "the plan's lock file",
            "embedded": "the embedded 2023 plan (read-only)",
        }.get(self.what, "a file the plan keeps beside it")
        return (
            f"--out {self.out} is {what}, {self.target} (after resolving links); the table "
            "would overwrite it, so nothing was written and the plan is unchanged. Choose "
            "another output file, e.g. progress.xlsx."
        )
