"""The city's year from its hub: the accountability ratio of every county (each against the county standard,
100 亩 and 15 %) and of the city as a whole (500 亩, 002 §三(六)), with the city's own determinations counted
(002 §三(四)1); the patches the city must field-check (002 thresholds, across counties); how far the city's
internal review has come per county. The same rules (core.statistics) as a county's own figures, from the
same inputs the counties reported."""
from __future__ import annotations

import datetime as _dt
from typing import Dict, List, Optional

from ..core.profile import Profile, load_profile
from ..core.statistics import (
    SHARE_KEYS,
    Accountability,
    ErrorRate,
    Share,
    add_share,
    city_error_preview,
    combined_accountability,
    empty_accountability,
    error_rate,
    field_check_list,
    patch_share,
    unreasonable_codes,
    year_patches,
)
from ..store.city_hub import CityHub, city_divisions
from .statistics_export import _acc_summary, _Book, _common_info

STATE_ZH = {"unreviewed": "未审核", "pass": "通过", "return": "已退回县级", "determine": "市级认定",
            "resubmitted": "县级重新上报，待复审"}


def city_figures(hub: CityHub, profile: Optional[Profile] = None, year: Optional[int] = None,
                 all_lines: bool = True) -> Dict:
    """Every county's figures and the city's. What each patch adds to them was computed once, when its package
    was taken (core.statistics.patch_figures, the same functions as below), and PostgreSQL adds those up; the
    patches the city determined since, those of a hub that did not keep them, and those kept under another
    profile are computed here from their inputs. all_lines False: each accountability lists only the lines of a
    higher level's determination (what the sheet shows), not one line a patch."""
    profile = profile or load_profile(hub.meta("profile") or None)
    states = hub.review_states()
    limit = float(profile.thresholds.get("error_rate_limit", 0.10))
    names = hub_divisions(hub)
    accs: Dict[str, Accountability] = {}
    patches: Dict[str, int] = {}
    filled: Dict[str, List[float]] = {}
    checks: List[Dict] = []

    def acc_of(county: str) -> Accountability:
        if county not in accs:
            accs[county] = empty_accountability(profile, "county", [county])
            patches.setdefault(county, 0)
            filled.setdefault(county, [0.0, 0.0])
        return accs[county]

    fingerprint = profile.fingerprint if hub.keeps_figures() else None
    if fingerprint is not None:
        determined = sorted(code for code, (_c, state, _r) in states.items() if state == "determine")
        kept = hub.kept_figures(fingerprint, year, determined, all_lines)
        for county, n, mu, bad in kept["counts"]:
            acc_of(county)
            patches[county] += n
            filled[county][0] += mu
            filled[county][1] += bad
        for county, bucket, by, military, n, mu in kept["shares"]:
            add_share(acc_of(county), Share("", "", 0.0, bucket, "", by, bool(military)), mu=mu, count=n,
                      line=False)
        for county, share in kept["lines"]:
            add_share(acc_of(county), Share(**{k: share[k] for k in SHARE_KEYS}, batch=county), mu=0.0, count=0)
        checks += [dict(check, batch=county) for county, check in kept["checks"]]
    for county, snap in hub.snapshots(states=states, figures_profile=fingerprint).items():
        acc = acc_of(county)
        pairs, _ = year_patches([snap], year)
        patches[county] += len(pairs)
        for _s, p in pairs:
            share = patch_share(snap, p, profile)
            if share is not None:
                add_share(acc, share, line=all_lines or share.by != "县级")
        rate = error_rate([p for _s, p in pairs], unreasonable_codes(snap))
        filled[county][0] += rate.filled_mu
        filled[county][1] += rate.unreasonable_mu
        checks += [c for c in field_check_list(snap, profile) if "city" in c["levels"] or "province" in c["levels"]]
    checks.sort(key=lambda r: (-r["cultivated_mu"], r["code"]))
    per_county, rates = [], {}
    for county in sorted(accs):
        acc = accs[county]
        acc.lines.sort(key=lambda line: line.code)
        rates[county] = ErrorRate(filled[county][1], filled[county][0], limit)
        per_county.append({"county": county, "name": names.get(county, ""), "patches": patches[county], "acc": acc,
                           **_acc_summary(acc), "higher_determined": acc.higher_determined,
                           "error_rate": rates[county]})
    # the city's figure is the sum of its counties' (each patch counted once: the hub takes a code from its own
    # county only)
    city = combined_accountability([row["acc"] for row in per_county], profile, "city")
    progress: Dict[str, Dict[str, int]] = {}
    for _code, (county, state, _review) in states.items():
        row = progress.setdefault(county, {k: 0 for k in STATE_ZH})
        row[state] += 1
    missing = sorted(set(names) - set(accs))
    return {"profile": profile, "counties": per_county, "city": city,
            "field_checks": [dict(c, county=c["batch"]) for c in checks],
            "review_progress": progress, "year": year, "names": names, "not_reported": missing,
            "error_preview": city_error_preview(rates, names, limit)}


def hub_divisions(hub: CityHub) -> Dict[str, str]:
    """Every county-level division of the city (code → name), reporting or not: the hub's setting, else the
    shipped list for its city code."""
    return hub.divisions() or city_divisions(hub.meta("city_code") or "")


def write_city_statistics(hub: CityHub, out: str, year: Optional[int] = None, profile: Optional[Profile] = None,
                          today: Optional[_dt.date] = None) -> Dict:
    """The figures as XLSX; returns a summary (the city's ratio and whether it reaches the standard, and the
    counties that reach or come close to theirs). Counties are named (610902 汉滨区), and every county-level
    division of the city is listed, those that have not reported marked so."""
    today = today or _dt.date.today()
    fig = city_figures(hub, profile, year, all_lines=False)  # the sheet lists the higher levels' lines only
    profile, city, names = fig["profile"], fig["city"], fig["names"]
    scope = f"{year} 年" if year else "全部上报批次"

    def named(code: str) -> str:
        return f"{code} {names[code]}" if names.get(code) else code

    with _Book(out, streaming=True) as book:
        ws = book.wb.add_worksheet("各县")
        county_mu, ratio = county_thresholds(profile)
        ws.write(0, 0, f"各县违法占用耕地问责比例（{scope}，含市级认定；县级标准：≥ {county_mu:g} 亩且 ≥ {ratio:.0%}）",
                 book.bold)
        heads = ["县级行政区代码", "县级行政区名称", "上报情况", "图斑数", "违法占用耕地（分子，亩）",
                 "新增建设占用耕地（分母，亩）", "问责比例", "达到问责标准", "接近问责标准（本市设定）", "上级认定图斑数"]
        ws.write_row(2, 0, heads, book.head)
        rows = {row["county"]: row for row in fig["counties"]}
        for r, code in enumerate(sorted(set(rows) | set(names)), start=3):
            row = rows.get(code)
            if row is None:
                book.row(ws, r, [code, names.get(code, ""), "未上报", "", "", "", "", "", "", ""])
                continue
            acc = row["acc"]
            book.row(ws, r, [code, row["name"] or "（不在本市区划设置中）", "已上报", int(row["patches"]),
                             float(acc.numerator_mu), float(acc.denominator_mu)])
            ws.write(r, 6, acc.ratio if acc.ratio is not None else "", book.pct)
            ws.write(r, 7, "是" if acc.over_threshold else "否", book.warn if acc.over_threshold else book.text)
            ws.write(r, 8, "是" if acc.near_threshold else "否", book.text)
            ws.write(r, 9, int(row["higher_determined"]), book.intf)
        ws.set_column(0, len(heads) - 1, 16)
        ws.freeze_panes(3, 2)
        book.accountability(city, f"全市违法占用耕地问责比例（{scope}各县合计，市级标准 ≥ {city.threshold_mu:g} 亩且 ≥ "
                                  f"{city.threshold_ratio:.0%}；002 §三(六)、附件3）",
                            [{"batch": named(row["county"]), "patches": row["patches"],
                              "numerator_mu": row["acc"].numerator_mu, "denominator_mu": row["acc"].denominator_mu}
                             for row in fig["counties"]],
                            # a city's year is 100,000 lines: listed here are those a higher level determined;
                            # every county's own lines are in its yearly statistics
                            lines_shown=lambda line: line.determined_by != "县级",
                            lines_note="逐图斑明细：此处列出上级（含市级）作出认定的图斑；各县全部图斑明细见各县年度统计"
                                       "（weipian:yearly_statistics）")
        book.field_checks([dict(c, batch=named(c["county"])) for c in fig["field_checks"]], fig["profile"])
        _error_preview_sheet(book, fig, named)
        ws = book.wb.add_worksheet("市级内业审核")
        ws.write(0, 0, "市级内业审核进度（每个图斑以县级最新上报为准）", book.bold)
        ws.write_row(2, 0, ["县级行政区"] + list(STATE_ZH.values()), book.head)
        for r, (county, counts) in enumerate(sorted(fig["review_progress"].items()), start=3):
            book.row(ws, r, [named(county)] + [int(counts[k]) for k in STATE_ZH])
        ws.set_column(0, len(STATE_ZH), 16)
        missing = "、".join(named(c) for c in fig["not_reported"]) or "无"
        book.info([("市级行政区代码", hub.meta("city_code") or ""), ("年度", str(year or "（未限定）")),
                   ("统计日期", today.isoformat()), ("规则配置", profile.name),
                   ("各县上报", f"本市 {len(names) or len(fig['counties'])} 个县级行政区，已上报 {len(fig['counties'])} 个；"
                            f"未上报：{missing}"),
                   ("市级认定", "县级拒不整改的，市级作出的认定计入统计（002 §三(四)1）"), *_common_info(profile)])
    counties_over = [r["county"] for r in fig["counties"] if r["acc"].over_threshold]
    counties_near = [r["county"] for r in fig["counties"] if r["acc"].near_threshold]
    preview = fig["error_preview"]
    return {"counties": len(fig["counties"]), "patches": sum(r["patches"] for r in fig["counties"]),
            "city_numerator_mu": round(city.numerator_mu, 2), "city_denominator_mu": round(city.denominator_mu, 2),
            "city_ratio": None if city.ratio is None else round(city.ratio, 4),
            "city_over_threshold": city.over_threshold, "city_near_threshold": city.near_threshold,
            "counties_over": counties_over, "counties_near": counties_near,
            "field_checks": len(fig["field_checks"]), "not_reported": fig["not_reported"],
            "error_rate_preview_over": preview["over_limit"]}


def _error_preview_sheet(book: _Book, fig: Dict, named) -> None:
    """The province's yearly error figure for the city (002 附件2), previewed from the findings the counties
    recorded: the city is over the limit when more than 10 % of its county-level divisions (all, reporting or not)
    are over, or its whole rate is. A preview: the province computes the real one."""
    preview, limit = fig["error_preview"], fig["error_preview"]["city"].limit
    ws = book.wb.add_worksheet("差错率（省级年度口径预估）")
    ws.write(0, 0, "【预估】省级对本市的年度差错率（002 附件2）：超过限值的县级行政区数超过本市全部县级行政区（含未上报）的 "
                   f"{limit:.0%}，或全市差错率超过 {limit:.0%}，即为超过。仅依据各县已记录的部级、省级认定；正式数字由省级计算。",
             book.warn)
    ws.write_row(2, 0, ["县级行政区", "上报情况", "不合理耕地面积(亩)", "应填报耕地面积(亩)", "差错率", "是否超过"], book.head)
    rates = {row["county"]: row["error_rate"] for row in fig["counties"]}
    r = 3
    for code in sorted(set(rates) | set(fig["names"])):
        rate = rates.get(code)
        if rate is None:
            book.row(ws, r, [named(code), "未上报", "", "", "", ""])
        else:
            book.row(ws, r, [named(code), "已上报", float(rate.unreasonable_mu), float(rate.filled_mu)])
            ws.write(r, 4, "" if rate.rate is None else rate.rate, book.pct)
            ws.write(r, 5, "" if rate.rate is None else ("超过" if rate.over_limit else "未超过"), book.text)
        r += 1
    whole = preview["city"]
    r += 1
    book.row(ws, r, ["全市", "", float(whole.unreasonable_mu), float(whole.filled_mu)], sub=True)
    ws.write(r, 4, "" if whole.rate is None else whole.rate, book.pct)
    ws.write(r, 5, "" if whole.rate is None else ("超过" if whole.over_limit else "未超过"), book.text)
    ws.write(r + 2, 0, f"超过限值的县级行政区：{len(preview['over'])} / {preview['divisions']}"
                       f"（{preview['share_over']:.2%}）", book.bold)
    ws.write(r + 3, 0, "省级年度口径预估：" + ("超过" if preview["over_limit"] else "未超过"),
             book.warn if preview["over_limit"] else book.bold)
    ws.set_column(0, 5, 18)


def county_thresholds(profile: Profile) -> List[float]:
    cfg = profile.thresholds["accountability"]
    return [float(cfg["county_mu"]), float(cfg["ratio"])]
