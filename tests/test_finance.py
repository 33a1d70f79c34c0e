"""Loan amortisation and discounting against hand-worked numbers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cost import finance
from core.errors import ValidationError


def test_issue_loan_20000_at_7pct_over_70_months() -> None:
    # Hand-worked (research/cost.md §11): r = 0.07/12, payment = P r / (1 - (1+r)^-70).
    pmt = float(finance.monthly_payment(20_000.0, 0.07, 70)[()])
    assert pmt == pytest.approx(348.83, abs=0.005)
    interest = finance.interest_by_year(20_000.0, 0.07, 70, 6).sum()
    assert interest == pytest.approx(70 * pmt - 20_000, abs=0.01)
    assert interest == pytest.approx(4_418, abs=1.0)


def test_zero_apr_is_straight_line() -> None:
    assert float(finance.monthly_payment(12_000.0, 0.0, 60)[()]) == pytest.approx(200.0)
    assert float(finance.balance_after(12_000.0, 0.0, 60, 12)[()]) == pytest.approx(9_600.0)
    assert finance.interest_by_year(12_000.0, 0.0, 60, 5).sum() == pytest.approx(0.0)


def test_balance_after_a_year_hand_worked() -> None:
    # $10,000 at 12% APR over 12 months: r = 1%, payment 888.4879; balance after 6 payments
    # = 10000 x 1.0615202 - 888.4879 x 6.152015 = 10,615.20 - 5,465.99 = 5,149.21.
    assert float(finance.monthly_payment(10_000.0, 0.12, 12)[()]) == pytest.approx(
        888.4879, abs=1e-3
    )
    assert float(finance.balance_after(10_000.0, 0.12, 12, 6)[()]) == pytest.approx(
        5_149.21, abs=0.01
    )
    assert float(finance.balance_after(10_000.0, 0.12, 12, 12)[()]) == pytest.approx(0.0, abs=1e-6)


def test_interest_stops_when_the_loan_is_repaid() -> None:
    by_year = finance.interest_by_year(20_000.0, 0.07, 24, 5)[0]
    assert by_year[2:].tolist() == [0.0, 0.0, 0.0]
    assert by_year[0] > by_year[1] > 0


def test_payments_by_year_counts_months() -> None:
    pay = finance.payments_by_year(20_000.0, 0.07, 70, 7)[0]
    pmt = float(finance.monthly_payment(20_000.0, 0.07, 70)[()])
    assert pay.tolist() == pytest.approx([12 * pmt] * 5 + [10 * pmt, 0.0])


def test_present_value_of_payments_matches_a_direct_sum() -> None:
    pmt, d = 300.0, 0.05
    direct = sum(pmt / (1 + d) ** (m / 12) for m in range(1, 61))
    assert float(finance.pv_of_payments(pmt, d, 60, 120)[0]) == pytest.approx(direct, rel=1e-12)
    # Only the payments inside the horizon count (the rest is the payoff at sale).
    direct36 = sum(pmt / (1 + d) ** (m / 12) for m in range(1, 37))
    assert float(finance.pv_of_payments(pmt, d, 60, 36)[0]) == pytest.approx(direct36, rel=1e-12)
    assert float(finance.pv_of_payments(pmt, 0.0, 60, 36)[0]) == pytest.approx(36 * pmt)


def test_discount_factors() -> None:
    f = finance.discount_factors(np.array([0.0, 0.10]), 2)
    assert f[0].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert f[1].tolist() == pytest.approx([1.0, 1 / 1.1, 1 / 1.21])


@pytest.mark.parametrize(
    ("apr", "months", "field"),
    [
        (4.0, 60, "loan_apr"),
        (0.07, 0, "loan_term_months"),
        (-0.01, 60, "loan_apr"),
        (0.07, 121, "loan_term_months"),
    ],
)
def test_bad_loans_name_the_field(apr: float, months: int, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        finance.monthly_payment(1_000.0, apr, months)
    assert exc.value.field == field
    assert str(exc.value.value) in str(exc.value)


@settings(max_examples=60, deadline=None)
@given(
    p=st.floats(100, 200_000),
    apr=st.floats(0, 0.4),
    months=st.integers(1, 120),
)
def test_payments_repay_principal_plus_interest(p: float, apr: float, months: int) -> None:
    years = -(-months // 12)
    paid = finance.payments_by_year(p, apr, months, years).sum()
    interest = finance.interest_by_year(p, apr, months, years).sum()
    assert paid == pytest.approx(p + interest, rel=1e-9)
    assert interest >= -1e-6
