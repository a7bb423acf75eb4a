"""Review of session 30's merges, part 2 (helper I): the rare paths of D, E, F and G's work
taken in real use, each defect found kept here as the test that caught it."""

from __future__ import annotations

from .test_import import items_of, run, workbook

# ---------------------------------------------------------------- E: a holiday's eve, as 公文 write it


def test_a_deadline_before_a_quoted_holiday_or_followed_by_its_work_is_its_eve(tmp_path, plan_file):
    """“七一”前 (a 公文 quotes the holiday), 国庆前完成 (as 6月底前完成 is read): refused,
    though 七一前 and 国庆前 were read as their eves."""
    rows = [
        ["测试镇2025年重点工作任务分解表"],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [1, "召开党员大会", "组织办", "“七一”前"],
        [2, "完成村史馆布展", "宣传办", "2025年国庆前完成"],
        [3, "完成春耕物资储备", "农业办", "“五一”前全面完成"],
        [4, "开展慰问活动", "民政办", "2025年“国庆”之前"],
    ]
    result = run(str(workbook(tmp_path / "时限.xlsx", rows, ("A1:D1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [str(items[i]["due"]) for i in "1234"] == [
        "2025-06-30",
        "2025-09-30",
        "2025-04-30",
        "2025-09-30",
    ]
