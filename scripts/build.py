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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jinja2

from scripts import changes, dataset, urls
from scripts.downloads import write_downloads
from scripts.report import Report
from scripts.render import LANGS, render
from scripts.render.model import Model
from scripts.search import add_keys, keys, user_dictionary

REPO = Path(__file__).resolve().parents[1]
CONFIGS = {"zh": REPO / "mkdocs.yml", "en": REPO / "mkdocs.en.yml"}
PAGES = REPO / "docs" / "pages"
ASSETS = REPO / "docs" / "assets"


class BuildError(Exception):
    """A build that must not publish; the message says why."""


def write_docs(ds, model: Model, lang: str, docs: Path, site_url: str, report: Report) -> int:
    """Write one language's Markdown: generated pages, hand-written pages, assets, downloads."""
    if docs.exists():
        shutil.rmtree(docs)
    total = sum(1 for _ in model.pages())
    count = 0
    for path, text in render(model, lang, language_url(site_url, lang)):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1
        report.progress(count, total, f"rendering {lang} pages")
    shutil.copytree(PAGES / lang, docs, dirs_exist_ok=True)
    shutil.copytree(ASSETS, docs / "assets", dirs_exist_ok=True)
    write_downloads(ds, docs / "downloads")
    return count


def source_date() -> str:
    """The time the build says it was made (sitemaps, archives): the commit's, so builds are reproducible."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "0"


DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def language_url(site_url: str, lang: str) -> str:
    return site_url.rstrip("/") + "/" + ("en/" if lang == "en" else "")


def run_mkdocs(lang: str, docs: Path, out: Path, dictionary: Path, epoch: str, site_url: str) -> None:
    env = {**os.environ, "DOCS_DIR": str(docs), "OUT_DIR": str(out), "JIEBA_USER_DICT": str(dictionary),
           "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch, "SITE_URL": language_url(site_url, lang)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(CONFIGS[lang])],
                            cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"MkDocs failed for the {lang} site; site/ was not changed:\n"
                         f"{(result.stderr or result.stdout).strip()}")


def publish(new: Path, site: Path) -> None:
    """Replace site/ with the new build in two renames, so it is never half-written."""
    old = new.with_name(new.name + "-old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def build(data: Path, site: Path, work: Path, sources=None, report: Report | None = None,
          site_url: str = DEFAULT_SITE_URL) -> None:
    report = report or Report()
    ds = dataset.load(data, sources)
    if ds.problems:
        raise BuildError("\n".join(map(str, ds.problems)) + f"\n{len(ds.problems)} problem(s) in the data; site/ was not changed")
    report.say(f"data: {ds.summary()} (version {ds.collections['meta']['version']})")
    history = changes.history(data, ds.schema["x-files"], ds.collections)
    for notice in ds.notices + history.notices:
        report.warn(notice)
    model = Model(ds, history)
    try:
        counts = {lang: write_docs(ds, model, lang, work / "docs" / lang, site_url, report) for lang in LANGS}
    except jinja2.TemplateError as err:
        where = f"{err.filename}:{err.lineno}: " if getattr(err, "lineno", None) else ""
        raise BuildError(f"template error: {where}{err}; site/ was not changed") from None
    dictionary = work / "jieba-user.txt"
    dictionary.write_text(user_dictionary(model), encoding="utf-8")
    out = work / "out"
    if out.exists():
        shutil.rmtree(out)

    epoch = source_date()
    report.say("pages: " + ", ".join(f"{lang} {n} generated" for lang, n in counts.items())
               + f"; MkDocs is building {' and '.join(LANGS)} at once")

    def build_language(lang):
        run_mkdocs(lang, work / "docs" / lang, out / lang, dictionary, epoch, site_url)
        add_keys(out / lang / "search" / "search_index.json", keys(model, lang))
        return sum(1 for _ in (out / lang).rglob("*.html"))

    with ThreadPoolExecutor(len(LANGS)) as pool:  # the two languages build at once, one per core
        html_pages = dict(zip(LANGS, pool.map(build_language, LANGS)))
    new = work / "site-new"
    if new.exists():
        shutil.rmtree(new)
    (out / "zh").rename(new)
    (out / "en").rename(new / "en")
    try:
        redirects = urls.read_redirects(data)
    except ValueError as err:
        raise BuildError(f"{err}; site/ was not changed") from None
    built = urls.site_urls(new)
    missing = [f"{old} -> {target}" for old, target in redirects.items()
               if target.strip("/") and target.strip("/") + "/" not in built]
    if missing:
        raise BuildError("data/redirects.yaml points at pages that do not exist: " + ", ".join(missing)
                         + "; site/ was not changed")
    urls.write_redirects(new, redirects)
    publish(new, site)
    report.say(f"built {site}: " + ", ".join(f"{lang} {n} HTML pages" for lang, n in html_pages.items())
               + f"; {report.warnings} warning(s); {report.seconds():.1f} s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build the site from data/.")
    parser.add_argument("--data", default="data", type=Path)
    parser.add_argument("--site", default="site", type=Path)
    parser.add_argument("--work", default=REPO / "build", type=Path, help="scratch folder for the build")
    parser.add_argument("--sources", default=None)
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
                        help="the address the site is published at (canonical links, sharing tags, QR codes)")
    args = parser.parse_args(argv)
    try:
        build(args.data.resolve(), args.site.resolve(), args.work.resolve(), args.sources, Report(args.quiet),
              site_url=args.site_url)
    except BuildError as err:
        print(f"build failed: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
