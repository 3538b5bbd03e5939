"""The city takes the counties' upload packages into its hub (store.city_hub), verified as the county's own
tools verify them: the manifest's listing and every file's sha256 (package_zip.PackageReader), then what the
rules read (results/snapshot.json, checked field by field) and the outlines (results/…gpkg, read as plain
rows). A package is taken whole or not at all; the same package twice is taken once."""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional

from ..core.manifest import MANIFEST_NAME, ManifestError
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.snapshot_json import SnapshotError, from_json
from ..core.statistics import patch_figures
from ..store.audit_chain import GENESIS
from ..store.city_hub import CityHub, CityHubError
from ..store.received import ReceivedPackageError, results_rows
from . import work_dirs
from .package_zip import AUDIT_CHAIN, Cancelled, PackageReader
from .signatures import check_sender

SNAPSHOT = "results/snapshot.json"


@dataclass
class CityImportReport:
    package: str
    county_code: str = ""
    patches: int = 0
    files: int = 0
    already_imported: bool = False
    refused: object = ""  # why it was not taken (a message), empty when taken


@dataclass
class CityImportRun:
    reports: List[CityImportReport] = field(default_factory=list)

    @property
    def imported(self) -> List[CityImportReport]:
        return [r for r in self.reports if not r.already_imported and not r.refused]


def _refuse(name: str, problem) -> None:
    raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {problem}"), name=name, problem=problem))


# what the rules read of a patch, as the results layer writes it (services.result_layers) and as the snapshot holds
# it: the hub compares each, so a snapshot cannot say something else than the results the county uploads
COMPARED = ("XZQDM", "XZMC", "TBLX", "HSX", "XFSJ", "JCMJ", "GDMJ", "YJJBNTMJ", "STBHHXMJ", "SFSK", "PDJG", "WFXZ",
            "SFXZLZGDJF")
MAX_SNAPSHOT_BYTES = 64 << 20
MAX_PATCHES = 100_000
MAX_FILE_BYTES = 1 << 30  # one file of a county's package, held in memory once on its way into the hub
CLOCK_TOLERANCE_S = 600


def _results(path: str, name: str) -> Dict[str, Dict]:
    """JCBH → {the compared fields, 'wkb'} from the package's results GeoPackage (store.received reads it as rows
    of a plain table: nothing it declares runs)."""
    try:
        return results_rows(path, COMPARED)
    except ReceivedPackageError as exc:
        _refuse(name, exc.args[0])


def _yes_no(flag) -> str:
    return "" if flag is None else ("是" if flag else "否")


def _differences(snap, results: Dict[str, Dict], profile) -> List[str]:
    """The patches whose results row says something else than the snapshot on a field the rules read (or that
    one of the two lacks), each named with the field."""
    from ..core.model import VERDICT_ZH

    out = []
    listed = {p.code for p in snap.patches}
    out += [f"{c} (not in the snapshot)" for c in sorted(set(results) - listed)[:20]]
    for p in snap.patches:
        row = results.get(p.code)
        if row is None:
            out.append(f"{p.code} (not in the results)")
            continue
        v = snap.verifications.get(p.code)
        kind = profile.kind(v.verdict) if (v and profile) else (v.verdict if v else None)
        want = {"XZQDM": p.county_code or "", "XZMC": p.township or "", "TBLX": p.class_name or "",
                "HSX": p.later_date or "", "XFSJ": p.issued_at or "", "JCMJ": round(float(p.area_mu or 0), 2),
                "GDMJ": round(float(p.cultivated_mu or 0), 2), "YJJBNTMJ": round(float(p.permanent_mu or 0), 2),
                "STBHHXMJ": round(float(p.redline_mu or 0), 2), "SFSK": _yes_no(bool(p.mineral)),
                "PDJG": ((profile.verdict_name(v.verdict) if profile else VERDICT_ZH.get(v.verdict, "")) if v else ""),
                "WFXZ": (v.category or "") if v and kind == "WF" else "",
                "SFXZLZGDJF": _yes_no(v.illegal_cultivated_housing) if v else ""}
        for field_name, expected in want.items():
            got = row.get(field_name)
            same = (abs(float(got or 0) - expected) < 0.006) if isinstance(expected, float) else \
                (str(got or "") == expected)
            if not same:
                out.append(f"{p.code} ({field_name}: {got!r} ≠ {expected!r})")
                break
    return out


def _member(reader: PackageReader, path: str) -> Optional[bytes]:
    """A small listed file's bytes, checked against the manifest; None where the package lacks it."""
    return reader.checked_bytes(path, 64 << 20) if path in reader.manifest.by_path else None


def _check_history(hub: CityHub, county: str, m, chain: Optional[bytes], name: str) -> None:
    """The county's audit chain must still hold, unchanged, every head it signed into the packages of this work
    package the city received before (a history rewritten since shows here), and end at the head it signs now."""
    head = m.identity.get("audit_head")
    package_id = str(m.identity.get("package_id") or "")
    try:
        if chain is None:
            raise ValueError("not in the package")
        data = json.loads(chain.decode("utf-8"))
        shas = data["shas"]
        if not (isinstance(head, dict) and isinstance(shas, list) and all(isinstance(x, str) for x in shas)
                and data.get("package_id") == package_id and head.get("entries") == len(shas)
                and head.get("sha") == (shas[-1] if shas else GENESIS)):
            raise ValueError("the chain does not end at the head the manifest signs")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "its audit chain ({path}) is missing or does not match its "
                                                       "manifest ({exc})"), path=AUDIT_CHAIN, exc=exc))
    for file_name, entries, sha in hub.package_heads(county, package_id):
        if not entries or entries > len(shas) or shas[entries - 1] != sha:
            _refuse(name, Msg(QT_TRANSLATE_NOOP(
                "weipian", "the county's audit log no longer holds entry {entries} as it stood in {file}, received "
                           "before: its history was rewritten since"), entries=entries, file=file_name))


@dataclass
class _Read:
    """One package read and checked on its own (no row of the hub read or written): what the hub then takes."""
    name: str
    reader: Optional[PackageReader] = None
    tmp: Optional[str] = None
    county: str = ""
    manifest_sha: str = ""
    created_utc: str = ""
    patches: List[tuple] = field(default_factory=list)
    early: Optional[BaseException] = None  # refused before the hub is asked anything (kind, county, signature, date)
    late: Optional[BaseException] = None  # refused for its content, once it is known not to be in the hub already
    figures_profile: Optional[str] = None  # the fingerprint of the profile the patches' figures were computed with

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _read_package(zip_path: str, city: str, divisions, cancelled=None, profile=None) -> _Read:
    """Everything a package says about itself, checked: its kind, county, signer party, date, snapshot, results
    and their agreement. Runs beside the hub's work on the previous package (the second core); raises nothing but
    what cannot be a package at all (ManifestError, OSError): a refusal is kept for _take to say in its order.
    profile: the hub's; what each patch adds to the year's figures under it is computed here, once."""
    from ..core.signing import county_party

    name = os.path.basename(zip_path)
    out = _Read(name)
    out.reader = PackageReader(zip_path)
    try:
        reader = out.reader
        m = reader.manifest
        try:
            if m.kind == "military":
                _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "is the confidential military-land package; it does "
                                                               "not go into the hub")))
            if m.kind != "upload":
                _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "is a {kind} package, not a county's upload package"),
                                  kind=m.kind))
            county = out.county = str(m.identity.get("county_code") or "")
            if not re.fullmatch(r"\d{6}", county) or not county.startswith(city) or county not in divisions:
                _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "comes from county {value!r}, which is not a county of "
                                                               "city {city}"), value=county, city=city))
            if m.signer_party != county_party(county):
                _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "is signed by {party!r}, not by county {county}"),
                                  party=m.signer_party, county=county))
            try:  # which of a county's reports of a patch is the newest goes by this time: it must be one, and in
                # one time zone, so that the newest sorts last whatever offset the county's computer wrote
                created = _dt.datetime.fromisoformat(str(m.identity.get("created_at") or ""))
                if created.tzinfo is None:
                    raise ValueError("no time zone")
                out.created_utc = created.astimezone(_dt.timezone.utc).isoformat()
            except (ValueError, OverflowError):
                _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "its manifest's created_at {value!r} is not a time"),
                                  value=m.identity.get("created_at")))
            if created > _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(seconds=CLOCK_TOLERANCE_S):
                _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "is dated {value}, ahead of this computer's clock: the "
                                                               "county's clock is wrong; export it again when it is "
                                                               "right"), value=m.identity.get("created_at")))
            out.manifest_sha = hashlib.sha256(reader.zip.read(MANIFEST_NAME)).hexdigest()
        except CityHubError as exc:
            out.early = exc
            return out
        try:
            out.patches = _read_content(out, cancelled, profile)
            out.figures_profile = profile.fingerprint if profile is not None else None
        except (CityHubError, ManifestError) as exc:
            out.late = exc
        return out
    except BaseException:
        out.close()
        raise


def _read_content(out: _Read, cancelled, profile=None) -> List[tuple]:
    """The snapshot, the results layer and their agreement; the patch rows the hub takes."""
    name, reader, county = out.name, out.reader, out.county
    m = reader.manifest
    if SNAPSHOT not in m.by_path:
        _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "holds no {path} (made by an older version of the "
                                                       "plugin? export it again)"), path=SNAPSHOT))
    if m.by_path[SNAPSHOT].size > MAX_SNAPSHOT_BYTES:  # before anything is read, let alone parsed
        _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "its {path} is {size} bytes, over the limit of "
                                                       "{limit}"), path=SNAPSHOT, size=m.by_path[SNAPSHOT].size,
                          limit=MAX_SNAPSHOT_BYTES))
    # nothing is unpacked but the results GeoPackage (SQLite reads a file): the snapshot and the audit chain are
    # read from the zip, each checked against the manifest (ManifestError names the listing's problems, or the
    # file that does not match, as unpacking did); every other file is checked on its way into the database (one
    # transaction: a file that does not match leaves nothing)
    raw = reader.checked_bytes(SNAPSHOT, MAX_SNAPSHOT_BYTES)
    try:
        data = json.loads(raw.decode("utf-8"))
        if isinstance(data, dict) and len(data.get("patches") or []) > MAX_PATCHES:
            raise ValueError(f"more than {MAX_PATCHES} patches")
        snap = from_json(data, label=name)
    except RecursionError:
        _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "its {path} is nested deeper than any snapshot of "
                                                       "this plugin"), path=SNAPSHOT))
    except (ValueError, SnapshotError) as exc:
        _refuse(name, exc)
    # a patch code is the county's whose code it starts with (XZQDM prefix)
    strangers = [p.code for p in snap.patches if (p.county_code or county) != county
                 or not p.code.startswith(county)]
    if strangers:
        _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "reports patches of another county: {value}"),
                          value=", ".join(strangers[:5])))
    gpkgs = [f.path for f in m.files if f.path.startswith("results/") and f.path.endswith(".gpkg")]
    if len(gpkgs) != 1:
        _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "does not hold its results GeoPackage")))
    out.tmp = work_dirs.make("weipian_import_", None)
    results_path = os.path.join(out.tmp, "results.gpkg")
    with open(results_path, "wb") as fh:
        fh.write(reader.checked_bytes(gpkgs[0], MAX_FILE_BYTES))
    results = _results(results_path, name)
    differ = _differences(snap, results, _county_profile(m.identity.get("profile")))
    if differ:  # the snapshot must say what the results say, field by field
        _refuse(name, Msg(QT_TRANSLATE_NOOP("weipian", "its snapshot and its results differ for {count} "
                                                       "patches: {value}"), count=len(differ),
                          value="; ".join(differ[:10])))
    outlines = {code: row["wkb"] for code, row in results.items() if row["wkb"] is not None}
    patches = []
    for p, raw in zip(snap.patches, data["patches"]):
        code = p.code
        v = snap.verifications.get(code)
        part = {"patch": raw, "verification": data.get("verifications", {}).get(code),
                "evidence": data.get("evidence", {}).get(code) or [],
                "reviews": data.get("reviews", {}).get(code) or [],
                "records": data.get("records", {}).get(code) or {}}
        row = (county, code, p.township, p.class_name, p.cultivated_mu, v.verdict if v else None, part,
               outlines.get(code))
        patches.append(row + (patch_figures(snap, p, profile),) if profile is not None else row)
    return patches


def _take(hub: CityHub, read: _Read, actor: str, progress=None, cancelled=None,
          confirmed: Iterable[str] = ()) -> CityImportReport:
    """A package read by _read_package into the hub, or its refusal: the hub's own checks first (already taken,
    the county's key, its history), then one transaction that streams every file from the zip."""
    from ..core.signing import county_party

    name, reader = read.name, read.reader
    report = CityImportReport(name, county_code=read.county)
    if read.early is not None:
        raise read.early
    m = reader.manifest
    if hub.package_fid(read.manifest_sha) is not None:
        report.already_imported = True
        return report
    new_key = check_sender(hub, m, county_party(read.county), name, confirmed, actor)
    if read.late is not None:
        raise read.late
    _check_history(hub, read.county, m, _member(reader, AUDIT_CHAIN), name)
    files = [(f.path, f.sha256, f.size, f.path) for f in m.files]
    raw = reader.zip.read(MANIFEST_NAME)  # kept with the package: the database reads it beside the row
    files.append((MANIFEST_NAME, read.manifest_sha, len(raw), MANIFEST_NAME))

    def file_bytes(path: str) -> bytes:  # hashed on the way, one file in memory at a time
        if cancelled and cancelled():
            raise Cancelled()
        return raw if path == MANIFEST_NAME else reader.checked_bytes(path, MAX_FILE_BYTES)

    hub.add_package(dict(m.identity, kind=m.kind, created_at=read.created_utc, signer_key=m.signer_public.hex()),
                    read.manifest_sha, name, read.patches, files, actor, new_key=new_key, progress=progress,
                    read=file_bytes, figures_profile=read.figures_profile)
    report.patches, report.files = len(read.patches), len(files)
    return report


def import_upload_package(hub: CityHub, zip_path: str, actor: str,
                          progress: Optional[Callable[[float], None]] = None,
                          cancelled: Optional[Callable[[], bool]] = None,
                          confirmed: Iterable[str] = ()) -> CityImportReport:
    """confirmed: the key fingerprints a person confirmed with the counties (the first package of each)."""
    read = _read_package(zip_path, hub.meta("city_code") or "", hub.divisions(), cancelled, _hub_profile(hub))
    try:
        return _take(hub, read, actor, progress, cancelled, confirmed)
    finally:
        read.close()


def _hub_profile(hub: CityHub):
    """The hub's rule profile (its figures are computed with it), or None where it cannot be loaded: the figures
    are then computed from the patches when asked for, as before."""
    from ..core.profile import ProfileError, load_profile

    try:
        return load_profile(hub.meta("profile") or None)
    except (ProfileError, OSError, ValueError):
        return None


def _county_profile(name):
    """The county's rule profile, for the names of its verdicts (None where this plugin does not know it)."""
    from ..core.profile import ProfileError, load_profile

    try:
        return load_profile(str(name)) if name else None
    except (ProfileError, OSError, ValueError):
        return None


def import_upload_packages(hub: CityHub, paths: List[str], actor: str,
                           progress: Optional[Callable[[float], None]] = None,
                           cancelled: Optional[Callable[[], bool]] = None,
                           confirmed: Iterable[str] = ()) -> CityImportRun:
    """Each package on its own: a refused one is named with its reason and the others go on. The next package is
    read and checked (zip, snapshot, results) in a helper thread while the hub takes the one before: the two
    cores work at once, the database's server on one, the reading on the other."""
    from concurrent.futures import ThreadPoolExecutor

    from ..core.collector import paused

    run = CityImportRun()
    confirmed = list(confirmed)
    city, divisions, profile = hub.meta("city_code") or "", hub.divisions(), _hub_profile(hub)
    with paused(), ThreadPoolExecutor(max_workers=1) as pool:
        ahead = pool.submit(_read_package, paths[0], city, divisions, cancelled, profile) if paths else None
        for i, path in enumerate(paths):
            current, ahead = ahead, None
            if cancelled and cancelled():
                _discard(current)
                break
            if i + 1 < len(paths):
                ahead = pool.submit(_read_package, paths[i + 1], city, divisions, cancelled, profile)
            read = None
            try:
                read = current.result()
                run.reports.append(_take(hub, read, actor, cancelled=cancelled, confirmed=confirmed))
            except (CityHubError, ManifestError, OSError) as exc:
                run.reports.append(CityImportReport(os.path.basename(path), refused=exc))
            except Exception as exc:  # whatever one package does, the run goes on with the next (named, with why)
                try:
                    hub.conn.rollback()
                except Exception:
                    pass
                run.reports.append(CityImportReport(os.path.basename(path), refused=Msg(QT_TRANSLATE_NOOP(
                    "weipian", "cannot be taken ({exc})"), exc=f"{type(exc).__name__}: {str(exc)[:300]}")))
            finally:
                if read is not None:
                    read.close()
            if progress:
                progress(100.0 * (i + 1) / max(len(paths), 1))
        _discard(ahead)
    return run


def _discard(future) -> None:
    """A package read ahead that will not be taken (the run was cancelled): its zip closed, its folder swept."""
    if future is None:
        return
    try:
        future.result().close()
    except Exception:
        pass
