"""Fixtures of the analysis tests: small real run files and a small real sweep, made by the
ecosim binary named in ECOSIM_BIN during the test run (ctest sets it)."""
import os
import pathlib
import shutil

import pytest

from analysis_helpers import SMALL, ecosim, index_rows, write_index

STEPS = 24
SEEDS = (1, 2, 3)

OPEN_SCENARIO = """# Which question does this scenario answer?
#   What changes in the small world when the municipality co-funds as soon as others bring 10%,
#   without reviewing partners' finances or evaluating projects? (A test strategy.)
base = "small.toml"

[policy.municipality]
min_external_share = 0.1
due_diligence = false
evaluation = false
"""


def faults_bin(ecosim_bin):
    """ecosim with the tests' fault-injection hooks: ECOSIM_FAULTS_BIN (ctest sets it), or
    ecosim_faults beside ECOSIM_BIN."""
    binary = os.environ.get("ECOSIM_FAULTS_BIN") or str(
        pathlib.Path(ecosim_bin).with_name("ecosim_faults")
    )
    if not os.access(binary, os.X_OK):
        pytest.skip(f"{binary}: no ecosim_faults to inject a failing run")
    return binary


@pytest.fixture(scope="session")
def ecosim_bin():
    binary = os.environ.get("ECOSIM_BIN", "")
    if not binary:
        pytest.skip(
            "ECOSIM_BIN is not set: these tests make run files with the ecosim binary (ctest sets it; "
            "or run ECOSIM_BIN=build/release/ecosim pytest ...)"
        )
    if not os.access(binary, os.X_OK):
        pytest.skip(f"ECOSIM_BIN={binary} is not an executable file")
    return binary


@pytest.fixture(scope="session")
def strategy_runs(ecosim_bin, tmp_path_factory):
    """Two strategies (small, small_open) x seeds 1-3, 24 months each: {strategy: [paths]}."""
    folder = tmp_path_factory.mktemp("strategies")
    shutil.copy(SMALL, folder / "small.toml")
    (folder / "small_open.toml").write_text(OPEN_SCENARIO)
    runs = {}
    for strategy in ("small", "small_open"):
        runs[strategy] = [
            ecosim(
                ecosim_bin,
                folder / f"{strategy}.toml",
                folder / "runs" / f"{strategy}_seed{s}.h5",
                s,
                STEPS,
            )
            for s in SEEDS
        ]
    runs["folder"] = folder
    return runs


SWEEP_PARAMETERS = [
    {
        "key": "policy.municipality.min_external_share",
        "lower": 0.1,
        "upper": 0.5,
        "scale": "linear",
    },
    {"key": "region.0.generalised_trust", "lower": 0.4, "upper": 0.8, "scale": "linear"},
]


@pytest.fixture(scope="session")
def real_sweep(ecosim_bin, tmp_path_factory):
    """A 2 x 2 grid sweep of small.toml, 2 replicates with common random numbers, 24 months, made
    by `ecosim sweep` itself (as ecosim_faults, the binary with test hooks); run 7 fails on
    purpose (ECOSIM_SWEEP_FAIL_RUNS) and is recorded as failed."""
    import subprocess

    folder = tmp_path_factory.mktemp("sweep_source")
    shutil.copy(SMALL, folder / "small.toml")
    lines = [
        "[sweep]",
        'scenario = "small.toml"',
        'design = "grid"',
        "levels = 2",
        "replicates = 2",
        "seed = 1",
        "common_random_numbers = true",
        f'set = {{ "simulation.steps" = {STEPS} }}',
    ]
    for p in SWEEP_PARAMETERS:
        lines += [
            "[[parameter]]",
            f'key = "{p["key"]}"',
            f"lower = {p['lower']}",
            f"upper = {p['upper']}",
        ]
    (folder / "grid.toml").write_text("\n".join(lines) + "\n")
    out = tmp_path_factory.mktemp("sweep")
    result = subprocess.run(
        [faults_bin(ecosim_bin), "sweep", str(folder / "grid.toml"), "-o", str(out), "-q"],
        env=dict(os.environ, ECOSIM_SWEEP_FAIL_RUNS="7"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr  # one run failed, the others went on
    return pathlib.Path(out)
