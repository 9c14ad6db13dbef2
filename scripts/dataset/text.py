"""Rules about Chinese text that more than one check needs."""
from __future__ import annotations

import re

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
