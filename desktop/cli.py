"""``keiwhatif report SCENARIO.json [--json OUT] [--csv OUT] [--ledger-csv OUT]
[--assumptions-csv OUT] [--pdf OUT]
[--set dotted.key=value ...]``: the same numbers as the app, with no display needed.

The contract (tests/test_hostile_inputs.py holds it):

* ``-`` as OUT means standard output; with no output option the result JSON goes there.
* Any bad input (file, ``--set`` or output path) exits with code 2 and one line on stderr, at
  most ``MAX_MESSAGE`` characters, naming the field or file. Nothing else is ever printed to
  stderr, and there is never a traceback: an internal error exits 1, also with one line.
* Input is capped at the GUI's 5 MB; nesting depth, NaN/Infinity, huge integers, lone
  surrogates and unknown keys are refused at every level.
* Outputs are written only after every one of them has been produced. An output that is the
  input file, or named twice, is refused. Symlinks are followed; special files (``/dev/null``, a
  pipe) are written in place; a regular file is replaced atomically.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import KeiWhatIfError

if TYPE_CHECKING:  # the CLI imports the models only once its arguments are read
    from core.data.catalog import Catalog
    from core.result import Result
    from core.scenario.model import Scenario

MAX_MESSAGE = 200
PROG = "keiwhatif report"


class _ArgumentError(KeiWhatIfError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message)


def report_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Evaluate a scenario file headlessly.")
    p.add_argument(
        "scenario", help="scenario JSON file (see docs/scenario.md), or - for standard input"
    )
    p.add_argument("--json", metavar="OUT", help="write the result JSON (docs/result.md)")
    p.add_argument("--csv", metavar="OUT", help="write the results table as CSV")
    p.add_argument("--ledger-csv", metavar="OUT", help="write the per-year cost ledger as CSV")
    p.add_argument(
        "--assumptions-csv",
        metavar="OUT",
        help="write every assumption (value, source, as-of, confidence) as CSV",
    )
    p.add_argument("--pdf", metavar="OUT", help="write the PDF report")
    p.add_argument(
        "--set",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="change a field, e.g. annual_miles=20000 or levers.import_age_years=15",
    )
    return p


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """A message as one printable line of at most ``limit`` characters."""
    flat = " ".join(text.split())
    flat = flat.encode("utf-8", "backslashreplace").decode("utf-8")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def make_say(prog: str) -> Callable[[str], None]:
    """A command's one-line stderr reporter, written straight to the descriptor (no buffer left
    to fail at exit)."""

    def say(text: str) -> None:
        with contextlib.suppress(OSError):
            os.write(2, (one_line(f"{prog}: {text}") + "\n").encode("utf-8"))

    return say


_say = make_say(PROG)


def _read_input(name: str) -> tuple[str, str]:
    from core.scenario.io import MAX_FILE_BYTES, ScenarioFileError

    if name == "-":
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        where = "standard input"
    else:
        path = Path(name)
        try:
            if path.is_dir():
                raise ScenarioFileError(path, "is a folder, not a scenario file")
            with path.open("rb") as fh:
                raw = fh.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise ScenarioFileError(path, "the file does not exist") from None
        except OSError as exc:
            raise ScenarioFileError(path, f"cannot be read ({exc.strerror or exc})") from None
        where = str(path)
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioFileError(where, f"larger than {MAX_FILE_BYTES:,} bytes: not a scenario")
    try:
        return raw.decode("utf-8-sig"), where
    except UnicodeDecodeError:
        raise ScenarioFileError(where, "not a text file (expected UTF-8 JSON)") from None


def _check_targets(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The report's (option, target) pairs, checked (`check_targets`)."""
    named = (
        ("--json", args.json),
        ("--csv", args.csv),
        ("--ledger-csv", args.ledger_csv),
        ("--assumptions-csv", args.assumptions_csv),
        ("--pdf", args.pdf),
    )
    return check_targets(named, args.scenario, ("--json", "-"))


def check_targets(
    named: Sequence[tuple[str, str | None]], scenario: str, default: tuple[str, str]
) -> list[tuple[str, str]]:
    """(option, target) pairs of the options given (None: not given), after refusing empty
    names, two options on standard output, a file named twice, the input scenario itself, a
    missing folder and a folder; `default` when no option was given. Run before any work, so a
    bad path costs nothing."""
    targets = [(opt, val) for opt, val in named if val is not None]
    if not targets:
        return [default]
    seen: dict[str, str] = {}
    stdout_users = [opt for opt, val in targets if val == "-"]
    if len(stdout_users) > 1:
        raise _ArgumentError(f"{' and '.join(stdout_users)} both write to standard output")
    for opt, val in targets:
        if val == "":
            raise _ArgumentError(f"{opt}: an empty file name (use - for standard output)")
        if val == "-":
            continue
        real = os.path.realpath(val)
        if real in seen:
            raise _ArgumentError(f"{opt} and {seen[real]} name the same file {val!r}")
        seen[real] = opt
        if scenario != "-" and _same_file(val, scenario):
            raise _ArgumentError(f"{opt} {val}: would overwrite the input scenario")
        parent = Path(real).parent
        if not parent.is_dir():
            raise _ArgumentError(f"{opt} {val}: the folder {parent} does not exist")
        if Path(real).is_dir():
            raise _ArgumentError(f"{opt} {val}: is a folder")
    return targets


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _produce(result: Result, opt: str, catalog: Catalog) -> bytes:
    from core.export import assumptions_rows, csv_bytes, ledger_rows, result_to_json, results_rows

    if opt == "--json":
        return result_to_json(result).encode("utf-8")
    if opt == "--csv":
        return csv_bytes(*results_rows(result))
    if opt == "--ledger-csv":
        return csv_bytes(*ledger_rows(result))
    if opt == "--assumptions-csv":
        return csv_bytes(*assumptions_rows(result))
    from core.engine import evaluate_packages

    sc = result.scenario
    packages = evaluate_packages(sc, catalog) if sc.packages else []

    def write(out: Path) -> None:
        from desktop.report import write_pdf

        write_pdf(result, out, packages=packages)

    return render_pdf(write, PROG)


def render_pdf(write: Callable[[Path], None], prog: str) -> bytes:
    """A PDF made headlessly: Qt on its offscreen platform, `write(path)` into a temporary file,
    the bytes returned (nothing is written where the user asked until every output is made)."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.app import create_app
    from desktop.qt import QtCore

    # Qt's offscreen plugin chatters about window hints it lacks; stderr is for errors only
    QtCore.qInstallMessageHandler(_drop_qt_message)
    create_app([sys.argv[0] if sys.argv else prog])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.pdf"
        write(out)
        return out.read_bytes()


def load_scenario_arg(name: str, sets: Sequence[str], catalog: Catalog) -> Scenario:
    """The scenario named on the command line (a file or - for standard input), with each
    --set KEY=VALUE applied."""
    from core.scenario.io import (
        apply_sets,
        scenario_from_data,
        scenario_from_json_text,
        scenario_to_dict,
    )

    text, where = _read_input(name)
    scenario = scenario_from_json_text(text, where, catalog)
    if sets:
        scenario = scenario_from_data(
            apply_sets(scenario_to_dict(scenario), list(sets)), "--set", catalog
        )
    return scenario


def _drop_qt_message(*_args: object) -> None:
    return None


def _write_all(outputs: list[tuple[str, str, bytes]]) -> None:
    """Write every output or (as far as a disk allows) none: regular files are staged next to
    their targets first and renamed only once every one is staged."""
    from core.scenario.io import ScenarioFileError, stage_bytes

    staged: list[tuple[str, object]] = []
    in_place: list[tuple[str, str, bytes]] = []
    try:
        for opt, target, data in outputs:
            if target == "-":
                in_place.append((opt, target, data))
                continue
            real = os.path.realpath(target)
            try:
                mode = os.stat(real).st_mode
            except FileNotFoundError:
                mode = 0
            except OSError as exc:
                raise ScenarioFileError(target, f"{opt}: {exc.strerror or exc}") from None
            if mode and not stat.S_ISREG(mode):
                in_place.append((opt, real, data))  # /dev/null, a pipe, a terminal
            else:
                staged.append((target, stage_bytes(real, data)))
    except BaseException:
        for _t, st in staged:
            st.discard()  # type: ignore[attr-defined]
        raise
    for _t, st in staged:
        st.commit()  # type: ignore[attr-defined]
    for opt, target, data in in_place:
        _write_in_place(opt, target, data)


def _write_in_place(opt: str, target: str, data: bytes) -> None:

    try:
        if target == "-":
            fd, close = 1, False
        else:
            fd, close = os.open(target, os.O_WRONLY | os.O_APPEND), True
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
        finally:
            if close:
                os.close(fd)
    except OSError as exc:
        where = "standard output" if target == "-" else target
        raise _ArgumentError(f"{opt} {where}: could not write ({exc.strerror or exc})") from None


def run_report(argv: Sequence[str]) -> int:
    return run_with_exit_contract(_run, argv, _say)


def run_with_exit_contract(
    run: Callable[[Sequence[str]], int], argv: Sequence[str], say: Callable[[str], None]
) -> int:
    """The headless commands' exit contract: 0 ok, 2 bad input (one line naming the field),
    1 internal error (one line, never a traceback), 130 interrupted."""
    try:
        return run(argv)
    except KeiWhatIfError as exc:
        say(str(exc))
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except (RecursionError, MemoryError) as exc:
        say(f"input too large or too deeply nested ({type(exc).__name__})")
        return 2
    except Exception as exc:  # never a traceback: say what happened in one line
        say(f"internal error: {type(exc).__name__}: {exc}")
        return 1


def _run(argv: Sequence[str]) -> int:
    args = report_parser().parse_args(list(argv))
    from core.data.catalog import load_catalog
    from core.engine import evaluate

    targets = _check_targets(args)
    catalog = load_catalog()
    scenario = load_scenario_arg(args.scenario, args.set, catalog)
    result = evaluate(scenario, catalog)
    outputs = [(opt, target, _produce(result, opt, catalog)) for opt, target in targets]
    _write_all(outputs)
    return 0
