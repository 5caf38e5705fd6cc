#!/usr/bin/python3
"""Compare the headline indicators of several ecosim runs, region by region.

usage: analysis/compare.py RUN.h5 [RUN.h5 ...] [--region NAME] [--csv OUT.csv]

One row per run, no intervals: for strategies over seeds, with intervals, paired differences,
figures and a report, use `analysis/ecosim-analysis compare` (README.md, "Analysis").
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402

import ecosim_analysis as ea  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=pathlib.Path)
    parser.add_argument("--region", help="only this region (default: all)")
    parser.add_argument("--csv", type=pathlib.Path, help="also write the table as CSV")
    args = parser.parse_args(argv)
    frames = []
    for run in args.runs:
        if not run.is_file():
            print(f"compare.py: {run}: no such run file", file=sys.stderr)
            return 2
        try:
            ea.run_info(run)  # refuses truncated, partial and newer-format files with a clear reason
            table = ea.headline(run)
        except ea.RunFileError as error:
            print(f"compare.py: {error}", file=sys.stderr)
            return 2
        except (OSError, KeyError) as error:
            print(f"compare.py: {run}: not an ecosim run file ({error})", file=sys.stderr)
            return 2
        table.insert(0, "run", run.stem)
        frames.append(table.reset_index())
    result = pd.concat(frames, ignore_index=True)
    if args.region:
        result = result[result["region"] == args.region]
    with pd.option_context("display.width", 200, "display.max_columns", None, "display.float_format", "{:.4g}".format):
        print(result.set_index(["run", "region"]).T)
    if args.csv:
        result.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
