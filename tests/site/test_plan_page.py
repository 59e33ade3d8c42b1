"""The staffing plan page, in Chromium: the plan it shows is CPython's (calculator.staffing) for the
same lists, in both languages; what is short is said; bad lists get a message next to the list;
the downloads hold the same table as the CLI's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from calculator import Calculator, xlsx
from calculator.batch_table import to_csv
from calculator.staffing import plan_table, staffing_plan
from datafiles import load_site
from tests.site.browsing import Visit, close, visit
from tests.site.test_calculator import wait_ready

SHORT_STAFF = "Bora;İGU;B;100000;hayır\nDr. Ece;İH;;10;hayır\nGül;DSP;;1000;hayır"


def _plan(seen: Visit, units: str, staff: str) -> None:
    page = seen.page
    page.evaluate("document.getElementById('plan-result').removeAttribute('data-feasible')")
    page.fill("#plan-units", units)
    page.fill("#plan-staff", staff)
    page.click("#plan-form button[type=submit]")
    page.wait_for_selector("#plan-result[data-feasible]", timeout=20_000)


def _sections(seen: Visit) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = seen.page.evaluate("""() => [...document.querySelectorAll('.plan-person')].map((s) => ({
        title: s.querySelector('h3').textContent,
        rows: [...s.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent))}))""")
    return found


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en/")])
def test_the_page_shows_cpythons_plan(browser: Any, base_url: str, calc: Calculator, lang: str, prefix: str) -> None:
    words = load_site()["ui"]["words"]
    units, staff = words["plan_example_units"][lang], words["plan_example_staff"][lang]
    seen = visit(browser, base_url + prefix + "plan/")
    try:
        wait_ready(seen)
        seen.page.click("#plan-example")
        assert seen.page.input_value("#plan-units") == units
        seen.page.click("#plan-form button[type=submit]")
        seen.page.wait_for_selector("#plan-result[data-feasible]", timeout=20_000)
        answer = staffing_plan(calc.rules, calc.index, units, staff)
        assert seen.page.get_attribute("#plan-result", "data-feasible") == str(answer.plan.feasible).lower()
        table = plan_table(calc.rules, answer, lang)
        sections = _sections(seen)
        assert [s["title"].split(" (")[0] for s in sections] == [load.professional for load in answer.plan.loads]
        for section, load in zip(sections, answer.plan.loads, strict=True):
            mine = [row for row in table.rows if row["professional"] == load.professional]
            assert [[r[0], r[4]] for r in section["rows"]] == [
                [row["unit"], f"{row['minutes']:,}".replace(",", "." if lang == "tr" else ",")] for row in mine
            ]
        # Per unit and role, who covers it: every assignment's professional under its unit.
        per_unit = seen.page.eval_on_selector_all(
            "#plan-per-unit tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
        )
        pairs = {(a.unit, a.role) for a in answer.plan.assignments} | {(u.unit, u.role) for u in answer.plan.uncovered}
        assert len(per_unit) == len(pairs)
        for a in answer.plan.assignments:
            assert any(row[0] == a.unit and a.professional in row[2] for row in per_unit), a
        # The first professional's assignments on İSG-KATİP's form, drawn when opened: CPython's figures
        # (the page's drawings; a phone's copies carry the same, tests/test_screens.py).
        first = answer.plan.loads[0].professional
        seen.page.click(".plan-person .plan-form-drawing summary")
        first_forms = [form for a, form in zip(answer.plan.assignments, answer.forms, strict=True) if a.professional == first]
        seen.page.wait_for_selector(f".plan-person .plan-form-drawing figure:nth-of-type({len(first_forms)}) svg", timeout=20_000)
        drawn = seen.page.eval_on_selector_all(
            ".plan-person:first-of-type .plan-form-drawing .screen-figure > svg",
            """svgs => svgs.map(
            (svg) => Object.fromEntries([...svg.querySelectorAll("text.screen-value")]
                .map((t) => [t.dataset.field, t.textContent])))""",
        )
        separator = "." if lang == "tr" else ","
        assert [{f: v for f, v in d.items() if f not in ("TEHLİKE SINIFI", "NACE KODU")} for d in drawn] == [
            {row["label"]: f"{row['value']:,}".replace(",", separator) for row in form if row["label"] != "NACE KODU"}
            for form in first_forms
        ]
        # Now one that cannot be covered: what is short, in the page's language, as Python says it.
        _plan(seen, units, SHORT_STAFF)
        short = staffing_plan(calc.rules, calc.index, units, SHORT_STAFF)
        shown = seen.page.eval_on_selector_all(".plan-summary li", "items => items.map(i => i.textContent)")
        assert shown == [text[lang] for text in short.shortfall_texts] and shown
        assert seen.console_errors == []
    finally:
        close(seen)


def test_bad_lists_are_said_next_to_the_list(browser: Any, base_url: str) -> None:
    seen = visit(browser, base_url + "plan/")
    try:
        wait_ready(seen)
        page = seen.page
        page.fill("#plan-units", "Kütüphane;40")
        page.fill("#plan-staff", "")
        page.click("#plan-form button[type=submit]")
        page.wait_for_selector("#plan-staff-error:not([hidden])")
        assert page.get_attribute("#plan-staff", "aria-invalid") == "true"
        assert "Personel listesi boş" in (page.text_content("#plan-staff-error") or "")
        # A bad line is named with its number; the rest is planned.
        _plan(seen, "Kütüphane;40", "Ayşe;İGU;A;3000;hayır\nBora;müdür;B;1000;hayır")
        said = page.text_content(".plan-errors") or ""
        assert "Satır 2" in said and "bir rol değil" in said
        assert page.is_hidden("#plan-staff-error")
    finally:
        close(seen)


def test_downloads_hold_the_clis_table(browser: Any, base_url: str, calc: Calculator, tmp_path: Path) -> None:
    units, staff = "Kütüphane;40\nKazan dairesi;12", "Ayşe;İGU;A;300;hayır\nDr. Ece;İH;;2000;hayır\nGül;DSP;;1000;hayır"
    seen = visit(browser, base_url + "plan/", accept_downloads=True)
    try:
        wait_ready(seen)
        _plan(seen, units, staff)
        answer = staffing_plan(calc.rules, calc.index, units, staff)
        table = plan_table(calc.rules, answer, "tr")
        with seen.page.expect_download() as csv_download:
            seen.page.click(".calc-downloads a")
        assert Path(csv_download.value.path()).read_bytes().decode("utf-8") == to_csv("tr", table)
        with seen.page.expect_download(timeout=30_000) as xlsx_download:
            seen.page.click("#plan-xlsx")
        cells = xlsx.sheet_lines(Path(xlsx_download.value.path()).read_bytes())
        every: list[dict[str, Any]] = [*table.rows, table.total]
        expected = [list(table.columns.values()), *[[row[k] for k in table.columns] for row in every]]
        assert cells == [[str(c) for c in row] for row in expected]
    finally:
        close(seen)


def test_a_large_plan_is_drawn_without_blocking_the_page(browser: Any, base_url: str) -> None:
    """2,000 units and 300 professionals: the plan is drawn in pieces, no main-thread task over 200 ms."""
    units = "\n".join(f"Birim {i};{'85.40.02' if i % 3 else '43.22.06'};{10 + i % 90}" for i in range(2000))
    units = "Birim;NACE kodu;Çalışan\n" + units
    staff = "\n".join(f"Kişi {i};{['İGU', 'İH', 'DSP'][i % 3]};{'A' if i % 3 == 0 else ''};6000;hayır" for i in range(300))
    seen = visit(browser, base_url + "plan/")
    try:
        wait_ready(seen)
        page = seen.page
        page.eval_on_selector("#plan-units", "(box, text) => { box.value = text; }", units)
        page.eval_on_selector("#plan-staff", "(box, text) => { box.value = text; }", staff)
        page.evaluate("""() => { window.longTasks = [];
            new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
                .observe({ type: "longtask" }); }""")
        page.click("#plan-form button[type=submit]")
        page.wait_for_selector("#plan-result[data-feasible]", timeout=120_000)
        assert len(page.query_selector_all(".plan-person")) == 300
        longest = page.evaluate("Math.max(0, ...window.longTasks)")
        assert longest < 200, longest
    finally:
        close(seen)
