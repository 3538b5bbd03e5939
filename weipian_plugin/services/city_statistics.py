"""The city's year from its hub: the accountability ratio of every county (each against the county standard,
100 亩 and 15 %) and of the city as a whole (500 亩, 002 §三(六)), with the city's own determinations counted
(002 §三(四)1); the patches the city must field-check (002 thresholds, across counties); how far the city's
internal review has come per county. The same rules (core.statistics) as a county's own figures, from the
same inputs the counties reported."""
from __future__ import annotations

import datetime as _dt
from typing import Dict, List, Optional

from ..core.profile import Profile, load_profile
from ..core.statistics import accountability, field_check_list, year_patches
from ..store.city_hub import CityHub
from .statistics_export import _acc_summary, _Book, _common_info

STATE_ZH = {"unreviewed": "未审核", "pass": "通过", "return": "已退回县级", "determine": "市级认定",
            "resubmitted": "县级重新上报，待复审"}


def city_figures(hub: CityHub, profile: Optional[Profile] = None, year: Optional[int] = None) -> Dict:
    profile = profile or load_profile(hub.meta("profile") or None)
    snaps = hub.snapshots()
    per_county = []
    for county, snap in snaps.items():
        acc = accountability(snap, profile, "county", year)
        pairs, _ = year_patches([snap], year)
        per_county.append({"county": county, "patches": len(pairs), "acc": acc, **_acc_summary(acc),
                           "higher_determined": acc.higher_determined})
    city = accountability(list(snaps.values()), profile, "city", year)
    checks = [dict(c, county=c["batch"]) for c in field_check_list(list(snaps.values()), profile)
              if "city" in c["levels"] or "province" in c["levels"]]
    progress: Dict[str, Dict[str, int]] = {}
    for _code, (county, state, _review) in hub.review_states().items():
        row = progress.setdefault(county, {k: 0 for k in STATE_ZH})
        row[state] += 1
    return {"profile": profile, "counties": per_county, "city": city, "field_checks": checks,
            "review_progress": progress, "year": year}


def write_city_statistics(hub: CityHub, out: str, year: Optional[int] = None, profile: Optional[Profile] = None,
                          today: Optional[_dt.date] = None) -> Dict:
    """The figures as XLSX; returns a summary (the city's ratio and whether it reaches the standard, and the
    counties that reach or come close to theirs)."""
    today = today or _dt.date.today()
    fig = city_figures(hub, profile, year)
    profile, city = fig["profile"], fig["city"]
    scope = f"{year} 年" if year else "全部上报批次"
    with _Book(out, streaming=True) as book:
        ws = book.wb.add_worksheet("各县")
        county_mu, ratio = county_thresholds(profile)
        ws.write(0, 0, f"各县违法占用耕地问责比例（{scope}，含市级认定；县级标准：≥ {county_mu:g} 亩且 ≥ {ratio:.0%}）",
                 book.bold)
        heads = ["县级行政区代码", "图斑数", "违法占用耕地（分子，亩）", "新增建设占用耕地（分母，亩）", "问责比例",
                 "达到问责标准", "接近问责标准", "上级认定图斑数"]
        ws.write_row(2, 0, heads, book.head)
        for r, row in enumerate(fig["counties"], start=3):
            acc = row["acc"]
            ws.write(r, 0, row["county"], book.text)
            ws.write(r, 1, row["patches"], book.intf)
            ws.write(r, 2, acc.numerator_mu, book.num)
            ws.write(r, 3, acc.denominator_mu, book.num)
            ws.write(r, 4, acc.ratio if acc.ratio is not None else "", book.pct)
            ws.write(r, 5, "是" if acc.over_threshold else "否", book.warn if acc.over_threshold else book.text)
            ws.write(r, 6, "是" if acc.near_threshold else "否", book.text)
            ws.write(r, 7, row["higher_determined"], book.intf)
        ws.set_column(0, len(heads) - 1, 16)
        ws.freeze_panes(3, 1)
        book.accountability(city, f"全市违法占用耕地问责比例（{scope}各县合计，市级标准 ≥ {city.threshold_mu:g} 亩且 ≥ "
                                  f"{city.threshold_ratio:.0%}；002 §三(六)、附件3）",
                            [{"batch": row["county"], "patches": row["patches"],
                              "numerator_mu": row["acc"].numerator_mu, "denominator_mu": row["acc"].denominator_mu}
                             for row in fig["counties"]],
                            # a city's year is 100,000 lines: listed here are those a higher level determined;
                            # every county's own lines are in its yearly statistics
                            lines_shown=lambda line: line.determined_by != "县级",
                            lines_note="逐图斑明细：此处列出上级（含市级）作出认定的图斑；各县全部图斑明细见各县年度统计"
                                       "（weipian:yearly_statistics）")
        book.field_checks(fig["field_checks"])
        ws = book.wb.add_worksheet("市级内业审核")
        ws.write(0, 0, "市级内业审核进度（每个图斑以县级最新上报为准）", book.bold)
        ws.write_row(2, 0, ["县级行政区代码"] + list(STATE_ZH.values()), book.head)
        for r, (county, counts) in enumerate(sorted(fig["review_progress"].items()), start=3):
            ws.write(r, 0, county, book.text)
            ws.write_row(r, 1, [counts[k] for k in STATE_ZH], book.intf)
        ws.set_column(0, len(STATE_ZH), 16)
        book.info([("市级行政区代码", hub.meta("city_code") or ""), ("年度", str(year or "（未限定）")),
                   ("统计日期", today.isoformat()), ("规则配置", profile.name),
                   ("各县上报", f"{len(fig['counties'])} 个县级行政区"),
                   ("市级认定", "县级拒不整改的，市级作出的认定计入统计（002 §三(四)1）"), *_common_info(profile)])
    counties_over = [r["county"] for r in fig["counties"] if r["acc"].over_threshold]
    counties_near = [r["county"] for r in fig["counties"] if r["acc"].near_threshold]
    return {"counties": len(fig["counties"]), "patches": sum(r["patches"] for r in fig["counties"]),
            "city_numerator_mu": round(city.numerator_mu, 2), "city_denominator_mu": round(city.denominator_mu, 2),
            "city_ratio": None if city.ratio is None else round(city.ratio, 4),
            "city_over_threshold": city.over_threshold, "city_near_threshold": city.near_threshold,
            "counties_over": counties_over, "counties_near": counties_near,
            "field_checks": len(fig["field_checks"])}


def county_thresholds(profile: Profile) -> List[float]:
    cfg = profile.thresholds["accountability"]
    return [float(cfg["county_mu"]), float(cfg["ratio"])]
