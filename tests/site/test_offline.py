"""Offline: after one visit every page of both languages and both PDFs open with the network off,
the calculator too once it has run online; a new build replaces the old cache whole."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from datafiles import DATA_DIR
from tests.site.browsing import close, visit
from tests.site.conftest import all_pages, build_site, serve

PDFS = ("isg-katip-rehberi.pdf", "en/isg-katip-guide.pdf")
_ACTIVE = "navigator.serviceWorker.ready.then((registration) => registration.active.state)"


def _wait_until_controlled(page: Any) -> None:
    assert page.evaluate(_ACTIVE) in ("activating", "activated")
    # (wait_for_function would evaluate a string, which the pages' CSP forbids: poll instead.)
    for _ in range(100):
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker never took the page over")


def test_every_page_and_pdf_opens_offline_after_one_visit(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url, service_workers="allow")
    try:
        page = seen.page
        _wait_until_controlled(page)
        # The calculator, run once online, keeps its own files.
        page.goto(base_url + "calculator/?hazard=cok&employees=300")
        page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=60_000)
        page.context.set_offline(True)
        for lang, path in all_pages():
            response = page.goto(base_url + path)
            assert response is not None and response.ok, path
            assert page.get_attribute("html", "lang") == lang
            assert page.title()
        for pdf in PDFS:
            address = base_url + pdf
            answer = page.evaluate(f"fetch({address!r}).then(async (r) => [r.status, (await r.arrayBuffer()).byteLength])")
            assert answer[0] == 200 and answer[1] > 100_000, pdf
        # The header search offline: the pages the reader has are found; rows never opened are left out,
        # and the search says it is offline, never "nothing matches".
        page.goto(base_url)
        page.click(".md-search__input")
        for query in ("kazan", "sözleşme"):
            page.fill(".md-search__input", query)
            for _ in range(100):
                if page.query_selector_all(".md-search-result__item"):
                    break
                page.wait_for_timeout(100)
            page.wait_for_timeout(500)
            said = str(page.text_content(".md-search-result__meta"))
            assert page.query_selector_all(".md-search-result__item"), (query, said)
            assert said != page.get_attribute("[data-guide-search]", "data-none"), query
        page.goto(base_url + "en/calculator/?hazard=tehlikeli&employees=120")
        page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=60_000)
        assert page.is_hidden("#calc-problem")
    finally:
        close(seen)


def _build(site: Path, data: Path, word: str) -> None:
    ui = yaml.safe_load((DATA_DIR / "ui.yaml").read_text(encoding="utf-8"))
    ui["words"]["print_download"] = {"tr": word, "en": word}
    (data / "ui.yaml").write_text(yaml.safe_dump(ui, allow_unicode=True), encoding="utf-8")
    done = build_site(site, data, skip_pdf=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.usefixtures("site_builder")
def test_a_new_build_replaces_the_old_cache_whole(browser: Any, tmp_path: Path) -> None:
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(DATA_DIR, data)
    _build(site, data, "Build A")
    server, url = serve(site)
    seen = visit(browser, url + "login/", service_workers="allow")
    try:
        page = seen.page
        _wait_until_controlled(page)
        assert "Build A" in str(page.text_content(".guide-pdf-link"))
        first = page.evaluate("caches.keys()")
        # A second tab holding what the reader typed: the new build must not reload it under their hands.
        typing = page.context.new_page()
        typing.goto(url + "calculator/")
        typing.fill("#calc-csv", "Kazan dairesi;12")
        _build(site, data, "Build B")
        new_id = re.search(r'const BUILD = "([0-9a-f]+)"', (site / "sw.js").read_text(encoding="utf-8"))
        assert new_id is not None and [f"guide-{new_id.group(1)}"] != first
        # The next visit finds the new worker, which takes over and has the page loaded again once.
        page.reload()
        for _ in range(300):
            if "Build B" in str(page.text_content(".guide-pdf-link")):
                break
            page.wait_for_timeout(100)
        assert "Build B" in str(page.text_content(".guide-pdf-link"))
        # The tab with input says a new version is ready, keeps the input, and reloads on the reader's word.
        typing.wait_for_selector("#guide-update:not([hidden])", timeout=10_000)
        assert typing.input_value("#calc-csv") == "Kazan dairesi;12"
        assert "Build A" in str(typing.text_content(".guide-pdf-link"))
        with typing.expect_navigation():
            typing.click("#guide-update button")
        assert "Build B" in str(typing.text_content(".guide-pdf-link"))
        typing.close()
        assert page.evaluate("caches.keys()") == [f"guide-{new_id.group(1)}"]
        page.context.set_offline(True)
        page.goto(url + "en/contracts/")
        assert "Build B" in str(page.text_content(".guide-pdf-link"))
    finally:
        close(seen)
        server.shutdown()
