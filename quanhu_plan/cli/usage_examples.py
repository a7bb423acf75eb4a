"""Examples of the right form that a usage error ends with (``usage.explain``): what each
command needs after its name, and a value for each option, in both languages."""

from __future__ import annotations

# What each command needs after its name, in an example: (zh, en).
COMMAND_EXAMPLES: dict[str, tuple[str, str]] = {
    "status": ("plan status", "plan status"),
    "list": ("plan list", "plan list"),
    "show": ("plan show 1.2", "plan show 1.2"),
    "init": ("plan init", "plan init"),
    "check": ("plan check plan.toml", "plan check plan.toml"),
    "fmt": ("plan fmt", "plan fmt"),
    "import": ("plan import 任务分解表.xlsx", "plan import tasks.xlsx"),
    "done": ("plan done 1.1.1", "plan done 1.1.1"),
    "reopen": ("plan reopen 1.1.1", "plan reopen 1.1.1"),
    "start": ("plan start 1.1.1", "plan start 1.1.1"),
    "block": ('plan block 1.1.1 --reason "资金未到位"', 'plan block 1.1.1 --reason "no funds yet"'),
    "drop": ('plan drop 1.1.1 --reason "上级已取消"', 'plan drop 1.1.1 --reason "cancelled"'),
    "progress": ("plan progress 1.1.1 60", "plan progress 1.1.1 60"),
    "record": ("plan record 5.5.1 3.3", "plan record 5.5.1 3.3"),
    "note": ('plan note 1.1.1 "已完成初稿"', 'plan note 1.1.1 "first draft done"'),
    "add": ('plan add 1.1 "新的任务"', 'plan add 1.1 "a new task"'),
    "edit": ("plan edit 1.1.1 --owner 张三", "plan edit 1.1.1 --owner Zhang"),
    "move": ("plan move 1.1.3 1.2", "plan move 1.1.3 1.2"),
    "rm": ("plan rm 1.1.3", "plan rm 1.1.3"),
    "undo": ("plan undo", "plan undo"),
    "log": ("plan log 1.1", "plan log 1.1"),
    "report": ("plan report", "plan report"),
    "export": ("plan export --out 推进情况表.xlsx", "plan export --out progress.xlsx"),
    "new": ("plan new 2024", "plan new 2024"),
    "header": ("plan header --title 新标题", 'plan header --title "A new title"'),
    "county": ("plan county 各乡镇/", "plan county towns/"),
    "resolve": ("plan resolve 1.1 actual --ours", "plan resolve 1.1 actual --ours"),
    "merge": (
        "plan merge base.toml ours.toml theirs.toml",
        "plan merge base.toml ours.toml theirs.toml",
    ),
    "git-setup": ("plan git-setup", "plan git-setup"),
}

# A right value of an option, for the example: by (command, option), else by option.
OPTION_EXAMPLES: dict[str, str | tuple[str, str]] = {
    "--file": "plan.toml",
    "--lang": "en",
    "--as-of": "2023-06-30",
    "--on": "2023-06-30",
    "--since": "2023-06-01",
    "--until": "2023-06-30",
    "--due": "2023-06-30",
    "--start": "2023-03",
    "--due-before": "2023-07",
    "--limit": "20",
    "--year": "2023",
    "--status": ("进行中", "doing"),
    "--pace": ("欠进度", "behind"),
    "--who": ("党政办", "office"),
    "--part": "1",
    "--target": "100",
    "--baseline": "80",
    "--weight": "2",
    "--direction": "down",
    "--measure": ("万亩", "ha"),
    "--map": ("任务清单=title", '"Task name=title"'),
    "--sheet": "Sheet1",
    "--reason": ('"资金未到位"', '"no funds yet"'),
    "--note": ('"已完成初稿"', '"first draft done"'),
    "--evidence": ("验收报告.pdf", "acceptance.pdf"),
    "--owner": ("张三", "Zhang"),
    "--lead": ("李四", "Li"),
    "--unit": ("党政办", "office"),
    "--support": ("财政所", "finance"),
    "--title": ('"新的名称"', '"new title"'),
    "--detail": ('"具体内容"', '"what to do"'),
    "--target-text": ("3万亩以上", '"3 at least"'),
    "--organisation": ("衡南县泉湖镇人民政府", '"Quanhu town"'),
    "--end": "2023-12-31",
    "--language": "zh",
    "--key": ("县-12", "C-12"),
    "--from": "plan.toml",
    "--report-day": "25",
    "--stale-days": "30",
    "--weights": "completion=0.6,on_pace=0.4",
    "--command": ('"C:/quanhu/.venv/Scripts/plan.exe"', '"C:/quanhu/.venv/Scripts/plan.exe"'),
}
COMMAND_OPTION_EXAMPLES: dict[tuple[str, str], str | tuple[str, str]] = {
    ("status", "--by"): "unit",
    ("report", "--format"): "md",
    ("report", "--out"): ("2023年终总结.docx", "report-2023.docx"),
    ("report", "--owner"): ("党政办", "office"),
    ("export", "--format"): "xlsx",
    ("export", "--out"): ("推进情况表.xlsx", "progress.xlsx"),
    ("import", "--out"): "plan.toml",
    ("new", "--out"): "plan-2024.toml",
    ("county", "--out"): ("6月通报.docx", "june.docx"),
    ("county", "--format"): "md",
}
# The `--by` of a change names who made it.
BY_EXAMPLE = ("张三", "Zhang")

DATE_OPTIONS = ("--as-of", "--on", "--since", "--until")
PERIOD_OPTIONS = ("--due", "--start", "--due-before")


def _pick(value: str | tuple[str, str], lang: str) -> str:
    if isinstance(value, tuple):
        return value[0] if lang == "zh" else value[1]
    return value


def command_example(name: str | None, lang: str) -> str:
    if name in COMMAND_EXAMPLES:
        return _pick(COMMAND_EXAMPLES[name], lang)
    return "plan status"


def option_example(name: str | None, option: str, lang: str) -> str | None:
    """A command line that uses ``option`` right, or None when no value is known for it."""
    if (name or "", option) in COMMAND_OPTION_EXAMPLES:
        value = _pick(COMMAND_OPTION_EXAMPLES[(name or "", option)], lang)
    elif option == "--by":
        value = _pick(BY_EXAMPLE, lang)
    elif option in OPTION_EXAMPLES:
        value = _pick(OPTION_EXAMPLES[option], lang)
    else:
        return None
    base = command_example(name, lang)
    if option in base.split():
        return base
    if option in ("--file", "--lang"):
        return f"plan {option} {value} {base.removeprefix('plan ')}"
    return f"{base} {option} {value}"


def right_form(name: str | None, option: str | None, lang: str) -> str:
    """``例如：plan status --as-of 2023-06-30。`` / ``For example: ….``"""
    example = option_example(name, option, lang) if option else None
    example = example or command_example(name, lang)
    return f"例如：{example}。" if lang == "zh" else f"For example: {example}."
