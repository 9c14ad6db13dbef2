"""The wall around the engine: everything that knows MkDocs or Material is in this package, and
the rest of scripts/ calls it through these three functions, with settings as arguments.

- `warm()` imports the engine and loads its dictionaries once, so that builds forked from this
  process start with them (make serve).
- `build_language(...)` builds one language's Markdown folder into HTML, in this process.
- `serve(...)` serves a folder with live reload, calling back to rebuild when watched files change.

Moving to another engine (docs/ENGINE.md) means replacing this package, its plugin and the
overrides in docs/overrides; the data, the renderer and the Markdown they write stay as they are.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from scripts.report import LoggedWarnings

from .mends import MaterialChanged
from .plugin import KeysWithoutPage, SitePlugin

__all__ = ["EngineError", "build_language", "load", "serve", "warm"]


class EngineError(Exception):
    """The engine could not build a language; the message says why (its warnings in strict mode)."""


def load(serving: bool = False, config_file: Path | None = None, docs_dir: Path | None = None) -> list[str]:
    """Import MkDocs' build and mend Material's files once, before the build forks its workers, so
    that both share them; the warnings to give once (speed mends left out because Material changed).
    A correctness mend that no longer fits raises EngineError. Serving, what every rebuild would
    work out again about the theme is worked out once here, with a language's config and folder."""
    import jieba
    import mkdocs.commands.build  # noqa: F401

    from .mends import mended_files
    from .rebuilds import fits, list_theme_once, theme_files_once
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()   # loaded here, not once in each worker (Material's search segments with it)
    try:
        warnings = list(mended_files()[1])
    except MaterialChanged as err:
        raise EngineError(str(err)) from None
    if serving and fits() is not None:
        warnings.append(fits())
    elif serving:
        import material
        list_theme_once([str(Path(material.__file__).parent / "templates")])
        if config_file and docs_dir:
            theme_files_once(config_file, docs_dir)
    return warnings


def warm(config_file: Path, docs_dir: Path) -> None:
    """Import MkDocs, Material and the Markdown extensions and load jieba's dictionary once."""
    import jieba
    import markdown
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    from mkdocs.config import load_config
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    config = load_config(config_file=str(config_file), docs_dir=str(docs_dir))
    markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def build_language(config_file: Path, *, docs_dir: Path, site_dir: Path, site_url: str, epoch: str,
                   dictionary: Path, labels: dict, lang: str, search_keys: dict[str, dict[str, str]],
                   nav: list, not_in_nav: list[str],
                   template_cache: Path | None = None, rebuilds_cache: Path | None = None,
                   published: Path | None = None) -> None:
    """One language's MkDocs build in this process (a worker forked for the language), strict:
    any warning fails it. `epoch` dates the build (MkDocs reads SOURCE_DATE_EPOCH for sitemap
    dates: the reproducible-builds convention, not a setting of ours). `nav` and `not_in_nav` come from
    the registry of kinds of page (scripts/urlscheme.py): sections are label keys ("@nav_reference")."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ["SOURCE_DATE_EPOCH"] = epoch
    logging.getLogger("jieba").setLevel(logging.WARNING)
    log = logging.getLogger("mkdocs")
    warnings = LoggedWarnings()
    log.addHandler(warnings)
    log.propagate = False
    log.setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             site_url=site_url or None, nav=nav, not_in_nav="\n".join(not_in_nav))
        search = config.plugins["material/search"].config
        if search.get("jieba_dict_user"):   # the configs that segment with the dataset's names (zh)
            search["jieba_dict_user"] = str(dictionary)
        from .rebuilds import fits
        keep = rebuilds_cache if rebuilds_cache and fits() is None else None   # load() warned
        config.plugins["qijiang-site"] = SitePlugin(labels=labels, lang=lang, template_cache=template_cache,
                                                   rebuilds_cache=keep, published=published, search_keys=search_keys)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (MaterialChanged, KeysWithoutPage) as err:
        raise EngineError(str(err)) from None
    except Exception as err:   # Abort (strict warnings), configuration or plugin errors: never publish
        raise EngineError("\n".join([*warnings.messages, f"{type(err).__name__}: {err}"])) from None
    finally:
        log.removeHandler(warnings)


def serve(root: Path, watched: list[Path], rebuild, host: str, port: int, problems=lambda: "") -> None:
    """Serve `root` with live reload; `rebuild()` runs when a watched path changes. While
    `problems()` returns text (the data is broken), every page served shows it over the last good
    page, where an editor watching the browser sees it; it is added as pages are served, never
    written into the site."""
    from mkdocs.livereload import LiveReloadServer
    if not hasattr(LiveReloadServer, "_inject_js_into_html"):   # a correctness mend: fail loud
        raise EngineError("MkDocs' live-reload server changed (no _inject_js_into_html): "
                          "scripts/engine/__init__.py cannot show data problems in the browser")

    class ShowingProblems(LiveReloadServer):
        def _inject_js_into_html(self, content, epoch):
            content = super()._inject_js_into_html(content, epoch)
            text = problems()
            if not text:
                return content
            at = content.find(b">", content.find(b"<body")) + 1
            return content[:at] + problems_box(text).encode("utf-8") + content[at:]

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # a short polling interval: an editor's save shows sooner (the watched folders are small)
    server = ShowingProblems(builder=rebuild, host=host, port=port, root=str(root), polling_interval=0.1)
    for path in watched:
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def problems_box(text: str) -> str:
    """The problems, on top of the page, in both languages (the page may be either)."""
    import html
    return ('<div id="data-problems" role="alert" style="position:fixed;inset:0 0 auto 0;z-index:10000;max-height:70vh;'
            'overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#5f0000;border-bottom:4px solid #c00;'
            'font:15px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)">'
            '<strong>数据有误：此页是上一次成功构建的版本，改正后自动更新。'
            ' / The data has problems: this is the last good build of the page; it updates once they are fixed.</strong>'
            f'<pre style="white-space:pre-wrap;margin:.6rem 0 0;font:14px/1.45 ui-monospace,monospace">{html.escape(text)}</pre></div>')
