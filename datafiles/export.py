"""The calculator's data as one JSON document, for the browser and for
Pyodide tests: produced from data/*.yaml, never written by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datafiles.load import DATA_DIR, load_all


def calculator_json(data: Path | dict[str, Any] = DATA_DIR) -> str:
    """data.json: the calculator's files of a data folder, or of a dataset already loaded (the build's)."""
    loaded = load_all(data) if isinstance(data, Path) else data
    return json.dumps(loaded, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_calculator_json(target: Path, data_dir: Path = DATA_DIR) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(calculator_json(data_dir), encoding="utf-8")
    return target
