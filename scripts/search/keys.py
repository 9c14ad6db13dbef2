from __future__ import annotations

import functools
import html
import re

import jieba
import opencc
from pypinyin import lazy_pinyin

from scripts.render import LABELS, page_folder
from scripts.render.model import PLACE_SUFFIX, Model
from scripts.urlscheme import KINDS

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
    words = set()
    for record in _records(model):
        for text in _names(record, "zh"):
            words.update(HAN_RUN.findall(text))
    return "".join(f"{w} 100000 nz\n" for w in sorted(words) if len(w) > 1)


def keys(model: Model, lang: str, tokenizer: jieba.Tokenizer) -> dict[str, dict[str, str]]:
    """Search-index location (page URL, with #anchor for records on shared pages) -> fields added to
    its index entry: `keys`, hidden search words, and `names`, the record's names in every form a
    reader may type them, compared whole by the search worker (scripts/engine/worker.py) so that the
    record named comes first."""
    other = "en" if lang == "zh" else "zh"
    found = {}
    # the plan page's own sections are found by their headings in either language
    for anchor, label in PLAN_SECTIONS.items():
        found[f"plan/#{anchor}"] = {"keys": f"{LABELS[label][lang]} {LABELS[label][other]}"}
    for page, label in INDEX_PAGES.items():
        found[page] = {"keys": f"{LABELS[label][lang]} {LABELS[label][other]}"}
    # a piece of one record's name that is another record's whole name is left to that record: the
    # reader who types 蟠龙抽水蓄能电站 or 渝黔高速 wants the record of that name, not its phase II or
    # its expansion
    named = {}
    for record in _records(model):
        for text in _names(record, "zh") + _names(record, "en"):
            named.setdefault(text, set()).add(id(record))
    for record in _records(model):
        kind = model.kind_of(record)
        words = []
        for text in _names(record, lang) + _names(record, other):
            words.append(text)
            words.extend(p for p in _parts(text, tokenizer) if id(record) in named.get(p, (id(record),)))
        if "value" in record and isinstance(record.get("unit"), dict):
            # a figure: 64次, 64 mentions, and its number with the words of its label (22个重大项目)
            words += [f"{record['value']}{record['unit'][lang]}", f"{record['value']}{record['unit'][other]}"]
            words += [f"{record['value']}{record['unit']['zh']}{w}" for name in _names(record, "zh")
                      for w in tokenizer.cut(name) if HAN_RUN.fullmatch(w) and len(w) > 1]
        words.extend(_respellings(_all_text(record, lang)))
        # singular and plural of the words of its names and description (no stemmer: word forms are keys)
        about = (record.get("description") or record.get("definition") or {}).get(lang, "")
        words.extend(_inflections(" ".join(_names(record, lang)) + " " + about))
        words.extend(_unpunctuated(" ".join(_names(record, "en"))))
        words.extend(_pinyin(_names(record, "zh"), tokenizer))
        words.extend(_traditional(words))
        location = _location(model.path(record, kind))
        # escaped like the rest of the index, whose fields Material treats as HTML
        found[location] = {"keys": html.escape(" ".join(dict.fromkeys(w for w in words if w.strip())), quote=False),
                           "names": "\n".join(_whole_names(record))}
    return found


def normal(text: str) -> str:
    """A name as the worker compares it with a query: lower case, letters and digits only (Zheng'an,
    zheng an and ZHENGAN are one), as `toLowerCase().replace(/[^\\p{L}\\p{N}]/gu, "")` does in JavaScript."""
    return re.sub(r"[\W_]+", "", text.lower())


def _whole_names(record) -> list[str]:
    """A record's own names (not what it is) in both languages, in traditional characters and in
    pinyin, each normalised: what a reader who knows its name types."""
    names = _names(record, "zh", what=False) + _names(record, "en", what=False)
    forms = names + _traditional(names) + ["".join(lazy_pinyin(run)) for name in names for run in HAN_RUN.findall(name)]
    return sorted({normal(f) for f in forms} - {""})


@functools.lru_cache(maxsize=1)
def search_tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer of our own for the search words, with jieba's own dictionary only: Material
    loads the dataset's names into jieba's global tokenizer, which would keep long names whole and
    lose their parts. Made once per process (loading the dictionary takes about a second), so
    make serve's rebuilds, forked from a process that made it, do not load it again."""
    jieba.setLogLevel(60)   # its progress messages are not the build's
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _records(model: Model):
    # every kind of record with a heading of its own; a reported figure is a row of its target's table
    for kind in KINDS:
        if kind != "statistic":
            yield from model.by_id[kind].values()


def _names(record, lang: str, what: bool = True) -> list[str]:
    names = [record[f][lang] for f in NAME_FIELDS if isinstance(record.get(f), dict)]
    names += (record.get("aliases") or {}).get(lang, [])
    if what:   # what it is: 抽水蓄能电站, power station
        names += (record.get("what") or {}).get(lang, [])
    names += [step["name"][lang] for step in record.get("approach", [])]  # 城市北上, industry moves west
    if "province" in record:
        names += [PLACE_SUFFIX[lang].sub("", n) for n in names[:1]]
    return names


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
            words = list(tokenizer.cut(run))
            parts.extend("".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 4, len(words)) + 1))
    runs = SCRIPT_RUN.findall(text)
    if len(runs) > 1:
        parts.extend("".join(runs[i:j]) for i in range(len(runs)) for j in range(i + 1, len(runs) + 1))
    return parts


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
            out += ["".join(lazy_pinyin(word)) for word in tokenizer.cut(run) if len(word) > 1]
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
