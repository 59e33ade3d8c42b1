"""One matching rule: the NACE page's filter (JavaScript, in Chromium) gives the same matches in
the same order as calculator.lookup for every query of tests/nace_queries.py, and the results
link to rows that exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from calculator import Calculator
from calculator.errors import CalculatorError
from tests.nace_queries import queries
from tests.site.browsing import close, visit

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
    answers.push({error: results.dataset.error !== "", units: read("guide", "unit"),
                  nearby: read("nearby", "unit"), list: read("list", "code")});
  }
  return answers;
}"""


def python_answer(calc: Calculator, query: str) -> dict[str, Any]:
    try:
        found = calc.lookup(query)
    except CalculatorError:
        return {"error": True, "units": [], "nearby": [], "list": []}
    return {
        "error": False,
        "units": [m.unit_id for m in found.matches],
        "nearby": [m.unit_id for m in found.nearby],
        "list": [e.code for e in found.list_entries],
    }


def test_the_filter_matches_like_lookup(browser: Any, base_url: str, calc: Calculator, data: dict[str, Any]) -> None:
    asked = queries(data)
    assert len(asked) >= 150
    seen = visit(browser, base_url + "nace-codes/")
    try:
        shown = seen.page.evaluate(_TYPE_ALL, asked)
    finally:
        close(seen)
    differ = [(q, got, python_answer(calc, q)) for q, got in zip(asked, shown, strict=True) if got != python_answer(calc, q)]
    assert differ == []
    # The matrix exercises every kind of answer.
    answers = [python_answer(calc, q) for q in asked]
    assert sum(a["error"] for a in answers) >= 3 and sum(bool(a["nearby"]) for a in answers) >= 1
    assert sum(bool(a["units"]) and bool(a["list"]) for a in answers) >= 50


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
