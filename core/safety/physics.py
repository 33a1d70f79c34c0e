"""Crash physics and risk curves the safety model is built from (pure numpy, no data).

Every function takes arrays or floats and broadcasts, so the model can hand it Monte Carlo draws.
Figures (exponents, curve coefficients) come from resources/data/safety_params.csv.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatLike = float | npt.NDArray[np.float64]


def delta_v_split(
    m1: FloatLike, m2: FloatLike, closing_speed: FloatLike, restitution: FloatLike = 0.0
) -> tuple[FloatLike, FloatLike]:
    """Velocity change of each vehicle in a central, collinear two-vehicle crash.

    Momentum is conserved, so the lighter vehicle takes the larger share of the closing speed:
    dv1 = V * m2 / (m1 + m2) * (1 + e), dv2 = V * m1 / (m1 + m2) * (1 + e) (Evans 1994).
    """
    total = np.add(m1, m2)
    scale = np.multiply(closing_speed, np.add(1.0, restitution))
    return scale * np.divide(m2, total), scale * np.divide(m1, total)


def mass_ratio_risk(m_light: FloatLike, m_heavy: FloatLike, exponent: FloatLike) -> FloatLike:
    """Evans' law: driver risk in the lighter car / risk in the heavier = (m_heavy / m_light)^u."""
    return np.power(np.divide(m_heavy, m_light), exponent)


def own_crash_severity(m_own: FloatLike, m_partner: FloatLike, exponent: FloatLike) -> FloatLike:
    """Relative fatality risk of the own vehicle's occupants in a crash with one partner.

    Risk is taken as proportional to delta-v ^ k (Joksch; Evans 1994); delta-v of the own
    vehicle is V * m_partner / (m_own + m_partner). Normalised so equal masses give 1; the
    closing speed and restitution cancel in every ratio the model takes.
    """
    return np.power(2.0 * np.divide(m_partner, np.add(m_own, m_partner)), exponent)


def imposed_crash_severity(
    m_own: FloatLike, m_partner: FloatLike, exponent: FloatLike
) -> FloatLike:
    """Relative fatality risk the own vehicle imposes on a partner's occupants (same law)."""
    return own_crash_severity(m_partner, m_own, exponent)


def power_model(new_speed: FloatLike, old_speed: FloatLike, exponent: FloatLike) -> FloatLike:
    """Nilsson / Elvik power model: casualties scale as (new speed / old speed) ^ p."""
    return np.power(np.divide(new_speed, old_speed), exponent)


def pedestrian_fatality_risk(
    impact_speed_mph: FloatLike, intercept: FloatLike, slope_per_mph: FloatLike
) -> FloatLike:
    """Probability a struck adult pedestrian dies, logistic in impact speed (Tefft 2013 fit)."""
    z = np.add(intercept, np.multiply(slope_per_mph, impact_speed_mph))
    return 1.0 / (1.0 + np.exp(-z))
