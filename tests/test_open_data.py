"""Downloads give back exactly the records in data/; every page can be shared with the right tags."""
import csv
import io
import json

import yaml

from conftest import DATA, html_pages
from scripts.downloads import CSV_COLUMNS


def test_dataset_json_round_trips_to_the_yaml(site):
    from scripts import dataset
    body = json.loads((site / "downloads" / "dataset.json").read_text(encoding="utf-8"))
    ds = dataset.load(DATA)
    assert body["version"] == ds.collections["meta"]["version"]
    assert len(body["commit"]) == 40 and isinstance(body["uncommitted_changes"], bool)
    assert body["evidence"] == ds.evidence and set(body["evidence"]) == {s["id"] for s in ds.collections["sources"]}
    assert body["collections"] == {k: v for k, v in ds.collections.items() if k != "meta"}
    assert set(body["collections"]) == set(yaml.safe_load(json.dumps(ds.schema["x-files"]))) - {"meta"}


def test_projects_csv_opens_in_excel_and_round_trips(site):
    raw = (site / "downloads" / "projects.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    projects = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
    assert list(rows[0]) == CSV_COLUMNS
    assert [r["id"] for r in rows] == [p["id"] for p in projects]
    for row, p in zip(rows, projects, strict=True):
        assert row["name_zh"] == p["name"]["zh"] and row["name_en"] == p["name"]["en"]
        assert (row["tasks"].split(";") if row["tasks"] else []) == p["tasks"] and row["status"] == p["status"]


def test_yaml_and_schema_downloads_are_the_files_themselves(site):
    for name in ["projects.yaml", "glossary.yaml", "schema.json"]:
        assert (site / "downloads" / name).read_bytes() == (DATA / name).read_bytes()


def test_every_page_has_sharing_tags(site):
    import re
    for url, path in html_pages(site):
        if url.endswith("404.html"):
            continue
        text = path.read_text(encoding="utf-8")
        tags = dict(re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', text))
        # built without SITE_URL: no address is known, so none is claimed (tests/test_addresses.py
        # checks every page's canonical and og:url in a build with one)
        assert "og:url" not in tags and 'rel="canonical"' not in text
        assert tags["og:title"] and tags["og:description"]
        english = url.startswith("en/")
        assert tags["og:locale"] == ("en_US" if english else "zh_CN")
        assert tags["og:locale:alternate"] == ("zh_CN" if english else "en_US")


def test_record_pages_describe_themselves(site):
    projects = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
    for lang, prefix in (("zh", ""), ("en", "en/")):
        for p in projects[:5]:
            text = (site / prefix / "projects" / p["id"] / "index.html").read_text(encoding="utf-8")
            assert f'<meta name="description" content="{p["description"][lang][:20]}' in text.replace("&#39;", "'")


def test_dataset_json_names_the_datas_own_commit_and_its_uncommitted_changes(tmp_path, data_copy):
    """Data kept in a repository of its own is named by that repository's commit, not the tool's,
    and an edit not yet committed is said."""
    import subprocess

    from scripts import dataset
    from scripts.downloads import dataset_json

    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    git("init", "-q")
    git("add", "data")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "data")
    body = json.loads(dataset_json(dataset.load(data_copy)))
    assert body["commit"] == git("rev-parse", "HEAD") and body["uncommitted_changes"] is False
    (data_copy / "meta.yaml").write_text((data_copy / "meta.yaml").read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert json.loads(dataset_json(dataset.load(data_copy)))["uncommitted_changes"] is True
