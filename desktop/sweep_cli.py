"""``keiwhatif sweep SCENARIO.json [--over state,package] [--states TX,CA] [--grid KEY=V1,V2 ...]
[--csv OUT] [--uptake-csv OUT] [--set KEY=VALUE ...]``: the nation sweep, headless.

The same contract as ``keiwhatif report`` (desktop/cli.py): bad input exits 2 with one line on
stderr, an internal error exits 1, output paths are checked before the sweep starts (the input
itself, a file named twice, an empty name, a missing folder are refused) and outputs are written
only once all were produced. ``--csv``
writes the tidy long table (one row per grid point, state, package and vehicle); with no output
option it goes to standard output. ``--uptake-csv`` writes uptake and system outcomes per state
and package (P10 / P50 / P90), with the nation as state "US".
"""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.cli import (
    _ArgumentError,
    _Parser,
    _write_all,
    check_targets,
    load_scenario_arg,
    make_say,
    render_pdf,
    run_with_exit_contract,
)

PROG = "keiwhatif sweep"


def sweep_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Evaluate a scenario and its packages across the states.")
    p.add_argument("scenario", help="scenario JSON file, or - for standard input")
    p.add_argument(
        "--over", default="state,package", help="what to sweep: state, package (default both)"
    )
    p.add_argument("--states", help="comma-separated state codes (default: all 51)")
    p.add_argument(
        "--grid",
        metavar="KEY=V1,V2",
        action="append",
        default=[],
        help="also sweep a scenario field over values, e.g. annual_miles=8000,13476,20000",
    )
    p.add_argument("--csv", metavar="OUT", help="write the tidy table as CSV (- = stdout)")
    p.add_argument("--uptake-csv", metavar="OUT", help="write uptake and outcomes as CSV")
    p.add_argument("--brief", metavar="OUT", help="write the 2-page package brief (PDF)")
    p.add_argument(
        "--brief-package", metavar="NAME", help="the package of the brief (default: the first)"
    )
    p.add_argument("--set", metavar="KEY=VALUE", action="append", default=[])
    return p


def _parse_grid(items: list[str]) -> dict[str, list[Any]]:
    grid: dict[str, list[Any]] = {}
    for item in items:
        key, sep, vals = item.partition("=")
        if not sep or not key.strip() or not vals.strip():
            raise _ArgumentError(f"--grid {item!r}: expected KEY=V1,V2")
        out: list[Any] = []
        for v in vals.split(","):
            try:
                out.append(json.loads(v))
            except ValueError:
                out.append(v)
        grid[key.strip()] = out
    return grid


def _csv(rows: list[dict[str, Any]]) -> bytes:
    from core.nation.sweep import to_frame

    buf = io.StringIO()
    to_frame(rows).to_csv(buf, index=False, lineterminator="\n")
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


_say = make_say(PROG)


def _brief_package(names: Sequence[str], wanted: str | None) -> str:
    """The brief's package: the one asked for, else the first package (the baseline if none)."""
    pkg = wanted or (names[1] if len(names) > 1 else names[0])
    if pkg not in names:
        raise _ArgumentError(f"--brief-package {pkg!r}: one of {', '.join(names)}")
    return pkg


def _brief(sweep: Any, catalog: Any, scenario: Any, pkg: str) -> bytes:
    from core.nation.report import package_brief

    brief = package_brief(sweep, catalog, scenario, pkg)

    def write(out: Path) -> None:
        from desktop.report import write_package_brief_pdf

        write_package_brief_pdf(
            brief.package, sweep, brief.result, brief.business, catalog, out, brief.answers
        )

    return render_pdf(write, PROG)


def run_sweep_cli(argv: Sequence[str]) -> int:
    """The report command's exit contract: 0 ok, 2 bad input, 1 internal error, 130 ^C."""
    return run_with_exit_contract(_run, argv, _say)


def _run(argv: Sequence[str]) -> int:
    args = sweep_parser().parse_args(list(argv))
    from core.data.catalog import load_catalog
    from core.nation.report import outcome_rows
    from core.nation.sweep import package_levers, parse_over, rows, run_sweep

    over = parse_over(args.over)
    named = (("--csv", args.csv), ("--uptake-csv", args.uptake_csv), ("--brief", args.brief))
    targets = check_targets(named, args.scenario, ("--csv", "-"))
    catalog = load_catalog()
    scenario = load_scenario_arg(args.scenario, args.set, catalog)
    states: list[str] | None = None
    if args.states:
        states = [s.strip().upper() for s in args.states.split(",") if s.strip()]
    elif "state" not in over:
        states = [scenario.state]
    levers = package_levers(scenario) if "package" in over else package_levers(scenario)[:1]
    brief_pkg = _brief_package([n for n, _lv in levers], args.brief_package)
    sweep = run_sweep(
        scenario,
        catalog,
        states=states,
        grid=_parse_grid(args.grid),
        with_packages="package" in over,
    )
    outputs = []
    for opt, target in targets:
        if opt == "--csv":
            data = _csv(rows(sweep))
        elif opt == "--uptake-csv":
            data = _csv(outcome_rows(sweep, catalog))
        else:
            data = _brief(sweep, catalog, scenario, brief_pkg)
        outputs.append((opt, target, data))
    _write_all(outputs)
    return 0
