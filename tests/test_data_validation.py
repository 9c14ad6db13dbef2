"""Every kind of mistake an editor can make in data/ gets a message naming file, line and record."""
import re
import subprocess

import pytest

from conftest import DATA, REPO, run, run_main


def check(data_dir):
    """`make check` in this process (scripts.check.main): what it prints and its exit code."""
    return run_main("scripts.check", "--data", str(data_dir))


def check_cli(data_dir):
    """`make check` as a user runs it, in a new Python: for the tests of the command itself."""
    return run("scripts.check", "--data", str(data_dir))


def replace_once(path, old, new):
    """Edit a file as an editor would; return the 1-based line where the edited text ends."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:at].count("\n") + 1 + new.rstrip("\n").count("\n")


def test_real_data_is_valid():
    result = check_cli(DATA)
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


def test_every_named_entity_has_a_record():
    import yaml
    projects = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
    names = " ".join(p["name"]["zh"] + " " + " ".join((p.get("aliases") or {}).get("zh", [])) for p in projects)
    for name in ["渝黔350高铁", "江南机场", "渝黔高速扩能", "兰海高速“四改八”", "綦万正高速", "渝赤叙高速",
                 "綦江航空枢纽工程", "綦江绕城高速", "綦万高速加宽", "国省干道升级改造", "乡村断头路联通", "国际物流园",
                 "渝黔黔北国际物流园区", "综合保税区", "商贸物流中心", "渝黔交通枢纽", "渝黔黔北铁路物流专线",
                 "升平高新技术产业园", "渝黔云计算产业园", "大数据IDC容灾备份中心", "5G场景应用", "旗能二期",
                 "页岩气开发基地", "蟠龙抽水蓄能电站二期", "“红三角”文旅线路", "渝黔高速", "渝黔铁路"]:
        assert name in names, name
    areas = yaml.safe_load((DATA / "areas.yaml").read_text(encoding="utf-8"))
    assert [a["name"]["zh"][:6] for a in areas] == ["开放平台合作", "通道资源整合", "产业协作联动", "生态文明共建"]
    tasks = yaml.safe_load((DATA / "tasks.yaml").read_text(encoding="utf-8"))
    assert len(tasks) == 6
    glossary = {g["term"]["zh"] for g in yaml.safe_load((DATA / "glossary.yaml").read_text(encoding="utf-8"))}
    assert {"两极一轴一核", "三生空间", "陆海新通道", "内陆无水港", "医联体", "红三角"} <= glossary


# (case, file, old text, new text, words the message must contain, record named)
CASES = [
    ("syntax-error", "projects.yaml", "  category: rail\n  status: accelerating", "  category: [rail\n  status: accelerating",
     "YAML syntax error", "yuqian-350-hsr"),
    ("duplicate-key", "areas.yaml", "  plan_key_task: \"transport-connectivity\"",
     "  plan_key_task: \"transport-connectivity\"\n  plan_key_task: \"smart-innovation-pole\"", "duplicate key 'plan_key_task'",
     "corridor-resources"),
    ("tab", "places.yaml", "  kind: town\n  province: chongqing\n  sources:\n    - source: \"qijiang-daily-2019-liu-gang\"\n      quote: 激发",
     "  kind: town\n  province: chongqing\n  sources:\n    - source: \"qijiang-daily-2019-liu-gang\"\n\t  quote: 激发", "tab character", "datong"),
    ("unknown-field", "targets.yaml", "  kind: vision\n  value: 100\n", "  kind: vision\n  valeu: 100\n", "unknown field 'valeu'",
     "urban-area-100km2"),
    ("bare-no", "projects.yaml", "  category: energy\n  status: seeking", "  category: energy\n  status: no",
     "expected text, got boolean false", "panlong-pumped-storage-phase-2"),
    ("numeric-id", "tasks.yaml", "- id: \"eco-tourism\"", "- id: 5", "expected text, got number 5", "#5"),
    ("number-for-reference", "projects.yaml", "  tasks: [\"eco-tourism\"]\n  areas: [\"ecological-civilisation\"]\n  places: [\"zunyi\"",
     "  tasks: [5]\n  areas: [\"ecological-civilisation\"]\n  places: [\"zunyi\"", "expected text, got number 5", "red-triangle-route"),
    ("missing-language", "areas.yaml", "    en: Pilot demonstration of integrating corridor resources\n", "",
     "missing field 'en'", "corridor-resources"),
    ("blank-language", "glossary.yaml", "    en: Red Triangle\n", "    en: \"  \"\n", "is blank", "red-triangle"),
    ("bad-id", "places.yaml", "- id: \"tongren\"", "- id: \"Tong Ren\"", "ids are lowercase ASCII", "#19"),
    ("duplicate-id", "places.yaml", "- id: \"tongren\"", "- id: \"xiushan\"", "duplicate id 'xiushan'", "xiushan"),
    ("dangling-reference", "projects.yaml", "  places: [\"qijiang\", \"wansheng\", \"zhengan\"]",
     "  places: [\"qijiang\", \"wansheng\", \"zheng-an\"]", "no record 'zheng-an' in places", "qiwanzheng-expressway"),
    ("halfwidth-punctuation", "tasks.yaml", "    zh: 推动生态旅游大发展\n", "    zh: 推动生态旅游大发展,共建家园\n",
     "half-width ','", "eco-tourism"),
    ("inconsistent-term", "projects.yaml", "    en: Inland dry port\n", "    en: Inland waterless port\n",
     "lacks 'inland dry port'", "inland-dry-port"),
    ("date-that-does-not-exist", "timeline.yaml", "  date: \"2022-08-13\"", "  date: \"2022-02-30\"",
     "not a date that exists", "2022-08-13-qijiang-14th-plan"),
    ("coordinate-outside-china", "places.yaml", "    lat: 27.7183", "    lat: 1.2900", "latitude must lie in China", "tongren"),
    ("unknown-vocabulary", "projects.yaml", "  category: aviation\n  status: cooperating", "  category: aviation\n  status: done",
     "invalid value 'done'; expected one of", "jiangnan-airport"),
]


@pytest.mark.parametrize("case,filename,old,new,words,record", CASES, ids=[c[0] for c in CASES])
def test_broken_fixture_is_reported_with_file_line_record(data_copy, case, filename, old, new, words, record):
    line = replace_once(data_copy / filename, old, new)
    result = check(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    matching = [l for l in result.stderr.splitlines() if words in l]
    assert matching, result.stderr
    found = re.match(rf".*data/{re.escape(filename)}:(\d+): (\S+):", matching[0])
    assert found, matching[0]
    if record:
        assert found.group(2) == record
    # the line named is within the edit, or the record or field just above it
    assert 0 <= line - int(found.group(1)) <= 12, (line, matching[0])
    assert re.search(r"^\d+ problems? in ", result.stderr.splitlines()[-1])


def test_fabricated_quote_is_caught(data_copy):
    line = replace_once(data_copy / "projects.yaml", "      quote: 公路方面，通道共9个", "      quote: 公路方面，通道共9个，兰海高速“四改八”工程于2020年开工")
    result = check(data_copy)
    assert result.returncode == 1
    assert f"projects.yaml:{line}: lanhai-expressway-widening: sources[2].quote: quote not found" in result.stderr


def test_bad_bytes_are_reported_with_line(data_copy):
    path = data_copy / "glossary.yaml"
    raw = path.read_bytes().replace("红三角".encode(), b"\xba\xec\xc8\xfd\xbd\xc7", 1)  # GBK bytes, as a Windows editor might save
    path.write_bytes(raw)
    result = check(data_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"glossary\.yaml:\d+: red-triangle: not UTF-8", result.stderr), result.stderr


@pytest.mark.parametrize("content,words", [("", "file is empty"), ("# only a comment\n", "file is empty")])
def test_empty_file(data_copy, content, words):
    (data_copy / "timeline.yaml").write_text(content, encoding="utf-8")
    result = check(data_copy)
    assert result.returncode == 1
    assert "timeline.yaml:1: file is empty" in result.stderr


def test_missing_file(data_copy):
    (data_copy / "targets.yaml").unlink()
    result = check(data_copy)
    assert result.returncode == 1
    assert "targets.yaml:1: file is missing" in result.stderr


def test_every_problem_is_reported_in_one_run(data_copy):
    replace_once(data_copy / "projects.yaml", "  category: energy\n  status: seeking", "  category: energy\n  status: no")
    replace_once(data_copy / "places.yaml", "- id: \"tongren\"", "- id: \"xiushan\"")
    replace_once(data_copy / "glossary.yaml", "    en: Red Triangle\n", "    en: \"\"\n")
    result = check_cli(data_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # the renamed place also leaves a dangling reference in plan.yaml: four problems from three edits
    for words in ("status: expected text", "duplicate id 'xiushan'", "term.en: is blank", "no record 'tongren'"):
        assert words in result.stderr
    assert "4 problems in" in result.stderr, result.stderr


def test_nothing_in_the_project_reads_outside_it():
    """The evidence is in the repository: no code, test, tool, workflow or build file names the
    research inbox beside the project (the check above shows a lone copy of data/ checks every quote)."""
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    outside = re.compile(r"\.\./shared|parent\s*/\s*[\"']shared[\"']|shared/sources|SOURCES_DIR")
    found = []
    for name in tracked:
        path = REPO / name
        if name == "tests/test_data_validation.py" or path.suffix in (".json", ".txt") or not path.is_file():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if outside.search(line):
                found.append(f"{name}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("text,line,words", [
    ('version: "2.0.0"\ntitle:\n  <<: {zh: 数据集}\n  zh: 数据集\n  en: dataset\n', 3, "a merge key (<<) copies fields from elsewhere"),
    ('version: !custom "2.0.0"\ntitle:\n  zh: 数据集\n  en: dataset\n', 1, "the tag '!custom' is not used in the data"),
    ('version: &v "2.0.0"\ntitle:\n  zh: *v\n  en: dataset\n', 3, "an alias (*name) repeats another part of the file"),
    ('version: "2.0.0"\ntitle: &t\n  zh: 数据集\n  en: *t\n', 4, "an alias (*name) repeats another part of the file"),
])
def test_yaml_beyond_plain_values_gets_one_clear_message(data_copy, text, line, words):
    """Merge keys, custom tags and aliases (a self-referencing one included) are refused at their
    line, never a traceback."""
    (data_copy / "meta.yaml").write_text(text + 'sources_searched: "2026-12-04"\n', encoding="utf-8")
    result = check(data_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"meta.yaml:{line}: {words}" in result.stderr, result.stderr
    assert "1 problem in" in result.stderr, result.stderr
