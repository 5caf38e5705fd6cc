"""effects on small real runs: measures equal an independent computation from the files, and
the table's differences are the paired ones."""
from dataclasses import replace as dataclasses_replace

import h5py
import numpy as np
import pytest

from ecosim_analysis import effects as E
from analysis_helpers import cli

PAIR = [
    E.Comparison(
        "small_open",
        "small",
        "test question",
        (
            "municipal_mnok_per_year",
            "municipal_lost_mnok_per_year",
            "projects_per_year",
            "jobs_end",
        ),
    )
]


def test_measures_equal_an_independent_computation(strategy_runs):
    path = strategy_runs["small_open"][0]
    got = E.run_measures(path)
    with h5py.File(path, "r") as f:
        g, t = f["indicators"], f["projects"]
        years = g["jobs"].shape[0] / 12
        status = np.array([s.decode() for s in t["status"][()]])
        started = (t["region"][()] == 0) & (status != "rejected")
        municipal = t["municipal_nok"][()]
        assert got["municipal_mnok_per_year"] == pytest.approx(
            municipal[started].sum() / 1e6 / years
        )
        assert got["projects_per_year"] == pytest.approx(started.sum() / years)
        assert got["jobs_end"] == pytest.approx(g["jobs"][-12:, 0].mean())
        # The measures compare also has are compare's: innovation revenue summed over the last
        # year (not a monthly mean), satisfaction in the last month.
        assert got["innovation_revenue_last_year"] == pytest.approx(
            g["innovation_revenue"][-12:, 0].sum()
        )
        assert got["satisfaction_end"] == pytest.approx(g["satisfaction"][-1, 0])
        decided = started & np.isin(
            status, ["completed", "continued", "failed", "stopped_at_review"]
        )
        if decided.any():
            assert got["success_rate"] == pytest.approx(
                np.isin(status[decided], ["completed", "continued"]).mean()
            )
        themes = [s.decode() for s in g["theme"][()]]
        by_theme = g["projects_started_by_theme"][:, 0, :]
        assert got["tourism_capital_per_year"] == pytest.approx(
            (
                by_theme[:, themes.index("tourism")].sum()
                + by_theme[:, themes.index("capital")].sum()
            )
            / years
        )
        # Units come from the run file where the measure is an indicator.
        for m in E.MEASURES.values():
            if m.metric is not None and m.metric.source in g:
                units = g[m.metric.source].attrs["units"]
                units = units.decode() if isinstance(units, bytes) else units
                expected = {
                    "sum": units.removesuffix("/month"),
                    "per_year": units.removesuffix("/month") + "/year",
                }.get(m.metric.kind, units)
                assert m.unit == expected or m.metric.kind == "ratio", m.name
        # Lost money: leaks, and what failed or stopped projects kept of the municipality's money.
        failed = started & (municipal > 0) & np.isin(status, ["failed", "stopped_at_review"])
        assert (
            got["municipal_lost_mnok_per_year"]
            >= (t["leaked_nok"][()][started & (municipal > 0)].sum()) / 1e6 / years
        )
        if failed.any():
            assert got["municipal_lost_mnok_per_year"] > 0
    assert set(got) == set(E.MEASURES)


def test_table_differences_are_paired_by_seed(strategy_runs):
    folder = strategy_runs["folder"] / "runs"
    table = E.effects_table(folder, PAIR)
    assert list(table["measure"]) == list(PAIR[0].measures)
    assert (table["seeds"] == 3).all()
    row = table[table["measure"] == "projects_per_year"].iloc[0]
    base = [E.run_measures(p)["projects_per_year"] for p in strategy_runs["small"]]
    other = [E.run_measures(p)["projects_per_year"] for p in strategy_runs["small_open"]]
    assert row["difference"] == pytest.approx(np.mean(np.subtract(other, base)))
    assert row["low"] <= row["difference"] <= row["high"]
    assert row["detected"] == (row["low"] > 0 or row["high"] < 0)
    text = E.format_markdown(table)
    assert "`small_open` vs `small`" in text and text.count("\n") == 2 + len(PAIR[0].measures)


def test_missing_scenario_is_one_line_and_exit_2(strategy_runs, tmp_path):
    with pytest.raises(FileNotFoundError, match="no runs of"):
        E.effects_table(tmp_path, PAIR)
    result = cli("effects", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no runs of" in result.stderr
    assert cli("effects", str(tmp_path / "nowhere")).returncode == 2


def _lhs_sweep(ecosim_bin, scenario, out):
    """Two sampled futures of one assumed key, one replicate each, 24 months: a robustness sweep."""
    import subprocess

    sweep = scenario.with_name(scenario.stem + "_sweep.toml")
    sweep.write_text(
        "\n".join(
            [
                "[sweep]",
                f'scenario = "{scenario.name}"',
                'design = "lhs"',
                "samples = 3",
                "replicates = 1",
                "seed = 1",
                "common_random_numbers = true",
                'set = { "simulation.steps" = 24 }',
                "[[parameter]]",
                'key = "projects.innovation_hiring_share"',
            ]
        )
        + "\n"
    )
    subprocess.run(
        [ecosim_bin, "sweep", str(sweep), "-o", str(out), "-q", "--jobs", "1"],
        check=True,
        capture_output=True,
        timeout=300,
    )


def test_sign_holds_counts_the_futures_that_keep_the_seed_paired_sign(
    ecosim_bin, strategy_runs, tmp_path
):
    folder = strategy_runs["folder"]
    root = tmp_path / "robustness"
    for strategy in ("small", "small_open"):
        _lhs_sweep(ecosim_bin, folder / f"{strategy}.toml", root / "question" / strategy)
    pair = [dataclasses_replace(PAIR[0], robustness="question")]
    table = E.sign_holds(E.effects_table(folder / "runs", pair), root, pair)
    assert (table["futures"] == 3).all()
    # An independent count: each future's difference against the seed-paired sign.
    from ecosim_analysis.select import select_runs

    runs = {s: select_runs([str(root / "question" / s)]).runs for s in ("small", "small_open")}
    for row in table.itertuples():
        by_future = {
            s: {f: E.run_measures(p)[row.measure] for f, p in zip(r["future"], r["file"])}
            for s, r in runs.items()
        }
        signs = [
            np.sign(by_future["small_open"][f] - by_future["small"][f]) for f in by_future["small"]
        ]
        assert row.sign_holds == sum(s == np.sign(row.difference) for s in signs), row.measure
    text = E.format_markdown(table)
    assert "sign holds in (plausible futures)" in text and " of 3 (" in text
    # Without sweeps the column is left out.
    assert "sign holds" not in E.format_markdown(E.effects_table(folder / "runs", pair))
