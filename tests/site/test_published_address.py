"""The published address and the publisher: with SITE_URL the pages, the sitemap and the PDFs name
the address; without it no file of the build names any address, least of all a local one. With an
institution configured, the PDFs' cover and every page's footer name it; without, neither does."""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pypdf
import pytest

from tests.site.conftest import Built, build_site

PUBLISHED = "https://isg.example.edu.tr/rehber/"
INSTITUTION: dict[str, Any] = {
    "GUIDE_INSTITUTION": "Örnek Üniversitesi",
    "GUIDE_INSTITUTION_UNIT": "İş Sağlığı ve Güvenliği Birimi",
}
# A local address, as a build that made one up would write it.
LOCAL = re.compile(rb"https?://(?:127\.0\.0\.1|localhost|0\.0\.0\.0)")
TEXT_FILES = {".html", ".xml", ".json", ".js", ".mjs", ".css", ".txt", ".webmanifest"}
PDFS = ("isg-katip-rehberi.pdf", "en/isg-katip-guide.pdf")


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pdf_uris(path: Path) -> list[str]:
    uris = []
    for page in pypdf.PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def _local_addresses(site: Path) -> list[str]:
    found = [
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.suffix in TEXT_FILES and not p.name.endswith(".map") and LOCAL.search(p.read_bytes())
    ]
    for pdf in PDFS:
        if LOCAL.search(_pdf_text(site / pdf).encode()) or any(LOCAL.match(u.encode()) for u in _pdf_uris(site / pdf)):
            found.append(pdf)
    return found


def test_without_site_url_no_address_is_written(site_dir: Path) -> None:
    assert _local_addresses(site_dir) == []
    assert not list(site_dir.rglob("sitemap.xml*"))
    assert not [p for p in site_dir.rglob("*.html") if 'rel="canonical"' in p.read_text(encoding="utf-8")]
    for pdf in PDFS:
        # Only mail and phone links leave the document: no link to a page of the site.
        assert [u for u in _pdf_uris(site_dir / pdf) if not u.startswith(("mailto:", "tel:"))] == []
    # The cover says nothing of an address it does not know (issue 39: no "at this guide's web address").
    for pdf, word in zip(PDFS, ("Çevrimiçi sürüm", "Online version"), strict=True):
        assert word not in _pdf_text(site_dir / pdf)


def test_the_build_says_once_that_no_address_was_given(site_build: Built) -> None:
    """The run's own build (no SITE_URL) said so once, for both languages."""
    if site_build.stderr is None:
        pytest.skip("GUIDE_TEST_SITE: a site built before this run")
    assert site_build.stderr.count("SITE_URL is not set") == 1


def _png(width: int, height: int) -> bytes:
    """A small opaque PNG (a logo stand-in), made with the standard library."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + bytes([30, 60, 160]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("published")
    logo = tmp_path_factory.mktemp("logo") / "amblem.png"
    logo.write_bytes(_png(120, 60))
    done = build_site(target, site_url=PUBLISHED, GUIDE_INSTITUTION_LOGO=str(logo), **INSTITUTION)
    assert done.returncode == 0, done.stderr
    assert "SITE_URL is not set" not in done.stderr
    return target


def test_with_site_url_every_address_is_the_published_one(published_site: Path) -> None:
    assert _local_addresses(published_site) == []
    calculator = (published_site / "en" / "calculator" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED}en/calculator/">' in calculator
    locations = re.findall(r"<loc>([^<]+)</loc>", (published_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locations and all(loc.startswith(PUBLISHED) for loc in locations)
    assert f"{PUBLISHED}en/calculator/" in locations
    for pdf, prefix in zip(PDFS, (PUBLISHED, PUBLISHED + "en/"), strict=True):
        uris = [u for u in _pdf_uris(published_site / pdf) if not u.startswith(("mailto:", "tel:"))]
        # The everyday names' codes link to their rows of the NACE list, which the PDF leaves out.
        rows = {u for u in uris if re.fullmatch(re.escape(prefix) + r"nace-list/#[0-9]{2}\.[0-9]{2}\.[0-9]{2}", u)}
        assert len(rows) >= 50
        # The cover's address, the calculator's, and the pages the PDF leaves out (the monthly check, the
        # NACE list, the staffing plan): every other link stays inside the document.
        assert sorted(set(uris) - rows) == [
            prefix,
            prefix + "calculator/",
            prefix + "monthly-check/",
            prefix + "nace-list/",
            prefix + "plan/",
        ]
        assert prefix in _pdf_text(published_site / pdf).replace("\n", "")


def _cover(site: Path, pdf: str) -> str:
    return subprocess.run(["pdftotext", "-l", "1", str(site / pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_institution_is_on_the_cover_and_in_every_footer(published_site: Path) -> None:
    shipped = published_site / "assets" / "institution" / "logo.png"
    assert shipped.read_bytes() == _png(120, 60)
    for pdf in PDFS:
        cover = _cover(published_site, pdf)
        assert INSTITUTION["GUIDE_INSTITUTION"] in cover and INSTITUTION["GUIDE_INSTITUTION_UNIT"] in cover
        # The logo is printed on the cover, and only there (pdfimages: a header line, a rule, then one per image).
        listed = subprocess.run(
            ["pdfimages", "-list", str(published_site / pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert [(line.split()[0], line.split()[3], line.split()[4]) for line in listed] == [("1", "120", "60")]
    pages = [p for p in published_site.rglob("index.html") if "pagefind" not in p.parts]
    footer = f"{INSTITUTION['GUIDE_INSTITUTION']} · {INSTITUTION['GUIDE_INSTITUTION_UNIT']}"
    assert pages and [str(p) for p in pages if footer not in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize("logo, message", [("nowhere/amblem.png", "logo was not found"), ("mkdocs.yml", "logo must be one of")])
@pytest.mark.usefixtures("site_builder")
def test_a_logo_that_cannot_be_used_stops_the_build_saying_why(tmp_path: Path, logo: str, message: str) -> None:
    done = build_site(tmp_path / "site", skip_pdf=True, GUIDE_INSTITUTION_LOGO=logo, **INSTITUTION)
    assert done.returncode != 0
    assert message in done.stderr and logo in done.stderr


def test_without_an_institution_the_cover_is_neutral_but_complete(site_dir: Path) -> None:
    from calculator.bilingual import date_in_words
    from datafiles import load_all, load_site

    words = load_site()["ui"]["words"]
    for pdf, lang in zip(PDFS, ("tr", "en"), strict=True):
        cover = " ".join(_cover(site_dir, pdf).split())
        for key in ("print_title", "print_subtitle", "checked_on", "print_edition"):
            assert " ".join(words[key][lang].split()) in cover, key
        assert re.search(r"\d+\.\d+\.\d+", cover)  # the edition's version
        assert not re.search(r"\([0-9a-f]{7,}\)", cover)  # and no commit id
        assert date_in_words(load_all()["durations"]["checked_on"], lang) in cover  # the data's date, in words
        assert "web" not in cover.lower() and "address" not in cover.lower()  # no address known: none said
        assert "Üniversitesi" not in cover
    assert "md-copyright__highlight" not in (site_dir / "login" / "index.html").read_text(encoding="utf-8")
