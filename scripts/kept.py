"""Results kept in a file from one build to the next, by a key that names all their inputs.

Each build writes back only the results it used, so the file does not grow with pages or addresses
that are gone; a file that cannot be read (an interrupted build, other versions) is started afresh.
"""
from __future__ import annotations

import pickle
from pathlib import Path


class Kept:
    def __init__(self, path: Path | None):
        self.path = path
        try:
            self.known = pickle.loads(path.read_bytes()) if path and path.exists() else {}
        except Exception:   # unreadable: everything is made again, and the file rewritten
            self.known = {}
        self.used: dict = {}

    def get(self, key):
        """The kept result, or None."""
        if key in self.known:
            self.used[key] = self.known[key]
        return self.used.get(key)

    def put(self, key, value) -> None:
        self.used[key] = value

    def save(self) -> None:
        if self.path is None or self.used == self.known:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".part")
        partial.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(self.path)
