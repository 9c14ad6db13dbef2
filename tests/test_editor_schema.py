"""Editors' YAML editors check and complete fields as they type: each data file names, on its first
line, the part of data/schema.json that defines it (a yaml-language-server modeline, which VS Code's
YAML extension, Neovim, Helix, Zed and other editors read), through a pointer file in data/schemas/."""
import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import DATA

SCHEMA = json.loads((DATA / "schema.json").read_text(encoding="utf-8"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")
FILES = [(DATA / name, f"/properties/{collection}") for collection, name in SCHEMA["x-files"].items()]
FILES += [(path, "/$defs/evidence") for path in sorted((DATA / "sources").glob("*.yaml"))]


def validator_through(pointer_file):
    """A validator for the schema the modeline names, resolving its $ref as an editor does."""
    registry = Registry().with_resources([
        ((DATA / "schema.json").as_uri(), Resource.from_contents(SCHEMA)),
        (pointer_file.as_uri(), Resource.from_contents(json.loads(pointer_file.read_text(encoding="utf-8"))))])
    return Draft202012Validator({"$ref": pointer_file.as_uri()}, registry=registry)


@pytest.mark.parametrize("path,part", FILES, ids=[p.relative_to(DATA).as_posix() for p, _ in FILES])
def test_each_data_file_names_its_part_of_the_schema(path, part):
    found = MODELINE.match(path.read_text(encoding="utf-8"))
    assert found, f"{path.name}: the first line must be the yaml-language-server modeline"
    pointer = (path.parent / found.group(1)).resolve()
    assert pointer.is_file() and pointer.parent == (DATA / "schemas").resolve()
    assert json.loads(pointer.read_text(encoding="utf-8"))["$ref"] == f"../schema.json#{part}"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader if path.parent.name == "sources" else yaml.SafeLoader)
    if path.parent.name != "sources":
        assert [e.message for e in validator_through(pointer).iter_errors(json.loads(json.dumps(data, default=str)))] == []


def test_the_tie_catches_what_an_editor_mistypes():
    """Through the modeline's pointer, a misspelt status is an error, as the editor would underline it."""
    pointer = DATA / "schemas" / "projects.json"
    projects = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
    projects[0]["status"] = "finished-ish"
    errors = list(validator_through(pointer).iter_errors(json.loads(json.dumps(projects, default=str))))
    assert any("finished-ish" in e.message for e in errors)
