"""Each Material template we copy or override has a drift test: the original as it was when we
made our change is kept in tests/drift/, and a Material release that changes it fails here, so our
copy is reviewed against the new original instead of silently going stale."""
import re
from pathlib import Path

import material
import pytest

DRIFT = Path(__file__).parent / "drift"
MATERIAL = Path(material.__file__).parent / "templates"
OURS = Path(__file__).resolve().parents[1] / "docs" / "overrides"


def block(template: str, name: str) -> str:
    found = re.search(r"\{% block " + name + r" %\}.*?\{% endblock %\}", template, re.S)
    assert found, f"Material's template has no block {name}"
    return found.group(0) + "\n"


@pytest.mark.parametrize("partial", ["search.html", "alternate.html", "copyright.html"])
def test_copied_partials_match_the_material_they_were_made_from(partial):
    original = (MATERIAL / "partials" / partial).read_text(encoding="utf-8")
    kept = (DRIFT / f"material-partials-{partial}").read_text(encoding="utf-8")
    assert original == kept, (f"Material's partials/{partial} changed: review docs/overrides/partials/{partial} "
                              f"against it, then copy the new original to tests/drift/")
    assert (OURS / "partials" / partial).is_file()


@pytest.mark.parametrize("name", ["site_meta", "content", "scripts"])
def test_overridden_blocks_match_the_material_they_were_made_from(name):
    """docs/overrides/main.html replaces base.html's site_meta block and extends its content and scripts blocks."""
    original = block((MATERIAL / "base.html").read_text(encoding="utf-8"), name)
    kept = (DRIFT / f"material-base-{name}.html").read_text(encoding="utf-8")
    assert original == kept, (f"Material's base.html block {name} changed: review docs/overrides/main.html "
                              f"against it, then copy the new block to tests/drift/")
    assert "{% block " + name + " %}" in (OURS / "main.html").read_text(encoding="utf-8")


def test_our_partials_differ_from_the_originals_only_where_intended():
    """The lines we changed, and no others (so a careless re-copy loses no fix)."""
    import difflib
    changed = {}
    for partial in ("search.html", "alternate.html", "copyright.html"):
        ours = (OURS / "partials" / partial).read_text(encoding="utf-8").splitlines()
        original = (DRIFT / f"material-partials-{partial}").read_text(encoding="utf-8").splitlines()
        changed[partial] = [line for line in difflib.unified_diff(original, ours, lineterm="", n=0)
                            if line.startswith("+") and not line.startswith("+++")]
    assert any('aria-label="{{ lang.t(\'search.placeholder\') }}"' in line for line in changed["search.html"])
    assert len(changed["search.html"]) == 2
    assert any("site_root ~ alt.prefix ~ page.url" in line for line in changed["alternate.html"])
    assert any('aria-current="page"' in line for line in changed["alternate.html"])
    assert len(changed["alternate.html"]) == 4
    assert [line[1:].strip() for line in changed["copyright.html"]][1:] == ['{%- set root = base_url.rstrip("/") ~ "/" ~ (config.extra.get("lang_prefix", "") if base_url == "/" else "") -%}', '{{ config.copyright | replace("{base}/", root) }}']
