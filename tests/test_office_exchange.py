"""The exchange with townships from a work package kept on the office's PostgreSQL/PostGIS server (a real server,
tests/pg_cluster.py): assignment packages made from the office package, a township's return package taken
into it (verdicts, new evidence into the database, the township's audit entries), the county's own change
meanwhile kept as a conflict and decided there; the same results as from the GeoPackage."""
import os

import psycopg2
import pytest
from desks import confirmed
from test_exchange import township_work, township_zip

from weipian_plugin.services.assignment_packages import export_assignment_packages, open_assignment_package
from weipian_plugin.services.package_zip import verify_package
from weipian_plugin.services.return_packages import export_return_package, import_return_package
from weipian_plugin.store.assignments import conflicts, resolve_conflict
from weipian_plugin.store.office_copy import publish_work_package
from weipian_plugin.store.office_package import OfficePackage
from weipian_plugin.store.open_store import office_spec
from weipian_plugin.store.work_package import WorkPackage

COUNTY = "县卫片办 李明"


@pytest.fixture
def office(pg, pg_server, package_path, request):
    schema = f"wp_ex_{request.node.name[5:20]}"
    publish_work_package(package_path, pg, schema)
    wp = OfficePackage(psycopg2.connect(**pg_server), schema)
    yield wp
    wp.close()


def test_a_township_round_trip_through_the_office_package(office, sample, tmp_path, pg, provider):
    import processing

    spec = office_spec(office.conn.dsn, office.schema)
    result = processing.run("weipian:export_assignment_packages", {"PACKAGE": spec, "ACTOR": COUNTY,
                                                                   "OUTPUT": str(tmp_path / "out")})
    assert result["PACKAGES"] == 3 and result["UNASSIGNED"] == 0
    import json

    files = json.loads(result["FILES"]) if result.get("FILES") else None
    zips = sorted(p for p in os.listdir(tmp_path / "out") if p.endswith(".zip"))
    assert len(zips) == 3 and (files is None or len(files) == 3)
    zip_path = str(tmp_path / "out" / next(z for z in zips if "五里镇" in z))
    manifest = verify_package(zip_path)
    assert manifest.identity["parent_package_id"] == office.meta("package_id")
    assert not [d for d in os.listdir(tmp_path / "out") if d.startswith("weipian_")]  # no work folder left
    # the office records what it handed out, with the audit entry
    handed = office.select("SELECT township, count(*) AS n FROM assignments GROUP BY township ORDER BY township")
    assert sum(r["n"] for r in handed) == len(office.patch_codes())
    assert office.audit_entries()[-1]["action"] == "assign_patches"
    # the township works on its laptop
    gpkg = open_assignment_package(zip_path, confirmed=confirmed())
    codes = township_work(gpkg, sample)
    with WorkPackage.open(gpkg) as twp:
        town_evidence = {e.sha256 for e in twp.evidence(codes[1])}
    # meanwhile the county judged the first patch itself on the office package
    office.verification_shown(codes[0])
    office.set_verification(codes[0], COUNTY, verdict="HF", subtype="依法批准用地", basis="县局核实已批。",
                            approval_no="陕政土批〔2026〕1号")
    ret = str(tmp_path / "return.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, ret, "五里镇 陈强")
    evidence_before = len(office.evidence(codes[1]))
    report = import_return_package(office, ret, COUNTY, confirmed=confirmed())
    assert report.conflicts == [codes[0]] and report.applied == [codes[1]] and report.evidence_added == 1
    v = office.verification(codes[1])
    assert (v.verdict, v.verifier) == ("QT", "五里镇 陈强")
    assert office.verification(codes[0]).verdict == "HF"  # the county's version stays
    # the township's document is in the database, with its bytes, beside the county's evidence
    assert {e.sha256 for e in office.evidence(codes[1])} == town_evidence
    assert len(office.evidence(codes[1])) == evidence_before + 1
    with pg.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {office.schema}.evidence_files f JOIN {office.schema}.evidence e "
                    f"USING (sha256) WHERE e.patch_code = %s", (codes[1],))
        assert cur.fetchone()[0] == len(town_evidence)
    pg.rollback()
    entries = office.audit_entries(codes[1])
    # the township's own entries keep their author and time in their detail; the database wrote the entry under
    # the importing login
    assert any(a["action"] == "township:set_verification" and json.loads(a["detail"])["actor"] == "五里镇 陈强"
               and a["login"] == "postgres" for a in entries)
    assert any(a["action"] == "import_verification" and a["login"] == "postgres" for a in entries)
    assert office.integrity_problems() == []  # the township's entries joined the one chain
    # the same package again changes nothing
    assert import_return_package(office, ret, COUNTY, confirmed=confirmed()).already_imported
    # the conflict is decided on the office package
    [c] = conflicts(office)
    assert c.township_version["verification"]["verdict"] == "WF"
    resolve_conflict(office, c.id, "township", "县卫片办 王芳", "乡镇核实更准确")
    v = office.verification(codes[0])
    assert (v.verdict, v.verifier) == ("WF", "五里镇 陈强") and conflicts(office) == []


def test_a_failed_return_import_leaves_the_office_package_as_it_was(office, sample, tmp_path, pg, pg_server):
    """The import is one transaction on the server: when the database refuses one of its writes (a reviewer's
    login may write reviews, not verifications), nothing of the import remains, and the administrator's import
    then takes it all."""
    report = export_assignment_packages(office, str(tmp_path / "out"), COUNTY)
    gpkg = open_assignment_package(township_zip(report, "五里镇"), confirmed=confirmed())
    codes = township_work(gpkg, sample)
    ret = str(tmp_path / "return.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, ret, "五里镇 陈强")

    def counts():
        with pg.cursor() as cur:
            out = {}
            for table in ("verifications", "evidence", "evidence_files", "audit_log", "imports", "conflicts"):
                cur.execute(f"SELECT count(*) FROM {office.schema}.{table}")
                out[table] = cur.fetchone()[0]
        pg.rollback()
        return out

    # a reviewer's login may not import (it may not write verifications): refused by the database, nothing kept
    from test_office_store import login

    reviewer = OfficePackage(login(pg, pg_server, office.schema, "test_ex_rev", "reviewer"), office.schema)
    before = counts()
    with pytest.raises(Exception, match="may not"):
        import_return_package(reviewer, ret, "县 赵", confirmed=confirmed())
    reviewer.close()
    assert counts() == before
    assert import_return_package(office, ret, COUNTY, confirmed=confirmed()).applied == codes
