"""Crash physics and risk curves against hand-worked arithmetic and published points."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.data.catalog import Catalog
from core.safety import physics as phys

masses = st.floats(200, 40_000)
speeds = st.floats(1, 120)
exponents = st.floats(1.0, 6.0)


def test_delta_v_split_by_hand() -> None:
    # 1,000 kg against 2,000 kg at a 30 mph closing speed, plastic: the light car changes
    # velocity by 30 * 2000/3000 = 20 mph, the heavy one by 10 mph.
    dv1, dv2 = phys.delta_v_split(1000.0, 2000.0, 30.0)
    assert dv1 == pytest.approx(20.0, rel=1e-12)
    assert dv2 == pytest.approx(10.0, rel=1e-12)
    # Restitution 0.2 scales both by 1.2.
    dv1, dv2 = phys.delta_v_split(1000.0, 2000.0, 30.0, 0.2)
    assert (dv1, dv2) == (pytest.approx(24.0), pytest.approx(12.0))


@settings(max_examples=200, deadline=None)
@given(m1=masses, m2=masses, v=speeds, e=st.floats(0.0, 0.5))
def test_momentum_is_conserved(m1: float, m2: float, v: float, e: float) -> None:
    dv1, dv2 = phys.delta_v_split(m1, m2, v, e)
    assert m1 * dv1 == pytest.approx(m2 * dv2, rel=1e-9)  # equal and opposite impulse
    assert dv1 + dv2 == pytest.approx(v * (1 + e), rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(m_light=masses, m_heavy=masses, k=exponents)
def test_mass_ratio_law_is_reproduced(m_light: float, m_heavy: float, k: float) -> None:
    # Evans & Frick: risk in the lighter car / risk in the heavier = (m_heavy / m_light) ^ u,
    # which the delta-v ^ k severity gives exactly for the same crash.
    own = phys.own_crash_severity(m_light, m_heavy, k)
    other = phys.own_crash_severity(m_heavy, m_light, k)
    assert own / other == pytest.approx((m_heavy / m_light) ** k, rel=1e-9)
    assert phys.imposed_crash_severity(m_light, m_heavy, k) == pytest.approx(other, rel=1e-12)


def test_mass_ratio_figures() -> None:
    assert phys.mass_ratio_risk(1000.0, 2000.0, 3.5) == pytest.approx(2**3.5)  # 11.31
    # Research digest 2.3: kei 800 kg vs F-150 2,300 kg, mu = 2.875: R = mu^3.5 ~ 40.
    assert phys.mass_ratio_risk(800.0, 2300.0, 3.5) == pytest.approx(2.875**3.5, rel=1e-12)
    assert 40 < phys.mass_ratio_risk(800.0, 2300.0, 3.5) < 41
    assert phys.own_crash_severity(1500.0, 1500.0, 3.5) == pytest.approx(1.0)


def test_power_model() -> None:
    assert phys.power_model(40.0, 30.0, 4.0) == pytest.approx((4 / 3) ** 4)
    assert phys.power_model(30.0, 30.0, 4.0) == 1.0


# Tefft 2013 (Accid Anal Prev 50:871-878): death risk 10/25/50/75/90% at these impact speeds.
TEFFT = [(24.1, 0.10), (32.5, 0.25), (40.6, 0.50), (48.0, 0.75), (54.6, 0.90)]
# The issue's rounded points.
ISSUE = [(24.0, 0.10), (41.0, 0.50), (55.0, 0.90)]
TOLERANCE = 0.05


@pytest.mark.parametrize("mph,risk", TEFFT + ISSUE)
def test_pedestrian_curve_passes_published_points(
    catalog: Catalog, mph: float, risk: float
) -> None:
    a = catalog.central("pedestrian_fatality_logit_intercept")
    b = catalog.central("pedestrian_fatality_logit_slope_per_mph")
    assert abs(float(phys.pedestrian_fatality_risk(mph, a, b)) - risk) < TOLERANCE


@settings(max_examples=200, deadline=None)
@given(v1=st.floats(0, 90), v2=st.floats(0, 90))
def test_pedestrian_curve_rises_with_speed(v1: float, v2: float) -> None:
    lo, hi = sorted((v1, v2))
    p_lo = float(phys.pedestrian_fatality_risk(lo, -5.7255, 0.14328))
    p_hi = float(phys.pedestrian_fatality_risk(hi, -5.7255, 0.14328))
    assert 0.0 < p_lo <= p_hi < 1.0
    assert math.isfinite(p_hi)
