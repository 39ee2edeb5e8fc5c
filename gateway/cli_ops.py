"""Operator commands on the registry: db, keys, credentials, reconcile (campaigns: gateway/cli_campaigns.py).

Each works on GATEWAY_DATABASE_URL (and GATEWAY_SECRET_KEY for credentials), like the server.
"""

from __future__ import annotations

from typing import Any

import click

__all__ = ["credentials_group", "db_group", "keys_group", "open_engine", "reconcile"]


def open_engine() -> Any:
    """The registry's engine, migrated, and the settings (a clear error for bad ones)."""
    from gateway.settings import Settings, SettingsError
    from gateway.store.engine import make_engine
    from gateway.store.migrate import migrate

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
    except Exception as exc:  # any driver error: one clear line, not a traceback
        raise click.ClickException(f"database {engine.url.render_as_string(hide_password=True)}: {exc}") from exc
    return engine, settings


@click.group("db")
def db_group() -> None:
    """The registry database."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration (the server also does this at start-up)."""
    engine, _ = open_engine()
    click.echo(f"{engine.url.render_as_string(hide_password=True)} is at the newest schema.")


@click.group("keys")
def keys_group() -> None:
    """Tenants' API keys (stored hashed)."""


@keys_group.command("create")
@click.option("--tenant", required=True, help="The tenant the key belongs to.")
def keys_create(tenant: str) -> None:
    """Create a key; it is printed once and never again."""
    from gateway.store.tenants import ApiKeys

    engine, _ = open_engine()
    click.echo(ApiKeys(engine).create(tenant))


@keys_group.command("list")
@click.option("--tenant", default=None, help="Only this tenant's keys.")
def keys_list(tenant: str | None) -> None:
    """Keys by id, tenant and prefix (never the key)."""
    from gateway.store.tenants import ApiKeys

    engine, _ = open_engine()
    for row in ApiKeys(engine).listing(tenant):
        state = f"revoked {row['revoked_at']:%Y-%m-%d}" if row["revoked_at"] else "active"
        click.echo(f"{row['id']}  {row['tenant']:<20} {row['prefix']}…  {state}")


@keys_group.command("revoke")
@click.argument("key_id")
def keys_revoke(key_id: str) -> None:
    """Revoke a key by its id (from `keys list`)."""
    from gateway.store.tenants import ApiKeys

    engine, _ = open_engine()
    if not ApiKeys(engine).revoke(key_id):
        raise click.ClickException(f"no active key {key_id}")
    click.echo(f"revoked {key_id}")


@click.group("credentials")
def credentials_group() -> None:
    """Tenants' own vendor accounts (encrypted with GATEWAY_SECRET_KEY)."""


@credentials_group.command("set")
@click.option("--tenant", required=True)
@click.option("--vendor", required=True)
@click.option("--base-url", default=None, help="For per-instance vendors such as TetherAI.")
@click.option("--api-key", prompt=True, hide_input=True, help="Prompted for when not given.")
@click.option(
    "--webhook-secret",
    default=None,
    help="The vendor's signing secret for its webhooks to this account (kept if not given).",
)
def credentials_set(tenant: str, vendor: str, base_url: str | None, api_key: str, webhook_secret: str | None) -> None:
    """Store a tenant's vendor key; it is never shown again."""
    from gateway.store.tenants import VendorCredentials
    from gateway.vendors import ADAPTERS

    if vendor not in ADAPTERS:
        raise click.ClickException(f"unknown vendor {vendor!r} (one of {', '.join(ADAPTERS)})")
    engine, settings = open_engine()
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    try:
        VendorCredentials(engine, secret).set(tenant, vendor, api_key, base_url, webhook_secret)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"stored {vendor} credential for {tenant}")


@click.command()
@click.option(
    "--mark", "marks", multiple=True, metavar="ID=accepted|rejected", help="Settle one campaign (repeatable)."
)
def reconcile(marks: tuple[str, ...]) -> None:
    """List campaigns whose dispatch is unknown, or mark them after checking with the vendor."""
    from datetime import timedelta

    from gateway.service import ABANDONED_AFTER_S
    from gateway.store.registry import Registry

    engine, settings = open_engine()
    registry = Registry(engine)
    registry.settle_abandoned(timedelta(seconds=settings.vendor_timeout_s + ABANDONED_AFTER_S))
    if not marks:
        rows = registry.unknown()
        for row in rows:
            when = f"{row['created_at']:%Y-%m-%d %H:%M:%S}"
            click.echo(f"{row['id']}  {row['tenant']:<16} {row['vendor']:<10} {when}  {row['name'] or ''}")
        click.echo(f"{len(rows)} campaign(s) with an unknown outcome; settle each with --mark ID=accepted|rejected")
        return
    for mark in marks:
        campaign_id, _, verdict = mark.partition("=")
        if verdict not in ("accepted", "rejected"):
            raise click.BadParameter(f"{mark!r}: expected ID=accepted or ID=rejected", param_hint="--mark")
        if not registry.mark(campaign_id, verdict):
            raise click.ClickException(f"{campaign_id} is not a campaign with an unknown outcome")
        click.echo(f"{campaign_id}: {verdict}")
