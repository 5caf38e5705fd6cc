#!/usr/bin/env python3
"""A sweep of 10^5 one-month runs on this machine: planning it, writing its first index (from
the runs' journals), its index from the run files alone and again from what the last index
found, and resuming it with nothing left to do,
each as the user types it (`ecosim sweep ...`). The runs' files are made by ecosim_sweep_fill
(run 0 for real, the others copies of it annotated as their own run), since indexing and
resuming read only what a file says of its run. Writes the "Sweeps of 10^5 runs" section of
bench/RESULTS.md.

usage: /usr/bin/python3 bench/sweep_scale.py [--build build/release] [--runs 100000] [--keep DIR]
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
from sweep_throughput import timed  # a command's wall time, its output discarded

ROOT = pathlib.Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- begin: sweep scale -->", "<!-- end: sweep scale -->"


def drop_caches() -> bool:
    """Empties the page cache (root only), so that a timing reads the files from the disk."""
    try:
        subprocess.run(["sync"], check=True)
        pathlib.Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build" / "release")
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--keep", type=pathlib.Path, help="make the sweep here and keep it")
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    ecosim, fill = args.build / "ecosim", args.build / "ecosim_sweep_fill"
    work = args.keep or pathlib.Path(tempfile.mkdtemp(prefix="ecosim-sweep-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sweep, out = work / "scale.toml", work / "out"
        sweep.write_text(
            f"""# bench/sweep_scale.py: {args.runs} one-month runs of the default scenario
[sweep]
design = "random"
samples = {args.runs}
seed = 1
set = {{ "simulation.steps" = 1, "simulation.snapshot_every" = 0 }}
[[parameter]]
key = "trust.gain_dialogue"
lower = 0.01
upper = 0.04
"""
        )
        plan = timed([str(ecosim), "sweep", str(sweep), "--plan"])
        start = time.perf_counter()
        subprocess.run([str(fill), str(sweep), str(out)], check=True, stdout=subprocess.DEVNULL)
        fill_s = time.perf_counter() - start
        files = sum(1 for _ in (out / "runs").rglob("*.h5"))
        folders = sum(1 for p in (out / "runs").iterdir() if p.is_dir())
        size = sum(p.stat().st_size for p in (out / "runs").rglob("*.h5"))

        index = [str(ecosim), "sweep", str(sweep), "-o", str(out), "--index-only"]
        (out / ".index_cache").unlink(missing_ok=True)
        cold = drop_caches()
        first = timed(index)  # no earlier index: the runs' journals, a stat per run file
        (out / ".index_cache").unlink()
        shutil.rmtree(out / ".journal")
        drop_caches()
        rebuild = timed(index)  # neither: every run file opened
        (out / ".index_cache").unlink()
        rebuild_warm = timed(index)  # the same with the files in the page cache
        drop_caches()
        update = timed(index)  # as an array task ending: the last index's findings, files stat'ed
        drop_caches()
        resume = timed([str(ecosim), "sweep", str(sweep), "-o", str(out), "-q"])
        done = (out / "index.csv").read_text().count(",done,")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    load = os.getloadavg()[0]
    rows = [
        ("planning (`ecosim sweep F --plan`)", f"{plan:.1f} s", "", ""),
        (
            "index as the sweep ends, none written before: the runs' journals and a `stat` per"
            " run file" + (" (page cache dropped)" if cold else ""),
            f"{first:.1f} s",
            "<= 30 s",
            "yes" if first <= 30 else "NO",
        ),
        (
            "index from the run files alone, journals and cache deleted (every file opened"
            + (", page cache dropped)" if cold else ")"),
            f"{rebuild:.1f} s",
            "",
            "",
        ),
        ("... the same, files in the page cache", f"{rebuild_warm:.1f} s", "", ""),
        (
            "index from what the last index found (as each array task ends)",
            f"{update:.1f} s",
            "",
            "",
        ),
        (
            "resume with nothing to do (`ecosim sweep F`, index rewritten)",
            f"{resume:.1f} s",
            "<= 10 s",
            "yes" if resume <= 10 else "NO",
        ),
    ]
    table = "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
    section = f"""{BEGIN}
## Sweeps of 10^5 runs (issue 22)

Command: `/usr/bin/python3 bench/sweep_scale.py --runs {args.runs}` ({os.cpu_count()} cores,
load average {load:.2f} when done). A random sweep of {args.runs:,} one-month runs of the
default scenario: {files:,} run files in {folders} folders of 1,000 (`runs/NNN/`),
{size / 2**30:.1f} GiB, made in {fill_s:.0f} s by `ecosim_sweep_fill` (run 0 run, the others
copies annotated as their own run). {done:,} runs indexed done.

| step | time | target | met |
|---|---|---|---|
{table}
{END}
"""
    write_section(args.output, BEGIN, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
