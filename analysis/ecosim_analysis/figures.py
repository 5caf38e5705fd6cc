"""Figures (PNG, matplotlib's Agg backend): indicator paths with interval bands per strategy,
the proposal funnel, public against private money, ties per firm by ladder rung; and for sweeps a heat
map over two parameters and the sensitivity indices. Every function writes one file and
returns its path; colours follow the strategies' order, the same in every figure."""
from __future__ import annotations

import math
import pathlib
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

from . import metrics as M  # noqa: E402
from .numbers import fmt  # noqa: E402

DPI = 100
RUNGS = ["conversation", "shared_view", "cooperation", "joint_action"]


def colors(strategies) -> dict:
    cycle = plt.get_cmap("tab10").colors
    return {s: cycle[i % len(cycle)] for i, s in enumerate(strategies)}


def band(values: np.ndarray, level: float = 0.95, bounds=(-np.inf, np.inf)):
    """Mean and Student-t interval over runs (axis 0) at each time; NaN left out; the interval
    clipped to the values the quantity can take (bounds)."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    n = finite.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, np.where(finite, values, 0).sum(axis=0) / np.maximum(n, 1), np.nan)
        dev = np.where(finite, values - mean, 0)
        sd = np.sqrt((dev**2).sum(axis=0) / np.maximum(n - 1, 1))
        half = stats.t.ppf(0.5 + level / 2, np.maximum(n - 1, 1)) * sd / np.sqrt(np.maximum(n, 1))
    half = np.where(n > 1, half, np.nan)
    return mean, np.clip(mean - half, *bounds), np.clip(mean + half, *bounds)


def _bounds(metric, series) -> tuple:
    """What a path can take: a share (unit 1, every value in [0, 1]) stays in [0, 1], a quantity
    that is never negative stays at or above 0; others are unbounded."""
    low, high = np.nanmin(series, initial=np.inf), np.nanmax(series, initial=-np.inf)
    if metric.units == "1" and low >= 0 and high <= 1:
        return 0.0, 1.0
    return (0.0 if low >= 0 else -np.inf), np.inf


def _groups(runset):
    return {s: np.flatnonzero(runset.runs["strategy"].values == s) for s in runset.strategies}


def _years(runset) -> np.ndarray:
    return runset.data["time"].values / 12.0


def _finish(fig, path) -> pathlib.Path:
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def _path_axes(ax, runset, metric, region, palette, groups):
    series = M.path(metric, runset.data, region).transpose("run", "time").values
    years = _years(runset)
    bounds = _bounds(metric, series)
    for s, idx in groups.items():
        mean, lo, hi = band(series[idx], bounds=bounds)
        ax.plot(years, mean, color=palette[s], lw=1.6, label=f"{s} (n={len(idx)})")
        ax.fill_between(years, lo, hi, color=palette[s], alpha=0.25, lw=0)
    ax.set_title(metric.label, fontsize=9)
    ax.set_xlabel("year", fontsize=8)
    unit = f" [{metric.units}]" if metric.units and metric.units != "1" else ""
    ax.set_ylabel(textwrap.fill((metric.path_label or metric.name) + unit, 38), fontsize=7)
    if metric.kind == "ratio" and np.nanmin(series, initial=np.inf) > 0:
        ax.set_yscale("log")  # the first successes are few and dear: a linear axis hides the rest
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3)


def plot_path(runset, metric, path, region: int = 0) -> pathlib.Path:
    """One indicator's monthly path per strategy: the mean over runs and its 95% band."""
    fig, ax = plt.subplots(figsize=(7, 4))
    groups = _groups(runset)
    _path_axes(ax, runset, metric, region, colors(runset.strategies), groups)
    ax.legend(fontsize=8)
    fig.suptitle(
        f"{metric.name} in {runset.regions[region]}: mean and 95% interval over runs", fontsize=10
    )
    fig.tight_layout()
    return _finish(fig, path)


def plot_paths(runset, metrics, path, region: int = 0) -> pathlib.Path:
    """All indicators' paths in one figure, a panel each."""
    cols = 3
    rows = math.ceil(len(metrics) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.0 * rows), squeeze=False)
    palette, groups = colors(runset.strategies), _groups(runset)
    for ax, metric in zip(axes.flat, metrics):
        _path_axes(ax, runset, metric, region, palette, groups)
    for ax in list(axes.flat)[len(metrics) :]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    top = 1 - 0.75 / fig.get_figheight()
    fig.suptitle(
        f"Indicator paths in {runset.regions[region]}: mean and 95% interval over runs",
        y=0.995,
        fontsize=11,
    )
    fig.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, top + 0.3 / fig.get_figheight()),
        ncol=min(len(labels), 4),
        fontsize=9,
        frameon=False,
    )
    fig.tight_layout(rect=(0, 0, 1, top))
    return _finish(fig, path)


def paired_paths(runset, metric, baseline: str, region: int = 0) -> dict:
    """{strategy: (run, time) array of strategy minus baseline}, runs paired on (future, seed)
    as `compare` pairs them; a strategy without pairs is left out."""
    series = M.path(metric, runset.data, region).transpose("run", "time").values
    runs = runset.runs
    keys = list(zip(runs["future"].astype(str), runs["seed"]))
    where = {k: i for i, (k, s) in enumerate(zip(keys, runs["strategy"])) if s == baseline}
    out = {}
    for strategy in runset.strategies:
        if strategy == baseline:
            continue
        pairs = [
            (i, where[keys[i]])
            for i in np.flatnonzero(runs["strategy"].values == strategy)
            if keys[i] in where
        ]
        if pairs:
            out[strategy] = np.array([series[i] - series[j] for i, j in pairs])
    return out


def plot_differences(
    runset, metrics, path, baseline: str | None = None, region: int = 0
) -> pathlib.Path:
    """Each indicator's path as the paired difference from the baseline, with its 95% band: two
    strategies' bands may overlap where their paired difference is clearly not 0."""
    baseline = baseline or runset.strategies[0]
    cols = 3
    rows = math.ceil(len(metrics) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.0 * rows), squeeze=False)
    palette, years = colors(runset.strategies), _years(runset)
    for ax, metric in zip(axes.flat, metrics):
        for strategy, diff in paired_paths(runset, metric, baseline, region).items():
            mean, lo, hi = band(diff)
            ax.plot(
                years,
                mean,
                color=palette[strategy],
                lw=1.6,
                label=f"{strategy} - {baseline} (pairs={len(diff)})",
            )
            ax.fill_between(years, lo, hi, color=palette[strategy], alpha=0.25, lw=0)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.set_title(metric.label, fontsize=9)
        ax.set_xlabel("year", fontsize=8)
        unit = f" [{metric.units}]" if metric.units and metric.units != "1" else ""
        ax.set_ylabel(
            textwrap.fill("difference, " + (metric.path_label or metric.name) + unit, 38),
            fontsize=7,
        )
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(metrics) :]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    top = 1 - 0.75 / fig.get_figheight()
    fig.suptitle(
        f"Paired differences from {baseline} in {runset.regions[region]}: mean and 95% interval over pairs",
        y=0.995,
        fontsize=11,
    )
    if handles:
        fig.legend(
            handles,
            labels,
            loc="upper center",
            bbox_to_anchor=(0.5, top + 0.3 / fig.get_figheight()),
            ncol=min(len(labels), 3),
            fontsize=9,
            frameon=False,
        )
    fig.tight_layout(rect=(0, 0, 1, top))
    return _finish(fig, path)


def _total(runset, name, region, item=None):
    """Per run: sum over the run of a (run, time, region[, axis]) flow."""
    da = runset.data[name].isel(region=region)
    if item is not None:
        da = da.sel({da.dims[-1]: item})
    return da.sum("time", min_count=1).values


def plot_funnel(runset, path, region: int = 0) -> pathlib.Path:
    """Proposals to continued projects, totals over the run per strategy (mean over runs with
    its 95% interval); rejections split by the rule that stopped them."""
    stages = ["proposed", "rejected by rule", "funded", "succeeded", "continued"]
    sources = {
        "proposed": "proposals",
        "funded": "projects_started",
        "succeeded": "projects_succeeded",
        "continued": "projects_continued",
    }
    groups, palette = _groups(runset), colors(runset.strategies)
    rules = [str(r) for r in runset.data["rule"].values] if "rule" in runset.data.coords else []
    rule_colors = plt.get_cmap("Set3").colors  # pastel: apart from the strategies' tab10 colours
    fig, ax = plt.subplots(figsize=(10, 4.8))
    rule_handles = {}
    width = 0.8 / max(len(groups), 1)
    for g, (s, idx) in enumerate(groups.items()):
        x = np.arange(len(stages)) + (g - (len(groups) - 1) / 2) * width
        for i, stage in enumerate(stages):
            if stage == "rejected by rule" and "rejected_by_rule" in runset.data:
                bottom = 0.0
                for j, rule in enumerate(rules):
                    height = np.nanmean(_total(runset, "rejected_by_rule", region, rule)[idx])
                    if height > 0:
                        ax.bar(
                            x[i],
                            height,
                            width * 0.95,
                            bottom=bottom,
                            color=rule_colors[j % len(rule_colors)],
                            edgecolor=palette[s],
                            lw=1.5,
                        )
                        # The key shows the rule's fill only: the outline is the strategy's colour.
                        rule_handles.setdefault(
                            j,
                            (
                                matplotlib.patches.Patch(
                                    facecolor=rule_colors[j % len(rule_colors)],
                                    edgecolor="0.4",
                                    lw=0.8,
                                ),
                                rule,
                            ),
                        )
                        bottom += height
                total = (
                    _total(runset, "rejected", region)[idx] if "rejected" in runset.data else None
                )
            elif sources.get(stage) in runset.data:
                total = _total(runset, sources[stage], region)[idx]
                ax.bar(
                    x[i],
                    np.nanmean(total),
                    width * 0.95,
                    color=palette[s],
                    label=s if i == 0 else None,
                )
            else:
                total = None
            if total is not None and np.isfinite(total).sum() > 1:
                mean, lo, hi = band(total[:, None])
                ax.errorbar(
                    x[i],
                    mean[0],
                    yerr=[[mean[0] - lo[0]], [hi[0] - mean[0]]],
                    color="black",
                    capsize=3,
                    lw=1,
                )
    ax.set_xticks(np.arange(len(stages)))
    ax.set_xticklabels(stages)
    ax.set_ylabel("projects over the run (mean over runs)")
    ax.set_title(
        f"Proposal funnel in {runset.regions[region]}; rejections stacked by rule, 95% intervals",
        fontsize=10,
    )
    strategies = ax.legend(fontsize=8, loc="upper right", title="strategy", title_fontsize=8)
    ax.add_artist(strategies)
    if rule_handles:
        ordered = [rule_handles[j] for j in sorted(rule_handles)]
        ax.legend(
            [h for h, _ in ordered],
            [r for _, r in ordered],
            fontsize=7,
            title="rejected by rule",
            title_fontsize=8,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
        )
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return _finish(fig, path)


def plot_money(runset, path, region: int = 0) -> pathlib.Path:
    """Public against private money: cumulative commitments over time (bands over runs), and
    each run's totals with lines of equal leverage."""
    groups, palette, years = _groups(runset), colors(runset.strategies), _years(runset)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.4))
    public = (
        runset.data["public_money"]
        .isel(region=region)
        .cumsum("time")
        .transpose("run", "time")
        .values
        / 1e6
    )
    private = (
        runset.data["private_money"]
        .isel(region=region)
        .cumsum("time")
        .transpose("run", "time")
        .values
        / 1e6
    )
    for s, idx in groups.items():
        for values, style, kind in ((public, "-", "public"), (private, "--", "private")):
            mean, lo, hi = band(values[idx])
            left.plot(years, mean, style, color=palette[s], lw=1.5, label=f"{s}: {kind}")
            left.fill_between(years, lo, hi, color=palette[s], alpha=0.2, lw=0)
        last_pub, last_priv = public[idx, -1], private[idx, -1]
        right.scatter(last_pub, last_priv, color=palette[s], s=22, label=s, alpha=0.85)
    left.set_xlabel("year")
    left.set_ylabel("money committed since month 1 [million NOK]")
    left.set_title("Cumulative public (solid) and private (dashed) money", fontsize=10)
    left.legend(fontsize=7)
    left.grid(alpha=0.3)
    top = np.nanmax([np.nanmax(public[:, -1]), np.nanmax(private[:, -1]), 1e-9]) * 1.1
    for lev in (0.5, 1.0, 2.0):
        right.plot([0, top], [0, top * lev], ":", color="grey", lw=0.8)
        right.annotate(
            f"leverage {lev:g}",
            (top / max(lev, 1) * 0.92, top * lev / max(lev, 1) * 0.92),
            fontsize=7,
            color="grey",
        )
    right.set_xlim(0, top)
    right.set_ylim(0, top)
    right.set_xlabel("public money over the run [million NOK]")
    right.set_ylabel("private money over the run [million NOK]")
    right.set_title("Each run's totals", fontsize=10)
    right.legend(fontsize=7)
    right.grid(alpha=0.3)
    fig.suptitle(f"Public against private money in {runset.regions[region]}", fontsize=11)
    fig.tight_layout()
    return _finish(fig, path)


def trust_by_rung(path, region: int, rungs: int):
    """(snapshot months, mean trust per tie by rung: months x rungs) of the ties held by the
    region's firms, from ties/ joined to firms/ on (time, uid); None without snapshots."""
    import h5py

    with h5py.File(path, "r") as f:
        if "ties" not in f or "firms" not in f or f["ties"]["time"].shape[0] == 0:
            return None
        t, g = f["ties"], f["firms"]
        firms = pd.DataFrame(
            {"time": g["time"][()], "holder": g["uid"][()], "region": g["region"][()]}
        )
        ties = pd.DataFrame(
            {
                "time": t["time"][()],
                "holder": t["holder"][()],
                "rung": t["rung"][()],
                "trust": t["trust"][()].astype(float),
            }
        )
    mine = ties.merge(firms[firms["region"] == region][["time", "holder"]], on=["time", "holder"])
    means = (
        mine.groupby(["time", "rung"])["trust"].mean().unstack("rung").reindex(columns=range(rungs))
    )
    months = np.unique(ties["time"])
    return months, means.reindex(months).to_numpy(dtype=float)


def plot_trust(runset, path, region: int = 0) -> pathlib.Path:
    """The cooperation ladder over time, per strategy: ties per firm on each rung (indicators/),
    and the mean trust of those ties (ties/, at the snapshot months), each with its band."""
    groups, palette, years = _groups(runset), colors(runset.strategies), _years(runset)
    ties = runset.data["ties_by_rung"].isel(region=region)
    firms = runset.data["firms"].isel(region=region)
    rungs = [str(r) for r in runset.data["rung"].values]
    trust = [trust_by_rung(f, region, len(rungs)) for f in runset.runs["file"]]
    with_trust = all(t is not None for t in trust) and len({tuple(t[0]) for t in trust}) == 1
    rows = 2 if with_trust else 1
    fig, axes = plt.subplots(
        rows, len(rungs), figsize=(3.3 * len(rungs), 3.3 * rows + 0.4), squeeze=False
    )
    for ax, rung in zip(axes[0], rungs):
        per_firm = (ties.sel(rung=rung) / firms.where(firms > 0)).transpose("run", "time").values
        for s, idx in groups.items():
            mean, lo, hi = band(per_firm[idx], bounds=(0.0, np.inf))
            ax.plot(years, mean, color=palette[s], lw=1.5, label=s)
            ax.fill_between(years, lo, hi, color=palette[s], alpha=0.25, lw=0)
        ax.set_title(rung.replace("_", " "), fontsize=10)
    axes[0][0].set_ylabel("ties per firm on the rung")
    if with_trust:
        months = trust[0][0]
        values = np.stack([t[1] for t in trust])  # run, month, rung
        for k, ax in enumerate(axes[1]):
            for s, idx in groups.items():
                mean, lo, hi = band(values[idx, :, k], bounds=(0.0, 1.0))
                ax.plot(months / 12, mean, color=palette[s], lw=1.5, marker="o", ms=2.5, label=s)
                ax.fill_between(months / 12, lo, hi, color=palette[s], alpha=0.25, lw=0)
        axes[1][0].set_ylabel("mean trust of those ties")
    for ax in axes.flat:
        ax.set_xlabel("year", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=7)
    what = (
        "ties per firm and their mean trust"
        if with_trust
        else "ties per firm (no ties/ snapshots for trust)"
    )
    fig.suptitle(
        f"The cooperation ladder in {runset.regions[region]}: {what}, by rung (mean and 95% interval "
        "over runs)",
        fontsize=11,
    )
    fig.tight_layout()
    return _finish(fig, path)


def _bins(values: pd.Series, bins: int):
    """Distinct values when few, else equal-count bins labelled by their mid value."""
    distinct = np.unique(values.to_numpy(dtype=float))
    if len(distinct) <= bins:
        return values.astype(float), distinct
    codes, edges = pd.qcut(values, bins, retbins=True, labels=False, duplicates="drop")
    mids = (edges[:-1] + edges[1:]) / 2
    return pd.Series(mids[codes.to_numpy()], index=values.index), mids


def plot_heatmap(
    frame: pd.DataFrame, x: str, y: str, output: str, path, title: str = "", bins: int = 8
) -> tuple:
    """Mean of `output` over two parameters (averaged over replicates and the other
    parameters; continuous parameters binned). Returns (path, pivot table)."""
    bx, xs = _bins(frame[x], bins)
    by, ys = _bins(frame[y], bins)
    table = frame.assign(_x=bx, _y=by).pivot_table(
        index="_y", columns="_x", values=output, aggfunc="mean"
    )
    table = table.reindex(index=ys, columns=xs)
    counts = frame.assign(_x=bx, _y=by).pivot_table(
        index="_y", columns="_x", values=output, aggfunc="count"
    )
    fig, ax = plt.subplots(figsize=(max(6.0, 1.1 * len(xs) + 3), max(4.0, 0.8 * len(ys) + 2.4)))
    image = ax.imshow(table.values, origin="lower", aspect="auto", cmap="viridis")
    finite = table.values[np.isfinite(table.values)]
    middle = (finite.min() + finite.max()) / 2 if finite.size else 0
    for i in range(len(ys)):
        for j in range(len(xs)):
            v = table.values[i, j]
            if np.isfinite(v):
                ax.text(
                    j,
                    i,
                    fmt(float(v)),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="black" if v > middle else "white",
                )
    ax.set_xticks(range(len(xs)))
    ax.set_xticklabels([fmt(float(v)) for v in xs], fontsize=8)
    ax.set_yticks(range(len(ys)))
    ax.set_yticklabels([fmt(float(v)) for v in ys], fontsize=8)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    fig.colorbar(image, ax=ax, label=output)
    ax.set_title(textwrap.fill(title or f"{output}: mean over runs", 60), fontsize=10)
    fig.tight_layout()
    counts = counts.reindex(index=ys, columns=xs)
    return _finish(fig, path), table, counts


def plot_morris(indices: pd.DataFrame, path, title: str = "") -> pathlib.Path:
    """Morris' mu*-sigma plane, one panel per output: each parameter a point numbered by its
    rank in mu* (1 = most influential), its name in the key beside the panel (names written at
    the points overlap), with the lines sigma/mu* = 0.1, 0.5 and 1 (Garcia Sanchez et al. 2014:
    below 0.1 about linear, above 1 strongly non-linear or interacting) and mu*'s interval."""
    outputs = list(dict.fromkeys(indices["output"]))
    count = max(len(indices[indices["output"] == o]) for o in outputs)
    height = max(3.2, 0.9 + 0.22 * count)
    fig, axes = plt.subplots(len(outputs), 1, figsize=(10, height * len(outputs)), squeeze=False)
    for ax, output in zip(axes.flat, outputs):
        part = indices[indices["output"] == output].sort_values(
            "mu_star", ascending=False, kind="stable"
        )
        mu, sigma = part["mu_star"].to_numpy(dtype=float), part["sigma"].to_numpy(dtype=float)
        err = None
        if "mu_star_low" in part:
            err = [
                np.clip(mu - part["mu_star_low"].to_numpy(dtype=float), 0, None),
                np.clip(part["mu_star_high"].to_numpy(dtype=float) - mu, 0, None),
            ]
        ax.errorbar(
            mu, sigma, xerr=err, fmt="o", ms=4, color="#1f77b4", ecolor="#9ecae1", capsize=2
        )
        for k, (x, y) in enumerate(zip(mu, sigma), start=1):
            ax.annotate(str(k), (x, y), textcoords="offset points", xytext=(4, 3), fontsize=7)
        top = max(float(np.nanmax(mu)) if len(mu) else 1.0, 1e-12) * 1.1
        for ratio in (0.1, 0.5, 1.0):
            ax.plot([0, top], [0, ratio * top], ls="--", lw=0.7, color="grey")
            ax.annotate(
                f"sigma/mu* = {ratio:g}",
                (top, ratio * top),
                fontsize=6,
                color="grey",
                ha="right",
                va="bottom",
            )
        ax.set_xlim(0, top)
        ax.set_ylim(0, max(top, float(np.nanmax(sigma)) * 1.1 if len(sigma) else top))
        ax.set_xlabel("mu* (mean absolute elementary effect)", fontsize=8)
        ax.set_ylabel("sigma", fontsize=8)
        ax.set_title(output, fontsize=9)
        ax.grid(alpha=0.3)
        key = "\n".join(f"{k}. {name}" for k, name in enumerate(part["parameter"], start=1))
        ax.text(1.02, 1.0, key, transform=ax.transAxes, fontsize=7, va="top", ha="left")
    fig.suptitle(title or "Morris: mu* against sigma", fontsize=11)
    fig.tight_layout(rect=(0, 0, 0.72, 1))
    return _finish(fig, path)


def plot_indices(indices: pd.DataFrame, method: str, path, title: str = "") -> pathlib.Path:
    """Bar charts of sensitivity indices, one panel per output: mu* and sigma (Morris), S1 and
    ST (Sobol'), rho (Spearman), with intervals where computed. Bars lie horizontally, the most
    influential parameter on top, so that long key names stay legible."""
    outputs = list(dict.fromkeys(indices["output"]))
    count = max(len(indices[indices["output"] == o]) for o in outputs)
    heights = 0.9 + 0.32 * count
    fig, axes = plt.subplots(
        len(outputs), 1, figsize=(9, 0.5 + heights * len(outputs)), squeeze=False
    )
    bars = {
        "morris": [("mu_star", "mu*"), ("sigma", "sigma")],
        "sobol": [("S1", "first order S1"), ("ST", "total ST")],
        "spearman": [("rho", "Spearman rho")],
    }[method]
    for ax, output in zip(axes.flat, outputs):
        part = indices[indices["output"] == output]
        part = part.iloc[
            np.argsort(-np.abs(part[bars[0][0]].to_numpy(dtype=float)), kind="stable")[::-1]
        ]
        names = list(part["parameter"])
        y = np.arange(len(names))
        width = 0.8 / len(bars)
        for b, (column, label) in enumerate(bars):
            pos = y + ((len(bars) - 1) / 2 - b) * width
            values = part[column].to_numpy(dtype=float)
            err = None
            if f"{column}_low" in part:
                lo, hi = part[f"{column}_low"].to_numpy(dtype=float), part[
                    f"{column}_high"
                ].to_numpy(dtype=float)
                err = [np.clip(values - lo, 0, None), np.clip(hi - values, 0, None)]
            ax.barh(pos, values, width * 0.9, xerr=err, capsize=3, label=label)
        ax.set_yticks(y)
        ax.set_yticklabels(names, fontsize=7)
        ax.set_title(output, fontsize=9)
        ax.axvline(0, color="black", lw=0.6)
        ax.grid(axis="x", alpha=0.3)
        ax.legend(fontsize=7, loc="lower right")
    fig.suptitle(title or f"Sensitivity ({method})", fontsize=11)
    fig.tight_layout()
    return _finish(fig, path)


def is_blank(path, threshold: float = 1e-4) -> bool:
    """True when a PNG shows (almost) nothing: its pixels hardly vary."""
    image = plt.imread(str(path))
    return float(np.asarray(image, dtype=float)[..., :3].var()) < threshold
