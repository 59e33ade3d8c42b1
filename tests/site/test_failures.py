"""A calculator that cannot start says so, in the page's language, in the result area, within 15 s;
where the server is at fault (a start-up file missing or sent with the wrong type) it names the file
for the site's keeper. A fault the calculator can work around (a missing snapshot) leaves it working."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from datafiles import load_site
from tests.site.browsing import close, visit
from tests.site.conftest import serve

WORDS = load_site()["ui"]["words"]


def _said(key: str, lang: str) -> str:
    """The fixed start of a message (before its first {placeholder})."""
    return str(WORDS[key][lang]).split("{")[0]


FAULTS = [
    # (the end of the path, the fault, the page, what the reader sees, a file the message names)
    ("/calculator-worker.js", ("missing",), "calculator/", "calc_server_missing", "calculator-worker.js"),
    ("/calculator-worker.js", ("type", "text/html"), "calculator/", "calc_server_type", "calculator-worker.js"),
    ("/snapshot-pages.mjs", ("missing",), "en/calculator/", "calc_server_missing", "snapshot-pages.mjs"),
    ("/pyodide.mjs", ("type", "application/octet-stream"), "calculator/", "calc_server_type", "pyodide.mjs"),
    ("/pyodide.asm.mjs", ("type", "text/plain"), "en/calculator/", "calc_server_type", "pyodide.asm.mjs"),
    ("/pyodide.asm.wasm", ("type", "application/octet-stream"), "calculator/", "calc_server_type", "pyodide.asm.wasm"),
    ("/pyodide.asm.wasm", ("missing",), "en/calculator/", "calc_server_missing", "pyodide.asm.wasm"),
    ("/pyodide.asm.wasm", ("cut",), "calculator/", "calc_download_cut", "pyodide.asm.wasm"),
    ("/calculator-worker.js", ("stall",), "calculator/", "calc_server_no_answer", "calculator-worker.js"),
    ("/pyodide.asm.wasm", ("stall",), "en/calculator/", "calc_server_no_answer", "pyodide.asm.wasm"),
    ("/calculator.js", ("missing",), "calculator/", "calc_page_script", None),
    ("/manifest.json", ("missing",), "en/calculator/", "calc_server_missing", "manifest.json"),
    ("/pyodide-lock.json", ("missing",), "calculator/", "calc_server_missing", "pyodide-lock.json"),
    ("/calculator.zip", ("missing",), "calculator/?boot=plain", "calc_server_missing", "calculator.zip"),
]


@pytest.mark.parametrize("end, fault, page, key, file", FAULTS, ids=[f"{f[0]}-{f[1][0]}" for f in FAULTS])
def test_a_start_up_fault_is_said_within_15_s(
    browser: Any, site_dir: Path, end: str, fault: tuple[str, ...], page: str, key: str, file: str | None
) -> None:
    lang = "en" if page.startswith("en/") else "tr"
    server, url = serve(site_dir, faults={end: fault})
    started = time.monotonic()
    # A worker script Chromium refuses may never count as finished: wait for the load event only.
    seen = visit(browser, url + page, until="load")
    try:
        seen.page.wait_for_selector("#calc-problem:not([hidden])", timeout=15_000)
        said = str(seen.page.text_content("#calc-problem"))
        assert time.monotonic() - started < 15
        assert _said(key, lang) in said, said
        if file:
            assert file in said
        # It is not put under an input, and it does not tell the reader to check what they typed.
        assert seen.page.is_hidden("#calc-employees-error")
        assert str(WORDS["calc_internal_error"][lang]) not in said
    finally:
        close(seen)
        server.shutdown()


@pytest.mark.parametrize(
    "end, query, boot",
    [
        ("/snapshot.bin", "", "ready-plain"),
        ("/data.json", "", "ready-snapshot"),
        ("/stdlib-core.zip", "&boot=plain", "ready-plain"),
    ],
)
def test_a_fault_worked_around_leaves_the_calculator_working(
    browser: Any, site_dir: Path, end: str, query: str, boot: str
) -> None:
    """(Without its compiled standard library, the normal boot takes Pyodide's whole one.)"""
    server, url = serve(site_dir, faults={end: ("missing",)})
    seen = visit(browser, url + "calculator/?hazard=cok&employees=300" + query)
    try:
        seen.page.wait_for_selector(f"html[data-calculator='{boot}']", state="attached", timeout=60_000)
        seen.page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=30_000)
        assert seen.page.is_hidden("#calc-problem")
    finally:
        close(seen)
        server.shutdown()


def test_a_worker_that_stops_answering_is_said_in_the_result_area(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url + "en/calculator/")
    try:
        seen.page.wait_for_selector("html[data-calculator^='ready']", state="attached", timeout=60_000)
        # Python's entry point broken: every request now ends in the worker's "internal" answer.
        seen.page.workers[0].evaluate(
            "self.calculatorPython.runPython('from calculator.api import Service; Service.call_json = None')"
        )
        seen.page.fill("#calc-employees", "12")
        seen.page.check('input[name="hazard"][value="tehlikeli"]')
        seen.page.click("#calc-form button[type=submit]")
        seen.page.wait_for_selector("#calc-problem:not([hidden])", timeout=15_000)
        assert str(WORDS["calc_worker_lost"]["en"]) == seen.page.text_content("#calc-problem")
        assert seen.page.is_hidden("#calc-employees-error")
    finally:
        close(seen)
