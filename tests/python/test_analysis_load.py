"""The loader reads what the C++ side wrote, and refuses bad files with one clear line."""
import shutil

import h5py
import numpy as np
import pytest

import ecosim_analysis as ea
from analysis_helpers import cli, synthetic_run


def test_values_read_equal_what_the_binary_wrote(strategy_runs):
    paths = strategy_runs["small"] + strategy_runs["small_open"]
    runset = ea.load_runs(paths)
    assert runset.data.sizes["run"] == 6
    assert runset.strategies == ["small", "small_open"]
    assert list(runset.runs["seed"]) == [1, 2, 3, 1, 2, 3]
    for i, path in enumerate(paths):
        with h5py.File(path, "r") as f:
            g = f["indicators"]
            assert runset.regions == list(g["region"].asstr()[()])
            np.testing.assert_array_equal(runset.data["time"].values, g["time"][()])
            for name, ds in g.items():
                if ds.attrs.get("CLASS") == b"DIMENSION_SCALE":
                    continue
                np.testing.assert_array_equal(
                    runset.data[name].isel(run=i).values, ds[()], err_msg=name
                )
                assert runset.data[name].attrs["units"] == ds.attrs["units"]
            assert (
                runset.infos[i].seed == f.attrs["seed"]
                and runset.infos[i].ecosim_version == f.attrs["ecosim_version"]
            )
            assert runset.infos[i].scenario_text == f.attrs["scenario"]
            assert runset.data["ties_by_rung"].dims == ("run", "time", "region", "rung")
            # Outcome counts by month of decision match the projects table.
            status, end, region = (f["projects"][c][()] for c in ("status", "end", "region"))
            status = np.array([s.decode() for s in status])
            done = (
                np.isin(status, ["completed", "continued"])
                & (end >= 1)
                & (end <= 24)
                & (region == 0)
            )
            assert runset.data["projects_succeeded"].isel(run=i, region=0).sum() == done.sum()


def test_runs_carry_strategy_seed_question_and_tidy_table(strategy_runs):
    runset = ea.load_runs(strategy_runs["small_open"][:2])
    info = runset.infos[0]
    assert info.strategy == "small_open" and info.complete and info.months == 24
    # ecosim rewrote the text of a scenario with a base; the question comes from the source file.
    assert info.question.startswith("What changes in the small world")
    assert set(runset.data["seed"].values) == {1, 2}
    assert list(runset.data["strategy"].values) == ["small_open", "small_open"]
    tidy = runset.tidy(["jobs", "ties_by_rung"])
    assert set(tidy.columns) >= {"run", "time", "region", "indicator", "value", "strategy", "seed"}
    assert len(tidy[tidy.indicator == "jobs"]) == 2 * 24 * 2
    assert len(tidy[tidy.indicator == "ties_by_rung"]) == 2 * 24 * 2 * 4


def test_unknown_groups_and_indicators_are_handled_generically(strategy_runs, tmp_path):
    path = tmp_path / "future.h5"
    shutil.copy(strategy_runs["small"][0], path)
    with h5py.File(path, "a") as f:
        f.create_group("snapshots").create_dataset("cash", data=np.zeros((3, 5)))
        f.create_group("a_future_group")
        g = f["indicators"]
        new = g.create_dataset("start_ups_per_capita", data=np.ones((24, 2)) * 0.5)
        new.attrs["units"] = "1/month"
        new.dims[0].attach_scale(g["time"])
        new.dims[1].attach_scale(g["region"])
        g.create_dataset("notes", data=np.arange(7))  # not over (time, region): ignored
    runset = ea.load_runs([path])
    assert "start_ups_per_capita" in runset.data and "notes" not in runset.data
    import ecosim_analysis.metrics as M

    metric = M.metric_for("start_ups_per_capita", runset.data)
    assert metric.kind == "sum"
    assert M.evaluate(metric, runset.data, M.parse_horizon("year2"))[0] == pytest.approx(6.0)


def _bad_files(source, folder):
    """name -> (path, expected words in the one-line error)."""
    files = {}
    text = folder / "notes.h5"
    text.write_text("this is not HDF5\n")
    files["foreign"] = (text, "not an HDF5 file")
    plain = folder / "plain.h5"
    with h5py.File(plain, "w") as f:
        f.create_dataset("x", data=[1, 2, 3])
    files["foreign_hdf5"] = (plain, "without group indicators/")
    cut = folder / "cut.h5"
    cut.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    files["truncated"] = (cut, "truncated HDF5 file")
    partial = folder / "partial.h5"
    shutil.copy(source, partial)
    with h5py.File(partial, "a") as f:
        del f.attrs["complete"]
    files["partial"] = (partial, "partial run file")
    newer = folder / "newer.h5"
    shutil.copy(source, newer)
    with h5py.File(newer, "a") as f:
        f.attrs["ecosim_version"] = "0.7.2"
    files["newer_version"] = (newer, "newer format: written by ecosim 0.7.2")
    fmt = folder / "format2.h5"
    shutil.copy(source, fmt)
    with h5py.File(fmt, "a") as f:
        f.attrs["format_version"] = 2
    files["format_version"] = (fmt, "newer format (format_version 2)")
    files["missing"] = (folder / "missing.h5", "no such file")
    garbled = folder / "garbled.h5"  # full length, but a dataset of the wrong shape and kind
    shutil.copy(source, garbled)
    with h5py.File(garbled, "a") as f:
        units = f["indicators/jobs"].attrs["units"]
        del f["indicators/jobs"]
        f["indicators/jobs"] = np.array([b"not", b"a", b"number"])
        f["indicators/jobs"].attrs["units"] = units
    files["garbled"] = (garbled, "damaged run file")
    return files


def test_bad_files_raise_one_line_errors(strategy_runs, tmp_path):
    for name, (path, words) in _bad_files(strategy_runs["small"][0], tmp_path).items():
        with pytest.raises(ea.RunFileError) as caught:
            ea.load_runs([path])
        assert words in str(caught.value), name
        assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_partial_files_read_with_allow_partial(tmp_path):
    path = synthetic_run(tmp_path / "p.h5", 1, {"jobs": [10.0, 20.0]}, months=5, complete=False)
    with pytest.warns(ea.AnalysisWarning, match="partial run file"):
        runset = ea.load_runs([path], allow_partial=True)
    assert runset.runs["complete"].tolist() == [False]


def test_command_line_gives_one_line_error_and_exit_code_2(strategy_runs, tmp_path, capsys):
    from ecosim_analysis.cli import main

    good = strategy_runs["small"][0]
    for name, (path, words) in _bad_files(good, tmp_path).items():
        if name in ("foreign", "truncated"):  # as a user runs it: a process of its own
            result = cli("compare", good, path)
            code, out, err = result.returncode, result.stdout, result.stderr
        else:
            code = main(["compare", str(good), str(path)])
            out, err = capsys.readouterr()
        assert code == 2, name
        assert err.strip() == err.strip().splitlines()[0], name
        assert err.startswith(f"ecosim-analysis: {path}: "), err
        assert words in err and "Traceback" not in err, name
        assert out == ""
    assert main(["info", *map(str, strategy_runs["small"]), str(tmp_path / "notes.h5")]) == 2
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 3 and "not an HDF5 file" in err


def test_every_command_has_help(capsys):
    from ecosim_analysis.cli import main

    for command in (
        "",
        "compare",
        "figures",
        "report",
        "info",
        "heatmap",
        "sensitivity",
        "robustness",
        "export-ema",
    ):
        with pytest.raises(SystemExit) as done:
            main([command, "--help"] if command else ["--help"])
        assert done.value.code == 0
        assert "usage: ecosim-analysis" in capsys.readouterr().out, command


def test_a_file_being_written_is_named_as_such(strategy_runs, tmp_path):
    import fcntl

    path = tmp_path / "running.h5.partial"
    shutil.copy(strategy_runs["small"][0], path)
    with open(path, "rb+") as held:  # the writer's lock, as a running ecosim holds it
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(ea.RunFileError, match="being written by a run in progress") as caught:
            ea.load_runs([path])
        assert "damaged" not in str(caught.value)
