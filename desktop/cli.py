"""``keiwhatif report SCENARIO.json [--json OUT] [--csv OUT] [--ledger-csv OUT] [--pdf OUT]
[--set dotted.key=value ...]``: the same numbers as the app, with no display needed.

``-`` as OUT means standard output. A bad scenario file or a bad --set exits with code 2 and a
one-line message naming the problem.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from core.errors import KeiWhatIfError


def report_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="keiwhatif report", description="Evaluate a scenario file headlessly."
    )
    p.add_argument(
        "scenario", help="scenario JSON file (see docs/scenario.md), or - for standard input"
    )
    p.add_argument("--json", metavar="OUT", help="write the result JSON (docs/result.md)")
    p.add_argument("--csv", metavar="OUT", help="write the results table as CSV")
    p.add_argument("--ledger-csv", metavar="OUT", help="write the per-year cost ledger as CSV")
    p.add_argument("--pdf", metavar="OUT", help="write the PDF report")
    p.add_argument(
        "--set",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="change a field, e.g. annual_miles=20000 or levers.import_age_years=15",
    )
    return p


def _write(out: str, data: bytes) -> None:
    from core.scenario.io import atomic_write_bytes

    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write_bytes(out, data)


def run_report(argv: Sequence[str]) -> int:
    args = report_parser().parse_args(list(argv))
    from core.data.catalog import load_catalog
    from core.engine import evaluate, evaluate_packages
    from core.export import csv_bytes, ledger_rows, result_to_json, results_rows
    from core.scenario.io import (
        ScenarioFileError,
        apply_sets,
        scenario_from_json_text,
        scenario_to_dict,
    )

    try:
        catalog = load_catalog()
        if args.scenario == "-":
            text = sys.stdin.read()
            name = "standard input"
        else:
            path = Path(args.scenario)
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except FileNotFoundError:
                raise ScenarioFileError(path, "the file does not exist") from None
            except (OSError, UnicodeDecodeError) as exc:
                raise ScenarioFileError(path, f"cannot be read ({exc})") from None
            name = str(path)
        scenario = scenario_from_json_text(text, name, catalog)
        if args.set:
            data = apply_sets(scenario_to_dict(scenario), args.set)
            scenario = scenario_from_json_text(json.dumps(data), "--set", catalog)
        result = evaluate(scenario, catalog)
        if not (args.json or args.csv or args.ledger_csv or args.pdf):
            args.json = "-"
        if args.json:
            _write(args.json, result_to_json(result).encode("utf-8"))
        if args.csv:
            _write(args.csv, csv_bytes(*results_rows(result)))
        if args.ledger_csv:
            _write(args.ledger_csv, csv_bytes(*ledger_rows(result)))
        if args.pdf:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from desktop.app import create_app
            from desktop.report import write_pdf

            create_app([sys.argv[0]])
            packages = (
                evaluate_packages(result.scenario, catalog) if result.scenario.packages else []
            )
            if args.pdf == "-":
                import tempfile

                with tempfile.TemporaryDirectory() as tmp:
                    tmp_pdf = Path(tmp) / "report.pdf"
                    write_pdf(result, tmp_pdf, packages=packages)
                    _write("-", tmp_pdf.read_bytes())
            else:
                write_pdf(result, args.pdf, packages=packages)
    except KeiWhatIfError as exc:
        print(f"keiwhatif report: {exc}", file=sys.stderr)
        return 2
    return 0
