"""Intervals agree with scipy; paired and unpaired differences are right on constructed data."""
import math

import numpy as np
import pytest
from scipy import stats

from ecosim_analysis import stats as S

RNG = np.random.default_rng(12)


@pytest.mark.parametrize("n", [2, 3, 10, 40])
@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_mean_interval_is_scipy_t_interval(n, level):
    x = RNG.normal(5.0, 2.0, n)
    iv = S.mean_interval(x, level)
    low, high = stats.t.interval(level, n - 1, loc=x.mean(), scale=stats.sem(x))
    assert iv.mean == pytest.approx(x.mean()) and iv.sd == pytest.approx(x.std(ddof=1))
    assert (iv.low, iv.high) == pytest.approx((low, high), rel=1e-12)


def test_mean_interval_small_samples_and_nan():
    assert math.isnan(S.mean_interval([3.0]).low) and S.mean_interval([3.0]).mean == 3.0
    assert S.mean_interval([]).n == 0
    assert S.mean_interval([1.0, np.nan, 3.0]).n == 2


def test_paired_difference_matches_scipy_ttest_rel():
    base = RNG.normal(10, 3, 12)
    other = base + 0.5 + RNG.normal(0, 0.2, 12)
    d = S.paired_difference(base, other)
    ref = stats.ttest_rel(other, base)
    ci = ref.confidence_interval(0.95)
    assert d.method == "paired" and d.n == 12
    assert d.diff == pytest.approx((other - base).mean())
    assert (d.low, d.high) == pytest.approx((ci.low, ci.high), rel=1e-10)
    assert d.p_value == pytest.approx(ref.pvalue, rel=1e-8)
    assert d.effect == pytest.approx((other - base).mean() / (other - base).std(ddof=1))  # d_z


def test_welch_difference_matches_scipy_ttest_ind():
    base = RNG.normal(10, 1, 8)
    other = RNG.normal(12, 3, 13)
    d = S.welch_difference(base, other)
    ref = stats.ttest_ind(other, base, equal_var=False)
    assert d.method == "welch" and d.p_value == pytest.approx(ref.pvalue, rel=1e-8)
    va, vb = base.var(ddof=1) / 8, other.var(ddof=1) / 13
    df = (va + vb) ** 2 / (va**2 / 7 + vb**2 / 12)
    low, high = stats.t.interval(0.95, df, loc=other.mean() - base.mean(), scale=math.sqrt(va + vb))
    assert (d.low, d.high) == pytest.approx((low, high), rel=1e-10)
    pooled = math.sqrt((7 * base.var(ddof=1) + 12 * other.var(ddof=1)) / 19)
    assert d.effect == pytest.approx((other.mean() - base.mean()) / pooled)


def test_pairing_by_seed_removes_the_shared_noise():
    # Common random numbers: each seed shifts both strategies alike; B is A + 1 exactly.
    seeds = [5, 1, 4, 2, 3]
    shared = np.array([10.0, -7.0, 3.0, 25.0, -12.0])
    a = 100 + shared
    b_by_seed = dict(zip(seeds, 101 + shared))
    b_seeds = [1, 2, 3, 4, 5]  # the same seeds in another order
    b = np.array([b_by_seed[s] for s in b_seeds])
    paired = S.difference(a, b, seeds, b_seeds)
    assert paired.method == "paired" and paired.diff == pytest.approx(1.0)
    assert paired.low == pytest.approx(1.0) and paired.high == pytest.approx(1.0)  # no noise left
    welch = S.difference(a, b, seeds, b_seeds, pairing="welch")
    assert welch.method == "welch" and welch.diff == pytest.approx(1.0)
    assert welch.low < -10 and welch.high > 10  # swamped by seed noise


def test_unpaired_when_the_seeds_differ():
    a, b = np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 3.0, 4.0, 5.0, 9.0])
    assert not S.can_pair([1, 2, 3, 4], [1, 2, 3, 4, 5])
    assert not S.can_pair([1, 1, 2], [1, 1, 2])
    assert S.can_pair([3, 1, 2], [1, 2, 3])
    d = S.difference(a, b, [1, 2, 3, 4], [1, 2, 3, 4, 5])
    assert d.method == "welch" and d.diff == pytest.approx(b.mean() - a.mean())
    forced = S.difference(a, b, [1, 2, 3, 4], [1, 2, 3, 4, 5], pairing="paired")
    assert forced.method == "paired" and forced.n == 4 and forced.diff == pytest.approx(1.0)


def test_cohens_d_on_known_data():
    a = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    d = S.welch_difference(a, a + 1)
    assert d.effect == pytest.approx(1 / a.std(ddof=1))


@pytest.mark.parametrize("k,n", [(0, 10), (3, 10), (10, 10), (37, 50), (1, 1)])
def test_wilson_interval_matches_scipy(k, n):
    share = S.share_interval(k, n)
    ref = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
    assert share.share == k / n
    assert (share.low, share.high) == pytest.approx((ref.low, ref.high), abs=1e-12)


def test_share_better_counts_direction_and_ties():
    a = np.array([1.0, 2.0, 3.0, 4.0, np.nan])
    b = np.array([0.0, 2.0, 5.0, 1.0, 1.0])
    higher, ties = S.share_better(a, b, +1)
    assert (higher.k, higher.n, ties) == (2, 4, 1)
    lower, ties = S.share_better(a, b, -1)
    assert (lower.k, lower.n, ties) == (1, 4, 1)


def test_p_value_adjustments_on_known_values():
    p = [0.01, 0.04, 0.03, 0.005, float("nan")]
    # Holm: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1, then running maximum.
    np.testing.assert_allclose(S.adjust_p(p, "holm"), [0.03, 0.06, 0.06, 0.02, np.nan])
    # Benjamini-Hochberg: p m / rank, then running minimum from the largest.
    np.testing.assert_allclose(S.adjust_p(p, "bh"), [0.02, 0.04, 0.04, 0.02, np.nan])
    np.testing.assert_allclose(S.adjust_p([0.9, 0.8], "holm"), [1.0, 1.0])  # capped at 1
    assert np.isnan(S.adjust_p([np.nan], "holm")).all()
    with pytest.raises(ValueError, match="holm or bh"):
        S.adjust_p(p, "bonferroni")
