"""Numbers for people: every table and figure the analysis prints shows 47,360 jobs, not
4.736e+04 (one formatter, so that compare, heatmap, sensitivity and robustness agree)."""

from __future__ import annotations

import math

import numpy as np


def decimals_for(width) -> int | None:
    """Decimals that show an interval of this width with two significant digits (so that
    [0.61937, 0.61945] does not print as [0.6194, 0.6194]); None when there is no width."""
    if width is None or not np.isfinite(width) or width <= 0:
        return None
    return int(min(12, max(0, 1 - math.floor(math.log10(width)))))


def fmt(x, signed: bool = False, decimals: int | None = None) -> str:
    """A number for people: thousands separated, no scientific notation from 0.001 up; with
    `decimals` (from the interval's width, decimals_for) that many decimals, else four
    significant digits. Blank for NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if isinstance(x, float) and math.isinf(x):
        return ("+" if x > 0 and signed else "-" if x < 0 else "") + "inf"
    sign = "+" if signed else ""
    if decimals is None:
        magnitude = abs(x)
        if magnitude != 0 and (magnitude < 1e-3 or magnitude >= 1e15):
            return f"{x:{sign}.3e}"
        decimals = 0 if magnitude == 0 else max(0, 3 - math.floor(math.log10(magnitude)))
    return f"{x:{sign},.{decimals}f}"
