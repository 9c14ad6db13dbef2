"""make test's set-up step decides from facts about the machine; these tests give it the facts and
never touch this machine's packages."""
import subprocess
import sys
from pathlib import Path

from tools import system_deps as sd

REPO = Path(__file__).resolve().parents[1]
ALL = sd.needs({})


def test_nothing_missing_does_nothing():
    p = sd.plan([], has_apt=True, is_root=True, sudo_without_password=False)
    assert p.command == [] and not p.run_it


def test_root_on_debian_installs_only_what_is_missing():
    p = sd.plan(ALL[1:], has_apt=True, is_root=True, sudo_without_password=False)
    assert p.run_it
    assert p.command[:2] == ["apt-get", "install"]
    assert "chromium" not in p.command
    assert p.command[-4:] == ["nginx", "libnginx-mod-http-brotli-static", "default-jre-headless", "npm"]


def test_passwordless_sudo_installs_through_sudo():
    p = sd.plan(ALL[:1], has_apt=True, is_root=False, sudo_without_password=True)
    assert p.run_it and p.command[:3] == ["sudo", "apt-get", "install"] and p.command[-1] == "chromium"


def test_no_rights_stops_with_the_command():
    p = sd.plan(ALL, has_apt=True, is_root=False, sudo_without_password=False)
    assert not p.run_it
    msg = sd.message(p, has_apt=True)
    assert "/usr/bin/chromium" in msg and "/usr/sbin/nginx" in msg
    assert "sudo apt-get update && sudo apt-get install -y -qq --no-install-recommends chromium nginx " \
           "libnginx-mod-http-brotli-static" in msg
    assert "No test was run." in msg


def test_other_system_names_what_to_install():
    p = sd.plan(ALL[:1], has_apt=False, is_root=True, sudo_without_password=True)
    assert not p.run_it
    msg = sd.message(p, has_apt=False)
    assert "no apt-get" in msg and "chromium" in msg and "CHROMIUM=" in msg


def test_paths_follow_the_variables_the_tests_read():
    needs = sd.needs({"CHROMIUM": "/opt/chrome/chrome", "NGINX": "/usr/local/sbin/nginx"})
    assert [n.path for n in needs][:2] == ["/opt/chrome/chrome", "/usr/local/sbin/nginx"]


def test_missing_program_without_rights_exits_before_tests(tmp_path):
    """The script itself, run as an unprivileged reader would be on a machine lacking Chromium:
    one message, exit 1. PATH without apt-get or sudo stands for "cannot install"."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    env = {"PATH": str(bindir), "CHROMIUM": str(tmp_path / "no-chromium")}
    r = subprocess.run([sys.executable, str(REPO / "tools" / "system_deps.py")], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert str(tmp_path / "no-chromium") in r.stderr and "No test was run." in r.stderr


def test_ci_runs_only_make_test():
    lines = [ln.strip() for ln in (REPO / ".ci" / "run").read_text().splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    assert "apt-get" not in " ".join(lines)
    assert lines[-1] == "make test"
