"""Rules about Chinese text that more than one check needs."""
from __future__ import annotations

import functools
import re

import opencc

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’"
HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"})

# a half-width mark touching Chinese on either side; "5G" or "10:30" between Latin letters and digits is fine
_HALFWIDTH = re.compile(rf"(?<=[{HAN}{CJK_PUNCT}])\s*([,:;?!()])|([,:;?!()])(?=\s*[{HAN}])")


def halfwidth_punctuation(text: str):
    """Yield (mark, context) for each half-width punctuation mark used in Chinese text."""
    for found in _HALFWIDTH.finditer(text):
        start = max(found.start() - 6, 0)
        yield found.group(1) or found.group(2), text[start: found.end() + 6]


def normalise_for_quote(text: str) -> str:
    """What a quote and its source are compared as: no whitespace, half-width marks as full-width."""
    return re.sub(r"\s+", "", text).translate(HALF_TO_FULL)


def simplified(text: str) -> str:
    """Text in simplified characters (OpenCC), for comparing our words with a source printed in
    traditional ones (新华网's 長徵國家文化公園 is our 长征国家文化公园)."""
    return _to_simplified().convert(text)


@functools.lru_cache(maxsize=1)
def _to_simplified():
    return opencc.OpenCC("t2s")


class Forms:
    """A set of words (glossary terms and their aliases) found in texts in one pass over each text,
    overlapping ones included. With thousands of terms, searching for each term in each text was
    what made validating and rendering a large dataset slow."""
    _END = ""   # key marking that the path to it spells a whole word (no word is empty)

    def __init__(self, words):
        self._trie: dict = {}
        for word in words:
            node = self._trie
            for char in word:
                node = node.setdefault(char, {})
            node[self._END] = word

    def found_in(self, text: str) -> set[str]:
        found, end_key, n = set(), self._END, len(text)
        for start in range(n):
            node = self._trie.get(text[start])
            end = start + 1
            while node is not None:
                if end_key in node:
                    found.add(node[end_key])
                if end == n:
                    break
                node = node.get(text[end])
                end += 1
        return found


def term_forms(term: dict, lang: str) -> list[str]:
    """A glossary term's ways of being written in one language: the term, then its aliases."""
    return [term["term"][lang], *(term.get("aliases") or {}).get(lang, [])]


class Terms:
    """The glossary terms a Chinese text uses, by any of their Chinese forms, found in one pass."""

    def __init__(self, glossary):
        self.glossary = [term for term in glossary or [] if isinstance(term, dict)]
        self._owners: dict[str, list[int]] = {}   # Chinese form -> indexes of the terms written so
        for index, term in enumerate(self.glossary):
            for form in dict.fromkeys(term_forms(term, "zh")):
                self._owners.setdefault(form, []).append(index)
        self._forms = Forms(self._owners)

    def in_text(self, text: str) -> list[tuple[dict, str]]:
        """(term, the first of its forms the text uses), in glossary order."""
        found = self._forms.found_in(text)
        used = sorted({index for form in found for index in self._owners[form]})
        return [(self.glossary[i], next(f for f in term_forms(self.glossary[i], "zh") if f in found)) for i in used]
