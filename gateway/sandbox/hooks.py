"""Sandbox vendors send their documented webhooks as their campaigns progress (EVENTS.md).

A sender thread looks at each configured vendor's campaigns every step, through the vendor's
own read operations (the lifecycle's answers, as a client of the vendor would see them), and
POSTs what became final since the last look, shaped and signed as the vendor documents it:

- smallest: `post-conversation` per finished call, `X-Signature` = hex HMAC-SHA256 of the body;
- volubile: the call object per completed or failed call; `X-Webhook-Signature` as HMAC-SHA256
  hex of the body (our reading of its Java sample; the gateway does not verify it);
- clerk: `message.sent|delivered|failed` per message status, and one STOP reply per campaign,
  in `{eventId, type, teamId, data}`, with the static `Authorization` header when configured.

Like the sandbox, it knows the vendors by their docs only (no adapter). Sending runs on its own
thread, so the sandbox's request handling never waits for it; a failed POST is logged and the
hook is not sent again (Smallest does not retry either).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from gateway.sandbox.lifecycle import LifeRequest, VendorLife

__all__ = ["HOOK_VENDORS", "HookSender", "HookTarget"]

_log = logging.getLogger("gateway.sandbox.hooks")
_PAGE = 100
_TEAM = "sandbox-team"


@dataclass(frozen=True)
class HookTarget:
    """Where a sandbox vendor sends its webhooks, and the secret it signs with."""

    url: str
    secret: str | None = None


@dataclass(frozen=True)
class _Hook:
    key: str
    body: dict[str, Any]


def _pages(life: VendorLife, template: str, query: dict[str, str], items: Callable[[Any], list[Any]]) -> Iterator[Any]:
    page = 1
    while True:
        answer = life.answer(LifeRequest("get", template, query={**query, "page": str(page)}))
        found = items(answer.body) if answer is not None and answer.status == 200 else []
        yield from found
        if len(found) < _PAGE:
            return
        page += 1


def _smallest(life: VendorLife) -> Iterator[_Hook]:
    logs = _pages(life, "/conversation", {"limit": str(_PAGE)}, lambda body: body["data"]["logs"])
    for log in logs:
        if log["status"] not in ("completed", "no_answer", "failed", "cancelled", "busy"):  # still going
            continue
        call_id = log["callId"]
        ended = log.get("createdAt")
        yield _Hook(
            f"smallest:{call_id}",
            {
                "url": "",
                "description": "sandbox webhook",
                "event": f"{log.get('agentId')}.post-conversation",
                "id": uuid.uuid4().hex[:24],
                "metadata": {
                    "agentId": log.get("agentId"),
                    "eventType": "post-conversation",
                    "conversationType": "telephonyOutbound",
                    "callId": call_id,
                    "recordingUrl": f"https://sandbox.invalid/recordings/{call_id}.wav",
                    "callData": {
                        "fromNumber": log.get("from"),
                        "toNumber": log.get("to"),
                        "callDuration": float(log.get("duration") or 0),
                        "callStatus": log["status"],
                        "callDirection": "telephony_outbound",
                        "answerTime": ended,
                        "endTime": ended,
                    },
                    "transcript": [],
                    "variables": {},
                },
            },
        )


def _volubile(life: VendorLife) -> Iterator[_Hook]:
    for call in _pages(life, "/v1/calls", {"size": str(_PAGE)}, lambda body: body["content"]):
        if call.get("status") != "IN_PROGRESS":
            yield _Hook(f"volubile:{call['id']}", call)


def _clerk(life: VendorLife) -> Iterator[_Hook]:
    replied: set[str] = set()
    for message in _pages(life, "/public/messages", {"limit": "50"}, lambda body: body["data"]):
        status = message.get("status")
        if status not in ("sent", "delivered", "failed"):
            continue
        envelope = {"eventId": str(uuid.uuid4()), "type": f"message.{status}", "teamId": _TEAM, "data": message}
        yield _Hook(f"clerk:{message['id']}:{status}", envelope)
        campaign = str(message.get("campaignId"))
        if status == "delivered" and campaign not in replied:
            replied.add(campaign)
            member = next((m for m in message.get("members", []) if m != message.get("sender")), None)
            reply = {
                **message,
                "id": f"{message['id']}-reply",
                "body": "STOP",
                "inbound": True,
                "members": [member, message.get("sender")],
                "sender": member,
                "status": "received",
            }
            yield _Hook(
                f"clerk:{campaign}:opt-out",
                {"eventId": str(uuid.uuid4()), "type": "message.received", "teamId": _TEAM, "data": reply},
            )


HOOK_VENDORS: dict[str, Callable[[VendorLife], Iterator[_Hook]]] = {
    "smallest": _smallest,
    "volubile": _volubile,
    "clerk": _clerk,
}
"""The sandbox vendors that send webhooks (the others document none)."""


def _headers(vendor: str, raw: bytes, secret: str | None) -> dict[str, str]:
    headers = {"Content-Type": "application/json", "User-Agent": f"campaign-gateway-sandbox/{vendor}"}
    if vendor == "smallest" and secret:
        headers["X-Signature"] = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    elif vendor == "volubile" and secret:
        headers["X-Webhook-Signature"] = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    elif vendor == "clerk" and secret:
        name, separator, value = secret.partition(":")
        headers.update({name.strip(): value.strip()} if separator else {"Authorization": secret})
    return headers


class HookSender:
    """Sends each configured vendor's new webhooks every `interval_s` seconds, on its own thread."""

    def __init__(self, life_of: Callable[[str], VendorLife | None], interval_s: float) -> None:
        self._life_of = life_of
        self._interval_s = interval_s
        self._targets: dict[str, HookTarget] = {}
        self._sent: set[str] = set()
        self._lock = threading.Lock()
        self._looking = threading.Lock()  # one look at a time (the thread's, or a test's)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._client = httpx.Client(timeout=5.0)

    def send_to(self, vendor: str, target: HookTarget) -> None:
        """Send `vendor`'s webhooks to `target` from now on (and start the thread)."""
        if vendor not in HOOK_VENDORS:
            raise ValueError(f"the sandbox's {vendor} sends no webhooks")
        with self._lock:
            self._targets[vendor] = target
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="sandbox-hooks", daemon=True)
                self._thread.start()

    def tick(self) -> int:
        """One look at every configured vendor: send what is new; how many hooks were sent."""
        with self._lock:
            targets = dict(self._targets)
        sent = 0
        with self._looking:
            for vendor, target in targets.items():
                sent += self._look(vendor, target)
        return sent

    def _look(self, vendor: str, target: HookTarget) -> int:
        life = self._life_of(vendor)
        if life is None:
            return 0
        sent = 0
        for hook in list(HOOK_VENDORS[vendor](life)):
            if hook.key not in self._sent:
                self._sent.add(hook.key)
                sent += self._post(vendor, target, hook)
        return sent

    def close(self) -> None:
        """Stop the thread (a POST under way finishes first)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._client.close()

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self.tick()
            except Exception:  # a sandbox helper: one bad look must not end the thread
                _log.exception("sandbox webhooks: a look at the campaigns failed")

    def _post(self, vendor: str, target: HookTarget, hook: _Hook) -> int:
        raw = json.dumps(hook.body).encode()
        try:
            response = self._client.post(target.url, content=raw, headers=_headers(vendor, raw, target.secret))
        except httpx.HTTPError as exc:
            _log.warning("sandbox %s webhook to %s failed: %s", vendor, target.url, exc)
            return 0
        if response.status_code >= 300:
            _log.warning("sandbox %s webhook answered %s: %s", vendor, response.status_code, response.text[:200])
            return 0
        return 1
