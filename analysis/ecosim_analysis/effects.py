"""The effect of each named scenario on its question, against the scenario it is compared with,
paired by seed: the table README.md shows (`scripts/scenario-effects.sh` makes the runs).

A run folder holds `<scenario>_seed<N>.h5` for every scenario named in COMPARISONS and seeds
1..N. Each measure is of the region studied (the first) over the whole run; the difference is
scenario minus comparison, with its t interval over the seeds (stats.paired_difference). An
effect is "detected" when the interval excludes 0.

Seeds are only the model's chance. With the question's robustness sweeps
(scenarios/sweeps/robustness/<question>/<scenario>.toml: the same sampled futures of the
assumed keys its channels rest on, run for each scenario), `sign_holds` adds for each row the
share of those futures in which the difference (mean over the future's replicates) has the
sign of the seed-paired difference.
"""
from __future__ import annotations

import dataclasses
import math
import pathlib
import re

import h5py
import numpy as np
import pandas as pd

from . import metrics as M
from . import stats as S
from .load import load_runs

MNOK = 1e6


@dataclasses.dataclass(frozen=True)
class Measure:
    """A measure of the table: an indicator metric over a horizon (metrics.py defines both, as
    for `compare`), or, for money and outcomes of the municipality's own partnerships, a sum
    over the projects/ table (_project_measures)."""

    name: str
    unit: str
    description: str
    metric: M.Metric | None = None
    horizon: str = ""


def _indicator(name, description, metric, horizon) -> Measure:
    return Measure(name, metric.units, description, metric, horizon)


H = M.HEADLINE_BY_NAME
MEASURES = {
    m.name: m
    for m in [
        _indicator(
            "jobs_end",
            "jobs, mean of the last 12 months",
            M.Metric("jobs_end", "jobs", "jobs", "mean", +1, "person"),
            "lastyear",
        ),
        _indicator(
            "entry_rate",
            "entries a year per private firm (indicator entry_rate), mean over the run",
            M.Metric("entry_rate", "entry rate", "entry_rate", "mean", +1, "1/year"),
            "total",
        ),
        _indicator(
            "satisfaction_end",
            "firms' satisfaction with their municipality in the last month (as compare)",
            H["satisfaction"],
            "lastyear",
        ),
        _indicator(
            "ties_per_firm_end",
            "ties a private firm holds to other firms, last month",
            M.Metric("ties_per_firm", "ties per firm", "ties_per_firm", "end", 0, "tie"),
            "total",
        ),
        _indicator(
            "mean_trust_end",
            "mean trust of firms' ties, last month",
            M.Metric("mean_trust", "mean trust", "mean_trust", "end", 0, "1"),
            "total",
        ),
        _indicator(
            "projects_per_year",
            "projects started a year (led from the region)",
            M.Metric(
                "projects_per_year",
                "projects started",
                "projects_started",
                "per_year",
                0,
                "project/year",
            ),
            "total",
        ),
        _indicator(
            "success_rate",
            "share of decided projects that reached their goals",
            M.Metric(
                "success_rate",
                "success rate",
                "projects_succeeded",
                "ratio",
                +1,
                "1",
                denominator="projects_succeeded+projects_failed+projects_stopped",
            ),
            "total",
        ),
        _indicator(
            "innovation_revenue_last_year",
            "revenue from project innovations in the last 12 months (as compare)",
            H["innovation_revenue"],
            "lastyear",
        ),
        Measure("municipal_mnok_per_year", "MNOK/year", "municipal money committed to projects"),
        Measure(
            "others_per_municipal_nok",
            "NOK/NOK",
            "others' money and staff time per municipal NOK in the municipality's partnerships",
        ),
        Measure(
            "municipal_lost_mnok_per_year",
            "MNOK/year",
            "municipal money leaked, or spent on projects that failed or were stopped (net of refunds)",
        ),
        Measure(
            "municipal_mnok_per_success",
            "MNOK/project",
            "municipal money per municipal partnership that reached its goals",
        ),
        Measure(
            "cross_region_share", "1", "share of started projects with a party from another region"
        ),
        _indicator(
            "tourism_capital_per_year",
            "projects started a year in the two smallest themes, tourism and capital",
            M.Metric(
                "tourism_capital_per_year",
                "projects started in tourism and capital",
                "projects_started_by_theme",
                "per_year",
                0,
                "project/year",
                item="tourism+capital",
            ),
            "total",
        ),
    ]
}


@dataclasses.dataclass(frozen=True)
class Comparison:
    scenario: str
    versus: str
    question: str
    measures: tuple
    robustness: str = ""  # the folder of its robustness sweeps (scenarios/sweeps/robustness/)


RULE_MEASURES = (
    "municipal_mnok_per_year",
    "others_per_municipal_nok",
    "municipal_lost_mnok_per_year",
    "municipal_mnok_per_success",
    "projects_per_year",
    "jobs_end",
    "entry_rate",
)

COMPARISONS = [
    Comparison(
        "orebro_rules",
        "baseline",
        "What do Orebro's rules give over common practice?",
        RULE_MEASURES,
        "rules",
    ),
    Comparison(
        "no_rules",
        "orebro_rules",
        "What happens to public money without any rule?",
        RULE_MEASURES,
        "rules",
    ),
    Comparison(
        "high_trust",
        "low_trust",
        "How much does social capital matter (Denmark's 0.74 vs Germany's 0.42)?",
        (
            "mean_trust_end",
            "projects_per_year",
            "success_rate",
            "innovation_revenue_last_year",
            "jobs_end",
        ),
        "trust",
    ),
    Comparison(
        "high_trust",
        "orebro_rules",
        "Does Danish trust (0.74) differ from Norwegian (0.72)?",
        ("mean_trust_end", "projects_per_year"),
        "trust",
    ),
    Comparison(
        "cross_region_on",
        "cross_region_off",
        "Does cooperation across regions pay?",
        ("cross_region_share", "projects_per_year", "success_rate", "jobs_end"),
        "cross_region",
    ),
    Comparison(
        "high_dialogue",
        "orebro_rules",
        "Does much dialogue (Trosa, Nacka) pay?",
        ("satisfaction_end", "ties_per_firm_end", "projects_per_year", "entry_rate", "jobs_end"),
        "dialogue",
    ),
    Comparison(
        "growth_forum_cross",
        "growth_forum_local",
        "Do Danish growth forums gain from crossing regions?",
        (
            "cross_region_share",
            "projects_per_year",
            "tourism_capital_per_year",
            "success_rate",
            "jobs_end",
        ),
        "growth_forums",
    ),
]

SCENARIOS = sorted({c.scenario for c in COMPARISONS} | {c.versus for c in COMPARISONS})


def _text(values) -> np.ndarray:
    return np.array([v.decode() if isinstance(v, bytes) else str(v) for v in values], dtype=object)


def run_measures(path) -> dict:
    """Every measure of MEASURES for the first region of one run file."""
    runset = load_runs([path])
    out = {
        name: float(M.evaluate(m.metric, runset.data, M.parse_horizon(m.horizon), 0)[0])
        for name, m in MEASURES.items()
        if m.metric is not None
    }
    with h5py.File(path, "r") as f:
        years = f["indicators"]["time"].shape[0] / 12
        out.update(_project_measures(f["projects"], years))
    return out


def _project_measures(t, years: float) -> dict:
    """The municipality's own partnerships and cross-region projects, from projects/ (no
    indicator holds a project's money by party)."""
    region = t["region"][()]
    status = _text(t["status"][()])
    mine = region == 0
    started = mine & (status != "rejected")
    succeeded = t["succeeded"][()] == 1
    municipal = t["municipal_nok"][()].astype(float)
    public_private = municipal + t["agency_nok"][()] + t["investor_nok"][()]
    refund_share = np.divide(
        municipal, public_private, out=np.zeros_like(municipal), where=public_private > 0
    )
    refunded = t["refunded_nok"][()] * refund_share
    lost = t["leaked_nok"][()] + np.where(
        np.isin(status, ["failed", "stopped_at_review"]), municipal - refunded, 0
    )
    ours = started & (municipal > 0)
    wins = (ours & succeeded).sum()
    total = municipal[ours].sum()
    budget = t["budget_nok"][()][ours].sum()
    return {
        "municipal_mnok_per_year": float(total / MNOK / years),
        "others_per_municipal_nok": float((budget - total) / total) if total > 0 else math.nan,
        "municipal_lost_mnok_per_year": float(lost[ours].sum() / MNOK / years),
        "municipal_mnok_per_success": float(total / MNOK / wins) if wins else math.nan,
        "cross_region_share": float(t["cross_region"][()][started].mean())
        if started.any()
        else math.nan,
    }


def find_runs(folder) -> dict:
    """{scenario: {seed: path}} of the `<scenario>_seed<N>.h5` files of a folder."""
    runs: dict = {}
    for path in sorted(pathlib.Path(folder).glob("*_seed*.h5")):
        m = re.fullmatch(r"(.+)_seed(\d+)\.h5", path.name)
        if m:
            runs.setdefault(m.group(1), {})[int(m.group(2))] = path
    return runs


def effects_table(folder, comparisons=COMPARISONS, level: float = S.LEVEL) -> pd.DataFrame:
    """One row per (comparison, measure): means, paired difference, interval, detected."""
    runs = find_runs(folder)
    cache: dict = {}

    def measured(scenario, seed):
        key = (scenario, seed)
        if key not in cache:
            cache[key] = run_measures(runs[scenario][seed])
        return cache[key]

    rows = []
    for c in comparisons:
        missing = [s for s in (c.scenario, c.versus) if s not in runs]
        if missing:
            raise FileNotFoundError(
                f"{folder}: no runs of {', '.join(missing)} (<scenario>_seed<N>.h5)"
            )
        seeds = sorted(set(runs[c.scenario]) & set(runs[c.versus]))
        for name in c.measures:
            base = np.array([measured(c.versus, s)[name] for s in seeds])
            other = np.array([measured(c.scenario, s)[name] for s in seeds])
            d = S.paired_difference(base, other, level)
            rows.append(
                {
                    "scenario": c.scenario,
                    "versus": c.versus,
                    "question": c.question,
                    "measure": name,
                    "unit": MEASURES[name].unit,
                    "seeds": len(seeds),
                    "versus_mean": float(np.nanmean(base)),
                    "scenario_mean": float(np.nanmean(other)),
                    "difference": d.diff,
                    "low": d.low,
                    "high": d.high,
                    "detected": bool(d.low > 0 or d.high < 0),
                }
            )
    return pd.DataFrame(rows)


def future_measures(sweep_folders: dict) -> pd.DataFrame:
    """Mean over each sampled future's replicates of every measure, per strategy: rows
    (strategy, future); sweep_folders maps strategy -> sweep folder (all of one design)."""
    from .select import select_runs

    runset = select_runs(groups=[f"{name}={folder}" for name, folder in sweep_folders.items()])
    frame = pd.DataFrame([run_measures(path) for path in runset.runs["file"]])
    frame["strategy"] = runset.runs["strategy"].values
    frame["future"] = runset.runs["future"].values
    return frame.groupby(["strategy", "future"]).mean()


def sign_holds(table: pd.DataFrame, root, comparisons=COMPARISONS) -> pd.DataFrame:
    """The effects table with `futures` and `sign_holds` (futures in which the scenario's
    difference has the seed-paired difference's sign) from the robustness sweeps under root
    (root/<comparison.robustness>/<scenario>); rows without sweeps get 0 futures."""
    root = pathlib.Path(root)
    table = table.copy()
    table["futures"], table["sign_holds"] = 0, 0
    for c in comparisons:
        folders = {s: root / c.robustness / s for s in (c.scenario, c.versus)}
        if not c.robustness or not all(f.is_dir() for f in folders.values()):
            continue
        means = future_measures(folders)
        for i in table.index[(table["scenario"] == c.scenario) & (table["versus"] == c.versus)]:
            name = table.at[i, "measure"]
            by_future = means[name].unstack("strategy")[[c.scenario, c.versus]].dropna()
            difference = by_future[c.scenario] - by_future[c.versus]
            sign = np.sign(table.at[i, "difference"])
            table.at[i, "futures"] = len(difference)
            table.at[i, "sign_holds"] = int(
                (np.sign(difference) == sign).sum()
            )  # 0: no effect either
    return table


def _number(x: float) -> str:
    if not math.isfinite(x):
        return "n/a"
    magnitude = abs(x)
    if magnitude >= 1000:
        return f"{x:,.0f}"
    if magnitude >= 10:
        return f"{x:.1f}"
    if magnitude >= 0.1:
        return f"{x:.2f}"
    return f"{x:.3f}" if magnitude >= 0.001 or x == 0 else f"{x:.1e}"


def format_markdown(table: pd.DataFrame, level: float = S.LEVEL) -> str:
    seeds = int(table["seeds"].min()) if len(table) else 0
    robust = "futures" in table and bool((table["futures"] > 0).any())
    lines = [
        f"| scenario vs comparison | measure | comparison | scenario | difference [{level:.0%} interval] | "
        f"detected over {seeds} seeds? |"
        + (" sign holds in (plausible futures) |" if robust else ""),
        "| --- | --- | --- | --- | --- | --- |" + (" --- |" if robust else ""),
    ]
    previous = None
    for row in table.itertuples():
        pair = f"`{row.scenario}` vs `{row.versus}`"
        head = pair if pair != previous else ""
        previous = pair
        interval = f"{_number(row.difference)} [{_number(row.low)}, {_number(row.high)}]"
        relative = ""
        if math.isfinite(row.versus_mean) and row.versus_mean and math.isfinite(row.difference):
            relative = f" ({row.difference / abs(row.versus_mean):+.1%})"
        holds = ""
        if robust:
            holds = (
                f" {row.sign_holds} of {row.futures} ({row.sign_holds / row.futures:.0%}) |"
                if row.futures
                else " n/a |"
            )
        lines.append(
            f"| {head} | {row.measure} ({row.unit}) | {_number(row.versus_mean)} | {_number(row.scenario_mean)} | "
            f"{interval}{relative} | {'yes' if row.detected else 'no: within seed noise'} |{holds}"
        )
    return "\n".join(lines) + "\n"


def measures_markdown() -> str:
    lines = ["| measure | unit | meaning |", "| --- | --- | --- |"]
    lines += [f"| {m.name} | {m.unit} | {m.description} |" for m in MEASURES.values()]
    return "\n".join(lines) + "\n"
