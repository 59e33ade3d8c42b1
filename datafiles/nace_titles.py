"""The English title of every NACE Rev. 2.1 class (four digits, "16.26"): data/nace_titles_en.csv,
with its source in data/nace_titles_en.yaml.

The Turkish list's six-digit codes extend the four-digit classes, so a class's English title is the
fair English title of each code under it (the site says so); a Turkish class NACE Rev. 2.1 lacks
(66.13) has none. The titles are taken in from a maintained copy of Eurostat's NACE Rev. 2.1
headings, never typed by hand: python-stdnum's stdnum/eu/nace21.dat (generated from Eurostat's
NACE_Rev2.1_Heading_All_Languages.tsv), whose lines give a section letter, a two-digit division,
then, indented, a group's digit and a class's digit, each with label="...":

    .venv/bin/pip download --no-deps python-stdnum==2.2   # then unzip stdnum/eu/nace21.dat
    .venv/bin/python -m datafiles.nace_titles nace21.dat --source "python-stdnum 2.2, ..."           # the report
    .venv/bin/python -m datafiles.nace_titles nace21.dat --source "python-stdnum 2.2, ..." --write   # then write
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

import yaml

from datafiles.errors import DataFileError
from datafiles.load import DATA_DIR

TITLES_FILE = "nace_titles_en.csv"
SOURCE_FILE = "nace_titles_en.yaml"
_LINE = re.compile(r'(?P<indent> *)(?P<key>[0-9A-Z]+) .*?label="(?P<label>[^"]*)"')


def read_headings(text: str, name: str) -> dict[str, str]:
    """The classes of a heading file, {"16.26": "Manufacture of solid fuels from vegetable biomass"}."""
    classes: dict[str, str] = {}
    division = group = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        found = _LINE.match(line)
        if found is None:
            raise DataFileError(name, f"line {number} is no heading: {line[:60]!r}")
        depth, key, label = len(found["indent"]), found["key"], found["label"]
        if depth == 0:
            division = key if key.isdigit() else ""
        elif depth == 1:
            group = key
        elif depth == 2 and division:
            classes[f"{division}.{group}{key}"] = label
    if not classes:
        raise DataFileError(name, "no classes found (is it the heading file?)")
    return classes


def _csv_text(classes: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "title_en"])
    writer.writerows(sorted(classes.items()))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m datafiles.nace_titles", description=__doc__.split("\n\n")[0])
    parser.add_argument("headings", type=Path, help="the heading file (stdnum/eu/nace21.dat)")
    parser.add_argument("--source", required=True, help="where the file came from, as the site will say it")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    parser.add_argument("--write", action="store_true", help="write the files (else only report)")
    args = parser.parse_args(argv)
    try:
        classes = read_headings(args.headings.read_text(encoding="utf-8"), str(args.headings))
    except (OSError, DataFileError) as error:
        print(error, file=sys.stderr)
        return 2
    target = args.data / TITLES_FILE
    before = dict(csv.reader(io.StringIO(target.read_text(encoding="utf-8")))) if target.exists() else {}
    before.pop("code", None)
    changed = sorted(code for code in classes.keys() | before.keys() if classes.get(code) != before.get(code))
    print(f"classes: {len(classes)}; changed, added or removed: {len(changed)}")
    for code in changed[:20]:
        print(f"  {code}: {before.get(code, '-')!r} -> {classes.get(code, '-')!r}")
    if not args.write:
        print("nothing written (add --write)")
        return 0
    text = _csv_text(classes)
    target.write_text(text, encoding="utf-8")
    provenance = {
        "source": args.source,
        "retrieved": dt.date.today().isoformat(),
        "rows": len(classes),
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
    }
    header = "# Provenance of nace_titles_en.csv. Written by `python -m datafiles.nace_titles`; do not edit rows by hand.\n"
    (args.data / SOURCE_FILE).write_text(
        header + yaml.safe_dump(provenance, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    print(f"wrote {target} and {args.data / SOURCE_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
