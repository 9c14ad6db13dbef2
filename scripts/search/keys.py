from __future__ import annotations

import functools
import hashlib
import html
import re
from pathlib import Path

import jieba
import opencc
from pypinyin import lazy_pinyin as _lazy_pinyin

from scripts.dataset.text import normalise_for_quote
from scripts.render import LABELS, page_folder, reads
from scripts.render.figures import format_value
from scripts.render.model import PLACE_SUFFIX, Model
from scripts.urlscheme import KINDS

from .stopwords import EN as _STOP_EN

STOP_EN = set(_STOP_EN)

INDEX_PAGES = {"areas/": "areas", "tasks/": "tasks", "projects/": "projects"}
PLAN_SECTIONS = {"key-tasks": "key_tasks", "layout": "layout", "scope": "scope", "cooperation-path": "cooperation_path",
                 "chapters": "chapters", "plan-structure": "plan_own_structure", "basic-info": "basic_info"}

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
WORD = re.compile(r"[A-Za-z]+")
SCRIPT_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[A-Za-z0-9]+")

# British spellings the site uses, and the American ones readers also type (both directions are indexed)
SPELLINGS = {
    "aluminium": "aluminum", "centre": "center", "civilisation": "civilization", "programme": "program",
    "colourful": "colorful", "colour": "color", "urbanisation": "urbanization", "organisation": "organization",
    "harbour": "harbor", "specialised": "specialized", "modernisation": "modernization", "defence": "defense",
    "favourable": "favorable", "liveable": "livable", "kilometres": "kilometers", "metres": "meters",
}
SPELLINGS.update({us: uk for uk, us in list(SPELLINGS.items())})

# what a record is called: its title field, its headline, and the fields with other names of it
NAME_FIELDS = ("name", "term", "title", "label", "headline", "outlet")


def user_dictionary(model: Model) -> str:
    """jieba user dictionary: one Chinese name per line, frequent enough to win over a split."""
    _figure_labels(model)
    words = set()
    for record in _records(model):
        if model.kind_of(record) == "statistic":   # named by other records' words, not a word of its own
            continue
        for text in _names(record, "zh"):
            words.update(HAN_RUN.findall(text))
    return "".join(f"{w} 100000 nz\n" for w in sorted(words) if len(w) > 1)


def keys(model: Model, lang: str, tokenizer: jieba.Tokenizer, kept: Path | None = None) -> dict[str, dict[str, str]]:
    """Search-index location (page URL, with #anchor for records on shared pages) -> fields added to
    its index entry: `keys`, hidden search words, and `names`, the record's names in every form a
    reader may type them, compared whole by the search worker (scripts/engine/worker.py) so that the
    record named comes first. With `kept` (make serve's file of the last build's keys), a record
    none of whose inputs changed keeps its keys."""
    other = "en" if lang == "zh" else "zh"
    _figure_labels(model)
    found = {}
    # the plan page's own sections are found by their headings in either language
    for location, label in [(f"plan/#{anchor}", label) for anchor, label in PLAN_SECTIONS.items()] + list(INDEX_PAGES.items()):
        found[location] = {"keys": f"{LABELS[label][lang]} {LABELS[label][other]}",
                           "names": "\n".join(_whole_names({"label": LABELS[label]}))}
    places = _place_names(model)
    # a piece of one record's name that is another record's whole name is left to that record: the
    # reader who types 蟠龙抽水蓄能电站 or 渝黔高速 wants the record of that name, not its phase II or
    # its expansion. What a record is (road, 水库) names no one record, so a part that holds it is kept.
    named = {}
    for record in _records(model):
        for text in _names(record, "zh", what=False) + _names(record, "en", what=False):
            named.setdefault(text, set()).add(id(record))
            # a name is its record's without the qualifier in brackets after it too: 红魂小镇（石壕）,
            # Red Soul Town (Shihao), so that a part called Red Soul Town is left to that place
            bare = re.sub(r"\s*[（(][^（）()]*[）)]$", "", text)
            if bare != text and len(bare) >= 2:
                named.setdefault(bare, set()).add(id(record))
    # the quotes that cite each source, as a quote is compared with its source's excerpts
    QUOTED.clear()
    for record in list(_records(model)) + [model.plan]:
        for cited in _cited(record):
            QUOTED.setdefault(cited["source"], set()).add(normalise_for_quote(cited["quote"]))
    # the kinds of things the glossary defines by place (成渝城市群, 以成都、重庆为中心的城市群: 城市群; in
    # English, the words in lower case after the names: urban agglomeration): another place's thing
    # of that kind, named in a record's text or quotes (黔中城市群), is a part of what it names
    TERM_KINDS.clear()
    for term in model.by_id["term"].values():
        name, first = term["term"], re.split(r"[。；]", (term.get("definition") or {}).get("zh", ""))[0]
        kind = re.search(r"的([\u4e00-\u9fff]{2,5})$", first)
        tail = re.search(r"(?<=[a-z] )((?:[a-z]+ ?)+)$", name.get("en", ""))
        if kind and name["zh"].endswith(kind.group(1)) and len(name["zh"]) > len(kind.group(1)) and tail:
            TERM_KINDS.setdefault("zh", set()).add(kind.group(1))
            TERM_KINDS.setdefault("en", set()).add(tail.group(1).strip())
    HALVES.clear()
    for text, ids in named.items():
        for half in LABELLED.split(text) if LABELLED.search(text) else []:
            HALVES.setdefault(half.strip().lower(), set()).update(ids)
    # a record's keys are made again only when what they are made from changed: its fields, and the
    # names and places of every record (make serve; scripts/render/reads.py notes the reads)
    made = reads.Kept(kept, _everything(model, lang, named, places), model)
    for record in _records(model):
        location = _location(model.path(record, model.kind_of(record)))
        found[location] = made.text(location) or made.render(location, _record_keys, model, record, lang, tokenizer, named, places)
    made.save()
    # a section of the plan (its cooperation path, its scope) is found by the parts its own text names
    # (花溪大学城, the Huaxi university town), as a record is; the records inside a section (the layout's
    # axis and core) are left out of it: they are found themselves
    for anchor, field in PLAN_SECTIONS.items():
        section = model.plan.get(field)
        if not isinstance(section, dict):
            continue
        own = {k: v for k, v in section.items() if not (isinstance(v, list) and v and isinstance(v[0], dict) and "id" in v[0])}
        parts = [p for p in _part_names(own, tokenizer) + _listed_parts(own, named)
                 if _left_to_it(p, own, named, places) and _own_section(p, own, places)]
        found[f"plan/#{anchor}"]["names"] += "".join("\n" + line for line in _said(own))
        if parts:
            location = f"plan/#{anchor}"
            found[location]["keys"] += " " + html.escape(" ".join(dict.fromkeys(parts + _traditional(parts))), quote=False)
            found[location]["names"] = "\n".join(sorted(set(found[location]["names"].split("\n")) | set(_whole_names({}, parts))))
    # the plan's own chapters (its table of contents, under `structure`) are found by their titles and
    # their sections' (近期重点工作计划, Near-term work plan); not a title another section's heading ends
    # in (重点任务: 《方案》的重点任务), which that section answers
    headings = [LABELS[label][l].lower() for label in PLAN_SECTIONS.values() for l in ("zh", "en")]
    titles = [t[l] for chapter in (model.plan.get("structure") or {}).get("chapters", [])
              for t in [chapter.get("title") or {}] + list(chapter.get("sections") or []) for l in ("zh", "en")
              if isinstance(t, dict) and t.get(l) and not any(h.endswith(t[l].lower()) for h in headings)]
    if titles:
        found["plan/#chapters"]["keys"] += " " + html.escape(" ".join(dict.fromkeys(titles + _traditional(titles))), quote=False)
        found["plan/#chapters"]["names"] = "\n".join(sorted(set(found["plan/#chapters"]["names"].split("\n")) | set(_whole_names({}, titles))))
    # the plan's background (its roots, a poem) is found by the things it names (茶马盐古道)
    for item in model.plan.get("background", []):
        parts = [p for p in _part_names(item, tokenizer) if _left_to_it(p, item, named, places) and _own_section(p, item, places)]
        found[f"plan/#{item['id']}"] = {"keys": html.escape(" ".join(parts + _traditional(parts)), quote=False),
                                       "names": "\n".join(_whole_names(item, parts) + _said(item))}
    return found


def _record_keys(model: Model, record, lang: str, tokenizer: jieba.Tokenizer, named: dict, places: dict) -> dict[str, str]:
    """One record's fields of its index entry."""
    other = "en" if lang == "zh" else "zh"
    kind = model.kind_of(record)
    if kind == "statistic":
        # a reported figure is a row of a shared page, its words those of many others (綦江, 2021):
        # as keys in its own language they outranked the records a reader named. It is ranked by
        # its names (綦江GDP2021, 2010年綦江常住人口), when what was typed is one of them or holds one.
        # On each site it carries its names in the other language, as every record does (万盛2017GDP
        # on the English site, whose page says Wansheng): the Chinese cut into words, as typed
        words = _names(record, other)
        if other == "zh":
            words += [w for n in words for w in _cut(tokenizer, n) if HAN_RUN.fullmatch(w) and len(w) > 1]
        return {"keys": html.escape(" ".join(dict.fromkeys(words)), quote=False), "names": "\n".join(_whole_names(record))}
    words, called = [], []   # called: what else names it, for the worker's comparison (below)
    for text in (own := _names(record, lang) + _names(record, other)) + _unbracketed(own):
        words.append(text)
        words.extend(p for p in _parts(text, tokenizer) if id(record) in named.get(p, (id(record),)))
    if "value" in record and isinstance(record.get("unit"), dict):
        # a figure: 64次, 64 mentions, and its number with the words of its label (22个重大项目)
        words += [f"{record['value']}{record['unit'][lang]}", f"{record['value']}{record['unit'][other]}"]
        words += [f"{record['value']}{record['unit']['zh']}{w}" for name in _names(record, "zh")
                  for w in _cut(tokenizer, name) if HAN_RUN.fullmatch(w) and len(w) > 1]
    # the parts its text and its sources name (stations, towns, sites), and its short names
    # a source's own text is what its excerpts say (the report as stored): the parts they name are its,
    # but for the excerpts a record quotes, whose parts that record names (a quote lies in one excerpt)
    excerpts = [e for e in ((model.evidence.get(record["id"]) or {}).get("excerpts") or []) if kind == "source"
                and not any(q in normalise_for_quote(e.get("text", "")) for q in QUOTED.get(record["id"], ()))]
    for part in (_part_names(record, tokenizer, excerpts) + _listed_parts(record, named) + _short_names(record, tokenizer)
                 + _new_names(record) + _numbers(record) + _zones(record)):
        if _left_to_it(part, record, named, places) and _own_section(part, record, places):
            words.append(part)
            called.append(part)
    called += _where_and_what(model, record) + _qualified_names(record) + _own_figures(record) + _short_names_en(record)
    # a task by its theme and the word task (中心城市任务): compared only as the whole query, so that the
    # theme alone (中心城市, northern Guizhou) is no nearer a name of the task than it was
    themes = _themes(record, tokenizer) if kind in ("task", "key_task") else []
    # the records of a collection whose title begins with a place's name (綦江六大任务, Qijiang's six
    # tasks) are that place's: each is called by the place with each of its names (綦江高新区)
    collection = KINDS[kind][0]
    for language, glue in (("zh", ""), ("en", " ")):
        title = re.sub(r"[’']s\b", "", (LABELS.get(collection) or {}).get(language, "")) if collection else ""
        where = max((p for p in places if len(p) >= 2 and title.startswith(p)), key=len, default=None)
        if where:
            called += [f"{where}{glue}{name}" for name in _names(record, language, what=False)]
    # quotes printed in traditional characters or with readings in brackets (綦江區（qū）), as a reader
    # types them: in simplified, without the readings (marked "+", compared as the record's text)
    printed = [c["quote"] for c in _cited(record)] + [e.get("text", "") for e in excerpts_all(model, record, kind)]
    plain = sorted({"+" + READING.sub("", _simplified(q)) for q in printed if READING.search(q) or _simplified(q) != q})
    if kind == "document":
        called += _issued_in(model, record, tokenizer, places) + _printed_titles(record)
    if kind == "target" and record.get("indicator") in FIGURE_LABELS["indicator"]:
        # a target is called by what it measures (生产总值, GDP): a reader who types the indicator
        # alone, with no place or year, asks what is aimed at, not for one year's reported figure
        # (whose names hold the indicator too, with its place)
        called += list(FIGURE_LABELS["indicator"][record["indicator"]].values())
    words.extend(_respellings(_all_text(record, lang)))
    # singular and plural of the words of its names and description (no stemmer: word forms are keys)
    about = (record.get("description") or record.get("definition") or {}).get(lang, "")
    words.extend(_inflections(" ".join(_names(record, lang)) + " " + about))
    words.extend(_unpunctuated(" ".join(_names(record, "en"))))
    words.extend(_pinyin(_names(record, "zh"), tokenizer))
    words.extend(_traditional(words))
    # escaped like the rest of the index, whose fields Material treats as HTML
    return {"keys": html.escape(" ".join(dict.fromkeys(w for w in words if w.strip())), quote=False),
            "names": "\n".join(_whole_names(record, called) + _named_after(model, record, lang, tokenizer, named, places)
                                + sorted({"!" + normal(t) for t in themes + _traditional(themes)}) + plain)}


# what a section of the plan says: the fields of its own text
OWN_TEXT = ("description", "text", "principle")


def _said(section) -> list[str]:
    """What a section of the plan says (its scope, its roots), in both languages, with the quotes it
    cites, in simplified characters: lower case, its words apart, marked "=" for the worker, which
    compares a question with it. A section is named by its heading only (实施范围, Scope), and a
    question about what it says (渝黔先行示范区范围按什么思路确定的) names no record: its words are the
    section's text (按照…的思路确定)."""
    texts = [v.get(lang, "") for field in OWN_TEXT for v in [section.get(field)] if isinstance(v, dict) for lang in ("zh", "en")]
    texts += [_simplified(c["quote"]) + " " + c.get("en", "") for c in section.get("sources") or [] if isinstance(c, dict) and "quote" in c]
    line = " ".join(re.findall(r"[^\W_]+", " ".join(texts).lower()))
    return ["=" + line] if line else []


def _named_after(model: Model, record, lang: str, tokenizer: jieba.Tokenizer, named: dict, places: dict) -> list[str]:
    """An event named after a document (渝黔签署合作框架协议, 綦江区制定2019—2021三年行动计划: its title ends
    in the document's kind and its text names the document by its title) gives way to that document
    for a query that the document's names hold: the reader who types 渝黔合作框架协议 or "Qijiang
    three-year action plan" wants the document, though the event's title holds the same words with
    a verb. The document's names go into the event's marked "^": the worker counts a piece of the
    query that one of them holds only beside a piece that is the event's alone (签署, the date)."""
    if model.kind_of(record) != "event":
        return []
    title = re.sub(r"[《》“”]", "", YEARS.sub("", ((record.get("title") or {}).get("zh") or ""))).strip()
    text = normal(_all_text(record, "zh") + "".join(_simplified(c["quote"]) for c in _cited(record)))
    out = []
    for document in model.by_id["document"].values():
        name = re.sub(r"[《》“”]", "", YEARS.sub("", document["title"]["zh"])).strip()
        kind = next((k for k in PLAN_KINDS if name.endswith(k)), None)
        if kind and title.endswith(kind[-2:]) and normal(name) in text:
            out += _record_keys(model, document, lang, tokenizer, named, places)["names"].split("\n")
    return sorted({"^" + n for n in out if n and n[0] != "~" and not n.isdigit()})


def _printed_titles(record) -> list[str]:
    """A document is called by the title a source prints for it in 《》 when that differs from its own
    (众望新闻 prints 《重庆贵州合作框架协议》 for the agreement of the two governments), and in English
    by the words the quote's translation gives it, ending in the document's kind (the Chongqing–Guizhou
    cooperation framework agreement): the names the press uses, which readers repeat."""
    title = record.get("title") or {}
    own = normal(YEARS.sub("", title.get("zh", "")))
    kind = next((k for k in PLAN_KINDS if own.endswith(k)), None)
    kind_en = " ".join(re.split(r" (?:between|for|of|on|to)\b", title.get("en", ""))[0].split(":")[-1].split()[-2:])
    out = []
    for cited in _cited(record):
        # its title shortened: the characters of its own, in their order (not another document the
        # quote names beside it)
        printed = [t for t in re.findall(r"《([^《》]+)》", _simplified(cited["quote"]))
                   if kind and normal(YEARS.sub("", t)) != own and _shortened(normal(YEARS.sub("", t)), own)
                   and normal(YEARS.sub("", t)).endswith(kind)]
        if printed:
            out += printed
            if kind_en:
                out += re.findall(rf"\bthe ((?:[\w’'–-]+ ){{1,4}}{re.escape(kind_en)})\b", cited.get("en", ""), flags=re.I)
    return list(dict.fromkeys(out))


def _shortened(short: str, whole: str) -> bool:
    """Whether `short` is `whole` with some characters left out."""
    rest = iter(whole)
    return all(c in rest for c in short)


def _issued_in(model: Model, record, tokenizer: jieba.Tokenizer, places: dict) -> list[str]:
    """A document is called by the place that issued it with its short name (綦江三年行动计划, the
    Qijiang three-year action plan, for a plan the Qijiang District Party Committee issued) where its
    name does not say the place: readers name a local plan by its district."""
    issuer = ((record.get("issuer") or {}).get("zh") or "")
    where = ISSUER_PLACES.match(issuer)
    title = record["title"]
    # one place issued it (not 重庆市…、贵州省…), and its title names none
    if not where or len(ISSUER_PLACE.findall(issuer)) > 1 or any(len(n) > 1 and n in title["zh"] for n in places):
        return []
    place_zh = re.findall(r".+?(?:经开区|[省市区])", where.group(0))[-1]
    place = next((p for p in model.by_id["place"].values() if place_zh in _names(p, "zh", what=False)), None)
    short_zh = PLACE_SUFFIX_ZH.sub("", place_zh)
    out = [short_zh + n for n in _short_names(record, tokenizer) if HAN_RUN.fullmatch(n)]
    if place:
        en = re.sub(r"\s*(?:for |of )?\(?\d{4}\s*[–—-]\s*\d{4}\)?", "", title["en"]).strip()
        out += [f"{PLACE_SUFFIX['en'].sub('', place['name']['en'])} {n}" for n in [en] + _short_names_en(record)]
    return out


def _left_to_it(part: str, record, named: dict, places: dict | None = None) -> bool:
    """A part named like another record, or holding another record's name, is left to that record;
    except where the part is that name after a place's name that none of those records is in: such a
    part is a thing of that kind in another place (江津综合保税区, the Jiangjin Comprehensive Bonded Zone,
    is not Qijiang's 综合保税区)."""
    held = {part} | {part[i:j] for i in range(len(part)) for j in range(i + 3, len(part) + 1)}
    thing_in_place = []   # names found to be things of another place: what they hold is theirs too (bonded zone)
    for name in sorted(held, key=len, reverse=True):
        others = named.get(name, set()) - {id(record)}
        if not others or id(record) in named[name] or any(name in longer for longer in thing_in_place):
            continue
        head = part[: part.find(name)].strip()
        # a part that is a place's name and then another record's (贵安新区综合保税区, Gui'an New Area
        # comprehensive bonded zone: not Qijiang's), or places joined by a dash (Xiushan–Tongren zone),
        # is a thing in those places, not a place; what follows the place is held to the same rule
        rest = part[len(head) + len(name):].strip() if part.startswith(head + name) else ""
        if name != part and others & PLACE_RECORDS and (re.sub(r"[\s–—\-]+$", "", head) in (places or {}) or rest[:1] in ("–", "—", "-")
                                                        or (not head and any(rest[i:] in named for i in range(len(rest) - 1)))):
            continue
        where = (places or {}).get(head)
        if (name != part and where and not others & PLACE_RECORDS
                and not any(where & PLACES_OF.get(other, set()) for other in others)):
            thing_in_place.append(name)
            continue
        # a part that begins with a place the record is in (the Wansheng section of an expressway in
        # Wansheng, the Jiangjin Comprehensive Bonded Zone of a core area that holds Jiangjin) is
        # the record's, not the place's; what follows the place is held to the same rule
        if name != part and not head and (places or {}).get(name, set()) & PLACES_OF.get(id(record), set()):
            continue
        return False
    return True


PLACES_OF: dict = {}   # id of a record -> the ids of the places it is in
QUOTED: dict = {}   # a source's id -> the quotes that cite it, normalised as quotes are compared
TERM_KINDS: dict = {}   # "zh", "en" -> the kinds of things the glossary defines by place (城市群, urban agglomeration)
PLACE_RECORDS: set = set()   # ids of the place records

SECTION = re.compile(r"(.+?)(?:段| section| Section)$")


def _own_section(part: str, record, places: dict) -> bool:
    """A section of a line is named by the place it runs through (万盛段, the Wansheng section); a
    record's text also names sections of other lines (黔江至吉首段 of another railway), so a section is
    its part only where it is named by a place the record is in."""
    section = SECTION.fullmatch(part)
    return not section or bool(places.get(section.group(1).strip(), set()) & PLACES_OF.get(id(record), set()))


def _place_names(model: Model) -> dict[str, set[str]]:
    """Every name of a place (綦江区, 綦江, Jiangjin) -> the ids of the places so named; and, into
    PLACES_OF, the places each record is in."""
    out: dict[str, set[str]] = {}
    PLACES_OF.clear()   # keyed by id(): a record of an earlier build (make serve) must not answer for a new object
    PLACE_RECORDS.clear()
    for place in model.by_id["place"].values():
        for lang in ("zh", "en"):
            for name in _names(place, lang, what=False) + [PLACE_SUFFIX[lang].sub("", place["name"][lang])]:
                out.setdefault(name, set()).add(place["id"])
    for record in _records(model):
        PLACES_OF[id(record)] = set(record.get("places") or []) | ({record["id"]} if model.kind_of(record) == "place" else set())
    PLACE_RECORDS.update(id(place) for place in model.by_id["place"].values())
    return out


@functools.lru_cache(maxsize=None)
def lazy_pinyin(run: str) -> tuple[str, ...]:
    """pypinyin's reading of a run of Chinese, once per run: keys are made for every record in both
    languages on every rebuild of make serve, and the same names come back each time."""
    return tuple(_lazy_pinyin(run))


@functools.lru_cache(maxsize=None)
def _cut(tokenizer: jieba.Tokenizer, text: str) -> tuple[str, ...]:
    return tuple(tokenizer.cut(text))


def normal(text: str) -> str:
    """A name as the worker compares it with a query: lower case, letters and digits only (Zheng'an,
    zheng an and ZHENGAN are one), as `toLowerCase().replace(/[^\\p{L}\\p{N}]/gu, "")` does in JavaScript."""
    return re.sub(r"[\W_]+", "", text.lower())


def _unbracketed(names: list[str]) -> list[str]:
    """Names that hold a qualifier in brackets inside them, without it (渝黔（綦江）综合服务区: 渝黔综合服务区;
    the Chongqing–Guizhou (Qijiang) Comprehensive Service Zone): the qualifier is the page's, not the
    reader's, and a search word of the index spanning the bracket would otherwise find only records
    that write the name without it."""
    return [re.sub(r"\s*[（(][^（）()]*[）)]\s*(?=\S)", " " * (not HAN_RUN.search(name)), name)
            for name in names if re.search(r"[（(][^（）()]*[）)]\s*\S", name)]


def _whole_names(record, called: list[str] = ()) -> list[str]:
    """A record's names in both languages, in traditional characters and in pinyin, what else names
    it (its short names, the names of its parts, where it is with what it is) and what it is, each
    normalised: what a reader who knows it types. The worker ranks a record higher the more of the
    query they cover, most when one is the whole query."""
    names = _names(record, "zh", what=False) + _names(record, "en", what=False) + list(called)
    # a name is also called without what it holds in brackets inside it (渝黔（綦江）综合服务区: 渝黔综合服务区;
    # the Chongqing–Guizhou (Qijiang) Comprehensive Service Zone): the qualifier is the page's, not the reader's
    names += _unbracketed(names)
    # what it is (抽水蓄能电站, reservoir) names it too, as a reader does who asks for "that reservoir"
    names += [w for lang in ("zh", "en") for w in (record.get("what") or {}).get(lang, [])]
    # what it is, of three words or more with its hyphens (high-speed railway), is typed by their
    # initials too, at the end of a name that ends in it (new Chongqing–Guiyang HSR)
    for what in (record.get("what") or {}).get("en", []):
        initials = re.split(r"[\s-]+", what)
        if len(initials) >= 3:
            names += [name[: -len(what)] + "".join(w[0] for w in initials) for name in names if name.lower().endswith(what.lower())]
    # a count written in Chinese numerals is typed in digits too (蟠龙抽水蓄能电站二期: …2期)
    names += [NUMERAL.sub(lambda n: str(NUMERALS.index(n.group(0)) + 1), name) for name in names if NUMERAL.search(name)]
    # in pinyin, the whole name with its Chinese read (渝黔350高铁: yuqian350gaotie), not each run alone
    forms = names + _traditional(names) + [HAN_RUN.sub(lambda run: "".join(lazy_pinyin(run.group(0))), name) for name in names]
    # a year typed beside a name asks what happened to it that year (綦江页岩油2025): the years of
    # its history and its dates are names of it, which the worker counts only beside the rest
    years = {str(entry.get("date", ""))[:4] for entry in (record.get("history") or []) + (record.get("dates") or [])}
    # what it is, marked: the worker gathers every record's kinds (铁路, 公路, road), and a piece of a
    # query that is only a kind names no record (铁路货运 is not 渝贵铁路 because both are railways)
    whats = [w for lang in ("zh", "en") for w in (record.get("what") or {}).get(lang, [])]
    kinds = whats + _traditional(whats) + [HAN_RUN.sub(lambda run: "".join(lazy_pinyin(run.group(0))), w) for w in whats]
    return (sorted({normal(f) for f in forms} - {""}) + sorted(y for y in years if re.fullmatch(r"\d{4}", y))
            + sorted({"~" + normal(k) for k in kinds} - {"~"}))


NUMERALS = "一二三四五六七八九十"
# a numeral of one character only: in 第十四个五年规划 the 四 is part of fourteen, not a count of four
NUMERAL = re.compile(rf"(?<![{NUMERALS}])[{NUMERALS}](?=[期号线座条个台届次])")


@functools.lru_cache(maxsize=1)
def search_tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer of our own for the search words, with jieba's own dictionary only: Material
    loads the dataset's names into jieba's global tokenizer, which would keep long names whole and
    lose their parts. Made once per process (loading the dictionary takes about a second), so
    make serve's rebuilds, forked from a process that made it, do not load it again; made before the
    engine loads jieba (scripts/build.py), which then starts from a copy of it."""
    jieba.setLogLevel(60)   # its progress messages are not the build's
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    if not jieba.dt.initialized:   # jieba's global tokenizer gets a copy of the same dictionary, not a second load
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = dict(tokenizer.FREQ), tokenizer.total, True
    return tokenizer


def _records(model: Model):
    # every kind of record with a heading of its own
    for kind in KINDS:
        yield from model.by_id[kind].values()


def _names(record, lang: str, what: bool = True) -> list[str]:
    if "indicator" in record and "year" in record and "scope" in record:   # a reported figure
        return _figure_names(record, lang)
    names = [record[f][lang] for f in NAME_FIELDS if isinstance(record.get(f), dict)]
    names += (record.get("aliases") or {}).get(lang, [])
    if what:   # what it is: 抽水蓄能电站, power station
        names += (record.get("what") or {}).get(lang, [])
    names += [step["name"][lang] for step in record.get("approach", [])]  # 城市北上, industry moves west
    if "province" in record:
        names += [PLACE_SUFFIX[lang].sub("", n) for n in names[:1]]
    return names


def _where_and_what(model: Model, record) -> list[str]:
    """A thing is asked for by where it is and what it is (綦江那口页岩油井, the new hospital in
    Qijiang): the names of the places it is in, each with each word of what it is (綦江页岩油气,
    Qijiang shale oil and gas). They name it for the worker's comparison only: as keys, 綦江 would
    be a word of every project there."""
    out = []
    for place in (model.get("place", ref) for ref in record.get("places", [])):
        for lang, glue in (("zh", ""), ("en", " ")):
            # a record named "label: name" (一核：核心区, One core: the core area) with no words of what
            # it is is what its name after the label says: 绥阳县核心区, Suiyang County core area
            whats = (record.get("what") or {}).get(lang, []) or [
                re.sub(r"^the ", "", half) for name in _names(record, lang, what=False) for half in LABELLED.split(name)[1:2]]
            out += [f"{where}{glue}{what}" for where in _names(place, lang, what=False) for what in whats]
    return out


# a name that is a label and a name (三片：三大片区, Three zones: the three zones round the belt)
LABELLED = re.compile(r"：|: ")
HALVES: dict = {}   # either half of such a name, in lower case -> the ids of the records so named


FIGURE_LABELS: dict = {}   # indicator and scope labels, from the schema; the latest figures


def _figure_labels(model: Model) -> None:
    FIGURE_LABELS.update(indicator=model.def_labels("indicator"), scope=model.def_labels("scope"),
                         units=model.schema["$defs"]["indicator"].get("x-units", {}))
    # a place's name -> its other names (万盛经开区: 万盛, 万盛经济技术开发区 …), for the figures of that area
    FIGURE_LABELS["places"] = {}
    for place in model.by_id["place"].values():
        for lang in ("zh", "en"):
            names = _names(place, lang, what=False)
            for name in names:
                FIGURE_LABELS["places"].setdefault(name, []).extend(n for n in names if n not in FIGURE_LABELS["places"][name])
    # a figure asked for without its year (綦江常住人口, the population of Qijiang) is the latest one
    latest = {}
    for figure in model.by_id["statistic"].values():
        key = (figure["indicator"], figure["scope"])
        if key not in latest or str(figure["year"]) > str(latest[key]["year"]):
            latest[key] = figure
    FIGURE_LABELS["latest"] = {id(f) for f in latest.values()}


def _figure_names(record, lang: str) -> list[str]:
    """A reported figure is called by where, what and when: 綦江区常住人口2020, 2020年綦江常住人口,
    Qijiang GDP 2021 (the scope's name without its suffix too: 綦江, Wansheng); the latest of its
    indicator and area by where and what alone (綦江常住人口)."""
    indicator = FIGURE_LABELS["indicator"][record["indicator"]][lang]
    scope = FIGURE_LABELS["scope"][record["scope"]][lang]
    place = re.split(r"[（(与]| without| and| together", scope)[0].strip()
    short = PLACE_SUFFIX_ZH.sub("", place) if lang == "zh" else place.split()[0]
    year = str(record["year"])
    latest = id(record) in FIGURE_LABELS["latest"]
    # the area is also called by the other names of the place it is (万盛经开区 is 万盛 too)
    shorts = list(dict.fromkeys([short] + [n for n in FIGURE_LABELS["places"].get(place, []) if n != place]))
    # and by the area as its source qualifies it (Qijiang District without Wansheng)
    # (in English only: the Chinese qualifier names the area left out, 不含万盛, which 万盛GDP asks for)
    whole = [f"{year} {indicator} {scope}"] * (scope != place and lang == "en")
    if lang == "zh":
        out = [f"{place}{indicator}{year}"] + [n for s in shorts for n in (f"{year}年{s}{indicator}", f"{s}{year}年{indicator}")]
        out += [f"{s}{indicator}" for s in shorts] * latest
    else:
        out = [f"{place} {indicator} {year}"] + [f"{s} {indicator} {year}" for s in shorts] + [f"{s} {indicator}" for s in shorts] * latest
    out += whole
    # a figure a census counted is called by the census, with where and when: 綦江七普, Qijiang census
    # 2020 (第七次全国人口普查 is 七普 for short, as every census is called by its number)
    quotes = [c.get("quote", "") for c in record.get("sources", [])]
    census = next((m for q in quotes for m in [CENSUS.search(q)] if m), None)
    if census and lang == "zh":
        out += [f"{s}{census.group(1)}普" for s in shorts] + [f"{s}{census.group(1)}普{indicator}" for s in shorts]
    elif census:
        out += [f"{s} census {year}" for s in shorts] + [f"{s} census" for s in shorts] * latest
    # and by its value as readers round it (775509 people: 77万人, 78万人, 77.6万人)
    out += _rounded(record, lang)
    return out


CENSUS = re.compile(r"第([一二三四五六七八九十]+)次全国\w{0,4}?普查")


def _rounded(record, lang: str) -> list[str]:
    """A figure's value as it is written (775509人, 116.38亿元) and, in Chinese, rounded to whole and
    tenth 万 (people) or 亿 (yuan), down and to the nearest, as a reader recalls it."""
    unit = FIGURE_LABELS["units"].get(record["indicator"])
    value = record["value"]
    if not isinstance(value, (int, float)) or unit is None:
        return []
    out = [format_value(unit, value, lang)]
    if lang == "zh" and unit in ("people", "yuan"):
        size, word = (1e4, "万人") if unit == "people" else (1e8, "亿元")
        if value >= size:
            x = value / size
            out += [f"{int(x)}{word}", f"{round(x)}{word}", f"{round(x, 1):g}{word}", f"{int(x * 10) / 10:g}{word}"]
    return list(dict.fromkeys(out))


def _parts(text: str, tokenizer: jieba.Tokenizer) -> list[str]:
    """The parts of a Chinese name a reader may type alone, as single search words.

    A proper name (up to eight characters of Han in a run) gives every piece of two characters or
    more (綦万正高速: 万正高速, 正高速, 高速 …); a longer title gives the joins of its words, so that
    共同开辟国际陆海贸易新通道经济轴线 is not found for 通道经济. Neighbouring runs of Han and of letters
    or digits are joined too (渝黔350高铁: 渝黔350, 350高铁), since the search box keeps such a mixed
    query as one word.
    """
    parts = []
    if not HAN_RUN.search(text):
        return parts
    for run in HAN_RUN.findall(text):
        if len(run) <= 8:
            parts.extend(run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1))
        else:
            words = list(_cut(tokenizer, run))
            parts.extend("".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 4, len(words)) + 1))
    runs = SCRIPT_RUN.findall(text)
    if len(runs) > 1:
        parts.extend("".join(runs[i:j]) for i in range(len(runs)) for j in range(i + 1, len(runs) + 1))
    return parts


# What a part of a thing is called ends in what it is: a station, a town, a site. A run of Chinese
# ending so, with the word or two before it (赶水东站, 红一军团司令部旧址), is a part's name; and a
# sentence about stations lists them by name (綦江东、赶水东、娄山关南), each a part. In English, a
# capitalised name ending in such a word (Red Army Bridge) or followed by one (Zhongfeng town), or
# listed in a sentence about stations or towns (Qijiang East, Ganshui East).
# A mine (煤矿) and a section of a line (万盛段) are such parts too.
PART_ENDINGS = ("站", "镇", "村", "乡", "街道", "枢纽", "互通", "旧址", "遗址", "纪念馆", "陵园", "墓", "桥",
                "院区", "隧道", "洞", "大坝", "干渠", "古道", "景区", "矿", "段")
LIST_OF_PARTS = re.compile(r"车站|站点|景点")
GLUE = re.compile(r"^(?:和|及|与|的|在|至|到|从|经|等|为|是|由|将|已|共|包括|位于|其中|以及|设在|一个|全线|新建|完成|了|"
                  r"因此|本|此|称|要|开始|确保|年底|报道|目前|这是|提到|没有|有|开工|讲到)$")
PART_NOUNS_EN = r"Station|Town|Village|Township|Interchange|Bridge|Cemetery|Campus|Tunnel|Dam|Hall|Site|Road|Park|Mine|Section"
CAPITALISED = r"[A-Z][a-z’']*[a-z](?:[ \-–](?:of |the )?[A-Z][a-z’']*[a-z])*"
PART_EN = re.compile(CAPITALISED)
PART_NOUN_WORDS = set(PART_NOUNS_EN.lower().split("|"))
# the word that says what it is may follow in lower case, after one more word (the Huaxi university
# town, the Songzao Tonghua coal mine): the name is found with and without them (not after a word
# that begins a sentence, The or Twelve: the one more word is a compound's, the noun singular)
PART_NOUN_EN = re.compile(rf"(?:^|[ \-–])(?:{PART_NOUNS_EN})$|^ (?:{PART_NOUNS_EN.lower()})s?\b")
# (the word between is a noun of a compound, not a function word, nor "new", which says when, not what)
PART_NOUN_AFTER_WORD = re.compile(rf"^ (?!(?:and|or|of|the|new)\b)[a-z]+ (?:{PART_NOUNS_EN.lower()})\b(?!s)")
LIST_EN = re.compile(r"\b(?:stations|towns|villages|sites)\b")
SIDE = re.compile(r"\w[ -](?:East|West|South|North)$")
# brackets right after a place's name (江津区（…）, Jiangjin District (…)) hold what is in it
IN_BRACKETS_ZH = re.compile(r"[\u4e00-\u9fff](?:区|县|市|新区)[（(]([^（）()]+)[）)]")
IN_BRACKETS_EN = re.compile(r"[A-Z][\w'’]+ (?:District|County|New Area|City) \(([^()]+)\)")
# a name coined of three words or more, hyphenated, with what it is (an ancient tea-horse-salt road)
COINED_EN = re.compile(rf"\b[a-z]+(?:-[a-z]+){{2,}} (?:{PART_NOUNS_EN.lower()})\b")


COUNTED_ZH = re.compile(r"([\u4e00-\u9fff]{4,20})等(?:\d+|[一二三四五六七八九十两]+)[条个座项处]([\u4e00-\u9fff]{2,8})")
COUNTED_EN = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+) ([a-z][\w-]*(?: [a-z][\w-]*)?)s, including "
                        r"((?:the )?[A-Z][\w'’-]*(?: (?:in|to|and|of) [A-Z][\w'’-]*| [A-Z][\w'’-]*)*)")


def _part_names(record, tokenizer: jieba.Tokenizer, excerpts: list = ()) -> list[str]:
    """The names of the parts of a thing that the record's own text and the quotes it cites give:
    stations on a railway, the town or village a reservoir is built in, the sites of a park. Taken by
    rule (what they end in, how lists of them are written), in simplified characters and in English;
    a name that is another record's own is left to that record (keys()). A source's `excerpts` (what
    the stored report prints, with their translations) are read as its quotes."""
    zh = [_all_text(record, "zh")] + [_simplified(c["quote"]) for c in _cited(record)] + [_simplified(e.get("text", "")) for e in excerpts]
    en = [_all_text(record, "en")] + [c.get("en", "") for c in _cited(record)] + [e.get("en", "") for e in excerpts]
    found = []
    for text in zh:
        for sentence in re.split(r"[。；;！？\n]", text):
            for run in HAN_RUN.findall(sentence):
                words = list(_cut(tokenizer, run))
                # a kind the glossary defines (城市群, 中心城市), of one word or two, is one word here
                # (and the single characters before it, which jieba leaves apart, one word: 黔 中: 黔中)
                for kind in sorted(TERM_KINDS.get("zh", ())):
                    for i in range(len(words) - 1):
                        if words[i] + words[i + 1] == kind:
                            words[i:i + 2] = [kind]
                            break
                    if kind in words:
                        at = words.index(kind)
                        start = at
                        while start > 0 and len(words[start - 1]) == 1 and not GLUE.match(words[start - 1]):
                            start -= 1
                        if at - start >= 2:
                            words[start:at] = ["".join(words[start:at])]
                for i, word in enumerate(words):
                    if (not word.endswith(PART_ENDINGS) and word not in TERM_KINDS.get("zh", ())) or word.endswith(("网站", "本站")) or len(word) > 8:   # a website, this site
                        continue
                    for k in (1, 2):
                        before = words[max(0, i - k):i]
                        if len(before) < k or len(before[0]) < 2 or any(GLUE.match(b) for b in before):
                            break
                        found.append("".join(before) + word)
            # a list closed by 等 with a part among its items (…红军桥等, …王良同志纪念馆等) lists things
            # of that sort: each item is a part (长征主题研学中心, 红军街); the first item runs into its
            # clause, after the verb that ends in 了 (完成了石壕红军烈士墓)
            for clause in re.split(r"[，,：:]", sentence):
                items = [i.strip() for i in clause.split("、")]
                if len(items) > 2 and "等" in items[-1]:
                    items[-1] = items[-1].split("等")[0]
                    items[0] = items[0].rsplit("了", 1)[-1]
                    listed = [item for item in items if HAN_RUN.fullmatch(item) and 3 <= len(item) <= 10]
                    if any(item.endswith(PART_ENDINGS) for item in listed):
                        found += listed
            # a line of verse quoted (“君看缥缈綦江路，万马如龙出贵州”: lines of five or seven characters
            # each) is typed to ask where it is from
            for quoted in re.findall(r"“([^“”]+)”", sentence):
                lines = re.split(r"[，,]", quoted)
                if len(lines) > 1 and all(HAN_RUN.fullmatch(line) for line in lines) and {len(line) for line in lines} in ({5}, {7}):
                    found += lines
            if LIST_OF_PARTS.search(sentence):
                # the last item of a list ends where 等 begins (…息烽、修文县等12个车站)
                items = [i.strip() for i in re.sub(r"等[^、]*$", "", sentence).split("、")]
                if len(items) > 2:
                    listed = [item for item in items if HAN_RUN.fullmatch(item) and 2 <= len(item) <= 6]
                    found += listed
                    # in a list of stations each is a station (綦江东: 綦江东站), as readers call it
                    if "站" in LIST_OF_PARTS.search(sentence).group(0):
                        found += [item + "站" for item in listed if not item.endswith("站")]
            # the thing named before 等 and a count of things of a kind (綦江安稳至习水温水等3条省际通道) is one
            # of them: 綦江安稳至习水温水省际通道. The kind is the word after the count, or two words of two
            # characters (省际 通道)
            for m in COUNTED_ZH.finditer(sentence):
                after = [w for w in _cut(tokenizer, m.group(2)) if HAN_RUN.fullmatch(w)]
                kind = "".join(after[:2]) if len(after) > 1 and len(after[0]) == len(after[1]) == 2 else "".join(after[:1])
                if len(kind) >= 2 and not m.group(1).endswith(kind):
                    found.append(m.group(1) + kind)
            # what a place holds is named in brackets after it: 江津区（江津综合保税区）
            for inside in IN_BRACKETS_ZH.findall(sentence):
                found += [item for item in inside.split("、") if HAN_RUN.fullmatch(item) and 3 <= len(item) <= 12]
    for text in en:
        for sentence in re.split(r"(?<=[.;!?])\s+|\n", text):
            for m in PART_EN.finditer(sentence):
                after = PART_NOUN_EN.match(sentence[m.end():m.end() + 30])
                if not after and m.start() > 0 and m.group(0).lower() not in STOP_EN:
                    after = PART_NOUN_AFTER_WORD.match(sentence[m.end():m.end() + 30])
                if PART_NOUN_EN.search(m.group(0)) or after:
                    found.append(m.group(0))
                if after:   # with what it is: Zhongfeng town, Huaxi university town
                    found.append(m.group(0) + after.group(0))
            found += COINED_EN.findall(sentence)
            for kind in sorted(TERM_KINDS.get("en", ())):
                found += [f"{m.group(1)} {kind}" for m in re.finditer(rf"({CAPITALISED}) {re.escape(kind)}\b", sentence)]
            listed = LIST_EN.search(sentence)
            if listed:   # stations named by their place and side: Ganshui East, and Ganshui East station
                sides = [m.group(0) for m in re.finditer(CAPITALISED, sentence) if SIDE.search(m.group(0))]
                found += sides + [f"{side} {listed.group(0)[:-1]}" for side in sides]
            # what a place holds, named in brackets after it: Jiangjin District (with the Jiangjin
            # Comprehensive Bonded Zone)
            for inside in IN_BRACKETS_EN.findall(sentence):
                found += [m.group(0) for m in re.finditer(CAPITALISED, inside) if " " in m.group(0)]
                # with what it is in lower case after it, to the bracket's end (the Gui'an New Area
                # comprehensive bonded zone)
                whole = re.fullmatch(rf"(?:the )?({CAPITALISED}(?: [a-z]+)+)", inside.strip())
                if whole:
                    found.append(whole.group(1))
            # the same in English: "three inter-provincial corridors, including Anwen in Qijiang to
            # Wenshui in Xishui": Anwen to Wenshui inter-provincial corridor (the places it is in left out)
            for m in COUNTED_EN.finditer(sentence):
                found.append(re.sub(r" in [A-Z][\w'’-]*", "", m.group(2)) + " " + m.group(1))
            # in a sentence about sites or stations, "the former headquarters of the Red First Army
            # Group" is the Red First Army Group headquarters, as readers name it
            if LIST_EN.search(sentence):
                for m in re.finditer(rf"\bthe (?:former )?([a-z]+) of the ({CAPITALISED})", sentence):
                    found.append(f"{m.group(2)} {m.group(1)}")
            # a thing named by the place it is near (the provincial boundary near Xiaozhangba):
            # Xiaozhangba provincial boundary, as 小张坝附近省界 is 小张坝省界
            for m in re.finditer(rf"\bthe ([a-z]+(?: [a-z]+)?) near ({CAPITALISED})", sentence):
                found.append(f"{m.group(2)} {m.group(1)}")
    found = [re.sub(r"^(?:The|This|That) ", "", p) for p in found]
    # "section" alone (from "the section") names nothing
    return list(dict.fromkeys(p for p in found if len(p) >= 2 and p.lower() not in STOP_EN and p not in PART_NOUN_WORDS))


READING = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[）)]")


def excerpts_all(model: Model, record, kind: str) -> list:
    """A source's excerpts (what the stored report prints); none for other records."""
    return ((model.evidence.get(record["id"]) or {}).get("excerpts") or []) if kind == "source" else []


def _themes(record, tokenizer: jieba.Tokenizer) -> list[str]:
    """A task is called by its theme and the word task (中心城市任务, ecological tourism task): its name is
    a verb and what is to be done; each run of one to three of the words after the verb, with the
    site's word for a task (LABELS["task"]). For the worker's comparison only."""
    out = []
    for lang in ("zh", "en"):
        word = LABELS["task"][lang].lower()
        for name in _names(record, lang, what=False):
            if lang == "zh":
                words = _words(name, tokenizer)[1:]
            else:
                words = [w for w in re.split(r"[\s–—]+", name.lower())][1:]
            for i in range(len(words)):
                for j in range(i + 1, min(i + 3, len(words)) + 1):
                    run = words[i:j]
                    if lang == "en" and any(len(w) < 3 or w in STOP_EN for w in (run[0], run[-1])):
                        continue
                    theme = ("" if lang == "zh" else " ").join(run)
                    if len(theme) >= 2:
                        out.append(f"{theme}{word}" if lang == "zh" else f"{theme} {word}")
    return list(dict.fromkeys(out))


def _listed_parts(record, named: dict) -> list[str]:
    """What a record's own text lists alongside another record (渝贵铁路、渝贵高铁、涪柳铁路…; the
    Chongqing–Guiyang Railway, the Fuling–Liuzhou Railway…) is a thing of the same sort that it is
    made of: the items inside the list (its first and last run into the sentence) are its parts."""
    found = []
    for sentence in re.split(r"[。；;！？\n]", _all_text(record, "zh")):
        items = sentence.split("、")
        if len(items) > 2 and _ends_in_a_name(items, named, 3):
            found += [item for item in items[1:-1] if HAN_RUN.fullmatch(item) and 2 < len(item) <= 10]
            # the last runs into the sentence (南川至道真高速为主的…): it is the head that ends as the
            # item before it ends, in what they all are (高速)
            kind, last = items[-2][-2:], items[-1]
            end = last.find(kind)
            if HAN_RUN.fullmatch(items[-2]) and end > 0 and HAN_RUN.fullmatch(last[: end + 2]) and 2 < end + 2 <= 10:
                found.append(last[: end + 2])
    for sentence in re.split(r"(?<=[.;!?])\s+|\n", _all_text(record, "en")):
        items = [re.sub(r"^(?:the|and) ", "", item.strip()) for item in re.split(r",|\band\b", sentence)]
        if len(items) > 2 and _ends_in_a_name(items, named, 4):
            found += [item for item in items[1:-1] if re.fullmatch(CAPITALISED, item)]
            # the last ends the sentence: a name in the list if it ends as the item before it ends
            last = re.sub(r"^the ", "", items[-1].rstrip(".;!?"))
            if re.fullmatch(CAPITALISED, last) and re.fullmatch(CAPITALISED, items[-2]) and last.split()[-1] == items[-2].split()[-1]:
                found.append(last)
    return found


def _ends_in_a_name(items: list[str], named: dict, shortest: int) -> bool:
    """Whether an item ends in a record's name of `shortest` characters or more: each ending of each
    item looked up (not each name tried against each item, which took most of the keys' time)."""
    return any(item[i:] in named for item in items for i in range(len(item) - shortest + 1))


def _new_names(record) -> list[str]:
    """A line built anew beside an old one of the same name is called new: 新渝贵高铁, 渝贵新高铁, the
    new Chongqing–Guiyang High-Speed Railway. Where a record's own text or quotes call something so
    and it ends in what the record is (高铁, high-speed railway), that is a name of it. 新 that ends a
    word with the character before it (高新, 创新, jieba's dictionary says) is no such 新."""
    whats = {lang: [w for w in (record.get("what") or {}).get(lang, []) if len(w) >= 2] for lang in ("zh", "en")}
    if not whats["zh"] and not whats["en"]:
        return []
    words = search_tokenizer().FREQ
    zh = _all_text(record, "zh") + "。" + "。".join(_simplified(c["quote"]) for c in _cited(record))
    out = []
    for what in whats["zh"]:
        for m in re.finditer(rf"(?=(新[\u4e00-\u9fff]{{2,4}}?{what}))|(?=([\u4e00-\u9fff]{{2}}新{what}))", zh):
            name = m.group(1) or m.group(2)
            at = m.start() + (0 if m.group(1) else 2)
            if not words.get(zh[at - 1:at + 1]):
                out.append(name)
    en = _all_text(record, "en") + " " + " ".join(c.get("en", "") for c in _cited(record))
    for m in re.finditer(rf"\bnew ({CAPITALISED})", en):
        if m.group(1).lower().endswith(tuple(w.lower() for w in whats["en"])):
            out.append(m.group(0))
    return list(dict.fromkeys(out))


def _qualified_names(record) -> list[str]:
    """A name a source qualifies in quotation marks (“渝南黔北”区域旅游发展联盟, the “southern Chongqing
    and northern Guizhou” regional tourism development alliance) is called with its qualifier, and so
    is the record by each of its names: 渝南黔北区域旅游发展联盟, 渝南黔北旅游联盟. For the worker's
    comparison only (the qualifier may be another record's name: 渝南黔北 is a glossary term)."""
    out = []
    for lang, texts in (("zh", [_all_text(record, "zh")] + [_simplified(c["quote"]) for c in _cited(record)]),
                        ("en", [_all_text(record, "en")] + [c.get("en", "") for c in _cited(record)])):
        names = [n for n in _names(record, lang) if len(n) >= 2]
        for text in texts:
            for m in re.finditer(r"“([^“”]{2,40})”\s?", text):
                rest = text[m.end():]
                if any(rest.lower().startswith(n.lower()) for n in names):
                    out += [f"{m.group(1)}{' ' * (lang == 'en')}{n}" for n in names]
    return list(dict.fromkeys(out))


DOC_NUMBER = re.compile(r"^(\D+?)〔(\d{4})〕(\d+)号$")


def _numbers(record) -> list[str]:
    """A document is asked for by its number (渝府办〔2021〕8号) as readers type it, without the
    brackets keyboards lack: 渝府办2021年8号, 渝府办20218号; and in Latin letters as its issuer's
    abbreviation reads, as the English pages print such numbers: Yu Fu Ban 2021 No. 8."""
    number = record.get("number")
    m = DOC_NUMBER.match(number) if isinstance(number, str) else None
    if not m:
        return []
    head, year, n = m.groups()
    latin = " ".join(lazy_pinyin(head)).title()
    return [number, f"{head}{year}年{n}号", f"{head}{year}{n}号", f"{latin} {year} No. {n}", f"{latin} [{year}] No. {n}"]


COUNT_ZH = r"(?:[一二三四五六七八九十两]|\d+)大?个?([\u4e00-\u9fff]{1,3})(?![\u4e00-\u9fff])"
COUNT_EN = r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+) ([a-z]+?)s,? ((?:“[^”]+”(?:,? and |, )?)+)"


def _zones(record) -> list[str]:
    """Things named in quotation marks before their count and kind (“江津—赤水、习水”“南川—道真、正安”
    “秀山—铜仁”三大片区; three zones, “Jiangjin–Chishui and Xishui”, … and “Xiushan–Tongren”) are parts
    of the record, each called by its name and by its name with its kind (南川道真正安片区, Xiushan–Tongren
    zone)."""
    out = []
    # the count and kind that follows them (三大片区, three zones) may be another record's name (三片：三大片区,
    # Three zones: …): they are then that record's parts, not the parts of a record that names it with
    # others (the glossary's 一轴一核，一带三片)
    theirs = {h for h, ids in HALVES.items() if ids - {id(record)} and id(record) not in ids}
    for text in [_all_text(record, "zh")] + [_simplified(c["quote"]) for c in _cited(record)]:
        for m in re.finditer(r"((?:“[^“”]{2,20}”){2,})" + COUNT_ZH, text):
            if m.group(0)[len(m.group(1)):] not in theirs:
                out += [f"{item}{suffix}" for item in re.findall(r"“([^“”]+)”", m.group(1)) for suffix in ("", m.group(2))]
    for text in [_all_text(record, "en")] + [c.get("en", "") for c in _cited(record)]:
        for m in re.finditer(COUNT_EN, text):
            if m.group(0)[: m.start(2) - m.start()].strip(" ,").lower() not in theirs:
                out += [f"{item}{suffix}" for item in re.findall(r"“([^”]+)”", m.group(2)) for suffix in ("", " " + m.group(1))]
    return list(dict.fromkeys(out))


OWN_FIGURE = re.compile(r"(?<![\d.])(\d{3,})(\.\d+)?([万亿]?[\u4e00-\u9fff]{1,4})(?=[，。；、,（(]|$)")


def _own_figures(record) -> list[str]:
    """A figure its description gives (探明地质储量1459.68亿立方米, 规划床位1000张), with its unit, as written
    and to the whole number (1459亿立方米): a reader asks for the thing by the figure recalled. For the
    worker's comparison only; not dates (2022年)."""
    about = (record.get("description") or {}).get("zh", "") if isinstance(record.get("description"), dict) else ""
    out = []
    for whole, decimals, unit in OWN_FIGURE.findall(about):
        if unit[0] not in "年月日":
            out += [f"{whole}{decimals}{unit}", f"{whole}{unit}"]
    return list(dict.fromkeys(out))


COMMON_EN = {"development", "building", "implementation", "overall"}


def _short_names_en(record) -> list[str]:
    """A document's English title as readers shorten it, as the Chinese one is: without the words
    every plan has (Development, Building), an adjective in -ated by its noun (Integrated Development
    Plan: integration plan, as other records call the Qijiang–Wansheng plan). For the worker's
    comparison only."""
    title = record.get("title")
    if not isinstance(title, dict) or not title.get("en") or not str(title.get("zh", "")).endswith(PLAN_KINDS):
        return []
    words = re.sub(r"\s*\([^()]*\d{4}[^()]*\)", "", title["en"]).split()
    short = [re.sub(r"ated$", "ation", w) for w in words if w.lower() not in COMMON_EN]
    return [" ".join(short)] if short != words else []


# A document is called by its name without its issuer and its years (成渝城市群发展规划 for the
# plan, 渝黔合作先行示范区建设规划 for Qijiang's), and by its theme with its kind (一体化规划): the
# last words of its name, without the words every plan has (发展, 建设, 实施 …).
YEARS = re.compile(r"[（(][^）)]*\d{4}[^）)]*[）)]|\d{4}\s*[—–-]\s*\d{4}\s*年?")
PLAN_KINDS = ("规划纲要", "实施方案", "行动计划", "框架协议", "规划", "方案", "纲要", "协议", "计划", "意见")
ONE_CHARACTER = {"重庆": "渝", "贵州": "黔", "四川": "川", "成都": "蓉", "云南": "滇", "綦江": "綦", "万盛": "万", "遵义": "遵"}
PLACE_SUFFIX_ZH = re.compile(r"(?<=..)[省市区县]$")
ISSUER_PLACE = re.compile(r"重庆市|贵州省|四川省|遵义市|綦江区|万盛经开区")
ISSUER_PLACES = re.compile(rf"^(?:{ISSUER_PLACE.pattern})+")
FIVE_YEAR = re.compile(r"第([一二三四五六七八九十]+)个五年(?:规划|计划)")
COMMON = {"发展", "建设", "实施", "行动", "工作", "总体", "攻坚", "五年", "三年", "合作", "地区", "—", "-", "“", "”"}


def _short_names(record, tokenizer: jieba.Tokenizer) -> list[str]:
    title = (record.get("title") or record.get("name") or {})
    if not isinstance(title, dict) or not title.get("zh"):
        return []
    name = re.sub(r"[“”《》「」]", "", YEARS.sub("", title["zh"])).strip()
    bare = ISSUER_PLACES.sub("", name)   # 重庆市綦江区“十四五”…规划: without the issuer's place
    out = [name, bare]
    words = _words(bare, tokenizer)
    kind = next((k for k in PLAN_KINDS if name.endswith(k)), None)
    if kind:
        theme = [w for w in _words(bare[: -len(kind)], tokenizer) if w not in COMMON and len(w) > 1]
        for word in dict.fromkeys(theme[:1] + theme[-1:]):
            out += [word + kind, word + kind[-2:]]
        # the provinces and cities a name joins, by their one-character names (重庆, 贵州: 渝黔框架协议)
        joined = "".join(short for full, short in sorted(((f, s) for f, s in ONE_CHARACTER.items() if f in name),
                                                         key=lambda fs: name.index(fs[0])))
        if len(joined) >= 2:
            out += [joined + kind, joined + kind[-2:]] + [joined + w + kind[-2:] for w in theme[-1:]]
        # a reader keeps a name's first words and its kind (十四五渝黔合作规划), with the place that
        # issued it (綦江十四五渝黔合作规划)
        issuer = ISSUER_PLACES.match(name)
        where = [""] + ([PLACE_SUFFIX_ZH.sub("", re.findall(r".+?[省市区]", issuer.group(0))[-1])] if issuer else [])
        lead = _words(bare[: -len(kind)], tokenizer)
        out += [w + "".join(lead[:k]) + kind for w in where for k in range(2, len(lead))]
    elif len(words) >= 3:   # where it is and what it is (綦江页岩气田: 綦江气田; …江苏省人民医院重庆医院: 江苏医院)
        places = [w for w in words[:-1] if len(w) >= 3 and w.endswith(("省", "市"))] or words[:1]
        out += [PLACE_SUFFIX_ZH.sub("", w) + words[-1] for w in places if len(w) > 1]
    # a five-year plan is called by its number (第十四个五年规划: 十四五规划), with its kind and the
    # place that issued it (綦江十四五规划纲要)
    five = FIVE_YEAR.search(name)
    if five:
        issuer = ISSUER_PLACES.match(name)
        wheres = [""] + ([PLACE_SUFFIX_ZH.sub("", re.findall(r".+?[省市区]", issuer.group(0))[-1])] if issuer else [])
        kinds = dict.fromkeys(k for k in (kind, "规划", "规划纲要" if kind == "纲要" else None) if k)
        out += [f"{where}{five.group(1)}五{k}" for where in wheres for k in kinds]
    # a document is called by the year it was signed or issued and its kind (2018年框架协议, the 2018
    # framework agreement): its kind in English is what its title says before what it is for or of
    kind_en = re.split(r" (?:between|for|of|on|to)\b", title.get("en", ""))[0].split(":")[-1].split()[-2:]
    for year in sorted({str(d["date"])[:4] for d in record.get("dates", [])}):   # sorted: builds are reproducible
        out += [f"{year}年{kind}"] * bool(kind) + [f"{year} {' '.join(kind_en)}"] * bool(kind_en)
    return [n for n in dict.fromkeys(out) if len(n) >= 3 and n != title["zh"]]


def _words(text: str, tokenizer: jieba.Tokenizer) -> list[str]:
    """The Chinese words of a name, single characters in a row taken as one (渝、黔: 渝黔)."""
    out: list[str] = []
    after_single = False
    for word in (w for w in _cut(tokenizer, text) if HAN_RUN.fullmatch(w)):
        if len(word) == 1 and after_single:
            out[-1] += word
        else:
            out.append(word)
        after_single = len(word) == 1
    return out


def _cited(record):
    """Every citation in a record, at any depth (its history's too)."""
    if isinstance(record, dict):
        if "source" in record and "quote" in record:
            yield record
        for value in record.values():
            yield from _cited(value)
    elif isinstance(record, list):
        for item in record:
            yield from _cited(item)


@functools.lru_cache(maxsize=4096)
def _simplified(text: str) -> str:
    """A quote as printed in traditional characters (婁山關南), in simplified, as readers type it."""
    return _to_simplified().convert(text)


@functools.lru_cache(maxsize=1)
def _to_simplified():
    return opencc.OpenCC("t2s")


def _traditional(words: list[str]) -> list[str]:
    """The Chinese words in traditional characters, as readers in Taiwan, Hong Kong and overseas type
    them (萬盛, 蟠龍抽水蓄能): OpenCC's conversions for Taiwan, Hong Kong and its standard forms, which
    differ in a few characters (綜合保稅區 / 綜合保税區)."""
    han = " ".join(w for w in words if HAN_RUN.search(w))
    if not han:
        return []
    out = []
    for converter in _converters():
        out.extend(converter.convert(han).split(" "))
    return out


@functools.lru_cache(maxsize=1)
def _converters() -> tuple:
    return tuple(opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk"))


def _pinyin(names: list[str], tokenizer: jieba.Tokenizer) -> list[str]:
    """A Chinese name in toneless pinyin, as readers type it: the whole name joined (panlong…), its
    syllables spaced (pan long …) and each of its words joined (qijiang, gaosu), so that a reader
    typing any of these finds it; pypinyin picks each character's reading in its context (重庆 chongqing)."""
    out = []
    for name in names:
        for run in HAN_RUN.findall(name):
            syllables = lazy_pinyin(run)
            out += ["".join(syllables), " ".join(syllables)]
            out += ["".join(lazy_pinyin(word)) for word in _cut(tokenizer, run) if len(word) > 1]
    return out


def _unpunctuated(text: str) -> list[str]:
    """English names as most readers type them, without their apostrophes and hyphens: Zheng'an as
    zhengan and zheng an, high-speed as highspeed (the separator already splits it into high speed)."""
    out = []
    for word in re.findall(r"[A-Za-z]+(?:['’‘\-][A-Za-z]+)+", text):
        parts = re.split(r"['’‘\-]", word)
        out += ["".join(parts), " ".join(parts)]
    return out


def _inflections(text: str) -> list[str]:
    """Singular and plural of the words in English names, so "railways" finds "Railway" and back."""
    out = []
    for word in WORD.findall(text.lower()):
        if len(word) < 4:
            continue
        if word.endswith("ies"):
            out.append(word[:-3] + "y")
        elif word.endswith("s") and not word.endswith("ss"):
            out.append(word[:-1])
        elif word.endswith("y") and word[-2] not in "aeiou":
            out.append(word[:-1] + "ies")
        else:
            out.append(word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s"))
    return out


def _respellings(text: str) -> list[str]:
    return [SPELLINGS[w.lower()] for w in WORD.findall(text) if w.lower() in SPELLINGS]


def _all_text(record, lang: str) -> str:
    out = []

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get(lang), str):
                out.append(value[lang])
            for key, item in value.items():
                if key != "sources":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk(record)
    return " ".join(out)


def _location(path: str) -> str:
    """plan.md#x -> plan/#x ; projects/a.md -> projects/a/ ; index.md -> '' (use_directory_urls)."""
    page, _, anchor = path.partition("#")
    folder = page_folder(page)
    return (folder + "/" if folder else "") + (f"#{anchor}" if anchor else "")


def _everything(model: Model, lang: str, named: dict, places: dict) -> bytes:
    """What every record's keys may depend on beyond its own fields: the names of all records (a part
    named like another record is left to it), the places and what is in them, the figures' labels,
    the site's words, the schema and this code. Records stand in it by their dep, not their id()."""
    dep = {id(r): r.dep for r in _records(model)}
    shape = (lang, LABELS, model.schema, sorted((text, sorted(dep[i] for i in ids)) for text, ids in named.items()),
             sorted((name, sorted(ids)) for name, ids in places.items()),
             sorted((dep[i], sorted(where)) for i, where in PLACES_OF.items()), sorted(dep[i] for i in PLACE_RECORDS),
             {k: v for k, v in FIGURE_LABELS.items() if k != "latest"}, sorted(dep[i] for i in FIGURE_LABELS["latest"]),
             sorted((source, sorted(quotes)) for source, quotes in QUOTED.items()),
             sorted((lang, sorted(kinds)) for lang, kinds in TERM_KINDS.items()))
    digest = hashlib.blake2b(repr(shape).encode("utf-8"))
    for code in sorted(Path(__file__).parent.glob("*.py")) + [Path(reads.__file__)]:
        digest.update(code.read_bytes())
    return digest.digest()
