"""Pictures drawn at build time as inline SVG: a map of the corridor, the timeline, and how the areas,
tasks and projects connect. Each is an image with a title and a text alternative in the page's
language, its marks link to the records they show, and nothing is fetched to draw them."""
from __future__ import annotations

import math
from html import escape

W = 640


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
        self.links.append(f'<a href="{escape(href, quote=True)}" aria-label="{escape(label, quote=True)}">{inner}</a>')

    def svg(self, width, height, title, desc, css_class) -> str:
        t, d, box = escape(title), escape(desc), f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"'
        # a block-level figure on its own lines: Python-Markdown leaves raw HTML blocks alone, while
        # inline HTML (a span) had Markdown's link and emphasis patterns run over its text
        return (f'<figure class="picture-frame {css_class}-frame">'
                f'<svg class="picture {css_class}" {box} role="img" aria-labelledby="{css_class}-t {css_class}-d">'
                f'<title id="{css_class}-t">{t}</title><desc id="{css_class}-d">{d}</desc>{"".join(self.drawing)}</svg>'
                f'<svg class="picture-links" {box} role="group" aria-label="{t}">{"".join(self.links)}</svg></figure>')


def corridor_map(model, lang, href, title, desc):
    """Every located place, and every project at the place it is in, on a plain projection."""
    located = [p for p in model.places if "location" in p]
    lats = [p["location"]["lat"] for p in located]
    lons = [p["location"]["lon"] for p in located]
    pad = 0.25
    south, north, west, east = min(lats) - pad, max(lats) + pad, min(lons) - pad, max(lons) + pad
    scale = (W - 40) / ((east - west) * math.cos(math.radians((north + south) / 2)))
    height = int((north - south) * scale) + 40

    def xy(loc):
        x = 20 + (loc["lon"] - west) * math.cos(math.radians((north + south) / 2)) * scale
        y = 20 + (north - loc["lat"]) * scale
        return round(x, 1), round(y, 1)

    canvas = Canvas()
    spine = [model.get("place", i) for i in ("chongqing-main-city", "qijiang", "tongzi", "zunyi", "guian-new-area")
             if i in model.by_id["place"] and "location" in model.get("place", i)]
    if len(spine) > 1:
        points = " ".join(f"{x},{y}" for x, y in (xy(p["location"]) for p in spine))
        canvas.add(f'<polyline class="corridor" points="{points}" fill="none"/>')
    for place in located:
        x, y = xy(place["location"])
        mark = (f'<circle class="place-mark" cx="{x}" cy="{y}" r="5"/>'
                f'<text x="{x + 8}" y="{y + 4}" class="place-label">{escape(place["name"][lang])}</text>')
        canvas.link(href(f"places.md#{place['id']}"), mark, place["name"][lang])
    # projects sit in a small ring round the first located place they name
    by_place = {}
    for project in model.projects:
        at = next((model.get("place", r) for r in project["places"] if "location" in model.get("place", r)), None)
        if at:
            by_place.setdefault(at["id"], []).append(project)
    for place_id, projects in by_place.items():
        cx, cy = xy(model.get("place", place_id)["location"])
        ring = 14 + len(projects) // 2
        for i, project in enumerate(projects):
            angle = 2 * math.pi * i / len(projects)
            x, y = round(cx + ring * math.cos(angle), 1), round(cy + ring * math.sin(angle), 1)
            canvas.link(href(f"projects/{project['id']}.md"),
                        f'<circle class="project-mark" cx="{x}" cy="{y}" r="3"/>', project["name"][lang])
    return canvas.svg(W, height, title, desc, "corridor-map")


def timeline(model, lang, href, date, title, desc):
    """One row per event, in date order."""
    row = 34
    height = row * len(model.timeline) + 20
    canvas = Canvas()
    canvas.add(f'<line class="axis" x1="24" y1="10" x2="24" y2="{height - 10}"/>')
    for i, event in enumerate(model.timeline):
        y = 22 + i * row
        when = event["date_label"][lang] if "date_label" in event else date(event["date"])
        inner = (f'<circle class="event-mark" cx="24" cy="{y}" r="6"/>'
                 f'<text x="40" y="{y - 3}" class="event-date">{escape(when)}</text>'
                 f'<text x="40" y="{y + 12}" class="event-title">{escape(event["title"][lang])}</text>')
        canvas.link(href(f"timeline.md#{event['id']}"), inner, f"{when} {event['title'][lang]}")
    return canvas.svg(W, height, title, desc, "timeline-picture")


def connections(model, lang, href, title, desc, areas=None, tasks=None):
    """Areas on the left, tasks on the right, a line where a task serves an area; each task's number of
    projects beside it. With `areas`/`tasks` given, only those and what touches them."""
    areas = areas if areas is not None else model.areas
    tasks = tasks if tasks is not None else model.tasks
    row, box = 62, 52
    height = row * max(len(areas), len(tasks), 1) + 20
    ax, tx = 10, W // 2 + 20
    ay = {a["id"]: 30 + i * row for i, a in enumerate(areas)}
    ty = {t["id"]: 30 + i * row for i, t in enumerate(tasks)}
    canvas = Canvas()
    for t in tasks:
        for ref in t["areas"]:
            if ref in ay:
                canvas.add(f'<line class="link-line" x1="{W // 2 - 30}" y1="{ay[ref]}" x2="{tx}" y2="{ty[t["id"]]}"/>')
    for a in areas:
        y = ay[a["id"]]
        inner = f'<rect class="area-box" x="{ax}" y="{y - box // 2}" width="{W // 2 - 40}" height="{box}" rx="4"/>' \
                + _label(a["name"][lang], ax + 8, y, 44 if lang == "en" else 22)
        canvas.link(href(f"areas/{a['id']}.md"), inner, a["name"][lang])
    for t in tasks:
        y = ty[t["id"]]
        count = len(model.projects_of[t["id"]])
        inner = f'<rect class="task-box" x="{tx}" y="{y - box // 2}" width="{W - tx - 50}" height="{box}" rx="4"/>' \
                + _label(t["name"][lang], tx + 8, y, 36 if lang == "en" else 18) \
                + f'<text x="{W - 40}" y="{y + 5}" class="count">{count}</text>'
        canvas.link(href(f"tasks/{t['id']}.md"), inner, t["name"][lang])
    return canvas.svg(W, height, title, desc, "connections")


def _short(text, n):
    return text if len(text) <= n else text[: n - 1] + "…"


def _lines(text: str, per_line: int, most: int = 3) -> list[str]:
    """A box label in at most `most` lines of about `per_line` characters: English breaks between
    words, Chinese anywhere; what does not fit ends in an ellipsis."""
    lines = []
    while text and len(lines) < most - 1 and len(text) > per_line:
        if " " in text:
            words, line = text.split(" "), ""
            while words and len(line) + len(words[0]) + (1 if line else 0) <= per_line:
                line += (" " if line else "") + words.pop(0)
            line = line or words.pop(0)
            lines.append(line)
            text = " ".join(words)
        else:
            lines.append(text[:per_line])
            text = text[per_line:]
    return [*lines, _short(text, per_line)] if text else lines


def _label(text: str, x: int, y: int, per_line: int) -> str:
    """A box label centred on y, one or two lines."""
    lines = _lines(text, per_line)
    top = y + 5 - 7 * (len(lines) - 1)
    spans = "".join(f'<tspan x="{x}" y="{top + 14 * i}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="box-label">{spans}</text>'
