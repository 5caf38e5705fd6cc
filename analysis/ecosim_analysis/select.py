"""Which runs make which strategy: run files, globs, folders of run files and sweep folders,
grouped by scenario (default), by explicit groups, or by the value of a swept parameter.

- A run file's strategy is the stem of its scenario file (root attribute scenario_source).
- `NAME=PATTERN[,PATTERN...]` puts every file a pattern matches (a path, a quoted glob, a
  folder of run files or a sweep folder) into the group NAME, whatever its scenario.
- The runs of a sweep form one strategy named after the sweep folder, or, with `by=KEY`, one
  strategy per value of the swept parameter KEY (`KEY=value`).

Runs are paired across strategies on `future` and `seed`: for a sweep, `future` names the
values of the other swept parameters, so a run is paired with the run of the other strategy in
the same sampled future with the same seed; for plain run files it is empty (pairs by seed).
"""
from __future__ import annotations

import glob
import pathlib

import pandas as pd

from .load import RunFileError, load_runs
from .summary import summaries
from .sweep import SweepRuns, is_sweep, load_sweep


def _short(key: str) -> str:
    return key.rsplit(".", 1)[-1]


def _value(v) -> str:
    return f"{v:.6g}" if isinstance(v, float) else str(v)


def expand(pattern: str) -> list:
    """Paths a source names: a sweep folder (as itself), a folder (its *.h5 files), a glob,
    or a file (missing files are kept, so that they report their error)."""
    path = pathlib.Path(pattern)
    if path.is_dir():
        if is_sweep(path):
            return [path]
        return sorted(path.glob("*.h5"))
    if any(c in pattern for c in "*?["):
        matches = sorted(pathlib.Path(p) for p in glob.glob(pattern))
        if not matches:
            raise RunFileError(pattern, "no file matches this pattern")
        return matches
    return [path]


def parse_group(text: str):
    name, sep, patterns = text.partition("=")
    if not sep or not name.strip() or not patterns.strip():
        raise ValueError(f"--group {text!r}: use NAME=FILE_OR_GLOB[,FILE_OR_GLOB...]")
    return name.strip(), [p for p in patterns.split(",") if p.strip()]


def select_runs(sources=(), groups=(), by: str | None = None, allow_partial: bool = False):
    """A RunSet of every run named, with strategy, future and (for sweeps) parameters."""
    entries = []  # (path, strategy or None, extra dict)
    named = [(name, patterns) for name, patterns in map(parse_group, groups)]
    for name, patterns in named:
        for pattern in patterns:
            entries += _entries(pattern, name, by, allow_partial)
    for source in sources:
        entries += _entries(source, None, by, allow_partial)
    if not entries:
        raise ValueError(
            "no runs given: name run files, globs, folders or sweep folders (see --help)"
        )
    seen = set()
    for path, _, _ in entries:
        key = pathlib.Path(path).resolve()
        if key in seen:
            raise ValueError(
                f"{path} is named twice; name each run once (a file, a glob or a sweep folder)"
            )
        seen.add(key)
    extra = pd.DataFrame([e[2] for e in entries])
    runset = load_runs(
        [e[0] for e in entries],
        allow_partial=allow_partial,
        extra=extra if len(extra.columns) else None,
    )
    strategies = [
        e[1] if e[1] is not None else info.strategy for e, info in zip(entries, runset.infos)
    ]
    runset.runs["strategy"] = strategies
    runset.runs["future"] = [e[2].get("future", "") for e in entries]
    runset.data = runset.data.assign_coords(
        strategy=("run", [str(s) for s in strategies]),
        future=("run", runset.runs["future"].astype(str).values),
    )
    return runset


def only_sweeps(sources=(), groups=()) -> bool:
    """True when every source is a sweep folder and no group is named: then select_sweeps
    serves compare, robustness and table from the sweeps' summary caches."""
    return (
        bool(sources)
        and not groups
        and all(is_sweep(s) and pathlib.Path(s).is_dir() for s in sources)
    )


def select_sweeps(sources, by: str | None = None, allow_partial: bool = False) -> SweepRuns:
    """The usable runs of sweep folders as strategies (as select_runs names them), read through
    their summary caches: each file is opened once, in parallel, and only again when it changes."""
    frames, roots = [], []
    for source in sources:
        sweep = load_sweep(source)
        rows = _sweep_rows(sweep, None, by, allow_partial)
        info = summaries(sweep.root, rows["index_file"])
        for name in ("seed", "ecosim_version", "months", "steps", "complete"):
            rows[name] = info[name].to_numpy()
        rows["root"] = str(sweep.root)
        frames.append(rows)
        roots.append(sweep.root)
    if len({r.resolve() for r in roots}) < len(roots):
        raise ValueError("a sweep folder is named twice; name each sweep once")
    runs = pd.concat(frames, ignore_index=True)
    runs.index.name = "run"
    sample = load_runs([runs["file"].iloc[0]], allow_partial=allow_partial)
    return SweepRuns(runs=runs, sample=sample, roots=roots)


def _sweep_rows(sweep, strategy, by, allow_partial) -> pd.DataFrame:
    """One row per usable run of a sweep: file, index_file, strategy, future, the swept values
    and the sweep's columns (sweep, sweep_run, point, replicate)."""
    if by is not None and by not in sweep.keys:
        raise ValueError(
            f"--by {by}: not a swept parameter of {sweep.root} ({', '.join(sweep.keys)})"
        )
    rows = sweep.usable(allow_partial)
    others = [k for k in sweep.keys if k != by]
    out = rows[sweep.keys].reset_index(drop=True)
    out["sweep"] = sweep.name
    out["sweep_run"] = rows["run"].to_numpy(dtype=int)
    out["point"] = rows["point"].to_numpy(dtype=int)
    out["replicate"] = rows["replicate"].to_numpy(dtype=int)
    out["future"] = (
        [
            ";".join(f"{k}={_value(v)}" for k, v in zip(others, values))
            for values in rows[others].itertuples(index=False)
        ]
        if others
        else ""
    )
    if strategy is not None:
        out["strategy"] = strategy
    elif by is not None:
        out["strategy"] = [f"{_short(by)}={_value(v)}" for v in rows[by]]
    else:
        out["strategy"] = sweep.name
    out["index_file"] = rows["file"].astype(str).to_numpy()
    out["file"] = [str(sweep.root / f) for f in out["index_file"]]
    return out


def _entries(pattern, strategy, by, allow_partial):
    out = []
    for path in expand(str(pattern)):
        if is_sweep(path):
            rows = _sweep_rows(load_sweep(path), strategy, by, allow_partial)
            extra = rows.drop(columns=["file", "index_file", "strategy"])
            for file, name, row in zip(rows["file"], rows["strategy"], extra.to_dict("records")):
                out.append((pathlib.Path(file), name, row))
        else:
            out.append((path, strategy, {}))
    return out
