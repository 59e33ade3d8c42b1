"""MkDocs hook: data/*.yaml -> page content.

A page asks for a block with `<!-- data: NAME [ARGUMENT] -->`; the block is
rendered in the page's language by site_blocks.py. `[[Label]]` in a page's
own text is an İSG-KATİP screen label, quoted (and glossed in English). A broken data file or an
unknown block stops the build with the file, entry and field named.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import build_data
from language_builds import ROOTS, language_of, nested_language_build
from progress import say
from site_blocks import BLOCKS, Blocks

MARKER = re.compile(r"<!--\s*data:\s*([a-z-]+)(?:\s+([a-z0-9-]+))?\s*-->")
# An İSG-KATİP screen label in a page's own text: [[Çalışma Süresi Dakika]].
LABEL = re.compile(r"\[\[([^\[\]]+)\]\]")

_blocks: Blocks | None = None
ROOT = Path(__file__).resolve().parent.parent


def edition() -> str:
    """The guide's edition, as an institution files it: the project's version (no commit id)."""
    try:
        return importlib.metadata.version("isg-katip-rehberi")
    except importlib.metadata.PackageNotFoundError:
        return "?"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    say("reading data/ and writing the Turkish pages", config)
    global _blocks
    # mkdocs-static-i18n runs on_config again for each further language, with this same config: the
    # dataset read for the first language serves them all (read once per build, not once per language).
    if nested_language_build(config) and _blocks is not None:
        return config
    # The build's one dataset (tests build the site from a changed copy of data/: GUIDE_DATA_DIR).
    _blocks = Blocks(
        build_data.load(),
        site_url=config.site_url or "",
        pdf_names=config.extra.get("pdf"),
        institution=dict(config.extra.get("institution") or {}),
        edition=edition(),
    )
    # Templates (overrides/) take the interface's words from here too.
    config.extra["words"] = _blocks.data["ui"]["words"]
    # Each language's folder under the site (the header search links a found row to its language's page).
    config.extra["language_roots"] = dict(ROOTS)
    return config


# The pages that run the calculator's worker, by their data block, and each page's script.
PAGE_SCRIPTS = {"calculator": "calculator.js", "plan": "plan.js", "monthly": "monthly.js"}


def page_language(page: Page) -> str:
    return language_of(page.file.src_uri)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **_: Any) -> str:
    assert _blocks is not None, "on_config runs first"
    blocks = _blocks
    lang = page_language(page)

    def render(match: re.Match[str]) -> str:
        name, argument = match.group(1), match.group(2) or ""
        block = BLOCKS.get(name)
        if block is None:
            raise PluginError(f"{page.file.src_uri}: unknown data block {name!r} (known: {', '.join(sorted(BLOCKS))})")
        if name in PAGE_SCRIPTS:
            # The page's head then starts the worker and loads the page's script (overrides/main.html).
            page.meta["calculator"] = True
            page.meta["calculator_script"] = PAGE_SCRIPTS[name]
        try:
            return block(blocks, lang, argument)
        except (KeyError, ValueError) as error:
            raise PluginError(f"{page.file.src_uri}: data block {name!r} {argument!r}: no data {error}") from None

    def label(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in blocks.data["labels"]["labels"]:
            raise PluginError(f"{page.file.src_uri}: unknown İSG-KATİP label [[{name}]] (not in data/labels.yaml)")
        return str(blocks.with_labels("{" + name + "}", lang))

    rendered = MARKER.sub(render, markdown)
    # A marker the pattern did not read (e.g. an id with "_") would vanish as an HTML comment: say so.
    if "<!-- data:" in rendered:
        left = rendered[rendered.index("<!-- data:") :].split("-->", 1)[0] + "-->"
        raise PluginError(f"{page.file.src_uri}: data marker not understood: {left}")
    return LABEL.sub(label, rendered)
