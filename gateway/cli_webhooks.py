"""Webhooks out: `campaign-gateway deliver` (the delivery loop alone) and `webhooks listen` (a receiver)."""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import IO, Any

import click

__all__ = ["deliver", "listen_server", "webhooks_group"]


@click.command()
def deliver() -> None:
    """Deliver webhooks alone, until SIGINT or SIGTERM.

    Publishes committed events, posts each due delivery to its subscription (signed, retried
    with backoff) and forgets events older than GATEWAY_EVENT_RETENTION_DAYS. By default every
    `serve` worker does this too, sharing the work through the database; to run it here
    instead, set GATEWAY_DELIVER_IN_SERVE=0 for `serve`. Several `deliver` processes (with
    PostgreSQL, on several machines) share the work the same way.
    """
    import asyncio

    from gateway.events.runner import run_until_signalled
    from gateway.observe import configure_logging
    from gateway.service import Gateway
    from gateway.settings import Settings, SettingsError

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    gateway = Gateway.open(settings)
    configure_logging(gateway.secrets)
    try:
        asyncio.run(run_until_signalled(gateway))
    finally:
        gateway.close()


@click.group("webhooks")
def webhooks_group() -> None:
    """Webhook tools for development."""


@webhooks_group.command()
@click.option("--port", type=int, required=True, help="Port on 127.0.0.1.")
@click.option("--secret", default=None, help="The subscription's whsec_ secret: deliveries are verified with it.")
def listen(port: int, secret: str | None) -> None:
    """Receive deliveries on 127.0.0.1 and print them (verified with --secret, else marked UNVERIFIED)."""
    server = listen_server(port, secret, sys.stdout)
    click.echo(f"listening on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def listen_server(port: int, secret: str | None, out: IO[str]) -> ThreadingHTTPServer:
    """The receiver of `webhooks listen`: 204 and a printed line per verified delivery, 401 for a bad signature."""
    from standardwebhooks.webhooks import Webhook, WebhookVerificationError

    verifier = Webhook(secret) if secret else None

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            headers = {name.lower(): value for name, value in self.headers.items()}
            mark = "UNVERIFIED"
            if verifier is not None:
                try:
                    verifier.verify(body, headers)
                except WebhookVerificationError as exc:
                    # Printed before the answer, so a sender that has its 401 finds the line written.
                    out.write(f"REFUSED {headers.get('webhook-id', '-')}: {exc}\n")
                    out.flush()
                    self._answer(401, f"signature refused: {exc}")
                    return
                mark = "verified"
            payload: Any
            try:
                payload = json.loads(body)
            except ValueError:
                payload = body.decode("utf-8", "replace")
            out.write(f"{mark} {headers.get('webhook-id', '-')} {json.dumps(payload)}\n")
            out.flush()
            self._answer(204, "")

        def _answer(self, status: int, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the deliveries are printed, not the access log."""

    return ThreadingHTTPServer(("127.0.0.1", port), Receiver)
