"""`make check`: validate data/ and print every problem as path:line: record: field: message."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts import dataset
from scripts.dataset.problems import display_path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Validate the dataset.")
    parser.add_argument("--data", default="data", help="folder holding the YAML files and schema.json")
    args = parser.parse_args(argv)
    ds = dataset.load(Path(args.data))
    for notice in ds.notices:
        print(f"note: {notice}", file=sys.stderr)
    if ds.problems:
        for p in ds.problems:
            print(p, file=sys.stderr)
        n = len(ds.problems)
        print(f"{n} problem{'s' if n != 1 else ''} in {display_path(Path(args.data))}/", file=sys.stderr)
        return 1
    print(f"{display_path(Path(args.data))}/ is valid: {ds.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
