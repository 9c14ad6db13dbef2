"""`make serve` rebuilds keep Markdown conversions and search entries (scripts/rebuilds.py): a rebuild
after an edit must publish exactly what a fresh `make build` of the edited data publishes."""
import pickle

from scripts.build import build
from scripts.report import Report

OLD, NEW = "en: Chongqing–Guizhou Railway\n", 'en: "Chongqing–Guizhou Railway (edited)"\n'


def files(site):
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_serve_rebuild_after_an_edit_equals_a_fresh_build(tmp_path, data_copy):
    quiet = Report(quiet=True)
    work = tmp_path / "serve-work"
    build(data_copy, tmp_path / "serve-site", work, report=quiet, serving=True)
    kept = work / "template-cache" / "rebuilds"
    before = {name: pickle.loads((kept / f"mkdocs.en.{name}.pickle").read_bytes()) for name in ("conversions", "search")}

    projects = data_copy / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    assert OLD in text
    projects.write_text(text.replace(OLD, NEW, 1), encoding="utf-8")
    build(data_copy, tmp_path / "serve-site", work, report=quiet, serving=True)
    build(data_copy, tmp_path / "fresh-site", tmp_path / "fresh-work", report=quiet)

    served, fresh = files(tmp_path / "serve-site"), files(tmp_path / "fresh-site")
    assert served.keys() == fresh.keys()
    assert [path for path in served if served[path] != fresh[path]] == []
    page = (tmp_path / "serve-site" / "en" / "projects" / "yuqian-railway" / "index.html").read_text(encoding="utf-8")
    assert "Chongqing–Guizhou Railway (edited)" in page

    # most pages were taken from the first build, and the edited ones made again
    for name in ("conversions", "search"):
        after = pickle.loads((kept / f"mkdocs.en.{name}.pickle").read_bytes())
        same, new = after.keys() & before[name].keys(), after.keys() - before[name].keys()
        assert len(same) > len(after) / 2 and 0 < len(new) < len(after) / 2, name
    assert not (tmp_path / "fresh-work" / "template-cache" / "rebuilds").exists()   # make build keeps nothing
