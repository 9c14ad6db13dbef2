"""Material's files that this site publishes changed: its search worker (worker.py), its main script
(bundle.py) and its palette stylesheet (palette.py), each a list of exact replacements.

Each module says what kind of mend it is. Each text it replaces must occur exactly once in Material's
file; where it does not, Material has changed. A mend for correctness (the search worker) then stops
the build and says which module to review, rather than publish a wrong site. A mend for speed (the
main script, the palette) is left out, with one warning: the site is slower, never wrong. A mended
file gets a name of its own
(the hash of its new content), so a server may cache it forever like Material's other hashed files
without ever serving the unmended one under that name.
"""
from __future__ import annotations

import functools
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
    """The text with the module's replacements, each made where its text occurs exactly once;
    MaterialChanged where one does not (all of a module's replacements or none of them)."""
    name = module.__name__.rsplit(".", 1)[-1]
    for old, _, why in module.REPLACEMENTS:
        found = text.count(old)
        if found != 1:
            raise MaterialChanged(f"Material's {name} file has changed ({'not found' if not found else f'found {found} times'}): "
                                  f"review scripts/engine/{name}.py ({why}) against the new version")
    for old, new, _ in module.REPLACEMENTS:
        text = text.replace(old, new, 1)
    return text


@functools.cache
def mended_files() -> tuple[tuple[Mended, ...], tuple[str, ...]]:
    """The mended files and a warning for each speed mend left out. Made once per process: the
    build makes them before it forks its workers (engine.load), which inherit them."""
    files, skipped = [], []
    for pattern, module in MENDS.items():
        (original,) = THEME.glob(pattern)
        try:
            text = mend(original.read_text(encoding="utf-8"), module)
        except MaterialChanged as err:
            if module.KIND != "speed":
                raise
            skipped.append(f"{err}; the speed mend is left out, so pages load slower until it is reviewed")
            continue
        stem, _, suffix = original.name.split(".", 2)     # search, fb2fffe2, min.js
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        files.append(Mended(str(Path(pattern).parent), original.name, f"{stem}.{digest}.{suffix}", text))
    return tuple(files), tuple(skipped)
