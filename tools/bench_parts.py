"""`make bench-parts`: does each piece of speed code pay? Each is timed with it and without it, in
the same run, on the step it speeds, at ×1 and ×10 the real data (tools/synth.py). A piece stays
only where it saves at least a fifth of its step at one of those sizes (issue #19). The run that
decided (bench/parts.json, README) also timed three pieces since deleted for saving less: the
parallel reading and validation of the dataset, and two patches of Material's search indexing.

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

from scripts import dataset, engine, urlscheme
from scripts.build import CONFIGS, REPO, template_cache, warm, write_docs
from scripts.changes import History
from scripts.render import LABELS
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
    from scripts.render import qr
    data = data_at(scale, root)
    found = {}

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
    cache = template_cache(docs)

    def build_zh(serving=False):
        engine.build_language(CONFIGS["zh"], docs_dir=docs, site_dir=out, site_url=site_url, epoch="0",
                              dictionary=dictionary, labels=LABELS, lang="zh", search_keys={},
                              nav=urlscheme.nav(ds.collections), not_in_nav=urlscheme.not_in_nav(),
                              template_cache=cache / "mkdocs", rebuilds_cache=cache / "rebuilds" if serving else None)
    render_pages()
    build_zh()
    with_it = median_time(lambda: (render_pages(), build_zh()))
    import jinja2
    with patched(jinja2.FileSystemBytecodeCache, "load_bytecode", lambda self, bucket: None):
        without = median_time(lambda: (render_pages(), build_zh()))
    found["template bytecode caches"] = (with_it, without)

    # make serve's kept conversions and search entries: the step is a rebuild after a one-field edit
    def serve_rebuild(keep: bool):
        build_zh(serving=keep)   # warms what is kept
        page = next(docs.glob("projects/*.md"))
        page.write_text(page.read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
        return median_time(lambda: build_zh(serving=keep))
    found["serve rebuild caches"] = (serve_rebuild(True), serve_rebuild(False))
    found.update(kept_by_record(ds, root / f"kept-x{scale}"))
    return found


def kept_by_record(ds, folder: Path) -> dict:
    """make serve's per-record keeping, each on the step it speeds after a one-field edit of a project's
    description (a new edit each run): validating the data (scripts/dataset/schema.py), rendering one
    language's pages (scripts/render/reads.py) and making its search keys (scripts/search/keys.py)."""
    import copy
    import dataclasses

    from scripts.dataset import schema
    from scripts.render import render
    from scripts.search import keys, search_tokenizer
    history = History([], False, [])
    tokenizer = search_tokenizer()
    runs = iter(range(10_000))

    def edited():
        collections = copy.deepcopy(ds.collections)
        collections["projects"][0]["description"]["zh"] += f"（改{next(runs)}）"
        return dataclasses.replace(ds, collections=collections, digests={})

    def timed(step, keep: bool) -> float:
        step(edited(), keep)   # what is kept is that of a build before
        times = []
        for _ in range(RUNS):
            data = edited()
            started = time.perf_counter()
            step(data, keep)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    def validate(data, keep):
        if not keep:
            schema._KEPT.clear()
        schema.validate(data)

    def pages(data, keep):
        for _ in render(Model(data, history), "zh", "", folder / "pages", keep_pages=keep):
            pass

    def search_keys(data, keep):
        keys(Model(data, history), "zh", tokenizer, folder / "keys.pickle" if keep else None)

    folder.mkdir(parents=True, exist_ok=True)
    return {name: (timed(step, True), timed(step, False)) for name, step in (
        ("validation kept per record", validate), ("pages kept by their reads", pages),
        ("search keys kept per record", search_keys))}


def main(argv=None) -> int:
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    args = parser.parse_args(argv)
    warm()
    root = Path(tempfile.mkdtemp(prefix="bench-parts-"))
    results = {}
    try:
        for scale in args.scales:
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
    if args.scales != [1, 10]:
        return 0   # a partial run is not the record
    (REPO / "bench" / "parts.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
