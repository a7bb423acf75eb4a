"""plan county and copies of one plan: a file copied under another name (the same text), or an
older copy put aside while the plan went on being changed, counts once in the rows, the ranking
and the totals, and is named as left out with the file that is counted; two towns' plans that
merely share a name both count."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_county import county_json, town_doc, write

runner = CliRunner()


def test_an_exact_copy_of_a_plan_is_counted_once_and_named(tmp_path):
    folder = tmp_path / "county"
    jia = write(folder / "jia.toml", town_doc("甲镇", tasks=40, seed=1))
    write(folder / "yi.toml", town_doc("乙镇", tasks=12, seed=2))
    alone = county_json(str(folder), "--as-of", "2023-06-30")
    shutil.copyfile(jia, folder / "jia - 副本.toml")
    # The same plan saved by Notepad: a BOM and CRLF line ends, the same text all the same.
    text = jia.read_text(encoding="utf-8").replace("\n", "\r\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "jia.toml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    record = county_json(str(folder), "--as-of", "2023-06-30")
    assert record["plans"] == 2
    assert record["total"] == alone["total"]
    assert [row["rank"] for row in record["rows"]] == [row["rank"] for row in alone["rows"]]
    copies = [left for left in record["skipped"] if left["why"] == "copy"]
    # (jia.toml is counted: a person lists it before jia - 副本.toml, as Explorer does)
    assert sorted(Path(left["file"]).name for left in copies) == ["jia - 副本.toml", "jia.toml"]
    assert all("内容完全相同，是同一份计划，只计一次" in left["message"] for left in copies)
    shown = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    said = " ".join(shown.output.split())
    assert shown.exit_code == 0, shown.output
    assert "2 个文件是已计入的计划的副本，未重复计入" in said
    expected = f"{folder / 'jia - 副本.toml'}：与 {folder / 'jia.toml'} 内容完全相同"
    assert expected.replace(" ", "") in said.replace(" ", "")  # the lines wrap at spaces
    assert "（jia" not in said  # one 甲镇 row, named without its file
    english = runner.invoke(app, ["--lang", "en", "county", str(folder)])
    assert "2 files are copies of a plan counted and were not counted again" in " ".join(
        english.output.split()
    )


def test_an_older_copy_of_a_plan_that_went_on_is_left_out_for_the_newer(tmp_path):
    folder = tmp_path / "county"
    jia = write(folder / "jia.toml", town_doc("甲镇", tasks=40, seed=1))
    write(folder / "yi.toml", town_doc("乙镇", tasks=12, seed=2))
    shutil.copyfile(jia, folder / "a-backup.toml")  # read before jia.toml
    done = runner.invoke(app, ["-f", str(jia), "progress", "1.1.1", "95", "--by", "张三"])
    assert done.exit_code == 0, done.output
    status = runner.invoke(app, ["-f", str(jia), "status", "--json"])
    record = county_json(str(folder))
    assert record["plans"] == 2
    jia_row = next(row for row in record["rows"] if row["organisation"] == "甲镇")
    assert jia_row["file"] == str(jia)
    assert jia_row["completion"] == json.loads(status.stdout)["total"]["completion"]
    [left] = record["skipped"]
    assert (left["file"], left["why"]) == (str(folder / "a-backup.toml"), "copy")
    assert f"{jia} 含有它的全部修改记录（它是旧的一份），只计入后者" in left["message"]


def test_two_towns_plans_of_one_name_both_count(tmp_path):
    folder = tmp_path / "county"
    write(folder / "east" / "plan.toml", town_doc("衡南县云集镇人民政府", tasks=10, seed=4))
    write(folder / "west" / "plan.toml", town_doc("衡南县云集镇人民政府", tasks=12, seed=5))
    write(folder / "new" / "plan.toml", town_doc("衡南县云集镇人民政府", tasks=5, last_record=None))
    record = county_json(str(folder))
    assert record["plans"] == 3 and record["skipped"] == []
    assert record["total"]["total"] == sum(row["total"] for row in record["rows"])
