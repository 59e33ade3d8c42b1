from __future__ import annotations

import html as html_module
import re
from pathlib import Path
from typing import Any

import pytest

from datafiles import load_site


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en")])
def test_every_unit_on_the_nace_page(site_dir: Path, all_units: list[dict[str, Any]], lang: str, prefix: str) -> None:
    html = (site_dir / prefix / "nace-codes" / "index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr id="birim-([a-z0-9-]+)"(.*?)</tr>', html, re.S))
    assert sorted(rows) == sorted(u["id"] for u in all_units)
    for unit in all_units:
        row = rows[unit["id"]]
        name = unit["name"][lang].replace("&", "&amp;")
        assert f"<td>{name}</td>" in row, unit["id"]
        for entry in unit["codes"]:
            assert f'<span class="nace-code">{entry["code"]}</span>' in row
            assert f"guide-hazard--{entry['hazard_class']}" in row
        for note in unit.get("notes", []):
            assert note[lang].replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;") in row


@pytest.mark.parametrize("prefix", ["", "en"])
def test_disagreements_marked_on_the_nace_page_and_listed_on_about(site_dir: Path, calc: Any, prefix: str) -> None:
    from calculator.crosscheck import disagreements

    differing = disagreements(calc.index)
    nace = (site_dir / prefix / "nace-codes" / "index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr id="birim-([a-z0-9-]+)"(.*?)</tr>', nace, re.S))
    marked = [
        (unit, code)
        for unit, row in rows.items()
        for code, _ in re.findall(r'data-check="[a-z_]+">([0-9.]+): ([^<]+)</span>', row)
    ]
    assert sorted(marked) == sorted((d.unit_id, d.code) for d in differing)
    about = (site_dir / prefix / "about-data" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<tr data-unit="([a-z0-9-]+)" data-code="([0-9.]+)" data-status="([a-z_]+)">', about)
    assert listed == [(d.unit_id, d.code, d.status) for d in differing]


@pytest.mark.parametrize("prefix", ["", "en"])
def test_the_whole_list_by_section_and_division_each_code_an_anchor(site_dir: Path, prefix: str) -> None:
    data = load_site()
    html = (site_dir / prefix / "nace-list" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr id="([0-9.]+)"><td><a class="nace-code" href="#\1">\1</a></td><td><span lang="tr">([^<]*)</span>', html
    )
    now = [row for row in data["nace_list"] if not row["valid_to"]]
    assert [code for code, _ in rows] == sorted(row["code"] for row in now)
    titles = {row["code"]: row["description_tr"] for row in now}
    assert all(titles[code] == html_module.unescape(title) for code, title in rows)
    # Every division under its section's heading, in order, and each section once.
    headings = re.findall(r'<h([23]) id="(section-[a-z]|division-[0-9]{2})"', html)
    divisions = [h[1][-2:] for h in headings if h[0] == "3"]
    assert divisions == sorted({row["code"][:2] for row in now})
    sections = [h[1][-1] for h in headings if h[0] == "2"]
    holding = [
        s["letter"].lower()
        for s in data["nace_sections"]["sections"]
        if any(s["divisions"][0] <= int(d) <= s["divisions"][1] for d in divisions)
    ]
    assert sections == holding
    # Where it comes from, and that it is a transcription, said on the page.
    assert ("Tebliğ ekinin aktarımı" if not prefix else "a transcription of the Communiqué's annex") in html


@pytest.mark.parametrize("lang, prefix", [("tr", ""), ("en", "en")])
def test_every_everyday_name_on_the_nace_page(site_dir: Path, calc: Any, lang: str, prefix: str) -> None:
    """Each entry of data/unit_names.yaml is a row of its own: a suggestion's codes link to their rows of
    the NACE list with the list's classes, another name of an Ek-1 row links to that row."""
    names = load_site()["unit_names"]
    html = (site_dir / prefix / "nace-codes" / "index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr id="ad-([a-z0-9-]+)" data-classes="[a-z_ ]+">(.*?)</tr>', html, re.S))
    assert sorted(rows) == sorted(e["id"] for e in names["entries"])
    suggestions = {s.entry_id: s for s in calc.index.suggestions}
    for entry in names["entries"]:
        row = html_module.unescape(rows[entry["id"]])
        assert entry[lang][0] in row
        if "unit" in entry:
            assert f'href="#birim-{entry["unit"]}"' in row
            continue
        for code in suggestions[entry["id"]].codes:
            assert f'href="../nace-list/#{code.code}">{code.code}</a>' in row
            assert f"guide-hazard--{code.hazard_class}" in row
    assert html_module.unescape(names["notice"][lang]).split(":")[0] in html_module.unescape(html)
