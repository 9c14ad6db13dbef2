"""The changes page: generated from the releases recorded in data/releases.yaml (make release), in both languages."""
import re
import subprocess
from html import escape as html_escape

import yaml

from conftest import DATA, run


class NoAliases(yaml.SafeDumper):
    """Writes a value met twice out in full, as an editor does: the data refuses YAML aliases."""
    def ignore_aliases(self, data):
        return True


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2026-01-02T00:00:00Z",
                        "GIT_COMMITTER_DATE": "2026-01-02T00:00:00Z", "PATH": "/usr/bin:/bin"})


def edit(path, change):
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(records)
    path.write_text(yaml.dump(records, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")


def set_version(data, version):
    edit(data / "meta.yaml", lambda meta: meta.update(version=version))


def add_place(places):
    town = dict(places[1], id="test-town", name={"zh": "测试镇", "en": "Test Town"})
    town.pop("location", None)
    places.append(town)


def release(data, version, day):
    result = run("scripts.release", "--data", str(data), "--version", version, "--date", day)
    assert result.returncode == 0, result.stderr
    return result


def test_releases_are_listed_on_a_shallow_clone(tmp_path, data_copy):
    """Releases live in the repository (data/releases.yaml), not in tags, so a `git clone --depth 1`
    shows the whole release history; the day data last changed is said to be unknown there."""
    repo = tmp_path / "repo"
    data = repo / "data"
    repo.mkdir()
    data_copy.rename(data)
    for name in ("releases.yaml", "releases.fingerprints.json"):
        (data / name).unlink(missing_ok=True)
    git(repo, "init", "-q")
    release(data, "1.0.0", "2026-01-02")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "first")

    edit(data / "places.yaml", add_place)
    edit(data / "timeline.yaml", lambda events: events.remove(next(e for e in events if e["id"] == "2035-spatial-plan")))
    def reopen(projects):   # a status changes with a new event in the project's history
        projects[0]["history"].append({**projects[0]["history"][-1], "date": "2026-01", "status": "building"})
        projects[0]["status"] = "building"
    edit(data / "projects.yaml", reopen)
    refused = run("scripts.release", "--data", str(data), "--version", "0.9.0")
    assert refused.returncode == 1 and "the last release is 1.0.0" in refused.stderr
    release(data, "1.1.0", "2026-02-03")
    assert yaml.safe_load((data / "meta.yaml").read_text(encoding="utf-8"))["version"] == "1.1.0"
    git(repo, "commit", "-q", "-am", "second")
    # an edit after the last release, without raising the version
    edit(data / "projects.yaml", lambda projects: projects[1]["name"].update(en="Renamed railway"))
    git(repo, "commit", "-q", "-am", "third")

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    result = run("scripts.build", "--data", str(clone / "data"), "--site", str(tmp_path / "site"), "--work", str(tmp_path / "work"))
    assert result.returncode == 0, result.stderr
    assert "differs from release 1.1.0, but meta.yaml still says version 1.1.0" in result.stdout
    assert "shallow clone" in result.stdout

    for lang, root in (("zh", tmp_path / "site"), ("en", tmp_path / "site" / "en")):
        html = (root / "changes" / "index.html").read_text(encoding="utf-8")
        found = sections(html)
        assert [ident for ident, _, _ in found] == ["unreleased", "v1-1-0", "v1-0-0"], lang
        (_, head, unreleased), (_, head_110, v110), (_, _, v100) = found
        assert ("尚未发布" if lang == "zh" else "not yet released") in head
        assert ("2026年2月3日" if lang == "zh" else "3 February 2026") in head_110
        assert "projects/yuqian-railway/" in unreleased and "<code>name</code>" in unreleased
        # 1.1.0: one place added (linked), one event removed (named, not linked), one project changed
        added, removed, changed = (part_after(v110, word[lang]) for word in (ADDED, REMOVED, CHANGED))
        assert ("测试镇" if lang == "zh" else "Test Town") in added
        assert "places/#test-town" in added
        event = next(e for e in yaml.safe_load((DATA / "timeline.yaml").read_text(encoding="utf-8")) if e["id"] == "2035-spatial-plan")
        assert html_escape(event["title"][lang], quote=False) in removed and "timeline/#2035-spatial-plan" not in removed
        assert "2035-spatial-plan" not in re.sub(r'href="[^"]*"', "", removed)   # named by its title, never its id
        assert "projects/yuqian-expressway/" in changed and "<code>status</code>" in changed
        assert "<code>name</code>" not in changed
        # the first release counts its records
        counts = {name: len(yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))) for name in ("projects", "places")}
        assert f"<td>{counts['places']}</td>" in v100 and f"<td>{counts['projects']}</td>" in v100
        # no history in the clone: no page claims a day its data last changed
        page = (root / "projects" / "yuqian-railway" / "index.html").read_text(encoding="utf-8")
        assert ("无从得知" if lang == "zh" else "cannot be known") in page


def test_the_repository_records_its_releases_and_names_the_next_version():
    """The data is recorded as a release, so the published changes page has one; data changed
    since names a version above it (the build says so too)."""
    from scripts import changes, dataset
    ds = dataset.load(DATA)
    releases = changes.read_releases(DATA)
    assert releases and releases[-1].get("first")
    found = changes.history(DATA, ds.collections)
    if not found.versions[0].released:
        def key(v):
            return tuple(int(n) for n in str(v).split("."))
        assert key(ds.collections["meta"]["version"]) > key(releases[0]["version"]), \
            "data/ differs from the last release: raise meta.yaml's version (or make release VERSION=…)"


ADDED, REMOVED, CHANGED = {"zh": "新增", "en": "Added"}, {"zh": "删除", "en": "Removed"}, {"zh": "修改", "en": "Changed"}


def part_after(section, heading):
    """The list under an h3 heading of a version's section."""
    import re
    match = re.search(r"<h3[^>]*>" + heading + r"[^<]*(?:<[^>]+>[^<]*)*?</h3>(.*?)(?=<h3|$)", section, re.S)
    assert match, heading
    return match.group(1)


def sections(html):
    """The h2 sections of a built page, in order, as (id, heading text, html up to the next h2)."""
    import re
    out = []
    for part in html.split("<h2 ")[1:]:
        ident = re.match(r'id="([^"]+)"', part).group(1)
        head, _, body = part.partition("</h2>")
        out.append((ident, re.sub(r"<[^>]+>", "", head), body.split("</article>")[0]))
    return out


def test_an_unquoted_date_is_not_a_change(data_copy):
    """Records are compared the way data/ is read (dates stay the text the editor wrote), so data
    equal to the last release shows no changes even where a date is written without quotes."""
    from scripts import changes, dataset
    timeline = data_copy / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    assert 'date: "2022-08-13"' in text
    timeline.write_text(text.replace('date: "2022-08-13"', "date: 2022-08-13"), encoding="utf-8")
    ds = dataset.load(data_copy)
    assert ds.problems == []
    before = changes.history(DATA, dataset.load(DATA).collections)
    found = changes.history(data_copy, ds.collections)
    # the same versions, and the same changes since the last release, as the data with its quotes
    assert [(v.version, len(v.changed)) for v in found.versions] == [(v.version, len(v.changed)) for v in before.versions]
