"""Sweep outputs (`ecosim sweep`, issue 9): the index of runs, their parameters, and metrics
per run and per design point.

A sweep folder OUT holds `index.csv` and `index.h5` (the same table, one row per run: run,
point, replicate, block, position, one column per swept parameter, seed, status, file, wall_s,
error) and the run files under it. `index.h5` adds the design as root attributes (design,
parameters as JSON, replicates, common_random_numbers, levels, base_samples). Runs that failed
or are missing are left out with a warning; the analysis goes on with the rest.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
import pathlib
import warnings

import h5py
import numpy as np
import pandas as pd

from . import metrics as M
from .load import AnalysisWarning, RunFileError, load_runs, read_columns
from .summary import column, summaries, unusable

FIRST = ["run", "point", "replicate", "block", "position"]
LAST = ["seed", "status", "file", "wall_s", "error"]
DESIGNS = ("grid", "list", "random", "lhs", "morris", "saltelli")
STATUSES = ("done", "failed", "missing")
KNOWN_SWEEP_FORMAT = 1


@dataclasses.dataclass
class Sweep:
    root: pathlib.Path
    index: pd.DataFrame
    keys: list
    parameters: list  # dicts: key, lower, upper, scale (bounds observed when not given)
    design: str | None
    replicates: int | None = None
    crn: bool | None = None
    levels: int | None = None
    base_samples: int | None = None
    text: str = ""
    source: str = ""

    @property
    def name(self) -> str:
        return self.root.name

    def usable(self, allow_partial: bool = False) -> pd.DataFrame:
        """Rows of runs that are done and whose file reads; the others are reported once. The
        files' state comes from the summary cache (summary.py), so a sweep read before is not
        opened file by file again."""
        index = self.index
        skipped = index[index["status"] != "done"]
        done = index[index["status"] == "done"]
        reasons = (
            unusable(summaries(self.root, done["file"]), allow_partial).to_numpy()
            if len(done)
            else []
        )
        bad = [f"run {run}: {reason}" for run, reason in zip(done["run"], reasons) if reason]
        if len(skipped):
            counts = ", ".join(f"{n} {s}" for s, n in skipped["status"].value_counts().items())
            runs = ", ".join(map(str, skipped["run"].head(10))) + (
                " ..." if len(skipped) > 10 else ""
            )
            warnings.warn(
                f"{self.source}: {len(skipped)} runs left out ({counts}): runs {runs}",
                AnalysisWarning,
                stacklevel=2,
            )
        for message in bad:
            warnings.warn(f"{self.source}: left out {message}", AnalysisWarning, stacklevel=2)
        return done[np.asarray(reasons, dtype=object) == ""] if len(done) else done

    def extra(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Index columns attached to each loaded run (the sweep's run number as sweep_run)."""
        cols = ["run", "point", "replicate", "block", "position", *self.keys]
        extra = rows[cols].rename(columns={"run": "sweep_run"}).reset_index(drop=True)
        extra.insert(0, "sweep", self.name)
        return extra

    def unit(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Parameter values mapped to [0, 1] by each range (log-scaled ones in log space)."""
        out = pd.DataFrame(index=frame.index)
        for p in self.parameters:
            x = frame[p["key"]].astype(float)
            lo, hi = float(p["lower"]), float(p["upper"])
            if p.get("scale") == "log":
                x, lo, hi = np.log(x), math.log(lo), math.log(hi)
            out[p["key"]] = (x - lo) / (hi - lo) if hi != lo else 0.0
        return out


def is_sweep(path) -> bool:
    path = pathlib.Path(path)
    if path.is_dir():
        return (path / "index.h5").is_file() or (path / "index.csv").is_file()
    return path.name in ("index.h5", "index.csv") and path.is_file()


def _read_h5(path: pathlib.Path):
    if not h5py.is_hdf5(path):
        raise RunFileError(path, "not a sweep index (not an HDF5 file)")
    try:
        with h5py.File(path, "r") as f:
            if "runs" not in f or not isinstance(f["runs"], h5py.Group):
                raise RunFileError(path, "not a sweep index (HDF5 without group runs/)")
            fmt = f.attrs.get("format_version", 1)
            if int(np.asarray(fmt).item()) > KNOWN_SWEEP_FORMAT:
                raise RunFileError(
                    path,
                    f"newer format (format_version {fmt}) than this ecosim_analysis reads "
                    f"({KNOWN_SWEEP_FORMAT}); update analysis/",
                )
            columns = read_columns(f["runs"])
            attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
    except OSError as error:
        raise RunFileError(path, f"damaged sweep index ({str(error).splitlines()[0]})") from None
    return pd.DataFrame(columns), attrs


def _order(frame: pd.DataFrame, keys: list) -> pd.DataFrame:
    return frame[FIRST + keys + LAST]


def load_sweep(path) -> Sweep:
    """Read a sweep folder (or its index.h5 / index.csv). index.h5 is preferred: it holds the
    design; with index.csv alone the design is unknown and the bounds are the values seen."""
    path = pathlib.Path(path)
    root = path if path.is_dir() else path.parent
    h5, csv = root / "index.h5", root / "index.csv"
    if path.is_file() and path.name == "index.csv":
        h5 = root / "_none_"
    if not h5.is_file() and not csv.is_file():
        raise RunFileError(path, "not a sweep folder (no index.h5 or index.csv)")
    attrs = {}
    if h5.is_file():
        frame, attrs = _read_h5(h5)
        source = h5
    else:
        try:
            frame = pd.read_csv(csv, keep_default_na=False, na_values={"wall_s": [""]})
        except (OSError, ValueError, pd.errors.ParserError) as error:
            raise RunFileError(csv, f"not a sweep index ({' '.join(str(error).split())})") from None
        source = csv
    missing = [c for c in FIRST + LAST if c not in frame.columns]
    if missing:
        raise RunFileError(source, f"not a sweep index (missing columns: {', '.join(missing)})")
    parameters = None
    if "parameters" in attrs:
        try:
            parameters = json.loads(attrs["parameters"])
        except (TypeError, json.JSONDecodeError) as error:
            raise RunFileError(source, f"parameters attribute is not JSON ({error})") from None
    if source == csv:
        keys = [c for c in frame.columns if c not in FIRST + LAST]
    else:
        keys = (
            [p["key"] for p in parameters]
            if parameters
            else sorted(c for c in frame.columns if c not in FIRST + LAST)
        )
        extra = set(frame.columns) - set(FIRST + LAST + keys)
        if extra or any(k not in frame.columns for k in keys):
            raise RunFileError(
                source,
                f"parameter columns {sorted(set(frame.columns) - set(FIRST + LAST))} "
                f"do not match the parameters attribute {keys}",
            )
    frame = _order(frame, keys).copy()
    bad = sorted(set(frame["status"]) - set(STATUSES))
    if bad:
        raise RunFileError(source, f"unknown status {bad} (allowed: {', '.join(STATUSES)})")
    for c in ("run", "point", "replicate", "block", "position", "seed"):
        frame[c] = frame[c].astype(np.int64)
    frame["error"] = frame["error"].fillna("").astype(str)
    # A run's file lies inside the sweep folder: an index pointing elsewhere (an absolute path,
    # "..") would read files the sweep did not write.
    for file in frame["file"].astype(str):
        parts = pathlib.PurePosixPath(os.path.normpath(file)).parts
        if not parts or os.path.isabs(file) or parts[0] == "..":
            raise RunFileError(
                source,
                f"run file {file!r} lies outside the sweep folder {root} "
                "(allowed: a path inside it, such as runs/run_000000.h5)",
            )
    if parameters is None:
        parameters = [
            {
                "key": k,
                "lower": float(frame[k].min()),
                "upper": float(frame[k].max()),
                "scale": "linear",
            }
            for k in keys
        ]
    design = attrs.get("design")
    if design is not None and design not in DESIGNS:
        raise RunFileError(source, f"unknown design {design!r} (allowed: {', '.join(DESIGNS)})")

    def opt_int(name):
        return int(np.asarray(attrs[name]).item()) if name in attrs else None

    return Sweep(
        root=root,
        index=frame.sort_values("run").reset_index(drop=True),
        keys=keys,
        parameters=parameters,
        design=design,
        replicates=opt_int("replicates"),
        crn=bool(opt_int("common_random_numbers")) if "common_random_numbers" in attrs else None,
        levels=opt_int("levels"),
        base_samples=opt_int("base_samples"),
        text=str(attrs.get("sweep", "")),
        source=str(source),
    )


def sweep_metrics(
    sweep: Sweep,
    specs,
    horizons,
    region=None,
    allow_partial: bool = False,
    rows: pd.DataFrame | None = None,
):
    """(frame, metrics, horizons): the usable runs' index rows with one column per metric and
    horizon (METRIC@HORIZON), from the sweep's summary cache (summary.py: each file read once,
    in parallel, and only the datasets the metrics need). horizons None: as parse_horizons
    chooses for the shortest run."""
    rows = sweep.usable(allow_partial) if rows is None else rows
    if rows.empty:
        raise RunFileError(sweep.source, "no usable runs in the sweep")
    sample = load_runs([sweep.root / rows["file"].iloc[0]], allow_partial=allow_partial)
    metrics = [M.metric_for(s, sample.data) if isinstance(s, str) else s for s in specs]
    if not horizons:
        horizons = M.parse_horizons(None, int(summaries(sweep.root, rows["file"])["months"].min()))
    r = sample.region_index(region)
    table = summaries(sweep.root, rows["file"], metrics, horizons, [r])
    values = pd.DataFrame(
        {
            f"{m.name}@{h.name}": table[column(m, h, r)].to_numpy(dtype=float)
            for h in horizons
            for m in metrics
        },
        index=rows.index,
    )
    return rows.join(values), metrics, horizons


def point_means(frame: pd.DataFrame, sweep: Sweep, outputs) -> pd.DataFrame:
    """One row per design point: the mean of each output over its replicates, the replicate
    count, and the replicate SD of each output (OUTPUT:sd)."""
    group = frame.groupby("point", sort=True)
    first = group[["block", "position", *sweep.keys]].first()
    means = group[list(outputs)].mean()
    sds = group[list(outputs)].std(ddof=1).add_suffix(":sd")
    out = first.join(means).join(sds)
    out.insert(0, "replicates", group.size())
    return out.reset_index()


def replicate_noise(frame: pd.DataFrame, outputs) -> pd.DataFrame:
    """Per output: SD between replicates of a point (pooled) against the SD between point means;
    noise_share = within-point variance / total variance."""
    rows = []
    for out in outputs:
        g = frame.groupby("point")[out]
        within = g.var(ddof=1).dropna()
        pooled = float(np.sqrt(within.mean())) if len(within) else math.nan
        between = float(g.mean().std(ddof=1)) if g.ngroups > 1 else math.nan
        total = float(frame[out].var(ddof=1)) if len(frame) > 1 else math.nan
        share = float(within.mean() / total) if len(within) and total > 0 else math.nan
        rows.append(dict(output=out, replicate_sd=pooled, point_sd=between, noise_share=share))
    return pd.DataFrame(rows)


@dataclasses.dataclass
class SweepRuns:
    """The usable runs of one or more sweeps as strategies, with their metric values from the
    sweeps' summary caches instead of every indicator in memory: what compare, robustness and
    table need of a sweep of 10^4 runs. `runs` is shaped like RunSet.runs (file, strategy, seed,
    future, ecosim_version, months, complete, the sweep's columns); `sample` is one run, read
    whole, which names the regions and resolves indicator names."""

    runs: pd.DataFrame
    sample: object
    roots: list
    _columns: dict = dataclasses.field(default_factory=dict)

    @property
    def strategies(self) -> list:
        return list(dict.fromkeys(self.runs["strategy"]))

    @property
    def regions(self) -> list:
        return self.sample.regions

    @property
    def data(self):
        return self.sample.data  # metric names and units only: it holds one run

    def region_index(self, region) -> int:
        return self.sample.region_index(region)

    def prepare(self, metrics, horizons, region: int = 0) -> None:
        """Read (or take from the caches) every metric at every horizon in one pass per sweep."""
        wanted = [(m, h) for m in metrics for h in horizons if (m, h, region) not in self._columns]
        if not wanted:
            return
        parts = []
        for root in self.roots:
            mine = self.runs["root"] == str(root)
            table = summaries(root, self.runs.loc[mine, "index_file"], metrics, horizons, [region])
            table.index = self.runs.index[mine]
            parts.append(table)
        table = pd.concat(parts).reindex(self.runs.index)
        for m in metrics:
            for h in horizons:
                self._columns[(m, h, region)] = table[column(m, h, region)].to_numpy(dtype=float)

    def values(self, metric, horizon, region: int = 0) -> np.ndarray:
        self.prepare([metric], [horizon], region)
        return self._columns[(metric, horizon, region)]
