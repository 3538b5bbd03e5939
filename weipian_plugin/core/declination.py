"""Magnetic declination from the World Magnetic Model (pygeomag), to turn magnetic azimuths to true north."""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Optional

from pygeomag import GeoMag, decimal_year_from_date


@lru_cache(maxsize=8)
def _model_for_year(year: int) -> GeoMag:
    # pygeomag picks the WMM epoch (2010/2015/2020/2025) that covers the year; newer years use the latest.
    try:
        return GeoMag(base_year=year)
    except Exception:  # year past the newest model shipped: use the newest model
        return GeoMag()


def declination_deg(latitude: float, longitude: float, when: Optional[_dt.date] = None,
                    altitude_m: float = 0.0) -> float:
    """Declination in degrees, east positive, at a place and date (today when not given)."""
    day = when or _dt.date.today()
    if isinstance(day, _dt.datetime):
        day = day.date()
    model = _model_for_year(day.year)
    result = model.calculate(glat=latitude, glon=longitude, alt=(altitude_m or 0.0) / 1000.0,
                             time=decimal_year_from_date(day), allow_date_outside_lifespan=True)
    return float(result.d)


def magnetic_to_true(azimuth_magnetic: float, latitude: float, longitude: float,
                     when: Optional[_dt.date] = None, altitude_m: float = 0.0) -> float:
    """True-north azimuth (0–360) from a magnetic one: true = magnetic + declination."""
    return (azimuth_magnetic + declination_deg(latitude, longitude, when, altitude_m)) % 360.0
