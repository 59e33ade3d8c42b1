"""The official list of every six-digit NACE code: look-up over all of it,
the cross-check of the guide's Ek-1 against it, and its refresh command."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

from calculator import Calculator
from calculator.crosscheck import AGREES, DIFFERS, NOT_IN_LIST, cross_check, disagreements
from calculator.text import fold
from datafiles import DATA_DIR, DataFileError, load_all
from datafiles.nace_list import main as refresh_main
from datafiles.nace_list import read_source, refresh, render


def _rows() -> list[dict[str, str]]:
    with (DATA_DIR / "nace_list.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_code_found_with_its_class(calc: Calculator) -> None:
    rows = _rows()
    assert len(rows) == 2152
    for row in rows:
        result = calc.lookup(row["code"])
        assert result.listed is True
        assert [(e.code, e.hazard_class) for e in result.list_entries] == [(row["code"], row["hazard_class"])]


def test_every_code_gives_minutes(calc: Calculator) -> None:
    for row in _rows()[::97]:
        result = calc.batch([{"unit": row["code"], "employees": 100}]).rows[0]
        assert result.result is not None and result.result.hazard_class == row["hazard_class"], row["code"]


def test_prefix_lists_every_code_under_it(calc: Calculator) -> None:
    result = calc.lookup("55.90")
    assert result.kind == "prefix"
    assert [e.code for e in result.list_entries] == [r["code"] for r in _rows() if r["code"].startswith("55.90.")]
    assert len(result.list_entries) == 4


@pytest.mark.parametrize(
    "query, code",
    [("öğrenci yurdu", "55.90.01"), ("ogrenci yurdu", "55.90.01"), ("OĞRENCİ YURTLARI", "55.90.01"),
     ("kreş", "85.10.01"), ("kres", "85.10.01"), ("veteriner", "75.00.04"), ("veterinerlik hizmetleri", "75.00.04"),
     ("matbaa", "20.30.90"), ("çamaşırhane", "96.10.02"), ("camasirhane", "96.10.02")],
)
def test_words_of_official_titles(calc: Calculator, query: str, code: str) -> None:
    found = [e.code for e in calc.lookup(query).list_entries]
    assert code in found[:6], (query, found[:6])


def test_ek1_units_come_first(calc: Calculator) -> None:
    result = calc.lookup("kazan")
    assert result.matches[0].unit_id == "kazan-dairesi"
    assert result.list_entries  # then the official titles with "kazan"


def test_missing_code_said_plainly(calc: Calculator) -> None:
    result = calc.lookup("99.99.99")
    assert result.matches == [] and result.list_entries == [] and result.listed is False
    guide_only = calc.lookup("86.90.1")
    assert guide_only.matches and guide_only.listed is False


def test_cross_check_equals_what_the_data_says(data: dict[str, Any], calc: Calculator) -> None:
    official = {r["code"]: r["hazard_class"] for r in data["nace_list"]}
    expected = []
    for group in data["nace"]["groups"]:
        for unit in group["units"]:
            for entry in unit["codes"]:
                listed = official.get(entry["code"])
                status = NOT_IN_LIST if listed is None else (AGREES if listed == entry["hazard_class"] else DIFFERS)
                expected.append((unit["id"], entry["code"], entry["hazard_class"], listed, status))
    checked = [(r.unit_id, r.code, r.guide_class, r.list_class, r.status) for r in cross_check(calc.index)]
    assert checked == expected
    differing = {(r.code, r.unit_id) for r in disagreements(calc.index)}
    # The ones the project knew of before computing them.
    for known in [("86.10.04", "ameliyathane"), ("85.40.02", "egitim-laboratuvari"), ("33.12.03", "kazan-dairesi"),
                  ("86.91.01", "tibbi-laboratuvar"), ("86.90.1", "hastane-tibbi-laboratuvar"), ("72.10", "arge-laboratuvari")]:
        assert known in differing


def test_refresh_round_trips(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    before = (folder / "nace_list.csv").read_bytes()
    provenance_before = (folder / "nace_list.yaml").read_text(encoding="utf-8")
    refresh(folder / "nace_list.csv", folder, "", "2026-11-25")
    assert (folder / "nace_list.csv").read_bytes() == before
    assert (folder / "nace_list.yaml").read_text(encoding="utf-8") == provenance_before
    assert len(load_all(folder)["nace_list"]) == 2152


def test_refresh_from_a_newer_list(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    newer = tmp_path / "newer.csv"
    newer.write_text("code,hazard_class,description_tr\n"
                     "02.10.01,Çok Tehlikeli *,Ormancılık  faaliyetleri\n"
                     "01.11.07,az tehlikeli,Baklagillerin yetiştirilmesi\n", encoding="utf-8")
    assert refresh_main([str(newer), "--data", str(folder), "--source", "test list", "--retrieved", "2027-01-31"]) == 0
    rows = load_all(folder)["nace_list"]
    assert [(r["code"], r["hazard_class"], r["description_tr"], r["note"]) for r in rows] == [
        ("01.11.07", "az_tehlikeli", "Baklagillerin yetiştirilmesi", "raw sinif='az tehlikeli'"),
        ("02.10.01", "cok_tehlikeli", "Ormancılık faaliyetleri", "raw sinif='Çok Tehlikeli *'"),
    ]
    assert "retrieved: '2027-01-31'" in (folder / "nace_list.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content, entry, field",
    [("code,hazard_class,description_tr\n01.11,az,x\n", "line 2", "code"),
     ("code,hazard_class,description_tr\n01.11.07,az_tehlikeli,x\n01.11.07,az_tehlikeli,y\n", "line 3", "code"),
     ("code,hazard_class,description_tr\n01.11.07,orta,x\n", "line 2", "hazard_class"),
     ("code,hazard_class,description_tr\n01.11.07,Az Tehlikeli,  \n", "line 2", "description_tr"),
     ("code,description_tr\n01.11.07,x\n", "header", None)],
)
def test_refresh_rejects_bad_rows_by_line(tmp_path: Path, content: str, entry: str, field: str | None) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_source(source)
    assert (caught.value.entry, caught.value.field) == (entry, field)


def test_hand_edit_is_caught(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    rows = _rows()
    rows[0]["hazard_class"] = "cok_tehlikeli"
    (folder / "nace_list.csv").write_text(render(rows), encoding="utf-8")
    with pytest.raises(DataFileError, match="never by hand"):
        load_all(folder)


def test_titles_are_turkish_and_folded_search_finds_them() -> None:
    rows = _rows()
    assert all(r["description_tr"] == " ".join(r["description_tr"].split()) for r in rows)
    assert fold("Öğrenci ve işçi yurtları") == "ogrenci ve isci yurtlari"
