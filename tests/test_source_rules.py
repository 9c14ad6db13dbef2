"""The check knows what each source said, from the project's own files: a quote lies inside one
excerpt of its source's data/sources/<id>.yaml, in the source's language; a translation, an English
note or another source's words are rejected, with file, line and record, like any other problem."""
import re

import pytest
import yaml

from conftest import DATA, run_main

CRI = "cri-2019-03-14"


def check(data_dir):
    """`make check` in this process (test_data_validation runs the command itself)."""
    return run_main("scripts.check", "--data", str(data_dir))


def excerpts(source_id):
    return yaml.safe_load((DATA / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"))["excerpts"]


def add_event(data_dir, source, quote):
    """Append a timeline event citing `source` with `quote`; return the line of the quote."""
    path = data_dir / "timeline.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    event = ("- id: \"test-event\"\n  date: \"2019-03-11\"\n  kind: publication\n"
             "  title:\n    zh: 测试事件\n    en: Test event\n"
             "  description:\n    zh: 测试。\n    en: A test.\n"
             f"  sources:\n    - source: \"{source}\"\n      quote: {yaml.safe_dump(quote, allow_unicode=True, width=10**6).splitlines()[0]}\n"
             "      en: A translation.\n")
    path.write_text(text + event, encoding="utf-8")
    return (text + event).count("\n") - 1


def problem_lines(result, words):
    return [line for line in result.stderr.splitlines() if words in line]


def test_an_excerpt_is_accepted(data_copy):
    from scripts.dataset.text import normalise_for_quote  # the data's own Chinese is full-width
    add_event(data_copy, CRI, normalise_for_quote(excerpts(CRI)[0]["text"][:20]))
    result = check(data_copy)
    assert result.returncode == 0, result.stderr


def test_a_translation_is_never_a_quote(data_copy):
    plain = next(e["en"] for e in excerpts(CRI) if not re.search(r"[“”‘’()]", e["en"]))   # no mark the punctuation check trips on first
    line = add_event(data_copy, CRI, plain)
    result = check(data_copy)
    assert result.returncode == 1
    assert f"timeline.yaml:{line}: test-event: sources[1].quote: quote has no Chinese" in result.stderr, result.stderr


def test_an_english_note_inside_chinese_is_rejected(data_copy):
    line = add_event(data_copy, CRI, "2019-03-11: the Chongqing DRC website publishes 《渝黔合作先行示范区建设实施方案》")
    result = check(data_copy)
    assert result.returncode == 1
    assert f"timeline.yaml:{line}: test-event: sources[1].quote: quote contains English words" in result.stderr


def test_a_quote_from_the_wrong_source_is_rejected(data_copy):
    """Words another source printed (here the interview's) are not this source's."""
    line = add_event(data_copy, CRI, "渝黔合作最早可追溯到秦汉时期")
    result = check(data_copy)
    assert result.returncode == 1
    assert f"timeline.yaml:{line}: test-event: sources[1].quote: quote not found in any excerpt of " \
           f"data/sources/{CRI}.yaml" in result.stderr.replace(str(data_copy), "data"), result.stderr


def test_a_quote_spanning_two_excerpts_is_rejected(data_copy):
    from scripts.dataset.text import normalise_for_quote
    first, second = (normalise_for_quote(e["text"]) for e in excerpts(CRI)[:2])
    line = add_event(data_copy, CRI, first[-6:] + second[:6])
    result = check(data_copy)
    assert f"timeline.yaml:{line}: test-event: sources[1].quote: quote not found" in result.stderr


def _sources(data_dir):
    return data_dir / "sources.yaml"


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def test_a_source_without_its_evidence_file_is_a_problem(data_copy):
    (data_copy / "sources" / "cq-drc-2019-03.yaml").unlink()
    line = _replace(_sources(data_copy), '- id: "cq-drc-2019-03"', '- id: "cq-drc-2019-03"')
    result = check(data_copy)
    assert result.returncode == 1
    assert f"sources.yaml:{line}: cq-drc-2019-03: id: no evidence file " in result.stderr, result.stderr
    assert "Adding a report" in result.stderr


def test_an_evidence_file_of_no_listed_source_is_a_problem(data_copy):
    text = (data_copy / "sources" / CRI).with_suffix(".yaml").read_text(encoding="utf-8")
    (data_copy / "sources" / "cri-2019-03-15.yaml").write_text(text.replace(f"id: {CRI}", "id: cri-2019-03-15"),
                                                                encoding="utf-8")
    result = check(data_copy)
    assert result.returncode == 1
    assert "sources/cri-2019-03-15.yaml:1: cri-2019-03-15: no source 'cri-2019-03-15' in" in result.stderr, result.stderr


def test_an_evidence_file_named_after_another_source_is_a_problem(data_copy):
    path = data_copy / "sources" / f"{CRI}.yaml"
    line = _replace(path, f"id: {CRI}", "id: cri-2019-03-13")
    result = check(data_copy)
    assert f"sources/{CRI}.yaml:{line}: cri-2019-03-13: id: the file is named '{CRI}.yaml' but says it is " \
           "'cri-2019-03-13'" in result.stderr, result.stderr


def test_an_excerpt_without_its_translation_is_a_problem(data_copy):
    path = data_copy / "sources" / f"{CRI}.yaml"
    first = excerpts(CRI)[0]["en"]
    text = path.read_text(encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.strip().startswith("en:") and first[:20] in l)
    lines = text.splitlines()
    lines[line - 1] = "  en: \"\""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(data_copy)
    assert result.returncode == 1
    assert f"sources/{CRI}.yaml:{line}: {CRI}: excerpts[1].en: is blank" in result.stderr, result.stderr


def test_a_link_to_a_copy_on_another_site_is_rejected(data_copy):
    """gangguwang's page is a repost of the plan on a site that is not the issuer's: no link."""
    line = _replace(_sources(data_copy), '  kind: plan-text\n', '  kind: plan-text\n  url: https://news.gangguwang.com/html/2019/03/18/212138.html\n') + 1
    result = check(data_copy)
    assert result.returncode == 1
    assert f"sources.yaml:{line}: gangguwang-2019-03-18: url: 'https://news.gangguwang.com/html/2019/03/18/212138.html' " \
           "is not the outlet's own address" in result.stderr, result.stderr


def test_the_check_reads_nothing_outside_the_project(data_copy, tmp_path):
    """A copy of data/ alone, far from any other folder, checks every quote: a changed quote is found."""
    alone = tmp_path / "elsewhere" / "data"
    alone.parent.mkdir()
    data_copy.rename(alone)
    _replace(alone / "projects.yaml", "      quote: 公路方面，通道共9个", "      quote: 公路方面，通道共10个")
    result = check(alone)
    assert result.returncode == 1
    assert "quote not found in any excerpt" in result.stderr and "absent" not in result.stderr, result.stderr


def test_a_source_without_a_printed_date_must_say_so(data_copy):
    _replace(_sources(data_copy), "  date_note:\n    zh: 文中只印“3月15日”，未印年份；网址中的“202003”不是印出的日期。\n"
                    "    en: \"Only “15 March” is printed, without a year; the “202003” in the address is not a printed date.\"\n", "")
    result = check(data_copy)
    assert result.returncode == 1
    assert re.search(r"sources\.yaml:\d+: cq-drc-2019-03: missing field 'date_note'", result.stderr), result.stderr


@pytest.mark.parametrize("quote,ok", [("大数据IDC容灾备份中心", True), ("5G场景应用", True),
                                      ("Scope: 25 districts", False), ("the plan 方案", False)])
def test_language_rule(quote, ok):
    from scripts.dataset.rules import quote_language_problem
    assert (quote_language_problem(quote, "zh") is None) == ok
