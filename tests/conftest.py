import os
import shutil
import subprocess
import sys
from pathlib import Path

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
    result = run("scripts.build", "--data", str(data_dir), "--site", str(out_dir), "--work", str(work_dir))
    assert result.returncode == 0, result.stderr
    return out_dir


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built from the real data, once for the whole test run."""
    root = tmp_path_factory.mktemp("site")
    return build_site(DATA, root / "site", root / "work")


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
    out = tmp_path_factory.mktemp("published")
    result = run("scripts.build", "--site", str(out / "site"), "--work", str(out / "work"), "--site-url", SITE_URL,
                 env={"REPO_URL": REPO_URL})
    assert result.returncode == 0, result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out / "site"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out / "site", f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()




@pytest.fixture(scope="session")
def dist_site(site, tmp_path_factory):
    """The built site after `make dist` (.gz and .br copies), as it is deployed."""
    copy = tmp_path_factory.mktemp("dist") / "site"
    shutil.copytree(site, copy)
    result = run("scripts.dist", "--site", str(copy))
    assert result.returncode == 0, result.stderr
    return copy


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


@pytest.fixture
def page(browser, served):
    """A fresh page that records console errors and any request that leaves the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors, pg.offsite = [], []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.offsite.append(r.url) if not r.url.startswith(served) else None)
    yield pg
    context.close()


# Tests that need a built site, a browser or a server: `make test-fast` leaves them out, for a quick
# loop while editing (`make test` runs everything).
SLOW_FIXTURES = {"site", "dist_site", "served", "published", "browser", "page"}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds a site or drives a browser (left out by make test-fast)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
