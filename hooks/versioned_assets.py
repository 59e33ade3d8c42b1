"""MkDocs hook: the guide's own stylesheets and scripts in folders named by a hash of their content.

MkDocs copies docs/assets/css/ and docs/assets/js/ as they are, and their addresses never change, so a
browser had to ask again for each of them on every visit (ten requests answered 304, each a round trip,
on a slow link a new connection's three): a repeat visit of the calculator page on 4G waited some
0.5 s for them (bench/calculator_startup.py, c). Moved to assets/css-<hash>/ and assets/js-<hash>/,
beside where they were (the scripts find the site's root and assets/nace/ relative to their own
address, and import each other by relative name: all unchanged), they are immutable like Material's
own files (hooks/response_headers.py), and a build that changes one of them names a new folder.
Every page's references to them are rewritten. The service worker's code (assets/js/service-worker.js)
stays where it is: hooks/offline.py makes /sw.js of it, the address a service worker must keep.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from language_builds import nested_language_build

FOLDERS = ("css", "js")
STAYS = {"js": {"service-worker.js"}}
HASH_LENGTH = 12
# An attribute's value (src, href, or a data-* attribute such as the calculator page's start script's)
# that ends in assets/css/NAME or assets/js/NAME, whatever comes before it ("../", "/", a full address).
REFERENCE = re.compile(
    r'(?P<head>\b(?:src|href|data-[a-z-]+)=")(?P<before>[^"<>]*?)assets/(?P<folder>css|js)/'
    r'(?P<name>[^"/<>]+)"'
)


def folder_name(folder: Path, names: set[str]) -> str:
    """`css-<hash>` or `js-<hash>`: of the names and contents of the files that move."""
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode() + b"\0" + hashlib.sha256((folder / name).read_bytes()).digest())
    return f"{folder.name}-{digest.hexdigest()[:HASH_LENGTH]}"


def version_folders(assets: Path) -> dict[str, tuple[str, set[str]]]:
    """Moves each folder's files (but those that stay) into its versioned folder: {"css": (new folder,
    names moved)}."""
    moved: dict[str, tuple[str, set[str]]] = {}
    for name in FOLDERS:
        source = assets / name
        stays = STAYS.get(name, set())
        names = {p.name for p in source.iterdir() if p.is_file() and p.name not in stays}
        target = assets / folder_name(source, names)
        target.mkdir()
        for file in names:
            (source / file).replace(target / file)
        if not any(source.iterdir()):
            source.rmdir()
        moved[name] = (target.name, names)
    return moved


def rewrite_references(html: str, moved: dict[str, tuple[str, set[str]]]) -> str:
    """The page with its references to moved files pointing at their versioned folders; a reference to a
    file of those folders that does not exist is an error (a page would load nothing there)."""

    def versioned(match: re.Match[str]) -> str:
        folder, names = moved[match["folder"]]
        name = match["name"]
        if name not in names:
            if name in STAYS.get(match["folder"], set()):
                return match[0]
            raise PluginError(f"a page refers to assets/{match['folder']}/{name}, which the build has not")
        return f'{match["head"]}{match["before"]}assets/{folder}/{name}"'

    return REFERENCE.sub(versioned, html)


# After every language is built (static-i18n: -100) and the calculator's worker has left assets/js/
# (-150), before the PDFs print the pages (-170), the service worker lists the files (-205) and the
# precompressed copies are made (-210).
@event_priority(-155)
def on_post_build(config: MkDocsConfig) -> None:
    if nested_language_build(config):
        return
    site = Path(config.site_dir)
    moved = version_folders(site / "assets")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        rewritten = rewrite_references(html, moved)
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")
