"""What the analysis needs of each run of a sweep, read once and cached beside its index.

Reading a run file whole costs tens of milliseconds; a sweep of 10^4 runs read whole for every
command costs minutes. A summary is the little the sweep commands use: the run's provenance
(complete, months, steps, seed, version, regions, or why it cannot be read) and one number per
metric, horizon and region asked for. `summaries` reads only the datasets those metrics need,
in parallel (one process per core), and keeps them in `SWEEP/summary_cache.h5`:

- one row per run file (its path inside the sweep folder), with the file's size and
  modification time: a row whose file changed is read again;
- one column per METRIC@HORIZON@REGION asked for so far, with the metric's and horizon's
  definition as an attribute: a column whose definition changed is computed again;
- written to a temporary file and renamed, so a reader never sees half a cache; a sweep folder
  that cannot be written to is read without a cache (said once).

Delete the file to start afresh; nothing else depends on it.
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import pathlib
import warnings

import h5py
import numpy as np
import pandas as pd

from . import metrics as M
from .load import (
    AnalysisWarning,
    RunFileError,
    partial_reason,
    read_columns,
    read_run,
    single_run_dataset,
)

CACHE_NAME = "summary_cache.h5"
CACHE_FORMAT = 1
INFO = {
    "size": np.int64,
    "mtime_ns": np.int64,
    "complete": bool,
    "months": np.int64,
    "steps": np.int64,
    "seed": np.int64,
    "ecosim_version": str,
    "regions": str,
    "error": str,
}
PARALLEL_FROM = 16  # fewer files than this are read in this process: starting workers costs more


def column(metric, horizon, region: int) -> str:
    return f"{metric.name}@{horizon.name}@{region}"


def _definition(metric, horizon, region: int) -> dict:
    return {
        "metric": dataclasses.asdict(metric),
        "horizon": dataclasses.asdict(horizon),
        "region": region,
    }


def _from_definition(d: dict):
    return M.Metric(**d["metric"]), M.Horizon(**d["horizon"]), int(d["region"])


def _stat(path: pathlib.Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return int(st.st_size), int(st.st_mtime_ns)


def summarise(path, columns: dict) -> dict:
    """One run's summary: INFO fields, and for each column (name -> (metric, horizon, region
    index)) its value. A file that cannot be read gives its reason in `error` and no values."""
    path = pathlib.Path(path)
    stat = _stat(path)
    out = {"size": stat[0] if stat else -1, "mtime_ns": stat[1] if stat else -1, "error": ""}
    names = sorted({n for m, _, _ in columns.values() for n in m.needs()})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore"
            )  # partial files are flagged by `complete`, not warned about here
            info, variables, coords = read_run(path, allow_partial=True, names=names)
    except RunFileError as error:
        out["error"] = error.reason
        return out
    out.update(
        complete=info.complete,
        months=info.months,
        steps=info.steps,
        seed=info.seed,
        ecosim_version=info.ecosim_version,
        regions="\n".join(info.regions),
    )
    data = single_run_dataset(info, variables, coords)
    for name, (m, h, r) in columns.items():
        out[name] = float(M.evaluate(m, data, h, r)[0]) if r < len(info.regions) else np.nan
    return out


def _summarise_task(task):
    return summarise(*task)


class _Cache:
    """The cache file of one sweep folder. Invariant: every row holds every column (a column is
    added for the rows read with it; the others are dropped, to be read again if asked for)."""

    def __init__(self, root: pathlib.Path):
        self.path = root / CACHE_NAME
        self.frame = pd.DataFrame()
        self.definitions: dict = {}  # column -> _definition
        if not self.path.is_file():
            return
        try:
            with h5py.File(self.path, "r") as f:
                if int(f.attrs.get("format", -1)) != CACHE_FORMAT:
                    return
                definitions = json.loads(f.attrs["definitions"])
                columns = read_columns(f["runs"])
            self.frame = pd.DataFrame(columns).set_index("file")
            self.definitions = definitions
        except (OSError, KeyError, ValueError, TypeError):
            warnings.warn(
                f"{self.path}: unreadable summary cache, read again from the run files (it will be "
                "rewritten)",
                AnalysisWarning,
                stacklevel=3,
            )
            self.frame, self.definitions = pd.DataFrame(), {}

    def write(self) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            with h5py.File(tmp, "w") as f:
                f.attrs["format"] = CACHE_FORMAT
                f.attrs["definitions"] = json.dumps(self.definitions)
                g = f.create_group("runs")
                frame = self.frame.reset_index()
                for name in frame.columns:
                    values = frame[name]
                    if values.dtype.kind == "O":
                        g.create_dataset(
                            name,
                            data=values.astype(str).to_numpy(dtype=object),
                            dtype=h5py.string_dtype(),
                        )
                    else:
                        g.create_dataset(name, data=values.to_numpy())
            os.replace(tmp, self.path)
        except OSError as error:
            tmp.unlink(missing_ok=True)
            warnings.warn(
                f"{self.path}: summary cache not written ({error.strerror or error}); the next command "
                "reads the run files again",
                AnalysisWarning,
                stacklevel=3,
            )


def summaries(
    root, files, metrics=(), horizons=(), regions=(0,), jobs: int | None = None, cache: bool = True
) -> pd.DataFrame:
    """Summaries of `files` (paths inside the sweep folder `root`, as its index names them), one
    row per file in the order given: INFO, and column(m, h, r) for each metric, horizon and
    region index. Rows and columns come from the cache where it is current; the rest are read
    (in `jobs` processes; default: one per core) and the cache updated."""
    root = pathlib.Path(root)
    files = [str(f) for f in files]
    wanted = {
        column(m, h, r): _definition(m, h, r) for m in metrics for h in horizons for r in regions
    }
    store = _Cache(root) if cache else None
    known = store.frame if store is not None else pd.DataFrame()
    definitions = dict(store.definitions) if store is not None else {}
    changed = [c for c, d in wanted.items() if definitions.get(c) != d]
    if changed:  # a new column, or one whose definition changed: read every file asked for with it
        known = known.drop(columns=[c for c in changed if c in known.columns])
        known = known.loc[known.index.intersection(files)]
        definitions.update({c: wanted[c] for c in changed})
    unique = list(dict.fromkeys(files))
    if changed or known.empty:
        todo = unique
    else:
        at = known.index.get_indexer(unique)  # -1: not cached
        stats = np.array([_stat(root / f) or (-2, -2) for f in unique], dtype=np.int64).reshape(
            -1, 2
        )
        size = known["size"].to_numpy(dtype=np.int64)[at]
        mtime = known["mtime_ns"].to_numpy(dtype=np.int64)[at]
        error = known["error"].astype(str).to_numpy(dtype=object)[at]
        # A row whose file cannot be read is tried again: the run may have ended since.
        current = (at >= 0) & (size == stats[:, 0]) & (mtime == stats[:, 1]) & (error == "")
        todo = [f for f, ok in zip(unique, current) if not ok]
    if todo:
        columns = {c: _from_definition(d) for c, d in definitions.items()}
        tasks = [(root / f, columns) for f in todo]
        jobs = jobs or os.cpu_count() or 1
        if jobs > 1 and len(tasks) >= PARALLEL_FROM:
            with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(
                    pool.map(_summarise_task, tasks, chunksize=max(1, len(tasks) // (8 * jobs)))
                )
        else:
            results = [_summarise_task(t) for t in tasks]
        fresh = pd.DataFrame(results, index=pd.Index(todo, name="file"))
        known = pd.concat([known.drop(index=known.index.intersection(todo)), fresh])
        known.index.name = "file"
        if store is not None:
            store.frame, store.definitions = known, definitions
            store.write()
    out = known.reindex(files)
    for name, kind in INFO.items():
        if name not in out.columns:
            out[name] = np.nan
        if kind is str:
            out[name] = out[name].fillna("").astype(str)
    for c in wanted:
        if c not in out.columns:
            out[c] = np.nan
    out.index.name = "file"
    return out[[*INFO, *wanted]].reset_index()


def unusable(frame: pd.DataFrame, allow_partial: bool) -> pd.Series:
    """Per summary row, why the run cannot be used ("" when it can)."""
    reasons = frame["error"].astype(str).copy()
    partial = (reasons == "") & ~frame["complete"].fillna(False).astype(bool)
    if not allow_partial:
        reasons[partial] = [
            partial_reason(int(m), int(s))
            for m, s in zip(frame.loc[partial, "months"], frame.loc[partial, "steps"])
        ]
    return reasons
