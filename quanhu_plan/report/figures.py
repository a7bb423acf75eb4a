"""A task's figure in words: against its target and last year, a rank's move, what is left."""

from __future__ import annotations

import re
from fractions import Fraction

from ..model import Item, is_number, is_rank_metric, smaller_is_better
from ..rollup import exact
from ..texts import format_long_date, format_number, format_percent, round_half_up
from .content import Metric
from .words import end_sentence, phrase


def metric_of(task: Item) -> Metric | None:
    values = {key: task.get(key) for key in ("actual", "target", "baseline")}
    values = {key: (value if is_number(value) else None) for key, value in values.items()}
    target_text = task.get("target_text") if isinstance(task.get("target_text"), str) else None
    if all(value is None for value in values.values()) and not target_text:
        return None
    actual, target, baseline = values["actual"], values["target"], values["baseline"]
    measure = str(task.get("measure") or "")
    rank = is_rank_metric(task)
    rate = exact(actual) / exact(target) if actual is not None and target else None
    change = (
        exact(actual) - exact(baseline) if actual is not None and baseline is not None else None
    )
    down = smaller_is_better(task)
    return Metric(measure, actual, target, baseline, rate, change, rank, down, target_text)


def _amount(lang: str, value: float | Fraction, measure: str) -> str:
    """40处, 3.2万亩, 100% / 40 ponds, 100%."""
    number = format_number(value)
    if lang == "zh" or not measure or measure == "%":
        return f"{number}{measure}"
    return f"{number} {measure}"


def _change_measure(measure: str, lang: str) -> str:
    """A change of a percentage is in percentage points."""
    if measure == "%":
        return "个百分点" if lang == "zh" else " percentage points"
    return measure


def _ordinal(lang: str, value: float, measure: str) -> str:
    if lang == "zh":
        unit = "名" if "名" in measure else "位"
        return f"第{format_number(value)}{unit}"
    return f"#{format_number(value)}"


def _same(a: float | Fraction, b: float | Fraction) -> bool:
    """Equal as the report writes numbers (to 6 places): 3.3000000000000003 is 3.3."""
    return round_half_up(a, 6) == round_half_up(b, 6)


def _states_figure(title: str, value: float, measure: str) -> bool:
    """Whether the title already says the figure with its unit ("修塘40余处" for 40 处)."""
    figure = re.escape(format_number(value))
    unit = re.escape(measure[:1]) if measure else r"(?![\d.])"
    return re.search(rf"(?<![\d.]){figure}\s*(?:余|多)?\s*{unit}", title) is not None


def achievement_sentence(
    task: Item, metric: Metric | None, lang: str, name: str | None = None
) -> str:
    """What a done task achieved, with its figure against target and last year, and its date.
    ``name``: what to call the task instead of its title (its title with its goals)."""
    title = (name or task.title).strip()
    text = title if metric is None else _metric_text(title, metric, lang)
    if task.get("done_on"):
        text += phrase(lang, "done_on", date=format_long_date(lang, task.get("done_on")))
    return end_sentence(lang, text)


def _metric_text(title: str, m: Metric, lang: str) -> str:
    zh = lang == "zh"
    sep = "，" if zh else ", "
    if m.rank:
        return _rank_text(title, m, lang)
    unit = m.measure
    parts: list[str] = []
    if m.actual is None:
        head = title
    elif _states_figure(title, m.actual, unit):
        head = title
    elif zh and not re.search(r"\d", title):
        head = f"{title}{_amount(lang, m.actual, unit)}"
    else:
        head = f"{title}{'，完成' if zh else ': '}{_amount(lang, m.actual, unit)}"
    if m.target is not None:
        if m.actual is None:
            parts.append(
                f"目标{_amount(lang, m.target, unit)}（未记录完成值）"
                if zh
                else f"target {_amount(lang, m.target, unit)} (no actual figure recorded)"
            )
        elif m.target > 0:
            assert m.rate is not None
            target = _amount(lang, m.target, unit)
            rate = format_percent(m.rate)
            parts.append(
                f"目标{target}，完成率{rate}" if zh else f"target {target}, {rate} of target"
            )
            if _same(m.actual, m.target):
                pass
            elif m.actual > m.target:
                over = _amount(lang, m.actual - m.target, unit)
                parts.append(f"超出目标{over}" if zh else f"{over} above target")
            else:
                short = _amount(lang, m.target - m.actual, unit)
                parts.append(f"距目标差{short}" if zh else f"{short} short of target")
        elif _same(m.actual, 0):
            parts.append("达到目标" if zh else "target met")
        else:
            over = _amount(lang, m.actual, unit)
            parts.append(
                f"目标{_amount(lang, 0, unit)}，超出{over}"
                if zh
                else f"target {_amount(lang, 0, unit)}, {over} over it"
            )
    if m.change is not None:
        change_unit = _change_measure(unit, lang)
        if _same(m.change, 0):
            parts.append("与上年持平" if zh else "the same as last year")
        elif m.change > 0:
            amount = _amount(lang, m.change, change_unit)
            parts.append(f"较上年增加{amount}" if zh else f"up {amount} on last year")
        else:
            amount = _amount(lang, -m.change, change_unit)
            parts.append(f"较上年减少{amount}" if zh else f"down {amount} on last year")
    return sep.join([head, *parts])


def _rank_text(title: str, m: Metric, lang: str) -> str:
    """由上年第149位上升至第36位，前进113位 — a smaller place is better."""
    zh = lang == "zh"
    unit = "名" if "名" in m.measure else "位"
    parts: list[str] = []
    if m.actual is None:
        parts.append(title)
    elif m.baseline is not None and m.change is not None:
        before, now = _ordinal(lang, m.baseline, m.measure), _ordinal(lang, m.actual, m.measure)
        steps = format_number(abs(m.change))
        if _same(m.change, 0):
            parts.append(
                f"{title}保持{now}，与上年持平" if zh else f"{title}: {now}, the same as last year"
            )
        elif m.change < 0:
            parts.append(
                f"{title}由上年{before}上升至{now}，前进{steps}{unit}"
                if zh
                else f"{title}: from {before} last year to {now}, up {steps} places"
            )
        else:
            parts.append(
                f"{title}由上年{before}下降至{now}，后退{steps}{unit}"
                if zh
                else f"{title}: from {before} last year to {now}, down {steps} places"
            )
    elif _states_figure(title, m.actual, unit):
        parts.append(title)
    else:
        now = _ordinal(lang, m.actual, m.measure)
        parts.append(f"{title}位列{now}" if zh else f"{title}: {now}")
    if m.target is not None and m.actual is not None:
        goal = _ordinal(lang, m.target, m.measure)
        if m.actual <= m.target or _same(m.actual, m.target):
            parts.append(f"达到{goal}的目标" if zh else f"target {goal} met")
        else:
            parts.append(f"未达到{goal}的目标" if zh else f"target {goal} not met")
    return ("，" if zh else ", ").join(parts)


def metric_state(m: Metric, lang: str) -> str:
    """Where an unfinished task's figure stands: 已完成20处，目标40处 / 目前第40位."""
    zh = lang == "zh"
    parts = []
    if m.rank:
        if m.actual is not None:
            now = _ordinal(lang, m.actual, m.measure)
            parts.append(f"目前{now}" if zh else f"now {now}")
        if m.target is not None:
            goal = _ordinal(lang, m.target, m.measure)
            parts.append(f"目标{goal}" if zh else f"target {goal}")
    else:
        if m.actual is not None:
            amount = _amount(lang, m.actual, m.measure)
            level = m.down or m.actual < 0  # a level (4.2‰, -1%), not an amount done
            parts.append(
                (f"目前{amount}" if level else f"已完成{amount}")
                if zh
                else (f"now {amount}" if level else f"{amount} done")
            )
        if m.target is not None or m.target_text:
            target = _target_words(m, lang)
            parts.append(f"目标{target}" if zh else f"target {target}")
    return ("，" if zh else ", ").join(parts)


def _target_words(m: Metric, lang: str) -> str:
    """The target as the document said it (3万亩以上, 控制在5‰以内), else its figure."""
    if m.target_text:
        return m.target_text
    return _amount(lang, m.target, m.measure) if m.target is not None else ""


def remaining(m: Metric | None, lang: str) -> str | None:
    """尚差: what is left to the target, when a figure was recorded (a task measured by its
    progress alone has no figure to subtract; its completion says how far it is)."""
    if m is None or m.rank or m.target is None or m.actual is None:
        return None
    left = exact(m.target) - exact(m.actual)
    if m.down:  # what is still to come down
        left = -left
    return phrase(lang, "remaining", amount=_amount(lang, left, m.measure)) if left > 0 else None


def ledger_figures(m: Metric | None, lang: str) -> tuple[str, str]:
    """目标值 and 完成值 of the ledger: 40处 and 35处, 3万亩以上 and 3.3万亩, 第36位; a side not
    recorded is a dash; two "" for a task with neither (none, or only last year's)."""
    if m is None or (m.target is None and m.actual is None and not m.target_text):
        return "", ""
    if m.rank:
        target = _ordinal(lang, m.target, m.measure) if m.target is not None else "—"
        actual = _ordinal(lang, m.actual, m.measure) if m.actual is not None else "—"
    else:
        target = _target_words(m, lang) or "—"
        actual = _amount(lang, m.actual, m.measure) if m.actual is not None else "—"
    return target, actual
