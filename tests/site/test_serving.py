"""The built site as its servers send it: deploy/nginx.conf on Debian's nginx, the site's .htaccess
(deploy/htaccess) on Debian's Apache, and the project's own server (deploy/serve.py, what
scripts/serve runs without nginx). Both: the right type for every kind
of file, every security and cache header on every response (the worker's included), precompressed
brotli and gzip, revalidation, each language's 404 page, and the header files kept private."""

from __future__ import annotations

import gzip
import http.client
import time
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlparse

import brotli
import pytest

from deploy.local_apache import apache
from deploy.local_nginx import nginx
from deploy.serve import SiteHandler, start
from tests.site.browsing import close, visit
from tests.site.chromium import CHROMIUM, launch_args
from tests.site.conftest import folder, own_folder, serve

# One file of each kind the site serves, its type, and whether it is revalidated or kept for good
# ({pyodide}, {calculator}, {js} and {css}: the build's versioned folders).
REVALIDATE, IMMUTABLE = "no-cache", "public, max-age=31536000, immutable"
KINDS = [
    ("/", "text/html", REVALIDATE),
    ("/en/calculator/", "text/html", REVALIDATE),
    ("/assets/{calculator}calculator-worker.js", "text/javascript", IMMUTABLE),
    ("/assets/{calculator}snapshot-pages.mjs", "text/javascript", IMMUTABLE),
    ("/assets/{js}calculator.js", "text/javascript", IMMUTABLE),
    ("/assets/{pyodide}pyodide.asm.mjs", "text/javascript", IMMUTABLE),
    ("/assets/{pyodide}pyodide.asm.wasm", "application/wasm", IMMUTABLE),
    ("/assets/{calculator}manifest.json", "application/json", IMMUTABLE),
    ("/assets/{calculator}calculator.zip", "application/zip", IMMUTABLE),
    ("/assets/{css}guide.css", "text/css", IMMUTABLE),
    ("/assets/images/favicon.png", "image/png", REVALIDATE),
    ("/isg-katip-rehberi.pdf", "application/pdf", REVALIDATE),
]


def at(site: Path, path: str) -> str:
    """A path with the build's versioned folders filled in."""
    return path.format(
        pyodide=folder(site, "pyodide"),
        calculator=folder(site, "calculator"),
        js=own_folder(site, "js"),
        css=own_folder(site, "css"),
    )


@pytest.fixture(scope="module", params=["nginx", "apache", "python"])
def server(request: Any, site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "nginx":
        with nginx(site_dir, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    elif request.param == "apache":
        with apache(site_dir, tmp_path_factory.mktemp("apache")) as url:
            yield url
    else:
        running, url = serve(site_dir)
        yield url
        running.shutdown()


def get(base: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    address = urlparse(base)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _material_bundle(site: Path) -> str:
    return "/" + str(next((site / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(site))


def _security(headers: dict[str, str]) -> None:
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'wasm-unsafe-eval'" in policy and "'sha256-" in policy  # the pages' inline scripts, hashed
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "camera=()" in headers["permissions-policy"]


@pytest.mark.parametrize("path, kind, cache", KINDS)
def test_every_kind_of_file_has_its_type_and_every_header(server: str, site_dir: Path, path: str, kind: str, cache: str) -> None:
    status, headers, _ = get(server, at(site_dir, path))
    assert status == 200
    assert headers["content-type"].split(";")[0] == kind
    _security(headers)
    assert headers["cache-control"] == cache


def test_hashed_files_are_immutable(server: str, site_dir: Path) -> None:
    status, headers, _ = get(server, _material_bundle(site_dir))
    assert status == 200 and headers["content-type"].split(";")[0] == "text/javascript"
    _security(headers)
    assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"]


@pytest.mark.parametrize(
    "path",
    [
        "/assets/{pyodide}pyodide.asm.wasm",
        "/en/calculator/",
        "/assets/{calculator}data.json",
        "/assets/{calculator}snapshot.bin",
        "/assets/{calculator}stdlib-core.zip",
    ],
)
def test_precompressed_brotli_and_gzip_are_the_same_file(server: str, site_dir: Path, path: str) -> None:
    path = at(site_dir, path)
    local = site_dir / path.lstrip("/")
    original = (local / "index.html" if path.endswith("/") else local).read_bytes()
    status, headers, body = get(server, path, **{"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and headers["content-encoding"] == "br" and brotli.decompress(body) == original
    assert len(body) < len(original) / 2
    status, headers, body = get(server, path, **{"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == original
    status, headers, body = get(server, path)
    assert "content-encoding" not in headers and body == original
    assert "accept-encoding" in headers.get("vary", "").lower()


def test_an_unchanged_file_is_not_sent_again(server: str) -> None:
    _, headers, _ = get(server, "/assets/images/favicon.png")
    status, _, body = get(server, "/assets/images/favicon.png", **{"If-Modified-Since": headers["last-modified"]})
    assert status == 304 and body == b""
    status, _, _ = get(server, "/assets/images/favicon.png", **{"If-Modified-Since": formatdate(0, usegmt=True)})
    assert status == 200


@pytest.mark.parametrize("path, lang", [("/no-such-page/", "tr"), ("/en/no-such-page/", "en"), ("/assets/nothing.js", "tr")])
def test_each_language_has_its_404_page(server: str, path: str, lang: str) -> None:
    status, headers, body = get(server, path)
    assert status == 404 and headers["content-type"].startswith("text/html")
    _security(headers)
    page = body.decode()
    assert f'<html lang="{lang}"' in page
    assert ("Sayfa bulunamadı" if lang == "tr" else "Page not found") in page
    assert 'http-equiv="Content-Security-Policy"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/_headers",
        "/_headers.nginx",
        "/.htaccess",
        "/%5Fheaders",
        "/_headers/",
        "/.htaccess/",
        "/_headers.nginx/",
        "/%2Ehtaccess",
    ],
)
def test_the_header_files_are_not_served(server: str, path: str) -> None:
    status, _, body = get(server, path)
    assert status == 404 and b"Content-Security-Policy:" not in body and b"Header always set" not in body


@pytest.mark.parametrize(
    "path", ["/assets/{calculator}no-such-file.js", "/assets/{pyodide}missing.wasm", "/assets/{js}gone.js", "/_headers"]
)
def test_an_error_is_never_kept_even_in_a_versioned_folder(server: str, site_dir: Path, path: str) -> None:
    """A file missing for a moment during a deploy must not stay missing in a reader's cache for a year."""
    status, headers, body = get(server, at(site_dir, path))
    assert status == 404 and headers["cache-control"] in ("no-store", "no-cache"), headers
    _security(headers)
    assert "Sayfa bulunamadı" in body.decode()


def test_a_byte_range_is_answered(server: str, site_dir: Path) -> None:
    whole = (site_dir / "isg-katip-rehberi.pdf").read_bytes()
    status, headers, body = get(server, "/isg-katip-rehberi.pdf", Range="bytes=100-199")
    assert (status, body, headers["content-range"]) == (206, whole[100:200], f"bytes 100-199/{len(whole)}")
    status, _, body = get(server, "/isg-katip-rehberi.pdf", Range="bytes=-10")
    assert (status, body) == (206, whole[-10:])


def test_pagefinds_files_are_binary(server: str, site_dir: Path) -> None:
    for part in sorted((site_dir / "pagefind").glob("*.pagefind"))[:2]:
        status, headers, _ = get(server, "/pagefind/" + part.name)
        assert status == 200 and headers["content-type"] == "application/octet-stream", (part.name, headers)


def test_the_calculator_works_under_the_server_and_its_worker_keeps_to_the_origin(browser: Any, server: str) -> None:
    other, other_url = serve(Path(__file__).parent)  # another origin: the worker must not reach it
    seen = visit(browser, server + "en/calculator/?hazard=cok&employees=300", until="load")
    try:
        seen.page.wait_for_selector("html[data-calculator='ready-snapshot']", state="attached", timeout=60_000)
        seen.page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=30_000)
        reached = seen.page.workers[0].evaluate(f"fetch({other_url!r}).then(() => 'reached', (e) => 'blocked')")
        assert reached == "blocked"
        assert [e for e in seen.console_errors if "Content Security Policy" not in e] == []
    finally:
        close(seen)
        other.shutdown()


@pytest.mark.parametrize("path, lang", [("nothing/", "tr"), ("en/nothing/", "en")])
def test_the_404_page_asks_for_nothing_missing(browser: Any, server: str, path: str, lang: str) -> None:
    seen = visit(browser, server + path)
    try:
        assert seen.page.get_attribute("html", "lang") == lang
        assert [f for f in seen.failures if not f.endswith(path)] == []
        assert seen.foreign(server) == [] and seen.console_errors == [e for e in seen.console_errors if "404" in e]
        links = seen.page.eval_on_selector_all(".md-select__link", "links => links.map(l => l.getAttribute('href'))")
        assert sorted(links) == sorted(["/./", "/en/"])
    finally:
        close(seen)


class _Counting(SiteHandler):
    """The project's server, keeping every path it is asked for (and how it answered); its pages'
    first byte waits 80 ms, as over a link with long round trips (where the calculator page starts
    its largest downloads itself)."""

    seen: ClassVar[list[tuple[str, int]]] = []

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.seen.append((self.url_path(), int(code) if str(code).isdigit() else 0))

    def send_head(self) -> Any:
        if self.url_path().endswith("/"):
            time.sleep(0.08)
        return super().send_head()


def test_a_second_visit_takes_pyodide_and_the_calculator_from_the_cache(browser: Any, site_dir: Path, tmp_path: Path) -> None:
    """Immutable files are not asked for again, not even to revalidate: on a slow link each would
    cost a round trip: the calculator's worker and the page's own stylesheets and scripts are among
    them. Only the pages (and images) are asked for again. (A browser profile on disk, as a
    reader's: an in-memory one keeps no file as large as the snapshot.)"""
    server, url = start(site_dir, base=_Counting, seen=[])
    handler = server.RequestHandlerClass.func  # type: ignore[attr-defined]
    chromium = browser.browser_type
    context = chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=list(launch_args(chromium)), service_workers="block"
    )
    try:
        page = context.new_page()
        page.goto(url + "calculator/?hazard=cok&employees=300")
        page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=60_000)
        first = list(handler.seen)
        assert [p for p, _ in first if p.startswith(("/assets/pyodide/", "/assets/calculator/"))]
        # The page starts the two largest downloads itself, before the worker asks for them: the
        # worker's requests are answered from those downloads (the HTTP cache), not sent again.
        for kind, name in (("pyodide", "pyodide.asm.wasm"), ("calculator", "snapshot.bin")):
            assert [p for p, _ in first if p.endswith("/" + name)] == [f"/assets/{folder(site_dir, kind)}{name}"]
        handler.seen.clear()
        page.goto(url + "en/calculator/?hazard=cok&employees=300")
        page.wait_for_selector("#calc-result:not([hidden]) .calc-role", timeout=60_000)
        again = list(handler.seen)
    finally:
        context.close()
        server.shutdown()
    versioned = ("/assets/pyodide/", "/assets/calculator/", "/assets/js-", "/assets/css-")
    assert [p for p, _ in first if p.startswith(("/assets/js-", "/assets/css-"))]
    assert [p for p, _ in again if p.startswith(versioned)] == []
    assert [p for p, _ in again if p == "/en/calculator/"]
