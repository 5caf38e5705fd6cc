#!/usr/bin/env python3
"""Whether sweep folders hold the same runs: the same index (wall times aside) and, for every
run done, bit-identical datasets in its run file (attributes such as the creation time and the
thread count may differ). Prints what differs; exit 1 if anything does.

usage: same_sweeps.py SWEEP_A SWEEP_B [SWEEP_C ...]
"""
import pathlib
import sys

# The modules below come from Debian; say which are missing rather than fail on an import.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "analysis"))
from ecosim_analysis.cli import require_modules  # noqa: E402  (standard library only)

if not require_modules(pathlib.Path(__file__).name):
    sys.exit(2)

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def index(folder: pathlib.Path) -> pd.DataFrame:
    frame = pd.read_csv(folder / "index.csv", keep_default_na=False)
    return frame.drop(columns=["wall_s"])


def datasets(path: pathlib.Path) -> dict:
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(
            lambda name, obj: out.__setitem__(name, obj[()])
            if isinstance(obj, h5py.Dataset)
            else None
        )
    return out


def same_values(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind == "f":
        return np.array_equal(a.view(np.uint8), b.view(np.uint8))
    return np.array_equal(a, b)


def main(folders) -> int:
    missing = [f for f in folders if not (pathlib.Path(f) / "index.csv").is_file()]
    if missing:
        print(f"no index.csv in {', '.join(missing)}")
        return 1
    problems = []
    first = pathlib.Path(folders[0])
    base = index(first)
    for other in map(pathlib.Path, folders[1:]):
        table = index(other)
        if not base.equals(table):
            problems.append(f"{other}: index differs from {first}")
            continue
        for row in base.itertuples():
            if row.status != "done":
                continue
            a, b = datasets(first / row.file), datasets(other / row.file)
            if a.keys() != b.keys():
                problems.append(
                    f"run {row.run}: datasets {sorted(a.keys() ^ b.keys())} in one file only"
                )
            for name in a.keys() & b.keys():
                if not same_values(a[name], b[name]):
                    problems.append(f"run {row.run}: {name} differs between {first} and {other}")
    for p in problems[:20]:
        print(p)
    if not problems:
        print(
            f"same runs in {len(folders)} sweep folders: {len(base)} rows, "
            f"{int((base.status == 'done').sum())} done"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) if len(sys.argv) > 2 else (print(__doc__), 2)[1])
