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
from .sweep import is_sweep, load_sweep


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
        raise ValueError("no runs given: name run files, globs, folders or sweep folders (see --help)")
    seen = set()
    for path, _, _ in entries:
        key = pathlib.Path(path).resolve()
        if key in seen:
            raise ValueError(f"{path} is named twice; name each run once (a file, a glob or a sweep folder)")
        seen.add(key)
    extra = pd.DataFrame([e[2] for e in entries])
    runset = load_runs([e[0] for e in entries], allow_partial=allow_partial, extra=extra if len(extra.columns) else None)
    strategies = [e[1] if e[1] is not None else info.strategy for e, info in zip(entries, runset.infos)]
    runset.runs["strategy"] = strategies
    runset.runs["future"] = [e[2].get("future", "") for e in entries]
    runset.data = runset.data.assign_coords(strategy=("run", [str(s) for s in strategies]),
                                            future=("run", runset.runs["future"].astype(str).values))
    return runset


def _entries(pattern, strategy, by, allow_partial):
    out = []
    for path in expand(str(pattern)):
        if is_sweep(path):
            sweep = load_sweep(path)
            if by is not None and by not in sweep.keys:
                raise ValueError(f"--by {by}: not a swept parameter of {sweep.root} ({', '.join(sweep.keys)})")
            rows = sweep.usable(allow_partial)
            others = [k for k in sweep.keys if k != by]
            for _, row in rows.iterrows():
                extra = {k: row[k] for k in sweep.keys}
                extra.update(sweep=sweep.name, sweep_run=int(row["run"]), point=int(row["point"]),
                             replicate=int(row["replicate"]),
                             future=";".join(f"{k}={_value(row[k])}" for k in others))
                name = strategy or (f"{_short(by)}={_value(row[by])}" if by else sweep.name)
                out.append((sweep.root / row["file"], name, extra))
        else:
            out.append((path, strategy, {}))
    return out
