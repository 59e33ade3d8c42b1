"""Debian's nginx serving a built site with deploy/nginx.conf as shipped (only its folder and address
changed), on a loopback port, without root and without touching /etc/nginx: what the tests serve the
site with, and what `scripts/serve` runs when nginx is installed.

    python -m deploy.local_nginx [--port 8000] [SITE_DIR]
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

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
# The site's folder as deploy/nginx.conf names it.
SHIPPED_ROOT = "/srv/isg-katip-rehberi/site"


def available() -> bool:
    """nginx and its brotli module are installed (scripts/setup --tests installs both)."""
    return Path(NGINX).exists() and BROTLI_MODULE.exists()


def configuration(site: Path, port: int, work: Path) -> str:
    """deploy/nginx.conf as shipped, with only its folder and address changed, inside a minimal main file."""
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace(SHIPPED_ROOT, str(site)).replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("    listen [::]:80;\n", "")
    temp = "\n".join(f"    {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return "\n".join(
        [
            f"load_module {BROTLI_MODULE};",
            # As root (CI), nginx would hand the files to "nobody", who cannot read a test's folder.
            "user root;" if os.geteuid() == 0 else "",
            "worker_processes 1;",
            "daemon off;",
            f"pid {work / 'nginx.pid'};",
            f"error_log {work / 'error.log'} warn;",
            "events { worker_connections 256; }",
            "http {",
            "    access_log off;",
            temp,
            server,
            "}",
        ]
    )


@contextmanager
def nginx(site: Path, work: Path, port: int = 0) -> Iterator[str]:
    """Runs nginx on the site until the block ends; yields its address."""
    if not available():
        raise RuntimeError("nginx and libnginx-mod-http-brotli-static are needed (scripts/setup --tests installs them)")
    work.mkdir(parents=True, exist_ok=True)
    site = site.resolve()
    port = port or free_port()
    conf = work / "nginx.conf"
    conf.write_text(configuration(site, port, work), encoding="utf-8")
    test = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(work), "-e", str(work / "error.log")], capture_output=True, text=True
    )
    if test.returncode != 0:
        raise RuntimeError(test.stderr)
    process = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(work), "-e", str(work / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_listening(port, process, "nginx", work / "error.log")
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.local_nginx", description="Serve the built site with nginx.")
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site/)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="guide-nginx-") as work, nginx(Path(args.site), Path(work), args.port) as url:
        until_interrupted(f"Serving {args.site} with nginx (deploy/nginx.conf) at {url} (Ctrl+C to stop)")


if __name__ == "__main__":
    main()
