"""MkDocs hook: what the in-page calculator needs, copied into the built site.

- assets/pyodide/: only the Pyodide files a pure-Python package needs, from
  the pinned npm package (pyodide.asm.mjs with a compile hint as its first
  line), and a lock file listing no packages (Pyodide's own lists hundreds we
  never load).
- assets/calculator/: the `calculator` package as a zip (the very files the
  tests import), data.json made from data/, a manifest naming the build, and
  the pure-Python libraries loaded only on demand (xlsx.zip: openpyxl), the
  empty zip Pyodide starts with in place of the standard library, and a
  memory snapshot of an interpreter that has already imported both (made in
  Node.js by pyodide_snapshot.mjs, which also writes the normal boot's
  compiled standard library, stdlib-core.zip, and adds the package's bytecode
  to its zip; skipped with GUIDE_SKIP_SNAPSHOT=1, the page then boots Python
  normally, on the whole standard library, from the sources).

Both folders are versioned: assets/pyodide/<hash>/ and assets/calculator/<hash>/, each hash made
from everything its files are made of (computed at on_config, before any page names them), so a
file's address never serves other bytes and can be cached for good (`immutable`). The calculator's
worker (docs/assets/js/calculator-worker.js, with the snapshot format it imports) is served from the
calculator's folder, its references rewritten to the two folders; the calculator page, revalidated on
every visit, is the one entry point: its start script gets the folders as data attributes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import build_data
from datafiles.export import calculator_json
from language_builds import nested_language_build
from progress import say

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# The Node.js scripts beside this hook that make the snapshot: a change to either makes another one.
SNAPSHOT_MAKERS = ("pyodide_snapshot.mjs", "snapshot_making.mjs")
# Chromium (136 and later) compiles every function of a script that starts with
# this comment at once, and keeps the compiled code in its code cache. Without
# it, every visit compiled some 300 of pyodide.asm.mjs's functions again, one
# by one as they were first called, on the worker's thread while Python waited
# (about 30 ms of CPU in a warm start). The comment changes nothing else; other
# browsers ignore it.
COMPILE_EAGERLY = b"//# allFunctionsCalledOnLoad\n"
EAGER_FILES = ("pyodide.asm.mjs",)
PACKAGE = ROOT / "calculator"
# A fixed timestamp keeps the zip, and so the bundle id, the same for the same code.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def package_zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(PACKAGE.rglob("*")):
            if path.suffix in (".py", ".typed") and "__pycache__" not in path.parts:
                info = zipfile.ZipInfo(str(path.relative_to(ROOT)), _ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


EMPTY_STDLIB = "empty-stdlib.zip"  # docs/assets/js/snapshot-pages.mjs's EMPTY_STDLIB_FILE


# Pure-Python libraries the page loads only when a reader uses them: openpyxl (and what it imports)
# for Excel workbooks. Their files come from this very environment, the versions the tests ran.
LIBRARIES = {"xlsx": ("openpyxl", "et_xmlfile")}


def library_zip(modules: tuple[str, ...]) -> bytes:
    """The installed packages' files (no bytecode), zipped to unpack into Pyodide's file system."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in modules:
            spec = importlib.util.find_spec(name)
            if spec is None or not spec.submodule_search_locations:
                raise PluginError(f"{name} is not installed: run scripts/setup")
            folder = Path(next(iter(spec.submodule_search_locations)))
            for path in sorted(folder.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    info = zipfile.ZipInfo(str(path.relative_to(folder.parent)), _ZIP_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:12]


def snapshot_made() -> bool:
    """Whether this build makes the snapshot (and with it the normal boot's compiled standard library)."""
    return os.environ.get("GUIDE_SKIP_SNAPSHOT") != "1"


def pyodide_folder() -> str:
    """assets/pyodide/<hash>/: the npm package's files as this hook copies them (its own code included)."""
    if not (PYODIDE / "package.json").is_file():
        raise PluginError("node_modules/pyodide is missing: run `npm ci` (scripts/setup does)")
    files = [(PYODIDE / name).read_bytes() for name in ("package.json", "pyodide-lock.json", *PYODIDE_FILES)]
    return f"pyodide/{_digest(Path(__file__).read_bytes(), *files)}/"


def calculator_folder(pyodide: str) -> str:
    """assets/calculator/<hash>/: the package, the build's data, the libraries, Pyodide's folder, and the
    code that makes the snapshot (or that there is none)."""
    data = calculator_json(build_data.calculator_data()).encode("utf-8")
    libraries = [library_zip(modules) for modules in LIBRARIES.values()]
    makers = [
        Path(__file__).read_bytes(),
        *(Path(__file__).with_name(name).read_bytes() for name in SNAPSHOT_MAKERS),
        *((ROOT / "docs" / WORKER_SOURCE / name).read_bytes() for name in WORKER_FILES),
    ]
    snapshot = b"snapshot" if snapshot_made() else b"no snapshot"
    return f"calculator/{_digest(package_zip(), data, *libraries, pyodide.encode(), *makers, snapshot)}/"


# The build's two folders (set at on_config). The calculator's worker and the snapshot format it imports
# are served from the calculator's versioned folder too, so that a repeat visit asks for none of them:
# the calculator page (revalidated) names the worker there, and each such request would cost a round
# trip. The worker's references, as its source writes them from assets/js/, are rewritten to this
# build's folders (the build stops if one is not found).
_folders: dict[str, str] = {}
WORKER_SOURCE = Path("assets") / "js"
WORKER_FILES = ("calculator-worker.js", "snapshot-pages.mjs")
WORKER_REFERENCES = {
    '"../pyodide/pyodide.mjs"': '"../../{pyodide}pyodide.mjs"',
    '"../pyodide/pyodide.asm.mjs"': '"../../{pyodide}pyodide.asm.mjs"',
    'const ASSETS = new URL("../", import.meta.url);': 'const ASSETS = new URL("../../", import.meta.url);',
    'new URL("pyodide/", ASSETS)': 'new URL("{pyodide}", ASSETS)',
    'new URL("calculator/", ASSETS)': 'new URL("{calculator}", ASSETS)',
}


def rewrite_worker(path: Path, folders: dict[str, str]) -> None:
    code = path.read_text(encoding="utf-8")
    for reference, versioned in WORKER_REFERENCES.items():
        if code.count(reference) != 1:
            raise PluginError(f"{path}: expected {reference} once, to point it at the build's versioned folder")
        code = code.replace(reference, versioned.format(**folders))
    path.write_text(code, encoding="utf-8")


def move_worker(site: Path, folders: dict[str, str]) -> None:
    """The worker and its import, from assets/js/ (where MkDocs copied them) into the calculator's folder."""
    target = site / "assets" / folders["calculator"]
    for name in WORKER_FILES:
        (site / WORKER_SOURCE / name).replace(target / name)
    rewrite_worker(target / WORKER_FILES[0], folders)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # After hooks/data_pages.py's on_config (listed before this hook) has read the build's data. The
    # further languages' builds (on_config again, same config) keep the folders the first one named.
    if nested_language_build(config) and _folders:
        return config
    pyodide = pyodide_folder()
    _folders.update(pyodide=pyodide, calculator=calculator_folder(pyodide))
    # The calculator page's start script probes these files by name when the worker cannot start, and
    # starts the largest downloads itself (the snapshot and the compiled standard library only if made).
    config.extra["calculator_folders"] = dict(_folders)
    config.extra["calculator_snapshot"] = snapshot_made()
    return config


def write_pyodide(target: Path) -> str:
    if not (PYODIDE / "package.json").is_file():
        raise PluginError("node_modules/pyodide is missing: run `npm ci` (scripts/setup does)")
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        if name in EAGER_FILES:
            (target / name).write_bytes(COMPILE_EAGERLY + (PYODIDE / name).read_bytes())
        else:
            shutil.copyfile(PYODIDE / name, target / name)
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    (target / "pyodide-lock.json").write_text(json.dumps({"info": lock["info"], "packages": {}}), encoding="utf-8")
    version: str = json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]
    return version


def write_calculator(target: Path, pyodide_version: str) -> dict[str, Any]:
    target.mkdir(parents=True, exist_ok=True)
    # The very dataset the pages were made from (GUIDE_DATA_DIR in a test's build).
    package, data = package_zip(), calculator_json(build_data.calculator_data()).encode("utf-8")
    bundle = hashlib.sha256(package + b"\0" + data + pyodide_version.encode()).hexdigest()[:16]
    (target / "calculator.zip").write_bytes(package)
    # What Pyodide starts with in place of the standard library when the worker supplies its own (the
    # snapshot's interpreter has imported what it needs; the normal boot adds its own zip first on the
    # path): a zip of no files, only its 22-byte end record.
    with zipfile.ZipFile(target / EMPTY_STDLIB, "w"):
        pass
    (target / "data.json").write_bytes(data)
    libraries: dict[str, str] = {}
    for library, modules in LIBRARIES.items():
        (target / f"{library}.zip").write_bytes(library_zip(modules))
        libraries[library] = f"{library}.zip"
    manifest = {
        "bundle": bundle,
        "pyodide": pyodide_version,
        "package": "calculator.zip",
        "data": "data.json",
        "libraries": libraries,
    }
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


def write_snapshot(target: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js is needed to make the calculator's Pyodide snapshot")
    done = subprocess.run(
        [node, str(Path(__file__).with_name("pyodide_snapshot.mjs")), str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise PluginError(f"Making the Pyodide snapshot failed:\n{done.stderr[-2000:]}")


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    say("the calculator: Pyodide, the package and its memory snapshot", config)
    if nested_language_build(config):
        return
    assets = Path(config.site_dir) / "assets"
    version = write_pyodide(assets / _folders["pyodide"])
    write_calculator(assets / _folders["calculator"], version)
    if snapshot_made():
        write_snapshot(assets / _folders["calculator"])
    move_worker(Path(config.site_dir), _folders)
