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

from gateway.cli_ops import open_engine

__all__ = ["campaigns_group"]


@click.group("campaigns")
def campaigns_group() -> None:
    """A tenant's campaigns: read them, or start, pause, resume and cancel one."""


@campaigns_group.command("list")
@click.option("--tenant", required=True)
@click.option("--dispatch", default=None, type=click.Choice(["in_flight", "accepted", "rejected", "unknown"]))
@click.option("--vendor", default=None)
@click.option("--limit", default=50, show_default=True)
def campaigns_list(tenant: str, dispatch: str | None, vendor: str | None, limit: int) -> None:
    """A tenant's campaigns, newest first."""
    from gateway.store.registry import Registry

    engine, _ = open_engine()
    rows, _cursor = Registry(engine).page(
        tenant, filters={"dispatch": dispatch, "vendor": vendor}, limit=limit, cursor=None
    )
    for row in rows:
        when = f"{row['created_at']:%Y-%m-%d %H:%M:%S}"
        status = row["status"] or "-"
        click.echo(f"{row['id']}  {when}  {row['vendor']:<10} {row['dispatch']:<9} {status:<11} {row['name'] or ''}")


@campaigns_group.command("show")
@click.option("--tenant", required=True)
@click.option("--json", "as_json", is_flag=True, help="The API's view of the campaign, as JSON.")
@click.argument("campaign_id")
def campaigns_show(tenant: str, campaign_id: str, as_json: bool) -> None:
    """One campaign: status, progress and the actions taken on it."""
    from gateway.api.campaigns import campaign_view
    from gateway.store.actions import ActionLedger
    from gateway.store.registry import Registry

    engine, _ = open_engine()
    registry = Registry(engine)
    row = registry.get(tenant, campaign_id)
    if row is None:
        raise click.ClickException(f"no campaign {campaign_id} for tenant {tenant}")
    view = campaign_view(row, ActionLedger(registry).of([campaign_id])[campaign_id])
    click.echo(json.dumps(view, indent=2) if as_json else describe(view))


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
    @click.command(action, help=f"{action.capitalize()} a campaign at its vendor (as the API's POST .../{action}).")
    @click.option("--tenant", required=True)
    @click.option("--dry-run", is_flag=True, help="Show the exact vendor request; send nothing.")
    @click.argument("campaign_id")
    def command(tenant: str, campaign_id: str, dry_run: bool) -> None:
        status, body = asyncio.run(_run(tenant, campaign_id, action, dry_run))
        answer = json.loads(body) if body else {}
        if status >= 400:
            raise click.ClickException(f"{status}: {answer.get('detail', body.decode(errors='replace'))}")
        if dry_run:
            click.echo(json.dumps(answer, indent=2))
        else:
            queued = " (the vendor queued it)" if status == 202 else ""
            click.echo(f"{action}: {answer.get('status')}{queued}")

    return command


async def _run(tenant: str, campaign_id: str, action: Any, dry_run: bool) -> tuple[int, bytes]:
    from gateway.api.actions import run_action
    from gateway.api.problems import problem_response
    from gateway.errors import GatewayError
    from gateway.service import Gateway

    _engine, settings = open_engine()
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
