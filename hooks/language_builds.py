"""mkdocs-static-i18n builds each further language inside the first build's
on_post_build, and every hook's on_post_build runs in those nested builds
too. Steps that work on the whole site (search index, calculator assets,
PDFs) run once, after the last language is written."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

# Each language's folder in the built site: Turkish (the default) at its root, English under en/, as
# mkdocs.yml's i18n plugin builds them (a test compares the two). Every hook and the offline worker
# take the folders from here.
ROOTS = {"tr": "", "en": "en/"}
DEFAULT_LANGUAGE = "tr"


def language_of(path: str) -> str:
    """The language of a site path ("en/login/") or of a page's source file ("en/login.md")."""
    path = path.lstrip("/")
    return next((lang for lang, root in ROOTS.items() if root and path.startswith(root)), DEFAULT_LANGUAGE)


def nested_language_build(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))
