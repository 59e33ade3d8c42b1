"""The NACE page's box in Chromium: it runs the one matching rule (docs/assets/js/nace-match.js,
whose answers tests/test_matching_parity.py proves equal to calculator.lookup's in Node.js) on the
page's own data, shows the guide's units, the everyday names and the list's codes as
calculator.lookup orders them, offers the nearest words where nothing is found, and its results
link to rows that exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from calculator import Calculator
from tests.site.browsing import close, visit
from tests.test_matching_parity import python_answer

# One query of each kind of answer: a unit, an everyday name, both with list codes, a code, a
# prefix, a word that finds nothing, a malformed code.
WIRING = ["kazan dairesi", "diş kliniği", "kreş", "43.22.06", "43.22", "merkz yurdu", "43..22"]

# Types each query into the filter and reads what it shows once the list has loaded.
_TYPE_ALL = """async (queries) => {
  const input = document.getElementById("nace-filter-text");
  const results = document.querySelector("[data-nace-results]");
  const read = (name, attribute) =>
    [...results.querySelectorAll(`[data-results="${name}"] li`)].map((li) => li.dataset[attribute]);
  const answers = [];
  for (const query of queries) {
    input.value = query;
    input.dispatchEvent(new Event("input"));
    for (let waited = 0; results.dataset.query !== query; waited += 50) {
      if (waited > 15000) throw new Error(`no answer for ${query}`);
      await new Promise((done) => setTimeout(done, 50));
    }
    const groups = [...results.querySelectorAll(".nace-results__group ol")].map((ol) => ol.dataset.results);
    const help = document.querySelector("[data-nace-help]");
    answers.push({error: results.dataset.error !== "", units: read("guide", "unit"), names: read("names", "name"),
                  nearby: read("nearby", "unit"), list: read("list", "code"), names_first: groups[0] === "names",
                  nearest: help.hidden ? [] : [...help.querySelectorAll("button")].map((b) => b.textContent)});
  }
  return answers;
}"""


def test_the_box_shows_what_lookup_finds(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = visit(browser, base_url + "nace-codes/")
    try:
        shown = seen.page.evaluate(_TYPE_ALL, WIRING)
    finally:
        close(seen)
    for query, got in zip(WIRING, shown, strict=True):
        want = python_answer(calc, query)
        if want["error"]:
            assert got["error"], query
            continue
        want["names"] = [name for name, *_ in want["names"]]
        assert {key: got[key] for key in want if key != "error"} == {k: v for k, v in want.items() if k != "error"}, query


def test_unit_and_list_results_land_on_rows(browser: Any, base_url: str, site_dir: Path) -> None:
    seen = visit(browser, base_url + "en/nace-codes/")
    try:
        page = seen.page
        page.fill("#nace-filter-text", "ogrenci yurdu")
        page.wait_for_selector('[data-results="list"] li[data-code="55.90.01"]')
        assert page.locator("h2:visible").count() == 0  # the Ek-1 tables and their headings give way
        page.click('[data-results="list"] li[data-code="55.90.01"] a')
        page.wait_for_url("**/en/nace-list/#55.90.01")
        assert page.evaluate("document.getElementById('55.90.01').getBoundingClientRect().top") < 200
        page.goto(base_url + "en/nace-codes/")
        page.fill("#nace-filter-text", "kazan dairesi")
        page.click('[data-results="guide"] li[data-unit="kazan-dairesi"] a')
        page.wait_for_url("**/en/nace-codes/#birim-kazan-dairesi")
        # (A request cut short by leaving the page, e.g. the favicon's, is no failure.)
        assert [f for f in seen.failures if "ERR_ABORTED" not in f] == [] and seen.console_errors == []
    finally:
        close(seen)


def test_the_list_is_fetched_only_when_the_reader_types(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url + "nace-codes/")
    try:
        assert not any(url.endswith("/assets/nace/list.json") for url in seen.requests)
        seen.page.fill("#nace-filter-text", "kreş")
        seen.page.wait_for_selector('[data-results="list"] li[data-code="88.91.01"]')
        assert sum(url.endswith("/assets/nace/list.json") for url in seen.requests) == 1
    finally:
        close(seen)
