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
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from results_file import write_section  # bench/results_file.py, beside this script
from run import build_baseline  # bench/run.py: the baseline commit's build

ROOT = pathlib.Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- begin: sweep throughput -->", "<!-- end: sweep throughput -->"


def timed_with_cpu(command) -> tuple:
    """The command's wall time and the CPU time (user and system, every thread) it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def timed(command) -> float:
    return timed_with_cpu(command)[0]


def write_sweep(path: pathlib.Path, runs: int, months: int) -> pathlib.Path:
    """A sweep file of `runs` random points of the default scenario at `months` months."""
    path.write_text(
        f"""# the throughput benchmark's sweep: {runs} points of the default scenario
[sweep]
design = "random"
samples = {runs}
seed = 1
set = {{ "simulation.steps" = {months} }}
[[parameter]]
key = "trust.gain_dialogue"
"""
    )
    return path


def timed_sweep(ecosim, spec, out, jobs) -> float:
    """Wall time of `ecosim sweep SPEC` into a new folder OUT, `jobs` runs at a time of 1 thread."""
    shutil.rmtree(out, ignore_errors=True)
    return timed(
        [str(ecosim), "sweep", str(spec), "-o", str(out), "-q"]
        + ["--jobs", str(jobs), "--threads", "1"]
    )


def default_world_bench(bench) -> tuple:
    """`ecosim_bench 26239 1 1`: reading the default scenario and building its 26,239-firm world
    (set-up), and the CPU time of the recorder's writer thread over a one-month run (the run
    file's datasets made, the month and the tables written, the file closed)."""
    out = subprocess.run(
        [str(bench), "26239", "1", "1"], check=True, capture_output=True, text=True
    ).stdout
    fields = dict(f.split("=", 1) for f in out.split() if "=" in f)
    return float(fields["setup_s"]), float(fields["writer_cpu_s"])


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
        sweep = write_sweep(work / "bench.toml", args.runs, args.months)
        subprocess.run(
            [str(ecosim), "sweep", str(sweep), "--check"], check=True, stdout=subprocess.DEVNULL
        )
        together = timed_sweep(ecosim, sweep, work / "together", cores)
        alone = timed_sweep(ecosim, sweep, work / "alone", 1)

        # Fixed cost of a run: a run of 1 month less the cost of a month (2 months - 1 month),
        # in wall time (as one run alone sees it, its writer's thread on the other core) and in
        # CPU time (what a sweep that keeps every core busy pays for it).
        def run(months, repeats=5, binary=ecosim):
            times = []
            for k in range(repeats):
                times.append(
                    timed_with_cpu(
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
            return min(t[0] for t in times), min(t[1] for t in times)

        def fixed_and_full(binary):
            (one, one_cpu), (two, two_cpu) = run(1, binary=binary), run(2, binary=binary)
            fulls = [
                timed_with_cpu(
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
            ]
            return (
                max(0.0, one - (two - one)),
                min(f[0] for f in fulls),
                max(0.0, one_cpu - (two_cpu - one_cpu)),
                min(f[1] for f in fulls),
            )

        fixed, full, fixed_cpu, full_cpu = fixed_and_full(ecosim)

        # The fixed cost as a sweep pays it, its runs in one process (no process start): 50
        # one-month runs, one at a time (`--jobs 1`: wall and CPU agree), the best of 2, less
        # an average month of the same sweep's runs one after another (`alone` above).
        one_month = write_sweep(work / "one_month.toml", 50, 1)
        one_in_sweep = (
            min(timed_sweep(ecosim, one_month, work / "one_month", 1) for _ in range(2)) / 50
        )
        month_in_sweep = (alone / args.runs - one_in_sweep) / max(1, args.months - 1)
        fixed_in_sweep = max(0.0, one_in_sweep - month_in_sweep)
        # Of the fixed cost, building the initial world (and reading the scenario): the set-up
        # ecosim_bench reports for the default scenario's own size, the best of 5; and the
        # writer thread's CPU over a one-month run, the best of 5.
        benches = [default_world_bench(args.build / "ecosim_bench") for _ in range(5)]
        build = min(b[0] for b in benches)
        writer_cpu = min(b[1] for b in benches)
        base_fixed, base_full, base_fixed_cpu, base_full_cpu = (
            fixed_and_full(base_ecosim) if base_ecosim else (0.0, 0.0, 0.0, 0.0)
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    per_hour = args.runs / together * 3600
    ratio = alone / together
    share = fixed / full
    share_cpu = fixed_cpu / full_cpu
    version = subprocess.run(
        [str(ecosim), "--version"], capture_output=True, text=True
    ).stdout.strip()
    section = f"""{BEGIN}
## Sweep throughput

Command: `/usr/bin/python3 bench/sweep_throughput.py --runs {args.runs} --months {args.months}` ({version},
{cores} cores). A sweep of {args.runs} random points of the default scenario (26,239 firms) at
{args.months} months, run by `ecosim sweep` with {cores} runs at a time of one thread each, against the
same runs one after another at one thread each (`--jobs 1`); the fixed cost of a run is a
one-month run less the cost of a month (the best of 5), against a default ten-year run, in wall
time (one run alone, its writer's thread on the other core) and in CPU time, user and system,
every thread (what a sweep that keeps every core busy pays); and inside a sweep, whose runs
share one process: a one-month run less an average month of the sweep's runs.

| measure | value | target | met |
|---|---|---|---|
| sweep, {cores} runs at a time | {together:.1f} s, {per_hour:,.0f} runs per hour | | |
| the same runs one after another, 1 thread | {alone:.1f} s | | |
| speed-up of the sweep | {ratio:.2f}x | >= 1.8x | {"yes" if ratio >= 1.8 else "NO"} |
| fixed cost per run (start, scenario, HDF5 open and close) | {fixed * 1000:.0f} ms of a {full:.2f} s default run: {share:.1%} | <= 2% (issue 21) | {"yes" if share <= 0.02 else "NO"} |
| ... of which reading the scenario and building its world (`ecosim_bench 26239 1 1`'s set-up, best of 5) | {build * 1000:.0f} ms: {build / full:.1%} | | |
| ... the rest: process start, the run file's creation and close, the first month's snapshot | {max(0.0, fixed - build) * 1000:.0f} ms: {max(0.0, fixed - build) / full:.1%} | | |
| fixed cost per run in CPU time | {fixed_cpu * 1000:.0f} ms of a default run's {full_cpu:.2f} s: {share_cpu:.1%} | <= 2% | {"yes" if share_cpu <= 0.02 else "NO"} |
| ... of which the writer's thread: the run file's datasets made, a month and the tables written, the file closed (`ecosim_bench 26239 1 1`'s `writer_cpu_s`, best of 5) | {writer_cpu * 1000:.0f} ms: {writer_cpu / full_cpu:.1%} | | |
| fixed cost per run inside a sweep (no process start): a one-month run of a 50-run sweep (`--jobs 1`, best of 2) less an average month of the {args.months}-month runs above | {fixed_in_sweep * 1000:.0f} ms of a {full:.2f} s default run: {fixed_in_sweep / full:.1%} (a one-month run {one_in_sweep * 1000:.0f} ms, a month {month_in_sweep * 1000:.1f} ms) | <= 2% | {"yes" if fixed_in_sweep <= 0.02 * full else "NO"} |
"""
    if base_ecosim:
        section += (
            f"| {base_sha}, a lone run as in the first rows, measured right after | {base_fixed * 1000:.0f} ms of a "
            f"{base_full:.2f} s default run: {base_fixed / base_full:.1%}; CPU "
            f"{base_fixed_cpu * 1000:.0f} ms of {base_full_cpu:.2f} s: "
            f"{base_fixed_cpu / base_full_cpu:.1%} | | |\n"
        )
    section += f"{END}\n"
    write_section(args.output, BEGIN, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
