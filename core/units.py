"""Unit conversions (definitions, not data) and the display-unit systems the app offers."""

from __future__ import annotations

KM_PER_MILE = 1.609344
KG_PER_LB = 0.45359237
LITRES_PER_US_GALLON = 3.785411784
MM_PER_INCH = 25.4
FT_PER_M = 1 / 0.3048

UNIT_SYSTEMS = ("us", "metric")


def miles_to_km(mi: float) -> float:
    return mi * KM_PER_MILE


def km_to_miles(km: float) -> float:
    return km / KM_PER_MILE


def kg_to_lb(kg: float) -> float:
    return kg / KG_PER_LB


def mpg_to_l_per_100km(mpg: float) -> float:
    return 100.0 * LITRES_PER_US_GALLON / (mpg * KM_PER_MILE) if mpg > 0 else float("inf")


def km_per_l_to_mpg(km_per_l: float) -> float:
    return km_per_l * LITRES_PER_US_GALLON / KM_PER_MILE


def usd_per_gal_to_usd_per_l(p: float) -> float:
    return p / LITRES_PER_US_GALLON
