"""Results kept in a file from one build to the next, by a key that names all their inputs.

Each build writes back only the results it used, so the file does not grow with pages or addresses
that are gone; a file that cannot be read (an interrupted build, other versions) is started afresh.
`write_changed` keeps a folder of files from one build to the next in the same way.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
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


def write_changed(folder: Path, files, written: dict | None) -> dict:
    """Make `folder` hold exactly `files` ((path inside it, bytes) pairs, or a dict of them, made as
    they are written: a large dataset's downloads need not all be held at once). `written` is what an earlier
    call returned for this folder: a file whose bytes are the same and that is still as that call
    left it (size and time) is not written again, and its files no longer given are deleted. Without
    it, the folder is emptied first. Returns what to give the next call."""
    if written is None:
        if folder.exists():
            shutil.rmtree(folder)
        written = {}
    now = {}
    for path, data in files.items() if isinstance(files, dict) else files:
        digest = hashlib.blake2b(data, digest_size=16).digest()
        target = folder / path
        before = written.get(path)
        if before is None or before[0] != digest or _stamp(target) != before[1]:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        now[path] = (digest, _stamp(target))
    for path in set(written) - set(now):
        (folder / path).unlink(missing_ok=True)
    return now


def _stamp(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns
