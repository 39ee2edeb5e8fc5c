"""One vendor call under the registry: record first, send once, record the outcome.

Both POST routes run through `dispatch()`. The campaign is committed `in_flight` before the
vendor is called (a request that cannot be recorded is never sent); the answer the client gets
is stored with the outcome, so an Idempotency-Key replays it byte for byte. The vendor call
runs on the event loop, and the registry's writes off it (they block).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import Response

from gateway.api.problems import PROBLEM_JSON, problem_response
from gateway.breaker import Breaker
from gateway.errors import GatewayError
from gateway.observe import DISPATCH, REPLAYS, current_request
from gateway.store.registry import Begun, Finish, Registry, Replay, fingerprint

__all__ = ["Answer", "dispatch"]

_log = logging.getLogger("gateway.dispatch")


@dataclass
class Answer:
    """What a route answers after a vendor call, plus what the registry records about it."""

    status: int
    body: bytes
    content_type: str
    outcome: Finish
    headers: dict[str, str] = field(default_factory=dict)


async def dispatch(
    registry: Registry,
    breaker: Breaker,
    *,
    tenant: str,
    vendor: str,
    route: str,
    name: str | None,
    request: Any,
    idempotency_key: str | None,
    send: Callable[[Begun], Awaitable[Answer]],
) -> Response:
    """Record, send at most once, record the outcome, answer (or replay an earlier answer)."""
    context = current_request.get()
    if context is not None:
        context.tenant, context.vendor = tenant, vendor
    breaker.check()  # an open circuit answers 503 before anything is recorded
    begun = await registry.begin_async(
        tenant=tenant,
        vendor=vendor,
        route=route,
        name=name,
        request=request,
        request_fingerprint=fingerprint(route, vendor, request),
        idempotency_key=idempotency_key,
    )
    if isinstance(begun, Replay):
        REPLAYS.inc()
        return Response(
            begun.body, status_code=begun.status, media_type=begun.content_type, headers={"Idempotent-Replayed": "true"}
        )
    try:
        with breaker.call():
            answer = await send(begun)
    except GatewayError as error:
        status, body, _headers = problem_response(error, context.path if context is not None else None)
        await _record(
            registry,
            begun,
            Finish(
                dispatch="unknown" if error.may_exist else "rejected",
                response_status=status,
                response_body=body,
                response_type=PROBLEM_JSON,
                problem=error.to_problem(),
            ),
            vendor,
        )
        raise
    except BaseException:
        # A bug after the write-ahead (or a cancelled request): whether the vendor acted is not known.
        await _record(
            registry,
            begun,
            Finish(dispatch="unknown", response_status=500, response_body=b"", response_type=PROBLEM_JSON),
            vendor,
        )
        raise
    await _record(registry, begun, answer.outcome, vendor)
    return Response(answer.body, status_code=answer.status, media_type=answer.content_type, headers=answer.headers)


async def _record(registry: Registry, begun: Begun, outcome: Finish, vendor: str) -> None:
    DISPATCH.labels(vendor, outcome.dispatch).inc()
    try:
        await registry.finish_async(begun.campaign_id, outcome)
    except SQLAlchemyError:  # the vendor call already happened: answer the client, leave the row in flight
        _log.exception("could not record the outcome of campaign %s; it stays in_flight", begun.campaign_id)
