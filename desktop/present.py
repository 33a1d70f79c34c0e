"""The presenter: a Result turned into words, symbols, colours and table rows.

One home for what every surface says about a result (issue #12 item 3, issue #18 item 3): the
cards, the kiosk, the take-away, the PDF, and the Feasibility and Policy tabs all read their
verdict words, symbols, colours and the one-sentence verdict from here. Presentation only: the
figures are the model's headlines (`Dist.headline`, the median of the draws), never re-derived.

A vehicle that cannot be registered in the scenario's state never reads as cheap and safe: its
verdict line is "Not legal to register in <state>: <reason>", and the verdict sentence leads with
that instead of a saving.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.data.states import STATE_NAMES
from core.result import Comparison, Result, VehicleResult
from core.scenario.levers import PolicyLevers
from core.units import FT_PER_M, KG_PER_LB, KM_PER_MILE
from desktop import fmt
from desktop.theme import STATUS_COLOUR, STATUS_SYMBOL, STATUS_WORD

# -- the verdict: symbol, word, colour ---------------------------------------------------------


def symbol(status: str) -> str:
    return STATUS_SYMBOL[status]


def word(status: str) -> str:
    return STATUS_WORD[status]


def colour(status: str) -> str:
    return STATUS_COLOUR[status]


def status_text(status: str) -> str:
    """'✓ Pass', '! Warning', '✗ Fail': the symbol always travels with the word."""
    return f"{STATUS_SYMBOL[status]} {STATUS_WORD[status]}"


def status_html(status: str, text: str | None = None, bold: bool = True) -> str:
    """The status in its colour, with its symbol; `text` replaces the word when given."""
    body = (
        f"{STATUS_SYMBOL[status]} {html.escape(text) if text is not None else STATUS_WORD[status]}"
    )
    if bold:
        body = f"<b>{body}</b>"
    return f"<span style='color:{STATUS_COLOUR[status]}'>{body}</span>"


def state_name(code: str) -> str:
    return STATE_NAMES.get(code, code)


# -- a vehicle that cannot be registered ---------------------------------------------------------


def registrable(vr: VehicleResult) -> bool:
    """False when the vehicle may use no public road in the scenario's state
    (core.policy.mobility: every mile is then your fallback travel's)."""
    m = vr.mobility
    return m is None or m.registrable


def not_legal_notice(vr: VehicleResult, state: str) -> str | None:
    """'Not legal to register in New York: <reason>' when the vehicle may use no public road in
    the state (core.policy.mobility), else None. The reason is the failing legal check's."""
    if registrable(vr):
        return None
    name = state_name(state)
    checks = vr.feasibility.checks
    chk = next((c for c in checks if c.group == "legal" and c.status == "fail"), None)
    if chk is None:
        chk = next((c for c in checks if c.status == "fail"), None)
    reason = chk.reason if chk is not None else "no public-road use"
    for prefix in (f"{name}: ", f"{state}: "):
        if reason.startswith(prefix):
            reason = reason[len(prefix) :]
    return f"Not legal to register in {name}: {reason}"


# -- every mile served (issue #14), moved here from fmt: the words every surface uses ------------
def travel_split(vr: VehicleResult) -> str:
    """'60% of your miles by ride-hailing or taxi (roads it may not legally use)', or ''."""
    m = vr.mobility
    if m is None or m.fallback_share <= 0.0:
        return ""
    from core.policy.mobility import REASON_LABELS

    top = max(m.by_reason, key=lambda k: m.by_reason[k])
    return (
        f"{fmt.percent(m.fallback_share)} of your miles by {m.fallback_label.lower()} "
        f"({REASON_LABELS[top]})"
    )


def travel_reasons(vr: VehicleResult) -> str:
    """'60% roads it may not legally use, 30% days longer than its range' (every reason), or ''."""
    m = vr.mobility
    if m is None or m.fallback_share <= 0.0:
        return ""
    from core.policy.mobility import REASON_LABELS, REASONS

    return ", ".join(
        f"{fmt.percent(m.by_reason[k])} {REASON_LABELS[k]}" for k in REASONS if m.by_reason[k] > 0
    )


def _served_note(vrs: list[VehicleResult]) -> str:
    served = [x for x in vrs if x.mobility is not None and x.mobility.fallback_share > 0]
    parts = [
        f"{fmt.short_name(x.vehicle.name, 24)}'s {fmt.percent(x.mobility.fallback_share)} by "
        f"{x.mobility.fallback_label.lower()}"
        for x in served
        if x.mobility is not None
    ]
    return ", ".join(parts)


def _crossing(year: float | None) -> str:
    # a crossing in the first weeks only says the purchase is cheaper; not worth a figure
    return (
        f" (cumulative costs cross in year {year:.1f})" if year is not None and year >= 0.1 else ""
    )


def comparison_sentence(result: Result, cmp: Comparison, state: str) -> str:
    """One comparison as a plain sentence, with every mile served and labelled as such."""
    a, b = result.vehicle(cmp.a), result.vehicle(cmp.b)
    txt = fmt.cheaper_sentence(result, cmp) + _crossing(cmp.break_even_year)
    note = _served_note([a, b])
    if note:
        txt += f", with every mile of your travel served ({note})"
    notice = not_legal_notice(a, state)
    if notice is not None:
        return f"{fmt.short_name(a.vehicle.name, 24)}: {notice}. {txt}."
    return txt + "."


def comparisons_summary(result: Result) -> str:
    """All comparisons with the first vehicle in one short line (rich text, the cards row)."""
    if not result.comparisons:
        return ""
    parts = [
        fmt.cheaper_sentence(result, c, bold=True) + _crossing(c.break_even_year)
        for c in result.comparisons
    ]
    txt = " · ".join(parts)
    note = _served_note(list(result.vehicles))
    if note:
        txt = f"Every mile of your travel served ({html.escape(note)}): " + txt
    first = result.vehicles[0]
    if not_legal_notice(first, result.scenario.state) is not None:
        name = html.escape(fmt.short_name(first.vehicle.name, 24))
        txt = f"<b>{name}: not legal to register in {state_name(result.scenario.state)}.</b> " + txt
    return txt + "."


# -- one vehicle's verdict line (cards, kiosk, take-away, PDF, tabs) -----------------------------


def verdict_label(vr: VehicleResult, state: str) -> tuple[str, str, str]:
    """(status, line, tooltip) for one vehicle: 'Fail: <binding constraint>', 'Warning: <first
    warning> +N more', 'Pass', or the not-legal notice (always a fail)."""
    f = vr.feasibility
    notice = not_legal_notice(vr, state)
    if notice is not None:
        return "fail", notice, notice
    chk = f.binding_check
    if chk is not None:
        return f.verdict, f"{STATUS_WORD[f.verdict]}: {chk.label}", f"{chk.label}: {chk.reason}"
    if f.verdict == "warn":
        warns = [c.label for c in f.checks if c.status == "warn"]
        more = f" +{len(warns) - 1} more" if len(warns) > 1 else ""
        first = f": {warns[0]}{more}" if warns else ""
        return "warn", f"{STATUS_WORD['warn']}{first}", "; ".join(warns)
    return f.verdict, STATUS_WORD[f.verdict], ""


def verdict_short(vr: VehicleResult, state: str, reason: bool = True) -> tuple[str, str]:
    """(status, text): the verdict word ('Pass', 'Warning', 'Fail'), or the not-legal notice
    (with its reason unless `reason` is False, for a narrow table cell)."""
    notice = not_legal_notice(vr, state)
    if notice is not None:
        return "fail", notice if reason else notice.split(": ")[0]
    return vr.feasibility.verdict, STATUS_WORD[vr.feasibility.verdict]


def verdict_short_text(vr: VehicleResult, state: str, reason: bool = True) -> str:
    """'✓ Pass', '! Warning', '✗ Fail' or '✗ Not legal to register in <state>: <reason>'."""
    status, text = verdict_short(vr, state, reason)
    return f"{STATUS_SYMBOL[status]} {text}"


def verdict_line_html(vr: VehicleResult, state: str) -> str:
    status, line, _tip = verdict_label(vr, state)
    head, sep, rest = line.partition(": ")
    if status == "fail" and not registrable(vr):
        return status_html("fail", line)
    return status_html(status, head) + (html.escape(sep + rest) if sep else "")


def kiosk_verdict_html(vr: VehicleResult, state: str) -> str:
    """A kiosk result card's last line (#14): 'Not legal to register in <state>: reason', or the
    verdict word and the share of the visitor's miles the fallback travel serves."""
    notice = not_legal_notice(vr, state)
    if notice is not None:
        return status_html("fail", notice)
    split = travel_split(vr)
    return status_html(vr.feasibility.verdict) + (f"<br><small>{split}</small>" if split else "")


def takeaway_verdict_text(vr: VehicleResult, state: str) -> str:
    """The take-away's verdict (plain text): the not-legal notice, or the verdict word and the
    share of the miles the fallback serves."""
    notice = not_legal_notice(vr, state)
    if notice is not None:
        return notice
    split = travel_split(vr)
    return STATUS_WORD[vr.feasibility.verdict] + (f"; {split}" if split else "")


def verdict_line_text(vr: VehicleResult, state: str) -> str:
    status, line, _tip = verdict_label(vr, state)
    return f"{STATUS_SYMBOL[status]} {line}"


def binding_text(vr: VehicleResult) -> str:
    """The binding constraint's label for a table cell, or 'none'."""
    chk = vr.feasibility.binding_check
    return chk.label if chk is not None else "none"


# -- the verdict sentence (issue #18 item 3) -----------------------------------------------------


def about_money(x: float) -> str:
    """A saving said in words: rounded to $100 below $10,000, else to $500."""
    step = 100.0 if abs(x) < 10_000 else 500.0
    return fmt.money(round(x / step) * step)


def _times(r: float) -> str:
    return f"{r:.0f}x" if r >= 10 else f"{r:.1f}x".replace(".0x", "x")


def _speed(mph: float, units: str) -> str:
    if units == "metric":
        return f"{mph * KM_PER_MILE:.0f} km/h"
    return f"{mph:.0f} mph"


def _risk_phrase(vr: VehicleResult, other: VehicleResult) -> tuple[str, bool]:
    """('your risk of dying in a crash is about 5x higher', worse?): the core's paired ratio of
    occupant deaths against the comparator (`SafetyResult.relative_occupant_risk`, the figure
    the Safety tab prints) when the other vehicle is the comparator; otherwise the ratio of the
    headline occupant deaths per 10,000 owners."""
    rel = vr.safety.relative_occupant_risk
    if vr.safety.comparator == other.vehicle.id and rel is not None:
        r = rel.headline
    else:
        a = vr.safety.occupant_deaths_per_10k_owners.headline
        b = other.safety.occupant_deaths_per_10k_owners.headline
        r = a / b if a > 0 and b > 0 else 0.0
    if r <= 0:
        return "", False
    if r >= 1.15:
        return f"your risk of dying in a crash is about {_times(r)} higher", True
    if r <= 1 / 1.15:
        return f"your risk of dying in a crash is about {_times(1 / r)} lower", False
    return "your risk of dying in a crash is about the same", False


def _legal_phrase(vr: VehicleResult, state: str, units: str) -> str:
    """'it is legal in Texas, but tops out at 68 mph on 70 mph roads'."""
    f = vr.feasibility
    name = state_name(state)
    if f.road_cap_mph:
        legal = f"it is legal in {name} only on roads posted up to {_speed(f.road_cap_mph, units)}"
    elif f.verdict == "fail" and f.binding_check is not None:
        legal = f"it fails a check in {name} ({f.binding_check.label})"
    else:
        legal = f"it is legal in {name}"
    slow = [
        rc
        for rc in vr.safety.by_road_class
        if rc.miles_share > 0 and rc.legal and not rc.usable and rc.own_speed_mph > 0
    ]
    if slow:
        worst = max(slow, key=lambda rc: rc.traffic_speed_mph)
        legal += (
            f", but tops out at {_speed(worst.own_speed_mph, units)} on "
            f"{_speed(worst.traffic_speed_mph, units)} roads"
        )
    return legal


def verdict_sentence(result: Result, units: str = "us") -> str:
    """One plain sentence, in words and numbers, for the first vehicle against the second:

    "The Carry saves about $11,500 over 5 years against the Versa, but your risk of dying in a
    crash is about 5x higher; it is legal in Texas, but tops out at 68 mph on 70 mph roads."

    The saving is the headline of the core's paired cost gap (`Comparison.cost_gap_usd`: the
    median of the per-draw differences of the totals, resale deducted, the draws "cheaper" is
    counted over); the risk is the core's paired ratio of occupant deaths (`_risk_phrase`). A
    vehicle that cannot be registered gets the not-legal notice instead of a saving."""
    if not result.vehicles:
        return ""
    state = result.scenario.state
    vr = result.vehicles[0]
    name = fmt.short_name(vr.vehicle.name, 24)
    notice = not_legal_notice(vr, state)
    if notice is not None:
        return f"The {name} is {notice[0].lower()}{notice[1:]}."
    years = vr.cost.horizon_years
    if len(result.vehicles) < 2:
        total = fmt.money(vr.cost.total_usd.headline)
        return (
            f"The {name} costs about {total} over {years} years; {_legal_phrase(vr, state, units)}."
        )
    other = result.vehicles[1]
    oname = fmt.short_name(other.vehicle.name, 24)
    cmp = next(
        (c for c in result.comparisons if (c.a, c.b) == (vr.vehicle.id, other.vehicle.id)), None
    )
    if cmp is None or cmp.cost_gap_usd is None:  # a hand-made result: no paired figure to say
        return f"The {name} against the {oname}: {_legal_phrase(vr, state, units)}."
    diff = cmp.cost_gap_usd.headline
    if abs(diff) < 100:
        cost = f"The {name} costs about the same as the {oname} over {years} years"
    elif diff > 0:
        cost = f"The {name} saves about {about_money(diff)} over {years} years against the {oname}"
    else:
        cost = (
            f"The {name} costs about {about_money(-diff)} more over {years} years than the {oname}"
        )
    risk, worse = _risk_phrase(vr, other)
    if risk:
        joint = ", but " if (diff > 0) == worse else ", and "
        cost += joint + risk
    return f"{cost}; {_legal_phrase(vr, state, units)}."


VERDICT_SENTENCE_TIP = (
    "The first vehicle against the second. Money: the median of the differences of their totals "
    "over the years kept, resale deducted, each run with the same inputs for both. Risk: the "
    "median of the ratios of their occupant deaths over the same years, run by run. Legal: the "
    "state's rules for its road use."
)


# -- table rows ---------------------------------------------------------------------------------

HEADLINE_HEADERS = (
    "Vehicle",
    "Total cost",
    "P10–P90",
    "Per month",
    "Occupant deaths /10k owners",
    "Others' deaths /10k owners",
    "Feasibility",
)


def verdict_cell(vr: VehicleResult, state: str) -> str:
    """A vehicle's verdict in a table cell: '✗ Fail: <binding constraint>', or for a vehicle
    that cannot be registered the short notice (its reason is said beside the table)."""
    if not registrable(vr):
        return verdict_short_text(vr, state, reason=False)
    return verdict_line_text(vr, state)


def headline_row(vr: VehicleResult, state: str) -> list[str]:
    c, s = vr.cost, vr.safety
    return [
        vr.vehicle.name,
        fmt.money(c.total_usd.headline),
        fmt.money_range(c.total_usd),
        fmt.money(c.per_month_usd.headline),
        fmt.number(s.occupant_deaths_per_10k_owners.headline),
        fmt.number(s.others_deaths_per_10k_owners.headline),
        verdict_cell(vr, state),
    ]


def headline_rows(result: Result) -> list[list[str]]:
    return [headline_row(vr, result.scenario.state) for vr in result.vehicles]


# -- chart labels ---------------------------------------------------------------------------------

TICK_WRAP_CHARS = 30  # a tornado label wraps onto a second line beyond this


def input_label(label: str, vr: VehicleResult) -> str:
    """A tornado input as a person reads it, for a chart that is already about one vehicle:
    without the trailing '(<class>)' or '(<vehicle name>)', and never a raw parameter id."""
    for suffix in (f" ({vr.vehicle.class_label})", f" ({vr.vehicle.name})"):
        if label.endswith(suffix):
            label = label[: -len(suffix)]
    if ":" in label and " " not in label:  # a parameter id such as 'export_price:carry_1995'
        kind = label.split(":", 1)[0].replace("_", " ")
        label = kind[:1].upper() + kind[1:]
    return label


def wrap_tick(label: str, width: int = TICK_WRAP_CHARS) -> str:
    """An axis tick on one or two lines, never cut: breaks at the space nearest the middle."""
    if len(label) <= width:
        return label
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if not spaces:
        return label
    mid = len(label) / 2
    cut = min(spaces, key=lambda i: abs(i - mid))
    return label[:cut] + "\n" + label[cut + 1 :]


# -- units in the model's sentences ----------------------------------------------------------------

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_FT_DIMS = re.compile(_NUM + r"\s*x\s*" + _NUM + r"\s*(?:ft|feet)\b")
_METRIC_RULES: tuple[tuple[re.Pattern[str], float, str, int], ...] = (
    (re.compile(_NUM + r"\s*mph\b"), KM_PER_MILE, "km/h", 0),
    (re.compile(_NUM + r"\s*(?:mi|miles)\b(?!/)"), KM_PER_MILE, "km", 0),
    (re.compile(_NUM + r"\s*(?:ft|feet)\b"), 1 / FT_PER_M, "m", 1),
    (re.compile(_NUM + r"\s*(?:lb|lbs)\b"), KG_PER_LB, "kg", 0),
)


def in_units(text: str, units: str) -> str:
    """A check's reason in the user's units: in metric, '70 mph' reads '113 km/h', '1,200 mi'
    reads '1,931 km', '7 ft' reads '2.1 m' and '1,000 lb' reads '454 kg'. US text is unchanged."""
    if units != "metric":
        return text

    def dims(m: re.Match[str]) -> str:  # '18 x 8.5 ft': both sides are feet
        a, b = (float(m.group(i).replace(",", "")) / FT_PER_M for i in (1, 2))
        return f"{a:.1f} x {b:.1f} m"

    text = _FT_DIMS.sub(dims, text)
    for pattern, factor, unit, digits in _METRIC_RULES:

        def convert(
            m: re.Match[str], factor: float = factor, unit: str = unit, d: int = digits
        ) -> str:
            value = float(m.group(1).replace(",", "")) * factor
            return f"{value:,.{d}f} {unit}"

        text = pattern.sub(convert, text)
    return text


# -- plain language: the terms every view uses -----------------------------------------------------

GLOSSARY = {
    "P10–P90": (
        "The range the uncertain inputs give: in 8 runs of 10 the figure lies between P10 and "
        "P90; 1 in 10 comes out lower than P10 and 1 in 10 higher than P90."
    ),
    "median": (
        "The figure shown is the median of the model's runs (draws): half come out higher, half "
        "lower, and it always lies inside the P10–P90 range shown beside it."
    ),
    "draws": (
        "The model is run thousands of times (draws), each time with every uncertain input "
        "picked from its range. 'In 87% of paired draws' means: in 87 of every 100 runs, with "
        "the same inputs for both vehicles, this one came out cheaper."
    ),
    "seed": (
        "The starting number of the random draws. The same scenario with the same seed always "
        "gives the same figures, so a result can be checked and reproduced."
    ),
    "binding constraint": (
        "The first check that fails: what stands in the way first. Fix it and the next failing "
        "check (if any) binds."
    ),
    "FMVSS": (
        "Federal Motor Vehicle Safety Standards: the crash and equipment rules every new road "
        "vehicle sold in the US must meet. Most kei cars are not built to them."
    ),
    "a month": (
        "The whole cost of owning the vehicle (purchase less resale, fuel, insurance, repairs, "
        "taxes, financing) spread evenly over the months you keep it. Not a loan payment."
    ),
    "deaths per 10,000 owners": (
        "Out of 10,000 people who own and drive this vehicle as you would for the years you keep "
        "it, how many would be expected to die in crashes: aboard (you and your passengers) and "
        "others (people in other vehicles, on foot or on bicycles)."
    ),
}

HOW_TO_READ = (
    "<b>How to read this.</b> The sentence at the top compares your first vehicle with the "
    "second in words. Each card gives one vehicle's <b>cost a month</b> (the whole cost of "
    "owning it spread over the months you keep it, not a loan payment), its total over the "
    "years you keep it, and the <b>P10–P90</b> range (8 in 10 of the model's runs fall inside "
    "it). Every figure is the <b>median</b> of thousands of runs (draws) with the uncertain "
    "inputs varied; the <b>seed</b> in the status bar makes them reproducible. <b>Deaths per "
    "10k owners</b> counts expected crash deaths among 10,000 owners over the years kept, "
    "aboard and among others. The last line of a card is the feasibility verdict: ✓ Pass, "
    "! Warning or ✗ Fail, with the <b>binding constraint</b> (the first check that fails). "
    "Hover over any figure or input for where it comes from; every source is in the Sources tab."
)


def seed_tooltip(draws: int, seed: int) -> str:
    return f"{draws:,} draws: {GLOSSARY['draws']} Seed {seed}: {GLOSSARY['seed']}"


# Every Policy-tab lever in plain words (what it changes, and the law today).
LEVER_TIPS = {
    "kei_class": (
        "A new federal vehicle class for kei cars, kei trucks and quadricycles: registrable in "
        "every state, on roads posted up to the class's speed cap. No such class exists today."
    ),
    "kei_cap": "The highest posted speed limit on which the federal kei class may drive.",
    "msv_class": (
        "A federal medium-speed class: low- and medium-speed vehicles and quadricycles may use "
        "roads up to its cap. Today only some states have such a class."
    ),
    "msv_cap": "The highest posted speed limit on which the medium-speed class may drive.",
    "import_age": (
        "How old a vehicle must be to enter the US without meeting FMVSS. 25 years is the law "
        "today (49 CFR 591.5(i))."
    ),
    "tariff_truck": (
        "Import duty on light trucks from Japan (the 'chicken tax' is 25% today), as a percent "
        "of the customs value."
    ),
    "tariff_car": "Import duty on passenger cars from Japan, as a percent of the customs value.",
    "incentive": (
        "A purchase incentive for microcars, in dollars, added to any that exist (none today)."
    ),
    "ev_incentive": (
        "A purchase incentive for electric vehicles, in dollars (the federal EV credit ended for "
        "vehicles acquired after 2025-09-30)."
    ),
    "allow_state": (
        "Let the chosen state register kei vehicles for road use as if its law allowed them."
    ),
    "urban": (
        "Lower posted speeds on local, collector and arterial streets by this many mph: slower "
        "traffic makes crashes less deadly and lets slow vehicles use more roads."
    ),
    "fleet": (
        "Shift the share of pickups and SUVs in traffic by this many percentage points: heavier "
        "partners make crashes deadlier for small cars."
    ),
    "volume": (
        "How many kei-class vehicles a year would be built or certified for the US: the fixed "
        "cost of certifying is spread over them."
    ),
    "fixed": (
        "The one-off cost of certifying a kei model to US standards (crash tests, engineering), "
        "in millions of dollars."
    ),
    "years": "Over how many years the certification cost is spread.",
}


# -- policy packages -----------------------------------------------------------------------------

_LEVER_WORDS = {
    "federal_kei_class": "federal kei class",
    "kei_class_road_cap_mph": "kei class cap {v:g} mph",
    "federal_msv_class": "federal medium-speed class",
    "msv_class_road_cap_mph": "medium-speed cap {v:g} mph",
    "quadricycle_as_msv": "quadricycles as medium-speed vehicles",
    "import_age_years": "import age {v:g} years",
    "purchase_incentive_usd": "microcar incentive ${v:,.0f}",
    "ev_incentive_usd": "EV incentive ${v:,.0f}",
    "urban_speed_reduction_mph": "urban streets {v:g} mph slower",
    "light_truck_share_shift": "light-truck share {v:+.0%}",
    "us_annual_volume": "US volume {v:,.0f}/yr",
    "certification_fixed_cost_usd": "certification ${v:,.0f}",
    "program_years": "program {v:g} years",
}


def lever_summary(levers: PolicyLevers) -> list[str]:
    """The levers a package changes from the status quo, in words (empty: the status quo)."""
    base = PolicyLevers()
    out: list[str] = []
    for f in dataclasses.fields(PolicyLevers):
        value, default = getattr(levers, f.name), getattr(base, f.name)
        if value == default:
            continue
        if f.name == "tariff_overrides":
            out += [f"{k.removeprefix('duty_rate_')} duty {v:.1%}" for k, v in value.items()]
        elif f.name == "state_overrides":
            out += [f"{state_name(k)}: {v}" for k, v in value.items()]
        elif isinstance(value, bool):
            out.append(_LEVER_WORDS.get(f.name, f.name) if value else f"no {f.name}")
        else:
            out.append(_LEVER_WORDS.get(f.name, f.name + " {v}").format(v=value))
    return out


@dataclass(frozen=True)
class PackageRows:
    """The baseline and each package side by side (the Policy tab's table and the PDF's): one
    column each, one row per figure; a package's cell reads 'value (change against the
    baseline)'."""

    columns: list[str]  # "Baseline", then each package's name
    column_tips: list[str]  # each column's levers in words
    rows: list[str]  # the row labels
    row_tips: list[str]
    cells: list[list[str]]  # [row][column]


PACKAGE_CHEAPER_ROW = "Which is cheaper, microcar or comparator"


def package_rows(cols: Sequence[tuple[str, Result]]) -> PackageRows:
    """Every vehicle's total cost, deaths aboard and others', miles by your fallback and
    feasibility, then which of the first two vehicles is cheaper (the one rule of
    `fmt.cheaper_cell`), for the baseline and each package (`core.engine.evaluate_packages`)."""
    base = cols[0][1]
    rows: list[str] = []
    tips: list[str] = []
    cells: list[list[str]] = []

    def add(label: str, tip: str, values: list[str]) -> None:
        rows.append(label)
        tips.append(tip)
        cells.append(values)

    for v_i, bvr in enumerate(base.vehicles):
        short = fmt.short_name(bvr.vehicle.name, 20)
        metrics: tuple[tuple[str, Callable[[VehicleResult], float], bool], ...] = (
            ("total cost", lambda vr: vr.cost.total_usd.headline, True),
            (
                "deaths aboard /10k",
                lambda vr: vr.safety.occupant_deaths_per_10k_owners.headline,
                False,
            ),
            (
                "others' deaths /10k",
                lambda vr: vr.safety.others_deaths_per_10k_owners.headline,
                False,
            ),
        )
        for what, get, money in metrics:
            b = get(bvr)
            values = []
            for c, (_n, res) in enumerate(cols):
                x = get(res.vehicles[v_i])
                shown = fmt.money(x) if money else fmt.number(x, 2)
                values.append(shown + (f" ({change_text(x, b, money)})" if c > 0 else ""))
            add(f"{short}: {what}", bvr.vehicle.name, values)
        add(
            f"{short}: miles by your fallback",
            bvr.vehicle.name,
            [travel_split(res.vehicles[v_i]) or "none" for _n, res in cols],
        )
        add(
            f"{short}: feasibility",
            bvr.vehicle.name,
            [verdict_cell(res.vehicles[v_i], res.scenario.state) for _n, res in cols],
        )
    add(
        PACKAGE_CHEAPER_ROW,
        GLOSSARY["draws"],
        [fmt.cheaper_cell(res, res.comparisons[0]) if res.comparisons else "–" for _n, res in cols],
    )
    return PackageRows(
        columns=[name for name, _ in cols],
        column_tips=[
            "; ".join(lever_summary(res.scenario.levers) or ["status quo"]) for _n, res in cols
        ],
        rows=rows,
        row_tips=tips,
        cells=cells,
    )


def change_text(value: float, base: float, money: bool) -> str:
    """A package's change against the baseline: '+$1,200', '−0.4', or 'same'."""
    d = value - base
    if abs(d) < (1.0 if money else 0.005):
        return "same"
    sign = "+" if d > 0 else "−"
    return f"{sign}{fmt.money(abs(d))}" if money else f"{sign}{fmt.number(abs(d), 2)}"
