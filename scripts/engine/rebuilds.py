"""What the rebuilds of `make serve` keep from one to the next: Markdown conversions, search entries,
finished pages and copied files.

A save in the editor rebuilds every page of both languages, though it changes a handful. Converting
the Markdown of the others again, parsing their HTML again for the search index, rendering them into
the theme's templates again and writing them and every static file again were the largest parts of
a rebuild. While `make serve` runs, MkDocs is wrapped so that what has the same inputs as in the
build before is taken from it:

- A conversion's inputs: the page's Markdown (after the hooks), its path, every file and its URL
  (links are resolved against them), the config files and the versions of the converting packages.
  A conversion that logged a warning is not kept, so a strict rebuild fails on it every time.
  Kept in a file beside the compiled templates.
- A page's search entries' inputs: its URL, title, front matter, HTML, the search plugin's settings
  and the Chinese dictionary it segments with. Kept in the same way.
- A finished page's inputs: its converted HTML, title, table of contents, front matter and address,
  the whole nav (titles, addresses, order), every file's address, the config files, the site's
  labels, the theme's templates (ours and the installed Material's version), the published names of
  the scripts and stylesheets, the build's date. A static file's: its bytes. Where they are as in
  the published build, the new build gets a hard link to the published file instead of rendering or
  copying it again (the new build is still a complete folder, published in one step). A link is made
  only to a file that is still the one the build before wrote: same inode, size and time.
- The theme's list of files: Material's own templates folder is listed once per `make serve`.

`make build` keeps nothing: tests/test_serve.py checks that a rebuild after an edit publishes
exactly what a fresh build does.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import sys
import time
from pathlib import Path

import jinja2
import mkdocs.commands.build as mkdocs_build
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from scripts.kept import Kept
from scripts.report import LoggedWarnings

PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "jieba")
# what of MkDocs and Material the keeping relies on: a speed patch, so where one is missing it is
# left out with a warning (rebuilds are slower, never wrong)
NEEDS = {"mkdocs.structure.pages": ("def render(self, config", "_title_from_render", "present_anchor_ids",
                                    "links_to_anchors"),
         "material.plugins.search.plugin": ("def add_entry_from_context(self, page", "self.entries"),
         "mkdocs.commands.build": ("def _build_page(", "context = get_context(nav, doc_files, config, page)",
                                   "config.plugins.on_page_context(context, page=page, config=config, nav=nav)",
                                   "_build_page(", "utils.write_file("),
         "mkdocs.structure.files": ("def copy_file(self, dirty", "self._content", "abs_dest_path",
                                    "def add_files_from_theme(self, env", "env.list_templates(filter_func=filter)"),
         "jinja2.loaders": ("def list_templates(self)", "self.searchpath", "self.followlinks")}


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
    """Wraps MkDocs for one build (start in on_config, finish in on_shutdown). `previous`: the
    published build of the same language, whose unchanged files the new build links to; `theme`:
    what else the finished pages are made from (the site's labels, the published asset names)."""
    def __init__(self, folder: Path, config, previous: Path | None = None, theme: str = ""):
        name = Path(config.config_file_path).stem   # one set of files per language's config
        self.conversions = Kept(folder / f"{name}.conversions.pickle")
        self.entries = Kept(folder / f"{name}.search.pickle")
        self.outputs = Kept(folder / f"{name}.outputs.pickle")
        configs = sorted(Path(config.config_file_path).parent.glob("mkdocs*.yml"))
        self.settings = _digest(*(p.read_bytes() for p in configs),
                                *(importlib.metadata.version(p) for p in PACKAGES))
        overrides = sorted(Path(config.theme.custom_dir).rglob("*")) if config.theme.custom_dir else []
        self.page_settings = _digest(self.settings, theme, config.site_url or "", os.environ.get("SOURCE_DATE_EPOCH", ""),
                                     json.dumps(config.extra, sort_keys=True, default=str, ensure_ascii=False),
                                     *map(str, config.extra_css), *map(str, config.extra_javascript),
                                     *(f"{p}\0".encode() + p.read_bytes() for p in overrides if p.is_file()))
        self.previous = previous if previous and previous.is_dir() else None
        self.listings: dict[int, str] = {}
        self.navs: dict[int, str] = {}
        self.warnings = LoggedWarnings()
        self.original_render = Page.render
        self.original_build_page = mkdocs_build._build_page
        self.original_copy = File.copy_file

    def start(self, search_plugin=None) -> None:
        rebuilds, original = self, self.original_render

        def render(page, config, files):
            rebuilds.convert(page, config, files, original)
        Page.render = render
        mkdocs_build._build_page = self.build_page

        def copy_file(file, dirty=False):
            rebuilds.copy(file, dirty)
        File.copy_file = copy_file
        logging.getLogger("mkdocs").addHandler(self.warnings)
        if search_plugin is not None:
            self._keep_entries(search_plugin.search_index, search_plugin.config)

    def finish(self) -> None:
        """Put MkDocs back as it was and keep this build's results."""
        Page.render = self.original_render
        mkdocs_build._build_page = self.original_build_page
        File.copy_file = self.original_copy
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.conversions.save()
        self.entries.save()
        self.outputs.save()

    # -- finished pages and static files, linked from the published build -------------------------
    def _published(self, dest_uri: str, key: str) -> Path | None:
        """The published file at this address, if the build before wrote it from the same inputs."""
        if self.previous is None:
            return None
        kept = self.outputs.known.get(dest_uri)
        if not kept or kept[0] != key:
            return None
        path = self.previous / dest_uri
        try:
            stat = path.stat()
        except OSError:
            return None
        return path if (stat.st_ino, stat.st_size, stat.st_mtime_ns) == tuple(kept[1:]) else None

    def _link(self, published: Path, dest: str) -> bool:
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        try:
            os.link(published, dest)
            return True
        except OSError:   # another file system, or no hard links: written as usual
            return False

    def _wrote(self, dest_uri: str, dest: str, key: str) -> None:
        try:
            stat = os.stat(dest)
        except OSError:
            return
        self.outputs.put(dest_uri, (key, stat.st_ino, stat.st_size, stat.st_mtime_ns))

    def build_page(self, page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
        key = self._page_key(page, doc_files, nav) if not (dirty or excluded) else ""
        published = self._published(page.file.dest_uri, key) if key else None
        dest = page.file.abs_dest_path
        if published is None:
            self.original_build_page(page, config, doc_files, nav, env, dirty, excluded)
        else:
            # what the page's template is not rendered for is still done: the plugins' page events
            # that collect (the search index)
            config._current_page, page.active = page, True
            try:
                context = mkdocs_build.get_context(nav, doc_files, config, page)
                config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            finally:
                config._current_page, page.active = None, False
            if not self._link(published, dest):
                self.original_build_page(page, config, doc_files, nav, env, dirty, excluded)
        if key:
            self._wrote(page.file.dest_uri, dest, key)

    def _page_key(self, page, files, nav) -> str:
        if id(nav) not in self.navs:   # every page's title is known by now: the conversions come first
            self.navs[id(nav)] = _digest(json.dumps(_nav_outline(nav.items), ensure_ascii=False))
        if id(files) not in self.listings:
            self.listings[id(files)] = _digest("\n".join(f"{f.src_uri}\t{f.url}" for f in files))
        neighbours = [[p.url if p else None, str(p.title) if p else None] for p in (page.previous_page, page.next_page)]
        neighbours.append([str(p.title) for p in page.ancestors])
        return _digest(self.page_settings, self.navs[id(nav)], self.listings[id(files)], page.file.src_uri, page.url,
                       str(page.canonical_url), str(page.edit_url), str(page.title), json.dumps(neighbours, default=str),
                       json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False),
                       json.dumps(_toc_outline(page.toc), ensure_ascii=False), page.content or "")

    def copy(self, file: File, dirty: bool) -> None:
        dest = file.abs_dest_path
        if dirty or file._content is not None or not file.abs_src_path:
            self.original_copy(file, dirty)
            return
        key = self._bytes_key(file.abs_src_path)
        published = self._published(file.dest_uri, key)
        if published is None or not self._link(published, dest):
            self.original_copy(file, dirty)
        self._wrote(file.dest_uri, dest, key)

    def _bytes_key(self, path: str) -> str:
        """The digest of a static file's bytes (the downloads: thousands at ×10), kept by its inode,
        size and time while it is at least two seconds old: a file written again has a newer time,
        and two writes within one tick of a coarse clock are never both trusted."""
        st = os.stat(path)
        stamp = [st.st_ino, st.st_size, st.st_mtime_ns]
        kept = self.outputs.get(("bytes", path))
        if kept and kept[0] == stamp and time.time_ns() - st.st_mtime_ns > 2e9:
            return kept[1]
        key = _digest(Path(path).read_bytes())
        self.outputs.put(("bytes", path), (stamp, key))
        return key

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


def _nav_outline(items) -> list:
    return [[type(item).__name__, str(item.title), None if item.is_section else item.url,
             _nav_outline(item.children or [])] for item in items]


def _toc_outline(toc) -> list:
    return [[item.id, item.title, item.level, _toc_outline(item.children)] for item in toc or []]


def list_theme_once(folders: list[str]) -> None:
    """Jinja lists every file of every theme folder for each build: Material's holds thousands of
    icons, a third of a second each time. Folders of installed packages do not change while make
    serve runs: each is listed once. `folders` are listed now: call before forking, so that every
    build inherits the list."""
    loader = jinja2.FileSystemLoader
    if getattr(loader.list_templates, "listed_once", False):
        return
    original, installed, listed = loader.list_templates, (sys.prefix, sys.base_prefix), {}

    def list_templates(self):
        found = set()
        for folder in self.searchpath:
            alone = loader([folder], followlinks=self.followlinks)
            if not os.path.abspath(folder).startswith(installed):
                found.update(original(alone))
                continue
            if folder not in listed:
                listed[folder] = original(alone)
            found.update(listed[folder])
        return sorted(found)
    list_templates.listed_once = True
    loader.list_templates = list_templates
    for folder in folders:
        loader([folder]).list_templates()


def theme_files_once(config_file: Path, docs_dir: Path) -> None:
    """MkDocs goes through the theme's list of files (thousands of Material's icons) on every build,
    matching each name against a dozen patterns to find the static files to copy: two fifths of a
    rebuild's MkDocs time. The names it keeps are kept for the same list of files and settings,
    found once now (call before forking, so that every build inherits them)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    if getattr(Files.add_files_from_theme, "kept_once", False):
        return
    original, kept = Files.add_files_from_theme, {}

    def add_files_from_theme(self, env, config):
        listing = env.list_templates
        key = (tuple(env.loader.list_templates()), tuple(config.theme.static_templates))

        def list_templates(extensions=None, filter_func=None):
            if extensions is not None:
                return listing(extensions, filter_func)
            if key not in kept:
                kept.clear()   # one list: the theme's, while make serve runs
                kept[key] = listing(filter_func=filter_func)
            return kept[key]
        env.list_templates = list_templates
        try:
            return original(self, env, config)
        finally:
            del env.list_templates
    add_files_from_theme.kept_once = True
    Files.add_files_from_theme = add_files_from_theme
    config = load_config(config_file=str(config_file), docs_dir=str(docs_dir))
    Files([]).add_files_from_theme(config.theme.get_env(), config)
