"""Indicators reduced to one number per run over a horizon, and their monthly paths.

A `Horizon` is a window of months: `year5` = months 49..60, `total` = the whole run,
`lastyear` = the last 12 months, `months:13-36` any window. A `Metric` turns the indicators of
a region into one value per run over a window, by its kind:

- `end`      the value in the window's last month (stocks and rates: employment rate),
- `sum`      the sum over the window's months (monthly flows: new firms, emissions),
- `per_year` that sum divided by the window's length in years (projects started a year),
- `mean`     the mean over the window (noisy monthly ratios: the competence gap),
- `growth`   jobs growth over the window minus the mean growth of the other regions,
- `ratio`    sum of one flow over the sum of another, or of several (`a+b`: public money per
             successful project, the success rate).

A 3-D indicator is summed over its third axis, or one item of it (`item`), or several
(`tourism+capital`). This module is the one place where these are defined: `compare`,
`table`, the sweeps' summaries and `effects` (the README's table) all evaluate them here.

`HEADLINE` holds the indicators regions track (DOMAIN.md, source 001), each with the direction
that is better, which the ranking uses. Any other dataset of `indicators/` becomes a metric with
`metric_for()`: flows (units ending in `/month`) are summed, the rest taken at the window's end.
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np
import xarray as xr


@dataclasses.dataclass(frozen=True)
class Horizon:
    name: str
    first: int  # first month, inclusive
    last: int | None  # last month, inclusive; None: the last month of each run

    @property
    def label(self) -> str:
        if self.name == "lastyear":
            return "the last 12 months of each run"
        if self.name == "total":
            return (
                "total over the run"
                if self.last is None
                else f"total (months {self.first}-{self.last})"
            )
        if self.name.startswith("year"):
            return f"year {self.name[4:]} (months {self.first}-{self.last})"
        return f"months {self.first}-{self.last}"


def parse_horizon(text: str) -> Horizon:
    text = text.strip().lower().replace(" ", "")
    if text in ("total", "run", "all"):
        return Horizon("total", 1, None)
    if text in ("lastyear", "last12"):
        return Horizon("lastyear", -11, None)  # first <= 0: counted back from each run's last month
    match = re.fullmatch(r"(?:year|y)(\d+)", text)
    if match and int(match.group(1)) > 0:
        year = int(match.group(1))
        return Horizon(f"year{year}", 12 * (year - 1) + 1, 12 * year)
    match = re.fullmatch(r"(?:months?|m):?(\d+)-(\d+)", text)
    if match and 0 < int(match.group(1)) <= int(match.group(2)):
        return Horizon(
            f"months{match.group(1)}-{match.group(2)}", int(match.group(1)), int(match.group(2))
        )
    raise ValueError(f"horizon {text!r}: use yearN (e.g. year5), total, lastyear, or months:A-B")


def parse_horizons(text: str | None, months: int) -> list:
    """Horizons from a comma-separated list; "auto" (or None) gives year 5 and year 10 where
    the runs reach them (else their last full year) and the total."""
    if text and text != "auto":
        horizons = [parse_horizon(t) for t in text.split(",") if t.strip()]
        for h in horizons:
            if h.last is not None and h.last > months:
                raise ValueError(f"horizon {h.name} needs {h.last} months; the runs have {months}")
        return horizons
    years = [y for y in (5, 10) if 12 * y <= months] or ([months // 12] if months >= 12 else [])
    return [parse_horizon(f"year{y}") for y in years] + [parse_horizon("total")]


@dataclasses.dataclass(frozen=True)
class Metric:
    name: str
    label: str
    source: str  # indicator dataset
    kind: str  # end, sum, mean, growth, ratio
    better: int = 0  # +1 higher is better, -1 lower is better, 0 not ranked
    units: str = ""
    denominator: str = ""  # ratio: the dataset divided by
    item: str = ""  # 3-D indicator: one item of the third axis ("" = summed over it)
    path_label: str = ""  # what the monthly path shows

    def needs(self) -> list:
        return [n for field in (self.source, self.denominator) for n in field.split("+") if n]


HEADLINE = [
    Metric(
        "job_growth_vs_rivals",
        "job growth against the competing regions",
        "jobs",
        "growth",
        +1,
        "1",
        path_label="12-month job growth minus the rivals' (job_growth_relative)",
    ),
    Metric(
        "new_firms",
        "new firms",
        "entries",
        "sum",
        +1,
        "firm",
        path_label="new firms over the last 12 months",
    ),
    Metric(
        "diversity",
        "industry diversity (Shannon entropy of jobs by sector)",
        "diversity_shannon",
        "end",
        +1,
        "nat",
        path_label="Shannon entropy of jobs by sector",
    ),
    Metric(
        "competence_gap",
        "competence gap (skilled hires not found)",
        "competence_gap",
        "mean",
        -1,
        "1",
        path_label="competence gap, 12-month mean",
    ),
    Metric(
        "satisfaction",
        "business satisfaction with the municipality",
        "satisfaction",
        "end",
        +1,
        "1",
        path_label="mean satisfaction of firms",
    ),
    Metric(
        "innovation_revenue",
        "innovation revenue (product innovations)",
        "innovation_revenue",
        "sum",
        +1,
        "NOK",
        path_label="innovation revenue over the last 12 months",
    ),
    Metric(
        "emissions",
        "greenhouse-gas emissions of firms",
        "emissions",
        "sum",
        -1,
        "t CO2e",
        path_label="emissions over the last 12 months",
    ),
    Metric(
        "employment_rate",
        "employment rate",
        "employment_rate",
        "end",
        +1,
        "1",
        path_label="jobs / labour force",
    ),
    Metric(
        "public_nok_per_success",
        "public money per successful project",
        "public_money",
        "ratio",
        -1,
        "NOK/project",
        denominator="projects_succeeded",
        path_label="public money / successes over the last 12 months",
    ),
]
HEADLINE_BY_NAME = {m.name: m for m in HEADLINE}


def metric_for(spec: str, data: xr.Dataset) -> Metric:
    """A metric by headline name, or any indicator dataset: NAME or NAME[ITEM] (an item of the
    third axis, e.g. ties_by_rung[joint_action]); flows are summed, stocks taken at the end."""
    if spec in HEADLINE_BY_NAME:
        return HEADLINE_BY_NAME[spec]
    match = re.fullmatch(r"([\w.]+)(?:\[([^\]]+)\])?", spec.strip())
    if not match or match.group(1) not in data.data_vars:
        known = ", ".join(sorted({*HEADLINE_BY_NAME, *map(str, data.data_vars)}))
        raise ValueError(f"unknown indicator {spec!r} (known: {known})")
    name, item = match.group(1), match.group(2) or ""
    da = data[name]
    if item:
        if da.ndim < 4 or item not in [str(v) for v in da[da.dims[3]].values]:
            raise ValueError(f"{name} has no item {item!r}")
    units = str(da.attrs.get("units", ""))
    flow = units.endswith("/month")
    return Metric(
        spec,
        str(da.attrs.get("description", name)) + (f" [{item}]" if item else ""),
        name,
        "sum" if flow else "end",
        0,
        units[: -len("/month")] if flow else units,
        item=item,
        path_label=("over the last 12 months" if flow else units),
    )


def _series(data: xr.Dataset, name: str, item: str = "") -> xr.DataArray:
    """(run, time, region) series of a dataset, or the sum of several (`a+b`); a 3-D indicator
    summed over its third axis, or over the items named (`item` or `item+item`)."""
    if "+" in name:
        parts = [_series(data, n, item) for n in name.split("+")]
        return sum(parts[1:], parts[0])
    da = data[name]
    if da.ndim == 4:
        axis = da.dims[3]
        da = (
            da.sel({axis: item.split("+")}).sum(axis, skipna=False)
            if item
            else da.sum(axis, skipna=False)
        )
    return da


def _window(data: xr.Dataset, horizon: Horizon):
    """(months inside, first month, last month) of a horizon over these runs."""
    time = data["time"].values
    last = horizon.last if horizon.last is not None else int(time.max())
    first = horizon.first if horizon.first > 0 else last + horizon.first
    return (time >= first) & (time <= last), first, last


def _covers(series: xr.DataArray, last: int, horizon: Horizon) -> np.ndarray:
    """Runs that reach the window's last month (for `total`: every run, up to its own end): a
    complete run simulated `steps` months (recorded or not, with record_every > 1), a partial
    one up to its last row."""
    runs = series.sizes["run"]
    if horizon.last is None:
        return np.ones(runs, dtype=bool)
    finite = np.isfinite(series.values).reshape(runs, series.sizes["time"], -1).any(axis=2)
    time = series["time"].values
    reach = np.array([time[np.flatnonzero(f)[-1]] if f.any() else -1 for f in finite])
    if "steps" in series.coords and "complete" in series.coords:
        complete = np.asarray(series["complete"].values, dtype=bool)
        reach = np.where(
            complete & finite.any(axis=1), np.maximum(reach, series["steps"].values), reach
        )
    return reach >= last


def _end_values(series: xr.DataArray, inside: np.ndarray) -> np.ndarray:
    """Value at each run's last recorded month inside the window (run, region)."""
    values = series.values[:, inside]
    out = np.full((values.shape[0], values.shape[2]), np.nan)
    for r in range(values.shape[0]):
        rows = np.flatnonzero(np.isfinite(values[r]).any(axis=1))
        if rows.size:
            out[r] = values[r, rows[-1]]
    return out


def _start_values(series: xr.DataArray, first: int) -> np.ndarray:
    """Value just before the window (month first-1), or each run's first row for month 1."""
    time = series["time"].values
    before = time[time <= first - 1]
    if before.size:
        return series.sel(time=before[-1]).values
    return series.isel(time=0).values


def _sum(block: np.ndarray) -> np.ndarray:
    """Sum over axis 1 leaving out NaN (months a run lacks); NaN where nothing is finite."""
    finite = np.isfinite(block)
    return np.where(finite.any(axis=1), np.where(finite, block, 0.0).sum(axis=1), np.nan)


def evaluate(metric: Metric, data: xr.Dataset, horizon: Horizon, region: int = 0) -> np.ndarray:
    """One value per run of `metric` over `horizon` for the region with index `region`;
    NaN for runs that do not reach the window's end or lack the indicator."""
    runs = data.sizes["run"]
    if any(n not in data.data_vars for n in metric.needs()):
        return np.full(runs, np.nan)
    series = _series(data, metric.source, metric.item)
    inside, first, last = _window(data, horizon)
    covered = _covers(series, last, horizon)
    block = series.values[:, inside, region]
    if metric.kind == "end":
        values = _end_values(series, inside)[:, region]
    elif metric.kind == "sum":
        values = _sum(block)
    elif metric.kind == "per_year":
        values = _sum(block) / ((last - first + 1) / 12)
    elif metric.kind == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            values = _sum(block) / np.isfinite(block).sum(axis=1)
    elif metric.kind == "ratio":
        den = _sum(_series(data, metric.denominator).values[:, inside, region])
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(den > 0, _sum(block) / den, np.nan)
    elif metric.kind == "growth":
        end, start = _end_values(series, inside), _start_values(series, first)
        with np.errstate(divide="ignore", invalid="ignore"):
            growth = np.where(start > 0, end / start - 1, 0.0)
        others = [r for r in range(growth.shape[1]) if r != region]
        values = growth[:, region] - (growth[:, others].mean(axis=1) if others else 0.0)
    else:
        raise ValueError(f"unknown metric kind {metric.kind!r}")
    return np.where(covered, values, np.nan)


def path(metric: Metric, data: xr.Dataset, region: int = 0) -> xr.DataArray:
    """The monthly path (run, time) behind a metric, for figures: stocks as recorded, flows,
    means and ratios over the last 12 months, growth as 12-month growth minus the rivals'. A
    12-month window starts in month 12: a shorter one made the first year look like growth."""
    series = _series(data, metric.source, metric.item)
    if metric.kind == "growth" and "job_growth_relative" in data.data_vars:
        return data["job_growth_relative"].isel(region=region)
    one = series.isel(region=region)
    if metric.kind in ("sum", "per_year"):
        return one.rolling(time=12, min_periods=12).sum()
    if metric.kind == "mean":
        return one.rolling(time=12, min_periods=12).mean()
    if (
        metric.kind == "ratio"
    ):  # over the last 12 months, shown once at least 3 successes fall in them
        den = (
            _series(data, metric.denominator)
            .isel(region=region)
            .rolling(time=12, min_periods=12)
            .sum()
        )
        return one.rolling(time=12, min_periods=12).sum() / den.where(den >= 3)
    if metric.kind == "growth":
        jobs = series / series.shift(time=12) - 1
        others = [r for r in range(series.sizes["region"]) if r != region]
        return jobs.isel(region=region) - (jobs.isel(region=others).mean("region") if others else 0)
    return one


def metrics_frame(data: xr.Dataset, metrics, horizons, region: int = 0):
    """Wide table: one row per run, one column per (metric, horizon) named METRIC@HORIZON."""
    import pandas as pd

    columns = {
        f"{m.name}@{h.name}": evaluate(m, data, h, region) for h in horizons for m in metrics
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(data.sizes["run"], name="run"))
