"""The built site, served on a local port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import pytest

from tests.site.chromium import CHROMIUM, launch_args

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["", "login/", "contracts/", "working-times/", "calculator/", "nace-codes/", "about-data/"]
LANGUAGES = {"tr": "", "en": "en/"}


def build_site(target: Path, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir is not None:
        env["GUIDE_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    done = build_site(target)
    assert done.returncode == 0, done.stderr
    return target


def read_headers(directory: Path) -> dict[str, list[tuple[str, str]]]:
    """The site's _headers file: path -> [(header, value)], as a static host applies them."""
    rules: dict[str, list[tuple[str, str]]] = {}
    path = ""
    headers_file = directory / "_headers"
    for line in headers_file.read_text(encoding="utf-8").splitlines() if headers_file.exists() else []:
        if line and not line[0].isspace():
            path = line.strip()
        elif ":" in line:
            name, value = line.strip().split(":", 1)
            rules.setdefault(path, []).append((name.strip(), value.strip()))
    return rules


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host: serves the site with the headers of its _headers file (and any given to all files)."""

    headers_by_path: ClassVar[dict[str, list[tuple[str, str]]]] = {}
    every_file: ClassVar[list[tuple[str, str]]] = []

    def end_headers(self) -> None:
        for name, value in [*self.every_file, *self.headers_by_path.get(self.path.split("?")[0], [])]:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path, every_file: Sequence[tuple[str, str]] = ()) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler_class = type("SiteHandler", (_Handler,),
                         {"headers_by_path": read_headers(directory), "every_file": list(every_file)})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server, url = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM), "Debian's chromium is needed (scripts/setup --tests installs it)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=launch_args(playwright.chromium))
        yield launched
        launched.close()


def all_pages() -> list[tuple[str, str]]:
    return [(lang, prefix + page) for lang, prefix in LANGUAGES.items() for page in PAGES]
