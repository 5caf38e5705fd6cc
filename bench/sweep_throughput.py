#!/usr/bin/env python3
"""Sweep throughput on this machine: a 100-run sweep of the default scenario at 24 months run
by `ecosim sweep` (runs side by side, one thread each), against the same runs one after another
at one thread each; and the fixed cost of a run (start, scenario, HDF5 open and close) against
a default ten-year run, alone and inside a sweep, in paired rounds (about 2 minutes in all).
Writes the "Sweep throughput" section of bench/RESULTS.md.

usage: /usr/bin/python3 bench/sweep_throughput.py [--build build/release] [--runs 100] [--months 24]
                                                  [--rounds 15] [--baseline 03c8987] [--output FILE]
"""
import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from results_file import write_section  # bench/results_file.py, beside this script
from run import build_baseline  # bench/run.py: the baseline commit's build

ROOT = pathlib.Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- begin: sweep throughput -->", "<!-- end: sweep throughput -->"
# Runs in each sweep of a round of the fixed-cost measure: a sweep's own start (process, plan,
# every point's scenario checked: about 5 ms) is spread over them.
RUNS_PER_ROUND = 25


def timed_with_cpu(command) -> tuple:
    """The command's wall time and the CPU time (user and system, every thread) it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


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


def timed_sweep(ecosim, spec, out, jobs) -> tuple:
    """Wall and CPU time of `ecosim sweep SPEC` into a new folder OUT, `jobs` runs at a time of
    1 thread."""
    shutil.rmtree(out, ignore_errors=True)
    return timed_with_cpu(
        [str(ecosim), "sweep", str(spec), "-o", str(out), "-q"]
        + ["--jobs", str(jobs), "--threads", "1"]
    )


def lone_run(ecosim, out, months=None) -> list:
    """`ecosim run` of the default scenario into OUT on one thread (`months`: its length)."""
    command = [str(ecosim), "run", "-o", str(out), "--force", "--quiet", "--threads", "1"]
    return command + (["--steps", str(months)] if months else [])


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
        "--rounds", type=int, default=15, help="paired rounds of the fixed cost inside a sweep"
    )
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
        together = timed_sweep(ecosim, sweep, work / "together", cores)[0]
        alone = timed_sweep(ecosim, sweep, work / "alone", 1)[0]

        # The fixed cost of a run is what it costs besides its months and its snapshots: a
        # 2-month run has one month and one snapshot more than a 1-month run (snapshots are
        # taken at month 1 and at the last month), so it is 2 x (1 month) - (2 months). It is
        # measured for a run alone (`ecosim run`, in wall time, its writer's thread on the
        # other core, and in CPU time, every thread), for the baseline's, and inside a sweep,
        # whose runs share one process, in CPU time (what a sweep that keeps every core busy
        # pays, writer threads included). The host's speed drifts by a third within minutes
        # here, so each round measures everything once, in alternating order, and each share
        # is taken against a default run of the same round.
        one_month = write_sweep(work / "one_month.toml", RUNS_PER_ROUND, 1)
        two_months = write_sweep(work / "two_months.toml", RUNS_PER_ROUND, 2)
        binaries = {"this": ecosim, **({"base": base_ecosim} if base_ecosim else {})}

        def lone(binary):
            """(wall, CPU) of the fixed cost of a run alone, and of a default run."""
            one, two, full = (
                timed_with_cpu(lone_run(binary, work / "lone.h5", months))
                for months in (1, 2, None)
            )
            return 2 * one[0] - two[0], 2 * one[1] - two[1], full[0], full[1]

        rounds = []
        for k in range(args.rounds):
            m = {}
            for name in list(binaries)[:: 1 - 2 * (k % 2)]:
                m[name] = lone(binaries[name])
            cpu = {}
            for spec in [one_month, two_months][:: 1 - 2 * (k % 2)]:
                cpu[spec] = timed_sweep(ecosim, spec, work / spec.stem, 1)[1] / RUNS_PER_ROUND
            m["sweep"] = 2 * cpu[one_month] - cpu[two_months]
            m["world"], m["writer"] = default_world_bench(args.build / "ecosim_bench")
            rounds.append(m)
        # The issue names start, scenario, HDF5 open and close; building the world is the
        # model's own first step (its draws are the run's, and it grows with the firms like a
        # month), so it is shown apart. The scenario's reading stays in. ecosim_bench's set-up
        # (wall time on one thread, where wall and CPU agree) reads the default scenario twice,
        # once to scale it and once with the overrides, so two readings (`ecosim check` less
        # `ecosim --version`) are taken off it to leave the world's build alone.
        start = min(timed_with_cpu([str(ecosim), "--version"])[1] for _ in range(5))
        check = [str(ecosim), "check", str(ROOT / "scenarios" / "default.toml")]
        scenario = max(0.0, min(timed_with_cpu(check)[1] for _ in range(5)) - start)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    per_hour = args.runs / together * 3600
    ratio = alone / together

    def row(cost, of="this", cpu=True):
        """A cost over the rounds: its median in ms, its median share of the same round's
        default run (CPU time, or wall time for cpu=False), and the range of the shares."""
        full = 3 if cpu else 2
        shares = [cost(r) / r[of][full] for r in rounds]
        ms = statistics.median(cost(r) for r in rounds) * 1000
        share = statistics.median(shares)
        text = f"{ms:.0f} ms: {share:.1%} (rounds {min(shares):.1%} to {max(shares):.1%})"
        return text, share

    lone_wall, lone_wall_share = row(lambda r: r["this"][0], cpu=False)
    lone_cpu, lone_cpu_share = row(lambda r: r["this"][1])
    writer, _ = row(lambda r: r["writer"])
    in_sweep, in_sweep_share = row(lambda r: r["sweep"])
    build = lambda r: r["world"] - 2 * scenario  # noqa: E731
    world, _ = row(build)
    listed, listed_share = row(lambda r: r["sweep"] - build(r))
    started, started_share = row(lambda r: r["sweep"] - build(r) + start)
    full_cpu = statistics.median(r["this"][3] for r in rounds)
    met = lambda share: "yes" if share <= 0.02 else "NO"  # noqa: E731
    version = subprocess.run(
        [str(ecosim), "--version"], capture_output=True, text=True
    ).stdout.strip()
    section = f"""{BEGIN}
## Sweep throughput

Command: `/usr/bin/python3 bench/sweep_throughput.py --runs {args.runs} --months {args.months}` ({version},
{cores} cores). A sweep of {args.runs} random points of the default scenario (26,239 firms) at
{args.months} months, run by `ecosim sweep` with {cores} runs at a time of one thread each, against the
same runs one after another at one thread each (`--jobs 1`). The fixed cost of a run is what
it costs besides its months and its snapshots: 2 x (a one-month run) - (a two-month run), since
a two-month run has one month and one snapshot more (snapshots are taken at month 1 and at the
last month). It is measured for one run alone (in wall time, its writer's thread on the
other core, and in CPU time, user and system, every thread) and inside a sweep, whose runs
share one process, in CPU time (what a sweep that keeps every core busy pays). The host's
speed drifts, so {args.rounds} rounds each measure everything once, in alternating order, and
each share is of a default run of the same round: the median share, and the rounds' range.

| measure | value | target | met |
|---|---|---|---|
| sweep, {cores} runs at a time | {together:.1f} s, {per_hour:,.0f} runs per hour | | |
| the same runs one after another, 1 thread | {alone:.1f} s | | |
| speed-up of the sweep | {ratio:.2f}x | >= 1.8x | {"yes" if ratio >= 1.8 else "NO"} |
| fixed cost per run alone (`ecosim run`: process start, scenario, world, run file), wall time, its writer's thread on the other core | {lone_wall} | | |
| ... in CPU time, every thread (a default run {full_cpu:.2f} s) | {lone_cpu} | | |
| ... of which the writer's thread: the run file made, a month and the tables written, the file closed (`ecosim_bench 26239 1 1`'s `writer_cpu_s`, months and snapshot included) | {writer} | | |
| **fixed cost per run inside a sweep** (no process start), CPU time: {RUNS_PER_ROUND}-run sweeps of 1-month and of 2-month runs, `--jobs 1` | {in_sweep} | <= 2% if the world's build counts | {met(in_sweep_share)} |
| ... of which building the world (`ecosim_bench 26239 1 1`'s set-up, less its two readings of the scenario) | {world} | | |
| ... **the issue's list alone** (the scenario read, the run file made, flushed and closed): the row above less building the world | {listed} | <= 2% (issue 21) | {met(listed_share)} |
| ... and with a process start, where each run is a process of its own (`ecosim --version`, {start * 1000:.1f} ms CPU) | {started} | <= 2% | {met(started_share)} |
"""
    if base_ecosim:
        base_wall, _ = row(lambda r: r["base"][0], of="base", cpu=False)
        base_cpu, _ = row(lambda r: r["base"][1], of="base")
        section += (
            f"| {base_sha}, the same rounds, a run alone | wall {base_wall}; CPU {base_cpu} "
            f"(a default run {statistics.median(r['base'][3] for r in rounds):.2f} s) | | |\n"
        )
    section += f"{END}\n"
    write_section(args.output, BEGIN, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
