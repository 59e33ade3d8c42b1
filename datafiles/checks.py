"""Cross-entry checks a JSON Schema cannot express: ids that must exist,
ids that must be unique, rules that must cover every role and class."""

from __future__ import annotations

import hashlib
import itertools
import os
import pathlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from datafiles.errors import DataFileError
from datafiles.schema import locate

Path = list[str | int]
PathLike = str | os.PathLike[str]


def _fail(data: Any, display_name: str, path: Path, problem: str) -> DataFileError:
    entry, field = locate(data, path)
    return DataFileError(display_name, problem, entry=entry, field=field)


def _unique(data: Any, name: str, items: Iterable[tuple[Path, str]]) -> None:
    seen: dict[str, Path] = {}
    for path, value in items:
        if value in seen:
            raise _fail(data, name, path, f"duplicate id {value!r}")
        seen[value] = path


def _current(entries: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    return [(i, e) for i, e in enumerate(entries) if e.get("valid_to") is None]


def check_durations(data: dict[str, Any], name: str) -> None:
    for key in ("sources", "hazard_classes", "roles"):
        _unique(data, name, (([key, i, "id"], e["id"]) for i, e in enumerate(data[key])))
    source_ids = {s["id"] for s in data["sources"]}

    def check_source(path: Path, rule: dict[str, Any]) -> None:
        if rule["source"]["id"] not in source_ids:
            raise _fail(data, name, [*path, "source", "id"], f"unknown source {rule['source']['id']!r}")
        if rule["valid_to"] is not None and rule["valid_to"] < rule["valid_from"]:
            raise _fail(data, name, [*path, "valid_to"], "ends before valid_from")

    for key in ("rates", "full_time_thresholds", "certificate_classes"):
        for i, rule in enumerate(data[key]):
            check_source([key, i], rule)
    for key, rule in data["dsp_rules"].items():
        check_source(["dsp_rules", key], rule)
    check_source(["full_time_capacity"], data["full_time_capacity"])
    check_source(["employer_self_service"], data["employer_self_service"])

    for i, rate in enumerate(data["rates"]):
        if rate["max_employees"] is not None and rate["max_employees"] < rate["min_employees"]:
            raise _fail(data, name, ["rates", i, "max_employees"], "smaller than min_employees")

    classes = [c["id"] for c in data["hazard_classes"]]
    _require_one_each(data, name, "full_time_thresholds", ["igu", "isyeri_hekimi"], classes)
    _require_one_each(data, name, "certificate_classes", [None], classes)
    _require_bands(data, name, classes)


def _require_one_each(data: dict[str, Any], name: str, key: str, roles: list[str | None], classes: list[str]) -> None:
    current = _current(data[key])
    for role in roles:
        for hazard in classes:
            found = [i for i, e in current if e["hazard_class"] == hazard and e.get("role") == role]
            if len(found) != 1:
                who = f"role {role!r}, " if role else ""
                problem = f"{who}hazard class {hazard!r}: {len(found)} entries in force, expected exactly 1"
                raise DataFileError(name, problem, entry=key)


def _require_bands(data: dict[str, Any], name: str, classes: list[str]) -> None:
    """Every role's current bands for a class must not overlap; İGU and İH need one for every class."""
    current = _current(data["rates"])
    roles = [r["id"] for r in data["roles"]]
    for role in roles:
        for hazard in classes:
            bands = sorted(
                ((e["min_employees"], e["max_employees"], i) for i, e in current
                 if e["role"] == role and e["hazard_class"] == hazard),
                key=lambda b: b[0],
            )
            if not bands and role != "dsp":
                raise DataFileError(name, f"no rate in force for role {role!r}, hazard class {hazard!r}", entry="rates")
            for (_, high, _), (low, _, j) in itertools.pairwise(bands):
                if high is None or low <= high:
                    raise _fail(data, name, ["rates", j, "min_employees"], "overlaps the band before it")


def check_nace(data: dict[str, Any], name: str) -> None:
    _unique(data, name, ((["groups", g, "id"], group["id"]) for g, group in enumerate(data["groups"])))
    _unique(
        data,
        name,
        (
            (["groups", g, "units", u, "id"], unit["id"])
            for g, group in enumerate(data["groups"])
            for u, unit in enumerate(group["units"])
        ),
    )
    for g, group in enumerate(data["groups"]):
        for u, unit in enumerate(group["units"]):
            _unique(
                data,
                name,
                ((["groups", g, "units", u, "codes", c, "code"], e["code"]) for c, e in enumerate(unit["codes"])),
            )


def check_procedure(data: dict[str, Any], name: str) -> None:
    _unique(data, name, ((["steps", i, "id"], step["id"]) for i, step in enumerate(data["steps"])))


LABEL_REFERENCE = re.compile(r"\{([^{}]+)\}")


def check_labels(data: dict[str, Any], name: str, labels: dict[str, str]) -> None:
    """Every {Label} a step names exists in labels.yaml, and both languages name the same ones."""
    for i, step in enumerate(data["steps"]):
        texts: list[tuple[Path, dict[str, str]]] = [(["steps", i, "text"], step["text"])]
        texts += [(["steps", i, "notes", j], note) for j, note in enumerate(step.get("notes", []))]
        for path, text in texts:
            for lang in ("tr", "en"):
                for label in LABEL_REFERENCE.findall(text[lang]):
                    if label not in labels:
                        raise _fail(data, name, [*path, lang], f"unknown İSG-KATİP label {{{label}}} (not in labels.yaml)")
            if sorted(LABEL_REFERENCE.findall(text["tr"])) != sorted(LABEL_REFERENCE.findall(text["en"])):
                raise _fail(data, name, [*path, "en"], "names other İSG-KATİP labels than the Turkish text")


def check_nace_list(data: list[dict[str, Any]], name: str) -> None:
    _unique(data, name, (([i, "code"], row["code"]) for i, row in enumerate(data)))


def check_provenance(path: PathLike, rows: list[dict[str, Any]], provenance_path: PathLike, provenance_name: str) -> None:
    """The row count and checksum recorded by the refresh command still match the file."""
    from datafiles.yaml_reader import read_yaml

    provenance = read_yaml(pathlib.Path(provenance_path), provenance_name)
    digest = hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()
    if not isinstance(provenance, dict) or provenance.get("sha256") != digest or provenance.get("rows") != len(rows):
        raise DataFileError(
            provenance_name, f"does not describe {pathlib.Path(path).name} as it is (rows or sha256 differ): "
            "refresh the list with `python -m datafiles.nace_list`, never by hand", field="sha256")


CHECKS: dict[str, Callable[[Any, str], None]] = {
    "durations": check_durations,
    "nace": check_nace,
    "procedure": check_procedure,
    "nace_list": check_nace_list,
}
