"""Strategies compared: per indicator and horizon, the mean with its interval, the difference
from a baseline (paired by seed when the seeds match) with its interval, % change and effect
size, p-values adjusted for the number of differences in the table (Holm by default,
Benjamini-Hochberg as an option), and a ranking in which only clear differences separate
strategies. One long table (`compare`) and three ways to show it: text, Markdown and CSV."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import metrics as M
from . import stats as S
from .numbers import decimals_for, fmt

COLUMNS = [
    "horizon",
    "horizon_label",
    "first_month",
    "last_month",
    "indicator",
    "label",
    "units",
    "better",
    "strategy",
    "n",
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "baseline",
    "method",
    "n_pairs",
    "diff",
    "diff_low",
    "diff_high",
    "pct_change",
    "effect",
    "effect_name",
    "p_value",
    "p_adjusted",
    "adjust",
    "clear",
    "rank",
]


def compare(
    runset,
    metrics,
    horizons,
    baseline: str | None = None,
    region=None,
    level: float = S.LEVEL,
    pairing: str = "auto",
    adjust: str = "holm",
) -> pd.DataFrame:
    """Long table: one row per horizon, indicator and strategy (COLUMNS).

    Differences are strategy minus baseline. Runs are paired on (future, seed): the seed alone
    for plain run files, the other swept parameters as well for sweeps. A difference is clear
    when its p-value, adjusted over every difference of the table (`adjust`: holm or bh), is
    below 1 - level.
    """
    strategies = runset.strategies
    baseline = baseline if baseline is not None else strategies[0]
    if baseline not in strategies:
        raise ValueError(
            f"baseline {baseline!r} is not one of the strategies: {', '.join(strategies)}"
        )
    r = runset.region_index(region)
    runset.prepare(metrics, horizons, r)
    runs = runset.runs
    by_point = has_futures(runs)
    units = _units(runs, by_point)
    keys = list(units["key"])
    groups = {s: np.flatnonzero(units["strategy"].values == s) for s in strategies}
    rows = []
    for h in horizons:
        for m in metrics:
            values = _unit_values(runset.values(m, h, r), runs, units, by_point)
            base_idx = groups[baseline]
            for s in strategies:
                idx = groups[s]
                iv = S.mean_interval(values[idx], level)
                last = h.last if h.last is not None else int(runs["months"].max())
                row = dict(
                    horizon=h.name,
                    horizon_label=h.label,
                    first_month=h.first if h.first > 0 else last + h.first,
                    last_month=last,
                    indicator=m.name,
                    label=m.label,
                    units=m.units,
                    better=m.better,
                    strategy=s,
                    n=iv.n,
                    mean=iv.mean,
                    sd=iv.sd,
                    ci_low=iv.low,
                    ci_high=iv.high,
                    baseline=baseline,
                )
                if s == baseline:
                    row.update(
                        method="",
                        n_pairs=0,
                        diff=math.nan,
                        diff_low=math.nan,
                        diff_high=math.nan,
                        effect=math.nan,
                        effect_name="",
                        p_value=math.nan,
                    )
                else:
                    d = S.difference(
                        values[base_idx],
                        values[idx],
                        [keys[i] for i in base_idx],
                        [keys[i] for i in idx],
                        pairing=pairing,
                        level=level,
                    )
                    row.update(
                        method=d.method,
                        n_pairs=d.n if d.method == "paired" else 0,
                        diff=d.diff,
                        diff_low=d.low,
                        diff_high=d.high,
                        effect=d.effect,
                        effect_name=d.effect_name,
                        p_value=d.p_value,
                    )
                rows.append(row)
    table = pd.DataFrame(
        rows,
        columns=[
            c for c in COLUMNS if c not in ("pct_change", "p_adjusted", "adjust", "clear", "rank")
        ],
    )
    base_mean = table.groupby(["horizon", "indicator"])["mean"].transform(
        lambda m: m[table.loc[m.index, "strategy"] == baseline].iloc[0]
    )
    table["pct_change"] = np.where(base_mean != 0, table["diff"] / base_mean.abs() * 100, np.nan)
    table["p_adjusted"] = S.adjust_p(table["p_value"], adjust)
    table["adjust"] = adjust
    table["clear"] = table["p_adjusted"] < 1 - level
    table["rank"] = _ranks(table)
    return table[COLUMNS]


def has_futures(runs: pd.DataFrame) -> bool:
    """True for runs of a sweep split by a parameter (--by): each run belongs to a sampled
    future, the values of the other swept parameters."""
    return bool(runs["future"].astype(str).str.len().gt(0).any())


def _units(runs: pd.DataFrame, by_point: bool) -> pd.DataFrame:
    """The units a strategy's interval is taken over, with their pairing keys: each run (key
    (future, seed)) for plain run files; for a sweep split with --by each sampled future (key:
    the future), its replicates averaged first. Runs of one design point share its parameter
    values, so counting them as independent draws would pool design points into one interval
    as if they were seeds."""
    if not by_point:
        return pd.DataFrame(
            {
                "strategy": runs["strategy"].values,
                "key": list(zip(runs["future"].astype(str), runs["seed"])),
            }
        )
    units = runs[["strategy", "future"]].astype(str).drop_duplicates().reset_index(drop=True)
    return units.assign(key=units["future"])


def _unit_values(
    values: np.ndarray, runs: pd.DataFrame, units: pd.DataFrame, by_point: bool
) -> np.ndarray:
    if not by_point:
        return values
    frame = pd.DataFrame(
        {
            "strategy": runs["strategy"].astype(str).values,
            "future": runs["future"].astype(str).values,
            "value": values,
        }
    )
    means = frame.groupby(["strategy", "future"], sort=False)["value"].mean()
    return means.reindex(pd.MultiIndex.from_frame(units[["strategy", "future"]])).to_numpy(
        dtype=float
    )


def _ranks(table: pd.DataFrame) -> pd.Series:
    """1 = best within each horizon and ranked indicator; a strategy whose difference from the
    baseline is not clear ranks with the baseline, and equal scores share the better rank."""
    ranks = pd.Series(np.nan, index=table.index)
    for _, group in table[table["better"] != 0].groupby(["horizon", "indicator"], sort=False):
        score = group["mean"] * group["better"].iloc[0]
        baseline_score = score[group["strategy"] == group["baseline"]].iloc[0]
        score = score.where(
            group["clear"] | (group["strategy"] == group["baseline"]), baseline_score
        )
        ranks[group.index] = score.rank(ascending=False, method="min")
    return ranks


def overall_ranking(table: pd.DataFrame) -> pd.DataFrame:
    """Per horizon: each strategy's mean rank over the ranked indicators, best first (equal
    mean ranks share a position)."""
    ranked = table.dropna(subset=["rank"])
    out = (
        ranked.groupby(["horizon", "strategy"], sort=False)
        .agg(
            mean_rank=("rank", "mean"),
            indicators=("rank", "size"),
            firsts=("rank", lambda r: int((r == 1).sum())),
        )
        .reset_index()
    )
    order = {h: i for i, h in enumerate(dict.fromkeys(table["horizon"]))}
    out["order"] = out["horizon"].map(order)
    out = out.sort_values(["order", "mean_rank", "strategy"]).drop(columns="order")
    out["position"] = (
        out.groupby("horizon")["mean_rank"].rank(method="min").astype(int)
    )  # ties share
    return out.reset_index(drop=True)


def _percent(x) -> str:
    return "" if x is None or not np.isfinite(x) else f"{x:+.1f}%"


def _p(x) -> str:
    return "" if x is None or not np.isfinite(x) else ("<0.001" if x < 0.001 else f"{x:.3f}")


def _interval(low, high, signed=False, decimals=None) -> str:
    if isinstance(low, float) and math.isnan(low):
        return ""
    return f"[{fmt(low, signed, decimals)}, {fmt(high, signed, decimals)}]"


def _clear(row) -> str:
    """Mark a clear difference (adjusted p below 1 - level), with its direction for the indicator."""
    if not row["method"] or not row["clear"]:
        return ""
    if row["better"] == 0:
        return "*"
    return "better" if (row["diff"] > 0) == (row["better"] > 0) else "worse"


def display_rows(table: pd.DataFrame, horizon: str) -> pd.DataFrame:
    """Formatted cells of one horizon, for the text, Markdown and HTML tables."""
    part = table[table["horizon"] == horizon]
    baseline = part["baseline"].iloc[0]
    rows = []
    for _, row in part.iterrows():
        places = decimals_for(row["ci_high"] - row["ci_low"])
        diff_places = decimals_for(row["diff_high"] - row["diff_low"])
        rows.append(
            {
                "indicator": row["indicator"],
                "unit": row["units"],
                "strategy": row["strategy"],
                "mean": fmt(row["mean"], decimals=places),
                "95% CI": _interval(row["ci_low"], row["ci_high"], False, places),
                f"vs {baseline}": fmt(row["diff"], True, diff_places),
                "%": _percent(row["pct_change"]),
                "diff 95% CI": _interval(row["diff_low"], row["diff_high"], True, diff_places),
                "effect": f"{row['effect_name']}={fmt(row['effect'], True)}"
                if row["effect_name"]
                else "",
                f"p ({row['adjust']})": _p(row["p_adjusted"]),
                "clear": _clear(row),
                "rank": "" if pd.isna(row["rank"]) else str(int(row["rank"])),
            }
        )
    frame = pd.DataFrame(rows)
    return frame


def _short_label(label: str) -> str:
    return label.split(" (", 1)[0]


def _plain(row, base_mean: float, kind: str = "") -> str:
    """One indicator's difference in words, in % of the baseline where that has a meaning."""
    label = _short_label(row["label"])
    growth = kind == "growth"  # a difference of growth rates: in percentage points
    relative = not growth and np.isfinite(base_mean) and base_mean != 0
    scale = 100 / abs(base_mean) if relative else 100.0 if growth else 1.0
    unit = (
        "%"
        if relative
        else " percentage points"
        if growth
        else (f" {row['units']}" if row["units"] not in ("", "1") else "")
    )
    diff, low, high = (row[c] * scale for c in ("diff", "diff_low", "diff_high"))
    if not np.isfinite(diff):
        return f"{label}: no value"
    if diff == 0 and low == 0 and high == 0:
        return f"{label}: identical in every pair"
    if not np.isfinite(low):
        return f"{label}: {diff:+,.1f}{unit} (too few runs for an interval)"
    places = decimals_for(high - low)
    places = 1 if places is None else min(places, 6)
    if not row["clear"]:
        bound = max(abs(low), abs(high))
        return f"{label}: no detectable difference, ±{bound:,.{places}f}{unit}"
    verdict = (
        ""
        if row["better"] == 0
        else (", better" if (row["diff"] > 0) == (row["better"] > 0) else ", worse")
    )
    return f"{label} {diff:+,.{places}f}{unit} [{low:+,.{places}f}{unit}, {high:+,.{places}f}{unit}]{verdict}"


def plain_lines(table: pd.DataFrame, horizon: str, kinds: dict | None = None) -> list:
    """One line per strategy and indicator in words: "orebro_rules vs baseline, year 10: ...";
    a difference that is not clear reads "no detectable difference, ±X%" (the interval's
    farther end), so "no difference" always says how large a difference it rules out."""
    kinds = kinds if kinds is not None else {m.name: m.kind for m in M.HEADLINE}
    part = table[table["horizon"] == horizon]
    baseline = part["baseline"].iloc[0]
    label = part["horizon_label"].iloc[0].split(" (", 1)[0]
    base_means = part[part["strategy"] == baseline].set_index("indicator")["mean"]
    lines = []
    for strategy in dict.fromkeys(part["strategy"]):
        if strategy == baseline:
            continue
        rows = part[part["strategy"] == strategy]
        words = [
            _plain(row, base_means[row["indicator"]], kinds.get(row["indicator"], ""))
            for _, row in rows.iterrows()
        ]
        lines.append(f"{strategy} vs {baseline}, {label}: " + "; ".join(words) + ".")
    return lines


def _describe(table: pd.DataFrame, runset, level: float) -> list:
    lines = []
    methods = set(table["method"]) - {""}
    baseline = table["baseline"].iloc[0]
    runs = runset.runs
    by_point = has_futures(runs)
    unit_lists = []
    for s in runset.strategies:
        mine = runs[runs["strategy"] == s]
        if by_point:
            futures = sorted(set(mine["future"].astype(str)))
            unit_lists.append(futures)
            lines.append(
                f"  {s}: {len(mine)} runs in {len(futures)} sampled futures (values of the other swept "
                f"parameters; each the mean of its replicates), seeds {_seed_list(sorted(set(mine['seed'])))}"
            )
        else:
            seeds = sorted(mine["seed"])
            unit_lists.append(seeds)
            lines.append(f"  {s}: {len(seeds)} runs, seeds {_seed_list(seeds)}")
    same = all(units == unit_lists[0] for units in unit_lists)
    what = "sampled futures" if by_point else "seeds"
    why = (
        "fewer than two runs each to pair"
        if same and len(unit_lists[0]) < 2
        else "pairing not asked for"
        if same
        else f"the {what} differ"
    )
    how = {
        "paired": "paired by sampled future"
        if by_point
        else "paired by seed (common random numbers)",
        "welch": f"unpaired (Welch: {why})",
    }
    over = "over sampled futures" if by_point else "over runs"
    lines.append(
        f"{level * 100:g}% intervals by Student t {over}. Differences: strategy minus {baseline}, "
        + " / ".join(how[m] for m in sorted(methods))
        + "."
    )
    effects = {
        "paired": "d_z = mean difference / SD of the paired differences",
        "welch": "d = difference / pooled SD",
    }
    lines.append("effect: " + "; ".join(effects[m] for m in sorted(methods)) + ".")
    adjust = {"holm": "Holm", "bh": "Benjamini-Hochberg"}[table["adjust"].iloc[0]]
    tests = int(table["p_value"].notna().sum())
    lines.append(
        f"p: adjusted ({adjust}) over the {tests} differences of this table. clear: adjusted p below "
        f"{1 - level:g} (better or worse for the region). rank: 1 = best; a strategy whose difference "
        "is not clear ranks with the baseline, and ties share a rank."
    )
    return lines


def _seed_list(seeds) -> str:
    seeds = list(seeds)
    if seeds and seeds == list(range(seeds[0], seeds[0] + len(seeds))) and len(seeds) > 2:
        return f"{seeds[0]}-{seeds[-1]}"
    return ", ".join(map(str, seeds))


def format_text(table: pd.DataFrame, runset, region_name: str, level: float = S.LEVEL) -> str:
    """Terminal table: a block per horizon, then the overall ranking."""
    out = [f"Strategies compared in {region_name} (baseline: {table['baseline'].iloc[0]})"]
    out += _describe(table, runset, level)
    for horizon in dict.fromkeys(table["horizon"]):
        label = table.loc[table["horizon"] == horizon, "horizon_label"].iloc[0]
        cells = display_rows(table, horizon)
        cells.loc[cells["indicator"].duplicated(), "indicator"] = ""
        out += ["", label, _aligned(cells)]
        out += ["", "In words:"] + [f"  {line}" for line in plain_lines(table, horizon)]
    ranking = overall_ranking(table)
    if len(ranking):
        out += ["", "Overall ranking (mean rank over the ranked indicators; 1 = best):"]
        for horizon in dict.fromkeys(ranking["horizon"]):
            part = ranking[ranking["horizon"] == horizon]
            out.append(
                f"  {horizon}: "
                + ", ".join(
                    f"{int(r.position)}. {r.strategy} ({r.mean_rank:.2f})"
                    for r in part.itertuples()
                )
            )
    return "\n".join(out)


def _aligned(frame: pd.DataFrame) -> str:
    columns = list(frame.columns)
    widths = [max(len(str(c)), *(len(str(v)) for v in frame[c])) for c in columns]
    numeric = {c for c in columns if c not in ("indicator", "unit", "strategy", "clear")}

    def cell(value, c, w):
        return str(value).rjust(w) if c in numeric else str(value).ljust(w)

    lines = ["  ".join(cell(c, c, w) for c, w in zip(columns, widths)).rstrip()]
    for row in frame.itertuples(index=False):
        lines.append("  ".join(cell(v, c, w) for v, c, w in zip(row, columns, widths)).rstrip())
    return "\n".join(lines)


def format_markdown(table: pd.DataFrame, runset, region_name: str, level: float = S.LEVEL) -> str:
    """Markdown: a table per horizon (written by hand: Debian's pandas lacks tabulate)."""
    out = [f"## Strategies compared in {region_name}", ""]
    out += [
        line.strip() if not line.startswith("  ") else "- " + line.strip()
        for line in _describe(table, runset, level)
    ]
    for horizon in dict.fromkeys(table["horizon"]):
        label = table.loc[table["horizon"] == horizon, "horizon_label"].iloc[0]
        cells = display_rows(table, horizon)
        out += [
            "",
            f"### {label}",
            "",
            "| " + " | ".join(cells.columns) + " |",
            "|" + "|".join("---" for _ in cells.columns) + "|",
        ]
        for row in cells.itertuples(index=False):
            out.append("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |")
        out += [""] + [f"- {line}" for line in plain_lines(table, horizon)]
    ranking = overall_ranking(table)
    if len(ranking):
        out += [
            "",
            "### Overall ranking",
            "",
            "| horizon | position | strategy | mean rank | firsts |",
            "|---|---|---|---|---|",
        ]
        for r in ranking.itertuples():
            out.append(
                f"| {r.horizon} | {r.position} | {r.strategy} | {r.mean_rank:.2f} | {r.firsts} |"
            )
    return "\n".join(out) + "\n"
