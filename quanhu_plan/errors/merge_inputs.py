"""A version given to ``plan merge`` that is no file: said in merge's words (its arguments are
the three versions; it takes no --file or PLAN_FILE)."""

from __future__ import annotations

from .base import PlanError
from .files import FILE_KINDS

# (which argument, in Chinese and in English)
VERSIONS = {
    "base": ("两方共同的上一版本（第一个参数）", "the common ancestor (the first argument)"),
    "ours": ("我方的版本（第二个参数）", "our version (the second argument)"),
    "theirs": ("对方的版本（第三个参数）", "their version (the third argument)"),
}


class MergeVersionNotAFile(PlanError):
    """``side``: base, ours or theirs; ``kind``: a FILE_KINDS key, or ``missing``. Nothing was
    merged and ``ours`` is unchanged."""

    def __init__(self, path: str, kind: str, side: str, ours: str):
        super().__init__(f"{path} ({side}) is not a regular file ({kind})")
        self.path, self.kind, self.side, self.ours = path, kind, side, ours

    def message(self, lang: str) -> str:
        version_zh, version_en = VERSIONS[self.side]
        if self.kind == "missing":
            what_zh, what_en = "不存在", "does not exist"
        else:
            kind_zh, kind_en = FILE_KINDS.get(self.kind, FILE_KINDS["other"])
            what_zh, what_en = f"是{kind_zh}，不是计划文件", f"is {kind_en}, not a plan file"
        unchanged_zh = "" if self.side == "ours" else f"{self.ours} 没有改动。"
        unchanged_en = "" if self.side == "ours" else f" and {self.ours} is unchanged"
        if lang == "zh":
            return (
                f"没有合并：{self.path} {what_zh}，它是给 plan merge 的{version_zh}。"
                f"{unchanged_zh}plan merge 的三个参数依次是同一份计划的三个文件：两方共同的上一"
                "版本、我方的版本（合并结果写在这里）、对方的版本。请写明这个版本的计划文件再运行"
                "一次；没有共同的上一版本时，第一个参数给一个空文件。"
            )
        return (
            f"Nothing was merged{unchanged_en}: {self.path}, {version_en} of plan merge, "
            f"{what_en}. plan merge takes three files of one plan, in this order: the common "
            "ancestor, our version (the merged plan is written there) and their version. Name "
            "that version's plan file and run it again; with no common ancestor, give an empty "
            "file as the first argument."
        )
