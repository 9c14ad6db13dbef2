"""Make sure the system programs the tests drive are installed, before any test runs.

`make test` calls this first. The browser tests drive Debian's Chromium, the server tests run
deploy/nginx.conf in Debian's nginx with its Brotli module, and the markup test runs the Nu Html
Checker in Java, installed with npm: pip cannot install those. On a Debian or
Ubuntu machine where we may use apt-get (as root, or through sudo that asks no password) the missing
packages are installed, and named as they are. Anywhere else the run stops before any test with one
message: what is missing and the command that installs it. The tests never skip for lack of them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Need:
    what: str
    path: str
    package: str        # the Debian/Ubuntu package that provides `path`


def needs(env: dict[str, str] = os.environ) -> list[Need]:
    # The same variables tests/conftest.py reads, so a machine with Chrome elsewhere can say so.
    return [
        Need("Chromium (browser tests)", env.get("CHROMIUM", "/usr/bin/chromium"), "chromium"),
        Need("nginx (serves the built site in tests)", env.get("NGINX", "/usr/sbin/nginx"), "nginx"),
        Need("nginx's Brotli module (deploy/nginx.conf uses brotli_static)",
             "/usr/share/nginx/modules-available/mod-http-brotli-static.conf",
             "libnginx-mod-http-brotli-static"),
        # the markup test runs the Nu Html Checker (vnu-jar, from npm: package.json) in Java
        Need("Java (runs the Nu Html Checker)", env.get("JAVA", "/usr/bin/java"), "default-jre-headless"),
        Need("npm (installs the Nu Html Checker and Lighthouse from package-lock.json)", "/usr/bin/npm", "npm"),
    ]


@dataclass(frozen=True)
class Plan:
    missing: list[Need]
    command: list[str]     # the install command, empty when nothing is missing
    run_it: bool           # True: we may run it ourselves; False: the reader must

    @property
    def packages(self) -> list[str]:
        return [n.package for n in self.missing]


def plan(missing: list[Need], *, has_apt: bool, is_root: bool, sudo_without_password: bool) -> Plan:
    """What to do, decided from facts about the machine and nothing else (tested without one)."""
    if not missing:
        return Plan([], [], False)
    packages = [n.package for n in missing]
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
    if has_apt and is_root:
        return Plan(missing, install, True)
    if has_apt and sudo_without_password:
        return Plan(missing, ["sudo", *install], True)
    return Plan(missing, ["sudo", *install], False)


def message(p: Plan, has_apt: bool) -> str:
    lines = ["make test needs system programs that this machine lacks:"]
    lines += [f"  - {n.what}: nothing at {n.path} (package {n.package})" for n in p.missing]
    if has_apt:
        lines.append("Install them with:\n  sudo apt-get update && " + " ".join(p.command))
    else:
        lines.append("This is not a Debian or Ubuntu machine (no apt-get). Install the equivalents of: "
                     + ", ".join(p.packages)
                     + "; set CHROMIUM=/path/to/chromium and NGINX=/path/to/nginx if they live elsewhere.")
    lines.append("No test was run.")
    return "\n".join(lines)


def _sudo_without_password() -> bool:
    if not shutil.which("sudo"):
        return False
    return subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0


def main() -> int:
    missing = [n for n in needs() if not Path(n.path).exists()]
    has_apt = shutil.which("apt-get") is not None
    p = plan(missing, has_apt=has_apt, is_root=os.geteuid() == 0,
             sudo_without_password=bool(missing) and _sudo_without_password())
    if not p.missing:
        return 0
    if not p.run_it:
        print(message(p, has_apt), file=sys.stderr)
        return 1
    sudo = p.command[:1] if p.command[0] == "sudo" else []
    print(f"make test: installing {', '.join(p.packages)} with apt-get (missing: "
          + "; ".join(f"{n.path}" for n in p.missing) + ")", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([*sudo, "apt-get", "update", "-qq"], p.command):
        if subprocess.run(cmd, env=env).returncode != 0:
            print(f"make test: `{' '.join(cmd)}` failed; no test was run.", file=sys.stderr)
            return 1
    still = [n for n in missing if not Path(n.path).exists()]
    if still:
        print("make test: after installing, still missing: " + ", ".join(n.path for n in still),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
