"""The printed guide of each language, read back with poppler's tools."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

PDFS = {"tr": "isg-katip-rehberi.pdf", "en": "en/isg-katip-guide.pdf"}
TITLES = {
    "tr": ["İçindekiler", "İSG-KATİP Rehberi", "İSG-KATİP'e giriş", "İSG hizmet sözleşmesi oluşturma", "Çalışma süreleri",
           "Hesaplayıcı", "NACE kodları ve tehlike sınıfları", "Veriler hakkında"],
    "en": ["Contents", "İSG-KATİP Guide", "Logging in to İSG-KATİP", "Creating an OHS service contract", "Working times",
           "Calculator", "NACE codes and hazard classes", "About the data"],
}
TURKISH_LETTERS_INTACT = ["Çok Tehlikeli", "İşyeri Hekimi", "Süreç Yönetimi", "Çalışma Süresi Dakika"]


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    # -raw keeps the order the text was written in, so a wrapped table cell stays together.
    return subprocess.run(["pdftotext", "-raw", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def squeezed(value: str) -> str:
    """Without any white space: a table cell may wrap a name anywhere."""
    return re.sub(r"\s+", "", value)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_sections_units_and_letters(site_dir: Path, all_units: list[dict[str, Any]], lang: str) -> None:
    content = text(site_dir / PDFS[lang])
    flat = squeezed(content)
    for title in TITLES[lang]:
        assert squeezed(title) in flat, title
    for unit in all_units:
        assert squeezed(unit["name"][lang]) in flat, unit["name"][lang]
        for entry in unit["codes"]:
            assert entry["code"] in flat
    if lang == "tr":
        for words in TURKISH_LETTERS_INTACT:
            assert squeezed(words) in flat, words
    assert "Sıraç" not in content and "Smavi" not in content


@pytest.mark.parametrize("lang, word", [("tr", "Sayfa {n} / {total}"), ("en", "Page {n} of {total}")])
def test_pages_numbered_in_the_readers_language(site_dir: Path, lang: str, word: str) -> None:
    pdf = site_dir / PDFS[lang]
    total = page_count(pdf)
    assert 6 <= total <= 60
    for n in (1, total):
        assert word.format(n=n, total=total) in text(pdf, n, n)


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_fonts_embedded(site_dir: Path, lang: str) -> None:
    listing = subprocess.run(["pdffonts", str(site_dir / PDFS[lang])], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    for row in rows:
        # columns: name type encoding emb sub uni
        assert row.split()[-5] == "yes", row


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_contents_page_numbers_are_right(site_dir: Path, lang: str) -> None:
    pdf = site_dir / PDFS[lang]
    contents = text(pdf, 2, 2)
    assert TITLES[lang][0] in contents
    numbered = 0
    for title in TITLES[lang][1:]:
        match = re.search(re.escape(title) + r"\s*\.*\s*(\d+)", contents)
        assert match, title
        page = int(match.group(1))
        assert text(pdf, page, page).lstrip().startswith(title), (title, page)
        numbered += 1
    assert numbered == len(TITLES[lang]) - 1


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_calculator_is_a_worked_example_not_a_form(site_dir: Path, lang: str) -> None:
    content = text(site_dir / PDFS[lang])
    assert ("12.000" if lang == "tr" else "12,000") in content
    # Where to calculate with one's own figures (this build has no published address to name).
    assert ("web sürümündeki Hesaplayıcı" if lang == "tr" else "Calculator page of this guide's web version") in content
    # No form controls: the interactive parts are not printed.
    assert ("Hepsini hesapla" if lang == "tr" else "Calculate all") not in content


def test_pdf_links_on_every_page(site_dir: Path) -> None:
    for html in site_dir.rglob("index.html"):
        page = html.read_text(encoding="utf-8")
        if 'class="guide-pdf-link"' not in page:
            pytest.fail(f"{html} has no PDF link")
    assert (site_dir / PDFS["tr"]).is_file() and (site_dir / PDFS["en"]).is_file()


NACE_HEADERS = [("tr", "Birim NACE kodu Tehlike sınıfı Notlar"), ("en", "Unit NACE code Hazard class Notes")]


@pytest.mark.parametrize("lang, header", NACE_HEADERS)
def test_nace_table_header_repeats_on_every_page(site_dir: Path, lang: str, header: str) -> None:
    pdf = site_dir / PDFS[lang]
    contents = text(pdf, 2, 2)
    start = int(re.search(re.escape(TITLES[lang][6]) + r"\s*(\d+)", contents).group(1))  # type: ignore[union-attr]
    end = int(re.search(re.escape(TITLES[lang][7]) + r"\s*(\d+)", contents).group(1))  # type: ignore[union-attr]
    assert end - start >= 2, "the NACE table spans pages"
    for page in range(start + 1, end):
        # A continued table opens with its header row (after a group title at most).
        assert squeezed(header) in squeezed(text(pdf, page, page))[:200], page


def _outline(items: list[Any], depth: int = 0) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, list):
            found += _outline(item, depth + 1)
        else:
            found.append((depth, str(item.title)))
    return found


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_pdfs_are_tagged_with_language_title_and_an_outline_of_the_contents(site_dir: Path, lang: str) -> None:
    """Screen readers get the structure (a tagged PDF in the document's language), a PDF reader's
    outline gets the chapters and their sections, and the title is the guide's."""
    import pypdf

    from datafiles import load_site

    pdf = site_dir / PDFS[lang]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    reader = pypdf.PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata is not None and reader.metadata.title == load_site()["ui"]["words"]["print_title"][lang]
    outline = _outline(reader.outline)
    chapters = [title for depth, title in outline if depth == 0]  # the contents page, then each chapter
    assert chapters == TITLES[lang]
    assert len([title for depth, title in outline if depth == 1]) >= 2 * len(TITLES[lang])


# Words about the project's own making, which a reader of a ministry-ready guide should never meet.
INTERNALS = re.compile(r"\b(README|repository|repo|commit|pull request|tuhaf|odd values?|odd rows)\b", re.I)


def test_no_page_or_pdf_speaks_of_the_projects_internals(site_dir: Path) -> None:
    from tests.site.html_text import read

    found = []
    for page in site_dir.rglob("*.html"):
        words = INTERNALS.findall(" ".join(t for t, _ in read(page.read_text(encoding="utf-8")).texts))
        if words:
            found.append((str(page.relative_to(site_dir)), words))
    for pdf in PDFS.values():
        words = INTERNALS.findall(text(site_dir / pdf))
        if words:
            found.append((pdf, words))
    assert found == []
