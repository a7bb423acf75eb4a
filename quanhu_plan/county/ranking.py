"""排名: how the towns are ranked. Pure.

By default by completion (完成率). A county that scores its 年终考核 otherwise states weights (in
``county.toml``'s ``[county.weights]`` or ``--weights``): the score is

    完成率 (in points, 0-100) × completion + 序时达标率 (in points) × on_pace − 逾期任务数 × overdue

where 序时达标率 is the share of a plan's counted tasks (not dropped) that are done, ahead of pace
or on pace. Figures are exact (``Fraction``); the value ranked is the one shown, rounded half up
to one decimal (``texts.round_half_up``), so that two towns showing the same figure share a
place: 1, 2, 2, 4 (并列). A plan with no counted task has no figure and no place.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..rollup import Rollup
from ..texts import round_half_up, short_of_whole

WEIGHT_KEYS = ("completion", "on_pace", "overdue")
WEIGHT_NAMES = {
    "completion": "completion",
    "完成率": "completion",
    "on_pace": "on_pace",
    "on-pace": "on_pace",
    "序时": "on_pace",
    "序时达标率": "on_pace",
    "overdue": "overdue",
    "逾期": "overdue",
}
# Scores and completions are shown, and compared, to this many decimals (in points).
PLACES = 1


class Weights:
    """The weights of a score; every one a number of 0 or more, not all 0."""

    __slots__ = ("completion", "on_pace", "overdue")

    def __init__(self, completion: Fraction, on_pace: Fraction, overdue: Fraction):
        self.completion, self.on_pace, self.overdue = completion, on_pace, overdue

    def to_dict(self) -> dict[str, float]:
        return {key: float(getattr(self, key)) for key in WEIGHT_KEYS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Weights) and self.to_dict() == other.to_dict()


class BadWeights(ValueError):
    """Weights that cannot be used: why, in each language (said after what was wrong: the
    --weights option or county.toml's table)."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def parse_weights(text: str) -> Weights:
    """``completion=0.6,on_pace=0.4,overdue=2`` (or 完成率=0.6，序时=0.4，逾期=2)."""
    table: dict[str, Any] = {}
    for part in re.split(r"[,，;；\s]+", text.strip()):
        if not part:
            continue
        name, sep, value = part.partition("=")
        if not sep:
            raise BadWeights(
                f"“{part}”应写成 名称=数字，如 completion=0.6",
                f"{part!r}: write name=number, e.g. completion=0.6",
            )
        try:
            table[name.strip()] = Decimal(value.strip())
        except ArithmeticError:
            raise BadWeights(
                f"“{value.strip()}”不是数字", f"{value.strip()!r} is not a number"
            ) from None
    if not table:  # nothing but separators: not "every weight is 0", which was not written
        raise BadWeights("没有写出任何权重", "no weight is given")
    return weights_from(table)


def weights_from(table: dict[str, Any]) -> Weights:
    """Weights from a table (``[county.weights]`` or parsed ``--weights``); a weight left out
    is 0."""
    found = dict.fromkeys(WEIGHT_KEYS, Fraction(0))
    for name, value in table.items():
        key = WEIGHT_NAMES.get(str(name).strip().lower()) or WEIGHT_NAMES.get(str(name).strip())
        if key is None:
            raise BadWeights(
                f"“{name}”不是可用的权重名称：可以用 completion（完成率）、on_pace（序时）或 "
                "overdue（逾期）",
                f"{name!r} is not a weight: use completion, on_pace or overdue",
            )
        not_a_number = isinstance(value, bool) or not isinstance(value, int | float | Decimal)
        if not_a_number or not Decimal(str(value)).is_finite():
            typed = value if isinstance(value, Decimal) else repr(value)  # not Decimal('NaN')
            raise BadWeights(f"{name} 的值 {typed} 不是数字", f"{name} = {typed} is not a number")
        share = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
        if share < 0 or share >= 10**6:
            raise BadWeights(
                f"{name} 的值 {value} 应为不小于 0、小于 10^6 的数",
                f"{name} = {value} must be 0 or more, below 10^6",
            )
        found[key] = share
    if not any(found.values()):
        raise BadWeights("权重不能全为 0", "every weight is 0")
    return Weights(**found)


def on_pace_share(figures: Rollup) -> Fraction | None:
    """序时达标率: the counted tasks done, ahead or on pace, over the counted tasks that have a
    pace: standing work (常态推进, no deadline) is neither on pace nor behind, and a town with
    much of it is not ranked down for it."""
    paced = figures.total - figures.paces.get("ongoing", 0)
    if paced <= 0:
        return None
    good = figures.paces["done"] + figures.paces["ahead"] + figures.paces["on_pace"]
    return Fraction(good, paced)


def score(figures: Rollup, weights: Weights | None) -> Fraction | None:
    """What a plan is ranked by, in points: its completion, or the weighted score."""
    if figures.completion is None:
        return None
    if weights is None:
        return figures.completion * 100
    share = on_pace_share(figures) or Fraction(0)
    return (
        figures.completion * 100 * weights.completion
        + share * 100 * weights.on_pace
        - figures.overdue * weights.overdue
    )


def shown(value: Fraction | None) -> Decimal | None:
    """A score or completion (in points) as shown and ranked: one decimal, rounded half up, but
    never 100 short of it (99.96 shows 99.9: ``texts.short_of_whole``), which says done."""
    if value is None:
        return None
    rounded = round_half_up(value, PLACES)
    return short_of_whole(value / 100, rounded, 100, _STEP)


_STEP = Decimal(1).scaleb(-PLACES)  # the last place shown


def places(scores: list[Fraction | None]) -> list[int | None]:
    """The place of each score (None: no score, no place): the best is 1; equal shown scores
    share a place, and the next place counts them all (1, 2, 2, 4)."""
    values = [shown(value) for value in scores]
    ranked = sorted((v for v in values if v is not None), reverse=True)
    first: dict[Decimal, int] = {}
    for position, value in enumerate(ranked, 1):
        first.setdefault(value, position)
    return [None if value is None else first[value] for value in values]
