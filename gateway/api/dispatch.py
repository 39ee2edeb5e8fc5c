"""One vendor call under the registry: record first, send once, settle the outcome in one place.

Every vendor call that may change something runs through `dispatch()`: a create (vendor-neutral
or native) and each action on a campaign (start, pause, resume, cancel, a native delete). The
call is committed `in_flight` before the vendor is called (a request that cannot be recorded is
never sent), in the ledger its `begin` writes to: the campaigns, or the campaign's actions; the answer the client gets
is stored with the outcome, so an Idempotency-Key replays it byte for byte: this is the HTTP
edge, where a vendor error becomes its problem+json. The vendor call runs on the event loop,
and the registry's writes off it (they block).

How an outcome settles (`settle_error`, `settle_relayed`; the flags are the error tree's):

====================================================  =========  ================  ==============
what happened                                         dispatch   Idempotency-Key   keyless repeat
====================================================  =========  ================  ==============
a 2xx: the vendor's acceptance, whatever its body     accepted   replays it        409 within
                                                                                   the guard
a 4xx but 429: a definitive refusal                   rejected   replays it        sent
`try_later`: 429, 503, a refused connection, the      rejected   released: the     sent
vendor's calls at their cap, our credential refused              retry is sent
`may_exist`: another 5xx, the deadline or a cut       unknown    replays it        409 within
connection after sending, a bug mid-call                                           the guard
====================================================  =========  ================  ==============

A campaign still with the vendor is refused the same way: 409 for its key, and 409 for a
keyless identical request within the guard (gateway/store/registry.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from starlette.responses import Response

from gateway.api.problems import PROBLEM_JSON, problem_response
from gateway.breaker import Breaker
from gateway.errors import GatewayError
from gateway.observe import DISPATCH, REPLAYS, current_request
from gateway.store.outcome import fit_content_type, raw_answer
from gateway.store.registry import Begun, Finish, Replay
from gateway.vendors._base import VendorReply

__all__ = ["Answer", "Ledger", "dispatch", "relayed", "replayed", "settle_error", "settle_relayed"]

_log = logging.getLogger(__name__)
# Pauses before the outcome's write is tried again while the database cannot be reached: the
# vendor has answered, so the outcome is worth a short wait (the client's answer waits with it).
_RECORD_PAUSES = (0.1, 0.4, 1.0)


@dataclass
class Answer:
    """What a route answers after a vendor call, plus what the registry records about it."""

    status: int
    body: bytes
    content_type: str
    outcome: Finish
    headers: dict[str, str] = field(default_factory=dict)
    release_key: bool = False


class Ledger(Protocol):
    """Where a call's outcome is recorded: the registry (a create) or the actions' ledger."""

    async def settle_async(self, begun: Begun, outcome: Finish, *, release: bool) -> None:
        """Record `outcome` for what `begun` recorded in flight; free its key if `release`."""


def settle_error(error: GatewayError) -> tuple[str, bool]:
    """The dispatch for a failed call, and whether its Idempotency-Key is released."""
    if error.may_exist:
        return "unknown", False
    return "rejected", error.try_later


def settle_relayed(status: int) -> tuple[str, bool]:
    """The dispatch for a vendor answer relayed as it is (a 2xx or 4xx), and whether its key is released."""
    if 200 <= status < 300:
        return "accepted", False
    return "rejected", status == 429  # a rate limit says "later": the same request may then pass


async def dispatch(
    ledger: Ledger,
    breaker: Breaker,
    *,
    tenant: str,
    vendor: str,
    begin: Callable[[], Awaitable[Begun | Replay]],
    send: Callable[[Begun], Awaitable[Answer]],
) -> Response:
    """Record, send at most once, record the outcome, answer (or replay an earlier answer)."""
    context = current_request.get()
    if context is not None:
        context.tenant, context.vendor = tenant, vendor
    breaker.check()  # an open circuit answers 503 before anything is recorded
    begun = await begin()
    if isinstance(begun, Replay):
        return replayed(begun)
    try:
        with breaker.call():
            answer = await send(begun)
    except GatewayError as error:
        status, body, _headers = problem_response(error, context.path if context is not None else None)
        settled, release = settle_error(error)
        failed = Finish(settled, status, body, PROBLEM_JSON, problem=error.to_problem())
        await _record(ledger, begun, failed, vendor, release=release)
        raise
    except BaseException:
        # A bug after the write-ahead (or a cancelled request): whether the vendor acted is not known.
        await _record(ledger, begun, Finish("unknown", 500, b"", PROBLEM_JSON), vendor, release=False)
        raise
    await _record(ledger, begun, answer.outcome, vendor, release=answer.release_key)
    return Response(answer.body, status_code=answer.status, media_type=answer.content_type, headers=answer.headers)


def relayed(reply: VendorReply, accepted: Callable[[], dict[str, Any]]) -> Answer:
    """A vendor's 2xx or 4xx answered as it is, with what the registry records of it.

    `accepted` gives the campaign's fields to record when the vendor accepted (read only then).
    """
    content_type = fit_content_type(reply.content_type)  # the same when a replay sends it again
    settled, release = settle_relayed(reply.status)
    outcome = Finish(
        dispatch=settled,
        response_status=reply.status,
        response_body=reply.content,
        response_type=content_type,
        vendor_response=raw_answer(reply.status, reply.content, reply.content_type),
        **(accepted() if settled == "accepted" else {}),
    )
    headers = {"Retry-After": reply.retry_after} if reply.retry_after else {}
    return Answer(reply.status, reply.content, content_type, outcome, headers, release_key=release)


def replayed(replay: Replay) -> Response:
    """The stored answer to an earlier request with the same Idempotency-Key, marked as such."""
    REPLAYS.inc()
    return Response(
        replay.body, status_code=replay.status, media_type=replay.content_type, headers={"Idempotent-Replayed": "true"}
    )


async def _record(ledger: Ledger, begun: Begun, outcome: Finish, vendor: str, *, release: bool) -> None:
    """Write the outcome; nothing stays `in_flight` once the vendor has answered, if it can be helped.

    A write the database refuses for its values is written again without them (the dispatch and
    the client's answer are what a replay and reconciliation need); one that cannot reach the
    database is tried again a few times. Only then is the row left in flight, for the next
    start's settling to mark `unknown`.
    """
    DISPATCH.labels(vendor, outcome.dispatch).inc()
    attempt, pauses = outcome, iter(_RECORD_PAUSES)
    while True:
        try:
            await ledger.settle_async(begun, attempt, release=release)
            return
        except (OperationalError, InterfaceError) as exc:
            pause = next(pauses, None)
            if pause is None:
                _log.error(
                    "could not record the outcome of campaign %s (%s); it stays in_flight", begun.campaign_id, exc
                )
                return
            await asyncio.sleep(pause)
        except SQLAlchemyError:
            if attempt is not outcome:
                _log.exception("could not record the outcome of campaign %s; it stays in_flight", begun.campaign_id)
                return
            _log.exception(
                "the database refused the outcome of campaign %s; recorded without the vendor's answer",
                begun.campaign_id,
            )
            attempt = _bare(outcome)


def _bare(outcome: Finish) -> Finish:
    """The outcome without what the vendor said: the dispatch and the client's answer only."""
    return replace(
        outcome,
        status=None,
        vendor_status=None,
        vendor_campaign_id=None,
        recipients_count=None,
        scheduled_at=None,
        problem=None,
        progress=None,
        vendor_response={"unstorable": True},
    )
