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

from calculator.bilingual import shifted
from datafiles.errors import DataFileError
from datafiles.schema import locate
from datafiles.timeline import check_timeline

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


# The dated rules of durations.yaml (each with valid_from/valid_to), by key.
_DATED_LISTS = ("rates", "full_time_thresholds", "certificate_classes", "employer_self_service")


def _sourced(data: dict[str, Any]) -> list[tuple[Path, dict[str, Any], bool]]:
    """Every entry of durations.yaml that cites a source: its path, the entry, and whether it is dated."""
    found: list[tuple[Path, dict[str, Any], bool]] = [
        ([key, i], rule, True) for key in _DATED_LISTS for i, rule in enumerate(data[key])
    ]
    found += [(["dsp_rules", key], rule, True) for key, rule in data["dsp_rules"].items()]
    found.append((["full_time_capacity"], data["full_time_capacity"], True))
    found += [([key], data[key], False) for key in ("public_bodies", "sector_exception")]
    found += [(["workplace_duties", key], duty, False) for key, duty in data["workplace_duties"].items()]
    found += [(["facts", i], fact, False) for i, fact in enumerate(data["facts"])]
    return found


def _check_sourced(data: dict[str, Any], name: str, path: Path, rule: dict[str, Any], dated: bool) -> None:
    source_ids = {s["id"] for s in data["sources"]}
    refs: list[tuple[Path, str]] = [(["source", "id"], rule["source"]["id"])]
    refs += [(["source", "also", j, "id"], ref["id"]) for j, ref in enumerate(rule["source"].get("also", []))]
    for where, source_id in refs:
        if source_id not in source_ids:
            raise _fail(data, name, [*path, *where], f"unknown source {source_id!r}")
    if dated and rule["valid_to"] is not None and rule["valid_to"] < rule["valid_from"]:
        raise _fail(data, name, [*path, "valid_to"], "ends before valid_from")


def check_durations(data: dict[str, Any], name: str) -> None:
    for key in ("sources", "hazard_classes", "roles", "facts"):
        _unique(data, name, (([key, i, "id"], e["id"]) for i, e in enumerate(data[key])))
    for path, rule, dated in _sourced(data):
        _check_sourced(data, name, path, rule, dated)
    for i, rate in enumerate(data["rates"]):
        if rate["max_employees"] is not None and rate["max_employees"] < rate["min_employees"]:
            raise _fail(data, name, ["rates", i, "max_employees"], "smaller than min_employees")
    if data["covers_from"] > data["checked_on"]:
        raise _fail(data, name, ["covers_from"], "later than checked_on")
    check_timeline(data, name)


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
    for i, step in enumerate(data["steps"]):
        # A step that is not simply the institution's guide says where its facts come from.
        if step.get("confidence") in ("secondary", "unconfirmed") and "basis" not in step:
            raise _fail(data, name, ["steps", i, "confidence"], "a secondary or unconfirmed step needs its `basis`")


LABEL_REFERENCE = re.compile(r"\{([^{}]+)\}")


def check_labels(data: dict[str, Any], name: str, labels: dict[str, str]) -> None:
    """Every {Label} a step names exists in labels.yaml, and both languages name the same ones."""
    for i, step in enumerate(data["steps"]):
        texts: list[tuple[Path, dict[str, str]]] = [(["steps", i, "text"], step["text"])]
        texts += [(["steps", i, "notes", j], note) for j, note in enumerate(step.get("notes", []))]
        texts += [(["steps", i, "basis"], step["basis"])] if "basis" in step else []
        for path, text in texts:
            for lang in ("tr", "en"):
                for label in LABEL_REFERENCE.findall(text[lang]):
                    if label not in labels:
                        raise _fail(data, name, [*path, lang], f"unknown İSG-KATİP label {{{label}}} (not in labels.yaml)")
            if sorted(LABEL_REFERENCE.findall(text["tr"])) != sorted(LABEL_REFERENCE.findall(text["en"])):
                raise _fail(data, name, [*path, "en"], "names other İSG-KATİP labels than the Turkish text")


def screen_labels(screen: dict[str, Any]) -> list[str]:
    """Every label a screen of screens.yaml shows, in drawing order (calculator/screens.py draws them)."""
    found: list[str] = list(screen.get("tabs", []))
    for item in screen.get("items", []):
        found += [item["label"], *item.get("children", [])]
    found += [screen[key] for key in ("heading", "button") if key in screen]
    for key in ("subtabs", "actions", "columns", "choices"):
        found += screen.get(key, [])
    for section in screen.get("sections", []):
        found += [section[key] for key in ("heading",) if key in section] + section["fields"]
        found += [section[key] for key in ("button",) if key in section]
    return found


def check_screens(data: dict[str, Any], name: str, labels: dict[str, str]) -> None:
    """Unique screen ids, and every text a drawing shows is a label of labels.yaml."""
    _unique(data, name, ((["screens", i, "id"], screen["id"]) for i, screen in enumerate(data["screens"])))
    for i, screen in enumerate(data["screens"]):
        unknown = [label for label in screen_labels(screen) if label not in labels]
        if unknown:
            raise _fail(data, name, ["screens", i], f"unknown İSG-KATİP label {unknown[0]!r} (not in labels.yaml)")


def check_step_screens(data: dict[str, Any], name: str, screens: dict[str, Any]) -> None:
    """A step's screen exists, its target is drawn on it, and the step (or a note of it) names the target."""
    by_id = {screen["id"]: screen for screen in screens["screens"]}
    for i, step in enumerate(data["steps"]):
        named = LABEL_REFERENCE.findall(" ".join([step["text"]["tr"], *(n["tr"] for n in step.get("notes", []))]))
        for j, pointer in enumerate(step.get("screens", [])):
            path: Path = ["steps", i, "screens", j]
            if pointer["id"] not in by_id:
                raise _fail(data, name, [*path, "id"], f"no screen {pointer['id']!r} in screens.yaml")
            if pointer["target"] not in screen_labels(by_id[pointer["id"]]):
                raise _fail(data, name, [*path, "target"], f"{pointer['target']!r} is not drawn on screen {pointer['id']!r}")
            if pointer["target"] not in named:
                raise _fail(data, name, [*path, "target"], f"the step does not name {{{pointer['target']}}}")


def check_nace_list(data: list[dict[str, Any]], name: str) -> None:
    """Each code's states follow one another without overlap or gap; a successor starts the day after."""
    _unique(data, name, (([i, "valid_from"], f"{row['code']} {row['valid_from']}") for i, row in enumerate(data)))
    starts = {(row["code"], row["valid_from"]) for row in data}
    previous: dict[str, Any] = {}
    for i, row in enumerate(data):
        before = previous.get(row["code"])
        if row["valid_to"] and row["valid_to"] < row["valid_from"]:
            raise _fail(data, name, [i, "valid_to"], "ends before it starts")
        if before is not None and (not before["valid_to"] or shifted(before["valid_to"], 1) != row["valid_from"]):
            raise _fail(data, name, [i, "valid_from"], f"does not start the day after {row['code']}'s previous row ends")
        if row["successor"] and (not row["valid_to"] or (row["successor"], shifted(row["valid_to"], 1)) not in starts):
            raise _fail(data, name, [i, "successor"], f"{row['successor']} does not start the day after this row ends")
        previous[row["code"]] = row


def check_list_acts(rows: list[dict[str, Any]], name: str, acts: list[dict[str, Any]]) -> None:
    """Every act a row cites is one of nace_list.yaml's, and a row starts on its act's first day in force."""
    effective = {act["number"]: act["effective"] for act in acts}
    for i, row in enumerate(rows):
        for key in ("act", "ended_by"):
            if row[key] and row[key] not in effective:
                raise _fail(rows, name, [i, key], f"act {row[key]} is not in nace_list.yaml")
        if row["valid_from"] != effective[row["act"]]:
            raise _fail(rows, name, [i, "valid_from"], f"act {row['act']} took effect on {effective[row['act']]}")


def check_provenance(path: PathLike, rows: list[dict[str, Any]], provenance_path: PathLike, provenance_name: str) -> None:
    """The row count and checksum recorded by the refresh command still match the file."""
    from datafiles.yaml_reader import read_yaml

    provenance = read_yaml(pathlib.Path(provenance_path), provenance_name)
    digest = hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()
    if not isinstance(provenance, dict) or provenance.get("sha256") != digest or provenance.get("rows") != len(rows):
        raise DataFileError(
            provenance_name,
            f"does not describe {pathlib.Path(path).name} as it is (rows or sha256 differ): "
            "refresh the list with `python -m datafiles.nace_list`, never by hand",
            field="sha256",
        )


def check_unit_names(data: dict[str, Any], name: str, units: Iterable[str], listed: Iterable[str]) -> None:
    """Every entry names a row of the guide's Ek-1 or codes of the NACE list (`listed`: every code the list
    has had; a renumbered one is followed to its new number, calculator.lookup), under an id of its own,
    and no name stands for two entries (a finder would have to guess between them)."""
    known_units, in_force = set(units), set(listed)
    entries = data["entries"]
    _unique(data, name, ((["entries", i, "id"], e["id"]) for i, e in enumerate(entries)))
    owner: dict[str, str] = {}
    for i, entry in enumerate(entries):
        if "unit" in entry and entry["unit"] not in known_units:
            raise _fail(data, name, ["entries", i, "unit"], f"no Ek-1 row {entry['unit']!r} in nace.yaml")
        for j, code in enumerate(entry.get("codes", [])):
            if code not in in_force:
                raise _fail(data, name, ["entries", i, "codes", j], f"{code} is not in the NACE list")
        for lang in ("tr", "en"):
            for j, written in enumerate(entry[lang]):
                key = " ".join(written.casefold().split())
                if owner.setdefault(key, entry["id"]) != entry["id"]:
                    raise _fail(data, name, ["entries", i, lang, j], f"{written!r} is also a name of {owner[key]!r}")


def check_figures_log(data: dict[str, Any], name: str) -> None:
    """Newest first, as a log is read."""
    for i, (newer, older) in enumerate(itertools.pairwise(data["entries"]), start=1):
        if newer["changed"] < older["changed"]:
            raise _fail(data, name, ["entries", i, "changed"], "later than the entry before it (newest first)")


CHECKS: dict[str, Callable[[Any, str], None]] = {
    "durations": check_durations,
    "nace": check_nace,
    "procedure": check_procedure,
    "nace_list": check_nace_list,
    "figures_log": check_figures_log,
}
