"""Excel workbooks: a sheet's cells read as the page reads a paste, the table written with every
figure a number and no text a formula, openpyxl imported only when a workbook is used."""

from __future__ import annotations

import base64
import datetime
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from calculator import Calculator
from calculator.api import Service
from calculator.batch_table import batch_table
from calculator.csv_batch import InvalidCsv, cells_text, parse_rows
from calculator.xlsx import MAX_FILE_BYTES, file_text, sheet_lines, to_xlsx
from tests.cli_run import run

ROOT = Path(__file__).resolve().parents[1]


def workbook(rows: list[list[Any]], active_other: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if active_other:
        book.create_sheet("Other").append(["not", "this"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_cells_are_read_as_a_reader_sees_them() -> None:
    data = workbook(
        [
            ["Birim", "Çalışan"],
            ["Kazan dairesi", 300.0],
            [None, None],
            ["43.22.06", 1200],
            ["Kantin", 12.5],
            ["Tarih", datetime.datetime(2026, 12, 1)],
            ["Evet mi", True],
        ],
        active_other=True,
    )
    assert sheet_lines(data) == [
        ["Birim", "Çalışan"],
        ["Kazan dairesi", "300"],
        [],
        ["43.22.06", "1200"],
        ["Kantin", "12.5"],
        ["Tarih", "2026-12-01"],
        ["Evet mi", "true"],
    ]


def test_a_workbook_reads_as_the_same_rows_as_its_csv(calc: Calculator) -> None:
    shorts = calc.rules.role_shorts
    cells: list[list[Any]] = [
        ["Birim", "Çalışan", "İGU mevcut dk"],
        ["Eğitim laboratuvarı (kimya, biyoloji)", 25, 100],
        ["Kazan dairesi", 12, None],
    ]
    from_sheet = parse_rows(cells_text(sheet_lines(workbook(cells))), shorts)
    from_csv = parse_rows(
        'Birim;Çalışan;İGU mevcut dk\n"Eğitim laboratuvarı (kimya, biyoloji)";25;100\nKazan dairesi;12;\n', shorts
    )
    assert from_sheet == from_csv


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"PK\x03\x04" + bytes(2000)])
def test_a_damaged_workbook_is_said_plainly(data: bytes) -> None:
    with pytest.raises(InvalidCsv) as caught:
        sheet_lines(data)
    message: Any = caught.value.to_dict()["message"]
    assert "XLSX" in message["tr"] and "could not be read as an Excel workbook" in message["en"]


def test_a_zip_that_is_not_a_workbook_is_said_plainly(data: dict[str, Any]) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    answer = Service(data).call({"op": "decode_file", "base64": base64.b64encode(out.getvalue()).decode()})
    assert answer["ok"] is False and answer["error"]["field"] == "csv"
    assert "Excel" in answer["error"]["message"]["en"]


def _table(calc: Calculator, lang: str, text: str) -> Any:
    shorts = calc.rules.role_shorts
    parsed, bad, _ = parse_rows(text, shorts)
    return batch_table(calc.batch(parsed), lang, shorts, bad)


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_written_workbook_holds_the_tables_cells(calc: Calculator, lang: str) -> None:
    table = _table(calc, lang, "Birim;Çalışan;İH mevcut dk\nKazan dairesi;12;100\nKantin;abc;\n")
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(lang, table))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(table.columns.values())
    for got, want in zip(rows[1:], [*table.rows, table.total], strict=True):
        assert list(got) == [None if want[key] == "" else want[key] for key in table.columns]
    assert isinstance(rows[1][list(table.columns).index("igu.required_minutes")], int)
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"])
def test_no_text_in_the_workbook_is_a_formula(calc: Calculator, cell: str) -> None:
    table = _table(calc, "en", f"{cell};12\nKantin;{cell}\n")
    data = to_xlsx("en", table)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert cell in values  # kept as the reader wrote it, as text


def test_the_package_imports_openpyxl_only_for_a_workbook() -> None:
    code = (
        "import sys, json; from calculator.api import Service; from calculator import xlsx; import cli; "
        "print(json.dumps('openpyxl' in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) is False


def test_without_openpyxl_the_api_asks_for_the_library(calc: Calculator, tmp_path: Path) -> None:
    """What the page's worker hears before it has loaded openpyxl (an import that fails)."""
    blocker = tmp_path / "openpyxl"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('not here')\n", encoding="utf-8")
    data = base64.b64encode(workbook([["Kantin", 10]])).decode()
    code = (
        "import json, sys; from calculator.api import Service; from datafiles import load_all; "
        f"s = Service(load_all()); print(json.dumps([s.call({{'op': 'decode_file', 'base64': {data!r}}}), "
        "s.call({'op': 'batch_xlsx', 'text': 'Kantin;10', 'lang': 'en'})]))"
    )
    env = {"PYTHONPATH": f"{tmp_path}:{ROOT}"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    for answer in json.loads(done.stdout):
        assert answer["ok"] is False and answer["error"]["error"] == "needs_library" and answer["error"]["field"] == "xlsx"
        assert "could not be loaded" in answer["error"]["message"]["en"]


def test_the_cli_reads_and_writes_workbooks(tmp_path: Path, calc: Calculator) -> None:
    source = tmp_path / "birimler.xlsx"
    source.write_bytes(workbook([["Birim", "Çalışan"], ["43.22.06", 1200], ["Kantin", "abc"]]))
    out = tmp_path / "sonuc.xlsx"
    done = run("batch", str(source), "--json", "--output", str(out))
    assert done.returncode == 2, done.stderr  # line 3 is bad input
    answer = json.loads(done.stdout)
    assert [r["line"] for r in answer["rows"]] == [2] and [e["line"] for e in answer["errors"]] == [3]
    assert answer["rows"][0]["igu"]["full_time"] == calc.requirements("cok", 1200).roles["igu"].full_time
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None and sheet.title == "İSG süreleri"
    assert [c.value for c in sheet[2]][:6] == [2, "43.22.06", "43.22.06", None, "Çok Tehlikeli", 1200]


def _rewritten(data: bytes, name: str, change: Any) -> bytes:
    """The workbook with one of its parts changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            target.writestr(info.filename, change(part) if info.filename == name else part)
    return out.getvalue()


def test_every_row_is_read_whatever_the_sheet_says_its_size_is() -> None:
    rows: list[list[Any]] = [["Birim", "Çalışan"], *[[f"Kantin {i}", i + 1] for i in range(5)]]
    data = workbook(rows)
    understated = _rewritten(
        data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<dimension ref="A1:B6" />', b'<dimension ref="A1:B2" />')
    )
    assert b'ref="A1:B2"' in zipfile.ZipFile(io.BytesIO(understated)).read("xl/worksheets/sheet1.xml")
    assert sheet_lines(understated) == [[str(c) for c in row] for row in rows]


def test_a_zip_bomb_posing_as_a_workbook_is_refused_before_it_is_inflated() -> None:
    import time
    import tracemalloc

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        with bomb.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):  # 300 MB of zeros, some 300 kB packed
                part.write(chunk)
    data = out.getvalue()
    assert len(data) < 1_000_000
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(InvalidCsv) as refused:
        file_text(data)
    took = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert took < 2 and peak < 50_000_000, (took, peak)
    assert "64 MB" in refused.value.message["en"] and "Excel" in refused.value.message["tr"]


def test_a_file_over_the_limit_is_named_as_what_it_is() -> None:
    with pytest.raises(InvalidCsv) as refused:
        file_text(b"PK\x03\x04" + b"\0" * MAX_FILE_BYTES)
    assert refused.value.message["tr"].startswith("Excel dosyası (XLSX) çok büyük")
    with pytest.raises(InvalidCsv) as refused:
        file_text(b"Kantin;10\n" * (MAX_FILE_BYTES // 5))
    assert refused.value.message["en"].startswith("The file is too large")


def test_control_characters_a_reader_pasted_do_not_break_the_download(calc: Calculator) -> None:
    table = batch_table(calc.batch([{"unit": "Kantin\u000b 2", "employees": 10}]), "tr", calc.rules.role_shorts)
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx("tr", table))).active
    assert sheet is not None and sheet.cell(row=2, column=2).value == "Kantin 2"


@pytest.mark.parametrize(
    "data, said", [(workbook([["", ""]]), "Excel dosyasının ilk sayfasında dolu hücre yok"), (b"  \r\n", "Seçilen dosya boş")]
)
def test_an_empty_file_is_said_as_what_was_chosen(data: bytes, said: str) -> None:
    with pytest.raises(InvalidCsv) as caught:
        file_text(data)
    message: Any = caught.value.to_dict()["message"]
    assert message["tr"].startswith(said) and "CSV" not in message["tr"] + message["en"]
