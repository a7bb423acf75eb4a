"""A web address given as the plan file (PLAN_FILE=https://…, the county's shared link pasted):
no file on this computer, to be downloaded first."""

from __future__ import annotations

from .base import PlanError


def web_address(value: str) -> bool:
    """Whether ``value`` is a web address (https://, http://, ftp://, webdav://…), not a path: a
    scheme of two letters or more before ://, so that a drive (C:/) stays a path."""
    scheme, found, _ = value.strip().partition("://")
    return bool(found) and len(scheme) > 1 and scheme.isascii() and scheme.isalpha()


class PlanIsWebAddress(PlanError):
    """The plan file named (by --file or PLAN_FILE) is a web address."""

    def __init__(self, address: str, setting: str | None):
        super().__init__(f"{address} is a web address")
        self.address, self.setting = address, setting

    def message(self, lang: str) -> str:
        address, setting = self.address, self.setting
        if lang == "zh":
            where = f"（这个值来自环境变量 {setting}）" if setting else ""
            mend = f"再把 {setting} 改为下载后的路径" if setting else "再用 -f 指定下载后的路径"
            return (
                f"{address} 是网址，不是本机上的文件{where}：plan 只读写本机上的计划文件。"
                f"请先把计划文件下载到本机（如存到 D:\\计划\\泉湖镇.toml），{mend}；"
                "多个科室共用一份计划，用 git（见使用说明“多人一起用”）。"
            )
        where = f" (the value of the environment variable {setting})" if setting else ""
        mend = f"set {setting} to" if setting else "name with -f"
        return (
            f"{address} is a web address, not a file on this computer{where}: plan reads and "
            f"writes plan files on this computer. Download the plan file first, then {mend} "
            "the path it was saved to; offices sharing one plan share it with git (see the "
            "guide, working together)."
        )
