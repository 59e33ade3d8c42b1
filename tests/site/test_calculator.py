"""The in-page calculator, in Chromium, with the page's Content-Security-Policy
in force: its figures equal the CPython package's, in both languages; links
reproduce results; CSV in and out; bad input gets a message next to its
field; nothing from the URL or a CSV becomes markup; both boot paths work."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from calculator import Calculator, CalculatorError
from calculator.resolve import resolve
from datafiles import load_site
from tests import law
from tests.site.browsing import Visit, close, serious_axe_issues, visit
from tests.site.conftest import ROOT, calculator_files
from tests.test_csv_batch import LINES

ROLES = ("igu", "isyeri_hekimi", "dsp")


def wait_ready(seen: Visit) -> str:
    seen.page.wait_for_selector("html[data-calculator]", state="attached", timeout=60_000)
    return str(seen.page.get_attribute("html", "data-calculator"))


def figures(seen: Visit) -> dict[str, dict[str, Any]]:
    cards = seen.page.query_selector_all("#calc-result .calc-role")
    found = {}
    for card in cards:
        data = {
            key: card.get_attribute(f"data-{key}")
            for key in ("role", "required", "required-minutes", "full-time", "part-time-minutes")
        }
        found[str(data["role"])] = {
            "required": data["required"] == "true",
            "required_minutes": int(str(data["required-minutes"])),
            "full_time": int(str(data["full-time"])),
            "part_time_minutes": int(str(data["part-time-minutes"])),
        }
    return found


def expected(calc: Calculator, hazard: str, employees: int) -> dict[str, dict[str, Any]]:
    result = calc.requirements(hazard, employees)
    return {
        role: {
            "required": r.required,
            "required_minutes": r.required_minutes,
            "full_time": r.full_time,
            "part_time_minutes": r.part_time_minutes,
        }
        for role, r in result.roles.items()
    }


def submit(seen: Visit, *, hazard: str = "", unit: str = "", employees: str) -> None:
    page = seen.page
    if hazard:
        page.check(f'input[name="hazard"][value="{hazard}"]')
    page.fill("#calc-unit", unit)
    page.fill("#calc-employees", employees)
    page.click("#calc-form button[type=submit]")


def wait_result(seen: Visit, request: str) -> None:
    seen.page.wait_for_selector(f'#calc-result[data-request="{request}"]', timeout=10_000)


@pytest.fixture(scope="module")
def tr_page(browser: Any, base_url: str) -> Iterator[Visit]:
    seen = visit(browser, base_url + "calculator/")
    assert wait_ready(seen) == "ready-snapshot"
    yield seen
    close(seen)


SHORT = {"az_tehlikeli": "az", "tehlikeli": "tehlikeli", "cok_tehlikeli": "cok"}


def test_every_boundary_equals_cpython(tr_page: Visit, calc: Calculator) -> None:
    cases = 0
    for hazard in law.CLASSES:
        for employees in law.BOUNDARIES:
            submit(tr_page, hazard=hazard, employees=str(employees))
            wait_result(tr_page, f"hazard={SHORT[hazard]}&employees={employees}")
            assert figures(tr_page) == expected(calc, hazard, employees), (hazard, employees)
            cases += 1
    assert cases >= 50


def test_every_unit_by_name_and_code_equals_cpython(tr_page: Visit, calc: Calculator, all_units: list[dict[str, Any]]) -> None:
    for unit in all_units:
        for query in (unit["name"]["tr"], unit["codes"][0]["code"]):
            resolved = calc.batch([{"unit": query, "employees": 120}]).rows[0]
            submit(tr_page, unit=query, employees="120")
            if resolved.error:
                tr_page.page.wait_for_selector("#calc-unit-error:not([hidden])")
                assert tr_page.page.text_content("#calc-unit-error") == resolved.error["message"]["tr"]
                continue
            wait_result(tr_page, "unit=" + quote(query, safe="").replace("%20", "+") + "&employees=120")
            assert resolved.result is not None
            assert figures(tr_page) == expected(calc, resolved.result.hazard_class, 120), query


BAD = [
    ("employees", "-5"),
    ("employees", "0"),
    ("employees", "1.5"),
    ("employees", "abc"),
    ("employees", "1000000000000"),
    ("employees", ""),
    ("unit", "99.99.99"),
    ("unit", "43.2"),
]


def cpython_message(calc: Calculator, field: str, value: str, lang: str) -> str:
    """What the CPython package says of the same bad input."""
    row = {"unit": value, "employees": 10} if field == "unit" else {"hazard_class": "cok", "employees": value}
    error = calc.batch([row]).rows[0].error
    assert error is not None, value
    return str(error["message"][lang])


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en/")])
def test_bad_input_gets_a_message_next_to_its_field(
    browser: Any, base_url: str, calc: Calculator, lang: str, prefix: str
) -> None:
    seen = visit(browser, base_url + prefix + "calculator/")
    try:
        wait_ready(seen)
        for field, value in BAD:
            if field == "unit":
                submit(seen, unit=value, employees="10")
            else:
                submit(seen, hazard="cok_tehlikeli", employees=value)
            box = f"#calc-{field}-error"
            seen.page.wait_for_selector(f"{box}:not([hidden])")
            assert seen.page.text_content(box) == cpython_message(calc, field, value, lang), value
            assert seen.page.get_attribute(f"#calc-{field}", "aria-invalid") == "true"
            assert not seen.page.is_visible("#calc-result")
            # The worker keeps answering after bad input.
            submit(seen, hazard="az_tehlikeli", employees="40")
            wait_result(seen, "hazard=az&employees=40")
            assert seen.page.is_hidden(box)
        assert seen.console_errors == []
        assert seen.foreign(base_url) == []
    finally:
        close(seen)


def test_no_hazard_chosen(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url + "en/calculator/")
    try:
        wait_ready(seen)
        submit(seen, employees="10")
        seen.page.wait_for_selector("#calc-hazard-error:not([hidden])")
        assert "hazard class" in str(seen.page.text_content("#calc-hazard-error"))
    finally:
        close(seen)


def test_english_page_figures_and_words(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = visit(browser, base_url + "en/calculator/?hazard=cok&employees=300")
    try:
        wait_ready(seen)
        wait_result(seen, "hazard=cok&employees=300")
        assert figures(seen) == expected(calc, "cok", 300)
        text = str(seen.page.text_content("#calc-result"))
        assert "Occupational safety specialist" in text and "12,000" in text and "2,000 minutes" in text
        # İSG-KATİP's own labels stay Turkish, as on its screen; no other Turkish word is left.
        for label in load_site()["labels"]["labels"]:
            text = text.replace(label, "")
        assert "Çalışma" not in text and "dakika" not in text
    finally:
        close(seen)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_result_draws_the_form_with_the_clis_figures(browser: Any, base_url: str, prefix: str) -> None:
    """Each role's card opens a schematic of İSG-KATİP's assignment form holding this answer's figures
    in their fields, the same as the CLI's --json form for the same case (issue 21)."""
    import subprocess
    import sys

    seen = visit(
        browser, base_url + prefix + "calculator/?hazard=tehlikeli&employees=1200", viewport={"width": 1280, "height": 800}
    )
    try:
        wait_ready(seen)
        wait_result(seen, "hazard=tehlikeli&employees=1200")
        drawn = seen.page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("#calc-result .calc-form-drawing")]
            .map((box) => [box.dataset.role, {
                label: box.querySelector("svg").getAttribute("aria-labelledby"),
                values: Object.fromEntries([...box.querySelectorAll("text.screen-value")]
                    .map((t) => [t.dataset.field, t.textContent]))}]))""")
        seen.page.click('.calc-form-drawing[data-role="igu"] summary')
        assert seen.page.is_visible('.calc-form-drawing[data-role="igu"] svg')
        # Legible at 1280 px: the drawing's smallest text is drawn at 12 px or more.
        smallest = seen.page.eval_on_selector(
            '.calc-form-drawing[data-role="igu"] svg',
            """svg => Math.min(
            ...[...svg.querySelectorAll("text[font-size]")].map((t) => Number(t.getAttribute("font-size"))))
            * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width""",
        )
        assert smallest >= 12, smallest
        assert not seen.page.query_selector("#calc-result svg script, #calc-result svg foreignObject")
    finally:
        close(seen)
    done = subprocess.run(
        [sys.executable, "-m", "calculator", "minutes", "--hazard", "tehlikeli", "--employees", "1200", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    cli = json.loads(done.stdout)
    assert set(drawn) == {role for role in ROLES if cli[role]["form"]}
    for role, found in drawn.items():
        assert found["label"] == f"calc-form-{role}-title calc-form-{role}-desc"
        assert found["values"].pop("TEHLİKE SINIFI") == "Tehlikeli"
        separator = "." if prefix == "" else ","
        assert {field: int(value.replace(separator, "")) for field, value in found["values"].items()} == {
            row["label"]: row["value"] for row in cli[role]["form"]
        }


def test_link_round_trip(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = visit(browser, base_url + "calculator/")
    try:
        wait_ready(seen)
        submit(seen, unit="kazan dairesi", employees="300")
        wait_result(seen, "unit=kazan+dairesi&employees=300")
        shared = seen.page.url
        assert shared.endswith("?unit=kazan+dairesi&employees=300")
        assert seen.page.get_attribute(".calc-share", "href") == shared
        seen.page.reload()
        wait_ready(seen)
        wait_result(seen, "unit=kazan+dairesi&employees=300")
        assert seen.page.input_value("#calc-unit") == "kazan dairesi"
        # Guide çok, list tehlikeli: the higher class, which protects the worker, is the default.
        assert figures(seen) == expected(calc, "cok_tehlikeli", 300)
    finally:
        close(seen)


def test_guide_and_list_classes_one_click_apart(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = visit(browser, base_url + "en/calculator/?unit=Ameliyathane&employees=100")
    try:
        wait_ready(seen)
        wait_result(seen, "unit=Ameliyathane&employees=100")
        assert figures(seen) == expected(calc, "cok_tehlikeli", 100)
        found = str(seen.page.text_content("#calc-unit-found"))
        assert "hazardous" in found and "registered NACE code" in found
        seen.page.click(".calc-switch")
        wait_result(seen, "unit=Ameliyathane&employees=100&source=guide")
        assert figures(seen) == expected(calc, "tehlikeli", 100)
        assert seen.page.url.endswith("source=guide")
        seen.page.reload()
        wait_ready(seen)
        wait_result(seen, "unit=Ameliyathane&employees=100&source=guide")
        assert figures(seen) == expected(calc, "tehlikeli", 100)
        seen.page.click(".calc-switch")
        wait_result(seen, "unit=Ameliyathane&employees=100")
        assert figures(seen) == expected(calc, "cok_tehlikeli", 100)
    finally:
        close(seen)


def test_any_six_digit_code(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = visit(browser, base_url + "calculator/?unit=55.90.01&employees=120")
    try:
        wait_ready(seen)
        wait_result(seen, "unit=55.90.01&employees=120")
        assert figures(seen) == expected(calc, "az_tehlikeli", 120)
        assert "Öğrenci ve işçi yurtları" in str(seen.page.text_content("#calc-unit-found"))
        submit(seen, unit="99.99.99", employees="10")
        seen.page.wait_for_selector("#calc-unit-error:not([hidden])")
        assert "NACE listesinde (Tebliğ ekinin aktarımı)" in str(seen.page.text_content("#calc-unit-error"))
    finally:
        close(seen)


def test_the_language_switch_keeps_the_inputs(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url + "calculator/?hazard=cok&employees=300")
    try:
        wait_ready(seen)
        seen.page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=10_000)
        english = str(seen.page.get_attribute("a.md-select__link[hreflang=en]", "href"))
        assert "en/calculator/?" in english and "employees=300" in english
        seen.page.goto(english)
        wait_ready(seen)
        seen.page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=10_000)
        assert seen.page.input_value("#calc-employees") == "300"
    finally:
        close(seen)


def test_url_is_shown_as_text_never_markup(browser: Any, base_url: str) -> None:
    dialogs: list[str] = []
    seen = visit(browser, base_url + "calculator/?unit=" + quote("<img src=x onerror=alert(1)>") + "&employees=5")

    def dismissed(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    seen.page.on("dialog", dismissed)
    try:
        wait_ready(seen)
        seen.page.wait_for_selector("#calc-unit-error:not([hidden])")
        assert "<img src=x onerror=alert(1)>" in str(seen.page.text_content("#calc-unit-error"))
        assert seen.page.query_selector("img[src=x]") is None
        assert seen.page.input_value("#calc-unit") == "<img src=x onerror=alert(1)>"
        assert dialogs == []
    finally:
        close(seen)


def test_csv_batch_in_and_out(browser: Any, base_url: str, calc: Calculator, tmp_path: Path) -> None:
    lines = [*LINES, "<b>x</b>; 3"]
    seen = visit(browser, base_url + "calculator/")
    try:
        wait_ready(seen)
        upload = tmp_path / "birimler.csv"
        upload.write_text("\n".join(lines), encoding="utf-8")
        seen.page.set_input_files("#calc-csv-file", str(upload))
        seen.page.wait_for_selector("#calc-csv:not(:placeholder-shown)")
        seen.page.click("#calc-batch button[type=submit]")
        seen.page.wait_for_selector("#calc-batch-result:not([hidden])")
        rows = seen.page.query_selector_all(".calc-batch-table tbody tr")
        assert len(rows) == 3
        errors = [str(li.text_content()) for li in seen.page.query_selector_all(".calc-batch-errors li")]
        assert [e.split(":")[0] for e in errors] == ["Satır 4", "Satır 5", "Satır 7"]
        assert "<b>x</b>" in errors[2] and seen.page.query_selector("#calc-batch-result b") is None
        want = calc.batch(
            [
                {"unit": "Kazan dairesi", "employees": 12},
                {"unit": "43.22.06", "employees": 300},
                {"unit": "Az Tehlikeli", "employees": 40},
            ]
        )
        # What to do this month comes first; every column is one click away.
        assert str(seen.page.text_content(".calc-batch-summary")).startswith("3 / 3 birim")
        seen.page.click("#calc-batch-columns")
        total = seen.page.query_selector_all(".calc-batch-table tfoot td")
        # After the "Total" header: employees, then each role's full-time count, part-time and monthly minutes.
        figures = [int(str(cell.text_content()).replace(".", "")) for cell in total[:10]]
        assert figures == [
            want.employees,
            *(
                getattr(want.totals[r], key)
                for r in ("igu", "isyeri_hekimi", "dsp")
                for key in ("full_time", "part_time_minutes", "required_minutes")
            ),
        ]
        with seen.page.expect_download() as download_info:
            seen.page.click("#calc-batch-result a.md-button")
        path = download_info.value.path()
        content = Path(path).read_bytes()
        assert content.startswith("\ufeff".encode())
        text = content.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("Satır;Birim;NACE kodu;Rehberdeki birim;Tehlike sınıfı")
        assert f";{want.totals['igu'].required_minutes};" in text.splitlines()[-1]
        # The boiler room: guide çok, list tehlikeli; the higher class: 12 × 40 minutes, with a note.
        assert "Kazan dairesi / buhar kazanı;Çok Tehlikeli;12;0;480;480" in text
        assert "İSG-KATİP" in text.splitlines()[1]
        assert seen.console_errors == []
    finally:
        close(seen)


def test_excel_in_and_out_with_what_is_already_assigned(browser: Any, base_url: str, calc: Calculator, tmp_path: Path) -> None:
    """An XLSX file is read (openpyxl fetched from our site only then), its already-assigned columns give
    what is missing per unit, and the table downloads as a workbook holding the same figures."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    given: list[list[Any]] = [
        ["Unit", "Employees", "OSS assigned full-time", "OSS assigned minutes"],
        ["Kazan dairesi", 300, 1, 1500],
        ["43.22.06", 40, None, None],
    ]
    for row in given:
        sheet.append(row)
    upload = tmp_path / "units.xlsx"
    book.save(upload)
    seen = visit(browser, base_url + "en/calculator/")
    try:
        wait_ready(seen)
        assert not [url for url in seen.requests if url.endswith("xlsx.zip")]  # not on start-up
        seen.page.set_input_files("#calc-csv-file", str(upload))
        seen.page.wait_for_selector("#calc-csv:not(:placeholder-shown)", timeout=60_000)
        assert "units.xlsx was read" in str(seen.page.text_content("#calc-batch-status"))
        assert [url for url in seen.requests if "/assets/calculator/" in url and url.endswith("/xlsx.zip")]
        seen.page.click("#calc-batch button[type=submit]")
        seen.page.wait_for_selector("#calc-batch-result:not([hidden])")
        headers = [str(h.text_content()) for h in seen.page.query_selector_all(".calc-batch-table thead th")]
        first = [str(c.text_content()) for c in seen.page.query_selector_all(".calc-batch-table tbody tr:first-child td")]
        shown = dict(zip(headers, first, strict=True))
        want = calc.requirements("cok", 300, assigned={"igu": {"full_time": 1, "minutes": 1500}}).roles["igu"]
        assert shown["İGU min missing"] == f"{want.missing_minutes:,}" and shown["İGU full-time missing"] == "0"
        assert shown["Unit"].endswith("[1]") and "registered NACE code" in str(seen.page.text_content(".calc-batch-notes"))
        with seen.page.expect_download() as download_info:
            seen.page.click("#calc-batch-xlsx")
        saved = tmp_path / "out.xlsx"
        download_info.value.save_as(saved)
        assert download_info.value.suggested_filename == "ohs-times.xlsx"
        active = openpyxl.load_workbook(saved).active
        assert active is not None
        rows = list(active.iter_rows(values_only=True))
        assert rows[1][list(rows[0]).index("İGU min missing")] == want.missing_minutes
        assert seen.console_errors == []
    finally:
        close(seen)


def test_a_large_batch_shows_its_progress(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url + "calculator/")
    try:
        wait_ready(seen)
        lines = "\n".join(f"Bilinmeyen birim {i} kimya laboratuvarı;{i % 90 + 1}" for i in range(5000))
        seen.page.evaluate("(text) => { document.querySelector('#calc-csv').value = text; }", lines)
        seen.page.click("#calc-batch button[type=submit]")
        seen.page.wait_for_selector("#calc-batch-progress:not([hidden])", timeout=30_000)
        assert int(str(seen.page.get_attribute("#calc-batch-progress", "max"))) == 5000
        seen.page.wait_for_selector("#calc-batch-result:not([hidden])", timeout=60_000)
        assert seen.page.is_hidden("#calc-batch-progress")
    finally:
        close(seen)


# Each imported calculator module's bytecode file, as the worker's Python sees it: {path in the zip: sha256}.
_IMPORTED_BYTECODE = """
import hashlib, json, os, sys
json.dumps({os.path.relpath(m.__cached__, "/lib/guide"): hashlib.sha256(open(m.__cached__, "rb").read()).hexdigest()
            for name, m in sys.modules.items() if name.split(".")[0] == "calculator"})
"""


def test_normal_boot_when_asked(browser: Any, base_url: str, site_dir: Path, calc: Calculator) -> None:
    seen = visit(browser, base_url + "calculator/?boot=plain&hazard=tehlikeli&employees=120")
    try:
        assert wait_ready(seen) == "ready-plain"
        wait_result(seen, "hazard=tehlikeli&employees=120")
        assert figures(seen) == expected(calc, "tehlikeli", 120)
        # The bytecode shipped in the package's zip is what this Python imported:
        # found where it looks, and not compiled anew from the sources.
        imported = json.loads(seen.page.workers[0].evaluate(f"self.calculatorPython.runPython({_IMPORTED_BYTECODE!r})"))
        with zipfile.ZipFile(calculator_files(site_dir) / "calculator.zip") as package:
            shipped = {
                name: hashlib.sha256(package.read(name)).hexdigest() for name in package.namelist() if name.endswith(".pyc")
            }
        assert any(name.startswith("calculator/__pycache__/api.") for name in imported)
        assert imported.items() <= shipped.items()
    finally:
        close(seen)


def _visit_with_route(browser: Any, url: str, pattern: str, handler: Any) -> Visit:
    # Routes miss what a service worker fetches: the guide's is left out here.
    context = browser.new_context(service_workers="block")
    context.route(pattern, handler)
    page = context.new_page()
    seen = Visit(page)
    page.on("console", lambda message: seen.console_errors.append(f"{message.type}: {message.text}"))
    page.goto(url)
    return seen


def test_missing_snapshot_falls_back(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = _visit_with_route(
        browser,
        base_url + "calculator/?hazard=az&employees=40",
        "**/snapshot.bin",
        lambda route: route.fulfill(status=404, body="gone"),
    )
    try:
        assert wait_ready(seen) == "ready-plain"
        wait_result(seen, "hazard=az&employees=40")
        assert figures(seen) == expected(calc, "az", 40)
        assert any("snapshot not used" in m for m in seen.console_errors)
    finally:
        seen.page.context.close()


def test_stale_snapshot_falls_back(browser: Any, base_url: str, site_dir: Path, calc: Calculator) -> None:
    manifest = json.loads((calculator_files(site_dir) / "manifest.json").read_text(encoding="utf-8"))
    manifest["bundle"] = "0" * 16  # as if the code or data changed after the snapshot was made

    def stale(route: Any) -> None:
        route.fulfill(status=200, content_type="application/json", body=json.dumps(manifest))

    seen = _visit_with_route(browser, base_url + "calculator/?hazard=cok&employees=60", "**/manifest.json", stale)
    try:
        assert wait_ready(seen) == "ready-plain"
        wait_result(seen, "hazard=cok&employees=60")
        assert figures(seen) == expected(calc, "cok", 60)
        assert any("stale snapshot" in m for m in seen.console_errors)
    finally:
        seen.page.context.close()


def test_pyodide_loads_only_on_the_calculator_page(browser: Any, base_url: str) -> None:
    for path in ("", "working-times/", "en/nace-codes/"):
        seen = visit(browser, base_url + path)
        try:
            assert not [url for url in seen.requests if "/assets/pyodide/" in url or "/assets/calculator/" in url]
        finally:
            close(seen)


def test_standard_library_is_fetched_only_if_python_needs_it(browser: Any, base_url: str) -> None:
    """The restored snapshot has imported what the calculator uses; the rest of the standard library stays a lazy file."""
    seen = visit(browser, base_url + "calculator/?hazard=cok&employees=300")
    try:
        assert wait_ready(seen) == "ready-snapshot"
        wait_result(seen, "hazard=cok&employees=300")

        def stdlib() -> list[str]:
            return [url for url in seen.requests if "/assets/pyodide/" in url and url.endswith("/python_stdlib.zip")]

        assert stdlib() == []
        worker = seen.page.workers[0]
        # A module the snapshot never imported: read from the lazily fetched zip.
        assert worker.evaluate("self.calculatorPython.runPython('import statistics; statistics.median([3, 1, 2])')") == 2
        assert stdlib() != []
        assert seen.console_errors == []
    finally:
        close(seen)


_LEAN_STATE = """
import json, sys
index = service.calculator.index
# Without debug ranges, code compiled has no columns.
columns = [position[2] for position in compile("a + b", "<lean>", "eval").co_positions()]
# The standard streams' buffers (sys.getsizeof counts them), made again small before the snapshot.
buffers = max(sys.getsizeof(stream.buffer) for stream in (sys.stdin, sys.stdout, sys.stderr))
json.dumps({"optimize": sys.flags.optimize, "columns": columns[-1], "html": "html" in sys.modules,
            "list_packed": index._list_entries is None, "small_std_buffers": buffers < 16_384})
"""


def test_the_restored_interpreter_is_the_lean_one_the_build_made(browser: Any, base_url: str, calc: Calculator) -> None:
    """The snapshot's interpreter ran as `python -OO -X no_debug_ranges`, without the html module, its
    NACE list packed, its standard streams' buffers small (hooks/pyodide_snapshot.mjs): so is the
    restored one; a code of the list is then found as in CPython, and Python's output still reaches
    the console."""
    seen = visit(browser, base_url + "calculator/?hazard=cok&employees=300")
    try:
        assert wait_ready(seen) == "ready-snapshot"
        wait_result(seen, "hazard=cok&employees=300")
        worker = seen.page.workers[0]
        state = json.loads(worker.evaluate(f"self.calculatorPython.runPython({_LEAN_STATE!r})"))
        assert state == {"optimize": 2, "columns": None, "html": False, "list_packed": True, "small_std_buffers": True}
        with seen.page.expect_console_message(lambda message: message.text == "lean interpreter", timeout=10_000):
            worker.evaluate("self.calculatorPython.runPython('print(\"lean interpreter\")')")
        found = json.loads(
            worker.evaluate(
                "self.calculatorPython.globals.get('service').call_json(JSON.stringify({op: 'lookup', query: '01.11.07'}))"
            )
        )
        assert [e["code"] for e in found["result"]["list_entries"]] == [e.code for e in calc.lookup("01.11.07").list_entries]
        assert seen.console_errors == []
    finally:
        close(seen)


# Resolves once the worker has begun its warm-up.
_WARM_UP_STARTED = """new Promise((resolve) => {
  const wait = () => (self.calculatorWarmUps ? resolve() : setTimeout(wait, 10));
  wait();
})"""


def test_python_warms_up_once_per_build_and_answers_the_reader_meanwhile(browser: Any, base_url: str, calc: Calculator) -> None:
    """After the first result of a browser's first visit, the worker runs Python's warm-up batch (so that
    the browser keeps the WebAssembly's compiled code: calculator.browser.warm_up) once, and the page
    remembers it: a later visit does not run it again. A request sent during the warm-up is answered
    as CPython answers it."""
    seen = visit(browser, base_url + "calculator/?hazard=cok&employees=300")
    try:
        wait_result(seen, "hazard=cok&employees=300")
        worker = seen.page.workers[0]
        worker.evaluate(_WARM_UP_STARTED)
        submit(seen, hazard="tehlikeli", employees="777")
        wait_result(seen, "hazard=tehlikeli&employees=777")
        assert figures(seen) == expected(calc, "tehlikeli", 777)
        seen.page.wait_for_function("() => window.localStorage.getItem('calculator-warmed') !== null", timeout=30_000)
        assert worker.evaluate("self.calculatorWarmUps") == 1
        again = seen.page.context.new_page()
        again.goto(base_url + "en/calculator/?hazard=az&employees=20")
        again.wait_for_selector('#calc-result[data-request="hazard=az&employees=20"]', timeout=60_000)
        again.wait_for_timeout(1_500)
        assert again.workers[0].evaluate("self.calculatorWarmUps ?? 0") == 0
        assert seen.console_errors == []
    finally:
        close(seen)


def test_the_normal_boot_fetches_the_compiled_standard_library_it_uses(browser: Any, base_url: str, calc: Calculator) -> None:
    """The fallback boot starts Python on the build's compiled core of the standard library (not the whole
    2.5 MB zip of sources, which it would spend most of its time compiling); the rest of the standard
    library stays a lazy file, fetched only if Python imports a module the core lacks."""
    seen = visit(browser, base_url + "calculator/?hazard=cok&employees=300&boot=plain")
    try:
        assert wait_ready(seen) == "ready-plain"
        wait_result(seen, "hazard=cok&employees=300")
        assert figures(seen) == expected(calc, "cok", 300)

        def asked(name: str) -> list[str]:
            return [url for url in seen.requests if url.endswith("/" + name)]

        assert asked("stdlib-core.zip") and not asked("python_stdlib.zip") and not asked("snapshot.bin")
        worker = seen.page.workers[0]
        assert worker.evaluate("self.calculatorPython.runPython('import statistics; statistics.median([3, 1, 2])')") == 2
        assert asked("python_stdlib.zip")
        assert seen.console_errors == []
    finally:
        close(seen)


def test_csp_is_in_force(base_url: str, site_dir: Path) -> None:
    html = (site_dir / "calculator" / "index.html").read_text(encoding="utf-8")
    policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
    assert f'<meta http-equiv="Content-Security-Policy" content="{policy}' in html
    assert "unsafe-eval'" not in html.replace("wasm-unsafe-eval'", "")


def test_corrupt_snapshot_falls_back(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = _visit_with_route(
        browser,
        base_url + "calculator/?hazard=tehlikeli&employees=500",
        "**/snapshot.bin",
        lambda route: route.fulfill(status=200, body=b"\0" * 4096),
    )
    try:
        assert wait_ready(seen) == "ready-plain"
        wait_result(seen, "hazard=tehlikeli&employees=500")
        assert figures(seen) == expected(calc, "tehlikeli", 500)
        assert any("snapshot not used" in m for m in seen.console_errors)
    finally:
        seen.page.context.close()


def test_snapshot_cut_short_falls_back(browser: Any, base_url: str, site_dir: Path, calc: Calculator) -> None:
    """Pyodide takes the snapshot's buffer while its pages still stream in; if they stop short, it must not run on it."""
    cut = (calculator_files(site_dir) / "snapshot.bin").read_bytes()[:-5000]
    seen = _visit_with_route(
        browser,
        base_url + "calculator/?hazard=cok&employees=120",
        "**/snapshot.bin",
        lambda route: route.fulfill(status=200, body=cut),
    )
    try:
        assert wait_ready(seen) == "ready-plain"
        wait_result(seen, "hazard=cok&employees=120")
        assert figures(seen) == expected(calc, "cok", 120)
        assert any("snapshot not used (corrupt snapshot: pages cut short)" in m for m in seen.console_errors), seen.console_errors
    finally:
        seen.page.context.close()


# A desktop, and a phone (the answer lines, the batch's rows as cards: issue 39).
@pytest.mark.parametrize("viewport", [None, {"width": 375, "height": 800}])
def test_results_and_errors_are_accessible(browser: Any, base_url: str, viewport: dict[str, int] | None) -> None:
    seen = visit(browser, base_url + "calculator/?unit=kazan+dairesi&employees=300", bypass_csp=True, viewport=viewport)
    try:
        wait_ready(seen)
        wait_result(seen, "unit=kazan+dairesi&employees=300")
        seen.page.fill("#calc-csv", "Kantin;10\nbroken\n")
        seen.page.click("#calc-batch button[type=submit]")
        seen.page.wait_for_selector("#calc-batch-result:not([hidden])")
        seen.page.fill("#calc-employees", "abc")
        seen.page.click("#calc-form button[type=submit]")
        seen.page.wait_for_selector("#calc-employees-error:not([hidden])")
        assert serious_axe_issues(seen.page) == []
    finally:
        close(seen)


def test_batch_table_is_a_table_to_assistive_technology(browser: Any, base_url: str) -> None:
    """Its rows are laid out as grids (to paint only what is on screen): Chromium must still expose a table."""
    seen = visit(browser, base_url + "en/calculator/")
    try:
        wait_ready(seen)
        seen.page.fill("#calc-csv", "Kantin;10\nAz Tehlikeli;40\n")
        seen.page.click("#calc-batch button[type=submit]")
        seen.page.wait_for_selector("#calc-batch-result:not([hidden])")
        seen.page.click("#calc-batch-columns")  # every column, not only those to act on
        cdp = seen.page.context.new_cdp_session(seen.page)
        table = cdp.send("Runtime.evaluate", {"expression": "document.querySelector('.calc-batch-table')"})
        object_id = table["result"]["objectId"]

        def named(role: str) -> list[str]:
            """The names of the nodes with `role` in Chromium's accessibility tree, within the batch table."""
            found = cdp.send("Accessibility.queryAXTree", {"objectId": object_id, "role": role})["nodes"]
            return [str(n.get("name", {}).get("value", "")) for n in found]

        assert len(named("table")) == 1
        assert named("columnheader")[:5] == ["Line", "Unit", "NACE code", "Hazard class", "Employees"]
        assert "İGU full-time" in named("columnheader") and "İH monthly total min" in named("columnheader")
        assert len(named("row")) == 1 + 2 + 1  # header, two units, total
        assert named("rowheader") == ["Total"]
    finally:
        close(seen)


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en/")])
def test_rules_of_another_date_and_refused_dates(
    browser: Any, base_url: str, data: dict[str, Any], lang: str, prefix: str
) -> None:
    """The advanced date field: the law of that day (the transitional certificate rule on 1.6.2024),
    a date the data does not cover refused next to the field, as CPython words it."""
    seen = visit(browser, base_url + prefix + "calculator/?hazard=cok&employees=300&on=2024-06-01")
    try:
        wait_ready(seen)
        wait_result(seen, "hazard=cok&employees=300&on=2024-06-01")
        old = Calculator(data, on="2024-06-01").requirements("cok", 300)
        text = str(seen.page.text_content("#calc-result"))
        assert old.notices[0].text[lang] in text
        assert "A, B" in str(seen.page.text_content("#calc-result .calc-role--igu"))
        assert seen.page.is_visible("#calc-on")
        seen.page.fill("#calc-on", "2015-06-01")
        seen.page.click("#calc-form button[type=submit]")
        seen.page.wait_for_selector("#calc-on-error:not([hidden])")
        with pytest.raises(CalculatorError) as refused:
            Calculator(data, on="2015-06-01")
        assert seen.page.text_content("#calc-on-error") == refused.value.message[lang]
        assert seen.page.get_attribute("#calc-on", "aria-invalid") == "true"
        assert not seen.page.is_visible("#calc-result")
        assert seen.console_errors == []
    finally:
        close(seen)


def test_full_time_physician_box(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = visit(browser, base_url + "calculator/?hazard=cok&employees=60")
    try:
        wait_ready(seen)
        wait_result(seen, "hazard=cok&employees=60")
        assert figures(seen)["dsp"]["required"] is True
        seen.page.check("#calc-ftp")
        seen.page.click("#calc-form button[type=submit]")
        wait_result(seen, "hazard=cok&employees=60&ftp=1")
        want = calc.requirements("cok", 60, full_time_physician=True)
        assert figures(seen)["dsp"] == {"required": False, "required_minutes": 0, "full_time": 0, "part_time_minutes": 0}
        assert want.roles["dsp"].reasons[0].text["tr"] in str(seen.page.text_content("#calc-result .calc-role--dsp"))
    finally:
        close(seen)


def test_printed_result_names_the_unit_date_and_link(browser: Any, base_url: str, calc: Calculator) -> None:
    """On paper (print media) the result says which unit, code, class and source, the head count,
    the rules' date and the link, and leaves the form out."""
    seen = visit(browser, base_url + "calculator/?unit=kazan+dairesi&employees=300")
    try:
        wait_ready(seen)
        wait_result(seen, "unit=kazan+dairesi&employees=300")
        seen.page.emulate_media(media="print")
        printed = str(seen.page.inner_text("#calc-result"))
        resolved = resolve(calc.rules, calc.index, {"unit": "kazan dairesi"})
        assert resolved.summary["tr"] in printed and "Kazan dairesi / buhar kazanı (NACE" in printed
        assert "yüksek olan sınıf" in printed
        assert "300 çalışan" in printed and "tarihinde geçerli kurallar" in printed
        assert seen.page.url in printed
        assert not seen.page.is_visible("#calc-form")
    finally:
        close(seen)


@pytest.mark.parametrize(
    "query",
    [
        "calculator/?unit=kazan+dairesi&employees=300&afull-igu=1&amin-igu=500&amin-isyeri_hekimi=100",
        "en/calculator/?hazard=cok&employees=2500&ftp=1",
        "calculator/?hazard=az&employees=10&on=2020-01-01",  # with the long public-bodies notice
    ],
)
def test_a_printed_result_is_one_a4_page(browser: Any, base_url: str, query: str) -> None:
    """The result alone on paper, every reason and source included, on one A4 page."""
    import io

    import pypdf

    seen = visit(browser, base_url + query)
    try:
        wait_ready(seen)
        seen.page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=60_000)
        seen.page.emulate_media(media="print")
        pdf = pypdf.PdfReader(io.BytesIO(seen.page.pdf(format="A4", print_background=True)))
        text = pdf.pages[0].extract_text()
        assert len(pdf.pages) == 1, f"{len(pdf.pages)} pages"
        # Everything the screen's result says is on it (the reasons' sources among it).
        assert ("md. 12(1)" in text or "Art. 12(1)" in text) and seen.page.url.split("//")[1][:20] in text.replace("\n", "")
    finally:
        close(seen)


def test_a_month_of_action_fits_a_desktop_screen(browser: Any, base_url: str) -> None:
    """At 1280 px the columns a reader acts on fit without sideways scrolling, and the table can show
    only the units that need action (issue 33)."""
    lines = [
        "Birim;NACE Kodu;Çalışan;İGU mevcut dk;İH mevcut dk;DSP mevcut dk",
        "Rektörlük;85.40.02;180;1800;900;0",
        "Kazan dairesi;;12;100;0;0",
        "Kantin;;10;0;0;0",
    ]
    seen = visit(browser, base_url + "calculator/", viewport={"width": 1280, "height": 800})
    try:
        wait_ready(seen)
        seen.page.fill("#calc-csv", "\n".join(lines))
        seen.page.click("#calc-batch button[type=submit]")
        seen.page.wait_for_selector("#calc-batch-result:not([hidden])")
        assert str(seen.page.text_content(".calc-batch-summary")).startswith("2 / 3 birimde işlem gerekiyor")
        widths = seen.page.eval_on_selector("#calc-batch-result .guide-table-wrap", "w => [w.scrollWidth, w.clientWidth]")
        assert widths[0] <= widths[1], widths
        assert len(seen.page.query_selector_all(".calc-batch-table tbody tr")) == 3
        seen.page.check("#calc-batch-only-action")
        shown = [str(tr.text_content()) for tr in seen.page.query_selector_all(".calc-batch-table tbody tr")]
        assert len(shown) == 2 and not any("Rektörlük" in row for row in shown)
        assert seen.console_errors == []
    finally:
        close(seen)


@pytest.mark.parametrize("path", ["calculator/", "en/plan/"])
def test_without_javascript_the_page_says_what_it_needs(browser: Any, base_url: str, path: str) -> None:
    seen = visit(browser, base_url + path, java_script_enabled=False)
    try:
        said = str(seen.page.text_content(".calc-noscript"))
        assert ("JavaScript" in said) and seen.page.is_visible(".calc-noscript")
        assert not seen.page.is_visible("#calc-status")  # no "getting ready" for ever
    finally:
        close(seen)
