"""Headline cards: one per vehicle, the answer to "what does it mean for me" at a glance."""

from __future__ import annotations

from core.result import Result, VehicleResult
from core.units import KM_PER_MILE
from desktop import fmt, present
from desktop.chart_panel import FitLabel
from desktop.qt import Qt, QtWidgets, Signal
from desktop.theme import VEHICLE_COLOURS


class VehicleCard(QtWidgets.QFrame):
    edit_requested = Signal(str)  # vehicle id: open "Your numbers" for it

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.vehicle_id = ""
        self.setObjectName("vehicleCard")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        colour = VEHICLE_COLOURS[index % len(VEHICLE_COLOURS)]
        self.setStyleSheet(
            f"#vehicleCard {{ border: 1px solid palette(mid); border-top: 5px solid {colour};"
            " border-radius: 6px; background: palette(base); }"
        )
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 8)
        lay.setSpacing(2)
        self.title = QtWidgets.QLabel()
        self.title.setWordWrap(True)
        self.badge = QtWidgets.QLabel()
        self.cost = QtWidgets.QLabel()
        self.cost_range = QtWidgets.QLabel()
        self.risk = QtWidgets.QLabel()
        self.travel = QtWidgets.QLabel()  # the share of your miles the fallback serves, if any
        self.verdict = QtWidgets.QLabel()
        self.verdict.setWordWrap(True)
        # "Your numbers": the buyer's own price, economy, insurance, upkeep, resale, APR
        self.edit = QtWidgets.QToolButton()
        self.edit.setObjectName("yourNumbersButton")
        self.edit.setText(self.tr("✎ Your numbers"))
        self.edit.setAutoRaise(True)
        self.edit.setCursor(Qt.CursorShape.PointingHandCursor)
        self.edit.clicked.connect(lambda: self.edit_requested.emit(self.vehicle_id))
        top = QtWidgets.QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        for w in (
            self.title,
            self.badge,
            self.cost,
            self.cost_range,
            self.risk,
            self.travel,
            self.verdict,
        ):
            w.setTextFormat(Qt.TextFormat.RichText)
            w.setWordWrap(True)
            w.setMinimumWidth(10)
            if w is not self.title:
                lay.addWidget(w)
        lay.addStretch(1)

    units = "us"

    def _per_distance(self, usd_per_mile: float) -> str:
        if self.units == "metric":
            return f"{fmt.money(usd_per_mile / KM_PER_MILE, 2)}/km"
        return f"{fmt.money(usd_per_mile, 2)}/mi"

    def show_vehicle(self, vr: VehicleResult, state: str = "") -> None:
        v, c, s = vr.vehicle, vr.cost, vr.safety
        self.vehicle_id = v.id
        mine = bool(c.your_values)
        self.edit.setToolTip(
            self.tr("Type your own price, fuel economy, insurance quote, upkeep, resale or APR")
            + (self.tr(" (yours in use: %s)") % ", ".join(c.your_values) if mine else "")
        )
        self.edit.setAccessibleName(self.tr("Your numbers for %s") % v.name)
        title = v.name.split(" (")[0] if len(v.name) > 30 else v.name
        self.title.setText(f"<b style='font-size:12pt'>{title}</b>")
        self.title.setToolTip(v.name)
        self.badge.setText(
            f"<span style='background:#dde3ea; color:#1a1a1a;'>&nbsp;{v.class_label}&nbsp;</span>"
            f"&nbsp; <span style='color:gray'>{v.model_year} · {v.origin}"
            f"{' · used' if v.age_years > 0 else ''}</span>"
            + (" <b>· your numbers</b>" if mine else "")
        )
        # every figure here is the headline: the median of the draws, inside its P10-P90
        self.cost.setText(
            f"<span style='font-size:15pt'><b>{fmt.money(c.per_month_usd.headline)}</b></span> a month · "
            f"<b>{fmt.money(c.total_usd.headline)}</b> in {c.horizon_years} yr"
        )
        t = c.total_usd
        self.cost_range.setText(
            f"<span style='color:gray'>P10–P90 {fmt.money_range(t)} · {v.as_of[:4]} USD</span>"
        )
        self.cost.setToolTip(
            f"'a month': {present.GLOSSARY['a month']} "
            f"{self._per_distance(c.per_mile_usd.headline)} over {c.horizon_years} years; "
            f"US dollars, resale deducted. {present.GLOSSARY['median']}"
        )
        self.cost_range.setToolTip(
            f"P10–P90: {present.GLOSSARY['P10–P90']} {present.GLOSSARY['median']} Prices in {v.as_of[:4]} US dollars. Vehicle price and source "
            f"as of {v.as_of}: {v.source}"
        )
        occ = s.occupant_deaths_per_10k_owners
        oth = s.others_deaths_per_10k_owners
        self.risk.setText(
            f"Deaths per 10k owners over {c.horizon_years} yr: <b>{fmt.number(occ.headline)}</b> aboard "
            f"<span style='color:gray'>({fmt.number(occ.p10)}–{fmt.number(occ.p90)})</span>"
            f", <b>{fmt.number(oth.headline)}</b> others"
        )
        notice = present.not_legal_notice(vr, state) if state else None
        # a vehicle that cannot be registered: the notice says it all (every mile is the
        # fallback's); otherwise the share of your miles the fallback serves, if any
        split = "" if notice is not None else present.travel_split(vr)
        self.travel.setText(f"<span style='color:gray'>{split}</span>" if split else "")
        self.travel.setVisible(bool(split))
        self.travel.setToolTip(
            "Your travel is the same for every vehicle: the miles this one cannot take ("
            + present.travel_reasons(vr)
            + ") are travelled by your fallback, and their cost and risk are counted here."
            if split
            else ""
        )
        self.risk.setToolTip(
            f"{present.GLOSSARY['deaths per 10,000 owners']} "
            "Per owner, counting all your travel (the vehicle's own miles and any by your "
            "fallback). "
            f"Expected deaths per 10,000 owners over {c.horizon_years} years: "
            f"{fmt.number(occ.headline)} among the vehicle's occupants (P10–P90 "
            f"{fmt.number(occ.p10)}–{fmt.number(occ.p90)}), {fmt.number(oth.headline)} among other "
            "road users (other vehicles' occupants, people on foot and bicycles). Medians of "
            "the Monte Carlo draws."
        )
        _status, line, tip = present.verdict_label(vr, state)
        self.verdict.setText(present.verdict_line_html(vr, state))
        self.verdict.setToolTip(tip)
        self.setAccessibleName(f"{v.name} summary")
        self.setAccessibleDescription(
            f"{v.name}, {v.class_label}. {fmt.money(c.per_month_usd.headline)} a month, "
            f"{fmt.money(c.total_usd.headline)} over {c.horizon_years} years "
            f"(P10 to P90 {fmt.money_range(c.total_usd)}). Occupant deaths "
            f"{fmt.number(occ.headline)} per 10,000 owners. Feasibility: {line}."
        )


class CardsRow(QtWidgets.QWidget):
    edit_requested = Signal(str)  # vehicle id

    def __init__(self) -> None:
        super().__init__()
        self.lay = QtWidgets.QHBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.cards: list[VehicleCard] = []
        self.comparison = QtWidgets.QLabel()
        self.comparison.setWordWrap(True)
        self.comparison.setToolTip(present.GLOSSARY["draws"])
        # the verdict sentence (issue #18): the first vehicle against the second, in words
        self.sentence = FitLabel()
        self.sentence.setObjectName("verdictSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setToolTip(present.VERDICT_SENTENCE_TIP)
        self.sentence.setAccessibleName("Verdict")
        self.comparison.setTextFormat(Qt.TextFormat.RichText)
        # Fixed heights: cards whose height followed their text would re-lay out the whole
        # window on every recompute (about 8 ms of a slider step).
        line = self.fontMetrics().lineSpacing()
        # ten lines: a card may also say how many of your miles go to your fallback travel
        self.setFixedHeight(line * 10 + 38)
        self.comparison.setFixedHeight(line * 2 + 4)
        bold = self.sentence.font()
        bold.setBold(True)
        self.sentence.setFont(bold)
        self.sentence.setFixedHeight(line * 2 + 4)  # until its first text; then it fits
        self.units = "us"

    def set_units(self, units: str) -> None:
        for card in self.cards:
            card.units = units
        VehicleCard.units = units
        self.units = units

    def show_result(self, result: Result) -> None:
        while len(self.cards) < len(result.vehicles):
            card = VehicleCard(len(self.cards))
            card.edit_requested.connect(self.edit_requested)
            self.cards.append(card)
            self.lay.addWidget(card, 1)
        for i, card in enumerate(self.cards):
            card.setVisible(i < len(result.vehicles))
            if i < len(result.vehicles):
                card.show_vehicle(result.vehicles[i], result.scenario.state)
        self.sentence.setText(present.verdict_sentence(result, self.units))
        self.comparison.setText(present.comparisons_summary(result))
        state = result.scenario.state
        self.comparison.setToolTip(
            " ".join(present.comparison_sentence(result, c, state) for c in result.comparisons)
        )
