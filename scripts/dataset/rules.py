"""Rules a schema cannot express: unique ids, sources with files of their own, verbatim quotes in the
source's language, consistent glossary renderings."""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from scripts.urlscheme import live_addresses

from .dates import sort_key
from .locate import problem
from .text import HAN, Terms, normalise_for_quote, simplified, term_forms

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = REPO.parent / "shared" / "sources"


def sources_dir(given=None) -> Path:
    return Path(given or os.environ.get("SOURCES_DIR") or DEFAULT_SOURCES)


def check(ds, sources=None) -> list:
    folder = sources_dir(sources)
    texts = SourceTexts(folder) if folder.is_dir() else None
    if texts is None:
        ds.notices.append(f"sources are absent ({folder}); the check that quotes are verbatim was skipped")
    return [*unique_ids(ds), *source_files(ds, texts), *verbatim_quotes(ds, texts), *glossary_renderings(ds),
            *project_histories(ds), *plain_words(ds), *target_scopes(ds), *redirects(ds)]


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


class SourceTexts:
    """What each source said, read from its own file in ../shared/sources/: the interview's whole
    text, or a report file's verbatim excerpts (never its glosses, which are our translations)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._read: dict[str, dict | None] = {}

    def file(self, name: str) -> dict | None:
        """{"excerpts": [normalised text, ...], "meta": the file's own fields}; None when absent."""
        if name not in self._read:
            path = self.folder / name
            if path.suffix not in (".txt", ".yaml") or not path.is_file():
                self._read[name] = None   # notes (plan-facts.md) are never a source's text
            elif path.suffix == ".txt":
                self._read[name] = {"excerpts": [normalise_for_quote(path.read_text(encoding="utf-8"))], "meta": {}}
            else:
                meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
                excerpts = [normalise_for_quote(str(e.get("text", ""))) for e in meta.get("excerpts") or []
                            if isinstance(e, dict)]
                self._read[name] = {"excerpts": excerpts, "meta": meta}
        return self._read[name]


# an English sentence: two Latin words in a row ("IDC" or "5G" inside Chinese is a name, not a sentence)
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}[\s,.;:'’-]+[A-Za-z]{2,}")
_HAN_CHAR = re.compile(f"[{HAN}]")


def quote_language_problem(quote: str, language: str) -> str | None:
    if language == "zh":
        if not _HAN_CHAR.search(quote):
            return "quote has no Chinese: a Chinese source is quoted in Chinese (an English note or gloss is never a quote)"
        if _LATIN_WORDS.search(quote):
            return "quote contains English words: quote the source's Chinese only (translations go in `en`)"
    return None


def source_files(ds, texts: SourceTexts | None):
    """Each source has a file of its own that really is a source, and links only to the outlet's own address."""
    owners: dict[str, str] = {}
    for i, source in enumerate(ds.collections.get("sources") or []):
        if not isinstance(source, dict):
            continue   # rejected by the schema
        name, sid = source.get("file"), source.get("id")
        if not isinstance(name, str) or not isinstance(sid, str):
            continue  # the schema reports a missing or mistyped file
        if name in owners:
            yield problem(ds, ("sources", i, "file"), f"'{name}' is already the file of source '{owners[name]}': each source has its own file")
            continue
        owners[name] = sid
        if not (name.endswith(".yaml") or name.endswith(".txt")):
            yield problem(ds, ("sources", i, "file"), f"'{name}' is not a source's file (notes are never cited)")
            continue
        if texts is None:
            continue
        found = texts.file(name)
        if found is None:
            yield problem(ds, ("sources", i, "file"), f"source file '{name}' is not in {texts.folder}")
            continue
        meta = found["meta"]
        if name.endswith(".yaml") and meta.get("id") != sid:
            yield problem(ds, ("sources", i, "id"), f"the file '{name}' is the source '{meta.get('id')}', not '{sid}'")
        url = source.get("url")
        if url and meta.get("url_is_the_outlets_own") is False:
            yield problem(ds, ("sources", i, "url"), f"'{url}' is a copy on another site, not the outlet's own address: "
                          "cite it by outlet, title and date, without a link")
        elif url and meta.get("url") and url != meta["url"]:
            yield problem(ds, ("sources", i, "url"), f"the address differs from the one in '{name}' ({meta['url']})")


def verbatim_quotes(ds, texts: SourceTexts | None):
    """Each quote is in its source's language and lies inside one passage of that source's own file
    (compared without whitespace and with half-width marks read as full-width)."""
    sources = ds.by_id("sources")
    for at, value in walk(ds.collections):
        if not (isinstance(value, dict) and "source" in value and "quote" in value and at[:1] != ("sources",)):
            continue
        quote, source = value["quote"], sources.get(value["source"]) if isinstance(value["source"], str) else None
        if not isinstance(quote, str) or not source or not isinstance(source.get("file"), str):
            continue  # a dangling source or a mistyped field is reported by the schema
        wrong_language = quote_language_problem(quote, source.get("language", "zh"))
        if wrong_language:
            yield problem(ds, (*at, "quote"), wrong_language)
            continue
        if texts is None:
            continue
        found = texts.file(source["file"])
        if found is None:
            continue  # reported once, at the source
        q = normalise_for_quote(quote)
        if not any(q in passage for passage in found["excerpts"]):
            where = "its excerpts" if source["file"].endswith(".yaml") else "its text"
            yield problem(ds, (*at, "quote"), f"quote not found in {where} (source '{value['source']}', {source['file']})")


def project_histories(ds):
    """A project's events are in date order, and the status it shows is its last event's. (Rules
    read only records the schema passed, so each history here is a list of well-formed events.)"""
    for i, project in enumerate(ds.collections.get("projects") or []):
        if project is None:
            continue
        history = project["history"]
        for j in range(1, len(history)):
            if sort_key(history[j]["date"]) < sort_key(history[j - 1]["date"]):
                yield problem(ds, ("projects", i, "history", j, "date"),
                              f"event of {history[j]['date']} comes after one of {history[j - 1]['date']}: "
                              "events are in date order")
        last = history[-1]
        if project["status"] != last["status"]:
            yield problem(ds, ("projects", i, "status"),
                          f"status '{project['status']}' disagrees with the last event in history "
                          f"('{last['status']}', {last['date']})")


def plain_words(ds):
    """What a project is (`what`) is said in its sources' words: each Chinese word lies in one of its
    quotes (read in simplified characters), and each has one English rendering, in the same order."""
    for i, project in enumerate(ds.collections.get("projects") or []):
        if project is None or "what" not in project:
            continue
        what = project["what"]
        quotes = [simplified(normalise_for_quote(c["quote"])) for c in what["sources"]]
        for j, word in enumerate(what["zh"]):
            if not any(normalise_for_quote(word) in q for q in quotes):
                yield problem(ds, ("projects", i, "what", "zh", j),
                              f"'{word}' is in none of the quotes under what.sources: quote where the source says it")
        if len(what["en"]) != len(what["zh"]):
            yield problem(ds, ("projects", i, "what", "en"),
                          f"{len(what['en'])} English words for {len(what['zh'])} Chinese ones: give one rendering of each, in order")


def target_scopes(ds):
    """A target is compared only with figures for its own area: where reports give its indicator
    only for other areas, the target must say how those areas differ (`scope_note`)."""
    scopes: dict[str, set] = {}
    for figure in ds.collections.get("statistics") or []:
        if figure is not None:
            scopes.setdefault(figure["indicator"], set()).add(figure["scope"])
    for i, target in enumerate(ds.collections.get("targets") or []):
        if target is None or "indicator" not in target:
            continue
        found = scopes.get(target["indicator"], set())
        if found and target["scope"] not in found and "scope_note" not in target:
            yield problem(ds, ("targets", i, "indicator"),
                          f"reports give '{target['indicator']}' only for {', '.join(sorted(found))}, not for "
                          f"'{target['scope']}': say how those areas differ in scope_note")


def redirects(ds):
    """A redirect sends an address that is no longer published to one that is: it never hides a
    live page, and it points at a page the data publishes."""
    moved = ds.collections.get("redirects")
    if not isinstance(moved, dict):
        return
    live = live_addresses(ds.collections)
    for old, new in moved.items():
        if not isinstance(old, str) or not isinstance(new, str):
            continue
        if old in live:
            yield problem(ds, ("redirects", old), f"'{old}' is a live page: a redirect there would replace it")
        if new not in live:
            yield problem(ds, ("redirects", old), f"'{new}' is not a page the data publishes")


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
