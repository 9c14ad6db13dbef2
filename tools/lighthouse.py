"""`make lighthouse`: Lighthouse's mobile scores for one page of each kind, in both languages, as
deployed (the built site with its .gz/.br copies, served by deploy/nginx.conf in nginx), in the
system Chromium. Prints each page's four category scores and its cumulative layout shift, and
writes them to bench/lighthouse.json. Goal: at least 95 in every category on every kind of page.

Each page is audited --runs times (5 unless told) and its median run is reported, as Lighthouse's
own documentation advises (docs/variability.md: the median of 5 runs is twice as stable as one):
on this 2-core VM one page's performance score moves by up to 18 points between runs, always
through total blocking time, and about one single run in ten dips below 95. With three runs a page
fails whenever two of them dip, which happened to two pages or more in both full runs of three.
Every run's performance score and Lighthouse's benchmark index (the machine's speed at that moment)
are kept in the JSON, the scores are printed, and the largest layout shift of any run is reported,
not the median's. Nothing else should run on the machine meanwhile: a browser test beside it took
one run of the home page to 71.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import dataset, urlscheme
from scripts.build import REPO, build
from scripts.report import Report
from tools.nginx_site import serve

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# one page of each kind (the generated pages and the hand-written one), and the 404 page (asked for by
# its own address: Lighthouse will not audit a response with status 404)
PAGES = urlscheme.one_of_each_kind(dataset.load(REPO / "data").collections)


def audit(url: str) -> dict:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--output=json", "--quiet", f"--only-categories={','.join(CATEGORIES)}",
             f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={profile}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    scores["cls"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    scores["benchmark_index"] = round(report["environment"]["benchmarkIndex"])
    # the weighted audits under 0.9: where a category's points were lost
    weighted = {ref["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"] if ref["weight"]}
    scores["failing"] = sorted(a for a in weighted if report["audits"][a]["score"] is not None
                               and report["audits"][a]["score"] < 0.9)
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=REPO / "build" / "lighthouse", type=Path)
    parser.add_argument("--pages", nargs="*", help="only these page paths (default: one of each kind)")
    parser.add_argument("--runs", type=int, default=5, help="audits of each page; its median run is reported")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: run `npm ci` (make test and make lighthouse do)")
    out = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    print("building the site …", file=sys.stderr)
    build(REPO / "data", out / "site", out / "work", report=Report(quiet=True))
    subprocess.run([sys.executable, "-m", "scripts.dist", "--site", str(out / "site")], check=True, cwd=REPO)
    results = {}
    with serve(out / "site", out / "nginx") as base:
        for lang in ("zh", "en"):
            for page in args.pages or PAGES:
                path = ("en/" if lang == "en" else "") + page
                runs = sorted((audit(f"{base}/{path}") for _ in range(args.runs)), key=lambda r: r["performance"])
                r = results[path] = {**runs[(len(runs) - 1) // 2],   # the median run (the lower one of an even count)
                                     "performance_runs": [run["performance"] for run in runs],
                                     "benchmark_index_runs": [run["benchmark_index"] for run in runs],
                                     "cls": max(run["cls"] for run in runs)}
                print(f"{'/' + path:<40} " + " ".join(f"{r[c]:>4}" for c in CATEGORIES) + f"  CLS {r['cls']:.3f}"
                      + f"  runs {'/'.join(str(p) for p in r['performance_runs'])}"
                      + (f"  below 90: {', '.join(r['failing'])}" if r["failing"] else ""), flush=True)
    worst = {c: min(r[c] for r in results.values()) for c in CATEGORIES}
    print("lowest: " + ", ".join(f"{c} {v}" for c, v in worst.items())
          + f"; largest CLS {max(r['cls'] for r in results.values()):.3f}")
    if not args.pages:   # a run of some pages (checking a change) leaves the full run's figures alone
        (REPO / "bench").mkdir(exist_ok=True)
        (REPO / "bench" / "lighthouse.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
