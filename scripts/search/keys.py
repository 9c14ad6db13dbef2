from __future__ import annotations

import functools
import html
import re

import jieba
import opencc
from pypinyin import lazy_pinyin as _lazy_pinyin

from scripts.render import LABELS, page_folder
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


def keys(model: Model, lang: str, tokenizer: jieba.Tokenizer) -> dict[str, dict[str, str]]:
    """Search-index location (page URL, with #anchor for records on shared pages) -> fields added to
    its index entry: `keys`, hidden search words, and `names`, the record's names in every form a
    reader may type them, compared whole by the search worker (scripts/engine/worker.py) so that the
    record named comes first."""
    other = "en" if lang == "zh" else "zh"
    _figure_labels(model)
    found = {}
    # the plan page's own sections are found by their headings in either language
    for location, label in [(f"plan/#{anchor}", label) for anchor, label in PLAN_SECTIONS.items()] + list(INDEX_PAGES.items()):
        found[location] = {"keys": f"{LABELS[label][lang]} {LABELS[label][other]}",
                           "names": "\n".join(_whole_names({"label": LABELS[label]}))}
    # a piece of one record's name that is another record's whole name is left to that record: the
    # reader who types 蟠龙抽水蓄能电站 or 渝黔高速 wants the record of that name, not its phase II or
    # its expansion. What a record is (road, 水库) names no one record, so a part that holds it is kept.
    named = {}
    for record in _records(model):
        for text in _names(record, "zh", what=False) + _names(record, "en", what=False):
            named.setdefault(text, set()).add(id(record))
    for record in _records(model):
        kind = model.kind_of(record)
        if kind == "statistic":
            # a reported figure is a row of a shared page, its words those of many others (綦江, 2021):
            # as keys they outranked the records a reader named. It is ranked by its names alone
            # (綦江GDP2021, 2010年綦江常住人口), when what was typed is one of them or holds one.
            found[_location(model.path(record, kind))] = {"keys": "", "names": "\n".join(_whole_names(record))}
            continue
        words, called = [], []   # called: what else names it, for the worker's comparison (below)
        for text in _names(record, lang) + _names(record, other):
            words.append(text)
            words.extend(p for p in _parts(text, tokenizer) if id(record) in named.get(p, (id(record),)))
        if "value" in record and isinstance(record.get("unit"), dict):
            # a figure: 64次, 64 mentions, and its number with the words of its label (22个重大项目)
            words += [f"{record['value']}{record['unit'][lang]}", f"{record['value']}{record['unit'][other]}"]
            words += [f"{record['value']}{record['unit']['zh']}{w}" for name in _names(record, "zh")
                      for w in _cut(tokenizer, name) if HAN_RUN.fullmatch(w) and len(w) > 1]
        # the parts its text and its sources name (stations, towns, sites), and its short names
        for part in _part_names(record, tokenizer) + _listed_parts(record, named) + _short_names(record, tokenizer):
            if _left_to_it(part, record, named):
                words.append(part)
                called.append(part)
        called += _where_and_what(model, record)
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
                           "names": "\n".join(_whole_names(record, called))}
    # the plan's background (its roots, a poem) is found by the things it names (茶马盐古道)
    for item in model.plan.get("background", []):
        parts = [p for p in _part_names(item, tokenizer) if _left_to_it(p, item, named)]
        found[f"plan/#{item['id']}"] = {"keys": html.escape(" ".join(parts + _traditional(parts)), quote=False),
                                       "names": "\n".join(_whole_names(item, parts))}
    return found


def _left_to_it(part: str, record, named: dict) -> bool:
    """A part named like another record, or holding another record's name, is left to that record."""
    held = {part} | {part[i:j] for i in range(len(part)) for j in range(i + 3, len(part) + 1)}
    return not any(id(record) not in named[name] for name in held if name in named)


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


def _whole_names(record, called: list[str] = ()) -> list[str]:
    """A record's names in both languages, in traditional characters and in pinyin, what else names
    it (its short names, the names of its parts, where it is with what it is) and what it is, each
    normalised: what a reader who knows it types. The worker ranks a record higher the more of the
    query they cover, most when one is the whole query."""
    names = _names(record, "zh", what=False) + _names(record, "en", what=False) + list(called)
    # what it is (抽水蓄能电站, reservoir) names it too, as a reader does who asks for "that reservoir"
    names += [w for lang in ("zh", "en") for w in (record.get("what") or {}).get(lang, [])]
    # a count written in Chinese numerals is typed in digits too (蟠龙抽水蓄能电站二期: …2期)
    names += [NUMERAL.sub(lambda n: str(NUMERALS.index(n.group(0)) + 1), name) for name in names if NUMERAL.search(name)]
    # in pinyin, the whole name with its Chinese read (渝黔350高铁: yuqian350gaotie), not each run alone
    forms = names + _traditional(names) + [HAN_RUN.sub(lambda run: "".join(lazy_pinyin(run.group(0))), name) for name in names]
    return sorted({normal(f) for f in forms} - {""})


NUMERALS = "一二三四五六七八九十"
NUMERAL = re.compile(rf"[{NUMERALS}](?=[期号线座条个台届次])")


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
            out += [f"{where}{glue}{what}" for where in _names(place, lang, what=False)
                    for what in (record.get("what") or {}).get(lang, [])]
    return out


FIGURE_LABELS: dict = {}   # indicator and scope labels, from the schema; the latest figures


def _figure_labels(model: Model) -> None:
    FIGURE_LABELS.update(indicator=model.def_labels("indicator"), scope=model.def_labels("scope"))
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
    if lang == "zh":
        return [f"{place}{indicator}{year}", f"{year}年{short}{indicator}", f"{short}{year}年{indicator}"] + [f"{short}{indicator}"] * latest
    return [f"{place} {indicator} {year}", f"{short} {indicator} {year}"] + [f"{short} {indicator}"] * latest


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
PART_ENDINGS = ("站", "镇", "村", "乡", "街道", "枢纽", "互通", "旧址", "遗址", "纪念馆", "陵园", "墓", "桥",
                "院区", "隧道", "洞", "大坝", "干渠", "古道", "景区")
LIST_OF_PARTS = re.compile(r"车站|站点|景点")
GLUE = re.compile(r"^(?:和|及|与|的|在|至|到|从|经|等|为|是|由|将|已|共|包括|位于|其中|以及|设在|一个|全线|新建|完成|了|"
                  r"因此|本|此|称|要|开始|确保|年底|报道|目前|这是|提到|没有|有|开工|讲到)$")
PART_NOUNS_EN = r"Station|Town|Village|Township|Interchange|Bridge|Cemetery|Campus|Tunnel|Dam|Hall|Site|Road|Park"
CAPITALISED = r"[A-Z][a-z’']*[a-z](?:[ \-–](?:of |the )?[A-Z][a-z’']*[a-z])*"
PART_EN = re.compile(CAPITALISED)
PART_NOUN_EN = re.compile(rf"(?:^|[ \-–])(?:{PART_NOUNS_EN})$|^ (?:{PART_NOUNS_EN.lower()})s?\b")
LIST_EN = re.compile(r"\b(?:stations|towns|villages|sites)\b")
SIDE = re.compile(r"\w[ -](?:East|West|South|North)$")
# a name coined of three words or more, hyphenated, with what it is (an ancient tea-horse-salt road)
COINED_EN = re.compile(rf"\b[a-z]+(?:-[a-z]+){{2,}} (?:{PART_NOUNS_EN.lower()})\b")


def _part_names(record, tokenizer: jieba.Tokenizer) -> list[str]:
    """The names of the parts of a thing that the record's own text and the quotes it cites give:
    stations on a railway, the town or village a reservoir is built in, the sites of a park. Taken by
    rule (what they end in, how lists of them are written), in simplified characters and in English;
    a name that is another record's own is left to that record (keys())."""
    zh = [_all_text(record, "zh")] + [_simplified(c["quote"]) for c in _cited(record)]
    en = [_all_text(record, "en")] + [c.get("en", "") for c in _cited(record)]
    found = []
    for text in zh:
        for sentence in re.split(r"[。；;！？\n]", text):
            for run in HAN_RUN.findall(sentence):
                words = list(_cut(tokenizer, run))
                for i, word in enumerate(words):
                    if not word.endswith(PART_ENDINGS) or word.endswith("网站") or len(word) > 8:
                        continue
                    for k in (1, 2):
                        before = words[max(0, i - k):i]
                        if len(before) < k or len(before[0]) < 2 or any(GLUE.match(b) for b in before):
                            break
                        found.append("".join(before) + word)
            if LIST_OF_PARTS.search(sentence):
                items = [i.strip() for i in sentence.split("、")]
                if len(items) > 2:
                    found += [item for item in items if HAN_RUN.fullmatch(item) and 2 <= len(item) <= 6]
    for text in en:
        for sentence in re.split(r"(?<=[.;!?])\s+|\n", text):
            found += [m.group(0) for m in PART_EN.finditer(sentence)
                      if PART_NOUN_EN.search(m.group(0)) or PART_NOUN_EN.match(sentence[m.end():m.end() + 14])]
            found += COINED_EN.findall(sentence)
            if LIST_EN.search(sentence):   # stations named by their place and side: Ganshui East
                found += [m.group(0) for m in re.finditer(CAPITALISED, sentence) if SIDE.search(m.group(0))]
    found = [re.sub(r"^(?:The|This|That) ", "", p) for p in found]
    return list(dict.fromkeys(p for p in found if len(p) >= 2 and p.lower() not in STOP_EN))


def _listed_parts(record, named: dict) -> list[str]:
    """What a record's own text lists alongside another record (渝贵铁路、渝贵高铁、涪柳铁路…; the
    Chongqing–Guiyang Railway, the Fuling–Liuzhou Railway…) is a thing of the same sort that it is
    made of: the items inside the list (its first and last run into the sentence) are its parts."""
    found = []
    for sentence in re.split(r"[。；;！？\n]", _all_text(record, "zh")):
        items = sentence.split("、")
        if len(items) > 2 and _ends_in_a_name(items, named, 3):
            found += [item for item in items[1:-1] if HAN_RUN.fullmatch(item) and 2 < len(item) <= 10]
    for sentence in re.split(r"(?<=[.;!?])\s+|\n", _all_text(record, "en")):
        items = [re.sub(r"^(?:the|and) ", "", item.strip()) for item in re.split(r",|\band\b", sentence)]
        if len(items) > 2 and _ends_in_a_name(items, named, 4):
            found += [item for item in items[1:-1] if re.fullmatch(CAPITALISED, item)]
    return found


def _ends_in_a_name(items: list[str], named: dict, shortest: int) -> bool:
    """Whether an item ends in a record's name of `shortest` or more characters: each item's endings
    looked up in the names, not each name tried on each item (that was 2,000 names × every list at ×10,
    5 s of a rebuild)."""
    return any(item[start:] in named for item in items for start in range(len(item) - shortest + 1))


# A document is called by its name without its issuer and its years (成渝城市群发展规划 for the
# plan, 渝黔合作先行示范区建设规划 for Qijiang's), and by its theme with its kind (一体化规划): the
# last words of its name, without the words every plan has (发展, 建设, 实施 …).
YEARS = re.compile(r"[（(][^）)]*\d{4}[^）)]*[）)]|\d{4}\s*[—–-]\s*\d{4}\s*年?")
PLAN_KINDS = ("规划纲要", "实施方案", "行动计划", "框架协议", "规划", "方案", "纲要", "协议", "计划", "意见")
ONE_CHARACTER = {"重庆": "渝", "贵州": "黔", "四川": "川", "成都": "蓉", "云南": "滇", "綦江": "綦", "万盛": "万", "遵义": "遵"}
PLACE_SUFFIX_ZH = re.compile(r"(?<=..)[省市区县]$")
ISSUER_PLACES = re.compile(r"^(?:重庆市|贵州省|四川省|遵义市|綦江区|万盛经开区)+")
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
    elif len(words) >= 3:   # where it is and what it is (綦江页岩气田: 綦江气田; …江苏省人民医院重庆医院: 江苏医院)
        places = [w for w in words[:-1] if len(w) >= 3 and w.endswith(("省", "市"))] or words[:1]
        out += [PLACE_SUFFIX_ZH.sub("", w) + words[-1] for w in places if len(w) > 1]
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
