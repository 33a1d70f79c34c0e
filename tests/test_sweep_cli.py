"""keiwhatif sweep refuses a bad output path as the report command does: before the sweep runs,
exit 2, one line on stderr naming the option, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.nation import sweep as sweep_mod
from core.scenario.model import load_preset
from desktop.__main__ import main


@pytest.fixture()
def scenario_file(write_scenario) -> Path:  # type: ignore[no-untyped-def]
    return write_scenario(load_preset("policy_kei_class").with_(draws=100))


@pytest.fixture()
def no_sweep(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad path is refused before any evaluation: the sweep must not start."""

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the sweep ran before the output paths were checked")

    monkeypatch.setattr(sweep_mod, "run_sweep", refuse)


def _refused(capfd: pytest.CaptureFixture[str], argv: list[str], *words: str) -> None:
    rc = main(["sweep", *argv])
    out, err = capfd.readouterr()
    assert rc == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("keiwhatif sweep: ")
    for w in words:
        assert w in lines[0]


@pytest.mark.usefixtures("no_sweep")
def test_output_that_is_the_input_is_refused(
    scenario_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    before = scenario_file.read_bytes()
    _refused(capfd, [str(scenario_file), "--csv", str(scenario_file)], "--csv", "input scenario")
    assert scenario_file.read_bytes() == before


@pytest.mark.usefixtures("no_sweep")
def test_one_file_named_twice_is_refused(
    scenario_file: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    a = str(tmp_path / "a.csv")
    _refused(
        capfd, [str(scenario_file), "--csv", a, "--uptake-csv", a], "--uptake-csv", "--csv", "same"
    )
    assert not Path(a).exists()


@pytest.mark.usefixtures("no_sweep")
def test_empty_name_is_refused_not_written_to_stdout(
    scenario_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _refused(capfd, [str(scenario_file), "--csv", ""], "--csv", "empty file name")


@pytest.mark.usefixtures("no_sweep")
def test_missing_folder_is_refused_before_the_sweep(
    scenario_file: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nowhere" / "u.csv"
    _refused(capfd, [str(scenario_file), "--uptake-csv", str(target)], "--uptake-csv", "folder")


@pytest.mark.usefixtures("no_sweep")
def test_a_folder_as_output_is_refused(
    scenario_file: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _refused(capfd, [str(scenario_file), "--brief", str(tmp_path)], "--brief", "is a folder")


@pytest.mark.usefixtures("no_sweep")
def test_two_outputs_on_stdout_name_the_right_options(
    scenario_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    rc = main(["sweep", str(scenario_file), "--brief", "-", "--csv", "-"])
    _out, err = capfd.readouterr()
    assert rc == 2
    assert err.strip() == "keiwhatif sweep: --csv and --brief both write to standard output"


@pytest.mark.usefixtures("no_sweep")
def test_unknown_brief_package_is_refused_before_the_sweep(
    scenario_file: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _refused(
        capfd,
        [str(scenario_file), "--brief", str(tmp_path / "b.pdf"), "--brief-package", "Nope"],
        "--brief-package",
        "Kei class, 45 mph",
    )


def test_good_paths_still_write(
    scenario_file: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.csv"
    rc = main(["sweep", str(scenario_file), "--states", "TX", "--csv", str(out)])
    assert rc == 0 and capfd.readouterr().err == ""
    # TX x (baseline + 2 packages) x 3 vehicles, and a header
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1 + 3 * 3
