"""The lock is what builds the site: every package in the venv running the tests is in requirements.lock
(or, for the bench extras, requirements-bench.lock) at its installed version, every pin of requirements.in
is the lock's, and every package in a lock carries its hashes. Fails when the lock drifts from its input
or the venv from the lock; `make lock` remakes the locks, and `make test` reinstalls when the lock changes."""
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCKS = {"requirements.in": "requirements.lock", "requirements-bench.in": "requirements-bench.lock"}
# What `python -m venv` puts in every venv before anything is installed. Nothing the build uses depends on
# them, so pip-compile leaves them out of the lock (it would list them, --allow-unsafe, if a package did).
VENV_SEED = {"pip", "setuptools", "wheel"}


def logical_lines(path):
    """A requirements file's lines with backslash continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    for line in text.splitlines():
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if line:
            yield line


def requirements(path):
    """{name: Requirement} of the requirement lines of a requirements file (options such as -c left out)."""
    reqs = {}
    for line in logical_lines(path):
        if not line.startswith("-"):
            req = Requirement(line.split(" --hash")[0])
            reqs[canonicalize_name(req.name)] = req
    return reqs


def pin(req):
    specs = list(req.specifier)
    assert len(specs) == 1 and specs[0].operator == "==", f"{req} is not pinned with =="
    return specs[0].version


def lock_pins(lock):
    return {name: pin(req) for name, req in requirements(REPO / lock).items()}


def from_input(lock, infile):
    """The packages pip-compile annotated as coming straight from infile (`# via -r requirements.in`)."""
    names, current = set(), None
    for line in (REPO / lock).read_text(encoding="utf-8").splitlines():
        if m := re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==", line):
            current = canonicalize_name(m[1])
        elif current and re.fullmatch(rf"\s*#\s*(via\s+)?-r {re.escape(infile)}", line):
            names.add(current)
    return names


@pytest.mark.parametrize("infile", LOCKS)
def test_every_line_of_the_lock_is_pinned_with_a_hash(infile):
    lock = REPO / LOCKS[infile]
    entries = [line for line in logical_lines(lock) if not line.startswith("-")]
    assert entries, f"{lock.name} has no requirements"
    for line in entries:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", line), f"{lock.name}: no hash for {line.split()[0]}"
        pin(Requirement(line.split(" --hash")[0]))


@pytest.mark.parametrize("infile", LOCKS)
def test_every_pin_of_the_input_is_the_locks(infile):
    wanted, locked = requirements(REPO / infile), lock_pins(LOCKS[infile])
    for name, req in wanted.items():
        assert name in locked, f"{name} is in {infile} but not in {LOCKS[infile]}: make lock"
        assert locked[name] == pin(req), \
            f"{infile} pins {name}=={pin(req)}, {LOCKS[infile]} has {locked[name]}: make lock"
    # and nothing taken out of the input lingers in the lock as if it were still asked for
    assert from_input(LOCKS[infile], infile) == set(wanted), f"{LOCKS[infile]} was made from another {infile}: make lock"


def test_the_bench_lock_agrees_with_the_build_lock():
    build, bench = lock_pins("requirements.lock"), lock_pins("requirements-bench.lock")
    differ = {n: (build[n], bench[n]) for n in build.keys() & bench.keys() if build[n] != bench[n]}
    assert not differ, f"versions the two locks disagree on (build, bench): {differ}"


def test_the_venv_is_the_lock():
    if sys.prefix == sys.base_prefix:
        pytest.skip("not run from a venv (make test runs .venv): the system's packages are not the lock's business")
    locked = lock_pins("requirements-bench.lock") | lock_pins("requirements.lock")
    problems = []
    for dist in metadata.distributions():
        name, version = canonicalize_name(dist.metadata["Name"]), dist.version
        if name in VENV_SEED and name not in locked:
            continue
        if name not in locked:
            problems.append(f"{name}=={version} is installed but in no lock")
        elif locked[name] != version:
            problems.append(f"{name}=={version} is installed, the lock has {locked[name]}")
    assert not problems, "the venv is not the lock (rm -r .venv and make again, or add the package to " \
        "requirements.in and make lock):\n" + "\n".join(sorted(problems))
