"""Which side of a merge keeps the ids of the tasks both sides added with one id (``plan merge``
run by git): the one already shared. A side whose commit is on a remote-tracking branch
(pushed: colleagues may know its task by its id already, a report to the county may name it)
keeps its ids and the other side's task is renumbered, whichever was added first; so does a
side whose commit git fetched from another repository (``git pull URL BRANCH`` with no remote
set up updates no remote-tracking branch, but notes what it fetched in FETCH_HEAD). In a git
cherry-pick, revert or stash pop the branch's (ours) keeps them where the first-added rule would
renumber it. Where both sides or neither are pushed, or git cannot say (no git program, a
shallow clone, a commit git does not name), the task added later is renumbered, as always.

Git is asked only when the merge has a clash of ids to settle: a merge without one runs no git
(the driver runs for every plan in conflict)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .git_unmerged import applied_onto_branch

if TYPE_CHECKING:
    from ..merging import MergeResult

# How long one question to git may take before the merge goes on without its answer.
_PATIENCE = 20


def settled_by_sharing(
    result: MergeResult, plan: Path, again: Callable[[str], MergeResult]
) -> MergeResult:
    """``result`` of a merge that renumbered an item added on both sides, or the merge made
    ``again`` with the side that keeps its ids given, where git says one is shared (the
    branch's in a cherry-pick, a pushed commit's). The result says which and why."""
    if applied_onto_branch(plan):  # (a cherry-pick, revert, stash pop)
        if not result.renumbered_on.get("ours"):
            return result
        keep, why = "ours", "applied"
    else:
        pushed = pushed_side()
        if pushed is None:
            return result
        keep, why = pushed, "pushed"
    if result.renumbered_on.get(keep):
        result = again(keep)
    result.ids_kept_by, result.ids_kept_for = keep, why
    return result


def pushed_side() -> str | None:
    """The side ("ours" or "theirs") of the merge git runs the driver in whose commit is on a
    remote-tracking branch while the other's is not; None where both or neither are, or git
    cannot say. In a merge (git pull) ours is HEAD and theirs the commit merged (git names it
    to its programs as GITHEAD_<commit>: MERGE_HEAD is not written yet); in a rebase (git pull
    --rebase) ours is the upstream's commit rebased onto and theirs one's own being replayed."""
    try:
        asked = _git(
            "rev-parse",
            "--is-shallow-repository",
            "--git-path",
            "rebase-merge",
            "--git-path",
            "rebase-apply",
            "--git-path",
            "REBASE_HEAD",
            "--git-path",
            "FETCH_HEAD",
            "HEAD",
        ).splitlines()
        if len(asked) != 6 or asked[0] != "false":  # (shallow: what is pushed is cut off)
            return None
        sides = _rebased(*(Path(p) for p in asked[1:4])) or (asked[5], _merged())
        if None in sides:
            return None
        fetched = _fetched(Path(asked[4]))
        shared = [_on_a_remote(commit, fetched) for commit in sides if commit is not None]
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if shared == [True, False]:
        return "ours"
    if shared == [False, True]:
        return "theirs"
    return None


def _git(*args: str) -> str:
    """What git answered on stdout; ValueError where it refused."""
    done = subprocess.run(
        ["git", *args],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        timeout=_PATIENCE,
    )
    if done.returncode != 0:
        raise ValueError(done.stderr)
    return done.stdout


def _merged() -> str | None:
    """The commit a git merge (or git pull) merges: the one GITHEAD_ names; None for none or
    several (an octopus merge)."""
    named = [key[len("GITHEAD_") :] for key in os.environ if key.startswith("GITHEAD_")]
    return named[0] if len(named) == 1 else None


def _rebased(merge_state: Path, apply_state: Path, rebase_head: Path) -> tuple[str | None, ...]:
    """In a rebase, the upstream's commit rebased onto (ours) and one's own commit being
    replayed (theirs: REBASE_HEAD in git rebase --apply, the last picked in git's list of
    done ones otherwise); () in no rebase. git am (applying) replays a patch, no commit."""
    if merge_state.is_dir():
        done = _read(merge_state / "done").splitlines()
        last = done[-1].split() if done else []
        picked = last[1] if len(last) > 1 and last[0] in _PICKS else None
        return _read(merge_state / "onto").strip() or None, picked
    if (apply_state / "rebasing").exists():
        # (no note of the commit rebased onto: HEAD, less the patches replayed before this
        # one; where some were dropped, as upstream had them, an upstream commit all the same)
        number = _read(apply_state / "next").strip()
        onto = f"HEAD~{int(number) - 1}" if number.isdigit() and int(number) > 0 else None
        return onto, _read(rebase_head).strip() or None
    return ()


# What a rebase's list of done commits says of one replayed (git rebase -i's words too).
_PICKS = ("pick", "p", "reword", "r", "edit", "e", "squash", "s", "fixup", "f")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _on_a_remote(commit: str, fetched: list[str]) -> bool:
    """Whether a remote-tracking branch holds ``commit`` (it was pushed, or fetched), or a
    commit last fetched does (``fetched``: from a URL, with no remote-tracking branch)."""
    if _git(
        "for-each-ref", "--count=1", "--format=%(refname)", "--contains", commit, "refs/remotes"
    ):
        return True
    if not fetched:
        return False
    # What ``commit`` reaches that none of those fetched does: nothing where one holds it.
    # (--ignore-missing: a FETCH_HEAD left from long ago may name a commit git has since let go)
    reached = _git("rev-list", "--ignore-missing", "-n", "1", commit, "--not", *fetched)
    return not reached.strip()


def _fetched(fetch_head: Path) -> list[str]:
    """The commits the last git fetch (or pull) noted in FETCH_HEAD, each line's first word
    (those marked not-for-merge were fetched too)."""
    commits = []
    for line in _read(fetch_head).splitlines():
        word = line.split("\t", 1)[0].strip()
        if word and all(c in "0123456789abcdef" for c in word):
            commits.append(word)
    return commits
