"""`make bench-search`: how often the page a reader wants comes first, for three engines on the same pages.

Builds the site, then the same generated pages with Material's stock search settings, then indexes the
built site with Pagefind (extended, for Chinese). In headless Chromium it types every query of
tests/search/queries.yaml into each engine's search box and prints, per language: hit@1, hit@5, MRR,
the median ms from the last keystroke to results, and the index size (raw and gzip); then hit@1 per
kind of query (names as written, traditional characters, pinyin, names without punctuation, the
other language's names, what a thing is).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

import yaml

from scripts.build import REPO, build
from scripts.report import Report
from tools.searchbox import material, pagefind, rank, zensical

QUERIES = REPO / "tests" / "search" / "queries.yaml"
# Queries the ranking has never been tuned on, written by someone who had not read the search code:
# measured (--queries), never tuned on. When they are tuned on, they move into queries.yaml and a new
# held-out set is written, so that there is always a measure of queries the search has not seen.
HELD_OUT = REPO / "tests" / "search" / "held-out.yaml"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGEFIND_LANG = {"zh": "zh-hans", "en": "en"}   # the names of Pagefind's files per language (html lang)
PAGEFIND_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<link href="{root}pagefind/pagefind-ui.css" rel="stylesheet"><script src="{root}pagefind/pagefind-ui.js"></script>
</head><body><div id="search"></div>
<script>new PagefindUI({{element: "#search", showSubResults: true, showImages: false}});</script></body></html>"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def size(files) -> tuple[int, int]:
    raw = b"".join(Path(f).read_bytes() for f in files)
    return len(raw), len(gzip.compress(raw, 9))


def build_zensical(work: Path, out: Path) -> None:
    """The pages our build generated, built by Zensical from the same mkdocs.yml (docs/ENGINE.md: a
    trial of the way out of Material 9, not a migration). Zensical wants both folders inside the
    project, given relative to it."""
    zensical = Path(sys.executable).with_name("zensical")
    for lang in ("zh", "en"):
        env = {**os.environ, "DOCS_DIR": os.path.relpath(work / "docs" / lang, REPO),
               "OUT_DIR": os.path.relpath(out / lang if lang == "en" else out, REPO),
               "JIEBA_USER_DICT": os.path.relpath(work / "jieba-user.txt", REPO)}
        config = "mkdocs.en.yml" if lang == "en" else "mkdocs.yml"
        subprocess.run([str(zensical), "build", "-f", config], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def build_stock(work: Path, out: Path) -> None:
    """The pages our build generated, built again with a plain `search` plugin."""
    for lang in ("zh", "en"):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOCS_DIR": str(work / "docs" / lang), "OUT_DIR": str(out / lang if lang == "en" else out)}
        cfg = REPO / "bench" / f"mkdocs.stock.{lang}.yml"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(cfg)], cwd=REPO, env=env, check=True)


def build_pagefind(site: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--quiet"], check=True)
    (out / "pagefind-bench.html").write_text(PAGEFIND_PAGE.format(lang="zh-Hans", root=""), encoding="utf-8")
    (out / "en" / "pagefind-bench.html").write_text(PAGEFIND_PAGE.format(lang="en", root="../"), encoding="utf-8")


def run_queries(browser, url: str, engine, queries, prefix: str, misses: list) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_timeout(800)
    box = engine(page, url)
    ranks, times = [], []
    for q in queries:
        results, ms = box.search(q["q"])
        r = rank(results, q["expect"], prefix)
        ranks.append(r)
        times.append(ms)
        if r != 1:
            misses.append((f'{q["q"]} [{kind_of(q)}]', r, [links[:2] for links in results[:3]]))
    page.close()
    n = len(queries)
    kinds = {}
    for q, r in zip(queries, ranks, strict=True):
        kinds.setdefault(kind_of(q), []).append(r == 1)
    return {"queries": n, "hit@1": sum(r == 1 for r in ranks) / n, "hit@5": sum(r is not None and r <= 5 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n,
            "median_ms": statistics.median([t for t in times if t == t] or [float("nan")]),
            "kinds": {k: {"queries": len(hits), "hit@1": sum(hits) / len(hits)} for k, hits in sorted(kinds.items())}}


def kind_of(query: dict) -> str:
    """What sort of reader input a query stands for (queries.yaml): a name as the site writes it
    unless it says otherwise."""
    return query.get("kind", "name")


def _sub(lang: str) -> str:
    return "en" if lang == "en" else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=REPO / "build" / "bench-search", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the queries each engine did not put first")
    parser.add_argument("--only", choices=["ours", "stock", "pagefind", "zensical"], action="append",
                        help="run only these engines (while tuning); the default runs ours, stock and Pagefind")
    parser.add_argument("--queries", default=QUERIES, type=Path,
                        help=f"the query file (default {QUERIES.relative_to(REPO)}; the held-out set: {HELD_OUT.relative_to(REPO)})")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))

    print("building the site, the stock-search site and the Pagefind index …", file=sys.stderr)
    only = set(args.only or ["ours", "stock", "pagefind"])
    build(REPO / "data", out / "ours", out / "work", report=Report(quiet=True))
    if "stock" in only:
        build_stock(out / "work", out / "stock")
    if "pagefind" in only:
        build_pagefind(out / "ours", out / "pagefind")
    if "zensical" in only:
        build_zensical(out / "work", out / "zensical")

    def sizes_of(name, files):
        return {lang: size(files(lang)) for lang in ("zh", "en")} if name in only else {}

    sizes = {
        "this site": sizes_of("ours", lambda lang: [out / "ours" / _sub(lang) / "search" / "search_index.json"]),
        "stock Material": sizes_of("stock", lambda lang: [out / "stock" / _sub(lang) / "search" / "search_index.json"]),
        "Pagefind extended": sizes_of("pagefind", lambda lang: [
            f for f in (out / "pagefind" / "pagefind").rglob("*") if f.is_file() and f"{PAGEFIND_LANG[lang]}_" in f.name]),
        "Zensical": sizes_of("zensical", lambda lang: [out / "zensical" / _sub(lang) / "search.json"]),
    }

    from playwright.sync_api import sync_playwright
    engines = [e for e in [("this site", "ours", material, ""), ("stock Material", "stock", material, ""),
                           ("Pagefind extended", "pagefind", pagefind, "pagefind-bench.html"),
                           ("Zensical", "zensical", zensical, "")] if e[1] in only]
    report = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        for name, folder, engine, start in engines:
            print(f"querying {name} …", file=sys.stderr)
            server, base = serve(out / folder)
            for lang in ("zh", "en"):
                if not queries.get(lang):   # an empty list: the held-out set between two sets
                    continue
                prefix = "en/" if lang == "en" else ""
                misses = []
                report[(name, lang)] = run_queries(browser, base + prefix + start, engine, queries[lang], prefix, misses)
                report[(name, lang)]["misses"] = misses
            server.shutdown()
        browser.close()

    print(f"{'engine':<18} {'lang':<4} {'queries':>7} {'hit@1':>6} {'hit@5':>6} {'MRR':>6} {'median ms':>9} {'index KB':>9} {'gzip KB':>8}")
    for (name, lang), r in report.items():
        raw, gz = sizes[name][lang]
        print(f"{name:<18} {lang:<4} {r['queries']:>7} {r['hit@1']:>6.2f} {r['hit@5']:>6.2f} {r['mrr']:>6.2f} "
              f"{r['median_ms']:>9.1f} {raw / 1024:>9.1f} {gz / 1024:>8.1f}")
    kinds = sorted({k for r in report.values() for k in r["kinds"]})
    print(f"\nhit@1 per kind of query (queries in brackets)\n{'engine':<18} {'lang':<4} " + " ".join(f"{k:>16}" for k in kinds))
    for (name, lang), r in report.items():
        cells = [f"{r['kinds'][k]['hit@1']:.2f} ({r['kinds'][k]['queries']})" if k in r["kinds"] else "-" for k in kinds]
        print(f"{name:<18} {lang:<4} " + " ".join(f"{c:>16}" for c in cells))
    if args.misses:
        for (name, lang), r in report.items():
            for q, rk, top in r["misses"]:
                print(f"miss  {name} {lang}: {q!r} rank={rk} top={top}")
    (out / "results.json").write_text(json.dumps({f"{n}/{l}": {k: v for k, v in r.items() if k != "misses"}
                                                  for (n, l), r in report.items()}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
