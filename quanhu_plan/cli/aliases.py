"""Chinese names of the commands (``plan 状态`` is ``plan status``): aliases that ``plan``
resolves before anything else, hidden from ``--help`` so its list stays short.

On the start-up path of every run: a dict, nothing imported."""

from __future__ import annotations

# Command name -> the Chinese names it answers to. The first is the one help and README show.
CHINESE_NAMES: dict[str, tuple[str, ...]] = {
    "status": ("状态", "完成情况"),
    "list": ("列表", "清单"),
    "show": ("查看", "详情"),
    "init": ("初始化",),
    "check": ("检查",),
    "fmt": ("整理",),
    "import": ("导入",),
    "new": ("新年度", "新建"),
    "done": ("销号", "完成"),
    "reopen": ("重新打开", "重开"),
    "start": ("开始",),
    "block": ("受阻",),
    "drop": ("取消",),
    "progress": ("进度",),
    "record": ("记录", "完成值", "填报"),
    "note": ("备注", "进展"),
    "add": ("新增", "添加"),
    "edit": ("修改",),
    "header": ("表头",),
    "move": ("移动",),
    "rm": ("删除",),
    "undo": ("撤销",),
    "log": ("日志", "修改记录", "留痕"),
    "report": ("报告", "总结"),
    "export": ("导出",),
    "county": ("汇总", "县级汇总"),
    "merge": ("合并",),
    "resolve": ("解决冲突",),
    "git-setup": ("设置合并",),
}

ALIASES: dict[str, str] = {
    alias: name for name, aliases in CHINESE_NAMES.items() for alias in aliases
}


def command_name(word: str) -> str:
    """The command a word on the command line names: a Chinese alias becomes its command
    (surrounding spaces, as a Chinese input method may leave them, do not count), and so does
    a command's name in full-width letters (ｓｔａｔｕｓ, typed in an input method's full-width
    mode); any other word is returned as it is."""
    alias = ALIASES.get(word.strip())
    if alias is not None or word.isascii():
        return alias or word
    import unicodedata

    plain = unicodedata.normalize("NFKC", word).strip().lower()
    return plain if plain in CHINESE_NAMES else word
