"""The `ecosim-analysis` command: compare strategies, draw figures, write a report, and study
sweeps (heat maps, sensitivity, robustness, export for the EMA Workbench).

Run it as `analysis/ecosim-analysis COMMAND ...` or `PYTHONPATH=analysis /usr/bin/python3 -m
ecosim_analysis COMMAND ...`; `COMMAND --help` explains each. A file that cannot be analysed
stops the command with one line, `ecosim-analysis: FILE: reason`, and exit code 2.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import sys
import tempfile
import warnings

PROG = "ecosim-analysis"

SELECTION_HELP = """runs: run files, quoted globs ('runs/*.h5'), folders of run files, or sweep folders (holding
index.h5 / index.csv). Runs are grouped into strategies by the stem of their scenario file
(root attribute scenario_source); --group NAME=FILES puts files (comma-separated paths or quoted
globs) into a named group instead; --by KEY splits a sweep by the value of a swept parameter."""


def _selection(parser: argparse.ArgumentParser, sources: bool = True) -> None:
    if sources:
        parser.add_argument(
            "runs", nargs="*", metavar="RUN", help="run files, globs, folders or sweep folders"
        )
    parser.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="NAME=FILES",
        help="a strategy made of these files or globs (repeatable; comma-separated)",
    )
    parser.add_argument(
        "--by", metavar="KEY", help="sweeps: one strategy per value of this swept parameter"
    )
    parser.add_argument(
        "--region", help="region name or index (default: the first, the region studied)"
    )
    parser.add_argument(
        "--allow-partial", action="store_true", help="read runs that did not finish (no 'complete')"
    )
    parser.add_argument(
        "--allow-mixed-versions",
        action="store_true",
        help="compare runs written by different ecosim versions (refused by default: a change of "
        "the model changes results, so pairing their seeds compares models, not strategies)",
    )
    parser.add_argument(
        "--scenario-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="folder to look for scenario files in, for their questions (repeatable)",
    )


def _indicator_option(parser, default="headline") -> None:
    parser.add_argument(
        "--indicators",
        default=default,
        metavar="LIST",
        help="comma-separated: 'headline' (the indicators regions track), a headline name, or any "
        "dataset of indicators/ (NAME or NAME[ITEM] for a 3-D one); default: %(default)s",
    )


def _compare_options(parser) -> None:
    parser.add_argument(
        "--baseline", help="strategy the others are compared with (default: the first)"
    )
    parser.add_argument(
        "--horizons",
        default="auto",
        metavar="LIST",
        help="comma-separated yearN, total, months:A-B (default: year5 and year10 where reached, and total)",
    )
    _indicator_option(parser)
    parser.add_argument(
        "--pairing",
        choices=("auto", "paired", "welch"),
        default="auto",
        help="auto: paired by seed when every strategy has the same seeds, else Welch",
    )
    parser.add_argument("--level", type=float, default=0.95, help="interval level (default 0.95)")
    parser.add_argument(
        "--adjust",
        choices=("holm", "bh"),
        default="holm",
        help="p-values adjusted over the table's differences: holm (family-wise, default) or bh "
        "(Benjamini-Hochberg, false discovery rate)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Commands: compare, effects, figures, report, table, info (runs); heatmap, "
        "sensitivity, robustness, export-ema (sweeps). See README.md, 'Analysis'.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    fmt = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser(
        "compare",
        help="table per indicator and horizon: means, intervals, differences, ranking",
        description="Compare strategies: mean and 95% interval per indicator and horizon, the "
        "difference from the baseline (paired by seed when the seeds match) with its interval and "
        "effect size, and a ranking.\n\n" + SELECTION_HELP,
        formatter_class=fmt,
    )
    _selection(p)
    _compare_options(p)
    p.add_argument(
        "--format",
        choices=("text", "markdown", "csv"),
        default="text",
        help="what to print (default text)",
    )
    p.add_argument("--csv", type=pathlib.Path, help="also write the long table as CSV")
    p.add_argument("--markdown", type=pathlib.Path, help="also write the tables as Markdown")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser(
        "effects",
        help="each named scenario's effect on its question, paired by seed (README table)",
        description="The effect of each named scenario of scenarios/ on its question against the "
        "scenario it is compared with (ecosim_analysis/effects.py, COMPARISONS): means, the paired "
        "difference with its interval over seeds, and whether the interval excludes 0. FOLDER holds "
        "<scenario>_seed<N>.h5 (scripts/scenario-effects.sh makes them).",
        formatter_class=fmt,
    )
    p.add_argument(
        "folder",
        type=pathlib.Path,
        metavar="FOLDER",
        help="folder of <scenario>_seed<N>.h5 run files",
    )
    p.add_argument(
        "--robustness",
        type=pathlib.Path,
        metavar="ROOT",
        help="folder of the robustness sweeps (ROOT/<question>/<scenario>, from "
        "scenarios/sweeps/robustness/): adds the share of plausible futures in which each sign holds",
    )
    p.add_argument("--level", type=float, default=0.95, help="interval level (default 0.95)")
    p.add_argument("--markdown", type=pathlib.Path, help="also write the table as Markdown")
    p.add_argument("--csv", type=pathlib.Path, help="also write the table as CSV")
    p.set_defaults(func=cmd_effects)

    p = sub.add_parser(
        "figures",
        help="PNG figures: indicator paths, funnel, money, trust",
        description="Draw the figures (PNG) of the runs.\n\n" + SELECTION_HELP,
        formatter_class=fmt,
    )
    _selection(p)
    _indicator_option(p)
    p.add_argument(
        "--out",
        type=pathlib.Path,
        default=pathlib.Path("figures"),
        help="folder (default: figures)",
    )
    p.add_argument(
        "--which",
        default="paths,differences,funnel,money,trust",
        help="comma-separated: paths (one panel figure and one file per indicator), differences (each "
        "strategy's paired difference from the baseline), funnel, money, trust",
    )
    p.add_argument(
        "--baseline", help="strategy the differences are taken from (default: the first)"
    )
    p.set_defaults(func=cmd_figures)

    p = sub.add_parser(
        "report",
        help="one self-contained HTML file: questions, tables, figures, provenance",
        description="Write the HTML report.\n\n" + SELECTION_HELP,
        formatter_class=fmt,
    )
    _selection(p)
    _compare_options(p)
    p.add_argument(
        "-o",
        "--out",
        type=pathlib.Path,
        default=pathlib.Path("report.html"),
        help="default: report.html",
    )
    p.add_argument("--title", default="", help="title of the report")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "table",
        help="one row per run: strategy, seed, swept values, each indicator at each horizon",
        description="The table of runs (like BehaviorSpace's table output): one row per run with its "
        "strategy, seed, sweep replicate and swept values, and each indicator at each horizon, with "
        "units; written as CSV (columns INDICATOR@HORIZON [UNIT]) and as a netCDF-4/HDF5 file that "
        "xarray opens (variables INDICATOR over (run, horizon), units as attributes).\n\n"
        + SELECTION_HELP,
        formatter_class=fmt,
    )
    _selection(p)
    _indicator_option(p)
    p.add_argument(
        "--horizons",
        default="auto",
        metavar="LIST",
        help="comma-separated yearN, total, months:A-B (default: year5 and year10 where reached, and total)",
    )
    p.add_argument(
        "-o",
        "--out",
        type=pathlib.Path,
        default=pathlib.Path("table.csv"),
        help="CSV (default: table.csv)",
    )
    p.add_argument(
        "--netcdf", type=pathlib.Path, help="netCDF file (default: the CSV's name with .nc)"
    )
    p.set_defaults(func=cmd_table)

    p = sub.add_parser(
        "info",
        help="check run files and print their provenance",
        description="Check run files; print strategy, seed, version, months and question of each.",
    )
    p.add_argument("runs", nargs="+", metavar="RUN")
    p.add_argument(
        "--allow-partial", action="store_true", help="list partial runs instead of failing"
    )
    p.set_defaults(func=cmd_info)

    p = sub.add_parser(
        "heatmap",
        help="sweeps: an indicator over two swept parameters",
        description="Heat map of an indicator's mean over two swept parameters (averaged over "
        "replicates and the other parameters; continuous ones binned).",
    )
    p.add_argument("sweep", type=pathlib.Path, help="sweep folder")
    p.add_argument("--x", required=True, metavar="KEY")
    p.add_argument("--y", required=True, metavar="KEY")
    p.add_argument("--indicator", default="job_growth_vs_rivals", help="default: %(default)s")
    p.add_argument(
        "--horizon",
        default="auto",
        help="yearN, total or months:A-B (default: the last year reached)",
    )
    p.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="keep only runs with this value",
    )
    p.add_argument("--bins", type=int, default=8, help="bins per continuous parameter (default 8)")
    p.add_argument("-o", "--out", type=pathlib.Path, default=pathlib.Path("heatmap.png"))
    p.add_argument("--csv", type=pathlib.Path, help="also write the table of means as CSV")
    _selection(p, sources=False)
    p.set_defaults(func=cmd_heatmap)

    p = sub.add_parser(
        "sensitivity",
        help="sweeps: Morris or Sobol' indices and the parameters that drive each indicator",
        description="Sensitivity indices from the sweep's design: Morris (mu, mu*, sigma) for "
        "design 'morris', Sobol' (S1, ST) for 'saltelli', Spearman rank correlation otherwise; "
        "then the parameters ranked by influence on each indicator.",
    )
    p.add_argument("sweep", type=pathlib.Path, help="sweep folder")
    p.add_argument("--method", choices=("auto", "morris", "sobol", "spearman"), default="auto")
    _indicator_option(p)
    p.add_argument(
        "--horizon",
        default="auto",
        help="yearN, total or months:A-B (default: the last year reached)",
    )
    p.add_argument(
        "--bootstrap", type=int, default=1000, help="bootstrap resamples for the intervals"
    )
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--seed", type=int, default=0, help="seed of the bootstrap")
    p.add_argument("--csv", type=pathlib.Path, help="write the indices (long table) as CSV")
    p.add_argument("--drivers-csv", type=pathlib.Path, help="write the ranking of drivers as CSV")
    p.add_argument(
        "--plot",
        type=pathlib.Path,
        help="write a bar chart of the indices (PNG); for Morris also "
        "the mu*-sigma plane beside it (NAME_mu_sigma.png)",
    )
    _selection(p, sources=False)
    p.set_defaults(func=cmd_sensitivity)

    p = sub.add_parser(
        "robustness",
        help="share of sampled futures in which strategy A beats B",
        description="In what share of the sampled futures does A beat B? Futures are the swept "
        "parameters' sampled values (two sweeps of the same design, or one sweep split with --by), "
        "or the seeds for plain run files.\n\n" + SELECTION_HELP,
        formatter_class=fmt,
    )
    _selection(p)
    p.add_argument("--a", required=True, metavar="STRATEGY")
    p.add_argument("--b", required=True, metavar="STRATEGY")
    _indicator_option(p)
    p.add_argument(
        "--horizon",
        default="auto",
        help="yearN, total or months:A-B (default: the last year reached)",
    )
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--csv", type=pathlib.Path)
    p.add_argument("--markdown", type=pathlib.Path)
    p.set_defaults(func=cmd_robustness)

    p = sub.add_parser(
        "export-ema",
        help="sweeps: a .tar.gz that EMA Workbench's load_results reads (for PRIM)",
        description="Export a sweep in the format of EMA Workbench's save_results/load_results "
        "(2.1 to 3.0): experiments.csv, metadata.json, one file per outcome.",
    )
    p.add_argument("sweep", type=pathlib.Path, help="sweep folder")
    p.add_argument("-o", "--out", type=pathlib.Path, default=pathlib.Path("ema_results.tar.gz"))
    _indicator_option(p)
    p.add_argument(
        "--horizons", default="auto", help="scalar outcomes at these horizons (default as compare)"
    )
    p.add_argument(
        "--series", default="", metavar="LIST", help="indicators also exported as monthly series"
    )
    p.add_argument(
        "--per-point",
        action="store_true",
        help="one experiment per design point (mean over replicates)",
    )
    p.add_argument(
        "--policy",
        help="value of the policy column (default: the sweep folder's name; with --by: "
        "KEY=VALUE of that parameter, which then is a lever, not an uncertainty)",
    )
    _selection(p, sources=False)
    p.set_defaults(func=cmd_export_ema)
    return parser


# --- helpers -----------------------------------------------------------------------------


def _metrics(spec: str, data):
    from . import metrics as M

    out = []
    for item in (s.strip() for s in spec.split(",") if s.strip()):
        out += M.HEADLINE if item == "headline" else [M.metric_for(item, data)]
    return list(dict.fromkeys(out))


def _one_horizon(text: str, months: int):
    from . import metrics as M

    if text and text != "auto":
        return M.parse_horizons(text, months)[:1]
    auto = M.parse_horizons(None, months)
    years = [h for h in auto if h.name != "total"]
    return [years[-1] if years else auto[-1]]


def _runset(args, whole: bool = False):
    """The runs named, as strategies. Sweep folders named alone are read through their summary
    caches (select_sweeps) unless `whole` (figures and report need every indicator's path)."""
    from .load import SCENARIO_DIRS
    from .select import only_sweeps, select_runs, select_sweeps

    SCENARIO_DIRS.extend(args.scenario_dir)
    if not whole and only_sweeps(args.runs, args.group):
        runset = select_sweeps(args.runs, args.by, args.allow_partial)
    else:
        runset = select_runs(args.runs, args.group, args.by, args.allow_partial)
    versions = runset.runs.groupby("ecosim_version")["file"].first()
    if len(versions) > 1 and not args.allow_mixed_versions:
        raise ValueError(
            "runs of different ecosim versions: "
            + ", ".join(f"{v} ({f})" for v, f in versions.items())
            + " (allowed: one version; --allow-mixed-versions to compare them anyway)"
        )
    return runset


def _compare(args, whole: bool = False):
    from . import compare as C
    from . import metrics as M

    runset = _runset(args, whole)
    metrics = _metrics(args.indicators, runset.data)
    horizons = M.parse_horizons(args.horizons, int(runset.runs["months"].min()))
    table = C.compare(
        runset, metrics, horizons, args.baseline, args.region, args.level, args.pairing, args.adjust
    )
    return runset, metrics, table


def _write(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


# --- commands ----------------------------------------------------------------------------


def cmd_compare(args) -> int:
    from . import compare as C

    runset, _, table = _compare(args)
    region = runset.regions[runset.region_index(args.region)]
    text = C.format_text(table, runset, region, args.level)
    markdown = C.format_markdown(table, runset, region, args.level)
    print(
        {"text": text, "markdown": markdown, "csv": table.to_csv(index=False)}[args.format].rstrip(
            "\n"
        )
    )
    if args.csv:
        table.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}", file=sys.stderr)
    if args.markdown:
        _write(args.markdown, markdown)
    return 0


def cmd_effects(args) -> int:
    from . import effects as E

    if not args.folder.is_dir():
        raise ValueError(f"{args.folder}: no such folder of run files")
    if not 0 < args.level < 1:
        raise ValueError(f"--level: out of range: {args.level} (allowed: between 0 and 1)")
    try:
        table = E.effects_table(args.folder, level=args.level)
    except FileNotFoundError as error:
        raise ValueError(str(error)) from None
    if args.robustness is not None:
        if not args.robustness.is_dir():
            raise ValueError(f"{args.robustness}: no such folder of robustness sweeps")
        table = E.sign_holds(table, args.robustness)
    text = E.format_markdown(table, args.level)
    print(text, end="")
    if args.markdown:
        _write(args.markdown, text)
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.csv, index=False)
    return 0


def cmd_figures(args) -> int:
    from . import figures as F

    runset = _runset(args, whole=True)
    r = runset.region_index(args.region)
    metrics = _metrics(args.indicators, runset.data)
    which = [w.strip() for w in args.which.split(",") if w.strip()]
    unknown = set(which) - {"paths", "differences", "funnel", "money", "trust"}
    if unknown:
        raise ValueError(
            f"--which: unknown figures {sorted(unknown)} (paths, differences, funnel, money, trust)"
        )
    written = []
    if "paths" in which:
        written.append(F.plot_paths(runset, metrics, args.out / "paths.png", r))
        written += [
            F.plot_path(
                runset, m, args.out / f"path_{re.sub(r'[^A-Za-z0-9_.-]+', '_', m.name)}.png", r
            )
            for m in metrics
        ]
    if "differences" in which and len(runset.strategies) > 1:
        written.append(
            F.plot_differences(runset, metrics, args.out / "differences.png", args.baseline, r)
        )
    if "funnel" in which:
        written.append(F.plot_funnel(runset, args.out / "funnel.png", r))
    if "money" in which:
        written.append(F.plot_money(runset, args.out / "money.png", r))
    if "trust" in which:
        written.append(F.plot_trust(runset, args.out / "trust.png", r))
    for path in written:
        print(path)
    return 0


def cmd_report(args) -> int:
    from . import report as R

    runset, metrics, table = _compare(args, whole=True)
    r = runset.region_index(args.region)
    with tempfile.TemporaryDirectory(prefix="ecosim-report-") as folder:
        figures = R.standard_figures(runset, metrics, folder, r, table["baseline"].iloc[0])
        text = R.build(runset, table, metrics, figures, r, args.title, args.level)
    R.write(args.out, text)
    print(args.out)
    return 0


def cmd_table(args) -> int:
    from . import metrics as M
    from .table import run_table, write_csv, write_netcdf

    runset = _runset(args)
    metrics = _metrics(args.indicators, runset.data)
    horizons = M.parse_horizons(args.horizons, int(runset.runs["months"].min()))
    r = runset.region_index(args.region)
    netcdf = args.netcdf or args.out.with_suffix(".nc")
    if netcdf.resolve() == args.out.resolve():
        raise ValueError(f"--netcdf {netcdf}: the same file as the CSV; name another")
    table = run_table(runset, metrics, horizons, r)
    write_csv(table, args.out)
    write_netcdf(table, netcdf, runset.regions[r])
    print(
        f"{args.out}: {len(table.frame)} runs of {len(runset.strategies)} strategies, {len(metrics)} indicators at "
        f"{len(horizons)} horizons ({', '.join(h.name for h in horizons)}), region {runset.regions[r]}"
    )
    print(netcdf)
    return 0


def cmd_info(args) -> int:
    from .load import RunFileError, run_info

    failed = 0
    for path in args.runs:
        try:
            i = run_info(path, allow_partial=args.allow_partial)
        except RunFileError as error:
            print(f"{PROG}: {error}", file=sys.stderr)
            failed += 1
            continue
        state = "complete" if i.complete else "PARTIAL"
        print(
            f"{path}: strategy {i.strategy}, seed {i.seed}, ecosim {i.ecosim_version}, {i.months} of {i.steps} "
            f"months, {state}, regions {', '.join(i.regions)}; question: {i.question or '(none stated)'}"
        )
    return 2 if failed else 0


def _sweep_frame(args, specs, horizons_text, one=True):
    from . import metrics as M
    from .load import SCENARIO_DIRS
    from .summary import summaries
    from .sweep import load_sweep, sweep_metrics

    SCENARIO_DIRS.extend(args.scenario_dir)
    sweep = load_sweep(args.sweep)
    rows = sweep.usable(args.allow_partial)
    if rows.empty:
        raise ValueError(f"{sweep.source}: no usable runs")
    # Horizons the shortest run reaches; a run that falls short of one gives NaN there, left out.
    months = int(summaries(sweep.root, rows["file"])["months"].min())
    horizons = (
        _one_horizon(horizons_text, months) if one else M.parse_horizons(horizons_text, months)
    )
    frame, metrics, horizons = sweep_metrics(
        sweep, specs, horizons, args.region, args.allow_partial, rows=rows
    )
    return sweep, frame, metrics, horizons


def _specs(text: str):
    from . import metrics as M

    out = []
    for item in (s.strip() for s in text.split(",") if s.strip()):
        out += M.HEADLINE if item == "headline" else [item]
    return out


def cmd_heatmap(args) -> int:
    from . import figures as F
    from .numbers import fmt

    for key in (args.x, args.y):
        if key == args.by:
            raise ValueError("--x/--y must differ from --by")
    sweep, frame, metrics, horizons = _sweep_frame(args, [args.indicator], args.horizon)
    for key in (args.x, args.y):
        if key not in sweep.keys:
            raise ValueError(
                f"{key}: not a swept parameter of {sweep.root} ({', '.join(sweep.keys)})"
            )
    for condition in args.where:
        key, _, value = condition.partition("=")
        if key not in sweep.keys:
            raise ValueError(f"--where {condition}: {key} is not a swept parameter")
        frame = frame[
            (frame[key].astype(float) - float(value)).abs() <= 1e-9 * max(1.0, abs(float(value)))
        ]
    if frame.empty:
        raise ValueError("no runs left after --where")
    column = f"{metrics[0].name}@{horizons[0].name}"
    title = f"{metrics[0].label}, {horizons[0].label}: mean over {len(frame)} runs"
    path, table, counts = F.plot_heatmap(frame, args.x, args.y, column, args.out, title, args.bins)
    print(
        f"{column} by {args.y} (rows) and {args.x} (columns); cells: mean over runs (runs per cell {int(counts.min().min())}"
        f"-{int(counts.max().max())})"
    )
    with __import__("pandas").option_context("display.width", 200, "display.float_format", fmt):
        print(table.rename_axis(index=args.y, columns=args.x))
    if args.csv:
        table.rename_axis(index=args.y, columns=args.x).to_csv(args.csv)
    print(path)
    return 0


def cmd_sensitivity(args) -> int:
    import pandas as pd

    from . import figures as F
    from . import sensitivity as SA
    from .load import AnalysisWarning
    from .numbers import fmt
    from .sweep import point_means, replicate_noise

    sweep, frame, metrics, horizons = _sweep_frame(args, _specs(args.indicators), args.horizon)
    outputs = [f"{m.name}@{horizons[0].name}" for m in metrics]
    method = args.method
    if method == "auto":
        method = {"morris": "morris", "saltelli": "sobol"}.get(sweep.design or "", "spearman")
    if (
        method == "morris"
        and sweep.design not in (None, "morris")
        or method == "sobol"
        and sweep.design not in (None, "saltelli")
    ):
        raise ValueError(
            f"--method {method} needs a {'morris' if method == 'morris' else 'saltelli'} design; "
            f"this sweep's design is {sweep.design}"
        )
    points = point_means(frame, sweep, outputs)
    unit = sweep.unit(points)[sweep.keys].to_numpy()
    long, dropped = [], 0
    for out in outputs:
        if method == "morris":
            idx, dropped = SA.morris_indices(
                points["block"],
                points["position"],
                unit,
                points[out],
                sweep.keys,
                args.bootstrap,
                args.level,
                args.seed,
            )
        elif method == "sobol":
            idx, dropped = SA.sobol_indices(
                points["block"],
                points["position"],
                points[out],
                sweep.keys,
                unit,
                args.bootstrap,
                args.level,
                args.seed,
            )
        else:
            idx = SA.spearman_indices(points[sweep.keys], points[out])
        long.append(idx.reset_index().assign(output=out))
    indices = pd.concat(long, ignore_index=True)
    indices = indices[["output", *[c for c in indices.columns if c != "output"]]]
    unit_name = {"morris": "trajectories", "sobol": "blocks"}.get(method)
    print(
        f"Sweep {sweep.root} (design {sweep.design or 'unknown'}): {len(frame)} runs used, {len(points)} points; "
        f"method {method}; horizon {horizons[0].label}"
    )
    if unit_name:
        print(f"{unit_name} dropped as incomplete or malformed: {dropped}")
        if dropped:
            warnings.warn(
                f"{dropped} {unit_name} dropped (failed or missing runs, or a layout that does not match "
                f"the design)",
                AnalysisWarning,
                stacklevel=1,
            )
    noise = replicate_noise(frame, outputs)
    if len(frame) and frame.groupby("point").size().max() < 2:
        warnings.warn(
            "one run per design point: the seed's noise cannot be told from the parameters' effects "
            "(give the sweep replicates = 2 or more to see its share)",
            AnalysisWarning,
            stacklevel=1,
        )
    with pd.option_context(
        "display.width", 220, "display.max_columns", None, "display.float_format", fmt
    ):
        print("\nReplicate noise (SD between replicates of a point vs SD between points):")
        print(noise.to_string(index=False))
        print("\nIndices:")
        print(indices.to_string(index=False))
        ranking = SA.drivers(indices, method)
        print("\nDrivers of each indicator (rank 1 = most influential):")
        for output, part in ranking.groupby("output", sort=False):
            print(
                f"  {output}: "
                + ", ".join(
                    f"{r.rank}. {r.parameter} ({r.measure} {fmt(r.value)})"
                    for r in part.itertuples()
                )
            )
    if args.csv:
        indices.to_csv(args.csv, index=False)
    if args.drivers_csv:
        ranking.to_csv(args.drivers_csv, index=False)
    if args.plot:
        print(
            F.plot_indices(
                indices, method, args.plot, f"Sensitivity ({method}), {horizons[0].label}"
            )
        )
        if method == "morris":
            plane = args.plot.with_name(args.plot.stem + "_mu_sigma" + args.plot.suffix)
            print(F.plot_morris(indices, plane, f"Morris: mu* against sigma, {horizons[0].label}"))
    return 0


def cmd_robustness(args) -> int:
    import pandas as pd

    from . import robustness as RB

    runset = _runset(args)
    metrics = _metrics(args.indicators, runset.data)
    horizon = _one_horizon(args.horizon, int(runset.runs["months"].min()))
    r = runset.region_index(args.region)
    runset.prepare(metrics, horizon, r)
    values = pd.DataFrame(
        {f"{m.name}@{horizon[0].name}": runset.values(m, horizon[0], r) for m in metrics}
    )
    frame, key = RB.futures_table(runset.runs, values)
    outputs = {f"{m.name}@{horizon[0].name}": (m.better or 1) for m in metrics}
    table = RB.robustness(frame, args.a, args.b, outputs, args.level)
    print(RB.format_text(table, key, args.level))
    if args.csv:
        table.to_csv(args.csv, index=False)
    if args.markdown:
        _write(args.markdown, RB.format_markdown(table, key))
    return 0


def cmd_export_ema(args) -> int:
    from . import ema
    from .load import load_runs

    sweep, frame, metrics, horizons = _sweep_frame(
        args, _specs(args.indicators), args.horizons, one=False
    )
    if args.by is not None and args.policy:
        raise ValueError(
            "--policy and --by: give one (with --by the policy column is KEY=VALUE of that parameter)"
        )
    if args.by is not None and args.by not in sweep.keys:
        raise ValueError(
            f"--by {args.by}: not a swept parameter of {sweep.root} ({', '.join(sweep.keys)})"
        )
    outputs = [f"{m.name}@{h.name}" for h in horizons for m in metrics]
    series = {}
    names = [s.strip() for s in args.series.split(",") if s.strip()]
    runset = load_runs(
        [sweep.root / f for f in frame["file"][: 1 if not names else None]],
        allow_partial=args.allow_partial,
    )
    r = runset.region_index(args.region)
    if names:
        for name in names:
            if name not in runset.data:
                raise ValueError(f"--series {name}: no such indicator")
            da = runset.data[name].isel(region=r)
            series[name] = (
                (da.sum(da.dims[-1]) if da.ndim == 3 else da).transpose("run", "time").values
            )
    meta = ema.export_sweep(
        args.out,
        frame,
        sweep.keys,
        outputs,
        args.policy or sweep.name,
        series or None,
        args.per_point,
        runset.regions[r],
        args.by,
    )
    n = len(frame) if not args.per_point else frame["point"].nunique()
    print(
        f"{args.out}: {n} experiments, {len(sweep.keys)} uncertainties, {len(meta['outcomes'])} outcomes "
        f"(EMA Workbench load_results format, metadata version {ema.EMA_METADATA_VERSION}); "
        f"outcomes: {', '.join(o[1] for o in meta['outcomes'])}"
    )
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"{PROG}: warning: {' '.join(str(message).split())}", file=sys.stderr)


# Modules the analysis imports, with the Debian 12 package that provides each.
REQUIRED = {
    "numpy": "python3-numpy",
    "scipy": "python3-scipy",
    "pandas": "python3-pandas",
    "h5py": "python3-h5py",
    "xarray": "python3-xarray",
    "h5netcdf": "python3-h5netcdf",
    "matplotlib": "python3-matplotlib",
}


def missing_modules() -> list:
    """(module, Debian package) of each required module this interpreter cannot find."""
    import importlib.util

    return [(m, p) for m, p in REQUIRED.items() if importlib.util.find_spec(m) is None]


def require_modules(program: str) -> bool:
    """Whether this interpreter has every required module; if not, says which are missing and
    their Debian packages, on one line to stderr. For ecosim-analysis and the scripts beside it
    (bench/, tests/e2e/), whose `#!/usr/bin/env python3` may find an interpreter without them."""
    missing = missing_modules()
    if missing:
        print(
            f"{program}: {sys.executable} lacks the Python modules {', '.join(m for m, _ in missing)} (on Debian: "
            f"apt-get install {' '.join(p for _, p in missing)}; or run {program} with an interpreter "
            "that has them, such as /usr/bin/python3)",
            file=sys.stderr,
        )
    return not missing


def main(argv=None) -> int:
    if not require_modules(PROG):
        return 2
    from .load import AnalysisWarning, RunFileError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    debug = os.environ.get("ECOSIM_ANALYSIS_DEBUG") == "1"
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore"
        )  # numpy's and pandas' own warnings are not the analyst's business
        warnings.simplefilter("always", AnalysisWarning)
        warnings.showwarning = _show_warning
        try:
            return args.func(args)
        except RunFileError as error:
            if debug:
                raise
            print(f"{PROG}: {error}", file=sys.stderr)
            return 2
        except (ValueError, KeyError) as error:
            if debug:
                raise
            message = error.args[0] if isinstance(error, KeyError) and error.args else error
            print(f"{PROG}: error: {' '.join(str(message).split())}", file=sys.stderr)
            return 2
        except BrokenPipeError:
            return 0
