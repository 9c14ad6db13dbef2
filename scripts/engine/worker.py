"""Fixes to Material's search worker, applied while MkDocs builds (scripts/engine/mends.py).

Before searching, the worker splits each run of Chinese in the query into words of the index
(`fe`). Its inner loop stops one character short of the run (`o<t.length`), so the run's last
character can only be matched by the trailing wildcard the last word gets. A run followed by more
query text loses it: 渝黔350高铁 is searched as 渝350高铁 and finds nothing. Letting the loop reach the
end of the run (`o<=t.length`) keeps whole words whole. The split also starts at the first character
that begins an index word, and results are ranked so that the record named comes first (below).
"""
from __future__ import annotations

from scripts.search.stopwords import worker_filter

BROKEN = "for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let s=0;s<t.length;s++)for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


# Ranking. With a trailing wildcard, lunr scores every index word that merely begins with what was
# typed, each by its own rarity, so a record with long, rare words extending the query outranks the
# one whose name it is: 遵义 found 遵义会议会址 before 遵义市, 蟠龙抽水蓄能电站 its phase II first. So
# each result's score is multiplied by (1 + the share of the query's words it holds exactly), and by
# 4 where what was typed (N0), compared without case, spaces or punctuation, is one of the record's
# names in some form (`names`, written into the index by scripts/search/keys.py: traditional,
# pinyin, short names, the names of its parts…); otherwise by 1 + 3 × the share of the query, after
# its question words (N), that the longest of those names it contains covers: a reader who asks
# 藻渡水库什么时候能建好 names the reservoir, and its record comes before pages that merely share words.
SCORE = "s.push(B(_({},c),{score:a*(1+K(g,2)),terms:f}))"
RANKED = ("s.push(B(_({},c),{score:a*(1+K(g,2))*(1+r.filter(q=>q.term in u.metadata).length/Math.max(r.length,1))"
          "*((m=>{let b=0;for(const x of (m||\"\").split(\"\\n\")){if(x===N0)return 4;"
          "if(x.length>1&&x.length>b&&N.includes(x))b=x.length}return N.length?1+3*b/N.length:1})(this.map.get(o).names)),terms:f}))")
SEARCH = "search(e){if(e=e.replace("
# First the query loses its question words and is split where Chinese meets Latin letters or digits
# (scripts/search/stopwords.py); N: the query as names are compared
SEARCH_MEASURED = ("search(e){let N0=e.toLowerCase().replace(/[^\\p{L}\\p{N}]/gu,\"\");e=" + worker_filter() + "(e);"
                   "let N=e.toLowerCase().replace(/[^\\p{L}\\p{N}]/gu,\"\");if(e=e.replace(")
# A Chinese query is split into words of the index from its first character; one that begins with a
# character no indexed word begins with was searched whole and found nothing (火车站, where 车站 is a
# word). The split starts at the first character that begins a word.
SPLIT = "let i=[0];for(let s=i.length;s>0;)"
SPLIT_FROM_FIRST_WORD = "let i=[Math.max(0,n.findIndex(x=>x>0))];for(let s=i.length;s>0;)"



# Material segments Chinese for its index with zero-width spaces (U+200B) between words, and showed
# them in results: a copied result title carried them (渝黔\u200b350\u200b高铁). Results are shown
# without them.
RESULT = 'c[l]=v(c[l],x,m,l!=="text")}let g=+!c.parent'
RESULT_SHOWN = (r'c[l]=v(c[l],x,m,l!=="text")}for(const l of["title","text"])typeof c[l]=="string"&&'
                r'(c[l]=c[l].replace(/\u200b/g,""));let g=+!c.parent')

PARENT = "o.push(B(_({},a),{score:0,terms:{}}))"   # a section's page, shown above it, though not found itself
PARENT_SHOWN = r'o.push(B(_({},a),{title:String(a.title||"").replace(/​/g,""),score:0,terms:{}}))'

# Chinese queries that find nothing without it: the site would be wrong
KIND = "correctness"

# (what Material wrote, what is published instead, what for): scripts/engine/mends.py applies them
REPLACEMENTS = [(BROKEN, FIXED, "the fix for Chinese queries"),
                (SCORE, RANKED, "the ranking of exact names"),
                (SEARCH, SEARCH_MEASURED, "the ranking of exact names"),
                (SPLIT, SPLIT_FROM_FIRST_WORD, "the split from the first word"),
                (RESULT, RESULT_SHOWN, "results without zero-width spaces"),
                (PARENT, PARENT_SHOWN, "results without zero-width spaces")]
