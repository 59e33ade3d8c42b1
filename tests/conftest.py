from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from calculator import Calculator
from datafiles import DATA_DIR, load_all


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
