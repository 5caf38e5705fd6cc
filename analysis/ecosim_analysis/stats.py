"""Intervals and differences for small samples of runs (numpy + scipy only).

- `mean_interval`: mean and Student-t interval.
- `difference`: B minus A, paired by key when both groups hold the same keys once each
  (common random numbers: the same seed in both strategies), else Welch's unpaired interval;
  with an effect size (d_z for paired differences, Cohen's d with the pooled SD otherwise).
- `share_interval`: a share with its Wilson score interval (robustness: A beats B in k of n
  futures).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
from scipy import stats

LEVEL = 0.95


@dataclasses.dataclass(frozen=True)
class Interval:
    n: int
    mean: float
    sd: float
    low: float
    high: float


def mean_interval(values, level: float = LEVEL) -> Interval:
    """Mean with its Student-t interval; NaN values are left out, bounds NaN below n = 2."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    n = x.size
    if n == 0:
        return Interval(0, math.nan, math.nan, math.nan, math.nan)
    mean = float(x.mean())
    if n < 2:
        return Interval(1, mean, math.nan, math.nan, math.nan)
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    return Interval(n, mean, sd, mean - half, mean + half)


@dataclasses.dataclass(frozen=True)
class Difference:
    """other minus base: estimate, interval, effect size and how it was computed."""

    method: str  # "paired" (by seed) or "welch" (unpaired)
    n: int  # pairs, or runs in both groups together
    diff: float
    low: float
    high: float
    effect: float  # d_z (paired) or Cohen's d (welch)
    effect_name: str
    p_value: float
    df: float


_NAN_DIFF = dict(
    diff=math.nan, low=math.nan, high=math.nan, effect=math.nan, p_value=math.nan, df=math.nan
)


def paired_difference(base, other, level: float = LEVEL) -> Difference:
    """Mean of other_i - base_i with its t interval, d_z = mean / SD of the differences."""
    d = np.asarray(other, dtype=float) - np.asarray(base, dtype=float)
    d = d[np.isfinite(d)]
    n = d.size
    if n < 2:
        return Difference(
            "paired",
            n,
            **{**_NAN_DIFF, "diff": float(d.mean()) if n else math.nan},
            effect_name="d_z",
        )
    iv = mean_interval(d, level)
    sd = iv.sd
    if sd == 0:
        effect = math.copysign(math.inf, iv.mean) if iv.mean else 0.0
        p = 0.0 if iv.mean else 1.0
    else:
        effect = iv.mean / sd
        p = float(2 * stats.t.sf(abs(iv.mean / (sd / math.sqrt(n))), n - 1))
    return Difference("paired", n, iv.mean, iv.low, iv.high, effect, "d_z", p, float(n - 1))


def welch_difference(base, other, level: float = LEVEL) -> Difference:
    """mean(other) - mean(base), Welch-Satterthwaite t interval, Cohen's d (pooled SD)."""
    a = np.asarray(base, dtype=float)
    b = np.asarray(other, dtype=float)
    a, b = a[np.isfinite(a)], b[np.isfinite(b)]
    na, nb = a.size, b.size
    if na < 2 or nb < 2:
        diff = float(b.mean() - a.mean()) if na and nb else math.nan
        return Difference("welch", na + nb, **{**_NAN_DIFF, "diff": diff}, effect_name="d")
    va, vb = a.var(ddof=1) / na, b.var(ddof=1) / nb
    diff = float(b.mean() - a.mean())
    se = math.sqrt(va + vb)
    pooled = math.sqrt(((na - 1) * a.var(ddof=1) + (nb - 1) * b.var(ddof=1)) / (na + nb - 2))
    if se == 0:
        effect = math.copysign(math.inf, diff) if diff else 0.0
        return Difference(
            "welch", na + nb, diff, diff, diff, effect, "d", 0.0 if diff else 1.0, math.nan
        )
    df = (va + vb) ** 2 / (va**2 / (na - 1) + vb**2 / (nb - 1))
    half = float(stats.t.ppf(0.5 + level / 2, df)) * se
    p = float(2 * stats.t.sf(abs(diff / se), df))
    effect = diff / pooled if pooled > 0 else math.copysign(math.inf, diff)
    return Difference("welch", na + nb, diff, diff - half, diff + half, effect, "d", p, float(df))


def can_pair(base_keys, other_keys) -> bool:
    """True when both groups hold the same keys (e.g. seeds), each once, at least two."""
    a, b = list(base_keys), list(other_keys)
    return len(a) >= 2 and len(set(a)) == len(a) and len(set(b)) == len(b) and set(a) == set(b)


def difference(
    base, other, base_keys=None, other_keys=None, pairing: str = "auto", level: float = LEVEL
) -> Difference:
    """other - base. pairing: "auto" (paired when the keys match, see can_pair), "paired" (on
    the keys both groups share) or "welch"."""
    base, other = np.asarray(base, dtype=float), np.asarray(other, dtype=float)
    if pairing == "welch" or base_keys is None or other_keys is None:
        return welch_difference(base, other, level)
    base_keys, other_keys = list(base_keys), list(other_keys)
    if pairing == "auto" and not can_pair(base_keys, other_keys):
        return welch_difference(base, other, level)
    if pairing not in ("auto", "paired"):
        raise ValueError(f"pairing must be auto, paired or welch, not {pairing!r}")
    position = {k: i for i, k in enumerate(other_keys)}
    common = [(i, position[k]) for i, k in enumerate(base_keys) if k in position]
    if not common:
        raise ValueError("no common keys to pair on")
    ia, ib = (list(t) for t in zip(*common))
    return paired_difference(base[ia], other[ib], level)


def adjust_p(p_values, method: str = "holm") -> np.ndarray:
    """p-values adjusted for the number of tests made together: Holm's step-down (controls the
    family-wise error) or Benjamini-Hochberg ("bh": controls the false discovery rate). NaN
    entries are left out of the count and stay NaN."""
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    finite = np.flatnonzero(np.isfinite(p))
    m = finite.size
    if m == 0:
        return out
    order = finite[np.argsort(p[finite], kind="stable")]
    ranked = p[order]
    if method == "holm":
        adjusted = np.maximum.accumulate((m - np.arange(m)) * ranked)
    elif method == "bh":
        adjusted = np.minimum.accumulate((m / np.arange(m, 0, -1) * ranked[::-1]))[::-1]
    else:
        raise ValueError(f"p-value adjustment must be holm or bh, not {method!r}")
    out[order] = np.minimum(adjusted, 1.0)
    return out


@dataclasses.dataclass(frozen=True)
class Share:
    k: int
    n: int
    share: float
    low: float
    high: float
    method: str = "wilson"


def share_interval(k: int, n: int, level: float = LEVEL) -> Share:
    """Share k/n with its Wilson score interval (no continuity correction)."""
    if n <= 0:
        return Share(k, n, math.nan, math.nan, math.nan)
    z = float(stats.norm.ppf(0.5 + level / 2))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Share(k, n, p, max(0.0, centre - half), min(1.0, centre + half))


def share_better(a, b, better: int = 1, level: float = LEVEL):
    """How often a beats b, pairwise (better=+1: higher wins, -1: lower wins).
    Returns (Share of wins, ties); ties and NaN pairs do not count as wins, NaN pairs are
    left out of n."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    ok = np.isfinite(a) & np.isfinite(b)
    d = (a[ok] - b[ok]) * (1 if better >= 0 else -1)
    return share_interval(int((d > 0).sum()), int(d.size), level), int((d == 0).sum())
