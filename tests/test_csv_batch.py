"""A CSV of units in, one table out: the page's rows and the downloadable CSV are the same lines."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from calculator import Calculator
from calculator.api import Service
from calculator.batch_table import Table, batch_table, to_csv
from calculator.csv_batch import MAX_ROWS, InvalidCsv, assigned_headings, cells_text, parse_rows

LINES = [
    "Birim;Çalışan",
    "Kazan dairesi; 12",
    "43.22.06; 300",
    "broken line without separator",
    "Kantin; abc",
    "Az Tehlikeli; 40",
]


def test_parse_skips_the_header_and_keeps_line_numbers() -> None:
    rows, bad, _ = parse_rows("\ufeff" + "\n".join(LINES) + "\n\n")
    assert [(r["line"], r["unit"], r["employees"]) for r in rows] == [
        (2, "Kazan dairesi", "12"),
        (3, "43.22.06", "300"),
        (5, "Kantin", "abc"),
        (6, "Az Tehlikeli", "40"),
    ]
    assert [b["line"] for b in bad] == [4]
    assert "two or three columns" in bad[0]["error"]["message"]["en"]


def test_commas_work_as_well_as_semicolons() -> None:
    rows, bad, _ = parse_rows("Kantin,10\nKütüphane hizmetleri,20")
    assert [r["unit"] for r in rows] == ["Kantin", "Kütüphane hizmetleri"] and bad == []


@pytest.mark.parametrize("text", ["", "  \n ", None])
def test_empty_csv_is_refused_in_both_languages(text: Any) -> None:
    with pytest.raises(InvalidCsv) as caught:
        parse_rows(text)
    message: Any = caught.value.to_dict()["message"]
    assert message["tr"].startswith("CSV boş") and message["en"].startswith("The CSV is empty")


def test_too_many_lines_are_refused() -> None:
    with pytest.raises(InvalidCsv) as caught:
        parse_rows("\n".join(f"Kantin;{i + 1}" for i in range(MAX_ROWS + 1)))
    message: Any = caught.value.to_dict()["message"]
    assert message["tr"] == f"CSV en çok {MAX_ROWS} satır olabilir."


def _table(calc: Calculator, lang: str, lines: list[str] = LINES) -> tuple[list[dict[str, Any]], dict[str, Any], Any]:
    table, result = _whole_table(calc, lang, lines)
    return table.rows, table.total, result


def _whole_table(calc: Calculator, lang: str, lines: list[str]) -> tuple[Table, Any]:
    shorts = calc.rules.role_shorts
    parsed, bad, _ = parse_rows("\n".join(lines), shorts)
    result = calc.batch(parsed)
    return batch_table(result, lang, shorts, bad), result


def test_table_rows_hold_each_line_in_order_with_errors_in_place(calc: Calculator) -> None:
    rows, total, result = _table(calc, "tr")
    assert [r["line"] for r in rows] == [2, 3, 4, 5, 6]
    assert [bool(r["error"]) for r in rows] == [False, False, True, True, False]
    boiler = rows[0]
    computed = result.rows[0].result
    assert boiler["unit"] == "Kazan dairesi / buhar kazanı" and boiler["input"] == "Kazan dairesi"
    assert boiler["hazard"] == computed.hazard_label["tr"]
    for role in ("igu", "isyeri_hekimi", "dsp"):
        assert (boiler[f"{role}.full_time"], boiler[f"{role}.part_time_minutes"], boiler[f"{role}.required_minutes"]) == (
            computed.roles[role].full_time,
            computed.roles[role].part_time_minutes,
            computed.roles[role].required_minutes,
        )
    # Nothing already assigned was given: no "missing" columns.
    assert not [key for key in boiler if "missing" in key]
    assert rows[3]["error"] == "Çalışan sayısı bir sayı olmalı; “abc” sayı değil."
    assert rows[3]["input"] == "Kantin" and rows[3]["employees"] == "abc"
    assert total["employees"] == 12 + 300 + 40
    assert total["igu.required_minutes"] == sum(int(r["igu.required_minutes"]) for r in rows if not r["error"])
    assert total["isyeri_hekimi.full_time"] == result.totals["isyeri_hekimi"].full_time


def test_english_table_uses_english_words(calc: Calculator) -> None:
    rows, total, _ = _table(calc, "en")
    assert rows[0]["hazard"] == "Very hazardous" and total["input"] == "Total"
    assert "two or three columns" in rows[2]["error"]


@pytest.mark.parametrize(("lang", "delimiter", "header"), [("tr", ";", "Satır"), ("en", ",", "Line")])
def test_csv_is_the_table_with_a_bom_for_excel(calc: Calculator, lang: str, delimiter: str, header: str) -> None:
    table, _ = _whole_table(calc, lang, LINES)
    rows, total = table.rows, table.total
    text = to_csv(lang, table)
    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))
    assert read[0][0] == header and len(read) == 1 + len(rows) + 1
    assert all(len(line) == len(read[0]) for line in read)
    assert [line[0] for line in read[1:-1]] == [str(r["line"]) for r in rows]
    assert read[-1][read[0].index(table.columns["employees"])] == str(total["employees"])
    assert read[-1][read[0].index(table.columns["igu.required_minutes"])] == str(total["igu.required_minutes"])


def test_the_pages_answer_is_the_table_and_its_csv(calc: Calculator, data: dict[str, Any]) -> None:
    answer = Service(data).call({"op": "batch_csv", "text": "\n".join(LINES), "lang": "en"})
    assert answer["ok"]
    result = answer["result"]
    table, _ = _whole_table(calc, "en", LINES)
    assert result["rows"] == table.rows and result["total"] == table.total
    assert result["csv"] == to_csv("en", table)
    assert result["figures"] == table.figures and "igu.full_time" in result["figures"]
    assert result["error_count"] == 2
    assert list(result["columns"]) == list(table.rows[0]) and result["columns"]["input"] == "Unit"
    # What to do this month: every computed line here needs assignments created, and the summary says how many.
    assert result["needs_action"] == [row["line"] for row in table.rows if not row["error"]]
    assert result["summary"].startswith(f"{len(result['needs_action'])} of {len(result['needs_action'])} units")
    assert set(result["primary"]) <= set(result["columns"]) and "igu.part_time_minutes" in result["primary"]
    assert result["roles"] == {
        "igu": "Occupational safety specialist",
        "isyeri_hekimi": "Workplace physician",
        "dsp": "Other health personnel",
    }


def test_a_broken_csv_is_an_error_answer_not_an_exception(data: dict[str, Any]) -> None:
    answer = Service(data).call({"op": "batch_csv", "text": "", "lang": "tr"})
    assert answer == {"ok": False, "error": answer["error"]} and answer["error"]["field"] == "csv"


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", " =1+1"])
def test_downloaded_csv_never_carries_a_formula(calc: Calculator, cell: str) -> None:
    table, _ = _whole_table(calc, "en", [f"{cell};12", f"Kantin;{cell}"])
    out = to_csv("en", table)
    cells = [c for line in csv.reader(io.StringIO(out.lstrip("\ufeff"))) for c in line]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'") for c in cells)


def test_rows_whose_class_sources_disagree_carry_a_note(calc: Calculator) -> None:
    rows, _, _ = _table(calc, "en", ["Kazan dairesi;12", "Kantin;10"])
    assert "registered NACE code" in str(rows[0]["note"]) and rows[1]["note"] == ""


@pytest.mark.parametrize("value", ["\t=1", "\r=1", "=1", "+1", "-1", "@x"])
def test_safe_cell_disarms_every_formula_start(value: str) -> None:
    from calculator.batch_table import safe_cell

    assert safe_cell(value) == "'" + value
    assert safe_cell("Kantin") == "Kantin" and safe_cell(-5) == -5


def test_limits_of_every_batch_op(data: dict[str, Any]) -> None:
    service = Service(data)
    many = service.call({"op": "batch", "rows": [{"hazard_class": "az", "employees": 1}] * (MAX_ROWS + 1)})
    assert not many["ok"] and many["error"]["error"] == "too_many_rows" and str(MAX_ROWS) in many["error"]["message"]["en"]
    huge_cell = service.call({"op": "batch_csv", "lang": "en", "text": "Kantin;" + "1" * 140_000 + "\n"})
    assert not huge_cell["ok"] and "Line 1" in huge_cell["error"]["message"]["en"]
    huge = service.call({"op": "batch_csv", "lang": "tr", "text": "x" * 2_000_001})
    assert not huge["ok"] and "çok büyük" in huge["error"]["message"]["tr"]
    not_text = service.call({"op": "batch_csv", "lang": "en", "text": 12})
    assert not not_text["ok"] and not_text["error"]["field"] == "csv"
    lone_cr = service.call({"op": "batch_csv", "lang": "en", "text": "Kantin;10\rYemekhane;5\r"})
    assert lone_cr["ok"] and [r["employees"] for r in lone_cr["result"]["rows"]] == [10, 5]


@pytest.mark.parametrize(
    "text",
    [
        "Kantin\t10\nYemekhane\t5\n",  # cells pasted from Excel
        "Eğitim laboratuvarı (kimya, biyoloji);25\nKantin;10\nYemekhane;5\n",  # a comma in the first line's name
        'Kantin,10\n"Lab (kimya, biyoloji)",25\nYemekhane,5\n',  # quoted cells
        "Kantin;1.200\nYemekhane;5\n",
    ],
)
def test_separator_judged_on_the_whole_file(text: str) -> None:
    rows, bad, _ = parse_rows(text)
    assert bad == [] and len(rows) == len(text.strip().splitlines())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1254"])
def test_files_as_excel_writes_them(calc: Calculator, encoding: str) -> None:
    from calculator.csv_batch import decode

    text = "Birim;Çalışan\nKazan dairesi;12\nÖğrenci yurdu (55.90.01);30\nÇok Tehlikeli;40\n"
    decoded = decode(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text
    rows, bad, _ = parse_rows(decoded)
    assert bad == [] and [r["employees"] for r in rows] == ["12", "30", "40"]


# -- a header row names the columns: what is already assigned ------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_header_names_the_assigned_columns_in_any_order(calc: Calculator, delimiter: str) -> None:
    lines = [
        delimiter.join(["İGU mevcut dk", "Birim", "İH mevcut tam süreli", "Çalışan", "DSP mevcut dk"]),
        delimiter.join(["1.500", "Kazan dairesi", "0", "300", ""]),
        delimiter.join(["", "Kantin", "", "10", ""]),
    ]
    rows, bad, _ = parse_rows("\n".join(lines), calc.rules.role_shorts)
    assert bad == []
    assert rows[0] == {
        "line": 2,
        "unit": "Kazan dairesi",
        "employees": "300",
        "assigned": {"igu": {"minutes": "1.500"}, "isyeri_hekimi": {"full_time": "0"}, "dsp": {"minutes": ""}},
    }
    result = calc.batch(rows)
    boiler = result.rows[0].result
    assert boiler is not None
    single = calc.requirements(
        "cok", 300, assigned={"igu": {"minutes": 1500}, "isyeri_hekimi": {"full_time": 0}, "dsp": {"minutes": 0}}
    )
    for role in ("igu", "isyeri_hekimi", "dsp"):
        assert boiler.roles[role].missing_minutes == single.roles[role].missing_minutes
    assert result.totals["igu"].missing_minutes == 500 + calc.requirements("az", 10).roles["igu"].part_time_minutes


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_heading_the_page_names_is_understood(calc: Calculator, lang: str) -> None:
    """The hint lists the header row a reader may write: read back, it names every column."""
    shorts = calc.rules.role_shorts
    delimiter = ";" if lang == "tr" else ","
    headings = assigned_headings(shorts, lang).split(f"{delimiter} ")
    rows, bad, ignored = parse_rows(
        "\n".join([delimiter.join(headings), delimiter.join(["Kantin", "43.22.06", "10", "hayır", *["1"] * 6])]), shorts
    )
    assert bad == [] and ignored == []
    assert (rows[0]["unit"], rows[0]["code"], rows[0]["full_time_physician"]) == ("Kantin", "43.22.06", "hayır")
    assert rows[0]["assigned"] == {role: {"full_time": "1", "minutes": "1"} for role in shorts}


def test_a_header_column_nobody_knows_is_said_not_read(calc: Calculator) -> None:
    rows, bad, ignored = parse_rows("Birim;Çalışan;İGU mevcut dakkika\nKantin;10;500\n", calc.rules.role_shorts)
    assert [r["unit"] for r in rows] == ["Kantin"] and "assigned" not in rows[0]
    # Said as a notice about the header, not as a line that failed.
    assert bad == [] and ignored[0]["line"] == 1 and ignored[0]["columns"] == ["İGU mevcut dakkika"]
    assert "İGU mevcut dk" in ignored[0]["message"]["tr"] and "İGU assigned minutes" in ignored[0]["message"]["en"]


@pytest.mark.parametrize("order", [0, 1, 2])
def test_an_offices_own_sheet_names_and_codes_in_any_order(calc: Calculator, order: int) -> None:
    """A header naming a unit column and a code column, with "Sıra" and notes beside them: the code gives
    the class, the office's name labels the row, the other columns are said as ignored, never misread."""
    columns = [
        ["Sıra", "1", "2", "3"],
        ["Birim Adı", "Rektörlük", "Öğrenci ve işçi yurtları", "Kazan dairesi"],
        ["NACE Kodu", "85.40.02", "", "43.22.06"],
        ["Çalışan Sayısı", "180", "40", "12"],
        ["Notlar", "=1+1", "x", ""],
    ]
    columns = columns[order:] + columns[:order]
    text = "\n".join(";".join(cells) for cells in zip(*columns, strict=True))
    parsed = parse_rows(text, calc.rules.role_shorts)
    assert parsed.bad == [] and [sorted(n["columns"]) for n in parsed.ignored] == [["Notlar", "Sıra"]]
    result = calc.batch(parsed.rows)
    assert result.errors == []
    assert [(r.input["unit"], r.code, r.result.hazard_class if r.result else None) for r in result.rows] == [
        ("Rektörlük", "85.40.02", calc.index.list_entries["85.40.02"].hazard_class),
        ("Öğrenci ve işçi yurtları", "55.90.01", calc.index.list_entries["55.90.01"].hazard_class),
        (
            "Kazan dairesi",
            "43.22.06",
            max(
                calc.index.list_entries["43.22.06"].hazard_class,
                *calc.index.guide_classes.get("43.22.06", []),
                key=lambda c: calc.rules.hazard_classes[c].rank,
            ),
        ),
    ]
    table = batch_table(result, "tr", calc.rules.role_shorts, parsed.bad)
    assert [r["input"] for r in table.rows] == ["Rektörlük", "Öğrenci ve işçi yurtları", "Kazan dairesi"]
    assert [r["code"] for r in table.rows] == ["85.40.02", "55.90.01", "43.22.06"]


def test_gaps_appear_in_the_table_only_where_something_was_assigned(calc: Calculator) -> None:
    table, _ = _whole_table(calc, "tr", ["Birim;Çalışan;İGU mevcut dk", "Kantin;10;100", "Kantin;20;"])
    assert table.columns["igu.missing_minutes"] == "İGU eksik dk"
    first, second = table.rows
    assert first["igu.missing_minutes"] == calc.requirements("az", 10).roles["igu"].part_time_minutes - 100
    assert second["igu.missing_minutes"] == calc.requirements("az", 20).roles["igu"].part_time_minutes
    # The physician's columns exist (the table is one shape) but were not asked: empty, not 0.
    assert first["isyeri_hekimi.missing_minutes"] == "" and table.total["isyeri_hekimi.missing_minutes"] == ""


def test_a_bad_assigned_cell_is_that_lines_error(calc: Calculator) -> None:
    table, _ = _whole_table(calc, "en", ["Unit,Employees,OSS assigned minutes", "Kantin,10,lots", "Kantin,10,5"])
    error = str(table.rows[0]["error"])
    assert "İGU" not in error or "minutes already assigned" in error
    assert "“lots”" in error and table.rows[1]["error"] == ""


def test_sheet_cells_become_the_text_a_paste_gives(calc: Calculator) -> None:
    cells = [["Birim", "Çalışan"], ["Eğitim laboratuvarı (kimya, biyoloji)", "25"], [], ["43.22.06", "1200"]]
    text = cells_text(cells)
    rows, bad, _ = parse_rows(text, calc.rules.role_shorts)
    assert bad == [] and [(r["line"], r["unit"], r["employees"]) for r in rows] == [
        (2, "Eğitim laboratuvarı (kimya, biyoloji)", "25"),
        (4, "43.22.06", "1200"),
    ]


def test_what_to_do_this_month_counts_only_units_short_of_something(calc: Calculator) -> None:
    from calculator.batch_table import action_summary, needs_action

    need = calc.requirements("az", 10).roles["igu"].required_minutes
    text = (
        "Birim;Çalışan;İGU mevcut dk;İH mevcut dk\n"
        f"Az Tehlikeli;10;{need};{calc.requirements('az', 10).roles['isyeri_hekimi'].required_minutes}\n"
        f"Az Tehlikeli;10;{need - 30};0\n"
    )
    parsed = parse_rows(text, calc.rules.role_shorts)
    result = calc.batch(parsed.rows)
    assert [needs_action(row) for row in result.rows] == [False, True]
    summary = action_summary(result, calc.rules.role_labels, "en")
    assert summary.startswith("1 of 2 units need action.") and "30 min missing" in summary
