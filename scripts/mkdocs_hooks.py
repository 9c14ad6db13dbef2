"""MkDocs hooks (mkdocs.yml `hooks:`): content-hashed names for the site's own CSS and JavaScript,
and the mended search worker (scripts/search/worker.py) under a hashed name of its own.

Hashed names let a web server cache these files for a year (deploy/nginx.conf): a changed file is a
new name, so readers never run an old script against a new page.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import material

from scripts.search.worker import mend, mended_name

WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
_worker = {}   # Material's worker name -> (mended name, mended text), set in on_config


def _hashed(docs: Path, name: str) -> str:
    """Rename docs/<name> to a name carrying its content hash and return the new name."""
    path = docs / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    target = path.with_name(f"{path.stem}.{digest}{path.suffix}")
    path.replace(target)
    return target.relative_to(docs).as_posix()


def on_config(config):
    docs = Path(config.docs_dir)
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
    return config


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
