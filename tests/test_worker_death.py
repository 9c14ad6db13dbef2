"""A build worker that dies (killed for memory, a crash in C code) fails the build with a clear
message instead of hanging it, and site/ is left as it was."""
import os
import signal
import time

import pytest

from conftest import DATA
from scripts import build as build_module
from scripts import forked


def _dies_on_b(item, state):
    if item == "b":
        os.kill(os.getpid(), signal.SIGKILL)   # as the out-of-memory killer would
    return item.upper()


def test_map_forked_reports_a_killed_worker_at_once():
    started = time.monotonic()
    with pytest.raises(forked.WorkerDied, match="died without finishing"):
        forked.map_forked(_dies_on_b, ["a", "b"])
    assert time.monotonic() - started < 30


def test_map_forked_still_returns_results_in_order():
    assert forked.map_forked(lambda item, state: item.upper() + state["end"], ["x", "y"], end="!") == ["X!", "Y!"]


def test_a_killed_language_worker_fails_the_build_and_keeps_the_site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    real = build_module._build_language

    def dying(lang, job):
        if lang == "en":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(lang, job)

    monkeypatch.setattr(build_module, "_build_language", dying)
    with pytest.raises(build_module.BuildError, match="a build worker died .*site/ was not changed"):
        build_module.build(DATA, site, tmp_path / "work")
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"


def _slow_or_broken(item, state):
    if item == "broken":
        return {}["missing key"]   # a bug in one worker: a bare KeyError
    time.sleep(30)   # the other worker would go on for half a minute
    (state["folder"] / "late.txt").write_text("written after the failure", encoding="utf-8")
    return item


def test_the_first_failure_stops_every_worker_and_keeps_its_traceback(tmp_path):
    """A failing worker ends the run at once: the other is killed and waited for (it writes nothing
    after the failure), and the error raised is the worker's own, with its traceback as the cause."""
    started = time.monotonic()
    with pytest.raises(KeyError) as raised:
        forked.map_forked(_slow_or_broken, ["slow", "broken"], folder=tmp_path)
    assert time.monotonic() - started < 10
    cause = raised.value.__cause__
    assert isinstance(cause, forked.RemoteTraceback)
    assert "_slow_or_broken" in cause.text and "missing key" in cause.text
    time.sleep(1)
    assert not (tmp_path / "late.txt").exists()
    assert not [p for p in __import__("multiprocessing").active_children() if p.is_alive()]


def test_the_runner_keeps_no_module_state():
    import types
    state = {name: value for name, value in vars(forked).items()
             if not name.startswith("__") and not isinstance(value, (types.ModuleType, types.FunctionType, type))}
    assert set(state) <= {"T", "R", "annotations", "Callable", "Iterable", "TypeVar", "wait"}, state
