"""Targets beside what reports measured: the rule that says reached / not reached / not measured,
and the check that a target is never compared with figures of another area."""
import re

import pytest
import yaml

from conftest import DATA, run_main
from scripts.render.figures import NOT_A_NUMBER, NOT_MEASURED, NOT_REACHED, REACHED, format_value, outcome

# reads pages and never searches: the page fixture leaves the search index out (conftest)
pytestmark = pytest.mark.no_search


def fig(year, value, scope="central-city", fid=None):
    return {"id": fid or f"f{year}{scope}", "indicator": "gdp", "year": year, "value": value, "scope": scope}


TARGET = {"id": "t", "indicator": "gdp", "scope": "central-city", "value": 100e9}


@pytest.mark.parametrize("target,figures,expect,basis_year", [
    ({"id": "modern-city"}, [], NOT_A_NUMBER, None),
    (TARGET, [], NOT_MEASURED, None),
    # figures for another area are never compared, however large
    (TARGET, [fig("2021", 500e9, "qijiang-without-wansheng")], NOT_MEASURED, None),
    (TARGET, [fig("2020", 120e9), fig("2022", 90e9)], NOT_REACHED, "2022"),   # the latest figure decides
    (TARGET, [fig("2020", 90e9), fig("2022", 100e9)], REACHED, "2022"),
    # a dated target is judged by figures up to its horizon only
    ({**TARGET, "horizon": "2021-12-31"}, [fig("2021", 80e9), fig("2023", 120e9)], NOT_REACHED, "2021"),
    ({**TARGET, "horizon": "2021"}, [fig("2023", 120e9)], NOT_MEASURED, None),
])
def test_outcome_rule(target, figures, expect, basis_year):
    found, basis = outcome(target, figures)
    assert found == expect
    assert (basis["year"] if basis else None) == basis_year


def test_values_are_written_as_each_language_writes_them():
    assert format_value("yuan", 50691000000, "zh") == "506.91亿元"
    assert format_value("yuan", 50691000000, "en") == "50.691 billion yuan"
    assert format_value("people", 775509, "en") == "775,509 people"
    assert format_value("people", 1000000, "zh") == "100万人"


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")
    return path.read_text(encoding="utf-8").count("\n")


def _target_line(data_dir, tid):
    lines = (data_dir / "targets.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == f'- id: "{tid}"')


def test_a_target_compared_with_another_areas_figures_only_must_say_so(data_copy):
    targets = yaml.safe_load((data_copy / "targets.yaml").read_text(encoding="utf-8"))
    measured = {f["indicator"] for f in yaml.safe_load((data_copy / "statistics.yaml").read_text(encoding="utf-8"))}
    target = next(t for t in targets if "scope_note" in t and t["indicator"] in measured)
    text = (data_copy / "targets.yaml").read_text(encoding="utf-8")
    # drop its scope_note: the check must now ask for it
    start = text.index(f'- id: "{target["id"]}"')
    block_end = text.find("\n- id:", start + 1)
    block = text[start: block_end if block_end != -1 else len(text)]
    new_block = re.sub(r"\n  scope_note:\n    zh: .*\n    en: .*", "", block)
    assert new_block != block
    (data_copy / "targets.yaml").write_text(text.replace(block, new_block), encoding="utf-8")
    result = run_main("scripts.check", "--data", str(data_copy))
    assert result.returncode == 1
    assert re.search(rf"targets\.yaml:\d+: {target['id']}: indicator: reports give '{target['indicator']}' only for ",
                     result.stderr), result.stderr


@pytest.mark.parametrize("drop,words", [("  year: ", "missing field 'year'"), ("  scope: ", "missing field 'scope'"),
                                        ("  sources:", "missing field 'sources'")])
def test_a_figure_without_year_scope_or_source_is_rejected(data_copy, drop, words):
    path = data_copy / "statistics.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("- id:"))
    at = next(i for i in range(first, len(lines)) if lines[i].startswith(drop))
    end = at + 1
    while end < len(lines) and lines[end].startswith("    "):   # the field's own lines
        end += 1
    del lines[at:end]
    path.write_text("".join(lines), encoding="utf-8")
    result = run_main("scripts.check", "--data", str(data_copy))
    assert result.returncode == 1
    assert re.search(rf"statistics\.yaml:\d+: [a-z0-9-]+: {re.escape(words)}", result.stderr), result.stderr


def test_targets_page_states_the_outcome_of_every_target(site):
    targets = yaml.safe_load((DATA / "targets.yaml").read_text(encoding="utf-8"))
    en = (site / "en" / "targets" / "index.html").read_text(encoding="utf-8")
    zh = (site / "targets" / "index.html").read_text(encoding="utf-8")
    statements = ("Reached:", "Not reached:", "Not measured:", "Not a figure any report measures")
    for t in targets:
        section = en.split(f'id="{t["id"]}"', 1)[1].split("<h2", 1)[0]
        assert any(s in section for s in statements), t["id"]
    assert "无报道测量" in zh or "未达到" in zh or "已达到" in zh


def render_page(data_dir, lang, path):
    """One generated page of the site as HTML, the way the build makes it (the checked data, the
    page's template, Python-Markdown with the site's extensions), without building the whole site:
    test_targets_page_states_the_outcome_of_every_target reads the built page."""
    import markdown
    from mkdocs.config import load_config

    from scripts import dataset
    from scripts.render import Model, render
    ds = dataset.load(data_dir)
    assert not ds.problems, ds.problems
    text = next(text for page, text in render(Model(ds), lang) if page == path)
    if text.startswith("---\n"):   # the page's front matter, which MkDocs reads
        text = text.split("---\n", 2)[2]
    config = load_config(str(DATA.parent / ("mkdocs.yml" if lang == "zh" else "mkdocs.en.yml")),
                         docs_dir=str(DATA.parent / "docs" / "pages" / lang))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return md.convert(text)


def test_a_series_of_three_figures_for_the_targets_area_is_charted(data_copy):
    """With three figures for the central city itself, the target's section draws them with the
    target as a line, readable (text at 11px or more) and described in words."""
    figures = "".join(
        f'- id: "gdp-{year}-central"\n  indicator: gdp\n  year: "{year}"\n  value: {value}\n  scope: central-city\n'
        f'  sources:\n    - source: "qijiang-econ-brief-2021"\n      quote: 初步核算2021年我区（不含万盛经开区）实现地区生产总值506.91亿元\n'
        f'      en: test\n' for year, value in (("2019", 40e9), ("2020", 45e9), ("2021", 50.691e9)))
    _append(data_copy / "statistics.yaml", figures)
    html = render_page(data_copy, "en", "targets.md")
    section = html.split('id="gdp-100bn-yuan"', 1)[1].split('<h2', 1)[0]
    svg = re.search(r'<svg class="chart".*?</svg>', section, re.S)
    assert svg, "no chart"
    assert svg.group(0).count('class="chart-point"') == 3 and 'class="chart-target"' in svg.group(0)
    assert "Target 100 billion yuan" in svg.group(0) and "2021: 50.691 billion yuan" in svg.group(0)
    assert "Not reached: 50.691 billion yuan in 2021" in section


@pytest.mark.parametrize("width", [390, 1280])
def test_targets_at_a_glance_fit_the_column(page, served, width):
    """On a phone each target is a card: nothing wider than the content column."""
    page.set_viewport_size({"width": width, "height": 844})
    for prefix in ("", "en/"):
        page.goto(f"{served}/{prefix}targets/")
        column = page.locator("article.md-content__inner").bounding_box()
        table = page.locator(".at-a-glance table").bounding_box()
        assert table["x"] >= column["x"] - 1 and table["x"] + table["width"] <= column["x"] + column["width"] + 1
        assert page.locator(".at-a-glance tbody tr").count() == len(yaml.safe_load((DATA / "targets.yaml").read_text(encoding="utf-8")))
