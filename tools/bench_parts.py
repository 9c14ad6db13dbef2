"""`make bench-parts`: does each piece of speed code pay? Each is timed with it and without it, in
the same run, on the step it speeds, at ×1 and ×10 the real data (tools/synth.py). A piece stays
only where it saves at least a fifth of its step at one of those sizes (issue #19).

Everything runs in this process, one language (zh), so that nothing else shares the measurement.
"""
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from scripts import dataset
from scripts.build import REPO, run_mkdocs, template_cache, warm, write_docs
from scripts.changes import History
from scripts.render.model import Model
from scripts.report import Report
from scripts.search.keys import user_dictionary

RUNS = 3


def median_time(fn, runs=RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@contextmanager
def patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def data_at(scale: int, root: Path) -> Path:
    if scale == 1:
        return REPO / "data"
    out = root / f"x{scale}"
    subprocess.run([sys.executable, "-m", "tools.synth", "--scale", str(scale), "--out", str(out)], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    return out


def measure(scale: int, root: Path) -> dict:
    from material.plugins.search.plugin import SearchIndex

    import scripts.mkdocs_hooks as hooks
    from scripts.render import qr
    data = data_at(scale, root)
    found = {}

    # parallel reading and validation of the dataset: the step is dataset.load
    with patched(dataset, "PARALLEL_BYTES", 0):
        with_it = median_time(lambda: dataset.load(data))
    with patched(dataset, "PARALLEL_BYTES", 10**15):
        without = median_time(lambda: dataset.load(data))
    found["parallel dataset load"] = (with_it, without)

    ds = dataset.load(data)
    model = Model(ds, History([], False, []))
    work = root / f"work-x{scale}"
    docs, out = work / "docs" / "zh", work / "out" / "zh"
    dictionary = work / "jieba-user.txt"
    work.mkdir(parents=True, exist_ok=True)
    dictionary.write_text(user_dictionary(model), encoding="utf-8")
    site_url = "http://127.0.0.1:8000/"

    # the QR code cache: the step is making every page's code
    def render_pages():
        write_docs(ds, model, "zh", docs, site_url, Report(quiet=True))
    made = {"seconds": 0.0}
    original_svg = qr.QRCodes.svg

    def timed_svg(self, address):
        started = time.perf_counter()
        try:
            return original_svg(self, address)
        finally:
            made["seconds"] += time.perf_counter() - started

    with patched(qr.QRCodes, "svg", timed_svg):
        render_pages()   # fills the cache
        made["seconds"] = 0
        render_pages()
        with_it = made["seconds"]
        shutil.rmtree(template_cache(docs) / "pages", ignore_errors=True)
        made["seconds"] = 0
        with patched(qr.Kept, "get", lambda self, key: None):
            render_pages()
        without = made["seconds"]
    found["QR code cache"] = (with_it, without)

    # Jinja bytecode caches (ours and Material's): the step is rendering our pages plus MkDocs' templates
    def build_zh(serving=False):
        run_mkdocs("zh", docs, out, dictionary, "0", site_url, serving)
    render_pages()
    build_zh()
    with_it = median_time(lambda: (render_pages(), build_zh()))
    import jinja2
    with patched(jinja2.FileSystemBytecodeCache, "load_bytecode", lambda self, bucket: None):
        without = median_time(lambda: (render_pages(), build_zh()))
    found["template bytecode caches"] = (with_it, without)

    # Material's search indexing: remembered Chinese segments and the heading map; the step is indexing
    spent = {"seconds": 0.0}
    original_add = SearchIndex.add_entry_from_context

    def timed_add(self, page):
        started = time.perf_counter()
        try:
            return original_add(self, page)
        finally:
            spent["seconds"] += time.perf_counter() - started

    def indexing(**patches):
        with patched(SearchIndex, "add_entry_from_context", timed_add):
            runs = []
            for _ in range(RUNS):
                spent["seconds"] = 0.0
                with patched(hooks, "remember_segments", patches.get("segments", hooks.remember_segments)), \
                        patched(hooks, "find_headings_at_once", patches.get("headings", hooks.find_headings_at_once)):
                    build_zh()
                runs.append(spent["seconds"])
            return statistics.median(runs)
    nothing = lambda index: None   # noqa: E731
    both = indexing()
    found["remembered Chinese segments"] = (both, indexing(segments=nothing))
    found["heading map"] = (both, indexing(headings=nothing))

    # make serve's kept conversions and search entries: the step is a rebuild after a one-field edit
    def serve_rebuild(keep: bool):
        build_zh(serving=keep)   # warms what is kept
        page = next(docs.glob("projects/*.md"))
        page.write_text(page.read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
        return median_time(lambda: build_zh(serving=keep))
    found["serve rebuild caches"] = (serve_rebuild(True), serve_rebuild(False))
    return found


def main() -> int:
    warm()
    root = Path(tempfile.mkdtemp(prefix="bench-parts-"))
    results = {}
    try:
        for scale in (1, 10):
            for name, (with_it, without) in measure(scale, root).items():
                saved = (without - with_it) / without if without else 0.0
                results.setdefault(name, {})[f"x{scale}"] = {"with_s": round(with_it, 3), "without_s": round(without, 3),
                                                              "saves": round(saved, 3)}
                print(f"x{scale:<3} {name:30} with {with_it:7.3f} s  without {without:7.3f} s  saves {saved:6.1%}", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("\npays (saves at least a fifth of its step at x1 or x10):")
    for name, by_scale in results.items():
        pays = any(v["saves"] >= 0.2 for v in by_scale.values())
        print(f"  {name:30} {'yes' if pays else 'no'}")
    (REPO / "bench" / "parts.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
