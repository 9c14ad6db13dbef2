"""QR codes of page addresses, as inline SVG, kept between builds.

A code depends on nothing but its address, and making one (segno) was a tenth of a page's render:
`make serve` rebuilds every page on each save, so codes made before are read back from a file
beside the compiled templates instead of made again.
"""
from __future__ import annotations

from pathlib import Path

import segno

from scripts.kept import Kept


class QRCodes:
    def __init__(self, cache: Path | None = None):
        self.kept = Kept(cache)

    def svg(self, address: str) -> str:
        """The code as an <svg> element with class "qr-code"."""
        code = self.kept.get(address)
        if code is None:
            # a fixed mask: choosing the best of eight took three quarters of the time, and any mask
            # gives a valid code that phones read
            code = segno.make(address, error="m", mask=0).svg_inline(scale=3, title=None, svgclass="qr-code",
                                                                     lineclass=None)
            self.kept.put(address, code)
        return code

    def save(self) -> None:
        self.kept.save()
