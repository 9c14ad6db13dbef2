"""A broken edit never breaks or changes the published site; the same commit builds the same bytes;
text in the data is shown as text, never run as markup."""
import re
import shutil

import pytest
from test_data_validation import CASES, replace_once

from conftest import DATA, build_site, digest, run, run_main


@pytest.fixture(scope="module")
def published(site, tmp_path_factory):
    """A copy of the session's site built from the real data, which every broken build below must
    leave untouched."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(site, root / "site")
    return root / "site", root / "work", digest(root / "site")


@pytest.mark.parametrize("case,filename,old,new,words,record", CASES, ids=[c[0] for c in CASES])
def test_broken_data_fails_the_build_and_leaves_the_site(published, data_copy, case, filename, old, new, words, record):
    """Every broken case of test_data_validation, through `make build`: the first as a user runs the
    command, the others through its main() in this process (the same code, without a new Python)."""
    site, work, before = published
    replace_once(data_copy / filename, old, new)
    result = (run if case == CASES[0][0] else run_main)("scripts.build", "--data", str(data_copy), "--site", str(site), "--work", str(work))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = next(l for l in result.stderr.splitlines() if words in l)
    assert re.search(rf"data/{re.escape(filename)}:\d+: ", line), line
    if record:
        assert f": {record}:" in line
    assert "site/ was not changed" in result.stderr
    assert digest(site) == before


def test_template_error_fails_cleanly(published, tmp_path, monkeypatch):
    from scripts import build as build_module
    site, work, before = published
    broken = tmp_path / "templates"
    import shutil
    shutil.copytree(build_module.REPO / "scripts" / "render" / "templates", broken)
    (broken / "project.md.j2").write_text("# {{ r.name.zh }\n", encoding="utf-8")
    monkeypatch.setattr("scripts.render.HERE", tmp_path)
    with pytest.raises(build_module.BuildError, match="template error: .*project.md.j2:1"):
        build_module.build(DATA, site, work)
    assert digest(site) == before


def test_two_builds_of_the_same_commit_are_identical(site, tmp_path):
    """A second build of the real data, in other folders, has the bytes of the session's build."""
    second = build_site(DATA, tmp_path / "b" / "site", tmp_path / "b" / "work")
    assert digest(second) == digest(site)


def _bad_bytes(data):
    path = data / "glossary.yaml"
    path.write_bytes(path.read_bytes().replace("红三角".encode(), b"\xba\xec\xc8\xfd\xbd\xc7", 1))


def _empty(data):
    (data / "timeline.yaml").write_text("", encoding="utf-8")


def _missing(data):
    (data / "targets.yaml").unlink()


def _fabricated_quote(data):
    replace_once(data / "projects.yaml", "      quote: 公路方面，通道共9个", "      quote: 公路方面，通道共9个，兰海高速“四改八”工程于2020年开工")


@pytest.mark.parametrize("breaks,message", [
    (_bad_bytes, r"glossary\.yaml:\d+: red-triangle: not UTF-8"),
    (_empty, r"timeline\.yaml:1: file is empty"),
    (_missing, r"targets\.yaml:1: file is missing"),
    (_fabricated_quote, r"projects\.yaml:\d+: lanhai-expressway-widening: sources\[2\]\.quote: quote not found"),
], ids=["bad-bytes", "empty-file", "missing-file", "fabricated-quote"])
def test_more_broken_data_fails_the_build_and_leaves_the_site(published, data_copy, breaks, message):
    site, work, before = published
    breaks(data_copy)
    result = run_main("scripts.build", "--data", str(data_copy), "--site", str(site), "--work", str(work))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert re.search(message, result.stderr), result.stderr
    assert digest(site) == before


@pytest.mark.parametrize("text", ["2020~2025", "1~2 km", "a | b", "*not em* _nor_ `code`", "[x](javascript:y)", "3. not a list",
                                  "C:\\path", "(a) b.", "# not a heading", "<b>tag</b>"])
def test_escaped_text_reads_back_exactly_as_written(text):
    """escape() uses the characters Python-Markdown itself can escape: what the reader sees is the
    text as written, with no stray backslash ("2020\\~2025" was shown once)."""
    import html as html_module

    import markdown
    from mkdocs.config import load_config

    from scripts.render.markdown import ESCAPED_CHARS, escape
    config = load_config(str(DATA.parent / "mkdocs.yml"), docs_dir=str(DATA.parent / "docs" / "pages" / "zh"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    assert set(ESCAPED_CHARS) == set(md.ESCAPED_CHARS)
    rendered = md.convert(escape(text))
    assert re.sub(r"</?p>", "", html_module.unescape(rendered)) == text


BLOCK_SYNTAX = ['??? danger "x"', "???+ note", '!!! warning "x"', ": a definition", "~~~python", "```js", "===",
                "---", "{: .hidden }", '<div markdown="1">x</div>', "| a | b |", "* item", "- item", "+ item",
                "1. item", "> quote", "[x]: https://example.org", "# heading", "<!-- x -->", "    code"]


@pytest.mark.parametrize("syntax", BLOCK_SYNTAX)
@pytest.mark.parametrize("before", ["", "A line of text\n", "Term\n"])
def test_block_syntax_in_data_stays_text_at_the_start_of_a_line(syntax, before):
    """Every block syntax of the enabled extensions, printed by a template at the start of a line (alone,
    under a paragraph line, under what could be a definition's term), is shown as the literal text."""
    import html as html_module

    import markdown
    from mkdocs.config import load_config

    from scripts.render.markdown import escape
    config = load_config(str(DATA.parent / "mkdocs.yml"), docs_dir=str(DATA.parent / "docs" / "pages" / "zh"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    rendered = md.convert(before + escape(syntax) + "\n")
    tags = set(re.findall(r"<(\w+)", rendered))
    assert tags <= {"p"}, rendered
    text = html_module.unescape(re.sub(r"</?p>", "", rendered))
    assert " ".join(text.split()) == " ".join((before + syntax).split()), rendered


def test_publishing_never_shows_a_missing_or_half_site(tmp_path):
    """While builds are published one after another, a reader of site/ always finds a whole site: its
    index page and its last file are there at every moment (two reads may straddle a switch and come
    from two builds, as two requests may; neither is ever missing)."""
    import threading

    from scripts.build import publish
    site = tmp_path / "site"
    seen, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            try:
                (site / "index.html").read_text(encoding="utf-8")
                (site / "zz" / "last.html").read_text(encoding="utf-8")
                seen.append(True)
            except FileNotFoundError:
                seen.append(False)

    def build(n):
        new = tmp_path / "work" / "site-new"
        (new / "zz").mkdir(parents=True)
        for name in ("index.html", "zz/last.html"):
            (new / name).write_text(str(n), encoding="utf-8")
        publish(new, site)

    site.mkdir()   # a site/ from before publishing used links becomes the build before the first
    (site / "index.html").write_text("0", encoding="utf-8")
    build(1)
    assert site.is_symlink() and (site / "index.html").read_text(encoding="utf-8") == "1"
    thread = threading.Thread(target=reader)
    thread.start()
    for n in range(2, 60):
        build(n)
    stop.set()
    thread.join()
    assert seen and all(seen), f"{seen.count(False)} of {len(seen)} reads found no site"
    assert (site / "index.html").read_text(encoding="utf-8") == "59"
    # builds replaced within the last minute stay for readers still on them; older ones go, except the
    # one before the current build
    assert len(list((tmp_path / ".site-builds").iterdir())) == 60   # 59 builds and the site from before links
    new = tmp_path / "work" / "site-new"
    (new / "zz").mkdir(parents=True)
    (new / "index.html").write_text("60", encoding="utf-8")
    publish(new, site, keep_for=0)
    assert len(list((tmp_path / ".site-builds").iterdir())) == 2   # the current build and the one before


def test_a_hand_written_page_colliding_with_a_generated_one_fails_the_build(tmp_path, monkeypatch):
    from scripts import build as build_module
    pages = tmp_path / "pages"
    for lang in ("zh", "en"):
        shutil.copytree(build_module.PAGES / lang, pages / lang)
        (pages / lang / "plan.md").write_text("# A hand-written plan page\n", encoding="utf-8")
    monkeypatch.setattr(build_module, "PAGES", pages)
    site = tmp_path / "site"
    with pytest.raises(build_module.BuildError, match=r"plan\.md has the address of a generated page \(plan\.md"):
        build_module.build(DATA, site, tmp_path / "work")
    assert not site.exists()
