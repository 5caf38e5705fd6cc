#!/usr/bin/env python3
"""Cost against regions: scenarios of N regions of a few firms each (10 to 60,000; the region
index holds at most 65,535), run a few months on one thread, with the wall time per step, the
peak memory and the memory estimate `ecosim run` checks against --max-memory. Writes the "Cost
against regions" section of bench/RESULTS.md (cost against firms is the section above it).

usage: /usr/bin/python3 bench/regions.py [--build build/release] [--steps 3] [--firms 5]
"""
import argparse
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

from results_file import write_section  # bench/results_file.py, beside this script

ROOT = pathlib.Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- begin: regions -->", "<!-- end: regions -->"
SIZES = (10, 100, 1000, 10_000, 60_000)
# What sim/run/resources.hpp estimates: 1100 B per firm, 6.5 KiB per region, 40 MiB.
PER_FIRM, PER_REGION, FIXED = 1100, 6656, 40 << 20


def scenario(path: pathlib.Path, regions: int, firms: int, steps: int) -> None:
    with open(path, "w") as f:
        f.write(f"[simulation]\nsteps = {steps}\nseed = 1\nsnapshot_every = 0\n")
        for i in range(regions):
            f.write(f'[[region]]\nname = "r{i}"\npopulation = {200 * firms}\nfirms = {firms}\n')


def run(ecosim, path, out, steps):
    """(wall seconds of a run of `steps` months, peak resident KiB) in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [
            str(ecosim),
            "run",
            str(path),
            "-o",
            str(out),
            "--force",
            "--quiet",
            "--threads",
            "1",
            "--steps",
            str(steps),
        ],
        check=True,
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build" / "release")
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--firms", type=int, default=5)
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    ecosim = args.build / "ecosim"
    rows = []
    with tempfile.TemporaryDirectory(prefix="ecosim-regions-bench-") as folder:
        folder = pathlib.Path(folder)
        for n in SIZES:
            path = folder / f"regions{n}.toml"
            scenario(path, n, args.firms, args.steps)
            # A run of 1 month and one of `steps`: the difference is the cost of the extra steps,
            # without building the world. Each in its own process, so peaks do not mix.
            one = min(run(ecosim, path, folder / "one.h5", 1)[0] for _ in range(2))
            wall, _ = run(ecosim, path, folder / "many.h5", args.steps)
            peak = int(
                subprocess.run(
                    [
                        "/usr/bin/time",
                        "-f",
                        "%M",
                        str(ecosim),
                        "run",
                        str(path),
                        "-o",
                        str(folder / "peak.h5"),
                        "--force",
                        "--quiet",
                        "--threads",
                        "1",
                        "--steps",
                        str(args.steps),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stderr.strip()
                .splitlines()[-1]
            )
            per_step = max(0.0, wall - one) / (args.steps - 1)
            estimate = n * args.firms * PER_FIRM + n * PER_REGION + FIXED
            rows.append((n, per_step, wall, peak * 1024, estimate))
            print(
                f"{n} regions: {per_step * 1000:.1f} ms a step, peak {peak / 1024:.0f} MiB, "
                f"estimate {estimate / 2**20:.0f} MiB",
                file=sys.stderr,
            )
    version = subprocess.run(
        [str(ecosim), "--version"], capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"| {n:,} | {n * args.firms:,} | {per_step * 1000:.1f} | {per_step / n * 1e6:.2f} | {peak / 2**20:.0f} | "
        f"{estimate / 2**20:.0f} | {'yes' if estimate >= peak else 'NO'} |"
        for n, per_step, wall, peak, estimate in rows
    ]
    section = f"""{BEGIN}
## Cost against regions

Command: `/usr/bin/python3 bench/regions.py --steps {args.steps} --firms {args.firms}` ({version},
{os.cpu_count()} cores, one thread). Scenarios of N regions of {args.firms} firms each; a step's
cost is (a run of {args.steps} months - a run of 1 month) / {args.steps - 1}, so building the world
is left out; the peak is the whole process's. Two parts of a step were quadratic in the regions
(issue 19): the `*_relative` indicators (65,536 regions took 121 s for one step), now one pass
over the regions, and the firm totals, whose chunks of 2,048 firms each copied and merged a total
per region (61 us a step per region at 60,000 regions), now chunks of at least 16 firms per region.

| regions | firms | ms a step | us a step per region | peak MiB | estimate MiB | estimate >= peak |
|---|---|---|---|---|---|---|
{chr(10).join(lines)}
{END}
"""
    write_section(args.output, BEGIN, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
