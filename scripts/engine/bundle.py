"""A fix to Material's main script, applied while MkDocs builds (scripts/engine/mends.py).

Material's palette code appends a <meta name="color-scheme"> to the head on every page load and then
sets its content to the header's colour scheme, whether or not it changed. Chrome restyles every
element of the page for each change of that meta (a "platform colour change"): two full restyles in
the script's first long task, about 80 ms of a phone's main thread on the sources page (Chrome trace,
4× slowed CPU). docs/overrides/main.html writes the meta itself, with the light scheme's value; the
script uses that one and changes it only when the reader's scheme differs.
"""
from __future__ import annotations

APPENDED = 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'
FOUND = "let o=document.querySelector('meta[name=\"color-scheme\"]');"
ALWAYS_SET = "return o.content=a.colorScheme,"
SET_WHEN_CHANGED = "return o.content!==a.colorScheme&&(o.content=a.colorScheme),"

# the page loads slower without it, and is right
KIND = "speed"

# (what Material wrote, what is published instead, what for): scripts/engine/mends.py applies them
REPLACEMENTS = [(APPENDED, FOUND, "the page's own color-scheme meta"),
                (ALWAYS_SET, SET_WHEN_CHANGED, "the color-scheme meta changed only when it differs")]
