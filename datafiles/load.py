"""Loads data/<name>.yaml: strict YAML, then schema, then cross-entry checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datafiles.checks import CHECKS
from datafiles.schema import validate
from datafiles.yaml_reader import read_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The files the calculator needs, in the order they are read.
CALCULATOR_FILES = ("durations", "nace")


def load_data_file(name: str, data_dir: Path = DATA_DIR) -> Any:
    """Returns the plain-dict content of data/<name>.yaml, or raises DataFileError."""
    path = data_dir / f"{name}.yaml"
    display_name = f"{data_dir.name}/{name}.yaml"
    data = read_yaml(path, display_name)
    validate(data, name, data_dir / "schema", display_name)
    check = CHECKS.get(name)
    if check is not None:
        check(data, display_name)
    return data


def load_all(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The data the calculator package takes: {"durations": ..., "nace": ...}."""
    return {name: load_data_file(name, data_dir) for name in CALCULATOR_FILES}
