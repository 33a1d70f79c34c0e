"""The one place the version is defined (pyproject, About box, --version and build.spec read it)."""

__version__ = "0.1.0"
APP_NAME = "Kei What-If"
APP_ID = "keiwhatif"
