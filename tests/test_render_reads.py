"""make serve renders again only the pages an edit touched (scripts/render/reads.py): after an edit
of any kind of record, the pages it keeps and the pages it renders are exactly a full render of the
edited data, in both languages, and an edit of one project's description renders few pages again."""
import copy
import dataclasses
import shutil

import pytest

from conftest import DATA, LANGS
from scripts import changes, dataset
from scripts.render import read_labels, reads, render
from scripts.render.model import Model


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    read_labels()
    ds = dataset.load(DATA)
    assert not ds.problems
    history = changes.history(DATA, ds.collections)
    cache = tmp_path_factory.mktemp("kept")
    for lang in LANGS:   # the last build's pages, with what each read
        for _ in render(Model(ds, history), lang, "https://example.org/", cache, keep_pages=True):
            pass
    return ds, history, cache


def _unreferenced_project(c):
    """A project no other record names, so that the data stays valid without it."""
    text = repr({k: v for k, v in c.items() if k != "projects"})
    return next(p for p in c["projects"] if all(p["id"] not in repr(q) for q in c["projects"] if q is not p)
                and p["id"] not in text)


def _append(text: dict, what: str = "（改）") -> None:
    text["zh"] += what
    text["en"] += " (edited)"


EDITS = {
    "project description": lambda c, ev, h: _append(c["projects"][0]["description"]),
    "project name": lambda c, ev, h: _append(c["projects"][1]["name"]),
    "project moved to another task": lambda c, ev, h: c["projects"][2].update(
        tasks=[next(t["id"] for t in c["tasks"] if t["id"] not in c["projects"][2]["tasks"])]),
    "project event added": lambda c, ev, h: c["projects"][3]["history"].append(
        {**c["projects"][3]["history"][-1], "date": "2026-11-30"}),
    "area name": lambda c, ev, h: _append(c["areas"][0]["name"]),
    "task name": lambda c, ev, h: _append(c["tasks"][1]["name"]),
    "target name": lambda c, ev, h: _append(c["targets"][0]["name"]),
    "place name": lambda c, ev, h: _append(c["places"][0]["name"]),
    "glossary definition": lambda c, ev, h: _append(c["glossary"][0]["definition"]),
    "timeline event moved": lambda c, ev, h: c["timeline"][0].update(date="2026-11-30"),
    "source title": lambda c, ev, h: _append(c["sources"][0]["title"]),
    "statistic value": lambda c, ev, h: c["statistics"][0].update(value=c["statistics"][0]["value"] + 1),
    "document title": lambda c, ev, h: _append(c["documents"][0]["title"]),
    "plan key task": lambda c, ev, h: _append(c["plan"]["structure"]["key_tasks"][0]["title"]),
    "dataset version": lambda c, ev, h: c["meta"].update(version="9.9.9"),
    "project added": lambda c, ev, h: c["projects"].append(
        {**copy.deepcopy(c["projects"][0]), "id": "a-new-project", "name": {"zh": "新项目", "en": "A new project"}}),
    "project removed": lambda c, ev, h: c["projects"].remove(_unreferenced_project(c)),
    "evidence excerpt": lambda c, ev, h: _edit_evidence(ev),
    "file committed": lambda c, ev, h: h.file_dates.update({k: "2026-12-01" for k in h.file_dates}),
}


def _edit_evidence(evidence):
    found = next(iter(evidence.values()))
    text = repr(found)
    assert "excerpts" in text or "passages" in text or "text" in text, text[:200]
    _replace_first_string(found, lambda s: s + "。")


def _replace_first_string(value, change, depth=0):
    """Change the longest string found inside an evidence file (an excerpt's text)."""
    strings = []

    def walk(node, parent, key):
        if isinstance(node, str):
            strings.append((len(node), parent, key))
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, node, k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, node, i)
    walk(value, None, None)
    _, parent, key = max(strings, key=lambda s: s[0])
    parent[key] = change(parent[key])


@pytest.mark.parametrize("edit", EDITS)
def test_kept_and_rendered_pages_equal_a_full_render(base, edit, tmp_path, monkeypatch):
    ds, history, cache = base
    # changed in memory: no file's digest says what is as it was
    edited = dataclasses.replace(ds, collections=copy.deepcopy(ds.collections), evidence=copy.deepcopy(ds.evidence), digests={})
    history = dataclasses.replace(history, file_dates=dict(history.file_dates))
    EDITS[edit](edited.collections, edited.evidence, history)
    again = []   # the pages the edited data's render made again rather than kept
    real = reads.Kept.render
    monkeypatch.setattr(reads.Kept, "render", lambda self, path, *make: again.append(path) or real(self, path, *make))
    for lang in LANGS:
        shutil.copytree(cache, tmp_path / lang)
        kept = dict(render(Model(edited, history), lang, "https://example.org/", tmp_path / lang, keep_pages=True))
        made = len(again)
        full = dict(render(Model(edited, history), lang, "https://example.org/", tmp_path / lang))
        del again[made:]
        assert kept.keys() == full.keys()
        wrong = [path for path in full if kept[path] != full[path]]
        assert not wrong, f"{edit}: {lang} pages kept from before the edit: {wrong}"
    assert again, "nothing rendered again"
    if edit == "project description":   # the project's page and the few that show it, not all
        assert len(again) < 2 * len(full) * 0.25, sorted(set(again))


def test_pages_of_files_not_edited_are_kept_and_the_edited_files_pages_made_again(data_copy, tmp_path):
    """As make serve does: the data read from files, one file edited between builds; what was read
    from the files left alone is taken as it was (their bytes are the same), the rest is compared."""
    read_labels()

    def pages(lang, keep=True):
        ds = dataset.load(data_copy)
        assert not ds.problems, ds.problems
        return dict(render(Model(ds, changes.history(data_copy, ds.collections)), lang, "", tmp_path / lang, keep_pages=keep))

    for lang in LANGS:
        pages(lang)
    projects = data_copy / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    first = dataset.load(data_copy).collections["projects"][0]
    # the first project's Chinese name, wherever it is written in the file (its name and its links' texts)
    projects.write_text(text.replace(first["name"]["zh"], first["name"]["zh"] + "新名", 1), encoding="utf-8")
    evidence = sorted((data_copy / "sources").glob("*.yaml"))[0]
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("en: ", "en: (edited) ", 1), encoding="utf-8")
    for lang in LANGS:
        kept, full = pages(lang), pages(lang, keep=False)
        assert [p for p in full if kept[p] != full[p]] == []
        assert any(first["name"]["zh"] + "新名" in page for page in kept.values())


@pytest.fixture(scope="module")
def tokenizer():
    from scripts.search import search_tokenizer
    return search_tokenizer()


@pytest.fixture(scope="module")
def kept_keys(base, tokenizer, tmp_path_factory):
    """The search keys make serve keeps after a build of the real data, once for the tests below."""
    from scripts.search import keys
    ds, history, _ = base
    folder = tmp_path_factory.mktemp("kept-keys")
    for lang in LANGS:
        keys(Model(ds, history), lang, tokenizer, folder / f"keys-{lang}.pickle")
    return folder


@pytest.mark.parametrize("edit", ["project description", "project name", "project moved to another task", "place name",
                                  "statistic value", "glossary definition", "plan key task", "project added", "project removed"])
def test_kept_search_keys_equal_keys_made_afresh(base, kept_keys, edit, tokenizer, tmp_path, monkeypatch):
    """make serve makes a record's search keys again only when what they are made from changed."""
    from scripts.search import keys
    ds, history, _ = base
    for lang in LANGS:
        shutil.copy(kept_keys / f"keys-{lang}.pickle", tmp_path / f"keys-{lang}.pickle")
    edited = dataclasses.replace(ds, collections=copy.deepcopy(ds.collections), evidence=copy.deepcopy(ds.evidence), digests={})
    EDITS[edit](edited.collections, edited.evidence, history)
    again = []
    real = reads.Kept.render
    monkeypatch.setattr(reads.Kept, "render", lambda self, path, *make: again.append(path) or real(self, path, *make))
    for lang in LANGS:
        kept = keys(Model(edited, history), lang, tokenizer, tmp_path / f"keys-{lang}.pickle")
        made = len(again)
        assert kept == keys(Model(edited, history), lang, tokenizer), edit
        del again[made:]
    if edit == "project description":   # that project's keys, not every record's
        assert 0 < len(again) <= 2, again
