"""A fix to Material's palette stylesheet, applied while MkDocs builds (scripts/engine/mends.py).

On every page load, Material's palette code sets `data-md-color-switching` on <body> and removes it
a moment later, whether or not the reader changes the colours. The stylesheet's rule for it
(`[data-md-color-switching] *`, turning transitions off while colours change) matches every element,
so each of the two changes restyles the whole page: on the sources page, two of the six full
restyles of a page load, about 220 ms of a phone's main thread (Chrome trace, 4× slowed CPU), which
is most of what kept it under 95 in Lighthouse. Without the rule the attribute restyles nothing;
what is lost is that a reader's own click on the light/dark toggle fades the header's and links'
colours over a quarter second instead of switching them at once.
"""
from __future__ import annotations

SWITCHING = ("[data-md-color-switching] *,[data-md-color-switching] :after,"
             "[data-md-color-switching] :before{transition-duration:0s!important}")

# the page loads slower without it, and is right
KIND = "speed"

# (what Material wrote, what is published instead, what for): scripts/engine/mends.py applies them
REPLACEMENTS = [(SWITCHING, "", "no restyle of every element when the page loads")]
