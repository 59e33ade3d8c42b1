"""The bench's emulated link (bench/shaped_link.py): it must serve what the production configuration
serves, over TLS with the key it names, and make a response take at least as long as its bytes and
round trips would on the link, whatever the machine's speed (a floor, not a ceiling)."""

from __future__ import annotations

import http.client
import ssl
import time
from email.utils import formatdate
from pathlib import Path

import brotli
import pytest

from bench.shaped_link import LINKS, Link, self_signed, start


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "assets").mkdir(parents=True)
    body = bytes(range(256)) * 400  # 100 kB
    (folder / "assets" / "big.bin").write_bytes(body)
    (folder / "assets" / "big.bin.br").write_bytes(brotli.compress(body))
    (folder / "_headers").write_text("/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n", encoding="utf-8")
    return folder


def fetch(url: str, cafile: Path, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    host, port = url.removeprefix("https://").rstrip("/").split(":")
    connection = http.client.HTTPSConnection(host, int(port), context=ssl.create_default_context(cafile=str(cafile)))
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_the_link_serves_the_site_as_production_does_and_counts_what_it_sent(site: Path, tmp_path: Path) -> None:
    certificate = self_signed(tmp_path)
    assert len(certificate.spki) == 44 and certificate.chromium_flag.endswith(certificate.spki)
    server, url = start(site, Link("fast", 10_000, 0), certificate)
    try:
        status, headers, body = fetch(url, certificate.cert, "/assets/big.bin", **{"Accept-Encoding": "br"})
        assert status == 200 and headers["content-encoding"] == "br"
        assert brotli.decompress(body) == (site / "assets" / "big.bin").read_bytes()
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        since = formatdate(time.time() + 60, usegmt=True)
        status, _, body = fetch(url, certificate.cert, "/assets/big.bin", **{"If-Modified-Since": since})
        assert status == 304 and body == b""
        sent = server.wire.take()
        assert [(path, status) for path, status, _ in sent] == [("/assets/big.bin", 200), ("/assets/big.bin", 304)]
        assert sent[0][2] > len((site / "assets" / "big.bin.br").read_bytes())  # the body and its headers
        assert server.wire.take() == []
    finally:
        server.shutdown()


def test_a_response_takes_at_least_its_bytes_and_round_trips_on_the_link(site: Path, tmp_path: Path) -> None:
    certificate = self_signed(tmp_path)
    link = Link("slow", 4, 100)  # 100 kB at 4 Mbit/s: 0.2 s; connection, handshake and request: 3 round trips
    server, url = start(site, link, certificate)
    try:
        started = time.monotonic()
        status, _, body = fetch(url, certificate.cert, "/assets/big.bin")  # not compressed: 102,400 bytes
        took = time.monotonic() - started
        assert status == 200 and len(body) == 102_400
        assert took >= 102_400 / link.bytes_per_second + 3 * link.rtt_ms / 1000
    finally:
        server.shutdown()


def test_the_bench_measures_the_issues_three_links() -> None:
    assert [(link.mbit, link.rtt_ms) for link in LINKS] == [(100, 10), (20, 40), (9, 170)]
