"""A sweep exported for the EMA Workbench, whose `load_results` reads it, so that scenario
discovery (PRIM, CART, feature scoring) can run there.

Format: the one `ema_workbench.util.save_results` writes and `load_results` reads since EMA
Workbench 2.1 (December 2020), unchanged through 3.0 (2026; read in
ema_workbench/util/utilities.py and em_framework/outcomes.py). A `.tar.gz` holding

- `experiments.csv`: a header row, then one row per experiment: the uncertain parameters,
  then the columns `scenario`, `policy` and `model`;
- `metadata.json`: {"version": 0.1, "experiments": {column: dtype name},
  "outcomes": [[outcome class, name, file name], ...]};
- per scalar outcome (class ScalarOutcome) `NAME.cls`: CSV, no header, one value per row;
- per time-series outcome (class ArrayOutcome, 2-D) `NAME.csv`: CSV, no header, one row per
  experiment, one column per recorded month.

Workbench versions before 2.1 read `experiments metadata.csv` and `outcomes metadata.csv`
instead of metadata.json; that older layout is not written.
"""
from __future__ import annotations

import io
import json
import re
import tarfile
import time

import numpy as np
import pandas as pd

EMA_METADATA_VERSION = 0.1


def outcome_name(column: str) -> str:
    """Outcome name that is a Python identifier, as EMA Workbench 3.0 asks of names (and safe as
    a file name): new_firms@year5@orebro -> new_firms_year5_orebro."""
    name = re.sub(r"[^A-Za-z0-9_]+", "_", column).strip("_")
    return name if name.isidentifier() else f"x_{name}"


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(data))


def write_archive(
    path, experiments: pd.DataFrame, scalars: dict, series: dict | None = None
) -> dict:
    """Write the archive. experiments: parameter columns plus scenario, policy and model (made
    categorical); scalars: name -> (n,) array; series: name -> (n, T) array. Returns the
    metadata written."""
    experiments = experiments.copy()
    for column in ("scenario", "policy", "model"):
        if column not in experiments.columns:
            raise ValueError(f"experiments need a {column} column")
        experiments[column] = experiments[column].astype(str).astype("category")
    n = len(experiments)
    outcomes = []
    files = {}
    for name, values in scalars.items():
        values = np.asarray(values, dtype=float).reshape(-1)
        if values.shape[0] != n:
            raise ValueError(f"outcome {name}: {values.shape[0]} values for {n} experiments")
        files[f"{name}.cls"] = pd.DataFrame(values).to_csv(header=False, index=False).encode()
        outcomes.append(["ScalarOutcome", name, f"{name}.cls"])
    for name, values in (series or {}).items():
        values = np.asarray(values, dtype=float)
        if values.ndim != 2 or values.shape[0] != n:
            raise ValueError(f"outcome {name}: shape {values.shape}, expected ({n}, months)")
        files[f"{name}.csv"] = pd.DataFrame(values).to_csv(header=False, index=False).encode()
        outcomes.append(["ArrayOutcome", name, f"{name}.csv"])
    metadata = {
        "version": EMA_METADATA_VERSION,
        "outcomes": outcomes,
        "experiments": {k: v.name for k, v in experiments.dtypes.to_dict().items()},
    }
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, "experiments.csv", experiments.to_csv(header=True, index=False).encode())
        for name, data in files.items():
            _add(archive, name, data)
        _add(archive, "metadata.json", json.dumps(metadata).encode())
    return metadata


def read_archive(path):
    """(experiments, outcomes) read back the way load_results reads them: dtypes from the
    metadata, scalar outcomes 1-D, array outcomes 2-D. For tests and for checking an export."""
    with tarfile.open(path, "r:gz") as archive:
        metadata = json.loads(archive.extractfile("metadata.json").read().decode())
        experiments = pd.read_csv(archive.extractfile("experiments.csv"))
        for name, dtype in metadata["experiments"].items():
            experiments[name] = experiments[name].astype(pd.api.types.pandas_dtype(dtype))
        outcomes = {}
        for kind, name, filename in metadata["outcomes"]:
            values = pd.read_csv(archive.extractfile(filename), header=None, index_col=False).values
            outcomes[name] = values.reshape(-1) if kind == "ScalarOutcome" else values
    return experiments, outcomes, metadata


def export_sweep(
    path,
    frame: pd.DataFrame,
    keys,
    outputs,
    policy: str,
    series: dict | None = None,
    per_point: bool = False,
    region: str = "",
    by: str | None = None,
) -> dict:
    """Sweep metrics (one row per run, as sweep.sweep_metrics gives) to an EMA archive: the
    swept parameters are the uncertainties (their values exactly as the index holds them), then
    each run's `seed` and `replicate`, `scenario` the design point, `policy` the strategy.
    by: a swept parameter that is a lever, not an uncertainty: it leaves the uncertainties,
    `policy` becomes KEY=VALUE and `scenario` the sampled future (the other parameters' values),
    so one future reads across policies, as EMA Workbench's own experiments do.
    per_point: one experiment per point, outputs averaged over its replicates (`replicates`
    counts them). Outcomes are named INDICATOR_HORIZON_REGION (the region they describe). With
    time series, the outcome `TIME` holds each experiment's months, as EMA Workbench's own
    time-series outcomes do."""
    frame = frame.reset_index(drop=True)
    if per_point:
        grouped = frame.groupby("point", sort=True)
        table = grouped[list(keys)].first()  # a point's values, exact: averaging drifts them
        table = (
            table.join(grouped[list(outputs)].mean())
            .join(grouped.size().rename("replicates"))
            .reset_index()
        )
        if series:
            order = {p: i for i, p in enumerate(table["point"])}
            series = {
                name: np.stack(
                    [values[frame.index[frame["point"] == p]].mean(axis=0) for p in order]
                )
                for name, values in series.items()
            }
    else:
        table = frame
    uncertain = [k for k in keys if k != by]
    experiments = table[uncertain].astype(float).copy()
    for column in ("replicates",) if per_point else ("seed", "replicate"):
        experiments[column] = table[column].astype(np.int64).values
    if by is None:
        experiments["scenario"] = table["point"].astype(str).values
        experiments["policy"] = policy
    else:
        experiments["scenario"] = [
            ";".join(f"{k.rsplit('.', 1)[-1]}={row[k]!r}" for k in uncertain)
            for _, row in table.iterrows()
        ]
        experiments["policy"] = [f"{by.rsplit('.', 1)[-1]}={v!r}" for v in table[by]]
    experiments["model"] = "ecosim"
    suffix = f"@{region}" if region else ""
    scalars = {outcome_name(c + suffix): table[c].to_numpy(dtype=float) for c in outputs}
    arrays = {outcome_name(k + suffix): v for k, v in (series or {}).items()}
    if arrays:
        months = next(iter(arrays.values())).shape[1]
        arrays = {"TIME": np.tile(np.arange(1, months + 1, dtype=float), (len(table), 1)), **arrays}
    return write_archive(path, experiments, scalars, arrays)
