"""The detail tabs under the cards. Each shows one Result (ResultView)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6 import QtWidgets

    from core.result import Result


@runtime_checkable
class ResultView(Protocol):
    """A tab that draws a Result and names its charts for export."""

    def show_result(self, result: Result) -> None: ...

    def charts(self) -> dict[str, QtWidgets.QWidget]: ...
