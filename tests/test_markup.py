"""The Nu Html Checker finds no error in the markup this project writes, on every page of both
languages. The errors it reports in Material's own markup are listed here, each by what it is, so
that a new error of ours cannot hide among them."""
import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = os.environ.get("JAVA", "/usr/bin/java")

# Material for MkDocs 9's templates, not ours: (message begins with, the element's markup contains)
MATERIALS_OWN = [
    # its drawer and search toggles: hidden checkboxes with autocomplete="off"
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # its navigation's section labels
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link"'),
    # its navigation labels point at its own hidden toggles
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'class="md-nav__'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'class="md-header__button'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'class="md-search__'),
]


def materials_own(message: dict) -> bool:
    return any(message["message"].startswith(text) and marker in message.get("extract", "")
               for text, marker in MATERIALS_OWN)


def test_pages_have_no_markup_errors_of_ours(site, tmp_path):
    for program, what in ((JAVA, "Java"), (VNU, "the Nu Html Checker (npm ci)")):
        if not Path(program).is_file():
            pytest.fail(f"{what} not found at {program}: make test installs it (tools/system_deps.py, package.json)")
    # a page with a known error of the kind we once wrote, checked in the same run: the proof that
    # the checker reads and reports, so that its silence about the site means something
    known = tmp_path / "known-error.html"
    known.write_text('<!doctype html><html lang="en"><title>x</title><figure markdown="0"></figure></html>', encoding="utf-8")
    result = subprocess.run([JAVA, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             str(site), str(known)], capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]
    assert any(m["url"].endswith("known-error.html") and "“markdown”" in m["message"] for m in messages), messages[:3]
    ours = [f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']} | {m.get('extract', '').strip()[:120]}"
            for m in messages if not materials_own(m) and not m["url"].endswith("known-error.html")]
    assert ours == [], "\n".join(ours[:20])
