"""Strict readers of data files. YAML: duplicate keys are errors and dates
stay strings. CSV: a header row, then one record a row.

PyYAML silently keeps the last of two equal keys, which would hide a
copy-paste slip in a data file; and it turns dates into `datetime.date`,
which JSON (and so the browser) cannot carry. Both are changed here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from datafiles.errors import DataFileError


class _StrictLoader(yaml.SafeLoader):
    pass


# Dates stay ISO strings: drop the implicit timestamp resolver.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, yaml.Node] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})", mark
            )
        seen[key] = key_node
    return dict(loader.construct_pairs(node))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _text(path: Path, display_name: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(display_name, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(display_name, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_yaml(path: Path, display_name: str) -> Any:
    text = _text(path, display_name)
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise DataFileError(display_name, f"{where}YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise DataFileError(display_name, f"YAML syntax error: {exc}") from None


def read_csv(path: Path, display_name: str) -> list[dict[str, str]]:
    text = _text(path, display_name)
    try:
        return [dict(row) for row in csv.DictReader(io.StringIO(text), strict=True)]
    except csv.Error as exc:
        raise DataFileError(display_name, f"CSV syntax error: {exc}") from None
