"""Loads data/<name>.yaml: strict YAML, then schema, then cross-entry checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from datafiles.checks import (
    CHECKS,
    check_labels,
    check_list_acts,
    check_provenance,
    check_screens,
    check_step_screens,
    check_unit_names,
)
from datafiles.schema import validate
from datafiles.yaml_reader import read_csv, read_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def build_data_dir() -> Path:
    """The data folder a build reads: GUIDE_DATA_DIR when set (tests build from a changed copy), else data/.

    Every hook asks here, so that the pages and the calculator's data.json always come from one folder.
    """
    return Path(os.environ.get("GUIDE_DATA_DIR", DATA_DIR))


# The files the calculator needs, in the order they are read.
# (labels and screens: the calculator draws the assignment form filled in with its answer.)
CALCULATOR_FILES = ("durations", "nace", "nace_list", "nace_list_source", "nace_titles_en", "unit_names", "labels", "screens")
# The files only the site needs.
PROCEDURES = ("login", "contract", "upkeep")
# (figures_log: read and checked with the site, shown nowhere: the data's own history of its figures.)
SITE_FILES = ("contacts", "ui", "nace_sections", "nace_titles_source", "figures_log", *PROCEDURES)
# Files that share a schema; the rest use data/schema/<name>.schema.json.
SCHEMA_OF = {name: "procedure" for name in PROCEDURES}
# Files kept as CSV (one row a record), and the YAML file each is described in.
CSV_FILES = {"nace_list": "nace_list.yaml", "nace_titles_en": "nace_titles_en.yaml"}
# The YAML file each CSV's provenance is read from, under its own name.
FILE_OF = {"nace_list_source": "nace_list.yaml", "nace_titles_source": "nace_titles_en.yaml"}


def load_data_file(name: str, data_dir: Path = DATA_DIR) -> Any:
    """Returns the plain-dict content of data/<name>.yaml, or raises DataFileError."""
    if name in CSV_FILES:
        path = data_dir / f"{name}.csv"
        display_name = f"{data_dir.name}/{name}.csv"
        data: Any = read_csv(path, display_name)
    else:
        path = data_dir / FILE_OF.get(name, f"{name}.yaml")
        display_name = f"{data_dir.name}/{path.name}"
        data = read_yaml(path, display_name)
    schema = SCHEMA_OF.get(name, name)
    validate(data, schema, data_dir / "schema", display_name)
    check = CHECKS.get(schema)
    if check is not None:
        check(data, display_name)
    if name in CSV_FILES:
        check_provenance(path, data, data_dir / CSV_FILES[name], f"{data_dir.name}/{CSV_FILES[name]}")
    return data


def load_all(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The data the calculator package takes: {"durations": ..., "nace": ...}."""
    data = {name: load_data_file(name, data_dir) for name in CALCULATOR_FILES}
    check_screens(data["screens"], f"{data_dir.name}/screens.yaml", data["labels"]["labels"])
    check_list_acts(data["nace_list"], f"{data_dir.name}/nace_list.csv", data["nace_list_source"]["acts"])
    units = (unit["id"] for group in data["nace"]["groups"] for unit in group["units"])
    listed = (row["code"] for row in data["nace_list"])
    check_unit_names(data["unit_names"], f"{data_dir.name}/unit_names.yaml", units, listed)
    return data


def load_site(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Everything the site renders: the calculator's data and the site's own files."""
    data = load_all(data_dir)
    data.update({name: load_data_file(name, data_dir) for name in SITE_FILES})
    for name in PROCEDURES:
        check_labels(data[name], f"{data_dir.name}/{name}.yaml", data["labels"]["labels"])
        check_step_screens(data[name], f"{data_dir.name}/{name}.yaml", data["screens"])
    return data
