"""Serve a built site with Debian's nginx and the project's own deploy/nginx.conf on a loopback port,
as it is deployed: used by the tests (tests/conftest.py) and by `make lighthouse`."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
NGINX_CONF = REPO / "deploy" / "nginx.conf"


class NginxError(Exception):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path, work: Path):
    """Yield the base address (http://127.0.0.1:port) of `site` served by nginx; `work` holds its
    configuration, logs and temporary files."""
    if not Path(NGINX).is_file():
        raise NginxError(f"nginx not found at {NGINX}: install Debian's 'nginx' and "
                         "'libnginx-mod-http-brotli-static' (make test does: tools/system_deps.py)")
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = NGINX_CONF.read_text(encoding="utf-8")
    for line, mine in (("listen 80;", f"listen 127.0.0.1:{port};"), ("root /srv/qijiang/site;", f"root {site};")):
        if line not in server:
            raise NginxError(f"deploy/nginx.conf no longer has `{line}`: update tools/nginx_site.py")
        server = server.replace(line, mine, 1)
    (work / "site.conf").write_text(server, encoding="utf-8")
    temp = "\n".join(f"  {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"};
include /etc/nginx/modules-enabled/*.conf;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
{temp}
  include {work / "site.conf"};
}}
""", encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-e", str(work / "error.log"), "-c", str(work / "nginx.conf"),
                             "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if proc.poll() is not None:
                raise NginxError(f"nginx did not start: {proc.stdout.read().decode()} {(work / 'error.log').read_text()}")
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
