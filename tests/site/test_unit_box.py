"""The calculator's unit box: an accessible combobox whose suggestions are Python's lookup, in
the same order as the NACE page and the CLI, grouped "in the guide" / "by everyday name" / "in the
list", each with its code and class, worked from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Calculator
from tests.site.browsing import close, visit
from tests.site.test_calculator import wait_ready

SUGGESTED = 8  # calculator.js shows at most this many of each group


def _suggested(page: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('#calc-unit-options [role=group]')]
        .map((group) => [document.getElementById(group.getAttribute('aria-labelledby')).textContent,
                         [...group.querySelectorAll('[role=option]')].map((o) => o.firstChild.textContent)]))""")
    return found


def _expected(calc: Calculator, query: str, lang: str) -> list[list[str]]:
    found = calc.lookup(query)
    units = list(dict.fromkeys(m.name[lang] for m in found.matches))[:SUGGESTED]
    # An everyday name: each of its codes, under the name matched where it is one of this language's.
    shown = [(s.matched if s.matched in s.names[lang] else s.names[lang][0], s.codes) for s in found.suggestions]
    named = [f"{name} · {code.code}" for name, codes in shown for code in codes][:SUGGESTED]
    # English pages: the English title of the code's NACE class, where it has one.
    codes = [f"{e.code} {e.title_en if lang == 'en' and e.title_en else e.title_tr}" for e in found.list_entries[:SUGGESTED]]
    guide = [named, units] if found.suggestions_first else [units, named]
    return [group for group in (*guide, codes) if group]


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en/")])
def test_suggestions_are_lookups_answer_in_order(browser: Any, base_url: str, calc: Calculator, lang: str, prefix: str) -> None:
    seen = visit(browser, base_url + prefix + "calculator/")
    try:
        wait_ready(seen)
        page = seen.page
        for query in (
            "kres",
            "ogrenci yurdu",
            "laboratuvarlar",
            "ameliyathanesi",
            "432206",
            "kazan",
            "43.2",
            "boiler",
            "hastane",
            "kütüphane",
            "diş kliniği",
            "merkez kütüphane",
        ):
            page.fill("#calc-unit", query)
            expected = _expected(calc, query, lang)
            for _ in range(200):
                if list(_suggested(page).values()) == expected:
                    break
                page.wait_for_timeout(50)
            assert list(_suggested(page).values()) == expected, query
            assert page.get_attribute("#calc-unit", "aria-expanded") == "true"
        # Each suggestion shows its code and class.
        details = page.eval_on_selector_all("#calc-unit-options .calc-options__detail", "ds => ds.map(d => d.textContent)")
        assert details and all(d.strip() for d in details)
        assert seen.console_errors == []
    finally:
        close(seen)


def test_keyboard_picks_and_closes(browser: Any, base_url: str, calc: Calculator) -> None:
    seen = visit(browser, base_url + "calculator/")
    try:
        wait_ready(seen)
        page = seen.page
        page.focus("#calc-unit")
        page.keyboard.type("kres")
        page.wait_for_selector("#calc-unit-options [role=option]")
        assert page.get_attribute("#calc-unit", "role") == "combobox"
        assert page.get_attribute("#calc-unit-options", "role") == "listbox"
        assert "NACE listesinde" in (page.text_content("#calc-unit-count") or "")
        groups = page.eval_on_selector_all(
            "#calc-unit-options [role=group]", "gs => gs.map(g => g.getAttribute('aria-labelledby'))"
        )
        assert groups and all(page.text_content(f"#{g}") for g in groups)
        page.keyboard.press("ArrowDown")
        first = page.get_attribute("#calc-unit", "aria-activedescendant")
        assert first and page.get_attribute(f"#{first}", "aria-selected") == "true"
        page.keyboard.press("ArrowDown")
        second = page.get_attribute("#calc-unit", "aria-activedescendant")
        assert second != first and page.get_attribute(f"#{first}", "aria-selected") == "false"
        page.keyboard.press("ArrowUp")
        assert page.get_attribute("#calc-unit", "aria-activedescendant") == first
        page.keyboard.press("Enter")
        want = calc.lookup("kres").list_entries[0].code
        assert page.input_value("#calc-unit") == want
        assert page.is_hidden("#calc-unit-options")
        assert page.get_attribute("#calc-unit", "aria-expanded") == "false"
        assert page.locator("#calc-result .calc-role").count() == 0  # Enter picked; it did not send the form
        # Escape closes the list and keeps what was typed.
        page.fill("#calc-unit", "")
        page.keyboard.type("kazan")
        page.wait_for_selector("#calc-unit-options:not([hidden])")
        page.keyboard.press("Escape")
        assert page.is_hidden("#calc-unit-options") and page.input_value("#calc-unit") == "kazan"
        assert page.evaluate("document.activeElement.id") == "calc-unit"
    finally:
        close(seen)
