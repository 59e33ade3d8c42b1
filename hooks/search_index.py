"""MkDocs hook: the site's search, built after the site.

- The header search: Pagefind writes one index per <html lang>, stems
  Turkish and ignores accents. It does not treat the dotless ı as an
  accented i, so a reader typing "calisma" would miss "çalışma": each page
  therefore carries the folded forms of its words with ı as Pagefind
  metadata, which is searched but never shown in a result's excerpt.
  Besides the pages, every Ek-1 unit and every code of the NACE list is a
  record of its own (Turkish words on both languages' records, English unit
  names on English ones), whose link lands on its row. The records are a
  second bundle (rows/): mixed into the pages' index, Pagefind stopped
  finding pages by inflected words ("işverenler"), and 2,000 short titles
  would crowd the pages out of the ten results shown.
- The NACE page's filter: assets/nace/list.json, the NACE list with its
  titles folded here, fetched when the reader first types.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

import build_data
from calculator.lookup import NaceIndex
from calculator.text import fold
from language_builds import ROOTS, nested_language_build
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
# The pages' bundle and the rows' bundle (overrides/partials/search.html names both).
PAGES_BUNDLE, ROWS_BUNDLE = "pagefind", "pagefind-rows"


def _record(lang: str, title: str, lines: list[str], title_lang: str) -> str:
    """One search record as the HTML Pagefind reads: a title, lines of text, the folded ı-words."""
    body = f'<h1 lang="{title_lang}">{escape(title)}</h1>' + "".join(f"<p>{escape(line)}</p>" for line in lines)
    folded = folded_words(title + " " + " ".join(lines))
    meta = f' data-pagefind-meta="folded:{escape(folded)}"' if folded else ""
    head = f"<head><title>{escape(title)}</title></head>"
    main = f"<main data-pagefind-body{meta}>{body}</main>"
    return f'<html lang="{lang}">{head}<body>{main}</body></html>'


def records(data: dict[str, Any], index: NaceIndex) -> list[tuple[str, str]]:
    """(url, html) of every Ek-1 unit's and every NACE list code's search record, in both languages."""
    words = data["ui"]["words"]
    hazard = {h["id"]: h["label"] for h in data["durations"]["hazard_classes"]}
    found = []
    for lang, folder in ROOTS.items():
        root = "/" + folder
        for unit in index.units:
            codes = " / ".join(entry.code for entry in unit.codes)
            classes = " / ".join(hazard[c][lang] for c in unit.hazard_classes)
            lines = [f"{words['results_guide'][lang]}: NACE {codes} · {classes}", unit.group[lang]]
            if lang == "en":
                lines.insert(0, unit.name["tr"])  # İSG-KATİP shows the Turkish name
            found.append((f"{root}nace-codes/#birim-{unit.unit_id}", _record(lang, unit.name[lang], lines, lang)))
        for entry in index.list_entries.values():
            lines = [f"{words['results_list'][lang]} · {hazard[entry.hazard_class][lang]}"]
            found.append((f"{root}nace-list/#{entry.code}", _record(lang, f"{entry.code} {entry.title_tr}", lines, "tr")))
    return found


def write_list_json(site: Path, index: NaceIndex) -> None:
    target = site / LIST_JSON
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(index.list_search_rows(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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


async def _index(site: Path, rows: list[tuple[str, str]]) -> None:
    from pagefind.index import IndexConfig

    service = await _service().launch()
    try:
        pages = await service.create_index(IndexConfig(exclude_selectors=EXCLUDED))
        await pages.add_directory(str(site))
        await pages.write_files(output_path=str(site / PAGES_BUNDLE))
        records = await service.create_index(IndexConfig())
        await asyncio.gather(*(records.add_html_file(content=html, url=url) for url, html in rows))
        await records.write_files(output_path=str(site / ROWS_BUNDLE))
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
    index = NaceIndex(data["nace"], data["nace_list"], data["nace_list_source"]["acts"])
    write_list_json(site, index)
    try:
        asyncio.run(_index(site, records(data, index)))
    except Exception as error:  # the binary's own message names what went wrong
        raise PluginError(f"Pagefind could not index the site: {error}") from error
