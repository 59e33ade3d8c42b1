"""The monthly check page, in Chromium: the answer the page shows is CPython's (calculator.reconcile) for
the same export and head counts, in both languages; the file's personal data never leaves the page,
is never stored, and a TC number is never shown whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from calculator import Calculator
from calculator.reconcile import reconcile
from tests.site.browsing import close, visit
from tests.site.test_calculator import wait_ready
from tests.test_reconcile import export_lines, export_workbook

COUNTS = "Hizmet Alan İşyeri ID;Çalışan Sayısı\nW2;60"
TC = "12345678901"


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en/")])
def test_the_page_checks_the_export_as_cpython_does_and_keeps_it_private(
    browser: Any, base_url: str, calc: Calculator, tmp_path: Path, lang: str, prefix: str
) -> None:
    export = export_workbook(tmp_path)
    listed = {code: entry.hazard_class for code, entry in calc.index.list_entries.items()}
    want = reconcile(calc.rules, export_lines(), lang, {"W2": 60}, listed)
    seen = visit(browser, base_url + prefix + "monthly-check/")
    try:
        wait_ready(seen)
        page = seen.page
        page.set_input_files("#monthly-export", str(export))
        page.fill("#monthly-counts", COUNTS)
        page.click("#monthly-form button[type=submit]")
        page.wait_for_selector("#monthly-result:not([hidden])", timeout=60_000)
        assert page.text_content(".calc-batch-summary") == want["summary"]
        shown = page.eval_on_selector_all(
            ".monthly-workplace",
            """cards => cards.map((card) => ({
            title: card.querySelector("h3").textContent,
            actions: [...card.querySelectorAll("li")].map((li) => li.textContent)}))""",
        )
        expected = {f"{p['id']} {p['name']}": p["actions"] for p in want["workplaces"]}
        assert {card["title"].split(" ", 1)[1]: card["actions"] for card in shown} == expected
        # Nothing left the page: every request went to the site's own files, none carried the file.
        assert seen.foreign(base_url) == []
        assert not [url for url in seen.requests if TC in url or "W2" in url]
        # Nothing was stored, and the number is not shown whole anywhere on the page.
        stored = page.evaluate("""async () => ({
            local: JSON.stringify({...localStorage}), session: JSON.stringify({...sessionStorage}),
            databases: (await indexedDB.databases()).length, caches: (await caches.keys()).length})""")
        assert TC not in stored["local"] and TC not in stored["session"]
        assert stored["databases"] == 0 and stored["caches"] == 0
        assert TC not in str(page.content()) and "Ayşe Yılmaz" not in str(page.content())
        assert seen.console_errors == []
    finally:
        close(seen)


def test_a_file_that_is_not_the_export_is_said_next_to_it(browser: Any, base_url: str, tmp_path: Path) -> None:
    other = tmp_path / "birimler.csv"
    other.write_text("Birim;Çalışan\nKantin;10\n", encoding="utf-8")
    seen = visit(browser, base_url + "monthly-check/")
    try:
        wait_ready(seen)
        seen.page.set_input_files("#monthly-export", str(other))
        seen.page.click("#monthly-form button[type=submit]")
        seen.page.wait_for_selector("#monthly-export-error:not([hidden])", timeout=30_000)
        said = str(seen.page.text_content("#monthly-export-error"))
        assert "“Sözleşme ID”" in said and seen.page.is_hidden("#monthly-result")
    finally:
        close(seen)
