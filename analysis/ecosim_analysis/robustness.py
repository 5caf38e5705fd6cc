"""Does strategy A beat strategy B across the plausible futures, and in what share of them?

A future is one sampled combination of the uncertain (swept) parameters; its outcome for a
strategy is the mean over its replicates. With plain run files, which vary only the seed, each
seed is a future (stochastic uncertainty only). For each indicator: the share of futures in
which A is better than B (by the indicator's direction) with its Wilson interval, the ties,
and the mean difference A - B over futures with its paired t interval.
"""
from __future__ import annotations

import math

import pandas as pd

from . import stats as S
from .numbers import fmt


def futures_table(runs: pd.DataFrame, values: pd.DataFrame) -> tuple:
    """(frame, key column): the runs' strategy and future key joined to their metric values.
    The key is the sampled future when the runs come from sweeps, else the seed."""
    frame = values.copy()
    frame["strategy"] = runs["strategy"].values
    has_future = runs["future"].astype(str).str.len().gt(0).any()
    frame["future_key"] = (
        runs["future"].astype(str).values if has_future else runs["seed"].astype(str).values
    )
    return frame, ("sampled parameters (mean over replicates)" if has_future else "seed")


def robustness(
    frame: pd.DataFrame, a: str, b: str, outputs: dict, level: float = S.LEVEL
) -> pd.DataFrame:
    """One row per output column (outputs: column -> better, +1 or -1)."""
    strategies = set(frame["strategy"])
    for name in (a, b):
        if name not in strategies:
            raise ValueError(f"no strategy {name!r}; the runs hold {', '.join(sorted(strategies))}")
    means = (
        frame[frame["strategy"].isin([a, b])]
        .groupby(["future_key", "strategy"])[list(outputs)]
        .mean()
    )
    rows = []
    for column, better in outputs.items():
        wide = means[column].unstack("strategy")
        if a not in wide or b not in wide:
            continue
        wide = wide[[a, b]].dropna()
        share, ties = S.share_better(wide[a], wide[b], better, level)
        diff = S.paired_difference(wide[b], wide[a], level)  # a - b
        if share.n == 0:
            verdict = "no shared futures"
        elif share.low > 0.5:
            verdict = f"{a} better in most futures"
        elif share.high < 0.5 and ties < share.n:
            verdict = f"{b} better or equal in most futures"
        else:
            verdict = "undecided"
        rows.append(
            dict(
                output=column,
                better=better,
                a=a,
                b=b,
                futures=share.n,
                a_wins=share.k,
                ties=ties,
                share=share.share,
                share_low=share.low,
                share_high=share.high,
                mean_diff=diff.diff,
                diff_low=diff.low,
                diff_high=diff.high,
                verdict=verdict,
            )
        )
    if not rows:
        raise ValueError(
            f"{a} and {b} share no futures: pair them by the same seeds or swept values"
        )
    return pd.DataFrame(rows)


def format_text(table: pd.DataFrame, key: str, level: float = S.LEVEL) -> str:
    a, b = table["a"].iloc[0], table["b"].iloc[0]
    lines = [
        f"Does {a} beat {b}? Futures: {key}; share with {int(level * 100)}% Wilson interval; "
        f"difference {a} - {b} with its paired t interval."
    ]
    header = (
        "output",
        "futures",
        f"{a} wins",
        "share [95% CI]",
        "ties",
        f"mean {a} - {b} [95% CI]",
        "verdict",
    )
    cells = []
    for r in table.itertuples():
        share = (
            "" if math.isnan(r.share) else f"{r.share:.2f} [{r.share_low:.2f}, {r.share_high:.2f}]"
        )
        diff = (
            ""
            if math.isnan(r.diff_low)
            else f"{fmt(r.mean_diff, True)} [{fmt(r.diff_low, True)}, {fmt(r.diff_high, True)}]"
        )
        cells.append((r.output, str(r.futures), str(r.a_wins), share, str(r.ties), diff, r.verdict))
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def format_markdown(table: pd.DataFrame, key: str) -> str:
    a, b = table["a"].iloc[0], table["b"].iloc[0]
    out = [
        f"Futures: {key}.",
        "",
        f"| output | futures | {a} wins | share | 95% CI | ties | mean {a} - {b} | 95% CI | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in table.itertuples():
        out.append(
            f"| {r.output} | {r.futures} | {r.a_wins} | {r.share:.2f} | [{r.share_low:.2f}, {r.share_high:.2f}] | "
            f"{r.ties} | {fmt(r.mean_diff, True)} | [{fmt(r.diff_low, True)}, {fmt(r.diff_high, True)}] | {r.verdict} |"
        )
    return "\n".join(out) + "\n"
