"""MkDocs hook: the whole guide as one printable page per language (print.md),
composed from the other pages' own Markdown, so the PDF says exactly what
the site says. The interactive calculator becomes a worked example; the
support box appears once, at the end.

Runs before data_pages.py (mkdocs.yml lists it first): it only assembles
Markdown, whose data blocks data_pages.py then renders.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from language_builds import language_of

# The sections of the printed guide, in reading order.
SECTIONS = (
    "index.md",
    "login.md",
    "contracts.md",
    "upkeep.md",
    "working-times.md",
    "calculator.md",
    "nace-codes.md",
    "changes.md",
    "about-data.md",
)
_PAGE_LINK = re.compile(r"\]\(([a-z-]+)\.md(#[^)]*)?\)")
_CONTACTS = "<!-- data: contacts -->"


def is_print_page(page: Page) -> bool:
    return page.file.src_uri in ("tr/print.md", "en/print.md", "print.md")


def _in_document(match: re.Match[str]) -> str:
    """A link to another printed page becomes a link inside the printed document; a link to a page
    the document leaves out (the NACE list) stays a link to that page (pdf_export.py then gives it
    the published address)."""
    page, fragment = match.group(1), match.group(2)
    if f"{page}.md" not in SECTIONS:
        return match.group(0)
    return f"]({fragment})" if fragment else f"](#print-{page})"


# A page's own settings (Material's `hide: [toc]`), not part of its text.
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def compose(docs_language_dir: Path) -> str:
    parts = ["<!-- data: print-cover -->", '<div id="print-toc" class="print-toc"></div>']
    for name in SECTIONS:
        text = _FRONT_MATTER.sub("", (docs_language_dir / name).read_text(encoding="utf-8"))
        text = text.replace("<!-- data: calculator -->", "<!-- data: calculator-example -->").replace(_CONTACTS, "")
        text = text.replace("<!-- data: pdf-link -->", "")  # the PDF need not offer itself
        parts.append(f'<div id="print-{Path(name).stem}" class="print-anchor"></div>\n\n' + _PAGE_LINK.sub(_in_document, text))
    parts.append(_CONTACTS)
    return "\n\n".join(parts)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **_: Any) -> str:
    if not is_print_page(page):
        return markdown
    return compose(Path(config.docs_dir) / page.file.src_uri.split("/")[0])


# A fact's source level where it is less than the law's own text (hooks/templates/_macros.j2), and
# where a section of the document starts.
_BADGE_OF = r'\s?<span class="guide-badge guide-badge--{level}"[^>]*>[^<]*</span>'
_BADGE = re.compile(_BADGE_OF.format(level="(secondary|unconfirmed)"))
_SECTION = re.compile(r"(?=<h[12][ >])")


def _badge(level: str, words: dict[str, Any], lang: str) -> str:
    return f'<span class="guide-badge guide-badge--{level}">{words[level][lang]}</span>'


def confidence_once(html: str, words: dict[str, Any], lang: str) -> str:
    """On paper, each section says its facts' source level once, under its heading, instead of a badge
    beside every fact: the level most of them have; a fact of another level keeps its own badge."""
    parts = []
    for part in _SECTION.split(html):
        levels = [match.group(1) for match in _BADGE.finditer(part)]
        if not levels or not part.startswith("<h"):
            parts.append(part)
            continue
        common = max(sorted(set(levels)), key=levels.count)
        part = re.sub(_BADGE_OF.format(level=common), "", part)
        end = part.index(">", part.index("</h")) + 1
        others = f" {words['confidence_others'][lang]}" if len(set(levels)) > 1 else ""
        note = f'<p class="guide-confidence-once">{words["confidence_section"][lang]} {_badge(common, words, lang)}{others}</p>'
        parts.append(part[:end] + note + part[end:])
    return "".join(parts)


def _legend(words: dict[str, Any], lang: str) -> str:
    """What the levels mean, once, under the contents."""
    items = "".join(
        f"<li>{_badge(level, words, lang)} {words[level + '_hint'][lang]}</li>" for level in ("secondary", "unconfirmed")
    )
    return f'<p class="print-legend">{words["confidence_legend"][lang]}</p><ul class="print-legend">{items}</ul>'


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Each section's source level said once (confidence_once); the table of contents, one entry per
    section title (pdf_export.py fills in the page numbers), and the levels' legend under it."""
    if not is_print_page(page):
        return html
    words, lang = config.extra["words"], language_of(page.file.src_uri)
    html = confidence_once(html, words, lang)
    entries = "".join(
        f'<li><a href="#{anchor}">{title}</a><span class="print-toc__page" data-for="{anchor}">00</span></li>'
        for anchor, title in re.findall(r'<h1 id="([^"]+)">(.*?)<a class="headerlink"', html)
    )
    toc_title = page.meta.get("toc_title", "")
    return html.replace(
        '<div id="print-toc" class="print-toc"></div>',
        f'<nav id="print-toc" class="print-toc"><h2>{toc_title}</h2><ol>{entries}</ol>{_legend(words, lang)}</nav>',
        1,
    )
