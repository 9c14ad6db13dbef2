"""What the rebuilds of `make serve` keep from one to the next: Markdown conversions and search entries.

A save in the editor rebuilds every page of both languages, though it changes a handful. Converting
the Markdown of the others again, and parsing their HTML again for the search index, were the
largest parts of a rebuild. While `make serve` runs (the build sets REBUILDS_CACHE), MkDocs'
`Page.render` and the search index's `add_entry_from_context` are wrapped so that a page whose
inputs are unchanged takes its previous result from a file beside the compiled templates.

- A conversion's inputs: the page's Markdown (after the hooks), its path, every file and its URL
  (links are resolved against them), the config files and the versions of the converting packages.
  A conversion that logged a warning is not kept, so a strict rebuild fails on it every time.
- A page's search entries' inputs: its URL, title, front matter, HTML, the search plugin's settings
  and the Chinese dictionary it segments with.

`make build` keeps nothing: tests/test_serve.py checks that a rebuild after an edit publishes
exactly what a fresh build does.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import logging
from pathlib import Path

from mkdocs.structure.pages import Page

from scripts.kept import Kept
from scripts.report import LoggedWarnings

PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "jieba")
# what of MkDocs and Material the keeping relies on: a speed patch, so where one is missing it is
# left out with a warning (rebuilds are slower, never wrong)
NEEDS = {"mkdocs.structure.pages": ("def render(self, config", "_title_from_render", "present_anchor_ids",
                                    "links_to_anchors"),
         "material.plugins.search.plugin": ("def add_entry_from_context(self, page", "self.entries")}


@functools.cache
def fits() -> str | None:
    """None where MkDocs and Material still have what the keeping relies on, else a warning. Read
    once per process (the build asks before it forks its workers, which inherit the answer)."""
    import importlib
    import inspect
    for module, words in NEEDS.items():
        source = inspect.getsource(importlib.import_module(module))
        missing = [w for w in words if w not in source]
        if missing:
            return (f"{module} has changed ({', '.join(missing)} not found): make serve rebuilds every page "
                    "instead of keeping unchanged ones until scripts/engine/rebuilds.py is reviewed")
    return None


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


class Rebuilds:
    """Wraps MkDocs for one build (start in on_config, finish in on_shutdown)."""
    def __init__(self, folder: Path, config):
        name = Path(config.config_file_path).stem   # one pair of files per language's config
        self.conversions = Kept(folder / f"{name}.conversions.pickle")
        self.entries = Kept(folder / f"{name}.search.pickle")
        configs = sorted(Path(config.config_file_path).parent.glob("mkdocs*.yml"))
        self.settings = _digest(*(p.read_bytes() for p in configs),
                                *(importlib.metadata.version(p) for p in PACKAGES))
        self.listings: dict[int, str] = {}
        self.warnings = LoggedWarnings()
        self.original_render = Page.render

    def start(self, search_plugin=None) -> None:
        rebuilds, original = self, self.original_render

        def render(page, config, files):
            rebuilds.convert(page, config, files, original)
        Page.render = render
        logging.getLogger("mkdocs").addHandler(self.warnings)
        if search_plugin is not None:
            self._keep_entries(search_plugin.search_index, search_plugin.config)

    def finish(self) -> None:
        """Put MkDocs back as it was and keep this build's results."""
        Page.render = self.original_render
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.conversions.save()
        self.entries.save()

    def convert(self, page: Page, config, files, original) -> None:
        if id(files) not in self.listings:
            self.listings[id(files)] = _digest("\n".join(f"{f.src_uri}\t{f.url}" for f in files))
        key = _digest(self.settings, self.listings[id(files)], page.file.src_uri, page.markdown)
        kept = self.conversions.get(key)
        if kept is not None:
            content, toc, title, anchors, links = kept
            page.content, page.toc, page._title_from_render = content, toc, title
            page.present_anchor_ids = set(anchors)
            page.links_to_anchors = {files.get_file_from_path(uri): dict(found) for uri, found in links.items()}
            return
        before = len(self.warnings.messages)
        original(page, config, files)
        if len(self.warnings.messages) == before:
            links = {f.src_uri: dict(found) for f, found in (page.links_to_anchors or {}).items()}
            self.conversions.put(key, (page.content, page.toc, page._title_from_render,
                                       set(page.present_anchor_ids or ()), links))

    def _keep_entries(self, index, search_config) -> None:
        dictionary = Path(search_config.get("jieba_dict_user") or "")
        settings = _digest(self.settings, json.dumps(dict(search_config), sort_keys=True, default=str),
                           dictionary.read_bytes() if dictionary.is_file() else b"")
        original, kept = index.add_entry_from_context, self.entries

        def add_entry_from_context(page):
            meta = json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False)
            key = _digest(settings, page.url, str(page.title), meta, page.content)
            entries = kept.get(key)
            if entries is None:
                start = len(index.entries)
                original(page)
                entries = index.entries[start:]
                kept.put(key, entries)
            else:
                index.entries.extend(entries)
        index.add_entry_from_context = add_entry_from_context
