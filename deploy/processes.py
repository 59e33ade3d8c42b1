"""What deploy/local_nginx.py and deploy/local_apache.py share: a free loopback port, waiting for a
server process to listen (or saying why it stopped), and serving until Ctrl+C."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import IO, Any


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[Any], name: str, log: Path, seconds: float = 15) -> None:
    """Returns once `process` listens on the loopback `port`; raises, with its own words, if it stops or
    does not listen in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = _read(process.stderr) + (log.read_text(encoding="utf-8", errors="replace") if log.exists() else "")
            raise RuntimeError(f"{name} stopped: {said}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not start listening within {seconds:.0f} s")


def _read(stream: IO[Any] | None) -> str:
    if stream is None:
        return ""
    said = stream.read()
    return said.decode(errors="replace") if isinstance(said, bytes) else str(said)


def stop(process: subprocess.Popen[Any]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def until_interrupted(message: str) -> None:
    """Waits for Ctrl+C or SIGTERM (what `kill` and service managers send), so that the caller's
    `finally` stops the server it started: a stopped scripts/serve leaves nothing listening."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    # Ctrl+C too, even where the server was started in the background of a script (such a shell starts
    # its background jobs with SIGINT ignored, and Python then leaves it ignored).
    signal.signal(signal.SIGINT, interrupt)
    print(message, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        while True:
            time.sleep(3600)
