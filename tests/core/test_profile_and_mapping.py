import json

import pytest

from weipian_plugin.core.field_mapping import FieldMapError, auto_map, parse_date, parse_override
from weipian_plugin.core.profile import ProfileError, available_profiles, load_profile
from weipian_plugin.core.units import M2_PER_MU, m2_to_mu, round_mu


def test_mu():
    assert M2_PER_MU == pytest.approx(666.6667, abs=1e-4)
    assert round_mu(m2_to_mu(10000)) == 15.0


def test_national_profile(tmp_path):
    p = load_profile("national_2023")
    assert "national_2023" in available_profiles()
    assert [v.code for v in p.verdicts] == ["HF", "WF", "QT"]
    assert set(p.verdict("QT").subtypes) >= {"设施农业用地", "临时用地", "农村道路", "不改变原用地性质的光伏用地", "实地未变化"}
    assert not p.patch_class("新增非农建设类").other_verdict_allowed
    assert not p.patch_class("年度内持续变化类图斑").other_verdict_allowed
    assert p.patch_class("其他变化类").level == 3
    assert p.thresholds["accountability"]["county_mu"] == 100.0 and p.thresholds["accountability"]["ratio"] == 0.15


def test_province_profile_without_code(tmp_path):
    data = json.load(open(load_profile().source_path, encoding="utf-8"))
    data["id"], data["evidence"]["max_photo_distance_m"] = "shaanxi_2024", 80
    data["verdicts"][2]["subtypes"].append("农村道路（省定）")
    path = tmp_path / "shaanxi_2024.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    p = load_profile(str(path))
    assert p.max_photo_distance_m == 80 and "农村道路（省定）" in p.verdict("其他").subtypes


def test_bad_profiles(tmp_path):
    with pytest.raises(ProfileError, match="not found"):
        load_profile(str(tmp_path / "nope.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ProfileError, match="bad.json"):
        load_profile(str(bad))
    bad.write_text('{"id": "x"}', encoding="utf-8")
    with pytest.raises(ProfileError, match="missing keys"):
        load_profile(str(bad))


def test_auto_mapping_codes_and_chinese_names():
    m = auto_map(["监测编号", "xzqdm", "耕地面积", "HSX", "other"])
    assert m == {"code": "监测编号", "county_code": "xzqdm", "cultivated_mu": "耕地面积", "later_date": "HSX"}
    truncated = auto_map(["监测编\ufffd", "行政区\ufffd", "耕地面\ufffd", "监测"])  # UTF-8 names cut at 10 bytes
    assert truncated == {"code": "监测编\ufffd", "county_code": "行政区\ufffd", "cultivated_mu": "耕地面\ufffd"}
    m = auto_map(["BH", "GD"], parse_override("JCBH=BH; GDMJ=gd"))
    assert m == {"code": "BH", "cultivated_mu": "GD"}
    with pytest.raises(FieldMapError, match="not in the input"):
        auto_map(["A"], parse_override("JCBH=B"))
    with pytest.raises(FieldMapError, match="unknown field"):
        parse_override("NOPE=A")
    with pytest.raises(FieldMapError, match="CODE=source_field"):
        parse_override("JCBH")


@pytest.mark.parametrize("raw, iso", [("20230415", "2023-04-15"), ("2023-04-15", "2023-04-15"),
                                      ("2023/4/5", "2023-04-05"), ("2023年4月5日", "2023-04-05"),
                                      ("20231345", None), ("", None), (None, None)])
def test_dates(raw, iso):
    assert parse_date(raw) == iso
