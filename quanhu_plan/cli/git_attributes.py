"""Whether git will merge the plan with the driver ``plan git-setup`` set up: git reads merge
attributes from more than the top .gitattributes it writes (a sub-folder's own .gitattributes,
.git/info/attributes), and a line there outranks its line."""

from __future__ import annotations

from pathlib import Path

from ..errors import BadChange


def overridden_merge(top: Path, plan: Path, driver: str) -> BadChange | None:
    """None where git merges ``plan`` (in the repository at ``top``) with ``driver``; else the
    error that says which merge git uses instead and which files may hold the line to remove."""
    from .git import _git

    try:
        relative = plan.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:  # a plan outside the repository: no attribute of it to check
        return None
    # -z: the path and the value as written, whatever characters the plan's name holds
    said = _git(["check-attr", "-z", "merge", "--", relative], top).split("\0")
    value = said[2] if len(said) > 2 else "unspecified"
    if value == driver:
        return None
    # The files that outrank the top .gitattributes: those of the folders below it down to the
    # plan's, and the clone's own info/attributes (.git/info/attributes).
    files = [
        folder / ".gitattributes"
        for folder in plan.resolve().parents
        if folder != top.resolve() and folder.is_relative_to(top.resolve())
    ]
    info = Path(_git(["rev-parse", "--git-path", "info/attributes"], top))
    files.append(info if info.is_absolute() else top / info)
    found = [str(path) for path in files if path.is_file()]
    shown = {"unset": "-merge", "set": "merge", "unspecified": None}.get(value, f"merge={value}")
    zh_value = f"{shown}" if shown else "未设置"
    en_value = f"{shown}" if shown else "unspecified"
    zh_where = "、".join(found) if found else "另一个属性文件"
    en_where = ", ".join(found) if found else "another attributes file"
    return BadChange(
        f"git 仍不会用 plan merge 合并 {relative}（上面的设置已写好）：它的合并方式（git check-attr merge）是 "
        f"{zh_value}，不是 merge={driver}，因为优先于顶层 .gitattributes 的属性文件改了它"
        f"（{zh_where}）。请删去其中为 {relative} 设合并方式的那一行（如 *.toml merge=…、binary"
        "、-merge），再运行 plan git-setup。",
        f"git will still not merge {relative} with plan merge (the setup above is written): its merge attribute (git check-attr "
        f"merge) is {en_value}, not merge={driver}, because an attributes file that outranks the "
        f"top .gitattributes sets it ({en_where}). Delete the line there that sets a merge for "
        f"{relative} (such as *.toml merge=…, binary, -merge), then run plan git-setup again.",
    )
