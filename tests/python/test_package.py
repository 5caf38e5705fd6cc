"""The analysis package installs with pip from the checkout, with Debian's setuptools and no
network, and then works from any folder: `ecosim-analysis` on PATH, `import ecosim_analysis`."""
import importlib.util
import os
import re
import shutil
import subprocess

import pytest

from analysis_helpers import ANALYSIS, PYTHON, REPO


def test_version_is_the_projects():
    import ecosim_analysis

    cmake = (REPO / "CMakeLists.txt").read_text()
    assert (
        re.search(r"project\(ecosim VERSION (\S+)", cmake).group(1) == ecosim_analysis.__version__
    )


def test_pip_installs_the_package_into_a_virtual_environment(strategy_runs, tmp_path):
    for module, package in (
        ("pip", "python3-pip"),
        ("venv", "python3-venv"),
        ("wheel", "python3-wheel"),
    ):
        if importlib.util.find_spec(module) is None:
            pytest.fail(f"{package} is not installed (scripts/setup.sh installs it)")
    source = tmp_path / "analysis"  # a copy: pip builds in the source folder
    shutil.copytree(
        ANALYSIS, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    )
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_INDEX_URL")}
    subprocess.run(
        [PYTHON, "-m", "venv", "--system-site-packages", str(venv)],
        check=True,
        env=env,
        timeout=120,
    )
    install = subprocess.run(
        [
            str(venv / "bin" / "pip"),
            "install",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            str(source),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = venv / "bin" / "ecosim-analysis"
    assert command.is_file()
    result = subprocess.run(
        [str(command), "info", *map(str, strategy_runs["small"])],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("strategy small, seed") == 3
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import ecosim_analysis; print(ecosim_analysis.__file__, ecosim_analysis.__version__)",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
        check=True,
    ).stdout
    assert (
        where.startswith(str(venv))
        and where.split()[1] == __import__("ecosim_analysis").__version__
    )


def test_scripts_find_python_on_path_and_name_the_debian_packages_they_lack(tmp_path):
    """No script hard-codes an interpreter (the CMake cache's ECOSIM_PYTHON runs them in the
    tests); one started by an interpreter without Debian's modules says which packages to
    install, on one line, exit 2, instead of a traceback."""
    scripts = [REPO / "analysis" / "ecosim-analysis"] + sorted((REPO / "bench").glob("*.py"))
    scripts += sorted((REPO / "tests" / "e2e").glob("*.py"))
    for script in scripts:
        first = script.read_text().splitlines()[0]
        if first.startswith("#!"):
            assert first == "#!/usr/bin/env python3", f"{script.name}: {first}"
    bare = tmp_path / "bare"  # an interpreter with the standard library only
    subprocess.run([PYTHON, "-m", "venv", "--without-pip", str(bare)], check=True)
    for script, args in (
        (REPO / "analysis" / "ecosim-analysis", ["info"]),
        (REPO / "bench" / "analysis_cache.py", ["--help"]),
        (REPO / "tests" / "e2e" / "same_sweeps.py", ["a", "b"]),
    ):
        done = subprocess.run(
            [str(bare / "bin" / "python3"), str(script), *args], capture_output=True, text=True
        )
        assert done.returncode == 2, (script.name, done.stderr)
        assert "lacks the Python modules" in done.stderr and "python3-h5py" in done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
