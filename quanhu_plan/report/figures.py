"""A task's figure in words: against its target and last year, a rank's move, what is left."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from fractions import Fraction

from ..model import Item, is_number, is_rank_metric, smaller_is_better
from ..periods import long_form
from ..rollup import exact
from ..texts import format_long_date, format_number, format_percent, round_half_up, with_unit
from .content import Metric
from .words import as_named, end_sentence, phrase


def metric_of(task: Item) -> Metric | None:
    values = {key: task.get(key) for key in ("actual", "target", "baseline")}
    values = {key: (value if is_number(value) else None) for key, value in values.items()}
    target_text = task.get("target_text") if isinstance(task.get("target_text"), str) else None
    if all(value is None for value in values.values()) and not target_text:
        return None
    actual, target, baseline = values["actual"], values["target"], values["baseline"]
    measure = str(task.get("measure") or "")
    # A target typed as its bare number (500, its unit in a column of its own) says less than
    # the figure: 目标500万元, not 目标500 beside 已完成300万元.
    bare = re.fullmatch(r"[+-]?\d+(?:\.\d+)?", (target_text or "").strip())
    if bare and measure and target is not None and _same(Fraction(bare.group()), exact(target)):
        target_text = None
    rank = is_rank_metric(task)
    down = smaller_is_better(task)  # (a target of 0 with no direction stated, 零事故, too)
    rate = _rate(actual, target, down)
    change = (
        exact(actual) - exact(baseline) if actual is not None and baseline is not None else None
    )
    counted = _counted_in_detail(task, target, measure)
    return Metric(measure, actual, target, baseline, rate, change, rank, down, target_text, counted)


def _counted_in_detail(task: Item, target: float | None, measure: str) -> str | None:
    """The words before the target's figure in a task's detail, where its title states no
    figure (信访维稳 beside 化解信访积案5件): what the figure counts."""
    detail = task.get("detail")
    if target is None or not measure or not isinstance(detail, str) or "\n" in detail:
        return None
    if re.search(r"\d", task.title):
        return None
    found = list(re.finditer(r"\d+(?:\.\d+)?", detail))
    if len(found) != 1 or not _same(Fraction(found[0].group()), exact(target)):
        return None
    if not detail[found[0].end() :].lstrip().startswith(measure):
        return None
    return detail[: found[0].start()].strip() or None


def _rate(actual: float | None, target: float | None, down: bool) -> Fraction | None:
    """How far the figure is towards the target, not capped (150 of 100 is 1.5): actual ÷
    target; where less is better, target ÷ actual (5‰ aimed at, 4‰ reached: 1.25), or for a
    fall, the share of it made (下降10% aimed at, 下降12% made: 1.2). None where a ratio says
    nothing (no figure, a target of 0, signs that do not compare). A figure at or below 0
    against a target above it has done none of it (6 % aimed at, −1 % reached: 0, not −0.17),
    as ``rollup`` counts it."""
    if actual is None or target is None or target == 0:
        return None
    aim, reached = exact(target), exact(actual)
    if not down:
        return max(reached / aim, Fraction(0)) if aim > 0 else None
    if aim > 0:
        return aim / reached if reached > 0 else None
    return reached / aim if reached < 0 else Fraction(0)


def _amount(lang: str, value: float | Fraction, measure: str) -> str:
    """40处, 3.2万亩, 100% / 40 ponds, 100%, 5‰ (a sign written against its number)."""
    number = format_number(value)
    return with_unit(lang, number, measure)


def amount_text(lang: str, value: float | Fraction, measure: str) -> str:
    """An amount with its unit, as the report writes it: 38个 / 38 个."""
    return _amount(lang, value, measure)


def _in_wan(m: Metric) -> bool:
    """Whether the plan states the target in 万 of the measure (3.2万亩 for 32000 亩): the
    task's figures are then said in 万 too (已完成2.8万亩，目标3.2万亩, not 28000亩 beside it)."""
    if not m.target_text or m.target is None or not m.measure or m.measure[0] in "万亿":
        return False
    unit = re.escape(m.measure)
    stated = re.search(rf"(\d+(?:\.\d+)?)\s*(?:余|多)?万(?:余|多)?\s*{unit}", m.target_text)
    return stated is not None and _same(Fraction(stated.group(1)) * 10000, exact(m.target))


def _measured(lang: str, value: float | Fraction, m: Metric) -> str:
    """An amount of the task's measure: in 万 where its target is (``_in_wan``) and the amount
    is one (2.8万亩; 4000亩 and 123亩 as they are, not 0.0123万亩)."""
    if abs(exact(value)) >= 10000 and _in_wan(m):
        return _amount(lang, exact(value) / 10000, "万" + m.measure)
    return _amount(lang, value, m.measure)


def _is_fall(m: Metric) -> bool:
    """A fall aimed at (下降5%: a negative target where less is better): its figures are
    changes, said as 下降5.6% or 上升1.2%, never as -5.6% or 1.2%."""
    return m.down and not m.rank and m.target is not None and m.target < 0


def _figure(lang: str, value: float | Fraction, m: Metric) -> str:
    """A figure of the task: 35处, 3.2万亩; of a fall, 下降5.6% / 上升1.2% / 持平."""
    if not _is_fall(m):
        return _measured(lang, value, m)
    if _same(value, 0):
        return "持平" if lang == "zh" else "unchanged"
    size = _amount(lang, -value if value < 0 else value, m.measure)
    if lang == "zh":
        return ("下降" if value < 0 else "上升") + size
    return ("down " if value < 0 else "up ") + size


def _change_measure(measure: str, lang: str) -> str:
    """A change of a percentage is in percentage points."""
    if measure == "%":
        return "个百分点" if lang == "zh" else "percentage points"
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


# What a figure against its target says where the task has none recorded.
_NO_ACTUAL = {"zh": "（未记录完成值）", "en": " (no actual figure recorded)"}


def achievement_sentence(
    task: Item, metric: Metric | None, lang: str, name: str | None = None, partial: bool = False
) -> str:
    """What a done task achieved, with its figure against target and last year, and its date.
    ``name``: what to call the task instead of its title (its title with its goals);
    ``partial``: its figure is so far in the year, not the year's (``_metric_text``)."""
    title = name.strip() if name else as_named(task.title)
    text = title if metric is None else _metric_text(title, metric, lang, partial)
    done_on = task.get("done_on")
    if done_on:
        date = format_long_date(lang, done_on)
        due = task.due
        if isinstance(done_on, dt.date) and due is not None and done_on > due:
            # 油菜 due 3月底, ticked off 7月2日: done, but not on time, which the date alone hid
            due_text = long_form(task.get("due"), lang)
            said = phrase(lang, "done_on_late", date=date, due=due_text)
        else:
            said = phrase(lang, "done_on", date=date)
        note = _NO_ACTUAL["zh" if lang == "zh" else "en"]
        if text.endswith(note):  # （未记录完成值，10月28日完成）, not two brackets back to back
            said = note[:-1] + ("，" if lang == "zh" else "; ") + said.lstrip()[1:]
            text = text[: -len(note)]
        text += said
    return end_sentence(lang, text)


def falls_short(m: Metric | None) -> bool:
    """Whether a figure misses its target (87 of 90公里; 第33名 aiming at 前30名; 1起 over 0起)."""
    if m is None or m.actual is None or m.target is None:
        return False
    gap = exact(m.actual) - exact(m.target)
    return gap > 0 if m.down else gap < 0


def shortfall_text(title: str, m: Metric, lang: str) -> str:
    """A figure against its target without the task's title before it (渠道清淤87公里，目标
    90公里，完成率97%，距目标差3公里): said after the title and its state under 存在的问题."""
    text = _metric_text(title, m, lang)
    if text.startswith(title):
        text = text[len(title) :].lstrip("，,:： ")
    if lang == "zh" and text[:1].isdigit():  # 修机耕道15条: 完成15条
        # Less is better (安全生产事故1起, 能耗105吨): what there was, not work done.
        text = ("实际" if m.down else "完成") + text
    return text


def _metric_text(title: str, m: Metric, lang: str, partial: bool = False) -> str:
    """The figure against its target and last year. ``partial``: a figure so far in the year
    (1800亩 by June) below last year's whole (3200亩) is no fall on last year: last year's
    figure is said as it was (上年全年3200亩), not 较上年减少1400亩. A rate (90% of 85%) is a
    level, compared all the same."""
    zh = lang == "zh"
    sep = "，" if zh else ", "
    if m.rank:
        return _rank_text(title, m, lang)
    unit = m.measure
    parts: list[str] = []
    head = _head(title, m, lang)
    if m.target is not None or m.target_text:
        said = _what_is_counted(title, m) if zh else None
        if said and m.target_text and head.startswith(f"{title}，{said}"):
            # 完成投资800万元，目标800万元: the words said once, before the figure
            m = replace(m, target_text=m.target_text.replace(said, "", 1))
        parts += _against_target(m, lang)
    if m.change is not None:
        change_unit = _change_measure(unit, lang)
        if _same(m.change, 0):
            parts.append("与上年持平" if zh else "the same as last year")
        elif m.change > 0:
            amount = _amount(lang, m.change, change_unit)
            parts.append(f"较上年增加{amount}" if zh else f"up {amount} on last year")
        elif partial and m.baseline is not None and not _is_level(unit):
            amount = _amount(lang, exact(m.baseline), unit)
            parts.append(f"上年全年{amount}" if zh else f"last year {amount} in all")
        else:
            amount = _amount(lang, -m.change, change_unit)
            parts.append(f"较上年减少{amount}" if zh else f"down {amount} on last year")
    return sep.join([head, *parts])


def _is_level(measure: str) -> bool:
    """A measure of a level, not an amount that adds up over the year: a percent or permille."""
    return measure.strip() in ("%", "％", "‰", "百分点", "个百分点")


# Words a title that names a fall ends with (能耗下降, 化肥使用量减少).
_FALL_WORDS = ("下降", "降低", "减少")


def _head(title: str, m: Metric, lang: str) -> str:
    """The task and its figure: 治理耕地抛荒328亩, 2024年化肥使用量，下降5.6%."""
    zh = lang == "zh"
    if m.actual is None or _states_figure(title, m.actual, m.measure):
        return title
    if zh and bare_figure(m):  # 新建村级活动中心，完成值1 (not 新建村级活动中心1)
        return f"{title}，{'实际值' if m.down else '完成值'}{_figure(lang, m.actual, m)}"
    if zh and _is_fall(m) and title.endswith(_FALL_WORDS):
        # 单位GDP能耗下降: the title's 下降 says the fall (能耗下降12%, not 能耗下降下降12%);
        # a rise, or no change, is set apart from it (化肥使用量减少，上升1%).
        if m.actual < 0:
            return f"{title}{_amount(lang, -m.actual, m.measure)}"
        return f"{title}，{_figure(lang, m.actual, m)}"
    said = _what_is_counted(title, m) if zh and not _is_fall(m) else None
    if said:  # 推进入城口景观工程，完成投资800万元: not 推进入城口景观工程800万元
        return f"{title}，{said}{_figure(lang, m.actual, m)}"
    if zh and not re.search(r"\d", title):
        return f"{title}{_figure(lang, m.actual, m)}"
    if zh and _is_fall(m):  # 2024年化肥使用量，下降5.6%: not 完成下降5.6%
        return f"{title}，{_figure(lang, m.actual, m)}"
    return f"{title}{'，完成' if zh else ': '}{_figure(lang, m.actual, m)}"


# What a target's words say before its figure that is no part of what is counted (控制在0起).
_TARGET_LEAD = re.compile(r"^(?:全年|年内|力争|确保)+")
_TARGET_QUALIFIER = re.compile(
    r"(?:控制在|不低于|不少于|不超过|不高于|达到|超过|突破|达|约|在|为|[≥≤＞＜><]=?)+$"
)


def _what_is_counted(title: str, m: Metric) -> str | None:
    """The words of a target that name what its figure counts, where the title does not:
    完成投资 of 完成投资800万元 beside 推进入城口景观工程, 生产安全事故 of 生产安全事故控制在0起
    beside 抓好安全生产 (not 抓好安全生产0起). None where the target is a figure alone
    (45万人次以上), states several, or the title already says them (全年接待游客)."""
    if m.target is None:
        return None
    text = m.target_text
    found = list(re.finditer(r"\d+(?:\.\d+)?", text or ""))
    if len(found) > 1:
        return None
    words = (
        _TARGET_QUALIFIER.sub("", _TARGET_LEAD.sub("", (text or "")[: found[0].start()].strip()))
        if found
        else ""
    )
    if (
        not words and m.counted_words
    ):  # 化解信访积案 of the detail 化解信访积案5件 (目标值 5件 alone)
        words = _TARGET_QUALIFIER.sub("", _TARGET_LEAD.sub("", m.counted_words.strip()))
    if not words or re.search(r"[，,；;。：:（(]", words) or words in title:
        return None
    return words


def short_achievement(title: str, m: Metric | None, lang: str) -> str:
    """A done task in the summary form's lists (``summary``): its title and its figure
    (治理耕地抛荒328亩; 综治民调由上年第149位上升至第36位, 前进113位), without the target,
    the date or the notes, which the ledger and the full form say."""
    if m is None or m.actual is None:
        return title
    if m.rank:
        return _rank_text(title, replace(m, target=None, target_text=None), lang)
    return _head(title, m, lang)


def figure_of(m: Metric | None, lang: str) -> str | None:
    """The figure a done task reached (2个, 3.2万亩, 下降5.6%, 第36位); None without one."""
    if m is None or m.actual is None:
        return None
    if m.rank:
        return _ordinal(lang, m.actual, m.measure)
    return _figure(lang, m.actual, m)


def _against_target(m: Metric, lang: str) -> list[str]:
    """目标3万亩以上，完成率110%，超出目标0.3万亩 / 目标控制在5‰以内，优于目标2‰ — in the
    document's words for the target, the way the figure should go (less is better, a fall)."""
    zh = lang == "zh"
    target = _listed(_target_words(m, lang), lang)
    said = [f"{_target_word(m)}{target}" if zh else f"target {target}"]
    if m.actual is None:
        # a figure is missing where the target names one (4个, 新增民宿3家), not beside words
        # that name none (投产运营, 成功举办: done is all there is to say)
        if m.target is not None or re.search(r"\d", m.target_text or ""):
            said[0] += _NO_ACTUAL["zh" if lang == "zh" else "en"]
        return said
    if m.target is None:  # words without a number: nothing to compare
        return said
    top = None if m.down else _range_top(m)
    if top is not None and exact(m.actual) >= exact(m.target):  # 4个 of 3-5个: within it
        if exact(m.actual) <= top:
            return [*said, "达到目标" if zh else "target met"]
        # (of two percentages, in percentage points, as a gap below is)
        above = _measured(
            lang, exact(m.actual) - top, replace(m, measure=_change_measure(m.measure, lang))
        )
        return [*said, f"超出目标上限{above}" if zh else f"{above} above the top of the target"]
    gap = exact(m.actual) - exact(m.target)
    met = gap <= 0 if m.down else gap >= 0
    # A limit kept (3‰ under 5‰) is met, not "167 %" of anything.
    rated = m.rate is not None and not (m.down and met)
    if rated:
        rate = format_percent(m.rate)
        said[0] += f"，完成率{rate}" if zh else f", {rate} of target"
    if _same(gap, 0):
        # 实现0火情，达到目标: with no 完成率 to show the figure is the target, say so.
        return said if rated else ["达到目标" if zh else "target met"]
    # A gap between two percentages is in percentage points, whichever way the figure goes.
    amount = _measured(lang, abs(gap), replace(m, measure=_change_measure(m.measure, lang)))
    if met and m.down:
        said.append(f"优于目标{amount}" if zh else f"{amount} better than target")
    elif met:
        said.append(f"超出目标{amount}" if zh else f"{amount} above target")
    elif m.down and m.target >= 0:
        # A limit exceeded (1起 of 0起) is above it, as ``remaining`` says: "1 起 short of
        # target" read as one more accident to come. A fall aimed at is still short of it.
        said.append(phrase(lang, "above_limit", amount=amount))
    else:
        said.append(f"距目标差{amount}" if zh else f"{amount} short of target")
    return said


# A target written as a range, 3-5个 or 500～800亩 (plan import reads its least as the target).
_RANGE = re.compile(r"(\d[\d,]*(?:\.\d+)?)[^\d.,]{0,4}?(?:-|~|～|—|–|至|到)(\d[\d,]*(?:\.\d+)?)")


def _range_top(m: Metric) -> Fraction | None:
    """The most of a range the target's words state, where their least is the target: a figure
    between the two meets it rather than beats it."""
    found = _RANGE.search(m.target_text or "")
    if found is None or m.target is None:
        return None
    least, most = (Fraction(number.replace(",", "")) for number in found.groups())
    return most if least == exact(m.target) and most > least else None


def _rank_text(title: str, m: Metric, lang: str) -> str:
    """由上年第149位上升至第36位，前进113位 — a smaller place is better."""
    zh = lang == "zh"
    unit = "名" if "名" in m.measure else "位"
    parts: list[str] = []
    ranked = _what_is_ranked(title, m) if zh else None
    if ranked and m.actual is not None:
        # 做好信访维稳工作，综治民调由上年第36名上升至第28名: the work is not what is ranked
        title = f"{title}，{ranked}"
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
        goal = _listed(_rank_goal(m, lang), lang)
        if m.actual <= m.target or _same(m.actual, m.target):
            parts.append(f"达到{goal}的目标" if zh else f"target {goal} met")
        else:
            parts.append(f"未达到{goal}的目标" if zh else f"target {goal} not met")
    return ("，" if zh else ", ").join(parts)


# Where the words of a rank's target stop naming what is ranked (综治民调|进入全市前30名).
_RANK_VERB = re.compile(
    r"(?:力争|确保)?(?:进入|位列|位居|稳居|保持|排名|排在|跻身|争创|前\s*\d|第\s*\d)"
)


def _what_is_ranked(title: str, m: Metric) -> str | None:
    """What a rank's target ranks (综治民调 of 综治民调进入全市前30名), where the title names the
    work rather than the ranking (做好信访维稳工作); None where the title says a ranking itself
    (综治民调全市排名) or the target names nothing before its place (进入全市前30名)."""
    if not m.target_text or is_rank_metric({"measure": "名", "title": title}):
        return None
    found = _RANK_VERB.search(m.target_text)
    words = m.target_text[: found.start()].strip() if found else ""
    words = _TARGET_LEAD.sub("", words)
    if not words or re.search(r"[\d，,；;。：:（(]", words) or words in title:
        return None
    return words


def _listed(words: str, lang: str) -> str:
    """A target's words in a sentence listing things with commas: quoted where they have a
    comma (or ；) of their own (目标“新增民宿3家，创建金宿1家”，完成率…), else as written."""
    if not re.search(r"[，,；;]", words) or words[:1] in '“"':
        return words
    return f"“{words}”" if lang == "zh" else f'"{words}"'


def _rank_goal(m: Metric, lang: str) -> str:
    """A ranking's target as the document said it (进入前5名: the top five, not fifth place),
    else its place (第5名)."""
    if m.target_text:
        return m.target_text
    return _ordinal(lang, m.target, m.measure) if m.target is not None else ""


def metric_state(m: Metric, lang: str, now_said: bool = False) -> str:
    """Where an unfinished task's figure stands: 已完成20处，目标40处 / 目前第40位. ``now_said``:
    the sentence has said 目前 already (下一步打算's 目前进行中), so a level is said bare."""
    zh = lang == "zh"
    now_word = "" if now_said else ("目前" if zh else "now ")
    parts = []
    if m.rank:
        if m.actual is not None:
            now = _ordinal(lang, m.actual, m.measure)
            parts.append(f"{now_word}{now}")
        if m.target is not None or m.target_text:
            goal = _listed(_rank_goal(m, lang), lang)
            parts.append(f"目标{goal}" if zh else f"target {goal}")
    else:
        if m.actual is not None:
            amount = _figure(lang, m.actual, m)
            # A level (4.2‰, -1%, a growth of 2.1%), not an amount done: 已完成2.1% beside
            # 完成率26% read as 2.1% of the work.
            level = m.down or m.actual < 0 or m.measure in ("%", "‰")
            parts.append(
                (f"{now_word}{amount}" if level else f"已完成{amount}")
                if zh
                else (f"{now_word}{amount}" if level else f"{amount} done")
            )
        if m.target is not None or m.target_text:
            target = _listed(_target_words(m, lang), lang)
            parts.append(f"{_target_word(m)}{target}" if zh else f"target {target}")
    return ("，" if zh else ", ").join(parts)


def bare_figure(m: Metric) -> bool:
    """A target that is a number alone, no unit, no words (target = 2): said 完成值1，目标值2, as
    the ledger's columns name them. 目标2 beside a title read as part of it (活动中心1，目标2),
    and a unit made up (2项? 2个?) could be the wrong one."""
    return not m.measure and not m.rank and m.target is not None and not m.target_text


def _target_word(m: Metric) -> str:
    return "目标值" if bare_figure(m) else "目标"


def _target_words(m: Metric, lang: str) -> str:
    """The target as the document said it (3万亩以上, 控制在5‰以内), else its figure."""
    if m.target_text:
        return m.target_text
    return _figure(lang, m.target, m) if m.target is not None else ""


def remaining(m: Metric | None, lang: str) -> str | None:
    """尚差: what is left to the target, when a figure was recorded (a task measured by its
    progress alone has no figure to subtract; its completion says how far it is)."""
    if m is None or m.target is None or m.actual is None:
        return None
    if m.rank:  # 第33位 aiming at 前30位: places to climb, not an amount
        places = exact(m.actual) - exact(m.target)
        if places <= 0:
            return None
        unit = "名" if "名" in m.measure else "位"
        said = format_number(places)
        if lang == "zh":
            return phrase(lang, "rank_remaining", amount=f"{said}{unit}")
        return phrase(lang, "rank_remaining_one" if places == 1 else "rank_remaining", amount=said)
    left = exact(m.target) - exact(m.actual)
    if m.down:  # what is still to come down
        left = -left
    if left <= 0:
        return None
    # What is left between two percentages is in percentage points (尚差1.5个百分点).
    amount = _measured(lang, left, replace(m, measure=_change_measure(m.measure, lang)))
    if m.down and m.target >= 0:
        # A limit (控制在5‰以内, 零事故) is above it, not short of it: 尚差2起 of 0 accidents
        # would read as two more to come. A fall aimed at (下降10%) has some still to make.
        return phrase(lang, "above_limit", amount=amount)
    return phrase(lang, "remaining", amount=amount)


def ledger_figures(m: Metric | None, lang: str) -> tuple[str, str]:
    """目标值 and 完成值 of the ledger: 40处 and 35处, 3万亩以上 and 3.3万亩, 第36位; a side not
    recorded is a dash; two "" for a task with neither (none, or only last year's)."""
    if m is None or (m.target is None and m.actual is None and not m.target_text):
        return "", ""
    if m.rank:
        target = _rank_goal(m, lang) or "—"
        actual = _ordinal(lang, m.actual, m.measure) if m.actual is not None else "—"
    else:
        target = _target_words(m, lang) or "—"
        actual = _figure(lang, m.actual, m) if m.actual is not None else "—"
    return target, actual
