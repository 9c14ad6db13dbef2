"""Material's files that this site publishes changed: its search worker (worker.py), its main script
(bundle.py) and its palette stylesheet (palette.py), each a list of exact replacements.

A replacement whose text is not in the file means Material has changed: the build stops and says
which module to review, rather than publish an unmended file. A mended file gets a name of its own
(the hash of its new content), so a server may cache it forever like Material's other hashed files
without ever serving the unmended one under that name.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import material

from . import bundle, palette, worker

THEME = Path(material.__file__).parent / "templates"
# Material's file (a pattern under its templates, as published under the site), the module that mends it
MENDS = {
    "assets/javascripts/workers/search.*.min.js": worker,
    "assets/javascripts/bundle.*.min.js": bundle,
    "assets/stylesheets/palette.*.min.css": palette,
}


class MaterialChanged(Exception):
    pass


@dataclass(frozen=True)
class Mended:
    folder: str   # under the site, e.g. assets/stylesheets
    old: str      # Material's file name, as its templates refer to it
    new: str      # the mended file's name
    text: str


def mend(text: str, module) -> str:
    name = module.__name__.rsplit(".", 1)[-1]
    for old, new, why in module.REPLACEMENTS:
        if old not in text:
            raise MaterialChanged(f"Material's {name} file has changed: review scripts/engine/{name}.py ({why}) "
                                  "against the new version")
        text = text.replace(old, new, 1)
    return text


def mended_files() -> list[Mended]:
    files = []
    for pattern, module in MENDS.items():
        (original,) = THEME.glob(pattern)
        text = mend(original.read_text(encoding="utf-8"), module)
        stem, _, suffix = original.name.split(".", 2)     # search, fb2fffe2, min.js
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        files.append(Mended(str(Path(pattern).parent), original.name, f"{stem}.{digest}.{suffix}", text))
    return files
