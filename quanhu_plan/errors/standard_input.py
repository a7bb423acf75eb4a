"""``-`` given as the plan file (``plan -f - status``, ``PLAN_FILE=-``): standard input to
many programs, a file named "-" in the current folder to plan before, read or written there
without a word. Refused: a plan is changed where it lies, locked, traced and cached by its
path, none of which standard input has; a version piped from git is saved as a file first."""

from __future__ import annotations

from .base import PlanError


class PlanIsStandardInput(PlanError):
    """The plan file named (by --file or PLAN_FILE) is ``-``."""

    def __init__(self, setting: str | None):
        super().__init__("- is standard input, not a plan file")
        self.setting = setting

    def message(self, lang: str) -> str:
        setting = self.setting
        if lang == "zh":
            where = f"（这个值来自环境变量 {setting}）" if setting else "（-f -）"
            mend = f"把 {setting} 改为计划文件的路径" if setting else "用 -f 写明计划文件的路径"
            return (
                f"计划文件不能是 -{where}：plan 不从标准输入读计划，计划要在原文件上修改、加锁并"
                f"留痕，必须是一个文件。请{mend}；要看 git 里的某个版本，先存成文件："
                "git show HEAD:plan.toml > 旧版.toml，再 plan -f 旧版.toml status。"
                "文件名确实是 - 时写 ./-。"
            )
        where = f" (the value of the environment variable {setting})" if setting else " (-f -)"
        mend = f"set {setting} to the plan file's path" if setting else "name the plan file with -f"
        return (
            f"The plan file cannot be -{where}: plan does not read a plan from standard input, "
            "as a plan is changed in its file, locked and traced, so it must be a file. Please "
            f"{mend}; to see a version in git, save it first: git show HEAD:plan.toml > "
            "old.toml, then plan -f old.toml status. A file really named - is ./-."
        )
