"""The test suite; ``REPO_ROOT`` is the checkout (README, bench/), never the installed package."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
