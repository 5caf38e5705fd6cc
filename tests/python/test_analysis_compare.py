"""compare on small real runs: the numbers equal an independent computation from the files."""
import h5py
import numpy as np
import pandas as pd
import pytest
from scipy import stats

import ecosim_analysis as ea
from ecosim_analysis import metrics as M
from ecosim_analysis import stats as S
from analysis_helpers import cli


def _raw(path, name):
    with h5py.File(path, "r") as f:
        return f["indicators"][name][()], f["indicators"]["time"][()], int(f.attrs["seed"])


def test_horizons():
    assert M.parse_horizon("year5") == M.Horizon("year5", 49, 60)
    assert M.parse_horizon("y1") == M.Horizon("year1", 1, 12)
    assert M.parse_horizon("total") == M.Horizon("total", 1, None)
    assert M.parse_horizon("months:13-18") == M.Horizon("months13-18", 13, 18)
    assert [h.name for h in M.parse_horizons(None, 120)] == ["year5", "year10", "total"]
    assert [h.name for h in M.parse_horizons("auto", 30)] == ["year2", "total"]
    with pytest.raises(ValueError, match="needs 120 months"):
        M.parse_horizons("year10", 24)
    with pytest.raises(ValueError):
        M.parse_horizon("decade")


def test_metrics_equal_an_independent_computation(strategy_runs):
    paths = strategy_runs["small"]
    runset = ea.load_runs(paths)
    year2 = M.parse_horizon("year2")
    got = {m.name: M.evaluate(m, runset.data, year2) for m in M.HEADLINE}
    for i, path in enumerate(paths):
        entries, time, _ = _raw(path, "entries")
        inside = (time >= 13) & (time <= 24)
        assert got["new_firms"][i] == entries[inside, 0].sum()
        assert got["employment_rate"][i] == _raw(path, "employment_rate")[0][time == 24, 0][0]
        assert got["competence_gap"][i] == pytest.approx(
            _raw(path, "competence_gap")[0][inside, 0].mean()
        )
        assert got["emissions"][i] == pytest.approx(_raw(path, "emissions")[0][inside, 0].sum())
        # Job growth against the rivals over a year is what the binary records as job_growth_relative.
        assert got["job_growth_vs_rivals"][i] == pytest.approx(
            _raw(path, "job_growth_relative")[0][time == 24, 0][0], abs=1e-12
        )
        public = _raw(path, "public_money")[0][inside, 0].sum()
        with h5py.File(path, "r") as f:
            p = f["projects"]
            status = p["status"].asstr()[()]
            ok = (
                np.isin(status, ["completed", "continued"])
                & (p["end"][()] >= 13)
                & (p["end"][()] <= 24)
                & (p["region"][()] == 0)
            )
        expected = public / ok.sum() if ok.sum() else np.nan
        np.testing.assert_allclose(got["public_nok_per_success"][i], expected)


def test_compare_table_csv_and_markdown(strategy_runs, tmp_path):
    paths = strategy_runs["small"] + strategy_runs["small_open"]
    csv, markdown = tmp_path / "compare.csv", tmp_path / "compare.md"
    result = cli(
        "compare", *paths, "--horizons", "year1,year2,total", "--csv", csv, "--markdown", markdown
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "paired by seed" in text and "baseline: small)" in text
    for metric in M.HEADLINE:
        assert metric.name in text
    for label in (
        "year 1 (months 1-12)",
        "year 2 (months 13-24)",
        "total over the run",
        "Overall ranking",
    ):
        assert label in text
    table = pd.read_csv(csv)
    assert len(table) == 3 * len(M.HEADLINE) * 2
    assert set(table["method"].dropna()) == {"paired"}
    row = table[(table.horizon == "year2") & (table.indicator == "new_firms")].set_index("strategy")
    small = [_raw(p, "entries")[0][12:24, 0].sum() for p in strategy_runs["small"]]
    open_ = [_raw(p, "entries")[0][12:24, 0].sum() for p in strategy_runs["small_open"]]
    assert row.loc["small", "mean"] == pytest.approx(np.mean(small))
    low, high = stats.t.interval(0.95, 2, loc=np.mean(small), scale=stats.sem(small))
    assert (row.loc["small", "ci_low"], row.loc["small", "ci_high"]) == pytest.approx((low, high))
    ref = stats.ttest_rel(open_, small)  # seeds 1, 2, 3 in the same order in both
    ci = ref.confidence_interval(0.95)
    assert row.loc["small_open", "diff"] == pytest.approx(np.mean(np.subtract(open_, small)))
    assert (row.loc["small_open", "diff_low"], row.loc["small_open", "diff_high"]) == pytest.approx(
        (ci.low, ci.high)
    )
    assert row.loc["small_open", "effect_name"] == "d_z" and row.loc["small_open", "n_pairs"] == 3
    ranks = table[(table.horizon == "year2") & (table.indicator == "new_firms")]["rank"]
    assert sorted(ranks) in ([1, 2], [1, 1])
    assert row.loc["small_open", "pct_change"] == pytest.approx(
        100 * row.loc["small_open", "diff"] / abs(row.loc["small", "mean"])
    )
    # p-values adjusted over every difference of the table (Holm), and clear only below 0.05.
    tested = table["p_value"].notna()
    np.testing.assert_allclose(
        table.loc[tested, "p_adjusted"], S.adjust_p(table.loc[tested, "p_value"], "holm")
    )
    assert (table["p_adjusted"][tested] >= table["p_value"][tested]).all()
    assert (table["clear"] == (table["p_adjusted"] < 0.05)).all()
    # Only a clear difference separates a strategy from the baseline's rank.
    ranked = table[table["rank"].notna() & (table["strategy"] == "small_open")]
    for r in ranked.itertuples():
        base = table[
            (table.horizon == r.horizon)
            & (table.indicator == r.indicator)
            & (table.strategy == "small")
        ]
        if not r.clear:
            assert r.rank == base["rank"].iloc[0] == 1, r.indicator
    md = markdown.read_text()
    assert md.count("| indicator | unit | strategy |") == 3 and "### Overall ranking" in md
    assert "| % |" in md and "| p (holm) |" in md and "Holm" in md


def test_unpaired_when_seeds_differ_and_named_groups(strategy_runs):
    small, open_ = strategy_runs["small"], strategy_runs["small_open"]
    result = cli(
        "compare",
        "--group",
        f"rules={small[0]},{small[1]},{small[2]}",
        "--group",
        f"open={open_[0]},{open_[1]}",
        "--horizons",
        "year2",
        "--format",
        "csv",
        "--indicators",
        "new_firms,jobs",
    )
    assert result.returncode == 0, result.stderr
    from io import StringIO

    table = pd.read_csv(StringIO(result.stdout))
    assert list(dict.fromkeys(table["strategy"])) == ["rules", "open"]
    assert set(table["method"].dropna()) == {"welch"} and set(table["effect_name"].dropna()) == {
        "d"
    }
    jobs = table[table.indicator == "jobs"].set_index("strategy")
    assert jobs.loc["open", "n"] == 2 and np.isnan(
        jobs.loc["open", "rank"]
    )  # jobs: any indicator, not ranked
    text = cli(
        "compare",
        "--group",
        f"rules={small[0]},{small[1]}",
        "--group",
        f"open={open_[1]},{open_[2]}",
        "--horizons",
        "year2",
        "--baseline",
        "open",
    )
    assert "unpaired (Welch: the seeds differ)" in text.stdout and "baseline: open" in text.stdout


def test_compare_rejects_unknown_names(strategy_runs, capsys):
    from ecosim_analysis.cli import main

    files = list(map(str, strategy_runs["small"]))
    assert main(["compare", *files, "--indicators", "happiness"]) == 2
    assert "ecosim-analysis: error: unknown indicator 'happiness'" in capsys.readouterr().err
    assert main(["compare", *files, "--baseline", "nobody"]) == 2
    assert "baseline 'nobody' is not one of the strategies: small" in capsys.readouterr().err


def test_horizons_on_sparse_and_short_runs(tmp_path):
    from analysis_helpers import synthetic_run

    every3 = synthetic_run(
        tmp_path / "every3.h5",
        1,
        {"entries": np.arange(8.0).reshape(4, 2)},
        months=12,
        record_every=3,
    )  # rows at months 3, 6, 9, 12
    short = synthetic_run(
        tmp_path / "short.h5", 2, {"entries": np.ones((3, 2))}, months=11, record_every=3
    )
    with pytest.warns(
        ea.AnalysisWarning, match="flows summed over a horizon count the recorded months only"
    ):
        runset = ea.load_runs([every3, short])
    new_firms = M.HEADLINE_BY_NAME["new_firms"]
    year1 = M.evaluate(new_firms, runset.data, M.parse_horizon("year1"))
    assert year1[0] == 0 + 2 + 4 + 6 and np.isnan(year1[1])  # the short run stops at month 9 < 12
    assert M.evaluate(new_firms, runset.data, M.parse_horizon("months:1-9")).tolist() == [6.0, 3.0]
    assert M.evaluate(new_firms, runset.data, M.parse_horizon("total")).tolist() == [12.0, 3.0]


def test_runs_of_different_versions_are_refused_unless_allowed(tmp_path):
    from analysis_helpers import synthetic_run

    old = [
        synthetic_run(
            tmp_path / f"old_seed{s}.h5",
            s,
            {"jobs": [100.0 + s, 50.0]},
            version="0.0.9",
            source="old.toml",
        )
        for s in (1, 2)
    ]
    new = [
        synthetic_run(
            tmp_path / f"new_seed{s}.h5", s, {"jobs": [101.0 + s, 50.0]}, source="new.toml"
        )
        for s in (1, 2)
    ]
    refused = cli("compare", *old, *new, "--indicators", "jobs")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert (
        "different ecosim versions: 0.0.9" in refused.stderr
        and "--allow-mixed-versions" in refused.stderr
    )
    allowed = cli("compare", *old, *new, "--indicators", "jobs", "--allow-mixed-versions")
    assert allowed.returncode == 0, allowed.stderr


def test_one_run_each_is_unpaired_for_want_of_pairs_not_of_seeds(tmp_path):
    from analysis_helpers import synthetic_run

    a = synthetic_run(tmp_path / "a_seed1.h5", 1, {"jobs": [100.0, 50.0]}, source="a.toml")
    b = synthetic_run(tmp_path / "b_seed1.h5", 1, {"jobs": [101.0, 50.0]}, source="b.toml")
    result = cli("compare", a, b, "--indicators", "jobs")
    assert result.returncode == 0, result.stderr
    assert (
        "Welch: fewer than two runs each to pair" in result.stdout
        and "the seeds differ" not in result.stdout
    )


def test_numbers_are_printed_for_people():
    from ecosim_analysis import compare as C

    # Digits follow the interval's width: a narrow interval is not rounded into one number.
    places = C.decimals_for(0.61945 - 0.61937)  # two significant digits of the width, 8.0e-5
    assert C._interval(0.61937, 0.61945, decimals=places) == "[0.619370, 0.619450]"
    assert C.fmt(0.6194, decimals=places) == "0.619400" and C.decimals_for(0.35) == 2
    # Thousands separated, never scientific notation beside integers.
    assert (
        C.fmt(47360.0) == "47,360"
        and C.fmt(2.08e9) == "2,080,000,000"
        and C.fmt(123.456) == "123.5"
    )
    assert C.fmt(47360.4, decimals=C.decimals_for(240.0)) == "47,360"
    assert (
        C.fmt(12.0, True) == "+12.00"
        and C.fmt(-0.5, True, 1) == "-0.5"
        and C.fmt(float("nan")) == ""
    )
    assert C.decimals_for(0) is None and C.decimals_for(float("nan")) is None


def test_each_difference_reads_in_words():
    from ecosim_analysis import compare as C

    def row(indicator, label, units, better, diff, low, high, clear):
        return dict(
            horizon="year10",
            horizon_label="year 10 (months 109-120)",
            indicator=indicator,
            label=label,
            units=units,
            better=better,
            strategy="orebro",
            baseline="base",
            mean=np.nan,
            diff=diff,
            diff_low=low,
            diff_high=high,
            clear=clear,
        )

    base = [
        row(i, l, u, b, np.nan, np.nan, np.nan, False)
        for i, l, u, b in (
            ("innovation_revenue", "innovation revenue (product innovations)", "NOK", 1),
            ("employment_rate", "employment rate", "1", 1),
            ("job_growth_vs_rivals", "job growth", "1", 1),
        )
    ]
    base = [dict(r, strategy="base", mean=m) for r, m in zip(base, (200.0, 0.8, 0.01))]
    other = [
        row(
            "innovation_revenue",
            "innovation revenue (product innovations)",
            "NOK",
            1,
            -20.0,
            -36.0,
            -4.0,
            True,
        ),
        row("employment_rate", "employment rate", "1", 1, 0.0001, -0.0008, 0.0006, False),
        row("job_growth_vs_rivals", "job growth", "1", 1, 0.002, -0.001, 0.005, False),
    ]
    table = pd.DataFrame(base + other)
    [line] = C.plain_lines(table, "year10")
    assert line == (
        "orebro vs base, year 10: innovation revenue -10% [-18%, -2%], worse; "
        "employment rate: no detectable difference, ±0.10%; "
        "job growth: no detectable difference, ±0.50 percentage points."
    )
