"""Issue 20's figures on one small hand-made county, through the algorithms a county runs (import_verdicts,
import_higher_findings, monthly_statistics, yearly_statistics), each sheet read back with openpyxl.

The county (安康 profile), five patches issued 2026-06-10 — so due 7月15日 (issued up to 6月20日), and passed
today, months later:

| patch | class | 耕地 | 永农 | 红线 | verdict | note |
|---|---|---|---|---|---|---|
| S1 | 新增非农建设类 | 120 | 0 | 0 | 合法 | a city finding 明显填报不合理 (review, not an error) |
| S2 | 其他新增建设类 | 120 | 60 | 0 | 合法 | outside the field-check scope (002 §三(五)) |
| S3 | 其他变化类 | 30 | 0 | 0 | 违法, 新增建设用地违法 | counts whatever its class; the province finds it 明显填报不合理 |
| S4 | 新增非农建设类 | 20 | 0 | 0 | 违法, 新增建设用地违法 | military land, the mark reviewed |
| S5 | 年度内持续变化类 | 30 | 15 | 15 | 合法 | 永农 + 红线 = 30: the city's 30 亩 threshold |

By hand: accountability numerator S3 30 + S4 20 = 50 亩; denominator 120 + 120 + 30 + 20 + 30 = 320 亩 (ratio
0.15625, under 100 亩: no warning); military 20 亩 in both, on its own line. Error rate, month 2026年7月 and
quarter 2026年第3季度: S3's 30 亩 ÷ the filled 耕地 without military land (120 + 120 + 30 + 30 = 300) = 10.00 %,
not over (over means more than 10 %); S1's city finding is not counted. Field checks: S1 (province and city: 耕地
≥ 100) and S5 (city: 15 + 15 ≥ 30); not S2. 月清: four patches late (military land is reported apart), late
although passed."""
import csv
import json

import openpyxl
import pytest
from shapely.geometry import MultiPolygon, box

from weipian_plugin.store.work_package import WorkPackage

ACTOR = "县卫片办 张华"
REVIEWER = "县卫片办 李明"
PATCHES = [  # code, class, 耕地, 永农, 红线
    ("S1", "XZFNJS", 120.0, 0.0, 0.0), ("S2", "QTXZJS", 120.0, 60.0, 0.0), ("S3", "QTBH", 30.0, 0.0, 0.0),
    ("S4", "XZFNJS", 20.0, 0.0, 0.0), ("S5", "NDCXBH", 30.0, 15.0, 15.0),
]


def _csv(path, header, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


@pytest.fixture
def county(tmp_path, provider):
    import processing

    wp = WorkPackage.create(str(tmp_path / "s.gpkg"), "shaanxi_ankang_2023", "610902", ACTOR)
    wp.add_patches([dict(code=code, class_code=cls, cultivated_mu=mu, permanent_mu=perm, redline_mu=red,
                         area_mu=mu + 5.0, issued_at="2026-06-10", later_date="2026-05-10", township="甲镇",
                         wkb=MultiPolygon([box(109 + i * 0.01, 32.7, 109.001 + i * 0.01, 32.701)]).wkb)
                    for i, (code, cls, mu, perm, red) in enumerate(PATCHES)], "test", ACTOR)
    path = wp.path
    wp.close()
    legal = ["合法", "依法批准用地", "", "已批", "陕政土批〔2026〕1号", "", "不需整改", "甲镇 王芳"]
    illegal = ["违法", "违法占地", "新增建设用地违法", "未批先建", "", "否", "整改中", "甲镇 王芳"]
    sheet = _csv(tmp_path / "判定.csv", ["JCBH", "PDJG", "PDLX", "WFXZ", "PDYJSM", "PZWH", "SFXZLZGDJF", "ZGZT", "HSR"],
                 [["S1"] + legal, ["S2"] + legal, ["S3"] + illegal, ["S4"] + illegal, ["S5"] + legal])
    assert processing.run("weipian:import_verdicts", {"PACKAGE": path, "INPUT": sheet, "ACTOR": ACTOR})["APPLIED"] == 5
    with WorkPackage.open(path) as wp:
        wp.set_military("S4", True, ACTOR)
        for code, *_ in PATCHES:
            wp.add_review(code, REVIEWER, "pass", "同意")
        assert set(wp.states().values()) == {"passed"}
    findings = _csv(tmp_path / "上级认定.csv",
                    ["监测编号", "认定层级", "认定方式", "明显填报不合理", "最终判定结果", "违法性质", "SFXZLZGDJF", "认定日期"],
                    [["S1", "市级", "内业审核", "是", "", "", "", "2026-10-08"],
                     ["S3", "省级", "实地核查", "是", "违法", "新增建设用地违法", "否", "2026-10-08"]])
    assert processing.run("weipian:import_higher_findings", {"PACKAGE": path, "INPUT": findings,
                                                              "ACTOR": ACTOR})["APPLIED"] == 2
    return path


def _rows(ws):
    return [r for r in ws.iter_rows(values_only=True) if any(c is not None for c in r)]


def test_the_monthly_workbook(county, tmp_path):
    import processing

    out = str(tmp_path / "月报.xlsx")
    res = processing.run("weipian:monthly_statistics", {"PACKAGE": county, "OUTPUT": out})
    book = openpyxl.load_workbook(out)
    # the 月报: the notice's title; four late (late stays late), one military patch on its own column
    monthly = book["月报"]
    assert monthly["A1"].value.startswith("《卫片执法图斑核查填报情况统计表（月报）》")
    heads = [c.value for c in monthly[3]]
    total = next(r for r in _rows(monthly) if r[0] == "合计")
    assert total[heads.index("月清逾期(个)")] == 4 and total[heads.index("军事用地(另报)")] == 1
    assert total[heads.index("违法占耕地(亩)")] == 50.0
    # accountability: 50 of 320, military 20 亩 on its own lines; one batch never warns
    acc = book["问责比例"]
    assert (acc["B3"].value, acc["B4"].value) == (50.0, 320.0) and acc["B3"].number_format == "0.00"
    labels = {r[0]: r[1] for r in _rows(acc) if r[0]}
    military = [v for k, v in labels.items() if str(k).startswith("其中：军事用地")]
    assert military == [20.0, 20.0]
    texts = [c for r in _rows(acc) for c in r if isinstance(c, str)]
    assert not [t for t in texts if "须预警" in t] and any("请见年度统计" in t for t in texts)
    assert res["ACCOUNTABILITY_RATIO"] == str(round(50 / 320, 4))
    # field checks: S1 province and city, S5 city (15 + 15), never S2 (其他新增建设类)
    checks = {r[0]: r[8] for r in _rows(book["实地核查清单"])[3:]}
    assert checks == {"S1": "省级、市级", "S5": "市级"}
    assert "之和" in book["实地核查清单"]["A2"].value
    # the error rate: only the province's finding, 30 ÷ 300 = 10.00 %, not over; S1's city finding not counted
    er = _rows(book["差错率"])
    month = next(r for r in er if r[0] == "2026年7月")
    quarter = next(r for r in er if r[0] == "2026年第3季度")
    for r in (month, quarter):
        assert (r[1], r[2], r[4]) == (30.0, 300.0, "未超过") and r[3] == pytest.approx(0.10)
    counted = {r[0]: r[3] for r in er if r[0] in ("S1", "S3", "S5")}
    assert counted == {"S1": "否", "S3": "是", "S5": "否"}
    assert not [c for r in er for c in r if isinstance(c, str) and c.startswith("=")]
    assert "差错率预估（假设）" in book.sheetnames


def test_the_yearly_workbook(county, tmp_path):
    import processing

    out = str(tmp_path / "年度.xlsx")
    res = processing.run("weipian:yearly_statistics", {"PACKAGES": [county], "YEAR": 2026, "OUTPUT": out})
    summary = json.loads(res["SUMMARY"])
    assert (summary["accountability_numerator_mu"], summary["accountability_denominator_mu"]) == (50.0, 320.0)
    assert res["ACCOUNTABILITY_WARNING"] == "no"  # 50 亩 < 100 亩
    assert summary["error_rate_months_over"] == [] and summary["error_rate_quarters_over"] == []
    assert summary["field_checks"] == 2
    book = openpyxl.load_workbook(out)
    lines = {r[0]: r for r in _rows(book["问责比例"]) if r[0] in ("S1", "S2", "S3", "S4", "S5")}
    assert "按违法性质计入" in lines["S3"][5] and lines["S3"][3] == "是"
    assert "军事用地" in lines["S4"][5] and lines["S4"][3] == "是"
    info = {r[0]: r[1] for r in _rows(book["说明"])}
    assert "计入问责比例" in info["军事用地图斑"] and "本县规则配置的选择" in info["军事用地图斑"]
    assert "市级退回和市级认定属于复核" in info["差错率"]
