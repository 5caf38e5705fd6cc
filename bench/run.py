#!/usr/bin/python3
"""Benchmarks the default model at 10^4, 10^5 and 10^6 firms on 1 and 2 threads and writes
bench/RESULTS.md: set-up time, time per step and per phase, agent-steps per second, ns per
agent-step, peak memory, 1- vs 2-thread speed-up and the share of run time spent recording
HDF5, with the targets of issue 4 checked.

usage: /usr/bin/python3 bench/run.py [--build build/release] [--steps 120] [--sizes 10000 100000 1000000]
                                     [--threads 1 2] [--output bench/RESULTS.md]
"""
import argparse
import datetime
import os
import pathlib
import platform
import subprocess
import sys

from results_file import write_section  # bench/results_file.py, beside this script

BEGIN = "<!-- begin: scaling (bench/run.py) -->"
END = "<!-- end: scaling -->"

ROOT = pathlib.Path(__file__).resolve().parents[1]


def cpu_ticks():
    """(steal, total) jiffies of all CPUs: a virtual machine's host may take cores away."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return fields[7] if len(fields) > 7 else 0, sum(fields)


def run_one(binary, firms, steps, threads):
    """One configuration in its own process, so peak memory is its own."""
    steal0, total0 = cpu_ticks()
    out = subprocess.run(
        [str(binary), str(firms), str(steps), str(threads)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    steal1, total1 = cpu_ticks()
    items = dict(item.split("=", 1) for item in out.split())
    phases = items.pop("phases").split(",")  # the benchmark names the phases, in step order
    fields = {k: float(v) for k, v in items.items()}
    fields["phases"] = phases
    fields["steal_share"] = (steal1 - steal0) / max(total1 - total0, 1)
    return fields


def machine():
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = 0
    return f"{model}, {os.cpu_count()} cores, {mem / 2**20:.0f} GiB, {platform.system()} {platform.release()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build" / "release")
    parser.add_argument("--steps", type=int, default=120)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    binary = args.build / "ecosim_bench"
    if not binary.is_file():
        print(
            f"run.py: {binary} not found; build first: cmake --preset release && cmake --build --preset release",
            file=sys.stderr,
        )
        return 2

    results = {}
    phases = None
    for firms in args.sizes:
        for threads in args.threads:
            r = run_one(binary, firms, args.steps, threads)
            # Phases that take a measurable share of a step (the calendar does not).
            phases = phases or [p for p in r["phases"] if p != "calendar"]
            # Stepping alone (recording excluded) is what must scale linearly with agents.
            r["step_ns_per_agent_step"] = r["ns_per_agent_step"] * (1 - r["recording_share"])
            results[firms, threads] = r
            print(
                f"{firms:>9} firms, {threads} thread(s): {r['run_s']:.2f} s, "
                f"{r['ns_per_agent_step']:.0f} ns/agent-step, {r['peak_mib']:.0f} MiB",
                flush=True,
            )

    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}  ",
        f"Command: `/usr/bin/python3 bench/run.py --steps {args.steps} --sizes {' '.join(map(str, args.sizes))}"
        f" --threads {' '.join(map(str, args.threads))}` (Release build)  ",
        f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; commit "
        f"{subprocess.run(['git', '-C', str(ROOT), 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()}",
        "",
        "The default scenario scaled to the given number of firms (population, municipalities, "
        "universities, investors, promotion organisations, dialogue and the agency budget scaled "
        f"with them), {args.steps} months, recording HDF5 at the default cadence (every step, "
        'flushed every 12). Agent-steps = firms at the start x steps. "host steal" is the share of '
        "CPU time the virtual machine's host took away during the run (from /proc/stat): wall-clock "
        "speed-ups measured while it is high understate the code's.",
        "",
        "| firms | threads | set-up s | run s | ms/step | agent-steps/s | ns/agent-step | stepping ns/agent-step "
        "| peak MiB | B/firm | HDF5 share | CPU s | host steal | "
        + " | ".join(f"{p} ms" for p in phases)
        + " |",
        "|" + "---|" * (13 + len(phases)),
    ]
    for (firms, threads), r in sorted(results.items()):
        lines.append(
            f"| {firms:,} | {threads} | {r['setup_s']:.2f} | {r['run_s']:.2f} | {r['step_ms']:.1f} | "
            f"{r['agent_steps_per_s']:.3g} | {r['ns_per_agent_step']:.0f} | {r['step_ns_per_agent_step']:.0f} | "
            f"{r['peak_mib']:.0f} | {r['bytes_per_firm']:.0f} | {100 * r['recording_share']:.1f}% | "
            f"{r['cpu_s']:.1f} | {100 * r['steal_share']:.0f}% | "
            + " | ".join(f"{r[p + '_ms']:.1f}" for p in phases)
            + " |"
        )

    checks = []
    small, large = min(args.sizes), max(args.sizes)
    top = max(args.threads)
    if 1 in args.threads and top > 1:
        lines += ["", f"Speed-up, 1 -> {top} threads:", ""]
        for firms in args.sizes:
            speedup = results[firms, 1]["run_s"] / results[firms, top]["run_s"]
            busy = results[firms, top]["cpu_s"] / (
                results[firms, top]["setup_s"] + results[firms, top]["run_s"]
            )
            lines.append(
                f"- {firms:,} firms: {speedup:.2f}x wall clock; on {top} threads the process kept "
                f"{busy:.2f} cores busy"
            )
            if firms >= 100_000 and top == 2:
                checks.append(
                    (
                        f"2 threads >= 1.8x faster than 1 at {firms:,} firms",
                        speedup >= 1.8,
                        f"{speedup:.2f}x",
                    )
                )
        # Where the speed-up is lost: each phase's own speed-up at the largest size.
        largest = max(args.sizes)
        per_phase = {
            p: results[largest, 1][p + "_ms"] / max(results[largest, top][p + "_ms"], 1e-9)
            for p in phases
        }
        lines += [
            "",
            f"Speed-up by phase at {largest:,} firms (1 -> {top} threads), slowest first:",
            "",
        ]
        for phase, speedup in sorted(per_phase.items(), key=lambda kv: kv[1]):
            share = results[largest, top][phase + "_ms"] / results[largest, top]["step_ms"]
            lines.append(
                f"- {phase}: {speedup:.2f}x ({100 * share:.0f}% of a step on {top} threads)"
            )
        lines += [
            "",
            "Serial by design: admission and financing of proposals (fixed order, so partners' places "
            "and funders' budgets are taken the same way at any thread count) in partnerships, the "
            "settling of ended projects in projects, and HDF5 writes. A compute-only TBB loop reaches "
            "about 1.84x on this 2-core VM, the ceiling for any phase here.",
        ]
    ratio = (
        results[large, top]["step_ns_per_agent_step"]
        / results[small, top]["step_ns_per_agent_step"]
    )
    checks.append(
        (
            f"cost per agent-step at {large:,} <= 1.3x that at {small:,} (stepping)",
            ratio <= 1.3,
            f"{ratio:.2f}x",
        )
    )
    lines += ["", f"Cost per firm by phase, {large:,} against {small:,} firms ({top} threads):", ""]
    for phase in phases:
        grow = (results[large, top][phase + "_ms"] / large) / max(
            results[small, top][phase + "_ms"] / small, 1e-12
        )
        lines.append(f"- {phase}: {grow:.2f}x")
    share = (
        max(results[firms, top]["recording_share"] for firms in args.sizes if firms >= 100_000)
        if large >= 100_000
        else results[large, top]["recording_share"]
    )
    checks.append(
        (
            "HDF5 recording <= 5% of run time (10^5 firms and more)",
            share <= 0.05,
            f"{100 * share:.1f}%",
        )
    )
    per_firm = results[large, top]["bytes_per_firm"]
    checks.append(
        (f"peak memory <= 1 KiB per firm at {large:,}", per_firm <= 1024, f"{per_firm:.0f} B")
    )
    if large >= 1_000_000 and args.steps >= 120 and top == 2:
        total = results[large, top]["setup_s"] + results[large, top]["run_s"] * 120 / args.steps
        checks.append(
            ("10^6 firms x 120 months <= 60 s on 2 threads", total <= 60, f"{total:.1f} s")
        )
    lines += ["", "## Targets", "", "| target | met | measured |", "|---|---|---|"]
    lines += [f"| {name} | {'yes' if ok else 'NO'} | {value} |" for name, ok, value in checks]
    text = "\n".join(lines) + "\n"
    # Its own section only: the other scripts' sections and the profile stay as they are.
    write_section(args.output, BEGIN, END, BEGIN + "\n" + text + END + "\n")
    print(text)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
