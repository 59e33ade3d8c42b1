"""The official hazard class of every six-digit NACE Rev. 2.1 code:
data/nace_list.csv, with its provenance in data/nace_list.yaml.

Refreshing it from a newer list is one command, never a hand edit:

    .venv/bin/python -m datafiles.nace_list NEW.csv --source "where it came from" --retrieved 2027-01-31

NEW.csv has the columns code, hazard_class, description_tr[, note]; a class
may be spelled as the Tebliğ spells it ("Çok Tehlikeli", "az tehlikeli *"):
it is stored canonically and the spelling kept in `note`. The command
checks every row (a bad one is named by its line), sorts by code, and
rewrites the provenance file with the row count and the file's SHA-256,
which the loader checks, so a hand edit that skipped this is caught.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from datafiles.errors import DataFileError
from datafiles.load import DATA_DIR

COLUMNS = ("code", "hazard_class", "description_tr", "note")
LIST_FILE = "nace_list.csv"
SOURCE_FILE = "nace_list.yaml"
_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}")
_CLASS_WORDS = {"az tehlikeli": "az_tehlikeli", "tehlikeli": "tehlikeli", "cok tehlikeli": "cok_tehlikeli"}


def canonical_class(spelled: str) -> str | None:
    """ "Çok Tehlikeli *" -> "cok_tehlikeli"; None when it names no class."""
    from calculator.text import fold

    words = fold(spelled.replace("_", " "))
    return _CLASS_WORDS.get(words)


def read_source(path: Path) -> list[dict[str, str]]:
    """Rows of a new list, checked and canonical; a bad row raises DataFileError naming its line."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(name, f"cannot read the file: {error}") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(name, f"missing column(s): {', '.join(missing)}", entry="header")
    rows: dict[str, dict[str, str]] = {}
    for line, raw in enumerate(reader, start=2):
        entry = f"line {line}"
        code = (raw.get("code") or "").strip()
        if not _CODE.fullmatch(code):
            raise DataFileError(name, f"not a six-digit NACE code: {code!r}", entry=entry, field="code")
        if code in rows:
            raise DataFileError(name, f"code {code} appears twice", entry=entry, field="code")
        spelled = (raw.get("hazard_class") or "").strip()
        hazard = canonical_class(spelled)
        if hazard is None:
            raise DataFileError(name, f"unknown hazard class {spelled!r}", entry=entry, field="hazard_class")
        title = " ".join((raw.get("description_tr") or "").split())
        if not title:
            raise DataFileError(name, "empty title", entry=entry, field="description_tr")
        note = (raw.get("note") or "").strip()
        if not note and spelled != hazard:
            note = f"raw sinif={spelled!r}"
        rows[code] = {"code": code, "hazard_class": hazard, "description_tr": title, "note": note}
    return [rows[code] for code in sorted(rows)]


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def refresh(source: Path, data_dir: Path, source_note: str, retrieved: str) -> dict[str, Any]:
    rows = read_source(source)
    text = render(rows)
    (data_dir / LIST_FILE).write_text(text, encoding="utf-8")
    provenance_path = data_dir / SOURCE_FILE
    provenance = yaml.safe_load(provenance_path.read_text(encoding="utf-8")) if provenance_path.exists() else {}
    provenance.update({
        "source": source_note or provenance.get("source", ""),
        "retrieved": retrieved,
        "rows": len(rows),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    })
    header = "# Provenance of nace_list.csv. Written by `python -m datafiles.nace_list`; do not edit rows by hand.\n"
    provenance_path.write_text(header + yaml.safe_dump(provenance, allow_unicode=True, sort_keys=False, width=100),
                               encoding="utf-8")
    return dict(provenance)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m datafiles.nace_list", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the new list (CSV)")
    parser.add_argument("--source", dest="source_note", default="", help="where the list came from")
    parser.add_argument("--retrieved", default=dt.date.today().isoformat(), help="when it was taken (YYYY-MM-DD)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder to write into")
    args = parser.parse_args(argv)
    try:
        provenance = refresh(args.source, args.data, args.source_note, args.retrieved)
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {provenance['rows']} codes to {args.data / LIST_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
