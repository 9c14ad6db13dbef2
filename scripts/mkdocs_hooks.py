"""MkDocs hooks (mkdocs.yml `hooks:`): content-hashed names for the site's own CSS and JavaScript,
the mended search worker (scripts/search/worker.py) under a hashed name of its own, faster search
indexing (Chinese segmented once per run of text, headings found in a map), and, while make serve
runs, what its rebuilds keep (scripts/rebuilds.py).

Hashed names let a web server cache these files for a year (deploy/nginx.conf): a changed file is a
new name, so readers never run an old script against a new page.
"""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import jinja2
import material

from scripts.rebuilds import Rebuilds
from scripts.render import LABELS
from scripts.search.worker import mend, mended_name

WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
_worker = {}   # Material's worker name -> (mended name, mended text), set in on_config
_hashed_names = {}   # our asset's path in docs -> the name it is published under, set in on_config
_rebuilds: list[Rebuilds] = []   # while make serve builds: what its rebuilds keep (scripts/rebuilds.py)


def _hashed(docs: Path, name: str) -> str:
    """The name docs/<name> is published under: with its content hash (site.css -> site.2daed237.css)."""
    path = docs / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    _hashed_names[name] = str(Path(name).with_name(f"{path.stem}.{digest}{path.suffix}").as_posix())
    return _hashed_names[name]


def _section_titles(nav, lang: str):
    """Nav sections are written as label keys (`"@plan_own_group": [...]`) in mkdocs.yml and titled
    here in the site's language, so both languages share one nav."""
    out = []
    for item in nav or []:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(title, str) and title.startswith("@"):
                title = LABELS[title[1:]][lang]
            item = {title: _section_titles(value, lang) if isinstance(value, list) else value}
        out.append(item)
    return out


def on_config(config):
    config.nav = _section_titles(config.nav, "en" if str(config.theme["language"]).startswith("en") else "zh")
    docs = Path(config.docs_dir)
    _hashed_names.clear()
    config.extra_css = [_hashed(docs, name) for name in config.extra_css]
    scripts = []
    for script in config.extra_javascript:   # a plain name, or an entry with options (path, defer, …)
        if isinstance(script, str):
            scripts.append(_hashed(docs, script))
        else:
            script.path = _hashed(docs, script.path)
            scripts.append(script)
    config.extra_javascript = scripts
    _worker.clear()
    (original,) = WORKERS.glob("search.*.min.js")
    text = mend(original.read_text(encoding="utf-8"))
    _worker[original.name] = (mended_name(text), text)
    search = config.plugins.get("material/search")
    if search is not None:   # its on_config, which runs before ours, made the index
        remember_segments(search.search_index)
        find_headings_at_once(search.search_index)
    if os.environ.get("REBUILDS_CACHE"):
        rebuilds = Rebuilds(Path(os.environ["REBUILDS_CACHE"]), config)
        rebuilds.start(search)
        _rebuilds.append(rebuilds)
    return config


def remember_segments(index) -> None:
    """Make Material's search plugin segment each run of Chinese once per build.

    The plugin compiles its Han-script pattern and runs jieba over every run of Chinese in every
    section it indexes. Names, labels and quotes recur on thousands of pages of a large dataset, so
    segmenting each distinct run once and reusing the result gives the same index in a fraction of
    the time. The output is Material's own (tests/test_scale.py compares the two)."""
    import jieba
    from backrefs import bre

    han = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)   # Material's pattern, compiled once

    @functools.lru_cache(maxsize=None)
    def segmented(run: str) -> str:
        return "".join(["\u200b", "\u200b".join(jieba.cut(run.encode("utf-8"))), "\u200b"])

    index._segment_chinese = lambda data: han.sub(lambda m: segmented(m.group(0)), data).strip("\u200b")


def find_headings_at_once(index) -> None:
    """Make Material's search plugin find each section's heading in a map of the page's table of
    contents. It walked the table from the top for every section: on a page with thousands of
    headings (the shared lists of a large dataset) that grew with the square of the headings.
    The map keeps the first heading its walk would meet (depth first), so the index is the same."""
    last = {"toc": None, "headings": {}}

    def find(toc, heading_id):
        if last["toc"] is not toc:
            headings = {}

            def walk(items):
                for item in items:
                    headings.setdefault(item.id, item)
                    walk(item.children)
            walk(toc)
            last.update(toc=toc, headings=headings)
        return last["headings"].get(heading_id)

    index._find_toc_by_id = find


def on_env(env, config, files):
    # Compiled templates are kept between builds (Jinja's bytecode cache, checked against each
    # template's source): compiling Material's templates again took a third of a small rebuild.
    cache = os.environ.get("TEMPLATE_CACHE")
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(cache)
    return env


def on_files(files, config):
    for file in files:
        if file.src_uri in _hashed_names:
            file.dest_uri = _hashed_names[file.src_uri]
    return files


def _rename_worker(output: str) -> str:
    for old, (new, _) in _worker.items():
        output = output.replace(f"workers/{old}", f"workers/{new}", 1)
    return output


def on_post_page(output, page, config):
    return _rename_worker(output)


def on_post_template(output, template_name, config):
    return _rename_worker(output)   # 404.html is a template, not a page


def on_post_build(config):
    workers = Path(config.site_dir) / "assets" / "javascripts" / "workers"
    for old, (new, text) in _worker.items():
        (workers / old).unlink()
        (workers / new).write_text(text, encoding="utf-8")


def on_shutdown():
    while _rebuilds:   # also after a failed build, so that MkDocs is never left wrapped
        _rebuilds.pop().finish()
