"""Figures are drawn and not blank; the HTML report is self-contained and renders in headless
Chromium (Debian's chromium + chromium-driver + python3-selenium) without console errors."""
import base64
import io
import re
import shutil
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from ecosim_analysis import figures as F  # noqa: E402
from ecosim_analysis import metrics as M  # noqa: E402
from analysis_helpers import cli  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


def test_blank_images_are_detected(tmp_path):
    fig = plt.figure(figsize=(2, 2))
    fig.savefig(tmp_path / "blank.png")
    plt.close(fig)
    assert F.is_blank(tmp_path / "blank.png")


def test_figures_are_produced_and_not_blank(strategy_runs, tmp_path):
    paths = strategy_runs["small"] + strategy_runs["small_open"]
    result = cli("figures", *paths, "--out", tmp_path / "figs")
    assert result.returncode == 0, result.stderr
    written = result.stdout.split()
    names = {p.rsplit("/", 1)[-1] for p in written}
    assert {"paths.png", "differences.png", "funnel.png", "money.png", "trust.png"} <= names
    assert {f"path_{m.name}.png" for m in M.HEADLINE} <= names
    for path in written:
        assert open(path, "rb").read(8) == b"\x89PNG\r\n\x1a\n", path
        assert not F.is_blank(path), path


@pytest.fixture(scope="module")
def report(strategy_runs, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    paths = strategy_runs["small"] + strategy_runs["small_open"]
    result = cli(
        "report",
        *paths,
        "-o",
        out,
        "--horizons",
        "year1,year2",
        "--title",
        "Small world & <open> rules",
    )
    assert result.returncode == 0, result.stderr
    return out


def test_report_is_self_contained(report):
    text = report.read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "<link" not in text.lower()
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:|#)""", text)
    assert "http://" not in text and "https://" not in text
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', text)
    assert len(images) == 5
    for data in images:
        image = plt.imread(io.BytesIO(base64.b64decode(data)), format="png")
        assert image.var() > 1e-4
    assert "Small world &amp; &lt;open&gt; rules" in text
    for metric in M.HEADLINE:
        assert metric.name in text and metric.label in text
    assert "What changes in the small world" in text  # the scenario's question
    assert "<details>" in text and "[policy.municipality]" in text  # scenario text in provenance
    assert "0.1.0" in text and "year 2 (months 13-24)" in text


def test_report_groups_provenance_by_strategy_and_reads_in_words(report):
    text = report.read_text(encoding="utf-8")
    provenance = text[text.index("<h2>Provenance</h2>") :]
    body = provenance[provenance.index("<tbody>") : provenance.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body)
    assert len(rows) == 2  # one per strategy, not one per run
    assert all(">3<" in row and ">1-3<" in row and ">all<" in row for row in rows)
    assert "Files: small_open_seed1.h5, small_open_seed2.h5, small_open_seed3.h5" in provenance
    # Each horizon's table is followed by a line per strategy in words.
    assert re.search(
        r"<li>small_open vs small, year 2: job growth against the competing regions", text
    )
    # The glossary says how a horizon reduces each indicator, and its unit.
    assert "<code>entries</code>: its sum over the horizon&#x27;s months" in text
    assert (
        "<code>public_money</code> summed over the horizon, divided by <code>projects_succeeded</code>"
        in text
    )
    assert "in t CO2e" in text and "Lower is better." in text


def test_natural_sort_puts_numbers_in_order():
    from ecosim_analysis.report import natural_key

    names = ["run_10.h5", "run_2.h5", "run_1.h5", "b", "a10", "a9"]
    assert sorted(names, key=natural_key) == ["a9", "a10", "b", "run_1.h5", "run_2.h5", "run_10.h5"]


def _browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("python3-selenium is not installed (scripts/setup.sh --test installs it)")
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip(
            "chromium and chromium-driver are not installed (scripts/setup.sh --test installs them)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='ecosim-chromium-')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def _not_blank(png: bytes) -> bool:
    image = plt.imread(io.BytesIO(png), format="png")
    return float(np.asarray(image)[..., :3].var()) > 1e-4


def test_report_renders_in_headless_chromium(report):
    browser = _browser()
    try:
        browser.get(report.resolve().as_uri())
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert not errors, errors
        images = browser.find_elements("css selector", "figure img")
        assert len(images) == 5
        for image in images:
            assert browser.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", image
            )
            assert image.size["width"] > 100 and image.size["height"] > 100
            assert _not_blank(image.screenshot_as_png), image.get_attribute("alt")
        assert _not_blank(browser.get_screenshot_as_png())
        body = browser.find_element("tag name", "body").text
        for metric in M.HEADLINE:
            assert metric.name in body and metric.label in body, metric.name
        assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        browser.quit()


def test_bands_stay_within_what_the_quantity_can_take():
    from ecosim_analysis import figures as F

    shares = np.array([[0.01, 0.98], [0.0, 1.0], [0.03, 0.97]])  # wide intervals near both ends
    mean, lo, hi = F.band(shares)
    assert lo[0] < 0 and hi[1] > 1, "unclipped, the t interval leaves [0, 1]"
    mean, lo, hi = F.band(shares, bounds=(0.0, 1.0))
    assert (lo >= 0).all() and (hi <= 1).all() and np.allclose(mean, shares.mean(axis=0))

    class Share:
        units, name = "1", "competence_gap"

    class Count:
        units, name = "firm", "new_firms"

    assert F._bounds(Share, shares) == (0.0, 1.0)
    assert F._bounds(Count, np.array([[3.0, 5.0]])) == (0.0, np.inf)
    assert F._bounds(Share, np.array([[-0.1, 0.2]])) == (-np.inf, np.inf)


def test_flow_paths_start_when_a_full_year_is_in_the_window(strategy_runs):
    import ecosim_analysis as ea

    runset = ea.load_runs(strategy_runs["small"])
    flow = next(m for m in M.HEADLINE if m.kind == "sum")
    series = M.path(flow, runset.data).transpose("run", "time").values
    assert np.isnan(series[:, :11]).all(), "no 12-month sum before month 12"
    raw = runset.data[flow.source].isel(region=0).transpose("run", "time").values
    np.testing.assert_allclose(series[:, 11], raw[:, :12].sum(axis=1))


def test_the_difference_paths_are_the_paired_differences(strategy_runs):
    import ecosim_analysis as ea

    runset = ea.load_runs(strategy_runs["small"] + strategy_runs["small_open"])
    metric = next(m for m in M.HEADLINE if m.name == "new_firms")
    diffs = F.paired_paths(runset, metric, "small")
    assert list(diffs) == ["small_open"] and diffs["small_open"].shape[0] == 3
    series = M.path(metric, runset.data).transpose("run", "time").values
    runs = runset.runs.reset_index(drop=True)
    for seed in (1, 2, 3):
        a = runs.index[(runs.strategy == "small_open") & (runs.seed == seed)][0]
        b = runs.index[(runs.strategy == "small") & (runs.seed == seed)][0]
        row = [k for k, s in enumerate(runs[runs.strategy == "small_open"].seed) if s == seed][0]
        np.testing.assert_array_equal(diffs["small_open"][row], series[a] - series[b])


def test_trust_by_rung_is_the_mean_trust_of_the_regions_ties(strategy_runs):
    import h5py

    path = strategy_runs["small"][0]
    months, trust = F.trust_by_rung(path, 0, 4)
    with h5py.File(path, "r") as f:
        t, g = f["ties"], f["firms"]
        region_of = {
            (int(m), int(u)): int(r)
            for m, u, r in zip(g["time"][()], g["uid"][()], g["region"][()])
        }
        rows = [
            (int(m), int(k), float(v))
            for m, h, k, v in zip(t["time"][()], t["holder"][()], t["rung"][()], t["trust"][()])
            if region_of.get((int(m), int(h))) == 0
        ]
    last = int(months[-1])
    for rung in range(4):
        values = [v for m, k, v in rows if m == last and k == rung]
        if values:
            assert trust[-1, rung] == pytest.approx(np.mean(values), rel=1e-6), rung
        else:
            assert np.isnan(trust[-1, rung])
    seen = trust[-1][np.isfinite(trust[-1])]
    assert len(seen) >= 2 and (np.diff(seen) > 0).all(), "higher rungs hold more trust"
