"""The ``plan`` command. Each module registers its commands on the one Typer app."""

from . import change, read, report  # noqa: F401  (registers the commands)
from .app import app


def main() -> None:
    app(prog_name="plan")
