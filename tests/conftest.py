import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.nginx_site import free_port  # noqa: F401  (tests/test_serve.py takes it from here)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


def run(*args, cwd=REPO, env=None):
    """Run a project command the way a user does and capture what it prints."""
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def run_main(module, *args):
    """Run a project command's main() in this process, as run() does in a new one, without its
    interpreter start-up and imports: the exit code, stdout and stderr (an exception fails the test)."""
    import contextlib
    import importlib
    import io
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = importlib.import_module(module).main(list(args))
    return subprocess.CompletedProcess([module, *args], code, out.getvalue(), err.getvalue())


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


LANGS = ("zh", "en")


def _one_of_each_kind():
    from scripts import dataset, urlscheme
    return urlscheme.one_of_each_kind(dataset.load(DATA).collections)


# an address of every kind of page (the registry's, scripts/urlscheme.py), for the tests that open one of each
ONE_OF_EACH_KIND = _one_of_each_kind()


def build_site(data_dir, out_dir, work_dir):
    """A fresh build of its own, for a test that needs one no other test may share."""
    result = run("scripts.build", "--data", str(data_dir), "--site", str(out_dir), "--work", str(work_dir))
    assert result.returncode == 0, result.stderr
    return out_dir


def digest(folder):
    """The bytes of every file of a folder, with its path in it."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _run_folder(tmp_path_factory):
    """A folder of this test run that every pytest-xdist worker sees (each worker's own temporary
    folder is inside the run's)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(tmp_path_factory, name, make):
    """make(folder) run once in the whole test run, by whichever test or worker asks first: the others
    wait for it (a file lock) and get the same folder, which no test changes, and what make returned
    (JSON)."""
    runs = _run_folder(tmp_path_factory) / "once"
    runs.mkdir(exist_ok=True)
    folder, done = runs / name, runs / f"{name}.json"
    with open(runs / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)   # what a failed attempt left half made
            folder.mkdir()
            done.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(done.read_text(encoding="utf-8"))


def shared_build(tmp_path_factory, name, data_dir, *options, env=None):
    """`make build` of data_dir with options, made once in the whole test run (once()), keyed on the
    data's bytes, the options and the environment given: (site folder, what the build printed, as a
    CompletedProcess)."""
    key = hashlib.sha256(json.dumps([digest(data_dir), options, env or {}]).encode()).hexdigest()[:16]

    def make(root):
        result = run("scripts.build", "--data", str(data_dir), "--site", str(root / "site"), "--work", str(root / "work"),
                     *options, env=env)
        assert result.returncode == 0, result.stderr
        return [result.args, result.returncode, result.stdout, result.stderr]

    root, result = once(tmp_path_factory, f"build-{name}-{key}", make)
    return root / "site", subprocess.CompletedProcess(*result)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built from the real data, once for the whole test run."""
    return shared_build(tmp_path_factory, "site", DATA)[0]


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory):
    """A copy of data/ with hostile payloads in the text of one record of each kind
    (test_hostile_pages.write_hostile_data), built once with -q: (site folder, what the build printed,
    the pages showing a poisoned record)."""
    from test_hostile_pages import write_hostile_data
    data = tmp_path_factory.mktemp("hostile-data") / "data"
    shown = write_hostile_data(data)
    site, result = shared_build(tmp_path_factory, "hostile", data, "-q")
    return site, result, shown


# Where the removed project's address is redirected, as data/redirects.yaml says it
REDIRECTED = ("projects/5g-applications/", "projects/yuqian-cloud-computing-park/")
# and the renamed project's English name, before and after
RENAMED = ("en: Chongqing–Guizhou Railway\n", 'en: "Chongqing–Guizhou Railway (edited)"\n')


def remove_a_record(data):
    """Remove a project from a copy of data/ as an editor does, with its address redirected (REDIRECTED)."""
    projects = (data / "projects.yaml").read_text(encoding="utf-8")
    start = projects.index('- id: "5g-applications"')
    end = projects.index('- id: "qineng-phase-2"')
    (data / "projects.yaml").write_text(projects[:start] + projects[end:], encoding="utf-8")
    (data / "redirects.yaml").write_text('"%s": "%s"\n' % REDIRECTED, encoding="utf-8")


def rename_a_record(data):
    """Change a project's English name in a copy of data/ (RENAMED)."""
    projects = (data / "projects.yaml").read_text(encoding="utf-8")
    assert RENAMED[0] in projects
    (data / "projects.yaml").write_text(projects.replace(*RENAMED, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def removed_record(tmp_path_factory):
    """A copy of data/ edited as an editor does (a project removed and redirected, another renamed), and
    its site, built once for the tests of a removed record and of make serve's rebuilds: (data folder,
    site folder, what the build printed)."""
    data = tmp_path_factory.mktemp("removed") / "data"
    shutil.copytree(DATA, data)
    remove_a_record(data)
    rename_a_record(data)
    site, result = shared_build(tmp_path_factory, "removed", data)
    return data, site, result


def html_pages(site_dir):
    """Every HTML page of the site with its URL path ("" for the home page, "en/projects/x/", ...)."""
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.endswith("index.html"):
            yield rel[: -len("index.html")], path
        else:
            yield rel, path


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

SITE_URL = "https://example.org/qijiang/"
REPO_URL = "https://github.com/example/qijiang-reference"


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The site built as a publisher builds it, with the address it is published at and the
    repository errors are reported to, served as files: (site folder, base URL)."""
    import functools
    import http.server
    import threading
    site, _ = shared_build(tmp_path_factory, "published", DATA, "--site-url", SITE_URL, env={"REPO_URL": REPO_URL})
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()




# make dist's Brotli level in the tests: its best takes 22 s of CPU on this site, 5 a third of a
# second; the copies are served and read back whole, never measured (scripts/dist.py)
DIST_QUALITY = 5


@pytest.fixture(scope="session")
def dist_site(site, tmp_path_factory):
    """The built site after `make dist` (.gz and .br copies), as it is deployed."""
    def make(folder):
        shutil.copytree(site, folder / "site")
        result = run("scripts.dist", "--site", str(folder / "site"), "--brotli-quality", str(DIST_QUALITY))
        assert result.returncode == 0, result.stderr

    return once(tmp_path_factory, "dist", make)[0] / "site"


@pytest.fixture(scope="session")
def served(dist_site, tmp_path_factory):
    """The deployed site served by Debian's nginx with the project's own deploy/nginx.conf, on a
    loopback port. A missing nginx is a failure, never a skip (make test installs it first)."""
    from tools.nginx_site import NginxError, serve
    try:
        with serve(dist_site, tmp_path_factory.mktemp("nginx")) as base:
            yield base
    except NginxError as err:
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def browser():
    """Real Chromium through Playwright. A missing browser is a failure, never a skip."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' (make test does: tools/system_deps.py)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


INDEX_PATH = "/search/search_index.json"


def without_search_index(page):
    """As each page loads, Material's search worker fetches its language's whole search index and
    indexes it: about 0.45 s of Chromium's CPU, against 0.27 s for the rest of a page load (measured on
    this 2-core VM, 2026-12-05). A test that opens every page in a context of its own to read what the
    page itself shows, and never searches, leaves it out: the browser refuses the fetch at once (CDP's
    Network.setBlockedURLs). The refusal is an error in the page's console, and a CDP session of the
    test's own makes Chromium drop print media emulated before a page loads: the page fixture's tests
    have with_an_empty_search_index instead. The block lasts until the test ends."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setBlockedURLs", {"urls": ["*" + INDEX_PATH]})
    page.sessions = [*getattr(page, "sessions", []), cdp]


_EMPTY_INDEXES = {}


def with_an_empty_search_index(page):
    """The page's search index, as each page loads, is its language's own with no documents in it:
    Material's worker starts as on the site, without an error, and has nothing to index (0.35 s of
    Chromium's CPU a page load, against 0.72 s with the index, measured as above). A Playwright route,
    which the page fixture lifts after the test."""
    def empty(route):
        url = route.request.url
        if url not in _EMPTY_INDEXES:
            import urllib.request
            config = json.loads(urllib.request.urlopen(url, timeout=30).read())["config"]
            _EMPTY_INDEXES[url] = json.dumps({"config": config, "docs": []})
        route.fulfill(status=200, content_type="application/json", body=_EMPTY_INDEXES[url])
    page.route("**" + INDEX_PATH, empty)


DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def tab(browser):
    """The browser tab of this test process that the page fixture hands from test to test. Opening a
    new tab costs Chromium about 0.55 s of CPU and a navigation in an open one about 0.2 s
    (measured on this 2-core VM, 2026-12-05), and the page fixture serves some 200 tests."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def _empty_tab(tab, origins):
    """Put the tab back as a new tab is: nothing loaded, nothing stored by the sites it visited, the
    desktop size, the screen's media, no permissions, nothing blocked or answered in the site's place."""
    for cdp in getattr(tab, "sessions", []):
        cdp.detach()
    tab.sessions = []
    tab.unroute_all()
    for origin in origins:   # what the sites stored, each read in a page of its own origin
        if urlsplit(tab.url)._replace(path="", query="", fragment="").geturl() != origin:
            tab.goto(f"{origin}/sitemap.xml")
        tab.evaluate("() => { localStorage.clear(); sessionStorage.clear() }")
    tab.goto("about:blank")
    tab.context.clear_cookies()
    tab.context.clear_permissions()
    tab.set_viewport_size(DESKTOP)
    tab.emulate_media(media="null", color_scheme="null")


@pytest.fixture
def page(tab, served, request):
    """A page that records console errors and any request that leaves the site: the process's one tab
    (above), emptied after each test. A test that changes the tab in a way _empty_tab does not undo
    (an init script, an exposed function, a route) opens a context of its own instead.

    A test marked no_search gets an empty search index (with_an_empty_search_index), which the
    browser indexes in no time. Only a test that never uses the search box, nor checks anything the search does
    (opens, highlights, fails to open), is marked."""
    origins = set()
    if request.node.get_closest_marker("no_search"):
        with_an_empty_search_index(tab)
    handlers = _record_errors(tab, served)
    handlers["framenavigated"] = lambda f: origins.add(urlsplit(f.url)._replace(path="", query="", fragment="").geturl()) \
        if f.url.startswith("http") else None
    tab.on("framenavigated", handlers["framenavigated"])
    yield tab
    for event, handler in handlers.items():
        tab.remove_listener(event, handler)
    _empty_tab(tab, origins)


def _record_errors(page, served):
    """Console errors and requests that leave the site, on page.errors and page.offsite from now on:
    the handlers, to remove when the test ends."""
    page.errors, page.offsite = [], []
    handlers = {
        "console": lambda m: page.errors.append(m.text) if m.type == "error" else None,
        "pageerror": lambda e: page.errors.append(str(e)),
        "request": lambda r: page.offsite.append(r.url) if not r.url.startswith(served) else None,
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    return handlers


@pytest.fixture(scope="session")
def _search_tabs(browser, served):
    """A tab of each language's home page, kept open for the tests that type queries one after another,
    as a reader does: the search worker indexes the language's index once, not once a query (about
    0.45 s of Chromium's CPU each time)."""
    from tools.searchbox import material
    context = browser.new_context(viewport=DESKTOP)
    boxes = {}

    def box(lang):
        home = served + ("/en/" if lang == "en" else "/")
        if lang not in boxes or boxes[lang].page.url != home:   # a test that went elsewhere: loaded again
            tab = boxes[lang].page if lang in boxes else context.new_page()
            tab.goto(home)
            boxes[lang] = material(tab, home)
        return boxes[lang]
    yield box
    context.close()


@pytest.fixture
def search_box(_search_tabs, served):
    """lang -> Material's search box on that language's home page (tools/searchbox.py), in a tab the
    tests that search share; the tab's page records this test's console errors and requests that
    leave the site (.errors, .offsite)."""
    used = []

    def box(lang):
        found = _search_tabs(lang)
        used.append((found.page, _record_errors(found.page, served)))
        return found
    yield box
    for tab, handlers in used:
        for event, handler in handlers.items():
            tab.remove_listener(event, handler)


# Tests that need a built site, a browser or a server: `make test-fast` leaves them out, for a quick
# loop while editing (`make test` runs everything).
SLOW_FIXTURES = {"site", "dist_site", "served", "published", "browser", "tab", "page", "search_box"}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds a site or drives a browser (left out by make test-fast)")
    config.addinivalue_line("markers", "no_search: never searches; the page fixture leaves the search index out")


# The tests that take longest (each 20 s or more on two loaded cores, measured with --durations): they
# run first, so that the two workers of make test (pyproject.toml: -n 2, one test handed out at a time)
# do not end with one of them still running a long test while the other has nothing left.
LONGEST = [
    "test_hostile_pages.py::test_no_payload_becomes_markup_on_any_page",
    "test_phone_layout.py::test_no_table_is_wider_than_its_column_on_a_phone",
    "test_serve.py::test_make_serve_shows_edits_to_labels_templates_and_renderer_code",
    "test_serve.py::test_a_serve_rebuild_after_an_edit_equals_a_fresh_build",
    "test_markup.py::test_pages_have_no_markup_errors_of_ours",
    "test_changes.py::test_releases_are_listed_on_a_shallow_clone",
    "test_build_hardening.py::test_two_builds_of_the_same_commit_are_identical",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    first = {name: n for n, name in enumerate(LONGEST)}
    items.sort(key=lambda item: first.get(item.nodeid.split("/")[-1], len(first)))   # stable: the rest keep their order
