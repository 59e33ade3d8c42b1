"""Deliberately broken copies of each data file: the loader must name the
file, the entry and the field, and never let a bare KeyError through."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from datafiles import DataFileError, load_all, load_data_file, load_site

Mutation = Callable[[dict[str, Any]], None]


def _mutate(folder: Path, name: str, change: Mutation) -> None:
    path = folder / f"{name}.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _unit(content: dict[str, Any], unit_id: str) -> dict[str, Any]:
    unit: dict[str, Any] = next(u for g in content["groups"] for u in g["units"] if u["id"] == unit_id)
    return unit


def _set_class(c: dict[str, Any]) -> None:
    _unit(c, "kazan-dairesi")["codes"][0]["hazard_class"] = "cok"


def _drop_english(c: dict[str, Any]) -> None:
    del _unit(c, "kantin")["name"]["en"]


def _duplicate_id(c: dict[str, Any]) -> None:
    _unit(c, "kantin")["id"] = "yemekhane"


def _bad_code(c: dict[str, Any]) -> None:
    _unit(c, "hvac-bakim")["codes"][0]["code"] = "43-22-06"


def _extra_field(c: dict[str, Any]) -> None:
    _unit(c, "kantin")["hazard"] = "az"


def _zero_minutes(c: dict[str, Any]) -> None:
    c["rates"][1]["minutes_per_employee"] = 0


def _unknown_source(c: dict[str, Any]) -> None:
    c["full_time_thresholds"][2]["source"]["id"] = "XYZ"


def _drop_threshold(c: dict[str, Any]) -> None:
    del c["full_time_thresholds"][4]


def _overlap(c: dict[str, Any]) -> None:
    c["rates"][7]["min_employees"] = 40


def _ends_before_start(c: dict[str, Any]) -> None:
    c["certificate_classes"][0]["valid_to"] = "2000-01-01"


def _bad_date(c: dict[str, Any]) -> None:
    c["rates"][0]["valid_from"] = "29.12.2012"


def _no_gazette_number(c: dict[str, Any]) -> None:
    del c["sources"][0]["gazette"]["number"]


def _dsp_label_missing(c: dict[str, Any]) -> None:
    del c["dsp_rules"]["min_employees"]["label"]["tr"]


def _rate_label_missing(c: dict[str, Any]) -> None:
    del c["rates"][3]["label"]["en"]


CASES = [
    ("nace", _set_class, 'groups[2].units[7] "kazan-dairesi"', "codes[0].hazard_class", "'cok' is not one of"),
    ("nace", _drop_english, 'groups[4].units[3] "kantin"', "name.en", "missing"),
    ("nace", _duplicate_id, 'groups[4].units[3] "yemekhane"', "id", "duplicate id 'yemekhane'"),
    ("nace", _bad_code, 'groups[2].units[2] "hvac-bakim"', "codes[0].code", "does not match"),
    ("nace", _extra_field, 'groups[4].units[3] "kantin"', None, "'hazard' was unexpected"),
    ("durations", _zero_minutes, "rates[1] (igu, tehlikeli)", "minutes_per_employee", "less than the minimum"),
    ("durations", _unknown_source, "full_time_thresholds[2] (igu, cok_tehlikeli)", "source.id", "unknown source 'XYZ'"),
    ("durations", _drop_threshold, "full_time_thresholds", None, "'isyeri_hekimi', hazard class 'tehlikeli'"),
    ("durations", _overlap, "rates[7] (dsp, cok_tehlikeli)", "min_employees", "overlaps"),
    ("durations", _ends_before_start, "certificate_classes[0] (az_tehlikeli)", "valid_to", "ends before"),
    ("durations", _bad_date, "rates[0] (igu, az_tehlikeli)", "valid_from", "does not match"),
    ("durations", _no_gazette_number, 'sources[0] "IGU"', "gazette.number", "missing"),
    ("durations", _rate_label_missing, "rates[3] (isyeri_hekimi, az_tehlikeli)", "label.en", "missing"),
    ("durations", _dsp_label_missing, None, "dsp_rules.min_employees.label.tr", "missing"),
]


@pytest.mark.parametrize("name, change, entry, field, problem", CASES, ids=[c[1].__name__ for c in CASES])
def test_broken_copy_names_file_entry_field(
    data_copy: Path, name: str, change: Mutation, entry: str | None, field: str | None, problem: str
) -> None:
    _mutate(data_copy, name, change)
    with pytest.raises(DataFileError) as caught:
        load_all(data_copy)
    error = caught.value
    assert error.file == f"data/{name}.yaml"
    assert error.entry == entry
    assert error.field == field
    assert problem in error.problem
    assert str(error).startswith(f"data/{name}.yaml")


def test_yaml_syntax_error_gives_line(data_copy: Path) -> None:
    path = data_copy / "nace.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[20] = "   : : broken ["
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"data/nace.yaml: line \d+, column \d+: YAML syntax error"):
        load_data_file("nace", data_copy)


def test_duplicate_keys_rejected(data_copy: Path) -> None:
    path = data_copy / "durations.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nchecked_on: 2020-01-01\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate key 'checked_on'"):
        load_data_file("durations", data_copy)


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "nace.yaml").unlink()
    with pytest.raises(DataFileError, match=r"data/nace\.yaml: file not found"):
        load_all(data_copy)


def test_not_utf8(data_copy: Path) -> None:
    (data_copy / "nace.yaml").write_bytes("groups: Ç".encode("latin-1"))
    with pytest.raises(DataFileError, match="not UTF-8"):
        load_all(data_copy)


def test_dates_stay_strings() -> None:
    data = load_all()
    assert isinstance(data["durations"]["checked_on"], str)
    assert isinstance(data["durations"]["rates"][0]["valid_from"], str)


def test_rules_say_how_well_they_are_sourced() -> None:
    durations = load_all()["durations"]
    # rules.md: the 11,700-minute figure is practitioners' arithmetic (UNCONFIRMED); today's minutes are
    # secondary quotations; certificate classes (6331 md. 8(5)) and the DSP exemption (md. 6(3)) primary.
    assert durations["full_time_capacity"]["confidence"] == "unconfirmed"
    assert durations["full_time_capacity"]["minutes"] == 11700
    assert {r["confidence"] for r in durations["rates"]} == {"secondary"}
    assert durations["dsp_rules"]["not_with_full_time_physician"]["confidence"] == "primary"
    current = [c for c in durations["certificate_classes"] if c["valid_to"] is None]
    assert {c["confidence"] for c in current} == {"primary"}


def test_the_figures_log_is_newest_first(data_copy: Path) -> None:
    path = data_copy / "figures_log.yaml"
    log = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(load_site(data_copy)["figures_log"]["entries"]) == len(log["entries"]) >= 2
    log["entries"].reverse()  # oldest first
    path.write_text(yaml.safe_dump(log, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match="newest first"):
        load_site(data_copy)
