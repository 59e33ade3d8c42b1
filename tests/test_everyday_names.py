"""Finding units by the names a university's staff use: data/unit_names.yaml and the matching
rule's typos, exclusion clauses and ranking (calculator/matching.py, calculator/lookup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from calculator import Calculator
from calculator.lookup import LookupResult, NaceIndex
from calculator.matching import edits, searchable, word_score
from calculator.resolve import resolve
from datafiles.errors import DataFileError
from datafiles.load import load_all
from tests.everyday_names import EVERYDAY


def first_codes(found: LookupResult) -> list[str]:
    """The codes a finder shows, in its order: the guide's units and everyday names (the better
    group first), then the NACE list's codes."""
    units = [entry.code for unit in found.matches for entry in unit.codes]
    names = [code.code for suggestion in found.suggestions for code in suggestion.codes]
    guide = names + units if found.suggestions_first else units + names
    return list(dict.fromkeys([*guide, *(entry.code for entry in found.list_entries)]))


def test_everyday_names_find_their_code_among_the_first_five(calc: Calculator) -> None:
    assert len(EVERYDAY) >= 100
    missed = [(query, code, first_codes(calc.lookup(query))[:5]) for query, code in EVERYDAY]
    assert [m for m in missed if m[1] not in m[2]] == []


def test_the_vocabulary_has_the_names_a_university_uses(data: dict[str, Any], calc: Calculator) -> None:
    entries = data["unit_names"]["entries"]
    assert sum(len(e["tr"]) for e in entries) >= 150 and all(e["en"] for e in entries)
    # Every suggestion is in force today, with its class from the list and the notice that it is no registration.
    listed = calc.index.list_entries
    for suggestion in calc.index.suggestions:
        assert suggestion.notice["tr"].startswith("Rehberin önerisidir")
        assert all(listed[c.code].hazard_class == c.hazard_class for c in suggestion.codes)
    assert len(calc.index.suggestions) == sum("codes" in e for e in entries)


def _broken(folder: Path, change: Any) -> None:
    path = folder / "unit_names.yaml"
    names = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(names["entries"])
    path.write_text(yaml.safe_dump(names, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    "change, said",
    [
        (lambda e: e[0].update(unit="yok-boyle-birim"), "no Ek-1 row 'yok-boyle-birim'"),
        (lambda e: next(x for x in e if "codes" in x).update(codes=["99.99.99"]), "99.99.99 is not in the NACE list"),
        (lambda e: e[11]["tr"].append(e[12]["tr"][0]), "is also a name of"),
        (lambda e: e[13].update(id=e[14]["id"]), "duplicate id"),
    ],
)
def test_a_broken_vocabulary_is_refused_with_the_entry(data_copy: Path, change: Any, said: str) -> None:
    _broken(data_copy, change)
    with pytest.raises(DataFileError, match=r"unit_names\.yaml") as raised:
        load_all(data_copy)
    assert said in str(raised.value)


def test_an_office_name_in_a_sheet_is_the_guide_row_it_names(calc: Calculator) -> None:
    """One fact, one answer: a batch row naming a unit by an everyday name of an Ek-1 row is that row."""
    by_name = resolve(calc.rules, calc.index, {"unit": "Kütüphane hizmetleri"})
    for other in ("Merkez kütüphane", "MERKEZ KUTUPHANESI", "Central library"):
        found = resolve(calc.rules, calc.index, {"unit": other})
        assert (found.hazard_class, found.code, found.unit) == (by_name.hazard_class, by_name.code, by_name.unit)


def test_typos_of_one_or_two_letters_rank_last() -> None:
    assert word_score("laboratuari", "laboratuvari") == 1  # one letter missing
    assert word_score("misafirhnae", "misafirhane") == 1  # two letters swapped
    assert word_score("laboratuari", "laboratuvar") == 1  # two edits in a long word
    assert word_score("hastne", "hastane") == 1
    assert word_score("kazak", "kazan") == 0  # short words are too alike
    assert word_score("hastane", "hastane") > word_score("hastan", "hastane") > word_score("hastne", "hastane")
    assert edits("abc", "xyz", 1) == 2  # gives up past the limit


def test_an_exclusion_clause_is_not_searched() -> None:
    title = "Kamu kurumları tarafından verilen okul öncesi eğitim faaliyeti (gündüz bakım (kreş) faaliyetleri hariç)"
    assert searchable(title) == "kamu kurumlari tarafindan verilen okul oncesi egitim faaliyeti"
    # "A dahil, B, C hariç": A is searched, B and C are not.
    assert searchable("Fidan yetiştirilmesi (çim dahil, sebze fidesi, meyve fidanı hariç)") == "fidan yetistirilmesi cim dahil"
    # Outside parentheses only the clause that ends so.
    assert searchable("Bakım, onarım, boya hariç") == "bakim onarim"


def test_a_title_typed_whole_is_found_with_its_exclusion_clause(calc: Calculator) -> None:
    entry = calc.index.list_entries["85.10.01"]
    assert "kreş" in entry.title_tr and "85.10.01" not in [e.code for e in calc.lookup("kreş").list_entries]
    assert next(e.code for e in calc.lookup(entry.title_tr).list_entries) == "85.10.01"


def _tiny_index(titles: dict[str, str]) -> NaceIndex:
    rows = [{"code": code, "hazard_class": "tehlikeli", "description_tr": title} for code, title in titles.items()]
    return NaceIndex({"groups": []}, rows)


def test_making_or_building_a_thing_comes_after_running_it() -> None:
    index = _tiny_index({"42.99.05": "Yüzme havuzlarının inşaatı", "93.11.09": "Yüzme havuzlarının işletilmesi ve bakımı"})
    assert [e.code for e in index.lookup("yüzme havuzu").list_entries] == ["93.11.09", "42.99.05"]
    assert next(e.code for e in index.lookup("havuz inşaatı").list_entries) == "42.99.05"


def test_nothing_found_offers_the_nearest_words(calc: Calculator) -> None:
    found = calc.lookup("merkz yurdu")
    assert (found.matches, found.suggestions, found.list_entries) == ([], [], [])
    assert "merkez" in found.nearest and len(found.nearest) <= 3
    assert calc.lookup("xyzqw").nearest == []
