"""MkDocs hook: the site's search index, built by Pagefind after the site.

Pagefind writes one index per <html lang>, stems Turkish and ignores
accents. It does not treat the dotless ı as an accented i, so a reader
typing "calisma" would miss "çalışma": each page therefore carries the
folded forms of its words with ı as Pagefind metadata, which is searched
but never shown in a result's excerpt.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from language_builds import nested_language_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from calculator.text import fold

_ARTICLE = '<article class="md-content__inner md-typeset">'
_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")
# Parts of every page that are not its content.
EXCLUDED = [".md-header", ".md-sidebar", ".md-footer", ".md-search", ".headerlink", ".md-content__button", ".nace-filter"]


def folded_words(html: str) -> str:
    """The folded forms of the words that contain a dotless ı (or a capital I, which Turkish lowers to ı)."""
    text = _TAGS.sub(" ", html)
    words = {fold(word) for word in _WORD.findall(text) if "ı" in word or "I" in word}
    return " ".join(sorted(w for w in words if w))


def on_page_content(html: str, page: Page, **_: object) -> str:
    page.meta["_folded_words"] = folded_words(html)
    return html


def on_post_page(output: str, page: Page, **_: object) -> str:
    if page.meta.get("search", {}).get("exclude"):
        return output  # without data-pagefind-body, Pagefind leaves the page out
    folded = page.meta.get("_folded_words", "")
    attributes = " data-pagefind-body"
    if folded:
        attributes += f' data-pagefind-meta="folded:{folded}"'
    return output.replace(_ARTICLE, _ARTICLE[:-1] + attributes + ">", 1)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if nested_language_build(config):
        return
    site = Path(config.site_dir)
    # Material's own (lunr) index is not used: Pagefind answers the search box.
    for stale in (site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"):
        stale.unlink(missing_ok=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", ", ".join(EXCLUDED)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{done.stdout}\n{done.stderr}")
