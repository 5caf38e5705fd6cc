"""The table of runs (CSV and netCDF) and the sweep's summary cache: values equal to reading the
files whole, rows read again when their file changes, columns when their definition changes."""
import io
import shutil

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import ecosim_analysis as ea
from ecosim_analysis import compare as C
from ecosim_analysis import metrics as M
from ecosim_analysis import summary as SU
from ecosim_analysis.select import select_runs, select_sweeps
from analysis_helpers import cli, metric_by_run

MIN_SHARE = "policy.municipality.min_external_share"
TRUST = "region.0.generalised_trust"


@pytest.fixture
def sweep_copy(real_sweep, tmp_path):
    """A private copy of the real sweep, so that its cache starts empty and changes stay here."""
    folder = tmp_path / "sweep"
    shutil.copytree(real_sweep, folder, ignore=shutil.ignore_patterns(SU.CACHE_NAME))
    return folder


def test_table_of_a_sweep_as_csv_and_netcdf(sweep_copy, tmp_path):
    csv = tmp_path / "out" / "table.csv"
    result = cli("table", sweep_copy, "-o", csv, "--horizons", "year1,year2")
    assert result.returncode == 0, result.stderr
    assert (
        "7 runs of 1 strategies, 9 indicators at 2 horizons (year1, year2), region Small"
        in result.stdout
    )
    table = pd.read_csv(csv)
    assert list(table.columns[:8]) == [
        "strategy",
        "seed",
        "sweep",
        "sweep_run",
        "point",
        "replicate",
        MIN_SHARE,
        TRUST,
    ]
    assert (
        "new_firms@year2 [firm]" in table.columns
        and "innovation_revenue@year1 [NOK]" in table.columns
    )
    expected = metric_by_run(sweep_copy, "new_firms", "year2")
    np.testing.assert_array_equal(table["sweep_run"], expected["run"])
    np.testing.assert_allclose(table["new_firms@year2 [firm]"], expected["value"])
    np.testing.assert_array_equal(table["seed"], expected["seed"])
    ds = xr.open_dataset(tmp_path / "out" / "table.nc", engine="h5netcdf")
    assert ds["new_firms"].dims == ("run", "horizon") and list(ds["horizon"].values) == [
        "year1",
        "year2",
    ]
    assert ds["new_firms"].attrs["units"] == "firm" and ds["emissions"].attrs["units"] == "t CO2e"
    np.testing.assert_allclose(ds["new_firms"].sel(horizon="year2"), expected["value"])
    np.testing.assert_allclose(ds[MIN_SHARE], expected[MIN_SHARE])
    assert ds.attrs["region"] == "Small"
    ds.close()


def test_table_of_run_files(strategy_runs, tmp_path):
    paths = strategy_runs["small"] + strategy_runs["small_open"]
    result = cli(
        "table",
        *paths,
        "-o",
        tmp_path / "t.csv",
        "--netcdf",
        tmp_path / "t.h5",
        "--horizons",
        "total",
        "--indicators",
        "new_firms,ties_by_rung[joint_action]",
    )
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(tmp_path / "t.csv")
    assert (
        list(table["strategy"]) == ["small"] * 3 + ["small_open"] * 3
        and list(table["seed"]) == [1, 2, 3] * 2
    )
    runset = ea.load_runs(paths)
    np.testing.assert_allclose(
        table["new_firms@total [firm]"],
        M.evaluate(M.HEADLINE_BY_NAME["new_firms"], runset.data, M.parse_horizon("total")),
    )
    assert any(c.startswith("ties_by_rung[joint_action]@total [") for c in table.columns)
    same = cli("table", *paths, "-o", tmp_path / "x.csv", "--netcdf", tmp_path / "x.csv")
    assert same.returncode == 2 and "the same file as the CSV" in same.stderr


def test_the_summary_cache_reads_a_file_once_and_again_when_it_changes(sweep_copy, monkeypatch):
    reads = []
    real = SU.read_run
    monkeypatch.setattr(
        SU, "read_run", lambda path, **kw: reads.append(path.name) or real(path, **kw)
    )
    files = ea.load_sweep(sweep_copy).index.query("status == 'done'")["file"]
    metric, horizons = M.HEADLINE_BY_NAME["new_firms"], [
        M.parse_horizon("year1"),
        M.parse_horizon("year2"),
    ]
    first = SU.summaries(sweep_copy, files, [metric], horizons, jobs=1)
    assert (sweep_copy / SU.CACHE_NAME).is_file() and len(reads) == 7
    reads.clear()
    again = SU.summaries(sweep_copy, files, [metric], horizons, jobs=1)
    assert reads == []
    pd.testing.assert_frame_equal(first, again)
    # A run file that changes (here: rewritten with another run's bytes) is read again, alone.
    shutil.copy(sweep_copy / files.iloc[1], sweep_copy / files.iloc[0])
    changed = SU.summaries(sweep_copy, files, [metric], horizons, jobs=1)
    assert reads == [pathlib_name(files.iloc[0])]
    column = SU.column(metric, horizons[1], 0)
    assert changed[column].iloc[0] == changed[column].iloc[1] != first[column].iloc[0]
    # A column not cached yet, or defined differently, reads every file; other rows are kept
    # only with every column (here: all rows are asked for, so all stay).
    reads.clear()
    other = M.Metric("new_firms", "new firms", "entries", "mean", +1, "firm")
    SU.summaries(sweep_copy, files, [other], horizons, jobs=1)
    assert len(reads) == 7
    reads.clear()
    SU.summaries(sweep_copy, files, [metric, other], horizons, jobs=1)
    assert reads == []


def pathlib_name(file):
    return file.rsplit("/", 1)[-1]


def test_a_damaged_or_unwritable_cache_is_only_a_warning(sweep_copy, monkeypatch):
    files = ea.load_sweep(sweep_copy).index.query("status == 'done'")["file"]
    metric, horizon = M.HEADLINE_BY_NAME["emissions"], M.parse_horizon("year2")
    reference = SU.summaries(sweep_copy, files, [metric], [horizon], jobs=1)
    (sweep_copy / SU.CACHE_NAME).write_bytes(b"not a cache")
    with pytest.warns(ea.AnalysisWarning, match="unreadable summary cache"):
        rebuilt = SU.summaries(sweep_copy, files, [metric], [horizon], jobs=1)
    pd.testing.assert_frame_equal(rebuilt, reference)

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    (sweep_copy / SU.CACHE_NAME).unlink()
    monkeypatch.setattr(SU.os, "replace", refuse)
    with pytest.warns(
        ea.AnalysisWarning, match="summary cache not written \\(Permission denied\\)"
    ):
        unwritten = SU.summaries(sweep_copy, files, [metric], [horizon], jobs=1)
    pd.testing.assert_frame_equal(unwritten, reference)
    assert not (sweep_copy / SU.CACHE_NAME).exists() and not list(sweep_copy.glob(".*.tmp"))


def test_sweeps_compared_through_the_cache_equal_reading_them_whole(sweep_copy):
    metrics, horizons = M.HEADLINE, [M.parse_horizon("year1"), M.parse_horizon("year2")]
    with pytest.warns(ea.AnalysisWarning):
        whole = select_runs([sweep_copy], by=MIN_SHARE)
        cached = select_sweeps([sweep_copy], by=MIN_SHARE)
    assert list(cached.runs["file"]) == list(whole.runs["file"])
    assert list(cached.runs["future"]) == list(whole.runs["future"])
    pd.testing.assert_frame_equal(
        C.compare(cached, metrics, horizons), C.compare(whole, metrics, horizons)
    )
    # In parallel (two processes) the values are the same.
    (sweep_copy / SU.CACHE_NAME).unlink()
    monkeypatch_parallel = SU.PARALLEL_FROM
    try:
        SU.PARALLEL_FROM = 1
        with pytest.warns(ea.AnalysisWarning):
            parallel = select_sweeps([sweep_copy], by=MIN_SHARE)
        pd.testing.assert_frame_equal(
            C.compare(parallel, metrics, horizons, adjust="bh"),
            C.compare(whole, metrics, horizons, adjust="bh"),
        )
    finally:
        SU.PARALLEL_FROM = monkeypatch_parallel
    text = cli(
        "compare", sweep_copy, "--by", MIN_SHARE, "--horizons", "year2", "--format", "csv"
    ).stdout
    assert len(pd.read_csv(io.StringIO(text))) == 2 * len(M.HEADLINE)
