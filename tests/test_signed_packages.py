"""Packages only their makers can make. Each forgery is made the way an attacker would make it: with the plugin's
own code (the services, `PackageWriter`) and a key of the attacker's own desk, and taken in through the
algorithms a county, a city and a township run. The receiver names the sender from its own records and trusts only
the key a person confirmed; a key is replaced only by the receiver, audited."""
import json
import os
import sqlite3

import pytest
from desks import confirmed
from test_exchange import COUNTY, table_counts, township_work, township_zip

from weipian_plugin.core.manifest import ManifestError
from weipian_plugin.services.assignment_packages import export_assignment_packages, open_assignment_package
from weipian_plugin.services.return_packages import export_return_package, import_return_package
from weipian_plugin.services.signatures import SenderKeyChanged, SenderUnknown
from weipian_plugin.store.keys import Desk, using_desk
from weipian_plugin.store.work_package import WorkPackage


def desk_at(tmp_path, name):
    return str(tmp_path / "desks" / name)


def fingerprint(folder):
    return Desk(folder).fingerprint()


def township_return(zip_path, folder, desk, sample, tmp_path, name, county_fp, verdict_all=None):
    """A return package made at `desk` from an assignment zip: the township's genuine work, or (verdict_all) an
    outsider who intercepted the zip setting every patch to one verdict in the township's name."""
    with using_desk(desk):
        gpkg = open_assignment_package(zip_path, folder, confirmed=[county_fp])
        if verdict_all:
            with WorkPackage.open(gpkg) as twp:
                for code in sorted(twp.patch_codes()):
                    twp.set_verification(code, "五里镇 王芳", verdict=verdict_all, subtype="依法批准用地",
                                         basis="已批", approval_no="陕政土批〔2026〕9号")
        else:
            township_work(gpkg, sample)
        out = str(tmp_path / f"{name}.zip")
        with WorkPackage.open(gpkg) as twp:
            export_return_package(twp, out, "五里镇 陈强")
    return out


def test_an_outsider_with_an_intercepted_assignment_cannot_return_the_townships_work(
        package, assigned, sample, tmp_path, provider):
    """Measured before: 20/20 forged verdicts applied in 关庙镇 王芳's name, and the genuine return then refused as
    'history rewritten'. Now the forged one is refused, before and after the township's key is known."""
    import processing
    from qgis.core import QgsProcessingException

    county_fp = confirmed()[0]  # the county works at this test's desk
    zip_path = township_zip(assigned, "五里镇")
    town, thief = desk_at(tmp_path, "五里镇"), desk_at(tmp_path, "outsider")
    genuine = township_return(zip_path, str(tmp_path / "town"), town, sample, tmp_path, "genuine", county_fp)
    forged = township_return(zip_path, str(tmp_path / "stolen"), thief, sample, tmp_path, "forged", county_fp, "HF")
    package.close()
    before = table_counts(package.path)
    with WorkPackage.open(package.path) as wp:
        # no key known for 五里镇 yet: the forgery is the first package, and the fingerprint the township reads out
        # on the phone is not its key
        with pytest.raises(SenderUnknown) as unknown:
            import_return_package(wp, forged, COUNTY)
        assert unknown.value.fingerprint == fingerprint(thief) != fingerprint(town)
        with pytest.raises(SenderUnknown):
            import_return_package(wp, forged, COUNTY, confirmed=[fingerprint(town)])
    assert table_counts(package.path) == before
    taken = processing.run("weipian:import_return_package", {"PACKAGE": package.path, "INPUT": genuine,
                                                             "ACTOR": COUNTY, "CONFIRMED_KEY": fingerprint(town)})
    assert taken["APPLIED"] == 2
    after_genuine = table_counts(package.path)
    with pytest.raises(QgsProcessingException) as refused:
        processing.run("weipian:import_return_package", {"PACKAGE": package.path, "INPUT": forged, "ACTOR": COUNTY,
                                                         "CONFIRMED_KEY": fingerprint(thief)})
    said = str(refused.value)
    assert "forged.zip" in said and fingerprint(thief) in said and fingerprint(town) in said
    assert table_counts(package.path) == after_genuine
    with WorkPackage.open(package.path) as wp:
        assert not [v for v in (wp.verification(c) for c in wp.patch_codes()) if v and v.verifier == "五里镇 王芳"]
        trusted = [json.loads(r["detail"]) for r in wp.audit_entries() if r["action"] == "trust_key"]
    assert [(t["party"], t["fingerprint"], t["how"]) for t in trusted] == [
        ("township:610902:五里镇", fingerprint(town), "first_contact")]


def test_a_forged_assignment_is_refused_by_the_township(package, tmp_path, provider):
    """An assignment made by anyone but the county, signed as the county: the township refuses it, naming both
    keys, once it knows the county's; the first one it cannot open without the fingerprint confirmed."""
    import processing
    from qgis.core import QgsProcessingException

    genuine = export_assignment_packages(package, str(tmp_path / "genuine"), COUNTY)
    county_fp = confirmed()[0]
    forger = desk_at(tmp_path, "forger")
    with using_desk(forger):  # the forger's own county package, signing as county 610902
        fake = export_assignment_packages(package, str(tmp_path / "fake"), "县卫片办 李明")
    town = desk_at(tmp_path, "五里镇")
    with using_desk(town):
        with pytest.raises(QgsProcessingException, match="first package from county 610902"):
            processing.run("weipian:open_assignment_package", {"INPUT": township_zip(fake, "五里镇")})
        opened = processing.run("weipian:open_assignment_package", {"INPUT": township_zip(genuine, "五里镇"),
                                                                    "CONFIRMED_KEY": county_fp})
        assert os.path.isfile(opened["PACKAGE"])
        with pytest.raises(QgsProcessingException) as refused:
            processing.run("weipian:open_assignment_package", {"INPUT": township_zip(fake, "五里镇"),
                                                               "CONFIRMED_KEY": fingerprint(forger)})
        assert fingerprint(forger) in str(refused.value) and county_fp in str(refused.value)
        assert not os.path.exists(township_zip(fake, "五里镇")[:-4])  # nothing unpacked


def forged_city_return(tmp_path, codes, desk, county="610902"):
    """A city return with determinations, made with the plugin's own PackageWriter and a key of desk."""
    from weipian_plugin.core.signing import city_party
    from weipian_plugin.services.package_zip import PackageWriter

    items = [{"code": c, "decision": "determine", "opinion": "市级认定", "deadline": None,
              "determination": {"final_verdict": "HF"}, "reviewer": "市卫片办 周敏",
              "reviewed_at": "2026-11-30T10:00:00+00:00", "review_fid": i + 1} for i, c in enumerate(codes)]
    out = str(tmp_path / f"city_return_{os.path.basename(desk)}.zip")
    ident = {"county_code": county, "city_code": "6109", "created_by": "市卫片办 周敏",
             "created_at": "2026-11-30T10:00:00+00:00", "kind": "city_return"}
    with PackageWriter(out, "city_return", ident, signer=Desk(desk).signer(city_party("6109"))) as w:
        w.add_bytes(json.dumps({"format": 1, "returns": items}, ensure_ascii=False).encode("utf-8"),
                    "city_return.json")
        w.finish({"patches": len(items)})
    return out


def test_a_forged_city_return_cannot_lower_the_countys_figures(package, tmp_path, provider):
    """Measured before: 14 forged 'city determinations' took the county's yearly ratio from 0.7544 to 0.0."""
    import processing
    from qgis.core import QgsProcessingException

    codes = sorted(package.patch_codes())[:14]
    city, forger = desk_at(tmp_path, "city"), desk_at(tmp_path, "forger")
    genuine = forged_city_return(tmp_path, codes[:1], city)  # the city's own (same format, its own key)
    forged = forged_city_return(tmp_path, codes, forger)
    package.close()

    def records():
        conn = sqlite3.connect(package.path)
        try:
            return conn.execute("SELECT count(*) FROM patch_records").fetchone()[0]
        finally:
            conn.close()

    before = records()
    with pytest.raises(QgsProcessingException, match="first package from city 6109"):
        processing.run("weipian:import_city_return", {"PACKAGE": package.path, "INPUT": forged, "ACTOR": COUNTY})
    taken = processing.run("weipian:import_city_return", {"PACKAGE": package.path, "INPUT": genuine,
                                                          "ACTOR": COUNTY, "CONFIRMED_KEY": fingerprint(city)})
    assert taken["DETERMINED"] == 1 and records() == before + 1
    with pytest.raises(QgsProcessingException) as refused:
        processing.run("weipian:import_city_return", {"PACKAGE": package.path, "INPUT": forged, "ACTOR": COUNTY,
                                                      "CONFIRMED_KEY": fingerprint(forger)})
    assert fingerprint(forger) in str(refused.value) and fingerprint(city) in str(refused.value)
    assert records() == before + 1


def test_a_lost_key_is_replaced_by_the_receiver_only_with_a_reason(package, assigned, sample, tmp_path, provider):
    """The township's laptop was stolen: its new desk's packages are refused until the county, having confirmed
    the new fingerprint on the phone, replaces the key with the reason; the change is in the audit log."""
    import processing
    from qgis.core import QgsProcessingException

    county_fp = confirmed()[0]
    old, new = desk_at(tmp_path, "old_laptop"), desk_at(tmp_path, "new_laptop")
    first = township_return(township_zip(assigned, "五里镇"), str(tmp_path / "t1"), old, sample, tmp_path, "first",
                            county_fp)
    assert import_return_package(package, first, COUNTY, confirmed=[fingerprint(old)]).applied
    again = export_assignment_packages(package, str(tmp_path / "round2"), COUNTY)
    second = township_return(township_zip(again, "五里镇"), str(tmp_path / "t2"), new, sample, tmp_path, "second",
                             county_fp)
    with pytest.raises(SenderKeyChanged):
        import_return_package(package, second, COUNTY, confirmed=[fingerprint(new)])
    package.close()
    base = {"PACKAGE": package.path, "INPUT": second, "ACTOR": COUNTY}
    with pytest.raises(QgsProcessingException, match="not this key's"):
        processing.run("weipian:trust_key", dict(base, CONFIRMED_KEY=fingerprint(old), REPLACE=True, REASON="被盗"))
    with pytest.raises(QgsProcessingException, match="already has the trusted key"):
        processing.run("weipian:trust_key", dict(base, CONFIRMED_KEY=fingerprint(new)))
    with pytest.raises(QgsProcessingException, match="only with the reason"):
        processing.run("weipian:trust_key", dict(base, CONFIRMED_KEY=fingerprint(new), REPLACE=True))
    done = processing.run("weipian:trust_key", dict(base, CONFIRMED_KEY=fingerprint(new), REPLACE=True,
                                                    REASON="乡镇笔记本被盗，换新电脑（电话核对）"))
    assert (done["PARTY"], done["FINGERPRINT"], done["CHANGED"]) == ("township:610902:五里镇", fingerprint(new), "yes")
    with WorkPackage.open(package.path) as wp:
        assert import_return_package(wp, second, COUNTY).applied
        entry = [json.loads(r["detail"]) for r in wp.audit_entries() if r["action"] == "trust_key"][-1]
    assert (entry["how"], entry["replaces"], entry["reason"]) == ("replaced", fingerprint(old),
                                                                   "乡镇笔记本被盗，换新电脑（电话核对）")
    # the township cannot change what the county trusts: it is the county's own desk that holds it
    assert Desk.current().trusted_key("township:610902:五里镇").fingerprint == fingerprint(new)
    assert Desk(new).trusted_keys() == [k for k in Desk(new).trusted_keys() if k.party == "county:610902"]


def test_the_desk_key_is_private_and_made_once(tmp_path):
    desk = Desk(str(tmp_path / "d"))
    fp = desk.fingerprint()
    assert desk.fingerprint() == fp
    mode = os.stat(os.path.join(desk.folder, "signing_key.json")).st_mode & 0o777
    assert mode == 0o600 and os.stat(desk.folder).st_mode & 0o777 == 0o700
    os.chmod(os.path.join(desk.folder, "signing_key.json"), 0o644)  # a copy others could read is made private
    desk.seed()
    assert os.stat(os.path.join(desk.folder, "signing_key.json")).st_mode & 0o777 == 0o600
    with open(os.path.join(desk.folder, "signing_key.json"), "w") as fh:
        fh.write("{broken")
    with pytest.raises(Exception, match="damaged"):
        desk.seed()


def test_an_unsigned_package_of_the_older_version_is_refused_with_export_again(package, assigned, tmp_path):
    """What a township on the older plugin sends: its return package as it wrote it (no signature)."""
    import zipfile

    from weipian_plugin.core.manifest import _digest

    src = township_zip(assigned, "五里镇")
    old = str(tmp_path / "old.zip")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(old, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "manifest.json":
                m = json.loads(data)
                for key in ("signature", "signer", "content_sha256"):
                    m.pop(key, None)
                m["format_version"] = 1
                m["kind"] = "return"
                m["content_sha256"] = _digest(m)
                data = json.dumps(m, ensure_ascii=False).encode("utf-8")
            zout.writestr(info, data)
    with pytest.raises(ManifestError, match="is not signed .*export it again"):
        import_return_package(package, old, COUNTY)
