"""Commands for many people on one plan through git: merge (git's merge driver for plan files),
resolve (settle a conflict the merge recorded) and git-setup (tell a clone to use the driver).

The merge itself is ``quanhu_plan.merging``; the plan files are read and written through the
store. ``git-setup`` runs the ``git`` program to find the repository and set its config.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import store
from ..controls import visible
from ..errors import BadChange, PlanError, PlanInvalid
from ..terminal.folding import folded_on_terminal
from ..texts import counted
from .app import command, echo, print_after_save, say, session
from .change import By, ItemArg, Note, _apply, _stamp
from .merge_words import (
    base_unread_said,
    comments_dropped,
    comments_not_kept,
    comments_rewritten,
    invalid_result,
    merge_report,
    unmergeable,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..merging import MergeResult

DRIVER = "quanhu-plan"
ATTRIBUTES = ".gitattributes"
IGNORE = ".gitignore"
# What plan may leave beside a plan when it is killed while writing (store.files): its lock, a
# temporary file, the journal of a hard-linked plan. Ignored, so git add -A never commits one
# (another clone's own leftover of that name would stop its git pull).
IGNORED = ("*.lock", ".*.quanhu-tmp", ".*.quanhu-journal")


# ---------------------------------------------------------------- plan merge


@command("merge")
def merge_files(
    ctx: typer.Context,
    base: Annotated[
        Path,
        typer.Argument(help="The common ancestor's version (git's %O).", show_default=False),
    ],
    ours: Annotated[
        Path,
        typer.Argument(
            help="Our version (git's %A); the merged plan is written here.", show_default=False
        ),
    ],
    theirs: Annotated[Path, typer.Argument(help="Their version (git's %B).", show_default=False)],
    name: Annotated[
        str | None,
        typer.Argument(help="The plan's path in the repository, for messages (git's %P)."),
    ] = None,
) -> None:
    """Merge two versions of a plan file, item by item (git's merge driver, 合并).

    Git runs it as plan merge %O %A %B %P once plan git-setup has set it up. Changes to
    different items or fields merge; both sides' log entries are all kept; items added on both
    sides are both kept (the later one renumbered, or the one not yet pushed). Where both sides
    set one field differently, the file records a conflict (plan check lists it, plan resolve
    settles it) and the merge still succeeds, so git pull ends with a plan every command
    reads. Exit 1 (git then stops the merge) when a version cannot be read as a plan (our
    version is left in place), or when the merged plan is not valid (it is written over our
    version for you to correct: plan check names what)."""
    label = name or str(ours)
    for side, path in (("base", base), ("ours", ours), ("theirs", theirs)):
        _refuse_no_file(path, side, ours)
    if not any(_holds_a_plan_table(path) for path in (base, ours, theirs)):
        _merge_as_text(base, ours, theirs, label, session(ctx).lang())
        return
    if name is not None:  # git's temporary copy of our version, which nothing else writes
        _merge_plans(ctx, base, ours, theirs, name, None)
        return
    from ..store.merge_target import held_for_merge

    # By hand, ours is a plan in use (two copies mailed back and forth): refused read-only,
    # locked, and not written over where an editor saved it meanwhile, as a change's plan.
    with held_for_merge(ours) as held:
        _merge_plans(ctx, base, ours, theirs, None, held)


def _merge_plans(
    ctx: typer.Context, base: Path, ours: Path, theirs: Path, name: str | None, held: bytes | None
) -> None:
    """``merge_files`` of plans: written into ``ours``, which, with ``held`` (by hand), must
    still hold those bytes when the merged text is ready."""
    from ..building import build_plan
    from ..merging import merge

    label = name or str(ours)
    base_text, base_doc, base_unread = _read_base(base, label)
    # Run by git, each version is a temporary copy of a commit, named by the plan's path and
    # its side; run by hand (no name), it is the file given, the one to correct.
    by_hand = ours if name is None else None
    named = {"ours": str(ours), "theirs": str(theirs)} if by_hand else None
    sides = (ours, theirs)
    texts = [
        base_text,
        *(
            _read_side(
                path, named[side] if named else f"{label} ({side})", label, side, by_hand, sides
            )
            for path, side in ((ours, "ours"), (theirs, "theirs"))
        ),
    ]
    docs = []
    for side, path, text in (("ours", ours, texts[1]), ("theirs", theirs, texts[2])):
        where = named[side] if named else f"{label} ({side})"
        try:
            plan, problems = store.inspect_text(text, where)
        except PlanError as unreadable:  # not TOML (a hand edit that broke it)
            raise unmergeable(label, side, unreadable, by_hand, sides) from None
        if problems:
            raise unmergeable(label, side, PlanInvalid(where, problems), by_hand, sides)
        docs.append((plan, store.parse_toml(text, str(path))))
    lang = session(ctx).lang(docs[0][0])
    # the one clock every change reads (changes.Stamp.current); run by git, under git's name
    # for whoever pulled, as git's merge commit has it (a PC's login says nothing of who)
    stamp = _stamp(_git_user() if name is not None else None)
    result = merge(base_doc, docs[0][1], docs[1][1], by=stamp.by, now=stamp.now)
    from .git_unmerged import applied_onto_branch

    if result.ids_clashed and name is not None:
        from .git_pushed import settled_by_sharing

        # (the task already shared keeps its id, pushed or on the branch a cherry-pick is
        # made onto; others may know it by it)
        result = settled_by_sharing(
            result,
            Path(name),
            lambda keep: merge(
                base_doc, docs[0][1], docs[1][1], by=stamp.by, now=stamp.now, keep_ids=keep
            ),
        )
    merged, problems = build_plan(result.doc)
    ids = result.side_ids  # (one renumbered in the merge, with what is under it, by its new id)
    kept_ids = (ids[1] | ids[2]) - (ids[0] - (ids[1] & ids[2]))  # less those deleted by hand
    notices: list[tuple[str, bool]] = []
    if base_unread:
        notices.append((base_unread_said(label, lang), True))
    if problems or merged is None:
        from ..canonical import dumps
        from ..store.plan_file import write_in_form

        # Written whole for the user to correct, with our file's BOM and line ends.
        write_in_form(ours, dumps(result.doc), texts[1])
        raise invalid_result(label, PlanInvalid(label, problems))
    from ..store.plan_file import copy_tables, line_by_line

    # Only what the merge changed is rewritten in our text (as a change would), written
    # atomically; every id of either side must still be in it. Their text instead when it
    # holds every comment of ours and more (a note a clerk typed in Notepad), which ours would
    # lose: then the file keeps their line ends too, and our file's BOM.
    our_comments, their_comments = (set(store.comments(text)) for text in texts[1:])
    on = 1 if their_comments > our_comments else 0

    from collections import Counter

    from .merge_comments import (
        copy_at_end,
        lost_in_writing,
        not_the_merges_own,
        place_comments,
        read_renamed,
    )

    reads = [read_renamed(texts[1 + side], docs[side][1], result, side) for side in (0, 1)]

    def takes(side: int) -> bool:
        """Can the merge be written on this side's text line by line? Its renumbered items'
        ids are said in it first (``reads``); where they cannot be, not when a comment is in
        or above such an item's table: its old id's lines would be another item's, with the
        comment typed beside the one renumbered (a note on 甲's task put on 乙's)."""
        read = reads[side]
        return read is not None and line_by_line(merged, read)

    whole = False
    has_any = bool(our_comments or their_comments)
    if has_any and not takes(on):
        # (written whole, every comment goes: copied at the end, named below)
        on, whole = (1 - on, False) if takes(1 - on) else (on, True)
    rewritten = store.save(
        ours,
        merged,
        held,
        ids_read=kept_ids,
        read=None if whole else reads[on] or (texts[1 + on], copy_tables(docs[on][1])),
    )
    if rewritten:
        lost = list(dict.fromkeys(store.comments(texts[1 + on])))
    else:
        from ..store.plan_file import item_ids

        read = reads[on]  # (the text written on, with the new ids said in it)
        written_on = read[0] if read is not None else texts[1 + on]
        lost = lost_in_writing(ours, written_on, item_ids(result.doc)) if has_any else []
    # Comments only the side not written on added are not in the text written: put in place
    # where their item is in it, else copied at the end with those lost.
    kept = set(store.comments(texts[0])) | set(store.comments(texts[1 + on]))
    # (each time it is typed: "# 待定" in two tasks goes into both)
    theirs_said = store.comments(texts[2 - on])
    theirs_only = [c for c in theirs_said if c not in kept]
    # (not the line an earlier merge wrote above those it copied at the end: the merge's own)
    lost, theirs_only = not_the_merges_own(lost), not_the_merges_own(theirs_only)
    # Those they typed in words the text written has already ("# 待定" typed in another task
    # there): put in place where their task does not hold them, else left out as had.
    again = Counter(theirs_said) - Counter(store.comments(texts[0]))
    again = Counter({c: n for c, n in again.items() if c in kept})
    if (theirs_only or again) and not rewritten:
        wanted = [*theirs_only, *again.elements()]
        left = place_comments(ours, texts[2 - on], result, 1 - on, wanted)
        theirs_only = [c for c in left if c not in kept]
    at_end = copy_at_end(ours, [*lost, *(c for c in theirs_only if c not in lost)], lang)
    theirs_only = list(dict.fromkeys(theirs_only))
    if rewritten and lost:
        notices.append((comments_dropped(label, lang, lost, at_end), True))
    elif lost:
        notices.append((comments_rewritten(label, lang, lost, at_end), True))
    if theirs_only:
        from .rebasing import rebasing

        if name is not None and applied_onto_branch(Path(name)):  # (a stash pop, cherry-pick)
            whose = "applied" if on == 0 else "current"
        else:  # (a rebase's ours is upstream's, its theirs one's own commit)
            whose = "own" if name is not None and rebasing() == (on == 0) else "theirs"
        notices.append((comments_not_kept(label, theirs_only, lang, whose, at_end), True))
    print_after_save([*notices, *((line, True) for line in _advising_on(result, ours, name, lang))])


def _git_user() -> str | None:
    """The name git makes commits under here (GIT_COMMITTER_NAME, else user.name), or None."""
    import os
    import subprocess

    named = os.environ.get("GIT_COMMITTER_NAME", "").strip()
    if named and named.isprintable():
        return named
    try:
        done = subprocess.run(
            ["git", "config", "user.name"],
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:
        return None
    named = done.stdout.strip() if done.returncode == 0 else ""
    return named if named and named.isprintable() else None  # (else --by refuses: the login)


def _advising_on(result: MergeResult, ours: Path, name: str | None, lang: str) -> list[str]:
    """``merge_report``, the commands it advises (plan resolve, plan check) run on the plan
    merged where ``plan`` alone would not find it: a plan not named plan.toml in git
    (泉湖镇2023年工作计划.toml; git runs the driver at the top of the working tree, where %P
    starts), a copy merged by hand (plan (1).toml, mailed back). A plan.toml in git is found
    from its folder, where its office works, and is advised as it is."""
    from .advice import naming_file, texts_in

    report = merge_report(result, str(name or ours), lang)
    if name is not None and Path(name).name == store.PLAN_FILE_NAME:
        return report
    merged_file = str(ours) if name is None else str(Path.cwd() / name)
    # (not its first line, "plan merge：已合并 …", which names the driver, not a command to run)
    return [
        report[0],
        *(naming_file(line, merged_file, lambda: texts_in(result.doc)) for line in report[1:]),
    ]


# A [plan] table's header at the start of a line (after a BOM): a plan, or a broken one.
# (Compiled when a merge asks, not at import: every start of plan imports this module.)
_PLAN_TABLE = rb"^(?:\xef\xbb\xbf)?[ \t]*\[[ \t]*plan[ \t]*\]"


def _refuse_no_file(path: Path, side: str, ours: Path) -> None:
    """Each version is a file: git gives temporary copies; by hand, a folder, a FIFO (read, it
    would wait for ever) or a path to nothing was a mistyped argument, not a version committed
    broken."""
    import os
    import stat

    from ..store.file_trouble import _kind

    try:
        if stat.S_ISREG(path.stat().st_mode):
            return
    except OSError:
        pass
    kind = _kind(path) if os.path.lexists(path) else "missing"
    from ..errors.merge_inputs import MergeVersionNotAFile

    raise MergeVersionNotAFile(str(path), kind, side, str(ours))


def _holds_a_plan_table(path: Path) -> bool:
    """Is the file a plan (or a plan a hand edit broke)? git-setup names every *.toml, so the
    driver is given other TOML files too (pyproject.toml, county.toml), merged as git would."""
    try:
        return re.search(_PLAN_TABLE, path.read_bytes(), re.MULTILINE) is not None
    except OSError:  # a version git could not give: the plan merge names the problem
        return True


def _merge_as_text(base: Path, ours: Path, theirs: Path, label: str, lang: str) -> None:
    """Merge a file that is no plan as git merges text (git merge-file): line by line, into our
    version, with <<<<<<< markers where both sides changed the same lines (exit 1: git then
    marks it as in conflict)."""
    import subprocess

    args = ["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"]
    try:
        done = subprocess.run(
            ["git", *args, str(ours), str(base), str(theirs)],
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:
        raise BadChange(
            f"{label} 不是计划文件，需用 git 按普通文本合并，但找不到 git 程序。",
            f"{label} is not a plan and is merged as text by git, but the git program was not "
            "found.",
        ) from None
    if done.returncode == 0:
        return
    if 0 < done.returncode < 128:
        say(
            f"plan merge：{label} 不是计划文件（没有 [plan] 表），已按普通文本合并；两方改了同样"
            f"的行，{done.returncode} 处冲突已在文件中用 <<<<<<< ======= >>>>>>> 标出：请手工改好后"
            f" git add {label}。"
            if lang == "zh"
            else f"plan merge: {label} is not a plan (no [plan] table) and was merged as text; "
            f"both sides changed the same lines: {counted(done.returncode, 'conflict')} "
            f"{'is' if done.returncode == 1 else 'are'} marked in "
            f"the file with <<<<<<< ======= >>>>>>>. Settle them by hand, then git add {label}.",
            err=True,
            fold=True,
        )
        raise typer.Exit(1)
    detail = (done.stderr or done.stdout).strip()
    raise BadChange(
        f"{label} 不是计划文件，按普通文本合并时 git merge-file 失败：{detail}",
        f"{label} is not a plan; merging it as text, git merge-file failed: {detail}",
    )


def _read_side(
    path: Path, where: str, label: str, side: str, by_hand: Path | None, sides: tuple[Path, Path]
) -> str:
    """The text of one version git gives the driver; one that is not text (a plan saved in
    GBK, a file zeroed by a crash) is named by its side, not by git's temporary file, which
    is not the one to correct."""
    from ..errors import NotUtf8

    try:
        return store.read_text(path)
    except NotUtf8 as not_text:
        not_text.path = where
        raise unmergeable(label, side, not_text, by_hand, sides) from None


def _read_base(path: Path, label: str) -> tuple[str, dict[str, Any], bool]:
    """The common ancestor's text and document, and whether it could not be read: then ({} as
    the document) the merge goes as with no common ancestor. It is git's copy of an old commit
    nobody can correct: a plan a hand edit broke, pushed, then corrected on both sides."""
    try:
        text = store.read_text(path)
    except PlanError:  # not UTF-8 (saved in GBK), or zeroed by a crash
        return "", {}, True
    try:
        return text, store.parse_toml(text, f"{label} (base)") if text.strip() else {}, False
    except PlanError:
        return text, {}, True


@command()
def resolve(
    ctx: typer.Context,
    item: ItemArg,
    field: Annotated[
        str,
        typer.Argument(
            help="The field in conflict: its name (owner) or label (责任人).",
            metavar="FIELD",
            show_default=False,
        ),
    ],
    value: Annotated[
        str | None,
        typer.Argument(
            help='A new value instead of either side\'s ("" removes the field).',
            metavar="VALUE",
            show_default=False,
        ),
    ] = None,
    ours: Annotated[
        bool, typer.Option("--ours", help="Keep the value in use for now (暂用的值).")
    ] = False,
    theirs: Annotated[
        bool, typer.Option("--theirs", help="Take the other value (另一个值).")
    ] = False,
    note: Note = None,
    by: By = None,
) -> None:
    """Settle a merge conflict (解决合并冲突): the value in use for now, the other or a new one.

    ID [plan] settles a conflict in the plan's header. The change is traced and plan undo
    takes it back (the conflict returns); until it is settled, commands that change the item
    refuse."""
    from ..merging import conflicts

    chosen = [name for name, given in (("ours", ours), ("theirs", theirs)) if given]
    if value is not None:
        chosen.append("value")
    if len(chosen) != 1:
        raise typer.BadParameter(
            "give exactly one of --ours, --theirs or a VALUE (--ours、--theirs 或新值，三选一).",
            param_hint="--ours/--theirs/VALUE",
        )
    key = conflicts.field_key(field)
    typed = _typed(key, value) if value is not None else None
    stamp = _stamp(by)
    _apply(
        ctx,
        lambda plan: conflicts.resolve(
            plan, item, key, stamp, choice=chosen[0], value=typed, note=note
        ),
    )


def _typed(key: str, text: str) -> Any:
    """A value typed for a field, as the field holds it; "" removes the field."""
    from ..texts import parse_status
    from ..validate import LIST_FIELDS, METRIC_FIELDS, title_drawn
    from .change import parse_number
    from .structure import _direction
    from .typed import parse_date, parse_period

    if key == "parent":  # an id; "", top or 顶层 for the top level
        return "" if text.strip() in ("", "top", "顶层") else text.strip()
    if not title_drawn(text):  # "", spaces or a zero-width space alone: no value
        return None
    if key == "status":
        status = parse_status(text)
        if status is None:
            raise typer.BadParameter(
                f"{text!r} is not a status: todo, doing, done, blocked, dropped or "
                "未开始/进行中/已完成/受阻/已取消.",
                param_hint="VALUE",
            )
        return status
    if key == "progress":
        return parse_number(text, "VALUE", low=0, high=100, percent=True)  # 65 or 65%
    if key in METRIC_FIELDS:
        return parse_number(text, "VALUE", low=None)
    if key == "weight":
        return parse_number(text, "VALUE", above=True)
    if key in ("due", "start"):
        return parse_period(text, "VALUE")
    if key == "done_on":
        return parse_date(text, "VALUE")
    if key == "direction":
        return _direction(text)
    if key == "support_units":  # 农业股、水利站 is two, as plan edit --support takes it
        from .structure import _units

        return _units([text])
    if key in LIST_FIELDS:
        return [text.strip()]
    return text.strip()


# ---------------------------------------------------------------- plan git-setup


@command("git-setup")
def git_setup(
    ctx: typer.Context,
    program: Annotated[
        str,
        typer.Option(
            "--command",
            help="How git starts this program (the driver runs '<this> merge %O %A %B %P').",
            metavar="TEXT",
        ),
    ] = "plan",
) -> None:
    """Make git merge plan files with plan merge (设置 git 合并方式).

    Writes .gitattributes in the repository (*.toml merge=quanhu-plan: every plan file, under
    any name it is given later; plan merge merges other TOML files as text), .gitignore lines for the files a plan command
    killed while writing may leave beside a plan (*.lock, .*.quanhu-tmp, .*.quanhu-journal)
    and the driver into this clone's git config. Git does not copy its config with a clone:
    run plan git-setup once in every clone; commit .gitattributes and .gitignore once."""
    run = session(ctx)
    source = run.source
    # (realpath: a loop of links is left as it is, where Path.resolve raises RuntimeError)
    folder = Path.cwd() if source.embedded else Path(os.path.realpath(source.path)).parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder))
    # Every TOML file: a plan renamed or added later is merged item by item too, without a
    # new run (git reads the attributes by file name); plan merge merges other TOML files as
    # text, as git would. The plan in use is named too when its name does not end in .toml.
    patterns = ["*.toml"]
    if not source.embedded and not source.path.name.endswith(".toml"):
        try:
            real = Path(os.path.realpath(source.path))
            relative = real.relative_to(top.resolve()).as_posix()
            patterns.append("/" + "".join(map(_pattern_char, relative)))
        except ValueError:
            pass
    attributes = top / ATTRIBUTES
    ignore = top / IGNORE
    for path in (attributes, ignore):  # (before either is written, or git's config set)
        _refuse_no_git_file(path)
    added = _add_lines(
        attributes,
        [f"{pattern} merge={DRIVER}" for pattern in patterns],
        lambda line, wanted: line.split()[:1] == wanted.split()[:1] and f"merge={DRIVER}" in line,
    )
    ignored = _add_lines(ignore, list(IGNORED), lambda line, wanted: line.strip() == wanted)
    driver = f"{_one_word(program)} merge %O %A %B %P"
    _git(["config", "--local", f"merge.{DRIVER}.name", "quanhu-plan: 计划文件逐项合并"], top)
    _git(["config", "--local", f"merge.{DRIVER}.driver", driver], top)
    lang = run.lang()
    sep = "、" if lang == "zh" else ", "
    lines_out = []
    for path, new_lines in ((attributes, added), (ignore, ignored)):
        shown = sep.join(new_lines)
        if lang == "zh":
            lines_out.append(
                f"已写入 {path}：{shown}。" if new_lines else f"{path} 已有所需的设置。"
            )
        else:
            lines_out.append(
                f"Wrote {path}: {shown}." if new_lines else f"{path} has what is needed."
            )
    set_zh = f"已设置本克隆的 git 配置 merge.{DRIVER}.driver = {driver}。"
    set_en = f"Set this clone's git config merge.{DRIVER}.driver = {driver}."
    if lang == "zh":
        note = (
            "注意：git 配置不随 clone、push、pull 传递——每个克隆（每台电脑）都要运行一次 plan git-setup；"
            f"{ATTRIBUTES} 和 {IGNORE} 提交一次即可（git add {ATTRIBUTES} {IGNORE}，再 git commit）。"
        )
    else:
        note = (
            "Note: git does not pass its config on with clone, push or pull: run plan git-setup "
            f"once in every clone (on every PC); commit {ATTRIBUTES} and {IGNORE} once (git add "
            f"{ATTRIBUTES} {IGNORE}, then git commit)."
        )
    for line in lines_out:
        say(line, fold=True)
    # The setting as git holds it, not through say: its "plan merge" is git's command line,
    # not advice to run on the plan in use (the driver merges every plan in the repository).
    # Through sys.stdout all the same, as say writes (``app.echo``: a Chinese console).
    echo(folded_on_terminal(visible(set_zh if lang == "zh" else set_en), False))
    say(note, fold=True)
    from .git_attributes import overridden_merge, unrunnable

    not_found = unrunnable(program, lang)
    if not_found is not None:
        say(not_found, err=True, fold=True)
    if not source.embedded:
        overridden = overridden_merge(top, source.path, DRIVER)
        if overridden is not None:
            raise overridden


def _pattern_char(ch: str) -> str:
    """A character of a file's name as a .gitattributes pattern matches it: a space (which
    ends a pattern) as any one character, [ ] * ? and backslash escaped (else a name with
    [2023] in it names no file)."""
    if ch.isspace():
        return "?"
    return "\\" + ch if ch in "[]*?\\" else ch


def _one_word(program: str) -> str:
    """A program's path as the shell git runs the driver with reads it: quoted, so that it is
    neither cut at a space (C:/Program Files/quanhu/plan.exe) nor has its backslashes taken
    for escapes (C:\\quanhu\\plan.exe, copied from Explorer); a command line (python -m
    quanhu_plan), or a path quoted already, as given."""
    import shlex
    import sys

    path = program.strip()
    windows = sys.platform == "win32"
    if not any(Path(name).is_file() for name in (path, *([path + ".exe"] * windows))):
        return program
    if windows:  # pragma: no cover - office PCs run Windows; CI runs Linux
        path = path.replace("\\", "/")
    return shlex.quote(path)


def _refuse_no_git_file(path: Path) -> None:
    """Raise NotAFile where ``path`` is there but is no regular file of its own: a folder, a
    FIFO (reading it waited for ever), a device, or any link, to a file or to nothing (git
    reads neither file through a link; a link to nothing was said to be a path "with a part
    that is no folder"), before anything is written: a .gitignore found wrong after
    .gitattributes was written left the setup half made."""
    import stat

    from ..errors import NotAFile
    from ..store.file_trouble import _kind

    try:
        found = os.lstat(path)
    except OSError:  # not there: made
        return
    if stat.S_ISLNK(found.st_mode):
        raise NotAFile(str(path), "link", "git")
    if not stat.S_ISREG(found.st_mode):
        raise NotAFile(str(path), _kind(path, found), "git")


def _add_lines(path: Path, wanted: list[str], has: Callable[[str, str], bool]) -> list[str]:
    """Append to the file at ``path`` (made if need be) each wanted line it has no line for
    (``has(line, wanted)``), in the file's line ends; the lines added. Git reads these files
    as bytes: one Notepad saved in GBK (a Chinese comment in it) is kept byte for byte."""
    from ..errors import NotUtf8

    try:
        text = store.read_text(path) if path.exists() else ""
    except NotUtf8 as not_utf8:
        # (not a document saved under its name, nor UTF-16, which git does not read either)
        if not_utf8.kind not in ("gbk", "cp1252", "mixed", "unknown", "surrogate"):
            raise
        text = path.read_bytes().decode("utf-8", "surrogateescape")
    lines = text.splitlines()
    added = [line for line in wanted if not any(has(old, line) for old in lines)]
    if added:
        end = "\r\n" if "\r\n" in text else "\n"
        new = text + ("" if not text or text.endswith("\n") else end) + end.join(added) + end
        store.atomic_write(path, new.encode("utf-8", "surrogateescape"))
    return added


def _git(args: list[str], folder: Path) -> str:
    import shlex  # here, not at the top: every start of plan imports this module
    import subprocess

    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            encoding="utf-8",  # paths as git writes them, whatever the locale
            errors="replace",
            check=False,
        )
    except OSError:
        raise BadChange(
            "找不到 git 程序：请先安装 git（https://git-scm.com），再运行 plan git-setup。",
            "The git program was not found: install git (https://git-scm.com), then run "
            "plan git-setup again.",
        ) from None
    if done.returncode != 0:
        if args[:1] == ["rev-parse"]:
            raise BadChange(
                f"{folder} 不在 git 仓库中，没有做任何设置。请先克隆县里的仓库（git clone …）或在此"
                "建立仓库（git init），再在其中运行 plan git-setup。",
                f"{folder} is not in a git repository; nothing was set up. Clone the county's "
                "repository (git clone …) or make one here (git init), then run plan git-setup "
                "in it.",
            )
        detail = (done.stderr or done.stdout).strip()
        raise BadChange(
            f"git {shlex.join(args)} 失败：{detail}", f"git {shlex.join(args)} failed: {detail}"
        )
    return done.stdout.strip()
