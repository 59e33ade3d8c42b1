"""mkdocs-static-i18n builds each further language inside the first build's
on_post_build, and every hook's on_post_build runs in those nested builds
too. Steps that work on the whole site (search index, calculator assets,
PDFs) run once, after the last language is written."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def nested_language_build(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))
