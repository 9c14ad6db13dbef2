"""`make serve` rebuilds keep Markdown conversions, search entries and unchanged files (scripts/engine/rebuilds.py):
a rebuild after an edit must publish exactly what a fresh `make build` of the edited data publishes."""
import pickle
import re

from conftest import REDIRECTED, REPO, remove_a_record, rename_a_record
from scripts.build import build
from scripts.report import Report


def files(site):
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_serve_rebuild_after_an_edit_equals_a_fresh_build(tmp_path, data_copy, removed_record):
    """make serve's build of data/ without a project (conftest's remove_a_record), then its rebuild after
    an edit of another project's name (rename_a_record), publishes the bytes of `make build` of the
    edited data (the removed-record build, which other tests read too)."""
    quiet = Report(quiet=True)
    work = tmp_path / "serve-work"
    remove_a_record(data_copy)
    build(data_copy, tmp_path / "serve-site", work, report=quiet, serving=True)
    kept = work / "template-cache" / "rebuilds"
    before = {name: pickle.loads((kept / f"mkdocs.en.{name}.pickle").read_bytes()) for name in ("conversions", "search")}
    first = (tmp_path / "serve-site").resolve()   # the published build, which the rebuild links to
    first_files = files(first)

    rename_a_record(data_copy)
    build(data_copy, tmp_path / "serve-site", work, report=quiet, serving=True)
    _, fresh_site, _ = removed_record

    served, fresh = files(tmp_path / "serve-site"), files(fresh_site)
    assert served.keys() == fresh.keys()
    assert [path for path in served if served[path] != fresh[path]] == []
    page = (tmp_path / "serve-site" / "en" / "projects" / "yuqian-railway" / "index.html").read_text(encoding="utf-8")
    assert "Chongqing–Guizhou Railway (edited)" in page
    assert "<title>Moved</title>" in (tmp_path / "serve-site" / REDIRECTED[0] / "index.html").read_text(encoding="utf-8")

    # most pages were taken from the first build, and the edited ones made again
    for name in ("conversions", "search"):
        after = pickle.loads((kept / f"mkdocs.en.{name}.pickle").read_bytes())
        same, new = after.keys() & before[name].keys(), after.keys() - before[name].keys()
        assert len(same) > len(after) / 2 and 0 < len(new) < len(after) / 2, name
    fresh_work = fresh_site.parent / "work"   # conftest's shared_build
    assert fresh_work.is_dir() and not any(fresh_work.rglob("rebuilds"))   # make build keeps nothing

    # unchanged pages and files are hard links to the build before, which the rebuild left as it was
    assert files(first) == first_files
    second = (tmp_path / "serve-site").resolve()
    linked = {str(path) for path in served if (first / path).exists() and (second / path).samefile(first / path)}
    assert len(linked) > len(served) * 0.9
    assert not linked & {"en/projects/yuqian-railway/index.html", "en/search/search_index.json", "en/projects/index.html"}


def _serve_copy(tmp_path):
    """A copy of the project to serve and edit, so the test never touches the real files."""
    import shutil
    root = tmp_path / "project"
    for name in ("scripts", "docs", "data", "mkdocs.yml", "mkdocs.en.yml"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    return root


def _wait_for(url, words, seconds=90):
    import time
    import urllib.request
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if words in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{words!r} never appeared at {url}")


def test_make_serve_shows_edits_to_labels_templates_and_renderer_code(tmp_path, browser):
    """An editor sees what they changed on the next rebuild: a label, a template, the renderer's
    own Python code (which restarts make serve, as a fork would run the old code), and a mistake in
    the data, shown in the browser over the last good page until it is fixed."""
    import os
    import subprocess
    import sys

    from conftest import free_port
    root = _serve_copy(tmp_path)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(root)}
    server = subprocess.Popen([sys.executable, "-m", "scripts.serve", "--port", str(port)], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        home = f"http://127.0.0.1:{port}/en/"
        _wait_for(home, "Qijiang's six tasks")

        labels = root / "scripts" / "render" / "labels.yaml"
        labels.write_text(labels.read_text(encoding="utf-8").replace(
            "tasks: {zh: 綦江六大任务, en: Qijiang's six tasks}", "tasks: {zh: 綦江六大任务, en: Qijiang's six tasks EDITED}"),
            encoding="utf-8")
        _wait_for(home, "Qijiang's six tasks EDITED")

        template = root / "scripts" / "render" / "templates" / "methods.md.j2"
        template.write_text(template.read_text(encoding="utf-8").replace("## What counts as a project", "## What counts as a project, edited"),
                            encoding="utf-8")
        _wait_for(f"http://127.0.0.1:{port}/en/methods/", "What counts as a project, edited")

        # a mistake in the data: the browser shows it (file:line: record: field) on top of the last good page
        projects = root / "data" / "projects.yaml"
        good = projects.read_text(encoding="utf-8")
        assert "  status: completed\n" in good
        projects.write_text(good.replace("  status: completed\n", "  status: finished-ish\n", 1), encoding="utf-8")
        _wait_for(home, "data-problems")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(home)
            box = page.locator("#data-problems")
            assert box.is_visible()
            assert re.search(r"data/projects\.yaml:\d+: [a-z0-9-]+: status: .*finished-ish", box.inner_text())
            assert page.evaluate("document.elementFromPoint(640, 20).closest('#data-problems') !== null")
            assert page.locator("h1").count() >= 1   # the last good page is still there, under it
            projects.write_text(good, encoding="utf-8")
            page.wait_for_function("document.getElementById('data-problems') === null", timeout=90_000)   # live reload
        finally:
            page.close()

        code = root / "scripts" / "render" / "__init__.py"
        code.write_text(code.read_text(encoding="utf-8").replace('<p class="page-data">', '<p class="page-data code-edited">'),
                        encoding="utf-8")
        _wait_for(home, "code-edited", seconds=120)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
