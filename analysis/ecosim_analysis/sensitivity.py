"""Which assumed parameters drive an output: Morris elementary effects, Sobol' indices, rank
correlations, and the ranking of drivers built from them (numpy + scipy only).

- Morris (Morris 1991; mu* and sigma as in Campolongo, Cariboni and Saltelli 2007): each
  trajectory gives one elementary effect per parameter, EE = dy / du with u the parameter in
  unit space (log space for log-scaled ones), so effects read "change of the output over the
  whole range". mu = mean EE, mu* = mean |EE|, sigma = SD of EE (non-linearity and
  interactions); mu* has a bootstrap interval over trajectories.
- Sobol' (Saltelli et al. 2010, table 2): first order S_i = mean(f(B) (f(AB_i) - f(A))) / V,
  total ST_i = mean((f(A) - f(AB_i))^2) / (2V) (Jansen 1999), V the variance of f over A and B;
  bootstrap percentile intervals over blocks. The outputs are centred first (on the mean over
  A and B, as SALib does): the first-order estimator is unbiased either way, but uncentred its
  error grows with the output's mean, so an indicator far from 0 (employment rate 0.78, jobs
  50,000) gave indices of -1470 or 118. Centred, the indices do not change when the output is
  shifted or scaled.
- Spearman: for grid, list, random and LHS designs, the rank correlation of each parameter with
  the output: a screening, not a variance decomposition.

Inputs are design tables in the sweep index layout: `block` and `position` place each point
in its trajectory (Morris) or block (Saltelli). Blocks that are incomplete or not laid out as
the design says are dropped and counted.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

N_BOOT = 1000


def _complete_blocks(block, position, size: int, finite):
    """block id -> row indices ordered by position, for blocks with exactly positions 0..size-1
    and finite outputs; and the number of blocks dropped."""
    block, position = np.asarray(block), np.asarray(position)
    order = np.lexsort((position, block))
    kept, dropped = {}, 0
    for b in np.unique(block):
        rows = order[block[order] == b]
        if (
            len(rows) == size
            and np.array_equal(position[rows], np.arange(size))
            and finite[rows].all()
        ):
            kept[b] = rows
        else:
            dropped += 1
    return kept, dropped


def _percentile(samples: np.ndarray, level: float):
    tail = (1 - level) / 2 * 100
    return np.nanpercentile(samples, tail, axis=0), np.nanpercentile(samples, 100 - tail, axis=0)


def morris_effects(block, position, unit, y):
    """(effects (trajectories, k), dropped): elementary effects per complete trajectory. A
    trajectory is dropped when it is incomplete, has a NaN output, or a step that does not
    move exactly one parameter, each parameter once."""
    unit, y = np.asarray(unit, dtype=float), np.asarray(y, dtype=float)
    k = unit.shape[1]
    blocks, dropped = _complete_blocks(block, position, k + 1, np.isfinite(y))
    effects = []
    for rows in blocks.values():
        du = np.diff(unit[rows], axis=0)
        moved = np.abs(du) > 1e-9
        if not (moved.sum(axis=1) == 1).all() or not (moved.sum(axis=0) == 1).all():
            dropped += 1
            continue
        which = moved.argmax(axis=1)
        ee = np.empty(k)
        ee[which] = np.diff(y[rows]) / du[np.arange(k), which]
        effects.append(ee)
    return np.array(effects).reshape(-1, k), dropped


def morris_indices(
    block, position, unit, y, names, n_boot: int = N_BOOT, level: float = 0.95, seed: int = 0
):
    """(DataFrame per parameter: mu, mu_star, sigma, mu_star_low, mu_star_high, trajectories;
    dropped trajectories)."""
    effects, dropped = morris_effects(block, position, unit, y)
    r = len(effects)
    frame = pd.DataFrame(index=pd.Index(list(names), name="parameter"))
    if r == 0:
        for c in ("mu", "mu_star", "sigma", "mu_star_low", "mu_star_high"):
            frame[c] = math.nan
        frame["trajectories"] = 0
        return frame, dropped
    frame["mu"] = effects.mean(axis=0)
    frame["mu_star"] = np.abs(effects).mean(axis=0)
    frame["sigma"] = effects.std(axis=0, ddof=1) if r > 1 else math.nan
    rng = np.random.default_rng(seed)
    boot = np.abs(effects)[rng.integers(0, r, size=(n_boot, r))].mean(axis=1)
    frame["mu_star_low"], frame["mu_star_high"] = _percentile(boot, level)
    frame["trajectories"] = r
    return frame, dropped


def _sobol_from(ya, yab, yb):
    """S1, ST (arrays over parameters) from f(A) (n,), f(AB) (n, k), f(B) (n,); vectorised over
    a leading bootstrap axis when given (b, n), (b, n, k), (b, n)."""
    both = np.concatenate([ya, yb], axis=-1)
    centre = np.mean(both, axis=-1, keepdims=True)
    ya, yb, yab = ya - centre, yb - centre, yab - centre[..., None]
    v = np.var(both, axis=-1, ddof=1)[..., None]
    s1 = np.mean(yb[..., None] * (yab - ya[..., None]), axis=-2) / v
    st = 0.5 * np.mean((ya[..., None] - yab) ** 2, axis=-2) / v
    return s1, st


def sobol_blocks(block, position, y, k: int, unit=None):
    """(f(A), f(AB), f(B), dropped) from a Saltelli design; with `unit` each block's layout is
    checked (AB_i equals A but for parameter i, which it takes from B)."""
    y = np.asarray(y, dtype=float)
    blocks, dropped = _complete_blocks(block, position, k + 2, np.isfinite(y))
    ya, yab, yb = [], [], []
    for rows in blocks.values():
        if unit is not None:
            u = np.asarray(unit, dtype=float)[rows]
            a, b = u[0], u[k + 1]
            expected = np.repeat(a[None], k, axis=0)
            expected[np.arange(k), np.arange(k)] = b
            if not np.allclose(u[1 : k + 1], expected, rtol=1e-9, atol=1e-9):
                dropped += 1
                continue
        ya.append(y[rows[0]])
        yab.append(y[rows[1 : k + 1]])
        yb.append(y[rows[k + 1]])
    return np.array(ya), np.array(yab).reshape(-1, k), np.array(yb), dropped


def sobol_indices(
    block, position, y, names, unit=None, n_boot: int = N_BOOT, level: float = 0.95, seed: int = 0
):
    """(DataFrame per parameter: S1, S1_low, S1_high, ST, ST_low, ST_high, blocks; dropped)."""
    names = list(names)
    ya, yab, yb, dropped = sobol_blocks(block, position, y, len(names), unit)
    n = len(ya)
    frame = pd.DataFrame(index=pd.Index(names, name="parameter"))
    if n < 2 or np.var(np.concatenate([ya, yb]), ddof=1) == 0:
        for c in ("S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"):
            frame[c] = math.nan
        frame["blocks"] = n
        return frame, dropped
    s1, st = _sobol_from(ya, yab, yb)
    rng = np.random.default_rng(seed)
    boot_s1, boot_st = [], []
    for start in range(0, n_boot, 50):  # chunks keep the (boot, n, k) arrays small
        idx = rng.integers(0, n, size=(min(50, n_boot - start), n))
        b1, bt = _sobol_from(ya[idx], yab[idx], yb[idx])
        boot_s1.append(b1)
        boot_st.append(bt)
    frame["S1"] = s1
    frame["S1_low"], frame["S1_high"] = _percentile(np.concatenate(boot_s1), level)
    frame["ST"] = st
    frame["ST_low"], frame["ST_high"] = _percentile(np.concatenate(boot_st), level)
    frame["blocks"] = n
    return frame, dropped


def spearman_indices(values: pd.DataFrame, y) -> pd.DataFrame:
    """Spearman rank correlation of each parameter column with y, and its p-value."""
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(y)
    rows = []
    for name in values.columns:
        x = values[name].to_numpy(dtype=float)[ok]
        if np.ptp(x) == 0 or ok.sum() < 3:
            rows.append((name, math.nan, math.nan))
            continue
        rho, p = stats.spearmanr(x, y[ok])
        rows.append((name, float(rho), float(p)))
    return pd.DataFrame(rows, columns=["parameter", "rho", "p_value"]).set_index("parameter")


MEASURES = {
    "morris": ("mu_star", "mu_star_low", "mu_star_high"),
    "sobol": ("ST", "ST_low", "ST_high"),
    "spearman": ("abs_rho", "", ""),
}


def drivers(indices: pd.DataFrame, method: str) -> pd.DataFrame:
    """Parameters ranked by influence on each output (rank 1 = drives it most): mu* for Morris,
    total index ST for Sobol', |rho| for Spearman. `indices` is long: output, parameter, ..."""
    measure, low, high = MEASURES[method]
    frame = indices.copy()
    if method == "spearman":
        frame["abs_rho"] = frame["rho"].abs()
    rows = []
    for output, part in frame.groupby("output", sort=False):
        part = part.sort_values(measure, ascending=False, na_position="last")
        top = part[measure].max()
        for rank, (_, row) in enumerate(part.iterrows(), start=1):
            rows.append(
                dict(
                    output=output,
                    rank=rank,
                    parameter=row["parameter"],
                    measure=measure,
                    value=row[measure],
                    low=row[low] if low else math.nan,
                    high=row[high] if high else math.nan,
                    relative=row[measure] / top if top and np.isfinite(top) else math.nan,
                )
            )
    return pd.DataFrame(rows)
