"""What ``plan merge`` says (``cli.git``): the report of a merge, and the paragraphs of a merge
that cannot be made or keeps not every comment, in the office's language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BadChange, PlanError, PlanInvalid
from ..shell_words import quote
from ..texts import counted

if TYPE_CHECKING:
    from ..merging import MergeResult


def merge_report(result: MergeResult, label: str, lang: str) -> list[str]:
    """What the merge says on stderr (git shows it during git pull)."""
    from ..merging.conflicts import OpenConflict, kinds_said

    zh = lang == "zh"
    lines: list[str] = [f"plan merge：已合并 {label}。" if zh else f"plan merge: merged {label}."]
    titles = _titles(result.doc)
    for n, (old, new) in enumerate(result.renumbered):
        if result.ids_kept_for == "pushed":  # (the one others may know by its id already)
            under = any(old.startswith(above + ".") for above, _ in result.renumbered[:n])
            lines.append(_pushed_kept(old, new, titles, under, zh))
            continue
        if result.ids_kept_for == "applied":  # (a cherry-pick: the branch's keeps its id)
            lines.append(
                f"  编号 {old} 两方都新增了不同的事项：当前分支上的保留编号，要应用的提交中的一项改为"
                f" {new}（记录在它的进展记录中）。"
                if zh
                else f"  Both sides added a different item as {old}: the branch's keeps it; the "
                f"one of the commit being applied is now {new} (its log says so)."
            )
            continue
        lines.append(
            f"  编号 {old} 两方都新增了不同的事项：后加的一项改为 {new}（记录在它的进展记录中）。"
            if zh
            else f"  Both sides added a different item as {old}: the later one is now {new} "
            "(its log says so)."
        )
    for item_id in result.kept_in_archive:
        lines.append(
            f"  {item_id} 一方删除了、另一方修改了（或在其下新增）：它留在删除存档中，两方的修改"
            f"记录都在（plan log {quote(item_id)}）；需要时由删除者 plan undo 恢复。"
            if zh
            else f"  {item_id} was removed on one side and changed (or added to) on the other: "
            f"it stays in the archive with both traces (plan log {quote(item_id)}); the person who "
            "removed it can bring it back with plan undo."
        )
    for item_id in result.kept_deleted:
        lines.append(
            f"  {item_id} 一方从文件中直接删去了，另一方修改了它（或在其下新增了事项）：已保留它"
            f"和修改；确要删除请用 plan rm {quote(item_id)}（删除的事项会存档，可以撤销）。"
            if zh
            else f"  {item_id} was deleted from the file by hand on one side and changed (or "
            "added to) on the other: it is kept, with the change. To remove it, use plan rm "
            f"{quote(item_id)} (a removed item is archived and can be brought back)."
        )
    for key in result.kept_ours:
        lines.append(
            f"  顶层的 {key} 两方改得不同，保留了 git 的 ours 一方的（合并时是本地的，"
            "git pull --rebase 时是远程的）。"
            if zh
            else f"  The top-level {key} was changed differently on both sides; git's ours is "
            "kept (the local one in a merge, the upstream's in git pull --rebase)."
        )
    if result.conflicts:
        conflicts = [
            OpenConflict(
                where,
                titles.get(where, "") if where is not None else "",
                record,
                loop=record.get("field") == "parent" and where in result.move_loops,
            )
            for where, record in result.conflicts
        ]
        kinds = kinds_said(conflicts, lang)
        lines.append(
            f"  {len(conflicts)} 处冲突（{kinds}）已记录在文件中，在解决之前这些事项不能修改："
            if zh
            else f"  {counted(len(conflicts), 'conflict')} ({kinds}) "
            f"{'is' if len(conflicts) == 1 else 'are'} recorded in the file; "
            "those items cannot be changed until they are settled:"
        )
        lines += ["    - " + conflict.message(lang) for conflict in conflicts]
        lines.append(
            "  plan check 列出全部冲突；plan resolve 解决一处（--ours 用暂用的值，--theirs 用另一个值，"
            "或写明新值）。"
            if zh
            else "  plan check lists them; plan resolve settles one (--ours, --theirs or a "
            "new value)."
        )
    return lines


def _titles(doc: dict[str, Any]) -> dict[Any, str]:
    """Each item's title by its id, live ones over archived ones."""
    archived = [
        t
        for record in doc.get("removed", [])
        if isinstance(record, dict) and isinstance(record.get("item"), list)
        for t in record["item"]
    ]
    return {
        t.get("id"): str(t.get("title", ""))
        for t in [*archived, *doc.get("item", [])]
        if isinstance(t, dict)
    }


def _pushed_kept(old: str, new: str, titles: dict[Any, str], under: bool, zh: bool) -> str:
    """An item renumbered as the other side's, at its id, is pushed already: which is which;
    ``under``: one renumbered with the item above it."""
    moved = titles.get(new, "")
    if under:
        return (
            f"  {old}「{moved}」随上级一起改为 {new}。"
            if zh
            else f"  {old} ({moved}) goes with the item above it: now {new}."
        )
    kept = titles.get(old)
    if zh:
        kept_said = f"「{kept}」" if kept else "一项"
        return (
            f"  编号 {old} 两方都新增了不同的事项：已推送的{kept_said}保留编号（别人可能已按这个"
            f"编号用它），尚未推送的「{moved}」改为 {new}（记录在它的进展记录中）。"
        )
    kept_said = f" ({kept})" if kept else ""
    return (
        f"  Both sides added a different item as {old}: the one already pushed{kept_said} "
        f"keeps it, as others may know it by that id; the one not yet pushed ({moved}) is now "
        f"{new} (its log says so)."
    )


def base_unread_said(label: str, lang: str) -> str:
    if lang == "zh":
        return (
            f"注意：{label} 两方共同的上一版本（git 的 base）不是有效的计划文件（它提交时是坏的，"
            "后来两方各自改正了），已按没有共同的上一版本合并：两方都有的事项逐个字段合并，两方"
            "值不同的字段记为冲突（一方改过、另一方仍是旧值的也在其中），用 plan check 查看，"
            "plan resolve 解决。"
        )
    return (
        f"Note: the version of {label} both sides started from (git's base) is not a valid plan "
        "(it was committed broken and corrected on both sides since), so it was merged as with "
        "no common ancestor: the items both sides have merge field by field, and a field whose "
        "values differ is recorded as a conflict (also one a side changed while the other still "
        "has the old value); plan check lists them, plan resolve settles them."
    )


def unmergeable(
    label: str,
    side: str,
    problem: PlanError,
    by_hand: Path | None = None,
    sides: tuple[Path, Path] | None = None,
) -> BadChange:
    """Git keeps our version, without their changes: committing it as it is would drop every
    change of theirs for good (the merge commit says they were merged), so the way out is to
    abort, correct the version that is wrong, and pull again. Run by hand (``by_hand``, our
    file: two copies of a plan mailed back and forth), there is no git to abort: the file
    named is corrected, and the merge run again."""
    from .rebasing import rebasing, unmergeable_in_rebase

    # Run by git in no merge, pull, rebase nor git am: a git stash pop or apply, or a git
    # checkout -m, which leave nothing to give up with --abort; or a git cherry-pick or
    # revert, told apart by the versions (git_unmerged.stash_or_checkout).
    if by_hand is None:
        from .git_unmerged import applied_onto_branch, unmergeable_unstopped

        if applied_onto_branch(Path(label)):
            zh, en = _side_problem(problem, "zh"), _side_problem(problem, "en")
            return unmergeable_unstopped(label, side, zh, en, sides)
    if by_hand is None and rebasing():  # git's ours is the upstream, theirs one's own commit
        return unmergeable_in_rebase(
            label, side, _side_problem(problem, "zh"), _side_problem(problem, "en")
        )
    if by_hand is not None:
        return BadChange(
            f"不能合并：{'我方' if side == 'ours' else '对方'}的版本不是有效的计划文件，没有合并，"
            f"{by_hand} 没有改动。请改正下面指出的问题（用 plan check 检查），再运行一次 plan "
            f"merge。\n{_side_problem(problem, 'zh')}",
            f"Cannot merge: {side} is not a valid plan, so nothing was merged and {by_hand} is "
            "unchanged. Correct the problem below (check it with plan check), then run plan "
            f"merge again.\n{_side_problem(problem, 'en')}",
        )
    if side == "ours":
        fix_zh = f"改正本方的 {label}，用 plan check 检查后提交（git commit -am …），再 git pull"
        fix_en = f"correct our {label}, check it with plan check, commit it, then git pull again"
    else:
        fix_zh = (
            f"请改这份计划的人改正 {label}、用 plan check 检查后提交并推送，再 git pull"
            "（git pull --rebase 时，“对方”是你自己正在重放的提交：先改正它）"
        )
        fix_en = (
            f"have whoever changed it correct {label}, check it with plan check, commit and "
            "push, then git pull again (in git pull --rebase, theirs is your own commit being "
            "replayed: correct that)"
        )
    which_zh = "我方" if side == "ours" else "对方"
    return BadChange(
        f"不能合并 {label}：{which_zh}的版本不是有效的计划文件，没有合并（git 把它标为冲突，文件"
        "保持我方的版本，不含对方的修改）。不要就这样 git add、git commit：那样对方的修改就全丢了。"
        f"请先 git merge --abort 放弃这次合并（git pull --rebase 时用 git rebase --abort），"
        f"再{fix_zh}。\n{_side_problem(problem, 'zh')}",
        f"Cannot merge {label}: {side} is not a valid plan, so nothing was merged (git marks "
        "the file as in conflict and leaves our version, without their changes). Do not git "
        "add and git commit it as it is: every change of theirs would be lost. First give up "
        "this merge with git merge --abort (git rebase --abort in git pull --rebase), then "
        f"{fix_en}.\n{_side_problem(problem, 'en')}",
    )


def _side_problem(problem: PlanError, lang: str) -> str:
    """What is wrong with a version git gave the driver, without the advice for a plan file of
    one's own (restore it with git checkout or git diff, delete it and run plan init): the
    version is git's temporary copy of a commit, named as the message names it, and the way out
    is the one the message gives (abort, correct, pull again)."""
    from ..errors import EmptyPlanFile, PlanSyntaxError

    if isinstance(problem, EmptyPlanFile):
        return problem.what(lang)
    if isinstance(problem, PlanSyntaxError) and problem.cut:  # (its advice: restore the file)
        import copy

        problem = copy.copy(problem)
        problem.cut = None
    if isinstance(problem, PlanSyntaxError) and problem.hint == "cut_off":
        # Said without the hint: where it ends is said, how to correct it is the message's.
        said = PlanSyntaxError(
            problem.path, problem.line, problem.column, problem.detail, item=problem.item
        )
        return said.message(lang)
    return problem.message(lang)


def invalid_result(label: str, problem: PlanInvalid) -> BadChange:
    return BadChange(
        f"{label} 已合并，但合并结果有下列问题（git 会把它标为冲突）：请按说明改正，用 plan check "
        f"检查后 git add {label}。\n{problem.message('zh')}",
        f"{label} was merged, but the result has these problems (git marks it as in conflict): "
        f"correct them, check with plan check, then git add {label}.\n{problem.message('en')}",
    )


SHOWN_COMMENTS = 3  # named in the message when the rest are copied at the end of the file


def _comments_said(comments: list[str], lang: str, label: str, at_end: bool) -> str:
    """The comments named: all of them where they are nowhere else; copied at the end of the
    file, how many, the first few, and where they all are (a long list is not read)."""
    sep = "、" if lang == "zh" else "; "
    if not at_end:
        return sep.join(comments)
    shown = sep.join(comments[:SHOWN_COMMENTS])
    rest = len(comments) - SHOWN_COMMENTS
    if lang == "zh":
        more = f"等 {len(comments)} 条" if rest > 0 else ""
        return f"{shown}{more}（已全部抄在 {label} 末尾，请移回原处或删去）"
    more = f" and {rest} more" if rest > 0 else ""
    one = len(comments) == 1
    return (
        f"{shown}{more} ({'all ' + str(len(comments)) if rest > 0 else 'copied'} at the end "
        f"of {label}: move {'it where it belongs' if one else 'them where they belong'}, or "
        f"delete {'it' if one else 'them'})"
    )


_WHOSE = {  # whose comments they are: their side's, one's own commit's (in a rebase), the
    # version being applied's or the current one's (a git stash pop, cherry-pick, revert)
    "theirs": ("对方", "their side"),
    "own": ("你的提交", "your own commit"),
    "applied": (
        "要应用的版本（git stash pop 时是你贮藏的修改）",
        "the version being applied (in git stash pop, your stash)",
    ),
    "current": ("当前的版本", "the current version"),
}


def comments_not_kept(
    label: str, comments: list[str], lang: str, whose: str, at_end: bool = False
) -> str:
    """Comments the side not written on added (``whose``, a key of ``_WHOSE``: their side; in
    a rebase one's own commit being replayed, git's theirs; in a stash pop the stash), which the merge (item by item, on the other text) could not put
    where they were typed: copied at the end of the file (a few named, and where they all
    are), else every one named, to copy back (three and "and 2 more" left the clerk two to
    find)."""
    said = _comments_said(comments, lang, label, at_end)
    if lang == "zh":
        said_whose = _WHOSE[whose][0]
        count = f" {len(comments)} 条" if len(comments) > 1 else ""
        tail = "" if at_end else "需要的话，请把它们抄回文件。"
        return f"注意：{said_whose}在 {label} 中新加的{count}注释没能放回原处（合并按事项进行）：{said}。{tail}"
    said_whose = _WHOSE[whose][1]
    tail = "" if at_end else f" Copy {'it' if len(comments) == 1 else 'them'} back if needed."
    return (
        f"Note: {counted(len(comments), 'comment')} {said_whose} added to {label} could not be "
        f"put back in place (the merge goes item by item): {said}.{tail}"
    )


def comments_dropped(
    label: str, lang: str, lost: list[str] | None = None, at_end: bool = False
) -> str:
    """The merge written whole: the comments of the text it was to be written on, named to
    copy back, or copied at the end of the file (a few named, and where they all are)."""
    said = _comments_said(lost, lang, label, at_end) if lost else ""
    if lang == "zh":
        head = f"注意：{label} 的合并结果按标准格式整体写出，文件中的注释没能留在原处"
        tail = "" if at_end else "需要的话，请把它们抄回文件。"
        return f"{head}：{said}。{tail}" if lost else f"{head}。"
    head = f"Note: the merged {label} was written out whole in the standard layout; its comments could not stay in place"
    tail = "" if at_end else " Copy them back if they are needed."
    return f"{head}: {said}.{tail}" if lost else f"{head}."


def comments_rewritten(label: str, lang: str, lost: list[str], at_end: bool) -> str:
    """Comments in tables the merge rewrote in the text it was written on (an archive record
    both sides changed)."""
    said = _comments_said(lost, lang, label, at_end)
    if lang == "zh":
        tail = "" if at_end else "需要的话，请把它们抄回文件。"
        return f"注意：合并改写了 {label} 中这些注释所在的表，注释没能留在原处：{said}。{tail}"
    tail = "" if at_end else " Copy them back if they are needed."
    return (
        f"Note: the merge rewrote the tables of {label} these comments were in; they could "
        f"not stay in place: {said}.{tail}"
    )


# ---------------------------------------------------------------- plan resolve
