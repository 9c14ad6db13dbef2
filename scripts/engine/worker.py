"""Fixes to Material's search worker, applied while MkDocs builds (scripts/engine/plugin.py).

Before searching, the worker splits each run of Chinese in the query into words of the index
(`fe`). Its inner loop stops one character short of the run (`o<t.length`), so the run's last
character can only be matched by the trailing wildcard the last word gets. A run followed by more
query text loses it: 渝黔350高铁 is searched as 渝350高铁 and finds nothing. Letting the loop reach the
end of the run (`o<=t.length`) keeps whole words whole. The split also starts at the first character
that begins an index word, and results are ranked so that the record named comes first (below).

The mended worker gets a name of its own (the hash of its new content), so a server may cache it
forever like Material's other hashed files without ever serving the unmended one under that name.
"""
from __future__ import annotations

import hashlib
import re

BROKEN = "for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let s=0;s<t.length;s++)for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
NAME = re.compile(r"search\.[0-9a-f]{8}\.min\.js")


# Ranking. With a trailing wildcard, lunr scores every index word that merely begins with what was
# typed, each by its own rarity, so a record with long, rare words extending the query outranks the
# one whose name it is: 遵义 found 遵义会议会址 before 遵义市, 蟠龙抽水蓄能电站 its phase II first. So
# each result's score is multiplied by (1 + the share of the query's words it holds exactly), and by
# 4 where what was typed, compared without case, spaces or punctuation, is one of the record's names
# in some form (`names`, written into the index by scripts/search/keys.py: traditional, pinyin…).
SCORE = "s.push(B(_({},c),{score:a*(1+K(g,2)),terms:f}))"
RANKED = ("s.push(B(_({},c),{score:a*(1+K(g,2))*(1+r.filter(q=>q.term in u.metadata).length/Math.max(r.length,1))"
          "*((this.map.get(o).names||\"\").split(\"\\n\").includes(N)?4:1),terms:f}))")
SEARCH = "search(e){if(e=e.replace("
# N: the query as names are compared
SEARCH_MEASURED = "search(e){let N=e.toLowerCase().replace(/[^\\p{L}\\p{N}]/gu,\"\");if(e=e.replace("
# A Chinese query is split into words of the index from its first character; one that begins with a
# character no indexed word begins with was searched whole and found nothing (火车站, where 车站 is a
# word). The split starts at the first character that begins a word.
SPLIT = "let i=[0];for(let s=i.length;s>0;)"
SPLIT_FROM_FIRST_WORD = "let i=[Math.max(0,n.findIndex(x=>x>0))];for(let s=i.length;s>0;)"


class WorkerChanged(Exception):
    pass


def mend(text: str) -> str:
    if BROKEN not in text:
        raise WorkerChanged("Material's search worker has changed: review scripts/engine/worker.py "
                            "(the fix for Chinese queries) against the new version")
    if SCORE not in text or SEARCH not in text or SPLIT not in text:
        raise WorkerChanged("Material's search worker has changed: review scripts/engine/worker.py "
                            "(the ranking of exact names) against the new version")
    return (text.replace(BROKEN, FIXED, 1).replace(SCORE, RANKED, 1).replace(SEARCH, SEARCH_MEASURED, 1)
            .replace(SPLIT, SPLIT_FROM_FIRST_WORD, 1))


def mended_name(text: str) -> str:
    return f"search.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.js"
