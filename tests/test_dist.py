"""`make dist`: every text file has gzip and Brotli copies with the same content, and a language's 404 page."""
import gzip
import shutil

import brotli

from conftest import run


def test_dist_precompresses_text_files(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    result = run("scripts.dist", "--site", str(copy))
    assert result.returncode == 0, result.stderr
    for name in ["index.html", "en/projects/qineng-phase-2/index.html", "search/search_index.json",
                 "en/search/search_index.json", "downloads/projects.csv", "sitemap.xml"]:
        assert gzip.decompress((copy / (name + ".gz")).read_bytes()) == (copy / name).read_bytes(), name
        assert brotli.decompress((copy / (name + ".br")).read_bytes()) == (copy / name).read_bytes(), name
    assert (copy / "404.html").is_file() and (copy / "en" / "404.html").is_file()
    assert 'lang="en"' in (copy / "en" / "404.html").read_text(encoding="utf-8")
    first = (copy / "index.html.gz").read_bytes()
    run("scripts.dist", "--site", str(copy))
    assert (copy / "index.html.gz").read_bytes() == first  # no timestamps inside


def test_dist_refuses_an_empty_folder(tmp_path):
    result = run("scripts.dist", "--site", str(tmp_path))
    assert result.returncode == 1 and "run make build first" in result.stderr
