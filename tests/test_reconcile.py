"""The monthly check (calculator.reconcile, `python -m calculator reconcile`) on exports the tests make
with İSG-KATİP's 46-column header (rules.md, "İSG-KATİP's contract screen")."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from calculator import Calculator
from calculator.reconcile import mask_tc, reconcile
from cli import main

HEADER = [
    "Sözleşme Süreç ID",
    "Sözleşme Adı",
    "Sözleşme ID",
    "Otomatik Güncelleme Onay İzni Var Mı",
    "Görevlendirilen Kişi TC Kimlik No",
    "Görevlendirilen Kişi Ad Soyad",
    "Görevlendirilen Kişi Sertifika Tipi",
    "Görevlendirilen Kişi Sertifika No",
    "Sözleşme Tipi",
    "Çalışma Süresi",
    "Çalışma Periyodu",
    "Hizmet Veren İşyeri ID ",
    "Hizmet Veren İşyeri Unvanı",
    "Hizmet Veren İşyeri SGK/DETSİS No",
    "Hizmet Veren İşyeri İli",
    "Hizmet Veren İşyeri Yetki Belgesi Tipi",
    "Hizmet Veren İşyeri Yetki Belgesi No",
    "Hizmet Alan İşyeri ID",
    "Hizmet Alan İşyeri Unvanı",
    "Hizmet Alan İşyeri SGK/DETSİS No",
    "Hizmet Alan İşyeri İli",
    "Hizmet Alan İşyeri Çalışan Sayısı",
    "Hizmet Alan İşyeri Tehlike Sınıfı",
    "Hizmet Alan İşyeri Nace Kodu",
    "Sözleşme Başlangıç Tarihi",
    "Sözleşme Bitiş Tarihi",
    "Sözleşme Statü",
    "Süre Güncelleme Kaydı Var Mı",
    "Sözleşme Onay Durumu",
    "Sözleşme Onay Tarihi",
    "Gezici Araç Plaka No",
    "İlgili Basit Tetkikler",
    "İlgili Ölçüm Metotları",
    "İlgili İş Ekipmanları",
    "Hizmet Alan İşyeri Onay Statüsü",
    "Hizmet Alan İşyeri Onay Tarihi",
    "Onaylayan Kişi Ad Soyad",
    "Görevlendirilen Kişi Onay Statüsü",
    "Görevlendirilen Kişi Onay Tarihi",
    "Sözleşme Tanımlanma Tarihi",
    "Tanımlayan Kişi Ad Soyad",
    "Sözleşmeyi Sonlandıran Ad Soyad",
    "Sözleşme Sonlandırılma Nedeni",
    "Sözleşme Mevzuata Uygun Mu",
    "Eski Sözleşme ID",
    "Lab. Raporu Var Mı",
]
IGU = "KAMU İŞYERİ İLE ÇALIŞANLARI ARASINDAKİ İŞ GÜVENLİĞİ UZMANI GÖREVLENDİRMESİ"
IH = "KAMU İŞYERİ İLE ÇALIŞANLARI ARASINDAKİ İŞYERİ HEKİMİ GÖREVLENDİRMESİ"
DSP = "KAMU İŞYERİ İLE ÇALIŞANLARI ARASINDAKİ DİĞER SAĞLIK PERSONELİ GÖREVLENDİRMESİ"
IN_FORCE, ENDED = "Sözleşme Devam Ediyor", "Sözleşme Sonlandırıldı"
WORKPLACES = {
    "W1": ("Merkez Kampüs Kazan Dairesi", "60", "Çok Tehlikeli", "35.30.22"),
    "W2": ("Rektörlük", "40", "Az Tehlikeli", "85.40.02"),
    "W3": ("Kimya Laboratuvarı", "120", "Tehlikeli", "72.10.01"),
}


def contract(
    contract_id: str,
    workplace: str,
    name: str,
    minutes: str,
    status: str = IN_FORCE,
    certificate: str = "",
    approval: str = "Onaylandı",
    tc: str = "12345678901",
) -> list[str]:
    title, employees, hazard, code = WORKPLACES[workplace]
    values = {
        "Sözleşme Adı": name,
        "Sözleşme ID": contract_id,
        "Görevlendirilen Kişi TC Kimlik No": tc,
        "Görevlendirilen Kişi Ad Soyad": "Ayşe Yılmaz",
        "Görevlendirilen Kişi Sertifika Tipi": certificate,
        "Çalışma Süresi": minutes,
        "Hizmet Alan İşyeri ID": workplace,
        "Hizmet Alan İşyeri Unvanı": title,
        "Hizmet Alan İşyeri SGK/DETSİS No": f"DETSIS-{workplace}",
        "Hizmet Alan İşyeri Çalışan Sayısı": employees,
        "Hizmet Alan İşyeri Tehlike Sınıfı": hazard,
        "Hizmet Alan İşyeri Nace Kodu": code,
        "Sözleşme Statü": status,
        "Sözleşme Onay Durumu": approval,
        "Sözleşme Mevzuata Uygun Mu": "Uygun",
    }
    return [values.get(name.strip(), "") for name in HEADER]


def export_lines() -> list[list[str]]:
    return [
        HEADER,
        contract("101", "W1", IGU, "2000", certificate="A Sınıfı"),  # 60 x 40 = 2,400 needed: raise it
        contract("102", "W1", IH, "900"),  # 60 x 15 = 900: covered
        contract("103", "W2", IGU, "400", certificate="C Sınıfı"),  # az 40 x 10: covered
        contract("104", "W2", IH, "200"),
        contract("105", "W2", IGU, "300", status=ENDED),  # ended: listed apart
        contract("106", "W3", IGU, "2400", certificate="C Sınıfı"),  # C may not serve tehlikeli today
        contract("107", "W3", IH, "1200", approval="Onay Bekliyor"),  # awaiting: not counted
        contract("108", "W3", DSP, "50", status="Beklemede"),
    ]  # a status nobody knows: reported


def export_workbook(folder: Path) -> Path:
    """The export as İSG-KATİP gives it: an XLSX named as its own files are."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in export_lines():
        sheet.append(line)
    path = folder / "ISG_HIZMET_SOZLESME_SURECI_DISA_AKTAR_1.xlsx"
    book.save(path)
    return path


def test_the_check_says_per_workplace_what_to_change(calc: Calculator) -> None:
    answer = reconcile(calc.rules, export_lines(), "en")
    places = {p["id"]: p for p in answer["workplaces"]}
    assert answer["summary"] == "2 of 3 workplaces need action."
    w1 = places["W1"]
    assert (w1["hazard_class"], w1["employees"], w1["employees_source"]) == ("cok_tehlikeli", 60, "export")
    assert w1["roles"]["igu"]["missing_minutes"] == 400 and w1["roles"]["isyeri_hekimi"]["missing_minutes"] == 0
    assert "raise contract 101 from 2,000 to 2,400 minutes" in " ".join(w1["actions"])
    # DSP: required in a very hazardous workplace of 60 and never assigned: a new assignment.
    assert w1["roles"]["dsp"]["missing_minutes"] == 900 and "create a new assignment of 900 minutes" in " ".join(w1["actions"])
    assert places["W2"]["actions"] == []
    w3 = places["W3"]
    assert [p["kind"] for p in w3["roles"]["igu"]["problems"]] == ["certificate"]
    # The physician's contract awaits approval: not counted, so the minutes are missing.
    assert w3["roles"]["isyeri_hekimi"]["assigned_minutes"] == 0
    assert answer["ended"] == [{"workplace": "W2", "contract_id": "105", "role": "igu"}]
    assert [u["column"] for u in answer["unread"]] == ["Sözleşme Statü"] and "Beklemede" in answer["unread"][0]["message"]
    assert answer["rules"]["confidence"] == "unconfirmed"


def test_the_offices_higher_count_governs(calc: Calculator) -> None:
    answer = reconcile(calc.rules, export_lines(), "tr", {"W2": 60, "DETSIS-W1": 30})
    places = {p["id"]: p for p in answer["workplaces"]}
    assert (places["W2"]["employees"], places["W2"]["employees_source"]) == (60, "office")
    assert places["W2"]["roles"]["igu"]["missing_minutes"] == 200
    # A lower count than İSG-KATİP's does not lower the requirement.
    assert (places["W1"]["employees"], places["W1"]["employees_source"]) == (60, "export")


def test_no_tc_number_is_ever_shown_whole(calc: Calculator, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert mask_tc("12345678901") == "123******01"
    source = export_workbook(tmp_path)
    out = tmp_path / "kontrol.csv"
    code = main(["reconcile", str(source), "--json", "--output", str(out)])
    printed = capsys.readouterr().out
    assert code == 1
    assert "12345678901" not in printed and "12345678901" not in out.read_text(encoding="utf-8")
    assert "Ayşe Yılmaz" not in printed
    answer = json.loads(printed)
    assert answer["workplaces"][0]["roles"]["igu"]["contracts"][0]["person"] == "123******01"


def test_a_file_that_is_not_the_export_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "birimler.csv"
    other.write_text("Birim;Çalışan\nKantin;10\n", encoding="utf-8")
    assert main(["reconcile", str(other), "--lang", "en"]) == 2
    said = capsys.readouterr().err
    assert "İSG Hizmet Sözleşmeleri export" in said and "“Sözleşme ID”" in said


def test_the_export_as_csv_reads_as_the_workbook(calc: Calculator) -> None:
    text = io.StringIO()
    for line in export_lines():
        text.write(";".join(line) + "\n")
    from calculator.reconcile import lines_of

    assert reconcile(calc.rules, lines_of(text.getvalue()), "en") == reconcile(calc.rules, export_lines(), "en")


def test_a_class_the_nace_list_gives_higher_is_used_and_said(calc: Calculator) -> None:
    listed = {code: entry.hazard_class for code, entry in calc.index.list_entries.items()}
    listed["85.40.02"] = "tehlikeli"  # as if the list gave the Rektörlük's code a higher class
    places = {p["id"]: p for p in reconcile(calc.rules, export_lines(), "en", listed=listed)["workplaces"]}
    assert places["W2"]["hazard_class"] == "tehlikeli" and "protects the worker" in places["W2"]["class_note"]
    assert places["W1"]["hazard_class"] == "cok_tehlikeli"  # never lowered by the list


def test_a_large_export_reports_its_progress(calc: Calculator) -> None:
    heard: list[tuple[int, int]] = []
    lines = [HEADER] + [contract(str(i), "W1", IGU, "100")[:] for i in range(3)]
    # 250 workplaces: the same contract under as many workplace ids.
    column = [name.strip() for name in HEADER].index("Hizmet Alan İşyeri ID")
    for i in range(250):
        row = contract(f"x{i}", "W1", IGU, "100")
        row[column] = f"P{i}"
        lines.append(row)
    reconcile(calc.rules, lines, "en", progress=lambda done, total: heard.append((done, total)))
    assert heard == [(100, 251), (200, 251)]


def test_readings_that_rest_on_no_source_are_marked_and_unknown_columns_said(calc: Calculator) -> None:
    lines = export_lines()
    column = {name.strip(): i for i, name in enumerate(HEADER)}
    # A full-time physician as the export might show it: a full month's minutes (the reading is unconfirmed).
    full = contract("201", "W2", IH, "11700")
    full[column["Sözleşme Tipi"]] = "TAM SÜRELİ"
    lines.append(full)
    answer = reconcile(calc.rules, lines, "en")
    w2 = next(p for p in answer["workplaces"] if p["id"] == "W2")
    physician = w2["roles"]["isyeri_hekimi"]
    assert physician["full_time_assigned"] == 1 and [c["full_time"] for c in physician["contracts"]] == [False, True]
    assert answer["rules"]["confidence"] == "unconfirmed" and "11,700" in answer["rules"]["full_time_reading"]
    # The contract type's values are reported, never read.
    unread = {u["column"]: u["values"] for u in answer["unread"]}
    assert unread["Sözleşme Tipi"] == {"TAM SÜRELİ": 1}
    # Where İSG-KATİP calls a contract "Uygun" and the check finds something missing, it is said.
    w1 = next(p for p in answer["workplaces"] if p["id"] == "W1")
    assert [p["kind"] for p in w1["roles"]["igu"]["problems"]] == ["katip_flag"]
