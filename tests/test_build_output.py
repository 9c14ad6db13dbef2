"""What `make build` says: counts per collection and language, warnings and time; a progress line
on a terminal only; nothing but errors with -q."""
import io

import yaml

from conftest import DATA, run
from scripts.report import Report


def test_build_reports_counts_per_collection_and_language(removed_record):
    """What the build of a copy of data/ (the removed-record data, tests/conftest.py, built as a user runs
    the command) printed: the same build the removed-record tests read, not one of its own."""
    data, site, result = removed_record
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"{len(yaml.safe_load((data / 'projects.yaml').read_text(encoding='utf-8')))} projects" in out and "6 tasks" in out and "4 areas" in out and f"(version {yaml.safe_load((DATA / 'meta.yaml').read_text(encoding='utf-8'))['version']})" in out
    # the pages built, without the redirect's (conftest's REDIRECTED), one in each language
    zh = sum(1 for p in site.rglob("*.html") if "en" not in p.relative_to(site).parts[:1]) - 1
    en = sum(1 for _ in (site / "en").rglob("*.html")) - 1
    assert f"zh {zh} HTML pages (" in out and f"en {en} HTML pages (" in out
    # a copy of data/ outside git has no history: said once, and counted
    warnings = [line for line in out.splitlines() if line.startswith("warning: ")]
    assert sum("not in a git repository" in w for w in warnings) == 1 and f"{len(warnings)} warning(s)" in out
    assert out.endswith(" s\n")
    assert "\r" not in out + result.stderr   # no progress line when not on a terminal


def test_quiet_build_prints_nothing_but_errors(hostile_build, tmp_path, data_copy):
    """A successful build with -q prints nothing, though a copy of data/ outside git has a warning to
    give (the hostile data's build, tests/conftest.py, made with -q and read by test_hostile_pages too);
    a failing one prints its error alone."""
    _, result, _ = hostile_build
    assert "-q" in result.args
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    (data_copy / "projects.yaml").write_text("- id: [broken\n", encoding="utf-8")
    result = run("scripts.build", "-q", "--data", str(data_copy), "--site", str(tmp_path / "site"), "--work", str(tmp_path / "w"))
    assert result.returncode == 1 and result.stdout == ""
    assert "projects.yaml:2: [broken: YAML syntax error" in result.stderr


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_is_drawn_on_a_terminal_and_erased():
    terminal, out = Terminal(), io.StringIO()
    report = Report(out=out, terminal=terminal)
    for done in range(1, 451):
        report.progress(done, 450, "rendering zh pages")
    drawn = terminal.getvalue()
    assert "rendering zh pages: 200/450" in drawn and "rendering zh pages: 400/450" in drawn
    assert drawn.endswith("\r\x1b[K") and out.getvalue() == ""
    quiet = Terminal()
    Report(quiet=True, terminal=quiet).progress(200, 450, "rendering zh pages")
    assert quiet.getvalue() == ""


def test_warnings_are_counted():
    out = io.StringIO()
    report = Report(out=out, terminal=io.StringIO())
    report.warn("tag v1.1.0 holds data whose meta.yaml says version '1.0.0'")
    assert report.warnings == 1 and out.getvalue().startswith("warning: tag v1.1.0")
