"""Write the county's monthly statistics: XLSX (月报, accountability ratio, field-check list, error-rate self-check)
or the monthly table alone as UTF-8 CSV (with a BOM, so spreadsheet programs read the Chinese correctly)."""
from __future__ import annotations

import csv
import datetime as _dt
import os
from typing import Dict, List, Optional, Sequence

from ..core.findings import BLOCKING, Finding
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import VERDICT_ZH
from ..core.profile import Profile
from ..core.rules import LEVEL_ZH
from ..core.statistics import (
    MONTHLY_COLUMNS,
    accountability,
    error_rate,
    field_check_list,
    monthly_table,
    self_check_suspects,
)
from ..core.units import round_mu
from ..store.work_package import WorkPackage
from .package_check import check_package, package_profile


def _cell(key: str, value):
    return round_mu(value) if key.endswith("_mu") else value


def _csv_text(value):
    """Text that a spreadsheet would take for a formula ('=…', '+…', '-…', '@…') is written with a leading
    apostrophe, so it opens as the text it is."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_monthly_csv(rows: List[Dict], path: str) -> None:
    tmp = path + ".partial"
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([title for _, title in MONTHLY_COLUMNS])
        for row in rows:
            w.writerow([_csv_text(_cell(k, row[k])) for k, _ in MONTHLY_COLUMNS])
    os.replace(tmp, path)


def write_statistics(wp: WorkPackage, path: str, profile: Optional[Profile] = None,
                     today: Optional[_dt.date] = None, codes: Optional[Sequence[str]] = None,
                     findings: Optional[List[Finding]] = None) -> Dict:
    """Write statistics to path (.xlsx or .csv), over all patches or only `codes`; returns the headline figures.
    The XLSX self-check needs the package's findings: pass them when they are at hand, else it checks."""
    profile = profile or package_profile(wp)
    today = today or _dt.date.today()
    snap = wp.snapshot()
    if codes is not None:
        wanted = set(codes)
        snap.patches = [p for p in snap.patches if p.code in wanted]
    rows = monthly_table(snap, profile)
    acc = accountability(snap, profile)
    total = rows[-1]
    summary = {"patches": total["patches"], "verified": total["verified"], "passed": total["passed"],
               "area_mu": round_mu(total["area_mu"]), "illegal_cultivated_mu": round_mu(total["illegal_cultivated_mu"]),
               "accountability_numerator_mu": round_mu(acc.numerator_mu),
               "accountability_denominator_mu": round_mu(acc.denominator_mu),
               "accountability_ratio": None if acc.ratio is None else round(acc.ratio, 4),
               "accountability_warning": acc.over_threshold}
    ext = os.path.splitext(path)[1].lower()
    if ext == ".csv":
        write_monthly_csv(rows, path)
        return summary
    if ext != ".xlsx":
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: statistics are written as .xlsx or .csv"), path=path))
    if findings is None:
        findings, _ = check_package(wp, profile, today)
    blocking = {f.patch_code for f in findings if f.severity == BLOCKING and f.patch_code}
    suspects = set(self_check_suspects(snap, blocking))
    rate = error_rate(snap.patches, suspects, float(profile.thresholds.get("error_rate_limit", 0.10)))
    summary["self_check_error_rate"] = None if rate.rate is None else round(rate.rate, 4)
    checks = field_check_list(snap, profile)
    _write_xlsx(path, wp, profile, today, rows, acc, checks, snap, suspects, rate)
    return summary


def _write_xlsx(path, wp, profile, today, rows, acc, checks, snap, suspects, rate) -> None:
    import xlsxwriter

    tmp = path + ".partial.xlsx"
    # text stays text: a township name or basis like '=1+2' or '=HYPERLINK(…)' must not become a live formula
    wb = xlsxwriter.Workbook(tmp, {"constant_memory": False, "strings_to_formulas": False, "strings_to_urls": False})
    try:
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"})
        num = wb.add_format({"num_format": "0.00", "border": 1})
        intf = wb.add_format({"num_format": "0", "border": 1})
        text = wb.add_format({"border": 1})
        bold = wb.add_format({"bold": True})
        pct = wb.add_format({"num_format": "0.00%", "border": 1})
        warn = wb.add_format({"bold": True, "font_color": "#C00000"})
        sub = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "num_format": "0.##"})
        county = wp.meta("county_code") or ""

        ws = wb.add_worksheet("月报")
        ws.write(0, 0, f"卫片执法图斑核查情况月报　县级行政区 {county}　截至 {today.isoformat()}", bold)
        for c, (_, title) in enumerate(MONTHLY_COLUMNS):
            ws.write(2, c, title, head)
        for r, row in enumerate(rows, start=3):
            is_sub = row["class_name"] in ("小计", "") or row["township"] == "合计"
            for c, (key, _) in enumerate(MONTHLY_COLUMNS):
                value = _cell(key, row[key])
                fmt = sub if is_sub else (num if key.endswith("_mu") else (intf if c >= 2 else text))
                ws.write(r, c, value, fmt)
        ws.set_column(0, 1, 16)
        ws.set_column(2, len(MONTHLY_COLUMNS) - 1, 11)
        ws.freeze_panes(3, 2)

        ws = wb.add_worksheet("问责比例")
        lines = [
            ("违法占用耕地面积（调整后，分子）", acc.numerator_mu, num),
            ("新增建设占用耕地面积（调整后，分母）", acc.denominator_mu, num),
            ("已补办完善用地手续（仅从分子扣除）", acc.out_of_numerator_mu, num),
            ("已拆除复耕到位（分子分母均扣除）", acc.out_of_both_mu, num),
            ("存量建设用地违法、农业项目破坏耕地（均不计入）", acc.excluded_mu, num),
        ]
        ws.write(0, 0, "违法占用耕地问责比例（依据 002 附件3）", bold)
        for r, (label, value, fmt) in enumerate(lines, start=2):
            ws.write(r, 0, label, text)
            ws.write(r, 1, round_mu(value), fmt)
        r = 2 + len(lines)
        ws.write(r, 0, "问责比例（分子 ÷ 分母）", text)
        ws.write_formula(r, 1, "=IF(B4>0,B3/B4,\"\")", pct, "" if acc.ratio is None else acc.ratio)
        ws.write(r + 1, 0, f"问责标准：违法占用耕地 ≥ {acc.threshold_mu:g} 亩 且 比例 ≥ {acc.threshold_ratio:.0%}", text)
        verdict = "达到问责标准，须预警" if acc.over_threshold else "未达到问责标准"
        ws.write(r + 1, 1, verdict, warn if acc.over_threshold else text)
        ws.write(r + 3, 0, "说明：重大交通、能源、水利项目履行监管职责后的核减未在本插件中记录，如有请人工扣除；"
                           "“一户一宅”及保障性住房核减已不再适用。")
        ws.write_row(r + 5, 0, ["监测编号", "乡镇", "耕地面积(亩)", "计入分子", "计入分母", "说明"], head)
        for i, line in enumerate(acc.lines, start=r + 6):
            ws.write_row(i, 0, [line.code, line.township, round_mu(line.cultivated_mu), "是" if line.in_numerator else "否",
                                "是" if line.in_denominator else "否", line.reason], text)
        ws.set_column(0, 0, 44)
        ws.set_column(1, 5, 16)

        ws = wb.add_worksheet("实地核查清单")
        ws.write(0, 0, "达到省级、市级或县级领导实地核查标准的图斑（依据 001、002）", bold)
        ws.write_row(2, 0, ["监测编号", "乡镇", "图斑类型", "判定结果", "监测面积(亩)", "耕地面积(亩)", "永久基本农田(亩)",
                            "生态保护红线(亩)", "核查层级"], head)
        for i, c in enumerate(checks, start=3):
            ws.write_row(i, 0, [c["code"], c["township"], c["class_name"], VERDICT_ZH.get(c["verdict"], c["verdict"] or "未判定"),
                                round_mu(c["area_mu"]), round_mu(c["cultivated_mu"]), round_mu(c["permanent_mu"]),
                                round_mu(c["redline_mu"]), "、".join(LEVEL_ZH[x] for x in c["levels"])], text)
        ws.set_column(0, 8, 15)

        ws = wb.add_worksheet("差错率自查")
        ws.write(0, 0, "差错率 = 明显填报不合理图斑的耕地面积 ÷ 应填报图斑的耕地面积（002 附件1-2）；"
                       "“明显填报不合理”列可改为 是/否，比例自动重算。预填“是”的为曾被退回或仍有阻断问题的图斑。", bold)
        ws.write_row(2, 0, ["监测编号", "乡镇", "耕地面积(亩)", "明显填报不合理"], head)
        patches = [p for p in snap.patches if not p.military]
        first = 4
        for i, p in enumerate(patches, start=first - 1):
            ws.write_row(i, 0, [p.code, p.township or "", round_mu(p.cultivated_mu),
                                "是" if p.code in suspects else "否"], text)
        last = first + len(patches) - 1
        ws.data_validation(first - 1, 3, max(last - 1, first - 1), 3, {"validate": "list", "source": ["是", "否"]})
        ws.write(1, 5, "不合理耕地面积(亩)", head)
        ws.write_formula(1, 6, f'=SUMIF(D{first}:D{last},"是",C{first}:C{last})', num, round_mu(rate.unreasonable_mu))
        ws.write(2, 5, "应填报耕地面积(亩)", head)
        ws.write_formula(2, 6, f"=SUM(C{first}:C{last})", num, round_mu(rate.filled_mu))
        ws.write(3, 5, "差错率", head)
        ws.write_formula(3, 6, '=IF(G3>0,G2/G3,"")', pct, "" if rate.rate is None else rate.rate)
        ws.write(4, 5, f"是否超过 {rate.limit:.0%}", head)
        ws.write_formula(4, 6, f'=IF(G4="","",IF(G4>{rate.limit},"超过","未超过"))', text,
                         "" if rate.rate is None else ("超过" if rate.over_limit else "未超过"))
        ws.set_column(0, 3, 15)
        ws.set_column(5, 6, 20)

        ws = wb.add_worksheet("说明")
        info = [("县级行政区代码", county), ("工作包", os.path.basename(wp.path)), ("统计日期", today.isoformat()),
                ("规则配置", profile.name), ("面积单位", "亩（1 亩 = 10000/15 平方米），保留两位小数"),
                ("军事用地图斑", "单独按涉密要求报送，不计入问责比例和差错率")]
        for r, (k, v) in enumerate(info):
            ws.write(r, 0, k, bold)
            ws.write(r, 1, v)
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 60)
    finally:
        wb.close()
    os.replace(tmp, path)
