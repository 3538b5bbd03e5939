"""What the city's review sends back to a county: a hash-verified package (kind city_return) with each returned
patch (the opinion and the deadline) and each of the city's own determinations. The county takes it into its
work package as records (core.records: a city return, a city-level finding), which its dock shows on the patch
page and its check lists until the patch is corrected; a determination counts in the county's own figures as
it does in the city's."""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List

from ..core import records as rec
from ..core.manifest import MANIFEST_NAME
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..paths import plugin_version
from ..store.city_hub import CityHub, CityHubError, city_finding
from ..store.exchange_rows import already_imported, record_import
from ..store.work_package import PackageError, now_iso
from .package_zip import PackageReader, PackageWriter, written_or_said

RETURNS = "city_return.json"


def export_city_return(hub: CityHub, county: str, out_zip: str, actor: str) -> int:
    """The county's patches the city returned or determined since its last return package, as a package;
    returns how many. Nothing to send is said, and no package is written."""
    if not re.match(r"^\d{6}$", county or ""):
        raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{value!r} is not a county code"), value=county))
    sent = hub.sent_review_fids(county)
    items = []
    for code, (c, state, review) in sorted(hub.review_states().items()):
        if c != county or state not in ("return", "determine"):
            continue
        fid = review["fid"]
        if fid in sent:
            continue
        items.append({"code": code, "decision": state, "opinion": review["opinion"], "deadline": review["deadline"],
                      "determination": review["determination"], "reviewer": review["reviewer"],
                      "reviewed_at": review["reviewed_at"], "review_fid": fid})
    if not items:
        raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "county {county}: nothing returned or determined since "
                                                            "the last return package"), county=county))
    identity = {"county_code": county, "city_code": hub.meta("city_code") or "", "created_by": actor,
                "created_at": now_iso(), "generator": f"weipian_plugin {plugin_version()}", "kind": "city_return",
                "profile": hub.meta("profile") or ""}

    def record(manifest_sha: str) -> None:
        hub.add_return(county, os.path.basename(out_zip), manifest_sha, actor, items)

    with written_or_said(out_zip), PackageWriter(out_zip, "city_return", identity, signer=hub.signer()) as w:
        w.add_bytes(json.dumps({"format": 1, "returns": items}, ensure_ascii=False, indent=1).encode("utf-8"),
                    RETURNS)
        w.finish({"patches": len(items)}, before_publish=record)
    return len(items)


@dataclass
class CityReturnImport:
    package: str
    returned: List[str] = field(default_factory=list)
    determined: List[str] = field(default_factory=list)
    refused: Dict[str, object] = field(default_factory=dict)
    already_imported: bool = False


def import_city_return(wp, zip_path: str, actor: str, confirmed: Iterable[str] = ()) -> CityReturnImport:
    """Into the county's work package (GeoPackage or office), all in one transaction or nothing; only from the
    city above the county, signed with the key the county trusts for it (`confirmed`: the fingerprint a person
    confirmed with the city, on its first package)."""
    from ..core.signing import city_of_county, city_party
    from .signatures import check_sender

    name = os.path.basename(zip_path)
    report = CityReturnImport(name)
    with PackageReader(zip_path) as reader:
        m = reader.manifest
        if m.kind != "city_return":
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: is a {kind} package, not the city's return "
                                                                "package"), name=name, kind=m.kind))
        county = wp.meta("county_code") or ""
        if str(m.identity.get("county_code") or "") != county:
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: is for county {value!r}, this work package "
                                                                "is county {county!r}"),
                                   name=name, value=m.identity.get("county_code"), county=county))
        city = city_of_county(county)
        if str(m.identity.get("city_code") or "") != city or m.signer_party != city_party(city):
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: comes from {value!r}, not from city {city} "
                                                                "above this county"),
                                   name=name, value=m.signer_party, city=city))
        new_key = check_sender(wp, m, city_party(city), name, confirmed, actor)
        source = "city_return:" + hashlib.sha256(reader.zip.read(MANIFEST_NAME)).hexdigest()
        if already_imported(wp, source):
            report.already_imported = True
            return report
        data = json.loads(reader.read_verified(RETURNS).decode("utf-8"))
        entries = data.get("returns") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {path} holds no list of returns"),
                                   name=name, path=RETURNS))
        codes = wp.patch_codes()
        checked = []
        for i, e in enumerate(entries):
            code = e.get("code") if isinstance(e, dict) else None
            try:
                if code not in codes:
                    raise rec.RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "not a patch of this work package")))
                who = str(e.get("reviewer") or "")
                if e.get("decision") == "return":
                    record = rec.CityReturn.parse({"opinion": e.get("opinion"), "deadline": e.get("deadline"),
                                                   "returned_by": who, "returned_on": e.get("reviewed_at")})
                elif e.get("decision") == "determine":
                    record = city_finding(e)
                else:
                    raise rec.RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "decision {value!r} is neither a return "
                                                                           "nor a determination"),
                                              value=e.get("decision")))
                checked.append((code, record, who or "市级", e.get("decision")))
            except (rec.RecordError, ValueError, TypeError) as exc:
                report.refused[str(code or f"#{i + 1}")] = exc
        if report.refused:
            first = next(iter(report.refused.items()))
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {code}: {exc}; nothing was taken"),
                                   name=name, code=first[0], exc=first[1]))
        with wp.transaction():
            if new_key is not None:  # the city's first package: its key, confirmed by a person
                wp.trust_key(new_key, actor)
            for code, record, who, decision in checked:
                wp.add_record(code, record, who, source=f"{name}", foreign_name=True)  # the city's reviewer
                (report.returned if decision == "return" else report.determined).append(code)
            record_import(wp, source, actor, len(checked), 0,
                          {"returned": report.returned, "determined": report.determined})
            wp.audit(actor, "import_city_return", None, {"package": name, "returned": report.returned,
                                                         "determined": report.determined})
    return report

