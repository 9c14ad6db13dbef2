"""Rules a schema cannot express: unique ids, sources with files of their own, verbatim quotes in the
source's language, consistent glossary renderings."""
from __future__ import annotations

import re

from scripts.urlscheme import live_addresses

from . import evidence
from .dates import sort_key
from .locate import problem
from .problems import Problem, display_path
from .text import HAN, Terms, normalise_for_quote, simplified, term_forms


def check(ds) -> list:
    return [*unique_ids(ds), *source_files(ds), *verbatim_quotes(ds), *glossary_renderings(ds),
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


def source_files(ds):
    """Each source has its evidence file, each evidence file is a source's, and a source links only to
    the outlet's own address."""
    listed = set()
    for i, source in enumerate(ds.collections.get("sources") or []):
        if not isinstance(source, dict) or not isinstance(source.get("id"), str):
            continue   # rejected by the schema
        sid = source["id"]
        listed.add(sid)
        its_file = display_path(evidence.file_of(ds.data_dir, sid))
        if sid not in ds.evidence:
            yield problem(ds, ("sources", i, "id"),
                          f"no evidence file {its_file}: copy the report's "
                          "printed outlet, title, date, address and excerpts there (README: Adding a report)")
            continue
        found = ds.evidence[sid]
        if found is None:
            continue   # its own problems are reported in its file
        url = source.get("url")
        if url and found["address_is_the_outlets_own"] is not True:
            yield problem(ds, ("sources", i, "url"), f"'{url}' is not the outlet's own address "
                          f"({its_file} says so): cite it by outlet, "
                          "title and date, without a link")
        elif url and url != found["address"]:
            yield problem(ds, ("sources", i, "url"),
                          f"the address differs from the one in {its_file} ({found['address']})")
    for sid, found in ds.evidence.items():
        if sid not in listed and found is not None:
            yield Problem(evidence.file_of(ds.data_dir, sid), 1, sid, None,
                          f"no source '{sid}' in {display_path(ds.file_of('sources'))}: add its record there "
                          "(id, kind, language, outlet, title, date or date_note, url)")


def verbatim_quotes(ds):
    """Each quote is in its source's language and lies inside one excerpt of that source's evidence
    file (compared without whitespace and with half-width marks read as full-width)."""
    sources = ds.by_id("sources")
    passages = {sid: evidence.passages(found) for sid, found in ds.evidence.items() if found is not None}
    for at, value in walk(ds.collections):
        if not (isinstance(value, dict) and "source" in value and "quote" in value and at[:1] != ("sources",)):
            continue
        quote, source = value["quote"], sources.get(value["source"]) if isinstance(value["source"], str) else None
        if not isinstance(quote, str) or not source:
            continue  # a dangling source or a mistyped field is reported by the schema
        wrong_language = quote_language_problem(quote, source.get("language", "zh"))
        if wrong_language:
            yield problem(ds, (*at, "quote"), wrong_language)
            continue
        if source["id"] not in passages:
            continue  # reported once, at the source or in its file
        q = normalise_for_quote(quote)
        if not any(q in passage for passage in passages[source["id"]]):
            yield problem(ds, (*at, "quote"), f"quote not found in any excerpt of "
                          f"{display_path(evidence.file_of(ds.data_dir, source['id']))}: copy it exactly from one "
                          "excerpt's text, or add the passage there as it is printed")


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


# the site's top folders that are not addresses a redirect may take over (a redirect is written in both
# languages, the English one under en/)
NOT_PAGES = {"en": "the English site: write the address without en/, a redirect covers both languages",
             "assets": "the site's own files", "search": "the site's search index"}


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
        top = old.split("/")[0]
        if top in NOT_PAGES:
            yield problem(ds, ("redirects", old), f"'{old}' is inside '{top}/', {NOT_PAGES[top]}")
        elif old in live:
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
