"""The year-end report read as the town's 党政办 reads it, printed as the office prints it, and
in English (session 27, H)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def flat(text: str, sep: str = "") -> str:
    """The text with its lines joined as a reader reads across them (the report wraps at 80):
    Chinese with nothing between, English (``sep`` " ") with a space."""
    return sep.join(line.strip() for line in text.splitlines())


def test_a_place_to_reach_in_the_target_words_is_a_rank_not_a_limit_above_target(
    plan_file: Path, runner: CliRunner
) -> None:
    """综治民调 target "进入全市前30位", measured in 位, at 33rd: three places still to climb. Read
    as a limit (控制在30位以内) the report said 高于目标3位 / "3位 above target" — to a reader,
    three places better than the target. A place in a ranking says 第33位 / #33."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "守住四条底线"},
            {
                "id": "1.1",
                "title": "做好信访维稳工作",
                "measure": "位",
                "baseline": 36,
                "target": 30,
                "direction": "down",
                "target_text": "综治民调进入全市前30位",
                "actual": 33,
                "progress": 90,
            },
        ],
    )
    before = plan_file.read_bytes()
    zh = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--format", "txt"])
    assert zh.exit_code == 0, zh.output
    assert "高于目标" not in zh.stdout
    assert "目前第33位，目标综治民调进入全市前30位" in flat(zh.stdout)
    assert "完成值：第33位" in zh.stdout
    en = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--format", "txt", "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "above target" not in en.stdout
    assert "now #33, target 综治民调进入全市前30位" in flat(en.stdout, " ")
    assert plan_file.read_bytes() == before  # a report writes nothing


def test_a_count_of_people_in_位_stays_a_count(plan_file: Path, runner: CliRunner) -> None:
    """慰问老人 in 位 with no ranking in its title or target words is a count: 36位 of 40位."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "社会事业"},
            {
                "id": "1.1",
                "title": "慰问困难老人",
                "measure": "位",
                "target": 40,
                "target_text": "慰问40位以上",
                "actual": 36,
                "due": dt.date(2023, 12, 31),
            },
        ],
    )
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert "尚差4位" in result.stdout
    assert "第36位" not in result.stdout


def test_an_english_word_report_marks_its_chinese_text_as_chinese(
    town_plan: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """The titles in an English report stay Chinese. Its East Asian text was marked en-US
    (w:lang/@w:eastAsia), and LibreOffice set each Chinese line of the ledger at the Latin
    font's height: two-line titles touched the cell borders above and below. East Asian text
    is Chinese whatever the report's language; the Latin text stays en-US."""
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "report-en.docx"
    result = runner.invoke(
        app, ["report", "--as-of", "2023-12-31", "--lang", "en", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Wrote ")
    document = Document(str(out))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language.get(qn("w:eastAsia")) == "zh-CN"
    assert language.get(qn("w:val")) == "en-US"
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Overview" in body and "打牢一个基础" in body


def test_next_steps_say_how_many_places_a_rank_has_to_climb(
    plan_file: Path, runner: CliRunner
) -> None:
    """下一步打算 says what is left of a figure (尚差250亩); of a rank it said nothing: 33rd
    aiming at the top 30 has three places to climb (尚需前进3位 / 3 places to climb), one
    place in English singular; a rank already in its target has nothing left to say."""
    rank = {"measure": "位", "baseline": 36, "target_text": "进入全市前30位", "progress": 50}
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "平安建设"},
            {"id": "1.1", "title": "综治民调", **rank, "target": 30, "actual": 33},
            {"id": "1.2", "title": "营商环境考评", **rank, "target": 30, "actual": 31},
            {"id": "1.3", "title": "平安建设考评", **rank, "target": 30, "actual": 28},
        ],
    )
    before = plan_file.read_bytes()
    zh = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--format", "txt"])
    assert zh.exit_code == 0, zh.output
    steps = flat(zh.stdout.split("四、下一步打算")[1].split("附表")[0])
    assert "综治民调：目前进行中，完成率91%，尚需前进3位。" in steps
    assert "营商环境考评：目前进行中，完成率97%，尚需前进1位。" in steps
    assert "平安建设考评：目前进行中，完成率100%；核实后及时销号。" in steps
    en = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--format", "txt", "--lang", "en"])
    assert en.exit_code == 0, en.output
    steps_en = flat(en.stdout.split("4. Next steps")[1].split("Appendix")[0], " ")
    assert "综治民调: now in progress, completion 91%, 3 places to climb." in steps_en
    assert "营商环境考评: now in progress, completion 97%, 1 place to climb." in steps_en
    assert plan_file.read_bytes() == before


def test_achievements_state_the_figures_reached_on_work_still_going_on(
    plan_file: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """主要成绩 named only the tasks ticked off: 征地950亩 of a motorway's 1200亩 and five of six
    村办企业 were said under 存在的问题 alone, and the office wrote them in by hand, as the 2022
    summary did (宁电入湘工程也在稳步推进中). A task not done with a figure recorded is said
    under its part with that figure against its target and its state; one with no figure, or
    none yet, stays out (its progress is in 存在的问题 and 下一步打算)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "抓好五项重点"},
            {
                "id": "1.1",
                "title": "抓好宁电入湘项目建设",
                "status": "done",
                "done_on": dt.date(2023, 8, 20),
            },
            {
                "id": "1.2",
                "title": "落实衡永高速项目建设",
                "measure": "亩",
                "target": 1200,
                "target_text": "征地1200亩",
                "actual": 950,
                "due": dt.date(2023, 12, 31),
            },
            {"id": "1.3", "title": "保障垃圾中转站正常运行", "progress": 40},
            {
                "id": "1.4",
                "title": "试点建设一批村办集体企业",
                "measure": "家",
                "target": 6,
                "actual": 0,
            },
        ],
    )
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--format", "txt"])
    assert result.exit_code == 0, result.output
    achievements = flat(result.stdout.split("二、主要成绩")[1].split("三、存在的问题")[0])
    assert "1. 抓好宁电入湘项目建设（2023年8月20日完成）。" in achievements
    assert (
        "2. 落实衡永高速项目建设，征地950亩，目标1200亩，完成率79%，距目标差250亩（目前进行中）。"
        in achievements
    )
    assert "垃圾中转站" not in achievements
    assert "村办集体企业" not in achievements
    en = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--format", "txt", "--lang", "en"])
    assert en.exit_code == 0, en.output
    said = flat(en.stdout.split("2. Achievements")[1].split("3. Problems")[0], " ")
    assert "(b) 落实衡永高速项目建设: 950亩, target 征地1200亩, 79% of target" in said
    assert "250亩 short of target (now in progress)." in said
    out = tmp_path / "总结.docx"
    written = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--out", str(out)])
    assert written.exit_code == 0, written.output
    from docx import Document

    body = [p.text for p in Document(str(out)).paragraphs]
    assert any(text.startswith("2. 落实衡永高速项目建设，征地950亩") for text in body), body
    assert plan_file.read_bytes() == before


def test_the_ledger_breaks_a_long_target_before_前30位_not_inside_it(
    plan_file: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """目标值/完成值 of a target worded at length breaks before its figure (综治民调进入全市 over
    前30位/): it broke between 前 and 30位, and 前 stood at the end of the line above, away from
    the place it makes a top thirty of."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "守住四条底线"},
            {
                "id": "1.1",
                "title": "做好信访维稳工作",
                "measure": "位",
                "target": 30,
                "target_text": "综治民调进入全市前30位",
                "actual": 33,
            },
        ],
    )
    out = tmp_path / "总结.docx"
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--out", str(out)])
    assert result.exit_code == 0, result.output
    from docx import Document

    row = Document(str(out)).tables[0].rows[1]
    assert [cell.text for cell in row.cells][2] == "综治民调进入全市\n前30位/\n第33位"
