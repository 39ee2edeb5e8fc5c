"""The peers under test and the servers behind them, all on loopback, all before one upstream.

One nginx serves the canned vendor answers (the upstream); a second one proxies to it (the
nginx peer). Prism validates against the Volubile spec and forwards to the same
upstream. The gateway runs in its production serving mode (`campaign-gateway serve`) with 1
and with 2 workers, each with its own SQLite registry, and is measured on both its routes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bench import bodies
from bench.install import Tools
from bench.procs import Service, free_port, start, wait_http
from gateway.settings import vendor_variable

__all__ = ["API_KEY", "Peer", "Stack", "gateway_env", "ready_gateway", "start_gateway"]

ROOT = Path(__file__).resolve().parents[1]
GATEWAY = ROOT / ".venv" / "bin" / "campaign-gateway"
API_KEY = "bench-key-0123456789"
VENDOR_KEY = "upstream-credential"
NATIVE_PATH = "/v1/vendors/volubile/v1/campaigns"

Kind = Literal["passthrough", "prism", "native", "neutral"]


@dataclass(frozen=True)
class Peer:
    """One column of the comparison: where to POST, with which headers and body."""

    key: str
    label: str
    kind: Kind
    service: Service
    path: str
    headers: dict[str, str]
    body: Path
    workers: int = 0

    @property
    def url(self) -> str:
        """Where wrk sends its requests."""
        return f"http://127.0.0.1:{self.service.port}{self.path}"

    @property
    def validating(self) -> bool:
        """Whether the peer claims to validate requests (and so must refuse invalid ones)."""
        return self.kind != "passthrough"

    @property
    def gateway(self) -> bool:
        """A gateway route (the rows compared with Prism and direct)."""
        return self.kind in ("native", "neutral")


def _nginx_common(work: Path, name: str) -> str:
    temp = "\n".join(
        f"    {kind}_temp_path {work / name / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes 1;
pid {work / name / "nginx.pid"};
error_log {work / name / "error.log"} warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
{temp}
    client_max_body_size 64m;
    client_body_buffer_size 1m;
    keepalive_requests 10000000;
    keepalive_timeout 300s;
    default_type application/json;
"""


def _upstream_conf(work: Path, port: int) -> str:
    answers = []
    for path, body in bodies.canned_responses().items():
        text = body.decode()
        if "$" in text or "'" in text:
            raise ValueError(f"canned answer for {path} cannot be inlined in nginx.conf")
        answers.append(f"        location = {path} {{ return 201 '{text}'; }}")
    newline = "\n"
    return f"""{_nginx_common(work, "upstream")}
    server {{
        listen 127.0.0.1:{port} backlog=4096;
{newline.join(answers)}
        location / {{ return 404 '{{"message":"no such vendor path"}}'; }}
    }}
}}
"""


def _proxy_conf(work: Path, port: int, upstream: int) -> str:
    return f"""{_nginx_common(work, "proxy")}
    upstream vendor {{
        server 127.0.0.1:{upstream};
        keepalive 128;
    }}
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        location / {{
            proxy_pass http://vendor;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
}}
"""


def _start_nginx(tools: Tools, work: Path, name: str, conf_text: str, port: int) -> Service:
    home = work / name
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (home / kind).mkdir(parents=True, exist_ok=True)
    conf = home / "nginx.conf"
    conf.write_text(conf_text)
    argv = [tools.nginx, "-p", str(home), "-c", str(conf), "-g", "daemon off;"]
    service = start(name, argv, port=port, log_dir=work, cwd=home)
    wait_http(service, "/", timeout_s=10)
    return service


def gateway_env(work: Path, upstream: int, database: str) -> dict[str, str]:
    """The environment of a gateway whose vendors all point at the upstream."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GATEWAY_")}
    env.update(
        GATEWAY_API_KEYS=f"bench:{API_KEY}",
        GATEWAY_DATABASE_URL=f"sqlite:///{work / database}",
    )
    for slug in bodies.VENDOR_PATHS:
        env[vendor_variable(slug, "base_url")] = f"http://127.0.0.1:{upstream}"
        env[vendor_variable(slug, "api_key")] = VENDOR_KEY
    return env


def start_gateway(work: Path, upstream: int, *, workers: int, name: str) -> Service:
    """`campaign-gateway serve` with `workers` workers and a fresh SQLite registry."""
    port = free_port()
    argv = [str(GATEWAY), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    env = gateway_env(work, upstream, f"{name}.db")
    return start(name, argv, port=port, log_dir=work, env=env, cwd=work)


def ready_gateway(service: Service) -> float:
    """Wait for a served request (GET /v1/vendors with the key); seconds since start."""
    return wait_http(service, "/v1/vendors", headers={"Authorization": f"Bearer {API_KEY}"}, want_status=200)


class Stack:
    """Starts the upstream, the nginx proxy, Prism and two gateways; stops them all on exit."""

    def __init__(self, tools: Tools, work: Path) -> None:
        self.tools = tools
        self.work = work
        self.services: list[Service] = []
        self.upstream_port = free_port()
        self.native_body = work / "volubile-native.json"
        self.native_body.write_text(json.dumps(bodies.volubile_native()))
        self.neutral_body = work / "volubile-neutral.json"
        self.neutral_body.write_text(json.dumps(bodies.neutral_volubile()))
        self._peers: list[Peer] = []

    def __enter__(self) -> Stack:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every service this stack started, newest first."""
        for service in reversed(self.services):
            service.stop()
        self.services.clear()

    def peers(self) -> list[Peer]:
        """Every peer, in the order of the tables."""
        return list(self._peers)

    def _start(self) -> None:
        work = self.work
        upstream = _start_nginx(
            self.tools, work, "upstream", _upstream_conf(work, self.upstream_port), self.upstream_port
        )
        self.services.append(upstream)
        proxy_port = free_port()
        proxy = _start_nginx(self.tools, work, "proxy", _proxy_conf(work, proxy_port, self.upstream_port), proxy_port)
        self.services.append(proxy)
        prism_port = free_port()
        spec = str(bodies.VENDOR_SPECS / "volubile.yaml")
        argv = [self.tools.prism, "proxy", spec, f"http://127.0.0.1:{self.upstream_port}", "--errors",
                "-v", "silent", "-h", "127.0.0.1", "-p", str(prism_port)]  # fmt: skip
        prism = start("prism", argv, port=prism_port, log_dir=work, cwd=work)
        self.services.append(prism)
        gateways = {}
        for workers in (1, 2):
            gateways[workers] = start_gateway(work, self.upstream_port, workers=workers, name=f"gateway-w{workers}")
            self.services.append(gateways[workers])
        wait_http(prism, "/", timeout_s=60)
        for service in gateways.values():
            ready_gateway(service)

        native_headers = {"Content-Type": "application/json", "X-Api-Key": API_KEY}
        neutral_headers = {"Content-Type": "application/json", "Authorization": f"Bearer {API_KEY}"}
        vendor_path = bodies.VENDOR_PATHS["volubile"]
        self._peers = [
            Peer(
                "direct", "direct to upstream", "passthrough", upstream, vendor_path, native_headers, self.native_body
            ),
            Peer("nginx", "nginx proxy_pass", "passthrough", proxy, vendor_path, native_headers, self.native_body),
            Peer("prism", "Prism validating proxy", "prism", prism, vendor_path, native_headers, self.native_body),
        ]
        for workers, service in gateways.items():
            plural = "s" if workers > 1 else ""
            self._peers.append(
                Peer(f"native-w{workers}", f"gateway native, {workers} worker{plural}", "native", service,
                     NATIVE_PATH, native_headers, self.native_body, workers)
            )  # fmt: skip
        for workers, service in gateways.items():
            plural = "s" if workers > 1 else ""
            self._peers.append(
                Peer(f"neutral-w{workers}", f"gateway vendor-neutral, {workers} worker{plural}", "neutral", service,
                     "/v1/campaigns", neutral_headers, self.neutral_body, workers)
            )  # fmt: skip
