from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from calculator import Calculator
from datafiles import DATA_DIR, load_all

ROOT = Path(__file__).resolve().parent.parent

# What makes a test costly, told by the fixtures it uses (directly or through another fixture), and
# the marker that says so: `scripts/test --quick` runs every test with none of them. Set here only.
COSTLY_FIXTURES = {
    "site_build": "build",
    "site_dir": "build",
    "site_builder": "build",
    "published_site": "build",
    "browser": "browser",
    "node": "node",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for name in getattr(item, "fixturenames", ()):
            marker = COSTLY_FIXTURES.get(name)
            if marker is not None and item.get_closest_marker(marker) is None:
                item.add_marker(marker)


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, with the pinned Pyodide installed (`npm ci`, which the test command runs)."""
    found = shutil.which("node")
    assert found, "Node.js is needed to run the calculator under Pyodide"
    assert (ROOT / "node_modules" / "pyodide").is_dir(), "run `npm ci` first (the test command does)"
    return found


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def data() -> dict[str, Any]:
    return load_all()


@pytest.fixture(scope="session")
def calc(data: dict[str, Any]) -> Calculator:
    return Calculator(data)


@pytest.fixture(scope="session")
def all_units(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [unit for group in data["nace"]["groups"] for unit in group["units"]]
