"""The PDF report: cover with the question and verdict, headline table, every chart, the
feasibility scorecard, all assumptions with their sources, date and app version.

Built with QTextDocument + QPdfWriter (no extra dependency); charts are rendered offscreen
from the same tab widgets the window shows.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.data.catalog import SourceEntry
from core.data.states import STATE_NAMES
from core.export import your_value_sources
from core.result import Result
from core.version import APP_NAME, __version__
from desktop import fmt
from desktop.qt import QtCore, QtGui, QtWidgets
from desktop.theme import STATUS_SYMBOL, STATUS_WORD

CHART_TITLES = {
    "cost_by_category": "What the money goes to",
    "cost_cumulative": "Cumulative cost over the years kept (P10–P90 band)",
    "cost_tornado": "What moves the total most",
    "safety_own_vs_others": "Risk to occupants against risk imposed on others (per 10,000 owners)",
    "safety_icon_array": "10,000 owners: expected deaths over the years kept",
    "safety_road_mix": "Road mix and miles not legally drivable",
    "feasibility_state_map": "Where the first vehicle may be driven, state by state (today's law)",
}


@dataclass
class RenderedChart:
    image: QtGui.QImage
    legend: list[tuple[str, str]]
    summary: str


def render_charts(result: Result) -> dict[str, RenderedChart]:
    """Render every chart offscreen for a result, each at a fixed report size."""
    from desktop.state_status import state_statuses
    from desktop.tabs.cost_tab import CostTab
    from desktop.tabs.feasibility_tab import FeasibilityTab
    from desktop.tabs.safety_tab import SafetyTab

    out: dict[str, RenderedChart] = {}
    for tab in (CostTab(), SafetyTab(), FeasibilityTab(state_statuses)):
        tab.resize(1500, 600)
        tab.show_result(result)  # type: ignore[attr-defined]
        tab.show()
        QtWidgets.QApplication.processEvents()
        for name, panel in tab.panels().items():  # type: ignore[attr-defined]
            if name in CHART_TITLES:
                h = 520 if name == "feasibility_state_map" else 380
                out[name] = RenderedChart(
                    panel.render_image(900, h), list(panel.legend_entries), panel.summary.text()
                )
        tab.close()
    return out


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows
    )
    return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>"


def report_html(
    result: Result,
    images: dict[str, RenderedChart],
    doc: QtGui.QTextDocument,
    packages: Sequence[tuple[str, Result]] = (),
) -> str:
    """The report as HTML. `packages` are the baseline and package results the caller already
    evaluated (the same ones the Policy tab shows): the report never evaluates anything."""
    sc = result.scenario
    today = _dt.date.today().isoformat()
    names = [vr.vehicle.name for vr in result.vehicles]
    micro = result.vehicles[0]
    question = (
        f"What would owning a {micro.vehicle.name} ({micro.vehicle.class_label}) mean against "
        + (", ".join(names[1:]) if len(names) > 1 else "the alternatives")
        + f", driving {sc.annual_miles:,.0f} miles a year in {sc.state} for {sc.years} years?"
    )
    parts = [
        f"<h1>{APP_NAME}: {html.escape(sc.name or 'scenario report')}</h1>",
        f"<p><i>{html.escape(question)}</i></p>",
    ]
    for vr in result.vehicles:
        f = vr.feasibility
        binding = ""
        chk = f.binding_check
        if chk:
            binding = f" Binding constraint: {html.escape(chk.label)} ({html.escape(chk.reason)})"
        notice = fmt.not_legal_notice(vr, sc.state)
        split = fmt.travel_split(vr)
        if notice is not None:
            parts.append(
                f"<p><b style='color:#D55E00'>✗ {html.escape(vr.vehicle.name)}: {html.escape(notice)}.</b></p>"
            )
        parts.append(
            f"<p><b>{html.escape(vr.vehicle.name)}</b>: {fmt.money(vr.cost.total_usd.headline)} over {sc.years} years "
            f"({fmt.money(vr.cost.per_month_usd.headline)} a month, P10–P90 {fmt.money_range(vr.cost.total_usd)}); "
            f"feasibility <b>{STATUS_SYMBOL[f.verdict]} {STATUS_WORD[f.verdict]}</b>.{binding}"
            + (
                f" Every mile of your travel is counted: {html.escape(split)}; by reason: "
                f"{html.escape(fmt.travel_reasons(vr))}."
                if split
                else ""
            )
            + "</p>"
        )
    for cmp in result.comparisons:
        parts.append(f"<p>{html.escape(fmt.comparison_sentence(result, cmp, sc.state))}</p>")
    parts.append(
        f"<p style='color:gray'>{today} · {APP_NAME} {__version__} · {sc.draws:,} Monte Carlo draws, seed {sc.seed}</p>"
    )
    parts.append("<h2>Headline figures</h2>")
    rows = []
    for vr in result.vehicles:
        c, s = vr.cost, vr.safety
        rows.append(
            [
                vr.vehicle.name,
                f"{fmt.money(c.total_usd.headline)} ({fmt.money_range(c.total_usd)})",
                fmt.money(c.per_month_usd.headline),
                fmt.money(c.per_mile_usd.headline, 2),
                f"{fmt.number(s.occupant_deaths_per_10k_owners.headline, 2)} ({fmt.number(s.occupant_deaths_per_10k_owners.p10, 2)}–{fmt.number(s.occupant_deaths_per_10k_owners.p90, 2)})",
                fmt.number(s.others_deaths_per_10k_owners.headline, 2),
                fmt.percent(s.miles_not_legally_drivable_share),
                fmt.travel_split(vr) or "none",
                "Not legal to register"
                if fmt.not_legal_notice(vr, sc.state)
                else STATUS_WORD[vr.feasibility.verdict],
            ]
        )
    parts.append(
        _table(
            [
                "Vehicle",
                "Total cost (P10–P90)",
                "Per month",
                "Per mile of your travel",
                "Occupant deaths /10k owners (all your travel)",
                "Others' deaths /10k owners",
                "Miles not legal",
                "Miles by your fallback",
                "Feasibility",
            ],
            rows,
        )
    )
    parts.append(
        "<p>Every vehicle serves the same travel: the miles a vehicle cannot take (roads it may "
        "not use, roads faster than it can go, days longer than its range, or every mile when it "
        "cannot be registered) are travelled by your fallback "
        f"({html.escape(micro.mobility.fallback_label.lower() if micro.mobility else 'fallback')}"
        "), and their cost (substitute travel) and risk are counted. Costs and deaths are per "
        "owner over the years kept; per-mile figures are per mile of your travel.</p>"
    )
    if sc.packages and packages:
        parts.append("<h2>Policy packages, side by side (if they were law)</h2>")
        parts.append(
            "<p>What each package would mean if it were enacted; the baseline is the law as "
            "configured. Every column serves the same travel: a package that opens more roads "
            "moves miles from your fallback to the microcar.</p>"
        )
        rows = []
        for name, res in packages:
            vr = res.vehicles[0]
            f = vr.feasibility
            first = res.comparisons[0] if res.comparisons else None
            binding = f.binding_check.label if f.binding_check else "none"
            rows.append(
                [
                    name,
                    f"{fmt.money(vr.cost.total_usd.headline)} ({fmt.money_range(vr.cost.total_usd)})",
                    fmt.percent(first.p_a_cheaper) if first else "–",
                    fmt.number(vr.safety.occupant_deaths_per_10k_owners.headline, 2),
                    fmt.number(vr.safety.others_deaths_per_10k_owners.headline, 2),
                    fmt.percent(vr.mobility.fallback_share) if vr.mobility else "–",
                    f"{STATUS_SYMBOL[f.verdict]} {STATUS_WORD[f.verdict]}",
                    binding,
                ]
            )
        parts.append(
            _table(
                [
                    "Package",
                    f"{micro.vehicle.name}: total cost",
                    "Cheaper than the first comparator in",
                    "Occupant deaths /10k",
                    "Others' deaths /10k",
                    "Its miles by your fallback",
                    "Feasibility",
                    "Binding constraint",
                ],
                rows,
            )
        )
    parts.append("<h2>Charts</h2>")
    for name, chart in images.items():
        url = QtCore.QUrl(f"chart://{name}.png")
        doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, url, chart.image)
        legend = " &nbsp; ".join(
            f"<span style='background:{c}; color:{c}'>&#9632;&#9632;</span> {html.escape(lab)}"
            for lab, c in chart.legend
        )
        parts.append(
            f"<h3>{html.escape(CHART_TITLES.get(name, name))}</h3><p><img src='chart://{name}.png' width='600'></p>"
            f"<p style='font-size:8pt'>{legend}</p><p>{html.escape(chart.summary)}</p>"
        )
    parts.append("<h2>Feasibility scorecard</h2>")
    for vr in result.vehicles:
        parts.append(f"<h3>{html.escape(vr.vehicle.name)}</h3>")
        parts.append(
            _table(
                ["Result", "Check", "Why", "Confidence", "Source (as of)"],
                [
                    [
                        f"{STATUS_SYMBOL[c.status]} {STATUS_WORD[c.status]}",
                        c.label,
                        c.reason,
                        c.confidence,
                        f"{c.source} ({c.as_of})",
                    ]
                    for c in vr.feasibility.checks
                ],
            )
        )
    mine = your_value_sources(result)
    if mine:
        parts.append("<h2>Your numbers</h2>")
        parts.append(
            "<p>Figures you typed for a vehicle replace the model's; the default and its source "
            "are shown beside each.</p>"
        )
        parts.append(
            _table(
                ["What", "Your value (default)", "Unit", "Source of the default", "As of"],
                [[e.label, e.value, e.unit, e.source, e.as_of] for e in mine],
            )
        )
    parts.append("<h2>Assumptions and sources</h2>")
    parts.append(
        "<p>Every default figure in use, with its source and as-of date. Values you changed are marked “your value”.</p>"
    )
    parts.append(
        _table(
            ["Id", "What", "Value", "Unit", "Confidence", "Source", "As of"],
            [_source_row(e) for e in _relevant_sources(result)],
        )
    )
    return "".join(parts)


def _relevant_sources(result: Result) -> list[SourceEntry]:
    ids = {vr.vehicle.id for vr in result.vehicles}
    out = []
    for e in result.catalog.sources():
        if e.kind == "vehicle" and e.id not in ids:
            continue
        out.append(e)
    return out


def _source_row(e: SourceEntry) -> list[str]:
    return [
        e.id,
        e.label,
        e.value,
        e.unit,
        "your value" if e.user_set else e.confidence,
        e.source,
        e.as_of,
    ]


def write_pdf(
    result: Result,
    path: str | Path,
    images: dict[str, RenderedChart] | None = None,
    packages: Sequence[tuple[str, Result]] = (),
) -> None:
    """Write the report as PDF (Letter, 15 mm margins), atomically."""

    images = images if images is not None else render_charts(result)
    doc = QtGui.QTextDocument()
    font = QtGui.QFont("DejaVu Sans")
    font.setPointSizeF(9)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(
        "h1 { font-size: 18pt; } h2 { font-size: 13pt; } th { background: #e8edf2; }"
    )
    doc.setHtml(report_html(result, images, doc, packages))
    _print_pdf(doc, path, f"{APP_NAME} report")


def write_summary_pdf(result: Result, path: str | Path, qr: QtGui.QImage | None = None) -> None:
    """The kiosk take-away: one page with the headline figures and the QR code."""

    sc = result.scenario
    doc = QtGui.QTextDocument()
    font = QtGui.QFont("DejaVu Sans")
    font.setPointSizeF(9)
    doc.setDefaultFont(font)
    rows = []
    for vr in result.vehicles:
        s = vr.safety
        rows.append(
            [
                vr.vehicle.name,
                fmt.money(vr.cost.total_usd.headline),
                fmt.money(vr.cost.per_month_usd.headline),
                fmt.number(s.occupant_deaths_per_10k_owners.headline),
                fmt.number(s.others_deaths_per_10k_owners.headline),
                # the reason is the failing check in "what to check" just below
                f"✗ Not legal to register in {STATE_NAMES.get(sc.state, sc.state)}"
                if fmt.not_legal_notice(vr, sc.state)
                else f"{STATUS_SYMBOL[vr.feasibility.verdict]} {STATUS_WORD[vr.feasibility.verdict]}",
            ]
        )
    parts = [
        f"<h1>{APP_NAME}: your summary</h1>",
        f"<p>{html.escape(sc.state)} · {sc.annual_miles:,.0f} miles a year · kept {sc.years} years · "
        f"{_dt.date.today().isoformat()}</p>",
        _table(
            [
                "Vehicle",
                f"{sc.years}-year cost",
                "Per month",
                "Deaths /10k owners (aboard)",
                "Others",
                "Can you drive it?",
            ],
            rows,
        ),
    ]
    micro = result.vehicles[0]
    parts.append(f"<h3>{html.escape(micro.vehicle.name)}: what to check</h3><ul>")
    for c in micro.feasibility.checks:
        parts.append(
            f"<li>{STATUS_SYMBOL[c.status]} <b>{html.escape(c.label)}</b>: {html.escape(c.reason)}</li>"
        )
    parts.append("</ul>")
    if qr is not None and not qr.isNull():
        doc.addResource(
            QtGui.QTextDocument.ResourceType.ImageResource, QtCore.QUrl("qr://code.png"), qr
        )
        parts.append(
            "<p><img src='qr://code.png' width='140'></p><p>Scan for this summary as text.</p>"
        )
    parts.append(
        f"<p style='color:gray; font-size:8pt'>Ranges, sources and assumptions: the full app. {APP_NAME} {__version__}.</p>"
    )
    doc.setHtml("".join(parts))
    _print_pdf(doc, path, f"{APP_NAME} summary")


def _print_pdf(doc: QtGui.QTextDocument, path: str | Path, title: str) -> None:
    """Print a document to PDF (US Letter, 15 mm margins) in memory, then write it atomically."""
    from core.scenario.io import atomic_write_bytes

    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    writer = QtGui.QPdfWriter(buf)
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.Letter))
    writer.setPageMargins(QtCore.QMarginsF(15, 15, 15, 15), QtGui.QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator(f"{APP_NAME} {__version__}")
    writer.setResolution(150)
    doc.print_(writer)
    del writer  # finishes the PDF
    buf.close()
    atomic_write_bytes(path, bytes(buf.data().data()))


def write_package_brief_pdf(
    package: str,
    sweep: object,
    nation: object,
    business: Sequence[object],
    catalog: object,
    path: str | Path,
    answers: Sequence[object] = (),
) -> None:
    """The 2-page package brief for a legislator (issue 19; HTML in desktop/package_brief.py)."""
    from core.nation.sweep import map_values
    from desktop.package_brief import brief_html
    from desktop.state_map import StateTileMap
    from desktop.tabs.nation_tab import tile_statuses

    doc = QtGui.QTextDocument()
    font = QtGui.QFont("DejaVu Sans")
    font.setPointSizeF(8)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(
        "h1 { font-size: 15pt; } h2 { font-size: 11pt; } th { background: #e8edf2; }"
    )
    tiles = StateTileMap()
    tiles.resize(900, 560)
    tiles.set_status(tile_statuses(map_values(sweep, package, "legal_share"), "legal_share"), "")  # type: ignore[arg-type]
    url = QtCore.QUrl("brief://legal_map.png")
    doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, url, tiles.grab().toImage())
    doc.setHtml(brief_html(package, sweep, nation, business, catalog, answers, url.toString()))
    _print_pdf(doc, path, f"{APP_NAME} package brief: {package}")
