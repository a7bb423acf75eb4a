"""Deadlines written in English ("June 30, 2023", "end of June", "Q2 2023", "by year end",
"ongoing") in the Chinese forms ``dates`` reads (2023年6月30日, 6月底, 2023年第2季度, 年底前,
长期), so that one reader, with one set of rules for what is ambiguous, reads both."""

from __future__ import annotations

import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"

# No deadline, or one that comes round again (read as 长期 / 每月: dates says what to do).
_NONE = re.compile(r"(?:on-?going|long[- ]term|continuous(?:ly)?|permanent|regular(?:ly)?)")
_EVERY = re.compile(
    r"(?:monthly|quarterly|weekly|daily|yearly|annually|every (?:month|quarter|week|day|year))"
)
# Each in its own period: a recurring deadline is read as its period's last (recurring_dues).
_EVERY_CHINESE = {
    "month": "每月",
    "quarter": "每季度",
    "week": "每周",
    "dai": "每天",
    "day": "每天",
}
_EVERY_CHINESE.update(year="每年", annual="每年")

# A part of a month, as dates reads 6月初, 6月中旬, 6月下旬.
_PART_OF = re.compile(r"(early|beginning of|start of|mid|middle of|late)(?:\s+|-)(?:the\s+)?")
_PARTS = {"early": "初", "beginning": "初", "start": "初", "mid": "中旬", "late": "下旬"}

# "by", "before", "no later than", "deadline:", "due": the words around the deadline itself.
_BEFORE = re.compile(r"^(?:before|prior to)\s+")
_BY = re.compile(r"^(?:(?:deadline|due)\s*:?\s*)?(?:by|until|till|no later than|due|within)?\s*")
_END_OF = re.compile(r"^(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?")
_FORMS = (
    # June 30, 2023 / June 30th 2023
    (re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"), lambda m: f"{m[3]}年{_m(m[1])}月{m[2]}日"),
    # 30 June 2023 / 30th of June, 2023
    (
        re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),
        lambda m: f"{m[3]}年{_m(m[2])}月{m[1]}日",
    ),
    (re.compile(rf"{_MONTH}\s+{_DAY}"), lambda m: f"{_m(m[1])}月{m[2]}日"),
    (re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}"), lambda m: f"{_m(m[2])}月{m[1]}日"),
    (re.compile(rf"{_MONTH},?\s+{_YEAR}"), lambda m: f"{m[2]}年{_m(m[1])}月"),
    (re.compile(_MONTH), lambda m: f"{_m(m[1])}月"),
    (re.compile(r"q([1-4])"), lambda m: f"第{m[1]}季度"),  # end of Q2, by Q3
    # Q2 2023 / 2023 Q2 / the second quarter (of 2023)
    (re.compile(rf"q([1-4]),?\s+{_YEAR}"), lambda m: f"{m[2]}年第{m[1]}季度"),
    (re.compile(rf"{_YEAR}\s+q([1-4])"), lambda m: f"{m[1]}年第{m[2]}季度"),
    (
        re.compile(
            rf"(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?:,?\s+(?:of\s+)?{_YEAR})?"
        ),
        lambda m: f"{m[2] or ''}年第{_ordinal(m[1])}季度".lstrip("年"),
    ),
    # H1 2023 / the first half (of 2023) / the first three quarters
    (
        re.compile(
            rf"(?:h([12])|(first|second) half(?: of(?: the)? year)?)(?:,?\s+(?:of\s+)?{_YEAR})?"
        ),
        lambda m: f"{m[3] or ''}年{'上' if (m[1] or m[2]) in ('1', 'first') else '下'}半年".lstrip(
            "年"
        ),
    ),
    (
        re.compile(rf"(?:the )?first three quarters(?:,?\s+(?:of\s+)?{_YEAR})?"),
        lambda m: f"{m[1] or ''}年前三季度".lstrip("年"),
    ),
    # year end / the year / 2023 / within the year
    (re.compile(r"(?:the\s+)?(?:year[- ]?end|year|this year|the year)"), lambda m: "年底"),
    (re.compile(_YEAR), lambda m: f"{m[1]}年底"),
)


def _m(name: str) -> int:
    return _MONTHS[name]


def _ordinal(word: str) -> int:
    return {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(word) or int(word[0])


# A day, month or period named in English words (the Chinese _DATE_LIKE's): June 30, 1 July,
# end of June, Q3, year end, first half, 6/30, 2024-06; "may" a verb where no day is beside it.
_DATE_WORDS = re.compile(
    rf"\b{_MONTH}\s*\d|\d(?:st|nd|rd|th)?\s+{_MONTH}\b|\b(?:end|beginning|start|middle) of "
    rf"(?:the\s+)?{_MONTH}\b|\b(?:early|mid|late)[- ]{_MONTH}\b|\bq[1-4]\b"
    r"|\byear[- ]end\b|\bend of (?:the )?year\b|\b(?:first|second) half\b"
    r"|\b\d{1,2}/\d{1,2}\b|\b\d{4}-\d{1,2}\b",
    re.IGNORECASE,
)


def dates_named(text: str) -> int:
    """How many days or periods English words name (by June 30 complete 5 km by July 1: 2)."""
    return len(_DATE_WORDS.findall(text))


def chinese_form(text: str) -> str | None:
    """``text``, an English deadline, in the Chinese form ``dates`` reads; None when it is not
    one (no Latin letters, or words this does not know)."""
    said = re.sub(r"\s+", " ", text.strip().lower()).rstrip(".")
    if not re.search(r"[a-z]", said) or re.fullmatch(r"(?:\d{4}[- ]?)?q[1-4]", said):
        return None  # Chinese, digits, or 2023-Q2, which dates reads as it is
    one = _word(said)
    if one is not None:
        return one
    parts = re.split(r"\s*(?:-|–|—|~)\s*|\s+(?:to|through|until|till)\s+", said)
    if len(parts) == 2:  # March to June: 3月至6月, which dates reads as a start and a due
        start, due = (_one(part) for part in parts)
        if start is not None and due is not None:
            return f"{start}至{due}"
    # Q3 2023, then monthly / by Q2; then quarterly: 2023年第3季度，每月, which dates reads as
    # the Chinese 三季度，之后每月 (recurring_dues: the latest of them)
    listed = [part for part in _THEN.split(said) if part]
    if len(listed) >= 2:
        words = [_word(part) for part in listed]
        if all(word is not None for word in words):
            return "，".join(word for word in words if word is not None)
    return None


# What parts one deadline from the next in a list: ", then", "; thereafter", " and then".
_THEN = re.compile(
    r"\s*[,;]\s*(?:and\s+)?(?:then|thereafter|after that|afterwards)?\s*"
    r"|\s+(?:and\s+)?(?:then|thereafter|after that|afterwards)\s+"
)


def _word(said: str) -> str | None:
    """One deadline's words in Chinese: none (长期), recurring (每月) or one day or period."""
    if _NONE.fullmatch(said):
        return "长期"
    if _EVERY.fullmatch(said):
        word = said.removeprefix("every ").removesuffix("ly")
        return _EVERY_CHINESE.get(word, "每月")
    return _one(said)


def _one(said: str) -> str | None:
    before = _BEFORE.match(said)
    if before:
        said = said[before.end() :]
    else:
        said = said[_BY.match(said).end() :]  # type: ignore[union-attr]
    end = _END_OF.match(said)
    if end:
        said = said[end.end() :]
    said = re.sub(r"^the\s+", "", said)
    after = "前" if before else ""
    part = None if end else _PART_OF.match(said)
    if part is not None:  # early June: 6月初; mid-August: 8月中旬; late September: 9月下旬
        rest = said[part.end() :]
        word = next(w for prefix, w in _PARTS.items() if part.group(1).startswith(prefix))
        if re.fullmatch(r"(?:each|every)\s+month", rest):
            return f"每月{word}{after}"
        month = _one(rest)
        return f"{month}{word}{after}" if month is not None and month.endswith("月") else None
    for form, chinese in _FORMS:
        found = form.fullmatch(said)
        if found:
            written = chinese(found)
            if end and written.endswith("月"):
                written += "底"
            return written + after
    if said and not end and not re.search(r"[a-z]", said):
        return said + after  # "deadline: 2023-06-30", "by 2023-06-30"
    return None
