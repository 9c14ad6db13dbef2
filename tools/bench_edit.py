"""`make bench-edit`: what an editor waits for, end to end. It starts `make serve` on a copy of the
data (the real data, then ×10 from tools/synth.py) with nothing kept from an earlier `make serve`
(as on a fresh checkout), times the first serve (from the command to the page answering), then
saves a one-field edit of a project five times and times each from the save to the served page
showing it over HTTP; then stops it and starts it again, timing the first serve of a session that
finds the last one's build (as on an editor's second day). Prints the medians and writes
bench/edit.json.

Goals (issue #27, on the 2-core machine the README names): an edit shows in 0.5 s or less with the
real data and 1 s or less at ×10; the first serve at ×10 takes 5 s or less.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tools.nginx_site import free_port

REPO = Path(__file__).resolve().parents[1]
PROJECT = "qineng-phase-2"   # a project of the real data (copy 0 at every scale)
EDITS = 5


def _get(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


def _until(url: str, words: str, seconds: float) -> float:
    """Poll the page until it holds `words`; the time it took, in seconds."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if words in _get(url):
            return time.monotonic() - start
        time.sleep(0.02)
    raise TimeoutError(f"{words!r} never appeared at {url} in {seconds} s")


KEPT = [REPO / "build" / name for name in ("serve-work", "serve-site", ".serve-site-builds")]


def _serve(data: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(["make", "--no-print-directory", "serve", f"DATA={data}", f"PORT={port}"], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


def measure(data: Path, label: str) -> dict:
    for path in KEPT:   # nothing from an earlier make serve: the first serve of a fresh checkout
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)
    port = free_port()
    page = f"http://127.0.0.1:{port}/en/projects/{PROJECT}/"
    projects = data / "projects.yaml"
    original = projects.read_text(encoding="utf-8")
    # the English description of the project: one field, one line of the file
    marker = "\n  description:\n"
    at = original.index(marker, re.search(rf"- id: [\"']?{PROJECT}[\"']?\n", original).end())
    line_start = original.index("    en: ", at) + len("    en: ")
    start = time.monotonic()
    server = _serve(data, port)
    try:
        _until(page, "</html>", 600)
        first = time.monotonic() - start   # from the command
        times = []
        for k in range(EDITS):
            time.sleep(1.0)   # the server idle again, as between an editor's saves
            word = f"EDIT{k}X{int(time.time() * 1000) % 100000}"
            # the edit: a word put in front of the description's first word, inside its quotes if any
            quote = original[line_start] if original[line_start] in "\"'" else ""
            text = original[:line_start + len(quote)] + word + " " + original[line_start + len(quote):]
            saved = time.monotonic()
            projects.write_text(text, encoding="utf-8")
            _until(page, word, 120)
            times.append(time.monotonic() - saved)
        projects.write_text(original, encoding="utf-8")
    finally:
        _stop(server)
    start = time.monotonic()   # the next session, which finds this one's build
    server = _serve(data, port)
    try:
        _until(page, "</html>", 600)
        again = time.monotonic() - start
    finally:
        _stop(server)
    result = {"data": label, "first_serve_s": round(first, 2), "first_serve_again_s": round(again, 2),
              "edit_shown_s": [round(t, 3) for t in times], "edit_shown_median_s": round(statistics.median(times), 3)}
    print(f"{label:<10} first serve {result['first_serve_s']:6.2f} s (next session {again:5.2f} s)   edit shown "
          f"(median of {EDITS}) {result['edit_shown_median_s']:6.3f} s   each: {', '.join(f'{t:.2f}' for t in times)}",
          flush=True)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated scales (default 1,10)")
    parser.add_argument("--out", default=REPO / "bench" / "edit.json", type=Path)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (int(s) for s in args.scales.split(",")):
            data = Path(tmp) / f"data-x{scale}"
            if scale == 1:
                shutil.copytree(REPO / "data", data)
            else:
                subprocess.run([sys.executable, "-m", "tools.synth", "--scale", str(scale), "--out", str(data)],
                               cwd=REPO, check=True, stdout=subprocess.DEVNULL)
            results.append(measure(data, "real" if scale == 1 else f"x{scale}"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": f"{os.cpu_count()} cores", "results": results}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
