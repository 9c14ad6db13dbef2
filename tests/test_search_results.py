"""What a reader sees in the search results: snippets that read as sentences, titles that copy clean,
and one query of each kind readers ask (issue #30) typed into the real search box in both languages."""
import pytest

from tools.searchbox import rank


def results(search_box, lang, query):
    box = search_box(lang)
    found, _ = box.search(query)
    return found, box.page.locator(".md-search-result__item")


def test_result_titles_copy_without_zero_width_spaces(search_box):
    """Material segments Chinese with U+200B for its index; a copied title must not carry them."""
    found, items = results(search_box, "zh", "渝黔350高铁")
    assert found and items.count()
    titles = items.locator("h1, h2").all_inner_texts()
    assert titles and not [t for t in titles if "\u200b" in t]
    assert any("渝黔350高铁" in t for t in titles)


@pytest.mark.parametrize("lang,query,label", [("en", "Zunyi", "Kind: City"), ("zh", "遵义", "类型：城市")])
def test_a_definition_list_reads_label_colon_value(search_box, lang, query, label):
    found, items = results(search_box, lang, query)
    snippets = " ".join(" ".join(items.all_inner_texts()).replace("\u200b", "").split())
    assert label in (snippets.replace(" ", "") if lang == "zh" else snippets)


@pytest.mark.parametrize("lang,query,expect", [
    ("zh", "藻渡水库在哪里", "projects/zaodu-reservoir/"),                   # a question
    ("zh", "大数据IDC中心", "projects/big-data-idc-backup-centre/"),         # Chinese run into Latin letters
    ("zh", "赶水东站", "projects/chongqing-guiyang-railway/"),               # a part: a station on the line
    ("zh", "渝黔框架协议", ["documents/#chongqing-guizhou-framework-agreement", "glossary/#framework-agreement",
                           "timeline/#2018-04-framework-agreement"]),        # a short name
    ("en", "when will zaodu reservoir be finished?", "projects/zaodu-reservoir/"),
    ("en", "Zaodu水库", "projects/zaodu-reservoir/"),
    ("en", "ganshui east station", "projects/chongqing-guiyang-railway/"),
    ("en", "qijiang gas field", "projects/qijiang-shale-gas-field/"),
])
def test_one_query_of_each_new_kind_comes_first(search_box, lang, query, expect):
    found, _ = results(search_box, lang, query)
    assert rank(found, expect, "en/" if lang == "en" else "") == 1, found[:3]
