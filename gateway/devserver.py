"""`make run`: the gateway on 127.0.0.1 with sandbox vendors standing in for unconfigured ones."""

from __future__ import annotations

import json
import secrets
import shlex
from collections.abc import Mapping
from pathlib import Path

import uvicorn

from gateway import collector
from gateway.app import SERVED_SPEC, create_app
from gateway.codegen.config import load_vendors
from gateway.connections import protocol_factory
from gateway.sandbox import start_sandbox
from gateway.sandbox.hooks import HOOK_VENDORS
from gateway.settings import (
    DEV_API_KEY,
    Settings,
    database_folder,
    database_label,
    default_database_url,
    vendor_variable,
)

__all__ = ["run_dev"]


def run_dev(port: int, environ: Mapping[str, str]) -> None:
    """Start the sandbox for unconfigured vendors, print how to use the gateway, serve until Ctrl-C."""
    env = dict(environ)
    env["GATEWAY_DATABASE_URL"] = env.get("GATEWAY_DATABASE_URL") or default_database_url()
    slugs = [v.slug for v in load_vendors()]
    unconfigured = [slug for slug in slugs if not env.get(vendor_variable(slug, "base_url"))]
    with start_sandbox(port=0) as sandbox:
        for slug in unconfigured:
            env[vendor_variable(slug, "base_url")] = sandbox.base_url(slug)
            env[vendor_variable(slug, "api_key")] = sandbox.credential(slug)
        if not env.get("GATEWAY_SECRET_KEY"):  # webhook signing secrets are sealed with it
            env["GATEWAY_SECRET_KEY"] = _dev_secret_key(database_folder(env["GATEWAY_DATABASE_URL"]))
        # On 127.0.0.1 for development: webhooks may go to `webhooks listen` on this machine.
        env.setdefault("GATEWAY_WEBHOOK_ALLOW_PRIVATE", "1")
        hooked = _sign_hooks(env, [slug for slug in unconfigured if slug in HOOK_VENDORS])
        settings = Settings.from_env(env)
        app = create_app(settings, status_sync=settings.sync_in_serve, deliver=settings.deliver_in_serve)
        for slug, secret in hooked.items():
            token = app.gateway.hook_endpoints.token_for(slug)
            sandbox.send_hooks_to(slug, f"http://127.0.0.1:{port}/v1/hooks/{slug}/{token}", secret)
        collector.freeze_start_up()
        key = DEV_API_KEY if "GATEWAY_API_KEYS" not in env else "<one of GATEWAY_API_KEYS>"
        live = [slug for slug in slugs if slug not in unconfigured]
        print(_banner(port, key, unconfigured, live, database_label(settings.database_url)), flush=True)
        uvicorn.run(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            http=protocol_factory(settings),
            timeout_keep_alive=settings.keep_alive_s,  # type: ignore[arg-type]
        )


def _sign_hooks(env: dict[str, str], slugs: list[str]) -> dict[str, str]:
    """Each sandboxed vendor's webhook secret: the configured one is kept, else a generated one (EVENTS.md)."""
    chosen = {}
    for slug in slugs:
        variable = vendor_variable(slug, "webhook_secret")
        env[variable] = chosen[slug] = env.get(variable) or secrets.token_hex(16)
    return chosen


def _dev_secret_key(folder: Path) -> str:
    """A development key kept beside the database, so webhook secrets open after a restart."""
    from cryptography.fernet import Fernet

    path = folder / "dev-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()


def _banner(port: int, key: str, sandboxed: list[str], live: list[str], database: str) -> str:
    base = f"http://127.0.0.1:{port}"
    spec = json.loads(SERVED_SPEC.read_text())
    examples = spec["paths"]["/campaigns"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    lines = [
        f"campaign-gateway on {base}",
        f"  API key:    {key}",
        f"  Swagger UI: {base}/v1/ui/",
        f"  sandboxed:  {', '.join(sandboxed) or 'none'}",
        f"  live:       {', '.join(live) or 'none'}",
        f"  database:   {database}",
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
        "Sandbox vendors send their webhooks to the gateway as calls and messages finish; the events:",
        f"  curl -sS '{base}/v1/events' -H 'Authorization: Bearer {key}'",
        "",
        "Receive your events as webhooks (the answer shows the secret; http and loopback are allowed here):",
        f"  curl -sS -X POST {base}/v1/webhooks -H 'Authorization: Bearer {key}' -H 'Content-Type: application/json' "
        '-d \'{"url": "http://127.0.0.1:9999/", "event_types": ["*"]}\'',
        "  campaign-gateway webhooks listen --port 9999 --secret whsec_...",
        "\nCtrl-C stops the gateway and the sandbox.",
    ]
    return "\n".join(lines)
