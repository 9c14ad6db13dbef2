"""Pictures drawn at build time as inline SVG: a map of the corridor, the timeline, and how the areas,
tasks and projects connect. Each is an image with a title and a text alternative in the page's
language, its marks link to the records they show, and nothing is fetched to draw them."""
from __future__ import annotations

import itertools
import math
from html import escape

from scripts.urlscheme import INDEX_PAGES

W = 640
# where the map's project counts link to (the projects table, filtered by place)
PROJECTS_INDEX = next(p.path for p in INDEX_PAGES if p.template == "projects_index.md.j2")


FONT = 13   # px in a picture's own units; site.css shows a picture only where it is drawn at least
            # 545 px wide (scale ≥ 0.85), so no text is under 11 px on screen; narrower, its list is shown


class Canvas:
    """A picture in two layers: the drawing, an image with its title and text alternative, and over it
    a layer of links in the same places. An image must not contain controls (its content is
    presentational to assistive technology), so the marks are links in a layer of their own."""

    def __init__(self):
        self.drawing, self.links = [], []

    def add(self, inner: str) -> None:
        self.drawing.append(inner)

    def link(self, href: str, inner: str, label: str) -> None:
        self.drawing.append(inner)
        # the title is the name a pointer's hover shows; the label is what a screen reader reads
        self.links.append(f'<a href="{escape(href, quote=True)}" aria-label="{escape(label, quote=True)}">'
                          f'<title>{escape(label)}</title>{inner}</a>')

    def svg(self, width, height, title, desc, css_class, caption: str = "", fallback: str = "") -> str:
        """The picture as a block figure. `caption` (HTML: a legend, a note) is shown under it;
        `fallback` (HTML: the same content as a list) is shown instead of it where it is too narrow
        for its text to be read."""
        t, d, box = escape(title), escape(desc), f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"'
        # a block-level figure on its own lines: Python-Markdown leaves raw HTML blocks alone, while
        # inline HTML (a span) had Markdown's link and emphasis patterns run over its text
        # a picture's words (its title, description, labels) are not what a page is about: kept out of the search index
        return (f'<figure class="picture-frame {css_class}-frame" data-search-exclude>'
                f'<svg class="picture {css_class}" {box} role="img" aria-labelledby="{css_class}-t {css_class}-d">'
                f'<title id="{css_class}-t">{t}</title><desc id="{css_class}-d">{d}</desc>{"".join(self.drawing)}</svg>'
                f'<svg class="picture-links" {box} role="group" aria-label="{t}">{"".join(self.links)}</svg>'
                f'{fallback}{f"<figcaption>{caption}</figcaption>" if caption else ""}</figure>')


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of a label's width in the system sans-serif (no font is shipped, so none
    can be measured at build time): a Chinese character is one em, a Latin capital about 0.72 em,
    other letters and digits about 0.6 em. The browser tests measure the drawn labels."""
    em = 0.0
    for ch in text:
        if "\u2e80" <= ch <= "\uffef":
            em += 1.0
        elif ch in "il.,:;'’ ()|":
            em += 0.32
        elif ch.isupper() or ch in "mw":
            em += 0.74
        else:
            em += 0.6
    return em * size


class Labels:
    """Where each label goes: beside its mark, on the first side where it overlaps no other label
    or mark and stays inside the picture, else further out with a line back to its mark."""

    def __init__(self, width: float, height: float, marks: list[tuple[float, float, float]]):
        self.width, self.height = width, height
        self.taken = [(x - r - 2, y - r - 2, x + r + 2, y + r + 2) for x, y, r in marks]

    def place(self, x: float, y: float, w: float, h: float) -> tuple[float, float, bool]:
        """Top-left corner for a w×h label of the mark at (x, y), and whether it needs a leader line."""
        d = 9
        near = [(x + d, y - h / 2), (x - d - w, y - h / 2), (x + d - 3, y - d - h + 2), (x + d - 3, y + d - 2),
                (x - d - w + 3, y - d - h + 2), (x - d - w + 3, y + d - 2), (x - w / 2, y - d - h), (x - w / 2, y + d)]
        far = [(x + dx * reach - (w if dx < 0 else 0 if dx > 0 else w / 2), y + dy * reach - h / 2)
               for reach in (30, 46, 62, 80) for dx, dy in ((1, 0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1))]
        for i, (left, top) in enumerate(near + far):
            box = (left, top, left + w, top + h)
            if self._free(box):
                self.taken.append(box)
                return left, top, i >= len(near)
        left, top = near[0]   # nowhere free: the browser tests will say so
        self.taken.append((left, top, left + w, top + h))
        return left, top, False

    def _free(self, box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 2 or y0 < 2 or x1 > self.width - 2 or y1 > self.height - 2:
            return False
        return all(x1 + 2 <= a or a1 + 2 <= x0 or y1 + 2 <= b or b1 + 2 <= y0 for a, b, a1, b1 in self.taken)


def corridor_map(model, lang, href, title, desc, words):
    """Every located place, with the number of projects there linking to the projects table filtered
    to that place (no source locates a project more precisely than its place), on a plain projection."""
    located = [p for p in model.places if "location" in p]
    lats = [p["location"]["lat"] for p in located]
    lons = [p["location"]["lon"] for p in located]
    pad = 0.12
    south, north, west, east = min(lats) - pad, max(lats) + pad, min(lons) - pad, max(lons) + pad
    margin = 24
    scale = (W - 2 * margin) / ((east - west) * math.cos(math.radians((north + south) / 2)))
    height = int((north - south) * scale) + 2 * margin

    def xy(loc):
        x = margin + (loc["lon"] - west) * math.cos(math.radians((north + south) / 2)) * scale
        y = margin + (north - loc["lat"]) * scale
        return round(x, 1), round(y, 1)

    canvas = Canvas()
    spine = [model.get("place", i) for i in ("chongqing-main-city", "qijiang", "tongzi", "zunyi", "guian-new-area")
             if i in model.by_id["place"] and "location" in model.get("place", i)]
    corner = [xy(p["location"]) for p in spine]
    if len(corner) > 1:
        canvas.add(f'<polyline class="corridor" points="{" ".join(f"{x},{y}" for x, y in corner)}" fill="none"/>')
    at = {p["id"]: xy(p["location"]) for p in located}
    # labels keep clear of the marks and of the corridor's line (points along it, 6 px apart)
    along = []
    for (x0, y0), (x1, y1) in itertools.pairwise(corner):
        n = max(1, int(math.dist((x0, y0), (x1, y1)) // 6))
        along += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n, 1) for k in range(n)]
    labels = Labels(W, height, [(x, y, 5) for x, y in at.values()] + along)

    def crowd(place):   # the most crowded places choose their label's side first
        x, y = at[place["id"]]
        return -sum(1 for a, b in at.values() if abs(a - x) < 80 and abs(b - y) < 40)

    line_h = FONT + 4
    for place in sorted(located, key=crowd):
        x, y = at[place["id"]]
        name = model.short_name(place, lang)
        count = len(model.projects_of[place["id"]])
        badge = f"{count}" if count else ""
        badge_w = text_width(badge) + 10 if badge else 0
        name_w = text_width(name)
        width = name_w + (4 + badge_w if badge else 0)
        left, top, leader = labels.place(x, y, width, line_h)
        if leader:
            edge_x = min(max(x, left), left + width)
            edge_y = min(max(y, top), top + line_h)
            canvas.add(f'<line class="leader" x1="{x}" y1="{y}" x2="{round(edge_x, 1)}" y2="{round(edge_y, 1)}"/>')
        # the count sits next to the mark and the name outside it, so that any slack in the
        # estimated width falls at the label's outer end, not between its parts
        on_left = left + width <= x
        badge_x = left + width - badge_w if on_left else left
        name_x, anchor = (badge_x - 4 if badge else left + width, "end") if on_left else (left + (badge_w + 4 if badge else 0), "start")
        canvas.link(href(model.path(place, "place")),
                    f'<circle class="place-mark" cx="{x}" cy="{y}" r="5"/>'
                    f'<text x="{round(name_x, 1)}" y="{round(top + FONT, 1)}" text-anchor="{anchor}" class="place-label">{escape(name)}</text>',
                    place["name"][lang])
        if badge:
            canvas.link(href(PROJECTS_INDEX) + f"?place={place['id']}",
                        f'<rect class="count-badge" x="{round(badge_x, 1)}" y="{round(top, 1)}" width="{round(badge_w, 1)}" height="{line_h}" rx="{line_h // 2}"/>'
                        f'<text x="{round(badge_x + badge_w / 2, 1)}" y="{round(top + FONT, 1)}" class="count-label">{badge}</text>',
                        words["projects_at"].format(n=count, place=place["name"][lang]))
    caption = (f'<p class="picture-note">{escape(words["note"])}</p>'
               f'<ul class="legend">'
               f'<li><svg class="legend-key" viewBox="0 0 16 16" aria-hidden="true"><circle class="place-mark" cx="8" cy="8" r="5"/></svg>{escape(words["legend_place"])}</li>'
               f'<li><svg class="legend-key" viewBox="0 0 32 16" aria-hidden="true"><line class="corridor" x1="0" y1="8" x2="32" y2="8"/></svg>{escape(words["legend_corridor"])}</li>'
               f'<li><svg class="legend-key" viewBox="0 0 24 16" aria-hidden="true"><rect class="count-badge" x="1" y="1" width="22" height="14" rx="7"/></svg>{escape(words["legend_count"])}</li>'
               f'</ul>')
    rows = sorted(located, key=lambda p: -p["location"]["lat"])
    fallback = '<ul class="picture-list">' + "".join(
        f'<li><a href="{escape(href(model.path(p, "place")), quote=True)}">{escape(p["name"][lang])}</a>'
        + (f' · <a href="{escape(href(PROJECTS_INDEX) + "?place=" + p["id"], quote=True)}">'
           f'{escape(words["projects_n"].format(n=len(model.projects_of[p["id"]])))}</a>' if model.projects_of[p["id"]] else "")
        + "</li>" for p in rows) + "</ul>"
    return canvas.svg(W, height, title, desc, "corridor-map", caption=caption, fallback=fallback)


def timeline(model, lang, href, date, title):
    """The timeline as an ordered list: one item per event, in date order, each a link to its entry."""
    items = []
    for event in model.timeline:
        when = event["date_label"][lang] if "date_label" in event else date(event["date"])
        items.append(f'<li><a href="{escape(href(model.path(event, "event")), quote=True)}">'
                     f'<span class="event-date">{escape(when)}</span> '
                     f'<span class="event-title">{escape(event["title"][lang])}</span></a></li>')
    return f'<nav class="timeline-list" data-search-exclude aria-label="{escape(title, quote=True)}"><ol>{"".join(items)}</ol></nav>'


def connections(model, lang, href, title, desc, areas=None, tasks=None):
    """Areas on the left, tasks on the right, a line where a task serves an area; each task's number of
    projects beside it. With `areas`/`tasks` given, only those and what touches them."""
    areas = areas if areas is not None else model.areas
    tasks = tasks if tasks is not None else model.tasks
    row, box = 80, 70   # a box holds four lines of 13 px text
    height = row * max(len(areas), len(tasks), 1) + 10
    ax, tx = 10, W // 2 + 20
    ay = {a["id"]: 42 + i * row for i, a in enumerate(areas)}
    ty = {t["id"]: 42 + i * row for i, t in enumerate(tasks)}
    canvas = Canvas()
    for t in tasks:
        for ref in t["areas"]:
            if ref in ay:
                canvas.add(f'<line class="link-line" x1="{W // 2 - 30}" y1="{ay[ref]}" x2="{tx}" y2="{ty[t["id"]]}"/>')
    area_w, task_w = W // 2 - 40, W - tx - 50
    for a in areas:
        y = ay[a["id"]]
        inner = f'<rect class="area-box" x="{ax}" y="{y - box // 2}" width="{area_w}" height="{box}" rx="4"/>' \
                + _label(a["name"][lang], ax + 8, y, area_w - 16)
        canvas.link(href(model.path(a, "area")), inner, a["name"][lang])
    for t in tasks:
        y = ty[t["id"]]
        count = len(model.projects_of[t["id"]])
        inner = f'<rect class="task-box" x="{tx}" y="{y - box // 2}" width="{task_w}" height="{box}" rx="4"/>' \
                + _label(t["name"][lang], tx + 8, y, task_w - 16) \
                + f'<text x="{W - 40}" y="{y + 5}" class="count">{count}</text>'
        canvas.link(href(model.path(t, "task")), inner, t["name"][lang])
    shown = {t["id"] for t in tasks}

    def item(record, path, extra=""):
        return f'<a href="{escape(href(path), quote=True)}">{escape(record["name"][lang])}</a>{extra}'
    fallback = '<ul class="picture-list">' + "".join(
        "<li>" + item(a, model.path(a, "area")) + "<ul>"
        + "".join("<li>" + item(t, model.path(t, "task"), f" ({len(model.projects_of[t['id']])})") + "</li>"
                  for t in model.tasks_of_area[a["id"]] if t["id"] in shown)
        + "</ul></li>" for a in areas)
    # a task that serves none of the areas shown (深化公共服务大融合 serves none) is listed on its own
    area_ids = {a["id"] for a in areas}
    fallback += "".join("<li>" + item(t, model.path(t, "task"), f" ({len(model.projects_of[t['id']])})") + "</li>"
                        for t in tasks if not set(t["areas"]) & area_ids) + "</ul>"
    return canvas.svg(W, height, title, desc, "connections", fallback=fallback)


def _lines(text: str, width: float, most: int = 4) -> list[str]:
    """A box label in at most `most` lines no wider than `width` (by text_width): English breaks
    between words, Chinese anywhere; what does not fit ends in an ellipsis."""
    lines, rest = [], text
    while rest:
        if text_width(rest) <= width:
            return [*lines, rest]
        if len(lines) == most - 1:
            cut = len(rest)
            while cut > 1 and text_width(rest[:cut] + "…") > width:
                cut -= 1
            return [*lines, rest[:cut].rstrip() + "…"]
        cut = len(rest)
        while cut > 1 and text_width(rest[:cut]) > width:
            cut -= 1
        space = rest.rfind(" ", 0, cut + 1)
        if space > 0:
            cut = space
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return lines


def _label(text: str, x: int, y: int, width: float) -> str:
    """A box label centred on y, wrapped to the box's width, up to four lines."""
    lines = _lines(text, width)
    step = FONT + 3
    top = y + 5 - step * (len(lines) - 1) / 2
    spans = "".join(f'<tspan x="{x}" y="{round(top + step * i, 1)}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="box-label">{spans}</text>'
