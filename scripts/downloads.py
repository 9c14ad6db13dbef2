"""The open data on /downloads/: the YAML files and schema as they are, dataset.json (every
collection in the YAML's shape and each source's evidence, with the dataset's version, its licence,
the commit the data was last changed in and whether it has uncommitted changes), one JSON file per
record (records/<collection>/<id>.json, linked from the record's page), and projects.csv (one row
per project, UTF-8 with a BOM so that Excel in a Chinese locale opens it)."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CSV_COLUMNS = ["id", "name_zh", "name_en", "category", "status", "status_zh", "status_date", "tasks", "areas", "places",
               "description_zh", "description_en", "sources"]
STATISTICS_COLUMNS = ["id", "indicator", "year", "value", "unit", "scope", "sources"]


def data_commit(data_dir: Path) -> dict:
    """The commit the data was last changed in (of the repository holding data_dir, which may be
    another than this tool's), and whether the data has changes not yet committed."""
    def git(*args):
        result = subprocess.run(["git", *args], cwd=data_dir, capture_output=True, encoding="utf-8")
        return result.stdout.strip() if result.returncode == 0 else None
    last = git("log", "-1", "--format=%H", "--", ".")
    if not last:
        return {"commit": "unknown", "uncommitted_changes": None}
    return {"commit": last, "uncommitted_changes": bool(git("status", "--porcelain", "--", "."))}


# the terms, in every JSON file the site offers (LICENSE-DATA has them in full)
LICENCE = {
    "data_and_text": "CC-BY-4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "code": "MIT",
    "excerpts": "Quoted excerpts of reports (each excerpt's `text` and each citation's `quote`) remain their "
                "outlets'; they are quoted for reference. Their English translations are the project's own, under CC BY 4.0.",
    "attribution": "渝黔合作先行示范区（綦江）/ Chongqing–Guizhou Cooperation Pilot Demonstration Zone (Qijiang) dataset",
}


def record_file(collection: str, ident: str) -> str:
    """Where a record's own JSON is, inside downloads/."""
    return f"records/{collection}/{ident}.json"


def dataset_json(ds) -> str:
    body = {"version": ds.collections["meta"]["version"], "licence": LICENCE, **data_commit(ds.data_dir),
            "collections": {name: value for name, value in ds.collections.items() if name != "meta"},
            "evidence": ds.evidence}
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def projects_csv(ds) -> bytes:
    status = ds.schema["properties"]["projects"]["items"]["properties"]["status"]["x-labels"]
    out = io.StringIO()
    # by column name, so that adding a column cannot shift the others
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for p in ds.collections["projects"]:
        history = p.get("history") or []
        writer.writerow({"id": p["id"], "name_zh": p["name"]["zh"], "name_en": p["name"]["en"], "category": p["category"],
                         "status": p["status"], "status_zh": status[p["status"]]["zh"],
                         "status_date": history[-1]["date"] if history else "", "tasks": ";".join(p["tasks"]),
                         "areas": ";".join(p["areas"]), "places": ";".join(p["places"]),
                         "description_zh": p["description"]["zh"], "description_en": p["description"]["en"],
                         "sources": " | ".join(f"{c['source']}: {c['quote']}" for c in p["sources"])})
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def statistics_csv(ds) -> bytes:
    """One row per reported figure, in base units, with its area and sources (for #18's comparison)."""
    units = ds.schema["$defs"]["indicator"]["x-units"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(STATISTICS_COLUMNS)
    for f in ds.collections.get("statistics") or []:
        writer.writerow([f["id"], f["indicator"], f["year"], f["value"], units[f["indicator"]], f["scope"],
                         " | ".join(f"{c['source']}: {c['quote']}" for c in f["sources"])])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def record_jsons(ds):
    """(path inside downloads/, JSON) for every record that has an id; a source's carries its excerpts."""
    version = ds.collections["meta"]["version"]
    for name, value in ds.collections.items():
        if name in ("meta", "redirects") or not isinstance(value, list):
            continue
        for record in value:
            body = {"collection": name, "id": record["id"], "dataset_version": version, "licence": LICENCE,
                    "record": record}
            if name == "sources" and record["id"] in ds.evidence:
                body["evidence"] = ds.evidence[record["id"]]
            yield record_file(name, record["id"]), json.dumps(body, ensure_ascii=False, indent=1) + "\n"
    plan = ds.collections.get("plan")
    if plan:
        yield record_file("plan", "plan"), json.dumps({"collection": "plan", "id": "plan", "dataset_version": version,
                                                       "licence": LICENCE, "record": plan}, ensure_ascii=False, indent=1) + "\n"


def write_downloads(ds, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in [*ds.schema["x-files"].values(), "schema.json"]:
        shutil.copyfile(ds.data_dir / name, folder / name)
    (folder / "dataset.json").write_text(dataset_json(ds), encoding="utf-8")
    (folder / "projects.csv").write_bytes(projects_csv(ds))
    if ds.collections.get("statistics"):
        (folder / "statistics.csv").write_bytes(statistics_csv(ds))
    for path, text in record_jsons(ds):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
