"""Properties of the cost model that must hold for any inputs (hypothesis)."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.data.catalog import load_catalog
from tests.cost_helpers import run

CAT = load_catalog()
VIDS = sorted(CAT.vehicles)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
loans = st.fixed_dictionaries(
    {
        "financed": st.booleans(),
        "loan_apr": st.floats(0.0, 0.40),
        "loan_term_months": st.integers(1, 120),
        "down_payment_share": st.floats(0.0, 1.0),
        "years": st.integers(1, 20),
    }
)


@SETTINGS
@given(vid=st.sampled_from(VIDS), miles=st.floats(0, 60_000), extra=st.floats(1, 30_000),
       loan=loans)  # fmt: skip
def test_more_miles_never_cost_less(vid: str, miles: float, extra: float, loan: dict) -> None:
    a = run(CAT, (vid,), annual_miles=miles, draws=200, **loan)[vid]
    b = run(CAT, (vid,), annual_miles=miles + extra, draws=200, **loan)[vid]
    assert b.total_usd.central >= a.total_usd.central - 1e-6
    # Paired draws: the same draw with more miles never costs less either.
    assert np.all(b.total_draws >= a.total_draws - 1e-6)


@SETTINGS
@given(vid=st.sampled_from(VIDS), factor=st.floats(1.0, 3.0), loan=loans)
def test_a_higher_price_never_lowers_the_total(vid: str, factor: float, loan: dict) -> None:
    v = CAT.vehicle(vid)
    dear = dataclasses.replace(
        v, price=v.price * factor, price_low=v.price_low * factor, price_high=v.price_high * factor
    )
    a = run(CAT, (vid,), draws=200, **loan)[vid]
    b = run(CAT.with_vehicle(dear), (vid,), draws=200, **loan)[vid]
    assert b.total_usd.central >= a.total_usd.central - 1e-6


@SETTINGS
@given(vids=st.lists(st.sampled_from(VIDS), min_size=1, max_size=3, unique=True),
       miles=st.floats(0, 50_000), loan=loans)  # fmt: skip
def test_categories_sum_and_percentiles_order(vids: list[str], miles: float, loan: dict) -> None:
    res = run(CAT, tuple(vids), annual_miles=miles, draws=300, **loan)
    for r in res.values():
        total = sum(r.by_category_usd.values())
        assert abs(total - r.total_usd.central) <= 1e-9 * max(1.0, abs(total))
        assert abs(r.cumulative_usd[-1] - total) <= 1e-6 * max(1.0, abs(total))
        for d in (r.total_usd, r.per_month_usd, r.per_mile_usd, r.discounted_total_usd):
            assert d is not None
            assert d.p10 <= d.p50 <= d.p90
            assert np.isfinite([d.central, d.p10, d.p50, d.p90]).all()
        assert np.isfinite(r.total_draws).all() and np.isfinite(r.cumulative_usd).all()
