"""Whether git will merge the plan with the driver ``plan git-setup`` set up: git reads merge
attributes from more than the top .gitattributes it writes (a sub-folder's own .gitattributes,
.git/info/attributes), and a line there outranks its line; and git must find the program the
driver names (``plan`` is on no PATH when plan runs as python -m quanhu_plan)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BadChange


def overridden_merge(top: Path, plan: Path, driver: str) -> BadChange | None:
    """None where git merges ``plan`` (in the repository at ``top``) with ``driver``; else the
    error that says which merge git uses instead and which files may hold the line to remove."""
    from .git import _git

    real = Path(os.path.realpath(plan))  # (a loop of links as it is: Path.resolve raises)
    try:
        relative = real.relative_to(top.resolve()).as_posix()
    except ValueError:  # a plan outside the repository: no attribute of it to check
        return None
    # -z: the path and the value as written, whatever characters the plan's name holds
    said = _git(["check-attr", "-z", "merge", "--", relative], top).split("\0")
    value = said[2] if len(said) > 2 else "unspecified"
    if value == driver:
        return None
    # Where a line may set it: the top .gitattributes itself (a later line wins), those of the
    # folders below it down to the plan's, and the clone's own .git/info/attributes (which
    # outranks them all); those with a line of another merge first.
    files = [
        folder / ".gitattributes" for folder in real.parents if folder.is_relative_to(top.resolve())
    ]
    info = Path(_git(["rev-parse", "--git-path", "info/attributes"], top))
    files.append(info if info.is_absolute() else top / info)
    present = [path for path in files if path.is_file()]
    found = [str(path) for path in present if _sets_a_merge(path, driver)] or [
        str(path) for path in present if path.parent != top.resolve()
    ]
    shown = {"unset": "-merge", "set": "merge", "unspecified": None}.get(value, f"merge={value}")
    zh_value = f"{shown}" if shown else "未设置"
    en_value = f"{shown}" if shown else "unspecified"
    zh_where = "、".join(found) if found else "另一个属性文件"
    en_where = ", ".join(found) if found else "another attributes file"
    return BadChange(
        f"git 仍不会逐项合并 {relative}（上面的设置已写好）：它的合并方式（git "
        f"check-attr merge）是 {zh_value}，不是 merge={driver}：属性文件中另有一行为它设了合并"
        f"方式（{zh_where}；后面的行、子文件夹的 .gitattributes 和 .git/info/attributes 优先）。"
        f"请删去为 {relative} 设合并方式的那一行（如 *.toml merge=…、binary、-merge），再运行 "
        "plan git-setup。",
        f"git will still not merge {relative} item by item (the setup above is written): its "
        f"merge attribute (git check-attr merge) is {en_value}, not merge={driver}: another line "
        f"of an attributes file sets its merge ({en_where}; a later line, a sub-folder's "
        ".gitattributes and .git/info/attributes win). Delete the line that sets a merge for "
        f"{relative} (such as *.toml merge=…, binary, -merge), then run plan git-setup again.",
    )


def _sets_a_merge(path: Path, driver: str) -> bool:
    """Has the attributes file a line that sets another merge (merge=…, -merge, binary)?"""
    try:
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return False
    return any(
        ("merge" in line or "binary" in line) and f"merge={driver}" not in line
        for line in lines
        if not line.lstrip().startswith("#")
    )


def unrunnable(program: str, lang: str) -> str | None:
    """None where git can start ``program`` (its first word a file, or found on PATH); else
    what to say, with a --command that starts the program running now."""
    import shlex
    import shutil
    import sys

    try:
        first = shlex.split(program)[0]
    except (ValueError, IndexError):  # unbalanced quotes: git's shell decides, not us
        return None
    if ("/" in first or "\\" in first) and Path(first).is_file():
        return None
    if shutil.which(first) is not None:
        return None
    script = Path(sys.argv[0])
    if script.name in ("plan", "plan.exe") and script.is_file():
        running = shlex.quote(str(script.resolve()))
    else:
        running = f"{shlex.quote(sys.executable)} -m quanhu_plan"
    again = f"plan git-setup --command {shlex.quote(running)}"
    if lang == "zh":
        return (
            f"注意：git 合并计划文件时要运行 {first}，但在 PATH 中找不到它：那时 git 会报“{first}: "
            f"not found”，把每个计划文件都当作冲突。请用能运行的命令重新设置：{again}。"
        )
    return (
        f"Note: git runs {first} to merge a plan file, but it is not found on PATH: git would "
        f"then say '{first}: not found' and take every plan file as in conflict. Set it up "
        f"again with a command that runs: {again}."
    )
