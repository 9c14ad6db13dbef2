"""The search's own stop words: what readers type around a name when they ask a question
(什么时候…, …在哪里, "when will … open"), which says nothing about which record they want and, scored
against the index, outweighed the name (the record came ninth). The search worker drops them from a
query before matching it (scripts/engine/worker.py), and splits a query where Chinese runs into Latin
letters or digits (綦江IDC, Zaodu水库), which it would otherwise look up as one word that no record has.

A stop word is never a word of a record's name, except the English function words that the index
drops anyway (lunr's own stop words: of, the, when …): tests/test_search_keys.py checks it against
the data, so a name such as Long March, Big Data or China News Service is never emptied.
"""
from __future__ import annotations

import json

# Chinese: question words and filler, as phrases; dropped wherever they stand in the query, the
# longest first. No single character that names use (能, 会, 在, 的 …) is here: those go only as the
# last character of a question (below).
ZH = [
    "什么时候", "什么时间", "啥时候", "哪一年", "哪一天", "哪年", "哪天", "何时", "几时", "多久",
    "在哪里", "在哪儿", "在哪", "哪里", "哪儿", "什么地方", "位于何处",
    "是什么", "是啥", "为什么", "为何", "为啥", "有啥", "什么", "啥", "哪些", "哪个", "有没有", "了没有", "了没", "了吗", "没有",
    "怎么样", "怎样", "怎么", "进展如何", "进展情况", "最新进展", "情况如何", "现状",
    "有多少", "有多大", "有多长", "多少", "多大", "多长", "多高", "几个", "一共", "总共",
    "请问", "现在", "目前", "到底", "那个", "这个", "能不能", "可以",
]
# the particles that end a Chinese question (通车了吗, 建好了没, 哪年开的)
ZH_FINAL = "吗呢吧啊呀么没了的？?"
# 的 between two words (江苏的医院): dropped, so the words around it meet (江苏医院). Some titles hold
# it; a reader who types such a title whole still has it compared whole (the worker keeps the query
# as typed for that).
ZH_BETWEEN = "的"

# English: question words, auxiliaries and function words. Not "long" (Long March), "big" (Big Data),
# "new" (New Western Land-Sea Corridor) or "open": words of names, or what a reader asks about.
EN = [
    "what", "whats", "what's", "when", "where", "wheres", "where's", "which", "who", "whom", "whose", "why", "how",
    "is", "are", "was", "were", "be", "been", "being", "will", "would", "shall", "should", "can", "could", "may",
    "might", "must", "do", "does", "did", "done", "has", "have", "had",
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "into", "and", "or",
    "it", "its", "it's", "this", "that", "these", "those", "there", "here", "i", "me", "my", "we", "our", "you",
    "your", "they", "their", "them", "any", "some", "much", "many", "yet", "now", "still", "already", "ever",
    "please", "tell", "show", "find", "status", "latest", "so", "far",
]

STOP = {"zh": ZH, "en": EN}


def worker_filter() -> str:
    """The JavaScript the search worker runs on a query before anything else: split Chinese from
    Latin letters and digits, drop the stop words of both languages (a reader types either in
    either site), and keep the query as typed if nothing would be left."""
    phrases = json.dumps(sorted(ZH, key=len, reverse=True), ensure_ascii=False)
    words = json.dumps(sorted(set(EN)), ensure_ascii=False)
    final = json.dumps(ZH_FINAL, ensure_ascii=False)
    return ("(q=>{let t=q.replace(/([\\u3400-\\u9fff])(?=[A-Za-z0-9])|([A-Za-z0-9])(?=[\\u3400-\\u9fff])/g,\"$1$2 \");"
            f"for(const p of {phrases})t=t.split(p).join(\" \");"
            f"t=t.replace(/([\\u3400-\\u9fff]){ZH_BETWEEN}(?=[\\u3400-\\u9fff])/g,\"$1\");"
            f"const F={final},S=new Set({words});"
            "let w=t.split(/\\s+/).map(x=>{while(x.length>1&&/[\\u3400-\\u9fff？?]/.test(x)&&F.includes(x[x.length-1]))x=x.slice(0,-1);"
            "return x}).filter(x=>x&&!F.includes(x)&&!S.has(x.toLowerCase().replace(/[?？!！.,，。]+$/,\"\")));"
            "return w.length?w.join(\" \"):q})")
