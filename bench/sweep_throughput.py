#!/usr/bin/env python3
"""Sweep throughput on this machine: a 100-run sweep of the default scenario at 24 months run
by `ecosim sweep` (runs side by side, one thread each), against the same runs one after another
at one thread each; and the fixed cost of a run (start, scenario, HDF5 open and close) against
a default ten-year run. Writes the "Sweep throughput" section of bench/RESULTS.md.

usage: /usr/bin/python3 bench/sweep_throughput.py [--build build/release] [--runs 100] [--months 24]
                                                  [--baseline 03c8987]
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from results_file import write_section  # bench/results_file.py, beside this script
from run import build_baseline  # bench/run.py: the baseline commit's build

ROOT = pathlib.Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- begin: sweep throughput -->", "<!-- end: sweep throughput -->"


def timed(command) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def world_build_seconds(bench) -> float:
    """Reading the default scenario and building its 26,239-firm world, as ecosim_bench times it."""
    out = subprocess.run(
        [str(bench), "26239", "1", "1"], check=True, capture_output=True, text=True
    ).stdout
    fields = dict(f.split("=", 1) for f in out.split() if "=" in f)
    return float(fields["setup_s"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build" / "release")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument(
        "--baseline",
        default="03c8987",
        help="commit whose ecosim's fixed cost is measured beside this one's ('' for none)",
    )
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    ecosim = args.build / "ecosim"
    base_sha, base_ecosim = (
        build_baseline(args.baseline, ROOT / "build" / "baseline", "ecosim")
        if args.baseline
        else ("", None)
    )
    cores = os.cpu_count() or 1
    work = pathlib.Path(tempfile.mkdtemp(prefix="ecosim-sweep-bench-"))
    try:
        sweep = work / "bench.toml"
        sweep.write_text(
            f"""# the throughput benchmark's sweep: {args.runs} points of the default scenario
[sweep]
design = "random"
samples = {args.runs}
seed = 1
set = {{ "simulation.steps" = {args.months} }}
[[parameter]]
key = "trust.gain_dialogue"
"""
        )
        subprocess.run(
            [str(ecosim), "sweep", str(sweep), "--check"], check=True, stdout=subprocess.DEVNULL
        )
        together = timed(
            [
                str(ecosim),
                "sweep",
                str(sweep),
                "-o",
                str(work / "together"),
                "-q",
                "--jobs",
                str(cores),
                "--threads",
                "1",
            ]
        )
        alone = timed(
            [
                str(ecosim),
                "sweep",
                str(sweep),
                "-o",
                str(work / "alone"),
                "-q",
                "--jobs",
                "1",
                "--threads",
                "1",
            ]
        )

        # Fixed cost of a run: a run of 1 month less the cost of a month (2 months - 1 month).
        def run(months, repeats=5, binary=ecosim):
            times = []
            for k in range(repeats):
                times.append(
                    timed(
                        [
                            str(binary),
                            "run",
                            "-o",
                            str(work / f"fixed{k}.h5"),
                            "--force",
                            "--quiet",
                            "--threads",
                            "1",
                            "--steps",
                            str(months),
                        ]
                    )
                )
            return min(times)

        def fixed_and_full(binary):
            one, two = run(1, binary=binary), run(2, binary=binary)
            full = min(
                timed(
                    [
                        str(binary),
                        "run",
                        "-o",
                        str(work / "full.h5"),
                        "--force",
                        "--quiet",
                        "--threads",
                        "1",
                    ]
                )
                for _ in range(2)
            )
            return max(0.0, one - (two - one)), full

        fixed, full = fixed_and_full(ecosim)
        # Of the fixed cost, building the initial world (and reading the scenario): the set-up
        # ecosim_bench reports for the default scenario's own size, the best of 5.
        build = min(world_build_seconds(args.build / "ecosim_bench") for _ in range(5))
        base_fixed, base_full = fixed_and_full(base_ecosim) if base_ecosim else (0.0, 0.0)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    per_hour = args.runs / together * 3600
    ratio = alone / together
    share = fixed / full
    version = subprocess.run(
        [str(ecosim), "--version"], capture_output=True, text=True
    ).stdout.strip()
    section = f"""{BEGIN}
## Sweep throughput

Command: `/usr/bin/python3 bench/sweep_throughput.py --runs {args.runs} --months {args.months}` ({version},
{cores} cores). A sweep of {args.runs} random points of the default scenario (26,239 firms) at
{args.months} months, run by `ecosim sweep` with {cores} runs at a time of one thread each, against the
same runs one after another at one thread each (`--jobs 1`); the fixed cost of a run is a
one-month run less the cost of a month (the best of 5), against a default ten-year run.

| measure | value | target | met |
|---|---|---|---|
| sweep, {cores} runs at a time | {together:.1f} s, {per_hour:,.0f} runs per hour | | |
| the same runs one after another, 1 thread | {alone:.1f} s | | |
| speed-up of the sweep | {ratio:.2f}x | >= 1.8x | {"yes" if ratio >= 1.8 else "NO"} |
| fixed cost per run (start, scenario, HDF5 open and close) | {fixed * 1000:.0f} ms of a {full:.2f} s default run: {share:.1%} | <= 2% (issue 21) | {"yes" if share <= 0.02 else "NO"} |
| ... of which reading the scenario and building its world (`ecosim_bench 26239 1 1`'s set-up, best of 5) | {build * 1000:.0f} ms: {build / full:.1%} | | |
| ... the rest: process start, the run file's creation and close, the first month's snapshot | {max(0.0, fixed - build) * 1000:.0f} ms: {max(0.0, fixed - build) / full:.1%} | | |
"""
    if base_ecosim:
        section += (
            f"| ... {base_sha}, measured the same way after it | {base_fixed * 1000:.0f} ms of a "
            f"{base_full:.2f} s default run: {base_fixed / base_full:.1%} | | |\n"
        )
    section += f"{END}\n"
    write_section(args.output, BEGIN, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
