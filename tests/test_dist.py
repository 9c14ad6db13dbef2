"""`make dist`: every text file has gzip and Brotli copies with the same content, and a language's 404 page."""
import gzip
import shutil

import brotli

from conftest import DIST_QUALITY, run

SAMPLES = ["index.html", "en/projects/qineng-phase-2/index.html", "search/search_index.json",
           "en/search/search_index.json", "downloads/projects.csv", "sitemap.xml"]


def test_dist_precompresses_text_files(dist_site):
    """dist_site is the session's site after `make dist` (the command, run by the fixture)."""
    copy = dist_site
    for name in SAMPLES:
        assert gzip.decompress((copy / (name + ".gz")).read_bytes()) == (copy / name).read_bytes(), name
        assert brotli.decompress((copy / (name + ".br")).read_bytes()) == (copy / name).read_bytes(), name
    assert (copy / "404.html").is_file() and (copy / "en" / "404.html").is_file()
    assert 'lang="en"' in (copy / "en" / "404.html").read_text(encoding="utf-8")


def test_dist_copies_carry_no_timestamp(dist_site, tmp_path):
    """Compressing a file again, later and elsewhere, gives the bytes `make dist` gave: no timestamps
    inside (this once ran the whole `make dist` a second time over the site)."""
    from scripts.dist import _compress
    for name in ("index.html", "en/projects/qineng-phase-2/index.html", "sitemap.xml"):
        again = tmp_path / name.replace("/", "_")
        shutil.copyfile(dist_site / name, again)
        _compress(again, DIST_QUALITY)
        for suffix in (".gz", ".br"):
            assert again.with_name(again.name + suffix).read_bytes() == (dist_site / (name + suffix)).read_bytes(), (name, suffix)


def test_dist_refuses_an_empty_folder(tmp_path):
    result = run("scripts.dist", "--site", str(tmp_path))
    assert result.returncode == 1 and "run make build first" in result.stderr


def test_make_dist_compresses_with_brotlis_best_level(site, tmp_path):
    """The tests' copies use a fast level (conftest.DIST_QUALITY); make dist, as deployed, the best."""
    shutil.copyfile(site / "index.html", tmp_path / "index.html")
    assert run("scripts.dist", "--site", str(tmp_path)).returncode == 0
    raw = (tmp_path / "index.html").read_bytes()
    assert (tmp_path / "index.html.br").read_bytes() == brotli.compress(raw, quality=11) != brotli.compress(raw, quality=DIST_QUALITY)
