"""The PDF report: cover with the question and verdict, headline table, every chart, the
feasibility scorecard, all assumptions with their sources, date and app version.

Built with QTextDocument + QPdfWriter (no extra dependency); charts are rendered offscreen
from the same tab widgets the window shows.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.export import relevant_sources, your_value_sources
from core.result import Result
from core.version import APP_NAME, __version__
from desktop import fmt, present
from desktop.app import FONT_FAMILY
from desktop.chart_panel import legend_html
from desktop.qt import Qt, QtCore, QtGui, QtWidgets

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
    patterns: dict[str, Qt.BrushStyle] = field(default_factory=dict)  # hatched series, by label


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
                    panel.render_image(900, h),
                    list(panel.legend_entries),
                    panel.summary.text(),
                    dict(panel.legend_patterns),
                )
        tab.close()
    return out


def html_table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows
    )
    return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>"


BRIEF_CHARTS = ("cost_by_category", "cost_cumulative", "safety_own_vs_others")
TOP_DRIVERS = 10
PAGE_BREAK = "<div style='page-break-before: always'></div>"
BRIEF_CHART_WIDTH = 255  # two side by side within the text width (DETAIL_CHART_WIDTH fills it)
DETAIL_CHART_WIDTH = 520


def _chart_block(
    doc: QtGui.QTextDocument, name: str, chart: RenderedChart, width: int, break_before: bool
) -> str:
    """A chart with its heading, legend and summary; a page break before it (when asked) keeps
    the heading on the page of its chart."""
    url = QtCore.QUrl(f"chart://{name}.png")
    doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, url, chart.image)
    legend = legend_html(chart.legend, chart.patterns)  # hatched like its bars, as in the app
    return (
        (PAGE_BREAK if break_before else "")
        + f"<h3>{html.escape(CHART_TITLES.get(name, name))}</h3>"
        f"<p><img src='chart://{name}.png' width='{width}'></p>"
        f"<p style='font-size:8pt'>{legend}</p><p>{html.escape(chart.summary)}</p>"
    )


def report_html(
    result: Result,
    images: dict[str, RenderedChart],
    doc: QtGui.QTextDocument,
    packages: Sequence[tuple[str, Result]] = (),
) -> str:
    """The report as HTML: a two-page brief (the question, the verdict sentence, the headline
    table and the three key charts), then the detail (other charts, packages, scorecards, the
    assumptions you changed and the top cost drivers). The full assumptions list is the
    assumptions CSV export. `packages` are the baseline and package results the caller already
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
    # -- the brief: pages 1 and 2 ------------------------------------------------------------
    parts = [
        f"<h1>{APP_NAME}: {html.escape(sc.name or 'scenario report')}</h1>",
        f"<p><i>{html.escape(question)}</i></p>",
        f"<p style='font-size:12pt'><b>{html.escape(present.verdict_sentence(result))}</b></p>",
        "<h2>Headline figures</h2>",
        html_table(list(present.HEADLINE_HEADERS), present.headline_rows(result)),
    ]
    for vr in result.vehicles:
        # a vehicle that cannot be registered never reads as cheap and safe; every mile served
        notice = present.not_legal_notice(vr, sc.state)
        split = present.travel_split(vr)
        if notice is not None:
            parts.append(f"<p>{present.status_html('fail', f'{vr.vehicle.name}: {notice}.')}</p>")
        elif split:
            parts.append(
                f"<p>{html.escape(vr.vehicle.name)}: every mile of your travel is counted: "
                f"{html.escape(split)}; by reason: {html.escape(present.travel_reasons(vr))}.</p>"
            )
    for cmp in result.comparisons:
        parts.append(f"<p>{html.escape(present.comparison_sentence(result, cmp, sc.state))}</p>")
    fallback = micro.mobility.fallback_label.lower() if micro.mobility else "fallback"
    parts.append(
        "<p style='font-size:7pt'>Medians of the Monte Carlo draws; P10–P90: 8 in 10 draws "
        "fall inside. Costs over the years kept, resale deducted; 'per month' spreads the whole "
        "cost over the months kept (not a loan payment). Deaths per 10,000 owners over the "
        "years kept. Every vehicle serves the same travel: the miles a vehicle cannot take "
        "(roads it may not use, roads faster than it can go, days longer than its range, or "
        "every mile when it cannot be registered) are travelled by your fallback "
        f"({html.escape(fallback)}), and their cost and risk are counted.</p>"
    )
    parts.append(
        f"<p style='color:gray'>{today} · {APP_NAME} {__version__} · {sc.draws:,} Monte Carlo "
        f"draws, seed {sc.seed} (the same seed gives the same figures)</p>"
    )
    # page 2: the three key charts together, the two cost charts side by side
    key = [n for n in BRIEF_CHARTS if n in images]
    pair, rest_key = key[:2], key[2:]
    cells = "".join(
        f"<td width='50%' valign='top'>"
        f"{_chart_block(doc, n, images[n], BRIEF_CHART_WIDTH, False)}</td>"
        for n in pair
    )
    parts.append(PAGE_BREAK + f"<table width='100%' cellspacing='0'><tr>{cells}</tr></table>")
    for n in rest_key:
        parts.append(_chart_block(doc, n, images[n], DETAIL_CHART_WIDTH, False))
    # -- the detail -----------------------------------------------------------------------------
    # two charts a page, each pair from the top of a page, so no heading is left behind
    rest = [n for n in images if n not in BRIEF_CHARTS]
    for i, name in enumerate(rest):
        head = PAGE_BREAK + "<h2>Detail: more charts</h2>" if i == 0 else ""
        block = _chart_block(doc, name, images[name], DETAIL_CHART_WIDTH, i % 2 == 0 and i > 0)
        parts.append(head + block)
    if sc.packages and packages:
        parts.append(PAGE_BREAK + "<h2>Policy packages, side by side (if they were law)</h2>")
        parts.append(
            "<p>What each package would mean if it were enacted; the baseline is the law as "
            "configured, and each package's change against it is in brackets. Every column "
            "serves the same travel: a package that opens more roads moves miles from your "
            "fallback to the microcar. 'Cheaper' is said only of a vehicle cheaper in more than "
            "half the paired draws.</p>"
        )
        pr = present.package_rows(packages)  # the Policy tab's table
        parts.append(
            html_table(
                ["", *pr.columns],
                [[label, *cells] for label, cells in zip(pr.rows, pr.cells, strict=True)],
            )
        )
    for i, vr in enumerate(result.vehicles):
        # one vehicle a page: its heading always starts the page its table is on
        title = "<h2>Feasibility scorecard</h2>" if i == 0 else ""
        parts.append(PAGE_BREAK + title + f"<h3>{html.escape(vr.vehicle.name)}</h3>")
        parts.append(
            html_table(
                ["Result", "Check", "Why", "Confidence, as of"],
                [
                    [
                        present.status_text(c.status),
                        c.label,
                        c.reason,
                        f"{c.confidence}, {c.as_of}",
                    ]
                    for c in vr.feasibility.checks
                ],
            )
        )
    mine = your_value_sources(result)
    if mine:
        parts.append(PAGE_BREAK + "<h2>Your numbers</h2>")  # a heading starts its page
        parts.append(
            "<p>Figures you typed for a vehicle replace the model's; the default and its source "
            "are shown beside each.</p>"
        )
        parts.append(
            html_table(
                ["What", "Your value (default)", "Unit", "Source of the default", "As of"],
                [[e.label, e.value, e.unit, e.source, e.as_of] for e in mine],
            )
        )
    parts.append(PAGE_BREAK + "<h2>What moves the cost most</h2>")
    parts.append(
        f"<p>The top {TOP_DRIVERS} cost drivers of each vehicle: its total with one input at "
        "its low and at its high value, the others at their central values.</p>"
    )
    drivers = []
    for vr in result.vehicles:
        for bar in list(vr.cost.tornado)[:TOP_DRIVERS]:
            drivers.append(
                [
                    fmt.short_name(vr.vehicle.name, 24),
                    present.input_label(bar.label, vr),
                    fmt.money(bar.output_at_low),
                    fmt.money(bar.output_at_high),
                ]
            )
    parts.append(html_table(["Vehicle", "Input", "Total at low", "Total at high"], drivers))
    parts.append(PAGE_BREAK + "<h2>Assumptions and sources</h2>")  # never stranded at a page foot
    changed = [e for e in relevant_sources(result) if e.user_set]
    parts.append(
        "<p>Every default figure, with its value, source, as-of date and confidence, is in the "
        "assumptions CSV (File ▸ Export ▸ All assumptions and sources, or "
        "<tt>keiwhatif report --assumptions-csv</tt>) and in the app's Sources tab. "
        + (
            "The figures you changed:</p>"
            if changed
            else "You changed none of them: every figure is the documented default.</p>"
        )
    )
    if changed:
        parts.append(
            html_table(
                ["What", "Your value", "Unit", "Default source (as of)"],
                [[e.label, e.value, e.unit, f"{e.source} ({e.as_of})"] for e in changed],
            )
        )
    return "".join(parts)


TABLE_HEAD_BG = "#e8edf2"


def _document(
    point_size: float, headings: tuple[float, float] | None = None
) -> QtGui.QTextDocument:
    """A report document: the report font at `point_size`; with `headings` (h1, h2 point sizes)
    the report style sheet (heading sizes and shaded table headers)."""
    doc = QtGui.QTextDocument()
    font = QtGui.QFont(FONT_FAMILY)  # the bundled font: every glyph the reports use
    font.setPointSizeF(point_size)
    doc.setDefaultFont(font)
    if headings is not None:
        h1, h2 = headings
        doc.setDefaultStyleSheet(
            f"h1 {{ font-size: {h1:g}pt; }} h2 {{ font-size: {h2:g}pt; }} "
            f"th {{ background: {TABLE_HEAD_BG}; }}"
        )
    return doc


def write_pdf(
    result: Result,
    path: str | Path,
    images: dict[str, RenderedChart] | None = None,
    packages: Sequence[tuple[str, Result]] = (),
) -> None:
    """Write the report as PDF (Letter, 15 mm margins), atomically."""

    images = images if images is not None else render_charts(result)
    doc = _document(9, (18, 13))
    doc.setHtml(report_html(result, images, doc, packages))
    _print_pdf(doc, path, f"{APP_NAME} report")


def write_summary_pdf(result: Result, path: str | Path, qr: QtGui.QImage | None = None) -> None:
    """The kiosk take-away: one page with the headline figures and the QR code."""

    sc = result.scenario
    doc = _document(9)
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
                present.verdict_short_text(vr, sc.state, reason=False),
            ]
        )
    parts = [
        f"<h1>{APP_NAME}: your summary</h1>",
        f"<p>{html.escape(sc.state)} · {sc.annual_miles:,.0f} miles a year · kept {sc.years} years · "
        f"{_dt.date.today().isoformat()}</p>",
        f"<p><b>{html.escape(present.verdict_sentence(result))}</b></p>",
        html_table(
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
    # what stands in the way, fails first; the passes are counted (the page stays one page)
    checks = micro.feasibility.checks
    for c in sorted((c for c in checks if c.status != "pass"), key=lambda c: c.status != "fail"):
        parts.append(
            f"<li>{present.symbol(c.status)} <b>{html.escape(c.label)}</b>: {html.escape(c.reason)}</li>"
        )
    passed = sum(c.status == "pass" for c in checks)
    parts.append(f"<li>{present.symbol('pass')} {passed} other checks pass</li></ul>")
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

    doc = _document(8, (15, 11))
    tiles = StateTileMap()
    tiles.resize(900, 560)
    tiles.set_status(tile_statuses(map_values(sweep, package, "legal_share"), "legal_share"), "")  # type: ignore[arg-type]
    url = QtCore.QUrl("brief://legal_map.png")
    doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, url, tiles.grab().toImage())
    doc.setHtml(brief_html(package, sweep, nation, business, catalog, answers, url.toString()))
    _print_pdf(doc, path, f"{APP_NAME} package brief: {package}")
