"""The changes page: generated from the data of each version tag in git, in both languages."""
import subprocess

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


def test_changes_page_lists_each_tagged_versions_changes(tmp_path, data_copy):
    repo = tmp_path
    data = data_copy   # tmp_path/data
    set_version(data, "1.0.0")
    git(repo, "init", "-q")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "tag", "v1.0.0")

    edit(data / "places.yaml", add_place)
    edit(data / "timeline.yaml", lambda events: events.remove(next(e for e in events if e["id"] == "2035-spatial-plan")))
    def reopen(projects):   # a status changes with a new event in the project's history
        projects[0]["history"].append({**projects[0]["history"][-1], "date": "2026-01", "status": "building"})
        projects[0]["status"] = "building"
    edit(data / "projects.yaml", reopen)
    set_version(data, "1.1.0")
    git(repo, "commit", "-q", "-am", "second")
    git(repo, "tag", "v1.1.0")
    # an edit after the last tag, without raising the version
    edit(data / "projects.yaml", lambda projects: projects[1]["name"].update(en="Renamed railway"))

    result = run("scripts.build", "--data", str(data), "--site", str(tmp_path / "site"), "--work", str(tmp_path / "work"))
    assert result.returncode == 0, result.stderr
    assert "differs from tag v1.1.0, but meta.yaml still says version 1.1.0" in result.stdout

    for lang, root in (("zh", tmp_path / "site"), ("en", tmp_path / "site" / "en")):
        html = (root / "changes" / "index.html").read_text(encoding="utf-8")
        found = sections(html)
        assert [ident for ident, _, _ in found] == ["untagged", "v1-1-0", "v1-0-0"], lang   # newest first
        (_, head, untagged), (_, head_110, v110), (_, _, v100) = found
        assert ("尚未发布标签" if lang == "zh" else "not yet tagged") in head
        assert ("2026年1月2日" if lang == "zh" else "2 January 2026") in head_110
        assert "projects/yuqian-railway/" in untagged and "<code>name</code>" in untagged
        # 1.1.0: one place added (linked), one event removed (named, not linked), one project changed
        added, removed, changed = (part_after(v110, word[lang]) for word in (ADDED, REMOVED, CHANGED))
        assert ("测试镇" if lang == "zh" else "Test Town") in added
        assert "places/#test-town" in added
        assert "2035-spatial-plan" in removed and "timeline/#2035-spatial-plan" not in removed
        assert "projects/yuqian-expressway/" in changed and "<code>status</code>" in changed
        assert "<code>name</code>" not in changed
        # the first version counts its records
        counts = {name: len(yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))) for name in ("projects", "places")}
        assert f"<td>{counts['places']}</td>" in v100 and f"<td>{counts['projects']}</td>" in v100


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


def test_an_unquoted_date_is_not_a_change(tmp_path, data_copy):
    """Tags are read the way data/ is (dates stay the text the editor wrote), so data equal to the
    last tag shows no untagged changes even where a date is written without quotes."""
    from scripts import changes, dataset
    timeline = data_copy / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    assert 'date: "2022-08-13"' in text
    timeline.write_text(text.replace('date: "2022-08-13"', "date: 2022-08-13"), encoding="utf-8")
    set_version(data_copy, "1.0.0")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "first")
    git(tmp_path, "tag", "v1.0.0")
    ds = dataset.load(data_copy)
    assert ds.problems == []
    found = changes.history(data_copy, ds.schema["x-files"], ds.collections)
    assert [v.version for v in found.versions] == ["1.0.0"] and found.notices == []
