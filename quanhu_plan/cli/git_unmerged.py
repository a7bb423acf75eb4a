"""Whether git holds the plan as unmerged: a git pull (merge, rebase, cherry-pick, revert)
stopped on it, as when plan merge refused a version that is no plan. The file then holds one
side only, and plan check says so rather than "no problems"."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BadChange
from ..slotted import Frozen

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

_NOT_PULLED = ("am", "cherry-pick", "revert")


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
            # up to a NUL, as git reads it (a C string): a crash can leave NULs after the line
            named = Path(line.removeprefix("gitdir:").partition("\0")[0].strip())
            return named if named.is_absolute() else folder / named
    return None


def _real(plan: Path) -> Path:
    """Where ``plan``'s links lead. A loop of links is left as it is, for the read that follows
    to name (Python 3.11's ``Path.resolve`` raises RuntimeError on one)."""
    return Path(os.path.realpath(plan))


def operation_under_way(plan: Path) -> bool:
    """Whether git's folder says an operation is under way for the repository ``plan`` is
    in (git am's state is there while its driver runs; a merge's MERGE_HEAD is not yet)."""
    git_folder = _git_folder(_real(plan))
    return git_folder is not None and any((git_folder / name).exists() for name, _ in _STOPPED)


# What a git before 2.39 names a git cherry-pick and a git revert to the programs it runs
# (GIT_REFLOG_ACTION, its first word); git 2.39 and later name them nothing.
_APPLIED_ONTO_BRANCH = ("cherry-pick", "revert")


def applied_onto_branch(plan: Path) -> bool:
    """Whether git runs the driver in an operation whose ours is the branch's own version and
    theirs a change brought onto it: a git cherry-pick or revert, a git stash pop or apply, a
    git checkout -m. A git merge and a git pull name themselves to the driver
    (GIT_REFLOG_ACTION: "merge …", "pull …"); a rebase and git am have their state in git's
    folder; a cherry-pick and a revert name themselves to it only in a git before 2.39, the
    others never. Run by hand (no GIT_EXEC_PATH, which git sets for its programs): no."""
    if "GIT_EXEC_PATH" not in os.environ:
        return False
    named = os.environ.get("GIT_REFLOG_ACTION", "").split(maxsplit=1)
    if named and named[0] not in _APPLIED_ONTO_BRANCH:
        return False
    return not operation_under_way(plan)


class Stopped(Frozen):
    """What holds the plan unmerged: ``operation`` ("merge", "rebase", "am", …), or None where
    git's folder names none (a git stash pop or git checkout -m stopped on it: nothing to
    give up, the conflict is settled with git checkout --ours/--theirs and git add);
    ``git_missing``: git's folder says the operation is stopped, but no git program ran to
    say whether it holds the plan (``marker``: the file in git's folder that says so);
    ``name``: the plan's name as git's index has it (plan.toml for -f PLAN.TOML)."""

    __slots__ = ("operation", "git_missing", "marker", "name")
    operation: str | None
    git_missing: bool
    marker: str
    name: str

    def __init__(
        self, operation: str | None, git_missing: bool = False, marker: str = "", name: str = ""
    ):
        # (not a dataclass: making one compiles its methods, and every change loads this)
        self._set(operation=operation, git_missing=git_missing, marker=marker, name=name)


def stopped_on(plan: Path) -> Stopped | None:
    """What holds the plan unmerged and holding git's ours as it was (the driver refused a
    version and left it), else None. A plan that holds something else is being settled: git
    checkout --merge ran the driver again (the index stays unmerged), a hand edit, git's
    <<<<<<< markers (said by reading it). git runs only where its folder says an operation is
    stopped, or where git wrote its index since the plan was last written (a git stash pop
    stops with nothing in git's folder but its index): a few stats otherwise."""
    real = _real(plan)  # a link's target: the file a change writes, and git's name for it
    git_folder = _git_folder(real)
    if git_folder is None:
        return None
    marker, stopped = next(
        ((name, op) for name, op in _STOPPED if (git_folder / name).exists()), ("", None)
    )
    if stopped is None and not _index_written_since(git_folder, real):
        return None
    import subprocess  # here: every change asks, and git runs only as said above

    folder = real.parent
    try:
        # Every unmerged entry in the plan's folder, not the plan's name as a pathspec: on a
        # file system that does not tell letter case apart (macOS, Windows) -f PLAN.TOML is
        # plan.toml, which a pathspec PLAN.TOML does not match.
        listed = subprocess.run(
            ["git", "ls-files", "-u", "-z"], cwd=folder, capture_output=True, check=False
        )
    except OSError:  # no git program: the folder alone says whether an operation is stopped
        return Stopped(stopped, git_missing=True, marker=marker) if stopped else None
    try:
        name, ours = _our_entry(listed.stdout, real) if listed.returncode == 0 else (None, None)
        if name is None:
            return None
        hashed = subprocess.run(
            ["git", "hash-object", "--", name], cwd=folder, capture_output=True, check=False
        )
    except (OSError, IndexError):  # git gone meanwhile, or a line git did not write so
        return None
    if hashed.returncode != 0 or hashed.stdout.strip() != ours:
        return None
    return Stopped(stopped, name=name)


def _index_written_since(git_folder: Path, real: Path) -> bool:
    """Whether git wrote its index after the plan was last written (as when it stopped on
    it), or left AUTO_MERGE (a merge it made with conflicts: an older git, with its
    merge-recursive, leaves none), and the index holds an unmerged entry: then git is asked.
    A change written since was asked then, or made the file other than git's ours."""
    import os

    index = git_folder / "index"
    try:
        if not (git_folder / "AUTO_MERGE").exists():
            if os.stat(index).st_mtime_ns < os.stat(real).st_mtime_ns:
                return False
        with open(index, "rb") as file:
            data = file.read()
    except (OSError, ValueError):  # (ValueError: a NUL in a path, which no file has)
        return False
    # (a commit or a pull writes the index: the first change after it reads it, not git)
    return unmerged_in_index(data, hash_size(git_folder)) is not False


def hash_size(git_folder: Path) -> int | None:
    """The bytes of an object's name in the repository: 20 (SHA-1), or 32 where it was made
    with git init --object-format=sha256, whose index read as SHA-1's put each entry's flags
    inside its object's name; None where its config cannot be read (then git says)."""
    import re

    common = git_folder
    try:  # a worktree's folder names the repository's (its config is there)
        named = (git_folder / "commondir").read_text(encoding="utf-8").strip()
        common = Path(named) if Path(named).is_absolute() else git_folder / named
    except (OSError, ValueError):
        pass
    try:
        config = (common / "config").read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        return None
    formats = re.findall(r"(?im)^\s*objectformat\s*=\s*\"?(\w+)", config)
    if not formats or formats[-1].lower() == "sha1":
        return 20
    return 32 if formats[-1].lower() == "sha256" else None


def unmerged_in_index(data: bytes, size: int | None = 20) -> bool | None:
    """Whether git's index (its bytes) holds an entry at a stage of a merge (1-3), read as
    git writes it (versions 2 to 4, objects named in ``size`` bytes: SHA-1's 20, SHA-256's
    32); None where it is not so written (a split index, a version to come, a size not
    known): then git says."""
    if size not in (20, 32) or data[:4] != b"DIRC" or len(data) < 12 + size:
        return None
    version, count = int.from_bytes(data[4:8], "big"), int.from_bytes(data[8:12], "big")
    if version not in (2, 3, 4):
        return None
    at, end = 12, len(data) - size  # (the index's own hash last)
    flagged = 40 + size  # (times, device, inode, mode, ids, size; then the object's name)
    try:
        for _ in range(count):
            start = at
            flags = int.from_bytes(data[at + flagged : at + flagged + 2], "big")
            if flags & 0x3000:
                return True
            at += flagged + 2 + (2 if version >= 3 and flags & 0x4000 else 0)
            if version == 4:  # the name: how much of the last to drop (a varint), the rest
                while data[at] & 0x80:
                    at += 1
                at = data.index(b"\0", at + 1) + 1
            else:  # the name, then 1 to 8 NULs to a multiple of 8 from the entry's start
                name_end = data.index(b"\0", at)
                at = start + (name_end - start + 8) // 8 * 8
                if data[name_end:at].strip(b"\0"):
                    return None
        while at < end:  # extensions: a split index's entries are elsewhere
            if data[at : at + 4] == b"link":
                return None
            at += 8 + int.from_bytes(data[at + 4 : at + 8], "big")
    except (IndexError, ValueError):
        return None
    return False if at == end else None


def _our_entry(listed: bytes, real: Path) -> tuple[str | None, bytes | None]:
    """The plan's name as git's index has it, and the object of its stage 2 (git's ours), from
    git ls-files -u -z in its folder; (None, None) where it is not unmerged. Its own name first,
    else one told apart from it by letter case only that is the same file (macOS, Windows)."""
    import os

    ours: dict[str, bytes] = {}
    for entry in listed.split(b"\0"):
        if not entry:
            continue
        # (each entry: mode, object, stage, then a tab and the path)
        fields, _, path = entry.partition(b"\t")
        mode_object_stage = fields.split()
        if mode_object_stage[2] == b"2" and b"/" not in path:
            ours[path.decode("utf-8", "surrogateescape")] = mode_object_stage[1]
    if real.name in ours:
        return real.name, ours[real.name]
    for name, object_id in ours.items():
        if name.casefold() == real.name.casefold():
            try:
                if os.path.samefile(real.parent / name, real):
                    return name, object_id
            except OSError:
                continue
    return None, None


def unmerged_message(label: str, stopped: Stopped, lang: str) -> str:
    if stopped.git_missing:
        return _git_missing_message(label, stopped, lang)
    if stopped.operation is None:
        return _nothing_to_abort_message(label, _git_path(label, stopped.name), lang)
    operation = stopped.operation
    abort = f"git {operation} --abort"
    # (a patch applied with git am is applied again, a commit picked again, not pulled)
    said_by = f"git {operation}" if operation in _NOT_PULLED else "git pull"
    if lang == "zh":
        again = {
            "am": "再 git am 应用这个补丁",
            "cherry-pick": "再 git cherry-pick 一次",
            "revert": "再 git revert 一次",
        }.get(operation, "再 git pull")
        return (
            f"{label}：git 的合并还没有完成，git 把这个文件标为冲突（git status 中的 both "
            f"modified）：它的合并程序没能合并它（{said_by} 时已说明原因），文件里只有一方的版本，"
            "不含另一方的修改。不要就这样 git add、git commit：那样另一方的修改就丢了。请先 "
            f"{abort} 放弃这次合并，改正出错的那个版本、用 plan check 检查后提交，{again}。"
        )
    again = {
        "am": "apply the patch with git am again",
        "cherry-pick": "git cherry-pick again",
        "revert": "git revert again",
    }.get(operation, "git pull again")
    return (
        f"{label}: git's merge is not finished and git marks this file as in conflict (both "
        f"modified in git status): its merge driver could not merge it ({said_by} said why), so "
        "the file holds one side's version without the other side's changes. Do not git add and "
        f"git commit it as it is: the other side's changes would be lost. First give it up "
        f"with {abort}, correct the version that is wrong, check it with plan check and commit "
        f"it, then {again}."
    )


def _git_path(label: str, name: str) -> str:
    """The plan's path as git commands take it, quoted: its folder as given, its name as git's
    index has it (a pathspec is matched by letter case: PLAN.TOML names nothing there)."""
    import os

    from ..shell_words import quote

    folder, given = os.path.split(label)
    return quote(os.path.join(folder, name) if name and name != given else label)


def _nothing_to_abort_message(label: str, path: str, lang: str) -> str:
    """git stash pop (or git checkout -m, git stash apply) stopped on the plan: no operation
    to give up; git's ours is HEAD's version, theirs the stash's (kept by git, not dropped).
    ``path``: the plan in git's commands."""
    if lang == "zh":
        return (
            f"{label}：git 把这个文件标为冲突（git status 中的 both modified）：git stash pop"
            "（或 git checkout -m）时合并程序没能合并它（当时已说明原因），文件里只有当前提交的"
            "版本，不含另一方（贮藏）的修改。先解决这个冲突：保留现在的版本，运行 "
            f"git checkout --ours {path}；要另一方的版本，运行 git checkout --theirs {path}，"
            f"改正它并用 plan check 检查。然后 git add {path} 把它标为已解决。没能合并的贮藏"
            "仍在 git stash list 中，不再需要时 git stash drop。"
        )
    return (
        f"{label}: git marks this file as in conflict (both modified in git status): its merge "
        "driver could not merge it in git stash pop (or git checkout -m), and said why then, so "
        "the file holds the current commit's version without the other side's (the stash's) "
        "changes. Settle the conflict first: to keep the version it holds, run "
        f"git checkout --ours {path}; for the other side's, run git checkout --theirs {path}, "
        f"correct it and check it with plan check. Then mark it settled with git add {path}. "
        "The stash that did not apply is still in git stash list: git stash drop it once it is "
        "not needed."
    )


def _git_missing_message(label: str, stopped: Stopped, lang: str) -> str:
    """A stopped operation (git's folder says so) and no git program to ask whether it holds
    the plan: the way out is the program the pull was made with."""
    marker = stopped.marker.split("/")[0]
    abort = f"git {stopped.operation} --abort"
    if lang == "zh":
        return (
            f"{label}：git 的合并还没有完成（git 的文件夹里有 {marker}），而这台电脑上找不到 "
            "git 程序（它不在 PATH 中），无法知道这个文件是否已合并好：它可能只有一方的版本，"
            "在放弃合并时改动也会丢失。请在做这次 git pull 的那个工具里（TortoiseGit、GitHub "
            f"Desktop、VS Code、Git Bash 等）完成这次合并，或放弃它（{abort}），再运行 plan。"
        )
    return (
        f"{label}: git's merge is not finished (git's folder holds {marker}) and no git program "
        "is found on this PC (it is not on PATH), so whether this file is merged cannot be "
        "told: it may hold one side's version only, and a change would be lost when the merge "
        "is given up. Finish the merge in the program the git pull was made with (TortoiseGit, "
        f"GitHub Desktop, VS Code, Git Bash…), or give it up there ({abort}), then run plan "
        "again."
    )


def refused_while_unmerged(label: str, stopped: Stopped) -> BadChange:
    """A change to a plan git holds unmerged: made, it would be lost to the advice's
    git merge --abort (git reset --merge puts the file back as before the pull), or commit
    one side's version as the merge."""
    return BadChange(
        "这次修改没有做。" + unmerged_message(label, stopped, "zh"),
        "This change was not made. " + unmerged_message(label, stopped, "en"),
    )


def unmergeable_unstopped(
    label: str, side: str, zh: str, en: str, sides: tuple[Path, Path] | None = None
) -> BadChange:
    """A version that is not a plan in a git stash pop (or apply, or git checkout -m): git's
    ours is the current commit's version, theirs the stash's, which git keeps in git stash
    list; the way out is to settle the file (git checkout --ours or --theirs, git add). A git
    cherry-pick or revert, told apart by the versions (``sides``: ours and theirs), has its
    own. ``zh``, ``en``: what is wrong with the version."""
    from ..shell_words import quote

    if sides is not None and not stash_or_checkout(label, *sides):
        return unmergeable_in_pick(label, side, zh, en)

    path = quote(label)
    if side == "ours":
        return BadChange(
            f"不能合并 {label}：当前的版本不是有效的计划文件，没有合并（git 把它标为冲突，文件保持"
            f"当前的版本，不含要恢复的那一版的修改，贮藏仍在 git stash list 中）。请按下面指出的"
            f"问题改正 {label}，用 plan check 检查后 git add {path}、git commit，再 git stash "
            f"pop 应用贮藏的修改。\n{zh}",
            f"Cannot merge {label}: the current version is not a valid plan, so nothing was "
            "merged (git marks the file as in conflict and leaves the current version, without "
            "the changes being applied; the stash is still in git stash list). Correct "
            f"{label} as said below, check it with plan check, git add {path} and git commit, "
            f"then git stash pop to apply the stash's changes.\n{en}",
        )
    return BadChange(
        f"不能合并 {label}：要恢复的版本（git stash pop 时是贮藏中的版本）不是有效的计划文件，"
        "没有合并（git 把它标为冲突，文件保持当前的版本，不含那一版的修改；贮藏仍在 git stash "
        f"list 中，没有丢）。不要那一版的修改：git checkout --ours {path}，再 git add {path}。"
        f"要它的修改：git checkout --theirs {path} 取出那一版，按下面指出的问题改正，用 plan "
        f"check 检查后 git add {path}。\n{zh}",
        f"Cannot merge {label}: the version being applied (the stash's, in git stash pop) is "
        "not a valid plan, so nothing was merged (git marks the file as in conflict and leaves "
        "the current version, without that version's changes; the stash is still in git stash "
        f"list). Without its changes: git checkout --ours {path}, then git add {path}. With "
        f"them: git checkout --theirs {path} to take that version, correct it as said below, "
        f"check it with plan check, then git add {path}.\n{en}",
    )


def stash_or_checkout(label: str, ours: Path, theirs: Path) -> bool:
    """Whether the versions git gave a driver run with no operation named are a stash's (git
    stash pop or apply: theirs is the plan in a stash) or a git checkout -m's (ours is the
    branch's being checked out, not HEAD's), not a commit's picked or reverted: git
    cherry-pick and git revert name themselves to the driver no more than those do
    (CHERRY_PICK_HEAD is written after the merge). Asked where the driver refuses a version,
    at the top of the working tree, where git runs it."""
    import subprocess

    def git(*args: str, asked: bytes | None = None) -> bytes:
        done = subprocess.run(["git", *args], input=asked, capture_output=True, check=False)
        return done.stdout if done.returncode == 0 else b""

    try:
        our_object = git("hash-object", "--no-filters", "--", str(ours)).strip()
        their_object = git("hash-object", "--no-filters", "--", str(theirs)).strip()
        if not our_object or not their_object:
            return True  # (not told apart: the advice of before)
        if git("rev-parse", "-q", "--verify", f"HEAD:{label}").strip() != our_object:
            return True  # git checkout -m: HEAD is still the branch being left
        stashes = git("stash", "list", "--format=%H").split()
        if not stashes:
            return False
        asked = b"".join(stash + b":" + label.encode("utf-8") + b"\n" for stash in stashes)
        found = git("cat-file", "--batch-check=%(objectname)", asked=asked)
    except OSError:  # (git ran this driver: gone meanwhile)
        return True
    return their_object in found.split()


def unmergeable_in_pick(label: str, side: str, zh: str, en: str) -> BadChange:
    """A version that is not a plan in a git cherry-pick or git revert: ours is the current
    commit's version, theirs the picked commit's (in a revert, the one before the reverted
    commit); the way out is the operation's --abort, or, theirs broken, going on without its
    change to the plan. ``zh``, ``en``: what is wrong with the version."""
    from ..shell_words import quote

    path = quote(label)
    if side == "ours":
        return BadChange(
            f"不能合并 {label}：当前的版本不是有效的计划文件，没有合并（git 把它标为冲突，文件保持"
            "当前的版本，不含要应用的那个提交的修改）。请先 git cherry-pick --abort 放弃（git "
            f"revert 时用 git revert --abort），按下面指出的问题改正 {label}，用 plan check 检查后"
            f"提交，再 git cherry-pick（或 git revert）一次。\n{zh}",
            f"Cannot merge {label}: the current version is not a valid plan, so nothing was "
            "merged (git marks the file as in conflict and leaves the current version, without "
            "the changes of the commit being applied). First give it up with git cherry-pick "
            f"--abort (git revert --abort in a revert), correct {label} as said below, check it "
            f"with plan check and commit it, then git cherry-pick (or git revert) again.\n{en}",
        )
    return BadChange(
        f"不能合并 {label}：要应用的那个提交中的版本（git cherry-pick 时是拣选的提交的，git revert "
        "时是被撤销的提交之前的）不是有效的计划文件，没有合并（git 把它标为冲突，文件保持当前的"
        "版本，不含那个提交的修改）。请先 git cherry-pick --abort 放弃（git revert 时用 git "
        "revert --abort），请改那份计划的人按下面指出的问题改正、用 plan check 检查后提交，再应用"
        f"改正后的提交。不要那个提交对计划的修改：git checkout --ours {path}，git add {path}，"
        f"再 git cherry-pick --continue（或 git revert --continue）。\n{zh}",
        f"Cannot merge {label}: the version in the commit being applied (the picked commit's in "
        "git cherry-pick; in git revert, the one before the reverted commit) is not a valid "
        "plan, so nothing was merged (git marks the file as in conflict and leaves the current "
        "version, without that commit's changes). First give it up with git cherry-pick --abort "
        "(git revert --abort in a revert), have whoever changed it correct it as said below, "
        "check it with plan check and commit it, then apply the corrected commit. Without that "
        f"commit's changes to the plan: git checkout --ours {path}, git add {path}, then git "
        f"cherry-pick --continue (or git revert --continue).\n{en}",
    )
