"""MkDocs hook: one PDF per language, printed by headless Chromium from the
built print page (print.md), after the whole site is built.

Chromium cannot number a table of contents itself, so the page is printed
twice: the first PDF shows on which page each section starts (every
section starts a page, so its title is that page's first line); the
numbers go into the contents list, and the second print is the PDF.
GUIDE_SKIP_PDF=1 leaves the PDFs out (for quick test builds).
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import threading
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from chromium_flags import BASE_FLAGS, CHROMIUM
from language_builds import ROOTS, nested_language_build
from progress import say

# The PDF of each language: its file name, in the language's root folder.
PDF_NAMES = {"tr": "isg-katip-rehberi.pdf", "en": "isg-katip-guide.pdf"}
_SPACE = re.compile(r"\s+")
# The number print.css writes at each page's foot, which Chromium may put first in a page's text.
PAGE_NUMBER = re.compile(r"(?:Sayfa \d+ / \d+|Page \d+ of \d+)")


def first_pages(pdf: bytes, titles: dict[str, str]) -> dict[str, int]:
    """The page (1-based) each section title starts, found in a printed PDF."""
    from pypdf import PdfReader

    starts = [
        _SPACE.sub(" ", PAGE_NUMBER.sub("", page.extract_text() or "")).strip() for page in PdfReader(io.BytesIO(pdf)).pages
    ]
    found: dict[str, int] = {}
    after = 1  # the contents page itself lists every title: look past it
    for anchor, title in titles.items():
        wanted = _SPACE.sub(" ", title).strip()
        page = next((i + 1 for i in range(after, len(starts)) if starts[i].startswith(wanted)), None)
        if page is None:
            raise PluginError(f"PDF: no page starts with the section title {title!r}")
        found[anchor] = page
        after = page - 1
    return found


def print_pdf(page: object) -> bytes:
    # Tagged (headings, lists, tables, links and the language, for screen readers) and with an outline
    # of the chapters and sections, which Chromium makes from the headings. The margins and the page
    # numbers (none on the cover) are print.css's @page rules: Chromium's own footer cannot skip a page.
    options = {"format": "A4", "print_background": True, "tagged": True, "outline": True}
    return page.pdf(**options)  # type: ignore[attr-defined, no-any-return]


# Chromium prints a link with the address it was loaded from: this export's local server. Before
# printing, a link to a page (or a heading) that the printed document holds becomes a link inside the
# PDF; any other link of the site gets the published address, or, without one, loses its address (its
# text stays). print_document.py does the same for the Markdown's own links; this catches the links
# the data blocks write.
_PUBLISHED_LINKS = r"""([base, published]) => {
  const root = location.pathname.replace(/print\/$/, "");
  const inside = (url) => {
    if (!url.pathname.startsWith(root)) return null;
    const rest = url.pathname.slice(root.length);
    const section = rest === "" ? "index" : (rest.match(/^([a-z-]+)\/$/) || [])[1];
    if (rest === "print/" && url.hash) return url.hash;
    if (!section || !document.getElementById(`print-${section}`)) return null;
    const id = decodeURIComponent(url.hash.slice(1));
    return id && document.getElementById(id) ? url.hash : `#print-${section}`;
  };
  for (const link of document.querySelectorAll("a[href]")) {
    const url = new URL(link.getAttribute("href"), location.href);
    if (url.origin !== location.origin) continue;
    const target = inside(url);
    if (target) link.setAttribute("href", target);
    else if (published) link.setAttribute("href", published + url.href.slice(base.length));
    else link.removeAttribute("href");
  }
}"""


def export(site: Path, published: str = "") -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(BASE_FLAGS))
            for lang, name in PDF_NAMES.items():
                page = browser.new_page()
                page.goto(base + ROOTS[lang] + "print/", wait_until="networkidle")
                page.evaluate(_PUBLISHED_LINKS, [base, published])
                # The PDF's title (its metadata, which readers and screen readers show) is the cover's.
                page.evaluate("document.title = document.querySelector('.print-cover__title').textContent.trim()")
                titles = dict(
                    page.eval_on_selector_all(".md-content h1[id]", "hs => hs.map(h => [h.id, h.firstChild.textContent.trim()])")
                )
                numbers = first_pages(print_pdf(page), titles)
                page.eval_on_selector_all(
                    ".print-toc__page",
                    "(spans, numbers) => spans.forEach(s => { s.textContent = numbers[s.dataset.for]; })",
                    numbers,
                )
                (site / ROOTS[lang] / name).write_bytes(print_pdf(page))
                page.close()
            browser.close()
    finally:
        server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The header's and the home page's download links name the files through this.
    config.extra["pdf"] = PDF_NAMES
    return config


@event_priority(-170)  # after every language is built (static-i18n: -100) and the calculator assets (-150)
def on_post_build(config: MkDocsConfig) -> None:
    say("printing the two PDFs in Chromium", config)
    if nested_language_build(config) or os.environ.get("GUIDE_SKIP_PDF") == "1":
        return
    if not Path(CHROMIUM).exists():
        raise PluginError(f"The PDF export needs Chromium at {CHROMIUM} (scripts/setup installs it)")
    export(Path(config.site_dir), config.site_url or "")
