"""`campaign-gateway campaigns`: list, show, and the operator's start, pause, resume and cancel.

An action from here takes the same path as one through the API (gateway/api/actions.py): the
same checks, the actions' ledger, the vendor called at most once; it is recorded as the
tenant's, with the route naming the action.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import click

from gateway.cli_ops import EXIT_CODES, JSON_HELP, echo_json, echo_table, nothing, open_engine, resolve_tenant
from gateway.lifecycle import STATUSES

__all__ = ["campaigns_group"]

_TENANT_HELP = "Default: the only tenant, when there is one (several: name one)."


@click.group("campaigns")
def campaigns_group() -> None:
    """A tenant's campaigns: read them, or start, pause, resume and cancel one."""


@campaigns_group.command("list", epilog=EXIT_CODES)
@click.option("--tenant", default=None, help=_TENANT_HELP)
@click.option("--status", default=None, type=click.Choice(STATUSES), help="Only campaigns in this status.")
@click.option("--vendor", default=None, help="Only campaigns at this vendor (its slug).")
@click.option("--dispatch", default=None, type=click.Choice(["in_flight", "accepted", "rejected", "unknown"]))
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def campaigns_list(
    tenant: str | None, status: str | None, vendor: str | None, dispatch: str | None, limit: int, as_json: bool
) -> None:
    """A tenant's campaigns, newest first (--json: the API's view of each, with its actions)."""
    from gateway.api.campaigns import campaign_view
    from gateway.store.actions import ActionLedger
    from gateway.store.registry import Registry
    from gateway.vendors import ADAPTERS

    if vendor is not None and vendor not in ADAPTERS:
        raise click.BadParameter(f"unknown vendor {vendor!r} (one of {', '.join(ADAPTERS)})", param_hint="--vendor")
    engine, settings = open_engine()
    tenant = resolve_tenant(engine, settings, tenant)
    registry = Registry(engine)
    rows, _cursor = registry.page(
        tenant, filters={"dispatch": dispatch, "vendor": vendor, "status": status}, limit=limit, cursor=None
    )
    if as_json:
        actions = ActionLedger(registry).of([row["id"] for row in rows])
        echo_json([campaign_view(row, actions[row["id"]]) for row in rows])
    elif rows:
        echo_table(
            ["id", "created", "vendor", "dispatch", "status", "name"],
            (
                [
                    row["id"],
                    f"{row['created_at']:%Y-%m-%d %H:%M:%S}",
                    row["vendor"],
                    row["dispatch"],
                    row["status"],
                    row["name"],
                ]
                for row in rows
            ),
        )
    if not rows:
        filtered = any(value is not None for value in (status, vendor, dispatch))
        nothing(
            f"no campaigns match for tenant {tenant}" if filtered else f"no campaigns yet for tenant {tenant}", settings
        )


@campaigns_group.command("show", epilog=EXIT_CODES)
@click.option("--tenant", default=None, help=_TENANT_HELP)
@click.option("--json", "as_json", is_flag=True, help="The API's view of the campaign, as JSON.")
@click.argument("campaign_id")
def campaigns_show(tenant: str | None, campaign_id: str, as_json: bool) -> None:
    """One campaign: status, progress and the actions taken on it (exit 1 if the tenant has no such campaign)."""
    from gateway.api.campaigns import campaign_view
    from gateway.cli_ops import where
    from gateway.store.actions import ActionLedger
    from gateway.store.registry import Registry

    engine, settings = open_engine()
    tenant = resolve_tenant(engine, settings, tenant)
    registry = Registry(engine)
    row = registry.get(tenant, campaign_id)
    if row is None:
        raise click.ClickException(f"no campaign {campaign_id} for tenant {tenant} (database: {where(settings)})")
    view = campaign_view(row, ActionLedger(registry).of([campaign_id])[campaign_id])
    if as_json:
        echo_json(view)
    else:
        click.echo(describe(view))


def describe(view: dict[str, Any]) -> str:
    """A campaign's view for people."""
    status = view["status"] or "-"
    word = f" ({view['vendor_status']})" if view["vendor_status"] and view["vendor_status"] != status else ""
    lines = [
        f"campaign   {view['id']}  {view['name'] or ''}".rstrip(),
        f"vendor     {view['vendor']}  {view['vendor_campaign_id'] or '(no vendor id)'}",
        f"dispatch   {view['dispatch']}",
        f"status     {status}{word}",
        f"synced     {view['synced_at'] or 'never'}",
    ]
    progress = view["progress"]
    if any(value is not None for value in progress.values()):
        counts = "  ".join(f"{name} {'-' if value is None else value}" for name, value in progress.items())
        lines.append(f"progress   {counts}")
    else:
        lines.append("progress   not reported by the vendor")
    if view["actions"]:
        lines.append("actions")
        for action in view["actions"]:
            lines.append(f"  {action['requested_at']}  {action['action']:<7} {action['dispatch']:<9} {action['route']}")
    else:
        lines.append("actions    none")
    return "\n".join(lines)


def _action_command(action: str) -> click.Command:
    @click.command(
        action,
        help=f"{action.capitalize()} a campaign at its vendor (as the API's POST .../{action}); "
        "exit 1 with the API's status and detail when it is refused.",
        epilog=EXIT_CODES,
    )
    @click.option("--tenant", default=None, help=_TENANT_HELP)
    @click.option("--dry-run", is_flag=True, help="Show the exact vendor request; send nothing.")
    @click.option("--json", "as_json", is_flag=True, help="The API's answer, as JSON.")
    @click.argument("campaign_id")
    def command(tenant: str | None, campaign_id: str, dry_run: bool, as_json: bool) -> None:
        status, body = asyncio.run(_run(tenant, campaign_id, action, dry_run))
        answer = json.loads(body) if body else {}
        if status >= 400:
            raise click.ClickException(f"{status}: {answer.get('detail', body.decode(errors='replace'))}")
        if dry_run or as_json:
            echo_json(answer)
        else:
            queued = " (the vendor queued it)" if status == 202 else ""
            click.echo(f"{action}: {answer.get('status')}{queued}")

    return command


async def _run(tenant: str | None, campaign_id: str, action: Any, dry_run: bool) -> tuple[int, bytes]:
    from gateway.api.actions import run_action
    from gateway.api.problems import problem_response
    from gateway.errors import GatewayError
    from gateway.service import Gateway

    engine, settings = open_engine()
    tenant = resolve_tenant(engine, settings, tenant)
    engine.dispose()
    gateway = Gateway.open(settings)
    try:
        response = await run_action(gateway, tenant, campaign_id, action, idempotency_key=None, dry_run=dry_run)
        return response.status_code, bytes(response.body)
    except GatewayError as error:
        status, body, _headers = problem_response(error, None)
        return status, body
    finally:
        await gateway.close_vendor_connections()
        gateway.close()


for _action in ("start", "pause", "resume", "cancel"):
    campaigns_group.add_command(_action_command(_action))
