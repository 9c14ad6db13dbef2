"""`make build`: load → validate → render → write → MkDocs, for both languages, into site/.

The site is built in build/ and moved into place only when every step succeeded, so a failed build
leaves the published site/ as it was.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import jinja2

from scripts import changes, dataset, engine, forked, urls, urlscheme
from scripts.dataset.problems import display_path
from scripts.downloads import write_downloads
from scripts.feed import FEED, feed
from scripts.kept import Kept, write_changed
from scripts.render import LABELS, LANGS, read_labels, render
from scripts.render.model import Model
from scripts.report import Report
from scripts.search import keys, search_tokenizer, user_dictionary
from scripts.search import warm as warm_keys

REPO = Path(__file__).resolve().parents[1]
CONFIGS = {"zh": REPO / "mkdocs.yml", "en": REPO / "mkdocs.en.yml"}
PAGES = REPO / "docs" / "pages"
ASSETS = REPO / "docs" / "assets"


class BuildError(Exception):
    """A build that must not publish; the message says why."""


def template_cache(docs: Path) -> Path:
    """Where compiled templates are kept between builds (ours and MkDocs'), beside build/docs/."""
    return docs.parent.parent / "template-cache"


def write_docs(ds, model: Model, lang: str, docs: Path, site_url: str, report: Report, repo_url: str = "",
               keep_pages: bool = False, downloads: Path | None = None) -> int:
    """Write one language's Markdown: generated pages, hand-written pages, assets, downloads (a link
    to `downloads`, written once for both languages, if given). With `keep_pages` (make serve),
    pages none of whose reads changed are the last build's Markdown."""
    total = sum(1 for _ in model.pages())
    files: dict[str, bytes] = {}
    for path, text in render(model, lang, language_url(site_url, lang), template_cache(docs) / "pages", repo_url, keep_pages):
        files[path] = text.encode("utf-8")
        report.progress(len(files), total, f"rendering {lang} pages")
    count = len(files)
    hand_written = PAGES / lang
    for page in sorted(p for p in hand_written.rglob("*") if p.is_file()):
        address = page.relative_to(hand_written).as_posix()
        if address in files:
            raise BuildError(f"{display_path(page)} has the address of a generated page "
                             f"({address}, made from the data): rename one; site/ was not changed")
        files[address] = page.read_bytes()
    files.update((f"assets/{a.relative_to(ASSETS).as_posix()}", a.read_bytes()) for a in sorted(ASSETS.rglob("*")) if a.is_file())
    files[FEED] = feed(model, lang, language_url(site_url, lang)).encode("utf-8")
    # make serve writes only what changed since its last build (the folder is its own)
    written = Kept(template_cache(docs) / f"docs-{lang}.pickle" if keep_pages else None)
    if (docs / "downloads").is_symlink():
        (docs / "downloads").unlink()
    written.put("files", write_changed(docs, files, written.get("files")))
    written.save()
    if downloads:
        (docs / "downloads").symlink_to(downloads, target_is_directory=True)
    else:
        write_downloads(ds, docs / "downloads")
    return count


def source_date() -> str:
    """The time the build says it was made (sitemaps, archives): the commit's, so builds are reproducible."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, encoding="utf-8")
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "0"


# Without the address the site will be published at, nothing that needs one is printed (QR codes,
# canonical and sharing links, print footers): a loopback address would reach readers otherwise.
DEFAULT_SITE_URL = ""


def language_url(site_url: str, lang: str) -> str:
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + ("en/" if lang == "en" else "")


def warm() -> None:
    """The engine loaded once, so that every build forked from this process starts with it."""
    search_tokenizer()   # first: jieba's global tokenizer, which the engine loads, is then a copy of it
    engine.warm(CONFIGS["zh"], PAGES / "zh")


def _build_language(lang: str, job: dict) -> tuple[int, int]:
    """Render one language's pages and build them with the engine: (generated pages, HTML pages)."""
    docs, out = job["work"] / "docs" / lang, job["work"] / "out" / lang
    try:
        generated = write_docs(job["ds"], job["model"], lang, docs, job["site_url"], job["report"], job["repo_url"],
                               keep_pages=job["serving"], downloads=job["downloads"])
    except jinja2.TemplateError as err:
        where = f"{err.filename}:{err.lineno}: " if getattr(err, "lineno", None) else ""
        raise BuildError(f"template error: {where}{err}; site/ was not changed") from None
    cache = template_cache(docs)
    try:
        engine.build_language(CONFIGS[lang], docs_dir=docs, site_dir=out, site_url=language_url(job["site_url"], lang),
                              epoch=job["epoch"], dictionary=job["dictionary"], labels=LABELS, lang=lang,
                              search_keys=keys(job["model"], lang, job["tokenizer"],
                                               cache / f"keys-{lang}.pickle" if job["serving"] else None),
                              nav=urlscheme.nav(job["ds"].collections), not_in_nav=urlscheme.not_in_nav(),
                              template_cache=cache / "mkdocs",
                              rebuilds_cache=cache / "rebuilds" if job["serving"] else None,
                              published=job["published"].get(lang))
    except engine.EngineError as err:
        raise BuildError(f"MkDocs failed for the {lang} site; site/ was not changed:\n{err}") from None
    return generated, sum(1 for _ in out.rglob("*.html"))


def build_languages(**job) -> dict[str, tuple[int, int]]:
    """Both languages at once, each in a worker of its own (scripts/forked.py)."""
    # loaded once, before forking, and before the engine (whose copy of jieba's dictionary it gives)
    job["tokenizer"] = search_tokenizer()
    try:
        for warning in engine.load(job["serving"], CONFIGS["zh"], PAGES / "zh"):   # once here, shared by both workers
            job["report"].warn(warning)
    except engine.EngineError as err:
        raise BuildError(f"{err}; site/ was not changed") from None
    # The search keys are made in the workers, a language each at once; make serve's keep each
    # record's keys and make again only what an edit changed, with the converters loaded here once.
    if job["serving"]:
        warm_keys()
    try:
        return dict(zip(LANGS, forked.map_forked(_build_language, LANGS, **job), strict=True))
    except forked.WorkerDied as err:
        raise BuildError(f"{err}; site/ was not changed") from None


def publish(new: Path, site: Path, wait: bool = True, keep_for: float = 60.0) -> None:
    """Make the new build the site in one step: site/ is a link to a complete build, kept beside it,
    and the link is replaced by a rename, so a reader (or a server) sees the old site or the new one,
    never none or half of one. The build before stays, and so does any build replaced less than
    `keep_for` seconds ago, for readers still on it (a slow reader may straddle two publishes).
    `site` is the link's own path: resolved, it would name the build the link points to. Without
    `wait` (make serve), older builds are deleted after this returns, while the browser reloads."""
    for deleting in _DELETING:   # the last publish's, before this one lists the builds
        deleting.join()
    _DELETING.clear()
    versions = site.with_name(f".{site.name}-builds")
    versions.mkdir(parents=True, exist_ok=True)
    current = versions / f"{time.time_ns()}"
    shutil.move(new, current)   # a rename, unless --work is on another file system
    if site.exists() and not site.is_symlink():   # a site/ from before links were used: moved once
        site.rename(versions / f"{time.time_ns()}-old")
    link = site.with_name(f".{site.name}-link")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(current.relative_to(site.parent))
    os.replace(link, site)
    builds = sorted(versions.iterdir(), key=_published_at)
    # each build with the time it was replaced: when the one after it was published
    replaced = [(build, _published_at(after)) for build, after in zip(builds[:-2], builds[1:-1], strict=True)]
    older = [build for build, at in replaced if at < time.time_ns() - keep_for * 1e9 and build != current]

    def delete():
        for old in older:
            shutil.rmtree(old)
    if wait:
        delete()
    else:
        _DELETING.append(threading.Thread(target=delete, daemon=True))
        _DELETING[-1].start()


def _published_at(build: Path) -> int:
    """When a build was published, from its name (nanoseconds), else its folder's time."""
    try:
        return int(build.name.split("-")[0])
    except ValueError:
        return build.stat().st_mtime_ns


_DELETING: list[threading.Thread] = []   # make serve's deletion of older builds, still running


def build(data: Path, site: Path, work: Path, report: Report | None = None,
          site_url: str = DEFAULT_SITE_URL, serving: bool = False, repo_url: str = "") -> None:
    """Build data/ into site/; `serving` for the rebuilds of make serve, which keep work between them."""
    report = report or Report()
    read_labels()
    ds = dataset.load(data)
    if ds.problems:
        raise BuildError("\n".join(map(str, ds.problems)) + f"\n{len(ds.problems)} problem(s) in the data; site/ was not changed")
    report.say(f"data: {ds.summary()} (version {ds.collections['meta']['version']})")
    history = changes.history(data, ds.collections)
    for notice in ds.notices + history.notices:
        report.warn(notice)
    model = Model(ds, history)
    dictionary = work / "jieba-user.txt"
    work.mkdir(parents=True, exist_ok=True)
    dictionary.write_text(user_dictionary(model), encoding="utf-8")
    out = work / "out"
    if out.exists():
        shutil.rmtree(out)
    downloads = work / "downloads"   # the same for both languages: written once, before they fork
    write_downloads(ds, downloads, keep=serving)
    report.say(f"pages: rendering and building {' and '.join(LANGS)} at once")
    # make serve's rebuilds link what is unchanged from the published build (scripts/engine/rebuilds.py)
    current = site.resolve() if serving and site.is_symlink() else None
    published = {lang: current / language_url("/", lang).lstrip("/") for lang in LANGS} if current else {}
    counts = build_languages(ds=ds, model=model, work=work, site_url=site_url, repo_url=repo_url, report=report, dictionary=dictionary,
                             epoch=source_date(), serving=serving, published=published, downloads=downloads)
    new = work / "site-new"
    if new.exists():
        shutil.rmtree(new)
    (out / "zh").rename(new)
    (out / "en").rename(new / "en")
    # make check has checked them: each old address is no live page, each new one is
    redirects = ds.collections.get("redirects") or {}
    urls.write_redirects(new, redirects)
    publish(new, site, wait=not serving)
    report.say(f"built {site}: " + ", ".join(f"{lang} {html} HTML pages ({generated} generated)"
                                             for lang, (generated, html) in counts.items())
               + f"; {report.warnings} warning(s); {report.seconds():.1f} s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build the site from data/.")
    parser.add_argument("--data", default="data", type=Path)
    parser.add_argument("--site", default="site", type=Path)
    parser.add_argument("--work", default=REPO / "build", type=Path, help="scratch folder for the build")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
                        help="the address the site is published at (canonical links, sharing tags, QR codes)")
    parser.add_argument("--repo-url", default=os.environ.get("REPO_URL") or "",
                        help="the project's repository (its issues/new form): each record page links to it to report an error")
    args = parser.parse_args(argv)
    try:
        build(args.data.resolve(), Path(os.path.abspath(args.site)), args.work.resolve(), Report(args.quiet),
              site_url=args.site_url, repo_url=args.repo_url)
    except BuildError as err:
        print(f"build failed: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
