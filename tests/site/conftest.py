"""The built site, served on a local port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import pytest

from deploy import local_nginx
from deploy.serve import SiteHandler, start
from language_builds import ROOTS
from tests.site.chromium import CHROMIUM, launch_args

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "",
    "login/",
    "contracts/",
    "upkeep/",
    "working-times/",
    "calculator/",
    "plan/",
    "monthly-check/",
    "nace-codes/",
    "nace-list/",
    "changes/",
    "about-data/",
]
# Each language's folder in the built site, as the build has them.
LANGUAGES = ROOTS


def build_site(
    target: Path, data_dir: Path | None = None, site_url: str | None = None, skip_pdf: bool = False, **variables: str
) -> subprocess.CompletedProcess[str]:
    """A build of the site into `target`; with no `site_url`, as a build without SITE_URL is.
    `variables`: more of the build's environment (GUIDE_INSTITUTION=...)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SITE_URL", "GUIDE_INSTITUTION", "GUIDE_INSTITUTION_UNIT", "GUIDE_INSTITUTION_LOGO")
    }
    env.update(variables)
    env["NO_MKDOCS_2_WARNING"] = "1"
    if data_dir is not None:
        env["GUIDE_DATA_DIR"] = str(data_dir)
    if site_url is not None:
        env["SITE_URL"] = site_url
    if skip_pdf:
        env["GUIDE_SKIP_PDF"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def folder(site: Path, name: str) -> str:
    """The build's versioned folder of Pyodide's or the calculator's files: "pyodide/<hash>/" (the one
    folder under assets/<name>/)."""
    found = [path.name for path in (site / "assets" / name).iterdir() if path.is_dir()]
    assert len(found) == 1, found
    return f"{name}/{found[0]}/"


def own_folder(site: Path, name: str) -> str:
    """The build's versioned folder of the guide's own stylesheets ("css") or scripts ("js"):
    "js-<hash>/" (hooks/versioned_assets.py)."""
    found = [path.name for path in (site / "assets").iterdir() if path.is_dir() and path.name.startswith(name + "-")]
    assert len(found) == 1, found
    return f"{found[0]}/"


def calculator_files(site: Path) -> Path:
    return site / "assets" / folder(site, "calculator")


def pyodide_files(site: Path) -> Path:
    return site / "assets" / folder(site, "pyodide")


@pytest.fixture()
def site_builder() -> Any:
    """build_site, for a test that builds a site of its own (the fixture marks it `build`)."""
    return build_site


@dataclass(frozen=True)
class Built:
    path: Path
    # What the build said on stderr; None for a site built before the run (GUIDE_TEST_SITE).
    stderr: str | None


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The site every site test reads, built once per run as a build without SITE_URL is."""
    # GUIDE_TEST_SITE=DIR: a site already built from this working copy (scripts/build --site-dir DIR),
    # to re-run a few site tests without building again; the test command never sets it.
    if built := os.environ.get("GUIDE_TEST_SITE"):
        return Built(Path(built), None)
    target = tmp_path_factory.mktemp("site")
    done = build_site(target)
    assert done.returncode == 0, done.stderr
    return Built(target, done.stderr)


@pytest.fixture(scope="session")
def site_dir(site_build: Built) -> Path:
    return site_build.path


class _Handler(SiteHandler):
    """The project's server (deploy/serve.py), with extra headers for every file and injected faults."""

    every_file: ClassVar[list[tuple[str, str]]] = []
    # Injected server faults, by the end of a path: ("missing",), ("type", "text/plain"), ("cut",) or ("stall",).
    faults: ClassVar[dict[str, tuple[str, ...]]] = {}
    compressed: ClassVar[bool] = True

    def end_headers(self) -> None:
        for name, value in self.every_file:
            self.send_header(name, value)
        super().end_headers()

    def _fault(self) -> tuple[str, ...] | None:
        path = self.url_path()
        return next((fault for end, fault in self.faults.items() if path.endswith(end)), None)

    def send_head(self) -> BinaryIO | None:
        if not self.compressed:
            del self.headers["Accept-Encoding"]
        fault = self._fault()
        if fault == ("missing",):
            self.send_error(404)
            return None
        if fault == ("stall",):
            # The connection is taken and nothing is ever sent (GET and HEAD alike), for longer than any test.
            time.sleep(40)
            self.close_connection = True
            return None
        if fault == ("cut",) and self.command == "GET":
            # Headers promising the whole file, then half of it and a closed connection.
            local = Path(self.translate_path(self.url_path()))
            size = local.stat().st_size
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(local)))
            self.send_header("Content-Length", str(size))
            self.end_headers()
            self.wfile.write(local.read_bytes()[: size // 2])
            self.close_connection = True
            return None
        return super().send_head()

    def guess_type(self, path: object) -> str:
        fault = self._fault()
        if fault is not None and fault[0] == "type":
            return fault[1]
        return super().guess_type(path)  # type: ignore[arg-type]


def serve(
    directory: Path,
    every_file: Sequence[tuple[str, str]] = (),
    faults: dict[str, tuple[str, ...]] | None = None,
    compressed: bool = True,
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The built site on a loopback port, as scripts/serve serves it (deploy/serve.py)."""
    return start(directory, base=_Handler, every_file=list(every_file), faults=dict(faults or {}), compressed=compressed)


@pytest.fixture(scope="session")
def base_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site as published: on Debian's nginx with deploy/nginx.conf (scripts/setup --tests
    installs it; CI always has it), else on the project's own server, which sends the same headers.
    Tests that inject server faults use `serve` themselves."""
    if local_nginx.available():
        with local_nginx.nginx(site_dir, tmp_path_factory.mktemp("nginx")) as url:
            yield url
        return
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
