"""What ``plan merge`` (``cli.git``) does with the comments typed in the two versions: the text it
writes the merge on, with the ids the merge gave that side's items said in it; the other side's
comments put where they were typed; and every comment it could not put in place copied at the
end of the file, under a line that says so, where the clerk finds it: none is lost, and the
message names a few and says where the rest are."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import store
from ..errors import PlanError

if TYPE_CHECKING:
    from ..merging import MergeResult

_BOM = b"\xef\xbb\xbf"


def read_renamed(
    text: str, doc: dict[str, Any], result: MergeResult, side: int
) -> tuple[str, dict[str, Any]] | None:
    """A side's text, and the document it reads as, to write the merge on: with the ids the
    merge gave that side's items said in it (``merging.renamed_text``), so that each
    renumbered item's lines and comments stay its own. None where that cannot be done and a
    comment is in or above a renumbered item's table (written on as it is, the comment would
    be another item's)."""
    from ..store.plan_file import copy_tables

    renamed = result.renamed_on.get(("ours", "theirs")[side], [])
    if not renamed:
        return text, copy_tables(doc)
    from ..merging.renamed_text import with_ids_renamed

    patched = with_ids_renamed(text, renamed)
    if patched is not None:
        try:
            patched_doc = store.parse_toml(patched, "merge")
        except PlanError:  # pragma: no cover - only id values were changed
            patched_doc = None
        if patched_doc is not None and _ids_in_place(patched_doc, renamed):
            return patched, patched_doc
    from ..store.toml_comments import items_around_comments

    if result.renumbered_on.get(("ours", "theirs")[side], set()) & items_around_comments(text):
        return None
    return text, copy_tables(doc)


def _ids_in_place(doc: dict[str, Any], renamed: list[tuple[int, str, str]]) -> bool:
    """Does each renamed table of ``doc`` (in its place, live then archived) hold its new id?"""
    from ..merging.sides import Side

    tables = Side(doc).tables()
    return all(place < len(tables) and tables[place].get("id") == new for place, _, new in renamed)


def _written(path: Path) -> tuple[str, bool] | None:
    """The merged file's text and whether it starts with a BOM; None where it may not be
    written again as a whole (a hard-linked plan, which the store writes in place)."""
    try:
        if path.stat().st_nlink > 1:
            return None
        raw = path.read_bytes()
        bom = raw.startswith(_BOM)
        return raw[3 if bom else 0 :].decode("utf-8"), bom
    except (OSError, UnicodeDecodeError):  # pragma: no cover - just written
        return None


def _rewrite(path: Path, was: tuple[str, bool], text: str) -> bool:
    """Write ``text`` over the merged file in its form (its BOM), atomically, where it still
    holds what was read (``was``): an editor that saved it meanwhile is not written over."""
    bom = "\ufeff" if was[1] else ""
    before = (bom + was[0]).encode("utf-8")

    def unchanged() -> bool:
        try:
            return path.read_bytes() == before
        except OSError:  # pragma: no cover - just read
            return False

    try:
        store.atomic_write(path, bom + text, expect=unchanged)
    except PlanError:  # pragma: no cover - changed meanwhile: the comments are named
        return False
    return True


def lost_in_writing(path: Path, read: str, kept_ids: set[str]) -> list[str]:
    """The comments of the text the merge was written on (``read``) that the text written does
    not hold (a table the merge rewrote: an archive record changed), but those of an item the
    merge took out (the other side deleted it from the file by hand, with what was typed in
    it): only those of items in ``kept_ids``, or of none."""
    written = _written(path)
    if written is None:
        return []
    now = set(store.comments(written[0]))
    from ..store.toml_comments import comments_and_items

    lost = [
        said
        for said, ids in comments_and_items(read)
        if said not in now and (not ids or ids & kept_ids)
    ]
    return list(dict.fromkeys(lost))


def place_comments(
    path: Path, other: str, result: MergeResult, side: int, wanted: list[str]
) -> list[str]:
    """Put the comments ``wanted`` of the side not written on (its text ``other``) into the
    merged file where they were typed (``merging.placed_comments``), written atomically in the
    file's form; those left."""
    from ..merging.placed_comments import place_comments as placed_in

    written = _written(path)
    if written is None or not wanted:
        return wanted
    renamed = result.renamed_on.get(("ours", "theirs")[side], [])
    text, placed = placed_in(
        written[0], other, renamed, wanted, lambda t: store.parse_toml(t, str(path))
    )
    if placed and not _rewrite(path, written, text):  # pragma: no cover - see _rewrite
        return wanted
    left = list(wanted)
    for comment in placed:  # (one typed twice and put in place once is left once)
        left.remove(comment)
    return left


# How the line copy_at_end writes above the comments it copies starts, in each language.
_HEADING = {"zh": "# —— plan merge：", "en": "# -- plan merge: "}


def not_the_merges_own(comments: list[str]) -> list[str]:
    """``comments`` less the lines an earlier merge wrote above the comments it copied at the
    end of the file: the merge's own, not a clerk's (copied as one, a merge of that file
    wrote the line under another such line, and named it as a comment typed)."""
    return [c for c in comments if not c.startswith(tuple(_HEADING.values()))]


def _copied_at_end(text: str) -> tuple[int, list[str]]:
    """Where the line an earlier merge wrote above the comments it copied at the end of the
    file starts, and those comments, where the file ends with them (comment lines only after
    that line, and blank lines); else (the text's length, none)."""
    lines = text.split("\n")
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip().startswith("#"):
        if not_the_merges_own([lines[start - 1].strip()]):
            start -= 1
            continue
        if start == end:
            break  # (the line alone, nothing under it)
        at = sum(len(line) + 1 for line in lines[: start - 1])
        return at, [line.strip() for line in lines[start:end]]
    return len(text), []


def copy_at_end(path: Path, comments: list[str], lang: str) -> bool:
    """Copy ``comments`` (each one line, as ``store.comments`` says them) at the end of the
    merged file, under a line that says what they are; whether they were (the document the
    file reads as unchanged, written atomically in its form)."""
    written = _written(path)
    if written is None or not comments:
        return False
    text = written[0]
    from ..texts import counted
    from ..toml_text import newline_of

    newline = newline_of(text)
    # (those an earlier merge copied at the end, under its line: these join them, one line)
    there, before = _copied_at_end(text)
    comments = [*before, *comments]
    where = (
        "it where it belongs, or delete it"
        if len(comments) == 1
        else ("them where they belong, or delete them")
    )
    heading = (
        f"{_HEADING['zh']}以下 {len(comments)} 条注释合并时未能放回原处，请移回原处或删去 ——"
        if lang == "zh"
        else f"{_HEADING['en']}{counted(len(comments), 'comment')} below could not be put "
        f"back in place in the merge; move {where} --"
    )
    block = newline.join([heading, *comments]) + newline
    gap = "" if not text or text.endswith(("\n", "\r")) else newline
    new = f"{text[:there]}{block}" if before else f"{text}{gap}{newline}{block}"
    from ..model import same_value

    try:
        same = same_value(store.parse_toml(new, str(path)), store.parse_toml(text, str(path)))
    except PlanError:  # pragma: no cover - comment lines only
        same = False
    if not same:  # pragma: no cover - comment lines only
        return False
    return _rewrite(path, written, new)
