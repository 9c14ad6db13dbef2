"""The pieces `make bench` relies on: a synthetic dataset that validates, and the faster search
indexing (Chinese segmentation, heading lookup) giving exactly Material's index."""
import yaml

from conftest import DATA, run, run_main


def test_synthetic_dataset_is_valid_and_n_times_the_real_one(tmp_path):
    out = tmp_path / "x3"
    result = run("tools.synth", "--scale", "3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    check = run_main("scripts.check", "--data", str(out))
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
