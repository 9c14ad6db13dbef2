"""A problem in the data, as an editor needs to see it: file, line, record, field, message."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    record: str | None   # the id of the record, or "#3" for the third record when it has no usable id
    field: str | None    # dotted path inside the record, e.g. "name.en" or "sources[2].quote"
    message: str
    at: tuple = field(default=(), compare=False, repr=False)   # where in the data, for the rules to skip it

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}:"
        parts = [where]
        if self.record:
            parts.append(f" {self.record}:")
        if self.field:
            parts.append(f" {self.field}:")
        parts.append(f" {self.message}")
        return "".join(parts)


def display_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
