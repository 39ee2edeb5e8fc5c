"""Operator commands for events in: `hooks show|rotate` (the URL to register at a vendor), `events list`.

Each works on GATEWAY_DATABASE_URL (and GATEWAY_SECRET_KEY for tenants' own accounts), like
the server.
"""

from __future__ import annotations

import json
from typing import Any

import click

from gateway.cli_ops import open_engine

__all__ = ["events_group", "hooks_group"]

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


@click.group("hooks")
def hooks_group() -> None:
    """The URLs vendors send their webhooks to (one per vendor account)."""


def _vendor(vendor: str) -> Any:
    from gateway.vendors import ADAPTERS

    adapter = ADAPTERS.get(vendor)
    if adapter is None:
        raise click.ClickException(f"unknown vendor {vendor!r} (one of {', '.join(ADAPTERS)})")
    if not adapter.webhooks.receives:
        raise click.ClickException(f"{vendor} sends no webhooks ({adapter.webhooks.describe()})")
    return adapter


def _endpoints() -> tuple[Any, Any, Any]:
    from gateway.events.endpoints import HookEndpoints
    from gateway.store.registry import Registry

    engine, settings = open_engine()
    return HookEndpoints(Registry(engine)), engine, settings


def _secret_state(engine: Any, settings: Any, vendor: str, tenant: str) -> str:
    if not tenant:
        configured = settings.vendors[vendor].webhook_secret is not None
        where = f"GATEWAY_{vendor.upper()}_WEBHOOK_SECRET"
    else:
        from gateway.store.tenants import TenantCredential, VendorCredentials

        secret_key = settings.secret_key.get_secret_value() if settings.secret_key else None
        own = VendorCredentials(engine, secret_key).all().get((tenant, vendor))
        configured = isinstance(own, TenantCredential) and bool(own.webhook_secret)
        where = f"campaign-gateway credentials set --tenant {tenant} --vendor {vendor} --webhook-secret ..."
    return "configured" if configured else f"not configured (set it with {where})"


def _show(vendor: str, tenant: str, base_url: str, token: str, engine: Any, settings: Any) -> None:
    adapter = _vendor(vendor)
    click.echo(f"{base_url.rstrip('/')}/v1/hooks/{vendor}/{token}")
    account = tenant or "the gateway's own (shared) account"
    click.echo(f"  account:        {account}")
    click.echo(f"  verification:   {adapter.webhooks.describe()}")
    if adapter.webhooks.kind in ("hmac_hex", "static_header"):
        click.echo(f"  signing secret: {_secret_state(engine, settings, vendor, tenant)}")


@hooks_group.command("show")
@click.option("--vendor", required=True)
@click.option("--tenant", default="", help="A tenant's own vendor account (default: the gateway's own).")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="Where vendors reach the gateway.")
def hooks_show(vendor: str, tenant: str, base_url: str) -> None:
    """Print the URL to register at the vendor, and whether its signing secret is configured."""
    _vendor(vendor)
    endpoints, engine, settings = _endpoints()
    _show(vendor, tenant, base_url, endpoints.token_for(vendor, tenant), engine, settings)


@hooks_group.command("rotate")
@click.option("--vendor", required=True)
@click.option("--tenant", default="", help="A tenant's own vendor account (default: the gateway's own).")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, help="Where vendors reach the gateway.")
def hooks_rotate(vendor: str, tenant: str, base_url: str) -> None:
    """A new URL for the account: the old one stops working at once (register the new one)."""
    _vendor(vendor)
    endpoints, engine, settings = _endpoints()
    _show(vendor, tenant, base_url, endpoints.rotate(vendor, tenant), engine, settings)


@click.group("events")
def events_group() -> None:
    """The event stream, as operators see it."""


@events_group.command("list")
@click.option("--tenant", default=None, help="One tenant's events.")
@click.option("--untied", is_flag=True, help="Events tied to no tenant (never shown to tenants).")
@click.option("--after", type=int, default=None, help="Only events after this cursor.")
@click.option("--limit", type=click.IntRange(1, 500), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def events_list(tenant: str | None, untied: bool, after: int | None, limit: int, as_json: bool) -> None:
    """A tenant's events, or with --untied those of no tenant, oldest first."""
    from gateway.events.feed import event_view, read_feed
    from gateway.events.relay import Relay
    from gateway.store.registry import Registry

    if (tenant is None) == (not untied):
        raise click.UsageError("give exactly one of --tenant T or --untied")
    engine, _settings = open_engine()
    registry = Registry(engine)
    try:
        Relay(registry).publish_all()
        page = read_feed(engine, tenant=tenant, after=after, limit=limit, untied=untied)
    finally:
        registry.close()
    for row in page.events:
        event = event_view(row)
        if as_json:
            click.echo(json.dumps({"position": row["position"], **event}, default=str))
        else:
            click.echo(
                f"{row['position']:>8}  {event['occurred_at']}  {event['type']:<24} {event['vendor'] or '-':<10} "
                f"{event['campaign_id'] or '-'}  {event['id']}"
            )
    if not as_json:
        click.echo(f"{len(page.events)} event(s); next cursor: {page.next_cursor or '(none)'}")
