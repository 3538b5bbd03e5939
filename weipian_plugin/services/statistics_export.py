"""Write the county's monthly statistics: XLSX (月报, accountability ratio, field-check list, error-rate self-check)
or the monthly table alone as UTF-8 CSV (with a BOM, so spreadsheet programs read the Chinese correctly)."""
from __future__ import annotations

import csv
import datetime as _dt
import os
from typing import Dict, List, Optional, Sequence, Tuple

from ..core import records as rec
from ..core.findings import BLOCKING, Finding
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import VERDICT_ZH
from ..core.profile import Profile, load_profile
from ..core.rules import COMBINE_ZH, LEVEL_ZH, field_check_level_names
from ..core.statistics import (
    HANDOVER_COLUMNS,
    HANDOVER_DEPARTMENTS,
    MONTHLY_COLUMNS,
    TASK_FORCE_COLUMNS,
    Accountability,
    ErrorRate,
    accountability,
    error_rate,
    error_rate_periods,
    field_check_list,
    handover_lists,
    monthly_table,
    self_check_suspects,
    task_force_list,
    unreasonable_codes,
    year_patches,
)
from ..core.units import round_mu
from ..store.open_store import open_store, parse_office
from ..store.work_package import WorkPackage
from .package_check import check_package, package_profile

MONTHLY_FORM = "卫片执法图斑核查填报情况统计表（月报）"  # 002 §三(二)3, its 附件4
STATE_ZH = {"passed": "审核通过", "returned": "已退回", "awaiting_review": "待审核", "resubmitted": "修改后待复审",
            "unverified": "未核实", "invalid_review": "审核失效"}


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
    rows = monthly_table(snap, profile, today)
    acc = accountability(snap, profile)
    rate = error_rate(snap.patches, unreasonable_codes(snap), float(profile.thresholds.get("error_rate_limit", 0.10)))
    total = rows[-1]
    summary = {"patches": total["patches"], "verified": total["verified"], "passed": total["passed"],
               "overdue": total["overdue"], "area_mu": round_mu(total["area_mu"]),
               "illegal_cultivated_mu": round_mu(total["illegal_cultivated_mu"]), **_acc_summary(acc),
               "error_rate": None if rate.rate is None else round(rate.rate, 4)}
    ext = os.path.splitext(path)[1].lower()
    if ext == ".csv":
        write_monthly_csv(rows, path)
        return summary
    if ext != ".xlsx":
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: statistics are written as .xlsx or .csv"), path=path))
    if findings is None:
        findings, _ = check_package(wp, profile, today)
    blocking = {f.patch_code for f in findings if f.severity == BLOCKING and f.patch_code}
    look_first = set(self_check_suspects(snap, blocking))
    county = wp.meta("county_code") or ""
    info = [("县级行政区代码", county), ("工作包", os.path.basename(wp.path)), ("统计日期", today.isoformat()),
            ("规则配置", profile.name),
            ("问责比例范围", "本工作包（一个批次）；问责按一年内全部批次合计，请用“年度统计”（weipian:yearly_statistics）"),
            *_common_info(profile)]
    pairs = [(snap, p) for p in snap.patches]
    with _Book(path) as book:
        book.monthly(rows, f"《{MONTHLY_FORM}》　县级行政区 {county}　截至 {today.isoformat()}")
        book.accountability(acc, "违法占用耕地问责比例：本批次占比（依据 002 附件3）", batch_only=True)
        book.field_checks(field_check_list(snap, profile), profile)
        book.error_rate(pairs, error_rate_periods(pairs, unreasonable_codes(snap), profile, rate.limit), look_first)
        book.error_rate_what_if(pairs, rate)
        book.task_force(task_force_list(snap, profile))
        book.info(info)
    return summary


def _acc_summary(acc: Accountability) -> Dict:
    return {"accountability_numerator_mu": round_mu(acc.numerator_mu),
            "accountability_denominator_mu": round_mu(acc.denominator_mu),
            "accountability_ratio": None if acc.ratio is None else round(acc.ratio, 4),
            "accountability_warning": acc.over_threshold, "accountability_near": acc.near_threshold,
            "deductions_claimed_not_accepted_mu": round_mu(acc.claimed_not_accepted_mu),
            "illegal_without_category": acc.missing_category}


def _common_info(profile: Profile) -> List[Tuple[str, str]]:
    cfg = profile.thresholds.get("accountability", {})
    military_in = bool(cfg.get("military_in_figures", True))
    return [("面积单位", "亩（1 亩 = 10000/15 平方米），保留两位小数；图斑数为整数"),
            ("军事用地图斑", "单独按涉密要求报送（不进入正常上报包）；" +
             ("计入问责比例（文件未将其排除；本县规则配置的选择）" if military_in else "不计入问责比例（本县规则配置的选择）")
             + "；不计入差错率（未在平台填报）"),
            ("问责比例计入范围", "凡最终认定为新增建设用地违法占用耕地的图斑，不论图斑类型（以违法性质为准，002 §三(七)1）"),
            ("问责比例分母", "新增建设占用耕地（合法 + 违法）：文件未明确定义，此为推定口径"),
            ("“接近”问责标准", f"两项均达到标准的 {float(cfg.get('near_fraction', 0.8)):.0%}（本县设定，文件未规定何为“接近”）"),
            ("违法占用耕地面积较大", "另行预警（002 §三(六)、§五(五)）；多大为“较大”文件未规定，按本县设定"),
            ("核减", "已拆除复耕、已补办手续须逐个验收（验收责任人、日期、证据）后方予扣除（002 §三(五)）；"
                     "未验收的照常计入；上级认定虚假整改的，核减不成立"),
            ("重大项目核减", "仅国家部委或省级发展改革部门立项或列入重大项目清单、且记录立项文号和履行监管职责情况的扣除；"
                         "市、县批准的项目不予扣除"),
            ("差错率", "仅计部级、省级内业审核或实地核查最终认定“明显填报不合理”或虚假整改的图斑（002 附件1-2）；"
                     "市级退回和市级认定属于复核，记录在案但不计入差错率；县级自行退回并改正的不计。"
                     "部级按季度、省级按月逐县计算；年度差错率按省（部级）和按市（省级）计算，不设县级年度差错率"),
            ("上级认定", "上级作出最终认定的图斑，问责比例和专班清单按上级认定计（002 §三(四)1、§三(七)1）")]


def write_yearly_statistics(paths: Sequence[str], out: str, year: Optional[int] = None,
                            profile: Optional[Profile] = None, today: Optional[_dt.date] = None,
                            level: str = "county") -> Dict:
    """The county's year: every batch (work package) of the year together — the accountability ratio with
    per-batch and per-patch lines, the error rate from higher levels' findings, the field-check list and the 专班
    list — as XLSX. Packages are read, never written; a patch in several packages counts once (the last given)."""
    if not paths:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "the yearly statistics need at least one work package")))
    today = today or _dt.date.today()
    snaps, counties, profiles = [], set(), []
    for path in paths:
        with open_store(path) as wp:  # a GeoPackage or an office package
            snaps.append(wp.snapshot())
            counties.add(wp.meta("county_code") or "")
            profiles.append(wp.meta("profile") or "")
    if len(counties) > 1:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "the packages belong to different counties ({value}); a year is one county's"), value=", ".join(sorted(counties))))
    profile = profile or load_profile(profiles[-1] or None)  # the latest batch's rules
    acc = accountability(snaps, profile, level, year)
    pairs, _ = year_patches(snaps, year)
    limit = float(profile.thresholds.get("error_rate_limit", 0.10))
    periods = error_rate_periods(pairs, unreasonable_codes(snaps), profile, limit)
    task_force = task_force_list(snaps, profile)
    per_batch = []
    for snap in snaps:
        lines = [line for line in acc.lines if line.batch == snap.label]
        per_batch.append({"batch": snap.label, "patches": sum(1 for s, _ in pairs if s is snap),
                          "numerator_mu": sum(line.cultivated_mu for line in lines if line.in_numerator),
                          "denominator_mu": sum(line.cultivated_mu for line in lines if line.in_denominator)})
    county = counties.pop()
    summary = {"county": county, "year": year, "packages": len(paths), "patches": len(pairs), **_acc_summary(acc),
               "higher_determined": acc.higher_determined, "duplicates": len(acc.duplicates),
               "error_rate_months_over": [k for k, r in periods["month"] if r.over_limit],
               "error_rate_quarters_over": [k for k, r in periods["quarter"] if r.over_limit],
               "task_force": len(task_force), "field_checks": len(field_check_list(snaps, profile))}
    scope = f"{year} 年" if year else "所给工作包"
    info = [("县级行政区代码", county), ("年度", str(year or "（未限定，按所给工作包）")), ("统计日期", today.isoformat()),
            ("规则配置", profile.name + ("" if len(set(profiles)) == 1 else
                                      f"（各批次规则配置不同：{'、'.join(dict.fromkeys(profiles))}；按最后一批计）")),
            ("工作包", "；".join(os.path.basename(p) if parse_office(p) is None else "office:" + parse_office(p)[1]
                              for p in paths)),
            ("重复图斑", "、".join(acc.duplicates) + "（以后给出的工作包为准）" if acc.duplicates else "无"),
            *_common_info(profile)]
    with _Book(out) as book:
        book.accountability(acc, f"违法占用耕地问责比例（{scope}全部批次合计，依据 002 附件3）", per_batch)
        book.error_rate(pairs, periods, set())
        book.field_checks(field_check_list(snaps, profile), profile)
        book.task_force(task_force)
        book.info(info)
    return summary


class _Book:
    """An XLSX of statistics sheets, written to a temporary name and moved into place when complete."""

    def __init__(self, path: str, streaming: bool = False):
        import xlsxwriter

        self.path, self.tmp = path, path + ".partial.xlsx"
        # text stays text: a township name or basis like '=1+2' must not become a live formula; streaming
        # (every sheet written row after row) keeps a city's 100,000 lines out of memory
        self.wb = xlsxwriter.Workbook(self.tmp, {"strings_to_formulas": False, "strings_to_urls": False,
                                                 "constant_memory": streaming})
        wb = self.wb
        self.head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                   "valign": "vcenter"})
        self.num = wb.add_format({"num_format": "0.00", "border": 1})
        self.intf = wb.add_format({"num_format": "0", "border": 1})
        self.text = wb.add_format({"border": 1})
        self.bold = wb.add_format({"bold": True})
        self.pct = wb.add_format({"num_format": "0.00%", "border": 1})
        self.warn = wb.add_format({"bold": True, "font_color": "#C00000"})
        self.sub_num = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "num_format": "0.00"})
        self.sub_int = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "num_format": "0"})
        self.sub_text = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})

    def row(self, ws, r: int, values, sub: bool = False) -> None:
        """One data row, each cell by its type: areas (floats) with two decimals, counts (ints) as integers,
        text as text — never a float shown as 846.5099999999999 or an area losing its decimals."""
        for c, value in enumerate(values):
            if isinstance(value, bool) or value is None:
                ws.write(r, c, "" if value is None else ("是" if value else "否"), self.sub_text if sub else self.text)
            elif isinstance(value, int):
                ws.write_number(r, c, value, self.sub_int if sub else self.intf)
            elif isinstance(value, float):
                ws.write_number(r, c, round_mu(value), self.sub_num if sub else self.num)
            else:
                ws.write_string(r, c, str(value), self.sub_text if sub else self.text)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.wb.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        elif os.path.exists(self.tmp):
            os.remove(self.tmp)

    def monthly(self, rows, title: str) -> None:
        ws = self.wb.add_worksheet("月报")
        ws.write(0, 0, title, self.bold)
        for c, (_, name) in enumerate(MONTHLY_COLUMNS):
            ws.write(2, c, name, self.head)
        for r, row in enumerate(rows, start=3):
            is_sub = row["class_name"] in ("小计", "") or row["township"] == "合计"
            for c, (key, _) in enumerate(MONTHLY_COLUMNS):
                if c < 2:
                    fmt = self.sub_text if is_sub else self.text
                elif key.endswith("_mu"):
                    fmt = self.sub_num if is_sub else self.num
                else:
                    fmt = self.sub_int if is_sub else self.intf
                ws.write(r, c, _cell(key, row[key]), fmt)
        ws.set_column(0, 1, 16)
        ws.set_column(2, len(MONTHLY_COLUMNS) - 1, 11)
        ws.freeze_panes(3, 2)

    def accountability(self, acc: Accountability, title: str, per_batch: Optional[List[Dict]] = None,
                       lines_shown=None, lines_note: str = "", batch_only: bool = False) -> None:
        """lines_shown: which per-patch lines to list (all when None); lines_note says which when not all.
        batch_only: one batch's share, which never warns (accountability counts a year's batches together)."""
        ws = self.wb.add_worksheet("问责比例")
        lines = [
            ("违法占用耕地面积（调整后，分子）", acc.numerator_mu),
            ("新增建设占用耕地面积（调整后，分母；推定口径）", acc.denominator_mu),
            ("已补办完善用地手续，已验收（仅从分子扣除）", acc.out_of_numerator_mu),
            ("已拆除复耕到位，已验收（分子分母均扣除）", acc.out_of_both_mu),
            ("重大交通、能源、水利项目履行监管职责（分子分母均扣除）", acc.major_project_mu),
            ("存量建设用地违法、农业项目破坏耕地（均不计入）", acc.excluded_mu),
            ("申请核减但未验收（照常计入）", acc.claimed_not_accepted_mu),
            ("上级认定虚假整改，核减不成立（照常计入）", acc.fake_rectification_mu),
            ("市、县批准或未记录履职的“重大项目”，不予扣除（照常计入）", acc.not_deductible_mu),
        ]
        if acc.military_in:
            lines += [("其中：军事用地（单独保密报送；计入问责比例，文件未将其排除，本县规则配置的选择），分子",
                       acc.military_numerator_mu),
                      ("其中：军事用地，分母", acc.military_denominator_mu)]
        else:
            lines += [("军事用地耕地面积（单独保密报送；按本县规则配置不计入问责比例）", acc.military_left_out_mu)]
        ws.write(0, 0, title, self.bold)
        for r, (label, value) in enumerate(lines, start=2):
            ws.write(r, 0, label, self.text)
            ws.write(r, 1, round_mu(value), self.num)
        r = 2 + len(lines)
        ws.write(r, 0, "问责比例（分子 ÷ 分母）", self.text)
        ws.write_formula(r, 1, "=IF(B4>0,B3/B4,\"\")", self.pct, "" if acc.ratio is None else acc.ratio)
        ws.write(r + 1, 0, f"问责标准：违法占用耕地 ≥ {acc.threshold_mu:g} 亩 且 比例 ≥ {acc.threshold_ratio:.0%}", self.text)
        if batch_only:
            ws.write(r + 1, 1, "本表为本批次占比；问责按一年内全部批次合计判断，请见年度统计，本表不作预警", self.text)
        elif acc.over_threshold:
            ws.write(r + 1, 1, "达到问责标准，须预警", self.warn)
        elif acc.near_threshold:
            ws.write(r + 1, 1, f"接近问责标准（本县设定：两项均达到标准的 {acc.near_fraction:.0%}），须预警", self.warn)
        else:
            ws.write(r + 1, 1, "未达到问责标准", self.text)
        if not batch_only:
            ws.write(r + 2, 0, f"违法占用耕地面积较大（本县设定：≥ {acc.large_mu:g} 亩，文件未规定数值）", self.text)
            ws.write(r + 2, 1, "面积较大，须另行预警" if acc.large_area else "否",
                     self.warn if acc.large_area else self.text)
        notes = ["“一户一宅”及保障性住房核减已不再适用。"]
        if acc.missing_category:
            notes.insert(0, f"有 {acc.missing_category} 个违法图斑未填违法性质，暂按新增建设用地违法计入，须补填。")
        if acc.higher_determined:
            notes.insert(0, f"有 {acc.higher_determined} 个图斑按上级最终认定计。")
        for i, note in enumerate(notes):
            ws.write(r + 3 + i, 0, note, self.warn if "未填" in note else None)
        row = r + 4 + len(notes)
        if per_batch:
            ws.write_row(row, 0, ["批次/工作包", "图斑数", "计入分子(亩)", "计入分母(亩)"], self.head)
            for i, b in enumerate(per_batch, start=row + 1):
                self.row(ws, i, [b["batch"], int(b["patches"]), float(b["numerator_mu"]),
                                 float(b["denominator_mu"])])
            row += len(per_batch) + 2
        if lines_note:
            ws.write(row, 0, lines_note, self.bold)
            row += 1
        ws.write_row(row, 0, ["监测编号", "乡镇", "耕地面积(亩)", "计入分子", "计入分母", "说明", "批次/工作包",
                              "认定层级"], self.head)
        shown = acc.lines if lines_shown is None else [line for line in acc.lines if lines_shown(line)]
        for i, line in enumerate(shown, start=row + 1):
            self.row(ws, i, [line.code, line.township, float(line.cultivated_mu),
                             "是" if line.in_numerator else "否", "是" if line.in_denominator else "否",
                             line.reason, line.batch, line.determined_by])
        ws.set_column(0, 0, 50)
        ws.set_column(1, 4, 14)
        ws.set_column(5, 5, 60)
        ws.set_column(6, 7, 20)

    def field_checks(self, checks: List[Dict], profile: Profile) -> None:
        ws = self.wb.add_worksheet("实地核查清单")
        fc = profile.thresholds.get("field_check") or {}
        levels = "、".join(LEVEL_ZH[x] for x in field_check_level_names(profile)) or "上级"
        ws.write(0, 0, f"达到{levels}实地核查标准的图斑（按疑似面积选取，与县级判定结果无关）", self.bold)
        ws.write(1, 0, "范围：耕地、永久基本农田/生态保护红线标准只适用于新增非农建设类、年度内持续变化类图斑（002 §三(五)，不含"
                       "其他新增建设类、补充图斑）；矿产图斑按疑似非法开采面积；拆除复耕图斑按其专列标准。“永久基本农田或生态保护"
                       f"红线 N 亩”按{COMBINE_ZH.get(fc.get('combine', 'sum'), COMBINE_ZH['sum'])}计（本县规则配置的选择）。",
                 self.text)
        ws.write_row(2, 0, ["监测编号", "乡镇", "图斑类型", "县级判定", "监测面积(亩)", "耕地面积(亩)", "永久基本农田(亩)",
                            "生态保护红线(亩)", "核查层级", "批次/工作包"], self.head)
        for i, c in enumerate(checks, start=3):
            self.row(ws, i, [c["code"], c["township"], c["class_name"],
                             VERDICT_ZH.get(c["verdict"], c["verdict"] or "未判定"),
                             float(c["area_mu"]), float(c["cultivated_mu"]), float(c["permanent_mu"]),
                             float(c["redline_mu"]), "、".join(LEVEL_ZH[x] for x in c["levels"]), c["batch"]])
        ws.set_column(0, 9, 15)

    def error_rate(self, pairs, periods: Dict[str, List], look_first: set) -> None:
        """The error rate from recorded findings only (a signed sheet carries no estimate): the province's per
        month and the Ministry's per quarter, then one line per patch with what the higher level found."""
        from ..core.statistics import error_finding

        ws = self.wb.add_worksheet("差错率")
        ws.write(0, 0, "差错率 = 部级、省级最终认定明显填报不合理（含虚假整改）图斑的耕地面积 ÷ 应填报图斑的耕地面积"
                       "（002 附件1-2）；市级复核不计入。按应填报时间（月清期限）归入月份、季度。本表仅依据已记录的认定，"
                       "预估请见“差错率预估（假设）”表。", self.bold)
        row = 2
        for period, title in (("month", "省级：逐县按月"), ("quarter", "部级：逐县按季度")):
            ws.write(row, 0, title, self.bold)
            ws.write_row(row + 1, 0, ["期间", "不合理耕地面积(亩)", "应填报耕地面积(亩)", "差错率", "是否超过"], self.head)
            for i, (label, r) in enumerate(periods.get(period, []), start=row + 2):
                ws.write(i, 0, label, self.text)
                ws.write(i, 1, round_mu(r.unreasonable_mu), self.num)
                ws.write(i, 2, round_mu(r.filled_mu), self.num)
                ws.write(i, 3, "" if r.rate is None else r.rate, self.pct)
                ws.write(i, 4, "" if r.rate is None else ("超过" if r.over_limit else "未超过"), self.text)
            row += len(periods.get(period, [])) + 3
        ws.write_row(row, 0, ["监测编号", "乡镇", "耕地面积(亩)", "计入差错率", "上级认定", "自查优先（曾退回或有阻断问题）"],
                     self.head)
        for i, (snap, p) in enumerate([(s, p) for s, p in pairs if not p.military], start=row + 1):
            found = snap.records.get(p.code, {}).get(rec.HIGHER_FINDING)
            said = (f"{rec.LEVEL_TEXT[found.level]}{rec.VIA_TEXT[found.via]}：{rec.OUTCOME_TEXT[found.outcome]}"
                    f"{'（虚假整改）' if getattr(found, 'fake_rectification', None) else ''}（{found.found_on}）"
                    if found else "")
            counted = error_finding(snap.records.get(p.code, {})) is not None
            self.row(ws, i, [p.code, p.township or "", float(p.cultivated_mu), "是" if counted else "否", said,
                             "是" if p.code in look_first else ""])
        ws.set_column(0, 5, 18)
        ws.set_column(4, 4, 34)

    def error_rate_what_if(self, pairs, rate: ErrorRate) -> None:
        """A separate, clearly titled what-if: mark patches 是/否 and the rate recomputes. Never the signed figure."""
        ws = self.wb.add_worksheet("差错率预估（假设）")
        ws.write(0, 0, "【预估，非正式数据，不得作为上报或签字依据】在“假设不合理”列改为 是/否，预估差错率自动重算；"
                       "正式差错率见“差错率”表（仅依据部级、省级已认定结果）。", self.warn)
        ws.write_row(2, 0, ["监测编号", "乡镇", "耕地面积(亩)", "假设不合理"], self.head)
        rows = [p for _s, p in pairs if not p.military]
        first = 4
        for i, p in enumerate(rows, start=first - 1):
            self.row(ws, i, [p.code, p.township or "", float(p.cultivated_mu), "否"])
        last = first + len(rows) - 1
        ws.data_validation(first - 1, 3, max(last - 1, first - 1), 3, {"validate": "list", "source": ["是", "否"]})
        ws.write(1, 6, "假设不合理耕地面积(亩)", self.head)
        ws.write_formula(1, 7, f'=SUMIF(D{first}:D{last},"是",C{first}:C{last})', self.num, 0)
        ws.write(2, 6, "应填报耕地面积(亩)", self.head)
        ws.write_formula(2, 7, f"=SUM(C{first}:C{last})", self.num, round_mu(rate.filled_mu))
        ws.write(3, 6, "预估差错率（假设）", self.head)
        ws.write_formula(3, 7, '=IF(H3>0,H2/H3,"")', self.pct, 0 if rate.filled_mu > 0 else "")
        ws.set_column(0, 3, 16)
        ws.set_column(6, 7, 22)

    def task_force(self, rows: List[Dict]) -> None:
        ws = self.wb.add_worksheet("专班移交清单")
        ws.write(0, 0, f"新增农村乱占耕地建房图斑移交专班处置清单（共 {len(rows)} 个）", self.bold)
        ws.write_row(2, 0, [title for _, title in TASK_FORCE_COLUMNS], self.head)
        for i, row in enumerate(rows, start=3):
            self.row(ws, i, [STATE_ZH.get(row[k], row[k]) if k == "state" else _cell(k, row[k])
                             for k, _ in TASK_FORCE_COLUMNS])
        ws.set_column(0, len(TASK_FORCE_COLUMNS) - 1, 14)

    def handovers(self, lists: Dict[str, List[Dict]]) -> None:
        for key, rows in lists.items():
            sheet, department = HANDOVER_DEPARTMENTS[key]
            ws = self.wb.add_worksheet(sheet)
            what = "非粮化问题" if key == "non_grain" else f"涉及{sheet[:2]}设施的违法违规用地问题"
            ws.write(0, 0, f"{what}移交{department}清单（共 {len(rows)} 个；002 §五(三)）", self.bold)
            ws.write_row(2, 0, [title for _, title in HANDOVER_COLUMNS], self.head)
            for i, row in enumerate(rows, start=3):
                self.row(ws, i, [STATE_ZH.get(row[k], row[k]) if k == "state" else _cell(k, row[k])
                                 for k, _ in HANDOVER_COLUMNS])
            ws.set_column(0, len(HANDOVER_COLUMNS) - 1, 14)

    def info(self, items: List[Tuple[str, str]]) -> None:
        ws = self.wb.add_worksheet("说明")
        for r, (k, v) in enumerate(items):
            ws.write(r, 0, k, self.bold)
            ws.write(r, 1, v)
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 90)


def _snapshots(paths: Sequence[str]):
    """Each package's snapshot (a GeoPackage or an office package) and the first package's profile."""
    snaps, profile = [], None
    for path in paths:
        with open_store(path) as wp:
            snaps.append(wp.snapshot())
            profile = profile or package_profile(wp)
    return snaps, profile


def write_handover_lists(paths: Sequence[str], out: str) -> Dict[str, int]:
    """The hand-over lists of 002 §五(三) beside the 专班 list — transport, energy and water projects' illegal land
    use to their departments, 非粮化 to agriculture and rural affairs — one sheet each, as XLSX. Returns the
    number of patches per list."""
    snaps, profile = _snapshots(paths)
    lists = handover_lists(snaps, profile)
    with _Book(out) as book:
        book.handovers(lists)
    return {key: len(rows) for key, rows in lists.items()}


def write_task_force_list(paths: Sequence[str], out: str) -> int:
    """The 专班 hand-over list alone (XLSX) over one or more packages; returns the number of patches."""
    snaps, profile = _snapshots(paths)
    rows = task_force_list(snaps, profile)
    with _Book(out) as book:
        book.task_force(rows)
    return len(rows)


MILITARY_COLUMNS = ["序号", "监测编号", "行政区代码", "乡镇", "图斑类型", "监测面积(亩)", "耕地面积(亩)", "永久基本农田(亩)",
                    "中心点经度", "中心点纬度", "判定结果", "判定依据说明", "核实人", "审核人", "备注"]


def write_military_register(results, path: str, county: str, today: _dt.date) -> None:
    """军用土地登记表 of the confidential military package (001 §六(三), 002 §三(二)3)."""
    with _Book(path) as book:
        ws = book.wb.add_worksheet("军用土地登记表")
        ws.write(0, 0, f"军用土地登记表（涉密，单独报送）　县级行政区 {county}　填报日期 {today.isoformat()}", book.bold)
        ws.write_row(2, 0, MILITARY_COLUMNS, book.head)
        coord = book.wb.add_format({"num_format": "0.000000", "border": 1})
        for i, r in enumerate(results, start=1):
            v = r.values
            book.row(ws, 2 + i, [i, v["JCBH"], v["XZQDM"], v["XZMC"], v["TBLX"], v["JCMJ"], v["GDMJ"], v["YJJBNTMJ"],
                                 v["LZB"], v["BZB"], v["PDJG"], v["PDYJSM"], v["HSR"], v["SHR"], ""])
            for c, key in ((8, "LZB"), (9, "BZB")):  # coordinates keep six decimals
                if isinstance(v[key], (int, float)):
                    ws.write_number(2 + i, c, v[key], coord)
        ws.set_column(0, len(MILITARY_COLUMNS) - 1, 14)
