"""The hidden search words each record carries, kind by kind: what readers type that the page's own
text does not hold. Made from the data at build time, so a record's new name gives new keys."""
import pytest

from conftest import DATA
from scripts import dataset
from scripts.render import read_labels
from scripts.render.model import Model
from scripts.search.keys import keys, search_tokenizer


@pytest.fixture(scope="module")
def model():
    read_labels()
    ds = dataset.load(DATA)
    assert not ds.problems
    return Model(ds, None)


@pytest.fixture(scope="module")
def zh(model):
    return {loc: set(f["keys"].split(" ")) | {f["keys"]} for loc, f in keys(model, "zh", search_tokenizer()).items()}


@pytest.fixture(scope="module")
def en(model):
    return {loc: set(f["keys"].split(" ")) | {f["keys"]} for loc, f in keys(model, "en", search_tokenizer()).items()}


def words(keys_of, location):
    return " ".join(sorted(keys_of[location]))


def test_traditional_characters_from_opencc(zh, en):
    # Taiwan, Hong Kong and OpenCC's standard forms, on both sites (overseas readers paste them too)
    for keys_of in (zh, en):
        assert {"蟠龍抽水蓄能電站", "蟠龍"} <= keys_of["projects/panlong-pumped-storage/"]
        assert "萬盛" in keys_of["places/#wansheng"]
        assert "遵義" in keys_of["places/#zunyi"]
        # the regions' forms differ: 保稅 (Taiwan) and 保税 (Hong Kong) are both there
        assert {"綜合保稅區", "綜合保税區"} & keys_of["projects/comprehensive-bonded-zone/"] == {"綜合保稅區", "綜合保税區"}


def test_pinyin_joined_spaced_and_by_word(zh, en):
    for keys_of in (zh, en):
        panlong = words(keys_of, "projects/panlong-pumped-storage/")
        assert "panlong" in keys_of["projects/panlong-pumped-storage/"]
        assert "pan long chou shui xu neng dian zhan" in panlong
        assert "qiwanzheng" in keys_of["projects/qiwanzheng-expressway/"]
        # the reading is chosen in context: 重庆 is chongqing, never zhongqing
        assert "chongqing" in keys_of["places/#chongqing-main-city"]
        assert not any(w.startswith("zhongqing") for w in keys_of["places/#chongqing-main-city"])


def test_english_names_without_apostrophes_or_hyphens(zh, en):
    for keys_of in (zh, en):
        expressway = keys_of["projects/qiwanzheng-expressway/"]   # Qijiang–Wansheng–Zheng'an Expressway
        assert "Zhengan" in expressway and {"Zheng", "an"} <= expressway
        assert "Guian" in keys_of["places/#guian-new-area"]
        assert "PumpedStorage" in keys_of["projects/panlong-pumped-storage/"]


def test_each_site_holds_the_other_languages_names(zh, en):
    assert "蟠龙抽水蓄能电站" in en["projects/panlong-pumped-storage/"]
    assert "Panlong Pumped-Storage Power Station" in words(zh, "projects/panlong-pumped-storage/")
    assert "遵义市" in en["places/#zunyi"] and "Zunyi" in zh["places/#zunyi"]


def test_what_a_record_is_in_plain_words_and_glossary_aliases(zh, en, model):
    project = model.get("project", "panlong-pumped-storage")
    assert "电站" in project["what"]["zh"]
    assert set(project["what"]["zh"]) <= zh["projects/panlong-pumped-storage/"]
    assert "power station" in words(en, "projects/panlong-pumped-storage/")
    term = next(t for t in model.glossary if (t.get("aliases") or {}).get("zh"))
    assert set(term["aliases"]["zh"]) <= zh[f"glossary/#{term['id']}"]


def test_keys_come_from_the_data_not_from_a_list():
    """A record renamed in the data gets keys for its new name in every form; nothing is per record."""
    ds = dataset.load(DATA)
    project = next(p for p in ds.collections["projects"] if p["id"] == "wanli-road")
    project["name"] = {"zh": "龙潭新港", "en": "Longtan New Port"}
    made = keys(Model(ds, None), "en", search_tokenizer())["projects/wanli-road/"]["keys"].split(" ")
    assert {"龙潭新港", "龍潭新港", "longtanxingang", "longtan", "Longtan"} <= set(made)
