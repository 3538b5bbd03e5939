"""Map issued field names (codes like JCBH, upper/lower case, or Chinese names) to the package's fields."""
from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Dict, Iterable, List, Optional, Tuple

from .messages import QT_TRANSLATE_NOOP, Msg

# package field -> issued names seen in provincial systems, most common first
CANDIDATES: Dict[str, List[str]] = {
    "code": ["JCBH", "监测编号", "图斑编号", "TBBH"],
    "county_code": ["XZQDM", "行政区代码", "县级行政区代码", "XZQHDM"],
    "township": ["XZMC", "乡镇", "乡镇名称", "所在乡镇", "所属乡镇", "XZ"],
    "class_name": ["TBLX", "图斑类型", "变化类型", "BHLX"],
    "earlier_date": ["QSX", "前时相"],
    "later_date": ["HSX", "后时相"],
    "issued_at": ["XFSJ", "下发时间"],
    "batch": ["JCPC", "监测批次"],
    "area_mu": ["JCMJ", "监测面积", "图斑面积", "TBMJ"],
    "cultivated_mu": ["GDMJ", "耕地面积"],
    "permanent_mu": ["YJJBNTMJ", "永久基本农田面积", "JBNTMJ", "基本农田面积"],
    "redline_mu": ["STBHHXMJ", "生态保护红线面积"],
    "mineral": ["SFSK", "是否涉矿"],
    "mining_rights": ["KQXX", "矿权信息"],
    "military": ["SFJSYD", "是否军事用地"],
    "center_lon": ["LZB", "中心点经度", "经度"],
    "center_lat": ["BZB", "中心点纬度", "纬度"],
}
# issued code each package field goes back out as (for exports)
ISSUED_CODE = {k: v[0] for k, v in CANDIDATES.items()}


class FieldMapError(ValueError):
    pass


def parse_override(text: Optional[str]) -> Dict[str, str]:
    """'JCBH=监测编号;GDMJ=耕地' → {'code': '监测编号', 'cultivated_mu': '耕地'}; keys are issued codes or package names."""
    out: Dict[str, str] = {}
    if not text or not text.strip():
        return out
    by_code = {v[0].upper(): k for k, v in CANDIDATES.items()}
    for part in re.split(r"[;\n]", text):
        if not part.strip():
            continue
        if "=" not in part:
            raise FieldMapError(Msg(QT_TRANSLATE_NOOP("weipian", "field map entry '{value}' is not of the form CODE=source_field"), value=part.strip()))
        key, source = (s.strip() for s in part.split("=", 1))
        target = by_code.get(key.upper(), key if key in CANDIDATES else None)
        if target is None:
            raise FieldMapError(Msg(QT_TRANSLATE_NOOP("weipian", "field map names unknown field '{key}' (known: {value})"), key=key, value=', '.join(sorted(by_code))))
        out[target] = source
    return out


def auto_map(source_fields: Iterable[str], override: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """Package field -> source field name. Overrides must name fields that exist."""
    fields = list(source_fields)
    lookup = {f.strip().upper(): f for f in fields}
    mapping: Dict[str, str] = {}
    for target, names in CANDIDATES.items():
        for name in names:
            hit = lookup.get(name.upper())
            if hit is not None:
                mapping[target] = hit
                break
    # dBASE cuts names at 10 bytes, splitting UTF-8 Chinese names ("监测编\ufffd"): accept a name that is
    # the start of exactly one known name
    for f in fields:
        stem = f.replace("\ufffd", "").strip()
        if len(stem) < 3 or f in mapping.values():
            continue
        hits = {t for t, names in CANDIDATES.items() for n in names if n.startswith(stem) and n != stem}
        if len(hits) == 1:
            target = hits.pop()
            mapping.setdefault(target, f)
    for target, source in (override or {}).items():
        hit = lookup.get(source.strip().upper())
        if hit is None:
            raise FieldMapError(Msg(QT_TRANSLATE_NOOP("weipian", "field map: source field '{source}' is not in the input (fields: {value})"), source=source, value=', '.join(fields)))
        mapping[target] = hit
    return mapping


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value) -> Optional[str]:
    """Issued dates come as 20230415, 2023-04-15, 2023/4/15, 2023年4月15日 or date objects → ISO date."""
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    if not text or text.upper() == "NULL":
        return None
    for pat in _DATE_PATTERNS:
        m = pat.match(text)
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                return None
    return None


def parse_float(value) -> Optional[float]:
    if value is None:
        return None
    try:
        text = str(value).strip()
        if not text or text.upper() == "NULL":
            return None
        return float(text)
    except (TypeError, ValueError):
        return None


MAX_AREA_MU = 1e7  # no single patch is larger than a county (a large county is about 3 million 亩)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_area(value) -> Tuple[Optional[float], Optional[str]]:
    """(亩, None) for a usable area, (None, None) for an empty one, (None, why) for a value that is not an area:
    not a number, not finite, negative or beyond any patch. '1,234.5' is read with its thousands separators."""
    if value is None:
        return None, None
    text = str(value).strip()
    if not text or text.upper() == "NULL":
        return None, None
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        number = float(text)
    except ValueError:
        return None, f"{value!r} is not a number"
    if not math.isfinite(number):
        return None, f"{value!r} is not a finite number"
    if number < 0:
        return None, f"{value!r} is negative"
    if number > MAX_AREA_MU:
        return None, f"{value!r} is larger than any patch can be"
    return number, None


def parse_flag(value) -> bool:
    if value is None:
        return False
    return str(value).strip().upper() in ("1", "Y", "YES", "TRUE", "是", "T")
