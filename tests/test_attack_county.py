"""plan county attacked as a county office uses it, with the plans towns mail in: two versions of
one town's plan whose logs hold the same entries, the 通报 workbook's rows for a name that
wraps, and a plan file whose suffix Windows wrote in capitals."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.exporting.xlsx import LINE_HEIGHT

from .test_county import county_json, status_total, town_doc, write

runner = CliRunner()


def test_a_version_corrected_by_hand_is_not_left_out_as_the_older_copy(tmp_path):
    # A town corrects its plan in Notepad (tasks ticked off by hand, no entry in the log) and
    # mails it again as jia_new.toml: both files hold the same log, so neither can be told to
    # be the older one. The view used to keep the file read first and name the corrected one
    # "the older copy, remove it": its figures went uncounted and the office was told to
    # delete the town's correction.
    folder = tmp_path / "county"
    jia = write(folder / "jia.toml", town_doc("甲镇", tasks=20, seed=1))
    write(folder / "yi.toml", town_doc("乙镇", tasks=12, seed=2))
    text = jia.read_text(encoding="utf-8")
    corrected = folder / "jia_new.toml"
    corrected.write_text(
        text.replace('status = "doing"', 'status = "done"\ndone_on = 2023-06-10'), encoding="utf-8"
    )
    assert status_total(corrected)["completion"] != status_total(jia)["completion"]
    record = county_json(str(folder))
    files = {row["file"]: row for row in record["rows"]}
    assert str(corrected) in files, record["skipped"]
    assert files[str(corrected)]["completion"] == status_total(corrected)["completion"]
    assert not [left for left in record["skipped"] if left["why"] == "copy"]
    # Named with their files, so that the office sees the two and keeps the right one.
    names = sorted(row["file"] for row in record["rows"] if row["organisation"] == "甲镇")
    assert names == [str(jia), str(corrected)]
    shown = runner.invoke(app, ["county", str(folder)])
    assert "甲镇（jia_new.toml）" in shown.output and "甲镇（jia.toml）" in shown.output


def test_the_same_plan_saved_again_with_the_same_log_and_figures_still_counts_once(tmp_path):
    folder = tmp_path / "county"
    jia = write(folder / "jia.toml", town_doc("甲镇", tasks=20, seed=1))
    write(folder / "yi.toml", town_doc("乙镇", tasks=12, seed=2))
    # A comment added by hand: another text, the same plan.
    (folder / "jia_again.toml").write_text(
        "# 6月报送\n" + jia.read_text(encoding="utf-8"), encoding="utf-8"
    )
    record = county_json(str(folder))
    assert record["plans"] == 2
    assert [left["why"] for left in record["skipped"]] == ["copy"]


def test_a_workbook_row_is_as_tall_as_the_name_it_wraps(tmp_path):
    # A plan with no organisation is named by its title; one wider than the name column (40
    # characters at most) wraps in its cell. The row stayed one line high, so in LibreOffice
    # and WPS the name ran over the rows above and below it.
    folder = tmp_path / "county"
    title = "衡南县泉湖镇人民政府2023年度重点工作任务分解表（第二次修订稿）"
    long_named = town_doc("", tasks=8, seed=1)
    long_named["plan"].update(organisation="", title=title)
    write(folder / "a.toml", long_named)
    write(folder / "b.toml", town_doc("云集镇", tasks=8, seed=2))
    out = tmp_path / "通报.xlsx"
    result = runner.invoke(app, ["county", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    [row] = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == title]
    assert ws.column_dimensions["B"].width < 2 * len(title)  # it does wrap
    assert (ws.row_dimensions[row].height or 0) >= 2 * LINE_HEIGHT
    [short] = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "云集镇"]
    assert (ws.row_dimensions[short].height or LINE_HEIGHT) < 2 * LINE_HEIGHT


def test_a_plan_file_named_in_capitals_in_a_folder_is_counted(tmp_path):
    # Windows and mail programs may write the suffix as .TOML; the file is a plan all the same
    # (plan -f reads it), and it was passed over without a word: the town was simply missing.
    folder = tmp_path / "county"
    write(folder / "云集镇.toml", town_doc("云集镇", tasks=8, seed=2))
    capitals = write(folder / "花桥镇.TOML", town_doc("花桥镇", tasks=8, seed=3))
    record = county_json(str(folder), "--as-of", "2023-06-30")
    assert sorted(row["organisation"] for row in record["rows"]) == ["云集镇", "花桥镇"]
    row = next(row for row in record["rows"] if row["organisation"] == "花桥镇")
    assert row["file"] == str(capitals)
    assert row["completion"] == status_total(capitals, "--as-of", "2023-06-30")["completion"]


def test_an_older_copy_beside_the_plan_still_counts_once(tmp_path):
    # The fold of copies still works for a version that went on: its log holds the other's.
    folder = tmp_path / "county"
    jia = write(folder / "jia.toml", town_doc("甲镇", tasks=20, seed=1))
    shutil.copyfile(jia, folder / "jia_5月.toml")
    day = dt.date(2023, 6, 30).isoformat()
    done = runner.invoke(app, ["-f", str(jia), "note", "1.1.1", "6月推进情况", "--by", "张三"])
    assert done.exit_code == 0, done.output
    record = county_json(str(folder), "--as-of", day)
    assert [row["file"] for row in record["rows"]] == [str(jia)]
    assert [left["file"] for left in record["skipped"]] == [str(folder / "jia_5月.toml")]


def test_a_plan_whose_organisation_is_blank_is_named_by_its_title(tmp_path):
    # An organisation of spaces (or a line break) passes plan check, and the report and the
    # export take it for none; the county's rows showed it, a row with no name, so the office
    # could not tell which town stood first.
    folder = tmp_path / "county"
    blank = town_doc("   ", tasks=5, seed=4)
    blank["plan"]["title"] = "丁镇2023年工作计划"
    write(folder / "d.toml", blank)
    broken = town_doc("\n", tasks=5, seed=5)
    broken["plan"]["title"] = "戊镇2023年工作计划"
    write(folder / "e.toml", broken)
    write(folder / "a.toml", town_doc("甲镇", tasks=5, seed=1))
    md = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "--format", "md"])
    assert md.exit_code == 0, md.output
    table = [line for line in md.stdout.splitlines() if line.startswith("| ") and "%" in line]
    assert sorted(line.split(" | ")[1] for line in table) == [
        "丁镇2023年工作计划",
        "戊镇2023年工作计划",
        "甲镇",
    ]
    shown = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert "丁镇2023年工作计划" in shown.output and "戊镇2023年工作计划" in shown.output


def test_key_given_after_the_as_of_day_still_finds_the_task_as_it_stood_then(tmp_path):
    # A county starts numbering its tasks in the autumn: each town gives its item the key with
    # plan edit, which the log records. --as-of replays each plan to the day, the key went with
    # the replay, and every town was said to have no such task.
    folder = tmp_path / "county"
    jia = write(folder / "jia.toml", town_doc("甲镇", tasks=12, seed=1))
    yi = write(folder / "yi.toml", town_doc("乙镇", tasks=12, seed=2))
    for plan in (jia, yi):
        edited = runner.invoke(app, ["-f", str(plan), "edit", "1.1.1", "--key", "县-9"])
        assert edited.exit_code == 0, edited.output
    result = runner.invoke(app, ["county", str(folder), "--key", "县-9", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "没有这项任务的单位" not in result.output
    record = county_json(str(folder), "--key", "县-9", "--as-of", "2023-06-30")
    for plan, one in zip((jia, yi), record["plans"], strict=True):
        [item] = one["items"]
        shown = runner.invoke(
            app, ["-f", str(plan), "show", "1.1.1", "--json", "--as-of", "2023-06-30"]
        )
        then = json.loads(shown.stdout)
        assert (item["id"], item["completion"]) == ("1.1.1", then["completion"])


def test_a_town_left_out_as_an_older_copy_is_told_how_to_count_it_not_only_to_be_removed(
    tmp_path,
):
    # The county hands every town one plan with a log (its tasks numbered with plan edit
    # --key), and two towns keep the county's organisation. One town has recorded nothing: its
    # log is all in the other's, so it is taken for an older copy of it. The words said only
    # "remove or move the older copy", a town's plan; they now say how it counts as its own.
    template = town_doc("衡南县人民政府", tasks=8, seed=1)
    folder = tmp_path / "county"
    quiet = write(folder / "云集镇" / "plan.toml", template)
    busy = write(folder / "泉湖镇" / "plan.toml", template)
    done = runner.invoke(app, ["-f", str(busy), "note", "1.1.1", "本月推进情况", "--by", "泉湖"])
    assert done.exit_code == 0, done.output
    record = county_json(str(folder))
    [left] = record["skipped"]
    assert (left["file"], left["why"]) == (str(quiet), "copy")
    assert f"plan -f {quiet} header --organisation" in left["message"]  # (its own file: s23H)
    english = runner.invoke(app, ["--lang", "en", "county", str(folder), "--json"])
    [left] = json.loads(english.stdout)["skipped"]
    assert f"plan -f {quiet} header --organisation" in left["message"]


def test_a_plan_that_began_after_the_reporting_deadline_owes_no_report_yet(tmp_path):
    # New year's plans handed out on 1 January: on 10 January the latest deadline is 25
    # December, before any of them began, and every town that had not yet written was listed
    # 未按要求报送 in the 通报.
    folder = tmp_path / "county"
    write(folder / "jia.toml", town_doc("甲镇", tasks=8, seed=1, last_record=None))
    write(folder / "yi.toml", town_doc("乙镇", tasks=8, seed=2, last_record=None))
    early = county_json(str(folder), "--as-of", "2023-01-10")
    assert early["not_reported"] == []
    assert all(row["reported"] for row in early["rows"])
    md = runner.invoke(app, ["county", str(folder), "--as-of", "2023-01-10", "--format", "md"])
    assert "未按要求报送的单位 0 个" in md.stdout
    # Within the last 30 days: the plans have not run for 30 days yet.
    stale = county_json(str(folder), "--as-of", "2023-01-10", "--stale-days", "30")
    assert stale["not_reported"] == []
    # Their first deadline passed with nothing written: flagged.
    late = county_json(str(folder), "--as-of", "2023-01-26")
    assert len(late["not_reported"]) == 2
    assert (
        len(county_json(str(folder), "--as-of", "2023-02-10", "--stale-days", "30")["not_reported"])
        == 2
    )


def test_a_plan_that_ended_before_the_reporting_period_owes_no_report(tmp_path):
    # The year's plans judged at their end in a 年终考核 written in March: the period of the
    # latest deadline (26 January to 25 February) began after every plan had ended, and every
    # town was listed 未按要求报送 for it.
    folder = tmp_path / "county"
    write(folder / "jia.toml", town_doc("甲镇", tasks=8, seed=1))
    write(folder / "yi.toml", town_doc("乙镇", tasks=8, seed=2, last_record=dt.date(2023, 12, 28)))
    march = county_json(str(folder), "--as-of", "2024-03-01")
    assert march["not_reported"] == []
    # December's report, due 25 January, is owed: the town silent since June is listed.
    january = county_json(str(folder), "--as-of", "2024-01-10")
    assert [row["organisation"] for row in january["rows"] if not row["reported"]] == ["甲镇"]


def test_english_word_notice_headers_are_not_broken_inside_a_word(tmp_path):
    # LibreOffice shows "Ran k", "Compl etion", "Yell ow", "Report ed" in the table's header.
    import docx

    from quanhu_plan.report.docx_layout import bold_width_mm

    folder = tmp_path / "county"
    for n, name in enumerate(("Hill Town", "River Town", "Oak")):
        write(folder / f"{n}.toml", town_doc(name, tasks=6, seed=n, lang="en"))
    out = tmp_path / "notice.docx"
    result = runner.invoke(app, ["county", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = docx.Document(str(out)).tables[0]
    for cell in table.rows[0].cells:
        width_mm = cell.width.mm
        for word in cell.text.split():
            assert bold_width_mm(word) <= width_mm, (word, round(width_mm, 1))  # bold


def test_a_town_short_of_whole_is_not_shown_at_100_percent(tmp_path):
    # 99.96 % at one decimal rounds to 100.0 %: 完成率100.0% said done of a town that is not, and
    # it shared first place with a town that was.
    from .conftest import plan_doc

    folder = tmp_path / "county"
    short = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修路", "measure": "米", "target": 10000, "actual": 9996},
    ]
    whole = [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修路", "status": "done"}]
    write(folder / "jia.toml", plan_doc(short, organisation="甲镇"))
    write(folder / "yi.toml", plan_doc(whole, organisation="乙镇"))
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    jia = next(line for line in result.output.splitlines() if "甲镇" in line)
    yi = next(line for line in result.output.splitlines() if "乙镇" in line)
    assert "99.9%" in jia and "100.0%" not in jia
    assert "100.0%" in yi
    assert yi.split()[0] == "1" and jia.split()[0] == "2"
