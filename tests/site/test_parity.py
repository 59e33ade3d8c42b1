"""Both languages complete: the same pages, steps, rows and labels, and no
Turkish left on English pages (except İSG-KATİP's own labels and proper
names, marked lang="tr") nor English on Turkish pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.conftest import PAGES
from tests.site.html_text import read

TURKISH_LETTERS = re.compile(r"[çğıöşüÇĞİÖŞÜ]")
# Proper names the glossary keeps in Turkish in English text.
PROPER_NAMES = [
    "İSG-KATİP",
    "e-Devlet",
    "Resmî Gazete",
    "DETSİS",
    "Türkçe",
    # The roles' short names: the glossary's abbreviations, used in both languages.
    "İGU",
    "İH",
]
ENGLISH_WORDS = re.compile(r"\b(the|and|of|with|for|this|that|is|are|your|you)\b", re.IGNORECASE)


def _html(site_dir: Path, prefix: str, page: str) -> str:
    return (site_dir / prefix / page / "index.html").read_text(encoding="utf-8")


def _count(html: str, pattern: str) -> int:
    return len(re.findall(pattern, html))


@pytest.mark.parametrize("page", PAGES)
def test_same_structure_in_both_languages(site_dir: Path, page: str) -> None:
    tr, en = _html(site_dir, "", page), _html(site_dir, "en", page)
    for pattern in (
        r"<h[1-4][ >]",
        r"<tr[ >]",
        r"data-step=",
        r'class="admonition',
        r'class="katip-label"',
        r"data-unit=",
        r'class="guide-badge',
        r"<li[ >]",
    ):
        assert _count(tr, pattern) == _count(en, pattern), (page, pattern)


@pytest.mark.parametrize("page", PAGES)
def test_same_katip_labels_in_both_languages(site_dir: Path, page: str) -> None:
    assert sorted(read(_html(site_dir, "", page)).labels) == sorted(read(_html(site_dir, "en", page)).labels)


@pytest.mark.parametrize("page", PAGES)
def test_no_turkish_left_on_english_pages(site_dir: Path, page: str) -> None:
    found = []
    for text, lang in read(_html(site_dir, "en", page)).texts:
        if lang == "tr":
            continue
        rest = text
        for name in PROPER_NAMES:
            rest = rest.replace(name, "")
        if TURKISH_LETTERS.search(rest):
            found.append(text)
    assert found == []


@pytest.mark.parametrize("page", PAGES)
def test_no_english_left_on_turkish_pages(site_dir: Path, page: str) -> None:
    found = [
        text
        for text, lang in read(_html(site_dir, "", page)).texts
        if lang != "en" and text != "English" and ENGLISH_WORDS.search(text)
    ]
    assert found == []
