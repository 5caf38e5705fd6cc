"""Helpers for the analysis tests: run the command line, write sweep indexes in the contract
of `ecosim sweep` (issue 9), and write small synthetic run files with h5py."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd

REPO = pathlib.Path(__file__).resolve().parents[2]
ANALYSIS = REPO / "analysis"
SMALL = REPO / "tests" / "data" / "small.toml"
PYTHON = sys.executable  # the interpreter ctest runs pytest with (CMake: ECOSIM_PYTHON)


def cli(*args, cwd=None, timeout=120):
    """Run `python3 -m ecosim_analysis ARGS` as a user would; returns CompletedProcess."""
    env = dict(os.environ, PYTHONPATH=str(ANALYSIS), MPLBACKEND="Agg")
    env.pop("ECOSIM_ANALYSIS_DEBUG", None)
    return subprocess.run(
        [PYTHON, "-m", "ecosim_analysis", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


def ecosim(binary, scenario, out, seed, steps, sets=()):
    """Run the simulator; returns the output path."""
    command = [
        binary,
        "run",
        str(scenario),
        "-o",
        str(out),
        "--seed",
        str(seed),
        "--steps",
        str(steps),
        "--quiet",
        "--force",
        "--threads",
        "1",
    ]
    for key, value in sets:
        command += ["--set", f"{key}={value}"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return pathlib.Path(out)


def write_index(
    out,
    table: pd.DataFrame,
    parameters,
    design: str,
    replicates: int,
    crn: bool = True,
    levels=None,
    base_samples=None,
    sweep_text="# test sweep\n",
    csv=True,
    h5=True,
):
    """index.csv and index.h5 as issue 9 specifies. `table` holds run, point, replicate, block,
    position, the parameter columns, seed, status, file, wall_s, error."""
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    keys = [p["key"] for p in parameters]
    table = table[
        [
            "run",
            "point",
            "replicate",
            "block",
            "position",
            *keys,
            "seed",
            "status",
            "file",
            "wall_s",
            "error",
        ]
    ]
    if csv:
        table.to_csv(out / "index.csv", index=False)
    if h5:
        with h5py.File(out / "index.h5", "w") as f:
            g = f.create_group("runs")
            for column in table.columns:
                values = table[column].to_numpy()
                if values.dtype.kind == "O":
                    g.create_dataset(
                        column,
                        data=values.astype(str).astype(object),
                        dtype=h5py.string_dtype("utf-8"),
                    )
                else:
                    g.create_dataset(column, data=values)
            f.attrs["sweep"] = sweep_text
            f.attrs["design"] = design
            f.attrs["parameters"] = json.dumps(parameters)
            f.attrs["replicates"] = replicates
            f.attrs["common_random_numbers"] = int(crn)
            if levels is not None:
                f.attrs["levels"] = levels
            if base_samples is not None:
                f.attrs["base_samples"] = base_samples
    return out


def index_rows(design: pd.DataFrame, statuses=None) -> pd.DataFrame:
    """Complete a design with replicates (from designs.with_replicates) into index rows."""
    rows = design.copy()
    rows["status"] = "done"
    rows["file"] = [f"runs/run_{r:06d}.h5" for r in rows["run"]]
    rows["wall_s"] = 0.01
    rows["error"] = ""
    for run, status in (statuses or {}).items():
        rows.loc[rows["run"] == run, "status"] = status
        rows.loc[rows["run"] == run, "error"] = "" if status == "done" else f"test: {status}"
    return rows


def synthetic_run(
    path,
    seed: int,
    series: dict,
    months: int = 12,
    regions=("Here", "There"),
    complete=True,
    version="0.1.0",
    scenario="# Which question does this scenario answer?\n#   A synthetic test run.\n",
    source="synthetic.toml",
    record_every=1,
):
    """A minimal run file: root attributes, indicators/ with time and region scales, and the
    given indicators (name -> value per region, constant over time, or a (time, region) array)."""
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(path, "w") as f:
        f.attrs.update(
            ecosim_version=version,
            scenario=scenario,
            scenario_source=source,
            seed=seed,
            threads=1,
            steps=months,
            record_every=record_every,
            created="2026-01-01T00:00:00Z",
        )
        if complete:
            f.attrs["complete"] = 1
        g = f.create_group("indicators")
        times = np.arange(record_every, months + 1, record_every, dtype=np.int64)
        time = g.create_dataset("time", data=times)
        time.make_scale("time")
        region = g.create_dataset(
            "region", data=np.array(regions, dtype=object), dtype=h5py.string_dtype("utf-8")
        )
        region.make_scale("region")
        for name, value in series.items():
            value = np.asarray(value, dtype=float)
            data = value if value.ndim == 2 else np.broadcast_to(value, (len(times), len(regions)))
            ds = g.create_dataset(name, data=data)
            ds.attrs["units"] = "1"
            ds.attrs["description"] = f"synthetic {name}"
            ds.dims[0].attach_scale(time)
            ds.dims[1].attach_scale(region)
    return path


def metric_by_run(sweep_folder, metric, horizon):
    """The index rows of a sweep's done runs with `value`: a headline metric over a horizon,
    computed by reading each run file whole (the reference the sweep commands must match)."""
    import ecosim_analysis as ea
    from ecosim_analysis import metrics as M

    sweep = ea.load_sweep(sweep_folder)
    rows = sweep.index[sweep.index.status == "done"]
    runset = ea.load_runs([pathlib.Path(sweep_folder) / f for f in rows["file"]])
    return rows.assign(
        value=M.evaluate(M.HEADLINE_BY_NAME[metric], runset.data, M.parse_horizon(horizon))
    )
