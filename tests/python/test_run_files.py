"""Reads back, from Python, every run file that e2e.run_every_scenario wrote."""
import os
import pathlib

import h5py
import numpy as np
import pytest
import xarray as xr

import ecosim_analysis as ea

RUN_DIR = pathlib.Path(os.environ.get("ECOSIM_E2E_DIR", ""))
RUN_FILES = sorted(RUN_DIR.glob("*.h5")) if RUN_DIR.is_dir() else []


def test_runs_exist():
    assert RUN_FILES, f"no run files in {RUN_DIR!s}; run through ctest (e2e.run_every_scenario)"


@pytest.mark.parametrize("path", RUN_FILES, ids=lambda p: p.stem)
def test_xarray_sees_named_dimensions(path):
    ds = xr.open_dataset(path, engine="h5netcdf", group="indicators")
    assert ds["jobs"].dims == ("time", "region")
    assert ds["jobs_by_sector"].dims == ("time", "region", "sector")
    assert ds["projects_started_by_theme"].dims == ("time", "region", "theme")
    assert ds.sizes["region"] >= 2
    assert list(ds["time"].values[:2]) == [1, 2] or ds.sizes["time"] == 1
    assert ds["jobs"].attrs["units"] == "person"
    assert str(ds["region"].values[0])  # names, not phony indices
    frame = ds[["jobs", "employment_rate"]].to_dataframe()
    assert len(frame) == ds.sizes["time"] * ds.sizes["region"]
    ds.close()


@pytest.mark.parametrize("path", RUN_FILES, ids=lambda p: p.stem)
def test_h5py_reads_root_attributes_and_consistent_values(path):
    with h5py.File(path, "r") as f:
        for key in ("ecosim_version", "scenario", "seed", "threads", "steps", "created"):
            assert key in f.attrs, key
        assert f.attrs["complete"] == 1
        g = f["indicators"]
        jobs = g["jobs"][()]
        by_sector = g["jobs_by_sector"][()]
        np.testing.assert_allclose(by_sector.sum(axis=2), jobs)
        share = by_sector / np.maximum(jobs[..., None], 1)
        hhi = (share**2).sum(axis=2)
        np.testing.assert_allclose(hhi, g["diversity_hhi"][()], rtol=1e-9, atol=1e-12)
        rate = g["employment_rate"][()]
        assert np.all((rate > 0) & (rate <= 1))
        for name, ds in g.items():
            if name not in ("time", "region", "sector", "theme"):
                assert "units" in ds.attrs and "description" in ds.attrs, name


@pytest.mark.parametrize("path", RUN_FILES, ids=lambda p: p.stem)
def test_analysis_loaders(path):
    ds = ea.load_indicators(path)
    projects = ea.load_projects(path)
    assert set(projects["status"]) <= {
        "rejected",
        "active",
        "stopped_at_review",
        "completed",
        "failed",
        "continued",
    }
    rejected = projects[projects["status"] == "rejected"]
    assert (rejected["rejected_by"] != "none").all()
    # Every rejection names a rule whose check failed (underfunded: the funding check).
    for rule, rows in rejected.groupby("rejected_by"):
        column = "check_funded" if rule == "underfunded" else f"check_{rule}"
        assert (rows[column] == 0).all(), rule
    assert (projects.loc[projects["status"] != "rejected", "rejected_by"] == "none").all()
    table = ea.headline(path)
    assert list(table.index) == [str(r) for r in ds["region"].values]
    # The same vocabulary as `compare`: each headline metric over the whole run.
    from ecosim_analysis import metrics as M

    assert list(table.columns) == [m.name for m in M.HEADLINE]
    runset = ea.load_runs([path])
    for r, region in enumerate(table.index):
        for m in M.HEADLINE:
            expected = M.evaluate(m, runset.data, M.parse_horizon("total"), r)[0]
            assert table.at[region, m.name] == pytest.approx(expected, nan_ok=True), (
                region,
                m.name,
            )
