"""Turn a path inside the dataset, e.g. ("projects", 3, "name", "en"), into file, line, record and field."""
from __future__ import annotations

import re

from .problems import Problem


def problem(ds, at: tuple, message: str) -> Problem:
    collection, rest = at[0], tuple(at[1:])
    path = ds.file_of(collection)
    line = _line(ds, at)
    value = ds.collections.get(collection)
    record, start = _record(value, rest, re.compile(ds.schema["$defs"]["id"]["pattern"]))
    return Problem(path, line, record, dotted(rest[start:]) or None, message, tuple(at))


def _line(ds, at: tuple) -> int:
    # the deepest part of the path that exists in the file: a missing field is reported at its record
    for end in range(len(at), 0, -1):
        if at[:end] in ds.lines:
            return ds.lines[at[:end]]
    return 1


def _record(value, rest: tuple, id_pattern) -> tuple[str | None, int]:
    """The id of the deepest record on the path that has one, and where the path inside it starts."""
    record, start = None, 0
    node = value
    for depth in range(len(rest) + 1):
        if isinstance(node, dict):
            rid = node.get("id")
            if isinstance(rid, str) and id_pattern.match(rid):
                record, start = rid, depth
            elif depth == 1 and isinstance(rest[0], int):
                record, start = f"#{rest[0] + 1}", depth  # a top-level record without a usable id: its position
        if depth == len(rest):
            break
        key = rest[depth]
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return record, start


def dotted(parts: tuple) -> str:
    out = ""
    for part in parts:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
