"""Every page on a 375 px phone, in both languages (issue 20): nothing scrolls the page sideways,
and every table either fits, or is one card per row, or scrolls inside its own box with its first
column kept in view; no cell is squeezed to a word or two per line. The calculator's single and
batch results and the staffing plan are measured with a result on screen."""

from __future__ import annotations

from typing import Any

import pytest

from datafiles import load_site
from tests.site.browsing import Visit, close, visit
from tests.site.conftest import LANGUAGES, PAGES
from tests.site.test_calculator import wait_ready

PHONE = {"width": 375, "height": 800}
# A cell with at least this many words is never narrower than NARROWEST px (about 8 characters).
WORDY, NARROWEST = 4, 90

MEASURE = """([wordy, narrowest]) => {
  const tables = [...document.querySelectorAll("article table")].filter((t) => t.offsetParent !== null);
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    tables: tables.map((table) => {
      const box = table.parentElement;
      const rows = [...table.querySelectorAll("tr")].filter((r) => r.offsetParent !== null && r.cells.length > 1);
      const first = rows.map((r) => getComputedStyle(r.cells[0]).position);
      const squeezed = [...table.querySelectorAll("td, th")].filter((cell) => cell.offsetParent !== null
        && cell.textContent.trim().split(/\\s+/).length >= wordy && cell.getBoundingClientRect().width < narrowest)
        .map((cell) => `${Math.round(cell.getBoundingClientRect().width)} px: ${cell.textContent.trim().slice(0, 40)}`);
      return {
        name: table.className,
        fits: table.getBoundingClientRect().width <= box.clientWidth + 1,
        scrolls: ["auto", "scroll"].includes(getComputedStyle(box).overflowX),
        cards: getComputedStyle(table).display === "block" && rows.every((r) => getComputedStyle(r).display === "grid"),
        firstKept: rows.length > 0 && first.every((position) => position === "sticky"),
        squeezed,
      };
    }),
  };
}"""


def _problems(seen: Visit) -> list[str]:
    found = seen.page.evaluate(MEASURE, [WORDY, NARROWEST])
    problems = [f"the page scrolls sideways by {found['overflow']} px"] if found["overflow"] > 0 else []
    for table in found["tables"]:
        readable = table["fits"] or table["cards"] or (table["scrolls"] and table["firstKept"])
        if not readable:
            problems.append(f"{table['name']}: wider than the screen, not cards, first column not kept in view")
        problems += [f"{table['name']}: squeezed cell {cell}" for cell in table["squeezed"]]
    return problems


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", LANGUAGES.values())
def test_every_page_reads_on_a_phone(browser: Any, base_url: str, prefix: str, path: str) -> None:
    seen = visit(browser, base_url + prefix + path, viewport=PHONE)
    try:
        assert _problems(seen) == []
    finally:
        close(seen)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_results_and_plans_read_on_a_phone(browser: Any, base_url: str, lang: str) -> None:
    words = load_site()["ui"]["words"]
    prefix = LANGUAGES[lang]
    seen = visit(browser, base_url + prefix + "calculator/?hazard=cok&employees=300", viewport=PHONE)
    try:
        wait_ready(seen)
        seen.page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=10_000)
        assert _problems(seen) == []
        seen.page.fill("#calc-csv", words["plan_example_units"][lang])
        seen.page.click("#calc-batch button[type=submit]")
        seen.page.wait_for_selector("#calc-batch-result:not([hidden]) .calc-batch-table", timeout=20_000)
        assert _problems(seen) == []
    finally:
        close(seen)
    seen = visit(browser, base_url + prefix + "plan/", viewport=PHONE)
    try:
        wait_ready(seen)
        seen.page.click("#plan-example")
        seen.page.click("#plan-form button[type=submit]")
        seen.page.wait_for_selector("#plan-result[data-feasible]", timeout=20_000)
        assert _problems(seen) == []
    finally:
        close(seen)
