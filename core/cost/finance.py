"""Loan amortisation and discounting, vectorised over Monte Carlo draws.

Standard amortisation with monthly compounding: r = APR / 12, n = months,
payment = P r / (1 - (1 + r)^-n)  (P / n when r = 0), balance after k payments
B_k = P (1 + r)^k - payment ((1 + r)^k - 1) / r  (P - k payment when r = 0).
Interest paid in the first k months = k payment - (P - B_k).

Principals may be arrays (one per draw); the APR and term are the buyer's choices (scalars).
"""

from __future__ import annotations

import numpy as np

from core.errors import ValidationError
from core.uncertain import FloatArray

MONTHS_PER_YEAR = 12
# Scenario validation bounds (core.scenario.model) repeated here for direct callers of this module.
MAX_APR = 0.40
MAX_TERM_MONTHS = 120


def _check(apr: float, months: int) -> None:
    if not (0.0 <= apr <= MAX_APR) or apr != apr:
        raise ValidationError("loan_apr", apr, f"a number from 0 to {MAX_APR:g}")
    if int(months) != months or not (1 <= months <= MAX_TERM_MONTHS):
        raise ValidationError(
            "loan_term_months", months, f"a whole number from 1 to {MAX_TERM_MONTHS}"
        )


def monthly_payment(principal: FloatArray | float, apr: float, months: int) -> FloatArray:
    """Level monthly payment that repays `principal` in `months` at `apr` (nominal, yearly)."""
    _check(apr, months)
    p = np.asarray(principal, dtype=float)
    r = apr / MONTHS_PER_YEAR
    if r == 0.0:
        return p / months
    # expm1/log1p keep tiny rates exact: 1 - (1 + r)^-n = -expm1(-n log1p(r)).
    out: FloatArray = p * r / -np.expm1(-months * np.log1p(r))
    return out


def balance_after(principal: FloatArray | float, apr: float, months: int, k: int) -> FloatArray:
    """Outstanding balance after k payments (0 once the loan is repaid)."""
    _check(apr, months)
    p = np.asarray(principal, dtype=float)
    k = min(max(int(k), 0), months)
    pmt = monthly_payment(p, apr, months)
    r = apr / MONTHS_PER_YEAR
    if r == 0.0:
        bal = p - k * pmt
    else:
        growth = np.expm1(k * np.log1p(r))  # (1 + r)^k - 1, exact for tiny r
        bal = p * (1.0 + growth) - pmt * growth / r
    # Rounding can leave -1e-12 on the last payment; a balance is never negative.
    return np.maximum(bal, 0.0)


def interest_by_year(
    principal: FloatArray | float, apr: float, months: int, years: int
) -> FloatArray:
    """Interest paid in each ownership year 1..years: shape (draws, years)."""
    p = np.atleast_1d(np.asarray(principal, dtype=float))
    pmt = monthly_payment(p, apr, months)
    cum = np.empty((p.shape[0], years + 1))
    for t in range(years + 1):  # loop over years (<= 20), never over draws
        k = min(MONTHS_PER_YEAR * t, months)
        cum[:, t] = k * pmt - (p - balance_after(p, apr, months, k))
    return np.diff(cum, axis=1)


def payments_by_year(
    principal: FloatArray | float, apr: float, months: int, years: int
) -> FloatArray:
    """Sum of the monthly payments made in each ownership year: shape (draws, years)."""
    p = np.atleast_1d(np.asarray(principal, dtype=float))
    pmt = monthly_payment(p, apr, months)
    counts = np.array(
        [
            min(MONTHS_PER_YEAR * t, months) - min(MONTHS_PER_YEAR * (t - 1), months)
            for t in range(1, years + 1)
        ],
        dtype=float,
    )
    out: FloatArray = pmt[:, None] * counts[None, :]
    return out


def discount_factors(rate: FloatArray | float, years: int) -> FloatArray:
    """1 / (1 + d)^t for t = 0..years: shape (draws, years + 1)."""
    d = np.atleast_1d(np.asarray(rate, dtype=float))
    t = np.arange(years + 1, dtype=float)
    return (1.0 + d[:, None]) ** (-t[None, :])


def pv_of_payments(
    payment: FloatArray | float, rate: FloatArray | float, months: int, horizon_months: int
) -> FloatArray:
    """Present value of a level monthly payment made at months 1..min(months, horizon_months).

    Each payment is discounted at (1 + d)^(-m/12); the geometric series is summed in closed form
    so no loop runs over months or draws.
    """
    pmt = np.atleast_1d(np.asarray(payment, dtype=float))
    d = np.atleast_1d(np.asarray(rate, dtype=float))
    m = min(months, horizon_months)
    # q = (1 + d)^(-1/12) and the sum of q^1..q^m = q (1 - q^m) / (1 - q), written with
    # expm1/log1p (exact for tiny rates, one log per draw instead of two powers); m at d = 0
    step = np.log1p(d) / MONTHS_PER_YEAR
    q = np.exp(-step)
    num = -np.expm1(-m * step)
    den = -np.expm1(-step)
    series = np.divide(q * num, den, out=np.full_like(step, float(m)), where=den != 0.0)
    out: FloatArray = pmt * series
    return out
