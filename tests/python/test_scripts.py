"""The analysis scripts run on real run files and fail clearly on bad input."""
import os
import pathlib
import subprocess

import pytest

ANALYSIS = pathlib.Path(__file__).resolve().parents[2] / "analysis"
RUN_DIR = pathlib.Path(os.environ.get("ECOSIM_E2E_DIR", ""))
RUN_FILES = sorted(RUN_DIR.glob("*.h5")) if RUN_DIR.is_dir() else []


def run(script, *args):
    return subprocess.run(["/usr/bin/python3", str(ANALYSIS / script), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not RUN_FILES, reason="needs e2e.run_every_scenario")
def test_compare_prints_every_run_and_region():
    result = run("compare.py", *RUN_FILES[:3])
    assert result.returncode == 0, result.stderr
    for path in RUN_FILES[:3]:
        assert path.stem in result.stdout
    assert "Drammen" in result.stdout


@pytest.mark.skipif(not RUN_FILES, reason="needs e2e.run_every_scenario")
def test_seeds_table_groups_runs_by_scenario():
    result = run("seeds_table.py", *RUN_FILES, "--markdown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("| scenario | seeds |")
    assert len(lines) == 2 + len(RUN_FILES)  # one scenario per file here
    assert any(line.startswith("| no_rules |") for line in lines)


def test_scripts_reject_files_that_are_not_runs(tmp_path):
    bogus = tmp_path / "bogus.h5"
    bogus.write_text("not hdf5")
    for script in ("compare.py", "seeds_table.py"):
        result = run(script, bogus)
        assert result.returncode == 2
        assert "not an ecosim run file" in result.stderr
    missing = run("compare.py", tmp_path / "missing.h5")
    assert missing.returncode == 2 and "no such run file" in missing.stderr


def test_scripts_refuse_newer_and_partial_files(tmp_path):
    from analysis_helpers import synthetic_run

    newer = synthetic_run(tmp_path / "newer.h5", 1, {"jobs": [1.0, 2.0]}, version="0.9.0")
    partial = synthetic_run(tmp_path / "partial.h5", 1, {"jobs": [1.0, 2.0]}, complete=False)
    for script in ("compare.py", "seeds_table.py"):
        result = run(script, newer)
        assert result.returncode == 2 and "newer format: written by ecosim 0.9.0" in result.stderr, script
        result = run(script, partial)
        assert result.returncode == 2 and "partial run file" in result.stderr, script
