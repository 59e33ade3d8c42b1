"""No broken internal link, and no link to another host, on any built page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from tests.site.html_text import read

ALLOWED_SCHEMES = {"mailto", "tel"}


def _target(site_dir: Path, url_path: str) -> Path:
    path = site_dir / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def test_internal_links_resolve(site_dir: Path) -> None:
    pages = {p: read(p.read_text(encoding="utf-8")) for p in site_dir.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        page_url = "http://site/" + str(path.relative_to(site_dir)).replace("index.html", "")
        for link in page.links:
            parsed = urlparse(link)
            if parsed.scheme in ALLOWED_SCHEMES:
                continue
            absolute = urlparse(urljoin(page_url, link))
            if absolute.netloc != "site":
                broken.append((str(path), link, "other host"))
                continue
            target = _target(site_dir, absolute.path)
            if not target.is_file():
                broken.append((str(path), link, "missing"))
            elif absolute.fragment and target.suffix == ".html":
                target_page = pages.get(target) or read(target.read_text(encoding="utf-8"))
                if unquote(absolute.fragment) not in target_page.ids:
                    broken.append((str(path), link, "no such anchor"))
    assert broken == []
