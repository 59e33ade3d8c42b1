"""Loads data/<name>.yaml: strict YAML, then schema, then cross-entry checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datafiles.checks import CHECKS, check_labels
from datafiles.schema import validate
from datafiles.yaml_reader import read_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The files the calculator needs, in the order they are read.
CALCULATOR_FILES = ("durations", "nace")
# The files only the site needs.
PROCEDURES = ("login", "contract")
SITE_FILES = ("labels", "contacts", "ui", *PROCEDURES)
# Files that share a schema; the rest use data/schema/<name>.schema.json.
SCHEMA_OF = {name: "procedure" for name in PROCEDURES}


def load_data_file(name: str, data_dir: Path = DATA_DIR) -> Any:
    """Returns the plain-dict content of data/<name>.yaml, or raises DataFileError."""
    path = data_dir / f"{name}.yaml"
    display_name = f"{data_dir.name}/{name}.yaml"
    data = read_yaml(path, display_name)
    schema = SCHEMA_OF.get(name, name)
    validate(data, schema, data_dir / "schema", display_name)
    check = CHECKS.get(schema)
    if check is not None:
        check(data, display_name)
    return data


def load_all(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The data the calculator package takes: {"durations": ..., "nace": ...}."""
    return {name: load_data_file(name, data_dir) for name in CALCULATOR_FILES}


def load_site(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Everything the site renders: the calculator's data and the site's own files."""
    data = load_all(data_dir)
    data.update({name: load_data_file(name, data_dir) for name in SITE_FILES})
    for name in PROCEDURES:
        check_labels(data[name], f"{data_dir.name}/{name}.yaml", data["labels"]["labels"])
    return data
