"""Published URLs never disappear: tests/published-urls.txt lists every page address the site has
published, and a build that drops one fails unless data/redirects.yaml sends it somewhere.

    python -m scripts.urls --site site            # check the built site against the list
    python -m scripts.urls --site site --update   # add the built site's new pages to the list
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / "tests" / "published-urls.txt"
LANG_PREFIXES = ("", "en/")


def site_urls(site: Path) -> set[str]:
    """Every page address of a built site: "", "plan/", "en/projects/x/" … (404 pages are not addresses)."""
    urls = set()
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site).as_posix()
        urls.add("" if rel == "." else rel + "/")
    return urls


def published() -> set[str]:
    """The addresses in the manifest, one per line as "/", "/plan/", "/en/projects/x/"."""
    if not MANIFEST.exists():
        return set()
    return {line.strip()[1:] for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line.startswith("/")}


def write_redirects(site: Path, redirects: dict[str, str]) -> None:
    """A small page at each old address, in both languages, that sends readers and crawlers on."""
    for old, new in redirects.items():
        for prefix in LANG_PREFIXES:
            page = site / (prefix + old.strip("/")) / "index.html"
            depth = (prefix + old.strip("/")).count("/") + 1
            target = html.escape("../" * depth + prefix + new.lstrip("/"), quote=True)
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f'<!doctype html><html><head><meta charset="utf-8"><title>Moved</title>'
                            f'<link rel="canonical" href="{target}"><meta name="robots" content="noindex">'
                            f'<meta http-equiv="refresh" content="0; url={target}"></head>'
                            f'<body><a href="{target}">{target}</a></body></html>\n', encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site", type=Path)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args(argv)
    built = site_urls(args.site)
    dropped = sorted(published() - built)
    if args.update:
        lines = sorted(published() | built)
        MANIFEST.write_text("# Every page address the site has published; `make urls` adds new ones.\n"
                            + "".join(f"/{u}\n" for u in lines), encoding="utf-8")
        print(f"{MANIFEST.relative_to(REPO)}: {len(lines)} addresses")
    for url in dropped:
        print(f"published address /{url} is gone: add a redirect for it to data/redirects.yaml", file=sys.stderr)
    return 1 if dropped else 0


if __name__ == "__main__":
    sys.exit(main())
