"""Every page on a 375 px phone, in both languages (issue 20): nothing scrolls the page sideways,
and every table either fits, or is one card per row, or scrolls inside its own box with its first
column kept in view; no cell is squeezed to a word or two per line. The calculator's single and
batch results and the staffing plan are measured with a result on screen. Every drawing of
İSG-KATİP's screens shows each numbered target a step points at inside the screen, with no text
under 12 px (issue 39)."""

from __future__ import annotations

from typing import Any

import pytest

from datafiles import load_site
from tests.site.browsing import Visit, close, serious_axe_issues, visit
from tests.site.conftest import LANGUAGES, PAGES
from tests.site.test_calculator import wait_ready

PHONE = {"width": 375, "height": 800}
# A cell with at least this many words is never narrower than NARROWEST px (about 8 characters).
WORDY, NARROWEST = 4, 90
# A drawing's smallest text on a phone, in px.
SMALLEST_TEXT = 12

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
        cards: getComputedStyle(table).display === "block"
          && rows.every((r) => getComputedStyle(r).display === "grid" && r.getBoundingClientRect().width <= box.clientWidth + 1),
        firstKept: rows.length > 0 && first.every((position) => position === "sticky"),
        squeezed,
      };
    }),
    // Each drawing as shown: every numbered target's box inside the screen, and its smallest text.
    drawings: [...document.querySelectorAll("article .screen-figure svg")].filter((svg) => svg.getBoundingClientRect().width > 0)
      .map((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return {
          screen: svg.dataset.screen,
          outside: [...svg.querySelectorAll(".screen-target")].filter((target) => {
            const box = target.getBoundingClientRect();
            return box.left < 0 || box.right > window.innerWidth;
          }).map((target) => target.dataset.step),
          smallest: Math.min(...[...svg.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size")) * scale)),
          scrolls: svg.closest(".screen-figure").scrollWidth > svg.closest(".screen-figure").clientWidth,
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
    for drawing in found["drawings"]:
        problems += [f"drawing {drawing['screen']}: step {step}'s target off-screen" for step in drawing["outside"]]
        if drawing["smallest"] < SMALLEST_TEXT - 0.05:
            problems.append(f"drawing {drawing['screen']}: text of {drawing['smallest']:.1f} px")
        if drawing["scrolls"]:
            problems.append(f"drawing {drawing['screen']}: scrolls sideways")
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
        # The answer, a line per role, ends within one screen of the result's heading.
        answer = seen.page.evaluate("""() => {
          const top = document.querySelector("#calc-result h2").getBoundingClientRect().top;
          const lines = [...document.querySelectorAll("#calc-result .calc-answer li")];
          return {lines: lines.length, bottom: lines.at(-1).getBoundingClientRect().bottom - top};
        }""")
        assert answer["lines"] == 3 and answer["bottom"] <= PHONE["height"], answer
        seen.page.fill("#calc-csv", words["plan_example_units"][lang])
        seen.page.click("#calc-batch button[type=submit]")
        seen.page.wait_for_selector("#calc-batch-result:not([hidden]) .calc-batch-table", timeout=20_000)
        assert _problems(seen) == []
        # Each card: the unit, then the figures to type (a role's), then the rest.
        orders = seen.page.evaluate("""() => [...document.querySelectorAll(".calc-batch-table tbody tr")].map((row) =>
          [...row.cells].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
            .map((cell) => cell.dataset.key))""")
        for keys in orders:
            roles = [i for i, key in enumerate(keys) if "." in key]
            assert keys[0] == "input" and roles == list(range(1, len(roles) + 1)), keys
    finally:
        close(seen)
    seen = visit(browser, base_url + prefix + "plan/", viewport=PHONE)
    try:
        wait_ready(seen)
        seen.page.click("#plan-example")
        seen.page.click("#plan-form button[type=submit]")
        seen.page.wait_for_selector("#plan-result[data-feasible]", timeout=20_000)
        assert _problems(seen) == []
        # A plan's filled-in forms, opened: the phone's copies, measured as the guide's drawings are.
        seen.page.click(".plan-form-drawing summary >> nth=0")
        seen.page.wait_for_selector(".plan-form-drawing .screen-phone svg", state="visible", timeout=20_000)
        assert _problems(seen) == []
    finally:
        close(seen)


@pytest.mark.parametrize("path", ["login/", "contracts/", "working-times/", "changes/", "about-data/"])
@pytest.mark.parametrize("prefix", LANGUAGES.values())
def test_pages_on_a_phone_are_accessible(browser: Any, base_url: str, prefix: str, path: str) -> None:
    """axe-core on the pages as a phone shows them: the procedures' drawings laid out for a phone, the
    rule tables scrolling in their own box (which a keyboard reaches: tabindex, hooks/templates)."""
    seen = visit(browser, base_url + prefix + path, viewport=PHONE, bypass_csp=True)
    try:
        assert serious_axe_issues(seen.page) == []
    finally:
        close(seen)
