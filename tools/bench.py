"""`make bench`: how the build's cost grows with the data, against stock MkDocs Material.

Builds the real data and ×10 and ×100 synthetic datasets (scripts/synth.py) with `make build`, then
the same generated Markdown with stock Material two ways: every page in the sidebar (×10 only: its
cost grows with pages × pages) and the record pages left out (×100). Prints, per build: pages,
wall seconds, ms per page, peak memory of the whole process tree, and the search index per
language (raw and gzip); then how long `make serve` takes to show a one-field YAML edit. Our
builds are cold (nothing kept from an earlier build). Writes everything to bench/results.json.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import yaml

from scripts.build import REPO
from scripts.render import LANGS

OUT = REPO / "bench" / "out"
STOCK = REPO / "bench" / "mkdocs.stock-build.yml"


def _tree_pss_kb(root: int) -> int:
    """Memory of a process and all its descendants, from /proc: each one's proportional share (Pss),
    so that pages forked workers share with their parent are counted once, not once per process."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += int(rollup.split("\nPss:")[1].split()[0]) if "\nPss:" in rollup else 0
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


def run_measured(commands: list[tuple[list[str], dict]]) -> tuple[float, float]:
    """Run commands one after the other; (wall seconds, peak MB of any one command's process tree)."""
    peak, started = 0, time.monotonic()
    for argv, env in commands:
        proc = subprocess.Popen(argv, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        samples = []
        done = threading.Event()

        def sample(done=done, samples=samples, proc=proc):
            while not done.is_set():
                samples.append(_tree_pss_kb(proc.pid))
                time.sleep(0.2)   # reading smaps_rollup walks page tables: often enough, not a burden
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, err = proc.communicate()
        done.set()
        sampler.join()
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed:\n{err}")
        peak = max(peak, max(samples, default=0))
    return time.monotonic() - started, peak / 1024


def figures(site: Path, wall: float, peak_mb: float, scale: int) -> dict:
    pages = sum(1 for _ in site.rglob("*.html"))
    index, index_gz = {}, {}
    for lang in LANGS:
        raw = (site / ("en/" if lang == "en" else "") / "search" / "search_index.json").read_bytes()
        index[lang] = round(len(raw) / 1024)
        index_gz[lang] = round(len(gzip.compress(raw, 9)) / 1024)
    return {"scale": scale, "pages": pages, "wall_s": round(wall, 1), "ms_per_page": round(wall * 1000 / pages, 2),
            "peak_rss_mb": round(peak_mb), "index_kb": index, "index_gz_kb": index_gz}


def dataset_at(scale: int) -> Path:
    if scale == 1:
        return REPO / "data"
    out = OUT / f"x{scale}" / "data"
    subprocess.run([sys.executable, "-m", "tools.synth", "--scale", str(scale), "--out", str(out)], cwd=REPO,
                   check=True, stdout=subprocess.DEVNULL)
    return out


def ours(scale: int) -> dict:
    """A cold build: the work folder, with the compiled templates and QR codes that builds keep
    between them, is emptied first. The real data is then built again as an editor rebuilds it
    (`rebuild_s`)."""
    data, here = dataset_at(scale), OUT / f"x{scale}"
    site = here / "site"
    if (here / "work").exists():
        shutil.rmtree(here / "work")
    build = ([sys.executable, "-m", "scripts.build", "-q", "--data", str(data), "--site", str(site),
              "--work", str(here / "work")], {})
    wall, peak = run_measured([build])
    found = figures(site, wall, peak, scale)
    if scale == 1:
        found["rebuild_s"] = round(run_measured([build])[0], 1)
    return found


def _lean_config() -> Path:
    """The stock config with the site's navigation (record pages out of the sidebar), from the
    registry of kinds of page so that there is one copy of it."""
    from scripts import dataset, urlscheme
    collections = dataset.load(REPO / "data").collections
    path = OUT / "mkdocs.stock-lean.yml"
    path.write_text(f"INHERIT: {STOCK}\n" + yaml.safe_dump({"nav": urlscheme.nav(collections),
                                                            "not_in_nav": "\n".join(urlscheme.not_in_nav())},
                                                           allow_unicode=True), encoding="utf-8")
    return path


def stock(scale: int, lean: bool) -> dict:
    """Stock Material over the Markdown our build generated at this scale, one language after the other."""
    docs = OUT / f"x{scale}" / "work" / "docs"
    site = OUT / f"stock-{'lean' if lean else 'sidebar'}-x{scale}"
    config = _lean_config() if lean else STOCK
    commands = [([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)],
                 {"DOCS_DIR": str(docs / lang), "OUT_DIR": str(site / ("en" if lang == "en" else "")),
                  "STOCK_LANGUAGE": lang}) for lang in LANGS]
    if site.exists():
        shutil.rmtree(site)
    wall, peak = run_measured(commands)
    return figures(site, wall, peak, scale)


def serve_edit_seconds(edits: int = 5) -> float:
    """Start `make serve` on a copy of data/, change one field, and time until the page shows it;
    the median of several edits, since one is at the mercy of the file watcher's polling."""
    data = OUT / "serve-data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(REPO / "data", data)
    port = 8765
    proc = subprocess.Popen([sys.executable, "-m", "scripts.serve", "--data", str(data), "--port", str(port)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/en/projects/yuqian-railway/"
    path = data / "projects.yaml"
    original = path.read_text(encoding="utf-8")
    field = "en: Chongqing–Guizhou Railway\n"
    assert field in original, "the bench edits the railway's English name"

    def page() -> str:
        try:
            return urllib.request.urlopen(url, timeout=1).read().decode("utf-8")
        except OSError:
            return ""
    try:
        deadline = time.monotonic() + 120
        while not page() and time.monotonic() < deadline:
            time.sleep(0.1)
        times = []
        for n in range(edits):
            time.sleep(1.5)   # let the watcher settle
            marker = f"Chongqing–Guizhou Railway (bench edit {n})"
            started = time.monotonic()
            path.write_text(original.replace(field, f'en: "{marker}"\n', 1), encoding="utf-8")
            while marker not in page():
                if time.monotonic() - started > 60:
                    raise SystemExit("make serve did not show the edit within 60 s")
                time.sleep(0.05)
            times.append(time.monotonic() - started)
        return round(statistics.median(times), 2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def row(name: str, f: dict) -> str:
    return (f"{name:<18}{f['pages']:>7}{f['wall_s']:>9.1f}{f['ms_per_page']:>9.2f}{f['peak_rss_mb']:>8}   "
            f"{f['index_kb']['zh']}/{f['index_gz_kb']['zh']}, {f['index_kb']['en']}/{f['index_gz_kb']['en']}")


def _cpu() -> str:
    try:
        line = next(l for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name"))
        return line.split(":", 1)[1].strip()
    except (OSError, StopIteration):
        return platform.machine()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated scales to build (default 1,10,100)")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock Material builds")
    parser.add_argument("--no-serve", action="store_true", help="skip timing make serve")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"{'build':<18}{'pages':>7}{'wall s':>9}{'ms/page':>9}{'RSS MB':>8}   index KB raw/gzip: zh, en")
    results = {"machine": f"{_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}", "scales": []}
    for scale in scales:
        f = ours(scale)
        results["scales"].append(f)
        print(row(f"ours ×{scale}", f), flush=True)
        if "rebuild_s" in f:
            print(f"{'  rebuilt':<18}{'':>7}{f['rebuild_s']:>9.1f}", flush=True)
    if not args.no_stock:
        if 10 in scales:
            results["stock_sidebar"] = stock(10, lean=False)
            print(row("stock sidebar ×10", results["stock_sidebar"]), flush=True)
        if 100 in scales:
            results["stock_lean"] = stock(100, lean=True)
            print(row("stock lean ×100", results["stock_lean"]), flush=True)
    if not args.no_serve:
        results["serve_edit_s"] = serve_edit_seconds()
        print(f"make serve shows a one-field YAML edit after {results['serve_edit_s']} s")
    by_scale = {f["scale"]: f for f in results["scales"]}
    if 10 in by_scale and 100 in by_scale:
        growth = by_scale[100]["ms_per_page"] / by_scale[10]["ms_per_page"]
        print(f"ms per page ×100 / ×10: {growth:.2f} (goal: within 20%)")
    if 100 in by_scale and "stock_lean" in results:
        ratio = by_scale[100]["ms_per_page"] / results["stock_lean"]["ms_per_page"]
        print(f"ms per page ours ×100 / stock lean ×100: {ratio:.2f} (goal: at most 0.5)")
    target = REPO / "bench" / "results.json"
    if scales == [1, 10, 100] and not args.no_stock and not args.no_serve:
        target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
