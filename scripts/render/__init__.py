"""Render the dataset into the Markdown pages of one language: one Jinja2 template per kind of page."""
from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

import jinja2
import yaml

from . import pictures
from .markdown import Safe, attribute, escape, finalize
from .model import Model
from .qr import QRCodes

HERE = Path(__file__).parent
LANGS = ("zh", "en")
LABELS = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))


def render(model: Model, lang: str, site_url: str = "", template_cache: Path | None = None):
    """Every generated page of one language, one at a time, as (path inside docs, Markdown);
    site_url is where this language is published (for the QR codes); compiled templates are kept
    in template_cache between builds, if given, and so are the QR codes."""
    codes = QRCodes(template_cache / f"qr-{lang}.pickle" if template_cache else None)
    env = _environment(model, lang, site_url, codes)
    if template_cache:
        template_cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(template_cache))
    for path, template, values in model.pages():
        yield path, env.get_template(template).render(here=path, **values)
    codes.save()


def relative(target: str, start: str) -> str:
    """posixpath.relpath for the site's own relative paths (no "." or ".." in them), without its
    trips to the file system: index pages link to thousands of records on a large dataset."""
    to, base = (target.split("/") if target else []), (start.split("/") if start else [])
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def page_folder(path: str) -> str:
    """The folder a page is served from: index.md -> "", projects/index.md -> projects, plan.md -> plan."""
    path = path[: -len(".md")]
    if path == "index":
        return ""
    return path[: -len("/index")] if path.endswith("/index") else path


def _environment(model: Model, lang: str, site_url: str, codes: QRCodes) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), finalize=finalize,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)

    def t(text):
        return text[lang] if isinstance(text, dict) else text

    @jinja2.pass_context
    def href(context, target: str) -> Safe:
        """A link from the page being rendered to another page of the same language (ids are URL-safe)."""
        path, _, anchor = target.partition("#")
        here = context["here"]
        rel = path if not path else relative(path, posixpath.dirname(here))
        return Safe(rel + (f"#{anchor}" if anchor else ""))

    made = {}   # (record, kind, folder of the page) -> its link: index pages link the same records again and again

    @jinja2.pass_context
    def link(context, record, kind: str | None = None) -> Safe:
        key = (id(record), kind, posixpath.dirname(context["here"]))
        if key not in made:
            k = kind or model.kind_of(record)
            made[key] = Safe(f"[{escape(t(model.title(record, k)))}]({href(context, model.path(record, k))})")
        return made[key]

    @jinja2.pass_context
    def links(context, records, kind: str | None = None) -> Safe:
        if not records:
            return Safe(escape(LABELS["none"][lang]))
        return Safe(LABELS["list_sep"][lang].join(link(context, r, kind) for r in records))

    @jinja2.pass_context
    def cite(context, citations) -> Safe:
        """The sources of a fact, collapsed, each quote with the source it comes from."""
        label = LABELS["source"][lang]
        names = "；".join if lang == "zh" else "; ".join
        title = names(dict.fromkeys(t(model.sources[c["source"]]["publisher"]) for c in citations))
        lines = [f'??? quote "{attribute(label)}{LABELS["colon"][lang]}{attribute(title)}"', ""]
        for c in citations:
            source = model.sources[c["source"]]
            name = escape(t(source['publisher']) + ("，" if lang == "zh" else ", ") + date(source['date']))
            lines.append(f"    - 「{escape(c['quote'])}」 — [{name}]({href(context, model.path(source, 'source'))})")
        return Safe("\n".join(lines) + "\n")

    def anchor(ident: str) -> Safe:
        """A heading's id, so links to records on shared pages (places.md#qijiang) are stable."""
        return Safe("{#" + ident + "}")

    def date(value: str) -> str:
        """A YYYY, YYYY-MM or YYYY-MM-DD date the way each language writes it."""
        parts = [int(p) for p in value.split("-")]
        if lang == "zh":
            return "".join(f"{n}{unit}" for n, unit in zip(parts, "年月日"))
        months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
        words = [str(parts[0])] if len(parts) == 1 else [months[parts[1] - 1], str(parts[0])]
        return " ".join(([str(parts[2])] if len(parts) == 3 else []) + words)

    def title(text: str) -> Safe:
        """A page title for front matter. MkDocs and Material print page titles into <title> and the
        header without escaping, so the title is given to them already escaped for HTML."""
        return Safe(json.dumps(html.escape(text, quote=False), ensure_ascii=False))

    def plain(text: str) -> Safe:
        """A plain-text front matter value (the page's description); templates escape it when printed."""
        return Safe(json.dumps(" ".join(text.split()), ensure_ascii=False))

    @jinja2.pass_context
    def qr(context) -> Safe:
        """An SVG QR code of the page's own address, for readers who share by scanning."""
        here = context["here"]
        address = site_url + (page_folder(here) + "/" if page_folder(here) else "")
        svg = codes.svg(address)
        label = html.escape(LABELS['qr_label'][lang] + LABELS['colon'][lang] + address, quote=True)
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
        return Safe(f'<figure class="qr" markdown="0">{svg}<figcaption>{html.escape(address)}</figcaption></figure>')

    @jinja2.pass_context
    def url(context, target: str) -> Safe:
        """The address of a page as the browser sees it, relative to this page, for links inside raw
        HTML (the pictures), which MkDocs does not rewrite: places.md#x -> ../places/#x."""
        path, _, anchor = target.partition("#")
        here = page_folder(context["here"])
        there = page_folder(path)
        rel = relative(there, here)
        rel = "" if rel == "." else rel + "/"
        return Safe((rel or "./") + (f"#{anchor}" if anchor else ""))

    @jinja2.pass_context
    def picture(context, kind: str, areas=None, tasks=None) -> Safe:
        """One of the pictures (map, timeline, connections), titled and described in this language."""
        def link(target):
            return url(context, target)
        if kind == "map":
            placed = sum("location" in p for p in model.places)
            at_places = sum(any("location" in model.get("place", r) for r in p["places"]) for p in model.projects)
            desc = LABELS["map_desc"][lang].format(places=placed, projects=at_places)
            return Safe(pictures.corridor_map(model, lang, link, LABELS["map_title"][lang], desc))
        if kind == "timeline":
            first, last = model.timeline[0]["date"], model.timeline[-1]["date"]
            desc = LABELS["timeline_desc"][lang].format(events=len(model.timeline), first=date(first), last=date(last))
            return Safe(pictures.timeline(model, lang, link, date, LABELS["timeline_title"][lang], desc))
        return Safe(pictures.connections(model, lang, link, LABELS["connections_title"][lang],
                                         LABELS["connections_desc"][lang], areas, tasks))

    def h(text) -> Safe:
        """Text for raw HTML in a page (the projects table), escaped for HTML rather than Markdown."""
        return Safe(html.escape(str(text), quote=True))

    def vocab(collection: str, field: str, value: str) -> str:
        return model.vocabulary(collection, field)[value][lang]

    env.globals.update(lang=lang, other="en" if lang == "zh" else "zh", labels={k: v[lang] for k, v in LABELS.items()},
                       t=t, date=date, title=title, plain=plain, qr=qr, anchor=anchor, url=url, picture=picture, h=h, href=href, link=link, links=links, cite=cite, vocab=vocab, m=model)
    env.filters.update(t=t)
    return env
