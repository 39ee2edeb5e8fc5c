"""`make run`: the gateway on 127.0.0.1 with sandbox vendors standing in for unconfigured ones."""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from pathlib import Path

import uvicorn

from gateway import collector
from gateway.app import SERVED_SPEC, create_app
from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.connections import protocol_factory
from gateway.sandbox import start_sandbox
from gateway.settings import DEV_API_KEY, Settings

__all__ = ["run_dev"]


def run_dev(port: int, environ: Mapping[str, str]) -> None:
    """Start the sandbox for unconfigured vendors, print how to use the gateway, serve until Ctrl-C."""
    env = dict(environ)
    unconfigured = [v.slug for v in load_vendors(GeneratorPaths()) if not env.get(f"GATEWAY_{v.slug.upper()}_BASE_URL")]
    with start_sandbox(port=0) as sandbox:
        for slug in unconfigured:
            env[f"GATEWAY_{slug.upper()}_BASE_URL"] = sandbox.base_url(slug)
            env[f"GATEWAY_{slug.upper()}_API_KEY"] = sandbox.credential(slug)
        if not env.get("GATEWAY_SECRET_KEY"):  # webhook signing secrets are sealed with it
            env["GATEWAY_SECRET_KEY"] = _dev_secret_key()
        # On 127.0.0.1 for development: webhooks may go to `webhooks listen` on this machine.
        env.setdefault("GATEWAY_WEBHOOK_ALLOW_PRIVATE", "1")
        settings = Settings.from_env(env)
        app = create_app(settings, status_sync=settings.sync_in_serve, deliver=settings.deliver_in_serve)
        collector.freeze_start_up()
        key = DEV_API_KEY if "GATEWAY_API_KEYS" not in env else "<one of GATEWAY_API_KEYS>"
        print(_banner(port, key, unconfigured), flush=True)
        uvicorn.run(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            http=protocol_factory(settings),
            timeout_keep_alive=settings.keep_alive_s,  # type: ignore[arg-type]
        )


def _dev_secret_key() -> str:
    """A development key kept in var/ (beside the default database), so webhook secrets open after a restart."""
    from cryptography.fernet import Fernet

    path = Path("var") / "dev-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()


def _banner(port: int, key: str, sandboxed: list[str]) -> str:
    base = f"http://127.0.0.1:{port}"
    spec = json.loads(SERVED_SPEC.read_text())
    examples = spec["paths"]["/campaigns"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    lines = [
        f"campaign-gateway on {base}",
        f"  API key:    {key}",
        f"  Swagger UI: {base}/v1/ui/",
        f"  sandboxed:  {', '.join(sandboxed) or 'none'}",
        "",
        "Send a campaign (one per vendor):",
    ]
    for slug, example in examples.items():
        body = json.dumps(example["value"])
        lines.append(
            f"  curl -sS -X POST {base}/v1/campaigns -H 'Authorization: Bearer {key}' "
            f"-H 'Content-Type: application/json' -d {shlex.quote(body)}  # {slug}"
        )
    lines += [
        "",
        "Then watch and steer it (sandbox campaigns move a step every GATEWAY_SANDBOX_STEP_S, 2 s):",
        f"  curl -sS '{base}/v1/campaigns/<id>?refresh=true' -H 'Authorization: Bearer {key}'",
        f"  curl -sS -X POST {base}/v1/campaigns/<id>/start -H 'Authorization: Bearer {key}'  # pause, resume, cancel",
        "",
        "Receive your events as webhooks (the answer shows the secret; http and loopback are allowed here):",
        f"  curl -sS -X POST {base}/v1/webhooks -H 'Authorization: Bearer {key}' -H 'Content-Type: application/json' "
        '-d \'{"url": "http://127.0.0.1:9999/", "event_types": ["*"]}\'',
        "  campaign-gateway webhooks listen --port 9999 --secret whsec_...",
        "\nCtrl-C stops the gateway and the sandbox.",
    ]
    return "\n".join(lines)
