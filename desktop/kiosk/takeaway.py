"""The visitor's take-away: the summary as QR text and a one-page PDF for the booth printer.

A booth runs for days: one PDF per visitor per result, taps in quick succession count once,
the folder has a size cap and a free-space floor, names never collide and files are 0600.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import secrets
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from core.data.states import STATE_NAMES
from core.errors import KeiWhatIfError
from core.result import Result
from desktop import fmt
from desktop.qt import QtGui
from desktop.theme import STATUS_WORD

PREFIX = "keiwhatif-summary-"
DEBOUNCE_S = 3.0
MAX_FOLDER_BYTES = 200 * 2**20  # about 1,000 one-page summaries
MIN_FREE_BYTES = 100 * 2**20


def summary_text(res: Result) -> str:
    """The take-away as plain text (for the QR code: readable offline, no URL)."""
    sc = res.scenario
    lines = [
        f"Kei What-If · {STATE_NAMES[sc.state]} · {sc.annual_miles:,.0f} mi/yr · {sc.years} yr"
    ]
    for vr in res.vehicles:
        s = vr.safety
        lines.append(
            f"{vr.vehicle.name}: {fmt.money(vr.cost.total_usd.headline)} "
            f"({fmt.money(vr.cost.per_month_usd.headline)}/mo); deaths/10k owners: "
            f"{fmt.number(s.occupant_deaths_per_10k_owners.headline)} aboard, "
            f"{fmt.number(s.others_deaths_per_10k_owners.headline)} others (all your travel); "
            + (
                fmt.not_legal_notice(vr, sc.state)
                or STATUS_WORD[vr.feasibility.verdict]
                + (f"; {fmt.travel_split(vr)}" if fmt.travel_split(vr) else "")
            )
        )
    return "\n".join(lines)


def qr_pixmap(text: str) -> QtGui.QPixmap:
    import segno

    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buf, kind="png", scale=6, border=2)
    pix = QtGui.QPixmap()
    pix.loadFromData(buf.getvalue(), "PNG")
    return pix


def folder_bytes(folder: Path) -> int:
    total = 0
    for p in folder.glob(f"{PREFIX}*.pdf"):
        try:
            total += p.stat().st_size
        except OSError:
            continue
    return total


class TakeawayRefused(KeiWhatIfError):
    """Why no summary was written (shown to the visitor as a short sentence)."""


class TakeawayWriter:
    """Writes summaries with the booth's limits. ``clock`` is injectable for tests."""

    def __init__(
        self,
        folder: Path,
        clock: Callable[[], float] = time.monotonic,
        max_folder_bytes: int = MAX_FOLDER_BYTES,
        min_free_bytes: int = MIN_FREE_BYTES,
    ) -> None:
        self.folder = folder
        self.clock = clock
        self.max_folder_bytes = max_folder_bytes
        self.min_free_bytes = min_free_bytes
        self._last_tap = -1e18
        self._done_for: int | None = None  # id of the result already printed

    def reset(self) -> None:
        """A new visitor: they may print once."""
        self._done_for = None
        self._last_tap = -1e18

    def write(self, result: Result, result_id: int, qr: QtGui.QImage | None) -> Path:
        from desktop.report import write_summary_pdf

        now = self.clock()
        if now - self._last_tap < DEBOUNCE_S:
            self._last_tap = now
            raise TakeawayRefused("Your summary is on its way.")
        self._last_tap = now
        if self._done_for == result_id:
            raise TakeawayRefused("Your summary is already printing.")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if shutil.disk_usage(self.folder).free < self.min_free_bytes:
                raise TakeawayRefused("The printer is out of room; please ask the staff.")
            if folder_bytes(self.folder) >= self.max_folder_bytes:
                raise TakeawayRefused("The printer queue is full; please ask the staff.")
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = self.folder / f"{PREFIX}{stamp}-{secrets.token_hex(3)}.pdf"
            # claim the name (never overwrite) with owner-only permissions, then fill it
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            try:
                write_summary_pdf(result, path, qr)
                os.chmod(path, 0o600)
            except BaseException:
                path.unlink(missing_ok=True)
                raise
        except TakeawayRefused:
            raise
        except (KeiWhatIfError, OSError) as exc:
            raise TakeawayRefused("Could not print; please ask the staff.") from exc
        self._done_for = result_id
        return path
