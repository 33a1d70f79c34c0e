"""The 2-page package brief for a legislator (issue 19): what a policy package does across the
nation, as HTML for desktop.report.write_package_brief_pdf.

Page 1: the package, the national figures with P10-P90 (uptake, households' money, deaths to
occupants and to others, fuel, CO2, the fiscal cost), the reference shares and the limits of
what the model can say. Page 2: the map of the legal share of miles, the states with most
buyers, the maker's business case and the deaths inverse answers (docs/nation-model.md).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from core.data.states import STATE_NAMES
from core.uncertain import Dist
from core.version import APP_NAME, __version__
from desktop import fmt, present
from desktop.report import html_table

LIMITS = (
    "Uptake is a choice model anchored on today's small-car share with judgement elasticities; "
    "it is a range of plausible answers, not a forecast.",
    "One year of buyers is followed over the years they keep the car; fleet turnover, used "
    "markets and supply limits are not modelled.",
    "Each buyer is assumed to leave the scenario's rival vehicle; miles the microcar may not or "
    "cannot drive go to the scenario's fallback mode. Road speeds are the levers' speeds for "
    "both.",
    "Deaths come from the calibrated safety model per mile; the mix of other traffic is today's.",
    "The business case ignores dealer margins, warranty and the time value of the fixed costs.",
)


def _esc(x: object) -> str:
    return html.escape(str(x))


def _rng(d: Dist, money: bool = False, pct: bool = False) -> str:
    """Median (P10 to P90), in desktop.fmt's words."""

    def one(x: float) -> str:
        if pct:
            return fmt.percent(x, 2)
        return fmt.money(x) if money else fmt.number(x)

    return f"{one(d.p50)} ({one(d.p10)} to {one(d.p90)})"


def brief_html(
    package: str,
    sweep: Any,
    nation: Any,
    business: Sequence[Any],
    catalog: Any,
    answers: Sequence[Any] = (),
    map_url: str | None = None,
) -> str:
    """The brief as HTML (two pages: a page break before the second)."""
    nat = nation.nation[package]
    ups = [u for u in nation.uptake if u.package == package]
    cell = next(c for c in sweep.cells if c.package == package)
    lv = cell.scenario.levers
    micro = next(v for v in cell.vehicles if v.id == cell.micro)
    rival = next(v for v in cell.vehicles if v.id == cell.rival)
    sc = cell.scenario
    changed = present.lever_summary(lv)
    rows = [
        ["Microcar buyers a year", _rng(nat.dist("buyers"))],
        [
            "Share of new-vehicle buyers (nation, population-weighted)",
            _rng(nation.share_dist(package, "new"), pct=True),
        ],
        [
            "Share of second-vehicle buyers (nation)",
            _rng(nation.share_dist(package, "second"), pct=True),
        ],
        [
            f"Households' money saved over {sc.years} years (negative: they pay more)",
            _rng(nat.dist("money_saved_usd"), money=True),
        ],
        ["Change in occupant deaths", _rng(nat.dist("occupant_deaths"))],
        ["Change in deaths imposed on others", _rng(nat.dist("others_deaths"))],
        ["Change in all deaths", _rng(nat.dist("total_deaths"))],
        ["Change in gasoline (gallons)", _rng(nat.dist("gallons"))],
        ["Change in electricity (kWh)", _rng(nat.dist("kwh"))],
        ["Change in CO2 (tonnes)", _rng(nat.dist("co2_tonnes"))],
        ["Fiscal cost of incentives", _rng(nat.dist("fiscal_cost_usd"), money=True)],
    ]
    cat = cell.context.catalog  # the scenario's overrides applied, as the model read it
    refs = [
        ["US subcompact share of new sales today", _pct(cat, "nation_small_car_base_share")],
        ["Kei share of new vehicles, Japan (ceiling)", _pct(cat, "nation_kei_share_japan")],
        ["A-segment share, Europe", _pct(cat, "nation_a_segment_share_europe")],
    ]
    parts = [
        f"<h1>Package brief: {_esc(package)}</h1>",
        f"<p>What this package would do across the 50 states and DC for one year of buyers of "
        f"the <b>{_esc(micro.name)}</b> who would otherwise buy the <b>{_esc(rival.name)}</b>, "
        f"followed over {sc.years} years of {sc.annual_miles:,.0f} miles a year. Figures are "
        "medians with the P10 to P90 range of the Monte Carlo draws. Negative changes are "
        "reductions.</p>",
        "<p><b>The package sets:</b> "
        + (_esc("; ".join(changed)) if changed else "no lever (today's law)")
        + "</p>",
        "<h2>The nation</h2>",
        html_table(["Outcome", "Median (P10 to P90)"], rows),
        "<h2>Reference shares</h2>",
        html_table(["Market", "Share"], refs),
        "<h2>What the model cannot say</h2><ul>",
        *[f"<li>{_esc(x)}</li>" for x in LIMITS],
        "</ul>",
        "<p style='page-break-before: always'></p>",
        "<h2>Where</h2>",
    ]
    if map_url:
        parts.append(f"<p><img src='{map_url}' width='330'></p>")
    buyers = {u.state: Dist.from_draws(u.total_buyers).p50 for u in ups}
    top = sorted(ups, key=lambda u: -buyers[u.state])[:6]
    parts.append(
        html_table(
            ["State", "Legal share of miles", "New-buyer uptake", "Buyers / year"],
            [
                [
                    STATE_NAMES.get(u.state, u.state),
                    f"{u.legal_share:.0%}",
                    _rng(u.share_dist("new"), pct=True),
                    fmt.number(buyers[u.state]),
                ]
                for u in top
            ],
        )
    )
    if business:
        parts.append("<h2>The maker's case</h2>")
        brows = []
        for b in business:
            be = "none" if b.break_even_volume is None else f"{b.break_even_volume:,.0f} / year"
            brows.append(
                [
                    b.route.replace("_", " "),
                    _rng(b.unit_cost_usd, money=True),
                    _rng(b.margin_usd, money=True),
                    be,
                    fmt.money(b.break_even_incentive_usd),
                    fmt.money(b.incentive_to_match_pickup_usd),
                ]
            )
        parts.append(
            html_table(
                [
                    "Route",
                    "Unit cost",
                    "Margin per unit",
                    "Break-even volume",
                    "Incentive to break even",
                    "Incentive to earn a pickup's margin",
                ],
                brows,
            )
        )
        parts.append(
            f"<p>A full-size pickup earns its maker {_rng(business[0].pickup_margin_usd, money=True)} "
            "per unit.</p>"
        )
    if answers:
        parts.append("<h2>What would make it save lives</h2><ul>")
        for a in answers:
            parts.append(f"<li>{_esc(a.question)}: {_esc(a.explanation)}</li>")
        parts.append("</ul>")
    parts.append(
        f"<p style='color:gray; font-size:8pt'>{APP_NAME} {__version__}. Equations and "
        "sources: docs/nation-model.md; every figure's source: the Sources tab.</p>"
    )
    return "".join(parts)


def _pct(catalog: Any, pid: str) -> str:
    u = catalog.u(pid)
    said = fmt.percent(u.central, 1)
    return said + (
        "" if u.low == u.high else f" ({fmt.percent(u.low, 1)} to {fmt.percent(u.high, 1)})"
    )
