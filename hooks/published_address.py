"""MkDocs hook: the site's published address, or none at all.

With SITE_URL (mkdocs.yml: site_url) the pages carry canonical links, a
sitemap lists them and the PDFs name the address. Without it, rather than a
made-up local address, nothing absolute is written: no canonical links
(Material writes them only with a site_url), no sitemap, and the PDFs say
"this guide's web address". The build says so once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from language_builds import nested_language_build

NOTICE = (
    "SITE_URL is not set: the build writes no web address (no canonical links, no sitemap, the PDFs "
    "name none). Set it for publication: SITE_URL=https://... scripts/build, or scripts/build --site-url URL."
)
_said = False


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _said
    if not config.site_url and not _said:
        # Not a MkDocs warning: --strict would make it an error, and building locally is fine.
        print(NOTICE, file=sys.stderr)
        _said = True
    return config


@event_priority(-160)  # after every language's pages are written
def on_post_build(config: MkDocsConfig) -> None:
    if config.site_url or nested_language_build(config):
        return
    # MkDocs writes a sitemap of relative addresses without a site_url: none is better than a wrong one.
    for sitemap in [*Path(config.site_dir).rglob("sitemap.xml"), *Path(config.site_dir).rglob("sitemap.xml.gz")]:
        sitemap.unlink()
