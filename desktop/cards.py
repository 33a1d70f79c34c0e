"""Headline cards: one per vehicle, the answer to "what does it mean for me" at a glance."""

from __future__ import annotations

from core.result import Result, VehicleResult
from core.units import KM_PER_MILE
from desktop import fmt
from desktop.qt import Qt, QtWidgets, Signal
from desktop.theme import STATUS_COLOUR, STATUS_SYMBOL, STATUS_WORD, VEHICLE_COLOURS


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
        v, c, s, f = vr.vehicle, vr.cost, vr.safety, vr.feasibility
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
            f"<span style='font-size:15pt'><b>{fmt.money(c.per_month_usd.headline)}</b></span>/mo · "
            f"<b>{fmt.money(c.total_usd.headline)}</b> in {c.horizon_years} yr"
        )
        t = c.total_usd
        self.cost_range.setText(
            f"<span style='color:gray'>P10–P90 {fmt.money_range(t)} · {v.as_of[:4]} USD</span>"
        )
        self.cost.setToolTip(
            f"{self._per_distance(c.per_mile_usd.headline)} over {c.horizon_years} years; "
            f"US dollars, resale deducted. {fmt.HEADLINE_NOTE}"
        )
        self.cost_range.setToolTip(
            f"{fmt.HEADLINE_NOTE} Prices in {v.as_of[:4]} US dollars. Vehicle price and source "
            f"as of {v.as_of}: {v.source}"
        )
        occ = s.occupant_deaths_per_10k_owners
        oth = s.others_deaths_per_10k_owners
        self.risk.setText(
            f"Deaths /10k owners: <b>{fmt.number(occ.headline)}</b> aboard "
            f"<span style='color:gray'>({fmt.number(occ.p10)}–{fmt.number(occ.p90)})</span>"
            f", <b>{fmt.number(oth.headline)}</b> others"
        )
        notice = fmt.not_legal_notice(vr, state) if state else None
        # a vehicle that cannot be registered: the notice says it all (every mile is the
        # fallback's); otherwise the share of your miles the fallback serves, if any
        split = "" if notice is not None else fmt.travel_split(vr)
        self.travel.setText(f"<span style='color:gray'>{split}</span>" if split else "")
        self.travel.setVisible(bool(split))
        self.travel.setToolTip(
            "Your travel is the same for every vehicle: the miles this one cannot take ("
            + fmt.travel_reasons(vr)
            + ") are travelled by your fallback, and their cost and risk are counted here."
            if split
            else ""
        )
        self.risk.setToolTip(
            "Per owner, counting all your travel (the vehicle's own miles and any by your "
            "fallback). "
            f"Expected deaths per 10,000 owners over {c.horizon_years} years: "
            f"{fmt.number(occ.headline)} among the vehicle's occupants (P10–P90 "
            f"{fmt.number(occ.p10)}–{fmt.number(occ.p90)}), {fmt.number(oth.headline)} among other "
            "road users (other vehicles' occupants, people on foot and bicycles). Medians of "
            "the Monte Carlo draws."
        )
        status = f.verdict
        sym, word, col = STATUS_SYMBOL[status], STATUS_WORD[status], STATUS_COLOUR[status]
        binding = ""
        chk = f.binding_check
        if chk:
            binding = f": {chk.label}"
            self.verdict.setToolTip(f"{chk.label}: {chk.reason}")
        elif status == "warn":
            warns = [ch.label for ch in f.checks if ch.status == "warn"]
            binding = f": {warns[0]}" + (f" +{len(warns) - 1} more" if len(warns) > 1 else "")
            self.verdict.setToolTip("; ".join(warns))
        else:
            self.verdict.setToolTip("")
        if notice is not None:
            fail_col, fail_sym = STATUS_COLOUR["fail"], STATUS_SYMBOL["fail"]
            self.verdict.setText(
                f"<span style='color:{fail_col}'><b>{fail_sym} {notice}</b></span>"
            )
            self.verdict.setToolTip(notice)
            binding = f": {notice}"
        else:
            self.verdict.setText(f"<span style='color:{col}'><b>{sym} {word}</b></span>{binding}")
        self.setAccessibleName(f"{v.name} summary")
        self.setAccessibleDescription(
            f"{v.name}, {v.class_label}. {fmt.money(c.per_month_usd.headline)} a month, "
            f"{fmt.money(c.total_usd.headline)} over {c.horizon_years} years "
            f"(P10 to P90 {fmt.money_range(c.total_usd)}). Occupant deaths "
            f"{fmt.number(occ.headline)} per 10,000 owners. Feasibility: {word}{binding}."
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
        self.comparison.setTextFormat(Qt.TextFormat.RichText)
        # Fixed heights: cards whose height followed their text would re-lay out the whole
        # window on every recompute (about 8 ms of a slider step).
        line = self.fontMetrics().lineSpacing()
        # ten lines: a card may also say how many of your miles go to your fallback travel
        self.setFixedHeight(line * 10 + 38)
        self.comparison.setFixedHeight(line * 2 + 4)

    def set_units(self, units: str) -> None:
        for card in self.cards:
            card.units = units
        VehicleCard.units = units

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
        self.comparison.setText(fmt.comparisons_summary(result))
        state = result.scenario.state
        self.comparison.setToolTip(
            " ".join(fmt.comparison_sentence(result, c, state) for c in result.comparisons)
        )
