"""No data becomes markup, proved in the browser: a build where every text field of one record of
each kind holds hostile payloads, every page of it opened in Chromium. The browser, not a regex over
the HTML, decides what became an element, an attribute or a link. The same build, read as HTML,
shows text with markup in names, definitions, places and areas as text (a check that was in
test_build_hardening, with a build of its own)."""
import functools
import http.server
import json
import shutil
import threading
from html.parser import HTMLParser

import pytest
import yaml
from test_data_validation import replace_once

from conftest import DATA, html_pages, without_search_index
from scripts.urlscheme import KINDS

# each form a payload has taken somewhere: tags, event attributes, javascript: links in Markdown,
# HTML and angle-bracket forms, quotes that close an attribute, Jinja and Markdown syntax, and a block
# of an extension at its start (a collapsible box: test_build_hardening covers every block syntax)
PAYLOAD = ('??? danger "Hostile" <b id="pwned-b" onmouseover="alert(1)">b</b> <img id="pwned-img" src=x onerror=alert(2)> '
           '[link](javascript:alert(3)) [a](<b onmouseover=alert(4)// >) <a id="pwned-a" href="javascript:alert(5)">a</a> '
           '"><i id="pwned-i"> \' onfocus=\'alert(6) <hostile-tag>t</hostile-tag> {{ 7*7 }} {% if 1 %}jinja{% endif %} '
           '**bold** _em_ `code` # heading | cell |')
# the literal text a reader must see where the payload is shown
LITERAL = ['??? danger "Hostile"', '<b id="pwned-b" onmouseover="alert(1)">', "<hostile-tag>t</hostile-tag>", "{{ 7*7 }}"]

CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith('on')) bad.push(`${el.tagName} has ${attr.name}`);
      if (['href', 'src', 'xlink:href', 'action', 'formaction'].includes(attr.name.toLowerCase())
          && attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase().startsWith('javascript:')) bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  for (const el of document.querySelectorAll('[id^="pwned"], hostile-tag, img[src="x"]')) bad.push(`made ${el.outerHTML.slice(0, 80)}`);
  return {bad, text: document.body.innerText};
}"""


class Elements(HTMLParser):
    """Every start tag with its attributes, the text of scripts, and the visible text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.text, self._in_script = [], [], "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text += data


HOSTILE = {
    "<script>": "<script>alert('x')</script>",
    "<img onerror>": '<img src=x onerror="alert(1)">',
    "javascript: link": "[click](javascript:alert(1))",
    "Jinja": "{{ 7*7 }}{% if true %}yes{% endif %}",
    "Markdown": "**bold** _em_ # not-a-heading",
    "table pipe": "a | b | c",
}


def write_hostile_text(data):
    """A project's name, a glossary definition, a place drawn on the map and an area drawn in the
    connections diagram, each with every form of HOSTILE, edited as an editor edits the YAML."""
    hostile = " ".join(HOSTILE.values())
    # a JSON string is a valid YAML double-quoted scalar
    replace_once(data / "projects.yaml", "    en: Qineng phase II (aluminium)\n", f"    en: {json.dumps('Qineng ' + hostile)}\n")
    glossary = data / "glossary.yaml"
    line = next(ln for ln in glossary.read_text(encoding="utf-8").splitlines(keepends=True)
                if ln.startswith("    en: A Guizhou brand name;"))
    replace_once(glossary, line, f"    en: {json.dumps('Colorful Guizhou, a brand ' + hostile)}\n")
    # names drawn in the pictures too: a place on the map, an area in the connections diagram
    replace_once(data / "places.yaml", "    en: \"Qijiang District\"\n", f"    en: {json.dumps('Qijiang District ' + hostile)}\n")
    replace_once(data / "areas.yaml", "    en: Pilot demonstration of industrial collaboration\n",
                 f"    en: {json.dumps('Pilot demonstration of industrial collaboration ' + hostile)}\n")


def poison(value, key=None):
    """Every reader-facing text of a record replaced by the payload: each {zh, en} text, each list of
    other names, each citation's translation. Ids, dates, vocabularies and quotes (checked verbatim
    against the sources) stay."""
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if not isinstance(value, dict):
        return value
    if set(value) <= {"zh", "en"} and value:
        if all(isinstance(v, str) for v in value.values()):
            return {lang: PAYLOAD for lang in value}
        if key != "what":   # a project's plain words must lie in its quotes; their English may not
            return {lang: [PAYLOAD] * len(v) for lang, v in value.items()}
    out = {}
    for k, v in value.items():
        if k == "en" and "quote" in value:
            out[k] = PAYLOAD            # a citation's translation
        elif k == "what" and isinstance(v, dict):
            out[k] = {**v, "en": [PAYLOAD] * len(v["en"]), "sources": poison(v["sources"])}
        else:
            out[k] = poison(v, k)
    return out


def write_hostile_data(data):
    """A copy of data/ in folder `data` where every reader-facing text of the first record of each kind
    is the payload, and write_hostile_text's fields hold HOSTILE: the pages showing a poisoned record
    ({page path: kind}). conftest's hostile_build builds it once for every test that reads it."""
    shutil.copytree(DATA, data)
    write_hostile_text(data)   # records other than the first of each file, which poison() below replaces
    schema = yaml.safe_load((data / "schema.json").read_text(encoding="utf-8"))
    files = schema["x-files"]
    shown = {}   # page path -> kind whose record it shows
    for kind, (collection, page, _) in KINDS.items():
        if not collection or collection not in files:
            continue
        path = data / files[collection]
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(records, list) or not records:
            continue
        records[0] = poison(records[0])
        path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
        shown[page.format(id=records[0]["id"]).split("#")[0]] = kind
    plan_file = data / files["plan"]
    plan = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    plan["structure"]["key_tasks"][0] = poison(plan["structure"]["key_tasks"][0])
    plan["layout"]["parts"][0] = poison(plan["layout"]["parts"][0])
    plan["figures"][0] = poison(plan["figures"][0])
    plan["positioning"][0] = poison(plan["positioning"][0])
    plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shown["plan.md"] = "plan"
    return shown


@pytest.fixture(scope="module")
def hostile_site(hostile_build):
    site, _, shown = hostile_build
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/", shown
    server.shutdown()


def test_no_payload_becomes_markup_on_any_page(browser, hostile_site):
    site, base, shown = hostile_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    without_search_index(page)   # the pages as loaded are checked; nothing is searched
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    literal_on = set()
    for url, _ in html_pages(site):
        page.goto(base + url)
        found = page.evaluate(CHECK)
        assert found["bad"] == [], (url, found["bad"][:5])
        if all(text in found["text"] for text in LITERAL):
            literal_on.add(url)
    context.close()
    assert dialogs == []   # an <img onerror> made from data would have fired as the page loaded
    # each poisoned record's own page shows the payload as text, in both languages
    for path in shown:
        for prefix in ("", "en/"):
            folder = path[: -len(".md")].removesuffix("index")
            url = prefix + ("" if folder == "index" else folder.rstrip("/") + "/")
            assert url in literal_on, f"the payload is not shown literally on {url}"


def test_hostile_text_is_shown_as_text(hostile_site):
    """Read as HTML, every page of the hostile build has no script, event attribute or javascript:
    address made from the data, and the pages of the records write_hostile_text edited show it as
    written (moved here from test_build_hardening, which built a site of its own for it)."""
    site, _, _ = hostile_site
    for _, page in html_pages(site):   # every page: the pictures were where a payload once became markup
        elements = Elements(page.read_text(encoding="utf-8"))
        assert not any("alert" in text for text in elements.scripts), page
        assert not any(name.startswith("on") for _, attrs in elements.tags for name, _ in attrs), page
        assert not any((value or "").strip().lower().startswith("javascript:")
                       for _, attrs in elements.tags for name, value in attrs if name in ("href", "src")), page
    for page in [site / "en" / "projects" / "qineng-phase-2" / "index.html", site / "en" / "glossary" / "index.html",
                 site / "en" / "projects" / "index.html"]:
        elements = Elements(page.read_text(encoding="utf-8"))
        assert "{{ 7*7 }}" in elements.text  # shown as written, never evaluated
        assert "<script>alert('x')</script>" in elements.text and "a | b | c" in elements.text
    index = (site / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
    # the index's fields are HTML to Material: the hostile tags are there only as escaped text
    assert "<script" not in index and "<img" not in index and "&lt;script&gt;" in index
