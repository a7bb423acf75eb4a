"""``plan init`` where the folder holds a plan under another name than plan.toml (泉湖镇2023年
工作计划.toml, plan (1).toml saved from a mail): the plan.toml it would write is what every
later command would use, and the office's own plan would lie unused beside it."""

from __future__ import annotations

from .base import PlanError
from .files import _added_txt
from .paths_as_typed import _TXT_EN, _TXT_ZH


class PlanBesideInit(PlanError):
    """Refused without ``--force``: ``names``, the plans in the folder (``store.plans_beside``)."""

    def __init__(self, folder: str, names: list[str]):
        super().__init__(f"{folder} holds a plan already: {', '.join(names)}")
        self.names = names

    def message(self, lang: str) -> str:
        from ..shell_words import quote

        names = self.names
        one = len(names) == 1
        named = f"plan -f {quote(names[0])} status"
        if lang == "zh":
            shown = "、".join(names[:3]) + ("等" if names[3:] else "")
            return (
                f"没有写入：这个文件夹里已有计划 {shown}，但 plan 只自动使用名为 plan.toml 的计划。"
                f"要用{'它' if one else '其中一份'}，请写明文件，如 {named}（或把它改名为 "
                f"plan.toml{'；' + _TXT_ZH if _added_txt(names) else ''}）。plan init 会另建一份"
                "内置的2023年计划 plan.toml，之后在这里运行的命令就都用那一份，而不是这份计划。"
                "如确要另建，加 --force：plan init --force。"
            )
        shown = ", ".join(names[:3]) + (" and others" if names[3:] else "")
        return (
            f"Nothing written: {shown} in this folder {'is a plan' if one else 'are plans'} "
            "already, but plan finds a plan by itself only when it is named plan.toml. To use "
            f"{'it' if one else 'one'}, name the file, as in {named} (or rename it plan.toml"
            f"{'; ' + _TXT_EN if _added_txt(names) else ''}). plan init would write a new copy "
            "of the embedded 2023 plan as plan.toml, and every command run here would then use "
            "that, not this plan. To write it all the same, add --force: plan init --force."
        )
