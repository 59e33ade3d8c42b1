"""The one error a broken data file raises: file, entry and field named."""

from __future__ import annotations


class DataFileError(Exception):
    def __init__(self, file: str, problem: str, entry: str | None = None, field: str | None = None):
        self.file = file
        self.entry = entry
        self.field = field
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file]
        if self.entry:
            where.append(f"entry {self.entry}")
        if self.field:
            where.append(f"field {self.field}")
        return ", ".join(where) + ": " + self.problem
