"""`make serve`: build both languages and serve them at http://127.0.0.1:8000, rebuilding and reloading
the browser when data/, the templates, the labels, the hand-written pages or the configs change.

Rebuilds fork from this process, which has MkDocs and jieba loaded; templates and labels are read
again by every build. An edit to the build's own Python code restarts this process instead, since a
fork would run the code it was started with. A rebuild that fails prints why and keeps serving the
last good site, with the problems shown over every page until the data is fixed.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scripts import engine
from scripts.build import REPO, BuildError, build, warm

WATCHED = ["docs", "scripts", "mkdocs.yml", "mkdocs.en.yml"]


def code_stamp() -> list:
    """The build's Python code as (file, modification time): a change means restart."""
    return sorted((str(p), p.stat().st_mtime_ns) for p in (REPO / "scripts").rglob("*.py"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve the site with live reload.")
    parser.add_argument("--data", default="data", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=8000, type=int)
    args = parser.parse_args(argv)
    data = args.data.resolve()
    site, work = REPO / "build" / "serve-site", REPO / "build" / "serve-work"

    started_with = code_stamp()
    shown = [""]   # the problems of the last build, while it failed

    def rebuild():
        if code_stamp() != started_with:
            print("the build's code changed: restarting make serve", flush=True)
            sys.stderr.flush()
            os.execv(sys.executable, [sys.executable, "-m", "scripts.serve", *(argv if argv is not None else sys.argv[1:])])
        try:
            build(data, site, work, serving=True, repo_url=os.environ.get("REPO_URL", ""))
            shown[0] = ""
        except BuildError as err:
            print(f"build failed, still serving the last good site:\n{err}", file=sys.stderr)
            shown[0] = str(err)   # shown over every page until a build succeeds

    warm()   # every rebuild forks from this process, with MkDocs imported and jieba loaded
    rebuild()
    if not site.exists():
        return 1
    print(f"serving on http://{args.host}:{args.port}/ (English at /en/); Ctrl+C stops", flush=True)
    engine.serve(site, [data, *(REPO / p for p in WATCHED)], rebuild, args.host, args.port, problems=lambda: shown[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
