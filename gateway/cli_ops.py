"""Operator commands on the registry: db, keys, credentials, reconcile (campaigns: gateway/cli_campaigns.py).

Each works on GATEWAY_DATABASE_URL (and GATEWAY_SECRET_KEY for credentials), like the server;
unset, on the SQLite database in the per-user data directory. The helpers here are shared by
every command that reads the database: the same resolution, the same tenant default, the same
tables, JSON and exit codes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click

__all__ = [
    "EXIT_CODES",
    "JSON_HELP",
    "credentials_group",
    "db_group",
    "echo_json",
    "echo_table",
    "keys_group",
    "nothing",
    "open_engine",
    "reconcile",
    "resolve_tenant",
    "where",
]

# Appended to each command's --help (click keeps a paragraph starting with \b as written).
EXIT_CODES = "\b\nExit codes: 0 done (an empty list too), 1 not found or refused (message on stderr), 2 usage."
JSON_HELP = "JSON for scripts (the API's field names) instead of a table."


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


def where(settings: Any) -> str:
    """The database a command read, for people (a SQLite file's path, a URL without its password)."""
    from gateway.settings import database_label

    return str(database_label(settings.database_url))


def nothing(what: str, settings: Any) -> None:
    """Say on stderr that a list is empty, naming the database read (an empty list is not an error)."""
    click.echo(f"{what} (database: {where(settings)})", err=True)


def tenants(engine: Any, settings: Any) -> list[str]:
    """Every tenant with a key: in GATEWAY_API_KEYS or stored and not revoked."""
    from gateway.store.tenants import ApiKeys

    return ApiKeys(engine).tenants(settings.api_keys.values())


def resolve_tenant(engine: Any, settings: Any, given: str | None) -> str:
    """The --tenant given, else the only tenant; with several and none given, a usage error listing them."""
    if given:
        return given
    known = tenants(engine, settings)
    if len(known) == 1:
        return known[0]
    raise click.UsageError(f"several tenants ({', '.join(known)}): choose one with --tenant")


def echo_json(value: Any) -> None:
    """Print JSON for scripts: indented, dates as ISO 8601."""
    click.echo(json.dumps(value, indent=2, default=_iso))


def echo_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Print a table for people (rich); never wrapped or cut when the output is not a terminal."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in headers:
        table.add_column(header, no_wrap=True, overflow="ignore")
    for row in rows:
        table.add_row(*("-" if cell is None or cell == "" else str(cell) for cell in row))
    stream = sys.stdout
    console = Console(file=stream, width=None if stream.isatty() else 10_000, highlight=False)
    console.print(table, crop=False)


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _when(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S}" if value is not None else "-"


@click.group("db")
def db_group() -> None:
    """The registry database."""


@db_group.command("upgrade", epilog=EXIT_CODES)
def db_upgrade() -> None:
    """Apply every migration (the server also does this at start-up)."""
    _engine, settings = open_engine()
    click.echo(f"{where(settings)} is at the newest schema.")


@db_group.command("where", epilog=EXIT_CODES)
def db_where() -> None:
    """Print the database every command uses (GATEWAY_DATABASE_URL, else the per-user data directory)."""
    from gateway.settings import Settings, SettingsError, database_label

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(database_label(settings.database_url))


@click.group("keys")
def keys_group() -> None:
    """Tenants' API keys (stored hashed)."""


@keys_group.command("create", epilog=EXIT_CODES)
@click.option("--tenant", required=True, help="The tenant the key belongs to (a new name makes a new tenant).")
def keys_create(tenant: str) -> None:
    """Create a key; it is printed once and never again."""
    from gateway.store.tenants import ApiKeys

    engine, _ = open_engine()
    click.echo(ApiKeys(engine).create(tenant))


@keys_group.command("list", epilog=EXIT_CODES)
@click.option("--tenant", default=None, help="Only this tenant's keys.")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def keys_list(tenant: str | None, as_json: bool) -> None:
    """Stored keys by id, tenant and prefix (never the key; GATEWAY_API_KEYS are not listed)."""
    from gateway.store.tenants import ApiKeys

    engine, settings = open_engine()
    rows = ApiKeys(engine).listing(tenant)
    if as_json:
        echo_json([{**row, "state": "revoked" if row["revoked_at"] else "active"} for row in rows])
    elif rows:
        echo_table(
            ["id", "tenant", "prefix", "created", "state"],
            (
                [
                    row["id"],
                    row["tenant"],
                    f"{row['prefix']}…",
                    _when(row["created_at"]),
                    f"revoked {row['revoked_at']:%Y-%m-%d}" if row["revoked_at"] else "active",
                ]
                for row in rows
            ),
        )
    if not rows:
        nothing("no keys yet" if tenant is None else f"no keys for tenant {tenant}", settings)


@keys_group.command("revoke", epilog=EXIT_CODES)
@click.argument("key_id")
def keys_revoke(key_id: str) -> None:
    """Revoke a key by its id (from `keys list`); exit 1 if there is no such active key."""
    from gateway.store.tenants import ApiKeys

    engine, settings = open_engine()
    if not ApiKeys(engine).revoke(key_id):
        raise click.ClickException(f"no active key {key_id} (database: {where(settings)})")
    click.echo(f"revoked {key_id}")


@click.group("credentials")
def credentials_group() -> None:
    """Tenants' own vendor accounts (encrypted with GATEWAY_SECRET_KEY)."""


@credentials_group.command("set", epilog=EXIT_CODES)
@click.option("--tenant", default=None, help="Default: the only tenant, when there is one.")
@click.option("--vendor", required=True)
@click.option("--base-url", default=None, help="For per-instance vendors such as TetherAI.")
@click.option("--api-key", prompt=True, hide_input=True, help="Prompted for when not given.")
@click.option(
    "--webhook-secret",
    default=None,
    help="The vendor's signing secret for its webhooks to this account (kept if not given).",
)
def credentials_set(
    tenant: str | None, vendor: str, base_url: str | None, api_key: str, webhook_secret: str | None
) -> None:
    """Store a tenant's vendor key; it is never shown again."""
    from gateway.store.tenants import VendorCredentials
    from gateway.vendors import ADAPTERS

    if vendor not in ADAPTERS:
        raise click.BadParameter(f"unknown vendor {vendor!r} (one of {', '.join(ADAPTERS)})", param_hint="--vendor")
    engine, settings = open_engine()
    tenant = resolve_tenant(engine, settings, tenant)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    try:
        VendorCredentials(engine, secret).set(tenant, vendor, api_key, base_url, webhook_secret)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"stored {vendor} credential for {tenant}")


@credentials_group.command("list", epilog=EXIT_CODES)
@click.option("--tenant", default=None, help="Only this tenant's credentials.")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def credentials_list(tenant: str | None, as_json: bool) -> None:
    """Stored vendor accounts: tenant, vendor, whether it opens with GATEWAY_SECRET_KEY (never the key)."""
    from gateway.store.tenants import SealedCredential, VendorCredentials

    engine, settings = open_engine()
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    found = VendorCredentials(engine, secret).all()
    rows = [
        {
            "tenant": owner,
            "vendor": vendor,
            "base_url": None if isinstance(credential, SealedCredential) else credential.base_url,
            "webhook_secret": False if isinstance(credential, SealedCredential) else bool(credential.webhook_secret),
            "opens": not isinstance(credential, SealedCredential),
            "problem": credential.reason if isinstance(credential, SealedCredential) else None,
        }
        for (owner, vendor), credential in sorted(found.items())
        if tenant is None or owner == tenant
    ]
    if as_json:
        echo_json(rows)
    elif rows:
        echo_table(
            ["tenant", "vendor", "base url", "webhook secret", "state"],
            (
                [
                    row["tenant"],
                    row["vendor"],
                    row["base_url"],
                    "yes" if row["webhook_secret"] else "no",
                    "ok" if row["opens"] else f"sealed: {row['problem']}",
                ]
                for row in rows
            ),
        )
    if not rows:
        nothing("no credentials yet" if tenant is None else f"no credentials for tenant {tenant}", settings)


@click.command(epilog=EXIT_CODES)
@click.option(
    "--mark", "marks", multiple=True, metavar="ID=accepted|rejected", help="Settle one campaign (repeatable)."
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP + " Without --mark only.")
def reconcile(marks: tuple[str, ...], as_json: bool) -> None:
    """List campaigns whose dispatch is unknown, or mark them after checking with the vendor."""
    from datetime import timedelta

    from gateway.service import ABANDONED_AFTER_S
    from gateway.store.registry import Registry

    engine, settings = open_engine()
    registry = Registry(engine)
    registry.settle_abandoned(timedelta(seconds=settings.vendor_timeout_s + ABANDONED_AFTER_S))
    if not marks:
        rows = registry.unknown()
        if as_json:
            echo_json([{key: row[key] for key in ("id", "tenant", "vendor", "name", "created_at")} for row in rows])
        elif rows:
            echo_table(
                ["id", "tenant", "vendor", "created", "name"],
                ([row["id"], row["tenant"], row["vendor"], _when(row["created_at"]), row["name"]] for row in rows),
            )
            click.echo(f"{len(rows)} campaign(s) with an unknown outcome; settle each with --mark ID=accepted|rejected")
        if not rows:
            nothing("no campaign with an unknown outcome", settings)
        return
    for mark in marks:
        campaign_id, _, verdict = mark.partition("=")
        if verdict not in ("accepted", "rejected"):
            raise click.BadParameter(f"{mark!r}: expected ID=accepted or ID=rejected", param_hint="--mark")
        if not registry.mark(campaign_id, verdict):
            raise click.ClickException(f"{campaign_id} is not a campaign with an unknown outcome")
        click.echo(f"{campaign_id}: {verdict}")
