"""The county's settings, from the ``[county]`` table of ``county.toml`` in the towns' folder.
Pure: the store reads the file, this reads the table.

    [county]
    name = "衡南县人民政府督查室"  # who issues the 通报: its 落款
    report_day = "每月25日前"   # or 25, or "月底"; the reporting rule (default 每月25日前)
    # stale_days = 30           # instead: flagged after 30 days without a record
    [county.weights]            # rank by a score instead of completion (see ranking)
    completion = 0.6
    on_pace = 0.4
    overdue = 2
"""

from __future__ import annotations

from typing import Any

from ..errors import PlanError
from .ranking import BadWeights, Weights, weights_from
from .reporting import ReportingRule, parse_report_day


class BadCountySettings(PlanError):
    """``county.toml`` says something that cannot be used."""

    def __init__(self, path: str, field: str, zh: str, en: str):
        super().__init__(f"{path}: {field}: {en}")
        self.path, self.field, self.zh, self.en = path, field, zh, en

    def message(self, lang: str) -> str:
        if lang == "zh":
            return f"县级设置 {self.path} 中的 {self.field} 有误：{self.zh}请改正后重新运行。"
        return f"The county settings {self.path}: {self.field}: {self.en} Correct it and run again."


def read_settings(
    doc: dict[str, Any], path: str
) -> tuple[ReportingRule | None, Weights | None, str | None]:
    """The reporting rule, the weights and the issuer's name ``[county]`` states (None for what
    it leaves out)."""
    table = doc.get("county", {})
    if not isinstance(table, dict):
        raise BadCountySettings(path, "county", "应写成 [county] 表。", "must be a [county] table.")
    known = ("name", "report_day", "stale_days", "weights")
    # A setting above any [county] line (the line left out) would be passed over, and the
    # towns judged by the defaults.
    outside = [name for name in known if name in doc]
    if outside:
        raise BadCountySettings(
            path,
            outside[0],
            "写在了 [county] 表外面，不起作用：请在第一个设置的上面加一行 [county]（[weights] 写成 "
            "[county.weights]）。",
            "is written outside the [county] table, where it counts for nothing: add a line "
            "[county] above the first setting (and write [weights] as [county.weights]).",
        )
    for name in table:
        if name not in known:
            raise BadCountySettings(
                path,
                f"county.{name}",
                "不是可用的设置（可用：name、report_day、stale_days、weights）。",
                "is not a setting (use name, report_day, stale_days or weights).",
            )
    rule = None
    if "report_day" in table and "stale_days" in table:
        raise BadCountySettings(
            path,
            "county",
            "report_day 与 stale_days 只能写一个。",
            "give report_day or stale_days, not both.",
        )
    if "report_day" in table:
        value = table["report_day"]
        day = parse_report_day(str(value)) if isinstance(value, str | int) else None
        if day is None or isinstance(value, bool):
            raise BadCountySettings(
                path,
                "county.report_day",
                '应为每月的报送日，如 "每月25日前"、25 或 "月底"。',
                'must be the day of the month reports are due, e.g. 25 or "month end".',
            )
        rule = ReportingRule(day, origin="settings")
    if "stale_days" in table:
        value = table["stale_days"]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3660:
            raise BadCountySettings(
                path,
                "county.stale_days",
                "应为 1 到 3660 之间的整数（天数）。",
                "must be a whole number of days from 1 to 3660.",
            )
        rule = ReportingRule(None, value, origin="settings")
    weights = None
    if "weights" in table:
        given = table["weights"]
        if not isinstance(given, dict):
            raise BadCountySettings(
                path,
                "county.weights",
                "应写成 [county.weights] 表（completion、on_pace、overdue）。",
                "must be a [county.weights] table (completion, on_pace, overdue).",
            )
        try:
            weights = weights_from(given)
        except BadWeights as exc:
            raise BadCountySettings(path, "county.weights", f"{exc.zh}。", f"{exc.en}.") from None
    name = table.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise BadCountySettings(
            path,
            "county.name",
            '应为发文单位的名称（文字），如 "衡南县人民政府督查室"。',
            "must be the name of the office that issues the notice (text).",
        )
    return rule, weights, name.strip() if name else None
