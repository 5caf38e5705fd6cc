#!/usr/bin/env python3
"""The analysis of a large sweep: how long `ecosim-analysis table`, `compare --by` and
`sensitivity` take on a sweep of 10,500 ten-year runs, the first time (the summary cache is
built: every run file read once, in parallel) and later (from the cache). Writes the "Analysis
of a large sweep" section of bench/RESULTS.md.

The runs: `ecosim sweep` runs DISTINCT real runs of tests/data/small.toml at 120 months (a grid
of two parameters, firm snapshots off, as a sweep's runs are); the index is then widened to
RUNS rows, each distinct run appearing as RUNS / DISTINCT replicates whose files are hard links
to it (10,500 real files would take 31 GB here). Every row is a file the analysis opens and
reads as if it were distinct; what the bench does not see is a cold disk, since the distinct
files fit in the page cache.

usage: /usr/bin/python3 bench/analysis_cache.py [--build build/release] [--runs 10500] [--distinct 300]
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

# The modules below come from Debian; say which are missing rather than fail on an import.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "analysis"))
from ecosim_analysis.cli import require_modules  # noqa: E402  (standard library only)

if not require_modules(pathlib.Path(__file__).name):
    sys.exit(2)

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from results_file import write_section  # bench/results_file.py, beside this script

ROOT = pathlib.Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- begin: analysis cache -->", "<!-- end: analysis cache -->"
SHARE, TRUST = "policy.municipality.min_external_share", "region.0.generalised_trust"


def analysis(*args) -> float:
    """Seconds one ecosim-analysis command takes, run as a user runs it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "analysis"), MPLBACKEND="Agg")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ecosim_analysis", *map(str, args)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def make_sweep(ecosim: pathlib.Path, work: pathlib.Path, runs: int, distinct: int) -> pathlib.Path:
    shares = np.round(np.linspace(0.0, 0.9, 20), 3)
    trusts = np.round(np.linspace(0.3, 0.8, max(1, distinct // 20)), 3)
    shutil.copy(ROOT / "tests" / "data" / "small.toml", work / "small.toml")
    (work / "grid.toml").write_text(
        '[sweep]\nscenario = "small.toml"\ndesign = "grid"\nreplicates = 1\nseed = 1\n'
        'set = { "simulation.steps" = 120, "simulation.snapshot_every" = 0 }\n'
        f'[[parameter]]\nkey = "{SHARE}"\nvalues = [{", ".join(map(str, shares))}]\n'
        f'[[parameter]]\nkey = "{TRUST}"\nvalues = [{", ".join(map(str, trusts))}]\n'
    )
    source = work / "source"
    subprocess.run(
        [
            str(ecosim),
            "sweep",
            str(work / "grid.toml"),
            "-o",
            str(source),
            "-q",
            "--jobs",
            str(os.cpu_count() or 1),
            "--threads",
            "1",
        ],
        check=True,
    )
    with h5py.File(source / "index.h5", "r") as f:
        index = pd.DataFrame({k: f["runs"][k][()] for k in f["runs"]})
        attrs = dict(f.attrs)
    for c in index.columns:
        if index[c].dtype.kind in "OS":
            index[c] = [v.decode() if isinstance(v, bytes) else v for v in index[c]]
    copies = -(-runs // len(index))
    big = work / "big"
    (big / "runs").mkdir(parents=True)
    rows = []
    for k in range(copies):
        part = index.copy()
        part["replicate"] = k
        part["seed"] = part["seed"] + 1_000_000 * k
        rows.append(part)
    table = pd.concat(rows, ignore_index=True).iloc[:runs].copy()
    table["run"] = np.arange(len(table))
    table["block"] = table["run"]
    names = [f"runs/run_{r:06d}.h5" for r in table["run"]]
    for old, new in zip(table["file"], names):
        os.link(source / old, big / new)
    table["file"] = names
    with h5py.File(big / "index.h5", "w") as f:
        g = f.create_group("runs")
        for c in table.columns:
            values = table[c].to_numpy()
            if values.dtype.kind == "O":
                g.create_dataset(
                    c, data=values.astype(str).astype(object), dtype=h5py.string_dtype()
                )
            else:
                g.create_dataset(c, data=values)
        for key, value in attrs.items():
            f.attrs[key] = value
        f.attrs["replicates"] = copies
    return big


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build" / "release")
    parser.add_argument("--runs", type=int, default=10500)
    parser.add_argument("--distinct", type=int, default=300)
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    work = pathlib.Path(tempfile.mkdtemp(prefix="ecosim-analysis-bench-"))
    try:
        start = time.perf_counter()
        sweep = make_sweep(args.build / "ecosim", work, args.runs, args.distinct)
        made = time.perf_counter() - start
        cache = sweep / "summary_cache.h5"
        sys.path.insert(0, str(ROOT / "analysis"))
        from ecosim_analysis.load import load_runs

        sample = [sweep / f"runs/run_{r:06d}.h5" for r in range(40)]
        start = time.perf_counter()
        load_runs(sample)
        whole_ms = (time.perf_counter() - start) / len(sample) * 1000
        table = ["table", sweep, "-o", work / "table.csv"]
        compare = ["compare", sweep, "--by", SHARE]
        sensitivity = ["sensitivity", sweep, "--bootstrap", "200"]
        rows = []
        for name, command in (
            ("table", table),
            ("compare --by", compare),
            ("sensitivity", sensitivity),
        ):
            cache.unlink(missing_ok=True)
            first = analysis(*command)
            later = min(analysis(*command) for _ in range(2))
            rows.append((name, first, later))
        size = cache.stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [
        f"| `{name}` | {first:.1f} s | {'yes' if first < 120 else 'NO'} | {later:.1f} s | "
        f"{'yes' if later < 10 else 'NO'} |"
        for name, first, later in rows
    ]
    section = f"""{BEGIN}
## Analysis of a large sweep

Command: `/usr/bin/python3 bench/analysis_cache.py --runs {args.runs} --distinct {args.distinct}` ({cores} cores).
A grid sweep of {args.distinct} real ten-year runs of tests/data/small.toml (made in {made:.0f} s),
its index widened to {args.runs:,} rows whose files are hard links to them (see the script: the
analysis opens and reads every row's file; the files sit in the page cache). Each command is
timed as a user runs it, first with no summary cache (every file read once, {cores} processes,
only the datasets the indicators need) and then the best of two later runs (the cache current).
Reading each run whole, as before the cache, costs {whole_ms:.0f} ms a file: {whole_ms * args.runs / 1000:.0f} s for
the sweep, for every command. The cache file is {size / 1e6:.1f} MB.

| command | first (cache built) | < 2 min | later (from the cache) | < 10 s |
|---|---|---|---|---|
{chr(10).join(lines)}
{END}
"""
    write_section(args.output, BEGIN, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
