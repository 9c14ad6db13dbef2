"""The pieces `make bench` relies on: a synthetic dataset that validates, and the faster search
indexing (Chinese segmentation, heading lookup) giving exactly Material's index."""
import yaml

from conftest import DATA, run


def test_synthetic_dataset_is_valid_and_n_times_the_real_one(tmp_path):
    out = tmp_path / "x3"
    result = run("tools.synth", "--scale", "3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    check = run("scripts.check", "--data", str(out))
    assert check.returncode == 0, check.stderr
    for name, bounded in (("projects", False), ("places", False), ("glossary", False), ("areas", True), ("tasks", True)):
        real = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
        synthetic = yaml.safe_load((out / f"{name}.yaml").read_text(encoding="utf-8"))
        assert len(synthetic) == len(real) * (1 if bounded else 3), name
        assert len({r["id"] for r in synthetic}) == len(synthetic), name
    projects = yaml.safe_load((out / "projects.yaml").read_text(encoding="utf-8"))
    copy = next(p for p in projects if p["id"] == "yuqian-railway-x2")
    assert copy["name"] == {"zh": "渝黔铁路（2）", "en": "Chongqing–Guizhou Railway (2)"}
    assert all(place.endswith("-x2") for place in copy["places"])   # references point into the same copy


def test_remembered_segmentation_gives_materials_own_text():
    from material.plugins.search.plugin import SearchIndex

    from scripts.mkdocs_hooks import remember_segments

    texts = ["渝黔合作先行示范区（綦江）", "綦江区与桐梓县共建 the New International Land-Sea Trade Corridor 通道",
             "No Chinese at all", "重庆 2035 年，万盛经开区", ""]
    stock, ours = SearchIndex(), SearchIndex()
    remember_segments(ours)
    for text in texts * 2:   # twice: the second time comes from the memory
        assert ours._segment_chinese(text) == stock._segment_chinese(text), text


def test_headings_found_at_once_are_the_ones_materials_walk_finds():
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.toc import get_toc

    from scripts.mkdocs_hooks import find_headings_at_once

    def heading(ident, *children):
        return {"level": 2, "id": ident, "name": ident.upper(), "html": ident, "data-toc-label": "", "children": list(children)}
    toc = get_toc([heading("a", heading("b"), heading("dup", heading("deep"))), heading("dup"), heading("c")])
    other = get_toc([heading("x")])
    stock, ours = SearchIndex(), SearchIndex()
    find_headings_at_once(ours)
    for table in (toc, other, toc):   # a new page's table is mapped again
        for ident in ("a", "b", "dup", "deep", "c", "x", "missing", None):
            assert ours._find_toc_by_id(table, ident) is stock._find_toc_by_id(table, ident), ident
    assert ours._find_toc_by_id(toc, "dup").children   # the first met, depth first: the nested one
