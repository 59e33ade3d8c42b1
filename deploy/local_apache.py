"""Debian's Apache 2.4 serving a built site with the site's own .htaccess (deploy/htaccess, written
into the site by the build), on a loopback port, without touching /etc/apache2: how the tests check
that the Apache configuration sends what deploy/nginx.conf sends.

    python -m deploy.local_apache [--port 8000] [SITE_DIR]

Apache will not serve as root, and its unprivileged workers cannot read a test's private folder:
the site is served from a world-readable copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from deploy.processes import free_port, stop, until_interrupted, wait_listening

APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
MODULES = Path("/usr/lib/apache2/modules")
# What deploy/htaccess needs, and what serving files needs at all.
NEEDED = ("mpm_event", "authz_core", "mime", "dir", "headers", "rewrite")


def available() -> bool:
    """Apache and the modules deploy/htaccess uses are installed (scripts/setup --tests installs them)."""
    return Path(APACHE).exists() and all((MODULES / f"mod_{name}.so").exists() for name in NEEDED)


def configuration(site: Path, port: int, work: Path) -> str:
    """A minimal main configuration: the site as a host's document root, its .htaccess allowed."""
    user = ["User www-data", "Group www-data"] if os.geteuid() == 0 else []
    return (
        "\n".join(
            [
                f"ServerRoot {work}",
                f"Listen 127.0.0.1:{port}",
                "ServerName 127.0.0.1",
                *[f"LoadModule {name}_module {MODULES / f'mod_{name}.so'}" for name in NEEDED],
                *user,
                f"PidFile {work / 'httpd.pid'}",
                f"ErrorLog {work / 'error.log'}",
                "LogLevel warn",
                f"DefaultRuntimeDir {work}",
                "TypesConfig /etc/mime.types",
                f'DocumentRoot "{site}"',
                f'<Directory "{site}">',
                "    AllowOverride All",
                "    Require all granted",
                "</Directory>",
                "KeepAlive On",
            ]
        )
        + "\n"
    )


@contextmanager
def apache(site: Path, work: Path, port: int = 0) -> Iterator[str]:
    """Runs Apache on a readable copy of the site until the block ends; yields its address."""
    if not available():
        raise RuntimeError("apache2 is needed (scripts/setup --tests installs it)")
    work.mkdir(parents=True, exist_ok=True)
    served = Path(tempfile.mkdtemp(prefix="guide-apache-"))
    try:
        shutil.copytree(site, served / "site")
        for path in [served, *served.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        port = port or free_port()
        conf = work / "apache2.conf"
        conf.write_text(configuration(served / "site", port, work), encoding="utf-8")
        test = subprocess.run([APACHE, "-t", "-f", str(conf)], capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"apache2 refused the configuration:\n{test.stderr}")
        process = subprocess.Popen([APACHE, "-f", str(conf), "-DFOREGROUND"], stderr=subprocess.PIPE, text=True)
        try:
            wait_listening(port, process, "apache2", work / "error.log")
            yield f"http://127.0.0.1:{port}/"
        finally:
            stop(process)
    finally:
        shutil.rmtree(served, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.local_apache", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site/)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="guide-apache-") as work, apache(Path(args.site), Path(work), args.port) as url:
        until_interrupted(f"Serving {args.site} with Apache and its .htaccess at {url} (Ctrl+C to stop)")


if __name__ == "__main__":
    main()
