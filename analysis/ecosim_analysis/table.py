"""The table of runs (`ecosim-analysis table`): one row per run, what it is (strategy, seed, the
sweep's replicate and swept values, its file) and each indicator at each horizon, like
BehaviorSpace's table output. Two files: CSV, whose value columns are named `INDICATOR@HORIZON
[UNIT]`, and netCDF-4 (HDF5, engine h5netcdf), where each indicator is a variable over (run,
horizon) with its unit and label as attributes and the run's description as coordinates, so
`xarray.open_dataset(path)` gives labelled arrays."""
from __future__ import annotations

import dataclasses
import os
import pathlib

import numpy as np
import pandas as pd
import xarray as xr

# Columns that describe a run, in this order where present (then the swept parameters).
DESCRIBE = ["strategy", "seed", "sweep", "sweep_run", "point", "replicate"]
SKIP = {
    "future",
    "root",
    "index_file",
    "scenario",
    "scenario_source",
    "created",
    "record_every",
    "steps",
    "complete",
    "file",
    "months",
    "ecosim_version",
}


@dataclasses.dataclass
class RunTable:
    frame: pd.DataFrame  # describing columns, then METRIC@HORIZON values
    keys: list  # swept parameters among the describing columns
    metrics: list
    horizons: list


def run_table(runset, metrics, horizons, region: int = 0) -> RunTable:
    """The table of a RunSet or SweepRuns for the region with this index."""
    runs = runset.runs.reset_index(drop=True)
    runset.prepare(metrics, horizons, region)
    describe = [c for c in DESCRIBE if c in runs.columns]
    keys = [c for c in runs.columns if c not in SKIP and c not in describe and c != "strategy"]
    frame = runs[describe + keys].copy()
    frame["file"] = runs["file"].astype(str).values
    frame["months"] = runs["months"].astype(np.int64).values
    frame["ecosim_version"] = runs["ecosim_version"].astype(str).values
    for h in horizons:
        for m in metrics:
            frame[f"{m.name}@{h.name}"] = runset.values(m, h, region)
    return RunTable(frame, keys, list(metrics), list(horizons))


def _replace(path: pathlib.Path, write) -> None:
    """Write through a temporary file in the same folder and rename: a reader never sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def csv_columns(table: RunTable) -> dict:
    """Value column -> its CSV name with the unit: new_firms@year5 -> 'new_firms@year5 [firm]'."""
    return {
        f"{m.name}@{h.name}": f"{m.name}@{h.name} [{m.units or '1'}]"
        for h in table.horizons
        for m in table.metrics
    }


def write_csv(table: RunTable, path) -> pathlib.Path:
    path = pathlib.Path(path)
    _replace(
        path, lambda tmp: table.frame.rename(columns=csv_columns(table)).to_csv(tmp, index=False)
    )
    return path


def to_dataset(table: RunTable, region: str = "") -> xr.Dataset:
    frame = table.frame
    coords = {
        "run": np.arange(len(frame)),
        "horizon": [h.name for h in table.horizons],
        "first_month": ("horizon", [h.first for h in table.horizons]),
        "last_month": ("horizon", [h.last if h.last is not None else -1 for h in table.horizons]),
    }
    for c in frame.columns:
        if "@" in c:
            continue
        values = frame[c].to_numpy()
        coords[c] = ("run", values.astype(str) if values.dtype.kind == "O" else values)
    data = {}
    for m in table.metrics:
        values = np.stack(
            [frame[f"{m.name}@{h.name}"].to_numpy(dtype=float) for h in table.horizons], axis=1
        )
        data[m.name] = (
            ("run", "horizon"),
            values,
            {"units": m.units or "1", "long_name": m.label, "reduction": m.kind},
        )
    ds = xr.Dataset(data, coords=coords)
    ds["last_month"].attrs["description"] = "-1: the last month of each run"
    ds.attrs.update(
        title="ecosim table of runs", region=region, swept_parameters=", ".join(table.keys)
    )
    return ds


def write_netcdf(table: RunTable, path, region: str = "") -> pathlib.Path:
    path = pathlib.Path(path)
    dataset = to_dataset(table, region)
    _replace(path, lambda tmp: dataset.to_netcdf(tmp, engine="h5netcdf"))
    return path
