"""Run files to tidy tables: checks, provenance, and indicators stacked over runs.

A run file (docs/FORMAT.md) becomes a `RunInfo` (provenance: version, seed, scenario text and
question) and arrays over (time, region[, axis]). `load_runs` stacks many runs into one
`RunSet`: an xarray Dataset over (run, time, region, ...) whose `run` coordinates carry each
run's strategy, seed and parameters, plus a pandas table with one row per run.

Only what the contract fixes is assumed: indicators live in `indicators/` over (time, region)
or (time, region, axis); unknown groups and datasets are ignored, unknown indicators are read
like known ones. A file that is truncated, foreign, partial or newer than this package raises
`RunFileError`, whose message is one line.
"""
from __future__ import annotations

import dataclasses
import functools
import pathlib
import re
import warnings

import h5py
import numpy as np
import pandas as pd
import xarray as xr

# Newest ecosim major.minor whose run files this package was written against. Bump it with the
# loader when the format changes (docs/FORMAT.md); newer files are refused, not misread.
KNOWN_VERSION = (0, 1)
# Newest `format_version` root attribute understood (files without it are format 1).
KNOWN_FORMAT = 1

# Series derived from the projects/ table, by the month a project's outcome was decided.
DERIVED = {
    "projects_succeeded": "projects that reached their goals when their funding ended (completed or continued)",
    "projects_continued": "successful projects that live on after their funding, paid by their private side",
    "projects_failed": "projects that did not reach their goals",
    "projects_stopped": "projects stopped by the half-way review",
}


class RunFileError(Exception):
    """A file that cannot be analysed; str() is `FILE: reason` on one line."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


class AnalysisWarning(UserWarning):
    """Something the analysis skipped or assumed; the command line prints it on one line."""


@dataclasses.dataclass
class RunInfo:
    """Provenance of one run file (root attributes) and the strategy it belongs to."""

    path: pathlib.Path
    strategy: str
    scenario_source: str
    scenario_text: str
    question: str
    seed: int
    ecosim_version: str
    created: str
    steps: int
    record_every: int
    threads: int
    complete: bool
    months: int
    regions: list


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.ndarray) and value.size == 1:
        return _text(value.item())
    return str(value)


def _int(value, default=0) -> int:
    try:
        return int(np.asarray(value).item())
    except (TypeError, ValueError):
        return default


def strategy_name(scenario_source: str) -> str:
    """Default strategy name: the stem of the scenario file the run came from."""
    source = scenario_source.strip()
    if not source or source.startswith("<"):  # "<embedded default>"
        return "default"
    return pathlib.PurePath(source).stem


# Extra folders where scenario files are looked for by name (the command line's --scenario-dir).
SCENARIO_DIRS: list = []

_PROVENANCE_LINE = re.compile(r"^#\s.*(with its bases merged|, with overrides:)")
_QUESTION_HEADER = re.compile(r"^which question does this scenario answer\?\s*", re.IGNORECASE)


def _leading_comments(text: str) -> list:
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        lines.append(stripped)
    if lines and _PROVENANCE_LINE.match(lines[0]):
        lines = lines[1:]  # "# SOURCE with its bases merged ...": written by ecosim, not a question
    return lines


def question_from_text(text: str) -> str:
    """The question a scenario answers: its leading `#` lines, without the header sentence."""
    words = " ".join(line.lstrip("#").strip() for line in _leading_comments(text)).strip()
    return _QUESTION_HEADER.sub("", words).strip()


def scenario_question(text: str, source: str = "", near=None) -> str:
    """Question of a run's scenario. ecosim rewrites the text of a scenario with a base or
    --set overrides without its comments; then the source file is read, where it can be found
    (as given, or relative to the run file's folder and its parents)."""
    question = question_from_text(text)
    if question or not source or source.startswith("<"):
        return question
    candidates = [pathlib.Path(source)]
    if near is not None and not pathlib.Path(source).is_absolute():
        folder = pathlib.Path(near).resolve().parent
        candidates += [parent / source for parent in [folder, *list(folder.parents)[:3]]]
    candidates += [pathlib.Path(d) / pathlib.PurePath(source).name for d in SCENARIO_DIRS]
    for candidate in candidates:
        question = _question_of_file(str(candidate.absolute()))
        if question is not None:
            return question
    return ""


@functools.lru_cache(maxsize=256)
def _question_of_file(path: str):
    """Question of a scenario file, None when it cannot be read (cached: the runs of a sweep
    share a few scenario files)."""
    try:
        return question_from_text(pathlib.Path(path).read_text(encoding="utf-8"))
    except OSError:
        return None


def _version_tuple(version: str):
    match = re.match(r"\s*(\d+)\.(\d+)", version)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _open(path: pathlib.Path) -> h5py.File:
    if not path.exists():
        raise RunFileError(path, "no such file")
    if path.is_dir():
        raise RunFileError(path, "is a folder, not a run file")
    if not h5py.is_hdf5(path):
        raise RunFileError(path, "not an ecosim run file (not an HDF5 file)")
    try:
        return h5py.File(path, "r")
    except OSError as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "unable to lock file" in first:
            raise RunFileError(
                path,
                "being written by a run in progress (the file is locked); read it when the "
                "run has ended",
            ) from None
        kind = "truncated" if "truncated" in first else "damaged"
        raise RunFileError(path, f"{kind} HDF5 file, cannot be read ({first})") from None


def _check(path: pathlib.Path, f: h5py.File, allow_partial: bool):
    attrs = f.attrs
    fmt = _int(attrs.get("format_version", 1), default=10**9)
    if fmt > KNOWN_FORMAT:
        raise RunFileError(
            path,
            f"newer format (format_version {attrs['format_version']}) than this "
            f"ecosim_analysis reads ({KNOWN_FORMAT}); update analysis/",
        )
    if "indicators" not in f or not isinstance(f["indicators"], h5py.Group):
        raise RunFileError(path, "not an ecosim run file (HDF5 without group indicators/)")
    version = _text(attrs.get("ecosim_version", ""))
    parsed = _version_tuple(version)
    if parsed is None:
        raise RunFileError(path, "not an ecosim run file (no ecosim_version attribute)")
    if parsed > KNOWN_VERSION:
        known = ".".join(map(str, KNOWN_VERSION))
        raise RunFileError(
            path,
            f"newer format: written by ecosim {version}, this ecosim_analysis "
            f"reads files up to {known}.x; update analysis/",
        )
    indicators = f["indicators"]
    if "time" not in indicators or "region" not in indicators:
        raise RunFileError(path, "not an ecosim run file (indicators/ lacks time or region)")
    complete = _int(attrs.get("complete", 0)) == 1 and not path.name.endswith(".partial")
    if not complete:
        months = indicators["time"].shape[0]
        steps = _int(attrs.get("steps", 0))
        if not allow_partial:
            raise RunFileError(path, partial_reason(months, steps))
        warnings.warn(
            f"{path}: partial run file, {months} of {steps} months", AnalysisWarning, stacklevel=3
        )
    return complete


def read_columns(group: h5py.Group) -> dict:
    """Every dataset of an HDF5 group of table columns (a sweep index, the summary cache), text
    decoded: name -> array."""
    columns = {}
    for name, ds in group.items():
        values = ds[()]
        if values.dtype.kind in "OS":
            values = np.array(
                [v.decode() if isinstance(v, bytes) else str(v) for v in values], dtype=object
            )
        columns[name] = values
    return columns


def partial_reason(months: int, steps: int) -> str:
    return (
        f"partial run file: the run did not finish ({months} of {steps} months recorded, no 'complete' "
        "attribute); --allow-partial reads it anyway"
    )


def _info(path: pathlib.Path, f: h5py.File, complete: bool) -> RunInfo:
    attrs = f.attrs
    source = _text(attrs.get("scenario_source", ""))
    text = _text(attrs.get("scenario", ""))
    g = f["indicators"]
    return RunInfo(
        path=path,
        strategy=strategy_name(source),
        scenario_source=source,
        scenario_text=text,
        question=scenario_question(text, source, near=path),
        seed=_int(attrs.get("seed", -1), -1),
        ecosim_version=_text(attrs.get("ecosim_version", "")),
        created=_text(attrs.get("created", "")),
        steps=_int(attrs.get("steps", 0)),
        record_every=_int(attrs.get("record_every", 1), 1),
        threads=_int(attrs.get("threads", 0)),
        complete=complete,
        months=int(g["time"].shape[0]),
        regions=[_text(r) for r in g["region"][()]],
    )


def run_info(path, allow_partial: bool = False) -> RunInfo:
    """Check a run file and return its provenance; raises RunFileError."""
    path = pathlib.Path(path)
    with _open(path) as f:
        try:
            return _info(path, f, _check(path, f, allow_partial))
        except (OSError, KeyError, ValueError) as error:
            raise RunFileError(path, f"damaged run file ({error})") from None


_THIRD_AXIS: dict = {}  # dataset name -> name of its third dimension (the layout is stable)


def _third_axis(name: str, ds: h5py.Dataset) -> str:
    if name not in _THIRD_AXIS:
        scales = ds.dims[2]
        _THIRD_AXIS[name] = scales[0].name.rsplit("/", 1)[-1] if len(scales) else f"{name}_axis"
    return _THIRD_AXIS[name]


def _is_scale(ds: h5py.Dataset) -> bool:
    return _text(ds.attrs.get("CLASS", b"")) == "DIMENSION_SCALE"


def _read_indicators(f: h5py.File, names=None):
    """(variables, coords): variables name -> (dims, array, attrs) over (time, region[, axis]);
    names: only these datasets (None: every one)."""
    g = f["indicators"]
    time = g["time"][()].astype(np.int64)
    coords = {"time": time, "region": np.array([_text(r) for r in g["region"][()]], dtype=object)}
    variables = {}
    items = g.items() if names is None else ((n, g[n]) for n in names if n in g)
    for name, ds in items:
        if not isinstance(ds, h5py.Dataset) or _is_scale(ds) or name in coords:
            continue
        ours = "units" in ds.attrs  # ecosim writes a unit on every indicator
        if (
            ds.ndim not in (2, 3)
            or ds.shape[:2] != (len(time), len(coords["region"]))
            or ds.dtype.kind not in "fiub"
        ):
            if ours:  # one of ecosim's indicators, yet not numbers over (time, region[, axis])
                raise ValueError(
                    f"indicators/{name} holds {ds.dtype} of shape {ds.shape}, not numbers over "
                    f"({len(time)} months, {len(coords['region'])} regions)"
                )
            continue  # not an indicator over (time, region[, axis]): not ours to interpret
        dims = ("time", "region")
        if ds.ndim == 3:
            axis = _third_axis(name, ds)
            if axis not in coords:
                labels = g[axis][()] if axis in g else np.arange(ds.shape[2])
                coords[axis] = np.array([_text(v) for v in labels], dtype=object)
            if len(coords[axis]) != ds.shape[2]:
                continue
            dims = dims + (axis,)
        attrs = {k: _text(ds.attrs[k]) for k in ("units", "description") if k in ds.attrs}
        variables[name] = (dims, ds[()].astype(np.float64), attrs)
    return variables, coords


def _derived_from_projects(f: h5py.File, time: np.ndarray, regions: int):
    """Outcome counts per month of decision and lead region, from projects/ (NaN if absent)."""
    shape = (len(time), regions)
    out = {name: np.full(shape, np.nan) for name in DERIVED}
    if "projects" not in f:
        return out
    t = f["projects"]
    try:
        status = np.array([_text(s) for s in t["status"][()]], dtype=object)
        end, region = t["end"][()].astype(np.int64), t["region"][()].astype(np.int64)
    except KeyError:
        return out
    row = {int(m): i for i, m in enumerate(time)}
    select = {
        "projects_succeeded": np.isin(status, ["completed", "continued"]),
        "projects_continued": status == "continued",
        "projects_failed": status == "failed",
        "projects_stopped": status == "stopped_at_review",
    }
    for name, mask in select.items():
        counts = np.zeros(shape)
        for month, reg in zip(end[mask], region[mask]):
            i = row.get(int(month))
            if i is not None and 0 <= reg < regions:
                counts[i, reg] += 1
        out[name] = counts
    return out


def read_run(path, allow_partial: bool = False, names=None):
    """(RunInfo, variables, coords) of one run; see _read_indicators for the layout. names: only
    these indicators (and series derived from projects/), for readers that need a few."""
    path = pathlib.Path(path)
    with _open(path) as f:
        try:
            complete = _check(path, f, allow_partial)
            info = _info(path, f, complete)
            variables, coords = _read_indicators(f, names)
            derived = {}
            if names is None or any(n in DERIVED for n in names):
                derived = _derived_from_projects(f, coords["time"], len(coords["region"]))
        except RunFileError:
            raise
        except Exception as error:  # h5py raises many kinds on damaged bytes: each is one line here
            raise RunFileError(
                path,
                f"damaged run file ({type(error).__name__}: " f"{' '.join(str(error).split())})",
            ) from None
    for name, values in derived.items():
        if names is not None and name not in names:
            continue
        variables.setdefault(
            name,
            (
                ("time", "region"),
                values,
                {"units": "project/month", "description": DERIVED[name] + " (from projects/)"},
            ),
        )
    return info, variables, coords


def single_run_dataset(info: RunInfo, variables: dict, coords: dict) -> xr.Dataset:
    """One run as load_runs stacks it (dims run, time, region, ...; coords steps and complete),
    without the table of runs: for readers that evaluate metrics one file at a time."""
    data_vars = {
        name: (("run",) + dims, values[None], attrs)
        for name, (dims, values, attrs) in variables.items()
    }
    return xr.Dataset(
        data_vars,
        coords={
            **coords,
            "run": [0],
            "steps": ("run", [info.steps]),
            "complete": ("run", [info.complete]),
        },
    )


@dataclasses.dataclass
class RunSet:
    """Runs stacked along `run`: `data` (xarray, dims run, time, region, ...) and `runs`
    (pandas, one row per run: file, strategy, seed, future, parameters, provenance)."""

    data: xr.Dataset
    runs: pd.DataFrame
    infos: list

    @property
    def strategies(self) -> list:
        return list(dict.fromkeys(self.runs["strategy"]))

    @property
    def regions(self) -> list:
        return [str(r) for r in self.data["region"].values]

    def region_index(self, region) -> int:
        """Index of a region given by name or number (None: the studied region, 0)."""
        if region is None:
            return 0
        names = self.regions
        if str(region) in names:
            return names.index(str(region))
        if str(region).lstrip("-").isdigit() and -len(names) <= int(region) < len(names):
            return int(region) % len(names)
        raise ValueError(f"no region {region!r}; the runs have {', '.join(names)}")

    def prepare(self, metrics, horizons, region: int = 0) -> None:
        """Nothing to do: every indicator is in memory (see SweepRuns.prepare)."""

    def values(self, metric, horizon, region: int = 0) -> np.ndarray:
        """One value per run of a metric over a horizon (metrics.evaluate)."""
        from . import metrics as M

        return M.evaluate(metric, self.data, horizon, region)

    def subset(self, mask) -> "RunSet":
        mask = np.asarray(mask, dtype=bool)
        runs = self.runs[mask]
        return RunSet(
            self.data.isel(run=np.flatnonzero(mask)),
            runs,
            [i for i, keep in zip(self.infos, mask) if keep],
        )

    def tidy(self, names=None) -> pd.DataFrame:
        """Long table: one row per run, time, region (and axis item) and indicator."""
        names = names or [n for n in self.data.data_vars]
        frames = []
        for name in names:
            frame = self.data[name].reset_coords(drop=True).to_dataframe(name="value").reset_index()
            frame.insert(0, "indicator", name)
            frames.append(frame)
        long = pd.concat(frames, ignore_index=True)
        provenance = {
            "file",
            "scenario_source",
            "ecosim_version",
            "created",
            "steps",
            "months",
            "record_every",
            "complete",
            "future",
        }
        meta = (
            self.runs[[c for c in self.runs.columns if c not in provenance]]
            .rename_axis("run")
            .reset_index()
        )
        return long.merge(meta, on="run", how="left")


def load_runs(paths, strategies=None, allow_partial: bool = False, extra=None) -> RunSet:
    """Stack run files into a RunSet.

    strategies: one name per path (default: each file's scenario stem). extra: optional
    DataFrame, one row per path, whose columns (parameters, sweep index fields) are attached to
    the runs. Runs may differ in length (missing months are NaN) but not in their regions.
    """
    paths = [pathlib.Path(p) for p in paths]
    if not paths:
        raise ValueError("no run files given")
    loaded = [read_run(p, allow_partial) for p in paths]
    regions = list(loaded[0][2]["region"])
    for info, _, coords in loaded[1:]:
        if list(coords["region"]) != regions:
            raise RunFileError(
                info.path,
                f"regions {list(coords['region'])} differ from {regions} "
                f"of {loaded[0][0].path}; compare runs of the same regions",
            )
    times = np.unique(np.concatenate([c["time"] for _, _, c in loaded]))
    coords = {"time": times}
    for _, _, c in loaded:
        for k, v in c.items():
            coords.setdefault(k, v)
    names = list(dict.fromkeys(n for _, variables, _ in loaded for n in variables))
    data_vars = {}
    for name in names:
        dims, attrs = next(
            (v[0], v[2]) for _, variables, _ in loaded for k, v in variables.items() if k == name
        )
        shape = (len(paths), len(times)) + tuple(len(coords[d]) for d in dims[1:])
        stacked = np.full(shape, np.nan)
        for i, (_, variables, c) in enumerate(loaded):
            if name in variables and variables[name][1].shape[1:] == shape[2:]:
                stacked[i, np.searchsorted(times, c["time"])] = variables[name][1]
        data_vars[name] = (("run",) + dims, stacked, attrs)
    infos = [info for info, _, _ in loaded]
    sparse = [i for i in infos if i.record_every > 1]
    if sparse:
        warnings.warn(
            f"{len(sparse)} runs record a row every {max(i.record_every for i in sparse)} months: flows "
            "summed over a horizon count the recorded months only",
            AnalysisWarning,
            stacklevel=2,
        )
    runs = pd.DataFrame(
        {
            "file": [str(i.path) for i in infos],
            "strategy": list(strategies) if strategies is not None else [i.strategy for i in infos],
            "seed": [i.seed for i in infos],
            "scenario": [i.strategy for i in infos],
            "scenario_source": [i.scenario_source for i in infos],
            "ecosim_version": [i.ecosim_version for i in infos],
            "created": [i.created for i in infos],
            "steps": [i.steps for i in infos],
            "months": [i.months for i in infos],
            "record_every": [i.record_every for i in infos],
            "complete": [i.complete for i in infos],
        }
    )
    runs["future"] = ""
    if extra is not None:
        extra = extra.reset_index(drop=True)
        for column in extra.columns:
            if column not in runs.columns:  # file, strategy and seed come from the files
                runs[column] = extra[column].values
    runs.index.name = "run"
    coords_run = {
        c: ("run", runs[c].values)
        for c in runs.columns
        if runs[c].dtype.kind in "iufb" or c in ("strategy", "file", "scenario", "future")
    }
    coords_run = {
        c: ("run", v[1].astype(str) if v[1].dtype.kind == "O" else v[1])
        for c, v in coords_run.items()
    }
    data = xr.Dataset(data_vars, coords={**coords, "run": np.arange(len(paths)), **coords_run})
    data["time"].attrs.update(units="month", description="months simulated (1 = the first month)")
    return RunSet(data, runs, infos)
