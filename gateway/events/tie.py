"""Tying a vendor's call events to their campaign when the hook names only the call.

Smallest's webhooks carry a call id and no campaign id (its webhooks guide); the only link is
its list of a campaign's calls (`GET /conversation?campaignIds=`), whose entries in turn carry
no campaign id, so one campaign is listed at a time. The inbound path never calls a vendor
before it answers, so such events are stored held (unpublished); a pass here lists the calls
of the account's live campaigns, remembers which call belongs to which campaign, and releases
each held event with its campaign and that campaign's tenant. An event no campaign claims
within `give_up_after` is released as it was stored: the account's tenant, no campaign.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from anyio import to_thread
from sqlalchemy import or_, select, update

from gateway.errors import GatewayError
from gateway.events.endpoints import GATEWAY_ACCOUNT
from gateway.lifecycle import TERMINAL
from gateway.store.schema import campaigns, events
from gateway.vendors import raise_for_reply

if TYPE_CHECKING:
    from gateway.service import Gateway

__all__ = ["CallTies", "Owner"]

_log = logging.getLogger("gateway.events")
# A finished campaign's calls still arrive as hooks for a while after its last status change.
_RECENTLY_FINISHED = timedelta(hours=1)
# The account's live campaigns looked at, the most recently changed first.
_CANDIDATES = 1000


@dataclass(frozen=True)
class Owner:
    """The campaign a call belongs to."""

    campaign_id: str
    tenant: str
    vendor_campaign_id: str


class CallTies:
    """Releases held call events with their campaign (one pass: `run_once`)."""

    def __init__(
        self,
        gateway: Gateway,
        *,
        give_up_after: timedelta = timedelta(minutes=10),
        campaigns_per_pass: int = 20,
        pages_per_campaign: int = 5,
        relist_after: timedelta = timedelta(seconds=5),
        remembered: int = 100_000,
    ) -> None:
        self._gateway = gateway
        self._give_up_after = give_up_after
        self._campaigns_per_pass = campaigns_per_pass
        self._pages = pages_per_campaign
        self._remembered = remembered
        self._relist_after_s = relist_after.total_seconds()
        self._owners: OrderedDict[tuple[str, str, str], Owner] = OrderedDict()  # (vendor, account, call)
        self._listed_at: dict[str, float] = {}  # campaign id -> when its calls were last listed (monotonic)

    def held(self, limit: int = 500) -> list[Any]:
        """Held events, oldest first."""
        query = (
            select(events.c.id, events.c.vendor, events.c.account, events.c.data, events.c.received_at)
            .where(events.c.held.is_(True))
            .order_by(events.c.received_at)
            .limit(limit)
        )
        with self._gateway.registry.engine.connect() as connection:
            return list(connection.execute(query))

    async def run_once(self) -> int:
        """One pass over the held events; how many were released."""
        held = await to_thread.run_sync(self.held)
        if not held:
            return 0
        accounts: dict[tuple[str, str], list[Any]] = {}
        for row in held:
            accounts.setdefault((row.vendor, row.account or GATEWAY_ACCOUNT), []).append(row)
        for (vendor, account), rows in accounts.items():
            if any(self._owner_of(vendor, account, row) is None for row in rows):
                await self._learn(vendor, account)
        now = self._gateway.registry.clock()
        tied: list[tuple[str, Owner]] = []
        released: list[str] = []
        for row in held:
            owner = self._owner_of(row.vendor, row.account or GATEWAY_ACCOUNT, row)
            if owner is not None:
                tied.append((row.id, owner))
            elif now - row.received_at >= self._give_up_after:
                released.append(row.id)
        if tied or released:
            await to_thread.run_sync(self._release, tied, released)
        if released:
            _log.info("%d call event(s) matched no campaign's calls; published without a campaign", len(released))
        return len(tied) + len(released)

    def _owner_of(self, vendor: str, account: str, row: Any) -> Owner | None:
        call_id = row.data.get("vendor_call_id") if isinstance(row.data, dict) else None
        return self._owners.get((vendor, account, str(call_id))) if call_id else None

    async def _learn(self, vendor: str, account: str) -> None:
        """List the calls of the account's live campaigns at `vendor`."""
        try:
            adapter = await self._gateway.live_adapter_async(vendor, account or None)
        except GatewayError as error:  # not configured (any more): the events wait, then go untied
            _log.warning("cannot list %s calls for account %r: %s", vendor, account, error.detail)
            return
        live = await to_thread.run_sync(self._candidates, vendor, account)
        # The campaigns listed longest ago first, none again within `relist_after`: with more
        # live campaigns than a pass lists, every one gets its turn, and the vendor is not asked
        # for the same list every second while an event waits.
        now = time.monotonic()
        due = [c for c in live if now - self._listed_at.get(c.id, float("-inf")) >= self._relist_after_s]
        due.sort(key=lambda campaign: self._listed_at.get(campaign.id, float("-inf")))
        if len(self._listed_at) > _CANDIDATES * 10:  # bounded: an hour-old listing no longer matters
            self._listed_at = {key: at for key, at in self._listed_at.items() if now - at < 3600}
        for campaign in due[: self._campaigns_per_pass]:
            self._listed_at[campaign.id] = now
            owner = Owner(campaign.id, campaign.tenant, campaign.vendor_campaign_id)
            try:
                for call_id in await self._calls(adapter, owner.vendor_campaign_id):
                    self._remember((vendor, account, call_id), owner)
            except GatewayError as error:  # the vendor failed: the next pass asks again
                _log.warning("listing the calls of %s campaign %s failed: %s", vendor, campaign.id, error.detail)
                return

    async def _calls(self, adapter: Any, vendor_campaign_id: str) -> list[str]:
        breaker = self._gateway.breakers[adapter.slug]
        found: list[str] = []
        for page in range(1, self._pages + 1):
            breaker.check()
            with breaker.call():
                reply = await adapter.call(adapter.calls_call(vendor_campaign_id, page))
                raise_for_reply(adapter.slug, reply, subject="read")
            ids, more = adapter.answer_call_ids(reply)
            found += ids
            if not more:
                break
        return found

    def _candidates(self, vendor: str, account: str) -> list[Any]:
        """The account's campaigns whose calls may still come: live, or finished within the hour."""
        recently = self._gateway.registry.clock() - _RECENTLY_FINISHED
        query = (
            select(campaigns.c.id, campaigns.c.tenant, campaigns.c.vendor_campaign_id)
            .where(
                campaigns.c.vendor == vendor,
                campaigns.c.dispatch == "accepted",
                campaigns.c.vendor_campaign_id.is_not(None),
                or_(campaigns.c.status.not_in(TERMINAL), campaigns.c.updated_at >= recently),
            )
            .order_by(campaigns.c.updated_at.desc())
            .limit(_CANDIDATES)
        )
        if account != GATEWAY_ACCOUNT:
            query = query.where(campaigns.c.tenant == account)
        with self._gateway.registry.engine.connect() as connection:
            return list(connection.execute(query))

    def _remember(self, key: tuple[str, str, str], owner: Owner) -> None:
        self._owners[key] = owner
        self._owners.move_to_end(key)
        while len(self._owners) > self._remembered:
            self._owners.popitem(last=False)

    def _release(self, tied: Iterable[tuple[str, Owner]], released: Iterable[str]) -> None:
        with self._gateway.registry.transaction() as connection:
            for event_id, owner in tied:
                connection.execute(
                    update(events)
                    .where(events.c.id == event_id, events.c.held.is_(True))
                    .values(
                        held=False,
                        campaign_id=owner.campaign_id,
                        tenant=owner.tenant,
                        vendor_campaign_id=owner.vendor_campaign_id,
                    )
                )
            ids = list(released)
            if ids:
                connection.execute(
                    update(events).where(events.c.id.in_(ids), events.c.held.is_(True)).values(held=False)
                )
