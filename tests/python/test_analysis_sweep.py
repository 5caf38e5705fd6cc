"""Sweep folders: the index reader, heat map, robustness, compare by a swept parameter and the
EMA Workbench export, on a small real sweep made by the binary (one run recorded as failed)."""
import io
import json
import re
import tarfile

import h5py
import numpy as np
import pandas as pd
import pytest

import ecosim_analysis as ea
from ecosim_analysis import metrics as M
from ecosim_analysis import stats as S
from ecosim_analysis.figures import is_blank
from analysis_helpers import cli, metric_by_run, synthetic_run, write_index

MIN_SHARE = "policy.municipality.min_external_share"
TRUST = "region.0.generalised_trust"


def test_index_h5_and_csv_agree(real_sweep):
    with pytest.warns(ea.AnalysisWarning, match="1 runs left out \\(1 failed\\): runs 7"):
        sweep = ea.load_sweep(real_sweep)
        usable = sweep.usable()
    assert (
        sweep.design == "grid"
        and sweep.keys == [MIN_SHARE, TRUST]
        and sweep.replicates == 2
        and sweep.crn
    )
    assert list(sweep.index.columns) == [
        "run",
        "point",
        "replicate",
        "block",
        "position",
        MIN_SHARE,
        TRUST,
        "seed",
        "status",
        "file",
        "wall_s",
        "error",
    ]
    assert len(sweep.index) == 8 and len(usable) == 7
    from_csv = ea.load_sweep(real_sweep / "index.csv")
    assert from_csv.design is None and from_csv.keys == sweep.keys
    pd.testing.assert_frame_equal(from_csv.index, sweep.index, check_dtype=False)
    assert "injected failure" in sweep.index.loc[7, "error"]
    # The parameters recorded in the index are those the runs used (the scenario text says so).
    for _, row in usable.iterrows():
        with h5py.File(real_sweep / row["file"], "r") as f:
            text = f.attrs["scenario"]
        assert (
            f"--set {MIN_SHARE}={row[MIN_SHARE]}" in text
            and f"simulation.seed={row['seed']}" in text
        )


def _index(folder, **changes):
    rows = pd.DataFrame(
        {
            "run": [0, 1],
            "point": [0, 1],
            "replicate": [0, 0],
            "block": [0, 1],
            "position": [0, 0],
            "a": [0.1, 0.2],
            "seed": [1, 1],
            "status": ["done", "done"],
            "file": ["runs/run_000000.h5", "runs/run_000001.h5"],
            "wall_s": [0.1, 0.1],
            "error": ["", ""],
        }
    )
    for column, value in changes.items():
        rows[column] = value
    return rows


def test_malformed_indexes_are_refused(tmp_path):
    params = [{"key": "a", "lower": 0.0, "upper": 1.0, "scale": "linear"}]
    cases = {
        "missing": (_index(tmp_path).drop(columns=["block"]), "missing columns: block"),
        "status": (_index(tmp_path, status=["done", "lost"]), "unknown status ['lost']"),
        "outside": (
            _index(tmp_path, file=["runs/run_000000.h5", "../../etc/run.h5"]),
            "run file '../../etc/run.h5' lies outside the sweep folder",
        ),
        "absolute": (
            _index(tmp_path, file=["/tmp/run.h5", "runs/run_000001.h5"]),
            "lies outside the sweep folder",
        ),
    }
    for name, (rows, words) in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        rows.to_csv(folder / "index.csv", index=False)
        with pytest.raises(ea.RunFileError, match=words.replace("[", "\\[").replace("]", "\\]")):
            ea.load_sweep(folder)
    folder = write_index(tmp_path / "mismatch", _index(tmp_path), params, "grid", 1, csv=False)
    with h5py.File(folder / "index.h5", "a") as f:
        f.attrs["parameters"] = json.dumps(
            [{"key": "b", "lower": 0, "upper": 1, "scale": "linear"}]
        )
    with pytest.raises(ea.RunFileError, match="do not match the parameters attribute"):
        ea.load_sweep(folder)
    folder = write_index(tmp_path / "newer", _index(tmp_path), params, "grid", 1, csv=False)
    with h5py.File(folder / "index.h5", "a") as f:
        f.attrs["format_version"] = 3
    result = cli("sensitivity", folder)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        == f"ecosim-analysis: {folder / 'index.h5'}: newer format (format_version 3) than "
        "this ecosim_analysis reads (1); update analysis/"
    )
    folder = write_index(tmp_path / "design", _index(tmp_path), params, "sobolish", 1, csv=False)
    with pytest.raises(ea.RunFileError, match="unknown design 'sobolish'"):
        ea.load_sweep(folder)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (
        cli("heatmap", empty, "--x", "a", "--y", "b").stderr.strip()
        == f"ecosim-analysis: {empty}: not a sweep folder (no index.h5 or index.csv)"
    )


def heatmap(sweep, indicator, horizon, png, *extra):
    """`heatmap` of one indicator over the sweep's minimum share (x) and trust (y)."""
    return cli(
        "heatmap",
        sweep,
        "--x",
        MIN_SHARE,
        "--y",
        TRUST,
        "--indicator",
        indicator,
        "--horizon",
        horizon,
        "-o",
        png,
        *extra,
    )


def share_robustness(sweep, horizon, *extra):
    """`robustness` of a minimum share of 0.1 against 0.5 over the sweep's other parameters."""
    return cli(
        "robustness",
        sweep,
        "--by",
        MIN_SHARE,
        "--a",
        "min_external_share=0.1",
        "--b",
        "min_external_share=0.5",
        "--horizon",
        horizon,
        *extra,
    )


def test_heatmap_over_two_swept_parameters(real_sweep, tmp_path):
    png, csv = tmp_path / "h.png", tmp_path / "h.csv"
    result = heatmap(real_sweep, "new_firms", "year2", png, "--csv", csv)
    assert result.returncode == 0, result.stderr
    assert "1 runs left out (1 failed)" in result.stderr
    assert not is_blank(png)
    table = pd.read_csv(csv, index_col=0)
    expected = (
        metric_by_run(real_sweep, "new_firms", "year2").groupby([TRUST, MIN_SHARE])["value"].mean()
    )
    for (trust, share), value in expected.items():
        assert table.loc[
            trust, f"{share:g}" if f"{share:g}" in table.columns else str(share)
        ] == pytest.approx(value)


def test_robustness_across_sampled_futures(real_sweep, tmp_path):
    csv = tmp_path / "r.csv"
    result = share_robustness(real_sweep, "year2", "--csv", csv)
    assert result.returncode == 0, result.stderr
    assert "Futures: sampled parameters (mean over replicates)" in result.stdout
    table = pd.read_csv(csv).set_index("output")
    assert (table["futures"] == 2).all()  # the two values of the trust parameter
    values = metric_by_run(real_sweep, "new_firms", "year2")
    means = values.groupby([TRUST, MIN_SHARE])["value"].mean().unstack(MIN_SHARE)
    wins = int((means[0.1] > means[0.5]).sum())
    row = table.loc["new_firms@year2"]
    share = S.share_interval(wins, 2)
    assert row["a_wins"] == wins and (row["share_low"], row["share_high"]) == pytest.approx(
        (share.low, share.high)
    )


def test_robustness_of_plain_runs_uses_seeds(strategy_runs):
    paths = strategy_runs["small"] + strategy_runs["small_open"]
    result = cli("robustness", *paths, "--a", "small", "--b", "small_open", "--horizon", "year2")
    assert result.returncode == 0, result.stderr
    assert "Futures: seed" in result.stdout and "Does small beat small_open?" in result.stdout
    for metric in M.HEADLINE:
        assert f"{metric.name}@year2" in result.stdout


def test_compare_by_swept_parameter_keeps_design_points_apart(real_sweep):
    """--by: a strategy's interval is over sampled futures (the other parameter's values), each
    the mean of its replicates, and differences are paired by future; the failed run leaves its
    future one replicate, not an unpaired table."""
    base = ["compare", real_sweep, "--by", MIN_SHARE, "--horizons", "year2", "--format", "csv"]
    table = pd.read_csv(io.StringIO(cli(*base).stdout))
    assert list(dict.fromkeys(table["strategy"])) == [
        "min_external_share=0.1",
        "min_external_share=0.5",
    ]
    assert set(table["method"].dropna()) == {"paired"} and set(table["n"]) == {2}
    values = metric_by_run(real_sweep, "new_firms", "year2")
    means = values.groupby([MIN_SHARE, TRUST])["value"].mean().unstack(MIN_SHARE)  # rows: futures
    rows = table[table["indicator"] == "new_firms"].set_index("strategy")
    for share, strategy in ((0.1, "min_external_share=0.1"), (0.5, "min_external_share=0.5")):
        interval = S.mean_interval(means[share])
        assert (rows.at[strategy, "mean"], rows.at[strategy, "ci_low"]) == pytest.approx(
            (interval.mean, interval.low)
        )
    d = S.paired_difference(means[0.1], means[0.5])
    row = rows.loc["min_external_share=0.5"]
    assert (row["diff"], row["diff_low"], row["diff_high"]) == pytest.approx(
        (d.diff, d.low, d.high)
    )
    text = cli("compare", real_sweep, "--by", MIN_SHARE, "--horizons", "year2").stdout
    assert "4 runs in 2 sampled futures" in text and "3 runs in 2 sampled futures" in text
    assert "paired by sampled future" in text
    welch = pd.read_csv(io.StringIO(cli(*base, "--pairing", "welch").stdout))
    assert set(welch["method"].dropna()) == {"welch"} and set(welch["n"]) == {2}


def _load_like_ema(path):
    """Read the archive the way EMA Workbench 2.1-3.0 load_results does (metadata.json)."""
    with tarfile.open(path, "r:gz", encoding="UTF8") as archive:
        metadata = json.loads(archive.extractfile("metadata.json").read().decode())
        experiments = pd.read_csv(archive.extractfile("experiments.csv"))
        for name, dtype in metadata["experiments"].items():
            try:
                dtype = np.dtype(dtype)
            except TypeError:
                dtype = pd.api.types.pandas_dtype(dtype)
            experiments[name] = experiments[name].astype(dtype)
        outcomes = {}
        for kind, name, filename in metadata["outcomes"]:
            values = pd.read_csv(archive.extractfile(filename), index_col=False, header=None).values
            outcomes[name] = (
                np.reshape(values, (values.shape[0],)) if kind == "ScalarOutcome" else values
            )
        members = archive.getnames()
    return experiments, outcomes, metadata, members


def test_export_for_ema_workbench(real_sweep, tmp_path):
    out = tmp_path / "results.tar.gz"
    result = cli(
        "export-ema",
        real_sweep,
        "-o",
        out,
        "--horizons",
        "year1,year2",
        "--series",
        "jobs,ties_by_rung",
    )
    assert result.returncode == 0, result.stderr
    experiments, outcomes, metadata, members = _load_like_ema(out)
    names = [f"{m.name}_{h}_Small" for h in ("year1", "year2") for m in M.HEADLINE]
    assert set(members) == {
        "experiments.csv",
        "metadata.json",
        "TIME.csv",
        "jobs_Small.csv",
        "ties_by_rung_Small.csv",
        *(f"{n}.cls" for n in names),
    }
    assert metadata["version"] == 0.1
    assert list(experiments.columns) == [
        MIN_SHARE,
        TRUST,
        "seed",
        "replicate",
        "scenario",
        "policy",
        "model",
    ]
    assert metadata["experiments"] == {
        MIN_SHARE: "float64",
        TRUST: "float64",
        "seed": "int64",
        "replicate": "int64",
        "scenario": "category",
        "policy": "category",
        "model": "category",
    }
    np.testing.assert_array_equal(outcomes["TIME"][0], np.arange(1, 25))
    assert len(experiments) == 7 and set(experiments["policy"]) == {real_sweep.name}
    assert [o[0] for o in metadata["outcomes"]].count("ScalarOutcome") == len(names)
    assert outcomes["jobs_Small"].shape == (7, 24) and outcomes["ties_by_rung_Small"].shape == (
        7,
        24,
    )
    expected = metric_by_run(real_sweep, "new_firms", "year2")
    np.testing.assert_allclose(outcomes["new_firms_year2_Small"], expected["value"])
    np.testing.assert_allclose(experiments[MIN_SHARE], expected[MIN_SHARE])
    assert experiments["scenario"].astype(str).tolist() == expected["point"].astype(str).tolist()
    per_point = tmp_path / "points.tar.gz"
    assert (
        cli(
            "export-ema", real_sweep, "-o", per_point, "--per-point", "--policy", "orebro"
        ).returncode
        == 0
    )
    experiments, outcomes, _, _ = _load_like_ema(per_point)
    assert len(experiments) == 4 and set(experiments["policy"]) == {"orebro"}
    # A point's parameter values exactly as the index holds them, not an average of copies.
    index = pd.read_csv(real_sweep / "index.csv").drop_duplicates("point").sort_values("point")
    assert experiments[MIN_SHARE].tolist() == index[MIN_SHARE].tolist()
    assert experiments["replicates"].sum() == 7 and sorted(experiments["replicates"]) == [
        1,
        2,
        2,
        2,
    ]  # run 7 failed
    ea_experiments, ea_outcomes, _ = __import__(
        "ecosim_analysis.ema", fromlist=["read_archive"]
    ).read_archive(per_point)
    pd.testing.assert_frame_equal(ea_experiments, experiments)


def test_export_for_ema_workbench_by_a_lever(real_sweep, tmp_path):
    """--by: the parameter becomes the policy (a lever), the other one stays an uncertainty and
    names the scenario, so one sampled future reads across both policies; --region names the
    outcomes after the region they describe."""
    out = tmp_path / "by.tar.gz"
    result = cli(
        "export-ema",
        real_sweep,
        "-o",
        out,
        "--by",
        MIN_SHARE,
        "--horizons",
        "year2",
        "--indicators",
        "new_firms",
        "--region",
        "Rival",
    )
    assert result.returncode == 0, result.stderr
    experiments, outcomes, metadata, _ = _load_like_ema(out)
    assert list(experiments.columns) == [TRUST, "seed", "replicate", "scenario", "policy", "model"]
    assert sorted(set(experiments["policy"].astype(str))) == [
        "min_external_share=0.1",
        "min_external_share=0.5",
    ]
    assert set(experiments["scenario"].astype(str)) == {
        f"generalised_trust={v!r}" for v in (0.4, 0.8)
    }
    assert [o[1] for o in metadata["outcomes"]] == ["new_firms_year2_Rival"]
    sweep = ea.load_sweep(real_sweep)
    rows = sweep.index[sweep.index.status == "done"]
    runset = ea.load_runs([real_sweep / f for f in rows["file"]])
    rival = M.evaluate(
        M.HEADLINE_BY_NAME["new_firms"], runset.data, M.parse_horizon("year2"), region=1
    )
    np.testing.assert_allclose(outcomes["new_firms_year2_Rival"], rival)
    both = cli("export-ema", real_sweep, "-o", out, "--by", MIN_SHARE, "--policy", "x")
    assert both.returncode == 2 and "--policy and --by: give one" in both.stderr


def test_synthetic_sweep_with_partial_run(tmp_path):
    params = [{"key": "a", "lower": 0.0, "upper": 1.0, "scale": "linear"}]
    rows = _index(tmp_path)
    write_index(tmp_path, rows, params, "list", 1)
    synthetic_run(tmp_path / rows.loc[0, "file"], 1, {"employment_rate": [0.7, 0.5]})
    synthetic_run(
        tmp_path / rows.loc[1, "file"], 1, {"employment_rate": [0.8, 0.5]}, complete=False
    )
    with pytest.warns(ea.AnalysisWarning, match="run 1: partial run file"):
        usable = ea.load_sweep(tmp_path).usable()
    assert list(usable["run"]) == [0]


def test_heatmap_and_robustness_print_numbers_for_people(real_sweep, tmp_path):
    """Money in NOK runs to millions: the printed tables group thousands instead of 4.736e+04."""
    heat = heatmap(real_sweep, "innovation_revenue", "total", tmp_path / "h.png")
    robust = share_robustness(real_sweep, "total")
    for result in (heat, robust):
        assert result.returncode == 0, result.stderr
        assert "e+" not in result.stdout, result.stdout
    revenue = metric_by_run(real_sweep, "innovation_revenue", "total")["value"]
    assert revenue.max() >= 1e4  # else this test shows nothing
    assert re.search(r"\d,\d{3}", heat.stdout) and re.search(r"[+-]\d{1,3}(,\d{3})+", robust.stdout)
