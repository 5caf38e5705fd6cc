"""Load and compare ecosim run files (docs/FORMAT.md). Reads output only; never re-implements the model.

The command line is `ecosim-analysis` (cli.py): compare, figures, report, info, heatmap,
sensitivity, robustness, export-ema. Modules: load (run files to a RunSet over run, time,
region), select (runs grouped into strategies), metrics (indicators over horizons), stats
(intervals and differences), compare, figures, report, sweep (sweep indexes), designs
(samplers), sensitivity (Morris, Sobol'), robustness, ema (EMA Workbench export).
"""
from __future__ import annotations

import pathlib

import h5py
import pandas as pd
import xarray as xr

from .load import AnalysisWarning, RunFileError, RunSet, load_runs, read_run, run_info
from .select import select_runs
from .sweep import load_sweep

__all__ = ["load_indicators", "load_projects", "load_parties", "headline", "HEADLINE", "AnalysisWarning",
           "RunFileError", "RunSet", "load_runs", "read_run", "run_info", "select_runs", "load_sweep"]

# Indicators shown by headline(): stocks at the last month, flows summed over the run.
HEADLINE = {
    "jobs": "last",
    "firms": "last",
    "employment_rate": "last",
    "job_growth_relative": "last",
    "entries": "sum",
    "exits": "sum",
    "diversity_shannon": "last",
    "competence_gap": "mean",
    "satisfaction": "last",
    "innovation_revenue": "last",
    "emissions": "last",
    "projects_started": "sum",
    "public_money": "sum",
    "private_money": "sum",
    "mean_trust": "last",
}


def load_indicators(path) -> xr.Dataset:
    """All indicators of a run as an xarray Dataset over (time, region[, sector|theme])."""
    return xr.load_dataset(pathlib.Path(path), engine="h5netcdf", group="indicators")


def _table(path, group: str) -> pd.DataFrame:
    with h5py.File(path, "r") as f:
        g = f[group]
        columns = {}
        for name, ds in g.items():
            values = ds[()]
            if values.dtype.kind in "OS":  # variable- or fixed-length UTF-8 strings
                values = [v.decode() if isinstance(v, bytes) else v for v in values]
            columns[name] = values
    return pd.DataFrame(columns)


def load_projects(path) -> pd.DataFrame:
    """One row per proposal: parties, money, rule checks, status and outcome."""
    return _table(path, "projects").set_index("project")


def load_parties(path) -> pd.DataFrame:
    """One row per party of each proposal."""
    return _table(path, "parties").set_index("party")


def headline(path) -> pd.DataFrame:
    """Headline indicators per region (rows) of one run."""
    ds = load_indicators(path)
    out = {}
    for name, how in HEADLINE.items():
        da = ds[name]
        out[name] = getattr(da, "sum" if how == "sum" else "mean")("time") if how != "last" else da.isel(time=-1)
    frame = pd.DataFrame({k: v.values for k, v in out.items()}, index=[str(r) for r in ds["region"].values])
    frame.index.name = "region"
    return frame
