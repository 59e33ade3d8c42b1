"""MkDocs hook: every compressible file of the built site also as .gz and .br, made once at build, so
that a server sends them as they are (nginx's gzip_static and brotli_static, deploy/serve.py) instead
of compressing on each request, or not at all.

Brotli at its best quality takes some 40 s on Pyodide's 9.6 MB WebAssembly, which never changes
between builds: results are kept in .cache/precompressed/ by the file's content hash.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import brotli
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from language_builds import nested_language_build
from progress import say

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "precompressed"
# Text, WebAssembly and the calculator's memory snapshot (.bin) compress well; PDFs, images and zips do
# not, except a zip whose files are stored uncompressed (the calculator's compiled standard library,
# left for the host to compress: brotli does far better than the zip's own deflate).
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".bin", ".svg", ".xml", ".txt", ".map"}
# Below this a compressed copy saves less than a packet.
SMALLEST = 1024


def _stored_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        return False
    return bool(entries) and all(entry.compress_type == zipfile.ZIP_STORED for entry in entries)


def compressible(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size < SMALLEST:
        return False
    return path.suffix in COMPRESSIBLE or (path.suffix == ".zip" and _stored_zip(path))


def _cached(data: bytes, kind: str, make: Callable[[bytes], bytes]) -> bytes:
    key = hashlib.sha256(data).hexdigest()
    path = CACHE / f"{key}.{kind}"
    if path.is_file():
        return path.read_bytes()
    made = make(data)
    CACHE.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(made)
    temporary.replace(path)
    return made


def precompress(site: Path) -> int:
    """Writes FILE.gz and FILE.br beside each compressible file; returns how many files it did."""
    done = 0
    for path in sorted(site.rglob("*")):
        if not compressible(path):
            continue
        data = path.read_bytes()
        path.with_name(path.name + ".gz").write_bytes(_cached(data, "gz", lambda d: gzip.compress(d, 9, mtime=0)))
        path.with_name(path.name + ".br").write_bytes(_cached(data, "br", lambda d: brotli.compress(d, quality=11)))
        done += 1
    return done


@event_priority(-210)  # last: after the PDFs (-170), the search index (-200) and the calculator's files
def on_post_build(config: MkDocsConfig) -> None:
    say("compressed copies of every file (brotli, gzip)", config)
    if nested_language_build(config):
        return
    precompress(Path(config.site_dir))
    say("done", config)
