"""Morris and Sobol' estimators against functions with known answers, and end to end on
synthetic sweeps laid out as `ecosim sweep` writes them (failed and missing runs included)."""
import math

import numpy as np
import pandas as pd
import pytest

from ecosim_analysis import designs as D
from ecosim_analysis import sensitivity as SA
from analysis_helpers import cli, index_rows, synthetic_run, write_index

ISHIGAMI = [
    {"key": f"x{i}", "lower": -math.pi, "upper": math.pi, "scale": "linear"} for i in (1, 2, 3)
]
UNIT = [{"key": f"x{i}", "lower": 0.0, "upper": 1.0, "scale": "linear"} for i in range(4)]


def test_ishigami_analytical_indices():
    s1, st = D.ishigami_indices()
    np.testing.assert_allclose(s1, [0.3139, 0.4424, 0.0], atol=1e-4)
    np.testing.assert_allclose(st, [0.5576, 0.4424, 0.2437], atol=1e-4)


def test_sobol_indices_of_ishigami():
    design = D.saltelli(ISHIGAMI, 4096, seed=3)
    x = design[["x1", "x2", "x3"]].to_numpy()
    y = D.ishigami(x)
    indices, dropped = SA.sobol_indices(
        design["block"],
        design["position"],
        y,
        ["x1", "x2", "x3"],
        unit=D.to_unit(x, ISHIGAMI),
        n_boot=300,
        seed=1,
    )
    s1, st = D.ishigami_indices()
    assert dropped == 0 and (indices["blocks"] == 4096).all()
    np.testing.assert_allclose(indices["S1"], s1, atol=0.02)
    np.testing.assert_allclose(indices["ST"], st, atol=0.02)
    assert ((indices["S1_low"] <= s1) & (s1 <= indices["S1_high"])).all()
    assert ((indices["ST_low"] <= st) & (st <= indices["ST_high"])).all()
    assert ((indices["ST_high"] - indices["ST_low"]) < 0.1).all()


@pytest.mark.parametrize("shift, scale", [(1000.0, 1.0), (0.0, 1000.0), (-5e4, 1e-3)])
def test_sobol_indices_do_not_change_when_the_output_is_shifted_or_scaled(shift, scale):
    design = D.saltelli(ISHIGAMI, 4096, seed=3)
    x = design[["x1", "x2", "x3"]].to_numpy()
    unit = D.to_unit(x, ISHIGAMI)
    names = ["x1", "x2", "x3"]
    plain, _ = SA.sobol_indices(
        design["block"], design["position"], D.ishigami(x), names, unit=unit, n_boot=50
    )
    moved, _ = SA.sobol_indices(
        design["block"],
        design["position"],
        shift + scale * D.ishigami(x),
        names,
        unit=unit,
        n_boot=50,
    )
    np.testing.assert_allclose(moved[["S1", "ST"]], plain[["S1", "ST"]], atol=1e-9)
    s1, st = D.ishigami_indices()
    np.testing.assert_allclose(moved["S1"], s1, atol=0.02)
    np.testing.assert_allclose(moved["ST"], st, atol=0.02)


def test_g_function_analytical_indices():
    s1, st = D.sobol_g_indices([0.0, 1.0, 9.0])
    # V_i = 1/3, 1/12, 1/300; V = (4/3)(13/12)(301/300) - 1
    v = (4 / 3) * (13 / 12) * (301 / 300) - 1
    np.testing.assert_allclose(s1, np.array([1 / 3, 1 / 12, 1 / 300]) / v)
    assert s1.sum() < 1 and (st >= s1).all()


def test_sobol_indices_of_the_g_function():
    a = [0.0, 1.0, 4.5, 9.0, 99.0]
    parameters = [
        {"key": f"x{i}", "lower": 0.0, "upper": 1.0, "scale": "linear"} for i in range(len(a))
    ]
    names = [p["key"] for p in parameters]
    design = D.saltelli(parameters, 8192, seed=7)
    x = design[names].to_numpy()
    indices, dropped = SA.sobol_indices(
        design["block"],
        design["position"],
        100 + D.sobol_g(x, a),
        names,
        unit=D.to_unit(x, parameters),
        n_boot=50,
    )
    s1, st = D.sobol_g_indices(a)
    assert dropped == 0
    np.testing.assert_allclose(indices["S1"], s1, atol=0.03)
    np.testing.assert_allclose(indices["ST"], st, atol=0.03)


def test_sobol_drops_incomplete_and_misplaced_blocks():
    design = D.saltelli(ISHIGAMI, 64, seed=1)
    x = design[["x1", "x2", "x3"]].to_numpy()
    y = D.ishigami(x)
    y[design.index[(design.block == 5) & (design.position == 2)]] = np.nan  # a failed run
    position = design["position"].to_numpy().copy()
    swap = design.index[design.block == 9].to_numpy()
    position[swap[1]], position[swap[2]] = (
        position[swap[2]],
        position[swap[1]],
    )  # AB_1 and AB_2 swapped
    keep = design.index[~((design.block == 11) & (design.position == 4))]  # a missing run
    indices, dropped = SA.sobol_indices(
        design["block"][keep],
        position[keep],
        y[keep],
        ["x1", "x2", "x3"],
        unit=D.to_unit(x, ISHIGAMI)[keep],
        n_boot=50,
    )
    assert dropped == 3 and (indices["blocks"] == 61).all()


def test_morris_orders_parameters_of_a_known_function():
    design = D.morris(UNIT, trajectories=20, levels=4, seed=5)
    x = design[["x0", "x1", "x2", "x3"]].to_numpy()
    y = 8 * x[:, 0] + 4 * x[:, 1] ** 2 + 1 * x[:, 2]  # x3 has no effect
    indices, dropped = SA.morris_indices(
        design["block"],
        design["position"],
        D.to_unit(x, UNIT),
        y,
        ["x0", "x1", "x2", "x3"],
        n_boot=200,
    )
    assert dropped == 0 and (indices["trajectories"] == 20).all()
    assert list(indices.sort_values("mu_star", ascending=False).index) == ["x0", "x1", "x2", "x3"]
    assert indices.loc["x0", "mu_star"] == pytest.approx(8) and indices.loc[
        "x0", "sigma"
    ] == pytest.approx(0, abs=1e-9)
    assert indices.loc["x2", "mu"] == pytest.approx(1) and indices.loc["x3", "mu_star"] == 0
    assert indices.loc["x1", "sigma"] > 0.5  # non-linear: effects vary
    assert indices.loc["x0", "mu_star_low"] <= 8 <= indices.loc["x0", "mu_star_high"]
    ranking = SA.drivers(indices.reset_index().assign(output="y"), "morris")
    assert list(ranking["parameter"]) == ["x0", "x1", "x2", "x3"] and list(ranking["rank"]) == [
        1,
        2,
        3,
        4,
    ]


def test_morris_steps_log_scaled_parameters_in_log_space():
    params = [
        {"key": "rate", "lower": 1.0, "upper": 100.0, "scale": "log"},
        {"key": "share", "lower": 0.0, "upper": 1.0, "scale": "linear"},
    ]
    design = D.morris(params, trajectories=6, levels=4, seed=2)
    values = design[["rate", "share"]].to_numpy()
    assert values[:, 0].min() >= 1.0 - 1e-9 and values[:, 0].max() <= 100 + 1e-9
    y = np.log10(values[:, 0]) + 0.5 * values[:, 1]
    indices, dropped = SA.morris_indices(
        design["block"],
        design["position"],
        D.to_unit(values, params),
        y,
        ["rate", "share"],
        n_boot=50,
    )
    assert dropped == 0
    assert indices.loc["rate", "mu"] == pytest.approx(2.0) and indices.loc[
        "rate", "sigma"
    ] == pytest.approx(0, abs=1e-9)
    assert indices.loc["share", "mu"] == pytest.approx(0.5)


def test_morris_drops_broken_trajectories():
    design = D.morris(UNIT, trajectories=5, levels=4, seed=1)
    x = D.to_unit(design[["x0", "x1", "x2", "x3"]].to_numpy(), UNIT)
    y = x.sum(axis=1)
    x[design.index[(design.block == 1) & (design.position == 2)], :] = 0.5  # a step moving several
    keep = design.index[~((design.block == 3) & (design.position == 0))]  # a missing point
    _, dropped = SA.morris_indices(
        design["block"][keep],
        design["position"][keep],
        x[keep],
        y[keep],
        ["x0", "x1", "x2", "x3"],
        n_boot=10,
    )
    assert dropped == 2


def test_spearman_screening():
    design = D.lhs(UNIT[:2], 40, seed=4)
    y = 3 * design["x0"] - design["x1"]
    rho = SA.spearman_indices(design[["x0", "x1"]], y)
    assert rho.loc["x0", "rho"] > 0.8 and rho.loc["x1", "rho"] < 0


def _synthetic_sweep(folder, design, parameters, function, kind, statuses, replicates=1, **attrs):
    index = index_rows(D.with_replicates(design, replicates=replicates, crn=True, seed=1), statuses)
    keys = [p["key"] for p in parameters]
    rng = np.random.default_rng(0)
    for _, row in index.iterrows():
        if row["status"] == "done":
            value = function(row[keys].to_numpy(dtype=float)) + rng.normal(0, 1e-3)
            synthetic_run(folder / row["file"], int(row["seed"]), {"employment_rate": [value, 0.5]})
    write_index(folder, index, parameters, kind, replicates, **attrs)
    return index


def test_sensitivity_command_on_a_morris_sweep(tmp_path):
    design = D.morris(UNIT[:3], trajectories=6, levels=4, seed=7)
    # point 8 loses both replicates (trajectory 2 is dropped); one more run failed, one missing
    statuses = {16: "missing", 17: "missing", 3: "failed", 30: "missing"}
    _synthetic_sweep(
        tmp_path,
        design,
        UNIT[:3],
        lambda x: 5 * x[0] + 2 * x[1] + 0.2 * x[2],
        "morris",
        statuses,
        replicates=2,
        levels=4,
    )
    result = cli(
        "sensitivity",
        tmp_path,
        "--indicators",
        "employment_rate",
        "--csv",
        tmp_path / "i.csv",
        "--drivers-csv",
        tmp_path / "d.csv",
        "--plot",
        tmp_path / "i.png",
        "--bootstrap",
        "100",
    )
    assert result.returncode == 0, result.stderr
    assert "4 runs left out (3 missing, 1 failed)" in result.stderr
    assert (
        "one run per design point" not in result.stderr
    ), "replicates: the noise share is printed instead"
    assert "noise_share" in result.stdout
    assert "trajectories dropped as incomplete or malformed: 1" in result.stdout
    assert "employment_rate@year1: 1. x0" in result.stdout
    drivers = pd.read_csv(tmp_path / "d.csv")
    assert list(drivers["parameter"]) == ["x0", "x1", "x2"]
    indices = pd.read_csv(tmp_path / "i.csv").set_index("parameter")
    assert (
        indices.loc["x0", "mu_star"] == pytest.approx(5, abs=0.01)
        and (indices["trajectories"] == 5).all()
    )
    from ecosim_analysis.figures import is_blank

    assert not is_blank(tmp_path / "i.png")
    assert str(tmp_path / "i_mu_sigma.png") in result.stdout and not is_blank(
        tmp_path / "i_mu_sigma.png"
    )


def test_sensitivity_command_on_a_saltelli_sweep_matches_the_estimator(tmp_path):
    design = D.saltelli(ISHIGAMI, 32, seed=2)
    _synthetic_sweep(
        tmp_path, design, ISHIGAMI, lambda x: D.ishigami(x)[0], "saltelli", {}, base_samples=32
    )
    result = cli(
        "sensitivity",
        tmp_path,
        "--indicators",
        "employment_rate",
        "--csv",
        tmp_path / "s.csv",
        "--bootstrap",
        "200",
        "--seed",
        "4",
    )
    assert result.returncode == 0, result.stderr
    assert (
        "method sobol" in result.stdout
        and "blocks dropped as incomplete or malformed: 0" in result.stdout
    )
    assert "one run per design point" in result.stderr, "no replicates: seed noise is not separable"
    got = pd.read_csv(tmp_path / "s.csv").set_index("parameter")
    import h5py

    y = []
    for i in range(len(design)):
        with h5py.File(tmp_path / f"runs/run_{i:06d}.h5", "r") as f:
            y.append(f["indicators/employment_rate"][-1, 0])
    x = design[["x1", "x2", "x3"]].to_numpy()
    expected, _ = SA.sobol_indices(
        design["block"],
        design["position"],
        np.array(y),
        ["x1", "x2", "x3"],
        unit=D.to_unit(x, ISHIGAMI),
        n_boot=200,
        seed=4,
    )
    for column in ("S1", "ST", "S1_low", "ST_high"):
        np.testing.assert_allclose(got[column], expected[column], rtol=1e-9, err_msg=column)
