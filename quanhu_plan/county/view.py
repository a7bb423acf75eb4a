"""The county's view as plain data: a row per plan, ranked, with who did not report, the files
left out, and the overall figures. Pure: every view (terminal, JSON, Markdown, Word, Excel)
renders this, so they all say the same thing.

A plan's figures are those of ``plan status`` on it: ``rollup_tree.rollups`` of the plan as
``--as-of`` replays it (``replay.plan_as_of``), or as it is, judged today or at its end if
earlier; the overall figures add the plans up with ``rollup_tree.combine`` (each plan counting once
in the mean completion).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from ..errors import PlanError
from ..model import Plan, json_value
from ..rollup import Rollup
from ..rollup_tree import combine, rollups
from ..texts import share_value
from .ranking import Weights, on_pace_share, places, score, shown
from .reporting import ReportingRule, newest_change


# A plain class: made for every plan, and sent back from a worker process (pickled).
class PlanRow:
    """One plan's line in the county's table."""

    __slots__ = (
        "file",
        "organisation",
        "title",
        "lang",
        "as_of",
        "figures",
        "newest",
        "keyed",
        "keys",
        "reported",
        "score",
        "rank",
        "shared",
        "year",
        "year_stated",
        "content",
        "marks",
        "start",
        "end",
        "conflicts",
    )

    def __init__(
        self,
        file: str,
        organisation: str,
        title: str,
        lang: str,
        as_of: dt.date,
        figures: Rollup,
        newest: dt.date | None,
        keyed: list[dict[str, Any]] | None = None,
    ):
        self.file, self.organisation, self.title, self.lang = file, organisation, title, lang
        self.as_of, self.figures, self.newest = as_of, figures, newest
        self.keyed = keyed  # with --key: the plan's items that carry it (records.item_record)
        # With --key: every county key the plan has (said where none has the one asked for).
        self.keys: tuple[str, ...] = ()
        self.reported = True
        self.score: Fraction | None = None
        self.rank: int | None = None
        # Said after the name when another plan of the view has the same name (``County``):
        # as few of the file's last path parts as tell the plans of that name apart.
        self.shared: str | None = None
        # What tells a copy of a plan (``County``): the plan's year, a digest of its text ('':
        # not known) and a mark of each entry of its trace.
        self.year: int | None = None
        # Whether the plan's header states its year (year, start or end): one that states
        # none is taken to be of this year, as plan status takes it (``Plan.start``).
        self.year_stated = True
        self.content = ""
        self.marks: frozenset[str] = frozenset()
        # The plan's first and last days: no report is owed for a period outside them.
        self.start: dt.date | None = None
        self.end: dt.date | None = None
        # How many merge conflicts the plan has open (``plan check``): its figures show our
        # side's value, not final.
        self.conflicts = 0

    @property
    def own_name(self) -> str:
        """The plan's organisation, else its title: one of spaces or line breaks is none, as
        the report and the export take it (else the row would have no name)."""
        return self.organisation if self.organisation.strip() else self.title

    @property
    def name(self) -> str:
        """How the plan is named in the county's table: its organisation, else its title; with
        its file after it when another plan has the same name (two towns' files both say
        衡南县泉湖镇人民政府, or a copy of one plan under another file name), so that the
        county office can tell the rows apart and find the file."""
        return self.own_name if self.shared is None else f"{self.own_name}{self.shared}"

    def to_dict(self, weights: Weights | None) -> dict[str, Any]:
        figures = self.figures.to_dict()
        out: dict[str, Any] = {
            "rank": self.rank,
            "file": self.file,
            "organisation": self.organisation,
            "title": self.title,
            "as_of": self.as_of.isoformat(),
            **figures,
            "on_pace_share": share_value(on_pace_share(self.figures)),
            "newest_change": self.newest.isoformat() if self.newest else None,
            "reported": self.reported,
        }
        if weights is not None:
            value = shown(self.score)
            out["score"] = float(value) if value is not None else None
        return out


class Pick:
    """What the county lists across the plans instead of ranking them: the items that carry a
    county task number (``key``, --key), and the tasks of these statuses and pace classes
    (--status, --pace, as ``plan list`` takes them: every condition given must hold)."""

    __slots__ = ("key", "statuses", "paces")

    def __init__(
        self, key: str | None = None, statuses: tuple[str, ...] = (), paces: tuple[str, ...] = ()
    ):
        self.key, self.statuses, self.paces = key, statuses, paces


def plan_row(
    file: str,
    plan: Plan,
    as_of: dt.date,
    until: dt.date | None,
    pick: Pick | None = None,
    keys_from: Plan | None = None,
) -> PlanRow:
    """A plan's row: ``plan`` is the plan as the view shows it (replayed for --as-of) and
    ``as_of`` the day it is judged at, as ``plan status`` does; ``until`` the last day whose
    entries count as reported (None: all of them), found in the plan as read. ``pick``: gather
    the items it picks, in ``plan`` (a key also by ``keys_from``, the plan as it is, of which
    ``plan`` is a replay)."""
    figures = rollups(plan, as_of)[""]
    keyed = picked_items(plan, as_of, pick, keys_from, until) if pick is not None else None
    row = PlanRow(
        file,
        plan.organisation,
        plan.title,
        plan.lang,
        as_of,
        figures,
        newest_change(plan if keys_from is None else keys_from, until),
        keyed,
    )
    row.year, row.start, row.end = plan.year, plan.start, plan.end
    if pick is not None and pick.key is not None:
        keys = (item.get("key") for item in (keys_from or plan).items())
        row.keys = tuple(dict.fromkeys(key for key in keys if isinstance(key, str)))
    row.year_stated = any(key in plan.meta for key in ("year", "start", "end"))
    return row


def identify(row: PlanRow, plan: Plan, text: str) -> PlanRow:
    """Give ``row`` what tells a copy of its plan (``County``): the plan as read (not replayed)
    and the file's text."""
    import hashlib

    from ..trace import trace

    plain = text.lstrip("\ufeff").replace("\r\n", "\n")  # the same plan, saved by Notepad
    row.content = hashlib.sha256(plain.encode("utf-8", "surrogatepass")).hexdigest()
    marks = set()
    for one in trace(plan):  # the header's entries, the items' and the archive's
        entry, where = one.entry, one.item_id or "[plan]"
        at = entry.get("at")
        at = at.isoformat() if isinstance(at, dt.datetime) else str(at)
        marks.add(f"{where}|{at}|{entry.get('by')}|{entry.get('action')}|{entry.get('after')}")
    row.marks = frozenset(marks)
    return row


def picked_items(
    plan: Plan,
    as_of: dt.date,
    pick: Pick,
    keys_from: Plan | None = None,
    trace_to: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The items ``pick`` picks, as ``plan show --json`` gives them: those whose ``key`` (the
    county's task number) is its key (``same_key``), and, with statuses or pace classes, only
    the tasks of them as at ``as_of``. With ``keys_from``, an item that carries the key there
    is picked too: a key given after the day replayed to (the county numbered its tasks in the
    autumn) still names the task as it stood that day."""
    from ..inputs import same_key
    from ..records import ListFilter, item_record

    wanted = same_key(pick.key) if pick.key is not None else None

    def keyed(item: Any) -> bool:
        return isinstance(item.get("key"), str) and same_key(item.get("key")) == wanted

    ids = {item.id for item in keys_from.items() if keyed(item)} if keys_from else set()
    kinds = ListFilter(pick.statuses, pick.paces)

    def picked(item: Any) -> bool:
        if wanted is not None and not (keyed(item) or item.id in ids):
            return False
        if pick.statuses or pick.paces:
            return item.is_task and kinds.keeps(item, plan, as_of)
        return True

    return [
        item_record(item, plan, as_of, trace_to=trace_to) for item in plan.items() if picked(item)
    ]


class NoPlans(PlanError):
    """Nothing to show: no plan file where the county looked."""

    def __init__(self, paths: list[str], skipped: int):
        super().__init__(f"no plan file in {', '.join(paths)}")
        self.paths, self.skipped = paths, skipped

    def message(self, lang: str) -> str:
        where = "、".join(self.paths) if lang == "zh" else ", ".join(self.paths)
        if lang == "zh":
            aside = f"（另有 {self.skipped} 个文件不是计划，已跳过）" if self.skipped else ""
            return (
                f"{where} 中没有找到计划文件{aside}。计划文件是带 [plan] 表的 .toml 文件；请给出"
                "存放各镇计划的文件夹或文件。"
            )
        skipped = (
            "1 file that is not a plan was"
            if self.skipped == 1
            else f"{self.skipped} files that are not plans were"
        )
        aside = f" ({skipped} skipped)" if self.skipped else ""
        return (
            f"No plan file found in {where}{aside}. A plan file is a .toml file with a [plan] "
            "table; give the folder or the files of the towns' plans."
        )


class NothingCounted(PlanError):
    """Every plan file given was bad: no table and no 通报 of nothing, only why."""

    def __init__(self, errors: list[tuple[str, dict[str, str]]], out: str | None):
        super().__init__(f"no plan could be read ({len(errors)} bad files)")
        self.errors, self.out = errors, out

    def message(self, lang: str) -> str:
        from .words import list_entry

        count = len(self.errors)
        lines = [list_entry(messages[lang]) for _, messages in self.errors]
        if lang == "zh":
            head = f"没有计划可以汇总：{count} 个文件有问题（请修正后重新汇总）："
            tail = [f"未写入 {self.out}。"] if self.out else []
        else:
            were = "was" if count == 1 else "were"
            files = f"{count} file could" if count == 1 else f"{count} files could"
            head = f"No plan to count: {files} not be read and {were} left out (fix and run again):"
            tail = [f"{self.out} was not written."] if self.out else []
        return "\n".join([head, *lines, *tail])


class LeftOut:
    """A file not counted: left aside (not a plan: ``why`` a key of ``store.LEFT_ASIDE``) or
    bad (``why`` is "error" and ``message`` the store's message)."""

    __slots__ = ("file", "why", "message")

    def __init__(self, file: str, why: str, message: str = ""):
        self.file, self.why, self.message = file, why, message

    def to_dict(self) -> dict[str, str]:
        out = {"file": self.file, "why": self.why}
        if self.message:
            out["message"] = self.message
        return out


def _of_one_year(
    rows: list[PlanRow], as_of: dt.date | None, lang: str
) -> tuple[int | None, list[PlanRow], list[LeftOut]]:
    """The year the view is of, its plans, and the plans of other years left out: a town's
    plan of last year (or already of next year) beside this year's is not ranked with them.
    The year is that of --as-of when a plan is of it, else the year most plans are of (of two
    as common, the later)."""
    years = [row.year for row in rows if row.year is not None]
    if not years or len(set(years)) == 1:
        return (years[0] if years else None), rows, []
    # The years the plans state decide; the one a plan that states none is taken to be of
    # (this year) is no evidence of which year the county sums up.
    stated = [row.year for row in rows if row.year is not None and row.year_stated] or years
    if as_of is not None and as_of.year in years:
        year = as_of.year
    else:
        year = max(set(stated), key=lambda y: (stated.count(y), y))
    kept = [row for row in rows if row.year in (year, None)]
    out = [
        LeftOut(row.file, "other_year", _other_year_words(row, year, lang))
        for row in rows
        if row.year not in (year, None)
    ]
    return year, kept, out


def _other_year_words(row: PlanRow, year: int, lang: str) -> str:
    """Why a plan of another year is not counted; of one whose header states no year, that it
    states none, is taken to be of this year, and how to state its year."""
    if not row.year_stated:
        from ..shell_words import quote

        header = f"plan -f {quote(row.file)} header --year {year}"
        if lang == "zh":
            return (
                f"{row.file}：计划中没有写明年度（没有 year、start、end），按今年 {row.year} 年计；"
                f"本次汇总的是 {year} 年度的计划，未计入。如果它是 {year} 年度的计划，请先写明"
                f"年度：{header}。"
            )
        return (
            f"{row.file}: the plan states no year (no year, start or end), so it is taken to "
            f"be of this year, {row.year}; this view is of the plans of {year}, so it is not "
            f"counted. If it is a plan of {year}, state its year first: {header}."
        )
    if lang == "zh":
        return (
            f"{row.file}：是 {row.year} 年度的计划，本次汇总的是 {year} 年度的计划，未计入。要汇总 "
            f"{row.year} 年度，请只给出那一年的计划文件再运行 plan county。"
        )
    return (
        f"{row.file}: a plan of {row.year}; this view is of the plans of {year}, so it "
        f"is not counted. For {row.year}, run plan county on that year's plan files only."
    )


def _copies(rows: list[PlanRow], lang: str) -> tuple[list[PlanRow], list[LeftOut]]:
    """The rows to count, and the files left out as copies: a file whose text is that of a file
    read before it, and of two versions of one plan (``_versions``) the one whose trace the
    other holds, with more. Two plans of one name otherwise are two towns' and both count, each
    named with its file (``_name_files``)."""
    kept: list[PlanRow] = []
    out: list[LeftOut] = []
    for row in rows:
        same = next(
            (
                k
                for k in kept
                if row.content and k.content == row.content and not _towns_apart(k, row)
            ),
            None,
        )
        if same is not None:
            out.append(LeftOut(row.file, "copy", _copy_words(row.file, same.file, lang, True)))
            continue
        version = next((k for k in kept if _versions(k, row)), None)
        if version is None:
            kept.append(row)
            continue
        older, newer = (row, version) if row.marks <= version.marks else (version, row)
        out.append(LeftOut(older.file, "copy", _copy_words(older.file, newer.file, lang, False)))
        kept[kept.index(version)] = newer
    return kept, out


def _versions(one: PlanRow, other: PlanRow) -> bool:
    """Two versions of one plan: one organisation (or title) and year, and every entry of one's
    trace in the other's (a copy put aside while the plan went on being changed); of two with
    the same trace, only when their figures are the same too. Two towns' plans share no entry:
    an entry holds the second it was written, its item and values."""
    if (one.own_name, one.year) != (other.own_name, other.year) or _towns_apart(one, other):
        return False
    if not (one.marks and other.marks):
        return False
    if one.marks == other.marks:
        # The same log in another text: one was changed by hand, so the log cannot tell which
        # is the older. One plan only if both say the same; else both count, named with their
        # files, rather than a town's correction left out as "the older copy".
        return one.figures.to_dict() == other.figures.to_dict()
    return one.marks <= other.marks or other.marks <= one.marks


def _towns_apart(one: PlanRow, other: PlanRow) -> bool:
    """Two plans that name no organisation, in two folders: two towns that kept the county's
    starting plan as it was handed out (same text, same trace) are told apart by their folders
    (``_name_files``), never folded into one; ``unnamed_words`` says how to name them."""
    from pathlib import PurePath

    if one.organisation.strip() or other.organisation.strip():
        return False
    return PurePath(one.file).parent != PurePath(other.file).parent


def _copy_words(file: str, kept: str, lang: str, same_text: bool) -> str:
    # The header command names the copy's file: run as it is in the county's folder, it
    # would rename the organisation of another plan.
    from ..shell_words import quote

    header = f"plan -f {quote(file)} header --organisation"
    if lang == "zh":
        if same_text:
            return (
                f"{file}：与 {kept} 内容完全相同，是同一份计划，只计一次。如果它其实是另一个单位的"
                f"计划，请先用 {header} 写明单位。"
            )
        # A town that has recorded nothing in the plan the county handed out reads so too:
        # said, so that a town's plan is not removed for a copy.
        return (
            f"{file}：与 {kept} 是同一单位同一年度的同一份计划，{kept} 含有它的全部修改记录（"
            "它是旧的一份），只计入后者。请删去或移走旧的一份。如果它其实是另一个单位的计划（"
            f"由同一份计划复制而来），请先用 {header} 写明单位。"
        )
    if same_text:
        return (
            f"{file}: the same text as {kept}, one plan, counted once. If it is another "
            f"organisation's plan, name that organisation in it first ({header})."
        )
    return (
        f"{file}: the same plan as {kept} (one organisation and year), which holds every change "
        f"in its log (it is the older copy); only {kept} is counted. Remove or move the older copy. "
        "If it is another organisation's plan (copied from the same plan), name that organisation "
        f"in it first ({header})."
    )


def _name_files(rows: list[PlanRow], lang: str) -> None:
    """Plans that share a name are each named with their file (衡南县泉湖镇人民政府（泉湖.toml）):
    the file's name, or as many folders above it as tell them apart (东区/plan.toml)."""
    from pathlib import PurePath

    groups: dict[str, list[PlanRow]] = {}
    for row in rows:
        groups.setdefault(row.own_name, []).append(row)
    for same in groups.values():
        if len(same) < 2:
            continue
        parts = [PurePath(row.file).parts for row in same]
        depth = 1
        while depth < max(len(p) for p in parts) and len({p[-depth:] for p in parts}) < len(same):
            depth += 1
        for row, path in zip(same, parts, strict=True):
            tail = "/".join(path[-depth:])
            row.shared = f"（{tail}）" if lang == "zh" else f" ({tail})"


class County:
    """Everything the county's view says."""

    def __init__(
        self,
        rows: list[PlanRow],
        day: dt.date,
        rule: ReportingRule,
        weights: Weights | None,
        skipped: list[LeftOut],
        errors: list[LeftOut],
        lang: str,
        as_of_given: bool,
        pick: Pick | None = None,  # --key, --status, --pace: items listed, no ranking
        issuer: str | None = None,  # who issues the 通报 (county.toml's name): its 落款
    ):
        self.issuer, self.pick = issuer, pick
        key = pick.key if pick is not None else None
        self.day, self.rule, self.weights, self.lang = day, rule, weights, lang
        self.year, rows, other_years = _of_one_year(rows, day if as_of_given else None, lang)
        rows, copies = _copies(rows, lang)
        skipped = [*skipped, *other_years, *copies]
        self.skipped, self.errors, self.as_of_given, self.key = skipped, errors, as_of_given, key
        _name_files(rows, lang)
        # Plans without an organisation told apart only by their files (said once, with how
        # to name them: ``words.unnamed_words``).
        self.unnamed = [r for r in rows if r.shared is not None and not r.organisation.strip()]
        # A plan whose period begins after the day it is judged at (a July–June year in a June
        # notice) is not ranked: it has had no time to do anything (``words.not_begun_words``).
        self.not_begun = [r for r in rows if r.start is not None and r.as_of < r.start]
        for row in rows:
            row.reported = rule.reported(row.newest, day, row.start, row.end)
            begun = not any(row is late for late in self.not_begun)
            row.score = score(row.figures, weights) if begun else None
        for row, place in zip(rows, places([row.score for row in rows]), strict=True):
            row.rank = place
        self.read = list(rows)  # in the order the files were read (--key lists them so)
        order = {id(row): n for n, row in enumerate(rows)}
        # By place; plans sharing one keep the order they were read in; no place comes last.
        self.rows = sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, order[id(r)]))
        # The overview counts the plans that have begun, as the ranking does.
        begun_rows = [row for row in rows if not any(row is late for late in self.not_begun)]
        self.total: Rollup = combine((1, row.figures) for row in begun_rows)

    @property
    def ranked(self) -> list[PlanRow]:
        return [row for row in self.rows if row.rank is not None]

    @property
    def places_shared(self) -> list[list[PlanRow]]:
        """The ranked plans in groups of one place each (并列 share one), best first."""
        groups: list[list[PlanRow]] = []
        for row in self.ranked:
            if groups and groups[-1][0].rank == row.rank:
                groups[-1].append(row)
            else:
                groups.append([row])
        return groups

    @property
    def top(self) -> list[PlanRow]:
        """排名靠前: the places from the first while fewer than three plans are placed above
        them (more than three named when they share a place: 1, 2, 2), never a shared place in
        part, and never more than half the ranked plans: forty towns all at one figure are not
        all 'the top', and the one of two towns ahead is the top of two (``_end``)."""
        return [row for group in self._end(self.places_shared) for row in group]

    @property
    def bottom(self) -> list[PlanRow]:
        """排名靠后: counted from the end the same way (fewer than three plans below), worst
        last; never a plan of the top, since neither takes more than half."""
        return [row for group in reversed(self._end(self.places_shared[::-1])) for row in group]

    def _end(self, groups: list[list[PlanRow]]) -> list[list[PlanRow]]:
        """The groups (places) at one end of ``groups``: each taken while fewer than three
        plans were taken before it and the plans taken stay within half of all ranked."""
        half = len(self.ranked) // 2
        taken: list[list[PlanRow]] = []
        count = 0
        for group in groups:
            if count >= 3 or count + len(group) > half:
                break
            taken.append(group)
            count += len(group)
        return taken

    @property
    def not_reported(self) -> list[PlanRow]:
        return [row for row in self.rows if not row.reported]

    @property
    def none_owing(self) -> bool:
        """Whether no plan owed a report at the day (every one ended, or none begun): the rule's
        sentence says so (``words.reporting_words``), and 四 has no 无 to add to it."""
        return not any(self.rule.due(start, end, self.day) for start, end in self.spans)

    @property
    def spans(self) -> list[tuple[dt.date | None, dt.date | None]]:
        """Each plan's first and last day: whether any owes a report (``reporting_words``)."""
        return [(row.start, row.end) for row in self.rows]

    @property
    def days(self) -> list[dt.date]:
        """The days the plans are judged at (one, unless plans ended before the view's day)."""
        return sorted({row.as_of for row in self.rows})

    def to_dict(self) -> dict[str, Any]:
        from .words import (
            awaiting_words,
            end_none_line,
            not_begun_words,
            ranking_rule,
            reporting_words,
            unnamed_words,
        )

        total = self.total.to_dict()
        total = {"mean_completion": total.pop("completion"), **total}  # each plan counts once
        top, bottom = self.top, self.bottom
        out: dict[str, Any] = {
            "as_of": self.day.isoformat(),
            "as_of_given": self.as_of_given,
            "year": self.year,
            "issuer": self.issuer,
            "plans": len(self.rows),
            "total": total,
            "ranking": {
                "by": "score" if self.weights else "completion",
                "weights": self.weights.to_dict() if self.weights else None,
                "rule": ranking_rule(self.lang, self.weights),
            },
            "reporting": {
                **self.rule.to_dict(self.day),
                # How many plans owe a report at the day (0: every one ended, and the
                # deadline is no plan's).
                "owing": sum(self.rule.due(start, end, self.day) for start, end in self.spans),
                "rule": reporting_words(self.lang, self.rule, self.day, self.spans),
            },
            "rows": [row.to_dict(self.weights) for row in self.rows],
            "top": [row.file for row in top],
            "bottom": [row.file for row in bottom],
            # Why the top or the bottom names no plan where plans are ranked (all share one
            # place, or the place at that end more than half of them), as the 通报 says it.
            "top_note": end_none_line(self, "top") if self.ranked and not top else None,
            "bottom_note": end_none_line(self, "bottom") if self.ranked and not bottom else None,
            "not_reported": [row.file for row in self.not_reported],
            "skipped": [left.to_dict() for left in self.skipped],
            "errors": [left.to_dict() for left in self.errors],
            "unnamed": [row.file for row in self.unnamed],
            "unnamed_note": unnamed_words(self),
            "awaiting_note": awaiting_words(self),
            "not_begun_note": not_begun_words(self),
        }
        return out

    def key_record(self) -> dict[str, Any]:
        """``--key``, ``--status``, ``--pace``: the items picked (``Pick``) in every plan."""
        pick = self.pick or Pick()
        return {
            "key": self.key,
            "status": list(pick.statuses),
            "pace": list(pick.paces),
            "as_of": self.day.isoformat(),
            "plans": [
                {
                    "file": row.file,
                    "organisation": row.organisation,
                    "title": row.title,
                    "as_of": row.as_of.isoformat(),
                    "items": [json_value(item) for item in row.keyed or []],
                }
                for row in self.read
            ],
            "skipped": [left.to_dict() for left in self.skipped],
            "errors": [left.to_dict() for left in self.errors],
        }
