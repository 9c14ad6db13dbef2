"""Each source's evidence, one file a source in data/sources/<id>.yaml: what the stored report prints
and short excerpts of it, copied exactly, each with the project's own English. Quotes are checked
against these files, so a clone of the project checks every quote by itself."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from .locate import dotted
from .problems import Problem
from .schema import message
from .text import normalise_for_quote
from .yamlpos import digest, read_yaml

FOLDER = "sources"   # inside data/


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def file_of(data_dir: Path, source_id: str) -> Path:
    return folder(data_dir) / f"{source_id}.yaml"


def read(data_dir: Path, schema: dict) -> tuple[dict, list[Problem]]:
    """{source id: its evidence} for every file, None for one that does not read or fit the schema
    (its problems are reported, and quotes of that source are not checked against it), and the
    problems. A file is keyed by its name: the id inside must agree with it."""
    found: dict[str, dict | None] = {}
    problems: list[Problem] = []
    where = folder(data_dir)
    if not where.is_dir():
        return found, problems   # each source then reports its missing file
    validator = jsonschema.Draft202012Validator({**schema["$defs"]["evidence"], "$defs": schema["$defs"]})
    rules = json.dumps(schema["$defs"], sort_keys=True)
    for path in sorted(where.iterdir()):
        if path.suffix != ".yaml":
            if not path.name.startswith("."):
                problems.append(Problem(path, 1, None, None, "not a source's evidence file: name it <source id>.yaml"))
            continue
        value, lines, read_problems = read_yaml(path)
        if read_problems:
            problems.extend(read_problems)
            found[path.stem] = None
            continue
        # what a file's bytes give under this schema is kept: make serve reads every file on each save
        key = (path, digest(path), rules)
        if key not in _CHECKED:
            _CHECKED[key] = _problems_of(path, value, lines, validator)
        problems.extend(_CHECKED[key])
        found[path.stem] = None if _CHECKED[key] else value
    return found, problems


_CHECKED: dict = {}   # (path, digest of its bytes, the evidence schema) -> its problems


def _problems_of(path: Path, value, lines: dict, validator) -> list[Problem]:
    """What is wrong with one evidence file: what the schema finds, or an id that is not its name."""
    wrong = []
    for error in validator.iter_errors(value):
        at = tuple(error.absolute_path)
        line = next((lines[at[:end]] for end in range(len(at), -1, -1) if at[:end] in lines), 1)
        record = value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else path.stem
        wrong.append(Problem(path, line, record, dotted(at) or None, message(error)))
    if not wrong and value["id"] != path.stem:
        wrong.append(Problem(path, lines.get(("id",), 1), value["id"], "id",
                             f"the file is named '{path.stem}.yaml' but says it is '{value['id']}': "
                             "name the file after the source's id"))
    return wrong


def passages(evidence: dict) -> list[str]:
    """The excerpts' texts as quotes are compared with them (never their translations)."""
    return [normalise_for_quote(e["text"]) for e in evidence["excerpts"]]
