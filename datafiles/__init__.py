"""Reads and validates the YAML files under data/.

Kept apart from `calculator` on purpose: the rules package must stay
standard-library only so it runs unchanged under Pyodide, while reading
YAML and checking schemas needs PyYAML and jsonschema. Everything here
hands `calculator` plain dicts.
"""

from datafiles.errors import DataFileError
from datafiles.load import DATA_DIR, build_data_dir, load_all, load_data_file, load_site

__all__ = ["DATA_DIR", "DataFileError", "build_data_dir", "load_all", "load_data_file", "load_site"]
