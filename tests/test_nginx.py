"""deploy/nginx.conf, run in Debian's nginx over the deployed site (`make dist`): what a reader's
browser and a cache see over HTTP."""
import gzip
import http.client
import posixpath
import re
from urllib.parse import urlsplit

import brotli
import pytest

from conftest import html_pages


def get(base, path, **headers):
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_every_page_answers_200_as_utf8_html(served, dist_site):
    wrong = []
    for url_path, _ in html_pages(dist_site):
        response, _ = get(served, "/" + url_path)
        if response.status != 200 or response.getheader("Content-Type") != "text/html; charset=utf-8":
            wrong.append((url_path, response.status, response.getheader("Content-Type")))
    assert not wrong
    assert len(list(html_pages(dist_site))) > 100


@pytest.mark.parametrize("path, lang", [("/no-such-page/", "zh-Hans"), ("/projects/no-such-project/", "zh-Hans"),
                                        ("/en/no-such-page/", "en"), ("/en/projects/no-such-project/", "en"),
                                        ("/enx/", "zh-Hans")])
def test_unknown_addresses_get_their_languages_404_page(served, path, lang):
    response, body = get(served, path)
    assert response.status == 404
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert f'<html lang="{lang}"' in body.decode("utf-8")
    assert "404" in body.decode("utf-8")
    # the language switch leads to both home pages, from whatever depth the unknown address had
    links = re.findall(r'<a href="([^"]+)" hreflang="(zh-Hans|en)"[^>]*class="md-select__link"', body.decode("utf-8"))
    assert {hl for _, hl in links} == {"zh-Hans", "en"}
    # and the page itself, in both languages, links to both home pages and opens the search
    text = body.decode("utf-8")
    content = text[text.index('<article class="md-content__inner'):text.index("</article>")]
    assert "找不到页面" in content and "Page not found" in content
    own = re.findall(r'<a href="([^"]+)">', content)
    assert own == ["/", "/en/"], own
    for href in own:
        assert get(served, href)[0].status == 200
    assert content.count('for="__search"') == 2
    for href, _ in links:
        target = posixpath.normpath(posixpath.join(path if not href.startswith("/") else "/", href))
        assert not href.startswith("//"), href
        home, _ = get(served, (target.rstrip("/") + "/").replace("//", "/"))
        assert home.status == 200 and target.rstrip("/") in ("", "/en"), (href, target)


@pytest.mark.parametrize("path", ["/en", "/projects", "/en/projects/qineng-phase-2"])
def test_folders_without_a_slash_redirect_to_the_slash(served, path):
    response, _ = get(served, path)
    assert response.status == 301
    assert response.getheader("Location") == path + "/"


def assets_of(html):
    return re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html) + re.findall(r'"search": "([^"]+)"', html)


def test_hashed_assets_are_cached_for_a_year_and_pages_are_revalidated(served, dist_site):
    html = (dist_site / "en" / "projects" / "qineng-phase-2" / "index.html").read_text(encoding="utf-8")
    assets = {a for a in assets_of(html) if re.search(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$", a)}
    names = {a.rsplit("/", 1)[-1].split(".")[0] for a in assets}
    assert {"main", "palette", "site", "bundle", "filters", "search"} <= names, assets
    for asset in assets:
        path = "/en/projects/qineng-phase-2/" + asset
        response, _ = get(served, path)
        assert response.status == 200, path
        assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable", path
    for page in ("/", "/en/", "/en/projects/qineng-phase-2/", "/404.html"):
        response, _ = get(served, page)
        assert response.getheader("Cache-Control") == "no-cache", page
    response, _ = get(served, "/search/search_index.json")
    assert response.getheader("Cache-Control") == "public, max-age=3600"


@pytest.mark.parametrize("path", ["/", "/en/projects/qineng-phase-2/", "/search/search_index.json",
                                  "/en/search/search_index.json"])
def test_compressed_copies_are_served_when_asked_for(served, dist_site, path):
    file = dist_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    raw = file.read_bytes()
    response, body = get(served, path, **{"Accept-Encoding": "br"})
    assert response.getheader("Content-Encoding") == "br" and brotli.decompress(body) == raw
    assert "Accept-Encoding" in response.getheader("Vary", "")
    response, body = get(served, path, **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip" and gzip.decompress(body) == raw
    response, body = get(served, path)
    assert response.getheader("Content-Encoding") is None and body == raw
