"""The official list of every six-digit NACE code: look-up over all of it,
the cross-check of the guide's Ek-1 against it, and its refresh command."""

from __future__ import annotations

import csv
import io
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


def _all_rows() -> list[dict[str, str]]:
    with (DATA_DIR / "nace_list.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _rows() -> list[dict[str, str]]:
    """The rows in force today."""
    return [row for row in _all_rows() if not row["valid_to"]]


def test_every_code_found_with_its_class(calc: Calculator) -> None:
    rows = _rows()
    # The 2026 transcription's 2,141 codes in force (its README counts them so).
    assert len(rows) == 2141
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
    [
        ("öğrenci yurdu", "55.90.01"),
        ("ogrenci yurdu", "55.90.01"),
        ("OĞRENCİ YURTLARI", "55.90.01"),
        ("kreş", "88.91.01"),
        ("kres", "88.91.01"),
        ("veteriner", "75.00.04"),
        ("veterinerlik hizmetleri", "75.00.04"),
        ("matbaa mürekkebi", "20.30.90"),
        ("çamaşırhane", "96.10.02"),
        ("camasirhane", "96.10.02"),
    ],
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
    official = {r["code"]: r["hazard_class"] for r in data["nace_list"] if not r["valid_to"]}
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
    for known in [
        ("86.10.04", "ameliyathane"),
        ("85.40.02", "egitim-laboratuvari"),
        ("33.12.03", "kazan-dairesi"),
        ("86.91.01", "tibbi-laboratuvar"),
        ("86.90.1", "hastane-tibbi-laboratuvar"),
        ("72.10", "arge-laboratuvari"),
    ]:
        assert known in differing


def _plain_list(rows: list[dict[str, str]]) -> str:
    return "code,hazard_class,description_tr\n" + "".join(
        f'{r["code"]},{r["hazard_class"]},"{r["description_tr"]}"\n' for r in rows
    )


def test_refresh_round_trips(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    before = (folder / "nace_list.csv").read_bytes()
    provenance_before = (folder / "nace_list.yaml").read_text(encoding="utf-8")
    today = tmp_path / "today.csv"
    today.write_text(_plain_list(_rows()), encoding="utf-8")
    result = refresh(today, folder, "", "2026-12-07", act="33211")
    assert result.changes == []
    assert (folder / "nace_list.csv").read_bytes() == before
    assert (folder / "nace_list.yaml").read_text(encoding="utf-8") == provenance_before


def _cited(rows: list[dict[str, str]], acts: dict[str, str]) -> str:
    """Rows as the 2026 transcription writes them: an act and its date per row, a note for a renumbering."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "NACE Altılı Kod",
            "Faaliyet Tanımı",
            "Tehlike Sınıfı",
            "Son Mevzuat Tarihi",
            "Resmî Gazete Sayısı",
            "Değişiklik Notu",
            "Kaynak URL",
        ]
    )
    spelled = {"az_tehlikeli": "Az Tehlikeli", "tehlikeli": "Tehlikeli", "cok_tehlikeli": "Çok Tehlikeli"}
    for r in rows:
        day = ".".join(reversed(acts[r["act"]].split("-")))
        writer.writerow(
            [
                r["code"],
                r["description_tr"],
                spelled[r["hazard_class"]],
                day,
                r["act"],
                r.get("change", ""),
                "https://www.resmigazete.gov.tr/eskiler/2027/01/20270101-1.htm",
            ]
        )
    return out.getvalue()


def test_refresh_takes_an_amendment_dated_and_reports_it_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    acts = {"32840": "2025-03-13", "32906": "2025-05-21", "33211": "2026-04-01", "34000": "2027-01-01"}
    rows = {r["code"]: dict(r) for r in _rows()}
    rows["01.11.07"].update(hazard_class="cok_tehlikeli", act="34000")  # reclassified
    moved = rows.pop("01.11.12")
    rows["01.11.13"] = {**moved, "code": "01.11.13", "act": "34000", "change": "kod 01.11.12 → 01.11.13"}  # renumbered
    rows["99.00.01"] = {"code": "99.00.01", "hazard_class": "az_tehlikeli", "description_tr": "Yeni faaliyet", "act": "34000"}
    del rows["01.11.14"]  # removed, by no act named
    newer = tmp_path / "newer.csv"
    newer.write_text(_cited(sorted(rows.values(), key=lambda r: r["code"]), acts), encoding="utf-8")
    before = (folder / "nace_list.csv").read_bytes()

    assert refresh_main([str(newer), "--data", str(folder), "--source", "test list"]) == 0
    said = capsys.readouterr().out
    assert (folder / "nace_list.csv").read_bytes() == before  # reported, not written
    for line in ("reclassified: 1", "renumbered: 1", "added: 1", "removed: 1", "nothing written"):
        assert line in said
    assert refresh_main([str(newer), "--data", str(folder), "--source", "test list", "--write"]) == 0
    data = load_all(folder)
    new_act = next(a for a in data["nace_list_source"]["acts"] if a["number"] == "34000")
    assert (new_act["effective"], new_act["effective_confirmed"]) == ("2027-01-01", False)

    before_day, after_day = Calculator(data, on="2026-12-31"), Calculator(data, on="2027-01-01")
    assert before_day.lookup("01.11.07").list_entries[0].hazard_class == "tehlikeli"
    assert after_day.lookup("01.11.07").list_entries[0].hazard_class == "cok_tehlikeli"
    renumbered = after_day.lookup("01.11.12")
    assert [e.code for e in renumbered.list_entries] == ["01.11.13"]
    assert renumbered.change is not None and "01.11.13" in renumbered.change.message["en"]
    assert before_day.lookup("01.11.12").change is None
    removed = after_day.lookup("01.11.14")
    assert removed.list_entries == [] and removed.change is not None
    assert "unconfirmed" in removed.change.message["en"] and "01.01.2027" in removed.change.message["en"]
    assert before_day.lookup("99.00.01").list_entries == []
    assert after_day.lookup("99.00.01").list_entries[0].hazard_class == "az_tehlikeli"


def test_two_transcriptions_disagreeing_keep_the_higher_class_unconfirmed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    rows = [r for r in _rows() if r["act"] == "32840"][:3]
    rows[0] = {**rows[0], "hazard_class": "cok_tehlikeli"}
    other = tmp_path / "other.csv"
    other.write_text(_plain_list(rows), encoding="utf-8")
    result = refresh(other, folder, "", "2026-12-07", act="32840", write=False)
    changed = next(r for r in result.rows if r["code"] == rows[0]["code"] and not r["valid_to"])
    assert (changed["hazard_class"], changed["confidence"]) == ("cok_tehlikeli", "unconfirmed")
    assert [kind for kind, *_ in result.changes if kind == "disagrees"] == ["disagrees"]


@pytest.mark.parametrize(
    "content, entry, field",
    [
        ("code,hazard_class,description_tr\n01.11,az,x\n", "line 2", "code"),
        ("code,hazard_class,description_tr\n01.11.07,az_tehlikeli,x\n01.11.07,az_tehlikeli,y\n", "line 3", "code"),
        ("code,hazard_class,description_tr\n01.11.07,orta,x\n", "line 2", "hazard_class"),
        ("code,hazard_class,description_tr\n01.11.07,Az Tehlikeli,  \n", "line 2", "description_tr"),
        ("code,description_tr\n01.11.07,x\n", "header", None),
    ],
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
    rows = _all_rows()
    rows[0]["hazard_class"] = "cok_tehlikeli"
    (folder / "nace_list.csv").write_text(render(rows), encoding="utf-8")
    with pytest.raises(DataFileError, match="never by hand"):
        load_all(folder)


def test_titles_are_turkish_and_folded_search_finds_them() -> None:
    rows = _rows()
    assert all(r["description_tr"] == " ".join(r["description_tr"].split()) for r in rows)
    assert fold("Öğrenci ve işçi yurtları") == "ogrenci ve isci yurtlari"
