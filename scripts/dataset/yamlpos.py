"""Read a YAML file into plain Python values and remember the line of every value.

PyYAML alone would accept duplicate keys silently, turn unquoted dates into date objects and report
no line numbers for values, so the file is composed into nodes and converted here.
"""
from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path

import yaml

from .problems import Problem

TIMESTAMP = "tag:yaml.org,2002:timestamp"
STANDARD_TAG = "tag:yaml.org,2002:"
MERGE_TAG = "tag:yaml.org,2002:merge"


# libyaml's parser (in PyYAML's wheels) reads a large dataset about ten times faster than the Python one
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataLoader(_Base):
    """SafeLoader that leaves dates as the strings the editor wrote; the schema checks their form."""


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path):
    """Return (value, lines, problems); value is None when the file cannot be read at all.

    `lines` maps a path of keys and indexes, e.g. (3, "name", "en"), to a 1-based line number.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, {}, [Problem(path, 1, None, None, "file is missing")]
    except OSError as err:
        return None, {}, [Problem(path, 1, None, None, f"cannot read file: {err.strerror}")]
    # make serve reads every file again on each save, though one changed: a file with the same bytes
    # as last time is not parsed again (a copy is returned, so no reader can change what is kept)
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    kept = _READ.get(path)
    if kept is None or kept[0] != digest:
        kept = _READ[path] = (digest, pickle.dumps(_parse(path, raw), protocol=pickle.HIGHEST_PROTOCOL))
    return pickle.loads(kept[1])


_READ: dict[Path, tuple[bytes, bytes]] = {}   # path -> (digest of its bytes, what reading them gave)


def digest(path: Path) -> bytes | None:
    """The digest of the bytes read_yaml last read from `path` in this process (None if never): what
    make serve's renderer compares to know a file's records are as they were (scripts/render/reads.py)."""
    kept = _READ.get(Path(path))
    return kept[0] if kept else None


def _parse(path: Path, raw: bytes):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        readable = raw[: err.start].decode("utf-8", "replace")
        return None, {}, [Problem(path, line, record_at_line(readable, line), None,
                                  f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]
    problems = [Problem(path, n, record_at_line(text, n), None, "tab character; indent with spaces and write no tabs")
                for n, line in enumerate(text.splitlines(), 1) if "\t" in line]
    if problems:
        return None, {}, problems
    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        return None, {}, [Problem(path, 1, None, None, "file is empty")]
    loader = DataLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = err.problem or err.context or "cannot be parsed"
        return None, {}, [Problem(path, line, record_at_line(text, line), None, f"YAML syntax error: {what}")]
    except yaml.YAMLError as err:
        return None, {}, [Problem(path, 1, None, None, f"YAML error: {err}")]
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    problems: list[Problem] = []
    value = _convert(loader, node, (), lines, problems, path, text, set())
    return (None if problems else value), lines, problems


def _convert(loader, node, at, lines, problems, path, text, seen):
    """Plain values from the composed nodes. What YAML offers beyond plain values (aliases, merge keys,
    tags) is refused, each with its line: they hide what a record says from an editor reading it,
    and an alias can even make a value contain itself."""
    line = node.start_mark.line + 1
    lines.setdefault(at, line)
    if id(node) in seen:   # the composer gives an alias the very node of its anchor: report its key's line
        line = lines[at]
        problems.append(Problem(path, line, record_at_line(text, line), None,
                                "an alias (*name) repeats another part of the file: write the value out in full"))
        return None
    if not node.tag.startswith(STANDARD_TAG):
        problems.append(Problem(path, line, record_at_line(text, line), None,
                                f"the tag '{node.tag}' is not used in the data: remove it and write a plain value"))
        return None
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                problems.append(Problem(path, key_node.start_mark.line + 1, record_at_line(text, key_node.start_mark.line + 1),
                                        None, "a merge key (<<) copies fields from elsewhere: write each field out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(path, key_node.start_mark.line + 1, record_at_line(text, key_node.start_mark.line + 1), None, "a key must be a plain word"))
                continue
            key = loader.construct_object(key_node)
            if key in result:
                line = key_node.start_mark.line + 1
                problems.append(Problem(path, line, record_at_line(text, line), None,
                                        f"duplicate key '{key}' (first at line {lines[(*at, key)]})"))
                continue
            # a field's line is the line of its key, which is where an editor looks for it
            lines[(*at, key)] = key_node.start_mark.line + 1
            result[key] = _convert(loader, value_node, (*at, key), lines, problems, path, text, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, (*at, i), lines, problems, path, text, seen) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


_ID_LINE = re.compile(r"""^\s*(?:-\s+)?id:\s*["']?([^"'\s#]+)""")


def record_at_line(text: str, line: int) -> str | None:
    """The id of the record a line belongs to, for files that cannot be parsed into records."""
    for candidate in reversed(text.splitlines()[:line]):
        found = _ID_LINE.match(candidate)
        if found:
            return found.group(1)
    return None
