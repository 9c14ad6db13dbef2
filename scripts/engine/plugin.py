"""The site's MkDocs plugin: one instance per language build, made by scripts/engine with its
settings as arguments (no environment variables, no module state).

- Content-hashed names for the site's own CSS and JavaScript, so servers may cache them for a
  year (deploy/nginx.conf): a changed file is a new name.
- Material's search worker, main script and palette stylesheet mended (scripts/engine/mends.py),
  under hashed names of their own.
- Compiled templates kept between builds (Jinja's bytecode cache, checked against each source).
- The hidden search words (scripts/search/keys.py) put into the search index's entries before
  Material writes it (never read back from the file: at ×100 that was tens of MB per language);
  for that, Material's search plugin module writes its JSON as UTF-8 (the one thing this plugin
  changes outside itself, in the build's own process).
- Pages let go of their Markdown once converted and of their HTML once written.
- While make serve runs: the Markdown conversions and search entries kept between rebuilds, and
  unchanged pages and files linked from the published build (scripts/engine/rebuilds.py).
- Nav sections written as label keys ("@nav_reference") titled in the site's language.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import json
import re
from pathlib import Path

import jinja2
from mkdocs.plugins import BasePlugin, event_priority

from .mends import MaterialChanged, Mended, mended_files
from .rebuilds import Rebuilds


class SitePlugin(BasePlugin):
    def __init__(self, *, labels: dict, lang: str, template_cache: Path | None = None,
                 rebuilds_cache: Path | None = None, published: Path | None = None,
                 search_keys: dict[str, dict[str, str]] | None = None):
        super().__init__()
        self.labels, self.lang = labels, lang
        self.template_cache, self.rebuilds_cache, self.published = template_cache, rebuilds_cache, published
        self.search_keys = search_keys or {}
        self.hashed: dict[str, str] = {}     # our asset's path in docs -> the name it is published under
        self.mended: list[Mended] = []
        self.rebuilds: Rebuilds | None = None

    # -- configuration ---------------------------------------------------------------------------
    def on_config(self, config):
        config.nav = self._section_titles(config.nav)
        # the published site's root, for the templates' absolute links to either language (hreflang,
        # the 404 page), or "" when the build was not told where the site is published
        prefix = config.extra.get("lang_prefix", "")
        config.extra["published_root"] = config.site_url[: len(config.site_url) - len(prefix)] if config.site_url else ""
        config.extra["feed_title"] = self.labels["feed_link"][self.lang]
        if str(config.copyright or "").startswith("@"):
            config.copyright = self.labels[config.copyright[1:]][self.lang]
        for scheme in config.theme["palette"] if isinstance(config.theme["palette"], list) else []:
            toggle = scheme.get("toggle") or {}
            if str(toggle.get("name", "")).startswith("@"):
                toggle["name"] = self.labels[toggle["name"][1:]][self.lang]
        docs = Path(config.docs_dir)
        config.extra_css = [self._hashed(docs, name) for name in config.extra_css]
        scripts = []
        for script in config.extra_javascript:   # a plain name, or an entry with options (path, defer, …)
            if isinstance(script, str):
                scripts.append(self._hashed(docs, script))
            else:
                script.path = self._hashed(docs, script.path)
                scripts.append(script)
        config.extra_javascript = scripts
        self.mended = list(mended_files()[0])
        search = config.plugins.get("material/search")
        if search is not None:
            keys_into_index(search.search_index, self.search_keys)
        if self.rebuilds_cache:
            theme = json.dumps([self.labels, [(m.folder, m.old, m.new) for m in self.mended]], ensure_ascii=False)
            self.rebuilds = Rebuilds(self.rebuilds_cache, config, self.published, theme)
            self.rebuilds.start(config.plugins.get("material/search"))
        return config

    def _section_titles(self, nav):
        """Nav sections written as label keys in mkdocs.yml, titled here in the site's language,
        so that both languages share one nav."""
        out = []
        for item in nav or []:
            if isinstance(item, dict):
                (title, value), = item.items()
                if isinstance(title, str) and title.startswith("@"):
                    title = self.labels[title[1:]][self.lang]
                item = {title: self._section_titles(value) if isinstance(value, list) else value}
            out.append(item)
        return out

    def _hashed(self, docs: Path, name: str) -> str:
        path = docs / name
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        self.hashed[name] = Path(name).with_name(f"{path.stem}.{digest}{path.suffix}").as_posix()
        return self.hashed[name]

    # -- building --------------------------------------------------------------------------------
    def on_env(self, env, config, files):
        if self.template_cache:
            self.template_cache.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.template_cache))
        return env

    def on_files(self, files, config):
        for file in files:
            if file.src_uri in self.hashed:
                file.dest_uri = self.hashed[file.src_uri]
        return files

    def _finish(self, output: str) -> str:
        """A page or template as written: the mended files' names, and the language of the text."""
        # Material writes the theme's language code (zh); the pages are in simplified characters,
        # which browsers and screen readers choose fonts and voices by
        output = output.replace('<html lang="zh"', '<html lang="zh-Hans"', 1)
        for file in self.mended:
            # every reference (a future preload link too): Material's file is deleted after the build
            output = output.replace(f"{file.folder}/{file.old}", f"{file.folder}/{file.new}")
        return output

    def on_page_content(self, html, page, config, files):
        # column headers ("Name", "Status") are not what a page is about: kept out of the search
        # index, so that a result's snippet starts with the record's own words
        html = html.replace("<thead>", "<thead data-search-exclude>")
        # a definition list reads "label: value; label: value" in a search result's snippet, not
        # "Kind City Coordinates …": the marks are there for the index (and screen readers), not shown
        colon, stop = ("：", "；") if self.lang == "zh" else (": ", "; ")
        html = html.replace("</dt>", f'<span class="md-visually-hidden">{colon}</span></dt>')
        html = html.replace("</dd>", f'<span class="md-visually-hidden">{stop}</span></dd>')
        # MkDocs holds every page until the build ends; the Markdown is not read again once converted
        # (nor is the HTML once the page is written, below): at ×100 they were gigabytes
        page.markdown = ""   # not None: MkDocs reads None as a page not yet read, without a title
        # a link whose text is its address (an autolink) does not print its address a second time
        return SHOWN_ADDRESS.sub(r'<a class="shows-address" href="\1">\1</a>', html)

    def on_post_page(self, output, page, config):
        page.content = None
        return self._finish(output)

    def on_post_template(self, output, template_name, config):
        return self._finish(output)   # 404.html is a template, not a page

    @event_priority(-100)   # after Material's files are written, which this replaces
    def on_post_build(self, config):
        for file in self.mended:
            folder = Path(config.site_dir) / file.folder
            (folder / file.old).unlink()
            (folder / file.new).write_text(file.text, encoding="utf-8")

    def on_shutdown(self):
        if self.rebuilds:   # also after a failed build, so that MkDocs is never left wrapped
            self.rebuilds.finish()
            self.rebuilds = None


SHOWN_ADDRESS = re.compile(r'<a href="(https?://[^"]+)">\1</a>')


class KeysWithoutPage(Exception):
    """A search key was made for a location the index does not have: a template anchor moved."""


# What keys_into_index relies on in Material's search plugin: the index written from its entries, with
# json.dumps. Without it the index would lack the keys, and the search would be wrong: the build stops.
INDEX_WRITTEN = ('data = { "config": config, "docs": self.entries }', "return json.dumps(", "\nimport json\n")


class _Unescaped:
    """json as Material's search plugin uses it, writing Chinese as UTF-8 rather than \\u escapes
    (half the size of the index's Chinese text)."""
    dumps = staticmethod(functools.partial(json.dumps, ensure_ascii=False))

    def __getattr__(self, name):
        return getattr(json, name)


def keys_into_index(index, page_keys: dict[str, dict[str, str]]) -> None:
    """Put each location's hidden search words and names (scripts/search/keys.py) into the entries of
    Material's search index as it writes them."""
    import material.plugins.search.plugin as material_search
    source = inspect.getsource(material_search)
    missing = [text for text in INDEX_WRITTEN if text not in source]
    if missing:
        raise MaterialChanged(f"Material's search plugin has changed ({missing[0]!r} not found): review "
                              "keys_into_index in scripts/engine/plugin.py, which puts the search keys into its index")
    material_search.json = _Unescaped()
    original = index.generate_search_index

    def generate_search_index(prev):
        locations = set()
        for entry in index.entries:
            locations.add(entry["location"])
            entry.update(page_keys.get(entry["location"], {}))
        lost = sorted(set(page_keys) - locations)
        if lost:
            raise KeysWithoutPage("search keys for locations the index does not have (a page or anchor moved?): "
                                  + ", ".join(lost[:10]))
        return original(prev)
    index.generate_search_index = generate_search_index
