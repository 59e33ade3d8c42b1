"""MkDocs hook: the site's search, built after the site.

- The header search's pages: Pagefind writes one index per <html lang>, stems
  Turkish and ignores accents. It does not treat the dotless ı as an
  accented i, so a reader typing "calisma" would miss "çalışma": each page
  therefore carries the folded forms of its words with ı as Pagefind
  metadata, which is searched but never shown in a result's excerpt.
- The rows every finder searches (the header search, the NACE page's box):
  assets/nace/list.json, the NACE list with its titles as searched, and
  assets/nace/guide.json, the Ek-1 units, the everyday names and the rule's
  constants (calculator.lookup.NaceIndex.guide_search_data); the header
  search fetches both when first used, the NACE page's box the list.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

import build_data
from calculator.lookup import NaceIndex
from calculator.text import fold
from language_builds import nested_language_build
from progress import say

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


LIST_JSON = Path("assets/nace/list.json")
GUIDE_JSON = Path("assets/nace/guide.json")
PAGES_BUNDLE = "pagefind"


def write_search_data(site: Path, data: dict[str, Any], index: NaceIndex) -> None:
    """The rows' search data: the NACE list (list.json) and the guide's units and names (guide.json),
    with the hazard classes' names and the words a found row is shown with."""
    (site / LIST_JSON).parent.mkdir(parents=True, exist_ok=True)
    compact: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
    (site / LIST_JSON).write_text(json.dumps(index.list_search_rows(), **compact), encoding="utf-8")
    guide = index.guide_search_data()
    guide["hazard"] = {h["id"]: h["label"] for h in data["durations"]["hazard_classes"]}
    guide["words_suggested"] = data["ui"]["words"]["results_names"]
    (site / GUIDE_JSON).write_text(json.dumps(guide, **compact), encoding="utf-8")


def _service() -> Any:
    """Pagefind's Python service, answering as soon as the binary does.

    The wrapper (pagefind 1.5) sleeps 0.1 s before reading each answer, which makes the 4,000
    search records of the units and codes take 7 minutes; reading without the sleep takes seconds.
    The loop below is the wrapper's own, less the sleep and the logging."""
    from pagefind.service import PagefindService

    class Prompt(PagefindService):
        async def _wait_for_responses(self) -> None:
            stdout = self._backend.stdout
            assert stdout is not None
            while True:
                output = await stdout.readuntil(b",")
                answer = json.loads(base64.b64decode(output[:-1]))
                if answer is None:
                    continue
                message_id = answer.get("message_id")
                if message_id is None and (original := answer["payload"].get("original_message")):
                    message_id = json.loads(original).get("message_id")
                future = self._responses.get(message_id)
                if future is None:
                    continue
                payload = answer["payload"]
                if payload["type"] == "Error":
                    future.set_exception(PluginError(f"Pagefind: {payload.get('message')}"))
                else:
                    future.set_result(payload)

    return Prompt()


async def _index(site: Path) -> None:
    from pagefind.index import IndexConfig

    service = await _service().launch()
    try:
        pages = await service.create_index(IndexConfig(exclude_selectors=EXCLUDED))
        await pages.add_directory(str(site))
        await pages.write_files(output_path=str(site / PAGES_BUNDLE))
    finally:
        await service.close()


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    say("the search index (Pagefind)", config)
    if nested_language_build(config):
        return
    site = Path(config.site_dir)
    # Material's own (lunr) index is not used: Pagefind answers the search box.
    for stale in (site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"):
        stale.unlink(missing_ok=True)
    data = build_data.current()
    index = NaceIndex(
        data["nace"],
        data["nace_list"],
        data["nace_list_source"]["acts"],
        names=data["unit_names"],
        titles_en=data["nace_titles_en"],
    )
    write_search_data(site, data, index)
    try:
        asyncio.run(_index(site))
    except Exception as error:  # the binary's own message names what went wrong
        raise PluginError(f"Pagefind could not index the site: {error}") from error
