"""MkDocs hook: the service worker (sw.js at the site's root) that keeps the guide readable offline.

It lists every file a reader may open without the calculator (both languages' pages, both PDFs,
styles, scripts, images, the search index) to keep when it installs, and names this build by a hash
of every file it serves, the calculator's included: a new build is a new worker with a new cache,
which replaces the old one whole. The calculator's files (Pyodide, the snapshot: some 30 MB) are kept
the first time the calculator runs, not at installation. The worker's code is
docs/assets/js/service-worker.js; offline.js (in the build's folder of scripts) registers it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from language_builds import ROOTS, nested_language_build
from progress import say

# Kept when first used, not at installation (written into the worker as its ON_USE).
ON_USE = ("assets/pyodide/", "assets/calculator/")
# Never kept: the server's own files, precompressed copies (the browser stores what it decoded),
# source maps, the sitemap, and the worker itself.
NEVER = (".br", ".gz", ".map")
NEVER_NAMES = {"_headers", "_headers.nginx", ".htaccess", "sitemap.xml", "sitemap.xml.gz", "sw.js"}


def _served(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.is_file()
        and p.suffix not in NEVER
        and p.name not in NEVER_NAMES
        and str(p.relative_to(site)) != "assets/js/service-worker.js"
    )


def precache_list(site: Path) -> list[str]:
    """Paths (relative to the site's root) kept at installation: every page as its folder address."""
    paths = []
    for path in _served(site):
        if path.startswith(ON_USE):
            continue
        if path == "index.html" or path.endswith("/index.html"):
            path = path.removesuffix("index.html") or "./"
        paths.append(path)
    return paths


def build_id(site: Path) -> str:
    digest = hashlib.sha256()
    for path in _served(site):
        digest.update(path.encode() + b"\0" + hashlib.sha256((site / path).read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_service_worker(site: Path) -> None:
    code = (site / "assets" / "js" / "service-worker.js").read_text(encoding="utf-8")
    for placeholder, value in (
        ('"__BUILD__"', build_id(site)),
        ("__PRECACHE__", precache_list(site)),
        ("__ON_USE__", list(ON_USE)),
        ("__ROOTS__", ROOTS),
    ):
        code = code.replace(placeholder, json.dumps(value))
    (site / "sw.js").write_text(code, encoding="utf-8")


@event_priority(-205)  # after the search index (-200), before the precompressed copies (-210)
def on_post_build(config: MkDocsConfig) -> None:
    say("the offline copy (sw.js)", config)
    if nested_language_build(config):
        return
    write_service_worker(Path(config.site_dir))
