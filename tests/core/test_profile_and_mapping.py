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


def test_profiles_split_national_base_and_province(tmp_path):
    national, shaanxi = load_profile("national_2023"), load_profile("shaanxi_ankang_2023")
    # the national base carries no Shaanxi/安康 thresholds; the province profile adds them and keeps the rest
    assert "field_check" not in national.thresholds and "written_opinion_restoration" not in national.thresholds
    assert shaanxi.thresholds["field_check"]["city"]["cultivated_mu"] == 50.0
    assert shaanxi.thresholds["accountability"] == national.thresholds["accountability"]
    assert shaanxi.raw["extends_chain"] == ["national_2023"] and shaanxi.verdicts == national.verdicts
    # the sources are named by their real titles: 002 is 安康市's notice, 003 a 重庆 township's plan
    assert "安康市自然资源局" in national.raw["sources"]["002"] and "古路镇" in national.raw["sources"]["003"]
    assert "农村宅基地" in national.verdict("WF").subtypes
    # every reading that is not the notices' own wording says so
    assert "reading" in shaanxi.thresholds["written_opinion_restoration"]
    assert "practice" in national.thresholds["accountability"]["near_source"]


def test_a_province_with_verdicts_of_its_own_loads_with_no_code_change(profile):
    from weipian_plugin.core.model import PackageSnapshot, Patch, Verification
    from weipian_plugin.core.rules import evaluate

    ex = load_profile("example_province_2023")
    assert [v.name for v in ex.verdicts] == ["合法", "违法", "农村道路", "设施农用地", "其他"]
    assert len(ex.verdict("QT").subtypes) == 18
    assert ex.kind("NCDL") == "QT" and ex.kind("WF") == "WF" and ex.kind("XX") is None
    # 设施农用地 counts as 其他: not allowed on a 新增非农建设类 patch, and flagged on 永久基本农田
    patch = Patch("P", class_code="XZFNJS", area_mu=3.0, permanent_mu=2.0)
    v = Verification("P", "SSNY", "种植设施", basis="b", verifier="甲")
    rules = {f.rule for f in evaluate(PackageSnapshot([patch], {"P": v}), ex)[0]}
    assert {"verdict.other_forbidden", "farmland.facility_on_permanent", "evidence.documents_missing"} <= rules
    assert "verdict.unknown" not in rules


def test_profile_chosen_by_county_code():
    from weipian_plugin.core.profile import profile_for_county

    assert profile_for_county("610902") == "shaanxi_ankang_2023"
    assert profile_for_county("500112") == profile_for_county(None) == "national_2023"


def test_profile_extends_checked(tmp_path):
    (tmp_path / "a.json").write_text('{"id": "a", "extends": "b"}', encoding="utf-8")
    (tmp_path / "b.json").write_text('{"id": "b", "extends": "a"}', encoding="utf-8")
    with pytest.raises(ProfileError, match="circle"):
        load_profile(str(tmp_path / "a.json"))
    (tmp_path / "c.json").write_text('{"id": "c", "extends": "../../etc/passwd"}', encoding="utf-8")
    with pytest.raises(ProfileError, match="by id"):
        load_profile(str(tmp_path / "c.json"))
    # a county's own file may extend a shipped profile from anywhere
    (tmp_path / "mine.json").write_text('{"id": "mine", "extends": "shaanxi_ankang_2023", '
                                        '"evidence": {"max_photo_distance_m": 80}}', encoding="utf-8")
    mine = load_profile(str(tmp_path / "mine.json"))
    assert mine.max_photo_distance_m == 80 and mine.azimuth_tolerance_deg == 5.0
    assert mine.thresholds["field_check"]["province"]["cultivated_mu"] == 100.0
    (tmp_path / "d.json").write_text('{"id": "d", "extends": "national_2023", "verdicts": [{"code": "hf", '
                                     '"name": "合法"}]}', encoding="utf-8")
    with pytest.raises(ProfileError, match="capital letters"):
        load_profile(str(tmp_path / "d.json"))


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
