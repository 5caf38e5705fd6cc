#!/usr/bin/env python3
"""Benchmarks the default model at 10^4, 10^5 and 10^6 firms on 1 and 2 threads and writes
bench/RESULTS.md: set-up time, time per step and per phase, agent-steps per second, ns per
agent-step, peak memory, 1- vs 2-thread speed-up and the share of run time spent recording
HDF5, each configuration paired with the same benchmark of a baseline commit (03c8987, the code
before the model work: built once into build/baseline/), with the targets of issue 21 checked.

usage: /usr/bin/python3 bench/run.py [--build build/release] [--steps 120] [--sizes 10000 100000 1000000]
                                     [--threads 1 2] [--baseline 03c8987] [--output bench/RESULTS.md]
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
    # The phases in step order: named by the benchmark, or (an older one) by its *_ms keys.
    names = items.pop("phases", None)
    phases = names.split(",") if names else [k[:-3] for k in items if k.endswith("_ms")]
    phases = [p for p in phases if p != "step"]
    fields = {k: float(v) for k, v in items.items()}
    fields["phases"] = phases
    fields["steal_share"] = (steal1 - steal0) / max(total1 - total0, 1)
    # Stepping alone (recording excluded) is what must scale linearly with agents.
    fields["step_ns_per_agent_step"] = fields["ns_per_agent_step"] * (1 - fields["recording_share"])
    return fields


def build_baseline(rev, build_root, target="ecosim_bench"):
    """`target` (ecosim_bench, ecosim) of commit `rev`, built from `git archive` in
    build_root/REV (kept between runs): the same benchmark on the code before the model work,
    for paired ratios."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    source = build_root / sha
    binary = source / "build" / "release" / target
    if binary.is_file():
        return sha, binary
    if not (source / "CMakeLists.txt").is_file():
        source.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", sha],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    print(f"building {sha}'s {target} in {source} ...", flush=True)
    for command in (
        ["cmake", "--preset", "release"],
        ["cmake", "--build", "--preset", "release", "--target", target],
    ):
        subprocess.run(command, cwd=source, check=True, stdout=subprocess.DEVNULL)
    return sha, binary


def load_average():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "unknown"


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


def measure(binary, base_binary, args):
    """Each configuration on the code now and, right after it, on the baseline: pairs measured
    minutes apart, so a change of the machine's load shows in both."""
    now, base = {}, {}
    for firms in args.sizes:
        for threads in args.threads:
            now[firms, threads] = r = run_one(binary, firms, args.steps, threads)
            line = f"{firms:>9} firms, {threads} thread(s): {r['run_s']:.2f} s, {r['peak_mib']:.0f} MiB"
            if base_binary:
                base[firms, threads] = b = run_one(base_binary, firms, args.steps, threads)
                line += f"; baseline {b['run_s']:.2f} s, {b['peak_mib']:.0f} MiB"
            print(line, flush=True)
    return now, base


def share(r, phase):
    return r[phase + "_ms"] / r["step_ms"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=pathlib.Path, default=ROOT / "build" / "release")
    parser.add_argument("--steps", type=int, default=120)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--baseline",
        default="03c8987",
        help="commit whose ecosim_bench runs beside each configuration ('' for none)",
    )
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    binary = args.build / "ecosim_bench"
    if not binary.is_file():
        print(
            f"run.py: {binary} not found; build first: cmake --preset release && cmake --build --preset release",
            file=sys.stderr,
        )
        return 2
    base_sha, base_binary = (
        build_baseline(args.baseline, ROOT / "build" / "baseline") if args.baseline else ("", None)
    )
    load = load_average()
    results, base = measure(binary, base_binary, args)
    phases = [p for p in next(iter(results.values()))["phases"] if p != "calendar"]
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    command = (
        f"/usr/bin/python3 bench/run.py --steps {args.steps} --sizes {' '.join(map(str, args.sizes))}"
        f" --threads {' '.join(map(str, args.threads))}"
        + (f" --baseline {args.baseline}" if args.baseline else " --baseline ''")
    )
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}  ",
        f"Command: `{command}` (Release build)  ",
        f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {head}; "
        f"load average {load} when started",
        "",
        "The default scenario scaled to the given number of firms (population, municipalities, "
        "universities, investors, promotion organisations, dialogue and the agency budget scaled "
        f"with them), {args.steps} months, recording HDF5 at the default cadence (every step, "
        "flushed every 12; firm snapshots in months 1, 12, 24, ... and the last). Agent-steps = "
        'firms at the start x steps. "host steal" is the share of CPU time the virtual machine\'s '
        "host took away during the run (from /proc/stat): wall-clock speed-ups measured while it "
        "is high understate the code's.",
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
    if base:
        lines += [
            "",
            f"Paired with {base_sha} (its ecosim_bench built from `git archive {base_sha}`, each "
            "configuration run right after this commit's): ratios are now / then, below 1 is faster "
            "or smaller.",
            "",
            "| firms | threads | run s | then | ratio | CPU s | then | ratio | B/firm | then | HDF5 share | then | "
            + " | ".join(f"{p} ratio" for p in phases)
            + " |",
            "|" + "---|" * (12 + len(phases)),
        ]
        for (firms, threads), r in sorted(results.items()):
            b = base[firms, threads]
            lines.append(
                f"| {firms:,} | {threads} | {r['run_s']:.2f} | {b['run_s']:.2f} | {r['run_s'] / b['run_s']:.2f} | "
                f"{r['cpu_s']:.1f} | {b['cpu_s']:.1f} | {r['cpu_s'] / b['cpu_s']:.2f} | "
                f"{r['bytes_per_firm']:.0f} | {b['bytes_per_firm']:.0f} | "
                f"{100 * r['recording_share']:.1f}% | {100 * b['recording_share']:.1f}% | "
                + " | ".join(
                    f"{r[p + '_ms'] / b[p + '_ms']:.2f}" if b.get(p + "_ms") else "-"
                    for p in phases
                )
                + " |"
            )

    checks = []  # (target, met, measured now, baseline)

    def then(value):
        return value if base else "-"

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
                was = base and base[firms, 1]["run_s"] / base[firms, top]["run_s"]
                checks.append(
                    (
                        f"2 threads >= 1.8x faster than 1 at {firms:,} firms",
                        speedup >= 1.8,
                        f"{speedup:.2f}x",
                        then(f"{was:.2f}x" if base else ""),
                    )
                )
        # Where the speed-up is lost: each phase's own speed-up at the largest size.
        per_phase = {
            p: results[large, 1][p + "_ms"] / max(results[large, top][p + "_ms"], 1e-9)
            for p in phases
        }
        lines += [
            "",
            f"Speed-up by phase at {large:,} firms (1 -> {top} threads), slowest first:",
            "",
        ]
        for phase, speedup in sorted(per_phase.items(), key=lambda kv: kv[1]):
            lines.append(
                f"- {phase}: {speedup:.2f}x ({100 * share(results[large, top], phase):.0f}% of a step "
                f"on {top} threads)"
            )
        lines += [
            "",
            "Serial by design: admission and financing of proposals (fixed order, so partners' places "
            "and funders' budgets are taken the same way at any thread count) in partnerships, the "
            "settling of ended projects in projects, and HDF5 writes.",
        ]
    lines += ["", f"Cost per firm by phase, {large:,} against {small:,} firms ({top} threads):", ""]
    for phase in phases:
        grow = (results[large, top][phase + "_ms"] / large) / max(
            results[small, top][phase + "_ms"] / small, 1e-12
        )
        lines.append(f"- {phase}: {grow:.2f}x")

    for phase, limit in (("demography", 0.25), ("indicators", 0.15)):
        if phase not in phases:
            continue
        worst = max(results, key=lambda k: share(results[k], phase))
        was = base and max(share(b, phase) for b in base.values())
        checks.append(
            (
                f"{phase} <= {100 * limit:.0f}% of a step at every size and thread count",
                share(results[worst], phase) <= limit,
                f"{100 * share(results[worst], phase):.1f}% (largest: {worst[0]:,} firms, {worst[1]} thread(s))",
                then(f"{100 * was:.1f}%" if base else ""),
            )
        )
    for label, sizes, limit in (
        (f"{small:,} firms", [small], 0.05),
        ("10^5 firms and more", [n for n in args.sizes if n >= 100_000], 0.02),
    ):
        if not sizes:
            continue
        worst = max(
            ((n, t) for n, t in results if n in sizes), key=lambda k: results[k]["recording_share"]
        )
        was = base and max(base[k]["recording_share"] for k in base if k[0] in sizes)
        checks.append(
            (
                f"output (HDF5, snapshots on) <= {100 * limit:.0f}% of the run at {label}",
                results[worst]["recording_share"] <= limit,
                f"{100 * results[worst]['recording_share']:.1f}% ({worst[0]:,} firms, {worst[1]} thread(s))",
                then(f"{100 * was:.1f}% (no snapshots then)" if base else ""),
            )
        )
    per_firm = results[large, top]["bytes_per_firm"]
    checks.append(
        (
            f"peak memory <= 512 bytes per firm at {large:,}",
            per_firm <= 512,
            f"{per_firm:.0f} B",
            then(f"{base[large, top]['bytes_per_firm']:.0f} B" if base else ""),
        )
    )
    if large >= 1_000_000 and args.steps >= 120 and top == 2:
        r = results[large, top]
        total = r["setup_s"] + r["run_s"] * 120 / args.steps
        checks.append(
            (
                f"10^6 firms x 120 months <= 20 s on 2 threads",
                total <= 20,
                f"{total:.1f} s",
                then(
                    f"{base[large, top]['setup_s'] + base[large, top]['run_s'] * 120 / args.steps:.1f} s"
                    if base
                    else ""
                ),
            )
        )
        if base:
            b = base[large, top]
            checks.append(
                (
                    f"... and <= the CPU time of {base_sha}",
                    r["cpu_s"] <= b["cpu_s"],
                    f"{r['cpu_s']:.1f} CPU s ({r['cpu_s'] / b['cpu_s']:.2f}x)",
                    f"{b['cpu_s']:.1f} CPU s",
                )
            )
    lines += [
        "",
        "## Targets (issue 21)",
        "",
        f"| target | met | now | {base_sha or 'baseline'} |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {name} | {'yes' if ok else 'NO'} | {value} | {was} |" for name, ok, value, was in checks
    ]
    lines += [
        "",
        "The sweep's fixed cost per run is measured by bench/sweep_throughput.py (its section below).",
    ]
    text = "\n".join(lines) + "\n"
    # Its own section only: the other scripts' sections and the profile stay as they are.
    write_section(args.output, BEGIN, END, BEGIN + "\n" + text + END + "\n")
    print(text)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
