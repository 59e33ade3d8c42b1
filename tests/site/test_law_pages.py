"""The law's facts on the built site and in both PDFs: the university facts with their sources and
how well each is sourced, and the NACE list never called "official"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cli.commands import _WORDS
from datafiles import load_site
from tests.site.conftest import LANGUAGES, PAGES
from tests.site.html_text import read
from tests.site.test_pdf import PDFS, squeezed, text

# What the transcription of the Communiqué's annex must never be called (rules.md; data/nace_list.yaml).
OFFICIAL_LIST = re.compile(r"resm[iîı]\s+(nace\s+)?liste|official\s+(nace\s+)?list|official\s+turkish\s+title", re.IGNORECASE)


def _page_text(site_dir: Path, prefix: str, page: str) -> str:
    html = (site_dir / prefix / page / "index.html").read_text(encoding="utf-8")
    return " ".join(t for t, _ in read(html).texts)


@pytest.mark.parametrize("lang, prefix", list(LANGUAGES.items()))
def test_no_page_or_pdf_calls_the_list_official(site_dir: Path, lang: str, prefix: str) -> None:
    for page in PAGES:
        assert OFFICIAL_LIST.findall(_page_text(site_dir, prefix, page)) == [], prefix + page
    assert OFFICIAL_LIST.findall(text(site_dir / PDFS[lang])) == []


def test_no_cli_or_interface_word_calls_the_list_official() -> None:
    words = [w for lang in _WORDS.values() for w in lang.values()]
    words += [w for pair in load_site()["ui"]["words"].values() for w in pair.values()]
    assert [w for w in words if OFFICIAL_LIST.search(w)] == []


@pytest.mark.parametrize("lang, prefix", list(LANGUAGES.items()))
def test_university_facts_on_the_site_and_in_the_pdf(site_dir: Path, data: dict[str, Any], lang: str, prefix: str) -> None:
    durations = data["durations"]
    page = _page_text(site_dir, prefix, "working-times/")
    pdf = squeezed(text(site_dir / PDFS[lang]))
    for fact in [*durations["facts"], durations["public_bodies"]]:
        assert fact["label"][lang] in page, fact.get("id")
        assert squeezed(fact["label"][lang])[:80] in pdf, fact.get("id")
    # Each with its article and, where it is not the law's own text, the mark saying so.
    article = "md." if lang == "tr" else "Art."
    for cited in ("6(4)", "8(6)", "8(7)", "38(1)(a)(1)", "8(5)", "6(3)"):
        assert f"{article} {cited}" in page, cited
    secondary = {"tr": "İkincil kaynak", "en": "Secondary source"}[lang]
    unconfirmed = {"tr": "Doğrulanmamış", "en": "Unconfirmed"}[lang]
    assert secondary in page and unconfirmed in page
    assert squeezed(secondary) in pdf


@pytest.mark.parametrize("lang, prefix", list(LANGUAGES.items()))
def test_one_class_per_workplace_where_a_unit_is_asked_for(site_dir: Path, data: dict[str, Any], lang: str, prefix: str) -> None:
    fact = next(f for f in data["durations"]["facts"] if f["id"] == "one_class_per_workplace")
    assert fact["label"][lang] in _page_text(site_dir, prefix, "nace-codes/")
    note = load_site()["ui"]["words"]["calc_unit_class_note"][lang]
    assert note in _page_text(site_dir, prefix, "calculator/")
