"""The built site: a page per record in both languages, links that resolve, a language switch that
lands on the same page, and nothing loaded from outside the site."""
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import DATA, LANGS, REPO, html_pages, run, run_main
from htmlscan import read

RECORD_KINDS = ("areas", "tasks", "projects")


def records(kind, data=DATA):
    return yaml.safe_load((data / f"{kind}.yaml").read_text(encoding="utf-8"))


def page_file(site, url_path):
    path = site / unquote(url_path)
    return path / "index.html" if path.is_dir() else path


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_every_record_has_a_page_in_both_languages(site, kind):
    for record in records(kind):
        zh = read(site / kind / record["id"] / "index.html")
        en = read(site / "en" / kind / record["id"] / "index.html")
        assert zh.h1.strip(" ¶\n") == record["name"]["zh"]
        assert en.h1.strip(" ¶\n") == record["name"]["en"]


def test_each_field_is_a_name_and_its_value(site):
    """A record's fields are a definition list of name, value, name, value: never a list folded into
    a value (what a value line that ends in a template tag once made of the next field)."""
    pages = 0
    for url, path in html_pages(site):
        for fields in read(path).fields:
            assert fields and fields == ["dt", "dd"] * (len(fields) // 2), (url, fields)
            pages += 1
    assert pages > 100


def test_no_script_holds_up_the_first_paint(site):
    """Every script file a page loads is deferred: none is render-blocking (Lighthouse's FCP)."""
    for url, path in html_pages(site):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", path.read_text(encoding="utf-8"))
        assert len(tags) >= (3 if url != "404.html" and url != "en/404.html" else 1), (url, tags)
        assert all(" defer" in tag for tag in tags), (url, tags)


def test_every_internal_link_and_anchor_resolves(site):
    pages = dict(html_pages(site))
    ids = {}
    checked = 0
    for url, path in pages.items():
        page = read(path)
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = resolve(url, parts.path) if parts.path else url
            file = page_file(site, target)
            assert file.is_file(), f"{url}: link {href} -> {target} does not exist"
            if parts.fragment and file.suffix == ".html":
                if file not in ids:
                    ids[file] = read(file).ids
                assert unquote(parts.fragment) in ids[file], f"{url}: anchor #{parts.fragment} missing in {target}"
            checked += 1
    assert checked > 1000


def counterpart(url):
    return url[3:] if url.startswith("en/") else "en/" + url


def resolve(url, href):
    base = "/" + url if url.endswith("/") or url == "" else "/" + posixpath.dirname(url) + "/"
    out = posixpath.normpath(posixpath.join(base, href)).lstrip("/")
    return out + "/" if href.endswith("/") and out and out != "." else ("" if out == "." else out)


HREFLANG = {"zh": "zh-Hans", "en": "en"}   # html lang and hreflang of each language's pages


def test_language_switch_and_hreflang_point_at_the_counterpart(site):
    seen = 0
    for url, path in html_pages(site):
        if url.endswith("404.html") or not url.endswith("/") and url != "":
            continue
        page = read(path)
        lang = "en" if url.startswith("en/") else "zh"
        assert page.html_lang == HREFLANG[lang], url
        switch = {code: href for code, href in page.switches}
        heads = dict(page.heads)
        # the Chinese page is the default for readers whose language is neither
        assert set(switch) == set(HREFLANG.values()) and set(heads) == {*HREFLANG.values(), "x-default"}, url
        assert heads["x-default"] == heads["zh-Hans"], url
        for other in LANGS:
            expected = url if other == lang else counterpart(url)
            assert resolve(url, switch[HREFLANG[other]]) == expected, (url, switch[HREFLANG[other]])
            assert resolve(url, heads[HREFLANG[other]]) == expected, (url, heads[HREFLANG[other]])
            assert page_file(site, expected).is_file()
        seen += 1
    assert seen > 100


def test_nothing_is_loaded_from_outside_the_site(site):
    for url, path in html_pages(site):
        for src in read(path).sources:
            assert not urlsplit(src).netloc, f"{url} loads {src}"
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_sidebar_holds_sections_not_every_record(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    nav = text[text.index('<nav class="md-nav md-nav--primary"'):text.index("</nav>", text.index('<nav class="md-nav md-nav--primary"'))]
    for project in records("projects")[:5]:
        assert f"projects/{project['id']}/" not in nav


def test_removed_record_loses_its_pages(removed_record):
    """Its page is gone from both languages and from the index; its address holds only the redirect
    (test_a_dropped_address_fails_until_it_is_redirected)."""
    _, out, _ = removed_record
    for prefix in ("", "en/"):
        folder = out / prefix / "projects" / "5g-applications"
        assert [p.name for p in folder.iterdir()] == ["index.html"]
        moved = (folder / "index.html").read_text(encoding="utf-8")
        assert "<title>Moved</title>" in moved and "5G" not in moved
    assert (out / "projects" / "qineng-phase-2" / "index.html").is_file()
    assert "5g-applications" not in (out / "projects" / "index.html").read_text(encoding="utf-8")


def test_each_language_has_its_own_search_index(site):
    import json
    zh = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert zh["config"]["lang"] == ["zh"] and en["config"]["lang"] == ["en"]
    # no stemmer: word forms are in the keys (Material's trailing wildcard skips lunr's stemmer)
    assert "stemmer" not in en["config"]["pipeline"]
    assert all(not d["location"].startswith("en/") for d in zh["docs"])
    # record pages carry their names, parts of names and other spellings as hidden search words
    keys = {d["location"]: d.get("keys", "") for d in zh["docs"]}
    names = {d["location"]: d.get("names", "") for d in zh["docs"]}
    # and its names, whole and normalised, for the worker to put the record named first
    assert {"綦万正高速", "qijiangwanshengzhenganexpressway", "qiwanzhenggaosu"} <= set(names["projects/qiwanzheng-expressway/"].split("\n"))
    assert "遵義市" in names["places/#zunyi"].split("\n")
    assert "万正高速" in keys["projects/qiwanzheng-expressway/"].split()
    assert "350高铁" in keys["projects/yuqian-350-hsr/"].split()
    # a long name is split by jieba's own dictionary, not the build's (which keeps names whole)
    assert {"万盛", "经济技术开发区"} <= set(keys["places/#wansheng"].split())
    en_keys = {d["location"]: d.get("keys", "") for d in en["docs"]}
    assert "aluminum" in en_keys["projects/qineng-phase-2/"].split()
    assert "railways" in en_keys["projects/yuqian-railway/"].split()


@pytest.mark.parametrize("pattern", ["assets/javascripts/workers/search.*.min.js", "assets/javascripts/bundle.*.min.js",
                                     "assets/stylesheets/palette.*.min.css"])
def test_material_files_are_published_mended_in_both_languages(site, pattern):
    from scripts.engine.mends import MENDS
    for root in (site, site / "en"):
        (published,) = root.glob(pattern)
        text = published.read_text(encoding="utf-8")
        for old, new, _ in MENDS[pattern].REPLACEMENTS:
            assert new in text and old not in text, (published, old)
        # the pages load the mended file, never Material's own under its name
        assert published.name in (root / "index.html").read_text(encoding="utf-8")
        assert len(list(root.glob(pattern))) == 1


@pytest.mark.parametrize("module", ["worker", "bundle", "palette"])
@pytest.mark.parametrize("times", [0, 2])
def test_a_mend_applies_only_where_its_text_occurs_exactly_once(module, times):
    import importlib

    from scripts.engine.mends import MaterialChanged, mend
    mended = importlib.import_module(f"scripts.engine.{module}")
    text = " ".join(old for old, _, _ in mended.REPLACEMENTS for _ in range(times)) or "a future version"
    with pytest.raises(MaterialChanged, match=f"review scripts/engine/{module}.py"):
        mend(text, mended)


@pytest.mark.parametrize("module,kind", [("worker", "correctness"), ("bundle", "speed"), ("palette", "speed")])
def test_a_changed_material_file_stops_the_build_only_for_a_correctness_mend(module, kind, tmp_path, monkeypatch):
    """Material changed under a mend: the search worker's (correctness) stops the build; the main
    script's and the palette's (speed) are left out with one warning, and Material's own file is used."""
    import importlib

    from scripts.engine import mends
    mended = importlib.import_module(f"scripts.engine.{module}")
    assert mended.KIND == kind
    pattern = next(p for p, m in mends.MENDS.items() if m is mended)
    (original,) = mends.THEME.glob(pattern)
    theme = tmp_path / "templates"
    shutil.copytree(mends.THEME / "assets", theme / "assets")
    changed = theme / original.relative_to(mends.THEME)
    changed.write_text(changed.read_text(encoding="utf-8").replace(mended.REPLACEMENTS[0][0], "/* changed */"), encoding="utf-8")
    monkeypatch.setattr(mends, "THEME", theme)
    mends.mended_files.cache_clear()
    try:
        if kind == "correctness":
            with pytest.raises(mends.MaterialChanged, match=f"review scripts/engine/{module}.py"):
                mends.mended_files()
        else:
            files, warnings = mends.mended_files()
            assert len(warnings) == 1 and f"scripts/engine/{module}.py" in warnings[0] and "slower" in warnings[0]
            assert original.name not in {f.old for f in files} and len(files) == len(mends.MENDS) - 1
    finally:
        mends.mended_files.cache_clear()


def test_own_assets_and_the_mended_worker_have_content_hashed_names(site):
    import hashlib
    for root in (site, site / "en"):
        assets = root / "assets"
        html = (root / "index.html").read_text(encoding="utf-8")
        for pattern in ("site.*.css", "filters.*.js", "javascripts/workers/search.*.min.js",
                        "javascripts/bundle.*.min.js", "stylesheets/palette.*.min.css"):
            (path,) = assets.glob(pattern)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
            assert path.name.split(".")[1] == digest, path
            assert path.name in html
        assert not (assets / "site.css").exists() and "assets/site.css" not in html


def test_every_published_address_still_resolves(site):
    from scripts import urls
    dropped = urls.published() - urls.site_urls(site)
    assert not dropped, f"published pages gone without a redirect in data/redirects.yaml: {sorted(dropped)}"


def test_a_dropped_address_fails_until_it_is_redirected(tmp_path, removed_record):
    """The removed-record build (tests/conftest.py) redirects the removed project's address: it passes
    `make urls`'s check, and each language's old address sends the reader on to the page it names. The
    same site without the redirect's pages, as the build leaves it when data/redirects.yaml does not name
    the address, fails with the address named."""
    from conftest import REDIRECTED
    _, out, _ = removed_record
    assert run("scripts.urls", "--site", str(out)).returncode == 0
    for prefix in ("", "en/"):
        moved = (out / prefix / "projects" / "5g-applications" / "index.html").read_text(encoding="utf-8")
        target = re.search(r'url=([^"]+)"', moved).group(1)
        assert (out / prefix / "projects" / "5g-applications" / target / "index.html").resolve().is_file()
        assert target.endswith(REDIRECTED[1])

    unredirected = tmp_path / "site"
    shutil.copytree(out, unredirected, copy_function=os.link,
                    ignore=lambda folder, names: ["5g-applications"] if Path(folder).name == "projects" else [])
    result = run("scripts.urls", "--site", str(unredirected))
    assert result.returncode == 1
    assert "/projects/5g-applications/ is gone" in result.stderr and "/en/projects/5g-applications/ is gone" in result.stderr


def test_a_redirect_to_nowhere_fails_the_build(tmp_path, data_copy):
    (data_copy / "redirects.yaml").write_text('"projects/old/": "projects/no-such-project/"\n', encoding="utf-8")
    result = run_main("scripts.build", "--data", str(data_copy), "--site", str(tmp_path / "site"), "--work", str(tmp_path / "w"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "projects/no-such-project/" in result.stderr and not (tmp_path / "site").exists()


@pytest.mark.parametrize("line,words", [
    ('"projects/qineng-phase-2/": "projects/shale-gas-base/"', "'projects/qineng-phase-2/' is a live page"),
    ('"../../etc/": "plan/"', "invalid value '../../etc/'"),
    ('"https://example.org/": "plan/"', "invalid value 'https://example.org/'"),
    ('"projects/old/": "https://example.org/"', "invalid value 'https://example.org/'"),
    ('"projects/old/": ["plan/"]', "expected text, got list"),
    # English addresses are live pages too: the English home page, an English page, an English record
    ('"en/": "plan/"', "'en/' is inside 'en/', the English site"),
    ('"en/plan/": "projects/"', "'en/plan/' is inside 'en/', the English site"),
    ('"en/projects/qineng-phase-2/": "plan/"', "'en/projects/qineng-phase-2/' is inside 'en/'"),
    ('"assets/": "plan/"', "'assets/' is inside 'assets/', the site's own files"),
])
def test_make_check_reads_redirects_with_line_numbers(data_copy, line, words):
    """Redirects are data: an old address that is a live page in either language, or leaves the
    site, is rejected."""
    (data_copy / "redirects.yaml").write_text("# moved pages\n" + line + "\n", encoding="utf-8")
    result = run_main("scripts.check", "--data", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(rf"redirects\.yaml:2: .*{re.escape(words)}", result.stderr), result.stderr


def test_changes_page_names_the_current_version_in_both_languages(site):
    version = yaml.safe_load((DATA / "meta.yaml").read_text(encoding="utf-8"))["version"]
    for root, title in ((site, "版本与变更"), (site / "en", "Versions and changes")):
        html = (root / "changes" / "index.html").read_text(encoding="utf-8")
        assert re.search(f"<h1[^>]*>{title}<", html)
        assert f" {version}" in html.split("<h2")[1]
        tagged = subprocess.run(["git", "tag", "-l", "v*"], cwd=DATA, capture_output=True, text=True).stdout.split()
        if not tagged:   # no version tagged in this clone: the page counts the records as they are
            projects = len(yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8")))
            assert f"<td>{projects}</td>" in html
        assert 'href="changes/"' in (root / "index.html").read_text(encoding="utf-8")   # in the navigation


def test_labels_keep_the_space_after_an_english_colon(site):
    text = lambda path: re.sub(r"<[^>]+>", "", (site / path).read_text(encoding="utf-8"))  # noqa: E731
    version = yaml.safe_load((DATA / "meta.yaml").read_text(encoding="utf-8"))["version"]
    assert f"Dataset version: {version}" in text("en/downloads/index.html")
    assert "Purpose: " in text("en/areas/corridor-resources/index.html")
    assert f"数据集版本：{version}" in text("downloads/index.html")


def test_the_address_scheme_names_every_built_page(site):
    """scripts/urlscheme.py is what redirects are checked against: it must know every page."""
    from scripts import dataset, urls
    from scripts.urlscheme import live_addresses
    live = live_addresses(dataset.load(DATA).collections)
    built = {u for u in urls.site_urls(site) if not u.startswith("en/")}
    built -= {u for u in built if u.startswith(("assets/", "search/", "downloads/")) and u != "downloads/"}
    moved = set(yaml.safe_load((DATA / "redirects.yaml").read_text(encoding="utf-8")) or {})
    assert built - moved == live


def test_the_serve_cache_is_left_out_with_a_warning_when_mkdocs_changes(monkeypatch):
    """The serve cache is a speed patch: MkDocs without what it relies on gives one warning and
    rebuilds without it, never a failed build."""
    from scripts import engine
    from scripts.engine import rebuilds
    rebuilds.fits.cache_clear()
    assert rebuilds.fits() is None
    monkeypatch.setitem(rebuilds.NEEDS, "mkdocs.structure.pages", ("def render(self, config", "a_future_internal"))
    rebuilds.fits.cache_clear()
    try:
        assert "a_future_internal not found" in rebuilds.fits()
        warnings = engine.load(serving=True)
        assert any("make serve rebuilds every page" in w for w in warnings)
        assert not any("make serve" in w for w in engine.load(serving=False))
    finally:
        rebuilds.fits.cache_clear()


def test_nothing_outside_the_engine_imports_mkdocs_or_material():
    found = []
    for path in [*(REPO / "scripts").rglob("*.py"), *(REPO / "tools").rglob("*.py")]:
        if "engine" in path.relative_to(REPO).parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*(import|from)\s+(mkdocs|material)\b", line):
                found.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert not found, found


def test_the_registry_of_kinds_is_what_the_site_publishes(site):
    """One registry (scripts/urlscheme.py) states the kinds of page: the built site has exactly its
    addresses in both languages, the nav lists each index page, and one of each kind includes the
    pages hand lists used to miss."""
    from scripts import dataset, urlscheme
    from scripts.urls import site_urls
    collections = dataset.load(DATA).collections
    live = urlscheme.live_addresses(collections)
    assert site_urls(site) == live | {"en/" + a for a in live}
    nav_html = (site / "index.html").read_text(encoding="utf-8").split('class="md-nav md-nav--primary"')[1]
    in_nav = set(re.findall(r'href="([^"#]*)" class="md-nav__link', nav_html))
    assert {urlscheme.address(p.path) for p in urlscheme.index_pages(collections) if p.section} <= in_nav
    kinds = urlscheme.one_of_each_kind(collections)
    for needed in ("documents/", "methods/", "changes/", "404.html", "sources/"):
        assert needed in kinds
