"""`make dist`: the built site/ made ready for any static host: a gzip copy beside every text file,
so a server that serves precompressed files (nginx gzip_static, most CDNs) sends them as they are.
Copies are written with a fixed time so that two dists of a commit are identical."""
from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".yaml", ".map"}


def precompress(site: Path) -> int:
    count = 0
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT:
            raw = path.read_bytes()
            with open(path.with_name(path.name + ".gz"), "wb") as out, \
                    gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as gz:
                gz.write(raw)
            count += 1
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site", type=Path)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run make build first", file=sys.stderr)
        return 1
    print(f"{args.site}: {precompress(args.site)} files precompressed (.gz)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
