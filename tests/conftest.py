"""Every test starts from the same, private environment, whatever runs beside it.

Under ``pytest -n auto`` tests of every folder run at once in several processes; none may
reach the data home, the theme or the API settings of the person running them, or of
another test.
"""

from __future__ import annotations

import pytest

# settings a developer may have exported, and the terminal size pytest-xdist's workers
# export (COLUMNS=80, LINES=24: an app started by a test would take that size); each test
# sets what it needs
OUTSIDE_SETTINGS = (
    "PPIO_API_KEY",
    "PPIO_BASE_URL",
    "NOVITA_API_KEY",
    "PPIO_ENDPOINT_THEME",
    "TEXTUAL_THEME",
    "COLUMNS",
    "LINES",
)


@pytest.fixture(autouse=True)
def private_data_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a folder of its own, not under tmp_path: tests that list tmp_path see only their files
    monkeypatch.setenv("PPIO_ENDPOINT_HOME", str(tmp_path_factory.mktemp("data-home")))
    for name in OUTSIDE_SETTINGS:
        monkeypatch.delenv(name, raising=False)
