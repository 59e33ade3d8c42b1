"""MkDocs hook: a 404 page per language, 404.html (Turkish) and en/404.html (English).

Each language's build writes its 404.html at the site's root, so the English
build (nested inside the Turkish one by mkdocs-static-i18n) would replace the
Turkish page. The Turkish page is kept when its build ends; when the English
build ends, its page moves to en/ and the Turkish one goes back.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from language_builds import ROOTS, nested_language_build
from progress import say

_default: bytes | None = None


@event_priority(0)  # before mkdocs-static-i18n (-100) builds the other languages
def on_post_build(config: MkDocsConfig) -> None:
    global _default
    page = Path(config.site_dir) / "404.html"
    if not page.is_file():
        return
    if not nested_language_build(config):
        _default = page.read_bytes()
        say("writing the English pages")
        return
    target = Path(config.site_dir) / ROOTS[str(config.theme["language"])] / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.replace(target)
    if _default is not None:
        page.write_bytes(_default)
