"""Fixes to Material's search worker, applied while MkDocs builds (scripts/engine/mends.py).

Before searching, the worker splits each run of Chinese in the query into words of the index
(`fe`). Its inner loop stops one character short of the run (`o<t.length`), so the run's last
character can only be matched by the trailing wildcard the last word gets. A run followed by more
query text loses it: 渝黔350高铁 is searched as 渝350高铁 and finds nothing. Letting the loop reach the
end of the run (`o<=t.length`) keeps whole words whole. The split also starts at the first character
that begins an index word, and results are ranked so that the record named comes first (below).
"""
from __future__ import annotations

import json

from scripts.search.stopwords import EN as STOP_EN
from scripts.search.stopwords import worker_filter

BROKEN = "for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let s=0;s<t.length;s++)for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


# Ranking. With a trailing wildcard, lunr scores every index word that merely begins with what was
# typed, each by its own rarity, so a record with long, rare words extending the query outranks the
# one whose name it is: 遵义 found 遵义会议会址 before 遵义市. And a question's own words (建好, 通车,
# "take") or a common one (綦江) found pages that share them before the record the question names. So
# a result's score is multiplied by (1 + the share of the query's words it holds exactly), and most by
# how much of the query the record's names cover (`names`, written into the index by
# scripts/search/keys.py: its names in every form, its short names, the names of its parts): the
# query, after its stop words, is cut into pieces a reader writes whole (each Latin word or number,
# any two or more Chinese characters), and a piece counts where it is in one of the names. A number
# counts only with the letters or characters next to it (1000床 is not 1000亿), and its unit only with
# it (200km/h is not the 350 km/h of another line). Then, for records covered alike, by how much of
# the query one name covers times how much of that name it covers (遵义 is all of 遵义市, a third of
# 遵义会议会址; 蟠龙抽水蓄能电站 all of phase I's name, most of phase II's). A query that is one of its
# names counts most. The words a question adds (什么时候,
# 建好, "take") are in no record's names, so they change nothing between records.
# Two kinds of piece count only beside another piece the same record's names hold: what a thing is
# (names marked "~" in the index: 铁路, 公路, road, gathered once from every record, so that 铁路货运
# or 农村公路 is not taken for 渝贵铁路 or 万梨公路, whose names merely hold the kind, while 转关口logistics
# park still counts all of itself), and a year of its history (a number alone names nothing, but
# 綦江页岩油2025 asks for the well's 2025 event); a number alone is never a whole query's match.
# And an event named after a document (渝黔签署合作框架协议) carries that document's names marked "^": a
# piece of the query one of them holds counts for the event only beside a piece that is the event's
# alone (签署, its date), and the query typed as one of them is no whole match of the event's, so the
# reader who types the document's name (渝黔合作框架协议) gets the document first.
# Names marked "!" (a task by its theme and the word task: 中心城市任务) count only as the whole query:
# the theme alone is no nearer the task than it was. Lines marked "+" are text, not names (below).
# A section after a record on its page (its history, its excerpts) is ranked with that record's names:
# it is the record's text (PHRASED notes the record as the section's __owner).
SCORE = "s.push(B(_({},c),{score:a*(1+K(g,2)),terms:f}))"
RANKED = ("s.push(B(_({},c),{score:a*(1+K(g,2))*(1+r.filter(q=>q.term in u.metadata).length/Math.max(r.length,1))"
          "*__named((this.map.get(o).__owner||this.map.get(o)).names)*__phrased(this.map.get(o)),terms:f}))")
# how much weight being named carries against lunr's score, whose matches in a record's keys or title
# are boosted a hundredfold over its text: being named must outweigh that
NAMED_WEIGHT = 8
# A question about what a section of the plan says (渝黔先行示范区范围按什么思路确定的, how far back does
# Chongqing–Guizhou cooperation go) names no record: its words are the section's own text (按照…的思路
# 确定; traced back as far as), which its heading (实施范围, Roots) does not hold. The plan's sections
# carry their own text in `names`, marked "="; for a question (a query with a question word), a
# section's score is also multiplied by e^(SAID_WEIGHT × the share of the query its text holds beyond
# what its names hold: each Latin word as a word of the text, each run of Chinese in pieces of two
# characters or more). Other records, and queries that ask nothing, are ranked as before. It weighs
# more than a name (NAMED_WEIGHT): lunr scores a section's heading, all its names hold, a thousand
# times its text, so a record whose title holds the question's words came first (实施范围 is the heading
# of the text that answers, 先行示范区范围涉及…的区县 a figure's title); on the query sets, 12 moves the
# sections that answer first and no other query (16 took two others' places).
SAID_WEIGHT = 12
ASKED = r"/[什么哪何几多怎吗呢啥]|\b(?:what|whats|when|where|which|who|whom|whose|why|how)\b|[?？]/i"
NAMED = """(N0,e,KINDS,N0raw)=>{
  const W=e.toLowerCase().split(/[^\\p{L}\\p{N}]+/u).filter(Boolean),N=W.join(""),L=N.length;
  const kind=c=>/[\\u3400-\\u9fff]/.test(c)?0:/\\d/.test(c)?1:2;
  const cut=new Set([0]);let p=0;
  for(const w of W){for(let i=1;i<w.length;i++){const a=kind(w[i-1]);if(a===0||(a!==kind(w[i])&&a!==1))cut.add(p+i)}p+=w.length;cut.add(p)}
  const cuts=[...cut].sort((a,b)=>a-b),seen=new Map(),asked=ASKED.test(N0raw);
  // a question: how much of the query, beyond what the names hold (held), a section's own text says
  const said=(texts,held)=>{let c=0;
    for(const t of texts){const words=new Set(t.split(" ")),han=t.replace(/ /g,"");let p=0;
      for(const w of W){
        if(!/[\\u3400-\\u9fff]/.test(w)){if(words.has(w))for(let i=p;i<p+w.length;i++)held[i]||(held[i]=2)}
        else for(let i=0;i<w.length;){let j=i+2;if(j>w.length||!han.includes(w.slice(i,j))){i++;continue}
          while(j<w.length&&han.includes(w.slice(i,j+1)))j++;for(let k=p+i;k<p+j;k++)held[k]||(held[k]=2);i=j}
        p+=w.length}}
    for(let i=0;i<L;i++)c+=held[i]===2;return c};
  // U: the positions of the query that the names of the record named best hold (below: the phrases)
  const U=new Uint8Array(L);let best=0;
  const f=m=>{
    if(!m)return 1;
    if(seen.has(m))return seen.get(m);
    const lines=m.split("\\n"),names=lines.filter(x=>!"~^=!+".includes(x[0])),after=lines.filter(x=>x[0]==="^").map(x=>x.slice(1)),whole=lines.filter(x=>x[0]==="!").map(x=>x.slice(1));let v;
    const theirs=P=>after.some(y=>y.includes(P));
    if(!/^\\d+$/.test(N)&&(names.includes(N0)||names.includes(N)||whole.includes(N0)||whole.includes(N))&&!after.includes(N0)&&!after.includes(N)){v=Math.exp(2*WEIGHT);if(v>best){best=v;U.fill(1)}}
    else{
      const all=new Uint8Array(L),also=new Uint8Array(L);let held=0,heldAlso=0;
      for(const x of names){
        const mine=new Uint8Array(L),more=new Uint8Array(L);
        for(const i of cuts){
          let j=i+1;while(j<=L&&x.includes(N.slice(i,j)))j++;
          for(let k=j-1;k>=i+2;k--)if(cut.has(k)){const P=N.slice(i,k),d=/^\\d+$/.test(P);
            if(!d||names.includes(P))(d||KINDS.has(P)||theirs(P)?more:mine).fill(1,i,k);break}
        }
        let n=0,m=0;for(let i=0;i<L;i++){if(mine[i]){n++;all[i]=1}if(mine[i]||more[i]){m++;also[i]=1}}
        held=Math.max(held,n*n/(x.length*L));heldAlso=Math.max(heldAlso,m*m/(x.length*L));
      }
      let n=0,m=0;for(let i=0;i<L;i++){n+=all[i];m+=also[i]}
      if(n)[n,held]=[m,heldAlso];
      v=Math.exp(WEIGHT*(n/Math.max(L,1)+held/2));
      if(v>best){best=v;U.set(all)}
      if(asked)v*=Math.exp(SAID*said(lines.filter(x=>x[0]==="=").map(x=>x.slice(1)),all)/Math.max(L,1));
    }
    seen.set(m,v);return v};
  f.U=U;return f}""".replace("WEIGHT", str(NAMED_WEIGHT)).replace("SAID", str(SAID_WEIGHT)).replace("ASKED", ASKED)
# A query copied from what the site says (a figure with its number and unit, 重庆城镇化率70.96%; a
# phrase of a description, a note, an event or a source's excerpt, 人才资质互认, "joint regional control
# of air pollution") names no record, or names one only in part: its other words are common, each
# alone, and lunr scores them apart, so a record whose title holds one of them came first. Such a
# query's words stand together in the text that holds the fact. So a result's score is also
# multiplied by e^(PHRASE_WEIGHT × Σ u² / L²), L the query's length: a run is a stretch of the query
# found as one stretch in the result's title and text, at least three characters and two pieces long
# (Chinese characters, Latin words, numbers with what is next to them; not digits alone, nor one word,
# which lunr weighs already), and u is how much of it the names of the record named best do not hold:
# what names explain is the names' to rank, so the record the query names keeps its lead, and a source
# that repeats its name beside the fact gains only for the fact (蟠龙抽水蓄能电站全面投产: 全面投产, as the
# record's own history). Digits count only beside other words the names do not hold (綦江2019-2021行动计划
# is a document's name and years, not a phrase of the plan's text that prints them). The text is
# compared as the names are (lower case, without spaces, punctuation, the English stop words or 的
# between Chinese), so that what the text writes apart (“十五五”规划纲要; an urbanisation rate of 70.96%)
# does not break a run. Squared, one run of the whole query counts 1, two halves 1/2, scattered words
# almost nothing: the text that says the query whole, or nearly, comes first. A record's text is its
# entry's and its page's sections after it (its history, its sources' quotes) up to the next record,
# so the record whose history says the fact is not beaten by the timeline that repeats it. On the
# query sets 36 answered most of the fourth held-out set's copied facts and cost two tuned queries
# (whose words another page's text holds together too); at 28 it answers fewer and costs the same,
# at 54 and above tuned questions go to sources and the timeline. The search index does not grow: the
# text is the index's own.
PHRASE_WEIGHT = 36
# The text is also compared with the quoted term's gloss in brackets left out (“渝黔黔北” (Chongqing–
# northern Guizhou) may be a misprint), and with the quotes printed in traditional characters or with
# readings (綦江區（qū）) as keys.py gives them in simplified ("+" lines of `names`). And a fact asked in
# other words' order or forms (wansheng qijiang 2011 merger: the merger of 2011; ranked, counties)
# counts as a phrase of the length of the query's Latin words and numbers that one sentence of the
# text holds, compared without 's and the endings of plurals and tenses, beyond what the names hold
# (two words at least, one of them no number, and no word of what a thing is: road, reservoir), at
# SENTENCE_WEIGHT: the larger of the two counts. On the query set 24 answers most; 12 and 18 fewer,
# 36 loses a query whose words another page's sentence holds.
SENTENCE_WEIGHT = 24
PHRASED = """((e,STOP,named,docs,KINDS)=>{
  const W=e.toLowerCase().split(/[^\\p{L}\\p{N}]+/u).filter(Boolean),N=W.join(""),L=N.length;
  const kind=c=>/[\\u3400-\\u9fff]/.test(c)?0:/\\d/.test(c)?1:2;
  const cut=new Set([0]);let p=0;
  for(const w of W){for(let i=1;i<w.length;i++){const a=kind(w[i-1]);if(a===0||(a!==kind(w[i])&&a!==1))cut.add(p+i)}p+=w.length;cut.add(p)}
  const cuts=[...cut].sort((a,b)=>a-b);
  const words=s=>s.toLowerCase().split(/[^\\p{L}\\p{N}]+/u).filter(w=>w&&!STOP.has(w)).join("").replace(/([\\u3400-\\u9fff])的(?=[\\u3400-\\u9fff])/g,"$1");
  // and, where a quoted term is glossed in brackets after it (“渝黔黔北” (Chongqing–northern Guizhou) may
  // be a misprint), once more without the gloss
  const GLOSS=/([”"])\\s*[(（][^()（）]*[)）]/g;
  const flat=d=>{const s=(String(d.title||"")+" "+String(d.text||"")).replace(/<[^>]*>/g," ");
    return /[”"]\\s*[(（]/.test(s)?words(s)+" "+words(s.replace(GLOSS,"$1 ")):words(s)};
  // English words as a sentence's words are compared with a query's: without 's and the endings of
  // plurals and tenses (borders, counties, drafting, ranked)
  const stem=w=>w.length<5||/ss$/.test(w)?w:/ies$/.test(w)?w.slice(0,-3)+"y":w.replace(/(?:ing|ed|s)$/,"");
  // the sentences of a text, each as the set of its words
  const sentences=d=>String(d.text||"").replace(/<\\/?(?:p|li|ul|ol|dd|dt|dl|h\\d|div|tr|td|th|table|blockquote)\\b[^>]*>/gi,"\\n")
    .replace(/<[^>]*>/g," ").replace(/[’']s\\b/g,"").split(/[.;!?。；！？](?=\\s|$)|\\n/)
    .map(x=>new Set(x.toLowerCase().split(/[^\\p{L}\\p{N}]+/u).filter(Boolean).map(stem))).filter(x=>x.size>1);
  // a record's text: its entry's and that of the sections after it on its page up to the next record
  // (its history, its sources), once per index
  if(docs.length&&docs[0].__said===undefined){let r=null;
    for(const d of docs){d.__said=flat(d);d.__sent=sentences(d);const page=d.location.split("#")[0];
      // and its quotes printed in traditional characters or with readings, as a reader types them ("+")
      if(d.names)for(const x of d.names.split("\\n"))x[0]==="+"&&(d.__said+=" "+words(x.slice(1)));
      if(d.names){r=d;r.__page=page}else if(r&&r.__page===page){r.__said+=" "+d.__said;r.__sent=r.__sent.concat(d.__sent);d.__owner=r}else r=null}}
  // the query's Latin words and numbers, where they stand in it
  const QW=[];p=0;for(const w of W){/[\\u3400-\\u9fff]/.test(w)||QW.push([stem(w.replace(/[’']s$/,"")),p,w.length,/^\\d+$/.test(w),!!KINDS&&KINDS.has(w)]);p+=w.length}
  let U=null,QX=null;
  return d=>{
    if(!d||L<3)return 1;
    if(!U){for(const x of docs)named(x.names);U=named.U;
      // the words that may count in a sentence: not what a thing is, nor held by the names
      QX=QW.filter(([w,at,len,digits,kind])=>!kind&&!U.slice(at,at+len).every(Boolean))}
    const T=d.__said||"";let s=0;
    for(let c=0;c<cuts.length-1;){const i=cuts[c];
      let j=i+1;while(j<=L&&T.includes(N.slice(i,j)))j++;
      let k=-1,n=0;for(let x=j-1;x>i;x--)if(cut.has(x)){if(k<0)k=x;n++}
      if(k<0||n<2||k-i<3||/^\\d+$/.test(N.slice(i,k))){c++;continue}
      let u=0,w=0;for(let x=i;x<k;x++)if(!U[x]){u++;w+=kind(N[x])!==1}w&&(s+=u*u);while(c<cuts.length&&cuts[c]<k)c++}
    // the query's words that the names do not hold, in one sentence of the text, in any order and form
    let b=0;
    if(QX.length>1)for(const S of d.__sent||[]){let u=0,n=0,m=0;
      for(const [w,,len,digits] of QX)if(S.has(w)){u+=len;n++;m+=!digits}
      n>1&&m&&u>b&&(b=u)}
    return Math.exp(Math.max(PHRASE_WEIGHT*s,SENTENCE_WEIGHT*b*b)/(L*L))}})""".replace("PHRASE_WEIGHT", str(PHRASE_WEIGHT)).replace("SENTENCE_WEIGHT", str(SENTENCE_WEIGHT))
SEARCH = "search(e){if(e=e.replace("
# First the query loses its question words and is split where Chinese meets Latin letters or digits
# (scripts/search/stopwords.py); N0: the query as typed, as names are compared
# Then letters run into digits that begin no word of the index (GDP2022, where GDP and 2022 are
# words) are looked up apart; 5G or Qiluye1 stay whole where the index has them.
SPLIT_NUMBERS = ("e=e.replace(/[a-z]+\\d[a-z\\d]*|\\d+[a-z][a-z\\d]*/gi,t=>{const x=t.toLowerCase();"
                 "for(const k in this.index.invertedIndex)if(k.startsWith(x))return t;"
                 "return t.replace(/([a-z])(?=\\d)|(\\d)(?=[a-z])/gi,\"$1$2 \")});")
SEARCH_MEASURED = ("search(e){const Q0=e;let N0=e.toLowerCase().replace(/[^\\p{L}\\p{N}]/gu,\"\");e=" + worker_filter() + "(e);"
                   "const __named=(" + NAMED + ")(N0,e,this.__kinds||(this.__kinds=new Set([...this.map.values()].flatMap("
                   "d=>String(d.names||\"\").split(\"\\n\").filter(x=>x[0]===\"~\").map(x=>x.slice(1))))),Q0);const __phrased=" + PHRASED + "(e,new Set(" + json.dumps(sorted(set(STOP_EN))) + "),__named,[...this.map.values()],this.__kinds);"
                   + SPLIT_NUMBERS + "if(e=e.replace(")
# A Chinese query is split into words of the index from its first character; one that begins with a
# character no indexed word begins with was searched whole and found nothing (火车站, where 车站 is a
# word). The split starts at the first character that begins a word.
SPLIT = "let i=[0];for(let s=i.length;s>0;)"
SPLIT_FROM_FIRST_WORD = "let i=[Math.max(0,n.findIndex(x=>x>0))];for(let s=i.length;s>0;)"


# It then walks from word to word, and stopped at a character that begins no word: 綦江那口页岩油井 was
# searched as 綦江 alone. The walk goes on from the next character that begins one.
WALK = "let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a),r.add(t.slice(o,a))"
WALK_ON = "let a=o+n[o],b=a;while(b<t.length&&!n[b])b++;n[b]&&b<t.length-1&&(i[s++]=b),r.add(t.slice(o,a))"

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
                (WALK, WALK_ON, "the split past characters that begin no word"),
                (RESULT, RESULT_SHOWN, "results without zero-width spaces"),
                (PARENT, PARENT_SHOWN, "results without zero-width spaces")]
