"""A one-line fix to Material's search worker, applied while MkDocs builds (scripts/mkdocs_hooks.py).

Before searching, the worker splits each run of Chinese in the query into words of the index
(`fe`). Its inner loop stops one character short of the run (`o<t.length`), so the run's last
character can only be matched by the trailing wildcard the last word gets. A run followed by more
query text loses it: 渝黔350高铁 is searched as 渝350高铁 and finds nothing. Letting the loop reach the
end of the run (`o<=t.length`) keeps whole words whole; every other behaviour is unchanged.

The mended worker gets a name of its own (the hash of its new content), so a server may cache it
forever like Material's other hashed files without ever serving the unmended one under that name.
"""
from __future__ import annotations

import hashlib
import re

BROKEN = "for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let s=0;s<t.length;s++)for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
NAME = re.compile(r"search\.[0-9a-f]{8}\.min\.js")


class WorkerChanged(Exception):
    pass


def mend(text: str) -> str:
    if BROKEN not in text:
        raise WorkerChanged("Material's search worker has changed: review scripts/search/worker.py "
                            "(the fix for Chinese queries) against the new version")
    return text.replace(BROKEN, FIXED, 1)


def mended_name(text: str) -> str:
    return f"search.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.js"
