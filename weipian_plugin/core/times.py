"""Times as people read them. The plugin records its own times in UTC (ISO 8601); a photo's time keeps the
offset its camera wrote."""
from __future__ import annotations

import datetime as _dt
from typing import Optional


def local_time(iso: Optional[str], seconds: bool = False, fmt: str = "%Y年%m月%d日 %H:%M") -> str:
    """A stored time as a Chinese reader writes it: 2026年06月15日 09:30. Times recorded by the plugin (UTC) are
    shown in this computer's time zone; a photo's own time keeps its offset, said when it is not UTC+08:00."""
    if not iso:
        return ""
    try:
        moment = _dt.datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    fmt = fmt + (":%S" if seconds else "")
    if moment.tzinfo is None:
        return moment.strftime(fmt)
    offset = moment.utcoffset()
    if offset == _dt.timedelta(0):  # the plugin's own records
        return moment.astimezone().strftime(fmt)
    text = moment.strftime(fmt)
    if offset != _dt.timedelta(hours=8):
        hours = offset.total_seconds() / 3600
        text += f"（UTC{hours:+g}）"
    return text


def local_day(iso: Optional[str]) -> str:
    return local_time(iso)[:11] if iso else ""
