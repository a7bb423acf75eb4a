"""The 通报 as Markdown (``plan county --format md``): everything from the plans escaped."""

from __future__ import annotations

from ..report.markdown import md_escape
from .view import County
from .words import (
    cells,
    columns,
    end_none_line,
    left_out_line,
    none_line,
    not_reported_line,
    notes,
    notice_title,
    overall_sentences,
    place_line,
    ranking_rule,
    reporting_words,
    section_titles,
    signature,
)


def to_markdown(county: County) -> str:
    lang = county.lang
    titles = section_titles(lang)
    out = [f"# {md_escape(notice_title(county), line_start=False)}", ""]
    out += [f"## {titles['overall']}", ""]
    for line in overall_sentences(county):
        out += [md_escape(line), ""]
    for key, rows in (("top", county.top), ("bottom", county.bottom)):
        out += [f"## {titles[key]}", ""]
        out += [f"- {md_escape(place_line(row, county))}" for row in rows]
        out += [] if rows else [md_escape(end_none_line(county, key))]
        out.append("")
    out += [
        f"## {titles['not_reported']}",
        "",
        md_escape(reporting_words(lang, county.rule, county.day, county.spans, document=True)),
        "",
    ]
    out += [
        # Escaped as at a line's start: a name starting "1. " or "- " would be a list in the item
        f"- {md_escape(not_reported_line(row, lang, document=True))}"
        for row in county.not_reported
    ]
    out += [] if county.not_reported or county.none_owing else [none_line(lang)]
    out.append("")
    left = county.errors + county.skipped
    if left:
        out += [f"## {titles['left_out']}", ""]
        out += [f"- {md_escape(left_out_line(one, lang))}" for one in left]
        out.append("")
    lines = signature(county)
    if lines:
        out += [f"{md_escape(line)}  " for line in lines] + [""]
    out += [f"## {titles['table']}", ""]
    header = columns(lang, county.weights)
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "|".join("---" for _ in header) + "|")
    for row in county.rows:
        texts = cells(row, lang, county.weights).values()
        out.append("| " + " | ".join(md_escape(text, line_start=False) for text in texts) + " |")
    out += ["", md_escape(ranking_rule(lang, county.weights)), ""]
    for note in notes(county, document=True):
        out += [md_escape(note), ""]
    return "\n".join(out)
