"""A loopback HTTPS server that behaves like a network link: a bandwidth shared by every connection,
and a round-trip time paid for each connection's set-up and each request. For the calculator's start-up
bench, which loopback alone would flatter (bandwidth free, no round trips).

It serves the built site as the production configuration does (deploy/serve.py's handler: the site's
headers, the precompressed .br or .gz the browser accepts, 304 for an unchanged file), over TLS, since
Chromium offers brotli only over TLS. The key is self-signed, made for the run by `openssl`; Chromium is
told to trust it by its public key's hash (--ignore-certificate-errors-spki-list), because the blanket
--ignore-certificate-errors also stops it caching, and a repeat visit would then download everything again.

The model, deliberately simple: one queue for the link's bandwidth (every response's bytes, in 16 KiB
pieces, wait their turn, so parallel downloads share it as TCP flows roughly do); one round trip before a
connection's TLS handshake (TCP) and one for the handshake (TLS 1.3); one round trip between a request
and the first byte of its response. Bytes are counted as sent (headers and bodies), per request.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deploy.serve import SiteHandler, read_headers

PIECE = 16 * 1024


@dataclass(frozen=True)
class Link:
    name: str
    mbit: float  # bandwidth, megabits per second
    rtt_ms: float  # round-trip time

    @property
    def bytes_per_second(self) -> float:
        return self.mbit * 1e6 / 8


# The three: a fast office line, a slower one, and a phone's 4G.
LINKS = (Link("100 Mbit/s, 10 ms", 100, 10), Link("20 Mbit/s, 40 ms", 20, 40), Link("9 Mbit/s, 170 ms (4G)", 9, 170))


@dataclass
class Wire:
    """The link's shared bandwidth, and what went over it."""

    link: Link
    _free_at: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    sent: list[tuple[str, int, int]] = field(default_factory=list)  # (path, status, bytes)

    def pace(self, size: int) -> None:
        """Wait until `size` more bytes would have crossed the link, after those queued before them."""
        with self._lock:
            start = max(time.monotonic(), self._free_at)
            self._free_at = start + size / self.link.bytes_per_second
            done = self._free_at
        delay = done - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def round_trip(self) -> None:
        time.sleep(self.link.rtt_ms / 1000)

    def record(self, path: str, status: int, size: int) -> None:
        with self._lock:
            self.sent.append((path, status, size))

    def take(self) -> list[tuple[str, int, int]]:
        """What was sent since the last call."""
        with self._lock:
            sent, self.sent = self.sent, []
        return sent


class _Counted:
    """A response stream that paces what it writes and counts it."""

    def __init__(self, stream: Any, wire: Wire) -> None:
        self.stream, self.wire, self.count = stream, wire, 0

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        for at in range(0, len(view), PIECE):
            piece = view[at : at + PIECE]
            self.wire.pace(len(piece))
            self.stream.write(piece)
            self.count += len(piece)
        return len(data)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class ShapedHandler(SiteHandler):
    wire: Wire

    def setup(self) -> None:
        super().setup()
        self.wfile = _Counted(self.wfile, self.wire)  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        counted: _Counted = self.wfile  # type: ignore[assignment]
        before = counted.count
        self.raw_requestline = b""
        super().handle_one_request()
        if self.raw_requestline:
            self.wire.record(self.url_path(), getattr(self, "_status", 0), counted.count - before)

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        if parsed:
            self.wire.round_trip()  # the request's way there and the response's first byte's way back
        return parsed

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)


class ShapedServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Path, wire: Wire, context: ssl.SSLContext) -> None:
        handler = type("Shaped", (ShapedHandler,), {"rules": read_headers(site), "wire": wire})
        super().__init__(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(site)))
        self.context, self.wire = context, wire

    def finish_request(self, request: Any, client_address: Any) -> None:
        # In the connection's own thread: the TCP handshake's round trip, then TLS's.
        self.wire.round_trip()
        try:
            secured = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        self.wire.round_trip()
        super().finish_request(secured, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a kept-alive connection is not an error worth printing


@dataclass(frozen=True)
class Certificate:
    key: Path
    cert: Path
    spki: str  # base64 of the SHA-256 of the public key, as --ignore-certificate-errors-spki-list wants

    @property
    def chromium_flag(self) -> str:
        return f"--ignore-certificate-errors-spki-list={self.spki}"


def self_signed(folder: Path) -> Certificate:
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    public = subprocess.run(["openssl", "x509", "-in", str(cert), "-pubkey", "-noout"], check=True, capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=public, check=True, capture_output=True).stdout
    return Certificate(key, cert, base64.b64encode(hashlib.sha256(der).digest()).decode())


def start(site: Path, link: Link, certificate: Certificate) -> tuple[ShapedServer, str]:
    """Serves `site` over `link` in a background thread; returns the server and its https address."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.load_cert_chain(certificate.cert, certificate.key)
    server = ShapedServer(site, Wire(link), context)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"https://127.0.0.1:{server.server_address[1]}/"
