"""Validation is total: no input in data/ makes `make check` or `make build` print a traceback.
A wrong type at every kind of position gets a `path:line: record: field: message` line."""
import pytest
import yaml

from conftest import run, run_main
from tools.yamlwrite import dump_records


def _edit(data_dir, name, change):
    path = data_dir / f"{name}.yaml"
    value = yaml.safe_load(path.read_text(encoding="utf-8"))
    value = change(value) or value
    text = dump_records(value) if isinstance(value, list) else yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def first(pred):
    def pick(records):
        return next(r for r in records if isinstance(r, dict) and pred(r))
    return pick


def _set(pick, *keys, value):
    def change(records):
        node = pick(records)
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return change


any_record = first(lambda r: True)
with_history = first(lambda r: len(r.get("history") or []) > 1)

CASES = [
    # dates
    ("timeline", _set(any_record, "date", value="2022-08-1x"), "'2022-08-1x'"),
    ("timeline", _set(any_record, "date", value=2022), "expected text, got number 2022"),
    ("sources", _set(first(lambda r: "date" in r), "date", value=["2019"]), "expected text, got list"),
    # ids
    ("projects", _set(any_record, "id", value=["x"]), "expected text"),
    ("sources", _set(any_record, "id", value=7), "expected text, got number 7"),
    # references
    ("projects", lambda rs: any_record(rs)["sources"][0].update(source=["qijiang-daily-2019-liu-gang"]), "expected text, got list"),
    ("projects", _set(any_record, "tasks", value="central-city"), "expected a list"),
    ("targets", _set(any_record, "tasks", value=[{"id": "central-city"}]), "expected text"),
    ("statistics", lambda rs: any_record(rs)["sources"][0].update(source=None), "expected text"),
    # lists and mappings
    ("projects", _set(any_record, "places", value={"qijiang": True}), "expected a list"),
    ("projects", lambda rs: any_record(rs)["sources"][0].update(quote={"zh": "綦江"}), "expected text"),
    ("projects", _set(any_record, "name", value="渝黔高速"), "expected a mapping of fields"),
    ("glossary", _set(any_record, "term", value="两极一轴一核"), "expected a mapping of fields"),
    ("glossary", lambda rs: any_record(rs)["term"].pop("zh") and None, "missing field 'zh'"),
    ("areas", lambda rs: rs.__setitem__(0, "an area"), "expected a mapping of fields"),
    ("plan", lambda plan: plan.__setitem__("layout", ["one axis"]), "expected a mapping of fields"),
    ("projects", lambda rs: {"projects": rs}, "expected a list"),
    ("statistics", _set(any_record, "value", value="50.691亿"), "expected a number"),
    ("sources", _set(first(lambda r: "url" in r), "url", value=12), "expected text, got number 12"),
    ("targets", _set(first(lambda r: "indicator" in r), "indicator", value=["gdp"]), "expected text"),
]


@pytest.mark.parametrize("name,change,words", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_wrong_type_is_a_message_not_a_traceback(data_copy, name, change, words):
    _edit(data_copy, name, change)
    result = run_main("scripts.check", "--data", str(data_copy))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if f"data/{name}.yaml:" in line]
    assert lines, result.stderr
    assert any(words in line for line in lines), result.stderr


def test_a_wrong_type_fails_the_build_cleanly(data_copy, tmp_path):
    _edit(data_copy, "glossary", _set(any_record, "term", value="两极一轴一核"))
    result = run("scripts.build", "--data", str(data_copy), "--site", str(tmp_path / "site"), "--work", str(tmp_path / "w"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "glossary.yaml:" in result.stderr and not (tmp_path / "site").exists()
