"""The local servers stop what they started: scripts/serve stopped by SIGTERM or Ctrl+C leaves nothing
listening (deploy/processes.py)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy.local_apache import available as apache_available
from deploy.local_nginx import available as nginx_available
from deploy.processes import free_port

ROOT = Path(__file__).resolve().parents[1]


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize("module", ["deploy.local_nginx", "deploy.local_apache"])
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_local_server_leaves_nothing_listening(tmp_path: Path, module: str, how: int) -> None:
    if not (nginx_available() if module == "deploy.local_nginx" else apache_available()):
        pytest.skip(f"{module}: its server is not installed (scripts/setup --tests installs it)")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    for name in ("_headers", "_headers.nginx", "404.html"):
        (site / name).write_text("", encoding="utf-8")
    (site / ".htaccess").write_text((ROOT / "deploy" / "htaccess").read_text(encoding="utf-8"), encoding="utf-8")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", module, str(site), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # "Serving ... (Ctrl+C to stop)" once it listens
        assert "Serving" in line, line + process.stderr.read() if process.stderr else line
        assert _listening(port)
        process.send_signal(how)
        process.wait(timeout=20)
        deadline = time.monotonic() + 5
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _listening(port)
    finally:
        process.kill()
