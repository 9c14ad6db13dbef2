"""Just enough HTML reading for the site tests: links, ids, and a few attributes."""
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.heads, self.switches, self.sources = [], set(), [], [], []
        self.html_lang, self.h1, self._in_h1 = None, "", False
        self.fields, self._open_fields = [], []   # each <dl>'s dt/dd sequence; a dl inside a dl is "dl"
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("dt", "dd", "dl") and self._open_fields:
            self._open_fields[-1].append(tag)
        if tag == "dl":
            self._open_fields.append([])
            self.fields.append(self._open_fields[-1])
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
            if "md-select__link" in (a.get("class") or ""):
                self.switches.append((a.get("hreflang"), a["href"]))
        elif tag == "link" and "alternate" in (a.get("rel") or "").split() and a.get("hreflang"):
            self.heads.append((a["hreflang"], a["href"]))
        elif tag == "h1":
            self._in_h1 = True
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.sources.append(a["src"])
        if tag == "link" and a.get("href") and "stylesheet" in (a.get("rel") or ""):
            self.sources.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "dl" and self._open_fields:
            self._open_fields.pop()
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


def read(path):
    return Page(path.read_text(encoding="utf-8"))
