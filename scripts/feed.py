"""Each language's Atom feed of developments (feed.xml at the language's root): every event of every
project's history, newest first, linking to the project's history and to the reports it rests on, so
that a reader can follow new developments in a feed reader. Every page names it in its head
(docs/overrides/main.html) for feed readers to discover.

Entry ids stay the same from build to build (the project, the event's date and its place among that
day's events), so a reader is not shown an event twice when its text is corrected.
"""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from scripts.render import LABELS
from scripts.render.model import Model

FEED = "feed.xml"
NEWEST = 100   # entries in the feed; the whole history is on the site and in the downloads
ID_PREFIX = "tag:yuqian-pilot-zone.qijiang,2026:"   # the feed's own, independent of where it is published


def _timestamp(day: str) -> str:
    """An event's date as Atom's date-time: 2023-09 is read as its first day."""
    parts = (day.split("-") + ["01", "01"])[:3]
    return "-".join(parts) + "T00:00:00Z"


def feed(model: Model, lang: str, site_url: str = "") -> str:
    """The feed's XML; links are absolute when the build knows where the language is published,
    otherwise relative to the feed (Atom resolves them against the feed's own address)."""
    words = {key: value[lang] for key, value in LABELS.items()}
    status = model.vocabulary("projects", "status")
    base = site_url or ""
    # newest first by the date each entry gives (an event dated only 2025 is given as 1 January 2025)
    events = sorted(model.project_events[::-1], key=lambda pe: _timestamp(pe[1]["date"]), reverse=True)[:NEWEST]
    seen: dict[tuple[str, str], int] = {}
    entries = []
    for project, event in events:
        key = (project["id"], event["date"])
        seen[key] = seen.get(key, -1) + 1
        name = project["name"][lang]
        title = words["feed_entry_title"].format(name=name, status=status[event["status"]][lang])
        page = f"{base}projects/{project['id']}/"
        summary = event["text"][lang]
        if lang == "en":   # English pages show the Chinese original beside the translation
            summary += f"\n\n{event['text']['zh']}"
        related = []
        for ident in dict.fromkeys(c["source"] for c in event.get("sources") or []):
            source = model.sources[ident]
            related.append(f'    <link rel="related" type="text/html" href={quoteattr(f"{base}sources/{ident}/")} '
                           f'title={quoteattr(source["outlet"][lang])}/>')
        entries.append("\n".join([
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>{ID_PREFIX}projects/{project['id']}/history/{event['date']}/{seen[key]}</id>",
            f"    <updated>{_timestamp(event['date'])}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(page + "#history")}/>',
            *related,
            f"    <category term={quoteattr(event['status'])} label={quoteattr(status[event['status']][lang])}/>",
            f"    <summary type=\"text\">{escape(summary)}</summary>",
            "  </entry>"]))
    updated = _timestamp(events[0][1]["date"]) if events else "1970-01-01T00:00:00Z"
    xml_lang = "zh-Hans" if lang == "zh" else "en"
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{xml_lang}"' + (f" xml:base={quoteattr(base)}" if base else "") + ">",
        f"  <title>{escape(words['feed_title'])}</title>",
        f"  <subtitle>{escape(words['feed_subtitle'])}</subtitle>",
        f"  <id>{ID_PREFIX}{lang}/feed</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(base + "timeline/#project-events")}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(words['site_name'])}</name></author>",
        f"  <rights>{escape(words['feed_rights'])}</rights>",
        *entries,
        "</feed>", ""])
