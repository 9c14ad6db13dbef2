"""A build worker that dies (killed for memory, a crash in C code) fails the build with a clear
message instead of hanging it, and site/ is left as it was."""
import os
import signal
import time

import pytest

from conftest import DATA
from scripts import build as build_module
from scripts import forked


def _dies_on_b(item):
    if item == "b":
        os.kill(os.getpid(), signal.SIGKILL)   # as the out-of-memory killer would
    return item.upper()


def test_map_forked_reports_a_killed_worker_at_once():
    started = time.monotonic()
    with pytest.raises(forked.WorkerDied, match="died without finishing"):
        forked.map_forked(_dies_on_b, ["a", "b"])
    assert time.monotonic() - started < 30


def test_map_forked_still_returns_results_in_order():
    assert forked.map_forked(str.upper, ["x", "y"]) == ["X", "Y"]


def test_a_killed_language_worker_fails_the_build_and_keeps_the_site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    real = build_module._build_language

    def dying(lang):
        if lang == "en":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(lang)

    monkeypatch.setattr(build_module, "_build_language", dying)
    with pytest.raises(build_module.BuildError, match="a build worker died .*site/ was not changed"):
        build_module.build(DATA, site, tmp_path / "work")
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
