"""Sweep designs in Python, laid out like `ecosim sweep`'s index (point, block, position, one
column per parameter): the reference the tests build fixtures and check the estimators with.

Parameters are dicts {"key", "lower", "upper", "scale": "linear" | "log"}. Designs are drawn in
the unit cube and mapped to the ranges (log-scaled parameters uniformly in log space).

- grid: every combination of `levels` values per parameter; block = point, position = 0.
- random, lhs: n points (Latin hypercube: one point in each of n strata per parameter).
- morris: r trajectories of k+1 points on a p-level grid; each step moves one parameter by
  delta = p / (2 (p - 1)) (Morris 1991); block = trajectory, position = 0..k.
- saltelli: n blocks of k+2 points: A_j, AB_j^(1..k) (A_j with parameter i from B_j), B_j
  (Saltelli et al. 2010); A and B from a scrambled Sobol' sequence of dimension 2k.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
from scipy.stats import qmc


def to_values(unit: np.ndarray, parameters) -> np.ndarray:
    """Unit-cube coordinates (n, k) to parameter values."""
    unit = np.atleast_2d(np.asarray(unit, dtype=float))
    out = np.empty_like(unit)
    for i, p in enumerate(parameters):
        lo, hi = float(p["lower"]), float(p["upper"])
        if p.get("scale", "linear") == "log":
            out[:, i] = np.exp(math.log(lo) + unit[:, i] * (math.log(hi) - math.log(lo)))
        else:
            out[:, i] = lo + unit[:, i] * (hi - lo)
    return out


def to_unit(values: np.ndarray, parameters) -> np.ndarray:
    """Parameter values (n, k) to unit-cube coordinates."""
    values = np.atleast_2d(np.asarray(values, dtype=float))
    out = np.empty_like(values)
    for i, p in enumerate(parameters):
        lo, hi = float(p["lower"]), float(p["upper"])
        x = values[:, i]
        if p.get("scale", "linear") == "log":
            x, lo, hi = np.log(x), math.log(lo), math.log(hi)
        out[:, i] = (x - lo) / (hi - lo) if hi != lo else 0.0
    return out


def _frame(unit, parameters, block, position) -> pd.DataFrame:
    values = to_values(unit, parameters)
    frame = pd.DataFrame(
        {
            "point": np.arange(len(values)),
            "block": np.asarray(block, dtype=np.int64),
            "position": np.asarray(position, dtype=np.int64),
        }
    )
    for i, p in enumerate(parameters):
        frame[p["key"]] = values[:, i]
    return frame


def grid(parameters, levels: int = 3) -> pd.DataFrame:
    axes = np.meshgrid(*[np.linspace(0, 1, levels)] * len(parameters), indexing="ij")
    unit = np.stack([a.ravel() for a in axes], axis=1)
    return _frame(unit, parameters, np.arange(len(unit)), np.zeros(len(unit)))


def random(parameters, n: int, seed: int = 0) -> pd.DataFrame:
    unit = np.random.default_rng(seed).random((n, len(parameters)))
    return _frame(unit, parameters, np.arange(n), np.zeros(n))


def lhs(parameters, n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    k = len(parameters)
    strata = np.stack([rng.permutation(n) for _ in range(k)], axis=1)
    unit = (strata + rng.random((n, k))) / n
    return _frame(unit, parameters, np.arange(n), np.zeros(n))


def morris_delta(levels: int) -> float:
    return levels / (2 * (levels - 1))


def morris_unit(k: int, trajectories: int, levels: int = 4, seed: int = 0) -> np.ndarray:
    """(trajectories * (k+1), k) unit coordinates of Morris trajectories."""
    if levels < 2:
        raise ValueError("Morris needs at least 2 levels")
    rng = np.random.default_rng(seed)
    delta = morris_delta(levels)
    grid_values = np.linspace(0, 1, levels)
    startable = grid_values[(grid_values + delta <= 1 + 1e-12) | (grid_values - delta >= -1e-12)]
    points = []
    for _ in range(trajectories):
        x = rng.choice(startable, size=k)
        up = rng.random(k) < 0.5  # each parameter moves up or down, whichever stays in [0, 1]
        trajectory = [x.copy()]
        for i in rng.permutation(k):
            can_up, can_down = x[i] + delta <= 1 + 1e-12, x[i] - delta >= -1e-12
            step = delta if (can_up and (up[i] or not can_down)) else -delta
            x[i] = min(1.0, max(0.0, x[i] + step))
            trajectory.append(x.copy())
        points.extend(trajectory)
    return np.array(points)


def morris(parameters, trajectories: int, levels: int = 4, seed: int = 0) -> pd.DataFrame:
    k = len(parameters)
    unit = morris_unit(k, trajectories, levels, seed)
    block = np.repeat(np.arange(trajectories), k + 1)
    position = np.tile(np.arange(k + 1), trajectories)
    return _frame(unit, parameters, block, position)


def saltelli_unit(k: int, n: int, seed: int = 0) -> np.ndarray:
    """(n * (k+2), k) unit coordinates: per block A_j, AB_j^(1..k), B_j."""
    sampler = qmc.Sobol(d=2 * k, scramble=True, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # balance properties want n a power of 2; any n works
        base = sampler.random(n)
    a, b = base[:, :k], base[:, k:]
    blocks = np.empty((n, k + 2, k))
    blocks[:, 0] = a
    for i in range(k):
        blocks[:, i + 1] = a
        blocks[:, i + 1, i] = b[:, i]
    blocks[:, k + 1] = b
    return blocks.reshape(n * (k + 2), k)


def saltelli(parameters, n: int, seed: int = 0) -> pd.DataFrame:
    k = len(parameters)
    unit = saltelli_unit(k, n, seed)
    block = np.repeat(np.arange(n), k + 2)
    position = np.tile(np.arange(k + 2), n)
    return _frame(unit, parameters, block, position)


def with_replicates(
    design: pd.DataFrame, replicates: int = 1, crn: bool = True, seed: int = 1
) -> pd.DataFrame:
    """The index columns run, point, replicate, block, position, parameters..., seed. With
    common random numbers every point's replicate r uses seed + r, else each run its own seed."""
    keys = [c for c in design.columns if c not in ("point", "block", "position")]
    rows = design.loc[design.index.repeat(replicates)].reset_index(drop=True)
    rows.insert(1, "replicate", np.tile(np.arange(replicates), len(design)))
    rows.insert(0, "run", np.arange(len(rows)))
    rows["seed"] = seed + (rows["replicate"] if crn else rows["run"])
    return rows[["run", "point", "replicate", "block", "position", *keys, "seed"]]


def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    """Ishigami function on [-pi, pi]^3 (test function with known Sobol' indices)."""
    x = np.atleast_2d(x)
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def sobol_g(x: np.ndarray, a) -> np.ndarray:
    """Sobol's g-function on [0, 1]^k: prod (|4 x_i - 2| + a_i) / (1 + a_i) (a known answer)."""
    x = np.atleast_2d(x)
    a = np.asarray(a, dtype=float)
    return np.prod((np.abs(4 * x - 2) + a) / (1 + a), axis=1)


def sobol_g_indices(a):
    """Analytical (S1, ST) of the g-function: V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1."""
    a = np.asarray(a, dtype=float)
    vi = 1.0 / (3.0 * (1.0 + a) ** 2)
    v = np.prod(1.0 + vi) - 1.0
    st = np.array([vi[i] * np.prod(np.delete(1.0 + vi, i)) for i in range(len(a))]) / v
    return vi / v, st


def ishigami_indices(a: float = 7.0, b: float = 0.1):
    """Analytical (S1, ST) of the Ishigami function."""
    v1 = 0.5 * (1 + b * math.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * math.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v
