"""Rules a schema cannot express: unique ids, verbatim quotes, consistent glossary renderings."""
from __future__ import annotations

import os
from pathlib import Path

from .locate import problem
from .text import Terms, normalise_for_quote, term_forms

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = REPO.parent / "shared" / "sources"


def sources_dir(given=None) -> Path:
    return Path(given or os.environ.get("SOURCES_DIR") or DEFAULT_SOURCES)


def check(ds, sources=None) -> list:
    return [*unique_ids(ds), *verbatim_quotes(ds, sources_dir(sources)), *glossary_renderings(ds)]


def walk(value, at=()):
    """Every (path, value) in the dataset, depth first."""
    yield at, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, (*at, i))


def unique_ids(ds):
    """Ids become URLs and anchors: within one list of records, each id appears once."""
    for at, value in walk(ds.collections):
        if isinstance(value, list):
            seen = {}
            for i, item in enumerate(value):
                rid = item.get("id") if isinstance(item, dict) else None
                if not isinstance(rid, str):
                    continue
                if rid in seen:
                    first = ds.lines.get((*at, seen[rid]), "?")
                    yield problem(ds, (*at, i, "id"), f"duplicate id '{rid}' (first used at line {first})")
                else:
                    seen[rid] = i


def verbatim_quotes(ds, folder: Path):
    """Each quote must appear in its source's text, compared without whitespace and with full-width marks."""
    if not folder.is_dir():
        ds.notices.append(f"sources are absent ({folder}); the check that quotes are verbatim was skipped")
        return
    texts: dict[str, str | None] = {}
    sources = ds.by_id("sources")
    for at, value in walk(ds.collections):
        if not (isinstance(value, dict) and set(value) == {"source", "quote"}):
            continue
        source = sources.get(value["source"])
        if not source or not source.get("file") or not isinstance(value["quote"], str):
            continue  # a dangling source is reported by the schema; a source without a file has no text here
        name = source["file"]
        if name not in texts:
            path = folder / name
            texts[name] = normalise_for_quote(path.read_text(encoding="utf-8")) if path.is_file() else None
        if texts[name] is None:
            yield problem(ds, (*at, "source"), f"source file '{name}' is not in {folder}")
        elif normalise_for_quote(value["quote"]) not in texts[name]:
            yield problem(ds, (*at, "quote"), f"quote not found in source '{value['source']}' ({name})")


def glossary_renderings(ds):
    """A text whose Chinese uses a glossary term must use the term's English rendering (or a listed variant)."""
    terms = Terms(ds.collections.get("glossary", []))
    for at, value in walk(ds.collections):
        if not _is_text(value) or (at[0] == "glossary" and at[2:] == ("term",)):
            continue
        used_terms = terms.in_text(value["zh"])
        english = value["en"].casefold() if used_terms else ""
        for term, used in used_terms:
            en_forms = term_forms(term, "en")
            if not any(e.casefold() in english for e in en_forms):
                yield problem(ds, (*at, "en"),
                              f"the Chinese uses 「{used}」 but the English lacks '{en_forms[0]}' (glossary: {term['id']})")


def _is_text(value) -> bool:
    return isinstance(value, dict) and set(value) == {"zh", "en"} and all(isinstance(v, str) for v in value.values())
