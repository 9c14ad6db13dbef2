"""QR codes of page addresses, as inline SVG, kept between builds.

A code depends on nothing but its address, and making one (segno) was a tenth of a page's render:
`make serve` rebuilds every page on each save, so codes made before are read back from a file
beside the compiled templates instead of made again.
"""
from __future__ import annotations

import json
from pathlib import Path

import segno


class QRCodes:
    def __init__(self, cache: Path | None = None):
        self.cache = cache
        self.known: dict[str, str] = {}
        if cache and cache.exists():
            try:
                self.known = json.loads(cache.read_text(encoding="utf-8"))
            except ValueError:   # a cache left half-written by an interrupted build: make the codes again
                self.known = {}
        self.used: dict[str, str] = {}

    def svg(self, address: str) -> str:
        """The code as an <svg> element with class "qr-code"."""
        if address not in self.used:
            code = self.known.get(address)
            if code is None:
                # a fixed mask: choosing the best of eight took three quarters of the time, and any
                # mask gives a valid code that phones read
                code = segno.make(address, error="m", mask=0).svg_inline(scale=3, title=None, svgclass="qr-code",
                                                                         lineclass=None)
            self.used[address] = code
        return self.used[address]

    def save(self) -> None:
        """Keep the codes this build used (and only those, so the file does not grow with old addresses)."""
        if self.cache and self.used != self.known:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            partial = self.cache.with_suffix(".part")
            partial.write_text(json.dumps(self.used, ensure_ascii=False), encoding="utf-8")
            partial.replace(self.cache)
