"""The project's own small web server for the built site: what `scripts/serve` runs when nginx is not
installed, and what the browser tests serve the site with.

It sends what deploy/nginx.conf sends: the headers the build wrote to _headers (the Content-Security-
Policy on every response, the worker's included; nosniff; the referrer, permissions and cache
policies), the right types (.mjs as JavaScript, .wasm as application/wasm), the precompressed .br or .gz
file the browser accepts (a byte range of the file itself), each language's 404 page, 304 for an
unchanged file, and "no-store" on every error. The header files themselves are not served, however
their address is spelt.

    python -m deploy.serve [--port 8000] [--bind 127.0.0.1] [SITE_DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import http.server
import io
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, ClassVar

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".bin": "application/octet-stream",
    ".map": "application/json",
    ".pf_meta": "application/octet-stream",
}
HEADER_FILES = ("/_headers", "/_headers.nginx", "/.htaccess")
# What the browser may accept, best first, and the file beside the original that holds it.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def read_headers(site: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The site's _headers file (Netlify's format): [(path pattern, [(header, value)])], in order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    headers_file = site / "_headers"
    for line in headers_file.read_text(encoding="utf-8").splitlines() if headers_file.exists() else []:
        if line and not line[0].isspace():
            rules.append((line.strip(), []))
        elif ":" in line and rules:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: list[tuple[str, list[tuple[str, str]]]], path: str) -> dict[str, str]:
    """The headers for a URL path: every matching rule applies, a later one overriding an earlier."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found.update(headers)
    return found


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    rules: ClassVar[list[tuple[str, list[tuple[str, str]]]]] = []
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}  # noqa: RUF012
    # Keep-alive, as a real server: the browser reuses its connections.
    protocol_version = "HTTP/1.1"

    def url_path(self) -> str:
        return self.path.split("?", 1)[0].split("#", 1)[0]

    status = 200

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, self.url_path()).items():
            # An error is never kept, even in a versioned folder (a file missing for a moment during a deploy).
            if name.lower() == "cache-control" and self.status >= 400:
                value = "no-store"
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> BinaryIO | None:
        path = self.url_path()
        raw = Path(self.translate_path(path))
        site = Path(self.directory).resolve()
        # The header files are the server's, however their address is spelt (/%5Fheaders, /_headers/...).
        if raw.resolve() in {site / name.lstrip("/") for name in HEADER_FILES}:
            self.send_error(404)
            return None
        local = raw
        if local.is_dir():
            if not path.endswith("/"):
                return super().send_head()  # the redirect to "path/"
            local = local / "index.html"
        elif path.endswith("/"):
            local = local / "index.html"  # a file's address with a slash after it names nothing
        if not local.is_file():
            self.send_error(404)
            return None
        accepted = self.headers.get("Accept-Encoding", "")
        # A range is of the file itself (as nginx and Apache answer it), never of a compressed copy.
        for encoding, suffix in ENCODINGS if not self.headers.get("Range") else ():
            variant = local.with_name(local.name + suffix)
            if encoding in accepted and variant.is_file():
                return self._file(variant, self.guess_type(str(local)), encoding)
        return self._file(local, self.guess_type(str(local)), None)

    def _range(self, size: int) -> tuple[int, int] | None:
        """The one byte range asked ("bytes=0-99", "bytes=100-", "bytes=-50"), or None for the whole file;
        several ranges are answered with the whole file, as a server may."""
        asked = (self.headers.get("Range") or "").strip()
        if not asked.startswith("bytes=") or "," in asked:
            return None
        start_text, _, end_text = asked[len("bytes=") :].partition("-")
        try:
            if not start_text:
                return max(0, size - int(end_text)), size - 1
            start = int(start_text)
            end = min(int(end_text), size - 1) if end_text else size - 1
        except ValueError:
            return None
        return start, end

    def _unchanged_since(self, mtime: int) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            return email.utils.parsedate_to_datetime(since).timestamp() >= mtime
        except (TypeError, ValueError):
            return False  # a date it cannot read: send the file

    def _file(self, local: Path, content_type: str, encoding: str | None) -> BinaryIO | None:
        stat = local.stat()
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if self._unchanged_since(int(stat.st_mtime)):
            self.send_response(304)
            self.send_header("Last-Modified", modified)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        part = self._range(stat.st_size) if encoding is None else None
        if part is not None and (part[0] > part[1] or part[0] >= stat.st_size):
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{stat.st_size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        file = local.open("rb")
        self.send_response(200 if part is None else 206)
        self.send_header("Content-Type", content_type)
        if encoding is None:
            # Ranges are offered on the file itself only: Emscripten's lazy files (Pyodide's standard library
            # on demand) would read a compressed copy's length as the file's and ask for the wrong bytes.
            self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", modified)
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if part is None:
            self.send_header("Content-Length", str(stat.st_size))
            self.end_headers()
            return file
        start, end = part
        self.send_header("Content-Range", f"bytes {start}-{end}/{stat.st_size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        file.seek(start)
        body = io.BytesIO(file.read(end - start + 1))
        file.close()
        return body

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets its language's 404 page (en/404.html under /en/), as nginx sends it."""
        site = Path(self.directory)
        page = site / ("en/404.html" if self.url_path().startswith("/en/") else "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("GUIDE_SERVE_LOG") == "1":
            super().log_message(format, *args)


def handler_for(site: Path, base: type[SiteHandler] = SiteHandler, **attributes: object) -> functools.partial[SiteHandler]:
    handler_class = type("Site", (base,), {"rules": read_headers(site), **attributes})
    return functools.partial(handler_class, directory=str(site))


def start(
    site: Path, port: int = 0, bind: str = "127.0.0.1", base: type[SiteHandler] = SiteHandler, **attributes: object
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serves `site` in a background thread; returns the server and its address."""
    server = http.server.ThreadingHTTPServer((bind, port), handler_for(site, base, **attributes))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{bind}:{server.server_address[1]}/"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site/)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = http.server.ThreadingHTTPServer((args.bind, args.port), handler_for(Path(args.site)))
    print(f"Serving {args.site} at http://{args.bind}:{args.port}/ (Ctrl+C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
