"""`python -m tools.synth --scale N --out DIR`: a valid synthetic dataset N times the real one, for
`make bench` (how build cost grows with the data).

Every record of every collection is copied N times, except collections the schema bounds (the
interview's four areas and six tasks are four and six by definition): the copies name those. Copy
0 is the real record; copy k gets the id `<id>-x<k>`, a name marked with k in both languages, and
references to the copies k of the records it names, so the whole validates like the real one.
Texts and quotes are the real ones, so page and index sizes are realistic and quotes stay verbatim.
The plan and meta are single records and stay as they are.
"""
from __future__ import annotations

import argparse
import copy
import shutil
import sys
from pathlib import Path

import yaml

from scripts.dataset import evidence, load_schema, summary, title_field

REPO = Path(__file__).resolve().parents[1]



def _resolve(schema: dict, node: dict) -> dict:
    """Follow a node's "$ref" (a JSON pointer inside the schema) to what it stands for."""
    while "$ref" in node:
        target = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _renamed(value, node: dict, schema: dict, copied: set, k: int):
    """`value` (valid against `node`) with its references to copied collections pointed at copy k."""
    node = _resolve(schema, node)
    if isinstance(value, str) and node.get("x-ref") in copied:
        return f"{value}-x{k}"
    if isinstance(value, list):
        return [_renamed(v, node.get("items", {}), schema, copied, k) for v in value]
    if isinstance(value, dict):
        props = node.get("properties", {})
        return {key: _renamed(v, props.get(key, {}), schema, copied, k) for key, v in value.items()}
    return value


def _marked(title, k: int):
    if isinstance(title, dict) and set(title) == {"zh", "en"}:
        return {"zh": f"{title['zh']}（{k}）", "en": f"{title['en']} ({k})"}
    return title


def synthesise(data: Path, schema: dict, scale: int) -> dict:
    """{collection: value} of the synthetic dataset."""
    files = schema["x-files"]
    real = {name: yaml.safe_load((data / f).read_text(encoding="utf-8")) for name, f in files.items()}
    copied = {name for name, value in real.items()
              if isinstance(value, list) and "maxItems" not in schema["properties"][name]}
    out = {}
    for name, value in real.items():
        if name not in copied:
            out[name] = value
            continue
        item = schema["properties"][name]["items"]
        records = list(value)
        for k in range(1, scale):
            for record in value:
                twin = _renamed(copy.deepcopy(record), item, schema, copied, k)
                twin["id"] = f"{record['id']}-x{k}"
                # glossary terms stay as they are: a marked copy (海关特殊监管区（1）) would be found in
                # other copies' names that end with the term, and ask for its marked English there
                if (field := title_field(twin)) and name != "glossary":
                    twin[field] = _marked(twin[field], k)
                records.append(twin)
        out[name] = records
    return out


def write(data: Path, schema: dict, out: Path, collections: dict) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(data, out, ignore=shutil.ignore_patterns("*.yaml"))   # schema.json and anything else
    for name, filename in schema["x-files"].items():
        text = yaml.safe_dump(collections[name], allow_unicode=True, sort_keys=False, width=10_000)
        (out / filename).write_text(text, encoding="utf-8")
    for extra in data.glob("*.yaml"):   # files outside the schema's collections (redirects.yaml)
        if not (out / extra.name).exists():
            shutil.copy(extra, out / extra.name)


def write_evidence(real: Path, collections: dict, out: Path) -> None:
    """A copy of each real source's evidence file for each copy of the source, under the copy's id."""
    target = evidence.folder(out)
    target.mkdir(parents=True, exist_ok=True)
    for source in collections["sources"]:
        sid = source["id"]
        original = sid.rsplit("-x", 1)[0] if "-x" in sid and sid.rsplit("-x", 1)[1].isdigit() else sid
        text = evidence.file_of(real, original).read_text(encoding="utf-8")
        text = text.replace(f"\nid: {original}\n", f"\nid: {sid}\n", 1)
        evidence.file_of(out, sid).write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, help="how many times the real dataset")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the real dataset")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    schema = load_schema(args.data)
    collections = synthesise(args.data, schema, args.scale)
    write(args.data, schema, args.out, collections)
    write_evidence(args.data, collections, args.out)
    print(f"{args.out}: ×{args.scale}: {summary(collections)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
