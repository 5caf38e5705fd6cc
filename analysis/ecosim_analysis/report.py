"""One self-contained HTML report: the scenarios' questions, the comparison tables and ranking,
the figures (PNG embedded as base64), and the runs' provenance (version, seeds, scenario
text). No JavaScript and no external resource: it opens from a file, offline, as it is."""
from __future__ import annotations

import base64
import datetime
import html
import pathlib
import re

import pandas as pd

from . import compare as C

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .85em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: right; }
th { background: #f0f0f0; } td.t, th.t { text-align: left; }
tr.first td { border-top: 2px solid #888; }
td.better { background: #e3f4e3; } td.worse { background: #fbe3e3; }
figure { margin: 1em 0 2em; } figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: .9em; color: #444; } pre { background: #f7f7f7; padding: .6em; overflow-x: auto; font-size: .8em; }
dl.indicators dt { font-weight: bold; font-family: monospace; } dl.indicators dd { margin: 0 0 .4em 1.5em; }
.note { color: #555; font-size: .9em; }
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _image(path) -> str:
    data = base64.b64encode(pathlib.Path(path).read_bytes()).decode("ascii")
    return f"data:image/png;base64,{data}"


def _table(
    cells: pd.DataFrame, text_columns=("indicator", "strategy", "horizon", "parameter", "output")
) -> str:
    head = "".join(
        f'<th class="{"t" if c in text_columns else ""}">{_e(c)}</th>' for c in cells.columns
    )
    rows = []
    for _, row in cells.iterrows():
        first = ' class="first"' if "indicator" in cells.columns and row["indicator"] else ""
        tds = []
        for c in cells.columns:
            cls = "t" if c in text_columns else ""
            if c == "clear" and row[c] in ("better", "worse"):
                cls = row[c]
            tds.append(f'<td class="{cls}">{_e(row[c])}</td>')
        rows.append(f"<tr{first}>" + "".join(tds) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _questions(runset) -> str:
    items = []
    for s in runset.strategies:
        infos = [i for i, strategy in zip(runset.infos, runset.runs["strategy"]) if strategy == s]
        questions = list(dict.fromkeys(i.question for i in infos if i.question))
        sources = sorted({i.scenario_source for i in infos})
        q = " / ".join(questions) if questions else "(the scenario text states no question)"
        items.append(f"<li><b>{_e(s)}</b> ({_e(', '.join(sources))}): {_e(q)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def natural_key(text):
    """Sort key that orders numbers inside names by value: run_2 before run_10."""
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", str(text))
    ]


def _span(values) -> str:
    values = sorted(set(map(str, values)), key=natural_key)
    return values[0] if len(values) == 1 else f"{values[0]} to {values[-1]}"


SEED_LINE = re.compile(r"^\s*seed\s*=.*$|simulation\.seed=\S+", re.MULTILINE)


def _provenance(runset) -> str:
    """One row per strategy (its runs, seeds, versions, when made, months), then its scenario
    texts and files, folded: a run per row drowned the strategies in their seeds."""
    runs = runset.runs
    rows, out = [], []
    for s in runset.strategies:
        mine = runs[runs["strategy"] == s]
        complete = int(mine["complete"].sum())
        rows.append(
            {
                "strategy": s,
                "runs": len(mine),
                "seeds": C._seed_list(sorted(set(mine["seed"]))),
                "ecosim version": ", ".join(sorted(set(mine["ecosim_version"]), key=natural_key)),
                "created": _span(mine["created"]),
                "months": _span(mine["months"]),
                "complete": "all" if complete == len(mine) else f"{complete} of {len(mine)}",
            }
        )
    out.append(
        _table(pd.DataFrame(rows), text_columns=("strategy", "seeds", "ecosim version", "created"))
    )
    for s in runset.strategies:
        texts = {}  # scenario text without its seed line -> (a text, [(seed, file)])
        for info, strategy, file in zip(runset.infos, runs["strategy"], runs["file"]):
            if strategy == s:
                key = SEED_LINE.sub("", info.scenario_text)
                texts.setdefault(key, (info.scenario_text, []))[1].append(
                    (info.seed, pathlib.Path(file).name)
                )
        for text, members in texts.values():
            seeds = C._seed_list(sorted({seed for seed, _ in members}))
            files = ", ".join(sorted((name for _, name in members), key=natural_key))
            note = (
                " (one run's text; the others differ only in their seed)"
                if len(members) > 1
                else ""
            )
            out.append(
                f"<details><summary>Scenario text of {_e(s)}, seeds {_e(seeds)}{_e(note)}</summary>"
                f'<p class="note">Files: {_e(files)}</p><pre>{_e(text)}</pre></details>'
            )
    return "\n".join(out)


KIND_WORDS = {
    "end": "its value in the horizon's last month",
    "sum": "its sum over the horizon's months",
    "mean": "its mean over the horizon's months",
}


def _indicators(metrics) -> str:
    """The glossary: what each indicator measures, from which dataset, how a horizon reduces it,
    its unit, and which direction is better."""
    items = []
    for m in metrics:
        direction = {1: "Higher is better.", -1: "Lower is better."}.get(m.better, "Not ranked.")
        if m.kind == "growth":
            how = (
                f"the growth of <code>{_e(m.source)}</code> over the horizon minus the mean growth of the "
                "other regions"
            )
        elif m.kind == "ratio":
            how = (
                f"<code>{_e(m.source)}</code> summed over the horizon, divided by "
                f"<code>{_e(m.denominator)}</code> summed over it"
            )
        else:
            how = f"<code>{_e(m.source)}</code>{_e(' [' + m.item + ']' if m.item else '')}: {_e(KIND_WORDS[m.kind])}"
        units = "a share or ratio (no unit)" if m.units in ("", "1") else f"in {_e(m.units)}"
        items.append(
            f"<dt>{_e(m.name)}</dt><dd>{_e(m.label)}, {units}: {how}. " f"{direction}</dd>"
        )
    return '<dl class="indicators">' + "".join(items) + "</dl>"


def build(
    runset,
    table: pd.DataFrame,
    metrics,
    figures,
    region: int = 0,
    title: str = "",
    level: float = 0.95,
) -> str:
    """The report's HTML text. figures: list of (path, caption)."""
    region_name = runset.regions[region]
    baseline = table["baseline"].iloc[0]
    title = title or f"ecosim strategies compared in {region_name}"
    versions = sorted(set(runset.runs["ecosim_version"]))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="note">{len(runset.runs)} runs of {len(runset.strategies)} strategies '
        f"({_e(', '.join(runset.strategies))}); region studied: {_e(region_name)}; baseline: {_e(baseline)}; "
        f"ecosim {_e(', '.join(versions))}; report made {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC "
        "by ecosim_analysis.</p>",
        "<h2>Questions</h2>",
        _questions(runset),
        "<h2>Indicators</h2>",
        _indicators(metrics),
        "<h2>Comparison</h2>",
    ]
    for line in C._describe(table, runset, level):
        parts.append(f'<p class="note">{_e(line.strip())}</p>')
    for horizon in dict.fromkeys(table["horizon"]):
        label = table.loc[table["horizon"] == horizon, "horizon_label"].iloc[0]
        cells = C.display_rows(table, horizon)
        cells.loc[cells["indicator"].duplicated(), "indicator"] = ""
        parts += [f"<h3>{_e(label)}</h3>", _table(cells)]
        parts.append(
            '<ul class="plain">'
            + "".join(f"<li>{_e(line)}</li>" for line in C.plain_lines(table, horizon))
            + "</ul>"
        )
    ranking = C.overall_ranking(table)
    if len(ranking):
        cells = ranking.assign(mean_rank=ranking["mean_rank"].map("{:.2f}".format))
        parts += [
            "<h3>Overall ranking</h3>",
            '<p class="note">Mean rank over the ranked indicators; 1 = best.</p>',
            _table(cells[["horizon", "position", "strategy", "mean_rank", "indicators", "firsts"]]),
        ]
    parts.append("<h2>Figures</h2>")
    for i, (path, caption) in enumerate(figures, start=1):
        parts.append(
            f'<figure id="figure-{i}"><img src="{_image(path)}" alt="{_e(caption)}">'
            f"<figcaption>Figure {i}. {_e(caption)}</figcaption></figure>"
        )
    parts += ["<h2>Provenance</h2>", _provenance(runset), "</body></html>"]
    return "\n".join(parts)


def standard_figures(runset, metrics, folder, region: int = 0, baseline: str | None = None):
    """The report's figures written into `folder`: [(path, caption)]."""
    from . import figures as F

    folder = pathlib.Path(folder)
    out = [
        (
            F.plot_paths(runset, metrics, folder / "paths.png", region),
            "Indicator paths: mean over runs per strategy with 95% Student-t bands.",
        )
    ]
    if len(runset.strategies) > 1:
        out.append(
            (
                F.plot_differences(runset, metrics, folder / "differences.png", baseline, region),
                "Each strategy minus the baseline, paired by seed (or sampled future): mean difference with "
                "its 95% band. A band clear of 0 is a difference the paired test sees, even where the "
                "strategies' own bands overlap.",
            )
        )
    out.append(
        (
            F.plot_funnel(runset, folder / "funnel.png", region),
            "Proposal funnel over the run: proposed, rejected by rule (stacked by rule), funded, succeeded, continued.",
        )
    )
    out.append(
        (
            F.plot_money(runset, folder / "money.png", region),
            "Public against private money committed to projects started.",
        )
    )
    out.append(
        (
            F.plot_trust(runset, folder / "trust.png", region),
            "The cooperation ladder: ties per firm on each rung over time, and the mean trust of those ties "
            "at the snapshot months (from ties/).",
        )
    )
    return out


def write(path, text: str) -> pathlib.Path:
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
