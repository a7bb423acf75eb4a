"""What the upward search for plan.toml refuses: one another user put there."""

from __future__ import annotations

from .base import PlanError


class ForeignPlanFound(PlanError):
    """A plan.toml found by the search (no --file, no PLAN_FILE) that belongs to another user:
    on a shared machine anybody may put one in /tmp or another folder all may write to, above
    the folder a clerk works in. ``link``: the plan.toml is a link, and the link is theirs."""

    def __init__(self, path: str, owner: int, link: bool):
        super().__init__(f"{path} belongs to another user (uid {owner})")
        self.path, self.owner, self.link = path, owner, link

    def message(self, lang: str) -> str:
        from ..shell_words import quote

        named = f"plan -f {quote(self.path)} status"
        if lang == "zh":
            what = "链接" if self.link else "文件"
            return (
                f"没有使用 {self.path}：这是 plan 在当前文件夹及其上级文件夹里找 plan.toml 时找到"
                f"的，但这个{what}属于另一个用户（uid {self.owner}）。多人共用的电脑上，谁都可以"
                "在 /tmp 这类公用文件夹里放一份 plan.toml，所以 plan 在这里停下，什么也没有读写。"
                f"如果它确实是要用的计划，请写明文件，如 {named}（或设置 PLAN_FILE）；否则请到"
                "自己的计划所在的文件夹里运行 plan。"
            )
        what = "link" if self.link else "file"
        return (
            f"Not used: {self.path} is the plan.toml plan found looking in this folder and "
            f"those above it, but the {what} belongs to another user (uid {self.owner}). On a "
            "shared machine anybody may put a plan.toml in /tmp or another folder all may "
            "write to, so plan stopped there and read and wrote nothing. If it is the plan "
            f"meant, name it, as in {named} (or set PLAN_FILE); otherwise run plan in the "
            "folder of your own plan."
        )
