"""The built wheel works on its own, installed outside the checkout as pipx or uv would.

The wheel is built from a copy of the sources (the checkout stays clean, and parallel runs
do not share a build folder) with the test environment's setuptools, without the network.
It goes into a fresh venv; the test environment's site-packages is added *after* the
venv's own, only to supply the dependencies, so ``tui_app`` must come from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests import REPO_ROOT

TEMPLATES = ["async-batch-worker", "comfyui", "faster-whisper", "sd-webui", "tgi", "vllm-openai"]
THEMES = ["ember", "high-contrast", "ppio-dark", "ppio-light", "terminal"]


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    shutil.copytree(
        REPO_ROOT / "tui_app", source / "tui_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    proc = _run([*build, "--no-index", "-w", str(wheels), str(source)], tmp_path, _clean_env())
    assert proc.returncode == 0, proc.stderr
    (wheel,) = wheels.glob("ppio_endpoint-*.whl")
    return wheel


def _clean_env(**extra: str) -> dict[str, str]:
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PIP_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    return env | {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"} | extra


def _venv_with(wheel: Path, venv: Path) -> Path:
    """A venv holding the wheel; the test environment's packages come after its own."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install"]
    proc = _run([*install, "--no-deps", "--no-index", str(wheel)], venv, _clean_env())
    assert proc.returncode == 0, proc.stderr
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        venv,
        _clean_env(),
    ).stdout.strip()
    # a .pth line is appended to sys.path after the venv's site-packages, and the .pth files
    # of that folder (the editable install of the checkout among them) are not processed
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    return _venv_with(_build_wheel(tmp), tmp / "venv")


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    (tmp_path / "home").mkdir()
    return tmp_path


def _env(cwd: Path) -> dict[str, str]:
    environ = _clean_env(PPIO_ENDPOINT_HOME=str(cwd / "home"))
    return {k: v for k, v in environ.items() if k not in ("PPIO_API_KEY", "PPIO_BASE_URL")}


def test_the_package_comes_from_the_wheel(installed: Path, cwd: Path) -> None:
    code = "import tui_app; print(tui_app.__file__)"
    proc = _run([str(installed / "bin" / "python"), "-c", code], cwd, _env(cwd))
    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()).is_relative_to(installed)


def test_presets_list_shows_the_six_templates(installed: Path, cwd: Path) -> None:
    proc = _run([str(installed / "bin" / "ppio-endpoint"), "presets", "list"], cwd, _env(cwd))
    assert proc.returncode == 0, proc.stderr
    rows = [line.split()[:2] for line in proc.stdout.splitlines()[1:]]
    assert [name for name, source in rows if source == "template"] == TEMPLATES


def test_validate_a_template_by_name(installed: Path, cwd: Path) -> None:
    cmd = [str(installed / "bin" / "ppio-endpoint"), "validate", "--json", "vllm-openai"]
    proc = _run(cmd, cwd, _env(cwd))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["valid"] is True


def test_the_shipped_themes_load_by_name(installed: Path, cwd: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from tui_app.ui.themes import load_themes; "
        "found = load_themes(Path(sys.argv[1])); print(sorted(found.themes), found.problems)"
    )
    cmd = [str(installed / "bin" / "python"), "-c", code, str(cwd / "home")]
    proc = _run(cmd, cwd, _env(cwd))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{THEMES} []"
