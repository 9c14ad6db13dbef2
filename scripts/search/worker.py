"""A one-line fix to Material's search worker, applied to the built site.

Before searching, the worker splits each run of Chinese in the query into words of the index
(`fe`). Its inner loop stops one character short of the run (`o<t.length`), so the run's last
character can only be matched by the trailing wildcard the last word gets. A run followed by more
query text loses it: 渝黔350高铁 is searched as 渝350高铁 and finds nothing. Letting the loop reach the
end of the run (`o<=t.length`) keeps whole words whole; every other behaviour is unchanged.
"""
from __future__ import annotations

from pathlib import Path

BROKEN = "for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let s=0;s<t.length;s++)for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


class WorkerChanged(Exception):
    pass


def fix_worker(site: Path) -> None:
    workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise WorkerChanged(f"expected one search worker in {site}, found {len(workers)}")
    text = workers[0].read_text(encoding="utf-8")
    if BROKEN not in text:
        raise WorkerChanged("Material's search worker has changed: review scripts/search/worker.py "
                            "(the fix for Chinese queries) against the new version")
    workers[0].write_text(text.replace(BROKEN, FIXED, 1), encoding="utf-8")
