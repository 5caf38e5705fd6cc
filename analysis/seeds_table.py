#!/usr/bin/python3
"""Mean headline indicators of the studied region over seeds, one row per scenario.

Run files are grouped by the scenario file they came from (root attribute scenario_source);
the first region of each run is the studied one.

usage: analysis/seeds_table.py RUN.h5 [RUN.h5 ...] [--markdown]

Means only: `analysis/ecosim-analysis compare` adds intervals, differences paired by seed and a
ranking (README.md, "Analysis").
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import h5py  # noqa: E402
import pandas as pd  # noqa: E402

import ecosim_analysis as ea  # noqa: E402

COLUMNS = ["jobs", "firms", "employment_rate", "competence_gap", "satisfaction", "innovation_revenue",
           "emissions", "projects_started", "public_money", "private_money", "mean_trust"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=pathlib.Path)
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = parser.parse_args(argv)
    rows = []
    for run in args.runs:
        try:
            ea.run_info(run)  # refuses truncated, partial and newer-format files with a clear reason
            with h5py.File(run, "r") as f:
                source = pathlib.Path(str(f.attrs["scenario_source"])).stem
                seed = int(f.attrs["seed"])
            table = ea.headline(run)
        except ea.RunFileError as error:
            print(f"seeds_table.py: {error}", file=sys.stderr)
            return 2
        except (OSError, KeyError) as error:
            print(f"seeds_table.py: {run}: not an ecosim run file ({error})", file=sys.stderr)
            return 2
        row = table.iloc[0][COLUMNS].to_dict()
        projects = ea.load_projects(run)
        studied = projects[(projects["region"] == 0) & (projects["start"] >= 0)]
        ended = studied[studied["status"].isin(["completed", "failed", "continued", "stopped_at_review"])]
        successes = ended["succeeded"].sum()
        public_spent = (studied["municipal_nok"] + studied["agency_nok"]).sum() - studied["refunded_nok"].sum()
        row.update(scenario=source, seed=seed, success_rate=successes / max(len(ended), 1),
                   public_nok_per_success=public_spent / max(successes, 1))
        rows.append(row)
    frame = pd.DataFrame(rows)
    mean = frame.groupby("scenario")[COLUMNS + ["success_rate", "public_nok_per_success"]].mean()
    mean.insert(0, "seeds", frame.groupby("scenario")["seed"].nunique())
    if args.markdown:
        # Written by hand: pandas' to_markdown needs tabulate, which Debian's pandas lacks.
        print("| scenario | " + " | ".join(mean.columns) + " |")
        print("|---" * (len(mean.columns) + 1) + "|")
        for name, row in mean.iterrows():
            print(f"| {name} | " + " | ".join(f"{v:.4g}" for v in row.values) + " |")
    else:
        with pd.option_context("display.width", 250, "display.max_columns", None, "display.float_format", "{:.4g}".format):
            print(mean)
    return 0


if __name__ == "__main__":
    sys.exit(main())
