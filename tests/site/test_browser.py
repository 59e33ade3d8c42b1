"""Every page in Chromium: nothing requested from another host, no console
error, no serious accessibility issue; the search box, the NACE filter,
the language switcher and printing work as a reader uses them."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from calculator import Calculator
from datafiles import load_site
from tests.everyday_names import EVERYDAY
from tests.site.browsing import close, serious_axe_issues, visit
from tests.site.conftest import all_pages


@pytest.mark.parametrize("lang, path", all_pages())
def test_page_stays_on_its_origin_and_is_quiet(browser: Any, base_url: str, lang: str, path: str) -> None:
    seen = visit(browser, base_url + path)
    try:
        seen.page.click(".md-search__input")
        seen.page.keyboard.type("isg", delay=20)
        seen.page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert seen.foreign(base_url) == []
        assert seen.failures == []
        assert seen.console_errors == []
    finally:
        close(seen)


@pytest.mark.parametrize("lang, path", all_pages())
def test_no_serious_accessibility_issue(browser: Any, base_url: str, lang: str, path: str) -> None:
    # axe-core is injected as an inline script, which the page's CSP (tested elsewhere) would refuse.
    seen = visit(browser, base_url + path, bypass_csp=True)
    try:
        assert serious_axe_issues(seen.page) == []
    finally:
        close(seen)


SEARCHES = [
    ("tr", "sözleşme", "contracts/"),
    ("tr", "sözleşmesi", "contracts/"),
    ("tr", "sözleşmeler", "contracts/"),
    ("tr", "işverenler", "working-times/"),
    ("tr", "güvenliği", "working-times/"),
    ("tr", "isg", "contracts/"),
    ("tr", "sozlesme", "contracts/"),
    ("tr", "isveren", "working-times/"),
    ("tr", "calisma suresi", "working-times/"),
    ("tr", "guvenligi", "working-times/"),
    ("tr", "isitma", "nace-codes/"),
    ("tr", "ameliyathane", "nace-codes/"),
    ("tr", "43.22.06", "nace-codes/"),
    ("tr", "43.22", "nace-codes/"),
    ("en", "contracts", "en/contracts/"),
    ("en", "hazard class", "en/nace-codes/"),
    ("en", "boiler", "en/nace-codes/"),
    ("en", "43.22.06", "en/nace-codes/"),
    ("en", "calisma suresi", "en/working-times/"),
]


@pytest.fixture(scope="module")
def search_pages(browser: Any, base_url: str) -> Any:
    pages = {lang: visit(browser, base_url + ("en/" if lang == "en" else "")) for lang in ("tr", "en")}
    yield pages
    for seen in pages.values():
        close(seen)


@pytest.mark.parametrize("lang, query, expected", SEARCHES)
def test_search_box(search_pages: Any, base_url: str, lang: str, query: str, expected: str) -> None:
    page = search_pages[lang].page
    box = page.locator(".md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    page.keyboard.type(query, delay=15)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q && "
        "document.querySelectorAll('.md-search-result__item').length > 0",
        arg=query,
        timeout=10_000,
    )
    page.wait_for_timeout(400)  # let the last keystroke's results land
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    paths = [link.removeprefix(base_url).split("#")[0] for link in links]
    assert expected in paths, (query, paths)
    # One index per language: Turkish searches find Turkish pages only, and vice versa.
    assert all(p.startswith("en/") == (lang == "en") for p in paths), paths


def _searched(page: Any, base_url: str, query: str) -> list[str]:
    """The header search's result links for `query`, as paths with their #fragment."""
    box = page.locator(".md-search__input")
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q && "
        "document.querySelectorAll('.md-search-result__item').length > 0",
        arg=query,
        timeout=10_000,
    )
    page.wait_for_timeout(300)  # let the last keystroke's results land
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    return [str(link).removeprefix(base_url) for link in links]


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en/")])
def test_header_search_lands_on_every_unit_and_list_row(
    search_pages: Any, base_url: str, data: dict[str, Any], lang: str, prefix: str
) -> None:
    page = search_pages[lang].page
    page.locator(".md-search__input").click()
    missed = []
    for group in data["nace"]["groups"]:
        for unit in group["units"]:
            names = {unit["name"][lang], unit["name"]["tr"]}  # English pages: the English and the Turkish name
            for name in names:
                if f"{prefix}nace-codes/#birim-{unit['id']}" not in _searched(page, base_url, name):
                    missed.append(name)
    for row in [r for r in data["nace_list"] if not r["valid_to"]][::150]:
        if f"{prefix}nace-list/#{row['code']}" not in _searched(page, base_url, row["description_tr"]):
            missed.append(row["description_tr"])
    for query, code in (("öğrenci yurdu", "55.90.01"), ("ogrenci yurdu", "55.90.01"), ("kreş", "88.91.01")):
        if f"{prefix}nace-list/#{code}" not in _searched(page, base_url, query):
            missed.append(query)
    assert missed == []


def _first_row(calc: Calculator, query: str, prefix: str) -> str:
    """The row the NACE page's box shows first for `query`, as a link."""
    found = calc.lookup(query)
    if found.suggestions and (found.suggestions_first or not found.matches):
        return f"{prefix}nace-codes/#ad-{found.suggestions[0].entry_id}"
    if found.matches:
        return f"{prefix}nace-codes/#birim-{found.matches[0].unit_id}"
    return f"{prefix}nace-list/#{found.list_entries[0].code}"


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en/")])
def test_header_search_lands_first_on_the_row_the_boxes_show_first(
    search_pages: Any, base_url: str, calc: Calculator, lang: str, prefix: str
) -> None:
    page = search_pages[lang].page
    page.locator(".md-search__input").click()
    asked = [query for query, _ in EVERYDAY[::6]]
    assert [(q, _searched(page, base_url, q)[0]) for q in asked] == [(q, _first_row(calc, q, prefix)) for q in asked]


def test_nace_filter(browser: Any, base_url: str) -> None:
    """Without words the class choice filters the Ek-1 tables; with words a ranked list of results
    replaces them (its order is tests/site/test_nace_search.py's); nothing found says so."""
    seen = visit(browser, base_url + "nace-codes/")
    page = seen.page
    try:
        # The Ek-1 tables' rows (the everyday names' table is filtered alike, tests/site/test_nace_page.py).
        visible = (
            "() => [...document.querySelectorAll('.nace-table:not(.nace-names) tbody tr')]"
            ".filter(r => !r.hidden).map(r => r.dataset.unit)"
        )
        units = "() => [...document.querySelectorAll('[data-results=guide] li')].map(li => li.dataset.unit)"
        assert len(page.evaluate(visible)) == 31
        page.fill("#nace-filter-text", "isitma")
        page.wait_for_selector('[data-nace-results][data-query="isitma"]')
        assert page.evaluate(units) == ["sihhi-tesisat-isitma"] and page.evaluate(visible) == []
        page.fill("#nace-filter-text", "43.22")
        assert page.evaluate(units) == ["sihhi-tesisat-isitma", "hvac-bakim", "tibbi-gaz-tesisati"]
        page.fill("#nace-filter-text", "KAZAN")
        assert page.evaluate(units)[0] == "kazan-dairesi"
        page.fill("#nace-filter-text", "")
        page.select_option("#nace-filter-class", "az_tehlikeli")
        rows = page.evaluate(visible)
        assert "kantin" in rows and "kazan-dairesi" not in rows and "temizlik" in rows
        assert page.is_hidden("[data-nace-results]")
        page.fill("#nace-filter-text", "zzzz")
        assert page.evaluate(units) == [] and page.evaluate(visible) == []
        assert page.text_content(".nace-filter__count") == load_site()["ui"]["words"]["filter_nothing"]["tr"]
        page.fill("#nace-filter-text", "43..22")
        assert page.text_content(".nace-filter__count") == load_site()["ui"]["words"]["filter_invalid_code"]["tr"]
    finally:
        close(seen)


def test_nace_filter_says_when_the_list_did_not_load(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url + "nace-codes/")
    page = seen.page
    try:
        page.route("**/assets/nace/list.json", lambda route: route.fulfill(status=404, body="not found"))
        page.fill("#nace-filter-text", "kazan")
        page.wait_for_selector('[data-nace-results][data-query="kazan"]')
        said = page.text_content(".nace-filter__count") or ""
        assert load_site()["ui"]["words"]["filter_failed"]["tr"] in said
        units = "() => [...document.querySelectorAll('[data-results=guide] li')].map(li => li.dataset.unit)"
        assert "kazan-dairesi" in page.evaluate(units)
    finally:
        close(seen)


def test_language_switcher_keeps_the_page(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url + "working-times/")
    try:
        href = seen.page.get_attribute('.md-select__link[hreflang="en"]', "href")
        assert href is not None
        seen.page.goto(base_url + "working-times/" + href)
        assert seen.page.url == base_url + "en/working-times/"
        back = seen.page.get_attribute('.md-select__link[hreflang="tr"]', "href")
        assert back is not None
        seen.page.goto(seen.page.url + back)
        assert seen.page.url == base_url + "working-times/"
    finally:
        close(seen)


def test_print_shows_content_only(browser: Any, base_url: str, tmp_path: Path) -> None:
    seen = visit(browser, base_url + "nace-codes/")
    page = seen.page
    try:
        page.fill("#nace-filter-text", "kazan")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".nace-filter"):
            assert not page.is_visible(hidden), hidden
        # Rows hidden by the filter on screen still print.
        assert page.evaluate("() => [...document.querySelectorAll('.nace-table tbody tr')].every(r => r.offsetParent !== null)")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        close(seen)


@pytest.mark.parametrize("lang, path", all_pages())
def test_every_page_prints_its_content_only(browser: Any, base_url: str, lang: str, path: str) -> None:
    """Printed from the browser, a page is its own text: no header, navigation, search or footer, and
    the printout starts with the page's title."""
    seen = visit(browser, base_url + path)
    page = seen.page
    try:
        title = " ".join(str(page.text_content("article h1")).replace("¶", "").split())
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
            assert not page.is_visible(hidden), hidden
        import pypdf

        printed = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
        first = " ".join(printed.pages[0].extract_text().split())
        assert first.startswith(title), first[:120]
    finally:
        close(seen)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_printed_plan_is_the_plan(browser: Any, base_url: str, prefix: str) -> None:
    seen = visit(browser, base_url + prefix + "plan/")
    page = seen.page
    try:
        page.wait_for_selector("html[data-calculator]", state="attached", timeout=60_000)
        page.click("#plan-example")
        page.click("#plan-form button[type=submit]")
        page.wait_for_selector("#plan-result[data-feasible]", timeout=20_000)
        page.emulate_media(media="print")
        assert not page.is_visible("#plan-form") and not page.is_visible(".md-header")
        assert page.is_visible("#plan-result .plan-person")
    finally:
        close(seen)


# Every focused control's ring: outline (or box-shadow) width in px, and the ring's colour against the page.
_FOCUS_RING = """async () => {
  // Material fades the search box's background in on focus: read the colours once it has settled.
  // (At most a second: an endless animation must not stop the test.)
  const settled = Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => null)));
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 1000))]);
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const width = style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0;
  // What the ring is drawn on: the nearest ancestor with an opaque background (the page's white at last).
  let behind = el.parentElement, background = "rgb(255, 255, 255)";
  while (behind) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (colour && !colour.startsWith("rgba(0, 0, 0, 0)") && colour !== "transparent") { background = colour; break; }
    behind = behind.parentElement;
  }
  return {tag: el.tagName, id: el.id, cls: String(el.className), width, color: style.outlineColor,
          shadow: style.boxShadow, background};
}"""


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"[0-9.]+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("lang, path", [p for p in all_pages() if "print" not in p[1]])
def test_keyboard_focus_is_visible_everywhere(browser: Any, base_url: str, lang: str, path: str) -> None:
    """Tab through the page: every control that takes focus shows a ring of at least 2 px whose colour
    is at least 3:1 against what it is drawn on (WCAG 2.4.7, 1.4.11)."""
    seen = visit(browser, base_url + path, bypass_csp=True)
    try:
        seen.page.wait_for_load_state("load")
        # Every transition and animation at its end at once: the rings read as they settle, without
        # waiting on each (Material fades colours in on focus; 26 pages × 60 tabs took 5 minutes).
        seen.page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
        faint = []
        seen_ids = set()
        for _ in range(60):
            seen.page.keyboard.press("Tab")
            ring = seen.page.evaluate(_FOCUS_RING)
            if ring is None:
                continue
            key = (ring["tag"], ring["id"], ring["cls"])
            if key in seen_ids:
                continue
            seen_ids.add(key)
            ring_l, back_l = _luminance(ring["color"]), _luminance(ring["background"])
            contrast = (max(ring_l, back_l) + 0.05) / (min(ring_l, back_l) + 0.05)
            if (ring["width"] < 2 or contrast < 3) and ring["shadow"] == "none":
                faint.append(ring)
        assert len(seen_ids) >= 3
        assert faint == [], [(f["tag"], f["id"], f["cls"][:40], f["width"], f["color"], f["background"]) for f in faint]
    finally:
        close(seen)


@pytest.mark.parametrize("prefix, query", [("", "sözleşme"), ("en/", "contract")])
def test_open_search_results_have_no_serious_accessibility_issue(browser: Any, base_url: str, prefix: str, query: str) -> None:
    seen = visit(browser, base_url + prefix, bypass_csp=True)
    try:
        seen.page.click(".md-search__input")
        seen.page.keyboard.type(query, delay=20)
        seen.page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert serious_axe_issues(seen.page) == []
    finally:
        close(seen)
