"""The actions' ledger: every vendor call after the launch, recorded like a create.

An action (start, pause, resume, cancel, a native delete) is committed `in_flight` before the
vendor is called, with its Idempotency-Key claimed in the same transaction, and settled after
it (gateway/api/dispatch.py decides how). The campaign's row is locked while an action begins
(`FOR UPDATE` on PostgreSQL; SQLite's writers take turns anyway), so the status check and the
refusal of a second action while one is with the vendor hold across workers: an action is
never sent twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from anyio import to_thread
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from gateway.errors import Conflict, NotFound
from gateway.events.changes import CAMPAIGN_REF, action_completed_event, state_change_events
from gateway.events.model import Source
from gateway.events.outbox import emit_all
from gateway.store.outcome import Finish, fit_outcome
from gateway.store.registry import Begun, Registry, Replay, database_errors, new_campaign_id
from gateway.store.schema import campaign_actions, campaigns, idempotency_keys
from gateway.store.sync_rows import hurry, schedule

__all__ = ["ActionLedger", "CampaignCheck", "write_state"]

# Called inside the begin transaction with the campaign's row as it now is: raises to refuse.
CampaignCheck = Callable[[Mapping[str, Any]], None]
_ACTION_VIEW = (
    campaign_actions.c.campaign_id,
    campaign_actions.c.id,
    campaign_actions.c.action,
    campaign_actions.c.route,
    campaign_actions.c.dispatch,
    campaign_actions.c.requested_at,
    campaign_actions.c.completed_at,
)


class ActionLedger:
    """Begin, settle and list the actions of campaigns; shares the registry's database and lock."""

    def __init__(self, registry: Registry, *, idempotency_ttl: timedelta = timedelta(hours=24)) -> None:
        self._registry = registry
        self._ttl = idempotency_ttl

    def begin(
        self,
        *,
        tenant: str,
        campaign_id: str,
        action: str,
        route: str,
        request_fingerprint: str,
        idempotency_key: str | None,
        check: CampaignCheck,
    ) -> Begun | Replay:
        """Record the action in flight, or replay its key's answer, or refuse (404, 409 from `check`)."""
        for _attempt in range(3):
            try:
                with database_errors():
                    return self._begin(tenant, campaign_id, action, route, request_fingerprint, idempotency_key, check)
            except IntegrityError:
                assert idempotency_key is not None
                earlier = self._registry.earlier(tenant, idempotency_key, request_fingerprint)
                if earlier is not None:
                    return earlier
        raise Conflict("The Idempotency-Key is contended; retry.")

    async def begin_async(self, **arguments: Any) -> Begun | Replay:
        """`begin` on a worker thread."""
        return await to_thread.run_sync(partial(self.begin, **arguments))

    def _begin(
        self,
        tenant: str,
        campaign_id: str,
        action: str,
        route: str,
        request_fingerprint: str,
        idempotency_key: str | None,
        check: CampaignCheck,
    ) -> Begun:
        now = self._registry.clock()
        action_id = new_campaign_id()
        with self._registry.transaction() as connection:
            if idempotency_key is not None:
                connection.execute(
                    delete(idempotency_keys).where(
                        idempotency_keys.c.tenant == tenant,
                        idempotency_keys.c.key == idempotency_key,
                        idempotency_keys.c.expires_at <= now,
                    )
                )
                connection.execute(
                    insert(idempotency_keys).values(
                        tenant=tenant,
                        key=idempotency_key,
                        fingerprint=request_fingerprint,
                        campaign_id=campaign_id,
                        action_id=action_id,
                        created_at=now,
                        expires_at=now + self._ttl,
                    )
                )
            row = (
                connection.execute(
                    select(campaigns)
                    .where(campaigns.c.id == campaign_id, campaigns.c.tenant == tenant)
                    .with_for_update()
                )
                .mappings()
                .first()
            )
            if row is None:
                raise NotFound(f"No campaign {campaign_id}.")
            check(dict(row))
            busy = connection.execute(
                select(campaign_actions.c.action).where(
                    campaign_actions.c.campaign_id == campaign_id, campaign_actions.c.dispatch == "in_flight"
                )
            ).first()
            if busy is not None:
                raise Conflict(
                    f"A {busy.action} of this campaign is still with the vendor; this request was not sent.",
                    campaign_id=campaign_id,
                )
            connection.execute(
                insert(campaign_actions).values(
                    id=action_id,
                    campaign_id=campaign_id,
                    tenant=tenant,
                    action=action,
                    route=route,
                    fingerprint=request_fingerprint,
                    dispatch="in_flight",
                    requested_at=now,
                )
            )
        return Begun(campaign_id, now, tenant, idempotency_key, action_id)

    async def settle_async(self, begun: Begun, outcome: Finish, *, release: bool) -> None:
        """Record the action's outcome and what it did to the campaign (gateway/api/dispatch.py's `Ledger`)."""
        await to_thread.run_sync(partial(self.settle, begun, outcome, release=release))

    def settle(self, begun: Begun, outcome: Finish, *, release: bool) -> None:
        """The action's outcome, the campaign's new state (if the answer told one), in one transaction.

        An outcome that is not known (the vendor may have acted) makes the campaign due for a
        refresh at once, so its state is read from the vendor before the next action.
        """
        assert begun.action_id is not None
        fitted = fit_outcome(outcome)
        now = self._registry.clock()
        with self._registry.transaction() as connection:
            connection.execute(
                update(campaign_actions)
                .where(campaign_actions.c.id == begun.action_id)
                .values(
                    dispatch=fitted.dispatch,
                    problem=fitted.problem,
                    response_status=fitted.response_status,
                    response_body=fitted.response_body,
                    response_type=fitted.response_type,
                    vendor_response=fitted.vendor_response,
                    completed_at=now,
                )
            )
            if release and begun.idempotency_key is not None:
                connection.execute(
                    delete(idempotency_keys).where(
                        idempotency_keys.c.tenant == begun.tenant,
                        idempotency_keys.c.key == begun.idempotency_key,
                        idempotency_keys.c.action_id == begun.action_id,
                    )
                )
            campaign = connection.execute(select(*CAMPAIGN_REF).where(campaigns.c.id == begun.campaign_id)).first()
            if not release and campaign is not None:  # a released key: the vendor did nothing
                action = connection.execute(
                    select(campaign_actions.c.action).where(campaign_actions.c.id == begun.action_id)
                ).scalar_one()
                status = fitted.status or campaign.status
                completed = action_completed_event(
                    campaign._mapping, action=action, dispatch=fitted.dispatch, status=status, now=now
                )
                emit_all(connection, [completed])
            if fitted.status is not None:
                write_state(connection, begun.campaign_id, fitted, now, source="gateway")
            elif fitted.dispatch == "unknown":
                hurry(connection, [begun.campaign_id], now)

    def of(self, campaign_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The actions of each campaign, oldest first."""
        ids = list(campaign_ids)
        found: dict[str, list[dict[str, Any]]] = {campaign_id: [] for campaign_id in ids}
        if not ids:
            return found
        query = (
            select(*_ACTION_VIEW)
            .where(campaign_actions.c.campaign_id.in_(ids))
            .order_by(campaign_actions.c.requested_at, campaign_actions.c.id)
        )
        with self._registry.engine.connect() as connection:
            for row in connection.execute(query).mappings():
                found[row["campaign_id"]].append(dict(row))
        return found

    def settle_abandoned(self, older_than: timedelta) -> int:
        """Mark `unknown` the actions still in flight long after any call could have ended (a crash)."""
        now = self._registry.clock()
        with self._registry.transaction() as connection:
            stale = select(campaign_actions.c.campaign_id).where(
                campaign_actions.c.dispatch == "in_flight", campaign_actions.c.requested_at < now - older_than
            )
            hurry(connection, stale, now)
            result = connection.execute(
                update(campaign_actions)
                .where(campaign_actions.c.dispatch == "in_flight", campaign_actions.c.requested_at < now - older_than)
                .values(dispatch="unknown", completed_at=now)
            )
        return int(result.rowcount)


def write_state(connection: Connection, campaign_id: str, state: Finish, now: datetime, *, source: Source) -> None:
    """A campaign's new status (and vendor word, progress, next sync), with the time it changed.

    The events of the change (gateway/events/changes.py) are written in the same transaction.
    """
    current = connection.execute(select(*CAMPAIGN_REF).where(campaigns.c.id == campaign_id)).first()
    values: dict[str, Any] = {
        "status": state.status,
        "vendor_status": state.vendor_status,
        "updated_at": now,
    }
    if state.progress is not None:
        values["progress"] = state.progress
    if current is not None and current.status != state.status:
        values["status_changed_at"] = now
    connection.execute(update(campaigns).where(campaigns.c.id == campaign_id).values(values))
    schedule(connection, campaign_id, state.sync_due_at)
    if current is not None:
        emit_all(
            connection,
            state_change_events(
                current._mapping,
                before=current.status,
                after=state,
                progress_before=current.progress,
                source=source,
                now=now,
            ),
        )
