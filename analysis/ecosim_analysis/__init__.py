"""Load and compare ecosim run files (docs/FORMAT.md). Reads output only; never re-implements the model.

The command line is `ecosim-analysis` (cli.py): compare, effects, figures, report, table, info,
heatmap, sensitivity, robustness, export-ema. Modules: load (run files to a RunSet over run, time,
region), select (runs grouped into strategies), metrics (indicators over horizons), stats
(intervals and differences), compare, figures, report, sweep (sweep indexes), designs
(samplers), sensitivity (Morris, Sobol'), robustness, ema (EMA Workbench export), summary (the
sweep's summary cache), table (the table of runs).
"""
from __future__ import annotations

import pathlib

# The ecosim release this package belongs to (CMakeLists.txt's project VERSION; a test checks).
__version__ = "0.1.0"

__all__ = [
    "load_indicators",
    "load_projects",
    "load_parties",
    "headline",
    "AnalysisWarning",
    "RunFileError",
    "RunSet",
    "load_runs",
    "read_run",
    "run_info",
    "select_runs",
    "load_sweep",
]

# Re-exported names, imported when first used: `ecosim-analysis` starts (and says which Debian
# packages are missing) before h5py, pandas or xarray are imported.
_LAZY = {
    "AnalysisWarning": "load",
    "RunFileError": "load",
    "RunSet": "load",
    "load_runs": "load",
    "read_run": "load",
    "run_info": "load",
    "select_runs": "select",
    "load_sweep": "sweep",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_indicators(path):
    """All indicators of a run as an xarray Dataset over (time, region[, sector|theme])."""
    import xarray as xr

    return xr.load_dataset(pathlib.Path(path), engine="h5netcdf", group="indicators")


def _table(path, group: str):
    import h5py
    import pandas as pd

    with h5py.File(path, "r") as f:
        g = f[group]
        columns = {}
        for name, ds in g.items():
            values = ds[()]
            if values.dtype.kind in "OS":  # variable- or fixed-length UTF-8 strings
                values = [v.decode() if isinstance(v, bytes) else v for v in values]
            columns[name] = values
    return pd.DataFrame(columns)


def load_projects(path):
    """One row per proposal: parties, money, rule checks, status and outcome."""
    return _table(path, "projects").set_index("project")


def load_parties(path):
    """One row per party of each proposal."""
    return _table(path, "parties").set_index("party")


def headline(path, horizon: str = "total"):
    """The headline indicators (metrics.HEADLINE, as `compare` defines them) of one run, per
    region (rows), over a horizon (default: the whole run)."""
    import pandas as pd

    from . import metrics as M
    from .load import load_runs

    runset = load_runs([path])
    h = M.parse_horizon(horizon)
    frame = pd.DataFrame(
        {
            m.name: [M.evaluate(m, runset.data, h, r)[0] for r in range(len(runset.regions))]
            for m in M.HEADLINE
        },
        index=pd.Index(runset.regions, name="region"),
    )
    return frame
