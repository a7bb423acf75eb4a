"""Whether git holds the plan as unmerged: a git pull (merge, rebase, cherry-pick, revert)
stopped on it, as when plan merge refused a version that is no plan. The file then holds one
side only, and plan check says so rather than "no problems"."""

from __future__ import annotations

from pathlib import Path

from ..errors import BadChange

# What git keeps in its folder while each operation is stopped, and how to give it up. git am
# keeps its state in rebase-apply too, with a file applying in it (git rebase --abort is refused
# there), so that one is asked first.
_STOPPED = (
    ("rebase-apply/applying", "am"),
    ("rebase-merge", "rebase"),
    ("rebase-apply", "rebase"),
    ("MERGE_HEAD", "merge"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
)


def _git_folder(plan: Path) -> Path | None:
    """The git folder of the repository the plan is in, found as git finds it (a .git folder,
    or a .git file naming one: a worktree, a submodule), without running git."""
    import os
    import stat

    for folder in plan.parents:  # (the plan resolved: a link's target's repository)
        dot_git = folder / ".git"
        try:
            mode = os.stat(dot_git).st_mode  # (one stat a folder: a plan on a share)
        except (OSError, ValueError):
            continue
        if stat.S_ISDIR(mode):
            return dot_git
        if stat.S_ISREG(mode):
            try:
                line = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                return None
            if not line.startswith("gitdir:"):
                return None
            named = Path(line.removeprefix("gitdir:").strip())
            return named if named.is_absolute() else folder / named
    return None


def stopped_on(plan: Path) -> str | None:
    """The git operation ("merge", "rebase", …) stopped with the plan unmerged and holding
    git's ours as it was (the driver refused a version and left it), else None. A plan that
    holds something else is being settled: git checkout --merge ran the driver again (the
    index stays unmerged), a hand edit, git's <<<<<<< markers (said by reading it). git runs
    only where its folder says an operation is stopped (a few stats otherwise)."""
    real = plan.resolve()  # a link's target: the file a change writes, and git's name for it
    git_folder = _git_folder(real)
    if git_folder is None:
        return None
    stopped = next((op for name, op in _STOPPED if (git_folder / name).exists()), None)
    if stopped is None:
        return None
    import subprocess  # here: every change asks, and git runs only in a stopped pull

    folder = real.parent
    try:
        listed = subprocess.run(
            ["git", "--literal-pathspecs", "ls-files", "-u", "-z", "--", real.name],
            cwd=folder,
            capture_output=True,
            check=False,
        )
        # (each entry: mode, object, stage, then a tab and the path)
        ours = [
            entry.split()[1]
            for entry in listed.stdout.split(b"\0")
            if entry.split(b"\t")[0].split()[2:3] == [b"2"]
        ]
        if listed.returncode != 0 or not ours:
            return None
        hashed = subprocess.run(
            ["git", "hash-object", "--", real.name], cwd=folder, capture_output=True, check=False
        )
    except (OSError, IndexError):  # no git program, or a line git did not write so
        return None
    return stopped if hashed.returncode == 0 and hashed.stdout.strip() == ours[0] else None


def unmerged_message(label: str, operation: str, lang: str) -> str:
    abort = f"git {operation} --abort"
    # (a patch applied with git am is applied again, not pulled)
    said_by = "git am" if operation == "am" else "git pull"
    if lang == "zh":
        again = "再 git am 应用这个补丁" if operation == "am" else "再 git pull"
        return (
            f"{label}：git 的合并还没有完成，git 把这个文件标为冲突（git status 中的 both "
            f"modified）：它的合并程序没能合并它（{said_by} 时已说明原因），文件里只有一方的版本，"
            "不含另一方的修改。不要就这样 git add、git commit：那样另一方的修改就丢了。请先 "
            f"{abort} 放弃这次合并，改正出错的那个版本、用 plan check 检查后提交，{again}。"
        )
    again = "apply the patch with git am again" if operation == "am" else "git pull again"
    return (
        f"{label}: git's merge is not finished and git marks this file as in conflict (both "
        f"modified in git status): its merge driver could not merge it ({said_by} said why), so "
        "the file holds one side's version without the other side's changes. Do not git add and "
        f"git commit it as it is: the other side's changes would be lost. First give it up "
        f"with {abort}, correct the version that is wrong, check it with plan check and commit "
        f"it, then {again}."
    )


def refused_while_unmerged(label: str, operation: str) -> BadChange:
    """A change to a plan git holds unmerged: made, it would be lost to the advice's
    git merge --abort (git reset --merge puts the file back as before the pull), or commit
    one side's version as the merge."""
    return BadChange(
        "这次修改没有做。" + unmerged_message(label, operation, "zh"),
        "This change was not made. " + unmerged_message(label, operation, "en"),
    )
