"""Validate the dataset against data/schema.json, with the project's own x- keywords.

x-ref, x-zh and x-date are checked here, inside the schema walk, so that the schema stays the one
place that says which field refers to what, which text is Chinese and which string is a date.
"""
from __future__ import annotations

import copy
import hashlib
import json
import pickle
from functools import reduce

import jsonschema

from .dates import exists, is_date
from .locate import problem
from .text import halfwidth_punctuation


def validate(ds) -> list:
    """Problems found by the schema. Each record of a list is validated on its own and what it
    gives is kept, in this process, by the record's content, the schema and every id references
    may point at: make serve validates again only the records an edit changed (at ×10, validating
    every record took 1.2 s of each rebuild). The rest (meta, the plan, each list's own bounds)
    is validated as a whole, with the lists' items left to the records."""
    index = _ref_index(ds)
    # the parts' validators resolve references ($ref) in the whole schema, as the whole's does
    validator = _validator(index)(ds.schema).evolve
    given = _digest(ds.schema, sorted((name, sorted(ids, key=str)) for name, ids in index.items()))
    if _KEPT.get("given") != given:   # another schema, or a record added, removed or renamed
        _KEPT.clear()
        _KEPT["given"] = given
    shell, items = _shell(ds.schema)
    found = [(tuple(e.absolute_path), e) for e in validator(schema=shell).iter_errors(ds.collections)]
    for name, schema in items.items():
        records = ds.collections.get(name)
        if not isinstance(records, list):
            continue
        of_records = validator(schema=schema)
        for i, record in enumerate(records):
            key = (name, hashlib.blake2b(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest())
            if key not in _KEPT:   # where inside the record (after a placeholder for where it is)
                found_here = _messages((("record", *e.absolute_path), e) for e in of_records.iter_errors(record))
                _KEPT[key] = [(at[1:], text) for at, text in found_here]
            found += [((name, i, *at), text) for at, text in _KEPT[key]]
    return [problem(ds, at, text) for at, text in _messages(found)]


_KEPT: dict = {}   # (collection, digest of a record's content) -> its problems as (where, message)


def _digest(*values) -> bytes:
    return hashlib.blake2b(json.dumps(values, sort_keys=True, default=str).encode("utf-8"), digest_size=16).digest()


def _shell(schema: dict) -> tuple[dict, dict]:
    """The schema without the lists' item schemas, and those item schemas. Neither names its draft
    ($schema), so that the validator made for it is the project's, with its keywords."""
    shell = copy.deepcopy(schema)
    shell.pop("$schema", None)
    items = {}
    for name, part in shell.get("properties", {}).items():
        if part.get("type") == "array" and isinstance(part.get("items"), dict):
            items[name] = part.pop("items")
    return shell, items


def _validator(index: dict):
    """The schema's validator class with the project's keywords, references checked against `index`."""

    def x_ref(validator, collection, instance, schema):
        if isinstance(instance, str) and instance not in index.get(collection, ()):
            yield jsonschema.ValidationError(f"no record '{instance}' in {collection}")

    def x_zh(validator, enabled, instance, schema):
        if enabled and isinstance(instance, str):
            for char, context in halfwidth_punctuation(instance):
                yield jsonschema.ValidationError(
                    f"half-width '{char}' in Chinese text near '{context}'; use full-width punctuation")

    def x_date(validator, enabled, instance, schema):
        # a text that is not written as a date is the pattern's to report, not this check's
        if enabled and is_date(instance) and not exists(instance):
            yield jsonschema.ValidationError(f"'{instance}' is not a date that exists")

    return jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {"x-ref": x_ref, "x-zh": x_zh, "x-date": x_date})


def _messages(found) -> list[tuple[tuple, str]]:
    """(where, message) for each problem among (where the error's instance is, error) pairs, errors
    already given as messages passing through as they are."""
    errors = {}
    for base, error in found:
        if isinstance(error, str):
            errors.setdefault(base, []).append(error)
            continue
        for leaf in _leaves(error):
            at = (*base, *tuple(leaf.absolute_path)[len(error.absolute_path):])
            if "propertyNames" in leaf.absolute_schema_path and isinstance(leaf.instance, str):
                at = (*at, leaf.instance)   # a key that is wrong: report it at its own line
            if at:  # an empty path means a whole file is missing, which reading it already reported
                errors.setdefault(at, []).append(leaf)
    out = []
    for at, errs in errors.items():
        # a value of the wrong type fails its enum, pattern and ref too; the type is the one to fix
        wrong_type = [e for e in errs if not isinstance(e, str) and e.validator == "type"]
        out += [(at, e if isinstance(e, str) else message(e)) for e in wrong_type or errs]
    return out


def _ref_index(ds) -> dict[str, set]:
    """Ids per collection that references may point at, plus the extra targets the schema names."""
    index = {name: {r.get("id") for r in value if isinstance(r, dict) and isinstance(r.get("id"), str)}
             for name, value in ds.collections.items() if isinstance(value, list)}
    for name, pointer in ds.schema.get("x-ref-targets", {}).items():
        try:
            found = reduce(lambda node, key: node[key], pointer.strip("/").split("/"), ds.collections)
            index[name] = {r.get("id") for r in found if isinstance(r, dict) and isinstance(r.get("id"), str)}
        except (KeyError, TypeError):
            index[name] = set()
    return index


def _leaves(error):
    """anyOf/oneOf errors hide the useful message in their context; report the deepest ones."""
    if error.context:
        for sub in error.context:
            yield from _leaves(sub)
    else:
        yield error


def message(error) -> str:
    kind, schema, value = error.validator, error.schema, error.instance
    if kind in ("x-ref", "x-zh", "x-date"):
        return error.message
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing field '{missing}'"
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(schema.get("properties", {})))
        known = ", ".join(schema.get("properties", {}))
        return f"unknown field {', '.join(repr(e) for e in extra)} (known fields: {known})"
    if kind == "type":
        expected = schema["type"]
        words = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
                 "object": "a mapping of fields", "boolean": "true or false"}
        got = _describe(value)
        hint = ""
        if isinstance(value, bool) and expected == "string":
            hint = " (YAML reads a bare yes/no/on/off as true/false: put the text in quotes)"
        elif isinstance(value, (int, float)) and expected == "string":
            hint = " (put it in quotes)"
        return f"expected {words.get(expected, expected)}, got {got}{hint}"
    if kind == "enum":
        return f"invalid value {_describe(value)}; expected one of: {', '.join(schema['enum'])}"
    if kind == "pattern" and isinstance(value, str) and not value.strip():
        return "is blank"
    if kind in ("pattern", "minimum", "maximum") and "x-message" in schema:
        return f"invalid value {_describe(value)}: {schema['x-message']}"
    if kind == "minItems":
        return f"needs at least {schema['minItems']} entries, has {len(value)}"
    if kind == "maxItems":
        return f"has {len(value)} entries; at most {schema['maxItems']} allowed"
    if kind == "uniqueItems":
        return "lists the same entry twice"
    return error.message


def _describe(value) -> str:
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, str):
        return repr(value) if len(value) < 60 else repr(value[:57] + "...")
    return type(value).__name__
