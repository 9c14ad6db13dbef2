"""`make dist`: the built site/ made ready for any static host: a gzip and a Brotli copy beside
every text file, so a server that serves precompressed files (nginx gzip_static and brotli_static,
most CDNs) sends them as they are instead of compressing on every request. Copies carry no
timestamp, so two dists of a commit are identical."""
from __future__ import annotations

import argparse
import gzip
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".yaml", ".map"}


def _compress(path: Path) -> None:
    raw = path.read_bytes()
    with open(path.with_name(path.name + ".gz"), "wb") as out, \
            gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    # the best (and slowest) Brotli level: files are compressed once and served many times
    path.with_name(path.name + ".br").write_bytes(brotli.compress(raw, quality=11))


def precompress(site: Path) -> int:
    files = [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in TEXT]
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(_compress, files, chunksize=16))
    return len(files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site", type=Path)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run make build first", file=sys.stderr)
        return 1
    print(f"{args.site}: {precompress(args.site)} files precompressed (.gz, .br)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
