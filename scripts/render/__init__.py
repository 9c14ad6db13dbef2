"""Render the dataset into the Markdown pages of one language: one Jinja2 template per kind of page."""
from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
import urllib.parse
from pathlib import Path

import jinja2
import yaml

from scripts.dataset.dates import format_date
from scripts.downloads import record_file
from scripts.urlscheme import KINDS

from . import figures, pictures, reads
from .markdown import Safe, attribute, escape, finalize
from .model import Model
from .qr import QRCodes

HERE = Path(__file__).parent
LANGS = ("zh", "en")
LABELS_FILE = HERE / "labels.yaml"
LABELS: dict = {}   # the site's own words, from labels.yaml; read again by every build (read_labels)
BACK_LINKS_SHOWN = 10   # a longer list of records pointing to one is folded behind its count


def read_labels() -> dict:
    """Read labels.yaml into LABELS, in place, so that every module holding LABELS sees an editor's
    change on the next build of make serve (which reads it for every build: parsed again only when
    its bytes changed, with libyaml)."""
    raw = LABELS_FILE.read_bytes()
    if raw != _LABELS_READ[0]:
        LABELS.clear()
        LABELS.update(yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
        _LABELS_READ[0] = raw
    return LABELS


_LABELS_READ = [b""]   # the bytes LABELS was read from


read_labels()


def render(model: Model, lang: str, site_url: str = "", template_cache: Path | None = None, repo_url: str = "",
           keep_pages: bool = False):
    """Every generated page of one language, one at a time, as (path inside docs, Markdown);
    site_url is where this language is published (for the QR codes); compiled templates are kept
    in template_cache between builds, if given, and so are the QR codes; repo_url, where errors are
    reported (its issues/new form), or "" for none. With `keep_pages` (make serve), a page none of
    whose reads changed since the last build is that build's Markdown (scripts/render/reads.py)."""
    codes = QRCodes(template_cache / f"qr-{lang}.pickle" if template_cache else None)
    env = _environment(model, lang, site_url, codes, repo_url)
    if template_cache:
        template_cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(template_cache))
    kept = reads.Kept(template_cache / f"pages-{lang}.pickle" if template_cache and keep_pages else None,
                      _everything(model, lang, site_url, repo_url), model)
    footer = env.globals["page_footer"]

    def page(path: str, template: str, values: dict) -> str:
        return env.get_template(template).render(here=path, **values) + footer(path)
    for path, template, values in model.pages():
        text = kept.text(path)
        yield path, text if text is not None else kept.render(path, page, path, template, values)
    codes.save()
    kept.save()


def _everything(model: Model, lang: str, site_url: str, repo_url: str) -> bytes:
    """What every page may depend on without its reads being noted: the settings, the site's words,
    the schema's labels, the templates and the code (make serve restarts on a code change, but the
    pages are kept between sessions)."""
    digest = hashlib.blake2b(repr((lang, site_url, repo_url, LABELS, model.schema, jinja2.__version__)).encode("utf-8"))
    for folder in (HERE / "templates", HERE.parent):
        for file in sorted(folder.rglob("*.j2" if folder.name == "templates" else "*.py")):
            digest.update(file.name.encode("utf-8") + file.read_bytes())
    return digest.digest()


def relative(target: str, start: str) -> str:
    """posixpath.relpath for the site's own relative paths (no "." or ".." in them), without its
    trips to the file system: index pages link to thousands of records on a large dataset."""
    to, base = (target.split("/") if target else []), (start.split("/") if start else [])
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def text_fragment(url: str, quote: str) -> str:
    """The address of a quote's sentence on its page: a text fragment (#:~:text=) made of the quote's
    first run of words, which the page prints as they are (our quotes read its half-width marks as
    full-width, so a fragment spanning punctuation might not match)."""
    runs = [r for r in re.split(r"[\s，。、；：？！（）“”《》「」,.;:?!()\"']+", quote) if r]
    start = max(runs[:3], key=len) if runs else quote
    # "-" is text-fragment syntax (prefix-,) and quote() never encodes it
    return url.split("#")[0] + "#:~:text=" + urllib.parse.quote(start[:40], safe="").replace("-", "%2D")


def page_folder(path: str) -> str:
    """The folder a page is served from: index.md -> "", projects/index.md -> projects, plan.md -> plan."""
    path = path[: -len(".md")]
    if path == "index":
        return ""
    return path[: -len("/index")] if path.endswith("/index") else path


def _environment(model: Model, lang: str, site_url: str, codes: QRCodes, repo_url: str = "") -> jinja2.Environment:
    # trim_blocks eats the newline after a block tag, so a line that ends in one ({% endif %}) runs
    # into the next; where that newline matters (a field's value before the next field's name in a
    # definition list) the line ends in {{ "" }}
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
        k = kind or model.kind_of(record)
        name, target = model.title(record, k), model.path(record, k)   # read by every page that links it
        key = (id(record), k, posixpath.dirname(context["here"]))
        if key not in made:
            made[key] = Safe(f"[{escape(t(name))}]({href(context, target)})")
        return made[key]

    @jinja2.pass_context
    def links(context, records, kind: str | None = None) -> Safe:
        if not records:
            return Safe(escape(LABELS["none"][lang]))
        return Safe(LABELS["list_sep"][lang].join(link(context, r, kind) for r in records))

    def cell_label(label: str) -> Safe:
        """A table cell's column name, shown only where the table is laid out as cards (a phone)."""
        return Safe(f'<span class="cell-label" data-search-exclude>{html.escape(label)}{html.escape(LABELS["colon"][lang])}</span>')

    def unindexed(text) -> Safe:
        """Inline text kept out of the search index: long lists of links back to other records (a
        place's 35 projects), which would make every one of them a result for this one."""
        return Safe(f"<span data-search-exclude>{text}</span>")

    @jinja2.pass_context
    def back_links(context, records) -> Safe:
        """A field listing the records that point here (a place's projects, a source's citing
        records), out of the search index; a list longer than BACK_LINKS_SHOWN is folded behind its
        count, so that the record's own fields are not buried under a wall of links."""
        if len(records) <= BACK_LINKS_SHOWN:
            return unindexed(links(context, records))
        summary = html.escape(LABELS["show_all"][lang].format(n=len(records)))
        return Safe(f'<details class="back-links" data-search-exclude><summary>{summary}</summary>'
                    f"<span>{links(context, records)}</span></details>")

    def plain_words(what) -> Safe:
        """What a project is, in its sources' plain words; on English pages each rendering with the
        Chinese word it translates."""
        if lang == "zh":
            return Safe(escape(LABELS["list_sep"][lang].join(what["zh"])))
        return Safe(LABELS["list_sep"][lang].join(
            f'{escape(en)} (<span lang="zh-Hans">{escape(zh)}</span>)' for en, zh in zip(what["en"], what["zh"], strict=True)))

    @jinja2.pass_context
    def breadcrumb(context, target: str, label: str, name: str) -> Safe:
        """Where a record's page sits, at its top: Home › its index page › the record. Kept out of the
        search index (it is not the record); language.js shows the index page as the nav's current item."""
        sep = '<span class="breadcrumb-sep" aria-hidden="true">›</span>'
        return Safe(f'<nav class="breadcrumb" aria-label="{html.escape(LABELS["breadcrumb"][lang], quote=True)}" data-search-exclude><ol>'
                    f'<li><a href="{url(context, "index.md")}">{html.escape(LABELS["home"][lang])}</a></li>'
                    f'<li>{sep}<a href="{url(context, target)}">{html.escape(label)}</a></li>'
                    f'<li aria-current="page">{sep}{html.escape(name)}</li></ol></nav>')

    @jinja2.pass_context
    def cite(context, citations) -> Safe:
        """The sources of a fact, collapsed, each quote in the source's own words with the source it
        comes from and, on English pages, the project's translation under it. Where the source is at
        the outlet's own address, the quote links to its sentence there (a text fragment)."""
        # one quote cited for two facts of a record is listed once
        citations = list({(c["source"], c["quote"]): c for c in citations}.values())
        label = LABELS["source"][lang]
        names = "；".join if lang == "zh" else "; ".join
        title = names(dict.fromkeys(t(model.sources[c["source"]]["outlet"]) for c in citations))
        lines = [f'??? quote "{attribute(label)}{LABELS["colon"][lang]}{attribute(title)}"', ""]
        for c in citations:
            source = model.sources[c["source"]]
            name = escape(t(source["outlet"]) + LABELS["comma"][lang] + source_date(source))
            number = model.excerpt_number(source["id"], c["quote"])
            where = f"[{name}]({href(context, model.path(source, 'source') + (f'#excerpt-{number}' if number else ''))})"
            check = ""
            if source.get("url"):
                # on paper the page's plain address: the fragment is hundreds of percent-escapes
                check = (f' · <a href="{html.escape(text_fragment(source["url"], c["quote"]), quote=True)}" '
                         f'class="check-original" data-print-href="{html.escape(source["url"].split("#")[0], quote=True)}">'
                         f'{html.escape(LABELS["check_original"][lang])}</a>')
            # raw tags around escaped data text: Markdown still runs over the text between them
            original = f'<q lang="zh-Hans">{escape(c["quote"])}</q>'
            if lang == "en" and c.get("en"):
                original += (f'<span class="md-visually-hidden"> </span><br><span class="translation"><span class="translation-label">'
                             f'{html.escape(LABELS["translation"][lang])}</span> {escape(c["en"])}</span><br>')
            lines.append(f"    - {original} — {where}{check}")
        return Safe("\n".join(lines) + "\n")

    def original(text) -> Safe:
        """On English pages, a record's Chinese name under its English one, marked as Chinese, so
        that a reader can look it up in Chinese sources (and search finds it)."""
        if lang == "zh" or not isinstance(text, dict):
            return Safe("")
        # left out of the page's search text (the name is in its search keys), so that a result's
        # snippet starts with the record's description
        return Safe(f'<p class="original-name" lang="zh-Hans" data-search-exclude>{escape(text["zh"])}</p>\n')

    def note(record) -> Safe:
        """A record's note, as a note box labelled as the editors' ("what a reader should know")."""
        if "note" not in record:
            return Safe("")
        return Safe(f'!!! note "{attribute(LABELS["editors_note"][lang])}"\n\n    {escape(t(record["note"]))}\n')

    def editors(record) -> Safe:
        """The label for wording that is the editors' summary, not the source's words."""
        if not record.get("editors_summary"):
            return Safe("")
        return Safe(f'<span class="editors-summary" title="{html.escape(LABELS["editors_summary_title"][lang], quote=True)}">'
                    f'{html.escape(LABELS["editors_summary"][lang])}</span>')

    def data_status() -> str:
        """"Data last changed on …" with the dataset's version (the home page, citations)."""
        version = model.meta["version"]
        if model.last_changed:
            return LABELS["data_changed"][lang].format(date=date(model.last_changed), version=version)
        return LABELS["data_version_only"][lang].format(version=version)

    @jinja2.pass_context
    def how_to_cite(context, name: str, heading: str = "how_to_cite") -> Safe:
        """'How to cite this page' in GB/T 7714 and APA, with the dataset's version and date. GB/T 7714
        wants the day the reader looked ([引用日期]), which a static page cannot know: page.js writes
        the reader's day there (the placeholder stays where scripts do not run) and adds a copy button.
        APA asks for no such day for a versioned dataset: the version says which one was read."""
        address = page_address(context["here"])
        site, version = LABELS["site_name"][lang], model.meta["version"]
        day = model.last_changed
        gb = (f"{site}. {name}[EB/OL]. {LABELS['dataset_version'][lang]} {version}." + (f" ({day})" if day else ""))
        accessed = f'<span class="cite-accessed">[{html.escape(LABELS["cite_accessed"][lang])}]</span>'
        if not day:
            apa_date = "n.d."
        elif lang == "zh":
            apa_date = date(day)
        else:   # APA: (2026, November 27)
            year, month, day_of_month = day.split("-")
            apa_date = f"{year}, {date(f'{year}-{month}').split()[0]} {int(day_of_month)}"
        apa = (f"{site}. ({apa_date}). {name}{LABELS['paren_open'][lang]}{LABELS['dataset_version'][lang]} {version}"
               f"{LABELS['paren_close'][lang]}." + (f" {address}" if address else ""))
        # the citation is text between raw tags, which Markdown still reads: escaped for it
        code = (f'<code class="citation" data-copy="{html.escape(LABELS["cite_copy"][lang], quote=True)}" '
                f'data-copied="{html.escape(LABELS["cite_copied"][lang], quote=True)}">')
        lines = [f'??? info "{attribute(LABELS[heading][lang])}"', "",
                 f"    GB/T 7714{LABELS['colon'][lang]}{code}{escape(gb)}{accessed}."
                 + (escape(f" {address}.") if address else "") + "</code>", "",
                 f"    APA{LABELS['colon'][lang]}{code}{escape(apa)}</code>", ""]
        return Safe("\n".join(lines))

    @jinja2.pass_context
    def record_tools(context, record, kind: str | None = None) -> Safe:
        """Under a record: its data as JSON, and (when the build knows the repository) a link to report
        an error in it, opening the repository's new-issue form with the page and the record filled in."""
        kind = kind or model.kind_of(record)
        collection = KINDS[kind][0] or "plan"
        ident = record.get("id", "plan") if collection != "plan" else "plan"
        parts = [f"[{LABELS['record_json'][lang]}]({href(context, 'downloads/' + record_file(collection, ident))})"]
        if repo_url:
            here = context["here"]
            anchor = "" if KINDS[kind][1].startswith(f"{collection}/") or collection == "plan" else f"#{ident}"
            address = (page_address(here) or "/" + ("en/" if lang == "en" else "") +
                       (page_folder(here) + "/" if page_folder(here) else "")) + anchor
            query = urllib.parse.urlencode({
                "title": LABELS["report_title"][lang].format(name=t(model.title(record, kind))),
                "body": LABELS["report_body"][lang].format(address=address, record=f"{collection}/{ident}")})
            parts.append(f"[{LABELS['report_error'][lang]}]({repo_url.rstrip('/')}/issues/new?{query})")
        return Safe(" · ".join(parts) + "\n{: .record-tools data-search-exclude }\n")

    def unit_of(indicator: str) -> str:
        return model.schema["$defs"]["indicator"]["x-units"][indicator]

    def figure_value(stat) -> str:
        return figures.format_value(unit_of(stat["indicator"]), stat["value"], lang)

    def scope_label(code: str) -> str:
        return model.def_labels("scope")[code][lang]

    def indicator_label(code: str) -> str:
        return model.def_labels("indicator")[code][lang]

    def in_sentence(label: str) -> str:
        """A label inside an English sentence: "Built-up area" -> "built-up area"; GDP stays GDP."""
        return label if lang == "zh" or label[:2].isupper() else label[:1].lower() + label[1:]

    def target_outcome(target) -> str:
        """The plain statement the methods page's rule gives for a target."""
        found, basis = figures.outcome(target, model.statistics_of(target))
        words = LABELS["outcome_" + found.replace("-", "_")][lang]
        if basis:
            return words.format(value=figure_value(basis), year=basis["year"], scope=scope_label(basis["scope"]))
        if found == figures.NOT_MEASURED:
            return words.format(indicator=in_sentence(indicator_label(target["indicator"])),
                                scope=in_sentence(scope_label(target["scope"])))
        return words

    def target_chart(target) -> Safe:
        """A chart of the target's own area's figures, where a report gives three or more."""
        if "indicator" not in target or "value" not in target:
            return Safe("")
        own = [f for f in model.statistics_of(target) if f["scope"] == target["scope"]]
        if len(own) < 3:
            return Safe("")
        title = LABELS["chart_title"][lang].format(indicator=indicator_label(target["indicator"]), scope=scope_label(target["scope"]))
        desc = LABELS["chart_desc"][lang].format(points="; ".join(f"{f['year']}: {figure_value(f)}" for f in own),
                                                 target=figures.format_value(unit_of(target["indicator"]), target["value"], lang))
        return Safe('<figure class="chart-frame">' + figures.chart(own, target["value"], unit_of(target["indicator"]), lang,
                                                               title, desc, "chart-" + target["id"]) + "</figure>")

    def page_footer(path: str) -> str:
        """Every page ends saying when the data it shows last changed (from git) and the dataset's version."""
        changed = model.changed_for(path)
        version = model.meta["version"]
        if changed:
            text = LABELS["page_changed"][lang].format(date=date(changed), version=version)
        elif model.history and not model.history.dated:   # a copy without git history: say so, not a wrong day
            text = LABELS["page_unknown_date"][lang].format(version=version)
        else:   # edits not yet committed (make serve)
            text = LABELS["page_version"][lang].format(version=version)
        # on paper the day it was printed follows (page.js writes the reader's day)
        printed = html.escape(LABELS["printed_on"][lang], quote=True)
        return f'\n<p class="page-data">{html.escape(text)}<span class="printed-on" data-template="{printed}"></span></p>\n'

    def nested(markdown: Safe) -> Safe:
        """Block Markdown indented to sit inside a list item (a history event's sources)."""
        return Safe("\n".join(("    " + line) if line.strip() else line for line in markdown.split("\n")))

    def source_date(source) -> str:
        return date(source["date"]) if source.get("date") else LABELS["date_unknown"][lang]

    def anchor(ident: str) -> Safe:
        """A heading's id, so links to records on shared pages (places.md#qijiang) are stable."""
        return Safe("{#" + ident + "}")

    def date(value: str) -> str:
        """A YYYY, YYYY-MM or YYYY-MM-DD date the way each language writes it."""
        return format_date(value, lang)

    def title(text: str) -> Safe:
        """A page title for front matter. MkDocs and Material print page titles into <title> and the
        header without escaping, so the title is given to them already escaped for HTML."""
        return Safe(json.dumps(html.escape(text, quote=False), ensure_ascii=False))

    def plain(text: str) -> Safe:
        """A plain-text front matter value (the page's description); templates escape it when printed."""
        return Safe(json.dumps(" ".join(text.split()), ensure_ascii=False))

    def page_address(here: str) -> str:
        """Where a page is published (its QR code, its citation), or "" when the build was not told."""
        if not site_url:
            return ""
        return site_url + (page_folder(here) + "/" if page_folder(here) else "")

    @jinja2.pass_context
    def qr(context) -> Safe:
        """An SVG QR code of the page's own address, for readers who share by scanning."""
        address = page_address(context["here"])
        if not address:   # a QR code of an address nobody can reach would be worse than none
            return Safe("")
        svg = codes.svg(address)
        label = html.escape(LABELS['qr_label'][lang] + LABELS['colon'][lang] + address, quote=True)
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
        # the address itself is printed once, at the page's end (main.html); the figure is on paper only (site.css)
        return Safe(f'<figure class="qr">{svg}</figure>')

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
            words = {key: LABELS[f"map_{key}"][lang] for key in
                     ("note", "legend_place", "legend_corridor", "legend_count", "projects_at", "projects_n")}
            return Safe(pictures.corridor_map(model, lang, link, LABELS["map_title"][lang], desc, words))
        if kind == "timeline":
            return Safe(pictures.timeline(model, lang, link, date, LABELS["timeline_title"][lang]))
        return Safe(pictures.connections(model, lang, link, LABELS["connections_title"][lang],
                                         LABELS["connections_desc"][lang], areas, tasks))

    def h(text) -> Safe:
        """Text for raw HTML in a page (the projects table), escaped for HTML rather than Markdown."""
        return Safe(html.escape(str(text), quote=True))

    def vocab(collection: str, field: str, value: str) -> str:
        return model.vocabulary(collection, field)[value][lang]

    def vocab_def(collection: str, field: str, sub: str, value: str) -> str:
        """The label of a vocabulary nested in a list field, e.g. a project's related[].relation."""
        items = model.schema["properties"][collection]["items"]["properties"][field]["items"]
        return items["properties"][sub]["x-labels"][value][lang]

    def status(project) -> str:
        """A project's status with the date it holds from: "Being sought · as of 2019"."""
        code, since = model.status_of(project)
        return LABELS["status_as_of"][lang].format(status=vocab("projects", "status", code), date=date(since))

    # what templates may call: text and link helpers, the pictures, and the model (m)
    env.globals.update(
        lang=lang, other="en" if lang == "zh" else "zh", labels={k: v[lang] for k, v in LABELS.items()}, m=model,
        t=t, h=h, date=date, title=title, plain=plain, anchor=anchor, href=href, url=url, link=link, links=links, unindexed=unindexed, back_links=back_links, cell_label=cell_label, breadcrumb=breadcrumb, plain_words=plain_words,
        cite=cite, nested=nested, original=original, note=note, editors=editors, vocab=vocab, vocab_def=vocab_def,
        status=status, source_date=source_date, data_status=data_status, how_to_cite=how_to_cite,
        page_footer=page_footer, record_tools=record_tools, qr=qr, picture=picture, figure_value=figure_value,
        scope_label=scope_label, indicator_label=indicator_label, in_sentence=in_sentence, target_outcome=target_outcome,
        target_chart=target_chart)
    env.filters.update(t=t)
    return env
