"""The printed guide of each language, read back with poppler's tools."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from datafiles import load_site
from pdf_export import PAGE_NUMBER

PDFS = {"tr": "isg-katip-rehberi.pdf", "en": "en/isg-katip-guide.pdf"}
TITLES = {
    "tr": [
        "İçindekiler",
        "İSG-KATİP Rehberi",
        "İSG-KATİP'e giriş",
        "İSG hizmet sözleşmesi oluşturma",
        "Sözleşmeleri güncel tutma",
        "Çalışma süreleri",
        "Hesaplayıcı",
        "NACE kodları ve tehlike sınıfları",
        "Ne değişti",
        "Veriler hakkında",
    ],
    "en": [
        "Contents",
        "İSG-KATİP Guide",
        "Logging in to İSG-KATİP",
        "Creating an OHS service contract",
        "Keeping contracts up to date",
        "Working times",
        "Calculator",
        "NACE codes and hazard classes",
        "What changed",
        "About the data",
    ],
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
    # The cover has no number; the others do, counting the cover.
    assert word.split()[0] not in text(pdf, 1, 1)
    for n in (2, total):
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
        # The page's own text starts with the title (its number, at the foot, may come first).
        assert PAGE_NUMBER.sub("", text(pdf, page, page)).lstrip().startswith(title), (title, page)
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


# The Ek-1 tables' header and the everyday names table's.
NACE_HEADERS = [
    ("tr", "Birim NACE kodu Tehlike sınıfı Notlar", "Adlar NACE kodu Tehlike sınıfı Notlar"),
    ("en", "Unit NACE code Hazard class Notes", "Names NACE code Hazard class Notes"),
]


@pytest.mark.parametrize("lang, header, names_header", NACE_HEADERS)
def test_nace_table_header_repeats_on_every_page(site_dir: Path, lang: str, header: str, names_header: str) -> None:
    pdf = site_dir / PDFS[lang]
    contents = text(pdf, 2, 2)
    # The NACE chapter's first page, and the next chapter's.
    nace = next(i for i, title in enumerate(TITLES[lang]) if title.startswith("NACE"))
    start = int(re.search(re.escape(TITLES[lang][nace]) + r"\s*(\d+)", contents).group(1))  # type: ignore[union-attr]
    end = int(re.search(re.escape(TITLES[lang][nace + 1]) + r"\s*(\d+)", contents).group(1))  # type: ignore[union-attr]
    pages = {page: squeezed(PAGE_NUMBER.sub("", text(pdf, page, page))) for page in range(start, end)}
    # From the page the first table starts on (the chapter's introduction may take a page or two).
    first = next(page for page, said in pages.items() if squeezed(header) in said)
    assert end - first >= 2, "the NACE tables span pages"
    assert any(squeezed(names_header) in said for said in pages.values())
    names = squeezed(load_site()["ui"]["words"]["names_heading"][lang])
    for page in range(first + 1, end):
        # A continued table opens with its header row (after a group title at most); the everyday
        # names' section may start a page, its introduction before its table.
        top = pages[page][: 800 if pages[page].startswith(names) else 200]
        assert squeezed(header) in top or squeezed(names_header) in top, page


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
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root
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


MM = 72 / 25.4
# The print margins of print.css's @page rule (the page number sits in the bottom one).
TOP, BOTTOM = 16 * MM, 18 * MM
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def _words(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's words inside the text area: (top, bottom, word) in points, in reading order."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for _width, height, body in _PAGE.findall(out):
        bottom = float(height) - BOTTOM
        words = [(float(top), float(low), unescape(word)) for top, low, word in _WORD.findall(body)]
        pages.append([w for w in words if w[0] >= TOP - 1 and w[1] <= bottom + 1])
    return pages


def _fill(words: list[tuple[float, float, str]], height: float) -> float:
    """How far down the text area the page's text reaches (0 empty, 1 full)."""
    return (max(low for _, low, _ in words) - TOP) / height if words else 0.0


def _chapter_pages(reader: Any) -> list[int]:
    """The first page (1-based) of the contents and of each chapter: the outline's top entries."""
    return [reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)]


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_no_page_is_less_than_a_third_full(site_dir: Path, lang: str) -> None:
    """Every page reaches at least a third down its text area, but the cover, the last page of the
    document and a chapter's last page (each chapter starts on a new page, print.css)."""
    import pypdf

    pdf = site_dir / PDFS[lang]
    reader = pypdf.PdfReader(pdf)
    height = float(reader.pages[0].mediabox.height) - TOP - BOTTOM
    pages = _words(pdf)
    starts = _chapter_pages(reader)
    exempt = {1, len(pages)} | {start - 1 for start in starts}
    thin = {
        number: round(_fill(words, height), 2)
        for number, words in enumerate(pages, 1)
        if number not in exempt and _fill(words, height) < 1 / 3
    }
    assert thin == {}


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_headings_are_kept_with_what_follows(site_dir: Path, lang: str) -> None:
    """No chapter or section heading of the outline is the last text of its page."""
    import pypdf

    pdf = site_dir / PDFS[lang]
    reader = pypdf.PdfReader(pdf)
    pages = _words(pdf)
    stranded = []

    def visit_items(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                visit_items(item)
                continue
            number = reader.get_destination_page_number(item)
            assert number is not None
            words = pages[number]
            title = squeezed(str(item.title))
            # The heading's last word: the first run of the page's words that spells the title.
            joined, ends = "", []
            for _top, low, word in words:
                joined += squeezed(word)
                ends.append((len(joined), low))
            at = joined.find(title)
            assert at >= 0, f"{item.title!r} not found on page {number + 1}"
            heading_bottom = next(low for end, low in ends if end >= at + len(title))
            if not any(top > heading_bottom for top, _, _ in words):
                stranded.append(f"{item.title} (page {number + 1})")

    visit_items(reader.outline)
    assert stranded == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_printed_rows_are_never_split_and_headers_repeat(browser: Any, base_url: str, prefix: str) -> None:
    """In print, every table row and step is kept whole on a page and every table's header repeats
    on each page it runs onto (what Chromium prints the PDFs from)."""
    from tests.site.browsing import close, visit

    seen = visit(browser, base_url + prefix + "print/")
    try:
        seen.page.emulate_media(media="print")
        found = seen.page.evaluate("""() => ({
            rows: [...document.querySelectorAll("article tr, article .guide-step")].map((e) => getComputedStyle(e).breakInside),
            heads: [...document.querySelectorAll("article thead")].map((e) => getComputedStyle(e).display),
            headings: [...document.querySelectorAll("article :is(h1, h2, h3)")].map((e) => getComputedStyle(e).breakAfter),
        })""")
    finally:
        close(seen)
    assert len(found["rows"]) > 50 and set(found["rows"]) == {"avoid"}
    assert found["heads"] and set(found["heads"]) == {"table-header-group"}
    assert found["headings"] and set(found["headings"]) == {"avoid"}


# Written only on the schematic views of İSG-KATİP's screens (not in any page's text).
DRAWN_ONLY = ["Form Durumu Sayfası", "Sözleşme Süreç ID", "Yetkili Kullanıcı Listesi", "Kurum İlçesi"]


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_screens_are_drawn_in_the_pdfs_as_vector_text(site_dir: Path, lang: str) -> None:
    """The schematics print as drawings, their labels as text (found by pdftotext), not as images."""
    pdf = site_dir / PDFS[lang]
    found = squeezed(text(pdf))
    assert [label for label in DRAWN_ONLY if squeezed(label) not in found] == []
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert images.splitlines()[2:] == []


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_each_section_says_its_source_level_once(site_dir: Path, lang: str) -> None:
    """The printed document says a section's source level once, under its heading, with one legend
    under the contents; only a fact of another level keeps a badge of its own (issue 39)."""
    words = load_site()["ui"]["words"]
    html = (site_dir / ("en/" if lang == "en" else "") / "print" / "index.html").read_text(encoding="utf-8")
    body = html[html.index('class="print-legend"') :]
    sections = re.split(r"(?=<h[12][ >])", body)[1:]
    said = 0
    for section in sections:
        notes = re.findall(r'class="guide-confidence-once">[^<]*<span class="guide-badge guide-badge--(\w+)"', section)
        levels = re.findall(r'class="guide-badge guide-badge--(secondary|unconfirmed)"', section)
        assert len(notes) <= 1
        if notes:
            said += 1
            # The level said under the heading is not said again beside a fact of the section.
            assert levels.count(notes[0]) == 1, section[:80]
        else:
            assert levels == [], section[:80]
    assert said >= 8
    content = squeezed(text(site_dir / PDFS[lang]))
    for level in ("secondary", "unconfirmed"):
        assert squeezed(words[level + "_hint"][lang]) in content
