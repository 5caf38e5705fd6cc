"""The analysis command runs on the run files of every named scenario (e2e.run_every_scenario)
and fails clearly on bad input."""
import os
import pathlib

import pytest

from analysis_helpers import cli

RUN_DIR = pathlib.Path(os.environ.get("ECOSIM_E2E_DIR", ""))
RUN_FILES = sorted(RUN_DIR.glob("*.h5")) if RUN_DIR.is_dir() else []


@pytest.mark.skipif(not RUN_FILES, reason="needs e2e.run_every_scenario")
def test_compare_prints_every_scenario_and_the_region():
    result = cli("compare", *RUN_FILES[:3], "--horizons", "total")
    assert result.returncode == 0, result.stderr
    for path in RUN_FILES[:3]:
        assert path.stem.split("_seed")[0] in result.stdout
    assert "Drammen" in result.stdout


def test_the_command_rejects_files_that_are_not_runs(tmp_path):
    bogus = tmp_path / "bogus.h5"
    bogus.write_text("not hdf5")
    for command in ("compare", "info"):
        result = cli(command, bogus)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert str(bogus) in result.stderr
    missing = cli("info", tmp_path / "missing.h5")
    assert missing.returncode == 2 and "missing.h5" in missing.stderr
