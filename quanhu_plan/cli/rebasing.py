"""What plan merge says when git runs it in a rebase (git pull --rebase, pull.rebase = true):
there git's ours is the upstream's version (the commits the office's own are replayed onto)
and theirs the office's own commit being replayed, the other way round from a merge. Asked
only when the merge has something to say of a side (a version that is not a plan, comments
not carried): a merge that goes through runs no git."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import BadChange


def rebasing() -> bool:
    """Whether git is rebasing in the repository the driver runs in (at its top): the folder
    git keeps a rebase's state in exists (rebase-merge), or rebase-apply, of the older way,
    says it is a rebase's (its file rebasing; git am keeps its own state there too, marked
    applying, and applies a colleague's patch: their version, as in a merge)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--git-path", "rebase-merge", "--git-path", "rebase-apply"],
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:  # no git program: then git is not running this either
        return False
    if done.returncode != 0:
        return False
    paths = [Path(line) for line in done.stdout.splitlines() if line]
    if len(paths) != 2:
        return False
    merge_state, apply_state = paths
    return merge_state.is_dir() or (apply_state / "rebasing").exists()


def unmergeable_in_rebase(label: str, side: str, problem: str, problem_en: str) -> BadChange:
    """A version that is not a plan, in a rebase: the upstream's (ours) is for its author to
    correct; one's own commit's (theirs) for oneself, then pulled without rebasing, since a
    rebase would replay the broken commit again."""
    if side == "ours":
        return BadChange(
            f"不能合并 {label}：远程（上游）的版本不是有效的计划文件（git pull --rebase 时 git 的 "
            "ours 是远程的提交），没有合并，git 把它标为冲突。不要就这样 git add、git rebase "
            "--continue：那样你的修改就丢了。请先 git rebase --abort 放弃这次拉取，再请改这份计划"
            f"的人改正 {label}、用 plan check 检查后提交并推送，然后再 git pull。\n{problem}",
            f"Cannot merge {label}: the upstream's version is not a valid plan (in git pull "
            "--rebase git's ours is the upstream's commit), so nothing was merged and git marks "
            "the file as in conflict. Do not git add and git rebase --continue: your changes "
            "would be lost. First give up this pull with git rebase --abort, then have whoever "
            f"changed it correct {label}, check it with plan check, commit and push, then git "
            f"pull again.\n{problem_en}",
        )
    return BadChange(
        f"不能合并 {label}：你正在重放的提交中的版本不是有效的计划文件（git pull --rebase 时 git "
        "的 theirs 是你自己的提交），没有合并，git 把它标为冲突。请先 git rebase --abort 放弃这次"
        f"拉取，改正你的 {label}，用 plan check 检查后提交（git commit -am …），再用 git pull "
        f"--no-rebase 拉取（重放会再次用到出错的那个提交）。\n{problem}",
        f"Cannot merge {label}: the version in your own commit being replayed is not a valid "
        "plan (in git pull --rebase git's theirs is your own commit), so nothing was merged and "
        "git marks the file as in conflict. First give up this pull with git rebase --abort, "
        f"correct your {label}, check it with plan check, commit it, then pull with git pull "
        f"--no-rebase (a rebase would replay the broken commit again).\n{problem_en}",
    )
