"""Kiosk mode for trade-show booths: ``keiwhatif --kiosk`` (and ``--kiosk-setup`` for the PIN).

Full screen, no chrome, big touch targets; an attract screen, a guided three-step flow, an idle
reset, a take-away (one-page PDF + an offline QR code), and a lockdown no visitor can break.

- :mod:`desktop.kiosk.window`: the window and the flow, the idle reset, the lockdown;
  every evaluation goes through a background worker, never the GUI thread
- :mod:`desktop.kiosk.pages`: the visitor pages and the "needs an operator" notice
- :mod:`desktop.kiosk.operator`: the PIN gate, the keypad and the operator settings page
- :mod:`desktop.kiosk.takeaway`: the QR text and the rate- and size-limited summary PDFs
- :mod:`desktop.kiosk.config`: the settings file
"""

from desktop.kiosk.operator import PinPad
from desktop.kiosk.takeaway import summary_text
from desktop.kiosk.window import KioskWindow, kiosk_from_path, run_kiosk, run_kiosk_setup

__all__ = [
    "KioskWindow",
    "PinPad",
    "kiosk_from_path",
    "run_kiosk",
    "run_kiosk_setup",
    "summary_text",
]
